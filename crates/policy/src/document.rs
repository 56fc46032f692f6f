//! Policy documents: the data model, JSON parsing and validation.
//!
//! Grammar: reference_policies_grammar.html. Element rules:
//! reference_policies_elements.html (Version, Id, Statement, Sid, Effect,
//! Principal/NotPrincipal, Action/NotAction, Resource/NotResource, Condition;
//! the Not* forms are mutually exclusive with their positive forms).
//! Error texts are those IAM returns in `MalformedPolicyDocument` where known.

use serde_json::{Map, Value};

use crate::condition::ConditionOperator;

/// A malformed policy; [`PolicyError::message`] is suitable as the message of
/// AWS's `MalformedPolicyDocument` error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PolicyError {
    message: String,
}

impl PolicyError {
    /// Build an error with the given message.
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }

    /// The AWS-style message.
    pub fn message(&self) -> &str {
        &self.message
    }

    fn syntax() -> Self {
        Self::new(SYNTAX)
    }
}

const SYNTAX: &str = "Syntax errors in policy.";
const VENDOR: &str = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    Allow,
    Deny,
}

impl Effect {
    /// "Allow" / "Deny".
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// A parsed and syntactically valid policy document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyDocument {
    /// "2012-10-17", "2008-10-17", or `None` when absent.
    pub version: Option<String>,
    pub id: Option<String>,
    pub statements: Vec<Statement>,
}

/// One statement of a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub sid: Option<String>,
    pub effect: Effect,
    /// `Principal` / `NotPrincipal`; `None` in identity-based policies.
    pub principal: Option<PrincipalSpec>,
    /// `Action` / `NotAction` (always present).
    pub actions: PatternSet,
    /// `Resource` / `NotResource`; `None` in trust policies.
    pub resources: Option<PatternSet>,
    /// Flattened `Condition` block, in document order.
    pub conditions: Vec<Condition>,
}

/// The patterns of an `Action`/`Resource` element, or of its `Not` form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternSet {
    /// `true` for `NotAction` / `NotResource`.
    pub negated: bool,
    pub patterns: Vec<String>,
}

/// A `Principal` (or, when `negated`, `NotPrincipal`) element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalSpec {
    pub negated: bool,
    pub principal: Principal,
}

/// The value of a `Principal` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// `"Principal": "*"`.
    Any,
    /// `{"AWS": ..., "Service": ..., ...}`, in document order.
    Typed(Vec<(PrincipalType, Vec<String>)>),
}

/// The keys of a typed `Principal` map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrincipalType {
    Aws,
    Service,
    Federated,
    CanonicalUser,
}

impl PrincipalType {
    fn from_key(key: &str) -> Option<Self> {
        Some(match key {
            "AWS" => Self::Aws,
            "Service" => Self::Service,
            "Federated" => Self::Federated,
            "CanonicalUser" => Self::CanonicalUser,
            _ => return None,
        })
    }

    /// The JSON key: "AWS", "Service", "Federated", "CanonicalUser".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Aws => "AWS",
            Self::Service => "Service",
            Self::Federated => "Federated",
            Self::CanonicalUser => "CanonicalUser",
        }
    }
}

/// One `operator: {key: values}` entry of a `Condition` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// Operator as written, e.g. "ForAnyValue:StringLikeIfExists".
    pub operator: String,
    /// Condition key as written, e.g. "aws:SourceIp".
    pub key: String,
    /// Values, numbers and booleans kept as their JSON text.
    pub values: Vec<String>,
}

impl PolicyDocument {
    /// Parse and validate a JSON policy.
    ///
    /// Accepts "Version" "2012-10-17" / "2008-10-17" or missing; "Statement"
    /// as one object or an array; Action/NotAction/Resource/NotResource as a
    /// string or array; Principal/NotPrincipal as "*" or a typed map; and
    /// Condition as `{operator: {key: value | [values]}}`.
    ///
    /// Errors are worded as resource-based policies' validation words them ("Missing required
    /// field Statement"); [`PolicyDocument::parse_identity`] words them as IAM does for
    /// identity-based policies.
    pub fn parse(json: &str) -> Result<PolicyDocument, PolicyError> {
        Self::parse_in(json, Dialect::Resource)
    }

    /// [`PolicyDocument::parse`] with IAM's texts for identity-based policies (CreatePolicy,
    /// PutUserPolicy …): a document that is not JSON, lacks Statement or Effect, names an
    /// unknown Effect, or has both an element and its Not form is "Syntax errors in policy.";
    /// a statement without Action "Policy statement must contain actions."; an Effect that
    /// differs from Allow/Deny only in case "The policy failed legacy parsing".
    pub fn parse_identity(json: &str) -> Result<PolicyDocument, PolicyError> {
        Self::parse_in(json, Dialect::Identity)
    }

