//! Stacks: create, update, delete, describe and list them, their events and resources.

use serde_json::{json, Value};
use wire::CallContext;

use super::*;
use crate::error::{CfnError, Result};
use crate::records::{kind, ChangeRec, EventRec, ResourceRec, StackRec};
use crate::template::Template;
use crate::CloudFormation;

pub(super) fn create_stack(cfn: &std::sync::Arc<CloudFormation>, cx: &CallContext, input: &Value) -> Result<Value> {
    let name = required(input, "StackName")?;
    check_stack_name(name)?;
    if find_stack(cfn, name)?.is_some() {
        return Err(CfnError::AlreadyExists(name.into()));
    }
    let mut st = new_stack(cfn, cx, name, input, "CREATE_IN_PROGRESS")?;
    st.reason = Some("User Initiated".into());
    cfn.store.write(|tx| {
        tx.put(kind::STACK, &st.stack_id, &st)?;
        let ev = cfn.stack_event(&st, "CREATE_IN_PROGRESS", Some("User Initiated"));
        tx.put(kind::EVENT, &cfn.event_key(&st.stack_id), &ev)
    })?;
    crate::engine::start_create(cfn, &st.stack_id);
    Ok(json!({"StackId": st.stack_id}))
}

/// SetStackPolicy: the policy every later update is checked against.
pub(super) fn set_stack_policy(cfn: &std::sync::Arc<CloudFormation>, input: &Value) -> Result<Value> {
    let name = required(input, "StackName")?;
    let Some(policy) = policy_body(input, "StackPolicyBody", "StackPolicyURL")? else {
        return Err(CfnError::Validation("Either StackPolicyBody or StackPolicyURL must be specified".into()));
    };
    let mut st = stack(cfn, name)?;
    st.stack_policy = Some(policy);
    cfn.store.write(|tx| tx.put(kind::STACK, &st.stack_id, &st))?;
    Ok(json!({}))
}

/// CancelUpdateStack: the running update stops starting resources and rolls back.
pub(super) fn cancel_update_stack(cfn: &std::sync::Arc<CloudFormation>, input: &Value) -> Result<Value> {
    let st = stack(cfn, required(input, "StackName")?)?;
    if st.status != "UPDATE_IN_PROGRESS" {
        return Err(CfnError::Validation(format!(
            "CancelUpdateStack cannot be called from current stack status: {}",
            st.status
        )));
    }
    cfn.cancel_requested.lock().unwrap_or_else(|e| e.into_inner()).insert(st.stack_id.clone());
    // Resources waiting for signals give up now (the update notices the cancel when one ends).
    cfn.stop_waits(&st.stack_id);
    Ok(json!({}))
}

/// ContinueUpdateRollback: a stack whose update rollback failed goes on rolling back from
/// where it stopped (what failed is tried again), skipping ResourcesToSkip.
pub(super) fn continue_update_rollback(
    cfn: &std::sync::Arc<CloudFormation>,
    cx: &CallContext,
    input: &Value,
) -> Result<Value> {
    let name = required(input, "StackName")?;
    let mut st = stack(cfn, name)?;
    if st.status != "UPDATE_ROLLBACK_FAILED" {
        return Err(CfnError::Validation(format!(
            "Stack [{}] is in {} state and can not continue update rollback.",
            st.name, st.status
        )));
    }
    let skip = strings(input, "ResourcesToSkip");
    let failures = crate::stack_update::rollback_failures(cfn, &st.stack_id).map_err(CfnError::Validation)?;
    let resources = stack_resources(cfn, &st.stack_id)?;
    for id in &skip {
        if let Some((nested, _)) = id.split_once('.') {
            // NestedStack.Resource names a resource of a nested stack; this region has none.
            return Err(CfnError::Validation(format!(
                "Nested stack resource {id} cannot be skipped: [{nested}] is not a nested stack (AWS::CloudFormation::Stack) of stack [{}]",
                st.name
            )));
        }
        let Some(r) = resources.iter().find(|r| &r.logical_id == id) else {
            return Err(CfnError::Validation(format!("Resource [{id}] does not exist in stack [{}]", st.name)));
        };
        if r.status != "UPDATE_FAILED" || !failures.contains(id) {
            return Err(CfnError::Validation(format!(
                "Resource [{id}] cannot be skipped: only resources in UPDATE_FAILED state because their rollback failed can be skipped; it is in {} state",
                r.status
            )));
        }
    }
    if let Some(role) = s(input, "RoleARN") {
        // As on AWS: the role is the stack's from now on.
        st.caller = crate::records::CallerRec::service_role(&cx.principal.account, role);
    }
    cfn.set_status(&mut st, "UPDATE_ROLLBACK_IN_PROGRESS", Some("User Initiated"))?;
    crate::engine::start_continue_rollback(cfn, &st.stack_id, skip);
    Ok(json!({}))
}

