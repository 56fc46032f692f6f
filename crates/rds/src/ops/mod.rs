//! RDS's operations: dispatch, the resources each one is authorised against, and the input
//! checks (with RDS's codes and texts) the families share.

mod events;
mod instances;
mod parameter_groups;
pub(crate) mod snapshots;
mod subnet_groups;
mod tags;

use serde_json::Value;
use wire::ApiError;

use crate::error::{RdsError, Result};
use crate::Rds;

pub fn dispatch(rds: &Rds, op: &str, input: &Value) -> std::result::Result<Value, ApiError> {
    let out = match op {
        "CreateDBInstance" => instances::create_db_instance(rds, input),
        "CreateDBInstanceReadReplica" => instances::create_db_instance_read_replica(rds, input),
        "DescribeDBInstances" => instances::describe_db_instances(rds, input),
        "DescribeDBEngineVersions" => instances::describe_db_engine_versions(rds, input),
        "ModifyDBInstance" => instances::modify_db_instance(rds, input),
        "DeleteDBInstance" => instances::delete_db_instance(rds, input),
        "RebootDBInstance" => instances::reboot_db_instance(rds, input),
        "StopDBInstance" => instances::stop_db_instance(rds, input),
        "StartDBInstance" => instances::start_db_instance(rds, input),
        "PromoteReadReplica" => instances::promote_read_replica(rds, input),
        "CreateDBSubnetGroup" => subnet_groups::create_db_subnet_group(rds, input),
        "DescribeDBSubnetGroups" => subnet_groups::describe_db_subnet_groups(rds, input),
        "DeleteDBSubnetGroup" => subnet_groups::delete_db_subnet_group(rds, input),
        "CreateDBSnapshot" => snapshots::create_db_snapshot(rds, input),
        "CopyDBSnapshot" => snapshots::copy_db_snapshot(rds, input),
        "RestoreDBInstanceFromDBSnapshot" => snapshots::restore_db_instance_from_db_snapshot(rds, input),
        "RestoreDBInstanceToPointInTime" => snapshots::restore_db_instance_to_point_in_time(rds, input),
        "DescribeDBSnapshots" => snapshots::describe_db_snapshots(rds, input),
        "DeleteDBSnapshot" => snapshots::delete_db_snapshot(rds, input),
        "DescribeEvents" => events::describe_events(rds, input),
        "CreateDBParameterGroup" => parameter_groups::create_db_parameter_group(rds, input),
        "DescribeDBParameterGroups" => parameter_groups::describe_db_parameter_groups(rds, input),
        "ModifyDBParameterGroup" => parameter_groups::modify_db_parameter_group(rds, input),
        "ResetDBParameterGroup" => parameter_groups::reset_db_parameter_group(rds, input),
        "DeleteDBParameterGroup" => parameter_groups::delete_db_parameter_group(rds, input),
        "DescribeDBParameters" => parameter_groups::describe_db_parameters(rds, input),
        "AddTagsToResource" => tags::add_tags_to_resource(rds, input),
        "ListTagsForResource" => tags::list_tags_for_resource(rds, input),
        "RemoveTagsFromResource" => tags::remove_tags_from_resource(rds, input),
        _ => {
            return Err(ApiError::new(
                400,
                "InvalidAction",
                format!("The action {op} is not valid for this web service."),
            ))
        }
    };
    out.map_err(ApiError::from)
}

