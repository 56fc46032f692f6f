//! Service models: the operations and shapes of one AWS service, as botocore describes them.
//!
//! The JSON files under `crates/wire/models/` are produced by `tools/gen_models.py` from the
//! botocore models installed on the developer's machine and committed; they are embedded in the
//! binary, so the wire layer (de)serialises every operation of a service without hand-written
//! shapes.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

/// The wire protocol a service speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// awsQuery: form-encoded parameters, XML answers wrapped in `<OpResult>`.
    Query,
    /// ec2Query: like awsQuery but flattened lists and `<requestId>` answers.
    Ec2,
    /// awsJson 1.0 / 1.1: `X-Amz-Target` and JSON bodies.
    Json,
    /// smithy-rpc-v2-cbor: `/service/S/operation/O` and CBOR bodies.
    Cbor,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    pub protocol: String,
    #[serde(default)]
    pub protocols: Vec<String>,
    pub api_version: String,
    #[serde(default)]
    pub xml_namespace: Option<String>,
    #[serde(default)]
    pub target_prefix: Option<String>,
    #[serde(default)]
    pub json_version: Option<String>,
    #[serde(default)]
    pub signing_name: Option<String>,
    #[serde(default)]
    pub endpoint_prefix: Option<String>,
    #[serde(default)]
    pub service_id: Option<String>,
    #[serde(default)]
    pub aws_query_compatible: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    #[serde(default)]
    pub input: Option<String>,
    #[serde(default)]
    pub output: Option<String>,
    #[serde(default)]
    pub result_wrapper: Option<String>,
    #[serde(default)]
    pub errors: Vec<String>,
}

/// A reference from a structure member, list member or map key/value to a shape.
#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ShapeRef {
    pub shape: String,
    #[serde(default)]
    pub location_name: Option<String>,
    #[serde(default)]
    pub query_name: Option<String>,
    #[serde(default)]
    pub flattened: bool,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ShapeType {
    Structure,
    List,
    Map,
    String,
    Integer,
    Long,
    Float,
    Double,
    Boolean,
    Timestamp,
    Blob,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ErrorTrait {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub http_status_code: Option<u16>,
    #[serde(default)]
    pub sender_fault: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shape {
    #[serde(rename = "type")]
    pub kind: ShapeType,
    #[serde(default)]
    pub members: BTreeMap<String, ShapeRef>,
    #[serde(default)]
    pub required: Vec<String>,
    #[serde(default)]
    pub member: Option<ShapeRef>,
    #[serde(default)]
    pub key: Option<ShapeRef>,
    #[serde(default)]
    pub value: Option<ShapeRef>,
    #[serde(default)]
    pub flattened: bool,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default, rename = "enum")]
    pub enum_values: Vec<String>,
    #[serde(default)]
    pub error: Option<ErrorTrait>,
    #[serde(default)]
    pub location_name: Option<String>,
    #[serde(skip)]
    regex: OnceLock<Option<Regex>>,
}

impl Shape {
    /// The shape's `pattern` compiled, anchored to the whole value. Java-style patterns the
    /// `regex` crate cannot compile are not enforced (and said so once in the log of tests).
    pub fn pattern_regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| {
                let p = self.pattern.as_ref()?;
                Regex::new(&format!("^(?:{p})$")).ok()
            })
            .as_ref()
    }
}

/// One service's model, loaded from its embedded JSON.
#[derive(Debug, Deserialize)]
pub struct ServiceModel {
    pub metadata: Metadata,
    pub operations: HashMap<String, Operation>,
    pub shapes: HashMap<String, Shape>,
}

impl ServiceModel {
    pub fn from_json(json: &str) -> Result<ServiceModel, serde_json::Error> {
        serde_json::from_str(json)
    }

    pub fn shape(&self, name: &str) -> &Shape {
        // The generator only writes closed models; a dangling name is a build defect.
        self.shapes
            .get(name)
            .unwrap_or_else(|| panic!("shape {name} missing from the {} model", self.metadata.api_version))
    }

    /// The protocol a request for this service arrives in when the request names none.
    pub fn default_protocol(&self) -> Protocol {
        match self.metadata.protocol.as_str() {
            "ec2" => Protocol::Ec2,
            "json" => Protocol::Json,
            "smithy-rpc-v2-cbor" => Protocol::Cbor,
            _ => Protocol::Query,
        }
    }

