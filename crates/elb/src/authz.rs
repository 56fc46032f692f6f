//! What an ELBv2 operation must be authorised for, as the Service Authorization Reference lists
//! it: the operation's action on the load balancers, target groups, listeners and rules it names
//! (their ARNs, with `aws:ResourceTag/…` and `elasticloadbalancing:ResourceTag/…`) or creates
//! (`loadbalancer/app/<name>/*`, `targetgroup/<name>/*`, with `aws:RequestTag/…` and
//! `aws:TagKeys`), and `elasticloadbalancing:AddTags` with `elasticloadbalancing:CreateAction`
//! when a create call tags what it makes.

use serde_json::Value;
use wire::Check;

use crate::error::Result;
use crate::ops::{input_tags, str_of, strings};
use crate::records::{kind, Tags};
use crate::Elb;

/// Members naming existing resources by ARN.
const ARN_MEMBERS: &[&str] =
    &["LoadBalancerArn", "TargetGroupArn", "ListenerArn", "RuleArn", "RuleArns", "ResourceArns", "TargetGroupArns"];

fn pairs(tags: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    tags.iter().map(|(k, v)| (k.as_str(), v.as_str()))
}

/// The checks for one ELBv2 operation.
pub(crate) fn checks(elb: &Elb, op: &str, input: &Value) -> Result<Vec<Check>> {
    let action = format!("elasticloadbalancing:{op}");
    if op.starts_with("Describe") {
        return Ok(vec![Check::new(action, "*")]);
    }
    let mut arns: Vec<String> = Vec::new();
    for member in ARN_MEMBERS {
        match input.get(*member) {
            Some(Value::String(s)) => arns.push(s.clone()),
            Some(Value::Array(_)) => arns.extend(strings(input, member)),
            _ => {}
        }
    }
    for p in input.get("RulePriorities").and_then(Value::as_array).into_iter().flatten() {
        if let Some(arn) = str_of(p, "RuleArn") {
            arns.push(arn.to_string());
        }
    }
    // Target groups a forward action sends to are used, not changed: AWS checks only the
    // listener or rule. Ours the same.
    arns.sort();
    arns.dedup();
    let request_tags = input_tags(input);
    let tagging = matches!(op, "AddTags" | "RemoveTags");
    let removed_keys = if op == "RemoveTags" { strings(input, "TagKeys") } else { Vec::new() };
    let existing: Vec<(String, Tags)> = elb.store.read(|tx| {
        let mut v = Vec::new();
        for arn in &arns {
            v.push((arn.clone(), tx.get::<Tags>(kind::TAGS, arn)?.unwrap_or_default()));
        }
        Ok::<_, crate::error::ElbError>(v)
    })?;
    let mut out = Vec::new();
    for (arn, tags) in &existing {
        let mut c = Check::new(action.as_str(), arn.as_str()).resource_tags("elasticloadbalancing", pairs(tags));
        if tagging {
            c = c.request_tags(pairs(&request_tags));
            if !removed_keys.is_empty() {
                c = c.keys("aws:TagKeys", removed_keys.clone());
            }
        }
        out.push(c);
    }
    let created = match (op, str_of(input, "Name")) {
        ("CreateLoadBalancer", Some(name)) => {
            let t = if str_of(input, "Type") == Some("network") { "net" } else { "app" };
            Some(elb.arn(&format!("loadbalancer/{t}/{name}/*")))
        }
        ("CreateTargetGroup", Some(name)) => Some(elb.arn(&format!("targetgroup/{name}/*"))),
        _ => None,
    };
    if let Some(arn) = created {
        out.push(Check::new(action.as_str(), arn.as_str()).request_tags(pairs(&request_tags)));
        if !request_tags.is_empty() {
            out.push(
                Check::new("elasticloadbalancing:AddTags", arn.as_str())
                    .key("elasticloadbalancing:CreateAction", op)
                    .request_tags(pairs(&request_tags)),
            );
        }
    } else if matches!(op, "CreateListener" | "CreateRule") && !request_tags.is_empty() {
        // The new listener or rule is tagged as it is made.
        let parent = out.first().map(|c| c.resource.clone()).unwrap_or_else(|| "*".into());
        let child = if op == "CreateListener" {
            parent.replacen(":loadbalancer/", ":listener/", 1) + "/*"
        } else {
            parent.replacen(":listener/", ":listener-rule/", 1) + "/*"
        };
        out.push(
            Check::new("elasticloadbalancing:AddTags", child)
                .key("elasticloadbalancing:CreateAction", op)
                .request_tags(pairs(&request_tags)),
        );
    }
    if out.is_empty() {
        out.push(Check::new(action, "*"));
    }
    Ok(out)
}
