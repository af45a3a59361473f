//! Evidence: authored documents, answers and reports, with authors and skill tags.

use crate::store::error::missing;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tracing::instrument;

use crate::domain::Evidence;

use super::graph::{self, Entity};
use super::paging::{Keyed, ListQuery};
use super::rows::{EvidenceRow, PairRow, WrittenRow, map};
use super::sql::Sql;
use super::{Backend, Exec, Page, PageRequest, Result, SqlStore, StoreError};

const EVIDENCE_COLUMNS: &str = "id, kind, title, body, url, created_at";

impl Keyed for EvidenceRow {
    fn key(&self) -> Vec<String> {
        vec![self.id.clone()]
    }
}

#[derive(Debug, Clone, Default)]
pub struct EvidenceFilter {
    pub author_id: Option<String>,
    pub skill_id: Option<String>,
}

/// A piece of evidence with its links, as written.
#[derive(Debug, Clone)]
pub struct NewEvidence {
    pub evidence: Evidence,
    pub author_ids: Vec<String>,
    pub skill_ids: Vec<String>,
}

#[async_trait]
pub trait EvidenceStore {
    async fn evidence_by_ids(&self, ids: &[String]) -> Result<Vec<Evidence>>;
    async fn list_evidence(
        &self,
        filter: &EvidenceFilter,
        page: &PageRequest,
    ) -> Result<Page<Evidence>>;
    async fn create_evidence(&self, evidence: &NewEvidence) -> Result<Evidence>;
    async fn update_evidence(&self, evidence: &NewEvidence) -> Result<Evidence>;
    /// `(evidence id, person id)` in author order.
    async fn authors_of_evidence(&self, ids: &[String]) -> Result<Vec<(String, String)>>;
    /// `(evidence id, skill id)`.
    async fn tags_of_evidence(&self, ids: &[String]) -> Result<Vec<(String, String)>>;
    /// `(person id, evidence id)`, newest first.
    async fn evidence_of_people(&self, person_ids: &[String]) -> Result<Vec<(String, String)>>;
    /// `(kind, created at)` of each piece of evidence written since `since`
    /// by a member of `community` once they had joined it (writing from
    /// before they joined is not the community's), once each however many
    /// members wrote it.
    async fn evidence_written_since(
        &self,
        community: &str,
        since: DateTime<Utc>,
    ) -> Result<Vec<(String, DateTime<Utc>)>>;
}

async fn evidence_by_id(c: &mut impl Exec, id: &str) -> Result<Evidence> {
    let sql = Sql::with(
        &format!("SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE id = $1"),
        [id.into()],
    );
    let row = c.rows::<EvidenceRow>(sql).await?.into_iter().next();
    Ok(row
        .ok_or_else(|| StoreError::not_found(format!("evidence '{id}'")))?
        .into())
}

/// Writes a new piece of evidence with its authors and tags, and tells the
/// graph; the caller commits.
pub(super) async fn insert_evidence(
    tx: &mut impl Exec,
    e: &NewEvidence,
    now: DateTime<Utc>,
) -> Result<Evidence> {
    let ev = &e.evidence;
    let sql = Sql::with(
        "INSERT INTO evidence (id, kind, title, body, created_at, updated_at, url) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [
            ev.id.clone().into(),
            ev.kind.clone().into(),
            ev.title.clone().into(),
            ev.text.clone().into(),
            ev.created_at.into(),
            now.into(),
            ev.url.clone().into(),
        ],
    );
    tx.execute(sql).await.map_err(|err| match err {
        StoreError::Conflict(_) => {
            StoreError::Conflict(format!("evidence '{}' already exists", ev.id))
        }
        other => other,
    })?;
    set_links(tx, e).await?;
    let created = evidence_by_id(tx, &ev.id).await?;
    graph::note(tx, Entity::Evidence, [ev.id.as_str()]).await?;
    Ok(created)
}

async fn set_links(c: &mut impl Exec, e: &NewEvidence) -> Result<()> {
    let id = e.evidence.id.as_str();
    c.execute(Sql::with(
        "DELETE FROM evidence_authors WHERE evidence_id = $1",
        [id.into()],
    ))
    .await?;
    c.execute(Sql::with(
        "DELETE FROM evidence_tags WHERE evidence_id = $1",
        [id.into()],
    ))
    .await?;
    let mut sql = Sql::new("INSERT INTO evidence_authors (evidence_id, person_id, position)");
    sql.values(e.author_ids.iter().enumerate(), |(i, p)| {
        vec![id.into(), p.into(), (i as i64).into()]
    });
    c.execute(sql).await.map_err(|err| match err {
        StoreError::MissingReference(_) => StoreError::not_found("one of the authors"),
        StoreError::Conflict(_) => StoreError::Invalid("an author is listed twice".into()),
        other => other,
    })?;
    if !e.skill_ids.is_empty() {
        let mut sql = Sql::new("INSERT INTO evidence_tags (evidence_id, skill_id)");
        sql.values(&e.skill_ids, |s| vec![id.into(), s.into()])
            .push(" ON CONFLICT DO NOTHING");
        c.execute(sql)
            .await
            .map_err(missing("one of the tagged skills"))?;
    }
    Ok(())
}

