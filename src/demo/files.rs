//! Writing the demo organisation as import files, so it can be read, edited and
//! imported, with an evaluation set for it.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use serde::Serialize;

use crate::eval::{write_qrels, write_queries};

/// Creates `dir/name` and hands `write` a buffered writer to it.
fn write_file(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut BufWriter<File>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let path = dir.join(name);
    let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = BufWriter::new(file);
    write(&mut out)
        .and_then(|()| out.flush().map_err(Into::into))
        .with_context(|| format!("cannot write {}", path.display()))
}

fn write_jsonl<T: Serialize>(dir: &Path, name: &str, records: &[T]) -> anyhow::Result<()> {
    write_file(dir, name, |out| {
        for r in records {
            serde_json::to_writer(&mut *out, r)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })
}

/// Writes `skills.jsonl`, `people.jsonl`, `communities.jsonl` and `evidence.jsonl`
/// into `dir`, and an evaluation set for them (FORMATS.md): `queries.jsonl` and
/// `qrels.txt` in TREC format (see [`super::evaluation`]). The same arguments
/// always write the same bytes.
pub fn write_files(dir: &Path, seed: u64, people: usize, today: NaiveDate) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create directory {}", dir.display()))?;
    let org = super::generate(seed, people, today);
    write_jsonl(dir, "skills.jsonl", &org.skills)?;
    write_jsonl(dir, "people.jsonl", &org.people)?;
    write_jsonl(dir, "communities.jsonl", &org.communities)?;
    write_jsonl(dir, "evidence.jsonl", &org.evidence)?;
    let (queries, qrels) = super::evaluation(&org, seed);
    write_file(dir, "queries.jsonl", |out| write_queries(out, &queries))?;
    write_file(dir, "qrels.txt", |out| write_qrels(out, &qrels))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{read_qrels, read_queries};

    const FILES: [&str; 6] = [
        "skills.jsonl",
        "people.jsonl",
        "communities.jsonl",
        "evidence.jsonl",
        "queries.jsonl",
        "qrels.txt",
    ];

    #[test]
    fn the_same_seed_writes_the_same_files_and_they_read_back() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 15).expect("valid date");
        let a = tempfile::tempdir().expect("temp dir");
        let b = tempfile::tempdir().expect("temp dir");
        write_files(a.path(), 4, 120, today).expect("written");
        write_files(b.path(), 4, 120, today).expect("written");
        for name in FILES {
            let first = std::fs::read(a.path().join(name)).expect("written");
            let second = std::fs::read(b.path().join(name)).expect("written");
            assert!(!first.is_empty(), "{name} is empty");
            assert!(first == second, "{name} differs between two runs");
        }

        let org = crate::demo::generate(4, 120, today);
        let (queries, qrels) = crate::demo::evaluation(&org, 4);
        assert_eq!(queries.len(), 40);
        assert_eq!(
            read_queries(&a.path().join("queries.jsonl")).expect("valid"),
            queries
        );
        assert_eq!(
            read_qrels(&a.path().join("qrels.txt")).expect("valid"),
            qrels
        );
        let qrels_text = std::fs::read_to_string(a.path().join("qrels.txt")).expect("written");
        let first = qrels_text.lines().next().unwrap_or_default();
        let fields: Vec<&str> = first.split(' ').collect();
        assert!(
            matches!(fields.as_slice(), ["q1", "0", person, "1" | "2"] if person.starts_with('e')),
            "{first}"
        );
    }
}
