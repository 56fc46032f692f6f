//! AWS::AutoScaling::{AutoScalingGroup, ScalingPolicy, ScheduledAction, LaunchConfiguration},
//! through Auto Scaling's typed client.

use std::time::Duration;

use api::autoscaling::{
    AutoScalingGroupNamesType, CreateAutoScalingGroupType, CreateLaunchConfigurationType, DeleteAutoScalingGroupType,
    DeletePolicyType, DeleteScheduledActionType, EnableMetricsCollectionQuery, LaunchConfigurationNameType,
    LaunchTemplateSpecification, LifecycleState, PutNotificationConfigurationType, PutScalingPolicyType,
    PutScheduledUpdateGroupActionType, StepAdjustment, Tag, UpdateAutoScalingGroupType,
};
use serde_json::{Map, Value};

use super::{gone, refusal, Created, Cx, Props};
use crate::Peer;

fn refused(e: wire::ApiError) -> String {
    refusal(Peer::AutoScaling, e)
}

fn launch_template(p: Props<'_>) -> Option<LaunchTemplateSpecification> {
    p.get("LaunchTemplate").map(|v| {
        let t = Props(v);
        LaunchTemplateSpecification {
            launch_template_id: t.str("LaunchTemplateId"),
            launch_template_name: t.str("LaunchTemplateName"),
            version: t.str("Version"),
        }
    })
}

/// The group's own tags, and the stack's (propagated to its instances, as CloudFormation does).
fn group_tags(cx: &Cx, p: Props<'_>) -> Vec<Tag> {
    let mut tags: Vec<Tag> = p
        .objects("Tags")
        .into_iter()
        .filter_map(|t| {
            Some(Tag {
                key: t.str("Key")?,
                value: Some(t.str("Value").unwrap_or_default()),
                propagate_at_launch: Some(t.bool("PropagateAtLaunch").ok().flatten().unwrap_or(false)),
                ..Default::default()
            })
        })
        .collect();
    for (k, v) in &cx.stack_tags {
        if !tags.iter().any(|t| &t.key == k) {
            tags.push(Tag {
                key: k.clone(),
                value: Some(v.clone()),
                propagate_at_launch: Some(true),
                ..Default::default()
            });
        }
    }
    tags
}

/// The group as DescribeAutoScalingGroups has it (None once it is gone).
async fn describe(cx: &Cx, name: &str) -> Result<Option<api::autoscaling::AutoScalingGroup>, String> {
    let input =
        AutoScalingGroupNamesType { auto_scaling_group_names: Some(vec![name.to_string()]), ..Default::default() };
    let d = cx.autoscaling()?.describe_auto_scaling_groups(input).await.map_err(refused)?;
    Ok(d.auto_scaling_groups.into_iter().next())
}

