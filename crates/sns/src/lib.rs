//! SNS: topics and subscriptions kept in the store, and deliveries that really go out — e-mail
//! over SMTP to the relay the operator configured, HTTP POSTs signed (SignatureVersion 1) with
//! a certificate the region serves. Every delivery is queued durably and retried with
//! back-off; a failure is logged with its reason. The confirmation and unsubscribe links in
//! those messages are answered by [`Sns::public_link`], which the gateway routes without
//! SigV4 (the token in the link is the credential). `sqs` subscriptions (confirmed at once, as
//! for a queue of the same account) go to the region's SQS through [`QueueSink`].

mod delivery;
pub mod error;
mod http;
mod ops;
mod records;
mod signing;

use std::path::Path;
use std::sync::{Arc, Mutex};

use serde_json::Value;
use store::Store;
use wire::{ApiError, Authorization, BoxFuture, CallContext, Service};

pub use delivery::Worker;

pub use wire::Clock;

/// The SMTP relay e-mail goes out through.
#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub from: String,
    pub starttls: bool,
    pub user: Option<String>,
    /// Never logged.
    pub password: Option<String>,
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("from", &self.from)
            .field("starttls", &self.starttls)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// One message attribute handed to a queue (raw deliveries carry the published ones).
#[derive(Debug, Clone, PartialEq)]
pub struct QueueAttribute {
    pub name: String,
    pub data_type: String,
    pub string_value: Option<String>,
    /// Base64, as SNS received it.
    pub binary_value: Option<String>,
}

/// Where `sqs` subscriptions deliver: the region's SQS, wired in by the binary so that SNS
/// does not depend on the SQS crate.
pub trait QueueSink: Send + Sync {
    /// Send one message to the queue with this ARN (committed when it returns); its id.
    fn send(&self, queue_arn: &str, body: &str, attributes: Vec<QueueAttribute>) -> Result<String, String>;
}

pub struct SnsConfig {
    pub region: String,
    pub account: String,
    pub smtp: Option<SmtpConfig>,
    /// PEM certificates trusted for `https` subscriptions besides the system's roots.
    pub https_ca_bundle: Option<std::path::PathBuf>,
}

pub struct Sns {
    pub(crate) store: Arc<Store>,
    pub(crate) config: SnsConfig,
    pub(crate) clock: Clock,
    /// Made (first start: an RSA key and certificate) off the start-up path, on first use.
    signer: std::sync::OnceLock<Result<signing::Signer, String>>,
    dir: std::path::PathBuf,
    /// The API endpoint's URL, for the links in messages (known once the listener is bound).
    endpoint: Mutex<String>,
    pub(crate) wake: tokio::sync::Notify,
    pub(crate) http: http::HttpClient,
    pub(crate) queues: std::sync::OnceLock<Arc<dyn QueueSink>>,
}

impl Sns {
    /// Emulator mode's reset: every topic, subscription and pending delivery deleted.
    pub fn reset(&self) -> std::result::Result<(), String> {
        self.store.wipe("sns.").map(|_| ())
    }

    /// Open SNS; its signing key and certificate live in `dir` (created at first start).
    pub fn open(store: Arc<Store>, dir: &Path, config: SnsConfig, clock: Clock) -> Result<Arc<Sns>, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        let http = http::HttpClient::new(config.https_ca_bundle.as_deref())?;
        let sns = Arc::new(Sns {
            store,
            config,
            clock,
            signer: std::sync::OnceLock::new(),
            dir: dir.to_path_buf(),
            endpoint: Mutex::new("http://127.0.0.1".into()),
            wake: tokio::sync::Notify::new(),
            http,
            queues: std::sync::OnceLock::new(),
        });
        // Generating a 2048-bit key takes a while: do it in the background, not before `ready`.
        let warm = sns.clone();
        std::thread::spawn(move || {
            if let Err(e) = warm.signer() {
                tracing::error!(error = %e, "SNS signing key unavailable");
            }
        });
        Ok(sns)
    }

    /// The signing key and its certificate (made on first use).
    pub(crate) fn signer(&self) -> Result<&signing::Signer, String> {
        self.signer
            .get_or_init(|| signing::Signer::open_or_create(&self.dir, &self.config.region))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Where `sqs` subscriptions deliver (set once, at start-up).
    pub fn set_queue_sink(&self, sink: Arc<dyn QueueSink>) {
        let _ = self.queues.set(sink);
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

    /// Publish to a topic on the region's own behalf (CloudWatch alarm actions); the
    /// message id.
    pub fn publish_to_topic(&self, topic_arn: &str, subject: Option<&str>, message: &str) -> Result<String, String> {
        let out = ops::publish_message(self, topic_arn, subject, message, &Value::Null).map_err(|e| e.to_string())?;
        self.wake.notify_one();
        Ok(out)
    }

    /// Answer an unauthenticated GET under `/sns/`: the confirmation and unsubscribe links,
    /// and the signing certificate. None for any other path.
    pub fn public_link(&self, path: &str, query: &str) -> Option<(u16, &'static str, Vec<u8>)> {
        let out = ops::public_link(self, path, query);
        self.wake.notify_one();
        out
    }
}

pub struct SnsService {
    sns: Arc<Sns>,
}

impl SnsService {
    pub fn new(sns: Arc<Sns>) -> SnsService {
        SnsService { sns }
    }
}

/// The typed call, or InvalidAction for an operation of the model SNS does not implement.
fn operation(op: &str, input: Value) -> Result<api::sns::Operation, ApiError> {
    api::sns::Operation::parse(op, input)?.ok_or_else(|| {
        ApiError::new(400, "InvalidAction", format!("The action {op} is not valid for this web service."))
    })
}

impl Service for SnsService {
    fn model_name(&self) -> &'static str {
        "sns"
    }

    fn iam_prefix(&self) -> &'static str {
        "sns"
    }

    fn authorization(&self, op: &str, input: &Value, _cx: &CallContext) -> Result<Authorization, ApiError> {
        let op = operation(op, input.clone())?;
        Ok(Authorization::Resources(ops::resources(&self.sns, &op)))
    }

    fn call<'a>(&'a self, cx: &'a CallContext, op: &'a str, input: Value) -> BoxFuture<'a, Result<Value, ApiError>> {
        Box::pin(async move {
            let op = operation(op, input)?;
            let out = tokio::task::block_in_place(|| ops::dispatch(&self.sns, cx, op));
            self.sns.wake.notify_one();
            out
        })
    }

    fn reset(&self) -> BoxFuture<'_, std::result::Result<(), String>> {
        Box::pin(async move { tokio::task::block_in_place(|| self.sns.reset()) })
    }
}
