//! From an access key id (and session token) to the caller: its secret, for SigV4, and the
//! principal. Results are cached until the next IAM write.

use std::sync::Arc;

use sha2::{Digest, Sha256};
use wire::{Principal, PrincipalKind};

use crate::error::IamError;
use crate::records::{kind, name_key, AccessKeyRec, RoleRec, SessionRec, SessionSource, UserRec};
use crate::Identity;

/// A credential the gateway can check a signature with.
#[derive(Debug)]
pub struct ResolvedCredential {
    pub secret_access_key: String,
    pub principal: Principal,
    /// Set for temporary credentials.
    pub session: Option<SessionInfo>,
}

#[derive(Debug)]
pub struct SessionInfo {
    pub token_sha256: String,
    pub expiration: f64,
    pub issued: f64,
    /// Session policies (AssumeRole's Policy and PolicyArns documents).
    pub session_policies: Vec<(String, policy::PolicyDocument)>,
}

/// Why a credential was refused, with AWS's codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthFailure {
    /// Unknown, deleted or inactive key, or a token that does not belong to the key.
    InvalidClientTokenId,
    ExpiredToken,
}

impl AuthFailure {
    pub fn code(&self) -> &'static str {
        match self {
            AuthFailure::InvalidClientTokenId => "InvalidClientTokenId",
            AuthFailure::ExpiredToken => "ExpiredToken",
        }
    }

    pub fn message(&self) -> &'static str {
        match self {
            AuthFailure::InvalidClientTokenId => "The security token included in the request is invalid.",
            AuthFailure::ExpiredToken => "The security token included in the request is expired",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AuthFailure::InvalidClientTokenId => 403,
            AuthFailure::ExpiredToken => 400,
        }
    }
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl Identity {
    /// Look up the credential behind an access key id. `token` is the X-Amz-Security-Token.
    pub fn resolve(&self, access_key_id: &str, token: Option<&str>) -> Result<Arc<ResolvedCredential>, AuthFailure> {
        let generation = self.generation();
        let cached = {
            let cache = self.creds.read().unwrap_or_else(|e| e.into_inner());
            (cache.0 == generation).then(|| cache.1.get(access_key_id).cloned()).flatten()
        };
        let cred = match cached {
            Some(c) => c,
            None => {
                let c = Arc::new(self.load_credential(access_key_id)?);
                let mut cache = self.creds.write().unwrap_or_else(|e| e.into_inner());
                if cache.0 != generation {
                    *cache = (generation, Default::default());
                }
                cache.1.insert(access_key_id.to_string(), c.clone());
                c
            }
        };
        match (&cred.session, token) {
            (None, None) => {}
            // A long-term key with a token, or a temporary key without its token.
            (None, Some(_)) | (Some(_), None) => return Err(AuthFailure::InvalidClientTokenId),
            (Some(s), Some(t)) => {
                if token_hash(t) != s.token_sha256 {
                    return Err(AuthFailure::InvalidClientTokenId);
                }
                if self.now() >= s.expiration {
                    return Err(AuthFailure::ExpiredToken);
                }
            }
        }
        Ok(cred)
    }

    /// Record that a key was used (for GetAccessKeyLastUsed); kept in memory.
    pub fn note_key_use(&self, access_key_id: &str, service: &str) {
        let now = self.now();
        let mut m = self.last_used.lock().unwrap_or_else(|e| e.into_inner());
        // The hot path: a key seen before is updated in place, without allocating.
        if let Some(entry) = m.get_mut(access_key_id) {
            entry.0 = now;
            if entry.1 != service {
                entry.1 = service.to_string();
            }
            return;
        }
        m.insert(access_key_id.to_string(), (now, service.to_string(), self.config.region.clone()));
    }

    fn load_credential(&self, access_key_id: &str) -> Result<ResolvedCredential, AuthFailure> {
        let loaded = self.read(|tx| {
            if let Some(key) = tx.get::<AccessKeyRec>(kind::ACCESS_KEY, access_key_id)? {
                if key.status != "Active" {
                    return Ok(None);
                }
                let secret = self.sealer.open(&key.sealed_secret)?;
                let principal = match &key.user_name {
                    None => self.root_principal(access_key_id),
                    Some(u) => match tx.get::<UserRec>(kind::USER, &name_key(u))? {
                        Some(user) => user_principal(&self.account, &user, access_key_id),
                        None => return Ok(None),
                    },
                };
                return Ok(Some(ResolvedCredential { secret_access_key: secret, principal, session: None }));
            }
            let Some(s) = tx.get::<SessionRec>(kind::SESSION, access_key_id)? else { return Ok(None) };
            let secret = self.sealer.open(&s.sealed_secret)?;
            let principal = match &s.source {
                SessionSource::AssumedRole { role_name, session_name } => {
                    let Some(role) = tx.get::<RoleRec>(kind::ROLE, &name_key(role_name))? else { return Ok(None) };
                    Principal {
                        account: self.account.clone(),
                        arn: format!("arn:aws:sts::{}:assumed-role/{}/{}", self.account, role.role_name, session_name),
                        user_id: format!("{}:{}", role.role_id, session_name),
                        kind: PrincipalKind::AssumedRole {
                            role_name: role.role_name.clone(),
                            role_arn: role.arn.clone(),
                            session_name: session_name.clone(),
                        },
                        access_key_id: access_key_id.to_string(),
                        tags: role.tags.iter().map(|t| (t.key.clone(), t.value.clone())).collect(),
                    }
                }
                SessionSource::Session { user_name: None } => {
                    let mut p = self.root_principal(access_key_id);
                    p.kind = PrincipalKind::FederatedSession { user: None };
                    p
                }
                SessionSource::Console { user_name: None } => self.root_principal(access_key_id),
                SessionSource::Console { user_name: Some(u) } => {
                    let Some(user) = tx.get::<UserRec>(kind::USER, &name_key(u))? else { return Ok(None) };
                    user_principal(&self.account, &user, access_key_id)
                }
                SessionSource::Session { user_name: Some(u) } => {
                    let Some(user) = tx.get::<UserRec>(kind::USER, &name_key(u))? else { return Ok(None) };
                    let mut p = user_principal(&self.account, &user, access_key_id);
                    p.kind = PrincipalKind::FederatedSession { user: Some(user.user_name.clone()) };
                    p
                }
            };
            let mut session_policies = Vec::new();
            if let Some(doc) = &s.session_policy {
                if let Ok(d) = policy::PolicyDocument::parse(doc) {
                    session_policies.push(("session-policy".to_string(), d));
                }
            }
            for arn in &s.session_policy_arns {
                if let Some(doc) = crate::ops::policies::default_document(tx, arn)? {
                    if let Ok(d) = policy::PolicyDocument::parse(&doc) {
                        session_policies.push((arn.clone(), d));
                    }
                }
            }
            Ok(Some(ResolvedCredential {
                secret_access_key: secret,
                principal,
                session: Some(SessionInfo {
                    token_sha256: s.token_sha256.clone(),
                    expiration: s.expiration,
                    issued: s.issued,
                    session_policies,
                }),
            }))
        });
        match loaded {
            Ok(Some(c)) => Ok(c),
            Ok(None) => Err(AuthFailure::InvalidClientTokenId),
            Err(IamError::Store(e)) => {
                tracing::error!(error = %e, "reading a credential failed");
                Err(AuthFailure::InvalidClientTokenId)
            }
            Err(_) => Err(AuthFailure::InvalidClientTokenId),
        }
    }

    pub fn root_principal(&self, access_key_id: &str) -> Principal {
        Principal {
            account: self.account.clone(),
            arn: format!("arn:aws:iam::{}:root", self.account),
            user_id: self.account.clone(),
            kind: PrincipalKind::Root,
            access_key_id: access_key_id.to_string(),
            tags: vec![],
        }
    }
}

pub(crate) fn user_principal(account: &str, user: &UserRec, access_key_id: &str) -> Principal {
    Principal {
        account: account.to_string(),
        arn: user.arn.clone(),
        user_id: user.user_id.clone(),
        kind: PrincipalKind::User { name: user.user_name.clone() },
        access_key_id: access_key_id.to_string(),
        tags: user.tags.iter().map(|t| (t.key.clone(), t.value.clone())).collect(),
    }
}
