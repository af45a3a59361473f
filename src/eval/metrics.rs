//! Ranking metrics with trec_eval's definitions, over one query's ranked person
//! ids (best first) and its judgments.
//!
//! A person listed twice counts only at their first rank, so a faulty ranker can
//! never score above 1.

use std::collections::HashSet;

use super::qrels::Judgments;

/// Rank cut-off of nDCG.
pub const NDCG_DEPTH: usize = 10;
/// Rank cut-off of recall; rankers are asked for at least this many people.
pub const RECALL_DEPTH: usize = 100;

/// The scores of one query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueryScores {
    pub reciprocal_rank: f64,
    pub p_at_1: f64,
    pub ndcg_at_10: f64,
    pub recall_at_100: f64,
}

/// All four scores, or `None` when nobody is relevant (the query is skipped).
pub fn score<S: AsRef<str>>(ranked: &[S], judged: &Judgments) -> Option<QueryScores> {
    if !judged.has_relevant() {
        return None;
    }
    Some(QueryScores {
        reciprocal_rank: reciprocal_rank(ranked, judged),
        p_at_1: precision_at(ranked, judged, 1),
        ndcg_at_10: ndcg_at(ranked, judged, NDCG_DEPTH),
        recall_at_100: recall_at(ranked, judged, RECALL_DEPTH),
    })
}

/// The grade of each rank, 0 for repeats of a person already listed.
fn grades<'a, S: AsRef<str>>(
    ranked: &'a [S],
    judged: &'a Judgments,
) -> impl Iterator<Item = u32> + 'a {
    let mut seen = HashSet::new();
    ranked.iter().map(move |p| {
        let p = p.as_ref();
        if seen.insert(p) {
            judged.relevance(p)
        } else {
            0
        }
    })
}

/// 1 / rank of the first relevant person; 0 if none is listed.
pub fn reciprocal_rank<S: AsRef<str>>(ranked: &[S], judged: &Judgments) -> f64 {
    grades(ranked, judged)
        .position(|g| g >= 1)
        .map_or(0.0, |i| 1.0 / (i + 1) as f64)
}

/// Relevant people among the first `k`, divided by `k` (missing ranks count as not relevant).
pub fn precision_at<S: AsRef<str>>(ranked: &[S], judged: &Judgments, k: usize) -> f64 {
    if k == 0 {
        return 0.0;
    }
    let hits = grades(ranked, judged).take(k).filter(|&g| g >= 1).count();
    hits as f64 / k as f64
}

