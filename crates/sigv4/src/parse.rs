//! Extraction of SigV4 authentication data from the `Authorization` header
//! or from presigned-URL query parameters. Borrows from the request; the
//! only allocations are the signed-header list and the ISO date string.

use std::borrow::Cow;

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::error::SigError;

/// The only signing algorithm supported.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Longest `X-Amz-Expires` AWS accepts (7 days).
pub const MAX_EXPIRES: u64 = 604_800;

/// An incoming request, as received on the wire.
#[derive(Debug, Clone, Copy)]
pub struct HttpRequest<'a> {
    /// Method as received, e.g. `"POST"`.
    pub method: &'a str,
    /// Raw (still percent-encoded) path, e.g. `"/"`.
    pub path: &'a str,
    /// Raw query string without the `?`; may be `""`.
    pub query: &'a str,
    /// Headers with names as received (compared case-insensitively);
    /// names may repeat. Over HTTP/2 the caller must supply `host`
    /// (from `:authority`).
    pub headers: &'a [(&'a str, &'a str)],
    /// The complete body.
    pub body: &'a [u8],
}

impl<'a> HttpRequest<'a> {
    /// First header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|&(_, v)| v)
    }
}

/// The `Credential=` value: `<access key id>/<date>/<region>/<service>/aws4_request`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Credential<'a> {
    pub access_key_id: &'a str,
    /// `YYYYMMDD`
    pub date: &'a str,
    pub region: &'a str,
    pub service: &'a str,
}

impl Credential<'_> {
    /// Checks the scope against the endpoint that received the request, with
    /// the messages AWS uses (code `SignatureDoesNotMatch`).
    pub fn check_scope(&self, region: &str, service: &str) -> Result<(), SigError> {
        if self.region != region {
            return Err(SigError::SignatureDoesNotMatch(format!(
                "Credential should be scoped to a valid region, not '{}'.",
                self.region
            )));
        }
        if self.service != service {
            return Err(SigError::SignatureDoesNotMatch(format!(
                "Credential should be scoped to correct service: '{service}'."
            )));
        }
        Ok(())
    }
}

/// Where the signature was carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthLocation {
    /// `Authorization: AWS4-HMAC-SHA256 …` header.
    Header,
    /// Presigned URL (`X-Amz-Signature` … query parameters).
    Query,
}

/// Authentication data of one request, as returned by [`parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedAuth<'a> {
    pub location: AuthLocation,
    pub credential: Credential<'a>,
    /// The `SignedHeaders` names in the order given (lowercase for every SDK).
    pub signed_headers: Vec<&'a str>,
    /// Hex signature as sent.
    pub signature: &'a str,
    /// Request time, `YYYYMMDDTHHMMSSZ`: `X-Amz-Date` (header or query
    /// parameter), else the `Date` header converted to that format.
    pub amz_date: String,
    /// `X-Amz-Security-Token` header or (percent-decoded) query parameter.
    /// Borrowed unless the query value had to be decoded.
    pub security_token: Option<Cow<'a, str>>,
    /// `X-Amz-Expires` of the query form, when present.
    pub presigned: Option<u64>,
}

/// Extracts SigV4 authentication data. `Ok(None)`: the request carries no
/// authentication information at all (neither an `Authorization` header nor
/// `X-Amz-Algorithm`/`-Credential`/`-Signature`/`-SignedHeaders` query
/// parameters). When both forms are present the header wins.
pub fn parse<'a>(req: &HttpRequest<'a>) -> Result<Option<ParsedAuth<'a>>, SigError> {
    if let Some(value) = req.header("authorization") {
        let value = value.trim();
        if !value.is_empty() {
            return parse_header(req, value).map(Some);
        }
    }
    parse_query(req)
}

fn incomplete(msg: String) -> SigError {
    SigError::IncompleteSignature(msg)
}

fn parse_header<'a>(req: &HttpRequest<'a>, value: &'a str) -> Result<ParsedAuth<'a>, SigError> {
    let (alg, rest) = value.split_once(|c: char| c.is_ascii_whitespace()).unwrap_or((value, ""));
    if alg != ALGORITHM {
        return Err(incomplete(format!("Unsupported AWS 'algorithm': '{alg}'")));
    }
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((k, v)) = part.split_once('=') else {
            return Err(incomplete(format!(
                "'{part}' not a valid key=value pair (missing equal-sign) in Authorization header: '{value}'"
            )));
        };
        let slot = match k.trim_end() {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed,
            "Signature" => &mut signature,
            _ => continue,
        };
        slot.get_or_insert(v.trim_start());
    }
    let date = req.header("x-amz-date").map(|d| (d, true)).or_else(|| req.header("date").map(|d| (d, false)));

    let mut missing = String::new();
    if matches!(credential, None | Some("")) {
        missing.push_str("Authorization header requires 'Credential' parameter. ");
    }
    if matches!(signature, None | Some("")) {
        missing.push_str("Authorization header requires 'Signature' parameter. ");
    }
    if signed.is_none() {
        missing.push_str("Authorization header requires 'SignedHeaders' parameter. ");
    }
    if date.is_none() {
        missing.push_str("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
    }
    let (Some(credential), Some(signed), Some(signature), Some((date, is_amz)), true) =
        (credential, signed, signature, date, missing.is_empty())
    else {
        missing.push_str("Authorization=");
        missing.push_str(value);
        return Err(incomplete(missing));
    };
    let date = date.trim();
    let amz_date =
        if is_amz { parse_amz_date(date).map(|_| date.to_owned()) } else { parse_http_date(date).map(format_amz_date) }
            .ok_or_else(|| bad_date(date))?;
    let auth = ParsedAuth {
        location: AuthLocation::Header,
        credential: parse_credential(credential, false)?,
        signed_headers: signed.split(';').collect(),
        signature,
        amz_date,
        security_token: req.header("x-amz-security-token").map(Cow::Borrowed),
        presigned: None,
    };
    require_host(&auth)?;
    Ok(auth)
}

