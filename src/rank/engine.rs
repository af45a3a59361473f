//! The ranking engine: the graph model, its latest snapshot and the text index,
//! kept in step with the store through the change log.
//!
//! Queries load the current [`Ranking`] (an `Arc`) and never wait for writers;
//! after a write, [`Engine::sync`] refreshes the touched entities, takes a new
//! snapshot and swaps it in. A background follower does the same for writes made
//! by other processes or replicas.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;
use tokio::sync::Mutex;

use crate::graph::{CanonicalEdge, GraphModel, NodeData, NodeId, NodeKind, Snapshot};
use crate::store::{Entity, GraphRows, Store};

use super::config::RankConfig;
use super::experts::{Expert, ExpertQuery, experts};
use super::text::{TextDoc, TextIndex};

/// What queries read: a snapshot and the text index that matches it.
#[derive(Debug)]
pub struct Ranking {
    pub snapshot: Arc<Snapshot>,
    pub index: Arc<TextIndex>,
}

/// How many change-log entries are read at a time.
const CHANGE_BATCH: i64 = 5_000;
/// Entries this far behind the newest are read again, in case a transaction that
/// took an earlier number committed later (possible on PostgreSQL).
const LOOKBACK: i64 = 200;

struct Follower {
    model: GraphModel,
    /// Change-log entries already applied, within `LOOKBACK` of the newest.
    seen: BTreeSet<i64>,
}

pub struct Engine {
    store: Arc<dyn Store>,
    config: RankConfig,
    current: ArcSwap<Ranking>,
    follower: Mutex<Follower>,
}

/// Timings of the last full build, for logs and `tacit bench`.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildStats {
    /// Wall time of the whole build (graph and index are built at the same time).
    pub total_ms: f64,
    pub read_ms: f64,
    pub graph_ms: f64,
    pub index_ms: f64,
}

impl Engine {
    /// Builds everything from the store.
    pub async fn load(
        store: Arc<dyn Store>,
        config: RankConfig,
    ) -> anyhow::Result<(Arc<Engine>, BuildStats)> {
        let (model, ranking, stats) = full_build(&store, &config).await?;
        let seen = BTreeSet::from([ranking.snapshot.seq]);
        let engine = Engine {
            store,
            config,
            current: ArcSwap::from_pointee(ranking),
            follower: Mutex::new(Follower { model, seen }),
        };
        Ok((Arc::new(engine), stats))
    }

    pub fn config(&self) -> &RankConfig {
        &self.config
    }

    /// The snapshot and index queries should use now.
    pub fn ranking(&self) -> Arc<Ranking> {
        self.current.load_full()
    }

    /// Ranks people for `q` on a blocking thread, with the ranking it used.
    pub async fn experts(&self, q: ExpertQuery) -> anyhow::Result<(Arc<Ranking>, Vec<Expert>)> {
        let ranking = self.ranking();
        let config = self.config.clone();
        let r = ranking.clone();
        let found =
            tokio::task::spawn_blocking(move || experts(&r.snapshot, &r.index, &config, &q))
                .await?;
        Ok((ranking, found))
    }

    /// Applies every committed change not yet applied. Callers that wrote call it
    /// before answering, so their next query sees their write.
    pub async fn sync(&self) -> anyhow::Result<()> {
        let started = Instant::now();
        let mut follower = self.follower.lock().await;
        let newest = follower.seen.last().copied().unwrap_or(0);
        let mut from = (newest - LOOKBACK).max(0);
        let mut applied = 0usize;
        loop {
            let changes = self.store.changes_since(from, CHANGE_BATCH).await?;
            let Some(last) = changes.last().map(|c| c.seq) else {
                break;
            };
            let more = changes.len() as i64 == CHANGE_BATCH;
            from = last;
            let fresh: Vec<_> = changes
                .into_iter()
                .filter(|c| !follower.seen.contains(&c.seq))
                .collect();
            if !fresh.is_empty() {
                applied += fresh.len();
                self.apply_changes(&mut follower, fresh).await?;
            }
            if !more {
                break;
            }
        }
        if applied > 0 {
            tracing::debug!(
                changes = applied,
                ms = started.elapsed().as_millis() as u64,
                "graph brought up to date"
            );
        }
        Ok(())
    }

