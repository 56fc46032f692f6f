//! SNS's operations: topics, subscriptions, publishing, and the public links.

use std::collections::BTreeMap;

use api::sns::*;
use rand::Rng;
use serde_json::{json, Value};
use wire::{ApiError, CallContext};

use crate::error::{Result, SnsError};
use crate::records::{kind, DeliveryKind, DeliveryRec, SubscriptionRec, TopicRec};
use crate::Sns;

const MAX_MESSAGE: usize = 256 * 1024;
const TOPIC_ATTRIBUTES: &[&str] = &["DisplayName", "Policy", "DeliveryPolicy", "TracingConfig", "KmsMasterKeyId"];
const SUBSCRIPTION_ATTRIBUTES: &[&str] =
    &["RawMessageDelivery", "FilterPolicy", "FilterPolicyScope", "DeliveryPolicy", "RedrivePolicy"];

/// Run one typed call: an exhaustive `match`, so an operation added to the generated
/// [`Operation`] does not compile until it is handled here and in [`resources`].
pub fn dispatch(sns: &Sns, cx: &CallContext, op: Operation) -> std::result::Result<Value, ApiError> {
    fn out<T: serde::Serialize>(r: Result<T>) -> Result<Value> {
        r.map(|o| wire::typed::output(&o))
    }
    let out = match op {
        Operation::CreateTopic(i) => out(create_topic(sns, cx, i)),
        Operation::DeleteTopic(i) => out(delete_topic(sns, i)),
        Operation::ListTopics(_) => out(list_topics(sns)),
        Operation::GetTopicAttributes(i) => out(get_topic_attributes(sns, i)),
        Operation::SetTopicAttributes(i) => out(set_topic_attributes(sns, i)),
        Operation::Subscribe(i) => out(subscribe(sns, cx, i)),
        Operation::ConfirmSubscription(i) => out(confirm_subscription(sns, &i.topic_arn, &i.token)
            .map(|arn| ConfirmSubscriptionResponse { subscription_arn: Some(arn) })),
        Operation::Unsubscribe(i) => out(unsubscribe(sns, i)),
        Operation::ListSubscriptions(_) => out(list_subscriptions(sns, None)),
        Operation::ListSubscriptionsByTopic(i) => {
            out(topic_by_arn(sns, &i.topic_arn).and_then(|_| list_subscriptions(sns, Some(&i.topic_arn))))
        }
        Operation::GetSubscriptionAttributes(i) => out(get_subscription_attributes(sns, i)),
        Operation::SetSubscriptionAttributes(i) => out(set_subscription_attributes(sns, i)),
        Operation::Publish(i) => out(publish(sns, i)),
        Operation::TagResource(i) => out(tag_resource(sns, i)),
        Operation::UntagResource(i) => out(untag_resource(sns, i)),
        Operation::ListTagsForResource(i) => out(list_tags_for_resource(sns, i)),
    };
    out.map_err(ApiError::from)
}

/// What a call is authorised against: the topic it names (the topic to be made, for
/// CreateTopic), or `*`.
pub fn resources(sns: &Sns, op: &Operation) -> Vec<String> {
    let arn = match op {
        Operation::CreateTopic(i) => Some(topic_arn(sns, &i.name)),
        Operation::DeleteTopic(DeleteTopicInput { topic_arn, .. })
        | Operation::GetTopicAttributes(GetTopicAttributesInput { topic_arn, .. })
        | Operation::SetTopicAttributes(SetTopicAttributesInput { topic_arn, .. })
        | Operation::Subscribe(SubscribeInput { topic_arn, .. })
        | Operation::ListSubscriptionsByTopic(ListSubscriptionsByTopicInput { topic_arn, .. })
        | Operation::ConfirmSubscription(ConfirmSubscriptionInput { topic_arn, .. }) => Some(topic_arn.clone()),
        Operation::Publish(i) => i.topic_arn.clone().or_else(|| i.target_arn.clone()),
        Operation::TagResource(TagResourceRequest { resource_arn, .. })
        | Operation::UntagResource(UntagResourceRequest { resource_arn, .. })
        | Operation::ListTagsForResource(ListTagsForResourceRequest { resource_arn, .. }) => Some(resource_arn.clone()),
        Operation::ListTopics(_)
        | Operation::Unsubscribe(_)
        | Operation::ListSubscriptions(_)
        | Operation::GetSubscriptionAttributes(_)
        | Operation::SetSubscriptionAttributes(_) => None,
    };
    vec![arn.unwrap_or_else(|| "*".to_string())]
}

