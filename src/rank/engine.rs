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

use crate::graph::{CanonicalEdge, GraphMemory, GraphModel, NodeData, NodeKind, Snapshot};
use crate::store::{Entity, GraphRows, Store};

use super::config::RankConfig;
use super::experts::{Answer, ExpertQuery, experts};
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

mod gate;
mod kept;

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
                    Some(path) => kept::keep(&store, model, ranking.snapshot.seq, path).await,
                    None => model,
                };
                (model, ranking, stats)
            }
        };
        let mut seen: BTreeSet<i64> = visible.iter().map(|c| c.seq).collect();
        seen.insert(ranking.snapshot.seq);
        let engine = Engine {
            kept,
            store,
            config: Arc::new(config),
            current: ArcSwap::from_pointee(ranking),
            follower: Mutex::new(Follower { model, seen }),
            gate: Gate::per_core(),
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
            let index = self.ranking().index.clone();
            let (model, ranking, _) = full_build(&self.store, &self.config, index).await?;
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
        let removed = removed(&keys, &rows);
        if removed.iter().any(|(kind, _)| *kind == NodeKind::Person) {
            // An erased person must not outlive the erasure on disk.
            self.forget_kept();
        }
        let mut model = std::mem::take(&mut follower.model);
        let index = current.index.clone();
        let (model, snapshot) = tokio::task::spawn_blocking(move || {
            model.refresh(&keys, &rows);
            let snapshot = model.snapshot(top);
            index
                .update(&text_docs(&rows), &removed, false, top)
                .map(|()| (model, snapshot))
        })
        .await??;
        follower.model = model;
        self.current.store(Arc::new(Ranking {
            snapshot: Arc::new(snapshot),
            index: current.index.clone(),
        }));
        Ok(())
    }

    /// Writes the graph where the next start will read it (on shutdown).
    pub async fn keep_graph(&self) {
        let Some(path) = &self.kept else {
            return;
        };
        let mut follower = self.follower.lock().await;
        let seq = self.ranking().snapshot.seq;
        let model = std::mem::take(&mut follower.model);
        follower.model = kept::keep(&self.store, model, seq, path).await;
    }

    /// Deletes the kept graph (it is written again at shutdown).
    fn forget_kept(&self) {
        if let Some(path) = &self.kept {
            kept::forget(path);
        }
    }

    /// Heap bytes of the graph: the editable model, the current snapshot and
    /// the node table they share.
    pub async fn memory(&self) -> GraphMemory {
        let follower = self.follower.lock().await;
        let snapshot = self.ranking().snapshot.clone();
        GraphMemory {
            edges: follower.model.edge_count(),
            model: follower.model.heap_bytes(),
            csr: snapshot.heap_bytes(),
            node_table: follower.model.node_table_bytes(),
        }
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
        // Names only: a question that names a colleague finds them.
        docs.push(TextDoc {
            kind: NodeKind::Person,
            id: p.id.clone(),
            names: vec![p.name.clone()],
            body: String::new(),
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
