//! The data plane's own threads: one single-threaded runtime per core, as nginx runs one worker
//! process per core. A client connection, once accepted, lives on one worker for its whole life
//! together with the target connections it borrows from that worker's pool (`pool.rs`), so the
//! wake-ups between the client side and the target side of a request are local queue pushes:
//! no work stealing, no futex wake of another thread, no cache line crossing cores. Connections
//! are dealt to the workers in turn by the listener's accept loop.

use std::cell::Cell;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::runtime::Handle;
use tokio::sync::oneshot;

thread_local! {
    /// The index of the worker this thread runs, if it is one.
    static WORKER: Cell<Option<usize>> = const { Cell::new(None) };
}

/// The worker the calling thread runs, if any.
pub(crate) fn current() -> Option<usize> {
    WORKER.with(Cell::get)
}

/// The period of a worker's timer floor (below the shortest per-request timer, the 200-ms
/// hung-target suspicion in `forward.rs`).
const TIMER_FLOOR: Duration = Duration::from_millis(100);

/// Keeps a timer due within `TIMER_FLOOR` on the worker at all times. Tokio's time driver wakes
/// its own I/O driver (an eventfd write, and one more `epoll_wait` round) whenever a timer is
/// registered earlier than the driver's next wake-up; each proxied request registers one (its
/// hung-target deadline), so at low load every request paid that write and wake-up — measured:
/// one eventfd `write` and one extra `epoll_wait` per request with a single client. With a timer
/// always due sooner, a request's deadline is never the earliest and registers silently; the
/// price is ten wake-ups a second of an idle worker.
async fn timer_floor() {
    let mut tick = tokio::time::interval(TIMER_FLOOR);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
    }
}

pub(crate) struct Workers {
    handles: Vec<Handle>,
    next: AtomicUsize,
    /// Dropped with the proxy: each worker's runtime then ends.
    _stop: Vec<oneshot::Sender<()>>,
}

impl Workers {
    /// `n` workers (at least one). A worker that cannot be started leaves the others serving;
    /// with none at all, connections are served on the caller's runtime (`spawn` falls back).
    pub(crate) fn start(n: usize) -> Workers {
        let mut handles = Vec::with_capacity(n);
        let mut stop = Vec::with_capacity(n);
        for i in 0..n.max(1) {
            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(r) => r,
                Err(e) => {
                    tracing::error!(error = %e, "proxy worker runtime cannot be built");
                    continue;
                }
            };
            let handle = runtime.handle().clone();
            let (tx, rx) = oneshot::channel::<()>();
            let started = std::thread::Builder::new().name(format!("hg-proxy-{i}")).spawn(move || {
                WORKER.with(|w| w.set(Some(i)));
                // Runs the connections spawned onto it until the proxy is dropped.
                let _ = runtime.block_on(async {
                    tokio::spawn(timer_floor());
                    rx.await
                });
            });
            match started {
                Ok(_) => {
                    handles.push(handle);
                    stop.push(tx);
                }
                Err(e) => tracing::error!(error = %e, "proxy worker thread cannot be started"),
            }
        }
        Workers { handles, next: AtomicUsize::new(0), _stop: stop }
    }

    /// How many pools the workers need: one each, and one for work done off the workers.
    pub(crate) fn slots(&self) -> usize {
        self.handles.len() + 1
    }

    /// Run a connection's future on the next worker in turn.
    pub(crate) fn spawn<F>(&self, f: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        if self.handles.is_empty() {
            tokio::spawn(f);
            return;
        }
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.handles.len();
        self.handles[i].spawn(f);
    }
}
