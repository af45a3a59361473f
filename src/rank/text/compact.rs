//! Compaction: deleting a document from the text index only marks it deleted;
//! its words stay in the segment files until the segment is rewritten. After a
//! disposal or an erasure they must not stay, so every segment holding deleted
//! documents is merged away at once and the files no commit uses are removed.

use std::sync::atomic::Ordering;

use super::TextIndex;

/// Merges tried before giving up: a background merge that started before the
/// deletion can hand back a segment that still holds deleted documents.
const ATTEMPTS: usize = 4;

impl TextIndex {
    /// Whether some segment still holds the words of a removed document.
    pub fn needs_compaction(&self) -> bool {
        self.stale.load(Ordering::Relaxed)
    }

    /// Rewrites every segment that holds deleted documents, so their words
    /// leave the files, then deletes the files no commit refers to.
    pub fn compact(&self) -> anyhow::Result<()> {
        let mut writer = self
            .writer
            .lock()
            .map_err(|_| anyhow::anyhow!("poisoned"))?;
        let mut last_error = None;
        for attempt in 0.. {
            let stale: Vec<_> = writer
                .index()
                .searchable_segment_metas()?
                .iter()
                .filter(|m| m.has_deletes())
                .map(|m| m.id())
                .collect();
            if stale.is_empty() {
                break;
            }
            if attempt == ATTEMPTS {
                let e = last_error
                    .unwrap_or_else(|| anyhow::anyhow!("segments with deleted documents remain"));
                return Err(e.context("cannot rewrite the text index segments"));
            }
            // A merge that lost a race with a background merge fails; the next
            // round merges whatever that one left.
            if let Err(e) = writer.merge(&stale).wait() {
                last_error = Some(anyhow::Error::from(e));
            }
        }
        // Searches move to the new segments before the old files go.
        self.reader.reload()?;
        let collected = writer.garbage_collect_files().wait()?;
        if !collected.failed_to_delete_files.is_empty() {
            anyhow::bail!(
                "cannot delete {} old text index file(s)",
                collected.failed_to_delete_files.len()
            );
        }
        self.stale.store(false, Ordering::Relaxed);
        Ok(())
    }
}
