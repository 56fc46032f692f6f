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

use crate::config::{Action, HeaderRules, Redirect, XffMode};
use crate::fast::End;
use crate::pool::Sender;
use crate::rules::{self, RequestView};
use crate::stats::Stats;
use crate::sticky;
use crate::{health, Body, Group, Inner, Target};

/// The TLS handshake bound, and the idle timeout of a listener the table no longer knows.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How a listening socket's connections are served.
#[derive(Clone, Copy)]
pub(crate) struct Door {
    /// The listener's address in the routing table (where the socket listens, or the host
    /// address of a listener that also accepts inside a VPC).
    pub local: SocketAddr,
    /// The source was already checked against the load balancer's security groups (by the
    /// VPC's router): `allow` is not consulted.
    pub vetted: bool,
}

pub(crate) async fn accept(listener: tokio::net::TcpListener, inner: Arc<Inner>, door: Door) {
    let Door { local, vetted } = door;
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
        // The connection moves to a worker's runtime (`workers.rs`) for the rest of its life.
        let Ok(stream) = stream.into_std() else { continue };
        let conn_inner = inner.clone();
        inner.workers.spawn(async move {
            let inner = conn_inner;
            let Ok(stream) = tokio::net::TcpStream::from_std(stream) else { return };
            let (tls, idle, tcp, allowed, logs_tls) = {
                let table = inner.table();
                let listener = table.listeners.get(&local);
                // A network load balancer that logs: its TLS connections' handshakes are noted
                // (looked up for TLS listeners of network load balancers only).
                let logs_tls = listener.is_some_and(|l| l.tcp && l.tls.is_some())
                    && table
                        .access_logs
                        .get(&local.ip())
                        .is_some_and(|l| l.cfg.format == crate::config::LogFormat::Network);
                let idle = listener.map_or(HEADER_TIMEOUT, |l| l.idle_timeout);
                let allowed = vetted
                    || listener.is_none_or(|l| {
                        l.allow.as_ref().is_none_or(|nets| nets.iter().any(|n| n.contains(&peer.ip().to_canonical())))
                    });
                (table.tls.get(&local).cloned(), idle, listener.is_some_and(|l| l.tcp), allowed, logs_tls)
            };
            if !allowed {
                // The load balancer's security groups do not let this source in.
                tracing::debug!(%peer, %local, "connection refused by the load balancer's security groups");
                return;
            }
            if tcp {
                // A network load balancer's listener: the connection itself goes to one target.
                match tls {
                    None => crate::tcp::relay(inner, local, peer, stream, None).await,
                    Some(acceptor) => {
                        let (opened, started) = (SystemTime::now(), std::time::Instant::now());
                        match tokio::time::timeout(HEADER_TIMEOUT, acceptor.accept(stream)).await {
                            Ok(Ok(stream)) => {
                                let facts =
                                    logs_tls.then(|| crate::tcp::TlsFacts::of(stream.get_ref().1, opened, started));
                                crate::tcp::relay(inner, local, peer, stream, facts).await;
                            }
                            failed if logs_tls => {
                                let error = failed.ok().and_then(Result::err);
                                crate::tcp::log_failed_handshake(&inner, local, peer, opened, started, error.as_ref());
                            }
                            _ => {}
                        }
                    }
                }
                return;
            }
            let client = crate::fast::Client { local, peer, tls: None, idle };
            match tls {
                None => http(stream, inner, client, false).await,
                Some(acceptor) => {
                    // The handshake gets the header timeout too: a silent client cannot hold it.
                    let Ok(Ok(stream)) = tokio::time::timeout(HEADER_TIMEOUT, acceptor.accept(stream)).await else {
                        return;
                    };
                    let session = stream.get_ref().1;
                    let h2 = session.alpn_protocol() == Some(b"h2");
                    let tls = Some(Arc::new(crate::tls::Session::of(session)));
                    http(stream, inner, crate::fast::Client { tls, ..client }, h2).await;
                }
            }
        });
    }
}

