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
