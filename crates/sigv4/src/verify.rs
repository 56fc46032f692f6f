//! Signature check, clock window and the signing-key cache.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Mutex, PoisonError};

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use crate::canonical::{canonical_query, hex_sha, Canonical};
use crate::error::{SigError, SIGNATURE_MISMATCH_TEXT};
use crate::parse::{format_amz_date, parse_amz_date, AuthLocation, Credential, HttpRequest, ParsedAuth};

/// Allowed distance between `X-Amz-Date` and the server clock.
pub const CLOCK_SKEW: Duration = Duration::minutes(15);

/// Payload hash of presigned S3 URLs and of `x-amz-content-sha256: UNSIGNED-PAYLOAD`.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

const EMPTY_SHA256: &[u8; 64] = b"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

type HmacSha256 = Hmac<Sha256>;

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

const SHARDS: usize = 16;

struct Entry {
    access_key_id: Box<str>,
    date: Box<str>,
    region: Box<str>,
    service: Box<str>,
    secret: Box<str>,
    /// HMAC already keyed with kSigning (ipad/opad blocks absorbed).
    mac: HmacSha256,
}

/// Bounded cache of derived signing keys, one per (access key id, date,
/// region, service) — the secret is stored alongside and compared, so a
/// rotated secret never reuses a stale key. Sharded `Mutex<HashMap>`; a hit
/// allocates nothing. When a shard is full it is cleared (entries are only
/// useful for one day anyway). `Send + Sync`; share one per process.
pub struct SigningKeyCache {
    hasher: RandomState,
    shards: Box<[Mutex<HashMap<u64, Entry>>]>,
    per_shard: usize,
}

impl Default for SigningKeyCache {
    fn default() -> Self {
        Self::new()
    }
}

impl SigningKeyCache {
    /// A cache holding up to 4096 signing keys.
    pub fn new() -> Self {
        Self::with_capacity(4096)
    }

    /// A cache holding about `max_entries` signing keys (at least 16).
    pub fn with_capacity(max_entries: usize) -> Self {
        SigningKeyCache {
            hasher: RandomState::new(),
            shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
            per_shard: max_entries.div_ceil(SHARDS).max(1),
        }
    }

    /// Number of cached keys.
    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.lock().unwrap_or_else(PoisonError::into_inner).len()).sum()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops every cached key (e.g. after deleting an access key).
    pub fn clear(&self) {
        for s in self.shards.iter() {
            s.lock().unwrap_or_else(PoisonError::into_inner).clear();
        }
    }

    /// An HMAC keyed with kSigning for this secret and scope.
    pub(crate) fn signing_mac(&self, secret: &str, c: &Credential<'_>) -> HmacSha256 {
        let h = self.hasher.hash_one((c.access_key_id, c.date, c.region, c.service));
        let shard = &self.shards[(h as usize) % SHARDS];
        {
            let map = shard.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(e) = map.get(&h) {
                if &*e.access_key_id == c.access_key_id
                    && &*e.date == c.date
                    && &*e.region == c.region
                    && &*e.service == c.service
                    && &*e.secret == secret
                {
                    return e.mac.clone();
                }
            }
        }
        let mac = derive_signing_mac(secret, c);
        let mut map = shard.lock().unwrap_or_else(PoisonError::into_inner);
        if map.len() >= self.per_shard && !map.contains_key(&h) {
            map.clear();
        }
        map.insert(
            h,
            Entry {
                access_key_id: c.access_key_id.into(),
                date: c.date.into(),
                region: c.region.into(),
                service: c.service.into(),
                secret: secret.into(),
                mac: mac.clone(),
            },
        );
        mac
    }
}

/// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
fn derive_signing_mac(secret: &str, c: &Credential<'_>) -> HmacSha256 {
    let mut k = Vec::with_capacity(4 + secret.len());
    k.extend_from_slice(b"AWS4");
    k.extend_from_slice(secret.as_bytes());
    let k_date = hmac(&k, c.date.as_bytes());
    let k_region = hmac(&k_date, c.region.as_bytes());
    let k_service = hmac(&k_region, c.service.as_bytes());
    let k_signing = hmac(&k_service, b"aws4_request");
    HmacSha256::new_from_slice(&k_signing).expect("HMAC takes any key length")
}

/// The payload hash that goes into the canonical request.
struct Payload<'a> {
    given: Option<&'a str>,
    computed: [u8; 64],
    /// Also accept `UNSIGNED-PAYLOAD` (non-S3 presigned URLs, see below).
    try_unsigned: bool,
}

