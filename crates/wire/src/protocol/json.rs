//! awsJson 1.0/1.1 and smithy-rpc-v2-cbor bodies. Both carry the input shape's members by
//! name; this module checks each value's type against the shape and brings timestamps and
//! blobs to homeground's inner form (epoch seconds; base64 text).

use base64::Engine;
use ciborium::value::Value as Cbor;
use serde_json::{Map, Number, Value};

use crate::error::ApiError;
use crate::model::{ServiceModel, Shape, ShapeType};
use crate::timestamp;

fn serialization(message: impl Into<String>) -> ApiError {
    ApiError::new(400, "SerializationException", message)
}

/// Read a JSON body (empty means `{}`) into the input shape.
pub fn decode_json(model: &ServiceModel, input: Option<&str>, body: &[u8]) -> Result<Value, ApiError> {
    let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Object(Map::new())
    } else {
        serde_json::from_slice(body).map_err(|e| serialization(format!("The request body is not valid JSON: {e}")))?
    };
    normalize_input(model, input, value)
}

/// Read a CBOR body (empty means `{}`) into the input shape.
pub fn decode_cbor(model: &ServiceModel, input: Option<&str>, body: &[u8]) -> Result<Value, ApiError> {
    if body.is_empty() {
        return normalize_input(model, input, Value::Object(Map::new()));
    }
    let cbor: Cbor = ciborium::de::from_reader(body)
        .map_err(|e| serialization(format!("The request body is not valid CBOR: {e}")))?;
    normalize_input(model, input, cbor_to_json(cbor)?)
}

fn normalize_input(model: &ServiceModel, input: Option<&str>, value: Value) -> Result<Value, ApiError> {
    if !value.is_object() {
        return Err(serialization("The request body must be an object."));
    }
    match input {
        Some(shape) => normalize(model, model.shape(shape), value, ""),
        None => Ok(Value::Object(Map::new())),
    }
}

fn cbor_to_json(v: Cbor) -> Result<Value, ApiError> {
    Ok(match v {
        Cbor::Null => Value::Null,
        Cbor::Bool(b) => Value::Bool(b),
        Cbor::Integer(i) => {
            let n = i128::from(i);
            Value::Number(i64::try_from(n).map(Number::from).map_err(|_| serialization("Integer out of range."))?)
        }
        Cbor::Float(f) => Value::Number(Number::from_f64(f).ok_or_else(|| serialization("Non-finite number."))?),
        Cbor::Text(s) => Value::String(s),
        Cbor::Bytes(b) => Value::String(base64::engine::general_purpose::STANDARD.encode(b)),
        Cbor::Array(items) => Value::Array(items.into_iter().map(cbor_to_json).collect::<Result<_, _>>()?),
        Cbor::Map(entries) => {
            let mut m = Map::new();
            for (k, v) in entries {
                let Cbor::Text(k) = k else { return Err(serialization("Map keys must be text.")) };
                m.insert(k, cbor_to_json(v)?);
            }
            Value::Object(m)
        }
        Cbor::Tag(1, inner) => cbor_to_json(*inner)?,
        Cbor::Tag(_, inner) => cbor_to_json(*inner)?,
        _ => return Err(serialization("Unsupported CBOR value.")),
    })
}

fn normalize(model: &ServiceModel, shape: &Shape, value: Value, path: &str) -> Result<Value, ApiError> {
    let wrong =
        |want: &str| serialization(format!("Expected {want} at '{}'.", if path.is_empty() { "$" } else { path }));
    Ok(match (shape.kind, value) {
        (_, Value::Null) => Value::Null,
        (ShapeType::Structure, Value::Object(obj)) => {
            let mut out = Map::new();
            for (k, v) in obj {
                // Unknown members are ignored, as AWS's JSON services do.
                if let Some(r) = shape.members.get(&k) {
                    let v = normalize(model, model.shape(&r.shape), v, &format!("{path}.{k}"))?;
                    if !v.is_null() {
                        out.insert(k, v);
                    }
                }
            }
            Value::Object(out)
        }
        (ShapeType::List, Value::Array(items)) => {
            let member = model.shape(&shape.member.as_ref().expect("list member").shape);
            Value::Array(items.into_iter().map(|v| normalize(model, member, v, path)).collect::<Result<_, _>>()?)
        }
        (ShapeType::Map, Value::Object(obj)) => {
            let vshape = model.shape(&shape.value.as_ref().expect("map value").shape);
            let mut out = Map::new();
            for (k, v) in obj {
                out.insert(k, normalize(model, vshape, v, path)?);
            }
            Value::Object(out)
        }
        (ShapeType::String | ShapeType::Blob, v @ Value::String(_)) => v,
        (ShapeType::Boolean, v @ Value::Bool(_)) => v,
        (ShapeType::Integer | ShapeType::Long, Value::Number(n)) if n.is_i64() => Value::Number(n),
        (ShapeType::Float | ShapeType::Double, Value::Number(n)) => Value::Number(n),
        (ShapeType::Timestamp, Value::Number(n)) => {
            if !n.as_f64().is_some_and(timestamp::in_range) {
                return Err(wrong("a timestamp between years 1 and 9999"));
            }
            Value::Number(n)
        }
        (ShapeType::Timestamp, Value::String(s)) => {
            let t = timestamp::parse(&s).ok_or_else(|| wrong("a timestamp"))?;
            Value::Number(Number::from_f64(t).ok_or_else(|| wrong("a timestamp"))?)
        }
        (kind, _) => return Err(wrong(&format!("{kind:?}").to_lowercase())),
    })
}

