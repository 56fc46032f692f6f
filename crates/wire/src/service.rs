//! The seam every service plugs into: a model, an IAM action prefix, the resources an operation
//! touches (for authorisation) and the operation itself, on protocol-neutral values. A service
//! never sees HTTP, and the gateway never sees a service's state.

use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;

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
#[derive(Debug, Clone)]
pub struct CallContext {
    pub request_id: String,
    pub principal: Principal,
    pub source_ip: IpAddr,
    pub secure_transport: bool,
    pub region: String,
}

/// The outcome of a service's own authorisation pre-check for an operation.
pub enum Authorization {
    /// Check the IAM action against these resources (ARNs, or "*").
    Resources(Vec<String>),
    /// The operation needs no permission (sts:GetCallerIdentity).
    NotRequired,
}

pub trait Service: Send + Sync + 'static {
    /// The botocore model name (`iam`, `sts`, …).
    fn model(&self) -> &'static ServiceModel;

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
}

/// What an operation answers: a value the gateway encodes in the request's protocol, or the
/// output structure's members already written in the model's XML protocol.
#[derive(Debug)]
pub enum Output {
    Value(Value),
    Xml(Fragment),
}
