//! `sqs`: typed inputs, outputs, the `Operation` enum and the `Client`, generated
//! by `tools/gen_types.py` from `crates/wire/models/sqs.json` for the operations
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

/// `CreateQueueRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateQueueRequest {
    #[serde(rename = "Attributes", default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<BTreeMap<String, String>>,
    #[serde(rename = "QueueName")]
    pub queue_name: String,
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
}

/// `CreateQueueResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateQueueResult {
    #[serde(rename = "QueueUrl", default, skip_serializing_if = "Option::is_none")]
    pub queue_url: Option<String>,
}

/// `DeleteQueueRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteQueueRequest {
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
}

/// `GetQueueAttributesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetQueueAttributesRequest {
    #[serde(rename = "AttributeNames", default, skip_serializing_if = "Option::is_none")]
    pub attribute_names: Option<Vec<String>>,
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
}

/// `GetQueueAttributesResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetQueueAttributesResult {
    #[serde(rename = "Attributes", default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<BTreeMap<String, String>>,
}

/// `GetQueueUrlRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetQueueUrlRequest {
    #[serde(rename = "QueueName")]
    pub queue_name: String,
    #[serde(rename = "QueueOwnerAWSAccountId", default, skip_serializing_if = "Option::is_none")]
    pub queue_owner_aws_account_id: Option<String>,
}

/// `GetQueueUrlResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetQueueUrlResult {
    #[serde(rename = "QueueUrl", default, skip_serializing_if = "Option::is_none")]
    pub queue_url: Option<String>,
}

/// `MessageAttributeValue`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MessageAttributeValue {
    #[serde(rename = "BinaryListValues", default, skip_serializing_if = "Option::is_none")]
    pub binary_list_values: Option<Vec<String>>,
    #[serde(rename = "BinaryValue", default, skip_serializing_if = "Option::is_none")]
    pub binary_value: Option<String>,
    #[serde(rename = "DataType")]
    pub data_type: String,
    #[serde(rename = "StringListValues", default, skip_serializing_if = "Option::is_none")]
    pub string_list_values: Option<Vec<String>>,
    #[serde(rename = "StringValue", default, skip_serializing_if = "Option::is_none")]
    pub string_value: Option<String>,
}

wire::string_enum! {
    /// `MessageSystemAttributeNameForSends`: one of the model's values, or one it does not name.
    MessageSystemAttributeNameForSends {
        AWSTraceHeader = "AWSTraceHeader",
    }
}

/// `MessageSystemAttributeValue`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MessageSystemAttributeValue {
    #[serde(rename = "BinaryListValues", default, skip_serializing_if = "Option::is_none")]
    pub binary_list_values: Option<Vec<String>>,
    #[serde(rename = "BinaryValue", default, skip_serializing_if = "Option::is_none")]
    pub binary_value: Option<String>,
    #[serde(rename = "DataType")]
    pub data_type: String,
    #[serde(rename = "StringListValues", default, skip_serializing_if = "Option::is_none")]
    pub string_list_values: Option<Vec<String>>,
    #[serde(rename = "StringValue", default, skip_serializing_if = "Option::is_none")]
    pub string_value: Option<String>,
}

/// `SendMessageRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendMessageRequest {
    #[serde(rename = "DelaySeconds", default, skip_serializing_if = "Option::is_none")]
    pub delay_seconds: Option<i32>,
    #[serde(rename = "MessageAttributes", default, skip_serializing_if = "Option::is_none")]
    pub message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
    #[serde(rename = "MessageBody")]
    pub message_body: String,
    #[serde(rename = "MessageDeduplicationId", default, skip_serializing_if = "Option::is_none")]
    pub message_deduplication_id: Option<String>,
    #[serde(rename = "MessageGroupId", default, skip_serializing_if = "Option::is_none")]
    pub message_group_id: Option<String>,
    #[serde(rename = "MessageSystemAttributes", default, skip_serializing_if = "Option::is_none")]
    pub message_system_attributes: Option<BTreeMap<String, MessageSystemAttributeValue>>,
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
}

/// `SendMessageResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendMessageResult {
    #[serde(rename = "MD5OfMessageAttributes", default, skip_serializing_if = "Option::is_none")]
    pub md5_of_message_attributes: Option<String>,
    #[serde(rename = "MD5OfMessageBody", default, skip_serializing_if = "Option::is_none")]
    pub md5_of_message_body: Option<String>,
    #[serde(rename = "MD5OfMessageSystemAttributes", default, skip_serializing_if = "Option::is_none")]
    pub md5_of_message_system_attributes: Option<String>,
    #[serde(rename = "MessageId", default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    #[serde(rename = "SequenceNumber", default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<String>,
}

/// `SetQueueAttributesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetQueueAttributesRequest {
    #[serde(rename = "Attributes")]
    pub attributes: BTreeMap<String, String>,
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
}

/// One call of an operation this service implements, with its typed input.
#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    GetQueueUrl(GetQueueUrlRequest),
    SendMessage(SendMessageRequest),
    CreateQueue(CreateQueueRequest),
    GetQueueAttributes(GetQueueAttributesRequest),
    SetQueueAttributes(SetQueueAttributesRequest),
    DeleteQueue(DeleteQueueRequest),
}
impl Operation {
    /// The operations' names, as the model spells them.
    pub const NAMES: &'static [&'static str] =
        &["GetQueueUrl", "SendMessage", "CreateQueue", "GetQueueAttributes", "SetQueueAttributes", "DeleteQueue"];

    /// The typed call from the wire layer's decoded, validated input; `None` for an operation
    /// of the model this service does not implement.
    pub fn parse(name: &str, input: Value) -> Result<Option<Operation>, ApiError> {
        Ok(Some(match name {
            "GetQueueUrl" => Operation::GetQueueUrl(wire::typed::input(input)?),
            "SendMessage" => Operation::SendMessage(wire::typed::input(input)?),
            "CreateQueue" => Operation::CreateQueue(wire::typed::input(input)?),
            "GetQueueAttributes" => Operation::GetQueueAttributes(wire::typed::input(input)?),
            "SetQueueAttributes" => Operation::SetQueueAttributes(wire::typed::input(input)?),
            "DeleteQueue" => Operation::DeleteQueue(wire::typed::input(input)?),
            _ => return Ok(None),
        }))
    }

    pub fn name(&self) -> &'static str {
        match self {
            Operation::GetQueueUrl(_) => "GetQueueUrl",
            Operation::SendMessage(_) => "SendMessage",
            Operation::CreateQueue(_) => "CreateQueue",
            Operation::GetQueueAttributes(_) => "GetQueueAttributes",
            Operation::SetQueueAttributes(_) => "SetQueueAttributes",
            Operation::DeleteQueue(_) => "DeleteQueue",
        }
    }
}

wire::typed_client! {
    get_queue_url(GetQueueUrlRequest) -> GetQueueUrlResult = "GetQueueUrl";
    send_message(SendMessageRequest) -> SendMessageResult = "SendMessage";
    create_queue(CreateQueueRequest) -> CreateQueueResult = "CreateQueue";
    get_queue_attributes(GetQueueAttributesRequest) -> GetQueueAttributesResult = "GetQueueAttributes";
    set_queue_attributes(SetQueueAttributesRequest) -> wire::typed::Empty = "SetQueueAttributes";
    delete_queue(DeleteQueueRequest) -> wire::typed::Empty = "DeleteQueue";
}
