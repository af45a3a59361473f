use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use crate::api::graphql::State;
use crate::api::graphql::authz::{check, check_field, principal};
use crate::api::graphql::community_care::JoinRequest;
use crate::api::graphql::enums::{CommunityRole, Visibility};
use crate::api::graphql::ids::{Kind, arg, encode};
use crate::api::graphql::types::{Community, Membership};
use crate::auth::{Action, Resource};
use crate::communities::lifecycle::{self, Proposals};
use crate::communities::membership::{self, Joined};
use crate::domain::CommunityStatus::{self, Active, Archived, Proposed};
use crate::domain::limits::{DESCRIPTION, MESSAGE, NAME};
use crate::domain::{
    self, CommunityId, PersonId, RequestId, SkillId, optional_text, required_text,
};
use crate::error::ApiResult;

use super::gate::Checked;
use super::patch_text;

#[derive(InputObject)]
pub struct CreateCommunityInput {
    pub external_id: Option<String>,
    pub name: String,
    pub description: Option<String>,
    #[graphql(default_with = "Visibility::Open")]
    pub visibility: Visibility,
    #[graphql(default)]
    pub skill_ids: Vec<ID>,
}

#[derive(InputObject)]
pub struct UpdateCommunityInput {
    pub id: ID,
    pub name: Option<String>,
    pub description: MaybeUndefined<String>,
    pub visibility: Option<Visibility>,
    /// Replaces the community's skills when given.
    pub skill_ids: Option<Vec<ID>>,
}

#[derive(InputObject)]
pub struct AddMemberInput {
    pub community_id: ID,
    pub person_id: ID,
    #[graphql(default_with = "CommunityRole::Member")]
    pub role: CommunityRole,
    /// For an invitation: a word to the person invited.
    pub message: Option<String>,
}

#[derive(InputObject)]
pub struct AnswerInvitationInput {
    pub invitation_id: ID,
    pub accept: bool,
    /// Optional when declining: the leads are told it.
    pub reason: Option<String>,
}

#[derive(InputObject)]
pub struct RemoveMemberInput {
    pub community_id: ID,
    pub person_id: ID,
}

#[derive(InputObject)]
pub struct JoinCommunityInput {
    pub community_id: ID,
    /// For a closed community: a word to its leads.
    pub message: Option<String>,
}

#[derive(InputObject)]
pub struct LeaveCommunityInput {
    pub community_id: ID,
}

#[derive(InputObject)]
pub struct DecideJoinRequestInput {
    pub request_id: ID,
    pub approve: bool,
    /// Required when declining: the person is told why.
    pub reason: Option<String>,
}

/// Joined at once (an open community), or asked (a closed one).
#[derive(SimpleObject)]
pub struct JoinCommunityPayload {
    pub membership: Option<Membership>,
    pub request: Option<JoinRequest>,
}

#[derive(SimpleObject)]
pub struct JoinRequestPayload {
    pub request: JoinRequest,
}

#[derive(InputObject)]
pub struct CommunityIdInput {
    pub id: ID,
}

#[derive(InputObject)]
pub struct MergeCommunitiesInput {
    /// The community that stays.
    pub survivor_id: ID,
    /// The community whose members, skills and history move to the survivor;
    /// its id then leads to the survivor.
    pub merged_id: ID,
}

#[derive(SimpleObject)]
pub struct CommunityPayload {
    pub community: Community,
}

/// A role changed or a member added (`membership`), or someone invited
/// (`invitation`, pending until they accept). Someone who had asked to join
/// is added at once, with their request approved.
#[derive(SimpleObject)]
pub struct MembershipPayload {
    pub membership: Option<Membership>,
    pub invitation: Option<JoinRequest>,
}

#[derive(SimpleObject)]
pub struct RemoveMemberPayload {
    pub community_id: ID,
    pub person_id: ID,
}

fn skill_ids(ids: &[ID]) -> ApiResult<Vec<SkillId>> {
    ids.iter().map(arg::<SkillId>).collect()
}

#[derive(Default)]
pub struct CommunityMutations;