impl Payload<'_> {
    fn as_str(&self) -> &str {
        match self.given {
            Some(s) => s,
            None => std::str::from_utf8(&self.computed).expect("hex is ASCII"),
        }
    }
}

fn body_hash(body: &[u8]) -> [u8; 64] {
    if body.is_empty() {
        *EMPTY_SHA256
    } else {
        hex_sha(Sha256::new_with_prefix(body))
    }
}

/// `x-amz-content-sha256` present: `UNSIGNED-PAYLOAD` is used literally and
/// a hex hash must equal SHA-256(body); anything else (including the S3
/// `STREAMING-…` chunked modes, not supported here) is a mismatch. Absent:
/// SHA-256(body) for the header form; for presigned URLs S3 uses
/// `UNSIGNED-PAYLOAD` while botocore and the other SDKs sign SHA-256(body)
/// (normally of an empty body) for every other service — both are accepted
/// there, since the body hash is tried first and `UNSIGNED-PAYLOAD` only
/// loosens what the signer itself chose.
fn payload<'a>(req: &HttpRequest<'a>, auth: &ParsedAuth<'_>, s3: bool) -> Result<Payload<'a>, SigError> {
    let mut p = Payload { given: None, computed: [0; 64], try_unsigned: false };
    match req.header("x-amz-content-sha256").map(str::trim) {
        Some(UNSIGNED_PAYLOAD) => p.given = Some(UNSIGNED_PAYLOAD),
        Some(v) if v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()) => {
            if !body_hash(req.body).eq_ignore_ascii_case(v.as_bytes()) {
                return Err(SigError::XAmzContentSha256Mismatch);
            }
            p.given = Some(v);
        }
        Some(_) => return Err(SigError::XAmzContentSha256Mismatch),
        None if auth.location == AuthLocation::Query && s3 => p.given = Some(UNSIGNED_PAYLOAD),
        None => {
            p.computed = body_hash(req.body);
            p.try_unsigned = auth.location == AuthLocation::Query;
        }
    }
    Ok(p)
}

/// Time checks.
///
/// Header form, and query form without `X-Amz-Expires`: `X-Amz-Date` must
/// be within ±15 minutes of `now`, else `SignatureDoesNotMatch` with the
/// "Signature expired" / "Signature not yet current" texts STS and IAM send.
///
/// Presigned URLs with `X-Amz-Expires`: valid from `X-Amz-Date - 15 min`
/// until `X-Amz-Date + X-Amz-Expires`. Past that we answer `RequestExpired`
/// (400), the code the STS/IAM "Common Errors" tables document for "more
/// than 15 minutes after the request expiration date (such as for
/// pre-signed URLs)"; S3 would say `AccessDenied` "Request has expired",
/// whose text we reuse. Unlike STS, which is reported to ignore
/// `X-Amz-Expires` and allow 15 minutes, we honour the signer's expiry.
fn check_time(auth: &ParsedAuth<'_>, signed_at: OffsetDateTime, now: OffsetDateTime) -> Result<(), SigError> {
    let fmt = format_amz_date;
    if signed_at > now + CLOCK_SKEW {
        return Err(SigError::SignatureExpired(format!(
            "Signature not yet current: {} is still later than {} ({} + 15 min.)",
            auth.amz_date,
            fmt(now + CLOCK_SKEW),
            fmt(now)
        )));
    }
    match auth.presigned {
        Some(expires) => {
            let expiry = signed_at + Duration::seconds(expires as i64);
            if now > expiry {
                return Err(SigError::RequestExpired(format!(
                    "Request has expired: X-Amz-Date {} + X-Amz-Expires {expires} s = {} is earlier than {}",
                    auth.amz_date,
                    fmt(expiry),
                    fmt(now)
                )));
            }
        }
        None if signed_at < now - CLOCK_SKEW => {
            return Err(SigError::SignatureExpired(format!(
                "Signature expired: {} is now earlier than {} ({} - 15 min.)",
                auth.amz_date,
                fmt(now - CLOCK_SKEW),
                fmt(now)
            )));
        }
        None => {}
    }
    Ok(())
}

