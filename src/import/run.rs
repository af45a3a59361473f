//! An import run: read the files, check and write the records, bring what
//! follows them up to date, and put the run on the audit log. The web app's
//! imports run as [`Job`]s in the background ([`spawn`]); `tacit import`
//! runs [`files`] in the foreground.

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;

use serde_json::json;

use crate::auth::Principal;
use crate::domain::{AuditEvent, Clock};
use crate::store::Store;

use super::jobs::{Job, Running};
use super::{FileKind, ImportReport, Progress, Upload, import_files, import_parsed, read_uploads};

/// Runs `job` on `uploads` in the background, holding the import slot
/// (`running`) until it ends, however it ends. `refresh` runs once records
/// were written: search and cached sign-ins must see them.
pub fn spawn(
    store: Arc<dyn Store>,
    actor: Principal,
    job: Arc<Job>,
    running: Running,
    uploads: Vec<Upload>,
    refresh: impl Future<Output = ()> + Send + 'static,
) {
    tokio::spawn(async move {
        let work = {
            let job = job.clone();
            tokio::spawn(async move { run(&store, &actor, &job, uploads, refresh).await })
        };
        if let Err(e) = work.await {
            tracing::error!(error = %e, job = %job.id, "an import stopped unexpectedly");
            job.fail("the import stopped unexpectedly; nothing more will happen to it. Check the server log, then try again".into());
        }
        drop(running);
    });
}

/// Reads, checks and writes the uploads, then brings what follows the
/// records up to date, audits, and finishes the job (done or failed).
pub async fn run(
    store: &Arc<dyn Store>,
    actor: &Principal,
    job: &Arc<Job>,
    uploads: Vec<Upload>,
    refresh: impl Future<Output = ()>,
) {
    let progress = job.clone();
    let read = tokio::task::spawn_blocking(move || read_uploads(&uploads, &*progress)).await;
    let parsed = match read {
        Ok(Ok(parsed)) => parsed,
        Ok(Err(e)) => {
            // A file that cannot be read at all (a CSV without its header row): the person can fix it.
            let message = format!("{e:#}; nothing was written");
            return failed(store.as_ref(), job, actor, message).await;
        }
        Err(e) => {
            tracing::error!(error = %e, "reading an upload stopped");
            let message = "reading the files stopped unexpectedly; nothing was written";
            return failed(store.as_ref(), job, actor, message.into()).await;
        }
    };
    match import_parsed(store, parsed, job.strict, job.started_at, &**job).await {
        Ok(report) => {
            if report.committed {
                job.phase("updating the search index", None);
                refresh.await;
            }
            let event = run_event(
                actor.actor(),
                Some(&job.id),
                &job.files,
                job.strict,
                &report,
            );
            audit(store.as_ref(), &event).await;
            job.succeed(report);
        }
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), job = %job.id, "import failed");
            let message = "the records could not be written, so nothing was changed; check the server log, then try again";
            failed(store.as_ref(), job, actor, message.into()).await;
        }
    }
}

/// `tacit import`: reads, checks and writes `files` as `actor` (`cli:<user>`)
/// and audits the run as the web app's imports are. A running server sees
/// the records through the change log, as it sees another replica's writes.
pub async fn files(
    store: &Arc<dyn Store>,
    actor: &str,
    clock: &Clock,
    files: &[(PathBuf, FileKind)],
    strict: bool,
    progress: &dyn Progress,
) -> anyhow::Result<ImportReport> {
    let report = import_files(store, files, strict, clock.now(), progress).await?;
    let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
    store
        .audit(&run_event(actor.to_string(), None, &names, strict, &report))
        .await?;
    Ok(report)
}

/// The audit entry of a finished run: the web app's `job`, or `tacit import`.
fn run_event(
    actor: String,
    job: Option<&str>,
    files: &[String],
    strict: bool,
    report: &ImportReport,
) -> AuditEvent {
    AuditEvent::new(actor, "import.run", None).detail(json!({
        "job": job,
        "files": files,
        "strict": strict,
        "records": report.records,
        "accepted": report.accepted,
        "rejected": report.rejected.len(),
        "committed": report.committed,
        "changed": report.changed,
        "emailChanges": report.email_changes.len(),
        "emailChangedFor": email_changed_for(report),
    }))
}

