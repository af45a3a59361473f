//! Test harness: every test gets its own database (a temp SQLite file or a
//! fresh PostgreSQL database) and a real server on 127.0.0.1:0.
#![allow(dead_code)]

pub mod process;

use std::sync::Arc;

use serde_json::{Value, json};
use tacit::config::Config;
use tacit::store::Store;

pub const DEFAULT_PG: &str = "postgres://postgres@127.0.0.1:5432/postgres";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A running server and the database behind it, removed when dropped.
pub struct TestApp {
    pub base: String,
    /// Sends the admin token of [`TestApp::admin_token`] with every request.
    pub client: reqwest::Client,
    /// Sends no credential.
    pub anon: reqwest::Client,
    pub admin_token: String,
    pub store: Arc<dyn Store>,
    pub engine: Arc<tacit::rank::Engine>,
    pub database_url: String,
    /// The server's clock: tests move it forward to end retention periods.
    pub clock: tacit::domain::Clock,
    /// Where the text index is kept (the graph file beside it), if on disk.
    pub index_dir: Option<std::path::PathBuf>,
    /// The audit key file given to the server (PostgreSQL); a SQLite
    /// database keeps its generated key beside the file instead.
    pub audit_key_file: Option<std::path::PathBuf>,
    _key_dir: Option<tempfile::TempDir>,
    _db: DbGuard,
    _index: Option<tempfile::TempDir>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

enum DbGuard {
    Sqlite(tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        if let DbGuard::Postgres { admin_url, name } = self {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Dropping runs outside the test's runtime, which may be shutting down.
            let _ = std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                rt.block_on(async {
                    use sqlx::Executor;
                    if let Ok(mut c) =
                        <sqlx::PgConnection as sqlx::Connection>::connect(&admin_url).await
                    {
                        let _ = c
                            .execute(sqlx::AssertSqlSafe(format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            )))
                            .await;
                    }
                });
            })
            .join();
        }
    }
}

