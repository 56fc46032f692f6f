//! The canonical request and string to sign, written to a [`Sink`] so the
//! hot path streams straight into SHA-256 / HMAC without building strings;
//! the same code fills a buffer when an error message needs the text.

use std::borrow::Cow;

use hmac::{Hmac, Mac};
use percent_encoding::{percent_encode, AsciiSet, NON_ALPHANUMERIC};
use sha2::{Digest, Sha256};

use crate::parse::{decode_into, query_pairs, AuthLocation, HttpRequest, ParsedAuth, ALGORITHM};

/// Everything but `A-Z a-z 0-9 - _ . ~` is escaped (AWS's `UriEncode`).
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
const UNRESERVED_AND_SLASH: &AsciiSet = &UNRESERVED.remove(b'/');

/// Destination of canonical text.
pub(crate) trait Sink {
    fn put(&mut self, bytes: &[u8]);
}

impl Sink for Sha256 {
    fn put(&mut self, bytes: &[u8]) {
        Digest::update(self, bytes);
    }
}

impl Sink for Hmac<Sha256> {
    fn put(&mut self, bytes: &[u8]) {
        Mac::update(self, bytes);
    }
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// A canonical `name=value` query pair (already AWS-encoded).
pub(crate) type QueryPair<'a> = (Cow<'a, str>, Cow<'a, str>);

/// Inputs of one canonical request.
pub(crate) struct Canonical<'r, 'a> {
    pub req: &'r HttpRequest<'a>,
    pub auth: &'r ParsedAuth<'a>,
    /// Sorted, encoded query pairs (see [`canonical_query`]).
    pub query: &'r [QueryPair<'a>],
    pub payload_hash: &'r str,
    /// S3 rules: path not normalized and encoded only once.
    pub s3: bool,
}

impl Canonical<'_, '_> {
    /// Writes the canonical request; returns false when a signed header is
    /// absent from the request (written with an empty value).
    pub fn write<S: Sink>(&self, out: &mut S) -> bool {
        out.put(self.req.method.as_bytes());
        out.put(b"\n");
        if self.s3 {
            write_path_s3(self.req.path, out);
        } else {
            write_path_normalized(self.req.path, out);
        }
        out.put(b"\n");
        for (i, (k, v)) in self.query.iter().enumerate() {
            if i > 0 {
                out.put(b"&");
            }
            out.put(k.as_bytes());
            out.put(b"=");
            out.put(v.as_bytes());
        }
        out.put(b"\n");
        let mut complete = true;
        for name in &self.auth.signed_headers {
            out.put(name.as_bytes());
            out.put(b":");
            let mut found = false;
            for (k, v) in self.req.headers {
                if k.eq_ignore_ascii_case(name) {
                    if found {
                        out.put(b",");
                    }
                    found = true;
                    write_trimmed(v, out);
                }
            }
            complete &= found;
            out.put(b"\n");
        }
        out.put(b"\n");
        for (i, name) in self.auth.signed_headers.iter().enumerate() {
            if i > 0 {
                out.put(b";");
            }
            out.put(name.as_bytes());
        }
        out.put(b"\n");
        out.put(self.payload_hash.as_bytes());
        complete
    }

    /// Writes the string to sign for the given hex SHA-256 of the canonical request.
    pub fn write_string_to_sign<S: Sink>(&self, creq_hash_hex: &[u8], out: &mut S) {
        let c = &self.auth.credential;
        out.put(ALGORITHM.as_bytes());
        out.put(b"\n");
        out.put(self.auth.amz_date.as_bytes());
        out.put(b"\n");
        for part in [c.date, "/", c.region, "/", c.service, "/aws4_request\n"] {
            out.put(part.as_bytes());
        }
        out.put(creq_hash_hex);
    }

    /// Hex SHA-256 of the canonical request, and whether it was complete.
    pub fn hash(&self) -> ([u8; 64], bool) {
        let mut h = Sha256::new();
        let complete = self.write(&mut h);
        (hex_sha(h), complete)
    }

    /// Canonical request and string to sign as text (for error messages).
    pub fn texts(&self) -> (String, String) {
        let mut creq = Vec::with_capacity(512);
        self.write(&mut creq);
        let mut sts = Vec::with_capacity(160);
        self.write_string_to_sign(&hex_sha(Sha256::new_with_prefix(&creq)), &mut sts);
        (String::from_utf8_lossy(&creq).into_owned(), String::from_utf8_lossy(&sts).into_owned())
    }
}

pub(crate) fn hex_sha(h: Sha256) -> [u8; 64] {
    let mut hex = [0u8; 64];
    hex::encode_to_slice(h.finalize(), &mut hex).expect("64 hex digits");
    hex
}

/// Values trimmed and inner whitespace runs collapsed to one space.
fn write_trimmed<S: Sink>(value: &str, out: &mut S) {
    for (i, word) in value.split_ascii_whitespace().enumerate() {
        if i > 0 {
            out.put(b" ");
        }
        out.put(word.as_bytes());
    }
}

fn write_encoded<S: Sink>(bytes: &[u8], set: &'static AsciiSet, out: &mut S) {
    for chunk in percent_encode(bytes, set) {
        out.put(chunk.as_bytes());
    }
}

