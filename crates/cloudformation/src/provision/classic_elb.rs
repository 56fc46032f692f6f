//! AWS::ElasticLoadBalancing::LoadBalancer: a classic load balancer through the 2012-06-01 API
//! — its listeners, health check, attributes (cross-zone, connection draining, idle timeout),
//! stickiness policies and instances. Ref answers its name.

use serde::Serialize;
use serde_json::Value;

use super::{gone, Created, Cx, Props, Tag};
use crate::Peer;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Listener {
    protocol: String,
    load_balancer_port: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    instance_protocol: Option<String>,
    instance_port: i64,
    #[serde(rename = "SSLCertificateId", skip_serializing_if = "Option::is_none")]
    ssl_certificate_id: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateLoadBalancer {
    load_balancer_name: String,
    listeners: Vec<Listener>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    availability_zones: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subnets: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    security_groups: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<Tag>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct HealthCheck {
    target: String,
    interval: i64,
    timeout: i64,
    healthy_threshold: i64,
    unhealthy_threshold: i64,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ConfigureHealthCheck {
    load_balancer_name: String,
    health_check: HealthCheck,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ModifyAttributes {
    load_balancer_name: String,
    load_balancer_attributes: Value,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct InstanceId {
    instance_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RegisterInstances {
    load_balancer_name: String,
    instances: Vec<InstanceId>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct LbCookiePolicy {
    load_balancer_name: String,
    policy_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    cookie_expiration_period: Option<i64>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AppCookiePolicy {
    load_balancer_name: String,
    policy_name: String,
    cookie_name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ListenerPolicies {
    load_balancer_name: String,
    load_balancer_port: i64,
    policy_names: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Names<'a> {
    load_balancer_names: [&'a str; 1],
}

/// A classic load balancer name CloudFormation makes: at most 32 alphanumerics and hyphens.
fn generated_name(cx: &Cx) -> String {
    let raw: String = cx.generated_name(32).chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    raw.trim_matches('-').to_string()
}

pub async fn create(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let name = p.str("LoadBalancerName").unwrap_or_else(|| generated_name(cx));
    let listeners = p
        .objects("Listeners")
        .into_iter()
        .map(|l| {
            Ok(Listener {
                protocol: l.req("Protocol")?,
                load_balancer_port: l.int("LoadBalancerPort")?.ok_or("Property LoadBalancerPort cannot be empty.")?,
                instance_protocol: l.str("InstanceProtocol"),
                instance_port: l.int("InstancePort")?.ok_or("Property InstancePort cannot be empty.")?,
                ssl_certificate_id: l.str("SSLCertificateId"),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let input = CreateLoadBalancer {
        load_balancer_name: name.clone(),
        listeners,
        availability_zones: p.strings("AvailabilityZones"),
        subnets: p.strings("Subnets"),
        security_groups: p.strings("SecurityGroups"),
        scheme: p.str("Scheme"),
        tags: cx.tags(p),
    };
    let out = cx.call(Peer::ClassicElb, "CreateLoadBalancer", &input).await?;
    cx.exists(&name);
    if let Some(h) = p.get("HealthCheck") {
        let h = Props(h);
        let input = ConfigureHealthCheck {
            load_balancer_name: name.clone(),
            health_check: HealthCheck {
                target: h.req("Target")?,
                interval: h.int("Interval")?.unwrap_or(30),
                timeout: h.int("Timeout")?.unwrap_or(5),
                healthy_threshold: h.int("HealthyThreshold")?.unwrap_or(10),
                unhealthy_threshold: h.int("UnhealthyThreshold")?.unwrap_or(2),
            },
        };
        cx.call(Peer::ClassicElb, "ConfigureHealthCheck", &input).await?;
    }
    let mut attributes = serde_json::Map::new();
    if let Some(c) = p.bool("CrossZone")? {
        attributes.insert("CrossZoneLoadBalancing".into(), serde_json::json!({"Enabled": c}));
    }
    if let Some(d) = p.get("ConnectionDrainingPolicy") {
        let d = Props(d);
        attributes.insert(
            "ConnectionDraining".into(),
            serde_json::json!({"Enabled": d.bool("Enabled")?.unwrap_or(false), "Timeout": d.int("Timeout")?.unwrap_or(300)}),
        );
    }
    if let Some(t) = p.get("ConnectionSettings").map(Props).map(|c| c.int("IdleTimeout")).transpose()?.flatten() {
        attributes.insert("ConnectionSettings".into(), serde_json::json!({"IdleTimeout": t}));
    }
    if !attributes.is_empty() {
        let input =
            ModifyAttributes { load_balancer_name: name.clone(), load_balancer_attributes: Value::Object(attributes) };
        cx.call(Peer::ClassicElb, "ModifyLoadBalancerAttributes", &input).await?;
    }
    for s in p.objects("LBCookieStickinessPolicy") {
        let input = LbCookiePolicy {
            load_balancer_name: name.clone(),
            policy_name: s.req("PolicyName")?,
            cookie_expiration_period: s.int("CookieExpirationPeriod")?,
        };
        cx.call(Peer::ClassicElb, "CreateLBCookieStickinessPolicy", &input).await?;
    }
    for s in p.objects("AppCookieStickinessPolicy") {
        let input = AppCookiePolicy {
            load_balancer_name: name.clone(),
            policy_name: s.req("PolicyName")?,
            cookie_name: s.req("CookieName")?,
        };
        cx.call(Peer::ClassicElb, "CreateAppCookieStickinessPolicy", &input).await?;
    }
    for l in p.objects("Listeners") {
        let names = l.strings("PolicyNames");
        if !names.is_empty() {
            let input = ListenerPolicies {
                load_balancer_name: name.clone(),
                load_balancer_port: l.int("LoadBalancerPort")?.unwrap_or_default(),
                policy_names: names,
            };
            cx.call(Peer::ClassicElb, "SetLoadBalancerPoliciesOfListener", &input).await?;
        }
    }
    let instances = p.strings("Instances");
    if !instances.is_empty() {
        let input = RegisterInstances {
            load_balancer_name: name.clone(),
            instances: instances.into_iter().map(|instance_id| InstanceId { instance_id }).collect(),
        };
        cx.call(Peer::ClassicElb, "RegisterInstancesWithLoadBalancer", &input).await?;
    }
    let d = cx.call(Peer::ClassicElb, "DescribeLoadBalancers", &Names { load_balancer_names: [&name] }).await?;
    let lb = d.pointer("/LoadBalancerDescriptions/0").cloned().unwrap_or_default();
    let get = |k: &str| lb.get(k).cloned().unwrap_or(Value::Null);
    Ok(Created::id(name)
        .attr("DNSName", out.get("DNSName").cloned().unwrap_or_default())
        .attr("CanonicalHostedZoneName", get("CanonicalHostedZoneName"))
        .attr("CanonicalHostedZoneNameID", get("CanonicalHostedZoneNameID"))
        .attr(
            "SourceSecurityGroup.GroupName",
            lb.pointer("/SourceSecurityGroup/GroupName").cloned().unwrap_or_default(),
        )
        .attr(
            "SourceSecurityGroup.OwnerAlias",
            lb.pointer("/SourceSecurityGroup/OwnerAlias").cloned().unwrap_or_default(),
        ))
}

pub async fn delete(cx: &Cx, name: &str) -> Result<(), String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Delete<'a> {
        load_balancer_name: &'a str,
    }
    gone(cx.call(Peer::ClassicElb, "DeleteLoadBalancer", &Delete { load_balancer_name: name }).await)
}
