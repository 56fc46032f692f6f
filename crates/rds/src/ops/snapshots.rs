//! DB snapshots: CreateDBSnapshot (and the final snapshot of DeleteDBInstance), Describe,
//! Delete, RestoreDBInstanceFromDBSnapshot. The controller takes and restores the data
//! (`crate::snapshots`, through the block store).

use serde_json::{json, Value};

use super::{bool_of, check_identifier, id_or_arn, input_tags, int_of, str_of, strings};
use crate::error::{RdsError, Result};
use crate::records::{kind, status, InstanceRec, SnapshotRec};
use crate::Rds;

/// A new snapshot record of an instance (`creating` until the controller has stored its data).
pub(crate) fn new_snapshot(rds: &Rds, rec: &InstanceRec, id: &str, snapshot_type: &str) -> SnapshotRec {
    SnapshotRec {
        id: id.to_string(),
        arn: rds.arn("snapshot", id),
        instance_id: rec.id.clone(),
        engine: rec.engine.clone(),
        engine_version: rec.engine_version.clone(),
        allocated_storage: rec.allocated_storage,
        master_username: rec.master_username.clone(),
        port: rec.port,
        availability_zone: rec.availability_zone.clone(),
        instance_created: rec.created,
        created: rds.now(),
        status: "creating".into(),
        snapshot_type: snapshot_type.into(),
        tags: Vec::new(),
        db_name: rec.db_name.clone(),
        class: rec.class.clone(),
        size: 0,
        gtid: String::new(),
        source_snapshot: None,
    }
}

/// CopyDBSnapshot: a manual snapshot sharing the source's data in the block store (a copy of
/// its manifest: no data is copied). An automated snapshot copied this way outlives its instance.
pub fn copy_db_snapshot(rds: &Rds, input: &Value) -> Result<Value> {
    let from = id_or_arn(str_of(input, "SourceDBSnapshotIdentifier").unwrap_or_default(), "snapshot");
    let to = check_identifier(
        str_of(input, "TargetDBSnapshotIdentifier").unwrap_or_default(),
        "TargetDBSnapshotIdentifier",
    )?;
    let source: SnapshotRec = rds
        .store
        .read(|tx| tx.get(kind::SNAPSHOT, &from))?
        .ok_or_else(|| RdsError::DbSnapshotNotFound(from.clone()))?;
    if source.status != "available" {
        return Err(RdsError::InvalidDbSnapshotState(format!("Snapshot {from} is not in available state.")));
    }
    let mut copy = source.clone();
    copy.id = to.clone();
    copy.arn = rds.arn("snapshot", &to);
    copy.snapshot_type = "manual".into();
    copy.created = rds.now();
    copy.source_snapshot = Some(source.arn.clone());
    copy.tags = if super::bool_of(input, "CopyTags") == Some(true) { source.tags.clone() } else { Vec::new() };
    super::merge_tags(&mut copy.tags, input_tags(input));
    if rds.store.read(|tx| tx.exists(kind::SNAPSHOT, &to))? {
        return Err(RdsError::DbSnapshotAlreadyExists(to));
    }
    rds.blocks
        .copy_snapshot(&source.block_id(), &copy.block_id())
        .map_err(|e| RdsError::Internal(format!("copying snapshot data: {e}")))?;
    let stored = rds.store.write(|tx| {
        if tx.exists(kind::SNAPSHOT, &to)? {
            return Err(RdsError::DbSnapshotAlreadyExists(to.clone()));
        }
        tx.insert(kind::SNAPSHOT, &to, &copy)?;
        Ok(())
    });
    if let Err(e) = stored {
        let _ = crate::snapshots::remove(rds, &copy);
        return Err(e);
    }
    Ok(json!({"DBSnapshot": copy.to_api()}))
}

pub fn create_db_snapshot(rds: &Rds, input: &Value) -> Result<Value> {
    let snap_id = check_identifier(str_of(input, "DBSnapshotIdentifier").unwrap_or_default(), "DBSnapshotIdentifier")?;
    let id = id_or_arn(str_of(input, "DBInstanceIdentifier").unwrap_or_default(), "db");
    rds.store.write(|tx| {
        let mut rec: InstanceRec =
            tx.get(kind::INSTANCE, &id)?.ok_or_else(|| RdsError::DbInstanceNotFound(id.clone()))?;
        if tx.exists(kind::SNAPSHOT, &snap_id)? {
            return Err(RdsError::DbSnapshotAlreadyExists(snap_id.clone()));
        }
        if rec.status != status::AVAILABLE {
            return Err(RdsError::InvalidDbInstanceState(format!("Instance {id} is not in available state.")));
        }
        let mut snap = new_snapshot(rds, &rec, &snap_id, "manual");
        snap.tags = input_tags(input);
        tx.insert(kind::SNAPSHOT, &snap_id, &snap)?;
        rec.status = status::BACKING_UP.into();
        rec.snapshot_pending = Some(snap_id.clone());
        tx.put(kind::INSTANCE, &id, &rec)?;
        Ok(json!({"DBSnapshot": snap.to_api()}))
    })
}

