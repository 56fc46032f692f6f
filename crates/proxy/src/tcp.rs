//! Network load balancing: a TCP (or TLS-terminated) listener relays each client connection to
//! one target of its group — a flow stays on its target for its whole life — chosen as HTTP
//! requests are (healthy, not draining, the group's algorithm). A target that refuses the
//! connection is marked unhealthy at once and the next one is tried. A group with
//! `proxy_protocol_v2` first gets a PROXY protocol v2 header (`proxy_protocol.rs`): the client's
//! address and the listener's.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::forward::{choose, InFlight};
use crate::{health, Inner};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Relay one accepted client connection (already TLS-terminated if the listener says so).
pub(crate) async fn relay<S>(inner: Arc<Inner>, local: SocketAddr, peer: SocketAddr, mut client: S)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (group, stats) = {
        let table = inner.table();
        let Some(listener) = table.listeners.get(&local) else { return };
        let Some(arn) = listener.tcp_group() else { return };
        (table.groups.get(arn).cloned(), table.lb_stats.get(&local.ip()).cloned())
    };
    let Some(group) = group else { return };
    if let Some(s) = &stats {
        s.request();
    }
    let mut tried = Vec::new();
    while let Some(i) = choose(&group, &tried) {
        let target = group.targets[i].clone();
        match tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect(target.cfg.addr)).await {
            Ok(Ok(mut upstream)) => {
                let _ = upstream.set_nodelay(true);
                if group.cfg.proxy_protocol_v2 {
                    let header = crate::proxy_protocol::v2_header(peer, local, false);
                    if upstream.write_all(&header).await.is_err() {
                        return;
                    }
                }
                let _flight = InFlight::new(target);
                group.stats.request();
                if let Some(s) = &stats {
                    s.tcp_flow_opened();
                }
                let moved = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                if let Some(s) = &stats {
                    s.tcp_flow_closed(moved.map_or(0, |(a, b)| a + b));
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
