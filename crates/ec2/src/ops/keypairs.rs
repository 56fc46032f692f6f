//! Key pairs: CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPair.
//!
//! Only the public key and its fingerprint are kept; a created pair's private key is in the
//! answer to CreateKeyPair and nowhere else. Fingerprints are the ones EC2 documents ("Verify
//! the fingerprint of your key pair"):
//! - RSA created by EC2: SHA-1 of the private key in PKCS#8 DER, colon-separated hex;
//! - RSA imported: MD5 of the public key in DER (SubjectPublicKeyInfo), colon-separated hex;
//! - ED25519, either way: SHA-256 of the OpenSSH public key blob, base64 with padding (what
//!   `ssh-keygen -l` prints after "SHA256:", plus the `=`).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use md5::Md5;
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use serde_json::{json, Value};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use ssh_key::private::{Ed25519Keypair, KeypairData};
use ssh_key::public::KeyData;
use ssh_key::{PrivateKey, PublicKey};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, KeyPairRec};
use crate::{filter, ids, Ec2};

fn colon_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":")
}

fn internal(e: impl std::fmt::Display) -> Ec2Error {
    Ec2Error::Internal(format!("key pair: {e}"))
}

/// SHA-1 of the PKCS#8 DER private key: EC2's fingerprint of an RSA key it created.
pub(crate) fn created_rsa_fingerprint(key: &rsa::RsaPrivateKey) -> Result<String> {
    let der = key.to_pkcs8_der().map_err(internal)?;
    Ok(colon_hex(&Sha1::digest(der.as_bytes())))
}

/// MD5 of the DER SubjectPublicKeyInfo: EC2's fingerprint of an imported RSA key.
pub(crate) fn imported_rsa_fingerprint(key: &rsa::RsaPublicKey) -> Result<String> {
    let der = key.to_public_key_der().map_err(internal)?;
    Ok(colon_hex(&Md5::digest(der.as_bytes())))
}

/// Base64 (padded) SHA-256 of the OpenSSH public key blob: EC2's ED25519 fingerprint.
pub(crate) fn ed25519_fingerprint(key: &PublicKey) -> Result<String> {
    let blob = key.to_bytes().map_err(internal)?;
    Ok(B64.encode(Sha256::digest(&blob)))
}

fn check_name(name: &str) -> Result<()> {
    if name.is_empty() || name.len() > 255 || !name.is_ascii() {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Invalid value '{name}' for keyName: it must be 1 to 255 ASCII characters."
        )));
    }
    Ok(())
}

pub(crate) fn find_by_name(tx: &store::Tx, name: &str) -> Result<Option<KeyPairRec>> {
    Ok(tx.list::<KeyPairRec>(kind::KEY_PAIR, "")?.into_iter().map(|(_, k)| k).find(|k| k.key_name == name))
}

fn not_found(name: &str) -> Ec2Error {
    Ec2Error::Client("InvalidKeyPair.NotFound", format!("The key pair '{name}' does not exist"))
}

/// RunInstances' `KeyName` must name a key pair.
pub(crate) fn check_exists(tx: &store::Tx, name: &str) -> Result<KeyPairRec> {
    find_by_name(tx, name)?.ok_or_else(|| not_found(name))
}

fn save(ec2: &Ec2, rec: &KeyPairRec) -> Result<()> {
    ec2.write(|tx| {
        if find_by_name(tx, &rec.key_name)?.is_some() {
            return Err(Ec2Error::Client(
                "InvalidKeyPair.Duplicate",
                format!("The keypair '{}' already exists.", rec.key_name),
            ));
        }
        tx.put(kind::KEY_PAIR, &rec.key_pair_id, rec)?;
        Ok(())
    })
}

