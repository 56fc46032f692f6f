//! SimulatePrincipalPolicy and SimulateCustomPolicy: the policy engine's verdict, with the
//! statements that decided it, without performing anything.

use policy::{ContextKeys, Decision, PolicyDocument, RequestContext};
use serde_json::{json, Value};

use super::In;
use crate::authorize::{load_bundle, Entity, PolicyBundle};
use crate::error::{IamError, Result};
use crate::Identity;

fn context(input: &In) -> ContextKeys {
    let mut keys = ContextKeys::new();
    if let Some(entries) = input.0.get("ContextEntries").and_then(Value::as_array) {
        for e in entries {
            let name = e.get("ContextKeyName").and_then(Value::as_str).unwrap_or_default();
            let values = e
                .get("ContextKeyValues")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
                .unwrap_or_default();
            keys.set_many(name, values);
        }
    }
    keys
}

fn parse_all(docs: Vec<String>, label: &str) -> Result<Vec<(String, PolicyDocument)>> {
    docs.into_iter()
        .enumerate()
        .map(|(i, d)| {
            PolicyDocument::parse(&d)
                .map(|p| (format!("{label}{}", i + 1), p))
                .map_err(|e| IamError::MalformedPolicyDocument(e.to_string()))
        })
        .collect()
}

fn simulate(bundle: &PolicyBundle, caller: &str, input: &In) -> Result<Value> {
    let keys = context(input);
    let actions = input.strings("ActionNames");
    let mut resources = input.strings("ResourceArns");
    if resources.is_empty() {
        resources.push("*".into());
    }
    let identity: Vec<(&str, &PolicyDocument)> = bundle.identity.iter().map(|(l, d)| (l.as_str(), d)).collect();
    let boundary: Option<Vec<(&str, &PolicyDocument)>> =
        bundle.boundary.as_ref().map(|b| b.iter().map(|(l, d)| (l.as_str(), d)).collect());
    let mut results = Vec::new();
    for action in &actions {
        for resource in &resources {
            let mut ctx = RequestContext::new(action, resource, &keys);
            ctx.principal_arn = caller;
            let out = policy::authorize(&identity, boundary.as_deref(), None, &ctx);
            let decision = match out.decision {
                Decision::Allow => "allowed",
                Decision::ExplicitDeny => "explicitDeny",
                Decision::ImplicitDeny => "implicitDeny",
            };
            let matched: Vec<Value> = out
                .matched
                .iter()
                .map(|m| {
                    let kind = if m.policy.starts_with("arn:aws:iam::aws:") {
                        "aws-managed"
                    } else if m.policy.starts_with("arn:") {
                        "managed"
                    } else if m.policy.starts_with("inline:") {
                        "user"
                    } else {
                        "none"
                    };
                    json!({"SourcePolicyId": m.policy, "SourcePolicyType": kind})
                })
                .collect();
            results.push(json!({
                "EvalActionName": action,
                "EvalResourceName": resource,
                "EvalDecision": decision,
                "MatchedStatements": matched,
                "MissingContextValues": [],
            }));
        }
    }
    Ok(json!({"EvaluationResults": results, "IsTruncated": false}))
}

pub fn simulate_principal_policy(id: &Identity, input: &In) -> Result<Value> {
    let arn = input.req("PolicySourceArn");
    let rest = arn
        .split_once(":user/")
        .map(|(_, r)| (Entity::User, r))
        .or_else(|| arn.split_once(":group/").map(|(_, r)| (Entity::Group, r)))
        .or_else(|| arn.split_once(":role/").map(|(_, r)| (Entity::Role, r)));
    let Some((entity, path_name)) = rest else {
        return Err(IamError::InvalidInput(format!(
            "Invalid Entity Arn: {arn} does not clearly define entity type and name."
        )));
    };
    let name = path_name.rsplit('/').next().unwrap_or(path_name);
    let mut bundle = id.read(|tx| {
        let exists = match entity {
            Entity::User => super::users::load(tx, name).is_ok(),
            Entity::Group => super::groups::load(tx, name).is_ok(),
            Entity::Role => super::roles::load(tx, name).is_ok(),
        };
        if !exists {
            return Err(IamError::NoSuchEntity(format!("Entity {arn} does not exist.")));
        }
        load_bundle(tx, entity, name)
    })?;
    bundle.identity.extend(parse_all(input.strings("PolicyInputList"), "PolicyInputList.")?);
    simulate(&bundle, arn, input)
}

pub fn simulate_custom_policy(_id: &Identity, input: &In) -> Result<Value> {
    let identity = parse_all(input.strings("PolicyInputList"), "PolicyInputList.")?;
    let boundary_docs = input.strings("PermissionsBoundaryPolicyInputList");
    let boundary = if boundary_docs.is_empty() {
        None
    } else {
        Some(parse_all(boundary_docs, "PermissionsBoundaryPolicyInputList.")?)
    };
    let bundle = PolicyBundle { identity, boundary };
    simulate(&bundle, input.s("CallerArn").unwrap_or(""), input)
}
