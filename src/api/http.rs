//! The HTTP router: GraphQL, GraphiQL, imports, health, metrics and the web app.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_graphql::http::GraphiQLSource;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::handler::HandlerWithoutStateExt;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use serde::Deserialize;
use tower_governor::GovernorLayer;
use tower_governor::governor::GovernorConfigBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use super::auth as api_auth;
use super::graphql::{self, Loaders, TacitSchema, build_schema};
use super::metrics;
use crate::auth::policy::audited;
use crate::auth::{Action, Authenticator, Principal, Resource};
use crate::rank::Engine;
use crate::store::Store;

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub schema: TacitSchema,
    pub store: Arc<dyn Store>,
    /// How long a request may take; rankings that could only start later do not.
    pub timeout: Duration,
}

/// Limits applied to every request.
#[derive(Debug, Clone)]
pub struct HttpLimits {
    pub body_bytes: usize,
    pub timeout: Duration,
    /// Requests a minute per credential (or per address without one).
    pub rate_per_minute: u32,
    pub burst: u32,
    /// Proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<super::client::Cidr>,
}

/// How the organisation runs Tacit: what the config file says beyond serving.
pub struct OrgSettings {
    /// Whether communities proposed by employees wait for an admin.
    pub proposals_need_approval: bool,
    /// Contact action templates (`[contact]`).
    pub contact: Vec<crate::domain::contact::ContactTemplate>,
    /// Routing rules and notification channels for questions (`[routing]`, `[notify]`).
    pub network: crate::network::Settings,
}

pub fn router(
    store: Arc<dyn Store>,
    engine: Arc<Engine>,
    auth: Arc<Authenticator>,
    limits: &HttpLimits,
    static_dir: Option<&Path>,
    harvest: crate::harvest::Settings,
    org: OrgSettings,
) -> Router {
    let OrgSettings {
        proposals_need_approval,
        contact,
        network,
    } = org;
    metrics::handle();
    let dev = auth.dev();
    let imports = super::imports::routes(
        store.clone(),
        engine.clone(),
        auth.clone(),
        harvest.clock.clone(),
    );
    let scim = super::scim::routes(
        store.clone(),
        engine.clone(),
        auth.clone(),
        harvest.clock.clone(),
        network.clone(),
    );
    // Refused credentials are audited per address and minute; the
    // summaries are written as each minute ends, while the server lives.
    let summaries = Arc::downgrade(&auth);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(10));
        loop {
            every.tick().await;
            let Some(auth) = summaries.upgrade() else {
                break;
            };
            auth.audit_refusal_summaries().await;
        }
    });
    let body_limit = RequestBodyLimitLayer::new(limits.body_bytes);
    let state = AppState {
        schema: build_schema(
            Some(graphql::State {
                store: store.clone(),
                engine,
                auth: Some(auth.clone()),
                harvest,
                proposals_need_approval,
                contact: contact.into(),
                network,
            }),
            dev,
        ),
        store,
        timeout: limits.timeout,
    };
    // Everything but health checks, sign-in and static files needs a credential.
    let mut api = Router::new()
        .route("/graphql", get(graphql_get).post(graphql_post))
        .route("/metrics", get(metrics_text))
        .route_layer(axum::middleware::from_fn_with_state(
            auth.clone(),
            api_auth::require,
        ));
    if dev {
        // GraphiQL needs introspection, which is on only with the development sign-in.
        api = api.route("/graphiql", get(graphiql));
    }
    // Uploads to /api/imports have their own, larger limit.
    let mut limited = api
        .with_state(state.clone())
        .merge(super::audit_export::routes(
            state.store.clone(),
            auth.clone(),
        ))
        .merge(api_auth::routes(auth))
        .merge(scim)
        .layer(body_limit)
        .merge(imports);
    // Per credential, and (four times as generous) per address, so a flood of
    // made-up credentials, each with a fresh allowance, is still held back.
    limited = rate_limited(
        limited,
        limits.rate_per_minute,
        limits.burst,
        api_auth::CredentialKey,
    );
    limited = rate_limited(
        limited,
        limits.rate_per_minute.saturating_mul(4),
        limits.burst.saturating_mul(4),
        api_auth::AddressKey,
    );
    // What the API says is about people and changes: no cache may keep it.
    limited = limited.layer(
        tower_http::set_header::SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        ),
    );
    let mut app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .with_state(state);
    app = match static_dir {
        Some(dir) => {
            let index = dir.join("index.html");
            let spa = move |uri: Uri| {
                let index = index.clone();
                async move { spa_index(&uri, &index).await }
            };
            app.fallback_service(ServeDir::new(dir).fallback(spa.into_service()))
        }
        None => app.route("/", get(landing)),
    };
    let app = app.layer(body_limit).merge(limited);
    let request_id = axum::http::HeaderName::from_static("x-request-id");
    security_headers(app)
        .layer(axum::middleware::from_fn(metrics::track))
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(limits.trusted_proxies.clone()),
            super::client::identify,
        ))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, limits.timeout))
        .layer(CatchPanicLayer::custom(|_: Box<dyn std::any::Any + Send>| {
            tracing::error!("a request handler panicked");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
            let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// Adds a rate limit keyed by `key`; stale keys are dropped every minute.
fn rate_limited<K>(router: Router, per_minute: u32, burst: u32, key: K) -> Router
where
    K: tower_governor::key_extractor::KeyExtractor + Send + Sync + 'static,
    K::Key: Send + Sync + 'static,
{
    let per_request_ms = (60_000 / u64::from(per_minute.max(1))).max(1);
    let Some(config) = GovernorConfigBuilder::default()
        .per_millisecond(per_request_ms)
        .burst_size(burst.max(1))
        .key_extractor(key)
        .finish()
        .map(Arc::new)
    else {
        return router;
    };
    let limiter = config.limiter().clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(60));
        loop {
            every.tick().await;
            limiter.retain_recent();
        }
    });
    router.layer(GovernorLayer::new(config))
}