fn topic_arn(sns: &Sns, name: &str) -> String {
    format!("arn:aws:sns:{}:{}:{name}", sns.config.region, sns.config.account)
}

fn topic_by_arn(sns: &Sns, arn: &str) -> Result<TopicRec> {
    let prefix = topic_arn(sns, "");
    let name = arn.strip_prefix(&prefix).filter(|n| !n.is_empty() && !n.contains(':'));
    let Some(name) = name else {
        return Err(SnsError::InvalidParameter("TopicArn".into()));
    };
    sns.store
        .read(|tx| tx.get::<TopicRec>(kind::TOPIC, name))?
        .ok_or_else(|| SnsError::NotFound("Topic does not exist".into()))
}

fn new_id() -> String {
    let b: [u8; 16] = rand::thread_rng().gen();
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-4{}-{}-{}", &h[0..8], &h[8..12], &h[13..16], &h[16..20], &h[20..32])
}

fn new_token() -> String {
    let b: [u8; 64] = {
        let mut b = [0u8; 64];
        rand::thread_rng().fill(&mut b[..]);
        b
    };
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn create_topic(sns: &Sns, cx: &CallContext, input: CreateTopicInput) -> Result<CreateTopicResponse> {
    let name = input.name.as_str();
    let valid = !name.is_empty()
        && name.len() <= 256
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(SnsError::InvalidParameter("Topic Name".into()));
    }
    let arn = topic_arn(sns, name);
    let mut attributes: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in input.attributes.unwrap_or_default() {
        if !TOPIC_ATTRIBUTES.contains(&k.as_str()) {
            return Err(SnsError::InvalidParameter(format!("Attributes Reason: Unknown attribute {k}")));
        }
        attributes.insert(k, v);
    }
    attributes.entry("Policy".into()).or_insert_with(|| default_policy(&arn, &cx.principal.account));
    let tags = checked_tags(input.tags.unwrap_or_default())?;
    sns.store.write(|tx| {
        if let Some(existing) = tx.get::<TopicRec>(kind::TOPIC, name)? {
            // CreateTopic is idempotent for the same attributes.
            let _ = existing;
            return Ok(());
        }
        tx.put(
            kind::TOPIC,
            name,
            &TopicRec { arn: arn.clone(), name: name.to_string(), attributes, tags: tags.clone() },
        )?;
        Ok::<_, SnsError>(())
    })?;
    Ok(CreateTopicResponse { topic_arn: Some(arn) })
}

/// At most 50 tags per topic; keys 1–128 characters, values up to 256, no `aws:` keys.
const MAX_TAGS: usize = 50;

fn checked_tags(tags: Vec<Tag>) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    for t in tags {
        if t.key.is_empty() || t.key.chars().count() > 128 || t.value.chars().count() > 256 || t.key.starts_with("aws:")
        {
            return Err(SnsError::InvalidParameter(format!(
                "Tags Reason: the tag key {} or its value is invalid",
                t.key
            )));
        }
        out.retain(|(k, _)| *k != t.key);
        out.push((t.key, t.value));
    }
    if out.len() > MAX_TAGS {
        return Err(SnsError::TagLimitExceeded(
            "Could not complete request: tag quota of per resource exceeded".into(),
        ));
    }
    Ok(out)
}

/// Change a topic's tags, by its ARN.
fn with_topic_tags(sns: &Sns, arn: &str, f: impl FnOnce(&mut Vec<(String, String)>) -> Result<()>) -> Result<()> {
    let name = arn.strip_prefix(&topic_arn(sns, "")).filter(|n| !n.is_empty() && !n.contains(':'));
    let Some(name) = name else { return Err(SnsError::InvalidParameter("ResourceArn".into())) };
    sns.store.write(|tx| {
        let mut topic = tx
            .get::<TopicRec>(kind::TOPIC, name)?
            .ok_or_else(|| SnsError::ResourceNotFound("Resource does not exist".into()))?;
        f(&mut topic.tags)?;
        tx.put(kind::TOPIC, name, &topic)?;
        Ok(())
    })
}

