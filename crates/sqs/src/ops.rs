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

/// A batch's bodies and attributes together, at most (SQS's limit, as one message's).
pub const MAX_BATCH_BYTES: usize = 1_048_576;

/// Run one operation (not ReceiveMessage, which `lib.rs` runs with its long poll); the output
/// and the queues whose long polls a new message should wake.
pub fn dispatch(
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
        "DeleteQueue" => none(delete_queue(sqs, input)),
        "PurgeQueue" => none(purge_queue(sqs, input)),
        "SendMessage" => send_message(sqs, cx, input),
        "SendMessageBatch" => send_message_batch(sqs, cx, input),
        "DeleteMessage" => none(delete_message(sqs, input)),
        "DeleteMessageBatch" => none(delete_message_batch(sqs, input)),
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

/// What each operation is authorised against: the queue's ARN (`sqs:<Op>`; the batch calls
/// are their single call's action, as in the Service Authorization Reference), `*` for
/// ListQueues. CreateQueue with tags also needs `sqs:TagQueue`.
pub fn authorization(sqs: &Sqs, op: &str, input: &Value) -> Authorization {
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

pub fn queue_arn(sqs: &Sqs, name: &str) -> String {
    format!("arn:aws:sqs:{}:{}:{name}", sqs.config.region, sqs.config.account)
}

pub fn queue_url(sqs: &Sqs, name: &str) -> String {
    format!("{}/{}/{name}", sqs.endpoint(), sqs.config.account)
}

/// The queue name in a queue URL (`<scheme>://<host>/<account>/<name>`); another account's
/// queue does not exist here.
pub fn queue_name_from_url(sqs: &Sqs, url: &str) -> Result<String> {
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
pub fn queue_name_from_arn(sqs: &Sqs, arn: &str) -> Option<String> {
    let prefix = format!("arn:aws:sqs:{}:{}:", sqs.config.region, sqs.config.account);
    arn.strip_prefix(&prefix).filter(|n| logic::valid_queue_name(n)).map(String::from)
}

pub fn queue(sqs: &Sqs, name: &str) -> Result<QueueRec> {
    sqs.store.read(|tx| tx.get::<QueueRec>(kind::QUEUE, name))?.ok_or(SqsError::QueueDoesNotExist)
}

fn queue_of(sqs: &Sqs, input: &Value) -> Result<QueueRec> {
    queue(sqs, &queue_name_from_url(sqs, required(input, "QueueUrl")?)?)
}

fn required<'a>(v: &'a Value, k: &str) -> Result<&'a str> {
    v.get(k).and_then(Value::as_str).ok_or_else(|| SqsError::MissingParameter(k.to_string()))
}

fn int(v: &Value, k: &str) -> Option<i64> {
    v.get(k).and_then(Value::as_i64)
}

fn attr_f64(q: &QueueRec, k: &str) -> f64 {
    q.attributes.get(k).and_then(|v| v.parse::<f64>().ok()).unwrap_or_else(|| {
        logic::DEFAULTS.iter().find(|(n, _)| *n == k).and_then(|(_, v)| v.parse().ok()).unwrap_or(0.0)
    })
}

fn string_map(v: Option<&Value>) -> BTreeMap<String, String> {
    v.and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect())
        .unwrap_or_default()
}

pub(crate) fn new_id() -> String {
    let b: [u8; 16] = rand::thread_rng().gen();
    let h = hex::encode(b);
    format!("{}-{}-4{}-{}-{}", &h[0..8], &h[8..12], &h[13..16], &h[16..20], &h[20..32])
}

