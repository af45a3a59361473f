//! Offline evaluation of expert ranking (`tacit eval`): a set of questions with
//! relevance judgments (FORMATS.md, "Evaluation: `queries.jsonl` and `qrels`"),
//! a [`Ranker`] that answers them, and the trec_eval measures of its answers.

pub mod feedback;
pub mod knobs;
pub mod metrics;
mod qrels;
mod rankers;
mod read;
pub mod stats;
pub mod tune;
mod write;

use std::collections::HashSet;
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;

pub use feedback::judged_from as judged;
pub use qrels::{Judgments, Qrels};
pub use rankers::{RankerKind, Rankers, load, query_communities};
pub use read::{BadLines, EvalQuery, parse_qrels, parse_queries, read_qrels, read_queries};
pub use write::{write_qrels, write_queries};

use metrics::RECALL_DEPTH;

/// Anything that ranks people for a question: the expert search, or a baseline.
pub trait Ranker {
    /// Person ids, best first, at most `k`. `asker_id` is the person asking, who
    /// must not be returned.
    fn rank(&mut self, text: &str, asker_id: Option<&str>, k: usize)
    -> anyhow::Result<Vec<String>>;
}

/// The result of an evaluation run; its JSON form is the `--json` output of
/// `tacit eval` (FORMATS.md), field for field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    /// Queries scored: those with at least one relevant person.
    pub queries: usize,
    /// Queries without any relevant person, not sent to the ranker.
    pub skipped: usize,
    pub mrr: f64,
    pub p_at_1: f64,
    pub ndcg_at_10: f64,
    pub recall_at_100: f64,
    /// Mean wall-clock time of one `rank` call, in milliseconds.
    pub mean_ms: f64,
    /// 99th percentile (nearest rank) of the same times.
    pub p99_ms: f64,
    /// 95% confidence interval of the MRR (normal approximation over queries).
    pub mrr_ci: [f64; 2],
}

/// One scored query.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryResult {
    pub id: String,
    pub scores: metrics::QueryScores,
    pub ms: f64,
}

/// Every query's scores, in query order, and how many were skipped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scored {
    pub results: Vec<QueryResult>,
    pub skipped: usize,
}

impl Scored {
    pub fn report(&self) -> EvalReport {
        let pick = |f: fn(&metrics::QueryScores) -> f64| -> Vec<f64> {
            self.results.iter().map(|r| f(&r.scores)).collect()
        };
        let rr = pick(|s| s.reciprocal_rank);
        let ms: Vec<f64> = self.results.iter().map(|r| r.ms).collect();
        EvalReport {
            queries: rr.len(),
            skipped: self.skipped,
            mrr: metrics::mean(&rr),
            p_at_1: metrics::mean(&pick(|s| s.p_at_1)),
            ndcg_at_10: metrics::mean(&pick(|s| s.ndcg_at_10)),
            recall_at_100: metrics::mean(&pick(|s| s.recall_at_100)),
            mean_ms: metrics::mean(&ms),
            p99_ms: metrics::percentile(&ms, 99.0),
            mrr_ci: stats::mean_ci(&rr),
        }
    }

    /// Reciprocal ranks by query id.
    pub fn reciprocal_ranks(&self) -> std::collections::HashMap<&str, f64> {
        self.results
            .iter()
            .map(|r| (r.id.as_str(), r.scores.reciprocal_rank))
            .collect()
    }
}

/// Ranks every query that has a relevant person and averages the scores over
/// them. The ranker is asked for `max(k, 100)` people so that recall@100 means
/// something; longer answers are cut to that depth. Each call is timed.
///
/// Fails on the first ranker error (naming the query), and when a ranker lists a
/// person twice: that is a ranker bug the scores would hide.
pub fn run(
    queries: &[EvalQuery],
    qrels: &Qrels,
    ranker: &mut dyn Ranker,
    k: usize,
) -> anyhow::Result<EvalReport> {
    Ok(score_each(queries, qrels, ranker, k)?.report())
}

/// As [`run`], keeping each query's scores.
pub fn score_each(
    queries: &[EvalQuery],
    qrels: &Qrels,
    ranker: &mut dyn Ranker,
    k: usize,
) -> anyhow::Result<Scored> {
    let depth = k.max(RECALL_DEPTH);
    let mut scored = Scored::default();
    for query in queries {
        let Some(judged) = qrels.get(&query.id).filter(|j| j.has_relevant()) else {
            scored.skipped += 1;
            continue;
        };
        let start = Instant::now();
        let mut ranked = ranker
            .rank(&query.text, query.asker_id.as_deref(), depth)
            .with_context(|| format!("ranking query {:?}", query.id))?;
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        ranked.truncate(depth);
        check_distinct(&query.id, &ranked)?;
        if let Some(scores) = metrics::score(&ranked, judged) {
            scored.results.push(QueryResult {
                id: query.id.clone(),
                scores,
                ms,
            });
        }
    }
    Ok(scored)
}

fn check_distinct(query_id: &str, ranked: &[String]) -> anyhow::Result<()> {
    let mut seen = HashSet::with_capacity(ranked.len());
    for person in ranked {
        if !seen.insert(person.as_str()) {
            anyhow::bail!("the ranker listed person {person:?} twice for query {query_id:?}");
        }
    }
    Ok(())
}

impl EvalReport {
    /// A small aligned table for people, one measure per line.
    pub fn table(&self) -> String {
        format!(
            "queries scored   {}\n\
             queries skipped  {}\n\
             MRR              {:.4} (95% CI {:.3}–{:.3})\n\
             P@1              {:.4}\n\
             nDCG@10          {:.4}\n\
             recall@100       {:.4}\n\
             time per query   {:.2} ms mean, {:.2} ms p99\n",
            self.queries,
            self.skipped,
            self.mrr,
            self.mrr_ci[0],
            self.mrr_ci[1],
            self.p_at_1,
            self.ndcg_at_10,
            self.recall_at_100,
            self.mean_ms,
            self.p99_ms,
        )
    }
}

#[cfg(test)]
mod tests;
