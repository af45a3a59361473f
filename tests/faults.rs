//! Nothing lost when things die (issue 23), with the real binary:
//!
//! * `tacit import` killed (SIGKILL) at points spread over its run leaves all
//!   of the import or none of it, and importing again completes it;
//! * `tacit serve` killed in a burst of writes keeps every acknowledged one,
//!   and the graph it starts from (kept file and replay) equals a rebuild;
//! * PostgreSQL refusing connections, and the server's backends killed,
//!   under load: clear 503s and `/readyz` false meanwhile, and the same
//!   server working again within 10 s;
//! * SQLite on a full disk (a small tmpfs) refuses writes clearly, keeps
//!   serving reads and loses nothing written before.
//!
//! The first two run on both backends; the others need one in particular.
//! Nothing here asserts a timing except the recovery bound.

#![allow(clippy::unwrap_used)] // helpers outside #[test] fns, failing loudly is the point

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Backend;
use common::process::{ServerProcess, TestDatabase};
use serde_json::{Value, json};

/// How long a wait for the clients' progress may take before the test
/// fails instead of hanging (a guard, not a timing under test).
const LONG_ENOUGH: Duration = Duration::from_secs(180);

/// Waits for `what`, failing the test if it has not happened in [`LONG_ENOUGH`]
/// (the clients stopped: one failed its assertion, or lost the server).
async fn within<T>(what: &str, wait: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(LONG_ENOUGH, wait)
        .await
        .unwrap_or_else(|_| panic!("{what}: not after {LONG_ENOUGH:?}; the clients stopped"))
}

/// Printed past the test harness's capture, so `make test`'s log shows it.
fn report(line: &str) {
    let _ = writeln!(std::io::stderr(), "faults: {line}");
}

/// A made-up word per number, so a search for one seeds only its skill.
fn word(i: usize) -> String {
    const SYLLABLES: [&str; 10] = ["ba", "de", "fi", "go", "hu", "ja", "ke", "lo", "mu", "ny"];
    let d = |k: usize| SYLLABLES[(i / 10usize.pow(k as u32)) % 10];
    format!("fz{}{}{}", d(2), d(1), d(0))
}

/// `n` people (`f0`…) and `n` skills (`k0`…, named [`word`]) nobody holds
/// yet, as import files in `dir`.
fn people_and_skills(dir: &Path, n: usize) -> Vec<PathBuf> {
    let skills: String = (0..n)
        .map(|i| format!("{{\"id\": \"k{i}\", \"name\": \"{}\"}}\n", word(i)))
        .collect();
    let people: String = (0..n)
        .map(|i| format!("{{\"id\": \"f{i}\", \"name\": \"Fault Tester {i}\", \"office\": \"Belfast\", \"timezone\": \"Europe/London\"}}\n"))
        .collect();
    let (s, p) = (
        dir.join("fault-skills.jsonl"),
        dir.join("fault-people.jsonl"),
    );
    std::fs::write(&s, skills).unwrap();
    std::fs::write(&p, people).unwrap();
    vec![s, p]
}

/// The demo organisation of `people` as import files (FORMATS.md) in `dir`.
fn demo_files(db: &TestDatabase, dir: &Path, people: usize) -> Vec<PathBuf> {
    let out = db
        .cli()
        .args([
            "demo",
            "--seed",
            "7",
            "--people",
            &people.to_string(),
            "--out",
        ])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ["skills", "people", "communities", "evidence"]
        .iter()
        .map(|k| dir.join(format!("{k}.jsonl")))
        .collect()
}

/// Rows of everything an import writes, table by table.
const ROWS: &str = "SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM skills), \
     (SELECT count(*) FROM person_skills), (SELECT count(*) FROM communities), \
     (SELECT count(*) FROM community_members), (SELECT count(*) FROM evidence), \
     (SELECT count(*) FROM evidence_tags)";

/// What a database holds: rows by table, and change-log entries (which
/// other servers follow, so they must come and go with the rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Held {
    rows: (i64, i64, i64, i64, i64, i64, i64),
    changes: i64,
}

/// What the database holds, read as a fresh process would after a crash;
/// SQLite also checks the file (`PRAGMA integrity_check`).
async fn held(db: &TestDatabase) -> Held {
    use sqlx::Connection;
    const CHANGES: &str = "SELECT count(*) FROM graph_changes";
    match db.backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
            let check: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_all(&mut c)
                .await
                .unwrap();
            assert_eq!(check, ["ok"], "integrity_check");
            let held = Held {
                rows: sqlx::query_as(ROWS).fetch_one(&mut c).await.unwrap(),
                changes: sqlx::query_scalar(CHANGES).fetch_one(&mut c).await.unwrap(),
            };
            c.close().await.unwrap();
            held
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(&db.url).await.unwrap();
            let held = Held {
                rows: sqlx::query_as(ROWS).fetch_one(&mut c).await.unwrap(),
                changes: sqlx::query_scalar(CHANGES).fetch_one(&mut c).await.unwrap(),
            };
            c.close().await.unwrap();
            held
        }
    }
}

