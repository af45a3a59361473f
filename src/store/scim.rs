//! SCIM accounts (`scim_users`): the user name and ids an identity provider
//! gives the people it provisions. A provisioned person and their account
//! are written together, with the audit entry, in one transaction.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tracing::instrument;

use crate::domain::scim::user_name_key;
use crate::domain::{AuditEvent, Person, PersonStatus, ScimAccount};

use super::graph::{self, Entity};
use super::people::{PERSON_COLUMNS, person_args, person_by_id};
use super::rows::CountRow;
use super::rows::IdRow;
use super::sql::Sql;
use super::{Backend, Exec, Result, SqlStore};

const ACCOUNT_COLUMNS: &str = "person_id, user_name, external_id, display_name, given_name, \
     family_name, employee_number, removed_at, created_at, updated_at";

#[derive(sqlx::FromRow)]
struct AccountRow {
    person_id: String,
    user_name: String,
    external_id: Option<String>,
    display_name: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
    employee_number: Option<String>,
    removed_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<AccountRow> for ScimAccount {
    fn from(r: AccountRow) -> Self {
        ScimAccount {
            person_id: r.person_id,
            user_name: r.user_name,
            external_id: r.external_id,
            display_name: r.display_name,
            given_name: r.given_name,
            family_name: r.family_name,
            employee_number: r.employee_number,
            removed_at: r.removed_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// Who a user name names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserNameOwner {
    /// A person with this SCIM account (perhaps removed).
    Account { person_id: String, removed: bool },
    /// A person not provisioned yet whose e-mail address is this user name
    /// (imported from a file, say): the provider may take them over.
    Email(String),
}

/// Someone here, not LEFT and not provisioned, whose e-mail address is
/// `email` (compared without case).
async fn unprovisioned_by_email(c: &mut impl Exec, email: &str) -> Result<Option<String>> {
    let mut sql = Sql::new("SELECT id FROM people WHERE LOWER(email) = ");
    sql.bind(email.trim().to_lowercase())
        .push(" AND status <> ")
        .bind(PersonStatus::Left.as_str())
        .push(" AND NOT EXISTS (SELECT 1 FROM scim_users s WHERE s.person_id = people.id) ORDER BY id LIMIT 1");
    Ok(c.rows::<IdRow>(sql).await?.into_iter().next().map(|r| r.id))
}

#[async_trait]
pub trait ScimStore {
    /// The SCIM accounts of those of `person_ids` who have one.
    async fn scim_accounts(&self, person_ids: &[String]) -> Result<Vec<ScimAccount>>;
    /// Who `user_name` names: an account's user name, else the e-mail
    /// address of someone here (not LEFT) with no account.
    async fn scim_user_name_owner(&self, user_name: &str) -> Result<Option<UserNameOwner>>;
    /// Someone here, not LEFT and not provisioned yet, with this e-mail
    /// address (without regard to case): whom the provider takes over.
    async fn scim_unprovisioned_by_email(&self, email: &str) -> Result<Option<String>>;
    /// Frees the user name of a removed account (a different person now
    /// holds it at the provider).
    async fn scim_release_user_name(&self, person_id: &str) -> Result<()>;
    /// People whose account has this external id (not removed), by id.
    async fn scim_by_external_id(&self, external_id: &str) -> Result<Vec<String>>;
    /// People SCIM shows (everyone it has not removed) in id order: how many
    /// there are, and the ids of `limit` of them from `offset`.
    async fn scim_people(&self, offset: i64, limit: i64) -> Result<(i64, Vec<String>)>;
    /// Creates (`create`) or updates the person and saves their account,
    /// audited, in one transaction; the graph hears of the person. An update
    /// writes only the fields the provider manages. `release_email_of`: a
    /// LEFT person whose e-mail address the saved person now has.
    async fn save_scim(
        &self,
        person: &Person,
        account: &ScimAccount,
        create: bool,
        release_email_of: Option<&str>,
        audit: &AuditEvent,
    ) -> Result<Person>;
}

#[async_trait]
impl<B: Backend> ScimStore for SqlStore<B> {
    #[instrument(skip_all, fields(n = person_ids.len()))]
    async fn scim_accounts(&self, person_ids: &[String]) -> Result<Vec<ScimAccount>> {
        if person_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM scim_users WHERE person_id IN "
        ));
        sql.in_list(person_ids);
        let rows: Vec<AccountRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    #[instrument(skip_all)]
    async fn scim_user_name_owner(&self, user_name: &str) -> Result<Option<UserNameOwner>> {
        let mut conn = self.conn().await?;
        let sql = Sql::with(
            &format!("SELECT {ACCOUNT_COLUMNS} FROM scim_users WHERE user_name_key = $1"),
            [user_name_key(user_name).into()],
        );
        if let Some(row) = conn.rows::<AccountRow>(sql).await?.into_iter().next() {
            return Ok(Some(UserNameOwner::Account {
                person_id: row.person_id,
                removed: row.removed_at.is_some(),
            }));
        }
        let found = unprovisioned_by_email(&mut conn, user_name).await?;
        Ok(found.map(UserNameOwner::Email))
    }

    #[instrument(skip_all)]
    async fn scim_unprovisioned_by_email(&self, email: &str) -> Result<Option<String>> {
        unprovisioned_by_email(&mut self.conn().await?, email).await
    }

    #[instrument(skip_all)]
    async fn scim_release_user_name(&self, person_id: &str) -> Result<()> {
        let sql = Sql::with(
            "UPDATE scim_users SET user_name_key = $2 WHERE person_id = $1 AND removed_at IS NOT NULL",
            [person_id.into(), format!("released:{person_id}").into()],
        );
        self.conn().await?.execute(sql).await?;
        Ok(())
    }

    #[instrument(skip_all)]
    async fn scim_by_external_id(&self, external_id: &str) -> Result<Vec<String>> {
        let sql = Sql::with(
            "SELECT person_id AS id FROM scim_users WHERE external_id = $1 AND removed_at IS NULL \
             ORDER BY person_id",
            [external_id.into()],
        );
        let rows = self.conn().await?.rows::<IdRow>(sql).await?;
        Ok(rows.into_iter().map(|r| r.id).collect())
    }

    #[instrument(skip_all)]
    async fn scim_people(&self, offset: i64, limit: i64) -> Result<(i64, Vec<String>)> {
        const SHOWN: &str = "FROM people p LEFT JOIN scim_users s ON s.person_id = p.id \
             WHERE s.removed_at IS NULL";
        let mut conn = self.conn().await?;
        let total = conn
            .rows::<CountRow>(Sql::new(&format!("SELECT COUNT(*) AS n {SHOWN}")))
            .await?
            .first()
            .map_or(0, |r| r.n);
        let sql = Sql::with(
            &format!("SELECT p.id AS id {SHOWN} ORDER BY p.id LIMIT $1 OFFSET $2"),
            [limit.into(), offset.into()],
        );
        let ids = conn.rows::<IdRow>(sql).await?.into_iter().map(|r| r.id);
        Ok((total, ids.collect()))
    }

    #[instrument(skip_all, fields(id = %person.id))]
    async fn save_scim(
        &self,
        person: &Person,
        account: &ScimAccount,
        create: bool,
        release_email_of: Option<&str>,
        audit: &AuditEvent,
    ) -> Result<Person> {
        let mut tx = self.tx().await?;
        if let Some(other) = release_email_of {
            // A LEFT person's address, given to someone new: theirs is cleared.
            tx.execute(Sql::with(
                "UPDATE people SET email = NULL WHERE id = $1",
                [other.into()],
            ))
            .await?;
            graph::note(&mut tx, Entity::Person, [other]).await?;
        }
        if create {
            let mut sql = Sql::new(&format!("INSERT INTO people ({PERSON_COLUMNS})"));
            sql.values([person], person_args);
            tx.execute(sql).await?;
        } else {
            // Only what the provider manages: an opt-out, an office or a
            // profile changed meanwhile stays.
            let p = person;
            let sql = Sql::with(
                "UPDATE people SET name = $2, name_key = $3, email = $4, title = $5, org_unit = $6, \
                 manager_id = $7, timezone = $8, country = $9, status = $10, leaving_on = $11, updated_at = $12 \
                 WHERE id = $1",
                [
                    p.id.clone().into(),
                    p.name.clone().into(),
                    crate::domain::normalise_text(&p.name).into(),
                    p.email.clone().into(),
                    p.title.clone().into(),
                    p.org_unit.clone().into(),
                    p.manager_id.clone().into(),
                    p.timezone.clone().into(),
                    p.country.clone().into(),
                    p.status.as_str().into(),
                    p.leaving_on.into(),
                    p.updated_at.into(),
                ],
            );
            if tx.execute(sql).await? == 0 {
                return Err(super::StoreError::not_found(format!("person '{}'", p.id)));
            }
        }
        let a = account;
        let sql = Sql::with(
            &format!(
                "INSERT INTO scim_users ({ACCOUNT_COLUMNS}, user_name_key) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                 ON CONFLICT (person_id) DO UPDATE SET user_name = excluded.user_name, \
                 user_name_key = excluded.user_name_key, external_id = excluded.external_id, \
                 display_name = excluded.display_name, given_name = excluded.given_name, family_name = excluded.family_name, \
                 employee_number = excluded.employee_number, removed_at = excluded.removed_at, \
                 updated_at = excluded.updated_at"
            ),
            [
                a.person_id.clone().into(),
                a.user_name.clone().into(),
                a.external_id.clone().into(),
                a.display_name.clone().into(),
                a.given_name.clone().into(),
                a.family_name.clone().into(),
                a.employee_number.clone().into(),
                a.removed_at.into(),
                a.created_at.into(),
                a.updated_at.into(),
                user_name_key(&a.user_name).into(),
            ],
        );
        tx.execute(sql).await?;
        let saved = person_by_id(&mut tx, &person.id).await?;
        graph::note(&mut tx, Entity::Person, [person.id.as_str()]).await?;
        super::security::append_audit(&mut tx, self.audit_key.as_ref(), audit).await?;
        tx.commit().await?;
        Ok(saved)
    }
}
