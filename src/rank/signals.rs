//! The evidence signals fused with the walk, each read off the documents a
//! question matched (see docs/ranking.md):
//!
//! * **documents**: each matched document votes its score, relative to the
//!   best, to its authors, times the weight of their authorship (an answer
//!   counts more than a question) — Balog's Model 2;
//! * **topics**: the skills those documents are tagged with (and the skills
//!   the question names) become a topic mix; people score by what they wrote
//!   under those topics and the skills they hold;
//! * **activity**: the communities the question belongs to (those of the
//!   matched documents' authors, and the asker's own as a hint); people score
//!   by how much they contribute there. People answer within their topic, so
//!   this prior is taken within the communities, never over everyone.
//!
//! Pure functions of the snapshot; scores are `person → score`, unscaled.

use rustc_hash::FxHashMap;

use crate::graph::{EdgeKind, NodeId, NodeKind, Snapshot};

use super::config::FusionWeights;

pub type Scores = FxHashMap<NodeId, f32>;

/// Each document's weight as a vote: its score relative to the best, sharpened.
fn shares(documents: &[(NodeId, f32)], f: &FusionWeights) -> Vec<(NodeId, f32)> {
    let best = documents.first().map_or(0.0, |d| d.1);
    if best <= 0.0 {
        return vec![];
    }
    documents
        .iter()
        .take(f.documents_read)
        .map(|&(d, s)| (d, (s / best).max(0.0).powf(f.sharpness)))
        .filter(|&(_, s)| s > 0.0)
        .collect()
}

/// Documents voted to their authors.
pub fn document_votes(g: &Snapshot, documents: &[(NodeId, f32)], f: &FusionWeights) -> Scores {
    let mut votes = Scores::default();
    for (d, share) in shares(documents, f) {
        let weight = g.authorship(d);
        for a in g.authors(d) {
            *votes.entry(a).or_default() += share * weight;
        }
    }
    votes
}

/// Keeps the `max` largest entries and scales them to sum 1.
fn distribution(mut mix: Vec<(NodeId, f32)>, max: usize) -> Vec<(NodeId, f32)> {
    mix.retain(|e| e.1 > 0.0 && e.1.is_finite());
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
    for (d, share) in shares(documents, f) {
        let tags: Vec<NodeId> = g
            .linked(d, EdgeKind::Tagged, NodeKind::Skill)
            .map(|t| t.0)
            .collect();
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
    distribution(mix.into_iter().collect(), f.max_topics)
}

/// People by what they wrote under the topics, the topics' skills they hold,
/// and the topics a leaver named them successor for (as much as the
/// strongest holding: HR recorded that they are the one to ask now).
pub fn topic_profile(g: &Snapshot, topics: &[(NodeId, f32)], f: &FusionWeights) -> Scores {
    let mut scores = Scores::default();
    for &(t, share) in topics {
        let holders: Vec<(NodeId, f32)> =
            g.linked(t, EdgeKind::HasSkill, NodeKind::Person).collect();
        // The strongest holding (level, source, endorsements) counts fully.
        let strongest = holders.iter().map(|h| h.1).fold(0.0, f32::max);
        for (p, prob) in holders {
            if strongest > 0.0 {
                *scores.entry(p).or_default() += share * f.holder * prob / strongest;
            }
        }
        for (i, _) in g.linked(t, EdgeKind::Covers, NodeKind::Interview) {
            let topic = g.external_id(t).unwrap_or_default();
            let Some(info) = g.interview(i) else {
                continue;
            };
            for (p, _) in g.linked(i, EdgeKind::SuccessorFor, NodeKind::Person) {
                let me = g.external_id(p).unwrap_or_default();
                if info.successors.iter().any(|(s, k)| s == me && k == topic) {
                    *scores.entry(p).or_default() += share * f.holder;
                }
            }
        }
        for (d, _) in g.linked(t, EdgeKind::Tagged, NodeKind::Evidence) {
            let weight = g.authorship(d);
            for a in g.authors(d) {
                *scores.entry(a).or_default() += share * weight;
            }
        }
    }
    scores
}

/// The communities the question belongs to: those of the matched documents'
/// authors (each author's share split among their communities), with
/// `asker_hint` of the whole given to the asker's communities.
pub fn communities(
    g: &Snapshot,
    documents: &[(NodeId, f32)],
    asker: Option<NodeId>,
    f: &FusionWeights,
) -> Vec<(NodeId, f32)> {
    let mut mix: FxHashMap<NodeId, f32> = FxHashMap::default();
    for (d, share) in shares(documents, f) {
        for a in g.authors(d) {
            let of: Vec<NodeId> = g
                .linked(a, EdgeKind::MemberOf, NodeKind::Community)
                .map(|c| c.0)
                .collect();
            for &c in &of {
                *mix.entry(c).or_default() += share / of.len() as f32;
            }
        }
    }
    let mut mix = distribution(mix.into_iter().collect(), usize::MAX);
    if let Some(asker) = asker {
        let own: Vec<NodeId> = g
            .linked(asker, EdgeKind::MemberOf, NodeKind::Community)
            .map(|c| c.0)
            .collect();
        if !own.is_empty() {
            let hint = if mix.is_empty() { 1.0 } else { f.asker_hint };
            mix.iter_mut()
                .for_each(|e| e.1 *= 1.0 - hint.clamp(0.0, 1.0));
            mix.extend(own.iter().map(|&c| (c, hint / own.len() as f32)));
            let mut merged: FxHashMap<NodeId, f32> = FxHashMap::default();
            for (c, w) in mix {
                *merged.entry(c).or_default() += w;
            }
            mix = merged.into_iter().collect();
        }
    }
    distribution(mix, f.max_communities)
}

/// People by their contribution within each community, scaled to the
/// community's busiest member, weighted by the community's share.
pub fn activity(g: &Snapshot, communities: &[(NodeId, f32)], f: &FusionWeights) -> Scores {
    let mut scores = Scores::default();
    for &(c, share) in communities {
        let members: Vec<(NodeId, f32)> = g
            .linked(c, EdgeKind::MemberOf, NodeKind::Person)
            .map(|(p, _)| (p, g.authorship(p).max(0.0).powf(f.activity_power)))
            .collect();
        let busiest = members.iter().map(|m| m.1).fold(0.0, f32::max);
        if busiest <= 0.0 {
            continue;
        }
        for (p, a) in members {
            *scores.entry(p).or_default() += share * a / busiest;
        }
    }
    scores
}
