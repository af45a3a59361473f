//! Imports from the web app: `POST /api/imports` takes the files of
//! FORMATS.md as `multipart/form-data` and runs them in the background;
//! `GET /api/imports/{id}` says how far the import is and, at the end, what
//! it did. The same reader and checks as `tacit import`; one import at a time.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use super::auth as api_auth;
use super::http::json_error;
use crate::auth::policy::audited;
use crate::auth::{Action, Authenticator, Principal, Resource};
use crate::domain::AuditEvent;
use crate::import::{ImportReport, Progress, Upload, import_parsed, kind_of, read_uploads};
use crate::rank::Engine;
use crate::store::Store;

/// The largest upload accepted, all files together. Separate from (and larger
/// than) the limit on GraphQL bodies; bigger imports belong to `tacit import`.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

/// Finished imports kept for `GET /api/imports/{id}`, newest first, until the server restarts.
const KEPT_JOBS: usize = 20;

/// Rejected lines kept in a job's report; the count in `rejectedCount` is always complete.
const KEPT_REJECTED: usize = 10_000;

const NAMES: &str = "people.jsonl, people.csv, skills.jsonl, communities.jsonl, evidence.jsonl \
                     or interviews.jsonl (a prefix such as hr-people.csv is fine)";

#[derive(Clone)]
struct ImportState {
    store: Arc<dyn Store>,
    engine: Arc<Engine>,
    auth: Arc<Authenticator>,
    jobs: Arc<Jobs>,
}

/// `/api/imports` and `/api/imports/{id}`, behind the credential check, with their own body limit.
/// The header the web app adds to its uploads (a CSRF guard).
pub const FROM_THE_APP: &str = "x-tacit-request";

pub fn routes(store: Arc<dyn Store>, engine: Arc<Engine>, auth: Arc<Authenticator>) -> Router {
    let state = ImportState {
        store,
        engine,
        auth: auth.clone(),
        jobs: Arc::new(Jobs::default()),
    };
    Router::new()
        .route("/api/imports", post(start))
        .route("/api/imports/{id}", get(status))
        .route_layer(axum::middleware::from_fn_with_state(
            auth,
            api_auth::require,
        ))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES))
        .with_state(state)
}

/// Where an import is: `reading`, `checking`, `writing`, then `done` or `failed`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct JobState {
    phase: &'static str,
    /// The phase in words, with the file being read.
    step: String,
    done: u64,
    total: Option<u64>,
    finished_at: Option<DateTime<Utc>>,
    /// The same object `tacit import --json` prints.
    report: Option<ImportReport>,
    rejected_count: usize,
    error: Option<String>,
}

/// One import started from the web app.
struct Job {
    id: String,
    started_by: String,
    started_at: DateTime<Utc>,
    files: Vec<String>,
    strict: bool,
    state: Mutex<JobState>,
}

impl Job {
    fn state(&self) -> MutexGuard<'_, JobState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn view(&self) -> serde_json::Value {
        let state = self.state().clone();
        json!({
            "id": self.id,
            "files": self.files,
            "strict": self.strict,
            "startedBy": self.started_by,
            "startedAt": self.started_at,
            "phase": state.phase,
            "step": state.step,
            "done": state.done,
            "total": state.total,
            "finishedAt": state.finished_at,
            "report": state.report,
            "rejectedCount": state.rejected_count,
            "error": state.error,
        })
    }

    fn succeed(&self, mut report: ImportReport) {
        let mut s = self.state();
        s.rejected_count = report.rejected.len();
        report.rejected.truncate(KEPT_REJECTED);
        s.phase = "done";
        s.step = "done".into();
        s.finished_at = Some(Utc::now());
        s.report = Some(report);
    }

    fn fail(&self, message: String) {
        let mut s = self.state();
        s.phase = "failed";
        s.step = "failed".into();
        s.finished_at = Some(Utc::now());
        s.error = Some(message);
    }
}

impl Progress for Job {
    fn phase(&self, name: &str, total: Option<u64>) {
        let mut s = self.state();
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
        let mut s = self.state();
        s.done = s.done.saturating_add(n);
    }

    fn finish(&self) {}
}

/// The last [`KEPT_JOBS`] imports, and whether one is running.
#[derive(Default)]
struct Jobs {
    inner: Mutex<JobsInner>,
}

#[derive(Default)]
struct JobsInner {
    jobs: VecDeque<Arc<Job>>,
    running: Option<String>,
}

/// The id of the import already running.
#[derive(Debug)]
struct Busy(String);

/// Holds the one-import-at-a-time slot; dropping it (even in a panic) frees the slot.
struct Running(Arc<Jobs>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.lock().running = None;
    }
}

