//! An interview's life after scheduling: started, completed, published
//! (with the leaver's consent), and consent given or withdrawn.

use crate::auth::{Gate, Principal, Resource};
use crate::domain::limits::LONG_TEXT;
use crate::domain::{Clock, Interview, InterviewId, InterviewStatus, required_text};
use crate::refusal::Refusal;
use crate::store::Store;

use super::{advance, event, load};

/// Starts a scheduled interview. Audited as `interview.start`.
pub async fn start(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    id: &InterviewId,
) -> Result<Interview, Refusal> {
    let i = load(store, id).await?;
    let audit = event(actor, "interview.start", &i.id);
    advance(store, clock, i, InterviewStatus::InProgress, &audit).await
}

/// Closes the capture: the topics and named successors enter the knowledge
/// graph, and the retention period starts (the transcript cannot change
/// after). Questions without an answer stop it unless `skip_unanswered`
/// says to go on; the audit entry (`interview.complete`) lists the
/// positions skipped.
pub async fn complete(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    id: &InterviewId,
    skip_unanswered: bool,
) -> Result<Interview, Refusal> {
    let i = load(store, id).await?;
    // A move that is not allowed says so before anything about answers.
    i.status.check_move(InterviewStatus::Completed)?;
    let questions = store.questions_of(std::slice::from_ref(&i.id)).await?;
    let skipped: Vec<i64> = questions
        .iter()
        .filter(|q| q.answer.as_deref().is_none_or(|a| a.trim().is_empty()))
        .map(|q| i64::from(q.position))
        .collect();
    if !skipped.is_empty() && !skip_unanswered {
        return Err(Refusal::conflict(format!(
            "{} of {} questions have no answer: answer them, or complete anyway and they are recorded as skipped (the transcript cannot change after)",
            skipped.len(),
            questions.len()
        )));
    }
    let audit = event(actor, "interview.complete", &i.id)
        .detail(serde_json::json!({ "questions": questions.len(), "unanswered": skipped }));
    advance(store, clock, i, InterviewStatus::Completed, &audit).await
}

/// Publishes the summary (replaced by `summary` when given) once the
/// publication preconditions hold ([`Interview::check_publication`]).
/// Audited as `interview.publish`.
pub async fn publish(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    id: &InterviewId,
    summary: Option<&str>,
) -> Result<Interview, Refusal> {
    let mut i = load(store, id).await?;
    if let Some(s) = summary {
        i.summary = Some(required_text("summary", s, LONG_TEXT)?);
    }
    i.check_publication()?;
    let audit = event(actor, "interview.publish", &i.id);
    advance(store, clock, i, InterviewStatus::Published, &audit).await
}

/// What recording consent did.
#[derive(Debug)]
pub struct Consented {
    pub interview: Interview,
    /// Consent was withdrawn after publication: the summary was unpublished,
    /// so its words must leave the search index's files too.
    pub unpublished: bool,
}

/// Records whether the leaver consents to a summary being published: the
/// leaver themselves, or HR for them. Withdrawn after publication, the
/// summary is unpublished at once. The gate decides who may (the leaver or HR)
/// before anything says whether the interview exists.
/// Audited as `interview.consent`.
pub async fn record_consent(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    gate: &dyn Gate,
    id: &InterviewId,
    consent: bool,
) -> Result<Consented, Refusal> {
    // Anyone but HR is refused alike whether or not the interview exists,
    // so a refusal says nothing about other people's interviews.
    let found = store.interview(id).await?;
    let leaver = found
        .as_ref()
        .and_then(|i| i.person_id.clone())
        .unwrap_or_default();
    gate.check(
        crate::auth::Action::InterviewConsent,
        Resource::Person(&leaver),
    )
    .await?;
    let mut i = found.ok_or_else(|| Refusal::not_found(format!("interview '{id}'")))?;
    let before = i.status;
    i.set_consent(consent, clock.now())
        .map_err(|e| Refusal::conflict(e.to_string()))?;
    let unpublished = before == InterviewStatus::Published && i.published_at.is_none();
    let audit = event(actor, "interview.consent", &i.id)
        .detail(serde_json::json!({ "consent": consent, "unpublished": unpublished }));
    let saved = store.save_interview(&i, before, Some(&audit)).await?;
    Ok(Consented {
        interview: saved,
        unpublished,
    })
}
