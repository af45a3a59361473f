//! The editable knowledge graph, held in petgraph and changed entity by entity
//! after each committed write. Ranking never reads it directly: it reads a
//! [`Snapshot`] taken from it.

use std::sync::Arc;

use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeIndexable, EdgeRef, IntoEdgeReferences, NodeIndexable};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::domain::PersonStatus;
use crate::store::{
    CommunityNode, Entity, EvidenceNode, GraphRows, InterviewNode, PersonNode, SkillNode,
};

use super::snapshot::Snapshot;
use super::{Csr, EdgeKind, EdgeWeights, NodeId, NodeKind};

/// The level an "ask me about" topic claims of the skill it names.
const ASKED_LEVEL: i32 = 2;

/// A person's hours, topics and asked-about skills, as a kept graph holds them.
pub(super) type KeptProfile = (
    Option<crate::domain::WorkingHours>,
    Vec<String>,
    Vec<String>,
);

/// What the ranking needs to know about a person. The text fields are
/// interned: colleagues in one office share one [`Place`], and a title held by
/// many is stored once.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonInfo {
    pub title: Option<Arc<str>>,
    pub place: Arc<Place>,
    pub status: PersonStatus,
    pub discoverable: bool,
    /// Their own working hours, when they gave them.
    pub hours: Option<crate::domain::WorkingHours>,
    /// Their "ask me about" topics, as written.
    pub topics: Box<[Arc<str>]>,
    /// Skills they hold only because a topic named them (self-declared).
    pub asked: Box<[Arc<str>]>,
}

/// Where a person works.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Place {
    pub office_id: Option<Arc<str>>,
    pub office: Option<Arc<str>>,
    pub country: Option<Arc<str>>,
    pub timezone: Option<chrono_tz::Tz>,
}

impl PersonInfo {
    /// Someone a search may return: still here and not opted out.
    pub fn is_contact(&self) -> bool {
        self.status != PersonStatus::Left && self.discoverable
    }

    pub fn office_id(&self) -> Option<&str> {
        self.place.office_id.as_deref()
    }

    pub fn country(&self) -> Option<&str> {
        self.place.country.as_deref()
    }

    pub fn timezone(&self) -> Option<chrono_tz::Tz> {
        self.place.timezone
    }

    /// Whether they hold `skill` only because an "ask me about" topic named it.
    pub fn asked_about(&self, skill: &str) -> bool {
        self.asked.iter().any(|s| &**s == skill)
    }
}

/// What explanations need to know about a finished interview.
#[derive(Debug, Clone, PartialEq)]
pub struct InterviewInfo {
    pub leaver_name: String,
    /// Whether its summary was published: only then may anyone but HR learn
    /// whose interview named a successor.
    pub published: bool,
    /// Whether its published summary is in the text index.
    pub searchable: bool,
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
pub(super) struct EdgeData {
    pub(super) kind: EdgeKind,
    pub(super) weight: f32,
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

    /// Heap bytes of the tables (the keys are shared with the node table).
    fn heap_bytes(&self) -> usize {
        self.by_kind
            .iter()
            .map(|m| table_bytes::<(Arc<str>, NodeId)>(m.capacity()))
            .sum()
    }
}

/// The node table and the id index live behind `Arc`s shared with snapshots:
/// taking a snapshot copies nothing, and a write copies them only while an
/// older snapshot still holds them.
#[derive(Debug, Clone, Default)]
pub struct GraphModel {
    graph: StableDiGraph<(), EdgeData, u32>,
    nodes: Arc<Vec<Option<NodeData>>>,
    index: Arc<NodeIndexMap>,
    weights: EdgeWeights,
    interner: Interner,
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
        if self.graph.node_count() == 0 {
            // A full build: every table gets exactly the room it needs.
            self.reserve_nodes(rows.len());
        }
        // Nodes first, so links between entities of one batch all resolve.
        let mut owned: Vec<(NodeIndex<u32>, Vec<Link<'_>>)> = Vec::with_capacity(rows.len());
        for p in &rows.people {
            let info = self.interner.person(p);
            let n = self.upsert(NodeKind::Person, &p.id, &p.name, Some(info), None);
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
                searchable: i.published && i.summary.is_some(),
                successors: i.successors.clone(),
            };
            let n = self.upsert(NodeKind::Interview, &i.id, &label, None, Some(info));
            owned.push((n, self.interview_links(i)));
        }
        // Old links go first, so the new ones reuse their slots.
        for (n, _) in &owned {
            let old: Vec<_> = self
                .graph
                .edges_directed(*n, Direction::Outgoing)
                .map(|e| e.id())
                .collect();
            for e in old {
                self.graph.remove_edge(e);
            }
        }
        self.reserve_edges(owned.iter().map(|(_, links)| links.len()).sum());
        for (n, links) in owned {
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
        self.interner.prune();
    }

