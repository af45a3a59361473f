//! Checking imported harvest interviews: the leaver, interviewer and
//! successors must be people, topics resolve like any skill name, the status
//! must agree with the dates given, and a record already disposed of here is
//! never brought back.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::domain::{
    self, Interview, InterviewStatus, Invalid, Question, QuestionOrigin, Successor, optional_text,
    required_text,
};
use crate::import::Located;
use crate::import::records::InterviewRecord;
use crate::store::{ImportBatch, ImportInterview, InterviewFilter, PageRequest, Store};

use super::{Skills, field};

/// Longest text accepted in an interview field.
use crate::domain::limits::{LONG_TEXT as MAX_TEXT, QUESTIONS as MAX_QUESTIONS};

/// What checking interviews needs from the store and the rest of the import.
pub(super) struct Known {
    /// Person id → name: people in this import and those stored that the interviews name.
    pub people: HashMap<String, String>,
    /// Interviews stored here already disposed of.
    pub disposed: Vec<String>,
    /// Leaver id → their interview that is scheduled or in progress (stored,
    /// or accepted earlier in this import): a leaver has at most one.
    pub open: HashMap<String, String>,
}

pub(super) async fn known(
    store: &Arc<dyn Store>,
    batch: &ImportBatch,
    interviews: &[Located<InterviewRecord>],
) -> anyhow::Result<Known> {
    let mut people: HashMap<String, String> = batch
        .people
        .iter()
        .map(|p| (p.person.id.clone(), p.person.name.clone()))
        .collect();
    let mut wanted: Vec<String> = interviews
        .iter()
        .flat_map(|i| {
            let r = &i.record;
            std::iter::once(r.leaver_id.trim().to_string())
                .chain(r.interviewer_id.iter().map(|p| p.trim().to_string()))
                .chain(
                    r.successors
                        .iter()
                        .flatten()
                        .map(|s| s.person_id.trim().to_string()),
                )
        })
        .filter(|id| !people.contains_key(id))
        .collect();
    wanted.sort();
    wanted.dedup();
    for chunk in wanted.chunks(500) {
        people.extend(
            store
                .people_by_ids(chunk)
                .await?
                .into_iter()
                .map(|p| (p.id, p.name)),
        );
    }
    let ids: Vec<String> = interviews
        .iter()
        .map(|i| i.record.id.trim().to_string())
        .collect();
    let mut disposed = Vec::new();
    for chunk in ids.chunks(500) {
        disposed.extend(
            store
                .interviews_by_ids(chunk)
                .await?
                .into_iter()
                .filter(|i| i.status == InterviewStatus::Disposed || i.disposed_at.is_some())
                .map(|i| i.id),
        );
    }
    let mut open = HashMap::new();
    let mut page = PageRequest {
        first: 500,
        after: None,
    };
    loop {
        let filter = InterviewFilter {
            statuses: InterviewStatus::OPEN.to_vec(),
            ..InterviewFilter::default()
        };
        let found = store.list_interviews(&filter, &page).await?;
        for (_, i) in &found.items {
            if let Some(p) = &i.person_id {
                open.insert(p.clone(), i.id.clone());
            }
        }
        match found.items.last() {
            Some((cursor, _)) if found.has_next => page.after = Some(cursor.clone()),
            _ => break,
        }
    }
    Ok(Known {
        people,
        disposed,
        open,
    })
}

/// Keeps `known.open` in step with an accepted interview: open, it holds
/// its leaver's slot; otherwise it frees the slot it held.
pub(super) fn note_status(known: &mut Known, i: &Interview) {
    let Some(leaver) = &i.person_id else {
        return;
    };
    if i.status.is_open() {
        known.open.insert(leaver.clone(), i.id.clone());
    } else if known.open.get(leaver) == Some(&i.id) {
        known.open.remove(leaver);
    }
}

fn time(name: &str, value: Option<&str>) -> Result<Option<DateTime<Utc>>, Invalid> {
    value
        .map(|t| {
            DateTime::parse_from_rfc3339(t.trim())
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| {
                    Invalid::new(format!(
                        "{name}: '{t}' is not an RFC 3339 time, e.g. 2024-03-01T10:00:00Z"
                    ))
                })
        })
        .transpose()
}

fn person(known: &Known, name: &str, id: &str) -> Result<String, Invalid> {
    let id = id.trim().to_string();
    if known.people.contains_key(&id) {
        Ok(id)
    } else {
        Err(Invalid::new(format!("{name}: no person has the id '{id}'")))
    }
}

