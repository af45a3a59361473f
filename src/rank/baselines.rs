//! Two simple rankers to measure the graph ranking against (`tacit eval --ranker`).
//!
//! * `bm25`: document-centric — score documents with BM25 and credit each author
//!   with the sum of the scores of their best matching documents.
//! * `popularity`: whoever has written the most, whatever the question.
//!
//! Both return only people the graph ranking may return (active, discoverable,
//! not the asker), so the comparison is fair.

use std::collections::HashMap;

use crate::graph::{EdgeKind, NodeId, NodeKind, Snapshot};

use super::experts::top;
use super::text::TextIndex;

/// Documents read per question by the BM25 baseline.
const BM25_DOCUMENTS: usize = 200;
/// At most this many documents count towards one author.
const BM25_PER_AUTHOR: usize = 3;

fn eligible(g: &Snapshot, person: NodeId, asker: Option<NodeId>) -> bool {
    g.is_contact(person) && Some(person) != asker
}

fn authors(g: &Snapshot, evidence: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    g.csr
        .neighbours(evidence)
        .filter(|(n, _, k)| *k == EdgeKind::Authored && g.kind(*n) == Some(NodeKind::Person))
        .map(|(n, _, _)| n)
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
    let hits = index.search(&index.terms(text), NodeKind::Evidence, BM25_DOCUMENTS)?;
    let mut credit: HashMap<NodeId, Vec<f32>> = HashMap::new();
    for (id, score) in hits {
        let Some(doc) = g.node(NodeKind::Evidence, &id) else {
            continue;
        };
        for a in authors(g, doc) {
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
