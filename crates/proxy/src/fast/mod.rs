//! The HTTP/1.1 fast path: the common request — HTTP/1.1, a body of known length (or none), a
//! forward rule to plain-HTTP targets — proxied from one buffer per side, with no `hyper` in
//! between. The client's head is parsed in place (`httparse`), rewritten once into the bytes
//! the target gets (hop-by-hop headers out, X-Forwarded-*, X-Amzn-Trace-Id in), and written
//! with its body in one call; the target's response head is parsed in place, rewritten, and
//! written to the client together with the body bytes that came with it. The target connection
//! is owned by the request while it runs (no connection task, no channel between the two):
//! per proxied request the data plane makes the same four socket calls nginx does and little
//! else.
//!
//! Anything else — HTTP/1.0, HTTP/2, upgrades, chunked or `Expect` request bodies, bodies over
//! `MAX_BODY`, fixed responses and redirects, sticky or TLS target groups, load balancers that
//! write access logs, a head that does not parse — is handed to the `hyper` path in
//! `forward.rs` for the rest of the connection, with the bytes already read (`Prefixed`). The
//! two paths share target choice, health marking, the hung-target probe, retries, the budget and
//! the statistics.

mod body;
mod prefixed;

use std::io;
use std::net::SocketAddr;
use std::ops::Range;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::{Buf, BytesMut};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

use body::Body;
pub(crate) use prefixed::Prefixed;

use crate::config::{Action, HeaderRules, XffMode};
use crate::forward::{choose, connection_failed, error_page, hung, hung_out, refused, InFlight};
use crate::rules::{self, RequestView};
use crate::stats::Stats;
use crate::{Group, Inner};

/// Largest request or response head read on this path (a larger one goes to `hyper`, which
/// answers 431).
const MAX_HEAD: usize = 64 * 1024;
/// Largest request body forwarded from the buffer; larger ones are streamed by `hyper`.
const MAX_BODY: usize = 1 << 20;
/// Headers per message on this path.
const MAX_HEADERS: usize = 96;
/// The client's read buffer.
const BUF: usize = 16 * 1024;

/// Where a header's name and value lie in the buffer they were parsed from.
type Span = (Range<usize>, Range<usize>);

/// The client connection a request came on.
#[derive(Clone)]
pub(crate) struct Client {
    pub local: SocketAddr,
    pub peer: SocketAddr,
    /// An HTTPS listener's connection: its TLS session.
    pub tls: Option<Arc<crate::tls::Session>>,
    /// The listener's idle timeout: how long the next request's head may take.
    pub idle: Duration,
}

/// The end of the fast path on a connection: it is finished (closed or to be closed), or the
/// rest of it goes to `hyper` with the bytes already read.
pub(crate) enum End<S> {
    Closed,
    Handoff(Prefixed<S>),
}

/// Buffers a connection keeps across its requests.
struct Bufs {
    /// The client's bytes.
    rx: BytesMut,
    /// The request as the target gets it.
    out: BytesMut,
    /// The target's bytes.
    trx: BytesMut,
    /// The response head (and first body bytes) as the client gets them.
    tx: BytesMut,
    spans: Vec<Span>,
}

/// Serve a connection's requests for as long as they fit the fast path.
pub(crate) async fn serve<S>(mut io: S, inner: &Arc<Inner>, client: Client) -> End<S>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut b = Bufs {
        rx: BytesMut::with_capacity(BUF),
        out: BytesMut::with_capacity(1024),
        trx: BytesMut::with_capacity(BUF),
        tx: BytesMut::with_capacity(1024),
        spans: Vec::with_capacity(32),
    };
    loop {
        // The next request's head, within the idle timeout.
        let head = match tokio::time::timeout(client.idle, read_request(&mut io, &mut b)).await {
            Ok(Ok(Some(h))) => h,
            Ok(Ok(None)) => return End::Handoff(Prefixed::new(b.rx, io)),
            Ok(Err(_)) | Err(_) => return End::Closed,
        };
        // The body, when it did not come with the head.
        let total = head.len + head.body;
        while b.rx.len() < total {
            b.rx.reserve(total - b.rx.len());
            match tokio::time::timeout(client.idle, io.read_buf(&mut b.rx)).await {
                Ok(Ok(n)) if n > 0 => {}
                _ => return End::Closed,
            }
        }
        let Some(route) = route(inner, &client, &b, &head) else {
            return End::Handoff(Prefixed::new(b.rx, io));
        };
        build_request(&mut b, &head, &client, route.headers);
        b.rx.advance(total);
        match proxy(inner, &route, &client, &mut b, &mut io, &head).await {
            Ok(Keep::Open) if !head.close => {}
            _ => {
                let _ = io.shutdown().await;
                return End::Closed;
            }
        }
    }
}

