//! SCIM 2.0 provisioning (RFC 7643, RFC 7644) at `/scim/v2`: identity
//! providers (Entra ID, Okta) create, update, deactivate and remove staff.
//! Only a token with the `scim` scope may call it; every change is audited
//! as from that token, and the graph and text index follow before the
//! answer goes out, as for any write. The rules are in
//! [`crate::people::provisioning`]; this module reads and writes SCIM's JSON.

mod discovery;
mod error;
mod filter;
mod patch;
mod user;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use super::auth::{NotSignedIn, principal_of};
use crate::auth::{Authenticator, Principal};
use crate::domain;
use crate::domain::{Clock, Scope};
use crate::network::questions::{self, Network};
use crate::people::provisioning::{self, Find};
use crate::rank::Engine;
use crate::store::Store;
use error::ScimError;

/// What SCIM answers are sent as (RFC 7644 §3.1).
pub const CONTENT_TYPE: &str = "application/scim+json";
const LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
/// The most users one page lists.
pub const MAX_RESULTS: i64 = 200;
const DEFAULT_COUNT: i64 = 100;

#[derive(Clone)]
struct Scim {
    store: Arc<dyn Store>,
    engine: Arc<Engine>,
    auth: Arc<Authenticator>,
    clock: Clock,
    network: crate::network::Settings,
}

pub fn routes(
    store: Arc<dyn Store>,
    engine: Arc<Engine>,
    auth: Arc<Authenticator>,
    clock: Clock,
    network: crate::network::Settings,
) -> Router {
    let state = Scim {
        store,
        engine,
        auth: auth.clone(),
        clock,
        network,
    };
    Router::new()
        .route("/scim/v2/Users", get(list).post(create))
        .route(
            "/scim/v2/Users/{id}",
            get(one).put(replace).patch(patch).delete(remove),
        )
        .route("/scim/v2/ServiceProviderConfig", get(discovery::config))
        .route("/scim/v2/ResourceTypes", get(discovery::resource_types))
        .route("/scim/v2/ResourceTypes/{id}", get(discovery::resource_type))
        .route("/scim/v2/Schemas", get(discovery::schemas))
        .route("/scim/v2/Schemas/{id}", get(discovery::schema))
        // Groups, Bulk, /Me and anything else: a SCIM 404, not the web app.
        .route("/scim/v2/{*rest}", axum::routing::any(unknown))
        .route_layer(axum::middleware::from_fn_with_state(auth, require_scim))
        .with_state(state)
}

/// A bearer token with the `scim` scope, or a SCIM error.
async fn require_scim(
    State(auth): State<Arc<Authenticator>>,
    mut req: Request,
    next: Next,
) -> Response {
    match principal_of(&auth, &req).await {
        Ok(p) if p.scopes.contains(&Scope::Scim) => {
            req.extensions_mut().insert(p);
            next.run(req).await
        }
        Ok(_) => ScimError::forbidden("SCIM needs a token with the scim scope").into_response(),
        Err(NotSignedIn::Unauthenticated(_)) => ScimError::unauthorized(
            "SCIM needs a bearer token with the scim scope (Authorization: Bearer <token>)",
        )
        .into_response(),
        Err(NotSignedIn::Unavailable) => ScimError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            None,
            "cannot check your credential now; try again shortly",
        )
        .into_response(),
    }
}

/// A SCIM answer: the JSON with SCIM's content type.
fn answer(status: StatusCode, body: Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, CONTENT_TYPE)],
        body.to_string(),
    )
        .into_response()
}

