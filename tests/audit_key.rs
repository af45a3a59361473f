//! The audit chain is keyed with a secret kept outside the database, and on
//! PostgreSQL the server's role may only append to it.

mod common;

use common::{TestApp, import_examples};
use serde_json::json;

/// `tacit audit verify` as `key` says: the test's own key, another, or none.
enum Key {
    Own,
    Other,
    Missing,
}

fn verify(app: &TestApp, key: Key) -> (bool, String) {
    let mut cli = app.cli();
    let default_file = std::path::PathBuf::from(format!(
        "{}.audit-key",
        app.database_url.trim_start_matches("sqlite://")
    ));
    let hidden = default_file.with_extension("hidden");
    match key {
        Key::Own => {}
        Key::Other => {
            cli.env_remove("TACIT_AUDIT_KEY_FILE")
                .env("TACIT_AUDIT_KEY", "b".repeat(64));
        }
        Key::Missing => {
            cli.env_remove("TACIT_AUDIT_KEY_FILE");
            if app.audit_key_file.is_none() {
                std::fs::rename(&default_file, &hidden).expect("hide the key file");
            }
        }
    }
    let out = cli.args(["audit", "verify"]).output().expect("run tacit");
    if matches!(key, Key::Missing) && app.audit_key_file.is_none() {
        std::fs::rename(&hidden, &default_file).expect("restore the key file");
    }
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

async fn raw_sql(app: &TestApp, statements: &[String]) -> Result<(), sqlx::Error> {
    use sqlx::{Connection, Executor};
    if app.database_url.starts_with("sqlite") {
        let mut c = sqlx::SqliteConnection::connect(&app.database_url).await?;
        for s in statements {
            c.execute(sqlx::AssertSqlSafe(s.clone())).await?;
        }
    } else {
        let mut c = sqlx::PgConnection::connect(&app.database_url).await?;
        for s in statements {
            c.execute(sqlx::AssertSqlSafe(s.clone())).await?;
        }
    }
    Ok(())
}

fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

on_both_backends!(audit_chain_is_keyed, |app: TestApp| async move {
    import_examples(&app).await;
    app.data(
        "mutation { grantRole(input: { personId: \"e0042\", role: HR }) { changed } }",
        json!({}),
    )
    .await;
    let (ok, text) = verify(&app, Key::Own);
    assert!(ok && text.contains("audit log intact"), "{text}");
    let (ok, text) = verify(&app, Key::Other);
    assert!(!ok && text.contains("wrong audit key"), "{text}");
    let (ok, text) = verify(&app, Key::Missing);
    assert!(!ok && text.contains("no audit key"), "{text}");

    // Where keying starts is fixed, so the log cannot be declared unkeyed.
    let refused = raw_sql(&app, &["UPDATE audit_head SET keyed_from = 1000".into()]).await;
    assert!(refused.is_err(), "keyed_from is fixed");

    // Someone with database access but not the key rewrites the role grant
    // and recomputes the plain SHA-256 chain from there to the head.
    let rows = app.store.audit_scan(0, 1000).await.expect("scan");
    let grant = rows
        .iter()
        .position(|r| r.action == "role.grant")
        .expect("the grant is audited");
    let mut statements = vec![if app.database_url.starts_with("sqlite") {
        "DROP TRIGGER audit_log_no_update".to_string()
    } else {
        "DROP TRIGGER audit_log_no_change ON audit_log".to_string()
    }];
    let mut prev = rows[grant].prev_hash.clone();
    for (i, row) in rows.iter().enumerate().skip(grant) {
        let mut forged = row.clone();
        if i == grant {
            forged.detail = "{\"role\":\"employee\"}".into();
        }
        forged.prev_hash = prev;
        forged.hash = forged.digest();
        statements.push(format!(
            "UPDATE audit_log SET detail = {}, prev_hash = {}, hash = {} WHERE seq = {}",
            quoted(&forged.detail),
            quoted(&forged.prev_hash),
            quoted(&forged.hash),
            forged.seq
        ));
        prev = forged.hash;
    }
    statements.push(format!("UPDATE audit_head SET hash = {}", quoted(&prev)));
    raw_sql(&app, &statements)
        .await
        .expect("the forgery is written");

    let seq = rows[grant].seq;
    let (ok, text) = verify(&app, Key::Own);
    assert!(
        !ok && text.contains(&format!("BROKEN at entry {seq}")) && text.contains("MAC"),
        "{text}"
    );
    let chain = app
        .data("{ auditChain { ok firstBroken } }", json!({}))
        .await;
    assert_eq!(chain["auditChain"]["firstBroken"], seq, "{chain}");
});

/// docs/postgres-roles.sql with unique names: (as the superuser, as the owner).
fn roles_sql(owner: &str, server: &str, db: &str) -> (Vec<String>, Vec<String>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/postgres-roles.sql");
    let text = std::fs::read_to_string(path).expect("docs/postgres-roles.sql");
    let text = text
        .replace("tacit_owner", owner)
        .replace("tacit_app", server)
        .replace("DATABASE tacit ", &format!("DATABASE {db} "))
        .replace("DATABASE tacit;", &format!("DATABASE {db};"));
    let (superuser, owned) = text.split_once("\n-- 2.").expect("two parts");
    let statements = |part: &str| {
        let code: String = part
            .lines()
            .filter(|l| !l.trim_start().starts_with("--"))
            .collect::<Vec<_>>()
            .join("\n");
        code.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    (statements(superuser), statements(&format!("--{owned}")))
}

async fn pg_run(url: &str, statements: &[String]) -> Result<(), sqlx::Error> {
    use sqlx::{Connection, Executor};
    let mut c = sqlx::PgConnection::connect(url).await?;
    for s in statements {
        c.execute(sqlx::AssertSqlSafe(s.clone())).await?;
    }
    Ok(())
}

/// Drops the database and both roles however the test ends.
struct Cleanup {
    admin: String,
    db: String,
    roles: [String; 2],
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let mut statements = vec![format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.db)];
        statements.extend(
            self.roles
                .iter()
                .map(|r| format!("DROP ROLE IF EXISTS {r}")),
        );
        let admin = self.admin.clone();
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            let _ = rt.block_on(pg_run(&admin, &statements));
        })
        .join();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_table_is_append_only_for_the_server_role() {
    let admin = common::postgres_admin_url();
    if let Err(e) = pg_run(&admin, &["SELECT 1".into()]).await {
        assert!(!common::ci(), "PostgreSQL not reachable at {admin}: {e}");
        eprintln!("SKIPPED: PostgreSQL not reachable at {admin} ({e})");
        return;
    }
    let tag = format!("{:012x}", rand::random::<u64>() & 0xffff_ffff_ffff);
    let (owner, server, db) = (
        format!("tacit_owner_{tag}"),
        format!("tacit_app_{tag}"),
        format!("tacit_roles_{tag}"),
    );
    let _cleanup = Cleanup {
        admin: admin.clone(),
        db: db.clone(),
        roles: [server.clone(), owner.clone()],
    };
    let (as_superuser, as_owner) = roles_sql(&owner, &server, &db);
    pg_run(&admin, &as_superuser)
        .await
        .expect("roles and database");
    let host = admin
        .split_once('@')
        .and_then(|(_, rest)| rest.split_once('/'))
        .map(|(host, _)| host.to_string())
        .expect("host in the admin URL");
    let owner_url = format!("postgres://{owner}@{host}/{db}");
    let server_url = format!("postgres://{server}@{host}/{db}");

    // The server's role can neither migrate nor start before the owner migrates.
    let early = tacit::store::migrate(&server_url).await;
    assert!(
        early
            .as_ref()
            .is_err_and(|e| e.to_string().contains("tacit migrate")),
        "{early:?}"
    );
    tacit::store::migrate(&owner_url)
        .await
        .expect("owner migrates");
    pg_run(&owner_url, &as_owner).await.expect("grants");

    let key_dir = tempfile::tempdir().expect("temp dir");
    let key_file = key_dir.path().join("audit.key");
    std::fs::write(&key_file, tacit::domain::AuditKey::generate_text()).expect("key");
    let config = tacit::config::Config {
        database_url: server_url.clone(),
        migrate_database_url: Some(owner_url.clone()),
        audit_key_file: Some(key_file),
        max_connections: 2,
        ..Default::default()
    };
    let app = tacit::App::build(&config).await.expect("the server starts");
    // Ordinary work and audited writes succeed as the server's role.
    tacit::load_demo(&app.store, 7, 20, &tacit::import::Quiet)
        .await
        .expect("an import");
    tacit::auth::create_api_token(
        &app.store,
        &tacit::auth::Principal::system(),
        tacit::auth::NewToken {
            name: "audited".into(),
            role: tacit::domain::Role::Admin,
            person_id: None,
            scopes: vec![tacit::domain::Scope::Read],
            expires_in_days: None,
        },
        chrono::Utc::now(),
    )
    .await
    .expect("an audited write");
    let report = tacit::auth::chain::verify(app.store.as_ref())
        .await
        .expect("verify");
    assert!(report.ok() && report.checked >= 1, "{report:?}");

    // PostgreSQL itself refuses changes to the log and to where keying starts.
    for statement in [
        "UPDATE audit_log SET detail = '{}' WHERE seq = 1",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "DROP TRIGGER audit_log_no_change ON audit_log",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "UPDATE audit_head SET keyed_from = 1000",
        "DELETE FROM audit_head",
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99999, 'x', true, '\\x00', 0)",
    ] {
        let refused = pg_run(&server_url, &[statement.into()]).await;
        let text = refused.as_ref().err().map(ToString::to_string);
        assert!(
            text.as_deref()
                .is_some_and(|t| t.contains("permission denied") || t.contains("must be owner")),
            "{statement}: {text:?}"
        );
    }
    // The head's hash is the server's to move; a false one is caught by the key.
    pg_run(&server_url, &["UPDATE audit_head SET hash = 'f'".into()])
        .await
        .expect("the head moves");
    let report = tacit::auth::chain::verify(app.store.as_ref())
        .await
        .expect("verify");
    assert!(!report.ok(), "{report:?}");
    app.store.close().await;
}

