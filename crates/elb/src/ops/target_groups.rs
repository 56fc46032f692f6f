//! Target groups: Create/Describe/Modify/Delete, Describe/ModifyTargetGroupAttributes.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Value};

use super::{attributes, check_name, input_tags, new_id, render_attributes, required, str_of, strings};
use crate::error::{ElbError, Result};
use crate::records::{kind, HealthCheckRec, ListenerRec, RuleRec, TargetGroupRec};
use crate::sync::{forward_groups, matcher, terminal};
use crate::Elb;

/// A target group's attributes as AWS creates them: a network load balancer's groups (TCP, TLS,
/// UDP, TCP_UDP) also have `proxy_protocol_v2.enabled` and `preserve_client_ip.enabled` (on by
/// default for UDP and TCP_UDP groups and for instance targets, as on AWS).
fn default_attributes(protocol: &str, target_type: &str) -> BTreeMap<String, String> {
    let mut out = base_attributes();
    if !matches!(protocol, "HTTP" | "HTTPS") {
        let preserve = matches!(protocol, "UDP" | "TCP_UDP") || target_type == "instance";
        for (k, v) in [
            ("proxy_protocol_v2.enabled", "false"),
            ("preserve_client_ip.enabled", if preserve { "true" } else { "false" }),
            ("deregistration_delay.connection_termination.enabled", "false"),
            ("target_health_state.unhealthy.connection_termination.enabled", "true"),
            ("stickiness.type", "source_ip"),
        ] {
            out.insert(k.to_string(), v.to_string());
        }
    }
    out
}

