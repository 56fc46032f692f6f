//! Server certificates for HTTPS listeners. The private key is sealed at rest and never
//! returned by any call.

use serde_json::{json, Value};

use super::{check_path, no_such, page, In};
use crate::error::{IamError, Result};
use crate::ids;
use crate::records::{kind, name_key, ServerCertRec};
use crate::Identity;

fn check_pem(text: &str, what: &str, label_suffix: &str) -> Result<()> {
    let begins = text.matches("-----BEGIN ").count();
    if begins == 0 || !text.contains(&format!("{label_suffix}-----")) || text.matches("-----END ").count() != begins {
        return Err(IamError::MalformedCertificate(format!(
            "Unable to parse {what}. Please ensure the input is a valid PEM."
        )));
    }
    Ok(())
}

fn metadata(c: &ServerCertRec) -> Value {
    let mut m = json!({
        "Path": c.path, "ServerCertificateName": c.name, "ServerCertificateId": c.id,
        "Arn": c.arn, "UploadDate": c.upload_date,
    });
    if let Some(e) = c.expiration {
        m["Expiration"] = json!(e);
    }
    m
}

pub fn upload(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("ServerCertificateName");
    let path = input.s("Path").unwrap_or("/");
    check_path(path)?;
    let body = input.req("CertificateBody");
    let key = input.req("PrivateKey");
    check_pem(body, "certificate", "CERTIFICATE")?;
    check_pem(key, "private key", "PRIVATE KEY")?;
    if let Some(chain) = input.s("CertificateChain") {
        check_pem(chain, "certificate chain", "CERTIFICATE")?;
    }
    let now = id.now();
    let rec = id.write(|tx| {
        if tx.exists(kind::SERVER_CERT, &name_key(name))? {
            return Err(IamError::EntityAlreadyExists(format!(
                "The Server Certificate with name {name} already exists."
            )));
        }
        let rec = ServerCertRec {
            path: path.into(),
            name: name.into(),
            id: ids::unique_id("ASCA"),
            arn: id.arn(&format!("server-certificate{path}{name}")),
            upload_date: now,
            expiration: None,
            certificate_body: body.into(),
            certificate_chain: input.s("CertificateChain").map(String::from),
            sealed_private_key: id.sealer.seal(key),
        };
        tx.put(kind::SERVER_CERT, &name_key(name), &rec)?;
        Ok(rec)
    })?;
    Ok(json!({"ServerCertificateMetadata": metadata(&rec)}))
}

fn load(tx: &store::Tx, name: &str) -> Result<ServerCertRec> {
    tx.get::<ServerCertRec>(kind::SERVER_CERT, &name_key(name))?.ok_or_else(|| no_such("Server Certificate", name))
}

pub fn get(id: &Identity, input: &In) -> Result<Value> {
    let c = id.read(|tx| load(tx, input.req("ServerCertificateName")))?;
    let mut out = json!({"ServerCertificateMetadata": metadata(&c), "CertificateBody": c.certificate_body});
    if let Some(chain) = &c.certificate_chain {
        out["CertificateChain"] = json!(chain);
    }
    Ok(json!({"ServerCertificate": out}))
}

pub fn list(id: &Identity, input: &In) -> Result<Value> {
    let prefix = input.s("PathPrefix").unwrap_or("/");
    let certs = id.read(|tx| Ok(tx.list::<ServerCertRec>(kind::SERVER_CERT, "")?))?;
    let items = certs.into_iter().filter(|(_, c)| c.path.starts_with(prefix)).map(|(k, c)| (k, metadata(&c))).collect();
    page(items, input, "ServerCertificateMetadataList")
}

pub fn delete(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("ServerCertificateName");
    id.write(|tx| {
        load(tx, name)?;
        tx.delete(kind::SERVER_CERT, &name_key(name))?;
        Ok(())
    })?;
    Ok(json!({}))
}

impl Identity {
    /// The certificate and its private key, for the load balancer's HTTPS listeners.
    pub fn server_certificate(&self, arn: &str) -> Result<Option<(String, Option<String>, String)>> {
        self.read(|tx| {
            for (_, c) in tx.list::<ServerCertRec>(kind::SERVER_CERT, "")? {
                if c.arn == arn {
                    let key = self.sealer.open(&c.sealed_private_key)?;
                    return Ok(Some((c.certificate_body, c.certificate_chain, key)));
                }
            }
            Ok(None)
        })
    }
}
