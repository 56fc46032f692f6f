//! The template language, pure: parsing (JSON, YAML short forms), the template's sections,
//! parameter values checked against their constraints, conditions, the dependency graph and
//! the ValidationError texts CloudFormation gives for a bad template.

pub mod eval;
pub mod graph;
pub mod parse;

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

pub use eval::{Resolved, Scope};

/// One resource of a template, as written.
#[derive(Debug, Clone)]
pub struct ResourceDecl {
    pub logical_id: String,
    pub kind: String,
    pub properties: Value,
    pub depends_on: Vec<String>,
    pub condition: Option<String>,
    /// `Retain` keeps the resource when the stack is deleted.
    pub deletion_policy: Option<String>,
    /// The CreationPolicy as written (evaluated when the resource is created: its Count is
    /// often a Ref).
    pub creation_policy: Option<Value>,
    /// The UpdatePolicy as written (evaluated when the resource is updated).
    pub update_policy: Option<Value>,
    /// The Metadata as written (DescribeStackResource gives it evaluated: cfn-init reads
    /// `AWS::CloudFormation::Init` there).
    pub metadata: Option<Value>,
}

#[derive(Debug, Clone)]
pub struct ParameterDecl {
    pub name: String,
    pub kind: String,
    pub default: Option<String>,
    pub description: Option<String>,
    pub no_echo: bool,
    pub allowed_values: Vec<String>,
    pub allowed_pattern: Option<String>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub constraint_description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct OutputDecl {
    pub name: String,
    pub value: Value,
    pub description: Option<String>,
    pub export_name: Option<Value>,
    pub condition: Option<String>,
}

/// A parsed, checked template.
#[derive(Debug, Clone)]
pub struct Template {
    pub description: Option<String>,
    pub parameters: Vec<ParameterDecl>,
    pub mappings: Value,
    pub conditions: Map<String, Value>,
    pub resources: Vec<ResourceDecl>,
    pub outputs: Vec<OutputDecl>,
}

/// Resource type namespaces AWS knows; a type outside them is "Unrecognized".
const KNOWN_NAMESPACES: &[&str] = &[
    "EC2",
    "ElasticLoadBalancingV2",
    "ElasticLoadBalancing",
    "AutoScaling",
    "CloudWatch",
    "SNS",
    "SQS",
    "IAM",
    "RDS",
    "SecretsManager",
    "SSM",
    "S3",
    "Lambda",
    "DynamoDB",
    "CloudFormation",
    "Logs",
    "Route53",
    "KMS",
    "ECS",
    "ECR",
    "EKS",
    "ElastiCache",
    "Events",
    "ApiGateway",
    "CloudFront",
    "CertificateManager",
    "StepFunctions",
    "Kinesis",
    "WAFv2",
    "EFS",
    "Backup",
];

fn format_error(msg: impl std::fmt::Display) -> String {
    format!("Template format error: {msg}")
}

fn opt_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn opt_number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

impl Template {
    /// Parse and check a template body; the error is the ValidationError's message.
    pub fn parse(body: &str) -> Result<Template, String> {
        if body.len() > 1_000_000 {
            return Err("Template may not exceed 1000000 bytes in size.".into());
        }
        let root = parse::parse(body).map_err(format_error)?;
        let root = root.as_object().ok_or_else(|| format_error("JSON not well-formed."))?;
        for key in root.keys() {
            if !matches!(
                key.as_str(),
                "AWSTemplateFormatVersion"
                    | "Description"
                    | "Metadata"
                    | "Parameters"
                    | "Mappings"
                    | "Conditions"
                    | "Resources"
                    | "Outputs"
                    | "Transform"
                    | "Rules"
            ) {
                return Err(format_error(format!("Invalid template property or properties [{key}]")));
            }
        }
        if let Some(v) = root.get("AWSTemplateFormatVersion") {
            if opt_string(Some(v)).as_deref() != Some("2010-09-09") {
                return Err(format_error("Unsupported template format version"));
            }
        }
        if root.contains_key("Transform") {
            return Err("Transforms are not supported by this region yet".into());
        }
        let description = root.get("Description").and_then(Value::as_str).map(String::from);
        let parameters = parse_parameters(root.get("Parameters"))?;
        let mappings = root.get("Mappings").cloned().unwrap_or(Value::Object(Map::new()));
        let conditions = match root.get("Conditions") {
            None => Map::new(),
            Some(Value::Object(m)) => m.clone(),
            Some(_) => return Err(format_error("Conditions must be an object")),
        };
        let resources = parse_resources(root.get("Resources"))?;
        let outputs = parse_outputs(root.get("Outputs"))?;
        let t = Template { description, parameters, mappings, conditions, resources, outputs };
        t.check()?;
        Ok(t)
    }

