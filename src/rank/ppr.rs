//! Personalised PageRank by forward push (Andersen, Chung and Lang, 2006).
//!
//! A query touches only the neighbourhood its seeds reach with enough mass, so
//! its cost depends on `epsilon`, not on the size of the organisation. Scratch
//! buffers are reused between queries and reset only where a query wrote.

use std::collections::VecDeque;

use crate::graph::{Csr, NodeId};

/// Scores by node, in no particular order.
pub type Scores = Vec<(NodeId, f32)>;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PprParams {
    /// Chance a walk restarts at the seeds at each step.
    pub restart: f32,
    /// Residual per unit of degree below which a node is not pushed further.
    pub epsilon: f32,
}

impl Default for PprParams {
    fn default() -> Self {
        PprParams {
            restart: 0.15,
            epsilon: 1e-6,
        }
    }
}

/// Reusable state for one query at a time (one per worker thread).
#[derive(Debug, Default)]
pub struct Ppr {
    estimate: Vec<f32>,
    residual: Vec<f32>,
    queued: Vec<bool>,
    touched: Vec<NodeId>,
}

impl Ppr {
    /// Scores reachable from `seeds` (node, weight); weights are normalised to sum 1.
    /// Returns `(node, score)` for every node with a positive score, in node order.
    pub fn run(
        &mut self,
        graph: &Csr,
        seeds: &[(NodeId, f32)],
        params: PprParams,
    ) -> Vec<(NodeId, f32)> {
        self.push(graph, seeds, params, |_| false).0
    }

    /// Like [`Ppr::run`], but mass that reaches a node for which `held` is
    /// true stops there instead of spreading on: returns the scores settled
    /// elsewhere, and the mass left at each held node.
    ///
    /// PageRank is linear in its seeds, so the whole answer is the settled
    /// scores plus, for each held node `h` with mass `m`, `m` times the walk
    /// from `h` alone; the walks from a few well-linked nodes (skills,
    /// communities) are where nearly all the work of a query goes, and they
    /// can be computed once and kept.
    pub fn run_held(
        &mut self,
        graph: &Csr,
        seeds: &[(NodeId, f32)],
        params: PprParams,
        held: impl Fn(NodeId) -> bool,
    ) -> (Scores, Scores) {
        self.push(graph, seeds, params, held)
    }

    fn push(
        &mut self,
        graph: &Csr,
        seeds: &[(NodeId, f32)],
        params: PprParams,
        held: impl Fn(NodeId) -> bool,
    ) -> (Scores, Scores) {
        let n = graph.node_count();
        self.reset(n);
        let total: f32 = seeds
            .iter()
            .filter(|(s, w)| (*s as usize) < n && *w > 0.0)
            .map(|(_, w)| w)
            .sum();
        if total <= 0.0 {
            return (vec![], vec![]);
        }
        let mut queue = VecDeque::new();
        for &(s, w) in seeds.iter().filter(|(s, w)| (*s as usize) < n && *w > 0.0) {
            self.add_residual(s, w / total);
            if !self.queued[s as usize] && !held(s) {
                self.queued[s as usize] = true;
                queue.push_back(s);
            }
        }
        let alpha = params.restart.clamp(0.01, 0.99);
        while let Some(u) = queue.pop_front() {
            let ui = u as usize;
            self.queued[ui] = false;
            let r = self.residual[ui];
            let degree = graph.degree(u);
            if degree == 0 {
                // Nowhere to walk: the mass stays here.
                self.estimate[ui] += r;
                self.residual[ui] = 0.0;
                continue;
            }
            if r <= params.epsilon * degree as f32 {
                continue;
            }
            self.estimate[ui] += alpha * r;
            self.residual[ui] = 0.0;
            let spread = (1.0 - alpha) * r;
            let row = graph.row(u);
            for (v, p) in row.iter() {
                self.add_residual(v, spread * p);
                let vi = v as usize;
                if !self.queued[vi]
                    && self.residual[vi] > params.epsilon * graph.degree(v).max(1) as f32
                    && !held(v)
                {
                    self.queued[vi] = true;
                    queue.push_back(v);
                }
            }
        }
        let mut scores = Vec::with_capacity(self.touched.len());
        let mut at_held = Vec::new();
        for &t in &self.touched {
            let i = t as usize;
            if held(t) && self.residual[i] > 0.0 {
                at_held.push((t, self.residual[i]));
            }
            if self.estimate[i] > 0.0 {
                scores.push((t, self.estimate[i]));
            }
        }
        scores.sort_unstable_by_key(|(t, _)| *t);
        // A node reached by vanishingly small mass may have been noted twice.
        scores.dedup_by_key(|(t, _)| *t);
        at_held.sort_unstable_by_key(|(t, _)| *t);
        at_held.dedup_by_key(|(t, _)| *t);
        (scores, at_held)
    }

    fn add_residual(&mut self, node: NodeId, amount: f32) {
        let i = node as usize;
        if self.residual[i] == 0.0 && self.estimate[i] == 0.0 {
            self.touched.push(node);
        }
        self.residual[i] += amount;
    }

