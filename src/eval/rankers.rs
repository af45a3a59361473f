//! The rankers `tacit eval` and `tacit tune` score: the expert search and
//! the reference baselines, over one loaded store.

use std::collections::HashMap;

use serde::Serialize;

use crate::config::Config;
use crate::graph::{EdgeKind, NodeId, NodeKind, Snapshot};
use crate::rank::{self, Engine, ExpertFilter, ExpertQuery, RankConfig, Ranking, baselines};

use super::{EvalQuery, Qrels, Ranker};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RankerKind {
    /// The `experts` query's ranking: the walk fused with the evidence signals.
    Graph,
    /// Balog's Model 2: BM25 over documents, the best 100 voted to their authors.
    Model2,
    /// Balog's Model 1: BM25 over each person's writing as one document.
    Profile,
    /// Tags of the best-matching documents, then people by what they wrote under them.
    Tags,
    /// Documents scored by BM25, each author credited with their best three.
    Bm25,
    /// Whoever wrote the most, whatever the question.
    Popularity,
}

/// One ranker over one loaded store.
pub struct Rankers<'a> {
    pub kind: RankerKind,
    pub ranking: &'a Ranking,
    pub config: &'a RankConfig,
    pub profiles: Option<&'a baselines::ProfileIndex>,
    pub now: chrono::DateTime<chrono::Utc>,
}

impl Ranker for Rankers<'_> {
    fn rank(&mut self, text: &str, asker: Option<&str>, k: usize) -> anyhow::Result<Vec<String>> {
        let g = &self.ranking.snapshot;
        let index = &self.ranking.index;
        let nodes: Vec<NodeId> = match self.kind {
            RankerKind::Graph => {
                let question = rank::question::read(g, index, self.config, text);
                rank::rank_question(g, self.config, &question, &self.query(text, asker, k))
                    .into_iter()
                    .map(|r| r.0)
                    .collect()
            }
            RankerKind::Model2 => baselines::model2(g, index, text, asker, k)?,
            RankerKind::Tags => baselines::tags(g, index, text, asker, k)?,
            RankerKind::Profile => match self.profiles {
                Some(p) => p.rank(g, text, asker, k)?,
                None => anyhow::bail!("the profile ranker needs its index"),
            },
            RankerKind::Bm25 => baselines::bm25(g, index, text, asker, k)?,
            RankerKind::Popularity => baselines::popularity(g, asker, k),
        };
        Ok(nodes
            .into_iter()
            .filter_map(|n| g.external_id(n).map(str::to_string))
            .collect())
    }
}

impl Rankers<'_> {
    pub fn query(&self, text: &str, asker: Option<&str>, k: usize) -> ExpertQuery {
        ExpertQuery {
            reveal_unpublished: false,
            text: text.to_string(),
            asker: asker.map(str::to_string),
            filter: ExpertFilter::default(),
            first: k,
            now: self.now,
        }
    }
}

/// The engine over the configured store, as `tacit serve` would build it.
pub async fn load(
    config: &Config,
) -> anyhow::Result<(std::sync::Arc<Ranking>, Vec<(String, String)>)> {
    let store = crate::store::open(&config.database_url, 4, None).await?;
    let (engine, _) = Engine::load(
        store.clone(),
        config.ranking.clone(),
        config.index_dir().as_deref(),
    )
    .await?;
    let texts = store.evidence_texts().await?;
    store.close().await;
    // Ranked as a warm server ranks: with the walks from well-linked nodes kept.
    let ranking = engine.ranking();
    let (warm, settings) = (ranking.clone(), config.ranking.clone());
    tokio::task::spawn_blocking(move || {
        crate::rank::walks::warm(&warm.snapshot, &settings, || false)
    })
    .await?;
    Ok((ranking, texts))
}

/// Each query's community: the one most of its relevant people (weighted by
/// grade) belong to; "(none)" when they belong to none.
pub fn query_communities(g: &Snapshot, queries: &[EvalQuery], qrels: &Qrels) -> Vec<String> {
    queries
        .iter()
        .map(|q| {
            let mut votes: HashMap<String, u32> = HashMap::new();
            for (person, grade) in qrels.get(&q.id).into_iter().flat_map(|j| j.iter()) {
                let Some(p) = g.node(NodeKind::Person, person) else {
                    continue;
                };
                for (c, _) in g.linked(p, EdgeKind::MemberOf) {
                    *votes.entry(g.label(c).to_string()).or_default() += grade;
                }
            }
            votes
                .into_iter()
                .filter(|v| v.1 > 0)
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map_or_else(|| "(none)".to_string(), |v| v.0)
        })
        .collect()
}
