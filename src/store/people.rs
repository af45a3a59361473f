//! People, offices, person skills and endorsements.

use async_trait::async_trait;
use tracing::instrument;

use crate::domain::{
    AuditEvent, Endorsement, Office, Person, PersonSkill, PersonStatus, normalise_text,
};

use super::graph::{self, Entity};
use super::paging::{Keyed, ListQuery};
use super::rows::{
    EndorsementRow, KeyCountRow, OfficeRow, PersonRow, PersonSkillRow, convert, map,
};
use super::sql::{Sql, prefix_upper_bound, word};
use super::{Backend, Exec, Page, PageRequest, Result, SqlStore, StoreError};

pub(super) const PERSON_COLUMNS: &str = "id, name, name_key, email, title, org_unit, office_id, country, timezone, \
     manager_id, status, leaving_on, discoverable, created_at, updated_at";
const OFFICE_COLUMNS: &str = "id, name, country, timezone";
/// The most holders listed per skill; `Skill.holderCount` gives the total.
pub const MAX_HOLDERS: usize = 100;
const PERSON_SKILL_COLUMNS: &str = "person_id, skill_id, level, source, last_used";

impl Keyed for PersonRow {
    fn key(&self) -> Vec<String> {
        vec![self.name_key.clone(), self.id.clone()]
    }
}

/// Which people a list shows.
#[derive(Debug, Clone, Default)]
pub struct PeopleFilter {
    pub office_id: Option<String>,
    pub country: Option<String>,
    pub skill_id: Option<String>,
    pub status: Option<PersonStatus>,
    pub name_prefix: Option<String>,
    pub manager_id: Option<String>,
    /// Only contacts (not LEFT, not opted out of search), and this one (the viewer).
    pub contacts_or: Option<Option<String>>,
    /// Leave out people who left.
    pub hide_left: bool,
}

#[async_trait]
pub trait PeopleStore {
    async fn people_by_ids(&self, ids: &[String]) -> Result<Vec<Person>>;
    /// One person by id, if there is one.
    async fn person(&self, id: &str) -> Result<Option<Person>> {
        Ok(self
            .people_by_ids(&[id.to_string()])
            .await?
            .into_iter()
            .next())
    }
    async fn list_people(&self, filter: &PeopleFilter, page: &PageRequest) -> Result<Page<Person>>;
    async fn create_person(&self, person: &Person) -> Result<Person>;
    /// Saves `person`; `audit`, when given, is appended in the same transaction.
    async fn update_person(&self, person: &Person, audit: Option<&AuditEvent>) -> Result<Person>;

    async fn offices(&self) -> Result<Vec<Office>>;
    async fn offices_by_ids(&self, ids: &[String]) -> Result<Vec<Office>>;
    /// One office by id, if there is one.
    async fn office(&self, id: &str) -> Result<Option<Office>> {
        Ok(self
            .offices_by_ids(&[id.to_string()])
            .await?
            .into_iter()
            .next())
    }
    async fn create_office(&self, office: &Office) -> Result<Office>;
    async fn update_office(&self, office: &Office) -> Result<Office>;
    /// People per office id.
    async fn office_headcounts(&self, ids: &[String]) -> Result<Vec<(String, i64)>>;

    async fn skills_of_people(&self, person_ids: &[String]) -> Result<Vec<PersonSkill>>;
    /// The strongest holders of each skill, at most [`MAX_HOLDERS`] per skill.
    async fn holders_of_skills(&self, skill_ids: &[String]) -> Result<Vec<PersonSkill>>;
    /// `(skill id, number of holders)`.
    async fn holder_counts(&self, skill_ids: &[String]) -> Result<Vec<(String, i64)>>;
    /// Adds the skill or changes its level, source and last use.
    async fn set_person_skill(&self, skill: &PersonSkill) -> Result<PersonSkill>;
    async fn remove_person_skill(&self, person_id: &str, skill_id: &str) -> Result<()>;

    async fn endorse(&self, endorsement: &Endorsement) -> Result<Endorsement>;
    /// Takes back `endorser_id`'s endorsement of the person's skill
    /// (`NOT_FOUND` when there is none).
    async fn withdraw_endorsement(
        &self,
        person_id: &str,
        skill_id: &str,
        endorser_id: &str,
    ) -> Result<()>;
    async fn endorsements_of_people(&self, person_ids: &[String]) -> Result<Vec<Endorsement>>;
}

