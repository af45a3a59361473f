use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use crate::domain::CommunityStatus::{Active, Archived, Proposed};
use crate::domain::{self, optional_text, required_text};
use crate::error::{ApiError, ApiResult};

use super::super::State;
use super::super::authz::{check, principal};
use super::super::community_care::JoinRequest;
use super::super::enums::{CommunityRole, Visibility};
use super::super::ids::{Kind, encode};
use super::super::query::external;
use super::super::types::loaders;
use super::super::types::{Community, Membership};
use super::{new_id, patch_text};
use crate::auth::Resource;
use crate::communities::membership;

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

async fn skill_ids(state: &State, ids: &[ID]) -> ApiResult<Vec<String>> {
    let ids: Vec<String> = ids
        .iter()
        .map(|id| external(Kind::Skill, id))
        .collect::<ApiResult<_>>()?;
    let found = state.store.skills_by_ids(&ids).await?;
    if let Some(missing) = ids.iter().find(|id| !found.iter().any(|s| &s.id == *id)) {
        return Err(ApiError::NotFound(format!("skill '{missing}'")));
    }
    Ok(ids)
}

#[derive(Default)]
pub struct CommunityMutations;

#[Object]
impl CommunityMutations {
    async fn create_community(
        &self,
        ctx: &Context<'_>,
        input: CreateCommunityInput,
    ) -> ApiResult<CommunityPayload> {
        let state = State::of(ctx)?;
        // An admin's community is live at once; anyone else's is a proposal
        // (unless the configuration lets proposals go live), led by them.
        let p = principal(ctx)?;
        let admin = p.has(domain::Role::Admin);
        let status = if admin || !state.proposals_need_approval {
            domain::CommunityStatus::Active
        } else {
            domain::CommunityStatus::Proposed
        };
        let proposed_by = if admin { None } else { p.person_id.clone() };
        if !admin && proposed_by.is_none() {
            return Err(ApiError::bad_input(
                "only a person or an admin can create a community",
            ));
        }
        let community = domain::Community {
            status,
            proposed_by,
            id: match input.external_id {
                Some(id) => domain::external_id("externalId", &id)?,
                None => new_id("c"),
            },
            name: required_text("name", &input.name, 200)?,
            description: optional_text("description", input.description.as_deref(), 5_000)?,
            visibility: input.visibility.into(),
        };
        let skills = skill_ids(state, &input.skill_ids).await?;
        Ok(CommunityPayload {
            community: Community(state.store.create_community(&community, &skills).await?),
        })
    }

