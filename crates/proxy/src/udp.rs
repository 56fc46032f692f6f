//! Network load balancing of UDP (UDP and TCP_UDP listeners). One socket per listener, bound on
//! the load balancer's address and the listener's port; each client (source address and port)
//! is a flow, pinned to one target of the listener's group — chosen as TCP connections are
//! (healthy, not draining, the group's algorithm) — through an upstream socket of its own, so
//! the target's answers come back on the flow they belong to and are sent to the client from
//! the listener's address. A flow with no datagram either way for [`UDP_FLOW_IDLE`] ends. A flow
//! whose target went unhealthy (by the active health checks: as on AWS, UDP traffic is not
//! passively checked, so an ICMP "port unreachable" marks nothing) moves to another target at its
//! next datagram, unless no target is healthy (fail open); one whose target left the group
//! (deregistered and drained) moves too. Draining targets keep the flows they have, as an NLB's
//! do.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::io::ErrorKind;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::net::UdpSocket;
use tokio::task::JoinHandle;

use crate::forward::InFlight;
use crate::stats::Stats;
use crate::{Group, Inner, Target};

/// AWS's idle timeout of a UDP flow on a network load balancer (fixed, not configurable).
pub const UDP_FLOW_IDLE: Duration = Duration::from_secs(120);
/// At most this many flows per listener (each holds a socket): datagrams that would open more
/// are dropped until flows idle out.
const MAX_FLOWS: usize = 16_384;
/// The largest UDP payload.
const MAX_DATAGRAM: usize = 65_535;

/// The listeners' UDP sockets, each served by a task of its own.
pub(crate) struct Sockets {
    tasks: Mutex<HashMap<SocketAddr, JoinHandle<()>>>,
    /// The flows' idle timeout for sockets bound from now on, milliseconds: [`UDP_FLOW_IDLE`]
    /// (shorter only in this crate's tests).
    idle_ms: AtomicU64,
}

impl Default for Sockets {
    fn default() -> Sockets {
        Sockets { tasks: Mutex::default(), idle_ms: AtomicU64::new(UDP_FLOW_IDLE.as_millis() as u64) }
    }
}

impl Sockets {
    /// Serve UDP at exactly `addrs`: bind the new ones, drop the others (their flows end).
    /// Returns the addresses that cannot be bound, and why.
    pub(crate) fn apply(&self, inner: &Arc<Inner>, addrs: &[SocketAddr]) -> Vec<(SocketAddr, String)> {
        let mut faults = Vec::new();
        let mut tasks = self.tasks.lock().unwrap_or_else(|e| e.into_inner());
        tasks.retain(|addr, task| {
            let keep = addrs.contains(addr) && !task.is_finished();
            if !keep {
                task.abort();
            }
            keep
        });
        for addr in addrs {
            if tasks.contains_key(addr) {
                continue;
            }
            match std::net::UdpSocket::bind(addr).and_then(|s| {
                s.set_nonblocking(true)?;
                UdpSocket::from_std(s)
            }) {
                Ok(sock) => {
                    tracing::info!(%addr, "load balancer UDP listener receiving");
                    tasks.insert(*addr, tokio::spawn(serve(Arc::new(sock), inner.clone(), self.idle())));
                }
                Err(e) => {
                    tracing::error!(%addr, error = %e, "load balancer UDP listener cannot bind");
                    faults.push((*addr, format!("{addr}/udp cannot be bound: {e}")));
                }
            }
        }
        faults
    }

    fn idle(&self) -> Duration {
        Duration::from_millis(self.idle_ms.load(Ordering::Relaxed))
    }

    pub(crate) fn serving(&self, addr: SocketAddr) -> bool {
        self.tasks.lock().unwrap_or_else(|e| e.into_inner()).get(&addr).is_some_and(|t| !t.is_finished())
    }
}

/// One client's flow.
struct Flow {
    target: Arc<Target>,
    upstream: Arc<UdpSocket>,
    /// The last datagram either way.
    last: Arc<Mutex<Instant>>,
    /// Relays the target's datagrams back to the client.
    back: JoinHandle<()>,
    stats: Option<Arc<Stats>>,
    _flight: InFlight,
}

impl Drop for Flow {
    fn drop(&mut self) {
        self.back.abort();
        if let Some(s) = &self.stats {
            s.udp_flow_closed();
        }
    }
}

fn touch(last: &Mutex<Instant>) {
    *last.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
}

