//! `tacit import`: the files of FORMATS.md into the store.
//!
//! Reading turns each line into a record or a [`LineError`]; resolving checks
//! every record and its references and builds one [`ImportBatch`]; the store
//! writes that batch in one transaction. A bad line never half-imports.
//! [`run`] is the workflow around that (read, write, refresh, audit) for the
//! web app and the command; [`jobs`] keeps the web app's imports.

pub mod jobs;
mod read;
pub mod records;
mod resolve;
pub mod run;

use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::store::{ImportCounts, Store};

pub use read::{FileKind, read_file, read_from};
pub use resolve::resolve;

/// One rejected line: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

/// A record with the place it came from.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub file: String,
    pub line: usize,
    pub record: T,
}

/// Everything read from the files of one import.
#[derive(Debug, Default)]
pub struct Parsed {
    pub skills: Vec<Located<records::SkillRecord>>,
    pub people: Vec<Located<records::PersonRecord>>,
    pub communities: Vec<Located<records::CommunityRecord>>,
    pub evidence: Vec<Located<records::EvidenceRecord>>,
    pub interviews: Vec<Located<records::InterviewRecord>>,
    pub errors: Vec<LineError>,
}

impl Parsed {
    pub fn record_count(&self) -> usize {
        self.skills.len()
            + self.people.len()
            + self.communities.len()
            + self.evidence.len()
            + self.interviews.len()
    }
}

/// What an import did.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub records: usize,
    pub accepted: usize,
    pub rejected: Vec<LineError>,
    /// False when `--strict` refused to write because some line was bad.
    pub committed: bool,
    pub changed: ImportCounts,
    /// People whose e-mail address the import changed (audited).
    #[serde(rename = "emailChanges")]
    pub email_changes: Vec<String>,
}

/// Something to tell the person watching: a phase and how far it is.
pub trait Progress: Send + Sync {
    fn phase(&self, name: &str, total: Option<u64>);
    fn advance(&self, n: u64);
    fn finish(&self);
}

/// Progress nobody watches.
pub struct Quiet;

impl Progress for Quiet {
    fn phase(&self, _: &str, _: Option<u64>) {}
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}

/// Reads, checks and writes `files`; with `strict`, any bad line means nothing is written.
pub async fn import_files(
    store: &Arc<dyn Store>,
    files: &[(PathBuf, FileKind)],
    strict: bool,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> anyhow::Result<ImportReport> {
    let mut parsed = Parsed::default();
    // Skills first, then people, then communities and evidence, whatever the order given.
    let mut ordered: Vec<&(PathBuf, FileKind)> = files.iter().collect();
    ordered.sort_by_key(|(_, k)| *k);
    let started = std::time::Instant::now();
    for (path, kind) in ordered {
        read_file(path, *kind, &mut parsed, progress)?;
    }
    tracing::info!(
        ms = started.elapsed().as_millis() as u64,
        "import: files read"
    );
    import_parsed(store, parsed, strict, now, progress).await
}

/// One uploaded file: its name (which says its kind) and content.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub kind: FileKind,
    pub bytes: Vec<u8>,
}

/// Reads uploaded files in import order, as [`import_files`] reads files on disk.
pub fn read_uploads(uploads: &[Upload], progress: &dyn Progress) -> anyhow::Result<Parsed> {
    let mut parsed = Parsed::default();
    let mut ordered: Vec<&Upload> = uploads.iter().collect();
    ordered.sort_by_key(|u| u.kind);
    for u in ordered {
        read_from(
            u.bytes.as_slice(),
            &u.name,
            Some(u.bytes.len() as u64),
            u.kind,
            &mut parsed,
            progress,
        )?;
    }
    Ok(parsed)
}

/// Checks and writes records already read (files, or the demo organisation).
/// Imports are an admin's (or need database access), so they may change
/// anyone's e-mail address; the report lists whose, for the audit log.
pub async fn import_parsed(
    store: &Arc<dyn Store>,
    mut parsed: Parsed,
    strict: bool,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> anyhow::Result<ImportReport> {
    let records = parsed.record_count() + parsed.errors.len();
    progress.phase("checking", Some(parsed.record_count() as u64));
    let started = std::time::Instant::now();
    let (batch, mut rejected) = resolve(store, &mut parsed, now, progress).await?;
    tracing::info!(
        ms = started.elapsed().as_millis() as u64,
        "import: records checked"
    );
    rejected.extend(parsed.errors);
    rejected.sort_by(|a, b| (a.file.as_str(), a.line).cmp(&(b.file.as_str(), b.line)));
    let accepted = records - rejected.len();
    if strict && !rejected.is_empty() {
        progress.finish();
        return Ok(ImportReport {
            records,
            accepted: 0,
            rejected,
            committed: false,
            changed: ImportCounts::default(),
            email_changes: vec![],
        });
    }
    progress.phase("writing", None);
    let started = std::time::Instant::now();
    let changed = store.import_batch(&batch).await?;
    tracing::info!(ms = started.elapsed().as_millis() as u64, "import: written");
    progress.finish();
    Ok(ImportReport {
        records,
        accepted,
        rejected,
        committed: true,
        changed,
        email_changes: batch.email_changes,
    })
}

/// The kind named by a file's name (`people.jsonl`, `hr-people.csv`, ...).
pub fn kind_of(path: &Path) -> Option<FileKind> {
    FileKind::from_name(&path.file_name()?.to_string_lossy())
}
