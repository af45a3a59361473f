//! The evidence signals fused with the walk, each read off the documents a
//! question matched (see docs/ranking.md):
//!
//! * **documents**: each matched document votes its score, relative to the
//!   best, to its authors, times the weight of their authorship (an answer
//!   counts more than a question) — Balog's Model 2;
//! * **topics**: the skills those documents are tagged with (and the skills
//!   the question names) become a topic mix; people score by what they wrote
//!   under those topics, the skills they hold and the topics a leaver named
//!   them successor for;
//! * **activity**: the communities the question belongs to (those of the
//!   matched documents' authors, and the asker's own as a hint); their
//!   members score by how much they contribute. The prior is taken among the
//!   question's communities, never over everyone.
//!
//! Pure functions of the snapshot; scores are `(person, score)`, unscaled, in
//! no particular order. Sums go into a dense array reused by the thread's
//! queries, so a signal costs only the edges it reads.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use std::sync::Arc;

use crate::graph::{EdgeKind, Memo, NodeId, Snapshot, Vector};

use super::config::FusionWeights;

pub use super::ppr::Scores;

/// A successor named by a leaver for a topic counts this many times the
/// strongest holding of it: HR recorded that they are the one to ask now.
const SUCCESSOR: f32 = 2.0;

/// Documents read per topic; a topic with more is read at a stride.
const TOPIC_DOCUMENTS: usize = 1_000;

/// A sum per node, reset only where it was written.
#[derive(Default)]
struct Tally {
    sums: Vec<f32>,
    touched: Vec<NodeId>,
}

impl Tally {
    fn add(&mut self, node: NodeId, amount: f32) {
        let i = node as usize;
        if i >= self.sums.len() {
            self.sums.resize(i + 1, 0.0);
        }
        if self.sums[i] == 0.0 {
            self.touched.push(node);
        }
        self.sums[i] += amount;
    }

    /// The sums, and the tally left empty for the next signal.
    fn take(&mut self) -> Scores {
        let mut out = Vec::with_capacity(self.touched.len());
        for &n in &self.touched {
            let v = std::mem::take(&mut self.sums[n as usize]);
            if v > 0.0 && v.is_finite() {
                out.push((n, v));
            }
        }
        self.touched.clear();
        out
    }
}

thread_local! {
    static TALLY: RefCell<Tally> = RefCell::new(Tally::default());
}

fn tally(fill: impl FnOnce(&mut Tally)) -> Scores {
    TALLY.with(|t| {
        let mut t = t.borrow_mut();
        // A tally left half-written by a panic is emptied first.
        t.take();
        fill(&mut t);
        t.take()
    })
}

/// Each document's weight as a vote: its score relative to the best, sharpened.
fn shares(documents: &[(NodeId, f32)], f: &FusionWeights) -> Vec<(NodeId, f32)> {
    let best = documents.first().map_or(0.0, |d| d.1);
    if best <= 0.0 || !best.is_finite() {
        return vec![];
    }
    let sharpness = f.sharpness.max(0.0);
    documents
        .iter()
        .take(f.documents_read)
        .map(|&(d, s)| (d, (s / best).clamp(0.0, 1.0).powf(sharpness)))
        .filter(|&(_, s)| s > 0.0)
        .collect()
}

/// Documents voted to their authors.
pub fn document_votes(g: &Snapshot, documents: &[(NodeId, f32)], f: &FusionWeights) -> Scores {
    tally(|t| {
        for (d, share) in shares(documents, f) {
            let weight = g.authorship(d);
            for a in g.authors(d) {
                t.add(a, share * weight);
            }
        }
    })
}

/// Keeps the `max` largest entries and scales them to sum 1.
fn distribution(mix: FxHashMap<NodeId, f32>, max: usize) -> Vec<(NodeId, f32)> {
    let mut mix: Vec<(NodeId, f32)> = mix
        .into_iter()
        .filter(|e| e.1 > 0.0 && e.1.is_finite())
        .collect();
    mix.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    mix.truncate(max);
    let total: f32 = mix.iter().map(|e| e.1).sum();
    if total > 0.0 {
        mix.iter_mut().for_each(|e| e.1 /= total);
    }
    mix
}

/// The question's topics: the skills its documents are tagged with, each
/// document's share split among its tags, plus the skills it names (as much
/// as all the documents together).
pub fn topics(
    g: &Snapshot,
    documents: &[(NodeId, f32)],
    named_skills: &[NodeId],
    f: &FusionWeights,
) -> Vec<(NodeId, f32)> {
    let mut mix: FxHashMap<NodeId, f32> = FxHashMap::default();
    let mut total = 0.0;
    let mut tags = Vec::new();
    for (d, share) in shares(documents, f) {
        tags.clear();
        tags.extend(g.linked(d, EdgeKind::Tagged).map(|t| t.0));
        for &t in &tags {
            *mix.entry(t).or_default() += share / tags.len() as f32;
        }
        if !tags.is_empty() {
            total += share;
        }
    }
    let named_share = if total > 0.0 { total } else { 1.0 };
    for &s in named_skills {
        *mix.entry(s).or_default() += named_share / named_skills.len() as f32;
    }
    distribution(mix, f.max_topics)
}

/// People by what they wrote under the topics, the topics' skills they hold
/// (the strongest holding counts as `holder` documents), and the topics a
/// leaver named them successor for (twice the strongest holding).
pub fn topic_profile(g: &Snapshot, topics: &[(NodeId, f32)], f: &FusionWeights) -> Scores {
    // Each topic's people are worked out once per snapshot (see `topic`),
    // then mixed by the question's shares.
    let vectors: Vec<(f32, Vector)> = topics
        .iter()
        .map(|&(topic, share)| {
            (
                share,
                kept(&g.topics, f.holder, topic, || self::topic(g, topic, f)),
            )
        })
        .collect();
    mix(&vectors)
}

