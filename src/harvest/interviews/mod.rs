//! The harvest interview workflow: who may be interviewed, what may change
//! in which status, what publication needs, the leaver's consent, and when a
//! record may be disposed of. HR runs it (the API checks that before calling
//! in); a leaver gives or withdraws their own consent.
//!
//! * `schedule`: scheduling a leaver, and editing the plan and the record.
//! * `lifecycle`: start, complete, publish, consent.
//! * `capture`: questions, answers, topics and successors.
//! * `records`: retention, holds and disposal (also `tacit dispose --due`).
//! * `four_eyes`: early destruction, requested by one person and approved
//!   by another.
//! * `question_sets`: HR's reusable question lists.

mod capture;
pub mod four_eyes;
mod lifecycle;
mod question_sets;
mod records;
mod schedule;
#[cfg(test)]
mod tests;

pub use capture::{add_questions, answer, name_successor, remove_successor, set_topics};
pub use lifecycle::{Consented, complete, publish, record_consent, start};
pub use question_sets::{create_question_set, delete_question_set, update_question_set};
pub use records::{Retain, dispose, dispose_due, set_retention};
pub use schedule::{Edit, LEFT_GRACE_DAYS, Schedule, may_be_interviewed, schedule, update};

use crate::auth::Principal;
use crate::domain::limits::{AT_ONCE, QUESTION};
use crate::domain::{
    AuditEvent, Clock, Interview, InterviewId, InterviewStatus, Invalid, QuestionOrigin,
    QuestionSetId, optional_text, required_text,
};
use crate::refusal::Refusal;
use crate::store::{NewQuestion, Store};

/// The interview, or `interview '<id>' not found`.
async fn load(store: &dyn Store, id: &InterviewId) -> Result<Interview, Refusal> {
    store
        .interview(id)
        .await?
        .ok_or_else(|| Refusal::not_found(format!("interview '{id}'")))
}

/// The audit entry for `action` on interview `id`, by `actor`.
fn event(actor: &Principal, action: &str, id: &str) -> AuditEvent {
    AuditEvent::new(actor.actor(), action, Some(format!("interview:{id}")))
}

/// Moves `i` to `next` (refusing a move the lifecycle does not allow),
/// stamps the time of the move and saves it, audited.
async fn advance(
    store: &dyn Store,
    clock: &Clock,
    mut i: Interview,
    next: InterviewStatus,
    audit: &AuditEvent,
) -> Result<Interview, Refusal> {
    let before = i.status;
    before.check_move(next)?;
    let now = clock.now();
    match next {
        InterviewStatus::InProgress => i.started_at = Some(now),
        InterviewStatus::Completed => i.completed_at = Some(now),
        InterviewStatus::Published => i.published_at = Some(now),
        _ => {}
    }
    i.status = next;
    i.updated_at = now;
    Ok(store.save_interview(&i, before, Some(audit)).await?)
}

/// Typed-in questions: at most [`AT_ONCE`], each 1 to [`QUESTION`] characters.
fn question_texts(texts: &[String]) -> Result<Vec<String>, Invalid> {
    if texts.len() > AT_ONCE {
        return Err(Invalid::new(format!(
            "at most {AT_ONCE} questions at a time"
        )));
    }
    texts
        .iter()
        .enumerate()
        .map(|(n, t)| required_text(&format!("question {}", n + 1), t, QUESTION))
        .collect()
}

/// Whether `person` may be proposed as a successor in `interview`: not the
/// leaver themselves, not someone who has left, and not someone already
/// named for the topic.
pub fn successor_candidate(
    interview: &Interview,
    named: &[crate::domain::Successor],
    topic: &str,
    person: &crate::domain::Person,
) -> bool {
    interview.person_id.as_deref() != Some(person.id.as_str())
        && person.status != crate::domain::PersonStatus::Left
        && !named
            .iter()
            .any(|s| s.skill_id == topic && s.person_id == person.id)
}

/// Where new questions come from: question sets (by id), questions drawn
/// from the graph for the leaver, and typed-in texts, in that order.
#[derive(Debug, Clone, Default)]
struct Sources<'a> {
    sets: &'a [QuestionSetId],
    generate_for: Option<&'a str>,
    texts: &'a [String],
}

async fn new_questions(
    store: &dyn Store,
    clock: &Clock,
    from: Sources<'_>,
) -> Result<Vec<NewQuestion>, Refusal> {
    let mut out = Vec::new();
    let wanted: Vec<String> = from.sets.iter().map(|s| s.to_string()).collect();
    let sets = store.question_sets_by_ids(&wanted).await?;
    for id in from.sets {
        let set = sets
            .iter()
            .find(|s| id == &s.id)
            .ok_or_else(|| Refusal::not_found(format!("question set '{id}'")))?;
        out.extend(set.questions.iter().map(|q| NewQuestion {
            text: q.clone(),
            origin: QuestionOrigin::Template,
            skill_id: None,
        }));
    }
    if let Some(leaver) = from.generate_for {
        let sources = super::questions::sources(store, leaver, clock.today()).await?;
        out.extend(super::questions::generate(&sources));
    }
    out.extend(
        question_texts(from.texts)?
            .into_iter()
            .map(|text| NewQuestion {
                text,
                origin: QuestionOrigin::Custom,
                skill_id: None,
            }),
    );
    Ok(out)
}

/// Applies a patch to an optional text: `None` keeps, `Some(None)` clears,
/// `Some(Some(v))` replaces with `v`, checked as [`optional_text`].
fn patch_text(
    field: &str,
    current: Option<String>,
    patch: Option<Option<String>>,
    max: usize,
) -> Result<Option<String>, Invalid> {
    match patch {
        None => Ok(current),
        Some(None) => Ok(None),
        Some(Some(v)) => optional_text(field, Some(&v), max),
    }
}
