//! Which identity-provider account (`sub`) each person signs in with.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::domain::AuditEvent;

use crate::store::sql::Sql;
use crate::store::{Backend, Exec, Result, SqlStore};

#[derive(sqlx::FromRow)]
struct LinkRow {
    subject: String,
    person_id: String,
}

#[async_trait]
pub trait IdentityStore {
    /// The person bound to the identity provider's `subject`, if any.
    async fn person_by_subject(&self, subject: &str) -> Result<Option<String>>;
    /// The subject `person_id` is bound to, if any.
    async fn subject_of(&self, person_id: &str) -> Result<Option<String>>;
    /// Binds `subject` to `person_id`, audited in the same transaction; a
    /// conflict when either is bound already.
    async fn link_subject(
        &self,
        subject: &str,
        person_id: &str,
        at: DateTime<Utc>,
        audit: &AuditEvent,
    ) -> Result<()>;
}

#[async_trait]
impl<B: Backend> IdentityStore for SqlStore<B> {
    #[tracing::instrument(skip_all)]
    async fn person_by_subject(&self, subject: &str) -> Result<Option<String>> {
        let sql = Sql::with(
            "SELECT subject, person_id FROM identity_links WHERE subject = $1",
            [subject.into()],
        );
        let rows = self.conn().await?.rows::<LinkRow>(sql).await?;
        Ok(rows.into_iter().next().map(|r| r.person_id))
    }

    #[tracing::instrument(skip_all)]
    async fn subject_of(&self, person_id: &str) -> Result<Option<String>> {
        let sql = Sql::with(
            "SELECT subject, person_id FROM identity_links WHERE person_id = $1",
            [person_id.into()],
        );
        let rows = self.conn().await?.rows::<LinkRow>(sql).await?;
        Ok(rows.into_iter().next().map(|r| r.subject))
    }

    #[tracing::instrument(skip_all)]
    async fn link_subject(
        &self,
        subject: &str,
        person_id: &str,
        at: DateTime<Utc>,
        audit: &AuditEvent,
    ) -> Result<()> {
        let sql = Sql::with(
            "INSERT INTO identity_links (subject, person_id, linked_at) VALUES ($1, $2, $3)",
            [subject.into(), person_id.into(), at.into()],
        );
        let mut tx = self.tx().await?;
        tx.execute(sql).await?;
        super::audit::append(&mut tx, self.audit_key.as_ref(), audit).await?;
        tx.commit().await?;
        Ok(())
    }
}
