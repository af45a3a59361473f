//! A deterministic demo organisation: a public body with offices in the UK, Hong
//! Kong and Sydney, its people and their skills, communities of practice and the
//! documents, reports, questions and answers they wrote.
//!
//! The same `(seed, people, today)` always gives the same organisation, so demos,
//! benchmarks and evaluations are reproducible. `DemoOrg::focus` is the ground
//! truth of who knows what best, for scoring the ranking.

mod communities;
mod details;
mod evidence;
mod files;
mod names;
mod offices;
mod org;
mod queries;
mod questions;
mod skills;
mod texts;
mod topics;
mod units;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::import::records::{CommunityRecord, EvidenceRecord, PersonRecord, SkillRecord};

/// The skill taxonomy shipped with Tacit (see `scripts/convert-taxonomies.py`).
const SKILLS_JSONL: &str = include_str!("../../data/taxonomy/skills.jsonl");

/// A generated organisation, as import records plus the ground truth.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoOrg {
    pub skills: Vec<SkillRecord>,
    pub people: Vec<PersonRecord>,
    pub communities: Vec<CommunityRecord>,
    pub evidence: Vec<EvidenceRecord>,
    /// Ground truth for evaluation: for each person id, the skill names they truly know best (their "focus"), strongest first.
    pub focus: BTreeMap<String, Vec<String>>,
}

pub use files::write_files;
pub use queries::evaluation;

/// Generates an organisation of `people` staff. Deterministic for a given
/// `(seed, people, today)`; `today` anchors leaving dates and evidence dates.
pub fn generate(seed: u64, people: usize, today: NaiveDate) -> DemoOrg {
    let skills = taxonomy();
    let catalog = Catalog::new(&skills);
    let org = org::generate(&mut phase_rng(seed, 1), &catalog, people, today);
    let communities = communities::generate(&mut phase_rng(seed, 2), &catalog, &org);
    let evidence = evidence::generate(&mut phase_rng(seed, 3), &catalog, &org, today);
    let focus = org
        .people
        .iter()
        .zip(&org.records)
        .map(|(person, record)| {
            let names = person
                .focus
                .iter()
                .map(|&(skill, _)| catalog.name(skill).to_owned());
            (record.id.clone(), names.collect())
        })
        .collect();
    DemoOrg {
        skills,
        people: org.records,
        communities,
        evidence,
        focus,
    }
}

/// Parses the bundled taxonomy. The file is part of the source tree and a unit test
/// parses it, so a failure here is a build defect, not bad input.
pub fn taxonomy() -> Vec<SkillRecord> {
    SKILLS_JSONL
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).unwrap_or_else(|e| {
                panic!(
                    "data/taxonomy/skills.jsonl line {}: invalid skill record: {e}",
                    i + 1
                )
            })
        })
        .collect()
}

/// Each phase draws from its own stream, so changing how communities are built
/// does not reshuffle the people.
fn phase_rng(seed: u64, phase: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(phase);
    rng
}

/// Skill names by index, with lookup by exact name.
pub(crate) struct Catalog<'a> {
    skills: &'a [SkillRecord],
    by_name: HashMap<&'a str, usize>,
}

impl<'a> Catalog<'a> {
    fn new(skills: &'a [SkillRecord]) -> Self {
        let by_name = skills
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.as_str(), i))
            .collect();
        Catalog { skills, by_name }
    }

    /// The index of a skill named in this module's tables; `tests` proves they all exist.
    pub(crate) fn id(&self, name: &str) -> usize {
        match self.by_name.get(name) {
            Some(&i) => i,
            None => panic!("demo data names skill {name:?}, which is not in skills.jsonl"),
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.skills.len()
    }

    pub(crate) fn name(&self, skill: usize) -> &'a str {
        &self.skills[skill].name
    }

    pub(crate) fn aliases(&self, skill: usize) -> &'a [String] {
        self.skills[skill].aliases.as_deref().unwrap_or(&[])
    }

    pub(crate) fn description(&self, skill: usize) -> Option<&'a str> {
        self.skills[skill].description.as_deref()
    }

    pub(crate) fn related(&self, skill: usize) -> impl Iterator<Item = usize> + '_ {
        let related = self.skills[skill].related.as_deref().unwrap_or(&[]);
        related.iter().filter_map(|name| self.get(name))
    }
}

/// The index of one item of a non-empty slice, with probability proportional to `weight`.
pub(crate) fn pick_weighted<T>(
    rng: &mut ChaCha8Rng,
    items: &[T],
    weight: impl Fn(&T) -> f64,
) -> usize {
    let total: f64 = items.iter().map(&weight).sum();
    let mut x = rng.random::<f64>() * total;
    for (i, item) in items.iter().enumerate() {
        x -= weight(item);
        if x < 0.0 {
            return i;
        }
    }
    items.len() - 1
}

/// A random element of a non-empty slice.
pub(crate) fn pick<'t, T>(rng: &mut ChaCha8Rng, items: &'t [T]) -> &'t T {
    &items[rng.random_range(0..items.len())]
}

/// Lower-case ASCII letters and digits joined by single hyphens.
pub(crate) fn slug(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars() {
        let c = names::email_part(&c.to_string());
        if c.is_empty() {
            if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        } else {
            slug.push_str(&c);
        }
    }
    slug.trim_end_matches('-').to_owned()
}