fn parse_query<'a>(req: &HttpRequest<'a>) -> Result<Option<ParsedAuth<'a>>, SigError> {
    const NAMES: [&str; 7] = [
        "X-Amz-Algorithm",
        "X-Amz-Credential",
        "X-Amz-Signature",
        "X-Amz-Date",
        "X-Amz-SignedHeaders",
        "X-Amz-Expires",
        "X-Amz-Security-Token",
    ];
    let mut found: [Option<&'a str>; 7] = [None; 7];
    if req.query.contains("X-Amz-") {
        for (name, value) in query_pairs(req.query) {
            if let Some(i) = NAMES.iter().position(|n| *n == name) {
                found[i].get_or_insert(value);
            }
        }
    }
    let [alg, credential, signature, date, signed, expires, token] = found;
    if alg.is_none() && credential.is_none() && signature.is_none() && signed.is_none() {
        return Ok(None);
    }
    let mut missing = String::new();
    for (name, value) in NAMES.iter().zip(&found).take(5) {
        if matches!(value, None | Some("")) {
            missing.push_str("AWS query-string parameters must include '");
            missing.push_str(name);
            missing.push_str("'. ");
        }
    }
    let (Some(alg), Some(credential), Some(signature), Some(date), Some(signed), true) =
        (alg, credential, signature, date, signed, missing.is_empty())
    else {
        missing.push_str("Re-examine the query-string parameters.");
        return Err(incomplete(missing));
    };
    if alg != ALGORITHM {
        return Err(incomplete(format!("Unsupported AWS 'algorithm': '{}'", decode_component(alg))));
    }
    if parse_amz_date(date).is_none() {
        return Err(bad_date(&decode_component(date)));
    }
    let presigned = expires.map(parse_expires).transpose()?;
    let auth = ParsedAuth {
        location: AuthLocation::Query,
        credential: parse_credential(credential, true)?,
        signed_headers: split_encoded(signed, b';', true).collect(),
        signature,
        amz_date: date.to_owned(),
        security_token: token.map(decode_component),
        presigned,
    };
    require_host(&auth)?;
    Ok(Some(auth))
}

fn parse_expires(raw: &str) -> Result<u64, SigError> {
    if raw.starts_with('-') && raw.len() > 1 && raw[1..].bytes().all(|b| b.is_ascii_digit()) {
        return Err(incomplete("X-Amz-Expires must be non-negative".into()));
    }
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(incomplete("X-Amz-Expires should be a number".into()));
    }
    match raw.parse::<u64>() {
        Ok(n) if n <= MAX_EXPIRES => Ok(n),
        _ => Err(incomplete(format!("X-Amz-Expires must be less than a week (in seconds) that is {MAX_EXPIRES}"))),
    }
}

fn bad_date(got: &str) -> SigError {
    incomplete(format!(
        "Date must be in ISO-8601 'basic format'. Got '{got}'. See http://en.wikipedia.org/wiki/ISO_8601"
    ))
}

fn require_host(auth: &ParsedAuth<'_>) -> Result<(), SigError> {
    if auth.signed_headers.iter().any(|h| h.eq_ignore_ascii_case("host") || *h == ":authority") {
        Ok(())
    } else {
        Err(incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.".into()))
    }
}

/// Splits `<key>/<date>/<region>/<service>/aws4_request`. In the query form
/// the slashes arrive as `%2F`; other escapes are left in place (no SDK
/// produces them; such a scope then simply fails to verify).
fn parse_credential(raw: &str, encoded: bool) -> Result<Credential<'_>, SigError> {
    let mut parts = [""; 5];
    let mut n = 0;
    let mut last = "";
    for p in split_encoded(raw, b'/', encoded) {
        if n < 5 {
            parts[n] = p;
        }
        n += 1;
        last = p;
    }
    if last != "aws4_request" {
        return Err(incomplete(format!(
            "Credential should be scoped with a valid terminator: 'aws4_request', not '{last}'."
        )));
    }
    let [access_key_id, date, region, service, _] = parts;
    if n == 4 || (n == 5 && service.is_empty()) {
        return Err(incomplete("Credential should be scoped to correct service.".into()));
    }
    if n != 5 || region.is_empty() {
        return Err(incomplete("Credential should be scoped to a valid region.".into()));
    }
    // An empty date fails the X-Amz-Date day check in `verify`; an empty
    // access key id fails the caller's key lookup (InvalidClientTokenId).
    Ok(Credential { access_key_id, date, region, service })
}