    fn parse_in(json: &str, dialect: Dialect) -> Result<PolicyDocument, PolicyError> {
        let identity = dialect == Dialect::Identity;
        let value: Value = serde_json::from_str(json).map_err(|_| {
            if identity {
                PolicyError::syntax()
            } else {
                PolicyError::new("The policy failed legacy parsing")
            }
        })?;
        let obj = value.as_object().ok_or_else(PolicyError::syntax)?;
        let mut doc = PolicyDocument { version: None, id: None, statements: Vec::new() };
        let mut statement = None;
        for (key, v) in obj {
            match key.as_str() {
                "Version" => match v.as_str() {
                    Some(s @ ("2012-10-17" | "2008-10-17")) => doc.version = Some(s.to_string()),
                    _ => return Err(PolicyError::syntax()),
                },
                "Id" => doc.id = Some(v.as_str().ok_or_else(PolicyError::syntax)?.to_string()),
                "Statement" => statement = Some(v),
                _ => return Err(PolicyError::syntax()),
            }
        }
        let statement = statement.ok_or_else(|| {
            if identity {
                PolicyError::syntax()
            } else {
                PolicyError::new("Missing required field Statement")
            }
        })?;
        doc.statements = match statement {
            Value::Object(o) => vec![parse_statement(o, dialect)?],
            Value::Array(items) if identity && items.is_empty() => return Err(PolicyError::syntax()),
            Value::Array(items) => items
                .iter()
                .map(|s| s.as_object().ok_or_else(PolicyError::syntax))
                .map(|o| o.and_then(|o| parse_statement(o, dialect)))
                .collect::<Result<_, _>>()?,
            _ => return Err(PolicyError::syntax()),
        };
        Ok(doc)
    }

    /// Whether policy variables (`${...}`) are substituted: only in
    /// "2012-10-17" documents; in older versions they are literal text
    /// (reference_policies_elements_version.html).
    pub fn supports_variables(&self) -> bool {
        self.version.as_deref() == Some("2012-10-17")
    }

    /// Extra checks for identity-based policies (and permissions boundaries):
    /// every statement needs Resource/NotResource, none may name a principal,
    /// and Sids must be alphanumeric and unique.
    pub fn validate_identity_policy(&self) -> Result<(), PolicyError> {
        let mut seen = Vec::new();
        for s in &self.statements {
            if s.principal.is_some() {
                return Err(PolicyError::new("Policy document should not specify a principal."));
            }
            if s.resources.is_none() {
                return Err(PolicyError::new("Policy statement must contain resources."));
            }
            if let Some(sid) = &s.sid {
                if !sid.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(PolicyError::new(
                        "Statement IDs (SID) must be alpha-numeric. Check that your input \
                         satisfies the regular expression [0-9A-Za-z]*",
                    ));
                }
                if !sid.is_empty() {
                    if seen.contains(&sid) {
                        return Err(PolicyError::new("Statement IDs (SID) in a single policy must be unique."));
                    }
                    seen.push(sid);
                }
            }
        }
        Ok(())
    }

    /// Extra checks for role trust policies: every statement needs
    /// Principal/NotPrincipal and none may have Resource/NotResource.
    pub fn validate_trust_policy(&self) -> Result<(), PolicyError> {
        for s in &self.statements {
            if s.principal.is_none() {
                return Err(PolicyError::new("Missing required field Principal"));
            }
            if let Some(r) = &s.resources {
                let field = if r.negated { "NotResource" } else { "Resource" };
                return Err(PolicyError::new(format!("Has prohibited field {field}")));
            }
        }
        Ok(())
    }
}

/// Whose wording a parse's errors take: resource-based policies' (and trust policies') or IAM's
/// for identity-based policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Resource,
    Identity,
}

fn parse_statement(obj: &Map<String, Value>, dialect: Dialect) -> Result<Statement, PolicyError> {
    let identity = dialect == Dialect::Identity;
    const KEYS: [&str; 9] =
        ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
    if obj.keys().any(|k| !KEYS.contains(&k.as_str())) {
        return Err(PolicyError::syntax());
    }
    let sid = match obj.get("Sid") {
        None => None,
        Some(v) => Some(v.as_str().ok_or_else(PolicyError::syntax)?.to_string()),
    };
    let effect = match obj.get("Effect") {
        None if identity => return Err(PolicyError::syntax()),
        None => return Err(PolicyError::new("Missing required field Effect")),
        Some(Value::String(s)) if s == "Allow" => Effect::Allow,
        Some(Value::String(s)) if s == "Deny" => Effect::Deny,
        Some(Value::String(s)) if identity && (s.eq_ignore_ascii_case("allow") || s.eq_ignore_ascii_case("deny")) => {
            return Err(PolicyError::new("The policy failed legacy parsing"))
        }
        Some(Value::String(_)) if identity => return Err(PolicyError::syntax()),
        Some(Value::String(s)) => return Err(PolicyError::new(format!("Invalid effect: {s}"))),
        Some(_) => return Err(PolicyError::syntax()),
    };
    const NO_ACTIONS: &str = "Policy statement must contain actions.";
    let actions = either(obj, "Action", "NotAction", dialect)?
        .map(|(negated, v)| pattern_set(negated, v, NO_ACTIONS))
        .transpose()?
        .ok_or_else(|| PolicyError::new(if identity { NO_ACTIONS } else { "Missing required field Action" }))?;
    for a in &actions.patterns {
        validate_action(a)?;
    }
    let resources = either(obj, "Resource", "NotResource", dialect)?
        .map(|(negated, v)| pattern_set(negated, v, "Policy statement must contain resources."))
        .transpose()?;
    if let Some(r) = &resources {
        for p in &r.patterns {
            if p != "*" && !p.starts_with("arn:") {
                return Err(PolicyError::new(format!("Resource {p} must be in ARN format or \"*\".")));
            }
        }
    }
    let principal = either(obj, "Principal", "NotPrincipal", dialect)?
        .map(|(negated, v)| parse_principal(v).map(|principal| PrincipalSpec { negated, principal }))
        .transpose()?;
    let conditions = match obj.get("Condition") {
        None => Vec::new(),
        Some(v) => parse_conditions(v)?,
    };
    Ok(Statement { sid, effect, principal, actions, resources, conditions })
}

