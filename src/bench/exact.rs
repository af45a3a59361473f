//! Exact personalised PageRank by power iteration, to check the fast ranking.

use crate::graph::{Csr, NodeId};

/// Iterates until the L1 change is below `tolerance` (or 200 rounds).
pub fn power_iteration(g: &Csr, seeds: &[(NodeId, f32)], restart: f32, tolerance: f64) -> Vec<f64> {
    let n = g.node_count();
    let total: f64 = seeds.iter().map(|s| f64::from(s.1)).sum();
    let mut jump = vec![0f64; n];
    if total <= 0.0 {
        return jump;
    }
    for &(s, w) in seeds {
        if let Some(j) = jump.get_mut(s as usize) {
            *j += f64::from(w) / total;
        }
    }
    let alpha = f64::from(restart);
    let mut x = jump.clone();
    let mut next = vec![0f64; n];
    for _ in 0..200 {
        for (v, j) in next.iter_mut().zip(&jump) {
            *v = alpha * j;
        }
        for u in 0..n {
            let mass = x[u];
            if mass == 0.0 {
                continue;
            }
            let spread = (1.0 - alpha) * mass;
            if g.degree(u as NodeId) == 0 {
                next[u] += spread;
                continue;
            }
            for (v, p, _) in g.neighbours(u as NodeId) {
                next[v as usize] += spread * f64::from(p);
            }
        }
        let change: f64 = x.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < tolerance {
            break;
        }
    }
    x
}
