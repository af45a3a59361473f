//! Everything the knowledge graph is built from, read in one pass at start-up.

use async_trait::async_trait;
use tracing::instrument;

use super::rows::PairRow;
use super::sql::Sql;
use super::{Backend, Exec, Result, SqlStore};

/// Three text columns, for links that carry a label (level and source, role, kind).
#[derive(sqlx::FromRow)]
pub struct TripleRow {
    pub a: String,
    pub b: String,
    pub c: String,
}

/// The graph's nodes and edges as stored, by external id.
#[derive(Debug, Clone, Default)]
pub struct GraphRows {
    /// `(id, status, discoverable as "1"/"0")`
    pub people: Vec<(String, String, String)>,
    pub skills: Vec<String>,
    pub communities: Vec<String>,
    /// `(id, kind)`
    pub evidence: Vec<(String, String)>,
    /// `(person, skill, "level:source")`
    pub person_skills: Vec<(String, String, String)>,
    /// `(community, person, role)`
    pub memberships: Vec<(String, String, String)>,
    /// `(community, skill)`
    pub community_skills: Vec<(String, String)>,
    /// `(evidence, person)`
    pub authors: Vec<(String, String)>,
    /// `(evidence, skill)`
    pub tags: Vec<(String, String)>,
    /// `(skill, broader skill)`
    pub broader: Vec<(String, String)>,
    pub related: Vec<(String, String)>,
    /// `(person, manager)`
    pub reports_to: Vec<(String, String)>,
}

#[async_trait]
pub trait GraphStore {
    async fn graph_rows(&self) -> Result<GraphRows>;
}

async fn pairs(c: &mut impl Exec, text: &str) -> Result<Vec<(String, String)>> {
    let rows: Vec<PairRow> = c.rows(Sql::new(text)).await?;
    Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
}

async fn triples(c: &mut impl Exec, text: &str) -> Result<Vec<(String, String, String)>> {
    let rows: Vec<TripleRow> = c.rows(Sql::new(text)).await?;
    Ok(rows.into_iter().map(|r| (r.a, r.b, r.c)).collect())
}

#[async_trait]
impl<B: Backend> GraphStore for SqlStore<B> {
    #[instrument(skip_all)]
    async fn graph_rows(&self) -> Result<GraphRows> {
        // One transaction: a consistent picture even while writes go on.
        let mut c = self.tx().await?;
        let rows = GraphRows {
            people: triples(
                &mut c,
                "SELECT id AS a, status AS b, CASE WHEN discoverable THEN '1' ELSE '0' END AS c FROM people ORDER BY id",
            )
            .await?,
            skills: pairs(&mut c, "SELECT id AS a, id AS b FROM skills ORDER BY id").await?.into_iter().map(|p| p.0).collect(),
            communities: pairs(&mut c, "SELECT id AS a, id AS b FROM communities ORDER BY id")
                .await?
                .into_iter()
                .map(|p| p.0)
                .collect(),
            evidence: pairs(&mut c, "SELECT id AS a, kind AS b FROM evidence ORDER BY id").await?,
            person_skills: triples(
                &mut c,
                "SELECT person_id AS a, skill_id AS b, CAST(level AS TEXT) || ':' || source AS c FROM person_skills",
            )
            .await?,
            memberships: triples(&mut c, "SELECT community_id AS a, person_id AS b, role AS c FROM community_members")
                .await?,
            community_skills: pairs(&mut c, "SELECT community_id AS a, skill_id AS b FROM community_skills").await?,
            authors: pairs(&mut c, "SELECT evidence_id AS a, person_id AS b FROM evidence_authors").await?,
            tags: pairs(&mut c, "SELECT evidence_id AS a, skill_id AS b FROM evidence_tags").await?,
            broader: pairs(&mut c, "SELECT id AS a, broader_id AS b FROM skills WHERE broader_id IS NOT NULL").await?,
            related: pairs(&mut c, "SELECT skill_id AS a, related_id AS b FROM skill_related").await?,
            reports_to: pairs(&mut c, "SELECT id AS a, manager_id AS b FROM people WHERE manager_id IS NOT NULL").await?,
        };
        c.commit().await?;
        Ok(rows)
    }
}