pub(super) fn get_stack_policy(cfn: &std::sync::Arc<CloudFormation>, input: &Value) -> Result<Value> {
    let st = stack(cfn, required(input, "StackName")?)?;
    Ok(match st.stack_policy {
        Some(p) => json!({"StackPolicyBody": p}),
        None => json!({}),
    })
}

pub(super) fn update_stack(cfn: &std::sync::Arc<CloudFormation>, input: &Value) -> Result<Value> {
    let name = required(input, "StackName")?;
    let mut st = stack(cfn, name)?;
    check_updatable(&st)?;
    let during = policy_body(input, "StackPolicyDuringUpdateBody", "StackPolicyDuringUpdateURL")?;
    if let Some(p) = policy_body(input, "StackPolicyBody", "StackPolicyURL")? {
        st.stack_policy = Some(p);
    }
    st.policy_during_update = during;
    let (body, params, caps) = update_request(&st, input)?;
    if body == st.template_body && params == st.parameters {
        return Err(CfnError::Validation("No updates are to be performed.".into()));
    }
    let stack_id = st.stack_id.clone();
    begin_update(cfn, st, body, params, caps, None)?;
    Ok(json!({"StackId": stack_id}))
}

pub(super) fn check_updatable(st: &StackRec) -> Result<()> {
    if !matches!(st.status.as_str(), "CREATE_COMPLETE" | "UPDATE_COMPLETE" | "UPDATE_ROLLBACK_COMPLETE") {
        return Err(CfnError::Validation(format!(
            "Stack:{} is in {} state and can not be updated.",
            st.stack_id, st.status
        )));
    }
    Ok(())
}

/// The template body, parameters and capabilities an UpdateStack or UPDATE change set asks
/// for (UsePreviousTemplate, UsePreviousValue honoured), checked.
/// Template body, resolved parameters, capabilities.
pub(super) type UpdateRequest = (String, Vec<(String, String)>, Vec<String>);

pub(super) fn update_request(st: &StackRec, input: &Value) -> Result<UpdateRequest> {
    let use_previous = input.get("UsePreviousTemplate").and_then(Value::as_bool).unwrap_or(false);
    let body = if use_previous { st.template_body.clone() } else { template_body(input)?.to_string() };
    let t = Template::parse(&body).map_err(CfnError::Validation)?;
    let mut given = Vec::new();
    for p in input.get("Parameters").and_then(Value::as_array).into_iter().flatten() {
        let Some(k) = p.get("ParameterKey").and_then(Value::as_str) else { continue };
        if p.get("UsePreviousValue").and_then(Value::as_bool) == Some(true) {
            let v = st.parameters.iter().find(|(pk, _)| pk == k).map(|(_, v)| v.clone()).ok_or_else(|| {
                CfnError::Validation(format!("Invalid input for parameter key {k}. Cannot specify usePreviousValue as true for a parameter key not in the previous template"))
            })?;
            given.push((k.to_string(), v));
        } else {
            given
                .push((k.to_string(), p.get("ParameterValue").and_then(Value::as_str).unwrap_or_default().to_string()));
        }
    }
    let resolved = t.resolve_parameters(&given).map_err(CfnError::Validation)?;
    let params: Vec<(String, String)> =
        resolved.iter().map(|(k, v)| (k.clone(), crate::template::eval::scalar_text(v))).collect();
    let caps = strings(input, "Capabilities");
    check_capabilities(&t, &caps)?;
    Ok((body, params, caps))
}

/// Record an update (and its first event) and start it.
pub(super) fn begin_update(
    cfn: &std::sync::Arc<CloudFormation>,
    mut st: StackRec,
    body: String,
    params: Vec<(String, String)>,
    caps: Vec<String>,
    change_set: Option<String>,
) -> Result<()> {
    st.previous = Some(crate::records::PreviousRec {
        template_body: st.template_body.clone(),
        parameters: st.parameters.clone(),
        outputs: st.outputs.clone(),
        description: st.description.clone(),
    });
    st.description = Template::parse(&body).ok().and_then(|t| t.description);
    st.template_body = body;
    st.parameters = params;
    st.capabilities = caps;
    st.change_set = change_set;
    st.status = "UPDATE_IN_PROGRESS".into();
    st.reason = Some("User Initiated".into());
    // A cancel that came too late for the previous update is not this one's.
    cfn.cancel_requested.lock().unwrap_or_else(|e| e.into_inner()).remove(&st.stack_id);
    st.updated = Some(cfn.now());
    cfn.store.write(|tx| {
        tx.put(kind::STACK, &st.stack_id, &st)?;
        // The update's journal, empty: a restart before its first step rolls back nothing.
        tx.put(kind::UNDO, &st.stack_id, &json!({"touched": []}))?;
        let ev = cfn.stack_event(&st, "UPDATE_IN_PROGRESS", Some("User Initiated"));
        tx.put(kind::EVENT, &cfn.event_key(&st.stack_id), &ev)
    })?;
    crate::engine::start_update(cfn, &st.stack_id);
    Ok(())
}