/// `tacit import FILES` as a child whose stderr lines are collected with
/// the time each came.
struct ImportRun {
    child: std::process::Child,
    started: Instant,
    lines: Arc<Mutex<Vec<(Duration, String)>>>,
}

impl ImportRun {
    fn start(db: &TestDatabase, files: &[PathBuf]) -> ImportRun {
        let mut child = db
            .cli()
            .arg("import")
            .args(files)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap();
        let seen = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                seen.lock().unwrap().push((started.elapsed(), line));
            }
        });
        ImportRun {
            child,
            started,
            lines,
        }
    }

    /// When a line starting `phase` came, if it did.
    fn at(&self, phase: &str) -> Option<Duration> {
        let lines = self.lines.lock().unwrap();
        lines
            .iter()
            .find(|(_, l)| l.starts_with(phase))
            .map(|(t, _)| *t)
    }

    /// The last progress line so far ("writing...").
    fn last_phase(&self) -> String {
        let lines = self.lines.lock().unwrap();
        lines
            .iter()
            .rev()
            .find(|(_, l)| l.ends_with("..."))
            .map_or_else(|| "(nothing yet)".into(), |(_, l)| l.clone())
    }
}

/// Kills `tacit import` at points spread over a run (read from a first,
/// whole run: one while it reads and checks, the rest spread over its
/// transaction), each on a database holding ten other people. After each
/// kill the database holds those alone or all of the import too, and
/// importing again completes it.
async fn import_killed_part_way(first: TestDatabase) {
    const PEOPLE: usize = 3_000;
    let backend = first.backend;
    let files_dir = tempfile::tempdir().unwrap();
    let files = demo_files(&first, files_dir.path(), PEOPLE);
    let before_files = people_and_skills(files_dir.path(), 10);

    first.import(&before_files);
    let before = held(&first).await;
    let mut whole = ImportRun::start(&first, &files);
    assert!(whole.child.wait().unwrap().success(), "the whole import");
    let took = whole.started.elapsed();
    let full = held(&first).await;
    assert!(
        full.rows.0 > before.rows.0 && full.changes > before.changes,
        "{before:?} {full:?}"
    );
    let writing = whole.at("writing").unwrap_or_else(|| took / 2);
    let after = |f: f64| writing + (took.saturating_sub(writing)).mul_f64(f);
    let kill_at = [
        writing / 2,
        after(0.15),
        after(0.4),
        after(0.65),
        after(0.9),
    ];
    report(&format!(
        "{backend:?}: a whole import of {PEOPLE} people took {took:.2?}, writing from {writing:.2?}; killing at {kill_at:.2?}"
    ));

    let mut outcomes = Vec::new();
    let mut killed_writing = 0;
    for delay in kill_at {
        let Some(db) = TestDatabase::fresh(backend).await else {
            return;
        };
        db.import(&before_files);
        assert_eq!(held(&db).await, before);
        let mut run = ImportRun::start(&db, &files);
        tokio::time::sleep(delay).await;
        let finished_first = run.child.try_wait().unwrap().is_some();
        let _ = run.child.kill();
        run.child.wait().unwrap();
        let phase = run.last_phase();
        if !finished_first && phase.starts_with("writing") {
            killed_writing += 1;
        }
        let now = held(&db).await;
        let kept = if now == before {
            "none"
        } else if now == full {
            "all"
        } else {
            panic!(
                "killed at {delay:?} ({phase}): part of the import is there\nbefore {before:?}\nnow    {now:?}\nfull   {full:?}"
            );
        };
        outcomes.push(format!(
            "{delay:.2?} ({}): {kept}",
            if finished_first {
                "had finished".into()
            } else {
                phase
            }
        ));
        db.import(&files);
        // A second import of the same files adds a change-log entry of its own.
        assert_eq!(
            held(&db).await.rows,
            full.rows,
            "importing again after the kill"
        );
    }
    report(&format!("{backend:?}: import killed at {outcomes:?}"));
    // Otherwise the test would pass without killing a write under way.
    assert!(
        killed_writing > 0,
        "no kill landed while the import was writing: {outcomes:?}"
    );
}

on_both_backends!(
    an_import_killed_part_way_leaves_all_or_nothing,
    with TestDatabase::fresh,
    import_killed_part_way
);

/// Settings every server of these tests shares: no rate limit on the one
/// admin token that sends every burst.
const SERVER: &str = "[auth]\nrate_limit_per_minute = 1000000\nrate_limit_burst = 100000\n";

