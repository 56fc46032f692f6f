//! Access logs in the application load balancer's format: one line per request, gathered in
//! memory and written every interval (AWS: 5 minutes) as one gzip file named and placed as
//! ALB names its objects in the bucket:
//! `<dir>/<yyyy>/<mm>/<dd>/<account>_elasticloadbalancing_<region>_app.<name>.<id>_<end>_<ip>_<random>.log.gz`.
//! A load balancer whose logging is off costs the hot path one map lookup. A classic load
//! balancer's lines are its own 15 fields (plain `.log` files); a network load balancer logs
//! each connection of its TLS listeners (`TlsEntry`, NLB's 22 fields, files without `_<ip>`).

use std::fmt::Write as _;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::config::{AccessLogConfig, LogFormat};

/// One load balancer's log: its settings and the lines not yet written.
pub(crate) struct AccessLog {
    pub cfg: AccessLogConfig,
    pending: Mutex<Pending>,
}

struct Pending {
    lines: String,
    since: Instant,
}

/// What one request contributes to its line.
pub(crate) struct Entry<'a> {
    pub kind: &'static str,
    pub received: SystemTime,
    pub client: SocketAddr,
    pub target: Option<SocketAddr>,
    /// Seconds: before the target was asked, the target's answer, after it.
    pub times: Option<(f64, f64, f64)>,
    pub elb_status: u16,
    pub target_status: Option<u16>,
    pub received_bytes: u64,
    pub sent_bytes: u64,
    pub method: &'a str,
    /// `http://host:port/path?query`
    pub url: &'a str,
    pub version: &'a str,
    pub user_agent: Option<&'a str>,
    pub target_group: Option<&'a str>,
    pub trace_id: Option<&'a str>,
    pub domain: Option<&'a str>,
    /// An HTTPS request's TLS cipher (OpenSSL's name) and protocol (`TLSv1.2`).
    pub tls: Option<(&'a str, &'a str)>,
    /// An HTTPS listener's certificate.
    pub cert_arn: Option<&'a str>,
    /// The matched rule's priority (0: the default rule); none matched: `-1`.
    pub rule_priority: Option<u32>,
    pub actions: &'a str,
    pub redirect_url: Option<&'a str>,
    pub error_reason: Option<&'a str>,
}

/// What one TLS connection of a network load balancer contributes to its line.
pub(crate) struct TlsEntry<'a> {
    /// The listener's resource ID.
    pub listener: &'a str,
    pub client: SocketAddr,
    /// The listener's address.
    pub destination: SocketAddr,
    /// When the connection was accepted, and how long it lasted and its handshake took.
    pub opened: SystemTime,
    pub connection: Duration,
    /// `None`: the handshake failed or did not complete.
    pub handshake: Option<Duration>,
    /// The TLS alert received from the client (`incoming_tls_alert`), if any.
    pub alert: Option<u8>,
    /// Bytes from the client (decrypted) and to the client (before encryption).
    pub received_bytes: u64,
    pub sent_bytes: u64,
    pub cert_arn: Option<&'a str>,
    /// OpenSSL's name of the cipher suite, and `tlsv12` or `tlsv13`.
    pub cipher: &'a str,
    pub protocol: &'a str,
    pub named_group: Option<&'a str>,
    /// The client's SNI.
    pub domain: Option<&'a str>,
    pub alpn: Option<&'a str>,
}