/// Verifies the signature of `req` described by `auth` (from [`crate::parse`])
/// against `secret_access_key`, at server time `now`. Checks, in order: the
/// credential date equals the `X-Amz-Date` day, the clock window, the
/// `x-amz-content-sha256` header, then the HMAC (constant-time comparison).
/// Region/service scope are the caller's to check ([`Credential::check_scope`]).
pub fn verify(
    req: &HttpRequest<'_>,
    auth: &ParsedAuth<'_>,
    secret_access_key: &str,
    now: OffsetDateTime,
    cache: &SigningKeyCache,
) -> Result<(), SigError> {
    let day = auth.amz_date.get(..8).unwrap_or_default();
    if auth.credential.date != day {
        return Err(SigError::SignatureDoesNotMatch(format!(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{}' != '{day}', from '{}'.",
            auth.credential.date, auth.amz_date
        )));
    }
    let signed_at = parse_amz_date(&auth.amz_date).ok_or_else(|| {
        SigError::IncompleteSignature(format!(
            "Date must be in ISO-8601 'basic format'. Got '{}'. See http://en.wikipedia.org/wiki/ISO_8601",
            auth.amz_date
        ))
    })?;
    check_time(auth, signed_at, now)?;
    let s3 = auth.credential.service == "s3";
    let payload = payload(req, auth, s3)?;
    let query = canonical_query(req.query, auth.location);
    let c = Canonical { req, auth, query: &query, payload_hash: payload.as_str(), s3 };
    let mut sig = [0u8; 32];
    if hex::decode_to_slice(auth.signature, &mut sig).is_ok() {
        let key = cache.signing_mac(secret_access_key, &auth.credential);
        if matches(&c, &key, &sig) {
            return Ok(());
        }
        if payload.try_unsigned {
            let alt = Canonical { payload_hash: UNSIGNED_PAYLOAD, ..c };
            if matches(&alt, &key, &sig) {
                return Ok(());
            }
        }
    }
    Err(mismatch(&c))
}

fn matches(c: &Canonical<'_, '_>, key: &HmacSha256, sig: &[u8; 32]) -> bool {
    let (creq_hash, complete) = c.hash();
    let mut mac = key.clone();
    c.write_string_to_sign(&creq_hash, &mut mac);
    // verify_slice compares in constant time.
    mac.verify_slice(sig).is_ok() && complete
}

fn mismatch(c: &Canonical<'_, '_>) -> SigError {
    let (creq, sts) = c.texts();
    SigError::SignatureDoesNotMatch(format!(
        "{SIGNATURE_MISMATCH_TEXT}\n\nThe Canonical String for this request should have been\n'{creq}'\n\nThe String-to-Sign should have been\n'{sts}'\n"
    ))
}

/// Signs `req` like an SDK would and returns the `Authorization` header
/// value (for tests, benches and clients inside the project). `req` must
/// already carry `host` and `X-Amz-Date` (or `Date`) headers;
/// `signed_headers` are lowercased and sorted here. The payload hash follows
/// the same rules as [`verify`].
pub fn sign_for_tests(
    req: &HttpRequest<'_>,
    access_key_id: &str,
    secret_access_key: &str,
    region: &str,
    service: &str,
    signed_headers: &[&str],
) -> Result<String, SigError> {
    let amz_date = match req.header("x-amz-date") {
        Some(d) => d.trim().to_owned(),
        None => req
            .header("date")
            .and_then(crate::parse::parse_http_date)
            .map(format_amz_date)
            .ok_or_else(|| SigError::IncompleteSignature("no X-Amz-Date or Date header".into()))?,
    };
    let mut names: Vec<String> = signed_headers.iter().map(|h| h.to_ascii_lowercase()).collect();
    names.sort();
    names.dedup();
    let auth = ParsedAuth {
        location: AuthLocation::Header,
        credential: Credential { access_key_id, date: amz_date.get(..8).unwrap_or_default(), region, service },
        signed_headers: names.iter().map(String::as_str).collect(),
        signature: "",
        amz_date: amz_date.clone(),
        security_token: None,
        presigned: None,
    };
    let s3 = service == "s3";
    let payload = payload(req, &auth, s3)?;
    let query = canonical_query(req.query, AuthLocation::Header);
    let c = Canonical { req, auth: &auth, query: &query, payload_hash: payload.as_str(), s3 };
    let (creq_hash, _) = c.hash();
    let mut mac = derive_signing_mac(secret_access_key, &auth.credential);
    c.write_string_to_sign(&creq_hash, &mut mac);
    Ok(format!(
        "AWS4-HMAC-SHA256 Credential={access_key_id}/{}/{region}/{service}/aws4_request, SignedHeaders={}, Signature={}",
        auth.credential.date,
        names.join(";"),
        hex::encode(mac.finalize().into_bytes())
    ))
}
