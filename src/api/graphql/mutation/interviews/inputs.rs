//! The interview mutations' input objects and payloads.

use async_graphql::{ID, InputObject, MaybeUndefined, SimpleObject};
use chrono::{DateTime, Utc};

use crate::api::graphql::cleanup::DiskCleanup;
use crate::api::graphql::enums::{DisposalDecision, DisposalKind};
use crate::api::graphql::interviews::{DisposalCertificate, Interview, QuestionSet};
use crate::api::graphql::records::DisposalRequest;

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
pub struct CompleteInterviewInput {
    pub id: ID,
    /// Complete even though some questions have no answer; they are
    /// recorded as skipped in the audit log.
    #[graphql(default)]
    pub skip_unanswered: bool,
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
pub struct RequestDisposalInput {
    pub interview_id: ID,
    pub kind: DisposalKind,
    /// For SHORTEN: the new period in days from completion, below the configured one.
    pub retention_days: Option<i32>,
    /// Why (kept with the request and in the audit log), e.g. "the leaver asked".
    pub reason: String,
}

#[derive(InputObject)]
pub struct DecideDisposalInput {
    /// The request's id (`dr-…`).
    pub id: String,
    pub decision: DisposalDecision,
    /// Why, for the record (e.g. the reason for a rejection).
    pub note: Option<String>,
}

/// A disposal request as it stands after the mutation, and what an
/// approval disposed of.
#[derive(SimpleObject)]
pub struct DisposalRequestPayload {
    pub request: DisposalRequest,
    pub certificates: Vec<DisposalCertificate>,
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
