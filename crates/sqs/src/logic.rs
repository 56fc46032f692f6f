//! The queue's rules as pure functions of the records and the time ("now" is passed in):
//! which messages a receive may take, when they expire or go to the dead-letter queue, the
//! counts GetQueueAttributes reports, attribute checks and defaults, the MD5 digests SQS
//! answers with, and receipt handles.

use std::collections::BTreeMap;

use base64::Engine;
use md5::{Digest, Md5};
use serde_json::Value;

use crate::error::SqsError;
use crate::records::{MessageAttr, MessageRec};

/// The attributes CreateQueue and SetQueueAttributes accept, with their defaults.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("DelaySeconds", "0"),
    ("MaximumMessageSize", "1048576"),
    ("MessageRetentionPeriod", "345600"),
    ("ReceiveMessageWaitTimeSeconds", "0"),
    ("VisibilityTimeout", "30"),
    ("SqsManagedSseEnabled", "true"),
];

/// Settable attributes without a default (absent until set).
pub const OPTIONAL: &[&str] =
    &["Policy", "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds"];

/// Attributes GetQueueAttributes computes.
pub const COMPUTED: &[&str] = &[
    "QueueArn",
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
];

/// What a receive finds a message to be at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Delayed or in flight.
    Hidden,
    /// Visible: it may be received.
    Available,
    /// Older than the queue's retention period: dropped.
    Expired,
    /// Visible, but received `maxReceiveCount` times already: it moves to the dead-letter queue.
    DeadLetter,
}

pub fn fate(m: &MessageRec, now: f64, retention: f64, max_receive: Option<u32>) -> Fate {
    if m.sent_at + retention <= now {
        Fate::Expired
    } else if m.visible_at > now {
        Fate::Hidden
    } else if max_receive.is_some_and(|max| m.receive_count >= max) {
        Fate::DeadLetter
    } else {
        Fate::Available
    }
}

/// Receive `m` at `now`: counted, hidden for `visibility` seconds, with a new receipt token.
pub fn take(m: &mut MessageRec, now: f64, visibility: f64, token: String) {
    m.receive_count += 1;
    m.first_receive_at.get_or_insert(now);
    m.visible_at = now + visibility;
    m.receipt = Some(token);
}

/// A received message is in flight until its visibility timeout ends.
pub fn in_flight(m: &MessageRec, now: f64) -> bool {
    m.receive_count > 0 && m.visible_at > now
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub visible: usize,
    pub not_visible: usize,
    pub delayed: usize,
}

pub fn counts<'a>(msgs: impl IntoIterator<Item = &'a MessageRec>, now: f64, retention: f64) -> Counts {
    let mut c = Counts::default();
    for m in msgs {
        if m.sent_at + retention <= now {
            continue;
        }
        if m.visible_at <= now {
            c.visible += 1;
        } else if m.receive_count > 0 {
            c.not_visible += 1;
        } else {
            c.delayed += 1;
        }
    }
    c
}

/// The earliest moment after `now` at which a hidden message becomes visible.
pub fn next_visible<'a>(msgs: impl IntoIterator<Item = &'a MessageRec>, now: f64) -> Option<f64> {
    msgs.into_iter().map(|m| m.visible_at).filter(|t| *t > now).reduce(f64::min)
}

pub fn md5_hex(bytes: &[u8]) -> String {
    hex::encode(Md5::digest(bytes))
}

