//! A group's traffic sources: ELBv2 target groups (by ARN) and classic load balancers (by
//! name, written `classic:<name>` among the sources), registered with, deregistered from and
//! asked for health through their own APIs.

use api::elb::{
    DeregisterEndPointsInput, DescribeAccessPointsInput, DescribeEndPointStateInput, Instance, RegisterEndPointsInput,
};
use api::elbv2::{
    DeregisterTargetsInput, DescribeTargetHealthInput, RegisterTargetsInput, TargetDescription, TargetHealthStateEnum,
};

use crate::error::{AsgError, Result};
use crate::records::GroupRec;
use crate::AutoScaling;

const CLASSIC: &str = "classic:";

impl GroupRec {
    /// Every traffic source of the group: its target groups, then its classic load balancers.
    pub(crate) fn traffic_sources(&self) -> Vec<String> {
        let mut out = self.target_groups.clone();
        out.extend(self.load_balancers.iter().map(|n| format!("{CLASSIC}{n}")));
        out
    }
}

fn instances(ids: &[String]) -> Vec<Instance> {
    ids.iter().map(|i| Instance { instance_id: Some(i.clone()) }).collect()
}

fn targets(ids: &[String]) -> Vec<TargetDescription> {
    ids.iter().map(|i| TargetDescription { id: i.clone(), ..Default::default() }).collect()
}

pub(crate) async fn register(asg: &AutoScaling, source: &str, ids: &[String]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let peers = asg.peers.clients();
    match source.strip_prefix(CLASSIC) {
        Some(name) => peers
            .classic_elb
            .register_instances_with_load_balancer(RegisterEndPointsInput {
                load_balancer_name: name.to_string(),
                instances: instances(ids),
            })
            .await
            .map(|_| ()),
        None => peers
            .elb
            .register_targets(RegisterTargetsInput { target_group_arn: source.to_string(), targets: targets(ids) })
            .await
            .map(|_| ()),
    }
    .map_err(AsgError::Peer)
}

pub(crate) async fn deregister(asg: &AutoScaling, source: &str, ids: &[String]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let peers = asg.peers.clients();
    match source.strip_prefix(CLASSIC) {
        Some(name) => {
            // Only registered ones can be deregistered from a classic load balancer.
            let registered = health(asg, source).await?.into_iter().map(|(id, _)| id).collect::<Vec<_>>();
            let ids: Vec<String> = ids.iter().filter(|i| registered.contains(i)).cloned().collect();
            if ids.is_empty() {
                return Ok(());
            }
            peers
                .classic_elb
                .deregister_instances_from_load_balancer(DeregisterEndPointsInput {
                    load_balancer_name: name.to_string(),
                    instances: instances(&ids),
                })
                .await
                .map(|_| ())
        }
        None => peers
            .elb
            .deregister_targets(DeregisterTargetsInput { target_group_arn: source.to_string(), targets: targets(ids) })
            .await
            .map(|_| ()),
    }
    .map_err(AsgError::Peer)
}

/// The registered instances of a source and their state, in ELBv2's words (`initial`,
/// `healthy`, `unhealthy`, `draining` …); a classic load balancer's InService is `healthy`,
/// OutOfService for the instance's own sake `unhealthy`, anything else `initial`.
pub(crate) async fn health(asg: &AutoScaling, source: &str) -> Result<Vec<(String, TargetHealthStateEnum)>> {
    let peers = asg.peers.clients();
    let mut out = Vec::new();
    match source.strip_prefix(CLASSIC) {
        Some(name) => {
            let r = peers
                .classic_elb
                .describe_instance_health(DescribeEndPointStateInput {
                    load_balancer_name: name.to_string(),
                    instances: None,
                })
                .await
                .map_err(AsgError::Peer)?;
            for s in r.instance_states.unwrap_or_default() {
                let state = match (s.state.as_deref(), s.reason_code.as_deref()) {
                    (Some("InService"), _) => TargetHealthStateEnum::Healthy,
                    (Some("OutOfService"), Some("Instance")) => TargetHealthStateEnum::Unhealthy,
                    _ => TargetHealthStateEnum::Initial,
                };
                out.push((s.instance_id.unwrap_or_default(), state));
            }
        }
        None => {
            let r = peers
                .elb
                .describe_target_health(DescribeTargetHealthInput {
                    target_group_arn: source.to_string(),
                    ..Default::default()
                })
                .await
                .map_err(AsgError::Peer)?;
            for d in r.target_health_descriptions.unwrap_or_default() {
                let id = d.target.map(|t| t.id).unwrap_or_default();
                let state = d.target_health.and_then(|h| h.state).unwrap_or_default();
                out.push((id, state));
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
    asg.peers
        .clients()
        .classic_elb
        .describe_load_balancers(DescribeAccessPointsInput {
            load_balancer_names: Some(names.to_vec()),
            ..Default::default()
        })
        .await
        .map_err(|_| {
            AsgError::validation("Provided Load Balancers may not be valid. Please ensure they exist and try again.")
        })?;
    Ok(())
}
