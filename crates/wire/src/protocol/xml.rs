//! XML answers for awsQuery and ec2Query, written from the operation's output shape the way
//! botocore's `QueryParser` and `EC2QueryParser` read them, and the two XML error envelopes.

use std::fmt::Write;

use serde_json::Value;

use crate::error::ApiError;
use crate::model::{Operation, Protocol, ServiceModel, Shape, ShapeRef, ShapeType};
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
    envelope(model, op_name, op, request_id, false, 512, |out, shape| members(out, model, shape, output, false))
}

/// `<OpResponse xmlns=…><requestId>…</requestId>…` for ec2Query.
pub fn ec2_response(model: &ServiceModel, op_name: &str, op: &Operation, output: &Value, request_id: &str) -> String {
    envelope(model, op_name, op, request_id, true, 512, |out, shape| members(out, model, shape, output, true))
}

/// The envelope of ec2Query (`ec2`) or awsQuery around members written by `body` for the
/// output shape.
fn envelope(
    model: &ServiceModel,
    op_name: &str,
    op: &Operation,
    request_id: &str,
    ec2: bool,
    capacity: usize,
    body: impl FnOnce(&mut String, &Shape),
) -> String {
    let mut out = String::with_capacity(capacity);
    let namespace = model.xml_namespace();
    if ec2 {
        let namespace = namespace.trim_end_matches('/');
        let _ = write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{op_name}Response xmlns=\"{namespace}/\"><requestId>{request_id}</requestId>"
        );
        if let Some(shape_name) = &op.output {
            body(&mut out, model.shape(shape_name));
        }
        let _ = write!(out, "</{op_name}Response>");
        return out;
    }
    let _ = write!(out, "<{op_name}Response xmlns=\"{namespace}\">");
    if let Some(shape_name) = &op.output {
        let wrapper = op.result_wrapper.clone().unwrap_or_else(|| format!("{op_name}Result"));
        let _ = write!(out, "<{wrapper}>");
        body(&mut out, model.shape(shape_name));
        let _ = write!(out, "</{wrapper}>");
    }
    let _ = write!(out, "<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata></{op_name}Response>");
    out
}

/// The answer of an operation whose output members are already written as a [`Fragment`], in
/// the envelope of the model's XML protocol (ec2Query or awsQuery).
///
/// A fragment made with [`Fragment::answer`] is not copied: the envelope's opening is written
/// into the room kept at its front (the rest of that room stays as whitespace between elements,
/// which XML readers skip), and its closing is appended.
pub fn fragment_response(
    model: &ServiceModel,
    op_name: &str,
    op: &Operation,
    output: Fragment,
    request_id: &str,
) -> String {
    let marker = "\u{0}";
    let whole = envelope(model, op_name, op, request_id, output.ec2, 512, |out, _| out.push_str(marker));
    let (open, close) = whole.split_once(marker).unwrap_or((&whole, ""));
    if output.headroom >= open.len() {
        let mut text = output.text;
        text.replace_range(..open.len(), open);
        text.push_str(close);
        return text;
    }
    let mut out = String::with_capacity(open.len() + output.text.len() + close.len());
    out.push_str(open);
    out.push_str(&output.text[output.headroom..]);
    out.push_str(close);
    out
}

/// Room kept at the front of an answer's fragment for the envelope's opening (the XML
/// declaration, the response element with its namespace, the request id and the result
/// wrapper).
const ENVELOPE_ROOM: usize = 512;

/// A structure's members already written as XML the way its service's protocol writes them
/// (ec2Query or awsQuery, from the model), without the structure's own tag. A service that
/// answers one big listing often keeps a fragment per item and splices the kept ones into
/// each answer ([`Fragment::push_list`]) instead of encoding every item again. Only this module
/// writes a fragment's text, so it is always escaped, well-formed XML.
#[derive(Debug, Clone)]
pub struct Fragment {
    text: String,
    ec2: bool,
    /// Bytes of whitespace at the front of `text` kept for the envelope ([`Fragment::answer`]).
    headroom: usize,
}

impl Fragment {
    /// No members yet, room for `capacity` bytes of them.
    pub fn new(model: &ServiceModel, capacity: usize) -> Fragment {
        Fragment { text: String::with_capacity(capacity), ec2: model.default_protocol() == Protocol::Ec2, headroom: 0 }
    }

    /// A whole answer's members (room for `capacity` bytes of them), with room kept at the
    /// front for the protocol envelope so that answering does not copy it again.
    pub fn answer(model: &ServiceModel, capacity: usize) -> Fragment {
        let mut text = String::with_capacity(ENVELOPE_ROOM + capacity + 256);
        text.push_str(&" ".repeat(ENVELOPE_ROOM));
        Fragment { text, ec2: model.default_protocol() == Protocol::Ec2, headroom: ENVELOPE_ROOM }
    }

    /// The members of `value` as structure `shape` writes them (members the shape does not
    /// know are left out, as in any answer).
    pub fn of(model: &ServiceModel, shape: &str, value: &Value) -> Fragment {
        let mut f = Fragment::new(model, 0);
        f.push_members(model, shape, value);
        f
    }

