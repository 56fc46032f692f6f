//! The group's SNS notifications (PutNotificationConfiguration) for launches, terminations
//! and their failures, in AWS's JSON.

use serde_json::{json, Value};

use crate::ops::peer;
use crate::records::{kind, ActivityRec, NotificationRec};
use crate::{AutoScaling, Peer};

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
            if let Err(e) = peer(
                asg,
                Peer::Sns,
                "Publish",
                json!({"TopicArn": c.topic, "Subject": subject, "Message": message.to_string()}),
            )
            .await
            {
                tracing::warn!(group = name, topic = %c.topic, error = %e, "autoscaling: notification failed");
            }
        }
    }
}
