//! `Endorsement`: a colleague vouching for a skill.

use async_graphql::{Context, Object};
use chrono::{DateTime, Utc};

use crate::domain;
use crate::error::ApiResult;

use super::{Person, person_by_id};

#[derive(Clone)]
pub struct Endorsement(pub domain::Endorsement);

/// A colleague vouching for a skill.
#[Object]
impl Endorsement {
    async fn endorser(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, Some(&self.0.endorser_id)).await
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}
