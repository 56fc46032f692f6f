//! `sns`: typed inputs, outputs, the `Operation` enum and the `Client`, generated
//! by `tools/gen_types.py` from `crates/wire/models/sns.json` for the operations
//! listed in `tools/typed_operations.json`. Do not edit: re-run the generator.
#![allow(clippy::large_enum_variant, clippy::enum_variant_names, non_camel_case_types)]

#[allow(unused_imports)]
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
#[allow(unused_imports)]
use serde_json::Value;
#[allow(unused_imports)]
use wire::typed::Timestamp;
use wire::ApiError;

/// `ConfirmSubscriptionInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConfirmSubscriptionInput {
    #[serde(rename = "AuthenticateOnUnsubscribe", default, skip_serializing_if = "Option::is_none")]
    pub authenticate_on_unsubscribe: Option<String>,
    #[serde(rename = "Token")]
    pub token: String,
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
}

/// `ConfirmSubscriptionResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConfirmSubscriptionResponse {
    #[serde(rename = "SubscriptionArn", default, skip_serializing_if = "Option::is_none")]
    pub subscription_arn: Option<String>,
}

/// `CreateTopicInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateTopicInput {
    #[serde(rename = "Attributes", default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<BTreeMap<String, String>>,
    #[serde(rename = "DataProtectionPolicy", default, skip_serializing_if = "Option::is_none")]
    pub data_protection_policy: Option<String>,
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

/// `CreateTopicResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateTopicResponse {
    #[serde(rename = "TopicArn", default, skip_serializing_if = "Option::is_none")]
    pub topic_arn: Option<String>,
}

/// `DeleteTopicInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteTopicInput {
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
}

/// `GetSubscriptionAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetSubscriptionAttributesInput {
    #[serde(rename = "SubscriptionArn")]
    pub subscription_arn: String,
}

/// `GetSubscriptionAttributesResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetSubscriptionAttributesResponse {
    #[serde(rename = "Attributes", default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<BTreeMap<String, String>>,
}

/// `GetTopicAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetTopicAttributesInput {
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
}

/// `GetTopicAttributesResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetTopicAttributesResponse {
    #[serde(rename = "Attributes", default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<BTreeMap<String, String>>,
}

/// `ListSubscriptionsByTopicInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListSubscriptionsByTopicInput {
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
}

/// `ListSubscriptionsByTopicResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListSubscriptionsByTopicResponse {
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    #[serde(rename = "Subscriptions", default, skip_serializing_if = "Option::is_none")]
    pub subscriptions: Option<Vec<Subscription>>,
}

/// `ListSubscriptionsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListSubscriptionsInput {
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `ListSubscriptionsResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListSubscriptionsResponse {
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    #[serde(rename = "Subscriptions", default, skip_serializing_if = "Option::is_none")]
    pub subscriptions: Option<Vec<Subscription>>,
}

/// `ListTagsForResourceRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListTagsForResourceRequest {
    #[serde(rename = "ResourceArn")]
    pub resource_arn: String,
}

/// `ListTagsForResourceResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListTagsForResourceResponse {
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

/// `ListTopicsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListTopicsInput {
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `ListTopicsResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListTopicsResponse {
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    #[serde(rename = "Topics", default, skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<Topic>>,
}

/// `MessageAttributeValue`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MessageAttributeValue {
    #[serde(rename = "BinaryValue", default, skip_serializing_if = "Option::is_none")]
    pub binary_value: Option<String>,
    #[serde(rename = "DataType")]
    pub data_type: String,
    #[serde(rename = "StringValue", default, skip_serializing_if = "Option::is_none")]
    pub string_value: Option<String>,
}

/// `PublishInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishInput {
    #[serde(rename = "Message")]
    pub message: String,
    #[serde(rename = "MessageAttributes", default, skip_serializing_if = "Option::is_none")]
    pub message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
    #[serde(rename = "MessageDeduplicationId", default, skip_serializing_if = "Option::is_none")]
    pub message_deduplication_id: Option<String>,
    #[serde(rename = "MessageGroupId", default, skip_serializing_if = "Option::is_none")]
    pub message_group_id: Option<String>,
    #[serde(rename = "MessageStructure", default, skip_serializing_if = "Option::is_none")]
    pub message_structure: Option<String>,
    #[serde(rename = "PhoneNumber", default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(rename = "Subject", default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(rename = "TargetArn", default, skip_serializing_if = "Option::is_none")]
    pub target_arn: Option<String>,
    #[serde(rename = "TopicArn", default, skip_serializing_if = "Option::is_none")]
    pub topic_arn: Option<String>,
}

