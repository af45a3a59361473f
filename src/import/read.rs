//! Reading JSON Lines and CSV files into records, line by line.

use std::io::{BufRead, BufReader};
use std::path::Path;

use serde::de::DeserializeOwned;

use super::records::{PersonRecord, PersonSkillRecord};
use super::{LineError, Located, Parsed, Progress};

/// What a file holds. The order is the import order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum FileKind {
    Skills,
    People,
    PeopleCsv,
    Communities,
    Evidence,
    Interviews,
}

impl FileKind {
    /// From a file name, optionally prefixed: `people.jsonl`, `hr-people.csv`.
    pub fn from_name(name: &str) -> Option<FileKind> {
        let lower = name.to_ascii_lowercase();
        let kinds = [
            ("people.csv", FileKind::PeopleCsv),
            ("people.jsonl", FileKind::People),
            ("skills.jsonl", FileKind::Skills),
            ("communities.jsonl", FileKind::Communities),
            ("evidence.jsonl", FileKind::Evidence),
            ("interviews.jsonl", FileKind::Interviews),
        ];
        kinds
            .into_iter()
            .find(|(suffix, _)| {
                lower == *suffix
                    || lower.ends_with(&format!("-{suffix}"))
                    || lower.ends_with(&format!("_{suffix}"))
            })
            .map(|(_, k)| k)
    }
}

/// Reads one file into `parsed`; an unreadable file is an error, a bad line is not.
pub fn read_file(
    path: &Path,
    kind: FileKind,
    parsed: &mut Parsed,
    progress: &dyn Progress,
) -> anyhow::Result<()> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| anyhow::anyhow!("cannot open {name}: {e}"))?;
    let size = file.metadata().map(|m| m.len()).ok();
    let reader = BufReader::with_capacity(1 << 20, file);
    read_from(reader, &name, size, kind, parsed, progress)
}

/// Reads one file's content (from disk or an upload) into `parsed`; `name` is
/// what rejected lines are reported against, `size` its length in bytes if known.
pub fn read_from(
    reader: impl BufRead,
    name: &str,
    size: Option<u64>,
    kind: FileKind,
    parsed: &mut Parsed,
    progress: &dyn Progress,
) -> anyhow::Result<()> {
    progress.phase(&format!("reading {name}"), size);
    let name = name.to_string();
    match kind {
        FileKind::PeopleCsv => read_people_csv(reader, &name, parsed, progress),
        FileKind::People => read_jsonl(
            reader,
            &name,
            &mut parsed.people,
            &mut parsed.errors,
            progress,
        ),
        FileKind::Skills => read_jsonl(
            reader,
            &name,
            &mut parsed.skills,
            &mut parsed.errors,
            progress,
        ),
        FileKind::Communities => read_jsonl(
            reader,
            &name,
            &mut parsed.communities,
            &mut parsed.errors,
            progress,
        ),
        FileKind::Evidence => read_jsonl(
            reader,
            &name,
            &mut parsed.evidence,
            &mut parsed.errors,
            progress,
        ),
        FileKind::Interviews => read_jsonl(
            reader,
            &name,
            &mut parsed.interviews,
            &mut parsed.errors,
            progress,
        ),
    }
}

fn read_jsonl<T: DeserializeOwned>(
    reader: impl BufRead,
    file: &str,
    out: &mut Vec<Located<T>>,
    errors: &mut Vec<LineError>,
    progress: &dyn Progress,
) -> anyhow::Result<()> {
    for (i, line) in reader.split(b'\n').enumerate() {
        let line_no = i + 1;
        let bytes = line.map_err(|e| anyhow::anyhow!("{file}: read error: {e}"))?;
        progress.advance(bytes.len() as u64 + 1);
        let Ok(text) = std::str::from_utf8(&bytes) else {
            errors.push(LineError {
                file: file.into(),
                line: line_no,
                reason: "not valid UTF-8".into(),
            });
            continue;
        };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match serde_json::from_str::<T>(text) {
            Ok(record) => out.push(Located {
                file: file.into(),
                line: line_no,
                record,
            }),
            Err(e) => errors.push(LineError {
                file: file.into(),
                line: line_no,
                reason: json_reason(&e),
            }),
        }
    }
    Ok(())
}

