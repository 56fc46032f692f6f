//! SQS: standard queues kept in the store — every sent message is committed before it is
//! acknowledged, and visibility deadlines are absolute times, so a restart (or a kill -9)
//! loses neither. Receives take visible messages in one transaction, hide them for the
//! visibility timeout and move those received `maxReceiveCount` times to the dead-letter
//! queue; long polls wait on a per-queue [`tokio::sync::Notify`] woken by every send (and by a
//! timer for the next message to become visible), never on a blocked thread. The rules are
//! pure functions in [`logic`]. FIFO queues keep each message group in order (one batch of a
//! group in flight at a time), number messages and drop duplicates within five minutes.

pub mod error;
pub mod logic;
pub mod metrics;
mod moves;
mod ops;
pub mod records;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use store::Store;
use tokio::sync::Notify;
use wire::{ApiError, Authorization, BoxFuture, CallContext, Service};

pub use error::SqsError;
pub use records::MessageAttr;

pub use wire::Clock;

pub struct SqsConfig {
    pub region: String,
    pub account: String,
}

pub struct Sqs {
    pub(crate) store: Arc<Store>,
    pub(crate) config: SqsConfig,
    pub(crate) clock: Clock,
    /// The API endpoint's URL, the base of queue URLs (known once the listener is bound).
    endpoint: Mutex<String>,
    /// One per queue name: woken when a message is sent (or moved) to it.
    arrivals: Mutex<HashMap<String, Arc<Notify>>>,
    /// Set when the region stops: long polls answer at once.
    closing: std::sync::atomic::AtomicBool,
    /// AWS/SQS counters (`metrics.rs`).
    pub(crate) meter: metrics::Meter,
}

/// A message sent through [`Sqs::send_to_queue`].
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub message_id: String,
    pub md5_of_body: String,
}

impl Sqs {
    /// Emulator mode's reset: every queue and message deleted; long polls waiting on them
    /// answer now.
    pub fn reset(&self) -> std::result::Result<(), String> {
        self.store.wipe("sqs.")?;
        for arrival in self.arrivals.lock().unwrap_or_else(|e| e.into_inner()).drain() {
            arrival.1.notify_waiters();
        }
        Ok(())
    }

    pub fn open(store: Arc<Store>, config: SqsConfig, clock: Clock) -> Arc<Sqs> {
        Arc::new(Sqs {
            store,
            config,
            clock,
            endpoint: Mutex::new("http://127.0.0.1".into()),
            arrivals: Mutex::new(HashMap::new()),
            closing: std::sync::atomic::AtomicBool::new(false),
            meter: metrics::Meter::default(),
        })
    }

    pub fn set_endpoint(&self, url: &str) {
        *self.endpoint.lock().unwrap_or_else(|e| e.into_inner()) = url.trim_end_matches('/').to_string();
    }

