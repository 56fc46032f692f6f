//! Change sets (what `aws cloudformation deploy` makes): create, describe, execute, delete, list.

use serde_json::{json, Value};
use wire::CallContext;

use super::*;
use crate::error::{CfnError, Result};
use crate::records::{kind, ChangeRec, ChangeSetRec, StackRec};
use crate::template::Template;
use crate::CloudFormation;

pub(super) fn change_set(cfn: &CloudFormation, name_or_arn: &str, stack_name: Option<&str>) -> Result<ChangeSetRec> {
    if name_or_arn.starts_with("arn:") {
        return cfn
            .get::<ChangeSetRec>(kind::CHANGE_SET, name_or_arn)?
            .ok_or_else(|| CfnError::ChangeSetNotFound(name_or_arn.into()));
    }
    let Some(stack_name) = stack_name else {
        return Err(CfnError::Validation(
            "StackName must be specified if ChangeSetName is not specified as an ARN.".into(),
        ));
    };
    let st = stack(cfn, stack_name)?;
    cfn.list::<ChangeSetRec>(kind::CHANGE_SET, "")?
        .into_iter()
        .map(|(_, c)| c)
        .find(|c| c.stack_id == st.stack_id && c.name == name_or_arn)
        .ok_or_else(|| CfnError::ChangeSetNotFound(name_or_arn.into()))
}

pub(super) fn create_change_set(cfn: &CloudFormation, cx: &CallContext, input: &Value) -> Result<Value> {
    let name = required(input, "StackName")?;
    let cs_name = required(input, "ChangeSetName")?;
    let cs_type = s(input, "ChangeSetType").unwrap_or("UPDATE");
    let existing = find_stack(cfn, name)?;
    let (st, status, execution, reason) = match (cs_type, existing) {
        ("CREATE", Some(st)) if st.status != "REVIEW_IN_PROGRESS" => return Err(CfnError::AlreadyExists(name.into())),
        ("CREATE", Some(st)) => {
            prepare(input)?;
            (st, "CREATE_COMPLETE", "AVAILABLE", None)
        }
        ("CREATE", None) => {
            check_stack_name(name)?;
            let mut st = new_stack(cfn, cx, name, input, "REVIEW_IN_PROGRESS")?;
            st.reason = None;
            cfn.store.write(|tx| {
                tx.put(kind::STACK, &st.stack_id, &st)?;
                let ev = cfn.stack_event(&st, "REVIEW_IN_PROGRESS", Some("User Initiated"));
                tx.put(kind::EVENT, &cfn.event_key(&st.stack_id), &ev)
            })?;
            (st, "CREATE_COMPLETE", "AVAILABLE", None)
        }
        ("UPDATE", None) => return Err(not_found(name)),
        ("UPDATE", Some(st)) if st.status == "REVIEW_IN_PROGRESS" => {
            return Err(CfnError::Validation(format!("Stack [{}] does not exist", st.name)))
        }
        ("UPDATE", Some(st)) => {
            check_updatable(&st)?;
            let (body, params, caps) = update_request(&st, input)?;
            if body == st.template_body && params == st.parameters {
                let reason = "The submitted information didn't contain changes. Submit different information to create a change set.";
                (st, "FAILED", "UNAVAILABLE", Some(reason.to_string()))
            } else {
                let t = Template::parse(&body).map_err(CfnError::Validation)?;
                let changes = planned_changes(cfn, &st, &t)?;
                return save_change_set(
                    cfn,
                    input,
                    cs_name,
                    &st,
                    body,
                    params,
                    caps,
                    changes,
                    ("CREATE_COMPLETE", "AVAILABLE", None),
                );
            }
        }
        (other, _) => {
            return Err(CfnError::Validation(format!("ChangeSetType {other} is not supported by this region yet")))
        }
    };
    let (body, t, params, caps) = if status == "FAILED" {
        let (body, params, caps) = update_request(&st, input)?;
        let t = Template::parse(&body).map_err(CfnError::Validation)?;
        (body, t, params, caps)
    } else {
        prepare(input)?
    };
    let changes = if status == "FAILED" {
        vec![]
    } else {
        t.resources
            .iter()
            .map(|r| ChangeRec {
                action: "Add".into(),
                logical_id: r.logical_id.clone(),
                kind: r.kind.clone(),
                physical_id: None,
                replacement: None,
            })
            .collect()
    };
    save_change_set(cfn, input, cs_name, &st, body, params, caps, changes, (status, execution, reason))
}

#[allow(clippy::too_many_arguments)]
pub(super) fn save_change_set(
    cfn: &CloudFormation,
    input: &Value,
    cs_name: &str,
    st: &StackRec,
    body: String,
    params: Vec<(String, String)>,
    caps: Vec<String>,
    changes: Vec<ChangeRec>,
    (status, execution, reason): (&str, &str, Option<String>),
) -> Result<Value> {
    let arn = format!(
        "arn:aws:cloudformation:{}:{}:changeSet/{cs_name}/{}",
        cfn.config.region,
        cfn.config.account,
        new_uuid()
    );
    let clash = cfn
        .list::<ChangeSetRec>(kind::CHANGE_SET, "")?
        .into_iter()
        .any(|(_, c)| c.stack_id == st.stack_id && c.name == cs_name);
    if clash {
        return Err(CfnError::ChangeSetAlreadyExists(cs_name.into()));
    }
    let rec = ChangeSetRec {
        arn: arn.clone(),
        name: cs_name.to_string(),
        stack_id: st.stack_id.clone(),
        stack_name: st.name.clone(),
        description: s(input, "Description").map(String::from),
        created: cfn.now(),
        status: status.into(),
        execution_status: execution.into(),
        reason,
        template_body: body,
        parameters: params,
        capabilities: caps,
        changes,
        tags: pairs(input, "Tags", "Key", "Value"),
    };
    cfn.put(kind::CHANGE_SET, &arn, &rec)?;
    Ok(json!({"Id": arn, "StackId": st.stack_id}))
}

