use std::collections::{BTreeSet, HashSet};

use super::*;
use crate::demo::generate;
use crate::eval::Judgments;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 3, 15).expect("valid date")
}

/// The focus skill a query's judgments were made from: the one skill whose
/// returnable holders are exactly the judged people, graded 2 where it comes first.
fn judged_skill<'a>(org: &'a DemoOrg, judged: &Judgments) -> Option<&'a str> {
    let people: Vec<&PersonRecord> = org
        .people
        .iter()
        .filter(|p| judged.relevance(&p.id) > 0)
        .collect();
    let first = org.focus.get(&people.first()?.id)?;
    first.iter().map(String::as_str).find(|&skill| {
        let holders: BTreeSet<&str> = org
            .people
            .iter()
            .filter(|p| can_be_returned(p) && org.focus[&p.id].iter().any(|s| s == skill))
            .map(|p| p.id.as_str())
            .collect();
        let judged_ids: BTreeSet<&str> = judged.iter().map(|(p, _)| p).collect();
        holders == judged_ids
            && judged.iter().all(|(p, r)| {
                let strongest = org.focus[p].first().is_some_and(|s| s == skill);
                r == if strongest { 2 } else { 1 }
            })
    })
}

#[test]
fn queries_are_judged_from_the_ground_truth() {
    let org = generate(1, 300, today());
    let (queries, qrels) = evaluation(&org, 1);
    assert_eq!(queries.len(), 100);
    assert_eq!(qrels.len(), 100);
    let status: HashMap<&str, &str> = org
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.status.as_deref().unwrap_or("active")))
        .collect();
    let mut texts = HashSet::new();
    let mut without_name = 0;
    let mut with_asker = 0;
    let mut left_holders = 0;
    for (i, query) in queries.iter().enumerate() {
        assert_eq!(query.id, format!("q{}", i + 1));
        assert!(
            texts.insert(query.text.as_str()),
            "repeated {:?}",
            query.text
        );
        let judged = qrels.get(&query.id).expect("every query is judged");
        assert!(judged.relevant_count() >= 2, "{}", query.id);
        assert!(judged.iter().all(|(p, _)| status[p] != "left"));
        let skill = judged_skill(&org, judged)
            .unwrap_or_else(|| panic!("{}: judgments match no focus skill", query.id));
        left_holders += org
            .people
            .iter()
            .filter(|p| !can_be_returned(p) && org.focus[&p.id].iter().any(|s| s == skill))
            .count();
        if !query.text.to_lowercase().contains(&skill.to_lowercase()) {
            without_name += 1;
        }
        if let Some(asker) = &query.asker_id {
            with_asker += 1;
            assert_eq!(status[asker.as_str()], "active", "{}", query.id);
            assert_eq!(
                judged.relevance(asker),
                0,
                "{} asked by an expert",
                query.id
            );
        }
    }
    // Some people who know an asked skill have left, and are not judged.
    assert!(left_holders > 0);
    // A mix of phrasings: many questions do not contain the skill's name.
    assert!(
        (30..=80).contains(&without_name),
        "{without_name} without the name"
    );
    assert!(with_asker >= 80, "{with_asker} with an asker");
}

#[test]
fn the_number_of_queries_follows_the_size_of_the_organisation() {
    let count = |people: usize| evaluation(&generate(2, people, today()), 2).0.len();
    assert_eq!(count(0), 0);
    assert_eq!(count(60), 20);
    assert_eq!(count(300), 100);
    assert_eq!(count(2000), 500);
}

#[test]
fn same_seed_gives_the_same_set_and_another_seed_does_not() {
    let org = generate(9, 300, today());
    let a = evaluation(&org, 9);
    assert_eq!(a, evaluation(&org, 9));
    let b = evaluation(&org, 10);
    assert_ne!(a.0, b.0);
}
