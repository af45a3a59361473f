//! Requests to join closed communities, invitations from their leads, and
//! the rule that a community which has a lead always keeps one.

use crate::store::error::missing;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::domain::{CommunityRole, JoinRequest, RequestKind, RequestStatus};

use super::graph::{self, Entity};
use super::rows::{CountRow, KeyCountRow};
use super::sql::Sql;
use super::{Backend, Exec, Result, SqlStore, StoreError};

const COLUMNS: &str = "id, community_id, person_id, kind, role, invited_by, message, status, reason, decided_by, created_at, decided_at";

/// Requests to join waiting for a lead (invitations wait for the person instead).
fn pending_join() -> String {
    format!(
        "status = {} AND kind = {}",
        super::sql::word(RequestStatus::Pending.as_str()),
        super::sql::word(RequestKind::Join.as_str())
    )
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: String,
    community_id: String,
    person_id: String,
    kind: String,
    role: String,
    invited_by: Option<String>,
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
            kind: RequestKind::parse(&r.kind)
                .map_err(|e| StoreError::Invalid(format!("stored request kind is invalid: {e}")))?,
            role: CommunityRole::parse(&r.role)
                .map_err(|e| StoreError::Invalid(format!("stored request role is invalid: {e}")))?,
            invited_by: r.invited_by,
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
    /// One join request by id, if there is one.
    async fn join_request(&self, id: &str) -> Result<Option<JoinRequest>> {
        Ok(self
            .join_requests_by_ids(&[id.to_string()])
            .await?
            .into_iter()
            .next())
    }
    /// Pending requests of these communities, oldest first.
    async fn pending_requests(&self, community_ids: &[String]) -> Result<Vec<JoinRequest>>;
    /// Invitations of these communities still waiting for an answer, oldest first.
    async fn pending_invitations(&self, community_ids: &[String]) -> Result<Vec<JoinRequest>>;
    /// Every pending request, oldest first (admins' inbox).
    async fn all_pending_requests(&self, limit: usize) -> Result<Vec<JoinRequest>>;
    /// `(community id, pending requests)`.
    async fn pending_counts(&self, community_ids: &[String]) -> Result<Vec<(String, i64)>>;
    /// Approves (adding the member) or declines a pending request or
    /// invitation of `kind`, in one transaction.
    async fn decide_join_request(
        &self,
        id: &str,
        kind: RequestKind,
        approve: bool,
        reason: Option<&str>,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<JoinRequest>;
    /// Invites a person. When they have asked to join already, that request is
    /// approved at once with the invitation's role (they asked; the lead
    /// agrees) and returned approved. `CONFLICT` when they are a member or
    /// already invited.
    async fn invite_member(&self, invitation: &JoinRequest) -> Result<JoinRequest>;
    /// A person's pending invitations, oldest first.
    async fn invitations_for(&self, person_id: &str) -> Result<Vec<JoinRequest>>;
    /// This person's latest request to join this community that the leads
    /// declined, if any.
    async fn last_declined(
        &self,
        community_id: &str,
        person_id: &str,
    ) -> Result<Option<JoinRequest>>;
}

async fn is_member(c: &mut impl Exec, community_id: &str, person_id: &str) -> Result<bool> {
    let member = Sql::with(
        "SELECT COUNT(*) AS n FROM community_members WHERE community_id = $1 AND person_id = $2",
        [community_id.into(), person_id.into()],
    );
    Ok(c.rows::<CountRow>(member).await?.first().map_or(0, |x| x.n) > 0)
}

async fn insert_request(c: &mut impl Exec, r: &JoinRequest) -> Result<()> {
    let sql = Sql::with(
        &format!(
            "INSERT INTO community_requests ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL, $9, NULL)"
        ),
        [
            r.id.clone().into(),
            r.community_id.clone().into(),
            r.person_id.clone().into(),
            r.kind.as_str().into(),
            r.role.as_str().into(),
            r.invited_by.clone().into(),
            r.message.clone().into(),
            RequestStatus::Pending.as_str().into(),
            r.created_at.into(),
        ],
    );
    c.execute(sql).await.map(|_| ())
}

/// The pending request or invitation of a person for a community.
async fn pending_for(
    c: &mut impl Exec,
    community_id: &str,
    person_id: &str,
) -> Result<Option<JoinRequest>> {
    let sql = Sql::with(
        &format!(
            "SELECT {COLUMNS} FROM community_requests WHERE community_id = $1 AND person_id = $2 AND status = $3"
        ),
        [
            community_id.into(),
            person_id.into(),
            RequestStatus::Pending.as_str().into(),
        ],
    );
    c.rows::<RequestRow>(sql)
        .await?
        .into_iter()
        .next()
        .map(TryInto::try_into)
        .transpose()
}

/// Marks a pending request decided and, on approval, adds the member with
/// the request's role. `None` when it was not pending (or not of `kind`).
async fn decide(
    c: &mut impl Exec,
    id: &str,
    kind: RequestKind,
    approve: bool,
    reason: Option<&str>,
    by: &str,
    now: DateTime<Utc>,
) -> Result<Option<JoinRequest>> {
    let status = if approve {
        RequestStatus::Approved
    } else {
        RequestStatus::Declined
    };
    let n = c
        .execute(Sql::with(
            "UPDATE community_requests SET status = $1, reason = $2, decided_by = $3, decided_at = $4 \
             WHERE id = $5 AND status = $6 AND kind = $7",
            [
                status.as_str().into(),
                reason.map(str::to_string).into(),
                by.into(),
                now.into(),
                id.into(),
                RequestStatus::Pending.as_str().into(),
                kind.as_str().into(),
            ],
        ))
        .await?;
    if n == 0 {
        return Ok(None);
    }
    let request = request_by_id(c, id).await?;
    if approve {
        let before = leads(c, &request.community_id).await?;
        c.execute(Sql::with(
            "INSERT INTO community_members (community_id, person_id, role, joined_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (community_id, person_id) DO NOTHING",
            [
                request.community_id.clone().into(),
                request.person_id.clone().into(),
                request.role.as_str().into(),
                now.into(),
            ],
        ))
        .await?;
        still_led(c, &request.community_id, before).await?;
        graph::note(c, Entity::Community, [request.community_id.as_str()]).await?;
    }
    Ok(Some(request))
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
        "SELECT COUNT(*) AS n FROM community_members WHERE community_id = $1 AND role = $2",
        [community_id.into(), CommunityRole::Lead.as_str().into()],
    );
    Ok(c.rows::<CountRow>(sql).await?.first().map_or(0, |r| r.n))
}

