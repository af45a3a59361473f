//! An evaluation set for a demo organisation: questions a colleague would ask
//! about skills several people know, judged from the ground truth (`DemoOrg::focus`).
//!
//! Only people a search may return are judged: those who have left are not, as
//! the expert search never returns them. Import records carry no "discoverable"
//! flag (everyone imported is discoverable), so nobody else is excluded.

use std::collections::{BTreeMap, HashMap, HashSet};

use rand::RngExt;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::questions::{self, Phrasing, Subject};
use super::units::UNITS;
use super::{Catalog, DemoOrg, phase_rng, pick, pick_weighted};
use crate::eval::{EvalQuery, Qrels};
use crate::import::records::PersonRecord;

/// About one query per this many people…
const PEOPLE_PER_QUERY: usize = 3;
/// …but at least this many (when there are enough skills to ask about)…
const MIN_QUERIES: usize = 20;
/// …and at most this many.
const MAX_QUERIES: usize = 500;
/// Questions about one skill, each phrased differently where the skill allows.
const MAX_PER_SKILL: usize = 4;
/// A skill is asked about only if at least this many people can answer.
const MIN_RELEVANT: usize = 2;
/// Share of queries that name the person asking.
const WITH_ASKER: f64 = 0.9;

/// Queries (`q1`, `q2`, …) and their judgments for `org`: relevance 2 for people
/// whose strongest focus skill is the one asked about, 1 for those who have it in
/// their focus. Deterministic for a given `(org, seed)`.
///
/// Skills held by at least two people who can be returned are asked about in a
/// shuffled order, in rounds, until there are `people / 3` queries (at least 20,
/// at most 500), each skill at most four times and never twice with the same
/// text. Most queries have an `asker_id`: an active person who is not among the
/// relevant people.
pub fn evaluation(org: &DemoOrg, seed: u64) -> (Vec<EvalQuery>, Qrels) {
    let mut rng = phase_rng(seed, 4);
    let catalog = Catalog::new(&org.skills);
    let holders = holders(org);
    let mut skills: Vec<&str> = holders
        .iter()
        .filter(|(_, people)| people.len() >= MIN_RELEVANT)
        .map(|(&skill, _)| skill)
        .collect();
    let askers: Vec<&str> = org
        .people
        .iter()
        .filter(|p| p.status.as_deref().unwrap_or("active") == "active")
        .map(|p| p.id.as_str())
        .collect();
    let units: HashMap<&str, &str> = org
        .people
        .iter()
        .filter_map(|p| Some((p.id.as_str(), p.org_unit.as_deref()?)))
        .collect();
    let shared = shared_descriptions(&catalog);

    let target = (org.people.len() / PEOPLE_PER_QUERY).clamp(MIN_QUERIES, MAX_QUERIES);
    let mut queries = Vec::with_capacity(target);
    let mut qrels = Qrels::default();
    let mut texts = HashSet::new();
    let mut phrased: HashMap<&str, Vec<Phrasing>> = HashMap::new();
    'rounds: for _ in 0..MAX_PER_SKILL {
        skills.shuffle(&mut rng);
        for &skill in &skills {
            if queries.len() >= target {
                break 'rounds;
            }
            let Some(index) = catalog.get(skill) else {
                continue;
            };
            let relevant = &holders[skill];
            let unit = units.get(pick(&mut rng, relevant).0).copied();
            let description = catalog.description(index).filter(|d| !shared.contains(d));
            let subject = Subject {
                name: skill,
                aliases: catalog.aliases(index),
                description,
                objects: UNITS
                    .iter()
                    .find(|u| Some(u.name) == unit)
                    .map_or(&[], |u| u.objects),
            };
            let used = phrased.entry(skill).or_default();
            let Some((phrasing, text)) = question(&mut rng, &subject, used, &texts) else {
                continue;
            };
            used.push(phrasing);
            texts.insert(text.clone());
            let id = format!("q{}", queries.len() + 1);
            for &(person, relevance) in relevant {
                qrels.insert(&id, person, relevance);
            }
            queries.push(EvalQuery {
                asker_id: asker(&mut rng, &askers, relevant),
                id,
                text,
            });
        }
    }
    (queries, qrels)
}

/// For each focus skill, the people who can be returned and know it, in file
/// order, with their grade: 2 when it is their strongest skill, else 1.
fn holders(org: &DemoOrg) -> BTreeMap<&str, Vec<(&str, u32)>> {
    let mut holders: BTreeMap<&str, Vec<(&str, u32)>> = BTreeMap::new();
    for person in org.people.iter().filter(|p| can_be_returned(p)) {
        let Some(focus) = org.focus.get(&person.id) else {
            continue;
        };
        for (i, skill) in focus.iter().enumerate() {
            let relevance = if i == 0 { 2 } else { 1 };
            holders
                .entry(skill.as_str())
                .or_default()
                .push((person.id.as_str(), relevance));
        }
    }
    holders
}

/// Whether the expert search may return this person: not if they have left.
fn can_be_returned(person: &PersonRecord) -> bool {
    person.status.as_deref() != Some("left")
}

/// Descriptions that more than one skill has (the taxonomy gives every
/// programming language the same one).
fn shared_descriptions<'a>(catalog: &Catalog<'a>) -> HashSet<&'a str> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for skill in 0..catalog.len() {
        if let Some(d) = catalog.description(skill) {
            *count.entry(d).or_default() += 1;
        }
    }
    count
        .into_iter()
        .filter(|&(_, n)| n > 1)
        .map(|(d, _)| d)
        .collect()
}

/// A question not asked yet, preferring a phrasing this skill has not had.
fn question(
    rng: &mut ChaCha8Rng,
    subject: &Subject,
    used: &[Phrasing],
    texts: &HashSet<String>,
) -> Option<(Phrasing, String)> {
    let allowed: Vec<(Phrasing, f64)> = Phrasing::ALL
        .into_iter()
        .filter(|&(p, _)| subject.allows(p))
        .collect();
    let fresh: Vec<(Phrasing, f64)> = allowed
        .iter()
        .copied()
        .filter(|(p, _)| !used.contains(p))
        .collect();
    let choices = if fresh.is_empty() { allowed } else { fresh };
    for _ in 0..8 {
        let phrasing = choices[pick_weighted(rng, &choices, |&(_, w)| w)].0;
        if let Some(text) = questions::ask(rng, subject, phrasing)
            && !texts.contains(&text)
        {
            return Some((phrasing, text));
        }
    }
    None
}

/// An active person who is not among the relevant people, for most queries.
fn asker(rng: &mut ChaCha8Rng, askers: &[&str], relevant: &[(&str, u32)]) -> Option<String> {
    if askers.is_empty() || rng.random::<f64>() >= WITH_ASKER {
        return None;
    }
    // Relevant people are few, so a handful of draws nearly always succeeds.
    for _ in 0..32 {
        let candidate = *pick(rng, askers);
        if relevant.iter().all(|&(p, _)| p != candidate) {
            return Some(candidate.to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests;
