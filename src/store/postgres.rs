//! PostgreSQL: for production and several replicas.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPoolOptions};
use sqlx::{Pool, Transaction};

use super::sql::{Arg, Sql, copy_text};
use super::{Backend, Commit, Exec, Record, Result, StoreError};

pub struct Postgres {
    pool: Pool<sqlx::Postgres>,
    /// What the pool connects with, for the change-log listener's own connection.
    options: PgConnectOptions,
}

impl Postgres {
    pub async fn open(url: &str, max_connections: u32) -> anyhow::Result<Self> {
        let options = PgConnectOptions::from_str(url)?.application_name("tacit");
        let pool = PgPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.clone())
            .await?;
        migrate_if_needed(&pool).await?;
        Ok(Postgres { pool, options })
    }

    /// Wakes on every committed change-log entry (LISTEN/NOTIFY).
    fn feed(&self) -> Option<super::ChangeFeed> {
        Some(super::change_feed::postgres(&self.options))
    }
}

/// Rows per `CopyData` message: the next chunk is built while the server reads this one.
const COPY_ROWS_PER_MESSAGE: usize = 5_000;

/// `COPY table (columns) FROM STDIN` in text format, inside the caller's transaction.
async fn copy_in(
    conn: &mut PgConnection,
    table: &str,
    columns: &[&str],
    rows: &[Vec<Arg>],
) -> Result<u64> {
    if rows.is_empty() {
        return Ok(0);
    }
    let statement = format!("COPY {table} ({}) FROM STDIN", columns.join(", "));
    let mut copy = conn.copy_in_raw(&statement).await?;
    for chunk in rows.chunks(COPY_ROWS_PER_MESSAGE) {
        // On an error the dropped `copy` tells the server the COPY failed.
        copy.send(copy_text(chunk).into_bytes()).await?;
    }
    Ok(copy.finish().await?)
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

super::migrate::migrate_fns!(sqlx::Postgres);

super::backend_impl::backend_impl!(
    Postgres,
    sqlx::Postgres,
    PgConnection,
    "postgres",
    super::sql::Dialect::Postgres,
    std::borrow::Cow::Borrowed,
    copy_in
);
