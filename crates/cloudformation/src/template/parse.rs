//! Template text → one JSON value: JSON as it is, YAML with its short forms (`!Ref x`,
//! `!GetAtt a.b`, `!Sub …`) turned into the long `Fn::` forms.

use serde_json::{Map, Number, Value};
use serde_yaml::value::TaggedValue;

/// Parse a template body (JSON or YAML). The error is the text after "Template format error: ".
pub fn parse(body: &str) -> Result<Value, String> {
    let trimmed = body.trim_start();
    if trimmed.starts_with('{') {
        if let Ok(v) = serde_json::from_str::<Value>(body) {
            return Ok(v);
        }
    }
    let yaml: serde_yaml::Value = serde_yaml::from_str(body).map_err(|e| format!("YAML not well-formed. ({e})"))?;
    let v = from_yaml(yaml)?;
    if !v.is_object() {
        return Err("JSON not well-formed. (line 1, column 1)".into());
    }
    Ok(v)
}

fn from_yaml(y: serde_yaml::Value) -> Result<Value, String> {
    use serde_yaml::Value as Y;
    Ok(match y {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Number(i.into())
            } else if let Some(u) = n.as_u64() {
                Value::Number(u.into())
            } else {
                Number::from_f64(n.as_f64().unwrap_or(0.0)).map(Value::Number).unwrap_or(Value::Null)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(seq) => Value::Array(seq.into_iter().map(from_yaml).collect::<Result<_, _>>()?),
        Y::Mapping(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                let key = match k {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    other => return Err(format!("YAML not well-formed: unsupported key {other:?}")),
                };
                out.insert(key, from_yaml(v)?);
            }
            Value::Object(out)
        }
        Y::Tagged(t) => short_form(*t)?,
    })
}

/// `!Name value` → `{"Fn::Name": value}` (`!Ref` and `!Condition` keep their names; the
/// scalar `!GetAtt a.b` becomes `["a", "b"]`).
fn short_form(t: TaggedValue) -> Result<Value, String> {
    let tag = t.tag.to_string();
    let name = tag.trim_start_matches('!');
    let inner = from_yaml(t.value)?;
    let key = match name {
        "Ref" => "Ref".to_string(),
        "Condition" => "Condition".to_string(),
        "GetAtt" => {
            let inner = match inner {
                Value::String(s) => match s.split_once('.') {
                    Some((a, b)) => Value::Array(vec![Value::String(a.into()), Value::String(b.into())]),
                    None => Value::String(s),
                },
                other => other,
            };
            return Ok(single("Fn::GetAtt", inner));
        }
        "Base64" | "Cidr" | "FindInMap" | "GetAZs" | "ImportValue" | "Join" | "Select" | "Split" | "Sub" | "If"
        | "Equals" | "And" | "Or" | "Not" | "Length" | "ToJsonString" | "Transform" => format!("Fn::{name}"),
        other => return Err(format!("Unsupported YAML tag !{other}")),
    };
    Ok(single(&key, inner))
}

fn single(key: &str, v: Value) -> Value {
    let mut m = Map::new();
    m.insert(key.to_string(), v);
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn yaml_short_forms_become_long_forms() {
        let t = parse(
            "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub '${AWS::StackName}-x'\n      \
             DisplayName: !GetAtt B.Arn\n      X: !Select [0, !GetAZs '']\n      Y: !If [C, !Ref P, !Ref 'AWS::NoValue']\n",
        )
        .unwrap();
        let p = &t["Resources"]["A"]["Properties"];
        assert_eq!(p["TopicName"], json!({"Fn::Sub": "${AWS::StackName}-x"}));
        assert_eq!(p["DisplayName"], json!({"Fn::GetAtt": ["B", "Arn"]}));
        assert_eq!(p["X"], json!({"Fn::Select": [0, {"Fn::GetAZs": ""}]}));
        assert_eq!(p["Y"], json!({"Fn::If": ["C", {"Ref": "P"}, {"Ref": "AWS::NoValue"}]}));
    }

    #[test]
    fn json_is_read_as_json() {
        let t = parse(r#"{"Resources": {"A": {"Type": "AWS::SNS::Topic"}}}"#).unwrap();
        assert_eq!(t["Resources"]["A"]["Type"], "AWS::SNS::Topic");
    }

    #[test]
    fn bad_yaml_is_a_format_error() {
        assert!(parse("Resources: [unclosed").unwrap_err().starts_with("YAML not well-formed"));
    }
}