fn tag_resource(sns: &Sns, input: TagResourceRequest) -> Result<TagResourceResponse> {
    let add = checked_tags(input.tags)?;
    with_topic_tags(sns, &input.resource_arn, |tags| {
        for (k, v) in add {
            tags.retain(|(x, _)| *x != k);
            tags.push((k, v));
        }
        if tags.len() > MAX_TAGS {
            return Err(SnsError::TagLimitExceeded(
                "Could not complete request: tag quota of per resource exceeded".into(),
            ));
        }
        Ok(())
    })?;
    Ok(TagResourceResponse {})
}

fn untag_resource(sns: &Sns, input: UntagResourceRequest) -> Result<UntagResourceResponse> {
    with_topic_tags(sns, &input.resource_arn, |tags| {
        tags.retain(|(k, _)| !input.tag_keys.contains(k));
        Ok(())
    })?;
    Ok(UntagResourceResponse {})
}

fn list_tags_for_resource(sns: &Sns, input: ListTagsForResourceRequest) -> Result<ListTagsForResourceResponse> {
    let topic = topic_by_arn(sns, &input.resource_arn).map_err(|e| match e {
        SnsError::NotFound(_) => SnsError::ResourceNotFound("Resource does not exist".into()),
        other => other,
    })?;
    let tags = topic.tags.into_iter().map(|(key, value)| Tag { key, value }).collect();
    Ok(ListTagsForResourceResponse { tags: Some(tags) })
}

fn default_policy(arn: &str, account: &str) -> String {
    json!({
        "Version": "2008-10-17",
        "Id": "__default_policy_ID",
        "Statement": [{
            "Sid": "__default_statement_ID",
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
                       "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
            "Resource": arn,
            "Condition": {"StringEquals": {"AWS:SourceOwner": account}}
        }]
    })
    .to_string()
}

fn delete_topic(sns: &Sns, input: DeleteTopicInput) -> Result<()> {
    let topic = match topic_by_arn(sns, &input.topic_arn) {
        Ok(t) => t,
        // Deleting a topic that does not exist succeeds, as in AWS.
        Err(SnsError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e),
    };
    sns.store.write(|tx| {
        tx.delete(kind::TOPIC, &topic.name)?;
        for (id, s) in tx.list::<SubscriptionRec>(kind::SUBSCRIPTION, "")? {
            if s.topic_arn == topic.arn {
                tx.delete(kind::SUBSCRIPTION, &id)?;
            }
        }
        Ok::<_, SnsError>(())
    })?;
    Ok(())
}

fn list_topics(sns: &Sns) -> Result<ListTopicsResponse> {
    let topics = sns.store.read(|tx| tx.list::<TopicRec>(kind::TOPIC, ""))?;
    Ok(ListTopicsResponse {
        topics: Some(topics.into_iter().map(|(_, t)| Topic { topic_arn: Some(t.arn) }).collect()),
        next_token: None,
    })
}

fn subscriptions(sns: &Sns) -> Result<Vec<SubscriptionRec>> {
    Ok(sns.store.read(|tx| tx.list::<SubscriptionRec>(kind::SUBSCRIPTION, ""))?.into_iter().map(|(_, s)| s).collect())
}

fn get_topic_attributes(sns: &Sns, input: GetTopicAttributesInput) -> Result<GetTopicAttributesResponse> {
    let topic = topic_by_arn(sns, &input.topic_arn)?;
    let subs: Vec<SubscriptionRec> = subscriptions(sns)?.into_iter().filter(|s| s.topic_arn == topic.arn).collect();
    let confirmed = subs.iter().filter(|s| s.confirmed).count();
    let mut attrs = topic.attributes.clone();
    attrs.insert("TopicArn".into(), topic.arn.clone());
    attrs.insert("Owner".into(), sns.config.account.clone());
    attrs.entry("DisplayName".into()).or_default();
    attrs.insert("SubscriptionsConfirmed".into(), confirmed.to_string());
    attrs.insert("SubscriptionsPending".into(), (subs.len() - confirmed).to_string());
    attrs.insert("SubscriptionsDeleted".into(), "0".into());
    attrs.insert(
        "EffectiveDeliveryPolicy".into(),
        attrs.get("DeliveryPolicy").cloned().unwrap_or_else(|| {
            json!({"http": {"defaultHealthyRetryPolicy": {"minDelayTarget": 20, "maxDelayTarget": 20, "numRetries": 3, "numMaxDelayRetries": 0, "numNoDelayRetries": 0, "numMinDelayRetries": 0, "backoffFunction": "linear"}, "disableSubscriptionOverrides": false, "defaultRequestPolicy": {"headerContentType": "text/plain; charset=UTF-8"}}}).to_string()
        }),
    );
    Ok(GetTopicAttributesResponse { attributes: Some(attrs) })
}

