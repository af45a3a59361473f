//! The knowledge graph: people, skills, communities, evidence and finished
//! interviews as typed nodes, joined by weighted, typed edges (DESIGN.md).
//!
//! The editable [`GraphModel`] lives in petgraph and changes entity by entity
//! after writes; ranking reads a compact, read-only [`Snapshot`] (a CSR) taken
//! from it and swapped in whole.

mod csr;
mod model;
mod snapshot;
mod weights;

pub use csr::{Csr, NodeId};
pub use model::{CanonicalEdge, GraphModel, InterviewInfo, NodeData, PersonInfo};
pub use snapshot::Snapshot;
pub use weights::EdgeWeights;

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
