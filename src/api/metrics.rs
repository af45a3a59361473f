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
    let method = method_label(req.method()).to_string();
    let start = Instant::now();
    let response = next.run(req).await;
    let status = response.status().as_u16().to_string();
    let labels = [("route", route), ("method", method), ("status", status)];
    metrics::counter!("tacit_http_requests_total", &labels).increment(1);
    metrics::histogram!("tacit_http_request_duration_seconds", &labels)
        .record(start.elapsed().as_secs_f64());
    response
}

/// Methods anyone may send: known ones by name, any other as `other`, so
/// the label's values stay few whatever arrives.
fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        _ => "other",
    }
}

/// Database gauges, read when metrics are scraped.
pub fn database(open: u32, idle: u32, statements: u64) {
    metrics::gauge!("tacit_db_pool_connections").set(f64::from(open));
    metrics::gauge!("tacit_db_pool_idle_connections").set(f64::from(idle));
    metrics::gauge!("tacit_db_statements").set(statements as f64);
}
