//! Auto Scaling's operations, one file per family, and what they share.

mod groups;
mod hooks;
mod instances;
mod launch_configs;
mod policies;
mod predictive;
mod refresh;
mod scheduled;
mod settings;

use serde_json::{json, Value};

use crate::error::{AsgError, Result};
use crate::records::{kind, ActivityRec, GroupRec};
use crate::AutoScaling;
use wire::{CallContext, Check};

pub(crate) use groups::{drop_alarms, remove_group};
pub(crate) use policies::{target_tracking_alarms, tracked_metric};
pub(crate) use predictive::{forecast_of, Forecast};

pub(crate) async fn dispatch(asg: &AutoScaling, cx: &CallContext, op: &str, input: &Value) -> Result<Value> {
    match op {
        "CreateAutoScalingGroup" => groups::create(asg, cx, input).await,
        "UpdateAutoScalingGroup" => groups::update(asg, cx, input).await,
        "DeleteAutoScalingGroup" => groups::delete(asg, input).await,
        "DescribeAutoScalingGroups" => groups::describe(asg, input),
        "DescribeAutoScalingInstances" => instances::describe(asg, input),
        "DescribeScalingActivities" => groups::describe_activities(asg, input),
        "SetDesiredCapacity" => groups::set_desired_capacity(asg, input),
        "SetInstanceHealth" => instances::set_health(asg, input),
        "SetInstanceProtection" => instances::set_protection(asg, input),
        "TerminateInstanceInAutoScalingGroup" => instances::terminate(asg, input),
        "AttachInstances" => instances::attach(asg, input).await,
        "DetachInstances" => instances::detach(asg, input),
        "EnterStandby" => instances::enter_standby(asg, input),
        "ExitStandby" => instances::exit_standby(asg, input),
        "AttachLoadBalancerTargetGroups" => groups::attach_target_groups(asg, input, "TargetGroupARNs").await,
        "DetachLoadBalancerTargetGroups" => groups::detach_target_groups(asg, input, "TargetGroupARNs"),
        "DescribeLoadBalancerTargetGroups" => groups::describe_target_groups(asg, input),
        "AttachTrafficSources" => groups::attach_target_groups(asg, input, "TrafficSources").await,
        "DetachTrafficSources" => groups::detach_target_groups(asg, input, "TrafficSources"),
        "DescribeTrafficSources" => groups::describe_traffic_sources(asg, input),
        "AttachLoadBalancers" => groups::attach_load_balancers(asg, input).await,
        "DetachLoadBalancers" => groups::detach_load_balancers(asg, input),
        "DescribeLoadBalancers" => groups::describe_load_balancers(asg, input),
        "CreateLaunchConfiguration" => launch_configs::create(asg, input).await,
        "DescribeLaunchConfigurations" => launch_configs::describe(asg, input),
        "DeleteLaunchConfiguration" => launch_configs::delete(asg, input),
        "PutScalingPolicy" => policies::put(asg, input).await,
        "DescribePolicies" => policies::describe(asg, input),
        "DeletePolicy" => policies::delete(asg, input).await,
        "ExecutePolicy" => policies::execute(asg, input),
        "GetPredictiveScalingForecast" => predictive::get(asg, input).await,
        "PutScheduledUpdateGroupAction" => scheduled::put(asg, input),
        "BatchPutScheduledUpdateGroupAction" => scheduled::batch_put(asg, input),
        "DescribeScheduledActions" => scheduled::describe(asg, input),
        "DeleteScheduledAction" => scheduled::delete(asg, input),
        "BatchDeleteScheduledAction" => scheduled::batch_delete(asg, input),
        "PutLifecycleHook" => hooks::put(asg, input).await,
        "DescribeLifecycleHooks" => hooks::describe(asg, input),
        "DeleteLifecycleHook" => hooks::delete(asg, input),
        "CompleteLifecycleAction" => hooks::complete(asg, input),
        "RecordLifecycleActionHeartbeat" => hooks::heartbeat(asg, input),
        "DescribeLifecycleHookTypes" => Ok(json!({"LifecycleHookTypes": [
            "autoscaling:EC2_INSTANCE_LAUNCHING", "autoscaling:EC2_INSTANCE_TERMINATING"]})),
        "PutNotificationConfiguration" => settings::put_notification(asg, input).await,
        "DescribeNotificationConfigurations" => settings::describe_notifications(asg, input),
        "DeleteNotificationConfiguration" => settings::delete_notification(asg, input),
        "DescribeAutoScalingNotificationTypes" => {
            Ok(json!({"AutoScalingNotificationTypes": settings::NOTIFICATION_TYPES}))
        }
        "SuspendProcesses" => settings::suspend(asg, input, true),
        "ResumeProcesses" => settings::suspend(asg, input, false),
        "DescribeScalingProcessTypes" => {
            Ok(json!({"Processes": settings::PROCESSES.iter().map(|p| json!({"ProcessName": p})).collect::<Vec<_>>()}))
        }
        "EnableMetricsCollection" => settings::metrics_collection(asg, input, true),
        "DisableMetricsCollection" => settings::metrics_collection(asg, input, false),
        "DescribeMetricCollectionTypes" => Ok(settings::metric_collection_types()),
        "CreateOrUpdateTags" => settings::create_or_update_tags(asg, input),
        "DeleteTags" => settings::delete_tags(asg, input),
        "DescribeTags" => settings::describe_tags(asg, input),
        "DescribeAccountLimits" => settings::account_limits(asg),
        "DescribeAdjustmentTypes" => Ok(json!({"AdjustmentTypes": [
            {"AdjustmentType": "ChangeInCapacity"}, {"AdjustmentType": "ExactCapacity"},
            {"AdjustmentType": "PercentChangeInCapacity"}]})),
        "DescribeTerminationPolicyTypes" => Ok(json!({"TerminationPolicyTypes": [
            "AllocationStrategy", "ClosestToNextInstanceHour", "Default", "NewestInstance",
            "OldestInstance", "OldestLaunchConfiguration", "OldestLaunchTemplate"]})),
        "StartInstanceRefresh" => refresh::start(asg, input).await,
        "DescribeInstanceRefreshes" => refresh::describe(asg, input),
        "CancelInstanceRefresh" => refresh::cancel(asg, input),
        _ => Err(AsgError::Client("InvalidAction", format!("The action {op} is not valid for this web service."))),
    }
}