/// A new key pair: (private key as EC2 returns it, OpenSSH public key line, fingerprint).
pub(crate) fn generate(key_type: &str, comment: &str) -> Result<(String, String, String)> {
    let mut rng = rand::rngs::OsRng;
    match key_type {
        "rsa" => {
            let key = rsa::RsaPrivateKey::new(&mut rng, 2048).map_err(internal)?;
            let pem = key.to_pkcs1_pem(LineEnding::LF).map_err(internal)?.to_string();
            let public = ssh_key::public::RsaPublicKey::try_from(key.to_public_key()).map_err(internal)?;
            let line = PublicKey::new(KeyData::Rsa(public), comment).to_openssh().map_err(internal)?;
            Ok((pem, line, created_rsa_fingerprint(&key)?))
        }
        "ed25519" => {
            let pair = Ed25519Keypair::random(&mut rng);
            let private = PrivateKey::new(KeypairData::Ed25519(pair), comment).map_err(internal)?;
            let pem = private.to_openssh(ssh_key::LineEnding::LF).map_err(internal)?.to_string();
            let public = private.public_key();
            Ok((pem, public.to_openssh().map_err(internal)?, ed25519_fingerprint(public)?))
        }
        other => Err(Ec2Error::InvalidParameterValue(format!("Invalid value '{other}' for KeyType."))),
    }
}

pub fn create_key_pair(ec2: &Ec2, input: &Value) -> Result<Value> {
    let name = str_of(input, "KeyName")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter KeyName".into()))?;
    check_name(name)?;
    let key_type = str_of(input, "KeyType").unwrap_or("rsa");
    match str_of(input, "KeyFormat").unwrap_or("pem") {
        "pem" => {}
        f => {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "Key format '{f}' is unsupported: only pem is available."
            )))
        }
    }
    let tags = tag_specs(input, "key-pair")?;
    // Refuse a duplicate before spending time on key generation; `save` checks again.
    if ec2.read(|tx| find_by_name(tx, name))?.is_some() {
        return Err(Ec2Error::Client("InvalidKeyPair.Duplicate", format!("The keypair '{name}' already exists.")));
    }
    let (private, public, fingerprint) = generate(key_type, name)?;
    let rec = KeyPairRec {
        key_pair_id: ids::new("key"),
        key_name: name.into(),
        key_type: key_type.into(),
        fingerprint,
        public_key: public,
        create_time: ec2.now(),
        tags,
    };
    save(ec2, &rec)?;
    Ok(json!({
        "KeyPairId": rec.key_pair_id, "KeyName": rec.key_name, "KeyFingerprint": rec.fingerprint,
        "KeyMaterial": private, "Tags": crate::records::tags_json(&rec.tags),
    }))
}

/// Parse an OpenSSH public key line: (key type, normalised line, EC2's fingerprint).
pub(crate) fn parse_public_key(line: &str) -> Result<(String, String, String)> {
    let bad = || Ec2Error::Client("InvalidKey.Format", "Key is not in valid OpenSSH public key format".into());
    let key = PublicKey::from_openssh(line.trim()).map_err(|_| bad())?;
    match key.key_data() {
        KeyData::Rsa(r) => {
            let rsa_key = rsa::RsaPublicKey::try_from(r).map_err(|_| bad())?;
            let bits = rsa::traits::PublicKeyParts::size(&rsa_key) * 8;
            if !(1024..=4096).contains(&bits) {
                return Err(Ec2Error::Client(
                    "InvalidKey.Format",
                    format!("RSA keys of {bits} bits are not supported: use 1024 to 4096 bits."),
                ));
            }
            Ok(("rsa".into(), key.to_openssh().map_err(internal)?, imported_rsa_fingerprint(&rsa_key)?))
        }
        KeyData::Ed25519(_) => Ok(("ed25519".into(), key.to_openssh().map_err(internal)?, ed25519_fingerprint(&key)?)),
        _ => Err(Ec2Error::Client(
            "InvalidKey.Format",
            format!("Key type {} is not supported: use ssh-rsa or ssh-ed25519.", key.algorithm()),
        )),
    }
}