/// `PublishResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishResponse {
    #[serde(rename = "MessageId", default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    #[serde(rename = "SequenceNumber", default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<String>,
}

/// `SetSubscriptionAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetSubscriptionAttributesInput {
    #[serde(rename = "AttributeName")]
    pub attribute_name: String,
    #[serde(rename = "AttributeValue", default, skip_serializing_if = "Option::is_none")]
    pub attribute_value: Option<String>,
    #[serde(rename = "SubscriptionArn")]
    pub subscription_arn: String,
}

/// `SetTopicAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetTopicAttributesInput {
    #[serde(rename = "AttributeName")]
    pub attribute_name: String,
    #[serde(rename = "AttributeValue", default, skip_serializing_if = "Option::is_none")]
    pub attribute_value: Option<String>,
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
}

/// `SubscribeInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubscribeInput {
    #[serde(rename = "Attributes", default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<BTreeMap<String, String>>,
    #[serde(rename = "Endpoint", default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(rename = "Protocol")]
    pub protocol: String,
    #[serde(rename = "ReturnSubscriptionArn", default, skip_serializing_if = "Option::is_none")]
    pub return_subscription_arn: Option<bool>,
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
}

/// `SubscribeResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubscribeResponse {
    #[serde(rename = "SubscriptionArn", default, skip_serializing_if = "Option::is_none")]
    pub subscription_arn: Option<String>,
}

/// `Subscription`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    #[serde(rename = "Endpoint", default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(rename = "Owner", default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(rename = "Protocol", default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(rename = "SubscriptionArn", default, skip_serializing_if = "Option::is_none")]
    pub subscription_arn: Option<String>,
    #[serde(rename = "TopicArn", default, skip_serializing_if = "Option::is_none")]
    pub topic_arn: Option<String>,
}

/// `Tag`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    #[serde(rename = "Key")]
    pub key: String,
    #[serde(rename = "Value")]
    pub value: String,
}

/// `TagResourceRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TagResourceRequest {
    #[serde(rename = "ResourceArn")]
    pub resource_arn: String,
    #[serde(rename = "Tags")]
    pub tags: Vec<Tag>,
}

/// `TagResourceResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TagResourceResponse {}

/// `Topic`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    #[serde(rename = "TopicArn", default, skip_serializing_if = "Option::is_none")]
    pub topic_arn: Option<String>,
}

/// `UnsubscribeInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UnsubscribeInput {
    #[serde(rename = "SubscriptionArn")]
    pub subscription_arn: String,
}

/// `UntagResourceRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UntagResourceRequest {
    #[serde(rename = "ResourceArn")]
    pub resource_arn: String,
    #[serde(rename = "TagKeys")]
    pub tag_keys: Vec<String>,
}

/// `UntagResourceResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UntagResourceResponse {}