#[Object]
impl CommunityMutations {
    /// Creates a community: an admin's is live at once; anyone else's is a
    /// proposal (unless the configuration lets proposals go live), led by them.
    async fn create_community(
        &self,
        ctx: &Context<'_>,
        input: CreateCommunityInput,
    ) -> ApiResult<CommunityPayload> {
        let state = State::of(ctx)?;
        let community = domain::Community {
            id: match input.external_id {
                Some(id) => CommunityId::parse_field("externalId", &id)?,
                None => CommunityId::generate(),
            }
            .into_string(),
            name: required_text("name", &input.name, NAME)?,
            description: optional_text("description", input.description.as_deref(), DESCRIPTION)?,
            visibility: input.visibility.into(),
            status: Proposed,
            proposed_by: None,
        };
        let proposals = Proposals {
            need_approval: state.proposals_need_approval,
        };
        let skills = skill_ids(&input.skill_ids)?;
        let made = lifecycle::create(
            state.store.as_ref(),
            principal(ctx)?,
            proposals,
            community,
            &skills,
        )
        .await?;
        Ok(CommunityPayload {
            community: Community(made),
        })
    }

    async fn update_community(
        &self,
        ctx: &Context<'_>,
        input: UpdateCommunityInput,
    ) -> ApiResult<CommunityPayload> {
        let id: CommunityId = arg(&input.id)?;
        check_field(
            ctx,
            "MutationRoot.updateCommunity",
            Resource::Community(&id),
        )
        .await?;
        let edit = lifecycle::Edit {
            name: match input.name {
                Some(name) => Some(required_text("name", &name, NAME)?),
                None => None,
            },
            description: match input.description {
                MaybeUndefined::Undefined => None,
                patch => Some(patch_text("description", None, patch, DESCRIPTION)?),
            },
            visibility: input.visibility.map(Into::into),
            skills: match &input.skill_ids {
                Some(ids) => Some(skill_ids(ids)?),
                None => None,
            },
        };
        let c = lifecycle::update(State::of(ctx)?.store.as_ref(), &id, edit).await?;
        Ok(CommunityPayload {
            community: Community(c),
        })
    }

    /// Changes a member's role, joins an open community yourself, or invites
    /// someone: nobody becomes a member of a community without agreeing to
    /// it (they asked, joined, or accept the invitation).
    async fn add_member(
        &self,
        ctx: &Context<'_>,
        input: AddMemberInput,
    ) -> ApiResult<MembershipPayload> {
        let state = State::of(ctx)?;
        let community_id: CommunityId = arg(&input.community_id)?;
        let person_id: PersonId = arg(&input.person_id)?;
        let message = optional_text("message", input.message.as_deref(), MESSAGE)?;
        let added = membership::add(
            state.store.as_ref(),
            &state.harvest.clock,
            principal(ctx)?,
            &Checked(ctx),
            membership::Addition {
                community_id,
                person_id,
                role: input.role.into(),
                message,
                invitation_id: domain::generate("inv"),
            },
        )
        .await?;
        Ok(MembershipPayload {
            membership: added.membership.map(Membership),
            invitation: added.invitation.map(JoinRequest),
        })
    }

    /// Accepts an invitation (you become a member with the role offered) or
    /// declines it. Only the person invited.
    async fn answer_invitation(
        &self,
        ctx: &Context<'_>,
        input: AnswerInvitationInput,
    ) -> ApiResult<JoinRequestPayload> {
        let state = State::of(ctx)?;
        let reason = optional_text("reason", input.reason.as_deref(), MESSAGE)?;
        let decided = membership::answer(
            state.store.as_ref(),
            &state.harvest.clock,
            principal(ctx)?,
            &RequestId::parse(&input.invitation_id)?,
            input.accept,
            reason.as_deref(),
        )
        .await?;
        Ok(JoinRequestPayload {
            request: JoinRequest(decided),
        })
    }

    async fn remove_member(
        &self,
        ctx: &Context<'_>,
        input: RemoveMemberInput,
    ) -> ApiResult<RemoveMemberPayload> {
        let community_id: CommunityId = arg(&input.community_id)?;
        let person_id: PersonId = arg(&input.person_id)?;
        membership::remove(
            State::of(ctx)?.store.as_ref(),
            principal(ctx)?,
            &Checked(ctx),
            &community_id,
            &person_id,
        )
        .await?;
        Ok(RemoveMemberPayload {
            community_id: encode(Kind::Community, &community_id),
            person_id: encode(Kind::Person, &person_id),
        })
    }

