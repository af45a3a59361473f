//! Skills: the taxonomy (broader, related), aliases, and merging.

use crate::store::error::missing;
use async_trait::async_trait;
use tracing::instrument;

use crate::domain::{Skill, SkillKey};

use super::graph::{self, Entity};
use super::paging::{Keyed, ListQuery};
use super::rows::{PairRow, SkillRow, map};
use super::sql::{Sql, prefix_upper_bound};
use super::{Backend, Exec, Page, PageRequest, Result, SqlStore, StoreError};

const SKILL_COLUMNS: &str = "id, name, name_key, description, broader_id";

impl Keyed for SkillRow {
    fn key(&self) -> Vec<String> {
        vec![self.name_key.clone(), self.id.clone()]
    }
}

#[async_trait]
pub trait SkillStore {
    async fn skills_by_ids(&self, ids: &[String]) -> Result<Vec<Skill>>;
    /// One skill by id, if there is one.
    async fn skill(&self, id: &str) -> Result<Option<Skill>> {
        Ok(self
            .skills_by_ids(&[id.to_string()])
            .await?
            .into_iter()
            .next())
    }
    /// `(key, skill id)` for every given name or alias key that names a skill.
    async fn skills_by_keys(&self, keys: &[String]) -> Result<Vec<(String, String)>>;
    /// Skills whose name or an alias starts with `prefix` (case-insensitive).
    async fn list_skills(&self, prefix: Option<&str>, page: &PageRequest) -> Result<Page<Skill>>;
    async fn create_skill(
        &self,
        skill: &Skill,
        aliases: &[String],
        related_ids: &[String],
    ) -> Result<Skill>;
    /// Updates the skill; `aliases` and `related_ids` replace the current lists when given.
    async fn update_skill(
        &self,
        skill: &Skill,
        aliases: Option<&[String]>,
        related_ids: Option<&[String]>,
    ) -> Result<Skill>;
    /// Moves the name, aliases and every edge of `merged` to `survivor`, then deletes `merged`.
    async fn merge_skills(&self, survivor_id: &str, merged_id: &str) -> Result<Skill>;
    async fn aliases_of(&self, skill_ids: &[String]) -> Result<Vec<(String, String)>>;
    async fn related_of(&self, skill_ids: &[String]) -> Result<Vec<(String, String)>>;
    async fn narrower_of(&self, skill_ids: &[String]) -> Result<Vec<Skill>>;
}

async fn skill_by_id(c: &mut impl Exec, id: &str) -> Result<Skill> {
    let sql = Sql::with(
        &format!("SELECT {SKILL_COLUMNS} FROM skills WHERE id = $1"),
        [id.into()],
    );
    let row = c.rows::<SkillRow>(sql).await?.into_iter().next();
    Ok(row
        .ok_or_else(|| StoreError::not_found(format!("skill '{id}'")))?
        .into())
}

/// Refuses a broader skill that would make the taxonomy a cycle.
async fn check_broader(c: &mut impl Exec, id: &str, broader: Option<&str>) -> Result<()> {
    let mut current = broader.map(str::to_string);
    let mut steps = 0;
    while let Some(b) = current {
        if b == id {
            return Err(StoreError::Invalid(
                "a skill cannot be broader than itself, even indirectly".into(),
            ));
        }
        steps += 1;
        if steps > 64 {
            return Err(StoreError::Invalid("the broader chain is too deep".into()));
        }
        current = skill_by_id(c, &b).await?.broader_id;
    }
    Ok(())
}

/// Replaces the aliases of a skill; an alias may not be another skill's name.
async fn set_aliases(c: &mut impl Exec, skill: &Skill, aliases: &[String]) -> Result<()> {
    c.execute(Sql::with(
        "DELETE FROM skill_aliases WHERE skill_id = $1",
        [skill.id.clone().into()],
    ))
    .await?;
    let own_key = SkillKey::of(&skill.name);
    let mut seen = std::collections::BTreeMap::new();
    for alias in aliases {
        let key = SkillKey::of(alias);
        if key != own_key && !key.as_str().is_empty() {
            seen.entry(key.into_string())
                .or_insert_with(|| alias.trim().to_string());
        }
    }
    if seen.is_empty() {
        return Ok(());
    }
    let keys: Vec<String> = seen.keys().cloned().collect();
    let mut clash = Sql::new("SELECT id AS a, name AS b FROM skills WHERE id <> ");
    clash
        .bind(skill.id.as_str())
        .push(" AND name_key IN ")
        .in_list(&keys);
    if let Some(other) = c.rows::<PairRow>(clash).await?.into_iter().next() {
        return Err(StoreError::Conflict(format!(
            "an alias is already the name of the skill '{}'",
            other.b
        )));
    }
    let mut sql = Sql::new("INSERT INTO skill_aliases (alias_key, alias, skill_id)");
    sql.values(seen.iter(), |(k, a)| {
        vec![k.into(), a.into(), skill.id.clone().into()]
    });
    c.execute(sql).await.map_err(|e| match e {
        StoreError::Conflict(_) => {
            StoreError::Conflict("an alias already belongs to another skill".into())
        }
        other => other,
    })?;
    Ok(())
}

