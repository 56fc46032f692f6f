//! Secrets Manager (awsJson1.1, `secretsmanager`): secrets with versions and staging labels,
//! values sealed at rest, scheduled deletion and restore, random passwords.

pub mod error;
mod ops;
pub mod records;
mod request;

use std::sync::Arc;

use serde_json::Value;
use store::{Sealer, Store};
use wire::{ApiError, Authorization, BoxFuture, CallContext, Check, Service};

use crate::{Clock, SecretsConfig};
pub use error::SmError;
pub use request::Request;

pub struct SecretsManager {
    pub(crate) store: Arc<Store>,
    pub(crate) sealer: Arc<Sealer>,
    pub(crate) config: SecretsConfig,
    pub(crate) clock: Clock,
}

impl SecretsManager {
    /// Emulator mode's reset: every secret deleted (at once, scheduled deletions too).
    pub fn reset(&self) -> std::result::Result<(), String> {
        self.store.wipe("secretsmanager.").map(|_| ())
    }

    pub fn open(store: Arc<Store>, sealer: Arc<Sealer>, config: SecretsConfig, clock: Clock) -> Arc<SecretsManager> {
        Arc::new(SecretsManager { store, sealer, config, clock })
    }

    pub(crate) fn now(&self) -> f64 {
        (self.clock)()
    }

    /// A secret's SecretString, for `{{resolve:secretsmanager:<id>:SecretString:<json-key>:
    /// <version-stage>:<version-id>}}`: by stage (AWSCURRENT when neither is given) or version
    /// id, then the JSON key's value when one is asked for.
    pub fn secret_string(
        &self,
        secret_id: &str,
        json_key: Option<&str>,
        version_stage: Option<&str>,
        version_id: Option<&str>,
    ) -> Result<String, SmError> {
        let text = ops::value_of(self, secret_id, version_id, version_stage)?.1;
        let ops::Plain::String(text) = text else {
            return Err(SmError::InvalidRequest("The secret has no SecretString.".into()));
        };
        let Some(key) = json_key.filter(|k| !k.is_empty()) else { return Ok(text) };
        let doc: Value = serde_json::from_str(&text)
            .map_err(|_| SmError::InvalidRequest("The SecretString is not a JSON object.".into()))?;
        match doc.get(key) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(v) => Ok(v.to_string()),
            None => Err(SmError::InvalidRequest(format!("The SecretString has no key {key}."))),
        }
    }

    pub(crate) fn arn_prefix(&self) -> String {
        format!("arn:aws:secretsmanager:{}:{}:secret:", self.config.region, self.config.account)
    }
}

pub struct SecretsManagerService {
    sm: Arc<SecretsManager>,
}

impl SecretsManagerService {
    pub fn new(sm: Arc<SecretsManager>) -> SecretsManagerService {
        SecretsManagerService { sm }
    }
}

impl Service for SecretsManagerService {
    fn model_name(&self) -> &'static str {
        "secretsmanager"
    }

    fn iam_prefix(&self) -> &'static str {
        "secretsmanager"
    }

    /// The secret's ARN (with its tags as `secretsmanager:ResourceTag/…`), so that policies
    /// scoped to one secret work; `*` for ListSecrets and GetRandomPassword.
    fn authorization(&self, op: &str, input: &Value, _cx: &CallContext) -> Result<Authorization, ApiError> {
        let req = Request::parse(op, input.clone())?;
        let action = format!("secretsmanager:{op}");
        let check = match req.secret_id() {
            Some(id) => {
                let (arn, tags) = ops::authorization_target(&self.sm, id)?;
                Check::new(action, arn)
                    .resource_tags("secretsmanager", tags.iter().map(|t| (t.key.as_str(), t.value.as_str())))
            }
            None => match &req {
                Request::CreateSecret(c) => Check::new(action, format!("{}{}-??????", self.sm.arn_prefix(), c.name))
                    .request_tags(c.tags.iter().map(|t| (t.key.as_str(), t.value.as_str()))),
                _ => Check::new(action, "*"),
            },
        };
        Ok(Authorization::Checks(vec![check]))
    }

    fn call<'a>(&'a self, _cx: &'a CallContext, op: &'a str, input: Value) -> BoxFuture<'a, Result<Value, ApiError>> {
        Box::pin(async move {
            let req = Request::parse(op, input)?;
            tokio::task::block_in_place(|| ops::dispatch(&self.sm, req)).map_err(ApiError::from)
        })
    }

    fn reset(&self) -> BoxFuture<'_, std::result::Result<(), String>> {
        Box::pin(async move { tokio::task::block_in_place(|| self.sm.reset()) })
    }
}
