//! Work derived from one snapshot and kept with it: per node, the people a
//! ranking signal gives from that node alone (the walk from a well-linked
//! node, a skill's holders and writers, a community's active members), which
//! ranking combines instead of working them out again for every question
//! (see `rank::walks` and `rank::signals`). A new snapshot takes over what its
//! changes cannot have moved much, and drops the rest.

use std::sync::{Arc, OnceLock, RwLock};

use rustc_hash::FxHashMap;

use super::NodeId;

/// People with their scores from one node, strongest first.
pub type Vector = Arc<[(NodeId, f32)]>;

/// Vectors from single nodes, for one setting of what computes them (the
/// walk's restart and threshold, say): asked with another setting, it has
/// nothing and keeps nothing.
#[derive(Debug, Default)]
pub struct Memo {
    setting: OnceLock<u64>,
    walks: RwLock<FxHashMap<NodeId, Vector>>,
    /// Node ids of the snapshot: none beyond is kept.
    nodes: usize,
}

impl Memo {
    /// An empty memo for a snapshot of `nodes` node ids.
    pub fn new(nodes: usize) -> Memo {
        Memo {
            setting: OnceLock::new(),
            walks: RwLock::default(),
            nodes,
        }
    }

    /// Whether the walks kept are for `setting` (and so may be used).
    pub fn is_for(&self, setting: u64) -> bool {
        self.setting.get() == Some(&setting)
    }

    /// The walk from `node` for `setting`, if kept.
    pub fn get(&self, setting: u64, node: NodeId) -> Option<Vector> {
        if self.setting.get() != Some(&setting) {
            return None;
        }
        self.read().get(&node).cloned()
    }

    /// Keeps `walk` from `node`; the first setting kept is the memo's.
    pub fn put(&self, setting: u64, node: NodeId, walk: Vector) {
        if *self.setting.get_or_init(|| setting) != setting {
            return;
        }
        if (node as usize) < self.nodes {
            self.write().insert(node, walk);
        }
    }

    pub fn contains(&self, setting: u64, node: NodeId) -> bool {
        self.is_for(setting) && self.read().contains_key(&node)
    }

    pub fn len(&self) -> usize {
        self.read().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Takes over the walks of `older` that `keep` accepts (given the node
    /// and its walk).
    pub fn inherit(&self, older: &Memo, keep: impl Fn(NodeId, &Vector) -> bool) {
        let Some(&setting) = older.setting.get() else {
            return;
        };
        if *self.setting.get_or_init(|| setting) != setting {
            return;
        }
        let taken: Vec<(NodeId, Vector)> = older
            .read()
            .iter()
            .filter(|(n, w)| (**n as usize) < self.nodes && keep(**n, w))
            .map(|(n, w)| (*n, w.clone()))
            .collect();
        self.write().extend(taken);
    }

    /// Heap bytes of the kept walks and their table.
    pub fn heap_bytes(&self) -> usize {
        let walks = self.read();
        walks.capacity() * (std::mem::size_of::<(NodeId, Vector)>() + 1)
            + walks
                .values()
                .map(|w| 16 + std::mem::size_of_val(&**w))
                .sum::<usize>()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, FxHashMap<NodeId, Vector>> {
        // A panic while holding the lock leaves the map whole: keep using it.
        self.walks.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, FxHashMap<NodeId, Vector>> {
        self.walks.write().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_setting_and_inherits_what_it_is_told() {
        let memo = Memo::new(10);
        assert!(memo.get(1, 3).is_none());
        memo.put(1, 3, Arc::from(vec![(7, 0.5)]));
        memo.put(1, 4, Arc::from(vec![(8, 0.5)]));
        memo.put(2, 5, Arc::from(vec![(9, 0.5)]));
        assert_eq!(memo.len(), 2, "another setting is not kept");
        assert!(memo.get(2, 3).is_none(), "nor given");
        assert_eq!(memo.get(1, 3).as_deref(), Some(&[(7, 0.5)][..]));
        assert!(memo.contains(1, 3) && !memo.contains(1, 5));
        memo.put(1, 99, Arc::from(vec![(9, 0.5)]));
        assert!(
            !memo.contains(1, 99),
            "a node the snapshot does not have is not kept"
        );
        let next = Memo::new(10);
        next.inherit(&memo, |n, _| n != 4);
        assert!(next.contains(1, 3) && !next.contains(1, 4) && next.is_for(1));
        assert!(next.heap_bytes() > 0);
    }
}
