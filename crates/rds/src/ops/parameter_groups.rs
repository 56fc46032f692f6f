//! DB parameter groups: Create, Describe, Modify, Reset, Delete, DescribeDBParameters. The
//! family's default group (`default.mysql8.0`) exists without being stored and cannot be
//! modified. Changes bump the group's generation; the controller brings every instance of the
//! group up to it (dynamic parameters at once, static ones at the next reboot).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::{input_tags, str_of};
use crate::error::{RdsError, Result};
use crate::parameters::{self, ApplyType};
use crate::pg_params;
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

/// `Parameters: [{ParameterName, ParameterValue, ApplyMethod}]`, checked against the family's
/// catalog (PostgreSQL's values by the server's own parser too).
fn changes(rds: &Rds, input: &Value, family: &str, need_values: bool) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for p in input.get("Parameters").and_then(Value::as_array).into_iter().flatten() {
        let name = str_of(p, "ParameterName").unwrap_or_default();
        let not_found = || RdsError::InvalidParameterValue(format!("Could not find parameter with name: {name}"));
        let apply = if parameters::is_postgres_family(family) {
            let s = pg_params::setting(name).ok_or_else(not_found)?;
            if !s.modifiable() {
                return Err(RdsError::InvalidParameterValue(format!("The parameter {name} cannot be modified.")));
            }
            s.apply()
        } else {
            parameters::spec(name).ok_or_else(not_found)?.apply
        };
        let method = str_of(p, "ApplyMethod");
        if apply == ApplyType::Static && method == Some("immediate") {
            return Err(RdsError::InvalidParameterCombination(format!(
                "cannot use immediate apply method for static parameter {name}"
            )));
        }
        let value = str_of(p, "ParameterValue").unwrap_or_default();
        if need_values {
            check_value(rds, family, name, value)?;
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

fn check_value(rds: &Rds, family: &str, name: &str, value: &str) -> Result<()> {
    if !parameters::is_postgres_family(family) {
        let spec = parameters::spec(name).expect("checked above");
        return spec.check(value).map_err(RdsError::InvalidParameterValue);
    }
    let s = pg_params::setting(name).expect("checked above");
    s.check_range(value).map_err(RdsError::InvalidParameterValue)?;
    pg_params::check(&rds.dir().join("pgcheck"), name, value)
        .map_err(|e| RdsError::InvalidParameterValue(format!("Invalid value for parameter {name}: {e}")))
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
    let family = rds.store.read(|tx| load(tx, &name))?.family;
    let set = changes(rds, input, &family, true)?;
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
    let family = rds.store.read(|tx| load(tx, &name))?.family;
    let reset = changes(rds, input, &family, false)?;
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
    let all = if parameters::is_postgres_family(&g.family) { postgres_parameters(&g) } else { mysql_parameters(&g) };
    let all: Vec<Value> =
        all.into_iter().filter(|p| source.is_none_or(|s| p.get("Source").and_then(Value::as_str) == Some(s))).collect();
    // RDS's pages: MaxRecords (20-100, 100 when not asked), Marker where the next page starts.
    let max = super::int_of(input, "MaxRecords").unwrap_or(100);
    if !(20..=100).contains(&max) {
        return Err(RdsError::InvalidParameterValue(format!(
            "Invalid value {max} for MaxRecords. Must be between 20 and 100"
        )));
    }
    let from: usize = match str_of(input, "Marker") {
        Some(m) => m.parse().map_err(|_| RdsError::InvalidParameterValue(format!("Invalid marker: {m}")))?,
        None => 0,
    };
    let page: Vec<Value> = all.iter().skip(from).take(max as usize).cloned().collect();
    let mut out = json!({"Parameters": page});
    if from + (max as usize) < all.len() {
        out["Marker"] = json!((from + max as usize).to_string());
    }
    Ok(out)
}

fn mysql_parameters(g: &ParameterGroupRec) -> Vec<Value> {
    parameters::CATALOG
        .iter()
        .map(|spec| {
            let (value, src) = match g.values.get(spec.name) {
                Some(v) => (v.as_str(), "user"),
                None => (spec.default, "engine-default"),
            };
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
        .collect()
}

/// The installed PostgreSQL server's settings; a value where the group sets one or this
/// region's servers have their own default (`pg::ENGINE_DEFAULTS`), none otherwise (the
/// server's built-in default), as RDS leaves it out.
fn postgres_parameters(g: &ParameterGroupRec) -> Vec<Value> {
    pg_params::catalog()
        .iter()
        .map(|s| {
            let (value, src) = match g.values.get(&s.name) {
                Some(v) => (Some(v.as_str()), "user"),
                None => match crate::pg::ENGINE_DEFAULTS.iter().find(|(k, _)| k.eq_ignore_ascii_case(&s.name)) {
                    Some((_, v)) => (Some(*v), "system"),
                    None => (None, "engine-default"),
                },
            };
            let apply = s.apply();
            let mut p = json!({
                "ParameterName": s.name,
                "Description": s.description,
                "Source": src,
                "ApplyType": apply.as_str(),
                "DataType": s.data_type(),
                "IsModifiable": s.modifiable(),
                "ApplyMethod": if apply == ApplyType::Dynamic { "immediate" } else { "pending-reboot" },
            });
            if let Some(v) = value {
                p["ParameterValue"] = json!(v);
            }
            if let Some(a) = s.allowed_values() {
                p["AllowedValues"] = json!(a);
            }
            p
        })
        .collect()
}
