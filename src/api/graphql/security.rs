//! Sign-in identity, API tokens, granted roles, the audit log, and the
//! personal-data rights (export of my data; erasure by an admin).

use async_graphql::{Context, Enum, ID, InputObject, Json, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::auth::{self, chain};
use crate::domain::{self, AuditEvent};
use crate::error::{ApiError, ApiResult};
use crate::store::{EvidenceFilter, PageRequest};

use super::State;
use super::authz::principal;
use super::cleanup::DiskCleanup;
use super::ids::Kind;
use super::query::external;
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
}

impl From<domain::Scope> for Scope {
    fn from(s: domain::Scope) -> Self {
        match s {
            domain::Scope::Read => Scope::Read,
            domain::Scope::Write => Scope::Write,
        }
    }
}

impl From<Scope> for domain::Scope {
    fn from(s: Scope) -> Self {
        match s {
            Scope::Read => domain::Scope::Read,
            Scope::Write => domain::Scope::Write,
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
pub struct ApiToken(domain::Token);

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
    async fn active(&self) -> bool {
        self.0.live(Utc::now())
    }
}

#[derive(SimpleObject)]
pub struct CreatedApiToken {
    token: ApiToken,
    /// The secret: copy it now, it is never shown again.
    secret: String,
}

/// One entry of the append-only, hash-chained audit log.
pub struct AuditEntry(domain::AuditEntry);

#[Object]
impl AuditEntry {
    async fn seq(&self) -> i64 {
        self.0.seq
    }
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    /// `person:ID`, `token:ID`, `system` or `anonymous`.
    async fn actor(&self) -> &str {
        &self.0.actor
    }
    async fn action(&self) -> &str {
        &self.0.action
    }
    async fn target(&self) -> Option<&str> {
        self.0.target.as_deref()
    }
    /// `ok`, `denied` or `failed`.
    async fn outcome(&self) -> &str {
        &self.0.outcome
    }
    async fn detail(&self) -> Json<serde_json::Value> {
        Json(serde_json::from_str(&self.0.detail).unwrap_or_default())
    }
    async fn hash(&self) -> &str {
        &self.0.hash
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

#[derive(SimpleObject)]
pub struct RoleGrant {
    person: Option<Person>,
    person_id: ID,
    role: Role,
}

#[derive(SimpleObject)]
pub struct RoleGrantPayload {
    grant: RoleGrant,
    /// False when the person already had (or did not have) the role.
    changed: bool,
}

/// What an erasure removed.
#[derive(SimpleObject)]
pub struct ErasurePayload {
    person_id: ID,
    skills: i64,
    endorsements_received: i64,
    endorsements_given: i64,
    memberships: i64,
    authored: i64,
    credentials: i64,
    reports_unlinked: i64,
    /// Interview records about them kept under records retention (the
    /// exception to erasure), unlinked from the person until disposed of.
    interviews_retained: i64,
    successor_namings: i64,
    /// Whether what was erased also left the files on disk.
    cleanup: DiskCleanup,
}

#[derive(InputObject)]
pub struct CreateApiTokenInput {
    /// What the token is for, e.g. "HR system sync".
    name: String,
    role: Role,
    /// The person the token acts as, if any.
    person_id: Option<ID>,
    #[graphql(default_with = "vec![Scope::Read, Scope::Write]")]
    scopes: Vec<Scope>,
    /// Days until it stops working (1–3650); no expiry when absent.
    expires_in_days: Option<i32>,
}

#[derive(InputObject)]
pub struct RevokeApiTokenInput {
    id: ID,
}

#[derive(InputObject)]
pub struct RoleGrantInput {
    person_id: ID,
    /// HR or ADMIN (everyone signed in is an employee).
    role: Role,
}

#[derive(InputObject)]
pub struct ErasePersonInput {
    person_id: ID,
    /// Why (e.g. the request's reference); kept in the audit log.
    reason: String,
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
        let p = principal(ctx)?;
        let id = p.person_id.clone().ok_or(ApiError::Forbidden)?;
        let store = &State::of(ctx)?.store;
        let ids = std::slice::from_ref(&id);
        let person = store
            .person(&id)
            .await?
            .ok_or_else(|| ApiError::NotFound("person".into()))?;
        let mut evidence = Vec::new();
        let mut page = PageRequest {
            first: 500,
            after: None,
        };
        let filter = EvidenceFilter {
            author_id: Some(id.clone()),
            skill_id: None,
        };
        loop {
            let result = store.list_evidence(&filter, &page).await?;
            page.after = result.items.last().map(|(c, _)| c.clone());
            evidence.extend(result.items.into_iter().map(|(_, e)| e));
            if !result.has_next {
                break;
            }
        }
        let tokens: Vec<_> = store
            .api_tokens()
            .await?
            .into_iter()
            .filter(|t| t.person_id.as_deref() == Some(id.as_str()))
            .collect();
        // Interviews about them, with what they said (the transcript) and
        // where they were named successor; the export of a transcript is audited below.
        let interviews = store.interviews_of_people(ids).await?;
        let interview_ids: Vec<String> = interviews.iter().map(|i| i.id.clone()).collect();
        let questions = store.questions_of(&interview_ids).await?;
        let named: Vec<_> = store
            .successors_named(&id)
            .await?
            .into_iter()
            .map(|s| serde_json::json!({ "interviewId": s.interview_id, "skillId": s.skill_id }))
            .collect();
        let data = serde_json::json!({
            "exportedAt": super::now(ctx),
            "interviews": interviews.iter().map(domain::Interview::leaver_view).collect::<Vec<_>>(),
            "interviewQuestions": questions,
            "namedSuccessorFor": named,
            "person": person,
            "skills": store.skills_of_people(ids).await?,
            "endorsementsReceived": store.endorsements_of_people(ids).await?,
            "endorsementsGiven": store.endorsements_given(&id).await?,
            "memberships": store.memberships_of_people(ids).await?,
            "evidence": evidence,
            "roleGrants": store.role_grants(ids).await?.into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
            "apiTokens": tokens,
            "auditEntriesAboutMe": store.audit_page(None, 1000, Some(&format!("person:{id}"))).await?,
        });
        let event = AuditEvent::new(p.actor(), "person.export", Some(format!("person:{id}")));
        store.audit(&event).await?;
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

    /// The audit log, newest first (admins). Page back with `before: <seq>`.
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50)] first: i32,
        before: Option<i64>,
        #[graphql(desc = "Only entries about this target, e.g. `person:e1001`.")] target: Option<
            String,
        >,
    ) -> ApiResult<Vec<AuditEntry>> {
        let first = super::query::page_size(first)?;
        let rows = State::of(ctx)?
            .store
            .audit_page(before, first, target.as_deref())
            .await?;
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
        let l = loaders(ctx)?;
        let people = l
            .person
            .load_many(grants.iter().map(|(p, _)| p.clone()))
            .await?;
        Ok(grants
            .into_iter()
            .map(|(id, role)| RoleGrant {
                person: people.get(&id).cloned().map(Person),
                person_id: super::ids::encode(Kind::Person, &id),
                role: role.into(),
            })
            .collect())
    }
}

#[derive(Default)]
pub struct SecurityMutations;

#[Object]
impl SecurityMutations {
    /// A new API token; the secret is in the answer and never shown again.
    async fn create_api_token(
        &self,
        ctx: &Context<'_>,
        input: CreateApiTokenInput,
    ) -> ApiResult<CreatedApiToken> {
        let p = principal(ctx)?;
        let name = domain::required_text("name", &input.name, 100)?;
        let person_id = input
            .person_id
            .map(|id| external(Kind::Person, &id))
            .transpose()?;
        if input.scopes.is_empty() {
            return Err(ApiError::bad_input("give at least one scope"));
        }
        let expires = match input.expires_in_days {
            Some(d) if !(1..=3650).contains(&d) => {
                return Err(ApiError::bad_input(
                    "expiresInDays must be between 1 and 3650",
                ));
            }
            d => d.map(i64::from),
        };
        let store = &State::of(ctx)?.store;
        let scopes = input.scopes.into_iter().map(Into::into).collect();
        let (secret, token) = auth::create_api_token(
            store,
            p,
            &name,
            input.role.into(),
            person_id,
            scopes,
            expires,
        )
        .await?;
        Ok(CreatedApiToken {
            token: ApiToken(token),
            secret,
        })
    }

