use std::collections::HashMap;

use super::*;

/// Answers from a fixed table by query text, and records what it was asked.
#[derive(Default)]
struct Canned {
    answers: HashMap<&'static str, Vec<&'static str>>,
    calls: Vec<(String, Option<String>, usize)>,
}

impl Ranker for Canned {
    fn rank(
        &mut self,
        text: &str,
        asker_id: Option<&str>,
        k: usize,
    ) -> anyhow::Result<Vec<String>> {
        self.calls
            .push((text.to_owned(), asker_id.map(str::to_owned), k));
        match self.answers.get(text) {
            Some(people) => Ok(people.iter().map(|p| (*p).to_owned()).collect()),
            None => anyhow::bail!("no answer for {text:?}"),
        }
    }
}

fn query(id: &str, text: &str, asker: Option<&str>) -> EvalQuery {
    EvalQuery {
        id: id.into(),
        text: text.into(),
        asker_id: asker.map(str::to_owned),
    }
}

/// Four queries: two scored, one judged with no relevant person, one not judged.
fn fixture() -> (Vec<EvalQuery>, Qrels, Canned) {
    let queries = vec![
        query("q1", "gdpr", Some("e9")),
        query("q2", "cloud", None),
        query("q3", "nothing relevant", Some("e9")),
        query("q4", "not judged", None),
    ];
    let mut qrels = Qrels::default();
    // q1: e1 highly relevant, e2 relevant
    qrels.insert("q1", "e1", 2);
    qrels.insert("q1", "e2", 1);
    // q2: e3 relevant, e4 judged not relevant
    qrels.insert("q2", "e3", 1);
    qrels.insert("q2", "e4", 0);
    // q3: nobody relevant
    qrels.insert("q3", "e5", 0);
    let mut ranker = Canned::default();
    ranker.answers.insert("gdpr", vec!["e1", "e2"]);
    ranker.answers.insert("cloud", vec!["e4", "e5", "e3"]);
    (queries, qrels, ranker)
}

#[test]
fn averages_over_scored_queries_and_skips_the_rest_without_ranking_them() {
    let (queries, qrels, mut ranker) = fixture();
    let report = run(&queries, &qrels, &mut ranker, 10).expect("evaluated");
    assert_eq!(report.queries, 2);
    assert_eq!(report.skipped, 2);
    // q1 is perfect: RR 1, P@1 1, nDCG 1, recall 1.
    // q2 finds e3 at rank 3: RR 1/3, P@1 0, recall 1,
    //   nDCG = (1/log2(4)) / (1/log2(2)) = 0.5.
    let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-9, "expected {b}, got {a}");
    close(report.mrr, (1.0 + 1.0 / 3.0) / 2.0);
    close(report.p_at_1, 0.5);
    close(report.ndcg_at_10, (1.0 + 0.5) / 2.0);
    close(report.recall_at_100, 1.0);
    // Two timed calls: the nearest-rank p99 is the slower one.
    assert!(report.p99_ms >= report.mean_ms && report.mean_ms >= 0.0);
    // Only the scored queries reach the ranker, asked for 100 people even for k = 10,
    // with the asker passed through.
    assert_eq!(
        ranker.calls,
        [
            ("gdpr".to_owned(), Some("e9".to_owned()), 100),
            ("cloud".to_owned(), None, 100),
        ]
    );
}

#[test]
fn a_k_above_100_deepens_the_ranking() {
    let (queries, qrels, mut ranker) = fixture();
    run(&queries, &qrels, &mut ranker, 250).expect("evaluated");
    assert!(ranker.calls.iter().all(|(_, _, k)| *k == 250));
}

#[test]
fn ranker_errors_name_the_query_and_repeats_are_refused() {
    let (queries, qrels, mut ranker) = fixture();
    ranker.answers.remove("cloud");
    let err = run(&queries, &qrels, &mut ranker, 10).expect_err("no answer for q2");
    assert_eq!(err.to_string(), "ranking query \"q2\"");
    assert!(format!("{err:#}").contains("no answer for \"cloud\""));

    let (queries, qrels, mut ranker) = fixture();
    ranker.answers.insert("gdpr", vec!["e1", "e2", "e1"]);
    let err = run(&queries, &qrels, &mut ranker, 10).expect_err("e1 twice");
    assert_eq!(
        err.to_string(),
        "the ranker listed person \"e1\" twice for query \"q1\""
    );
}

#[test]
fn nothing_to_score_gives_zeros_not_nan() {
    let (queries, _, mut ranker) = fixture();
    let report = run(&queries, &Qrels::default(), &mut ranker, 10).expect("evaluated");
    assert_eq!(report.queries, 0);
    assert_eq!(report.skipped, 4);
    assert_eq!(report.mrr, 0.0);
    assert_eq!(report.p99_ms, 0.0);
    assert!(ranker.calls.is_empty());
}

#[test]
fn the_json_form_keeps_the_documented_fields_and_adds_the_interval() {
    let report = EvalReport {
        queries: 480,
        skipped: 20,
        mrr: 0.41,
        p_at_1: 0.3,
        ndcg_at_10: 0.38,
        recall_at_100: 0.72,
        mean_ms: 1.9,
        p99_ms: 6.4,
        mrr_ci: [0.36, 0.46],
    };
    let json = serde_json::to_value(&report).expect("serialises");
    let mut expected: serde_json::Value = serde_json::from_str(
        r#"{"queries": 480, "skipped": 20, "mrr": 0.41, "p_at_1": 0.30, "ndcg_at_10": 0.38,
            "recall_at_100": 0.72, "mean_ms": 1.9, "p99_ms": 6.4}"#,
    )
    .expect("the example in FORMATS.md");
    expected["mrr_ci"] = serde_json::json!([0.36, 0.46]);
    assert_eq!(json, expected);
    let table = report.table();
    assert!(table.contains("queries scored   480\n"), "{table}");
    assert!(table.contains("nDCG@10          0.3800\n"), "{table}");
    assert!(
        table.contains("MRR              0.4100 (95% CI 0.360–0.460)"),
        "{table}"
    );
    assert!(table.contains("1.90 ms mean, 6.40 ms p99"), "{table}");
}
