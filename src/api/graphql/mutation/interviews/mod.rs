//! Running a harvest interview: schedule, start, capture (questions,
//! answers, topics, successors, outside contacts, consent), complete,
//! publish, and keep or dispose of the record. HR, except that a leaver may
//! give or withdraw their own consent. The rules live in
//! `harvest::interviews`; each resolver parses its input, calls one workflow
//! and maps the result.

use async_graphql::{Context, ID, MaybeUndefined, Object};

use crate::api::graphql::State;
use crate::api::graphql::authz::{may, principal};
use crate::api::graphql::ids::{Kind, arg, encode};
use crate::api::graphql::interviews::{Access, DisposalCertificate, Interview, QuestionSet};
use crate::api::graphql::records::DisposalRequest;
use crate::auth::{Principal, Resource};
use crate::domain::{self, Clock, InterviewId, PersonId, QuestionSetId, SkillId};
use crate::error::ApiResult;
use crate::harvest::interviews as workflow;
use crate::store::Store;

use super::gate::Checked;

mod inputs;

pub use inputs::*;

/// What every interview workflow runs with: the store, the server's clock
/// and the caller.
fn env<'a>(ctx: &Context<'a>) -> ApiResult<(&'a dyn Store, &'a Clock, &'a Principal)> {
    let state = State::of(ctx)?;
    Ok((state.store.as_ref(), &state.harvest.clock, principal(ctx)?))
}

/// HR's view of the interview (the caller was checked by the field rule).
fn payload(i: domain::Interview) -> InterviewPayload {
    InterviewPayload {
        interview: Interview {
            i,
            access: Access::Hr,
        },
    }
}

/// A GraphQL patch as a workflow patch: absent keeps (`None`), null clears
/// (`Some(None)`), a value sets.
fn patch<T>(p: MaybeUndefined<T>) -> Option<Option<T>> {
    match p {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(v)),
    }
}

fn question_set_ids(ids: &[ID]) -> ApiResult<Vec<QuestionSetId>> {
    ids.iter().map(arg).collect()
}

fn disposal(certificates: Vec<domain::DisposalCertificate>) -> Vec<DisposalCertificate> {
    certificates.into_iter().map(DisposalCertificate).collect()
}

#[derive(Default)]
pub struct InterviewMutations;

#[Object]
impl InterviewMutations {
    /// Schedules a harvest interview with a leaver, opening with the chosen
    /// question sets and questions drawn from the graph.
    async fn schedule_interview(
        &self,
        ctx: &Context<'_>,
        input: ScheduleInterviewInput,
    ) -> ApiResult<InterviewPayload> {
        let (store, clock, me) = env(ctx)?;
        let plan = workflow::Schedule {
            leaver: arg(&input.leaver_id)?,
            interviewer: input.interviewer_id.as_ref().map(arg).transpose()?,
            scheduled_for: input.scheduled_for,
            notes: input.notes,
            question_sets: question_set_ids(&input.question_set_ids)?,
            generate_questions: input.generate_questions,
        };
        Ok(payload(workflow::schedule(store, clock, me, plan).await?))
    }

    /// Changes the interviewer, date, notes, outside contacts or summary draft.
    async fn update_interview(
        &self,
        ctx: &Context<'_>,
        input: UpdateInterviewInput,
    ) -> ApiResult<InterviewPayload> {
        let (store, clock, _) = env(ctx)?;
        let edit = workflow::Edit {
            interviewer: patch(input.interviewer_id)
                .map(|p| p.as_ref().map(arg::<PersonId>).transpose())
                .transpose()?,
            scheduled_for: input.scheduled_for,
            notes: patch(input.notes),
            outside_contacts: patch(input.outside_contacts),
            summary: patch(input.summary),
        };
        Ok(payload(
            workflow::update(store, clock, &arg(&input.id)?, edit).await?,
        ))
    }

    async fn start_interview(
        &self,
        ctx: &Context<'_>,
        input: InterviewIdInput,
    ) -> ApiResult<InterviewPayload> {
        let (store, clock, me) = env(ctx)?;
        Ok(payload(
            workflow::start(store, clock, me, &arg(&input.id)?).await?,
        ))
    }

    /// Closes the capture: the topics and named successors enter the
    /// knowledge graph, and the retention period starts.
    async fn complete_interview(
        &self,
        ctx: &Context<'_>,
        input: CompleteInterviewInput,
    ) -> ApiResult<InterviewPayload> {
        let (store, clock, me) = env(ctx)?;
        let id = arg(&input.id)?;
        Ok(payload(
            workflow::complete(store, clock, me, &id, input.skip_unanswered).await?,
        ))
    }

