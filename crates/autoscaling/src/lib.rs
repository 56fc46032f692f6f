//! EC2 Auto Scaling that really launches, replaces and scales: the API (groups, launch
//! configurations, policies, scheduled actions, lifecycle hooks, notifications, instance
//! refresh) and the controller that reconciles each group's desired capacity against the
//! instances EC2 really runs.
//!
//! Auto Scaling talks to the other services the way AWS's does: through their APIs, as the
//! account's service-linked role `AWSServiceRoleForAutoScaling` ([`Peers`], wired by the
//! binary). It launches with EC2's RunInstances from the group's launch template, registers
//! instances with ELB target groups, reads EC2 state and target health for its health checks,
//! owns the CloudWatch alarms of its target-tracking policies, and publishes its notifications
//! to SNS. CloudWatch reaches back through [`AutoScaling::alarm_action`] when an alarm that
//! names a scaling policy fires.

pub mod capacity;
mod controller;
pub mod error;
mod notify;
mod ops;
mod placement;
pub mod predictive;
pub mod records;
mod scaling;
pub mod schedule;
mod traffic;

use std::sync::{Arc, Mutex};

use serde_json::Value;
use store::Store;
use wire::{ApiError, Authorization, BoxFuture, CallContext, Check, Service};

use crate::error::Result;

pub use wire::Clock;

/// Typed clients of the services Auto Scaling calls, as its service-linked role; each call's
/// input is validated against the callee's model as the gateway validates a user's.
pub struct Clients {
    pub ec2: api::ec2::Client,
    pub elb: api::elbv2::Client,
    /// Classic Elastic Load Balancing (2012-06-01).
    pub classic_elb: api::elb::Client,
    pub cloudwatch: api::cloudwatch::Client,
    pub sns: api::sns::Client,
    /// Lifecycle hooks may notify an SQS queue.
    pub sqs: api::sqs::Client,
}

/// The region's other services, as Auto Scaling sees them (wired by the binary).
pub trait Peers: Send + Sync {
    fn clients(&self) -> &Clients;

    /// What a caller would need to be allowed to launch this way itself (the group's launches
    /// are authorised for the user who creates or updates the group, as AWS does).
    fn run_instances_checks(
        &self,
        input: &api::ec2::RunInstancesRequest,
        cx: &CallContext,
    ) -> std::result::Result<Vec<Check>, ApiError>;
}

pub struct AutoScalingConfig {
    pub region: String,
    pub account: String,
}

/// An alarm that named a scaling policy, waiting for the controller to act on it.
#[derive(Debug, Clone)]
pub struct AlarmTrigger {
    pub policy_arn: String,
    pub alarm_name: String,
    pub state: String,
    /// The newest datapoint the alarm evaluated.
    pub value: Option<f64>,
    pub threshold: f64,
    pub at: f64,
}

pub struct AutoScaling {
    pub(crate) store: Arc<Store>,
    pub(crate) config: AutoScalingConfig,
    pub(crate) clock: Clock,
    pub(crate) peers: Arc<dyn Peers>,
    /// Wakes the controller when the API or an alarm changes something.
    pub(crate) wake: tokio::sync::Notify,
    pub(crate) triggers: Mutex<Vec<AlarmTrigger>>,
    /// (target groups, instances) to deregister on the next pass (DetachLoadBalancerTargetGroups).
    pub(crate) pending_deregistrations: Mutex<Vec<(Vec<String>, Vec<String>)>>,
    /// Predictive scaling forecasts by policy ARN, kept for the hour they were made in (and
    /// while the policy and the group's limits stay the same).
    pub(crate) forecasts: Mutex<std::collections::HashMap<String, ops::Forecast>>,
    /// Held (shared) by each controller pass, and (alone) by the emulator's reset: no pass
    /// launches an instance or saves a group after the reset deleted it.
    pub(crate) reset_gate: tokio::sync::RwLock<()>,
}

impl AutoScaling {
    pub fn open(store: Arc<Store>, config: AutoScalingConfig, clock: Clock, peers: Arc<dyn Peers>) -> Arc<AutoScaling> {
        Arc::new(AutoScaling {
            store,
            config,
            clock,
            peers,
            wake: tokio::sync::Notify::new(),
            triggers: Mutex::new(Vec::new()),
            pending_deregistrations: Mutex::new(Vec::new()),
            forecasts: Mutex::new(std::collections::HashMap::new()),
            reset_gate: tokio::sync::RwLock::new(()),
        })
    }

    pub fn now(&self) -> f64 {
        (self.clock)()
    }

    pub(crate) fn write<T>(&self, f: impl FnOnce(&store::Tx) -> Result<T>) -> Result<T> {
        tokio::task::block_in_place(|| self.store.write(f))
    }

    /// Reads go to a reader connection of their own and never wait on a commit: no
    /// `block_in_place` (which would hand the worker to an idle blocking thread on every
    /// controller pass and keep them all alive after a load).
    pub(crate) fn read<T>(&self, f: impl FnOnce(&store::Tx) -> Result<T>) -> Result<T> {
        self.store.read(f)
    }

    pub(crate) fn arn(&self, resource: &str) -> String {
        format!("arn:aws:autoscaling:{}:{}:{resource}", self.config.region, self.config.account)
    }

    pub(crate) fn service_linked_role(&self) -> String {
        format!(
            "arn:aws:iam::{}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
            self.config.account
        )
    }