/// Security headers on every response. The web app loads only its own
/// scripts and styles; nothing may frame it. GraphiQL (development only)
/// loads from a CDN, so its page sets its own, looser policy.
fn security_headers(app: Router) -> Router {
    use axum::http::HeaderValue;
    use tower_http::set_header::SetResponseHeaderLayer;
    let csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
               img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
               base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    app.layer(SetResponseHeaderLayer::if_not_present(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    ))
    .layer(SetResponseHeaderLayer::overriding(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    ))
    .layer(SetResponseHeaderLayer::overriding(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("DENY"),
    ))
    .layer(SetResponseHeaderLayer::overriding(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    ))
}

/// The request says its body is JSON: what a cross-site form cannot send
/// without a CORS preflight, so it also guards against CSRF.
pub(super) fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        })
}

/// A GraphQL-shaped error body (`errors[0].extensions.code`); a 503 also
/// says when to try again, as the GraphQL endpoint's do.
pub(super) fn json_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body =
        serde_json::json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    if status == StatusCode::SERVICE_UNAVAILABLE {
        return (
            status,
            [(header::RETRY_AFTER, RETRY_AFTER_SECS)],
            axum::Json(body),
        )
            .into_response();
    }
    (status, axum::Json(body)).into_response()
}

async fn execute(
    state: &AppState,
    principal: Principal,
    request: async_graphql::Request,
) -> Response {
    let deadline = graphql::Deadline(Instant::now() + state.timeout);
    // Kept to tell, if the database fails, whether this asked for changes.
    let asked = (request.query.clone(), request.operation_name.clone());
    let response = state
        .schema
        .execute(
            request
                .data(Loaders::new(&state.store))
                .data(principal)
                .data(deadline)
                .data(graphql::authz::Refusals::default()),
        )
        .await;
    if refused_for_the_database(&response, || is_mutation(&asked.0, asked.1.as_deref())) {
        // The database failed, not the request, and nothing was done: clients
        // and load balancers should try again later, as for an overloaded server.
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, RETRY_AFTER_SECS)],
            axum::Json(response),
        )
            .into_response();
    }
    axum::Json(response).into_response()
}

/// What a 503 asks clients to wait before trying again, in seconds.
pub(super) const RETRY_AFTER_SECS: &str = "5";

/// Whether the answer is a refusal because the database was unavailable:
/// some part of it failed for that reason and, for a mutation, the failure
/// was the write itself (an error on a top-level field) and no field of it
/// answered. A mutation that saved something, and failed only in reading
/// back its result, answers 200 with the error, so the client does not
/// repeat a change that was made.
fn refused_for_the_database(
    response: &async_graphql::Response,
    mutation: impl FnOnce() -> bool,
) -> bool {
    let unavailable = async_graphql::Value::String(crate::error::UNAVAILABLE.into());
    let mut failed = response
        .errors
        .iter()
        .filter(|e| {
            e.extensions
                .as_ref()
                .and_then(|x| x.get("code"))
                .is_some_and(|code| *code == unavailable)
        })
        .peekable();
    if failed.peek().is_none() {
        return false;
    }
    if !mutation() {
        return true;
    }
    let nothing_answered = match &response.data {
        async_graphql::Value::Object(fields) => {
            fields.values().all(|v| *v == async_graphql::Value::Null)
        }
        async_graphql::Value::Null => true,
        _ => false,
    };
    nothing_answered && failed.all(|e| e.path.len() <= 1)
}

