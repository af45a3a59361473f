//! `Skill`: a skill from the taxonomy: its neighbours and holders.

use async_graphql::{Context, ID, Object};

use crate::api::graphql::ids::{Kind, encode};
use crate::api::graphql::interviews::{self, Interview};
use crate::domain;
use crate::error::ApiResult;

use super::{PersonSkill, load_many, loaders};

#[derive(Clone)]
pub struct Skill(pub domain::Skill);

/// A skill or area of knowledge from the taxonomy.
#[Object]
impl Skill {
    pub async fn id(&self) -> ID {
        encode(Kind::Skill, &self.0.id)
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
    async fn aliases(&self, ctx: &Context<'_>) -> ApiResult<Vec<String>> {
        Ok(loaders(ctx)?
            .aliases_of_skill
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default())
    }
    async fn broader(&self, ctx: &Context<'_>) -> ApiResult<Option<Skill>> {
        let Some(id) = &self.0.broader_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.skill.load_one(id.clone()).await?.map(Skill))
    }
    async fn narrower(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        let n = loaders(ctx)?
            .narrower_of_skill
            .load_one(self.0.id.clone())
            .await?;
        Ok(n.unwrap_or_default().into_iter().map(Skill).collect())
    }
    async fn related(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        let l = loaders(ctx)?;
        let ids = l
            .related_of_skill
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        load_many(&l.skill, ids, Skill).await
    }
    /// People who hold the skill, highest level first (at most 100; see
    /// `holderCount`). People who left or opted out of search are listed only
    /// for themselves, HR and admins.
    async fn holders(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: i32,
    ) -> ApiResult<Vec<PersonSkill>> {
        let first = crate::api::graphql::query::size_within(first, crate::store::MAX_HOLDERS)?;
        let l = loaders(ctx)?;
        let h = l
            .holders_of_skill
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        let people = l
            .person
            .load_many(h.iter().map(|ps| ps.person_id.clone()))
            .await?;
        let hidden: std::collections::HashSet<String> = people
            .into_values()
            .filter(|p| !crate::api::graphql::authz::listed(ctx, p))
            .map(|p| p.id)
            .collect();
        Ok(h.into_iter()
            .filter(|ps| !hidden.contains(&ps.person_id))
            .take(first)
            .map(PersonSkill)
            .collect())
    }
    /// Finished interviews (completed or published) that covered it, most
    /// recent first, as far as the reader may see them: published summaries
    /// for everyone, every harvest for HR, their own for a leaver. Each
    /// names its leaver and the successors they named.
    async fn harvests(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: i32,
    ) -> ApiResult<Vec<Interview>> {
        let first = crate::api::graphql::query::size_within(first, 50)?;
        let found = loaders(ctx)?
            .harvests_of_skill
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        let mut out = Vec::new();
        for i in found {
            if out.len() == first {
                break;
            }
            if let Some(access) = interviews::access(ctx, &i).await? {
                out.push(Interview { i, access });
            }
        }
        Ok(out)
    }
    async fn holder_count(&self, ctx: &Context<'_>) -> ApiResult<i32> {
        let n = loaders(ctx)?
            .holder_count_of_skill
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or(0);
        Ok(n as i32)
    }
}
