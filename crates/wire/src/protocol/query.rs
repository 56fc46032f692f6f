//! awsQuery and ec2Query requests: flat `Name.member.1.Key=value` parameters read into the
//! operation's input shape, mirroring botocore's `QuerySerializer` and `EC2Serializer`.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, RandomState};

use serde_json::{Map, Number, Value};

use crate::error::ApiError;
use crate::model::{ServiceModel, Shape, ShapeRef, ShapeType};
use crate::timestamp;

/// The parameters of one query request, less `Action`, `Version` and the SigV4 ones.
#[derive(Debug, Default)]
pub struct QueryParams {
    /// Sorted by name.
    entries: Vec<(String, String)>,
    /// A name's hash → its entry (or [`COLLIDED`]): a lookup compares one name, not a
    /// dozen long shared prefixes as a search of the sorted list would.
    by_hash: HashMap<u64, u32>,
    hasher: RandomState,
}

const COLLIDED: u32 = u32::MAX;

impl QueryParams {
    /// Read form-encoded pairs (`a=b&c=d`) from the URL query and the body. Invalid UTF-8 in
    /// a name or value is a client error, as is the same parameter given twice.
    pub fn parse(parts: &[&[u8]]) -> Result<(QueryParams, Option<String>, Option<String>), ApiError> {
        let mut map = BTreeMap::new();
        let (mut action, mut version) = (None, None);
        for part in parts {
            for (k, v) in form_urlencoded::parse(part) {
                if contains_replacement(&k, part) || contains_replacement(&v, part) {
                    return Err(ApiError::malformed("The request contains invalid UTF-8."));
                }
                match k.as_ref() {
                    "Action" => action = Some(v.into_owned()),
                    "Version" => version = Some(v.into_owned()),
                    k if is_auth_param(k) => {}
                    _ => {
                        if map.insert(k.into_owned(), v.into_owned()).is_some() {
                            return Err(ApiError::malformed("A parameter was given more than once."));
                        }
                    }
                }
            }
        }
        let entries: Vec<(String, String)> = map.into_iter().collect();
        let hasher = RandomState::new();
        let mut by_hash = HashMap::with_capacity(entries.len());
        for (i, (k, _)) in entries.iter().enumerate() {
            by_hash.entry(hasher.hash_one(k.as_str())).and_modify(|e| *e = COLLIDED).or_insert(i as u32);
        }
        Ok((QueryParams { entries, by_hash, hasher }, action, version))
    }

    /// The entry named `key`.
    fn find(&self, key: &str) -> Option<usize> {
        match self.by_hash.get(&self.hasher.hash_one(key)) {
            None => None,
            Some(&COLLIDED) => self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok(),
            Some(&i) => (self.entries[i as usize].0 == key).then_some(i as usize),
        }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.find(key).map(|i| self.entries[i].1.as_str())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries from the first name at or after `from`, in order.
    fn from(&self, from: &str) -> &[(String, String)] {
        &self.entries[self.entries.partition_point(|(k, _)| k.as_str() < from)..]
    }

    /// Does any parameter lie under `prefix.`?
    fn has_under(&self, prefix: &str) -> bool {
        // Keys that extend `prefix` follow it; those under `prefix.` come once the next
        // byte reaches '.' (only a few punctuation bytes sort before it).
        for (k, _) in self.from(prefix).iter().skip_while(|(k, _)| k == prefix) {
            match k.strip_prefix(prefix).map(|rest| rest.as_bytes().first().copied()) {
                Some(Some(b'.')) => return true,
                Some(Some(b)) if b < b'.' => continue,
                _ => return false,
            }
        }
        false
    }

    /// The numeric indices N of `prefix.N...`, ascending, each with its first spelling (in
    /// key order: `01` before `1`).
    fn indices(&self, prefix: &str) -> Vec<(u64, &str)> {
        let start = format!("{prefix}.");
        let mut seen: Vec<(u64, &str)> = Vec::new();
        for (k, _) in self.from(&start) {
            let Some(rest) = k.strip_prefix(&start) else { break };
            let idx = rest.split('.').next().unwrap_or("");
            // A list item's keys are next to each other: look at each spelling once.
            if seen.last().is_some_and(|(_, last)| *last == idx) {
                continue;
            }
            if let Ok(n) = idx.parse::<u64>() {
                seen.push((n, idx));
            }
        }
        // Stable: of two spellings of one N, the first in key order stays.
        seen.sort_by_key(|(n, _)| *n);
        seen.dedup_by_key(|(n, _)| *n);
        seen
    }
}

/// form_urlencoded decodes invalid UTF-8 lossily; catch it by the replacement character when
/// the raw input did not itself carry one (percent-encoded as %EF%BF%BD).
fn contains_replacement(decoded: &str, raw: &[u8]) -> bool {
    decoded.contains('\u{FFFD}') && !raw.windows(9).any(|w| w.eq_ignore_ascii_case(b"%EF%BF%BD"))
}

fn is_auth_param(k: &str) -> bool {
    k.starts_with("X-Amz-") || k.starts_with("x-amz-")
}

struct Reader<'a> {
    model: &'a ServiceModel,
    params: &'a QueryParams,
    ec2: bool,
    /// The parameters read, by entry.
    used: Vec<bool>,
    read: usize,
}

