//! The AWS wire layer: the service models, the four protocols (awsQuery, ec2Query, awsJson,
//! smithy-rpc-v2-cbor) read and written from those models, constraint checks worded as AWS
//! words them, the error envelope, and the [`service::Service`] seam the services plug into.
//! It never sees a database and never decides who may do what.

pub mod error;
pub mod model;
pub mod protocol;
pub mod service;
pub mod timestamp;
pub mod validate;

pub use error::ApiError;
pub use model::{Protocol, ServiceModel};
pub use service::{
    Authorization, Authorizer, BoxFuture, CallContext, Check, Output, Principal, PrincipalKind, Service,
};
