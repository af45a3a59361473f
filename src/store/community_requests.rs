//! Requests to join closed communities, and the rule that a community which
//! has a lead always keeps one.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::domain::{CommunityRole, JoinRequest, RequestStatus};

use super::graph::{self, Entity};
use super::rows::{CountRow, KeyCountRow};
use super::sql::Sql;
use super::{Backend, Exec, Result, SqlStore, StoreError};

const COLUMNS: &str =
    "id, community_id, person_id, message, status, reason, decided_by, created_at, decided_at";

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: String,
    community_id: String,
    person_id: String,
    message: Option<String>,
    status: String,
    reason: Option<String>,
    decided_by: Option<String>,
    created_at: DateTime<Utc>,
    decided_at: Option<DateTime<Utc>>,
}

impl TryFrom<RequestRow> for JoinRequest {
    type Error = StoreError;
    fn try_from(r: RequestRow) -> Result<Self> {
        Ok(JoinRequest {
            status: RequestStatus::parse(&r.status).map_err(|e| {
                StoreError::Invalid(format!("stored request status is invalid: {e}"))
            })?,
            id: r.id,
            community_id: r.community_id,
            person_id: r.person_id,
            message: r.message,
            reason: r.reason,
            decided_by: r.decided_by,
            created_at: r.created_at,
            decided_at: r.decided_at,
        })
    }
}

