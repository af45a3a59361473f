//! The editable knowledge graph, held in petgraph and changed entity by entity
//! after each committed write. Ranking never reads it directly: it reads a
//! [`Snapshot`] taken from it.

use std::sync::Arc;

use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use rustc_hash::FxHashMap;

use crate::store::{
    CommunityNode, Entity, EvidenceNode, GraphRows, InterviewNode, PersonNode, SkillNode,
};

use super::snapshot::Snapshot;
use super::{Csr, EdgeKind, EdgeWeights, NodeId, NodeKind};

/// What the ranking needs to know about a person.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonInfo {
    pub title: Option<String>,
    pub office_id: Option<String>,
    pub office: Option<String>,
    pub country: Option<String>,
    pub timezone: Option<chrono_tz::Tz>,
    /// `active`, `leaving` or `left`.
    pub status: String,
    pub discoverable: bool,
}

impl PersonInfo {
    /// Someone a search may return: still here and not opted out.
    pub fn is_contact(&self) -> bool {
        self.status != "left" && self.discoverable
    }
}

/// What explanations need to know about a finished interview.
#[derive(Debug, Clone, PartialEq)]
pub struct InterviewInfo {
    pub leaver_name: String,
    /// Whether its summary was published: only then may anyone but HR learn
    /// whose interview named a successor.
    pub published: bool,
    /// `(successor id, skill id)`
    pub successors: Vec<(String, String)>,
}

/// A node: its kind, external id, display label and, for people and
/// interviews, their details.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeData {
    pub kind: NodeKind,
    pub id: Arc<str>,
    pub label: Arc<str>,
    pub person: Option<Arc<PersonInfo>>,
    pub interview: Option<Arc<InterviewInfo>>,
}

/// An edge points from the entity that owns it (see `store::graph`).
#[derive(Debug, Clone, Copy, PartialEq)]
struct EdgeData {
    kind: EdgeKind,
    weight: f32,
}

/// External id → node, one map per kind (so a `&str` finds a node without allocating).
#[derive(Debug, Clone, Default)]
pub struct NodeIndexMap {
    by_kind: [FxHashMap<Arc<str>, NodeId>; 5],
}

impl NodeIndexMap {
    pub fn get(&self, kind: NodeKind, id: &str) -> Option<NodeId> {
        self.by_kind[kind as usize].get(id).copied()
    }

    fn insert(&mut self, kind: NodeKind, id: Arc<str>, node: NodeId) {
        self.by_kind[kind as usize].insert(id, node);
    }

    fn remove(&mut self, kind: NodeKind, id: &str) -> Option<NodeId> {
        self.by_kind[kind as usize].remove(id)
    }

    /// Heap bytes, roughly: keys' table slots (the strings are shared with the node table).
    pub fn heap_bytes(&self) -> usize {
        self.by_kind
            .iter()
            .map(|m| m.capacity() * (std::mem::size_of::<(Arc<str>, NodeId)>() + 1))
            .sum()
    }
}

/// The node table and the id index live behind `Arc`s shared with snapshots:
/// taking a snapshot copies nothing, and a write copies them only while an
/// older snapshot still holds them.
#[derive(Debug, Default)]
pub struct GraphModel {
    graph: StableDiGraph<(), EdgeData, u32>,
    nodes: Arc<Vec<Option<NodeData>>>,
    index: Arc<NodeIndexMap>,
    weights: EdgeWeights,
}

type Link<'a> = (NodeKind, &'a str, EdgeKind, f32);

/// `(owner kind, owner id, edge kind, other kind, other id, weight bits)`.
pub type CanonicalEdge = (NodeKind, String, EdgeKind, NodeKind, String, u32);

impl GraphModel {
    pub fn new(weights: EdgeWeights) -> GraphModel {
        GraphModel {
            weights,
            ..GraphModel::default()
        }
    }

    /// A model of everything in `rows`.
    pub fn build(rows: &GraphRows, weights: EdgeWeights) -> GraphModel {
        let mut model = GraphModel::new(weights);
        model.apply(rows);
        model
    }