    /// Bytes of XML written.
    pub fn len(&self) -> usize {
        self.text.len() - self.headroom
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Append the members of `value` as structure `shape` writes them.
    pub fn push_members(&mut self, model: &ServiceModel, shape: &str, value: &Value) {
        members(&mut self.text, model, model.shape(shape), value, self.ec2);
    }

    /// Append list member `member` of structure `shape`, whose items are structures written
    /// already. A member the shape does not have as a list is not written.
    pub fn push_list<'a>(
        &mut self,
        model: &ServiceModel,
        shape: &str,
        member: &str,
        items: impl IntoIterator<Item = &'a Fragment>,
    ) {
        self.push_list_with(model, shape, member, items, |f, item| f.text.push_str(&item.text[item.headroom..]));
    }

    /// Append list member `member` of structure `shape`, each item's members written in place
    /// by `write` (which may push lists of kept fragments in turn), without an intermediate
    /// fragment per item. A member the shape does not have as a list is not written.
    pub fn push_list_with<I: IntoIterator>(
        &mut self,
        model: &ServiceModel,
        shape: &str,
        member: &str,
        items: I,
        mut write: impl FnMut(&mut Fragment, I::Item),
    ) {
        let Some(r) = model.shape(shape).members.get(member) else { return };
        let list = model.shape(&r.shape);
        let Some(item) = list.member.as_ref().filter(|_| list.kind == ShapeType::List) else { return };
        let tag = r.location_name.as_deref().unwrap_or(member);
        let flat = (list.flattened || r.flattened) && !self.ec2;
        let item_tag = match (flat, item.location_name.as_deref()) {
            (_, Some(t)) => t,
            (true, None) => tag,
            (false, None) if self.ec2 => "item",
            (false, None) => "member",
        };
        if !flat {
            open_tag(&mut self.text, tag);
        }
        for i in items {
            open_tag(&mut self.text, item_tag);
            write(self, i);
            close_tag(&mut self.text, item_tag);
        }
        if !flat {
            close_tag(&mut self.text, tag);
        }
    }
}

fn open_tag(out: &mut String, tag: &str) {
    out.push('<');
    out.push_str(tag);
    out.push('>');
}

fn close_tag(out: &mut String, tag: &str) {
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
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
    fn fragments_spliced_into_a_list_give_the_encoded_answer() {
        let m = load_embedded("iam");
        let op = &m.operations["ListUsers"];
        let user = json!({"UserName": "a&b", "Path": "/", "UserId": "AIDA", "Arn": "arn", "CreateDate": 0.0});
        let whole = json!({"Users": [user.clone(), user.clone()], "IsTruncated": false});
        let item = Fragment::of(m, "User", &user);
        let mut out = Fragment::of(m, "ListUsersResponse", &json!({}));
        out.push_list(m, "ListUsersResponse", "Users", [&item, &item]);
        out.push_members(m, "ListUsersResponse", &json!({"IsTruncated": false}));
        assert_eq!(
            fragment_response(m, "ListUsers", op, out.clone(), "r"),
            query_response(m, "ListUsers", op, &whole, "r")
        );
        out.push_list(m, "ListUsersResponse", "IsTruncated", [&item]);
        out.push_list(m, "ListUsersResponse", "Nope", [&item]);
        assert_eq!(fragment_response(m, "ListUsers", op, out, "r"), query_response(m, "ListUsers", op, &whole, "r"));
    }

    #[test]
    fn an_answer_fragment_gets_its_envelope_in_place() {
        let m = load_embedded("iam");
        let op = &m.operations["ListUsers"];
        let user = json!({"UserName": "a", "Path": "/", "UserId": "AIDA", "Arn": "arn", "CreateDate": 0.0});
        let whole = json!({"Users": [user.clone()], "IsTruncated": false});
        let mut out = Fragment::answer(m, 64);
        assert!(out.is_empty());
        out.push_list(m, "ListUsersResponse", "Users", [&Fragment::of(m, "User", &user)]);
        out.push_members(m, "ListUsersResponse", &json!({"IsTruncated": false}));
        let before = out.text.as_ptr();
        let got = fragment_response(m, "ListUsers", op, out, "r");
        assert_eq!(got.as_ptr(), before, "the answer is not copied");
        // The same document, with whitespace between the opening and the members.
        let expected = query_response(m, "ListUsers", op, &whole, "r");
        let squeezed: String = {
            let (head, tail) = got.split_once("<ListUsersResult>").unwrap();
            format!("{head}<ListUsersResult>{}", tail.trim_start())
        };
        assert_eq!(squeezed, expected);
    }

    #[test]
    fn error_envelopes() {
        let e = ApiError::new(404, "NoSuchEntity", "The user with name x cannot be found.");
        let xml = query_error("ns", &e, "r");
        assert!(xml.contains("<Type>Sender</Type><Code>NoSuchEntity</Code>"));
        assert!(ec2_error(&e, "r").contains("<RequestID>r</RequestID>"));
    }
}