/// MD5OfMessageAttributes as SQS computes it: over the attributes sorted by name, each as
/// length-prefixed (4 bytes, big-endian) name and data type, a transport byte (1 string,
/// 2 binary) and the length-prefixed value.
pub fn md5_of_attributes(attrs: &BTreeMap<String, MessageAttr>) -> Option<String> {
    if attrs.is_empty() {
        return None;
    }
    let mut buf = Vec::new();
    let put = |buf: &mut Vec<u8>, b: &[u8]| {
        buf.extend_from_slice(&(b.len() as u32).to_be_bytes());
        buf.extend_from_slice(b);
    };
    for (name, a) in attrs {
        put(&mut buf, name.as_bytes());
        put(&mut buf, a.data_type.as_bytes());
        if let Some(s) = &a.string_value {
            buf.push(1);
            put(&mut buf, s.as_bytes());
        } else if let Some(b) = &a.binary_value {
            buf.push(2);
            let raw = base64::engine::general_purpose::STANDARD.decode(b).unwrap_or_default();
            put(&mut buf, &raw);
        }
    }
    Some(md5_hex(&buf))
}

/// SendMessage's MessageSystemAttributes: only AWSTraceHeader, a String (the model's enum names
/// no other); its value and MD5OfMessageSystemAttributes (the message attributes' recipe).
pub fn system_attributes(input: Option<&Value>) -> Result<Option<(String, String)>, SqsError> {
    let Some(map) = input.and_then(Value::as_object).filter(|m| !m.is_empty()) else { return Ok(None) };
    let Some(v) = map.get("AWSTraceHeader") else { return Ok(None) };
    let data_type = v.get("DataType").and_then(Value::as_str).unwrap_or_default();
    let value = v.get("StringValue").and_then(Value::as_str).filter(|s| !s.is_empty());
    let (Some(value), "String") = (value, data_type) else {
        return Err(SqsError::InvalidParameterValue(
            "Message (system) attribute 'AWSTraceHeader' must be a non-empty value of type 'String'.".into(),
        ));
    };
    let attr = MessageAttr { data_type: "String".into(), string_value: Some(value.to_string()), binary_value: None };
    let md5 = md5_of_attributes(&[("AWSTraceHeader".to_string(), attr)].into()).unwrap_or_default();
    Ok(Some((value.to_string(), md5)))
}

/// Characters SQS allows in a message body: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to
/// #xFFFD | #x10000 to #x10FFFF.
pub fn valid_body(body: &str) -> bool {
    body.chars().all(|c| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
    })
}

/// Queue names: 1–80 alphanumerics, hyphens and underscores; a FIFO queue's end in `.fifo`
/// (counted in the 80).
pub fn valid_queue_name(name: &str) -> bool {
    let base = name.strip_suffix(".fifo").unwrap_or(name);
    !base.is_empty() && name.len() <= 80 && base.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// What a receive does with each message, in sending order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Leave,
    Take,
    Expire,
    DeadLetter,
}

/// Plan one receive over a queue's messages in sending order: up to `max` available ones are
/// taken; expired ones dropped; those past maxReceiveCount dead-lettered. In a FIFO queue a
/// message group is held while any of its messages is hidden (in flight or delayed) or left
/// behind, so that its messages are received in order, one batch at a time.
pub fn plan(
    msgs: &[&MessageRec],
    now: f64,
    retention: f64,
    max_receive: Option<u32>,
    fifo: bool,
    max: usize,
) -> Vec<Step> {
    let mut taken = 0;
    let mut held: Vec<&str> = Vec::new();
    let mut steps = Vec::with_capacity(msgs.len());
    for m in msgs {
        let group = m.group_id.as_deref().unwrap_or_default();
        let step = match fate(m, now, retention, max_receive) {
            Fate::Expired => Step::Expire,
            Fate::DeadLetter => Step::DeadLetter,
            Fate::Hidden => {
                held.push(group);
                Step::Leave
            }
            Fate::Available if fifo && held.contains(&group) => Step::Leave,
            Fate::Available if taken < max => {
                taken += 1;
                Step::Take
            }
            Fate::Available => {
                held.push(group);
                Step::Leave
            }
        };
        steps.push(step);
    }
    steps
}

/// The deduplication id of a FIFO message: the given one, or with ContentBasedDeduplication
/// the SHA-256 of the body.
pub fn dedup_id(given: Option<&str>, content_based: bool, body: &str) -> Option<String> {
    use sha2::Sha256;
    match given {
        Some(id) => Some(id.to_string()),
        None if content_based => Some(hex::encode(Sha256::digest(body.as_bytes()))),
        None => None,
    }
}

