//! Writing an evaluation set back out in the formats [`super::read`] accepts.

use std::io::Write;

use super::qrels::Qrels;
use super::read::EvalQuery;

/// One JSON object per line; `asker_id` is left out when absent.
pub fn write_queries(out: &mut impl Write, queries: &[EvalQuery]) -> anyhow::Result<()> {
    for query in queries {
        serde_json::to_writer(&mut *out, query)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// TREC qrels, `q1 0 e00001 2`: queries in the order they were first judged,
/// people by id within a query.
pub fn write_qrels(out: &mut impl Write, qrels: &Qrels) -> anyhow::Result<()> {
    for (query, judgments) in qrels.iter() {
        for (person, relevance) in judgments.iter() {
            writeln!(out, "{query} 0 {person} {relevance}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::read::{parse_qrels, parse_queries};

    #[test]
    fn what_is_written_reads_back_the_same() {
        let queries = vec![
            EvalQuery {
                id: "q1".into(),
                text: "Who knows about \"UK GDPR\"?".into(),
                asker_id: Some("e00007".into()),
            },
            EvalQuery {
                id: "q2".into(),
                text: "Retention of HR files".into(),
                asker_id: None,
            },
        ];
        let mut qrels = Qrels::default();
        qrels.insert("q2", "e00003", 1);
        qrels.insert("q1", "e00002", 2);
        qrels.insert("q1", "e00001", 1);

        let mut text = Vec::new();
        write_queries(&mut text, &queries).expect("written");
        let text = String::from_utf8(text).expect("UTF-8");
        assert!(text.lines().nth(1).is_some_and(|l| !l.contains("asker_id")));
        assert_eq!(
            parse_queries(text.as_bytes(), "queries.jsonl").expect("valid"),
            queries
        );

        let mut lines = Vec::new();
        write_qrels(&mut lines, &qrels).expect("written");
        let lines = String::from_utf8(lines).expect("UTF-8");
        assert_eq!(lines, "q2 0 e00003 1\nq1 0 e00001 1\nq1 0 e00002 2\n");
        assert_eq!(
            parse_qrels(lines.as_bytes(), "qrels.txt").expect("valid"),
            qrels
        );
    }
}
