//! Serving a listener: accept, HTTP/1.1 or HTTP/2 from clients, and each request's phases —
//! route, then answer (fixed response, redirect) or forward to a target with retries.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Empty, Full};
use hyper::body::{Body as _, Frame, Incoming, SizeHint};
use hyper::header::{HeaderMap, HeaderName, HeaderValue};
use hyper::{Method, Request, Response, StatusCode, Uri, Version};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};

use crate::config::{Action, Redirect};
use crate::pool::Sender;
use crate::rules::{self, RequestView};
use crate::stats::Stats;
use crate::sticky;
use crate::{health, Body, Group, Inner, Target};

/// The TLS handshake bound, and the idle timeout of a listener the table no longer knows.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) async fn accept(listener: tokio::net::TcpListener, inner: Arc<Inner>) {
    let local = match listener.local_addr() {
        Ok(a) => a,
        Err(_) => return,
    };
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(x) => x,
            Err(e) => {
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let inner = inner.clone();
        tokio::spawn(async move {
            let (tls, idle, tcp, allowed) = {
                let table = inner.table();
                let listener = table.listeners.get(&local);
                let idle = listener.map_or(HEADER_TIMEOUT, |l| l.idle_timeout);
                let allowed = listener.is_none_or(|l| {
                    l.allow.as_ref().is_none_or(|nets| nets.iter().any(|n| n.contains(&peer.ip().to_canonical())))
                });
                (table.tls.get(&local).cloned(), idle, listener.is_some_and(|l| l.tcp), allowed)
            };
            if !allowed {
                // The load balancer's security groups do not let this source in.
                tracing::debug!(%peer, %local, "connection refused by the load balancer's security groups");
                return;
            }
            if tcp {
                // A network load balancer's listener: the connection itself goes to one target.
                match tls {
                    None => crate::tcp::relay(inner, local, peer, stream).await,
                    Some(acceptor) => {
                        if let Ok(Ok(stream)) = tokio::time::timeout(HEADER_TIMEOUT, acceptor.accept(stream)).await {
                            crate::tcp::relay(inner, local, peer, stream).await;
                        }
                    }
                }
                return;
            }
            let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
            // hyper's header-read timeout also runs while a kept-alive connection waits for its
            // next request: it is the load balancer's idle timeout, as on an ALB.
            builder.http1().timer(TokioTimer::new()).header_read_timeout(idle).keep_alive(true);
            let secure = tls.is_some();
            let svc = hyper::service::service_fn(move |req| {
                let inner = inner.clone();
                async move { Ok::<_, Infallible>(handle(inner, local, peer, secure, req).await) }
            });
            match tls {
                None => {
                    let _ = builder.serve_connection_with_upgrades(TokioIo::new(stream), svc).await;
                }
                Some(acceptor) => {
                    // The handshake gets the header timeout too: a silent client cannot hold it.
                    let Ok(Ok(stream)) = tokio::time::timeout(HEADER_TIMEOUT, acceptor.accept(stream)).await else {
                        return;
                    };
                    let _ = builder.serve_connection_with_upgrades(TokioIo::new(stream), svc).await;
                }
            }
        });
    }
}

fn full(status: StatusCode, content_type: &str, body: impl Into<Bytes>) -> Response<Body> {
    let mut r = Response::new(Full::new(body.into()).map_err(|never: Infallible| match never {}).boxed());
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(content_type) {
        r.headers_mut().insert(hyper::header::CONTENT_TYPE, v);
    }
    r.headers_mut().insert(hyper::header::SERVER, HeaderValue::from_static("awselb/2.0"));
    r
}

/// Marks a response the load balancer made itself (for HTTPCode_ELB_*_Count).
#[derive(Clone, Copy)]
struct ElbMade;

/// ALB's own error pages.
fn elb_error(status: StatusCode) -> Response<Body> {
    let reason = status.canonical_reason().unwrap_or("");
    let code = status.as_u16();
    let mut r = full(
        status,
        "text/html",
        format!("<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n</body>\r\n</html>\r\n"),
    );
    r.extensions_mut().insert(ElbMade);
    r
}

async fn handle(
    inner: Arc<Inner>,
    local: SocketAddr,
    peer: SocketAddr,
    secure: bool,
    req: Request<Incoming>,
) -> Response<Body> {
    let lb = inner.table().lb_stats.get(&local.ip()).cloned();
    if let Some(lb) = &lb {
        lb.request();
    }
    let resp = route(inner, Conn { local, peer, secure }, req, lb.as_deref()).await;
    if let (Some(lb), Some(ElbMade)) = (&lb, resp.extensions().get::<ElbMade>()) {
        lb.elb_status(resp.status().as_u16());
    }
    resp
}

