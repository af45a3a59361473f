//! Expert search end to end over HTTP, on both backends: ranking, explanations,
//! filters, and the graph kept up to date write by write.

#![allow(clippy::unwrap_used)] // helpers outside #[test] fns, failing loudly is the point

mod common;

use std::collections::HashSet;

use common::TestApp;
use serde_json::{Value, json};
use tacit::graph::{GraphModel, NodeKind};

const EXPERTS: &str = r#"
query($q: String!, $first: Int = 10, $filter: ExpertFilter, $asker: ID) {
  experts(query: $q, first: $first, filter: $filter, asker: $asker) {
    score explanation overlapHours localTime timezone
    office { name }
    person { externalId name country discoverable status }
    matchedSkills { name }
    paths { text count edges nodes { id kind label } }
  }
}"#;

async fn experts(app: &TestApp, q: &str, vars: Value) -> Vec<Value> {
    let mut v = json!({ "q": q, "first": 10 });
    if let (Some(v), Some(extra)) = (v.as_object_mut(), vars.as_object()) {
        v.extend(extra.clone());
    }
    let data = app.data(EXPERTS, v).await;
    data["experts"].as_array().cloned().unwrap_or_default()
}

fn ids(found: &[Value]) -> Vec<String> {
    found
        .iter()
        .map(|e| {
            e["person"]["externalId"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

/// The graph node a global id names.
fn graph_node(g: &tacit::graph::Snapshot, id: &str) -> tacit::graph::NodeId {
    use tacit::api::graphql::ids::{Kind, decode_any};
    let (kind, ext) = decode_any(id).unwrap();
    let kind = match kind {
        Kind::Person => NodeKind::Person,
        Kind::Skill => NodeKind::Skill,
        Kind::Community => NodeKind::Community,
        Kind::Interview => NodeKind::Interview,
        _ => NodeKind::Evidence,
    };
    g.node(kind, &ext).expect("node is in the graph")
}

/// `HAS_SKILL` for `EdgeKind::HasSkill`: the GraphQL spelling of an edge kind.
fn screaming(kind: tacit::graph::EdgeKind) -> String {
    format!("{kind:?}")
        .chars()
        .enumerate()
        .flat_map(|(j, c)| {
            let sep = (j > 0 && c.is_uppercase()).then_some('_');
            sep.into_iter().chain(c.to_uppercase())
        })
        .collect()
}

/// Every step of every explanation path is an edge of the kind it claims.
async fn assert_paths_exist(app: &TestApp, found: &[Value]) {
    let ranking = app.engine.ranking();
    let g = &ranking.snapshot;
    for e in found {
        for path in e["paths"].as_array().unwrap() {
            let nodes: Vec<_> = path["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| graph_node(g, n["id"].as_str().unwrap()))
                .collect();
            let edges = path["edges"].as_array().unwrap();
            assert_eq!(edges.len() + 1, nodes.len(), "{path:#}");
            assert_eq!(
                nodes.last().copied(),
                g.node(
                    NodeKind::Person,
                    e["person"]["externalId"].as_str().unwrap()
                ),
                "a path ends at the person"
            );
            for (i, edge) in edges.iter().enumerate() {
                let (_, kind) = g.csr.edge(nodes[i], nodes[i + 1]).expect("edge exists");
                assert_eq!(edge.as_str(), Some(screaming(kind).as_str()), "{path:#}");
            }
        }
    }
}

on_both_backends!(
    experts_on_the_demo_are_sensible_and_explained,
    |app: TestApp| async move {
        app.load_demo(42, 300).await;
        let found = experts(&app, "retention schedule for HR records", json!({})).await;
        assert!(found.len() >= 5, "{found:#?}");
        let offices: HashSet<_> = found
            .iter()
            .map(|e| e["office"]["name"].to_string())
            .collect();
        assert!(
            offices.len() >= 2,
            "people from several offices: {offices:?}"
        );
        let scores: Vec<f64> = found.iter().map(|e| e["score"].as_f64().unwrap()).collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "sorted: {scores:?}"
        );
        assert!(scores.iter().all(|s| s.is_finite() && *s > 0.0));
        for e in &found {
            let text = e["explanation"].as_str().unwrap();
            assert!(!text.is_empty(), "{e:#}");
            assert!(
                e["paths"]
                    .as_array()
                    .is_some_and(|p| (1..=3).contains(&p.len()))
            );
            assert_eq!(e["person"]["discoverable"], true);
            assert_ne!(e["person"]["status"], "LEFT");
            assert!(e["localTime"].as_str().is_some_and(|t| t.len() == 5));
        }
        // The top answers are about records, not about something else that shares a word.
        let top = found[0]["explanation"].as_str().unwrap().to_lowercase();
        assert!(top.contains("record") || top.contains("retention"), "{top}");
        assert_paths_exist(&app, &found).await;

        // The same question gives the same answer.
        assert_eq!(
            ids(&found),
            ids(&experts(&app, "retention schedule for HR records", json!({})).await)
        );

        // The asker is never returned.
        let first = ids(&found)[0].clone();
        let without = experts(
            &app,
            "retention schedule for HR records",
            json!({ "asker": first }),
        )
        .await;
        assert!(!ids(&without).contains(&first));

        // Filters only remove people; the scores of those left do not change.
        let gb = experts(
            &app,
            "retention schedule for HR records",
            json!({ "first": 100, "filter": { "countries": ["GB"] } }),
        )
        .await;
        assert!(!gb.is_empty() && gb.iter().all(|e| e["person"]["country"] == "GB"));
        let all = experts(
            &app,
            "retention schedule for HR records",
            json!({ "first": 100 }),
        )
        .await;
        for e in &gb {
            let same = all
                .iter()
                .find(|a| a["person"]["externalId"] == e["person"]["externalId"]);
            if let Some(a) = same {
                assert_eq!(a["score"], e["score"]);
            }
        }
        // Working hours: nobody in Sydney overlaps London's day in November.
        let near = experts(
            &app,
            "retention schedule for HR records",
            json!({ "first": 100, "filter": { "minOverlapHours": 4, "timezone": "Europe/London" } }),
        )
        .await;
        assert!(!near.is_empty());
        assert!(
            near.iter()
                .all(|e| e["overlapHours"].as_f64().unwrap() >= 4.0)
        );
        assert!(near.iter().all(|e| e["timezone"] != "Australia/Sydney"));

        // Bad input is a clear error, not a crash.
        for (q, vars) in [
            ("   ", json!({})),
            ("x", json!({ "first": 0 })),
            ("x", json!({ "first": 0 })),
            ("x", json!({ "filter": { "timezone": "Mars/Olympus" } })),
            (
                "x",
                json!({ "filter": { "minOverlapHours": 25, "timezone": "Europe/London" } }),
            ),
            ("x", json!({ "filter": { "minOverlapHours": 2 } })),
        ] {
            let mut v = json!({ "q": q });
            v.as_object_mut()
                .unwrap()
                .extend(vars.as_object().unwrap().clone());
            assert_eq!(app.error_code(EXPERTS, v).await, "BAD_USER_INPUT", "{q:?}");
        }
        // A page too large to be worth ranking is refused by its cost, before it runs.
        {
            let v = json!({ "q": "x", "first": 1000 });
            assert_eq!(app.error_code(EXPERTS, v).await, "TOO_COSTLY");
        }
        let long = "records ".repeat(100);
        assert_eq!(
            app.error_code(EXPERTS, json!({ "q": long })).await,
            "BAD_USER_INPUT"
        );
        // Nothing matches: an empty list.
        assert!(experts(&app, "zzqxv", json!({})).await.is_empty());

        // Related skills come from the graph.
        let skill = app
            .data(r#"{ skill(name: "Records retention") { id } }"#, json!({}))
            .await;
        let id = skill["skill"]["id"].as_str().unwrap().to_string();
        let related = app
            .data(
                "query($id: ID!) { relatedSkills(skill: $id, first: 5) { score skill { name } } }",
                json!({ "id": id }),
            )
            .await;
        let related = related["relatedSkills"].as_array().unwrap();
        assert_eq!(related.len(), 5);
        assert!(
            related
                .iter()
                .all(|r| r["skill"]["name"] != "Records retention")
        );
    }
);

const NEW_EXPERT: &str = r#"
mutation($skill: ID!) {
  p: createPerson(input: { externalId: "x1", name: "Quill Nightingale", country: "GB", timezone: "Europe/London" }) { person { id } }
  s: setPersonSkill(input: { personId: "x1", skillId: $skill, level: 5 }) { personSkill { level } }
}"#;

on_both_backends!(
    writes_reach_the_ranking_at_once_and_match_a_rebuild,
    |app: TestApp| async move {
        app.load_demo(7, 120).await;
        let skill = app
            .data(r#"{ skill(name: "Cyber Essentials") { id } }"#, json!({}))
            .await;
        let skill = skill["skill"]["id"].as_str().unwrap().to_string();

        // A new person with the skill is found straight after the write.
        app.data(NEW_EXPERT, json!({ "skill": skill })).await;
        let found = ids(&experts(&app, "Cyber Essentials", json!({ "first": 100 })).await);
        assert!(found.contains(&"x1".to_string()), "{found:?}");

        // Opting out removes them; leaving removes them.
        app.data(r#"mutation { updatePerson(input: { id: "x1", discoverable: false }) { person { id } } }"#, json!({})).await;
        assert!(
            !ids(&experts(&app, "Cyber Essentials", json!({ "first": 100 })).await)
                .contains(&"x1".to_string())
        );
        app.data(r#"mutation { updatePerson(input: { id: "x1", discoverable: true, status: LEFT }) { person { id } } }"#, json!({})).await;
        assert!(
            !ids(&experts(&app, "Cyber Essentials", json!({ "first": 100 })).await)
                .contains(&"x1".to_string())
        );
        app.data(
            r#"mutation { updatePerson(input: { id: "x1", status: ACTIVE }) { person { id } } }"#,
            json!({}),
        )
        .await;

        // Every kind of write, then the graph kept up to date equals one rebuilt from scratch.
        let writes = [
            r#"mutation { endorseSkill(input: { personId: "x1", skillId: "s-cyber-essentials", endorserId: "e00001" }) { personSkill { level } } }"#,
            r#"mutation { createSkill(input: { externalId: "s-quantum", name: "Quantum key distribution", aliases: ["QKD"], relatedIds: ["s-cyber-essentials"] }) { skill { id } } }"#,
            r#"mutation { updateSkill(input: { id: "s-quantum", description: "Sharing keys with photons", broaderId: "s-cyber-essentials" }) { skill { id } } }"#,
            r#"mutation { setPersonSkill(input: { personId: "x1", skillId: "s-quantum", level: 4 }) { personSkill { level } } }"#,
            r#"mutation { createCommunity(input: { externalId: "c-q", name: "Quantum Circle", description: "Photons and keys", skillIds: ["s-quantum"] }) { community { id } } }"#,
            r#"mutation { addMember(input: { communityId: "c-q", personId: "x1", role: LEAD }) { membership { role } } }"#,
            r#"mutation { createEvidence(input: { externalId: "d-q", evidence: { authorIds: ["x1"], kind: "answer", title: "How QKD works", text: "Entangled photons carry the key.", tagIds: ["s-quantum"] } }) { evidence { id } } }"#,
            r#"mutation { updateEvidence(input: { id: "d-q", evidence: { authorIds: ["x1", "e00003"], kind: "report", title: "QKD in practice", text: "Trusted nodes and fibre.", tagIds: ["s-quantum", "s-cyber-essentials"] } }) { evidence { id } } }"#,
            r#"mutation { updateCommunity(input: { id: "c-q", description: "Quantum security", skillIds: ["s-cyber-essentials"] }) { community { id } } }"#,
            r#"mutation { removePersonSkill(input: { personId: "x1", skillId: "s-cyber-essentials" }) { id } }"#,
            r#"mutation { mergeSkills(input: { survivorId: "s-cyber-essentials", mergedId: "s-quantum" }) { skill { id } } }"#,
            r#"mutation { updatePerson(input: { id: "x1", managerId: "e00001", title: "Cryptographer" }) { person { id } } }"#,
        ];
        for w in writes {
            let body = app.gql(w, json!({})).await;
            assert!(body.get("errors").is_none(), "{w}: {body:#}");
        }
        // The people invited accept; one then leaves again.
        let active = app
            .data(
                "{ people(first: 1, filter: { status: ACTIVE }) { nodes { externalId } } }",
                json!({}),
            )
            .await;
        let other = active["people"]["nodes"][0]["externalId"]
            .as_str()
            .expect("someone")
            .to_string();
        app.data(
            "mutation($p: ID!) { addMember(input: { communityId: \"c-q\", personId: $p }) { invitation { id } } }",
            json!({ "p": other }),
        )
        .await;
        common::accept_invitations(&app, "x1").await;
        common::accept_invitations(&app, &other).await;
        app.data(
            "mutation($p: ID!) { removeMember(input: { communityId: \"c-q\", personId: $p }) { personId } }",
            json!({ "p": other }),
        )
        .await;
        let rows = app.store.graph_rows(true).await.unwrap();
        let rebuilt = GraphModel::build(&rows, tacit::graph::EdgeWeights::default());
        let (nodes, edges) = app.engine.canonical().await;
        assert_eq!(
            edges,
            rebuilt.canonical_edges(),
            "edges after every kind of write"
        );
        assert_eq!(
            nodes,
            rebuilt.canonical_nodes(),
            "nodes after every kind of write"
        );
        assert_eq!(
            app.engine.ranking().index.num_docs() as usize,
            rows.people
                .iter()
                .filter(|p| p.status != "left" && p.discoverable)
                .count()
                + rows.skills.len()
                + rows.communities.len()
                + rows.evidence.len(),
            "one text document per person a search may return (their name), skill, community and piece of evidence"
        );
        // The merged skill's name is now an alias: searching it finds the survivor's holders.
        let found = experts(&app, "QKD in practice", json!({ "first": 20 })).await;
        assert!(ids(&found).contains(&"x1".to_string()), "{:?}", ids(&found));
        assert_paths_exist(&app, &found).await;
    }
);

on_both_backends!(
    writes_by_another_process_are_followed,
    |app: TestApp| async move {
        app.load_demo(3, 40).await;
        // Straight to the store, as `tacit import` in another process would write.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.jsonl");
        std::fs::write(
            &path,
            r#"{"id": "z9", "name": "Zia Oduya", "skills": [{"skill": "Records retention", "level": 5}]}"#,
        )
        .unwrap();
        let kind = tacit::import::kind_of(&path).unwrap();
        tacit::import::import_files(
            &app.store,
            &[(path, kind)],
            false,
            app.clock.now(),
            &tacit::import::Quiet,
        )
        .await
        .unwrap();
        // The server's follower reads the change log about once a second.
        let mut seen = false;
        for _ in 0..50 {
            let found = ids(&experts(&app, "Records retention", json!({ "first": 100 })).await);
            if found.contains(&"z9".to_string()) {
                seen = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(seen, "the new person is found within five seconds");
    }
);

#[tokio::test]
async fn a_restart_keeps_the_text_index_and_replays_what_changed_while_down() {
    let dir = tempfile::tempdir().unwrap();
    let config = tacit::config::Config {
        database_url: format!("sqlite://{}", dir.path().join("t.db").display()),
        ..tacit::config::Config::default()
    };
    let index_dir = config.index_dir().unwrap();
    let app = tacit::App::build(&config).await.unwrap();
    tacit::load_demo(&app.store, 5, 60, &tacit::import::Quiet)
        .await
        .unwrap();
    app.engine.sync().await.unwrap();
    let docs = app.engine.ranking().index.num_docs();
    assert!(docs > 0);
    app.store.close().await;
    drop(app);
    assert!(
        index_dir.join("meta.json").exists(),
        "the index is kept beside the database"
    );

    // While the server is down, another process adds a document.
    let store = tacit::store::open(&config.database_url, 1, None)
        .await
        .unwrap();
    let ev = tacit::store::NewEvidence {
        evidence: tacit::domain::Evidence {
            id: "d-down".into(),
            kind: "answer".into(),
            title: Some("Hovercraft maintenance schedule".into()),
            text: "Checking the skirts of the hovercraft fleet.".into(),
            url: None,
            created_at: chrono::Utc::now(),
        },
        author_ids: vec!["e00001".into()],
        skill_ids: vec![],
    };
    store.create_evidence(&ev).await.unwrap();
    store.close().await;

    let (engine, stats) = tacit::rank::Engine::load(
        tacit::store::open(&config.database_url, 1, None)
            .await
            .unwrap(),
        tacit::rank::RankConfig::default(),
        Some(&index_dir),
    )
    .await
    .unwrap();
    let ranking = engine.ranking();
    assert_eq!(
        ranking.index.num_docs(),
        docs + 1,
        "only the new document was added"
    );
    let q = tacit::rank::ExpertQuery {
        reveal_unpublished: false,
        text: "hovercraft".into(),
        asker: None,
        filter: tacit::rank::ExpertFilter::default(),
        first: 5,
        now: chrono::Utc::now(),
    };
    let found =
        tacit::rank::experts(&ranking.snapshot, &ranking.index, engine.config(), &q).experts;
    assert_eq!(found.first().map(|e| e.person_id.as_str()), Some("e00001"));
    assert!(stats.index_ms >= 0.0);
}

const NETWORK: &str = r#"
query($id: ID!, $first: Int!) {
  person(id: $id) {
    network(first: $first) {
      truncated
      nodes { id kind label }
      edges { source target kind weight }
    }
  }
}"#;

on_both_backends!(
    a_persons_network_is_their_neighbourhood_in_the_graph,
    |app: TestApp| async move {
        common::import_examples(&app).await;
        let id = tacit::api::graphql::ids::encode(tacit::api::graphql::ids::Kind::Person, "e1001");
        let net = app.data(NETWORK, json!({ "id": id, "first": 40 })).await;
        let net = &net["person"]["network"];
        let nodes = net["nodes"].as_array().unwrap();
        assert_eq!(
            nodes[0]["label"], "Aoife Byrne",
            "the person comes first: {net:#}"
        );
        let labels: HashSet<&str> = nodes.iter().filter_map(|n| n["label"].as_str()).collect();
        for expected in [
            "Records retention",
            "GDPR",
            "Records Management Network",
            "Retention schedule for HR records",
            "Siobhan Kelly",
        ] {
            assert!(labels.contains(expected), "{expected} in {labels:?}");
        }
        assert_eq!(net["truncated"], false);

        // Every link is a real edge between the two nodes it names, once per pair,
        // and the person is linked to every neighbour.
        let ranking = app.engine.ranking();
        let g = &ranking.snapshot;
        let graph_ids: Vec<_> = nodes
            .iter()
            .map(|n| graph_node(g, n["id"].as_str().unwrap()))
            .collect();
        let mut pairs = HashSet::new();
        for e in net["edges"].as_array().unwrap() {
            let (a, b) = (
                e["source"].as_u64().unwrap() as usize,
                e["target"].as_u64().unwrap() as usize,
            );
            assert!(a < b && b < nodes.len(), "{e}");
            assert!(pairs.insert((a, b)), "one link per pair: {e}");
            let (_, kind) = g.csr.edge(graph_ids[a], graph_ids[b]).expect("edge exists");
            assert_eq!(e["kind"].as_str(), Some(screaming(kind).as_str()));
            let w = e["weight"].as_f64().unwrap();
            assert!(w > 0.0 && w <= 1.0, "{w}");
        }
        assert!((1..nodes.len()).all(|i| pairs.contains(&(0, i))), "{net:#}");

        // `first` keeps the strongest links and says more exist; bad sizes are refused.
        let two = app.data(NETWORK, json!({ "id": id, "first": 2 })).await;
        assert_eq!(
            two["person"]["network"]["nodes"].as_array().unwrap().len(),
            3
        );
        assert_eq!(two["person"]["network"]["truncated"], true);
        let body = app.gql(NETWORK, json!({ "id": id, "first": 101 })).await;
        assert!(
            body.to_string().contains("first must be between 1 and 100"),
            "{body}"
        );

        // Two steps out: the neighbours' own strongest links follow, each
        // linked to a first-step node, never to the person directly.
        let two = app
            .data(NETWORK_STEPS, json!({ "id": id, "first": 40, "steps": 2 }))
            .await;
        let two = &two["person"]["network"];
        let steps: Vec<i64> = two["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_i64().unwrap())
            .collect();
        let nodes = two["nodes"].as_array().unwrap();
        assert_eq!(steps.len(), nodes.len());
        assert_eq!(steps[0], 0);
        let near = steps.iter().filter(|&&s| s == 1).count();
        assert_eq!(near, labels.len() - 1, "the first step is as before");
        assert!(steps.contains(&2), "a second step: {two:#}");
        let edges = two["edges"].as_array().unwrap();
        for (i, _) in steps.iter().enumerate().filter(|&(_, &s)| s == 2) {
            let linked_to = |j: usize| {
                edges.iter().any(|e| {
                    let (a, b) = (
                        e["source"].as_u64().unwrap() as usize,
                        e["target"].as_u64().unwrap() as usize,
                    );
                    (a, b) == (i.min(j), i.max(j))
                })
            };
            assert!(!linked_to(0), "{} is one step away", nodes[i]["label"]);
            assert!(
                (1..steps.len()).any(|j| steps[j] == 1 && linked_to(j)),
                "{} is reached through a neighbour",
                nodes[i]["label"]
            );
        }
        // At most `first` more nodes, however few the first step found.
        assert!(steps.iter().filter(|&&s| s == 2).count() <= 40, "{two:#}");
        let small = app
            .data(NETWORK_STEPS, json!({ "id": id, "first": 3, "steps": 2 }))
            .await;
        let small: Vec<i64> = small["person"]["network"]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_i64().unwrap())
            .collect();
        let at = |step: i64| small.iter().filter(|&&s| s == step).count();
        assert_eq!(at(1), 3.min(labels.len() - 1), "{small:?}");
        assert!((1..=3).contains(&at(2)), "{small:?}");
        let body = app
            .gql(NETWORK_STEPS, json!({ "id": id, "first": 40, "steps": 3 }))
            .await;
        assert!(body.to_string().contains("steps must be 1 or 2"), "{body}");
    }
);

const NETWORK_STEPS: &str = r#"
query($id: ID!, $first: Int!, $steps: Int!) {
  person(id: $id) {
    network(first: $first, steps: $steps) {
      steps
      nodes { id kind label }
      edges { source target kind weight }
    }
  }
}"#;

/// A restart reads the graph kept beside the database, replays the writes
/// made while it was down, and ends with the graph a full rebuild gives.
#[tokio::test]
async fn a_restart_reads_the_kept_graph_and_replays_what_changed_while_down() {
    let dir = tempfile::tempdir().unwrap();
    let config = tacit::config::Config {
        database_url: format!("sqlite://{}", dir.path().join("t.db").display()),
        ..tacit::config::Config::default()
    };
    let index_dir = config.index_dir().unwrap();
    let kept = index_dir.with_extension("graph");
    let app = tacit::App::build(&config).await.unwrap();
    tacit::load_demo(&app.store, 5, 60, &tacit::import::Quiet)
        .await
        .unwrap();
    app.engine.sync().await.unwrap();
    app.engine.keep_graph().await;
    app.store.close().await;
    drop(app);
    assert!(kept.exists(), "the graph is kept beside the database");

    // While the server is down, another process adds a document.
    // It erases someone too, which is audited: the server's key, beside the file.
    let key = tacit::auth::audit_key::resolve(&config, false).unwrap();
    let store = tacit::store::open(&config.database_url, 1, key)
        .await
        .unwrap();
    store
        .create_evidence(&tacit::store::NewEvidence {
            evidence: tacit::domain::Evidence {
                id: "d-down".into(),
                kind: "answer".into(),
                title: Some("Hovercraft maintenance schedule".into()),
                text: "Checking the skirts of the hovercraft fleet.".into(),
                url: None,
                created_at: chrono::Utc::now(),
            },
            author_ids: vec!["e00001".into()],
            skill_ids: vec![],
        })
        .await
        .unwrap();

    let load = |url: String, dir: std::path::PathBuf| async move {
        tacit::rank::Engine::load(
            tacit::store::open(&url, 1, None).await.unwrap(),
            tacit::rank::RankConfig::default(),
            Some(&dir),
        )
        .await
        .unwrap()
    };
    let (engine, stats) = load(config.database_url.clone(), index_dir.clone()).await;
    assert!(stats.kept, "the kept graph was read");
    let rows = store.graph_rows(true).await.unwrap();
    let rebuilt = GraphModel::build(&rows, tacit::graph::EdgeWeights::default());
    let (nodes, edges) = engine.canonical().await;
    assert_eq!(edges, rebuilt.canonical_edges(), "edges after the replay");
    assert_eq!(nodes, rebuilt.canonical_nodes(), "nodes after the replay");
    let ranking = engine.ranking();
    let q = tacit::rank::ExpertQuery {
        reveal_unpublished: false,
        text: "hovercraft".into(),
        asker: None,
        filter: tacit::rank::ExpertFilter::default(),
        first: 5,
        now: chrono::Utc::now(),
    };
    let found =
        tacit::rank::experts(&ranking.snapshot, &ranking.index, engine.config(), &q).experts;
    assert_eq!(found.first().map(|e| e.person_id.as_str()), Some("e00001"));
    drop((engine, ranking));

    // A damaged file is not used: the graph comes from the store.
    let whole = std::fs::read(&kept).unwrap();
    std::fs::write(&kept, &whole[..whole.len() / 2]).unwrap();
    let (engine, stats) = load(config.database_url.clone(), index_dir.clone()).await;
    assert!(!stats.kept, "a truncated file is not read");
    assert_eq!(engine.canonical().await.1, rebuilt.canonical_edges());
    drop(engine);

    // Another database with the very same history (the same demo) is told apart.
    let other = tempfile::tempdir().unwrap();
    let other_url = format!("sqlite://{}", other.path().join("t.db").display());
    let other_store = tacit::store::open(&other_url, 1, None).await.unwrap();
    tacit::load_demo(&other_store, 5, 60, &tacit::import::Quiet)
        .await
        .unwrap();
    other_store.close().await;
    let other_index = other.path().join("t.db.index");
    std::fs::write(other_index.with_extension("graph"), &whole).unwrap();
    let (_, stats) = load(other_url, other_index).await;
    assert!(!stats.kept, "a graph kept for another database is not read");

    // A person imported while down is replayed like any other write...
    std::fs::write(&kept, &whole).unwrap();
    let people = dir.path().join("people.jsonl");
    std::fs::write(
        &people,
        r#"{"id": "z9", "name": "Zia Oduya", "skills": [{"skill": "Records retention", "level": 5}]}"#,
    )
    .unwrap();
    let import = |path: std::path::PathBuf| {
        let store = store.clone();
        async move {
            let kind = tacit::import::kind_of(&path).unwrap();
            tacit::import::import_files(
                &store,
                &[(path, kind)],
                false,
                chrono::Utc::now(),
                &tacit::import::Quiet,
            )
            .await
            .unwrap();
        }
    };
    import(people).await;
    let (engine, stats) = load(config.database_url.clone(), index_dir.clone()).await;
    assert!(stats.kept, "a small import is replayed");
    assert!(
        engine
            .ranking()
            .snapshot
            .node(tacit::graph::NodeKind::Person, "z9")
            .is_some()
    );
    drop(engine);

    // Someone erased while the server was down is gone from the graph, and
    // from the disk: the kept file goes at once (it is written again at
    // shutdown); while the server runs, it is rewritten without them.
    let erase = |id: &'static str| {
        let store = store.clone();
        async move {
            let event = tacit::domain::AuditEvent::new("system", "person.erase", Some(id.into()));
            store.erase_person(id, &event).await.unwrap();
        }
    };
    std::fs::write(&kept, &whole).unwrap();
    erase("e00002").await;
    let (engine, stats) = load(config.database_url.clone(), index_dir.clone()).await;
    assert!(stats.kept, "the erasure was replayed");
    let has = |engine: &tacit::rank::Engine, id: &str| {
        engine
            .ranking()
            .snapshot
            .node(tacit::graph::NodeKind::Person, id)
            .is_some()
    };
    assert!(!has(&engine, "e00002"));
    assert!(
        !kept.exists(),
        "the file that held the erased person is deleted"
    );
    // The same for an erasure while it runs.
    engine.keep_graph().await;
    assert!(kept.exists());
    assert!(bytes_hold(&kept, "e00003"));
    erase("e00003").await;
    engine.sync().await.unwrap();
    assert!(!has(&engine, "e00003"));
    assert!(
        kept.exists() && !bytes_hold(&kept, "e00003"),
        "an erasure rewrites the kept file without them"
    );
    drop(engine);

    // ...but after an import that asks for a rebuild, the graph comes from the store.
    std::fs::write(&kept, &whole).unwrap();
    let skills = dir.path().join("skills.jsonl");
    std::fs::write(&skills, r#"{"id": "s-hover", "name": "Hovercraft repair"}"#).unwrap();
    import(skills).await;
    let (engine, stats) = load(config.database_url.clone(), index_dir).await;
    assert!(
        !stats.kept,
        "a bulk load since the file was kept means a full build"
    );
    assert!(has(&engine, "z9"));
    assert!(!has(&engine, "e00002"));
    assert!(
        engine
            .ranking()
            .snapshot
            .node(tacit::graph::NodeKind::Skill, "s-hover")
            .is_some()
    );
    store.close().await;
}

/// Whether the file at `path` holds `text` anywhere.
fn bytes_hold(path: &std::path::Path, text: &str) -> bool {
    std::fs::read(path)
        .unwrap_or_default()
        .windows(text.len())
        .any(|w| w == text.as_bytes())
}
