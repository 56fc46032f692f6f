//! Network load balancing: a TCP (or TLS-terminated) listener relays each client connection to
//! one target of its group — a flow stays on its target for its whole life — chosen as HTTP
//! requests are (healthy, not draining, the group's algorithm). A target that refuses the
//! connection is marked unhealthy at once and the next one is tried. A group with
//! `proxy_protocol_v2` first gets a PROXY protocol v2 header (`proxy_protocol.rs`): the client's
//! address and the listener's (a classic load balancer's, `proxy_protocol_v1`: the v1 line). A
//! connection whose target becomes unhealthy is closed if the group says so
//! (`terminate_unhealthy`, AWS's default) and another target is healthy. A connection that
//! passes no byte either way for the listener's idle timeout (an NLB's TCP listener:
//! `tcp.idle_timeout.seconds`, 350 s; a classic ELB: its ConnectionSettings) is closed: the
//! relay counts the bytes it reads (a plain counter, no clock per read) and a periodic tick
//! compares the count with the last one it saw (`IdleWatch`). A network load balancer that logs
//! gets one access-log line per TLS connection when it ends.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};

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

/// What a TLS listener's handshake settled, for a network load balancer's access log: taken
/// only when the load balancer logs.
pub(crate) struct TlsFacts {
    pub opened: std::time::SystemTime,
    pub started: Instant,
    pub handshake: Duration,
    pub cipher: &'static str,
    pub protocol: &'static str,
    pub named_group: Option<String>,
    pub domain: Option<String>,
    pub alpn: Option<String>,
}

impl TlsFacts {
    pub(crate) fn of(
        conn: &tokio_rustls::rustls::ServerConnection,
        opened: std::time::SystemTime,
        started: Instant,
    ) -> TlsFacts {
        use tokio_rustls::rustls::ProtocolVersion;
        TlsFacts {
            opened,
            started,
            handshake: started.elapsed(),
            cipher: conn.negotiated_cipher_suite().map_or("-", |s| openssl_name(s.suite())),
            protocol: match conn.protocol_version() {
                Some(ProtocolVersion::TLSv1_3) => "tlsv13",
                Some(ProtocolVersion::TLSv1_2) => "tlsv12",
                _ => "-",
            },
            named_group: conn.negotiated_key_exchange_group().map(|g| format!("{:?}", g.name()).to_ascii_lowercase()),
            domain: conn.server_name().map(str::to_string),
            alpn: conn.alpn_protocol().map(|p| String::from_utf8_lossy(p).into_owned()),
        }
    }
}

/// OpenSSL's name of a cipher suite (the access logs' `tls_cipher`), for those rustls offers.
pub(crate) fn openssl_name(suite: tokio_rustls::rustls::CipherSuite) -> &'static str {
    use tokio_rustls::rustls::CipherSuite as C;
    match suite {
        C::TLS13_AES_128_GCM_SHA256 => "TLS_AES_128_GCM_SHA256",
        C::TLS13_AES_256_GCM_SHA384 => "TLS_AES_256_GCM_SHA384",
        C::TLS13_CHACHA20_POLY1305_SHA256 => "TLS_CHACHA20_POLY1305_SHA256",
        C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 => "ECDHE-ECDSA-AES128-GCM-SHA256",
        C::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 => "ECDHE-ECDSA-AES256-GCM-SHA384",
        C::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 => "ECDHE-ECDSA-CHACHA20-POLY1305",
        C::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 => "ECDHE-RSA-AES128-GCM-SHA256",
        C::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 => "ECDHE-RSA-AES256-GCM-SHA384",
        C::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 => "ECDHE-RSA-CHACHA20-POLY1305",
        _ => "-",
    }
}