/// Non-S3 services: the raw path is normalized (dot segments and empty
/// segments removed, as botocore and the other SDKs do) and URI-encoded once
/// more — the "double encoding" every SDK applies for these services.
fn write_path_normalized<S: Sink>(path: &str, out: &mut S) {
    if path.is_empty() {
        return out.put(b"/");
    }
    let n = path.split('/').count();
    let clean =
        path.split('/').enumerate().all(|(i, s)| !(s == "." || s == ".." || (s.is_empty() && i != 0 && i != n - 1)));
    if clean {
        return write_encoded(path.as_bytes(), UNRESERVED_AND_SLASH, out);
    }
    let mut segments: Vec<&str> = Vec::new();
    for s in path.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            _ => segments.push(s),
        }
    }
    if path.starts_with('/') {
        out.put(b"/");
    }
    for (i, s) in segments.iter().enumerate() {
        if i > 0 {
            out.put(b"/");
        }
        write_encoded(s.as_bytes(), UNRESERVED, out);
    }
    if path.ends_with('/') && !segments.is_empty() {
        out.put(b"/");
    }
}

/// S3: each raw segment is decoded and encoded once (an escaped `/` stays `%2F`).
fn write_path_s3<S: Sink>(path: &str, out: &mut S) {
    if path.is_empty() {
        return out.put(b"/");
    }
    let mut buf = Vec::new();
    for (i, seg) in path.split('/').enumerate() {
        if i > 0 {
            out.put(b"/");
        }
        if seg.contains('%') {
            buf.clear();
            decode_path_into(seg.as_bytes(), &mut buf);
            write_encoded(&buf, UNRESERVED, out);
        } else {
            write_encoded(seg.as_bytes(), UNRESERVED, out);
        }
    }
}

fn decode_path_into(raw: &[u8], out: &mut Vec<u8>) {
    // Path segments: '+' is literal, unlike in the query.
    for (i, piece) in raw.split(|&b| b == b'+').enumerate() {
        if i > 0 {
            out.push(b'+');
        }
        decode_into(piece, out);
    }
}

/// Canonical query pairs: each name and value decoded (`+` is a space) and
/// re-encoded with the unreserved set, sorted by name then value. The
/// query form leaves out `X-Amz-Signature`. Components already in canonical
/// form (what SDKs send) are borrowed.
pub(crate) fn canonical_query<'a>(query: &'a str, location: AuthLocation) -> Vec<QueryPair<'a>> {
    if query.is_empty() {
        return Vec::new();
    }
    let mut pairs: Vec<QueryPair<'a>> = query_pairs(query)
        .filter(|(k, _)| !(location == AuthLocation::Query && *k == "X-Amz-Signature"))
        .map(|(k, v)| (canonical_component(k), canonical_component(v)))
        .collect();
    pairs.sort_unstable();
    pairs
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

fn is_upper_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'A'..=b'F').contains(&b)
}

fn is_canonical(raw: &str) -> bool {
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if is_unreserved(b[i]) {
            i += 1;
        } else if b[i] == b'%'
            && i + 2 < b.len()
            && is_upper_hex(b[i + 1])
            && is_upper_hex(b[i + 2])
            && !is_unreserved(u8::from_str_radix(&raw[i + 1..i + 3], 16).unwrap_or(b'%'))
        {
            i += 3;
        } else {
            return false;
        }
    }
    true
}

fn canonical_component(raw: &str) -> Cow<'_, str> {
    if is_canonical(raw) {
        return Cow::Borrowed(raw);
    }
    let mut decoded = Vec::with_capacity(raw.len());
    decode_into(raw.as_bytes(), &mut decoded);
    Cow::Owned(percent_encode(&decoded, UNRESERVED).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &str, s3: bool) -> String {
        let mut out = Vec::new();
        if s3 {
            write_path_s3(p, &mut out);
        } else {
            write_path_normalized(p, &mut out);
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn path_rules() {
        assert_eq!(path("", false), "/");
        assert_eq!(path("/", false), "/");
        assert_eq!(path("//", false), "/");
        assert_eq!(path("//example//", false), "/example/");
        assert_eq!(path("/example/..", false), "/");
        assert_eq!(path("/a/./b/../c/", false), "/a/c/");
        assert_eq!(path("/my%20fn/$x", false), "/my%2520fn/%24x");
        assert_eq!(path("/a%2Fb/c d+", true), "/a%2Fb/c%20d%2B");
        assert_eq!(path("/k%7e/%41", true), "/k~/A");
    }

    #[test]
    fn query_rules() {
        let q = canonical_query("b=2&a=x+y&a=%7e&c&X-Amz-Signature=s", AuthLocation::Query);
        let s: Vec<String> = q.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(s, ["a=x%20y", "a=~", "b=2", "c="]);
        assert!(matches!(q[2].0, Cow::Borrowed(_)));
        let q = canonical_query("X-Amz-Signature=s&%e1%88%b4=%2a", AuthLocation::Header);
        let s: Vec<String> = q.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(s, ["%E1%88%B4=%2A", "X-Amz-Signature=s"]);
    }
}
