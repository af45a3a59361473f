//! "Who is likely to know?": question → seeds → personalised PageRank → people,
//! filtered, tie-broken and explained. Pure and synchronous: callers run it off
//! the async executor.

use std::cell::RefCell;
use std::collections::HashSet;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::graph::{NodeId, NodeKind, Snapshot};

use super::config::RankConfig;
use super::explain::{self, Reason};
use super::hours::overlap_hours;
use super::ppr::{Ppr, PprParams};
use super::text::TextIndex;

/// What the asker chose to narrow results by. Filters only remove people;
/// they never change anyone's score.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExpertFilter {
    /// Office ids; empty means any.
    pub offices: Vec<String>,
    /// Countries; empty means any.
    pub countries: Vec<String>,
    /// Working hours that must overlap the asker's (or `timezone`'s).
    pub min_overlap_hours: Option<f32>,
    /// The time zone to compare with when the asker has none.
    pub timezone: Option<Tz>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExpertQuery {
    pub text: String,
    /// Never returned for their own question.
    pub asker: Option<String>,
    pub filter: ExpertFilter,
    pub first: usize,
    /// The date working hours are compared on.
    pub today: NaiveDate,
    /// Whether explanations may name the leaver of an unpublished interview
    /// (HR and admins); otherwise it is "a colleague".
    pub reveal_unpublished: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expert {
    pub node: NodeId,
    pub person_id: String,
    pub score: f32,
    pub matched_skills: Vec<NodeId>,
    pub reasons: Vec<Reason>,
    pub sentence: String,
    /// Working-hours overlap with the asker, when both time zones are known.
    pub overlap_hours: Option<f32>,
}

/// The seeds a question gives, with their weights (not normalised).
pub fn seeds(g: &Snapshot, index: &TextIndex, cfg: &RankConfig, text: &str) -> Vec<(NodeId, f32)> {
    let terms = index.terms(text);
    let query: HashSet<&str> = terms.iter().map(String::as_str).collect();
    let s = &cfg.seeds;
    let mut seeds = Vec::new();
    for (kind, limit, weight) in [
        (NodeKind::Skill, s.max_skills, s.skill),
        (NodeKind::Community, s.max_communities, s.community),
        (NodeKind::Evidence, s.max_evidence, s.evidence),
        (NodeKind::Interview, s.max_interviews, s.interview),
    ] {
        let hits = match index.search(&terms, kind, limit) {
            Ok(h) => h,
            Err(e) => {
                tracing::warn!(error = %e, "text search failed");
                continue;
            }
        };
        let best = hits.first().map_or(0.0, |h| h.1);
        for (id, score) in hits {
            // The index may briefly hold an entity the snapshot does not yet have.
            let Some(node) = g.node(kind, &id) else {
                continue;
            };
            if best <= 0.0 {
                continue;
            }
            let named = kind == NodeKind::Skill && index.names_skill(&id, &query);
            let w = if named { s.skill_named } else { weight };
            seeds.push((node, w * score / best));
        }
    }
    seeds
}

thread_local! {
    static SCRATCH: RefCell<Ppr> = RefCell::new(Ppr::default());
}

/// Personalised PageRank from `seeds`, as `(node, score)` for every reached node.
pub fn spread(g: &Snapshot, cfg: &RankConfig, seeds: &[(NodeId, f32)]) -> Vec<(NodeId, f32)> {
    let params = PprParams {
        restart: cfg.restart,
        epsilon: cfg.epsilon,
    };
    SCRATCH.with(|s| s.borrow_mut().run(&g.csr, seeds, params))
}

/// Keeps the best `k`, sorted: a partial selection first, since a walk can
/// reach tens of thousands of people and only a page of them is wanted.
pub fn top(g: &Snapshot, scored: &mut Vec<(NodeId, f32)>, k: usize) {
    let order = |a: &(NodeId, f32), b: &(NodeId, f32)| {
        b.1.total_cmp(&a.1)
            .then_with(|| g.external_id(a.0).cmp(&g.external_id(b.0)))
    };
    if k < scored.len() {
        scored.select_nth_unstable_by(k, order);
        scored.truncate(k);
    }
    scored.sort_by(order);
}

/// The best people for `q`, explained.
pub fn experts(g: &Snapshot, index: &TextIndex, cfg: &RankConfig, q: &ExpertQuery) -> Vec<Expert> {
    let seeds = seeds(g, index, cfg, &q.text);
    if seeds.is_empty() || q.first == 0 {
        return vec![];
    }
    let total: f32 = seeds.iter().map(|s| s.1).sum();
    let seeds: Vec<(NodeId, f32)> = seeds.into_iter().map(|(n, w)| (n, w / total)).collect();
    let asker = q.asker.as_deref().and_then(|a| g.node(NodeKind::Person, a));
    let my_zone = asker
        .and_then(|a| g.person(a))
        .and_then(|p| p.timezone())
        .or(q.filter.timezone);
    let overlap = |p: NodeId| -> Option<f32> {
        let theirs = g.person(p)?.timezone()?;
        Some(overlap_hours(
            my_zone?,
            theirs,
            q.today,
            cfg.work_start_hour,
            cfg.work_end_hour,
        ))
    };
    let wanted = |p: NodeId| -> bool {
        let Some(info) = g.person(p) else {
            return false;
        };
        let f = &q.filter;
        info.is_contact()
            && Some(p) != asker
            && (f.offices.is_empty()
                || info
                    .office_id()
                    .is_some_and(|o| f.offices.iter().any(|x| x == o)))
            && (f.countries.is_empty()
                || info
                    .country()
                    .is_some_and(|c| f.countries.iter().any(|x| x.eq_ignore_ascii_case(c))))
            && f.min_overlap_hours
                .is_none_or(|min| overlap(p).is_some_and(|h| h >= min))
    };
    let mut people: Vec<(NodeId, f32)> = spread(g, cfg, &seeds)
        .into_iter()
        .filter(|&(n, s)| s.is_finite() && s > 0.0 && wanted(n))
        .collect();
    top(g, &mut people, q.first);
    people
        .into_iter()
        .map(|(node, score)| {
            let reasons = explain::reasons(g, &seeds, node, q.reveal_unpublished);
            Expert {
                node,
                person_id: g.external_id(node).unwrap_or_default().to_string(),
                score,
                matched_skills: explain::matched_skills(g, &seeds, node),
                sentence: explain::sentence(&reasons),
                reasons,
                overlap_hours: overlap(node),
            }
        })
        .collect()
}
