//! SQS's records in the store.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub mod kind {
    /// Key: the queue name.
    pub const QUEUE: &str = "sqs.queue";
    /// Key: `<queue name>|<sent time, µs, 20 digits><random, 8 hex>` (a FIFO queue's:
    /// `<queue name>|<sequence, 20 digits>`): a queue's messages list in the order they came.
    pub const MESSAGE: &str = "sqs.message";
    /// Key: `<queue name>|<deduplication id>` (`<queue>|<group>\n<id>` with
    /// DeduplicationScope messageGroup).
    pub const DEDUP: &str = "sqs.dedup";
    /// Key: `<source queue name>|<started, µs, 20 digits><random, 8 hex>`.
    pub const MOVE_TASK: &str = "sqs.move_task";
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueueRec {
    pub name: String,
    pub arn: String,
    /// Seconds since the epoch.
    pub created: f64,
    pub last_modified: f64,
    /// The settable attributes' effective values (defaults filled in at creation).
    pub attributes: BTreeMap<String, String>,
    pub tags: BTreeMap<String, String>,
    /// When PurgeQueue last ran (one purge a minute, as SQS allows).
    pub last_purge: Option<f64>,
    /// A FIFO queue's last SequenceNumber.
    #[serde(default)]
    pub sequence: u64,
}

impl QueueRec {
    pub fn fifo(&self) -> bool {
        self.attributes.get("FifoQueue").is_some_and(|v| v == "true")
    }
}

/// One message attribute as sent: a `String`/`Number` (or custom `String.x`) value, or a
/// `Binary` one (base64, as the JSON protocol carries it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MessageAttr {
    pub data_type: String,
    pub string_value: Option<String>,
    pub binary_value: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MessageRec {
    pub id: String,
    pub body: String,
    pub md5_body: String,
    pub attributes: BTreeMap<String, MessageAttr>,
    pub md5_attributes: Option<String>,
    pub sender_id: String,
    /// Absolute times, seconds since the epoch (so that a restart keeps every deadline).
    pub sent_at: f64,
    /// Before this the message is delayed (never received) or in flight (received).
    pub visible_at: f64,
    pub receive_count: u32,
    pub first_receive_at: Option<f64>,
    /// The token of the latest receipt handle; only it deletes the message.
    pub receipt: Option<String>,
    /// The queue it was moved from by a redrive policy.
    #[serde(default)]
    pub dead_letter_source: Option<String>,
    /// FIFO queues: MessageGroupId, MessageDeduplicationId, SequenceNumber.
    #[serde(default)]
    pub group_id: Option<String>,
    #[serde(default)]
    pub dedup_id: Option<String>,
    #[serde(default)]
    pub sequence: Option<String>,
    /// The AWSTraceHeader system attribute (X-Ray) and the MD5 of the system attributes.
    #[serde(default)]
    pub trace_header: Option<String>,
    #[serde(default)]
    pub md5_system: Option<String>,
}

/// A FIFO queue's deduplication entry: a message with the same id within five minutes is
/// answered as the first one was and not enqueued.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DedupRec {
    pub message_id: String,
    pub md5_body: String,
    pub md5_attributes: Option<String>,
    pub sequence: Option<String>,
    pub expires: f64,
}

/// A message move task (StartMessageMoveTask: a dead-letter queue redriven to its sources or
/// to one destination). Tasks run to completion within the call that starts them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MoveTaskRec {
    pub handle: String,
    pub source_arn: String,
    pub destination_arn: Option<String>,
    pub rate: Option<i64>,
    pub status: String,
    pub moved: u64,
    pub to_move: u64,
    /// Milliseconds since the epoch.
    pub started: u64,
}