fn set_topic_attributes(sns: &Sns, input: SetTopicAttributesInput) -> Result<()> {
    let topic = topic_by_arn(sns, &input.topic_arn)?;
    let name = input.attribute_name.as_str();
    if !TOPIC_ATTRIBUTES.contains(&name) {
        return Err(SnsError::InvalidParameter("AttributeName".into()));
    }
    let value = input.attribute_value.as_deref().unwrap_or_default();
    if (name == "Policy" || name == "DeliveryPolicy") && serde_json::from_str::<Value>(value).is_err() {
        return Err(SnsError::InvalidParameter(format!("{name}: failed to parse JSON.")));
    }
    sns.store.write(|tx| {
        let mut t = topic.clone();
        t.attributes.insert(name.to_string(), value.to_string());
        tx.put(kind::TOPIC, &t.name, &t)
    })?;
    Ok(())
}

fn subscribe(sns: &Sns, cx: &CallContext, input: SubscribeInput) -> Result<SubscribeResponse> {
    let topic = topic_by_arn(sns, &input.topic_arn)?;
    let protocol = input.protocol.as_str();
    if !["email", "email-json", "http", "https", "sqs"].contains(&protocol) {
        return Err(SnsError::InvalidParameter(format!(
            "Amazon SNS does not support this protocol string: {protocol}"
        )));
    }
    let endpoint = input
        .endpoint
        .as_deref()
        .filter(|e| !e.is_empty())
        .ok_or_else(|| SnsError::InvalidParameter("Endpoint".into()))?;
    let endpoint_ok = match protocol {
        "email" | "email-json" => {
            endpoint.split_once('@').is_some_and(|(u, d)| !u.is_empty() && d.contains('.')) && !endpoint.contains(' ')
        }
        "sqs" => {
            let parts: Vec<&str> = endpoint.split(':').collect();
            parts.len() == 6 && endpoint.starts_with("arn:aws:sqs:") && parts.iter().all(|p| !p.is_empty())
        }
        p => endpoint.starts_with(&format!("{p}://")),
    };
    if !endpoint_ok {
        return Err(SnsError::InvalidParameter(match protocol {
            "email" | "email-json" => "Email address".into(),
            "sqs" => "SQS endpoint ARN".into(),
            _ => "Endpoint must match the specified protocol".into(),
        }));
    }
    let mut attributes = BTreeMap::new();
    for (k, v) in input.attributes.unwrap_or_default() {
        check_subscription_attribute(&k, &v)?;
        attributes.insert(k, v);
    }
    let existing = subscriptions(sns)?
        .into_iter()
        .find(|s| s.topic_arn == topic.arn && s.protocol == protocol && s.endpoint == endpoint);
    let return_arn = input.return_subscription_arn == Some(true);
    let answer = |arn: String| Ok(SubscribeResponse { subscription_arn: Some(arn) });
    if let Some(s) = existing {
        if s.confirmed || return_arn {
            return answer(s.arn);
        }
        return answer("pending confirmation".into());
    }
    // A queue needs no confirmation: the subscription is confirmed at once, as AWS confirms
    // one to a queue of the subscriber's own account.
    let confirm_now = protocol == "sqs";
    let id = new_id();
    let sub = SubscriptionRec {
        arn: format!("{}:{id}", topic.arn),
        id: id.clone(),
        topic_arn: topic.arn.clone(),
        protocol: protocol.to_string(),
        endpoint: endpoint.to_string(),
        owner: cx.principal.account.clone(),
        confirmed: confirm_now,
        token: new_token(),
        attributes,
    };
    let now = sns.now();
    sns.store.write(|tx| {
        tx.put(kind::SUBSCRIPTION, &id, &sub)?;
        if confirm_now {
            return Ok(());
        }
        let d = DeliveryRec {
            id: new_id(),
            subscription: id.clone(),
            kind: DeliveryKind::SubscriptionConfirmation,
            message_id: new_id(),
            subject: None,
            message: format!(
                "You have chosen to subscribe to the topic {}.\nTo confirm the subscription, visit the SubscribeURL included in this message.",
                topic.arn
            ),
            message_attributes: Value::Null,
            timestamp: now,
            attempts: 0,
            next_at: now,
            last_error: None,
        };
        tx.put(kind::DELIVERY, &d.id, &d)?;
        Ok::<_, SnsError>(())
    })?;
    answer(if return_arn || confirm_now { sub.arn } else { "pending confirmation".into() })
}

