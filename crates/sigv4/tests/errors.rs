//! Parse errors, codes, statuses and the signing-key cache.

use sigv4::{parse, parse_http_date, sign_for_tests, verify, HttpRequest, SigError, SigningKeyCache};
use time::macros::datetime;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const DATE: &str = "20150830T123600Z";
const GOOD: &str = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

fn req<'a>(headers: &'a [(&'a str, &'a str)], query: &'a str) -> HttpRequest<'a> {
    HttpRequest { method: "GET", path: "/", query, headers, body: b"" }
}

fn parse_err(headers: &[(&str, &str)], query: &str) -> SigError {
    parse(&req(headers, query)).unwrap_err()
}

#[test]
fn no_auth_is_none() {
    let h = [("Host", "example.amazonaws.com")];
    assert_eq!(parse(&req(&h, "Action=X&X-Amz-Date=1")).unwrap(), None);
    let h = [("Host", "h"), ("Authorization", "  ")];
    assert_eq!(parse(&req(&h, "")).unwrap(), None);
    let e = SigError::MissingAuthenticationToken;
    assert_eq!(
        (e.code(), e.message(), e.http_status()),
        ("MissingAuthenticationToken", "Request is missing Authentication Token", 403)
    );
}

#[test]
fn missing_parameters_listed() {
    let h = [("Host", "h"), ("Authorization", "AWS4-HMAC-SHA256 Foo=bar")];
    let e = parse_err(&h, "");
    assert_eq!(e.code(), "IncompleteSignature");
    assert_eq!(e.http_status(), 400);
    assert_eq!(
        e.message(),
        "Authorization header requires 'Credential' parameter. Authorization header requires \
         'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. \
         Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. \
         Authorization=AWS4-HMAC-SHA256 Foo=bar"
    );
    let h = [("Host", "h"), ("Authorization", GOOD)];
    assert_eq!(
        parse_err(&h, "").message(),
        format!(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' \
             header. Authorization={GOOD}"
        )
    );
    let h = [("Host", "h"), ("Authorization", "AWS4-HMAC-SHA256 Credential")];
    assert_eq!(
        parse_err(&h, "").message(),
        "'Credential' not a valid key=value pair (missing equal-sign) in Authorization header: \
         'AWS4-HMAC-SHA256 Credential'"
    );
}

#[test]
fn unsupported_algorithm() {
    for (value, alg) in [("AWS AKID:c2ln", "AWS"), ("AWS4-ECDSA-P256-SHA256 Credential=a", "AWS4-ECDSA-P256-SHA256")] {
        let h = [("Host", "h"), ("X-Amz-Date", DATE), ("Authorization", value)];
        let e = parse_err(&h, "");
        assert_eq!(e.code(), "IncompleteSignature");
        assert_eq!(e.message(), format!("Unsupported AWS 'algorithm': '{alg}'"));
    }
}

#[test]
fn credential_scope_errors() {
    for (cred, msg) in [
        (
            "AKID/20150830/us-east-1/service/aws4",
            "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4'.",
        ),
        ("AKID/20150830/us-east-1/aws4_request", "Credential should be scoped to correct service."),
        ("AKID/20150830/aws4_request", "Credential should be scoped to a valid region."),
        ("AKID/20150830//service/aws4_request", "Credential should be scoped to a valid region."),
    ] {
        let value = format!("AWS4-HMAC-SHA256 Credential={cred}, SignedHeaders=host;x-amz-date, Signature=ab");
        let h = [("Host", "h"), ("X-Amz-Date", DATE), ("Authorization", &value)];
        assert_eq!(parse_err(&h, ""), SigError::IncompleteSignature(msg.into()), "{cred}");
    }
}

#[test]
fn host_must_be_signed_and_dates_well_formed() {
    let value =
        "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/s/aws4_request, SignedHeaders=x-amz-date, Signature=ab";
    let h = [("Host", "h"), ("X-Amz-Date", DATE), ("Authorization", value)];
    assert_eq!(
        parse_err(&h, "").message(),
        "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
    );
    let h = [("Host", "h"), ("X-Amz-Date", "2015-08-30"), ("Authorization", GOOD)];
    assert_eq!(
        parse_err(&h, "").message(),
        "Date must be in ISO-8601 'basic format'. Got '2015-08-30'. See http://en.wikipedia.org/wiki/ISO_8601"
    );
}

#[test]
fn query_form_errors() {
    let h = [("Host", "h")];
    let e = parse_err(&h, "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20150830T123600Z");
    assert_eq!(e.code(), "IncompleteSignature");
    assert_eq!(
        e.message(),
        "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string \
         parameters must include 'X-Amz-Signature'. AWS query-string parameters must include \
         'X-Amz-SignedHeaders'. Re-examine the query-string parameters."
    );
    let base = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20150830%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Signature=ab";
    let ok = parse(&req(&h, base)).unwrap().unwrap();
    assert_eq!(ok.credential.service, "sts");
    assert_eq!(ok.presigned, None);
    for (expires, msg) in [
        ("abc", "X-Amz-Expires should be a number"),
        ("-5", "X-Amz-Expires must be non-negative"),
        ("604801", "X-Amz-Expires must be less than a week (in seconds) that is 604800"),
    ] {
        let q = format!("{base}&X-Amz-Expires={expires}");
        assert_eq!(parse_err(&h, &q), SigError::IncompleteSignature(msg.into()));
    }
    let q = base.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1");
    assert_eq!(parse_err(&h, &q).message(), "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1'");
}

