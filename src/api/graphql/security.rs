//! Sign-in identity, API tokens, granted roles, the audit log, and the
//! personal-data rights (export of my data; erasure by an admin).

use async_graphql::{Context, Enum, ID, Json, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use crate::access::audit_log::{self, NamedEntry, Wanted};
use crate::auth::{self, chain};
use crate::domain;
use crate::error::ApiResult;
use crate::people::privacy;

use super::State;
use super::authz::principal;
use super::ids::Kind;
use super::types::{Community, Person, loaders, person_by_id};

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum Role {
    Employee,
    Hr,
    Admin,
}

impl From<domain::Role> for Role {
    fn from(r: domain::Role) -> Self {
        match r {
            domain::Role::Employee => Role::Employee,
            domain::Role::Hr => Role::Hr,
            domain::Role::Admin => Role::Admin,
        }
    }
}

impl From<Role> for domain::Role {
    fn from(r: Role) -> Self {
        match r {
            Role::Employee => domain::Role::Employee,
            Role::Hr => domain::Role::Hr,
            Role::Admin => domain::Role::Admin,
        }
    }
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum Scope {
    /// Read anything the role may see.
    Read,
    /// Also change things.
    Write,
    /// Provision people over SCIM (`/scim/v2`), and nothing else.
    Scim,
}

impl From<domain::Scope> for Scope {
    fn from(s: domain::Scope) -> Self {
        match s {
            domain::Scope::Read => Scope::Read,
            domain::Scope::Write => Scope::Write,
            domain::Scope::Scim => Scope::Scim,
        }
    }
}

impl From<Scope> for domain::Scope {
    fn from(s: Scope) -> Self {
        match s {
            Scope::Read => domain::Scope::Read,
            Scope::Write => domain::Scope::Write,
            Scope::Scim => domain::Scope::Scim,
        }
    }
}

/// Who is signed in.
pub struct Me(auth::Principal);

#[Object]
impl Me {
    /// The signed-in person; null for an integration's token without one.
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, self.0.person_id.as_ref()).await
    }
    async fn roles(&self) -> Vec<Role> {
        self.0.roles.iter().map(|r| (*r).into()).collect()
    }
    async fn scopes(&self) -> Vec<Scope> {
        self.0.scopes.iter().map(|s| (*s).into()).collect()
    }
    /// `SESSION`, `TOKEN` or `JWT`.
    async fn via(&self) -> &'static str {
        self.0.via.as_str()
    }
    /// Communities this person leads.
    async fn leads(&self, ctx: &Context<'_>) -> ApiResult<Vec<Community>> {
        let found = loaders(ctx)?
            .community
            .load_many(self.0.leads.iter().cloned())
            .await?;
        Ok(self
            .0
            .leads
            .iter()
            .filter_map(|id| found.get(id).cloned())
            .map(Community)
            .collect())
    }
    /// Signed in through the development picker (not for real data).
    async fn dev(&self) -> bool {
        self.0.dev
    }
}

/// An API token for an integration. The secret is shown only once, when created.
pub struct ApiToken(pub(crate) domain::Token);

#[Object]
impl ApiToken {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The first characters of the secret, to tell tokens apart.
    async fn prefix(&self) -> &str {
        &self.0.prefix
    }
    async fn role(&self) -> Role {
        self.0.role.into()
    }
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, self.0.person_id.as_ref()).await
    }
    async fn scopes(&self) -> Vec<Scope> {
        self.0.scopes.iter().map(|s| (*s).into()).collect()
    }
    async fn created_by(&self) -> Option<&str> {
        self.0.created_by.as_deref()
    }
    /// Who created it, by name.
    async fn created_by_name(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        super::names::name_of_opt(ctx, self.0.created_by.as_deref()).await
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.0.expires_at
    }
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_used_at
    }
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.revoked_at
    }
    /// Neither revoked nor expired.
    async fn active(&self, ctx: &Context<'_>) -> bool {
        self.0.live(super::now(ctx))
    }
}

/// One entry of the append-only, hash-chained audit log.
pub struct AuditEntry(NamedEntry);