    pub fn resource(&self, logical_id: &str) -> Option<&ResourceDecl> {
        self.resources.iter().find(|r| r.logical_id == logical_id)
    }

    /// Static checks: resource types, references, the graph.
    fn check(&self) -> Result<(), String> {
        let unknown: Vec<&str> =
            self.resources.iter().filter(|r| !is_recognized_type(&r.kind)).map(|r| r.kind.as_str()).collect();
        if !unknown.is_empty() {
            return Err(format_error(format!("Unrecognized resource types: [{}]", unknown.join(", "))));
        }
        let names: Vec<&str> = self.parameters.iter().map(|p| p.name.as_str()).collect();
        let mut unresolved = Vec::new();
        for r in &self.resources {
            for dep in r.depends_on.iter() {
                if self.resource(dep).is_none() {
                    unresolved.push(dep.clone());
                }
            }
            for name in graph::references(&r.properties) {
                if self.resource(&name).is_none() && !names.contains(&name.as_str()) && !is_pseudo(&name) {
                    unresolved.push(name);
                }
            }
            if let Some(c) = &r.condition {
                if !self.conditions.contains_key(c) {
                    return Err(format_error(format!("Unresolved dependencies [{c}]. Cannot reference resources in the Conditions block of the template")));
                }
            }
        }
        for o in &self.outputs {
            for name in graph::references(&o.value) {
                if self.resource(&name).is_none() && !names.contains(&name.as_str()) && !is_pseudo(&name) {
                    return Err(format_error(format!(
                        "Unresolved resource dependencies [{name}] in the Outputs block of the template"
                    )));
                }
            }
        }
        if !unresolved.is_empty() {
            unresolved.dedup();
            return Err(format_error(format!(
                "Unresolved resource dependencies [{}] in the Resources block of the template",
                unresolved.join(", ")
            )));
        }
        graph::Graph::of(self)?;
        Ok(())
    }