fn json_reason(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    // serde_json appends " at line 1 column N"; the line is ours to report.
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    if e.is_syntax() || e.is_eof() {
        format!("not valid JSON: {msg}")
    } else {
        msg
    }
}

fn read_people_csv(
    reader: impl BufRead,
    file: &str,
    parsed: &mut Parsed,
    progress: &dyn Progress,
) -> anyhow::Result<()> {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(reader);
    let headers = csv
        .headers()
        .map_err(|e| anyhow::anyhow!("{file}: cannot read the header row: {e}"))?
        .clone();
    for required in ["id", "name"] {
        if !headers.iter().any(|h| h == required) {
            anyhow::bail!("{file}: the header row has no '{required}' column");
        }
    }
    for result in csv.records() {
        let (line, row) = match result {
            Ok(row) => (row.position().map_or(0, |p| p.line() as usize), row),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                parsed.errors.push(LineError {
                    file: file.into(),
                    line,
                    reason: format!("not valid CSV: {e}"),
                });
                continue;
            }
        };
        progress.advance(row.as_slice().len() as u64 + 1);
        if row.iter().all(str::is_empty) {
            continue;
        }
        let get = |col: &str| -> Option<String> {
            headers
                .iter()
                .position(|h| h == col)
                .and_then(|i| row.get(i))
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let skills = match get("skills").map(|s| parse_csv_skills(&s)).transpose() {
            Ok(s) => s,
            Err(reason) => {
                parsed.errors.push(LineError {
                    file: file.into(),
                    line,
                    reason,
                });
                continue;
            }
        };
        let record = PersonRecord {
            id: get("id").unwrap_or_default(),
            name: get("name").unwrap_or_default(),
            email: get("email"),
            title: get("title"),
            org_unit: get("org_unit"),
            office: get("office"),
            country: get("country"),
            timezone: get("timezone"),
            manager_id: get("manager_id"),
            status: get("status"),
            leaving_on: get("leaving_on"),
            skills,
            handles: get("handles").map(|h| parse_csv_handles(&h)),
        };
        parsed.people.push(Located {
            file: file.into(),
            line,
            record,
        });
    }
    Ok(())
}

/// `name:value;name:value`; checked with the rest of the record.
fn parse_csv_handles(text: &str) -> std::collections::BTreeMap<String, serde_json::Value> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| match item.split_once(':') {
            Some((name, value)) => (name.trim().to_string(), value.trim().into()),
            None => (item.to_string(), "".into()),
        })
        .collect()
}

/// `name:level;name:level` (the level is optional).
fn parse_csv_skills(text: &str) -> Result<Vec<PersonSkillRecord>, String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| match item.rsplit_once(':') {
            Some((name, level)) => match level.trim().parse::<i64>() {
                Ok(l) => Ok(PersonSkillRecord {
                    skill: name.trim().to_string(),
                    level: Some(l),
                }),
                Err(_) => Err(format!(
                    "skill '{item}': the level after ':' must be a number from 1 to 5"
                )),
            },
            None => Ok(PersonSkillRecord {
                skill: item.to_string(),
                level: None,
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_file_names() {
        assert_eq!(FileKind::from_name("people.jsonl"), Some(FileKind::People));
        assert_eq!(
            FileKind::from_name("hr-people.csv"),
            Some(FileKind::PeopleCsv)
        );
        assert_eq!(
            FileKind::from_name("2024_evidence.jsonl"),
            Some(FileKind::Evidence)
        );
        assert_eq!(FileKind::from_name("notes.txt"), None);
    }

    #[test]
    fn csv_skills() {
        let s = parse_csv_skills("GDPR:4; Records retention").unwrap_or_default();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].level, Some(4));
        assert_eq!(s[1].level, None);
        assert!(parse_csv_skills("GDPR:high").is_err());
    }
}
