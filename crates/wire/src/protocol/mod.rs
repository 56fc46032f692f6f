//! The four AWS wire protocols homeground speaks on its one port, and the envelopes of their
//! answers. Which protocol a request uses is read from the request itself: a
//! `Smithy-Protocol: rpc-v2-cbor` header, an `X-Amz-Target` header, or else form parameters.

pub mod json;
pub mod query;
pub mod xml;

use crate::error::ApiError;
use crate::model::{Protocol, ServiceModel};
use crate::service::Output;

/// What the request itself says about where it goes, before the service is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `X-Amz-Target: GraniteServiceVersion20100801.PutMetricData`
    Json { prefix: String, operation: String },
    /// `POST /service/GraniteServiceVersion20100801/operation/PutMetricData`
    Cbor { service: String, operation: String },
    /// Form parameters carry `Action` (and `Version`).
    Query,
}

/// Read the protocol markers of a request. `header` looks a header up case-insensitively.
pub fn detect<'a>(path: &str, header: impl Fn(&str) -> Option<&'a str>) -> Result<Target, ApiError> {
    if header("smithy-protocol").is_some_and(|p| p.eq_ignore_ascii_case("rpc-v2-cbor")) {
        let rest = path.strip_prefix("/service/").and_then(|r| r.split_once("/operation/"));
        return match rest {
            Some((service, operation)) if !service.is_empty() && !operation.is_empty() && !operation.contains('/') => {
                Ok(Target::Cbor { service: service.to_string(), operation: operation.to_string() })
            }
            _ => Err(ApiError::new(404, "UnknownOperationException", format!("No operation is served at {path}"))),
        };
    }
    if let Some(target) = header("x-amz-target") {
        return match target.rsplit_once('.') {
            Some((prefix, op)) if !prefix.is_empty() && !op.is_empty() => {
                Ok(Target::Json { prefix: prefix.to_string(), operation: op.to_string() })
            }
            _ => Err(ApiError::new(400, "UnknownOperationException", format!("Malformed X-Amz-Target: {target}"))),
        };
    }
    Ok(Target::Query)
}

/// An encoded answer: status, content type, body and any protocol header.
#[derive(Debug)]
pub struct Encoded {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// `x-amzn-query-error` for awsQueryCompatible services answering in JSON or CBOR.
    pub query_error: Option<String>,
    /// `Smithy-Protocol: rpc-v2-cbor` must accompany CBOR answers.
    pub smithy: bool,
}

pub fn encode_ok(protocol: Protocol, model: &ServiceModel, op_name: &str, output: Output, request_id: &str) -> Encoded {
    let op = &model.operations[op_name];
    let output = match output {
        Output::Value(v) => v,
        Output::Xml(f) if matches!(protocol, Protocol::Query | Protocol::Ec2) => {
            let content_type = if protocol == Protocol::Ec2 { "text/xml;charset=UTF-8" } else { "text/xml" };
            let body = xml::fragment_response(model, op_name, op, f, request_id).into_bytes();
            return Encoded { status: 200, content_type, body, query_error: None, smithy: false };
        }
        Output::Xml(_) => {
            // A service answers in XML only for its XML protocol; anything else is our bug.
            let e = ApiError::new(500, "InternalFailure", format!("{op_name} cannot answer in this protocol"));
            return encode_err(protocol, Some(model), &e, request_id);
        }
    };
    let output = &output;
    let (content_type, body) = match protocol {
        Protocol::Query => ("text/xml", xml::query_response(model, op_name, op, output, request_id).into_bytes()),
        Protocol::Ec2 => {
            ("text/xml;charset=UTF-8", xml::ec2_response(model, op_name, op, output, request_id).into_bytes())
        }
        Protocol::Json => (json_content_type(model), json::encode_json(output)),
        Protocol::Cbor => ("application/cbor", json::encode_cbor(model, op.output.as_deref(), output)),
    };
    Encoded { status: 200, content_type, body, query_error: None, smithy: protocol == Protocol::Cbor }
}