/// The resource ARNs an operation is authorised against, as the Service Authorization
/// Reference lists them (`*` for listings): the DB instance it names or makes, and the other
/// resources it uses — a read replica's source, a snapshot restored or taken, a subnet group.
pub fn resources(rds: &Rds, op: &str, input: &Value) -> Vec<String> {
    let db = |k: &str| str_of(input, k).map(|v| rds.arn("db", &id_or_arn(v, "db")));
    let snapshot = || str_of(input, "DBSnapshotIdentifier").map(|v| rds.arn("snapshot", &id_or_arn(v, "snapshot")));
    let subnet_group = || str_of(input, "DBSubnetGroupName").map(|n| rds.arn("subgrp", &n.to_lowercase()));
    let arns: Vec<Option<String>> = match op {
        "CreateDBInstance" => vec![db("DBInstanceIdentifier"), subnet_group()],
        "CreateDBInstanceReadReplica" => {
            vec![db("DBInstanceIdentifier"), db("SourceDBInstanceIdentifier"), subnet_group()]
        }
        "RestoreDBInstanceFromDBSnapshot" => vec![db("DBInstanceIdentifier"), snapshot(), subnet_group()],
        "RestoreDBInstanceToPointInTime" => {
            vec![db("TargetDBInstanceIdentifier"), db("SourceDBInstanceIdentifier"), subnet_group()]
        }
        "CreateDBSnapshot" => vec![db("DBInstanceIdentifier"), snapshot()],
        "ModifyDBInstance" | "DeleteDBInstance" | "RebootDBInstance" | "StopDBInstance" | "StartDBInstance"
        | "PromoteReadReplica" => vec![db("DBInstanceIdentifier")],
        "CreateDBSubnetGroup" | "DeleteDBSubnetGroup" => vec![subnet_group()],
        "CreateDBParameterGroup" | "ModifyDBParameterGroup" | "ResetDBParameterGroup" | "DeleteDBParameterGroup" => {
            vec![str_of(input, "DBParameterGroupName").map(|n| rds.arn("pg", &n.to_lowercase()))]
        }
        "DeleteDBSnapshot" => vec![snapshot()],
        "CopyDBSnapshot" => ["SourceDBSnapshotIdentifier", "TargetDBSnapshotIdentifier"]
            .iter()
            .map(|k| str_of(input, k).map(|v| rds.arn("snapshot", &id_or_arn(v, "snapshot"))))
            .collect(),
        "AddTagsToResource" | "ListTagsForResource" | "RemoveTagsFromResource" => {
            vec![str_of(input, "ResourceName").map(String::from)]
        }
        _ => vec![],
    };
    let arns: Vec<String> = arns.into_iter().flatten().collect();
    if arns.is_empty() {
        vec!["*".into()]
    } else {
        arns
    }
}

pub(crate) fn str_of<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

pub(crate) fn bool_of(v: &Value, k: &str) -> Option<bool> {
    v.get(k).and_then(Value::as_bool)
}

pub(crate) fn int_of(v: &Value, k: &str) -> Option<i64> {
    v.get(k).and_then(Value::as_i64)
}

pub(crate) fn strings(v: &Value, k: &str) -> Vec<String> {
    v.get(k)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
        .unwrap_or_default()
}

/// `Tags: [{Key, Value}]`.
pub(crate) fn input_tags(input: &Value) -> Vec<(String, String)> {
    input
        .get("Tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| Some((str_of(t, "Key")?.to_string(), str_of(t, "Value").unwrap_or_default().to_string())))
        .collect()
}

/// Merge tags (a key given again replaces its value).
pub(crate) fn merge_tags(into: &mut Vec<(String, String)>, add: Vec<(String, String)>) {
    for (k, v) in add {
        match into.iter_mut().find(|(key, _)| *key == k) {
            Some(t) => t.1 = v,
            None => into.push((k, v)),
        }
    }
}

/// RDS identifiers (DB instances, snapshots): 1–63 letters, digits and hyphens, starting with
/// a letter, not ending with a hyphen nor holding two in a row.
pub(crate) fn valid_identifier(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 63
        && id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !id.ends_with('-')
        && !id.contains("--")
}

pub(crate) fn check_identifier(id: &str, parameter: &str) -> Result<String> {
    if !valid_identifier(id) {
        return Err(RdsError::InvalidParameterValue(format!(
            "The parameter {parameter} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens."
        )));
    }
    Ok(id.to_lowercase())
}

/// An identifier given as itself or as its ARN (`arn:aws:rds:…:db:<id>`).
pub(crate) fn id_or_arn(v: &str, kind: &str) -> String {
    match v.split_once(&format!(":{kind}:")) {
        Some((prefix, id)) if prefix.starts_with("arn:") => id.to_lowercase(),
        _ => v.to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_as_rds_accepts_them() {
        for ok in ["a", "mydb", "my-db-1", "A1"] {
            assert!(valid_identifier(ok), "{ok}");
        }
        for bad in ["", "1db", "my--db", "mydb-", "my_db", "my.db", &"a".repeat(64)] {
            assert!(!valid_identifier(bad), "{bad}");
        }
    }

    #[test]
    fn arns_name_their_identifier() {
        assert_eq!(id_or_arn("arn:aws:rds:ap-northeast-2:123456789012:db:MyDB", "db"), "mydb");
        assert_eq!(id_or_arn("MyDB", "db"), "mydb");
    }
}
