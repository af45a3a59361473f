//! `Person.network`: a person's neighbourhood in the knowledge graph, for the
//! web app's graph view. Read from the ranking snapshot, so it shows exactly
//! the links search uses.

use std::collections::HashMap;

use async_graphql::{Context, SimpleObject};

use crate::error::ApiResult;
use crate::graph::{NodeId, NodeKind, Snapshot};
use crate::rank;

use super::State;
use super::experts::{EdgeKind, PathNode, path_node};
use super::ids::{Kind, encode};

/// Most neighbours one network answer holds, on each step out.
pub const MAX_NEIGHBOURS: usize = 100;

/// How many of each first-step neighbour's own strongest links a two-step
/// network adds: enough to show what they lead to, few enough to read.
const SECOND_STEP_EACH: usize = 3;

/// A person and their strongest neighbours, with every link among them.
#[derive(SimpleObject)]
pub struct Network {
    /// `nodes[0]` is the person; then their neighbours, strongest link
    /// first; then, when two steps were asked for, the neighbours' own
    /// strongest links.
    pub nodes: Vec<PathNode>,
    /// How many steps from the person each node is (0 for the person, 1 or
    /// 2), index for index with `nodes`.
    pub steps: Vec<i32>,
    pub edges: Vec<NetworkEdge>,
    /// True when the person has more neighbours than were returned.
    pub truncated: bool,
}

/// A link between two nodes of a [`Network`], once per pair.
#[derive(SimpleObject)]
pub struct NetworkEdge {
    /// Index into `nodes`.
    pub source: i32,
    /// Index into `nodes`.
    pub target: i32,
    pub kind: EdgeKind,
    /// The chance a walk from `source` takes this link (0–1).
    pub weight: f64,
}

/// The neighbourhood of person `id`, one or two steps out; interviews the
/// reader may not see are left out.
pub fn of_person(
    ctx: &Context<'_>,
    person: &crate::domain::Person,
    first: i32,
    steps: i32,
) -> ApiResult<Network> {
    let first = super::query::size_within(first, MAX_NEIGHBOURS)?;
    if !(1..=2).contains(&steps) {
        return Err(crate::error::ApiError::bad_input(format!(
            "steps must be 1 or 2, not {steps}"
        )));
    }
    let reveal = super::authz::may(
        ctx,
        crate::auth::Action::InterviewReveal,
        crate::auth::Resource::Any,
    );
    let ranking = State::of(ctx)?.engine.ranking();
    let g = &ranking.snapshot;
    let Some(centre) = g.node(NodeKind::Person, &person.id) else {
        // Not in the graph yet (created a moment ago): a network of one.
        return Ok(Network {
            nodes: vec![PathNode {
                id: Some(encode(Kind::Person, &person.id)),
                kind: NodeKind::Person.into(),
                label: person.name.clone(),
            }],
            steps: vec![0],
            edges: vec![],
            truncated: false,
        });
    };
    Ok(neighbourhood(g, centre, first, steps == 2, reveal))
}

fn neighbourhood(
    g: &Snapshot,
    centre: NodeId,
    first: usize,
    two_steps: bool,
    reveal: bool,
) -> Network {
    // Only what the reader may see, with each node's weights shared out
    // over its visible neighbours: a missing share would say something is hidden.
    let seen = |n: NodeId| rank::explain::visible(g, n, reveal);
    let visible_out = |a: NodeId| -> f32 {
        g.csr
            .neighbours(a)
            .filter(|&(n, _, _)| seen(n))
            .map(|(_, p, _)| p)
            .sum()
    };
    let mut around: Vec<(NodeId, f32)> = g
        .csr
        .neighbours(centre)
        .filter(|&(n, _, _)| seen(n))
        .map(|(n, p, _)| (n, p))
        .collect();
    around.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let truncated = around.len() > first;
    around.truncate(first);
    let mut chosen: Vec<NodeId> = std::iter::once(centre)
        .chain(around.iter().map(|&(n, _)| n))
        .collect();
    let mut steps = vec![1; chosen.len()];
    steps[0] = 0;
    let mut index: HashMap<NodeId, usize> =
        chosen.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    if two_steps {
        let near: Vec<NodeId> = chosen[1..].to_vec();
        let mut more = 0;
        'out: for a in near {
            for b in strongest(g, a, SECOND_STEP_EACH, |n| {
                !index.contains_key(&n) && seen(n)
            }) {
                // At most `first` more, however few the first step found.
                if more == first {
                    break 'out;
                }
                more += 1;
                index.insert(b, chosen.len());
                chosen.push(b);
                steps.push(2);
            }
        }
    }
    let mut edges = Vec::new();
    for (i, &a) in chosen.iter().enumerate() {
        let out = visible_out(a);
        for &b in &chosen[i + 1..] {
            if let Some((p, kind)) = g.csr.edge(a, b) {
                edges.push(NetworkEdge {
                    source: i as i32,
                    target: index[&b] as i32,
                    kind: kind.into(),
                    weight: f64::from(if out > 0.0 { p / out } else { 0.0 }),
                });
            }
        }
    }
    Network {
        nodes: chosen.iter().map(|&n| path_node(g, n, reveal)).collect(),
        steps,
        edges,
        truncated,
    }
}

/// `a`'s `k` strongest neighbours that pass `keep`, strongest first, in one
/// pass (a skill held by thousands is not sorted whole).
fn strongest(g: &Snapshot, a: NodeId, k: usize, keep: impl Fn(NodeId) -> bool) -> Vec<NodeId> {
    let mut best: Vec<(f32, NodeId)> = Vec::with_capacity(k + 1);
    for (n, p, _) in g.csr.neighbours(a) {
        if best.len() == k && best[k - 1].0 >= p || !keep(n) {
            continue;
        }
        let at = best.partition_point(|&(q, m)| q > p || (q == p && m < n));
        best.insert(at, (p, n));
        best.truncate(k);
    }
    best.into_iter().map(|(_, n)| n).collect()
}
