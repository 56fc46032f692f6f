//! AWS::ElasticLoadBalancingV2::{LoadBalancer, TargetGroup, Listener}.

use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use super::{gone, Created, Cx, Props, Tag};
use crate::Peer;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateLoadBalancer {
    name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subnets: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    security_groups: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme: Option<String>,
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip_address_type: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<Tag>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct LoadBalancerArns<'a> {
    load_balancer_arns: [&'a str; 1],
}

/// `arn:…:loadbalancer/app/name/id` → `app/name/id` (and likewise for target groups).
fn full_name(arn: &str, marker: &str) -> String {
    arn.split_once(marker).map(|(_, rest)| rest.to_string()).unwrap_or_default()
}

pub async fn create_load_balancer(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateLoadBalancer {
        name: p.str("Name").unwrap_or_else(|| cx.generated_name(32)),
        subnets: p.strings("Subnets"),
        security_groups: p.strings("SecurityGroups"),
        scheme: p.str("Scheme"),
        kind: p.str("Type"),
        ip_address_type: p.str("IpAddressType"),
        tags: cx.tags(p),
    };
    let out = cx.call(Peer::Elb, "CreateLoadBalancer", &input).await?;
    let lb = out.pointer("/LoadBalancers/0").cloned().ok_or("CreateLoadBalancer answered no load balancer")?;
    let arn = lb.get("LoadBalancerArn").and_then(Value::as_str).ok_or("no LoadBalancerArn")?.to_string();
    cx.exists(&arn);
    cx.wait_for("the load balancer to be active", Duration::from_secs(300), || async {
        let d = cx.call(Peer::Elb, "DescribeLoadBalancers", &LoadBalancerArns { load_balancer_arns: [&arn] }).await?;
        match d.pointer("/LoadBalancers/0/State/Code").and_then(Value::as_str) {
            Some("active") | None => Ok(Some(())),
            Some("failed") => Err(format!("Load balancer {arn} failed")),
            _ => Ok(None),
        }
    })
    .await?;
    let get = |k: &str| lb.get(k).cloned().unwrap_or(Value::Null);
    Ok(Created::id(arn.clone())
        .attr("LoadBalancerArn", arn.clone())
        .attr("DNSName", get("DNSName"))
        .attr("CanonicalHostedZoneID", get("CanonicalHostedZoneId"))
        .attr("LoadBalancerName", get("LoadBalancerName"))
        .attr("LoadBalancerFullName", full_name(&arn, ":loadbalancer/"))
        .attr("SecurityGroups", get("SecurityGroups")))
}

pub async fn delete_load_balancer(cx: &Cx, arn: &str) -> Result<(), String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct LoadBalancerArn<'a> {
        load_balancer_arn: &'a str,
    }
    gone(cx.call(Peer::Elb, "DeleteLoadBalancer", &LoadBalancerArn { load_balancer_arn: arn }).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateTargetGroup {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    protocol: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vpc_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    health_check_protocol: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    health_check_port: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    health_check_path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    health_check_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    health_check_interval_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    health_check_timeout_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    healthy_threshold_count: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unhealthy_threshold_count: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    matcher: Option<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<Tag>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Attribute {
    key: String,
    value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ModifyTargetGroupAttributes {
    target_group_arn: String,
    attributes: Vec<Attribute>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct TargetDescription {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    port: Option<i64>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RegisterTargets {
    target_group_arn: String,
    targets: Vec<TargetDescription>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct TargetGroupArn<'a> {
    target_group_arn: &'a str,
}

pub async fn create_target_group(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateTargetGroup {
        name: p.str("Name").unwrap_or_else(|| cx.generated_name(32)),
        protocol: p.str("Protocol"),
        port: p.int("Port")?,
        vpc_id: p.str("VpcId"),
        target_type: p.str("TargetType"),
        health_check_protocol: p.str("HealthCheckProtocol"),
        health_check_port: p.str("HealthCheckPort"),
        health_check_path: p.str("HealthCheckPath"),
        health_check_enabled: p.bool("HealthCheckEnabled")?,
        health_check_interval_seconds: p.int("HealthCheckIntervalSeconds")?,
        health_check_timeout_seconds: p.int("HealthCheckTimeoutSeconds")?,
        healthy_threshold_count: p.int("HealthyThresholdCount")?,
        unhealthy_threshold_count: p.int("UnhealthyThresholdCount")?,
        matcher: p.get("Matcher").cloned(),
        tags: cx.tags(p),
    };
    let out = cx.call(Peer::Elb, "CreateTargetGroup", &input).await?;
    let arn = out
        .pointer("/TargetGroups/0/TargetGroupArn")
        .and_then(Value::as_str)
        .ok_or("CreateTargetGroup answered no TargetGroupArn")?
        .to_string();
    let rest = async {
        let attributes: Vec<Attribute> = p
            .objects("TargetGroupAttributes")
            .into_iter()
            .filter_map(|a| Some(Attribute { key: a.str("Key")?, value: a.str("Value").unwrap_or_default() }))
            .collect();
        if !attributes.is_empty() {
            let m = ModifyTargetGroupAttributes { target_group_arn: arn.clone(), attributes };
            cx.call(Peer::Elb, "ModifyTargetGroupAttributes", &m).await?;
        }
        let targets: Vec<TargetDescription> = p
            .objects("Targets")
            .into_iter()
            .map(|t| Ok(TargetDescription { id: t.req("Id")?, port: t.int("Port")? }))
            .collect::<Result<_, String>>()?;
        if !targets.is_empty() {
            cx.call(Peer::Elb, "RegisterTargets", &RegisterTargets { target_group_arn: arn.clone(), targets }).await?;
        }
        Ok::<(), String>(())
    };
    if let Err(e) = rest.await {
        let _ = delete_target_group(cx, &arn).await;
        return Err(e);
    }
    Ok(Created::id(arn.clone())
        .attr("TargetGroupArn", arn.clone())
        .attr("TargetGroupName", input.name)
        .attr("TargetGroupFullName", format!("targetgroup/{}", full_name(&arn, ":targetgroup/")))
        .attr("LoadBalancerArns", Value::Array(vec![])))
}

pub async fn delete_target_group(cx: &Cx, arn: &str) -> Result<(), String> {
    gone(cx.call(Peer::Elb, "DeleteTargetGroup", &TargetGroupArn { target_group_arn: arn }).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateListener {
    load_balancer_arn: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    protocol: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port: Option<i64>,
    default_actions: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    certificates: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ssl_policy: Option<String>,
}

/// CloudFormation spells some action members as numbers-in-strings; ELB wants integers.
fn actions(v: Option<&Value>) -> Value {
    let mut v = v.cloned().unwrap_or(Value::Array(vec![]));
    if let Value::Array(list) = &mut v {
        for a in list {
            if let Some(Value::String(o)) = a.get("Order") {
                if let Ok(n) = o.parse::<i64>() {
                    a["Order"] = Value::from(n);
                }
            }
        }
    }
    v
}

pub async fn create_listener(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateListener {
        load_balancer_arn: p.req("LoadBalancerArn")?,
        protocol: p.str("Protocol"),
        port: p.int("Port")?,
        default_actions: actions(p.get("DefaultActions")),
        certificates: p.get("Certificates").cloned(),
        ssl_policy: p.str("SslPolicy"),
    };
    let out = cx.call(Peer::Elb, "CreateListener", &input).await?;
    let arn = out
        .pointer("/Listeners/0/ListenerArn")
        .and_then(Value::as_str)
        .ok_or("CreateListener answered no ListenerArn")?
        .to_string();
    // ListenerAttributes (an NLB TCP listener's `tcp.idle_timeout.seconds` …).
    let attributes: Vec<Attribute> = p
        .objects("ListenerAttributes")
        .into_iter()
        .filter_map(|a| Some(Attribute { key: a.str("Key")?, value: a.str("Value").unwrap_or_default() }))
        .collect();
    if !attributes.is_empty() {
        #[derive(Serialize)]
        #[serde(rename_all = "PascalCase")]
        struct ModifyListenerAttributes {
            listener_arn: String,
            attributes: Vec<Attribute>,
        }
        let m = ModifyListenerAttributes { listener_arn: arn.clone(), attributes };
        if let Err(e) = cx.call(Peer::Elb, "ModifyListenerAttributes", &m).await {
            let _ = delete_listener(cx, &arn).await;
            return Err(e);
        }
    }
    Ok(Created::id(arn.clone()).attr("ListenerArn", arn))
}

pub async fn delete_listener(cx: &Cx, arn: &str) -> Result<(), String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct ListenerArn<'a> {
        listener_arn: &'a str,
    }
    gone(cx.call(Peer::Elb, "DeleteListener", &ListenerArn { listener_arn: arn }).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateRule {
    listener_arn: String,
    priority: i64,
    conditions: Value,
    actions: Value,
}

pub async fn create_listener_rule(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateRule {
        listener_arn: p.req("ListenerArn")?,
        priority: p.int("Priority")?.ok_or("Property Priority cannot be empty.")?,
        conditions: p.get("Conditions").cloned().unwrap_or(Value::Array(vec![])),
        actions: actions(p.get("Actions")),
    };
    let out = cx.call(Peer::Elb, "CreateRule", &input).await?;
    let arn =
        out.pointer("/Rules/0/RuleArn").and_then(Value::as_str).ok_or("CreateRule answered no RuleArn")?.to_string();
    Ok(Created::id(arn.clone()).attr("RuleArn", arn).attr("IsDefault", false))
}

pub async fn delete_listener_rule(cx: &Cx, arn: &str) -> Result<(), String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct RuleArn<'a> {
        rule_arn: &'a str,
    }
    gone(cx.call(Peer::Elb, "DeleteRule", &RuleArn { rule_arn: arn }).await)
}
