//! Lifecycle hooks: instances wait in Pending:Wait / Terminating:Wait until the action is
//! completed (or its heartbeat times out and the default result applies).

use serde_json::{json, Value};

use super::{int_of, load_group, required, str_of, strings};
use crate::error::{AsgError, Result};
use crate::records::{kind, GroupRec, HookRec, Lifecycle};
use crate::AutoScaling;

const TRANSITIONS: [&str; 2] = ["autoscaling:EC2_INSTANCE_LAUNCHING", "autoscaling:EC2_INSTANCE_TERMINATING"];

/// Record one hook (PutLifecycleHook, or a group's LifecycleHookSpecificationList).
pub(crate) fn put_in(tx: &store::Tx, group: &str, v: &Value) -> Result<()> {
    let name = required(v, "LifecycleHookName")?;
    let key = format!("{group}/{name}");
    let old = tx.get::<HookRec>(kind::HOOK, &key)?;
    let transition = match (str_of(v, "LifecycleTransition"), &old) {
        (Some(t), _) => t.to_string(),
        (None, Some(o)) => o.transition.clone(),
        (None, None) => return Err(AsgError::validation("LifecycleTransition is required for a new lifecycle hook")),
    };
    if !TRANSITIONS.contains(&transition.as_str()) {
        return Err(AsgError::validation(format!("Invalid LifecycleTransition {transition}.")));
    }
    let default_result = str_of(v, "DefaultResult").unwrap_or("ABANDON");
    if !["CONTINUE", "ABANDON"].contains(&default_result) {
        return Err(AsgError::validation(format!("Invalid DefaultResult {default_result}: CONTINUE or ABANDON.")));
    }
    let heartbeat = int_of(v, "HeartbeatTimeout").unwrap_or(3600);
    if !(30..=7200).contains(&heartbeat) {
        return Err(AsgError::validation("HeartbeatTimeout must be between 30 and 7200 seconds."));
    }
    if old.is_none() && tx.count(kind::HOOK, &format!("{group}/"))? >= 50 {
        return Err(AsgError::Client("LimitExceeded", "A group can have at most 50 lifecycle hooks.".into()));
    }
    tx.put(
        kind::HOOK,
        &key,
        &HookRec {
            group: group.into(),
            name: name.into(),
            transition,
            heartbeat_timeout: heartbeat,
            default_result: default_result.into(),
            notification_target: str_of(v, "NotificationTargetARN").map(String::from),
            role_arn: str_of(v, "RoleARN").map(String::from),
            metadata: str_of(v, "NotificationMetadata").map(String::from),
        },
    )?;
    Ok(())
}

pub(crate) async fn put(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let g = asg.read(|tx| load_group(tx, group))?;
    // A notification target is tried with a test message before the hook is kept, as AWS does.
    if let Some(target) = str_of(input, "NotificationTargetARN") {
        if crate::notify::lifecycle_test(asg, group, &g.arn, target).await.is_err() {
            return Err(AsgError::validation(format!(
                "Unable to publish test message to notification target {target} using IAM role {}. Please check your target and role configuration and try to put lifecycle hook again.",
                str_of(input, "RoleARN").unwrap_or("")
            )));
        }
    }
    asg.write(|tx| {
        load_group(tx, group)?;
        put_in(tx, group, input)
    })?;
    Ok(json!({}))
}

pub(crate) fn describe(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let names = strings(input, "LifecycleHookNames");
    let hooks = asg.read(|tx| {
        load_group(tx, group)?;
        Ok(tx.list::<HookRec>(kind::HOOK, &format!("{group}/"))?)
    })?;
    let items: Vec<Value> = hooks
        .into_iter()
        .map(|(_, h)| h)
        .filter(|h| names.is_empty() || names.contains(&h.name))
        .map(|h| h.render())
        .collect();
    Ok(json!({"LifecycleHooks": items}))
}

pub(crate) fn delete(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let name = required(input, "LifecycleHookName")?;
    asg.write(|tx| {
        load_group(tx, group)?;
        if !tx.delete(kind::HOOK, &format!("{group}/{name}"))? {
            return Err(AsgError::validation(format!("No Lifecycle Hook found with name {name} for group {group}")));
        }
        Ok(())
    })?;
    Ok(json!({}))
}

/// The waiting member an action names (by instance id or token).
fn waiting<'a>(g: &'a mut GroupRec, input: &Value) -> Result<&'a mut crate::records::MemberRec> {
    let id = str_of(input, "InstanceId");
    let token = str_of(input, "LifecycleActionToken");
    g.members
        .iter_mut()
        .find(|m| {
            matches!(m.lifecycle, Lifecycle::PendingWait | Lifecycle::TerminatingWait)
                && (id.is_some_and(|i| i == m.instance_id) || token.is_some_and(|t| Some(t) == m.hook_token.as_deref()))
        })
        .ok_or_else(|| AsgError::validation("No active Lifecycle Action found with the given instance or token"))
}

pub(crate) fn complete(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let result = required(input, "LifecycleActionResult")?;
    if !["CONTINUE", "ABANDON"].contains(&result) {
        return Err(AsgError::validation(format!("Invalid LifecycleActionResult {result}: CONTINUE or ABANDON.")));
    }
    let now = asg.now();
    asg.write(|tx| {
        let mut g = load_group(tx, group)?;
        let m = waiting(&mut g, input)?;
        m.wait_until = None;
        match (m.lifecycle, result) {
            (Lifecycle::PendingWait, "CONTINUE") => m.lifecycle = Lifecycle::Pending,
            (Lifecycle::PendingWait, _) => {
                m.lifecycle = Lifecycle::Pending;
                m.healthy = false;
                m.leave_cause = Some(format!(
                    "{} an instance was taken out of service because its launch lifecycle action was abandoned.",
                    super::at(now)
                ));
            }
            _ => m.lifecycle = Lifecycle::Terminating,
        }
        tx.put(kind::GROUP, group, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub(crate) fn heartbeat(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let now = asg.now();
    asg.write(|tx| {
        let hooks = tx.list::<HookRec>(kind::HOOK, &format!("{group}/"))?;
        let hook = str_of(input, "LifecycleHookName").unwrap_or_default();
        let timeout = hooks.iter().find(|(_, h)| h.name == hook).map_or(3600, |(_, h)| h.heartbeat_timeout);
        let mut g = load_group(tx, group)?;
        let m = waiting(&mut g, input)?;
        m.wait_until = Some(now + timeout as f64);
        tx.put(kind::GROUP, group, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}
