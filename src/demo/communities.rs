//! Communities of practice around topic clusters, with leads, experts and members
//! drawn mostly from people whose focus overlaps the topic.

use std::collections::{BTreeSet, HashSet};

use rand::RngExt;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::offices::OFFICES;
use super::org::{Org, Rank, Status};
use super::topics::{HABITS, TOPICS, Topic};
use super::{Catalog, pick, slug, texts};
use crate::import::records::{CommunityRecord, MemberRecord};

/// One community per this many people, up to `MAX_COMMUNITIES`.
const PEOPLE_PER_COMMUNITY: usize = 25;
const MAX_COMMUNITIES: usize = 300;
const MAX_MEMBERS: usize = 150;

/// A community to build: its name, skills and who may join.
struct Plan {
    name: String,
    skills: Vec<usize>,
    office: Option<usize>,
    description: String,
}

pub(crate) fn generate(rng: &mut ChaCha8Rng, catalog: &Catalog, org: &Org) -> Vec<CommunityRecord> {
    let wanted = (org.people.len() / PEOPLE_PER_COMMUNITY).clamp(1, MAX_COMMUNITIES);
    let mut communities = Vec::with_capacity(wanted);
    let mut ids = HashSet::new();
    for plan in plans(catalog, org) {
        if communities.len() == wanted {
            break;
        }
        if let Some(members) = members(rng, org, &plan) {
            let mut id = format!("c-{}", slug(&plan.name));
            let base = id.clone();
            let mut n = 2;
            while !ids.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            let habit = pick(rng, HABITS);
            communities.push(CommunityRecord {
                id,
                name: plan.name,
                description: Some(format!("{} {habit}", plan.description)),
                skills: Some(
                    plan.skills
                        .iter()
                        .map(|&s| catalog.name(s).to_owned())
                        .collect(),
                ),
                members: Some(members),
            });
        }
    }
    communities
}

/// Topic communities, then office chapters of each topic, then interest groups for
/// single skills (most widely known first); generation stops when enough are built.
fn plans<'a>(catalog: &'a Catalog, org: &'a Org) -> impl Iterator<Item = Plan> + 'a {
    let topic_skills = |t: &Topic| t.skills.iter().map(|s| catalog.id(s)).collect::<Vec<_>>();
    let topics = TOPICS.iter().map(move |t| Plan {
        name: t.name.to_owned(),
        skills: topic_skills(t),
        office: None,
        description: t.about.to_owned(),
    });
    let chapters = TOPICS.iter().flat_map(move |t| {
        OFFICES.iter().enumerate().map(move |(o, office)| Plan {
            name: format!("{} ({})", t.name, office.name),
            skills: topic_skills(t),
            office: Some(o),
            description: format!("The {} chapter of the {}. {}", office.name, t.name, t.about),
        })
    });
    let mut by_holders: Vec<usize> = (0..catalog.len())
        .filter(|&s| !org.focus_holders[s].is_empty())
        .collect();
    by_holders.sort_by_key(|&s| (std::cmp::Reverse(org.focus_holders[s].len()), s));
    let groups = by_holders.into_iter().map(move |s| {
        let mut skills = vec![s];
        skills.extend(catalog.related(s).take(2));
        let summary = catalog
            .description(s)
            .map(first_sentence)
            .unwrap_or_default();
        let (topic, in_text) = texts::forms(catalog.name(s));
        Plan {
            name: format!("{topic} interest group"),
            skills,
            office: None,
            description: format!(
                "An informal group for colleagues whose day-to-day work involves {in_text}. {summary}"
            ),
        }
    });
    topics.chain(chapters).chain(groups)
}

fn first_sentence(text: &str) -> String {
    match text.find(". ") {
        Some(end) => text[..=end].to_owned(),
        None => text.to_owned(),
    }
}

/// Leads, experts and members, or `None` if nobody knows the topic.
fn members(rng: &mut ChaCha8Rng, org: &Org, plan: &Plan) -> Option<Vec<MemberRecord>> {
    let eligible = |p: u32| {
        let person = &org.people[p as usize];
        person.status != Status::Left && plan.office.is_none_or(|o| person.office == o)
    };
    let candidates: Vec<u32> = plan
        .skills
        .iter()
        .flat_map(|&s| org.focus_holders[s].iter().copied())
        .filter(|&p| eligible(p))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if candidates.len() < 2 {
        return None;
    }

    // Leads: senior, active people who know the topic well.
    let level = |p: u32| -> u32 {
        let focus = &org.people[p as usize].focus;
        focus
            .iter()
            .filter(|(s, _)| plan.skills.contains(s))
            .map(|&(_, l)| u32::from(l))
            .sum()
    };
    let lead_weight = |p: u32| {
        let person = &org.people[p as usize];
        let seniority = if person.rank == Rank::Staff { 1.0 } else { 3.0 };
        let availability = if person.status == Status::Leaving {
            0.2
        } else {
            1.0
        };
        f64::from(level(p)) * seniority * availability
    };
    let lead_count = if candidates.len() >= 6 && rng.random::<f64>() < 0.4 {
        2
    } else {
        1
    };
    let mut leads: Vec<u32> = Vec::with_capacity(2);
    while leads.len() < lead_count {
        let p = candidates[super::pick_weighted(rng, &candidates, |&p| {
            if leads.contains(&p) {
                0.0
            } else {
                lead_weight(p)
            }
        })];
        if !leads.contains(&p) {
            leads.push(p);
        }
    }

    // Members: a random share of the people who know the topic, plus a few curious
    // colleagues from elsewhere.
    let mut pool: Vec<u32> = candidates
        .iter()
        .copied()
        .filter(|p| !leads.contains(p))
        .collect();
    pool.shuffle(rng);
    let share = rng.random_range(0.35..0.75);
    let size = ((pool.len() as f64 * share).ceil() as usize).clamp(pool.len().min(3), MAX_MEMBERS);
    let mut chosen: BTreeSet<u32> = pool.into_iter().take(size).collect();
    let curious = size / 10 + usize::from(rng.random::<f64>() < 0.5);
    for _ in 0..curious * 3 {
        if chosen.len() >= size + curious {
            break;
        }
        let p = rng.random_range(0..org.people.len()) as u32;
        if eligible(p) && !leads.contains(&p) {
            chosen.insert(p);
        }
    }

    let mut members: Vec<MemberRecord> = leads.iter().map(|&p| member(org, p, "lead")).collect();
    for p in chosen {
        let expert = org.people[p as usize]
            .focus
            .iter()
            .any(|&(s, l)| l == 5 && plan.skills.contains(&s))
            && rng.random::<f64>() < 0.35;
        members.push(member(org, p, if expert { "expert" } else { "member" }));
    }
    Some(members)
}

fn member(org: &Org, p: u32, role: &str) -> MemberRecord {
    MemberRecord {
        person_id: org.records[p as usize].id.clone(),
        role: Some(role.to_owned()),
    }
}
