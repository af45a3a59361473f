//! Communities of practice: their skills and members.

use async_trait::async_trait;
use chrono::Utc;
use tracing::instrument;

use crate::domain::{Community, Membership, SkillKey};

use super::community_requests::{leads, still_led};
use super::graph::{self, Entity};
use super::paging::{Keyed, ListQuery};
use super::rows::{CommunityRow, MembershipRow, PairRow, convert};
use super::sql::{Sql, prefix_upper_bound};
use super::{Backend, Exec, Page, PageRequest, Result, SqlStore, StoreError};

const COMMUNITY_COLUMNS: &str = "id, name, name_key, description, visibility";
const MEMBER_COLUMNS: &str = "community_id, person_id, role, joined_at";

impl Keyed for CommunityRow {
    fn key(&self) -> Vec<String> {
        vec![self.name_key.clone(), self.id.clone()]
    }
}

#[async_trait]
pub trait CommunityStore {
    async fn communities_by_ids(&self, ids: &[String]) -> Result<Vec<Community>>;
    async fn list_communities(
        &self,
        prefix: Option<&str>,
        page: &PageRequest,
    ) -> Result<Page<Community>>;
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
    c.execute(sql).await.map_err(|e| match e {
        StoreError::Invalid(_) => StoreError::not_found("one of the skills"),
        other => other,
    })?;
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

    async fn list_communities(
        &self,
        prefix: Option<&str>,
        page: &PageRequest,
    ) -> Result<Page<Community>> {
        let mut cond = Sql::new("1 = 1");
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
            "INSERT INTO communities (id, name, name_key, description, visibility, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
            [
                community.id.clone().into(),
                community.name.clone().into(),
                SkillKey::of(&community.name).into_string().into(),
                community.description.clone().into(),
                community.visibility.as_str().into(),
                Utc::now().into(),
            ],
        );
        tx.execute(sql)
            .await
            .map_err(name_conflict(&community.name))?;
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
                Utc::now().into(),
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
        tx.execute(sql).await.map_err(|e| match e {
            StoreError::Invalid(_) => StoreError::not_found("that community or person"),
            other => other,
        })?;
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
}
