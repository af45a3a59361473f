//! A compressed sparse row snapshot of the graph: three flat arrays, built once,
//! read by many queries at the same time without locks.

use super::EdgeKind;

/// A node's index in a snapshot.
pub type NodeId = u32;

/// Adjacency in index arrays. Each undirected edge is stored once per direction,
/// as its far end and one byte naming its kind and weight (an organisation's
/// links take a few dozen (kind, weight) pairs: a skill's level, source and
/// endorsements, a member's role, a document's kind). The chance a random
/// walk at the source takes an edge is its weight times the source's `scale`.
#[derive(Debug, Clone)]
pub struct Csr {
    offsets: Vec<u32>,
    targets: Vec<NodeId>,
    links: Vec<u8>,
    /// Per node: one over the sum of its edges' weights.
    scale: Vec<f32>,
    /// The (kind, weight) each link byte names.
    kinds: [EdgeKind; LINKS],
    weights: [f32; LINKS],
}

/// Distinct (kind, weight) pairs a snapshot can name.
const LINKS: usize = 256;

impl Default for Csr {
    fn default() -> Self {
        Csr::build(0, &[])
    }
}

/// The (kind, weight) pairs of a graph, each with its byte.
struct LinkTable {
    pairs: Vec<(EdgeKind, f32)>,
    codes: rustc_hash::FxHashMap<(EdgeKind, u32), u8>,
}

impl LinkTable {
    /// Every pair exactly while there are at most 256 (more than any weight
    /// setting makes); past that, each kind keeps an even share of its
    /// weights, spread over their range, and the others take the nearest.
    fn new(edges: impl Iterator<Item = (EdgeKind, f32)>) -> LinkTable {
        let mut by_kind: std::collections::BTreeMap<EdgeKind, Vec<f32>> = Default::default();
        for (k, w) in edges {
            by_kind.entry(k).or_default().push(w);
        }
        for ws in by_kind.values_mut() {
            ws.sort_by(f32::total_cmp);
            ws.dedup_by(|a, b| a.to_bits() == b.to_bits());
        }
        let total: usize = by_kind.values().map(Vec::len).sum();
        let share = LINKS / by_kind.len().max(1);
        let mut table = LinkTable {
            pairs: Vec::new(),
            codes: Default::default(),
        };
        for (&kind, ws) in &by_kind {
            let kept: Vec<f32> = if total <= LINKS || ws.len() <= share {
                ws.clone()
            } else {
                (0..share)
                    .map(|i| ws[i * (ws.len() - 1) / (share - 1).max(1)])
                    .collect()
            };
            let first = table.pairs.len();
            table.pairs.extend(kept.iter().map(|&w| (kind, w)));
            for &w in ws {
                let nearest = kept
                    .iter()
                    .enumerate()
                    .min_by(|a, b| (a.1 - w).abs().total_cmp(&(b.1 - w).abs()))
                    .map_or(0, |(i, _)| i);
                table
                    .codes
                    .insert((kind, w.to_bits()), (first + nearest) as u8);
            }
        }
        table
    }