/// Where a server on `db` keeps its text index (the graph beside it): the
/// default beside a SQLite file; a folder of the test's for PostgreSQL,
/// which keeps nothing unless told where.
fn index_dir(db: &TestDatabase) -> PathBuf {
    match db.backend {
        Backend::Sqlite => {
            let file = db.url.trim_start_matches("sqlite://");
            PathBuf::from(format!("{file}.index"))
        }
        Backend::Postgres => db.dir.path().join("tacit.index"),
    }
}

fn server_config(db: &TestDatabase) -> String {
    match db.backend {
        Backend::Sqlite => SERVER.to_string(),
        Backend::Postgres => format!(
            "index_dir = {:?}\n{SERVER}",
            index_dir(db).display().to_string()
        ),
    }
}

const SET_SKILL: &str = "mutation($p: ID!, $s: ID!, $l: Int!) { setPersonSkill(input: { personId: $p, skillId: $s, level: $l }) { personSkill { level } } }";
const SET_SUMMARY: &str = "mutation($p: ID!, $t: String!) { updateProfile(input: { personId: $p, summary: $t }) { person { summary } } }";

/// Write `i` of a burst: person `f{i}` gets skill `k{i}` at a level of its
/// own, and every third person a summary of their own too.
fn burst_write(i: usize) -> Vec<(&'static str, Value)> {
    let mut writes = vec![(
        SET_SKILL,
        json!({ "p": format!("f{i}"), "s": format!("k{i}"), "l": 1 + i % 5 }),
    )];
    if i.is_multiple_of(3) {
        writes.push((
            SET_SUMMARY,
            json!({ "p": format!("f{i}"), "t": format!("Summary {i}: ask about {}", word(i)) }),
        ));
    }
    writes
}

/// Whether a response acknowledges the write: 200, and no error.
fn acknowledged(status: u16, body: &Value) -> bool {
    status == 200 && body.get("errors").is_none() && body.get("data").is_some()
}

/// The person and skill of every write in [`burst_write`] `i`, as stored.
async fn written(server: &ServerProcess, ids: &[usize]) -> BTreeMap<usize, Value> {
    let mut found = BTreeMap::new();
    for chunk in ids.chunks(20) {
        let fields: String = chunk
            .iter()
            .map(|i| {
                format!(
                    "p{i}: person(id: \"f{i}\") {{ summary skills {{ level skill {{ name }} }} }} "
                )
            })
            .collect();
        let data = server.data(&format!("{{ {fields} }}"), json!({})).await;
        for i in chunk {
            found.insert(*i, data[format!("p{i}")].clone());
        }
    }
    found
}

/// Asserts every acknowledged write of `acked` is in `stored`.
fn assert_all_there(acked: &BTreeSet<(usize, &'static str)>, stored: &BTreeMap<usize, Value>) {
    for (i, kind) in acked {
        let p = &stored[i];
        if *kind == SET_SKILL {
            let held = p["skills"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["skill"]["name"] == word(*i) && s["level"] == 1 + i % 5);
            assert!(
                held,
                "acknowledged: f{i} holds {} at level {}; stored: {p}",
                word(*i),
                1 + i % 5
            );
        } else {
            assert_eq!(
                p["summary"],
                format!("Summary {i}: ask about {}", word(*i)),
                "acknowledged summary of f{i}"
            );
        }
    }
}

const EXPERTS: &str =
    "query($q: String!) { experts(query: $q, first: 10) { person { externalId } score } }";

/// The people `experts` returns for each question, best first, with scores.
async fn answers(server: &ServerProcess, questions: &[String]) -> Vec<Vec<(String, f64)>> {
    let mut all = Vec::new();
    for q in questions {
        let data = server.data(EXPERTS, json!({ "q": q })).await;
        all.push(
            data["experts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e["person"]["externalId"].as_str().unwrap().to_string(),
                        e["score"].as_f64().unwrap(),
                    )
                })
                .collect(),
        );
    }
    all
}

/// Two answers to one question agree: the same scores place by place, to
/// within 2% (a text index kept and updated counts words a little
/// differently from a new one), and the same people, but for near-ties
/// trading places, or one at the bottom trading with the next one down.
fn agree(a: &[(String, f64)], b: &[(String, f64)]) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() <= 0.02 * x.abs().max(y.abs()) + 1e-9;
    let last = a.last().map_or(0.0, |(_, s)| *s);
    a.len() == b.len()
        && a.iter().zip(b).all(|((_, x), (_, y))| close(*x, *y))
        && a.iter()
            .filter(|(_, s)| !close(*s, last))
            .all(|(id, _)| b.iter().any(|(other, _)| other == id))
}

/// Copies the kept text index and graph of `db` into a new folder; returns
/// the index folder's path there (the graph file beside it).
fn copy_kept(db: &TestDatabase, into: &Path) -> PathBuf {
    let index = index_dir(db);
    let copy = into.join("tacit.index");
    std::fs::create_dir_all(&copy).unwrap();
    for entry in std::fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::copy(index.with_extension("graph"), copy.with_extension("graph"))
        .expect("a server keeps its graph beside its index");
    copy
}

