//! ELBv2's records in the store (kinds `elb.*`, keyed by ARN) and their rendering into the
//! botocore shapes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub mod kind {
    pub const LOAD_BALANCER: &str = "elb.load_balancer";
    pub const TARGET_GROUP: &str = "elb.target_group";
    pub const LISTENER: &str = "elb.listener";
    pub const RULE: &str = "elb.rule";
    /// Tags of any ELBv2 resource, by ARN.
    pub const TAGS: &str = "elb.tags";
    /// Load balancers (ELBv2 and classic) that were deleted: how long each existed, for what
    /// it cost (keyed by ARN, or `classic/<name>/<created>`).
    pub const ENDED: &str = "elb.ended";
}

/// A deleted load balancer's lifetime (Cost Explorer bills its hours after it is gone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndedLoadBalancer {
    /// The ARN (ELBv2) or the name (classic).
    pub id: String,
    /// `application`, `network` or `classic`.
    pub lb_type: String,
    pub zone: String,
    pub created: f64,
    pub deleted: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoadBalancerRec {
    pub arn: String,
    pub name: String,
    pub id: String,
    /// The loopback address the load balancer's listeners accept on (also its DNSName).
    pub address: String,
    pub scheme: String,
    pub vpc_id: String,
    /// (subnet, zone)
    pub subnets: Vec<(String, String)>,
    pub security_groups: Vec<String>,
    pub ip_address_type: String,
    pub created: f64,
    pub attributes: BTreeMap<String, String>,
    /// `application` or `network`.
    #[serde(default = "application")]
    pub lb_type: String,
    /// Isolated networks, an internal load balancer: its node address in its VPC, where its
    /// listeners also accept (its DNSName then).
    #[serde(default)]
    pub vpc_address: Option<String>,
}

fn application() -> String {
    "application".into()
}

/// The canonical hosted zone of ALBs per region (AWS's published values; a fixed one elsewhere).
pub fn hosted_zone(region: &str) -> &'static str {
    match region {
        "ap-northeast-2" => "ZWKZPGTI48KDX",
        "ap-northeast-1" => "Z14GRHDCWA56QT",
        "us-east-1" => "Z35SXDOTRQ7X7K",
        "us-west-2" => "Z1H1FL5HABSF5",
        "eu-west-1" => "Z32O12XQLNTSW2",
        _ => "Z35SXDOTRQ7X7K",
    }
}

