//! Intrinsic functions and pseudo parameters, evaluated against what a stack knows: its
//! parameter values, mappings, conditions and the resources created so far.

use std::collections::{BTreeMap, HashMap};

use base64::Engine as _;
use serde_json::{Map, Value};

/// A created resource as Ref and Fn::GetAtt see it.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// What `Ref` answers (the physical id, or an ARN for some types).
    pub reference: String,
    pub attributes: Map<String, Value>,
}

/// Everything an expression may refer to.
pub struct Scope<'a> {
    pub stack_name: &'a str,
    pub stack_id: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    /// Parameter values: a string, or an array for list types.
    pub parameters: &'a BTreeMap<String, Value>,
    pub mappings: &'a Value,
    pub conditions: &'a HashMap<String, bool>,
    pub resources: &'a HashMap<String, Resolved>,
    /// Other stacks' exports (name → value), for Fn::ImportValue.
    pub exports: &'a HashMap<String, String>,
}

impl Scope<'_> {
    pub fn zones(&self) -> Vec<Value> {
        ["a", "b", "c", "d"].iter().map(|z| Value::String(format!("{}{z}", self.region))).collect()
    }

    /// Evaluate an expression; `None` is `AWS::NoValue` (the property is left out).
    pub fn eval(&self, v: &Value) -> Result<Option<Value>, String> {
        match v {
            Value::Object(m) if m.len() == 1 => {
                let (k, arg) = m.iter().next().expect("one entry");
                match k.as_str() {
                    "Ref" => self.reference(arg),
                    "Fn::GetAtt" => self.get_att(arg).map(Some),
                    "Fn::Sub" => self.sub(arg).map(|s| Some(Value::String(s))),
                    "Fn::Join" => self.join(arg).map(|s| Some(Value::String(s))),
                    "Fn::Select" => self.select(arg).map(Some),
                    "Fn::Split" => self.split(arg).map(Some),
                    "Fn::FindInMap" => self.find_in_map(arg).map(Some),
                    "Fn::GetAZs" => Ok(Some(Value::Array(self.zones()))),
                    "Fn::If" => self.if_(arg),
                    "Fn::Equals" | "Fn::And" | "Fn::Or" | "Fn::Not" | "Condition" => {
                        self.condition(v).map(|b| Some(Value::Bool(b)))
                    }
                    "Fn::Base64" => {
                        let s = self.string(arg)?;
                        Ok(Some(Value::String(base64::engine::general_purpose::STANDARD.encode(s))))
                    }
                    "Fn::Cidr" => self.cidr(arg).map(Some),
                    "Fn::Length" => match self.eval(arg)? {
                        Some(Value::Array(a)) => Ok(Some(Value::from(a.len()))),
                        _ => Err("Template error: Fn::Length requires a list".into()),
                    },
                    "Fn::ToJsonString" => {
                        let inner = self.eval(arg)?.unwrap_or(Value::Null);
                        Ok(Some(Value::String(inner.to_string())))
                    }
                    "Fn::ImportValue" => {
                        let name = self.string(arg)?;
                        match self.exports.get(&name) {
                            Some(v) => Ok(Some(Value::String(v.clone()))),
                            None => Err(format!("No export named {name} found.")),
                        }
                    }
                    _ => self.eval_object(m).map(Some),
                }
            }
            Value::Object(m) => self.eval_object(m).map(Some),
            Value::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for x in a {
                    if let Some(x) = self.eval(x)? {
                        out.push(x);
                    }
                }
                Ok(Some(Value::Array(out)))
            }
            other => Ok(Some(other.clone())),
        }
    }

    fn eval_object(&self, m: &Map<String, Value>) -> Result<Value, String> {
        let mut out = Map::new();
        for (k, x) in m {
            if let Some(x) = self.eval(x)? {
                out.insert(k.clone(), x);
            }
        }
        Ok(Value::Object(out))
    }

    /// Evaluate to a string (numbers and booleans as their text).
    pub fn string(&self, v: &Value) -> Result<String, String> {
        match self.eval(v)? {
            Some(Value::String(s)) => Ok(s),
            Some(Value::Number(n)) => Ok(n.to_string()),
            Some(Value::Bool(b)) => Ok(b.to_string()),
            other => Err(format!("Template error: expected a string, found {}", other.unwrap_or(Value::Null))),
        }
    }

    fn reference(&self, arg: &Value) -> Result<Option<Value>, String> {
        let name = arg.as_str().ok_or("Template error: Ref needs a name")?;
        if let Some(v) = self.pseudo(name) {
            return Ok(v);
        }
        if let Some(p) = self.parameters.get(name) {
            return Ok(Some(p.clone()));
        }
        match self.resources.get(name) {
            Some(r) => Ok(Some(Value::String(r.reference.clone()))),
            None => Err(format!("Template format error: Unresolved resource dependencies [{name}] in the Resources block of the template")),
        }
    }

    fn pseudo(&self, name: &str) -> Option<Option<Value>> {
        let s = |x: &str| Some(Some(Value::String(x.to_string())));
        match name {
            "AWS::StackName" => s(self.stack_name),
            "AWS::StackId" => s(self.stack_id),
            "AWS::Region" => s(self.region),
            "AWS::AccountId" => s(self.account),
            "AWS::Partition" => s("aws"),
            "AWS::URLSuffix" => s("amazonaws.com"),
            "AWS::NotificationARNs" => Some(Some(Value::Array(vec![]))),
            "AWS::NoValue" => Some(None),
            _ => None,
        }
    }

    fn get_att(&self, arg: &Value) -> Result<Value, String> {
        let (name, attr) = match arg {
            Value::Array(a) if a.len() == 2 => (a[0].as_str().unwrap_or_default().to_string(), self.string(&a[1])?),
            Value::String(s) => match s.split_once('.') {
                Some((a, b)) => (a.to_string(), b.to_string()),
                None => return Err("Template error: every Fn::GetAtt object requires two non-empty parameters".into()),
            },
            _ => return Err("Template error: every Fn::GetAtt object requires two non-empty parameters".into()),
        };
        let r = self
            .resources
            .get(&name)
            .ok_or_else(|| format!("Template error: instance of Fn::GetAtt references undefined resource {name}"))?;
        r.attributes.get(&attr).cloned().ok_or_else(|| {
            format!("Template error: resource {name} does not support attribute type {attr} in Fn::GetAtt")
        })
    }

    fn sub(&self, arg: &Value) -> Result<String, String> {
        let (text, vars) = match arg {
            Value::String(s) => (s.clone(), Map::new()),
            Value::Array(a) if a.len() == 2 => {
                let text = a[0].as_str().ok_or("Template error: Fn::Sub needs a string")?.to_string();
                let mut vars = Map::new();
                for (k, v) in a[1].as_object().ok_or("Template error: Fn::Sub variables must be a map")? {
                    vars.insert(k.clone(), Value::String(self.string(v)?));
                }
                (text, vars)
            }
            _ => return Err("Template error: One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string".into()),
        };
        let mut out = String::new();
        for piece in sub_pieces(&text) {
            match piece {
                SubPiece::Text(t) => out.push_str(&t),
                SubPiece::Var(name) => {
                    if let Some(v) = vars.get(&name) {
                        out.push_str(v.as_str().unwrap_or_default());
                    } else if let Some((res, attr)) = name.split_once('.').filter(|_| !name.starts_with("AWS::")) {
                        let v = self.get_att(&Value::Array(vec![res.into(), attr.into()]))?;
                        out.push_str(&scalar_text(&v));
                    } else {
                        let v = self.reference(&Value::String(name.clone()))?.unwrap_or(Value::String(String::new()));
                        out.push_str(&scalar_text(&v));
                    }
                }
            }
        }
        Ok(out)
    }

    fn join(&self, arg: &Value) -> Result<String, String> {
        let a = arg.as_array().filter(|a| a.len() == 2).ok_or("Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.")?;
        let sep = self.string(&a[0])?;
        let items = match self.eval(&a[1])? {
            Some(Value::Array(items)) => items,
            _ => return Err("Template error: Fn::Join requires a list of strings".into()),
        };
        Ok(items.iter().map(scalar_text).collect::<Vec<_>>().join(&sep))
    }

    fn select(&self, arg: &Value) -> Result<Value, String> {
        let a = arg.as_array().filter(|a| a.len() == 2).ok_or(
            "Template error: Fn::Select requires a list argument with two elements: an integer index and a list",
        )?;
        let index: usize = self.string(&a[0])?.parse().map_err(|_| {
            "Template error: Fn::Select requires a list argument with two elements: an integer index and a list"
                .to_string()
        })?;
        match self.eval(&a[1])? {
            Some(Value::Array(items)) => items.get(index).cloned().ok_or_else(|| {
                "Template error: Fn::Select cannot select nonexistent value at index ".to_string() + &index.to_string()
            }),
            _ => Err(
                "Template error: Fn::Select requires a list argument with two elements: an integer index and a list"
                    .into(),
            ),
        }
    }

    fn split(&self, arg: &Value) -> Result<Value, String> {
        let a = arg
            .as_array()
            .filter(|a| a.len() == 2)
            .ok_or("Template error: Fn::Split requires a delimiter and a string")?;
        let sep = self.string(&a[0])?;
        let text = self.string(&a[1])?;
        Ok(Value::Array(text.split(sep.as_str()).map(|s| Value::String(s.into())).collect()))
    }

    fn find_in_map(&self, arg: &Value) -> Result<Value, String> {
        let a = arg.as_array().filter(|a| a.len() == 3).ok_or("Template error: every Fn::FindInMap object requires three parameters, the map name, map key and the attribute for return value")?;
        let (map, top, second) = (self.string(&a[0])?, self.string(&a[1])?, self.string(&a[2])?);
        self.mappings
            .get(&map)
            .ok_or_else(|| format!("Template error: Unable to get mapping for {map}::{top}::{second}"))?
            .get(&top)
            .and_then(|m| m.get(&second))
            .cloned()
            .ok_or_else(|| format!("Template error: Unable to get mapping for {map}::{top}::{second}"))
    }

    fn if_(&self, arg: &Value) -> Result<Option<Value>, String> {
        let a = arg
            .as_array()
            .filter(|a| a.len() == 3)
            .ok_or("Template error: Fn::If requires a list argument with three elements")?;
        let name = a[0].as_str().ok_or("Template error: Fn::If requires a condition name")?;
        let c = *self
            .conditions
            .get(name)
            .ok_or_else(|| format!("Template format error: Unresolved condition dependency {name} in Fn::If"))?;
        self.eval(if c { &a[1] } else { &a[2] })
    }

    /// A condition expression (Fn::Equals/And/Or/Not, or `{"Condition": name}`).
    pub fn condition(&self, v: &Value) -> Result<bool, String> {
        let m =
            v.as_object().filter(|m| m.len() == 1).ok_or("Template error: a condition must be a condition function")?;
        let (k, arg) = m.iter().next().expect("one entry");
        let list = |n: Option<usize>| -> Result<&Vec<Value>, String> {
            arg.as_array()
                .filter(|a| match n {
                    Some(n) => a.len() == n,
                    None => true,
                })
                .ok_or_else(|| format!("Template error: {k} has the wrong number of arguments"))
        };
        match k.as_str() {
            "Fn::Equals" => {
                let a = list(Some(2))?;
                let x = self.eval(&a[0])?.map(|v| scalar_text(&v));
                let y = self.eval(&a[1])?.map(|v| scalar_text(&v));
                Ok(x == y)
            }
            "Fn::And" => {
                for c in list(None)? {
                    if !self.condition(c)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            "Fn::Or" => {
                for c in list(None)? {
                    if self.condition(c)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            "Fn::Not" => Ok(!self.condition(&list(Some(1))?[0])?),
            "Condition" => {
                let name = arg.as_str().unwrap_or_default();
                self.conditions.get(name).copied().ok_or_else(|| format!("Template format error: Unresolved dependencies [{name}]. Cannot reference resources in the Conditions block of the template"))
            }
            _ => Err(format!("Template error: {k} is not a condition function")),
        }
    }

    fn cidr(&self, arg: &Value) -> Result<Value, String> {
        let a = arg.as_array().filter(|a| a.len() == 3).ok_or("Template error: Fn::Cidr requires three parameters")?;
        let block: ipnet::Ipv4Net =
            self.string(&a[0])?.parse().map_err(|_| "Template error: Fn::Cidr needs an IPv4 CIDR block".to_string())?;
        let count: usize = self.string(&a[1])?.parse().map_err(|_| "Template error: Fn::Cidr count".to_string())?;
        let bits: u8 = self.string(&a[2])?.parse().map_err(|_| "Template error: Fn::Cidr cidrBits".to_string())?;
        let prefix = 32u8
            .checked_sub(bits)
            .filter(|p| *p >= block.prefix_len())
            .ok_or("Template error: Fn::Cidr cidrBits too large")?;
        let subnets: Vec<Value> = block
            .subnets(prefix)
            .map_err(|e| e.to_string())?
            .take(count)
            .map(|n| Value::String(n.to_string()))
            .collect();
        if subnets.len() < count {
            return Err("Template error: Fn::Cidr cannot make that many blocks".into());
        }
        Ok(Value::Array(subnets))
    }
}

/// A value as it appears inside a string (Join, Sub).
pub fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(scalar_text).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

pub enum SubPiece {
    Text(String),
    Var(String),
}

/// `a-${X}-${!Literal}` → text and variable pieces.
pub fn sub_pieces(text: &str) -> Vec<SubPiece> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let Some(len) = rest[start..].find('}') else { break };
        let inner = &rest[start + 2..start + len];
        out.push(SubPiece::Text(rest[..start].to_string()));
        if let Some(lit) = inner.strip_prefix('!') {
            out.push(SubPiece::Text(format!("${{{lit}}}")));
        } else {
            out.push(SubPiece::Var(inner.trim().to_string()));
        }
        rest = &rest[start + len + 1..];
    }
    out.push(SubPiece::Text(rest.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn with<R>(f: impl FnOnce(&Scope) -> R) -> R {
        let mut params = BTreeMap::new();
        params.insert("Env".to_string(), json!("prod"));
        params.insert("Cidrs".to_string(), json!(["10.0.0.0/24", "10.0.1.0/24"]));
        let mappings = json!({"RegionMap": {"us-east-1": {"Ami": "ami-123"}}});
        let mut conditions = HashMap::new();
        conditions.insert("IsProd".to_string(), true);
        let mut resources = HashMap::new();
        let mut attrs = Map::new();
        attrs.insert("DNSName".into(), json!("127.255.0.1"));
        resources.insert("LB".to_string(), Resolved { reference: "arn:lb".into(), attributes: attrs });
        let mut exports = HashMap::new();
        exports.insert("net-VpcId".to_string(), "vpc-1".to_string());
        let scope = Scope {
            stack_name: "s1",
            stack_id: "arn:aws:cloudformation:us-east-1:123456789012:stack/s1/x",
            region: "us-east-1",
            account: "123456789012",
            parameters: &params,
            mappings: &mappings,
            conditions: &conditions,
            resources: &resources,
            exports: &exports,
        };
        f(&scope)
    }

    #[test]
    fn intrinsics() {
        with(|s| {
            let e = |v: Value| s.eval(&v).unwrap();
            assert_eq!(e(json!({"Ref": "AWS::Region"})), Some(json!("us-east-1")));
            assert_eq!(e(json!({"Ref": "AWS::NoValue"})), None);
            assert_eq!(
                e(json!({"Fn::Sub": "http://${LB.DNSName}/${Env}/${!Lit}"})),
                Some(json!("http://127.255.0.1/prod/${Lit}"))
            );
            assert_eq!(
                e(json!({"Fn::Sub": ["${A}-${AWS::StackName}", {"A": {"Ref": "Env"}}]})),
                Some(json!("prod-s1"))
            );
            assert_eq!(e(json!({"Fn::Join": ["-", ["a", {"Ref": "Env"}]]})), Some(json!("a-prod")));
            assert_eq!(e(json!({"Fn::Select": [1, {"Fn::GetAZs": ""}]})), Some(json!("us-east-1b")));
            assert_eq!(e(json!({"Fn::Select": ["1", {"Ref": "Cidrs"}]})), Some(json!("10.0.1.0/24")));
            assert_eq!(e(json!({"Fn::Split": [",", "a,b"]})), Some(json!(["a", "b"])));
            assert_eq!(
                e(json!({"Fn::FindInMap": ["RegionMap", {"Ref": "AWS::Region"}, "Ami"]})),
                Some(json!("ami-123"))
            );
            assert_eq!(e(json!({"Fn::If": ["IsProd", "big", "small"]})), Some(json!("big")));
            assert_eq!(e(json!({"Fn::Base64": "hi"})), Some(json!("aGk=")));
            assert_eq!(e(json!({"Fn::GetAtt": ["LB", "DNSName"]})), Some(json!("127.255.0.1")));
            assert_eq!(e(json!({"Ref": "LB"})), Some(json!("arn:lb")));
            assert_eq!(e(json!({"Fn::ImportValue": {"Fn::Sub": "net-VpcId"}})), Some(json!("vpc-1")));
            assert_eq!(s.eval(&json!({"Fn::ImportValue": "nope"})).unwrap_err(), "No export named nope found.");
            assert_eq!(e(json!({"Fn::Cidr": ["10.0.0.0/16", 2, 8]})), Some(json!(["10.0.0.0/24", "10.0.1.0/24"])));
            assert_eq!(
                e(json!({"A": {"Ref": "AWS::NoValue"}, "B": [1, {"Ref": "AWS::NoValue"}]})),
                Some(json!({"B": [1]}))
            );
        });
    }

    #[test]
    fn conditions() {
        with(|s| {
            assert!(s.condition(&json!({"Fn::Equals": [{"Ref": "Env"}, "prod"]})).unwrap());
            assert!(!s.condition(&json!({"Fn::Not": [{"Fn::Equals": ["a", "a"]}]})).unwrap());
            assert!(s.condition(&json!({"Fn::Or": [{"Fn::Equals": ["a", "b"]}, {"Condition": "IsProd"}]})).unwrap());
            assert!(!s.condition(&json!({"Fn::And": [{"Fn::Equals": ["a", "b"]}, {"Condition": "IsProd"}]})).unwrap());
        });
    }

    #[test]
    fn errors_are_worded_as_aws_words_them() {
        with(|s| {
            assert_eq!(
                s.eval(&json!({"Ref": "Nope"})).unwrap_err(),
                "Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template"
            );
            assert!(s
                .eval(&json!({"Fn::GetAtt": ["LB", "Nope"]}))
                .unwrap_err()
                .contains("does not support attribute type Nope"));
        });
    }
}
