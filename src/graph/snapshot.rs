//! A read-only picture of the graph for ranking: the CSR plus what each node is.
//! Built from the model after writes and swapped in whole; queries hold an `Arc`
//! to the one they started with, so writers never wait for readers.

use std::sync::Arc;

use super::memo::Memo;
use super::model::{InterviewInfo, NodeData, NodeIndexMap, PersonInfo};
use super::{Csr, EdgeKind, NodeId, NodeKind};

#[derive(Debug, Default)]
pub struct Snapshot {
    pub csr: Csr,
    nodes: Arc<Vec<Option<NodeData>>>,
    index: Arc<NodeIndexMap>,
    /// For a document, the weight of its authorship (answers count more than
    /// questions); for a person, the sum over what they wrote: how much they
    /// contribute. Zero for other nodes.
    authorship: Vec<f32>,
    /// The last change-log entry included.
    pub seq: i64,
    /// Walks from single nodes computed on this snapshot (or taken over from
    /// the one before it), for ranking to combine.
    pub walks: Memo,
    /// Per skill, its holders and writers as the topic signal scores them.
    pub topics: Memo,
    /// Per community, its members by how much they contribute.
    pub activity: Memo,
}

impl Snapshot {
    pub(super) fn new(
        csr: Csr,
        nodes: Arc<Vec<Option<NodeData>>>,
        index: Arc<NodeIndexMap>,
        authorship: Vec<f32>,
        seq: i64,
    ) -> Snapshot {
        Snapshot {
            walks: Memo::new(csr.node_count()),
            topics: Memo::new(csr.node_count()),
            activity: Memo::new(csr.node_count()),
            csr,
            nodes,
            index,
            authorship,
            seq,
        }
    }

    /// How much writing `node` counts: a document's authorship weight, or the
    /// sum of a person's (see the field).
    pub fn authorship(&self, node: NodeId) -> f32 {
        self.authorship.get(node as usize).copied().unwrap_or(0.0)
    }

    /// Heap bytes of the arrays the snapshot holds itself (CSR and per-node weights).
    pub fn heap_bytes(&self) -> usize {
        self.csr.heap_bytes() + self.authorship.capacity() * std::mem::size_of::<f32>()
    }

    /// The authors of a document.
    pub fn authors(&self, evidence: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.linked(evidence, EdgeKind::Authored).map(|(n, _)| n)
    }

    /// The neighbours of `node` reached by `kind` edges, with the chance a
    /// walk takes each. Every edge kind joins two fixed node kinds (an
    /// `Authored` edge a document and a person, a `MemberOf` edge a person and
    /// a community), so the kind of `node` says what the neighbours are.
    pub fn linked(&self, node: NodeId, kind: EdgeKind) -> impl Iterator<Item = (NodeId, f32)> + '_ {
        self.csr
            .neighbours(node)
            .filter(move |(_, _, k)| *k == kind)
            .map(|(n, p, _)| (n, p))
    }

    pub fn node(&self, kind: NodeKind, id: &str) -> Option<NodeId> {
        self.index.get(kind, id)
    }

    pub fn data(&self, node: NodeId) -> Option<&NodeData> {
        self.nodes.get(node as usize).and_then(Option::as_ref)
    }

    pub fn kind(&self, node: NodeId) -> Option<NodeKind> {
        self.data(node).map(|d| d.kind)
    }

    pub fn external_id(&self, node: NodeId) -> Option<&str> {
        self.data(node).map(|d| &*d.id)
    }

    pub fn label(&self, node: NodeId) -> &str {
        self.data(node).map_or("", |d| &*d.label)
    }

    pub fn person(&self, node: NodeId) -> Option<&PersonInfo> {
        self.data(node).and_then(|d| d.person.as_deref())
    }

    pub fn interview(&self, node: NodeId) -> Option<&InterviewInfo> {
        self.data(node).and_then(|d| d.interview.as_deref())
    }

    /// Active (not left) and discoverable: the people a search may return.
    pub fn is_contact(&self, node: NodeId) -> bool {
        self.person(node).is_some_and(PersonInfo::is_contact)
    }

    /// Node ids in use (petgraph leaves holes where nodes were removed).
    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.is_some())
            .map(|(i, _)| i as NodeId)
    }
}
