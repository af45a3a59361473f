//! Imports from the web app: `POST /api/imports` takes the files of
//! FORMATS.md as `multipart/form-data` and runs them in the background;
//! `GET /api/imports/{id}` says how far the import is and, at the end, what
//! it did. The same reader and checks as `tacit import`; one import at a time.

use std::path::Path;
use std::sync::Arc;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde_json::json;

use super::auth as api_auth;
use super::http::json_error;
use crate::auth::policy::{Action, Resource, audited};
use crate::auth::{Authenticator, Principal};
use crate::domain::Clock;
use crate::import::jobs::{Busy, Job, Jobs, KEPT_JOBS};
use crate::import::run;
use crate::import::{Upload, kind_of};
use crate::rank::Engine;
use crate::store::Store;

/// The largest upload accepted, all files together. Separate from (and larger
/// than) the limit on GraphQL bodies; bigger imports belong to `tacit import`.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

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

pub fn routes(
    store: Arc<dyn Store>,
    engine: Arc<Engine>,
    auth: Arc<Authenticator>,
    clock: Clock,
) -> Router {
    let state = ImportState {
        store,
        engine,
        auth: auth.clone(),
        jobs: Arc::new(Jobs::new(clock)),
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

/// What `GET /api/imports/{id}` says of an import.
fn view(job: &Job) -> serde_json::Value {
    let state = job.state();
    json!({
        "id": job.id,
        "files": job.files,
        "strict": job.strict,
        "startedBy": job.started_by,
        "startedAt": job.started_at,
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
    let (engine, auth) = (state.engine.clone(), state.auth.clone());
    let refresh = async move {
        // Roles and statuses may have changed; search must see the new records.
        super::after_write(Some(&auth), &engine).await;
    };
    run::spawn(
        state.store.clone(),
        principal,
        job,
        running,
        uploads,
        refresh,
    );
    let location = format!("/api/imports/{id}");
    (
        StatusCode::ACCEPTED,
        [(header::LOCATION, location.clone())],
        Json(json!({ "id": id, "status": location })),
    )
        .into_response()
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
        Some(job) => Json(view(&job)).into_response(),
        None => json_error(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            &format!(
                "no import {id} here; the server keeps its last {KEPT_JOBS} imports until it restarts"
            ),
        ),
    }
}