#[async_trait]
impl<B: Backend> EvidenceStore for SqlStore<B> {
    #[tracing::instrument(skip_all)]
    async fn evidence_by_ids(&self, ids: &[String]) -> Result<Vec<Evidence>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE id IN "
        ));
        sql.in_list(ids);
        Ok(map::<EvidenceRow, Evidence>(
            self.conn().await?.rows(sql).await?,
        ))
    }

    #[tracing::instrument(skip_all)]
    async fn list_evidence(
        &self,
        filter: &EvidenceFilter,
        page: &PageRequest,
    ) -> Result<Page<Evidence>> {
        let mut cond = Sql::new("1 = 1");
        if let Some(a) = &filter.author_id {
            cond.push(" AND id IN (SELECT evidence_id FROM evidence_authors WHERE person_id = ")
                .bind(a)
                .push(")");
        }
        if let Some(s) = &filter.skill_id {
            cond.push(" AND id IN (SELECT evidence_id FROM evidence_tags WHERE skill_id = ")
                .bind(s)
                .push(")");
        }
        let query = ListQuery {
            columns: EVIDENCE_COLUMNS,
            from: "evidence",
            condition: cond,
            order: &["id"],
            descending: false,
        };
        query
            .run::<EvidenceRow, Evidence>(&mut self.conn().await?, page)
            .await
    }

    #[instrument(skip_all, fields(id = %e.evidence.id))]
    async fn create_evidence(&self, e: &NewEvidence) -> Result<Evidence> {
        let mut tx = self.tx().await?;
        let created = insert_evidence(&mut tx, e, self.now()).await?;
        tx.commit().await?;
        Ok(created)
    }

    #[instrument(skip_all, fields(id = %e.evidence.id))]
    async fn update_evidence(&self, e: &NewEvidence) -> Result<Evidence> {
        let mut tx = self.tx().await?;
        let ev = &e.evidence;
        let sql = Sql::with(
            "UPDATE evidence SET kind = $2, title = $3, body = $4, created_at = $5, updated_at = $6, url = $7 WHERE id = $1",
            [
                ev.id.clone().into(),
                ev.kind.clone().into(),
                ev.title.clone().into(),
                ev.text.clone().into(),
                ev.created_at.into(),
                self.now().into(),
                ev.url.clone().into(),
            ],
        );
        if tx.execute(sql).await? == 0 {
            return Err(StoreError::not_found(format!("evidence '{}'", ev.id)));
        }
        set_links(&mut tx, e).await?;
        let updated = evidence_by_id(&mut tx, &ev.id).await?;
        graph::note(&mut tx, Entity::Evidence, [ev.id.as_str()]).await?;
        tx.commit().await?;
        Ok(updated)
    }

    #[tracing::instrument(skip_all)]
    async fn authors_of_evidence(&self, ids: &[String]) -> Result<Vec<(String, String)>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(
            "SELECT evidence_id AS a, person_id AS b FROM evidence_authors WHERE evidence_id IN ",
        );
        sql.in_list(ids).push(" ORDER BY evidence_id, position");
        let rows: Vec<PairRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
    }

    #[tracing::instrument(skip_all)]
    async fn tags_of_evidence(&self, ids: &[String]) -> Result<Vec<(String, String)>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(
            "SELECT evidence_id AS a, skill_id AS b FROM evidence_tags WHERE evidence_id IN ",
        );
        sql.in_list(ids);
        let rows: Vec<PairRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
    }

    #[tracing::instrument(skip_all)]
    async fn evidence_of_people(&self, person_ids: &[String]) -> Result<Vec<(String, String)>> {
        if person_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(
            "SELECT a.person_id AS a, a.evidence_id AS b FROM evidence_authors a \
             JOIN evidence e ON e.id = a.evidence_id WHERE a.person_id IN ",
        );
        sql.in_list(person_ids)
            .push(" ORDER BY e.created_at DESC, e.id");
        let rows: Vec<PairRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
    }

    #[tracing::instrument(skip_all, fields(community = %community))]
    async fn evidence_written_since(
        &self,
        community: &str,
        since: DateTime<Utc>,
    ) -> Result<Vec<(String, DateTime<Utc>)>> {
        // A join rather than a list of member ids: a large community would
        // pass SQLite's limit on bound parameters.
        let sql = Sql::with(
            "SELECT e.kind, e.created_at FROM evidence e WHERE e.created_at >= $1 \
             AND EXISTS (SELECT 1 FROM evidence_authors a \
             JOIN community_members m ON m.person_id = a.person_id \
             WHERE a.evidence_id = e.id AND m.community_id = $2 \
             AND e.created_at >= m.joined_at) \
             ORDER BY e.created_at, e.id",
            [since.into(), community.into()],
        );
        let rows: Vec<WrittenRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.kind, r.created_at)).collect())
    }
}
