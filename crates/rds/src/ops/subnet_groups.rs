//! DB subnet groups: Create, Describe, Delete. Subnets are looked up in EC2 (through
//! `SubnetDirectory`): they must exist, lie in one VPC and cover at least two zones, as RDS asks.

use serde_json::{json, Value};

use super::{input_tags, str_of, strings};
use crate::error::{RdsError, Result};
use crate::records::{kind, InstanceRec, SubnetGroupRec, SubnetRec};
use crate::Rds;

fn check_name(name: &str) -> Result<String> {
    let ok = !name.is_empty()
        && name.len() <= 255
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b" ._-".contains(&b))
        && !name.eq_ignore_ascii_case("default");
    if !ok {
        return Err(RdsError::InvalidParameterValue(format!(
            "The parameter DBSubnetGroupName is not a valid identifier: {name}. It must contain no more than 255 letters, digits, spaces, periods, underscores and hyphens, and must not be default."
        )));
    }
    Ok(name.to_lowercase())
}

pub fn create_db_subnet_group(rds: &Rds, input: &Value) -> Result<Value> {
    let name = check_name(str_of(input, "DBSubnetGroupName").unwrap_or_default())?;
    let description = str_of(input, "DBSubnetGroupDescription").unwrap_or_default().to_string();
    let ids = strings(input, "SubnetIds");
    let mut subnets = Vec::new();
    let mut vpc: Option<String> = None;
    let unknown: Vec<&String> = ids.iter().filter(|id| rds.subnets.subnet(id).is_none()).collect();
    if !unknown.is_empty() {
        let list: Vec<&str> = unknown.iter().map(|s| s.as_str()).collect();
        return Err(RdsError::InvalidSubnet(format!("Some input subnets in :[{}] are invalid.", list.join(", "))));
    }
    for id in &ids {
        let (v, zone) = rds.subnets.subnet(id).expect("checked above");
        match &vpc {
            Some(existing) if *existing != v => {
                return Err(RdsError::InvalidParameterValue(
                    "The new Subnets are not in the same Vpc as the existing subnet group".into(),
                ))
            }
            _ => vpc = Some(v),
        }
        if !subnets.iter().any(|s: &SubnetRec| s.id == *id) {
            subnets.push(SubnetRec { id: id.clone(), availability_zone: zone });
        }
    }
    let mut zones: Vec<&str> = subnets.iter().map(|s| s.availability_zone.as_str()).collect();
    zones.sort();
    zones.dedup();
    if zones.len() < 2 {
        return Err(RdsError::DbSubnetGroupDoesNotCoverEnoughAzs(format!(
            "The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. Current AZ coverage: {}. Add subnets to cover at least 2 AZs.",
            zones.join(", ")
        )));
    }
    let rec = SubnetGroupRec {
        arn: rds.arn("subgrp", &name),
        name: name.clone(),
        description,
        vpc_id: vpc.unwrap_or_default(),
        subnets,
        tags: input_tags(input),
    };
    rds.store.write(|tx| {
        if tx.exists(kind::SUBNET_GROUP, &name)? {
            return Err(RdsError::DbSubnetGroupAlreadyExists(name.clone()));
        }
        tx.insert(kind::SUBNET_GROUP, &name, &rec)?;
        Ok(())
    })?;
    Ok(json!({"DBSubnetGroup": rec.to_api()}))
}

pub fn describe_db_subnet_groups(rds: &Rds, input: &Value) -> Result<Value> {
    let wanted = str_of(input, "DBSubnetGroupName").map(str::to_lowercase);
    rds.store.read(|tx| {
        let groups: Vec<SubnetGroupRec> = match &wanted {
            Some(n) => vec![tx
                .get::<SubnetGroupRec>(kind::SUBNET_GROUP, n)?
                .ok_or_else(|| RdsError::DbSubnetGroupNotFound(n.clone()))?],
            None => tx.list(kind::SUBNET_GROUP, "")?.into_iter().map(|(_, g)| g).collect(),
        };
        Ok(json!({"DBSubnetGroups": groups.iter().map(SubnetGroupRec::to_api).collect::<Vec<_>>()}))
    })
}

pub fn delete_db_subnet_group(rds: &Rds, input: &Value) -> Result<Value> {
    let name = str_of(input, "DBSubnetGroupName").unwrap_or_default().to_lowercase();
    rds.store.write(|tx| {
        if !tx.exists(kind::SUBNET_GROUP, &name)? {
            return Err(RdsError::DbSubnetGroupNotFound(name.clone()));
        }
        let users: Vec<String> = tx
            .list::<InstanceRec>(kind::INSTANCE, "")?
            .into_iter()
            .filter(|(_, r)| r.subnet_group.as_deref() == Some(name.as_str()))
            .map(|(id, _)| id)
            .collect();
        if let Some(first) = users.first() {
            return Err(RdsError::InvalidDbSubnetGroupState(format!(
                "Cannot delete the subnet group '{name}' because at least one database instance: {first} is still using it."
            )));
        }
        tx.delete(kind::SUBNET_GROUP, &name)?;
        Ok(json!({}))
    })
}
