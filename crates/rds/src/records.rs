//! RDS's records in the store, and how they are shown (the API's `DBInstance`, `DBSubnetGroup`,
//! `DBSnapshot` shapes).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub mod kind {
    /// Key: the DB instance identifier (lower case, as RDS keeps it).
    pub const INSTANCE: &str = "rds.instance";
    /// DB instances that were deleted: how long each existed, for what it cost.
    pub const ENDED: &str = "rds.ended";
    /// Key: the DB subnet group name (lower case).
    pub const SUBNET_GROUP: &str = "rds.subnet_group";
    /// Key: the DB snapshot identifier (lower case).
    pub const SNAPSHOT: &str = "rds.snapshot";
    /// Key: microseconds since the epoch (zero-padded) and a random tail.
    pub const EVENT: &str = "rds.event";
    /// Key: the DB parameter group name (lower case). Default groups are not stored.
    pub const PARAMETER_GROUP: &str = "rds.parameter_group";
    /// Key: the DB instance identifier of a Multi-AZ instance.
    pub const STANDBY: &str = "rds.standby";
}

/// A running server process: its pid and its start time (clock ticks after boot, from
/// `/proc/<pid>/stat`), so that a reused pid is never taken for ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessId {
    pub pid: u32,
    pub start: u64,
}

/// DB instance statuses as RDS shows them.
pub mod status {
    pub const CREATING: &str = "creating";
    pub const AVAILABLE: &str = "available";
    pub const REBOOTING: &str = "rebooting";
    pub const MODIFYING: &str = "modifying";
    pub const STOPPING: &str = "stopping";
    pub const STOPPED: &str = "stopped";
    pub const STARTING: &str = "starting";
    pub const DELETING: &str = "deleting";
    pub const RESETTING_MASTER_CREDENTIALS: &str = "resetting-master-credentials";
    pub const BACKING_UP: &str = "backing-up";
    pub const FAILED: &str = "failed";
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InstanceRec {
    pub id: String,
    pub arn: String,
    /// `db-…`, the DbiResourceId.
    pub resource_id: String,
    pub engine: String,
    pub engine_version: String,
    pub class: String,
    pub allocated_storage: i64,
    pub storage_type: String,
    pub master_username: String,
    pub db_name: Option<String>,
    /// Its own loopback address in 127.254.0.0/16 (the Endpoint's Address).
    pub address: String,
    pub port: u16,
    /// The server's `server_id` (unique in the region: the address's index).
    pub server_id: u32,
    pub status: String,
    /// The source of a read replica.
    pub source: Option<String>,
    /// Promotion asked (status `modifying` until the controller has done it).
    #[serde(default)]
    pub promotion_pending: bool,
    pub subnet_group: Option<String>,
    pub availability_zone: String,
    pub multi_az: bool,
    pub publicly_accessible: bool,
    pub backup_retention: i64,
    pub deletion_protection: bool,
    pub vpc_security_groups: Vec<String>,
    pub created: f64,
    pub tags: Vec<(String, String)>,
    /// The final snapshot DeleteDBInstance asked for.
    pub final_snapshot: Option<String>,
    /// A file (0600) holding the master password until the controller has created the user (or
    /// changed its password: ModifyDBInstance).
    pub pending_password_file: Option<String>,
    pub process: Option<ProcessId>,
    /// How many times the controller restarted a server that had died.
    #[serde(default)]
    pub recoveries: u32,
    /// The DB snapshot a restored instance is made from.
    #[serde(default)]
    pub restore_from: Option<String>,
    /// The DB snapshot CreateDBSnapshot asked for (status `backing-up` until it is taken).
    #[serde(default)]
    pub snapshot_pending: Option<String>,
    /// A custom DB parameter group (None: the family's default group).
    #[serde(default)]
    pub parameter_group: Option<String>,
    /// The group's generation the server has (its settings at start, then ModifyDBParameterGroup's).
    #[serde(default)]
    pub param_generation: u64,
    /// `pending-reboot` when a static parameter changed since the server started; None: in-sync.
    #[serde(default)]
    pub param_status: Option<String>,
    /// The static parameters the server was started with, and the dynamic ones set on it.
    #[serde(default)]
    pub static_at_start: BTreeMap<String, String>,
    #[serde(default)]
    pub applied_dynamic: BTreeMap<String, String>,
    /// RebootDBInstance with ForceFailover asked (status `rebooting` until it is done).
    #[serde(default)]
    pub failover_pending: bool,
    /// RestoreDBInstanceToPointInTime: the source whose binary log is replayed, up to this time.
    #[serde(default)]
    pub restore_to: Option<(String, f64)>,
    /// ManageMasterUserPassword: the Secrets Manager secret holding the master password.
    #[serde(default)]
    pub master_secret: Option<String>,
    /// Isolated networks: its address inside its DB subnet group's VPC (the Endpoint's Address
    /// then), relayed to `address` (`vpc.rs`).
    #[serde(default)]
    pub vpc_address: Option<String>,
}

/// The standby of a Multi-AZ DB instance: a server of its own (address, `server_id`, datadir
/// `instances/<id>.standby`) that follows the primary by semi-synchronous replication, so every
/// transaction the primary has acknowledged is on the standby too. Not a DB instance of its own.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StandbyRec {
    pub id: String,
    pub address: String,
    pub server_id: u32,
    pub availability_zone: String,
    /// `creating` until it has been seeded and follows the primary, then `available`.
    pub status: String,
    pub process: Option<ProcessId>,
}

