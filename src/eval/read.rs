//! Reading `queries.jsonl` and TREC qrels as FORMATS.md defines them.
//!
//! Every bad line is collected, with its file, line number and reason, and all of
//! them are returned together as one [`BadLines`] error: a partial evaluation set
//! would give misleading scores.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use super::qrels::Qrels;
use crate::import::LineError;

/// One line of `queries.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvalQuery {
    pub id: String,
    pub text: String,
    /// The person asking, who is never returned for their own question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asker_id: Option<String>,
}

/// The bad lines of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLines {
    pub file: String,
    pub errors: Vec<LineError>,
}

impl std::fmt::Display for BadLines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.errors.len();
        let s = if n == 1 { "" } else { "s" };
        write!(f, "{}: {n} bad line{s}", self.file)?;
        for e in &self.errors {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BadLines {}

/// Reads `queries.jsonl`; see [`parse_queries`].
pub fn read_queries(path: &Path) -> anyhow::Result<Vec<EvalQuery>> {
    let file = open(path)?;
    parse_queries(file, &path.display().to_string())
}

/// Reads TREC qrels; see [`parse_qrels`].
pub fn read_qrels(path: &Path) -> anyhow::Result<Qrels> {
    let file = open(path)?;
    parse_qrels(file, &path.display().to_string())
}

fn open(path: &Path) -> anyhow::Result<BufReader<std::fs::File>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    Ok(BufReader::new(file))
}

/// Parses JSON Lines of `{"id", "text", "asker_id"?}`. Blank lines are skipped;
/// an empty `id` or `text`, an empty `asker_id` and a repeated `id` are errors.
/// Bad lines come back as a [`BadLines`] error naming `file`.
pub fn parse_queries(reader: impl BufRead, file: &str) -> anyhow::Result<Vec<EvalQuery>> {
    let mut queries = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    let mut errors = Vec::new();
    for_each_line(reader, file, &mut errors, |line_no, text| {
        let query = parse_query(text)?;
        if let Some(first) = first_line.get(&query.id) {
            return Err(format!(
                "duplicate query id {:?} (first on line {first})",
                query.id
            ));
        }
        first_line.insert(query.id.clone(), line_no);
        queries.push(query);
        Ok(())
    })?;
    finish(file, errors, queries)
}

fn parse_query(text: &str) -> Result<EvalQuery, String> {
    let query: EvalQuery = serde_json::from_str(text).map_err(|e| json_reason(&e))?;
    if query.id.trim().is_empty() {
        return Err("\"id\" is empty".into());
    }
    if query.text.trim().is_empty() {
        return Err(format!("query {:?}: \"text\" is empty", query.id));
    }
    if query
        .asker_id
        .as_deref()
        .is_some_and(|a| a.trim().is_empty())
    {
        return Err(format!(
            "query {:?}: \"asker_id\" is empty (leave it out or use null)",
            query.id
        ));
    }
    Ok(query)
}

/// Parses TREC qrels: `query_id unused person_id relevance` per line, separated by
/// any whitespace. The relevance is a whole number ≥ 0 (0 not relevant, 1
/// relevant, 2 highly relevant; higher grades are kept as gains). Judging the same
/// person twice for one query is an error. Bad lines come back as a [`BadLines`]
/// error naming `file`.
pub fn parse_qrels(reader: impl BufRead, file: &str) -> anyhow::Result<Qrels> {
    let mut qrels = Qrels::default();
    let mut first_line: HashMap<(String, String), usize> = HashMap::new();
    let mut errors = Vec::new();
    for_each_line(reader, file, &mut errors, |line_no, text| {
        let (query, person, relevance) = parse_judgment(text)?;
        let key = (query.to_owned(), person.to_owned());
        if let Some(first) = first_line.get(&key) {
            return Err(format!(
                "person {person:?} is judged twice for query {query:?} (first on line {first})"
            ));
        }
        first_line.insert(key, line_no);
        qrels.insert(query, person, relevance);
        Ok(())
    })?;
    finish(file, errors, qrels)
}

