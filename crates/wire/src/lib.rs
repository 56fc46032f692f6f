//! The AWS wire layer: the service models, the four protocols (awsQuery, ec2Query, awsJson,
//! smithy-rpc-v2-cbor) read and written from those models, constraint checks worded as AWS
//! words them, the error envelope, and the [`service::Service`] seam the services plug into.
//! It never sees a database and never decides who may do what.

pub mod error;
pub mod model;
pub mod protocol;
pub mod service;
pub mod timestamp;
pub mod typed;
pub mod validate;

pub use error::ApiError;

/// Where "now" comes from (seconds since the epoch): injected into every service, so that
/// their logic is tested with a clock the test moves.
pub type Clock = std::sync::Arc<dyn Fn() -> f64 + Send + Sync>;
pub use model::{Protocol, ServiceModel};
pub use service::{
    Authorization, Authorizer, BoxFuture, CallContext, Check, Output, Principal, PrincipalKind, Service,
};