impl LoadBalancerRec {
    /// `app` or `net`, as the ARNs of the load balancer and its listeners say.
    pub fn short_type(&self) -> &'static str {
        if self.lb_type == "network" {
            "net"
        } else {
            "app"
        }
    }

    /// `faults`: the listeners at its address the proxy cannot serve (port, why); with any, the
    /// load balancer is `active_impaired` and says why.
    pub fn render(&self, region: &str, faults: &[(u16, String)]) -> Value {
        let state = match faults.first() {
            None => json!({"Code": "active"}),
            Some((port, why)) => {
                json!({"Code": "active_impaired", "Reason": format!("The listener on port {port} is not served: {why}")})
            }
        };
        json!({
            "LoadBalancerArn": self.arn,
            "DNSName": self.vpc_address.as_deref().unwrap_or(&self.address),
            "CanonicalHostedZoneId": hosted_zone(region),
            "CreatedTime": self.created,
            "LoadBalancerName": self.name,
            "Scheme": self.scheme,
            "VpcId": self.vpc_id,
            "State": state,
            "Type": self.lb_type,
            "AvailabilityZones": self.subnets.iter().map(|(s, z)| json!({"ZoneName": z, "SubnetId": s, "LoadBalancerAddresses": []})).collect::<Vec<_>>(),
            "SecurityGroups": self.security_groups,
            "IpAddressType": self.ip_address_type,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HealthCheckRec {
    pub enabled: bool,
    pub protocol: String,
    /// "traffic-port" or a number.
    pub port: String,
    pub path: String,
    pub interval: i64,
    pub timeout: i64,
    pub healthy: i64,
    pub unhealthy: i64,
    /// HttpCode: "200", "200,202", "200-299".
    pub matcher: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TargetRec {
    pub id: String,
    pub port: u16,
    pub availability_zone: Option<String>,
    /// Deregistered at (seconds since the epoch): draining.
    pub deregistered_at: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TargetGroupRec {
    pub arn: String,
    pub name: String,
    pub protocol: String,
    pub protocol_version: String,
    pub port: u16,
    pub vpc_id: String,
    pub target_type: String,
    pub health: HealthCheckRec,
    pub attributes: BTreeMap<String, String>,
    pub targets: Vec<TargetRec>,
    pub created: f64,
}

impl TargetGroupRec {
    pub fn render(&self, load_balancers: Vec<String>) -> Value {
        let h = &self.health;
        json!({
            "TargetGroupArn": self.arn,
            "TargetGroupName": self.name,
            "Protocol": self.protocol,
            "ProtocolVersion": self.protocol_version,
            "Port": self.port,
            "VpcId": self.vpc_id,
            "HealthCheckEnabled": h.enabled,
            "HealthCheckProtocol": h.protocol,
            "HealthCheckPort": h.port,
            "HealthCheckPath": h.path,
            "HealthCheckIntervalSeconds": h.interval,
            "HealthCheckTimeoutSeconds": h.timeout,
            "HealthyThresholdCount": h.healthy,
            "UnhealthyThresholdCount": h.unhealthy,
            "Matcher": {"HttpCode": h.matcher},
            "LoadBalancerArns": load_balancers,
            "TargetType": self.target_type,
            "IpAddressType": "ipv4",
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListenerRec {
    pub arn: String,
    pub load_balancer_arn: String,
    pub port: u16,
    pub protocol: String,
    /// Actions as the API takes and returns them.
    pub default_actions: Value,
    /// The ARN of the listener's default rule.
    pub default_rule_arn: String,
    /// HTTPS: certificate ARNs (the first is the default) and the security policy.
    #[serde(default)]
    pub certificates: Vec<String>,
    #[serde(default)]
    pub ssl_policy: Option<String>,
    /// Listener attributes set by ModifyListenerAttributes (the others have their defaults).
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

/// A network load balancer's TCP listener's idle timeout attribute (60–6000 s, 350 by default).
pub const TCP_IDLE_TIMEOUT: &str = "tcp.idle_timeout.seconds";

impl ListenerRec {
    /// The listener's attributes as DescribeListenerAttributes shows them: those its protocol
    /// has (a TCP or TCP_UDP listener: `tcp.idle_timeout.seconds`), set or by default.
    pub fn effective_attributes(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        if matches!(self.protocol.as_str(), "TCP" | "TCP_UDP") {
            let secs = proxy::TCP_FLOW_IDLE.as_secs().to_string();
            out.insert(TCP_IDLE_TIMEOUT.to_string(), self.attributes.get(TCP_IDLE_TIMEOUT).cloned().unwrap_or(secs));
        }
        out
    }

    /// How long a relayed TCP connection may stay idle: a TCP listener's attribute, or 350 s
    /// (a TLS listener's, fixed).
    pub fn tcp_idle_timeout(&self) -> std::time::Duration {
        self.effective_attributes()
            .get(TCP_IDLE_TIMEOUT)
            .and_then(|v| v.parse().ok())
            .map_or(proxy::TCP_FLOW_IDLE, std::time::Duration::from_secs)
    }

    pub fn render(&self) -> Value {
        let mut v = json!({
            "ListenerArn": self.arn,
            "LoadBalancerArn": self.load_balancer_arn,
            "Port": self.port,
            "Protocol": self.protocol,
            "DefaultActions": self.default_actions,
        });
        if !self.certificates.is_empty() {
            v["Certificates"] =
                json!(self.certificates.iter().map(|c| json!({"CertificateArn": c})).collect::<Vec<_>>());
        }
        if let Some(p) = &self.ssl_policy {
            v["SslPolicy"] = json!(p);
        }
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleRec {
    pub arn: String,
    pub listener_arn: String,
    pub priority: u32,
    pub conditions: Value,
    pub actions: Value,
}

impl RuleRec {
    pub fn render(&self) -> Value {
        json!({
            "RuleArn": self.arn,
            "Priority": self.priority.to_string(),
            "Conditions": self.conditions,
            "Actions": self.actions,
            "IsDefault": false,
        })
    }
}

pub fn render_default_rule(l: &ListenerRec) -> Value {
    json!({"RuleArn": l.default_rule_arn, "Priority": "default", "Conditions": [], "Actions": l.default_actions, "IsDefault": true})
}

pub type Tags = Vec<(String, String)>;