    fn reset(&mut self, n: usize) {
        for &t in &self.touched {
            let i = t as usize;
            if i < self.estimate.len() {
                self.estimate[i] = 0.0;
                self.residual[i] = 0.0;
                self.queued[i] = false;
            }
        }
        self.touched.clear();
        if self.estimate.len() != n {
            self.estimate = vec![0.0; n];
            self.residual = vec![0.0; n];
            self.queued = vec![false; n];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::EdgeKind;

    /// Exact PPR by power iteration, for comparison on small graphs.
    fn power_iteration(g: &Csr, seeds: &[(NodeId, f32)], alpha: f32) -> Vec<f32> {
        let n = g.node_count();
        let total: f32 = seeds.iter().map(|s| s.1).sum();
        let mut restart = vec![0f32; n];
        for &(s, w) in seeds {
            restart[s as usize] += w / total;
        }
        let mut x = restart.clone();
        for _ in 0..500 {
            let mut next: Vec<f32> = restart.iter().map(|r| alpha * r).collect();
            for u in 0..n as u32 {
                for (v, p, _) in g.neighbours(u) {
                    next[v as usize] += (1.0 - alpha) * x[u as usize] * p;
                }
            }
            x = next;
        }
        x
    }

    fn random_graph(n: u32, m: u32, seed: u64) -> Csr {
        let mut s = seed;
        let mut next = || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        let edges: Vec<_> = (0..m)
            .map(|_| {
                (
                    (next() % n as u64) as u32,
                    (next() % n as u64) as u32,
                    1.0 + (next() % 4) as f32,
                    EdgeKind::Related,
                )
            })
            .collect();
        Csr::build(n as usize, &edges)
    }

    #[test]
    fn push_agrees_with_power_iteration() {
        for seed in 1..6 {
            let g = random_graph(60, 200, seed);
            let seeds = [(0, 2.0), (5, 1.0)];
            let params = PprParams {
                restart: 0.2,
                epsilon: 1e-7,
            };
            let pushed = Ppr::default().run(&g, &seeds, params);
            let exact = power_iteration(&g, &seeds, 0.2);
            for (node, score) in pushed {
                assert!(
                    (score - exact[node as usize]).abs() < 1e-3,
                    "node {node}: {score} vs {}",
                    exact[node as usize]
                );
            }
        }
    }

    #[test]
    fn walks_held_at_hubs_and_resumed_from_them_agree_with_one_walk() {
        for seed in 1..6 {
            let g = random_graph(300, 1500, seed);
            let params = PprParams {
                restart: 0.15,
                epsilon: 1e-8,
            };
            let seeds = [(0, 2.0), (5, 1.0), (7, 0.5)];
            let whole = Ppr::default().run(&g, &seeds, params);
            // Every node of degree 10 or more holds the mass that reaches it.
            let held = |n: NodeId| g.degree(n) >= 10;
            let mut ppr = Ppr::default();
            let (settled, at_held) = ppr.run_held(&g, &seeds, params, held);
            assert!(!at_held.is_empty(), "some mass reaches a hub");
            let mut sum = vec![0f32; 300];
            for (n, s) in settled {
                sum[n as usize] += s;
            }
            for (h, mass) in at_held {
                assert!(held(h));
                for (n, s) in ppr.run(&g, &[(h, 1.0)], params) {
                    sum[n as usize] += mass * s;
                }
            }
            for (n, s) in whole {
                assert!(
                    (s - sum[n as usize]).abs() < 1e-4,
                    "node {n}: {s} vs {}",
                    sum[n as usize]
                );
            }
        }
    }

    #[test]
    fn scores_are_non_negative_and_sum_to_at_most_one() {
        let g = random_graph(500, 2000, 42);
        let scores = Ppr::default().run(&g, &[(3, 1.0)], PprParams::default());
        assert!(scores.iter().all(|(_, s)| *s > 0.0));
        let sum: f32 = scores.iter().map(|(_, s)| s).sum();
        assert!(sum <= 1.0 + 1e-4 && sum > 0.9, "{sum}");
    }

    #[test]
    fn closer_nodes_score_higher_and_scratch_is_reused_cleanly() {
        // A path 0 - 1 - 2 - 3.
        let g = Csr::build(
            4,
            &[
                (0, 1, 1.0, EdgeKind::Related),
                (1, 2, 1.0, EdgeKind::Related),
                (2, 3, 1.0, EdgeKind::Related),
            ],
        );
        let mut ppr = Ppr::default();
        let first = ppr.run(&g, &[(0, 1.0)], PprParams::default());
        let score =
            |s: &[(NodeId, f32)], n: NodeId| s.iter().find(|(t, _)| *t == n).map_or(0.0, |x| x.1);
        assert!(score(&first, 1) > score(&first, 2) && score(&first, 2) > score(&first, 3));
        let other = ppr.run(&g, &[(3, 1.0)], PprParams::default());
        assert!(score(&other, 3) > score(&other, 0));
        assert_eq!(
            ppr.run(&g, &[(0, 1.0)], PprParams::default()),
            first,
            "same query, same answer"
        );
        assert!(ppr.run(&g, &[(99, 1.0)], PprParams::default()).is_empty());
    }
}