/// `2018-07-02T22:23:00.186641Z`
fn timestamp(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let (days, secs) = ((d.as_secs() / 86_400) as i64, d.as_secs() % 86_400);
    let (y, m, dd) = civil(days);
    format!("{y:04}-{m:02}-{dd:02}T{:02}:{:02}:{:02}.{:06}Z", secs / 3600, secs / 60 % 60, secs % 60, d.subsec_micros())
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar (Howard
/// Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A quoted field: `"-"` when absent; quotes and backslashes escaped, control bytes dropped.
fn quoted(out: &mut String, v: Option<&str>) {
    out.push('"');
    match v {
        None | Some("") => out.push('-'),
        Some(v) => {
            for c in v.chars() {
                match c {
                    '"' | '\\' => {
                        out.push('\\');
                        out.push(c);
                    }
                    c if c.is_control() => {}
                    c => out.push(c),
                }
            }
        }
    }
    out.push('"');
}

impl AccessLog {
    pub(crate) fn new(cfg: AccessLogConfig) -> AccessLog {
        AccessLog { cfg, pending: Mutex::new(Pending { lines: String::new(), since: Instant::now() }) }
    }

    /// Format and keep one request's line.
    pub(crate) fn record(&self, e: &Entry<'_>) {
        let l = match self.cfg.format {
            LogFormat::Application => self.application_line(e),
            LogFormat::Classic => self.classic_line(e),
            // A network load balancer logs TLS connections (`record_tls`), not requests.
            LogFormat::Network => return,
        };
        self.pending.lock().unwrap_or_else(|e| e.into_inner()).lines.push_str(&l);
    }

    /// Keep one TLS connection's line (a network load balancer's log; others ignore it).
    pub(crate) fn record_tls(&self, e: &TlsEntry<'_>) {
        if self.cfg.format != LogFormat::Network {
            return;
        }
        let l = self.network_line(e, SystemTime::now());
        self.pending.lock().unwrap_or_else(|e| e.into_inner()).lines.push_str(&l);
    }

    /// A network load balancer's line (NLB's "Access log entries", version 2.0): `type version
    /// time elb listener client:port destination:port connection_time tls_handshake_time
    /// received_bytes sent_bytes incoming_tls_alert chosen_cert_arn chosen_cert_serial tls_cipher
    /// tls_protocol_version tls_named_group domain_name alpn_fe_protocol alpn_be_protocol
    /// alpn_client_preference_list tls_connection_creation_time`; times in milliseconds, the
    /// timestamps to the second without a zone, as NLB writes them.
    fn network_line(&self, e: &TlsEntry<'_>, now: SystemTime) -> String {
        let dash =
            |v: Option<&str>| v.filter(|v| !v.is_empty()).map_or_else(|| "-".to_string(), |v| v.replace(' ', "%20"));
        let mut l = String::with_capacity(320);
        let _ = writeln!(
            l,
            "tls 2.0 {} {} {} {} {} {} {} {} {} {} {} - {} {} {} {} {} - - {}",
            &timestamp(now)[..19],
            self.cfg.elb,
            e.listener,
            e.client,
            e.destination,
            e.connection.as_millis(),
            e.handshake.map_or_else(|| "-".to_string(), |h| h.as_millis().to_string()),
            e.received_bytes,
            e.sent_bytes,
            e.alert.map_or_else(|| "-".to_string(), |a| a.to_string()),
            dash(e.cert_arn),
            e.cipher,
            e.protocol,
            dash(e.named_group),
            dash(e.domain),
            dash(e.alpn),
            &timestamp(e.opened)[..19],
        );
        l
    }

    /// A classic load balancer's line: `timestamp elb client:port backend:port
    /// request_processing_time backend_processing_time response_processing_time elb_status_code
    /// backend_status_code received_bytes sent_bytes "request" "user_agent" ssl_cipher ssl_protocol`.
    fn classic_line(&self, e: &Entry<'_>) -> String {
        let mut l = String::with_capacity(256);
        let (req_t, target_t, resp_t) = match e.times {
            Some((a, b, c)) => (format!("{a:.6}"), format!("{b:.6}"), format!("{c:.6}")),
            None => ("-1".into(), "-1".into(), "-1".into()),
        };
        let _ = write!(
            l,
            "{} {} {} {} {} {} {} {} {} {} {} ",
            timestamp(SystemTime::now()),
            self.cfg.elb,
            e.client,
            e.target.map_or_else(|| "-".to_string(), |t| t.to_string()),
            req_t,
            target_t,
            resp_t,
            e.elb_status,
            e.target_status.map_or_else(|| "-".to_string(), |s| s.to_string()),
            e.received_bytes,
            e.sent_bytes,
        );
        quoted(&mut l, Some(&format!("{} {} {}", e.method, e.url, e.version)));
        l.push(' ');
        quoted(&mut l, e.user_agent);
        let (cipher, protocol) = e.tls.unwrap_or(("-", "-"));
        let _ = writeln!(l, " {cipher} {protocol}");
        l
    }

    fn application_line(&self, e: &Entry<'_>) -> String {
        let mut l = String::with_capacity(512);
        let now = SystemTime::now();
        let target = e.target.map_or_else(|| "-".to_string(), |t| t.to_string());
        let (req_t, target_t, resp_t) = match e.times {
            Some((a, b, c)) => (format!("{a:.3}"), format!("{b:.3}"), format!("{c:.3}")),
            None => ("-1".into(), "-1".into(), "-1".into()),
        };
        let status = |s: Option<u16>| s.map_or_else(|| "-".to_string(), |s| s.to_string());
        let _ = write!(
            l,
            "{} {} {} {} {} {} {} {} {} {} {} {} ",
            e.kind,
            timestamp(now),
            self.cfg.elb,
            e.client,
            target,
            req_t,
            target_t,
            resp_t,
            e.elb_status,
            status(e.target_status),
            e.received_bytes,
            e.sent_bytes,
        );
        quoted(&mut l, Some(&format!("{} {} {}", e.method, e.url, e.version)));
        l.push(' ');
        quoted(&mut l, e.user_agent);
        // ssl_cipher ssl_protocol target_group_arn
        let (cipher, protocol) = e.tls.unwrap_or(("-", "-"));
        let _ = write!(l, " {cipher} {protocol} {} ", e.target_group.unwrap_or("-"));
        quoted(&mut l, e.trace_id);
        l.push(' ');
        quoted(&mut l, e.domain);
        l.push(' ');
        quoted(&mut l, e.cert_arn); // chosen_cert_arn
        let priority = e.rule_priority.map_or(-1, i64::from);
        let _ = write!(l, " {priority} {} ", timestamp(e.received));
        quoted(&mut l, Some(e.actions));
        l.push(' ');
        quoted(&mut l, e.redirect_url);
        l.push(' ');
        quoted(&mut l, e.error_reason);
        l.push(' ');
        quoted(&mut l, e.target.map(|t| t.to_string()).as_deref());
        l.push(' ');
        quoted(&mut l, e.target_status.map(|s| s.to_string()).as_deref());
        // classification, classification_reason, conn_trace_id
        l.push_str(" \"-\" \"-\" -\n");
        l
    }

    /// Write the lines gathered so far when the interval has passed (or at once with
    /// `force`, when logging stops). Returns the file written, if any.
    pub(crate) fn flush(&self, force: bool) -> Option<PathBuf> {
        let lines = {
            let mut p = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            if !force && p.since.elapsed() < self.cfg.interval {
                return None;
            }
            p.since = Instant::now();
            if p.lines.is_empty() {
                return None;
            }
            std::mem::take(&mut p.lines)
        };
        match write_file(&self.cfg, SystemTime::now(), lines.as_bytes()) {
            Ok(path) => Some(path),
            Err(e) => {
                tracing::warn!(elb = %self.cfg.elb, error = %e, "access log not written");
                None
            }
        }
    }
}

fn write_file(cfg: &AccessLogConfig, end: SystemTime, lines: &[u8]) -> std::io::Result<PathBuf> {
    let stamp = timestamp(end); // 2018-07-02T22:23:00.186641Z
    let (y, m, d) = (&stamp[0..4], &stamp[5..7], &stamp[8..10]);
    let end_time = format!("{y}{m}{d}T{}{}Z", &stamp[11..13], &stamp[14..16]);
    let dir: PathBuf = cfg.dir.join(y).join(m).join(d);
    std::fs::create_dir_all(&dir)?;
    let random: String = {
        let n = end.duration_since(UNIX_EPOCH).unwrap_or_default().as_nanos() as u64;
        let mut x = n ^ (std::process::id() as u64).rotate_left(32) ^ 0x9E37_79B9_7F4A_7C15;
        (0..8)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                b"abcdefghijklmnopqrstuvwxyz0123456789"[(x % 36) as usize] as char
            })
            .collect()
    };
    // (Names are formatted whole: the stem and the address hold dots.) A network load balancer's
    // name has no node address.
    let name = match cfg.format {
        LogFormat::Network => format!("{}_{end_time}_{random}", cfg.file_stem),
        _ => format!("{}_{end_time}_{}_{random}", cfg.file_stem, cfg.ip),
    };
    match cfg.format {
        LogFormat::Application | LogFormat::Network => {
            let path = dir.join(format!("{name}.log.gz"));
            write_gzip(&path, lines)?;
            Ok(path)
        }
        LogFormat::Classic => {
            let path = dir.join(format!("{name}.log"));
            write_plain(&path, lines)?;
            Ok(path)
        }
    }
}

