//! Writing the demo organisation as import files, so it can be read, edited and imported.

use std::io::{BufWriter, Write};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

fn write_jsonl<T: Serialize>(dir: &Path, name: &str, records: &[T]) -> anyhow::Result<()> {
    let path = dir.join(name);
    let mut out = BufWriter::new(std::fs::File::create(&path)?);
    for r in records {
        serde_json::to_writer(&mut out, r)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Writes `skills.jsonl`, `people.jsonl`, `communities.jsonl` and `evidence.jsonl` into `dir`.
pub fn write_files(dir: &Path, seed: u64, people: usize, today: NaiveDate) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let org = super::generate(seed, people, today);
    write_jsonl(dir, "skills.jsonl", &org.skills)?;
    write_jsonl(dir, "people.jsonl", &org.people)?;
    write_jsonl(dir, "communities.jsonl", &org.communities)?;
    write_jsonl(dir, "evidence.jsonl", &org.evidence)?;
    Ok(())
}
