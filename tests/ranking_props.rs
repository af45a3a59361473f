//! Property tests of the ranking invariants, on an organisation stored in each
//! backend: whatever the question, asker and filters, nobody who left or opted
//! out is returned, nor the asker; scores are finite, non-negative and sorted;
//! the same question gives the same answer; every explanation path is in the graph.

#![allow(clippy::unwrap_used)] // property closures outside #[test] fns

mod common;

use common::TestApp;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::json;
use tacit::graph::{NodeKind, Snapshot};
use tacit::rank::{self, ExpertFilter, ExpertQuery};

const WORDS: &[&str] = &[
    "records",
    "retention",
    "cloud",
    "procurement",
    "security",
    "data",
    "python",
    "GDPR",
    "how",
    "do",
    "I",
    "the",
    "schedule",
    "migration",
    "tender",
    "incident",
    "machine",
    "learning",
    "risk",
    "policy",
    "zzz",
    "ünïcödé",
    "C++",
    "AND",
    "\"quoted\"",
    "-",
    "*",
];

fn question() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..7).prop_map(|w| w.join(" "))
}

fn check(g: &Snapshot, found: &[rank::Expert], asker: Option<&str>) -> Result<(), TestCaseError> {
    for e in found {
        prop_assert!(g.is_contact(e.node), "{} is not a contact", e.person_id);
        prop_assert!(
            Some(e.person_id.as_str()) != asker,
            "the asker was returned"
        );
        prop_assert!(
            e.score.is_finite() && (e.score > 0.0 || e.name_match),
            "score {}",
            e.score
        );
        for r in &e.reasons {
            prop_assert_eq!(r.path.nodes.len(), r.path.edges.len() + 1);
            prop_assert_eq!(r.path.nodes.last().copied(), Some(e.node));
            for (i, kind) in r.path.edges.iter().enumerate() {
                let edge = g.csr.edge(r.path.nodes[i], r.path.nodes[i + 1]);
                prop_assert_eq!(
                    edge.map(|x| x.1),
                    Some(*kind),
                    "path step {} of {:?}",
                    i,
                    r.path
                );
            }
        }
    }
    // Anyone the question names comes first; the rest by score.
    let first_other = found
        .iter()
        .position(|e| !e.name_match)
        .unwrap_or(found.len());
    prop_assert!(found[first_other..].iter().all(|e| !e.name_match));
    prop_assert!(
        found[first_other..]
            .windows(2)
            .all(|w| w[0].score >= w[1].score),
        "sorted by score"
    );
    Ok(())
}

on_both_backends!(
    ranking_invariants_hold_for_any_question,
    |app: TestApp| async move {
        app.load_demo(11, 150).await;
        // Some people opt out; the demo already has leavers.
        for id in ["e00003", "e00010", "e00042", "e00077"] {
            let q = format!(
                r#"mutation {{ updatePerson(input: {{ id: "{id}", discoverable: false }}) {{ person {{ id }} }} }}"#
            );
            app.data(&q, json!({})).await;
        }
        let ranking = app.engine.ranking();
        let g = &ranking.snapshot;
        let left = g
            .node_ids()
            .filter(|&n| {
                g.person(n)
                    .is_some_and(|p| p.status == tacit::domain::PersonStatus::Left)
            })
            .count();
        assert!(left > 0, "the fixture has leavers");
        assert!(!g.is_contact(g.node(NodeKind::Person, "e00003").unwrap()));

        let config = app.engine.config().clone();
        let people: Vec<String> = (1..=150).map(|i| format!("e{i:05}")).collect();
        let strategy = (
            question(),
            prop::option::of(prop::sample::select(people)),
            1usize..40,
            prop::option::of(prop::sample::select(vec!["GB", "HK", "AU"])),
        );
        let mut runner = TestRunner::new(Config {
            cases: 64,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&strategy, |(text, asker, first, country)| {
                let q = ExpertQuery {
                    reveal_unpublished: false,
                    text,
                    asker: asker.clone(),
                    filter: ExpertFilter {
                        countries: country.map(|c| vec![c.to_string()]).unwrap_or_default(),
                        ..ExpertFilter::default()
                    },
                    first,
                    now: chrono::DateTime::from_timestamp(1_795_867_200, 0).unwrap(),
                };
                let found = rank::experts(g, &ranking.index, &config, &q).experts;
                prop_assert!(found.len() <= first);
                check(g, &found, asker.as_deref())?;
                if let Some(c) = country {
                    for e in &found {
                        prop_assert_eq!(g.person(e.node).and_then(|p| p.country()), Some(c));
                    }
                }
                let again = rank::experts(g, &ranking.index, &config, &q).experts;
                prop_assert_eq!(found, again, "deterministic");
                Ok(())
            })
            .unwrap();
    }
);