/// What the fast path needs of a request head.
struct RequestHead {
    /// Bytes of the head.
    len: usize,
    /// Bytes of the body (Content-Length).
    body: usize,
    method: Range<usize>,
    target: Range<usize>,
    /// `Connection: close`.
    close: bool,
    /// A HEAD request: its response has no body whatever its headers say.
    head_only: bool,
    /// Safe to send again to another target after a failure (`forward.rs`'s rule): an
    /// idempotent method, and no body.
    replayable: bool,
}

/// Read until a whole request head is in `b.rx`: `None` when the request is not for this path.
async fn read_request<S: AsyncRead + Unpin>(io: &mut S, b: &mut Bufs) -> io::Result<Option<RequestHead>> {
    loop {
        if !b.rx.is_empty() {
            match parse_request(&b.rx, &mut b.spans) {
                Parsed::Head(h) => return Ok(Some(h)),
                Parsed::Other => return Ok(None),
                Parsed::Partial if b.rx.len() >= MAX_HEAD => return Ok(None),
                Parsed::Partial => {}
            }
        }
        if b.rx.capacity() - b.rx.len() < 1024 {
            b.rx.reserve(BUF);
        }
        if io.read_buf(&mut b.rx).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
    }
}

enum Parsed<H> {
    Head(H),
    Partial,
    /// Well formed or not, not for this path.
    Other,
}

fn offset(buf: &[u8], part: &[u8]) -> Range<usize> {
    let start = part.as_ptr() as usize - buf.as_ptr() as usize;
    start..start + part.len()
}

fn parse_request(buf: &[u8], spans: &mut Vec<Span>) -> Parsed<RequestHead> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut headers);
    let len = match req.parse(buf) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Parsed::Partial,
        Err(_) => return Parsed::Other,
    };
    let (Some(method), Some(target), Some(1)) = (req.method, req.path, req.version) else {
        return Parsed::Other;
    };
    if !target.starts_with('/') {
        return Parsed::Other;
    }
    let (mut body, mut close) = (None, false);
    spans.clear();
    for h in req.headers.iter() {
        let name = h.name;
        if name.eq_ignore_ascii_case("transfer-encoding")
            || name.eq_ignore_ascii_case("upgrade")
            || name.eq_ignore_ascii_case("expect")
        {
            return Parsed::Other;
        }
        if name.eq_ignore_ascii_case("content-length") {
            let n = match std::str::from_utf8(h.value).ok().and_then(|v| v.trim().parse::<usize>().ok()) {
                Some(n) if n <= MAX_BODY && body.is_none_or(|b| b == n) => n,
                _ => return Parsed::Other,
            };
            body = Some(n);
        } else if name.eq_ignore_ascii_case("connection") {
            for token in h.value.split(|c| *c == b',') {
                let token = token.trim_ascii();
                if token.eq_ignore_ascii_case(b"upgrade") {
                    return Parsed::Other;
                }
                close |= token.eq_ignore_ascii_case(b"close");
            }
        }
        spans.push((offset(buf, name.as_bytes()), offset(buf, h.value)));
    }
    Parsed::Head(RequestHead {
        len,
        body: body.unwrap_or(0),
        method: offset(buf, method.as_bytes()),
        target: offset(buf, target.as_bytes()),
        close,
        head_only: method == "HEAD",
        replayable: matches!(method, "GET" | "HEAD" | "OPTIONS" | "PUT" | "DELETE" | "TRACE") && body.unwrap_or(0) == 0,
    })
}

/// The values of header `name` (case-insensitive).
fn values<'a>(buf: &'a [u8], spans: &'a [Span], name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
    spans
        .iter()
        .filter(move |(n, _)| buf[n.clone()].eq_ignore_ascii_case(name.as_bytes()))
        .map(move |(_, v)| &buf[v.clone()])
}

