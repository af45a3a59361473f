//! Asking the network and answering it.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};

use crate::api::graphql::enums::QuestionVisibility;
use crate::api::graphql::ids::arg;
use crate::api::graphql::questions::{Answer, NetworkQuestion};
use crate::api::graphql::{State, authz};
use crate::domain::{AnswerId, PersonId, QuestionId, SkillId};
use crate::error::ApiResult;
use crate::network::questions::{self, Network, NewQuestion};

#[derive(InputObject)]
pub struct AskQuestionInput {
    pub text: String,
    /// Skills it is about, to steer the routing (and tag the answer).
    #[graphql(default)]
    pub skill_ids: Vec<ID>,
    /// PUBLIC (default): the accepted answer becomes evidence; PRIVATE: it never does.
    #[graphql(default_with = "QuestionVisibility::Public")]
    pub visibility: QuestionVisibility,
}

#[derive(InputObject)]
pub struct AnswerQuestionInput {
    pub question_id: ID,
    pub text: String,
}

#[derive(InputObject)]
pub struct DeclineQuestionInput {
    pub question_id: ID,
    /// Why not (optional; the asker sees it).
    pub note: Option<String>,
}

#[derive(InputObject)]
pub struct PassQuestionInput {
    pub question_id: ID,
    /// The colleague it goes to.
    pub person_id: ID,
    /// Why them.
    pub note: String,
}

#[derive(InputObject)]
pub struct AcceptAnswerInput {
    pub answer_id: ID,
}

#[derive(InputObject)]
pub struct CloseQuestionInput {
    pub question_id: ID,
}

#[derive(SimpleObject)]
pub struct QuestionPayload {
    pub question: NetworkQuestion,
}

#[derive(SimpleObject)]
pub struct AnswerPayload {
    pub answer: Answer,
    pub question: NetworkQuestion,
}

pub(super) fn network<'a>(state: &'a State) -> Network<'a> {
    Network {
        store: state.store.as_ref(),
        engine: state.engine.as_ref(),
        clock: &state.harvest.clock,
        settings: &state.network,
    }
}

async fn payload(ctx: &Context<'_>, id: &str) -> ApiResult<QuestionPayload> {
    Ok(QuestionPayload {
        question: NetworkQuestion::load(ctx, id).await?,
    })
}

#[derive(Default)]
pub struct QuestionMutations;

#[Object]
impl QuestionMutations {
    /// Asks the network: the question goes at once to the few people most
    /// likely to know (`[routing]`), who are notified.
    async fn ask_question(
        &self,
        ctx: &Context<'_>,
        input: AskQuestionInput,
    ) -> ApiResult<QuestionPayload> {
        let state = State::of(ctx)?;
        let new = NewQuestion {
            text: input.text,
            skill_ids: input
                .skill_ids
                .iter()
                .map(arg::<SkillId>)
                .collect::<ApiResult<_>>()?,
            visibility: input.visibility.into(),
        };
        let q = questions::ask(&network(state), authz::principal(ctx)?, new).await?;
        payload(ctx, &q.id).await
    }

    /// Answers a question routed to you; the asker is told.
    async fn answer_question(
        &self,
        ctx: &Context<'_>,
        input: AnswerQuestionInput,
    ) -> ApiResult<AnswerPayload> {
        let state = State::of(ctx)?;
        let id: QuestionId = arg(&input.question_id)?;
        let a =
            questions::answer(&network(state), authz::principal(ctx)?, &id, &input.text).await?;
        Ok(AnswerPayload {
            answer: Answer { a, accepted: false },
            question: NetworkQuestion::load(ctx, &id).await?,
        })
    }

    /// "Not me": the question goes on to the next person.
    async fn decline_question(
        &self,
        ctx: &Context<'_>,
        input: DeclineQuestionInput,
    ) -> ApiResult<QuestionPayload> {
        let state = State::of(ctx)?;
        let id: QuestionId = arg(&input.question_id)?;
        questions::decline(&network(state), authz::principal(ctx)?, &id, input.note).await?;
        payload(ctx, &id).await
    }

    /// Passes a question routed to you to a colleague, with a note.
    async fn pass_question(
        &self,
        ctx: &Context<'_>,
        input: PassQuestionInput,
    ) -> ApiResult<QuestionPayload> {
        let state = State::of(ctx)?;
        let id: QuestionId = arg(&input.question_id)?;
        let to: PersonId = arg(&input.person_id)?;
        questions::pass(
            &network(state),
            authz::principal(ctx)?,
            &id,
            &to,
            &input.note,
        )
        .await?;
        payload(ctx, &id).await
    }

    /// The asker marks the answer that helped; a public question's answer
    /// becomes evidence.
    async fn accept_answer(
        &self,
        ctx: &Context<'_>,
        input: AcceptAnswerInput,
    ) -> ApiResult<QuestionPayload> {
        let state = State::of(ctx)?;
        let id: AnswerId = arg(&input.answer_id)?;
        let q = questions::accept(&network(state), authz::principal(ctx)?, &id).await?;
        payload(ctx, &q.id).await
    }

    /// The asker says none of the answers helped.
    async fn close_question(
        &self,
        ctx: &Context<'_>,
        input: CloseQuestionInput,
    ) -> ApiResult<QuestionPayload> {
        let state = State::of(ctx)?;
        let id: QuestionId = arg(&input.question_id)?;
        questions::close(&network(state), authz::principal(ctx)?, &id).await?;
        payload(ctx, &id).await
    }
}
