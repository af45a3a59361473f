//! A compressed sparse row snapshot of the graph: three flat arrays, built once,
//! read by many queries at the same time without locks.

use super::EdgeKind;

/// A node's index in a snapshot.
pub type NodeId = u32;

/// Adjacency in index arrays. Each undirected edge is stored once per direction;
/// `prob` is the chance a random walk at the source takes this edge.
#[derive(Debug, Clone, Default)]
pub struct Csr {
    offsets: Vec<u32>,
    targets: Vec<NodeId>,
    probs: Vec<f32>,
    kinds: Vec<u8>,
}

impl Csr {
    /// Builds the snapshot of `nodes` nodes from undirected weighted edges.
    /// Edges with a non-positive weight or an endpoint out of range are skipped.
    pub fn build(nodes: usize, edges: &[(NodeId, NodeId, f32, EdgeKind)]) -> Csr {
        let valid = |&&(a, b, w, _): &&(NodeId, NodeId, f32, EdgeKind)| {
            w > 0.0 && w.is_finite() && (a as usize) < nodes && (b as usize) < nodes && a != b
        };
        let mut degree = vec![0u32; nodes + 1];
        for &(a, b, _, _) in edges.iter().filter(valid) {
            degree[a as usize + 1] += 1;
            degree[b as usize + 1] += 1;
        }
        let mut offsets = degree;
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let total = offsets[nodes] as usize;
        let mut next: Vec<u32> = offsets[..nodes].to_vec();
        let (mut targets, mut probs, mut kinds) =
            (vec![0; total], vec![0f32; total], vec![0u8; total]);
        for &(a, b, w, k) in edges.iter().filter(valid) {
            for (from, to) in [(a, b), (b, a)] {
                let slot = next[from as usize] as usize;
                next[from as usize] += 1;
                targets[slot] = to;
                probs[slot] = w;
                kinds[slot] = k as u8;
            }
        }
        // Weights become transition probabilities per source node; each node's
        // neighbours are sorted so one edge can be found by binary search.
        let mut row: Vec<(NodeId, u8, f32)> = Vec::new();
        for n in 0..nodes {
            let range = offsets[n] as usize..offsets[n + 1] as usize;
            row.clear();
            row.extend(range.clone().map(|i| (targets[i], kinds[i], probs[i])));
            row.sort_unstable_by_key(|r| (r.0, r.1));
            for (slot, &(t, k, p)) in range.clone().zip(&row) {
                targets[slot] = t;
                probs[slot] = p;
                kinds[slot] = k;
            }
            let sum: f32 = probs[range.clone()].iter().sum();
            if sum > 0.0 {
                probs[range].iter_mut().for_each(|p| *p /= sum);
            }
        }
        Csr {
            offsets,
            targets,
            probs,
            kinds,
        }
    }

    pub fn node_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Directed edges stored: twice the undirected edges.
    pub fn edge_count(&self) -> usize {
        self.targets.len()
    }

    /// `(neighbour, transition probability, edge kind)` of `node`.
    pub fn neighbours(&self, node: NodeId) -> impl Iterator<Item = (NodeId, f32, EdgeKind)> + '_ {
        let n = node as usize;
        let range = match (self.offsets.get(n), self.offsets.get(n + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        range.filter_map(|i| {
            Some((
                self.targets[i],
                self.probs[i],
                EdgeKind::from_u8(self.kinds[i])?,
            ))
        })
    }

    /// `node`'s neighbours and transition probabilities as two slices (the hot loop
    /// of the walk reads these directly).
    #[inline]
    pub fn row(&self, node: NodeId) -> (&[NodeId], &[f32]) {
        let n = node as usize;
        match (self.offsets.get(n), self.offsets.get(n + 1)) {
            (Some(&a), Some(&b)) => {
                let r = a as usize..b as usize;
                (&self.targets[r.clone()], &self.probs[r])
            }
            _ => (&[], &[]),
        }
    }

    /// The edge from `a` to `b`, if any: `(transition probability, kind)`.
    pub fn edge(&self, a: NodeId, b: NodeId) -> Option<(f32, EdgeKind)> {
        let n = a as usize;
        let (&lo, &hi) = (self.offsets.get(n)?, self.offsets.get(n + 1)?);
        let range = lo as usize..hi as usize;
        let i = self.targets[range.clone()].binary_search(&b).ok()? + range.start;
        Some((self.probs[i], EdgeKind::from_u8(self.kinds[i])?))
    }

    pub fn degree(&self, node: NodeId) -> usize {
        let n = node as usize;
        match (self.offsets.get(n), self.offsets.get(n + 1)) {
            (Some(&a), Some(&b)) => (b - a) as usize,
            _ => 0,
        }
    }

    /// Heap bytes of the four arrays.
    pub fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4
            + self.targets.capacity() * 4
            + self.probs.capacity() * 4
            + self.kinds.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_directions_with_normalised_probabilities() {
        let g = Csr::build(
            3,
            &[
                (0, 1, 3.0, EdgeKind::HasSkill),
                (0, 2, 1.0, EdgeKind::MemberOf),
            ],
        );
        assert_eq!(g.node_count(), 3);
        assert_eq!(g.edge_count(), 4);
        let from0: Vec<_> = g.neighbours(0).collect();
        assert_eq!(
            from0,
            vec![(1, 0.75, EdgeKind::HasSkill), (2, 0.25, EdgeKind::MemberOf)]
        );
        assert_eq!(
            g.neighbours(1).collect::<Vec<_>>(),
            vec![(0, 1.0, EdgeKind::HasSkill)]
        );
        assert_eq!(g.degree(2), 1);
    }

    #[test]
    fn bad_edges_are_skipped_and_unknown_nodes_are_empty() {
        let g = Csr::build(
            2,
            &[
                (0, 5, 1.0, EdgeKind::Tagged),
                (0, 1, 0.0, EdgeKind::Tagged),
                (1, 1, 1.0, EdgeKind::Tagged),
            ],
        );
        assert_eq!(g.edge_count(), 0);
        assert_eq!(g.neighbours(7).count(), 0);
        assert_eq!(g.degree(7), 0);
    }

    #[test]
    fn nine_bytes_a_direction_and_four_a_node_with_nothing_spare() {
        let edges: Vec<_> = (0..1000u32)
            .map(|i| (i, (i * 7 + 1) % 1000, 1.0, EdgeKind::Related))
            .collect();
        let g = Csr::build(1000, &edges);
        assert_eq!(g.edge_count(), 2000);
        assert_eq!(g.heap_bytes(), 1001 * 4 + 2000 * (4 + 4 + 1));
    }
}