pub fn restore_db_instance_from_db_snapshot(rds: &Rds, input: &Value) -> Result<Value> {
    let id = check_identifier(str_of(input, "DBInstanceIdentifier").unwrap_or_default(), "DBInstanceIdentifier")?;
    let snap_id = id_or_arn(str_of(input, "DBSnapshotIdentifier").unwrap_or_default(), "snapshot");
    restore(rds, input, &id, &snap_id, None)
}

/// RestoreDBInstanceToPointInTime: the source's last automated snapshot taken before the asked
/// time, then its binary log replayed (PostgreSQL: its archived WAL recovered) up to that time
/// (the controller's work).
pub fn restore_db_instance_to_point_in_time(rds: &Rds, input: &Value) -> Result<Value> {
    let id = check_identifier(
        str_of(input, "TargetDBInstanceIdentifier").unwrap_or_default(),
        "TargetDBInstanceIdentifier",
    )?;
    let source = id_or_arn(str_of(input, "SourceDBInstanceIdentifier").unwrap_or_default(), "db");
    let latest = bool_of(input, "UseLatestRestorableTime").unwrap_or(false);
    let asked = input.get("RestoreTime").and_then(Value::as_f64);
    let now = rds.now();
    let time = match (asked, latest) {
        (Some(_), true) => {
            return Err(RdsError::InvalidParameterCombination(
                "Cannot specify both RestoreTime and UseLatestRestorableTime.".into(),
            ))
        }
        (None, false) => {
            return Err(RdsError::InvalidParameterCombination(
                "Either RestoreTime or UseLatestRestorableTime must be specified.".into(),
            ))
        }
        (Some(t), false) => t,
        (None, true) => now,
    };
    let snap_id = rds.store.read(|tx| {
        let src: InstanceRec =
            tx.get(kind::INSTANCE, &source)?.ok_or_else(|| RdsError::DbInstanceNotFound(source.clone()))?;
        let autos: Vec<SnapshotRec> = tx
            .list::<SnapshotRec>(kind::SNAPSHOT, "")?
            .into_iter()
            .map(|(_, s)| s)
            .filter(|s| s.instance_id == src.id && s.snapshot_type == "automated" && s.status == "available")
            .collect();
        let earliest = autos.iter().map(|s| s.created).fold(f64::INFINITY, f64::min);
        if autos.is_empty() || time < earliest || time > now {
            let range = if autos.is_empty() {
                "none: the instance has no automated backup yet".to_string()
            } else {
                format!("{} to {}", wire::timestamp::format_iso8601(earliest), wire::timestamp::format_iso8601(now))
            };
            return Err(RdsError::InvalidRestore(format!(
                "The restore time {} is not within the instance's restorable window: {range}.",
                wire::timestamp::format_iso8601(time)
            )));
        }
        let best = autos
            .iter()
            .filter(|s| s.created <= time)
            .max_by(|a, b| a.created.total_cmp(&b.created))
            .expect("the earliest is before the time");
        Ok(best.id.clone())
    })?;
    restore(rds, input, &id, &snap_id, Some((source, time)))
}

