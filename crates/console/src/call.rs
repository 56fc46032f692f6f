//! A console action as an ordinary API call: the page names a service, an action and its
//! query parameters; this signs the request with the session's temporary credentials (SigV4,
//! as an SDK would) and hands it to the gateway's pipeline, so authentication, IAM
//! authorisation, validation and the audit log are exactly the API's. The answer is the
//! service's own XML, errors included.

use std::net::IpAddr;

use gateway::{ConsoleAnswer, Gateway, Request};
use serde_json::Value;
use time::OffsetDateTime;

use crate::session::Credentials;

/// The services the console speaks to: (name the page uses, signing name, API version).
/// All of them speak a query protocol (form parameters in, XML out).
const SERVICES: &[(&str, &str, &str)] = &[
    ("ec2", "ec2", "2016-11-15"),
    ("autoscaling", "autoscaling", "2011-01-01"),
    ("elbv2", "elasticloadbalancing", "2015-12-01"),
    ("cloudwatch", "monitoring", "2010-08-01"),
    ("sns", "sns", "2010-03-31"),
    ("iam", "iam", "2010-05-08"),
    ("cloudformation", "cloudformation", "2010-05-15"),
    ("rds", "rds", "2014-10-31"),
];

/// The host the signed request names (it never leaves the process).
const HOST: &str = "console.homeground.internal";

/// Why a call could not even be made (the page's mistake, not the service's answer).
#[derive(Debug, PartialEq, Eq)]
pub enum CallError {
    UnknownService(String),
    BadRequest(&'static str),
}

/// A checked call: the signing name and the form body to send.
#[derive(Debug, PartialEq, Eq)]
pub struct Prepared {
    pub signing_name: &'static str,
    pub body: String,
}

/// Read the page's `{"service": "ec2", "action": "DescribeInstances", "params": {"K": "v"}}`
/// into the form body of the query call.
pub fn prepare(request: &Value) -> Result<Prepared, CallError> {
    let service = request.get("service").and_then(Value::as_str).ok_or(CallError::BadRequest("service is required"))?;
    let &(_, signing_name, version) = SERVICES
        .iter()
        .find(|(name, _, _)| *name == service)
        .ok_or_else(|| CallError::UnknownService(service.to_string()))?;
    let action = request.get("action").and_then(Value::as_str).ok_or(CallError::BadRequest("action is required"))?;
    if action.is_empty() || !action.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(CallError::BadRequest("action must be an operation name"));
    }
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.append_pair("Action", action).append_pair("Version", version);
    if let Some(params) = request.get("params") {
        let params = params.as_object().ok_or(CallError::BadRequest("params must be an object"))?;
        for (k, v) in params {
            if k == "Action" || k == "Version" {
                return Err(CallError::BadRequest("params may not set Action or Version"));
            }
            let v = v.as_str().ok_or(CallError::BadRequest("every parameter value must be a string"))?;
            form.append_pair(k, v);
        }
    }
    Ok(Prepared { signing_name, body: form.finish() })
}

/// Sign `prepared` with the session's credentials and run it through the pipeline.
pub async fn run(gw: &Gateway, creds: &Credentials, prepared: &Prepared, source_ip: IpAddr) -> ConsoleAnswer {
    let now =
        OffsetDateTime::from_unix_timestamp(gw.identity.now() as i64).unwrap_or_else(|_| OffsetDateTime::now_utc());
    let amz_date = sigv4::format_amz_date(now);
    let content_type = "application/x-www-form-urlencoded; charset=utf-8";
    let body = prepared.body.as_bytes();
    let mut headers: Vec<(&str, &str)> = vec![
        ("host", HOST),
        ("content-type", content_type),
        ("x-amz-date", &amz_date),
        ("x-amz-security-token", &creds.session_token),
    ];
    let http = sigv4::HttpRequest { method: "POST", path: "/", query: "", headers: &headers, body };
    let names = ["host", "content-type", "x-amz-date", "x-amz-security-token"];
    let auth = match sigv4::sign_for_tests(
        &http,
        &creds.access_key_id,
        &creds.secret_access_key,
        &gw.region,
        prepared.signing_name,
        &names,
    ) {
        Ok(a) => a,
        Err(e) => return crate::json_answer(500, &serde_json::json!({"error": format!("signing failed: {e}")})),
    };
    headers.push(("authorization", &auth));
    let req = Request {
        method: "POST",
        path: "/",
        query: "",
        headers: &headers,
        body,
        payload: body,
        source_ip,
        secure: false,
    };
    let (encoded, request_id) = gw.handle(&req).await;
    ConsoleAnswer {
        status: encoded.status,
        headers: vec![("content-type", encoded.content_type.to_string()), ("x-amzn-requestid", request_id)],
        body: encoded.body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_call_becomes_the_query_form_of_its_service() {
        let p =
            prepare(&json!({"service": "ec2", "action": "TerminateInstances", "params": {"InstanceId.1": "i-1 &x"}}))
                .unwrap();
        assert_eq!(p.signing_name, "ec2");
        assert_eq!(p.body, "Action=TerminateInstances&Version=2016-11-15&InstanceId.1=i-1+%26x");
        let p = prepare(&json!({"service": "cloudwatch", "action": "DescribeAlarms"})).unwrap();
        assert_eq!(p.signing_name, "monitoring");
        let p = prepare(&json!({"service": "rds", "action": "DescribeDBInstances"})).unwrap();
        assert_eq!(p.body, "Action=DescribeDBInstances&Version=2014-10-31");
    }

    #[test]
    fn only_the_console_services_and_plain_operation_names() {
        assert_eq!(
            prepare(&json!({"service": "s3", "action": "ListBuckets"})),
            Err(CallError::UnknownService("s3".into()))
        );
        assert!(prepare(&json!({"service": "ec2", "action": "Describe&Action=X"})).is_err());
        assert!(prepare(&json!({"service": "ec2", "action": "X", "params": {"Version": "1"}})).is_err());
        assert!(prepare(&json!({"service": "ec2", "action": "X", "params": {"A": 1}})).is_err());
        assert!(prepare(&json!({"action": "X"})).is_err());
    }
}
