//! How the network answers, for knowledge managers: questions asked,
//! answered within a day, time to first answer, routed and answered per
//! person (the fair share), open questions by skill.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, Utc};

use crate::auth::{Action, Principal, Resource, authorize};
use crate::domain::{QuestionStatus, RouteState};
use crate::refusal::Refusal;
use crate::store::Store;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonLoad {
    pub person_id: String,
    pub routed: i64,
    pub answered: i64,
    pub declined: i64,
    pub passed: i64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NetworkStats {
    pub asked: i64,
    pub answered: i64,
    pub closed: i64,
    pub open: i64,
    /// Questions with a first answer within 24 hours of being asked.
    pub answered_within_day: i64,
    /// Median hours to the first answer, of questions that have one.
    pub median_hours_to_first_answer: Option<f64>,
    /// Questions asked per week (the week's Monday, count), oldest first.
    pub per_week: Vec<(chrono::NaiveDate, i64)>,
    /// Most routed first.
    pub people: Vec<PersonLoad>,
    /// Open questions by skill id, most first.
    pub open_by_skill: Vec<(String, i64)>,
}

/// The last `days` days of questions (HR and admins).
pub async fn stats(
    store: &dyn Store,
    actor: &Principal,
    now: DateTime<Utc>,
    days: i64,
) -> Result<NetworkStats, Refusal> {
    authorize(actor, Action::QuestionsAll, Resource::Any)?;
    if !(1..=366).contains(&days) {
        return Err(Refusal::invalid("days must be between 1 and 366"));
    }
    let since = now - Duration::days(days);
    let questions = store.questions_since(since).await?;
    let ids: Vec<String> = questions.iter().map(|q| q.id.clone()).collect();
    let routes = store.routes_of(&ids).await?;
    let answers = store.answers_of(&ids).await?;
    let mut first_answer: HashMap<&str, DateTime<Utc>> = HashMap::new();
    for a in &answers {
        let at = first_answer.entry(&a.question_id).or_insert(a.created_at);
        *at = (*at).min(a.created_at);
    }
    let mut s = NetworkStats {
        asked: questions.len() as i64,
        ..Default::default()
    };
    let mut hours = Vec::new();
    let mut weeks: BTreeMap<chrono::NaiveDate, i64> = BTreeMap::new();
    let mut open_skills: HashMap<&str, i64> = HashMap::new();
    for q in &questions {
        match q.status {
            QuestionStatus::Open => s.open += 1,
            QuestionStatus::Answered => s.answered += 1,
            QuestionStatus::Closed => s.closed += 1,
        }
        if let Some(at) = first_answer.get(q.id.as_str()) {
            let h = (*at - q.created_at).num_seconds() as f64 / 3600.0;
            if h <= 24.0 {
                s.answered_within_day += 1;
            }
            hours.push(h);
        }
        let date = q.created_at.date_naive();
        let monday = date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
        *weeks.entry(monday).or_default() += 1;
        if q.status == QuestionStatus::Open {
            for skill in &q.skill_ids {
                *open_skills.entry(skill).or_default() += 1;
            }
        }
    }
    hours.sort_by(f64::total_cmp);
    s.median_hours_to_first_answer = match hours.len() {
        0 => None,
        n if n % 2 == 1 => Some(hours[n / 2]),
        n => Some((hours[n / 2 - 1] + hours[n / 2]) / 2.0),
    };
    s.per_week = weeks.into_iter().collect();
    let mut people: HashMap<&str, PersonLoad> = HashMap::new();
    for r in routes.iter().filter(|r| r.state != RouteState::Skipped) {
        let p = people.entry(&r.person_id).or_insert_with(|| PersonLoad {
            person_id: r.person_id.clone(),
            ..Default::default()
        });
        p.routed += 1;
        match r.state {
            RouteState::Answered => p.answered += 1,
            RouteState::Declined => p.declined += 1,
            RouteState::Passed => p.passed += 1,
            _ => {}
        }
    }
    s.people = people.into_values().collect();
    s.people
        .sort_by(|a, b| b.routed.cmp(&a.routed).then(a.person_id.cmp(&b.person_id)));
    s.open_by_skill = open_skills
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    s.open_by_skill
        .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(s)
}
