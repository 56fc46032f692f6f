//! What the control plane hands the proxy: listeners with their ordered rules, and target
//! groups with their targets and settings. Plain values; the proxy compiles them into a
//! routing snapshot.

use std::net::SocketAddr;
use std::time::Duration;

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub listeners: Vec<ListenerConfig>,
    pub groups: Vec<GroupConfig>,
    /// The application load balancers that log their requests (`access_logs.s3.enabled`).
    pub access_logs: Vec<AccessLogConfig>,
}

/// Where and how one load balancer's access log is written (`access_log.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessLogConfig {
    /// The load balancer's address: its listeners' requests are logged.
    pub ip: std::net::IpAddr,
    /// `app/<name>/<id>`, the log's `elb` field.
    pub elb: String,
    /// `<bucket>/<prefix>/AWSLogs/<account>/elasticloadbalancing/<region>`: the dated folders
    /// and files go below it.
    pub dir: std::path::PathBuf,
    /// `<account>_elasticloadbalancing_<region>_app.<name>.<id>` (classic: `…_<region>_<name>`)
    pub file_stem: String,
    /// How often a file is written (ALB: every 5 minutes; classic: its EmitInterval).
    pub interval: Duration,
    /// The line and file format.
    pub format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// An application load balancer's: 30 fields, gzip files.
    Application,
    /// A classic load balancer's: 15 fields, plain text files.
    Classic,
    /// A network load balancer's: one 22-field line per TLS connection (its TLS listeners'
    /// only, as on AWS), gzip files named without the node address.
    Network,
}

#[derive(Debug, Clone)]
pub struct ListenerConfig {
    /// The address the listener accepts on (the load balancer's address and the listener's port).
    pub addr: SocketAddr,
    /// The listener's resource ID (its ARN's last part): a network load balancer's access log
    /// `listener` field. Empty for classic listeners.
    pub id: String,
    /// A TLS listener's default certificate's ARN: the access log's `chosen_cert_arn`.
    pub certificate_arn: Option<String>,
    /// Rules in evaluation order (lowest priority number first), the default rule last.
    pub rules: Vec<Rule>,
    /// HTTPS: the certificate the listener presents (TLS terminated with rustls).
    pub tls: Option<TlsIdentity>,
    /// The load balancer's idle timeout (`idle_timeout.timeout_seconds`, 60 s by default): how
    /// long a client connection may stay open with no request under way. It also bounds the
    /// time to send a request's headers. A TCP listener's (`tcp`): how long a relayed
    /// connection may pass no byte either way before both sides are closed (an NLB's TCP
    /// listener: `tcp.idle_timeout.seconds`, 350 s; its TLS listener: 350 s; a classic ELB's
    /// TCP/SSL listener: its ConnectionSettings IdleTimeout).
    pub idle_timeout: std::time::Duration,
    /// A network load balancer's listener (TCP, or TLS terminated here): each connection is
    /// relayed to a target of the group its default rule forwards to, bytes as they are.
    pub tcp: bool,
    /// A network load balancer's UDP (or, with `tcp`, TCP_UDP) listener: datagrams received at
    /// `addr` are relayed per flow to a target of the default rule's group (`udp.rs`). A UDP-only
    /// listener (`udp` without `tcp`) accepts no TCP connections.
    pub udp: bool,
    /// The load balancer's security groups, as the source addresses they let in to this
    /// listener's port; `None`: no security group, every source.
    pub allow: Option<Vec<ipnet::IpNet>>,
    /// As `allow`, for the datagrams of a UDP or TCP_UDP listener (the groups' UDP rules).
    pub udp_allow: Option<Vec<ipnet::IpNet>>,
    /// Isolated networks, an internal load balancer: its TCP listener also accepts inside its
    /// VPC, at its node address there (the `Via`'s source) and the same port, served as if
    /// accepted at `addr`. The VPC's router has already applied the load balancer's security
    /// groups (source groups included) to what arrives there, so `allow` is not consulted.
    pub inside: Option<crate::Via>,
    /// What the load balancer's `routing.http.*` attributes ask of forwarded requests' headers.
    pub headers: HeaderRules,
}

