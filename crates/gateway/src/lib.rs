//! The region's front door: one HTTP endpoint (HTTP/1.1 and h2c) that reads every request,
//! verifies its SigV4 signature, routes it to a service, has IAM authorise it, and records it
//! in the audit log. Services plug in through [`Registry::register`].

pub mod audit;
mod pipeline;
mod registry;

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Request as HttpRequest, Response, StatusCode};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use tokio::net::TcpListener;

pub use pipeline::{request_id, Gateway, Request};
pub use registry::{ConsoleAnswer, ConsoleRequest, ConsoleRoute, PublicRoute, Registry};

/// Emulator mode's reset endpoint (`--accept-any-credentials` only; otherwise the path is an
/// unknown request like any other): `POST` empties the region, as moto's `/moto-api/reset` and
/// LocalStack's `/_localstack/state/reset` do.
pub const RESET_PATH: &str = "/_homeground/reset";

/// The same reset under moto's and LocalStack's own paths, so that a suite's fixture written for
/// either runs unchanged.
pub const RESET_ALIASES: [&str; 2] = ["/moto-api/reset", "/_localstack/state/reset"];

/// Largest request body accepted (IAM policy documents and CloudFormation templates fit).
const MAX_BODY: usize = 8 * 1024 * 1024;

/// Serve API requests on `listener` until `shutdown` resolves, then finish the requests in
/// flight (for at most 10 s).
pub async fn serve(listener: TcpListener, gateway: Arc<Gateway>, shutdown: impl Future<Output = ()>) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let builder = auto::Builder::new(TokioExecutor::new());
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(a) => a,
                    Err(e) => {
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let conn = graceful.watch(connection(&builder, &gateway, stream, peer));
                tokio::spawn(async move {
                    if let Err(e) = conn.await {
                        tracing::debug!(error = %e, "connection ended with an error");
                    }
                });
            }
            _ = &mut shutdown => break,
        }
    }
    drop(listener);
    if tokio::time::timeout(Duration::from_secs(10), graceful.shutdown()).await.is_err() {
        tracing::warn!("connections still open after 10 s; closing them");
    }
}

/// One accepted API connection, served until it closes.
fn connection(
    builder: &auto::Builder<TokioExecutor>,
    gateway: &Arc<Gateway>,
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
) -> impl hyper_util::server::graceful::GracefulConnection<Error = Box<dyn std::error::Error + Send + Sync>> + Send + 'static
{
    let _ = stream.set_nodelay(true);
    let gw = gateway.clone();
    let service = hyper::service::service_fn(move |req| {
        let gw = gw.clone();
        async move { Ok::<_, Infallible>(answer(&gw, req, peer).await) }
    });
    builder.serve_connection(TokioIo::new(stream), service).into_owned()
}

/// Serve API requests on one more listener (the endpoint as an instance on an isolated network
/// sees it, a socket in its namespace) until the returned task is aborted.
pub fn spawn_door(listener: TcpListener, gateway: Arc<Gateway>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let builder = auto::Builder::new(TokioExecutor::new());
        loop {
            let (stream, peer) = match listener.accept().await {
                Ok(a) => a,
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let conn = connection(&builder, &gateway, stream, peer);
            tokio::spawn(async move {
                if let Err(e) = conn.await {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
            });
        }
    })
}

