//! AWS::RDS::DBSubnetGroup and AWS::RDS::DBInstance (primaries and read replicas), through
//! RDS's API: a DB instance is created, then waited for until `available` (its server really
//! runs), and answers Endpoint.Address / Endpoint.Port; deleting it honours
//! `DeletionPolicy: Snapshot` with a final DB snapshot.

use serde::Serialize;
use serde_json::Value;

use super::{gone, Created, Cx, Props, Tag};
use crate::Peer;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateDBSubnetGroup {
    #[serde(rename = "DBSubnetGroupName")]
    name: String,
    #[serde(rename = "DBSubnetGroupDescription")]
    description: String,
    subnet_ids: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<Tag>,
}

pub async fn create_subnet_group(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let name = p.str("DBSubnetGroupName").unwrap_or_else(|| cx.generated_name(255)).to_ascii_lowercase();
    let input = CreateDBSubnetGroup {
        name: name.clone(),
        description: p.req("DBSubnetGroupDescription")?,
        subnet_ids: p.strings("SubnetIds"),
        tags: cx.tags(p),
    };
    cx.call(Peer::Rds, "CreateDBSubnetGroup", &input).await?;
    Ok(Created::id(name))
}

pub async fn delete_subnet_group(cx: &Cx, name: &str) -> Result<(), String> {
    #[derive(Serialize)]
    struct DeleteDBSubnetGroup<'a> {
        #[serde(rename = "DBSubnetGroupName")]
        name: &'a str,
    }
    gone(cx.call(Peer::Rds, "DeleteDBSubnetGroup", &DeleteDBSubnetGroup { name }).await)
}

#[derive(Serialize, Default)]
#[serde(rename_all = "PascalCase")]
struct CreateDBInstance {
    #[serde(rename = "DBInstanceIdentifier")]
    identifier: String,
    #[serde(rename = "DBInstanceClass")]
    class: String,
    engine: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    engine_version: Option<String>,
    #[serde(rename = "DBName", skip_serializing_if = "Option::is_none")]
    db_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allocated_storage: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    master_username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    master_user_password: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    backup_retention_period: Option<i64>,
    #[serde(rename = "MultiAZ", skip_serializing_if = "Option::is_none")]
    multi_az: Option<bool>,
    #[serde(rename = "DBSubnetGroupName", skip_serializing_if = "Option::is_none")]
    subnet_group: Option<String>,
    #[serde(rename = "DBParameterGroupName", skip_serializing_if = "Option::is_none")]
    parameter_group: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    vpc_security_group_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deletion_protection: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<Tag>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateDBInstanceReadReplica {
    #[serde(rename = "DBInstanceIdentifier")]
    identifier: String,
    #[serde(rename = "SourceDBInstanceIdentifier")]
    source: String,
    #[serde(rename = "DBInstanceClass", skip_serializing_if = "Option::is_none")]
    class: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    vpc_security_group_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<Tag>,
}

#[derive(Serialize)]
struct DescribeDBInstances<'a> {
    #[serde(rename = "DBInstanceIdentifier")]
    identifier: &'a str,
}

/// A DB instance identifier CloudFormation makes: lowercase, starting with a letter, at most
/// 63 characters, no double hyphens.
fn generated_identifier(cx: &Cx) -> String {
    let mut id: String = cx
        .generated_name(63)
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    while id.contains("--") {
        id = id.replace("--", "-");
    }
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert(0, 'd');
    }
    id.truncate(63);
    id.trim_end_matches('-').to_string()
}

