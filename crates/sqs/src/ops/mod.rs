//! SQS's operations: queues, their attributes and tags, sending, receiving, deleting and
//! changing visibility, one store transaction per call.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;
use rand::Rng;
use serde_json::{json, Map, Value};
use wire::{ApiError, Authorization, CallContext, Check};

use crate::error::{Result, SqsError};
use crate::logic::{self, Step};
use crate::records::{kind, DedupRec, MessageAttr, MessageRec, QueueRec};
use crate::Sqs;

mod queues;
mod receive;
mod send;

pub(crate) use queues::*;
pub(crate) use receive::*;
pub(crate) use send::*;

/// A batch's bodies and attributes together, at most (SQS's limit, as one message's).
pub const MAX_BATCH_BYTES: usize = 1_048_576;

/// Run one operation (not ReceiveMessage, which `lib.rs` runs with its long poll); the output
/// and the queues whose long polls a new message should wake.
pub(crate) fn dispatch(
    sqs: &Sqs,
    cx: &CallContext,
    op: &str,
    input: &Value,
) -> std::result::Result<(Value, Vec<String>), ApiError> {
    let none = |r: Result<Value>| r.map(|v| (v, Vec::new()));
    let out = match op {
        "CreateQueue" => none(create_queue(sqs, input)),
        "GetQueueUrl" => none(get_queue_url(sqs, input)),
        "ListQueues" => none(list_queues(sqs, input)),
        "GetQueueAttributes" => none(get_queue_attributes(sqs, input)),
        "SetQueueAttributes" => none(set_queue_attributes(sqs, input)),
        // Its long polls answer at once (QueueDoesNotExist) rather than wait out their time.
        "DeleteQueue" => delete_queue(sqs, input).map(|(v, q)| (v, vec![q])),
        "PurgeQueue" => none(purge_queue(sqs, input)),
        "SendMessage" => send_message(sqs, cx, input),
        "SendMessageBatch" => send_message_batch(sqs, cx, input),
        // In a FIFO queue a delete may release the rest of its message group.
        "DeleteMessage" => delete_message(sqs, input).map(|(v, q)| (v, fifo_only(q))),
        "DeleteMessageBatch" => delete_message_batch(sqs, input).map(|(v, q)| (v, fifo_only(q))),
        // A message made visible sooner wakes the queue's long polls.
        "ChangeMessageVisibility" => change_message_visibility(sqs, input).map(|(v, q)| (v, vec![q])),
        "ChangeMessageVisibilityBatch" => change_message_visibility_batch(sqs, input).map(|(v, q)| (v, vec![q])),
        "TagQueue" => none(tag_queue(sqs, input)),
        "UntagQueue" => none(untag_queue(sqs, input)),
        "ListQueueTags" => none(list_queue_tags(sqs, input)),
        "ListDeadLetterSourceQueues" => none(list_dead_letter_source_queues(sqs, input)),
        "AddPermission" => none(add_permission(sqs, input)),
        "RemovePermission" => none(remove_permission(sqs, input)),
        "StartMessageMoveTask" => crate::moves::start(sqs, input),
        "ListMessageMoveTasks" => none(crate::moves::list(sqs, input)),
        "CancelMessageMoveTask" => none(crate::moves::cancel(sqs, input)),
        _ => {
            return Err(ApiError::new(
                400,
                "UnsupportedOperation",
                format!("The operation {op} is not supported by this region yet."),
            ))
        }
    };
    out.map_err(ApiError::from)
}

/// A queue to wake after a delete: FIFO queues only (the group's next message may be due).
fn fifo_only(q: QueueRec) -> Vec<String> {
    if q.fifo() {
        vec![q.name]
    } else {
        Vec::new()
    }
}