/// One topic's people as [`topic_profile`] scores them.
fn topic(g: &Snapshot, topic: NodeId, f: &FusionWeights) -> Scores {
    let mut holders: Vec<(NodeId, f32)> = Vec::new();
    let mut documents: Vec<NodeId> = Vec::new();
    tally(|t| {
        let topic_id = g.external_id(topic).unwrap_or_default();
        for (n, prob, kind) in g.csr.neighbours(topic) {
            match kind {
                EdgeKind::HasSkill => holders.push((n, prob)),
                EdgeKind::Tagged => documents.push(n),
                EdgeKind::Covers => {
                    let Some(info) = g.interview(n) else {
                        continue;
                    };
                    for (p, _) in g.linked(n, EdgeKind::SuccessorFor) {
                        let me = g.external_id(p).unwrap_or_default();
                        if info
                            .successors
                            .iter()
                            .any(|(s, k)| s == me && k == topic_id)
                        {
                            t.add(p, f.holder * SUCCESSOR);
                        }
                    }
                }
                _ => {}
            }
        }
        let strongest = holders.iter().map(|h| h.1).fold(0.0, f32::max);
        if strongest > 0.0 {
            for &(p, prob) in &holders {
                t.add(p, f.holder * prob / strongest);
            }
        }
        // A popular topic's documents are read at an even stride, each
        // standing for the ones skipped: the sums are estimates, and a
        // topic costs the same however much was written under it.
        let stride = documents.len().div_ceil(TOPIC_DOCUMENTS).max(1);
        for &d in documents.iter().step_by(stride) {
            let weight = g.authorship(d) * stride as f32;
            for a in g.authors(d) {
                t.add(a, weight);
            }
        }
    })
}

/// People kept per topic and per community: the strongest, as a question
/// mixes a few of each and reads only the first thousand of the mix.
const KEPT_PEOPLE: usize = 500;

/// `node`'s vector from `memo` for `setting`, else worked out by `work`,
/// its strongest people kept, and kept.
fn kept(memo: &Memo, setting: f32, node: NodeId, work: impl FnOnce() -> Scores) -> Vector {
    let setting = u64::from(setting.to_bits());
    if let Some(v) = memo.get(setting, node) {
        return v;
    }
    let mut people = strongest(work(), KEPT_PEOPLE);
    people.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let v: Vector = Arc::from(people);
    memo.put(setting, node, v.clone());
    v
}

/// The `k` highest-scoring entries, in no particular order.
fn strongest(mut scores: Scores, k: usize) -> Scores {
    if scores.len() > k {
        scores.select_nth_unstable_by(k, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scores.truncate(k);
    }
    scores
}

/// The sum of the vectors, each times its share.
fn mix(vectors: &[(f32, Vector)]) -> Scores {
    tally(|t| {
        for (share, v) in vectors {
            for &(p, s) in v.iter() {
                t.add(p, share * s);
            }
        }
    })
}

/// The communities the question belongs to: those of the matched documents'
/// authors (each author's share split among their communities). When
/// documents matched, `asker_hint` of the whole goes to the asker's own
/// communities, to tell apart topics several communities share; when none
/// did, the asker's communities say nothing about the question and are not used.
pub fn communities(
    g: &Snapshot,
    documents: &[(NodeId, f32)],
    asker: Option<NodeId>,
    f: &FusionWeights,
) -> Vec<(NodeId, f32)> {
    let mut mix: FxHashMap<NodeId, f32> = FxHashMap::default();
    let mut of = Vec::new();
    for (d, share) in shares(documents, f) {
        for a in g.authors(d) {
            of.clear();
            of.extend(g.linked(a, EdgeKind::MemberOf).map(|c| c.0));
            for &c in &of {
                *mix.entry(c).or_default() += share / of.len() as f32;
            }
        }
    }
    let total: f32 = mix.values().sum();
    if let Some(asker) = asker.filter(|_| total > 0.0) {
        of.clear();
        of.extend(g.linked(asker, EdgeKind::MemberOf).map(|c| c.0));
        let hint = f.asker_hint.clamp(0.0, 1.0);
        if !of.is_empty() && hint > 0.0 {
            mix.values_mut().for_each(|w| *w *= (1.0 - hint) / total);
            for &c in &of {
                *mix.entry(c).or_default() += hint / of.len() as f32;
            }
        }
    }
    distribution(mix, f.max_communities)
}

/// The members of each community by how much they contribute (to the power
/// `activity_power`), scaled to the community's busiest member, weighted by
/// the community's share.
pub fn activity(g: &Snapshot, communities: &[(NodeId, f32)], f: &FusionWeights) -> Scores {
    let power = f.activity_power.max(0.0);
    let vectors: Vec<(f32, Vector)> = communities
        .iter()
        .map(|&(c, share)| (share, kept(&g.activity, power, c, || members(g, c, power))))
        .collect();
    mix(&vectors)
}

/// A community's members by how much they contribute, scaled to its busiest.
fn members(g: &Snapshot, c: NodeId, power: f32) -> Scores {
    let contribution = |p: NodeId| g.authorship(p).max(0.0).powf(power);
    let busiest = g
        .linked(c, EdgeKind::MemberOf)
        .map(|(p, _)| contribution(p))
        .fold(0.0, f32::max);
    if busiest <= 0.0 {
        return vec![];
    }
    g.linked(c, EdgeKind::MemberOf)
        .map(|(p, _)| (p, contribution(p) / busiest))
        .filter(|&(_, s)| s > 0.0 && s.is_finite())
        .collect()
}