#[async_trait]
pub trait RequestStore {
    /// Files a pending request; `CONFLICT` when one is pending already or the
    /// person is a member.
    async fn create_join_request(&self, request: &JoinRequest) -> Result<JoinRequest>;
    async fn join_requests_by_ids(&self, ids: &[String]) -> Result<Vec<JoinRequest>>;
    /// Pending requests of these communities, oldest first.
    async fn pending_requests(&self, community_ids: &[String]) -> Result<Vec<JoinRequest>>;
    /// Every pending request, oldest first (admins' inbox).
    async fn all_pending_requests(&self, limit: usize) -> Result<Vec<JoinRequest>>;
    /// `(community id, pending requests)`.
    async fn pending_counts(&self, community_ids: &[String]) -> Result<Vec<(String, i64)>>;
    /// Approves (adding the member) or declines a pending request, in one transaction.
    async fn decide_join_request(
        &self,
        id: &str,
        approve: bool,
        reason: Option<&str>,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<JoinRequest>;
}

async fn request_by_id(c: &mut impl Exec, id: &str) -> Result<JoinRequest> {
    let sql = Sql::with(
        &format!("SELECT {COLUMNS} FROM community_requests WHERE id = $1"),
        [id.into()],
    );
    let row = c.rows::<RequestRow>(sql).await?.into_iter().next();
    row.ok_or_else(|| StoreError::not_found(format!("request '{id}'")))?
        .try_into()
}

/// How many leads a community has.
pub(crate) async fn leads(c: &mut impl Exec, community_id: &str) -> Result<i64> {
    let sql = Sql::with(
        "SELECT COUNT(*) AS n FROM community_members WHERE community_id = $1 AND role = 'lead'",
        [community_id.into()],
    );
    Ok(c.rows::<CountRow>(sql).await?.first().map_or(0, |r| r.n))
}

/// Refuses a membership change (already made in this transaction) that took
/// away the last lead of a community that had `before` leads.
pub(crate) async fn still_led(c: &mut impl Exec, community_id: &str, before: i64) -> Result<()> {
    if before > 0 && leads(c, community_id).await? == 0 {
        return Err(StoreError::Conflict(
            "a community always keeps at least one lead: make someone else a lead first".into(),
        ));
    }
    Ok(())
}

#[async_trait]
impl<B: Backend> RequestStore for SqlStore<B> {
    async fn create_join_request(&self, r: &JoinRequest) -> Result<JoinRequest> {
        let mut tx = self.tx().await?;
        let member = Sql::with(
            "SELECT COUNT(*) AS n FROM community_members WHERE community_id = $1 AND person_id = $2",
            [r.community_id.clone().into(), r.person_id.clone().into()],
        );
        if tx
            .rows::<CountRow>(member)
            .await?
            .first()
            .map_or(0, |x| x.n)
            > 0
        {
            return Err(StoreError::Conflict("you are already a member".into()));
        }
        let sql = Sql::with(
            &format!(
                "INSERT INTO community_requests ({COLUMNS}) VALUES ($1, $2, $3, $4, 'pending', NULL, NULL, $5, NULL)"
            ),
            [
                r.id.clone().into(),
                r.community_id.clone().into(),
                r.person_id.clone().into(),
                r.message.clone().into(),
                r.created_at.into(),
            ],
        );
        tx.execute(sql).await.map_err(|e| match e {
            StoreError::Conflict(_) => {
                StoreError::Conflict("you have already asked to join; the leads will answer".into())
            }
            StoreError::Invalid(_) => StoreError::not_found("that community or person"),
            other => other,
        })?;
        let stored = request_by_id(&mut tx, &r.id).await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn join_requests_by_ids(&self, ids: &[String]) -> Result<Vec<JoinRequest>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {COLUMNS} FROM community_requests WHERE id IN "
        ));
        sql.in_list(ids);
        let rows: Vec<RequestRow> = self.conn().await?.rows(sql).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn pending_requests(&self, community_ids: &[String]) -> Result<Vec<JoinRequest>> {
        if community_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {COLUMNS} FROM community_requests WHERE status = 'pending' AND community_id IN "
        ));
        sql.in_list(community_ids).push(" ORDER BY created_at, id");
        let rows: Vec<RequestRow> = self.conn().await?.rows(sql).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn all_pending_requests(&self, limit: usize) -> Result<Vec<JoinRequest>> {
        let sql = Sql::with(
            &format!(
                "SELECT {COLUMNS} FROM community_requests WHERE status = 'pending' ORDER BY created_at, id LIMIT $1"
            ),
            [(limit as i64).into()],
        );
        let rows: Vec<RequestRow> = self.conn().await?.rows(sql).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn pending_counts(&self, community_ids: &[String]) -> Result<Vec<(String, i64)>> {
        if community_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(
            "SELECT community_id AS a, COUNT(*) AS n FROM community_requests WHERE status = 'pending' AND community_id IN ",
        );
        sql.in_list(community_ids).push(" GROUP BY community_id");
        let rows: Vec<KeyCountRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.n)).collect())
    }

    async fn decide_join_request(
        &self,
        id: &str,
        approve: bool,
        reason: Option<&str>,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<JoinRequest> {
        let mut tx = self.tx().await?;
        let status = if approve {
            RequestStatus::Approved
        } else {
            RequestStatus::Declined
        };
        let n = tx
            .execute(Sql::with(
                "UPDATE community_requests SET status = $1, reason = $2, decided_by = $3, decided_at = $4 \
                 WHERE id = $5 AND status = 'pending'",
                [
                    status.as_str().into(),
                    reason.map(str::to_string).into(),
                    by.into(),
                    now.into(),
                    id.into(),
                ],
            ))
            .await?;
        let request = request_by_id(&mut tx, id).await?;
        if n == 0 {
            return Err(StoreError::Conflict(format!(
                "this request was already {}",
                request.status.as_str()
            )));
        }
        if approve {
            tx.execute(Sql::with(
                "INSERT INTO community_members (community_id, person_id, role, joined_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (community_id, person_id) DO NOTHING",
                [
                    request.community_id.clone().into(),
                    request.person_id.clone().into(),
                    CommunityRole::Member.as_str().into(),
                    now.into(),
                ],
            ))
            .await?;
            graph::note(&mut tx, Entity::Community, [request.community_id.as_str()]).await?;
        }
        tx.commit().await?;
        Ok(request)
    }
}