/// Where a request the fast path takes goes.
struct Route {
    group: Arc<Group>,
    lb: Option<Arc<Stats>>,
    headers: HeaderRules,
}

/// The listener's rule for the request, if it forwards to a group this path serves.
fn route(inner: &Inner, client: &Client, b: &Bufs, head: &RequestHead) -> Option<Route> {
    let table = inner.table();
    if table.access_logs.contains_key(&client.local.ip()) {
        return None;
    }
    let listener = table.listeners.get(&client.local)?;
    let buf = &b.rx[..head.len];
    let text = |r: &Range<usize>| std::str::from_utf8(&buf[r.clone()]).ok();
    let target = text(&head.target)?;
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let host = values(buf, &b.spans, "host").next().and_then(|v| std::str::from_utf8(v).ok());
    let lookup = |name: &str| -> Vec<String> {
        values(buf, &b.spans, name).filter_map(|v| std::str::from_utf8(v).ok().map(str::to_string)).collect()
    };
    let view =
        RequestView { method: text(&head.method)?, path, query, host, headers: &lookup, source: client.peer.ip() };
    let Action::Forward(groups) = &rules::matching(&listener.rules, &view)?.action else {
        return None;
    };
    // Every group the rule may pick must be one this path serves, so that the weighted pick
    // below is made once, here or in `forward.rs`.
    let fits = |arn: &String| table.groups.get(arn).is_some_and(|g| g.cfg.sticky.is_none() && !g.cfg.tls_to_targets);
    if !groups.iter().all(|(arn, _)| fits(arn)) {
        return None;
    }
    let pick = match groups.len() {
        1 => 0,
        _ => {
            let weights: Vec<u32> = groups.iter().map(|(_, w)| *w).collect();
            crate::selection::weighted(&weights, inner.weighted_counter.fetch_add(1, Ordering::Relaxed))
        }
    };
    let group = table.groups.get(&groups.get(pick)?.0)?.clone();
    let lb = table.lb_stats.get(&client.local.ip()).cloned();
    Some(Route { group, lb, headers: listener.headers })
}

/// Headers a proxy does not pass on (and those this path writes itself).
fn dropped_from_request(name: &[u8]) -> bool {
    const NAMES: [&[u8]; 9] = [
        b"connection",
        b"keep-alive",
        b"proxy-connection",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
        b"x-forwarded-proto",
        b"x-forwarded-port",
    ];
    NAMES.iter().any(|n| name.eq_ignore_ascii_case(n))
}

