//! `tacit tune`: learns the `[ranking]` settings from an organisation's own
//! judgments by cross-validation, prints each fold's held-out score, and
//! writes the settings tuned on every query as TOML.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::config::Config;
use crate::eval::tune::{self, Folds};
use crate::eval::{self, RankerKind, Rankers, knobs, load, metrics, query_communities};
use crate::rank::{self, RankConfig, question::Question};

#[derive(Debug, Clone, clap::Args)]
pub struct TuneArgs {
    /// Questions, one JSON object per line: {"id", "text", "asker_id"?}.
    #[arg(long, required_unless_present = "feedback", requires = "qrels")]
    pub queries: Option<PathBuf>,
    /// TREC qrels: `query_id 0 person_id relevance`.
    #[arg(long, required_unless_present = "feedback", requires = "queries")]
    pub qrels: Option<PathBuf>,
    /// Judge on the organisation's own history instead of files: questions
    /// asked of the network, their accepted answers (2), other answers (1)
    /// and "not me" (0).
    #[arg(long, conflicts_with_all = ["queries", "qrels"])]
    pub feedback: bool,
    /// `community` (leave one community out at a time) or a number of folds.
    #[arg(long, default_value = "community")]
    pub folds: Folds,
    /// Passes of coordinate ascent over the settings.
    #[arg(long, default_value_t = 2)]
    pub passes: usize,
    /// Smallest MRR gain for which a setting moves (guards against fitting noise).
    #[arg(long, default_value_t = 0.003)]
    pub min_gain: f64,
    /// Where to write the tuned `[ranking]` settings.
    #[arg(long, default_value = "tacit-tuned.toml")]
    pub out: PathBuf,
}

/// What a question's reading depends on among the tuned settings.
type ReadKey = (usize, usize);

fn read_key(c: &RankConfig) -> ReadKey {
    (
        c.fusion.query_terms,
        c.fusion.documents_read.max(c.seeds.max_evidence),
    )
}

#[derive(serde::Serialize)]
struct TunedFile<'a> {
    ranking: &'a RankConfig,
}

pub async fn run(config: Config, args: TuneArgs) -> anyhow::Result<ExitCode> {
    let (queries, qrels, _) =
        eval::judged(&config, args.queries.as_deref(), args.qrels.as_deref()).await?;
    let (ranking, _) = load(&config).await?;
    let start = config.ranking.clone();
    let (tuned, lines) =
        tokio::task::spawn_blocking(move || -> anyhow::Result<(RankConfig, Vec<String>)> {
            let judged: Vec<&eval::EvalQuery> = queries
                .iter()
                .filter(|q| qrels.get(&q.id).is_some_and(|j| j.has_relevant()))
                .collect();
            anyhow::ensure!(!judged.is_empty(), "no query has a relevant person");
            let owned: Vec<eval::EvalQuery> = judged.iter().map(|q| (*q).clone()).collect();
            let groups = query_communities(&ranking.snapshot, &owned, &qrels);
            let g = &ranking.snapshot;
            let now = chrono::Utc::now();
            let mut read: HashMap<ReadKey, Vec<Question>> = HashMap::new();
            let mut rr = |c: &RankConfig, i: usize| -> f64 {
                let questions = read.entry(read_key(c)).or_insert_with(|| {
                    owned
                        .iter()
                        .map(|q| rank::question::read(g, &ranking.index, c, &q.text))
                        .collect()
                });
                let using = Rankers {
                    kind: RankerKind::Graph,
                    ranking: &ranking,
                    config: c,
                    profiles: None,
                    now,
                };
                let q = &owned[i];
                let ranked: Vec<String> = rank::rank_question(
                    g,
                    c,
                    &questions[i],
                    &using.query(&q.text, q.asker_id.as_deref(), metrics::RECALL_DEPTH),
                )
                .into_iter()
                .filter_map(|r| g.external_id(r.0).map(str::to_string))
                .collect();
                qrels
                    .get(&q.id)
                    .map_or(0.0, |j| metrics::reciprocal_rank(&ranked, j))
            };
            let knobs = knobs::knobs();
            let mut lines = Vec::new();
            let mut held_out = Vec::new();
            let folds = tune::split(&groups, &args.folds);
        anyhow::ensure!(
            folds.len() >= 2,
            "cross-validation needs at least two folds; these judgments make {} (with --folds community, every query's relevant people are in one community: use --folds N)",
            folds.len()
        );
            for (name, held) in &folds {
                let train: Vec<usize> = (0..owned.len()).filter(|i| !held.contains(i)).collect();
                if train.is_empty() {
                    continue;
                }
                let (best, train_mrr) =
                    tune::coordinate_ascent(&start, &knobs, args.passes, args.min_gain, |c| {
                        metrics::mean(&train.iter().map(|&i| rr(c, i)).collect::<Vec<_>>())
                    });
                let scores: Vec<f64> = held.iter().map(|&i| rr(&best, i)).collect();
                let before: Vec<f64> = held.iter().map(|&i| rr(&start, i)).collect();
                lines.push(format!(
                    "{name:<32} {:>7} {:>11.4} {:>13.4} {:>13.4}",
                    held.len(),
                    train_mrr,
                    metrics::mean(&before),
                    metrics::mean(&scores)
                ));
                eprintln!("tune: held out {name}: done");
                held_out.extend(scores);
            }
            let ci = eval::stats::mean_ci(&held_out);
            lines.push(format!(
                "held out, pooled over {} queries: MRR {:.4} (95% CI {:.3}–{:.3})",
                held_out.len(),
                metrics::mean(&held_out),
                ci[0],
                ci[1]
            ));
            let all: Vec<usize> = (0..owned.len()).collect();
            let (tuned, all_mrr) =
                tune::coordinate_ascent(&start, &knobs, args.passes, args.min_gain, |c| {
                    metrics::mean(&all.iter().map(|&i| rr(c, i)).collect::<Vec<_>>())
                });
            lines.push(format!(
                "tuned on every query: MRR {all_mrr:.4} (not a held-out figure)"
            ));
            for k in &knobs {
                lines.push(format!("  {:<24} {}", k.name, (k.get)(&tuned)));
            }
            Ok((tuned, lines))
        })
        .await??;
    println!(
        "{:<32} {:>7} {:>11} {:>13} {:>13}",
        "fold (held out)", "queries", "train MRR", "MRR before", "MRR held out"
    );
    for l in &lines {
        println!("{l}");
    }
    let toml = toml::to_string(&TunedFile { ranking: &tuned })?;
    std::fs::write(
        &args.out,
        format!("# Written by `tacit tune`; use with --config.\n{toml}"),
    )?;
    println!("wrote {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
