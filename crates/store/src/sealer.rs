//! Secrets at rest: AES-256-GCM under a key kept in a 0600 file beside the database, so a
//! copied database alone gives away no secret access key.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use rand::RngCore;

use crate::StoreError;

pub struct Sealer {
    cipher: Aes256Gcm,
}

impl Sealer {
    /// Read the key file, creating it (mode 0600) with a fresh random key the first time.
    pub fn open_or_create(path: &Path) -> Result<Sealer, StoreError> {
        let key = match fs::read(path) {
            Ok(bytes) if bytes.len() == 32 => {
                if fs::metadata(path)?.permissions().mode() & 0o077 != 0 {
                    fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
                }
                bytes
            }
            Ok(_) => return Err(StoreError::Seal(format!("{} is not a 32-byte key", path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut key = vec![0u8; 32];
                rand::thread_rng().fill_bytes(&mut key);
                let mut f = OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
                f.write_all(&key)?;
                f.sync_all()?;
                key
            }
            Err(e) => return Err(e.into()),
        };
        let cipher = Aes256Gcm::new_from_slice(&key).map_err(|e| StoreError::Seal(e.to_string()))?;
        Ok(Sealer { cipher })
    }

    /// `base64(nonce || ciphertext)`.
    pub fn seal(&self, plain: &str) -> String {
        let mut nonce = [0u8; 12];
        rand::thread_rng().fill_bytes(&mut nonce);
        let ct =
            self.cipher.encrypt(Nonce::from_slice(&nonce), plain.as_bytes()).expect("AES-GCM encryption cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        B64.encode(out)
    }

    pub fn open(&self, sealed: &str) -> Result<String, StoreError> {
        let raw = B64.decode(sealed).map_err(|e| StoreError::Seal(e.to_string()))?;
        if raw.len() < 12 {
            return Err(StoreError::Seal("sealed value too short".into()));
        }
        let (nonce, ct) = raw.split_at(12);
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), ct)
            .map_err(|_| StoreError::Seal("sealed value fails authentication (wrong key file?)".into()))?;
        String::from_utf8(plain).map_err(|e| StoreError::Seal(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens_with_a_0600_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("master.key");
        let s = Sealer::open_or_create(&path).unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let sealed = s.seal("wJalrXUtnFEMI");
        assert!(!sealed.contains("wJalr"));
        assert_eq!(Sealer::open_or_create(&path).unwrap().open(&sealed).unwrap(), "wJalrXUtnFEMI");
        let other = Sealer::open_or_create(&dir.path().join("other.key")).unwrap();
        assert!(other.open(&sealed).is_err());
    }
}