/// The request as the target gets it, body included, into `b.out`.
fn build_request(b: &mut Bufs, head: &RequestHead, client: &Client, rules: HeaderRules) {
    let (buf, out) = (&b.rx[..head.len + head.body], &mut b.out);
    let tls_headers = client.tls.as_ref().filter(|_| rules.tls_headers);
    out.clear();
    out.extend_from_slice(&buf[head.method.clone()]);
    out.extend_from_slice(b" ");
    out.extend_from_slice(&buf[head.target.clone()]);
    out.extend_from_slice(b" HTTP/1.1\r\n");
    let mut traced = false;
    for (n, v) in &b.spans {
        let name = &buf[n.clone()];
        let xff = name.eq_ignore_ascii_case(b"x-forwarded-for");
        if dropped_from_request(name)
            || (xff && rules.xff != XffMode::Preserve)
            || (rules.drop_invalid && !HeaderRules::valid_name(name))
            || (tls_headers.is_some()
                && (name.eq_ignore_ascii_case(b"x-amzn-tls-version")
                    || name.eq_ignore_ascii_case(b"x-amzn-tls-cipher-suite")))
        {
            continue;
        }
        traced |= name.eq_ignore_ascii_case(b"x-amzn-trace-id");
        out.extend_from_slice(name);
        out.extend_from_slice(b": ");
        out.extend_from_slice(&buf[v.clone()]);
        out.extend_from_slice(b"\r\n");
    }
    if rules.xff == XffMode::Append {
        out.extend_from_slice(b"x-forwarded-for: ");
        if let Some(prev) = values(buf, &b.spans, "x-forwarded-for").next() {
            out.extend_from_slice(prev);
            out.extend_from_slice(b", ");
        }
        match (rules.xff_client_port, crate::forward::ip_value(client.peer.ip())) {
            (false, Some(ip)) => out.extend_from_slice(ip.as_bytes()),
            (port, _) => out.extend_from_slice(crate::forward::client_address(client.peer, port).as_bytes()),
        }
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(if client.tls.is_some() {
        b"x-forwarded-proto: https\r\nx-forwarded-port: "
    } else {
        b"x-forwarded-proto: http\r\nx-forwarded-port: "
    });
    out.extend_from_slice(itoa::Buffer::new().format(client.local.port()).as_bytes());
    out.extend_from_slice(b"\r\n");
    if !traced {
        out.extend_from_slice(b"x-amzn-trace-id: ");
        out.extend_from_slice(crate::forward::trace_id().as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    if let Some(t) = tls_headers {
        out.extend_from_slice(b"x-amzn-tls-version: ");
        out.extend_from_slice(t.protocol.as_bytes());
        out.extend_from_slice(b"\r\nx-amzn-tls-cipher-suite: ");
        out.extend_from_slice(t.cipher.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(&buf[head.len..]);
}

/// Whether the client connection can carry another request.
enum Keep {
    Open,
    Close,
}

/// Send the request in `b.out` to a target of the route's group — retried on another target
/// when that is safe, as `forward.rs` does — and relay the answer to the client.
async fn proxy<S>(
    inner: &Arc<Inner>,
    route: &Route,
    client: &Client,
    b: &mut Bufs,
    io: &mut S,
    head: &RequestHead,
) -> io::Result<Keep>
where
    S: AsyncWrite + Unpin,
{
    let (group, lb) = (&*route.group, route.lb.as_deref());
    if let Some(lb) = lb {
        lb.request();
    }
    group.stats.request();
    inner.budget.on_request();
    let (replayable, head_only) = (head.replayable, head.head_only);
    // The targets tried, on the stack: at most `TRIES` (a refused connection is retried within
    // the budget only).
    const TRIES: usize = 8;
    let (mut tried_at, mut tries) = ([0usize; TRIES], 0);
    loop {
        let tried = &tried_at[..tries];
        let pick = if tries < TRIES { choose(group, tried) } else { None };
        let Some(idx) = pick else {
            let any = group.targets.iter().any(|t| !t.draining.load(Ordering::Relaxed));
            let status = if any && tries > 0 { 502 } else { 503 };
            return elb_answer(io, lb, status).await;
        };
        tried_at[tries] = idx;
        tries += 1;
        let target = group.targets[idx].clone();
        let addr = target.cfg.addr;
        let key = crate::pool::Key { addr, tls: false, via: crate::dial::Via::key(target.cfg.via.as_ref()) };
        let Ok((mut stream, reused)) = inner.pool.checkout_raw(key, target.cfg.via.as_ref()).await else {
            // Never sent: safe to send elsewhere whatever the method.
            refused(inner, &target);
            if inner.budget.try_retry() {
                continue;
            }
            return elb_answer(io, lb, 502).await;
        };
        let guard = InFlight::new(target.clone());
        let sent = Instant::now();
        let suspect_after = target.hung_after().min(group.cfg.response_timeout);
        b.trx.clear();
        let answer = {
            let exchange = exchange(&mut stream, &b.out, &mut b.trx, head_only);
            tokio::pin!(exchange);
            match tokio::time::timeout(suspect_after, &mut exchange).await {
                Ok(r) => Some(r),
                Err(_) if hung(&target, group).await => None,
                Err(_) => {
                    match tokio::time::timeout(group.cfg.response_timeout.saturating_sub(suspect_after), &mut exchange)
                        .await
                    {
                        Ok(r) => Some(r),
                        Err(_) => return elb_answer(io, lb, 504).await,
                    }
                }
            }
        };
        let response = match answer {
            None => {
                // Accepts but answers nothing: out of rotation; the request goes elsewhere if it
                // can be replayed, else 504 (never sent twice).
                hung_out(inner, &target);
                drop(guard);
                if replayable && tries < 4 && inner.budget.try_retry() {
                    continue;
                }
                return elb_answer(io, lb, 504).await;
            }
            Some(Err(e)) => {
                drop(guard);
                connection_failed(inner, &target, reused, &e);
                if replayable && tries < 4 && inner.budget.try_retry() {
                    if reused {
                        // A stale keep-alive connection: the same target may be tried again.
                        tries -= 1;
                    }
                    continue;
                }
                return elb_answer(io, lb, 502).await;
            }
            Some(Ok(r)) => r,
        };
        let micros = sent.elapsed().as_micros() as u64;
        target.answered_in(micros);
        group.stats.target_status(response.status, micros);
        if let Some(lb) = lb {
            lb.target_status(response.status, micros);
        }
        let reusable = relay(&mut stream, io, b, &response, client.idle).await?;
        drop(guard);
        if reusable {
            inner.pool.checkin_raw(key, stream);
        }
        return Ok(if response.framing == Framing::UntilClose { Keep::Close } else { Keep::Open });
    }
}

/// How a response's body ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    None,
    Length(u64),
    Chunked,
    /// When the target closes the connection.
    UntilClose,
}

/// What the relay needs of a response head (its bytes are the first `len` of `b.trx`).
#[derive(Debug)]
struct ResponseHead {
    len: usize,
    status: u16,
    framing: Framing,
    /// The target will close its connection after this response.
    close: bool,
}

/// Write the request, and read until a whole response head is in `trx` (1xx heads skipped).
async fn exchange(stream: &mut TcpStream, out: &[u8], trx: &mut BytesMut, head_only: bool) -> io::Result<ResponseHead> {
    stream.write_all(out).await?;
    loop {
        if !trx.is_empty() {
            match parse_response(trx, head_only) {
                Parsed::Head(h) if (100..200).contains(&h.status) => {
                    trx.advance(h.len);
                    continue;
                }
                Parsed::Head(h) => return Ok(h),
                Parsed::Other => return Err(io::Error::new(io::ErrorKind::InvalidData, "malformed response head")),
                Parsed::Partial if trx.len() >= MAX_HEAD => {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, "response head too large"))
                }
                Parsed::Partial => {}
            }
        }
        if trx.capacity() - trx.len() < 1024 {
            trx.reserve(BUF);
        }
        if stream.read_buf(trx).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
    }
}

fn parse_response(buf: &[u8], head_only: bool) -> Parsed<ResponseHead> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut resp = httparse::Response::new(&mut headers);
    let len = match resp.parse(buf) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Parsed::Partial,
        Err(_) => return Parsed::Other,
    };
    let (Some(status), Some(version)) = (resp.code, resp.version) else { return Parsed::Other };
    let (mut length, mut chunked, mut coded, mut close, mut keep_alive) = (None, false, false, false, false);
    for h in resp.headers.iter() {
        if h.name.eq_ignore_ascii_case("content-length") {
            match std::str::from_utf8(h.value).ok().and_then(|v| v.trim().parse::<u64>().ok()) {
                Some(n) if length.is_none_or(|l| l == n) => length = Some(n),
                _ => return Parsed::Other,
            }
        } else if h.name.eq_ignore_ascii_case("transfer-encoding") {
            coded = true;
            chunked =
                h.value.rsplit(|c| *c == b',').next().is_some_and(|t| t.trim_ascii().eq_ignore_ascii_case(b"chunked"));
        } else if h.name.eq_ignore_ascii_case("connection") {
            for token in h.value.split(|c| *c == b',') {
                close |= token.trim_ascii().eq_ignore_ascii_case(b"close");
                keep_alive |= token.trim_ascii().eq_ignore_ascii_case(b"keep-alive");
            }
        }
    }
    let framing = if head_only || (100..200).contains(&status) || status == 204 || status == 304 {
        Framing::None
    } else if coded {
        if chunked {
            Framing::Chunked
        } else {
            Framing::UntilClose
        }
    } else {
        match length {
            Some(n) => Framing::Length(n),
            None => Framing::UntilClose,
        }
    };
    let close = close || (version == 0 && !keep_alive) || framing == Framing::UntilClose;
    Parsed::Head(ResponseHead { len, status, framing, close })
}

