//! AWS::SecretsManager::Secret (with GenerateSecretString) and AWS::SSM::Parameter.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::{gone, Created, Cx, Props, Tag};
use crate::Peer;

#[derive(Serialize, Default)]
#[serde(rename_all = "PascalCase")]
struct GetRandomPassword {
    #[serde(skip_serializing_if = "Option::is_none")]
    password_length: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exclude_characters: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exclude_numbers: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exclude_punctuation: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exclude_uppercase: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exclude_lowercase: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    include_space: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    require_each_included_type: Option<bool>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateSecret {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret_string: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kms_key_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<Tag>,
}

/// The secret's value: SecretString as given, or GenerateSecretString's password (put under
/// GenerateStringKey of SecretStringTemplate when both are given), from Secrets Manager's
/// GetRandomPassword.
async fn secret_string(cx: &Cx, p: Props<'_>) -> Result<Option<String>, String> {
    if let Some(s) = p.str("SecretString") {
        return Ok(Some(s));
    }
    let Some(g) = p.get("GenerateSecretString") else { return Ok(None) };
    let g = Props(g);
    let input = GetRandomPassword {
        password_length: g.int("PasswordLength")?,
        exclude_characters: g.str("ExcludeCharacters"),
        exclude_numbers: g.bool("ExcludeNumbers")?,
        exclude_punctuation: g.bool("ExcludePunctuation")?,
        exclude_uppercase: g.bool("ExcludeUppercase")?,
        exclude_lowercase: g.bool("ExcludeLowercase")?,
        include_space: g.bool("IncludeSpace")?,
        require_each_included_type: g.bool("RequireEachIncludedType")?,
    };
    let out = cx.call(Peer::SecretsManager, "GetRandomPassword", &input).await?;
    let password = out.get("RandomPassword").and_then(Value::as_str).ok_or("GetRandomPassword answered no password")?;
    match (g.str("SecretStringTemplate"), g.str("GenerateStringKey")) {
        (Some(template), Some(key)) => {
            let mut doc: serde_json::Map<String, Value> = serde_json::from_str(&template)
                .map_err(|_| "SecretStringTemplate must be a JSON object".to_string())?;
            doc.insert(key, Value::String(password.to_string()));
            Ok(Some(Value::Object(doc).to_string()))
        }
        (None, None) => Ok(Some(password.to_string())),
        _ => Err("GenerateStringKey and SecretStringTemplate must be given together".into()),
    }
}

pub async fn create_secret(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateSecret {
        name: p.str("Name").unwrap_or_else(|| cx.generated_name(512)),
        description: p.str("Description"),
        secret_string: secret_string(cx, p).await?,
        kms_key_id: p.str("KmsKeyId"),
        tags: cx.tags(p),
    };
    let out = cx.call(Peer::SecretsManager, "CreateSecret", &input).await?;
    let arn = out.get("ARN").and_then(Value::as_str).ok_or("CreateSecret answered no ARN")?.to_string();
    Ok(Created::id(arn.clone()).attr("Id", arn))
}

pub async fn delete_secret(cx: &Cx, arn: &str) -> Result<(), String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct DeleteSecret<'a> {
        secret_id: &'a str,
        force_delete_without_recovery: bool,
    }
    gone(
        cx.call(
            Peer::SecretsManager,
            "DeleteSecret",
            &DeleteSecret { secret_id: arn, force_delete_without_recovery: true },
        )
        .await,
    )
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PutParameter {
    name: String,
    value: String,
    #[serde(rename = "Type")]
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed_pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_type: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<Tag>,
}

pub async fn put_parameter(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let kind = p.req("Type")?;
    if kind == "SecureString" {
        // As on AWS: CloudFormation does not create SecureString parameters.
        return Err("SSM Secure reference is not supported in: [AWS::SSM::Parameter/Properties/Type]".into());
    }
    // The SSM resource's Tags are a map, not a list.
    let tags: Vec<Tag> = match p.get("Tags") {
        Some(Value::Object(m)) => m
            .iter()
            .map(|(k, v)| (k.clone(), crate::template::eval::scalar_text(v)))
            .collect::<BTreeMap<_, _>>()
            .into_iter()
            .map(|(key, value)| Tag { key, value })
            .collect(),
        _ => vec![],
    };
    let input = PutParameter {
        name: p.str("Name").unwrap_or_else(|| {
            format!("CFN-{}-{}", cx.logical_id, cx.generated_name(14).rsplit('-').next().unwrap_or_default())
        }),
        value: p.req("Value")?,
        kind: kind.clone(),
        description: p.str("Description"),
        allowed_pattern: p.str("AllowedPattern"),
        tier: p.str("Tier"),
        data_type: p.str("DataType"),
        tags,
    };
    cx.call(Peer::Ssm, "PutParameter", &input).await?;
    Ok(Created::id(input.name.clone()).attr("Type", kind).attr("Value", input.value))
}

pub async fn delete_parameter(cx: &Cx, name: &str) -> Result<(), String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Name<'a> {
        name: &'a str,
    }
    gone(cx.call(Peer::Ssm, "DeleteParameter", &Name { name }).await)
}