    /// The parameter values a stack runs with: given ones checked, defaults filled in.
    /// List types become arrays.
    pub fn resolve_parameters(&self, given: &[(String, String)]) -> Result<BTreeMap<String, Value>, String> {
        let unknown: Vec<&str> = given
            .iter()
            .filter(|(k, _)| !self.parameters.iter().any(|p| &p.name == k))
            .map(|(k, _)| k.as_str())
            .collect();
        if !unknown.is_empty() {
            return Err(format!("Parameters: [{}] do not exist in the template", unknown.join(", ")));
        }
        let missing: Vec<&str> = self
            .parameters
            .iter()
            .filter(|p| p.default.is_none() && !given.iter().any(|(k, _)| k == &p.name))
            .map(|p| p.name.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(format!("Parameters: [{}] must have values", missing.join(", ")));
        }
        let mut out = BTreeMap::new();
        for p in &self.parameters {
            let value = given
                .iter()
                .find(|(k, _)| k == &p.name)
                .map(|(_, v)| v.clone())
                .or_else(|| p.default.clone())
                .unwrap_or_default();
            out.insert(p.name.clone(), p.check(&value)?);
        }
        Ok(out)
    }
}

/// Evaluate every condition in order of need (a condition may name another).
pub fn evaluate_conditions(t: &Template, scope: &Scope) -> Result<HashMap<String, bool>, String> {
    let mut done: HashMap<String, bool> = HashMap::new();
    for _ in 0..=t.conditions.len() {
        let mut progressed = false;
        for (name, expr) in &t.conditions {
            if done.contains_key(name) {
                continue;
            }
            let s = Scope { conditions: &done, ..*scope };
            if let Ok(b) = s.condition(expr) {
                done.insert(name.clone(), b);
                progressed = true;
            }
        }
        if !progressed {
            break;
        }
    }
    for (name, expr) in &t.conditions {
        if !done.contains_key(name) {
            let s = Scope { conditions: &done, ..*scope };
            s.condition(expr)?;
            return Err(format_error(format!("Unresolved condition {name}")));
        }
    }
    Ok(done)
}

pub fn is_pseudo(name: &str) -> bool {
    matches!(
        name,
        "AWS::StackName"
            | "AWS::StackId"
            | "AWS::Region"
            | "AWS::AccountId"
            | "AWS::Partition"
            | "AWS::URLSuffix"
            | "AWS::NoValue"
            | "AWS::NotificationARNs"
    )
}

fn is_recognized_type(kind: &str) -> bool {
    if kind.starts_with("Custom::") {
        return true;
    }
    let parts: Vec<&str> = kind.split("::").collect();
    parts.len() == 3 && parts[0] == "AWS" && KNOWN_NAMESPACES.contains(&parts[1]) && !parts[2].is_empty()
}

impl ParameterDecl {
    /// Check one value against the declaration; the value as the stack sees it.
    pub fn check(&self, value: &str) -> Result<Value, String> {
        let name = &self.name;
        let fail = |default: String| {
            Err(self.constraint_description.clone().map(|c| format!("Parameter '{name}' {c}")).unwrap_or(default))
        };
        // An SSM-typed parameter's value is a parameter name here; the engine reads it.
        let is_list = self.kind == "CommaDelimitedList" || self.kind.starts_with("List<");
        let items: Vec<&str> = if is_list { value.split(',').map(str::trim).collect() } else { vec![value] };
        for item in &items {
            if !self.allowed_values.is_empty() && !self.allowed_values.iter().any(|a| a == item) {
                return fail(format!("Parameter '{name}' must be one of AllowedValues"));
            }
            if let Some(pat) = &self.allowed_pattern {
                let re = regex::Regex::new(&format!("^(?:{pat})$"))
                    .map_err(|_| format!("Parameter '{name}' has an invalid AllowedPattern"))?;
                if !re.is_match(item) {
                    return fail(format!("Parameter '{name}' must match pattern {pat}"));
                }
            }
            if let Some(min) = self.min_length {
                if item.chars().count() < min {
                    return fail(format!("Parameter '{name}' must contain at least {min} characters"));
                }
            }
            if let Some(max) = self.max_length {
                if item.chars().count() > max {
                    return fail(format!("Parameter '{name}' must contain at most {max} characters"));
                }
            }
            if self.kind == "Number" || self.kind == "List<Number>" {
                let Ok(n) = item.parse::<f64>() else {
                    return Err(format!("Parameter '{name}' must be a number"));
                };
                if let Some(min) = self.min_value {
                    if n < min {
                        return fail(format!("Parameter '{name}' must be a number not less than {min}"));
                    }
                }
                if let Some(max) = self.max_value {
                    if n > max {
                        return fail(format!("Parameter '{name}' must be a number not greater than {max}"));
                    }
                }
            }
        }
        Ok(if is_list {
            Value::Array(items.into_iter().map(|s| Value::String(s.into())).collect())
        } else {
            Value::String(value.to_string())
        })
    }
}

const PARAMETER_TYPES: &[&str] = &[
    "String",
    "Number",
    "List<Number>",
    "CommaDelimitedList",
    "AWS::EC2::AvailabilityZone::Name",
    "AWS::EC2::Image::Id",
    "AWS::EC2::Instance::Id",
    "AWS::EC2::KeyPair::KeyName",
    "AWS::EC2::SecurityGroup::GroupName",
    "AWS::EC2::SecurityGroup::Id",
    "AWS::EC2::Subnet::Id",
    "AWS::EC2::Volume::Id",
    "AWS::EC2::VPC::Id",
];

fn parse_parameters(v: Option<&Value>) -> Result<Vec<ParameterDecl>, String> {
    let Some(v) = v else { return Ok(vec![]) };
    let m = v.as_object().ok_or_else(|| format_error("Parameters must be an object"))?;
    let mut out = Vec::new();
    for (name, p) in m {
        let kind = p
            .get("Type")
            .and_then(Value::as_str)
            .ok_or_else(|| format_error(format!("[/Parameters/{name}] 'null' values are not allowed in templates")))?;
        let ssm_inner = kind.strip_prefix("AWS::SSM::Parameter::Value<").and_then(|k| k.strip_suffix('>'));
        let known = PARAMETER_TYPES.contains(&kind)
            || kind == "AWS::SSM::Parameter::Name"
            || ssm_inner.is_some_and(|k| {
                PARAMETER_TYPES.contains(&k)
                    || (k.starts_with("List<")
                        && PARAMETER_TYPES.contains(&k.trim_start_matches("List<").trim_end_matches('>')))
            })
            || (kind.starts_with("List<")
                && PARAMETER_TYPES.contains(&kind.trim_start_matches("List<").trim_end_matches('>')));
        if !known {
            return Err(format_error(format!("Unrecognized parameter type: {kind}")));
        }
        out.push(ParameterDecl {
            name: name.clone(),
            kind: kind.to_string(),
            default: match p.get("Default") {
                Some(Value::Array(a)) => Some(a.iter().map(eval::scalar_text).collect::<Vec<_>>().join(",")),
                d => opt_string(d),
            },
            description: opt_string(p.get("Description")),
            no_echo: opt_string(p.get("NoEcho")).as_deref() == Some("true"),
            allowed_values: p
                .get("AllowedValues")
                .and_then(Value::as_array)
                .map(|a| a.iter().map(eval::scalar_text).collect())
                .unwrap_or_default(),
            allowed_pattern: opt_string(p.get("AllowedPattern")),
            min_length: opt_number(p.get("MinLength")).map(|n| n as usize),
            max_length: opt_number(p.get("MaxLength")).map(|n| n as usize),
            min_value: opt_number(p.get("MinValue")),
            max_value: opt_number(p.get("MaxValue")),
            constraint_description: opt_string(p.get("ConstraintDescription")),
        });
    }
    Ok(out)
}

fn parse_resources(v: Option<&Value>) -> Result<Vec<ResourceDecl>, String> {
    let m = match v {
        Some(Value::Object(m)) if !m.is_empty() => m,
        _ => return Err(format_error("At least one Resources member must be defined.")),
    };
    let mut out = Vec::new();
    for (id, r) in m {
        if !id.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(format_error(format!("Resource name {id} is non alphanumeric.")));
        }
        let kind = r.get("Type").and_then(Value::as_str).ok_or_else(|| {
            format_error(format!("[/Resources/{id}] Every Resources object must contain a Type member."))
        })?;
        let depends_on = match r.get("DependsOn") {
            None => vec![],
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(String::from).collect(),
            Some(_) => {
                return Err(format_error(format!(
                    "[/Resources/{id}/DependsOn] DependsOn must be a string or a list of strings"
                )))
            }
        };
        out.push(ResourceDecl {
            logical_id: id.clone(),
            kind: kind.to_string(),
            properties: r.get("Properties").cloned().unwrap_or(Value::Object(Map::new())),
            depends_on,
            condition: r.get("Condition").and_then(Value::as_str).map(String::from),
            deletion_policy: r.get("DeletionPolicy").and_then(Value::as_str).map(String::from),
            creation_policy: r.get("CreationPolicy").cloned(),
            update_policy: r.get("UpdatePolicy").cloned(),
            metadata: r.get("Metadata").cloned(),
        });
    }
    Ok(out)
}

