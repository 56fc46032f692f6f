//! The load-balancer data plane: one async proxy serving every listener of every load
//! balancer. It reads its routing table from an immutable snapshot swapped atomically by
//! `Proxy::apply`, so reconfiguration never blocks a request; per-target runtime state (health,
//! requests in flight) survives the swap.
//!
//! The phases of one request (`forward.rs`): find the listener by local address → match its
//! rules (`rules.rs`) → fixed response, redirect, or forward: weighted choice of target group,
//! selection of a target (`selection.rs`) among the healthy, non-draining ones (all
//! non-draining ones when none is healthy: ALB's fail-open) → a pooled connection (`pool.rs`) →
//! the response streamed back unbuffered. A refused or reset connection marks the target
//! unhealthy at once (`health.rs`) and the request goes to another target when that is safe:
//! always when the connection was never made, and for idempotent requests without a body
//! otherwise, within a retry budget (`budget.rs`).

mod access_log;
pub mod budget;
pub mod config;
pub mod dial;
mod fast;
mod forward;
pub mod health;
mod pool;
pub mod proxy_protocol;
pub mod rules;
pub mod selection;
mod stats;
mod sticky;
mod tcp;
mod tls;
mod udp;
mod workers;

pub use tcp::TCP_FLOW_IDLE;
pub use udp::UDP_FLOW_IDLE;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// Spacing of the health checks of a target still in its `initial` state.
const INITIAL_CHECK_SPACING: Duration = Duration::from_millis(250);
/// How often a target live traffic found down is probed until it answers again.
const QUICK_RECHECK: Duration = Duration::from_millis(100);

use bytes::Bytes;
use http_body_util::combinators::BoxBody;

pub use config::*;
pub use dial::Via;
pub use health::{Failure, State};
pub use stats::Counts;

pub(crate) type Body = BoxBody<Bytes, hyper::Error>;

/// A target's runtime: survives reconfiguration for as long as the target stays in its group.
pub(crate) struct Target {
    pub cfg: TargetConfig,
    pub draining: AtomicBool,
    pub outstanding: AtomicUsize,
    /// Recent time to a response head, microseconds (an exponentially weighted mean).
    pub latency_us: AtomicU64,
    pub health: Mutex<health::Health>,
    pub next_check: Mutex<Instant>,
    pub checking: AtomicBool,
}

impl Target {
    /// Note the time a response head took (a weighted mean: 1/8 of each new sample).
    pub(crate) fn answered_in(&self, micros: u64) {
        let old = self.latency_us.load(Ordering::Relaxed);
        let new = if old == 0 { micros } else { old - old / 8 + micros / 8 };
        self.latency_us.store(new.max(1), Ordering::Relaxed);
    }

    /// How long a request may wait for its response head before the target is suspected hung:
    /// ten times its recent latency, between 200 ms and 1 s.
    pub(crate) fn hung_after(&self) -> Duration {
        let us = self.latency_us.load(Ordering::Relaxed).saturating_mul(10);
        Duration::from_micros(us).clamp(Duration::from_millis(200), Duration::from_secs(1))
    }

    /// Live traffic found the target down (refusing, resetting, or hung): out of rotation at
    /// once, and re-probed quickly from now on.
    pub(crate) fn mark_down(&self, why: health::Failure) {
        let mut h = self.health.lock().unwrap_or_else(|e| e.into_inner());
        let was = h.state;
        h.passive_failure_for(why);
        if was != health::State::Unhealthy {
            tracing::info!(target = %self.cfg.id, port = self.cfg.port, reason = ?why, "target marked unhealthy by live traffic");
        }
        drop(h);
        *self.next_check.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now() + QUICK_RECHECK;
    }
}

pub(crate) struct Group {
    pub cfg: GroupConfig,
    pub targets: Vec<Arc<Target>>,
    pub selector: Arc<dyn selection::Selector>,
    /// Carried across reconfigurations, like the targets.
    pub stats: Arc<stats::Stats>,
}

