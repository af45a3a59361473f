//! Prometheus metrics: requests and latencies by route, GraphQL operations, database pool.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the process-wide recorder once; later calls reuse it.
pub fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| match PrometheusBuilder::new().install_recorder() {
            Ok(h) => Some(h),
            Err(e) => {
                tracing::warn!(error = %e, "metrics recorder not installed");
                None
            }
        })
        .as_ref()
}

/// Counts each request and records its latency, labelled by route pattern.
pub async fn track(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let method = req.method().to_string();
    let start = Instant::now();
    let response = next.run(req).await;
    let status = response.status().as_u16().to_string();
    let labels = [("route", route), ("method", method), ("status", status)];
    metrics::counter!("tacit_http_requests_total", &labels).increment(1);
    metrics::histogram!("tacit_http_request_duration_seconds", &labels)
        .record(start.elapsed().as_secs_f64());
    response
}

/// Records one GraphQL operation's duration by name. Names come from clients, so
/// only plain GraphQL names are kept (and bounded in length) as label values.
pub fn graphql_operation(name: Option<&str>, seconds: f64) {
    let plain = |n: &&str| {
        n.len() <= 64
            && n.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let label = match name {
        None => "anonymous",
        Some(n) if plain(&n) => n,
        Some(_) => "invalid_name",
    };
    metrics::histogram!("tacit_graphql_operation_duration_seconds", "operation" => label.to_string())
        .record(seconds);
}

/// Database gauges, read when metrics are scraped.
pub fn database(open: u32, idle: u32, statements: u64) {
    metrics::gauge!("tacit_db_pool_connections").set(f64::from(open));
    metrics::gauge!("tacit_db_pool_idle_connections").set(f64::from(idle));
    metrics::gauge!("tacit_db_statements").set(statements as f64);
}
