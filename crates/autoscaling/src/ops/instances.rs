//! The instances of groups: describe, health, protection, terminate, attach and detach,
//! standby.

use api::ec2::{CreateTagsRequest, DescribeInstancesRequest, InstanceStateName, Tag};
use serde_json::{json, Value};

use super::{at, bool_of, ec2, load_group, page, put_activity, required, strings};
use crate::controller::{begin_leaving, new_activity};
use crate::error::{AsgError, Result};
use crate::records::{kind, GroupRec, Lifecycle, MemberRec};
use crate::AutoScaling;

fn instance_not_found(id: &str) -> AsgError {
    AsgError::validation(format!("Instance Id not found - No managed instance found for instance ID: {id}"))
}

/// The group holding an instance, and the member's index.
fn find(tx: &store::Tx, id: &str) -> Result<(GroupRec, usize)> {
    for (_, g) in tx.list::<GroupRec>(kind::GROUP, "")? {
        if let Some(i) = g.members.iter().position(|m| m.instance_id == id) {
            return Ok((g, i));
        }
    }
    Err(instance_not_found(id))
}

pub(crate) fn describe(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let ids = strings(input, "InstanceIds");
    let groups = asg.read(|tx| Ok(tx.list::<GroupRec>(kind::GROUP, "")?))?;
    let mut items = Vec::new();
    for (_, g) in groups {
        for m in &g.members {
            if ids.is_empty() || ids.contains(&m.instance_id) {
                items.push(m.render(Some(&g.name)));
            }
        }
    }
    page(items, input, "AutoScalingInstances", 50)
}

