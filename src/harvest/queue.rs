//! The interview priority queue: leavers ordered by how much knowledge only
//! they (or few others) hold, and how soon they go.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::domain::{Interview, Person, PersonSkill, PersonStatus};
use crate::refusal::Refusal;
use crate::store::{PageRequest, PeopleFilter, RiskScope, Store};

use super::{Cover, SkillRisk, assess};

/// A skill a leaver holds that is at risk.
#[derive(Debug, Clone, PartialEq)]
pub struct LeaverSkill {
    pub skill_id: String,
    pub level: u8,
    /// Other active or leaving holders at level 3+.
    pub other_holders: i64,
    pub risk_score: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Leaver {
    pub person: Person,
    /// Days from the reference date to the leaving date (negative: overdue).
    pub days_left: Option<i64>,
    pub skills: Vec<LeaverSkill>,
    /// The sum of the risk scores of their at-risk skills, counted double
    /// when they leave within 30 days.
    pub priority: f64,
}

impl Leaver {
    /// The risk score of their riskiest skill.
    pub fn top_risk(&self) -> f64 {
        self.skills.first().map_or(0.0, |s| s.risk_score)
    }

    /// Why they are where they are in the queue, in words.
    pub fn why(&self) -> String {
        let n = self.skills.len();
        let pct = |x: f64| (x * 100.0).round() as i64;
        let soon = self.days_left.is_some_and(|d| d <= 30);
        format!(
            "{n} at-risk skill{} not yet covered by their interview (riskiest {}%); priority {:.2} is the sum of their risks{}",
            if n == 1 { "" } else { "s" },
            pct(self.top_risk()),
            self.priority,
            if soon {
                ", doubled as they leave within 30 days"
            } else {
                ""
            }
        )
    }
}

/// Leavers with at least one skill at risk that their own finished interview
/// has not covered (`harvested`: skill, person), highest priority first; ties
/// by the sooner leaving date, then by id.
pub fn queue(
    leavers: Vec<Person>,
    skills: &[PersonSkill],
    risks: &[SkillRisk],
    harvested: &HashSet<(&str, &str)>,
    today: NaiveDate,
) -> Vec<Leaver> {
    let risk: HashMap<&str, &SkillRisk> = risks
        .iter()
        .map(|r| (r.holding.skill_id.as_str(), r))
        .collect();
    let mut by_person: HashMap<&str, Vec<&PersonSkill>> = HashMap::new();
    for s in skills {
        by_person.entry(s.person_id.as_str()).or_default().push(s);
    }
    let mut out: Vec<Leaver> = leavers
        .into_iter()
        .filter_map(|person| {
            let mut held: Vec<LeaverSkill> = by_person
                .get(person.id.as_str())
                .into_iter()
                .flatten()
                .filter(|s| s.level.holds())
                .filter(|s| !harvested.contains(&(s.skill_id.as_str(), person.id.as_str())))
                .filter_map(|s| {
                    let r = risk.get(s.skill_id.as_str())?;
                    Some(LeaverSkill {
                        skill_id: s.skill_id.clone(),
                        level: s.level.get(),
                        other_holders: (r.holding.holders - 1).max(0),
                        risk_score: r.score,
                    })
                })
                .collect();
            if held.is_empty() {
                return None;
            }
            held.sort_by(|a, b| {
                b.risk_score
                    .total_cmp(&a.risk_score)
                    .then_with(|| a.skill_id.cmp(&b.skill_id))
            });
            let days_left = person.leaving_on.map(|d| (d - today).num_days());
            let soon = if days_left.is_some_and(|d| d <= 30) {
                2.0
            } else {
                1.0
            };
            let priority = soon * held.iter().map(|s| s.risk_score).sum::<f64>();
            Some(Leaver {
                person,
                days_left,
                skills: held,
                priority,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then(
                a.days_left
                    .unwrap_or(i64::MAX)
                    .cmp(&b.days_left.unwrap_or(i64::MAX)),
            )
            .then_with(|| a.person.id.cmp(&b.person.id))
    });
    out
}
/// How to order the interview queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueueOrder {
    /// Highest priority first.
    #[default]
    Priority,
    /// Soonest leaving date first.
    LeavingDate,
    /// The riskiest single skill first.
    Risk,
}

/// The first `first` leavers of the interview queue on `today` within
/// `scope`, each with their latest interview, if one was scheduled.
pub async fn interview_queue(
    store: &dyn Store,
    today: NaiveDate,
    scope: &RiskScope,
    order: QueueOrder,
    first: usize,
) -> Result<Vec<(Leaver, Option<Interview>)>, Refusal> {
    let filter = PeopleFilter {
        status: Some(PersonStatus::Leaving),
        office_id: scope.office_id.clone(),
        ..PeopleFilter::default()
    };
    let mut leavers = Vec::new();
    let mut page = PageRequest {
        first: 500,
        after: None,
    };
    loop {
        let result = store.list_people(&filter, &page).await?;
        page.after = result.items.last().map(|(c, _)| c.clone());
        leavers.extend(
            result
                .items
                .into_iter()
                .map(|(_, p)| p)
                .filter(|p| scope.org_unit.is_none() || p.org_unit == scope.org_unit),
        );
        if !result.has_next {
            break;
        }
    }
    let ids: Vec<String> = leavers.iter().map(|p| p.id.clone()).collect();
    let skills = store.skills_of_people(&ids).await?;
    let cover = Cover::load(store, today, scope).await?;
    let risks = assess(store.skill_holdings(today, scope).await?, &cover, today);
    let mut latest: HashMap<String, Interview> = HashMap::new();
    for i in store.interviews_of_people(&ids).await? {
        if let Some(p) = i.person_id.clone() {
            latest.entry(p).or_insert(i);
        }
    }
    let covered = store.harvested_topics(&ids).await?;
    let covered: HashSet<(&str, &str)> = covered
        .iter()
        .map(|(s, p)| (s.as_str(), p.as_str()))
        .collect();
    let mut queue = queue(leavers, &skills, &risks, &covered, today);
    match order {
        QueueOrder::Priority => {}
        QueueOrder::LeavingDate => queue.sort_by_key(|l| l.days_left.unwrap_or(i64::MAX)),
        QueueOrder::Risk => queue.sort_by(|a, b| b.top_risk().total_cmp(&a.top_risk())),
    }
    Ok(queue
        .into_iter()
        .take(first)
        .map(|l| {
            let interview = latest.remove(&l.person.id);
            (l, interview)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queue_says_why_someone_is_where_they_are() {
        let person = Person {
            id: "e1".into(),
            name: "Laura Singh".into(),
            email: None,
            title: None,
            org_unit: None,
            office_id: None,
            country: None,
            timezone: None,
            manager_id: None,
            status: PersonStatus::Leaving,
            leaving_on: None,
            discoverable: true,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        };
        let skill = |id: &str, risk: f64| LeaverSkill {
            skill_id: id.into(),
            level: 4,
            other_holders: 0,
            risk_score: risk,
        };
        let soon = Leaver {
            person,
            days_left: Some(12),
            skills: vec![skill("sar", 0.72), skill("gdpr", 0.2)],
            priority: 1.84,
        };
        assert_eq!(soon.top_risk(), 0.72);
        assert_eq!(
            soon.why(),
            "2 at-risk skills not yet covered by their interview (riskiest 72%); priority 1.84 is the sum of their risks, doubled as they leave within 30 days"
        );
        let later = Leaver {
            days_left: Some(90),
            skills: vec![skill("sar", 0.5)],
            priority: 0.5,
            ..soon
        };
        assert!(!later.why().contains("doubled"), "{}", later.why());
        assert!(
            later.why().starts_with("1 at-risk skill not"),
            "{}",
            later.why()
        );
    }
}
