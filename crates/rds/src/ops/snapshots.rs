//! DB snapshots (for now only the final snapshots DeleteDBInstance takes: a copy of the
//! cleanly shut down datadir): Describe and Delete.

use serde_json::{json, Value};

use super::{id_or_arn, str_of};
use crate::error::{RdsError, Result};
use crate::records::{kind, SnapshotRec};
use crate::Rds;

pub fn describe_db_snapshots(rds: &Rds, input: &Value) -> Result<Value> {
    let wanted = str_of(input, "DBSnapshotIdentifier").map(|s| id_or_arn(s, "snapshot"));
    let instance = str_of(input, "DBInstanceIdentifier").map(|s| id_or_arn(s, "db"));
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
    let dir = rds.dir().join("snapshots").join(&id);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| RdsError::Internal(format!("removing {}: {e}", dir.display())))?;
    }
    Ok(json!({"DBSnapshot": snap.to_api()}))
}
