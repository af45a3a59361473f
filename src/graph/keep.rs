//! The graph kept on disk between runs: a restart reads one file and replays
//! the change log since it was written, instead of reading every entity from
//! the store. The file is derived data: anything unexpected in it (another
//! format, other edge weights, a bad checksum, a short read) means "build from
//! the store", never an error.

use std::hash::Hasher;
use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveTime, Timelike};
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use rustc_hash::FxHasher;

use crate::domain::{Days, WorkingHours};

use super::model::{EdgeData, GraphModel, InterviewInfo, NodeData};
use super::{EdgeKind, EdgeWeights, NodeKind};

/// Changed whenever what a model holds, or how it is written, changes.
const FORMAT: &[u8; 8] = b"TACITG02";

/// Which store, and which point of its change log, a kept graph shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptAt {
    /// The store's instance id: a copy of another database never matches.
    pub store: String,
    /// The last change-log entry the graph includes, with what it named, so a
    /// store whose log differs at that point is told apart.
    pub seq: i64,
    pub entity: String,
    pub id: String,
}

/// Writes `model` to `path` (through a temporary file, so a reader never
/// sees half of it).
pub fn write(path: &Path, model: &GraphModel, at: &KeptAt) -> std::io::Result<()> {
    let mut body = Vec::with_capacity(64 << 20);
    encode(model, &mut body);
    let mut head = Vec::with_capacity(128);
    head.extend_from_slice(FORMAT);
    put_u64(&mut head, weights_fingerprint(model.weights()));
    put_str(&mut head, &at.store);
    put_u64(&mut head, at.seq as u64);
    put_str(&mut head, &at.entity);
    put_str(&mut head, &at.id);
    put_u64(&mut head, checksum(&body));
    put_u64(&mut head, body.len() as u64);
    // One temporary file per process: an `eval` beside a server may write too.
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, [head, body].concat())?;
    std::fs::rename(&tmp, path)
}

/// The graph kept at `path` and what it shows, when the file is there, whole,
/// and written for these edge weights.
pub fn read(path: &Path, weights: EdgeWeights) -> Option<(KeptAt, GraphModel)> {
    let bytes = std::fs::read(path).ok()?;
    let mut r = Reader { buf: &bytes, at: 0 };
    if r.take(FORMAT.len())? != FORMAT || r.u64()? != weights_fingerprint(&weights) {
        return None;
    }
    let at = KeptAt {
        store: r.str()?.to_string(),
        seq: r.u64()? as i64,
        entity: r.str()?.to_string(),
        id: r.str()?.to_string(),
    };
    let sum = r.u64()?;
    let len = usize::try_from(r.u64()?).ok()?;
    let body = r.take(len)?;
    if checksum(body) != sum {
        return None;
    }
    let model = decode(&mut Reader { buf: body, at: 0 }, weights)?;
    Some((at, model))
}