/// What an update from `old` to `new` would do, resource by resource.
pub(super) fn planned_changes(cfn: &CloudFormation, st: &StackRec, new: &Template) -> Result<Vec<ChangeRec>> {
    let old = Template::parse(&st.template_body).map_err(CfnError::Validation)?;
    let physical: std::collections::HashMap<String, Option<String>> =
        stack_resources(cfn, &st.stack_id)?.into_iter().map(|r| (r.logical_id, r.physical_id)).collect();
    let mut out = Vec::new();
    for r in &new.resources {
        match old.resource(&r.logical_id) {
            None => out.push(ChangeRec {
                action: "Add".into(),
                logical_id: r.logical_id.clone(),
                kind: r.kind.clone(),
                physical_id: None,
                replacement: None,
            }),
            Some(o) if o.kind != r.kind || o.properties != r.properties || o.depends_on != r.depends_on => {
                out.push(ChangeRec {
                    action: "Modify".into(),
                    logical_id: r.logical_id.clone(),
                    kind: r.kind.clone(),
                    physical_id: physical.get(&r.logical_id).cloned().flatten(),
                    replacement: Some(if o.kind != r.kind { "True" } else { "Conditional" }.into()),
                })
            }
            Some(_) => {}
        }
    }
    for o in &old.resources {
        if new.resource(&o.logical_id).is_none() {
            out.push(ChangeRec {
                action: "Remove".into(),
                logical_id: o.logical_id.clone(),
                kind: o.kind.clone(),
                physical_id: physical.get(&o.logical_id).cloned().flatten(),
                replacement: None,
            });
        }
    }
    Ok(out)
}

pub(super) fn update_termination_protection(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let mut st = stack(cfn, required(input, "StackName")?)?;
    st.termination_protection = input.get("EnableTerminationProtection").and_then(Value::as_bool).unwrap_or(false);
    cfn.put(kind::STACK, &st.stack_id, &st)?;
    Ok(json!({"StackId": st.stack_id}))
}

pub(super) fn describe_stacks(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let stacks: Vec<StackRec> = match s(input, "StackName") {
        Some(n) => vec![stack(cfn, n)?],
        None => cfn
            .list::<StackRec>(kind::STACK, "")?
            .into_iter()
            .map(|(_, s)| s)
            .filter(|s| s.status != "DELETE_COMPLETE")
            .collect(),
    };
    let out: Vec<Value> = stacks
        .iter()
        .map(|st| {
            let no_echo: Vec<String> = Template::parse(&st.template_body)
                .map(|t| t.parameters.iter().filter(|p| p.no_echo).map(|p| p.name.clone()).collect())
                .unwrap_or_default();
            st.describe(&no_echo)
        })
        .collect();
    Ok(json!({"Stacks": out}))
}

pub(super) fn list_stacks(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let filter = strings(input, "StackStatusFilter");
    let mut all: Vec<StackRec> = cfn.list::<StackRec>(kind::STACK, "")?.into_iter().map(|(_, s)| s).collect();
    all.sort_by(|a, b| b.created.total_cmp(&a.created));
    let out: Vec<Value> = all
        .iter()
        .filter(|s| filter.is_empty() || filter.contains(&s.status))
        .filter(|s| s.status != "REVIEW_IN_PROGRESS" || !filter.is_empty())
        .map(StackRec::summary)
        .collect();
    Ok(json!({"StackSummaries": out}))
}