/// What each operation is authorised against: the queue's ARN (`sqs:<Op>`; the batch calls
/// are their single call's action, as in the Service Authorization Reference), `*` for
/// ListQueues. CreateQueue with tags also needs `sqs:TagQueue`.
pub(crate) fn authorization(sqs: &Sqs, op: &str, input: &Value) -> Authorization {
    let named = |k: &str| input.get(k).and_then(Value::as_str);
    let arn = match op {
        "CreateQueue" | "GetQueueUrl" => named("QueueName").map(|n| queue_arn(sqs, n)),
        "ListQueues" => None,
        "StartMessageMoveTask" | "ListMessageMoveTasks" => named("SourceArn").map(String::from),
        "CancelMessageMoveTask" => named("TaskHandle").and_then(crate::moves::source_of_handle),
        _ => named("QueueUrl").and_then(|u| queue_name_from_url(sqs, u).ok()).map(|n| queue_arn(sqs, &n)),
    }
    .unwrap_or_else(|| "*".to_string());
    let action = match op {
        "SendMessageBatch" => "SendMessage",
        "DeleteMessageBatch" => "DeleteMessage",
        "ChangeMessageVisibilityBatch" => "ChangeMessageVisibility",
        o => o,
    };
    let tags: Vec<(String, String)> = input
        .get(if op == "CreateQueue" { "tags" } else { "Tags" })
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect())
        .unwrap_or_default();
    let request_tags = || tags.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let mut check = Check::new(format!("sqs:{action}"), arn.clone());
    // An existing queue's tags are aws:ResourceTag/… (CreateQueue's queue has none yet).
    if op != "CreateQueue" && arn != "*" {
        if let Some(q) = arn.rsplit(':').next().and_then(|n| queue(sqs, n).ok()) {
            check = check.resource_tags("sqs", q.tags.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
    }
    match op {
        "CreateQueue" | "TagQueue" => check = check.request_tags(request_tags()),
        "UntagQueue" => {
            let keys: Vec<String> = input
                .get("TagKeys")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
                .unwrap_or_default();
            check = check.keys("aws:TagKeys", keys);
        }
        _ => {}
    }
    let mut checks = vec![check];
    // A move task reads and deletes the source's messages and sends them to the destination.
    if op == "StartMessageMoveTask" {
        for a in ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"] {
            checks.push(Check::new(a, arn.clone()));
        }
        if let Some(d) = named("DestinationArn") {
            checks.push(Check::new("sqs:SendMessage", d));
        }
    }
    if op == "CreateQueue" && !tags.is_empty() {
        checks.push(Check::new("sqs:TagQueue", arn).request_tags(request_tags()));
    }
    Authorization::Checks(checks)
}

// --- names, URLs, records ---------------------------------------------------------------------

pub(crate) fn queue_arn(sqs: &Sqs, name: &str) -> String {
    format!("arn:aws:sqs:{}:{}:{name}", sqs.config.region, sqs.config.account)
}

pub(crate) fn queue_url(sqs: &Sqs, name: &str) -> String {
    format!("{}/{}/{name}", sqs.endpoint(), sqs.config.account)
}

/// The queue name in a queue URL (`<scheme>://<host>/<account>/<name>`); another account's
/// queue does not exist here.
pub(crate) fn queue_name_from_url(sqs: &Sqs, url: &str) -> Result<String> {
    let invalid = || SqsError::InvalidAddress(format!("The address {url} is not valid for this endpoint."));
    let rest = url.split_once("://").map(|(_, r)| r).ok_or_else(invalid)?;
    let path = rest.split_once('/').map(|(_, p)| p).ok_or_else(invalid)?;
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    match parts.as_slice() {
        [account, name] if !account.is_empty() && !name.is_empty() => {
            if *account != sqs.config.account {
                return Err(SqsError::QueueDoesNotExist);
            }
            Ok(name.to_string())
        }
        _ => Err(SqsError::QueueDoesNotExist),
    }
}

/// The name of a queue of this region and account from its ARN.
pub(crate) fn queue_name_from_arn(sqs: &Sqs, arn: &str) -> Option<String> {
    let prefix = format!("arn:aws:sqs:{}:{}:", sqs.config.region, sqs.config.account);
    arn.strip_prefix(&prefix).filter(|n| logic::valid_queue_name(n)).map(String::from)
}

