//! `Evidence`: something people wrote, with its authors and tags.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

use crate::api::graphql::ids::{Kind, encode};
use crate::domain;
use crate::error::ApiResult;

use super::{Person, Skill, load_many, loaders};

#[derive(Clone)]
pub struct Evidence(pub domain::Evidence);

/// Something people wrote that shows what they know.
#[Object]
impl Evidence {
    pub async fn id(&self) -> ID {
        encode(Kind::Evidence, &self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.id
    }
    /// `document`, `answer`, `question`, `report`, ...
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    async fn title(&self) -> Option<&str> {
        self.0.title.as_deref()
    }
    async fn text(&self) -> &str {
        &self.0.text
    }
    /// Where the original can be opened (`https://` or `http://`), when known.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn authors(&self, ctx: &Context<'_>) -> ApiResult<Vec<Person>> {
        let l = loaders(ctx)?;
        let ids = l
            .authors_of_evidence
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        let found = l.person.load_many(ids.iter().cloned()).await?;
        // Authors who left or opted out are named only to themselves, HR and admins.
        Ok(ids
            .iter()
            .filter_map(|id| found.get(id))
            .filter(|p| crate::api::graphql::authz::listed(ctx, p))
            .cloned()
            .map(Person)
            .collect())
    }
    async fn tags(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        let l = loaders(ctx)?;
        let ids = l
            .tags_of_evidence
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        load_many(&l.skill, ids, Skill).await
    }
}