    pub(super) fn nodes(&self) -> &[Option<NodeData>] {
        &self.nodes
    }

    pub(super) fn graph(&self) -> &StableDiGraph<(), EdgeData, u32> {
        &self.graph
    }

    pub(super) fn weights(&self) -> &EdgeWeights {
        &self.weights
    }

    /// Room for `count` more nodes, exactly.
    pub(super) fn reserve_nodes(&mut self, count: usize) {
        self.graph.reserve_exact_nodes(count);
        Arc::make_mut(&mut self.nodes).reserve_exact(count);
    }

    /// Details of a person read back from a kept graph, sharing strings as a build does.
    pub(super) fn intern_person(
        &mut self,
        title: Option<&str>,
        place: [Option<&str>; 3],
        timezone: Option<&str>,
        status: &str,
        discoverable: bool,
        (hours, topics, asked): KeptProfile,
    ) -> PersonInfo {
        let info = self
            .interner
            .info(title, place, timezone, status, discoverable);
        self.interner.profile(info, hours, &topics, &asked)
    }

    /// Adds a node read back from a kept graph; `None` when its id is taken.
    pub(super) fn push_node(&mut self, data: NodeData) -> Option<()> {
        if self.index.get(data.kind, &data.id).is_some() {
            return None;
        }
        let n = self.graph.add_node(()).index();
        Arc::make_mut(&mut self.index).insert(data.kind, data.id.clone(), n as NodeId);
        let nodes = Arc::make_mut(&mut self.nodes);
        nodes.resize(n, None);
        nodes.push(Some(data));
        Some(())
    }

    /// Adds an edge read back from a kept graph.
    pub(super) fn push_edge(&mut self, a: NodeIndex<u32>, b: NodeIndex<u32>, data: EdgeData) {
        self.graph.add_edge(a, b, data);
    }

    /// Room for `more` edges without doubling the edge table: exactly what a
    /// full build needs, and a sixteenth to spare once the graph has edges.
    pub(super) fn reserve_edges(&mut self, more: usize) {
        let live = self.graph.edge_count();
        let wanted = live + more;
        if wanted <= self.graph.capacity().1 {
            return;
        }
        let spare = if live == 0 { 0 } else { wanted / 16 };
        // The table's length is at least the bound; free slots below it are reused.
        let bound = EdgeIndexable::edge_bound(&self.graph);
        self.graph
            .reserve_exact_edges(wanted.saturating_sub(bound) + spare);
    }

    /// Heap bytes of the editable graph's node and edge tables.
    pub fn heap_bytes(&self) -> usize {
        let (nodes, edges) = self.graph.capacity();
        nodes * std::mem::size_of::<petgraph::graph::Node<Option<()>, u32>>()
            + edges * std::mem::size_of::<petgraph::graph::Edge<Option<EdgeData>, u32>>()
    }

