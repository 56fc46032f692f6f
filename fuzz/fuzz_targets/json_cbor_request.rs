//! awsJson and smithy-rpc-v2-cbor bodies: decode_json / decode_cbor -> validate -> the answer
//! encoders. Invariant: no panic; every error is a 4xx.
//!
//! Input: 3 bytes choosing model and operation (see common.rs), then the body. The same body is
//! given to both decoders (seeds carry either a JSON or a CBOR body).
#![no_main]

use libfuzzer_sys::fuzz_target;
use wire::protocol::json::{decode_cbor, decode_json};
use wire::validate::validate;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some(p) = common::pick(data) else { return };
    let model = p.svc.model;
    for (what, res) in [("decode_json", decode_json(model, p.input, p.rest)), ("decode_cbor", decode_cbor(model, p.input, p.rest))] {
        match res {
            Err(e) => common::check_api(&e, what, Some(model)),
            Ok(value) => {
                assert!(value.is_object(), "{what} gave a non-object");
                for ec2 in [false, true] {
                    if let Err(e) = validate(model, p.input, &value, ec2) {
                        common::check_api(&e, "validate", Some(model));
                    }
                }
                common::encode_all(&p, &value);
            }
        }
    }
});