/// Serve an HTTP connection: requests start on the fast path (`fast/`); what it does not take,
/// and HTTP/2, goes to hyper.
async fn http<S>(io: S, inner: Arc<Inner>, client: crate::fast::Client, h2: bool)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    // hyper's header-read timeout also runs while a kept-alive connection waits for its
    // next request: it is the load balancer's idle timeout, as on an ALB.
    builder.http1().timer(TokioTimer::new()).header_read_timeout(client.idle).keep_alive(true);
    let (svc_inner, svc_client) = (inner.clone(), client.clone());
    let svc = hyper::service::service_fn(move |req| {
        let (inner, client) = (svc_inner.clone(), svc_client.clone());
        async move { Ok::<_, Infallible>(handle(inner, client, req).await) }
    });
    if h2 {
        let _ = builder.serve_connection_with_upgrades(TokioIo::new(io), svc).await;
    } else if let End::Handoff(io) = crate::fast::serve(io, &inner, client).await {
        let _ = builder.serve_connection_with_upgrades(TokioIo::new(io), svc).await;
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

/// The body of ALB's own error pages.
pub(crate) fn error_page(status: StatusCode) -> String {
    let reason = status.canonical_reason().unwrap_or("");
    let code = status.as_u16();
    format!("<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n</body>\r\n</html>\r\n")
}

/// ALB's own error pages.
fn elb_error(status: StatusCode) -> Response<Body> {
    let mut r = full(status, "text/html", error_page(status));
    r.extensions_mut().insert(ElbMade);
    r
}

async fn handle(inner: Arc<Inner>, client: crate::fast::Client, req: Request<Incoming>) -> Response<Body> {
    let crate::fast::Client { local, peer, tls, .. } = client;
    let table = inner.table();
    let lb = table.lb_stats.get(&local.ip()).cloned();
    if let Some(lb) = &lb {
        lb.request();
    }
    let log = table.access_logs.get(&local.ip()).cloned();
    let conn = Conn { local, peer, secure: tls.is_some(), logged: log.is_some(), tls };
    let resp = match log {
        None => route(inner, table, conn, req, lb.as_deref()).await.0,
        Some(log) => logged(&log, inner, table, conn, req, lb.as_deref()).await,
    };
    if let (Some(lb), Some(ElbMade)) = (&lb, resp.extensions().get::<ElbMade>()) {
        lb.elb_status(resp.status().as_u16());
    }
    resp
}

/// What `forward` tells the access log about the target that answered.
#[derive(Clone)]
struct Forwarded {
    target: SocketAddr,
    group: String,
    status: u16,
    trace_id: Option<HeaderValue>,
    asked: std::time::Instant,
    answered: std::time::Instant,
}

/// A request of a load balancer that logs: served as any other, then its line recorded (at
/// the response head; `sent_bytes` counts the head and a declared Content-Length).
async fn logged(
    log: &crate::access_log::AccessLog,
    inner: Arc<Inner>,
    table: Arc<crate::Table>,
    conn: Conn,
    req: Request<Incoming>,
    lb: Option<&Stats>,
) -> Response<Body> {
    let (received, started) = (SystemTime::now(), std::time::Instant::now());
    let head_len = |h: &HeaderMap| h.iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum::<usize>() + 2;
    let content_length = |h: &HeaderMap| {
        h.get(hyper::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok()).unwrap_or(0)
    };
    let method = req.method().clone();
    let version = match req.version() {
        Version::HTTP_10 => "HTTP/1.0",
        Version::HTTP_2 => "HTTP/2.0",
        _ => "HTTP/1.1",
    };
    let host = req
        .headers()
        .get(hyper::header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| req.uri().authority().map(|a| a.to_string()))
        .unwrap_or_else(|| conn.local.ip().to_string());
    let host_port = if host.contains(':') { host.clone() } else { format!("{host}:{}", conn.local.port()) };
    let scheme = if conn.secure { "https" } else { "http" };
    let url = format!("{scheme}://{host_port}{}", req.uri().path_and_query().map_or("/", |p| p.as_str()));
    let user_agent = req.headers().get(hyper::header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_string);
    let received_bytes = (method.as_str().len() + url.len() + version.len() + 4 + head_len(req.headers())) as u64
        + content_length(req.headers());
    let cert_arn = table.listeners.get(&conn.local).and_then(|l| l.certificate_arn.clone());
    let (resp, priority) = route(inner, table, conn.clone(), req, lb).await;
    let done = std::time::Instant::now();
    let fwd = resp.extensions().get::<Forwarded>().cloned();
    let actions = if fwd.is_some() {
        "forward"
    } else if resp.headers().contains_key(hyper::header::LOCATION) {
        "redirect"
    } else if resp.extensions().get::<ElbMade>().is_some() {
        "-"
    } else {
        "fixed-response"
    };
    let secs = |a: std::time::Instant, b: std::time::Instant| b.saturating_duration_since(a).as_secs_f64();
    let sent_bytes = (17 + head_len(resp.headers())) as u64 + content_length(resp.headers());
    log.record(&crate::access_log::Entry {
        kind: if conn.secure { "https" } else { "http" },
        received,
        client: conn.peer,
        target: fwd.as_ref().map(|f| f.target),
        times: fwd.as_ref().map(|f| (secs(started, f.asked), secs(f.asked, f.answered), secs(f.answered, done))),
        elb_status: resp.status().as_u16(),
        target_status: fwd.as_ref().map(|f| f.status),
        received_bytes,
        sent_bytes,
        method: method.as_str(),
        url: &url,
        version,
        user_agent: user_agent.as_deref(),
        target_group: fwd.as_ref().map(|f| f.group.as_str()),
        trace_id: fwd.as_ref().and_then(|f| f.trace_id.as_ref()).and_then(|v| v.to_str().ok()),
        domain: conn.tls.as_ref().and_then(|t| t.sni.as_deref()),
        tls: conn.tls.as_ref().map(|t| (t.cipher, t.protocol)),
        cert_arn: cert_arn.as_deref(),
        rule_priority: priority,
        actions,
        redirect_url: resp.headers().get(hyper::header::LOCATION).and_then(|v| v.to_str().ok()),
        error_reason: None,
    });
    resp
}

/// The client connection a request came on.
#[derive(Clone)]
struct Conn {
    local: SocketAddr,
    peer: SocketAddr,
    /// Over TLS (an HTTPS listener).
    secure: bool,
    /// The TLS session of an HTTPS listener's connection.
    tls: Option<Arc<crate::tls::Session>>,
    /// The load balancer logs its requests: `forward` notes the target on the response.
    logged: bool,
}

/// The response, and the priority of the rule that matched (0: the default rule) for the
/// access log.
async fn route(
    inner: Arc<Inner>,
    table: Arc<crate::Table>,
    conn: Conn,
    req: Request<Incoming>,
    lb: Option<&Stats>,
) -> (Response<Body>, Option<u32>) {
    let Conn { local, peer, .. } = conn;
    let Some(listener) = table.listeners.get(&local).cloned() else {
        return (elb_error(StatusCode::SERVICE_UNAVAILABLE), None);
    };
    let host = req
        .headers()
        .get(hyper::header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| req.uri().authority().map(|a| a.to_string()));
    let (action, priority) = {
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
        match rules::matching(&listener.rules, &view) {
            Some(rule) => (Some(rule.action.clone()), Some(rule.priority)),
            None => (None, None),
        }
    };
    let resp = match action {
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
                return (elb_error(StatusCode::SERVICE_UNAVAILABLE), priority);
            };
            drop(table);
            group.stats.request();
            forward(&inner, &group, conn, listener.headers, host, req, lb).await
        }
    };
    (resp, priority)
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