/// Relay one accepted client connection (already TLS-terminated if the listener says so; `tls`:
/// its handshake's facts, when the load balancer logs its TLS connections).
pub(crate) async fn relay<S>(
    inner: Arc<Inner>,
    local: SocketAddr,
    peer: SocketAddr,
    mut client: S,
    tls: Option<TlsFacts>,
) where
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
                } else if group.cfg.proxy_protocol_v1 {
                    let line = crate::proxy_protocol::v1_header(peer, local);
                    if upstream.write_all(line.as_bytes()).await.is_err() {
                        return;
                    }
                }
                let _flight = InFlight::new(target.clone());
                group.stats.request();
                if let Some(s) = &stats {
                    s.tcp_flow_opened();
                }
                // Both directions' bytes are counted as they are read; the watcher sees the
                // counts move or not.
                let (received, sent) = (AtomicU64::new(0), AtomicU64::new(0));
                let (mut c, mut u) =
                    (Counted { io: &mut client, bytes: &received }, Counted { io: &mut upstream, bytes: &sent });
                tokio::select! {
                    _ = tokio::io::copy_bidirectional(&mut c, &mut u) => {}
                    end = watch(&inner, local, &arn, &target, [&received, &sent]) => match end {
                        End::Terminated => tracing::info!(target = %target.cfg.id, port = target.cfg.port, %peer, "connection to an unhealthy or deregistered target closed"),
                        End::Idle => tracing::debug!(target = %target.cfg.id, port = target.cfg.port, %peer, "idle connection closed"),
                    }
                };
                let (received, sent) = (received.load(Ordering::Relaxed), sent.load(Ordering::Relaxed));
                if let Some(s) = &stats {
                    s.tcp_flow_closed(received + sent);
                }
                if let Some(facts) = tls {
                    log_tls(&inner, local, peer, &facts, received, sent);
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

/// How often a relayed connection's target health (and idleness) is looked at.
const TERMINATION_CHECK: Duration = Duration::from_millis(250);

/// A network load balancer's access-log line for a TLS connection that ended.
fn log_tls(inner: &Arc<Inner>, local: SocketAddr, peer: SocketAddr, facts: &TlsFacts, received: u64, sent: u64) {
    let table = inner.table();
    let (Some(log), Some(listener)) = (table.access_logs.get(&local.ip()), table.listeners.get(&local)) else {
        return;
    };
    log.record_tls(&crate::access_log::TlsEntry {
        listener: &listener.id,
        client: peer,
        destination: local,
        opened: facts.opened,
        connection: facts.started.elapsed(),
        handshake: Some(facts.handshake),
        alert: None,
        received_bytes: received,
        sent_bytes: sent,
        cert_arn: listener.certificate_arn.as_deref(),
        cipher: facts.cipher,
        protocol: facts.protocol,
        named_group: facts.named_group.as_deref(),
        domain: facts.domain.as_deref(),
        alpn: facts.alpn.as_deref(),
    });
}

/// A network load balancer's access-log line for a TLS handshake that failed or did not
/// complete (`tls_handshake_time` `-`; the client's alert, if it sent one).
pub(crate) fn log_failed_handshake(
    inner: &Arc<Inner>,
    local: SocketAddr,
    peer: SocketAddr,
    opened: std::time::SystemTime,
    started: Instant,
    error: Option<&std::io::Error>,
) {
    let table = inner.table();
    let (Some(log), Some(listener)) = (table.access_logs.get(&local.ip()), table.listeners.get(&local)) else {
        return;
    };
    let alert = error.and_then(|e| e.get_ref()?.downcast_ref::<tokio_rustls::rustls::Error>()).and_then(|e| match e {
        tokio_rustls::rustls::Error::AlertReceived(a) => Some(u8::from(*a)),
        _ => None,
    });
    log.record_tls(&crate::access_log::TlsEntry {
        listener: &listener.id,
        client: peer,
        destination: local,
        opened,
        connection: started.elapsed(),
        handshake: None,
        alert,
        received_bytes: 0,
        sent_bytes: 0,
        cert_arn: listener.certificate_arn.as_deref(),
        cipher: "-",
        protocol: "-",
        named_group: None,
        domain: None,
        alpn: None,
    });
}

/// A relayed stream whose bytes read are counted (one relaxed load and store per read that
/// brought bytes: both directions run on one task, so the counter needs no read-modify-write).
struct Counted<'a, S> {
    io: S,
    bytes: &'a AtomicU64,
}

