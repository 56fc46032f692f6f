//! Secrets Manager and SSM Parameter Store: named values the region keeps for its users, sealed
//! at rest with the region's key (`store::Sealer`), versioned, and readable by other services
//! through a small Rust API (CloudFormation's `{{resolve:secretsmanager:…}}` and
//! `{{resolve:ssm:…}}`, `AWS::SecretsManager::Secret`'s `GenerateSecretString`).
//!
//! One crate for two services: both keep sealed values with tags and versions under the same
//! store and key, and CloudFormation resolves through both; each has its own wire service,
//! error enum and records (`secretsmanager/`, `ssm/`).

pub mod password;
pub mod secretsmanager;
pub mod ssm;

pub use password::{generate_secret_string, get_random_password, GenerateSecretString, PasswordSpec};
pub use secretsmanager::{SecretsManager, SecretsManagerService};
pub use ssm::{ImageAliases, ParameterStore, SsmService};

pub use wire::Clock;

/// The region and account the ARNs are written for.
#[derive(Debug, Clone)]
pub struct SecretsConfig {
    pub region: String,
    pub account: String,
}

/// A version id in UUID v4 form, from the OS's random source.
pub(crate) fn uuid_v4() -> String {
    use rand::RngCore;
    let mut b = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

/// One tag, as both services write it on the wire.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

/// Add or replace tags by key, keeping the order they were first given in.
pub(crate) fn merge_tags(tags: &mut Vec<Tag>, new: Vec<Tag>) {
    for t in new {
        match tags.iter_mut().find(|x| x.key == t.key) {
            Some(x) => x.value = t.value,
            None => tags.push(t),
        }
    }
}

/// A paging token: the offset of the next item, as text.
pub(crate) fn parse_token(token: Option<&str>) -> Option<usize> {
    match token {
        None | Some("") => Some(0),
        Some(t) => t.parse().ok(),
    }
}