    pub fn speaks(&self, protocol: Protocol) -> bool {
        let name = match protocol {
            Protocol::Query => "query",
            Protocol::Ec2 => "ec2",
            Protocol::Json => "json",
            Protocol::Cbor => "smithy-rpc-v2-cbor",
        };
        self.metadata.protocol == name || self.metadata.protocols.iter().any(|p| p == name)
    }

    pub fn xml_namespace(&self) -> &str {
        self.metadata.xml_namespace.as_deref().unwrap_or("")
    }

    /// The name CloudWatch-style awsQueryCompatible services use for an error code in the
    /// query protocol, when it differs from the shape name.
    pub fn query_error_code<'a>(&'a self, shape_name: &'a str) -> &'a str {
        self.shapes.get(shape_name).and_then(|s| s.error.as_ref()).and_then(|e| e.code.as_deref()).unwrap_or(shape_name)
    }
}

/// The models this build embeds, by service model name.
pub fn embedded(name: &str) -> Option<&'static str> {
    Some(match name {
        "iam" => include_str!("../models/iam.json"),
        "sts" => include_str!("../models/sts.json"),
        "ec2" => include_str!("../models/ec2.json"),
        "elbv2" => include_str!("../models/elbv2.json"),
        "elb" => include_str!("../models/elb.json"),
        "autoscaling" => include_str!("../models/autoscaling.json"),
        "sns" => include_str!("../models/sns.json"),
        "cloudformation" => include_str!("../models/cloudformation.json"),
        "cloudwatch" => include_str!("../models/cloudwatch.json"),
        "secretsmanager" => include_str!("../models/secretsmanager.json"),
        "ssm" => include_str!("../models/ssm.json"),
        "rds" => include_str!("../models/rds.json"),
        "sqs" => include_str!("../models/sqs.json"),
        "ce" => include_str!("../models/ce.json"),
        _ => return None,
    })
}

/// An embedded model's metadata, parsed once per process without the operations and shapes
/// (those stay unparsed until `load_embedded`: a service never called costs no memory).
pub fn embedded_metadata(name: &str) -> &'static Metadata {
    #[derive(Deserialize)]
    struct Head {
        metadata: Metadata,
    }
    static CACHE: OnceLock<std::sync::Mutex<HashMap<String, &'static Metadata>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(m) = map.get(name) {
        return m;
    }
    let json = embedded(name).unwrap_or_else(|| panic!("no embedded model {name}"));
    let head: Head = serde_json::from_str(json).expect("embedded model parses");
    let metadata: &'static Metadata = Box::leak(Box::new(head.metadata));
    map.insert(name.to_string(), metadata);
    metadata
}

/// Load an embedded model once per process.
pub fn load_embedded(name: &str) -> &'static ServiceModel {
    static CACHE: OnceLock<std::sync::Mutex<HashMap<String, &'static ServiceModel>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(m) = map.get(name) {
        return m;
    }
    let json = embedded(name).unwrap_or_else(|| panic!("no embedded model {name}"));
    let model: &'static ServiceModel =
        Box::leak(Box::new(ServiceModel::from_json(json).expect("embedded model parses")));
    map.insert(name.to_string(), model);
    model
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_model_loads_and_is_closed() {
        for name in [
            "iam",
            "sts",
            "ec2",
            "elbv2",
            "elb",
            "autoscaling",
            "sns",
            "cloudformation",
            "cloudwatch",
            "secretsmanager",
            "ssm",
            "rds",
            "sqs",
            "ce",
        ] {
            let m = load_embedded(name);
            let head = embedded_metadata(name);
            assert_eq!(
                (&head.api_version, &head.protocol, &head.signing_name, &head.target_prefix),
                (&m.metadata.api_version, &m.metadata.protocol, &m.metadata.signing_name, &m.metadata.target_prefix),
                "{name}: the metadata read alone is the model's"
            );
            for (op_name, op) in &m.operations {
                for s in op.input.iter().chain(op.output.iter()).chain(op.errors.iter()) {
                    assert!(m.shapes.contains_key(s), "{name}.{op_name} refers to missing {s}");
                }
            }
        }
        assert_eq!(load_embedded("sts").default_protocol(), Protocol::Query);
        assert_eq!(load_embedded("ec2").default_protocol(), Protocol::Ec2);
        assert!(load_embedded("cloudwatch").speaks(Protocol::Json));
        assert!(load_embedded("cloudwatch").speaks(Protocol::Cbor));
    }
}