/// Adds related pairs, each stored once with the smaller id first.
async fn add_related(c: &mut impl Exec, id: &str, related: &[String]) -> Result<()> {
    let pairs: Vec<(String, String)> = related
        .iter()
        .filter(|r| r.as_str() != id)
        .map(|r| {
            if r.as_str() < id {
                (r.clone(), id.to_string())
            } else {
                (id.to_string(), r.clone())
            }
        })
        .collect();
    if pairs.is_empty() {
        return Ok(());
    }
    let mut sql = Sql::new("INSERT INTO skill_related (skill_id, related_id)");
    sql.values(pairs.iter(), |(a, b)| vec![a.into(), b.into()])
        .push(" ON CONFLICT DO NOTHING");
    c.execute(sql).await?;
    Ok(())
}

async fn name_is_free(c: &mut impl Exec, skill: &Skill) -> Result<()> {
    let sql = Sql::with(
        "SELECT skill_id AS a, alias AS b FROM skill_aliases WHERE alias_key = $1 AND skill_id <> $2",
        [
            SkillKey::of(&skill.name).into_string().into(),
            skill.id.clone().into(),
        ],
    );
    if let Some(row) = c.rows::<PairRow>(sql).await?.into_iter().next() {
        return Err(StoreError::Conflict(format!(
            "'{}' is already an alias of skill '{}'",
            row.b, row.a
        )));
    }
    Ok(())
}

