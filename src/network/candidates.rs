//! Who a question could go to: the ranking's people for it, with what
//! routing needs to know of each (their recent load, leaving date, working
//! hours now, recent "not me"s on its skills), handed to [`routing::choose`].

use std::collections::{HashMap, HashSet};

use chrono::Duration;
use chrono_tz::Tz;

use super::questions::Network;
use super::routing::{self, Candidate, Decision};
use crate::domain::{AskedQuestion, PersonStatus, WorkingHours};
use crate::rank::{ExpertFilter, ExpertQuery};
use crate::refusal::Refusal;

/// How many people the ranking is asked for when routing.
const CANDIDATES: usize = 40;
/// The fair share counts questions routed in this many days.
const WEEK_DAYS: i64 = 7;
/// A "not me" counts against the same skills for this many days.
const DECLINE_DAYS: i64 = 90;

/// The ranking's people for `q` but those in `exclude`, as routing decisions.
pub async fn route(
    n: &Network<'_>,
    q: &AskedQuestion,
    skill_names: &[&str],
    exclude: &HashSet<String>,
    wanted: usize,
) -> Result<Vec<Decision>, Refusal> {
    let mut text = q.text.clone();
    for name in skill_names {
        text.push(' ');
        text.push_str(name);
    }
    let now = n.clock.now();
    let query = ExpertQuery {
        text,
        asker: Some(q.asker_id.clone()),
        filter: ExpertFilter::default(),
        first: CANDIDATES + exclude.len(),
        now,
        reveal_unpublished: false,
    };
    let (_, found) = n.engine.experts(query, None).await?;
    let experts: Vec<_> = found
        .experts
        .into_iter()
        .filter(|e| !exclude.contains(&e.person_id))
        .collect();
    let ids: Vec<String> = experts.iter().map(|e| e.person_id.clone()).collect();
    let people = super::questions::people_by_id(n.store, &ids).await?;
    let loads: HashMap<String, i64> = n
        .store
        .recent_loads(&ids, now - Duration::days(WEEK_DAYS))
        .await?
        .into_iter()
        .collect();
    let hours: HashMap<String, WorkingHours> = n
        .store
        .profiles_of(&ids)
        .await?
        .into_iter()
        .filter_map(|(id, p)| p.profile.hours.map(|h| (id, h)))
        .collect();
    let declined: HashSet<String> = n
        .store
        .declined_skills(&ids, now - Duration::days(DECLINE_DAYS))
        .await?
        .into_iter()
        .filter(|(_, skill)| q.skill_ids.contains(skill))
        .map(|(person, _)| person)
        .collect();
    let office_ids: Vec<String> = people
        .values()
        .filter_map(|p| p.office_id.clone())
        .collect();
    let office_zones: HashMap<String, String> = n
        .store
        .offices_by_ids(&office_ids)
        .await?
        .into_iter()
        .filter_map(|o| o.timezone.map(|t| (o.id, t)))
        .collect();
    let config = n.engine.config();
    let usual = WorkingHours::guess(config.work_start_hour, config.work_end_hour);
    let candidates: Vec<Candidate> = experts
        .iter()
        .filter_map(|e| {
            let p = people.get(&e.person_id)?;
            if p.status == PersonStatus::Left || !p.discoverable {
                return None;
            }
            let zone = p
                .timezone
                .clone()
                .or_else(|| {
                    p.office_id
                        .as_ref()
                        .and_then(|o| office_zones.get(o).cloned())
                })
                .and_then(|z| z.parse::<Tz>().ok());
            let working_now = zone.is_some_and(|z| {
                let local = now.with_timezone(&z);
                hours
                    .get(&p.id)
                    .unwrap_or(&usual)
                    .covers(local.date_naive(), local.time())
            });
            Some(Candidate {
                person_id: p.id.clone(),
                why: e.sentence.clone(),
                open_this_week: loads.get(&p.id).copied().unwrap_or(0).max(0) as usize,
                leaving_on: p.leaving_on,
                working_now,
                declined_topic: declined.contains(&p.id),
            })
        })
        .collect();
    Ok(routing::choose(
        &n.settings.rules,
        &candidates,
        wanted,
        now.date_naive(),
    ))
}