#[test]
fn credential_date_must_match_request_day() {
    let h = [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150831T000000Z"), ("Authorization", GOOD)];
    let r = req(&h, "");
    let auth = parse(&r).unwrap().unwrap();
    let e = verify(&r, &auth, SECRET, datetime!(2015-08-31 0:00 UTC), &SigningKeyCache::new()).unwrap_err();
    assert_eq!(e.code(), "SignatureDoesNotMatch");
    assert_eq!(
        e.message(),
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from \
         HTTP: '20150830' != '20150831', from '20150831T000000Z'."
    );
}

#[test]
fn signed_header_missing_from_request() {
    let value = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    let h = [("Host", "example.amazonaws.com"), ("X-Amz-Date", DATE), ("Authorization", value)];
    let r = req(&h, "");
    let auth = parse(&r).unwrap().unwrap();
    let e = verify(&r, &auth, SECRET, datetime!(2015-08-30 12:36 UTC), &SigningKeyCache::new()).unwrap_err();
    assert_eq!(e.code(), "SignatureDoesNotMatch");
    assert!(e.message().contains("\nmy-header1:\n"));
}

#[test]
fn scope_check_messages() {
    let h = [("Host", "h"), ("X-Amz-Date", DATE), ("Authorization", GOOD)];
    let r = req(&h, "");
    let auth = parse(&r).unwrap().unwrap();
    auth.credential.check_scope("us-east-1", "service").unwrap();
    assert_eq!(
        auth.credential.check_scope("eu-west-1", "service"),
        Err(SigError::SignatureDoesNotMatch("Credential should be scoped to a valid region, not 'us-east-1'.".into()))
    );
    assert_eq!(
        auth.credential.check_scope("us-east-1", "sts").unwrap_err().message(),
        "Credential should be scoped to correct service: 'sts'."
    );
}

#[test]
fn statuses() {
    let table = [
        (SigError::MissingAuthenticationToken, "MissingAuthenticationToken", 403),
        (SigError::IncompleteSignature(String::new()), "IncompleteSignature", 400),
        (SigError::SignatureDoesNotMatch(String::new()), "SignatureDoesNotMatch", 403),
        (SigError::SignatureExpired(String::new()), "SignatureDoesNotMatch", 403),
        (SigError::RequestExpired(String::new()), "RequestExpired", 400),
        (SigError::InvalidClientTokenId, "InvalidClientTokenId", 403),
        (SigError::XAmzContentSha256Mismatch, "XAmzContentSHA256Mismatch", 400),
    ];
    for (e, code, status) in table {
        assert_eq!((e.code(), e.http_status()), (code, status));
    }
    assert_eq!(SigError::InvalidClientTokenId.to_string(), "The security token included in the request is invalid.");
}

#[test]
fn http_dates() {
    let t = datetime!(2015-08-30 12:36:00 UTC);
    for s in [
        "Sun, 30 Aug 2015 12:36:00 GMT",
        "Sun, 30 Aug 2015 12:36:00 -0000",
        "30 Aug 2015 14:36:00 +0200",
        "20150830T123600Z",
    ] {
        assert_eq!(parse_http_date(s), Some(t), "{s}");
    }
    for bad in [
        "Sun, 31 Feb 2015 12:36:00 GMT",
        "Sun, 99999999999 Aug 2015 12:36:00 GMT",
        "Sun, 30 Aug 2015 12:36:00 GMT extra",
        "",
    ] {
        assert_eq!(parse_http_date(bad), None, "{bad}");
    }
}

#[test]
fn sign_and_verify_roundtrip_and_cache() {
    let h =
        [("Host", "iam.amazonaws.com"), ("Content-Type", "application/x-www-form-urlencoded"), ("X-Amz-Date", DATE)];
    let body = b"Action=ListUsers&Version=2010-05-08";
    let mut r = HttpRequest { method: "POST", path: "/", query: "", headers: &h, body };
    let authz =
        sign_for_tests(&r, "AKID", SECRET, "us-east-1", "iam", &["Host", "content-type", "x-amz-date"]).unwrap();
    assert!(authz.contains("SignedHeaders=content-type;host;x-amz-date,"));
    let h2 = [h[0], h[1], h[2], ("authorization", authz.as_str())];
    r.headers = &h2;
    let auth = parse(&r).unwrap().unwrap();
    let cache = SigningKeyCache::with_capacity(16);
    let now = datetime!(2015-08-30 12:40 UTC);
    verify(&r, &auth, SECRET, now, &cache).unwrap();
    verify(&r, &auth, SECRET, now, &cache).unwrap();
    assert_eq!(cache.len(), 1);
    // A rotated secret is never served from the cache.
    assert!(verify(&r, &auth, "other", now, &cache).is_err());
    verify(&r, &auth, SECRET, now, &cache).unwrap();
    // Bounded.
    for i in 0..200 {
        let mut a = auth.clone();
        let id = format!("AKID{i}");
        a.credential.access_key_id = &id;
        let _ = verify(&r, &a, SECRET, now, &cache);
    }
    assert!(cache.len() <= 32, "{}", cache.len());
    cache.clear();
    assert!(cache.is_empty());
    // Uppercase hex signature is accepted too; garbage is a mismatch.
    let mut a = auth.clone();
    let upper = auth.signature.to_ascii_uppercase();
    a.signature = &upper;
    verify(&r, &a, SECRET, now, &cache).unwrap();
    a.signature = "zz";
    assert_eq!(verify(&r, &a, SECRET, now, &cache).unwrap_err().code(), "SignatureDoesNotMatch");
}

#[test]
fn cache_is_send_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<SigningKeyCache>();
}
