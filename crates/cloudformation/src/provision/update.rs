//! Stack updates per resource: which property changes a type can take in place (AWS's "No
//! interruption"), and those in-place updates. Any other change replaces the resource: a new one
//! is created, the old one deleted once the stack update has succeeded.

use serde_json::{Map, Value};

use super::{autoscaling, cloudwatch, ec2, sqs, Created, Cx, Props};
use crate::Peer;

/// How a changed resource is updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    InPlace,
    Replace,
}

/// The properties that differ between two resolved property sets.
fn differing(old: &Value, new: &Value) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for m in [old, new].into_iter().filter_map(Value::as_object) {
        for k in m.keys() {
            if !keys.contains(k) && old.get(k) != new.get(k) {
                keys.push(k.clone());
            }
        }
    }
    keys
}

pub fn change(kind: &str, old: &Value, new: &Value) -> Change {
    let diff = differing(old, new);
    let only = |allowed: &[&str]| diff.iter().all(|k| allowed.contains(&k.as_str()));
    let in_place = match kind {
        "AWS::SNS::Topic" => only(&["DisplayName"]),
        "AWS::SQS::Queue" => only(sqs::UPDATABLE),
        "AWS::SQS::QueuePolicy" => only(&["PolicyDocument", "Queues"]),
        "AWS::EC2::SecurityGroup" => only(&["SecurityGroupIngress", "SecurityGroupEgress"]),
        "AWS::CloudWatch::Alarm" => !diff.iter().any(|k| k == "AlarmName"),
        "AWS::AutoScaling::ScalingPolicy" => !diff.iter().any(|k| k == "AutoScalingGroupName" || k == "PolicyName"),
        "AWS::AutoScaling::AutoScalingGroup" => only(&[
            "MinSize",
            "MaxSize",
            "DesiredCapacity",
            "LaunchTemplate",
            "LaunchConfigurationName",
            "HealthCheckType",
            "HealthCheckGracePeriod",
            "Cooldown",
            "VPCZoneIdentifier",
            "DefaultInstanceWarmup",
            "TerminationPolicies",
        ]),
        "AWS::EC2::LaunchTemplate" => only(&["LaunchTemplateData", "VersionDescription"]),
        "AWS::EC2::VPC" => only(&["EnableDnsSupport", "EnableDnsHostnames"]),
        _ => false,
    };
    if in_place {
        Change::InPlace
    } else {
        Change::Replace
    }
}

/// The property that names a resource of `kind`, if the type has one: a resource named in the
/// template cannot be replaced under the same name.
pub fn name_property(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "AWS::SNS::Topic" => "TopicName",
        "AWS::SQS::Queue" => "QueueName",
        "AWS::EC2::SecurityGroup" => "GroupName",
        "AWS::EC2::LaunchTemplate" => "LaunchTemplateName",
        "AWS::ElasticLoadBalancingV2::LoadBalancer" | "AWS::ElasticLoadBalancingV2::TargetGroup" => "Name",
        "AWS::AutoScaling::AutoScalingGroup" => "AutoScalingGroupName",
        "AWS::CloudWatch::Alarm" => "AlarmName",
        "AWS::IAM::Group" => "GroupName",
        "AWS::IAM::User" => "UserName",
        _ => return None,
    })
}