    pub(crate) fn endpoint(&self) -> String {
        self.endpoint.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn now(&self) -> f64 {
        (self.clock)()
    }

    pub(crate) fn arrivals(&self, queue: &str) -> Arc<Notify> {
        self.arrivals.lock().unwrap_or_else(|e| e.into_inner()).entry(queue.to_string()).or_default().clone()
    }

    /// The region is stopping: every long poll answers now (with what it has: nothing), so that
    /// a graceful stop does not wait out 20-second polls.
    pub fn close(&self) {
        self.closing.store(true, std::sync::atomic::Ordering::SeqCst);
        for n in self.arrivals.lock().unwrap_or_else(|e| e.into_inner()).values() {
            n.notify_waiters();
        }
    }

    pub(crate) fn closing(&self) -> bool {
        self.closing.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Wake the long polls waiting on these queues.
    pub(crate) fn notify(&self, queues: &[String]) {
        let map = self.arrivals.lock().unwrap_or_else(|e| e.into_inner());
        for q in queues {
            if let Some(n) = map.get(q) {
                n.notify_waiters();
            }
        }
    }

    /// Send a message to the queue with this ARN on the region's own behalf (SNS deliveries),
    /// as `sender_id`; committed before it returns.
    pub fn send_to_queue(
        &self,
        queue_arn: &str,
        body: &str,
        attributes: BTreeMap<String, MessageAttr>,
        sender_id: &str,
    ) -> Result<Sent, SqsError> {
        let name = ops::queue_name_from_arn(self, queue_arn).ok_or(SqsError::QueueDoesNotExist)?;
        let out = ops::Outgoing { body, delay: None, attributes, group: None, dedup: None, trace: None };
        let sent = ops::send_one(self, &name, out, sender_id)?;
        self.meter.count(&name, |c| {
            c.sent += 1;
            c.sent_bytes += body.len() as u64;
        });
        self.notify(&[name]);
        Ok(Sent { message_id: sent.id, md5_of_body: sent.md5_body })
    }

    /// Whether a queue with this ARN exists in the region.
    pub fn queue_exists(&self, queue_arn: &str) -> bool {
        ops::queue_name_from_arn(self, queue_arn).is_some_and(|name| ops::queue(self, &name).is_ok())
    }
}

pub struct SqsService {
    sqs: Arc<Sqs>,
}

impl SqsService {
    pub fn new(sqs: Arc<Sqs>) -> SqsService {
        SqsService { sqs }
    }
}

impl Service for SqsService {
    fn model_name(&self) -> &'static str {
        "sqs"
    }

    fn iam_prefix(&self) -> &'static str {
        "sqs"
    }

    fn authorization(&self, op: &str, input: &Value, _cx: &CallContext) -> Result<Authorization, ApiError> {
        Ok(ops::authorization(&self.sqs, op, input))
    }

    fn call<'a>(&'a self, cx: &'a CallContext, op: &'a str, input: Value) -> BoxFuture<'a, Result<Value, ApiError>> {
        Box::pin(async move {
            if op == "ReceiveMessage" {
                return receive(&self.sqs, cx, &input).await.map_err(ApiError::from);
            }
            let (out, woken) = tokio::task::block_in_place(|| ops::dispatch(&self.sqs, cx, op, &input))?;
            self.sqs.notify(&woken);
            Ok(out)
        })
    }

    fn reset(&self) -> BoxFuture<'_, std::result::Result<(), String>> {
        Box::pin(async move { tokio::task::block_in_place(|| self.sqs.reset()) })
    }
}

/// ReceiveMessage: at once, or — with WaitTimeSeconds (or the queue's
/// ReceiveMessageWaitTimeSeconds) — as soon as a message is sent or becomes visible, or empty
/// when the wait ends.
async fn receive(sqs: &Sqs, cx: &CallContext, input: &Value) -> Result<Value, SqsError> {
    let req = tokio::task::block_in_place(|| ops::ReceiveRequest::parse(sqs, input))?;
    let deadline = tokio::time::Instant::now() + Duration::from_secs_f64(req.wait);
    let arrivals = sqs.arrivals(&req.queue);
    loop {
        // Registered before looking, so that a send between the look and the wait wakes it.
        let notified = arrivals.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let (messages, next_visible, moved) = tokio::task::block_in_place(|| ops::receive_once(sqs, cx, &req))?;
        sqs.notify(&moved);
        let now = tokio::time::Instant::now();
        if !messages.is_empty() || now >= deadline || sqs.closing() {
            sqs.meter.count(&req.queue, |c| {
                c.received += messages.len() as u64;
                c.empty_receives += u64::from(messages.is_empty());
            });
            return Ok(ops::receive_output(messages));
        }
        let mut until = deadline;
        if let Some(t) = next_visible {
            let wait = (t - sqs.now()).max(0.0) + 0.001;
            until = until.min(now + Duration::from_secs_f64(wait));
        }
        tokio::select! {
            _ = &mut notified => {}
            _ = tokio::time::sleep_until(until) => {}
        }
    }
}
