//! What Auto Scaling keeps in the store, and how each record renders in the API's shapes.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub mod kind {
    pub const GROUP: &str = "asg.group";
    /// `<group>/<start time, zero-padded ms>/<id>`: newest last.
    pub const ACTIVITY: &str = "asg.activity";
    /// `<group>/<policy name>`
    pub const POLICY: &str = "asg.policy";
    /// `<group>/<action name>`
    pub const SCHEDULED: &str = "asg.scheduled";
    pub const LAUNCH_CONFIG: &str = "asg.launch-config";
    /// `<group>/<hook name>`
    pub const HOOK: &str = "asg.hook";
    /// `<group>/<topic arn>`
    pub const NOTIFICATION: &str = "asg.notification";
    /// `<group>/<refresh id>`
    pub const REFRESH: &str = "asg.refresh";
}

/// A launch template reference as the group holds it (`Version` as given: `$Latest`,
/// `$Default` or a number).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TemplateRef {
    pub id: String,
    pub name: String,
    pub version: String,
}

impl TemplateRef {
    pub fn render(&self) -> Value {
        json!({"LaunchTemplateId": self.id, "LaunchTemplateName": self.name, "Version": self.version})
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TagRec {
    pub key: String,
    pub value: String,
    pub propagate: bool,
}

/// Where an instance is in the group's lifecycle (AWS's `LifecycleState` values).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum Lifecycle {
    Pending,
    #[serde(rename = "Pending:Wait")]
    PendingWait,
    InService,
    Standby,
    Terminating,
    #[serde(rename = "Terminating:Wait")]
    TerminatingWait,
    Detaching,
}

impl Lifecycle {
    pub fn as_str(self) -> &'static str {
        match self {
            Lifecycle::Pending => "Pending",
            Lifecycle::PendingWait => "Pending:Wait",
            Lifecycle::InService => "InService",
            Lifecycle::Standby => "Standby",
            Lifecycle::Terminating => "Terminating",
            Lifecycle::TerminatingWait => "Terminating:Wait",
            Lifecycle::Detaching => "Detaching",
        }
    }

    /// Counts toward the group's capacity (what desired capacity is compared with).
    pub fn counts(self) -> bool {
        matches!(self, Lifecycle::Pending | Lifecycle::PendingWait | Lifecycle::InService)
    }
}

/// One instance of a group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MemberRec {
    pub instance_id: String,
    pub zone: String,
    pub instance_type: String,
    pub image_id: String,
    pub template: Option<TemplateRef>,
    pub launch_configuration: Option<String>,
    pub lifecycle: Lifecycle,
    pub healthy: bool,
    pub protected: bool,
    pub launched_at: f64,
    /// When it went InService (for warm-up).
    pub in_service_at: Option<f64>,
    /// Registered with the group's target groups.
    pub registered: bool,
    /// The activity this instance's launch or termination belongs to.
    pub activity: Option<String>,
    /// Why it is being taken out (for the termination activity's Cause).
    pub leave_cause: Option<String>,
    /// Terminating: the deregistration from target groups has started at this time.
    pub draining_since: Option<f64>,
    /// Terminating: TerminateInstances has been called.
    pub terminate_sent: bool,
    /// Terminating: the desired capacity is lowered when it leaves (TerminateInstanceInAutoScalingGroup).
    #[serde(default)]
    pub wait_until: Option<f64>,
    /// Pending:Wait / Terminating:Wait: the lifecycle action token.
    #[serde(default)]
    pub hook_token: Option<String>,
    /// Instance refresh: replaced by the refresh in progress.
    #[serde(default)]
    pub refresh_replace: bool,
}