pub fn postgres_admin_url() -> String {
    std::env::var("TACIT_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_PG.to_string())
}

pub fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A fresh, empty database for `backend`, or `None` when PostgreSQL is not
/// reachable outside CI (the test then says so and returns).
async fn fresh_database(backend: Backend) -> Option<(String, DbGuard)> {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("tacit.db").display());
            Some((url, DbGuard::Sqlite(dir)))
        }
        Backend::Postgres => {
            use sqlx::Executor;
            let admin = postgres_admin_url();
            let mut conn = match <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await {
                Ok(c) => c,
                Err(e) if !ci() => {
                    eprintln!(
                        "SKIPPED: PostgreSQL not reachable at {admin} ({e}); set CI=true to make this fail"
                    );
                    return None;
                }
                Err(e) => {
                    panic!("PostgreSQL not reachable at {admin}: {e} (CI=true, so this fails)")
                }
            };
            let name = format!("tacit_test_{:016x}", rand::random::<u64>());
            conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .await
                .expect("create test database");
            let base = admin
                .rsplit_once('/')
                .map_or(admin.as_str(), |(b, _)| b)
                .to_string();
            Some((
                format!("{base}/{name}"),
                DbGuard::Postgres {
                    admin_url: admin,
                    name,
                },
            ))
        }
    }
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, None).await
    }

    /// A server that also serves a web app from `static_dir`.
    pub async fn spawn_with(
        backend: Backend,
        static_dir: Option<std::path::PathBuf>,
    ) -> Option<TestApp> {
        Self::spawn_config(backend, |c| c.static_dir = static_dir).await
    }

    /// A server that keeps its text index and graph on disk on either backend
    /// (on SQLite they are beside the database file anyway).
    pub async fn spawn_keeping_files(backend: Backend) -> Option<TestApp> {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = dir.path().join("tacit.index");
        let mut app = Self::spawn_config(backend, |c| {
            if c.index_dir().is_none() {
                c.index_dir = Some(index);
            }
        })
        .await?;
        app._index = Some(dir);
        Some(app)
    }

    /// A server whose configuration `adjust` changes first.
    pub async fn spawn_config(
        backend: Backend,
        adjust: impl FnOnce(&mut Config),
    ) -> Option<TestApp> {
        let (database_url, guard) = fresh_database(backend).await?;
        let key_dir = (backend == Backend::Postgres).then(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let text = tacit::domain::AuditKey::generate_text();
            std::fs::write(dir.path().join("audit.key"), text).expect("write audit key");
            dir
        });
        let audit_key_file = key_dir.as_ref().map(|d| d.path().join("audit.key"));
        let mut config = Config {
            database_url: database_url.clone(),
            audit_key_file: audit_key_file.clone(),
            max_connections: 4,
            // Tests send bursts from one credential; the rate-limit test lowers this.
            rate_limit_per_minute: 1_000_000,
            rate_limit_burst: 100_000,
            ..Config::default()
        };
        adjust(&mut config);
        let clock = config.clock.clone();
        let index_dir = config.index_dir();
        let app = tacit::App::build(&config).await.expect("app builds");
        let (admin_token, _) = tacit::auth::create_api_token(
            &app.store,
            &tacit::auth::Principal::system(),
            tacit::auth::NewToken {
                name: "tests".into(),
                role: tacit::domain::Role::Admin,
                person_id: None,
                scopes: vec![tacit::domain::Scope::Read, tacit::domain::Scope::Write],
                expires_in_days: None,
            },
            chrono::Utc::now(),
        )
        .await
        .expect("admin token");
        let store = app.store.clone();
        let engine = app.engine.clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(app.serve(listener, async {
            let _ = rx.await;
        }));
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::AUTHORIZATION,
            format!("Bearer {admin_token}").parse().expect("header"),
        );
        Some(TestApp {
            base,
            client: reqwest::Client::builder()
                .default_headers(headers)
                .build()
                .expect("client"),
            anon: reqwest::Client::new(),
            admin_token,
            store,
            engine,
            database_url,
            clock,
            index_dir,
            audit_key_file,
            _key_dir: key_dir,
            _db: guard,
            _index: None,
            shutdown: Some(tx),
        })
    }

    /// The `tacit` binary, pointed at this test's database and audit key.
    pub fn cli(&self) -> std::process::Command {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_tacit"));
        command.args(["--database-url", &self.database_url]);
        command.env_remove("TACIT_AUDIT_KEY");
        match &self.audit_key_file {
            Some(file) => command.env("TACIT_AUDIT_KEY_FILE", file),
            None => command.env_remove("TACIT_AUDIT_KEY_FILE"),
        };
        command
    }

    /// POSTs a GraphQL request and returns the whole JSON response.
    pub async fn gql(&self, query: &str, variables: Value) -> Value {
        let res = post_graphql(&self.client, &self.base, query, variables)
            .await
            .expect("request");
        res.json().await.expect("json body")
    }

    /// A new API token with `role`, acting as `person` when given.
    pub async fn token(&self, role: tacit::domain::Role, person: Option<&str>) -> String {
        use tacit::domain::Scope;
        self.token_with(role, person, vec![Scope::Read, Scope::Write])
            .await
            .0
    }

    /// A new API token with these scopes: its secret and its id.
    pub async fn token_with(
        &self,
        role: tacit::domain::Role,
        person: Option<&str>,
        scopes: Vec<tacit::domain::Scope>,
    ) -> (String, String) {
        let (secret, token) = tacit::auth::create_api_token(
            &self.store,
            &tacit::auth::Principal::system(),
            tacit::auth::NewToken {
                name: "test token".into(),
                role,
                person_id: person.map(str::to_string),
                scopes,
                expires_in_days: None,
            },
            chrono::Utc::now(),
        )
        .await
        .expect("token");
        (secret, token.id)
    }

    /// POSTs a GraphQL request with `token` (none when `None`); returns the
    /// HTTP status and the JSON body.
    pub async fn gql_as(&self, token: Option<&str>, query: &str, variables: Value) -> (u16, Value) {
        let mut req = self
            .anon
            .post(format!("{}/graphql", self.base))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let res = req.send().await.expect("request");
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// Like [`TestApp::gql_as`], failing the test on any error; returns `data`.
    pub async fn data_as(&self, token: &str, query: &str, variables: Value) -> Value {
        let (status, body) = self.gql_as(Some(token), query, variables).await;
        assert_eq!(status, 200, "{body:#}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
        body["data"].clone()
    }

    /// Asserts the graph kept up to date write by write equals one rebuilt from the store.
    pub async fn assert_graph_matches_rebuild(&self) {
        let (nodes, edges) = self.engine.canonical().await;
        let (fresh, _) = tacit::rank::Engine::load(self.store.clone(), Default::default(), None)
            .await
            .expect("rebuild");
        let (fresh_nodes, fresh_edges) = fresh.canonical().await;
        assert_eq!(edges, fresh_edges);
        assert_eq!(nodes, fresh_nodes);
    }

    /// The first error's `extensions.code` and message of a request as `token`.
    pub async fn error_as(&self, token: &str, query: &str, variables: Value) -> (String, String) {
        let (_, body) = self.gql_as(Some(token), query, variables).await;
        let e = &body["errors"][0];
        (
            e["extensions"]["code"]
                .as_str()
                .unwrap_or_else(|| panic!("expected an error: {body:#}"))
                .to_string(),
            e["message"].as_str().unwrap_or_default().to_string(),
        )
    }

    /// Like [`gql`], failing the test on any GraphQL error; returns `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.gql(query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
        body["data"].clone()
    }

    /// The `extensions.code` of the first error.
    pub async fn error_code(&self, query: &str, variables: Value) -> String {
        let body = self.gql(query, variables).await;
        body["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("expected an error: {body:#}"))
            .to_string()
    }

    pub async fn import_jsonl(&self, files: &[(&str, &str)]) -> tacit::import::ImportReport {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut paths = Vec::new();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("write fixture");
            let kind = tacit::import::kind_of(&path).expect("kind from name");
            paths.push((path, kind));
        }
        let report = tacit::import::import_files(
            &self.store,
            &paths,
            false,
            self.clock.now(),
            &tacit::import::Quiet,
        )
        .await
        .expect("import runs");
        self.engine.sync().await.expect("graph follows the import");
        report
    }

    /// Loads a demo organisation of `people` and brings the graph up to date.
    pub async fn load_demo(&self, seed: u64, people: usize) {
        tacit::load_demo(&self.store, seed, people, &tacit::import::Quiet)
            .await
            .expect("demo loads");
        self.engine.sync().await.expect("graph follows the load");
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// The one way to run a test on both backends: `mod name { sqlite, postgres }`,
/// each building its subject and passing it to the body.
///
/// * `on_both_backends!(name, body)`: the subject is `TestApp::spawn(backend)`;
/// * `on_both_backends!(name, spawn_fn, body)`: `TestApp::spawn_fn(backend)`;
/// * `on_both_backends!(name, with setup, body)`: `setup(backend)`, any async
///   function returning `Option<T>` (`None`: the backend is not available
///   and the harness has said why).
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, with $setup:path, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(subject) = $setup($crate::common::Backend::Sqlite).await {
                    ($body)(subject).await;
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(subject) = $setup($crate::common::Backend::Postgres).await {
                    ($body)(subject).await;
                }
            }
        }
    };
    ($name:ident, $spawn:ident, $body:expr) => {
        $crate::on_both_backends!($name, with $crate::common::TestApp::$spawn, $body);
    };
    ($name:ident, $body:expr) => {
        $crate::on_both_backends!($name, with $crate::common::TestApp::spawn, $body);
    };
}