/// The client connection a request came on.
#[derive(Clone, Copy)]
struct Conn {
    local: SocketAddr,
    peer: SocketAddr,
    /// Over TLS (an HTTPS listener).
    secure: bool,
}

async fn route(inner: Arc<Inner>, conn: Conn, req: Request<Incoming>, lb: Option<&Stats>) -> Response<Body> {
    let Conn { local, peer, .. } = conn;
    let table = inner.table();
    let Some(listener) = table.listeners.get(&local).cloned() else {
        return elb_error(StatusCode::SERVICE_UNAVAILABLE);
    };
    let host = req
        .headers()
        .get(hyper::header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| req.uri().authority().map(|a| a.to_string()));
    let action = {
        let headers = req.headers();
        let lookup = |name: &str| -> Vec<String> {
            headers.get_all(name).iter().filter_map(|v| v.to_str().ok().map(str::to_string)).collect()
        };
        let view = RequestView {
            method: req.method().as_str(),
            path: req.uri().path(),
            query: req.uri().query(),
            host: host.as_deref(),
            headers: &lookup,
            source: peer.ip(),
        };
        rules::route(&listener.rules, &view).cloned()
    };
    match action {
        None => elb_error(StatusCode::SERVICE_UNAVAILABLE),
        Some(Action::FixedResponse { status, content_type, body }) => full(
            StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
            content_type.as_deref().unwrap_or("text/plain"),
            body,
        ),
        Some(Action::Redirect(r)) => redirect(&r, req.uri(), host.as_deref(), local.port(), conn.secure),
        Some(Action::Forward(groups)) => {
            let weights: Vec<u32> = groups.iter().map(|(_, w)| *w).collect();
            let n = inner.weighted_counter.fetch_add(1, Ordering::Relaxed);
            let arn = &groups[crate::selection::weighted(&weights, n)].0;
            let Some(group) = table.groups.get(arn).cloned() else {
                return elb_error(StatusCode::SERVICE_UNAVAILABLE);
            };
            drop(table);
            group.stats.request();
            forward(&inner, &group, conn, host, req, lb).await
        }
    }
}

fn redirect(r: &Redirect, uri: &Uri, host: Option<&str>, port: u16, secure: bool) -> Response<Body> {
    let req_host = host.map(|h| h.rsplit_once(':').map(|(h, _)| h).unwrap_or(h)).unwrap_or("");
    let path = uri.path().trim_start_matches('/');
    let query = uri.query().unwrap_or("");
    let sub = |s: &str| {
        s.replace("#{protocol}", if secure { "https" } else { "http" })
            .replace("#{host}", req_host)
            .replace("#{port}", &port.to_string())
            .replace("#{path}", path)
            .replace("#{query}", query)
    };
    let proto = sub(&r.protocol).to_ascii_lowercase();
    let (h, p, pa, q) = (sub(&r.host), sub(&r.port), sub(&r.path), sub(&r.query));
    let default_port = (proto == "http" && p == "80") || (proto == "https" && p == "443");
    let mut loc = format!("{proto}://{h}");
    if !default_port {
        loc.push(':');
        loc.push_str(&p);
    }
    loc.push_str(if pa.starts_with('/') { &pa } else { "/" });
    if !pa.starts_with('/') {
        loc.push_str(&pa);
    }
    if !q.is_empty() {
        loc.push('?');
        loc.push_str(&q);
    }
    let mut resp =
        full(StatusCode::from_u16(r.status).unwrap_or(StatusCode::MOVED_PERMANENTLY), "text/html", Bytes::new());
    if let Ok(v) = HeaderValue::from_str(&loc) {
        resp.headers_mut().insert(hyper::header::LOCATION, v);
    }
    resp
}

fn trace_id() -> String {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
    let mix = (now.as_nanos() as u64 ^ seq.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    format!("Root=1-{:08x}-{:08x}{:016x}", now.as_secs(), (seq as u32) ^ (mix >> 40) as u32, mix)
}

const HOP_BY_HOP: [&str; 7] =
    ["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"];

fn strip_hop_by_hop(h: &mut HeaderMap) {
    for name in HOP_BY_HOP {
        h.remove(name);
    }
}

/// The protocol a request asks to upgrade to (`Connection: upgrade` with `Upgrade: websocket`).
fn upgrade_protocol(h: &HeaderMap) -> Option<HeaderValue> {
    let asks = h
        .get_all(hyper::header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("upgrade")));
    if asks {
        h.get(hyper::header::UPGRADE).cloned()
    } else {
        None
    }
}

