//! How the proxy reaches a target: from the daemon's own network, or (isolated networks) from
//! inside the target's VPC — a socket made in the VPC router's namespace, bound to the load
//! balancer's own address there, so the target's security groups see the load balancer.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use tokio::net::{TcpStream, UdpSocket};

/// A VPC router namespace and the load balancer's address in it.
#[derive(Clone)]
pub struct Via {
    netns: Arc<vnet::Netns>,
    /// The load balancer's node address in the VPC (`None`: the router picks one).
    source: Option<Ipv4Addr>,
    /// Tells pooled connections of different VPCs apart (the same address may live in two).
    key: u64,
}

impl Via {
    pub fn new(netns: Arc<vnet::Netns>, source: Option<Ipv4Addr>) -> Via {
        // The namespace's name and the source, never 0 (0 is "no Via").
        let h = vnet::fnv1a(netns.name().bytes().chain(source.map(|s| s.octets()).unwrap_or_default()));
        Via { netns, source, key: h | 1 }
    }

    /// The named namespace (`ip netns`), reached from `source`.
    pub fn open(netns: &str, source: Option<Ipv4Addr>) -> std::io::Result<Via> {
        Ok(Via::new(Arc::new(vnet::Netns::open(netns)?), source))
    }

    pub fn key(via: Option<&Via>) -> u64 {
        via.map_or(0, |v| v.key)
    }

    /// A listener of the namespace at `addr` (non-blocking, for tokio).
    pub(crate) fn listen(&self, addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
        let l = self.netns.listen(addr)?;
        l.set_nonblocking(true)?;
        tokio::net::TcpListener::from_std(l)
    }

    /// The load balancer's node address in the VPC, if it has one.
    pub fn source(&self) -> Option<Ipv4Addr> {
        self.source
    }
}

impl std::fmt::Debug for Via {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Via({}, {:?})", self.netns.name(), self.source)
    }
}

impl PartialEq for Via {
    fn eq(&self, other: &Via) -> bool {
        self.netns.name() == other.netns.name() && self.source == other.source
    }
}

impl Eq for Via {}

/// A TCP connection to `target`, from `source` when given (a preserved client address), else
/// from the load balancer's address in the target's VPC.
pub(crate) async fn tcp(
    target: SocketAddr,
    via: Option<&Via>,
    source: Option<SocketAddr>,
) -> std::io::Result<TcpStream> {
    let socket = match via {
        Some(v) => {
            let s = v.netns.tcp_socket()?;
            s.set_nonblocking(true)?;
            // The address may be added to the router a moment after it was handed out.
            s.set_freebind_v4(true)?;
            let s = tokio::net::TcpSocket::from_std_stream(s.into());
            if let Some(ip) = v.source {
                s.bind(SocketAddr::new(ip.into(), 0))?;
            }
            s
        }
        None => {
            let Some(source) = source else { return TcpStream::connect(target).await };
            let s = if target.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
            s.bind(source)?;
            s
        }
    };
    socket.connect(target).await
}

/// A UDP socket connected to `target`, as [`tcp`] chooses its source.
pub(crate) async fn udp(
    target: SocketAddr,
    via: Option<&Via>,
    source: Option<SocketAddr>,
) -> std::io::Result<UdpSocket> {
    let socket = match via {
        Some(v) => {
            let s = v.netns.udp_socket()?;
            s.set_nonblocking(true)?;
            s.set_freebind_v4(true)?;
            let any = SocketAddr::new(v.source.unwrap_or(Ipv4Addr::UNSPECIFIED).into(), 0);
            s.bind(&any.into())?;
            UdpSocket::from_std(s.into())?
        }
        None => {
            let any: SocketAddr = if target.is_ipv4() { "0.0.0.0:0" } else { "[::]:0" }.parse().expect("an address");
            UdpSocket::bind(source.unwrap_or(any)).await?
        }
    };
    socket.connect(target).await?;
    Ok(socket)
}
