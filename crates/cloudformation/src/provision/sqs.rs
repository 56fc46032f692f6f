//! AWS::SQS::Queue (Ref: the queue URL; GetAtt Arn, QueueName, QueueUrl) and
//! AWS::SQS::QueuePolicy (the policy set on each listed queue).

use std::collections::BTreeMap;

use api::sqs::{CreateQueueRequest, DeleteQueueRequest, GetQueueAttributesRequest, SetQueueAttributesRequest};
use serde_json::Value;

use super::{gone, refusal, Created, Cx, Props};
use crate::Peer;

/// The queue attributes CloudFormation's properties set, under SQS's attribute names.
const ATTRIBUTES: &[&str] = &[
    "DelaySeconds",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "ReceiveMessageWaitTimeSeconds",
    "VisibilityTimeout",
    "FifoQueue",
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "FifoThroughputLimit",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "SqsManagedSseEnabled",
    "RedrivePolicy",
    "RedriveAllowPolicy",
];

/// Properties CloudFormation can change on a queue without replacing it.
pub const UPDATABLE: &[&str] = &[
    "DelaySeconds",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "ReceiveMessageWaitTimeSeconds",
    "VisibilityTimeout",
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "FifoThroughputLimit",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "SqsManagedSseEnabled",
    "RedrivePolicy",
    "RedriveAllowPolicy",
];

/// A property as SQS's attribute text: numbers and booleans as written, JSON documents
/// (RedrivePolicy given as an object) serialised.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(_) | Value::Array(_) => v.to_string(),
        other => other.to_string(),
    }
}

fn attributes(p: Props<'_>, names: &[&str]) -> BTreeMap<String, String> {
    names.iter().filter_map(|k| p.get(k).map(|v| (k.to_string(), text(v)))).collect()
}

pub async fn create_queue(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let fifo = p.bool("FifoQueue")?.unwrap_or(false);
    let name = p.str("QueueName").unwrap_or_else(|| {
        if fifo {
            format!("{}.fifo", cx.generated_name(75))
        } else {
            cx.generated_name(80)
        }
    });
    let tags: BTreeMap<String, String> = cx.tags(p).into_iter().map(|t| (t.key, t.value)).collect();
    let sqs = cx.sqs()?;
    let input = CreateQueueRequest {
        queue_name: name.clone(),
        attributes: Some(attributes(p, ATTRIBUTES)),
        tags: Some(tags).filter(|t| !t.is_empty()),
    };
    let out = sqs.create_queue(input).await.map_err(|e| refusal(Peer::Sqs, e))?;
    let url = out.queue_url.ok_or("CreateQueue answered no QueueUrl")?;
    cx.exists(&url);
    let input = GetQueueAttributesRequest { queue_url: url.clone(), attribute_names: Some(vec!["QueueArn".into()]) };
    let attrs = sqs.get_queue_attributes(input).await.map_err(|e| refusal(Peer::Sqs, e))?;
    let arn =
        attrs.attributes.and_then(|mut a| a.remove("QueueArn")).ok_or("GetQueueAttributes answered no QueueArn")?;
    Ok(Created::id(url.clone()).attr("Arn", arn).attr("QueueName", name).attr("QueueUrl", url))
}

/// Update a queue's attributes in place: the changed ones, and those the template dropped
/// back to SQS's defaults (a dropped RedrivePolicy removed).
pub async fn update_queue(cx: &Cx, url: &str, old: Props<'_>, new: Props<'_>) -> Result<(), String> {
    let mut changes = attributes(new, UPDATABLE);
    for k in UPDATABLE {
        if old.get(k).is_some() && new.get(k).is_none() {
            let default = match *k {
                "DelaySeconds" | "ReceiveMessageWaitTimeSeconds" => "0",
                "MaximumMessageSize" => "1048576",
                "MessageRetentionPeriod" => "345600",
                "VisibilityTimeout" => "30",
                "SqsManagedSseEnabled" => "true",
                "ContentBasedDeduplication" => "false",
                "DeduplicationScope" => "queue",
                "FifoThroughputLimit" => "perQueue",
                _ => "",
            };
            changes.insert(k.to_string(), default.to_string());
        }
    }
    if changes.is_empty() {
        return Ok(());
    }
    set_attributes(cx, url, changes).await
}

pub async fn delete_queue(cx: &Cx, url: &str) -> Result<(), String> {
    let out = cx.sqs()?.delete_queue(DeleteQueueRequest { queue_url: url.to_string() }).await;
    gone(out.map_err(|e| refusal(Peer::Sqs, e)))
}

async fn set_attributes(cx: &Cx, url: &str, attributes: BTreeMap<String, String>) -> Result<(), String> {
    let input = SetQueueAttributesRequest { queue_url: url.to_string(), attributes };
    cx.sqs()?.set_queue_attributes(input).await.map(|_| ()).map_err(|e| refusal(Peer::Sqs, e))
}

/// A queue's policy (empty: none).
async fn set_policy(cx: &Cx, url: &str, policy: &str) -> Result<(), String> {
    set_attributes(cx, url, BTreeMap::from([("Policy".to_string(), policy.to_string())])).await
}

fn policy_text(p: Props<'_>) -> Result<String, String> {
    match p.get("PolicyDocument") {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(v @ Value::Object(_)) => Ok(v.to_string()),
        _ => Err("Property PolicyDocument cannot be empty.".into()),
    }
}

pub async fn create_queue_policy(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let policy = policy_text(p)?;
    let queues = p.strings("Queues");
    if queues.is_empty() {
        return Err("Property Queues cannot be empty.".into());
    }
    for url in &queues {
        set_policy(cx, url, &policy).await?;
    }
    Ok(Created::id(cx.generated_name(128)))
}

/// A changed policy or list of queues: the policy set on the listed queues, removed from those
/// no longer listed.
pub async fn update_queue_policy(cx: &Cx, old: Props<'_>, new: Props<'_>) -> Result<(), String> {
    create_queue_policy(cx, new).await?;
    let kept = new.strings("Queues");
    for url in old.strings("Queues").into_iter().filter(|u| !kept.contains(u)) {
        gone(set_policy(cx, &url, "").await)?;
    }
    Ok(())
}

pub async fn delete_queue_policy(cx: &Cx, p: Props<'_>) -> Result<(), String> {
    for url in p.strings("Queues") {
        gone(set_policy(cx, &url, "").await)?;
    }
    Ok(())
}
