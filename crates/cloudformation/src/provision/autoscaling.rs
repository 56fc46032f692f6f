//! AWS::AutoScaling::{AutoScalingGroup, ScalingPolicy, ScheduledAction}.

use std::time::Duration;

use serde::Serialize;
use serde_json::{Map, Value};

use super::{gone, Created, Cx, Props};
use crate::Peer;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct LaunchTemplateSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    launch_template_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    launch_template_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct GroupTag {
    key: String,
    value: String,
    propagate_at_launch: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateAutoScalingGroup {
    auto_scaling_group_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    launch_template: Option<LaunchTemplateSpec>,
    #[serde(skip_serializing_if = "Option::is_none")]
    launch_configuration_name: Option<String>,
    min_size: i64,
    max_size: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    desired_capacity: Option<i64>,
    #[serde(rename = "VPCZoneIdentifier", skip_serializing_if = "Option::is_none")]
    vpc_zone_identifier: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    availability_zones: Vec<String>,
    #[serde(rename = "TargetGroupARNs", skip_serializing_if = "Vec::is_empty")]
    target_group_arns: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    load_balancer_names: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    health_check_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    health_check_grace_period: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_cooldown: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_instance_warmup: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    termination_policies: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<GroupTag>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct EnableMetricsCollection {
    auto_scaling_group_name: String,
    granularity: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    metrics: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PutNotificationConfiguration {
    auto_scaling_group_name: String,
    #[serde(rename = "TopicARN")]
    topic_arn: String,
    notification_types: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct GroupNames<'a> {
    auto_scaling_group_names: [&'a str; 1],
}

/// The group's own tags, and the stack's (propagated to its instances, as CloudFormation does).
fn group_tags(cx: &Cx, p: Props<'_>) -> Vec<GroupTag> {
    let mut tags: Vec<GroupTag> = p
        .objects("Tags")
        .into_iter()
        .filter_map(|t| {
            Some(GroupTag {
                key: t.str("Key")?,
                value: t.str("Value").unwrap_or_default(),
                propagate_at_launch: t.bool("PropagateAtLaunch").ok().flatten().unwrap_or(false),
            })
        })
        .collect();
    for (k, v) in &cx.stack_tags {
        if !tags.iter().any(|t| &t.key == k) {
            tags.push(GroupTag { key: k.clone(), value: v.clone(), propagate_at_launch: true });
        }
    }
    tags
}

pub async fn create_group(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let lt = match p.get("LaunchTemplate") {
        Some(v) => {
            let t = Props(v);
            Some(LaunchTemplateSpec {
                launch_template_id: t.str("LaunchTemplateId"),
                launch_template_name: t.str("LaunchTemplateName"),
                version: t.str("Version"),
            })
        }
        None => None,
    };
    let zones = p.strings("VPCZoneIdentifier");
    let min_size = p.int("MinSize")?.ok_or("Property MinSize cannot be empty.")?;
    let input = CreateAutoScalingGroup {
        auto_scaling_group_name: p.str("AutoScalingGroupName").unwrap_or_else(|| cx.generated_name(255)),
        launch_template: lt,
        launch_configuration_name: p.str("LaunchConfigurationName"),
        min_size,
        max_size: p.int("MaxSize")?.ok_or("Property MaxSize cannot be empty.")?,
        desired_capacity: p.int("DesiredCapacity")?,
        vpc_zone_identifier: (!zones.is_empty()).then(|| zones.join(",")),
        availability_zones: p.strings("AvailabilityZones"),
        target_group_arns: p.strings("TargetGroupARNs"),
        load_balancer_names: p.strings("LoadBalancerNames"),
        health_check_type: p.str("HealthCheckType"),
        health_check_grace_period: p.int("HealthCheckGracePeriod")?,
        default_cooldown: p.int("Cooldown")?,
        default_instance_warmup: p.int("DefaultInstanceWarmup")?,
        termination_policies: p.strings("TerminationPolicies"),
        tags: group_tags(cx, p),
    };
    let name = input.auto_scaling_group_name.clone();
    cx.call(Peer::AutoScaling, "CreateAutoScalingGroup", &input).await?;
    cx.exists(&name);
    let rest = async {
        for m in p.objects("MetricsCollection") {
            let e = EnableMetricsCollection {
                auto_scaling_group_name: name.clone(),
                granularity: m.str("Granularity").unwrap_or_else(|| "1Minute".into()),
                metrics: m.strings("Metrics"),
            };
            cx.call(Peer::AutoScaling, "EnableMetricsCollection", &e).await?;
        }
        for n in p.objects("NotificationConfigurations") {
            let c = PutNotificationConfiguration {
                auto_scaling_group_name: name.clone(),
                topic_arn: n.req("TopicARN")?,
                notification_types: n.strings("NotificationTypes"),
            };
            cx.call(Peer::AutoScaling, "PutNotificationConfiguration", &c).await?;
        }
        // Complete once the group has its minimum of instances in service (what a
        // CreationPolicy would ask for), so the stack's outputs are usable when it completes.
        cx.wait_for("the group's minimum instances to be InService", Duration::from_secs(600), || async {
            let d = cx
                .call(Peer::AutoScaling, "DescribeAutoScalingGroups", &GroupNames { auto_scaling_group_names: [&name] })
                .await?;
            let members =
                d.pointer("/AutoScalingGroups/0/Instances").and_then(Value::as_array).cloned().unwrap_or_default();
            let in_service =
                members.iter().filter(|i| i.get("LifecycleState").and_then(Value::as_str) == Some("InService")).count();
            Ok((in_service as i64 >= min_size).then_some(()))
        })
        .await
    };
    if let Err(e) = rest.await {
        let _ = delete_group(cx, &name).await;
        return Err(e);
    }
    Ok(Created::id(name))
}

pub async fn delete_group(cx: &Cx, name: &str) -> Result<(), String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Delete<'a> {
        auto_scaling_group_name: &'a str,
        force_delete: bool,
    }
    gone(
        cx.call(
            Peer::AutoScaling,
            "DeleteAutoScalingGroup",
            &Delete { auto_scaling_group_name: name, force_delete: true },
        )
        .await,
    )?;
    // Gone once its instances are terminated and the group removed.
    cx.wait_for("the group's instances to terminate", Duration::from_secs(600), || async {
        let d = cx
            .call(Peer::AutoScaling, "DescribeAutoScalingGroups", &GroupNames { auto_scaling_group_names: [name] })
            .await?;
        let left = d.get("AutoScalingGroups").and_then(Value::as_array).map(Vec::len).unwrap_or(0);
        Ok((left == 0).then_some(()))
    })
    .await
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PutScalingPolicy {
    auto_scaling_group_name: String,
    policy_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    policy_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    adjustment_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scaling_adjustment: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cooldown: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_adjustment_magnitude: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metric_aggregation_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    estimated_instance_warmup: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    step_adjustments: Option<Vec<StepAdjustment>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_tracking_configuration: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    predictive_scaling_configuration: Option<Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct StepAdjustment {
    #[serde(skip_serializing_if = "Option::is_none")]
    metric_interval_lower_bound: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metric_interval_upper_bound: Option<f64>,
    scaling_adjustment: i64,
}

pub async fn put_scaling_policy(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let steps = match p.get("StepAdjustments") {
        Some(_) => Some(
            p.objects("StepAdjustments")
                .into_iter()
                .map(|s| {
                    Ok(StepAdjustment {
                        metric_interval_lower_bound: s.float("MetricIntervalLowerBound")?,
                        metric_interval_upper_bound: s.float("MetricIntervalUpperBound")?,
                        scaling_adjustment: s
                            .int("ScalingAdjustment")?
                            .ok_or("Property ScalingAdjustment cannot be empty.")?,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?,
        ),
        None => None,
    };
    let input = PutScalingPolicy {
        auto_scaling_group_name: p.req("AutoScalingGroupName")?,
        policy_name: p.str("PolicyName").unwrap_or_else(|| cx.generated_name(255)),
        policy_type: p.str("PolicyType"),
        adjustment_type: p.str("AdjustmentType"),
        scaling_adjustment: p.int("ScalingAdjustment")?,
        cooldown: p.int("Cooldown")?,
        min_adjustment_magnitude: p.int("MinAdjustmentMagnitude")?,
        metric_aggregation_type: p.str("MetricAggregationType"),
        estimated_instance_warmup: p.int("EstimatedInstanceWarmup")?,
        step_adjustments: steps,
        target_tracking_configuration: p.get("TargetTrackingConfiguration").cloned(),
        predictive_scaling_configuration: p.get("PredictiveScalingConfiguration").cloned(),
    };
    let out = cx.call(Peer::AutoScaling, "PutScalingPolicy", &input).await?;
    let arn = out.get("PolicyARN").and_then(Value::as_str).ok_or("PutScalingPolicy answered no PolicyARN")?.to_string();
    Ok(Created::id(arn.clone()).attr("Arn", arn).attr("PolicyName", input.policy_name))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DeletePolicy<'a> {
    auto_scaling_group_name: String,
    policy_name: &'a str,
}

pub async fn delete_policy(cx: &Cx, p: Props<'_>, attrs: &Map<String, Value>) -> Result<(), String> {
    let name = attrs.get("PolicyName").and_then(Value::as_str).unwrap_or_default();
    let input = DeletePolicy { auto_scaling_group_name: p.req("AutoScalingGroupName")?, policy_name: name };
    gone(cx.call(Peer::AutoScaling, "DeletePolicy", &input).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PutScheduledUpdateGroupAction {
    auto_scaling_group_name: String,
    scheduled_action_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_time: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_time: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recurrence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_size: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_size: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    desired_capacity: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_zone: Option<String>,
}

fn time(p: Props<'_>, k: &str) -> Result<Option<f64>, String> {
    match p.str(k) {
        None => Ok(None),
        Some(t) => {
            wire::timestamp::parse(&t).map(Some).ok_or_else(|| format!("Value of property {k} must be a timestamp"))
        }
    }
}

pub async fn put_scheduled_action(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = PutScheduledUpdateGroupAction {
        auto_scaling_group_name: p.req("AutoScalingGroupName")?,
        scheduled_action_name: cx.generated_name(255),
        start_time: time(p, "StartTime")?,
        end_time: time(p, "EndTime")?,
        recurrence: p.str("Recurrence"),
        min_size: p.int("MinSize")?,
        max_size: p.int("MaxSize")?,
        desired_capacity: p.int("DesiredCapacity")?,
        time_zone: p.str("TimeZone"),
    };
    cx.call(Peer::AutoScaling, "PutScheduledUpdateGroupAction", &input).await?;
    Ok(Created::id(input.scheduled_action_name))
}

pub async fn delete_scheduled_action(cx: &Cx, p: Props<'_>, name: &str) -> Result<(), String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Delete<'a> {
        auto_scaling_group_name: String,
        scheduled_action_name: &'a str,
    }
    let input = Delete { auto_scaling_group_name: p.req("AutoScalingGroupName")?, scheduled_action_name: name };
    gone(cx.call(Peer::AutoScaling, "DeleteScheduledAction", &input).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct UpdateAutoScalingGroup<'a> {
    auto_scaling_group_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    launch_template: Option<LaunchTemplateSpec>,
    #[serde(skip_serializing_if = "Option::is_none")]
    launch_configuration_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_size: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_size: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    desired_capacity: Option<i64>,
    #[serde(rename = "VPCZoneIdentifier", skip_serializing_if = "Option::is_none")]
    vpc_zone_identifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    health_check_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    health_check_grace_period: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_cooldown: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_instance_warmup: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    termination_policies: Vec<String>,
}

/// An in-place update of a group: UpdateAutoScalingGroup with the new settings.
pub async fn update_group(cx: &Cx, name: &str, p: Props<'_>) -> Result<(), String> {
    let zones = p.strings("VPCZoneIdentifier");
    let input = UpdateAutoScalingGroup {
        auto_scaling_group_name: name,
        launch_template: p.get("LaunchTemplate").map(|v| {
            let t = Props(v);
            LaunchTemplateSpec {
                launch_template_id: t.str("LaunchTemplateId"),
                launch_template_name: t.str("LaunchTemplateName"),
                version: t.str("Version"),
            }
        }),
        launch_configuration_name: p.str("LaunchConfigurationName"),
        min_size: p.int("MinSize")?,
        max_size: p.int("MaxSize")?,
        desired_capacity: p.int("DesiredCapacity")?,
        vpc_zone_identifier: (!zones.is_empty()).then(|| zones.join(",")),
        health_check_type: p.str("HealthCheckType"),
        health_check_grace_period: p.int("HealthCheckGracePeriod")?,
        default_cooldown: p.int("Cooldown")?,
        default_instance_warmup: p.int("DefaultInstanceWarmup")?,
        termination_policies: p.strings("TerminationPolicies"),
    };
    cx.call(Peer::AutoScaling, "UpdateAutoScalingGroup", &input).await?;
    Ok(())
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateLaunchConfiguration {
    launch_configuration_name: String,
    image_id: String,
    instance_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_name: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    security_groups: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    iam_instance_profile: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    associate_public_ip_address: Option<bool>,
}

pub async fn create_launch_configuration(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateLaunchConfiguration {
        launch_configuration_name: p.str("LaunchConfigurationName").unwrap_or_else(|| cx.generated_name(255)),
        image_id: p.req("ImageId")?,
        instance_type: p.req("InstanceType")?,
        key_name: p.str("KeyName"),
        security_groups: p.strings("SecurityGroups"),
        user_data: p.str("UserData"),
        iam_instance_profile: p.str("IamInstanceProfile"),
        associate_public_ip_address: p.bool("AssociatePublicIpAddress")?,
    };
    cx.call(Peer::AutoScaling, "CreateLaunchConfiguration", &input).await?;
    Ok(Created::id(input.launch_configuration_name))
}

pub async fn delete_launch_configuration(cx: &Cx, name: &str) -> Result<(), String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Name<'a> {
        launch_configuration_name: &'a str,
    }
    gone(cx.call(Peer::AutoScaling, "DeleteLaunchConfiguration", &Name { launch_configuration_name: name }).await)
}