fn resource(status: StatusCode, user: &provisioning::Provisioned) -> Response {
    let mut r = answer(status, user::to_json(user));
    if status == StatusCode::CREATED
        && let Ok(v) = header::HeaderValue::from_str(&user::location(&user.person.id))
    {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

fn body_json(body: &Bytes) -> Result<Value, ScimError> {
    serde_json::from_slice(body)
        .map_err(|e| ScimError::invalid_syntax(format!("the body is not JSON: {e}")))
}

impl Scim {
    /// After a write: sign-in forgets cached credentials (a deactivated
    /// person's sessions end now) and the graph catches up; questions
    /// waiting on someone who has now left go on to the next person.
    async fn settle(&self, person: &domain::Person) {
        super::after_write(Some(&self.auth), &self.engine).await;
        if person.status == domain::PersonStatus::Left {
            let n = Network {
                store: self.store.as_ref(),
                engine: self.engine.as_ref(),
                clock: &self.clock,
                settings: &self.network,
            };
            if let Err(e) = questions::withdraw(&n, &person.id).await {
                tracing::warn!(error = %e, person = %person.id, "cannot hand on the questions of someone who left");
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListParams {
    filter: Option<String>,
    start_index: Option<String>,
    count: Option<String>,
}

/// A number from the query string; RFC 7644 §3.4.2.4 says values below
/// their minimum are read as the minimum, so only non-numbers are refused.
fn number(name: &str, v: Option<&str>, default: i64) -> Result<i64, ScimError> {
    match v {
        None => Ok(default),
        Some(s) => s.trim().parse::<i64>().map_err(|_| {
            ScimError::invalid_value(format!("{name} must be a whole number, not '{s}'"))
        }),
    }
}

async fn unknown(uri: axum::http::Uri) -> ScimError {
    ScimError::new(
        StatusCode::NOT_FOUND,
        None,
        format!(
            "{} is not an endpoint here: Tacit provisions Users only",
            uri.path()
        ),
    )
}

async fn list(
    State(s): State<Scim>,
    params: Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ScimError> {
    let Ok(Query(p)) = params else {
        return Err(ScimError::invalid_value(
            "the query parameters are filter, startIndex and count",
        ));
    };
    let start = number("startIndex", p.start_index.as_deref(), 1)?.max(1);
    let count = number("count", p.count.as_deref(), DEFAULT_COUNT)?.clamp(0, MAX_RESULTS);
    let find = match p.filter.as_deref() {
        None => Find::All,
        Some(f) => filter::parse(f)?,
    };
    let (total, users) = provisioning::find(&*s.store, &find, start, count).await?;
    Ok(answer(
        StatusCode::OK,
        json!({
            "schemas": [LIST_SCHEMA],
            "totalResults": total,
            "startIndex": start,
            "itemsPerPage": users.len(),
            "Resources": users.iter().map(user::to_json).collect::<Vec<_>>(),
        }),
    ))
}

async fn one(State(s): State<Scim>, Path(id): Path<String>) -> Result<Response, ScimError> {
    let user = provisioning::user(&*s.store, &id).await?;
    Ok(resource(StatusCode::OK, &user))
}

async fn create(
    State(s): State<Scim>,
    Extension(actor): Extension<Principal>,
    body: Bytes,
) -> Result<Response, ScimError> {
    let user = user::from_json(&body_json(&body)?)?;
    let made = provisioning::create(&*s.store, &s.clock, &actor, user).await?;
    s.settle(&made.person).await;
    Ok(resource(StatusCode::CREATED, &made))
}

async fn replace(
    State(s): State<Scim>,
    Extension(actor): Extension<Principal>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ScimError> {
    let user = user::from_json(&body_json(&body)?)?;
    let saved = provisioning::replace(&*s.store, &s.clock, &actor, &id, user).await?;
    s.settle(&saved.person).await;
    Ok(resource(StatusCode::OK, &saved))
}

async fn patch(
    State(s): State<Scim>,
    Extension(actor): Extension<Principal>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ScimError> {
    let ops = body_json(&body)?;
    let current = provisioning::user(&*s.store, &id).await?;
    let mut doc = user::to_json(&current);
    patch::apply(&mut doc, &ops)?;
    let user = user::from_json(&doc)?;
    let saved = provisioning::replace(&*s.store, &s.clock, &actor, &id, user).await?;
    s.settle(&saved.person).await;
    Ok(resource(StatusCode::OK, &saved))
}

async fn remove(
    State(s): State<Scim>,
    Extension(actor): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Response, ScimError> {
    let gone = provisioning::remove(&*s.store, &s.clock, &actor, &id).await?;
    s.settle(&gone).await;
    Ok(StatusCode::NO_CONTENT.into_response())
}