pub(super) fn person_args(p: &Person) -> Vec<super::sql::Arg> {
    vec![
        p.id.clone().into(),
        p.name.clone().into(),
        normalise_text(&p.name).into(),
        p.email.clone().into(),
        p.title.clone().into(),
        p.org_unit.clone().into(),
        p.office_id.clone().into(),
        p.country.clone().into(),
        p.timezone.clone().into(),
        p.manager_id.clone().into(),
        p.status.as_str().into(),
        p.leaving_on.into(),
        p.discoverable.into(),
        p.created_at.into(),
        p.updated_at.into(),
    ]
}

fn office_conflict(name: &str) -> impl Fn(StoreError) -> StoreError + '_ {
    move |e| match e {
        StoreError::Conflict(_) => {
            StoreError::Conflict(format!("an office named '{name}' already exists"))
        }
        other => other,
    }
}

/// Writes every field of `person` but when they were created.
pub(super) async fn update_person_row(c: &mut impl Exec, person: &Person) -> Result<()> {
    let sql = Sql::with(
        "UPDATE people SET name = $2, name_key = $3, email = $4, title = $5, org_unit = $6, office_id = $7, \
         country = $8, timezone = $9, manager_id = $10, status = $11, leaving_on = $12, discoverable = $13, \
         updated_at = $14 WHERE id = $1",
        {
            let mut args = person_args(person);
            args.remove(13); // created_at never changes
            args
        },
    );
    if c.execute(sql).await? == 0 {
        return Err(StoreError::not_found(format!("person '{}'", person.id)));
    }
    Ok(())
}

pub(super) async fn person_by_id(c: &mut impl Exec, id: &str) -> Result<Person> {
    let sql = Sql::with(
        &format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = $1"),
        [id.into()],
    );
    let row = c.rows::<PersonRow>(sql).await?.into_iter().next();
    row.ok_or_else(|| StoreError::not_found(format!("person '{id}'")))?
        .try_into()
}

