//! The API: stacks, their resources and events, templates and change sets. Creating and
//! deleting only record the request and start the engine; the work is asynchronous.

use serde_json::{json, Value};
use wire::CallContext;

use crate::error::{CfnError, Result};
use crate::records::{kind, CallerRec, ChangeRec, ChangeSetRec, EventRec, ResourceRec, StackRec};
use crate::template::Template;
use crate::CloudFormation;

pub fn dispatch(cfn: &std::sync::Arc<CloudFormation>, cx: &CallContext, op: &str, input: &Value) -> Result<Value> {
    match op {
        "CreateStack" => create_stack(cfn, cx, input),
        "DescribeStacks" => describe_stacks(cfn, input),
        "ListStacks" => list_stacks(cfn, input),
        "DeleteStack" => delete_stack(cfn, input),
        "DescribeStackEvents" => describe_stack_events(cfn, input),
        "DescribeStackResources" => describe_stack_resources(cfn, input),
        "DescribeStackResource" => describe_stack_resource(cfn, input),
        "ListStackResources" => list_stack_resources(cfn, input),
        "GetTemplate" => get_template(cfn, input),
        "GetTemplateSummary" => get_template_summary(cfn, input),
        "ValidateTemplate" => validate_template(input),
        "CreateChangeSet" => create_change_set(cfn, cx, input),
        "DescribeChangeSet" => describe_change_set(cfn, input),
        "ExecuteChangeSet" => execute_change_set(cfn, input),
        "DeleteChangeSet" => delete_change_set(cfn, input),
        "ListChangeSets" => list_change_sets(cfn, input),
        "UpdateStack" => update_stack(cfn, input),
        "ListExports" => list_exports(cfn),
        "UpdateTerminationProtection" => update_termination_protection(cfn, input),
        "ListImports" => list_imports(cfn, input),
        _ => Err(CfnError::Validation(format!("The operation {op} is not supported by this region yet"))),
    }
}

/// The stack ARNs an operation names, for IAM.
pub fn resources(cfn: &CloudFormation, _op: &str, input: &Value) -> Vec<String> {
    match input.get("StackName").and_then(Value::as_str) {
        Some(id) if id.starts_with("arn:") => vec![id.to_string()],
        Some(name) => {
            vec![format!("arn:aws:cloudformation:{}:{}:stack/{name}/*", cfn.config.region, cfn.config.account)]
        }
        None => vec!["*".to_string()],
    }
}

fn s<'a>(input: &'a Value, key: &str) -> Option<&'a str> {
    input.get(key).and_then(Value::as_str)
}

fn required<'a>(input: &'a Value, key: &str) -> Result<&'a str> {
    s(input, key).ok_or_else(|| {
        CfnError::Validation(format!(
            "1 validation error detected: Value null at '{key}' failed to satisfy constraint: Member must not be null"
        ))
    })
}

fn strings(input: &Value, key: &str) -> Vec<String> {
    input
        .get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
        .unwrap_or_default()
}