    /// A CloudWatch alarm whose actions name a scaling policy changed state (or stays in
    /// ALARM): queue it for the controller. Errors are what CloudWatch records as the
    /// action's failure.
    pub fn alarm_action(&self, trigger: AlarmTrigger) -> std::result::Result<(), String> {
        let known = self
            .store
            .read(|tx| {
                Ok::<_, error::AsgError>(
                    tx.list::<records::PolicyRec>(records::kind::POLICY, "")?
                        .into_iter()
                        .any(|(_, p)| p.arn == trigger.policy_arn),
                )
            })
            .map_err(|e| e.to_string())?;
        if !known {
            return Err(format!("No scaling policy found for {}", trigger.policy_arn));
        }
        self.triggers.lock().unwrap_or_else(|e| e.into_inner()).push(trigger);
        self.wake.notify_one();
        Ok(())
    }

    /// Instances of groups with a default instance warmup that are still pending or warming
    /// up: left out of the group's aggregated metrics (as AWS does), so that a new, idle
    /// instance does not drag the average down before it takes its share of the load.
    pub fn warming_instances(&self) -> std::collections::HashSet<String> {
        let now = self.now();
        let groups = self.store.read(|tx| tx.list::<records::GroupRec>(records::kind::GROUP, "")).unwrap_or_default();
        let mut out = std::collections::HashSet::new();
        for (_, g) in groups {
            let Some(w) = g.default_instance_warmup else { continue };
            for m in &g.members {
                let warm = m.lifecycle == records::Lifecycle::InService
                    && m.in_service_at.is_some_and(|t| now >= t + w as f64);
                if !warm {
                    out.insert(m.instance_id.clone());
                }
            }
        }
        out
    }

    /// The group metrics of groups that enabled them (EnableMetricsCollection), as
    /// AWS/AutoScaling datapoints by AutoScalingGroupName: (metric, group, value).
    pub fn group_metrics(&self) -> Vec<(String, String, f64)> {
        let groups = self.store.read(|tx| tx.list::<records::GroupRec>(records::kind::GROUP, "")).unwrap_or_default();
        let mut out = Vec::new();
        for (_, g) in groups {
            let count =
                |f: &dyn Fn(records::Lifecycle) -> bool| g.members.iter().filter(|m| f(m.lifecycle)).count() as f64;
            use records::Lifecycle as L;
            for metric in &g.enabled_metrics {
                let v = match metric.as_str() {
                    "GroupMinSize" => g.min as f64,
                    "GroupMaxSize" => g.max as f64,
                    "GroupDesiredCapacity" => g.desired as f64,
                    "GroupInServiceInstances" | "GroupInServiceCapacity" => count(&|l| l == L::InService),
                    "GroupPendingInstances" | "GroupPendingCapacity" => {
                        count(&|l| matches!(l, L::Pending | L::PendingWait))
                    }
                    "GroupStandbyInstances" | "GroupStandbyCapacity" => count(&|l| l == L::Standby),
                    "GroupTerminatingInstances" | "GroupTerminatingCapacity" => {
                        count(&|l| matches!(l, L::Terminating | L::TerminatingWait))
                    }
                    "GroupTotalInstances" | "GroupTotalCapacity" => g.members.len() as f64,
                    _ => continue,
                };
                out.push((metric.clone(), g.name.clone(), v));
            }
        }
        out
    }

    /// The reconciler: every 500 ms and whenever the API or an alarm wakes it.
    pub fn spawn_controller(self: &Arc<Self>) -> tokio::task::JoinHandle<()> {
        controller::spawn(self.clone())
    }

    /// Emulator mode's reset: every group, launch configuration, policy, scheduled action,
    /// hook and activity deleted (their instances go with EC2's reset, which runs after this).
    pub async fn reset(&self) -> std::result::Result<(), String> {
        let _quiet = self.reset_gate.write().await;
        self.store.wipe("asg.")?;
        self.triggers.lock().unwrap_or_else(|e| e.into_inner()).clear();
        self.pending_deregistrations.lock().unwrap_or_else(|e| e.into_inner()).clear();
        self.forecasts.lock().unwrap_or_else(|e| e.into_inner()).clear();
        Ok(())
    }
}

pub struct AutoScalingService {
    asg: Arc<AutoScaling>,
}

impl AutoScalingService {
    pub fn new(asg: Arc<AutoScaling>) -> AutoScalingService {
        AutoScalingService { asg }
    }
}

impl Service for AutoScalingService {
    fn model_name(&self) -> &'static str {
        "autoscaling"
    }

    fn iam_prefix(&self) -> &'static str {
        "autoscaling"
    }

    fn authorization(
        &self,
        op: &str,
        input: &Value,
        _cx: &CallContext,
    ) -> std::result::Result<Authorization, ApiError> {
        Ok(Authorization::Checks(ops::checks(&self.asg, op, input)))
    }

    fn call<'a>(
        &'a self,
        cx: &'a CallContext,
        op: &'a str,
        input: Value,
    ) -> BoxFuture<'a, std::result::Result<Value, ApiError>> {
        Box::pin(async move {
            let out = ops::dispatch(&self.asg, cx, op, &input).await;
            if !op.starts_with("Describe") {
                self.asg.wake.notify_one();
            }
            out.map_err(ApiError::from)
        })
    }

    fn reset(&self) -> BoxFuture<'_, std::result::Result<(), String>> {
        Box::pin(self.asg.reset())
    }
}
