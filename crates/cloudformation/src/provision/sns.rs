//! AWS::SNS::Topic (with inline subscriptions) and AWS::SNS::Subscription.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::{gone, Created, Cx, Props, Tag};
use crate::Peer;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateTopic {
    name: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attributes: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<Tag>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Subscribe {
    topic_arn: String,
    protocol: String,
    endpoint: String,
    return_subscription_arn: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct TopicArn<'a> {
    topic_arn: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SubscriptionArn<'a> {
    subscription_arn: &'a str,
}

pub async fn create_topic(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let fifo = p.bool("FifoTopic")?.unwrap_or(false);
    let name = p.str("TopicName").unwrap_or_else(|| {
        let n = cx.generated_name(if fifo { 251 } else { 256 });
        if fifo {
            format!("{n}.fifo")
        } else {
            n
        }
    });
    let mut attributes = BTreeMap::new();
    if let Some(d) = p.str("DisplayName") {
        attributes.insert("DisplayName".to_string(), d);
    }
    if fifo {
        attributes.insert("FifoTopic".to_string(), "true".to_string());
    }
    let out =
        cx.call(Peer::Sns, "CreateTopic", &CreateTopic { name: name.clone(), attributes, tags: cx.tags(p) }).await?;
    let arn = out.get("TopicArn").and_then(Value::as_str).ok_or("CreateTopic answered no TopicArn")?.to_string();
    for s in p.objects("Subscription") {
        let sub = Subscribe {
            topic_arn: arn.clone(),
            protocol: s.req("Protocol")?,
            endpoint: s.req("Endpoint")?,
            return_subscription_arn: true,
        };
        if let Err(e) = cx.call(Peer::Sns, "Subscribe", &sub).await {
            let _ = cx.call(Peer::Sns, "DeleteTopic", &TopicArn { topic_arn: &arn }).await;
            return Err(e);
        }
    }
    Ok(Created::id(arn.clone()).attr("TopicArn", arn).attr("TopicName", name))
}

pub async fn delete_topic(cx: &Cx, arn: &str) -> Result<(), String> {
    gone(cx.call(Peer::Sns, "DeleteTopic", &TopicArn { topic_arn: arn }).await)
}

pub async fn create_subscription(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let sub = Subscribe {
        topic_arn: p.req("TopicArn")?,
        protocol: p.req("Protocol")?,
        endpoint: p.req("Endpoint")?,
        return_subscription_arn: true,
    };
    let out = cx.call(Peer::Sns, "Subscribe", &sub).await?;
    let arn = out.get("SubscriptionArn").and_then(Value::as_str).ok_or("Subscribe answered no SubscriptionArn")?;
    Ok(Created::id(arn))
}

pub async fn delete_subscription(cx: &Cx, arn: &str) -> Result<(), String> {
    gone(cx.call(Peer::Sns, "Unsubscribe", &SubscriptionArn { subscription_arn: arn }).await)
}
