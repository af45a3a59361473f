//! `/auth/oidc/login` and `/auth/oidc/callback`: the browser sign-in through
//! the identity provider (the protocol is in `auth::oidc_flow`). Every
//! outcome is a redirect: to where the person was going, or to
//! `/signin?error=<code>`, which the web app explains in plain words.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use serde_json::json;

use super::auth::{cookie, session_cookie};
use crate::auth::oidc_flow::{
    CALLBACK_PATH, FailureKind, FlowFailure, LOGIN_PATH, OidcFlow, PENDING_SECONDS, Pending,
    safe_next,
};
use crate::auth::{Authenticator, Principal};
use crate::domain::AuditEvent;

/// The record of a sign-in in progress: HttpOnly, SameSite=Lax (it must come
/// back with the provider's top-level redirect), only under `/auth/oidc`.
const FLOW_COOKIE: &str = "tacit_oidc";
const FLOW_COOKIE_PATH: &str = "/auth/oidc";

pub fn routes() -> Router<Arc<Authenticator>> {
    Router::new()
        .route(LOGIN_PATH, get(login))
        .route(CALLBACK_PATH, get(callback))
}

#[derive(Deserialize)]
struct LoginQuery {
    next: Option<String>,
}

#[derive(Deserialize, Default)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

async fn login(State(auth): State<Arc<Authenticator>>, req: Request) -> Response {
    let Some(flow) = auth.oidc() else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let next = Query::<LoginQuery>::try_from_uri(req.uri())
        .ok()
        .and_then(|q| q.0.next);
    match flow.start(next.as_deref()) {
        Ok(started) => {
            let mut res = redirect(&started.location);
            let cookie = flow_cookie(&started.cookie, PENDING_SECONDS, flow.secure_cookies());
            res.headers_mut().append(header::SET_COOKIE, cookie);
            res
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot start a browser sign-in");
            failed(flow, FailureKind::Unavailable, next.as_deref())
        }
    }
}

async fn callback(State(auth): State<Arc<Authenticator>>, req: Request) -> Response {
    let Some(flow) = auth.oidc() else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let query = Query::<CallbackQuery>::try_from_uri(req.uri())
        .map(|q| q.0)
        .unwrap_or_default();
    let pending = cookie(req.headers(), FLOW_COOKIE).and_then(|c| flow.pending(c));
    let peer = Some(super::client::address_of(&req));
    let next = pending.as_ref().map(|p| safe_next(Some(&p.next)));
    let had_record = pending.is_some();
    match finish(&auth, flow, pending, query).await {
        Ok((secret, principal, age)) => {
            tracing::info!(person = ?principal.person_id, "signed in through the identity provider");
            let mut res = redirect(next.as_deref().unwrap_or("/"));
            let headers = res.headers_mut();
            headers.append(
                header::SET_COOKIE,
                session_cookie(&secret, age, flow.secure_cookies()),
            );
            headers.append(
                header::SET_COOKIE,
                flow_cookie("", 0, flow.secure_cookies()),
            );
            res
        }
        Err(failure) => {
            let kind = failure.kind;
            if kind == FailureKind::Unavailable {
                tracing::warn!(reason = %failure.reason, "browser sign-in could not finish");
            } else {
                tracing::info!(code = kind.code(), reason = %failure.reason, "browser sign-in refused");
            }
            let refusal = matches!(
                kind,
                FailureKind::State
                    | FailureKind::Token
                    | FailureKind::UnknownPerson
                    | FailureKind::Left
            );
            if refusal && had_record {
                audit_refusal(&auth, peer, &failure).await;
            }
            failed(flow, kind, next.as_deref())
        }
    }
}

/// The callback's steps, in order; any failure stops them.
async fn finish(
    auth: &Authenticator,
    flow: &OidcFlow,
    pending: Option<Pending>,
    query: CallbackQuery,
) -> Result<(String, Principal, i64), FlowFailure> {
    if let Some(error) = query.error {
        let error: String = error
            .chars()
            .filter(char::is_ascii_graphic)
            .take(60)
            .collect();
        let kind = match error.as_str() {
            "access_denied" | "login_required" | "consent_required" | "interaction_required" => {
                FailureKind::Denied
            }
            _ => FailureKind::Provider,
        };
        return Err(kind.with(format!("the identity provider answered {error}")));
    }
    let pending = pending.ok_or_else(|| {
        FailureKind::State.with("no sign-in in progress in this browser (no record, or it expired)")
    })?;
    flow.consume(&pending, query.state.as_deref())?;
    let code = query
        .code
        .filter(|c| !c.is_empty())
        .ok_or_else(|| FailureKind::Provider.with("the callback has no code"))?;
    let id_token = flow.exchange(&code, &pending.verifier).await?;
    auth.sign_in_oidc(&id_token, &pending.nonce).await
}

async fn audit_refusal(auth: &Authenticator, peer: Option<String>, failure: &FlowFailure) {
    let event = AuditEvent::new("anonymous", "sign_in", None)
        .outcome("denied")
        .detail(json!({
            "reason": failure.reason,
            "via": "oidc",
            "address": peer,
            "path": CALLBACK_PATH,
        }));
    if let Err(e) = auth.store().audit(&event).await {
        tracing::error!(error = %e, "cannot write a refused sign-in to the audit log");
    }
}

/// Back to the sign-in page with a short reason, keeping where the person
/// was going; the record of the sign-in is cleared.
fn failed(flow: &OidcFlow, kind: FailureKind, next: Option<&str>) -> Response {
    let mut params = vec![("error", kind.code().to_string())];
    let next = safe_next(next);
    if next != "/" {
        params.push(("next", next));
    }
    let location = reqwest::Url::parse_with_params("http://tacit.invalid/signin", &params)
        .ok()
        .and_then(|u| u.query().map(|q| format!("/signin?{q}")))
        .unwrap_or_else(|| format!("/signin?error={}", kind.code()));
    let mut res = redirect(&location);
    res.headers_mut().append(
        header::SET_COOKIE,
        flow_cookie("", 0, flow.secure_cookies()),
    );
    res
}

fn redirect(location: &str) -> Response {
    let location = HeaderValue::from_str(location).unwrap_or(HeaderValue::from_static("/"));
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, location),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
    )
        .into_response()
}

fn flow_cookie(value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let text = format!(
        "{FLOW_COOKIE}={value}; HttpOnly; SameSite=Lax; Path={FLOW_COOKIE_PATH}; Max-Age={max_age}{secure}"
    );
    HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static(""))
}