/// Group and deduplication ids: 1–128 characters, alphanumerics and punctuation.
pub fn valid_fifo_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 128 && id.chars().all(|c| c.is_ascii_alphanumeric() || c.is_ascii_punctuation())
}

fn invalid_value(name: &str) -> SqsError {
    SqsError::InvalidAttributeValue(format!("Invalid value for the parameter {name}."))
}

fn in_range(name: &str, value: &str, lo: i64, hi: i64) -> Result<(), SqsError> {
    match value.trim().parse::<i64>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(()),
        _ => Err(invalid_value(name)),
    }
}

/// A dead-letter target and its maxReceiveCount, from a RedrivePolicy document (the count may
/// be a number or a numeric string, as SQS accepts both).
pub fn parse_redrive(value: &str) -> Result<(String, u32), SqsError> {
    let bad = |why: &str| {
        SqsError::InvalidParameterValue(format!("Value {value} for parameter RedrivePolicy is invalid. Reason: {why}"))
    };
    let doc: Value = serde_json::from_str(value).map_err(|_| bad("Redrive policy is not a valid JSON map."))?;
    let target = doc
        .get("deadLetterTargetArn")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("Redrive policy does not contain mandatory attribute: deadLetterTargetArn."))?;
    let count = match doc.get("maxReceiveCount") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.parse::<u64>().ok(),
        None => return Err(bad("Redrive policy does not contain mandatory attribute: maxReceiveCount.")),
        _ => None,
    };
    let count = count
        .filter(|n| (1..=1000).contains(n))
        .ok_or_else(|| bad("Invalid value for maxReceiveCount: must be an integer from 1 to 1000."))?;
    Ok((target.to_string(), count as u32))
}

/// FIFO queues' own attributes, with their defaults.
pub const FIFO_DEFAULTS: &[(&str, &str)] = &[
    ("FifoQueue", "true"),
    ("ContentBasedDeduplication", "false"),
    ("DeduplicationScope", "queue"),
    ("FifoThroughputLimit", "perQueue"),
];

/// Check one settable attribute's name and value for a standard or FIFO queue (the
/// dead-letter target's existence is the caller's to check). FifoQueue itself is CreateQueue's.
pub fn check_attribute(name: &str, value: &str, fifo: bool) -> Result<(), SqsError> {
    let one_of = |allowed: &[&str]| if allowed.contains(&value) { Ok(()) } else { Err(invalid_value(name)) };
    match name {
        "ContentBasedDeduplication" if fifo => one_of(&["true", "false"]),
        "DeduplicationScope" if fifo => one_of(&["queue", "messageGroup"]),
        "FifoThroughputLimit" if fifo => one_of(&["perQueue", "perMessageGroupId"]),
        "DelaySeconds" => in_range(name, value, 0, 900),
        "MaximumMessageSize" => in_range(name, value, 1024, 1_048_576),
        "MessageRetentionPeriod" => in_range(name, value, 60, 1_209_600),
        "ReceiveMessageWaitTimeSeconds" => in_range(name, value, 0, 20),
        "VisibilityTimeout" => in_range(name, value, 0, 43_200),
        "KmsDataKeyReusePeriodSeconds" => in_range(name, value, 60, 86_400),
        "SqsManagedSseEnabled" if value != "true" && value != "false" => Err(invalid_value(name)),
        "SqsManagedSseEnabled" | "KmsMasterKeyId" => Ok(()),
        "Policy" | "RedriveAllowPolicy" if !value.is_empty() && serde_json::from_str::<Value>(value).is_err() => {
            Err(invalid_value(name))
        }
        "Policy" | "RedriveAllowPolicy" => Ok(()),
        "RedrivePolicy" if value.is_empty() => Ok(()),
        "RedrivePolicy" => parse_redrive(value).map(|_| ()),
        _ => Err(SqsError::InvalidAttributeName(format!("Unknown Attribute {name}."))),
    }
}