#[Object]
impl AuditEntry {
    async fn seq(&self) -> i64 {
        self.0.entry.seq
    }
    async fn at(&self) -> DateTime<Utc> {
        self.0.entry.at
    }
    /// `person:ID`, `token:ID`, `cli:USER`, `system` or `anonymous`.
    async fn actor(&self) -> &str {
        &self.0.entry.actor
    }
    /// Who that is now ("Erased person" after an erasure).
    async fn actor_name(&self) -> &str {
        &self.0.actor_name
    }
    async fn action(&self) -> &str {
        &self.0.entry.action
    }
    async fn target(&self) -> Option<&str> {
        self.0.entry.target.as_deref()
    }
    /// What the target is, in words ("Interview with Aoife Byrne").
    async fn target_name(&self) -> Option<&str> {
        self.0.target_name.as_deref()
    }
    /// The entry as one line, e.g. "Siobhan Kelly signed in: as HR".
    async fn summary(&self) -> &str {
        &self.0.summary
    }
    /// `ok`, `denied` or `failed`.
    async fn outcome(&self) -> &str {
        &self.0.entry.outcome
    }
    async fn detail(&self) -> Json<serde_json::Value> {
        Json(serde_json::from_str(&self.0.entry.detail).unwrap_or_default())
    }
    async fn hash(&self) -> &str {
        &self.0.entry.hash
    }
}

/// The result of checking the audit log's hash chain.
#[derive(SimpleObject)]
pub struct AuditChain {
    ok: bool,
    checked: i64,
    head_seq: i64,
    /// The first entry that does not fit, if any.
    first_broken: Option<i64>,
    reason: Option<String>,
}

/// A role granted to a person by an admin.
pub struct RoleGrant {
    pub(crate) person_id: String,
    pub(crate) role: Role,
}

#[Object]
impl RoleGrant {
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        Ok(loaders(ctx)?
            .person
            .load_one(self.person_id.clone())
            .await?
            .map(Person))
    }
    async fn person_id(&self) -> ID {
        super::ids::encode(Kind::Person, &self.person_id)
    }
    async fn role(&self) -> Role {
        self.role
    }
}

#[derive(Default)]
pub struct SecurityQuery;

#[Object]
impl SecurityQuery {
    /// Who is signed in, with their roles.
    async fn me(&self, ctx: &Context<'_>) -> ApiResult<Me> {
        Ok(Me(principal(ctx)?.clone()))
    }

    /// Everything Tacit holds about the signed-in person, as JSON. The export
    /// itself is recorded in the audit log.
    async fn my_data(&self, ctx: &Context<'_>) -> ApiResult<Json<serde_json::Value>> {
        let state = State::of(ctx)?;
        let data =
            privacy::export(state.store.as_ref(), &state.harvest.clock, principal(ctx)?).await?;
        Ok(Json(data))
    }

    /// API tokens, newest first (admins).
    async fn api_tokens(&self, ctx: &Context<'_>) -> ApiResult<Vec<ApiToken>> {
        Ok(State::of(ctx)?
            .store
            .api_tokens()
            .await?
            .into_iter()
            .map(ApiToken)
            .collect())
    }

    /// The audit log, newest first (admins), filtered by every condition
    /// given. Page back with `before: <seq>`. `/api/audit.csv` takes the
    /// same filters and exports the view.
    #[allow(clippy::too_many_arguments)]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50)] first: i32,
        before: Option<i64>,
        #[graphql(desc = "Only entries about this target, e.g. `person:e1001`.")] target: Option<
            String,
        >,
        #[graphql(desc = "Only entries by this actor, e.g. `person:e0042`.")] actor: Option<String>,
        #[graphql(
            desc = "Only this action (`interview.dispose`) or group of actions (`interview`)."
        )]
        action: Option<String>,
        #[graphql(desc = "From the start of this day (UTC).")] from: Option<NaiveDate>,
        #[graphql(desc = "To the end of this day (UTC).")] until: Option<NaiveDate>,
    ) -> ApiResult<Vec<AuditEntry>> {
        let first = super::query::page_size(first)?;
        let wanted = Wanted {
            actor,
            target,
            action,
            from,
            until,
        };
        let rows = audit_log::page(State::of(ctx)?.store.as_ref(), &wanted, before, first).await?;
        Ok(rows.into_iter().map(AuditEntry).collect())
    }

    /// Checks the audit log's hash chain from the first entry to the last.
    async fn audit_chain(&self, ctx: &Context<'_>) -> ApiResult<AuditChain> {
        let r = chain::verify(State::of(ctx)?.store.as_ref()).await?;
        Ok(AuditChain {
            ok: r.ok(),
            checked: r.checked,
            head_seq: r.head_seq,
            first_broken: r.first_broken,
            reason: r.reason,
        })
    }

    /// Roles granted by admins (HR, admin).
    async fn role_grants(&self, ctx: &Context<'_>) -> ApiResult<Vec<RoleGrant>> {
        let grants = State::of(ctx)?.store.all_role_grants().await?;
        Ok(grants
            .into_iter()
            .map(|(person_id, role)| RoleGrant {
                person_id,
                role: role.into(),
            })
            .collect())
    }
}
