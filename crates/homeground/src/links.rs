//! Typed links between services, wired here so that no service depends on another's crate
//! for more than the interface it needs.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use iam::Identity;
use serde_json::Value;

/// EC2's metadata service gets instance-profile credentials from IAM, cached per instance
/// until 15 minutes before they expire (as EC2 rotates them).
pub struct InstanceCredentials {
    identity: Arc<Identity>,
    /// (profile, instance) → (role name, credentials, expiry)
    cache: Mutex<HashMap<(String, String), Issued>>,
}

type Issued = (String, Value, f64);

impl InstanceCredentials {
    pub fn new(identity: Arc<Identity>) -> InstanceCredentials {
        InstanceCredentials { identity, cache: Mutex::new(HashMap::new()) }
    }
}

impl ec2::CredentialSource for InstanceCredentials {
    fn instance_credentials(&self, profile: &str, instance_id: &str) -> Option<(String, Value)> {
        let key = (profile.to_string(), instance_id.to_string());
        let now = self.identity.now();
        if let Some((role, creds, expires)) = self.cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            if *expires - now > 900.0 {
                return Some((role.clone(), creds.clone()));
            }
        }
        let (role, creds) = match self.identity.instance_profile_credentials(profile, instance_id) {
            Ok(Some(c)) => c,
            Ok(None) => return None,
            Err(e) => {
                tracing::warn!(error = %e, profile, "instance profile credentials not issued");
                return None;
            }
        };
        let expires = creds.get("Expiration").and_then(Value::as_str).and_then(wire::timestamp::parse).unwrap_or(now);
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).insert(key, (role.clone(), creds.clone(), expires));
        Some((role, creds))
    }
}
