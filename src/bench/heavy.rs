//! Searching while others send the most expensive request the cost budget
//! accepts (`tacit bench --heavy-clients 4`): `clients` loop three 100-result
//! rankings per request while one ordinary client's searches are timed.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::{HTTP_QUERY, http, ms, percentile};

/// Three rankings of 100 people with their details: just under the budget
/// (`api::graphql::cost`), so as heavy as one accepted request gets.
const HEAVY_QUERY: &str = "query($a: String!, $b: String!, $c: String!) { \
    a: experts(query: $a, first: 100) { ...E } \
    b: experts(query: $b, first: 100) { ...E } \
    c: experts(query: $c, first: 100) { ...E } } \
    fragment E on Expert { score explanation localTime person { name title } office { name } }";

#[derive(Debug, Default, Serialize)]
pub struct HeavyReport {
    pub heavy_clients: usize,
    /// Heavy requests answered while the ordinary searches ran.
    pub heavy_requests: usize,
    /// Of those, refused (`TOO_BUSY` when ranking is full) or failed.
    pub heavy_refused: usize,
    pub heavy_p50_ms: f64,
    pub ordinary_requests: usize,
    pub ordinary_errors: usize,
    pub ordinary_p50_ms: f64,
    pub ordinary_p99_ms: f64,
}

fn has_errors(body: &[u8]) -> bool {
    body.windows(9).any(|w| w == b"\"errors\"")
}

pub async fn run(
    addr: std::net::SocketAddr,
    token: &str,
    qs: &[String],
    clients: usize,
    requests: usize,
) -> anyhow::Result<HeavyReport> {
    let heavy_body = |i: usize| {
        let q = |k: usize| qs[(i * 3 + k) % qs.len()].clone();
        serde_json::json!({ "query": HEAVY_QUERY, "variables": { "a": q(0), "b": q(1), "c": q(2) } })
            .to_string()
    };
    let mut probe = http::Client::connect(addr).await?.with_token(token);
    let (status, body) = probe.post_json("/graphql", &heavy_body(0)).await?;
    if status != 200 || has_errors(&body) {
        anyhow::bail!(
            "the heavy request is not accepted (HTTP {status}): {}",
            String::from_utf8_lossy(&body)
        );
    }
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for c in 0..clients {
        let stop = stop.clone();
        let token = token.to_string();
        let bodies: Vec<String> = (0..50).map(|i| heavy_body(c * 50 + i)).collect();
        tasks.push(tokio::spawn(async move {
            let mut client = http::Client::connect(addr).await?.with_token(&token);
            let (mut times, mut refused) = (Vec::new(), 0usize);
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                match client
                    .post_json("/graphql", &bodies[i % bodies.len()])
                    .await
                {
                    Ok((200, body)) if !has_errors(&body) => {}
                    _ => refused += 1,
                }
                times.push(ms(t));
                i += 1;
            }
            anyhow::Ok((times, refused))
        }));
    }
    // Let the heavy clients fill the ranking queue first.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut client = http::Client::connect(addr).await?.with_token(token);
    let (mut ordinary, mut ordinary_errors) = (Vec::new(), 0usize);
    for i in 0..requests {
        let body =
            serde_json::json!({ "query": HTTP_QUERY, "variables": { "q": qs[i % qs.len()] } })
                .to_string();
        let t = Instant::now();
        match client.post_json("/graphql", &body).await {
            Ok((200, resp)) if !has_errors(&resp) => {}
            _ => ordinary_errors += 1,
        }
        ordinary.push(ms(t));
    }
    stop.store(true, Ordering::Relaxed);
    let (mut heavy, mut heavy_refused) = (Vec::new(), 0usize);
    for t in tasks {
        let (mut ts, r) = t.await??;
        heavy.append(&mut ts);
        heavy_refused += r;
    }
    ordinary.sort_by(f64::total_cmp);
    heavy.sort_by(f64::total_cmp);
    Ok(HeavyReport {
        heavy_clients: clients,
        heavy_requests: heavy.len(),
        heavy_refused,
        heavy_p50_ms: percentile(&heavy, 50.0),
        ordinary_requests: ordinary.len(),
        ordinary_errors,
        ordinary_p50_ms: percentile(&ordinary, 50.0),
        ordinary_p99_ms: percentile(&ordinary, 99.0),
    })
}