impl<S: AsyncRead + Unpin> AsyncRead for Counted<'_, S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.io).poll_read(cx, buf);
        let n = (buf.filled().len() - before) as u64;
        if n > 0 {
            self.bytes.store(self.bytes.load(Ordering::Relaxed) + n, Ordering::Relaxed);
        }
        r
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Counted<'_, S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

/// Whether a flow has been idle for its timeout, from the byte count seen at each tick: the
/// count moved → active now; it stayed the same since `since` for `idle` → expired.
#[derive(Debug)]
pub(crate) struct IdleWatch {
    seen: u64,
    since: Instant,
}

impl IdleWatch {
    pub(crate) fn new(now: Instant) -> IdleWatch {
        IdleWatch { seen: 0, since: now }
    }

    pub(crate) fn expired(&mut self, count: u64, now: Instant, idle: Duration) -> bool {
        if count != self.seen {
            self.seen = count;
            self.since = now;
            return false;
        }
        now.saturating_duration_since(self.since) >= idle
    }
}

/// The tick of a flow's watcher: the termination check's, or a quarter of a shorter idle timeout.
fn tick_for(idle: Duration) -> Duration {
    (idle / 4).clamp(Duration::from_millis(10), TERMINATION_CHECK)
}

/// Why `watch` ended a relayed connection.
enum End {
    Terminated,
    Idle,
}