/// The routing snapshot.
#[derive(Default)]
pub(crate) struct Table {
    pub listeners: HashMap<SocketAddr, Arc<ListenerConfig>>,
    pub groups: HashMap<String, Arc<Group>>,
    /// Per load balancer (its address), carried across reconfigurations.
    pub lb_stats: HashMap<std::net::IpAddr, Arc<stats::Stats>>,
    /// HTTPS listeners' TLS acceptors.
    pub tls: HashMap<SocketAddr, tokio_rustls::TlsAcceptor>,
    /// Per load balancer (its address) that logs its requests.
    pub access_logs: HashMap<std::net::IpAddr, Arc<access_log::AccessLog>>,
}

pub(crate) struct Inner {
    table: RwLock<Arc<Table>>,
    pub pool: pool::Pool,
    /// The threads client connections are served on.
    pub workers: workers::Workers,
    pub budget: budget::RetryBudget,
    pub weighted_counter: AtomicU64,
    /// Accepting TCP listeners by (`Via::key` of where they listen, 0 for the host; address).
    accepting: Mutex<HashMap<(u64, SocketAddr), tokio::task::JoinHandle<()>>>,
    /// UDP and TCP_UDP listeners' sockets (`udp.rs`).
    udp: udp::Sockets,
}

impl Inner {
    pub fn table(&self) -> Arc<Table> {
        self.table.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// `Proxy::take_counts`: per target group (ARN, counts, healthy targets), per load balancer
/// address.
pub struct TakenCounts {
    pub groups: Vec<(String, Counts, usize)>,
    pub lb: Vec<(std::net::IpAddr, Counts)>,
}

/// What the proxy knows of one target, for DescribeTargetHealth.
#[derive(Debug, Clone)]
pub struct TargetStatus {
    pub state: State,
    pub reason: Option<Failure>,
    pub checked: bool,
    pub draining: bool,
    pub in_flight: usize,
}

#[derive(Clone)]
pub struct Proxy {
    inner: Arc<Inner>,
}

impl Default for Proxy {
    fn default() -> Self {
        Self::new()
    }
}

impl Proxy {
    /// A proxy serving its connections on one worker thread per core.
    pub fn new() -> Proxy {
        Proxy::with_workers(std::thread::available_parallelism().map_or(1, |n| n.get()))
    }

    /// A proxy serving its connections on `n` worker threads.
    pub fn with_workers(n: usize) -> Proxy {
        let workers = workers::Workers::start(n);
        Proxy {
            inner: Arc::new(Inner {
                table: RwLock::new(Arc::new(Table::default())),
                pool: pool::Pool::new(workers.slots()),
                workers,
                budget: budget::RetryBudget::new(0.2, 20.0, 200.0),
                weighted_counter: AtomicU64::new(0),
                accepting: Mutex::new(HashMap::new()),
                udp: udp::Sockets::default(),
            }),
        }
    }

    /// Start the active health checker. Call once, inside the runtime.
    pub fn spawn_health_checker(&self) -> tokio::task::JoinHandle<()> {
        let inner = self.inner.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(100));
            loop {
                tick.tick().await;
                let table = inner.table();
                let now = Instant::now();
                for g in table.groups.values() {
                    if !g.cfg.in_use || !g.cfg.health.enabled {
                        continue;
                    }
                    for t in &g.targets {
                        if t.draining.load(Ordering::Relaxed) || t.checking.load(Ordering::Relaxed) {
                            continue;
                        }
                        if *t.next_check.lock().unwrap_or_else(|e| e.into_inner()) > now {
                            continue;
                        }
                        t.checking.store(true, Ordering::Relaxed);
                        let (t, settings) = (t.clone(), g.cfg.health.clone());
                        tokio::spawn(async move {
                            let mut addr = t.cfg.addr;
                            if let Some(p) = settings.port {
                                addr.set_port(p);
                            }
                            let outcome = health::check(addr, t.cfg.via.as_ref(), &settings).await;
                            // A new target gets its first verdict quickly ("the minimum number of
                            // health checks required", as AWS puts it): a booting instance is
                            // admitted as soon as it answers, not a whole interval later. A target
                            // live traffic found down is re-probed as quickly, and returns at its
                            // first passing check (a restarted process serves again at once).
                            let next = {
                                let mut h = t.health.lock().unwrap_or_else(|e| e.into_inner());
                                let before = h.state;
                                h.observe(outcome, settings.healthy_threshold, settings.unhealthy_threshold);
                                if h.state != before {
                                    tracing::info!(target = %t.cfg.id, port = t.cfg.port, state = ?h.state, reason = ?h.reason, "target health changed");
                                }
                                let quick = if h.state == health::State::Initial {
                                    INITIAL_CHECK_SPACING
                                } else {
                                    QUICK_RECHECK
                                };
                                h.next_check(settings.interval, quick)
                            };
                            *t.next_check.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now() + next;
                            t.checking.store(false, Ordering::Relaxed);
                        });
                    }
                }
            }
        })
    }

    /// Start the access-log writer: each load balancer's gathered lines become a file every
    /// interval. Call once, inside the runtime.
    pub fn spawn_access_log_writer(&self) -> tokio::task::JoinHandle<()> {
        let inner = self.inner.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(access_log::FLUSH_TICK);
            loop {
                tick.tick().await;
                let logs: Vec<_> = inner.table().access_logs.values().cloned().collect();
                if logs.is_empty() {
                    continue;
                }
                // File writes off the runtime's threads.
                let _ = tokio::task::spawn_blocking(move || {
                    for log in logs {
                        log.flush(false);
                    }
                })
                .await;
            }
        })
    }

    /// Swap in a new configuration: listeners start and stop accepting, targets keep their
    /// health and counters. Requests in flight finish on the snapshot they started with.
    /// Returns the listeners that cannot be served, and why (an unusable certificate, an
    /// address that cannot be bound).
    pub fn apply(&self, config: Config) -> Vec<(SocketAddr, String)> {
        let mut faults = Vec::new();
        let old = self.inner.table();
        let mut table = Table::default();
        for g in config.groups {
            let previous = old.groups.get(&g.arn);
            let targets = g
                .targets
                .iter()
                .map(|tc| {
                    let kept = previous.and_then(|p| {
                        p.targets.iter().find(|t| t.cfg.id == tc.id && t.cfg.port == tc.port && t.cfg.addr == tc.addr)
                    });
                    match kept {
                        Some(t) => {
                            t.draining.store(tc.draining, Ordering::Relaxed);
                            t.clone()
                        }
                        None => Arc::new(Target {
                            cfg: tc.clone(),
                            draining: AtomicBool::new(tc.draining),
                            outstanding: AtomicUsize::new(0),
                            latency_us: AtomicU64::new(0),
                            health: Mutex::new(health::Health::default()),
                            next_check: Mutex::new(Instant::now()),
                            checking: AtomicBool::new(false),
                        }),
                    }
                })
                .collect();
            let selector = match previous {
                Some(p) if p.cfg.algorithm == g.algorithm => p.selector.clone(),
                _ => Arc::from(selection::selector(g.algorithm)),
            };
            let stats = previous.map(|p| p.stats.clone()).unwrap_or_default();
            table.groups.insert(g.arn.clone(), Arc::new(Group { cfg: g, targets, selector, stats }));
        }
        for l in config.listeners {
            if let Some(id) = &l.tls {
                // Reuse the acceptor while the certificate is unchanged.
                let same = old.listeners.get(&l.addr).is_some_and(|o| o.tls.as_ref() == Some(id));
                let acceptor = match old.tls.get(&l.addr).filter(|_| same) {
                    Some(a) => a.clone(),
                    None => match tls::acceptor(id) {
                        Ok(a) => a,
                        Err(e) => {
                            // Never serve plain HTTP on an HTTPS listener.
                            tracing::error!(addr = %l.addr, error = %e, "HTTPS listener has no usable certificate: not served");
                            faults.push((l.addr, format!("its certificate cannot be used: {e}")));
                            continue;
                        }
                    },
                };
                table.tls.insert(l.addr, acceptor);
            }
            let ip = l.addr.ip();
            let stats = old.lb_stats.get(&ip).cloned().unwrap_or_default();
            table.lb_stats.entry(ip).or_insert(stats);
            table.listeners.insert(l.addr, Arc::new(l));
        }
        for cfg in config.access_logs {
            let log = match old.access_logs.get(&cfg.ip) {
                Some(l) if l.cfg == cfg => l.clone(),
                _ => Arc::new(access_log::AccessLog::new(cfg)),
            };
            table.access_logs.insert(log.cfg.ip, log);
        }
        // A UDP-only listener accepts no TCP connections. Each TCP listener accepts on the host,
        // an internal one also inside its VPC: (where, the address bound there, served as).
        let mut doors: Vec<(Option<Via>, SocketAddr, SocketAddr)> = Vec::new();
        for l in table.listeners.values().filter(|l| l.tcp || !l.udp) {
            doors.push((None, l.addr, l.addr));
            if let Some((via, node)) = l.inside.as_ref().and_then(|v| Some((v, v.source()?))) {
                doors.push((Some(via.clone()), SocketAddr::new(node.into(), l.addr.port()), l.addr));
            }
        }
        let udp_addrs: Vec<SocketAddr> = table.listeners.values().filter(|l| l.udp).map(|l| l.addr).collect();
        *self.inner.table.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(table);
        // A log turned off or moved writes what it gathered now.
        let table = self.inner.table();
        for (ip, log) in &old.access_logs {
            if !table.access_logs.get(ip).is_some_and(|l| Arc::ptr_eq(l, log)) {
                log.flush(true);
            }
        }

        let mut accepting = self.inner.accepting.lock().unwrap_or_else(|e| e.into_inner());
        let keys: Vec<(u64, SocketAddr)> = doors.iter().map(|(via, bind, _)| (Via::key(via.as_ref()), *bind)).collect();
        accepting.retain(|key, task| {
            let keep = keys.contains(key) && !task.is_finished();
            if !keep {
                task.abort();
            }
            keep
        });
        for ((via, bind, served_as), key) in doors.into_iter().zip(keys) {
            if accepting.contains_key(&key) {
                continue;
            }
            let listener = match &via {
                None => std::net::TcpListener::bind(bind).and_then(|l| {
                    l.set_nonblocking(true)?;
                    tokio::net::TcpListener::from_std(l)
                }),
                Some(via) => via.listen(bind),
            };
            match listener {
                Ok(listener) => {
                    tracing::info!(addr = %bind, inside = ?via, "load balancer listener accepting");
                    let door = forward::Door { local: served_as, vetted: via.is_some() };
                    accepting.insert(key, tokio::spawn(forward::accept(listener, self.inner.clone(), door)));
                }
                Err(e) => {
                    tracing::error!(addr = %bind, inside = ?via, error = %e, "load balancer listener cannot bind");
                    faults.push((served_as, format!("{bind} cannot be bound: {e}")));
                }
            }
        }
        drop(accepting);
        faults.extend(self.inner.udp.apply(&self.inner, &udp_addrs));
        faults
    }

    /// A target's health and load, if the group has it.
    /// The request counts since the last call, per target group (ARN) and per load balancer
    /// address, with each group's number of healthy targets.
    pub fn take_counts(&self) -> TakenCounts {
        let table = self.inner.table();
        let groups = table
            .groups
            .iter()
            .filter(|(_, g)| g.cfg.in_use)
            .map(|(arn, g)| {
                let healthy = g
                    .targets
                    .iter()
                    .filter(|t| {
                        !t.draining.load(Ordering::Relaxed)
                            && t.health.lock().unwrap_or_else(|e| e.into_inner()).state == State::Healthy
                    })
                    .count();
                (arn.clone(), g.stats.take(), healthy)
            })
            .collect();
        let lb = table.lb_stats.iter().map(|(ip, s)| (*ip, s.take())).collect();
        TakenCounts { groups, lb }
    }

    pub fn target_status(&self, group: &str, id: &str, port: u16) -> Option<TargetStatus> {
        let table = self.inner.table();
        let t = table.groups.get(group)?.targets.iter().find(|t| t.cfg.id == id && t.cfg.port == port)?.clone();
        let h = t.health.lock().unwrap_or_else(|e| e.into_inner()).clone();
        Some(TargetStatus {
            state: h.state,
            reason: h.reason,
            checked: h.checked,
            draining: t.draining.load(Ordering::Relaxed),
            in_flight: t.outstanding.load(Ordering::Relaxed),
        })
    }

    /// Whether the UDP (or TCP_UDP) listener at `addr` is receiving datagrams.
    pub fn receiving_udp(&self, addr: SocketAddr) -> bool {
        self.inner.udp.serving(addr)
    }

    /// Whether the listener at `addr` is accepting connections.
    pub fn listening(&self, addr: SocketAddr) -> bool {
        self.inner.accepting.lock().unwrap_or_else(|e| e.into_inner()).get(&(0, addr)).is_some_and(|t| !t.is_finished())
    }
}