fn new_token() -> String {
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

fn millis(t: f64) -> String {
    ((t * 1000.0) as u64).to_string()
}

/// Check a RedrivePolicy's target exists (the caller's own queue may not be its own target).
fn check_redrive_target(sqs: &Sqs, name: &str, fifo: bool, attrs: &BTreeMap<String, String>) -> Result<()> {
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

// --- queues -------------------------------------------------------------------------------

fn create_queue(sqs: &Sqs, input: &Value) -> Result<Value> {
    let name = required(input, "QueueName")?;
    let given = string_map(input.get("Attributes"));
    let fifo = logic::wants_fifo(&given)?;
    if fifo && (!name.ends_with(".fifo") || !logic::valid_queue_name(name)) {
        return Err(SqsError::InvalidParameterValue(
            "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.".into(),
        ));
    }
    if !fifo && (name.ends_with(".fifo") || !logic::valid_queue_name(name)) {
        return Err(SqsError::InvalidParameterValue(
            "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length".into(),
        ));
    }
    let attributes = logic::initial_attributes(&given)?;
    check_redrive_target(sqs, name, fifo, &attributes)?;
    let tags = string_map(input.get("tags"));
    let now = sqs.now();
    let rec = QueueRec {
        name: name.to_string(),
        arn: queue_arn(sqs, name),
        created: now.floor(),
        last_modified: now.floor(),
        attributes,
        tags,
        last_purge: None,
        sequence: 0,
    };
    sqs.store.write(|tx| {
        if let Some(existing) = tx.get::<QueueRec>(kind::QUEUE, name)? {
            return match logic::differing_attribute(&existing.attributes, &given) {
                Some(attr) => Err(SqsError::QueueNameExists(attr)),
                None => Ok(()),
            };
        }
        tx.put(kind::QUEUE, name, &rec)?;
        Ok(())
    })?;
    Ok(json!({"QueueUrl": queue_url(sqs, name)}))
}

fn get_queue_url(sqs: &Sqs, input: &Value) -> Result<Value> {
    let name = required(input, "QueueName")?;
    if input.get("QueueOwnerAWSAccountId").and_then(Value::as_str).is_some_and(|a| a != sqs.config.account) {
        return Err(SqsError::QueueDoesNotExist);
    }
    let q = queue(sqs, name)?;
    Ok(json!({"QueueUrl": queue_url(sqs, &q.name)}))
}

fn page_of(names: Vec<String>, input: &Value, urls: impl Fn(&str) -> String, key: &str) -> Result<Value> {
    let max = int(input, "MaxResults");
    if let Some(m) = max {
        if !(1..=1000).contains(&m) {
            return Err(SqsError::InvalidParameterValue(format!(
                "Value {m} for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000."
            )));
        }
    }
    let after = match input.get("NextToken").and_then(Value::as_str) {
        Some(t) => Some(
            base64::engine::general_purpose::STANDARD
                .decode(t)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| SqsError::InvalidParameterValue("Invalid NextToken value.".into()))?,
        ),
        None => None,
    };
    let rest: Vec<String> = names.into_iter().filter(|n| after.as_ref().is_none_or(|a| n > a)).collect();
    let limit = max.unwrap_or(1000) as usize;
    let page: Vec<String> = rest.iter().take(limit).cloned().collect();
    let mut out = Map::new();
    if !page.is_empty() {
        out.insert(key.into(), json!(page.iter().map(|n| urls(n)).collect::<Vec<_>>()));
    }
    if max.is_some() && rest.len() > page.len() {
        if let Some(last) = page.last() {
            out.insert("NextToken".into(), json!(base64::engine::general_purpose::STANDARD.encode(last)));
        }
    }
    Ok(Value::Object(out))
}

fn list_queues(sqs: &Sqs, input: &Value) -> Result<Value> {
    let prefix = input.get("QueueNamePrefix").and_then(Value::as_str).unwrap_or_default();
    let names: Vec<String> =
        sqs.store.read(|tx| tx.list::<QueueRec>(kind::QUEUE, prefix))?.into_iter().map(|(n, _)| n).collect();
    page_of(names, input, |n| queue_url(sqs, n), "QueueUrls")
}

fn list_dead_letter_source_queues(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let names: Vec<String> = sqs
        .store
        .read(|tx| tx.list::<QueueRec>(kind::QUEUE, ""))?
        .into_iter()
        .filter(|(_, s)| {
            s.attributes
                .get("RedrivePolicy")
                .and_then(|p| logic::parse_redrive(p).ok())
                .is_some_and(|(target, _)| target == q.arn)
        })
        .map(|(n, _)| n)
        .collect();
    page_of(names, input, |n| queue_url(sqs, n), "queueUrls")
}

fn get_queue_attributes(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let asked: Vec<String> = input
        .get("AttributeNames")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
        .unwrap_or_default();
    let known = |n: &str| {
        logic::DEFAULTS.iter().any(|(k, _)| *k == n)
            || logic::FIFO_DEFAULTS.iter().any(|(k, _)| *k == n)
            || logic::OPTIONAL.contains(&n)
            || logic::COMPUTED.contains(&n)
    };
    if let Some(bad) = asked.iter().find(|n| *n != "All" && !known(n)) {
        return Err(SqsError::InvalidAttributeName(format!("Unknown Attribute {bad}.")));
    }
    let all = asked.iter().any(|n| n == "All");
    let wanted = |n: &str| all || asked.iter().any(|a| a == n);
    let now = sqs.now();
    let msgs: Vec<MessageRec> = sqs
        .store
        .read(|tx| tx.list::<MessageRec>(kind::MESSAGE, &format!("{}|", q.name)))?
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    let c = logic::counts(&msgs, now, attr_f64(&q, "MessageRetentionPeriod"));
    let mut attrs = BTreeMap::new();
    for (k, v) in &q.attributes {
        attrs.insert(k.clone(), v.clone());
    }
    attrs.insert("QueueArn".to_string(), q.arn.clone());
    attrs.insert("ApproximateNumberOfMessages".to_string(), c.visible.to_string());
    attrs.insert("ApproximateNumberOfMessagesNotVisible".to_string(), c.not_visible.to_string());
    attrs.insert("ApproximateNumberOfMessagesDelayed".to_string(), c.delayed.to_string());
    attrs.insert("CreatedTimestamp".to_string(), (q.created as u64).to_string());
    attrs.insert("LastModifiedTimestamp".to_string(), (q.last_modified as u64).to_string());
    let attrs: BTreeMap<String, String> = attrs.into_iter().filter(|(k, _)| wanted(k)).collect();
    if attrs.is_empty() {
        return Ok(json!({}));
    }
    Ok(json!({"Attributes": attrs}))
}

fn set_queue_attributes(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let given = string_map(input.get("Attributes"));
    for (k, v) in &given {
        logic::check_attribute(k, v, q.fifo())?;
    }
    check_redrive_target(sqs, &q.name, q.fifo(), &given)?;
    let now = sqs.now();
    sqs.store.write(|tx| {
        let mut q = tx.get::<QueueRec>(kind::QUEUE, &q.name)?.ok_or(SqsError::QueueDoesNotExist)?;
        for (k, v) in &given {
            if v.is_empty() && logic::OPTIONAL.contains(&k.as_str()) {
                q.attributes.remove(k);
            } else {
                q.attributes.insert(k.clone(), v.clone());
            }
        }
        q.last_modified = now.floor();
        tx.put(kind::QUEUE, &q.name, &q)?;
        Ok(json!({}))
    })
}

fn delete_queue(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    sqs.store.write(|tx| {
        tx.delete(kind::QUEUE, &q.name)?;
        tx.delete_prefix(kind::MESSAGE, &format!("{}|", q.name))?;
        tx.delete_prefix(kind::DEDUP, &format!("{}|", q.name))?;
        tx.delete_prefix(kind::MOVE_TASK, &format!("{}|", q.name))?;
        Ok::<_, SqsError>(())
    })?;
    tracing::info!(queue = %q.name, "queue deleted");
    Ok(json!({}))
}

fn purge_queue(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let now = sqs.now();
    sqs.store.write(|tx| {
        let mut q = tx.get::<QueueRec>(kind::QUEUE, &q.name)?.ok_or(SqsError::QueueDoesNotExist)?;
        if q.last_purge.is_some_and(|t| now - t < 60.0) {
            return Err(SqsError::PurgeQueueInProgress(q.name.clone()));
        }
        q.last_purge = Some(now);
        tx.delete_prefix(kind::MESSAGE, &format!("{}|", q.name))?;
        tx.put(kind::QUEUE, &q.name, &q)?;
        Ok(json!({}))
    })
}

/// AddPermission: a statement labelled `Label` in the queue's policy allowing the accounts the
/// actions (kept as the Policy attribute; not evaluated here, as there is one account).
fn add_permission(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let label = required(input, "Label")?;
    if label.is_empty() || label.len() > 80 || !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(SqsError::InvalidParameterValue(format!(
            "Value {label} for parameter Label is invalid. Reason: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length."
        )));
    }
    let accounts = strings(input, "AWSAccountIds");
    let actions = strings(input, "Actions");
    if accounts.is_empty() || actions.is_empty() {
        return Err(SqsError::MissingParameter(if accounts.is_empty() { "AWSAccountIds" } else { "Actions" }.into()));
    }
    const ACTIONS: &[&str] = &[
        "*",
        "SendMessage",
        "ReceiveMessage",
        "DeleteMessage",
        "ChangeMessageVisibility",
        "GetQueueAttributes",
        "GetQueueUrl",
        "ListDeadLetterSourceQueues",
        "PurgeQueue",
        "ListQueueTags",
    ];
    if let Some(bad) = actions.iter().find(|a| !ACTIONS.contains(&a.as_str())) {
        return Err(SqsError::InvalidParameterValue(format!(
            "Value SQS:{bad} for parameter ActionName is invalid. Reason: Only the queue owner is allowed to invoke this action."
        )));
    }
    sqs.store.write(|tx| {
        let mut q = tx.get::<QueueRec>(kind::QUEUE, &q.name)?.ok_or(SqsError::QueueDoesNotExist)?;
        let mut policy: Value = q.attributes.get("Policy").and_then(|p| serde_json::from_str(p).ok()).unwrap_or_else(
            || json!({"Version": "2012-10-17", "Id": format!("{}/SQSDefaultPolicy", q.arn), "Statement": []}),
        );
        let statements = policy.get("Statement").and_then(Value::as_array).cloned().unwrap_or_default();
        if statements.iter().any(|st| st.get("Sid").and_then(Value::as_str) == Some(label)) {
            return Err(SqsError::InvalidParameterValue(format!(
                "Value {label} for parameter Label is invalid. Reason: Already exists."
            )));
        }
        let principals: Vec<String> = accounts.iter().map(|a| format!("arn:aws:iam::{a}:root")).collect();
        let actions: Vec<String> = actions.iter().map(|a| format!("SQS:{a}")).collect();
        let mut statements = statements;
        statements.push(json!({
            "Sid": label,
            "Effect": "Allow",
            "Principal": {"AWS": if principals.len() == 1 { json!(principals[0]) } else { json!(principals) }},
            "Action": if actions.len() == 1 { json!(actions[0]) } else { json!(actions) },
            "Resource": q.arn,
        }));
        policy["Statement"] = json!(statements);
        q.attributes.insert("Policy".into(), policy.to_string());
        tx.put(kind::QUEUE, &q.name, &q)?;
        Ok(json!({}))
    })
}

