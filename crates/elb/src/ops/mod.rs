//! ELBv2's operations, one file per family, and what they share.

mod account;
mod listeners;
mod load_balancers;
mod rules;
mod tags;
mod target_groups;
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
