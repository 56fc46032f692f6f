//! SSM Parameter Store (awsJson1.1, `AmazonSSM`): String, StringList and SecureString
//! parameters (SecureString sealed at rest), versions and history, hierarchies read by path,
//! tags, and the public `/aws/service/…` names resolving to images registered in the region.

pub mod error;
pub mod names;
mod ops;
pub mod records;
mod request;

use std::sync::Arc;

use serde_json::Value;
use store::{Sealer, Store};
use wire::{ApiError, Authorization, BoxFuture, CallContext, Check, Service};

use crate::{Clock, SecretsConfig};
pub use error::SsmError;
pub use request::Request;

/// Where the public `/aws/service/…` parameters come from: the region's registered images
/// (implemented over EC2 in the binary's links).
pub trait ImageAliases: Send + Sync {
    /// The image id a public name such as `/aws/service/ami-amazon-linux-latest/<any>` stands
    /// for in this region, if any.
    fn image_for(&self, name: &str) -> Option<String>;
}

pub struct ParameterStore {
    pub(crate) store: Arc<Store>,
    pub(crate) sealer: Arc<Sealer>,
    pub(crate) config: SecretsConfig,
    pub(crate) clock: Clock,
    pub(crate) aliases: Option<Arc<dyn ImageAliases>>,
}

impl ParameterStore {
    /// Emulator mode's reset: every parameter deleted (the public `/aws/service/…` names are
    /// not records, and stay).
    pub fn reset(&self) -> std::result::Result<(), String> {
        self.store.wipe("ssm.").map(|_| ())
    }

    pub fn open(
        store: Arc<Store>,
        sealer: Arc<Sealer>,
        config: SecretsConfig,
        clock: Clock,
        aliases: Option<Arc<dyn ImageAliases>>,
    ) -> Arc<ParameterStore> {
        Arc::new(ParameterStore { store, sealer, config, clock, aliases })
    }

    pub(crate) fn now(&self) -> f64 {
        (self.clock)()
    }

    /// A parameter's ARN; AWS's public parameters have no account.
    pub fn arn(&self, name: &str) -> String {
        let account = if names::is_public(name) { "" } else { self.config.account.as_str() };
        format!("arn:aws:ssm:{}:{account}:parameter/{}", self.config.region, name.trim_start_matches('/'))
    }

    /// A parameter's (type, value in clear), for `{{resolve:ssm:name[:version]}}`,
    /// `{{resolve:ssm-secure:…}}` and `AWS::SSM::Parameter::Value<…>` template parameters.
    pub fn parameter_value(&self, selector: &str) -> Result<(String, String), SsmError> {
        let p = ops::get_one(self, selector, true)?;
        let text = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        Ok((text("Type"), text("Value")))
    }
}

pub struct SsmService {
    ps: Arc<ParameterStore>,
}

impl SsmService {
    pub fn new(ps: Arc<ParameterStore>) -> SsmService {
        SsmService { ps }
    }
}

impl Service for SsmService {
    fn model_name(&self) -> &'static str {
        "ssm"
    }

    fn iam_prefix(&self) -> &'static str {
        "ssm"
    }

    /// Each parameter's ARN (the path's, for GetParametersByPath); `*` for DescribeParameters.
    fn authorization(&self, op: &str, input: &Value, _cx: &CallContext) -> Result<Authorization, ApiError> {
        let req = Request::parse(op, input.clone())?;
        let mut arns: Vec<String> = req.names().into_iter().map(|n| self.ps.arn(n)).collect();
        arns.dedup();
        if arns.is_empty() {
            arns.push("*".into());
        }
        // Tagging while creating also needs ssm:AddTagsToResource, as on AWS.
        if let Request::PutParameter(p) = &req {
            if let Some(tags) = p.tags.as_ref().filter(|t| !t.is_empty()) {
                let arn = self.ps.arn(&p.name);
                let pairs = || tags.iter().map(|t| (t.key.as_str(), t.value.as_str()));
                return Ok(Authorization::Checks(vec![
                    Check::new("ssm:PutParameter", arn.as_str()).request_tags(pairs()),
                    Check::new("ssm:AddTagsToResource", arn.as_str()).request_tags(pairs()),
                ]));
            }
        }
        Ok(Authorization::Resources(arns))
    }

    fn call<'a>(&'a self, cx: &'a CallContext, op: &'a str, input: Value) -> BoxFuture<'a, Result<Value, ApiError>> {
        Box::pin(async move {
            let req = Request::parse(op, input)?;
            tokio::task::block_in_place(|| ops::dispatch(&self.ps, cx, req)).map_err(ApiError::from)
        })
    }

    fn reset(&self) -> BoxFuture<'_, std::result::Result<(), String>> {
        Box::pin(async move { tokio::task::block_in_place(|| self.ps.reset()) })
    }
}