/// The graph a server would start from after the kill (the kept file,
/// copied, and the change log replayed over it) equals one built from the
/// store alone, compared node by node and edge by edge.
async fn assert_kept_graph_matches_rebuild(db: &TestDatabase) {
    let copies = tempfile::tempdir().unwrap();
    let index = copy_kept(db, copies.path());
    let store = tacit::store::open(&db.url, 4, None).await.unwrap();
    let config = tacit::rank::RankConfig::default();
    let (restarted, stats) = tacit::rank::Engine::load(store.clone(), config.clone(), Some(&index))
        .await
        .unwrap();
    assert!(
        stats.kept,
        "the restart read the kept graph (else it rebuilt and proves nothing)"
    );
    let (fresh, _) = tacit::rank::Engine::load(store.clone(), config, None)
        .await
        .unwrap();
    let (nodes, edges) = restarted.canonical().await;
    let (fresh_nodes, fresh_edges) = fresh.canonical().await;
    assert_eq!(nodes.len(), fresh_nodes.len(), "nodes");
    assert_eq!(edges.len(), fresh_edges.len(), "edges");
    assert!(nodes == fresh_nodes, "the nodes differ from a rebuild");
    assert!(edges == fresh_edges, "the edges differ from a rebuild");
    store.close().await;
}

/// A burst of writes from eight clients; the server is killed once a third
/// of them were acknowledged. A server started again on the same database
/// and kept files shows every acknowledged write, finds each new holder
/// with `experts`, and answers as one built from the store alone does.
async fn server_killed_mid_burst(db: TestDatabase) {
    const WRITES: usize = 240;
    const CLIENTS: usize = 8;
    let backend = db.backend;
    let files_dir = tempfile::tempdir().unwrap();
    let mut files = demo_files(&db, files_dir.path(), 300);
    files.extend(people_and_skills(files_dir.path(), WRITES));
    db.import(&files);
    let token = db.admin_token();
    let config = server_config(&db);
    let mut server = ServerProcess::start(&db, "first", &config, &token).await;

    let next = Arc::new(AtomicUsize::new(0));
    let acks = Arc::new(AtomicUsize::new(0));
    let acked = Arc::new(Mutex::new(BTreeSet::new()));
    let killed = Arc::new(tokio::sync::Notify::new());
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        let (client, base) = (server.client.clone(), server.base.clone());
        let (next, acks, acked, killed) =
            (next.clone(), acks.clone(), acked.clone(), killed.clone());
        clients.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= WRITES {
                    return;
                }
                for (query, variables) in burst_write(i) {
                    let sent = client
                        .post(format!("{base}/graphql"))
                        .json(&json!({ "query": query, "variables": variables }))
                        .send()
                        .await;
                    let Ok(res) = sent else {
                        return; // the server is gone
                    };
                    let status = res.status().as_u16();
                    let Ok(body) = res.json::<Value>().await else {
                        return;
                    };
                    assert!(
                        acknowledged(status, &body),
                        "a write failed before the kill: {status} {body}"
                    );
                    acked.lock().unwrap().insert((i, query));
                    if acks.fetch_add(1, Ordering::SeqCst) + 1 == WRITES / 3 {
                        killed.notify_one();
                    }
                }
            }
        }));
    }
    within("a third of the writes acknowledged", killed.notified()).await;
    server.kill();
    for c in clients {
        c.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    let sent = next.load(Ordering::SeqCst).min(WRITES);
    report(&format!(
        "{backend:?}: server killed with {} writes acknowledged, {sent} begun",
        acked.len()
    ));

    assert_kept_graph_matches_rebuild(&db).await;

    let restarted = ServerProcess::start(&db, "restarted", &config, &token).await;
    let ids: Vec<usize> = (0..sent).collect();
    let stored = written(&restarted, &ids).await;
    assert_all_there(&acked, &stored);
    for (i, kind) in &acked {
        if *kind == SET_SKILL {
            let data = restarted.data(EXPERTS, json!({ "q": word(*i) })).await;
            let found = data["experts"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["person"]["externalId"] == format!("f{i}"));
            assert!(
                found,
                "experts for {} finds f{i} after the restart: {data}",
                word(*i)
            );
        }
    }
    let mut questions: Vec<String> = (0..sent).step_by(7).map(word).collect();
    questions.extend(["records retention", "data protection", "kubernetes"].map(String::from));
    let after_restart = answers(&restarted, &questions).await;
    drop(restarted);

    // The same database, with the kept graph and index removed: built from the store.
    let index = index_dir(&db);
    std::fs::remove_dir_all(&index).unwrap();
    std::fs::remove_file(index.with_extension("graph")).unwrap();
    let rebuilt = ServerProcess::start(&db, "rebuilt", &config, &token).await;
    let from_store = answers(&rebuilt, &questions).await;
    for ((q, a), b) in questions.iter().zip(&after_restart).zip(&from_store) {
        assert!(
            agree(a, b),
            "experts for {q:?}: the restarted server\n{a:?}\nand one built from the store\n{b:?}"
        );
    }
}

