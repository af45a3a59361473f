//! `Office`: a place people work from.

use async_graphql::{Context, ID, Object};

use crate::api::graphql::ids::{Kind, encode};
use crate::domain;
use crate::error::ApiResult;

use super::{loaders, local_time};

#[derive(Clone)]
pub struct Office(pub domain::Office);

/// A place people work from.
#[Object]
impl Office {
    pub async fn id(&self) -> ID {
        encode(Kind::Office, &self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.id
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn country(&self) -> Option<&str> {
        self.0.country.as_deref()
    }
    async fn timezone(&self) -> Option<&str> {
        self.0.timezone.as_deref()
    }
    async fn local_time(&self, ctx: &Context<'_>) -> Option<String> {
        local_time(ctx, self.0.timezone.as_deref())
    }
    /// People based here who have not left.
    async fn headcount(&self, ctx: &Context<'_>) -> ApiResult<i64> {
        Ok(loaders(ctx)?
            .headcount_of_office
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or(0))
    }
}
