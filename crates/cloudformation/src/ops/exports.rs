//! Exports of stack outputs and the stacks importing them.

use serde_json::{json, Value};

use super::*;
use crate::error::{CfnError, Result};
use crate::records::{kind, StackRec};
use crate::CloudFormation;

pub(super) fn list_exports(cfn: &CloudFormation) -> Result<Value> {
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

pub(super) fn list_imports(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let name = required(input, "ExportName")?;
    let names = importers(cfn, name)?;
    if names.is_empty() {
        return Err(CfnError::Validation(format!("Export '{name}' is not imported by any stack.")));
    }
    Ok(json!({"Imports": names}))
}