pub(crate) fn set_health(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let id = required(input, "InstanceId")?;
    let status = required(input, "HealthStatus")?;
    let healthy = match status {
        "Healthy" => true,
        "Unhealthy" => false,
        other => {
            return Err(AsgError::validation(format!(
                "Valid values for HealthStatus are Healthy and Unhealthy, not {other}"
            )))
        }
    };
    let respect_grace = bool_of(input, "ShouldRespectGracePeriod").unwrap_or(true);
    let now = asg.now();
    asg.write(|tx| {
        let (mut g, i) = find(tx, id)?;
        let grace = g.grace as f64;
        let m = &mut g.members[i];
        if !healthy && respect_grace && now < m.launched_at + grace {
            // Within the grace period, AWS ignores the report.
            return Ok(());
        }
        m.healthy = healthy;
        if !healthy && m.leave_cause.is_none() {
            m.leave_cause =
                Some(format!("{} an instance was taken out of service in response to a user health-check.", at(now)));
        }
        tx.put(kind::GROUP, &g.name, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub(crate) fn set_protection(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let ids = strings(input, "InstanceIds");
    let protect = bool_of(input, "ProtectedFromScaleIn")
        .ok_or_else(|| AsgError::validation("ProtectedFromScaleIn is required"))?;
    asg.write(|tx| {
        let mut g = load_group(tx, name)?;
        for id in &ids {
            let m = g.members.iter_mut().find(|m| &m.instance_id == id).ok_or_else(|| {
                AsgError::validation(format!("The instance {id} is not part of Auto Scaling group {name}."))
            })?;
            m.protected = protect;
        }
        tx.put(kind::GROUP, name, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}

fn decrement(g: &mut GroupRec, by: i64, now: f64, what: &str) -> Result<()> {
    if g.desired - by < g.min {
        return Err(AsgError::validation(format!(
            "Currently, desiredSize equals minSize ({}). {what} without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.",
            g.min
        )));
    }
    g.desired -= by;
    g.last_scaling = now;
    Ok(())
}

pub(crate) fn terminate(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let id = required(input, "InstanceId")?;
    let dec = bool_of(input, "ShouldDecrementDesiredCapacity")
        .ok_or_else(|| AsgError::validation("ShouldDecrementDesiredCapacity is required"))?;
    let now = asg.now();
    let act = asg.write(|tx| {
        let (mut g, i) = find(tx, id)?;
        if !g.members[i].lifecycle.counts() && g.members[i].lifecycle != Lifecycle::Standby {
            return Err(AsgError::Client(
                "ScalingActivityInProgress",
                format!("The instance {id} is already leaving the group."),
            ));
        }
        let before = g.desired;
        let cause = if dec {
            decrement(&mut g, 1, now, "Terminating instance")?;
            format!(
                "{} instance {id} was taken out of service in response to a user request, shrinking the capacity from {before} to {}.",
                at(now),
                g.desired
            )
        } else {
            format!("{} instance {id} was taken out of service in response to a user request.", at(now))
        };
        let act = begin_leaving(&mut g, i, Lifecycle::Terminating, cause, now);
        put_activity(tx, &act)?;
        tx.put(kind::GROUP, &g.name, &g)?;
        Ok(act)
    })?;
    Ok(json!({"Activity": act.render()}))
}

pub(crate) async fn attach(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let ids = strings(input, "InstanceIds");
    let g = asg.read(|tx| load_group(tx, name))?;
    if g.desired + ids.len() as i64 > g.max {
        return Err(AsgError::validation(format!(
            "Attaching {} instance(s) would exceed the group's max size of {} (desired capacity {}).",
            ids.len(),
            g.max,
            g.desired
        )));
    }
    let mut found = Vec::new();
    if !ids.is_empty() {
        let out = ec2(asg)
            .describe_instances(DescribeInstancesRequest { instance_ids: Some(ids.clone()), ..Default::default() })
            .await
            .map_err(|e| AsgError::validation(format!("Invalid instance(s): {}", e.message)))?;
        for i in out.reservations.into_iter().flatten().flat_map(|r| r.instances.into_iter().flatten()) {
            let state = i.state.as_ref().and_then(|s| s.name.clone()).unwrap_or_default();
            let id = i.instance_id.as_deref().unwrap_or_default();
            if state != InstanceStateName::Running {
                return Err(AsgError::validation(format!(
                    "Instance {id} is not in correct state (it is {state}); only running instances can be attached."
                )));
            }
            let zone = i.placement.as_ref().and_then(|p| p.availability_zone.as_deref()).unwrap_or_default();
            if !g.zones.iter().any(|z| z == zone) {
                return Err(AsgError::validation(format!(
                    "Instance {id} is in {zone}, which is not one of the group's Availability Zones."
                )));
            }
            found.push(i);
        }
    }
    let now = asg.now();
    asg.write(|tx| {
        let mut g = load_group(tx, name)?;
        for (_, other) in tx.list::<GroupRec>(kind::GROUP, "")? {
            if let Some(m) = other.members.iter().find(|m| ids.contains(&m.instance_id)) {
                return Err(AsgError::validation(format!(
                    "The instance {} is already part of the Auto Scaling group {}.",
                    m.instance_id, other.name
                )));
            }
        }
        let before = g.desired;
        for i in &found {
            let id = i.instance_id.clone().unwrap_or_default();
            let mut act = new_activity(
                &g,
                format!("Attaching an existing EC2 instance: {id}"),
                format!(
                    "{} an instance was added in response to user request. Keeping the capacity at the new {}.",
                    at(now),
                    before + found.len() as i64
                ),
                now,
            );
            act.status = "Successful".into();
            act.progress = 100;
            act.end = Some(now);
            put_activity(tx, &act)?;
            g.members.push(MemberRec {
                instance_id: id,
                zone: i.placement.as_ref().and_then(|p| p.availability_zone.clone()).unwrap_or_default(),
                instance_type: i.instance_type.as_ref().map(|t| t.to_string()).unwrap_or_default(),
                image_id: i.image_id.clone().unwrap_or_default(),
                template: None,
                launch_configuration: None,
                lifecycle: Lifecycle::InService,
                healthy: true,
                protected: g.new_instances_protected,
                launched_at: now,
                in_service_at: Some(now),
                registered: false,
                activity: None,
                leave_cause: None,
                draining_since: None,
                terminate_sent: false,
                wait_until: None,
                hook_token: None,
                refresh_replace: false,
            });
        }
        g.desired += found.len() as i64;
        tx.put(kind::GROUP, name, &g)?;
        Ok(())
    })?;
    // The instances carry the group's name, as those it launches do (CPU metrics per group).
    let ids: Vec<String> = found.into_iter().filter_map(|i| i.instance_id).collect();
    if !ids.is_empty() {
        let tag = Tag { key: Some("aws:autoscaling:groupName".into()), value: Some(name.to_string()) };
        let _ = ec2(asg).create_tags(CreateTagsRequest { resources: ids, tags: vec![tag], ..Default::default() }).await;
    }
    Ok(json!({}))
}

/// Detach, or move to standby: the member leaves service (its load balancers drain it).
fn leave(asg: &AutoScaling, input: &Value, to: Lifecycle) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let ids = strings(input, "InstanceIds");
    let dec = bool_of(input, "ShouldDecrementDesiredCapacity")
        .ok_or_else(|| AsgError::validation("ShouldDecrementDesiredCapacity is required"))?;
    let now = asg.now();
    let acts = asg.write(|tx| {
        let mut g = load_group(tx, name)?;
        let before = g.desired;
        if dec {
            decrement(&mut g, ids.len() as i64, now, "Detaching instance")?;
        }
        let mut acts = Vec::new();
        for id in &ids {
            let i = g.members.iter().position(|m| &m.instance_id == id).ok_or_else(|| {
                AsgError::validation(format!("The instance {id} is not part of Auto Scaling group {name}."))
            })?;
            if g.members[i].lifecycle != Lifecycle::InService {
                return Err(AsgError::validation(format!(
                    "The instance {id} is not in InService (it is {}).",
                    g.members[i].lifecycle.as_str()
                )));
            }
            let change =
                if dec { format!(", shrinking the capacity from {before} to {}", g.desired) } else { String::new() };
            let (verb, why) = match to {
                Lifecycle::Standby => (
                    format!("Moving EC2 instance to Standby: {id}"),
                    format!("{} an instance was moved to standby in response to a user request{change}.", at(now)),
                ),
                _ => (
                    format!("Detaching EC2 instance: {id}"),
                    format!("{} an instance was detached in response to a user request{change}.", at(now)),
                ),
            };
            let mut act = begin_leaving(&mut g, i, to, why, now);
            act.description = verb;
            put_activity(tx, &act)?;
            acts.push(act.render());
        }
        tx.put(kind::GROUP, name, &g)?;
        Ok(acts)
    })?;
    Ok(json!({"Activities": acts}))
}

pub(crate) fn detach(asg: &AutoScaling, input: &Value) -> Result<Value> {
    leave(asg, input, Lifecycle::Detaching)
}

pub(crate) fn enter_standby(asg: &AutoScaling, input: &Value) -> Result<Value> {
    leave(asg, input, Lifecycle::Standby)
}

pub(crate) fn exit_standby(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let ids = strings(input, "InstanceIds");
    let now = asg.now();
    let acts = asg.write(|tx| {
        let mut g = load_group(tx, name)?;
        if g.desired + ids.len() as i64 > g.max {
            return Err(AsgError::validation(format!(
                "Exiting standby would raise the desired capacity above the group's max size of {}.",
                g.max
            )));
        }
        let before = g.desired;
        let mut acts = Vec::new();
        for id in &ids {
            let m = g.members.iter_mut().find(|m| &m.instance_id == id).ok_or_else(|| {
                AsgError::validation(format!("The instance {id} is not part of Auto Scaling group {name}."))
            })?;
            if m.lifecycle != Lifecycle::Standby {
                return Err(AsgError::validation(format!("The instance {id} is not in Standby.")));
            }
            m.lifecycle = Lifecycle::Pending;
            m.registered = false;
            m.in_service_at = None;
        }
        g.desired += ids.len() as i64;
        for id in &ids {
            let mut act = new_activity(
                &g,
                format!("Moving EC2 instance out of Standby: {id}"),
                format!(
                    "{} an instance was moved out of standby in response to a user request, increasing the capacity from {before} to {}.",
                    at(now),
                    g.desired
                ),
                now,
            );
            act.status = "PreInService".into();
            if let Some(m) = g.members.iter_mut().find(|m| &m.instance_id == id) {
                m.activity = Some(act.id.clone());
            }
            put_activity(tx, &act)?;
            acts.push(act.render());
        }
        tx.put(kind::GROUP, name, &g)?;
        Ok(acts)
    })?;
    Ok(json!({"Activities": acts}))
}