    /// Stops a token working at once.
    async fn revoke_api_token(
        &self,
        ctx: &Context<'_>,
        input: RevokeApiTokenInput,
    ) -> ApiResult<ApiToken> {
        let p = principal(ctx)?;
        let id = input.id.to_string();
        let event = AuditEvent::new(p.actor(), "token.revoke", Some(format!("token:{id}")));
        let token = State::of(ctx)?
            .store
            .revoke_token(&id, super::now(ctx), Some(&event))
            .await?;
        Ok(ApiToken(token))
    }

    async fn grant_role(
        &self,
        ctx: &Context<'_>,
        input: RoleGrantInput,
    ) -> ApiResult<RoleGrantPayload> {
        set_grant(ctx, input, true).await
    }

    async fn revoke_role(
        &self,
        ctx: &Context<'_>,
        input: RoleGrantInput,
    ) -> ApiResult<RoleGrantPayload> {
        set_grant(ctx, input, false).await
    }

    /// Erases a person on request: profile, skills, memberships, endorsements
    /// (given and received), authorship and credentials leave the store, the
    /// graph and the search index. The erasure is kept in the audit log.
    async fn erase_person(
        &self,
        ctx: &Context<'_>,
        input: ErasePersonInput,
    ) -> ApiResult<ErasurePayload> {
        let p = principal(ctx)?;
        let id = external(Kind::Person, &input.person_id)?;
        let reason = domain::required_text("reason", &input.reason, 500)?;
        if p.is(&id) {
            return Err(ApiError::bad_input(
                "ask another admin to erase your own profile",
            ));
        }
        let event = AuditEvent::new(p.actor(), "person.erase", Some(format!("person:{id}")))
            .detail(serde_json::json!({ "reason": reason }));
        let state = State::of(ctx)?;
        let e = state.store.erase_person(&id, &event).await?;
        let cleanup = state.engine.scrub_disk().await.into();
        Ok(ErasurePayload {
            cleanup,
            person_id: super::ids::encode(Kind::Person, &id),
            skills: e.skills,
            endorsements_received: e.endorsements_received,
            endorsements_given: e.endorsements_given,
            memberships: e.memberships,
            authored: e.authored,
            credentials: e.credentials,
            reports_unlinked: e.reports_unlinked,
            interviews_retained: e.interviews_retained,
            successor_namings: e.successor_namings,
        })
    }
}

async fn set_grant(
    ctx: &Context<'_>,
    input: RoleGrantInput,
    grant: bool,
) -> ApiResult<RoleGrantPayload> {
    let p = principal(ctx)?;
    let id = external(Kind::Person, &input.person_id)?;
    if input.role == Role::Employee {
        return Err(ApiError::bad_input(
            "everyone signed in is an employee; grant HR or ADMIN",
        ));
    }
    let role: domain::Role = input.role.into();
    let action = if grant { "role.grant" } else { "role.revoke" };
    let event = AuditEvent::new(p.actor(), action, Some(format!("person:{id}")))
        .detail(serde_json::json!({ "role": role.as_str() }));
    let changed = State::of(ctx)?
        .store
        .set_role_grant(&id, role, grant, &event)
        .await?;
    let person = loaders(ctx)?.person.load_one(id.clone()).await?.map(Person);
    Ok(RoleGrantPayload {
        grant: RoleGrant {
            person,
            person_id: super::ids::encode(Kind::Person, &id),
            role: input.role,
        },
        changed,
    })
}