impl Jobs {
    fn lock(&self) -> MutexGuard<'_, JobsInner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn running(&self) -> Option<String> {
        self.lock().running.clone()
    }

    /// Registers a new import, unless one is running.
    fn start(
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
            started_at: Utc::now(),
            files,
            strict,
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

    fn get(&self, id: &str) -> Option<Arc<Job>> {
        self.lock().jobs.iter().find(|j| j.id == id).cloned()
    }
}

/// Refuses callers who may not import, through the audited policy check (a
/// read-only credential is refused the action too, as a GraphQL mutation is).
async fn may_import(store: &dyn Store, p: &Principal) -> Option<Response> {
    if audited::check(store, p, Action::ImportRun, Resource::Any)
        .await
        .is_err()
    {
        return Some(json_error(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "importing is for administrators; ask one to run it or to give you the admin role",
        ));
    }
    if !p.can_write() {
        audited::refused(store, p, Action::ImportRun.as_str()).await;
        return Some(json_error(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "this credential may only read; use one with the WRITE scope to import",
        ));
    }
    None
}

fn bad(message: &str) -> Response {
    json_error(StatusCode::BAD_REQUEST, "BAD_REQUEST", message)
}

fn too_large() -> Response {
    json_error(
        StatusCode::PAYLOAD_TOO_LARGE,
        "PAYLOAD_TOO_LARGE",
        &format!(
            "the files are larger than {} MiB together; import them in parts, or with `tacit import` on the server",
            MAX_UPLOAD_BYTES >> 20
        ),
    )
}

fn busy(id: &str) -> Response {
    json_error(
        StatusCode::CONFLICT,
        "CONFLICT",
        &format!(
            "another import is running (/api/imports/{id}); wait for it to finish, then start yours"
        ),
    )
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> Response {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        bad(&format!("the upload could not be read: {}", e.body_text()))
    }
}

/// The files and `strict` field of the form.
async fn read_form(mut form: Multipart) -> Result<(Vec<Upload>, bool), Response> {
    let mut uploads = Vec::new();
    let mut strict = false;
    while let Some(field) = form.next_field().await.map_err(multipart_error)? {
        let field_name = field.name().unwrap_or_default().to_string();
        match field.file_name().map(str::to_string) {
            Some(file_name) => {
                let name = Path::new(&file_name)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let bytes = field.bytes().await.map_err(multipart_error)?;
                if name.is_empty() && bytes.is_empty() {
                    // A file input left empty.
                    continue;
                }
                let Some(kind) = kind_of(Path::new(&name)) else {
                    return Err(bad(&format!(
                        "cannot tell what '{name}' holds; name it {NAMES}"
                    )));
                };
                uploads.push(Upload {
                    name,
                    kind,
                    bytes: bytes.to_vec(),
                });
            }
            None if field_name == "strict" => {
                let value = field.text().await.map_err(multipart_error)?;
                strict = matches!(
                    value.trim().to_ascii_lowercase().as_str(),
                    "true" | "1" | "on" | "yes"
                );
            }
            None => {
                return Err(bad(&format!(
                    "unexpected form field '{field_name}'; send the files, and strict=true to commit nothing if a line is bad"
                )));
            }
        }
    }
    if uploads.is_empty() {
        return Err(bad(&format!("choose at least one file to import: {NAMES}")));
    }
    Ok((uploads, strict))
}

/// `POST /api/imports`: starts an import; `202` with where to watch it.
async fn start(
    State(state): State<ImportState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    if let Some(refused) = may_import(&*state.store, &principal).await {
        return refused;
    }
    // A cross-site form can post multipart with the session cookie, but it
    // cannot add a header: the web app sends this one, scripts use a bearer token.
    let cookie_only = !headers.contains_key(header::AUTHORIZATION);
    if cookie_only && !headers.contains_key(FROM_THE_APP) {
        return json_error(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            &format!(
                "uploads signed in by cookie must carry the {FROM_THE_APP} header (the web app sends it)"
            ),
        );
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_UPLOAD_BYTES) {
        return too_large();
    }
    // Refuse before reading a large upload that could not run anyway.
    if let Some(id) = state.jobs.running() {
        return busy(&id);
    }
    let form = match form {
        Ok(f) => f,
        Err(_) => {
            return bad(&format!(
                "send the files as multipart/form-data, each named {NAMES}"
            ));
        }
    };
    let (uploads, strict) = match read_form(form).await {
        Ok(u) => u,
        Err(response) => return response,
    };
    let files: Vec<String> = uploads.iter().map(|u| u.name.clone()).collect();
    let (job, running) = match state.jobs.start(principal.actor(), files, strict) {
        Ok(j) => j,
        Err(Busy(id)) => return busy(&id),
    };
    let id = job.id.clone();
    tracing::info!(job = %id, files = ?job.files, strict, "import started from the web app");
    tokio::spawn(async move {
        let work = tokio::spawn(run(state.clone(), job.clone(), uploads, principal));
        if let Err(e) = work.await {
            tracing::error!(error = %e, job = %job.id, "an import stopped unexpectedly");
            job.fail("the import stopped unexpectedly; nothing more will happen to it. Check the server log, then try again".into());
        }
        drop(running);
    });
    let location = format!("/api/imports/{id}");
    (
        StatusCode::ACCEPTED,
        [(header::LOCATION, location.clone())],
        Json(json!({ "id": id, "status": location })),
    )
        .into_response()
}

