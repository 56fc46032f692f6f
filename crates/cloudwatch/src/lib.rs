//! CloudWatch: metrics that are measured (the region's own AWS/EC2 CPUUtilization, sampled
//! every second) or put (PutMetricData), queried with CloudWatch's statistics, and alarms
//! evaluated on that real data by a background evaluator that fires their actions on each
//! transition. The time series and the alarm mathematics live in the pure `metrics` crate;
//! alarm actions leave through [`AlarmActionSink`], wired by the binary.

pub mod error;
mod evaluator;
mod ops;
pub mod prometheus;
mod records;

use std::path::Path;
use std::sync::Arc;

use metrics::MetricStore;
use serde_json::Value;
use store::Store;
use wire::{ApiError, Authorization, BoxFuture, CallContext, Service};

pub use evaluator::Evaluator;

pub use wire::Clock;

/// One alarm notification, as CloudWatch sends it to SNS.
#[derive(Debug, Clone)]
pub struct AlarmNotice {
    pub alarm_name: String,
    pub new_state: String,
    /// `ALARM: "name" in Asia Pacific (Seoul)`
    pub subject: String,
    /// The JSON document CloudWatch publishes.
    pub message: String,
    /// The alarm's threshold, and the datapoints it evaluated (oldest first): what an Auto
    /// Scaling policy computes its adjustment from.
    pub threshold: f64,
    pub recent_datapoints: Vec<f64>,
}

/// Carries out alarm actions: SNS topic ARNs, Auto Scaling policy ARNs and EC2 actions
/// (`arn:aws:automate:<region>:ec2:stop`). Returns what to record as the action's outcome.
/// As in AWS, an alarm that stays in ALARM invokes its Auto Scaling actions again every
/// period (at most a minute apart), with the newest datapoint.
pub trait AlarmActionSink: Send + Sync {
    fn execute(&self, action_arn: &str, notice: &AlarmNotice) -> Result<(), String>;
}

/// The running instances whose CPU the region measures: (instance id, CPU seconds used so
/// far, vCPUs, Auto Scaling group name).
pub trait InstanceSource: Send + Sync {
    fn cpu_usage(&self) -> Vec<InstanceCpu>;
}

/// Other measurements the region makes itself (the load balancers' AWS/ApplicationELB
/// metrics), taken once a second.
pub trait MetricSource: Send + Sync {
    fn sample(&self) -> Vec<Measurement>;
}

#[derive(Debug, Clone)]
pub struct Measurement {
    pub namespace: String,
    pub name: String,
    pub dimensions: Vec<(String, String)>,
    pub value: f64,
    pub unit: String,
}

#[derive(Debug, Clone)]
pub struct InstanceCpu {
    pub instance_id: String,
    pub cpu_seconds: f64,
    pub vcpus: f64,
    pub auto_scaling_group: Option<String>,
}

pub struct CloudWatchConfig {
    pub region: String,
    pub account: String,
}

/// CloudWatch's shared state.
pub struct CloudWatch {
    pub(crate) store: Arc<Store>,
    pub(crate) metrics: MetricStore,
    pub(crate) clock: Clock,
    pub(crate) config: CloudWatchConfig,
    pub(crate) actions: Arc<dyn AlarmActionSink>,
    /// Wakes the evaluator when data or alarms change.
    pub(crate) wake: tokio::sync::Notify,
    /// Whether the evaluator's last pass found any alarm (set too by every call but
    /// PutMetricData): new data wakes it only then. Without alarms the periodic pass does
    /// all there is to do.
    pub(crate) has_alarms: std::sync::atomic::AtomicBool,
}

impl CloudWatch {
    /// Emulator mode's reset: every alarm and its history, and every metric's data, deleted.
    pub fn reset(&self) -> std::result::Result<(), String> {
        self.store.wipe("cloudwatch.")?;
        self.metrics.clear().map_err(|e| format!("emptying the metrics' file: {e}"))?;
        self.has_alarms.store(false, std::sync::atomic::Ordering::Release);
        self.wake.notify_one();
        Ok(())
    }

    /// Open CloudWatch with its metrics in `dir` (`metrics.log`).
    pub fn open(
        store: Arc<Store>,
        dir: &Path,
        config: CloudWatchConfig,
        clock: Clock,
        actions: Arc<dyn AlarmActionSink>,
    ) -> Result<Arc<CloudWatch>, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        let metrics = MetricStore::open(&dir.join("metrics.log"), clock()).map_err(|e| e.to_string())?;
        Ok(Arc::new(CloudWatch {
            store,
            metrics,
            clock,
            config,
            actions,
            wake: tokio::sync::Notify::new(),
            has_alarms: std::sync::atomic::AtomicBool::new(true),
        }))
    }

    pub fn now(&self) -> f64 {
        (self.clock)()
    }

    /// Every metric with data in the last minute, in Prometheus's text format.
    pub fn prometheus_text(&self) -> String {
        prometheus::render(&self.metrics, self.now())
    }

    pub(crate) fn alarm_arn(&self, name: &str) -> String {
        format!("arn:aws:cloudwatch:{}:{}:alarm:{name}", self.config.region, self.config.account)
    }
}

pub struct CloudWatchService {
    cw: Arc<CloudWatch>,
}

impl CloudWatchService {
    pub fn new(cw: Arc<CloudWatch>) -> CloudWatchService {
        CloudWatchService { cw }
    }
}

impl Service for CloudWatchService {
    fn model_name(&self) -> &'static str {
        "cloudwatch"
    }

    fn iam_prefix(&self) -> &'static str {
        "cloudwatch"
    }

    fn authorization(&self, op: &str, input: &Value, _cx: &CallContext) -> Result<Authorization, ApiError> {
        Ok(Authorization::Resources(ops::resources(&self.cw, op, input)))
    }

    fn call<'a>(&'a self, cx: &'a CallContext, op: &'a str, input: Value) -> BoxFuture<'a, Result<Value, ApiError>> {
        Box::pin(async move {
            use std::sync::atomic::Ordering::Relaxed;
            // The metric operations work in memory only (a put appends to a buffer): they
            // run in place; the alarm ones read and write the store.
            let out = if matches!(op, "PutMetricData" | "GetMetricData" | "GetMetricStatistics" | "ListMetrics") {
                ops::dispatch(&self.cw, cx, op, &input)
            } else {
                let out = tokio::task::block_in_place(|| ops::dispatch(&self.cw, cx, op, &input));
                self.cw.has_alarms.store(true, Relaxed);
                out
            };
            if op != "PutMetricData" || self.cw.has_alarms.load(Relaxed) {
                self.cw.wake.notify_one();
            }
            out
        })
    }

    fn reset(&self) -> BoxFuture<'_, std::result::Result<(), String>> {
        Box::pin(async move { tokio::task::block_in_place(|| self.cw.reset()) })
    }
}
