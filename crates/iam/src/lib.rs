//! IAM and STS: the region's identities (root, users, groups, roles), their credentials and
//! policies, the two AWS services that manage them, and the authenticator and authoriser that
//! every request of every service passes through.

mod auth;
mod authorize;
mod console;
pub mod error;
mod ids;
pub mod managed;
mod ops;
pub mod records;
mod sts;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use store::{Sealer, Store};

pub use auth::{AuthFailure, ResolvedCredential};
pub use authorize::CallerAuthorizer;
pub use console::{ConsoleCredentials, SignIn, SignInError};
pub use ops::IamService;
pub use sts::StsService;

use crate::error::{IamError, Result};
use crate::records::{kind, AccessKeyRec};

/// Where "now" comes from: the wall clock in the daemon, a settable one in tests.
pub trait Clock: Send + Sync {
    fn now(&self) -> f64;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> f64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
    }
}

/// Settings an operator chooses for the identity service.
#[derive(Debug, Clone)]
pub struct IdentityConfig {
    pub region: String,
    /// Every temporary credential expires after at most this many seconds (None: as asked).
    pub session_duration_cap: Option<u64>,
    /// Emulator mode: any well-formed signature is accepted as the account root.
    pub accept_any_credentials: bool,
    /// Emulator mode: the account's id, chosen (`--account-id`) rather than drawn at random on
    /// first start. A data dir made for another account refuses it.
    pub account_id: Option<String>,
}

/// The identity state of the region, shared by IAM, STS and the gateway.
pub struct Identity {
    pub(crate) store: Arc<Store>,
    pub(crate) sealer: Sealer,
    pub account: String,
    pub config: IdentityConfig,
    pub(crate) clock: Arc<dyn Clock>,
    /// Bumped by every IAM/STS write; caches built under an older generation are dropped.
    generation: AtomicU64,
    pub(crate) creds: RwLock<(u64, HashMap<String, Arc<ResolvedCredential>>)>,
    pub(crate) bundles: RwLock<(u64, HashMap<String, Arc<authorize::PolicyBundle>>)>,
    pub(crate) last_used: Mutex<HashMap<String, (f64, String, String)>>,
    /// ListUsers' answer, until the next write.
    pub(crate) users: RwLock<(u64, Option<UserListing>)>,
}

/// Users as ListUsers shows them: (store key, path, rendered user), in key order.
pub(crate) type UserListing = Arc<Vec<(String, String, serde_json::Value)>>;

/// The account root's long-term key, as written to the credentials file.
pub struct RootKey {
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl Identity {
    /// Open the identity state, creating the account and its root key on first start.
    pub fn open(store: Arc<Store>, sealer: Sealer, config: IdentityConfig, clock: Arc<dyn Clock>) -> Result<Identity> {
        let now = clock.now();
        let account = store.write(|tx| -> Result<String> {
            if let Some(a) = tx.meta("account_id")? {
                return match &config.account_id {
                    Some(chosen) if *chosen != a => Err(IamError::InvalidInput(format!(
                        "this data dir holds account {a}; it cannot become account {chosen} (start with a new --data-dir)"
                    ))),
                    _ => Ok(a),
                };
            }
            let account = config.account_id.clone().unwrap_or_else(ids::account_id);
            tx.set_meta("account_id", &account)?;
            let key = AccessKeyRec {
                access_key_id: ids::access_key_id(false),
                user_name: None,
                sealed_secret: sealer.seal(&ids::secret_access_key()),
                status: "Active".into(),
                create_date: now,
            };
            tx.put(kind::ACCESS_KEY, &key.access_key_id, &key)?;
            tx.put(kind::USER_KEY, &format!("#root/{}", key.access_key_id), &())?;
            Ok(account)
        })?;
        Ok(Identity {
            store,
            sealer,
            account,
            config,
            clock,
            generation: AtomicU64::new(1),
            creds: RwLock::new((0, HashMap::new())),
            bundles: RwLock::new((0, HashMap::new())),
            last_used: Mutex::new(HashMap::new()),
            users: RwLock::new((0, None)),
        })
    }

    /// The root's first active access key (there is always one after [`Identity::open`]).
    pub fn root_key(&self) -> Result<RootKey> {
        self.store.read(|tx| {
            for (k, ()) in tx.list::<()>(kind::USER_KEY, "#root/")? {
                let id = k.trim_start_matches("#root/");
                if let Some(rec) = tx.get::<AccessKeyRec>(kind::ACCESS_KEY, id)? {
                    if rec.status == "Active" {
                        let secret = self.sealer.open(&rec.sealed_secret)?;
                        return Ok(RootKey { access_key_id: rec.access_key_id, secret_access_key: secret });
                    }
                }
            }
            Err(IamError::NoSuchEntity("The account root has no active access key.".into()))
        })
    }

    /// Emulator mode's reset: every user, group, role, policy, instance profile, certificate,
    /// provider, alias and temporary credential deleted; the account root's keys stay (the
    /// region starts with them, and the credentials file holds one).
    pub fn reset(&self) -> std::result::Result<(), String> {
        self.write(|tx| {
            let mut root_keys = Vec::new();
            for (entry, ()) in tx.list::<()>(kind::USER_KEY, "#root/")? {
                let id = entry.trim_start_matches("#root/").to_string();
                if let Some(key) = tx.get::<AccessKeyRec>(kind::ACCESS_KEY, &id)? {
                    root_keys.push((entry, key));
                }
            }
            tx.delete_kinds("iam.")?;
            tx.delete_kinds("sts.")?;
            for (entry, key) in root_keys {
                tx.put(kind::ACCESS_KEY, &key.access_key_id, &key)?;
                tx.put(kind::USER_KEY, &entry, &())?;
            }
            Ok(())
        })
        .map_err(|e| e.to_string())?;
        self.last_used.lock().unwrap_or_else(|e| e.into_inner()).clear();
        Ok(())
    }

    /// Now, in whole seconds (AWS stamps records to the second).
    pub fn now(&self) -> f64 {
        self.clock.now().floor()
    }

    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Called after every committed IAM/STS write: credentials and policies are re-read.
    pub(crate) fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    pub fn arn(&self, rest: &str) -> String {
        format!("arn:aws:iam::{}:{rest}", self.account)
    }

    /// Run a write transaction and invalidate caches once it has committed.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&store::Tx) -> Result<T>) -> Result<T> {
        let out = self.store.write(f)?;
        self.invalidate();
        Ok(out)
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&store::Tx) -> Result<T>) -> Result<T> {
        self.store.read(f)
    }
}