    /// Joins an open community at once, or asks the leads of a closed one.
    async fn join_community(
        &self,
        ctx: &Context<'_>,
        input: JoinCommunityInput,
    ) -> ApiResult<JoinCommunityPayload> {
        let state = State::of(ctx)?;
        let community_id: CommunityId = arg(&input.community_id)?;
        let joined = membership::join(
            state.store.as_ref(),
            &state.harvest.clock,
            principal(ctx)?,
            &community_id,
            input.message.as_deref(),
        )
        .await?;
        Ok(match joined {
            Joined::Member(m) => JoinCommunityPayload {
                membership: Some(Membership(m)),
                request: None,
            },
            Joined::Asked(r) => JoinCommunityPayload {
                membership: None,
                request: Some(JoinRequest(r)),
            },
        })
    }

    /// Leaves a community; its last lead must hand over first.
    async fn leave_community(
        &self,
        ctx: &Context<'_>,
        input: LeaveCommunityInput,
    ) -> ApiResult<RemoveMemberPayload> {
        let community_id: CommunityId = arg(&input.community_id)?;
        let me = membership::leave(
            State::of(ctx)?.store.as_ref(),
            principal(ctx)?,
            &community_id,
        )
        .await?;
        Ok(RemoveMemberPayload {
            community_id: encode(Kind::Community, &community_id),
            person_id: encode(Kind::Person, &me),
        })
    }

    /// Approves a request to join (the person becomes a member) or declines
    /// it with a reason. Leads of the community, and admins.
    async fn decide_join_request(
        &self,
        ctx: &Context<'_>,
        input: DecideJoinRequestInput,
    ) -> ApiResult<JoinRequestPayload> {
        let state = State::of(ctx)?;
        let decided = membership::decide(
            state.store.as_ref(),
            &state.harvest.clock,
            principal(ctx)?,
            &Checked(ctx),
            &RequestId::parse(&input.request_id)?,
            input.approve,
            input.reason.as_deref(),
        )
        .await?;
        Ok(JoinRequestPayload {
            request: JoinRequest(decided),
        })
    }

    /// Approves a proposed community: it goes live. Admins.
    async fn approve_community(
        &self,
        ctx: &Context<'_>,
        input: CommunityIdInput,
    ) -> ApiResult<CommunityPayload> {
        move_status(ctx, &arg(&input.id)?, Proposed, Active).await
    }

    /// Archives a community: it leaves search and lists, keeping its record. Leads.
    async fn archive_community(
        &self,
        ctx: &Context<'_>,
        input: CommunityIdInput,
    ) -> ApiResult<CommunityPayload> {
        curated_move(ctx, &input.id, Active, Archived).await
    }

    async fn unarchive_community(
        &self,
        ctx: &Context<'_>,
        input: CommunityIdInput,
    ) -> ApiResult<CommunityPayload> {
        curated_move(ctx, &input.id, Archived, Active).await
    }

    /// Merges one community into another: every member (with the higher
    /// role and the earlier join date), skill and request moves to the
    /// survivor, and the merged community's id leads there. Leads of both, or admins.
    async fn merge_communities(
        &self,
        ctx: &Context<'_>,
        input: MergeCommunitiesInput,
    ) -> ApiResult<CommunityPayload> {
        let survivor: CommunityId = arg(&input.survivor_id)?;
        let merged: CommunityId = arg(&input.merged_id)?;
        check(ctx, Action::CommunityCurate, Resource::Community(&survivor)).await?;
        check(ctx, Action::CommunityCurate, Resource::Community(&merged)).await?;
        let state = State::of(ctx)?;
        let c = lifecycle::merge(
            state.store.as_ref(),
            &state.harvest.clock,
            &survivor,
            &merged,
        )
        .await?;
        Ok(CommunityPayload {
            community: Community(c),
        })
    }
}

/// [`move_status`] by one of the community's leads (or an admin).
async fn curated_move(
    ctx: &Context<'_>,
    id: &ID,
    from: CommunityStatus,
    to: CommunityStatus,
) -> ApiResult<CommunityPayload> {
    let id: CommunityId = arg(id)?;
    check(ctx, Action::CommunityCurate, Resource::Community(&id)).await?;
    move_status(ctx, &id, from, to).await
}

async fn move_status(
    ctx: &Context<'_>,
    id: &CommunityId,
    from: CommunityStatus,
    to: CommunityStatus,
) -> ApiResult<CommunityPayload> {
    let c = lifecycle::move_status(State::of(ctx)?.store.as_ref(), id, from, to).await?;
    Ok(CommunityPayload {
        community: Community(c),
    })
}
