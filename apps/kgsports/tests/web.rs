//! End-to-end tests: start the real `kgsports` binary on 127.0.0.1 with an ephemeral port and
//! talk plain HTTP/1.1 to it over std TCP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

struct Server {
    child: Child,
    addr: SocketAddr,
    banner: String,
    lines: mpsc::Receiver<String>,
}

impl Server {
    fn start(data: &Path, envs: &[(&str, &str)]) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kgsports"));
        cmd.args(["--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data)
            .env_remove("AWS_EC2_METADATA_SERVICE_ENDPOINT")
            .env_remove("KGSPORTS_WORK_MS")
            .env("KGSPORTS_TICK_MS", "200")
            .stdout(Stdio::piped());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start kgsports");
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let banner = lines.recv_timeout(Duration::from_secs(15)).expect("boot banner");
        let rest = banner.strip_prefix("KG SPORTS web starting on ").unwrap_or_else(|| panic!("banner: {banner}"));
        let addr = rest.split(' ').next().unwrap().parse().expect("bound address in banner");
        Server { child, addr, banner, lines }
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        request(self.addr, "GET", path)
    }

    /// Send SIGTERM and wait (at most `within`) for the exit.
    fn terminate(&mut self, within: Duration) -> ExitStatus {
        let ok = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(ok.success());
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "kgsports did not exit within {within:?} of SIGTERM");
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stdout lines printed so far (after the banner).
    fn log(&self) -> Vec<String> {
        self.lines.try_iter().collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One request on its own connection; returns (status, head, body).
fn request(addr: SocketAddr, method: &str, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    write!(s, "{method} {path} HTTP/1.1\r\nHost: kgsports\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").expect("complete response");
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_ascii_lowercase(), body.to_string())
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// Open `/live` and return the stream after the response head.
fn open_live(addr: SocketAddr) -> (TcpStream, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
    write!(s, "GET /live HTTP/1.1\r\nHost: kgsports\r\n\r\n").unwrap();
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(5);
    while !seen.contains("\r\n\r\n") {
        assert!(Instant::now() < deadline, "no response head: {seen}");
        read_some(&mut s, &mut seen);
    }
    let (head, rest) = seen.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.to_ascii_lowercase().contains("content-type: text/event-stream"), "{head}");
    (s, rest.to_string())
}

/// Read what is there (up to the socket's read timeout); false at end of stream.
fn read_some(s: &mut TcpStream, into: &mut String) -> bool {
    let mut buf = [0u8; 4096];
    match s.read(&mut buf) {
        Ok(0) => false,
        Ok(n) => {
            into.push_str(&String::from_utf8_lossy(&buf[..n]));
            true
        }
        Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => true,
        Err(e) => panic!("read: {e}"),
    }
}

#[test]
fn pages_api_health_and_cpu() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    assert!(server.banner.contains("(instance unknown"), "{}", server.banner);

    let (status, head, body) = server.get("/");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"));
    assert!(head.contains("x-kgsports-instance: unknown"));
    assert!(body.contains("KG SPORTS") && body.contains("Real Madrid") && body.contains("Bayern"), "{body}");
    assert!(body.contains("SHA-256 rounds") && body.contains("visit #1"));

    let (status, head, body) = server.get("/api/matches");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: application/json"));
    let matches = json(&body);
    let matches = matches.as_array().unwrap();
    assert_eq!(matches.len(), 8);
    for m in matches {
        for key in ["id", "home", "away", "kickoff", "venue", "status", "minute", "home_goals", "away_goals", "goals"] {
            assert!(m.get(key).is_some(), "{key} missing in {m}");
        }
    }
    assert!(matches.iter().any(|m| m["status"] == "live"));

    let (status, _, body) = server.get("/health");
    assert_eq!(status, 200);
    let h = json(&body);
    assert_eq!(h["status"], "ok");
    assert_eq!(h["instance_id"], "unknown");
    assert_eq!(h["az"], "unknown");
    assert_eq!(h["visits"], 1);
    assert!(h["uptime_s"].is_u64());

    let (status, _, body) = server.get("/cpu?ms=30");
    assert_eq!(status, 200);
    let c = json(&body);
    assert_eq!(c["requested_ms"], 30.0);
    assert!(c["rounds"].as_u64().unwrap() > 0);
    assert_eq!(server.get("/cpu?ms=abc").0, 400);
    assert_eq!(server.get("/nowhere").0, 404);
    assert_eq!(request(server.addr, "POST", "/").0, 405);

    // One console line per request.
    thread::sleep(Duration::from_millis(100));
    let log = server.log();
    assert!(log.iter().any(|l| l.contains("\"GET /api/matches\" 200")), "{log:?}");
    assert!(log.iter().any(|l| l.contains("\"GET /nowhere\" 404")), "{log:?}");
}

#[test]
fn live_stream_delivers_events_as_they_happen() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let (mut s, mut seen) = open_live(server.addr);
    let start = Instant::now();
    while seen.matches("event: score").count() < 2 {
        assert!(start.elapsed() < Duration::from_secs(3), "fewer than 2 score events in 3 s: {seen}");
        assert!(read_some(&mut s, &mut seen), "stream ended: {seen}");
    }
    let data = seen.lines().find_map(|l| l.strip_prefix("data: ")).unwrap();
    let ev = json(data);
    assert!(!ev["matches"].as_array().unwrap().is_empty(), "{ev}");
    assert!(ev["matches"][0]["minute"].as_u64().unwrap() >= 1);
}