/// A member's path in messages (`metricData.member.3.value`), put together only when a
/// message needs it.
pub(crate) enum Path<'p> {
    Root,
    /// `parent.name`, the name's first letter lower-cased, as AWS writes them
    Member(&'p Path<'p>, &'p str),
    /// `parent.member.N`, `parent.entry.N`
    Index(&'p Path<'p>, &'static str, u64),
    /// `parent.key`, the key as it is
    Raw(&'p Path<'p>, &'p str),
}

impl Path<'_> {
    pub(crate) fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Member(parent, name) => join_path(&parent.render(), name),
            Path::Index(parent, kind, n) => format!("{}.{kind}.{n}", parent.render()),
            Path::Raw(parent, k) => format!("{}.{k}", parent.render()),
        }
    }
}

/// Read the parameters into the input shape. Unknown parameters are refused with EC2's
/// `UnknownParameter`, the code AWS's query services use for them.
pub fn decode(model: &ServiceModel, input: Option<&str>, params: &QueryParams, ec2: bool) -> Result<Value, ApiError> {
    let Some(input) = input else {
        return match params.entries.first().map(|(k, _)| k) {
            Some(k) => Err(unknown(k)),
            None => Ok(Value::Object(Map::new())),
        };
    };
    let mut r = Reader { model, params, ec2, used: vec![false; params.len()], read: 0 };
    let value = r.structure(model.shape(input), "", &Path::Root)?;
    if r.read != params.len() {
        if let Some((k, _)) = params.entries.iter().zip(&r.used).find(|(_, used)| !**used).map(|(e, _)| e) {
            return Err(unknown(k));
        }
    }
    Ok(value)
}

fn unknown(k: &str) -> ApiError {
    ApiError::new(400, "UnknownParameter", format!("The parameter {k} is not recognized"))
}

impl<'a> Reader<'a> {
    fn mark(&mut self, i: usize) {
        if !self.used[i] {
            self.used[i] = true;
            self.read += 1;
        }
    }

    fn wire_name(&self, r: &ShapeRef, default: &str) -> String {
        let mut out = String::new();
        self.push_wire_name(&mut out, r, default);
        out
    }

    /// Append the member's name on the wire to `out`.
    fn push_wire_name(&self, out: &mut String, r: &ShapeRef, default: &str) {
        if self.ec2 {
            if let Some(q) = &r.query_name {
                out.push_str(q);
                return;
            }
            if let Some(l) = &r.location_name {
                let mut c = l.chars();
                if let Some(f) = c.next() {
                    out.extend(f.to_uppercase());
                    out.push_str(c.as_str());
                }
                return;
            }
            out.push_str(default);
            return;
        }
        out.push_str(r.location_name.as_deref().unwrap_or(default));
    }

    fn structure(&mut self, shape: &'a Shape, prefix: &str, path: &Path<'_>) -> Result<Value, ApiError> {
        let mut out = Map::new();
        let mut key = String::with_capacity(prefix.len() + 32);
        if !prefix.is_empty() {
            key.push_str(prefix);
            key.push('.');
        }
        let base = key.len();
        for (name, mref) in &shape.members {
            key.truncate(base);
            self.push_wire_name(&mut key, mref, name);
            if let Some(v) = self.member(mref, &key, &Path::Member(path, name))? {
                out.insert(name.clone(), v);
            }
        }
        Ok(Value::Object(out))
    }

    fn member(&mut self, mref: &'a ShapeRef, key: &str, path: &Path<'_>) -> Result<Option<Value>, ApiError> {
        let shape = self.model.shape(&mref.shape);
        match shape.kind {
            ShapeType::Structure => {
                if !self.params.has_under(key) {
                    return Ok(None);
                }
                self.structure(shape, key, path).map(Some)
            }
            ShapeType::List => self.list(mref, shape, key, path),
            ShapeType::Map => self.map(mref, shape, key, path),
            _ => match self.params.find(key) {
                Some(i) => {
                    self.mark(i);
                    scalar_at(shape.kind, &self.params.entries[i].1, path).map(Some)
                }
                None => Ok(None),
            },
        }
    }

