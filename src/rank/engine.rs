//! The ranking engine: the graph model, its latest snapshot and the text index,
//! kept in step with the store through the change log.
//!
//! Queries load the current [`Ranking`] (an `Arc`) and never wait for writers;
//! after a write, [`Engine::sync`] refreshes the touched entities, takes a new
//! snapshot and swaps it in. A background follower does the same for writes made
//! by other processes or replicas.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;
use tokio::sync::Mutex;

use crate::graph::{CanonicalEdge, GraphMemory, GraphModel, NodeData, NodeKind, Snapshot};
use crate::store::{Entity, GraphRows, Store};

use super::config::RankConfig;
use super::experts::{Answer, ExpertQuery, experts};
use super::text::{TextDoc, TextIndex};
use super::walks;

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
    /// `None` while an update has it, and after an update that failed part way
    /// (it may be half refreshed): the next use rebuilds it from the store.
    model: Option<GraphModel>,
    /// Change-log entries already applied, within `LOOKBACK` of the newest.
    seen: BTreeSet<i64>,
    /// Something was removed that the kept graph file may still hold.
    rewrite_kept: bool,
}

mod gate;
mod kept;
mod purge;
#[cfg(test)]
mod tests;

pub use purge::DiskCleanup;

pub use gate::{Gate, Refused};

pub struct Engine {
    store: Arc<dyn Store>,
    /// Where the graph is kept between runs (beside the text index), if anywhere.
    kept: Option<std::path::PathBuf>,
    /// Shared with every ranking job (one `Arc` clone per query, not a deep copy).
    config: Arc<RankConfig>,
    current: ArcSwap<Ranking>,
    follower: Mutex<Follower>,
    /// How many rankings run at once.
    gate: Gate,
    /// Woken when a new ranking is in use (the walks to keep may differ).
    published: Arc<tokio::sync::Notify>,
}

/// Timings of the last full build, for logs and `tacit bench`.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildStats {
    /// Wall time of the whole build (graph and index are built at the same time).
    pub total_ms: f64,
    pub read_ms: f64,
    pub graph_ms: f64,
    pub index_ms: f64,
    /// Whether the graph was read from the kept file (else from the store).
    pub kept: bool,
}

