//! SQLite: one file, WAL mode, the embedded default.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Pool, Transaction};

use super::sql::Sql;
use super::{Backend, Commit, Exec, Record, Result, StoreError};

pub struct Sqlite {
    pool: Pool<sqlx::Sqlite>,
}

impl Sqlite {
    pub async fn open(url: &str, max_connections: u32) -> anyhow::Result<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL is durable across application crashes in WAL mode; only an OS
            // crash can lose the last transactions, never corrupt the file.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // 32 MiB of page cache per connection: bulk imports stop spilling to the WAL mid-transaction.
            .pragma("cache_size", "-32768")
            // Reads map the file instead of copying pages: the start-up read of
            // the whole graph scans most of it.
            .pragma("mmap_size", "1073741824")
            // Deleted and overwritten content is zeroed, so disposed interview
            // text does not linger in free pages of the file.
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .after_release(|conn, _| Box::pin(still_in_step(conn)))
            .connect_with(options)
            .await?;
        migrate_if_needed(&pool).await?;
        Ok(Sqlite { pool })
    }

    /// None: SQLite has one server, which applies its own writes at once;
    /// another process's (an import) are found by polling.
    fn feed(&self) -> Option<super::ChangeFeed> {
        None
    }
}

/// Whether a connection given back to the pool may be used again: not if
/// sqlx still counts a transaction on it once its rollback has run. SQLite
/// ends a transaction by itself on some errors (a full disk, an I/O error),
/// the rollback then fails and sqlx's count stays up; the next transaction
/// on that connection would be a savepoint inside nothing, or inside a dead
/// transaction, and its "commit" would write nothing while saying it did.
async fn still_in_step(conn: &mut SqliteConnection) -> std::result::Result<bool, sqlx::Error> {
    use sqlx::Connection;
    // Runs after any rollback still queued on the connection.
    conn.ping().await?;
    if conn.is_in_transaction() {
        tracing::warn!("closing a SQLite connection whose transaction SQLite ended by itself");
        return Ok(false);
    }
    Ok(true)
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

super::migrate::migrate_fns!(sqlx::Sqlite);

super::backend_impl::backend_impl!(
    Sqlite,
    sqlx::Sqlite,
    SqliteConnection,
    "sqlite",
    super::sql::Dialect::Sqlite,
    super::sql::anonymous_placeholders,
    super::bulk::insert_rows
);

#[cfg(test)]
mod tests {
    use super::*;

    /// A database from before migration 11 with a leaver holding two open
    /// interviews: the upgrade stops with the leaver named and nothing
    /// changed, and goes through once one of them is closed.
    #[tokio::test]
    async fn an_upgrade_over_two_open_interviews_names_the_leaver_and_changes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let before = dir.path().join("migrations");
        std::fs::create_dir(&before).expect("dir");
        let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
        for entry in std::fs::read_dir(&source).expect("migrations") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if name < "0011" {
                std::fs::copy(&path, before.join(name)).expect("copy");
            }
        }
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("old.db").display());
        let pool = SqlitePoolOptions::new().connect(&url).await.expect("pool");
        let old = sqlx::migrate::Migrator::new(before.as_path())
            .await
            .expect("old migrations");
        old.run(&pool).await.expect("version 10");
        let now = "2026-12-01T09:00:00Z";
        sqlx::query(
            "INSERT INTO people (id, name, name_key, status, created_at, updated_at) \
             VALUES ('e1', 'Laura Singh', 'laura singh', ?, ?, ?)",
        )
        .bind(crate::domain::PersonStatus::Leaving.as_str())
        .bind(now)
        .bind(now)
        .execute(&pool)
        .await
        .expect("person");
        use crate::domain::InterviewStatus::{Completed, InProgress, Scheduled};
        for (id, status) in [("iv-1", Scheduled), ("iv-2", InProgress)] {
            sqlx::query(
                "INSERT INTO interviews (id, person_id, person_name, status, scheduled_for, \
                 created_at, updated_at) VALUES (?, 'e1', 'Laura Singh', ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(status.as_str())
            .bind(now)
            .bind(now)
            .bind(now)
            .execute(&pool)
            .await
            .expect("interview");
        }
        let err = migrate_with(&MIGRATOR, &pool)
            .await
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("1 leaver(s)") && err.contains("e1") && err.contains("not applied"),
            "{err}"
        );
        let version: i64 =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(&pool)
                .await
                .expect("version");
        assert_eq!(version, 10, "migration 11 was not recorded");
        let index: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'interviews_one_open_per_leaver'",
        )
        .fetch_one(&pool)
        .await
        .expect("index");
        assert_eq!(index, 0, "no index half-built");
        let open: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM interviews WHERE person_id = 'e1'")
                .fetch_one(&pool)
                .await
                .expect("count");
        assert_eq!(open, 2, "nothing was changed");
        sqlx::query("UPDATE interviews SET status = ? WHERE id = 'iv-1'")
            .bind(Completed.as_str())
            .execute(&pool)
            .await
            .expect("close one");
        migrate_with(&MIGRATOR, &pool)
            .await
            .expect("the upgrade goes through");
    }
}
