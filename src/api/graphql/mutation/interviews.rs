//! Running a harvest interview: schedule, start, capture (questions,
//! answers, topics, successors, outside contacts, consent), complete,
//! publish, and keep or dispose of the record. HR, except that a leaver may
//! give or withdraw their own consent.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};
use chrono::{DateTime, Duration, Utc};

use crate::auth::{Action, Resource};
use crate::domain::{
    self, AuditEvent, InterviewPart, InterviewStatus, PersonStatus, QuestionOrigin, optional_text,
    required_text,
};
use crate::error::{ApiError, ApiResult};
use crate::harvest;
use crate::store::{InterviewFilter, NewQuestion, PageRequest};

use super::super::State;
use super::super::authz::{check, principal};
use super::super::cleanup::DiskCleanup;
use super::super::ids::Kind;
use super::super::interviews::{Access, DisposalCertificate, Interview, QuestionSet};
use super::super::query::external;
use super::new_id;
use super::patch_text;

/// Longest question, answer, note or summary accepted, in characters.
const MAX_TEXT: usize = 20_000;
/// Questions one request may add.
const MAX_QUESTIONS: usize = 100;
/// A person who has left may still be interviewed this many days after their leaving date.
const LEFT_GRACE_DAYS: i64 = 90;

#[derive(SimpleObject)]
pub struct InterviewPayload {
    pub interview: Interview,
}

#[derive(InputObject)]
pub struct ScheduleInterviewInput {
    /// A person who is LEAVING, or LEFT within the last 90 days.
    pub leaver_id: ID,
    pub interviewer_id: Option<ID>,
    pub scheduled_for: DateTime<Utc>,
    pub notes: Option<String>,
    /// Question sets whose questions open the interview.
    #[graphql(default)]
    pub question_set_ids: Vec<ID>,
    /// Add questions drawn from the graph for this leaver.
    #[graphql(default = true)]
    pub generate_questions: bool,
}

/// Absent fields are kept, null clears.
#[derive(InputObject)]
pub struct UpdateInterviewInput {
    pub id: ID,
    #[graphql(default)]
    pub interviewer_id: MaybeUndefined<ID>,
    pub scheduled_for: Option<DateTime<Utc>>,
    /// Interviewer's notes (part of the transcript); while scheduled or in progress.
    #[graphql(default)]
    pub notes: MaybeUndefined<String>,
    /// People outside the organisation to keep in touch with; while in progress.
    #[graphql(default)]
    pub outside_contacts: MaybeUndefined<String>,
    /// HR's summary for publication; while in progress or completed.
    #[graphql(default)]
    pub summary: MaybeUndefined<String>,
}

#[derive(InputObject)]
pub struct InterviewIdInput {
    pub id: ID,
}

#[derive(InputObject)]
pub struct PublishInterviewInput {
    pub id: ID,
    /// Replaces the summary draft; the draft is used when absent.
    pub summary: Option<String>,
}

#[derive(InputObject)]
pub struct RecordConsentInput {
    pub id: ID,
    /// Whether the leaver agrees to a summary being published.
    pub consent: bool,
}

#[derive(InputObject)]
pub struct AddQuestionsInput {
    pub interview_id: ID,
    #[graphql(default)]
    pub questions: Vec<String>,
    /// Also add this question set's questions.
    pub question_set_id: Option<ID>,
    /// Also add freshly generated questions.
    #[graphql(default)]
    pub generate: bool,
}

#[derive(InputObject)]
pub struct AnswerInput {
    pub position: i32,
    /// Null clears the answer.
    pub answer: Option<String>,
}

#[derive(InputObject)]
pub struct AnswerQuestionsInput {
    pub interview_id: ID,
    pub answers: Vec<AnswerInput>,
}

#[derive(InputObject)]
pub struct SetInterviewTopicsInput {
    pub interview_id: ID,
    pub skill_ids: Vec<ID>,
}

