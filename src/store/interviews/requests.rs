//! Disposal requests (four eyes on destruction) and holds: a decision and
//! its effect on the record commit together, with the audit entry.

use chrono::{DateTime, Utc};

use crate::domain::{
    AuditEvent, AuditKey, DisposalCertificate, DisposalKind, DisposalRequest,
    DisposalRequestStatus, Due, Interview,
};

use super::dispose;
use super::rows::{INTERVIEW_COLUMNS, InterviewRow};
use crate::store::rows::convert;
use crate::store::security::append_audit;
use crate::store::sql::{Arg, Sql};
use crate::store::{Exec, Result, StoreError};

const COLUMNS: &str = "id, interview_id, kind, retention_days, reason, status, requested_by, \
     requested_at, decided_by, decided_at, note";

/// What an approved request does to its record.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Rejected or withdrawn: nothing.
    Nothing,
    /// The record's own period becomes this many days.
    Shorten(u32),
    /// This part is destroyed now.
    Dispose(Due),
}

/// A decision on a pending request.
#[derive(Debug, Clone)]
pub struct Decided {
    pub status: DisposalRequestStatus,
    pub by: String,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(super) struct RequestRow {
    id: String,
    interview_id: String,
    kind: String,
    retention_days: Option<i32>,
    reason: String,
    status: String,
    requested_by: String,
    requested_at: DateTime<Utc>,
    decided_by: Option<String>,
    decided_at: Option<DateTime<Utc>>,
    note: Option<String>,
}

impl TryFrom<RequestRow> for DisposalRequest {
    type Error = StoreError;
    fn try_from(r: RequestRow) -> Result<Self> {
        let invalid = |what: &str, e: crate::domain::Invalid| {
            StoreError::Invalid(format!("stored disposal request {what} is invalid: {e}"))
        };
        Ok(DisposalRequest {
            kind: DisposalKind::parse(&r.kind).map_err(|e| invalid("kind", e))?,
            status: DisposalRequestStatus::parse(&r.status).map_err(|e| invalid("status", e))?,
            retention_days: r.retention_days.and_then(|d| u32::try_from(d).ok()),
            id: r.id,
            interview_id: r.interview_id,
            reason: r.reason,
            requested_by: r.requested_by,
            requested_at: r.requested_at,
            decided_by: r.decided_by,
            decided_at: r.decided_at,
            note: r.note,
        })
    }
}

pub(super) async fn request_by_id(c: &mut impl Exec, id: &str) -> Result<DisposalRequest> {
    let sql = Sql::with(
        &format!("SELECT {COLUMNS} FROM disposal_requests WHERE id = $1"),
        [id.into()],
    );
    let row = c.rows::<RequestRow>(sql).await?.into_iter().next();
    row.ok_or_else(|| StoreError::not_found(format!("disposal request '{id}'")))?
        .try_into()
}

pub(super) async fn create(
    c: &mut impl Exec,
    r: &DisposalRequest,
    key: Option<&AuditKey>,
    audit: &AuditEvent,
) -> Result<DisposalRequest> {
    let sql = Sql::with(
        &format!(
            "INSERT INTO disposal_requests ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        ),
        [
            r.id.clone().into(),
            r.interview_id.clone().into(),
            r.kind.as_str().into(),
            Arg::Int(r.retention_days.map(i64::from)),
            r.reason.clone().into(),
            r.status.as_str().into(),
            r.requested_by.clone().into(),
            r.requested_at.into(),
            r.decided_by.clone().into(),
            r.decided_at.into(),
            r.note.clone().into(),
        ],
    );
    c.execute(sql).await.map_err(|e| match e {
        StoreError::Conflict(_) => StoreError::Conflict(
            "this record already has a disposal request waiting for a decision".into(),
        ),
        StoreError::MissingReference(_) => StoreError::not_found("that interview"),
        other => other,
    })?;
    append_audit(c, key, audit).await?;
    request_by_id(c, &r.id).await
}

pub(super) async fn list(
    c: &mut impl Exec,
    status: Option<DisposalRequestStatus>,
    interview_ids: Option<&[String]>,
    limit: usize,
) -> Result<Vec<DisposalRequest>> {
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} FROM disposal_requests WHERE 1 = 1"
    ));
    if let Some(s) = status {
        sql.push(" AND status = ").bind(s.as_str());
    }
    if let Some(ids) = interview_ids {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        sql.push(" AND interview_id IN ").in_list(ids);
    }
    sql.push(" ORDER BY requested_at DESC, id LIMIT ")
        .bind(limit as i64);
    convert(c.rows::<RequestRow>(sql).await?)
}

