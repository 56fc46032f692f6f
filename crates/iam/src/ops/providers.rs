//! Identity providers: OpenID Connect providers (an issuer URL, its audiences and certificate
//! thumbprints) and SAML providers (a metadata document). Kept as records, as AWS keeps them;
//! AssumeRoleWithWebIdentity and AssumeRoleWithSAML are not served.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{merge_tags, page, In};
use crate::error::{IamError, Result};
use crate::records::{kind, Tag};
use crate::Identity;

/// At most this many audiences per OpenID Connect provider (AWS's quota).
const MAX_CLIENT_IDS: usize = 100;
/// At most this many thumbprints per OpenID Connect provider.
const MAX_THUMBPRINTS: usize = 5;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OidcProviderRec {
    pub arn: String,
    /// Without the scheme, as GetOpenIDConnectProvider answers it.
    pub url: String,
    pub client_ids: Vec<String>,
    pub thumbprints: Vec<String>,
    pub create_date: f64,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SamlProviderRec {
    pub arn: String,
    pub metadata: String,
    pub create_date: f64,
    pub valid_until: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// `https://host[/path]` → `host[/path]`; AWS refuses other schemes, and a query or fragment.
fn issuer(url: &str) -> Result<String> {
    let rest = url
        .strip_prefix("https://")
        .filter(|r| !r.is_empty() && !r.starts_with('/') && !r.contains(['?', '#', ' ']))
        .ok_or_else(|| IamError::InvalidInput(format!("Invalid Open ID Connect Provider URL: {url}")))?;
    Ok(rest.trim_end_matches('/').to_string())
}

fn check_thumbprints(list: &[String]) -> Result<()> {
    if list.len() > MAX_THUMBPRINTS {
        return Err(IamError::LimitExceeded(format!(
            "Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: {MAX_THUMBPRINTS}"
        )));
    }
    match list.iter().find(|t| t.len() != 40 || !t.bytes().all(|b| b.is_ascii_hexdigit())) {
        Some(t) => Err(IamError::InvalidInput(format!("Thumbprint {t} is not a 40-character hexadecimal SHA-1 hash."))),
        None => Ok(()),
    }
}

fn check_client_ids(list: &[String]) -> Result<()> {
    if list.len() > MAX_CLIENT_IDS {
        return Err(IamError::LimitExceeded(format!(
            "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: {MAX_CLIENT_IDS}"
        )));
    }
    Ok(())
}

fn oidc_not_found(arn: &str) -> IamError {
    IamError::NoSuchEntity(format!("OpenIDConnect Provider not found for arn {arn}"))
}

fn load_oidc(tx: &store::Tx, arn: &str) -> Result<OidcProviderRec> {
    tx.get::<OidcProviderRec>(kind::OIDC_PROVIDER, arn)?.ok_or_else(|| oidc_not_found(arn))
}

/// Change one OpenID Connect provider in a write transaction.
fn update_oidc(id: &Identity, arn: &str, f: impl FnOnce(&mut OidcProviderRec) -> Result<()>) -> Result<Value> {
    id.write(|tx| {
        let mut p = load_oidc(tx, arn)?;
        f(&mut p)?;
        tx.put(kind::OIDC_PROVIDER, arn, &p)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn create_oidc(id: &Identity, input: &In) -> Result<Value> {
    let url = issuer(input.req("Url"))?;
    let client_ids = dedup(input.strings("ClientIDList"));
    let thumbprints = dedup(input.strings("ThumbprintList"));
    check_client_ids(&client_ids)?;
    check_thumbprints(&thumbprints)?;
    let tags = input.tags()?;
    let arn = id.arn(&format!("oidc-provider/{url}"));
    let now = id.now();
    id.write(|tx| {
        if tx.exists(kind::OIDC_PROVIDER, &arn)? {
            return Err(IamError::EntityAlreadyExists(format!("Provider with url https://{url} already exists.")));
        }
        let rec =
            OidcProviderRec { arn: arn.clone(), url, client_ids, thumbprints, create_date: now, tags: tags.clone() };
        tx.put(kind::OIDC_PROVIDER, &arn, &rec)?;
        Ok(())
    })?;
    let mut out = json!({"OpenIDConnectProviderArn": arn});
    if !tags.is_empty() {
        out["Tags"] = json!(tags);
    }
    Ok(out)
}

pub fn get_oidc(id: &Identity, input: &In) -> Result<Value> {
    let p = id.read(|tx| load_oidc(tx, input.req("OpenIDConnectProviderArn")))?;
    Ok(json!({
        "Url": p.url, "ClientIDList": p.client_ids, "ThumbprintList": p.thumbprints,
        "CreateDate": p.create_date, "Tags": p.tags,
    }))
}

pub fn list_oidc(id: &Identity) -> Result<Value> {
    let all = id.read(|tx| Ok(tx.list::<OidcProviderRec>(kind::OIDC_PROVIDER, "")?))?;
    let list: Vec<Value> = all.into_iter().map(|(_, p)| json!({"Arn": p.arn})).collect();
    Ok(json!({"OpenIDConnectProviderList": list}))
}

pub fn delete_oidc(id: &Identity, input: &In) -> Result<Value> {
    let arn = input.req("OpenIDConnectProviderArn");
    id.write(|tx| {
        load_oidc(tx, arn)?;
        tx.delete(kind::OIDC_PROVIDER, arn)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn add_client_id(id: &Identity, input: &In) -> Result<Value> {
    let client = input.req("ClientID").to_string();
    update_oidc(id, input.req("OpenIDConnectProviderArn"), |p| {
        if !p.client_ids.contains(&client) {
            p.client_ids.push(client);
        }
        check_client_ids(&p.client_ids)
    })
}

pub fn remove_client_id(id: &Identity, input: &In) -> Result<Value> {
    let client = input.req("ClientID");
    update_oidc(id, input.req("OpenIDConnectProviderArn"), |p| {
        p.client_ids.retain(|c| c != client);
        Ok(())
    })
}

pub fn update_thumbprints(id: &Identity, input: &In) -> Result<Value> {
    let thumbprints = dedup(input.strings("ThumbprintList"));
    check_thumbprints(&thumbprints)?;
    update_oidc(id, input.req("OpenIDConnectProviderArn"), |p| {
        p.thumbprints = thumbprints;
        Ok(())
    })
}

pub fn tag_oidc(id: &Identity, input: &In) -> Result<Value> {
    let tags = input.tags()?;
    update_oidc(id, input.req("OpenIDConnectProviderArn"), |p| merge_tags(&mut p.tags, tags))
}

pub fn untag_oidc(id: &Identity, input: &In) -> Result<Value> {
    let keys = input.strings("TagKeys");
    update_oidc(id, input.req("OpenIDConnectProviderArn"), |p| {
        p.tags.retain(|t| !keys.iter().any(|k| k.eq_ignore_ascii_case(&t.key)));
        Ok(())
    })
}

pub fn list_oidc_tags(id: &Identity, input: &In) -> Result<Value> {
    let p = id.read(|tx| load_oidc(tx, input.req("OpenIDConnectProviderArn")))?;
    page(p.tags.into_iter().map(|t| (t.key.to_lowercase(), t)).collect(), input, "Tags")
}

/// A SAML 2.0 metadata document: an `EntityDescriptor`; its `validUntil`, if any.
fn check_metadata(doc: &str) -> Result<Option<String>> {
    let trimmed = doc.trim_start();
    if !trimmed.starts_with('<') || !doc.contains("EntityDescriptor") {
        return Err(IamError::InvalidInput("Could not parse metadata".into()));
    }
    let valid_until = doc.split("validUntil=\"").nth(1).and_then(|rest| rest.split('"').next()).map(String::from);
    Ok(valid_until)
}

fn saml_not_found(arn: &str) -> IamError {
    IamError::NoSuchEntity(format!("Manifest not found for arn {arn}"))
}

fn load_saml(tx: &store::Tx, arn: &str) -> Result<SamlProviderRec> {
    tx.get::<SamlProviderRec>(kind::SAML_PROVIDER, arn)?.ok_or_else(|| saml_not_found(arn))
}

fn update_saml(id: &Identity, arn: &str, f: impl FnOnce(&mut SamlProviderRec) -> Result<()>) -> Result<()> {
    id.write(|tx| {
        let mut p = load_saml(tx, arn)?;
        f(&mut p)?;
        tx.put(kind::SAML_PROVIDER, arn, &p)?;
        Ok(())
    })
}

pub fn create_saml(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("Name");
    let doc = input.req("SAMLMetadataDocument");
    let valid_until = check_metadata(doc)?;
    let tags = input.tags()?;
    let arn = id.arn(&format!("saml-provider/{name}"));
    let now = id.now();
    id.write(|tx| {
        if tx.exists(kind::SAML_PROVIDER, &arn)? {
            return Err(IamError::EntityAlreadyExists(format!("SAMLProvider {name} already exists")));
        }
        let rec = SamlProviderRec {
            arn: arn.clone(),
            metadata: doc.to_string(),
            create_date: now,
            valid_until,
            tags: tags.clone(),
        };
        tx.put(kind::SAML_PROVIDER, &arn, &rec)?;
        Ok(())
    })?;
    let mut out = json!({"SAMLProviderArn": arn});
    if !tags.is_empty() {
        out["Tags"] = json!(tags);
    }
    Ok(out)
}

pub fn get_saml(id: &Identity, input: &In) -> Result<Value> {
    let p = id.read(|tx| load_saml(tx, input.req("SAMLProviderArn")))?;
    let mut out = json!({"SAMLMetadataDocument": p.metadata, "CreateDate": p.create_date, "Tags": p.tags});
    if let Some(v) = p.valid_until {
        out["ValidUntil"] = json!(v);
    }
    Ok(out)
}

pub fn list_saml(id: &Identity) -> Result<Value> {
    let all = id.read(|tx| Ok(tx.list::<SamlProviderRec>(kind::SAML_PROVIDER, "")?))?;
    let list: Vec<Value> = all
        .into_iter()
        .map(|(_, p)| {
            let mut v = json!({"Arn": p.arn, "CreateDate": p.create_date});
            if let Some(u) = p.valid_until {
                v["ValidUntil"] = json!(u);
            }
            v
        })
        .collect();
    Ok(json!({"SAMLProviderList": list}))
}

pub fn update_saml_metadata(id: &Identity, input: &In) -> Result<Value> {
    let arn = input.req("SAMLProviderArn");
    let doc = input.s("SAMLMetadataDocument").map(String::from);
    let valid_until = doc.as_deref().map(check_metadata).transpose()?;
    update_saml(id, arn, |p| {
        if let Some(doc) = doc {
            p.metadata = doc;
            p.valid_until = valid_until.flatten();
        }
        Ok(())
    })?;
    Ok(json!({"SAMLProviderArn": arn}))
}

pub fn delete_saml(id: &Identity, input: &In) -> Result<Value> {
    let arn = input.req("SAMLProviderArn");
    id.write(|tx| {
        load_saml(tx, arn)?;
        tx.delete(kind::SAML_PROVIDER, arn)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn tag_saml(id: &Identity, input: &In) -> Result<Value> {
    let tags = input.tags()?;
    update_saml(id, input.req("SAMLProviderArn"), |p| merge_tags(&mut p.tags, tags))?;
    Ok(json!({}))
}

pub fn untag_saml(id: &Identity, input: &In) -> Result<Value> {
    let keys = input.strings("TagKeys");
    update_saml(id, input.req("SAMLProviderArn"), |p| {
        p.tags.retain(|t| !keys.iter().any(|k| k.eq_ignore_ascii_case(&t.key)));
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn list_saml_tags(id: &Identity, input: &In) -> Result<Value> {
    let p = id.read(|tx| load_saml(tx, input.req("SAMLProviderArn")))?;
    page(p.tags.into_iter().map(|t| (t.key.to_lowercase(), t)).collect(), input, "Tags")
}

/// The list in its order, each value once.
fn dedup(list: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for v in list {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers_are_https_urls_kept_without_their_scheme() {
        assert_eq!(
            issuer("https://token.actions.githubusercontent.com").unwrap(),
            "token.actions.githubusercontent.com"
        );
        assert_eq!(issuer("https://idp.example.com/realms/kg/").unwrap(), "idp.example.com/realms/kg");
        for bad in ["http://idp.example.com", "https://", "idp.example.com", "https://idp.example.com/?a=b"] {
            assert!(issuer(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn thumbprints_are_forty_hex_digits_five_at_most() {
        let ok = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280".to_string();
        assert!(check_thumbprints(std::slice::from_ref(&ok)).is_ok());
        assert!(check_thumbprints(&["9e99a48a".into()]).is_err());
        assert!(check_thumbprints(&["z".repeat(40)]).is_err());
        assert!(matches!(check_thumbprints(&vec![ok; 6]), Err(IamError::LimitExceeded(_))));
    }

    #[test]
    fn saml_metadata_must_describe_an_entity() {
        let doc = r#"<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" validUntil="2049-01-01T00:00:00Z" entityID="x"/>"#;
        assert_eq!(check_metadata(doc).unwrap().as_deref(), Some("2049-01-01T00:00:00Z"));
        assert!(check_metadata("not xml").is_err());
        assert!(check_metadata("<html/>").is_err());
    }
}