    fn code(&self, kind: EdgeKind, weight: f32) -> u8 {
        self.codes
            .get(&(kind, weight.to_bits()))
            .copied()
            .unwrap_or(0)
    }
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
        let (mut targets, mut links) = (vec![0; total], vec![0u8; total]);
        let table = LinkTable::new(edges.iter().filter(valid).map(|e| (e.3, e.2)));
        let mut sums = vec![0f64; nodes];
        for &(a, b, w, k) in edges.iter().filter(valid) {
            let code = table.code(k, w);
            for (from, to) in [(a, b), (b, a)] {
                let slot = next[from as usize] as usize;
                next[from as usize] += 1;
                targets[slot] = to;
                links[slot] = code;
            }
        }
        let mut kinds = [EdgeKind::Related; LINKS];
        let mut weights = [0f32; LINKS];
        for (i, &(k, w)) in table.pairs.iter().enumerate() {
            kinds[i] = k;
            weights[i] = w;
        }
        // Each node's neighbours are sorted so one edge can be found by
        // binary search; its weights sum to what `scale` undoes.
        let mut row: Vec<(NodeId, u8)> = Vec::new();
        for n in 0..nodes {
            let range = offsets[n] as usize..offsets[n + 1] as usize;
            row.clear();
            row.extend(range.clone().map(|i| (targets[i], links[i])));
            row.sort_unstable_by_key(|&(t, l)| (t, kinds[usize::from(l)] as u8));
            for (slot, &(t, l)) in range.clone().zip(&row) {
                targets[slot] = t;
                links[slot] = l;
                sums[n] += f64::from(weights[usize::from(l)]);
            }
        }
        let scale = sums
            .iter()
            .map(|&s| if s > 0.0 { (1.0 / s) as f32 } else { 0.0 })
            .collect();
        Csr {
            offsets,
            targets,
            links,
            scale,
            kinds,
            weights,
        }
    }

    pub fn node_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Directed edges stored: twice the undirected edges.
    pub fn edge_count(&self) -> usize {
        self.targets.len()
    }

    fn range(&self, node: NodeId) -> std::ops::Range<usize> {
        let n = node as usize;
        match (self.offsets.get(n), self.offsets.get(n + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    fn scale_of(&self, node: NodeId) -> f32 {
        self.scale.get(node as usize).copied().unwrap_or(0.0)
    }

    /// `(neighbour, transition probability, edge kind)` of `node`.
    pub fn neighbours(&self, node: NodeId) -> impl Iterator<Item = (NodeId, f32, EdgeKind)> + '_ {
        let scale = self.scale_of(node);
        self.range(node).map(move |i| {
            let l = usize::from(self.links[i]);
            (self.targets[i], self.weights[l] * scale, self.kinds[l])
        })
    }

    /// `node`'s neighbours as the walk's hot loop reads them.
    #[inline]
    pub fn row(&self, node: NodeId) -> Row<'_> {
        let r = self.range(node);
        Row {
            targets: &self.targets[r.clone()],
            links: &self.links[r],
            scale: self.scale_of(node),
            weights: &self.weights,
        }
    }

    /// The edge from `a` to `b`, if any: `(transition probability, kind)`.
    pub fn edge(&self, a: NodeId, b: NodeId) -> Option<(f32, EdgeKind)> {
        let range = self.range(a);
        let i = self.targets[range.clone()].binary_search(&b).ok()? + range.start;
        let l = usize::from(self.links[i]);
        Some((self.weights[l] * self.scale_of(a), self.kinds[l]))
    }

    pub fn degree(&self, node: NodeId) -> usize {
        self.range(node).len()
    }

    /// Heap bytes of the arrays.
    pub fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4
            + self.targets.capacity() * 4
            + self.links.capacity()
            + self.scale.capacity() * 4
    }
}

/// A node's neighbours: far ends, and the chance of each (`prob`).
pub struct Row<'a> {
    pub targets: &'a [NodeId],
    links: &'a [u8],
    scale: f32,
    weights: &'a [f32; LINKS],
}

impl Row<'_> {
    /// `(neighbour, transition probability)`.
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = (NodeId, f32)> + '_ {
        self.targets
            .iter()
            .zip(self.links)
            .map(|(&t, &l)| (t, self.weights[usize::from(l)] * self.scale))
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
    fn five_bytes_a_direction_and_eight_a_node_with_nothing_spare() {
        let edges: Vec<_> = (0..1000u32)
            .map(|i| (i, (i * 7 + 1) % 1000, 1.0, EdgeKind::Related))
            .collect();
        let g = Csr::build(1000, &edges);
        assert_eq!(g.edge_count(), 2000);
        assert_eq!(g.heap_bytes(), 1001 * 4 + 1000 * 4 + 2000 * (4 + 1));
    }

    #[test]
    fn more_pairs_than_a_byte_names_take_the_nearest_weight_of_their_kind() {
        // 300 weights of one kind, and one of another.
        let mut edges: Vec<_> = (0..300u32)
            .map(|i| (0, i + 1, 1.0 + i as f32, EdgeKind::Authored))
            .collect();
        edges.push((1, 2, 0.5, EdgeKind::Tagged));
        let g = Csr::build(302, &edges);
        let kind_of = |a, b| g.edge(a, b).map(|e| e.1);
        assert_eq!(kind_of(1, 2), Some(EdgeKind::Tagged), "kinds stay exact");
        assert_eq!(kind_of(0, 5), Some(EdgeKind::Authored));
        let p = |a, b| g.edge(a, b).map_or(0.0, |e| e.0);
        assert!(p(0, 300) > p(0, 1), "heavier links stay heavier");
        let sum: f32 = g.neighbours(0).map(|n| n.1).sum();
        assert!((sum - 1.0).abs() < 1e-4, "{sum}");
        // Row and neighbours agree.
        let row: Vec<_> = g.row(0).iter().collect();
        let listed: Vec<_> = g.neighbours(0).map(|(t, p, _)| (t, p)).collect();
        assert_eq!(row, listed);
    }
}
