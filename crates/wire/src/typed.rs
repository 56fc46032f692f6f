//! The typed side of the seam: what the generated operation types of `crates/api` stand on.
//!
//! The protocols decode a request into a `serde_json::Value` and validate it against the model
//! (once, with AWS's texts); [`input`] turns that value into the operation's generated input
//! struct, and [`output`] turns the generated output struct back into the value the protocols
//! encode. A member the model does not have cannot be written: the structs have no field for it.
//!
//! Calls between services go through a [`Transport`] with the same typed inputs and outputs;
//! [`Local`] is the in-process one: the input validated against the callee's model exactly as
//! the gateway validates it, then the callee's operation.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::ApiError;
use crate::model::Protocol;
use crate::service::{BoxFuture, CallContext, Service};

/// Inside homeground a timestamp is seconds since the epoch (see [`crate::timestamp`]).
pub type Timestamp = f64;

/// The output of an operation whose model has none (an empty structure on the wire).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Empty {}

/// The operation's typed input from the decoded, validated value.
pub fn input<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    let value = if value.is_null() { Value::Object(Default::default()) } else { value };
    serde_json::from_value(value).map_err(|e| ApiError::validation(format!("1 validation error detected: {e}")))
}

/// The value the protocols encode for a typed output (`()` is the empty output). The generated
/// types always serialise (string keys only; a non-finite number becomes null).
pub fn output<T: Serialize>(out: &T) -> Value {
    serde_json::to_value(out).ok().filter(|v| !v.is_null()).unwrap_or_else(|| Value::Object(Default::default()))
}

/// Make scalars written as text where the model wants numbers, booleans or timestamps (as
/// CloudFormation templates write them: `HealthyThreshold: "3"`) the model's type, throughout
/// `value` read as the model's `shape`; anything else is left for deserialisation to judge.
pub fn coerce(model: &crate::model::ServiceModel, shape: &str, value: &mut Value) {
    use crate::model::ShapeType;
    let s = model.shape(shape);
    match (s.kind, value) {
        (ShapeType::Structure, Value::Object(o)) => {
            for (name, member) in &s.members {
                if let Some(v) = o.get_mut(name) {
                    coerce(model, &member.shape, v);
                }
            }
        }
        (ShapeType::List, Value::Array(items)) => {
            if let Some(member) = &s.member {
                items.iter_mut().for_each(|v| coerce(model, &member.shape, v));
            }
        }
        (ShapeType::Map, Value::Object(o)) => {
            if let Some(member) = &s.value {
                o.values_mut().for_each(|v| coerce(model, &member.shape, v));
            }
        }
        // The text as the query protocols read it (`scalar`), where that succeeds.
        (
            kind @ (ShapeType::Integer
            | ShapeType::Long
            | ShapeType::Float
            | ShapeType::Double
            | ShapeType::Boolean
            | ShapeType::Timestamp),
            v @ Value::String(_),
        ) => {
            if let Some(read) = v.as_str().and_then(|t| crate::protocol::query::scalar(kind, t, "").ok()) {
                *v = read;
            }
        }
        _ => {}
    }
}

/// Where a typed client's calls go.
pub trait Transport: Send + Sync {
    fn call<'a>(&'a self, op: &'a str, input: Value) -> BoxFuture<'a, Result<Value, ApiError>>;
}

/// One typed call through a transport.
pub async fn call<I: Serialize, O: DeserializeOwned>(
    transport: &dyn Transport,
    op: &str,
    input: I,
) -> Result<O, ApiError> {
    let value = serde_json::to_value(&input).map_err(|e| ApiError::internal(format!("{op}: {e}")))?;
    let value = if value.is_null() { Value::Object(Default::default()) } else { value };
    let out = transport.call(op, value).await?;
    let out = if out.is_null() { Value::Object(Default::default()) } else { out };
    serde_json::from_value(out)
        .map_err(|e| ApiError::internal(format!("{op} answered an output its model does not allow: {e}")))
}

/// Check an input against the service's model as the gateway does.
pub fn validate(service: &dyn Service, op: &str, input: &Value) -> Result<(), ApiError> {
    let model = service.model();
    let operation = model.operations.get(op).ok_or_else(|| {
        ApiError::new(400, "InvalidAction", format!("The action {op} is not valid for this web service."))
    })?;
    let ec2 = model.default_protocol() == Protocol::Ec2;
    crate::validate::validate(model, operation.input.as_deref(), input, ec2)
}