fn check_subscription_attribute(name: &str, value: &str) -> Result<()> {
    if !SUBSCRIPTION_ATTRIBUTES.contains(&name) {
        return Err(SnsError::InvalidParameter("AttributeName".into()));
    }
    match name {
        "RawMessageDelivery" if value != "true" && value != "false" => Err(SnsError::InvalidParameter(
            "RawMessageDelivery: Invalid value [".to_string() + value + "]. Must be true or false.",
        )),
        "FilterPolicy" | "DeliveryPolicy" | "RedrivePolicy"
            if !value.is_empty() && serde_json::from_str::<Value>(value).is_err() =>
        {
            Err(SnsError::InvalidParameter(format!("{name}: failed to parse JSON.")))
        }
        _ => Ok(()),
    }
}

/// Confirm by topic and token; the subscription's ARN.
pub fn confirm_subscription(sns: &Sns, topic_arn: &str, token: &str) -> Result<String> {
    let topic = topic_by_arn(sns, topic_arn)?;
    let sub = subscriptions(sns)?
        .into_iter()
        .find(|s| s.topic_arn == topic.arn && s.token == token)
        .ok_or_else(|| SnsError::InvalidParameter("Invalid token".into()))?;
    sns.store.write(|tx| {
        let mut s = sub.clone();
        s.confirmed = true;
        tx.put(kind::SUBSCRIPTION, &s.id, &s)
    })?;
    tracing::info!(subscription = %sub.arn, protocol = %sub.protocol, "subscription confirmed");
    Ok(sub.arn)
}

fn sub_by_arn(sns: &Sns, arn: &str) -> Result<SubscriptionRec> {
    let id = arn.rsplit(':').next().unwrap_or_default();
    if !arn.starts_with("arn:aws:sns:") || arn.split(':').count() != 7 {
        return Err(SnsError::InvalidParameter("SubscriptionArn".into()));
    }
    sns.store
        .read(|tx| tx.get::<SubscriptionRec>(kind::SUBSCRIPTION, id))?
        .filter(|s| s.arn == arn)
        .ok_or_else(|| SnsError::NotFound("Subscription does not exist".into()))
}

fn unsubscribe(sns: &Sns, input: UnsubscribeInput) -> Result<()> {
    let sub = sub_by_arn(sns, &input.subscription_arn)?;
    sns.store.write(|tx| tx.delete(kind::SUBSCRIPTION, &sub.id))?;
    Ok(())
}

/// ListSubscriptions and ListSubscriptionsByTopic answer the same members.
fn list_subscriptions(sns: &Sns, topic: Option<&str>) -> Result<ListSubscriptionsResponse> {
    let subs: Vec<Subscription> = subscriptions(sns)?
        .into_iter()
        .filter(|s| topic.is_none_or(|t| s.topic_arn == t))
        .map(|s| Subscription {
            subscription_arn: Some(if s.confirmed { s.arn } else { "PendingConfirmation".into() }),
            owner: Some(s.owner),
            protocol: Some(s.protocol),
            endpoint: Some(s.endpoint),
            topic_arn: Some(s.topic_arn),
        })
        .collect();
    Ok(ListSubscriptionsResponse { subscriptions: Some(subs), next_token: None })
}

fn get_subscription_attributes(
    sns: &Sns,
    input: GetSubscriptionAttributesInput,
) -> Result<GetSubscriptionAttributesResponse> {
    let s = sub_by_arn(sns, &input.subscription_arn)?;
    let mut attrs = s.attributes.clone();
    attrs.insert("SubscriptionArn".into(), s.arn.clone());
    attrs.insert("TopicArn".into(), s.topic_arn.clone());
    attrs.insert("Owner".into(), s.owner.clone());
    attrs.insert("Protocol".into(), s.protocol.clone());
    attrs.insert("Endpoint".into(), s.endpoint.clone());
    attrs.insert("PendingConfirmation".into(), (!s.confirmed).to_string());
    attrs.insert("ConfirmationWasAuthenticated".into(), "false".into());
    attrs.entry("RawMessageDelivery".into()).or_insert_with(|| "false".into());
    Ok(GetSubscriptionAttributesResponse { attributes: Some(attrs) })
}