pub async fn create_group(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let asg = cx.autoscaling()?;
    let zones = p.strings("VPCZoneIdentifier");
    let min_size = p.int32("MinSize")?.ok_or("Property MinSize cannot be empty.")?;
    let input = CreateAutoScalingGroupType {
        auto_scaling_group_name: p.str("AutoScalingGroupName").unwrap_or_else(|| cx.generated_name(255)),
        launch_template: launch_template(p),
        launch_configuration_name: p.str("LaunchConfigurationName"),
        min_size,
        max_size: p.int32("MaxSize")?.ok_or("Property MaxSize cannot be empty.")?,
        desired_capacity: p.int32("DesiredCapacity")?,
        vpc_zone_identifier: (!zones.is_empty()).then(|| zones.join(",")),
        availability_zones: p.list("AvailabilityZones"),
        target_group_ar_ns: p.list("TargetGroupARNs"),
        load_balancer_names: p.list("LoadBalancerNames"),
        health_check_type: p.str("HealthCheckType"),
        health_check_grace_period: p.int32("HealthCheckGracePeriod")?,
        default_cooldown: p.int32("Cooldown")?,
        default_instance_warmup: p.int32("DefaultInstanceWarmup")?,
        termination_policies: p.list("TerminationPolicies"),
        tags: Some(group_tags(cx, p)).filter(|t| !t.is_empty()),
        ..Default::default()
    };
    let name = input.auto_scaling_group_name.clone();
    asg.create_auto_scaling_group(input).await.map_err(refused)?;
    cx.exists(&name);
    let rest = async {
        for m in p.objects("MetricsCollection") {
            let e = EnableMetricsCollectionQuery {
                auto_scaling_group_name: name.clone(),
                granularity: m.str("Granularity").unwrap_or_else(|| "1Minute".into()),
                metrics: m.list("Metrics"),
            };
            asg.enable_metrics_collection(e).await.map_err(refused)?;
        }
        for n in p.objects("NotificationConfigurations") {
            let c = PutNotificationConfigurationType {
                auto_scaling_group_name: name.clone(),
                topic_arn: n.req("TopicARN")?,
                notification_types: n.strings("NotificationTypes"),
            };
            asg.put_notification_configuration(c).await.map_err(refused)?;
        }
        // Complete once the group has its minimum of instances in service (what a
        // CreationPolicy would ask for), so the stack's outputs are usable when it completes.
        cx.wait_for("the group's minimum instances to be InService", Duration::from_secs(600), || async {
            let g = describe(cx, &name).await?;
            let members = g.and_then(|g| g.instances).unwrap_or_default();
            let in_service = members.iter().filter(|i| i.lifecycle_state == LifecycleState::InService).count();
            Ok((in_service as i64 >= i64::from(min_size)).then_some(()))
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
    let input = DeleteAutoScalingGroupType { auto_scaling_group_name: name.to_string(), force_delete: Some(true) };
    gone(cx.autoscaling()?.delete_auto_scaling_group(input).await.map_err(refused))?;
    // Gone once its instances are terminated and the group removed.
    cx.wait_for("the group's instances to terminate", Duration::from_secs(600), || async {
        Ok(describe(cx, name).await?.is_none().then_some(()))
    })
    .await
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
                            .int32("ScalingAdjustment")?
                            .ok_or("Property ScalingAdjustment cannot be empty.")?,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?,
        ),
        None => None,
    };
    let input = PutScalingPolicyType {
        auto_scaling_group_name: p.req("AutoScalingGroupName")?,
        policy_name: p.str("PolicyName").unwrap_or_else(|| cx.generated_name(255)),
        policy_type: p.str("PolicyType"),
        adjustment_type: p.str("AdjustmentType"),
        scaling_adjustment: p.int32("ScalingAdjustment")?,
        cooldown: p.int32("Cooldown")?,
        min_adjustment_magnitude: p.int32("MinAdjustmentMagnitude")?,
        metric_aggregation_type: p.str("MetricAggregationType"),
        estimated_instance_warmup: p.int32("EstimatedInstanceWarmup")?,
        step_adjustments: steps,
        target_tracking_configuration: nested(cx, p, "TargetTrackingConfiguration")?,
        predictive_scaling_configuration: nested(cx, p, "PredictiveScalingConfiguration")?,
        ..Default::default()
    };
    let policy_name = input.policy_name.clone();
    let out = cx.autoscaling()?.put_scaling_policy(input).await.map_err(refused)?;
    let arn = out.policy_arn.ok_or("PutScalingPolicy answered no PolicyARN")?;
    Ok(Created::id(arn.clone()).attr("Arn", arn).attr("PolicyName", policy_name))
}

/// A structured property whose type has the property's name in Auto Scaling's model.
fn nested<T: serde::de::DeserializeOwned>(cx: &Cx, p: Props<'_>, property: &str) -> Result<Option<T>, String> {
    p.get(property).map(|v| cx.typed(Peer::AutoScaling, property, property, v)).transpose()
}

pub async fn delete_policy(cx: &Cx, p: Props<'_>, attrs: &Map<String, Value>) -> Result<(), String> {
    let name = attrs.get("PolicyName").and_then(Value::as_str).unwrap_or_default();
    let input = DeletePolicyType {
        auto_scaling_group_name: Some(p.req("AutoScalingGroupName")?),
        policy_name: name.to_string(),
    };
    gone(cx.autoscaling()?.delete_policy(input).await.map_err(refused))
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
    let input = PutScheduledUpdateGroupActionType {
        auto_scaling_group_name: p.req("AutoScalingGroupName")?,
        scheduled_action_name: cx.generated_name(255),
        start_time: time(p, "StartTime")?,
        end_time: time(p, "EndTime")?,
        recurrence: p.str("Recurrence"),
        min_size: p.int32("MinSize")?,
        max_size: p.int32("MaxSize")?,
        desired_capacity: p.int32("DesiredCapacity")?,
        time_zone: p.str("TimeZone"),
        time: None,
    };
    let name = input.scheduled_action_name.clone();
    cx.autoscaling()?.put_scheduled_update_group_action(input).await.map_err(refused)?;
    Ok(Created::id(name))
}

pub async fn delete_scheduled_action(cx: &Cx, p: Props<'_>, name: &str) -> Result<(), String> {
    let input = DeleteScheduledActionType {
        auto_scaling_group_name: p.req("AutoScalingGroupName")?,
        scheduled_action_name: name.to_string(),
    };
    gone(cx.autoscaling()?.delete_scheduled_action(input).await.map_err(refused))
}

/// An in-place update of a group: UpdateAutoScalingGroup with the new settings.
pub async fn update_group(cx: &Cx, name: &str, p: Props<'_>) -> Result<(), String> {
    let zones = p.strings("VPCZoneIdentifier");
    let input = UpdateAutoScalingGroupType {
        auto_scaling_group_name: name.to_string(),
        launch_template: launch_template(p),
        launch_configuration_name: p.str("LaunchConfigurationName"),
        min_size: p.int32("MinSize")?,
        max_size: p.int32("MaxSize")?,
        desired_capacity: p.int32("DesiredCapacity")?,
        vpc_zone_identifier: (!zones.is_empty()).then(|| zones.join(",")),
        health_check_type: p.str("HealthCheckType"),
        health_check_grace_period: p.int32("HealthCheckGracePeriod")?,
        default_cooldown: p.int32("Cooldown")?,
        default_instance_warmup: p.int32("DefaultInstanceWarmup")?,
        termination_policies: p.list("TerminationPolicies"),
        ..Default::default()
    };
    cx.autoscaling()?.update_auto_scaling_group(input).await.map_err(refused)?;
    Ok(())
}

pub async fn create_launch_configuration(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateLaunchConfigurationType {
        launch_configuration_name: p.str("LaunchConfigurationName").unwrap_or_else(|| cx.generated_name(255)),
        image_id: Some(p.req("ImageId")?),
        instance_type: Some(p.req("InstanceType")?),
        key_name: p.str("KeyName"),
        security_groups: p.list("SecurityGroups"),
        user_data: p.str("UserData"),
        iam_instance_profile: p.str("IamInstanceProfile"),
        associate_public_ip_address: p.bool("AssociatePublicIpAddress")?,
        ..Default::default()
    };
    let name = input.launch_configuration_name.clone();
    cx.autoscaling()?.create_launch_configuration(input).await.map_err(refused)?;
    Ok(Created::id(name))
}

pub async fn delete_launch_configuration(cx: &Cx, name: &str) -> Result<(), String> {
    let input = LaunchConfigurationNameType { launch_configuration_name: name.to_string() };
    gone(cx.autoscaling()?.delete_launch_configuration(input).await.map_err(refused))
}
