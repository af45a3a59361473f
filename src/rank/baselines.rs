//! Simple rankers to measure the graph ranking against (`tacit eval --ranker`),
//! each from the question text alone:
//!
//! * `model2`: Balog's Model 2 — BM25 over documents, each of the best 100
//!   documents' score voted in full to its authors;
//! * `profile`: Balog's Model 1 — BM25 over each person's writing taken as one
//!   document (a [`ProfileIndex`]);
//! * `tags`: the tags of the best-matching documents, then people by what
//!   they wrote under those tags;
//! * `bm25`: each author credited with their three best-matching documents;
//! * `popularity`: whoever has written the most, whatever the question.
//!
//! All return only people the graph ranking may return (active, discoverable,
//! not the asker), and read the question as it does, so the comparison is fair.

use std::collections::HashMap;

use crate::graph::{EdgeKind, NodeId, NodeKind, Snapshot};

use super::config::FusionWeights;
use super::experts::top;
use super::signals;
use super::text::{TextDoc, TextIndex};

/// Documents read per question by `model2` and `tags`.
const MODEL2_DOCUMENTS: usize = 100;
/// Question terms searched by every baseline (the graph ranker's default).
const QUERY_TERMS: usize = 32;

/// Documents read per question by the BM25 baseline.
const BM25_DOCUMENTS: usize = 200;
/// At most this many documents count towards one author.
const BM25_PER_AUTHOR: usize = 3;

fn eligible(g: &Snapshot, person: NodeId, asker: Option<NodeId>) -> bool {
    g.is_contact(person) && Some(person) != asker
}

/// The question's terms as every ranker reads them.
fn question(index: &TextIndex, text: &str) -> Vec<(String, f32)> {
    index.salient(&index.question_terms(text), QUERY_TERMS)
}

fn documents(index: &TextIndex, text: &str, limit: usize) -> anyhow::Result<Vec<(String, f32)>> {
    index.search_weighted(&question(index, text), NodeKind::Evidence, limit)
}

fn ranked(
    g: &Snapshot,
    credit: HashMap<NodeId, f32>,
    asker: Option<NodeId>,
    k: usize,
) -> Vec<NodeId> {
    let mut people: Vec<(NodeId, f32)> = credit
        .into_iter()
        .filter(|&(p, s)| s > 0.0 && eligible(g, p, asker))
        .collect();
    top(g, &mut people, k);
    people.into_iter().map(|(p, _)| p).collect()
}

/// Balog's Model 2: each of the best documents' scores voted to its authors.
pub fn model2(
    g: &Snapshot,
    index: &TextIndex,
    text: &str,
    asker: Option<&str>,
    k: usize,
) -> anyhow::Result<Vec<NodeId>> {
    let asker = asker.and_then(|a| g.node(NodeKind::Person, a));
    let mut credit: HashMap<NodeId, f32> = HashMap::new();
    for (id, score) in documents(index, text, MODEL2_DOCUMENTS)? {
        if let Some(doc) = g.node(NodeKind::Evidence, &id) {
            for a in g.authors(doc) {
                *credit.entry(a).or_default() += score;
            }
        }
    }
    Ok(ranked(g, credit, asker, k))
}

/// The tags of the best-matching documents, then people by what they wrote
/// under those tags.
pub fn tags(
    g: &Snapshot,
    index: &TextIndex,
    text: &str,
    asker: Option<&str>,
    k: usize,
) -> anyhow::Result<Vec<NodeId>> {
    let asker = asker.and_then(|a| g.node(NodeKind::Person, a));
    let docs: Vec<(NodeId, f32)> = documents(index, text, MODEL2_DOCUMENTS)?
        .into_iter()
        .filter_map(|(id, s)| Some((g.node(NodeKind::Evidence, &id)?, s)))
        .collect();
    let f = FusionWeights {
        documents_read: MODEL2_DOCUMENTS,
        sharpness: 1.0,
        max_topics: 10,
        holder: 0.0,
        ..FusionWeights::default()
    };
    let topics = signals::topics(g, &docs, &[], &f);
    Ok(ranked(
        g,
        signals::topic_profile(g, &topics, &f).into_iter().collect(),
        asker,
        k,
    ))
}

