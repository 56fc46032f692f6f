//! The HTTP side: routing, the pages, the server-sent-event stream, one log line per request,
//! and graceful shutdown (in-flight requests finish, live streams close, CPU burns stop early).

use std::convert::Infallible;
use std::fmt::Write as _;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::{Frame, Incoming};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};

use crate::imds::Identity;
use crate::live::{self, MatchState, Status};
use crate::matches::{Fixture, Schedule, Visits};
use crate::work::Work;

type Body = BoxBody<Bytes, Infallible>;

/// Longest `/cpu` burn, in milliseconds.
const MAX_BURN_MS: f64 = 10_000.0;
/// How long shutdown waits for in-flight requests.
const DRAIN: Duration = Duration::from_secs(10);
/// Interval of the SSE keep-alive comment.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Everything a request can see.
pub struct App {
    pub schedule: Schedule,
    pub visits: Visits,
    pub identity: Identity,
    pub work: Work,
    /// CPU work per page view, in milliseconds.
    pub work_ms: f64,
    /// Length of one simulation tick (one match minute), in milliseconds.
    pub tick_ms: u64,
    pub started: Instant,
    /// While this file exists (`<data-dir>/unhealthy`), /health answers 503: an operator's
    /// way to take an instance out of its load balancer (and to test replacement).
    pub unhealthy_flag: Option<std::path::PathBuf>,
    stopping: AtomicBool,
    stop: watch::Sender<bool>,
    seq: AtomicU64,
}

impl App {
    pub fn new(schedule: Schedule, visits: Visits, identity: Identity, work: Work, work_ms: f64, tick_ms: u64) -> App {
        App {
            schedule,
            visits,
            identity,
            work,
            work_ms,
            tick_ms,
            started: Instant::now(),
            unhealthy_flag: None,
            stopping: AtomicBool::new(false),
            stop: watch::channel(false).0,
            seq: AtomicU64::new(0),
        }
    }

    fn begin_shutdown(&self) {
        self.stopping.store(true, Ordering::Relaxed);
        self.stop.send_replace(true);
    }

    /// Run `ms` of CPU work off the async workers.
    async fn burn(self: &Arc<Self>, ms: f64) -> crate::work::Burn {
        let app = self.clone();
        let seed = self.seq.fetch_add(1, Ordering::Relaxed);
        tokio::task::spawn_blocking(move || app.work.burn(ms, seed, &app.stopping)).await.expect("burn does not panic")
    }
}

/// Serve on `listener` until `shutdown` resolves, then close live streams and let the requests
/// in flight finish (for at most 10 s).
pub async fn serve(listener: TcpListener, app: Arc<App>, shutdown: impl Future<Output = ()>) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let builder = auto::Builder::new(TokioExecutor::new());
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(a) => a,
                    Err(e) => {
                        eprintln!("accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let app = app.clone();
                let service = hyper::service::service_fn(move |req| {
                    let app = app.clone();
                    async move { Ok::<_, Infallible>(handle(app, req, peer).await) }
                });
                let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), service).into_owned());
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            _ = &mut shutdown => break,
        }
    }
    drop(listener);
    app.begin_shutdown();
    if tokio::time::timeout(DRAIN, graceful.shutdown()).await.is_err() {
        eprintln!("connections still open after {} s; closing them", DRAIN.as_secs());
    }
}