/// Receive on a listener's socket until the task is aborted; flows idle for `idle` end.
pub(crate) async fn serve(sock: Arc<UdpSocket>, inner: Arc<Inner>, idle: Duration) {
    let Ok(local) = sock.local_addr() else { return };
    let mut flows: HashMap<SocketAddr, Flow> = HashMap::new();
    let mut buf = vec![0u8; MAX_DATAGRAM];
    let mut sweep = tokio::time::interval((idle / 4).clamp(Duration::from_millis(10), Duration::from_secs(1)));
    loop {
        tokio::select! {
            r = sock.recv_from(&mut buf) => match r {
                Ok((n, peer)) => datagram(&inner, &sock, local, peer, &buf[..n], &mut flows).await,
                Err(e) => {
                    tracing::debug!(%local, error = %e, "UDP receive failed");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            },
            _ = sweep.tick() => {
                let now = Instant::now();
                flows.retain(|_, f| now.duration_since(*f.last.lock().unwrap_or_else(|e| e.into_inner())) < idle);
            }
        }
    }
}

/// Whether a flow may stay on its target: the target is still in the group, and healthy — or
/// no target of the group is (then moving would not help).
fn keeps(group: &Group, target: &Arc<Target>) -> bool {
    if !group.targets.iter().any(|t| Arc::ptr_eq(t, target)) {
        return false;
    }
    let serving = |t: &Target| t.health.lock().unwrap_or_else(|e| e.into_inner()).serving();
    serving(target) || !group.targets.iter().any(|t| !t.draining.load(Ordering::Relaxed) && serving(t))
}

async fn datagram(
    inner: &Arc<Inner>,
    sock: &Arc<UdpSocket>,
    local: SocketAddr,
    peer: SocketAddr,
    data: &[u8],
    flows: &mut HashMap<SocketAddr, Flow>,
) {
    let (group, lb) = {
        let table = inner.table();
        let Some(listener) = table.listeners.get(&local) else { return };
        if !listener.udp_allow.as_ref().is_none_or(|nets| nets.iter().any(|n| n.contains(&peer.ip().to_canonical()))) {
            // The load balancer's security groups do not let this source in.
            return;
        }
        let Some(group) = listener.tcp_group().and_then(|arn| table.groups.get(arn)).cloned() else { return };
        (group, table.lb_stats.get(&local.ip()).cloned())
    };
    if let Some(f) = flows.get(&peer) {
        if !keeps(&group, &f.target) {
            tracing::info!(%peer, target = %f.target.cfg.id, "UDP flow moves off its target");
            flows.remove(&peer);
        }
    }
    let full = flows.len() >= MAX_FLOWS;
    let f = match flows.entry(peer) {
        Entry::Occupied(e) => e.into_mut(),
        Entry::Vacant(_) if full => {
            tracing::debug!(%local, %peer, "UDP flow table full: datagram dropped");
            return;
        }
        Entry::Vacant(v) => {
            let Some(flow) = open(&group, sock, peer, lb).await else { return };
            v.insert(flow)
        }
    };
    touch(&f.last);
    // An error (an ICMP port unreachable from an earlier datagram, a full buffer) loses this
    // datagram, as datagrams are lost.
    if let Ok(n) = f.upstream.send(data).await {
        if let Some(s) = &f.stats {
            s.udp_bytes(n);
        }
    }
}

/// A new flow for `client`: a target and an upstream socket connected to it.
async fn open(group: &Arc<Group>, sock: &Arc<UdpSocket>, client: SocketAddr, lb: Option<Arc<Stats>>) -> Option<Flow> {
    let mut tried = Vec::new();
    while let Some(i) = crate::tcp::choose_for(group, client, &tried) {
        let target = group.targets[i].clone();
        let source = crate::tcp::upstream_source(group, client, target.cfg.addr);
        let Ok(upstream) = crate::dial::udp(target.cfg.addr, target.cfg.via.as_ref(), source).await else {
            tried.push(i);
            continue;
        };
        let upstream = Arc::new(upstream);
        let last = Arc::new(Mutex::new(Instant::now()));
        if let Some(s) = &lb {
            s.udp_flow_opened();
        }
        let back = tokio::spawn(back(upstream.clone(), sock.clone(), client, last.clone(), lb.clone()));
        tracing::debug!(%client, target = %target.cfg.id, port = target.cfg.port, "UDP flow opened");
        return Some(Flow { target: target.clone(), upstream, last, back, stats: lb, _flight: InFlight::new(target) });
    }
    None
}

/// The target's datagrams, back to the client from the listener's socket.
async fn back(
    upstream: Arc<UdpSocket>,
    listener: Arc<UdpSocket>,
    client: SocketAddr,
    last: Arc<Mutex<Instant>>,
    lb: Option<Arc<Stats>>,
) {
    let mut buf = vec![0u8; MAX_DATAGRAM];
    loop {
        match upstream.recv(&mut buf).await {
            Ok(n) => {
                touch(&last);
                let _ = listener.send_to(&buf[..n], client).await;
                if let Some(s) = &lb {
                    s.udp_bytes(n);
                }
            }
            // An ICMP port unreachable (nothing listens at the target now): reported once per
            // datagram; the health checks decide whether the target is down.
            Err(e) if e.kind() == ErrorKind::ConnectionRefused => {}
            Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Action, Config, GroupConfig, HealthSettings, ListenerConfig, Proxy, Rule, TargetConfig};

    /// A UDP echo target on an ephemeral port that answers `name:<datagram>`.
    async fn echo(name: &'static str) -> SocketAddr {
        let s = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let addr = s.local_addr().unwrap();
        tokio::spawn(async move {
            let mut buf = vec![0u8; 2048];
            while let Ok((n, peer)) = s.recv_from(&mut buf).await {
                let mut out = format!("{name}:").into_bytes();
                out.extend_from_slice(&buf[..n]);
                let _ = s.send_to(&out, peer).await;
            }
        });
        addr
    }

    async fn ask(client: &UdpSocket, lb: SocketAddr, msg: &str) -> String {
        client.send_to(msg.as_bytes(), lb).await.unwrap();
        let mut buf = vec![0u8; 2048];
        let (n, _) = tokio::time::timeout(Duration::from_secs(5), client.recv_from(&mut buf)).await.unwrap().unwrap();
        String::from_utf8_lossy(&buf[..n]).into_owned()
    }

    fn proxy_with_idle(idle: Duration) -> Proxy {
        let p = Proxy::new();
        p.inner.udp.idle_ms.store(idle.as_millis() as u64, Ordering::Relaxed);
        p
    }

    #[tokio::test]
    async fn a_flow_stays_on_its_target_and_ends_when_idle() {
        let (a, b) = (echo("a").await, echo("b").await);
        let lb: SocketAddr = {
            let probe = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap()
        };
        let proxy = proxy_with_idle(Duration::from_millis(300));
        let target = |id: &str, addr: SocketAddr| TargetConfig {
            id: id.into(),
            port: addr.port(),
            addr,
            via: None,
            draining: false,
        };
        let faults = proxy.apply(Config {
            listeners: vec![ListenerConfig {
                addr: lb,
                id: "l".into(),
                certificate_arn: None,
                rules: vec![Rule { conditions: vec![], action: Action::Forward(vec![("g".into(), 1)]), priority: 0 }],
                tls: None,
                idle_timeout: Duration::from_secs(60),
                tcp: false,
                udp: true,
                inside: None,
                headers: Default::default(),
                allow: None,
                udp_allow: None,
            }],
            groups: vec![GroupConfig {
                health: HealthSettings { enabled: false, ..Default::default() },
                response_timeout: Duration::from_secs(1),
                ..GroupConfig::new("g", vec![target("a", a), target("b", b)])
            }],
            ..Default::default()
        });
        assert!(faults.is_empty(), "{faults:?}");
        assert!(proxy.receiving_udp(lb) && !proxy.listening(lb), "a UDP-only listener takes no TCP");
        let client = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let first = ask(&client, lb, "1").await;
        let owner = first.split(':').next().unwrap().to_string();
        for i in 2..6 {
            assert_eq!(ask(&client, lb, &i.to_string()).await, format!("{owner}:{i}"));
        }
        let active = || proxy.inner.table().lb_stats.get(&lb.ip()).unwrap().take().udp_active;
        assert_eq!(active(), 1);
        // Idle past the timeout: the flow ends, and the client's next datagram opens a new one
        // (round robin: on the other target).
        let deadline = Instant::now() + Duration::from_secs(5);
        while active() != 0 {
            assert!(Instant::now() < deadline, "the idle flow never ended");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let other = if owner == "a" { "b" } else { "a" };
        assert_eq!(ask(&client, lb, "again").await, format!("{other}:again"));
    }
}