#[async_trait]
impl<B: Backend> PeopleStore for SqlStore<B> {
    #[instrument(skip_all, fields(n = ids.len()))]
    async fn people_by_ids(&self, ids: &[String]) -> Result<Vec<Person>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!("SELECT {PERSON_COLUMNS} FROM people WHERE id IN "));
        sql.in_list(ids);
        convert(self.conn().await?.rows::<PersonRow>(sql).await?)
    }

    #[instrument(skip_all)]
    async fn list_people(&self, filter: &PeopleFilter, page: &PageRequest) -> Result<Page<Person>> {
        let mut cond = Sql::new("1 = 1");
        if let Some(v) = &filter.office_id {
            cond.push(" AND office_id = ").bind(v);
        }
        if let Some(v) = &filter.country {
            cond.push(" AND country = ").bind(v);
        }
        if let Some(v) = &filter.status {
            cond.push(" AND status = ").bind(v.as_str());
        }
        if let Some(v) = &filter.manager_id {
            cond.push(" AND manager_id = ").bind(v);
        }
        let left = PersonStatus::Left.as_str();
        if filter.hide_left {
            cond.push(" AND status <> ").bind(left);
        }
        if let Some(me) = &filter.contacts_or {
            cond.push(" AND ((discoverable = ").bind(true);
            cond.push(" AND status <> ").bind(left).push(")");
            if let Some(me) = me {
                cond.push(" OR id = ").bind(me);
            }
            cond.push(")");
        }
        if let Some(v) = &filter.name_prefix {
            let key = normalise_text(v);
            cond.push(" AND name_key >= ").bind(key.as_str());
            cond.push(" AND name_key < ").bind(prefix_upper_bound(&key));
        }
        if let Some(v) = &filter.skill_id {
            cond.push(" AND EXISTS (SELECT 1 FROM person_skills ps WHERE ps.person_id = people.id AND ps.skill_id = ")
                .bind(v)
                .push(")");
        }
        let query = ListQuery {
            columns: PERSON_COLUMNS,
            from: "people",
            condition: cond,
            order: &["name_key", "id"],
            descending: false,
        };
        query
            .run::<PersonRow, Person>(&mut self.conn().await?, page)
            .await
    }

    #[instrument(skip_all, fields(id = %person.id))]
    async fn create_person(&self, person: &Person) -> Result<Person> {
        let mut tx = self.tx().await?;
        let mut sql = Sql::new(&format!("INSERT INTO people ({PERSON_COLUMNS})"));
        sql.values([person], person_args);
        tx.execute(sql).await?;
        let created = person_by_id(&mut tx, &person.id).await?;
        graph::note(&mut tx, Entity::Person, [person.id.as_str()]).await?;
        tx.commit().await?;
        Ok(created)
    }

    #[instrument(skip_all, fields(id = %person.id))]
    async fn update_person(&self, person: &Person, audit: Option<&AuditEvent>) -> Result<Person> {
        let mut tx = self.tx().await?;
        update_person_row(&mut tx, person).await?;
        let updated = person_by_id(&mut tx, &person.id).await?;
        graph::note(&mut tx, Entity::Person, [person.id.as_str()]).await?;
        if let Some(event) = audit {
            super::security::append_audit(&mut tx, self.audit_key.as_ref(), event).await?;
        }
        tx.commit().await?;
        Ok(updated)
    }

    #[tracing::instrument(skip_all)]
    async fn offices(&self) -> Result<Vec<Office>> {
        let sql = Sql::new(&format!(
            "SELECT {OFFICE_COLUMNS} FROM offices ORDER BY name_key"
        ));
        Ok(map::<OfficeRow, Office>(
            self.conn().await?.rows(sql).await?,
        ))
    }

    #[tracing::instrument(skip_all)]
    async fn offices_by_ids(&self, ids: &[String]) -> Result<Vec<Office>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {OFFICE_COLUMNS} FROM offices WHERE id IN "
        ));
        sql.in_list(ids);
        Ok(map::<OfficeRow, Office>(
            self.conn().await?.rows(sql).await?,
        ))
    }

    #[instrument(skip_all, fields(name = %office.name))]
    async fn create_office(&self, office: &Office) -> Result<Office> {
        let mut tx = self.tx().await?;
        let sql = Sql::with(
            "INSERT INTO offices (id, name, name_key, country, timezone, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
            [
                office.id.clone().into(),
                office.name.clone().into(),
                normalise_text(&office.name).into(),
                office.country.clone().into(),
                office.timezone.clone().into(),
                self.now().into(),
            ],
        );
        tx.execute(sql)
            .await
            .map_err(office_conflict(&office.name))?;
        tx.commit().await?;
        Ok(office.clone())
    }

    #[instrument(skip_all, fields(id = %office.id))]
    async fn update_office(&self, office: &Office) -> Result<Office> {
        let mut tx = self.tx().await?;
        let sql = Sql::with(
            "UPDATE offices SET name = $2, name_key = $3, country = $4, timezone = $5, updated_at = $6 WHERE id = $1",
            [
                office.id.clone().into(),
                office.name.clone().into(),
                normalise_text(&office.name).into(),
                office.country.clone().into(),
                office.timezone.clone().into(),
                self.now().into(),
            ],
        );
        if tx
            .execute(sql)
            .await
            .map_err(office_conflict(&office.name))?
            == 0
        {
            return Err(StoreError::not_found(format!("office '{}'", office.id)));
        }
        // People show their office's name.
        graph::note_selected(
            &mut tx,
            Entity::Person,
            "SELECT id FROM people WHERE office_id = $1",
            vec![office.id.clone().into()],
        )
        .await?;
        tx.commit().await?;
        Ok(office.clone())
    }

    #[tracing::instrument(skip_all)]
    async fn office_headcounts(&self, ids: &[String]) -> Result<Vec<(String, i64)>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT office_id AS a, COUNT(*) AS n FROM people WHERE status <> {} AND office_id IN ",
            word(PersonStatus::Left.as_str())
        ));
        sql.in_list(ids).push(" GROUP BY office_id");
        let rows: Vec<KeyCountRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.n)).collect())
    }

    #[tracing::instrument(skip_all)]
    async fn skills_of_people(&self, person_ids: &[String]) -> Result<Vec<PersonSkill>> {
        if person_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {PERSON_SKILL_COLUMNS} FROM person_skills WHERE person_id IN "
        ));
        sql.in_list(person_ids)
            .push(" ORDER BY level DESC, skill_id");
        convert(self.conn().await?.rows::<PersonSkillRow>(sql).await?)
    }

    #[tracing::instrument(skip_all)]
    async fn holders_of_skills(&self, skill_ids: &[String]) -> Result<Vec<PersonSkill>> {
        if skill_ids.is_empty() {
            return Ok(vec![]);
        }
        // A popular skill has thousands of holders; a page shows the first few.
        let mut sql = Sql::new(&format!(
            "SELECT {PERSON_SKILL_COLUMNS} FROM (SELECT {PERSON_SKILL_COLUMNS}, ROW_NUMBER() OVER \
             (PARTITION BY skill_id ORDER BY level DESC, person_id) AS n FROM person_skills WHERE skill_id IN "
        ));
        sql.in_list(skill_ids).push(&format!(
            ") ranked WHERE n <= {MAX_HOLDERS} ORDER BY skill_id, n"
        ));
        convert(self.conn().await?.rows::<PersonSkillRow>(sql).await?)
    }

    #[tracing::instrument(skip_all)]
    async fn holder_counts(&self, skill_ids: &[String]) -> Result<Vec<(String, i64)>> {
        if skill_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql =
            Sql::new("SELECT skill_id AS a, COUNT(*) AS n FROM person_skills WHERE skill_id IN ");
        sql.in_list(skill_ids).push(" GROUP BY skill_id");
        let rows: Vec<KeyCountRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.n)).collect())
    }

    #[instrument(skip_all, fields(person = %skill.person_id, skill = %skill.skill_id))]
    async fn set_person_skill(&self, skill: &PersonSkill) -> Result<PersonSkill> {
        let mut tx = self.tx().await?;
        let sql = Sql::with(
            "INSERT INTO person_skills (person_id, skill_id, level, source, last_used, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (person_id, skill_id) DO UPDATE SET \
             level = excluded.level, source = excluded.source, last_used = excluded.last_used, \
             updated_at = excluded.updated_at",
            [
                skill.person_id.clone().into(),
                skill.skill_id.clone().into(),
                i64::from(skill.level.get()).into(),
                skill.source.as_str().into(),
                skill.last_used.into(),
                self.now().into(),
            ],
        );
        tx.execute(sql).await?;
        graph::note(&mut tx, Entity::Person, [skill.person_id.as_str()]).await?;
        tx.commit().await?;
        Ok(skill.clone())
    }

    #[instrument(skip_all)]
    async fn remove_person_skill(&self, person_id: &str, skill_id: &str) -> Result<()> {
        let mut tx = self.tx().await?;
        let sql = Sql::with(
            "DELETE FROM person_skills WHERE person_id = $1 AND skill_id = $2",
            [person_id.into(), skill_id.into()],
        );
        if tx.execute(sql).await? == 0 {
            return Err(StoreError::not_found("that skill on that person"));
        }
        graph::note(&mut tx, Entity::Person, [person_id]).await?;
        tx.commit().await
    }

    #[instrument(skip_all)]
    async fn endorse(&self, e: &Endorsement) -> Result<Endorsement> {
        let mut tx = self.tx().await?;
        let sql = Sql::with(
            "INSERT INTO endorsements (person_id, skill_id, endorser_id, created_at) VALUES ($1, $2, $3, $4)",
            [
                e.person_id.clone().into(),
                e.skill_id.clone().into(),
                e.endorser_id.clone().into(),
                e.created_at.into(),
            ],
        );
        tx.execute(sql).await.map_err(|err| match err {
            StoreError::Conflict(_) => {
                StoreError::Conflict("you have already endorsed this skill".into())
            }
            StoreError::MissingReference(_) => StoreError::not_found("that skill on that person"),
            other => other,
        })?;
        graph::note(&mut tx, Entity::Person, [e.person_id.as_str()]).await?;
        tx.commit().await?;
        Ok(e.clone())
    }

    #[instrument(skip_all)]
    async fn withdraw_endorsement(
        &self,
        person_id: &str,
        skill_id: &str,
        endorser_id: &str,
    ) -> Result<()> {
        let mut tx = self.tx().await?;
        let n = tx
            .execute(Sql::with(
                "DELETE FROM endorsements WHERE person_id = $1 AND skill_id = $2 AND endorser_id = $3",
                [person_id.into(), skill_id.into(), endorser_id.into()],
            ))
            .await?;
        if n == 0 {
            return Err(StoreError::not_found("that endorsement"));
        }
        graph::note(&mut tx, Entity::Person, [person_id]).await?;
        tx.commit().await
    }

    #[tracing::instrument(skip_all)]
    async fn endorsements_of_people(&self, person_ids: &[String]) -> Result<Vec<Endorsement>> {
        if person_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(
            "SELECT person_id, skill_id, endorser_id, created_at FROM endorsements WHERE person_id IN ",
        );
        sql.in_list(person_ids).push(" ORDER BY created_at");
        Ok(map::<EndorsementRow, Endorsement>(
            self.conn().await?.rows(sql).await?,
        ))
    }
}
