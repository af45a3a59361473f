//! The store: the source of truth. Every write is one transaction; the graph and
//! text index are derived from what is committed here.
//!
//! Business SQL is written once, against [`Exec`]; the two backends only say
//! how to open connections and bind arguments (`sqlite.rs`, `postgres.rs`).

mod backend_impl;
mod bulk;
mod change_feed;
mod communities;
mod community_requests;
mod error;
mod evidence;
mod graph;
mod interviews;
mod migrate;
pub(crate) mod outbox;
mod paging;
mod people;
mod postgres;
mod profiles;
mod questions;
mod risk;
mod rows;
mod scim;
mod scrub;
mod security;
mod skills;
pub mod sql;
mod sqlite;
#[cfg(test)]
pub mod testing;

use crate::domain::Clock;
use std::ops::DerefMut;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;

pub use bulk::{
    BulkStore, ImportBatch, ImportCommunity, ImportCounts, ImportInterview, ImportPerson,
    ImportSkill,
};
pub use change_feed::{CHANNEL as CHANGE_CHANNEL, ChangeFeed, LISTENER_APPLICATION_NAME};
pub use communities::CommunityStore;
pub use community_requests::RequestStore;
pub use error::StoreError;
pub use evidence::{EvidenceFilter, EvidenceStore, NewEvidence};
pub use graph::{
    Change, CommunityNode, Entity, EvidenceNode, GraphRows, GraphStore, InterviewNode, PersonNode,
    SkillNode,
};
pub use interviews::{Decided, Effect, InterviewFilter, InterviewStore, NewQuestion};
pub use outbox::OutboxStore;
pub use people::{MAX_HOLDERS, PeopleFilter, PeopleStore};
pub use profiles::{ProfileChange, ProfileStore, StoredProfile};
pub use questions::{QuestionStore, Response, Settlement};
pub use risk::{HarvestedHolding, RiskScope, RiskStore, SkillHolding};
pub use scim::{ScimStore, UserNameOwner};
pub use scrub::Scrub;
pub use security::{AuditFilter, Erasure, IdentityStore, SecurityStore};
pub use skills::SkillStore;

use sql::Sql;

use crate::domain::AuditKey;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A row type that both backends can decode.
pub trait Record:
    for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
    + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
    + Send
    + Unpin
    + 'static
{
}
impl<T> Record for T where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin
        + 'static
{
}

/// Runs statements on one connection (pooled or inside a transaction).
#[async_trait]
pub trait Exec: Send {
    fn dialect(&self) -> sql::Dialect;
    async fn execute(&mut self, sql: Sql) -> Result<u64>;
    async fn rows<R: Record>(&mut self, sql: Sql) -> Result<Vec<R>>;
    /// Appends `rows` (values in `columns` order) to `table` by the backend's
    /// bulk path: `COPY ... FROM STDIN` on PostgreSQL, plain inserts reading
    /// one JSON document per chunk of rows on SQLite. Nothing is compared or
    /// updated, so the rows must not clash with each other or with `table`.
    async fn copy_in(
        &mut self,
        table: &str,
        columns: &[&str],
        rows: &[Vec<sql::Arg>],
    ) -> Result<u64>;
}

/// What a database backend provides: connections and transactions.
#[async_trait]
pub trait Backend: Send + Sync + 'static {
    type Conn: Exec;
    type Pooled: DerefMut<Target = Self::Conn> + Send;
    type Tx: DerefMut<Target = Self::Conn> + Commit;

    fn name(&self) -> &'static str;
    async fn acquire(&self) -> Result<Self::Pooled>;
    async fn begin(&self) -> Result<Self::Tx>;
    /// (connections open, of which idle)
    fn pool_stats(&self) -> (u32, u32);
    async fn close(&self);
    /// Wakes on other servers' committed writes, where the backend can.
    fn change_feed(&self) -> Option<ChangeFeed>;
}

/// A connection (pooled, or a transaction) that counts the statements it runs.
pub struct Counted<'a, C> {
    conn: C,
    counter: &'a AtomicU64,
}

#[async_trait]
impl<C, X> Exec for Counted<'_, C>
where
    C: DerefMut<Target = X> + Send,
    X: Exec + ?Sized,
{
    fn dialect(&self) -> sql::Dialect {
        self.conn.dialect()
    }
    async fn execute(&mut self, sql: Sql) -> Result<u64> {
        self.counter.fetch_add(1, Ordering::Relaxed);
        self.conn.execute(sql).await
    }
    async fn rows<R: Record>(&mut self, sql: Sql) -> Result<Vec<R>> {
        self.counter.fetch_add(1, Ordering::Relaxed);
        self.conn.rows(sql).await
    }
    async fn copy_in(
        &mut self,
        table: &str,
        columns: &[&str],
        rows: &[Vec<sql::Arg>],
    ) -> Result<u64> {
        self.counter.fetch_add(1, Ordering::Relaxed);
        self.conn.copy_in(table, columns, rows).await
    }
}

/// A transaction that can be committed; dropping it rolls back.
#[async_trait]
pub trait Commit: Send {
    async fn commit(self) -> Result<()>;
}

impl<C: Commit> Counted<'_, C> {
    pub async fn commit(self) -> Result<()> {
        self.conn.commit().await
    }
}

/// The one store implementation, generic over the backend.
pub struct SqlStore<B: Backend> {
    backend: B,
    statements: AtomicU64,
    /// Signs audit entries; without it nothing can be audited.
    audit_key: Option<AuditKey>,
    /// The server's clock, for the times rows are written (`updated_at`).
    /// Audit entries keep the wall clock: they say when a thing really happened.
    clock: Clock,
}

