//! EC2 resource ids: a prefix and 17 hex digits (`i-0123456789abcdef0`).

use rand::Rng;

pub fn new(prefix: &str) -> String {
    let n: u128 = rand::thread_rng().gen();
    format!("{prefix}-{:017x}", n & ((1u128 << 68) - 1))
}

/// An id derived from a name (FNV-1a): the same on every call and every start, for resources
/// the region has by definition (AWS-managed prefix lists, endpoint services).
pub fn derived(prefix: &str, name: &str) -> String {
    let h = name.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3));
    format!("{prefix}-{:017x}", u128::from(h) & ((1u128 << 68) - 1))
}

/// Does `id` look like an id with this prefix (for `.Malformed` errors)?
pub fn well_formed(prefix: &str, id: &str) -> bool {
    id.strip_prefix(prefix)
        .and_then(|r| r.strip_prefix('-'))
        .is_some_and(|hex| (8..=17).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

/// `Err(<code>)` (`InvalidVpcID.Malformed` …) unless `id` looks like an id with this prefix: AWS
/// checks an id's shape before looking it up.
pub fn check(prefix: &str, code: &'static str, id: &str) -> Result<(), crate::error::Ec2Error> {
    if well_formed(prefix, id) {
        Ok(())
    } else {
        Err(crate::error::Ec2Error::malformed(code, prefix, id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_aws_shape() {
        let id = new("i");
        assert_eq!(id.len(), 19);
        assert!(well_formed("i", &id));
        assert!(well_formed("ami", "ami-12345678"));
        assert!(!well_formed("ami", "ami-xyz"));
        assert!(!well_formed("ami", "i-0123456789abcdef0"));
    }
}