fn parse_judgment(text: &str) -> Result<(&str, &str, u32), String> {
    let fields: Vec<&str> = text.split_whitespace().collect();
    let &[query, _unused, person, relevance] = fields.as_slice() else {
        return Err(format!(
            "expected 4 fields \"query_id unused person_id relevance\", found {}",
            fields.len()
        ));
    };
    let relevance = match relevance.parse::<i64>() {
        Ok(r) if r < 0 => {
            return Err(format!(
                "relevance must be 0, 1 or 2 (or a higher grade), found {r}"
            ));
        }
        Ok(r) => u32::try_from(r).map_err(|_| format!("relevance {r} is too large"))?,
        Err(_) => {
            return Err(format!(
                "relevance must be a whole number (0, 1 or 2), found {relevance:?}"
            ));
        }
    };
    Ok((query, person, relevance))
}

/// Calls `parse` with the number and trimmed text of each non-blank line, and
/// records its error, if any, against that line. Only a read error stops early.
fn for_each_line(
    reader: impl BufRead,
    file: &str,
    errors: &mut Vec<LineError>,
    mut parse: impl FnMut(usize, &str) -> Result<(), String>,
) -> anyhow::Result<()> {
    for (i, line) in reader.split(b'\n').enumerate() {
        let line_no = i + 1;
        let bytes = line.with_context(|| format!("{file}: read error at line {line_no}"))?;
        let reason = match std::str::from_utf8(&bytes) {
            Err(_) => Some("not valid UTF-8".to_owned()),
            Ok(text) if text.trim().is_empty() => None,
            Ok(text) => parse(line_no, text.trim()).err(),
        };
        if let Some(reason) = reason {
            errors.push(LineError {
                file: file.to_owned(),
                line: line_no,
                reason,
            });
        }
    }
    Ok(())
}

fn finish<T>(file: &str, errors: Vec<LineError>, value: T) -> anyhow::Result<T> {
    if errors.is_empty() {
        Ok(value)
    } else {
        Err(BadLines {
            file: file.to_owned(),
            errors,
        }
        .into())
    }
}