/// An application load balancer's header attributes, as the data plane applies them to each
/// forwarded request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HeaderRules {
    /// `routing.http.xff_header_processing.mode`.
    pub xff: XffMode,
    /// `routing.http.xff_client_port.enabled`: the appended address carries the client's port.
    pub xff_client_port: bool,
    /// `routing.http.x_amzn_tls_version_and_cipher_suite.enabled`: HTTPS requests carry
    /// `x-amzn-tls-version` and `x-amzn-tls-cipher-suite`.
    pub tls_headers: bool,
    /// `routing.http.drop_invalid_header_fields.enabled`: headers whose names are not
    /// letters, digits and hyphens are dropped.
    pub drop_invalid: bool,
}

/// How X-Forwarded-For reaches the targets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum XffMode {
    /// The client's address appended to what the client sent (AWS's default).
    #[default]
    Append,
    /// As the client sent it (or absent).
    Preserve,
    /// Removed.
    Remove,
}

impl HeaderRules {
    /// From a load balancer's attributes (missing or unknown values: AWS's defaults).
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> HeaderRules {
        let on = |k: &str| get(k).as_deref() == Some("true");
        HeaderRules {
            xff: match get("routing.http.xff_header_processing.mode").as_deref() {
                Some("preserve") => XffMode::Preserve,
                Some("remove") => XffMode::Remove,
                _ => XffMode::Append,
            },
            xff_client_port: on("routing.http.xff_client_port.enabled"),
            tls_headers: on("routing.http.x_amzn_tls_version_and_cipher_suite.enabled"),
            drop_invalid: on("routing.http.drop_invalid_header_fields.enabled"),
        }
    }

    /// A header name ALB counts as valid (`drop_invalid`): letters, digits and hyphens.
    pub fn valid_name(name: &[u8]) -> bool {
        !name.is_empty() && name.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    }
}

impl ListenerConfig {
    /// The group a TCP listener relays to: its last (default) rule's first forward group.
    pub fn tcp_group(&self) -> Option<&str> {
        match &self.rules.last()?.action {
            Action::Forward(groups) => groups.first().map(|(arn, _)| arn.as_str()),
            _ => None,
        }
    }
}

/// A certificate chain and its private key, PEM. Its Debug never shows the key.
#[derive(Clone, PartialEq, Eq)]
pub struct TlsIdentity {
    /// The certificate, then its chain.
    pub certificate_pem: String,
    pub key_pem: String,
}

impl std::fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsIdentity").field("certificate_pem", &self.certificate_pem.len()).finish_non_exhaustive()
    }
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub conditions: Vec<Condition>,
    pub action: Action,
    /// The rule's priority (1–50000), 0 for the default rule: the access log's
    /// `matched_rule_priority`.
    pub priority: u32,
}

/// One condition of a rule; its values are alternatives (OR), a rule's conditions all apply (AND).
#[derive(Debug, Clone)]
pub enum Condition {
    /// Case-sensitive wildcards (`*`, `?`) over the path.
    PathPattern(Vec<String>),
    /// Case-insensitive wildcards over the Host header, port excluded.
    HostHeader(Vec<String>),
    HttpHeader {
        name: String,
        values: Vec<String>,
    },
    HttpRequestMethod(Vec<String>),
    /// (key, value) pairs, wildcards, case-insensitive; a missing key matches any key.
    QueryString(Vec<(Option<String>, String)>),
    SourceIp(Vec<ipnet::IpNet>),
}

#[derive(Debug, Clone)]
pub enum Action {
    /// Target group ARNs with their weights.
    Forward(Vec<(String, u32)>),
    Redirect(Redirect),
    FixedResponse {
        status: u16,
        content_type: Option<String>,
        body: String,
    },
}