/// Response headers a proxy does not pass on.
fn dropped_from_response(name: &[u8], framing: Framing) -> bool {
    const NAMES: [&[u8]; 5] = [b"connection", b"keep-alive", b"proxy-connection", b"te", b"trailer"];
    NAMES.iter().any(|n| name.eq_ignore_ascii_case(n))
        || name.eq_ignore_ascii_case(b"upgrade")
        // A chunked body is relayed as it came, framing included.
        || (framing != Framing::Chunked && name.eq_ignore_ascii_case(b"transfer-encoding"))
}

/// The response head as the client gets it, into `tx`.
fn build_response(trx: &[u8], head: &ResponseHead, tx: &mut BytesMut) {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut resp = httparse::Response::new(&mut headers);
    let _ = resp.parse(&trx[..head.len]);
    tx.clear();
    tx.extend_from_slice(b"HTTP/1.1 ");
    tx.extend_from_slice(itoa::Buffer::new().format(head.status).as_bytes());
    tx.extend_from_slice(b" ");
    tx.extend_from_slice(resp.reason.unwrap_or("").as_bytes());
    tx.extend_from_slice(b"\r\n");
    for h in resp.headers.iter() {
        if dropped_from_response(h.name.as_bytes(), head.framing) {
            continue;
        }
        tx.extend_from_slice(h.name.as_bytes());
        tx.extend_from_slice(b": ");
        tx.extend_from_slice(h.value);
        tx.extend_from_slice(b"\r\n");
    }
    if head.framing == Framing::UntilClose {
        tx.extend_from_slice(b"connection: close\r\n");
    }
    tx.extend_from_slice(b"\r\n");
}

