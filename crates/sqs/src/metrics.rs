//! AWS/SQS metrics per QueueName: counters kept in memory as calls happen
//! (NumberOfMessagesSent, NumberOfMessagesReceived, NumberOfMessagesDeleted,
//! NumberOfEmptyReceives, SentMessageSize) and gauges read from the store
//! (ApproximateNumberOfMessagesVisible / NotVisible / Delayed, ApproximateAgeOfOldestMessage),
//! handed to CloudWatch every [`PERIOD`] seconds, zeros included, as SQS reports them for every queue.
//! The same pass drops messages past their queue's retention period, so that a queue nobody
//! receives from does not keep them.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::logic;
use crate::records::{kind, MessageRec, QueueRec};
use crate::Sqs;

/// Seconds between two reports.
pub const PERIOD: f64 = 5.0;

#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Counters {
    pub sent: u64,
    pub received: u64,
    pub deleted: u64,
    pub empty_receives: u64,
    pub sent_bytes: u64,
}

#[derive(Default)]
pub(crate) struct Meter {
    counters: Mutex<HashMap<String, Counters>>,
    last: Mutex<Option<f64>>,
}

impl Meter {
    pub(crate) fn count(&self, queue: &str, f: impl FnOnce(&mut Counters)) {
        f(self.counters.lock().unwrap_or_else(|e| e.into_inner()).entry(queue.to_string()).or_default());
    }
}

/// One AWS/SQS datapoint.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueMetric {
    pub queue: String,
    pub name: &'static str,
    pub value: f64,
    pub unit: &'static str,
}

impl Sqs {
    /// Every [`PERIOD`] seconds: each queue's counters since the last report and its gauges now
    /// (nothing in between).
    pub fn take_metrics(&self) -> Vec<QueueMetric> {
        let now = self.now();
        {
            let mut last = self.meter.last.lock().unwrap_or_else(|e| e.into_inner());
            if last.is_some_and(|t| now - t < PERIOD) {
                return Vec::new();
            }
            *last = Some(now);
        }
        let state = self.store.read(|tx| {
            let queues = tx.list::<QueueRec>(kind::QUEUE, "")?;
            let mut out = Vec::new();
            for (name, q) in queues {
                let msgs = tx.list::<MessageRec>(kind::MESSAGE, &format!("{name}|"))?;
                out.push((name, q, msgs));
            }
            Ok::<_, store::StoreError>(out)
        });
        let state = match state {
            Ok(s) => s,
            Err(e) => {
                tracing::warn!(error = %e, "sqs metrics not read");
                return Vec::new();
            }
        };
        let mut counters = std::mem::take(&mut *self.meter.counters.lock().unwrap_or_else(|e| e.into_inner()));
        let mut out = Vec::new();
        let mut expired: Vec<String> = Vec::new();
        for (name, q, keyed) in state {
            let retention =
                q.attributes.get("MessageRetentionPeriod").and_then(|v| v.parse::<f64>().ok()).unwrap_or(345_600.0);
            let mut msgs = Vec::with_capacity(keyed.len());
            for (key, m) in keyed {
                if m.sent_at + retention <= now {
                    expired.push(key);
                } else {
                    msgs.push(m);
                }
            }
            let c = logic::counts(&msgs, now, retention);
            let oldest = msgs.iter().filter(|m| m.sent_at + retention > now).map(|m| m.sent_at).reduce(f64::min);
            let n = counters.remove(&name).unwrap_or_default();
            let mut put = |metric: &'static str, value: f64, unit: &'static str| {
                out.push(QueueMetric { queue: name.clone(), name: metric, value, unit })
            };
            put("ApproximateNumberOfMessagesVisible", c.visible as f64, "Count");
            put("ApproximateNumberOfMessagesNotVisible", c.not_visible as f64, "Count");
            put("ApproximateNumberOfMessagesDelayed", c.delayed as f64, "Count");
            put("ApproximateAgeOfOldestMessage", oldest.map_or(0.0, |t| (now - t).max(0.0).floor()), "Seconds");
            put("NumberOfMessagesSent", n.sent as f64, "Count");
            put("NumberOfMessagesReceived", n.received as f64, "Count");
            put("NumberOfMessagesDeleted", n.deleted as f64, "Count");
            put("NumberOfEmptyReceives", n.empty_receives as f64, "Count");
            if n.sent > 0 {
                put("SentMessageSize", n.sent_bytes as f64 / n.sent as f64, "Bytes");
            }
        }
        if !expired.is_empty() {
            let dropped = self.store.write(|tx| {
                let mut n = 0;
                for key in &expired {
                    // Checked again in the write: the queue's retention may have changed since.
                    let queue = key.split('|').next().unwrap_or_default();
                    let retention = tx
                        .get::<QueueRec>(kind::QUEUE, queue)?
                        .and_then(|q| q.attributes.get("MessageRetentionPeriod").and_then(|v| v.parse::<f64>().ok()))
                        .unwrap_or(345_600.0);
                    if tx.get::<MessageRec>(kind::MESSAGE, key)?.is_some_and(|m| m.sent_at + retention <= now) {
                        n += usize::from(tx.delete(kind::MESSAGE, key)?);
                    }
                }
                Ok::<_, store::StoreError>(n)
            });
            match dropped {
                Ok(n) => tracing::info!(messages = n, "sqs messages past their retention period dropped"),
                Err(e) => tracing::warn!(error = %e, "sqs expired messages not dropped"),
            }
        }
        out
    }
}