impl Engine {
    /// Builds everything from the store. With `index_dir`, the text index is
    /// kept there and the graph beside it; later starts read both back and
    /// replay only what changed meanwhile.
    pub async fn load(
        store: Arc<dyn Store>,
        config: RankConfig,
        index_dir: Option<&std::path::Path>,
    ) -> anyhow::Result<(Arc<Engine>, BuildStats)> {
        let kept = index_dir.map(|dir| {
            TextIndex::open(dir).inspect_err(|e| {
                // Another process may hold it (an eval beside a running server).
                tracing::warn!(error = %e, dir = %dir.display(), "cannot use the kept text index; indexing in memory");
            })
        });
        let index = Arc::new(match kept {
            Some(Ok(index)) => index,
            _ => TextIndex::new()?,
        });
        // Entries committed before the build are in it: the follower need not
        // apply them again (one of them may be a bulk load's full rebuild).
        let head = store.last_change().await?;
        let visible = store
            .changes_since((head - LOOKBACK).max(0), LOOKBACK + 1)
            .await?;
        let kept = index_dir.map(kept::path);
        let warm = match &kept {
            Some(path) => kept::warm_start(&store, &config, index.clone(), path)
                .await
                .unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "cannot start from the kept graph; building it from the store");
                    None
                }),
            None => None,
        };
        let (model, ranking, stats) = match warm {
            Some(started) => started,
            None => {
                let (model, ranking, stats) = full_build(&store, &config, index).await?;
                let model = match &kept {
                    Some(path) => {
                        kept::keep(&store, model, ranking.snapshot.seq, path)
                            .await
                            .0
                    }
                    None => model,
                };
                (model, ranking, stats)
            }
        };
        let mut seen: BTreeSet<i64> = visible.iter().map(|c| c.seq).collect();
        seen.insert(ranking.snapshot.seq);
        let rewrite_kept = ranking.index.needs_compaction();
        let engine = Engine {
            kept,
            store,
            config: Arc::new(config),
            current: ArcSwap::from_pointee(ranking),
            follower: Mutex::new(Follower {
                model: Some(model),
                seen,
                rewrite_kept,
            }),
            gate: Gate::per_core(),
            published: Arc::new(tokio::sync::Notify::new()),
        };
        // A replay at start may have removed documents (a disposal or erasure
        // while the server was down).
        engine.purge(&mut *engine.follower.lock().await).await;
        Ok((Arc::new(engine), stats))
    }

    pub fn config(&self) -> &RankConfig {
        &self.config
    }

    /// The snapshot and index queries should use now.
    pub fn ranking(&self) -> Arc<Ranking> {
        self.current.load_full()
    }

    /// Ranks people for `q` on a blocking thread, with the ranking it used;
    /// refused when too many rankings wait or `deadline` passes first.
    pub async fn experts(
        &self,
        q: ExpertQuery,
        deadline: Option<Instant>,
    ) -> Result<(Arc<Ranking>, Answer), Refused> {
        let ranking = self.ranking();
        let config = self.config.clone();
        let r = ranking.clone();
        let found = self
            .gate
            .run(deadline, move || {
                experts(&r.snapshot, &r.index, &config, &q)
            })
            .await?;
        Ok((ranking, found))
    }

    /// Runs other ranking work on `ranking` (a walk from a skill, say)
    /// through the same gate as [`Engine::experts`].
    pub async fn walk<T: Send + 'static>(
        &self,
        ranking: Arc<Ranking>,
        deadline: Option<Instant>,
        work: impl FnOnce(&Ranking, &RankConfig) -> T + Send + 'static,
    ) -> Result<T, Refused> {
        let config = self.config.clone();
        self.gate
            .run(deadline, move || work(&ranking, &config))
            .await
    }

    /// Applies every committed change not yet applied. Callers that wrote call it
    /// before answering, so their next query sees their write.
    pub async fn sync(&self) -> anyhow::Result<()> {
        let started = Instant::now();
        let mut follower = self.follower.lock().await;
        if follower.model.is_none() {
            self.rebuild(&mut follower).await?;
        }
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
        // A failure here is logged and retried with the next sync; the
        // changes themselves are applied.
        self.purge(&mut follower).await;
        Ok(())
    }

    /// Builds the model again from the store, after an update lost it.
    async fn rebuild(&self, follower: &mut Follower) -> anyhow::Result<()> {
        tracing::warn!("rebuilding the graph after a failed update");
        let head = self.store.last_change().await?;
        let visible = self
            .store
            .changes_since((head - LOOKBACK).max(0), LOOKBACK + 1)
            .await?;
        let index = self.ranking().index.clone();
        let (model, ranking, _) = full_build(&self.store, &self.config, index).await?;
        follower.seen.extend(visible.iter().map(|c| c.seq));
        follower.seen.insert(ranking.snapshot.seq);
        mark_seen(follower, []);
        follower.model = Some(model);
        follower.rewrite_kept = true;
        self.publish(ranking);
        Ok(())
    }

    /// Puts `ranking` in use for the queries that start from now on.
    fn publish(&self, ranking: Ranking) {
        self.current.store(Arc::new(ranking));
        self.published.notify_one();
    }

    /// Applies `fresh` to the model and the text index, and only then marks
    /// them seen; on failure the model is kept as it was, or dropped for a
    /// rebuild when it may be half refreshed, and the changes are retried.
    async fn apply_changes(
        &self,
        follower: &mut Follower,
        fresh: Vec<crate::store::Change>,
    ) -> anyhow::Result<()> {
        let seqs: Vec<i64> = fresh.iter().map(|c| c.seq).collect();
        let top = seqs
            .iter()
            .copied()
            .chain(follower.seen.last().copied())
            .max()
            .unwrap_or(0);
        if fresh.iter().any(|c| c.entity == Entity::All) {
            let index = self.ranking().index.clone();
            let (model, ranking, _) = full_build(&self.store, &self.config, index).await?;
            follower.model = Some(model);
            follower.rewrite_kept = true;
            self.publish(ranking);
            mark_seen(follower, seqs);
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
        let removed = removed(&keys, &rows);
        // An erased person must not outlive the erasure on disk.
        let erased = rows
            .missing(&keys)
            .any(|(entity, _)| *entity == Entity::Person);
        let Some(mut model) = follower.model.take() else {
            anyhow::bail!("the graph model is being rebuilt");
        };
        let index = current.index.clone();
        let previous = current.snapshot.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            // The index first: when it fails the model is still untouched.
            let indexed = catch_unwind(AssertUnwindSafe(|| {
                index.update(&text_docs(&rows), &removed, false, top)
            }))
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the text index update panicked")));
            if let Err(e) = indexed {
                return (Some(model), Err(e));
            }
            match catch_unwind(AssertUnwindSafe(|| {
                model.refresh(&keys, &rows);
                let next = model.snapshot(top);
                let changed: Vec<_> = keys
                    .iter()
                    .filter_map(|(entity, id)| Some((NodeKind::of(*entity)?, id)))
                    .flat_map(|(kind, id)| [previous.node(kind, id), next.node(kind, id)])
                    .flatten()
                    .collect();
                walks::carry_over(&previous, &next, &changed);
                next
            })) {
                Ok(snapshot) => (Some(model), Ok(snapshot)),
                Err(_) => (None, Err(anyhow::anyhow!("the graph refresh panicked"))),
            }
        })
        .await;
        let (model, snapshot) = match outcome {
            Ok(outcome) => outcome,
            Err(e) => (None, Err(e.into())),
        };
        follower.model = model;
        let snapshot = snapshot?;
        follower.rewrite_kept |= erased || current.index.needs_compaction();
        mark_seen(follower, seqs);
        self.publish(Ranking {
            snapshot: Arc::new(snapshot),
            index: current.index.clone(),
        });
        Ok(())
    }

    /// Writes the graph where the next start will read it (on shutdown).
    pub async fn keep_graph(&self) {
        let Some(path) = &self.kept else {
            return;
        };
        let mut follower = self.follower.lock().await;
        let seq = self.ranking().snapshot.seq;
        if let Some(model) = follower.model.take() {
            let (model, _) = kept::keep(&self.store, model, seq, path).await;
            follower.model = Some(model);
        }
    }

    /// Heap bytes of the graph: the editable model, the current snapshot and
    /// the node table they share.
    pub async fn memory(&self) -> GraphMemory {
        let follower = self.follower.lock().await;
        let snapshot = self.ranking().snapshot.clone();
        let model = follower.model.as_ref();
        GraphMemory {
            edges: model.map_or(0, GraphModel::edge_count),
            model: model.map_or(0, GraphModel::heap_bytes),
            csr: snapshot.heap_bytes(),
            node_table: model.map_or(0, GraphModel::node_table_bytes),
        }
    }

    /// The model's nodes and edges in canonical order, to compare a graph kept up
    /// to date write by write with one rebuilt from the store.
    pub async fn canonical(&self) -> (Vec<NodeData>, Vec<CanonicalEdge>) {
        let follower = self.follower.lock().await;
        follower.model.as_ref().map_or_else(Default::default, |m| {
            (m.canonical_nodes(), m.canonical_edges())
        })
    }

    /// Keeps the walks from well-linked nodes computed for the ranking in use,
    /// on one blocking thread, until the engine is dropped: all of them after
    /// a start, then those a change dropped (see [`walks`]). Queries never
    /// wait for it; until a walk is kept they push through its node.
    pub fn keep_warm(self: &Arc<Self>) -> tokio::task::JoinHandle<()> {
        let weak = Arc::downgrade(self);
        let published = self.published.clone();
        tokio::spawn(async move {
            loop {
                let Some(engine) = weak.upgrade() else {
                    break;
                };
                let ranking = engine.ranking();
                let config = engine.config.clone();
                drop(engine);
                let (engine, current) = (weak.clone(), ranking.clone());
                let started = Instant::now();
                let warmed = tokio::task::spawn_blocking(move || {
                    walks::warm(&current.snapshot, &config, || {
                        engine
                            .upgrade()
                            .is_none_or(|e| !Arc::ptr_eq(&e.ranking(), &current))
                    })
                })
                .await
                .unwrap_or(0);
                if warmed > 0 {
                    tracing::debug!(
                        walks = warmed,
                        kept = ranking.snapshot.walks.len(),
                        ms = started.elapsed().as_millis() as u64,
                        "walks from well-linked nodes kept"
                    );
                }
                drop(ranking);
                published.notified().await;
            }
        })
    }

    /// Follows the change log until the engine is dropped: at once when the
    /// store's change feed wakes it (PostgreSQL, with `notifications`), and
    /// after `period` without one (the fallback, and all there is on SQLite).
    /// One catch-up runs at a time; wakes during it leave one more pending.
    pub fn follow(
        self: &Arc<Self>,
        period: Duration,
        notifications: bool,
    ) -> tokio::task::JoinHandle<()> {
        let weak = Arc::downgrade(self);
        let feed = notifications.then(|| self.store.change_feed()).flatten();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(period);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                match &feed {
                    Some(feed) => tokio::select! {
                        _ = tick.tick() => {}
                        () = feed.woken() => {}
                    },
                    None => {
                        tick.tick().await;
                    }
                }
                let Some(engine) = weak.upgrade() else {
                    break;
                };
                if let Err(e) = engine.sync().await {
                    tracing::warn!(error = %e, "cannot follow the change log");
                }
                drop(engine);
                // The next poll is a whole period after this catch-up.
                tick.reset();
            }
        })
    }
}

