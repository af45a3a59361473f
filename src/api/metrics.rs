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

/// Records one GraphQL operation's duration by name.
pub fn graphql_operation(name: &str, seconds: f64) {
    metrics::histogram!("tacit_graphql_operation_duration_seconds", "operation" => name.to_string()).record(seconds);
}

/// Database gauges, read when metrics are scraped.
pub fn database(open: u32, idle: u32, statements: u64) {
    metrics::gauge!("tacit_db_pool_connections").set(f64::from(open));
    metrics::gauge!("tacit_db_pool_idle_connections").set(f64::from(idle));
    metrics::gauge!("tacit_db_statements").set(statements as f64);
}
