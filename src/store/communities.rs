//! Communities of practice: their skills and members.

use crate::store::error::missing;
use async_trait::async_trait;
use chrono::Utc;
use tracing::instrument;

use chrono::DateTime;

use crate::domain::{
    Community, CommunityRole, CommunityStatus, Membership, RequestStatus, SkillKey,
};

use super::community_requests::{leads, still_led};
use super::graph::{self, Entity};
use super::paging::{Keyed, ListQuery};
use super::rows::{CommunityRow, MembershipRow, PairRow, convert};
use super::sql::{Sql, prefix_upper_bound, rank_of};
use super::{Backend, Exec, Page, PageRequest, Result, SqlStore, StoreError};

const COMMUNITY_COLUMNS: &str = "id, name, name_key, description, visibility, status, proposed_by";
const MEMBER_COLUMNS: &str = "community_id, person_id, role, joined_at";

impl Keyed for CommunityRow {
    fn key(&self) -> Vec<String> {
        vec![self.name_key.clone(), self.id.clone()]
    }
}

#[async_trait]
pub trait CommunityStore {
    async fn communities_by_ids(&self, ids: &[String]) -> Result<Vec<Community>>;
    /// One community by id, if there is one.
    async fn community(&self, id: &str) -> Result<Option<Community>> {
        Ok(self
            .communities_by_ids(&[id.to_string()])
            .await?
            .into_iter()
            .next())
    }
    /// Communities with `status` (any when `None`), by name.
    async fn list_communities(
        &self,
        prefix: Option<&str>,
        status: Option<CommunityStatus>,
        page: &PageRequest,
    ) -> Result<Page<Community>>;
    /// Creates the community; its proposer (when named) becomes its first lead.
    async fn create_community(
        &self,
        community: &Community,
        skill_ids: &[String],
    ) -> Result<Community>;
    /// Updates the community; `skill_ids` replaces its skills when given.
    async fn update_community(
        &self,
        community: &Community,
        skill_ids: Option<&[String]>,
    ) -> Result<Community>;
    /// `(community id, skill id)` pairs.
    async fn skills_of_communities(&self, ids: &[String]) -> Result<Vec<(String, String)>>;
    async fn members_of_communities(&self, ids: &[String]) -> Result<Vec<Membership>>;
    async fn memberships_of_people(&self, person_ids: &[String]) -> Result<Vec<Membership>>;
    /// Adds the member or changes their role.
    async fn set_membership(&self, membership: &Membership) -> Result<Membership>;
    async fn remove_membership(&self, community_id: &str, person_id: &str) -> Result<()>;
    async fn set_community_status(&self, id: &str, status: CommunityStatus) -> Result<Community>;
    /// Moves `merged`'s members (keeping the higher role and the earlier
    /// join), skills and pending requests to `survivor`, removes `merged` and
    /// leaves a redirect from its id.
    async fn merge_communities(
        &self,
        survivor: &str,
        merged: &str,
        now: DateTime<Utc>,
    ) -> Result<Community>;
    /// Where a merged community's id now leads.
    async fn community_redirect(&self, id: &str) -> Result<Option<String>>;
}

async fn community_by_id(c: &mut impl Exec, id: &str) -> Result<Community> {
    let sql = Sql::with(
        &format!("SELECT {COMMUNITY_COLUMNS} FROM communities WHERE id = $1"),
        [id.into()],
    );
    let row = c.rows::<CommunityRow>(sql).await?.into_iter().next();
    row.ok_or_else(|| StoreError::not_found(format!("community '{id}'")))?
        .try_into()
}

async fn set_skills(c: &mut impl Exec, id: &str, skill_ids: &[String]) -> Result<()> {
    c.execute(Sql::with(
        "DELETE FROM community_skills WHERE community_id = $1",
        [id.into()],
    ))
    .await?;
    if skill_ids.is_empty() {
        return Ok(());
    }
    let mut sql = Sql::new("INSERT INTO community_skills (community_id, skill_id)");
    sql.values(skill_ids, |s| vec![id.into(), s.into()])
        .push(" ON CONFLICT DO NOTHING");
    c.execute(sql).await.map_err(missing("one of the skills"))?;
    Ok(())
}