fn set_subscription_attributes(sns: &Sns, input: SetSubscriptionAttributesInput) -> Result<()> {
    let s = sub_by_arn(sns, &input.subscription_arn)?;
    let name = input.attribute_name.as_str();
    let value = input.attribute_value.as_deref().unwrap_or_default();
    check_subscription_attribute(name, value)?;
    sns.store.write(|tx| {
        let mut s = s.clone();
        s.attributes.insert(name.to_string(), value.to_string());
        tx.put(kind::SUBSCRIPTION, &s.id, &s)
    })?;
    Ok(())
}

fn publish(sns: &Sns, input: PublishInput) -> Result<PublishResponse> {
    let message = input.message.as_str();
    let topic = match (input.topic_arn.as_deref(), input.target_arn.as_deref()) {
        (Some(t), None) | (None, Some(t)) => t,
        (Some(_), Some(_)) => {
            return Err(SnsError::InvalidParameter("Only one of TopicArn and TargetArn may be specified.".into()))
        }
        (None, None) => {
            return Err(SnsError::InvalidParameter(
                "TopicArn or TargetArn Reason: no value for required parameter".into(),
            ))
        }
    };
    if message.is_empty() {
        return Err(SnsError::InvalidParameter("Empty message".into()));
    }
    if message.len() > MAX_MESSAGE {
        return Err(SnsError::InvalidParameter("Message too long".into()));
    }
    let subject = input.subject.as_deref();
    if let Some(s) = subject {
        if s.is_empty() || s.len() > 100 || s.chars().any(|c| c.is_control()) {
            return Err(SnsError::InvalidParameter("Subject".into()));
        }
    }
    let message = if input.message_structure.as_deref() == Some("json") {
        let doc: Value = serde_json::from_str(message)
            .map_err(|_| SnsError::InvalidParameter("Message Structure - JSON message body failed to parse".into()))?;
        doc.get("default").and_then(Value::as_str).map(String::from).ok_or_else(|| {
            SnsError::InvalidParameter("Message Structure - No default entry in JSON message body".into())
        })?
    } else {
        message.to_string()
    };
    // Kept as the wire has them: the delivery records and the filter policies read them so.
    let attrs = input.message_attributes.as_ref().map_or(Value::Null, wire::typed::output);
    let id = publish_message(sns, topic, subject, &message, &attrs)?;
    Ok(PublishResponse { message_id: Some(id), sequence_number: None })
}

/// Queue one message for every confirmed subscription of the topic whose filter policy
/// accepts it; the message id.
pub fn publish_message(
    sns: &Sns,
    topic_arn: &str,
    subject: Option<&str>,
    message: &str,
    attrs: &Value,
) -> Result<String> {
    let topic = topic_by_arn(sns, topic_arn)?;
    let message_id = new_id();
    let now = sns.now();
    let subs: Vec<SubscriptionRec> = subscriptions(sns)?
        .into_iter()
        .filter(|s| s.topic_arn == topic.arn && s.confirmed)
        .filter(|s| s.attributes.get("FilterPolicy").is_none_or(|p| filter_matches(p, attrs)))
        .collect();
    sns.store.write(|tx| {
        for s in &subs {
            let d = DeliveryRec {
                id: new_id(),
                subscription: s.id.clone(),
                kind: DeliveryKind::Notification,
                message_id: message_id.clone(),
                subject: subject.map(String::from),
                message: message.to_string(),
                message_attributes: attrs.clone(),
                timestamp: now,
                attempts: 0,
                next_at: now,
                last_error: None,
            };
            tx.put(kind::DELIVERY, &d.id, &d)?;
        }
        Ok::<_, SnsError>(())
    })?;
    Ok(message_id)
}

