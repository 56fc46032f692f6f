//! CloudFormation: templates (`template`, pure), stacks kept in the store, and the engine that
//! creates and deletes a stack's resources asynchronously — each resource through its own
//! service's public API, validated and authorised as the stack's caller (the [`Services`]
//! seam, implemented by the binary), never by writing another service's records.

mod engine;
pub mod error;
mod ops;
mod provision;
mod records;
mod rolling;
mod signals;
mod stack_policy;
mod stack_update;
pub mod template;

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::Value;
use store::Store;
use wire::{ApiError, Authorization, BoxFuture, CallContext, Principal, Service};

pub use wire::Clock;

/// The services a stack's resources live in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peer {
    Sns,
    Ec2,
    Elb,
    AutoScaling,
    CloudWatch,
    Iam,
    SecretsManager,
    Ssm,
    Rds,
    /// Classic Elastic Load Balancing (2012-06-01).
    ClassicElb,
    Sqs,
}

impl Peer {
    /// The botocore model the service speaks (`crates/wire/models/<name>.json`).
    pub fn model_name(self) -> &'static str {
        match self {
            Peer::Sns => "sns",
            Peer::Ec2 => "ec2",
            Peer::Elb => "elbv2",
            Peer::AutoScaling => "autoscaling",
            Peer::CloudWatch => "cloudwatch",
            Peer::Iam => "iam",
            Peer::SecretsManager => "secretsmanager",
            Peer::Ssm => "ssm",
            Peer::Rds => "rds",
            Peer::ClassicElb => "elb",
            Peer::Sqs => "sqs",
        }
    }

    /// The name AWS's error texts give the service ("Service: AmazonEC2").
    pub fn service_name(self) -> &'static str {
        match self {
            Peer::Sns => "AmazonSNS",
            Peer::Ec2 => "AmazonEC2",
            Peer::Elb => "AmazonElasticLoadBalancing",
            Peer::AutoScaling => "AmazonAutoScaling",
            Peer::CloudWatch => "AmazonCloudWatch",
            Peer::Iam => "AmazonIdentityManagement",
            Peer::SecretsManager => "AWSSecretsManager",
            Peer::Ssm => "AWSSimpleSystemsManagement",
            Peer::Rds => "AmazonRDS",
            Peer::ClassicElb => "AmazonElasticLoadBalancing",
            Peer::Sqs => "AmazonSQS",
        }
    }
}

/// Calls into the other services' public operations as `caller`: the implementation validates
/// the input against the target's model and authorises the caller for the action, as the
/// gateway would, before running it.
pub trait Services: Send + Sync {
    fn call<'a>(
        &'a self,
        caller: &'a Principal,
        peer: Peer,
        op: &'a str,
        input: Value,
    ) -> BoxFuture<'a, Result<Value, ApiError>>;
}

pub struct CloudFormationConfig {
    pub region: String,
    pub account: String,
}

pub struct CloudFormation {
    pub(crate) store: Arc<Store>,
    pub(crate) config: CloudFormationConfig,
    pub(crate) clock: Clock,
    pub(crate) services: Arc<dyn Services>,
    /// Orders events written within one clock tick.
    seq: AtomicU64,
    /// Stacks with an operation running in this process.
    pub(crate) busy: Mutex<HashSet<String>>,
    /// Stacks whose creation a DeleteStack cancelled: they are deleted once the resources
    /// being created finish.
    pub(crate) delete_requested: Mutex<HashSet<String>>,
    /// Stacks whose running update a CancelUpdateStack asked to stop: it starts nothing more,
    /// lets what is under way finish, and rolls back.
    pub(crate) cancel_requested: Mutex<HashSet<String>>,
    /// Stacks whose operation has failed: their resources waiting for signals stop waiting
    /// ("Resource creation cancelled") instead of running out their timeouts.
    pub(crate) waits_stopped: Mutex<HashSet<String>>,
    /// The region's API endpoint (`http://host:port`), known once the gateway listens: the
    /// base of wait-condition handles' presigned URLs.
    endpoint: OnceLock<String>,
    /// The stack operations' tasks (those finished are dropped as new ones start): the
    /// emulator's reset aborts them.
    pub(crate) operations: Mutex<Vec<tokio::task::JoinHandle<()>>>,
}

impl CloudFormation {
    pub fn open(
        store: Arc<Store>,
        config: CloudFormationConfig,
        clock: Clock,
        services: Arc<dyn Services>,
    ) -> Arc<CloudFormation> {
        Arc::new(CloudFormation {
            store,
            config,
            clock,
            services,
            seq: AtomicU64::new(0),
            busy: Mutex::new(HashSet::new()),
            delete_requested: Mutex::new(HashSet::new()),
            cancel_requested: Mutex::new(HashSet::new()),
            waits_stopped: Mutex::new(HashSet::new()),
            endpoint: OnceLock::new(),
            operations: Mutex::new(Vec::new()),
        })
    }

