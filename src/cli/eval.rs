//! `tacit eval`: scores a ranker against relevance judgments (FORMATS.md),
//! with a confidence interval, a row per community and a paired comparison.

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::config::Config;
use crate::eval::{self, EvalReport, RankerKind, Rankers, Scored, load, query_communities, stats};
use crate::rank::baselines;

#[derive(Debug, Clone, clap::Args)]
pub struct EvalArgs {
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
    /// Rank at least this deep (recall is measured at 100 whatever this is).
    #[arg(long, default_value_t = 10)]
    pub k: usize,
    #[arg(long, value_enum, default_value_t = RankerKind::Graph)]
    pub ranker: RankerKind,
    /// Also score each community's queries (a query belongs to the community
    /// of the people judged relevant for it).
    #[arg(long)]
    pub by_community: bool,
    /// Compare with this ranker on the same queries: MRR difference and a
    /// paired randomisation test.
    #[arg(long, value_enum)]
    pub compare: Option<RankerKind>,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct CommunityRow {
    community: String,
    #[serde(flatten)]
    report: EvalReport,
}

#[derive(Serialize)]
struct Comparison {
    ranker: RankerKind,
    mrr: f64,
    mrr_ci: [f64; 2],
    #[serde(flatten)]
    test: stats::Paired,
}

#[derive(Serialize)]
struct Output {
    #[serde(flatten)]
    report: EvalReport,
    ranker: RankerKind,
    /// `files`, or `feedback` (the organisation's own history).
    source: &'static str,
    judgments: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    by_community: Option<Vec<CommunityRow>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    compare: Option<Comparison>,
}

fn scored_subset(scored: &Scored, ids: &[&str]) -> Scored {
    Scored {
        results: scored
            .results
            .iter()
            .filter(|r| ids.contains(&r.id.as_str()))
            .cloned()
            .collect(),
        skipped: 0,
    }
}

pub async fn run(config: Config, args: EvalArgs) -> anyhow::Result<ExitCode> {
    let (queries, qrels, judgments) =
        eval::judged(&config, args.queries.as_deref(), args.qrels.as_deref()).await?;
    let (ranking, texts) = load(&config).await?;
    let rank_config = config.ranking.clone();
    let out = tokio::task::spawn_blocking(move || -> anyhow::Result<Output> {
        let needs_profiles =
            args.ranker == RankerKind::Profile || args.compare == Some(RankerKind::Profile);
        let profiles = if needs_profiles {
            Some(baselines::ProfileIndex::build(&ranking.snapshot, &texts)?)
        } else {
            None
        };
        let score = |kind: RankerKind| {
            let mut ranker = Rankers {
                kind,
                ranking: &ranking,
                config: &rank_config,
                profiles: profiles.as_ref(),
                now: chrono::Utc::now(),
            };
            eval::score_each(&queries, &qrels, &mut ranker, args.k)
        };
        let scored = score(args.ranker)?;
        let by_community = args.by_community.then(|| {
            let groups = query_communities(&ranking.snapshot, &queries, &qrels);
            let mut names: Vec<&String> = groups.iter().collect();
            names.sort();
            names.dedup();
            names
                .into_iter()
                .map(|name| {
                    let ids: Vec<&str> = queries
                        .iter()
                        .zip(&groups)
                        .filter(|(_, g)| *g == name)
                        .map(|(q, _)| q.id.as_str())
                        .collect();
                    CommunityRow {
                        community: name.clone(),
                        report: scored_subset(&scored, &ids).report(),
                    }
                })
                .filter(|row| row.report.queries > 0)
                .collect()
        });
        let compare = match args.compare {
            Some(other) => {
                let theirs = score(other)?;
                let mine = scored.reciprocal_ranks();
                let theirs_rr = theirs.reciprocal_ranks();
                let (a, b): (Vec<f64>, Vec<f64>) = scored
                    .results
                    .iter()
                    .filter_map(|r| Some((mine[r.id.as_str()], *theirs_rr.get(r.id.as_str())?)))
                    .unzip();
                let report = theirs.report();
                Some(Comparison {
                    ranker: other,
                    mrr: report.mrr,
                    mrr_ci: report.mrr_ci,
                    test: stats::paired_test(&a, &b),
                })
            }
            None => None,
        };
        Ok(Output {
            report: scored.report(),
            ranker: args.ranker,
            source: if args.feedback { "feedback" } else { "files" },
            judgments,
            by_community,
            compare,
        })
    })
    .await??;
    if args.json {
        println!("{}", serde_json::to_string(&out)?);
    } else {
        if args.feedback {
            println!(
                "the organisation's feedback: {} questions with {} judgments (accepted answer 2, other answers 1, \"not me\" 0)\n",
                out.report.queries + out.report.skipped,
                out.judgments
            );
        }
        print!("{}", out.report.table());
        if let Some(rows) = &out.by_community {
            println!(
                "\n{:<32} {:>7} {:>7} {:>15} {:>7} {:>9}",
                "community", "queries", "MRR", "95% CI", "P@1", "nDCG@10"
            );
            for r in rows {
                let m = &r.report;
                println!(
                    "{:<32} {:>7} {:>7.3} {:>7.3}–{:<7.3} {:>7.3} {:>9.3}",
                    r.community, m.queries, m.mrr, m.mrr_ci[0], m.mrr_ci[1], m.p_at_1, m.ndcg_at_10
                );
            }
        }
        if let Some(c) = &out.compare {
            println!(
                "\ncompared with {:?}: MRR {:.4} (95% CI {:.3}–{:.3}); difference {:+.4} (95% CI {:+.3} to {:+.3}) over {} queries, paired randomisation p = {:.4}",
                c.ranker,
                c.mrr,
                c.mrr_ci[0],
                c.mrr_ci[1],
                c.test.difference,
                c.test.difference_ci[0],
                c.test.difference_ci[1],
                c.test.queries,
                c.test.p_value
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
