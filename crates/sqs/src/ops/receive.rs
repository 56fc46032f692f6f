//! Receiving (one look of a ReceiveMessage; the long poll is `lib.rs`'s), deleting and
//! changing visibility.

use super::*;

pub(crate) struct ReceiveRequest {
    pub queue: String,
    pub max: usize,
    pub visibility: Option<f64>,
    /// Seconds to wait for a message.
    pub wait: f64,
    pub system: Vec<String>,
    pub message_attributes: Vec<String>,
}

pub(crate) fn strings(v: &Value, k: &str) -> Vec<String> {
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
pub(crate) fn receive_once(
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

pub(crate) fn render(key: &str, m: &MessageRec, token: &str, req: &ReceiveRequest, queue: &str) -> Value {
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
    for (name, value) in [
        ("MessageGroupId", &m.group_id),
        ("MessageDeduplicationId", &m.dedup_id),
        ("SequenceNumber", &m.sequence),
        ("AWSTraceHeader", &m.trace_header),
    ] {
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

pub(crate) fn receive_output(messages: Vec<Value>) -> Value {
    if messages.is_empty() {
        return json!({});
    }
    json!({"Messages": messages})
}

// Deleting and changing visibility.

/// The message key and token of a receipt handle for this queue.
pub(crate) fn handle_for(queue: &str, handle: &str) -> Result<(String, String)> {
    match logic::parse_receipt_handle(handle) {
        Some((q, key, token)) if q == queue => Ok((key, token)),
        _ => Err(SqsError::ReceiptHandleIsInvalid(handle.to_string())),
    }
}

/// Delete by receipt handle inside a transaction. A handle of an earlier receive, or of a
/// message already deleted, succeeds without deleting anything (as SQS documents).
/// Whether a message was deleted.
pub(crate) fn delete_in(tx: &store::Tx, queue: &str, handle: &str) -> Result<bool> {
    let (key, token) = handle_for(queue, handle)?;
    if let Some(m) = tx.get::<MessageRec>(kind::MESSAGE, &key)? {
        if m.receipt.as_deref() == Some(token.as_str()) {
            return Ok(tx.delete(kind::MESSAGE, &key)?);
        }
    }
    Ok(false)
}

pub(crate) fn delete_message(sqs: &Sqs, input: &Value) -> Result<(Value, QueueRec)> {
    let q = queue_of(sqs, input)?;
    let handle = required(input, "ReceiptHandle")?;
    if sqs.store.write(|tx| delete_in(tx, &q.name, handle))? {
        sqs.meter.count(&q.name, |c| c.deleted += 1);
    }
    Ok((json!({}), q))
}

pub(crate) fn delete_message_batch(sqs: &Sqs, input: &Value) -> Result<(Value, QueueRec)> {
    let q = queue_of(sqs, input)?;
    let entries = entries(input, "DeleteMessageBatchRequestEntry")?;
    let (out, deleted) = sqs.store.write(|tx| {
        let (mut ok, mut failed, mut deleted) = (Vec::new(), Vec::new(), 0u64);
        for e in &entries {
            let id = e.get("Id").and_then(Value::as_str).unwrap_or_default();
            let handle = e.get("ReceiptHandle").and_then(Value::as_str).unwrap_or_default();
            match delete_in(tx, &q.name, handle) {
                Ok(gone) => {
                    deleted += u64::from(gone);
                    ok.push(json!({"Id": id}))
                }
                Err(err @ SqsError::Store(_)) => return Err(err),
                Err(err) => failed.push(failure(id, &err)),
            }
        }
        Ok((batch_output(ok, failed), deleted))
    })?;
    sqs.meter.count(&q.name, |c| c.deleted += deleted);
    Ok((out, q))
}

pub(crate) fn change_in(tx: &store::Tx, queue: &str, handle: &str, timeout: Option<i64>, now: f64) -> Result<()> {
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

pub(crate) fn change_message_visibility(sqs: &Sqs, input: &Value) -> Result<(Value, String)> {
    let q = queue_of(sqs, input)?;
    let handle = required(input, "ReceiptHandle")?;
    let now = sqs.now();
    sqs.store.write(|tx| change_in(tx, &q.name, handle, int(input, "VisibilityTimeout"), now))?;
    Ok((json!({}), q.name))
}

pub(crate) fn change_message_visibility_batch(sqs: &Sqs, input: &Value) -> Result<(Value, String)> {
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