fn weights_fingerprint(w: &EdgeWeights) -> u64 {
    let mut h = FxHasher::default();
    h.write(format!("{w:?}").as_bytes());
    h.finish()
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// Nodes (holes left by deletions closed up), then edges between their new
/// positions.
fn encode(model: &GraphModel, out: &mut Vec<u8>) {
    let nodes = model.nodes();
    let mut position = vec![u32::MAX; nodes.len()];
    let mut count = 0u32;
    for (slot, node) in nodes.iter().enumerate() {
        if node.is_some() {
            position[slot] = count;
            count += 1;
        }
    }
    put_u32(out, count);
    for node in nodes.iter().flatten() {
        out.push(node.kind as u8);
        put_str(out, &node.id);
        put_str(out, &node.label);
        match &node.person {
            Some(p) => {
                out.push(1);
                put_opt(out, p.title.as_deref());
                put_opt(out, p.place.office_id.as_deref());
                put_opt(out, p.place.office.as_deref());
                put_opt(out, p.place.country.as_deref());
                put_opt(out, p.place.timezone.map(|t| t.name()));
                put_str(out, p.status.as_str());
                out.push(u8::from(p.discoverable));
                match p.hours {
                    Some(h) => {
                        out.push(h.days.bits());
                        put_u32(out, h.start.num_seconds_from_midnight());
                        put_u32(out, h.end.num_seconds_from_midnight());
                    }
                    None => out.push(0),
                }
                for list in [&p.topics, &p.asked] {
                    put_u32(out, list.len() as u32);
                    for item in list.iter() {
                        put_str(out, item);
                    }
                }
            }
            None => out.push(0),
        }
        match &node.interview {
            Some(i) => {
                out.push(1);
                put_str(out, &i.leaver_name);
                out.push(u8::from(i.published) | u8::from(i.searchable) << 1);
                put_u32(out, i.successors.len() as u32);
                for (person, skill) in &i.successors {
                    put_str(out, person);
                    put_str(out, skill);
                }
            }
            None => out.push(0),
        }
    }
    let graph = model.graph();
    put_u32(out, graph.edge_count() as u32);
    for e in graph.edge_references() {
        put_u32(out, position[e.source().index()]);
        put_u32(out, position[e.target().index()]);
        out.push(e.weight().kind as u8);
        out.extend_from_slice(&e.weight().weight.to_le_bytes());
    }
}

fn decode(r: &mut Reader<'_>, weights: EdgeWeights) -> Option<GraphModel> {
    let mut model = GraphModel::new(weights);
    let count = r.u32()? as usize;
    model.reserve_nodes(count);
    for _ in 0..count {
        let kind = node_kind(r.u8()?)?;
        let id = r.str()?;
        let label = r.str()?;
        let person = match r.u8()? {
            0 => None,
            _ => {
                let (title, office_id, office, country, timezone) =
                    (r.opt()?, r.opt()?, r.opt()?, r.opt()?, r.opt()?);
                let status = r.str()?;
                let discoverable = r.u8()? == 1;
                let hours = match r.u8()? {
                    0 => None,
                    days => {
                        let time = |s: u32| NaiveTime::from_num_seconds_from_midnight_opt(s, 0);
                        Some(WorkingHours {
                            days: Days::from_bits(i64::from(days))?,
                            start: time(r.u32()?)?,
                            end: time(r.u32()?)?,
                        })
                    }
                };
                let mut lists = [Vec::new(), Vec::new()];
                for list in &mut lists {
                    let n = r.u32()? as usize;
                    for _ in 0..n {
                        list.push(r.str()?.to_string());
                    }
                }
                let [topics, asked] = lists;
                Some(model.intern_person(
                    title,
                    [office_id, office, country],
                    timezone,
                    status,
                    discoverable,
                    (hours, topics, asked),
                ))
            }
        };
        let interview = match r.u8()? {
            0 => None,
            _ => {
                let leaver_name = r.str()?.to_string();
                let flags = r.u8()?;
                let n = r.u32()? as usize;
                let mut successors = Vec::with_capacity(n.min(1024));
                for _ in 0..n {
                    successors.push((r.str()?.to_string(), r.str()?.to_string()));
                }
                Some(InterviewInfo {
                    leaver_name,
                    published: flags & 1 != 0,
                    searchable: flags & 2 != 0,
                    successors,
                })
            }
        };
        model.push_node(NodeData {
            kind,
            id: Arc::from(id),
            label: Arc::from(label),
            person: person.map(Arc::new),
            interview: interview.map(Arc::new),
        })?;
    }
    let edges = r.u32()? as usize;
    model.reserve_edges(edges);
    for _ in 0..edges {
        let (a, b) = (r.u32()? as usize, r.u32()? as usize);
        let kind = EdgeKind::from_u8(r.u8()?)?;
        let weight = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
        if a >= count || b >= count {
            return None;
        }
        model.push_edge(
            NodeIndex::new(a),
            NodeIndex::new(b),
            EdgeData { kind, weight },
        );
    }
    (r.at == r.buf.len()).then_some(model)
}

fn node_kind(v: u8) -> Option<NodeKind> {
    [
        NodeKind::Person,
        NodeKind::Skill,
        NodeKind::Community,
        NodeKind::Evidence,
        NodeKind::Interview,
    ]
    .into_iter()
    .find(|k| *k as u8 == v)
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
        None => out.push(0),
    }
}

/// Reads what the `put_*` functions wrote; `None` past the end or on bad UTF-8.
struct Reader<'a> {
    buf: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let bytes = self.buf.get(self.at..end)?;
        self.at = end;
        Some(bytes)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }

    /// `Some(None)` for an absent value, `None` when the bytes run out.
    fn opt(&mut self) -> Option<Option<&'a str>> {
        match self.u8()? {
            0 => Some(None),
            _ => Some(Some(self.str()?)),
        }
    }
}
