use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use crate::api::graphql::State;
use crate::api::graphql::ids::arg;
use crate::api::graphql::types::Skill;
use crate::domain::limits::{DESCRIPTION, NAME};
use crate::domain::{SkillId, SkillKey, optional_text, required_text};
use crate::error::ApiResult;
use crate::skills::taxonomy::{self, NewSkill};

use super::{edit, edit_text, id_arg};

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

fn skill_ids(list: &[ID]) -> ApiResult<Vec<SkillId>> {
    list.iter().map(arg).collect()
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
        let name = required_text("name", &input.name, NAME)?;
        let skill = NewSkill {
            id: match input.external_id {
                Some(id) => SkillId::parse_field("externalId", &id)?,
                None => SkillId::known(SkillKey::of(&name).into_string()),
            },
            description: optional_text("description", input.description.as_deref(), DESCRIPTION)?,
            broader_id: input.broader_id.as_ref().map(arg).transpose()?,
            related_ids: skill_ids(&input.related_ids)?,
            aliases: input.aliases,
            name,
        };
        let created = taxonomy::create(State::of(ctx)?.store.as_ref(), skill).await?;
        Ok(SkillPayload {
            skill: Skill(created),
        })
    }

    async fn update_skill(
        &self,
        ctx: &Context<'_>,
        input: UpdateSkillInput,
    ) -> ApiResult<SkillPayload> {
        let id: SkillId = arg(&input.id)?;
        let edit = taxonomy::Edit {
            name: match input.name {
                Some(name) => Some(required_text("name", &name, NAME)?),
                None => None,
            },
            description: edit_text("description", input.description, DESCRIPTION)?,
            broader_id: edit(input.broader_id, id_arg::<SkillId>)?,
            aliases: input.aliases,
            related_ids: input.related_ids.as_deref().map(skill_ids).transpose()?,
        };
        let updated = taxonomy::update(State::of(ctx)?.store.as_ref(), &id, edit).await?;
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
        let survivor: SkillId = arg(&input.survivor_id)?;
        let merged: SkillId = arg(&input.merged_id)?;
        let skill = taxonomy::merge(State::of(ctx)?.store.as_ref(), &survivor, &merged).await?;
        Ok(SkillPayload {
            skill: Skill(skill),
        })
    }
}
