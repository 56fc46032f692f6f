//! The API: stacks, their resources and events, templates and change sets. Creating and
//! deleting only record the request and start the engine; the work is asynchronous.

use serde_json::Value;
use wire::CallContext;

use crate::error::{CfnError, Result};
use crate::records::{kind, CallerRec, EventRec, ResourceRec, StackRec};
use crate::template::Template;
use crate::CloudFormation;

mod change_sets;
mod exports;
mod stacks;
mod templates;

use change_sets::*;
use exports::*;
use stacks::*;
use templates::*;

pub use exports::importers;
pub use stacks::stack_resources;

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
        "SignalResource" => crate::signals::signal_resource(cfn, input),
        "SetStackPolicy" => set_stack_policy(cfn, input),
        "CancelUpdateStack" => cancel_update_stack(cfn, input),
        "ContinueUpdateRollback" => continue_update_rollback(cfn, cx, input),
        "GetStackPolicy" => get_stack_policy(cfn, input),
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

pub(super) fn s<'a>(input: &'a Value, key: &str) -> Option<&'a str> {
    input.get(key).and_then(Value::as_str)
}

pub(super) fn required<'a>(input: &'a Value, key: &str) -> Result<&'a str> {
    s(input, key).ok_or_else(|| {
        CfnError::Validation(format!(
            "1 validation error detected: Value null at '{key}' failed to satisfy constraint: Member must not be null"
        ))
    })
}

pub(super) fn strings(input: &Value, key: &str) -> Vec<String> {
    input
        .get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
        .unwrap_or_default()
}

pub(super) fn pairs(input: &Value, key: &str, k: &str, v: &str) -> Vec<(String, String)> {
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

pub(super) fn not_found(id: &str) -> CfnError {
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

pub(super) fn stack(cfn: &CloudFormation, name_or_id: &str) -> Result<StackRec> {
    find_stack(cfn, name_or_id)?.ok_or_else(|| not_found(name_or_id))
}

pub(super) fn template_body(input: &Value) -> Result<&str> {
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
pub(super) fn needed_capability(t: &Template) -> Option<(&'static str, Vec<String>)> {
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

pub(super) fn check_capabilities(t: &Template, given: &[String]) -> Result<()> {
    if let Some((cap, _)) = needed_capability(t) {
        let ok = given.iter().any(|g| g == cap)
            || (cap == "CAPABILITY_IAM" && given.iter().any(|g| g == "CAPABILITY_NAMED_IAM"));
        if !ok {
            return Err(CfnError::InsufficientCapabilities(cap.into()));
        }
    }
    Ok(())
}

pub(super) fn new_uuid() -> String {
    let b: [u8; 16] = rand::random();
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

pub(super) fn check_stack_name(name: &str) -> Result<()> {
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
pub(super) type Prepared = (String, Template, Vec<(String, String)>, Vec<String>);

pub(super) fn prepare(input: &Value) -> Result<Prepared> {
    let body = template_body(input)?.to_string();
    let t = Template::parse(&body).map_err(CfnError::Validation)?;
    let given = pairs(input, "Parameters", "ParameterKey", "ParameterValue");
    let resolved = t.resolve_parameters(&given).map_err(CfnError::Validation)?;
    let params = resolved.iter().map(|(k, v)| (k.clone(), crate::template::eval::scalar_text(v))).collect();
    let caps = strings(input, "Capabilities");
    check_capabilities(&t, &caps)?;
    Ok((body, t, params, caps))
}

pub(super) fn new_stack(
    cfn: &CloudFormation,
    cx: &CallContext,
    name: &str,
    input: &Value,
    status: &str,
) -> Result<StackRec> {
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
        caller: match s(input, "RoleARN") {
            Some(role) => CallerRec::service_role(&cx.principal.account, role),
            None => CallerRec::of(&cx.principal),
        },
        termination_protection: input.get("EnableTerminationProtection").and_then(Value::as_bool).unwrap_or(false),
        change_set: None,
        previous: None,
        imports: vec![],
        stack_policy: policy_body(input, "StackPolicyBody", "StackPolicyURL")?,
        policy_during_update: None,
    })
}

/// A stack policy given in `body_key` (checked); the URL form needs S3, which is not served.
pub(super) fn policy_body(input: &Value, body_key: &str, url_key: &str) -> Result<Option<String>> {
    if s(input, url_key).is_some() {
        return Err(CfnError::Validation(format!(
            "{url_key} is not supported here (no S3 is served): give the policy in {body_key}"
        )));
    }
    match s(input, body_key) {
        None => Ok(None),
        Some(body) => {
            crate::stack_policy::validate(body).map_err(CfnError::Validation)?;
            Ok(Some(body.to_string()))
        }
    }
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
