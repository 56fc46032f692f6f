//! Dynamic references in resolved properties — `{{resolve:ssm:name[:version]}}`,
//! `{{resolve:ssm-secure:name[:version]}}`, `{{resolve:secretsmanager:secret-id[:SecretString[:json-key[:version-stage[:version-id]]]]}}`
//! — read through SSM and Secrets Manager as the stack's caller, just before the resource is
//! made (the stack's records keep the reference, never the value).

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use super::Cx;
use crate::Peer;

const OPEN: &str = "{{resolve:";

fn references(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            let mut rest = s.as_str();
            while let Some(start) = rest.find(OPEN) {
                let Some(len) = rest[start..].find("}}") else { break };
                let r = rest[start + OPEN.len()..start + len].to_string();
                if !out.contains(&r) {
                    out.push(r);
                }
                rest = &rest[start + len + 2..];
            }
        }
        Value::Array(a) => a.iter().for_each(|x| references(x, out)),
        Value::Object(m) => m.values().for_each(|x| references(x, out)),
        _ => {}
    }
}

fn substitute(v: &Value, values: &HashMap<String, String>) -> Value {
    match v {
        Value::String(s) if s.contains(OPEN) => {
            let mut s = s.clone();
            for (r, value) in values {
                s = s.replace(&format!("{OPEN}{r}}}}}"), value);
            }
            Value::String(s)
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| substitute(x, values)).collect()),
        Value::Object(m) => Value::Object(m.iter().map(|(k, x)| (k.clone(), substitute(x, values))).collect()),
        other => other.clone(),
    }
}

/// The properties with every dynamic reference replaced by its value.
pub async fn resolve(cx: &Cx, props: &Value) -> Result<Value, String> {
    let mut refs = Vec::new();
    references(props, &mut refs);
    if refs.is_empty() {
        return Ok(props.clone());
    }
    let mut values = HashMap::new();
    for r in refs {
        let value = match r.split_once(':') {
            Some(("ssm", rest)) => parameter(cx, rest, false).await?,
            Some(("ssm-secure", rest)) => parameter(cx, rest, true).await?,
            Some(("secretsmanager", rest)) => secret(cx, rest).await?,
            _ => {
                return Err(format!(
                    "Invalid dynamic reference {OPEN}{r}}}}}: the service must be ssm, ssm-secure or secretsmanager"
                ))
            }
        };
        values.insert(r, value);
    }
    Ok(substitute(props, &values))
}

/// The value of an SSM parameter (for `AWS::SSM::Parameter::Value<…>` stack parameters).
pub async fn ssm_parameter(cx: &Cx, name: &str) -> Result<String, String> {
    parameter(cx, name, false).await
}

async fn parameter(cx: &Cx, rest: &str, decrypt: bool) -> Result<String, String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct GetParameter<'a> {
        name: &'a str,
        with_decryption: bool,
    }
    let out = cx.call(Peer::Ssm, "GetParameter", &GetParameter { name: rest, with_decryption: decrypt }).await?;
    out.pointer("/Parameter/Value")
        .and_then(Value::as_str)
        .map(String::from)
        .ok_or_else(|| format!("Parameter {rest} has no value"))
}

async fn secret(cx: &Cx, rest: &str) -> Result<String, String> {
    // The secret id is a name, or an ARN (7 colon-separated parts).
    let parts: Vec<&str> = rest.split(':').collect();
    let id_len = if rest.starts_with("arn:") { 7.min(parts.len()) } else { 1 };
    let id = parts[..id_len].join(":");
    let field = |i: usize| parts.get(id_len + i).copied().filter(|s| !s.is_empty());
    if let Some(k) = field(0) {
        if k != "SecretString" {
            return Err(format!("Invalid dynamic reference: {k} is not SecretString"));
        }
    }
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct GetSecretValue<'a> {
        secret_id: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        version_stage: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        version_id: Option<&'a str>,
    }
    let input = GetSecretValue { secret_id: &id, version_stage: field(2), version_id: field(3) };
    let out = cx.call(Peer::SecretsManager, "GetSecretValue", &input).await?;
    let text =
        out.get("SecretString").and_then(Value::as_str).ok_or_else(|| format!("Secret {id} has no SecretString"))?;
    match field(1) {
        None => Ok(text.to_string()),
        Some(key) => {
            let doc: Value = serde_json::from_str(text).map_err(|_| format!("Secret {id} is not a JSON object"))?;
            match doc.get(key) {
                Some(Value::String(s)) => Ok(s.clone()),
                Some(v) => Ok(v.to_string()),
                None => Err(format!("Could not find SecretString key {key}")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn references_are_found_and_substituted() {
        let v = json!({"A": "user={{resolve:secretsmanager:db:SecretString:username}}", "B": ["{{resolve:ssm:/x}}"]});
        let mut refs = Vec::new();
        references(&v, &mut refs);
        assert_eq!(refs, vec!["secretsmanager:db:SecretString:username", "ssm:/x"]);
        let values: HashMap<String, String> = [
            ("secretsmanager:db:SecretString:username".to_string(), "admin".to_string()),
            ("ssm:/x".to_string(), "1".to_string()),
        ]
        .into();
        assert_eq!(substitute(&v, &values), json!({"A": "user=admin", "B": ["1"]}));
    }
}
