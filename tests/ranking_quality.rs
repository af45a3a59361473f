//! A quality floor for the ranking on real data: the five Stack Exchange sites
//! of `../shared/data/se-dev5/` (read in place, never copied), imported into
//! SQLite, scored as `tacit eval` scores them. The shipped `[ranking]`
//! defaults must keep their MRR and beat every reference ranker. A check of
//! correctness, not of speed: nothing here is timed.

#![allow(clippy::unwrap_used)] // failing loudly is the point

use std::path::PathBuf;

use tacit::eval::{self, RankerKind, Rankers};
use tacit::rank::{Engine, RankConfig, baselines};

/// The shipped defaults' MRR on all 193 queries (0.482, docs/ranking.md) less 0.02.
const GRAPH_FLOOR: f64 = 0.46;

fn dev5() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/se-dev5");
    if dir.join("qrels.txt").exists() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true and the real-data set is missing at {}",
        dir.display()
    );
    eprintln!(
        "SKIPPED: no real-data set at {}; the ranking quality floor was not checked",
        dir.display()
    );
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_graph_ranker_holds_its_floor_and_beats_every_reference_on_real_data() {
    let Some(dir) = dev5() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", tmp.path().join("dev5.db").display());
    let store = tacit::store::open(&url, 4, None).await.unwrap();
    let files: Vec<_> = ["communities.jsonl", "people.jsonl", "evidence.jsonl"]
        .iter()
        .map(|f| {
            let path = dir.join(f);
            let kind = tacit::import::kind_of(&path).unwrap();
            (path, kind)
        })
        .collect();
    let report = tacit::import::import_files(
        &store,
        &files,
        true,
        chrono::Utc::now(),
        &tacit::import::Quiet,
    )
    .await
    .unwrap();
    assert!(
        report.rejected.is_empty() && report.committed,
        "the set imports cleanly"
    );
    let config = RankConfig::default();
    let (engine, _) = Engine::load(store.clone(), config.clone(), None)
        .await
        .unwrap();
    let texts = store.evidence_texts().await.unwrap();
    let queries = eval::read_queries(&dir.join("queries.jsonl")).unwrap();
    let qrels = eval::read_qrels(&dir.join("qrels.txt")).unwrap();
    let ranking = engine.ranking();
    let scores = tokio::task::spawn_blocking(move || {
        let profiles = baselines::ProfileIndex::build(&ranking.snapshot, &texts).unwrap();
        [
            RankerKind::Graph,
            RankerKind::Model2,
            RankerKind::Profile,
            RankerKind::Tags,
            RankerKind::Bm25,
            RankerKind::Popularity,
        ]
        .map(|kind| {
            let mut ranker = Rankers {
                kind,
                ranking: &ranking,
                config: &config,
                profiles: Some(&profiles),
                now: chrono::Utc::now(),
            };
            let scored = eval::score_each(&queries, &qrels, &mut ranker, 10).unwrap();
            (kind, scored)
        })
    })
    .await
    .unwrap();
    let graph = &scores[0].1;
    let report = graph.report();
    assert_eq!(report.queries, 193);
    eprintln!("graph MRR {:.4} {:?}", report.mrr, report.mrr_ci);
    assert!(
        report.mrr >= GRAPH_FLOOR,
        "graph MRR {:.4} fell below its floor {GRAPH_FLOOR}",
        report.mrr
    );
    let mine: Vec<f64> = graph
        .results
        .iter()
        .map(|r| r.scores.reciprocal_rank)
        .collect();
    for (kind, other) in &scores[1..] {
        let theirs: Vec<f64> = other
            .results
            .iter()
            .map(|r| r.scores.reciprocal_rank)
            .collect();
        // A baseline that finds nobody is broken, not beaten (the profile
        // ranker once searched a field its index does not fill).
        assert!(
            other.report().mrr > 0.1,
            "{kind:?} MRR {:.4}: a baseline should find someone",
            other.report().mrr
        );
        let test = eval::stats::paired_test(&mine, &theirs);
        eprintln!(
            "{kind:?}: MRR {:.4}, graph ahead by {:+.4}, p = {:.4}",
            other.report().mrr,
            test.difference,
            test.p_value
        );
        assert!(
            test.difference > 0.0 && test.p_value < 0.05,
            "graph ({:.4}) is not clearly above {kind:?} ({:.4}): p = {:.4}",
            report.mrr,
            other.report().mrr,
            test.p_value
        );
    }
    drop(engine);
    store.close().await;
}
