//! The audit log: append-only and chained with a keyed MAC.
//!
//! Appending first bumps the single `audit_head` row, which takes the write
//! lock on SQLite and a row lock on PostgreSQL, so concurrent appends queue up
//! and the chain never forks. Each new entry is signed with the audit key
//! (HMAC-SHA256, see `docs/audit.md`); the head records which key, so a
//! process holding another key is refused instead of forking the chain.

use chrono::{DateTime, Timelike, Utc};

use crate::domain::{AuditEntry, AuditEvent, AuditHead, AuditKey};

use crate::store::sql::Sql;
use crate::store::{Exec, Result, StoreError};

const COLUMNS: &str = "seq, at, actor, action, target, outcome, detail, prev_hash, hash";

#[derive(sqlx::FromRow)]
struct EntryRow {
    seq: i64,
    at: DateTime<Utc>,
    actor: String,
    action: String,
    target: Option<String>,
    outcome: String,
    detail: String,
    prev_hash: String,
    hash: String,
}

impl From<EntryRow> for AuditEntry {
    fn from(r: EntryRow) -> Self {
        AuditEntry {
            seq: r.seq,
            at: r.at,
            actor: r.actor,
            action: r.action,
            target: r.target,
            outcome: r.outcome,
            detail: r.detail,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

#[derive(sqlx::FromRow)]
struct HeadRow {
    seq: i64,
    hash: String,
    keyed_from: i64,
    key_check: Option<String>,
}

impl From<HeadRow> for AuditHead {
    fn from(r: HeadRow) -> Self {
        AuditHead {
            seq: r.seq,
            hash: r.hash,
            keyed_from: r.keyed_from,
            key_check: r.key_check,
        }
    }
}

const HEAD_COLUMNS: &str = "seq, hash, keyed_from, key_check";

/// Appends `event` inside the caller's transaction, signed with `key`.
pub(crate) async fn append(
    c: &mut impl Exec,
    key: Option<&AuditKey>,
    event: &AuditEvent,
) -> Result<AuditEntry> {
    let key = key.ok_or_else(|| {
        StoreError::Invalid("no audit key is configured, so nothing can be audited".into())
    })?;
    let check = key.check_value();
    let head = c
        .rows::<HeadRow>(Sql::new(&format!(
            "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING {HEAD_COLUMNS}"
        )))
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::Invalid("the audit log head row is missing".into()))?;
    if head.key_check.as_ref().is_some_and(|k| *k != check) {
        return Err(StoreError::Invalid(
            "the audit key differs from the one this audit log is signed with".into(),
        ));
    }
    let now = Utc::now();
    let at = now
        .with_nanosecond(now.nanosecond() / 1000 * 1000)
        .unwrap_or(now);
    let mut entry = AuditEntry {
        seq: head.seq,
        at,
        actor: event.actor.clone(),
        action: event.action.clone(),
        target: event.target.clone(),
        outcome: event.outcome.clone(),
        detail: event.detail.to_string(),
        prev_hash: head.hash,
        hash: String::new(),
    };
    entry.hash = entry.mac(key);
    c.execute(Sql::with(
        &format!("INSERT INTO audit_log ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"),
        [
            entry.seq.into(),
            entry.at.into(),
            entry.actor.clone().into(),
            entry.action.clone().into(),
            entry.target.clone().into(),
            entry.outcome.clone().into(),
            entry.detail.clone().into(),
            entry.prev_hash.clone().into(),
            entry.hash.clone().into(),
        ],
    ))
    .await?;
    c.execute(Sql::with(
        "UPDATE audit_head SET hash = $1, key_check = $2 WHERE id = 1",
        [entry.hash.clone().into(), check.into()],
    ))
    .await?;
    Ok(entry)
}

/// Which audit entries a page shows; every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Who acted, as stored (`person:e1001`).
    pub actor: Option<String>,
    /// What it was about (`interview:iv-…`).
    pub target: Option<String>,
    /// An action (`interview.dispose`) or a group of them (`interview`).
    pub action: Option<String>,
    /// From this moment…
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    /// …until before this one.
    pub until: Option<chrono::DateTime<chrono::Utc>>,
}

impl AuditFilter {
    /// Entries about `target`.
    pub fn about(target: impl Into<String>) -> Self {
        AuditFilter {
            target: Some(target.into()),
            ..Default::default()
        }
    }
}

pub(crate) async fn page(
    c: &mut impl Exec,
    filter: &AuditFilter,
    before: Option<i64>,
    limit: usize,
) -> Result<Vec<AuditEntry>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM audit_log WHERE 1 = 1"));
    if let Some(before) = before {
        sql.push(" AND seq < ").bind(before);
    }
    if let Some(target) = &filter.target {
        sql.push(" AND target = ").bind(target);
    }
    if let Some(actor) = &filter.actor {
        sql.push(" AND actor = ").bind(actor);
    }
    if let Some(action) = &filter.action {
        // The action, or any in its group: `interview` finds `interview.dispose`.
        // (`substr` compares bytes alike on both backends, whatever the collation.)
        let group = format!("{action}.");
        sql.push(" AND (action = ")
            .bind(action)
            .push(" OR substr(action, 1, CAST(")
            .bind(group.len() as i64)
            .push(" AS INTEGER)) = ")
            .bind(group)
            .push(")");
    }
    if let Some(from) = filter.from {
        sql.push(" AND at >= ").bind(from);
    }
    if let Some(until) = filter.until {
        sql.push(" AND at < ").bind(until);
    }
    sql.push(" ORDER BY seq DESC LIMIT ").bind(limit as i64);
    Ok(c.rows::<EntryRow>(sql)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub(crate) async fn scan(c: &mut impl Exec, after: i64, limit: usize) -> Result<Vec<AuditEntry>> {
    let sql = Sql::with(
        &format!("SELECT {COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"),
        [after.into(), (limit as i64).into()],
    );
    Ok(c.rows::<EntryRow>(sql)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub(crate) async fn head(c: &mut impl Exec) -> Result<AuditHead> {
    c.rows::<HeadRow>(Sql::new(&format!(
        "SELECT {HEAD_COLUMNS} FROM audit_head WHERE id = 1"
    )))
    .await?
    .into_iter()
    .next()
    .map(Into::into)
    .ok_or_else(|| StoreError::Invalid("the audit log head row is missing".into()))
}
