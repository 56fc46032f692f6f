//! ELBv2's operations, one file per family, and what they share.

mod account;
mod listeners;
mod load_balancers;
mod rules;
mod tags;
pub(crate) mod target_groups;
mod targets;

use serde_json::Value;
use wire::ApiError;

use crate::error::{ElbError, Result};
use crate::Elb;

pub(crate) fn dispatch(elb: &Elb, op: &str, input: &Value) -> std::result::Result<Value, ApiError> {
    let r = match op {
        "CreateLoadBalancer" => load_balancers::create_load_balancer(elb, input),
        "DescribeLoadBalancers" => load_balancers::describe_load_balancers(elb, input),
        "DeleteLoadBalancer" => load_balancers::delete_load_balancer(elb, input),
        "DescribeLoadBalancerAttributes" => load_balancers::describe_load_balancer_attributes(elb, input),
        "ModifyLoadBalancerAttributes" => load_balancers::modify_load_balancer_attributes(elb, input),
        "CreateTargetGroup" => target_groups::create_target_group(elb, input),
        "DescribeTargetGroups" => target_groups::describe_target_groups(elb, input),
        "ModifyTargetGroup" => target_groups::modify_target_group(elb, input),
        "DeleteTargetGroup" => target_groups::delete_target_group(elb, input),
        "DescribeTargetGroupAttributes" => target_groups::describe_target_group_attributes(elb, input),
        "ModifyTargetGroupAttributes" => target_groups::modify_target_group_attributes(elb, input),
        "RegisterTargets" => targets::register_targets(elb, input),
        "DeregisterTargets" => targets::deregister_targets(elb, input),
        "DescribeTargetHealth" => targets::describe_target_health(elb, input),
        "CreateListener" => listeners::create_listener(elb, input),
        "DescribeListeners" => listeners::describe_listeners(elb, input),
        "ModifyListener" => listeners::modify_listener(elb, input),
        "DeleteListener" => listeners::delete_listener(elb, input),
        "DescribeListenerAttributes" => listeners::describe_listener_attributes(elb, input),
        "ModifyListenerAttributes" => listeners::modify_listener_attributes(elb, input),
        "CreateRule" => rules::create_rule(elb, input),
        "DescribeRules" => rules::describe_rules(elb, input),
        "ModifyRule" => rules::modify_rule(elb, input),
        "DeleteRule" => rules::delete_rule(elb, input),
        "SetRulePriorities" => rules::set_rule_priorities(elb, input),
        "AddTags" => tags::add_tags(elb, input),
        "RemoveTags" => tags::remove_tags(elb, input),
        "DescribeTags" => tags::describe_tags(elb, input),
        "DescribeAccountLimits" => account::describe_account_limits(),
        "DescribeSSLPolicies" => account::describe_ssl_policies(input),
        _ => {
            return Err(ApiError::new(
                400,
                "InvalidAction",
                format!("The action {op} is not valid for this web service."),
            ))
        }
    };
    r.map_err(ApiError::from)
}

/// Whether an operation changes what the proxy serves.
pub(crate) fn mutates(op: &str) -> bool {
    !op.starts_with("Describe")
}

pub(crate) fn str_of<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

pub(crate) fn strings(v: &Value, k: &str) -> Vec<String> {
    v.get(k)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
        .unwrap_or_default()
}

pub(crate) fn required<'a>(v: &'a Value, k: &str) -> Result<&'a str> {
    str_of(v, k).ok_or_else(|| ElbError::validation(format!("{k} must be specified")))
}

/// Isolated networks: an internal load balancer's node address in its VPC (made now; the
/// data plane's sync keeps it while the load balancer lives). None on loopback networks.
pub(crate) fn internal_address(
    elb: &Elb,
    owner: &str,
    vpc_id: &str,
    subnets: &[String],
    groups: &[String],
) -> Option<String> {
    elb.directory.vpc_access(owner, vpc_id, subnets, groups).map(|a| a.source.to_string())
}

/// The first free address of 127.255.0.0/16, for a new load balancer of either API.
pub(crate) fn allocate_address(tx: &store::Tx) -> Result<String> {
    let mut used: std::collections::HashSet<String> = tx
        .list::<crate::records::LoadBalancerRec>(crate::records::kind::LOAD_BALANCER, "")?
        .into_iter()
        .map(|(_, lb)| lb.address)
        .collect();
    used.extend(tx.list::<crate::classic::ClassicRec>(crate::classic::KIND, "")?.into_iter().map(|(_, lb)| lb.address));
    for n in 1u32..65535 {
        let a = format!("127.255.{}.{}", n >> 8, n & 0xff);
        // Not this region's, and not serving port 80 for anyone else either (another region on
        // this host hands out the same range).
        let taken_elsewhere = matches!(
            std::net::TcpListener::bind((a.as_str(), 80)),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse
        );
        if n & 0xff != 0 && n & 0xff != 255 && !used.contains(&a) && !taken_elsewhere {
            return Ok(a);
        }
    }
    Err(ElbError::Client("TooManyLoadBalancers", "The quota for the number of load balancers has been reached".into()))
}