fn remove_permission(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let label = required(input, "Label")?;
    sqs.store.write(|tx| {
        let mut q = tx.get::<QueueRec>(kind::QUEUE, &q.name)?.ok_or(SqsError::QueueDoesNotExist)?;
        let missing = || {
            SqsError::InvalidParameterValue(format!(
                "Value {label} for parameter Label is invalid. Reason: can't find label on existing policy."
            ))
        };
        let mut policy: Value =
            q.attributes.get("Policy").and_then(|p| serde_json::from_str(p).ok()).ok_or_else(missing)?;
        let statements = policy.get("Statement").and_then(Value::as_array).cloned().unwrap_or_default();
        let kept: Vec<Value> =
            statements.iter().filter(|st| st.get("Sid").and_then(Value::as_str) != Some(label)).cloned().collect();
        if kept.len() == statements.len() {
            return Err(missing());
        }
        if kept.is_empty() {
            q.attributes.remove("Policy");
        } else {
            policy["Statement"] = json!(kept);
            q.attributes.insert("Policy".into(), policy.to_string());
        }
        tx.put(kind::QUEUE, &q.name, &q)?;
        Ok(json!({}))
    })
}

fn tag_queue(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let tags = string_map(input.get("Tags"));
    if tags.is_empty() {
        return Err(SqsError::InvalidParameterValue("The request must contain the parameter Tags.".into()));
    }
    sqs.store.write(|tx| {
        let mut q = tx.get::<QueueRec>(kind::QUEUE, &q.name)?.ok_or(SqsError::QueueDoesNotExist)?;
        q.tags.extend(tags);
        if q.tags.len() > 50 {
            return Err(SqsError::InvalidParameterValue("Too many tags added for queue.".into()));
        }
        tx.put(kind::QUEUE, &q.name, &q)?;
        Ok(json!({}))
    })
}