/// Returns once the connection to `target` must end: it passed no byte for the listener's idle
/// timeout (as now configured); or, by its group as now configured, the target left the group
/// (deregistered, its delay over) and the group terminates such connections, or the target is
/// unhealthy, the group terminates those, and another target is healthy.
async fn watch(
    inner: &Arc<Inner>,
    local: SocketAddr,
    arn: &str,
    target: &Arc<crate::Target>,
    bytes: [&AtomicU64; 2],
) -> End {
    let idle_of = |table: &crate::Table| table.listeners.get(&local).map_or(TCP_FLOW_IDLE, |l| l.idle_timeout);
    let mut idle = idle_of(&inner.table());
    let mut period = tick_for(idle);
    let mut tick = tokio::time::interval(period);
    let mut quiet = IdleWatch::new(Instant::now());
    loop {
        tick.tick().await;
        let table = inner.table();
        let moved = bytes[0].load(Ordering::Relaxed) + bytes[1].load(Ordering::Relaxed);
        if quiet.expired(moved, Instant::now(), idle) {
            return End::Idle;
        }
        idle = idle_of(&table);
        if tick_for(idle) != period {
            period = tick_for(idle);
            tick = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
        }
        let Some(g) = table.groups.get(arn) else { continue };
        if !g.targets.iter().any(|t| Arc::ptr_eq(t, target)) {
            if g.cfg.terminate_deregistered {
                return End::Terminated;
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
            return End::Terminated;
        }
    }
}

/// A network load balancer's TCP idle timeout by default (`tcp.idle_timeout.seconds`), and
/// its TLS listeners' (fixed).
pub const TCP_FLOW_IDLE: Duration = Duration::from_secs(350);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Action, Config, GroupConfig, HealthSettings, ListenerConfig, Proxy, Rule, TargetConfig};
    use tokio::io::AsyncReadExt;

    #[test]
    fn idle_watch_expires_only_after_a_quiet_timeout() {
        let t0 = Instant::now();
        let idle = Duration::from_secs(350);
        let at = |s: u64| t0 + Duration::from_secs(s);
        let mut w = IdleWatch::new(t0);
        assert!(!w.expired(0, at(349), idle));
        // Bytes moved at 349 s: the quiet period starts again there.
        assert!(!w.expired(1, at(349), idle));
        assert!(!w.expired(1, at(698), idle));
        assert!(w.expired(1, at(699), idle));
        // A flow with no byte at all expires from its start.
        let mut w = IdleWatch::new(t0);
        assert!(w.expired(0, at(350), idle));
        // The timeout as now configured applies (a longer one keeps the flow).
        let mut w = IdleWatch::new(t0);
        assert!(!w.expired(0, at(400), Duration::from_secs(6000)));
    }

    #[test]
    fn ticks_are_coarse_but_fit_short_timeouts() {
        assert_eq!(tick_for(Duration::from_secs(350)), TERMINATION_CHECK);
        assert_eq!(tick_for(Duration::from_millis(400)), Duration::from_millis(100));
        assert_eq!(tick_for(Duration::from_millis(1)), Duration::from_millis(10));
    }

    /// A TCP echo target on an ephemeral port.
    async fn echo() -> SocketAddr {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((mut s, _)) = l.accept().await {
                tokio::spawn(async move {
                    let mut buf = [0u8; 1024];
                    while let Ok(n) = s.read(&mut buf).await {
                        if n == 0 || s.write_all(&buf[..n]).await.is_err() {
                            break;
                        }
                    }
                });
            }
        });
        addr
    }

    fn free_addr() -> SocketAddr {
        std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap()
    }

    fn relay_config(lb: SocketAddr, target: SocketAddr, idle: Duration) -> Config {
        Config {
            listeners: vec![ListenerConfig {
                addr: lb,
                id: "l".into(),
                certificate_arn: None,
                rules: vec![Rule { conditions: vec![], action: Action::Forward(vec![("g".into(), 1)]), priority: 0 }],
                tls: None,
                idle_timeout: idle,
                tcp: true,
                udp: false,
                inside: None,
                headers: Default::default(),
                allow: None,
                udp_allow: None,
            }],
            groups: vec![GroupConfig {
                health: HealthSettings { enabled: false, ..Default::default() },
                response_timeout: Duration::from_secs(1),
                ..GroupConfig::new(
                    "g",
                    vec![TargetConfig {
                        id: "t".into(),
                        port: target.port(),
                        addr: target,
                        via: None,
                        draining: false,
                    }],
                )
            }],
            ..Default::default()
        }
    }

    async fn round_trip(s: &mut tokio::net::TcpStream, msg: &[u8]) {
        s.write_all(msg).await.unwrap();
        let mut got = vec![0u8; msg.len()];
        tokio::time::timeout(Duration::from_secs(5), s.read_exact(&mut got)).await.unwrap().unwrap();
        assert_eq!(got, msg);
    }

    #[tokio::test]
    async fn a_relayed_connection_lives_while_active_and_closes_when_idle() {
        let target = echo().await;
        let lb = free_addr();
        let idle = Duration::from_millis(400);
        let proxy = Proxy::new();
        let faults = proxy.apply(relay_config(lb, target, idle));
        assert!(faults.is_empty(), "{faults:?}");
        let mut s = tokio::net::TcpStream::connect(lb).await.unwrap();
        // Traffic every 150 ms for well past the timeout: the connection stays.
        let start = Instant::now();
        for i in 0..8 {
            round_trip(&mut s, format!("ping {i}").as_bytes()).await;
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        assert!(start.elapsed() > idle * 2);
        round_trip(&mut s, b"still here").await;
        // Then quiet: the proxy closes it, after the timeout and not long after.
        let quiet = Instant::now();
        let mut buf = [0u8; 16];
        let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf)).await.expect("never closed");
        assert!(matches!(n, Ok(0) | Err(_)), "{n:?}");
        let after = quiet.elapsed();
        assert!(after >= idle && after < idle + Duration::from_millis(500), "closed after {after:?}");
    }

    #[tokio::test]
    async fn a_longer_timeout_keeps_a_quiet_connection() {
        let target = echo().await;
        let lb = free_addr();
        let proxy = Proxy::new();
        assert!(proxy.apply(relay_config(lb, target, Duration::from_secs(60))).is_empty());
        let mut s = tokio::net::TcpStream::connect(lb).await.unwrap();
        round_trip(&mut s, b"hello").await;
        tokio::time::sleep(Duration::from_millis(1200)).await;
        round_trip(&mut s, b"after a quiet second").await;
    }
}
