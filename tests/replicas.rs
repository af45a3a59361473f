//! Two servers on one database: every write on one is found by `experts` on
//! the other. On PostgreSQL the follower is woken by LISTEN/NOTIFY (and its
//! listener's backend is killed mid-run); on SQLite, which has no listener,
//! it polls. Convergence figures are printed, never asserted: tests do not
//! time code (docs/performance.md has the measured figures).
//!
//! On PostgreSQL the follower's fallback poll is set to an hour, so a write
//! found in time was brought by a notification. `TACIT_TEST_REPLICA_POLLING=1`
//! instead turns notifications off and polls once a second (as shipped), to
//! measure polling alone.

#![allow(clippy::unwrap_used)] // helpers outside #[test] fns, failing loudly is the point

mod common;

use std::io::Write;
use std::time::{Duration, Instant};

use common::TestApp;
use serde_json::{Value, json};

/// How long one write may take to show on the other server before the test fails.
const VISIBLE_WITHIN: Duration = Duration::from_secs(10);

const EXPERTS: &str = r#"
query($q: String!) {
  experts(query: $q, first: 20) { person { externalId } }
}"#;

/// A second server on the leader's database, with its own text index.
struct Follower {
    base: String,
    client: reqwest::Client,
    _shutdown: tokio::sync::oneshot::Sender<()>,
    _index: tempfile::TempDir,
}

async fn spawn_follower(leader: &TestApp, poll: Duration, notifications: bool) -> Follower {
    let index = tempfile::tempdir().unwrap();
    // Its own text index: on PostgreSQL in memory, as servers run by default;
    // on SQLite not the one beside the file, which the leader holds.
    let sqlite = leader.database_url.starts_with("sqlite:");
    let config = tacit::config::Config {
        database_url: leader.database_url.clone(),
        audit_key_file: leader.audit_key_file.clone(),
        index_dir: sqlite.then(|| index.path().join("tacit.index")),
        max_connections: 4,
        rate_limit_per_minute: 1_000_000,
        rate_limit_burst: 100_000,
        poll_interval: poll,
        change_notifications: notifications,
        ..tacit::config::Config::default()
    };
    let app = tacit::App::build(&config).await.expect("follower builds");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(app.serve(listener, async {
        let _ = rx.await;
    }));
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        format!("Bearer {}", leader.admin_token).parse().unwrap(),
    );
    Follower {
        base,
        client: reqwest::Client::builder()
            .default_headers(headers)
            .build()
            .unwrap(),
        _shutdown: tx,
        _index: index,
    }
}

