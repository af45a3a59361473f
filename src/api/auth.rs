//! Sign-in over HTTP: the credential check in front of the API, and the
//! `/auth/*` routes the web app uses (configuration, who am I, development
//! sign-in, sign-out; the identity provider's sign-in is in `oidc.rs`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use tower_governor::GovernorError;
use tower_governor::key_extractor::KeyExtractor;

use super::graphql::ids::{Kind, encode};
use super::http::{is_json, json_error};
use crate::auth::{AuthFailure, Authenticator, Credential, Principal, secret};
use crate::domain::{Office, Person, Role};
use crate::store::{PageRequest, PeopleFilter};

/// The browser session cookie: HttpOnly, SameSite=Strict.
pub const COOKIE: &str = "tacit_session";

/// The credential a request carries, if any.
pub fn credential(headers: &HeaderMap) -> Option<Credential<'_>> {
    if let Some(v) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        let (scheme, token) = v.trim().split_once(' ')?;
        return scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| Credential::Bearer(token.trim()));
    }
    cookie(headers, COOKIE).map(Credential::Session)
}

/// The value of the cookie `name`, from any `Cookie` header.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Why a request's credential was not turned into a principal.
pub enum NotSignedIn {
    /// No credential, or one refused (audited): 401.
    Unauthenticated(&'static str),
    /// The store cannot check it now: 503.
    Unavailable,
}

/// The request's credential as a [`Principal`]; refused credentials are
/// written to the audit log.
pub fn principal_of<'a>(
    auth: &'a Authenticator,
    req: &'a Request,
) -> impl Future<Output = Result<Principal, NotSignedIn>> + Send + 'a {
    // Taken before awaiting: a request's body is not `Sync`, its headers are.
    let address = super::client::address_of(req);
    let path = req.uri().path().to_string();
    let headers: &HeaderMap = req.headers();
    async move { checked(auth, headers, &address, &path).await }
}

async fn checked(
    auth: &Authenticator,
    headers: &HeaderMap,
    address: &str,
    path: &str,
) -> Result<Principal, NotSignedIn> {
    let Some(c) = credential(headers) else {
        return Err(NotSignedIn::Unauthenticated("sign in first"));
    };
    match auth.authenticate(c).await {
        Ok(p) => Ok(p),
        Err(AuthFailure::Refused(reason)) => {
            auth.refused(address, &reason, path).await;
            Err(NotSignedIn::Unauthenticated(
                "your credential was not accepted; sign in again",
            ))
        }
        Err(AuthFailure::Unavailable(e)) => {
            tracing::error!(error = %e, "cannot check a credential");
            Err(NotSignedIn::Unavailable)
        }
    }
}

/// Turns the credential into a [`Principal`] in the request's extensions, or
/// answers 401. A provisioning token (scope `scim` alone) is for `/scim/v2`
/// only: 403 here.
pub async fn require(
    State(auth): State<Arc<Authenticator>>,
    mut req: Request,
    next: Next,
) -> Response {
    match principal_of(&auth, &req).await {
        Ok(p) if !p.may_use_api() => json_error(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "this token is for SCIM provisioning (/scim/v2) only",
        ),
        Ok(p) => {
            req.extensions_mut().insert(p);
            next.run(req).await
        }
        Err(NotSignedIn::Unauthenticated(why)) => {
            json_error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", why)
        }
        Err(NotSignedIn::Unavailable) => json_error(
            StatusCode::SERVICE_UNAVAILABLE,
            crate::error::UNAVAILABLE,
            "cannot check your credential now; try again shortly",
        ),
    }
}

/// `/auth/*`.
pub fn routes(auth: Arc<Authenticator>) -> Router {
    let mut r = Router::new()
        .route("/auth/config", get(config))
        .route("/auth/me", get(me))
        .route("/auth/signout", post(sign_out));
    if auth.dev() {
        r = r
            .route("/auth/dev", post(sign_in_dev))
            .route("/auth/dev/people", get(dev_people));
    }
    if auth.oidc().is_some() {
        r = r.merge(super::oidc::routes());
    }
    r.with_state(auth)
}

/// How this server signs people in, for the web app's sign-in page.
async fn config(State(auth): State<Arc<Authenticator>>) -> Json<serde_json::Value> {
    let oidc = match auth.oidc() {
        Some(flow) => {
            let mut oidc = json!({
                "enabled": true,
                "loginUrl": crate::auth::oidc_flow::LOGIN_PATH,
            });
            if let Some(name) = flow.provider_name() {
                oidc["providerName"] = json!(name);
            }
            oidc
        }
        None => json!({ "enabled": false }),
    };
    Json(json!({ "devAuth": auth.dev(), "oidc": oidc }))
}

/// What the web app shows of a person in the sign-in picker and header.
fn person_json(p: &Person, offices: &[Office]) -> serde_json::Value {
    let office = p
        .office_id
        .as_ref()
        .and_then(|o| offices.iter().find(|x| &x.id == o))
        .map(|x| x.name.clone());
    json!({
        "id": encode(Kind::Person, &p.id).to_string(),
        "externalId": p.id,
        "name": p.name,
        "title": p.title,
        "office": office,
    })
}

