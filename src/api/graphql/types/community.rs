//! `Community`: a community of practice; what its leads see besides.

use async_graphql::{Context, ID, Object};

use crate::api::graphql::community_care::{JoinRequest, leads};
use crate::api::graphql::enums::Visibility;
use crate::api::graphql::ids::{Kind, encode};
use crate::domain;
use crate::error::ApiResult;

use super::{Membership, Person, Skill, load_many, loaders, person_by_id};

#[derive(Clone)]
pub struct Community(pub domain::Community);

/// A community of practice.
#[Object]
impl Community {
    pub async fn id(&self) -> ID {
        encode(Kind::Community, &self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.id
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    async fn visibility(&self) -> Visibility {
        self.0.visibility.into()
    }
    async fn skills(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        let l = loaders(ctx)?;
        let ids = l
            .skills_of_community
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        load_many(&l.skill, ids, Skill).await
    }
    /// Members the caller may see: people who left or opted out of search are
    /// listed only for themselves, HR and admins (`memberCount` counts everyone).
    async fn members(&self, ctx: &Context<'_>) -> ApiResult<Vec<Membership>> {
        let l = loaders(ctx)?;
        let m = l
            .members_of_community
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        let people = l
            .person
            .load_many(m.iter().map(|m| m.person_id.clone()))
            .await?;
        Ok(m.into_iter()
            .filter(|m| {
                people
                    .get(&m.person_id)
                    .is_some_and(|p| crate::api::graphql::authz::listed(ctx, p))
            })
            .map(Membership)
            .collect())
    }
    async fn status(&self) -> crate::api::graphql::enums::CommunityStatus {
        self.0.status.into()
    }
    /// Who proposed it.
    async fn proposed_by(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, self.0.proposed_by.as_ref()).await
    }
    async fn member_count(&self, ctx: &Context<'_>) -> ApiResult<i32> {
        let m = loaders(ctx)?
            .members_of_community
            .load_one(self.0.id.clone())
            .await?;
        Ok(m.map_or(0, |m| m.len() as i32))
    }
    /// Requests to join waiting for a decision; null unless you lead it.
    async fn pending_requests(&self, ctx: &Context<'_>) -> ApiResult<Option<Vec<JoinRequest>>> {
        if !leads(ctx, &self.0.id) {
            return Ok(None);
        }
        let found = loaders(ctx)?
            .requests_of_community
            .load_one(self.0.id.clone())
            .await?;
        Ok(Some(wrapped(found)))
    }
    /// Invitations sent and not yet answered, oldest first; null unless you
    /// lead it.
    async fn pending_invitations(&self, ctx: &Context<'_>) -> ApiResult<Option<Vec<JoinRequest>>> {
        if !leads(ctx, &self.0.id) {
            return Ok(None);
        }
        let found = loaders(ctx)?
            .invitations_of_community
            .load_one(self.0.id.clone())
            .await?;
        Ok(Some(wrapped(found)))
    }
    /// How many requests wait; null unless you lead it.
    async fn pending_request_count(&self, ctx: &Context<'_>) -> ApiResult<Option<i32>> {
        if !leads(ctx, &self.0.id) {
            return Ok(None);
        }
        let n = loaders(ctx)?
            .pending_count_of_community
            .load_one(self.0.id.clone())
            .await?;
        Ok(Some(n.unwrap_or(0) as i32))
    }
    /// Your own pending request to join, if any.
    async fn my_request(&self, ctx: &Context<'_>) -> ApiResult<Option<JoinRequest>> {
        let Some(me) = crate::api::graphql::authz::principal(ctx)?
            .person_id
            .clone()
        else {
            return Ok(None);
        };
        let found = loaders(ctx)?
            .requests_of_community
            .load_one(self.0.id.clone())
            .await?;
        Ok(found
            .unwrap_or_default()
            .into_iter()
            .find(|r| r.person_id == me)
            .map(JoinRequest))
    }
    /// Your latest request to join that the leads declined, with their
    /// reason (one statement: meant for the community's own page).
    async fn my_declined_request(&self, ctx: &Context<'_>) -> ApiResult<Option<JoinRequest>> {
        let Some(me) = crate::api::graphql::authz::principal(ctx)?
            .person_id
            .clone()
        else {
            return Ok(None);
        };
        let state = crate::api::graphql::State::of(ctx)?;
        let found = state.store.last_declined(&self.0.id, &me).await?;
        Ok(found.map(JoinRequest))
    }
    /// People the ranking finds for its skills and description who are not
    /// members, with the reasons; null unless you lead it.
    async fn suggested_members(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: i32,
    ) -> ApiResult<Option<Vec<crate::api::graphql::experts::Expert>>> {
        if !crate::api::graphql::community_care::leads(ctx, &self.0.id) {
            return Ok(None);
        }
        crate::api::graphql::community_care::suggested_members(ctx, &self.0, first)
            .await
            .map(Some)
    }
    /// Members by office and country, uncovered skills, leavers, joins over
    /// time, pending requests; null unless you lead it.
    async fn health(
        &self,
        ctx: &Context<'_>,
    ) -> ApiResult<Option<crate::api::graphql::community_care::CommunityHealth>> {
        if !crate::api::graphql::community_care::leads(ctx, &self.0.id) {
            return Ok(None);
        }
        crate::api::graphql::community_care::health(ctx, &self.0.id)
            .await
            .map(Some)
    }
}

/// A loaded list of requests as GraphQL objects (none loaded: an empty list).
fn wrapped(found: Option<Vec<domain::JoinRequest>>) -> Vec<JoinRequest> {
    found
        .unwrap_or_default()
        .into_iter()
        .map(JoinRequest)
        .collect()
}