    pub fn now(&self) -> f64 {
        (self.clock)()
    }

    /// Emulator mode's reset: every stack operation under way aborted (at its next await: what
    /// it had made goes with its own service's reset, which runs after this one), then every
    /// stack, its resources' records, events, change sets and signals deleted.
    pub async fn reset(&self) -> std::result::Result<(), String> {
        let running = std::mem::take(&mut *self.operations.lock().unwrap_or_else(|e| e.into_inner()));
        for task in &running {
            task.abort();
        }
        for task in running {
            let _ = task.await;
        }
        for set in [&self.busy, &self.delete_requested, &self.cancel_requested, &self.waits_stopped] {
            set.lock().unwrap_or_else(|e| e.into_inner()).clear();
        }
        self.store.wipe("cfn.").map(|_| ())
    }

    pub(crate) fn get<T: serde::de::DeserializeOwned>(
        &self,
        kind: &str,
        key: &str,
    ) -> Result<Option<T>, store::StoreError> {
        self.store.read(|tx| tx.get(kind, key))
    }

    pub(crate) fn list<T: serde::de::DeserializeOwned>(
        &self,
        kind: &str,
        prefix: &str,
    ) -> Result<Vec<(String, T)>, store::StoreError> {
        self.store.read(|tx| tx.list(kind, prefix))
    }

    pub(crate) fn put<T: serde::Serialize>(&self, kind: &str, key: &str, value: &T) -> Result<(), store::StoreError> {
        self.store.write(|tx| tx.put(kind, key, value))
    }

    pub(crate) fn delete(&self, kind: &str, key: &str) -> Result<bool, store::StoreError> {
        self.store.write(|tx| tx.delete(kind, key))
    }

    /// The stack's operation has failed: resources waiting for signals give up.
    pub(crate) fn stop_waits(&self, stack_id: &str) {
        self.waits_stopped.lock().unwrap_or_else(|e| e.into_inner()).insert(stack_id.to_string());
    }

    pub(crate) fn waits_stopped(&self, stack_id: &str) -> bool {
        self.waits_stopped.lock().unwrap_or_else(|e| e.into_inner()).contains(stack_id)
    }

    pub(crate) fn next_seq(&self) -> u64 {
        self.seq.fetch_add(1, Ordering::Relaxed)
    }

    /// Where the region's API listens (the base of wait-condition handles' URLs).
    pub fn set_endpoint(&self, endpoint: &str) {
        let _ = self.endpoint.set(endpoint.trim_end_matches('/').to_string());
    }

    pub(crate) fn endpoint_known(&self) -> bool {
        self.endpoint.get().is_some()
    }

    pub(crate) fn endpoint(&self) -> &str {
        self.endpoint.get().map(String::as_str).unwrap_or("http://127.0.0.1")
    }

    /// The path of wait-condition handles' presigned URLs, served without SigV4 (the URL's own
    /// signature authorises the PUT).
    pub const WAIT_CONDITION_PATH: &'static str = signals::HANDLE_PATH;

    /// An HTTP PUT of a signal to a wait-condition handle's URL: (status, content type, body).
    pub fn put_wait_condition_signal(&self, query: &str, body: &[u8]) -> (u16, &'static str, Vec<u8>) {
        signals::put_handle(self, query, body)
    }

    /// After a restart: every stack left in progress is finished (deletes), rolled back
    /// (creates) or marked failed, never left hanging. Call from within the runtime.
    pub fn resume(self: &Arc<Self>) {
        engine::resume(self);
    }
}

pub struct CloudFormationService {
    cfn: Arc<CloudFormation>,
}

impl CloudFormationService {
    pub fn new(cfn: Arc<CloudFormation>) -> CloudFormationService {
        CloudFormationService { cfn }
    }
}

impl Service for CloudFormationService {
    fn model_name(&self) -> &'static str {
        "cloudformation"
    }

    fn iam_prefix(&self) -> &'static str {
        "cloudformation"
    }

    fn authorization(&self, op: &str, input: &Value, _cx: &CallContext) -> Result<Authorization, ApiError> {
        let mut checks =
            Authorization::Resources(ops::resources(&self.cfn, op, input)).into_checks("cloudformation", op);
        // A service role handed to CloudFormation is passed by the caller.
        if let Some(role) = input.get("RoleARN").and_then(Value::as_str) {
            checks.push(
                wire::Check::new("iam:PassRole", role).key("iam:PassedToService", "cloudformation.amazonaws.com"),
            );
        }
        Ok(Authorization::Checks(checks))
    }

    fn call<'a>(&'a self, cx: &'a CallContext, op: &'a str, input: Value) -> BoxFuture<'a, Result<Value, ApiError>> {
        Box::pin(async move { ops::dispatch(&self.cfn, cx, op, &input).map_err(ApiError::from) })
    }

    fn reset(&self) -> BoxFuture<'_, std::result::Result<(), String>> {
        Box::pin(self.cfn.reset())
    }
}