impl<B: Backend> SqlStore<B> {
    fn new(backend: B, audit_key: Option<AuditKey>, clock: Clock) -> Self {
        SqlStore {
            backend,
            statements: AtomicU64::new(0),
            audit_key,
            clock,
        }
    }

    /// Now, by the server's clock.
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// A pooled connection for reads.
    async fn conn(&self) -> Result<Counted<'_, B::Pooled>> {
        Ok(Counted {
            conn: self.backend.acquire().await?,
            counter: &self.statements,
        })
    }

    /// A transaction: every write is one, committed only when all of it succeeded.
    async fn tx(&self) -> Result<Counted<'_, B::Tx>> {
        Ok(Counted {
            conn: self.backend.begin().await?,
            counter: &self.statements,
        })
    }
}

/// Everything the rest of Tacit needs from a database.
#[async_trait]
pub trait Store:
    PeopleStore
    + ProfileStore
    + SkillStore
    + CommunityStore
    + EvidenceStore
    + BulkStore
    + GraphStore
    + SecurityStore
    + IdentityStore
    + RiskStore
    + InterviewStore
    + RequestStore
    + ScimStore
    + QuestionStore
    + OutboxStore
    + Send
    + Sync
{
    /// `sqlite` or `postgres`.
    fn backend_name(&self) -> &'static str;
    /// Statements run since start; used by metrics and the N+1 test.
    fn statements_executed(&self) -> u64;
    fn pool_stats(&self) -> (u32, u32);
    /// The key audit entries are signed and verified with, if one was given.
    fn audit_key(&self) -> Option<&AuditKey>;
    /// Checks the database answers.
    async fn ping(&self) -> Result<()>;
    /// After a disposal or an erasure: pushes destroyed text out of the
    /// database files as far as the backend allows, saying what is left.
    async fn scrub_files(&self) -> Result<Scrub>;
    async fn close(&self);
    /// Starts waking the caller whenever any server (this one included)
    /// commits change-log entries: PostgreSQL's LISTEN/NOTIFY on a connection
    /// of its own. `None` on SQLite (one server; followers poll). The change
    /// log stays the source of truth: a wake only says "read it now".
    fn change_feed(&self) -> Option<ChangeFeed>;
}

#[async_trait]
impl<B: Backend> Store for SqlStore<B> {
    fn backend_name(&self) -> &'static str {
        self.backend.name()
    }
    fn statements_executed(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }
    fn pool_stats(&self) -> (u32, u32) {
        self.backend.pool_stats()
    }
    fn audit_key(&self) -> Option<&AuditKey> {
        self.audit_key.as_ref()
    }
    #[tracing::instrument(skip_all)]
    async fn ping(&self) -> Result<()> {
        self.conn()
            .await?
            .execute(Sql::new("SELECT 1"))
            .await
            .map(|_| ())
    }
    #[tracing::instrument(skip_all)]
    async fn scrub_files(&self) -> Result<Scrub> {
        scrub::scrub(&mut self.conn().await?).await
    }
    #[tracing::instrument(skip_all)]
    async fn close(&self) {
        self.backend.close().await
    }
    fn change_feed(&self) -> Option<ChangeFeed> {
        self.backend.change_feed()
    }
}

/// A page of results in a stable order.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<(Cursor, T)>,
    pub has_next: bool,
    pub total: i64,
}

/// The position after which a page starts: the sort key of the last row seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor(pub Vec<String>);

#[derive(Debug, Clone)]
pub struct PageRequest {
    pub first: usize,
    pub after: Option<Cursor>,
}

/// See [`open`].
pub const MIN_CONNECTIONS: u32 = 7;

/// Opens the database named by `url` (`sqlite://PATH` or `postgres://...`) and
/// applies pending migrations (none are tried when all are applied, so a role
/// that may not change the schema can open a migrated database).
/// The pool never has fewer than [`MIN_CONNECTIONS`]: the graph is read with one
/// connection per kind of entity (connections open lazily, so this costs nothing).
/// Audit entries are signed with `audit_key`; without one, auditing fails.
pub async fn open(
    url: &str,
    max_connections: u32,
    audit_key: Option<AuditKey>,
) -> anyhow::Result<Arc<dyn Store>> {
    open_with_clock(url, max_connections, audit_key, Clock::default()).await
}

/// [`open`], stamping rows with `clock` (the server's, which tests move).
pub async fn open_with_clock(
    url: &str,
    max_connections: u32,
    audit_key: Option<AuditKey>,
    clock: Clock,
) -> anyhow::Result<Arc<dyn Store>> {
    let max_connections = max_connections.max(MIN_CONNECTIONS);
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqlStore::new(
            sqlite::Sqlite::open(url, max_connections).await?,
            audit_key,
            clock,
        )))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(SqlStore::new(
            postgres::Postgres::open(url, max_connections).await?,
            audit_key,
            clock,
        )))
    } else {
        anyhow::bail!("unsupported database URL: use sqlite://PATH or postgres://...")
    }
}

/// Applies pending migrations through `url` (the owner role's) and closes.
pub async fn migrate(url: &str) -> anyhow::Result<&'static str> {
    let store = open(url, 1, None).await?;
    let name = store.backend_name();
    store.close().await;
    Ok(name)
}

/// The URL with any password replaced by `***`, safe to log.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme_end + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_never_reach_logs() {
        assert_eq!(
            super::redact_url("postgres://tacit:s3cret@db:5432/tacit"),
            "postgres://tacit:***@db:5432/tacit"
        );
        assert_eq!(super::redact_url("sqlite://tacit.db"), "sqlite://tacit.db");
    }
}
