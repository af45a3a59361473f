//! A switch for unit tests: make the next update fail or panic.

use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Default)]
pub(super) struct Fault(AtomicU8);

const NONE: u8 = 0;
const FAIL: u8 = 1;
const PANIC: u8 = 2;

impl Fault {
    /// Fails or panics once, when armed.
    pub(super) fn strike(&self) -> anyhow::Result<()> {
        match self.0.swap(NONE, Ordering::SeqCst) {
            FAIL => anyhow::bail!("injected text index failure"),
            PANIC => panic!("injected text index panic"),
            _ => Ok(()),
        }
    }
}

impl super::TextIndex {
    /// Makes the next [`super::TextIndex::update`] fail (or panic, with `panic`).
    pub(crate) fn fail_next_update(&self, panic: bool) {
        self.fault
            .0
            .store(if panic { PANIC } else { FAIL }, Ordering::SeqCst);
    }
}