fn parse_outputs(v: Option<&Value>) -> Result<Vec<OutputDecl>, String> {
    let Some(v) = v else { return Ok(vec![]) };
    let m = v.as_object().ok_or_else(|| format_error("Outputs must be an object"))?;
    let mut out = Vec::new();
    for (name, o) in m {
        let value = o.get("Value").cloned().ok_or_else(|| {
            format_error(format!("[/Outputs/{name}] Every Outputs member must contain a Value object"))
        })?;
        out.push(OutputDecl {
            name: name.clone(),
            value,
            description: opt_string(o.get("Description")),
            export_name: o.get("Export").and_then(|e| e.get("Name")).cloned(),
            condition: o.get("Condition").and_then(Value::as_str).map(String::from),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "Parameters:\n  Env:\n    Type: String\n    AllowedValues: [dev, prod]\n    Default: dev\n  \
        Size:\n    Type: Number\n    MinValue: 1\n    MaxValue: 5\n    Default: 2\n  Cidr:\n    Type: String\n    AllowedPattern: '^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$'\n    Default: 10.0.0.0/8\n\
        Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Sub:\n    Type: AWS::SNS::Subscription\n    Properties:\n      TopicArn: !Ref Topic\n      Protocol: email\n      Endpoint: a@b.c\n";

    #[test]
    fn parameters_checked_against_their_constraints() {
        let t = Template::parse(SMALL).unwrap();
        let p = t.resolve_parameters(&[]).unwrap();
        assert_eq!(p["Env"], "dev");
        let bad = |k: &str, v: &str| t.resolve_parameters(&[(k.into(), v.into())]).unwrap_err();
        assert_eq!(bad("Env", "test"), "Parameter 'Env' must be one of AllowedValues");
        assert_eq!(bad("Size", "x"), "Parameter 'Size' must be a number");
        assert_eq!(bad("Size", "9"), "Parameter 'Size' must be a number not greater than 5");
        assert!(bad("Cidr", "nope").starts_with("Parameter 'Cidr' must match pattern"));
        assert_eq!(bad("Other", "x"), "Parameters: [Other] do not exist in the template");
    }

    #[test]
    fn missing_parameter_values() {
        let t = Template::parse(
            "Parameters:\n  K:\n    Type: AWS::EC2::KeyPair::KeyName\nResources:\n  T:\n    Type: AWS::SNS::Topic\n",
        )
        .unwrap();
        assert_eq!(t.resolve_parameters(&[]).unwrap_err(), "Parameters: [K] must have values");
    }

    #[test]
    fn bad_templates() {
        let e = Template::parse("Resources:\n  A:\n    Type: AWS::Nope::Thing\n").unwrap_err();
        assert_eq!(e, "Template format error: Unrecognized resource types: [AWS::Nope::Thing]");
        let e = Template::parse(
            "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Missing\n",
        )
        .unwrap_err();
        assert_eq!(
            e,
            "Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template"
        );
        let e = Template::parse("Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: B\n  B:\n    Type: AWS::SNS::Topic\n    DependsOn: A\n").unwrap_err();
        assert_eq!(e, "Circular dependency between resources: [A, B]");
        let e = Template::parse("Description: x\n").unwrap_err();
        assert_eq!(e, "Template format error: At least one Resources member must be defined.");
    }

    #[test]
    fn the_kgsports_template_parses() {
        let body = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/acceptance/kgsports-stack.yaml"
        ));
        let body = body.expect("shared/acceptance/kgsports-stack.yaml beside the repository");
        let t = Template::parse(&body).unwrap();
        assert!(t.resource("WebServerGroup").is_some());
        let order = graph::Graph::of(&t).unwrap();
        assert!(order.deps["WebServerGroup"].contains("WebLaunchTemplate"));
        assert!(order.deps["WebServerGroup"].contains("PrivateDefaultRoute"));
        assert!(order.deps["NatGateway"].contains("NatAddress"));
    }
}