async fn handle(app: Arc<App>, req: Request<Incoming>, peer: SocketAddr) -> Response<Body> {
    let start = Instant::now();
    let method = req.method().clone();
    let target = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/").to_string();
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let read_only = method == Method::GET || method == Method::HEAD;
    let mut resp = match path {
        _ if !read_only => text(StatusCode::METHOD_NOT_ALLOWED, "Only GET and HEAD are served.\n"),
        "/" | "/index.html" => page(&app).await,
        "/api/matches" => json(StatusCode::OK, &matches_json(&app)),
        "/live" => live_stream(&app),
        "/health" if app.unhealthy_flag.as_ref().is_some_and(|f| f.exists()) => {
            text(StatusCode::SERVICE_UNAVAILABLE, "unhealthy: the operator's flag file is present\n")
        }
        "/health" => json(StatusCode::OK, &health(&app)),
        "/cpu" => cpu(&app, query).await,
        _ => text(StatusCode::NOT_FOUND, "Not found.\n"),
    };
    if let Ok(v) = app.identity.instance_id.parse() {
        resp.headers_mut().insert("x-kgsports-instance", v);
    }
    println!(
        "{} {} \"{} {}\" {} {:.1}ms",
        timestamp(),
        peer.ip().to_canonical(),
        method,
        target,
        resp.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    resp
}

/// `GET /`: the match list, after this view's share of real CPU work.
async fn page(app: &Arc<App>) -> Response<Body> {
    let visit = app.visits.hit();
    let burn = app.burn(app.work_ms).await;
    let tick = live::now_tick(app.tick_ms);
    let (id, s) = (&app.identity, &app.schedule);
    let mut h = String::with_capacity(8 * 1024);
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>KG SPORTS · {comp}</title><style>{STYLE}</style></head>\n<body>\
         <header><h1>KG SPORTS</h1><p>{comp} · {stage}</p></header>\n<main><table>\
         <thead><tr><th>Kick-off</th><th class=\"home\">Home</th><th></th><th>Away</th><th>Status</th></tr></thead><tbody>\n",
        comp = esc(&s.competition),
        stage = esc(&s.stage),
    );
    for (i, f) in s.matches.iter().enumerate() {
        let st = live::state(f, i, tick);
        let _ = writeln!(
            h,
            "<tr id=\"m-{id}\"><td class=\"ko\">{ko}<br><small>{venue}</small></td><td class=\"home\">{home}</td>\
             <td class=\"score\">{hg} – {ag}</td><td>{away}</td><td class=\"status {cls}\">{label}</td></tr>",
            id = esc(&f.id),
            ko = esc(&kickoff_label(&f.kickoff)),
            venue = esc(&f.venue),
            home = esc(&f.home),
            away = esc(&f.away),
            hg = st.home_goals,
            ag = st.away_goals,
            cls = if matches!(st.status, Status::Live | Status::HalfTime) { "on" } else { "" },
            label = status_label(&st),
        );
    }
    let _ = write!(
        h,
        "</tbody></table></main>\n<footer>Served by <b>{iid}</b> in {az} ({ip}) · visit #{visit} · \
         {rounds} SHA-256 rounds in {ms:.1} ms ({digest}) · up {up} s</footer>\n<script>{SCRIPT}</script></body></html>\n",
        iid = esc(&id.instance_id),
        az = esc(&id.az),
        ip = esc(&id.local_ipv4),
        rounds = burn.rounds,
        ms = burn.elapsed.as_secs_f64() * 1000.0,
        digest = burn.digest,
        up = app.started.elapsed().as_secs(),
    );
    let mut r = full(StatusCode::OK, "text/html; charset=utf-8", h.into());
    r.headers_mut().insert("cache-control", "no-store".parse().expect("valid header"));
    r
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;background:#0b1d3a;color:#eef}\
header{background:#061127;padding:1em 2em}h1{margin:0;letter-spacing:.1em}header p{margin:.2em 0 0;color:#9ab}\
main{padding:1em 2em}table{border-collapse:collapse;width:100%;max-width:60em}td,th{padding:.5em;\
border-bottom:1px solid #234;text-align:left}.home{text-align:right}.score{font-weight:bold;text-align:center;\
white-space:nowrap}.ko small{color:#9ab}.on{color:#7f7;font-weight:bold}footer{padding:1em 2em;color:#9ab;font-size:.9em}";

const SCRIPT: &str = "new EventSource('/live').addEventListener('score',e=>{for(const m of JSON.parse(e.data).matches)\
{const r=document.getElementById('m-'+m.id);if(!r)continue;r.querySelector('.score').textContent=m.home_goals+' – '+\
m.away_goals;const s=r.querySelector('.status');s.className='status on';s.textContent=m.status==='half_time'?'HT':\
'LIVE '+m.minute+\"'\";}});";

fn status_label(st: &MatchState) -> String {
    match st.status {
        Status::Live => format!("LIVE {}'", st.minute),
        Status::HalfTime => "HT".into(),
        Status::Finished => "FT".into(),
        Status::Scheduled => "upcoming".into(),
    }
}

fn kickoff_label(rfc3339: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    let fmt = time::macros::format_description!(
        "[weekday repr:short] [day padding:none] [month repr:short], [hour]:[minute] UTC"
    );
    time::OffsetDateTime::parse(rfc3339, &Rfc3339)
        .ok()
        .and_then(|t| t.to_offset(time::UtcOffset::UTC).format(&fmt).ok())
        .unwrap_or_else(|| rfc3339.to_string())
}

#[derive(Serialize)]
struct MatchView<'a> {
    #[serde(flatten)]
    fixture: &'a Fixture,
    #[serde(flatten)]
    state: MatchState,
}

/// `GET /api/matches`: every fixture with its current state.
fn matches_json(app: &App) -> Vec<MatchView<'_>> {
    let tick = live::now_tick(app.tick_ms);
    app.schedule
        .matches
        .iter()
        .enumerate()
        .map(|(i, f)| MatchView { fixture: f, state: live::state(f, i, tick) })
        .collect()
}

#[derive(Serialize)]
struct Health<'a> {
    status: &'static str,
    instance_id: &'a str,
    az: &'a str,
    local_ipv4: &'a str,
    uptime_s: u64,
    visits: u64,
}

