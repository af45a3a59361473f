//! "Who is likely to know?": question → matches → personalised PageRank fused
//! with the evidence signals → people, filtered, tie-broken, graded and explained. Pure and synchronous: callers run it off
//! the async executor.

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::graph::{NodeId, NodeKind, Snapshot};

use super::config::RankConfig;
use super::explain::{self, Reason};
use super::hours::{Schedule, overlap_hours_at};
use super::ppr::{Ppr, PprParams};
use super::question::{self, Correction, Question};
use super::signals;
use rustc_hash::FxHashMap;

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
    /// When the question is asked: working hours are compared from the
    /// asker's date at that instant, in their own time zone.
    pub now: DateTime<Utc>,
    /// Whether explanations may name the leaver of an unpublished interview
    /// (HR and admins); otherwise it is "a colleague".
    pub reveal_unpublished: bool,
}

/// How sure a suggestion is: how well the question matched anything, and
/// how close the person's score is to the best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Weak,
    Partial,
    Strong,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expert {
    pub node: NodeId,
    pub person_id: String,
    pub score: f32,
    pub strength: Strength,
    /// The question is (or contains) this person's name.
    pub name_match: bool,
    pub matched_skills: Vec<NodeId>,
    pub reasons: Vec<Reason>,
    pub sentence: String,
    /// Working-hours overlap with the asker, when both time zones are known.
    pub overlap_hours: Option<f32>,
}

/// The people suggested for a question, and how the question was read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answer {
    pub experts: Vec<Expert>,
    /// Misspelt words read as skill words.
    pub corrections: Vec<Correction>,
    /// The question as searched, when a word was corrected.
    pub corrected: Option<String>,
    /// Whether anyone matches strongly; when not, the list is only the closest.
    pub clear_match: bool,
}

/// A score this close to the best, for a well-matched question, is strong.
const STRONG_SHARE: f32 = 0.5;
/// Below this share of the best a suggestion is weak.
const PARTIAL_SHARE: f32 = 0.2;
/// Share of the question's words the organisation must hold for a strong match.
const STRONG_COVERAGE: f32 = 0.6;
const PARTIAL_COVERAGE: f32 = 0.3;

/// The strongest a suggestion for `question` can be: a question naming a
/// skill, or most of whose words the organisation holds, can be answered
/// strongly; one with few known words only weakly.
fn ceiling(question: &Question) -> Strength {
    if question.names_skill() || question.coverage >= STRONG_COVERAGE {
        Strength::Strong
    } else if question.coverage >= PARTIAL_COVERAGE {
        Strength::Partial
    } else {
        Strength::Weak
    }
}

fn strength(ceiling: Strength, share: f32) -> Strength {
    let by_score = if share >= STRONG_SHARE {
        Strength::Strong
    } else if share >= PARTIAL_SHARE {
        Strength::Partial
    } else {
        Strength::Weak
    };
    by_score.min(ceiling)
}

/// The seeds of the walk from what the question matched, each kind scaled to
/// its best match (not normalised).
pub fn question_seeds(question: &Question, cfg: &RankConfig) -> Vec<(NodeId, f32)> {
    let s = &cfg.seeds;
    let mut seeds = Vec::new();
    let scaled =
        |hits: &[(NodeId, f32)], limit: usize, weight: f32, seeds: &mut Vec<(NodeId, f32)>| {
            let best = hits.first().map_or(0.0, |h| h.1);
            if best > 0.0 {
                seeds.extend(
                    hits.iter()
                        .take(limit)
                        .map(|&(n, sc)| (n, weight * sc / best)),
                );
            }
        };
    let best = question.skills.first().map_or(0.0, |h| h.1);
    if best > 0.0 {
        seeds.extend(
            question
                .skills
                .iter()
                .take(s.max_skills)
                .map(|&(n, sc, named)| {
                    (n, if named { s.skill_named } else { s.skill } * sc / best)
                }),
        );
    }
    scaled(
        &question.communities,
        s.max_communities,
        s.community,
        &mut seeds,
    );
    scaled(&question.documents, s.max_evidence, s.evidence, &mut seeds);
    scaled(
        &question.interviews,
        s.max_interviews,
        s.interview,
        &mut seeds,
    );
    // Someone who says to ask them about it is a place to start, as a skill is.
    let asked: Vec<(NodeId, f32)> = question.asked.iter().map(|a| (a.0, a.1)).collect();
    scaled(&asked, asked.len(), s.skill, &mut seeds);
    seeds
}