    /// Publishes the summary to every employee and the search index; needs
    /// the leaver's consent and a summary.
    async fn publish_interview(
        &self,
        ctx: &Context<'_>,
        input: PublishInterviewInput,
    ) -> ApiResult<InterviewPayload> {
        let (store, clock, me) = env(ctx)?;
        let id = arg(&input.id)?;
        let published = workflow::publish(store, clock, me, &id, input.summary.as_deref()).await?;
        Ok(payload(published))
    }

    /// Records whether the leaver consents to a summary being published. The
    /// leaver may do this themselves; HR may record it for them. Withdrawn
    /// after publication, the summary is unpublished at once.
    async fn record_consent(
        &self,
        ctx: &Context<'_>,
        input: RecordConsentInput,
    ) -> ApiResult<InterviewPayload> {
        let (store, clock, me) = env(ctx)?;
        let id: InterviewId = arg(&input.id)?;
        let done =
            workflow::record_consent(store, clock, me, &Checked(ctx), &id, input.consent).await?;
        let leaver = done.interview.person_id.clone().unwrap_or_default();
        if done.unpublished {
            // The summary's words leave the text index's files too.
            let cleanup = State::of(ctx)?.engine.scrub_disk().await;
            tracing::info!(?cleanup, "unpublished summary scrubbed from disk");
        }
        let access =
            if me.is(&leaver) && !may(ctx, crate::auth::Action::InterviewManage, Resource::Any) {
                Access::Leaver
            } else {
                Access::Hr
            };
        Ok(InterviewPayload {
            interview: Interview {
                i: done.interview,
                access,
            },
        })
    }

    /// Adds questions: typed in, from a question set, or generated afresh.
    async fn add_interview_questions(
        &self,
        ctx: &Context<'_>,
        input: AddQuestionsInput,
    ) -> ApiResult<InterviewPayload> {
        let (store, clock, _) = env(ctx)?;
        let id = arg(&input.interview_id)?;
        let set = input
            .question_set_id
            .as_ref()
            .map(arg::<QuestionSetId>)
            .transpose()?;
        let i = workflow::add_questions(store, clock, &id, &input.questions, set, input.generate)
            .await?;
        Ok(payload(i))
    }

    /// Records answers by question position, while the interview is in progress.
    async fn answer_questions(
        &self,
        ctx: &Context<'_>,
        input: AnswerQuestionsInput,
    ) -> ApiResult<InterviewPayload> {
        let (store, clock, _) = env(ctx)?;
        let answers: Vec<(i32, Option<String>)> = input
            .answers
            .into_iter()
            .map(|a| (a.position, a.answer))
            .collect();
        let id = arg(&input.interview_id)?;
        Ok(payload(
            workflow::answer(store, clock, &id, &answers).await?,
        ))
    }

    /// Replaces the skills the interview covers (successors for dropped topics go too).
    async fn set_interview_topics(
        &self,
        ctx: &Context<'_>,
        input: SetInterviewTopicsInput,
    ) -> ApiResult<InterviewPayload> {
        let (store, clock, _) = env(ctx)?;
        let id = arg(&input.interview_id)?;
        let skills = input
            .skill_ids
            .iter()
            .map(arg::<SkillId>)
            .collect::<ApiResult<_>>()?;
        Ok(payload(
            workflow::set_topics(store, clock, &id, skills).await?,
        ))
    }

    /// Names a successor for a topic: "ask them about it now".
    async fn name_successor(
        &self,
        ctx: &Context<'_>,
        input: NameSuccessorInput,
    ) -> ApiResult<InterviewPayload> {
        let (store, clock, _) = env(ctx)?;
        let id = arg(&input.interview_id)?;
        let (skill, person) = (arg(&input.skill_id)?, arg(&input.person_id)?);
        let i = workflow::name_successor(store, clock, &id, skill, person, input.note.as_deref())
            .await?;
        Ok(payload(i))
    }

    async fn remove_successor(
        &self,
        ctx: &Context<'_>,
        input: RemoveSuccessorInput,
    ) -> ApiResult<InterviewPayload> {
        let (store, clock, _) = env(ctx)?;
        let id = arg(&input.interview_id)?;
        let (skill, person) = (arg(&input.skill_id)?, arg(&input.person_id)?);
        Ok(payload(
            workflow::remove_successor(store, clock, &id, &skill, &person).await?,
        ))
    }

    /// Sets this record's retention period or a hold on disposal. Audited.
    async fn set_interview_retention(
        &self,
        ctx: &Context<'_>,
        input: SetRetentionInput,
    ) -> ApiResult<InterviewPayload> {
        let (store, clock, me) = env(ctx)?;
        let id = arg(&input.interview_id)?;
        let change = workflow::Retain {
            days: patch(input.retention_days),
            hold: input.hold,
            hold_reason: patch(input.hold_reason),
        };
        let retention = &State::of(ctx)?.harvest.retention;
        Ok(payload(
            workflow::set_retention(store, clock, retention, me, &id, change).await?,
        ))
    }

