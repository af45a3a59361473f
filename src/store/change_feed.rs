//! Waking followers when any server commits a change-log entry: PostgreSQL's
//! LISTEN/NOTIFY (migration 14's trigger on `graph_changes` notifies).
//!
//! A notification only wakes; the follower then reads the change log, which
//! stays the source of truth. So a lost notification costs at most one poll
//! interval, and a reconnected listener asks for one catch-up (anything
//! committed while it was away is in the log).

use std::sync::Arc;
use std::time::{Duration, Instant};

use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use tokio::sync::Notify;

/// The channel migration 14's trigger notifies.
pub const CHANNEL: &str = "tacit_graph_changes";
/// The listener connection's `application_name`, so operators (and tests)
/// can tell it from the pool's connections in `pg_stat_activity`.
pub const LISTENER_APPLICATION_NAME: &str = "tacit-listener";

/// First wait before reconnecting a lost listener; doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(50);
const MAX_BACKOFF: Duration = Duration::from_secs(5);
/// A connection that lasted this long starts the backoff afresh when lost.
const STABLE: Duration = Duration::from_secs(10);

/// Wakes its holder when another transaction committed change-log entries
/// (or when the listener reconnected and the holder should catch up).
/// Wakes coalesce: any number while the holder is busy leave one pending.
/// Dropping it stops the listener.
pub struct ChangeFeed {
    wake: Arc<Notify>,
    task: tokio::task::JoinHandle<()>,
}

impl ChangeFeed {
    /// Resolves at the next wake (at once when one is pending).
    pub async fn woken(&self) {
        self.wake.notified().await;
    }
}

impl Drop for ChangeFeed {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Listens on its own connection (outside the server's pool, so it never
/// takes a slot queries need), reconnecting with backoff when it is lost.
pub(super) fn postgres(options: &PgConnectOptions) -> ChangeFeed {
    let options = options.clone().application_name(LISTENER_APPLICATION_NAME);
    // The pool only opens the one connection, and opens it again when lost.
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .min_connections(0)
        .max_lifetime(None)
        .idle_timeout(None)
        .acquire_timeout(Duration::from_secs(5))
        .connect_lazy_with(options);
    let wake = Arc::new(Notify::new());
    let task = tokio::spawn(listen(pool, wake.clone()));
    ChangeFeed { wake, task }
}

async fn listen(pool: sqlx::PgPool, wake: Arc<Notify>) {
    let mut backoff = FIRST_BACKOFF;
    let mut lost_before = false;
    loop {
        let mut listener = match connect(&pool).await {
            Ok(listener) => listener,
            Err(e) => {
                tracing::warn!(error = %e, retry_ms = backoff.as_millis() as u64, "cannot listen for change-log notifications; polling meanwhile");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF);
                continue;
            }
        };
        if lost_before {
            tracing::info!(
                "listening for change-log notifications again; catching up from the log"
            );
        } else {
            tracing::debug!("listening for change-log notifications");
        }
        // Whatever was committed before LISTEN took effect is read now.
        wake.notify_one();
        let connected = Instant::now();
        let lost = loop {
            match listener.try_recv().await {
                Ok(Some(_)) => wake.notify_one(),
                Ok(None) => break "connection closed".to_string(),
                Err(e) => break e.to_string(),
            }
        };
        drop(listener);
        if connected.elapsed() >= STABLE {
            backoff = FIRST_BACKOFF;
        }
        tracing::warn!(reason = %lost, retry_ms = backoff.as_millis() as u64, "lost the change-log listener connection; reconnecting");
        lost_before = true;
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

async fn connect(pool: &sqlx::PgPool) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    // A lost connection ends this listener; the loop above opens a new one.
    listener.eager_reconnect(false);
    listener.listen(CHANNEL).await?;
    Ok(listener)
}