/// Marks `seqs` applied, forgetting entries more than `LOOKBACK` behind the newest.
fn mark_seen(follower: &mut Follower, seqs: impl IntoIterator<Item = i64>) {
    follower.seen.extend(seqs);
    let top = follower.seen.last().copied().unwrap_or(0);
    follower.seen = follower.seen.split_off(&(top - LOOKBACK));
}

/// The entities asked for that the store no longer holds, and interviews it
/// holds without a published summary (never published, or disposed of): none
/// of them may keep a document in the text index.
fn removed(keys: &[(Entity, String)], rows: &GraphRows) -> Vec<(NodeKind, String)> {
    let unsearchable = rows
        .interviews
        .iter()
        .filter(|i| !(i.published && i.summary.is_some()))
        .map(|i| (NodeKind::Interview, i.id.clone()));
    let hidden = rows
        .people
        .iter()
        .filter(|p| !searchable_person(p))
        .map(|p| (NodeKind::Person, p.id.clone()));
    rows.missing(keys)
        .filter_map(|(e, id)| Some((NodeKind::of(*e)?, id.clone())))
        .chain(unsearchable)
        .chain(hidden)
        .collect()
}

/// Whether a person's name may be found: only those a search may return
/// (not left, not opted out), so a name says nothing of anyone else.
fn searchable_person(p: &crate::store::PersonNode) -> bool {
    crate::domain::PersonStatus::parse(&p.status)
        .is_ok_and(|s| s != crate::domain::PersonStatus::Left)
        && p.discoverable
}

