//! DB parameter groups: Create, Describe, Modify, Reset, Delete, DescribeDBParameters. The
//! family's default group (`default.mysql8.0`) exists without being stored and cannot be
//! modified. Changes bump the group's generation; the controller brings every instance of the
//! group up to it (dynamic parameters at once, static ones at the next reboot).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::{input_tags, str_of};
use crate::error::{RdsError, Result};
use crate::parameters::{self, ApplyType};
use crate::records::{kind, InstanceRec, ParameterGroupRec};
use crate::Rds;

fn check_name(name: &str) -> Result<String> {
    let ok = !name.is_empty()
        && name.len() <= 255
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !name.ends_with('-')
        && !name.contains("--");
    if !ok {
        return Err(RdsError::InvalidParameterValue(format!(
            "The parameter DBParameterGroupName is not a valid identifier: {name}. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens."
        )));
    }
    Ok(name.to_lowercase())
}

fn is_default(name: &str) -> Option<&'static str> {
    parameters::FAMILIES.iter().copied().find(|f| parameters::default_group(f) == name)
}

/// The group an instance asks for: None for the family's default group, the custom group's
/// name otherwise; its family must be the engine's.
pub(crate) fn resolve(tx: &store::Tx, asked: Option<&str>, engine: &str, version: &str) -> Result<Option<String>> {
    let family = parameters::family(engine, version);
    let Some(asked) = asked else { return Ok(None) };
    let name = asked.to_lowercase();
    if engine == "postgres" {
        // Only the family's default group: DB parameter groups of PostgreSQL's parameters are
        // not served yet (a postgres family cannot be created).
        if name == parameters::default_group(&family) {
            return Ok(None);
        }
        return Err(RdsError::InvalidParameterCombination(format!(
            "DB parameter group {name} can't be used: only {} is available for engine postgres in this region yet.",
            parameters::default_group(&family)
        )));
    }
    if let Some(f) = is_default(&name) {
        if f != family {
            return Err(mismatch(&name, f, &family));
        }
        return Ok(None);
    }
    let g: ParameterGroupRec =
        tx.get(kind::PARAMETER_GROUP, &name)?.ok_or_else(|| RdsError::DbParameterGroupNotFound(name.clone()))?;
    if g.family != family {
        return Err(mismatch(&name, &g.family, &family));
    }
    Ok(Some(name))
}

fn mismatch(name: &str, has: &str, wants: &str) -> RdsError {
    RdsError::InvalidParameterCombination(format!(
        "The parameter group {name} with DBParameterGroupFamily {has} can't be used for this instance. Use a parameter group with DBParameterGroupFamily {wants}."
    ))
}

fn load(tx: &store::Tx, name: &str) -> Result<ParameterGroupRec> {
    tx.get(kind::PARAMETER_GROUP, name)?.ok_or_else(|| RdsError::DbParameterGroupNotFound(name.to_string()))
}

fn default_rec(rds: &Rds, family: &str) -> ParameterGroupRec {
    let name = parameters::default_group(family);
    ParameterGroupRec {
        arn: rds.arn("pg", &name),
        name,
        family: family.to_string(),
        description: format!("Default parameter group for {family}"),
        values: BTreeMap::new(),
        generation: 0,
        tags: Vec::new(),
    }
}

pub fn create_db_parameter_group(rds: &Rds, input: &Value) -> Result<Value> {
    let name = check_name(str_of(input, "DBParameterGroupName").unwrap_or_default())?;
    let family = str_of(input, "DBParameterGroupFamily").unwrap_or_default().to_lowercase();
    if !parameters::FAMILIES.contains(&family.as_str()) {
        return Err(RdsError::InvalidParameterValue(format!(
            "ParameterGroupFamily {family} is not a valid parameter group family (this region has: {})",
            parameters::FAMILIES.join(", ")
        )));
    }
    if name.starts_with("default.") || is_default(&name).is_some() {
        return Err(RdsError::InvalidParameterValue("Parameter group names can't begin with default.".into()));
    }
    let rec = ParameterGroupRec {
        arn: rds.arn("pg", &name),
        name: name.clone(),
        family,
        description: str_of(input, "Description").unwrap_or_default().to_string(),
        values: BTreeMap::new(),
        generation: 1,
        tags: input_tags(input),
    };
    rds.store.write(|tx| {
        if tx.exists(kind::PARAMETER_GROUP, &name)? {
            return Err(RdsError::DbParameterGroupAlreadyExists);
        }
        tx.insert(kind::PARAMETER_GROUP, &name, &rec)?;
        Ok(json!({"DBParameterGroup": rec.to_api()}))
    })
}

pub fn describe_db_parameter_groups(rds: &Rds, input: &Value) -> Result<Value> {
    let wanted = str_of(input, "DBParameterGroupName").map(str::to_lowercase);
    rds.store.read(|tx| {
        let mut all: Vec<ParameterGroupRec> = parameters::FAMILIES.iter().map(|f| default_rec(rds, f)).collect();
        all.extend(tx.list::<ParameterGroupRec>(kind::PARAMETER_GROUP, "")?.into_iter().map(|(_, g)| g));
        let out: Vec<Value> = all
            .iter()
            .filter(|g| wanted.as_ref().is_none_or(|w| *w == g.name))
            .map(ParameterGroupRec::to_api)
            .collect();
        if let (Some(w), true) = (&wanted, out.is_empty()) {
            return Err(RdsError::DbParameterGroupNotFound(w.clone()));
        }
        Ok(json!({"DBParameterGroups": out}))
    })
}