pub fn import_key_pair(ec2: &Ec2, input: &Value) -> Result<Value> {
    let name = str_of(input, "KeyName")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter KeyName".into()))?;
    check_name(name)?;
    let material = str_of(input, "PublicKeyMaterial")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter PublicKeyMaterial".into()))?;
    // The blob arrives base64-encoded, as the protocol carries blobs.
    let text = B64
        .decode(material.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .filter(|t| t.trim_start().starts_with("ssh-"))
        .unwrap_or_else(|| material.to_string());
    let (key_type, public, fingerprint) = parse_public_key(&text)?;
    let rec = KeyPairRec {
        key_pair_id: ids::new("key"),
        key_name: name.into(),
        key_type,
        fingerprint,
        public_key: public,
        create_time: ec2.now(),
        tags: tag_specs(input, "key-pair")?,
    };
    save(ec2, &rec)?;
    Ok(json!({
        "KeyPairId": rec.key_pair_id, "KeyName": rec.key_name, "KeyFingerprint": rec.fingerprint,
        "Tags": crate::records::tags_json(&rec.tags),
    }))
}

pub fn describe_key_pairs(ec2: &Ec2, input: &Value) -> Result<Value> {
    let names = strings(input, "KeyNames");
    let ids = strings(input, "KeyPairIds");
    let include = input.get("IncludePublicKey").and_then(Value::as_bool).unwrap_or(false);
    let filters = filter::from_input(input);
    let all: Vec<KeyPairRec> =
        ec2.read(|tx| Ok(tx.list::<KeyPairRec>(kind::KEY_PAIR, "")?))?.into_iter().map(|(_, k)| k).collect();
    for n in &names {
        if !all.iter().any(|k| k.key_name == *n) {
            return Err(not_found(n));
        }
    }
    for id in &ids {
        if !all.iter().any(|k| k.key_pair_id == *id) {
            return Err(Ec2Error::Client("InvalidKeyPair.NotFound", format!("The key pair '{id}' does not exist")));
        }
    }
    let paths = [
        ("key-name", "KeyName"),
        ("key-pair-id", "KeyPairId"),
        ("fingerprint", "KeyFingerprint"),
        ("key-type", "KeyType"),
    ];
    let mut out = Vec::new();
    for k in all {
        let v = k.render(include);
        if (names.is_empty() || names.contains(&k.key_name))
            && (ids.is_empty() || ids.contains(&k.key_pair_id))
            && filter::matches(&v, &filters, &paths)?
        {
            out.push(v);
        }
    }
    Ok(json!({"KeyPairs": out}))
}

/// Deleting a key pair that is not there succeeds, as on AWS.
pub fn delete_key_pair(ec2: &Ec2, input: &Value) -> Result<Value> {
    let name = str_of(input, "KeyName");
    let id = str_of(input, "KeyPairId");
    if name.is_none() && id.is_none() {
        return Err(Ec2Error::MissingParameter("The request must contain the parameter KeyName or KeyPairId".into()));
    }
    let gone = ec2.write(|tx| {
        let found = match (id, name) {
            (Some(id), _) => tx.get::<KeyPairRec>(kind::KEY_PAIR, id)?,
            (None, Some(n)) => find_by_name(tx, n)?,
            (None, None) => None,
        };
        if let Some(k) = &found {
            tx.delete(kind::KEY_PAIR, &k.key_pair_id)?;
        }
        Ok(found.map(|k| k.key_pair_id))
    })?;
    let mut out = json!({"Return": true});
    if let Some(id) = gone.or(id.map(String::from)) {
        out["KeyPairId"] = json!(id);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::process::{Command, Stdio};
    use std::time::Instant;

    /// The independent implementations the fingerprints are checked against must be there.
    fn tool(name: &str) -> Command {
        let found = Command::new("sh").arg("-c").arg(format!("command -v {name}")).output().unwrap();
        assert!(
            found.status.success(),
            "`{name}` is needed to check key fingerprints against an independent implementation: \
             install it (apt-get install openssh-client openssl)"
        );
        Command::new(name)
    }

    /// Run, feeding `stdin`; the command must succeed and print something.
    fn run(cmd: &mut Command, stdin: &[u8]) -> Vec<u8> {
        let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    }

    fn keygen(args: &[&str], path: &std::path::Path) {
        let ok = tool("ssh-keygen").args(["-q", "-N", "", "-C", "c"]).args(args).arg("-f").arg(path).status().unwrap();
        assert!(ok.success(), "ssh-keygen {args:?} failed");
    }

    /// `openssl md5 -c` prints `MD5(stdin)= aa:bb:…`; the part after the last space.
    fn openssl_digest(der: &[u8], alg: &str) -> String {
        assert!(!der.is_empty());
        let out = String::from_utf8(run(tool("openssl").args([alg, "-c"]), der)).unwrap();
        out.rsplit(' ').next().unwrap().trim().to_string()
    }

    #[test]
    fn imported_rsa_fingerprint_matches_openssl() {
        let dir = tempfile::tempdir().unwrap();
        let k = dir.path().join("k");
        // PEM rather than OpenSSH private key format, so that openssl reads it.
        keygen(&["-t", "rsa", "-b", "2048", "-m", "PEM"], &k);
        // AWS's recipe for an imported key: openssl pkey -pubout -outform DER | openssl md5 -c
        let der = run(tool("openssl").args(["pkey", "-pubout", "-outform", "DER", "-in"]).arg(&k), b"");
        let want = openssl_digest(&der, "md5");
        let line = std::fs::read_to_string(k.with_extension("pub")).unwrap();
        let (kt, _, fp) = parse_public_key(&line).unwrap();
        assert_eq!(kt, "rsa");
        assert_eq!(fp, want);
        assert_eq!(fp.len(), 47);
    }

    #[test]
    fn ed25519_fingerprint_matches_ssh_keygen() {
        let dir = tempfile::tempdir().unwrap();
        let k = dir.path().join("k");
        keygen(&["-t", "ed25519"], &k);
        let pubf = k.with_extension("pub");
        let listed = String::from_utf8(run(tool("ssh-keygen").args(["-l", "-E", "sha256", "-f"]).arg(&pubf), b""));
        // "256 SHA256:abc… c (ED25519)"
        let listed = listed.unwrap();
        let sha = listed.split_whitespace().nth(1).unwrap().strip_prefix("SHA256:").unwrap().to_string();
        let (kt, _, fp) = parse_public_key(&std::fs::read_to_string(&pubf).unwrap()).unwrap();
        assert_eq!(kt, "ed25519");
        assert_eq!(fp, format!("{sha}="));
    }

    #[test]
    fn created_keys_have_ec2_fingerprints() {
        let started = Instant::now();
        let (pem, line, fp) = generate("rsa", "web").unwrap();
        eprintln!("RSA-2048 generation took {:?}", started.elapsed());
        assert!(pem.starts_with("-----BEGIN RSA PRIVATE KEY-----"), "{pem}");
        assert!(line.starts_with("ssh-rsa ") && line.ends_with(" web"));
        // AWS's recipe for a created key: openssl pkcs8 -topk8 -nocrypt -outform DER | openssl sha1 -c
        let der = run(
            tool("openssl").args(["pkcs8", "-topk8", "-nocrypt", "-inform", "PEM", "-outform", "DER"]),
            pem.as_bytes(),
        );
        assert_eq!(fp, openssl_digest(&der, "sha1"));
        assert_eq!(fp.len(), 59);
        // The public line kept is the one an import of it would yield.
        assert_eq!(parse_public_key(&line).unwrap().1, line);

        let (pem, line, fp) = generate("ed25519", "e").unwrap();
        assert!(pem.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"));
        assert_eq!(parse_public_key(&line).unwrap().2, fp);
        assert!(fp.ends_with('=') && fp.len() == 44);
        assert!(generate("dsa", "x").is_err());
    }

    #[test]
    fn bad_public_keys_are_refused() {
        assert!(matches!(parse_public_key("not a key"), Err(Ec2Error::Client("InvalidKey.Format", _))));
        assert!(matches!(parse_public_key("ssh-rsa AAAA"), Err(Ec2Error::Client("InvalidKey.Format", _))));
    }
}
