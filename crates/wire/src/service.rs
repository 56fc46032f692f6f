//! The seam every service plugs into: a model, an IAM action prefix, the resources an operation
//! touches (for authorisation) and the operation itself, on protocol-neutral values. A service
//! never sees HTTP, and the gateway never sees a service's state.

use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;

use serde_json::Value;

use crate::error::ApiError;
use crate::model::ServiceModel;
use crate::protocol::xml::Fragment;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Who is calling, as established by SigV4 and the identity store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrincipalKind {
    Root,
    User {
        name: String,
    },
    AssumedRole {
        role_name: String,
        role_arn: String,
        session_name: String,
    },
    /// GetSessionToken credentials of a user (or the root, when `user` is None).
    FederatedSession {
        user: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub account: String,
    /// The caller's ARN as GetCallerIdentity reports it.
    pub arn: String,
    /// `AIDA…` for users, `AROA…:session` for assumed roles, the account id for the root.
    pub user_id: String,
    pub kind: PrincipalKind,
    pub access_key_id: String,
    /// The principal's tags, for aws:PrincipalTag/…
    pub tags: Vec<(String, String)>,
}

impl Principal {
    pub fn is_root(&self) -> bool {
        matches!(self.kind, PrincipalKind::Root)
    }

    /// A service acting for the account through its service-linked role (roles under
    /// `/aws-service-role/`, which only the region itself creates): Auto Scaling launching
    /// instances, say. Such callers may set `aws:` tags.
    pub fn is_service_linked(&self) -> bool {
        matches!(&self.kind, PrincipalKind::AssumedRole { role_arn, .. } if role_arn.contains(":role/aws-service-role/"))
    }

    /// The IAM user name, for users and their session tokens.
    pub fn user_name(&self) -> Option<&str> {
        match &self.kind {
            PrincipalKind::User { name } => Some(name),
            PrincipalKind::FederatedSession { user } => user.as_deref(),
            _ => None,
        }
    }
}

/// Everything a service may know about one call.
#[derive(Clone)]
pub struct CallContext {
    pub request_id: String,
    pub principal: Principal,
    pub source_ip: IpAddr,
    pub secure_transport: bool,
    pub region: String,
    /// Decides further checks for the caller while the operation runs, for what only the
    /// operation finds out (the role in a launch template an Auto Scaling group will launch
    /// from). `None` for the region's own callers (service-linked roles), which are trusted.
    pub authorizer: Option<Arc<dyn Authorizer>>,
}

impl std::fmt::Debug for CallContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallContext")
            .field("request_id", &self.request_id)
            .field("principal", &self.principal)
            .field("source_ip", &self.source_ip)
            .field("secure_transport", &self.secure_transport)
            .field("region", &self.region)
            .field("authorizer", &self.authorizer.is_some())
            .finish()
    }
}

impl CallContext {
    /// A call the region makes itself, as the service-linked role `role` of the service
    /// principal `principal` (`autoscaling.amazonaws.com`), in a session named `session`:
    /// trusted (no authorizer), over TLS from loopback.
    pub fn service_linked(account: &str, region: &str, principal: &str, role: &str, session: &str) -> CallContext {
        CallContext {
            request_id: session.to_ascii_lowercase(),
            principal: Principal {
                account: account.into(),
                arn: format!("arn:aws:sts::{account}:assumed-role/{role}/{session}"),
                user_id: format!("AROA{}:{session}", session.to_ascii_uppercase()),
                kind: PrincipalKind::AssumedRole {
                    role_name: role.into(),
                    role_arn: format!("arn:aws:iam::{account}:role/aws-service-role/{principal}/{role}"),
                    session_name: session.into(),
                },
                access_key_id: String::new(),
                tags: vec![],
            },
            source_ip: IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            secure_transport: true,
            region: region.into(),
            authorizer: None,
        }
    }

    /// Authorise further checks for this call's caller (Ok for the region's own callers).
    pub fn authorize(&self, checks: &[Check]) -> Result<(), ApiError> {
        match &self.authorizer {
            Some(a) if !checks.is_empty() => a.authorize(self, checks),
            _ => Ok(()),
        }
    }
}

/// Decides [`Check`]s for one caller: the gateway's, over IAM policies.
pub trait Authorizer: Send + Sync {
    fn authorize(&self, cx: &CallContext, checks: &[Check]) -> Result<(), ApiError>;
}

/// One IAM decision an operation needs: an action on one resource, with the condition keys
/// that request and resource add to the request's global ones (`aws:ResourceTag/…`,
/// `aws:RequestTag/…`, `aws:TagKeys`, `ec2:InstanceType`, `iam:PassedToService` …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// The full action, `ec2:RunInstances`.
    pub action: String,
    /// An ARN, or `*` for actions without resource-level permissions.
    pub resource: String,
    pub keys: Vec<(String, Vec<String>)>,
}