/// Refuses a membership change (already made in this transaction) that took
/// away the last lead of a community that had `before` leads.
pub(crate) async fn still_led(c: &mut impl Exec, community_id: &str, before: i64) -> Result<()> {
    let after = leads(c, community_id).await?;
    crate::domain::keeps_a_lead(before, after).map_err(|e| StoreError::Conflict(e.0))
}

#[async_trait]
impl<B: Backend> RequestStore for SqlStore<B> {
    #[tracing::instrument(skip_all)]
    async fn create_join_request(&self, r: &JoinRequest) -> Result<JoinRequest> {
        let mut tx = self.tx().await?;
        if is_member(&mut tx, &r.community_id, &r.person_id).await? {
            return Err(StoreError::Conflict("you are already a member".into()));
        }
        insert_request(&mut tx, r).await.map_err(|e| match e {
            StoreError::Conflict(_) => StoreError::Conflict(
                "you have already asked to join, or been invited: see your invitations".into(),
            ),
            StoreError::MissingReference(_) => StoreError::not_found("that community or person"),
            other => other,
        })?;
        let stored = request_by_id(&mut tx, &r.id).await?;
        tx.commit().await?;
        Ok(stored)
    }

    #[tracing::instrument(skip_all)]
    async fn invite_member(&self, r: &JoinRequest) -> Result<JoinRequest> {
        let mut tx = self.tx().await?;
        if is_member(&mut tx, &r.community_id, &r.person_id).await? {
            return Err(StoreError::Conflict("they are already a member".into()));
        }
        // Decided by the inviter, named as the audit log names people.
        let by = r
            .invited_by
            .as_deref()
            .map_or_else(String::new, |p| format!("person:{p}"));
        let stored = match pending_for(&mut tx, &r.community_id, &r.person_id).await? {
            Some(p) if p.kind == RequestKind::Invitation => {
                return Err(StoreError::Conflict(
                    "they are invited already and have not answered yet".into(),
                ));
            }
            Some(asked) => {
                tx.execute(Sql::with(
                    "UPDATE community_requests SET role = $1 WHERE id = $2",
                    [r.role.as_str().into(), asked.id.clone().into()],
                ))
                .await?;
                let approve = Some("invited while their request was pending");
                decide(
                    &mut tx,
                    &asked.id,
                    RequestKind::Join,
                    true,
                    approve,
                    &by,
                    r.created_at,
                )
                .await?
                .ok_or_else(|| StoreError::Conflict("their request was just decided".into()))?
            }
            None => {
                insert_request(&mut tx, r)
                    .await
                    .map_err(missing("that community or person"))?;
                request_by_id(&mut tx, &r.id).await?
            }
        };
        tx.commit().await?;
        Ok(stored)
    }