impl MemberRec {
    pub fn render(&self, with_group: Option<&str>) -> Value {
        let mut v = json!({
            "InstanceId": self.instance_id,
            "InstanceType": self.instance_type,
            "AvailabilityZone": self.zone,
            "LifecycleState": self.lifecycle.as_str(),
            "HealthStatus": if self.healthy { "Healthy" } else { "Unhealthy" },
            "ProtectedFromScaleIn": self.protected,
        });
        if let Some(t) = &self.template {
            v["LaunchTemplate"] = t.render();
        }
        if let Some(lc) = &self.launch_configuration {
            v["LaunchConfigurationName"] = json!(lc);
        }
        if let Some(g) = with_group {
            v["AutoScalingGroupName"] = json!(g);
            // DescribeAutoScalingInstances spells the health upper-case.
            v["HealthStatus"] = json!(if self.healthy { "HEALTHY" } else { "UNHEALTHY" });
        }
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GroupRec {
    pub name: String,
    pub arn: String,
    pub template: Option<TemplateRef>,
    pub launch_configuration: Option<String>,
    /// The MixedInstancesPolicy as given (its launch template is used; overrides' types are
    /// taken in order).
    pub mixed_instances_policy: Option<Value>,
    pub min: i64,
    pub max: i64,
    pub desired: i64,
    pub default_cooldown: i64,
    pub default_instance_warmup: Option<i64>,
    pub zones: Vec<String>,
    /// `VPCZoneIdentifier` as given (empty when the group was placed by zones).
    pub subnets: Vec<String>,
    /// Where it launches: (subnet, zone), one or more per zone.
    pub placements: Vec<(String, String)>,
    pub target_groups: Vec<String>,
    pub load_balancers: Vec<String>,
    pub health_check_type: String,
    pub grace: i64,
    pub termination_policies: Vec<String>,
    pub new_instances_protected: bool,
    pub capacity_rebalance: bool,
    pub max_instance_lifetime: Option<i64>,
    pub tags: Vec<TagRec>,
    pub created: f64,
    /// (process, reason)
    pub suspended: Vec<(String, String)>,
    pub enabled_metrics: Vec<String>,
    pub metrics_granularity: Option<String>,
    /// "Delete in progress" while a forced delete winds the group down.
    pub status: Option<String>,
    pub members: Vec<MemberRec>,
    /// When the last scaling activity (caused by a policy or a desired change) ended, for cooldowns.
    pub last_scaling: f64,
    /// Why the desired capacity last changed (the first half of a launch/terminate Cause).
    pub desired_cause: Option<String>,
    /// Launch back-off after a failure: no launch before this time.
    pub launch_retry_at: f64,
    pub launch_failures: u32,
    pub service_linked_role: String,
    /// Instances an instance refresh may run beyond the desired capacity (MaxHealthyPercentage
    /// above 100: new instances are launched before old ones leave).
    #[serde(default)]
    pub refresh_surge: i64,
    /// AZRebalance: one instance launched beyond the desired capacity into the emptiest zone,
    /// before one leaves the fullest.
    #[serde(default)]
    pub rebalance_surge: i64,
    /// ForecastAndScale: (capacity, until) — the forecast capacity of the current hour, below
    /// which dynamic scaling does not scale in until then.
    #[serde(default)]
    pub predictive_floor: Option<(i64, f64)>,
}

impl GroupRec {
    pub fn suspended(&self, process: &str) -> bool {
        self.suspended.iter().any(|(p, _)| p == process)
    }

    /// Instances that count toward the capacity.
    pub fn capacity(&self) -> i64 {
        self.members.iter().filter(|m| m.lifecycle.counts()).count() as i64
    }

    pub fn render(&self) -> Value {
        let mut v = json!({
            "AutoScalingGroupName": self.name,
            "AutoScalingGroupARN": self.arn,
            "MinSize": self.min,
            "MaxSize": self.max,
            "DesiredCapacity": self.desired,
            "DefaultCooldown": self.default_cooldown,
            "AvailabilityZones": self.zones,
            "LoadBalancerNames": self.load_balancers,
            "TargetGroupARNs": self.target_groups,
            "HealthCheckType": self.health_check_type,
            "HealthCheckGracePeriod": self.grace,
            "Instances": self.members.iter().map(|m| m.render(None)).collect::<Vec<_>>(),
            "CreatedTime": self.created,
            "SuspendedProcesses": self.suspended.iter().map(|(p, r)| json!({"ProcessName": p, "SuspensionReason": r})).collect::<Vec<_>>(),
            "VPCZoneIdentifier": self.subnets.join(","),
            "EnabledMetrics": self.enabled_metrics.iter().map(|m| json!({"Metric": m, "Granularity": self.metrics_granularity.clone().unwrap_or_else(|| "1Minute".into())})).collect::<Vec<_>>(),
            "Tags": self.tags.iter().map(|t| json!({
                "ResourceId": self.name, "ResourceType": "auto-scaling-group",
                "Key": t.key, "Value": t.value, "PropagateAtLaunch": t.propagate,
            })).collect::<Vec<_>>(),
            "TerminationPolicies": self.termination_policies,
            "NewInstancesProtectedFromScaleIn": self.new_instances_protected,
            "ServiceLinkedRoleARN": self.service_linked_role,
            "CapacityRebalance": self.capacity_rebalance,
            "TrafficSources": self.target_groups.iter().map(|t| json!({"Identifier": t, "Type": "elbv2"})).collect::<Vec<_>>(),
        });
        if let Some(t) = &self.template {
            v["LaunchTemplate"] = t.render();
        }
        if let Some(lc) = &self.launch_configuration {
            v["LaunchConfigurationName"] = json!(lc);
        }
        if let Some(m) = &self.mixed_instances_policy {
            v["MixedInstancesPolicy"] = m.clone();
        }
        if let Some(w) = self.default_instance_warmup {
            v["DefaultInstanceWarmup"] = json!(w);
        }
        if let Some(l) = self.max_instance_lifetime {
            v["MaxInstanceLifetime"] = json!(l);
        }
        if let Some(s) = &self.status {
            v["Status"] = json!(s);
        }
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActivityRec {
    pub id: String,
    pub group: String,
    pub group_arn: String,
    pub description: String,
    pub cause: String,
    pub start: f64,
    pub end: Option<f64>,
    pub status: String,
    pub status_message: Option<String>,
    pub progress: i64,
    pub details: String,
}

impl ActivityRec {
    pub fn key(&self) -> String {
        format!("{}/{:015}/{}", self.group, (self.start * 1000.0) as i64, self.id)
    }

    pub fn render(&self) -> Value {
        let mut v = json!({
            "ActivityId": self.id,
            "AutoScalingGroupName": self.group,
            "AutoScalingGroupARN": self.group_arn,
            "Description": self.description,
            "Cause": self.cause,
            "StartTime": self.start,
            "StatusCode": self.status,
            "Progress": self.progress,
            "Details": self.details,
        });
        if let Some(e) = self.end {
            v["EndTime"] = json!(e);
        }
        if let Some(m) = &self.status_message {
            v["StatusMessage"] = json!(m);
        }
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StepRec {
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub adjustment: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PolicyRec {
    pub group: String,
    pub name: String,
    pub arn: String,
    /// SimpleScaling, StepScaling, TargetTrackingScaling
    pub policy_type: String,
    pub adjustment_type: Option<String>,
    pub scaling_adjustment: Option<i64>,
    pub min_adjustment_magnitude: Option<i64>,
    pub cooldown: Option<i64>,
    pub steps: Vec<StepRec>,
    pub metric_aggregation_type: Option<String>,
    pub estimated_warmup: Option<i64>,
    /// TargetTrackingConfiguration as given.
    pub target_tracking: Option<Value>,
    pub enabled: bool,
    /// Alarm names: (name, arn) — the ones target tracking owns, or the ones that point at it.
    pub alarms: Vec<(String, String)>,
    /// Step scaling: the last step applied while its alarm stays in ALARM.
    #[serde(default)]
    pub last_execution: f64,
    /// PredictiveScalingConfiguration, with AWS's defaults filled in.
    #[serde(default)]
    pub predictive: Option<Value>,
}

impl PolicyRec {
    pub fn render(&self) -> Value {
        let mut v = json!({
            "AutoScalingGroupName": self.group,
            "PolicyName": self.name,
            "PolicyARN": self.arn,
            "PolicyType": self.policy_type,
            "StepAdjustments": self.steps.iter().map(|s| {
                let mut x = json!({"ScalingAdjustment": s.adjustment});
                if let Some(l) = s.lower { x["MetricIntervalLowerBound"] = json!(l); }
                if let Some(u) = s.upper { x["MetricIntervalUpperBound"] = json!(u); }
                x
            }).collect::<Vec<_>>(),
            "Alarms": self.alarms.iter().map(|(n, a)| json!({"AlarmName": n, "AlarmARN": a})).collect::<Vec<_>>(),
            "Enabled": self.enabled,
        });
        if let Some(a) = &self.adjustment_type {
            v["AdjustmentType"] = json!(a);
        }
        if let Some(a) = self.scaling_adjustment {
            v["ScalingAdjustment"] = json!(a);
        }
        if let Some(a) = self.min_adjustment_magnitude {
            v["MinAdjustmentMagnitude"] = json!(a);
        }
        if let Some(c) = self.cooldown {
            v["Cooldown"] = json!(c);
        }
        if let Some(m) = &self.metric_aggregation_type {
            v["MetricAggregationType"] = json!(m);
        }
        if let Some(w) = self.estimated_warmup {
            v["EstimatedInstanceWarmup"] = json!(w);
        }
        if let Some(t) = &self.target_tracking {
            v["TargetTrackingConfiguration"] = t.clone();
        }
        if let Some(p) = &self.predictive {
            v["PredictiveScalingConfiguration"] = p.clone();
        }
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScheduledRec {
    pub group: String,
    pub name: String,
    pub arn: String,
    pub start: Option<f64>,
    pub end: Option<f64>,
    pub recurrence: Option<String>,
    pub time_zone: Option<String>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub desired: Option<i64>,
    /// When it runs next (None: done).
    pub next_run: Option<f64>,
}

impl ScheduledRec {
    pub fn render(&self) -> Value {
        let mut v = json!({
            "AutoScalingGroupName": self.group,
            "ScheduledActionName": self.name,
            "ScheduledActionARN": self.arn,
        });
        let start = self.next_run.or(self.start);
        if let Some(s) = start {
            v["StartTime"] = json!(s);
            v["Time"] = json!(s);
        }
        if let Some(e) = self.end {
            v["EndTime"] = json!(e);
        }
        if let Some(r) = &self.recurrence {
            v["Recurrence"] = json!(r);
        }
        if let Some(t) = &self.time_zone {
            v["TimeZone"] = json!(t);
        }
        if let Some(x) = self.min {
            v["MinSize"] = json!(x);
        }
        if let Some(x) = self.max {
            v["MaxSize"] = json!(x);
        }
        if let Some(x) = self.desired {
            v["DesiredCapacity"] = json!(x);
        }
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LaunchConfigRec {
    pub name: String,
    pub arn: String,
    pub image_id: String,
    pub instance_type: String,
    pub key_name: Option<String>,
    pub security_groups: Vec<String>,
    pub user_data: Option<String>,
    pub iam_instance_profile: Option<String>,
    pub created: f64,
}

impl LaunchConfigRec {
    pub fn render(&self) -> Value {
        let mut v = json!({
            "LaunchConfigurationName": self.name,
            "LaunchConfigurationARN": self.arn,
            "ImageId": self.image_id,
            "InstanceType": self.instance_type,
            "SecurityGroups": self.security_groups,
            "CreatedTime": self.created,
            "KernelId": "",
            "RamdiskId": "",
            "UserData": self.user_data.clone().unwrap_or_default(),
            "BlockDeviceMappings": [],
            "InstanceMonitoring": {"Enabled": true},
            "EbsOptimized": false,
        });
        if let Some(k) = &self.key_name {
            v["KeyName"] = json!(k);
        }
        if let Some(p) = &self.iam_instance_profile {
            v["IamInstanceProfile"] = json!(p);
        }
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HookRec {
    pub group: String,
    pub name: String,
    /// autoscaling:EC2_INSTANCE_LAUNCHING / autoscaling:EC2_INSTANCE_TERMINATING
    pub transition: String,
    pub heartbeat_timeout: i64,
    pub default_result: String,
    pub notification_target: Option<String>,
    pub role_arn: Option<String>,
    pub metadata: Option<String>,
}

impl HookRec {
    pub fn render(&self) -> Value {
        let mut v = json!({
            "LifecycleHookName": self.name,
            "AutoScalingGroupName": self.group,
            "LifecycleTransition": self.transition,
            "HeartbeatTimeout": self.heartbeat_timeout,
            "GlobalTimeout": (self.heartbeat_timeout * 100).min(172800),
            "DefaultResult": self.default_result,
        });
        if let Some(t) = &self.notification_target {
            v["NotificationTargetARN"] = json!(t);
        }
        if let Some(r) = &self.role_arn {
            v["RoleARN"] = json!(r);
        }
        if let Some(m) = &self.metadata {
            v["NotificationMetadata"] = json!(m);
        }
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NotificationRec {
    pub group: String,
    pub topic: String,
    pub types: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RefreshRec {
    pub group: String,
    pub id: String,
    pub status: String,
    pub status_reason: Option<String>,
    pub start: f64,
    pub end: Option<f64>,
    pub min_healthy_percentage: i64,
    pub max_healthy_percentage: i64,
    pub instance_warmup: Option<i64>,
    /// Instances to replace (those not on the group's launch template/version at the start).
    pub to_replace: Vec<String>,
    pub replaced: Vec<String>,
    pub desired_template: Option<Value>,
    /// The group's launch template before a DesiredConfiguration replaced it (restored by a
    /// cancel).
    #[serde(default)]
    pub previous_template: Option<TemplateRef>,
    #[serde(default)]
    pub skip_matching: bool,
}

impl RefreshRec {
    pub fn render(&self) -> Value {
        let total = self.to_replace.len().max(1) as i64;
        let done = self.replaced.len() as i64;
        let pct = if self.to_replace.is_empty() { 100 } else { done * 100 / total };
        let mut v = json!({
            "InstanceRefreshId": self.id,
            "AutoScalingGroupName": self.group,
            "Status": self.status,
            "StartTime": self.start,
            "PercentageComplete": pct,
            "InstancesToUpdate": (self.to_replace.len() as i64 - done).max(0),
            "Preferences": {
                "MinHealthyPercentage": self.min_healthy_percentage,
                "MaxHealthyPercentage": self.max_healthy_percentage,
                "InstanceWarmup": self.instance_warmup,
                "SkipMatching": self.skip_matching,
            },
        });
        if let Some(e) = self.end {
            v["EndTime"] = json!(e);
        }
        if let Some(r) = &self.status_reason {
            v["StatusReason"] = json!(r);
        }
        if let Some(t) = &self.desired_template {
            v["DesiredConfiguration"] = t.clone();
        }
        v
    }
}
