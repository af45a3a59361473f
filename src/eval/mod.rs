//! Offline evaluation of expert ranking (`tacit eval`): a set of questions with
//! relevance judgments (FORMATS.md, "Evaluation: `queries.jsonl` and `qrels`"),
//! a [`Ranker`] that answers them, and the trec_eval measures of its answers.

pub mod metrics;
mod qrels;
mod read;
mod write;

use std::collections::HashSet;
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;

pub use qrels::{Judgments, Qrels};
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
    let depth = k.max(RECALL_DEPTH);
    let mut skipped = 0;
    let (mut rr, mut p1, mut ndcg, mut recall, mut ms) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for query in queries {
        let Some(judged) = qrels.get(&query.id).filter(|j| j.has_relevant()) else {
            skipped += 1;
            continue;
        };
        let start = Instant::now();
        let mut ranked = ranker
            .rank(&query.text, query.asker_id.as_deref(), depth)
            .with_context(|| format!("ranking query {:?}", query.id))?;
        ms.push(start.elapsed().as_secs_f64() * 1000.0);
        ranked.truncate(depth);
        check_distinct(&query.id, &ranked)?;
        let Some(s) = metrics::score(&ranked, judged) else {
            continue;
        };
        rr.push(s.reciprocal_rank);
        p1.push(s.p_at_1);
        ndcg.push(s.ndcg_at_10);
        recall.push(s.recall_at_100);
    }
    Ok(EvalReport {
        queries: rr.len(),
        skipped,
        mrr: metrics::mean(&rr),
        p_at_1: metrics::mean(&p1),
        ndcg_at_10: metrics::mean(&ndcg),
        recall_at_100: metrics::mean(&recall),
        mean_ms: metrics::mean(&ms),
        p99_ms: metrics::percentile(&ms, 99.0),
    })
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
             MRR              {:.4}\n\
             P@1              {:.4}\n\
             nDCG@10          {:.4}\n\
             recall@100       {:.4}\n\
             time per query   {:.2} ms mean, {:.2} ms p99\n",
            self.queries,
            self.skipped,
            self.mrr,
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
