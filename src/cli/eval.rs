//! `tacit eval`: scores a ranker against relevance judgments (FORMATS.md).

use std::path::PathBuf;
use std::process::ExitCode;

use crate::config::Config;
use crate::eval::{self, Ranker};
use crate::graph::NodeId;
use crate::rank::{self, Engine, ExpertFilter, ExpertQuery, RankConfig, Ranking, baselines};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RankerKind {
    /// Personalised PageRank over the knowledge graph, exactly as the `experts` query.
    Graph,
    /// Documents scored by BM25, each author credited with their best documents.
    Bm25,
    /// Whoever wrote the most, whatever the question.
    Popularity,
}

#[derive(Debug, Clone, clap::Args)]
pub struct EvalArgs {
    /// Questions, one JSON object per line: {"id", "text", "asker_id"?}.
    #[arg(long)]
    pub queries: PathBuf,
    /// TREC qrels: `query_id 0 person_id relevance`.
    #[arg(long)]
    pub qrels: PathBuf,
    /// Rank at least this deep (recall is measured at 100 whatever this is).
    #[arg(long, default_value_t = 10)]
    pub k: usize,
    #[arg(long, value_enum, default_value_t = RankerKind::Graph)]
    pub ranker: RankerKind,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

struct Using<'a> {
    kind: RankerKind,
    ranking: &'a Ranking,
    config: &'a RankConfig,
    today: chrono::NaiveDate,
}

impl Ranker for Using<'_> {
    fn rank(&mut self, text: &str, asker: Option<&str>, k: usize) -> anyhow::Result<Vec<String>> {
        let g = &self.ranking.snapshot;
        let nodes: Vec<NodeId> = match self.kind {
            RankerKind::Graph => {
                let q = ExpertQuery {
                    reveal_unpublished: false,
                    text: text.to_string(),
                    asker: asker.map(str::to_string),
                    filter: ExpertFilter::default(),
                    first: k,
                    today: self.today,
                };
                rank::experts(g, &self.ranking.index, self.config, &q)
                    .into_iter()
                    .map(|e| e.node)
                    .collect()
            }
            RankerKind::Bm25 => baselines::bm25(g, &self.ranking.index, text, asker, k)?,
            RankerKind::Popularity => baselines::popularity(g, asker, k),
        };
        Ok(nodes
            .into_iter()
            .filter_map(|n| g.external_id(n).map(str::to_string))
            .collect())
    }
}

pub async fn run(config: Config, args: EvalArgs) -> anyhow::Result<ExitCode> {
    let queries = eval::read_queries(&args.queries)?;
    let qrels = eval::read_qrels(&args.qrels)?;
    let store = crate::store::open(&config.database_url, 4).await?;
    let (engine, _) = Engine::load(
        store.clone(),
        config.ranking.clone(),
        config.index_dir().as_deref(),
    )
    .await?;
    store.close().await;
    let ranking = engine.ranking();
    let kind = args.ranker;
    let k = args.k;
    let rank_config = config.ranking.clone();
    let report = tokio::task::spawn_blocking(move || {
        let mut ranker = Using {
            kind,
            ranking: &ranking,
            config: &rank_config,
            today: chrono::Utc::now().date_naive(),
        };
        eval::run(&queries, &qrels, &mut ranker, k)
    })
    .await??;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{}", report.table());
    }
    Ok(ExitCode::SUCCESS)
}
