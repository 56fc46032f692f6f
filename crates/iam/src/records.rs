//! What IAM keeps in the store. Field names follow AWS's shapes, so a record serialises
//! straight into the answer of a Get/List call.

use serde::{Deserialize, Serialize};

/// The store's kinds, one per record type and per index.
pub mod kind {
    pub const USER: &str = "iam.user";
    pub const GROUP: &str = "iam.group";
    pub const ROLE: &str = "iam.role";
    /// `{group}/{user}` and `{user}/{group}`: membership both ways.
    pub const GROUP_MEMBER: &str = "iam.group_member";
    pub const USER_GROUP: &str = "iam.user_group";
    pub const POLICY: &str = "iam.policy";
    /// `{policy arn}#v{n}`
    pub const POLICY_VERSION: &str = "iam.policy_version";
    /// `{entity}/{name}/{policy arn}` and `{policy arn}#{entity}/{name}`.
    pub const ATTACHED: &str = "iam.attached";
    pub const ATTACHMENT: &str = "iam.attachment";
    /// `{entity}/{name}/{policy name}`
    pub const INLINE: &str = "iam.inline";
    pub const ACCESS_KEY: &str = "iam.access_key";
    /// `{user or "#root"}/{key id}`
    pub const USER_KEY: &str = "iam.user_key";
    pub const LOGIN_PROFILE: &str = "iam.login_profile";
    pub const INSTANCE_PROFILE: &str = "iam.instance_profile";
    pub const SERVER_CERT: &str = "iam.server_certificate";
    pub const SESSION: &str = "sts.session";
    pub const ACCOUNT_ALIAS: &str = "iam.account_alias";
    /// By ARN.
    pub const OIDC_PROVIDER: &str = "iam.oidc_provider";
    pub const SAML_PROVIDER: &str = "iam.saml_provider";
}

/// Store keys for names are lower-cased: IAM names are unique regardless of case.
pub fn name_key(name: &str) -> String {
    name.to_lowercase()
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    pub key: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Boundary {
    pub permissions_boundary_type: String,
    pub permissions_boundary_arn: String,
}

impl Boundary {
    pub fn policy(arn: &str) -> Boundary {
        Boundary { permissions_boundary_type: "PermissionsBoundaryPolicy".into(), permissions_boundary_arn: arn.into() }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserRec {
    pub path: String,
    pub user_name: String,
    pub user_id: String,
    pub arn: String,
    pub create_date: f64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub password_last_used: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub permissions_boundary: Option<Boundary>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupRec {
    pub path: String,
    pub group_name: String,
    pub group_id: String,
    pub arn: String,
    pub create_date: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RoleRec {
    pub path: String,
    pub role_name: String,
    pub role_id: String,
    pub arn: String,
    pub create_date: f64,
    /// URL-encoded, as AWS returns it.
    pub assume_role_policy_document: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub description: Option<String>,
    pub max_session_duration: i64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub permissions_boundary: Option<Boundary>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PolicyRec {
    pub policy_name: String,
    pub policy_id: String,
    pub arn: String,
    pub path: String,
    pub default_version_id: String,
    pub attachment_count: i64,
    pub permissions_boundary_usage_count: i64,
    pub is_attachable: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub description: Option<String>,
    pub create_date: f64,
    pub update_date: f64,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub tags: Vec<Tag>,
    /// The next version number to hand out (not part of AWS's shape; the encoders ignore it).
    #[serde(default)]
    pub next_version: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PolicyVersionRec {
    /// URL-encoded, as AWS returns it.
    pub document: String,
    pub version_id: String,
    pub is_default_version: bool,
    pub create_date: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InlinePolicyRec {
    pub policy_name: String,
    /// The document as given (decoded).
    pub policy_document: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessKeyRec {
    pub access_key_id: String,
    /// None for the account root's key.
    pub user_name: Option<String>,
    pub sealed_secret: String,
    pub status: String,
    pub create_date: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoginProfileRec {
    pub user_name: String,
    /// PHC string from Argon2id.
    pub password_hash: String,
    pub password_reset_required: bool,
    pub create_date: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceProfileRec {
    pub path: String,
    pub instance_profile_name: String,
    pub instance_profile_id: String,
    pub arn: String,
    pub create_date: f64,
    /// Role names (at most one, as AWS allows).
    #[serde(default)]
    pub role_names: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServerCertRec {
    pub path: String,
    pub name: String,
    pub id: String,
    pub arn: String,
    pub upload_date: f64,
    pub expiration: Option<f64>,
    pub certificate_body: String,
    pub certificate_chain: Option<String>,
    pub sealed_private_key: String,
}

/// Temporary credentials from AssumeRole or GetSessionToken.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionRec {
    pub access_key_id: String,
    pub sealed_secret: String,
    /// SHA-256 of the session token, hex.
    pub token_sha256: String,
    pub expiration: f64,
    pub issued: f64,
    pub source: SessionSource,
    /// An inline session policy given to AssumeRole, if any.
    pub session_policy: Option<String>,
    #[serde(default)]
    pub session_policy_arns: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum SessionSource {
    AssumedRole {
        role_name: String,
        session_name: String,
    },
    /// GetSessionToken by a user (or by the root when None).
    Session {
        user_name: Option<String>,
    },
    /// A console sign-in of a user (or of the root when None): the principal is the user
    /// itself, as in AWS's console, so IAM's own API is not refused as it is to
    /// GetSessionToken's credentials.
    Console {
        user_name: Option<String>,
    },
}
