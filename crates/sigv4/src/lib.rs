//! Server-side verification of AWS Signature Version 4 on incoming requests.
//!
//! The crate's one job: given a request as received ([`HttpRequest`]),
//! [`parse`] extracts the authentication data (`Authorization` header or
//! presigned-URL query parameters) and [`verify`] checks the signature for a
//! secret key, within the AWS clock window, using a shared
//! [`SigningKeyCache`]. Failures are [`SigError`]s carrying the AWS error
//! code, message and HTTP status.
//!
//! ```
//! use sigv4::{parse, verify, sign_for_tests, HttpRequest, SigningKeyCache};
//! let headers = [("Host", "sts.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")];
//! let mut req = HttpRequest { method: "GET", path: "/", query: "", headers: &headers, body: b"" };
//! let authz = sign_for_tests(&req, "AKID", "secret", "us-east-1", "sts", &["host", "x-amz-date"]).unwrap();
//! let headers = [headers[0], headers[1], ("Authorization", authz.as_str())];
//! req.headers = &headers;
//! let auth = parse(&req).unwrap().expect("signed");
//! let now = time::macros::datetime!(2015-08-30 12:40 UTC);
//! verify(&req, &auth, "secret", now, &SigningKeyCache::new()).unwrap();
//! ```

mod canonical;
mod error;
mod parse;
mod verify;

pub use error::{SigError, SIGNATURE_MISMATCH_TEXT};
pub use parse::{
    format_amz_date, parse, parse_amz_date, parse_http_date, AuthLocation, Credential, HttpRequest, ParsedAuth,
    ALGORITHM, MAX_EXPIRES,
};
pub use verify::{sign_for_tests, verify, SigningKeyCache, CLOCK_SKEW, UNSIGNED_PAYLOAD};
