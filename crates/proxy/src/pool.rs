//! Keep-alive connections to targets, reused across requests. A connection goes back to the
//! pool only when its response body has been read to the end. Each worker (`workers.rs`) has
//! its own idle lists: a connection's task runs on the worker that made it, and is only lent
//! to requests served on that same worker.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::Duration;

use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

use crate::Body;

pub type Sender = SendRequest<Body>;

/// A connection to a target: plain TCP, or TLS over it.
pub(crate) trait Io: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + Unpin {}
impl<T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + Unpin> Io for T {}

/// The stream to speak HTTP over: `stream` itself, or a TLS session on it for a `tls` target.
pub(crate) async fn target_io(
    addr: SocketAddr,
    stream: tokio::net::TcpStream,
    tls: bool,
) -> std::io::Result<Box<dyn Io>> {
    Ok(if tls { Box::new(crate::tls::connect(addr, stream).await?) } else { Box::new(stream) })
}

const MAX_IDLE_PER_TARGET: usize = 256;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// A pool list: the target's address, whether it is spoken to over TLS, and the network it is
/// reached through (`dial::Via::key`; the same address may be two targets in two VPCs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    pub addr: SocketAddr,
    pub tls: bool,
    pub via: u64,
}

/// Idle connections by pool list: `hyper`'s (`forward.rs`), and plain sockets of the fast
/// path (`fast/`), which speaks HTTP/1.1 on them itself.
#[derive(Default)]
struct Idle {
    hyper: HashMap<Key, Vec<Sender>>,
    raw: HashMap<Key, Vec<TcpStream>>,
}

pub struct Pool {
    /// One slot per worker, and a last one for requests served off the workers.
    slots: Vec<Mutex<Idle>>,
}

/// Why no connection could be had: the request was never sent.
#[derive(Debug)]
pub struct ConnectError;

impl Pool {
    pub fn new(slots: usize) -> Pool {
        Pool { slots: (0..slots.max(1)).map(|_| Mutex::default()).collect() }
    }

    /// The calling worker's idle lists.
    fn idle(&self) -> std::sync::MutexGuard<'_, Idle> {
        let last = self.slots.len() - 1;
        let i = crate::workers::current().map_or(last, |w| w.min(last));
        self.slots[i].lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A ready connection: a pooled one (`true`) or a new one (`false`).
    /// `tls`: the target is spoken to over TLS (an HTTPS target group); its connections are
    /// pooled apart from plain ones.
    pub(crate) async fn checkout(
        &self,
        key: Key,
        via: Option<&crate::dial::Via>,
    ) -> Result<(Sender, bool), ConnectError> {
        let Key { addr, tls, .. } = key;
        loop {
            let pooled = self.idle().hyper.get_mut(&key).and_then(Vec::pop);
            let Some(mut s) = pooled else { break };
            if s.is_closed() {
                continue;
            }
            if s.is_ready() {
                return Ok((s, true));
            }
            if let Ok(Ok(())) = tokio::time::timeout(Duration::from_millis(20), s.ready()).await {
                return Ok((s, true));
            }
        }
        let stream = connect(addr, via).await?;
        let io = tokio::time::timeout(CONNECT_TIMEOUT, target_io(addr, stream, tls))
            .await
            .map_err(|_| ConnectError)?
            .map_err(|_| ConnectError)?;
        let (send, conn) = hyper::client::conn::http1::handshake(TokioIo::new(io)).await.map_err(|_| ConnectError)?;
        tokio::spawn(async move {
            let _ = conn.await;
        });
        Ok((send, false))
    }

    pub(crate) fn checkin(&self, key: Key, s: Sender) {
        if s.is_closed() {
            return;
        }
        let mut idle = self.idle();
        let list = idle.hyper.entry(key).or_default();
        if list.len() < MAX_IDLE_PER_TARGET {
            list.push(s);
        }
    }

    /// A plain connection to a target: a pooled one that is still open (`true`) or a new one.
    pub(crate) async fn checkout_raw(
        &self,
        key: Key,
        via: Option<&crate::dial::Via>,
    ) -> Result<(TcpStream, bool), ConnectError> {
        loop {
            let pooled = self.idle().raw.get_mut(&key).and_then(Vec::pop);
            let Some(s) = pooled else { break };
            // An idle connection has nothing to read: end of stream (the target closed it) or
            // stray bytes rule it out. The reactor's readiness answers without a system call
            // unless the socket has become readable.
            if let Err(e) = s.try_read(&mut [0u8; 1]) {
                if e.kind() == std::io::ErrorKind::WouldBlock {
                    return Ok((s, true));
                }
            }
        }
        Ok((connect(key.addr, via).await?, false))
    }

    pub(crate) fn checkin_raw(&self, key: Key, s: TcpStream) {
        let mut idle = self.idle();
        let list = idle.raw.entry(key).or_default();
        if list.len() < MAX_IDLE_PER_TARGET {
            list.push(s);
        }
    }

    /// Forget the idle connections to a target (it refused or reset one).
    pub fn purge(&self, addr: SocketAddr) {
        for slot in &self.slots {
            let mut idle = slot.lock().unwrap_or_else(|e| e.into_inner());
            idle.hyper.retain(|k, _| k.addr != addr);
            idle.raw.retain(|k, _| k.addr != addr);
        }
    }
}

/// A new TCP connection to a target, within `CONNECT_TIMEOUT`.
async fn connect(addr: SocketAddr, via: Option<&crate::dial::Via>) -> Result<TcpStream, ConnectError> {
    let stream = tokio::time::timeout(CONNECT_TIMEOUT, crate::dial::tcp(addr, via, None))
        .await
        .map_err(|_| ConnectError)?
        .map_err(|_| ConnectError)?;
    let _ = stream.set_nodelay(true);
    Ok(stream)
}
