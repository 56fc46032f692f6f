//! The group's SNS notifications (PutNotificationConfiguration) for launches, terminations
//! and their failures, in AWS's JSON.

use api::sns::PublishInput;
use api::sqs::{GetQueueUrlRequest, SendMessageRequest};
use serde_json::{json, Value};

use crate::records::{kind, ActivityRec, HookRec, NotificationRec};
use crate::AutoScaling;

/// Publish the group's notifications (PutNotificationConfiguration) for these events.
pub(crate) async fn notify(asg: &AutoScaling, name: &str, events: Vec<(&'static str, ActivityRec, String)>) {
    let events: Vec<_> = events.into_iter().filter(|(e, _, _)| !e.is_empty()).collect();
    if events.is_empty() {
        return;
    }
    let Ok(configs) = asg.read(|tx| Ok(tx.list::<NotificationRec>(kind::NOTIFICATION, &format!("{name}/"))?)) else {
        return;
    };
    for (event, act, instance) in events {
        for (_, c) in configs.iter().filter(|(_, c)| c.types.iter().any(|t| t == event)) {
            let what = match event {
                "autoscaling:EC2_INSTANCE_LAUNCH" => "launch",
                "autoscaling:EC2_INSTANCE_TERMINATE" => "termination",
                "autoscaling:EC2_INSTANCE_LAUNCH_ERROR" => "failed launch",
                _ => "failed termination",
            };
            let message = json!({
                "Origin": "AutoScalingGroup", "Destination": "EC2",
                "Progress": act.progress, "AccountId": asg.config.account,
                "Description": act.description, "RequestId": act.id,
                "EndTime": act.end.map(wire::timestamp::format_iso8601),
                "AutoScalingGroupARN": act.group_arn, "ActivityId": act.id,
                "StartTime": wire::timestamp::format_iso8601(act.start),
                "Service": "AWS Auto Scaling", "Time": wire::timestamp::format_iso8601(asg.now()),
                "EC2InstanceId": instance, "StatusCode": act.status,
                "StatusMessage": act.status_message.clone().unwrap_or_default(),
                "Details": serde_json::from_str::<Value>(&act.details).unwrap_or_default(),
                "AutoScalingGroupName": name, "Cause": act.cause, "Event": event,
            });
            let subject = format!("Auto Scaling: {what} for group \"{name}\"");
            if let Err(e) = asg.peers.clients().sns.publish(sns_message(&c.topic, subject, &message)).await {
                tracing::warn!(group = name, topic = %c.topic, error = %e, "autoscaling: notification failed");
            }
        }
    }
}

/// Tell a lifecycle hook's notification target (an SNS topic) that an instance waits for its
/// action, in AWS's message shape.
pub(crate) async fn lifecycle_action(asg: &AutoScaling, hook: &HookRec, instance: &str, token: &str) {
    let Some(target) = &hook.notification_target else { return };
    let mut message = json!({
        "Origin": if hook.transition.ends_with("LAUNCHING") { "EC2" } else { "AutoScalingGroup" },
        "Destination": if hook.transition.ends_with("LAUNCHING") { "AutoScalingGroup" } else { "EC2" },
        "Service": "AWS Auto Scaling", "Time": wire::timestamp::format_iso8601(asg.now()),
        "AccountId": asg.config.account, "RequestId": token, "LifecycleActionToken": token,
        "AutoScalingGroupName": hook.group, "LifecycleHookName": hook.name,
        "EC2InstanceId": instance, "LifecycleTransition": hook.transition,
    });
    if let Some(m) = &hook.metadata {
        message["NotificationMetadata"] = json!(m);
    }
    let subject = format!(
        "Auto Scaling:  Lifecycle action '{}' for instance {instance} in progress.",
        if hook.transition.ends_with("LAUNCHING") { "LAUNCHING" } else { "TERMINATING" }
    );
    if let Err(e) = publish(asg, target, &subject, &message).await {
        tracing::warn!(group = %hook.group, hook = %hook.name, error = %e, "autoscaling: lifecycle notification failed");
    }
}

/// The test notification PutLifecycleHook sends to a new target; an error means the target
/// cannot be reached and the hook is refused.
pub(crate) async fn lifecycle_test(
    asg: &AutoScaling,
    group: &str,
    group_arn: &str,
    target: &str,
) -> Result<(), String> {
    let message = json!({
        "AccountId": asg.config.account, "RequestId": crate::ops::new_id(),
        "AutoScalingGroupARN": group_arn, "AutoScalingGroupName": group,
        "Service": "AWS Auto Scaling", "Event": "autoscaling:TEST_NOTIFICATION",
        "Time": wire::timestamp::format_iso8601(asg.now()),
    });
    publish(asg, target, &format!("Auto Scaling: test notification for group \"{group}\""), &message).await
}

async fn publish(asg: &AutoScaling, target: &str, subject: &str, message: &Value) -> Result<(), String> {
    if target.starts_with("arn:aws:sqs:") {
        return send_to_queue(asg, target, message).await;
    }
    if !target.starts_with("arn:aws:sns:") {
        return Err(format!("{target} is not an SNS topic"));
    }
    asg.peers
        .clients()
        .sns
        .publish(sns_message(target, subject.to_string(), message))
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn sns_message(topic: &str, subject: String, message: &Value) -> PublishInput {
    PublishInput {
        topic_arn: Some(topic.to_string()),
        subject: Some(subject),
        message: message.to_string(),
        ..Default::default()
    }
}

/// A lifecycle hook's queue gets the message itself as the body (no SNS envelope), as Auto
/// Scaling sends it; the queue is found by its name and account through SQS's GetQueueUrl.
async fn send_to_queue(asg: &AutoScaling, target: &str, message: &Value) -> Result<(), String> {
    let parts: Vec<&str> = target.split(':').collect();
    let [_, _, _, _, account, name] = parts.as_slice() else {
        return Err(format!("{target} is not an SQS queue ARN"));
    };
    let sqs = &asg.peers.clients().sqs;
    let input =
        GetQueueUrlRequest { queue_name: name.to_string(), queue_owner_aws_account_id: Some(account.to_string()) };
    let found = sqs.get_queue_url(input).await.map_err(|e| e.to_string())?;
    let url = found.queue_url.ok_or("GetQueueUrl answered no QueueUrl")?;
    let input = SendMessageRequest { queue_url: url, message_body: message.to_string(), ..Default::default() };
    sqs.send_message(input).await.map(|_| ()).map_err(|e| e.to_string())
}
