//! What a disposal or an erasure left on disk, for the payloads that report it.

use async_graphql::SimpleObject;

/// Whether what was destroyed also left the files on disk: the database's
/// write-ahead log, the search index segments and the kept graph.
#[derive(SimpleObject)]
pub struct DiskCleanup {
    /// True when nothing is known to be left on disk.
    pub complete: bool,
    /// What is left and why, when not complete. The server retries the
    /// search-index and graph steps on its next update.
    pub remaining: Vec<String>,
}

impl From<crate::rank::DiskCleanup> for DiskCleanup {
    fn from(c: crate::rank::DiskCleanup) -> Self {
        DiskCleanup {
            complete: c.complete(),
            remaining: c.remaining,
        }
    }
}