/// One call of an operation this service implements, with its typed input.
#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    CreateTopic(CreateTopicInput),
    DeleteTopic(DeleteTopicInput),
    ListTopics(ListTopicsInput),
    GetTopicAttributes(GetTopicAttributesInput),
    SetTopicAttributes(SetTopicAttributesInput),
    Subscribe(SubscribeInput),
    ConfirmSubscription(ConfirmSubscriptionInput),
    Unsubscribe(UnsubscribeInput),
    ListSubscriptions(ListSubscriptionsInput),
    ListSubscriptionsByTopic(ListSubscriptionsByTopicInput),
    GetSubscriptionAttributes(GetSubscriptionAttributesInput),
    SetSubscriptionAttributes(SetSubscriptionAttributesInput),
    Publish(PublishInput),
    TagResource(TagResourceRequest),
    UntagResource(UntagResourceRequest),
    ListTagsForResource(ListTagsForResourceRequest),
}
impl Operation {
    /// The operations' names, as the model spells them.
    pub const NAMES: &'static [&'static str] = &[
        "CreateTopic",
        "DeleteTopic",
        "ListTopics",
        "GetTopicAttributes",
        "SetTopicAttributes",
        "Subscribe",
        "ConfirmSubscription",
        "Unsubscribe",
        "ListSubscriptions",
        "ListSubscriptionsByTopic",
        "GetSubscriptionAttributes",
        "SetSubscriptionAttributes",
        "Publish",
        "TagResource",
        "UntagResource",
        "ListTagsForResource",
    ];

    /// The typed call from the wire layer's decoded, validated input; `None` for an operation
    /// of the model this service does not implement.
    pub fn parse(name: &str, input: Value) -> Result<Option<Operation>, ApiError> {
        Ok(Some(match name {
            "CreateTopic" => Operation::CreateTopic(wire::typed::input(input)?),
            "DeleteTopic" => Operation::DeleteTopic(wire::typed::input(input)?),
            "ListTopics" => Operation::ListTopics(wire::typed::input(input)?),
            "GetTopicAttributes" => Operation::GetTopicAttributes(wire::typed::input(input)?),
            "SetTopicAttributes" => Operation::SetTopicAttributes(wire::typed::input(input)?),
            "Subscribe" => Operation::Subscribe(wire::typed::input(input)?),
            "ConfirmSubscription" => Operation::ConfirmSubscription(wire::typed::input(input)?),
            "Unsubscribe" => Operation::Unsubscribe(wire::typed::input(input)?),
            "ListSubscriptions" => Operation::ListSubscriptions(wire::typed::input(input)?),
            "ListSubscriptionsByTopic" => Operation::ListSubscriptionsByTopic(wire::typed::input(input)?),
            "GetSubscriptionAttributes" => Operation::GetSubscriptionAttributes(wire::typed::input(input)?),
            "SetSubscriptionAttributes" => Operation::SetSubscriptionAttributes(wire::typed::input(input)?),
            "Publish" => Operation::Publish(wire::typed::input(input)?),
            "TagResource" => Operation::TagResource(wire::typed::input(input)?),
            "UntagResource" => Operation::UntagResource(wire::typed::input(input)?),
            "ListTagsForResource" => Operation::ListTagsForResource(wire::typed::input(input)?),
            _ => return Ok(None),
        }))
    }

    pub fn name(&self) -> &'static str {
        match self {
            Operation::CreateTopic(_) => "CreateTopic",
            Operation::DeleteTopic(_) => "DeleteTopic",
            Operation::ListTopics(_) => "ListTopics",
            Operation::GetTopicAttributes(_) => "GetTopicAttributes",
            Operation::SetTopicAttributes(_) => "SetTopicAttributes",
            Operation::Subscribe(_) => "Subscribe",
            Operation::ConfirmSubscription(_) => "ConfirmSubscription",
            Operation::Unsubscribe(_) => "Unsubscribe",
            Operation::ListSubscriptions(_) => "ListSubscriptions",
            Operation::ListSubscriptionsByTopic(_) => "ListSubscriptionsByTopic",
            Operation::GetSubscriptionAttributes(_) => "GetSubscriptionAttributes",
            Operation::SetSubscriptionAttributes(_) => "SetSubscriptionAttributes",
            Operation::Publish(_) => "Publish",
            Operation::TagResource(_) => "TagResource",
            Operation::UntagResource(_) => "UntagResource",
            Operation::ListTagsForResource(_) => "ListTagsForResource",
        }
    }
}

wire::typed_client! {
    create_topic(CreateTopicInput) -> CreateTopicResponse = "CreateTopic";
    delete_topic(DeleteTopicInput) -> wire::typed::Empty = "DeleteTopic";
    list_topics(ListTopicsInput) -> ListTopicsResponse = "ListTopics";
    get_topic_attributes(GetTopicAttributesInput) -> GetTopicAttributesResponse = "GetTopicAttributes";
    set_topic_attributes(SetTopicAttributesInput) -> wire::typed::Empty = "SetTopicAttributes";
    subscribe(SubscribeInput) -> SubscribeResponse = "Subscribe";
    confirm_subscription(ConfirmSubscriptionInput) -> ConfirmSubscriptionResponse = "ConfirmSubscription";
    unsubscribe(UnsubscribeInput) -> wire::typed::Empty = "Unsubscribe";
    list_subscriptions(ListSubscriptionsInput) -> ListSubscriptionsResponse = "ListSubscriptions";
    list_subscriptions_by_topic(ListSubscriptionsByTopicInput) -> ListSubscriptionsByTopicResponse = "ListSubscriptionsByTopic";
    get_subscription_attributes(GetSubscriptionAttributesInput) -> GetSubscriptionAttributesResponse = "GetSubscriptionAttributes";
    set_subscription_attributes(SetSubscriptionAttributesInput) -> wire::typed::Empty = "SetSubscriptionAttributes";
    publish(PublishInput) -> PublishResponse = "Publish";
    tag_resource(TagResourceRequest) -> TagResourceResponse = "TagResource";
    untag_resource(UntagResourceRequest) -> UntagResourceResponse = "UntagResource";
    list_tags_for_resource(ListTagsForResourceRequest) -> ListTagsForResourceResponse = "ListTagsForResource";
}
