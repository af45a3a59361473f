//! The walk a question starts, as served: forward push from the question's
//! seeds that stops at well-linked nodes whose own walks are kept, then those
//! kept walks added in, each times the mass that reached its node.
//!
//! Personalised PageRank is linear in its seeds, so this is the same walk as
//! one push from the seeds (to the push's own threshold), less what the kept
//! walks leave out: each keeps only the [`KEPT_PEOPLE`] people it reaches
//! most. Nearly all of a query's work was pushing mass again and again
//! through skills and communities held by thousands; with their walks kept, a
//! query pushes only through the documents and people near its seeds.
//!
//! Walks are kept with the snapshot ([`crate::graph::Memo`]): [`warm`]
//! fills them in the background, a new snapshot takes over those its changes
//! did not touch (see [`carry_over`]), and a query that needs a walk not yet
//! kept works it out and keeps it (slower, the same answer).

use std::cell::RefCell;
use std::sync::Arc;

use rustc_hash::FxHashSet;

use crate::graph::{NodeId, NodeKind, Snapshot, Vector};

use super::config::RankConfig;
use super::ppr::{Ppr, PprParams};

/// Nodes with at least this many links have their walks kept.
pub const HUB_DEGREE: usize = 32;

/// People kept of each kept walk, the strongest: ranking reads at most the
/// first thousand people of the whole walk, and a kept walk is one of many
/// parts of it.
pub const KEPT_PEOPLE: usize = 500;

thread_local! {
    static SCRATCH: RefCell<(Ppr, Sums)> = RefCell::new((Ppr::default(), Sums::default()));
}

/// The walk's setting as the memo knows it.
fn setting(cfg: &RankConfig) -> u64 {
    (u64::from(cfg.restart.to_bits()) << 32) | u64::from(cfg.epsilon.to_bits())
}

fn params(cfg: &RankConfig) -> PprParams {
    PprParams {
        restart: cfg.restart,
        epsilon: cfg.epsilon,
    }
}

/// Whether `node`'s walk is worth keeping.
pub fn is_hub(g: &Snapshot, node: NodeId) -> bool {
    g.csr.degree(node) >= HUB_DEGREE
}

/// The people the walk from `seeds` reaches, with their scores, in no order.
///
/// Every well-linked node holds the mass that reaches it; one holding more
/// than the push's threshold adds its walk (kept, or worked out now and
/// kept), one holding less is dropped as the push drops such mass. So the
/// answer depends only on the snapshot and the seeds, never on what happens
/// to be kept yet.
pub fn people(g: &Snapshot, cfg: &RankConfig, seeds: &[(NodeId, f32)]) -> Vec<(NodeId, f32)> {
    let key = setting(cfg);
    SCRATCH.with(|s| {
        let (ppr, sums) = &mut *s.borrow_mut();
        sums.clear();
        let (settled, at_held) = ppr.run_held(&g.csr, seeds, params(cfg), |n| is_hub(g, n));
        for (n, score) in settled {
            if g.kind(n) == Some(NodeKind::Person) {
                sums.add(n, score);
            }
        }
        for (h, mass) in at_held {
            if mass <= cfg.epsilon * g.csr.degree(h) as f32 {
                continue;
            }
            let walk = g.walks.get(key, h).unwrap_or_else(|| {
                let walk = walk_from(ppr, g, cfg, h);
                g.walks.put(key, h, walk.clone());
                walk
            });
            for &(p, score) in walk.iter() {
                sums.add(p, mass * score);
            }
        }
        sums.take()
    })
}

/// The walk from `node` alone, its strongest people kept.
fn walk_from(ppr: &mut Ppr, g: &Snapshot, cfg: &RankConfig, node: NodeId) -> Vector {
    let mut reached: Vec<(NodeId, f32)> = ppr
        .run(&g.csr, &[(node, 1.0)], params(cfg))
        .into_iter()
        .filter(|&(n, _)| g.kind(n) == Some(NodeKind::Person))
        .collect();
    if reached.len() > KEPT_PEOPLE {
        reached.select_nth_unstable_by(KEPT_PEOPLE, |a, b| b.1.total_cmp(&a.1));
        reached.truncate(KEPT_PEOPLE);
    }
    reached.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Arc::from(reached)
}

/// Computes and keeps the walks not yet kept from every well-linked node,
/// the best linked first, until `stop` says to (a newer snapshot is in use,
/// or the server is stopping). Returns how many it computed.
pub fn warm(g: &Snapshot, cfg: &RankConfig, stop: impl Fn() -> bool) -> usize {
    let key = setting(cfg);
    let mut hubs: Vec<NodeId> = g
        .node_ids()
        .filter(|&n| is_hub(g, n) && !g.walks.contains(key, n))
        .collect();
    hubs.sort_unstable_by_key(|&n| (std::cmp::Reverse(g.csr.degree(n)), n));
    let mut done = 0;
    SCRATCH.with(|s| {
        let (ppr, _) = &mut *s.borrow_mut();
        for h in hubs {
            if stop() {
                break;
            }
            if !g.walks.contains(key, h) {
                let walk = walk_from(ppr, g, cfg, h);
                g.walks.put(key, h, walk);
                done += 1;
            }
        }
    });
    done
}

/// Lets `next` keep what `previous` kept (walks, and the topic and activity
/// vectors of `signals`) that `changed` nodes cannot have moved much: a
/// vector is dropped when its node changed or is near a changed node (in
/// either snapshot), or when it names a node that is gone (its id may be
/// given to another).
pub fn carry_over(previous: &Snapshot, next: &Snapshot, changed: &[NodeId]) {
    // Changed nodes, their neighbours, and the neighbours of those that are
    // not well linked themselves: a new document changes what its authors
    // contribute, and so their communities' activity.
    let mut touched: FxHashSet<NodeId> = FxHashSet::default();
    for &n in changed {
        touched.insert(n);
        for g in [previous, next] {
            for &m in g.csr.row(n).targets {
                touched.insert(m);
                if !is_hub(g, m) {
                    touched.extend(g.csr.row(m).targets.iter().copied());
                }
            }
        }
    }
    let gone: FxHashSet<NodeId> = previous
        .node_ids()
        .filter(|&n| next.data(n).is_none())
        .collect();
    let keep = |h: NodeId, vector: &Vector| {
        !touched.contains(&h) && (gone.is_empty() || vector.iter().all(|(p, _)| !gone.contains(p)))
    };
    next.walks.inherit(&previous.walks, keep);
    next.topics.inherit(&previous.topics, keep);
    next.activity.inherit(&previous.activity, keep);
}

/// A sum per node, reset only where it was written.
#[derive(Default)]
struct Sums {
    sums: Vec<f32>,
    touched: Vec<NodeId>,
}

impl Sums {
    fn add(&mut self, node: NodeId, amount: f32) {
        let i = node as usize;
        if i >= self.sums.len() {
            self.sums.resize(i + 1, 0.0);
        }
        if self.sums[i] == 0.0 {
            self.touched.push(node);
        }
        self.sums[i] += amount;
    }

    fn clear(&mut self) {
        for &n in &self.touched {
            self.sums[n as usize] = 0.0;
        }
        self.touched.clear();
    }

    fn take(&mut self) -> Vec<(NodeId, f32)> {
        let mut out = Vec::with_capacity(self.touched.len());
        for &n in &self.touched {
            let v = std::mem::take(&mut self.sums[n as usize]);
            if v > 0.0 && v.is_finite() {
                out.push((n, v));
            }
        }
        self.touched.clear();
        out
    }
}