fn write_plain(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("part");
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

fn write_gzip(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("part");
    {
        let f = std::fs::File::create(&tmp)?;
        let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::default());
        gz.write_all(data)?;
        gz.finish()?.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

/// How often the flusher looks at the logs (each is written at its own interval).
pub(crate) const FLUSH_TICK: Duration = Duration::from_millis(250);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_alb_s() {
        let t = UNIX_EPOCH + Duration::from_micros(1_530_570_180_186_641);
        assert_eq!(timestamp(t), "2018-07-02T22:23:00.186641Z");
        assert_eq!(timestamp(UNIX_EPOCH + Duration::from_secs(951_782_400)), "2000-02-29T00:00:00.000000Z");
    }

    #[test]
    fn a_line_has_alb_s_fields_in_order_and_files_are_gzip() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = AccessLogConfig {
            elb: "app/my-lb/50dc6c495c0c9188".into(),
            dir: dir.path().to_path_buf(),
            file_stem: "123456789012_elasticloadbalancing_us-east-2_app.my-lb.50dc6c495c0c9188".into(),
            ip: "127.255.0.1".parse().unwrap(),
            interval: Duration::from_secs(300),
            format: LogFormat::Application,
        };
        let log = AccessLog::new(cfg);
        let http = Entry {
            kind: "http",
            received: UNIX_EPOCH + Duration::from_secs(1_530_570_168),
            client: "192.168.131.39:2817".parse().unwrap(),
            target: Some("10.0.0.1:80".parse().unwrap()),
            times: Some((0.0, 0.001, 0.0)),
            elb_status: 200,
            target_status: Some(200),
            received_bytes: 34,
            sent_bytes: 366,
            method: "GET",
            url: "http://www.example.com:80/",
            version: "HTTP/1.1",
            user_agent: Some("curl/7.46.0 \"q\""),
            target_group: Some(
                "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067",
            ),
            trace_id: Some("Root=1-58337262-36d228ad5d99923122bbe354"),
            domain: None,
            tls: None,
            cert_arn: None,
            rule_priority: Some(0),
            actions: "forward",
            redirect_url: None,
            error_reason: None,
        };
        log.record(&http);
        // AWS's HTTPS example: cipher, protocol, the client's server name and the certificate.
        log.record(&Entry {
            kind: "https",
            times: Some((0.086, 0.048, 0.037)),
            received_bytes: 0,
            sent_bytes: 57,
            url: "https://www.example.com:443/",
            user_agent: Some("curl/7.46.0"),
            trace_id: Some("Root=1-58337281-1d84f3d73c47ec4e58577259"),
            domain: Some("www.example.com"),
            tls: Some(("ECDHE-RSA-AES128-GCM-SHA256", "TLSv1.2")),
            cert_arn: Some("arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012"),
            rule_priority: Some(1),
            ..http
        });
        assert!(log.flush(false).is_none(), "not before the interval");
        let path = log.flush(true).expect("a file");
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with("123456789012_elasticloadbalancing_us-east-2_app.my-lb.50dc6c495c0c9188_"), "{name}");
        assert!(name.ends_with(".log.gz") && name.contains("_127.255.0.1_"), "{name}");
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap()),
            &mut text,
        )
        .unwrap();
        let line = text.lines().next().unwrap();
        assert!(line.starts_with("http 20"), "{line}");
        let after_time = line.split_once(' ').unwrap().1.split_once(' ').unwrap().1;
        assert!(after_time.starts_with(
            "app/my-lb/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0 \\\"q\\\"\" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 2018-07-02T22:22:48.000000Z \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\" -"
        ), "{line}");
        let https = text.lines().nth(1).unwrap();
        assert!(https.contains(
            " 0.086 0.048 0.037 200 200 0 57 \"GET https://www.example.com:443/ HTTP/1.1\" \"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337281-1d84f3d73c47ec4e58577259\" \"www.example.com\" \"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 1 "
        ), "{https}");
        assert!(log.flush(true).is_none(), "nothing left to write");
    }
}