    async fn update_community(
        &self,
        ctx: &Context<'_>,
        input: UpdateCommunityInput,
    ) -> ApiResult<CommunityPayload> {
        let state = State::of(ctx)?;
        let id = external(Kind::Community, &input.id)?;
        check(
            ctx,
            "MutationRoot.updateCommunity",
            Resource::Community(&id),
        )
        .await?;
        let current = state.store.community(&id).await?;
        let mut c = current.ok_or_else(|| ApiError::NotFound(format!("community '{id}'")))?;
        if let Some(name) = input.name {
            c.name = required_text("name", &name, 200)?;
        }
        c.description = patch_text("description", c.description, input.description, 5_000)?;
        if let Some(v) = input.visibility {
            c.visibility = v.into();
        }
        let skills = match &input.skill_ids {
            Some(ids) => Some(skill_ids(state, ids).await?),
            None => None,
        };
        Ok(CommunityPayload {
            community: Community(state.store.update_community(&c, skills.as_deref()).await?),
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
        let community_id = external(Kind::Community, &input.community_id)?;
        let person_id = external(Kind::Person, &input.person_id)?;
        let message = optional_text("message", input.message.as_deref(), 1_000)?;
        let me = principal(ctx)?;
        let community = loaders(ctx)?
            .community
            .load_one(community_id.clone())
            .await?;
        if membership::needs_curation(me, community.as_ref(), &person_id, input.role.into()) {
            check(ctx, "community.curate", Resource::Community(&community_id)).await?;
        }
        let added = membership::add(
            state.store.as_ref(),
            &state.harvest.clock,
            me,
            membership::Addition {
                community_id,
                person_id,
                role: input.role.into(),
                message,
                invitation_id: new_id("inv"),
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
        let reason = optional_text("reason", input.reason.as_deref(), 1_000)?;
        let decided = membership::answer(
            state.store.as_ref(),
            &state.harvest.clock,
            principal(ctx)?,
            input.invitation_id.as_str(),
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
        let community_id = external(Kind::Community, &input.community_id)?;
        let person_id = external(Kind::Person, &input.person_id)?;
        if !principal(ctx)?.is(&person_id) {
            check(ctx, "community.curate", Resource::Community(&community_id)).await?;
        }
        State::of(ctx)?
            .store
            .remove_membership(&community_id, &person_id)
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
        let me = principal(ctx)?
            .person_id
            .clone()
            .ok_or_else(|| ApiError::bad_input("only a person can join a community"))?;
        let community_id = external(Kind::Community, &input.community_id)?;
        let community = loaders(ctx)?
            .community
            .load_one(community_id.clone())
            .await?
            .ok_or_else(|| ApiError::NotFound(format!("community '{community_id}'")))?;
        let members = state
            .store
            .members_of_communities(std::slice::from_ref(&community_id))
            .await?;
        if members.iter().any(|m| m.person_id == me) {
            return Err(ApiError::Conflict("you are already a member".into()));
        }
        let now = super::super::now(ctx);
        if community.status != domain::CommunityStatus::Active {
            return Err(ApiError::Conflict(format!(
                "this community is {}: nobody can join it now",
                community.status.as_str()
            )));
        }
        if community.visibility == domain::Visibility::Open {
            let m = domain::Membership {
                community_id,
                person_id: me,
                role: domain::CommunityRole::Member,
                joined_at: now,
            };
            return Ok(JoinCommunityPayload {
                membership: Some(Membership(state.store.set_membership(&m).await?)),
                request: None,
            });
        }
        let request = domain::JoinRequest {
            id: new_id("jr"),
            community_id,
            person_id: me,
            kind: domain::RequestKind::Join,
            role: domain::CommunityRole::Member,
            invited_by: None,
            message: optional_text("message", input.message.as_deref(), 1_000)?,
            status: domain::RequestStatus::Pending,
            reason: None,
            decided_by: None,
            created_at: now,
            decided_at: None,
        };
        Ok(JoinCommunityPayload {
            membership: None,
            request: Some(JoinRequest(
                state.store.create_join_request(&request).await?,
            )),
        })
    }

    /// Leaves a community; its last lead must hand over first.
    async fn leave_community(
        &self,
        ctx: &Context<'_>,
        input: LeaveCommunityInput,
    ) -> ApiResult<RemoveMemberPayload> {
        let me = principal(ctx)?
            .person_id
            .clone()
            .ok_or_else(|| ApiError::bad_input("only a person can leave a community"))?;
        let community_id = external(Kind::Community, &input.community_id)?;
        State::of(ctx)?
            .store
            .remove_membership(&community_id, &me)
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
        let id = input.request_id.to_string();
        let request = state.store.join_request(&id).await?;
        let community = request
            .as_ref()
            .map_or(String::new(), |r| r.community_id.clone());
        check(ctx, "community.curate", Resource::Community(&community)).await?;
        let request = request
            .filter(|r| r.kind == domain::RequestKind::Join)
            .ok_or_else(|| ApiError::NotFound(format!("request '{id}'")))?;
        let reason = optional_text("reason", input.reason.as_deref(), 1_000)?;
        if !input.approve && reason.is_none() {
            return Err(ApiError::bad_input(
                "give a reason when declining: the person asking is told it",
            ));
        }
        let decided = state
            .store
            .decide_join_request(
                &request.id,
                domain::RequestKind::Join,
                input.approve,
                reason.as_deref(),
                &principal(ctx)?.actor(),
                super::super::now(ctx),
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
        move_status(ctx, &input.id, Proposed, Active).await
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
        let survivor = external(Kind::Community, &input.survivor_id)?;
        let merged = external(Kind::Community, &input.merged_id)?;
        check(ctx, "community.curate", Resource::Community(&survivor)).await?;
        check(ctx, "community.curate", Resource::Community(&merged)).await?;
        if survivor == merged {
            return Err(ApiError::bad_input(
                "a community cannot be merged into itself",
            ));
        }
        let c = State::of(ctx)?
            .store
            .merge_communities(&survivor, &merged, super::super::now(ctx))
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
    from: domain::CommunityStatus,
    to: domain::CommunityStatus,
) -> ApiResult<CommunityPayload> {
    let ext = external(Kind::Community, id)?;
    check(ctx, "community.curate", Resource::Community(&ext)).await?;
    move_status(ctx, id, from, to).await
}

/// Moves a community from `from` to `to`, refusing any other starting point.
async fn move_status(
    ctx: &Context<'_>,
    id: &ID,
    from: domain::CommunityStatus,
    to: domain::CommunityStatus,
) -> ApiResult<CommunityPayload> {
    let state = State::of(ctx)?;
    let id = external(Kind::Community, id)?;
    let current = state
        .store
        .community(&id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("community '{id}'")))?;
    if current.status != from {
        return Err(ApiError::Conflict(format!(
            "this community is {}, not {}",
            current.status.as_str(),
            from.as_str()
        )));
    }
    Ok(CommunityPayload {
        community: Community(state.store.set_community_status(&id, to).await?),
    })
}
