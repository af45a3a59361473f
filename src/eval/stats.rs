//! How much to trust a score: a confidence interval for a mean over queries,
//! and a paired significance test between two rankers on the same queries.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// z for a two-sided 95% interval.
const Z95: f64 = 1.959_964;
/// Sign flips drawn by [`paired_test`]; its p-values are good to about ±0.005.
pub const PERMUTATIONS: usize = 10_000;

/// 95% confidence interval of the mean of `values` (normal approximation:
/// mean ± 1.96 standard errors, clamped to [0, 1] as every measure here is).
pub fn mean_ci(values: &[f64]) -> [f64; 2] {
    let n = values.len();
    if n == 0 {
        return [0.0, 0.0];
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if n == 1 {
        return [mean, mean];
    }
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    let half = Z95 * (var / n as f64).sqrt();
    [(mean - half).max(0.0), (mean + half).min(1.0)]
}

/// A paired comparison of two rankers' per-query scores.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Paired {
    /// Queries both were scored on.
    pub queries: usize,
    /// Mean of `a - b`.
    pub difference: f64,
    /// 95% interval of the difference.
    pub difference_ci: [f64; 2],
    /// Two-sided p-value of a randomisation test: how often flipping the sign
    /// of each query's difference at random gives a mean difference at least
    /// this far from zero.
    pub p_value: f64,
}

/// Paired randomisation (sign-flip) test of `a` against `b`, the same queries
/// in the same order. Deterministic: the flips come from a fixed seed.
pub fn paired_test(a: &[f64], b: &[f64]) -> Paired {
    debug_assert_eq!(a.len(), b.len(), "paired scores of the same queries");
    let diffs: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
    let n = diffs.len();
    if n == 0 {
        return Paired {
            queries: 0,
            difference: 0.0,
            difference_ci: [0.0, 0.0],
            p_value: 1.0,
        };
    }
    let observed = diffs.iter().sum::<f64>() / n as f64;
    let mut rng = ChaCha8Rng::seed_from_u64(0x7ac17);
    let mut as_extreme = 0usize;
    for _ in 0..PERMUTATIONS {
        let flipped: f64 = diffs
            .iter()
            .map(|d| if rng.random::<bool>() { *d } else { -*d })
            .sum::<f64>()
            / n as f64;
        // A hair of slack so ties in floating point count as ties.
        if flipped.abs() >= observed.abs() - 1e-12 {
            as_extreme += 1;
        }
    }
    let var = if n > 1 {
        diffs.iter().map(|d| (d - observed).powi(2)).sum::<f64>() / (n - 1) as f64
    } else {
        0.0
    };
    let half = Z95 * (var / n as f64).sqrt();
    Paired {
        queries: n,
        difference: observed,
        difference_ci: [observed - half, observed + half],
        p_value: (as_extreme + 1) as f64 / (PERMUTATIONS + 1) as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_of_a_mean() {
        assert_eq!(mean_ci(&[]), [0.0, 0.0]);
        assert_eq!(mean_ci(&[0.5]), [0.5, 0.5]);
        // mean 0.5, sample sd 0.4629 over 8: half-width 1.96 * 0.1637 = 0.3208
        let ci = mean_ci(&[0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.5, 0.5]);
        assert!(
            (ci[0] - 0.179).abs() < 0.002 && (ci[1] - 0.821).abs() < 0.002,
            "{ci:?}"
        );
        assert_eq!(mean_ci(&[1.0, 1.0, 1.0]), [1.0, 1.0]);
    }

    #[test]
    fn a_consistent_gain_is_significant_and_noise_is_not() {
        let a: Vec<f64> = (0..60).map(|i| 0.5 + f64::from(i % 3) * 0.1).collect();
        let b: Vec<f64> = a.iter().map(|x| x - 0.1).collect();
        let t = paired_test(&a, &b);
        assert!((t.difference - 0.1).abs() < 1e-9);
        assert!(t.p_value < 0.001, "{t:?}");
        let c: Vec<f64> = a
            .iter()
            .enumerate()
            .map(|(i, x)| if i % 2 == 0 { x + 0.1 } else { x - 0.1 })
            .collect();
        let t = paired_test(&a, &c);
        assert!(t.p_value > 0.5, "{t:?}");
        assert_eq!(paired_test(&a, &a).difference, 0.0);
        assert_eq!(paired_test(&[], &[]).p_value, 1.0);
    }
}
