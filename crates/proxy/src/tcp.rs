//! Network load balancing: a TCP (or TLS-terminated) listener relays each client connection to
//! one target of its group — a flow stays on its target for its whole life — chosen as HTTP
//! requests are (healthy, not draining, the group's algorithm). A target that refuses the
//! connection is marked unhealthy at once and the next one is tried. A group with
//! `proxy_protocol_v2` first gets a PROXY protocol v2 header (`proxy_protocol.rs`): the client's
//! address and the listener's. A connection whose target becomes unhealthy is closed if the
//! group says so (`terminate_unhealthy`, AWS's default) and another target is healthy.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};

use crate::forward::{choose, InFlight};
use crate::{health, Inner};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The target for a new flow from `peer`: by the source address's hash among the healthy
/// targets (all non-draining ones when none is) for a group with source-IP stickiness, else as
/// requests are chosen.
pub(crate) fn choose_for(group: &crate::Group, peer: SocketAddr, tried: &[usize]) -> Option<usize> {
    if !group.cfg.source_sticky {
        return choose(group, tried);
    }
    use std::hash::{Hash, Hasher};
    use std::sync::atomic::Ordering;
    let live: Vec<usize> = (0..group.targets.len())
        .filter(|i| !tried.contains(i) && !group.targets[*i].draining.load(Ordering::Relaxed))
        .collect();
    let healthy: Vec<usize> = live
        .iter()
        .copied()
        .filter(|i| group.targets[*i].health.lock().unwrap_or_else(|e| e.into_inner()).serving())
        .collect();
    let candidates = if healthy.is_empty() { live } else { healthy };
    if candidates.is_empty() {
        return None;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    peer.ip().to_canonical().hash(&mut h);
    Some(candidates[(h.finish() % candidates.len() as u64) as usize])
}

/// The source address a connection (or UDP flow) to `target` starts from when the group
/// preserves client addresses: the client's own, when it is a loopback address of this host
/// (any 127.0.0.0/8 address can be bound by any process). A remote client's address would need
/// transparent proxying (IP_TRANSPARENT and policy routing): such flows come from the proxy.
pub(crate) fn upstream_source(group: &crate::Group, client: SocketAddr, target: SocketAddr) -> Option<SocketAddr> {
    let ip = client.ip().to_canonical();
    (group.cfg.preserve_client_ip && ip.is_loopback() && ip.is_ipv4() == target.is_ipv4())
        .then_some(SocketAddr::new(ip, 0))
}

/// Relay one accepted client connection (already TLS-terminated if the listener says so).
pub(crate) async fn relay<S>(inner: Arc<Inner>, local: SocketAddr, peer: SocketAddr, mut client: S)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (group, stats, arn) = {
        let table = inner.table();
        let Some(listener) = table.listeners.get(&local) else { return };
        let Some(arn) = listener.tcp_group() else { return };
        (table.groups.get(arn).cloned(), table.lb_stats.get(&local.ip()).cloned(), arn.to_string())
    };
    let Some(group) = group else { return };
    if let Some(s) = &stats {
        s.request();
    }
    let mut tried = Vec::new();
    while let Some(i) = choose_for(&group, peer, &tried) {
        let target = group.targets[i].clone();
        let source = upstream_source(&group, peer, target.cfg.addr);
        let connect = crate::dial::tcp(target.cfg.addr, target.cfg.via.as_ref(), source);
        match tokio::time::timeout(CONNECT_TIMEOUT, connect).await {
            Ok(Ok(upstream)) => {
                let _ = upstream.set_nodelay(true);
                // A TLS target group (or a classic SSL back end): the relay re-encrypts.
                let Ok(mut upstream) =
                    crate::pool::target_io(target.cfg.addr, upstream, group.cfg.tls_to_targets).await
                else {
                    target.mark_down(health::Failure::FailedHealthChecks);
                    tried.push(i);
                    continue;
                };
                if group.cfg.proxy_protocol_v2 {
                    let header = crate::proxy_protocol::v2_header(peer, local, false);
                    if upstream.write_all(&header).await.is_err() {
                        return;
                    }
                }
                let _flight = InFlight::new(target.clone());
                group.stats.request();
                if let Some(s) = &stats {
                    s.tcp_flow_opened();
                }
                let moved = tokio::select! {
                    moved = tokio::io::copy_bidirectional(&mut client, &mut upstream) => moved.map_or(0, |(a, b)| a + b),
                    _ = until_terminated(&inner, &arn, &target) => {
                        tracing::info!(target = %target.cfg.id, port = target.cfg.port, %peer, "connection to an unhealthy or deregistered target closed");
                        0
                    }
                };
                if let Some(s) = &stats {
                    s.tcp_flow_closed(moved);
                }
                return;
            }
            Ok(Err(_)) => {
                target.mark_down(health::Failure::FailedHealthChecks);
                tried.push(i);
            }
            Err(_) => tried.push(i),
        }
    }
    // No target took the connection: the client's connection is closed (reset, as an NLB does).
}

/// How often a relayed connection's target health is looked at.
const TERMINATION_CHECK: Duration = Duration::from_millis(250);

/// Returns once the connection to `target` must end, by its group as now configured: the target
/// left the group (deregistered, its delay over) and the group terminates such connections; or
/// the target is unhealthy, the group terminates those, and another target is healthy.
async fn until_terminated(inner: &Arc<Inner>, arn: &str, target: &Arc<crate::Target>) {
    let mut tick = tokio::time::interval(TERMINATION_CHECK);
    loop {
        tick.tick().await;
        let table = inner.table();
        let Some(g) = table.groups.get(arn) else { continue };
        if !g.targets.iter().any(|t| Arc::ptr_eq(t, target)) {
            if g.cfg.terminate_deregistered {
                return;
            }
            continue;
        }
        let health = |t: &crate::Target| t.health.lock().unwrap_or_else(|e| e.into_inner()).state;
        if health(target) != health::State::Unhealthy {
            continue;
        }
        let others_healthy = g.targets.iter().any(|t| {
            !Arc::ptr_eq(t, target)
                && !t.draining.load(std::sync::atomic::Ordering::Relaxed)
                && health(t) == health::State::Healthy
        });
        if g.cfg.terminate_unhealthy && others_healthy {
            return;
        }
    }
}
