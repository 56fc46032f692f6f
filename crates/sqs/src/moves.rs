//! Message move tasks: a dead-letter queue's messages redriven to the queues they came from
//! (or to one destination). A task moves every message that is not in flight, in one
//! transaction, within the call that starts it, and is kept as COMPLETED for
//! ListMessageMoveTasks; the moved messages start over (receive count 0, visible at once).

use base64::Engine;
use serde_json::{json, Value};

use crate::error::{Result, SqsError};
use crate::logic;
use crate::ops::{message_key, new_id, next_key, queue, queue_name_from_arn};
use crate::records::{kind, MessageRec, MoveTaskRec, QueueRec};
use crate::Sqs;

fn not_found() -> SqsError {
    SqsError::ResourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.".into())
}

fn handle_for(source_arn: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(json!({"taskId": new_id(), "sourceArn": source_arn}).to_string())
}

/// The source queue's ARN a task handle names.
pub fn source_of_handle(handle: &str) -> Option<String> {
    let raw = base64::engine::general_purpose::STANDARD.decode(handle).ok()?;
    let doc: Value = serde_json::from_slice(&raw).ok()?;
    doc.get("sourceArn").and_then(Value::as_str).map(String::from)
}

/// The queue ARN's queue, or ResourceNotFoundException.
fn existing(sqs: &Sqs, arn: &str) -> Result<QueueRec> {
    queue_name_from_arn(sqs, arn).and_then(|n| queue(sqs, &n).ok()).ok_or_else(not_found)
}

pub fn start(sqs: &Sqs, input: &Value) -> Result<(Value, Vec<String>)> {
    let source_arn = input.get("SourceArn").and_then(Value::as_str).unwrap_or_default();
    let source = existing(sqs, source_arn)?;
    let destination = match input.get("DestinationArn").and_then(Value::as_str) {
        Some(d) => Some(existing(sqs, d).map_err(|_| {
            SqsError::ResourceNotFound(
                "The resource that you specified for the DestinationArn parameter doesn't exist.".into(),
            )
        })?),
        None => None,
    };
    let rate = input.get("MaxNumberOfMessagesPerSecond").and_then(Value::as_i64);
    if let Some(r) = rate.filter(|r| !(1..=500).contains(r)) {
        return Err(SqsError::InvalidParameterValue(format!(
            "Value {r} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500."
        )));
    }
    let now = sqs.now();
    let (task, woken) = sqs.store.write(|tx| {
        let is_dlq = tx.list::<QueueRec>(kind::QUEUE, "")?.iter().any(|(_, q)| {
            q.attributes
                .get("RedrivePolicy")
                .and_then(|p| logic::parse_redrive(p).ok())
                .is_some_and(|(target, _)| target == source.arn)
        });
        if !is_dlq {
            return Err(SqsError::InvalidParameterValue(
                "Source queue must be configured as a Dead Letter Queue.".into(),
            ));
        }
        let prefix = format!("{}|", source.name);
        let mut moved = 0u64;
        let mut to_move = 0u64;
        let mut woken: Vec<String> = Vec::new();
        for (key, m) in tx.list::<MessageRec>(kind::MESSAGE, &prefix)? {
            if logic::in_flight(&m, now) {
                continue;
            }
            to_move += 1;
            let target = match (&destination, &m.dead_letter_source) {
                (Some(d), _) => Some(d.name.clone()),
                (None, Some(src)) => queue_name_from_arn(sqs, src),
                (None, None) => None,
            };
            let Some(target) = target.filter(|t| tx.exists(kind::QUEUE, t).unwrap_or(false)) else { continue };
            tx.delete(kind::MESSAGE, &key)?;
            let moved_msg = MessageRec {
                visible_at: now,
                receive_count: 0,
                first_receive_at: None,
                receipt: None,
                dead_letter_source: None,
                ..m
            };
            let (key, _) = next_key(tx, &target, now)?;
            tx.put(kind::MESSAGE, &key, &moved_msg)?;
            moved += 1;
            if !woken.contains(&target) {
                woken.push(target);
            }
        }
        let task = MoveTaskRec {
            handle: handle_for(&source.arn),
            source_arn: source.arn.clone(),
            destination_arn: destination.as_ref().map(|d| d.arn.clone()),
            rate,
            status: "COMPLETED".into(),
            moved,
            to_move,
            started: (now * 1000.0) as u64,
        };
        tx.put(kind::MOVE_TASK, &message_key(&source.name, now), &task)?;
        Ok((task, woken))
    })?;
    tracing::info!(source = %source.name, moved = task.moved, "message move task completed");
    Ok((json!({"TaskHandle": task.handle}), woken))
}

pub fn list(sqs: &Sqs, input: &Value) -> Result<Value> {
    let source_arn = input.get("SourceArn").and_then(Value::as_str).unwrap_or_default();
    let source = existing(sqs, source_arn)?;
    let max = input.get("MaxResults").and_then(Value::as_i64).unwrap_or(1);
    if !(1..=10).contains(&max) {
        return Err(SqsError::InvalidParameterValue(format!(
            "Value {max} for parameter MaxResults is invalid. Reason: Must be between 1 and 10."
        )));
    }
    let mut tasks = sqs.store.read(|tx| tx.list::<MoveTaskRec>(kind::MOVE_TASK, &format!("{}|", source.name)))?;
    tasks.reverse();
    let results: Vec<Value> = tasks
        .into_iter()
        .take(max as usize)
        .map(|(_, t)| {
            let mut v = json!({
                "Status": t.status,
                "SourceArn": t.source_arn,
                "ApproximateNumberOfMessagesMoved": t.moved,
                "ApproximateNumberOfMessagesToMove": t.to_move,
                "StartedTimestamp": t.started,
            });
            if let Some(d) = t.destination_arn {
                v["DestinationArn"] = json!(d);
            }
            if let Some(r) = t.rate {
                v["MaxNumberOfMessagesPerSecond"] = json!(r);
            }
            if t.status == "RUNNING" {
                v["TaskHandle"] = json!(t.handle);
            }
            v
        })
        .collect();
    Ok(json!({"Results": results}))
}

pub fn cancel(sqs: &Sqs, input: &Value) -> Result<Value> {
    let handle = input.get("TaskHandle").and_then(Value::as_str).unwrap_or_default();
    let gone = || SqsError::ResourceNotFound("The task handle does not name a running message move task.".into());
    let source = source_of_handle(handle).ok_or_else(gone)?;
    let name = queue_name_from_arn(sqs, &source).ok_or_else(gone)?;
    let tasks = sqs.store.read(|tx| tx.list::<MoveTaskRec>(kind::MOVE_TASK, &format!("{name}|")))?;
    // Tasks complete within StartMessageMoveTask: none is ever RUNNING to cancel.
    match tasks.into_iter().find(|(_, t)| t.handle == handle) {
        Some((_, t)) if t.status == "RUNNING" => Ok(json!({"ApproximateNumberOfMessagesMoved": t.moved})),
        _ => Err(gone()),
    }
}