/// Update a resource in place (only for changes [`change`] called InPlace); the resource as
/// Ref and GetAtt see it afterwards.
pub async fn update(
    cx: &Cx,
    kind: &str,
    physical_id: &str,
    old: &Value,
    new: &Value,
    attrs: &Map<String, Value>,
) -> Result<Created, String> {
    let same = |extra: &[(&str, Value)]| {
        let mut c = Created::id(physical_id);
        c.attributes = attrs.clone();
        for (k, v) in extra {
            c.attributes.insert(k.to_string(), v.clone());
        }
        c
    };
    let new = &super::dynamic::resolve(cx, new).await?;
    let (old_p, new_p) = (Props(old), Props(new));
    match kind {
        "AWS::SNS::Topic" => {
            let input = api::sns::SetTopicAttributesInput {
                topic_arn: physical_id.to_string(),
                attribute_name: "DisplayName".into(),
                attribute_value: Some(new_p.str("DisplayName").unwrap_or_default()),
            };
            cx.sns()?.set_topic_attributes(input).await.map_err(|e| super::refusal(Peer::Sns, e))?;
            Ok(same(&[]))
        }
        "AWS::SQS::Queue" => {
            sqs::update_queue(cx, physical_id, old_p, new_p).await?;
            Ok(same(&[]))
        }
        "AWS::SQS::QueuePolicy" => {
            sqs::update_queue_policy(cx, old_p, new_p).await?;
            Ok(same(&[]))
        }
        "AWS::EC2::SecurityGroup" => {
            ec2::replace_rules(cx, physical_id, old_p, new_p).await?;
            Ok(same(&[]))
        }
        "AWS::CloudWatch::Alarm" => {
            let mut props = new.clone();
            props["AlarmName"] = Value::String(physical_id.to_string());
            cloudwatch::put_alarm(cx, Props(&props)).await.map(|c| same(&[("Arn", c.attributes["Arn"].clone())]))
        }
        "AWS::AutoScaling::ScalingPolicy" => {
            let mut props = new.clone();
            props["PolicyName"] = attrs.get("PolicyName").cloned().unwrap_or_default();
            autoscaling::put_scaling_policy(cx, Props(&props)).await
        }
        "AWS::AutoScaling::AutoScalingGroup" => {
            autoscaling::update_group(cx, physical_id, new_p).await?;
            Ok(same(&[]))
        }
        "AWS::EC2::LaunchTemplate" => {
            let version = ec2::new_launch_template_version(cx, physical_id, new_p).await?;
            let v = Value::String(version);
            Ok(same(&[("LatestVersionNumber", v.clone()), ("DefaultVersionNumber", v)]))
        }
        "AWS::EC2::VPC" => {
            ec2::set_vpc_dns(cx, physical_id, new_p, Some(old_p)).await?;
            Ok(same(&[]))
        }
        other => Err(format!("Resource type {other} cannot be updated in place")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn in_place_or_replacement_per_type() {
        let topic = json!({"TopicName": "t", "DisplayName": "a"});
        assert_eq!(change("AWS::SNS::Topic", &topic, &json!({"TopicName": "t", "DisplayName": "b"})), Change::InPlace);
        assert_eq!(change("AWS::SNS::Topic", &topic, &json!({"TopicName": "u", "DisplayName": "a"})), Change::Replace);
        let queue = json!({"QueueName": "q", "VisibilityTimeout": 30});
        assert_eq!(
            change("AWS::SQS::Queue", &queue, &json!({"QueueName": "q", "VisibilityTimeout": 60})),
            Change::InPlace
        );
        assert_eq!(
            change("AWS::SQS::Queue", &queue, &json!({"QueueName": "r", "VisibilityTimeout": 30})),
            Change::Replace
        );
        assert_eq!(
            change("AWS::SQS::Queue", &queue, &json!({"QueueName": "q", "VisibilityTimeout": 30, "FifoQueue": true})),
            Change::Replace
        );
        let sg = json!({"GroupDescription": "d", "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 80}]});
        let more = json!({"GroupDescription": "d", "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 443}]});
        assert_eq!(change("AWS::EC2::SecurityGroup", &sg, &more), Change::InPlace);
        assert_eq!(change("AWS::EC2::SecurityGroup", &sg, &json!({"GroupDescription": "e"})), Change::Replace);
        let vpc = json!({"CidrBlock": "10.0.0.0/16", "EnableDnsSupport": true});
        let hostnames = json!({"CidrBlock": "10.0.0.0/16", "EnableDnsSupport": true, "EnableDnsHostnames": true});
        assert_eq!(change("AWS::EC2::VPC", &vpc, &hostnames), Change::InPlace);
        let group = json!({"MinSize": "1", "MaxSize": "2", "AutoScalingGroupName": "g"});
        assert_eq!(
            change(
                "AWS::AutoScaling::AutoScalingGroup",
                &group,
                &json!({"MinSize": "2", "MaxSize": "4", "AutoScalingGroupName": "g"})
            ),
            Change::InPlace
        );
        assert_eq!(
            change("AWS::EC2::VPC", &json!({"CidrBlock": "10.0.0.0/16"}), &json!({"CidrBlock": "10.1.0.0/16"})),
            Change::Replace
        );
        assert_eq!(name_property("AWS::IAM::User"), Some("UserName"));
        assert_eq!(name_property("AWS::EC2::VPC"), None);
    }

    #[test]
    fn properties_read_leniently() {
        let v = json!({"Min": "2", "Max": 4, "On": "true", "List": "a, b", "Tags": [{"Key": "k", "Value": 1}]});
        let p = Props(&v);
        assert_eq!(p.int("Min").unwrap(), Some(2));
        assert_eq!(p.int("Max").unwrap(), Some(4));
        assert_eq!(p.bool("On").unwrap(), Some(true));
        assert_eq!(p.strings("List"), vec!["a", "b"]);
        assert_eq!(p.own_tags()[0].value, "1");
        assert!(p.int("On").is_err());
        assert_eq!(p.req("Nope").unwrap_err(), "Property Nope cannot be empty.");
    }
}