/// Whose address changed, as audit targets; the first thousand.
fn email_changed_for(report: &ImportReport) -> Vec<String> {
    report
        .email_changes
        .iter()
        .take(1_000)
        .map(|id| format!("person:{id}"))
        .collect()
}

async fn failed(store: &dyn Store, job: &Job, actor: &Principal, message: String) {
    let event = AuditEvent::new(actor.actor(), "import.run", None)
        .outcome("failed")
        .detail(
            json!({ "job": job.id, "files": job.files, "strict": job.strict, "error": message }),
        );
    audit(store, &event).await;
    job.fail(message);
}

async fn audit(store: &dyn Store, event: &AuditEvent) {
    if let Err(e) = store.audit(event).await {
        tracing::error!(error = %e, "cannot write an import to the audit log");
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};

    use super::*;
    use crate::domain::{Clock, Role};
    use crate::import::jobs::Jobs;
    use crate::store::testing::{demo, principal};

    const PEOPLE: &str = r#"{"id": "e9001", "name": "Fergal Moore", "email": "fergal.moore@example.org", "office": "Belfast", "country": "GB", "timezone": "Europe/London"}
"#;

    fn upload(name: &str, text: &str) -> Upload {
        Upload {
            name: name.into(),
            kind: crate::import::kind_of(std::path::Path::new(name)).expect("kind"),
            bytes: text.as_bytes().to_vec(),
        }
    }

    async fn runs(store: &dyn Store) -> Vec<crate::domain::AuditEntry> {
        store
            .audit_page(&Default::default(), None, 50)
            .await
            .expect("audit log")
            .into_iter()
            .filter(|e| e.action == "import.run")
            .collect()
    }

    #[tokio::test]
    async fn a_run_writes_refreshes_audits_and_finishes_the_job() {
        let (_dir, store) = demo(10).await;
        let admin = principal("e9000", Role::Admin);
        let jobs = Arc::new(Jobs::new(Clock::default()));
        let (job, _running) = jobs
            .start(admin.actor(), vec!["people.jsonl".into()], false)
            .unwrap_or_else(|_| panic!("nothing running"));
        let refreshed = AtomicBool::new(false);
        let refresh = async { refreshed.store(true, Ordering::SeqCst) };
        run(
            &store,
            &admin,
            &job,
            vec![upload("people.jsonl", PEOPLE)],
            refresh,
        )
        .await;
        let state = job.state();
        assert_eq!(state.phase, "done", "{state:?}");
        assert_eq!(state.report.expect("report").accepted, 1);
        assert!(
            refreshed.load(Ordering::SeqCst),
            "search follows the records"
        );
        assert!(store.person("e9001").await.expect("read").is_some());
        let audited = runs(store.as_ref()).await;
        assert_eq!(audited.len(), 1);
        assert_eq!(audited[0].outcome, "ok");
        assert_eq!(audited[0].actor, "person:e9000");
        assert!(audited[0].detail.contains(&job.id));
    }

    #[tokio::test]
    async fn an_unreadable_file_fails_the_job_and_writes_nothing() {
        let (_dir, store) = demo(10).await;
        let admin = principal("e9000", Role::Admin);
        let jobs = Arc::new(Jobs::default());
        let (job, _running) = jobs
            .start(admin.actor(), vec!["people.csv".into()], false)
            .unwrap_or_else(|_| panic!("nothing running"));
        let refreshed = AtomicBool::new(false);
        let refresh = async { refreshed.store(true, Ordering::SeqCst) };
        run(
            &store,
            &admin,
            &job,
            vec![upload("people.csv", "")],
            refresh,
        )
        .await;
        let state = job.state();
        assert_eq!(state.phase, "failed", "{state:?}");
        assert!(state.error.expect("error").ends_with("nothing was written"));
        assert!(!refreshed.load(Ordering::SeqCst));
        let audited = runs(store.as_ref()).await;
        assert_eq!(audited.len(), 1);
        assert_eq!(audited[0].outcome, "failed");
    }
}
