//! Console sign-in: a user name and password checked against the user's login profile (an
//! Argon2id hash), or the account root's access key pair, exchanged for temporary credentials
//! like GetSessionToken's. Every console action is then an ordinary signed call with them.

use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::Argon2;
use sha2::{Digest, Sha256};

use crate::error::{IamError, Result};
use crate::records::{kind, name_key, AccessKeyRec, LoginProfileRec, SessionSource};
use crate::Identity;

/// Temporary credentials handed to a console session. Never logged.
pub struct ConsoleCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    /// Unix seconds.
    pub expiration: f64,
    /// Who signed in, as the console shows it (`user-name` or `root`).
    pub display_name: String,
    pub arn: String,
}

/// Who asks to sign in.
pub enum SignIn<'a> {
    /// An IAM user with a login profile; `new_password` answers a profile that requires a
    /// password reset (CreateLoginProfile's PasswordResetRequired).
    User { user_name: &'a str, password: &'a str, new_password: Option<&'a str> },
    /// The account root, with one of its active access keys as user name and password (the
    /// region's root has no password: its credentials file holds this pair).
    Root { access_key_id: &'a str, secret_access_key: &'a str },
}

/// An Argon2id hash of a password nobody has, verified when the user is unknown so that a
/// wrong user name takes as long as a wrong password.
const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$9XbAR5rPuqSGOvtQDmbLmfuoJY0Y8XGnc6Q/3vW6ZVI";

/// Why a sign-in did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// The one answer to every wrong name, password or key: it does not say which was wrong.
    #[error("Your authentication information is incorrect. Please try again.")]
    Refused,
    /// The password was right, but the profile asks for a new one first.
    #[error("Your password must be changed before you sign in. Choose a new password.")]
    PasswordResetRequired,
    #[error("{0}")]
    NewPasswordRejected(String),
    #[error(transparent)]
    Failed(#[from] IamError),
}

fn refused() -> SignInError {
    SignInError::Refused
}

impl Identity {
    /// Check a console sign-in and issue the session's temporary credentials, valid for
    /// `duration` seconds (under the operator's session cap).
    pub fn console_sign_in(&self, who: SignIn<'_>, duration: f64) -> Result<ConsoleCredentials, SignInError> {
        let duration = self.config.session_duration_cap.map_or(duration, |c| duration.min(c as f64));
        // A reset password's new hash, written with the session.
        let mut new_profile: Option<LoginProfileRec> = None;
        let (user, display_name, arn) = match who {
            SignIn::User { user_name, password, new_password } => {
                let found = self.read(|tx| {
                    let user = tx.get::<crate::records::UserRec>(kind::USER, &name_key(user_name))?;
                    let profile = tx.get::<LoginProfileRec>(kind::LOGIN_PROFILE, &name_key(user_name))?;
                    Ok(user.zip(profile))
                })?;
                let hash = found.as_ref().map_or(DECOY_HASH, |(_, p)| p.password_hash.as_str());
                let parsed = PasswordHash::new(hash).map_err(|_| refused())?;
                let ok = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
                let Some((user, mut profile)) = found.filter(|_| ok) else { return Err(refused()) };
                if profile.password_reset_required {
                    let new = new_password.ok_or(SignInError::PasswordResetRequired)?;
                    if new == password {
                        let same = "The new password must differ from the current one.";
                        return Err(SignInError::NewPasswordRejected(same.into()));
                    }
                    profile.password_hash = crate::ops::keys::hash_password(new)
                        .map_err(|e| SignInError::NewPasswordRejected(e.to_string()))?;
                    profile.password_reset_required = false;
                    new_profile = Some(profile);
                }
                (Some(user.user_name.clone()), user.user_name, user.arn)
            }
            SignIn::Root { access_key_id, secret_access_key } => {
                let key = self.read(|tx| Ok(tx.get::<AccessKeyRec>(kind::ACCESS_KEY, access_key_id)?))?;
                let key = key.filter(|k| k.user_name.is_none() && k.status == "Active").ok_or_else(refused)?;
                let secret = self.sealer.open(&key.sealed_secret).map_err(IamError::from)?;
                // Digests compared: the time taken says nothing about the secret's bytes.
                if Sha256::digest(secret.as_bytes()) != Sha256::digest(secret_access_key.as_bytes()) {
                    return Err(refused());
                }
                (None, "root".to_string(), format!("arn:aws:iam::{}:root", self.account))
            }
        };
        let issued = self.write(|tx| {
            if let Some(p) = &new_profile {
                tx.put(kind::LOGIN_PROFILE, &name_key(&p.user_name), p)?;
            }
            crate::sts::issue(self, tx, duration, SessionSource::Console { user_name: user }, None, vec![])
        })?;
        Ok(ConsoleCredentials {
            access_key_id: issued.access_key_id,
            secret_access_key: issued.secret,
            session_token: issued.token,
            expiration: issued.expiration,
            display_name,
            arn,
        })
    }

    /// Revoke a console session's temporary credentials (sign-out): requests signed with
    /// them fail from now on.
    pub fn console_sign_out(&self, access_key_id: &str) -> Result<()> {
        self.write(|tx| {
            if tx.get::<crate::records::SessionRec>(kind::SESSION, access_key_id)?.is_some() {
                tx.delete(kind::SESSION, access_key_id)?;
            }
            Ok(())
        })
    }
}