/// The element `pos` or `neg` (not both), with `true` meaning `neg`.
fn either<'v>(
    obj: &'v Map<String, Value>,
    pos: &str,
    neg: &str,
    dialect: Dialect,
) -> Result<Option<(bool, &'v Value)>, PolicyError> {
    match (obj.get(pos), obj.get(neg)) {
        (Some(_), Some(_)) if dialect == Dialect::Identity => Err(PolicyError::syntax()),
        (Some(_), Some(_)) => Err(PolicyError::new(format!("Statement contains both {pos} and {neg}"))),
        (Some(v), None) => Ok(Some((false, v))),
        (None, Some(v)) => Ok(Some((true, v))),
        (None, None) => Ok(None),
    }
}

fn pattern_set(negated: bool, v: &Value, empty: &str) -> Result<PatternSet, PolicyError> {
    let patterns = string_or_array(v)?;
    if patterns.is_empty() {
        return Err(PolicyError::new(empty));
    }
    Ok(PatternSet { negated, patterns })
}

fn string_or_array(v: &Value) -> Result<Vec<String>, PolicyError> {
    match v {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => {
            items.iter().map(|i| i.as_str().map(str::to_string).ok_or_else(PolicyError::syntax)).collect()
        }
        _ => Err(PolicyError::syntax()),
    }
}

fn validate_action(a: &str) -> Result<(), PolicyError> {
    if a == "*" {
        return Ok(());
    }
    match a.split_once(':') {
        Some((vendor, name)) if !vendor.is_empty() && !name.is_empty() => Ok(()),
        _ => Err(PolicyError::new(VENDOR)),
    }
}

fn parse_principal(v: &Value) -> Result<Principal, PolicyError> {
    let map = match v {
        Value::String(s) if s == "*" => return Ok(Principal::Any),
        Value::Object(map) if !map.is_empty() => map,
        _ => return Err(PolicyError::syntax()),
    };
    let mut typed = Vec::new();
    for (key, value) in map {
        let ty = PrincipalType::from_key(key).ok_or_else(PolicyError::syntax)?;
        let values = string_or_array(value)?;
        for id in &values {
            if !principal_value_ok(ty, id) {
                return Err(PolicyError::new(format!("Invalid principal in policy: \"{key}\":\"{id}\"")));
            }
        }
        typed.push((ty, values));
    }
    Ok(Principal::Typed(typed))
}

/// AWS principals are "*", a 12-digit account id or an ARN
/// (reference_policies_elements_principal.html); other types need a value.
fn principal_value_ok(ty: PrincipalType, id: &str) -> bool {
    match ty {
        PrincipalType::Aws => {
            id == "*" || (id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())) || id.starts_with("arn:")
        }
        _ => !id.is_empty(),
    }
}

fn parse_conditions(v: &Value) -> Result<Vec<Condition>, PolicyError> {
    let block = v.as_object().ok_or_else(PolicyError::syntax)?;
    let mut out = Vec::new();
    for (operator, entries) in block {
        if ConditionOperator::parse(operator).is_none() {
            return Err(PolicyError::new(format!("Invalid Condition type : {operator}")));
        }
        let entries = entries.as_object().ok_or_else(PolicyError::syntax)?;
        for (key, values) in entries {
            match key.split_once(':') {
                Some((vendor, name)) if !vendor.is_empty() && !name.is_empty() => {}
                _ => return Err(PolicyError::new(VENDOR)),
            }
            let values = match values {
                Value::Array(items) => items.iter().map(scalar).collect::<Result<_, _>>()?,
                other => vec![scalar(other)?],
            };
            out.push(Condition { operator: operator.clone(), key: key.clone(), values });
        }
    }
    Ok(out)
}

/// Condition values may be strings, numbers or booleans; all kept as text.
fn scalar(v: &Value) -> Result<String, PolicyError> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err(PolicyError::syntax()),
    }
}