async fn answer(gw: &Gateway, req: HttpRequest<Incoming>, peer: SocketAddr) -> Response<Full<Bytes>> {
    let (parts, body) = req.into_parts();
    if parts.method == hyper::Method::GET {
        if let Some(route) = gw.registry.public(parts.uri.path()) {
            if let Some(answer) = route.get(parts.uri.path(), parts.uri.query().unwrap_or("")) {
                return public_answer(answer);
            }
        }
    }
    let mut headers: Vec<(&str, &str)> = Vec::with_capacity(parts.headers.len() + 1);
    let mut bad_header = false;
    for (k, v) in &parts.headers {
        match v.to_str() {
            Ok(v) => headers.push((k.as_str(), v)),
            Err(_) => bad_header = true,
        }
    }
    let source_ip = peer.ip().to_canonical();
    let refuse = |status: u16, code: &'static str, message: &'static str, headers: &[(&str, &str)]| {
        let req = Request {
            method: parts.method.as_str(),
            path: parts.uri.path(),
            query: parts.uri.query().unwrap_or(""),
            headers,
            body: &[],
            payload: &[],
            source_ip,
            secure: false,
        };
        respond(gw.refuse(&req, wire::ApiError::new(status, code, message)))
    };
    if bad_header {
        return refuse(400, "InvalidRequest", "Header values must be visible ASCII.", &headers);
    }
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => return refuse(413, "RequestEntityTooLarge", "Request body too large or unreadable.", &headers),
    };
    if parts.method == hyper::Method::POST
        && (parts.uri.path() == RESET_PATH || RESET_ALIASES.contains(&parts.uri.path()))
        && gw.identity.config.accept_any_credentials
    {
        return reset(gw, source_ip).await;
    }
    if let Some(console) = gw.registry.console(parts.uri.path()) {
        let req = ConsoleRequest {
            method: parts.method.as_str(),
            path: parts.uri.path(),
            query: parts.uri.query().unwrap_or(""),
            headers: &headers,
            body: &body,
            source_ip,
            secure: false,
        };
        return console_answer(console.serve(gw, req).await);
    }
    // A presigned PUT (a wait-condition signal): authorised by its URL's own signature, which
    // the route checks; anything it does not serve goes on to the pipeline (and SigV4).
    if parts.method == hyper::Method::PUT {
        if let Some(route) = gw.registry.public(parts.uri.path()) {
            if let Some(answer) = route.put(parts.uri.path(), parts.uri.query().unwrap_or(""), &body) {
                return public_answer(answer);
            }
        }
    }
    // HTTP/2 carries the host in the URI's authority, not a Host header.
    let authority = parts.uri.authority().map(|a| a.as_str().to_string());
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        if let Some(a) = authority.as_deref() {
            headers.push(("host", a));
        }
    }
    // Request compression (botocore gzips large PutMetricData bodies): decoders read the
    // inflated payload, SigV4 checks the bytes as sent.
    let gzipped =
        headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("content-encoding") && v.eq_ignore_ascii_case("gzip"));
    let inflated;
    let payload: &[u8] = if gzipped {
        use std::io::Read;
        let mut out = Vec::new();
        let limit = (MAX_BODY + 1) as u64;
        match flate2::read::GzDecoder::new(&body[..]).take(limit).read_to_end(&mut out) {
            Ok(n) if n <= MAX_BODY => {
                inflated = out;
                &inflated
            }
            Ok(_) => {
                return refuse(413, "RequestEntityTooLarge", "Request body too large once decompressed.", &headers)
            }
            Err(_) => {
                return refuse(400, "InvalidRequest", "The gzip request body could not be decompressed.", &headers)
            }
        }
    } else {
        &body
    };
    let request = Request {
        method: parts.method.as_str(),
        path: parts.uri.path(),
        query: parts.uri.query().unwrap_or(""),
        headers: &headers,
        body: &body,
        payload,
        source_ip,
        secure: false,
    };
    respond(gw.handle(&request).await)
}

/// Empty the region (emulator mode): every service's reset, then how long it took, as JSON.
async fn reset(gw: &Gateway, source_ip: std::net::IpAddr) -> Response<Full<Bytes>> {
    let started = std::time::Instant::now();
    let mut outcome = gw.registry.reset().await;
    for (name, registry) in &gw.regions {
        if let Err(e) = registry.reset().await {
            outcome = Err(match outcome {
                Ok(()) => format!("{name}: {e}"),
                Err(before) => format!("{before}; {name}: {e}"),
            });
        }
    }
    let millis = started.elapsed().as_millis();
    let (status, body) = match &outcome {
        Ok(()) => {
            tracing::warn!(%source_ip, millis, "emulator mode: the region was reset");
            (StatusCode::OK, serde_json::json!({"reset": true, "millis": millis}))
        }
        Err(e) => {
            tracing::error!(%source_ip, error = %e, "emulator mode: the reset failed");
            (StatusCode::INTERNAL_SERVER_ERROR, serde_json::json!({"reset": false, "error": e}))
        }
    };
    let request_id = request_id();
    gw.audit.record(&audit::AuditEvent {
        time: gw.identity.now(),
        request_id: &request_id,
        principal: None,
        access_key_id: None,
        source_ip: &source_ip.to_string(),
        service: "homeground",
        action: "Reset",
        resources: &[],
        status: status.as_u16(),
        error_code: outcome.as_ref().err().map(|_| "InternalFailure"),
        reason: outcome.as_ref().err().map(String::as_str),
    });
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("x-amzn-requestid", request_id)
        .body(Full::new(Bytes::from(body.to_string())))
        .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "Response could not be built."))
}

fn public_answer((status, content_type, body): (u16, &'static str, Vec<u8>)) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("content-type", content_type)
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "Response could not be built."))
}

fn console_answer(a: ConsoleAnswer) -> Response<Full<Bytes>> {
    let mut resp = Response::builder().status(a.status);
    for (k, v) in a.headers {
        resp = resp.header(k, v);
    }
    resp.body(Full::new(Bytes::from(a.body)))
        .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "Response could not be built."))
}

fn respond((encoded, request_id): (wire::protocol::Encoded, String)) -> Response<Full<Bytes>> {
    let mut resp = Response::builder()
        .status(encoded.status)
        .header("content-type", encoded.content_type)
        .header("x-amzn-requestid", request_id);
    if let Some(q) = encoded.query_error {
        resp = resp.header("x-amzn-query-error", q);
    }
    if encoded.smithy {
        resp = resp.header("smithy-protocol", "rpc-v2-cbor");
    }
    resp.body(Full::new(Bytes::from(encoded.body)))
        .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "Response could not be built."))
}

fn plain(status: StatusCode, text: &'static str) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *r.status_mut() = status;
    r
}