/// The JSON body of an answer.
pub fn encode_json(output: &Value) -> Vec<u8> {
    serde_json::to_vec(output).unwrap_or_else(|_| b"{}".to_vec())
}

/// The CBOR body of an answer, typed by the output shape.
pub fn encode_cbor(model: &ServiceModel, output_shape: Option<&str>, output: &Value) -> Vec<u8> {
    let cbor = match output_shape {
        Some(s) => to_cbor(model, Some(model.shape(s)), output),
        None => Cbor::Map(vec![]),
    };
    let mut buf = Vec::with_capacity(128);
    ciborium::ser::into_writer(&cbor, &mut buf).expect("writing CBOR to memory cannot fail");
    buf
}

/// A CBOR error body: `{"__type": code, "message": text}`.
pub fn cbor_error(err: &ApiError) -> Vec<u8> {
    let cbor = Cbor::Map(vec![
        (Cbor::Text("__type".into()), Cbor::Text(err.code.to_string())),
        (Cbor::Text("message".into()), Cbor::Text(err.message.clone())),
    ]);
    let mut buf = Vec::new();
    ciborium::ser::into_writer(&cbor, &mut buf).expect("writing CBOR to memory cannot fail");
    buf
}

/// A JSON error body: `{"__type": code, "message": text}`.
pub fn json_error(err: &ApiError) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({"__type": err.code, "message": err.message})).unwrap_or_default()
}

fn to_cbor(model: &ServiceModel, shape: Option<&Shape>, v: &Value) -> Cbor {
    let kind = shape.map(|s| s.kind);
    match v {
        Value::Null => Cbor::Null,
        Value::Bool(b) => Cbor::Bool(*b),
        Value::Number(n) if kind == Some(ShapeType::Timestamp) => {
            Cbor::Tag(1, Box::new(Cbor::Float(n.as_f64().unwrap_or(0.0))))
        }
        Value::Number(n) => match n.as_i64() {
            Some(i) if !matches!(kind, Some(ShapeType::Float | ShapeType::Double)) => Cbor::Integer(i.into()),
            _ => Cbor::Float(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) if kind == Some(ShapeType::Blob) => {
            Cbor::Bytes(base64::engine::general_purpose::STANDARD.decode(s).unwrap_or_default())
        }
        Value::String(s) => Cbor::Text(s.clone()),
        Value::Array(items) => {
            let member = shape.and_then(|s| s.member.as_ref()).map(|r| model.shape(&r.shape));
            Cbor::Array(items.iter().map(|i| to_cbor(model, member, i)).collect())
        }
        Value::Object(obj) => Cbor::Map(
            obj.iter()
                .map(|(k, val)| {
                    let sub = shape.and_then(|s| match s.kind {
                        ShapeType::Map => s.value.as_ref().map(|r| model.shape(&r.shape)),
                        _ => s.members.get(k).map(|r| model.shape(&r.shape)),
                    });
                    (Cbor::Text(k.clone()), to_cbor(model, sub, val))
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;

    #[test]
    fn json_timestamps_become_epoch_seconds_and_types_are_checked() {
        let m = load_embedded("cloudwatch");
        let body = br#"{"Namespace":"KG","MetricData":[{"MetricName":"Hits","Value":1.5,"Timestamp":"2026-11-28T08:53:59Z"}],"Junk":1}"#;
        let v = decode_json(m, Some("PutMetricDataInput"), body).unwrap();
        assert_eq!(v["MetricData"][0]["Timestamp"], 1_795_856_039.0);
        assert!(v.get("Junk").is_none());
        let e = decode_json(m, Some("PutMetricDataInput"), br#"{"Namespace": 5}"#).unwrap_err();
        assert_eq!(e.code, "SerializationException");
        assert!(decode_json(m, Some("PutMetricDataInput"), b"{nope").is_err());
    }

    #[test]
    fn cbor_round_trip() {
        let m = load_embedded("cloudwatch");
        let input = Cbor::Map(vec![(Cbor::Text("Namespace".into()), Cbor::Text("KG".into()))]);
        let mut body = Vec::new();
        ciborium::ser::into_writer(&input, &mut body).unwrap();
        let v = decode_cbor(m, Some("PutMetricDataInput"), &body).unwrap();
        assert_eq!(v["Namespace"], "KG");
        let out = encode_cbor(m, Some("ListMetricsOutput"), &serde_json::json!({"Metrics": []}));
        let back: Cbor = ciborium::de::from_reader(out.as_slice()).unwrap();
        assert!(matches!(back, Cbor::Map(_)));
        assert!(decode_cbor(m, Some("PutMetricDataInput"), &[0xff, 0x00]).is_err());
    }
}
