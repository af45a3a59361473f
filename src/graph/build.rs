//! Turning the stored rows into a [`KnowledgeGraph`]: node ids, weights, snapshot.

use std::collections::HashMap;

use crate::store::GraphRows;

use super::{Csr, EdgeKind, NodeId, NodeKind};

/// How much each kind of link counts when a walk chooses where to go next.
/// Part of the ranking configuration; measured with `tacit eval`, not guessed.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeWeights {
    /// Per level 1–5, multiplied by the source factor.
    pub has_skill_per_level: f32,
    /// Self-declared, endorsed, evidenced, harvested.
    pub source: [f32; 4],
    /// Lead, expert, member.
    pub member_of: [f32; 3],
    pub about: f32,
    pub authored: f32,
    pub tagged: f32,
    pub broader: f32,
    pub related: f32,
    pub reports_to: f32,
}

impl Default for EdgeWeights {
    fn default() -> Self {
        EdgeWeights {
            has_skill_per_level: 0.2,
            source: [1.0, 1.2, 1.4, 1.6],
            member_of: [1.0, 0.8, 0.5],
            about: 0.8,
            authored: 1.0,
            tagged: 1.0,
            broader: 0.3,
            related: 0.2,
            reports_to: 0.1,
        }
    }
}

/// Who a person node is, for filtering results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonFlags {
    pub active: bool,
    pub discoverable: bool,
}

/// The graph with its node ids; rebuilt from the store, never edited in place.
#[derive(Debug, Default)]
pub struct KnowledgeGraph {
    pub csr: Csr,
    kinds: Vec<NodeKind>,
    external: Vec<String>,
    index: HashMap<(NodeKind, String), NodeId>,
    people: HashMap<NodeId, PersonFlags>,
}

impl KnowledgeGraph {
    pub fn build(rows: &GraphRows, w: &EdgeWeights) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::default();
        for (id, status, discoverable) in &rows.people {
            let n = g.add(NodeKind::Person, id);
            let flags = PersonFlags {
                active: status != "left",
                discoverable: discoverable == "1",
            };
            g.people.insert(n, flags);
        }
        for id in &rows.skills {
            g.add(NodeKind::Skill, id);
        }
        for id in &rows.communities {
            g.add(NodeKind::Community, id);
        }
        for (id, _) in &rows.evidence {
            g.add(NodeKind::Evidence, id);
        }
        use NodeKind::{Community, Evidence, Person, Skill};
        let mut edges = Vec::new();
        let mut link = |g: &KnowledgeGraph,
                        a: (NodeKind, &str),
                        b: (NodeKind, &str),
                        weight: f32,
                        kind: EdgeKind| {
            if let (Some(x), Some(y)) = (g.node(a.0, a.1), g.node(b.0, b.1)) {
                edges.push((x, y, weight, kind));
            }
        };
        for (p, s, label) in &rows.person_skills {
            let (level, source) = label.split_once(':').unwrap_or(("3", "self"));
            let level: f32 = level.parse().unwrap_or(3.0);
            let factor = match source {
                "endorsed" => w.source[1],
                "evidence" => w.source[2],
                "harvested" => w.source[3],
                _ => w.source[0],
            };
            link(
                &g,
                (Person, p),
                (Skill, s),
                w.has_skill_per_level * level * factor,
                EdgeKind::HasSkill,
            );
        }
        for (c, p, role) in &rows.memberships {
            let weight = match role.as_str() {
                "lead" => w.member_of[0],
                "expert" => w.member_of[1],
                _ => w.member_of[2],
            };
            link(&g, (Person, p), (Community, c), weight, EdgeKind::MemberOf);
        }
        for (c, s) in &rows.community_skills {
            link(&g, (Community, c), (Skill, s), w.about, EdgeKind::About);
        }
        for (e, p) in &rows.authors {
            link(
                &g,
                (Person, p),
                (Evidence, e),
                w.authored,
                EdgeKind::Authored,
            );
        }
        for (e, s) in &rows.tags {
            link(&g, (Evidence, e), (Skill, s), w.tagged, EdgeKind::Tagged);
        }
        for (s, b) in &rows.broader {
            link(&g, (Skill, s), (Skill, b), w.broader, EdgeKind::Broader);
        }
        for (a, b) in &rows.related {
            link(&g, (Skill, a), (Skill, b), w.related, EdgeKind::Related);
        }
        for (p, m) in &rows.reports_to {
            link(
                &g,
                (Person, p),
                (Person, m),
                w.reports_to,
                EdgeKind::ReportsTo,
            );
        }
        g.csr = Csr::build(g.kinds.len(), &edges);
        g
    }

    fn add(&mut self, kind: NodeKind, id: &str) -> NodeId {
        let n = self.kinds.len() as NodeId;
        self.kinds.push(kind);
        self.external.push(id.to_string());
        self.index.insert((kind, id.to_string()), n);
        n
    }

    pub fn node(&self, kind: NodeKind, id: &str) -> Option<NodeId> {
        self.index.get(&(kind, id.to_string())).copied()
    }

    pub fn kind(&self, node: NodeId) -> Option<NodeKind> {
        self.kinds.get(node as usize).copied()
    }

    pub fn external_id(&self, node: NodeId) -> Option<&str> {
        self.external.get(node as usize).map(String::as_str)
    }

    /// Active and discoverable: the people a search may return.
    pub fn is_contact(&self, node: NodeId) -> bool {
        self.people
            .get(&node)
            .is_some_and(|f| f.active && f.discoverable)
    }
}