    fn list(
        &mut self,
        mref: &'a ShapeRef,
        shape: &'a Shape,
        key: &str,
        path: &Path<'_>,
    ) -> Result<Option<Value>, ApiError> {
        let member = shape.member.as_ref().expect("list shape has a member");
        // An empty list is sent as `Name=` by botocore.
        if let Some(i) = self.params.find(key) {
            if self.params.entries[i].1.is_empty() {
                self.mark(i);
                return Ok(Some(Value::Array(vec![])));
            }
        }
        let list_prefix = if self.ec2 {
            key.to_string()
        } else if shape.flattened || mref.flattened {
            match &member.location_name {
                Some(n) => match key.rsplit_once('.') {
                    Some((head, _)) => format!("{head}.{n}"),
                    None => n.clone(),
                },
                None => key.to_string(),
            }
        } else {
            format!("{key}.{}", member.location_name.as_deref().unwrap_or("member"))
        };
        let indices = self.params.indices(&list_prefix);
        if indices.is_empty() {
            return Ok(None);
        }
        let mut items = Vec::with_capacity(indices.len());
        for (n, idx) in indices {
            let item_key = format!("{list_prefix}.{idx}");
            if let Some(v) = self.member(member, &item_key, &Path::Index(path, "member", n))? {
                items.push(v);
            }
        }
        Ok(Some(Value::Array(items)))
    }

    fn map(
        &mut self,
        mref: &'a ShapeRef,
        shape: &'a Shape,
        key: &str,
        path: &Path<'_>,
    ) -> Result<Option<Value>, ApiError> {
        let (kref, vref) = (shape.key.as_ref().expect("map key"), shape.value.as_ref().expect("map value"));
        let prefix = if shape.flattened || mref.flattened { key.to_string() } else { format!("{key}.entry") };
        let key_name = self.wire_name(kref, "key");
        let value_name = self.wire_name(vref, "value");
        let mut out = Map::new();
        for (n, idx) in self.params.indices(&prefix) {
            let entry = format!("{prefix}.{idx}");
            let entry_path = Path::Index(path, "entry", n);
            let k = self.member(kref, &format!("{entry}.{key_name}"), &entry_path)?;
            let v = self.member(vref, &format!("{entry}.{value_name}"), &entry_path)?;
            match (k, v) {
                (Some(Value::String(k)), Some(v)) => {
                    out.insert(k, v);
                }
                _ => {
                    return Err(ApiError::validation(format!(
                        "1 validation error detected: Map entry at '{}' needs both a key and a value",
                        entry_path.render()
                    )))
                }
            }
        }
        Ok(if out.is_empty() { None } else { Some(Value::Object(out)) })
    }
}

/// Convert one text value to the shape's scalar type.
pub fn scalar(kind: ShapeType, text: &str, path: &str) -> Result<Value, ApiError> {
    scalar_with(kind, text, || path.to_string())
}

fn scalar_at(kind: ShapeType, text: &str, path: &Path<'_>) -> Result<Value, ApiError> {
    scalar_with(kind, text, || path.render())
}

fn scalar_with(kind: ShapeType, text: &str, path: impl Fn() -> String) -> Result<Value, ApiError> {
    let bad = |what: &str| {
        ApiError::validation(format!(
            "1 validation error detected: Value '{}' at '{}' failed to satisfy constraint: Member must be {what}",
            crate::validate::clip(text),
            path()
        ))
    };
    Ok(match kind {
        ShapeType::String | ShapeType::Blob => Value::String(text.to_string()),
        ShapeType::Integer | ShapeType::Long => {
            let n: i64 = text.trim().parse().map_err(|_| bad("a whole number"))?;
            if kind == ShapeType::Integer && i32::try_from(n).is_err() {
                return Err(bad("a 32-bit whole number"));
            }
            Value::Number(n.into())
        }
        ShapeType::Float | ShapeType::Double => {
            let f: f64 = text.trim().parse().map_err(|_| bad("a number"))?;
            Value::Number(Number::from_f64(f).ok_or_else(|| bad("a finite number"))?)
        }
        ShapeType::Boolean => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(bad("true or false")),
        },
        ShapeType::Timestamp => {
            let t = timestamp::parse(text).ok_or_else(|| bad("a timestamp"))?;
            Value::Number(Number::from_f64(t).ok_or_else(|| bad("a timestamp"))?)
        }
        ShapeType::Structure | ShapeType::List | ShapeType::Map => return Err(bad("a scalar")),
    })
}