/// The common subset of SNS filter policies on message attributes: every key must be present
/// and match one of its allowed values (exact strings, numbers, `{"exists": bool}`,
/// `{"prefix": "…"}`, `{"anything-but": …}`).
pub fn filter_matches(policy: &str, attrs: &Value) -> bool {
    let Ok(Value::Object(policy)) = serde_json::from_str::<Value>(policy) else { return true };
    policy.iter().all(|(key, allowed)| {
        let attr = attrs.get(key);
        let value: Option<String> = attr.and_then(|a| a.get("StringValue")).and_then(Value::as_str).map(String::from);
        let allowed: Vec<Value> = match allowed {
            Value::Array(a) => a.clone(),
            v => vec![v.clone()],
        };
        allowed.iter().any(|rule| match (rule, value.as_deref()) {
            (Value::String(s), Some(v)) => s == v,
            (Value::Number(n), Some(v)) => v.parse::<f64>().ok() == n.as_f64(),
            (Value::Object(o), v) => {
                if let Some(e) = o.get("exists").and_then(Value::as_bool) {
                    e == v.is_some()
                } else if let Some(p) = o.get("prefix").and_then(Value::as_str) {
                    v.is_some_and(|v| v.starts_with(p))
                } else if let Some(not) = o.get("anything-but") {
                    let list: Vec<Value> = match not {
                        Value::Array(a) => a.clone(),
                        x => vec![x.clone()],
                    };
                    v.is_some_and(|v| !list.iter().any(|x| x.as_str() == Some(v)))
                } else {
                    false
                }
            }
            _ => false,
        })
    })
}

/// `/sns/confirm?TopicArn=…&Token=…`, `/sns/unsubscribe?SubscriptionArn=…&Token=…`,
/// `/sns/SimpleNotificationService.pem`.
pub fn public_link(sns: &Sns, path: &str, query: &str) -> Option<(u16, &'static str, Vec<u8>)> {
    let params: BTreeMap<String, String> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let page = |status: u16, title: &str, text: &str| {
        let html = format!(
            "<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1><p>{}</p></body></html>",
            text.replace('&', "&amp;").replace('<', "&lt;")
        );
        Some((status, "text/html; charset=utf-8", html.into_bytes()))
    };
    match path {
        "/sns/SimpleNotificationService.pem" => Some(match sns.signer() {
            Ok(signer) => (200, "application/x-pem-file", signer.cert_pem().into_bytes()),
            Err(_) => (503, "text/plain", b"The signing certificate is not available.".to_vec()),
        }),
        "/sns/confirm" => {
            let topic = params.get("TopicArn").map_or("", String::as_str);
            let token = params.get("Token").map_or("", String::as_str);
            match confirm_subscription(sns, topic, token) {
                Ok(arn) => page(
                    200,
                    "Subscription confirmed!",
                    &format!("You have successfully subscribed. Your subscription's id is: {arn}"),
                ),
                Err(e) => page(400, "Subscription not confirmed", &e.to_string()),
            }
        }
        "/sns/unsubscribe" => {
            let arn = params.get("SubscriptionArn").cloned().unwrap_or_default();
            let token = params.get("Token").cloned().unwrap_or_default();
            match sub_by_arn(sns, &arn) {
                Ok(s) if s.token == token => {
                    let _ = sns.store.write(|tx| tx.delete(kind::SUBSCRIPTION, &s.id));
                    page(
                        200,
                        "Subscription removed!",
                        &format!("Your subscription to the topic below has been deactivated: {}", s.topic_arn),
                    )
                }
                _ => page(400, "Unsubscribe failed", "The link is not valid."),
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::filter_matches;
    use serde_json::json;

    #[test]
    fn filter_policies() {
        let attrs = json!({"severity": {"DataType": "String", "StringValue": "high"}, "n": {"DataType": "Number", "StringValue": "5"}});
        assert!(filter_matches(r#"{"severity": ["high", "critical"]}"#, &attrs));
        assert!(!filter_matches(r#"{"severity": ["low"]}"#, &attrs));
        assert!(filter_matches(r#"{"n": [5]}"#, &attrs));
        assert!(filter_matches(r#"{"other": [{"exists": false}]}"#, &attrs));
        assert!(filter_matches(r#"{"severity": [{"prefix": "hi"}]}"#, &attrs));
        assert!(filter_matches(r#"{"severity": [{"anything-but": "low"}]}"#, &attrs));
        assert!(!filter_matches(r#"{"missing": ["x"]}"#, &attrs));
    }
}
