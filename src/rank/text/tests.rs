//! The text index: analysis, search, updates and keeping it on disk.

use super::*;

fn doc(id: &str, kind: NodeKind, name: &str, body: &str) -> TextDoc {
    TextDoc {
        kind,
        id: id.to_string(),
        names: vec![name.to_string()],
        body: body.to_string(),
    }
}

fn ids(hits: Vec<(String, f32)>) -> Vec<String> {
    hits.into_iter().map(|h| h.0).collect()
}

#[test]
fn stems_folds_and_ranks_by_kind() {
    let index = TextIndex::new().unwrap();
    index
        .update(
            &[
                doc(
                    "s1",
                    NodeKind::Skill,
                    "Records retention",
                    "Keeping records for as long as the law says.",
                ),
                doc(
                    "s2",
                    NodeKind::Skill,
                    "Cloud technologies",
                    "Running services in public clouds.",
                ),
                doc(
                    "d3",
                    NodeKind::Evidence,
                    "Retention schedule for HR records",
                    "How long we keep personnel files.",
                ),
                doc("c4", NodeKind::Community, "Café Society", "Coffee lovers."),
            ],
            &[],
            false,
            1,
        )
        .unwrap();
    let terms = index.terms("How long must we RETAIN the records?");
    assert!(terms.contains(&"record".to_string()), "{terms:?}");
    assert!(
        !terms.contains(&"the".to_string()),
        "stop words go: {terms:?}"
    );
    assert_eq!(
        ids(index.search(&terms, NodeKind::Skill, 10).unwrap()),
        vec!["s1"]
    );
    assert_eq!(
        ids(index.search(&terms, NodeKind::Evidence, 10).unwrap()),
        vec!["d3"]
    );
    let cafe = index
        .search(&index.terms("cafe"), NodeKind::Community, 10)
        .unwrap();
    assert_eq!(ids(cafe), vec!["c4"], "accents fold");
    assert!(index.search(&[], NodeKind::Skill, 10).unwrap().is_empty());
}

#[test]
fn edit_distance_counts_swaps_as_one() {
    assert_eq!(edit_distance("recrod", "record"), 1);
    assert_eq!(edit_distance("kuberneti", "kubernet"), 1);
    assert_eq!(edit_distance("shedul", "schedul"), 1);
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(edit_distance("same", "same"), 0);
    assert_eq!(edit_distance("كتاب", "كتب"), 1);
}

#[test]
fn questions_drop_question_words_and_misspellings_find_skill_words() {
    let index = TextIndex::new().unwrap();
    index
        .update(
            &[
                doc("s1", NodeKind::Skill, "Kubernetes", ""),
                doc("s2", NodeKind::Skill, "Records retention", ""),
            ],
            &[],
            false,
            1,
        )
        .unwrap();
    assert_eq!(
        index.question_terms("Who knows about Kubernetes? Anyone?"),
        vec!["kubernet"]
    );
    assert_eq!(
        index.question_terms("is there someone to help with"),
        Vec::<String>::new()
    );
    let wrong = index.question_terms("kubernetis");
    assert_eq!(
        index.closest_skill_word(&wrong[0], 1),
        Some(("kubernet".to_string(), "kubernetes".to_string()))
    );
    let wrong = index.question_terms("recrods");
    assert_eq!(
        index.closest_skill_word(&wrong[0], 1).map(|w| w.1),
        Some("records".to_string())
    );
    assert_eq!(index.closest_skill_word("zzzzzz", 2), None);
    let mixed = index.question_terms("Kubernetes e la conservazione dei dati، الاحتفاظ بالسجلات");
    assert!(mixed.contains(&"kubernet".to_string()), "{mixed:?}");
    assert!(
        mixed.iter().any(|t| t.contains('ا')),
        "Arabic words stay: {mixed:?}"
    );
}

#[test]
fn updates_replace_and_remove() {
    let index = TextIndex::new().unwrap();
    index
        .update(
            &[doc("s1", NodeKind::Skill, "Procurement", "Buying things")],
            &[],
            false,
            1,
        )
        .unwrap();
    index
        .update(
            &[doc("s1", NodeKind::Skill, "Tendering", "Buying things")],
            &[],
            false,
            2,
        )
        .unwrap();
    let terms = index.terms("procurement");
    assert!(index.search(&terms, NodeKind::Skill, 5).unwrap().is_empty());
    assert_eq!(index.num_docs(), 1);
    let query: HashSet<&str> = ["tender"].into_iter().collect();
    assert!(index.named_as("s1", &query).is_some());
    index
        .update(&[], &[(NodeKind::Skill, "s1".to_string())], false, 3)
        .unwrap();
    assert_eq!(index.num_docs(), 0);
    assert!(index.named_as("s1", &query).is_none());
    assert_eq!(index.coverage(), Some(Coverage { seq: 3 }));
}

#[test]
fn an_index_on_disk_survives_a_restart_and_a_foreign_one_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("text");
    {
        let index = TextIndex::open(&path).unwrap();
        assert_eq!(index.coverage(), None);
        index
            .update(
                &[doc(
                    "d1",
                    NodeKind::Evidence,
                    "Tender evaluation",
                    "Scoring bids",
                )],
                &[],
                true,
                42,
            )
            .unwrap();
    }
    let index = TextIndex::open(&path).unwrap();
    assert_eq!(index.coverage(), Some(Coverage { seq: 42 }));
    assert_eq!(
        ids(index
            .search(&index.terms("bids"), NodeKind::Evidence, 5)
            .unwrap()),
        vec!["d1"]
    );
    drop(index);
    std::fs::write(path.join("meta.json"), "not json").unwrap();
    let index = TextIndex::open(&path).unwrap();
    assert_eq!(index.coverage(), None, "an unreadable index starts again");
    assert_eq!(index.num_docs(), 0);
}
