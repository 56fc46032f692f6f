//! Identifiers and secrets in AWS's formats: `AIDA…` unique ids, `AKIA…`/`ASIA…` access key
//! ids, 40-character secret keys, opaque session tokens, 12-digit account ids.

use rand::distributions::{Alphanumeric, Uniform};
use rand::Rng;

const ID_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn upper(n: usize) -> String {
    let mut rng = rand::thread_rng();
    let d = Uniform::from(0..ID_ALPHABET.len());
    (0..n).map(|_| ID_ALPHABET[rng.sample(d)] as char).collect()
}

/// A unique id with an AWS prefix: AIDA (user), AGPA (group), AROA (role), ANPA (policy),
/// AIPA (instance profile), ASCA (server certificate). 21 characters in all.
pub fn unique_id(prefix: &str) -> String {
    format!("{prefix}{}", upper(21 - prefix.len()))
}

/// `AKIA…` for long-term keys, `ASIA…` for temporary ones.
pub fn access_key_id(temporary: bool) -> String {
    format!("{}{}", if temporary { "ASIA" } else { "AKIA" }, upper(16))
}

pub fn secret_access_key() -> String {
    let mut rng = rand::thread_rng();
    const SET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let d = Uniform::from(0..SET.len());
    (0..40).map(|_| SET[rng.sample(d)] as char).collect()
}

pub fn session_token() -> String {
    let body: String = rand::thread_rng().sample_iter(&Alphanumeric).take(300).map(char::from).collect();
    format!("IQoJb3JpZ2luX2Vj{body}")
}

pub fn account_id() -> String {
    let mut rng = rand::thread_rng();
    let first = rng.gen_range(1..=9);
    let rest: String = (0..11).map(|_| char::from(b'0' + rng.gen_range(0..10))).collect();
    format!("{first}{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(unique_id("AIDA").len(), 21);
        assert!(access_key_id(false).starts_with("AKIA"));
        assert_eq!(access_key_id(true).len(), 20);
        assert_eq!(secret_access_key().len(), 40);
        let a = account_id();
        assert_eq!(a.len(), 12);
        assert!(a.chars().all(|c| c.is_ascii_digit()));
    }
}
