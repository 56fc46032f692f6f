//! What Parameter Store keeps: each parameter with its tags and every version (oldest first).
//! SecureString values are sealed; String and StringList values are kept as they are.

use serde::{Deserialize, Serialize};

use crate::Tag;

pub const PARAMETER: &str = "ssm.parameter";
/// AWS keeps the last 100 versions of a parameter.
pub const MAX_VERSIONS: usize = 100;
pub const DEFAULT_KEY: &str = "alias/aws/ssm";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParamRec {
    pub name: String,
    pub tags: Vec<Tag>,
    pub versions: Vec<ParamVersion>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParamVersion {
    pub version: u64,
    /// String, StringList or SecureString.
    pub kind: String,
    pub value: StoredValue,
    pub description: Option<String>,
    pub allowed_pattern: Option<String>,
    pub key_id: Option<String>,
    pub data_type: String,
    pub tier: String,
    pub modified: f64,
    pub user: String,
    /// Labels (LabelParameterVersion); each names one version of the parameter at most.
    #[serde(default)]
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum StoredValue {
    Plain(String),
    Sealed(String),
}

impl ParamRec {
    pub fn latest(&self) -> &ParamVersion {
        self.versions.last().expect("a parameter has at least one version")
    }
}
