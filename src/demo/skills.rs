//! What each person knows: a focus of 2–4 strong skills from their unit and a few
//! weaker ones.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::{Catalog, pick};

/// Popularity of the i-th skill of a unit's pool: common skills first, a long tail.
fn pool_weight(i: usize) -> f64 {
    1.0 / (i as f64 + 1.5).powf(0.8)
}

/// A team's specialism: three pool positions.
pub(crate) fn theme(rng: &mut ChaCha8Rng, pool_len: usize) -> Vec<usize> {
    let mut theme = Vec::with_capacity(3);
    while theme.len() < 3.min(pool_len) {
        let i = draw_pool_index(rng, pool_len);
        if !theme.contains(&i) {
            theme.push(i);
        }
    }
    theme
}

fn draw_pool_index(rng: &mut ChaCha8Rng, pool_len: usize) -> usize {
    let total: f64 = (0..pool_len).map(pool_weight).sum();
    let mut x = rng.random::<f64>() * total;
    for i in 0..pool_len {
        x -= pool_weight(i);
        if x < 0.0 {
            return i;
        }
    }
    pool_len - 1
}

/// Two to four skills from the unit's pool, mostly from the team's theme.
pub(crate) fn pick_focus(
    rng: &mut ChaCha8Rng,
    pool: &[usize],
    theme: &[usize],
) -> Vec<(usize, u8)> {
    let count = rng.random_range(2..=4).min(pool.len());
    let mut chosen: Vec<usize> = Vec::with_capacity(count);
    while chosen.len() < count {
        let i = if rng.random::<f64>() < 0.55 {
            *pick(rng, theme)
        } else {
            draw_pool_index(rng, pool.len())
        };
        if !chosen.contains(&pool[i]) {
            chosen.push(pool[i]);
        }
    }
    // The first skill drawn is the strongest; the others are level 4 or 5.
    let mut focus: Vec<(usize, u8)> = Vec::with_capacity(chosen.len());
    for (k, skill) in chosen.into_iter().enumerate() {
        let level = if k == 0 || rng.random::<f64>() < 0.4 {
            5
        } else {
            4
        };
        focus.push((skill, level));
    }
    focus.sort_by_key(|&(_, level)| std::cmp::Reverse(level)); // stable sort
    focus
}

/// Two to six weaker skills: the rest of the unit's pool, general skills, and skills
/// related to the person's focus.
pub(crate) fn pick_other(
    rng: &mut ChaCha8Rng,
    catalog: &Catalog,
    pool: &[usize],
    general: &[usize],
    focus: &[(usize, u8)],
) -> Vec<(usize, u8)> {
    let count = rng.random_range(2..=6);
    let mut other: Vec<(usize, u8)> = Vec::with_capacity(count);
    for _ in 0..count * 4 {
        if other.len() == count {
            break;
        }
        let x = rng.random::<f64>();
        let skill = if x < 0.45 {
            pool[draw_pool_index(rng, pool.len())]
        } else if x < 0.75 {
            *pick(rng, general)
        } else {
            let related: Vec<usize> = catalog.related(pick(rng, focus).0).collect();
            if related.is_empty() {
                continue;
            }
            *pick(rng, &related)
        };
        if focus.iter().chain(&other).all(|&(s, _)| s != skill) {
            other.push((skill, rng.random_range(1..=3)));
        }
    }
    other
}
