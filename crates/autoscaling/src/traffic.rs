//! A group's traffic sources: ELBv2 target groups (by ARN) and classic load balancers (by
//! name, written `classic:<name>` among the sources), registered with, deregistered from and
//! asked for health through their own APIs.

use serde_json::{json, Value};

use crate::error::Result;
use crate::ops::peer;
use crate::records::GroupRec;
use crate::{AutoScaling, Peer};

const CLASSIC: &str = "classic:";

impl GroupRec {
    /// Every traffic source of the group: its target groups, then its classic load balancers.
    pub(crate) fn traffic_sources(&self) -> Vec<String> {
        let mut out = self.target_groups.clone();
        out.extend(self.load_balancers.iter().map(|n| format!("{CLASSIC}{n}")));
        out
    }
}

fn instances(ids: &[String]) -> Value {
    Value::Array(ids.iter().map(|i| json!({"InstanceId": i})).collect())
}

fn targets(ids: &[String]) -> Value {
    Value::Array(ids.iter().map(|i| json!({"Id": i})).collect())
}

pub(crate) async fn register(asg: &AutoScaling, source: &str, ids: &[String]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    match source.strip_prefix(CLASSIC) {
        Some(name) => peer(
            asg,
            Peer::ClassicElb,
            "RegisterInstancesWithLoadBalancer",
            json!({"LoadBalancerName": name, "Instances": instances(ids)}),
        )
        .await
        .map(|_| ()),
        None => peer(asg, Peer::Elb, "RegisterTargets", json!({"TargetGroupArn": source, "Targets": targets(ids)}))
            .await
            .map(|_| ()),
    }
}

pub(crate) async fn deregister(asg: &AutoScaling, source: &str, ids: &[String]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    match source.strip_prefix(CLASSIC) {
        Some(name) => {
            // Only registered ones can be deregistered from a classic load balancer.
            let registered = health(asg, source).await?.into_iter().map(|(id, _)| id).collect::<Vec<_>>();
            let ids: Vec<String> = ids.iter().filter(|i| registered.contains(i)).cloned().collect();
            if ids.is_empty() {
                return Ok(());
            }
            peer(
                asg,
                Peer::ClassicElb,
                "DeregisterInstancesFromLoadBalancer",
                json!({"LoadBalancerName": name, "Instances": instances(&ids)}),
            )
            .await
            .map(|_| ())
        }
        None => peer(asg, Peer::Elb, "DeregisterTargets", json!({"TargetGroupArn": source, "Targets": targets(ids)}))
            .await
            .map(|_| ()),
    }
}

/// The registered instances of a source and their state, in ELBv2's words (`initial`,
/// `healthy`, `unhealthy`, `draining` …); a classic load balancer's InService is `healthy`,
/// OutOfService for the instance's own sake `unhealthy`, anything else `initial`.
pub(crate) async fn health(asg: &AutoScaling, source: &str) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    match source.strip_prefix(CLASSIC) {
        Some(name) => {
            let r = peer(asg, Peer::ClassicElb, "DescribeInstanceHealth", json!({"LoadBalancerName": name})).await?;
            for s in r.get("InstanceStates").and_then(Value::as_array).into_iter().flatten() {
                let id = s.get("InstanceId").and_then(Value::as_str).unwrap_or_default();
                let state = match (
                    s.get("State").and_then(Value::as_str).unwrap_or_default(),
                    s.get("ReasonCode").and_then(Value::as_str).unwrap_or_default(),
                ) {
                    ("InService", _) => "healthy",
                    ("OutOfService", "Instance") => "unhealthy",
                    _ => "initial",
                };
                out.push((id.to_string(), state.to_string()));
            }
        }
        None => {
            let r = peer(asg, Peer::Elb, "DescribeTargetHealth", json!({"TargetGroupArn": source})).await?;
            for d in r.get("TargetHealthDescriptions").and_then(Value::as_array).into_iter().flatten() {
                let id = d.get("Target").and_then(|t| t.get("Id")).and_then(Value::as_str).unwrap_or_default();
                let state =
                    d.get("TargetHealth").and_then(|h| h.get("State")).and_then(Value::as_str).unwrap_or_default();
                out.push((id.to_string(), state.to_string()));
            }
        }
    }
    Ok(out)
}

/// The classic load balancers named must exist (AWS's text when one does not).
pub(crate) async fn check_classic(asg: &AutoScaling, names: &[String]) -> Result<()> {
    if names.is_empty() {
        return Ok(());
    }
    peer(asg, Peer::ClassicElb, "DescribeLoadBalancers", json!({"LoadBalancerNames": names})).await.map_err(|_| {
        crate::error::AsgError::validation(
            "Provided Load Balancers may not be valid. Please ensure they exist and try again.",
        )
    })?;
    Ok(())
}