impl StandbyRec {
    /// The standby seen as an instance, for the server functions: its own address, server id and
    /// datadir, the primary's settings, following the primary.
    pub fn view(&self, primary: &InstanceRec) -> InstanceRec {
        InstanceRec {
            id: format!("{}.standby", primary.id),
            address: self.address.clone(),
            server_id: self.server_id,
            source: Some(primary.id.clone()),
            process: self.process,
            availability_zone: self.availability_zone.clone(),
            ..primary.clone()
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParameterGroupRec {
    pub name: String,
    pub arn: String,
    pub family: String,
    pub description: String,
    /// The parameters the user set (the others have the engine's defaults).
    pub values: BTreeMap<String, String>,
    /// Bumped by every change; instances catch up to it.
    pub generation: u64,
    pub tags: Vec<(String, String)>,
}

impl ParameterGroupRec {
    pub fn to_api(&self) -> Value {
        json!({
            "DBParameterGroupName": self.name,
            "DBParameterGroupFamily": self.family,
            "Description": self.description,
            "DBParameterGroupArn": self.arn,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubnetRec {
    pub id: String,
    pub availability_zone: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubnetGroupRec {
    pub name: String,
    pub arn: String,
    pub description: String,
    pub vpc_id: String,
    pub subnets: Vec<SubnetRec>,
    pub tags: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SnapshotRec {
    pub id: String,
    pub arn: String,
    pub instance_id: String,
    pub engine: String,
    pub engine_version: String,
    pub allocated_storage: i64,
    pub master_username: String,
    pub port: u16,
    pub availability_zone: String,
    pub instance_created: f64,
    pub created: f64,
    /// `creating` while the copy is made, then `available`.
    pub status: String,
    pub snapshot_type: String,
    pub tags: Vec<(String, String)>,
    #[serde(default)]
    pub db_name: Option<String>,
    #[serde(default)]
    pub class: String,
    /// Bytes of the snapshot's data (the archived datadir) in the block store.
    #[serde(default)]
    pub size: u64,
    /// The GTID position the copy is at (a running server's snapshot): where a point-in-time
    /// restore starts replaying the source's binary log.
    #[serde(default)]
    pub gtid: String,
    /// CopyDBSnapshot: the snapshot this one is a copy of.
    #[serde(default)]
    pub source_snapshot: Option<String>,
}

/// `YYYY-MM-DD HH:MM:SS` in UTC.
pub fn utc_datetime(epoch: f64) -> String {
    let iso = wire::timestamp::format_iso8601(epoch);
    iso.get(..19).unwrap_or(&iso).replace('T', " ")
}

/// RDS's fixed hosted zone for DB endpoints (one per region in AWS; one here).
pub const HOSTED_ZONE_ID: &str = "ZHGRDS0000000001";

pub fn tag_list(tags: &[(String, String)]) -> Value {
    Value::Array(tags.iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect())
}

impl SubnetGroupRec {
    pub fn to_api(&self) -> Value {
        json!({
            "DBSubnetGroupName": self.name,
            "DBSubnetGroupDescription": self.description,
            "VpcId": self.vpc_id,
            "SubnetGroupStatus": "Complete",
            "Subnets": self.subnets.iter().map(|s| json!({
                "SubnetIdentifier": s.id,
                "SubnetAvailabilityZone": {"Name": s.availability_zone},
                "SubnetStatus": "Active",
            })).collect::<Vec<_>>(),
            "DBSubnetGroupArn": self.arn,
            "SupportedNetworkTypes": ["IPV4"],
        })
    }
}

impl SnapshotRec {
    pub fn to_api(&self) -> Value {
        let mut v = json!({
            "DBSnapshotIdentifier": self.id,
            "DBInstanceIdentifier": self.instance_id,
            "SnapshotCreateTime": self.created,
            "Engine": self.engine,
            "EngineVersion": self.engine_version,
            "AllocatedStorage": self.allocated_storage,
            "Status": self.status,
            "Port": self.port,
            "AvailabilityZone": self.availability_zone,
            "InstanceCreateTime": self.instance_created,
            "MasterUsername": self.master_username,
            "SnapshotType": self.snapshot_type,
            "PercentProgress": if self.status == "available" { 100 } else { 0 },
            "StorageType": "gp2",
            "Encrypted": false,
            "DBSnapshotArn": self.arn,
            "TagList": tag_list(&self.tags),
        });
        if let Some(src) = &self.source_snapshot {
            v["SourceDBSnapshotIdentifier"] = json!(src);
        }
        v
    }

    /// The block store's name for this snapshot's data.
    pub fn block_id(&self) -> String {
        format!("rds-{}", self.id.replace(':', "_"))
    }
}

impl InstanceRec {
    /// The `DBInstance` shape; `replicas` are the identifiers of its read replicas.
    pub fn to_api(
        &self,
        replicas: &[String],
        subnet_group: Option<&SubnetGroupRec>,
        standby_zone: Option<String>,
    ) -> Value {
        let mut v = json!({
            "DBInstanceIdentifier": self.id,
            "DBInstanceClass": self.class,
            "Engine": self.engine,
            "DBInstanceStatus": self.status,
            "MasterUsername": self.master_username,
            "AllocatedStorage": self.allocated_storage,
            "PreferredBackupWindow": "17:00-17:30",
            "BackupRetentionPeriod": self.backup_retention,
            "DBSecurityGroups": [],
            "VpcSecurityGroups": self.vpc_security_groups.iter()
                .map(|g| json!({"VpcSecurityGroupId": g, "Status": "active"})).collect::<Vec<_>>(),
            "DBParameterGroups": [{
                "DBParameterGroupName": self.parameter_group.clone().unwrap_or_else(|| crate::parameters::default_group(
                    &crate::parameters::family(&self.engine, &self.engine_version))),
                "ParameterApplyStatus": self.param_status.as_deref().unwrap_or("in-sync"),
            }],
            "AvailabilityZone": self.availability_zone,
            "PreferredMaintenanceWindow": "sun:18:00-sun:18:30",
            "PendingModifiedValues": if self.status == status::RESETTING_MASTER_CREDENTIALS {
                json!({"MasterUserPassword": "****"})
            } else {
                json!({})
            },
            "MultiAZ": self.multi_az,
            "EngineVersion": self.engine_version,
            "AutoMinorVersionUpgrade": true,
            "ReadReplicaDBInstanceIdentifiers": replicas,
            "LicenseModel": "general-public-license",
            "OptionGroupMemberships": [{"OptionGroupName": format!("default:{}-{}", self.engine,
                crate::parameters::family(&self.engine, &self.engine_version)
                    .trim_start_matches(self.engine.as_str()).replace('.', "-")), "Status": "in-sync"}],
            "PubliclyAccessible": self.publicly_accessible,
            "StorageType": self.storage_type,
            "DbInstancePort": 0,
            "StorageEncrypted": false,
            "DbiResourceId": self.resource_id,
            "CACertificateIdentifier": "rds-ca-rsa2048-g1",
            "CopyTagsToSnapshot": false,
            "MonitoringInterval": 0,
            "DBInstanceArn": self.arn,
            "IAMDatabaseAuthenticationEnabled": false,
            "PerformanceInsightsEnabled": false,
            "DeletionProtection": self.deletion_protection,
            "TagList": tag_list(&self.tags),
            "CustomerOwnedIpEnabled": false,
            "BackupTarget": "region",
            "NetworkType": "IPV4",
            "InstanceCreateTime": self.created,
        });
        let o = v.as_object_mut().expect("object");
        // RDS shows no Endpoint until the instance has first become reachable.
        if self.status != status::CREATING {
            o.insert(
                "Endpoint".into(),
                json!({
                    "Address": self.vpc_address.as_deref().unwrap_or(&self.address),
                    "Port": self.port,
                    "HostedZoneId": HOSTED_ZONE_ID,
                }),
            );
        }
        if let Some(db) = &self.db_name {
            o.insert("DBName".into(), json!(db));
        }
        if let Some(arn) = &self.master_secret {
            o.insert("MasterUserSecret".into(), json!({"SecretArn": arn, "SecretStatus": "active"}));
        }
        if let Some(z) = &standby_zone {
            o.insert("SecondaryAvailabilityZone".into(), json!(z));
        }
        if let Some(src) = &self.source {
            o.insert("ReadReplicaSourceDBInstanceIdentifier".into(), json!(src));
        }
        if let Some(g) = subnet_group {
            o.insert("DBSubnetGroup".into(), g.to_api());
        }
        v
    }
}

/// A deleted DB instance's lifetime (Cost Explorer bills its hours after it is gone).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EndedDbInstance {
    pub id: String,
    pub class: String,
    pub engine: String,
    pub zone: String,
    pub created: f64,
    pub deleted: f64,
}
