//! Scheduling an interview with a leaver, and editing its plan and record.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::auth::Principal;
use crate::domain::QuestionSetId;
use crate::domain::limits::LONG_TEXT;
use crate::domain::{
    Clock, Interview, InterviewId, InterviewPart, InterviewStatus, Person, PersonId, PersonStatus,
    optional_text,
};
use crate::refusal::Refusal;
use crate::store::{InterviewFilter, PageRequest, Store};

use super::{Sources, event, load, new_questions, patch_text};

/// A person who has left may still be interviewed this many days after their leaving date.
pub const LEFT_GRACE_DAYS: i64 = 90;

/// Whether `person` counts as a leaver on `today`: LEAVING, or LEFT within
/// the last [`LEFT_GRACE_DAYS`] days (with a leaving date).
pub fn may_be_interviewed(person: &Person, today: NaiveDate) -> bool {
    let recently_left = person.status == PersonStatus::Left
        && person
            .leaving_on
            .is_some_and(|d| d >= today - Duration::days(LEFT_GRACE_DAYS));
    person.status == PersonStatus::Leaving || recently_left
}

/// An interview to schedule.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub leaver: PersonId,
    pub interviewer: Option<PersonId>,
    pub scheduled_for: DateTime<Utc>,
    /// Checked here (at most [`LONG_TEXT`] characters).
    pub notes: Option<String>,
    /// Question sets (by id) whose questions open the interview.
    pub question_sets: Vec<QuestionSetId>,
    /// Also add questions drawn from the graph for this leaver.
    pub generate_questions: bool,
}

/// Schedules an interview with a leaver who has none open, opening with the
/// chosen question sets and (when asked) questions drawn from the graph.
/// Audited as `interview.schedule`.
pub async fn schedule(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    s: Schedule,
) -> Result<Interview, Refusal> {
    let now = clock.now();
    let leaver = store
        .person(&s.leaver)
        .await?
        .ok_or_else(|| Refusal::not_found(format!("person '{}'", s.leaver)))?;
    if !may_be_interviewed(&leaver, clock.today()) {
        return Err(Refusal::invalid(format!(
            "{} is not leaving: mark them LEAVING first (or LEFT within the last {LEFT_GRACE_DAYS} days, with a leaving date)",
            leaver.name
        )));
    }
    if s.interviewer.as_ref() == Some(&s.leaver) {
        return Err(Refusal::invalid("a leaver cannot interview themselves"));
    }
    // Checked here for a clear message; the partial unique index on open
    // interviews refuses the second of two racing calls (the store says the same).
    let open = store
        .list_interviews(
            &InterviewFilter {
                statuses: InterviewStatus::OPEN.to_vec(),
                person_id: Some(s.leaver.to_string()),
                published_only: false,
            },
            &PageRequest {
                first: 1,
                after: None,
            },
        )
        .await?;
    if open.total > 0 {
        return Err(Refusal::conflict(format!(
            "{} already has an interview that is scheduled or in progress",
            leaver.name
        )));
    }
    let questions = new_questions(
        store,
        clock,
        Sources {
            sets: &s.question_sets,
            generate_for: s.generate_questions.then_some(s.leaver.as_str()),
            texts: &[],
        },
    )
    .await?;
    let interview = Interview {
        interviewer_id: s.interviewer.map(PersonId::into_string),
        notes: optional_text("notes", s.notes.as_deref(), LONG_TEXT)?,
        ..Interview::scheduled(
            InterviewId::generate().into_string(),
            s.leaver.into_string(),
            leaver.name.clone(),
            s.scheduled_for,
            now,
        )
    };
    let topics = at_risk_topics(store, &leaver, clock.today()).await?;
    let audit = event(actor, "interview.schedule", &interview.id);
    Ok(store
        .create_interview(&interview, &questions, &topics, &audit)
        .await?)
}

/// The skills the leaver holds (level 3+) that are at risk today, riskiest
/// first: the topics an interview starts with (HR may change them).
async fn at_risk_topics(
    store: &dyn Store,
    leaver: &crate::domain::Person,
    today: chrono::NaiveDate,
) -> Result<Vec<String>, Refusal> {
    let held: std::collections::HashSet<String> = store
        .skills_of_people(std::slice::from_ref(&leaver.id))
        .await?
        .into_iter()
        .filter(|s| s.level.holds())
        .map(|s| s.skill_id)
        .collect();
    let scope = crate::store::RiskScope::default();
    let cover = crate::harvest::Cover::load(store, today, &scope).await?;
    let holdings = store.skill_holdings(today, &scope).await?;
    Ok(crate::harvest::assess(holdings, &cover, today)
        .into_iter()
        .map(|r| r.holding.skill_id)
        .filter(|s| held.contains(s))
        .collect())
}

/// A change to an interview's plan or record. For each patch, `None` keeps
/// the value, `Some(None)` clears it and `Some(Some(v))` sets it; texts are
/// checked here.
#[derive(Debug, Clone, Default)]
pub struct Edit {
    pub interviewer: Option<Option<PersonId>>,
    pub scheduled_for: Option<DateTime<Utc>>,
    pub notes: Option<Option<String>>,
    pub outside_contacts: Option<Option<String>>,
    pub summary: Option<Option<String>>,
}

impl Edit {
    /// The parts of the record this edit changes.
    fn parts(&self) -> Vec<InterviewPart> {
        [
            (InterviewPart::Interviewer, self.interviewer.is_some()),
            (InterviewPart::Date, self.scheduled_for.is_some()),
            (InterviewPart::Notes, self.notes.is_some()),
            (
                InterviewPart::OutsideContacts,
                self.outside_contacts.is_some(),
            ),
            (InterviewPart::Summary, self.summary.is_some()),
        ]
        .into_iter()
        .filter_map(|(part, changed)| changed.then_some(part))
        .collect()
    }
}

/// Changes the interviewer, date, notes, outside contacts or summary draft,
/// each only in the statuses the editability table allows.
pub async fn update(
    store: &dyn Store,
    clock: &Clock,
    id: &InterviewId,
    edit: Edit,
) -> Result<Interview, Refusal> {
    let mut i = load(store, id).await?;
    let before = i.status;
    for part in edit.parts() {
        part.check(before)
            .map_err(|e| Refusal::conflict(e.to_string()))?;
    }
    if let Some(interviewer) = edit.interviewer {
        if let Some(p) = &interviewer
            && i.person_id.as_deref() == Some(p.as_str())
        {
            return Err(Refusal::invalid("a leaver cannot interview themselves"));
        }
        i.interviewer_id = interviewer.map(PersonId::into_string);
    }
    if let Some(at) = edit.scheduled_for {
        i.scheduled_for = at;
    }
    i.notes = patch_text("notes", i.notes, edit.notes, LONG_TEXT)?;
    i.outside_contacts = patch_text(
        "outsideContacts",
        i.outside_contacts,
        edit.outside_contacts,
        LONG_TEXT,
    )?;
    i.summary = patch_text("summary", i.summary, edit.summary, LONG_TEXT)?;
    i.updated_at = clock.now();
    Ok(store.save_interview(&i, before, None).await?)
}
