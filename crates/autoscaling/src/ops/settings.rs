//! Group settings: notifications, suspended processes, metrics collection, tags, limits.

use api::sns::{GetTopicAttributesInput, PublishInput};
use serde_json::{json, Value};

use super::{load_group, page, required, str_of, strings};
use crate::error::{AsgError, Result};
use crate::records::{kind, GroupRec, NotificationRec, TagRec};
use crate::AutoScaling;

pub(crate) const NOTIFICATION_TYPES: [&str; 5] = [
    "autoscaling:EC2_INSTANCE_LAUNCH",
    "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
    "autoscaling:EC2_INSTANCE_TERMINATE",
    "autoscaling:EC2_INSTANCE_TERMINATE_ERROR",
    "autoscaling:TEST_NOTIFICATION",
];

pub(crate) const PROCESSES: [&str; 9] = [
    "Launch",
    "Terminate",
    "AddToLoadBalancer",
    "AlarmNotification",
    "AZRebalance",
    "HealthCheck",
    "InstanceRefresh",
    "ReplaceUnhealthy",
    "ScheduledActions",
];

const METRICS: [&str; 13] = [
    "GroupMinSize",
    "GroupMaxSize",
    "GroupDesiredCapacity",
    "GroupInServiceInstances",
    "GroupPendingInstances",
    "GroupStandbyInstances",
    "GroupTerminatingInstances",
    "GroupTotalInstances",
    "GroupInServiceCapacity",
    "GroupPendingCapacity",
    "GroupStandbyCapacity",
    "GroupTerminatingCapacity",
    "GroupTotalCapacity",
];

pub(crate) async fn put_notification(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let topic = required(input, "TopicARN")?;
    let types = strings(input, "NotificationTypes");
    for t in &types {
        if !NOTIFICATION_TYPES.contains(&t.as_str()) {
            return Err(AsgError::validation(format!("Invalid notification type {t}.")));
        }
    }
    asg.read(|tx| load_group(tx, group))?;
    asg.peers
        .clients()
        .sns
        .get_topic_attributes(GetTopicAttributesInput { topic_arn: topic.to_string() })
        .await
        .map_err(|_| AsgError::validation(format!("The topic {topic} does not exist.")))?;
    asg.write(|tx| {
        tx.put(
            kind::NOTIFICATION,
            &format!("{group}/{topic}"),
            &NotificationRec { group: group.into(), topic: topic.into(), types: types.clone() },
        )?;
        Ok(())
    })?;
    // AWS confirms a new configuration with a test notification.
    let message = json!({
        "AccountId": asg.config.account, "RequestId": super::new_id(), "AutoScalingGroupARN": "",
        "AutoScalingGroupName": group, "Service": "AWS Auto Scaling", "Event": "autoscaling:TEST_NOTIFICATION",
        "Time": wire::timestamp::format_iso8601(asg.now()),
    });
    let _ = asg
        .peers
        .clients()
        .sns
        .publish(PublishInput {
            topic_arn: Some(topic.to_string()),
            subject: Some(format!("Auto Scaling: test notification for group \"{group}\"")),
            message: message.to_string(),
            ..Default::default()
        })
        .await;
    Ok(json!({}))
}

pub(crate) fn describe_notifications(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let groups = strings(input, "AutoScalingGroupNames");
    let all = asg.read(|tx| Ok(tx.list::<NotificationRec>(kind::NOTIFICATION, "")?))?;
    let mut items = Vec::new();
    for (_, n) in all.into_iter().filter(|(_, n)| groups.is_empty() || groups.contains(&n.group)) {
        for t in &n.types {
            items.push(json!({"AutoScalingGroupName": n.group, "TopicARN": n.topic, "NotificationType": t}));
        }
    }
    page(items, input, "NotificationConfigurations", 50)
}

pub(crate) fn delete_notification(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let topic = required(input, "TopicARN")?;
    asg.write(|tx| {
        load_group(tx, group)?;
        if !tx.delete(kind::NOTIFICATION, &format!("{group}/{topic}"))? {
            return Err(AsgError::validation(format!("No notification configuration found for topic {topic}")));
        }
        Ok(())
    })?;
    Ok(json!({}))
}