impl Check {
    pub fn new(action: impl Into<String>, resource: impl Into<String>) -> Check {
        Check { action: action.into(), resource: resource.into(), keys: Vec::new() }
    }

    /// Add a single-valued condition key.
    pub fn key(mut self, key: impl Into<String>, value: impl Into<String>) -> Check {
        self.keys.push((key.into(), vec![value.into()]));
        self
    }

    /// Add a multi-valued condition key (`aws:TagKeys`).
    pub fn keys(mut self, key: impl Into<String>, values: Vec<String>) -> Check {
        self.keys.push((key.into(), values));
        self
    }

    /// Tags on the request (`aws:RequestTag/k`, `aws:TagKeys`), for operations that create or
    /// tag a resource.
    pub fn request_tags<'t>(mut self, tags: impl IntoIterator<Item = (&'t str, &'t str)>) -> Check {
        let mut names = Vec::new();
        for (k, v) in tags {
            self.keys.push((format!("aws:RequestTag/{k}"), vec![v.to_string()]));
            names.push(k.to_string());
        }
        if !names.is_empty() {
            self.keys.push(("aws:TagKeys".into(), names));
        }
        self
    }

    /// Tags of an existing resource, as `aws:ResourceTag/k` and `<service>:ResourceTag/k`.
    pub fn resource_tags<'t>(mut self, service: &str, tags: impl IntoIterator<Item = (&'t str, &'t str)>) -> Check {
        for (k, v) in tags {
            self.keys.push((format!("aws:ResourceTag/{k}"), vec![v.to_string()]));
            self.keys.push((format!("{service}:ResourceTag/{k}"), vec![v.to_string()]));
        }
        self
    }
}

/// The outcome of a service's own authorisation pre-check for an operation.
pub enum Authorization {
    /// Check the operation's own IAM action against these resources (ARNs, or "*").
    Resources(Vec<String>),
    /// Check each of these (several actions, resources with their own condition keys).
    Checks(Vec<Check>),
    /// The operation needs no permission (sts:GetCallerIdentity).
    NotRequired,
}

impl Authorization {
    /// Every check, the operation's own action (`<prefix>:<op>`) standing for `Resources`.
    pub fn into_checks(self, prefix: &str, op: &str) -> Vec<Check> {
        match self {
            Authorization::NotRequired => Vec::new(),
            Authorization::Resources(resources) => {
                let action = format!("{prefix}:{op}");
                resources.into_iter().map(|r| Check::new(action.as_str(), r)).collect()
            }
            Authorization::Checks(checks) => checks,
        }
    }
}

pub trait Service: Send + Sync + 'static {
    /// The name of its embedded botocore model (`iam`, `sts`, …).
    fn model_name(&self) -> &'static str;

    /// The service's model, parsed on its first use.
    fn model(&self) -> &'static ServiceModel {
        crate::model::load_embedded(self.model_name())
    }

    /// The model's metadata alone: what routing needs at start-up, without parsing the whole
    /// model of a service that may never be called.
    fn metadata(&self) -> &'static crate::model::Metadata {
        crate::model::embedded_metadata(self.model_name())
    }

    /// The prefix of this service's IAM actions (`iam`, `sts`, `cloudwatch`, …).
    fn iam_prefix(&self) -> &'static str;

    /// What an operation must be authorised against. Runs after the input is decoded and
    /// validated, before the operation.
    fn authorization(&self, _op: &str, _input: &Value, _cx: &CallContext) -> Result<Authorization, ApiError> {
        Ok(Authorization::Resources(vec!["*".to_string()]))
    }

    /// Run an operation. The input has been validated against the model.
    fn call<'a>(&'a self, cx: &'a CallContext, op: &'a str, input: Value) -> BoxFuture<'a, Result<Value, ApiError>>;

    /// Run an operation for the gateway, which may answer with members the service keeps
    /// written already ([`Output::Xml`]: big listings served from a cache). By default, `call`.
    fn call_output<'a>(
        &'a self,
        cx: &'a CallContext,
        op: &'a str,
        input: Value,
    ) -> BoxFuture<'a, Result<Output, ApiError>> {
        Box::pin(async move { self.call(cx, op, input).await.map(Output::Value) })
    }

    /// Emulator mode's reset (`POST /_homeground/reset`, only with `--accept-any-credentials`):
    /// stop everything of this service's that runs and delete every record it holds, leaving it
    /// as a new region starts. By default there is nothing to empty (services that share their
    /// state with another one, whose reset empties it).
    fn reset(&self) -> BoxFuture<'_, Result<(), String>> {
        Box::pin(async { Ok(()) })
    }
}

/// What an operation answers: a value the gateway encodes in the request's protocol, or the
/// output structure's members already written in the model's XML protocol.
#[derive(Debug)]
pub enum Output {
    Value(Value),
    Xml(Fragment),
}
