//! Classic Elastic Load Balancing (API 2012-06-01) over the same data plane as ELBv2: a classic
//! load balancer is a record of its own (`elb.classic`, keyed by name) that `sync.rs` compiles
//! into proxy listeners and one target group per listener (its registered instances at the
//! listener's instance port, checked by the load balancer's health check). HTTP and HTTPS
//! listeners are proxied per request, TCP and SSL ones per connection (HTTPS and SSL with IAM
//! server certificates, terminated by rustls).
//!
//! `mod.rs` holds the records and the service (its authorisation); `ops.rs` the operations;
//! `plane.rs` what the data plane gets from the records (the proxy's configuration, the end
//! of connection draining, AWS/ELB metrics).

mod ops;
mod plane;

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use wire::{ApiError, Authorization, BoxFuture, CallContext, Check, Service};

use crate::ops::{input_tags, str_of, strings};
use crate::records::{hosted_zone, kind, Tags};
use crate::Elb;

pub(crate) use plane::{compile, finish_draining, host_metrics, metrics};

type Result<T> = std::result::Result<T, ApiError>;

use ops::{dispatch, store_err};

pub const KIND: &str = "elb.classic";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClassicListener {
    pub protocol: String,
    pub lb_port: u16,
    pub instance_protocol: String,
    pub instance_port: u16,
    pub certificate: Option<String>,
    /// Policies of the listener (SetLoadBalancerPoliciesOfListener).
    #[serde(default)]
    pub policies: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClassicHealthCheck {
    /// `HTTP:80/index.html`, `HTTPS:443/`, `TCP:22`, `SSL:443`.
    pub target: String,
    pub interval: i64,
    pub timeout: i64,
    pub healthy: i64,
    pub unhealthy: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClassicPolicy {
    pub name: String,
    pub type_name: String,
    pub attributes: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClassicInstance {
    pub id: String,
    /// Deregistered, draining until this time (connection draining).
    #[serde(default)]
    pub draining_until: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClassicRec {
    pub name: String,
    pub address: String,
    /// Isolated networks, an internal load balancer: its node address in its VPC (its DNSName).
    #[serde(default)]
    pub vpc_address: Option<String>,
    pub scheme: String,
    pub vpc_id: Option<String>,
    pub subnets: Vec<String>,
    pub zones: Vec<String>,
    pub security_groups: Vec<String>,
    pub listeners: Vec<ClassicListener>,
    pub health: ClassicHealthCheck,
    pub instances: Vec<ClassicInstance>,
    pub policies: Vec<ClassicPolicy>,
    pub cross_zone: bool,
    pub draining: Option<i64>,
    pub idle_timeout: i64,
    pub access_log: Option<Value>,
    pub created: f64,
    /// Policies per instance port (SetLoadBalancerPoliciesForBackendServer).
    #[serde(default)]
    pub backend_policies: Vec<(u16, Vec<String>)>,
}

impl ClassicRec {
    /// Whether connections to `instance_port` start with a PROXY protocol v1 line: a
    /// `ProxyProtocolPolicyType` policy with `ProxyProtocol=true` is set for the port.
    pub fn proxy_protocol(&self, instance_port: u16) -> bool {
        let names = self.backend_policies.iter().filter(|(p, _)| *p == instance_port).flat_map(|(_, n)| n);
        names.filter_map(|n| self.policies.iter().find(|p| &p.name == n)).any(|p| {
            p.type_name == "ProxyProtocolPolicyType"
                && p.attributes.iter().any(|(k, v)| k == "ProxyProtocol" && v.eq_ignore_ascii_case("true"))
        })
    }

    /// The proxy's target group behind one listener.
    pub fn group_arn(&self, lb_port: u16) -> String {
        format!("classic/{}/{lb_port}", self.name)
    }

    pub fn arn(&self, elb: &Elb) -> String {
        elb.arn(&format!("loadbalancer/{}", self.name))
    }

    /// The health check as the proxy runs it, for a listener's instance port.
    pub fn health_settings(&self) -> proxy::HealthSettings {
        let (protocol, rest) = self.health.target.split_once(':').unwrap_or(("TCP", "80"));
        let (port, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        proxy::HealthSettings {
            enabled: true,
            tcp: matches!(protocol, "TCP" | "SSL"),
            tls: matches!(protocol, "HTTPS" | "SSL"),
            path: path.to_string(),
            port: port.parse().ok(),
            interval: Duration::from_secs(self.health.interval.max(1) as u64),
            timeout: Duration::from_secs(self.health.timeout.max(1) as u64),
            healthy_threshold: self.health.healthy as u32,
            unhealthy_threshold: self.health.unhealthy as u32,
            matcher: vec![(200, 200)],
            proxy_header: false,
        }
    }

    fn render(&self, region: &str) -> Value {
        let kind_of = |t: &'static str| self.policies.iter().filter(move |p| p.type_name == t);
        let attr = |p: &ClassicPolicy, k: &str| p.attributes.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        json!({
            "LoadBalancerName": self.name,
            "DNSName": self.vpc_address.as_deref().unwrap_or(&self.address),
            "CanonicalHostedZoneName": self.address,
            "CanonicalHostedZoneNameID": hosted_zone(region),
            "ListenerDescriptions": self.listeners.iter().map(|l| {
                let mut listener = json!({
                    "Protocol": l.protocol, "LoadBalancerPort": l.lb_port,
                    "InstanceProtocol": l.instance_protocol, "InstancePort": l.instance_port,
                });
                if let Some(c) = &l.certificate {
                    listener["SSLCertificateId"] = json!(c);
                }
                json!({"Listener": listener, "PolicyNames": l.policies})
            }).collect::<Vec<_>>(),
            "Policies": {
                "AppCookieStickinessPolicies": kind_of("AppCookieStickinessPolicyType").map(|p| json!({
                    "PolicyName": p.name, "CookieName": attr(p, "CookieName"),
                })).collect::<Vec<_>>(),
                "LBCookieStickinessPolicies": kind_of("LBCookieStickinessPolicyType").map(|p| {
                    let mut v = json!({"PolicyName": p.name});
                    if let Some(e) = attr(p, "CookieExpirationPeriod").and_then(|e| e.parse::<i64>().ok()) {
                        v["CookieExpirationPeriod"] = json!(e);
                    }
                    v
                }).collect::<Vec<_>>(),
                "OtherPolicies": self.policies.iter()
                    .filter(|p| !p.type_name.ends_with("CookieStickinessPolicyType"))
                    .map(|p| p.name.clone()).collect::<Vec<_>>(),
            },
            "BackendServerDescriptions": self.backend_policies.iter()
                .map(|(port, names)| json!({"InstancePort": port, "PolicyNames": names}))
                .collect::<Vec<_>>(),
            "AvailabilityZones": self.zones,
            "Subnets": self.subnets,
            "VPCId": self.vpc_id,
            "Instances": self.instances.iter().filter(|i| i.draining_until.is_none())
                .map(|i| json!({"InstanceId": i.id})).collect::<Vec<_>>(),
            "HealthCheck": {
                "Target": self.health.target, "Interval": self.health.interval, "Timeout": self.health.timeout,
                "UnhealthyThreshold": self.health.unhealthy, "HealthyThreshold": self.health.healthy,
            },
            "SourceSecurityGroup": {"OwnerAlias": "amazon-elb", "GroupName": "amazon-elb-sg"},
            "SecurityGroups": self.security_groups,
            "CreatedTime": self.created,
            "Scheme": self.scheme,
        })
    }

    fn render_attributes(&self) -> Value {
        let mut v = json!({
            "CrossZoneLoadBalancing": {"Enabled": self.cross_zone},
            "ConnectionDraining": {"Enabled": self.draining.is_some(), "Timeout": self.draining.unwrap_or(300)},
            "ConnectionSettings": {"IdleTimeout": self.idle_timeout},
            "AccessLog": {"Enabled": false},
        });
        if let Some(a) = &self.access_log {
            v["AccessLog"] = a.clone();
        }
        v
    }
}
/// What a classic ELB operation must be authorised for: the load balancers it names, by ARN
/// with their tags; `*` for Describe calls and the account's limits.
fn checks(elb: &Elb, op: &str, input: &Value) -> Result<Vec<Check>> {
    let action = format!("elasticloadbalancing:{op}");
    if op.starts_with("Describe") {
        return Ok(vec![Check::new(action, "*")]);
    }
    let mut names = strings(input, "LoadBalancerNames");
    names.extend(str_of(input, "LoadBalancerName").map(String::from));
    let requested = input_tags(input);
    let mut out = Vec::new();
    for n in names {
        let arn = elb.arn(&format!("loadbalancer/{n}"));
        let tags: Tags = elb.store.read(|tx| tx.get(kind::TAGS, &arn)).map_err(store_err)?.unwrap_or_default();
        let mut c = Check::new(action.as_str(), arn.as_str())
            .resource_tags("elasticloadbalancing", tags.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        if !requested.is_empty() {
            c = c.request_tags(requested.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        out.push(c);
        if op == "CreateLoadBalancer" && !requested.is_empty() {
            out.push(
                Check::new("elasticloadbalancing:AddTags", arn.as_str())
                    .key("elasticloadbalancing:CreateAction", op)
                    .request_tags(requested.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
            );
        }
    }
    if out.is_empty() {
        out.push(Check::new(action, "*"));
    }
    Ok(out)
}

/// The classic API (2012-06-01), served beside ELBv2 under the same signing name.
pub struct ClassicElbService {
    elb: Arc<Elb>,
}

impl ClassicElbService {
    pub fn new(elb: Arc<Elb>) -> ClassicElbService {
        ClassicElbService { elb }
    }
}

impl Service for ClassicElbService {
    fn model_name(&self) -> &'static str {
        "elb"
    }

    fn iam_prefix(&self) -> &'static str {
        "elasticloadbalancing"
    }

    fn authorization(&self, op: &str, input: &Value, _cx: &CallContext) -> Result<Authorization> {
        Ok(Authorization::Checks(checks(&self.elb, op, input)?))
    }

    fn call<'a>(&'a self, _cx: &'a CallContext, op: &'a str, input: Value) -> BoxFuture<'a, Result<Value>> {
        Box::pin(async move {
            tokio::task::block_in_place(|| {
                let out = dispatch(&self.elb, op, &input);
                if out.is_ok() && !op.starts_with("Describe") && op != "CreateLoadBalancerListeners" {
                    self.elb.sync().map_err(ApiError::from)?;
                }
                out
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn health_settings_follow_the_target() {
        let mut rec: ClassicRec = serde_json::from_value(json!({
            "name": "kg", "address": "127.255.0.9", "scheme": "internet-facing", "vpc_id": null,
            "subnets": [], "zones": ["ap-northeast-2a"], "security_groups": [], "listeners": [],
            "health": {"target": "HTTP:8080/health", "interval": 10, "timeout": 3, "healthy": 2, "unhealthy": 4},
            "instances": [], "policies": [], "cross_zone": true, "draining": null, "idle_timeout": 60,
            "access_log": null, "created": 0.0
        }))
        .unwrap();
        let h = rec.health_settings();
        assert_eq!((h.tcp, h.path.as_str(), h.port), (false, "/health", Some(8080)));
        assert_eq!((h.healthy_threshold, h.unhealthy_threshold), (2, 4));
        rec.health.target = "TCP:22".into();
        let h = rec.health_settings();
        assert_eq!((h.tcp, h.port), (true, Some(22)));
    }

    #[test]
    fn proxy_protocol_needs_the_policy_type_its_attribute_and_the_port() {
        let policy = |name: &str, ty: &str, on: &str| ClassicPolicy {
            name: name.into(),
            type_name: ty.into(),
            attributes: vec![("ProxyProtocol".into(), on.into())],
        };
        let mut rec: ClassicRec = serde_json::from_value(json!({
            "name": "kg", "address": "127.255.0.9", "scheme": "internet-facing", "vpc_id": null,
            "subnets": [], "zones": [], "security_groups": [], "listeners": [],
            "health": {"target": "TCP:80", "interval": 10, "timeout": 3, "healthy": 2, "unhealthy": 4},
            "instances": [], "policies": [], "cross_zone": true, "draining": null, "idle_timeout": 60,
            "access_log": null, "created": 0.0
        }))
        .unwrap();
        assert!(rec.backend_policies.is_empty(), "records written before the field still read");
        rec.policies = vec![
            policy("pp", "ProxyProtocolPolicyType", "true"),
            policy("pp-off", "ProxyProtocolPolicyType", "false"),
            policy("other", "BackendServerAuthenticationPolicyType", "true"),
        ];
        rec.backend_policies = vec![(7000, vec!["pp".into()]), (7001, vec!["pp-off".into(), "other".into()])];
        assert!(rec.proxy_protocol(7000));
        assert!(!rec.proxy_protocol(7001));
        assert!(!rec.proxy_protocol(80));
    }
}