/// Whether the operation `query` runs (the one named, or its only one) is a mutation.
fn is_mutation(query: &str, operation: Option<&str>) -> bool {
    use async_graphql::parser::types::{DocumentOperations, OperationType};
    let Ok(document) = async_graphql::parser::parse_query(query) else {
        return false;
    };
    let op = match &document.operations {
        DocumentOperations::Single(op) => Some(op),
        DocumentOperations::Multiple(ops) => operation.and_then(|name| ops.get(name)),
    };
    op.is_some_and(|op| op.node.ty == OperationType::Mutation)
}

/// POST: JSON only (a CSRF guard: browsers cannot send it cross-site without CORS), no batches.
async fn graphql_post(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !is_json(&headers) {
        return json_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "BAD_REQUEST",
            "send GraphQL as application/json",
        );
    }
    if body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return json_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "batched requests are not supported",
        );
    }
    match serde_json::from_slice::<async_graphql::Request>(&body) {
        Ok(request) => execute(&state, principal, request).await,
        Err(e) => json_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            &format!("the body is not a GraphQL request: {e}"),
        ),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GetParams {
    query: String,
    operation_name: Option<String>,
    variables: Option<String>,
}

/// GET: queries only, so a link can never change anything.
async fn graphql_get(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Query(params): Query<GetParams>,
) -> Response {
    match async_graphql::parser::parse_query(&params.query) {
        Ok(doc) => {
            let mutates = doc
                .operations
                .iter()
                .any(|(_, op)| op.node.ty != async_graphql::parser::types::OperationType::Query);
            if mutates {
                return json_error(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "BAD_REQUEST",
                    "mutations must be sent with POST",
                );
            }
        }
        Err(e) => {
            return json_error(
                StatusCode::BAD_REQUEST,
                "GRAPHQL_PARSE_FAILED",
                &e.to_string(),
            );
        }
    }
    let mut request = async_graphql::Request::new(params.query);
    if let Some(name) = params.operation_name {
        request = request.operation_name(name);
    }
    if let Some(vars) = params.variables {
        match serde_json::from_str(&vars) {
            Ok(v) => request = request.variables(async_graphql::Variables::from_json(v)),
            Err(_) => {
                return json_error(
                    StatusCode::BAD_REQUEST,
                    "BAD_REQUEST",
                    "variables must be a JSON object",
                );
            }
        }
    }
    execute(&state, principal, request).await
}

async fn graphiql() -> Response {
    let page = GraphiQLSource::build()
        .endpoint("/graphql")
        .title("Tacit GraphiQL")
        .finish();
    let csp = "default-src 'self' https://unpkg.com; script-src 'self' 'unsafe-inline' https://unpkg.com; \
               style-src 'self' 'unsafe-inline' https://unpkg.com; img-src 'self' data: https:; \
               frame-ancestors 'none'";
    ([(header::CONTENT_SECURITY_POLICY, csp)], Html(page)).into_response()
}

/// How long `/readyz` waits for the database: a probe must answer well
/// within its own timeout, whatever the database does.
const READY_WITHIN: Duration = Duration::from_secs(2);

async fn readyz(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(READY_WITHIN, state.store.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready").into_response(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, cause = ?std::error::Error::source(&e), "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database not reachable").into_response()
        }
        Err(_) => {
            tracing::warn!(within = ?READY_WITHIN, "database did not answer in time");
            (StatusCode::SERVICE_UNAVAILABLE, "database not answering").into_response()
        }
    }
}