#[test]
fn visits_persist_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Server::start(dir.path(), &[]);
    assert_eq!(first.get("/").0, 200);
    assert_eq!(first.get("/").0, 200);
    assert!(first.terminate(Duration::from_secs(5)).success());
    assert!(dir.path().join("matches.json").exists());

    let second = Server::start(dir.path(), &[]);
    assert!(second.banner.contains("2 visits"), "{}", second.banner);
    assert_eq!(json(&second.get("/health").2)["visits"], 2);
    assert!(second.get("/").2.contains("visit #3"));
}

#[test]
fn sigterm_closes_live_streams_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(dir.path(), &[]);
    let (mut s, mut seen) = open_live(server.addr);
    while !seen.contains("event: score") {
        assert!(read_some(&mut s, &mut seen));
    }
    let start = Instant::now();
    let status = server.terminate(Duration::from_secs(3));
    assert!(status.success(), "{status:?}");
    while read_some(&mut s, &mut seen) {
        assert!(start.elapsed() < Duration::from_secs(3), "live stream still open");
    }
    assert!(seen.ends_with("0\r\n\r\n"), "stream not ended cleanly: {seen:?}");
}

#[test]
fn identity_comes_from_the_metadata_service() {
    let imds = TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", imds.local_addr().unwrap());
    thread::spawn(move || {
        for conn in imds.incoming() {
            let Ok(mut conn) = conn else { break };
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && conn.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
            let path = head.split(' ').nth(1).unwrap_or("").to_string();
            let token_ok = head.contains("x-aws-ec2-metadata-token: tok-1");
            let (status, body) = match (head.split(' ').next().unwrap_or(""), path.as_str()) {
                ("put", "/latest/api/token") if head.contains("x-aws-ec2-metadata-token-ttl-seconds: 21600") => {
                    ("200 OK", "tok-1")
                }
                (_, _) if !token_ok => ("401 Unauthorized", ""),
                ("get", "/latest/meta-data/instance-id") => ("200 OK", "i-0114e9445f353f013"),
                ("get", "/latest/meta-data/placement/availability-zone") => ("200 OK", "ap-northeast-2c"),
                ("get", "/latest/meta-data/local-ipv4") => ("200 OK", "127.16.1.10"),
                _ => ("404 Not Found", ""),
            };
            let _ =
                write!(conn, "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &endpoint)]);
    assert!(server.banner.contains("(instance i-0114e9445f353f013, zone ap-northeast-2c"), "{}", server.banner);
    let (_, head, body) = server.get("/health");
    assert!(head.contains("x-kgsports-instance: i-0114e9445f353f013"));
    let h = json(&body);
    assert_eq!(h["instance_id"], "i-0114e9445f353f013");
    assert_eq!(h["az"], "ap-northeast-2c");
    assert_eq!(h["local_ipv4"], "127.16.1.10");
    assert!(server.get("/").2.contains("i-0114e9445f353f013"));
}
