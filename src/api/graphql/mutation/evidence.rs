use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::api::graphql::State;
use crate::api::graphql::authz::principal;
use crate::api::graphql::ids::arg;
use crate::api::graphql::types::Evidence;
use crate::domain::EvidenceId;
use crate::error::ApiResult;
use crate::people::evidence::{self, Draft};

use super::gate::Checked;

/// Evidence as a whole: on update every field is replaced.
#[derive(InputObject)]
pub struct EvidenceInput {
    #[graphql(default = "document")]
    pub kind: String,
    pub title: Option<String>,
    pub text: String,
    /// Where the original can be opened: an `https://` or `http://` link.
    pub url: Option<String>,
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

impl EvidenceInput {
    fn draft(self) -> ApiResult<Draft> {
        Ok(Draft {
            author_ids: self.author_ids.iter().map(arg).collect::<ApiResult<_>>()?,
            tag_ids: self.tag_ids.iter().map(arg).collect::<ApiResult<_>>()?,
            kind: self.kind,
            title: self.title,
            text: self.text,
            url: self.url,
            created_at: self.created_at,
        })
    }
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
            Some(id) => EvidenceId::parse_field("externalId", &id)?,
            None => EvidenceId::generate(),
        };
        let e = evidence::create(
            state.store.as_ref(),
            &state.harvest.clock,
            principal(ctx)?,
            &Checked(ctx),
            id,
            input.evidence.draft()?,
        )
        .await?;
        Ok(EvidencePayload {
            evidence: Evidence(e),
        })
    }

    async fn update_evidence(
        &self,
        ctx: &Context<'_>,
        input: UpdateEvidenceInput,
    ) -> ApiResult<EvidencePayload> {
        let state = State::of(ctx)?;
        let id: EvidenceId = arg(&input.id)?;
        let e = evidence::update(
            state.store.as_ref(),
            &state.harvest.clock,
            principal(ctx)?,
            &Checked(ctx),
            id,
            input.evidence.draft()?,
        )
        .await?;
        Ok(EvidencePayload {
            evidence: Evidence(e),
        })
    }
}