/// `Parameters: [{ParameterName, ParameterValue, ApplyMethod}]`, checked against the catalog.
fn changes(input: &Value, need_values: bool) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for p in input.get("Parameters").and_then(Value::as_array).into_iter().flatten() {
        let name = str_of(p, "ParameterName").unwrap_or_default();
        let spec = parameters::spec(name)
            .ok_or_else(|| RdsError::InvalidParameterValue(format!("Could not find parameter with name: {name}")))?;
        let method = str_of(p, "ApplyMethod");
        if spec.apply == ApplyType::Static && method == Some("immediate") {
            return Err(RdsError::InvalidParameterCombination(format!(
                "cannot use immediate apply method for static parameter {name}"
            )));
        }
        let value = str_of(p, "ParameterValue").unwrap_or_default();
        if need_values {
            spec.check(value).map_err(RdsError::InvalidParameterValue)?;
        }
        out.push((name.to_string(), value.to_string()));
    }
    if out.len() > 20 {
        return Err(RdsError::InvalidParameterValue(
            "A maximum of 20 parameters can be modified in a single request.".into(),
        ));
    }
    Ok(out)
}

fn modifiable(name: &str) -> Result<()> {
    if is_default(name).is_some() {
        return Err(RdsError::InvalidParameterValue(format!("Default parameter groups cannot be modified: {name}")));
    }
    Ok(())
}

pub fn modify_db_parameter_group(rds: &Rds, input: &Value) -> Result<Value> {
    let name = str_of(input, "DBParameterGroupName").unwrap_or_default().to_lowercase();
    modifiable(&name)?;
    let set = changes(input, true)?;
    if set.is_empty() {
        return Err(RdsError::InvalidParameterValue("Parameters must be provided.".into()));
    }
    rds.store.write(|tx| {
        let mut g = load(tx, &name)?;
        for (k, v) in set {
            g.values.insert(k, v);
        }
        g.generation += 1;
        tx.put(kind::PARAMETER_GROUP, &name, &g)?;
        Ok(json!({"DBParameterGroupName": name}))
    })
}

pub fn reset_db_parameter_group(rds: &Rds, input: &Value) -> Result<Value> {
    let name = str_of(input, "DBParameterGroupName").unwrap_or_default().to_lowercase();
    modifiable(&name)?;
    let all = super::bool_of(input, "ResetAllParameters").unwrap_or(false);
    let reset = changes(input, false)?;
    if all != reset.is_empty() {
        return Err(RdsError::InvalidParameterCombination(
            "Specify either ResetAllParameters or a list of Parameters, not both.".into(),
        ));
    }
    rds.store.write(|tx| {
        let mut g = load(tx, &name)?;
        if all {
            g.values.clear();
        } else {
            for (k, _) in reset {
                g.values.remove(&k);
            }
        }
        g.generation += 1;
        tx.put(kind::PARAMETER_GROUP, &name, &g)?;
        Ok(json!({"DBParameterGroupName": name}))
    })
}

pub fn delete_db_parameter_group(rds: &Rds, input: &Value) -> Result<Value> {
    let name = str_of(input, "DBParameterGroupName").unwrap_or_default().to_lowercase();
    if is_default(&name).is_some() {
        return Err(RdsError::InvalidDbParameterGroupState(format!(
            "Default parameter group {name} cannot be deleted."
        )));
    }
    rds.store.write(|tx| {
        load(tx, &name)?;
        let users = tx
            .list::<InstanceRec>(kind::INSTANCE, "")?
            .into_iter()
            .any(|(_, r)| r.parameter_group.as_deref() == Some(name.as_str()));
        if users {
            return Err(RdsError::InvalidDbParameterGroupState(format!(
                "One or more database instances are still members of this parameter group {name}, so the group cannot be deleted"
            )));
        }
        tx.delete(kind::PARAMETER_GROUP, &name)?;
        Ok(json!({}))
    })
}

pub fn describe_db_parameters(rds: &Rds, input: &Value) -> Result<Value> {
    let name = str_of(input, "DBParameterGroupName").unwrap_or_default().to_lowercase();
    let source = str_of(input, "Source");
    let g = match is_default(&name) {
        Some(f) => default_rec(rds, f),
        None => rds.store.read(|tx| load(tx, &name))?,
    };
    let out: Vec<Value> = parameters::CATALOG
        .iter()
        .map(|spec| {
            let (value, src) = match g.values.get(spec.name) {
                Some(v) => (v.as_str(), "user"),
                None => (spec.default, "engine-default"),
            };
            (spec, value, src)
        })
        .filter(|(_, _, src)| source.is_none_or(|s| s == *src))
        .map(|(spec, value, src)| {
            json!({
                "ParameterName": spec.name,
                "ParameterValue": value,
                "Description": spec.description,
                "Source": src,
                "ApplyType": spec.apply.as_str(),
                "DataType": spec.data_type(),
                "AllowedValues": spec.allowed_values(),
                "IsModifiable": true,
                "ApplyMethod": if spec.apply == ApplyType::Dynamic { "immediate" } else { "pending-reboot" },
            })
        })
        .collect();
    Ok(json!({"Parameters": out}))
}