pub(crate) fn suspend(asg: &AutoScaling, input: &Value, suspend: bool) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let mut names = strings(input, "ScalingProcesses");
    for n in &names {
        if !PROCESSES.contains(&n.as_str()) && n != "RemoveFromLoadBalancerLowPriority" {
            return Err(AsgError::validation(format!("Invalid scaling process {n}.")));
        }
    }
    if names.is_empty() {
        names = PROCESSES.iter().map(|s| s.to_string()).collect();
    }
    asg.write(|tx| {
        let mut g = load_group(tx, group)?;
        for n in &names {
            if suspend {
                if !g.suspended(n) {
                    g.suspended.push((
                        n.clone(),
                        "User suspended at ".to_string() + &wire::timestamp::format_iso8601(asg.now()),
                    ));
                }
            } else {
                g.suspended.retain(|(p, _)| p != n);
            }
        }
        tx.put(kind::GROUP, group, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub(crate) fn metrics_collection(asg: &AutoScaling, input: &Value, enable: bool) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let mut metrics = strings(input, "Metrics");
    if let Some(m) = metrics.iter().find(|m| !METRICS.contains(&m.as_str())) {
        return Err(AsgError::validation(format!("Invalid metric {m}.")));
    }
    if metrics.is_empty() {
        metrics = METRICS.iter().map(|s| s.to_string()).collect();
    }
    if enable && str_of(input, "Granularity").is_some_and(|g| g != "1Minute") {
        return Err(AsgError::validation("Granularity must be 1Minute."));
    }
    asg.write(|tx| {
        let mut g = load_group(tx, group)?;
        for m in &metrics {
            if enable {
                if !g.enabled_metrics.contains(m) {
                    g.enabled_metrics.push(m.clone());
                }
            } else {
                g.enabled_metrics.retain(|x| x != m);
            }
        }
        if enable {
            g.metrics_granularity = Some("1Minute".into());
        }
        tx.put(kind::GROUP, group, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub(crate) fn metric_collection_types() -> Value {
    json!({
        "Metrics": METRICS.iter().map(|m| json!({"Metric": m})).collect::<Vec<_>>(),
        "Granularities": [{"Granularity": "1Minute"}],
    })
}

fn tag_targets(input: &Value) -> Result<Vec<(String, TagRec)>> {
    let mut out = Vec::new();
    for t in input.get("Tags").and_then(Value::as_array).into_iter().flatten() {
        let rt = str_of(t, "ResourceType").unwrap_or("auto-scaling-group");
        if rt != "auto-scaling-group" {
            return Err(AsgError::validation(format!("Invalid resource type {rt}: only auto-scaling-group.")));
        }
        let id = str_of(t, "ResourceId").ok_or_else(|| AsgError::validation("ResourceId is required for each tag"))?;
        let one = json!({"Tags": [t]});
        let tag = super::groups::tags_of(&one)?.remove(0);
        out.push((id.to_string(), tag));
    }
    Ok(out)
}

pub(crate) fn create_or_update_tags(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let tags = tag_targets(input)?;
    asg.write(|tx| {
        for (group, tag) in &tags {
            let mut g = load_group(tx, group)?;
            match g.tags.iter_mut().find(|t| t.key == tag.key) {
                Some(t) => *t = tag.clone(),
                None => g.tags.push(tag.clone()),
            }
            if g.tags.len() > 50 {
                return Err(AsgError::Client("LimitExceeded", "A group can have at most 50 tags.".into()));
            }
            tx.put(kind::GROUP, group, &g)?;
        }
        Ok(())
    })?;
    Ok(json!({}))
}

pub(crate) fn delete_tags(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let tags = tag_targets(input)?;
    asg.write(|tx| {
        for (group, tag) in &tags {
            let mut g = load_group(tx, group)?;
            g.tags.retain(|t| t.key != tag.key);
            tx.put(kind::GROUP, group, &g)?;
        }
        Ok(())
    })?;
    Ok(json!({}))
}

pub(crate) fn describe_tags(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let filters: Vec<(String, Vec<String>)> = input
        .get("Filters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|f| (str_of(f, "Name").unwrap_or_default().to_string(), strings(f, "Values")))
        .collect();
    let groups = asg.read(|tx| Ok(tx.list::<GroupRec>(kind::GROUP, "")?))?;
    let mut items = Vec::new();
    for (_, g) in groups {
        for t in &g.tags {
            let ok = filters.iter().all(|(n, vals)| match n.as_str() {
                "auto-scaling-group" => vals.contains(&g.name),
                "key" => vals.contains(&t.key),
                "value" => vals.contains(&t.value),
                "propagate-at-launch" => vals.contains(&t.propagate.to_string()),
                _ => true,
            });
            if ok {
                items.push(json!({"ResourceId": g.name, "ResourceType": "auto-scaling-group", "Key": t.key, "Value": t.value, "PropagateAtLaunch": t.propagate}));
            }
        }
    }
    page(items, input, "Tags", 50)
}

pub(crate) fn account_limits(asg: &AutoScaling) -> Result<Value> {
    let (groups, lcs) = asg.read(|tx| Ok((tx.count(kind::GROUP, "")?, tx.count(kind::LAUNCH_CONFIG, "")?)))?;
    Ok(json!({
        "MaxNumberOfAutoScalingGroups": super::groups::MAX_GROUPS,
        "MaxNumberOfLaunchConfigurations": 200,
        "NumberOfAutoScalingGroups": groups,
        "NumberOfLaunchConfigurations": lcs,
    }))
}