#[cfg(test)]
mod classic_tests {
    use super::*;

    #[test]
    fn a_classic_line_has_the_classic_fields_and_files_are_plain_text() {
        let dir = tempfile::tempdir().unwrap();
        let log = AccessLog::new(AccessLogConfig {
            elb: "KG-Classic".into(),
            dir: dir.path().to_path_buf(),
            file_stem: "123456789012_elasticloadbalancing_us-east-2_KG-Classic".into(),
            ip: "127.255.0.9".parse().unwrap(),
            interval: Duration::from_secs(60),
            format: LogFormat::Classic,
        });
        log.record(&Entry {
            kind: "http",
            received: SystemTime::now(),
            client: "192.168.131.39:2817".parse().unwrap(),
            target: Some("10.0.0.1:80".parse().unwrap()),
            times: Some((0.000073, 0.001048, 0.000057)),
            elb_status: 200,
            target_status: Some(200),
            received_bytes: 0,
            sent_bytes: 29,
            method: "GET",
            url: "http://www.example.com:80/",
            version: "HTTP/1.1",
            user_agent: Some("curl/7.38.0"),
            target_group: None,
            trace_id: None,
            domain: None,
            tls: None,
            cert_arn: None,
            rule_priority: None,
            actions: "forward",
            redirect_url: None,
            error_reason: None,
        });
        let path = log.flush(true).expect("a file");
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with("123456789012_elasticloadbalancing_us-east-2_KG-Classic_"), "{name}");
        assert!(name.ends_with(".log") && name.contains("_127.255.0.9_"), "{name}");
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text.lines().next().unwrap();
        let rest = line.split_once(' ').unwrap().1;
        assert_eq!(
            rest,
            "KG-Classic 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.38.0\" - -"
        );
    }
}