/// Marks the request decided, if it is still pending, and applies `effect`.
pub(super) async fn decide(
    c: &mut impl Exec,
    id: &str,
    decided: &Decided,
    effect: &Effect,
    key: Option<&AuditKey>,
    audit: &AuditEvent,
) -> Result<(DisposalRequest, Vec<DisposalCertificate>)> {
    let n = c
        .execute(Sql::with(
            "UPDATE disposal_requests SET status = $1, decided_by = $2, decided_at = $3, note = $4 \
             WHERE id = $5 AND status = $6",
            [
                decided.status.as_str().into(),
                decided.by.clone().into(),
                decided.at.into(),
                decided.note.clone().into(),
                id.into(),
                DisposalRequestStatus::Pending.as_str().into(),
            ],
        ))
        .await?;
    if n == 0 {
        request_by_id(c, id).await?;
        return Err(StoreError::Conflict(
            "this request has already been decided".into(),
        ));
    }
    let request = request_by_id(c, id).await?;
    let certificates = match effect {
        Effect::Nothing => {
            append_audit(c, key, audit).await?;
            vec![]
        }
        Effect::Shorten(days) => {
            let n = c
                .execute(Sql::with(
                    "UPDATE interviews SET retention_days = $1, updated_at = $2 \
                     WHERE id = $3 AND hold = $4 AND disposed_at IS NULL",
                    [
                        i64::from(*days).into(),
                        decided.at.into(),
                        request.interview_id.clone().into(),
                        false.into(),
                    ],
                ))
                .await?;
            if n == 0 {
                return Err(StoreError::Conflict(
                    "the record is on hold or its transcript is already disposed of".into(),
                ));
            }
            append_audit(c, key, audit).await?;
            vec![]
        }
        Effect::Dispose(due) => {
            let approval = (request.requested_by.clone(), decided.by.clone());
            dispose::dispose(
                c,
                &request.interview_id,
                std::slice::from_ref(due),
                decided.at,
                key,
                audit,
                Some(approval),
            )
            .await?
        }
    };
    Ok((request, certificates))
}

/// Who asked for and who approved the shorter period `interview` has now,
/// if an approved request set it.
pub(super) async fn approval_of_period(
    c: &mut impl Exec,
    interview: &Interview,
) -> Result<Option<(String, String)>> {
    let Some(days) = interview.retention_days else {
        return Ok(None);
    };
    let sql = Sql::with(
        &format!(
            "SELECT {COLUMNS} FROM disposal_requests WHERE interview_id = $1 AND kind = $2 \
             AND status = $3 AND retention_days = $4 ORDER BY decided_at DESC LIMIT 1"
        ),
        [
            interview.id.clone().into(),
            DisposalKind::Shorten.as_str().into(),
            DisposalRequestStatus::Approved.as_str().into(),
            i64::from(days).into(),
        ],
    );
    let found: Vec<DisposalRequest> = convert(c.rows::<RequestRow>(sql).await?)?;
    Ok(found
        .into_iter()
        .next()
        .and_then(|r| Some((r.requested_by, r.decided_by?))))
}

pub(super) async fn held(c: &mut impl Exec, limit: usize) -> Result<Vec<Interview>> {
    let sql = Sql::with(
        &format!(
            "SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE hold = $1 \
             ORDER BY hold_at IS NULL, hold_at DESC, id LIMIT $2"
        ),
        [true.into(), (limit as i64).into()],
    );
    convert(c.rows::<InterviewRow>(sql).await?)
}

/// Writes the record's retention period and hold, provided neither changed
/// since `was` (period, hold) was read: a decision committed meanwhile is
/// never overwritten.
pub(super) async fn save_retention(
    c: &mut impl Exec,
    i: &Interview,
    was: (Option<u32>, bool),
    key: Option<&AuditKey>,
    audit: &AuditEvent,
) -> Result<()> {
    let n = c
        .execute(Sql::with(
            "UPDATE interviews SET retention_days = $1, hold = $2, hold_reason = $3, hold_by = $4, \
             hold_at = $5, updated_at = $6 \
             WHERE id = $7 AND retention_days IS NOT DISTINCT FROM $8 AND hold = $9",
            [
                Arg::Int(i.retention_days.map(i64::from)),
                i.hold.into(),
                i.hold_reason.clone().into(),
                i.hold_by.clone().into(),
                i.hold_at.into(),
                i.updated_at.into(),
                i.id.clone().into(),
                Arg::Int(was.0.map(i64::from)),
                was.1.into(),
            ],
        ))
        .await?;
    if n == 0 {
        return Err(StoreError::Conflict(
            "this record's retention changed meanwhile (perhaps a request was approved); reload it and try again".into(),
        ));
    }
    append_audit(c, key, audit).await?;
    Ok(())
}