fn restore(rds: &Rds, input: &Value, id: &str, snap_id: &str, to: Option<(String, f64)>) -> Result<Value> {
    let (id, snap_id) = (id.to_string(), snap_id.to_string());
    if bool_of(input, "MultiAZ") == Some(true) {
        return Err(RdsError::InvalidParameterCombination(
            "Multi-AZ DB instances are not available in this region yet.".into(),
        ));
    }
    if let Some(p) = int_of(input, "Port") {
        super::instances::check_port(Some(p), "mysql")?;
    }
    rds.store.write(|tx| {
        if tx.exists(kind::INSTANCE, &id)? {
            return Err(RdsError::DbInstanceAlreadyExists);
        }
        let snap: SnapshotRec =
            tx.get(kind::SNAPSHOT, &snap_id)?.ok_or_else(|| RdsError::DbSnapshotNotFound(snap_id.clone()))?;
        let port = super::instances::check_port(int_of(input, "Port"), &snap.engine)?;
        if snap.status != "available" && to.is_none() {
            return Err(RdsError::InvalidDbSnapshotState(format!("Snapshot {snap_id} is not in available state.")));
        }
        if let Some(e) = str_of(input, "Engine") {
            if !e.eq_ignore_ascii_case(&snap.engine) {
                return Err(RdsError::InvalidParameterCombination(format!(
                    "The engine of the snapshot ({}) and the requested engine ({e}) do not match.",
                    snap.engine
                )));
            }
        }
        let class = str_of(input, "DBInstanceClass").map(String::from).unwrap_or_else(|| {
            if snap.class.is_empty() {
                "db.t3.micro".into()
            } else {
                snap.class.clone()
            }
        });
        super::instances::check_class(&class, &snap.engine, &snap.engine_version)?;
        let (subnet_group, zone) = super::instances::placement(rds, tx, input)?;
        let (address, server_id) = super::instances::allocate_address(rds, tx, port)?;
        let rec = InstanceRec {
            id: id.clone(),
            arn: rds.arn("db", &id),
            resource_id: super::instances::resource_id(),
            engine: snap.engine.clone(),
            engine_version: snap.engine_version.clone(),
            class,
            allocated_storage: int_of(input, "AllocatedStorage").unwrap_or(snap.allocated_storage),
            storage_type: str_of(input, "StorageType").unwrap_or("gp2").to_string(),
            master_username: snap.master_username.clone(),
            db_name: snap.db_name.clone(),
            address,
            port,
            server_id,
            status: status::CREATING.into(),
            source: None,
            promotion_pending: false,
            subnet_group,
            availability_zone: zone,
            multi_az: false,
            publicly_accessible: bool_of(input, "PubliclyAccessible").unwrap_or(false),
            backup_retention: int_of(input, "BackupRetentionPeriod").unwrap_or(1).clamp(0, 35),
            deletion_protection: bool_of(input, "DeletionProtection").unwrap_or(false),
            vpc_security_groups: strings(input, "VpcSecurityGroupIds"),
            created: rds.now(),
            tags: input_tags(input),
            final_snapshot: None,
            pending_password_file: None,
            process: None,
            recoveries: 0,
            restore_from: Some(snap_id.clone()),
            snapshot_pending: None,
            parameter_group: super::parameter_groups::resolve(
                tx,
                str_of(input, "DBParameterGroupName"),
                &snap.engine,
                &snap.engine_version,
            )?,
            param_generation: 0,
            param_status: None,
            static_at_start: Default::default(),
            applied_dynamic: Default::default(),
            failover_pending: false,
            restore_to: to.clone(),
            master_secret: None,
            vpc_address: None,
        };
        tx.insert(kind::INSTANCE, &id, &rec)?;
        Ok(json!({"DBInstance": super::instances::render(tx, &rec)?}))
    })
}

pub fn describe_db_snapshots(rds: &Rds, input: &Value) -> Result<Value> {
    let wanted = str_of(input, "DBSnapshotIdentifier").map(|s| id_or_arn(s, "snapshot"));
    let instance = str_of(input, "DBInstanceIdentifier").map(|s| id_or_arn(s, "db"));
    let snapshot_type = str_of(input, "SnapshotType");
    rds.store.read(|tx| {
        let all: Vec<SnapshotRec> = tx.list(kind::SNAPSHOT, "")?.into_iter().map(|(_, s)| s).collect();
        if let Some(w) = &wanted {
            if !all.iter().any(|s| &s.id == w) {
                return Err(RdsError::DbSnapshotNotFound(w.clone()));
            }
        }
        let out: Vec<Value> = all
            .iter()
            .filter(|s| wanted.as_ref().is_none_or(|w| *w == s.id))
            .filter(|s| instance.as_ref().is_none_or(|i| *i == s.instance_id))
            .filter(|s| snapshot_type.is_none_or(|t| t == s.snapshot_type))
            .map(SnapshotRec::to_api)
            .collect();
        Ok(json!({"DBSnapshots": out}))
    })
}

pub fn delete_db_snapshot(rds: &Rds, input: &Value) -> Result<Value> {
    let id = id_or_arn(str_of(input, "DBSnapshotIdentifier").unwrap_or_default(), "snapshot");
    let snap = rds.store.write(|tx| {
        let mut s: SnapshotRec =
            tx.get(kind::SNAPSHOT, &id)?.ok_or_else(|| RdsError::DbSnapshotNotFound(id.clone()))?;
        if s.snapshot_type == "automated" {
            return Err(RdsError::InvalidDbSnapshotState(
                "Automated snapshots are deleted with their DB instance, or when they expire.".into(),
            ));
        }
        if s.status != "available" {
            return Err(RdsError::InvalidParameterValue(format!(
                "Snapshot {id} is {}; it can be deleted once it is available.",
                s.status
            )));
        }
        tx.delete(kind::SNAPSHOT, &id)?;
        s.status = "deleted".into();
        Ok(s)
    })?;
    crate::snapshots::remove(rds, &snap).map_err(RdsError::Internal)?;
    Ok(json!({"DBSnapshot": snap.to_api()}))
}