/// An upgrade: the request goes to one healthy target on a fresh connection; on its 101 the
/// two upgraded streams are joined and copied both ways until either side closes.
async fn tunnel(group: &Group, out: Outgoing, client: hyper::upgrade::OnUpgrade, lb: Option<&Stats>) -> Response<Body> {
    let Some(idx) = choose(group, &[]) else { return elb_error(StatusCode::SERVICE_UNAVAILABLE) };
    let target = group.targets[idx].clone();
    let stream =
        match tokio::time::timeout(Duration::from_secs(10), tokio::net::TcpStream::connect(target.cfg.addr)).await {
            Ok(Ok(s)) => s,
            _ => {
                target.mark_down(health::Failure::FailedHealthChecks);
                return elb_error(StatusCode::BAD_GATEWAY);
            }
        };
    let _ = stream.set_nodelay(true);
    let Ok((mut sender, conn)) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await else {
        return elb_error(StatusCode::BAD_GATEWAY);
    };
    tokio::spawn(async move {
        let _ = conn.with_upgrades().await;
    });
    let empty = Empty::<Bytes>::new().map_err(|never: Infallible| match never {}).boxed();
    let sent = std::time::Instant::now();
    let mut resp = match tokio::time::timeout(group.cfg.response_timeout, sender.send_request(out.build(empty))).await {
        Ok(Ok(r)) => r,
        Ok(Err(_)) => return elb_error(StatusCode::BAD_GATEWAY),
        Err(_) => return elb_error(StatusCode::GATEWAY_TIMEOUT),
    };
    let micros = sent.elapsed().as_micros() as u64;
    group.stats.target_status(resp.status().as_u16(), micros);
    if let Some(lb) = lb {
        lb.target_status(resp.status().as_u16(), micros);
    }
    if resp.status() == StatusCode::SWITCHING_PROTOCOLS {
        let upstream = hyper::upgrade::on(&mut resp);
        let guard = InFlight::new(target);
        tokio::spawn(async move {
            let _guard = guard;
            if let (Ok(a), Ok(b)) = (client.await, upstream.await) {
                let (mut a, mut b) = (TokioIo::new(a), TokioIo::new(b));
                let _ = tokio::io::copy_bidirectional(&mut a, &mut b).await;
            }
        });
    }
    // The 101 keeps its Connection/Upgrade headers; other answers lose the hop-by-hop ones.
    let (mut parts, incoming) = resp.into_parts();
    if parts.status != StatusCode::SWITCHING_PROTOCOLS {
        strip_hop_by_hop(&mut parts.headers);
    }
    Response::from_parts(parts, incoming.boxed())
}

/// The request as it will be sent to a target, kept apart from its body so that a retry can
/// rebuild it.
struct Outgoing {
    method: Method,
    uri: Uri,
    headers: HeaderMap,
}

impl Outgoing {
    fn build(&self, body: Body) -> Request<Body> {
        let mut r = Request::new(body);
        *r.method_mut() = self.method.clone();
        *r.uri_mut() = self.uri.clone();
        *r.version_mut() = Version::HTTP_11;
        *r.headers_mut() = self.headers.clone();
        r
    }
}