    async fn apply_changes(
        &self,
        follower: &mut Follower,
        fresh: Vec<crate::store::Change>,
    ) -> anyhow::Result<()> {
        for c in &fresh {
            follower.seen.insert(c.seq);
        }
        let top = follower.seen.last().copied().unwrap_or(0);
        follower.seen = follower.seen.split_off(&(top - LOOKBACK));
        if fresh.iter().any(|c| c.entity == Entity::All) {
            let (model, ranking, _) = full_build(&self.store, &self.config).await?;
            follower.model = model;
            self.current.store(Arc::new(ranking));
            return Ok(());
        }
        let keys: Vec<(Entity, String)> = fresh
            .into_iter()
            .map(|c| (c.entity, c.id))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let rows = self.store.graph_entities(&keys).await?;
        let current = self.ranking();
        // Nodes about to disappear, found while they still have ids.
        let removed: Vec<NodeId> = keys
            .iter()
            .filter(|(e, id)| !present(&rows, *e, id))
            .filter_map(|(e, id)| node_kind(*e).and_then(|k| current.snapshot.node(k, id)))
            .collect();
        let mut model = std::mem::take(&mut follower.model);
        let index = current.index.clone();
        let (model, snapshot) = tokio::task::spawn_blocking(move || {
            model.refresh(&keys, &rows);
            let snapshot = model.snapshot(top);
            let docs = text_docs(&rows, &snapshot);
            index.update(&docs, &removed).map(|()| (model, snapshot))
        })
        .await??;
        follower.model = model;
        self.current.store(Arc::new(Ranking {
            snapshot: Arc::new(snapshot),
            index: current.index.clone(),
        }));
        Ok(())
    }

    /// The model's nodes and edges in canonical order, to compare a graph kept up
    /// to date write by write with one rebuilt from the store.
    pub async fn canonical(&self) -> (Vec<NodeData>, Vec<CanonicalEdge>) {
        let follower = self.follower.lock().await;
        (
            follower.model.canonical_nodes(),
            follower.model.canonical_edges(),
        )
    }

    /// Follows the change log every `period` until the engine is dropped.
    pub fn follow(self: &Arc<Self>, period: Duration) -> tokio::task::JoinHandle<()> {
        let weak = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(period);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let Some(engine) = weak.upgrade() else {
                    break;
                };
                if let Err(e) = engine.sync().await {
                    tracing::warn!(error = %e, "cannot follow the change log");
                }
            }
        })
    }
}

fn node_kind(e: Entity) -> Option<NodeKind> {
    match e {
        Entity::Person => Some(NodeKind::Person),
        Entity::Skill => Some(NodeKind::Skill),
        Entity::Community => Some(NodeKind::Community),
        Entity::Evidence => Some(NodeKind::Evidence),
        Entity::All => None,
    }
}

fn present(rows: &GraphRows, e: Entity, id: &str) -> bool {
    match e {
        Entity::Person => rows.people.iter().any(|p| p.id == id),
        Entity::Skill => rows.skills.iter().any(|s| s.id == id),
        Entity::Community => rows.communities.iter().any(|c| c.id == id),
        Entity::Evidence => rows.evidence.iter().any(|x| x.id == id),
        Entity::All => true,
    }
}

/// Where to find an entity's node id.
trait NodeLookup {
    fn node(&self, kind: NodeKind, id: &str) -> Option<NodeId>;
}

impl NodeLookup for Snapshot {
    fn node(&self, kind: NodeKind, id: &str) -> Option<NodeId> {
        Snapshot::node(self, kind, id)
    }
}

/// The ids a fresh [`GraphModel::build`] gives: people, skills, communities,
/// then evidence, each in row order.
struct FreshIds<'a> {
    rows: &'a GraphRows,
}

fn fresh_ids(rows: &GraphRows) -> FreshIds<'_> {
    FreshIds { rows }
}

impl FreshIds<'_> {
    fn offset(&self, kind: NodeKind) -> usize {
        let r = self.rows;
        match kind {
            NodeKind::Person => 0,
            NodeKind::Skill => r.people.len(),
            NodeKind::Community => r.people.len() + r.skills.len(),
            NodeKind::Evidence | NodeKind::Interview => {
                r.people.len() + r.skills.len() + r.communities.len()
            }
        }
    }

    /// True when the snapshot numbered every skill, community and document as expected.
    fn agrees_with(&self, g: &Snapshot) -> bool {
        let r = self.rows;
        let check = |kind: NodeKind, ids: &mut dyn Iterator<Item = &String>| {
            ids.enumerate()
                .all(|(i, id)| g.node(kind, id) == Some((self.offset(kind) + i) as NodeId))
        };
        check(NodeKind::Skill, &mut r.skills.iter().map(|s| &s.id))
            && check(
                NodeKind::Community,
                &mut r.communities.iter().map(|c| &c.id),
            )
            && check(NodeKind::Evidence, &mut r.evidence.iter().map(|e| &e.id))
    }
}