/// `Root=1-<8 hex digits of epoch seconds>-<24 hex digits>`, X-Ray's form (hex-encoded into a
/// stack buffer: this runs for every request).
pub(crate) fn trace_id() -> HeaderValue {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
    let mix = (now.as_nanos() as u64 ^ seq.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let mut buf = *b"Root=1-00000000-000000000000000000000000";
    let _ = hex::encode_to_slice((now.as_secs() as u32).to_be_bytes(), &mut buf[7..15]);
    let _ = hex::encode_to_slice(((seq as u32) ^ (mix >> 40) as u32).to_be_bytes(), &mut buf[16..24]);
    let _ = hex::encode_to_slice(mix.to_be_bytes(), &mut buf[24..40]);
    HeaderValue::from_bytes(&buf)
        .unwrap_or_else(|_| HeaderValue::from_static("Root=1-00000000-000000000000000000000000"))
}

/// The client's address as a header value (dotted quad written without the formatter: this runs
/// for every request).
pub(crate) fn ip_value(ip: std::net::IpAddr) -> Option<HeaderValue> {
    match ip {
        std::net::IpAddr::V4(v4) => {
            let mut buf = [0u8; 15];
            let mut n = 0;
            for (i, octet) in v4.octets().into_iter().enumerate() {
                if i > 0 {
                    buf[n] = b'.';
                    n += 1;
                }
                if octet >= 100 {
                    buf[n] = b'0' + octet / 100;
                    n += 1;
                }
                if octet >= 10 {
                    buf[n] = b'0' + octet / 10 % 10;
                    n += 1;
                }
                buf[n] = b'0' + octet % 10;
                n += 1;
            }
            HeaderValue::from_bytes(&buf[..n]).ok()
        }
        std::net::IpAddr::V6(_) => HeaderValue::from_str(&ip.to_string()).ok(),
    }
}

const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");
const X_FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");
const X_FORWARDED_PORT: HeaderName = HeaderName::from_static("x-forwarded-port");
const X_AMZN_TRACE_ID: HeaderName = HeaderName::from_static("x-amzn-trace-id");
const X_AMZN_TLS_VERSION: HeaderName = HeaderName::from_static("x-amzn-tls-version");
const X_AMZN_TLS_CIPHER_SUITE: HeaderName = HeaderName::from_static("x-amzn-tls-cipher-suite");

/// The client's address as X-Forwarded-For appends it: with its port when
/// `routing.http.xff_client_port.enabled` (`[v6]:port` for IPv6).
pub(crate) fn client_address(peer: SocketAddr, port: bool) -> String {
    match (peer.ip().to_canonical(), port) {
        (ip, false) => ip.to_string(),
        (std::net::IpAddr::V4(ip), true) => format!("{ip}:{}", peer.port()),
        (std::net::IpAddr::V6(ip), true) => format!("[{ip}]:{}", peer.port()),
    }
}

const HOP_BY_HOP: [HeaderName; 7] = [
    hyper::header::CONNECTION,
    HeaderName::from_static("keep-alive"),
    HeaderName::from_static("proxy-connection"),
    hyper::header::TE,
    hyper::header::TRAILER,
    hyper::header::TRANSFER_ENCODING,
    hyper::header::UPGRADE,
];

fn strip_hop_by_hop(h: &mut HeaderMap) {
    for name in &HOP_BY_HOP {
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
    let stream = match tokio::time::timeout(
        Duration::from_secs(10),
        crate::dial::tcp(target.cfg.addr, target.cfg.via.as_ref(), None),
    )
    .await
    {
        Ok(Ok(s)) => s,
        _ => {
            target.mark_down(health::Failure::FailedHealthChecks);
            return elb_error(StatusCode::BAD_GATEWAY);
        }
    };
    let _ = stream.set_nodelay(true);
    let Ok(io) = crate::pool::target_io(target.cfg.addr, stream, group.cfg.tls_to_targets).await else {
        return elb_error(StatusCode::BAD_GATEWAY);
    };
    let Ok((mut sender, conn)) = hyper::client::conn::http1::handshake(TokioIo::new(io)).await else {
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
    rules: HeaderRules,
    host: Option<String>,
    req: Request<Incoming>,
    lb: Option<&Stats>,
) -> Response<Body> {
    let Conn { local, peer, secure, logged, tls } = conn;
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
    if rules.drop_invalid {
        let invalid: Vec<HeaderName> =
            headers.keys().filter(|k| !HeaderRules::valid_name(k.as_str().as_bytes())).cloned().collect();
        for k in invalid {
            headers.remove(k);
        }
    }
    match rules.xff {
        XffMode::Append => {
            let prev = headers.get(&X_FORWARDED_FOR).and_then(|v| v.to_str().ok());
            let xff = match (prev, rules.xff_client_port) {
                (None, false) => ip_value(peer.ip()),
                (prev, port) => {
                    let mut v = prev.map(|p| format!("{p}, ")).unwrap_or_default();
                    v.push_str(&client_address(peer, port));
                    HeaderValue::from_str(&v).ok()
                }
            };
            if let Some(v) = xff {
                headers.insert(X_FORWARDED_FOR, v);
            }
        }
        XffMode::Preserve => {}
        XffMode::Remove => {
            headers.remove(&X_FORWARDED_FOR);
        }
    }
    if let (true, Some(t)) = (rules.tls_headers, &tls) {
        headers.insert(X_AMZN_TLS_VERSION, HeaderValue::from_static(t.protocol));
        headers.insert(X_AMZN_TLS_CIPHER_SUITE, HeaderValue::from_static(t.cipher));
    }
    headers.insert(X_FORWARDED_PROTO, HeaderValue::from_static(if secure { "https" } else { "http" }));
    headers.insert(X_FORWARDED_PORT, HeaderValue::from(local.port()));
    if !headers.contains_key(&X_AMZN_TRACE_ID) {
        headers.insert(X_AMZN_TRACE_ID, trace_id());
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
        let key = crate::pool::Key {
            addr,
            tls: group.cfg.tls_to_targets,
            via: crate::dial::Via::key(target.cfg.via.as_ref()),
        };
        let (mut sender, reused) = match inner.pool.checkout(key, target.cfg.via.as_ref()).await {
            Ok(s) => s,
            Err(_) => {
                // Never sent: safe to send elsewhere whatever the method.
                refused(inner, &target);
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
                hung_out(inner, &target);
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
                connection_failed(inner, &target, reused, &e);
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
                if logged {
                    parts.extensions.insert(Forwarded {
                        target: addr,
                        group: group.cfg.arn.clone(),
                        status: parts.status.as_u16(),
                        trace_id: out.headers.get(&X_AMZN_TRACE_ID).cloned(),
                        asked: sent,
                        answered: std::time::Instant::now(),
                    });
                }
                let body =
                    Tracked { inner: incoming, guard: Some(guard), conn: Some((sender, key)), pool: inner.clone() };
                return Response::from_parts(parts, body.boxed());
            }
        }
    }
}

/// A request has waited past the target's usual latency: the target is hung if it is already
/// marked so, or if a quick health probe gets no answer either.
pub(crate) async fn hung(target: &Target, group: &Group) -> bool {
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
    matches!(health::check(addr, target.cfg.via.as_ref(), &settings).await, Err(health::Failure::Timeout))
}

/// Live traffic found a target refusing connections: out of rotation, its idle connections
/// dropped.
pub(crate) fn refused(inner: &Inner, target: &Target) {
    target.mark_down(health::Failure::FailedHealthChecks);
    inner.pool.purge(target.cfg.addr);
    tracing::warn!(target = %target.cfg.id, addr = %target.cfg.addr, "target refused a connection: marked unhealthy");
}

/// A target accepts but does not answer: out of rotation, its idle connections dropped.
pub(crate) fn hung_out(inner: &Inner, target: &Target) {
    target.mark_down(health::Failure::Timeout);
    inner.pool.purge(target.cfg.addr);
    tracing::warn!(target = %target.cfg.id, addr = %target.cfg.addr, "target accepts but does not answer: marked unhealthy");
}

/// A request's target connection failed: when it was a fresh one, the target is in trouble.
pub(crate) fn connection_failed(inner: &Inner, target: &Target, reused: bool, error: &dyn std::fmt::Display) {
    if !reused {
        target.mark_down(health::Failure::FailedHealthChecks);
        inner.pool.purge(target.cfg.addr);
    }
    tracing::debug!(%error, addr = %target.cfg.addr, reused, "target connection failed");
}

/// Whether a target takes new requests (not draining, and healthy).
fn serving(group: &Group, i: usize) -> bool {
    let t = &group.targets[i];
    !t.draining.load(Ordering::Relaxed) && t.health.lock().unwrap_or_else(|e| e.into_inner()).serving()
}

/// Healthy, non-draining, untried targets; all non-draining untried ones when none is healthy
/// (fail-open).
pub(crate) fn choose(group: &Group, tried: &[usize]) -> Option<usize> {
    // Candidates and their loads on the stack for the usual few targets (no allocation on the
    // hot path), on the heap beyond.
    const ON_STACK: usize = 16;
    let n = group.targets.len();
    let (mut stack_idx, mut stack_load) = ([0usize; ON_STACK], [0usize; ON_STACK]);
    let (mut heap_idx, mut heap_load) = (Vec::new(), Vec::new());
    let (idx, load): (&mut [usize], &mut [usize]) = if n <= ON_STACK {
        (&mut stack_idx[..n], &mut stack_load[..n])
    } else {
        heap_idx.resize(n, 0);
        heap_load.resize(n, 0);
        (&mut heap_idx[..], &mut heap_load[..])
    };
    let (mut live, mut healthy) = (0, 0);
    // Healthy candidates fill the front, the other live (non-draining, untried) ones the back.
    for (i, t) in group.targets.iter().enumerate() {
        if tried.contains(&i) || t.draining.load(Ordering::Relaxed) {
            continue;
        }
        live += 1;
        if t.health.lock().unwrap_or_else(|e| e.into_inner()).serving() {
            idx[healthy] = i;
            healthy += 1;
        } else {
            idx[n - (live - healthy)] = i;
        }
    }
    if live == 0 {
        return None;
    }
    // Fail open: all live targets when none is healthy.
    let candidates: &mut [usize] = if healthy > 0 { &mut idx[..healthy] } else { &mut idx[n - live..] };
    if healthy == 0 {
        candidates.reverse(); // back in target order
    }
    for (k, i) in candidates.iter().enumerate() {
        load[k] = group.targets[*i].outstanding.load(Ordering::Relaxed);
    }
    group.selector.pick(&load[..candidates.len()]).map(|k| candidates[k])
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
    /// The target connection and its pool list.
    conn: Option<(Sender, crate::pool::Key)>,
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
                if let Some((sender, key)) = this.conn.take() {
                    this.pool.pool.checkin(key, sender);
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
            if let Some((sender, key)) = self.conn.take() {
                self.pool.pool.checkin(key, sender);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Algorithm, GroupConfig, TargetConfig};
    use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize};
    use std::sync::Mutex;
    use std::time::Instant;

    /// A round-robin group whose targets have the given (healthy, draining) states.
    fn group(states: &[(bool, bool)]) -> Group {
        let targets = states
            .iter()
            .enumerate()
            .map(|(i, (healthy, draining))| {
                let cfg = TargetConfig {
                    id: format!("t{i}"),
                    port: 80,
                    addr: SocketAddr::from(([127, 0, 0, 1], 1000 + i as u16)),
                    via: None,
                    draining: *draining,
                };
                let mut health = health::Health::default();
                if *healthy {
                    health.observe(Ok(()), 1, 1);
                }
                Arc::new(Target {
                    cfg,
                    draining: AtomicBool::new(*draining),
                    outstanding: AtomicUsize::new(0),
                    latency_us: AtomicU64::new(0),
                    health: Mutex::new(health),
                    next_check: Mutex::new(Instant::now()),
                    checking: AtomicBool::new(false),
                })
            })
            .collect();
        let cfg = GroupConfig { response_timeout: Duration::from_secs(1), ..GroupConfig::new("g", vec![]) };
        Group {
            cfg,
            targets,
            selector: Arc::from(crate::selection::selector(Algorithm::RoundRobin)),
            stats: Arc::default(),
        }
    }

    fn picks(g: &Group, tried: &[usize], n: usize) -> Vec<Option<usize>> {
        (0..n).map(|_| choose(g, tried)).collect()
    }

    #[test]
    fn client_addresses_and_trace_ids_are_written_as_the_formatter_would() {
        for ip in ["0.0.0.0", "127.0.0.1", "10.20.30.40", "255.255.255.255", "192.168.1.100", "::1"] {
            let ip: std::net::IpAddr = ip.parse().unwrap();
            assert_eq!(ip_value(ip).unwrap().to_str().unwrap(), ip.to_string());
        }
        let t = trace_id();
        let t = t.to_str().unwrap();
        let (root, rest) = t.split_at(7);
        assert_eq!(root, "Root=1-");
        let (secs, id) = rest.split_once('-').unwrap();
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
        assert!(u64::from_str_radix(secs, 16).unwrap().abs_diff(now) < 5, "{t}");
        assert_eq!(id.len(), 24);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()) && trace_id() != trace_id(), "{t}");
    }

    #[test]
    fn choose_takes_healthy_untried_non_draining_targets_in_turn() {
        // t0 healthy, t1 unhealthy, t2 healthy but draining, t3 healthy.
        let g = group(&[(true, false), (false, false), (true, true), (true, false)]);
        assert_eq!(picks(&g, &[], 4), vec![Some(0), Some(3), Some(0), Some(3)]);
        assert_eq!(picks(&g, &[0], 2), vec![Some(3), Some(3)]);
    }

    #[test]
    fn choose_fails_open_to_every_live_target_in_order_when_none_is_healthy() {
        let g = group(&[(false, false), (false, true), (false, false), (false, false)]);
        assert_eq!(picks(&g, &[], 3), vec![Some(0), Some(2), Some(3)]);
        let g = group(&[(false, false), (false, true), (false, false), (false, false)]);
        assert_eq!(picks(&g, &[2], 2), vec![Some(0), Some(3)]);
        assert_eq!(choose(&g, &[0, 2, 3]), None, "tried and draining targets are never chosen");
    }

    #[test]
    fn choose_handles_groups_larger_than_the_stack_buffer() {
        let states: Vec<(bool, bool)> = (0..40).map(|i| (i % 2 == 0, false)).collect();
        let g = group(&states);
        let got: Vec<usize> = picks(&g, &[], 20).into_iter().map(Option::unwrap).collect();
        assert_eq!(got, (0..40).step_by(2).collect::<Vec<_>>());
    }
}