/// Encode an error in the protocol's envelope. `model` is None when the request never reached
/// a known service; the query envelope then carries no namespace.
pub fn encode_err(protocol: Protocol, model: Option<&ServiceModel>, err: &ApiError, request_id: &str) -> Encoded {
    let query_compatible = model.is_some_and(|m| m.metadata.aws_query_compatible.is_some());
    // The header carries the query protocol's code: the error shape's own when it names one
    // (SQS's `QueueDoesNotExist` is `AWS.SimpleQueueService.NonExistentQueue` there).
    let query_error = (query_compatible && matches!(protocol, Protocol::Json | Protocol::Cbor)).then(|| {
        let code = model.map_or(&*err.code, |m| m.query_error_code(&err.code));
        format!("{code};{}", if err.sender_fault { "Sender" } else { "Receiver" })
    });
    let (content_type, body) = match protocol {
        Protocol::Query => {
            ("text/xml", xml::query_error(model.map_or("", |m| m.xml_namespace()), err, request_id).into_bytes())
        }
        Protocol::Ec2 => ("text/xml;charset=UTF-8", xml::ec2_error(err, request_id).into_bytes()),
        Protocol::Json => (model.map_or("application/x-amz-json-1.0", json_content_type), json::json_error(err)),
        Protocol::Cbor => ("application/cbor", json::cbor_error(err)),
    };
    Encoded { status: err.status, content_type, body, query_error, smithy: protocol == Protocol::Cbor }
}

fn json_content_type(model: &ServiceModel) -> &'static str {
    match model.metadata.json_version.as_deref() {
        Some("1.1") => "application/x-amz-json-1.1",
        _ => "application/x-amz-json-1.0",
    }
}

/// The error for an operation a service does not have, in the protocol's own words.
pub fn unknown_operation(protocol: Protocol, op: &str, version: &str) -> ApiError {
    match protocol {
        Protocol::Query => {
            ApiError::new(400, "InvalidAction", format!("Could not find operation {op} for version {version}"))
        }
        Protocol::Ec2 => {
            ApiError::new(400, "InvalidAction", format!("The action {op} is not valid for this web service."))
        }
        Protocol::Json | Protocol::Cbor => ApiError::new(
            400,
            "UnknownOperationException",
            format!("The operation {op} is not supported by this service."),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_protocol() {
        let none = |_: &str| None;
        assert_eq!(detect("/", none).unwrap(), Target::Query);
        let json = |h: &str| (h == "x-amz-target").then_some("GraniteServiceVersion20100801.ListMetrics");
        assert_eq!(
            detect("/", json).unwrap(),
            Target::Json { prefix: "GraniteServiceVersion20100801".into(), operation: "ListMetrics".into() }
        );
        let cbor = |h: &str| (h == "smithy-protocol").then_some("rpc-v2-cbor");
        assert_eq!(
            detect("/service/GraniteServiceVersion20100801/operation/ListMetrics", cbor).unwrap(),
            Target::Cbor { service: "GraniteServiceVersion20100801".into(), operation: "ListMetrics".into() }
        );
        assert!(detect("/nope", cbor).is_err());
    }

    #[test]
    fn query_compatible_errors_carry_the_query_code_in_the_header() {
        // SQS: the shape's name in the body (botocore's exception), its query code in the header.
        let sqs = crate::model::load_embedded("sqs");
        let e = ApiError::new(400, "QueueDoesNotExist", "The specified queue does not exist.");
        let out = encode_err(Protocol::Json, Some(sqs), &e, "r");
        assert_eq!(out.query_error.as_deref(), Some("AWS.SimpleQueueService.NonExistentQueue;Sender"));
        let body: serde_json::Value = serde_json::from_slice(&out.body).unwrap();
        assert_eq!(body["__type"], "QueueDoesNotExist");
        // A code that is no shape of the model is its own query code (CloudWatch's, AccessDenied).
        let e = ApiError::new(403, "AccessDenied", "no");
        assert_eq!(encode_err(Protocol::Json, Some(sqs), &e, "r").query_error.as_deref(), Some("AccessDenied;Sender"));
        let cw = crate::model::load_embedded("cloudwatch");
        let e = ApiError::new(400, "InvalidParameterValue", "bad");
        assert_eq!(
            encode_err(Protocol::Cbor, Some(cw), &e, "r").query_error.as_deref(),
            Some("InvalidParameterValue;Sender")
        );
        let e = ApiError::new(500, "InternalError", "x");
        assert_eq!(
            encode_err(Protocol::Json, Some(sqs), &e, "r").query_error.as_deref(),
            Some("InternalError;Receiver")
        );
    }
}
