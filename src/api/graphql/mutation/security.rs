//! Who gets in: API tokens, role grants, and erasure on request. The rules
//! live in `access` and `people::privacy`; these parse and map.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};

use crate::access::{grants, tokens};
use crate::api::graphql::State;
use crate::api::graphql::authz::principal;
use crate::api::graphql::cleanup::DiskCleanup;
use crate::api::graphql::ids::{Kind, arg, encode};
use crate::api::graphql::security::{ApiToken, Role, RoleGrant, Scope};
use crate::domain::PersonId;
use crate::error::ApiResult;
use crate::people::privacy;

#[derive(SimpleObject)]
pub struct CreatedApiToken {
    pub(crate) token: ApiToken,
    /// The secret: copy it now, it is never shown again.
    pub(crate) secret: String,
}

#[derive(SimpleObject)]
pub struct RoleGrantPayload {
    pub(crate) grant: RoleGrant,
    /// False when the person already had (or did not have) the role.
    pub(crate) changed: bool,
}

/// What an erasure removed.
#[derive(SimpleObject)]
pub struct ErasurePayload {
    pub(crate) person_id: ID,
    pub(crate) skills: i64,
    pub(crate) endorsements_received: i64,
    pub(crate) endorsements_given: i64,
    pub(crate) memberships: i64,
    pub(crate) authored: i64,
    pub(crate) credentials: i64,
    pub(crate) reports_unlinked: i64,
    /// Interview records about them kept under records retention (the
    /// exception to erasure), unlinked from the person until disposed of.
    pub(crate) interviews_retained: i64,
    pub(crate) successor_namings: i64,
    /// Whether what was erased also left the files on disk.
    pub(crate) cleanup: DiskCleanup,
}

#[derive(InputObject)]
pub struct CreateApiTokenInput {
    /// What the token is for, e.g. "HR system sync".
    pub(crate) name: String,
    pub(crate) role: Role,
    /// The person the token acts as, if any.
    pub(crate) person_id: Option<ID>,
    #[graphql(default_with = "vec![Scope::Read, Scope::Write]")]
    pub(crate) scopes: Vec<Scope>,
    /// Days until it stops working (1–3650); no expiry when absent.
    pub(crate) expires_in_days: Option<i32>,
}

#[derive(InputObject)]
pub struct RevokeApiTokenInput {
    pub(crate) id: ID,
}

#[derive(InputObject)]
pub struct RoleGrantInput {
    pub(crate) person_id: ID,
    /// HR or ADMIN (everyone signed in is an employee).
    pub(crate) role: Role,
}

#[derive(InputObject)]
pub struct ErasePersonInput {
    pub(crate) person_id: ID,
    /// Why (e.g. the request's reference); kept in the audit log.
    pub(crate) reason: String,
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
        let state = State::of(ctx)?;
        let new = tokens::NewToken {
            name: input.name,
            role: input.role.into(),
            person_id: input
                .person_id
                .as_ref()
                .map(arg::<PersonId>)
                .transpose()?
                .map(String::from),
            scopes: input.scopes.into_iter().map(Into::into).collect(),
            expires_in_days: input.expires_in_days.map(i64::from),
        };
        let (secret, token) =
            tokens::create(&state.store, &state.harvest.clock, principal(ctx)?, new).await?;
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
        let state = State::of(ctx)?;
        let store = state.store.as_ref();
        let token = tokens::revoke(store, &state.harvest.clock, principal(ctx)?, &input.id).await?;
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
        let state = State::of(ctx)?;
        let id: PersonId = arg(&input.person_id)?;
        let e = privacy::erase(state.store.as_ref(), principal(ctx)?, &id, &input.reason).await?;
        let cleanup = state.engine.scrub_disk().await.into();
        Ok(ErasurePayload {
            cleanup,
            person_id: encode(Kind::Person, &id),
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
    let id: PersonId = arg(&input.person_id)?;
    let store = State::of(ctx)?.store.as_ref();
    let changed = grants::set(store, principal(ctx)?, &id, input.role.into(), grant).await?;
    Ok(RoleGrantPayload {
        grant: RoleGrant {
            person_id: id.into_string(),
            role: input.role,
        },
        changed,
    })
}