/// 16 hex digits, as in ELBv2 ARNs.
pub(crate) fn new_id() -> String {
    format!("{:016x}", rand::random::<u64>())
}

/// ELB names: 1–32 alphanumerics and hyphens, not starting or ending with a hyphen.
pub(crate) fn check_name(name: &str, what: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 32
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if !ok {
        return Err(ElbError::validation(format!(
            "{what} name '{name}' can have a maximum of 32 characters, can contain only alphanumeric characters and hyphens, and cannot begin or end with a hyphen"
        )));
    }
    Ok(())
}

/// `Attributes: [{Key, Value}]` into pairs.
pub(crate) fn attributes(input: &Value) -> Vec<(String, String)> {
    input
        .get("Attributes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| Some((str_of(a, "Key")?.to_string(), str_of(a, "Value").unwrap_or_default().to_string())))
        .collect()
}

pub(crate) fn render_attributes(attrs: &std::collections::BTreeMap<String, String>) -> Value {
    Value::Array(attrs.iter().map(|(k, v)| serde_json::json!({"Key": k, "Value": v})).collect())
}

/// Tags in an input (`Tags: [{Key, Value}]`).
pub(crate) fn input_tags(input: &Value) -> Vec<(String, String)> {
    input
        .get("Tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| Some((str_of(t, "Key")?.to_string(), str_of(t, "Value").unwrap_or_default().to_string())))
        .collect()
}

/// The last second's AWS/ApplicationELB datapoints, from the proxy's counters: per load
/// balancer (RequestCount, HTTPCode_Target_*XX_Count, HTTPCode_ELB_*XX_Count,
/// TargetResponseTime) and per target group with its load balancer (RequestCount,
/// RequestCountPerTarget, HealthyHostCount, UnHealthyHostCount, TargetResponseTime).
pub(crate) fn metrics(elb: &Elb) -> Vec<crate::ElbMetric> {
    let proxy::TakenCounts { groups, lb: lbs } = elb.proxy.take_counts();
    let (assoc, balancers, totals, classics) = match elb.store.read(|tx| {
        let assoc = target_groups::associations(tx)?;
        let lbs: Vec<crate::records::LoadBalancerRec> =
            tx.list(crate::records::kind::LOAD_BALANCER, "")?.into_iter().map(|(_, v)| v).collect();
        let tgs: Vec<crate::records::TargetGroupRec> =
            tx.list(crate::records::kind::TARGET_GROUP, "")?.into_iter().map(|(_, v)| v).collect();
        let totals: std::collections::HashMap<String, usize> = tgs
            .iter()
            .map(|g| (g.arn.clone(), g.targets.iter().filter(|t| t.deregistered_at.is_none()).count()))
            .collect();
        let classics: Vec<crate::classic::ClassicRec> =
            tx.list(crate::classic::KIND, "")?.into_iter().map(|(_, v)| v).collect();
        Ok::<_, ElbError>((assoc, lbs, totals, classics))
    }) {
        Ok(x) => x,
        Err(e) => {
            tracing::warn!(error = %e, "elb: metrics not read");
            return vec![];
        }
    };
    // AWS's dimension values: `app/<name>/<id>` for a load balancer, `targetgroup/<name>/<id>`.
    let dim = |arn: &str, marker: &str| {
        arn.split_once(marker)
            .map(|(_, r)| if marker == ":targetgroup/" { format!("targetgroup/{r}") } else { r.to_string() })
    };
    let mut out = Vec::new();
    let mut network = Vec::new();
    let mut push = |name: &'static str, dimensions: Vec<(String, String)>, value: f64, unit: &'static str| {
        out.push(crate::ElbMetric { namespace: "AWS/ApplicationELB", name, dimensions, value, unit });
    };
    let mut net = |name: &'static str, dimensions: Vec<(String, String)>, value: f64| {
        network.push(crate::ElbMetric { namespace: "AWS/NetworkELB", name, dimensions, value, unit: "Count" });
    };
    let mut classic = Vec::new();
    // AWS/NetworkELB byte counts (their unit is Bytes).
    let mut processed = Vec::new();
    for (ip, c) in lbs {
        if let Some(rec) = classics.iter().find(|b| b.address == ip.to_string()) {
            classic.extend(crate::classic::metrics(rec, &c));
            continue;
        }
        let Some(lb) = balancers.iter().find(|b| b.address == ip.to_string()) else { continue };
        if lb.lb_type == "network" {
            // A network load balancer counts flows: each relayed connection is one.
            if let Some(lbd) = dim(&lb.arn, ":loadbalancer/") {
                let d = vec![("LoadBalancer".to_string(), lbd)];
                net("NewFlowCount", d.clone(), c.requests as f64);
                net("NewFlowCount_TCP", d.clone(), c.tcp_new_flows as f64);
                net("NewFlowCount_UDP", d.clone(), c.udp_new_flows as f64);
                net("ActiveFlowCount", d.clone(), (c.tcp_active + c.udp_active) as f64);
                net("ActiveFlowCount_TCP", d.clone(), c.tcp_active as f64);
                net("ActiveFlowCount_UDP", d.clone(), c.udp_active as f64);
                for (name, bytes) in [
                    ("ProcessedBytes", c.tcp_bytes + c.udp_bytes),
                    ("ProcessedBytes_TCP", c.tcp_bytes),
                    ("ProcessedBytes_UDP", c.udp_bytes),
                ] {
                    let (namespace, dimensions, value) = ("AWS/NetworkELB", d.clone(), bytes as f64);
                    processed.push(crate::ElbMetric { namespace, name, dimensions, value, unit: "Bytes" });
                }
            }
            continue;
        }
        let Some(lbd) = dim(&lb.arn, ":loadbalancer/") else { continue };
        let d = vec![("LoadBalancer".to_string(), lbd)];
        push("RequestCount", d.clone(), c.requests as f64, "Count");
        for (name, v) in [
            ("HTTPCode_Target_2XX_Count", c.target_2xx),
            ("HTTPCode_Target_3XX_Count", c.target_3xx),
            ("HTTPCode_Target_4XX_Count", c.target_4xx),
            ("HTTPCode_Target_5XX_Count", c.target_5xx),
            ("HTTPCode_ELB_4XX_Count", c.elb_4xx),
            ("HTTPCode_ELB_5XX_Count", c.elb_5xx),
        ] {
            if v > 0 {
                push(name, d.clone(), v as f64, "Count");
            }
        }
        if c.responses > 0 {
            push("TargetResponseTime", d, c.response_time_sum / c.responses as f64, "Seconds");
        }
    }
    for (arn, c, healthy) in groups {
        if let Some(rec) = classics.iter().find(|r| r.listeners.first().is_some_and(|l| r.group_arn(l.lb_port) == arn))
        {
            let registered = rec.instances.iter().filter(|i| i.draining_until.is_none()).count();
            classic.extend(crate::classic::host_metrics(rec, healthy, registered));
            continue;
        }
        let Some(tgd) = dim(&arn, ":targetgroup/") else { continue };
        let registered = totals.get(&arn).copied().unwrap_or(0);
        for lb_arn in assoc.get(&arn).into_iter().flatten() {
            let Some(lbd) = dim(lb_arn, ":loadbalancer/") else { continue };
            if lbd.starts_with("net/") {
                let d = vec![("TargetGroup".to_string(), tgd.clone()), ("LoadBalancer".to_string(), lbd)];
                net("HealthyHostCount", d.clone(), healthy as f64);
                net("UnHealthyHostCount", d, registered.saturating_sub(healthy) as f64);
                continue;
            }
            let d = vec![("TargetGroup".to_string(), tgd.clone()), ("LoadBalancer".to_string(), lbd)];
            push("RequestCount", d.clone(), c.requests as f64, "Count");
            push("HealthyHostCount", d.clone(), healthy as f64, "Count");
            push("UnHealthyHostCount", d.clone(), registered.saturating_sub(healthy) as f64, "Count");
            if c.responses > 0 {
                push("TargetResponseTime", d, c.response_time_sum / c.responses as f64, "Seconds");
            }
        }
        if assoc.get(&arn).is_some_and(|lbs| lbs.iter().any(|a| a.contains(":loadbalancer/net/"))) {
            continue;
        }
        // Per target: requests over the healthy targets (all registered ones if none is healthy).
        let per = c.requests as f64 / healthy.max(1) as f64;
        push("RequestCountPerTarget", vec![("TargetGroup".to_string(), tgd.clone())], per, "Count");
        push("RequestCount", vec![("TargetGroup".to_string(), tgd)], c.requests as f64, "Count");
    }
    out.extend(classic);
    out.extend(network);
    out.extend(processed);
    out
}