/// Each person's writing as one document, for Balog's Model 1.
pub struct ProfileIndex(TextIndex);

impl ProfileIndex {
    /// From every document's `(id, text)`: each author's profile is the titles
    /// and texts of everything they wrote.
    pub fn build(g: &Snapshot, texts: &[(String, String)]) -> anyhow::Result<ProfileIndex> {
        let mut profiles: HashMap<NodeId, String> = HashMap::new();
        for (id, text) in texts {
            let Some(doc) = g.node(NodeKind::Evidence, id) else {
                continue;
            };
            for a in g.authors(doc) {
                let p = profiles.entry(a).or_default();
                p.push_str(g.label(doc));
                p.push('\n');
                p.push_str(text);
                p.push('\n');
            }
        }
        let docs: Vec<TextDoc> = profiles
            .into_iter()
            .filter_map(|(p, body)| {
                Some(TextDoc {
                    kind: NodeKind::Person,
                    id: g.external_id(p)?.to_string(),
                    names: vec![],
                    body,
                })
            })
            .collect();
        let index = TextIndex::new()?;
        index.update(&docs, &[], true, 0)?;
        Ok(ProfileIndex(index))
    }

    /// People by BM25 of their profile.
    pub fn rank(
        &self,
        g: &Snapshot,
        text: &str,
        asker: Option<&str>,
        k: usize,
    ) -> anyhow::Result<Vec<NodeId>> {
        let asker = asker.and_then(|a| g.node(NodeKind::Person, a));
        let index = &self.0;
        // A profile is a person's body text (their names are not in it).
        let hits =
            index.search_person_text(&question(index, text), k.saturating_mul(2).max(k + 10))?;
        let credit = hits
            .into_iter()
            .filter_map(|(id, s)| Some((g.node(NodeKind::Person, &id)?, s)))
            .collect();
        Ok(ranked(g, credit, asker, k))
    }
}

/// People by the summed BM25 scores of their best matching documents.
pub fn bm25(
    g: &Snapshot,
    index: &TextIndex,
    text: &str,
    asker: Option<&str>,
    k: usize,
) -> anyhow::Result<Vec<NodeId>> {
    let asker = asker.and_then(|a| g.node(NodeKind::Person, a));
    let hits = documents(index, text, BM25_DOCUMENTS)?;
    let mut credit: HashMap<NodeId, Vec<f32>> = HashMap::new();
    for (id, score) in hits {
        let Some(doc) = g.node(NodeKind::Evidence, &id) else {
            continue;
        };
        for a in g.authors(doc) {
            credit.entry(a).or_default().push(score);
        }
    }
    let mut people: Vec<(NodeId, f32)> = credit
        .into_iter()
        .filter(|(p, _)| eligible(g, *p, asker))
        .map(|(p, mut scores)| {
            scores.sort_by(|a, b| b.total_cmp(a));
            (p, scores.iter().take(BM25_PER_AUTHOR).sum())
        })
        .collect();
    top(g, &mut people, k);
    Ok(people.into_iter().map(|(p, _)| p).collect())
}

/// People by how many documents they wrote.
pub fn popularity(g: &Snapshot, asker: Option<&str>, k: usize) -> Vec<NodeId> {
    let asker = asker.and_then(|a| g.node(NodeKind::Person, a));
    let mut people: Vec<(NodeId, f32)> = g
        .node_ids()
        .filter(|&p| eligible(g, p, asker))
        .map(|p| {
            let written = g
                .csr
                .neighbours(p)
                .filter(|(_, _, k)| *k == EdgeKind::Authored)
                .count();
            (p, written as f32)
        })
        .collect();
    top(g, &mut people, k);
    people.into_iter().map(|(p, _)| p).collect()
}
