use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use crate::domain::{self, SkillKey, optional_text, required_text};
use crate::error::{ApiError, ApiResult};

use super::super::State;
use super::super::ids::Kind;
use super::super::query::external;
use super::super::types::Skill;
use super::{patch_text, patch_with};

#[derive(InputObject)]
pub struct CreateSkillInput {
    /// Defaults to the normalised name, as in import files.
    pub external_id: Option<String>,
    pub name: String,
    pub description: Option<String>,
    #[graphql(default)]
    pub aliases: Vec<String>,
    pub broader_id: Option<ID>,
    #[graphql(default)]
    pub related_ids: Vec<ID>,
}

/// Lists given replace the current ones; fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateSkillInput {
    pub id: ID,
    pub name: Option<String>,
    pub description: MaybeUndefined<String>,
    pub aliases: Option<Vec<String>>,
    pub broader_id: MaybeUndefined<ID>,
    pub related_ids: Option<Vec<ID>>,
}

#[derive(InputObject)]
pub struct MergeSkillsInput {
    /// The skill that stays.
    pub survivor_id: ID,
    /// The skill that goes: its name becomes an alias and its links move.
    pub merged_id: ID,
}

#[derive(SimpleObject)]
pub struct SkillPayload {
    pub skill: Skill,
}

fn aliases(list: &[String]) -> ApiResult<Vec<String>> {
    if list.len() > 50 {
        return Err(ApiError::bad_input("a skill has at most 50 aliases"));
    }
    list.iter()
        .map(|a| required_text("alias", a, 200).map_err(ApiError::from))
        .collect()
}

fn skill_ids(list: &[ID]) -> ApiResult<Vec<String>> {
    list.iter().map(|id| external(Kind::Skill, id)).collect()
}

async fn check_exist(state: &State, ids: &[String]) -> ApiResult<()> {
    let found = state.store.skills_by_ids(ids).await?;
    match ids.iter().find(|id| !found.iter().any(|s| &s.id == *id)) {
        Some(missing) => Err(ApiError::NotFound(format!("skill '{missing}'"))),
        None => Ok(()),
    }
}

#[derive(Default)]
pub struct SkillMutations;

#[Object]
impl SkillMutations {
    async fn create_skill(
        &self,
        ctx: &Context<'_>,
        input: CreateSkillInput,
    ) -> ApiResult<SkillPayload> {
        let state = State::of(ctx)?;
        let name = required_text("name", &input.name, 200)?;
        let skill = domain::Skill {
            id: match input.external_id {
                Some(id) => domain::external_id("externalId", &id)?,
                None => SkillKey::of(&name).into_string(),
            },
            description: optional_text("description", input.description.as_deref(), 5_000)?,
            broader_id: input
                .broader_id
                .map(|id| external(Kind::Skill, &id))
                .transpose()?,
            name,
        };
        let related = skill_ids(&input.related_ids)?;
        check_exist(state, &related).await?;
        check_exist(state, skill.broader_id.as_slice()).await?;
        let created = state
            .store
            .create_skill(&skill, &aliases(&input.aliases)?, &related)
            .await?;
        Ok(SkillPayload {
            skill: Skill(created),
        })
    }

    async fn update_skill(
        &self,
        ctx: &Context<'_>,
        input: UpdateSkillInput,
    ) -> ApiResult<SkillPayload> {
        let state = State::of(ctx)?;
        let id = external(Kind::Skill, &input.id)?;
        let current = state.store.skill(&id).await?;
        let mut skill = current.ok_or_else(|| ApiError::NotFound(format!("skill '{id}'")))?;
        if let Some(name) = input.name {
            skill.name = required_text("name", &name, 200)?;
        }
        skill.description = patch_text("description", skill.description, input.description, 5_000)?;
        skill.broader_id = patch_with(skill.broader_id, input.broader_id, |id| {
            external(Kind::Skill, &id).map_err(|e| domain::Invalid(e.message()))
        })?;
        check_exist(state, skill.broader_id.as_slice()).await?;
        let aliases = input.aliases.as_deref().map(aliases).transpose()?;
        let related = input.related_ids.as_deref().map(skill_ids).transpose()?;
        if let Some(r) = &related {
            check_exist(state, r).await?;
        }
        let updated = state
            .store
            .update_skill(&skill, aliases.as_deref(), related.as_deref())
            .await?;
        Ok(SkillPayload {
            skill: Skill(updated),
        })
    }

    /// Merges two skills that mean the same: aliases, holders, endorsements,
    /// communities, evidence tags and taxonomy links all move to the survivor.
    async fn merge_skills(
        &self,
        ctx: &Context<'_>,
        input: MergeSkillsInput,
    ) -> ApiResult<SkillPayload> {
        let survivor = external(Kind::Skill, &input.survivor_id)?;
        let merged = external(Kind::Skill, &input.merged_id)?;
        let skill = State::of(ctx)?
            .store
            .merge_skills(&survivor, &merged)
            .await?;
        Ok(SkillPayload {
            skill: Skill(skill),
        })
    }
}
