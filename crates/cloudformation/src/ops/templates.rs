//! Templates: GetTemplate, GetTemplateSummary, ValidateTemplate.

use serde_json::{json, Value};

use super::*;
use crate::error::{CfnError, Result};
use crate::template::Template;
use crate::CloudFormation;

pub(super) fn get_template(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    if let Some(cs) = s(input, "ChangeSetName") {
        let c = change_set(cfn, cs, s(input, "StackName"))?;
        return Ok(json!({"TemplateBody": c.template_body, "StagesAvailable": ["Original", "Processed"]}));
    }
    let st = stack(cfn, required(input, "StackName")?)?;
    Ok(json!({"TemplateBody": st.template_body, "StagesAvailable": ["Original", "Processed"]}))
}

pub(super) fn parameter_summaries(t: &Template, with_type: bool) -> Vec<Value> {
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

pub(super) fn capability_fields(t: &Template, v: &mut Value) {
    if let Some((cap, kinds)) = needed_capability(t) {
        v["Capabilities"] = json!([cap]);
        v["CapabilitiesReason"] =
            json!(format!("The following resource(s) require capabilities: [{}]", kinds.join(", ")));
    }
}

pub(super) fn validate_template(input: &Value) -> Result<Value> {
    let t = Template::parse(template_body(input)?).map_err(CfnError::Validation)?;
    let mut v = json!({"Parameters": parameter_summaries(&t, false)});
    if let Some(d) = &t.description {
        v["Description"] = json!(d);
    }
    capability_fields(&t, &mut v);
    Ok(v)
}

pub(super) fn get_template_summary(cfn: &CloudFormation, input: &Value) -> Result<Value> {
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
