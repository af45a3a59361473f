//! Row shapes of the interview tables and their conversion into domain types.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{
    DisposalCertificate, Interview, InterviewStatus, Question, QuestionOrigin, QuestionSet,
    RecordPart, Successor,
};

use crate::store::StoreError;
use crate::store::paging::Keyed;

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("stored {what} is invalid: {e}"))
}

pub const INTERVIEW_COLUMNS: &str = "id, person_id, person_name, interviewer_id, status, scheduled_for, notes, \
     outside_contacts, consent, consent_at, summary, started_at, completed_at, published_at, retention_days, \
     hold, hold_reason, disposed_at, summary_disposed_at, created_at, updated_at, hold_by, hold_at";

#[derive(sqlx::FromRow)]
pub struct InterviewRow {
    pub id: String,
    pub person_id: Option<String>,
    pub person_name: String,
    pub interviewer_id: Option<String>,
    pub status: String,
    pub scheduled_for: DateTime<Utc>,
    pub notes: Option<String>,
    pub outside_contacts: Option<String>,
    pub consent: bool,
    pub consent_at: Option<DateTime<Utc>>,
    pub summary: Option<String>,
    pub started_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub retention_days: Option<i32>,
    pub hold: bool,
    pub hold_reason: Option<String>,
    pub disposed_at: Option<DateTime<Utc>>,
    pub summary_disposed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub hold_by: Option<String>,
    pub hold_at: Option<DateTime<Utc>>,
}

impl Keyed for InterviewRow {
    fn key(&self) -> Vec<String> {
        vec![self.scheduled_for.to_rfc3339(), self.id.clone()]
    }
}

impl TryFrom<InterviewRow> for Interview {
    type Error = StoreError;
    fn try_from(r: InterviewRow) -> Result<Self, StoreError> {
        Ok(Interview {
            status: InterviewStatus::parse(&r.status).map_err(|e| corrupt("status", e))?,
            retention_days: r.retention_days.and_then(|d| u32::try_from(d).ok()),
            id: r.id,
            person_id: r.person_id,
            person_name: r.person_name,
            interviewer_id: r.interviewer_id,
            scheduled_for: r.scheduled_for,
            notes: r.notes,
            outside_contacts: r.outside_contacts,
            consent: r.consent,
            consent_at: r.consent_at,
            summary: r.summary,
            started_at: r.started_at,
            completed_at: r.completed_at,
            published_at: r.published_at,
            hold: r.hold,
            hold_reason: r.hold_reason,
            hold_by: r.hold_by,
            hold_at: r.hold_at,
            disposed_at: r.disposed_at,
            summary_disposed_at: r.summary_disposed_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct QuestionRow {
    pub interview_id: String,
    pub position: i32,
    pub text: String,
    pub origin: String,
    pub skill_id: Option<String>,
    pub answer: Option<String>,
}

impl TryFrom<QuestionRow> for Question {
    type Error = StoreError;
    fn try_from(r: QuestionRow) -> Result<Self, StoreError> {
        Ok(Question {
            origin: QuestionOrigin::parse(&r.origin).map_err(|e| corrupt("origin", e))?,
            position: u32::try_from(r.position).map_err(|e| corrupt("position", e))?,
            interview_id: r.interview_id,
            text: r.text,
            skill_id: r.skill_id,
            answer: r.answer,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct SuccessorRow {
    pub interview_id: String,
    pub skill_id: String,
    pub person_id: String,
    pub note: Option<String>,
}

impl From<SuccessorRow> for Successor {
    fn from(r: SuccessorRow) -> Self {
        Successor {
            interview_id: r.interview_id,
            skill_id: r.skill_id,
            person_id: r.person_id,
            note: r.note,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct QuestionSetRow {
    pub id: String,
    pub name: String,
    pub questions: String,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<QuestionSetRow> for QuestionSet {
    type Error = StoreError;
    fn try_from(r: QuestionSetRow) -> Result<Self, StoreError> {
        Ok(QuestionSet {
            questions: serde_json::from_str(&r.questions).map_err(|e| corrupt("questions", e))?,
            id: r.id,
            name: r.name,
            updated_at: r.updated_at,
        })
    }
}

pub const CERTIFICATE_COLUMNS: &str = "id, interview_id, part, rule, due_on, authorised_by, \
     requested_by, approved_by, disposed_at, destroyed, audit_seq";

#[derive(sqlx::FromRow)]
pub struct CertificateRow {
    pub id: String,
    pub interview_id: String,
    pub part: String,
    pub rule: String,
    pub due_on: NaiveDate,
    pub authorised_by: String,
    pub requested_by: Option<String>,
    pub approved_by: Option<String>,
    pub disposed_at: DateTime<Utc>,
    pub destroyed: String,
    pub audit_seq: i64,
}

impl TryFrom<CertificateRow> for DisposalCertificate {
    type Error = StoreError;
    fn try_from(r: CertificateRow) -> Result<Self, StoreError> {
        Ok(DisposalCertificate {
            part: RecordPart::parse(&r.part).map_err(|e| corrupt("part", e))?,
            destroyed: serde_json::from_str(&r.destroyed).map_err(|e| corrupt("destroyed", e))?,
            id: r.id,
            interview_id: r.interview_id,
            rule: r.rule,
            due_on: r.due_on,
            authorised_by: r.authorised_by,
            requested_by: r.requested_by,
            approved_by: r.approved_by,
            disposed_at: r.disposed_at,
            audit_seq: r.audit_seq,
        })
    }
}