fn base_attributes() -> BTreeMap<String, String> {
    [
        ("deregistration_delay.timeout_seconds", "300"),
        ("stickiness.enabled", "false"),
        ("stickiness.type", "lb_cookie"),
        ("stickiness.lb_cookie.duration_seconds", "86400"),
        ("stickiness.app_cookie.cookie_name", ""),
        ("stickiness.app_cookie.duration_seconds", "86400"),
        ("load_balancing.algorithm.type", "round_robin"),
        ("load_balancing.cross_zone.enabled", "use_load_balancer_configuration"),
        ("slow_start.duration_seconds", "0"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

pub(crate) fn find(tx: &store::Tx, arn: &str) -> Result<TargetGroupRec> {
    tx.get(kind::TARGET_GROUP, arn)?
        .ok_or_else(|| ElbError::Client("TargetGroupNotFound", format!("Target groups '{arn}' not found")))
}

/// target group ARN → the load balancers whose listeners or rules forward to it.
pub(crate) fn associations(tx: &store::Tx) -> Result<HashMap<String, Vec<String>>> {
    let listeners: Vec<ListenerRec> = tx.list(kind::LISTENER, "")?.into_iter().map(|(_, v)| v).collect();
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let mut add = |tg: String, lb: &str| {
        let e = out.entry(tg).or_default();
        if !e.iter().any(|x| x == lb) {
            e.push(lb.to_string());
        }
    };
    for l in &listeners {
        for (tg, _) in terminal(&l.default_actions).map(forward_groups).unwrap_or_default() {
            add(tg, &l.load_balancer_arn);
        }
    }
    for (_, r) in tx.list::<RuleRec>(kind::RULE, "")? {
        if let Some(l) = listeners.iter().find(|l| l.arn == r.listener_arn) {
            for (tg, _) in terminal(&r.actions).map(forward_groups).unwrap_or_default() {
                add(tg, &l.load_balancer_arn);
            }
        }
    }
    Ok(out)
}

fn int(input: &Value, key: &str) -> Option<i64> {
    input.get(key).and_then(Value::as_i64)
}

/// Apply the health-check parameters of an input onto `h`, within AWS's ranges (intervals
/// from 1 s: a home region can afford checks more often than AWS's 5 s minimum).
fn health_settings(h: &mut HealthCheckRec, input: &Value) -> Result<()> {
    let range = |key: &str, v: i64, lo: i64, hi: i64| -> Result<()> {
        if !(lo..=hi).contains(&v) {
            return Err(ElbError::validation(format!("{key} must be between {lo} and {hi}")));
        }
        Ok(())
    };
    if let Some(e) = input.get("HealthCheckEnabled").and_then(Value::as_bool) {
        h.enabled = e;
    }
    if let Some(p) = str_of(input, "HealthCheckProtocol") {
        if matches!(p, "UDP" | "TCP_UDP" | "TLS" | "GENEVE") {
            // Refused by the API's own enum check on AWS, whatever the group's protocol.
            return Err(ElbError::validation(format!(
                "1 validation error detected: Value '{p}' at 'healthCheckProtocol' failed to satisfy constraint: \
                 Member must satisfy enum value set: [HTTPS, HTTP, TCP]"
            )));
        }
        if p != "HTTP" && p != "HTTPS" && p != "TCP" {
            return Err(ElbError::validation(format!(
                "Health check protocol '{p}' is not supported; use HTTP, HTTPS or TCP"
            )));
        }
        h.protocol = p.into();
    }
    if let Some(p) = str_of(input, "HealthCheckPort") {
        if p != "traffic-port" && !p.parse::<u16>().is_ok_and(|n| n > 0) {
            return Err(ElbError::validation("Health check port must be 'traffic-port' or between 1 and 65535"));
        }
        h.port = p.into();
    }
    if let Some(p) = str_of(input, "HealthCheckPath") {
        if !p.starts_with('/') || p.len() > 1024 {
            return Err(ElbError::validation(
                "Health check path must begin with a '/' character and be at most 1024 characters",
            ));
        }
        h.path = p.into();
    }
    if let Some(v) = int(input, "HealthCheckIntervalSeconds") {
        range("HealthCheckIntervalSeconds", v, 1, 300)?;
        h.interval = v;
    }
    if let Some(v) = int(input, "HealthCheckTimeoutSeconds") {
        range("HealthCheckTimeoutSeconds", v, 1, 120)?;
        h.timeout = v;
    }
    if let Some(v) = int(input, "HealthyThresholdCount") {
        range("HealthyThresholdCount", v, 2, 10)?;
        h.healthy = v;
    }
    if let Some(v) = int(input, "UnhealthyThresholdCount") {
        range("UnhealthyThresholdCount", v, 2, 10)?;
        h.unhealthy = v;
    }
    if let Some(code) = input.get("Matcher").and_then(|m| str_of(m, "HttpCode")) {
        match matcher(code) {
            Some(r) if r.iter().all(|(a, b)| (200..=499).contains(a) && (200..=499).contains(b) && a <= b) => {}
            _ => {
                return Err(ElbError::validation(format!(
                    "Matcher HttpCode '{code}' must be codes or ranges between 200 and 499"
                )))
            }
        }
        h.matcher = code.into();
    }
    if h.timeout > h.interval {
        return Err(ElbError::validation("Health check timeout must be smaller than or equal to the interval"));
    }
    Ok(())
}

pub fn create_target_group(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "Name")?;
    check_name(name, "Target group")?;
    let target_type = str_of(input, "TargetType").unwrap_or("instance");
    if target_type != "instance" && target_type != "ip" {
        return Err(ElbError::validation(format!("Target type '{target_type}' is not supported; use instance or ip")));
    }
    let protocol = required(input, "Protocol")?;
    if !["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP"].contains(&protocol) {
        return Err(ElbError::validation(format!(
            "Protocol '{protocol}' is not supported for target groups yet; use HTTP, HTTPS, TCP, TLS, UDP or TCP_UDP"
        )));
    }
    let layer4 = protocol != "HTTP" && protocol != "HTTPS";
    let port = int(input, "Port").ok_or_else(|| ElbError::validation("A port must be specified"))?;
    if !(1..=65535).contains(&port) {
        return Err(ElbError::validation("Port must be between 1 and 65535"));
    }
    let vpc = required(input, "VpcId")?;
    // A network load balancer's target group checks TCP by default (interval 30 s, timeout
    // 10 s, thresholds 5 and 2), as AWS's does.
    let mut health = HealthCheckRec {
        enabled: true,
        // An HTTPS group is checked over HTTPS, as AWS's default.
        protocol: if layer4 { "TCP" } else { protocol }.into(),
        port: "traffic-port".into(),
        path: "/".into(),
        interval: 30,
        timeout: if layer4 { 10 } else { 5 },
        healthy: 5,
        unhealthy: 2,
        matcher: "200".into(),
    };
    health_settings(&mut health, input)?;
    let tags = input_tags(input);
    let rec = elb.store.write(|tx| {
        if let Some((_, g)) =
            tx.list::<TargetGroupRec>(kind::TARGET_GROUP, "")?.into_iter().find(|(_, g)| g.name == name)
        {
            return Err(ElbError::Client(
                "DuplicateTargetGroupName",
                format!("A target group with the same name '{}' exists, but with different settings", g.name),
            ));
        }
        let rec = TargetGroupRec {
            arn: elb.arn(&format!("targetgroup/{name}/{}", new_id())),
            name: name.into(),
            protocol: protocol.into(),
            protocol_version: str_of(input, "ProtocolVersion").unwrap_or("HTTP1").into(),
            port: port as u16,
            vpc_id: vpc.into(),
            target_type: target_type.into(),
            health,
            attributes: default_attributes(protocol, target_type),
            targets: vec![],
            created: elb.now(),
        };
        tx.put(kind::TARGET_GROUP, &rec.arn, &rec)?;
        if !tags.is_empty() {
            tx.put(kind::TAGS, &rec.arn, &tags)?;
        }
        Ok(rec)
    })?;
    Ok(json!({"TargetGroups": [rec.render(vec![])]}))
}

pub fn describe_target_groups(elb: &Elb, input: &Value) -> Result<Value> {
    let arns = strings(input, "TargetGroupArns");
    let names = strings(input, "Names");
    let lb = str_of(input, "LoadBalancerArn");
    let (all, assoc) = elb.store.read(|tx| {
        if let Some(lb) = lb {
            crate::ops::load_balancers::find(tx, lb)?;
        }
        let all: Vec<TargetGroupRec> = tx.list(kind::TARGET_GROUP, "")?.into_iter().map(|(_, v)| v).collect();
        Ok::<_, ElbError>((all, associations(tx)?))
    })?;
    for a in &arns {
        if !all.iter().any(|g| &g.arn == a) {
            return Err(ElbError::Client("TargetGroupNotFound", format!("Target groups '{a}' not found")));
        }
    }
    for n in &names {
        if !all.iter().any(|g| &g.name == n) {
            return Err(ElbError::Client("TargetGroupNotFound", format!("One or more target groups not found: '{n}'")));
        }
    }
    let out: Vec<Value> = all
        .iter()
        .filter(|g| arns.is_empty() || arns.contains(&g.arn))
        .filter(|g| names.is_empty() || names.contains(&g.name))
        .filter(|g| lb.is_none_or(|lb| assoc.get(&g.arn).is_some_and(|l| l.iter().any(|x| x == lb))))
        .map(|g| g.render(assoc.get(&g.arn).cloned().unwrap_or_default()))
        .collect();
    Ok(json!({"TargetGroups": out}))
}

pub fn modify_target_group(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "TargetGroupArn")?;
    let (g, lbs) = elb.store.write(|tx| {
        let mut g = find(tx, arn)?;
        health_settings(&mut g.health, input)?;
        tx.put(kind::TARGET_GROUP, arn, &g)?;
        let lbs = associations(tx)?.remove(arn).unwrap_or_default();
        Ok::<_, ElbError>((g, lbs))
    })?;
    Ok(json!({"TargetGroups": [g.render(lbs)]}))
}

pub fn delete_target_group(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "TargetGroupArn")?;
    elb.store.write(|tx| {
        if !tx.exists(kind::TARGET_GROUP, arn)? {
            return Ok(());
        }
        if associations(tx)?.contains_key(arn) {
            return Err(ElbError::Client(
                "ResourceInUse",
                format!("Target group '{arn}' is currently in use by a listener or a rule"),
            ));
        }
        tx.delete(kind::TARGET_GROUP, arn)?;
        tx.delete(kind::TAGS, arn)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn describe_target_group_attributes(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "TargetGroupArn")?;
    let g = elb.store.read(|tx| find(tx, arn))?;
    Ok(json!({"Attributes": render_attributes(&g.attributes)}))
}

fn check_tg_attribute(g: &TargetGroupRec, key: &str, value: &str) -> Result<()> {
    let bad = || ElbError::validation(format!("The value of '{key}' is not valid: '{value}'"));
    let int_in = |lo: i64, hi: i64| -> Result<()> {
        match value.parse::<i64>() {
            Ok(n) if (lo..=hi).contains(&n) => Ok(()),
            _ => Err(bad()),
        }
    };
    match key {
        "deregistration_delay.timeout_seconds" => int_in(0, 3600),
        "stickiness.enabled"
        | "preserve_client_ip.enabled"
        | "deregistration_delay.connection_termination.enabled"
        | "target_health_state.unhealthy.connection_termination.enabled" => {
            ["true", "false"].contains(&value).then_some(()).ok_or_else(bad)?;
            if key == "preserve_client_ip.enabled"
                && value == "false"
                && matches!(g.protocol.as_str(), "UDP" | "TCP_UDP")
            {
                return Err(ElbError::Client(
                    "InvalidConfigurationRequest",
                    "Client IP preservation cannot be disabled for UDP and TCP_UDP target groups".into(),
                ));
            }
            Ok(())
        }
        "proxy_protocol_v2.enabled" => {
            ["true", "false"].contains(&value).then_some(()).ok_or_else(bad)?;
            if value == "true" && matches!(g.protocol.as_str(), "UDP" | "TCP_UDP") {
                return Err(ElbError::Client(
                    "InvalidConfigurationRequest",
                    format!("Proxy protocol v2 is not supported for target groups with the {} protocol", g.protocol),
                ));
            }
            Ok(())
        }
        // Cookies for an application load balancer's groups, the source address for a network one's.
        "stickiness.type" if matches!(g.protocol.as_str(), "HTTP" | "HTTPS") => {
            ["lb_cookie", "app_cookie"].contains(&value).then_some(()).ok_or_else(bad)
        }
        "stickiness.type" => (value == "source_ip").then_some(()).ok_or_else(bad),
        "stickiness.lb_cookie.duration_seconds" | "stickiness.app_cookie.duration_seconds" => int_in(1, 604800),
        "load_balancing.algorithm.type" => {
            ["round_robin", "least_outstanding_requests"].contains(&value).then_some(()).ok_or_else(bad)
        }
        "slow_start.duration_seconds" => {
            if value == "0" {
                Ok(())
            } else {
                int_in(30, 900)
            }
        }
        _ => Ok(()),
    }
}

pub fn modify_target_group_attributes(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "TargetGroupArn")?;
    let changes = attributes(input);
    let g = elb.store.write(|tx| {
        let mut g = find(tx, arn)?;
        for (k, v) in &changes {
            if !g.attributes.contains_key(k) && !default_attributes(&g.protocol, &g.target_type).contains_key(k) {
                return Err(ElbError::validation(format!("Target group attribute key '{k}' is not recognized")));
            }
            check_tg_attribute(&g, k, v)?;
            g.attributes.insert(k.clone(), v.clone());
        }
        tx.put(kind::TARGET_GROUP, arn, &g)?;
        Ok(g)
    })?;
    Ok(json!({"Attributes": render_attributes(&g.attributes)}))
}