    /// Brings the entities named in `asked` up to date: those in `rows` are
    /// replaced with their links, those missing from it were deleted.
    pub fn refresh(&mut self, asked: &[(Entity, String)], rows: &GraphRows) {
        for (entity, id) in rows.missing(asked) {
            let Some(kind) = NodeKind::of(*entity) else {
                continue;
            };
            if let Some(n) = Arc::make_mut(&mut self.index).remove(kind, id) {
                self.graph.remove_node(NodeIndex::new(n as usize));
                if let Some(slot) = Arc::make_mut(&mut self.nodes).get_mut(n as usize) {
                    *slot = None;
                }
            }
        }
        self.apply(rows);
    }

    /// Inserts or replaces every entity in `rows` and the links it owns.
    fn apply(&mut self, rows: &GraphRows) {
        // Nodes first, so links between entities of one batch all resolve.
        let mut owned: Vec<(NodeIndex<u32>, Vec<Link<'_>>)> = Vec::with_capacity(rows.len());
        for p in &rows.people {
            let n = self.upsert(NodeKind::Person, &p.id, &p.name, Some(person_info(p)), None);
            owned.push((n, self.person_links(p)));
        }
        for s in &rows.skills {
            let n = self.upsert(NodeKind::Skill, &s.id, &s.name, None, None);
            owned.push((n, self.skill_links(s)));
        }
        for c in &rows.communities {
            let n = self.upsert(NodeKind::Community, &c.id, &c.name, None, None);
            owned.push((n, self.community_links(c)));
        }
        for e in &rows.evidence {
            let label = e.title.as_deref().unwrap_or(&e.id);
            let n = self.upsert(NodeKind::Evidence, &e.id, label, None, None);
            owned.push((n, self.evidence_links(e)));
        }
        for i in &rows.interviews {
            let label = format!("interview with {}", i.leaver_name);
            let info = InterviewInfo {
                leaver_name: i.leaver_name.clone(),
                published: i.published,
                successors: i.successors.clone(),
            };
            let n = self.upsert(NodeKind::Interview, &i.id, &label, None, Some(info));
            owned.push((n, self.interview_links(i)));
        }
        for (n, links) in owned {
            let old: Vec<_> = self
                .graph
                .edges_directed(n, Direction::Outgoing)
                .map(|e| e.id())
                .collect();
            for e in old {
                self.graph.remove_edge(e);
            }
            for (kind, id, edge, weight) in links {
                // Links to what the store does not hold (a manager id from an
                // import, say) are left out, in a full build and an update alike.
                if let Some(m) = self.index.get(kind, id).map(|m| NodeIndex::new(m as usize))
                    && m != n
                    && weight > 0.0
                    && weight.is_finite()
                {
                    self.graph.add_edge(n, m, EdgeData { kind: edge, weight });
                }
            }
        }
    }

    fn upsert(
        &mut self,
        kind: NodeKind,
        id: &str,
        label: &str,
        person: Option<PersonInfo>,
        interview: Option<InterviewInfo>,
    ) -> NodeIndex<u32> {
        let existing = self.index.get(kind, id);
        let id: Arc<str> = match existing.and_then(|n| self.nodes.get(n as usize)?.as_ref()) {
            Some(old) => old.id.clone(),
            None => Arc::from(id),
        };
        let data = NodeData {
            kind,
            id: id.clone(),
            label: Arc::from(label),
            person: person.map(Arc::new),
            interview: interview.map(Arc::new),
        };
        let n = match existing {
            Some(n) => NodeIndex::new(n as usize),
            None => {
                let n = self.graph.add_node(());
                Arc::make_mut(&mut self.index).insert(kind, id, n.index() as NodeId);
                n
            }
        };
        let nodes = Arc::make_mut(&mut self.nodes);
        if nodes.len() <= n.index() {
            nodes.resize(n.index() + 1, None);
        }
        nodes[n.index()] = Some(data);
        n
    }

    fn person_links<'a>(&self, p: &'a PersonNode) -> Vec<Link<'a>> {
        let w = &self.weights;
        let mut links: Vec<Link> = p
            .skills
            .iter()
            .map(|(skill, level, source, endorsements)| {
                let weight = w.has_skill(*level, source, *endorsements);
                (NodeKind::Skill, skill.as_str(), EdgeKind::HasSkill, weight)
            })
            .collect();
        if let Some(m) = &p.manager_id {
            links.push((
                NodeKind::Person,
                m.as_str(),
                EdgeKind::ReportsTo,
                w.reports_to,
            ));
        }
        links
    }

    fn skill_links<'a>(&self, s: &'a SkillNode) -> Vec<Link<'a>> {
        let w = &self.weights;
        let broader = s
            .broader_id
            .iter()
            .map(|b| (NodeKind::Skill, b.as_str(), EdgeKind::Broader, w.broader));
        let related = s
            .related
            .iter()
            .map(|r| (NodeKind::Skill, r.as_str(), EdgeKind::Related, w.related));
        broader.chain(related).collect()
    }

    fn community_links<'a>(&self, c: &'a CommunityNode) -> Vec<Link<'a>> {
        let w = &self.weights;
        let about = c
            .skills
            .iter()
            .map(|s| (NodeKind::Skill, s.as_str(), EdgeKind::About, w.about));
        let members = c.members.iter().map(|(p, role)| {
            (
                NodeKind::Person,
                p.as_str(),
                EdgeKind::MemberOf,
                w.member_of(role),
            )
        });
        about.chain(members).collect()
    }

    fn evidence_links<'a>(&self, e: &'a EvidenceNode) -> Vec<Link<'a>> {
        let w = &self.weights;
        let authored = e.authors.iter().map(|p| {
            let weight = w.authored(&e.kind);
            (NodeKind::Person, p.as_str(), EdgeKind::Authored, weight)
        });
        let tagged = e
            .tags
            .iter()
            .map(|s| (NodeKind::Skill, s.as_str(), EdgeKind::Tagged, w.tagged));
        authored.chain(tagged).collect()
    }

    fn interview_links<'a>(&self, i: &'a InterviewNode) -> Vec<Link<'a>> {
        let w = &self.weights;
        let leaver = i.leaver_id.iter().map(|p| {
            (
                NodeKind::Person,
                p.as_str(),
                EdgeKind::HarvestedFrom,
                w.harvested_from,
            )
        });
        let covers = i
            .topics
            .iter()
            .map(|s| (NodeKind::Skill, s.as_str(), EdgeKind::Covers, w.covers));
        // One edge per successor, however many topics they were named for.
        let mut named: Vec<&str> = i.successors.iter().map(|(p, _)| p.as_str()).collect();
        named.sort_unstable();
        named.dedup();
        let successors = named
            .into_iter()
            .map(|p| (NodeKind::Person, p, EdgeKind::SuccessorFor, w.successor_for));
        leaver.chain(covers).chain(successors).collect()
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Every edge as `(owner kind, owner id, edge kind, other kind, other id, weight)`,
    /// sorted: two models with the same content give the same list.
    pub fn canonical_edges(&self) -> Vec<CanonicalEdge> {
        let mut edges: Vec<_> = self
            .graph
            .edge_references()
            .filter_map(|e| {
                let (Some(Some(a)), Some(Some(b))) = (
                    self.nodes.get(e.source().index()),
                    self.nodes.get(e.target().index()),
                ) else {
                    return None;
                };
                let w = e.weight();
                Some((
                    a.kind,
                    a.id.to_string(),
                    w.kind,
                    b.kind,
                    b.id.to_string(),
                    w.weight.to_bits(),
                ))
            })
            .collect();
        edges.sort();
        edges
    }

    /// Every node's data, sorted by kind and id.
    pub fn canonical_nodes(&self) -> Vec<NodeData> {
        let mut nodes: Vec<NodeData> = self.nodes.iter().flatten().cloned().collect();
        nodes.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
        nodes
    }

    /// The read-only snapshot ranking uses. Node ids are petgraph's stable
    /// indices, so they stay the same from one snapshot to the next.
    pub fn snapshot(&self, seq: i64) -> Snapshot {
        let bound = self.graph.node_bound().max(self.nodes.len());
        let edges: Vec<(NodeId, NodeId, f32, EdgeKind)> = self
            .graph
            .edge_references()
            .map(|e| {
                let w = e.weight();
                (
                    e.source().index() as NodeId,
                    e.target().index() as NodeId,
                    w.weight,
                    w.kind,
                )
            })
            .collect();
        Snapshot::new(
            Csr::build(bound, &edges),
            self.nodes.clone(),
            self.index.clone(),
            seq,
        )
    }
}

fn person_info(p: &PersonNode) -> PersonInfo {
    PersonInfo {
        title: p.title.clone(),
        office_id: p.office_id.clone(),
        office: p.office.clone(),
        country: p.country.clone(),
        timezone: p.timezone.as_deref().and_then(|t| t.parse().ok()),
        status: p.status.clone(),
        discoverable: p.discoverable,
    }
}
