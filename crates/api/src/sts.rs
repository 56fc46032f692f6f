//! `sts`: typed inputs, outputs, the `Operation` enum and the `Client`, generated
//! by `tools/gen_types.py` from `crates/wire/models/sts.json` for the operations
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

/// `AssumeRoleRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssumeRoleRequest {
    #[serde(rename = "DurationSeconds", default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<i32>,
    #[serde(rename = "ExternalId", default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(rename = "Policy", default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    #[serde(rename = "PolicyArns", default, skip_serializing_if = "Option::is_none")]
    pub policy_arns: Option<Vec<PolicyDescriptorType>>,
    #[serde(rename = "ProvidedContexts", default, skip_serializing_if = "Option::is_none")]
    pub provided_contexts: Option<Vec<ProvidedContext>>,
    #[serde(rename = "RoleArn")]
    pub role_arn: String,
    #[serde(rename = "RoleSessionName")]
    pub role_session_name: String,
    #[serde(rename = "SerialNumber", default, skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
    #[serde(rename = "SourceIdentity", default, skip_serializing_if = "Option::is_none")]
    pub source_identity: Option<String>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(rename = "TokenCode", default, skip_serializing_if = "Option::is_none")]
    pub token_code: Option<String>,
    #[serde(rename = "TransitiveTagKeys", default, skip_serializing_if = "Option::is_none")]
    pub transitive_tag_keys: Option<Vec<String>>,
}

/// `AssumeRoleResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssumeRoleResponse {
    #[serde(rename = "AssumedRoleUser", default, skip_serializing_if = "Option::is_none")]
    pub assumed_role_user: Option<AssumedRoleUser>,
    #[serde(rename = "Credentials", default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<Credentials>,
    #[serde(rename = "PackedPolicySize", default, skip_serializing_if = "Option::is_none")]
    pub packed_policy_size: Option<i32>,
    #[serde(rename = "SourceIdentity", default, skip_serializing_if = "Option::is_none")]
    pub source_identity: Option<String>,
}

/// `AssumedRoleUser`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssumedRoleUser {
    #[serde(rename = "Arn")]
    pub arn: String,
    #[serde(rename = "AssumedRoleId")]
    pub assumed_role_id: String,
}

/// `Credentials`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Credentials {
    #[serde(rename = "AccessKeyId")]
    pub access_key_id: String,
    #[serde(rename = "Expiration")]
    pub expiration: Timestamp,
    #[serde(rename = "SecretAccessKey")]
    pub secret_access_key: String,
    #[serde(rename = "SessionToken")]
    pub session_token: String,
}

/// `GetAccessKeyInfoRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetAccessKeyInfoRequest {
    #[serde(rename = "AccessKeyId")]
    pub access_key_id: String,
}

/// `GetAccessKeyInfoResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetAccessKeyInfoResponse {
    #[serde(rename = "Account", default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
}

/// `GetCallerIdentityRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetCallerIdentityRequest {}

/// `GetCallerIdentityResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetCallerIdentityResponse {
    #[serde(rename = "Account", default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    #[serde(rename = "UserId", default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
}

/// `GetSessionTokenRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetSessionTokenRequest {
    #[serde(rename = "DurationSeconds", default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<i32>,
    #[serde(rename = "SerialNumber", default, skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
    #[serde(rename = "TokenCode", default, skip_serializing_if = "Option::is_none")]
    pub token_code: Option<String>,
}

/// `GetSessionTokenResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetSessionTokenResponse {
    #[serde(rename = "Credentials", default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<Credentials>,
}

/// `PolicyDescriptorType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PolicyDescriptorType {
    #[serde(rename = "arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
}

/// `ProvidedContext`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProvidedContext {
    #[serde(rename = "ContextAssertion", default, skip_serializing_if = "Option::is_none")]
    pub context_assertion: Option<String>,
    #[serde(rename = "ProviderArn", default, skip_serializing_if = "Option::is_none")]
    pub provider_arn: Option<String>,
}

/// `Tag`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    #[serde(rename = "Key")]
    pub key: String,
    #[serde(rename = "Value")]
    pub value: String,
}

/// One call of an operation this service implements, with its typed input.
#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    GetCallerIdentity(GetCallerIdentityRequest),
    GetAccessKeyInfo(GetAccessKeyInfoRequest),
    AssumeRole(AssumeRoleRequest),
    GetSessionToken(GetSessionTokenRequest),
}
impl Operation {
    /// The operations' names, as the model spells them.
    pub const NAMES: &'static [&'static str] =
        &["GetCallerIdentity", "GetAccessKeyInfo", "AssumeRole", "GetSessionToken"];

    /// The typed call from the wire layer's decoded, validated input; `None` for an operation
    /// of the model this service does not implement.
    pub fn parse(name: &str, input: Value) -> Result<Option<Operation>, ApiError> {
        Ok(Some(match name {
            "GetCallerIdentity" => Operation::GetCallerIdentity(wire::typed::input(input)?),
            "GetAccessKeyInfo" => Operation::GetAccessKeyInfo(wire::typed::input(input)?),
            "AssumeRole" => Operation::AssumeRole(wire::typed::input(input)?),
            "GetSessionToken" => Operation::GetSessionToken(wire::typed::input(input)?),
            _ => return Ok(None),
        }))
    }

    pub fn name(&self) -> &'static str {
        match self {
            Operation::GetCallerIdentity(_) => "GetCallerIdentity",
            Operation::GetAccessKeyInfo(_) => "GetAccessKeyInfo",
            Operation::AssumeRole(_) => "AssumeRole",
            Operation::GetSessionToken(_) => "GetSessionToken",
        }
    }
}

wire::typed_client! {
    get_caller_identity(GetCallerIdentityRequest) -> GetCallerIdentityResponse = "GetCallerIdentity";
    get_access_key_info(GetAccessKeyInfoRequest) -> GetAccessKeyInfoResponse = "GetAccessKeyInfo";
    assume_role(AssumeRoleRequest) -> AssumeRoleResponse = "AssumeRole";
    get_session_token(GetSessionTokenRequest) -> GetSessionTokenResponse = "GetSessionToken";
}