    /// Asks for early destruction: a retention period below the configured
    /// one, or the transcript disposed of now. A second HR or admin person
    /// (never the requester) decides it. Audited.
    async fn request_disposal(
        &self,
        ctx: &Context<'_>,
        input: RequestDisposalInput,
    ) -> ApiResult<DisposalRequestPayload> {
        let (store, clock, me) = env(ctx)?;
        let retention = &State::of(ctx)?.harvest.retention;
        let id = arg(&input.interview_id)?;
        let ask = workflow::four_eyes::Ask {
            kind: input.kind.into(),
            retention_days: input.retention_days,
            reason: input.reason,
        };
        let request =
            workflow::four_eyes::request(store, clock, retention, me, &Checked(ctx), &id, ask)
                .await?;
        Ok(DisposalRequestPayload {
            request: DisposalRequest(request),
            certificates: vec![],
        })
    }

    /// Approves or rejects someone else's disposal request, or withdraws
    /// one's own. An approval takes effect at once: the shorter period is
    /// set, or the transcript is disposed of with a certificate naming both
    /// people. Audited, refusals too.
    async fn decide_disposal_request(
        &self,
        ctx: &Context<'_>,
        input: DecideDisposalInput,
    ) -> ApiResult<DisposalRequestPayload> {
        let (store, clock, me) = env(ctx)?;
        let id = domain::DisposalRequestId::parse(&input.id)?;
        let (request, certificates) = workflow::four_eyes::decide(
            store,
            clock,
            me,
            &Checked(ctx),
            &id,
            input.decision.into(),
            input.note.as_deref(),
        )
        .await?;
        if !certificates.is_empty() {
            State::of(ctx)?.engine.scrub_disk().await;
        }
        Ok(DisposalRequestPayload {
            request: DisposalRequest(request),
            certificates: disposal(certificates),
        })
    }

    /// Disposes of whatever of this record is due now: answers, notes and
    /// outside contacts when the transcript is due, the summary when its own
    /// period ends. Refused for a record on hold or not yet due.
    async fn dispose_interview(
        &self,
        ctx: &Context<'_>,
        input: DisposeInterviewInput,
    ) -> ApiResult<DisposalPayload> {
        let (store, clock, me) = env(ctx)?;
        let state = State::of(ctx)?;
        let id = arg(&input.interview_id)?;
        let certificates =
            workflow::dispose(store, clock, &state.harvest.retention, me, &id).await?;
        Ok(DisposalPayload {
            certificates: disposal(certificates),
            held: vec![],
            failed: vec![],
            cleanup: state.engine.scrub_disk().await.into(),
        })
    }

    /// Disposes of every record part due today; held records are kept.
    async fn dispose_due(
        &self,
        ctx: &Context<'_>,
        input: DisposeDueInput,
    ) -> ApiResult<DisposalPayload> {
        let (store, clock, me) = env(ctx)?;
        let state = State::of(ctx)?;
        let run = workflow::dispose_due(
            store,
            clock,
            &state.harvest.retention,
            &me.actor(),
            input.reason.as_deref(),
            &|_, _| {},
        )
        .await?;
        Ok(DisposalPayload {
            cleanup: state.engine.scrub_disk().await.into(),
            certificates: disposal(run.certificates),
            held: run
                .held
                .iter()
                .map(|id| encode(Kind::Interview, id))
                .collect(),
            failed: run
                .failed
                .into_iter()
                .map(|(id, why)| format!("{id}: {why}"))
                .collect(),
        })
    }

    async fn create_question_set(
        &self,
        ctx: &Context<'_>,
        input: CreateQuestionSetInput,
    ) -> ApiResult<QuestionSetPayload> {
        let (store, clock, _) = env(ctx)?;
        let QuestionSetInput { name, questions } = input.question_set;
        let set = workflow::create_question_set(store, clock, &name, &questions).await?;
        Ok(QuestionSetPayload {
            question_set: QuestionSet(set),
        })
    }

    async fn update_question_set(
        &self,
        ctx: &Context<'_>,
        input: UpdateQuestionSetInput,
    ) -> ApiResult<QuestionSetPayload> {
        let (store, clock, _) = env(ctx)?;
        let id: QuestionSetId = arg(&input.id)?;
        let QuestionSetInput { name, questions } = input.question_set;
        let set = workflow::update_question_set(store, clock, id, &name, &questions).await?;
        Ok(QuestionSetPayload {
            question_set: QuestionSet(set),
        })
    }

    async fn delete_question_set(
        &self,
        ctx: &Context<'_>,
        input: DeleteQuestionSetInput,
    ) -> ApiResult<DeletedQuestionSetPayload> {
        let (store, _, _) = env(ctx)?;
        let id: QuestionSetId = arg(&input.id)?;
        workflow::delete_question_set(store, &id).await?;
        Ok(DeletedQuestionSetPayload {
            id: encode(Kind::QuestionSet, &id),
        })
    }
}
