//! SigV4 on a whole request: sigv4::parse -> verify (at a fixed server time and at a time near
//! the request's own date, so the signature path is reached), plus wire::protocol::detect and
//! QueryParams::parse on the same request, plus a sign-then-verify round trip.
//! Invariants: no panic; every error is a 4xx; a request signed by `sign_for_tests` over the
//! request's own headers verifies.
//!
//! Input: byte 0 flags (bit 7: scope the round trip to s3), byte 1 an i8 of minutes between the
//! request date and the second server time, then an HTTP/1-like text:
//!   METHOD\nPATH[?QUERY]\nName: value\n...\n\nBODY
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sigv4::{parse, parse_amz_date, sign_for_tests, verify, HttpRequest, SigError, SigningKeyCache};
use time::{Duration, OffsetDateTime};
use wire::protocol::query::QueryParams;

mod common;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

fn cache() -> &'static SigningKeyCache {
    static C: OnceLock<SigningKeyCache> = OnceLock::new();
    C.get_or_init(|| SigningKeyCache::with_capacity(64))
}

fn check_sig(e: &SigError, what: &str) {
    let s = e.http_status();
    assert!((400..500).contains(&s), "{what} answered a non-4xx error: {s} {} {}", e.code(), e.message());
    assert!(!e.code().is_empty());
}

/// `t + d` for server times only where a real clock could be: far enough from the ends of
/// `time`'s range (years -9999..=9999) that the verifier's own +-15 min / +7 days arithmetic fits.
fn server_time(t: OffsetDateTime, d: Duration) -> Option<OffsetDateTime> {
    let now = t.checked_add(d)?;
    now.checked_add(Duration::days(10))?;
    now.checked_sub(Duration::days(10))?;
    Some(now)
}

/// Known, reported bug (fuzz/regressions/sigv4_request-date-header-year-10000, see
/// fuzz/README.md): `sigv4::parse_http_date` calls `to_offset(UTC)`, which panics when a `Date`
/// header of 31 Dec 9999 with a negative zone lands in year 10000. `parse` reads `Date` only
/// without `X-Amz-Date` (and the year must be 9999), so while it stands those requests are
/// skipped so the fuzzer can look past it. Set to false once the crate is fixed.
const SKIP_KNOWN_DATE_PANIC: bool = false;

fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let (flags, minutes) = (data[0], data[1] as i8);
    let data = &data[2..];
    let (head, body) = match data.windows(2).position(|w| w == b"\n\n") {
        Some(i) => (&data[..i], &data[i + 2..]),
        None => (data, &b""[..]),
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let method = lines.next().unwrap_or("");
    let target = lines.next().unwrap_or("");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let headers: Vec<(&str, &str)> = lines
        .map(|l| match l.split_once(':') {
            Some((k, v)) => (k, v.trim_matches([' ', '\t'])),
            None => (l, ""),
        })
        .collect();
    let req = HttpRequest { method, path, query, headers: &headers, body };
    if SKIP_KNOWN_DATE_PANIC && req.header("x-amz-date").is_none() && req.header("date").is_some_and(|d| d.contains("9999")) {
        return;
    }

    // The protocol markers and the form parameters of the same request.
    if let Err(e) = wire::protocol::detect(path, |h| req.header(h)) {
        common::check_api(&e, "detect", None);
    }
    if let Err(e) = QueryParams::parse(&[query.as_bytes(), body]) {
        common::check_api(&e, "QueryParams::parse", None);
    }

    match parse(&req) {
        Err(e) => check_sig(&e, "sigv4::parse"),
        Ok(None) => {}
        Ok(Some(auth)) => {
            assert!(!auth.signed_headers.is_empty());
            if let Err(e) = auth.credential.check_scope("us-east-1", "sts") {
                check_sig(&e, "check_scope");
            }
            let fixed = time::macros::datetime!(2015-08-30 12:36 UTC);
            let near = parse_amz_date(&auth.amz_date).and_then(|t| server_time(t, Duration::minutes(minutes.into())));
            for now in std::iter::once(fixed).chain(near) {
                if let Err(e) = verify(&req, &auth, SECRET, now, cache()) {
                    check_sig(&e, "sigv4::verify");
                }
            }
        }
    }

    // Round trip: sign the request over its own headers as an SDK would; it must verify.
    let mut names: Vec<&str> = headers
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| is_token(k) && !k.eq_ignore_ascii_case("authorization"))
        .collect();
    let mut base: Vec<(&str, &str)> =
        headers.iter().copied().filter(|(k, _)| !k.eq_ignore_ascii_case("authorization")).collect();
    if !names.iter().any(|n| n.eq_ignore_ascii_case("host")) {
        base.push(("host", "example.amazonaws.com"));
        names.push("host");
    }
    let service = if flags & 0x80 != 0 { "s3" } else { "sts" };
    let unsigned = HttpRequest { headers: &base, ..req };
    let Ok(authz) = sign_for_tests(&unsigned, "AKIDEXAMPLE", SECRET, "us-east-1", service, &names) else { return };
    let mut signed_headers = base.clone();
    signed_headers.push(("Authorization", authz.as_str()));
    let signed = HttpRequest { headers: &signed_headers, ..req };
    let auth = match parse(&signed) {
        Ok(Some(auth)) => auth,
        Ok(None) => panic!("signed request parsed as unsigned: {authz}"),
        Err(e) => return check_sig(&e, "sigv4::parse (signed)"),
    };
    let Some(now) = parse_amz_date(&auth.amz_date).and_then(|t| server_time(t, Duration::ZERO)) else { return };
    if let Err(e) = verify(&signed, &auth, SECRET, now, cache()) {
        panic!("request signed by sign_for_tests does not verify: {} {}\nAuthorization: {authz}", e.code(), e.message());
    }
});