/// DCG of the first `k` ranks over the ideal DCG of the judged grades, where
/// DCG = Σ gain_i / log2(i + 1) for rank i from 1 and the gain is the grade.
pub fn ndcg_at<S: AsRef<str>>(ranked: &[S], judged: &Judgments, k: usize) -> f64 {
    let mut ideal: Vec<u32> = judged.gains().filter(|&g| g > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let ideal_dcg = dcg(ideal.into_iter().take(k));
    if ideal_dcg <= 0.0 {
        return 0.0;
    }
    dcg(grades(ranked, judged).take(k)) / ideal_dcg
}

fn dcg(gains: impl Iterator<Item = u32>) -> f64 {
    gains
        .enumerate()
        .map(|(i, g)| f64::from(g) / ((i + 2) as f64).log2())
        .sum()
}

/// Relevant people among the first `k`, divided by all relevant people.
pub fn recall_at<S: AsRef<str>>(ranked: &[S], judged: &Judgments, k: usize) -> f64 {
    let relevant = judged.relevant_count();
    if relevant == 0 {
        return 0.0;
    }
    let hits = grades(ranked, judged).take(k).filter(|&g| g >= 1).count();
    hits as f64 / relevant as f64
}

/// The arithmetic mean; 0 for no values.
pub fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

/// The `p`-th percentile (0 < p ≤ 100) by the nearest-rank method: the smallest
/// value with at least p% of the values at or below it; 0 for no values.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-9;

    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < EPS,
            "expected {expected}, got {actual}"
        );
    }

    /// a highly relevant, b and d relevant, c judged not relevant: 3 relevant people,
    /// ideal gains 2, 1, 1 (c's 0 adds nothing).
    /// IDCG@10 = 2/log2(2) + 1/log2(3) + 1/log2(4) = 2 + 0.6309297536 + 0.5 = 3.1309297536
    fn judged() -> Judgments {
        [("a", 2), ("b", 1), ("c", 0), ("d", 1)]
            .into_iter()
            .collect()
    }

    #[test]
    fn scores_a_ranking_that_finds_some_relevant_people_late() {
        // ranks: 1 x (unjudged), 2 b (1), 3 c (0), 4 a (2), 5 y (unjudged)
        let ranked = ["x", "b", "c", "a", "y"];
        let s = score(&ranked, &judged()).expect("has relevant people");
        // first relevant at rank 2
        close(s.reciprocal_rank, 0.5);
        // rank 1 is not relevant
        close(s.p_at_1, 0.0);
        // DCG = 1/log2(3) + 0/log2(4) + 2/log2(5) = 0.6309297536 + 0.8613531161 = 1.4922828697
        // nDCG = 1.4922828697 / 3.1309297536 = 0.4766261...
        let dcg = 1.0 / 3f64.log2() + 2.0 / 5f64.log2();
        let idcg = 2.0 + 1.0 / 3f64.log2() + 0.5;
        close(s.ndcg_at_10, dcg / idcg);
        assert!((s.ndcg_at_10 - 0.476_626_1).abs() < 1e-6);
        // b and a retrieved out of a, b, d
        close(s.recall_at_100, 2.0 / 3.0);
    }

    #[test]
    fn scores_a_ranking_that_starts_with_the_best_person() {
        // ranks: 1 a (2), 2 d (1)
        let ranked = ["a", "d"];
        let s = score(&ranked, &judged()).expect("has relevant people");
        close(s.reciprocal_rank, 1.0);
        close(s.p_at_1, 1.0);
        // DCG = 2/log2(2) + 1/log2(3) = 2.6309297536; nDCG = 2.6309297536 / 3.1309297536 = 0.8403030...
        close(
            s.ndcg_at_10,
            (2.0 + 1.0 / 3f64.log2()) / (2.5 + 1.0 / 3f64.log2()),
        );
        assert!((s.ndcg_at_10 - 0.840_303_0).abs() < 1e-6);
        close(s.recall_at_100, 2.0 / 3.0);
    }

    #[test]
    fn a_perfect_ranking_scores_one_and_an_empty_one_zero() {
        let perfect = score(&["a", "b", "d"], &judged()).expect("scored");
        close(perfect.reciprocal_rank, 1.0);
        close(perfect.ndcg_at_10, 1.0);
        close(perfect.recall_at_100, 1.0);
        // b before a: DCG = 1 + 2/log2(3) + 1/2 = 2.7618595; below the ideal 3.1309298
        let swapped = ndcg_at(&["b", "a", "d"], &judged(), 10);
        close(
            swapped,
            (1.5 + 2.0 / 3f64.log2()) / (2.5 + 1.0 / 3f64.log2()),
        );
        let empty: [&str; 0] = [];
        let none = score(&empty, &judged()).expect("scored");
        assert_eq!(
            none,
            QueryScores {
                reciprocal_rank: 0.0,
                p_at_1: 0.0,
                ndcg_at_10: 0.0,
                recall_at_100: 0.0
            }
        );
    }

    #[test]
    fn cut_offs_apply_at_rank_10_and_rank_100() {
        // 12 relevant people r0..r11 of grade 1: the ideal DCG@10 counts only 10 of them.
        let judged: Judgments = (0..12).map(|i| (format!("r{i}"), 1)).collect();
        let ideal: f64 = (1..=10).map(|i| 1.0 / ((i + 1) as f64).log2()).sum();
        // r0 at rank 11 and r1 at rank 101; nothing else relevant.
        let mut ranked: Vec<String> = (0..120).map(|i| format!("x{i}")).collect();
        ranked[10] = "r0".into();
        ranked[100] = "r1".into();
        close(ndcg_at(&ranked, &judged, 10), 0.0);
        // rank 11 is inside the first 100, rank 101 is not: 1 of 12
        close(recall_at(&ranked, &judged, 100), 1.0 / 12.0);
        // the reciprocal rank looks at the whole list
        close(reciprocal_rank(&ranked, &judged), 1.0 / 11.0);
        // all 12 in the first 12 ranks: DCG@10 = the ideal
        let all: Vec<String> = (0..12).map(|i| format!("r{i}")).collect();
        close(ndcg_at(&all, &judged, 10), 1.0);
        assert!((ideal - 4.543_559_3).abs() < 1e-6);
    }

    #[test]
    fn a_person_listed_twice_counts_once() {
        // a twice: the repeat at rank 2 is worth nothing
        let ranked = ["a", "a", "b"];
        close(recall_at(&ranked, &judged(), 100), 2.0 / 3.0);
        // DCG = 2/log2(2) + 0 + 1/log2(4) = 2.5
        close(
            ndcg_at(&ranked, &judged(), 10),
            2.5 / (2.5 + 1.0 / 3f64.log2()),
        );
    }

    #[test]
    fn queries_without_relevant_people_are_not_scored() {
        let none_relevant: Judgments = [("a", 0), ("b", 0)].into_iter().collect();
        assert_eq!(score(&["a"], &none_relevant), None);
        assert_eq!(score(&["a"], &Judgments::default()), None);
    }

    #[test]
    fn means_and_nearest_rank_percentiles() {
        close(mean(&[]), 0.0);
        close(mean(&[1.0, 2.0, 6.0]), 3.0);
        // 1..=100: the 99th percentile is the 99th value
        let values: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        close(percentile(&values, 99.0), 99.0);
        // 10 values: ceil(9.9) = 10th, the largest
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        close(percentile(&ten, 99.0), 10.0);
        close(percentile(&[4.0], 99.0), 4.0);
        close(percentile(&[], 99.0), 0.0);
    }
}
