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
            .connect_with(options)
            .await?;
        migrate_if_needed(&pool).await?;
        Ok(Sqlite { pool })
    }
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

async fn migrate_if_needed(pool: &Pool<sqlx::Sqlite>) -> anyhow::Result<()> {
    let applied: Vec<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations WHERE success")
            .fetch_all(pool)
            .await
            .unwrap_or_default();
    if super::migrate::all_applied(&MIGRATOR, &applied) {
        return Ok(());
    }
    MIGRATOR.run(pool).await.map_err(super::migrate::explain)
}

super::backend_impl::backend_impl!(
    Sqlite,
    sqlx::Sqlite,
    SqliteConnection,
    "sqlite",
    super::sql::Dialect::Sqlite,
    super::sql::anonymous_placeholders
);
