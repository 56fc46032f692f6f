//! Tags on any ELBv2 resource: AddTags, RemoveTags, DescribeTags.

use serde_json::{json, Value};

use super::{input_tags, strings};
use crate::error::{ElbError, Result};
use crate::records::{kind, Tags};
use crate::Elb;

/// The resource must exist: its kind is read off its ARN.
fn check_exists(tx: &store::Tx, arn: &str) -> Result<()> {
    let resource = arn.splitn(6, ':').nth(5).unwrap_or_default();
    let (k, code, what) = if resource.starts_with("loadbalancer/") {
        (kind::LOAD_BALANCER, "LoadBalancerNotFound", "Load balancer")
    } else if resource.starts_with("targetgroup/") {
        (kind::TARGET_GROUP, "TargetGroupNotFound", "Target group")
    } else if resource.starts_with("listener-rule/") {
        (kind::RULE, "RuleNotFound", "Rule")
    } else if resource.starts_with("listener/") {
        (kind::LISTENER, "ListenerNotFound", "Listener")
    } else {
        return Err(ElbError::validation(format!("'{arn}' is not a valid resource ARN")));
    };
    let found = tx.exists(k, arn)?
        || (k == kind::RULE
            && tx
                .list::<crate::records::ListenerRec>(kind::LISTENER, "")?
                .iter()
                .any(|(_, l)| l.default_rule_arn == arn));
    if !found {
        return Err(ElbError::Client(code, format!("{what} '{arn}' not found")));
    }
    Ok(())
}

pub fn add_tags(elb: &Elb, input: &Value) -> Result<Value> {
    let arns = strings(input, "ResourceArns");
    let new = input_tags(input);
    elb.store.write(|tx| {
        for arn in &arns {
            check_exists(tx, arn)?;
            let mut tags: Tags = tx.get(kind::TAGS, arn)?.unwrap_or_default();
            for (k, v) in &new {
                if k.starts_with("aws:") {
                    return Err(ElbError::validation("Tag keys starting with 'aws:' are reserved"));
                }
                match tags.iter_mut().find(|(tk, _)| tk == k) {
                    Some(t) => t.1 = v.clone(),
                    None => tags.push((k.clone(), v.clone())),
                }
            }
            if tags.len() > 50 {
                return Err(ElbError::Client(
                    "TooManyTags",
                    "The quota for the number of tags has been reached".into(),
                ));
            }
            tx.put(kind::TAGS, arn, &tags)?;
        }
        Ok::<_, ElbError>(())
    })?;
    Ok(json!({}))
}

pub fn remove_tags(elb: &Elb, input: &Value) -> Result<Value> {
    let arns = strings(input, "ResourceArns");
    let keys = strings(input, "TagKeys");
    elb.store.write(|tx| {
        for arn in &arns {
            check_exists(tx, arn)?;
            let mut tags: Tags = tx.get(kind::TAGS, arn)?.unwrap_or_default();
            tags.retain(|(k, _)| !keys.contains(k));
            tx.put(kind::TAGS, arn, &tags)?;
        }
        Ok::<_, ElbError>(())
    })?;
    Ok(json!({}))
}

pub fn describe_tags(elb: &Elb, input: &Value) -> Result<Value> {
    let arns = strings(input, "ResourceArns");
    let out = elb.store.read(|tx| {
        let mut out = Vec::new();
        for arn in &arns {
            check_exists(tx, arn)?;
            let tags: Tags = tx.get(kind::TAGS, arn)?.unwrap_or_default();
            out.push(json!({"ResourceArn": arn, "Tags": tags.iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect::<Vec<_>>()}));
        }
        Ok::<_, ElbError>(out)
    })?;
    Ok(json!({"TagDescriptions": out}))
}