#[async_trait]
impl<B: Backend> SkillStore for SqlStore<B> {
    #[tracing::instrument(skip_all)]
    async fn skills_by_ids(&self, ids: &[String]) -> Result<Vec<Skill>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!("SELECT {SKILL_COLUMNS} FROM skills WHERE id IN "));
        sql.in_list(ids);
        Ok(map::<SkillRow, Skill>(self.conn().await?.rows(sql).await?))
    }

    #[tracing::instrument(skip_all)]
    async fn skills_by_keys(&self, keys: &[String]) -> Result<Vec<(String, String)>> {
        if keys.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new("SELECT name_key AS a, id AS b FROM skills WHERE name_key IN ");
        sql.in_list(keys).push(
            " UNION SELECT alias_key AS a, skill_id AS b FROM skill_aliases WHERE alias_key IN ",
        );
        sql.in_list(keys);
        let rows: Vec<PairRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
    }

    #[instrument(skip_all)]
    async fn list_skills(&self, prefix: Option<&str>, page: &PageRequest) -> Result<Page<Skill>> {
        let mut cond = Sql::new("1 = 1");
        if let Some(p) = prefix.map(SkillKey::of).filter(|k| !k.as_str().is_empty()) {
            let (lo, hi) = (p.as_str().to_string(), prefix_upper_bound(p.as_str()));
            cond.push(" AND ((name_key >= ")
                .bind(lo.as_str())
                .push(" AND name_key < ")
                .bind(hi.as_str());
            cond.push(") OR id IN (SELECT skill_id FROM skill_aliases WHERE alias_key >= ")
                .bind(lo);
            cond.push(" AND alias_key < ").bind(hi).push("))");
        }
        let query = ListQuery {
            columns: SKILL_COLUMNS,
            from: "skills",
            condition: cond,
            order: &["name_key", "id"],
            descending: false,
        };
        query
            .run::<SkillRow, Skill>(&mut self.conn().await?, page)
            .await
    }

    #[instrument(skip_all, fields(name = %skill.name))]
    async fn create_skill(
        &self,
        skill: &Skill,
        aliases: &[String],
        related_ids: &[String],
    ) -> Result<Skill> {
        let mut tx = self.tx().await?;
        name_is_free(&mut tx, skill).await?;
        let now = self.now();
        let sql = Sql::with(
            "INSERT INTO skills (id, name, name_key, description, broader_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
            [
                skill.id.clone().into(),
                skill.name.clone().into(),
                SkillKey::of(&skill.name).into_string().into(),
                skill.description.clone().into(),
                skill.broader_id.clone().into(),
                now.into(),
            ],
        );
        tx.execute(sql).await.map_err(|e| match e {
            StoreError::Conflict(_) => {
                StoreError::Conflict(format!("a skill named '{}' already exists", skill.name))
            }
            StoreError::MissingReference(_) => StoreError::not_found("the broader skill"),
            other => other,
        })?;
        set_aliases(&mut tx, skill, aliases).await?;
        add_related(&mut tx, &skill.id, related_ids)
            .await
            .map_err(missing("a related skill"))?;
        let created = skill_by_id(&mut tx, &skill.id).await?;
        // A related pair belongs to its lower id, which may be the other skill.
        let touched =
            std::iter::once(skill.id.as_str()).chain(related_ids.iter().map(String::as_str));
        graph::note(&mut tx, Entity::Skill, touched).await?;
        tx.commit().await?;
        Ok(created)
    }

    #[instrument(skip_all, fields(id = %skill.id))]
    async fn update_skill(
        &self,
        skill: &Skill,
        aliases: Option<&[String]>,
        related_ids: Option<&[String]>,
    ) -> Result<Skill> {
        let mut tx = self.tx().await?;
        name_is_free(&mut tx, skill).await?;
        check_broader(&mut tx, &skill.id, skill.broader_id.as_deref()).await?;
        let sql = Sql::with(
            "UPDATE skills SET name = $2, name_key = $3, description = $4, broader_id = $5, updated_at = $6 \
             WHERE id = $1",
            [
                skill.id.clone().into(),
                skill.name.clone().into(),
                SkillKey::of(&skill.name).into_string().into(),
                skill.description.clone().into(),
                skill.broader_id.clone().into(),
                self.now().into(),
            ],
        );
        let changed = tx.execute(sql).await.map_err(|e| match e {
            StoreError::Conflict(_) => {
                StoreError::Conflict(format!("a skill named '{}' already exists", skill.name))
            }
            other => other,
        })?;
        if changed == 0 {
            return Err(StoreError::not_found(format!("skill '{}'", skill.id)));
        }
        if let Some(aliases) = aliases {
            set_aliases(&mut tx, skill, aliases).await?;
        }
        if let Some(related) = related_ids {
            graph::note_selected(
                &mut tx,
                Entity::Skill,
                "SELECT skill_id AS id FROM skill_related WHERE related_id = $1",
                vec![skill.id.clone().into()],
            )
            .await?;
            graph::note(&mut tx, Entity::Skill, related.iter().map(String::as_str)).await?;
            let del = Sql::with(
                "DELETE FROM skill_related WHERE skill_id = $1 OR related_id = $1",
                [skill.id.clone().into()],
            );
            tx.execute(del).await?;
            add_related(&mut tx, &skill.id, related).await?;
        }
        let updated = skill_by_id(&mut tx, &skill.id).await?;
        graph::note(&mut tx, Entity::Skill, [skill.id.as_str()]).await?;
        tx.commit().await?;
        Ok(updated)
    }

    #[instrument(skip_all, fields(survivor = survivor_id, merged = merged_id))]
    async fn merge_skills(&self, survivor_id: &str, merged_id: &str) -> Result<Skill> {
        if survivor_id == merged_id {
            return Err(StoreError::Invalid(
                "a skill cannot be merged into itself".into(),
            ));
        }
        let mut tx = self.tx().await?;
        let survivor = skill_by_id(&mut tx, survivor_id).await?;
        let merged = skill_by_id(&mut tx, merged_id).await?;
        let (s, m) = (survivor.id.as_str(), merged.id.as_str());
        let both = || [s.into(), m.into()];

        // Everything that links to the merged skill is refreshed in the graph.
        for (entity, select) in [
            (
                Entity::Person,
                "SELECT person_id AS id FROM person_skills WHERE skill_id = $1",
            ),
            (
                Entity::Community,
                "SELECT community_id AS id FROM community_skills WHERE skill_id = $1",
            ),
            (
                Entity::Evidence,
                "SELECT evidence_id AS id FROM evidence_tags WHERE skill_id = $1",
            ),
            (Entity::Skill, "SELECT id FROM skills WHERE broader_id = $1"),
            (
                Entity::Skill,
                "SELECT skill_id AS id FROM skill_related WHERE related_id = $1",
            ),
            (
                Entity::Skill,
                "SELECT related_id AS id FROM skill_related WHERE skill_id = $1",
            ),
        ] {
            graph::note_selected(&mut tx, entity, select, vec![m.into()]).await?;
        }
        graph::note(&mut tx, Entity::Skill, [s, m]).await?;

        // The merged skill's name and aliases now point to the survivor.
        tx.execute(Sql::with(
            "UPDATE skill_aliases SET skill_id = $1 WHERE skill_id = $2",
            both(),
        ))
        .await?;
        // Its name becomes an alias (after the row is gone, below).

        // People keep the higher level; endorsements follow.
        tx.execute(Sql::with(
            "INSERT INTO person_skills (person_id, skill_id, level, source, last_used, updated_at) \
             SELECT person_id, $1, level, source, last_used, updated_at FROM person_skills WHERE skill_id = $2 \
             AND true ON CONFLICT (person_id, skill_id) DO UPDATE SET level = CASE \
             WHEN excluded.level > person_skills.level THEN excluded.level ELSE person_skills.level END",
            both(),
        ))
        .await?;
        tx.execute(Sql::with(
            "INSERT INTO endorsements (person_id, skill_id, endorser_id, created_at) \
             SELECT person_id, $1, endorser_id, created_at FROM endorsements WHERE skill_id = $2 \
             AND true ON CONFLICT DO NOTHING",
            both(),
        ))
        .await?;
        for table in [
            "community_skills (community_id",
            "evidence_tags (evidence_id",
        ] {
            let (name, owner) = table.split_once(" (").unwrap_or((table, ""));
            tx.execute(Sql::with(
                &format!(
                    "INSERT INTO {name} ({owner}, skill_id) SELECT {owner}, $1 FROM {name} WHERE skill_id = $2 \
                     AND true ON CONFLICT DO NOTHING"
                ),
                both(),
            ))
            .await?;
        }
        let related: Vec<PairRow> = tx
            .rows(Sql::with(
                "SELECT skill_id AS a, related_id AS b FROM skill_related WHERE skill_id = $1 OR related_id = $1",
                [m.into()],
            ))
            .await?;
        let others: Vec<String> = related
            .into_iter()
            .map(|r| if r.a == m { r.b } else { r.a })
            .filter(|o| o != s)
            .collect();
        add_related(&mut tx, s, &others).await?;
        tx.execute(Sql::with(
            "UPDATE skills SET broader_id = $1 WHERE broader_id = $2 AND id <> $1",
            both(),
        ))
        .await?;
        tx.execute(Sql::with(
            "UPDATE skills SET broader_id = NULL WHERE id = $1 AND broader_id = $2",
            both(),
        ))
        .await?;
        tx.execute(Sql::with("DELETE FROM skills WHERE id = $1", [m.into()]))
            .await?;
        tx.execute(Sql::with(
            "INSERT INTO skill_aliases (alias_key, alias, skill_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            [SkillKey::of(&merged.name).into_string().into(), merged.name.clone().into(), s.into()],
        ))
        .await?;
        tx.execute(Sql::with(
            "UPDATE skills SET updated_at = $2 WHERE id = $1",
            [s.into(), self.now().into()],
        ))
        .await?;
        let result = skill_by_id(&mut tx, s).await?;
        tx.commit().await?;
        Ok(result)
    }

    #[tracing::instrument(skip_all)]
    async fn aliases_of(&self, skill_ids: &[String]) -> Result<Vec<(String, String)>> {
        if skill_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql =
            Sql::new("SELECT skill_id AS a, alias AS b FROM skill_aliases WHERE skill_id IN ");
        sql.in_list(skill_ids).push(" ORDER BY alias_key");
        let rows: Vec<PairRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
    }

    #[tracing::instrument(skip_all)]
    async fn related_of(&self, skill_ids: &[String]) -> Result<Vec<(String, String)>> {
        if skill_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql =
            Sql::new("SELECT skill_id AS a, related_id AS b FROM skill_related WHERE skill_id IN ");
        sql.in_list(skill_ids);
        sql.push(
            " UNION SELECT related_id AS a, skill_id AS b FROM skill_related WHERE related_id IN ",
        );
        sql.in_list(skill_ids);
        let rows: Vec<PairRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
    }

    #[tracing::instrument(skip_all)]
    async fn narrower_of(&self, skill_ids: &[String]) -> Result<Vec<Skill>> {
        if skill_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {SKILL_COLUMNS} FROM skills WHERE broader_id IN "
        ));
        sql.in_list(skill_ids).push(" ORDER BY name_key");
        Ok(map::<SkillRow, Skill>(self.conn().await?.rows(sql).await?))
    }
}