/// The searchable text of the entities in `rows`.
fn text_docs(rows: &GraphRows) -> Vec<TextDoc> {
    let mut docs = Vec::with_capacity(
        rows.people.len() + rows.skills.len() + rows.communities.len() + rows.evidence.len(),
    );
    for p in rows.people.iter().filter(|p| searchable_person(p)) {
        // Names, so a question that names a colleague finds them; and the
        // topics they say to ask them about.
        docs.push(TextDoc {
            kind: NodeKind::Person,
            id: p.id.clone(),
            names: vec![p.name.clone()],
            body: p.topics.join("\n"),
        });
    }
    for s in &rows.skills {
        let mut names = vec![s.name.clone()];
        names.extend(s.aliases.iter().cloned());
        docs.push(TextDoc {
            kind: NodeKind::Skill,
            id: s.id.clone(),
            names,
            body: s.description.clone().unwrap_or_default(),
        });
    }
    for c in &rows.communities {
        docs.push(TextDoc {
            kind: NodeKind::Community,
            id: c.id.clone(),
            names: vec![c.name.clone()],
            body: c.description.clone().unwrap_or_default(),
        });
    }
    for e in &rows.evidence {
        docs.push(TextDoc {
            kind: NodeKind::Evidence,
            id: e.id.clone(),
            names: e.title.iter().cloned().collect(),
            body: e.text.clone(),
        });
    }
    for i in rows.interviews.iter().filter(|i| i.published) {
        if let Some(summary) = &i.summary {
            docs.push(TextDoc {
                kind: NodeKind::Interview,
                id: i.id.clone(),
                names: vec![],
                body: summary.clone(),
            });
        }
    }
    docs
}

/// Change-log entries a kept text index may replay before a full re-index is cheaper.
const MAX_REPLAY: i64 = 5_000;

/// What the text index needs before it matches the store.
enum IndexPlan {
    /// Everything, from these rows (with texts).
    Reindex,
    /// Only these entities changed since its last commit.
    Replay(Vec<(Entity, String)>, GraphRows),
}