on_both_backends!(
    a_server_killed_mid_burst_keeps_every_acknowledged_write,
    with TestDatabase::fresh,
    server_killed_mid_burst
);

/// Phases of the PostgreSQL outage run, as each request saw them.
const HEALTHY: u8 = 0;
/// Searches only, so the clients' credential stays checked (cached): the
/// first requests of the outage then get past sign-in to the database.
const QUIET: u8 = 1;
/// Connections refused and the first backends being killed; searches only.
const GOING: u8 = 2;
const OUTAGE: u8 = 3;
/// Connections allowed again, not yet seen to work.
const ENDING: u8 = 4;
const RECOVERED: u8 = 5;

/// One request of the load during the outage run.
#[derive(Debug, Clone)]
struct Outcome {
    write: Option<usize>,
    sent: u8,
    done: u8,
    /// 0 when no answer came (refused connection, or no answer in time).
    status: u16,
    code: String,
    message: String,
}

impl Outcome {
    fn ok(&self) -> bool {
        self.status == 200 && self.code.is_empty()
    }

    /// The answer a request that needed the database gets while it is away.
    fn clear_503(&self) -> bool {
        self.status == 503 && self.code == "UNAVAILABLE" && self.message.len() > 20
    }
}

/// Person and skill of load write `i`: a pair no other write names.
fn pair(i: usize, n: usize) -> (usize, usize) {
    (i % n, (i / n + i) % n)
}

/// Sends one request of the load and sorts its answer.
async fn send(
    client: &reqwest::Client,
    base: &str,
    query: &str,
    variables: Value,
    within: Duration,
) -> (u16, String, String) {
    let sent = client
        .post(format!("{base}/graphql"))
        .timeout(within)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await;
    let Ok(res) = sent else {
        return (0, "NO ANSWER".into(), format!("{sent:?}"));
    };
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    let error = &body["errors"][0];
    (
        status,
        error["extensions"]["code"].as_str().map_or_else(
            || (if error.is_null() { "" } else { "NO CODE" }).to_string(),
            String::from,
        ),
        error["message"].as_str().unwrap_or_default().to_string(),
    )
}

/// Ends every connection to `database` but the caller's: the server's
/// pool and its change-log listener. Returns how many were ended.
async fn terminate(admin: &mut sqlx::PgConnection, database: &str) -> usize {
    let ended: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    )
    .bind(database)
    .fetch_all(admin)
    .await
    .unwrap();
    ended.len()
}

async fn allow_connections(admin: &mut sqlx::PgConnection, database: &str, allow: bool) {
    use sqlx::Executor;
    admin
        .execute(sqlx::AssertSqlSafe(format!(
            "ALTER DATABASE {database} WITH ALLOW_CONNECTIONS {allow}"
        )))
        .await
        .unwrap();
}