async fn forward(
    inner: &Arc<Inner>,
    group: &Group,
    conn: Conn,
    host: Option<String>,
    req: Request<Incoming>,
    lb: Option<&Stats>,
) -> Response<Body> {
    let Conn { local, peer, secure } = conn;
    inner.budget.on_request();
    let mut req = req;
    // An HTTP/1.1 upgrade (WebSocket): passed through to one target on a connection of its own.
    let upgrade = upgrade_protocol(req.headers()).map(|p| (p, hyper::upgrade::on(&mut req)));
    let (parts, body) = req.into_parts();
    let mut headers = parts.headers;
    strip_hop_by_hop(&mut headers);
    if let Some((protocol, client)) = upgrade {
        headers.insert(hyper::header::CONNECTION, HeaderValue::from_static("upgrade"));
        headers.insert(hyper::header::UPGRADE, protocol);
        let path_and_query = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        let out = Outgoing {
            method: parts.method,
            uri: path_and_query.parse().unwrap_or_else(|_| Uri::from_static("/")),
            headers,
        };
        return tunnel(group, out, client, lb).await;
    }
    if !headers.contains_key(hyper::header::HOST) {
        if let Some(v) = host.as_deref().and_then(|h| HeaderValue::from_str(h).ok()) {
            headers.insert(hyper::header::HOST, v);
        }
    }
    let xff = match headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()) {
        Some(prev) => format!("{prev}, {}", peer.ip()),
        None => peer.ip().to_string(),
    };
    let set = |h: &mut HeaderMap, name: &'static str, v: String| {
        if let Ok(v) = HeaderValue::from_str(&v) {
            h.insert(HeaderName::from_static(name), v);
        }
    };
    set(&mut headers, "x-forwarded-for", xff);
    set(&mut headers, "x-forwarded-proto", if secure { "https" } else { "http" }.into());
    set(&mut headers, "x-forwarded-port", local.port().to_string());
    if !headers.contains_key("x-amzn-trace-id") {
        set(&mut headers, "x-amzn-trace-id", trace_id());
    }
    let path_and_query = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let uri: Uri = path_and_query.parse().unwrap_or_else(|_| Uri::from_static("/"));
    let bodyless = body.is_end_stream() || body.size_hint().exact() == Some(0);
    let idempotent = matches!(
        parts.method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE | Method::TRACE
    );
    let replayable = idempotent && bodyless;
    // Stickiness: the target the client's AWSALB cookie names, while it can serve.
    let stuck = group.cfg.sticky.and_then(|_| sticky::target_of(&headers, group));
    let out = Outgoing { method: parts.method, uri, headers };
    let mut body = Some(body);
    let mut tried: Vec<usize> = Vec::new();
    loop {
        let pick = match stuck.filter(|i| tried.is_empty() && serving(group, *i)) {
            Some(i) => Some(i),
            None => choose(group, &tried),
        };
        let Some(idx) = pick else {
            let any = group.targets.iter().any(|t| !t.draining.load(Ordering::Relaxed));
            return elb_error(if any && !tried.is_empty() {
                StatusCode::BAD_GATEWAY
            } else {
                StatusCode::SERVICE_UNAVAILABLE
            });
        };
        tried.push(idx);
        let target = group.targets[idx].clone();
        let addr = target.cfg.addr;
        let (mut sender, reused) = match inner.pool.checkout(addr).await {
            Ok(s) => s,
            Err(_) => {
                // Never sent: safe to send elsewhere whatever the method.
                target.mark_down(health::Failure::FailedHealthChecks);
                inner.pool.purge(addr);
                tracing::warn!(target = %target.cfg.id, %addr, "target refused a connection: marked unhealthy");
                if inner.budget.try_retry() {
                    continue;
                }
                return elb_error(StatusCode::BAD_GATEWAY);
            }
        };
        let req_body: Body = match (replayable, body.take()) {
            (false, Some(b)) => b.boxed(),
            _ => Empty::<Bytes>::new().map_err(|never: Infallible| match never {}).boxed(),
        };
        let guard = InFlight::new(target.clone());
        let sent = std::time::Instant::now();
        let send = sender.send_request(out.build(req_body));
        tokio::pin!(send);
        // No response head within a few times the target's usual latency: is it hung (the
        // kernel accepts, the process answers nothing) or only slow on this request? One quick
        // probe decides; a hung target leaves the rotation, and the request is retried
        // elsewhere if it can be replayed, else answered 504 (never sent twice).
        let suspect_after = target.hung_after().min(group.cfg.response_timeout);
        let answer = match tokio::time::timeout(suspect_after, &mut send).await {
            Ok(r) => Ok(r),
            Err(_) if hung(&target, group).await => {
                target.mark_down(health::Failure::Timeout);
                inner.pool.purge(addr);
                tracing::warn!(target = %target.cfg.id, %addr, "target accepts but does not answer: marked unhealthy");
                drop(guard);
                if replayable && tried.len() < 4 && inner.budget.try_retry() {
                    continue;
                }
                return elb_error(StatusCode::GATEWAY_TIMEOUT);
            }
            Err(_) => tokio::time::timeout(group.cfg.response_timeout.saturating_sub(suspect_after), &mut send).await,
        };
        match answer {
            Err(_) => return elb_error(StatusCode::GATEWAY_TIMEOUT),
            Ok(Err(e)) => {
                drop(guard);
                if !reused {
                    // A fresh connection failed: the target is in trouble.
                    target.mark_down(health::Failure::FailedHealthChecks);
                    inner.pool.purge(addr);
                }
                tracing::debug!(error = %e, %addr, reused, "target connection failed");
                if replayable && tried.len() < 4 && inner.budget.try_retry() {
                    if reused {
                        // A stale keep-alive connection: the same target may be tried again.
                        tried.pop();
                    }
                    continue;
                }
                return elb_error(StatusCode::BAD_GATEWAY);
            }
            Ok(Ok(resp)) => {
                let micros = sent.elapsed().as_micros() as u64;
                target.answered_in(micros);
                group.stats.target_status(resp.status().as_u16(), micros);
                if let Some(lb) = lb {
                    lb.target_status(resp.status().as_u16(), micros);
                }
                let (mut parts, incoming) = resp.into_parts();
                strip_hop_by_hop(&mut parts.headers);
                if let Some(ttl) = group.cfg.sticky {
                    sticky::set_cookie(&mut parts.headers, &target.cfg, ttl, secure);
                }
                let body =
                    Tracked { inner: incoming, guard: Some(guard), conn: Some((sender, addr)), pool: inner.clone() };
                return Response::from_parts(parts, body.boxed());
            }
        }
    }
}

