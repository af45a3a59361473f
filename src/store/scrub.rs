//! Pushing destroyed text out of the database files after a disposal or an
//! erasure has committed.
//!
//! SQLite overwrites freed content (`secure_delete`, set on every connection),
//! but the old pages stay in the write-ahead log until a checkpoint copies the
//! log back and truncates it; a reader holding an old snapshot makes the
//! checkpoint report "busy", so it is retried and, failing that, reported.
//! PostgreSQL is vacuumed, so dead row versions are pruned; its own
//! write-ahead log and any backups are the server's, out of the
//! application's reach (see the README on retention).

use std::time::Duration;

use super::sql::{Dialect, Sql};
use super::{Exec, Result};

/// Checkpoints tried before the result is reported as incomplete.
const CHECKPOINT_ATTEMPTS: u32 = 5;
/// Wait before the second attempt; doubled each time after.
const FIRST_WAIT: Duration = Duration::from_millis(25);

/// What scrubbing the database files left undone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scrub {
    /// Each thing known to be left on disk, in words; empty when nothing is.
    pub remaining: Vec<String>,
}

/// The row `PRAGMA wal_checkpoint` answers with.
#[derive(sqlx::FromRow)]
struct CheckpointRow {
    /// 1 when a reader or writer kept the checkpoint from finishing.
    busy: i64,
    /// Frames in the log (-1 when the database is not in WAL mode).
    log: i64,
    /// Frames copied back into the database.
    checkpointed: i64,
}

pub(super) async fn scrub(c: &mut impl Exec) -> Result<Scrub> {
    match c.dialect() {
        Dialect::Sqlite => checkpoint(c).await,
        Dialect::Postgres => {
            // Not VACUUM FULL: that takes an exclusive lock on every table.
            c.execute(Sql::new("VACUUM")).await?;
            Ok(Scrub::default())
        }
    }
}

async fn checkpoint(c: &mut impl Exec) -> Result<Scrub> {
    let mut wait = FIRST_WAIT;
    for attempt in 1..=CHECKPOINT_ATTEMPTS {
        let rows: Vec<CheckpointRow> = c.rows(Sql::new("PRAGMA wal_checkpoint(TRUNCATE)")).await?;
        let Some(row) = rows.first() else {
            break;
        };
        if row.busy == 0 {
            return Ok(Scrub::default());
        }
        tracing::debug!(
            attempt,
            log = row.log,
            checkpointed = row.checkpointed,
            "write-ahead log checkpoint busy"
        );
        if attempt < CHECKPOINT_ATTEMPTS {
            tokio::time::sleep(wait).await;
            wait *= 2;
        }
    }
    Ok(Scrub {
        remaining: vec![format!(
            "the database's write-ahead log could not be checkpointed ({CHECKPOINT_ATTEMPTS} attempts, busy): \
             destroyed text may stay in it until the next checkpoint"
        )],
    })
}