/// People each signal contributes to the fusion, its strongest: someone
/// outside every signal's first thousand cannot reach a page of a hundred,
/// and the fusion's cost stays the same however large a community or a
/// popular skill is.
const SIGNAL_PEOPLE: usize = 1_000;

/// The `k` highest-scoring entries, in no particular order.
fn strongest(mut scores: signals::Scores, k: usize) -> signals::Scores {
    if scores.len() > k {
        scores.select_nth_unstable_by(k, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scores.truncate(k);
    }
    scores
}

/// What the evidence signals inferred about a question: its topics and its
/// communities, each a distribution.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inferred {
    pub topics: Vec<(NodeId, f32)>,
    pub communities: Vec<(NodeId, f32)>,
}

/// The question's topics and communities.
pub fn infer(
    g: &Snapshot,
    cfg: &RankConfig,
    question: &Question,
    asker: Option<NodeId>,
) -> Inferred {
    let f = &cfg.fusion;
    Inferred {
        topics: signals::topics(g, &question.documents, &question.named_skills(), f),
        communities: signals::communities(g, &question.documents, asker, f),
    }
}

/// Every person with a signal, by the fused score: each signal (the walk
/// `walk`, document votes, topics, activity) scaled to its best `eligible`
/// person and weighted by `[ranking.fusion]`. Scaling over everyone who may
/// be returned (not over what the asker's filters leave) means a filter only
/// removes people and never reorders the rest.
pub fn fuse(
    g: &Snapshot,
    cfg: &RankConfig,
    question: &Question,
    inferred: &Inferred,
    walk: &[(NodeId, f32)],
    eligible: impl Fn(NodeId) -> bool,
) -> Vec<(NodeId, f32)> {
    let f = &cfg.fusion;
    let walk: signals::Scores = walk
        .iter()
        .filter(|&&(n, s)| s.is_finite() && s > 0.0 && g.kind(n) == Some(NodeKind::Person))
        .copied()
        .collect();
    let mut parts: Vec<(f32, signals::Scores)> = vec![(f.walk, walk)];
    if f.documents > 0.0 {
        parts.push((
            f.documents,
            signals::document_votes(g, &question.documents, f),
        ));
    }
    if f.topics > 0.0 {
        parts.push((f.topics, signals::topic_profile(g, &inferred.topics, f)));
    }
    if f.activity > 0.0 {
        parts.push((f.activity, signals::activity(g, &inferred.communities, f)));
    }
    let mut fused: FxHashMap<NodeId, f32> = FxHashMap::default();
    for (weight, scores) in parts {
        if weight <= 0.0 || !weight.is_finite() {
            continue;
        }
        let mut kept = strongest(scores, SIGNAL_PEOPLE);
        kept.retain(|&(p, s)| s.is_finite() && s > 0.0 && eligible(p));
        let best = kept.iter().map(|e| e.1).fold(0.0, f32::max);
        if best <= 0.0 {
            continue;
        }
        if f.rank_constant > 0.0 {
            // Reciprocal-rank fusion: only each signal's order counts.
            top(g, &mut kept, usize::MAX);
            for (rank, (p, _)) in kept.into_iter().enumerate() {
                *fused.entry(p).or_default() += weight / (f.rank_constant + rank as f32 + 1.0);
            }
        } else {
            for (p, s) in kept {
                *fused.entry(p).or_default() += weight * s / best;
            }
        }
    }
    fused.into_iter().collect()
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

/// The best people for `q`, explained: first anyone the question names, then
/// by the fused score.
pub fn experts(g: &Snapshot, index: &TextIndex, cfg: &RankConfig, q: &ExpertQuery) -> Answer {
    let question = question::read(g, index, cfg, &q.text);
    answer(g, cfg, &question, q)
}

/// A ranked person: `(node, fused score, named by the question)`.
pub type Ranked = (NodeId, f32, bool);

/// [`experts`] for a question already read.
pub fn answer(g: &Snapshot, cfg: &RankConfig, question: &Question, q: &ExpertQuery) -> Answer {
    let mut answer = Answer {
        corrections: question.corrections.clone(),
        corrected: question.corrected.clone(),
        ..Answer::default()
    };
    let seeds = normalised_seeds(question, cfg);
    let (ranked, inferred) = rank_people(g, cfg, question, &seeds, q);
    let best = ranked
        .iter()
        .filter(|r| !r.2)
        .map(|r| r.1)
        .fold(0.0, f32::max);
    let ceiling = ceiling(question);
    let my_zone = asker_zone(g, cfg, q);
    let why = explanation_seeds(&inferred, &seeds);
    let named_skills = question.named_skills();
    answer.experts = ranked
        .into_iter()
        .map(|(node, score, name_match)| {
            let mut reasons =
                explain::reasons(g, &why, node, q.reveal_unpublished, &question.aliases);
            if let Some((_, _, topic)) = question.asked.iter().find(|a| a.0 == node)
                && !reasons
                    .iter()
                    .any(|r| r.text.starts_with(explain::ASKED_WORDS))
            {
                let text = format!("{} *{topic}*", explain::ASKED_WORDS);
                reasons.insert(0, explain::said(&text, node));
            }
            let direct = !reasons.is_empty();
            // A question that names a skill is answered strongly only by
            // people linked to that skill, not by whoever shares its words.
            let on_named_skill = named_skills.is_empty()
                || reasons.iter().any(|r| {
                    r.path
                        .nodes
                        .first()
                        .is_some_and(|n| named_skills.contains(n))
                });
            if name_match {
                reasons.insert(0, explain::said("their name is in your question", node));
            } else if reasons.is_empty() {
                reasons.push(explain::said(
                    "linked to your question only at a distance in the knowledge graph",
                    node,
                ));
            }
            reasons.truncate(explain::MAX_REASONS);
            Expert {
                node,
                person_id: g.external_id(node).unwrap_or_default().to_string(),
                score,
                strength: if question.named_people.contains(&(node, true)) {
                    Strength::Strong
                } else if name_match {
                    Strength::Partial
                } else if !direct || best <= 0.0 {
                    Strength::Weak
                } else if on_named_skill {
                    strength(ceiling, score / best)
                } else {
                    strength(ceiling, score / best).min(Strength::Partial)
                },
                name_match,
                matched_skills: explain::matched_skills(g, &seeds, node),
                sentence: explain::sentence(&reasons),
                reasons,
                overlap_hours: overlap(g, cfg, my_zone, node, q.now),
            }
        })
        .collect();
    answer.clear_match = answer
        .experts
        .iter()
        .any(|e| e.strength == Strength::Strong);
    answer
}

/// What explanations start from: the walk's seeds, then the topics and
/// communities the evidence signals inferred (weaker, so a direct match is
/// named first), so that whoever the signals raised has a reason in words.
fn explanation_seeds(inferred: &Inferred, seeds: &[(NodeId, f32)]) -> Vec<(NodeId, f32)> {
    const INFERRED: f32 = 0.1;
    let mut why = seeds.to_vec();
    for &(n, w) in inferred.topics.iter().chain(&inferred.communities) {
        if !why.iter().any(|s| s.0 == n) {
            why.push((n, INFERRED * w));
        }
    }
    why
}

fn normalised_seeds(question: &Question, cfg: &RankConfig) -> Vec<(NodeId, f32)> {
    let seeds = question_seeds(question, cfg);
    let total: f32 = seeds.iter().map(|s| s.1).sum();
    if total <= 0.0 {
        return vec![];
    }
    seeds.into_iter().map(|(n, w)| (n, w / total)).collect()
}

/// The time zone working hours are compared with: the asker's, else the filter's.
/// The asker's own hours when they gave them, else the configured guess.
fn asker_zone(g: &Snapshot, cfg: &RankConfig, q: &ExpertQuery) -> Option<Schedule> {
    let me = q
        .asker
        .as_deref()
        .and_then(|a| g.node(NodeKind::Person, a))
        .and_then(|a| g.person(a));
    match me.and_then(|p| Some((p.timezone()?, p.hours))) {
        Some((zone, hours)) => Some(Schedule {
            zone,
            hours: hours.unwrap_or_else(|| guess(cfg)),
        }),
        None => q.filter.timezone.map(|zone| Schedule {
            zone,
            hours: guess(cfg),
        }),
    }
}

fn guess(cfg: &RankConfig) -> crate::domain::WorkingHours {
    crate::domain::WorkingHours::guess(cfg.work_start_hour, cfg.work_end_hour)
}

fn overlap(
    g: &Snapshot,
    cfg: &RankConfig,
    mine: Option<Schedule>,
    person: NodeId,
    now: DateTime<Utc>,
) -> Option<f32> {
    let p = g.person(person)?;
    let theirs = Schedule {
        zone: p.timezone()?,
        hours: p.hours.unwrap_or_else(|| guess(cfg)),
    };
    Some(overlap_hours_at(mine?, theirs, now))
}

/// The first `q.first` people for a question already read, unexplained:
/// anyone it names first, then by the fused score; with what the signals
/// inferred about the question. `seeds` are the question's, normalised.
pub fn rank_people(
    g: &Snapshot,
    cfg: &RankConfig,
    question: &Question,
    seeds: &[(NodeId, f32)],
    q: &ExpertQuery,
) -> (Vec<Ranked>, Inferred) {
    let matched = !seeds.is_empty() || !question.documents.is_empty();
    if (!matched && question.named_people.is_empty()) || q.first == 0 {
        return (vec![], Inferred::default());
    }
    let asker = q.asker.as_deref().and_then(|a| g.node(NodeKind::Person, a));
    let my_zone = asker_zone(g, cfg, q);
    let eligible = |p: NodeId| g.is_contact(p) && Some(p) != asker;
    let wanted = |p: NodeId| -> bool {
        let Some(info) = g.person(p) else {
            return false;
        };
        let f = &q.filter;
        eligible(p)
            && (f.offices.is_empty()
                || info
                    .office_id()
                    .is_some_and(|o| f.offices.iter().any(|x| x == o)))
            && (f.countries.is_empty()
                || info
                    .country()
                    .is_some_and(|c| f.countries.iter().any(|x| x.eq_ignore_ascii_case(c))))
            && f.min_overlap_hours
                .is_none_or(|min| overlap(g, cfg, my_zone, p, q.now).is_some_and(|h| h >= min))
    };
    let walk = if seeds.is_empty() || cfg.fusion.walk <= 0.0 {
        vec![]
    } else {
        super::walks::people(g, cfg, seeds)
    };
    let inferred = infer(g, cfg, question, asker);
    let mut people = fuse(g, cfg, question, &inferred, &walk, eligible);
    people.retain(|&(p, _)| wanted(p));
    let named: Vec<NodeId> = question
        .named_people
        .iter()
        .map(|n| n.0)
        .filter(|&p| wanted(p))
        .collect();
    let score_of = |p: NodeId| people.iter().find(|e| e.0 == p).map_or(0.0, |e| e.1);
    let mut ranked: Vec<Ranked> = named.iter().map(|&p| (p, score_of(p), true)).collect();
    people.retain(|p| !named.contains(&p.0));
    top(g, &mut people, q.first);
    ranked.extend(people.into_iter().map(|(p, s)| (p, s, false)));
    ranked.truncate(q.first);
    (ranked, inferred)
}

/// [`rank_people`] from a question already read, for evaluation and tuning.
pub fn rank_question(
    g: &Snapshot,
    cfg: &RankConfig,
    question: &Question,
    q: &ExpertQuery,
) -> Vec<Ranked> {
    rank_people(g, cfg, question, &normalised_seeds(question, cfg), q).0
}
