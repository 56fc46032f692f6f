//! Message signatures: an RSA key and a self-signed certificate made at first start (the key
//! 0600 in the data dir), SignatureVersion 1 (SHA1withRSA) over SNS's canonical string.

use std::fs;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use base64::Engine;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use rsa::signature::{SignatureEncoding, Signer as _};
use rsa::RsaPrivateKey;

pub struct Signer {
    key: SigningKey<sha1::Sha1>,
    cert_pem: String,
}

impl Signer {
    pub fn open_or_create(dir: &Path, region: &str) -> Result<Signer, String> {
        fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        let key_path = dir.join("signing-key.pem");
        let cert_path = dir.join("signing-cert.pem");
        let key_pem = match fs::read_to_string(&key_path) {
            Ok(k) => k,
            Err(_) => {
                let key = RsaPrivateKey::new(&mut rand::thread_rng(), 2048)
                    .map_err(|e| format!("generating the SNS signing key: {e}"))?;
                let pem = key.to_pkcs8_pem(LineEnding::LF).map_err(|e| e.to_string())?.to_string();
                let tmp = key_path.with_extension("tmp");
                let mut f = fs::OpenOptions::new()
                    .write(true)
                    .create(true)
                    .truncate(true)
                    .mode(0o600)
                    .open(&tmp)
                    .map_err(|e| format!("writing {}: {e}", tmp.display()))?;
                f.write_all(pem.as_bytes()).and_then(|_| f.sync_all()).map_err(|e| e.to_string())?;
                fs::rename(&tmp, &key_path).map_err(|e| e.to_string())?;
                let _ = fs::remove_file(&cert_path);
                pem
            }
        };
        let key = RsaPrivateKey::from_pkcs8_pem(&key_pem).map_err(|e| format!("reading the SNS signing key: {e}"))?;
        let cert_pem = match fs::read_to_string(&cert_path) {
            Ok(c) => c,
            Err(_) => {
                let pair = rcgen::KeyPair::from_pem_and_sign_algo(&key_pem, &rcgen::PKCS_RSA_SHA256)
                    .map_err(|e| format!("loading the SNS key for its certificate: {e}"))?;
                let params = rcgen::CertificateParams::new(vec![format!("sns.{region}.amazonaws.com")])
                    .map_err(|e| e.to_string())?;
                let cert = params.self_signed(&pair).map_err(|e| format!("making the SNS certificate: {e}"))?;
                let pem = cert.pem();
                fs::write(&cert_path, &pem).map_err(|e| e.to_string())?;
                pem
            }
        };
        Ok(Signer { key: SigningKey::<sha1::Sha1>::new(key), cert_pem })
    }

    pub fn cert_pem(&self) -> String {
        self.cert_pem.clone()
    }

    /// Base64 of SHA1withRSA over `text`.
    pub fn sign(&self, text: &str) -> String {
        let sig = self.key.sign(text.as_bytes());
        base64::engine::general_purpose::STANDARD.encode(sig.to_bytes())
    }
}

/// SNS's string to sign: the named fields, each as `Name\nvalue\n`, in this order, the
/// optional ones (Subject) only when present.
pub fn string_to_sign(fields: &[(&str, Option<&str>)]) -> String {
    let mut s = String::new();
    for (k, v) in fields {
        if let Some(v) = v {
            s.push_str(k);
            s.push('\n');
            s.push_str(v);
            s.push('\n');
        }
    }
    s
}
