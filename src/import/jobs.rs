//! The imports started from the web app: the last [`KEPT_JOBS`], newest
//! first, kept until the server restarts; one running at a time; each with
//! its phase, progress and, at the end, its report or what went wrong.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::Clock;

use super::{ImportReport, Progress};

/// Finished imports kept, newest first, until the server restarts.
pub const KEPT_JOBS: usize = 20;

/// Rejected lines kept in a job's report; the count in `rejected_count` is always complete.
pub const KEPT_REJECTED: usize = 10_000;

/// Where an import is: `reading`, `checking`, `writing`, then `done` or `failed`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobState {
    pub phase: &'static str,
    /// The phase in words, with the file being read.
    pub step: String,
    pub done: u64,
    pub total: Option<u64>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The same object `tacit import --json` prints.
    pub report: Option<ImportReport>,
    pub rejected_count: usize,
    pub error: Option<String>,
}

/// One import: who started it when, with which files, and where it is.
pub struct Job {
    pub id: String,
    pub started_by: String,
    pub started_at: DateTime<Utc>,
    pub files: Vec<String>,
    pub strict: bool,
    clock: Clock,
    state: Mutex<JobState>,
}

impl Job {
    fn lock(&self) -> MutexGuard<'_, JobState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Where the import is now.
    pub fn state(&self) -> JobState {
        self.lock().clone()
    }

    /// Done: keeps the report (its first [`KEPT_REJECTED`] rejected lines).
    pub fn succeed(&self, mut report: ImportReport) {
        let mut s = self.lock();
        s.rejected_count = report.rejected.len();
        report.rejected.truncate(KEPT_REJECTED);
        s.phase = "done";
        s.step = "done".into();
        s.finished_at = Some(self.clock.now());
        s.report = Some(report);
    }

    /// Failed, with what the person who started it should know.
    pub fn fail(&self, message: String) {
        let mut s = self.lock();
        s.phase = "failed";
        s.step = "failed".into();
        s.finished_at = Some(self.clock.now());
        s.error = Some(message);
    }
}

impl Progress for Job {
    fn phase(&self, name: &str, total: Option<u64>) {
        let mut s = self.lock();
        s.phase = if name.starts_with("reading") {
            "reading"
        } else if name == "checking" {
            "checking"
        } else {
            "writing"
        };
        s.step = name.to_string();
        s.done = 0;
        s.total = total;
    }

    fn advance(&self, n: u64) {
        let mut s = self.lock();
        s.done = s.done.saturating_add(n);
    }

    fn finish(&self) {}
}

/// The last [`KEPT_JOBS`] imports, and whether one is running.
#[derive(Default)]
pub struct Jobs {
    clock: Clock,
    inner: Mutex<JobsInner>,
}

#[derive(Default)]
struct JobsInner {
    jobs: VecDeque<Arc<Job>>,
    running: Option<String>,
}

/// Refused: the import with this id is running.
#[derive(Debug)]
pub struct Busy(pub String);

/// Holds the one-import-at-a-time slot; dropping it (even in a panic) frees the slot.
pub struct Running(Arc<Jobs>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.lock().running = None;
    }
}

impl Jobs {
    /// No imports yet; jobs are stamped with `clock`.
    pub fn new(clock: Clock) -> Self {
        Jobs {
            clock,
            inner: Mutex::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, JobsInner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The id of the import running, if one is.
    pub fn running(&self) -> Option<String> {
        self.lock().running.clone()
    }

    /// Registers a new import, unless one is running; forgets the oldest
    /// beyond [`KEPT_JOBS`].
    pub fn start(
        self: &Arc<Self>,
        started_by: String,
        files: Vec<String>,
        strict: bool,
    ) -> Result<(Arc<Job>, Running), Busy> {
        let mut inner = self.lock();
        if let Some(id) = &inner.running {
            return Err(Busy(id.clone()));
        }
        let job = Arc::new(Job {
            id: format!("{:016x}", rand::random::<u64>()),
            started_by,
            started_at: self.clock.now(),
            files,
            strict,
            clock: self.clock.clone(),
            state: Mutex::new(JobState {
                phase: "reading",
                step: "waiting to start".into(),
                done: 0,
                total: None,
                finished_at: None,
                report: None,
                rejected_count: 0,
                error: None,
            }),
        });
        inner.running = Some(job.id.clone());
        inner.jobs.push_front(job.clone());
        inner.jobs.truncate(KEPT_JOBS);
        Ok((job, Running(self.clone())))
    }

    pub fn get(&self, id: &str) -> Option<Arc<Job>> {
        self.lock().jobs.iter().find(|j| j.id == id).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_import_at_a_time() {
        let jobs = Arc::new(Jobs::default());
        let (first, running) = jobs
            .start("person:a".into(), vec!["people.jsonl".into()], false)
            .unwrap_or_else(|_| panic!("the first import starts"));
        let Err(Busy(id)) = jobs.start("person:b".into(), vec![], false) else {
            panic!("a second import started while one was running");
        };
        assert_eq!(id, first.id);
        assert_eq!(jobs.running(), Some(first.id.clone()));
        drop(running);
        assert!(jobs.running().is_none());
        assert!(jobs.start("person:b".into(), vec![], false).is_ok());
    }

    #[test]
    fn keeps_the_last_imports() {
        let jobs = Arc::new(Jobs::default());
        let mut ids = Vec::new();
        for _ in 0..KEPT_JOBS + 5 {
            let (job, running) = jobs
                .start("person:a".into(), vec![], false)
                .unwrap_or_else(|_| panic!("nothing running"));
            ids.push(job.id.clone());
            drop(running);
        }
        assert_eq!(jobs.lock().jobs.len(), KEPT_JOBS);
        assert!(jobs.get(&ids[0]).is_none());
        assert!(jobs.get(&ids[4]).is_none());
        assert!(jobs.get(&ids[5]).is_some());
        assert!(jobs.get(&ids[KEPT_JOBS + 4]).is_some());
    }

    #[test]
    fn progress_names_the_phase_and_the_clock_stamps_it() {
        let clock = Clock::default();
        let jobs = Arc::new(Jobs::new(clock.clone()));
        let (job, _running) = jobs
            .start("person:a".into(), vec![], false)
            .unwrap_or_else(|_| panic!("nothing running"));
        job.phase("reading people.jsonl", Some(100));
        job.advance(40);
        let s = job.state();
        assert_eq!((s.phase, s.done, s.total), ("reading", 40, Some(100)));
        job.phase("checking", Some(3));
        assert_eq!((job.state().phase, job.state().done), ("checking", 0));
        clock.advance(chrono::Duration::days(2));
        job.fail("no".into());
        let s = job.state();
        assert_eq!(s.phase, "failed");
        assert!(s.finished_at.expect("finished") - job.started_at >= chrono::Duration::days(2));
    }
}
