//! What Secrets Manager keeps in the store. Values are sealed; nothing here holds a secret
//! in clear.

use serde::{Deserialize, Serialize};

use crate::Tag;

pub const SECRET: &str = "secretsmanager.secret";

pub const CURRENT: &str = "AWSCURRENT";
pub const PREVIOUS: &str = "AWSPREVIOUS";
/// Versions without a staging label kept beyond the labelled ones (AWS keeps about 100).
pub const MAX_VERSIONS: usize = 100;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SecretRec {
    pub arn: String,
    pub name: String,
    pub description: Option<String>,
    pub kms_key_id: Option<String>,
    pub tags: Vec<Tag>,
    pub created: f64,
    pub last_changed: f64,
    /// The day (midnight UTC) a value was last read, as AWS reports LastAccessedDate.
    #[serde(default)]
    pub last_accessed: Option<f64>,
    /// When a scheduled deletion takes effect; the secret is unusable meanwhile.
    pub deletion_date: Option<f64>,
    /// Oldest first.
    pub versions: Vec<VersionRec>,
    /// The resource policy (PutResourcePolicy), as given. Kept and returned; not evaluated, as
    /// the region has one account (its identity policies decide), like SQS's queue policies.
    #[serde(default)]
    pub resource_policy: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VersionRec {
    pub id: String,
    pub stages: Vec<String>,
    pub created: f64,
    pub value: SealedValue,
}

/// A version's value, sealed: a SecretString's text, or a SecretBinary's base64 text.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub enum SealedValue {
    String(String),
    Binary(String),
}

impl SecretRec {
    pub fn version(&self, id: &str) -> Option<&VersionRec> {
        self.versions.iter().find(|v| v.id == id)
    }

    pub fn staged(&self, stage: &str) -> Option<&VersionRec> {
        self.versions.iter().find(|v| v.stages.iter().any(|s| s == stage))
    }

    /// Attach `stage` to version `id` only, taking it from whichever version had it. Moving
    /// AWSCURRENT hands AWSPREVIOUS to the version that was current.
    pub fn move_stage(&mut self, stage: &str, id: &str) {
        let from = self.staged(stage).map(|v| v.id.clone());
        if from.as_deref() == Some(id) {
            return;
        }
        for v in &mut self.versions {
            v.stages.retain(|s| s != stage);
        }
        if let Some(v) = self.versions.iter_mut().find(|v| v.id == id) {
            v.stages.push(stage.to_string());
        }
        if stage == CURRENT {
            if let Some(prev) = from {
                self.move_stage(PREVIOUS, &prev);
            }
        }
    }

    /// Drop the oldest unlabelled versions beyond [`MAX_VERSIONS`].
    pub fn prune(&mut self) {
        while self.versions.len() > MAX_VERSIONS {
            match self.versions.iter().position(|v| v.stages.is_empty()) {
                Some(i) => {
                    self.versions.remove(i);
                }
                None => break,
            }
        }
    }
}
