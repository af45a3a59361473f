//! Learning settings from judgments (`tacit tune`): coordinate ascent over a
//! grid of values per setting, scored by cross-validation so that the figure
//! reported is one the tuned settings never saw.

use std::collections::BTreeMap;

/// One setting to tune: the values to try, and how to read and write it.
pub struct Knob<C> {
    /// Its name in the TOML (`fusion.documents`).
    pub name: &'static str,
    pub values: &'static [f64],
    pub get: fn(&C) -> f64,
    pub set: fn(&mut C, f64),
}

/// Coordinate ascent: each knob in turn takes the value of its grid that
/// scores best with the others held; passes repeat until none improves (at
/// most `passes`). A value replaces the current one only when it scores at
/// least `min_gain` more, so the settings move for a real gain and not for
/// noise in a few queries. Returns the settings and their score.
pub fn coordinate_ascent<C: Clone>(
    start: &C,
    knobs: &[Knob<C>],
    passes: usize,
    min_gain: f64,
    mut score: impl FnMut(&C) -> f64,
) -> (C, f64) {
    let mut best = start.clone();
    let mut best_score = score(&best);
    for _ in 0..passes {
        let mut improved = false;
        for knob in knobs {
            let current = (knob.get)(&best);
            let mut pick: Option<(C, f64)> = None;
            for &v in knob.values {
                if (v - current).abs() < 1e-9 {
                    continue;
                }
                let mut trial = best.clone();
                (knob.set)(&mut trial, v);
                let s = score(&trial);
                if s >= best_score + min_gain.max(1e-9) && pick.as_ref().is_none_or(|p| s > p.1) {
                    pick = Some((trial, s));
                }
            }
            if let Some((trial, s)) = pick {
                best = trial;
                best_score = s;
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
    (best, best_score)
}

/// How queries are split for cross-validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Folds {
    /// One fold per group (community): tune on the others, score the one left out.
    ByGroup,
    /// `n` folds, queries dealt round-robin in file order.
    Count(usize),
}

impl std::str::FromStr for Folds {
    type Err = String;

    fn from_str(s: &str) -> Result<Folds, String> {
        if s == "community" {
            return Ok(Folds::ByGroup);
        }
        match s.parse::<usize>() {
            Ok(n) if n >= 2 => Ok(Folds::Count(n)),
            _ => Err(format!(
                "--folds is `community` or a number of folds of at least 2, not {s:?}"
            )),
        }
    }
}

/// Each fold as `(name, indices of its queries)`, given each query's group.
pub fn split(groups: &[String], folds: &Folds) -> Vec<(String, Vec<usize>)> {
    match folds {
        Folds::ByGroup => {
            let mut by: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for (i, g) in groups.iter().enumerate() {
                by.entry(g.as_str()).or_default().push(i);
            }
            by.into_iter().map(|(g, q)| (g.to_string(), q)).collect()
        }
        Folds::Count(n) => (0..*n)
            .map(|f| {
                let q: Vec<usize> = (0..groups.len()).filter(|i| i % n == f).collect();
                (format!("fold {}", f + 1), q)
            })
            .filter(|(_, q)| !q.is_empty())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    struct Two {
        a: f64,
        b: f64,
    }

    #[test]
    fn ascent_finds_the_best_grid_point_of_a_separable_score() {
        let knobs = [
            Knob::<Two> {
                name: "a",
                values: &[0.0, 1.0, 2.0, 3.0],
                get: |c| c.a,
                set: |c, v| c.a = v,
            },
            Knob::<Two> {
                name: "b",
                values: &[0.0, 0.5, 1.0],
                get: |c| c.b,
                set: |c, v| c.b = v,
            },
        ];
        let mut calls = 0;
        let (best, score) = coordinate_ascent(&Two { a: 0.0, b: 0.0 }, &knobs, 3, 0.0, |c| {
            calls += 1;
            -(c.a - 2.0).powi(2) - (c.b - 0.5).powi(2)
        });
        assert_eq!(best, Two { a: 2.0, b: 0.5 });
        assert_eq!(score, 0.0);
        assert!(
            calls <= 1 + 2 * 5,
            "stops once a pass changes nothing: {calls}"
        );
        // A flat score moves nothing.
        let (same, _) = coordinate_ascent(&Two { a: 1.0, b: 1.0 }, &knobs, 3, 0.0, |_| 0.5);
        assert_eq!(same, Two { a: 1.0, b: 1.0 });
        // A gain below the minimum moves nothing either.
        let (kept, _) = coordinate_ascent(&Two { a: 1.9, b: 0.5 }, &knobs, 3, 0.05, |c| {
            -(c.a - 2.0).powi(2) - (c.b - 0.5).powi(2)
        });
        assert_eq!(kept.a, 1.9, "0.01 better is not 0.05 better");
    }

    #[test]
    fn folds_by_group_and_by_count() {
        let groups: Vec<String> = ["x", "y", "x", "z", "y"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let by = split(&groups, &Folds::ByGroup);
        assert_eq!(
            by,
            vec![
                ("x".to_string(), vec![0, 2]),
                ("y".to_string(), vec![1, 4]),
                ("z".to_string(), vec![3])
            ]
        );
        let two = split(&groups, &Folds::Count(2));
        assert_eq!(two[0].1, vec![0, 2, 4]);
        assert_eq!(two[1].1, vec![1, 3]);
        assert_eq!("community".parse::<Folds>(), Ok(Folds::ByGroup));
        assert_eq!("5".parse::<Folds>(), Ok(Folds::Count(5)));
        assert!("1".parse::<Folds>().is_err());
        assert!("sites".parse::<Folds>().is_err());
    }
}