pub async fn create_instance(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let identifier =
        p.str("DBInstanceIdentifier").map(|s| s.to_ascii_lowercase()).unwrap_or_else(|| generated_identifier(cx));
    let groups = p.strings("VPCSecurityGroups");
    if let Some(source) = p.str("SourceDBInstanceIdentifier") {
        let input = CreateDBInstanceReadReplica {
            identifier: identifier.clone(),
            source,
            class: p.str("DBInstanceClass"),
            vpc_security_group_ids: groups,
            port: p.int("Port")?,
            tags: cx.tags(p),
        };
        cx.call(Peer::Rds, "CreateDBInstanceReadReplica", &input).await?;
    } else {
        let input = CreateDBInstance {
            identifier: identifier.clone(),
            class: p.req("DBInstanceClass")?,
            engine: p.req("Engine")?,
            engine_version: p.str("EngineVersion"),
            db_name: p.str("DBName"),
            allocated_storage: p.int("AllocatedStorage")?,
            master_username: p.str("MasterUsername"),
            master_user_password: p.str("MasterUserPassword"),
            backup_retention_period: p.int("BackupRetentionPeriod")?,
            multi_az: p.bool("MultiAZ")?,
            subnet_group: p.str("DBSubnetGroupName"),
            parameter_group: p.str("DBParameterGroupName"),
            vpc_security_group_ids: groups,
            port: p.int("Port")?,
            deletion_protection: p.bool("DeletionProtection")?,
            tags: cx.tags(p),
        };
        cx.call(Peer::Rds, "CreateDBInstance", &input).await?;
    }
    cx.exists(&identifier);
    // CloudFormation reports the instance created once RDS says it is available.
    let described = cx
        .wait_for("the DB instance to become available", std::time::Duration::from_secs(900), || async {
            let out =
                cx.call(Peer::Rds, "DescribeDBInstances", &DescribeDBInstances { identifier: &identifier }).await?;
            let db = out.pointer("/DBInstances/0").cloned().unwrap_or_default();
            match db.get("DBInstanceStatus").and_then(Value::as_str) {
                Some("available") => Ok(Some(db)),
                Some("failed" | "incompatible-parameters" | "storage-full") => Err(format!(
                    "DB instance {identifier} is {}",
                    db.get("DBInstanceStatus").and_then(Value::as_str).unwrap_or_default()
                )),
                _ => Ok(None),
            }
        })
        .await?;
    let endpoint = described.get("Endpoint").cloned().unwrap_or_default();
    Ok(Created::id(identifier)
        .attr("Endpoint.Address", endpoint.get("Address").cloned().unwrap_or_default())
        .attr("Endpoint.Port", Value::String(endpoint.get("Port").map(|p| p.to_string()).unwrap_or_default()))
        .attr("DBInstanceArn", described.get("DBInstanceArn").cloned().unwrap_or_default()))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DeleteDBInstance {
    #[serde(rename = "DBInstanceIdentifier")]
    identifier: String,
    skip_final_snapshot: bool,
    #[serde(rename = "FinalDBSnapshotIdentifier", skip_serializing_if = "Option::is_none")]
    final_snapshot: Option<String>,
}

/// Delete the DB instance (with a final snapshot under `DeletionPolicy: Snapshot`, except for a
/// read replica, which has none) and wait until it is gone.
pub async fn delete_instance(cx: &Cx, p: Props<'_>, identifier: &str) -> Result<(), String> {
    let snapshot = cx.deletion_policy.as_deref() == Some("Snapshot") && p.str("SourceDBInstanceIdentifier").is_none();
    let input = DeleteDBInstance {
        identifier: identifier.to_string(),
        skip_final_snapshot: !snapshot,
        final_snapshot: snapshot.then(|| format!("{}-snapshot", generated_identifier(cx))),
    };
    match cx.call(Peer::Rds, "DeleteDBInstance", &input).await {
        Ok(_) => {}
        Err(e) if e.contains("NotFound") || e.contains("not found") => return Ok(()),
        Err(e) => return Err(e),
    }
    cx.wait_for("the DB instance to be deleted", std::time::Duration::from_secs(600), || async {
        match cx.call(Peer::Rds, "DescribeDBInstances", &DescribeDBInstances { identifier }).await {
            Err(e) if e.contains("NotFound") || e.contains("not found") => Ok(Some(())),
            Err(e) => Err(e),
            Ok(_) => Ok(None),
        }
    })
    .await
}
