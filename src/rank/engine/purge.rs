//! After a disposal or an erasure: what was removed must leave the disk, not
//! only the answers. Deleted text-index documents keep their words in their
//! segments until these are rewritten, the kept graph file holds whatever the
//! model held when it was written, and the database keeps old pages in its
//! write-ahead log. One place does all three, for disposal and erasure alike;
//! the follower runs the first two whenever it applies a removal, so a
//! disposal made by another process (`tacit dispose --due`) is purged too.

use std::path::Path;

use super::{Engine, Follower, kept};

/// What is known to be left on disk after a disposal or an erasure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiskCleanup {
    /// Each thing left, in words; empty when the clean-up finished.
    pub remaining: Vec<String>,
}

impl DiskCleanup {
    pub fn complete(&self) -> bool {
        self.remaining.is_empty()
    }
}

/// Logs and counts a clean-up step that failed, and says what it left.
fn failed(step: &'static str, what: &str, error: &dyn std::fmt::Display) -> String {
    tracing::warn!(step, error = %error, "{what}");
    metrics::counter!("tacit_disk_cleanup_failures_total", "step" => step).increment(1);
    format!("{what}: {error}")
}

impl Engine {
    /// Run after a disposal or an erasure has committed: applies it to the
    /// graph and the text index, rewrites the index segments and the kept
    /// graph without it, and scrubs the database files. Each step that fails
    /// is logged, counted (`tacit_disk_cleanup_failures_total`) and named in
    /// the result; the index and graph steps are retried by the next sync.
    pub async fn scrub_disk(&self) -> DiskCleanup {
        let mut remaining = Vec::new();
        if let Err(e) = self.sync().await {
            remaining.push(failed(
                "sync",
                "the search index has not caught up with the removal",
                &e,
            ));
        }
        let mut follower = self.follower.lock().await;
        remaining.extend(self.purge(&mut follower).await);
        drop(follower);
        match self.store.scrub_files().await {
            Ok(scrub) => {
                for left in scrub.remaining {
                    remaining.push(failed("database", "database files not scrubbed", &left));
                }
            }
            Err(e) => remaining.push(failed("database", "cannot scrub the database files", &e)),
        }
        DiskCleanup { remaining }
    }

    /// Compacts the text index and rewrites the kept graph when a removal
    /// left them holding removed data; returns what could not be done.
    pub(super) async fn purge(&self, follower: &mut Follower) -> Vec<String> {
        let mut left = Vec::new();
        let index = self.ranking().index.clone();
        if index.needs_compaction() {
            let compacted = tokio::task::spawn_blocking(move || index.compact()).await;
            match compacted {
                Ok(Ok(())) => tracing::debug!("text index compacted after a removal"),
                Ok(Err(e)) => left.push(failed(
                    "text_index",
                    "removed words stay in the text index files",
                    &format!("{e:#}"),
                )),
                Err(e) => left.push(failed(
                    "text_index",
                    "removed words stay in the text index files",
                    &e,
                )),
            }
        }
        if follower.rewrite_kept {
            match self.rewrite_kept(follower).await {
                Ok(()) => follower.rewrite_kept = false,
                Err(e) => left.push(failed(
                    "kept_graph",
                    "the kept graph file still holds removed data",
                    &format!("{e:#}"),
                )),
            }
        }
        left
    }

    /// Writes the kept graph again from the current model, or deletes it when
    /// that cannot be done. Nothing to do when no file is kept.
    async fn rewrite_kept(&self, follower: &mut Follower) -> anyhow::Result<()> {
        let Some(path) = self.kept.as_deref().filter(|p| p.exists()) else {
            return Ok(());
        };
        let Some(model) = follower.model.take() else {
            return forget(path);
        };
        let seq = self.ranking().snapshot.seq;
        let (model, written) = kept::keep(&self.store, model, seq, path).await;
        follower.model = Some(model);
        match written {
            Ok(true) => Ok(()),
            // Not written: the old file must not stay instead.
            Ok(false) | Err(_) => forget(path),
        }
    }
}

fn forget(path: &Path) -> anyhow::Result<()> {
    Ok(kept::forget(path)?)
}
