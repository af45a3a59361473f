//! The knowledge graph: people, skills, communities, evidence and (later)
//! interviews as typed nodes, joined by weighted, typed edges (DESIGN.md).
//!
//! Ranking reads a compact, read-only [`Csr`] snapshot of it.

mod build;
mod csr;

pub use build::{EdgeWeights, KnowledgeGraph, PersonFlags};
pub use csr::{Csr, NodeId};

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    Person,
    Skill,
    Community,
    Evidence,
    Interview,
}

/// The edge kinds of DESIGN.md's table; every edge is walked both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