    #[tracing::instrument(skip_all)]
    async fn last_declined(
        &self,
        community_id: &str,
        person_id: &str,
    ) -> Result<Option<JoinRequest>> {
        let sql = Sql::with(
            &format!(
                "SELECT {COLUMNS} FROM community_requests WHERE community_id = $1 AND person_id = $2 \
                 AND status = $3 AND kind = $4 ORDER BY decided_at DESC, id LIMIT 1"
            ),
            [
                community_id.into(),
                person_id.into(),
                RequestStatus::Declined.as_str().into(),
                RequestKind::Join.as_str().into(),
            ],
        );
        let rows: Vec<RequestRow> = self.conn().await?.rows(sql).await?;
        rows.into_iter().map(TryInto::try_into).next().transpose()
    }

    #[tracing::instrument(skip_all)]
    async fn invitations_for(&self, person_id: &str) -> Result<Vec<JoinRequest>> {
        let sql = Sql::with(
            &format!(
                "SELECT {COLUMNS} FROM community_requests WHERE person_id = $1 AND status = $2 AND kind = $3 \
                 ORDER BY created_at, id"
            ),
            [
                person_id.into(),
                RequestStatus::Pending.as_str().into(),
                RequestKind::Invitation.as_str().into(),
            ],
        );
        let rows: Vec<RequestRow> = self.conn().await?.rows(sql).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    #[tracing::instrument(skip_all)]
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

    #[tracing::instrument(skip_all)]
    async fn pending_requests(&self, community_ids: &[String]) -> Result<Vec<JoinRequest>> {
        if community_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {COLUMNS} FROM community_requests WHERE {} AND community_id IN ",
            pending_join()
        ));
        sql.in_list(community_ids).push(" ORDER BY created_at, id");
        let rows: Vec<RequestRow> = self.conn().await?.rows(sql).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    #[tracing::instrument(skip_all)]
    async fn pending_invitations(&self, community_ids: &[String]) -> Result<Vec<JoinRequest>> {
        if community_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {COLUMNS} FROM community_requests WHERE status = {} AND kind = {} AND community_id IN ",
            super::sql::word(RequestStatus::Pending.as_str()),
            super::sql::word(RequestKind::Invitation.as_str())
        ));
        sql.in_list(community_ids).push(" ORDER BY created_at, id");
        let rows: Vec<RequestRow> = self.conn().await?.rows(sql).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    #[tracing::instrument(skip_all)]
    async fn all_pending_requests(&self, limit: usize) -> Result<Vec<JoinRequest>> {
        let sql = Sql::with(
            &format!(
                "SELECT {COLUMNS} FROM community_requests WHERE {} ORDER BY created_at, id LIMIT $1",
                pending_join()
            ),
            [(limit as i64).into()],
        );
        let rows: Vec<RequestRow> = self.conn().await?.rows(sql).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    #[tracing::instrument(skip_all)]
    async fn pending_counts(&self, community_ids: &[String]) -> Result<Vec<(String, i64)>> {
        if community_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT community_id AS a, COUNT(*) AS n FROM community_requests WHERE {} AND community_id IN ",
            pending_join()
        ));
        sql.in_list(community_ids).push(" GROUP BY community_id");
        let rows: Vec<KeyCountRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.n)).collect())
    }

    #[tracing::instrument(skip_all)]
    async fn decide_join_request(
        &self,
        id: &str,
        kind: RequestKind,
        approve: bool,
        reason: Option<&str>,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<JoinRequest> {
        let mut tx = self.tx().await?;
        let Some(request) = decide(&mut tx, id, kind, approve, reason, by, now).await? else {
            let request = request_by_id(&mut tx, id).await?;
            if request.kind != kind {
                return Err(StoreError::not_found(format!("request '{id}'")));
            }
            return Err(StoreError::Conflict(format!(
                "this {} was already {}",
                match kind {
                    RequestKind::Join => "request",
                    RequestKind::Invitation => "invitation",
                },
                request.status.as_str()
            )));
        };
        tx.commit().await?;
        Ok(request)
    }
}