fn health(app: &App) -> Health<'_> {
    Health {
        status: "ok",
        instance_id: &app.identity.instance_id,
        az: &app.identity.az,
        local_ipv4: &app.identity.local_ipv4,
        uptime_s: app.started.elapsed().as_secs(),
        visits: app.visits.get(),
    }
}

/// `GET /cpu?ms=N`: burn N ms of CPU (default 100, at most 10000).
async fn cpu(app: &Arc<App>, query: &str) -> Response<Body> {
    let raw = query.split('&').find_map(|kv| kv.strip_prefix("ms=")).unwrap_or("100");
    let ms = match raw.parse::<f64>() {
        Ok(ms) if ms.is_finite() && ms >= 0.0 => ms.min(MAX_BURN_MS),
        _ => return text(StatusCode::BAD_REQUEST, "ms must be a number of milliseconds.\n"),
    };
    let burn = app.burn(ms).await;
    json(
        StatusCode::OK,
        &serde_json::json!({
            "requested_ms": ms,
            "rounds": burn.rounds,
            "elapsed_ms": (burn.elapsed.as_secs_f64() * 10_000.0).round() / 10.0,
            "digest": burn.digest,
            "instance_id": app.identity.instance_id,
        }),
    )
}

/// `GET /live`: a `score` event every tick, a keep-alive comment every 15 s; each event is its own
/// body frame, so it is written out as soon as it is made. The stream ends at shutdown.
fn live_stream(app: &Arc<App>) -> Response<Body> {
    let (tx, rx) = mpsc::channel::<Bytes>(4);
    let app = app.clone();
    let mut stop = app.stop.subscribe();
    tokio::spawn(async move {
        let stopped = stop.wait_for(|s| *s);
        tokio::pin!(stopped);
        let mut ticks = tokio::time::interval(Duration::from_millis(app.tick_ms));
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let mut keep_alive = tokio::time::interval_at(tokio::time::Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
        let mut next = Bytes::from_static(b"retry: 2000\n: KG SPORTS live scores\n\n");
        loop {
            tokio::select! {
                sent = tx.send(next) => if sent.is_err() { break },
                _ = &mut stopped => break,
            }
            next = tokio::select! {
                _ = ticks.tick() => {
                    let tick = live::now_tick(app.tick_ms);
                    live::score_event(&app.schedule.matches, tick, &app.identity.instance_id).into()
                }
                _ = keep_alive.tick() => Bytes::from_static(b": keep-alive\n\n"),
                _ = &mut stopped => break,
            };
        }
    });
    let mut r = Response::new(EventBody(rx).boxed());
    let h = r.headers_mut();
    h.insert("content-type", "text/event-stream".parse().expect("valid header"));
    h.insert("cache-control", "no-cache".parse().expect("valid header"));
    h.insert("x-accel-buffering", "no".parse().expect("valid header"));
    r
}

/// A response body fed one frame at a time from a channel; it ends when the sender is dropped.
struct EventBody(mpsc::Receiver<Bytes>);

impl hyper::body::Body for EventBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx).map(|chunk| chunk.map(|b| Ok(Frame::data(b))))
    }
}

fn full(status: StatusCode, content_type: &'static str, body: Bytes) -> Response<Body> {
    let mut r = Response::new(Full::new(body).boxed());
    *r.status_mut() = status;
    r.headers_mut().insert("content-type", content_type.parse().expect("valid header"));
    r
}

fn text(status: StatusCode, body: &'static str) -> Response<Body> {
    full(status, "text/plain; charset=utf-8", Bytes::from_static(body.as_bytes()))
}

fn json<T: Serialize>(status: StatusCode, value: &T) -> Response<Body> {
    let mut body = serde_json::to_vec(value).expect("response serialises");
    body.push(b'\n');
    full(status, "application/json", body.into())
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Now, UTC, to the millisecond.
pub fn timestamp() -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    time::OffsetDateTime::now_utc().format(&fmt).unwrap_or_default()
}
