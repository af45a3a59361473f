//! The `tacit` binary in processes of its own, for tests that kill it: a
//! database with no server on it ([`TestDatabase`]) and `tacit serve` as a
//! child ([`ServerProcess`]), found through its "listening" log line.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{Backend, DbGuard, fresh_database};

/// How long a server may take to start before the test gives up (a first
/// start builds the graph; a loaded machine is slow, and this is no timing).
const START_WITHIN: Duration = Duration::from_secs(180);

/// A fresh database, as [`super::TestApp`] makes, with no server on it, and
/// a folder for what goes with it (config files, a kept graph and index).
pub struct TestDatabase {
    pub backend: Backend,
    pub url: String,
    /// The audit key file (PostgreSQL); a SQLite file keeps its own beside it.
    pub audit_key_file: Option<PathBuf>,
    /// Config files, index folders: removed after the database.
    pub dir: tempfile::TempDir,
    _guard: DbGuard,
}

impl TestDatabase {
    /// `None` when PostgreSQL is not reachable outside CI (the harness has said so).
    pub async fn fresh(backend: Backend) -> Option<TestDatabase> {
        let (url, guard) = fresh_database(backend).await?;
        Some(Self::around(backend, url, guard))
    }

    /// A SQLite database in a new folder inside `parent` (a small disk, say).
    pub fn sqlite_in(parent: &Path) -> TestDatabase {
        let dir = tempfile::Builder::new()
            .prefix("db")
            .tempdir_in(parent)
            .expect("temp dir for the database");
        let url = format!("sqlite://{}", dir.path().join("tacit.db").display());
        Self::around(Backend::Sqlite, url, DbGuard::Sqlite(dir))
    }

    fn around(backend: Backend, url: String, guard: DbGuard) -> TestDatabase {
        let dir = tempfile::tempdir().expect("temp dir");
        let audit_key_file = (backend == Backend::Postgres).then(|| {
            let file = dir.path().join("audit.key");
            std::fs::write(&file, tacit::domain::AuditKey::generate_text())
                .expect("write audit key");
            file
        });
        TestDatabase {
            backend,
            url,
            audit_key_file,
            dir,
            _guard: guard,
        }
    }

    /// The PostgreSQL database's name.
    pub fn pg_name(&self) -> &str {
        self.url.rsplit('/').next().unwrap_or_default()
    }

    /// The `tacit` binary pointed at this database and its audit key.
    pub fn cli(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tacit"));
        command.args(["--database-url", &self.url]);
        for var in ["TACIT_AUDIT_KEY", "TACIT_CONFIG", "TACIT_DATABASE_URL"] {
            command.env_remove(var);
        }
        match &self.audit_key_file {
            Some(file) => command.env("TACIT_AUDIT_KEY_FILE", file),
            None => command.env_remove("TACIT_AUDIT_KEY_FILE"),
        };
        command
    }

    /// An admin's API token, made as an operator makes the first one.
    pub fn admin_token(&self) -> String {
        let out = self
            .cli()
            .args([
                "token",
                "create",
                "--role",
                "admin",
                "--name",
                "fault tests",
            ])
            .output()
            .expect("run tacit token create");
        assert!(
            out.status.success(),
            "tacit token create: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// `tacit import FILES`, which must succeed; returns its stdout.
    pub fn import(&self, files: &[PathBuf]) -> String {
        let out = self
            .cli()
            .arg("import")
            .args(files)
            .output()
            .expect("run tacit import");
        assert!(
            out.status.success(),
            "tacit import: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// `tacit serve` in a child process, killed (SIGKILL) when dropped.
pub struct ServerProcess {
    child: Child,
    pub base: String,
    /// Sends the admin token given at start with every request.
    pub client: reqwest::Client,
    /// Sends no credential.
    pub anon: reqwest::Client,
    log: Arc<Mutex<Vec<String>>>,
}

impl ServerProcess {
    /// Starts `tacit serve` on `db` with `config` (TOML, written to a file
    /// named `name`.toml in `db.dir`) and waits for it to say where it listens.
    pub async fn start(db: &TestDatabase, name: &str, config: &str, token: &str) -> ServerProcess {
        let file = db.dir.path().join(format!("{name}.toml"));
        std::fs::write(&file, config).expect("write server config");
        let mut child = db
            .cli()
            .args(["--log-format", "json", "--config"])
            .arg(&file)
            .args(["serve", "--listen", "127.0.0.1:0"])
            // Request lines would drown what matters when a test fails.
            .env("RUST_LOG", "info,sqlx=warn,tower_http=warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tacit serve");
        let stderr = child.stderr.take().expect("stderr is piped");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = tokio::sync::oneshot::channel::<String>();
        let lines = log.clone();
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Ok(event) = serde_json::from_str::<Value>(&line)
                    && event["message"] == "tacit is listening"
                    && let (Some(tx), Some(address)) = (tx.take(), event["address"].as_str())
                {
                    let _ = tx.send(address.to_string());
                }
                if let Ok(mut lines) = lines.lock() {
                    lines.push(line);
                }
            }
        });
        let address = match tokio::time::timeout(START_WITHIN, rx).await {
            Ok(Ok(address)) => address,
            outcome => {
                let _ = child.kill();
                let status = child.wait();
                panic!(
                    "tacit serve did not start ({}; {status:?}):\n{}",
                    if outcome.is_err() {
                        "no listening line in time"
                    } else {
                        "it ended first"
                    },
                    tail(&log, 60)
                );
            }
        };
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::AUTHORIZATION,
            format!("Bearer {token}").parse().expect("header"),
        );
        ServerProcess {
            child,
            base: format!("http://{address}"),
            client: reqwest::Client::builder()
                .default_headers(headers)
                .build()
                .expect("client"),
            anon: reqwest::Client::new(),
            log,
        }
    }

    /// The process id, for signals.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `kill -9`: nothing of the server runs after this returns.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM, then waits for the server to finish its shutdown (it keeps
    /// the graph for the next start); SIGKILL after `within`.
    pub fn stop(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.kill();
        None
    }

    /// The last `n` lines the server logged.
    pub fn log_tail(&self, n: usize) -> String {
        tail(&self.log, n)
    }

    /// POSTs a GraphQL request as the admin; the HTTP status and the body
    /// (`Null` when it was not JSON).
    pub async fn gql(&self, query: &str, variables: Value) -> (u16, Value) {
        let res = super::post_graphql(&self.client, &self.base, query, variables)
            .await
            .unwrap_or_else(|e| panic!("request: {e}\n{}", self.log_tail(40)));
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// Like [`ServerProcess::gql`], failing the test on any error; returns `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let (status, body) = self.gql(query, variables).await;
        assert!(
            status == 200 && body.get("errors").is_none(),
            "{status}: {body:#}\n{}",
            self.log_tail(40)
        );
        body["data"].clone()
    }

    /// The status of `/readyz`.
    pub async fn readyz(&self) -> u16 {
        self.anon
            .get(format!("{}/readyz", self.base))
            .send()
            .await
            .map_or(0, |r| r.status().as_u16())
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

fn tail(log: &Mutex<Vec<String>>, n: usize) -> String {
    log.lock()
        .map(|lines| lines[lines.len().saturating_sub(n)..].join("\n"))
        .unwrap_or_default()
}