/// `person_json` for each of `people`, with their offices read in one statement.
async fn people_json(auth: &Authenticator, people: &[Person]) -> Vec<serde_json::Value> {
    let mut ids: Vec<String> = people.iter().filter_map(|p| p.office_id.clone()).collect();
    ids.sort();
    ids.dedup();
    let offices = auth.store().offices_by_ids(&ids).await.unwrap_or_default();
    people.iter().map(|p| person_json(p, &offices)).collect()
}

async fn me_json(auth: &Authenticator, p: &Principal) -> serde_json::Value {
    let ids: Vec<String> = p.person_id.iter().cloned().collect();
    let people = auth.store().people_by_ids(&ids).await.unwrap_or_default();
    let person = people_json(auth, &people)
        .await
        .into_iter()
        .next()
        .unwrap_or(serde_json::Value::Null);
    json!({
        "person": person,
        "roles": p.roles.iter().map(|r| r.as_str().to_ascii_uppercase()).collect::<Vec<_>>(),
        "via": p.via.as_str(),
        "dev": p.dev,
    })
}

async fn me(State(auth): State<Arc<Authenticator>>, headers: HeaderMap) -> Response {
    let Some(c) = credential(&headers) else {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": "sign in first" })),
        )
            .into_response();
    };
    match auth.authenticate(c).await {
        Ok(p) => Json(me_json(&auth, &p).await).into_response(),
        Err(AuthFailure::Refused(_)) => (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": "sign in again" })),
        )
            .into_response(),
        Err(AuthFailure::Unavailable(_)) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "error": "try again shortly" })),
        )
            .into_response(),
    }
}

fn bad(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DevSignIn {
    person_id: String,
    role: String,
}

/// The session cookie; `Secure` when the server is reached over HTTPS.
pub(super) fn session_cookie(secret: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value =
        format!("{COOKIE}={secret}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

async fn sign_in_dev(
    State(auth): State<Arc<Authenticator>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !is_json(&headers) {
        return bad("send application/json");
    }
    let Ok(input) = serde_json::from_slice::<DevSignIn>(&body) else {
        return bad("give personId and role (EMPLOYEE, HR or ADMIN)");
    };
    let Ok(role) = Role::parse(&input.role) else {
        return bad("role must be EMPLOYEE, HR or ADMIN");
    };
    let id = match crate::api::graphql::ids::decode_any(&async_graphql::ID(input.person_id.clone()))
    {
        Some((crate::api::graphql::ids::Kind::Person, ext)) => ext,
        Some(_) => return bad("that id is not a person"),
        None => input.person_id.trim().to_string(),
    };
    match auth.sign_in_dev(&id, role).await {
        Ok((secret, p)) => {
            let mut res = Json(me_json(&auth, &p).await).into_response();
            let age = crate::auth::SESSION_SECONDS;
            res.headers_mut()
                .insert(header::SET_COOKIE, session_cookie(&secret, age, false));
            res
        }
        Err(AuthFailure::Refused(reason)) => bad(&reason),
        Err(AuthFailure::Unavailable(e)) => {
            tracing::error!(error = %e, "development sign-in failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "error": "try again shortly" })),
            )
                .into_response()
        }
    }
}

async fn sign_out(State(auth): State<Arc<Authenticator>>, headers: HeaderMap) -> Response {
    if let Some(Credential::Session(s)) = credential(&headers)
        && let Err(e) = auth.sign_out(s).await
    {
        tracing::warn!(error = %e, "sign-out could not revoke the session");
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, session_cookie("", 0, false));
    res
}

#[derive(Deserialize)]
struct PeopleQuery {
    prefix: Option<String>,
}

/// People to pick from in the development sign-in.
async fn dev_people(
    State(auth): State<Arc<Authenticator>>,
    Query(q): Query<PeopleQuery>,
) -> Response {
    // Leavers are still here and may sign in; people who have left may not.
    let filter = PeopleFilter {
        name_prefix: q.prefix.filter(|p| !p.trim().is_empty()),
        hide_left: true,
        ..PeopleFilter::default()
    };
    let page = PageRequest {
        first: 20,
        after: None,
    };
    match auth.store().list_people(&filter, &page).await {
        Ok(found) => {
            let people: Vec<Person> = found.items.into_iter().map(|(_, p)| p).collect();
            Json(json!({ "people": people_json(&auth, &people).await })).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot list people for the sign-in picker");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "error": "try again shortly" })),
            )
                .into_response()
        }
    }
}

/// Rate-limit key: the credential (hashed), or the caller's address without one.
#[derive(Debug, Clone, Copy)]
pub struct CredentialKey;

impl KeyExtractor for CredentialKey {
    type Key = String;

    fn extract<T>(&self, req: &axum::http::Request<T>) -> Result<Self::Key, GovernorError> {
        if let Some(c) = credential(req.headers()) {
            let s = match c {
                Credential::Bearer(s) | Credential::Session(s) => s,
            };
            return Ok(secret::hash(s));
        }
        Ok(super::client::address_of(req))
    }
}

/// Rate-limit key: the caller's address (through trusted proxies).
#[derive(Debug, Clone, Copy)]
pub struct AddressKey;

impl KeyExtractor for AddressKey {
    type Key = String;

    fn extract<T>(&self, req: &axum::http::Request<T>) -> Result<Self::Key, GovernorError> {
        Ok(super::client::address_of(req))
    }
}
