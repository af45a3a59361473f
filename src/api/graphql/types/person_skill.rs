//! `PersonSkill`: a person's hold on a skill, with its endorsements.

use async_graphql::{Context, Object};
use chrono::NaiveDate;

use crate::api::graphql::enums::SkillSource;
use crate::domain;
use crate::error::ApiResult;

use super::{Endorsement, Person, Skill, loaders, person_by_id};

#[derive(Clone)]
pub struct PersonSkill(pub domain::PersonSkill);

/// A person's hold on a skill.
#[Object]
impl PersonSkill {
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, Some(&self.0.person_id)).await
    }
    async fn skill(&self, ctx: &Context<'_>) -> ApiResult<Option<Skill>> {
        Ok(loaders(ctx)?
            .skill
            .load_one(self.0.skill_id.clone())
            .await?
            .map(Skill))
    }
    /// 1 (awareness) to 5 (expert).
    async fn level(&self) -> i32 {
        self.0.level.get().into()
    }
    async fn source(&self) -> SkillSource {
        self.0.source.into()
    }
    async fn last_used(&self) -> Option<NaiveDate> {
        self.0.last_used
    }
    async fn endorsements(&self, ctx: &Context<'_>) -> ApiResult<Vec<Endorsement>> {
        let all = loaders(ctx)?
            .endorsements_of_person
            .load_one(self.0.person_id.clone())
            .await?;
        Ok(all
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e.skill_id == self.0.skill_id)
            .map(Endorsement)
            .collect())
    }
}
