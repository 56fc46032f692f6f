//! AWS::SNS::Topic (with inline subscriptions) and AWS::SNS::Subscription, through SNS's
//! typed client.

use std::collections::BTreeMap;

use api::sns::{CreateTopicInput, DeleteTopicInput, SubscribeInput, Tag as SnsTag, UnsubscribeInput};

use super::{gone, refusal, Created, Cx, Props};
use crate::Peer;

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
    let tags: Vec<SnsTag> = cx.tags(p).into_iter().map(|t| SnsTag { key: t.key, value: t.value }).collect();
    let sns = cx.sns()?;
    let out = sns
        .create_topic(CreateTopicInput {
            name: name.clone(),
            attributes: Some(attributes).filter(|a| !a.is_empty()),
            tags: Some(tags).filter(|t| !t.is_empty()),
            ..Default::default()
        })
        .await
        .map_err(|e| refusal(Peer::Sns, e))?;
    let arn = out.topic_arn.ok_or("CreateTopic answered no TopicArn")?;
    for s in p.objects("Subscription") {
        let sub = SubscribeInput {
            topic_arn: arn.clone(),
            protocol: s.req("Protocol")?,
            endpoint: Some(s.req("Endpoint")?),
            return_subscription_arn: Some(true),
            ..Default::default()
        };
        if let Err(e) = sns.subscribe(sub).await {
            let _ = sns.delete_topic(DeleteTopicInput { topic_arn: arn.clone() }).await;
            return Err(refusal(Peer::Sns, e));
        }
    }
    Ok(Created::id(arn.clone()).attr("TopicArn", arn).attr("TopicName", name))
}

pub async fn delete_topic(cx: &Cx, arn: &str) -> Result<(), String> {
    let out = cx.sns()?.delete_topic(DeleteTopicInput { topic_arn: arn.to_string() }).await;
    gone(out.map_err(|e| refusal(Peer::Sns, e)))
}

pub async fn create_subscription(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let sub = SubscribeInput {
        topic_arn: p.req("TopicArn")?,
        protocol: p.req("Protocol")?,
        endpoint: Some(p.req("Endpoint")?),
        return_subscription_arn: Some(true),
        ..Default::default()
    };
    let out = cx.sns()?.subscribe(sub).await.map_err(|e| refusal(Peer::Sns, e))?;
    Ok(Created::id(out.subscription_arn.ok_or("Subscribe answered no SubscriptionArn")?))
}

pub async fn delete_subscription(cx: &Cx, arn: &str) -> Result<(), String> {
    let out = cx.sns()?.unsubscribe(UnsubscribeInput { subscription_arn: arn.to_string() }).await;
    gone(out.map_err(|e| refusal(Peer::Sns, e)))
}
