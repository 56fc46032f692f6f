//! Shared by the fuzz targets: choosing a service model and an operation from the first bytes
//! of an input, the 4xx invariant, and running the answer encoders over a decoded value.
//!
//! Input prefix (all targets that need an operation):
//!   byte 0      service model: MODELS[b0 % 9]
//!   bytes 1..3  operation: big-endian u16 % number of operations, over the names sorted
//!   bytes 3..   the request proper
//! `fuzz/seeds/gen_seeds.py` writes seeds in this layout.
#![allow(dead_code)]

use std::sync::OnceLock;

use serde_json::Value;
use wire::model::{load_embedded, Operation, Protocol, Shape, ShapeType};
use wire::protocol::{encode_err, json, xml};
use wire::{ApiError, ServiceModel};

pub const MODELS: [&str; 9] = ["iam", "sts", "ec2", "elbv2", "elb", "autoscaling", "sns", "cloudformation", "cloudwatch"];

pub struct Service {
    pub name: &'static str,
    pub model: &'static ServiceModel,
    /// (operation name, input shape), sorted by name so the byte -> operation map is stable.
    pub ops: Vec<(&'static str, Option<&'static str>)>,
}

pub fn services() -> &'static [Service] {
    static S: OnceLock<Vec<Service>> = OnceLock::new();
    S.get_or_init(|| {
        MODELS
            .iter()
            .map(|&name| {
                let model = load_embedded(name);
                let mut ops: Vec<_> = model.operations.iter().map(|(k, op)| (k.as_str(), op.input.as_deref())).collect();
                ops.sort_unstable();
                Service { name, model, ops }
            })
            .collect()
    })
}

pub struct Pick<'d> {
    pub svc: &'static Service,
    pub op: &'static str,
    pub input: Option<&'static str>,
    pub rest: &'d [u8],
}

pub fn pick(data: &[u8]) -> Option<Pick<'_>> {
    if data.len() < 3 {
        return None;
    }
    let svcs = services();
    let svc = &svcs[data[0] as usize % svcs.len()];
    let idx = u16::from_be_bytes([data[1], data[2]]) as usize % svc.ops.len();
    let (op, input) = svc.ops[idx];
    Some(Pick { svc, op, input, rest: &data[3..] })
}

/// The invariant: a request can only be refused with a client (4xx) error. Also runs the error
/// through the four error envelopes.
pub fn check_api(err: &ApiError, what: &str, model: Option<&ServiceModel>) {
    assert!(
        (400..500).contains(&err.status),
        "{what} answered a non-4xx error: status {} code {} message {:?}",
        err.status,
        err.code,
        err.message
    );
    assert!(err.sender_fault, "{what}: 4xx error {} not marked as the sender's fault", err.code);
    for p in [Protocol::Query, Protocol::Ec2, Protocol::Json, Protocol::Cbor] {
        let enc = encode_err(p, model, err, "fuzz-request-id");
        assert_eq!(enc.status, err.status);
    }
}

/// Write a decoded input back out through every answer encoder, with the operation's input shape
/// standing in as the output shape (so the encoders see real, shape-conforming fuzzed values),
/// and check that the CBOR encoding decodes again.
pub fn encode_all(p: &Pick<'_>, value: &Value) {
    let model = p.svc.model;
    let fake = Operation { input: None, output: p.input.map(str::to_string), result_wrapper: None, errors: vec![] };
    let known_bug = SKIP_KNOWN_TIMESTAMP_OVERFLOW
        && p.input.is_some_and(|s| has_overflowing_timestamp(model, model.shape(s), value));
    if !known_bug {
        let q = xml::query_response(model, p.op, &fake, value, "fuzz-request-id");
        assert!(q.ends_with("Response>"));
        let e = xml::ec2_response(model, p.op, &fake, value, "fuzz-request-id");
        assert!(e.ends_with("Response>"));
    }
    let _ = json::encode_json(value);
    let cbor = json::encode_cbor(model, p.input, value);
    if let Err(err) = json::decode_cbor(model, p.input, &cbor) {
        panic!("CBOR written by encode_cbor for {}.{} does not decode again: {err}", p.svc.name, p.op);
    }
}

/// Known, reported bug (fuzz/regressions/*-timestamp-mul-overflow, see fuzz/README.md):
/// `wire::timestamp::format_iso8601` computes `(epoch * 1000.0).round() as i128 * 1_000_000`,
/// which overflows (a panic with overflow checks on) for |epoch| above about 1.7e29 s, and both
/// decoders accept such timestamps. While it stands, the XML encoders are skipped for exactly
/// those values so the fuzzers can look past it. Set to false once the crate is fixed.
const SKIP_KNOWN_TIMESTAMP_OVERFLOW: bool = false;

fn has_overflowing_timestamp(model: &ServiceModel, shape: &Shape, v: &Value) -> bool {
    match (shape.kind, v) {
        (ShapeType::Timestamp, Value::Number(n)) => {
            n.as_f64().is_some_and(|t| ((t * 1000.0).round() as i128).checked_mul(1_000_000).is_none())
        }
        (ShapeType::Structure, Value::Object(obj)) => shape.members.iter().any(|(name, r)| {
            obj.get(name).is_some_and(|m| has_overflowing_timestamp(model, model.shape(&r.shape), m))
        }),
        (ShapeType::List, Value::Array(items)) => shape.member.as_ref().is_some_and(|r| {
            items.iter().any(|i| has_overflowing_timestamp(model, model.shape(&r.shape), i))
        }),
        (ShapeType::Map, Value::Object(obj)) => shape.value.as_ref().is_some_and(|r| {
            obj.values().any(|m| has_overflowing_timestamp(model, model.shape(&r.shape), m))
        }),
        _ => false,
    }
}