pub(super) fn check_interview(
    r: &InterviewRecord,
    skills: &mut Skills,
    known: &mut Known,
    now: DateTime<Utc>,
) -> Result<ImportInterview, Invalid> {
    let id = domain::external_id("id", &r.id)?;
    if known.disposed.contains(&id) {
        return Err(Invalid::new(format!(
            "id: interview '{id}' was disposed of here; a disposed record is never re-imported"
        )));
    }
    let leaver = person(known, "leaver_id", &r.leaver_id)?;
    let interviewer = r
        .interviewer_id
        .as_deref()
        .map(|p| person(known, "interviewer_id", p))
        .transpose()?;
    if interviewer.as_deref() == Some(leaver.as_str()) {
        return Err(Invalid::new(
            "interviewer_id: a leaver cannot interview themselves",
        ));
    }
    let status = InterviewStatus::parse(&r.status).map_err(|e| field("status", e))?;
    if status.is_open()
        && let Some(other) = known.open.get(&leaver).filter(|other| **other != id)
    {
        return Err(Invalid::new(format!(
            "status: {} already has an interview that is scheduled or in progress ('{other}'); a leaver has one at a time",
            known
                .people
                .get(&leaver)
                .map_or(leaver.as_str(), String::as_str)
        )));
    }
    if status == InterviewStatus::Disposed {
        return Err(Invalid::new(
            "status: 'disposed' cannot be imported; records are disposed of here, with a certificate",
        ));
    }
    let scheduled_for = time("scheduled_for", Some(&r.scheduled_for))?.unwrap_or(now);
    let started_at = time("started_at", r.started_at.as_deref())?;
    let completed_at = time("completed_at", r.completed_at.as_deref())?;
    let published_at = time("published_at", r.published_at.as_deref())?;
    let consent = r.consent.unwrap_or(false);
    let summary = optional_text("summary", r.summary.as_deref(), MAX_TEXT)?;
    if status.is_finished() && completed_at.is_none() {
        return Err(Invalid::new(format!(
            "completed_at: required for a {} interview",
            status.as_str()
        )));
    }
    if !status.is_finished() && (completed_at.is_some() || published_at.is_some()) {
        return Err(Invalid::new(format!(
            "status: a {} interview has no completed_at or published_at",
            status.as_str().replace('_', " ")
        )));
    }
    if status == InterviewStatus::Published {
        if published_at.is_none() {
            return Err(Invalid::new(
                "published_at: required for a published interview",
            ));
        }
        if !consent {
            return Err(Invalid::new(
                "consent: a published interview needs the leaver's consent (true)",
            ));
        }
        if summary.is_none() {
            return Err(Invalid::new(
                "summary: a published interview needs a summary",
            ));
        }
    } else if published_at.is_some() {
        return Err(Invalid::new(
            "published_at: only a published interview has one",
        ));
    }
    if let (Some(c), Some(p)) = (completed_at, published_at)
        && p < c
    {
        return Err(Invalid::new("published_at: before completed_at"));
    }
    let retention_days = r
        .retention_days
        .map(|d| {
            u32::try_from(d)
                .ok()
                .filter(|d| *d <= 36_500)
                .ok_or_else(|| Invalid::new("retention_days: must be between 0 and 36500"))
        })
        .transpose()?;
    let questions = r.questions.as_deref().unwrap_or_default();
    if questions.len() > MAX_QUESTIONS {
        return Err(Invalid::new(format!("questions: at most {MAX_QUESTIONS}")));
    }
    let mut qs = Vec::with_capacity(questions.len());
    for (n, q) in questions.iter().enumerate() {
        let at = |e: Invalid| Invalid::new(format!("questions[{n}]: {}", e.0));
        qs.push(Question {
            interview_id: id.clone(),
            position: n as u32 + 1,
            text: required_text("text", &q.text, crate::domain::limits::QUESTION).map_err(at)?,
            origin: q
                .origin
                .as_deref()
                .map(QuestionOrigin::parse)
                .transpose()
                .map_err(at)?
                .unwrap_or(QuestionOrigin::Custom),
            skill_id: q
                .skill
                .as_deref()
                .map(|s| skills.id_for(s))
                .transpose()
                .map_err(at)?,
            answer: optional_text("answer", q.answer.as_deref(), MAX_TEXT).map_err(at)?,
        });
    }
    let mut topics: Vec<String> = Vec::new();
    for t in r.topics.iter().flatten() {
        let sid = skills.id_for(t).map_err(|e| field("topics", e))?;
        if !topics.contains(&sid) {
            topics.push(sid);
        }
    }
    let mut successors: Vec<Successor> = Vec::new();
    for s in r.successors.iter().flatten() {
        let person_id = person(known, "successors", &s.person_id)?;
        if person_id == leaver {
            return Err(Invalid::new(
                "successors: the leaver cannot be their own successor",
            ));
        }
        let skill_id = skills
            .id_for(&s.skill)
            .map_err(|e| field("successors", e))?;
        if !topics.contains(&skill_id) {
            topics.push(skill_id.clone());
        }
        successors.retain(|x| !(x.skill_id == skill_id && x.person_id == person_id));
        successors.push(Successor {
            interview_id: id.clone(),
            skill_id,
            person_id,
            note: optional_text("note", s.note.as_deref(), MAX_TEXT)
                .map_err(|e| field("successors", e))?,
        });
    }
    let hold = r.hold.unwrap_or(false);
    Ok(ImportInterview {
        interview: Interview {
            person_name: known.people[&leaver].clone(),
            person_id: Some(leaver),
            interviewer_id: interviewer,
            status,
            scheduled_for,
            notes: optional_text("notes", r.notes.as_deref(), MAX_TEXT)?,
            outside_contacts: optional_text(
                "outside_contacts",
                r.outside_contacts.as_deref(),
                MAX_TEXT,
            )?,
            consent,
            consent_at: consent.then_some(completed_at.unwrap_or(scheduled_for)),
            summary,
            started_at: started_at.or(completed_at),
            completed_at,
            published_at,
            retention_days,
            hold,
            hold_reason: if hold {
                optional_text(
                    "hold_reason",
                    r.hold_reason.as_deref(),
                    crate::domain::limits::HOLD_REASON,
                )?
            } else {
                None
            },
            hold_by: hold.then(|| "import".into()),
            hold_at: hold.then_some(now),
            disposed_at: None,
            summary_disposed_at: None,
            created_at: now,
            updated_at: now,
            id,
        },
        questions: qs,
        topics,
        successors,
    })
}