#[derive(InputObject)]
pub struct NameSuccessorInput {
    pub interview_id: ID,
    /// The topic; added to the interview's topics when missing.
    pub skill_id: ID,
    pub person_id: ID,
    /// "Ask Y about X now": what to ask them about.
    pub note: Option<String>,
}

#[derive(InputObject)]
pub struct RemoveSuccessorInput {
    pub interview_id: ID,
    pub skill_id: ID,
    pub person_id: ID,
}

#[derive(InputObject)]
pub struct SetRetentionInput {
    pub interview_id: ID,
    /// This record's own period in days from completion (0–36500); null returns to the default.
    #[graphql(default)]
    pub retention_days: MaybeUndefined<i32>,
    /// A hold blocks disposal until lifted.
    pub hold: Option<bool>,
    #[graphql(default)]
    pub hold_reason: MaybeUndefined<String>,
}

#[derive(InputObject)]
pub struct DisposeInterviewInput {
    pub interview_id: ID,
}

#[derive(InputObject)]
pub struct DisposeDueInput {
    /// Why this run happens (kept in the audit log), e.g. "monthly review".
    pub reason: Option<String>,
}

#[derive(SimpleObject)]
pub struct DisposalPayload {
    pub certificates: Vec<DisposalCertificate>,
    /// Records that were due but are on hold, so were kept.
    pub held: Vec<ID>,
    /// Records that could not be disposed of, with the reason.
    pub failed: Vec<String>,
    /// Whether the destroyed text also left the files on disk.
    pub cleanup: DiskCleanup,
}

#[derive(InputObject)]
pub struct QuestionSetInput {
    pub name: String,
    pub questions: Vec<String>,
}

#[derive(InputObject)]
pub struct CreateQuestionSetInput {
    pub question_set: QuestionSetInput,
}

#[derive(InputObject)]
pub struct UpdateQuestionSetInput {
    pub id: ID,
    pub question_set: QuestionSetInput,
}

#[derive(InputObject)]
pub struct DeleteQuestionSetInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct QuestionSetPayload {
    pub question_set: QuestionSet,
}

#[derive(SimpleObject)]
pub struct DeletedQuestionSetPayload {
    pub id: ID,
}

fn question_texts(texts: &[String]) -> ApiResult<Vec<String>> {
    if texts.len() > MAX_QUESTIONS {
        return Err(ApiError::bad_input(format!(
            "at most {MAX_QUESTIONS} questions at a time"
        )));
    }
    texts
        .iter()
        .enumerate()
        .map(|(n, t)| Ok(required_text(&format!("question {}", n + 1), t, 2_000)?))
        .collect()
}

/// The interview, for HR (the caller was checked by the field rule).
async fn load(ctx: &Context<'_>, id: &ID) -> ApiResult<domain::Interview> {
    let ext = external(Kind::Interview, id)?;
    State::of(ctx)?
        .store
        .interview(&ext)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("interview '{ext}'")))
}

fn payload(i: domain::Interview) -> InterviewPayload {
    InterviewPayload {
        interview: Interview {
            i,
            access: Access::Hr,
        },
    }
}

fn event(ctx: &Context<'_>, action: &str, id: &str) -> ApiResult<AuditEvent> {
    Ok(AuditEvent::new(
        principal(ctx)?.actor(),
        action,
        Some(format!("interview:{id}")),
    ))
}

/// Moves `i` to `next` (refusing a move the lifecycle does not allow) and saves it.
async fn advance(
    ctx: &Context<'_>,
    mut i: domain::Interview,
    next: InterviewStatus,
    audit: Option<AuditEvent>,
) -> ApiResult<domain::Interview> {
    let state = State::of(ctx)?;
    let before = i.status;
    before.check_move(next)?;
    let now = state.harvest.clock.now();
    match next {
        InterviewStatus::InProgress => i.started_at = Some(now),
        InterviewStatus::Completed => i.completed_at = Some(now),
        InterviewStatus::Published => i.published_at = Some(now),
        _ => {}
    }
    i.status = next;
    i.updated_at = now;
    Ok(state
        .store
        .save_interview(&i, before, audit.as_ref())
        .await?)
}

