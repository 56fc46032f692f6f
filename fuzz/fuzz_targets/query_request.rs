//! awsQuery / ec2Query requests: form parameters -> QueryParams::parse -> query::decode (both
//! flavours) -> validate -> the answer encoders. Invariant: no panic; every error is a 4xx.
//!
//! Input: 3 bytes choosing model and operation (see common.rs), then the URL query string, an
//! optional '\n', and the form body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wire::protocol::query::{self, QueryParams};
use wire::validate::validate;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some(p) = common::pick(data) else { return };
    let model = p.svc.model;
    let parts: Vec<&[u8]> = match p.rest.iter().position(|&b| b == b'\n') {
        Some(i) => vec![&p.rest[..i], &p.rest[i + 1..]],
        None => vec![p.rest],
    };
    let params = match QueryParams::parse(&parts) {
        Ok((params, _action, _version)) => params,
        Err(e) => return common::check_api(&e, "QueryParams::parse", Some(model)),
    };
    for ec2 in [false, true] {
        match query::decode(model, p.input, &params, ec2) {
            Err(e) => common::check_api(&e, "query::decode", Some(model)),
            Ok(value) => {
                assert!(value.is_object(), "query::decode gave a non-object");
                for strict in [ec2, !ec2] {
                    if let Err(e) = validate(model, p.input, &value, strict) {
                        common::check_api(&e, "validate", Some(model));
                    }
                }
                common::encode_all(&p, &value);
            }
        }
    }
    // An operation without input: any parameter is unknown.
    if let Err(e) = query::decode(model, None, &params, false) {
        common::check_api(&e, "query::decode(None)", Some(model));
    }
});
