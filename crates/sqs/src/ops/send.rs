//! Sending: checks, FIFO numbering and deduplication, SendMessage and SendMessageBatch.

use super::*;

/// One message to send, as the request gives it.
pub(crate) struct Outgoing<'a> {
    pub body: &'a str,
    pub delay: Option<i64>,
    pub attributes: BTreeMap<String, MessageAttr>,
    pub group: Option<&'a str>,
    pub dedup: Option<&'a str>,
    /// AWSTraceHeader and the MD5 of the system attributes.
    pub trace: Option<(String, String)>,
}

impl<'a> Outgoing<'a> {
    fn from_input(v: &'a Value) -> Result<Outgoing<'a>> {
        Ok(Outgoing {
            body: v.get("MessageBody").and_then(Value::as_str).unwrap_or_default(),
            delay: int(v, "DelaySeconds"),
            attributes: logic::message_attributes(v.get("MessageAttributes"))?,
            group: v.get("MessageGroupId").and_then(Value::as_str),
            dedup: v.get("MessageDeduplicationId").and_then(Value::as_str),
            trace: logic::system_attributes(v.get("MessageSystemAttributes"))?,
        })
    }
}

pub(crate) fn not_for_this_queue(param: &str, value: &str) -> SqsError {
    SqsError::InvalidParameterValue(format!(
        "Value {value} for parameter {param} is invalid. Reason: The request include parameter that is not valid for this queue type."
    ))
}

/// Check one message against its queue and make its record (not yet stored).
pub(crate) fn prepare(q: &QueueRec, out: Outgoing<'_>, sender_id: &str, now: f64) -> Result<MessageRec> {
    let Outgoing { body, delay, attributes, group, dedup, trace } = out;
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
        md5_system: trace.as_ref().map(|(_, md5)| md5.clone()),
        trace_header: trace.map(|(t, _)| t),
    };
    Ok(m)
}

/// Store a prepared message in its queue, within the caller's transaction. A FIFO queue
/// numbers it and, when its deduplication id was seen in the last five minutes, answers as it
/// did then without storing it again.
pub(crate) fn store_message(tx: &store::Tx, queue: &str, m: MessageRec, now: f64) -> Result<MessageRec> {
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
pub(crate) fn send_one(sqs: &Sqs, name: &str, out: Outgoing<'_>, sender_id: &str) -> Result<MessageRec> {
    let q = queue(sqs, name)?;
    let now = sqs.now();
    let m = prepare(&q, out, sender_id, now)?;
    sqs.store.write(|tx| store_message(tx, name, m, now))
}

pub(crate) fn sent_output(m: &MessageRec) -> Value {
    let mut out = json!({"MessageId": m.id, "MD5OfMessageBody": m.md5_body});
    if let Some(md5) = &m.md5_attributes {
        out["MD5OfMessageAttributes"] = json!(md5);
    }
    if let Some(seq) = &m.sequence {
        out["SequenceNumber"] = json!(seq);
    }
    if let Some(md5) = &m.md5_system {
        out["MD5OfMessageSystemAttributes"] = json!(md5);
    }
    out
}

pub(crate) fn send_message(sqs: &Sqs, cx: &CallContext, input: &Value) -> Result<(Value, Vec<String>)> {
    let q = queue_of(sqs, input)?;
    required(input, "MessageBody")?;
    let m = send_one(sqs, &q.name, Outgoing::from_input(input)?, &cx.principal.user_id)?;
    sqs.meter.count(&q.name, |c| {
        c.sent += 1;
        c.sent_bytes += m.body.len() as u64;
    });
    Ok((sent_output(&m), vec![q.name]))
}

pub(crate) fn entries(input: &Value, what: &str) -> Result<Vec<Value>> {
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

pub(crate) fn failure(id: &str, e: &SqsError) -> Value {
    json!({"Id": id, "SenderFault": e.sender_fault(), "Code": e.entry_code(), "Message": e.to_string()})
}

pub(crate) fn batch_output(ok: Vec<Value>, failed: Vec<Value>) -> Value {
    json!({"Successful": ok, "Failed": failed})
}

pub(crate) fn send_message_batch(sqs: &Sqs, cx: &CallContext, input: &Value) -> Result<(Value, Vec<String>)> {
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
    sqs.meter.count(&q.name, |c| {
        c.sent += stored.len() as u64;
        c.sent_bytes += stored.iter().map(|(_, m)| m.body.len() as u64).sum::<u64>();
    });
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