/// What an operation must be authorised for: the group it names (its ARN, with
/// `aws:ResourceTag/…` and `autoscaling:ResourceTag/…`) or creates (with `aws:RequestTag/…` and
/// `aws:TagKeys`); "*" where AWS has no resource. (What the group will launch is authorised
/// in the operation, once its launch template is resolved.)
pub(crate) fn checks(asg: &AutoScaling, op: &str, input: &Value) -> Vec<Check> {
    let mut out = group_checks(asg, op, input);
    // A role handed to Auto Scaling (a lifecycle hook's notification role, a group's own
    // service-linked role) is passed by the caller.
    for member in ["RoleARN", "ServiceLinkedRoleARN"] {
        if let Some(role) = str_of(input, member) {
            out.push(Check::new("iam:PassRole", role).key("iam:PassedToService", "autoscaling.amazonaws.com"));
        }
    }
    out
}

fn group_checks(asg: &AutoScaling, op: &str, input: &Value) -> Vec<Check> {
    let action = format!("autoscaling:{op}");
    if op.starts_with("Describe") {
        return vec![Check::new(action, "*")];
    }
    let requested: Vec<(&str, &str)> = input
        .get("Tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|t| (str_of(t, "Key").unwrap_or_default(), str_of(t, "Value").unwrap_or_default()))
        .collect();
    let name = str_of(input, "AutoScalingGroupName").map(String::from).or_else(|| {
        // CreateOrUpdateTags / DeleteTags name the group in each tag.
        input
            .get("Tags")
            .and_then(Value::as_array)
            .and_then(|l| l.first())
            .and_then(|t| str_of(t, "ResourceId"))
            .map(String::from)
    });
    let Some(name) = name else { return vec![Check::new(action, "*")] };
    if op == "CreateAutoScalingGroup" {
        let arn = asg.arn(&format!("autoScalingGroup:*:autoScalingGroupName/{name}"));
        return vec![Check::new(action, arn).request_tags(requested)];
    }
    match asg.store.read(|tx| tx.get::<GroupRec>(kind::GROUP, &name)) {
        Ok(Some(g)) => {
            let tags = g.tags.iter().map(|t| (t.key.as_str(), t.value.as_str()));
            let mut c = Check::new(action, g.arn.as_str()).resource_tags("autoscaling", tags);
            if matches!(op, "CreateOrUpdateTags" | "DeleteTags") {
                c = c.request_tags(requested);
            }
            vec![c]
        }
        _ => vec![Check::new(action, "*")],
    }
}

pub(crate) fn str_of<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

pub(crate) fn int_of(v: &Value, k: &str) -> Option<i64> {
    v.get(k).and_then(Value::as_i64)
}

pub(crate) fn bool_of(v: &Value, k: &str) -> Option<bool> {
    v.get(k).and_then(Value::as_bool)
}

pub(crate) fn strings(v: &Value, k: &str) -> Vec<String> {
    v.get(k)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
        .unwrap_or_default()
}

pub(crate) fn required<'a>(v: &'a Value, k: &str) -> Result<&'a str> {
    str_of(v, k).ok_or_else(|| AsgError::validation(format!("{k} is required")))
}

pub(crate) fn not_found(name: &str) -> AsgError {
    AsgError::validation(format!("AutoScalingGroup name not found - AutoScalingGroup '{name}' not found"))
}

pub(crate) fn load_group(tx: &store::Tx, name: &str) -> Result<GroupRec> {
    tx.get::<GroupRec>(kind::GROUP, name)?.ok_or_else(|| not_found(name))
}

/// One page: `MaxRecords` (default 50, at most 100) and an opaque `NextToken`.
pub(crate) fn page(items: Vec<Value>, input: &Value, member: &str, default_max: i64) -> Result<Value> {
    let max = int_of(input, "MaxRecords").unwrap_or(default_max).clamp(1, 100) as usize;
    let start = match str_of(input, "NextToken") {
        Some(t) => {
            t.parse::<usize>().map_err(|_| AsgError::Client("InvalidNextToken", "The token is not valid.".into()))?
        }
        None => 0,
    };
    let more = items.len() > start + max;
    let slice: Vec<Value> = items.into_iter().skip(start).take(max).collect();
    let mut out = json!({ member: slice });
    if more {
        out["NextToken"] = json!((start + max).to_string());
    }
    Ok(out)
}

/// `At 2026-11-28T12:00:00Z`, as activity causes begin.
pub(crate) fn at(t: f64) -> String {
    format!("At {}", wire::timestamp::format_iso8601(t.floor()))
}

pub(crate) fn new_id() -> String {
    let b: [u8; 16] = rand::random();
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

pub(crate) fn put_activity(tx: &store::Tx, a: &ActivityRec) -> Result<()> {
    tx.put(kind::ACTIVITY, &a.key(), a)?;
    Ok(())
}

/// EC2's typed client, as Auto Scaling's service-linked role.
pub(crate) fn ec2(asg: &AutoScaling) -> &api::ec2::Client {
    &asg.peers.clients().ec2
}
