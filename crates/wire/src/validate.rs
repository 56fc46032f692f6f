//! Constraint checks on a decoded input, worded as AWS words them:
//! `2 validation errors detected: Value null at 'userName' failed to satisfy constraint: Member
//! must not be null; …`. The same checks serve every protocol.

use serde_json::Value;

use crate::error::ApiError;
use crate::model::{ServiceModel, Shape, ShapeType};
use crate::protocol::query::Path;

/// Values longer than this are cut in messages, so an oversize value does not echo back whole.
const ECHO_LIMIT: usize = 256;

pub(crate) fn clip(s: &str) -> String {
    if s.chars().count() <= ECHO_LIMIT {
        s.to_string()
    } else {
        let head: String = s.chars().take(ECHO_LIMIT).collect();
        format!("{head}...")
    }
}

/// Check `value` against the input shape. EC2 reports a missing member as `MissingParameter`
/// and checks nothing else; the other protocols report every failure in one ValidationError.
pub fn validate(model: &ServiceModel, input: Option<&str>, value: &Value, ec2: bool) -> Result<(), ApiError> {
    let Some(input) = input else { return Ok(()) };
    let shape = model.shape(input);
    if ec2 {
        for req in &shape.required {
            if value.get(req).is_none() {
                return Err(ApiError::missing_parameter(format!("The request must contain the parameter {req}")));
            }
        }
        return Ok(());
    }
    let mut errors = Vec::new();
    check(model, shape, Some(value), &Path::Root, &mut errors);
    if errors.is_empty() {
        return Ok(());
    }
    let n = errors.len();
    let noun = if n == 1 { "error" } else { "errors" };
    Err(ApiError::validation(format!("{n} validation {noun} detected: {}", errors.join("; "))))
}

fn fail(errors: &mut Vec<String>, shown: &str, path: &Path<'_>, what: impl AsRef<str>) {
    errors.push(format!("Value {shown} at '{}' failed to satisfy constraint: {}", path.render(), what.as_ref()));
}

fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => format!("'{}'", clip(s)),
        Value::Null => "null".into(),
        other => format!("'{}'", clip(&other.to_string())),
    }
}

fn check(model: &ServiceModel, shape: &Shape, value: Option<&Value>, path: &Path<'_>, errors: &mut Vec<String>) {
    let Some(value) = value else { return };
    match shape.kind {
        ShapeType::Structure => {
            let Some(obj) = value.as_object() else { return };
            for req in &shape.required {
                if obj.get(req).is_none_or(Value::is_null) {
                    fail(errors, "null", &Path::Member(path, req), "Member must not be null");
                }
            }
            for (name, mref) in &shape.members {
                if let Some(v) = obj.get(name) {
                    check(model, model.shape(&mref.shape), Some(v), &Path::Member(path, name), errors);
                }
            }
        }
        ShapeType::List => {
            let Some(items) = value.as_array() else { return };
            bounds(shape, items.len() as f64, value, path, errors, "length");
            let member = model.shape(&shape.member.as_ref().expect("list member").shape);
            for (i, item) in items.iter().enumerate() {
                check(model, member, Some(item), &Path::Index(path, "member", i as u64 + 1), errors);
            }
        }
        ShapeType::Map => {
            let Some(obj) = value.as_object() else { return };
            bounds(shape, obj.len() as f64, value, path, errors, "length");
            let vshape = model.shape(&shape.value.as_ref().expect("map value").shape);
            let kshape = model.shape(&shape.key.as_ref().expect("map key").shape);
            for (k, v) in obj {
                check(model, kshape, Some(&Value::String(k.clone())), path, errors);
                check(model, vshape, Some(v), &Path::Raw(path, k), errors);
            }
        }
        ShapeType::String => {
            let Some(s) = value.as_str() else { return };
            bounds(shape, s.chars().count() as f64, value, path, errors, "length");
            if !shape.enum_values.is_empty() && !shape.enum_values.iter().any(|e| e == s) {
                fail(
                    errors,
                    &shown(value),
                    path,
                    format!("Member must satisfy enum value set: [{}]", shape.enum_values.join(", ")),
                );
            }
            if let Some(re) = shape.pattern_regex() {
                if !re.is_match(s) {
                    let p = shape.pattern.as_deref().unwrap_or_default();
                    fail(errors, &shown(value), path, format!("Member must satisfy regular expression pattern: {p}"));
                }
            }
        }
        ShapeType::Integer | ShapeType::Long | ShapeType::Float | ShapeType::Double => {
            if let Some(n) = value.as_f64() {
                bounds(shape, n, value, path, errors, "value");
            }
        }
        ShapeType::Blob => {
            if let Some(s) = value.as_str() {
                bounds(shape, (s.len() * 3 / 4) as f64, value, path, errors, "length");
            }
        }
        ShapeType::Boolean | ShapeType::Timestamp => {}
    }
}

fn bounds(shape: &Shape, n: f64, value: &Value, path: &Path<'_>, errors: &mut Vec<String>, what: &str) {
    if let Some(min) = shape.min {
        if n < min {
            fail(errors, &shown(value), path, format!("Member must have {what} greater than or equal to {min}"));
        }
    }
    if let Some(max) = shape.max {
        if n > max {
            fail(errors, &shown(value), path, format!("Member must have {what} less than or equal to {max}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;
    use serde_json::json;

    #[test]
    fn reports_every_failure_in_aws_words() {
        let m = load_embedded("iam");
        let e = validate(m, Some("CreateUserRequest"), &json!({}), false).unwrap_err();
        assert_eq!(e.code, "ValidationError");
        assert_eq!(
            e.message,
            "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null"
        );
        let long = "x".repeat(65);
        let e = validate(m, Some("CreateUserRequest"), &json!({"UserName": long, "Path": "nope"}), false).unwrap_err();
        assert!(e.message.starts_with("2 validation errors detected"), "{}", e.message);
        assert!(e.message.contains("Member must have length less than or equal to 64"), "{}", e.message);
    }

    #[test]
    fn ec2_names_the_missing_parameter() {
        let m = load_embedded("ec2");
        let e = validate(m, Some("RunInstancesRequest"), &json!({}), true).unwrap_err();
        assert_eq!(e.code, "MissingParameter");
    }
}