/// The examples of FORMATS.md, verbatim where the document gives them.
pub const SKILLS: &str = r#"{"id": "s-gdpr", "name": "GDPR", "aliases": ["General Data Protection Regulation", "UK GDPR"], "description": "...", "broader": "Data protection", "related": ["Records retention"]}
{"name": "Records retention", "description": "Keeping records for as long as the law and the business need them."}
"#;

pub const PEOPLE: &str = r#"{"id": "e0042", "name": "Siobhan Kelly", "email": "siobhan.kelly@example.org", "title": "Head of Information Governance", "org_unit": "Information Governance", "office": "London", "country": "GB", "timezone": "Europe/London"}
{"id": "e1001", "name": "Aoife Byrne", "email": "aoife.byrne@example.org", "title": "Records Manager", "org_unit": "Information Governance", "office": "Belfast", "country": "GB", "timezone": "Europe/London", "manager_id": "e0042", "status": "leaving", "leaving_on": "2027-01-31", "skills": [{"skill": "Records retention", "level": 5}, {"skill": "GDPR"}]}
{"id": "e2002", "name": "Wing Chan", "email": "wing.chan@example.org", "title": "Data Protection Officer", "office": "Hong Kong", "country": "HK", "timezone": "Asia/Hong_Kong", "manager_id": "e0042", "skills": [{"skill": "UK GDPR", "level": 4}]}
{"id": "e3003", "name": "Jack Wilson", "office": "Sydney", "country": "AU", "timezone": "Australia/Sydney"}
"#;

