//! How much ranking runs at once. Each ranking holds a permit while it runs
//! on a blocking thread, so a flood of searches queues instead of starving
//! everything else; a ranking that could only start after its request's
//! deadline does not start at all.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

/// Why a ranking did not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("too many searches are waiting; try again in a moment")]
    Busy,
    #[error("the request ran out of time before its search could start")]
    Late,
    #[error("the search stopped unexpectedly")]
    Failed,
}

/// The longest a ranking waits for a permit, whatever its deadline.
const MAX_WAIT: Duration = Duration::from_secs(2);
/// Rankings that may wait, per permit, before more are refused at once.
const WAITING_PER_PERMIT: usize = 16;

pub struct Gate {
    permits: Arc<Semaphore>,
    waiting: AtomicUsize,
    max_waiting: usize,
}

impl Gate {
    /// A gate letting `running` rankings run at once (at least one).
    pub fn new(running: usize) -> Gate {
        let running = running.max(1);
        Gate {
            permits: Arc::new(Semaphore::new(running)),
            waiting: AtomicUsize::new(0),
            max_waiting: running * WAITING_PER_PERMIT,
        }
    }

    /// As many as the machine has cores.
    pub fn per_core() -> Gate {
        Gate::new(std::thread::available_parallelism().map_or(2, usize::from))
    }

    /// Runs `work` on a blocking thread once a permit is free, unless too
    /// many are waiting already or `deadline` passes first. The permit is
    /// held until `work` ends, even if the caller stops waiting for it.
    pub async fn run<T: Send + 'static>(
        &self,
        deadline: Option<Instant>,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Refused> {
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            metrics::counter!("tacit_rankings_refused_total", "reason" => "busy").increment(1);
            return Err(Refused::Busy);
        }
        let wait = deadline
            .map_or(MAX_WAIT, |d| d.saturating_duration_since(Instant::now()))
            .min(MAX_WAIT);
        let permit = tokio::time::timeout(wait, self.permits.clone().acquire_owned()).await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        let permit = match permit {
            Ok(Ok(p)) => p,
            Ok(Err(_)) => return Err(Refused::Failed),
            Err(_) => {
                metrics::counter!("tacit_rankings_refused_total", "reason" => "busy").increment(1);
                return Err(Refused::Busy);
            }
        };
        if deadline.is_some_and(|d| Instant::now() >= d) {
            metrics::counter!("tacit_rankings_refused_total", "reason" => "late").increment(1);
            return Err(Refused::Late);
        }
        tokio::task::spawn_blocking(move || {
            let out = work();
            drop(permit);
            out
        })
        .await
        .map_err(|_| Refused::Failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_gate_refuses_and_a_late_ranking_never_starts() {
        let gate = Arc::new(Gate::new(1));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let busy = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.run(None, move || hold.recv().is_ok()).await })
        };
        // Let the first ranking take the only permit.
        while gate.permits.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let started = Arc::new(AtomicUsize::new(0));
        let s = started.clone();
        let late = gate
            .run(
                Some(Instant::now() + Duration::from_millis(20)),
                move || s.fetch_add(1, Ordering::SeqCst),
            )
            .await;
        assert_eq!(late, Err(Refused::Busy), "no permit came free in time");
        release.send(()).expect("release");
        assert_eq!(busy.await.expect("join"), Ok(true));
        let past = gate
            .run(Some(Instant::now() - Duration::from_millis(1)), move || 1)
            .await;
        assert_eq!(past, Err(Refused::Late));
        assert_eq!(
            started.load(Ordering::SeqCst),
            0,
            "nothing ran after its deadline"
        );
    }
}
