//! `Membership`: a person's place in a community.

use async_graphql::{Context, Object};
use chrono::{DateTime, Utc};

use crate::api::graphql::enums::CommunityRole;
use crate::domain;
use crate::error::ApiResult;

use super::{Community, Person, community_by_id, person_by_id};

#[derive(Clone)]
pub struct Membership(pub domain::Membership);

/// A person's place in a community.
#[Object]
impl Membership {
    async fn community(&self, ctx: &Context<'_>) -> ApiResult<Option<Community>> {
        community_by_id(ctx, &self.0.community_id).await
    }
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, Some(&self.0.person_id)).await
    }
    async fn role(&self) -> CommunityRole {
        self.0.role.into()
    }
    async fn joined_at(&self) -> DateTime<Utc> {
        self.0.joined_at
    }
}
