//! SNS's records in the store.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub mod kind {
    /// Key: the topic name.
    pub const TOPIC: &str = "sns.topic";
    /// Key: the subscription id (the last part of its ARN).
    pub const SUBSCRIPTION: &str = "sns.subscription";
    /// Key: the delivery id.
    pub const DELIVERY: &str = "sns.delivery";
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TopicRec {
    pub arn: String,
    pub name: String,
    pub attributes: BTreeMap<String, String>,
    /// (key, value), as CreateTopic or TagResource set them.
    #[serde(default)]
    pub tags: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubscriptionRec {
    pub id: String,
    pub arn: String,
    pub topic_arn: String,
    pub protocol: String,
    pub endpoint: String,
    pub owner: String,
    pub confirmed: bool,
    pub token: String,
    pub attributes: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum DeliveryKind {
    SubscriptionConfirmation,
    Notification,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliveryRec {
    pub id: String,
    pub subscription: String,
    pub kind: DeliveryKind,
    pub message_id: String,
    pub subject: Option<String>,
    pub message: String,
    pub message_attributes: Value,
    pub timestamp: f64,
    pub attempts: u32,
    pub next_at: f64,
    pub last_error: Option<String>,
}
