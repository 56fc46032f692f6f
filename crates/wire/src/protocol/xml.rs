//! XML answers for awsQuery and ec2Query, written from the operation's output shape the way
//! botocore's `QueryParser` and `EC2QueryParser` read them, and the two XML error envelopes.

use std::fmt::Write;

use serde_json::Value;

use crate::error::ApiError;
use crate::model::{Operation, ServiceModel, Shape, ShapeRef, ShapeType};
use crate::timestamp;

pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

/// `<OpResponse xmlns=…><OpResult>…</OpResult><ResponseMetadata>…` for awsQuery.
pub fn query_response(model: &ServiceModel, op_name: &str, op: &Operation, output: &Value, request_id: &str) -> String {
    let mut out = String::with_capacity(512);
    let _ = write!(out, "<{op_name}Response xmlns=\"{}\">", model.xml_namespace());
    if let Some(shape_name) = &op.output {
        let wrapper = op.result_wrapper.clone().unwrap_or_else(|| format!("{op_name}Result"));
        let _ = write!(out, "<{wrapper}>");
        members(&mut out, model, model.shape(shape_name), output, false);
        let _ = write!(out, "</{wrapper}>");
    }
    let _ = write!(out, "<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata></{op_name}Response>");
    out
}

/// `<OpResponse xmlns=…><requestId>…</requestId>…` for ec2Query.
pub fn ec2_response(model: &ServiceModel, op_name: &str, op: &Operation, output: &Value, request_id: &str) -> String {
    let mut out = String::with_capacity(512);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{op_name}Response xmlns=\"{}/\"><requestId>{request_id}</requestId>",
        model.xml_namespace().trim_end_matches('/')
    );
    if let Some(shape_name) = &op.output {
        members(&mut out, model, model.shape(shape_name), output, true);
    }
    let _ = write!(out, "</{op_name}Response>");
    out
}

/// awsQuery's `<ErrorResponse>`.
pub fn query_error(namespace: &str, err: &ApiError, request_id: &str) -> String {
    let mut out = String::with_capacity(256);
    let kind = if err.sender_fault { "Sender" } else { "Receiver" };
    let _ = write!(out, "<ErrorResponse xmlns=\"{namespace}\"><Error><Type>{kind}</Type><Code>");
    escape_into(&mut out, &err.code);
    out.push_str("</Code><Message>");
    escape_into(&mut out, &err.message);
    let _ = write!(out, "</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>");
    out
}

/// ec2Query's `<Response><Errors>`.
pub fn ec2_error(err: &ApiError, request_id: &str) -> String {
    let mut out = String::with_capacity(256);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>");
    escape_into(&mut out, &err.code);
    out.push_str("</Code><Message>");
    escape_into(&mut out, &err.message);
    let _ = write!(out, "</Message></Error></Errors><RequestID>{request_id}</RequestID></Response>");
    out
}

fn members(out: &mut String, model: &ServiceModel, shape: &Shape, value: &Value, ec2: bool) {
    let Some(obj) = value.as_object() else { return };
    // Walk the value's members (usually far fewer than the shape's) and look each up in the
    // shape; members the shape does not know are not part of the answer.
    for (name, v) in obj {
        if v.is_null() {
            continue;
        }
        if let Some(mref) = shape.members.get(name) {
            let tag = mref.location_name.as_deref().unwrap_or(name);
            element(out, model, mref, tag, v, ec2);
        }
    }
}

fn element(out: &mut String, model: &ServiceModel, r: &ShapeRef, tag: &str, value: &Value, ec2: bool) {
    let shape = model.shape(&r.shape);
    match shape.kind {
        ShapeType::Structure => {
            let _ = write!(out, "<{tag}>");
            members(out, model, shape, value, ec2);
            let _ = write!(out, "</{tag}>");
        }
        ShapeType::List => {
            let member = shape.member.as_ref().expect("list member");
            let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
            if (shape.flattened || r.flattened) && !ec2 {
                let item_tag = member.location_name.as_deref().unwrap_or(tag);
                for item in items {
                    element(out, model, member, item_tag, item, ec2);
                }
            } else {
                let item_tag = member.location_name.as_deref().unwrap_or(if ec2 { "item" } else { "member" });
                let _ = write!(out, "<{tag}>");
                for item in items {
                    element(out, model, member, item_tag, item, ec2);
                }
                let _ = write!(out, "</{tag}>");
            }
        }
        ShapeType::Map => {
            let (k, v) = (shape.key.as_ref().expect("map key"), shape.value.as_ref().expect("map value"));
            let ktag = k.location_name.as_deref().unwrap_or("key");
            let vtag = v.location_name.as_deref().unwrap_or("value");
            let flat = shape.flattened || r.flattened;
            if !flat {
                let _ = write!(out, "<{tag}>");
            }
            if let Some(obj) = value.as_object() {
                for (key, val) in obj {
                    let _ = write!(out, "<{}>", if flat { tag } else { "entry" });
                    element(out, model, k, ktag, &Value::String(key.clone()), ec2);
                    element(out, model, v, vtag, val, ec2);
                    let _ = write!(out, "</{}>", if flat { tag } else { "entry" });
                }
            }
            if !flat {
                let _ = write!(out, "</{tag}>");
            }
        }
        _ => {
            let _ = write!(out, "<{tag}>");
            scalar_text(out, shape.kind, value);
            let _ = write!(out, "</{tag}>");
        }
    }
}

fn scalar_text(out: &mut String, kind: ShapeType, value: &Value) {
    match (kind, value) {
        (ShapeType::Timestamp, Value::Number(n)) => out.push_str(&timestamp::format_iso8601(n.as_f64().unwrap_or(0.0))),
        (_, Value::String(s)) => escape_into(out, s),
        (_, Value::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
        (_, Value::Number(n)) => {
            let _ = write!(out, "{n}");
        }
        (_, other) => escape_into(out, &other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;
    use serde_json::json;

    #[test]
    fn writes_query_answers_as_botocore_reads_them() {
        let m = load_embedded("sts");
        let op = &m.operations["GetCallerIdentity"];
        let xml =
            query_response(m, "GetCallerIdentity", op, &json!({"Account": "123", "Arn": "a<b", "UserId": "u"}), "rid");
        assert_eq!(
            xml,
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>\
             <Account>123</Account><Arn>a&lt;b</Arn><UserId>u</UserId></GetCallerIdentityResult>\
             <ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></GetCallerIdentityResponse>"
        );
    }

    #[test]
    fn wraps_lists_in_members_and_dates_in_iso8601() {
        let m = load_embedded("iam");
        let op = &m.operations["ListUsers"];
        let out = json!({"Users": [{"UserName": "a", "Path": "/", "UserId": "AIDA", "Arn": "arn", "CreateDate": 0.0}], "IsTruncated": false});
        let xml = query_response(m, "ListUsers", op, &out, "r");
        assert!(xml.contains("<Users><member><UserName>a</UserName><Path>/</Path>"), "{xml}");
        assert!(xml.contains("<CreateDate>1970-01-01T00:00:00Z</CreateDate></member></Users>"), "{xml}");
        assert!(xml.contains("<IsTruncated>false</IsTruncated>"));
    }

    #[test]
    fn error_envelopes() {
        let e = ApiError::new(404, "NoSuchEntity", "The user with name x cannot be found.");
        let xml = query_error("ns", &e, "r");
        assert!(xml.contains("<Type>Sender</Type><Code>NoSuchEntity</Code>"));
        assert!(ec2_error(&e, "r").contains("<RequestID>r</RequestID>"));
    }
}