/// Decides whether a kept index can be brought up to date by replaying the change log.
async fn plan_index(
    store: &Arc<dyn Store>,
    index: &TextIndex,
    seq: i64,
) -> anyhow::Result<IndexPlan> {
    let Some(covered) = index.coverage() else {
        return Ok(IndexPlan::Reindex);
    };
    if covered.seq > seq {
        // The index is ahead of this database: it belongs to another one.
        return Ok(IndexPlan::Reindex);
    }
    if covered.seq == seq {
        return Ok(IndexPlan::Replay(vec![], GraphRows::default()));
    }
    let changes = store.changes_since(covered.seq, MAX_REPLAY + 1).await?;
    if changes.len() as i64 > MAX_REPLAY || changes.iter().any(|c| c.entity == Entity::All) {
        return Ok(IndexPlan::Reindex);
    }
    let keys: Vec<(Entity, String)> = changes
        .into_iter()
        .filter(|c| c.seq <= seq)
        .map(|c| (c.entity, c.id))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let rows = store.graph_entities(&keys).await?;
    Ok(IndexPlan::Replay(keys, rows))
}

/// Puts evidence texts into rows read without them.
fn fill_texts(rows: &mut GraphRows, texts: Vec<(String, String)>) {
    let mut texts = texts.into_iter().peekable();
    for e in &mut rows.evidence {
        while texts.peek().is_some_and(|(id, _)| id < &e.id) {
            texts.next();
        }
        if let Some((_, text)) = texts.next_if(|(id, _)| id == &e.id) {
            e.text = text;
        }
    }
}

/// Brings the text index up to date as `plan` says; returns the milliseconds it took.
fn index_work(index: &TextIndex, rows: &GraphRows, plan: &IndexPlan) -> anyhow::Result<f64> {
    let t = Instant::now();
    match plan {
        IndexPlan::Reindex => index.update(&text_docs(rows), &[], true, rows.seq)?,
        IndexPlan::Replay(keys, changed) => {
            for s in &rows.skills {
                let mut names = vec![s.name.clone()];
                names.extend(s.aliases.iter().cloned());
                index.remember_skill(&s.id, &names);
            }
            index.update(
                &text_docs(changed),
                &removed(keys, changed),
                false,
                rows.seq,
            )?;
        }
    }
    Ok(t.elapsed().as_secs_f64() * 1e3)
}

async fn full_build(
    store: &Arc<dyn Store>,
    config: &RankConfig,
    index: Arc<TextIndex>,
) -> anyhow::Result<(GraphModel, Ranking, BuildStats)> {
    let started = Instant::now();
    let mut rows = store.graph_rows(false).await?;
    let plan = plan_index(store, &index, rows.seq).await?;
    if matches!(plan, IndexPlan::Reindex) {
        fill_texts(&mut rows, store.evidence_texts().await?);
    }
    let read_ms = started.elapsed().as_secs_f64() * 1e3;
    let weights = config.weights.clone();
    let summaries = rows
        .interviews
        .iter()
        .filter(|i| i.published && i.summary.is_some())
        .count();
    let expected = (rows.people.iter().filter(|p| searchable_person(p)).count()
        + rows.skills.len()
        + rows.communities.len()
        + rows.evidence.len()
        + summaries) as u64;
    let replayed = matches!(plan, IndexPlan::Replay(..));
    let idx = index.clone();
    let (model, snapshot, graph_ms, mut index_ms, mut rows) =
        tokio::task::spawn_blocking(move || {
            // The text index and the graph are built at the same time.
            let ((model, snapshot, graph_ms), index_ms) = std::thread::scope(|s| {
                let indexing = s.spawn(|| index_work(&idx, &rows, &plan));
                let t = Instant::now();
                let model = GraphModel::build(&rows, weights);
                let snapshot = model.snapshot(rows.seq);
                (
                    (model, snapshot, t.elapsed().as_secs_f64() * 1e3),
                    indexing.join(),
                )
            });
            let index_ms = index_ms.map_err(|_| anyhow::anyhow!("text indexing panicked"))??;
            anyhow::Ok((model, snapshot, graph_ms, index_ms, rows))
        })
        .await??;
    if replayed && index.num_docs() != expected {
        tracing::warn!("the kept text index did not match the store; rebuilding it");
        fill_texts(&mut rows, store.evidence_texts().await?);
        let idx = index.clone();
        let plan = IndexPlan::Reindex;
        let (ms, back) = tokio::task::spawn_blocking(move || {
            index_work(&idx, &rows, &plan).map(|ms| (ms, rows))
        })
        .await??;
        index_ms += ms;
        rows = back;
    }
    // Freeing a few hundred thousand rows takes a while; nobody waits for it.
    std::thread::spawn(move || drop(rows));
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
        index,
    };
    Ok((
        model,
        ranking,
        BuildStats {
            total_ms: started.elapsed().as_secs_f64() * 1e3,
            read_ms,
            graph_ms,
            index_ms,
            kept: false,
        },
    ))
}