/// An attribute's value as SQS keeps and answers it: a RedrivePolicy as
/// `{"deadLetterTargetArn":…,"maxReceiveCount":n}` (the count a number, however it was given);
/// anything else as given. Call on checked values.
pub fn normalized(name: &str, value: &str) -> String {
    match (name, parse_redrive(value)) {
        ("RedrivePolicy", Ok((target, count))) => {
            serde_json::json!({"deadLetterTargetArn": target, "maxReceiveCount": count}).to_string()
        }
        _ => value.to_string(),
    }
}

/// Whether CreateQueue's attributes ask for a FIFO queue (FifoQueue "true"; "false" is a
/// standard queue; anything else is refused).
pub fn wants_fifo(given: &BTreeMap<String, String>) -> Result<bool, SqsError> {
    match given.get("FifoQueue").map(String::as_str) {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(_) => Err(invalid_value("FifoQueue")),
    }
}

/// The queue's attributes for CreateQueue: defaults, then the given ones (checked).
pub fn initial_attributes(given: &BTreeMap<String, String>) -> Result<BTreeMap<String, String>, SqsError> {
    let fifo = wants_fifo(given)?;
    let mut out: BTreeMap<String, String> = DEFAULTS.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    if fifo {
        out.extend(FIFO_DEFAULTS.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    }
    for (k, v) in given {
        if k == "FifoQueue" {
            continue;
        }
        check_attribute(k, v, fifo)?;
        if !(k == "RedrivePolicy" && v.is_empty()) {
            out.insert(k.clone(), normalized(k, v));
        }
    }
    Ok(out)
}

/// The first given attribute whose value differs from the existing queue's (CreateQueue on an
/// existing name succeeds only when none does).
pub fn differing_attribute(existing: &BTreeMap<String, String>, given: &BTreeMap<String, String>) -> Option<String> {
    let wanted = initial_attributes(given).ok()?;
    let existing_fifo = existing.get("FifoQueue").is_some_and(|v| v == "true");
    if existing_fifo != wanted.get("FifoQueue").is_some_and(|v| v == "true") {
        return Some("FifoQueue".into());
    }
    given.keys().find(|k| existing.get(*k) != wanted.get(*k)).cloned()
}

/// Check and normalise one message's attributes (names, types, values, at most 10).
pub fn message_attributes(input: Option<&Value>) -> Result<BTreeMap<String, MessageAttr>, SqsError> {
    let mut out = BTreeMap::new();
    let Some(map) = input.and_then(Value::as_object) else { return Ok(out) };
    if map.len() > 10 {
        return Err(SqsError::InvalidParameterValue(format!(
            "Number of message attributes [{}] exceeds the allowed maximum [10].",
            map.len()
        )));
    }
    for (name, v) in map {
        let name_ok = !name.is_empty()
            && name.len() <= 256
            && name.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
            && !name.starts_with('.')
            && !name.ends_with('.')
            && !name.contains("..")
            && !name.to_ascii_lowercase().starts_with("aws.")
            && !name.to_ascii_lowercase().starts_with("amazon.");
        if !name_ok {
            return Err(SqsError::InvalidParameterValue(format!("Message attribute name '{name}' is invalid.")));
        }
        let data_type = v.get("DataType").and_then(Value::as_str).unwrap_or_default().to_string();
        let base = data_type.split('.').next().unwrap_or_default();
        let string_value = v.get("StringValue").and_then(Value::as_str).map(String::from);
        let binary_value = v.get("BinaryValue").and_then(Value::as_str).map(String::from);
        let attr = match base {
            "String" | "Number" => {
                let Some(s) = string_value.filter(|s| !s.is_empty()) else {
                    return Err(SqsError::InvalidParameterValue(format!(
                        "Message (user) attribute '{name}' must contain a non-empty value of type '{base}'."
                    )));
                };
                if base == "Number" && s.trim().parse::<f64>().is_err() {
                    return Err(SqsError::InvalidParameterValue(format!(
                        "Value {s} for parameter MessageAttributes.{name} is invalid. Reason: Number attribute value must be a number."
                    )));
                }
                MessageAttr { data_type, string_value: Some(s), binary_value: None }
            }
            "Binary" => {
                let Some(b) = binary_value.filter(|b| !b.is_empty()) else {
                    return Err(SqsError::InvalidParameterValue(format!(
                        "Message (user) attribute '{name}' must contain a non-empty value of type 'Binary'."
                    )));
                };
                MessageAttr { data_type, string_value: None, binary_value: Some(b) }
            }
            _ => {
                return Err(SqsError::InvalidParameterValue(format!(
                    "The type of message (user) attribute '{name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String."
                )))
            }
        };
        out.insert(name.clone(), attr);
    }
    Ok(out)
}

/// The attributes' size as SQS counts it toward the message size: names, types and values.
pub fn attributes_size(attrs: &BTreeMap<String, MessageAttr>) -> usize {
    attrs
        .iter()
        .map(|(k, a)| {
            k.len()
                + a.data_type.len()
                + a.string_value.as_ref().map_or(0, String::len)
                + a.binary_value.as_ref().map_or(0, |b| b.len() * 3 / 4)
        })
        .sum()
}

/// Whether a message attribute name is asked for by ReceiveMessage's MessageAttributeNames
/// (`All`, `.*`, exact names, `prefix.*`).
pub fn attribute_wanted(name: &str, asked: &[String]) -> bool {
    asked.iter().any(|a| {
        a == "All" || a == ".*" || a == name || a.strip_suffix(".*").is_some_and(|p| name.starts_with(&format!("{p}.")))
    })
}

/// A receipt handle: the queue, the message's key and the receipt's token, base64.
pub fn receipt_handle(queue: &str, key: &str, token: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{queue}\n{key}\n{token}"))
}

/// (queue, key, token) of a receipt handle; None when it is not one of ours.
pub fn parse_receipt_handle(handle: &str) -> Option<(String, String, String)> {
    let raw = base64::engine::general_purpose::STANDARD.decode(handle).ok()?;
    let text = String::from_utf8(raw).ok()?;
    let mut parts = text.split('\n');
    let (q, k, t) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || q.is_empty() || t.is_empty() || !k.starts_with(&format!("{q}|")) {
        return None;
    }
    Some((q.to_string(), k.to_string(), t.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(sent_at: f64) -> MessageRec {
        MessageRec {
            id: "m".into(),
            body: "b".into(),
            md5_body: md5_hex(b"b"),
            attributes: BTreeMap::new(),
            md5_attributes: None,
            sender_id: "s".into(),
            sent_at,
            visible_at: sent_at,
            receive_count: 0,
            first_receive_at: None,
            receipt: None,
            dead_letter_source: None,
            group_id: None,
            dedup_id: None,
            sequence: None,
            trace_header: None,
            md5_system: None,
        }
    }

    #[test]
    fn visibility_timeout_hides_then_shows_a_received_message() {
        let mut m = msg(100.0);
        assert_eq!(fate(&m, 100.0, 345600.0, None), Fate::Available);
        take(&mut m, 101.0, 30.0, "t1".into());
        assert_eq!(m.receive_count, 1);
        assert_eq!(m.first_receive_at, Some(101.0));
        assert!(in_flight(&m, 130.9));
        assert_eq!(fate(&m, 130.9, 345600.0, None), Fate::Hidden);
        assert_eq!(fate(&m, 131.0, 345600.0, None), Fate::Available);
        assert!(!in_flight(&m, 131.0));
        take(&mut m, 140.0, 0.0, "t2".into());
        assert_eq!(m.receive_count, 2);
        assert_eq!(m.first_receive_at, Some(101.0), "the first receive stays");
        assert_eq!(m.receipt.as_deref(), Some("t2"));
        assert_eq!(fate(&m, 140.0, 345600.0, None), Fate::Available, "a zero timeout shows it at once");
    }

    #[test]
    fn delayed_messages_are_hidden_and_counted_apart() {
        let mut delayed = msg(100.0);
        delayed.visible_at = 110.0;
        let mut flight = msg(100.0);
        take(&mut flight, 100.0, 30.0, "t".into());
        let visible = msg(100.0);
        let all = [delayed.clone(), flight.clone(), visible.clone()];
        assert_eq!(counts(&all, 105.0, 1000.0), Counts { visible: 1, not_visible: 1, delayed: 1 });
        assert_eq!(counts(&all, 115.0, 1000.0), Counts { visible: 2, not_visible: 1, delayed: 0 });
        assert_eq!(next_visible(&all, 105.0), Some(110.0));
        assert_eq!(next_visible(&all, 115.0), Some(130.0));
        assert_eq!(next_visible(&all, 130.0), None);
    }

    #[test]
    fn redrive_after_max_receive_count_and_expiry_after_retention() {
        let mut m = msg(0.0);
        for i in 0..3 {
            assert_eq!(fate(&m, 10.0 * i as f64, 1000.0, Some(3)), Fate::Available);
            take(&mut m, 10.0 * i as f64, 5.0, format!("t{i}"));
        }
        assert_eq!(fate(&m, 22.0, 1000.0, Some(3)), Fate::Hidden, "in flight after the third receive");
        assert_eq!(fate(&m, 25.0, 1000.0, Some(3)), Fate::DeadLetter, "a fourth receive would exceed 3");
        assert_eq!(fate(&m, 25.0, 1000.0, Some(4)), Fate::Available);
        assert_eq!(fate(&m, 25.0, 1000.0, None), Fate::Available);
        assert_eq!(fate(&m, 1000.0, 1000.0, Some(3)), Fate::Expired);
        assert_eq!(counts([&m], 1000.0, 1000.0), Counts::default());
    }

    #[test]
    fn fifo_groups_are_received_in_order_one_batch_at_a_time() {
        let in_group = |g: &str, t: f64| MessageRec { group_id: Some(g.into()), ..msg(t) };
        let mut a1 = in_group("a", 1.0);
        let a2 = in_group("a", 2.0);
        let b1 = in_group("b", 3.0);
        let b2 = in_group("b", 4.0);
        // Nothing in flight: the first `max` in sending order, several of one group at once.
        let all = [&a1, &a2, &b1, &b2];
        assert_eq!(plan(&all, 10.0, 1e6, None, true, 3), [Step::Take, Step::Take, Step::Take, Step::Leave]);
        // a1 in flight holds group a (a2 waits behind it); group b goes on.
        take(&mut a1, 10.0, 30.0, "t".into());
        let all = [&a1, &a2, &b1, &b2];
        assert_eq!(plan(&all, 11.0, 1e6, None, true, 10), [Step::Leave, Step::Leave, Step::Take, Step::Take]);
        // A group left behind for lack of room is held too: b2 is not taken before b1.
        assert_eq!(plan(&[&b1, &b2], 11.0, 1e6, None, true, 1), [Step::Take, Step::Leave]);
        let mut held_b1 = b1.clone();
        held_b1.visible_at = 50.0;
        assert_eq!(plan(&[&held_b1, &b2], 11.0, 1e6, None, true, 1), [Step::Leave, Step::Leave]);
        // A standard queue holds nothing.
        assert_eq!(plan(&all, 11.0, 1e6, None, false, 10), [Step::Leave, Step::Take, Step::Take, Step::Take]);
        // Once a1's visibility ends, group a is available again, a1 first.
        assert_eq!(plan(&all, 40.0, 1e6, None, true, 1), [Step::Take, Step::Leave, Step::Leave, Step::Leave]);
        // Expired and dead-lettered messages do not hold their group.
        assert_eq!(plan(&all, 40.0, 1e6, Some(1), true, 10), [Step::DeadLetter, Step::Take, Step::Take, Step::Take]);
    }

    #[test]
    fn deduplication_ids() {
        assert_eq!(dedup_id(Some("x"), true, "body").as_deref(), Some("x"));
        assert_eq!(
            dedup_id(None, true, "hello").as_deref(),
            Some("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        );
        assert_eq!(dedup_id(None, false, "hello"), None);
        assert!(valid_fifo_id("group-1!"));
        assert!(!valid_fifo_id("has space"));
        assert!(!valid_fifo_id(&"x".repeat(129)));
    }

    #[test]
    fn md5_digests_are_the_ones_sqs_answers() {
        // SQS's MD5OfMessageBody is the plain MD5 of the body.
        assert_eq!(md5_hex(b"hello"), "5d41402abc4b2a76b9719d911017c592");
        // Attributes: the length-prefixed encoding over the sorted names (the value computed
        // by the same recipe the AWS SDKs use to check it).
        let mut attrs = BTreeMap::new();
        attrs.insert(
            "a".to_string(),
            MessageAttr { data_type: "String".into(), string_value: Some("x".into()), binary_value: None },
        );
        let mut expect = Vec::new();
        for part in [&b"a"[..], b"String"] {
            expect.extend_from_slice(&(part.len() as u32).to_be_bytes());
            expect.extend_from_slice(part);
        }
        expect.push(1);
        expect.extend_from_slice(&1u32.to_be_bytes());
        expect.push(b'x');
        assert_eq!(md5_of_attributes(&attrs), Some(md5_hex(&expect)));
        assert_eq!(md5_of_attributes(&BTreeMap::new()), None);
    }

    #[test]
    fn attribute_checks() {
        assert!(check_attribute("VisibilityTimeout", "43200", false).is_ok());
        assert!(matches!(
            check_attribute("VisibilityTimeout", "43201", false),
            Err(SqsError::InvalidAttributeValue(_))
        ));
        assert!(matches!(check_attribute("VisibilityTimeout", "abc", false), Err(SqsError::InvalidAttributeValue(_))));
        assert!(matches!(check_attribute("DelaySeconds", "901", false), Err(SqsError::InvalidAttributeValue(_))));
        assert!(matches!(
            check_attribute("MessageRetentionPeriod", "59", false),
            Err(SqsError::InvalidAttributeValue(_))
        ));
        assert!(
            matches!(check_attribute("Bogus", "1", false), Err(SqsError::InvalidAttributeName(m)) if m == "Unknown Attribute Bogus.")
        );
        assert!(matches!(check_attribute("QueueArn", "x", false), Err(SqsError::InvalidAttributeName(_))));
        assert!(matches!(
            check_attribute("ContentBasedDeduplication", "true", false),
            Err(SqsError::InvalidAttributeName(_))
        ));
        assert!(check_attribute("ContentBasedDeduplication", "true", true).is_ok());
        assert!(matches!(
            check_attribute("DeduplicationScope", "group", true),
            Err(SqsError::InvalidAttributeValue(_))
        ));
        assert!(matches!(check_attribute("FifoQueue", "true", true), Err(SqsError::InvalidAttributeName(_))));
        assert_eq!(
            parse_redrive(r#"{"deadLetterTargetArn":"arn:aws:sqs:r:1:d","maxReceiveCount":"5"}"#).unwrap(),
            ("arn:aws:sqs:r:1:d".to_string(), 5)
        );
        assert!(parse_redrive(r#"{"deadLetterTargetArn":"arn:aws:sqs:r:1:d","maxReceiveCount":0}"#).is_err());
        assert!(parse_redrive(r#"{"maxReceiveCount":3}"#).is_err());
        assert!(parse_redrive("nope").is_err());
    }

    #[test]
    fn redrive_policies_are_kept_in_one_form() {
        let given = r#"{"maxReceiveCount":"5", "deadLetterTargetArn":"arn:aws:sqs:r:1:d"}"#;
        assert_eq!(
            normalized("RedrivePolicy", given),
            r#"{"deadLetterTargetArn":"arn:aws:sqs:r:1:d","maxReceiveCount":5}"#
        );
        assert_eq!(normalized("Policy", given), given);
        let attrs = initial_attributes(&[("RedrivePolicy".to_string(), given.to_string())].into()).unwrap();
        assert_eq!(attrs["RedrivePolicy"], r#"{"deadLetterTargetArn":"arn:aws:sqs:r:1:d","maxReceiveCount":5}"#);
        // The same policy written another way is the same attribute for CreateQueue.
        let other = r#"{"deadLetterTargetArn":"arn:aws:sqs:r:1:d","maxReceiveCount":5}"#;
        assert_eq!(differing_attribute(&attrs, &[("RedrivePolicy".to_string(), other.to_string())].into()), None);
    }

    #[test]
    fn create_queue_compares_given_attributes_with_the_existing_ones() {
        let given: BTreeMap<String, String> = [("VisibilityTimeout".to_string(), "60".to_string())].into();
        let existing = initial_attributes(&given).unwrap();
        assert_eq!(existing["DelaySeconds"], "0");
        assert_eq!(differing_attribute(&existing, &given), None);
        assert_eq!(differing_attribute(&existing, &BTreeMap::new()), None);
        let other: BTreeMap<String, String> = [("VisibilityTimeout".to_string(), "61".to_string())].into();
        assert_eq!(differing_attribute(&existing, &other).as_deref(), Some("VisibilityTimeout"));
        let default_delay: BTreeMap<String, String> = [("DelaySeconds".to_string(), "0".to_string())].into();
        assert_eq!(differing_attribute(&existing, &default_delay), None);
    }

    #[test]
    fn message_attribute_checks_and_selection() {
        let ok = serde_json::json!({"n": {"DataType": "Number", "StringValue": "5"}, "b": {"DataType": "Binary", "BinaryValue": "AQI="}});
        let attrs = message_attributes(Some(&ok)).unwrap();
        assert_eq!(attrs.len(), 2);
        let bad_number = serde_json::json!({"n": {"DataType": "Number", "StringValue": "five"}});
        assert!(message_attributes(Some(&bad_number)).is_err());
        let bad_type = serde_json::json!({"n": {"DataType": "Float", "StringValue": "1"}});
        assert!(message_attributes(Some(&bad_type)).is_err());
        let reserved = serde_json::json!({"AWS.x": {"DataType": "String", "StringValue": "1"}});
        assert!(message_attributes(Some(&reserved)).is_err());
        assert!(attribute_wanted("a.b", &["a.*".to_string()]));
        assert!(!attribute_wanted("ab", &["a.*".to_string()]));
        assert!(attribute_wanted("x", &["All".to_string()]));
        assert!(!attribute_wanted("x", &["y".to_string()]));
    }

    #[test]
    fn receipt_handles_round_trip_and_garbage_is_refused() {
        let h = receipt_handle("q1", "q1|0001abc", "tok");
        assert_eq!(parse_receipt_handle(&h), Some(("q1".into(), "q1|0001abc".into(), "tok".into())));
        assert_eq!(parse_receipt_handle("garbage"), None);
        assert_eq!(parse_receipt_handle(&base64::engine::general_purpose::STANDARD.encode("q1\nq2|x\nt")), None);
    }

    #[test]
    fn bodies_and_names() {
        assert!(valid_body("hello\tworld\n"));
        assert!(!valid_body("bad\u{0}"));
        assert!(!valid_body("bad\u{FFFF}"));
        assert!(valid_queue_name("KG-queue_1"));
        assert!(valid_queue_name("a.fifo"));
        assert!(!valid_queue_name(".fifo"));
        assert!(!valid_queue_name("a.b"));
        assert!(!valid_queue_name(&"x".repeat(81)));
    }
}