fn name_conflict(name: &str) -> impl Fn(StoreError) -> StoreError + '_ {
    move |e| match e {
        StoreError::Conflict(_) => {
            StoreError::Conflict(format!("a community named '{name}' already exists"))
        }
        other => other,
    }
}

#[async_trait]
impl<B: Backend> CommunityStore for SqlStore<B> {
    #[tracing::instrument(skip_all)]
    async fn communities_by_ids(&self, ids: &[String]) -> Result<Vec<Community>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {COMMUNITY_COLUMNS} FROM communities WHERE id IN "
        ));
        sql.in_list(ids);
        convert(self.conn().await?.rows::<CommunityRow>(sql).await?)
    }

    #[tracing::instrument(skip_all)]
    async fn list_communities(
        &self,
        prefix: Option<&str>,
        status: Option<CommunityStatus>,
        page: &PageRequest,
    ) -> Result<Page<Community>> {
        let mut cond = Sql::new("1 = 1");
        if let Some(status) = status {
            cond.push(" AND status = ").bind(status.as_str());
        }
        if let Some(p) = prefix.map(SkillKey::of).filter(|k| !k.as_str().is_empty()) {
            cond.push(" AND name_key >= ").bind(p.as_str());
            cond.push(" AND name_key < ")
                .bind(prefix_upper_bound(p.as_str()));
        }
        let query = ListQuery {
            columns: COMMUNITY_COLUMNS,
            from: "communities",
            condition: cond,
            order: &["name_key", "id"],
            descending: false,
        };
        query
            .run::<CommunityRow, Community>(&mut self.conn().await?, page)
            .await
    }

    #[instrument(skip_all, fields(name = %community.name))]
    async fn create_community(
        &self,
        community: &Community,
        skill_ids: &[String],
    ) -> Result<Community> {
        let mut tx = self.tx().await?;
        let sql = Sql::with(
            "INSERT INTO communities (id, name, name_key, description, visibility, status, proposed_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
            [
                community.id.clone().into(),
                community.name.clone().into(),
                SkillKey::of(&community.name).into_string().into(),
                community.description.clone().into(),
                community.visibility.as_str().into(),
                community.status.as_str().into(),
                community.proposed_by.clone().into(),
                self.now().into(),
            ],
        );
        tx.execute(sql)
            .await
            .map_err(name_conflict(&community.name))?;
        if let Some(proposer) = &community.proposed_by {
            tx.execute(Sql::with(
                "INSERT INTO community_members (community_id, person_id, role, joined_at) VALUES ($1, $2, $4, $3)",
                [
                    community.id.clone().into(),
                    proposer.clone().into(),
                    self.now().into(),
                    CommunityRole::Lead.as_str().into(),
                ],
            ))
            .await
            .map_err(missing("the proposer"))?;
        }
        set_skills(&mut tx, &community.id, skill_ids).await?;
        let created = community_by_id(&mut tx, &community.id).await?;
        graph::note(&mut tx, Entity::Community, [community.id.as_str()]).await?;
        tx.commit().await?;
        Ok(created)
    }

    #[instrument(skip_all, fields(id = %community.id))]
    async fn update_community(
        &self,
        community: &Community,
        skill_ids: Option<&[String]>,
    ) -> Result<Community> {
        let mut tx = self.tx().await?;
        let sql = Sql::with(
            "UPDATE communities SET name = $2, name_key = $3, description = $4, visibility = $5, updated_at = $6 \
             WHERE id = $1",
            [
                community.id.clone().into(),
                community.name.clone().into(),
                SkillKey::of(&community.name).into_string().into(),
                community.description.clone().into(),
                community.visibility.as_str().into(),
                self.now().into(),
            ],
        );
        if tx
            .execute(sql)
            .await
            .map_err(name_conflict(&community.name))?
            == 0
        {
            return Err(StoreError::not_found(format!(
                "community '{}'",
                community.id
            )));
        }
        if let Some(skills) = skill_ids {
            set_skills(&mut tx, &community.id, skills).await?;
        }
        let updated = community_by_id(&mut tx, &community.id).await?;
        graph::note(&mut tx, Entity::Community, [community.id.as_str()]).await?;
        tx.commit().await?;
        Ok(updated)
    }

    #[tracing::instrument(skip_all)]
    async fn skills_of_communities(&self, ids: &[String]) -> Result<Vec<(String, String)>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(
            "SELECT community_id AS a, skill_id AS b FROM community_skills WHERE community_id IN ",
        );
        sql.in_list(ids);
        let rows: Vec<PairRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
    }

    #[tracing::instrument(skip_all)]
    async fn members_of_communities(&self, ids: &[String]) -> Result<Vec<Membership>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {MEMBER_COLUMNS} FROM community_members WHERE community_id IN "
        ));
        sql.in_list(ids).push(" ORDER BY joined_at, person_id");
        convert(self.conn().await?.rows::<MembershipRow>(sql).await?)
    }

    #[tracing::instrument(skip_all)]
    async fn memberships_of_people(&self, person_ids: &[String]) -> Result<Vec<Membership>> {
        if person_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {MEMBER_COLUMNS} FROM community_members WHERE person_id IN "
        ));
        sql.in_list(person_ids).push(" ORDER BY community_id");
        convert(self.conn().await?.rows::<MembershipRow>(sql).await?)
    }

    #[instrument(skip_all, fields(community = %m.community_id, person = %m.person_id))]
    async fn set_membership(&self, m: &Membership) -> Result<Membership> {
        let mut tx = self.tx().await?;
        let sql = Sql::with(
            "INSERT INTO community_members (community_id, person_id, role, joined_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (community_id, person_id) DO UPDATE SET role = excluded.role",
            [
                m.community_id.clone().into(),
                m.person_id.clone().into(),
                m.role.as_str().into(),
                m.joined_at.into(),
            ],
        );
        let before = leads(&mut tx, &m.community_id).await?;
        tx.execute(sql)
            .await
            .map_err(missing("that community or person"))?;
        still_led(&mut tx, &m.community_id, before).await?;
        let sql = Sql::with(
            &format!(
                "SELECT {MEMBER_COLUMNS} FROM community_members WHERE community_id = $1 AND person_id = $2"
            ),
            [m.community_id.clone().into(), m.person_id.clone().into()],
        );
        let row = tx.rows::<MembershipRow>(sql).await?.into_iter().next();
        let stored = row
            .ok_or_else(|| StoreError::not_found("membership"))?
            .try_into()?;
        graph::note(&mut tx, Entity::Community, [m.community_id.as_str()]).await?;
        tx.commit().await?;
        Ok(stored)
    }

    #[instrument(skip_all)]
    async fn remove_membership(&self, community_id: &str, person_id: &str) -> Result<()> {
        let mut tx = self.tx().await?;
        let sql = Sql::with(
            "DELETE FROM community_members WHERE community_id = $1 AND person_id = $2",
            [community_id.into(), person_id.into()],
        );
        let before = leads(&mut tx, community_id).await?;
        if tx.execute(sql).await? == 0 {
            return Err(StoreError::not_found("that person in that community"));
        }
        still_led(&mut tx, community_id, before).await?;
        graph::note(&mut tx, Entity::Community, [community_id]).await?;
        tx.commit().await
    }

    #[tracing::instrument(skip_all)]
    async fn set_community_status(&self, id: &str, status: CommunityStatus) -> Result<Community> {
        let mut tx = self.tx().await?;
        let n = tx
            .execute(Sql::with(
                "UPDATE communities SET status = $1, updated_at = $2 WHERE id = $3",
                [status.as_str().into(), self.now().into(), id.into()],
            ))
            .await?;
        if n == 0 {
            return Err(StoreError::not_found(format!("community '{id}'")));
        }
        let c = community_by_id(&mut tx, id).await?;
        graph::note(&mut tx, Entity::Community, [id]).await?;
        tx.commit().await?;
        Ok(c)
    }

    #[tracing::instrument(skip_all)]
    async fn merge_communities(
        &self,
        survivor: &str,
        merged: &str,
        now: DateTime<Utc>,
    ) -> Result<Community> {
        let mut tx = self.tx().await?;
        community_by_id(&mut tx, survivor).await?;
        community_by_id(&mut tx, merged).await?;
        // Members of both keep the higher role and the earlier join date.
        let roles = || CommunityRole::ORDER.iter().map(|r| r.as_str());
        tx.execute(Sql::with(
            &format!(
            "UPDATE community_members SET \
             role = (SELECT CASE WHEN {} < {} \
                     THEN m.role ELSE community_members.role END \
                     FROM community_members m WHERE m.community_id = $2 AND m.person_id = community_members.person_id), \
             joined_at = (SELECT CASE WHEN m.joined_at < community_members.joined_at \
                     THEN m.joined_at ELSE community_members.joined_at END \
                     FROM community_members m WHERE m.community_id = $2 AND m.person_id = community_members.person_id) \
             WHERE community_id = $1 AND person_id IN (SELECT person_id FROM community_members WHERE community_id = $2)",
                rank_of("m.role", roles()),
                rank_of("community_members.role", roles())
            ),
            [survivor.into(), merged.into()],
        ))
        .await?;
        tx.execute(Sql::with(
            "INSERT INTO community_members (community_id, person_id, role, joined_at) \
             SELECT $1, person_id, role, joined_at FROM community_members WHERE community_id = $2 \
             ON CONFLICT (community_id, person_id) DO NOTHING",
            [survivor.into(), merged.into()],
        ))
        .await?;
        tx.execute(Sql::with(
            "INSERT INTO community_skills (community_id, skill_id) \
             SELECT $1, skill_id FROM community_skills WHERE community_id = $2 ON CONFLICT DO NOTHING",
            [survivor.into(), merged.into()],
        ))
        .await?;
        // Pending requests move unless the person is now a member or already asked there.
        tx.execute(Sql::with(
            "UPDATE community_requests SET community_id = $1 WHERE community_id = $2 AND status = $3 \
             AND person_id NOT IN (SELECT person_id FROM community_members WHERE community_id = $1) \
             AND person_id NOT IN (SELECT person_id FROM community_requests WHERE community_id = $1 AND status = $3)",
            [
                survivor.into(),
                merged.into(),
                RequestStatus::Pending.as_str().into(),
            ],
        ))
        .await?;
        // Requests that cannot move (already a member, or asked there too) are
        // withdrawn; decided ones move as history.
        tx.execute(Sql::with(
            "UPDATE community_requests SET status = $3, decided_at = $2 WHERE community_id = $1 AND status = $4",
            [
                merged.into(),
                now.into(),
                RequestStatus::Withdrawn.as_str().into(),
                RequestStatus::Pending.as_str().into(),
            ],
        ))
        .await?;
        tx.execute(Sql::with(
            "UPDATE community_requests SET community_id = $1 WHERE community_id = $2",
            [survivor.into(), merged.into()],
        ))
        .await?;
        tx.execute(Sql::with(
            "UPDATE community_redirects SET to_id = $1 WHERE to_id = $2",
            [survivor.into(), merged.into()],
        ))
        .await?;
        tx.execute(Sql::with(
            "DELETE FROM communities WHERE id = $1",
            [merged.into()],
        ))
        .await?;
        tx.execute(Sql::with(
            "INSERT INTO community_redirects (from_id, to_id, merged_at) VALUES ($1, $2, $3)",
            [merged.into(), survivor.into(), now.into()],
        ))
        .await?;
        let c = community_by_id(&mut tx, survivor).await?;
        graph::note(&mut tx, Entity::Community, [survivor, merged]).await?;
        tx.commit().await?;
        Ok(c)
    }

    #[tracing::instrument(skip_all)]
    async fn community_redirect(&self, id: &str) -> Result<Option<String>> {
        let rows: Vec<PairRow> = self
            .conn()
            .await?
            .rows(Sql::with(
                "SELECT from_id AS a, to_id AS b FROM community_redirects WHERE from_id = $1",
                [id.into()],
            ))
            .await?;
        Ok(rows.into_iter().next().map(|r| r.b))
    }
}
