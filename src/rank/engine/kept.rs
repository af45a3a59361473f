//! Starting from the graph kept on disk: read the file, check it shows this
//! store, replay the change log since it was written, and bring the text index
//! up to date. Whenever something does not add up, the caller builds
//! everything from the store instead.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::graph::keep::{self, KeptAt};
use crate::graph::{GraphModel, NodeKind};
use crate::rank::config::RankConfig;
use crate::rank::text::TextIndex;
use crate::store::{Entity, Store};

use super::{BuildStats, IndexPlan, LOOKBACK, MAX_REPLAY, Ranking, index_work, plan_index};

/// The graph file beside the text index folder (`tacit.db.index` → `tacit.db.graph`).
pub(super) fn path(index_dir: &Path) -> PathBuf {
    index_dir.with_extension("graph")
}

/// Deletes the kept graph: it holds someone who has been erased since.
pub(super) fn forget(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => {
            tracing::info!(path = %path.display(), "kept graph deleted after a removal");
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => {
            tracing::warn!(error = %e, path = %path.display(), "cannot delete the kept graph");
            Err(e)
        }
    }
}

/// What a graph including change `seq` would be kept as; `None` before the first change.
async fn kept_at(store: &Arc<dyn Store>, seq: i64) -> anyhow::Result<Option<KeptAt>> {
    if seq <= 0 {
        return Ok(None);
    }
    let change = store.changes_since(seq - 1, 1).await?;
    let Some(change) = change.into_iter().next().filter(|c| c.seq == seq) else {
        return Ok(None);
    };
    Ok(Some(KeptAt {
        store: store.instance_id().await?,
        seq,
        entity: change.entity.as_str().to_string(),
        id: change.id,
    }))
}

/// Writes `model`, which includes change `seq`, to `path`, and hands it back
/// with whether it was written (`Ok(false)`: no change to keep it at). A
/// failure is logged here: for a start it only costs time.
pub(super) async fn keep(
    store: &Arc<dyn Store>,
    model: GraphModel,
    seq: i64,
    path: &Path,
) -> (GraphModel, anyhow::Result<bool>) {
    let at = match kept_at(store, seq).await {
        Ok(Some(at)) => at,
        Ok(None) => return (model, Ok(false)),
        Err(e) => {
            tracing::warn!(error = %e, "cannot keep the graph");
            return (model, Err(e));
        }
    };
    let model = Arc::new(model);
    let (shared, file) = (model.clone(), path.to_path_buf());
    let started = Instant::now();
    let written = tokio::task::spawn_blocking(move || keep::write(&file, &shared, &at)).await;
    let written = match written {
        Ok(Ok(())) => {
            tracing::debug!(
                ms = started.elapsed().as_millis() as u64,
                path = %path.display(),
                "graph kept"
            );
            Ok(true)
        }
        Ok(Err(e)) => {
            tracing::warn!(error = %e, path = %path.display(), "cannot keep the graph");
            Err(e.into())
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot keep the graph");
            Err(e.into())
        }
    };
    // The writer's copy of the handle is gone once it finished or failed.
    let model = Arc::try_unwrap(model).unwrap_or_else(|shared| (*shared).clone());
    (model, written)
}

/// The graph kept at `path`, brought up to date, with a ranking for it; `None`
/// when the file is missing, shows another store or point in its log, or
/// would take longer to replay than to rebuild.
pub(super) async fn warm_start(
    store: &Arc<dyn Store>,
    config: &RankConfig,
    index: Arc<TextIndex>,
    path: &Path,
) -> anyhow::Result<Option<(GraphModel, Ranking, BuildStats)>> {
    let started = Instant::now();
    let (file, weights) = (path.to_path_buf(), config.weights.clone());
    let Some((at, mut model)) =
        tokio::task::spawn_blocking(move || keep::read(&file, weights)).await?
    else {
        return Ok(None);
    };
    if kept_at(store, at.seq).await?.as_ref() != Some(&at) {
        tracing::info!("the kept graph is of another database or another point in its history");
        return Ok(None);
    }
    let read_ms = started.elapsed().as_secs_f64() * 1e3;
    // Entries just before the kept one are read again, as a follower does, in
    // case one that took an earlier number committed later.
    let changes = store
        .changes_since((at.seq - LOOKBACK).max(0), MAX_REPLAY + 1)
        .await?;
    // A bulk load noted at or before the kept entry is in the kept graph (on
    // SQLite entries commit in order; on PostgreSQL a bulk load that took an
    // earlier number but committed after the graph was read is the one case
    // this misses, and only there with a configured index folder).
    let bulk = changes
        .iter()
        .any(|c| c.entity == Entity::All && c.seq > at.seq);
    if changes.len() as i64 > MAX_REPLAY || bulk {
        return Ok(None);
    }
    let seq = changes.last().map_or(at.seq, |c| c.seq).max(at.seq);
    let keys: Vec<(Entity, String)> = changes
        .into_iter()
        .map(|c| (c.entity, c.id))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let plan = plan_index(store, &index, seq).await?;
    if matches!(plan, IndexPlan::Reindex) {
        return Ok(None);
    }
    let changed = store.graph_entities(&keys).await?;
    if changed
        .missing(&keys)
        .any(|(entity, _)| *entity == Entity::Person)
    {
        // Someone in the file was erased while the server was down; the
        // model is written again once replayed, without them.
        forget(path)?;
    }
    let t = Instant::now();
    model.refresh(&keys, &changed);
    let skills: Vec<(Entity, String)> = model
        .ids(NodeKind::Skill)
        .map(|id| (Entity::Skill, id.to_string()))
        .collect();
    let mut skills = store.graph_entities(&skills).await?;
    skills.seq = seq;
    let replay_ms = t.elapsed().as_secs_f64() * 1e3;
    let idx = index.clone();
    let (model, snapshot, graph_ms, index_ms) = tokio::task::spawn_blocking(move || {
        let index_ms = index_work(&idx, &skills, &plan)?;
        let t = Instant::now();
        let snapshot = model.snapshot(seq);
        let graph_ms = replay_ms + t.elapsed().as_secs_f64() * 1e3;
        anyhow::Ok((model, snapshot, graph_ms, index_ms))
    })
    .await??;
    if index.num_docs() != model.text_documents() as u64 {
        tracing::warn!("the kept text index does not match the kept graph; rebuilding both");
        return Ok(None);
    }
    tracing::info!(
        nodes = model.node_count(),
        edges = model.edge_count(),
        replayed = keys.len(),
        read_ms,
        graph_ms,
        index_ms,
        "knowledge graph read from the kept file"
    );
    let stats = BuildStats {
        total_ms: started.elapsed().as_secs_f64() * 1e3,
        read_ms,
        graph_ms,
        index_ms,
        kept: true,
    };
    let ranking = Ranking {
        snapshot: Arc::new(snapshot),
        index,
    };
    Ok(Some((model, ranking, stats)))
}