async fn new_questions(
    ctx: &Context<'_>,
    leaver: Option<&str>,
    set_ids: &[ID],
    texts: &[String],
    generate: bool,
) -> ApiResult<Vec<NewQuestion>> {
    let state = State::of(ctx)?;
    let mut out = Vec::new();
    let set_ids: Vec<String> = set_ids
        .iter()
        .map(|s| external(Kind::QuestionSet, s))
        .collect::<ApiResult<_>>()?;
    let sets = state.store.question_sets_by_ids(&set_ids).await?;
    for id in &set_ids {
        let set = sets
            .iter()
            .find(|s| &s.id == id)
            .ok_or_else(|| ApiError::NotFound(format!("question set '{id}'")))?;
        out.extend(set.questions.iter().map(|q| NewQuestion {
            text: q.clone(),
            origin: QuestionOrigin::Template,
            skill_id: None,
        }));
    }
    if generate && let Some(leaver) = leaver {
        let today = state.harvest.clock.today();
        let sources = harvest::questions::sources(&state.store, leaver, today).await?;
        out.extend(harvest::questions::generate(&sources));
    }
    out.extend(question_texts(texts)?.into_iter().map(|text| NewQuestion {
        text,
        origin: QuestionOrigin::Custom,
        skill_id: None,
    }));
    Ok(out)
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
        let state = State::of(ctx)?;
        let now = state.harvest.clock.now();
        let leaver_id = external(Kind::Person, &input.leaver_id)?;
        let leaver = state
            .store
            .person(&leaver_id)
            .await?
            .ok_or_else(|| ApiError::NotFound(format!("person '{leaver_id}'")))?;
        let recently_left = leaver.status == PersonStatus::Left
            && leaver
                .leaving_on
                .is_some_and(|d| d >= now.date_naive() - Duration::days(LEFT_GRACE_DAYS));
        if leaver.status != PersonStatus::Leaving && !recently_left {
            return Err(ApiError::bad_input(format!(
                "{} is not leaving: mark them LEAVING first (or LEFT within the last {LEFT_GRACE_DAYS} days, with a leaving date)",
                leaver.name
            )));
        }
        let interviewer_id = input
            .interviewer_id
            .as_ref()
            .map(|i| external(Kind::Person, i))
            .transpose()?;
        if interviewer_id.as_deref() == Some(leaver_id.as_str()) {
            return Err(ApiError::bad_input("a leaver cannot interview themselves"));
        }
        let open = state
            .store
            .list_interviews(
                &InterviewFilter {
                    statuses: vec![InterviewStatus::Scheduled, InterviewStatus::InProgress],
                    person_id: Some(leaver_id.clone()),
                    published_only: false,
                },
                &PageRequest {
                    first: 1,
                    after: None,
                },
            )
            .await?;
        if open.total > 0 {
            return Err(ApiError::Conflict(format!(
                "{} already has an interview that is scheduled or in progress",
                leaver.name
            )));
        }
        let questions = new_questions(
            ctx,
            Some(&leaver_id),
            &input.question_set_ids,
            &[],
            input.generate_questions,
        )
        .await?;
        let interview = domain::Interview {
            interviewer_id,
            notes: optional_text("notes", input.notes.as_deref(), MAX_TEXT)?,
            ..domain::Interview::scheduled(
                new_id("iv"),
                leaver_id,
                leaver.name.clone(),
                input.scheduled_for,
                now,
            )
        };
        let audit = event(ctx, "interview.schedule", &interview.id)?;
        let created = state
            .store
            .create_interview(&interview, &questions, &audit)
            .await?;
        Ok(payload(created))
    }

    /// Changes the interviewer, date, notes, outside contacts or summary draft.
    async fn update_interview(
        &self,
        ctx: &Context<'_>,
        input: UpdateInterviewInput,
    ) -> ApiResult<InterviewPayload> {
        let state = State::of(ctx)?;
        let mut i = load(ctx, &input.id).await?;
        let before = i.status;
        let changed = [
            (
                InterviewPart::Interviewer,
                !input.interviewer_id.is_undefined(),
            ),
            (InterviewPart::Date, input.scheduled_for.is_some()),
            (InterviewPart::Notes, !input.notes.is_undefined()),
            (
                InterviewPart::OutsideContacts,
                !input.outside_contacts.is_undefined(),
            ),
            (InterviewPart::Summary, !input.summary.is_undefined()),
        ];
        for (part, _) in changed.iter().filter(|(_, changed)| *changed) {
            part.check(before)
                .map_err(|e| ApiError::Conflict(e.to_string()))?;
        }
        i.interviewer_id = match input.interviewer_id {
            MaybeUndefined::Undefined => i.interviewer_id,
            MaybeUndefined::Null => None,
            MaybeUndefined::Value(p) => {
                let p = external(Kind::Person, &p)?;
                if i.person_id.as_deref() == Some(p.as_str()) {
                    return Err(ApiError::bad_input("a leaver cannot interview themselves"));
                }
                Some(p)
            }
        };
        if let Some(at) = input.scheduled_for {
            i.scheduled_for = at;
        }
        i.notes = patch_text("notes", i.notes, input.notes, MAX_TEXT)?;
        i.outside_contacts = patch_text(
            "outsideContacts",
            i.outside_contacts,
            input.outside_contacts,
            MAX_TEXT,
        )?;
        i.summary = patch_text("summary", i.summary, input.summary, MAX_TEXT)?;
        i.updated_at = state.harvest.clock.now();
        Ok(payload(state.store.save_interview(&i, before, None).await?))
    }

    async fn start_interview(
        &self,
        ctx: &Context<'_>,
        input: InterviewIdInput,
    ) -> ApiResult<InterviewPayload> {
        let i = load(ctx, &input.id).await?;
        let audit = event(ctx, "interview.start", &i.id)?;
        Ok(payload(
            advance(ctx, i, InterviewStatus::InProgress, Some(audit)).await?,
        ))
    }

    /// Closes the capture: the topics and named successors enter the
    /// knowledge graph, and the retention period starts.
    async fn complete_interview(
        &self,
        ctx: &Context<'_>,
        input: InterviewIdInput,
    ) -> ApiResult<InterviewPayload> {
        let i = load(ctx, &input.id).await?;
        let audit = event(ctx, "interview.complete", &i.id)?;
        Ok(payload(
            advance(ctx, i, InterviewStatus::Completed, Some(audit)).await?,
        ))
    }

    /// Publishes the summary to every employee and the search index; needs
    /// the leaver's consent and a summary.
    async fn publish_interview(
        &self,
        ctx: &Context<'_>,
        input: PublishInterviewInput,
    ) -> ApiResult<InterviewPayload> {
        let mut i = load(ctx, &input.id).await?;
        if let Some(s) = &input.summary {
            i.summary = Some(required_text("summary", s, MAX_TEXT)?);
        }
        if i.status == InterviewStatus::Completed {
            if !i.consent {
                return Err(ApiError::bad_input(
                    "the leaver has not consented to publication: record their consent first",
                ));
            }
            if i.summary.is_none() {
                return Err(ApiError::bad_input(
                    "write a summary first: only the summary is published, never the answers",
                ));
            }
        }
        let audit = event(ctx, "interview.publish", &i.id)?;
        Ok(payload(
            advance(ctx, i, InterviewStatus::Published, Some(audit)).await?,
        ))
    }

    /// Records whether the leaver consents to a summary being published. The
    /// leaver may do this themselves; HR may record it for them. Withdrawn
    /// after publication, the summary is unpublished at once.
    async fn record_consent(
        &self,
        ctx: &Context<'_>,
        input: RecordConsentInput,
    ) -> ApiResult<InterviewPayload> {
        let state = State::of(ctx)?;
        let ext = external(Kind::Interview, &input.id)?;
        let found = state.store.interview(&ext).await?;
        // Anyone but HR is refused alike whether or not the interview exists,
        // so a refusal says nothing about other people's interviews.
        let leaver = found
            .as_ref()
            .and_then(|i| i.person_id.clone())
            .unwrap_or_default();
        check(ctx, Action::InterviewConsent, Resource::Person(&leaver)).await?;
        let mut i = found.ok_or_else(|| ApiError::NotFound(format!("interview '{ext}'")))?;
        let before = i.status;
        i.set_consent(input.consent, state.harvest.clock.now())
            .map_err(|e| ApiError::Conflict(e.to_string()))?;
        let unpublished = before == InterviewStatus::Published && i.published_at.is_none();
        let audit = event(ctx, "interview.consent", &i.id)?
            .detail(serde_json::json!({ "consent": input.consent, "unpublished": unpublished }));
        let saved = state.store.save_interview(&i, before, Some(&audit)).await?;
        if unpublished {
            // The summary's words leave the text index's files too.
            let cleanup = state.engine.scrub_disk().await;
            tracing::info!(?cleanup, "unpublished summary scrubbed from disk");
        }
        let access = if principal(ctx)?.is(&leaver)
            && !super::super::authz::may(ctx, Action::InterviewManage, Resource::Any)
        {
            Access::Leaver
        } else {
            Access::Hr
        };
        Ok(InterviewPayload {
            interview: Interview { i: saved, access },
        })
    }

    /// Adds questions: typed in, from a question set, or generated afresh.
    async fn add_interview_questions(
        &self,
        ctx: &Context<'_>,
        input: AddQuestionsInput,
    ) -> ApiResult<InterviewPayload> {
        let state = State::of(ctx)?;
        let i = load(ctx, &input.interview_id).await?;
        let sets: Vec<ID> = input.question_set_id.into_iter().collect();
        let qs = new_questions(
            ctx,
            i.person_id.as_deref(),
            &sets,
            &input.questions,
            input.generate,
        )
        .await?;
        if qs.is_empty() {
            return Err(ApiError::bad_input("no questions to add"));
        }
        state
            .store
            .add_questions(&i.id, &qs, state.harvest.clock.now())
            .await?;
        Ok(payload(i))
    }

    /// Records answers by question position, while the interview is in progress.
    async fn answer_questions(
        &self,
        ctx: &Context<'_>,
        input: AnswerQuestionsInput,
    ) -> ApiResult<InterviewPayload> {
        let state = State::of(ctx)?;
        let i = load(ctx, &input.interview_id).await?;
        if input.answers.is_empty() || input.answers.len() > MAX_QUESTIONS {
            return Err(ApiError::bad_input(format!(
                "give between 1 and {MAX_QUESTIONS} answers"
            )));
        }
        let answers = input
            .answers
            .iter()
            .map(|a| {
                let position = u32::try_from(a.position)
                    .ok()
                    .filter(|p| *p >= 1)
                    .ok_or_else(|| ApiError::bad_input("position must be 1 or more"))?;
                let answer =
                    optional_text(&format!("answer {position}"), a.answer.as_deref(), MAX_TEXT)?;
                Ok((position, answer))
            })
            .collect::<ApiResult<Vec<_>>>()?;
        state
            .store
            .answer_questions(&i.id, &answers, state.harvest.clock.now())
            .await?;
        Ok(payload(i))
    }

    /// Replaces the skills the interview covers (successors for dropped topics go too).
    async fn set_interview_topics(
        &self,
        ctx: &Context<'_>,
        input: SetInterviewTopicsInput,
    ) -> ApiResult<InterviewPayload> {
        let state = State::of(ctx)?;
        let i = load(ctx, &input.interview_id).await?;
        let mut ids: Vec<String> = input
            .skill_ids
            .iter()
            .map(|s| external(Kind::Skill, s))
            .collect::<ApiResult<_>>()?;
        ids.sort();
        ids.dedup();
        if ids.len() > MAX_QUESTIONS {
            return Err(ApiError::bad_input(format!(
                "at most {MAX_QUESTIONS} topics"
            )));
        }
        let found = state.store.skills_by_ids(&ids).await?;
        if let Some(missing) = ids.iter().find(|s| !found.iter().any(|k| &k.id == *s)) {
            return Err(ApiError::NotFound(format!("skill '{missing}'")));
        }
        state
            .store
            .set_topics(&i.id, &ids, state.harvest.clock.now())
            .await?;
        Ok(payload(i))
    }

    /// Names a successor for a topic: "ask them about it now".
    async fn name_successor(
        &self,
        ctx: &Context<'_>,
        input: NameSuccessorInput,
    ) -> ApiResult<InterviewPayload> {
        let state = State::of(ctx)?;
        let i = load(ctx, &input.interview_id).await?;
        let person_id = external(Kind::Person, &input.person_id)?;
        let skill_id = external(Kind::Skill, &input.skill_id)?;
        if i.person_id.as_deref() == Some(person_id.as_str()) {
            return Err(ApiError::bad_input(
                "the leaver cannot be their own successor",
            ));
        }
        let person = state.store.person(&person_id).await?;
        match person.as_ref() {
            None => return Err(ApiError::NotFound(format!("person '{person_id}'"))),
            Some(p) if p.status == PersonStatus::Left => {
                return Err(ApiError::bad_input(format!(
                    "{} has left and cannot be a successor",
                    p.name
                )));
            }
            Some(_) => {}
        }
        if state.store.skill(&skill_id).await?.is_none() {
            return Err(ApiError::NotFound(format!("skill '{skill_id}'")));
        }
        let successor = domain::Successor {
            interview_id: i.id.clone(),
            skill_id,
            person_id,
            note: optional_text("note", input.note.as_deref(), MAX_TEXT)?,
        };
        state
            .store
            .set_successor(&successor, state.harvest.clock.now())
            .await?;
        Ok(payload(i))
    }

    async fn remove_successor(
        &self,
        ctx: &Context<'_>,
        input: RemoveSuccessorInput,
    ) -> ApiResult<InterviewPayload> {
        let state = State::of(ctx)?;
        let i = load(ctx, &input.interview_id).await?;
        let person_id = external(Kind::Person, &input.person_id)?;
        let skill_id = external(Kind::Skill, &input.skill_id)?;
        state
            .store
            .remove_successor(&i.id, &skill_id, &person_id, state.harvest.clock.now())
            .await?;
        Ok(payload(i))
    }

    /// Sets this record's retention period or a hold on disposal. Audited.
    async fn set_interview_retention(
        &self,
        ctx: &Context<'_>,
        input: SetRetentionInput,
    ) -> ApiResult<InterviewPayload> {
        let state = State::of(ctx)?;
        let mut i = load(ctx, &input.interview_id).await?;
        let before = i.status;
        i.retention_days = match input.retention_days {
            MaybeUndefined::Undefined => i.retention_days,
            MaybeUndefined::Null => None,
            MaybeUndefined::Value(d) => Some(
                u32::try_from(d)
                    .ok()
                    .filter(|d| *d <= 36_500)
                    .ok_or_else(|| {
                        ApiError::bad_input("retentionDays must be between 0 and 36500")
                    })?,
            ),
        };
        if let Some(hold) = input.hold {
            i.hold = hold;
        }
        i.hold_reason = patch_text("holdReason", i.hold_reason, input.hold_reason, 2_000)?;
        if !i.hold {
            i.hold_reason = None;
        }
        i.updated_at = state.harvest.clock.now();
        let audit = event(ctx, "interview.retention", &i.id)?.detail(serde_json::json!({
            "retentionDays": i.retention_days, "hold": i.hold, "holdReason": i.hold_reason,
        }));
        Ok(payload(
            state.store.save_interview(&i, before, Some(&audit)).await?,
        ))
    }

    /// Disposes of whatever of this record is due now: answers, notes and
    /// outside contacts when the transcript is due, the summary when its own
    /// period ends. Refused for a record on hold or not yet due.
    async fn dispose_interview(
        &self,
        ctx: &Context<'_>,
        input: DisposeInterviewInput,
    ) -> ApiResult<DisposalPayload> {
        let state = State::of(ctx)?;
        let i = load(ctx, &input.interview_id).await?;
        if i.hold {
            return Err(ApiError::Conflict(
                "this record is on hold and cannot be disposed of until the hold is lifted".into(),
            ));
        }
        let today = state.harvest.clock.today();
        let due = state.harvest.retention.due(&i, today);
        if due.is_empty() {
            let next = state
                .harvest
                .retention
                .schedule(&i)
                .iter()
                .map(|d| d.due_on)
                .min();
            return Err(ApiError::Conflict(match next {
                Some(d) => format!("nothing in this record is due for disposal until {d}"),
                None => "nothing in this record is due for disposal".into(),
            }));
        }
        let audit = event(ctx, "interview.dispose", &i.id)?;
        let certificates = state
            .store
            .dispose(&i.id, &due, state.harvest.clock.now(), &audit)
            .await?;
        let cleanup = state.engine.scrub_disk().await.into();
        Ok(DisposalPayload {
            certificates: certificates.into_iter().map(DisposalCertificate).collect(),
            held: vec![],
            failed: vec![],
            cleanup,
        })
    }

    /// Disposes of every record part due today; held records are kept.
    async fn dispose_due(
        &self,
        ctx: &Context<'_>,
        input: DisposeDueInput,
    ) -> ApiResult<DisposalPayload> {
        let state = State::of(ctx)?;
        let reason = optional_text("reason", input.reason.as_deref(), 500)?;
        let actor = principal(ctx)?.actor();
        if let Some(reason) = &reason {
            let e = AuditEvent::new(actor.clone(), "interview.dispose_due", None)
                .detail(serde_json::json!({ "reason": reason }));
            state.store.audit(&e).await?;
        }
        let run = harvest::dispose_due(
            &state.store,
            &state.harvest.retention,
            state.harvest.clock.today(),
            state.harvest.clock.now(),
            &actor,
            &|_, _| {},
        )
        .await?;
        let cleanup = state.engine.scrub_disk().await.into();
        Ok(DisposalPayload {
            cleanup,
            certificates: run
                .certificates
                .into_iter()
                .map(DisposalCertificate)
                .collect(),
            held: run
                .held
                .iter()
                .map(|id| super::super::ids::encode(Kind::Interview, id))
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
        let state = State::of(ctx)?;
        let set = question_set(new_id("qs"), input.question_set, state)?;
        Ok(QuestionSetPayload {
            question_set: QuestionSet(state.store.save_question_set(&set, false).await?),
        })
    }

    async fn update_question_set(
        &self,
        ctx: &Context<'_>,
        input: UpdateQuestionSetInput,
    ) -> ApiResult<QuestionSetPayload> {
        let state = State::of(ctx)?;
        let id = external(Kind::QuestionSet, &input.id)?;
        let set = question_set(id, input.question_set, state)?;
        Ok(QuestionSetPayload {
            question_set: QuestionSet(state.store.save_question_set(&set, true).await?),
        })
    }

    async fn delete_question_set(
        &self,
        ctx: &Context<'_>,
        input: DeleteQuestionSetInput,
    ) -> ApiResult<DeletedQuestionSetPayload> {
        let state = State::of(ctx)?;
        let id = external(Kind::QuestionSet, &input.id)?;
        state.store.delete_question_set(&id).await?;
        Ok(DeletedQuestionSetPayload {
            id: super::super::ids::encode(Kind::QuestionSet, &id),
        })
    }
}

fn question_set(
    id: String,
    input: QuestionSetInput,
    state: &State,
) -> ApiResult<domain::QuestionSet> {
    let questions = question_texts(&input.questions)?;
    if questions.is_empty() {
        return Err(ApiError::bad_input(
            "a question set needs at least one question",
        ));
    }
    Ok(domain::QuestionSet {
        id,
        name: required_text("name", &input.name, 200)?,
        questions,
        updated_at: state.harvest.clock.now(),
    })
}