impl NodeLookup for FreshIds<'_> {
    fn node(&self, kind: NodeKind, id: &str) -> Option<NodeId> {
        let r = self.rows;
        let position = match kind {
            NodeKind::Person => r.people.binary_search_by(|p| p.id.as_str().cmp(id)).ok(),
            NodeKind::Skill => r.skills.binary_search_by(|s| s.id.as_str().cmp(id)).ok(),
            NodeKind::Community => r
                .communities
                .binary_search_by(|c| c.id.as_str().cmp(id))
                .ok(),
            NodeKind::Evidence => r.evidence.binary_search_by(|e| e.id.as_str().cmp(id)).ok(),
            NodeKind::Interview => None,
        }?;
        Some((self.offset(kind) + position) as NodeId)
    }
}

/// The searchable text of the entities in `rows`, under their node ids.
fn text_docs(rows: &GraphRows, g: &dyn NodeLookup) -> Vec<TextDoc> {
    let mut docs =
        Vec::with_capacity(rows.skills.len() + rows.communities.len() + rows.evidence.len());
    for s in &rows.skills {
        if let Some(node) = g.node(NodeKind::Skill, &s.id) {
            let mut names = vec![s.name.clone()];
            names.extend(s.aliases.iter().cloned());
            docs.push(TextDoc {
                node,
                kind: NodeKind::Skill,
                names,
                body: s.description.clone().unwrap_or_default(),
            });
        }
    }
    for c in &rows.communities {
        if let Some(node) = g.node(NodeKind::Community, &c.id) {
            docs.push(TextDoc {
                node,
                kind: NodeKind::Community,
                names: vec![c.name.clone()],
                body: c.description.clone().unwrap_or_default(),
            });
        }
    }
    for e in &rows.evidence {
        if let Some(node) = g.node(NodeKind::Evidence, &e.id) {
            docs.push(TextDoc {
                node,
                kind: NodeKind::Evidence,
                names: e.title.iter().cloned().collect(),
                body: e.text.clone(),
            });
        }
    }
    docs
}

async fn full_build(
    store: &Arc<dyn Store>,
    config: &RankConfig,
) -> anyhow::Result<(GraphModel, Ranking, BuildStats)> {
    let started = Instant::now();
    let rows = store.graph_rows().await?;
    let read_ms = started.elapsed().as_secs_f64() * 1e3;
    let weights = config.weights.clone();
    tokio::task::spawn_blocking(move || {
        // The text index and the graph are built at the same time: a fresh model
        // numbers nodes in row order, so the documents' node ids are known first.
        let expected = fresh_ids(&rows);
        let (graph, index) = std::thread::scope(|s| {
            let index = s.spawn(|| -> anyhow::Result<(TextIndex, f64)> {
                let t = Instant::now();
                let index = TextIndex::new()?;
                index.update(&text_docs(&rows, &expected), &[])?;
                Ok((index, t.elapsed().as_secs_f64() * 1e3))
            });
            let t = Instant::now();
            let model = GraphModel::build(&rows, weights);
            let snapshot = model.snapshot(rows.seq);
            let graph = (model, snapshot, t.elapsed().as_secs_f64() * 1e3);
            (graph, index.join())
        });
        let (model, snapshot, graph_ms) = graph;
        let (index, index_ms) = index.map_err(|_| anyhow::anyhow!("text indexing panicked"))??;
        anyhow::ensure!(
            expected.agrees_with(&snapshot),
            "node numbering of a fresh graph changed; text index would point at the wrong nodes"
        );
        tracing::info!(
            nodes = model.node_count(),
            edges = model.edge_count(),
            docs = index.num_docs(),
            read_ms,
            graph_ms,
            index_ms,
            "knowledge graph built"
        );
        let ranking = Ranking {
            snapshot: Arc::new(snapshot),
            index: Arc::new(index),
        };
        Ok((
            model,
            ranking,
            BuildStats {
                total_ms: started.elapsed().as_secs_f64() * 1e3,
                read_ms,
                graph_ms,
                index_ms,
            },
        ))
    })
    .await?
}