impl Follower {
    /// Whether `experts` for `skill` returns `person`.
    async fn finds(&self, skill: &str, person: &str) -> bool {
        let body: Value = self
            .client
            .post(format!("{}/graphql", self.base))
            .json(&json!({ "query": EXPERTS, "variables": { "q": skill } }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(body.get("errors").is_none(), "{body:#}");
        body["data"]["experts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["person"]["externalId"] == person)
    }
}

/// A made-up word per number, far (in spelling) from its neighbours', so a
/// search for one skill seeds only that skill.
fn word(i: usize) -> String {
    const SYLLABLES: [&str; 10] = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "tov", "vu", "zeb"];
    let d = |k: usize| SYLLABLES[(i / 10usize.pow(k as u32)) % 10];
    format!("qx{}{}{}", d(2), d(1), d(0))
}

/// `n` people and `n` skills nobody holds yet.
async fn people_and_skills(app: &TestApp, n: usize) {
    let skills: String = (0..n)
        .map(|i| format!("{{\"id\": \"s{i}\", \"name\": \"{}\"}}\n", word(i)))
        .collect();
    let people: String = (0..n)
        .map(|i| format!("{{\"id\": \"r{i}\", \"name\": \"Replica Tester {i}\"}}\n"))
        .collect();
    app.import_jsonl(&[("skills.jsonl", &skills), ("people.jsonl", &people)])
        .await;
}

/// Gives person `i` skill `i` on the leader, then asks the follower until it
/// finds them; returns the time from the acknowledgement to being found.
async fn write_and_wait(leader: &TestApp, follower: &Follower, i: usize) -> Duration {
    leader
        .data(
            "mutation($p: ID!, $s: ID!) { setPersonSkill(input: { personId: $p, skillId: $s, level: 5 }) { personSkill { level } } }",
            json!({ "p": format!("r{i}"), "s": format!("s{i}") }),
        )
        .await;
    let acknowledged = Instant::now();
    let (skill, person) = (word(i), format!("r{i}"));
    while !follower.finds(&skill, &person).await {
        assert!(
            acknowledged.elapsed() < VISIBLE_WITHIN,
            "write {i} (r{i} holds {skill}) not found on the other server within {VISIBLE_WITHIN:?}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    acknowledged.elapsed()
}

/// `label: n writes, p50 … p95 … p99 … max …` (nearest-rank percentiles).
fn summary(label: &str, delays: &[Duration]) -> String {
    let mut ms: Vec<f64> = delays.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
    let slowest = delays
        .iter()
        .enumerate()
        .max_by_key(|(_, d)| **d)
        .map_or(0, |(i, _)| i);
    format!(
        "{label}: {} writes, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms (write {slowest} of these)",
        ms.len(),
        at(0.50),
        at(0.95),
        at(0.99),
        ms[ms.len() - 1]
    )
}

/// Printed past the test harness's capture, so `make test`'s log shows it.
fn report(line: &str) {
    let _ = writeln!(std::io::stderr(), "replicas: {line}");
}

/// The PostgreSQL backends of this database's change-log listeners.
async fn listener_pids(admin: &mut sqlx::PgConnection, database: &str) -> Vec<i32> {
    sqlx::query_scalar(
        "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = $2 ORDER BY pid",
    )
    .bind(database)
    .bind(tacit::store::LISTENER_APPLICATION_NAME)
    .fetch_all(admin)
    .await
    .unwrap()
}

fn polling_only() -> bool {
    std::env::var("TACIT_TEST_REPLICA_POLLING").is_ok_and(|v| v == "1" || v == "true")
}

async fn postgres_replicas(leader: TestApp) {
    const WRITES: usize = 200;
    const KILL_AT: usize = WRITES / 2;
    let notifications = !polling_only();
    people_and_skills(&leader, WRITES).await;
    // With notifications the follower polls only once an hour, so every
    // write it finds in time was brought by a notification (or by the catch-up
    // after its listener reconnected); without, it polls as shipped (1 s).
    let poll = if notifications {
        Duration::from_secs(3600)
    } else {
        Duration::from_secs(1)
    };
    let follower = spawn_follower(&leader, poll, notifications).await;
    let database = leader.database_url.rsplit('/').next().unwrap().to_string();
    let mut admin =
        <sqlx::PgConnection as sqlx::Connection>::connect(&common::postgres_admin_url())
            .await
            .unwrap();
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut killed = Vec::new();
    for i in 0..WRITES {
        if i == KILL_AT && notifications {
            // Both servers' listeners: the leader's follows the log too.
            killed = listener_pids(&mut admin, &database).await;
            assert_eq!(killed.len(), 2, "one listener per server: {killed:?}");
            let ended: Vec<bool> = sqlx::query_scalar(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2",
            )
            .bind(&database)
            .bind(tacit::store::LISTENER_APPLICATION_NAME)
            .fetch_all(&mut admin)
            .await
            .unwrap();
            assert!(ended.iter().all(|e| *e), "{ended:?}");
        }
        let delay = write_and_wait(&leader, &follower, i).await;
        if i < KILL_AT {
            before.push(delay);
        } else {
            after.push(delay);
        }
    }
    let mode = if notifications {
        "PostgreSQL, LISTEN/NOTIFY (no polling)"
    } else {
        "PostgreSQL, polling only (1 s)"
    };
    report(&summary(
        &format!("{mode}, all"),
        &[before.clone(), after.clone()].concat(),
    ));
    if notifications {
        report(&summary(
            &format!("{mode}, before the listener was killed"),
            &before,
        ));
        report(&summary(&format!("{mode}, from the kill on"), &after));
        report(&format!(
            "first write after the kill: {:.1} ms",
            after[0].as_secs_f64() * 1e3
        ));
        // Both listeners came back on new connections (the writes above
        // showed nothing was missed meanwhile).
        let deadline = Instant::now() + VISIBLE_WITHIN;
        loop {
            let now = listener_pids(&mut admin, &database).await;
            if now.len() == 2 && now.iter().all(|p| !killed.contains(p)) {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "listeners did not reconnect: killed {killed:?}, now {now:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// SQLite has one server and no listener; a second process on the same file
/// still finds every write by polling (here every 100 ms, to keep it short).
async fn sqlite_replicas(leader: TestApp) {
    const WRITES: usize = 30;
    people_and_skills(&leader, WRITES).await;
    let follower = spawn_follower(&leader, Duration::from_millis(100), true).await;
    let mut delays = Vec::new();
    for i in 0..WRITES {
        delays.push(write_and_wait(&leader, &follower, i).await);
    }
    report(&summary("SQLite, polling every 100 ms", &delays));
}

on_both_backends!(
    writes_on_one_server_are_found_on_the_other,
    |app: TestApp| async move {
        if app.database_url.starts_with("sqlite:") {
            sqlite_replicas(app).await;
        } else {
            postgres_replicas(app).await;
        }
    }
);

#[test]
fn made_up_words_differ() {
    let words: std::collections::HashSet<String> = (0..1000).map(word).collect();
    assert_eq!(words.len(), 1000);
    assert_eq!(word(7), "qxkakatov");
}
