//! Work derived from one snapshot and kept with it: the walks from single
//! well-linked nodes, which ranking combines instead of walking again (see
//! `rank::walks`). A new snapshot takes over the walks its changes cannot
//! have moved much, and drops the rest.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

use rustc_hash::FxHashMap;

use super::NodeId;

/// The people a walk from one node reaches, strongest first, with their scores.
pub type Walk = Arc<[(NodeId, f32)]>;

/// Walks from single nodes, for one setting of the walk (restart and
/// threshold): asked with another setting, it has nothing and keeps nothing.
#[derive(Debug, Default)]
pub struct WalkMemo {
    setting: OnceLock<u64>,
    walks: RwLock<FxHashMap<NodeId, Walk>>,
    /// Per node, whether its walk is kept: read in a walk's inner loop, so
    /// without a lock.
    kept: Box<[AtomicBool]>,
}

impl WalkMemo {
    /// An empty memo for a snapshot of `nodes` node ids.
    pub fn new(nodes: usize) -> WalkMemo {
        WalkMemo {
            setting: OnceLock::new(),
            walks: RwLock::default(),
            kept: (0..nodes).map(|_| AtomicBool::new(false)).collect(),
        }
    }

    /// Whether the walks kept are for `setting` (and so may be used).
    pub fn is_for(&self, setting: u64) -> bool {
        self.setting.get() == Some(&setting)
    }

    /// Whether the walk from `node` is kept, for the memo's setting.
    #[inline]
    pub fn has(&self, node: NodeId) -> bool {
        self.kept
            .get(node as usize)
            .is_some_and(|k| k.load(Ordering::Acquire))
    }

    /// The walk from `node` for `setting`, if kept.
    pub fn get(&self, setting: u64, node: NodeId) -> Option<Walk> {
        if self.setting.get() != Some(&setting) {
            return None;
        }
        self.read().get(&node).cloned()
    }

    /// Keeps `walk` from `node`; the first setting kept is the memo's.
    pub fn put(&self, setting: u64, node: NodeId, walk: Walk) {
        if *self.setting.get_or_init(|| setting) != setting {
            return;
        }
        let Some(flag) = self.kept.get(node as usize) else {
            return;
        };
        self.write().insert(node, walk);
        // Only once the walk can be read.
        flag.store(true, Ordering::Release);
    }

    pub fn contains(&self, setting: u64, node: NodeId) -> bool {
        self.is_for(setting) && self.has(node)
    }

    pub fn len(&self) -> usize {
        self.read().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Takes over the walks of `older` that `keep` accepts (given the node
    /// and its walk).
    pub fn inherit(&self, older: &WalkMemo, keep: impl Fn(NodeId, &Walk) -> bool) {
        let Some(&setting) = older.setting.get() else {
            return;
        };
        if *self.setting.get_or_init(|| setting) != setting {
            return;
        }
        let taken: Vec<(NodeId, Walk)> = older
            .read()
            .iter()
            .filter(|(n, w)| (**n as usize) < self.kept.len() && keep(**n, w))
            .map(|(n, w)| (*n, w.clone()))
            .collect();
        let mut walks = self.write();
        for (n, w) in taken {
            walks.insert(n, w);
            self.kept[n as usize].store(true, Ordering::Release);
        }
    }

    /// Heap bytes of the kept walks and their table.
    pub fn heap_bytes(&self) -> usize {
        let walks = self.read();
        self.kept.len()
            + walks.capacity() * (std::mem::size_of::<(NodeId, Walk)>() + 1)
            + walks
                .values()
                .map(|w| 16 + std::mem::size_of_val(&**w))
                .sum::<usize>()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, FxHashMap<NodeId, Walk>> {
        // A panic while holding the lock leaves the map whole: keep using it.
        self.walks.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, FxHashMap<NodeId, Walk>> {
        self.walks.write().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_setting_and_inherits_what_it_is_told() {
        let memo = WalkMemo::new(10);
        assert!(memo.get(1, 3).is_none());
        memo.put(1, 3, Arc::from(vec![(7, 0.5)]));
        memo.put(1, 4, Arc::from(vec![(8, 0.5)]));
        memo.put(2, 5, Arc::from(vec![(9, 0.5)]));
        assert_eq!(memo.len(), 2, "another setting is not kept");
        assert!(memo.get(2, 3).is_none(), "nor given");
        assert_eq!(memo.get(1, 3).as_deref(), Some(&[(7, 0.5)][..]));
        assert!(memo.has(3) && !memo.has(5) && !memo.has(99));
        memo.put(1, 99, Arc::from(vec![(9, 0.5)]));
        assert!(
            !memo.has(99),
            "a node the snapshot does not have is not kept"
        );
        let next = WalkMemo::new(10);
        next.inherit(&memo, |n, _| n != 4);
        assert!(next.contains(1, 3) && !next.contains(1, 4) && next.is_for(1));
        assert!(next.heap_bytes() > 0);
    }
}