pub(super) fn describe_change_set(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let c = change_set(cfn, required(input, "ChangeSetName")?, s(input, "StackName"))?;
    let changes: Vec<Value> = c
        .changes
        .iter()
        .map(|ch| {
            let mut rc = json!({"Action": ch.action, "LogicalResourceId": ch.logical_id, "ResourceType": ch.kind,
                                "Scope": [], "Details": []});
            if let Some(p) = &ch.physical_id {
                rc["PhysicalResourceId"] = json!(p);
            }
            if let Some(r) = &ch.replacement {
                rc["Replacement"] = json!(r);
            }
            json!({"Type": "Resource", "ResourceChange": rc})
        })
        .collect();
    let mut v = json!({
        "ChangeSetName": c.name, "ChangeSetId": c.arn, "StackId": c.stack_id, "StackName": c.stack_name,
        "CreationTime": c.created, "ExecutionStatus": c.execution_status, "Status": c.status,
        "Parameters": c.parameters.iter().map(|(k, v)| json!({"ParameterKey": k, "ParameterValue": v})).collect::<Vec<_>>(),
        "Capabilities": c.capabilities, "Changes": changes, "NotificationARNs": [], "RollbackConfiguration": {},
        "Tags": c.tags.iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect::<Vec<_>>(),
        "IncludeNestedStacks": false,
    });
    if let Some(d) = &c.description {
        v["Description"] = json!(d);
    }
    if let Some(r) = &c.reason {
        v["StatusReason"] = json!(r);
    }
    Ok(v)
}

pub(super) fn execute_change_set(cfn: &std::sync::Arc<CloudFormation>, input: &Value) -> Result<Value> {
    let mut c = change_set(cfn, required(input, "ChangeSetName")?, s(input, "StackName"))?;
    if c.execution_status != "AVAILABLE" {
        return Err(CfnError::InvalidChangeSetStatus(format!(
            "ChangeSet [{}] cannot be executed in its current execution status of [{}]",
            c.arn, c.execution_status
        )));
    }
    let mut st: StackRec = cfn.get(kind::STACK, &c.stack_id)?.ok_or_else(|| not_found(&c.stack_id))?;
    if st.status != "REVIEW_IN_PROGRESS" && st.status != "CREATE_IN_PROGRESS" {
        check_updatable(&st)?;
        c.execution_status = "EXECUTE_IN_PROGRESS".into();
        cfn.put(kind::CHANGE_SET, &c.arn, &c)?;
        let arn = c.arn.clone();
        st.policy_during_update = None;
        begin_update(cfn, st, c.template_body, c.parameters, c.capabilities, Some(arn))?;
        return Ok(json!({}));
    }
    if st.status != "REVIEW_IN_PROGRESS" {
        return Err(CfnError::InvalidChangeSetStatus(format!(
            "ChangeSet [{}] cannot be executed in its current status of [{}]",
            c.arn, st.status
        )));
    }
    c.execution_status = "EXECUTE_IN_PROGRESS".into();
    st.status = "CREATE_IN_PROGRESS".into();
    st.reason = Some("User Initiated".into());
    st.template_body = c.template_body.clone();
    st.parameters = c.parameters.clone();
    st.capabilities = c.capabilities.clone();
    st.tags = c.tags.clone();
    st.description = Template::parse(&st.template_body).ok().and_then(|t| t.description);
    st.change_set = Some(c.arn.clone());
    if let Some(d) = input.get("DisableRollback").and_then(Value::as_bool) {
        st.disable_rollback = d;
    }
    cfn.store.write(|tx| {
        tx.put(kind::CHANGE_SET, &c.arn, &c)?;
        tx.put(kind::STACK, &st.stack_id, &st)?;
        let ev = cfn.stack_event(&st, "CREATE_IN_PROGRESS", Some("User Initiated"));
        tx.put(kind::EVENT, &cfn.event_key(&st.stack_id), &ev)
    })?;
    crate::engine::start_create(cfn, &st.stack_id);
    Ok(json!({}))
}

pub(super) fn delete_change_set(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let c = change_set(cfn, required(input, "ChangeSetName")?, s(input, "StackName"))?;
    if c.execution_status == "EXECUTE_IN_PROGRESS" {
        return Err(CfnError::InvalidChangeSetStatus(format!(
            "Cannot delete ChangeSet in status {}",
            c.execution_status
        )));
    }
    cfn.delete(kind::CHANGE_SET, &c.arn)?;
    Ok(json!({}))
}

pub(super) fn list_change_sets(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let st = stack(cfn, required(input, "StackName")?)?;
    let out: Vec<Value> = cfn
        .list::<ChangeSetRec>(kind::CHANGE_SET, "")?
        .into_iter()
        .map(|(_, c)| c)
        .filter(|c| c.stack_id == st.stack_id)
        .map(|c| {
            let mut v = json!({"StackId": c.stack_id, "StackName": c.stack_name, "ChangeSetId": c.arn,
                "ChangeSetName": c.name, "ExecutionStatus": c.execution_status, "Status": c.status,
                "CreationTime": c.created, "IncludeNestedStacks": false});
            if let Some(r) = &c.reason {
                v["StatusReason"] = json!(r);
            }
            v
        })
        .collect();
    Ok(json!({"Summaries": out}))
}