/// A request has waited past the target's usual latency: the target is hung if it is already
/// marked so, or if a quick health probe gets no answer either.
async fn hung(target: &Target, group: &Group) -> bool {
    {
        let h = target.health.lock().unwrap_or_else(|e| e.into_inner());
        if h.state == health::State::Unhealthy && h.reason == Some(health::Failure::Timeout) {
            return true;
        }
    }
    let mut settings = group.cfg.health.clone();
    settings.timeout = settings.timeout.min(Duration::from_millis(500));
    let mut addr = target.cfg.addr;
    if let Some(p) = settings.port {
        addr.set_port(p);
    }
    matches!(health::check(addr, &settings).await, Err(health::Failure::Timeout))
}

/// Whether a target takes new requests (not draining, and healthy).
fn serving(group: &Group, i: usize) -> bool {
    let t = &group.targets[i];
    !t.draining.load(Ordering::Relaxed) && t.health.lock().unwrap_or_else(|e| e.into_inner()).serving()
}

/// Healthy, non-draining, untried targets; all non-draining untried ones when none is healthy
/// (fail-open).
pub(crate) fn choose(group: &Group, tried: &[usize]) -> Option<usize> {
    let live: Vec<usize> = (0..group.targets.len())
        .filter(|i| !tried.contains(i) && !group.targets[*i].draining.load(Ordering::Relaxed))
        .collect();
    if live.is_empty() {
        return None;
    }
    let healthy: Vec<usize> = live
        .iter()
        .copied()
        .filter(|i| group.targets[*i].health.lock().unwrap_or_else(|e| e.into_inner()).serving())
        .collect();
    let candidates = if healthy.is_empty() { live } else { healthy };
    let loads: Vec<usize> = candidates.iter().map(|i| group.targets[*i].outstanding.load(Ordering::Relaxed)).collect();
    group.selector.pick(&loads).map(|k| candidates[k])
}

/// Counts a request in flight on its target until the response body is finished or dropped.
pub(crate) struct InFlight(Arc<Target>);

impl InFlight {
    pub(crate) fn new(t: Arc<Target>) -> InFlight {
        t.outstanding.fetch_add(1, Ordering::Relaxed);
        InFlight(t)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.outstanding.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The target's response body, passed through frame by frame; at its end the connection goes
/// back to the pool.
struct Tracked {
    inner: Incoming,
    guard: Option<InFlight>,
    conn: Option<(Sender, SocketAddr)>,
    pool: Arc<Inner>,
}

impl hyper::body::Body for Tracked {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        let this = &mut *self;
        let polled = Pin::new(&mut this.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(None) => {
                if let Some((sender, addr)) = this.conn.take() {
                    this.pool.pool.checkin(addr, sender);
                }
                this.guard = None;
            }
            Poll::Ready(Some(Err(_))) => {
                this.conn = None;
                this.guard = None;
            }
            _ => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        // The server may stop polling once the body says it has ended.
        if self.inner.is_end_stream() {
            if let Some((sender, addr)) = self.conn.take() {
                self.pool.pool.checkin(addr, sender);
            }
        }
    }
}