/// A database whose log began before the key (migration 0009) keeps verifying:
/// the old entries by their SHA-256 chain, the new ones by their MAC.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entries_from_before_the_key_still_verify() {
    use sqlx::{Connection, Executor};
    use tacit::domain::{AuditEntry, AuditEvent, AuditKey, GENESIS_HASH};
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("old.db").display());
    tacit::store::migrate(&url).await.expect("migrated");
    // What an older Tacit wrote: two entries, SHA-256 chained.
    let mut statements = vec!["DROP TRIGGER audit_head_keyed_fixed".to_string()];
    let mut prev = GENESIS_HASH.to_string();
    for seq in 1..=2 {
        let at = "2025-01-01T10:00:00.000000Z";
        let mut e = AuditEntry {
            seq,
            at: chrono::DateTime::parse_from_rfc3339(at)
                .expect("time")
                .with_timezone(&chrono::Utc),
            actor: "system".into(),
            action: "role.grant".into(),
            target: Some("person:e1".into()),
            outcome: "ok".into(),
            detail: "{}".into(),
            prev_hash: prev.clone(),
            hash: String::new(),
        };
        e.hash = e.digest();
        statements.push(format!(
            "INSERT INTO audit_log (seq, at, actor, action, target, outcome, detail, prev_hash, hash) \
             VALUES ({seq}, '{at}', 'system', 'role.grant', 'person:e1', 'ok', '{{}}', '{prev}', '{}')",
            e.hash
        ));
        prev = e.hash;
    }
    statements.push(format!(
        "UPDATE audit_head SET seq = 2, hash = '{prev}', keyed_from = 3"
    ));
    let mut c = sqlx::SqliteConnection::connect(&url)
        .await
        .expect("connect");
    for s in &statements {
        c.execute(sqlx::AssertSqlSafe(s.clone()))
            .await
            .expect("old entries");
    }
    c.close().await.expect("close");

    let key = AuditKey::parse(&"k".repeat(40)).expect("key");
    let store = tacit::store::open(&url, 2, Some(key)).await.expect("open");
    store
        .audit(&AuditEvent::new("system", "token.create", None))
        .await
        .expect("a keyed entry");
    let report = tacit::auth::chain::verify(store.as_ref())
        .await
        .expect("verify");
    assert!(report.ok(), "{report:?}");
    assert_eq!(
        (report.checked, report.keyed_from, report.unkeyed()),
        (3, 3, 2)
    );
    let head = store.audit_head().await.expect("head");
    assert_eq!(
        head.key_check,
        Some(AuditKey::parse(&"k".repeat(40)).expect("key").check_value())
    );
    // Another process with another key may not write to this chain.
    let other = tacit::store::open(&url, 2, AuditKey::parse(&"j".repeat(40)).ok())
        .await
        .expect("open");
    let refused = other.audit(&AuditEvent::new("system", "x", None)).await;
    assert!(refused.is_err_and(|e| e.to_string().contains("audit key differs")));
    store.close().await;
    other.close().await;
}
