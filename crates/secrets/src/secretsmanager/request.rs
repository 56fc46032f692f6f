//! Secrets Manager's operations, typed: the request is parsed once from the validated input,
//! and `match` over it is the dispatch and the authorisation.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use wire::ApiError;

use crate::password::PasswordSpec;
use crate::Tag;

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct CreateSecret {
    pub name: String,
    pub client_request_token: Option<String>,
    pub description: Option<String>,
    pub kms_key_id: Option<String>,
    pub secret_string: Option<String>,
    pub secret_binary: Option<String>,
    pub tags: Vec<Tag>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct GetSecretValue {
    pub secret_id: String,
    pub version_id: Option<String>,
    pub version_stage: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct PutSecretValue {
    pub secret_id: String,
    pub client_request_token: Option<String>,
    pub secret_string: Option<String>,
    pub secret_binary: Option<String>,
    pub version_stages: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct UpdateSecret {
    pub secret_id: String,
    pub client_request_token: Option<String>,
    pub description: Option<String>,
    pub kms_key_id: Option<String>,
    pub secret_string: Option<String>,
    pub secret_binary: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct UpdateSecretVersionStage {
    pub secret_id: String,
    pub version_stage: String,
    pub remove_from_version_id: Option<String>,
    pub move_to_version_id: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct SecretId {
    pub secret_id: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct Filter {
    pub key: String,
    pub values: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListSecrets {
    pub filters: Vec<Filter>,
    pub include_planned_deletion: bool,
    pub max_results: Option<i64>,
    pub next_token: Option<String>,
    pub sort_by: Option<String>,
    pub sort_order: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct DeleteSecret {
    pub secret_id: String,
    pub recovery_window_in_days: Option<i64>,
    pub force_delete_without_recovery: Option<bool>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct TagResource {
    pub secret_id: String,
    pub tags: Vec<Tag>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct UntagResource {
    pub secret_id: String,
    pub tag_keys: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct PutResourcePolicy {
    pub secret_id: String,
    pub resource_policy: String,
    pub block_public_policy: Option<bool>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct ValidateResourcePolicy {
    pub secret_id: Option<String>,
    pub resource_policy: String,
}

/// Every operation this region serves.
#[derive(Debug)]
pub enum Request {
    CreateSecret(CreateSecret),
    GetSecretValue(GetSecretValue),
    PutSecretValue(PutSecretValue),
    UpdateSecret(UpdateSecret),
    UpdateSecretVersionStage(UpdateSecretVersionStage),
    DescribeSecret(SecretId),
    ListSecrets(ListSecrets),
    ListSecretVersionIds(SecretId),
    DeleteSecret(DeleteSecret),
    RestoreSecret(SecretId),
    GetRandomPassword(PasswordSpec),
    TagResource(TagResource),
    UntagResource(UntagResource),
    GetResourcePolicy(SecretId),
    PutResourcePolicy(PutResourcePolicy),
    DeleteResourcePolicy(SecretId),
    ValidateResourcePolicy(ValidateResourcePolicy),
}

fn typed<T: DeserializeOwned>(input: Value) -> Result<T, ApiError> {
    serde_json::from_value(input).map_err(|e| ApiError::new(400, "InvalidParameterException", e.to_string()))
}

impl Request {
    pub fn parse(op: &str, input: Value) -> Result<Request, ApiError> {
        Ok(match op {
            "CreateSecret" => Request::CreateSecret(typed(input)?),
            "GetSecretValue" => Request::GetSecretValue(typed(input)?),
            "PutSecretValue" => Request::PutSecretValue(typed(input)?),
            "UpdateSecret" => Request::UpdateSecret(typed(input)?),
            "UpdateSecretVersionStage" => Request::UpdateSecretVersionStage(typed(input)?),
            "DescribeSecret" => Request::DescribeSecret(typed(input)?),
            "ListSecrets" => Request::ListSecrets(typed(input)?),
            "ListSecretVersionIds" => Request::ListSecretVersionIds(typed(input)?),
            "DeleteSecret" => Request::DeleteSecret(typed(input)?),
            "RestoreSecret" => Request::RestoreSecret(typed(input)?),
            "GetRandomPassword" => Request::GetRandomPassword(typed(input)?),
            "TagResource" => Request::TagResource(typed(input)?),
            "UntagResource" => Request::UntagResource(typed(input)?),
            "GetResourcePolicy" => Request::GetResourcePolicy(typed(input)?),
            "PutResourcePolicy" => Request::PutResourcePolicy(typed(input)?),
            "DeleteResourcePolicy" => Request::DeleteResourcePolicy(typed(input)?),
            "ValidateResourcePolicy" => Request::ValidateResourcePolicy(typed(input)?),
            _ => {
                return Err(ApiError::new(
                    501,
                    "NotImplemented",
                    format!("{op} is not implemented by this region's Secrets Manager"),
                ))
            }
        })
    }

    /// The secret an operation acts on, if it names one.
    pub fn secret_id(&self) -> Option<&str> {
        Some(match self {
            Request::GetSecretValue(r) => &r.secret_id,
            Request::PutSecretValue(r) => &r.secret_id,
            Request::UpdateSecret(r) => &r.secret_id,
            Request::UpdateSecretVersionStage(r) => &r.secret_id,
            Request::DescribeSecret(r) | Request::RestoreSecret(r) | Request::ListSecretVersionIds(r) => &r.secret_id,
            Request::DeleteSecret(r) => &r.secret_id,
            Request::TagResource(r) => &r.secret_id,
            Request::UntagResource(r) => &r.secret_id,
            Request::GetResourcePolicy(r) | Request::DeleteResourcePolicy(r) => &r.secret_id,
            Request::PutResourcePolicy(r) => &r.secret_id,
            Request::ValidateResourcePolicy(r) => r.secret_id.as_deref()?,
            Request::CreateSecret(_) | Request::ListSecrets(_) | Request::GetRandomPassword(_) => return None,
        })
    }
}