/// Splits on `sep` or, when `escaped`, also on its `%XX` escape (either hex case).
fn split_encoded(raw: &str, sep: u8, escaped: bool) -> impl Iterator<Item = &str> {
    let hex = [b"0123456789ABCDEF"[(sep >> 4) as usize], b"0123456789ABCDEF"[(sep & 15) as usize]];
    let mut rest = Some(raw);
    std::iter::from_fn(move || {
        let s = rest?;
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == sep {
                rest = Some(&s[i + 1..]);
                return Some(&s[..i]);
            }
            if escaped
                && b[i] == b'%'
                && i + 2 < b.len()
                && b[i + 1] == hex[0]
                && b[i + 2].eq_ignore_ascii_case(&hex[1])
            {
                rest = Some(&s[i + 3..]);
                return Some(&s[..i]);
            }
            i += 1;
        }
        rest = None;
        Some(s)
    })
}

/// `name=value` pairs of a raw query string; empty pieces are skipped and a
/// piece without `=` has an empty value.
pub(crate) fn query_pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    query.split('&').filter(|p| !p.is_empty()).map(|p| p.split_once('=').unwrap_or((p, "")))
}

fn hex_val(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Percent-decodes (with `+` as space) into `out`.
pub(crate) fn decode_into(raw: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'%' => {
                let hi = raw.get(i + 1).and_then(|&b| hex_val(b));
                let lo = raw.get(i + 2).and_then(|&b| hex_val(b));
                if let (Some(h), Some(l)) = (hi, lo) {
                    out.push(h << 4 | l);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
}

/// Percent-decodes a query component, borrowing when nothing is escaped.
pub(crate) fn decode_component(raw: &str) -> Cow<'_, str> {
    if !raw.bytes().any(|b| b == b'%' || b == b'+') {
        return Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len());
    decode_into(raw.as_bytes(), &mut out);
    match String::from_utf8(out) {
        Ok(s) => Cow::Owned(s),
        Err(e) => Cow::Owned(String::from_utf8_lossy(e.as_bytes()).into_owned()),
    }
}

fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || s.len() > 4 {
        return None;
    }
    s.iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

fn make_time(y: u32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<PrimitiveDateTime> {
    let month = Month::try_from(u8::try_from(mo).ok()?).ok()?;
    let date = Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?).ok()?;
    let time = Time::from_hms(u8::try_from(h).ok()?, u8::try_from(mi).ok()?, u8::try_from(s).ok()?).ok()?;
    Some(PrimitiveDateTime::new(date, time))
}

/// Parses `YYYYMMDDTHHMMSSZ`.
pub fn parse_amz_date(s: &str) -> Option<OffsetDateTime> {
    let b = s.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let t = make_time(
        digits(&b[0..4])?,
        digits(&b[4..6])?,
        digits(&b[6..8])?,
        digits(&b[9..11])?,
        digits(&b[11..13])?,
        digits(&b[13..15])?,
    )?;
    Some(t.assume_utc())
}

/// Parses a `Date` header: ISO-8601 basic, or RFC 7231 / RFC 2822
/// (`Sun, 30 Aug 2015 12:36:00 GMT`, `… -0000`, `… +0200`).
pub fn parse_http_date(s: &str) -> Option<OffsetDateTime> {
    let s = s.trim();
    if let Some(t) = parse_amz_date(s) {
        return Some(t);
    }
    let s = s.split_once(',').map_or(s, |(_, rest)| rest);
    let mut it = s.split_ascii_whitespace();
    let day = digits(it.next()?.as_bytes())?;
    let mon = it.next()?;
    let mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        .iter()
        .position(|m| m.eq_ignore_ascii_case(mon))? as u32
        + 1;
    let year = digits(it.next()?.as_bytes())?;
    let hms = it.next()?.as_bytes();
    if hms.len() != 8 || hms[2] != b':' || hms[5] != b':' {
        return None;
    }
    let t = make_time(year, mon, day, digits(&hms[0..2])?, digits(&hms[3..5])?, digits(&hms[6..8])?)?;
    let offset = match it.next().unwrap_or("GMT") {
        "GMT" | "UTC" | "UT" | "Z" => UtcOffset::UTC,
        z => {
            let b = z.as_bytes();
            if b.len() != 5 || !(b[0] == b'+' || b[0] == b'-') {
                return None;
            }
            let secs = i32::try_from(digits(&b[1..3])? * 3600 + digits(&b[3..5])? * 60).ok()?;
            UtcOffset::from_whole_seconds(if b[0] == b'-' { -secs } else { secs }).ok()?
        }
    };
    if it.next().is_some() {
        return None;
    }
    // A date whose UTC form falls outside years 1–9999 is no date at all.
    t.assume_offset(offset).checked_to_offset(UtcOffset::UTC)
}

/// Formats as `YYYYMMDDTHHMMSSZ` (UTC, seconds truncated).
pub fn format_amz_date(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}
