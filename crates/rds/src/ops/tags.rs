//! Tags on DB instances, subnet groups, snapshots and parameter groups: AddTagsToResource, ListTagsForResource,
//! RemoveTagsFromResource (the resource named by its ARN).

use serde_json::{json, Value};

use super::{input_tags, merge_tags, str_of, strings};
use crate::error::{RdsError, Result};
use crate::records::{kind, tag_list, InstanceRec, ParameterGroupRec, SnapshotRec, SubnetGroupRec};
use crate::Rds;

/// Apply `f` to the tags of the resource an ARN names, inside one write.
fn with_tags(rds: &Rds, arn: &str, f: impl FnOnce(&mut Vec<(String, String)>)) -> Result<Vec<(String, String)>> {
    let prefix = format!("arn:aws:rds:{}:{}:", rds.config.region, rds.config.account);
    let rest = arn.strip_prefix(&prefix).ok_or_else(|| {
        RdsError::InvalidParameterValue(format!(
            "The specified resource name does not match an RDS resource in this region: {arn}"
        ))
    })?;
    let (kind_name, id) = rest.split_once(':').unwrap_or((rest, ""));
    let id = id.to_lowercase();
    rds.store.write(|tx| match kind_name {
        "db" => {
            let mut r: InstanceRec =
                tx.get(kind::INSTANCE, &id)?.ok_or_else(|| RdsError::DbInstanceNotFound(id.clone()))?;
            f(&mut r.tags);
            tx.put(kind::INSTANCE, &id, &r)?;
            Ok(r.tags)
        }
        "subgrp" => {
            let mut r: SubnetGroupRec =
                tx.get(kind::SUBNET_GROUP, &id)?.ok_or_else(|| RdsError::DbSubnetGroupNotFound(id.clone()))?;
            f(&mut r.tags);
            tx.put(kind::SUBNET_GROUP, &id, &r)?;
            Ok(r.tags)
        }
        "snapshot" => {
            let mut r: SnapshotRec =
                tx.get(kind::SNAPSHOT, &id)?.ok_or_else(|| RdsError::DbSnapshotNotFound(id.clone()))?;
            f(&mut r.tags);
            tx.put(kind::SNAPSHOT, &id, &r)?;
            Ok(r.tags)
        }
        "pg" => {
            let mut r: ParameterGroupRec =
                tx.get(kind::PARAMETER_GROUP, &id)?.ok_or_else(|| RdsError::DbParameterGroupNotFound(id.clone()))?;
            f(&mut r.tags);
            tx.put(kind::PARAMETER_GROUP, &id, &r)?;
            Ok(r.tags)
        }
        _ => Err(RdsError::InvalidParameterValue(format!(
            "The specified resource name does not match an RDS resource in this region: {arn}"
        ))),
    })
}

pub fn add_tags_to_resource(rds: &Rds, input: &Value) -> Result<Value> {
    let arn = str_of(input, "ResourceName").unwrap_or_default();
    let add = input_tags(input);
    let tags = with_tags(rds, arn, |t| merge_tags(t, add.clone()))?;
    if tags.len() > 50 {
        // Undo: RDS refuses more than 50 tags and changes nothing.
        with_tags(rds, arn, |t| t.retain(|(k, _)| !add.iter().any(|(a, _)| a == k)))?;
        return Err(RdsError::InvalidParameterValue("Cannot have more than 50 tags on a resource.".into()));
    }
    Ok(json!({}))
}

pub fn list_tags_for_resource(rds: &Rds, input: &Value) -> Result<Value> {
    let tags = with_tags(rds, str_of(input, "ResourceName").unwrap_or_default(), |_| {})?;
    Ok(json!({"TagList": tag_list(&tags)}))
}

pub fn remove_tags_from_resource(rds: &Rds, input: &Value) -> Result<Value> {
    let keys = strings(input, "TagKeys");
    with_tags(rds, str_of(input, "ResourceName").unwrap_or_default(), |t| t.retain(|(k, _)| !keys.contains(k)))?;
    Ok(json!({}))
}