/// ALB's redirect: each part may use `#{protocol}`, `#{host}`, `#{port}`, `#{path}`, `#{query}`.
#[derive(Debug, Clone)]
pub struct Redirect {
    pub protocol: String,
    pub host: String,
    pub port: String,
    pub path: String,
    pub query: String,
    /// 301 or 302.
    pub status: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Algorithm {
    #[default]
    RoundRobin,
    LeastOutstandingRequests,
}

#[derive(Debug, Clone)]
pub struct GroupConfig {
    pub arn: String,
    pub targets: Vec<TargetConfig>,
    pub algorithm: Algorithm,
    pub health: HealthSettings,
    /// Whether a listener routes to the group (targets of a group in no rule are `unused`
    /// and not checked).
    pub in_use: bool,
    /// How long the proxy waits for a target's response headers before answering 504.
    pub response_timeout: Duration,
    /// Load-balancer cookie stickiness (`stickiness.type` lb_cookie): how long a client stays
    /// with the target that first answered it.
    pub sticky: Option<Duration>,
    /// `proxy_protocol_v2.enabled`: a relayed TCP connection starts with a PROXY protocol v2
    /// header carrying the client's address and the listener's.
    pub proxy_protocol_v2: bool,
    /// A classic load balancer's `ProxyProtocolPolicyType` on the instance port (TCP and SSL
    /// listeners): a relayed connection starts with the PROXY protocol v1 line.
    pub proxy_protocol_v1: bool,
    /// `target_health_state.unhealthy.connection_termination.enabled` (a network load
    /// balancer's group): relayed TCP connections to a target that became unhealthy are closed,
    /// unless no other target is healthy (fail open).
    pub terminate_unhealthy: bool,
    /// A network load balancer's `stickiness.type` source_ip: a client address's flows all go
    /// to one target while the set of healthy targets stays the same.
    pub source_sticky: bool,
    /// `deregistration_delay.connection_termination.enabled`: relayed TCP connections to a
    /// target that left the group (its deregistration delay over) are closed; otherwise they
    /// live on until either side closes.
    pub terminate_deregistered: bool,
    /// `preserve_client_ip.enabled` (a network load balancer's group): the target sees the
    /// client's address as the connection's (or datagram's) source — for clients on this host,
    /// whose loopback address the proxy binds as its source (`tcp::upstream_source`).
    pub preserve_client_ip: bool,
    /// HTTPS (ALB), TLS (NLB) and classic HTTPS/SSL back ends: connections to the targets are TLS.
    /// Target certificates are not verified, as a load balancer does not verify them (a classic
    /// ELB only with a back-end authentication policy, which is not served).
    pub tls_to_targets: bool,
}

impl GroupConfig {
    /// A group in use with these targets and every option off: round robin, default health
    /// checks, 60-s response timeout (what each attribute's absence means).
    pub fn new(arn: impl Into<String>, targets: Vec<TargetConfig>) -> GroupConfig {
        GroupConfig {
            arn: arn.into(),
            targets,
            algorithm: Algorithm::default(),
            health: HealthSettings::default(),
            in_use: true,
            response_timeout: Duration::from_secs(60),
            sticky: None,
            proxy_protocol_v2: false,
            proxy_protocol_v1: false,
            terminate_unhealthy: false,
            source_sticky: false,
            terminate_deregistered: false,
            preserve_client_ip: false,
            tls_to_targets: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetConfig {
    pub id: String,
    pub port: u16,
    pub addr: SocketAddr,
    /// Reached from inside its VPC (isolated networks); `None`: from the daemon's network.
    pub via: Option<crate::dial::Via>,
    /// Deregistered and draining: receives no new requests.
    pub draining: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthSettings {
    pub enabled: bool,
    /// A TCP check: the target passes when it accepts a connection (classic ELB's `TCP:port`).
    pub tcp: bool,
    /// Over TLS: an HTTPS check (or classic ELB's `SSL:port`, a TLS handshake with `tcp`).
    pub tls: bool,
    pub path: String,
    /// None: the traffic port.
    pub port: Option<u16>,
    pub interval: Duration,
    pub timeout: Duration,
    pub healthy_threshold: u32,
    pub unhealthy_threshold: u32,
    /// Inclusive ranges of success codes.
    pub matcher: Vec<(u16, u16)>,
    /// The group has `proxy_protocol_v2.enabled`: each check's connection starts with a PROXY v2
    /// header with the LOCAL command and no addresses, as an NLB's do.
    pub proxy_header: bool,
}

impl Default for HealthSettings {
    fn default() -> Self {
        HealthSettings {
            enabled: true,
            tcp: false,
            path: "/".into(),
            port: None,
            interval: Duration::from_secs(30),
            timeout: Duration::from_secs(5),
            healthy_threshold: 5,
            unhealthy_threshold: 2,
            matcher: vec![(200, 200)],
            proxy_header: false,
            tls: false,
        }
    }
}