/// Relay the response whose head is in `b.trx` to the client, and its body after it. Whether
/// the target connection can carry another request.
async fn relay<S: AsyncWrite + Unpin>(
    stream: &mut TcpStream,
    io: &mut S,
    b: &mut Bufs,
    head: &ResponseHead,
    idle: Duration,
) -> io::Result<bool> {
    build_response(&b.trx, head, &mut b.tx);
    b.trx.advance(head.len);
    let mut body = Body::new(head.framing);
    // The body bytes that came with the head go out with it, in one write.
    let first = body.take(&b.trx)?;
    b.tx.extend_from_slice(&b.trx[..first]);
    b.trx.advance(first);
    io.write_all(&b.tx).await?;
    while !body.done() {
        b.trx.clear();
        b.trx.reserve(BUF);
        let n = match tokio::time::timeout(idle, stream.read_buf(&mut b.trx)).await {
            Ok(r) => r?,
            Err(_) => return Err(io::ErrorKind::TimedOut.into()),
        };
        if n == 0 {
            if body.framing == Framing::UntilClose {
                break;
            }
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let take = body.take(&b.trx)?;
        io.write_all(&b.trx[..take]).await?;
        b.trx.advance(take);
    }
    io.flush().await?;
    // Bytes past the response's end: the target is not speaking HTTP as it should.
    Ok(!head.close && body.done() && b.trx.is_empty())
}

/// Answer the client with one of the load balancer's own error pages.
async fn elb_answer<S: AsyncWrite + Unpin>(io: &mut S, lb: Option<&Stats>, status: u16) -> io::Result<Keep> {
    if let Some(lb) = lb {
        lb.elb_status(status);
    }
    let code = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::BAD_GATEWAY);
    let page = error_page(code);
    let mut out = Vec::with_capacity(page.len() + 128);
    out.extend_from_slice(b"HTTP/1.1 ");
    out.extend_from_slice(code.as_str().as_bytes());
    out.extend_from_slice(b" ");
    out.extend_from_slice(code.canonical_reason().unwrap_or("").as_bytes());
    out.extend_from_slice(b"\r\nserver: awselb/2.0\r\ncontent-type: text/html\r\ncontent-length: ");
    out.extend_from_slice(itoa::Buffer::new().format(page.len()).as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out.extend_from_slice(page.as_bytes());
    io.write_all(&out).await?;
    io.flush().await?;
    Ok(Keep::Open)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bufs(rx: &[u8]) -> Bufs {
        Bufs {
            rx: BytesMut::from(rx),
            out: BytesMut::new(),
            trx: BytesMut::new(),
            tx: BytesMut::new(),
            spans: Vec::new(),
        }
    }

    fn head(b: &mut Bufs) -> Option<RequestHead> {
        match parse_request(&b.rx, &mut b.spans) {
            Parsed::Head(h) => Some(h),
            _ => None,
        }
    }

    #[test]
    fn requests_outside_the_fast_path_are_handed_on() {
        for raw in [
            &b"GET / HTTP/1.0\r\n\r\n"[..],
            b"POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n",
            b"GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
            b"POST / HTTP/1.1\r\nExpect: 100-continue\r\ncontent-length: 3\r\n\r\n",
            b"POST / HTTP/1.1\r\ncontent-length: 3\r\ncontent-length: 4\r\n\r\n",
            b"POST / HTTP/1.1\r\ncontent-length: 99999999\r\n\r\n",
            b"GET http://example.com/ HTTP/1.1\r\n\r\n",
            b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
            b"GARBAGE\x01 / HTTP/1.1\r\n\r\n",
        ] {
            let mut b = bufs(raw);
            assert!(matches!(parse_request(&b.rx, &mut b.spans), Parsed::Other), "{}", String::from_utf8_lossy(raw));
        }
        let mut b = bufs(b"GET / HTTP/1.1\r\nHost: a");
        assert!(matches!(parse_request(&b.rx, &mut b.spans), Parsed::Partial));
    }

    #[test]
    fn the_target_gets_the_request_without_hop_by_hop_headers_and_with_forwarding_ones() {
        let raw = b"POST /a/b?x=1 HTTP/1.1\r\nHost: lb.example\r\nConnection: keep-alive\r\nKeep-Alive: 5\r\n\
                    X-Forwarded-For: 10.0.0.9\r\nX-Forwarded-Proto: ftp\r\nContent-Length: 5\r\n\r\nhello";
        let mut b = bufs(raw);
        let h = head(&mut b).unwrap();
        assert_eq!((h.len + h.body, h.close, h.head_only), (raw.len(), false, false));
        let client = Client {
            local: "127.0.0.1:8080".parse().unwrap(),
            peer: "192.0.2.7:5555".parse().unwrap(),
            tls: None,
            idle: Duration::from_secs(60),
        };
        build_request(&mut b, &h, &client, HeaderRules::default());
        let out = String::from_utf8(b.out.to_vec()).unwrap();
        let (head_text, body) = out.split_once("\r\n\r\n").unwrap();
        assert_eq!(body, "hello");
        let mut lines = head_text.split("\r\n");
        assert_eq!(lines.next(), Some("POST /a/b?x=1 HTTP/1.1"));
        let mut rest: Vec<&str> = lines.collect();
        let trace = rest.iter().position(|l| l.starts_with("x-amzn-trace-id: Root=1-")).expect("a trace id");
        rest.remove(trace);
        assert_eq!(
            rest,
            [
                "Host: lb.example",
                "Content-Length: 5",
                "x-forwarded-for: 10.0.0.9, 192.0.2.7",
                "x-forwarded-proto: http",
                "x-forwarded-port: 8080"
            ]
        );
        assert!(!h.replayable && out.ends_with("\r\n\r\nhello"));
        // A trace id the client sent is kept, and a bodiless request has no body.
        let mut b = bufs(b"GET / HTTP/1.1\r\nX-Amzn-Trace-Id: Root=1-abc\r\nConnection: close\r\n\r\n");
        let h = head(&mut b).unwrap();
        assert!(h.close);
        let tls =
            Some(Arc::new(crate::tls::Session { protocol: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256", sni: None }));
        build_request(&mut b, &h, &Client { tls, ..client.clone() }, HeaderRules::default());
        let out = String::from_utf8(b.out.to_vec()).unwrap();
        assert!(out.contains("X-Amzn-Trace-Id: Root=1-abc\r\n") && !out.contains("x-amzn-trace-id"), "{out}");
        assert!(out.contains("x-forwarded-proto: https\r\n") && !out.contains("onnection"), "{out}");
        assert!(h.replayable && out.ends_with("\r\n\r\n"));
    }

    #[test]
    fn the_load_balancer_s_header_attributes_shape_what_the_target_gets() {
        let raw = b"GET / HTTP/1.1\r\nX-Forwarded-For: 10.0.0.9\r\nBad_Name: 1\r\nX-Amzn-Tls-Version: forged\r\n\r\n";
        let client = Client {
            local: "127.0.0.1:443".parse().unwrap(),
            peer: "192.0.2.7:5555".parse().unwrap(),
            tls: Some(Arc::new(crate::tls::Session {
                protocol: "TLSv1.2",
                cipher: "ECDHE-RSA-AES128-GCM-SHA256",
                sni: Some("kg".into()),
            })),
            idle: Duration::from_secs(60),
        };
        let out = |rules: HeaderRules| {
            let mut b = bufs(raw);
            let h = head(&mut b).unwrap();
            build_request(&mut b, &h, &client, rules);
            let text = String::from_utf8(b.out.to_vec()).unwrap();
            let mut lines: Vec<String> =
                text.split("\r\n").skip(1).filter(|l| !l.is_empty()).map(str::to_string).collect();
            lines.retain(|l| !l.starts_with("x-amzn-trace-id") && !l.starts_with("x-forwarded-p"));
            lines
        };
        assert_eq!(
            out(HeaderRules::default()),
            ["Bad_Name: 1", "X-Amzn-Tls-Version: forged", "x-forwarded-for: 10.0.0.9, 192.0.2.7"]
        );
        let rules = HeaderRules { xff: XffMode::Append, xff_client_port: true, tls_headers: true, drop_invalid: true };
        assert_eq!(
            out(rules),
            [
                "x-forwarded-for: 10.0.0.9, 192.0.2.7:5555",
                "x-amzn-tls-version: TLSv1.2",
                "x-amzn-tls-cipher-suite: ECDHE-RSA-AES128-GCM-SHA256"
            ]
        );
        let preserve = HeaderRules { xff: XffMode::Preserve, ..HeaderRules::default() };
        assert_eq!(out(preserve)[0], "X-Forwarded-For: 10.0.0.9");
        let remove = HeaderRules { xff: XffMode::Remove, ..HeaderRules::default() };
        assert!(out(remove).iter().all(|l| !l.to_ascii_lowercase().starts_with("x-forwarded-for")));
        assert_eq!(crate::forward::client_address("[2001:db8::1]:80".parse().unwrap(), true), "[2001:db8::1]:80");
    }

    #[test]
    fn response_framing_follows_rfc_9112() {
        let framing = |raw: &[u8], head_only| match parse_response(raw, head_only) {
            Parsed::Head(h) => (h.framing, h.close),
            _ => panic!("{}", String::from_utf8_lossy(raw)),
        };
        assert_eq!(framing(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", false), (Framing::Length(10), false));
        assert_eq!(framing(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", true), (Framing::None, false));
        assert_eq!(framing(b"HTTP/1.1 204 No Content\r\n\r\n", false), (Framing::None, false));
        assert_eq!(framing(b"HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n", false), (Framing::None, false));
        assert_eq!(
            framing(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", false),
            (Framing::Chunked, false)
        );
        assert_eq!(framing(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", false), (Framing::UntilClose, true));
        assert_eq!(framing(b"HTTP/1.1 200 OK\r\n\r\n", false), (Framing::UntilClose, true));
        assert_eq!(framing(b"HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\n", false), (Framing::Length(1), true));
        assert_eq!(
            framing(b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\n", false),
            (Framing::Length(1), false)
        );
        assert_eq!(
            framing(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\n", false),
            (Framing::Length(1), true)
        );
        assert!(matches!(
            parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", false),
            Parsed::Other
        ));
    }

    #[test]
    fn the_client_gets_the_response_head_without_hop_by_hop_headers() {
        let raw = b"HTTP/1.1 201 Made Here\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nX-A: 1\r\n\
                    Transfer-Encoding: chunked\r\n\r\n";
        let Parsed::Head(h) = parse_response(raw, false) else { panic!() };
        let mut tx = BytesMut::new();
        build_response(raw, &h, &mut tx);
        assert_eq!(&tx[..], b"HTTP/1.1 201 Made Here\r\nX-A: 1\r\nTransfer-Encoding: chunked\r\n\r\n");
        let raw = b"HTTP/1.0 200 OK\r\nServer: x\r\n\r\n";
        let Parsed::Head(h) = parse_response(raw, false) else { panic!() };
        build_response(raw, &h, &mut tx);
        assert_eq!(&tx[..], b"HTTP/1.1 200 OK\r\nServer: x\r\nconnection: close\r\n\r\n");
    }
}
