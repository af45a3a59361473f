use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::domain::{self, optional_text, required_text};
use crate::error::{ApiError, ApiResult};
use crate::store::NewEvidence;

use super::super::State;
use super::super::authz::{check, principal};
use super::super::ids::Kind;
use super::super::query::external;
use super::super::types::Evidence;
use super::super::types::loaders;
use super::new_id;
use crate::auth::{Action, Resource};

/// Evidence as a whole: on update every field is replaced.
#[derive(InputObject)]
pub struct EvidenceInput {
    #[graphql(default = "document")]
    pub kind: String,
    pub title: Option<String>,
    pub text: String,
    pub author_ids: Vec<ID>,
    #[graphql(default)]
    pub tag_ids: Vec<ID>,
    pub created_at: Option<DateTime<Utc>>,
}

#[derive(InputObject)]
pub struct CreateEvidenceInput {
    pub external_id: Option<String>,
    pub evidence: EvidenceInput,
}

#[derive(InputObject)]
pub struct UpdateEvidenceInput {
    pub id: ID,
    pub evidence: EvidenceInput,
}

#[derive(SimpleObject)]
pub struct EvidencePayload {
    pub evidence: Evidence,
}

async fn validate(state: &State, id: String, input: EvidenceInput) -> ApiResult<NewEvidence> {
    if input.author_ids.is_empty() {
        return Err(ApiError::bad_input("evidence needs at least one author"));
    }
    let author_ids: Vec<String> = input
        .author_ids
        .iter()
        .map(|a| external(Kind::Person, a))
        .collect::<ApiResult<_>>()?;
    let found = state.store.people_by_ids(&author_ids).await?;
    if let Some(missing) = author_ids
        .iter()
        .find(|a| !found.iter().any(|p| &p.id == *a))
    {
        return Err(ApiError::NotFound(format!("author '{missing}'")));
    }
    let skill_ids: Vec<String> = input
        .tag_ids
        .iter()
        .map(|t| external(Kind::Skill, t))
        .collect::<ApiResult<_>>()?;
    let found = state.store.skills_by_ids(&skill_ids).await?;
    if let Some(missing) = skill_ids
        .iter()
        .find(|s| !found.iter().any(|k| &k.id == *s))
    {
        return Err(ApiError::NotFound(format!("skill '{missing}'")));
    }
    Ok(NewEvidence {
        evidence: domain::Evidence {
            id,
            kind: required_text("kind", &input.kind, 50)?.to_lowercase(),
            title: optional_text("title", input.title.as_deref(), 500)?,
            text: required_text("text", &input.text, 200_000)?,
            created_at: input.created_at.unwrap_or_else(Utc::now),
        },
        author_ids,
        skill_ids,
    })
}

/// People write their own evidence, alone: naming colleagues as co-authors
/// (which puts the document on their profiles and into ranking), or changing
/// a document's authors, needs HR or an admin. On update the caller must be
/// one of the current authors.
async fn own_authorship(
    ctx: &Context<'_>,
    current: Option<&[String]>,
    new: &[String],
) -> ApiResult<()> {
    let p = principal(ctx)?;
    let mine = match current {
        None => new.len() == 1 && p.is(&new[0]),
        Some(current) => {
            let same = |a: &[String], b: &[String]| {
                let (mut a, mut b) = (a.to_vec(), b.to_vec());
                a.sort();
                b.sort();
                a == b
            };
            current.iter().any(|a| p.is(a)) && same(current, new)
        }
    };
    if mine {
        return Ok(());
    }
    check(ctx, Action::EvidenceAny, Resource::Any).await
}

#[derive(Default)]
pub struct EvidenceMutations;

#[Object]
impl EvidenceMutations {
    async fn create_evidence(
        &self,
        ctx: &Context<'_>,
        input: CreateEvidenceInput,
    ) -> ApiResult<EvidencePayload> {
        let state = State::of(ctx)?;
        let id = match input.external_id {
            Some(id) => domain::external_id("externalId", &id)?,
            None => new_id("d"),
        };
        let e = validate(state, id, input.evidence).await?;
        own_authorship(ctx, None, &e.author_ids).await?;
        Ok(EvidencePayload {
            evidence: Evidence(state.store.create_evidence(&e).await?),
        })
    }

    async fn update_evidence(
        &self,
        ctx: &Context<'_>,
        input: UpdateEvidenceInput,
    ) -> ApiResult<EvidencePayload> {
        let state = State::of(ctx)?;
        let id = external(Kind::Evidence, &input.id)?;
        let current = loaders(ctx)?
            .authors_of_evidence
            .load_one(id.clone())
            .await?
            .unwrap_or_default();
        let e = validate(state, id, input.evidence).await?;
        own_authorship(ctx, Some(&current), &e.author_ids).await?;
        Ok(EvidencePayload {
            evidence: Evidence(state.store.update_evidence(&e).await?),
        })
    }
}