    /// Heap bytes of what the nodes stand for: the node table with each
    /// node's id, label and details, the id index and the interned strings.
    /// Snapshots share all of it with the model.
    pub fn node_table_bytes(&self) -> usize {
        let text = |s: &str| allocation(16 + s.len());
        let details: usize = self
            .nodes
            .iter()
            .flatten()
            .map(|n| {
                let person = n
                    .person
                    .as_ref()
                    .map_or(0, |_| allocation(16 + std::mem::size_of::<PersonInfo>()));
                let interview = n.interview.as_ref().map_or(0, |i| {
                    allocation(16 + std::mem::size_of::<InterviewInfo>())
                        + i.leaver_name.len()
                        + i.successors
                            .iter()
                            .map(|(a, b)| a.len() + b.len() + 48)
                            .sum::<usize>()
                });
                text(&n.id) + text(&n.label) + person + interview
            })
            .sum();
        let interned: usize = self.interner.strings.iter().map(|s| text(s)).sum::<usize>()
            + self.interner.places.len() * allocation(16 + std::mem::size_of::<Place>())
            + table_bytes::<Arc<str>>(self.interner.strings.capacity())
            + table_bytes::<Arc<Place>>(self.interner.places.capacity());
        self.nodes.capacity() * std::mem::size_of::<Option<NodeData>>()
            + details
            + self.index.heap_bytes()
            + interned
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
        // A topic they say to ask them about: a self-declared claim, below
        // the usual level of a skill they keep.
        let asked = w.has_skill(ASKED_LEVEL, "self", 0);
        links.extend(
            p.asked
                .iter()
                .map(|skill| (NodeKind::Skill, skill.as_str(), EdgeKind::HasSkill, asked)),
        );
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

    /// External ids of the nodes of one kind.
    pub fn ids(&self, kind: NodeKind) -> impl Iterator<Item = &str> {
        self.nodes
            .iter()
            .flatten()
            .filter(move |n| n.kind == kind)
            .map(|n| &*n.id)
    }

    /// How many documents the text index should hold for this graph: one per
    /// person a search may return (their name), skill, community and piece of
    /// evidence, and per published summary.
    pub fn text_documents(&self) -> usize {
        self.nodes
            .iter()
            .flatten()
            .filter(|n| match n.kind {
                NodeKind::Person => n.person.as_ref().is_some_and(|p| p.is_contact()),
                NodeKind::Skill | NodeKind::Community | NodeKind::Evidence => true,
                NodeKind::Interview => n.interview.as_ref().is_some_and(|i| i.searchable),
            })
            .count()
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
        let mut authorship = vec![0f32; bound];
        for &(a, b, w, kind) in &edges {
            if kind == EdgeKind::Authored {
                // Authored edges point from the evidence to its author.
                for (n, share) in [(a, w), (b, w)] {
                    if let Some(slot) = authorship.get_mut(n as usize) {
                        *slot = match self.nodes.get(n as usize).and_then(Option::as_ref) {
                            Some(d) if d.kind == NodeKind::Person => *slot + share,
                            _ => share,
                        };
                    }
                }
            }
        }
        Snapshot::new(
            Csr::build(bound, &edges),
            self.nodes.clone(),
            self.index.clone(),
            authorship,
            seq,
        )
    }
}

/// What the allocator takes for a request of `n` bytes (glibc: an 8-byte
/// header, 16-byte steps, 32 bytes at least).
fn allocation(n: usize) -> usize {
    (n + 8).next_multiple_of(16).max(32)
}

/// A hash table holding up to `capacity` entries of `T`: its buckets (a power
/// of two, at most seven eighths full) with one control byte each.
fn table_bytes<T>(capacity: usize) -> usize {
    let buckets = if capacity == 0 {
        0
    } else {
        (capacity * 8).div_ceil(7).next_power_of_two()
    };
    buckets * (std::mem::size_of::<T>() + 1)
}

/// Shared copies of strings many people hold (job titles, office names) and
/// of their places of work. Entries nobody else holds any more are let go by
/// [`Interner::prune`].
#[derive(Debug, Clone, Default)]
struct Interner {
    strings: FxHashSet<Arc<str>>,
    places: FxHashSet<Arc<Place>>,
}

impl Interner {
    fn string(&mut self, s: Option<&str>) -> Option<Arc<str>> {
        let s = s?;
        if let Some(shared) = self.strings.get(s) {
            return Some(shared.clone());
        }
        let shared: Arc<str> = Arc::from(s);
        self.strings.insert(shared.clone());
        Some(shared)
    }

    fn person(&mut self, p: &PersonNode) -> PersonInfo {
        let info = self.info(
            p.title.as_deref(),
            [
                p.office_id.as_deref(),
                p.office.as_deref(),
                p.country.as_deref(),
            ],
            p.timezone.as_deref(),
            &p.status,
            p.discoverable,
        );
        self.profile(info, p.hours, &p.topics, &p.asked)
    }

    /// `info` with what the person keeps about themselves.
    fn profile(
        &mut self,
        info: PersonInfo,
        hours: Option<crate::domain::WorkingHours>,
        topics: &[String],
        asked: &[String],
    ) -> PersonInfo {
        PersonInfo {
            hours,
            topics: topics.iter().map(|t| Arc::from(t.as_str())).collect(),
            asked: asked.iter().filter_map(|s| self.string(Some(s))).collect(),
            ..info
        }
    }

    fn info(
        &mut self,
        title: Option<&str>,
        [office_id, office, country]: [Option<&str>; 3],
        timezone: Option<&str>,
        status: &str,
        discoverable: bool,
    ) -> PersonInfo {
        let place = Place {
            office_id: self.string(office_id),
            office: self.string(office),
            country: self.string(country),
            timezone: timezone.and_then(|t| t.parse().ok()),
        };
        let place = match self.places.get(&place) {
            Some(shared) => shared.clone(),
            None => {
                let shared = Arc::new(place);
                self.places.insert(shared.clone());
                shared
            }
        };
        PersonInfo {
            title: self.string(title),
            place,
            // The store only holds the three statuses; anything else is never shown.
            status: PersonStatus::parse(status).unwrap_or(PersonStatus::Left),
            discoverable,
            hours: None,
            topics: Box::default(),
            asked: Box::default(),
        }
    }

    /// Forgets what only the interner still holds.
    fn prune(&mut self) {
        self.places.retain(|p| Arc::strong_count(p) > 1);
        self.strings.retain(|s| Arc::strong_count(s) > 1);
    }
}