/// A service in this process, called as `cx`'s principal: the input validated against its model,
/// then the operation (authorisation is the caller's business: see the transports the binary
/// wires, which add it where the caller is a user).
pub struct Local {
    pub service: Arc<dyn Service>,
    pub cx: CallContext,
}

impl Transport for Local {
    fn call<'a>(&'a self, op: &'a str, input: Value) -> BoxFuture<'a, Result<Value, ApiError>> {
        Box::pin(async move {
            validate(&*self.service, op, &input)?;
            self.service.call(&self.cx, op, input).await
        })
    }
}

/// A generated string enum: its variants and their wire values, `Unknown(String)` for values
/// the model does not name, `as_str`, `From<&str>`, serde as a string and `Display`. The first
/// variant is the default.
#[macro_export]
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $first:ident = $first_value:literal $(, $variant:ident = $value:literal)* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
        pub enum $name {
            #[default]
            $first,
            $($variant,)*
            /// A value the model does not name.
            Unknown(String),
        }
        impl $name {
            pub fn as_str(&self) -> &str {
                match self {
                    $name::$first => $first_value,
                    $($name::$variant => $value,)*
                    $name::Unknown(s) => s,
                }
            }
        }
        impl From<&str> for $name {
            fn from(s: &str) -> $name {
                match s {
                    $first_value => $name::$first,
                    $($value => $name::$variant,)*
                    other => $name::Unknown(other.to_string()),
                }
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                Ok($name::from(&*s))
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// A generated typed client: one async method per operation, each a [`call`] through the
/// client's [`Transport`].
#[macro_export]
macro_rules! typed_client {
    ($($method:ident($input:ty) -> $output:ty = $op:literal;)*) => {
        /// Calls into the service through a transport (in this process: the gateway's validation,
        /// then the service), with typed inputs and outputs.
        #[derive(Clone)]
        pub struct Client {
            transport: ::std::sync::Arc<dyn $crate::typed::Transport>,
        }
        impl Client {
            pub fn new(transport: ::std::sync::Arc<dyn $crate::typed::Transport>) -> Client {
                Client { transport }
            }
            $(
                pub async fn $method(&self, input: $input) -> Result<$output, $crate::ApiError> {
                    $crate::typed::call(&*self.transport, $op, input).await
                }
            )*
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct In {
        #[serde(rename = "TopicArn")]
        topic_arn: String,
        #[serde(rename = "Subject", default, skip_serializing_if = "Option::is_none")]
        subject: Option<String>,
    }

    #[test]
    fn text_scalars_become_the_models_types() {
        let model = crate::model::load_embedded("elb");
        let mut v = serde_json::json!({
            "LoadBalancerName": "kg", "HealthCheck": {"Target": "HTTP:80/", "Interval": "30", "Timeout": 5,
            "HealthyThreshold": "3", "UnhealthyThreshold": "x"}
        });
        coerce(model, "ConfigureHealthCheckInput", &mut v);
        assert_eq!(v["HealthCheck"]["Interval"], 30);
        assert_eq!(v["HealthCheck"]["HealthyThreshold"], 3);
        assert_eq!(v["HealthCheck"]["Target"], "HTTP:80/");
        // Not a number: left as written, for the deserialiser to refuse.
        assert_eq!(v["HealthCheck"]["UnhealthyThreshold"], "x");
    }

    #[test]
    fn inputs_and_outputs_keep_the_models_names() {
        let i: In = input(serde_json::json!({"TopicArn": "arn", "Junk": 1})).unwrap();
        assert_eq!(i, In { topic_arn: "arn".into(), subject: None });
        assert_eq!(output(&i), serde_json::json!({"TopicArn": "arn"}));
        assert_eq!(output(&()), serde_json::json!({}));
        assert_eq!(output(&Empty {}), serde_json::json!({}));
        assert_eq!(serde_json::from_value::<Empty>(serde_json::json!({})).unwrap(), Empty {});
        let e = input::<In>(serde_json::json!({"Subject": "s"})).unwrap_err();
        assert_eq!(e.code, "ValidationError");
        assert!(e.message.contains("TopicArn"), "{}", e.message);
    }
}
