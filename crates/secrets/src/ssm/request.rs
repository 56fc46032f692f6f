//! Parameter Store's operations, typed: parsed once from the validated input; `match` over
//! the request is the dispatch and the authorisation.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use wire::ApiError;

use crate::Tag;

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct PutParameter {
    pub name: String,
    pub value: String,
    #[serde(rename = "Type")]
    pub kind: Option<String>,
    pub overwrite: Option<bool>,
    pub description: Option<String>,
    pub key_id: Option<String>,
    pub allowed_pattern: Option<String>,
    pub tags: Option<Vec<Tag>>,
    pub tier: Option<String>,
    pub data_type: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct GetParameter {
    pub name: String,
    pub with_decryption: bool,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct GetParameters {
    pub names: Vec<String>,
    pub with_decryption: bool,
}

#[derive(Debug, Deserialize, Default, Clone)]
#[serde(rename_all = "PascalCase", default)]
pub struct StringFilter {
    pub key: String,
    pub option: Option<String>,
    pub values: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct GetParametersByPath {
    pub path: String,
    pub recursive: bool,
    pub with_decryption: bool,
    pub parameter_filters: Vec<StringFilter>,
    pub max_results: Option<i64>,
    pub next_token: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct Name {
    pub name: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct Names {
    pub names: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct OldFilter {
    pub key: String,
    pub values: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeParameters {
    pub filters: Vec<OldFilter>,
    pub parameter_filters: Vec<StringFilter>,
    pub max_results: Option<i64>,
    pub next_token: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct GetParameterHistory {
    pub name: String,
    pub with_decryption: bool,
    pub max_results: Option<i64>,
    pub next_token: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct Tagging {
    pub resource_type: String,
    pub resource_id: String,
    pub tags: Vec<Tag>,
    pub tag_keys: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct Labeling {
    pub name: String,
    pub parameter_version: Option<u64>,
    pub labels: Vec<String>,
}

#[derive(Debug)]
pub enum Request {
    PutParameter(PutParameter),
    GetParameter(GetParameter),
    GetParameters(GetParameters),
    GetParametersByPath(GetParametersByPath),
    DeleteParameter(Name),
    DeleteParameters(Names),
    DescribeParameters(DescribeParameters),
    GetParameterHistory(GetParameterHistory),
    AddTagsToResource(Tagging),
    ListTagsForResource(Tagging),
    RemoveTagsFromResource(Tagging),
    LabelParameterVersion(Labeling),
    UnlabelParameterVersion(Labeling),
}

fn typed<T: DeserializeOwned>(input: Value) -> Result<T, ApiError> {
    serde_json::from_value(input).map_err(|e| ApiError::new(400, "ValidationException", e.to_string()))
}

impl Request {
    pub fn parse(op: &str, input: Value) -> Result<Request, ApiError> {
        Ok(match op {
            "PutParameter" => Request::PutParameter(typed(input)?),
            "GetParameter" => Request::GetParameter(typed(input)?),
            "GetParameters" => Request::GetParameters(typed(input)?),
            "GetParametersByPath" => Request::GetParametersByPath(typed(input)?),
            "DeleteParameter" => Request::DeleteParameter(typed(input)?),
            "DeleteParameters" => Request::DeleteParameters(typed(input)?),
            "DescribeParameters" => Request::DescribeParameters(typed(input)?),
            "GetParameterHistory" => Request::GetParameterHistory(typed(input)?),
            "AddTagsToResource" => Request::AddTagsToResource(typed(input)?),
            "ListTagsForResource" => Request::ListTagsForResource(typed(input)?),
            "RemoveTagsFromResource" => Request::RemoveTagsFromResource(typed(input)?),
            "LabelParameterVersion" => Request::LabelParameterVersion(typed(input)?),
            "UnlabelParameterVersion" => Request::UnlabelParameterVersion(typed(input)?),
            _ => {
                return Err(ApiError::new(
                    501,
                    "NotImplemented",
                    format!("{op} is not implemented by this region's Systems Manager (Parameter Store only)"),
                ))
            }
        })
    }

    /// The parameter names (or path) an operation acts on; empty for DescribeParameters.
    pub fn names(&self) -> Vec<&str> {
        match self {
            Request::PutParameter(r) => vec![&r.name],
            Request::GetParameter(r) => vec![super::names::split_selector(&r.name).0],
            Request::GetParameters(r) => r.names.iter().map(|n| super::names::split_selector(n).0).collect(),
            Request::GetParametersByPath(r) => vec![&r.path],
            Request::DeleteParameter(r) => vec![&r.name],
            Request::DeleteParameters(r) => r.names.iter().map(String::as_str).collect(),
            Request::GetParameterHistory(r) => vec![&r.name],
            Request::LabelParameterVersion(r) | Request::UnlabelParameterVersion(r) => vec![&r.name],
            Request::AddTagsToResource(r) | Request::ListTagsForResource(r) | Request::RemoveTagsFromResource(r) => {
                vec![&r.resource_id]
            }
            Request::DescribeParameters(_) => vec![],
        }
    }
}