/// Paths in messages use the member names with a lower-case first letter, as AWS writes them.
pub(crate) fn join_path(path: &str, name: &str) -> String {
    let mut c = name.chars();
    let lowered: String = c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default();
    if path.is_empty() {
        lowered
    } else {
        format!("{path}.{lowered}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_embedded;

    fn params(s: &str) -> QueryParams {
        QueryParams::parse(&[s.as_bytes()]).unwrap().0
    }

    #[test]
    fn reads_nested_lists_of_structures() {
        let m = load_embedded("iam");
        let p = params("UserName=bob&Path=%2Fops%2F&Tags.member.1.Key=team&Tags.member.1.Value=web&Tags.member.2.Key=x&Tags.member.2.Value=y");
        let v = decode(m, Some("CreateUserRequest"), &p, false).unwrap();
        assert_eq!(v["UserName"], "bob");
        assert_eq!(v["Path"], "/ops/");
        assert_eq!(v["Tags"][1]["Key"], "x");
    }

    #[test]
    fn refuses_unknown_parameters_and_bad_numbers() {
        let m = load_embedded("iam");
        let e = decode(m, Some("ListUsersRequest"), &params("Bogus=1"), false).unwrap_err();
        assert_eq!(e.code, "UnknownParameter");
        let e = decode(m, Some("ListUsersRequest"), &params("MaxItems=ten"), false).unwrap_err();
        assert_eq!(e.code, "ValidationError");
        assert!(e.message.contains("'maxItems'"), "{}", e.message);
    }

    #[test]
    fn reads_ec2_flattened_lists() {
        let m = load_embedded("ec2");
        let p = params("InstanceId.1=i-1&InstanceId.2=i-2&DryRun=true");
        let v = decode(m, Some("DescribeInstancesRequest"), &p, true).unwrap();
        assert_eq!(v["InstanceIds"], serde_json::json!(["i-1", "i-2"]));
        assert_eq!(v["DryRun"], true);
    }

    #[test]
    fn nested_paths_and_list_indices() {
        let m = load_embedded("cloudwatch");
        let p = params(
            "Namespace=N&MetricData.member.2.MetricName=b&MetricData.member.2.Unit=Count&MetricData.member.1.MetricName=a\
             &MetricData.member.1.Dimensions.member.1.Name=k&MetricData.member.1.Dimensions.member.1.Value=v\
             &MetricData.member.2.Value=abc",
        );
        let e = decode(m, Some("PutMetricDataInput"), &p, false).unwrap_err();
        assert!(e.message.contains("at 'metricData.member.2.value'"), "{}", e.message);
        let p = params(
            "Namespace=N&MetricData.member.2.MetricName=b&MetricData.member.1.MetricName=a\
             &MetricData.member.1.Dimensions.member.1.Name=k&MetricData.member.1.Dimensions.member.1.Value=v\
             &MetricData.member.1.StatisticValues.Sum=1&MetricData.member.10.MetricName=c",
        );
        let v = decode(m, Some("PutMetricDataInput"), &p, false).unwrap();
        let names: Vec<&str> =
            v["MetricData"].as_array().unwrap().iter().map(|d| d["MetricName"].as_str().unwrap()).collect();
        assert_eq!(names, ["a", "b", "c"]);
        assert_eq!(v["MetricData"][0]["Dimensions"][0]["Value"], "v");
        assert_eq!(v["MetricData"][0]["StatisticValues"]["Sum"], 1.0);
        assert!(v["MetricData"][1].get("StatisticValues").is_none());
        // `02` and `2` are one index: the second spelling is not read, so it is unknown.
        let p = params("Namespace=N&MetricData.member.02.MetricName=x&MetricData.member.2.MetricName=y");
        let e = decode(m, Some("PutMetricDataInput"), &p, false).unwrap_err();
        assert_eq!(e.code, "UnknownParameter");
        assert!(e.message.contains("MetricData.member.2.MetricName"), "{}", e.message);
    }

    #[test]
    fn lookups_survive_hash_collisions() {
        let mut p = params("B=2&A=1&C.member.1=x&C.member.2=y");
        assert_eq!((p.get("A"), p.get("B"), p.get("C.member.2"), p.get("D")), (Some("1"), Some("2"), Some("y"), None));
        // As if every name's hash collided: the sorted list is searched instead.
        for v in p.by_hash.values_mut() {
            *v = COLLIDED;
        }
        assert_eq!((p.get("A"), p.get("B"), p.get("C.member.2"), p.get("D")), (Some("1"), Some("2"), Some("y"), None));
        let m = load_embedded("iam");
        let p = params("UserName=bob&Tags.member.1.Key=k&Tags.member.1.Value=v");
        let v = decode(m, Some("CreateUserRequest"), &p, false).unwrap();
        assert_eq!(v["Tags"][0]["Value"], "v");
    }

    #[test]
    fn invalid_utf8_is_a_client_error() {
        let e = QueryParams::parse(&[b"UserName=%FF%FE"]).unwrap_err();
        assert_eq!(e.status, 400);
    }
}