pub(super) fn delete_stack(cfn: &std::sync::Arc<CloudFormation>, input: &Value) -> Result<Value> {
    let name = required(input, "StackName")?;
    let Some(mut st) = find_stack(cfn, name)? else { return Ok(json!({})) };
    if st.status == "DELETE_COMPLETE" || st.status == "DELETE_IN_PROGRESS" {
        return Ok(json!({}));
    }
    if st.termination_protection {
        return Err(CfnError::Validation(format!(
            "Stack [{}] cannot be deleted while TerminationProtection is enabled",
            st.name
        )));
    }
    if st.status == "CREATE_IN_PROGRESS" {
        // As on AWS: the creation is cancelled (nothing new is started) and the stack deleted.
        cfn.delete_requested.lock().unwrap_or_else(|e| e.into_inner()).insert(st.stack_id.clone());
        return Ok(json!({}));
    }
    if st.in_progress() {
        return Err(CfnError::Validation(format!(
            "Stack [{}] cannot be deleted while in status {}",
            st.name, st.status
        )));
    }
    st.status = "DELETE_IN_PROGRESS".into();
    st.reason = Some("User Initiated".into());
    cfn.store.write(|tx| {
        tx.put(kind::STACK, &st.stack_id, &st)?;
        let ev = cfn.stack_event(&st, "DELETE_IN_PROGRESS", Some("User Initiated"));
        tx.put(kind::EVENT, &cfn.event_key(&st.stack_id), &ev)
    })?;
    crate::engine::start_delete(cfn, &st.stack_id);
    Ok(json!({}))
}

pub(super) fn describe_stack_events(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let st = stack(cfn, required(input, "StackName")?)?;
    let mut events: Vec<EventRec> =
        cfn.list::<EventRec>(kind::EVENT, &format!("{}|", st.stack_id))?.into_iter().map(|(_, e)| e).collect();
    events.reverse();
    Ok(json!({"StackEvents": events.iter().map(EventRec::describe).collect::<Vec<_>>()}))
}

pub fn stack_resources(cfn: &CloudFormation, stack_id: &str) -> Result<Vec<ResourceRec>> {
    Ok(cfn.list::<ResourceRec>(kind::RESOURCE, &format!("{stack_id}|"))?.into_iter().map(|(_, r)| r).collect())
}

pub(super) fn describe_stack_resources(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let st = match (s(input, "StackName"), s(input, "PhysicalResourceId")) {
        (Some(n), _) => stack(cfn, n)?,
        (None, Some(p)) => {
            let all: Vec<(String, ResourceRec)> = cfn.list(kind::RESOURCE, "")?;
            let key = all
                .into_iter()
                .find(|(_, r)| r.physical_id.as_deref() == Some(p))
                .map(|(k, _)| k)
                .ok_or_else(|| CfnError::Validation(format!("Stack for {p} does not exist")))?;
            stack(cfn, key.split('|').next().unwrap_or_default())?
        }
        (None, None) => {
            return Err(CfnError::Validation("Either StackName or PhysicalResourceId must be specified.".into()))
        }
    };
    let logical = s(input, "LogicalResourceId");
    let out: Vec<Value> = stack_resources(cfn, &st.stack_id)?
        .iter()
        .filter(|r| logical.is_none_or(|l| l == r.logical_id))
        .map(|r| r.describe(&st, false))
        .collect();
    Ok(json!({"StackResources": out}))
}

pub(super) fn describe_stack_resource(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let st = stack(cfn, required(input, "StackName")?)?;
    let logical = required(input, "LogicalResourceId")?;
    let r = stack_resources(cfn, &st.stack_id)?
        .into_iter()
        .find(|r| r.logical_id == logical)
        .ok_or_else(|| CfnError::Validation(format!("Resource {logical} does not exist for stack {}", st.name)))?;
    let mut d = r.describe(&st, true);
    d["Metadata"] = Value::String(resource_metadata(cfn, &st, logical).to_string());
    Ok(json!({"StackResourceDetail": d}))
}

/// A resource's Metadata from the stack's template, evaluated against the stack as it is (Refs
/// and GetAtts of its resources, parameters, pseudo parameters); `{}` when it has none. What
/// does not evaluate is given as written.
fn resource_metadata(cfn: &CloudFormation, st: &StackRec, logical: &str) -> Value {
    let empty = || Value::Object(Default::default());
    let Ok(run) = cfn.load_run(&st.stack_id) else { return empty() };
    let Some(raw) = run.template.resource(logical).and_then(|d| d.metadata.clone()) else { return empty() };
    let resolved: std::collections::HashMap<String, crate::template::Resolved> = stack_resources(cfn, &st.stack_id)
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.physical_id.is_some())
        .map(|r| {
            let reference = r.reference.clone().unwrap_or_default();
            (r.logical_id, crate::template::Resolved { reference, attributes: r.attributes })
        })
        .collect();
    let scope = cfn.scope(&run.st, &run.parameters, &run.template.mappings, &run.conditions, &resolved, &run.exports);
    match scope.eval(&raw) {
        Ok(Some(v)) => v,
        _ => raw,
    }
}

pub(super) fn list_stack_resources(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let st = stack(cfn, required(input, "StackName")?)?;
    let out: Vec<Value> = stack_resources(cfn, &st.stack_id)?.iter().map(ResourceRec::summary).collect();
    Ok(json!({"StackResourceSummaries": out}))
}
