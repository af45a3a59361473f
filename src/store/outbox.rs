//! The notification outbox (`notifications`): messages written in the same
//! transaction as what they tell of, claimed by one server at a time, sent,
//! retried with backoff, and forgotten a while after.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tracing::instrument;

use crate::domain::{Channel, Notification, Outgoing};

use super::sql::Sql;
use super::{Backend, Exec, Result, SqlStore, StoreError};

#[derive(sqlx::FromRow)]
struct OutgoingRow {
    id: i64,
    channel: String,
    recipient: String,
    subject: String,
    body: String,
    attempts: i64,
}

/// Adds `outbox` to the notifications waiting, due now; the caller commits.
pub(super) async fn enqueue(
    c: &mut impl Exec,
    outbox: &[Notification],
    now: DateTime<Utc>,
) -> Result<()> {
    if outbox.is_empty() {
        return Ok(());
    }
    let mut sql = Sql::new(
        "INSERT INTO notifications (channel, recipient, subject, body, next_at, created_at)",
    );
    sql.values(outbox, |n| {
        vec![
            n.channel.as_str().into(),
            n.recipient.clone().into(),
            n.subject.clone().into(),
            n.body.clone().into(),
            now.into(),
            now.into(),
        ]
    });
    c.execute(sql).await?;
    Ok(())
}

/// Removes every notification to or about `recipients` (a person's id and
/// address), sent or not: part of erasing them.
pub(crate) async fn forget_recipients(c: &mut impl Exec, recipients: &[String]) -> Result<u64> {
    if recipients.is_empty() {
        return Ok(0);
    }
    let mut sql = Sql::new("DELETE FROM notifications WHERE recipient IN ");
    sql.in_list(recipients);
    c.execute(sql).await
}

#[async_trait]
pub trait OutboxStore {
    /// Notifications due at `now`, each leased to this caller until
    /// `now + lease` (another server will not send it meanwhile).
    async fn claim_notifications(
        &self,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: i64,
    ) -> Result<Vec<Outgoing>>;
    /// A notification went out.
    async fn notification_sent(&self, id: i64, at: DateTime<Utc>) -> Result<()>;
    /// A notification could not be sent: try again at `retry_at`, or never
    /// (`None`: it failed for good).
    async fn notification_failed(
        &self,
        id: i64,
        at: DateTime<Utc>,
        retry_at: Option<DateTime<Utc>>,
        error: &str,
    ) -> Result<()>;
    /// Forgets notifications sent or given up before `before`.
    async fn prune_notifications(&self, before: DateTime<Utc>) -> Result<u64>;
}

#[async_trait]
impl<B: Backend> OutboxStore for SqlStore<B> {
    #[instrument(skip_all)]
    async fn claim_notifications(
        &self,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: i64,
    ) -> Result<Vec<Outgoing>> {
        let sql = Sql::with(
            "SELECT id, channel, recipient, subject, body, attempts FROM notifications \
             WHERE sent_at IS NULL AND failed_at IS NULL AND next_at <= $1 ORDER BY next_at, id LIMIT $2",
            [now.into(), limit.into()],
        );
        // Asked every half second by every server: a plain read, and a
        // transaction only when something is due.
        let rows: Vec<OutgoingRow> = self.conn().await?.rows(sql).await?;
        if rows.is_empty() {
            return Ok(vec![]);
        }
        let mut tx = self.tx().await?;
        let mut claimed = Vec::with_capacity(rows.len());
        for r in rows {
            // Leased only if no other server leased it first.
            let sql = Sql::with(
                "UPDATE notifications SET next_at = $2 WHERE id = $1 AND sent_at IS NULL AND next_at <= $3",
                [r.id.into(), (now + lease).into(), now.into()],
            );
            if tx.execute(sql).await? == 0 {
                continue;
            }
            let channel = Channel::parse(&r.channel)
                .map_err(|e| StoreError::Invalid(format!("stored channel is invalid: {e}")))?;
            claimed.push(Outgoing {
                id: r.id,
                notification: Notification {
                    channel,
                    recipient: r.recipient,
                    subject: r.subject,
                    body: r.body,
                },
                attempts: r.attempts,
            });
        }
        tx.commit().await?;
        Ok(claimed)
    }

    #[instrument(skip_all)]
    async fn notification_sent(&self, id: i64, at: DateTime<Utc>) -> Result<()> {
        let sql = Sql::with(
            "UPDATE notifications SET sent_at = $2, attempts = attempts + 1 WHERE id = $1",
            [id.into(), at.into()],
        );
        self.conn().await?.execute(sql).await?;
        Ok(())
    }

    #[instrument(skip_all)]
    async fn notification_failed(
        &self,
        id: i64,
        at: DateTime<Utc>,
        retry_at: Option<DateTime<Utc>>,
        error: &str,
    ) -> Result<()> {
        let sql = match retry_at {
            Some(next) => Sql::with(
                "UPDATE notifications SET attempts = attempts + 1, last_error = $2, next_at = $3 WHERE id = $1",
                [id.into(), error.into(), next.into()],
            ),
            None => Sql::with(
                "UPDATE notifications SET attempts = attempts + 1, last_error = $2, failed_at = $3 WHERE id = $1",
                [id.into(), error.into(), at.into()],
            ),
        };
        self.conn().await?.execute(sql).await?;
        Ok(())
    }

    #[instrument(skip_all)]
    async fn prune_notifications(&self, before: DateTime<Utc>) -> Result<u64> {
        let sql = Sql::with(
            "DELETE FROM notifications WHERE (sent_at IS NOT NULL AND sent_at < $1) \
             OR (failed_at IS NOT NULL AND failed_at < $1)",
            [before.into()],
        );
        self.conn().await?.execute(sql).await
    }
}