pub(crate) fn queue(sqs: &Sqs, name: &str) -> Result<QueueRec> {
    sqs.store.read(|tx| tx.get::<QueueRec>(kind::QUEUE, name))?.ok_or(SqsError::QueueDoesNotExist)
}

pub(crate) fn queue_of(sqs: &Sqs, input: &Value) -> Result<QueueRec> {
    queue(sqs, &queue_name_from_url(sqs, required(input, "QueueUrl")?)?)
}

pub(crate) fn required<'a>(v: &'a Value, k: &str) -> Result<&'a str> {
    v.get(k).and_then(Value::as_str).ok_or_else(|| SqsError::MissingParameter(k.to_string()))
}

pub(crate) fn int(v: &Value, k: &str) -> Option<i64> {
    v.get(k).and_then(Value::as_i64)
}

pub(crate) fn attr_f64(q: &QueueRec, k: &str) -> f64 {
    q.attributes.get(k).and_then(|v| v.parse::<f64>().ok()).unwrap_or_else(|| {
        logic::DEFAULTS.iter().find(|(n, _)| *n == k).and_then(|(_, v)| v.parse().ok()).unwrap_or(0.0)
    })
}

pub(crate) fn string_map(v: Option<&Value>) -> BTreeMap<String, String> {
    v.and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect())
        .unwrap_or_default()
}

pub(crate) fn new_id() -> String {
    let b: [u8; 16] = rand::thread_rng().gen();
    let h = hex::encode(b);
    format!("{}-{}-4{}-{}-{}", &h[0..8], &h[8..12], &h[13..16], &h[16..20], &h[20..32])
}

pub(crate) fn new_token() -> String {
    let b: [u8; 24] = rand::thread_rng().gen();
    hex::encode(b)
}

pub(crate) fn message_key(queue: &str, now: f64) -> String {
    format!("{queue}|{:020}{:08x}", (now * 1e6) as u64, rand::thread_rng().gen::<u32>())
}

/// The key of a message entering a queue now, within the caller's transaction: a standard
/// queue's by time, a FIFO queue's by its next sequence number (returned too), so that its
/// messages list in the order they entered.
pub(crate) fn next_key(tx: &store::Tx, queue: &str, now: f64) -> Result<(String, Option<String>)> {
    let mut q = tx.get::<QueueRec>(kind::QUEUE, queue)?.ok_or(SqsError::QueueDoesNotExist)?;
    if !q.fifo() {
        return Ok((message_key(queue, now), None));
    }
    q.sequence += 1;
    tx.put(kind::QUEUE, queue, &q)?;
    let seq = format!("{:020}", q.sequence);
    Ok((format!("{queue}|{seq}"), Some(seq)))
}

pub(crate) fn millis(t: f64) -> String {
    ((t * 1000.0) as u64).to_string()
}

/// Check a RedrivePolicy's target exists (the caller's own queue may not be its own target).
pub(crate) fn check_redrive_target(sqs: &Sqs, name: &str, fifo: bool, attrs: &BTreeMap<String, String>) -> Result<()> {
    let Some(policy) = attrs.get("RedrivePolicy").filter(|v| !v.is_empty()) else { return Ok(()) };
    let (target, _) = logic::parse_redrive(policy)?;
    let bad = |why: &str| {
        SqsError::InvalidParameterValue(format!("Value {policy} for parameter RedrivePolicy is invalid. Reason: {why}"))
    };
    let dlq = queue_name_from_arn(sqs, &target).ok_or_else(|| bad("Dead letter target does not exist."))?;
    if dlq == name {
        return Err(bad("Dead letter target cannot be the queue itself."));
    }
    let target = queue(sqs, &dlq).map_err(|_| bad("Dead letter target does not exist."))?;
    if target.fifo() != fifo {
        return Err(bad("Dead-letter queue must be same type of queue as the source.."));
    }
    Ok(())
}
