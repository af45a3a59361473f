//! The follower after a failed text-index update: the model it keeps and the
//! snapshots it publishes next must still equal a rebuild from the store.

use std::sync::Arc;

use crate::domain::AuditEvent;
use crate::graph::NodeKind;
use crate::store::Store;

use super::Engine;

/// A demo organisation in a temporary SQLite file, and an engine over it.
async fn engine() -> (tempfile::TempDir, Arc<dyn Store>, Arc<Engine>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("tacit.db").display());
    let key = crate::domain::AuditKey::parse(&"k".repeat(40)).ok();
    let store = crate::store::open(&url, 2, key).await.expect("store opens");
    crate::load_demo(&store, 7, 40, &crate::import::Quiet)
        .await
        .expect("demo loads");
    let (engine, _) = Engine::load(store.clone(), Default::default(), None)
        .await
        .expect("engine loads");
    (dir, store, engine)
}

/// What a snapshot shows, in a canonical order.
fn shown(engine: &Engine) -> (i64, Vec<(NodeKind, String, String)>, u64) {
    let ranking = engine.ranking();
    let s = &ranking.snapshot;
    let mut nodes: Vec<_> = s
        .node_ids()
        .filter_map(|n| {
            Some((
                s.kind(n)?,
                s.external_id(n)?.to_string(),
                s.label(n).to_string(),
            ))
        })
        .collect();
    nodes.sort();
    (s.seq, nodes, ranking.index.num_docs())
}

async fn assert_matches_rebuild(store: &Arc<dyn Store>, engine: &Engine) {
    let (fresh, _) = Engine::load(store.clone(), Default::default(), None)
        .await
        .expect("rebuild");
    let (kept, rebuilt) = (engine.canonical().await, fresh.canonical().await);
    assert!(
        kept == rebuilt,
        "the model differs from a rebuild: {} nodes and {} edges, rebuilt {} and {}",
        kept.0.len(),
        kept.1.len(),
        rebuilt.0.len(),
        rebuilt.1.len()
    );
    let (shows, rebuilt) = (shown(engine), shown(&fresh));
    assert!(
        shows == rebuilt,
        "the snapshot differs from a rebuild: seq {}, {} nodes, {} documents; rebuilt seq {}, {} nodes, {} documents",
        shows.0,
        shows.1.len(),
        shows.2,
        rebuilt.0,
        rebuilt.1.len(),
        rebuilt.2
    );
}

/// Erases someone (a write touching people, communities and evidence), with
/// the next index update failing or panicking, then syncs twice.
async fn erase_through_a_fault(panic: bool) {
    let (_dir, store, engine) = engine().await;
    let rows = store.graph_rows(false).await.expect("rows");
    let person = rows.people[0].id.clone();
    let event = AuditEvent::new("test", "person.erase", Some(format!("person:{person}")));
    store.erase_person(&person, &event).await.expect("erased");

    engine.ranking().index.fail_next_update(panic);
    assert!(engine.sync().await.is_err(), "the injected fault surfaces");
    engine.sync().await.expect("the retry applies the erasure");
    assert_matches_rebuild(&store, &engine).await;
    assert!(
        engine
            .ranking()
            .snapshot
            .node(NodeKind::Person, &person)
            .is_none(),
        "the erased person is gone from the published snapshot"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follower_restores_model_after_failed_index_update() {
    erase_through_a_fault(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follower_restores_model_after_panicked_index_update() {
    erase_through_a_fault(true).await;
}