pub const COMMUNITIES: &str = r#"{"id": "c-rm", "name": "Records Management Network", "description": "...", "skills": ["Records retention", "EDRM"], "members": [{"person_id": "e1001", "role": "lead"}, {"person_id": "e2002"}]}
"#;

pub const EVIDENCE: &str = r#"{"id": "d-77", "author_ids": ["e1001"], "kind": "document", "title": "Retention schedule for HR records", "text": "How long we keep HR case files after someone leaves, and why.", "tags": ["Records retention", "HR"], "created_at": "2024-03-01T10:00:00Z"}
"#;

pub async fn import_examples(app: &TestApp) {
    let report = app
        .import_jsonl(&[
            ("people.jsonl", PEOPLE),
            ("evidence.jsonl", EVIDENCE),
            ("skills.jsonl", SKILLS),
            ("communities.jsonl", COMMUNITIES),
        ])
        .await;
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
}

/// Accepts every pending community invitation of `person`, as they would.
pub async fn accept_invitations(app: &TestApp, person: &str) {
    let me = app.token(tacit::domain::Role::Employee, Some(person)).await;
    let mine = app
        .data_as(&me, "{ myInvitations { id } }", serde_json::json!({}))
        .await;
    for inv in mine["myInvitations"].as_array().into_iter().flatten() {
        app.data_as(
            &me,
            "mutation($id: ID!) { answerInvitation(input: { invitationId: $id, accept: true }) { request { status } } }",
            serde_json::json!({ "id": inv["id"] }),
        )
        .await;
    }
}

/// Shortens a record's retention below the configured period the only way
/// there is: asked for by one HR person (Siobhan Kelly, e0042), approved by
/// a second (Wing Chan, e2002).
pub async fn shorten_retention(app: &TestApp, interview: &str, days: i64) {
    let asker = app.token(tacit::domain::Role::Hr, Some("e0042")).await;
    let asked = app
        .data_as(
            &asker,
            "mutation($id: ID!, $days: Int) { requestDisposal(input: { interviewId: $id, kind: SHORTEN, retentionDays: $days, reason: \"test\" }) { request { id } } }",
            serde_json::json!({ "id": interview, "days": days }),
        )
        .await;
    let approver = app.token(tacit::domain::Role::Hr, Some("e2002")).await;
    app.data_as(
        &approver,
        "mutation($id: String!) { decideDisposalRequest(input: { id: $id, decision: APPROVE }) { request { status } } }",
        serde_json::json!({ "id": asked["requestDisposal"]["request"]["id"] }),
    )
    .await;
}

/// Schedules, runs, completes and publishes an interview with Aoife Byrne
/// (e1001) naming Jack Wilson (e3003) for GDPR; returns its global id.
pub async fn published_interview(app: &TestApp) -> String {
    let data = app
        .data(
            "mutation { scheduleInterview(input: { leaverId: \"e1001\", scheduledFor: \"2026-12-10T10:00:00Z\" }) { interview { id } } }",
            serde_json::json!({}),
        )
        .await;
    let id = data["scheduleInterview"]["interview"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    for step in [
        "startInterview(input: { id: $id }) { interview { status } }",
        "answerQuestions(input: { interviewId: $id, answers: [{ position: 1, answer: \"an answer\" }] }) { interview { status } }",
        "nameSuccessor(input: { interviewId: $id, skillId: \"s-gdpr\", personId: \"e3003\", note: \"ask Jack\" }) { interview { status } }",
        "completeInterview(input: { id: $id, skipUnanswered: true }) { interview { status } }",
        "recordConsent(input: { id: $id, consent: true }) { interview { status } }",
        "publishInterview(input: { id: $id, summary: \"How GDPR requests are handled.\" }) { interview { status } }",
    ] {
        app.data(
            &format!("mutation($id: ID!) {{ {step} }}"),
            serde_json::json!({ "id": id }),
        )
        .await;
    }
    id
}

/// POSTs `query` with `variables` to `base`'s GraphQL endpoint.
pub async fn post_graphql(
    client: &reqwest::Client,
    base: &str,
    query: &str,
    variables: Value,
) -> reqwest::Result<reqwest::Response> {
    client
        .post(format!("{base}/graphql"))
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
}