/// Reads, checks and writes the uploads, then brings the graph up to date and audits.
async fn run(state: ImportState, job: Arc<Job>, uploads: Vec<Upload>, principal: Principal) {
    let progress = job.clone();
    let read = tokio::task::spawn_blocking(move || read_uploads(&uploads, &*progress)).await;
    let parsed = match read {
        Ok(Ok(parsed)) => parsed,
        Ok(Err(e)) => {
            // A file that cannot be read at all (a CSV without its header row): the person can fix it.
            finish_failed(
                &state,
                &job,
                &principal,
                format!("{e:#}; nothing was written"),
            )
            .await;
            return;
        }
        Err(e) => {
            tracing::error!(error = %e, "reading an upload stopped");
            finish_failed(
                &state,
                &job,
                &principal,
                "reading the files stopped unexpectedly; nothing was written".into(),
            )
            .await;
            return;
        }
    };
    match import_parsed(&state.store, parsed, job.strict, &*job).await {
        Ok(report) => {
            if report.committed {
                job.phase("updating the search index", None);
                // Roles and statuses may have changed; search must see the new records.
                state.auth.forget();
                if let Err(e) = state.engine.sync().await {
                    tracing::warn!(error = %e, "graph update after an import failed; it catches up shortly");
                }
            }
            let event = AuditEvent::new(principal.actor(), "import.run", None).detail(json!({
                "job": job.id,
                "files": job.files,
                "strict": job.strict,
                "records": report.records,
                "accepted": report.accepted,
                "rejected": report.rejected.len(),
                "committed": report.committed,
                "changed": report.changed,
                "emailChanges": report.email_changes.len(),
                "emailChangedFor": report.email_changes.iter().take(1_000).map(|id| format!("person:{id}")).collect::<Vec<_>>(),
            }));
            audit(&state, &event).await;
            job.succeed(report);
        }
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), job = %job.id, "import failed");
            finish_failed(
                &state,
                &job,
                &principal,
                "the records could not be written, so nothing was changed; check the server log, then try again".into(),
            )
            .await;
        }
    }
}

async fn finish_failed(state: &ImportState, job: &Job, principal: &Principal, message: String) {
    let event = AuditEvent::new(principal.actor(), "import.run", None)
        .outcome("failed")
        .detail(
            json!({ "job": job.id, "files": job.files, "strict": job.strict, "error": message }),
        );
    audit(state, &event).await;
    job.fail(message);
}

async fn audit(state: &ImportState, event: &AuditEvent) {
    if let Err(e) = state.store.audit(event).await {
        tracing::error!(error = %e, "cannot write an import to the audit log");
    }
}

/// `GET /api/imports/{id}`: the import's phase, progress and, once done, its report.
async fn status(
    State(state): State<ImportState>,
    Extension(principal): Extension<Principal>,
    UrlPath(id): UrlPath<String>,
) -> Response {
    if let Some(refused) = may_import(&*state.store, &principal).await {
        return refused;
    }
    match state.jobs.get(&id) {
        Some(job) => Json(job.view()).into_response(),
        None => json_error(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            &format!(
                "no import {id} here; the server keeps its last {KEPT_JOBS} imports until it restarts"
            ),
        ),
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
        drop(running);
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
        assert!(jobs.get(&ids[0]).is_none());
        assert!(jobs.get(&ids[4]).is_none());
        assert!(jobs.get(&ids[5]).is_some());
        assert!(jobs.get(&ids[KEPT_JOBS + 4]).is_some());
    }

    #[test]
    fn progress_names_the_phase() {
        let jobs = Arc::new(Jobs::default());
        let (job, _running) = jobs
            .start("person:a".into(), vec![], false)
            .unwrap_or_else(|_| panic!("nothing running"));
        job.phase("reading people.jsonl", Some(100));
        job.advance(40);
        assert_eq!(job.view()["phase"], "reading");
        assert_eq!(job.view()["done"], 40);
        assert_eq!(job.view()["total"], 100);
        job.phase("checking", Some(3));
        assert_eq!(job.view()["phase"], "checking");
        assert_eq!(job.view()["done"], 0);
    }
}
