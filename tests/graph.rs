//! The knowledge graph built from what the store holds, on both backends.

mod common;

use common::TestApp;
use tacit::graph::{EdgeKind, EdgeWeights, KnowledgeGraph, NodeKind};
use tacit::rank::{Ppr, PprParams};

on_both_backends!(
    the_graph_mirrors_the_store_and_ranks_nearby_people_first,
    |app: TestApp| async move {
        tacit::load_demo(&app.store, 7, 120, &tacit::import::Quiet)
            .await
            .unwrap();
        let rows = app.store.graph_rows().await.unwrap();
        let g = KnowledgeGraph::build(&rows, &EdgeWeights::default());

        let nodes =
            rows.people.len() + rows.skills.len() + rows.communities.len() + rows.evidence.len();
        assert_eq!(g.csr.node_count(), nodes);
        let links = rows.person_skills.len()
            + rows.memberships.len()
            + rows.community_skills.len()
            + rows.authors.len()
            + rows.tags.len()
            + rows.broader.len()
            + rows.related.len()
            + rows.reports_to.len();
        assert_eq!(
            g.csr.edge_count(),
            2 * links,
            "every stored link is one edge, walked both ways"
        );
        assert!(
            g.csr.bytes_per_edge() <= 48.0,
            "{} bytes per edge",
            g.csr.bytes_per_edge()
        );

        // Whoever left is never a contact.
        for (id, status, _) in &rows.people {
            let node = g.node(NodeKind::Person, id).unwrap();
            assert_eq!(g.is_contact(node), status != "left", "{id} {status}");
        }

        // From the most held skill, the best-scoring contacts are its neighbours' neighbours at most.
        let mut holders = std::collections::HashMap::<&str, usize>::new();
        for (_, s, _) in &rows.person_skills {
            *holders.entry(s.as_str()).or_default() += 1;
        }
        let (skill, _) = holders
            .into_iter()
            .max_by_key(|(s, n)| (*n, std::cmp::Reverse(*s)))
            .unwrap();
        let seed = g.node(NodeKind::Skill, skill).unwrap();
        let scores = Ppr::default().run(&g.csr, &[(seed, 1.0)], PprParams::default());
        let mut people: Vec<_> = scores
            .into_iter()
            .filter(|(n, _)| g.is_contact(*n))
            .collect();
        people.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        assert!(people.len() >= 5);
        for (person, _) in people.iter().take(5) {
            let near = g.csr.neighbours(*person).any(|(n, _, k)| {
                n == seed
                    || (matches!(k, EdgeKind::Authored | EdgeKind::MemberOf)
                        && g.csr.neighbours(n).any(|(m, _, _)| m == seed))
            });
            assert!(
                near,
                "{:?} is not within two steps of {skill}",
                g.external_id(*person)
            );
        }
    }
);