fn untag_queue(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let keys: Vec<String> = input
        .get("TagKeys")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
        .unwrap_or_default();
    sqs.store.write(|tx| {
        let mut q = tx.get::<QueueRec>(kind::QUEUE, &q.name)?.ok_or(SqsError::QueueDoesNotExist)?;
        for k in &keys {
            q.tags.remove(k);
        }
        tx.put(kind::QUEUE, &q.name, &q)?;
        Ok(json!({}))
    })
}

fn list_queue_tags(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    if q.tags.is_empty() {
        return Ok(json!({}));
    }
    Ok(json!({"Tags": q.tags}))
}

// --- sending ------------------------------------------------------------------------------

/// One message to send, as the request gives it.
pub struct Outgoing<'a> {
    pub body: &'a str,
    pub delay: Option<i64>,
    pub attributes: BTreeMap<String, MessageAttr>,
    pub group: Option<&'a str>,
    pub dedup: Option<&'a str>,
}

impl<'a> Outgoing<'a> {
    fn from_input(v: &'a Value) -> Result<Outgoing<'a>> {
        Ok(Outgoing {
            body: v.get("MessageBody").and_then(Value::as_str).unwrap_or_default(),
            delay: int(v, "DelaySeconds"),
            attributes: logic::message_attributes(v.get("MessageAttributes"))?,
            group: v.get("MessageGroupId").and_then(Value::as_str),
            dedup: v.get("MessageDeduplicationId").and_then(Value::as_str),
        })
    }
}

fn not_for_this_queue(param: &str, value: &str) -> SqsError {
    SqsError::InvalidParameterValue(format!(
        "Value {value} for parameter {param} is invalid. Reason: The request include parameter that is not valid for this queue type."
    ))
}

/// Check one message against its queue and make its record (not yet stored).
fn prepare(q: &QueueRec, out: Outgoing<'_>, sender_id: &str, now: f64) -> Result<MessageRec> {
    let Outgoing { body, delay, attributes, group, dedup } = out;
    if body.is_empty() {
        return Err(SqsError::MissingParameter("MessageBody".into()));
    }
    if !logic::valid_body(body) {
        return Err(SqsError::InvalidMessageContents);
    }
    let max = attr_f64(q, "MaximumMessageSize") as usize;
    if body.len() + logic::attributes_size(&attributes) > max {
        return Err(SqsError::InvalidParameterValue(format!(
            "One or more parameters are invalid. Reason: Message must be shorter than {max} bytes."
        )));
    }
    let delay = match delay {
        Some(d) if !(0..=900).contains(&d) => {
            return Err(SqsError::InvalidParameterValue(format!(
                "Value {d} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900."
            )))
        }
        // A FIFO queue's delay is the queue's only.
        Some(d) if q.fifo() && d != 0 => return Err(not_for_this_queue("DelaySeconds", &d.to_string())),
        Some(d) => d as f64,
        None => attr_f64(q, "DelaySeconds"),
    };
    for (param, id) in [("MessageGroupId", group), ("MessageDeduplicationId", dedup)] {
        if let Some(id) = id.filter(|id| !logic::valid_fifo_id(id)) {
            return Err(SqsError::InvalidParameterValue(format!(
                "Value {id} for parameter {param} is invalid. Reason: {param} can only include alphanumeric and punctuation characters. 1 to 128 in length."
            )));
        }
    }
    let dedup_id = if q.fifo() {
        if group.is_none() {
            return Err(SqsError::MissingParameter("MessageGroupId".into()));
        }
        let content_based = q.attributes.get("ContentBasedDeduplication").is_some_and(|v| v == "true");
        Some(logic::dedup_id(dedup, content_based, body).ok_or_else(|| {
            SqsError::InvalidParameterValue(
                "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly".into(),
            )
        })?)
    } else {
        if let Some(d) = dedup {
            return Err(not_for_this_queue("MessageDeduplicationId", d));
        }
        None
    };
    let md5_attributes = logic::md5_of_attributes(&attributes);
    let m = MessageRec {
        id: new_id(),
        body: body.to_string(),
        md5_body: logic::md5_hex(body.as_bytes()),
        attributes,
        md5_attributes,
        sender_id: sender_id.to_string(),
        sent_at: now,
        visible_at: now + delay,
        receive_count: 0,
        first_receive_at: None,
        receipt: None,
        dead_letter_source: None,
        group_id: group.map(String::from),
        dedup_id,
        sequence: None,
    };
    Ok(m)
}

/// Store a prepared message in its queue, within the caller's transaction. A FIFO queue
/// numbers it and, when its deduplication id was seen in the last five minutes, answers as it
/// did then without storing it again.
fn store_message(tx: &store::Tx, queue: &str, m: MessageRec, now: f64) -> Result<MessageRec> {
    let mut m = m;
    let q = tx.get::<QueueRec>(kind::QUEUE, queue)?.ok_or(SqsError::QueueDoesNotExist)?;
    if q.fifo() {
        let dedup = m.dedup_id.clone().unwrap_or_default();
        let dkey = match q.attributes.get("DeduplicationScope").map(String::as_str) {
            Some("messageGroup") => format!("{queue}|{}\n{dedup}", m.group_id.as_deref().unwrap_or_default()),
            _ => format!("{queue}|{dedup}"),
        };
        for (k, d) in tx.list::<DedupRec>(kind::DEDUP, &format!("{queue}|"))? {
            if d.expires <= now {
                tx.delete(kind::DEDUP, &k)?;
            } else if k == dkey {
                m.id = d.message_id;
                m.md5_body = d.md5_body;
                m.md5_attributes = d.md5_attributes;
                m.sequence = d.sequence;
                return Ok(m);
            }
        }
        let (key, seq) = next_key(tx, queue, now)?;
        m.sequence = seq;
        let d = DedupRec {
            message_id: m.id.clone(),
            md5_body: m.md5_body.clone(),
            md5_attributes: m.md5_attributes.clone(),
            sequence: m.sequence.clone(),
            expires: now + 300.0,
        };
        tx.put(kind::DEDUP, &dkey, &d)?;
        tx.put(kind::MESSAGE, &key, &m)?;
        return Ok(m);
    }
    tx.put(kind::MESSAGE, &message_key(queue, now), &m)?;
    Ok(m)
}

/// Send one message to the named queue, committed before it returns.
pub fn send_one(sqs: &Sqs, name: &str, out: Outgoing<'_>, sender_id: &str) -> Result<MessageRec> {
    let q = queue(sqs, name)?;
    let now = sqs.now();
    let m = prepare(&q, out, sender_id, now)?;
    sqs.store.write(|tx| store_message(tx, name, m, now))
}

fn sent_output(m: &MessageRec) -> Value {
    let mut out = json!({"MessageId": m.id, "MD5OfMessageBody": m.md5_body});
    if let Some(md5) = &m.md5_attributes {
        out["MD5OfMessageAttributes"] = json!(md5);
    }
    if let Some(seq) = &m.sequence {
        out["SequenceNumber"] = json!(seq);
    }
    out
}

fn send_message(sqs: &Sqs, cx: &CallContext, input: &Value) -> Result<(Value, Vec<String>)> {
    let q = queue_of(sqs, input)?;
    required(input, "MessageBody")?;
    let m = send_one(sqs, &q.name, Outgoing::from_input(input)?, &cx.principal.user_id)?;
    Ok((sent_output(&m), vec![q.name]))
}

fn entries(input: &Value, what: &str) -> Result<Vec<Value>> {
    let entries = input.get("Entries").and_then(Value::as_array).cloned().unwrap_or_default();
    if entries.is_empty() {
        return Err(SqsError::EmptyBatchRequest(what.to_string()));
    }
    if entries.len() > 10 {
        return Err(SqsError::TooManyEntriesInBatchRequest(entries.len()));
    }
    let mut seen = BTreeSet::new();
    for e in &entries {
        let id = e.get("Id").and_then(Value::as_str).unwrap_or_default();
        let ok =
            !id.is_empty() && id.len() <= 80 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !ok {
            return Err(SqsError::InvalidBatchEntryId);
        }
        if !seen.insert(id.to_string()) {
            return Err(SqsError::BatchEntryIdsNotDistinct(id.to_string()));
        }
    }
    Ok(entries)
}

fn failure(id: &str, e: &SqsError) -> Value {
    json!({"Id": id, "SenderFault": e.sender_fault(), "Code": e.entry_code(), "Message": e.to_string()})
}

fn batch_output(ok: Vec<Value>, failed: Vec<Value>) -> Value {
    json!({"Successful": ok, "Failed": failed})
}

fn send_message_batch(sqs: &Sqs, cx: &CallContext, input: &Value) -> Result<(Value, Vec<String>)> {
    let q = queue_of(sqs, input)?;
    let entries = entries(input, "SendMessageBatchRequestEntry")?;
    let total: usize = entries
        .iter()
        .map(|e| {
            e.get("MessageBody").and_then(Value::as_str).map_or(0, str::len)
                + logic::message_attributes(e.get("MessageAttributes")).map_or(0, |a| logic::attributes_size(&a))
        })
        .sum();
    if total > MAX_BATCH_BYTES {
        return Err(SqsError::BatchRequestTooLong(total));
    }
    let now = sqs.now();
    let mut prepared = Vec::new();
    let mut failed = Vec::new();
    for e in &entries {
        let id = e.get("Id").and_then(Value::as_str).unwrap_or_default().to_string();
        let made = Outgoing::from_input(e).and_then(|out| prepare(&q, out, &cx.principal.user_id, now));
        match made {
            Ok(m) => prepared.push((id, m)),
            Err(err) => failed.push(failure(&id, &err)),
        }
    }
    let stored = sqs.store.write(|tx| {
        let mut stored = Vec::new();
        for (id, m) in prepared {
            stored.push((id, store_message(tx, &q.name, m, now)?));
        }
        Ok::<_, SqsError>(stored)
    })?;
    let ok: Vec<Value> = stored
        .iter()
        .map(|(id, m)| {
            let mut v = sent_output(m);
            v["Id"] = json!(id);
            v
        })
        .collect();
    Ok((batch_output(ok, failed), vec![q.name]))
}

// --- receiving ----------------------------------------------------------------------------

pub struct ReceiveRequest {
    pub queue: String,
    pub max: usize,
    pub visibility: Option<f64>,
    /// Seconds to wait for a message.
    pub wait: f64,
    pub system: Vec<String>,
    pub message_attributes: Vec<String>,
}

fn strings(v: &Value, k: &str) -> Vec<String> {
    v.get(k)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
        .unwrap_or_default()
}

impl ReceiveRequest {
    pub fn parse(sqs: &Sqs, input: &Value) -> Result<ReceiveRequest> {
        let q = queue_of(sqs, input)?;
        let max = int(input, "MaxNumberOfMessages").unwrap_or(1);
        if !(1..=10).contains(&max) {
            return Err(SqsError::InvalidParameterValue(format!(
                "Value {max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."
            )));
        }
        let visibility = int(input, "VisibilityTimeout");
        if let Some(v) = visibility.filter(|v| !(0..=43_200).contains(v)) {
            return Err(SqsError::InvalidParameterValue(format!(
                "Value {v} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided."
            )));
        }
        let wait = match int(input, "WaitTimeSeconds") {
            Some(w) if !(0..=20).contains(&w) => {
                return Err(SqsError::InvalidParameterValue(format!(
                    "Value {w} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."
                )))
            }
            Some(w) => w as f64,
            None => attr_f64(&q, "ReceiveMessageWaitTimeSeconds"),
        };
        let mut system = strings(input, "AttributeNames");
        system.extend(strings(input, "MessageSystemAttributeNames"));
        Ok(ReceiveRequest {
            queue: q.name,
            max: max as usize,
            visibility: visibility.map(|v| v as f64),
            wait,
            system,
            message_attributes: strings(input, "MessageAttributeNames"),
        })
    }
}

/// One look at the queue: take up to `max` visible messages (dropping expired ones, moving
/// those past maxReceiveCount to the dead-letter queue), in one transaction. Returns the
/// messages as answered, when the next hidden one becomes visible, and the queues messages
/// were moved to.
pub fn receive_once(
    sqs: &Sqs,
    _cx: &CallContext,
    req: &ReceiveRequest,
) -> Result<(Vec<Value>, Option<f64>, Vec<String>)> {
    let now = sqs.now();
    sqs.store.write(|tx| {
        let q = tx.get::<QueueRec>(kind::QUEUE, &req.queue)?.ok_or(SqsError::QueueDoesNotExist)?;
        let retention = attr_f64(&q, "MessageRetentionPeriod");
        let visibility = req.visibility.unwrap_or_else(|| attr_f64(&q, "VisibilityTimeout"));
        let mut dlq = None;
        if let Some((target, max)) = q.attributes.get("RedrivePolicy").and_then(|p| logic::parse_redrive(p).ok()) {
            if let Some(d) = queue_name_from_arn(sqs, &target) {
                if tx.exists(kind::QUEUE, &d)? {
                    dlq = Some((d, max));
                }
            }
        }
        let prefix = format!("{}|", q.name);
        let msgs = tx.list::<MessageRec>(kind::MESSAGE, &prefix)?;
        let refs: Vec<&MessageRec> = msgs.iter().map(|(_, m)| m).collect();
        let steps = logic::plan(&refs, now, retention, dlq.as_ref().map(|(_, n)| *n), q.fifo(), req.max);
        let mut out = Vec::new();
        let mut moved = Vec::new();
        let mut next: Option<f64> = None;
        for ((key, mut m), step) in msgs.into_iter().zip(steps) {
            match step {
                Step::Expire => {
                    tx.delete(kind::MESSAGE, &key)?;
                }
                Step::DeadLetter => {
                    let (d, _) = dlq.as_ref().expect("a dead-letter step has a target");
                    tx.delete(kind::MESSAGE, &key)?;
                    m.receipt = None;
                    m.visible_at = now;
                    m.dead_letter_source = Some(q.arn.clone());
                    let (new_key, _) = next_key(tx, d, now)?;
                    tx.put(kind::MESSAGE, &new_key, &m)?;
                    tracing::info!(queue = %q.name, dead_letter_queue = %d, message_id = %m.id, receives = m.receive_count, "message moved to the dead-letter queue");
                    if !moved.contains(d) {
                        moved.push(d.clone());
                    }
                }
                Step::Take => {
                    let token = new_token();
                    logic::take(&mut m, now, visibility, token.clone());
                    tx.put(kind::MESSAGE, &key, &m)?;
                    out.push(render(&key, &m, &token, req, &q.name));
                }
                Step::Leave if m.visible_at > now => {
                    next = Some(next.map_or(m.visible_at, |n: f64| n.min(m.visible_at)));
                }
                Step::Leave => {}
            }
        }
        Ok((out, next, moved))
    })
}

fn render(key: &str, m: &MessageRec, token: &str, req: &ReceiveRequest, queue: &str) -> Value {
    let mut v = json!({
        "MessageId": m.id,
        "ReceiptHandle": logic::receipt_handle(queue, key, token),
        "MD5OfBody": m.md5_body,
        "Body": m.body,
    });
    let all = req.system.iter().any(|s| s == "All");
    let want = |n: &str| all || req.system.iter().any(|s| s == n);
    let mut sys = Map::new();
    if want("SenderId") {
        sys.insert("SenderId".into(), json!(m.sender_id));
    }
    if want("SentTimestamp") {
        sys.insert("SentTimestamp".into(), json!(millis(m.sent_at)));
    }
    if want("ApproximateReceiveCount") {
        sys.insert("ApproximateReceiveCount".into(), json!(m.receive_count.to_string()));
    }
    if want("ApproximateFirstReceiveTimestamp") {
        sys.insert("ApproximateFirstReceiveTimestamp".into(), json!(millis(m.first_receive_at.unwrap_or(m.sent_at))));
    }
    if let Some(src) = m.dead_letter_source.as_ref().filter(|_| want("DeadLetterQueueSourceArn")) {
        sys.insert("DeadLetterQueueSourceArn".into(), json!(src));
    }
    for (name, value) in
        [("MessageGroupId", &m.group_id), ("MessageDeduplicationId", &m.dedup_id), ("SequenceNumber", &m.sequence)]
    {
        if let Some(v) = value.as_ref().filter(|_| want(name)) {
            sys.insert(name.into(), json!(v));
        }
    }
    if !sys.is_empty() {
        v["Attributes"] = Value::Object(sys);
    }
    let chosen: BTreeMap<String, MessageAttr> = m
        .attributes
        .iter()
        .filter(|(k, _)| logic::attribute_wanted(k, &req.message_attributes))
        .map(|(k, a)| (k.clone(), a.clone()))
        .collect();
    if let Some(md5) = logic::md5_of_attributes(&chosen) {
        v["MD5OfMessageAttributes"] = json!(md5);
        let rendered: Map<String, Value> = chosen
            .iter()
            .map(|(k, a)| {
                let mut av = json!({"DataType": a.data_type});
                if let Some(s) = &a.string_value {
                    av["StringValue"] = json!(s);
                }
                if let Some(b) = &a.binary_value {
                    av["BinaryValue"] = json!(b);
                }
                (k.clone(), av)
            })
            .collect();
        v["MessageAttributes"] = Value::Object(rendered);
    }
    v
}

pub fn receive_output(messages: Vec<Value>) -> Value {
    if messages.is_empty() {
        return json!({});
    }
    json!({"Messages": messages})
}

// --- deleting and visibility --------------------------------------------------------------

/// The message key and token of a receipt handle for this queue.
fn handle_for(queue: &str, handle: &str) -> Result<(String, String)> {
    match logic::parse_receipt_handle(handle) {
        Some((q, key, token)) if q == queue => Ok((key, token)),
        _ => Err(SqsError::ReceiptHandleIsInvalid(handle.to_string())),
    }
}

/// Delete by receipt handle inside a transaction. A handle of an earlier receive, or of a
/// message already deleted, succeeds without deleting anything (as SQS documents).
fn delete_in(tx: &store::Tx, queue: &str, handle: &str) -> Result<()> {
    let (key, token) = handle_for(queue, handle)?;
    if let Some(m) = tx.get::<MessageRec>(kind::MESSAGE, &key)? {
        if m.receipt.as_deref() == Some(token.as_str()) {
            tx.delete(kind::MESSAGE, &key)?;
        }
    }
    Ok(())
}

fn delete_message(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let handle = required(input, "ReceiptHandle")?;
    sqs.store.write(|tx| delete_in(tx, &q.name, handle))?;
    Ok(json!({}))
}

fn delete_message_batch(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let entries = entries(input, "DeleteMessageBatchRequestEntry")?;
    sqs.store.write(|tx| {
        let (mut ok, mut failed) = (Vec::new(), Vec::new());
        for e in &entries {
            let id = e.get("Id").and_then(Value::as_str).unwrap_or_default();
            let handle = e.get("ReceiptHandle").and_then(Value::as_str).unwrap_or_default();
            match delete_in(tx, &q.name, handle) {
                Ok(()) => ok.push(json!({"Id": id})),
                Err(err @ SqsError::Store(_)) => return Err(err),
                Err(err) => failed.push(failure(id, &err)),
            }
        }
        Ok(batch_output(ok, failed))
    })
}

fn change_in(tx: &store::Tx, queue: &str, handle: &str, timeout: Option<i64>, now: f64) -> Result<()> {
    let timeout = timeout.ok_or_else(|| SqsError::MissingParameter("VisibilityTimeout".into()))?;
    if !(0..=43_200).contains(&timeout) {
        return Err(SqsError::InvalidParameterValue(format!(
            "Value {timeout} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided."
        )));
    }
    let (key, token) = handle_for(queue, handle)?;
    let gone = || {
        SqsError::InvalidParameterValue(format!(
            "Value {handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change."
        ))
    };
    let mut m = tx.get::<MessageRec>(kind::MESSAGE, &key)?.ok_or_else(gone)?;
    if m.receipt.as_deref() != Some(token.as_str()) {
        return Err(gone());
    }
    if !logic::in_flight(&m, now) {
        return Err(SqsError::MessageNotInflight);
    }
    m.visible_at = now + timeout as f64;
    tx.put(kind::MESSAGE, &key, &m)?;
    Ok(())
}

fn change_message_visibility(sqs: &Sqs, input: &Value) -> Result<(Value, String)> {
    let q = queue_of(sqs, input)?;
    let handle = required(input, "ReceiptHandle")?;
    let now = sqs.now();
    sqs.store.write(|tx| change_in(tx, &q.name, handle, int(input, "VisibilityTimeout"), now))?;
    Ok((json!({}), q.name))
}

fn change_message_visibility_batch(sqs: &Sqs, input: &Value) -> Result<(Value, String)> {
    let q = queue_of(sqs, input)?;
    let entries = entries(input, "ChangeMessageVisibilityBatchRequestEntry")?;
    let now = sqs.now();
    sqs.store
        .write(|tx| {
            let (mut ok, mut failed) = (Vec::new(), Vec::new());
            for e in &entries {
                let id = e.get("Id").and_then(Value::as_str).unwrap_or_default();
                let handle = e.get("ReceiptHandle").and_then(Value::as_str).unwrap_or_default();
                match change_in(tx, &q.name, handle, int(e, "VisibilityTimeout"), now) {
                    Ok(()) => ok.push(json!({"Id": id})),
                    Err(err @ SqsError::Store(_)) => return Err(err),
                    Err(err) => failed.push(failure(id, &err)),
                }
            }
            Ok(batch_output(ok, failed))
        })
        .map(|out| (out, q.name))
}
