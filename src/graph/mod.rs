//! The knowledge graph: people, skills, communities, evidence and finished
//! interviews as typed nodes, joined by weighted, typed edges (DESIGN.md).
//!
//! The editable [`GraphModel`] lives in petgraph and changes entity by entity
//! after writes; ranking reads a compact, read-only [`Snapshot`] (a CSR) taken
//! from it and swapped in whole.

mod csr;
pub mod keep;
mod memo;
mod model;
mod snapshot;
mod weights;

pub use csr::{Csr, NodeId};
pub use memo::{Memo, Vector};
pub use model::{CanonicalEdge, GraphModel, InterviewInfo, NodeData, PersonInfo, Place};
pub use snapshot::Snapshot;
pub use weights::EdgeWeights;

/// Heap bytes the graph layer holds, as `tacit bench` reports them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GraphMemory {
    /// Undirected edges.
    pub edges: usize,
    /// The editable petgraph model's node and edge tables.
    pub model: usize,
    /// The ranking snapshot's arrays.
    pub csr: usize,
    /// Ids, labels, person and interview details, the id index and interned
    /// strings (shared by the model and its snapshots).
    pub node_table: usize,
}

impl GraphMemory {
    fn per_edge(&self, bytes: usize) -> f64 {
        if self.edges == 0 {
            0.0
        } else {
            bytes as f64 / self.edges as f64
        }
    }

    /// The graph itself (adjacency, weights and edge kinds): model and snapshot.
    pub fn graph_per_edge(&self) -> f64 {
        self.per_edge(self.model + self.csr)
    }

    pub fn csr_per_edge(&self) -> f64 {
        self.per_edge(self.csr)
    }

    pub fn node_table_per_edge(&self) -> f64 {
        self.per_edge(self.node_table)
    }

    pub fn total_per_edge(&self) -> f64 {
        self.per_edge(self.model + self.csr + self.node_table)
    }
}

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    Person,
    Skill,
    Community,
    Evidence,
    Interview,
}

impl NodeKind {
    /// The node kind of a stored entity (`All` names none).
    pub fn of(entity: crate::store::Entity) -> Option<NodeKind> {
        use crate::store::Entity;
        match entity {
            Entity::Person => Some(NodeKind::Person),
            Entity::Skill => Some(NodeKind::Skill),
            Entity::Community => Some(NodeKind::Community),
            Entity::Evidence => Some(NodeKind::Evidence),
            Entity::Interview => Some(NodeKind::Interview),
            Entity::All => None,
        }
    }
}

/// The edge kinds of DESIGN.md's table; every edge is walked both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum EdgeKind {
    HasSkill,
    MemberOf,
    About,
    Authored,
    Tagged,
    HarvestedFrom,
    Covers,
    SuccessorFor,
    Broader,
    Related,
    ReportsTo,
}

impl EdgeKind {
    pub const ALL: [EdgeKind; 11] = [
        EdgeKind::HasSkill,
        EdgeKind::MemberOf,
        EdgeKind::About,
        EdgeKind::Authored,
        EdgeKind::Tagged,
        EdgeKind::HarvestedFrom,
        EdgeKind::Covers,
        EdgeKind::SuccessorFor,
        EdgeKind::Broader,
        EdgeKind::Related,
        EdgeKind::ReportsTo,
    ];

    pub fn from_u8(v: u8) -> Option<EdgeKind> {
        EdgeKind::ALL.get(usize::from(v)).copied()
    }
}