#[cfg(test)]
mod network_tests {
    use super::*;

    #[test]
    fn a_network_line_has_nlb_s_22_fields_and_files_have_no_node_address() {
        let dir = tempfile::tempdir().unwrap();
        let log = AccessLog::new(AccessLogConfig {
            elb: "net/my-network-loadbalancer/c6e77e28c25b2234".into(),
            dir: dir.path().to_path_buf(),
            file_stem: "671290407336_elasticloadbalancing_us-east-2_net.my-network-loadbalancer.c6e77e28c25b2234"
                .into(),
            ip: "127.255.0.7".parse().unwrap(),
            interval: Duration::from_secs(300),
            format: LogFormat::Network,
        });
        let cert = "arn:aws:acm:us-east-2:671290407336:certificate/2a108f19-aded-46b0-8493-c63eb1ef4a99";
        let entry = TlsEntry {
            listener: "g3d4b5e8bb8464cd",
            client: "72.21.218.154:51341".parse().unwrap(),
            destination: "172.100.100.185:443".parse().unwrap(),
            opened: UNIX_EPOCH + Duration::from_millis(1_545_274_770_400),
            connection: Duration::from_millis(5),
            handshake: Some(Duration::from_micros(2_700)),
            alert: None,
            received_bytes: 98,
            sent_bytes: 246,
            cert_arn: Some(cert),
            cipher: "ECDHE-RSA-AES128-SHA",
            protocol: "tlsv12",
            named_group: None,
            domain: Some("my-network-loadbalancer-c6e77e28c25b2234.elb.us-east-2.amazonaws.com"),
            alpn: None,
        };
        let line = log.network_line(&entry, UNIX_EPOCH + Duration::from_millis(1_545_274_780_900));
        // AWS's example entry, field for field.
        assert_eq!(
            line,
            format!("tls 2.0 2018-12-20T02:59:40 net/my-network-loadbalancer/c6e77e28c25b2234 g3d4b5e8bb8464cd 72.21.218.154:51341 172.100.100.185:443 5 2 98 246 - {cert} - ECDHE-RSA-AES128-SHA tlsv12 - my-network-loadbalancer-c6e77e28c25b2234.elb.us-east-2.amazonaws.com - - - 2018-12-20T02:59:30\n")
        );
        assert_eq!(line.split(' ').count(), 22);
        // A handshake that failed on the client's alert 48 (unknown_ca): no handshake time.
        let failed = TlsEntry {
            handshake: None,
            alert: Some(48),
            received_bytes: 0,
            sent_bytes: 0,
            cipher: "-",
            protocol: "-",
            domain: None,
            ..entry
        };
        let line = log.network_line(&failed, UNIX_EPOCH + Duration::from_millis(1_545_274_780_900));
        assert!(line.contains(" 172.100.100.185:443 5 - 0 0 48 arn:"), "{line}");
        assert!(line.contains(" - - - - - - - - 2018-12-20T02:59:30\n"), "{line}");
        // Requests are not a network load balancer's lines; TLS connections are.
        log.record(&Entry {
            kind: "http",
            received: SystemTime::now(),
            client: entry.client,
            target: None,
            times: None,
            elb_status: 200,
            target_status: None,
            received_bytes: 0,
            sent_bytes: 0,
            method: "GET",
            url: "/",
            version: "HTTP/1.1",
            user_agent: None,
            target_group: None,
            trace_id: None,
            domain: None,
            tls: None,
            cert_arn: None,
            rule_priority: None,
            actions: "forward",
            redirect_url: None,
            error_reason: None,
        });
        assert!(log.flush(true).is_none(), "nothing to write");
        log.record_tls(&entry);
        let path = log.flush(true).expect("a file");
        let name = path.file_name().unwrap().to_str().unwrap();
        let rest = name
            .strip_prefix("671290407336_elasticloadbalancing_us-east-2_net.my-network-loadbalancer.c6e77e28c25b2234_")
            .unwrap();
        // <end>_<random>.log.gz: no node address.
        let (end, random) = rest.strip_suffix(".log.gz").unwrap().split_once('_').unwrap();
        assert!(end.len() == 14 && end.ends_with('Z') && random.len() == 8 && !random.contains('_'), "{name}");
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap()),
            &mut text,
        )
        .unwrap();
        assert_eq!(text.lines().count(), 1);
        assert!(text.starts_with("tls 2.0 "), "{text}");
    }
}