/// PostgreSQL stops accepting connections to the server's database and its
/// backends are killed, over and over, while four clients search and write.
/// Meanwhile every answer is a 200 or a 503 that says why (never a 500 or
/// no answer within the request timeout), every write is refused, and
/// `/readyz` says not ready. Once connections are allowed again the same
/// server is ready and takes writes within 10 s, and every write it
/// acknowledged, before or after, is there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_going_away_under_load_gives_503s_then_recovers_without_a_restart() {
    const N: usize = 300;
    const CLIENTS: usize = 4;
    const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
    const RECOVER_WITHIN: Duration = Duration::from_secs(10);
    let Some(db) = TestDatabase::fresh(Backend::Postgres).await else {
        return;
    };
    let database = db.pg_name().to_string();
    let files_dir = tempfile::tempdir().unwrap();
    let mut files = demo_files(&db, files_dir.path(), 300);
    // One more person than the clients write for: the probe after the outage.
    files.extend(people_and_skills(files_dir.path(), N + 1));
    db.import(&files);
    let token = db.admin_token();
    let config = format!(
        "request_timeout_secs = {}\n{}",
        REQUEST_TIMEOUT.as_secs(),
        server_config(&db)
    );
    let server = ServerProcess::start(&db, "outage", &config, &token).await;
    let mut admin =
        <sqlx::PgConnection as sqlx::Connection>::connect(&common::postgres_admin_url())
            .await
            .unwrap();

    let phase = Arc::new(AtomicU8::new(HEALTHY));
    let stop = Arc::new(AtomicBool::new(false));
    let next = Arc::new(AtomicUsize::new(0));
    let outcomes = Arc::new(Mutex::new(Vec::<Outcome>::new()));
    let acked_in = Arc::new([(); 6].map(|()| AtomicUsize::new(0)));
    let writing = Arc::new(AtomicUsize::new(0));
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        let (client, base) = (server.client.clone(), server.base.clone());
        let (phase, stop, next, outcomes, acked_in, writing) = (
            phase.clone(),
            stop.clone(),
            next.clone(),
            outcomes.clone(),
            acked_in.clone(),
            writing.clone(),
        );
        clients.push(tokio::spawn(async move {
            // An answer later than this is a hang: the server's own timeout
            // should have answered first.
            let within = REQUEST_TIMEOUT + Duration::from_secs(5);
            while !stop.load(Ordering::SeqCst) {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let (p, s) = pair(i, N);
                for write in [None, Some(i)] {
                    if write.is_some() {
                        // Counted first, so the quiet phase waits for it.
                        writing.fetch_add(1, Ordering::SeqCst);
                        if matches!(phase.load(Ordering::SeqCst), QUIET | GOING) {
                            writing.fetch_sub(1, Ordering::SeqCst);
                            continue;
                        }
                    }
                    let sent = phase.load(Ordering::SeqCst);
                    let (status, code, message) = match write {
                        None => send(&client, &base, EXPERTS, json!({ "q": word(s) }), within).await,
                        Some(_) => {
                            let vars = json!({ "p": format!("f{p}"), "s": format!("k{s}"), "l": 1 + i % 5 });
                            send(&client, &base, SET_SKILL, vars, within).await
                        }
                    };
                    let outcome = Outcome {
                        write,
                        sent,
                        done: phase.load(Ordering::SeqCst),
                        status,
                        code,
                        message,
                    };
                    if outcome.write.is_some() && outcome.ok() {
                        acked_in[usize::from(outcome.done)].fetch_add(1, Ordering::SeqCst);
                    }
                    outcomes.lock().unwrap().push(outcome);
                    if write.is_some() {
                        writing.fetch_sub(1, Ordering::SeqCst);
                    }
                }
            }
        }));
    }
    let acked_so_far = |phase: u8| acked_in[usize::from(phase)].load(Ordering::SeqCst);
    within("20 writes acknowledged before the outage", async {
        while acked_so_far(HEALTHY) < 20 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert_eq!(server.readyz().await, 200);

    phase.store(QUIET, Ordering::SeqCst);
    within("the writes under way finished", async {
        while writing.load(Ordering::SeqCst) > 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
    // Checked now, and no write clears it before the outage (ten seconds).
    server.data(EXPERTS, json!({ "q": word(0) })).await;
    phase.store(GOING, Ordering::SeqCst);
    allow_connections(&mut admin, &database, false).await;
    let mut ended = terminate(&mut admin, &database).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    // A connection that was being opened as the first round ran is gone now.
    ended += terminate(&mut admin, &database).await;
    phase.store(OUTAGE, Ordering::SeqCst);
    let outage = Instant::now();
    let mut readiness = Vec::new();
    while outage.elapsed() < Duration::from_secs(4) {
        ended += terminate(&mut admin, &database).await;
        readiness.push(server.readyz().await);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    phase.store(ENDING, Ordering::SeqCst);
    allow_connections(&mut admin, &database, true).await;
    let allowed = Instant::now();
    let mut probe = 0;
    loop {
        let ready = server.readyz().await == 200;
        let vars = json!({ "p": format!("f{N}"), "s": format!("k{}", probe % N), "l": 3 });
        let written = ready
            && send(
                &server.client,
                &server.base,
                SET_SKILL,
                vars,
                REQUEST_TIMEOUT * 2,
            )
            .await
            .0 == 200;
        if written {
            break;
        }
        assert!(
            allowed.elapsed() < RECOVER_WITHIN,
            "not recovered {RECOVER_WITHIN:?} after connections were allowed again (ready: {ready})\n{}",
            server.log_tail(30)
        );
        probe += 1;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let recovered_in = allowed.elapsed();
    phase.store(RECOVERED, Ordering::SeqCst);
    within("20 writes acknowledged after recovering", async {
        while acked_so_far(RECOVERED) < 20 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    stop.store(true, Ordering::SeqCst);
    for c in clients {
        c.await.unwrap();
    }

    let outcomes = outcomes.lock().unwrap().clone();
    let wrong: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| !(o.ok() || o.clear_503()))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} answers neither 200 nor a clear 503, e.g. {:#?}\n{}",
        wrong.len(),
        &wrong[..wrong.len().min(5)],
        server.log_tail(40)
    );
    let unexpected: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.sent == o.done && (o.sent == HEALTHY || o.sent == RECOVERED) && !o.ok())
        .collect();
    assert!(
        unexpected.is_empty(),
        "refused while the database was there: {:#?}",
        &unexpected[..unexpected.len().min(5)]
    );
    let during: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.sent == OUTAGE && o.done == OUTAGE)
        .collect();
    let writes_during = during.iter().filter(|o| o.write.is_some()).count();
    assert!(writes_during > 0, "no write was tried during the outage");
    assert!(
        during.iter().all(|o| o.write.is_none() || o.clear_503()),
        "a write went through while the database refused connections"
    );
    assert!(
        readiness.iter().all(|s| *s == 503),
        "/readyz during the outage: {readiness:?}"
    );
    let searches_ok = during
        .iter()
        .filter(|o| o.write.is_none() && o.ok())
        .count();
    // Some got past sign-in (with the credential checked before) and were
    // refused by the API itself, not only by the credential check.
    let by_api = outcomes
        .iter()
        .filter(|o| o.clear_503() && o.message.starts_with("the database cannot be reached"))
        .count();
    assert!(
        by_api > 0,
        "no request reached the database through the API during the outage"
    );
    report(&format!(
        "PostgreSQL outage of 4 s ({ended} backends ended): {writes_during} writes refused with 503, \
         searches {searches_ok} answered and {} refused with 503, {by_api} refusals by the API past sign-in, \
         /readyz 503 {} times; recovered {recovered_in:.2?} after connections were allowed again",
        during.len() - writes_during - searches_ok,
        readiness.len()
    ));

    // Every acknowledged write is there, on the same server.
    let acked: Vec<usize> = outcomes
        .iter()
        .filter(|o| o.ok())
        .filter_map(|o| o.write)
        .collect();
    let people: Vec<usize> = (0..N).collect();
    let mut held: BTreeMap<(String, String), i64> = BTreeMap::new();
    for chunk in people.chunks(20) {
        let fields: String = chunk
            .iter()
            .map(|p| format!("p{p}: person(id: \"f{p}\") {{ externalId skills {{ level skill {{ name }} }} }} "))
            .collect();
        let data = server.data(&format!("{{ {fields} }}"), json!({})).await;
        for p in chunk {
            let person = &data[format!("p{p}")];
            for s in person["skills"].as_array().unwrap() {
                held.insert(
                    (
                        person["externalId"].as_str().unwrap().to_string(),
                        s["skill"]["name"].as_str().unwrap().to_string(),
                    ),
                    s["level"].as_i64().unwrap(),
                );
            }
        }
    }
    for i in acked {
        let (p, s) = pair(i, N);
        assert_eq!(
            held.get(&(format!("f{p}"), word(s))),
            Some(&((1 + i % 5) as i64)),
            "acknowledged write {i}: f{p} holds {}",
            word(s)
        );
    }
}

/// A tmpfs mounted for one test, unmounted when dropped (lazily, should
/// something still hold it).
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// `None` (with a note) when this machine does not let the test mount
    /// one; under CI=true that fails instead.
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output();
        match out {
            Ok(out) if out.status.success() => Some(Tmpfs { dir }),
            other => {
                let why = match other {
                    Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_string(),
                    Err(e) => e.to_string(),
                };
                assert!(
                    !common::ci(),
                    "cannot mount a {size} tmpfs for the full-disk test ({why}); it needs root (CI=true, so this fails)"
                );
                eprintln!(
                    "SKIPPED: cannot mount a tmpfs ({why}); run as root, or set CI=true to make this fail"
                );
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Bytes free on it.
    fn free(&self) -> u64 {
        let out = std::process::Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(self.path())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .unwrap()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let unmounted = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !unmounted {
            let _ = std::process::Command::new("umount")
                .arg("-l")
                .arg(self.dir.path())
                .status();
        }
    }
}

const CREATE_EVIDENCE: &str = "mutation($id: String!, $text: String!) { createEvidence(input: { externalId: $id, evidence: { title: \"Filler\", text: $text, authorIds: [\"f0\"] } }) { evidence { id } } }";

/// Asks for a 16 kB-ish document `id` with `text`; the HTTP status and body.
async fn create_evidence(server: &ServerProcess, id: &str, text: &str) -> (u16, Value) {
    server
        .gql(CREATE_EVIDENCE, json!({ "id": id, "text": text }))
        .await
}

/// The id of the document an acknowledged [`create_evidence`] made.
fn created_id(status: u16, body: &Value) -> Option<String> {
    acknowledged(status, body).then(|| {
        body["data"]["createEvidence"]["evidence"]["id"]
            .as_str()
            .unwrap()
            .to_string()
    })
}

/// About `bytes` of made-up words, different per `seed`: text that takes room.
fn filler(seed: usize, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 16);
    let mut x = seed as u64 * 2_654_435_761 + 1;
    while text.len() < bytes {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        text.push_str(&word((x % 1000) as usize));
        text.push(' ');
    }
    text.trim_end().to_string()
}

/// A SQLite database (and its WAL) on a small tmpfs nearly filled by another
/// file, written to through the API until the disk is full: writes are
/// then refused with a 503 that says the disk is full, reads still work,
/// and once space is freed a restarted server has everything acknowledged
/// before, in a file that passes `PRAGMA integrity_check`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_on_a_full_disk_refuses_writes_clearly_and_loses_nothing() {
    const FREE: u64 = 1_500_000;
    let Some(disk) = Tmpfs::mount("16m") else {
        return;
    };
    let db = TestDatabase::sqlite_in(disk.path());
    let files_dir = tempfile::tempdir().unwrap();
    db.import(&people_and_skills(files_dir.path(), 20));
    let token = db.admin_token();
    // The text index and graph are kept off the small disk: what fills is the database.
    let config = format!(
        "index_dir = {:?}\n{SERVER}",
        db.dir.path().join("tacit.index").display().to_string()
    );
    let mut server = ServerProcess::start(&db, "full", &config, &token).await;
    let ballast = disk.path().join("ballast");
    let size = disk.free().saturating_sub(FREE);
    std::fs::write(&ballast, vec![0u8; usize::try_from(size).unwrap()]).unwrap();

    // A refusal is a 503 that says why: the disk is full, mostly, or (when
    // SQLite could not take its lock meanwhile) that the database is busy.
    let refusal = |status: u16, body: &Value| {
        let e = &body["errors"][0];
        assert!(
            status == 503
                && e["extensions"]["code"] == "UNAVAILABLE"
                && e["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("disk is full") || m.contains("busy")),
            "a write on a full disk: {status} {body}\n{}",
            server.log_tail(20)
        );
    };
    let says_full = |body: &Value| {
        body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("disk is full"))
    };
    let mut acked: Vec<(String, String)> = Vec::new();
    let mut full = None;
    for i in 0..1_000 {
        let text = filler(i, 16_000);
        let (status, body) = create_evidence(&server, &format!("full-{i}"), &text).await;
        if let Some(id) = created_id(status, &body) {
            acked.push((id, text));
        } else {
            refusal(status, &body);
            if says_full(&body) {
                full = Some(body);
                break;
            }
        }
    }
    let Some(body) = full else {
        panic!("{} writes of 16 kB all fit in {FREE} bytes", acked.len());
    };
    report(&format!(
        "SQLite: {} writes of 16 kB acknowledged before the disk was full; then: {}",
        acked.len(),
        body["errors"][0]["message"]
    ));
    // More writes, small and large: each is refused as clearly, or fits
    // (SQLite may reuse its WAL once it has been checkpointed) and counts.
    let (mut small, mut late) = (Vec::new(), 0);
    for i in 0..5 {
        let (status, body) = server
            .gql(
                SET_SUMMARY,
                json!({ "p": format!("f{i}"), "t": filler(100 + i, 400) }),
            )
            .await;
        if acknowledged(status, &body) {
            small.push(i);
        } else {
            refusal(status, &body);
        }
        let text = filler(1_000 + i, 16_000);
        let (status, body) = create_evidence(&server, &format!("late-{i}"), &text).await;
        if let Some(id) = created_id(status, &body) {
            acked.push((id, text));
            late += 1;
        } else {
            refusal(status, &body);
        }
    }
    report(&format!(
        "SQLite: after that, of five small writes {} fitted, and of five more of 16 kB {late}",
        small.len()
    ));
    // Reads go on.
    let seen = server
        .data(
            "{ evidence(first: 1) { totalCount } p: person(id: \"f0\") { name } }",
            json!({}),
        )
        .await;
    assert_eq!(seen["evidence"]["totalCount"], acked.len());
    server.data(EXPERTS, json!({ "q": word(3) })).await;
    assert_eq!(
        server.readyz().await,
        200,
        "reads work, so the server is ready"
    );

    server.kill();
    std::fs::remove_file(&ballast).unwrap();
    let restarted = ServerProcess::start(&db, "full", &config, &token).await;
    for chunk in acked.chunks(10) {
        let fields: String = chunk
            .iter()
            .enumerate()
            .map(|(n, (id, _))| {
                format!("e{n}: node(id: \"{id}\") {{ ... on Evidence {{ text }} }} ")
            })
            .collect();
        let data = restarted.data(&format!("{{ {fields} }}"), json!({})).await;
        for (n, (id, text)) in chunk.iter().enumerate() {
            let stored = data[format!("e{n}")]["text"].as_str().unwrap_or_default();
            assert!(
                stored == text,
                "evidence {id} after the restart: {} bytes of {}",
                stored.len(),
                text.len()
            );
        }
    }
    let written = written(&restarted, &small).await;
    for i in &small {
        assert_eq!(written[i]["summary"], filler(100 + i, 400));
    }
    // And the file is whole, WAL and all.
    let mut c = <sqlx::SqliteConnection as sqlx::Connection>::connect(&db.url)
        .await
        .unwrap();
    let check: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut c)
        .await
        .unwrap();
    assert_eq!(check, ["ok"]);
    drop(restarted);
}