fn pairs(input: &Value, key: &str, k: &str, v: &str) -> Vec<(String, String)> {
    input
        .get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| {
                    Some((
                        x.get(k)?.as_str()?.to_string(),
                        x.get(v).and_then(Value::as_str).unwrap_or_default().to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn not_found(id: &str) -> CfnError {
    CfnError::Validation(format!("Stack with id {id} does not exist"))
}

/// A stack by name (the live one) or by id (deleted ones too).
pub fn find_stack(cfn: &CloudFormation, name_or_id: &str) -> Result<Option<StackRec>> {
    if name_or_id.starts_with("arn:") {
        return Ok(cfn.get::<StackRec>(kind::STACK, name_or_id)?);
    }
    let all: Vec<(String, StackRec)> = cfn.list(kind::STACK, "")?;
    Ok(all.into_iter().map(|(_, s)| s).find(|s| s.name == name_or_id && s.status != "DELETE_COMPLETE"))
}

fn stack(cfn: &CloudFormation, name_or_id: &str) -> Result<StackRec> {
    find_stack(cfn, name_or_id)?.ok_or_else(|| not_found(name_or_id))
}

fn template_body(input: &Value) -> Result<&str> {
    if let Some(b) = s(input, "TemplateBody") {
        return Ok(b);
    }
    if s(input, "TemplateURL").is_some() {
        return Err(CfnError::Validation(
            "TemplateURL must be a supported URL: this region has no S3 yet; pass TemplateBody".into(),
        ));
    }
    Err(CfnError::Validation("Either Template URL or Template Body must be specified.".into()))
}

/// The capability a template needs: CAPABILITY_NAMED_IAM for named IAM resources,
/// CAPABILITY_IAM for other IAM resources. With the resource types that need it.
fn needed_capability(t: &Template) -> Option<(&'static str, Vec<String>)> {
    let iam: Vec<&crate::template::ResourceDecl> =
        t.resources.iter().filter(|r| r.kind.starts_with("AWS::IAM::")).collect();
    if iam.is_empty() {
        return None;
    }
    // Named: the resource's own name property is set (UserName of a User …).
    let named = iam.iter().any(|r| {
        let own = match r.kind.as_str() {
            "AWS::IAM::User" => "UserName",
            "AWS::IAM::Group" => "GroupName",
            "AWS::IAM::Role" => "RoleName",
            "AWS::IAM::ManagedPolicy" => "ManagedPolicyName",
            "AWS::IAM::InstanceProfile" => "InstanceProfileName",
            _ => return false,
        };
        r.properties.get(own).is_some()
    });
    let mut kinds: Vec<String> = iam.iter().map(|r| r.kind.clone()).collect();
    kinds.dedup();
    Some((if named { "CAPABILITY_NAMED_IAM" } else { "CAPABILITY_IAM" }, kinds))
}

fn check_capabilities(t: &Template, given: &[String]) -> Result<()> {
    if let Some((cap, _)) = needed_capability(t) {
        let ok = given.iter().any(|g| g == cap)
            || (cap == "CAPABILITY_IAM" && given.iter().any(|g| g == "CAPABILITY_NAMED_IAM"));
        if !ok {
            return Err(CfnError::InsufficientCapabilities(cap.into()));
        }
    }
    Ok(())
}

fn new_uuid() -> String {
    let b: [u8; 16] = rand::random();
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

fn check_stack_name(name: &str) -> Result<()> {
    let ok = name.len() <= 128
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !ok {
        return Err(CfnError::Validation(format!(
            "1 validation error detected: Value '{name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*"
        )));
    }
    Ok(())
}

/// The checked parts of a stack request: the template and the parameters as resolved.
/// Template body, parsed template, resolved parameters, capabilities.
type Prepared = (String, Template, Vec<(String, String)>, Vec<String>);

fn prepare(input: &Value) -> Result<Prepared> {
    let body = template_body(input)?.to_string();
    let t = Template::parse(&body).map_err(CfnError::Validation)?;
    let given = pairs(input, "Parameters", "ParameterKey", "ParameterValue");
    let resolved = t.resolve_parameters(&given).map_err(CfnError::Validation)?;
    let params = resolved.iter().map(|(k, v)| (k.clone(), crate::template::eval::scalar_text(v))).collect();
    let caps = strings(input, "Capabilities");
    check_capabilities(&t, &caps)?;
    Ok((body, t, params, caps))
}

fn new_stack(cfn: &CloudFormation, cx: &CallContext, name: &str, input: &Value, status: &str) -> Result<StackRec> {
    let (body, t, params, caps) = prepare(input)?;
    let stack_id =
        format!("arn:aws:cloudformation:{}:{}:stack/{name}/{}", cfn.config.region, cfn.config.account, new_uuid());
    let on_failure = s(input, "OnFailure").unwrap_or("ROLLBACK");
    Ok(StackRec {
        stack_id,
        name: name.to_string(),
        status: status.to_string(),
        reason: Some("User Initiated".into()),
        description: t.description.clone(),
        template_body: body,
        parameters: params,
        capabilities: caps,
        disable_rollback: input.get("DisableRollback").and_then(Value::as_bool).unwrap_or(false)
            || on_failure == "DO_NOTHING",
        created: cfn.now(),
        updated: None,
        deleted: None,
        outputs: vec![],
        tags: pairs(input, "Tags", "Key", "Value"),
        caller: CallerRec::of(&cx.principal),
        termination_protection: input.get("EnableTerminationProtection").and_then(Value::as_bool).unwrap_or(false),
        change_set: None,
        previous: None,
        imports: vec![],
    })
}

fn create_stack(cfn: &std::sync::Arc<CloudFormation>, cx: &CallContext, input: &Value) -> Result<Value> {
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

fn update_stack(cfn: &std::sync::Arc<CloudFormation>, input: &Value) -> Result<Value> {
    let name = required(input, "StackName")?;
    let st = stack(cfn, name)?;
    check_updatable(&st)?;
    let (body, params, caps) = update_request(&st, input)?;
    if body == st.template_body && params == st.parameters {
        return Err(CfnError::Validation("No updates are to be performed.".into()));
    }
    let stack_id = st.stack_id.clone();
    begin_update(cfn, st, body, params, caps, None)?;
    Ok(json!({"StackId": stack_id}))
}

fn check_updatable(st: &StackRec) -> Result<()> {
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
type UpdateRequest = (String, Vec<(String, String)>, Vec<String>);

fn update_request(st: &StackRec, input: &Value) -> Result<UpdateRequest> {
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
fn begin_update(
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
    st.updated = Some(cfn.now());
    cfn.store.write(|tx| {
        tx.put(kind::STACK, &st.stack_id, &st)?;
        let ev = cfn.stack_event(&st, "UPDATE_IN_PROGRESS", Some("User Initiated"));
        tx.put(kind::EVENT, &cfn.event_key(&st.stack_id), &ev)
    })?;
    crate::engine::start_update(cfn, &st.stack_id);
    Ok(())
}

/// What an update from `old` to `new` would do, resource by resource.
fn planned_changes(cfn: &CloudFormation, st: &StackRec, new: &Template) -> Result<Vec<ChangeRec>> {
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

fn update_termination_protection(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let mut st = stack(cfn, required(input, "StackName")?)?;
    st.termination_protection = input.get("EnableTerminationProtection").and_then(Value::as_bool).unwrap_or(false);
    cfn.put(kind::STACK, &st.stack_id, &st)?;
    Ok(json!({"StackId": st.stack_id}))
}

fn list_exports(cfn: &CloudFormation) -> Result<Value> {
    let mut exports: Vec<(String, (String, String))> = cfn.exports_by_stack(None)?.into_iter().collect();
    exports.sort();
    let out: Vec<Value> = exports
        .into_iter()
        .map(|(name, (value, stack_id))| json!({"ExportingStackId": stack_id, "Name": name, "Value": value}))
        .collect();
    Ok(json!({"Exports": out}))
}

/// The live stacks importing an export.
pub fn importers(cfn: &CloudFormation, export: &str) -> Result<Vec<String>> {
    let mut names: Vec<String> = cfn
        .list::<StackRec>(kind::STACK, "")?
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| s.status != "DELETE_COMPLETE" && s.imports.iter().any(|i| i == export))
        .map(|s| s.name)
        .collect();
    names.sort();
    Ok(names)
}

fn list_imports(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let name = required(input, "ExportName")?;
    let names = importers(cfn, name)?;
    if names.is_empty() {
        return Err(CfnError::Validation(format!("Export '{name}' is not imported by any stack.")));
    }
    Ok(json!({"Imports": names}))
}

fn describe_stacks(cfn: &CloudFormation, input: &Value) -> Result<Value> {
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

fn list_stacks(cfn: &CloudFormation, input: &Value) -> Result<Value> {
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

fn delete_stack(cfn: &std::sync::Arc<CloudFormation>, input: &Value) -> Result<Value> {
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

fn describe_stack_events(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let st = stack(cfn, required(input, "StackName")?)?;
    let mut events: Vec<EventRec> =
        cfn.list::<EventRec>(kind::EVENT, &format!("{}|", st.stack_id))?.into_iter().map(|(_, e)| e).collect();
    events.reverse();
    Ok(json!({"StackEvents": events.iter().map(EventRec::describe).collect::<Vec<_>>()}))
}

pub fn stack_resources(cfn: &CloudFormation, stack_id: &str) -> Result<Vec<ResourceRec>> {
    Ok(cfn.list::<ResourceRec>(kind::RESOURCE, &format!("{stack_id}|"))?.into_iter().map(|(_, r)| r).collect())
}

fn describe_stack_resources(cfn: &CloudFormation, input: &Value) -> Result<Value> {
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

fn describe_stack_resource(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let st = stack(cfn, required(input, "StackName")?)?;
    let logical = required(input, "LogicalResourceId")?;
    let r = stack_resources(cfn, &st.stack_id)?
        .into_iter()
        .find(|r| r.logical_id == logical)
        .ok_or_else(|| CfnError::Validation(format!("Resource {logical} does not exist for stack {}", st.name)))?;
    let mut d = r.describe(&st, true);
    d["Metadata"] = json!("{}");
    Ok(json!({"StackResourceDetail": d}))
}

fn list_stack_resources(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let st = stack(cfn, required(input, "StackName")?)?;
    let out: Vec<Value> = stack_resources(cfn, &st.stack_id)?.iter().map(ResourceRec::summary).collect();
    Ok(json!({"StackResourceSummaries": out}))
}

fn get_template(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    if let Some(cs) = s(input, "ChangeSetName") {
        let c = change_set(cfn, cs, s(input, "StackName"))?;
        return Ok(json!({"TemplateBody": c.template_body, "StagesAvailable": ["Original", "Processed"]}));
    }
    let st = stack(cfn, required(input, "StackName")?)?;
    Ok(json!({"TemplateBody": st.template_body, "StagesAvailable": ["Original", "Processed"]}))
}

fn parameter_summaries(t: &Template, with_type: bool) -> Vec<Value> {
    t.parameters
        .iter()
        .map(|p| {
            let mut v = json!({"ParameterKey": p.name, "NoEcho": p.no_echo});
            if let Some(d) = &p.default {
                v["DefaultValue"] = json!(d);
            }
            if let Some(d) = &p.description {
                v["Description"] = json!(d);
            }
            if with_type {
                v["ParameterType"] = json!(p.kind);
                v["ParameterConstraints"] =
                    if p.allowed_values.is_empty() { json!({}) } else { json!({"AllowedValues": p.allowed_values}) };
            }
            v
        })
        .collect()
}

fn capability_fields(t: &Template, v: &mut Value) {
    if let Some((cap, kinds)) = needed_capability(t) {
        v["Capabilities"] = json!([cap]);
        v["CapabilitiesReason"] =
            json!(format!("The following resource(s) require capabilities: [{}]", kinds.join(", ")));
    }
}

fn validate_template(input: &Value) -> Result<Value> {
    let t = Template::parse(template_body(input)?).map_err(CfnError::Validation)?;
    let mut v = json!({"Parameters": parameter_summaries(&t, false)});
    if let Some(d) = &t.description {
        v["Description"] = json!(d);
    }
    capability_fields(&t, &mut v);
    Ok(v)
}

fn get_template_summary(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let body = match s(input, "StackName") {
        Some(n) => stack(cfn, n)?.template_body,
        None => template_body(input)?.to_string(),
    };
    let t = Template::parse(&body).map_err(CfnError::Validation)?;
    let mut kinds: Vec<String> = t.resources.iter().map(|r| r.kind.clone()).collect();
    kinds.sort();
    kinds.dedup();
    let mut v = json!({"Parameters": parameter_summaries(&t, true), "ResourceTypes": kinds, "Version": "2010-09-09"});
    if let Some(d) = &t.description {
        v["Description"] = json!(d);
    }
    capability_fields(&t, &mut v);
    Ok(v)
}

// ---- change sets -------------------------------------------------------------------------

fn change_set(cfn: &CloudFormation, name_or_arn: &str, stack_name: Option<&str>) -> Result<ChangeSetRec> {
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

fn create_change_set(cfn: &CloudFormation, cx: &CallContext, input: &Value) -> Result<Value> {
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
fn save_change_set(
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

fn describe_change_set(cfn: &CloudFormation, input: &Value) -> Result<Value> {
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

fn execute_change_set(cfn: &std::sync::Arc<CloudFormation>, input: &Value) -> Result<Value> {
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

fn delete_change_set(cfn: &CloudFormation, input: &Value) -> Result<Value> {
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

fn list_change_sets(cfn: &CloudFormation, input: &Value) -> Result<Value> {
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

impl CloudFormation {
    /// A key that orders a stack's events by time of writing.
    pub(crate) fn event_key(&self, stack_id: &str) -> String {
        let micros = (self.now() * 1e6) as u64;
        format!("{stack_id}|{micros:020}{:08}", self.next_seq() % 100_000_000)
    }

    pub(crate) fn stack_event(&self, st: &StackRec, status: &str, reason: Option<&str>) -> EventRec {
        EventRec {
            event_id: new_uuid(),
            stack_id: st.stack_id.clone(),
            stack_name: st.name.clone(),
            logical_id: st.name.clone(),
            physical_id: Some(st.stack_id.clone()),
            kind: "AWS::CloudFormation::Stack".into(),
            time: self.now(),
            status: status.into(),
            reason: reason.map(String::from),
            properties: None,
        }
    }

    pub(crate) fn resource_event(&self, st: &StackRec, r: &ResourceRec, reason: Option<&str>) -> EventRec {
        EventRec {
            event_id: format!("{}-{}-{}", r.logical_id, r.status, new_uuid()),
            stack_id: st.stack_id.clone(),
            stack_name: st.name.clone(),
            logical_id: r.logical_id.clone(),
            physical_id: r.physical_id.clone().or_else(|| Some(String::new())),
            kind: r.kind.clone(),
            time: self.now(),
            status: r.status.clone(),
            reason: reason.map(String::from),
            properties: None,
        }
    }
}
