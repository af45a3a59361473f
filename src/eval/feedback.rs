//! The organisation's own judgments: each question asked of the network
//! with the people who answered it (2 for the accepted answer's author, 1
//! for another answerer) and those who said "not me" (0), as the queries
//! and qrels `tacit eval` and `tacit tune` read from files.
//!
//! The graph they are scored on is today's: it already holds the evidence
//! accepted answers became, so an old question's score is optimistic for the
//! person who answered it. Compare settings on the same history, not with
//! scores from files.

use std::collections::BTreeMap;

use super::{EvalQuery, Qrels};
use crate::config::Config;

/// Questions and judgments from the database `config` names.
pub async fn judged(config: &Config) -> anyhow::Result<(Vec<EvalQuery>, Qrels, usize)> {
    let store = crate::store::open(&config.database_url, 2, None).await?;
    let judgments = store.judgments().await?;
    store.close().await;
    if judgments.is_empty() {
        anyhow::bail!(
            "there is no feedback yet: judgments come from questions asked of the network (an accepted answer, other answers, \"not me\")"
        );
    }
    let mut queries: BTreeMap<String, EvalQuery> = BTreeMap::new();
    // One grade per person and question: the highest they earned.
    let mut grades: BTreeMap<(&str, &str), u8> = BTreeMap::new();
    for j in &judgments {
        queries
            .entry(j.question_id.clone())
            .or_insert_with(|| EvalQuery {
                id: j.question_id.clone(),
                // One line, as the queries file holds it.
                text: j.question.split_whitespace().collect::<Vec<_>>().join(" "),
                asker_id: Some(j.asker_id.clone()),
            });
        let g = grades.entry((&j.question_id, &j.person_id)).or_default();
        *g = (*g).max(j.grade);
    }
    // Built directly, not through the qrels text format, whose fields are
    // split on spaces (an imported person id may hold one).
    let mut qrels = Qrels::default();
    for ((q, p), g) in &grades {
        qrels.insert(q, *p, u32::from(*g));
    }
    Ok((queries.into_values().collect(), qrels, grades.len()))
}

/// The queries and judgments to score: from the two files when given,
/// else the organisation's feedback; and how many judgments there are.
pub async fn judged_from(
    config: &Config,
    queries: Option<&std::path::Path>,
    qrels: Option<&std::path::Path>,
) -> anyhow::Result<(Vec<EvalQuery>, Qrels, usize)> {
    match (queries, qrels) {
        (Some(q), Some(r)) => {
            let qrels = super::read_qrels(r)?;
            let n = qrels.iter().map(|(_, j)| j.len()).sum();
            Ok((super::read_queries(q)?, qrels, n))
        }
        _ => judged(config).await,
    }
}