async fn metrics_text(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
) -> Response {
    let refused = audited::check(
        &*state.store,
        &principal,
        Action::MetricsRead,
        Resource::Any,
    )
    .await
    .is_err();
    if refused {
        return json_error(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "metrics are for operators: use an admin's API token",
        );
    }
    let (open, idle) = state.store.pool_stats();
    metrics::database(open, idle, state.store.statements_executed());
    match metrics::handle() {
        Some(h) => (
            [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
            h.render(),
        )
            .into_response(),
        None => (StatusCode::SERVICE_UNAVAILABLE, "metrics unavailable").into_response(),
    }
}

/// The web app's `index.html` for its own routes (`/people/e1001`), so deep links
/// work; a missing file (`/assets/old.js`) or API path is a plain 404 instead.
async fn spa_index(uri: &Uri, index: &Path) -> Response {
    let path = uri.path();
    let last = path.rsplit('/').next().unwrap_or_default();
    let is_file = last.contains('.');
    let reserved = [
        "/assets/",
        "/api/",
        "/graphql",
        "/graphiql",
        "/metrics",
        "/healthz",
        "/readyz",
        "/auth/",
    ];
    if is_file || reserved.iter().any(|r| path.starts_with(r)) {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    match tokio::fs::read(index).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            body,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, path = %index.display(), "web app index.html missing");
            (
                StatusCode::NOT_FOUND,
                "the web app is not built; run make run",
            )
                .into_response()
        }
    }
}

async fn landing() -> Html<&'static str> {
    Html(
        "<!doctype html><title>Tacit</title><h1>Tacit</h1>\
         <p>The web app is not built. Explore the API in <a href=\"/graphiql\">GraphiQL</a>.</p>",
    )
}

#[cfg(test)]
mod tests {
    use async_graphql::{ErrorExtensionValues, Name, PathSegment, Response, ServerError, Value};

    use super::{is_mutation, refused_for_the_database};

    fn error(code: &str, path: &[&str]) -> ServerError {
        let mut e = ServerError::new("x", None);
        let mut ext = ErrorExtensionValues::default();
        ext.set("code", code);
        e.extensions = Some(ext);
        e.path = path
            .iter()
            .map(|p| PathSegment::Field((*p).to_string()))
            .collect();
        e
    }

    fn answer(data: Value, errors: Vec<ServerError>) -> Response {
        let mut r = Response::new(data);
        r.errors = errors;
        r
    }

    fn object(fields: &[(&str, Value)]) -> Value {
        Value::Object(
            fields
                .iter()
                .map(|(k, v)| (Name::new(*k), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn a_read_the_database_failed_is_refused_whole() {
        let r = answer(Value::Null, vec![error("UNAVAILABLE", &["experts"])]);
        assert!(refused_for_the_database(&r, || false));
        let other = answer(Value::Null, vec![error("BAD_USER_INPUT", &["experts"])]);
        assert!(!refused_for_the_database(&other, || false));
    }

    #[test]
    fn a_mutation_is_refused_whole_only_when_its_write_failed_and_nothing_answered() {
        // The write itself failed: nothing was saved.
        let failed = answer(
            object(&[("setPersonSkill", Value::Null)]),
            vec![error("UNAVAILABLE", &["setPersonSkill"])],
        );
        assert!(refused_for_the_database(&failed, || true));
        // Saved, then reading back its result failed: not a refusal.
        let read_back = answer(
            object(&[("setPersonSkill", Value::Null)]),
            vec![error("UNAVAILABLE", &["setPersonSkill", "skill", "name"])],
        );
        assert!(!refused_for_the_database(&read_back, || true));
        // A first mutation answered, a second failed: not a refusal.
        let one_saved = answer(
            object(&[("a", Value::Boolean(true)), ("b", Value::Null)]),
            vec![error("UNAVAILABLE", &["b"])],
        );
        assert!(!refused_for_the_database(&one_saved, || true));
    }

    #[test]
    fn a_refusal_for_now_says_when_to_try_again() {
        use axum::http::{StatusCode, header};
        let busy = super::json_error(StatusCode::SERVICE_UNAVAILABLE, "UNAVAILABLE", "later");
        assert_eq!(
            busy.headers().get(header::RETRY_AFTER).unwrap(),
            super::RETRY_AFTER_SECS
        );
        let bad = super::json_error(StatusCode::BAD_REQUEST, "BAD_USER_INPUT", "no");
        assert!(bad.headers().get(header::RETRY_AFTER).is_none());
    }

    #[test]
    fn mutations_are_told_from_queries_by_the_operation_run() {
        assert!(is_mutation("mutation { a }", None));
        assert!(!is_mutation("{ experts }", None));
        assert!(!is_mutation("query Q { a }", None));
        let two = "query Q { a } mutation M { b }";
        assert!(is_mutation(two, Some("M")));
        assert!(!is_mutation(two, Some("Q")));
        assert!(!is_mutation(two, None));
        assert!(!is_mutation("not graphql", None));
    }
}
