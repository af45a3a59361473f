//! `GET /api/audit.csv`: a filtered view of the audit log as a CSV file
//! (admins), with the same filters as the `auditLog` query: `actor`,
//! `target`, `action`, `from` and `until` (dates, `YYYY-MM-DD`). The export
//! is itself audited.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use chrono::NaiveDate;
use serde::Deserialize;

use super::auth as api_auth;
use super::http::json_error;
use crate::access::audit_log::{Wanted, export_csv};
use crate::auth::policy::{Action, Resource, audited};
use crate::auth::{Authenticator, Principal};
use crate::error::ApiError;
use crate::store::Store;

#[derive(Debug, Deserialize)]
struct Params {
    actor: Option<String>,
    target: Option<String>,
    action: Option<String>,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
}

pub fn routes(store: Arc<dyn Store>, auth: Arc<Authenticator>) -> Router {
    Router::new()
        .route("/api/audit.csv", get(export))
        .route_layer(axum::middleware::from_fn_with_state(
            auth,
            api_auth::require,
        ))
        .with_state(store)
}

async fn export(
    State(store): State<Arc<dyn Store>>,
    Extension(principal): Extension<Principal>,
    params: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Response {
    if audited::check(&*store, &principal, Action::AuditExport, Resource::Any)
        .await
        .is_err()
    {
        return json_error(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "the audit log is for administrators",
        );
    }
    let Ok(Query(p)) = params else {
        return json_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "the filters are actor, target, action, from and until (dates as YYYY-MM-DD)",
        );
    };
    let wanted = Wanted {
        actor: p.actor,
        target: p.target,
        action: p.action,
        from: p.from,
        until: p.until,
    };
    match export_csv(&*store, &principal, &wanted).await {
        Ok((csv, _)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"tacit-audit-log.csv\"",
                ),
            ],
            csv,
        )
            .into_response(),
        Err(refusal) => {
            let e = ApiError::from(refusal);
            json_error(e.status(), e.code(), &e.message())
        }
    }
}