fn json_reason(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    // serde_json appends " at line 1 column N"; the line is ours to report.
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
    if e.is_syntax() || e.is_eof() {
        format!("not valid JSON: {msg}")
    } else {
        msg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad_lines(result: anyhow::Result<impl std::fmt::Debug>) -> BadLines {
        let err = result.expect_err("the input has bad lines");
        err.downcast::<BadLines>().expect("a BadLines error")
    }

    fn lines_and_reasons(bad: &BadLines) -> Vec<(usize, &str)> {
        bad.errors
            .iter()
            .map(|e| (e.line, e.reason.as_str()))
            .collect()
    }

    #[test]
    fn reads_queries_skipping_blank_lines_and_unknown_fields() {
        let input = concat!(
            "{\"id\": \"q1\", \"text\": \"Who knows GDPR?\", \"asker_id\": \"e3\"}\n",
            "\n",
            "   \n",
            "{\"id\": \"q2\", \"text\": \"Retention of HR files\", \"asker_id\": null, \"topic\": 7}\n",
            "{\"id\": \"q3\", \"text\": \"Cloud costs\"}",
        );
        let queries = parse_queries(input.as_bytes(), "queries.jsonl").expect("valid");
        assert_eq!(
            queries,
            vec![
                EvalQuery {
                    id: "q1".into(),
                    text: "Who knows GDPR?".into(),
                    asker_id: Some("e3".into())
                },
                EvalQuery {
                    id: "q2".into(),
                    text: "Retention of HR files".into(),
                    asker_id: None
                },
                EvalQuery {
                    id: "q3".into(),
                    text: "Cloud costs".into(),
                    asker_id: None
                },
            ]
        );
    }

    #[test]
    fn reports_every_bad_query_line_with_its_number() {
        let input = concat!(
            "{\"id\": \"q1\", \"text\": \"fine\"}\n",
            "{\"id\": \"q2\", \"text\": \n",
            "\n",
            "{\"id\": \"q3\"}\n",
            "{\"id\": \"q1\", \"text\": \"again\"}\n",
            "{\"id\": \"q4\", \"text\": \"  \"}\n",
            "{\"id\": \"q5\", \"text\": \"x\", \"asker_id\": \"\"}\n",
            "{\"id\": 6, \"text\": \"x\"}\n",
        );
        let bad = bad_lines(parse_queries(input.as_bytes(), "q.jsonl"));
        assert_eq!(bad.file, "q.jsonl");
        let got = lines_and_reasons(&bad);
        let lines: Vec<usize> = got.iter().map(|&(l, _)| l).collect();
        assert_eq!(lines, [2, 4, 5, 6, 7, 8]);
        assert!(got[0].1.starts_with("not valid JSON"), "{}", got[0].1);
        assert!(got[1].1.contains("missing field `text`"), "{}", got[1].1);
        assert_eq!(got[2].1, "duplicate query id \"q1\" (first on line 1)");
        assert!(got[3].1.contains("\"text\" is empty"), "{}", got[3].1);
        assert!(got[4].1.contains("\"asker_id\" is empty"), "{}", got[4].1);
        assert!(got[5].1.contains("invalid type"), "{}", got[5].1);
        let message = bad.to_string();
        assert!(message.starts_with("q.jsonl: 6 bad lines"), "{message}");
        assert!(
            message.contains("\n  q.jsonl:5: duplicate query id"),
            "{message}"
        );
    }

    #[test]
    fn reads_qrels_with_any_whitespace() {
        let input = "q1 0 e1 2\nq1\t0\te2  1\n\nq2 0 e1 0\r\nq1 Q0 e3 0\n";
        let qrels = parse_qrels(input.as_bytes(), "qrels.txt").expect("valid");
        let q1 = qrels.get("q1").expect("q1 judged");
        assert_eq!(
            q1.iter().collect::<Vec<_>>(),
            [("e1", 2), ("e2", 1), ("e3", 0)]
        );
        assert_eq!(q1.relevant_count(), 2);
        let q2 = qrels.get("q2").expect("q2 judged");
        assert!(!q2.has_relevant());
        assert_eq!(
            qrels.iter().map(|(q, _)| q).collect::<Vec<_>>(),
            ["q1", "q2"]
        );
        assert!(qrels.get("q3").is_none());
    }

    #[test]
    fn reports_every_bad_qrels_line_with_its_number() {
        let input = concat!(
            "q1 0 e1 2\n",
            "q1 0 e2\n",
            "q1 0 e3 high\n",
            "q1 0 e4 -1\n",
            "\n",
            "q1 0 e1 1\n",
            "q1 0 e5 1 extra\n",
            "q2 0 e1 1\n",
        );
        let bad = bad_lines(parse_qrels(input.as_bytes(), "qrels.txt"));
        assert_eq!(
            lines_and_reasons(&bad),
            [
                (
                    2,
                    "expected 4 fields \"query_id unused person_id relevance\", found 3"
                ),
                (
                    3,
                    "relevance must be a whole number (0, 1 or 2), found \"high\""
                ),
                (
                    4,
                    "relevance must be 0, 1 or 2 (or a higher grade), found -1"
                ),
                (
                    6,
                    "person \"e1\" is judged twice for query \"q1\" (first on line 1)"
                ),
                (
                    7,
                    "expected 4 fields \"query_id unused person_id relevance\", found 5"
                ),
            ]
        );
        assert!(bad.to_string().contains("\n  qrels.txt:3: relevance"));
    }

    #[test]
    fn invalid_utf8_is_a_bad_line_not_a_failure() {
        let input: &[u8] = b"q1 0 e1 2\nq1 0 \xff\xfe 1\nq2 0 e2 1\n";
        let bad = bad_lines(parse_qrels(input, "qrels.txt"));
        assert_eq!(lines_and_reasons(&bad), [(2, "not valid UTF-8")]);
    }

    #[test]
    fn a_missing_file_is_a_clear_error() {
        let err = read_queries(Path::new("/nonexistent/queries.jsonl")).expect_err("no such file");
        assert!(
            err.to_string()
                .starts_with("cannot open /nonexistent/queries.jsonl"),
            "{err}"
        );
    }
}
