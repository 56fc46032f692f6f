//! Volumes and snapshots: CreateVolume (empty or from a snapshot), Attach/Detach, Describe,
//! Delete; CreateSnapshot, CopySnapshot, DescribeSnapshots, DeleteSnapshot. Copying data runs
//! in the background; the records move pending → completed (creating → available) as it goes.

use std::fs;
use std::sync::Arc;

use serde_json::{json, Value};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::InstanceState;
use crate::storage::{self, kind, Attachment, SnapshotRec, SnapshotState, VolumeRec, VolumeState};
use crate::{filter, ids, Ec2};

const GIB: u64 = 1 << 30;

pub(crate) fn load_volume(tx: &store::Tx, id: &str) -> Result<VolumeRec> {
    if !ids::well_formed("vol", id) {
        return Err(Ec2Error::Client(
            "InvalidVolumeID.Malformed",
            format!("Invalid id: \"{id}\" (expecting \"vol-...\")"),
        ));
    }
    tx.get::<VolumeRec>(kind::VOLUME, id)?
        .filter(|v| v.state != VolumeState::Deleted)
        .ok_or_else(|| Ec2Error::Client("InvalidVolume.NotFound", format!("The volume '{id}' does not exist.")))
}

pub(crate) fn load_snapshot(tx: &store::Tx, id: &str) -> Result<SnapshotRec> {
    if !ids::well_formed("snap", id) {
        return Err(Ec2Error::Client(
            "InvalidSnapshotID.Malformed",
            format!("Invalid id: \"{id}\" (expecting \"snap-...\")"),
        ));
    }
    tx.get::<SnapshotRec>(kind::SNAPSHOT, id)?
        .ok_or_else(|| Ec2Error::Client("InvalidSnapshot.NotFound", format!("The snapshot '{id}' does not exist.")))
}

fn io(e: impl std::fmt::Display) -> Ec2Error {
    Ec2Error::Internal(e.to_string())
}

pub fn create_volume(ec2: &Arc<Ec2>, input: &Value) -> Result<Value> {
    let zone = str_of(input, "AvailabilityZone").unwrap_or_default().to_string();
    if !crate::zones(&ec2.config.region).contains(&zone) {
        return Err(Ec2Error::InvalidParameterValue(format!("Invalid availability zone: [{zone}]")));
    }
    let snapshot_id = str_of(input, "SnapshotId").map(String::from);
    let volume_type = str_of(input, "VolumeType").unwrap_or("gp2").to_string();
    let snap = match &snapshot_id {
        Some(s) => Some(ec2.read(|tx| load_snapshot(tx, s))?),
        None => None,
    };
    if let Some(s) = &snap {
        if s.state != SnapshotState::Completed {
            return Err(Ec2Error::Client("IncorrectState", format!("Snapshot '{}' is not completed.", s.snapshot_id)));
        }
    }
    let size = match (input.get("Size").and_then(Value::as_i64), &snap) {
        (Some(n), Some(s)) if n < s.volume_size => {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "Volume of {n}GiB is too small; minimum is {}GiB.",
                s.volume_size
            )))
        }
        (Some(n), _) => n,
        (None, Some(s)) => s.volume_size,
        (None, None) => {
            return Err(Ec2Error::MissingParameter("The request must contain the parameter size/snapshot".into()))
        }
    };
    if !(1..=16384).contains(&size) {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Volume of {size}GiB is out of range: must be 1-16384 GiB."
        )));
    }
    let rec = VolumeRec {
        volume_id: ids::new("vol"),
        size_gib: size,
        availability_zone: zone,
        state: if snap.is_some() { VolumeState::Creating } else { VolumeState::Available },
        volume_type,
        snapshot_id: snapshot_id.clone(),
        create_time: ec2.now(),
        attachment: None,
        tags: tag_specs(input, "volume")?,
        deleted_at: None,
    };
    let path = storage::volume_path(ec2, &rec.volume_id);
    fs::create_dir_all(path.parent().unwrap_or(&path)).map_err(io)?;
    if snap.is_none() {
        // A new volume is all zeros: a sparse file of the full size.
        fs::File::create(&path).and_then(|f| f.set_len(size as u64 * GIB)).map_err(io)?;
    }
    ec2.write(|tx| Ok(tx.put(kind::VOLUME, &rec.volume_id, &rec)?))?;
    if let Some(snap_id) = snapshot_id {
        let (ec2, vid) = (ec2.clone(), rec.volume_id.clone());
        std::thread::spawn(move || {
            let result = ec2.blocks.restore(&snap_id, &path).and_then(|()| {
                let f = fs::OpenOptions::new().write(true).open(&path)?;
                f.set_len(size as u64 * GIB)?;
                Ok(())
            });
            let state = match result {
                Ok(()) => VolumeState::Available,
                Err(e) => {
                    tracing::error!(volume = %vid, snapshot = %snap_id, error = %e, "restoring the snapshot failed");
                    VolumeState::Error
                }
            };
            let _ = ec2.write(|tx| {
                if let Some(mut v) = tx.get::<VolumeRec>(kind::VOLUME, &vid)? {
                    v.state = state;
                    tx.put(kind::VOLUME, &vid, &v)?;
                }
                Ok(())
            });
        });
    }
    Ok(rec.render(&ec2.config.region))
}

const VOLUME_FILTERS: &[(&str, &str)] = &[
    ("volume-id", "VolumeId"),
    ("status", "State"),
    ("size", "Size"),
    ("availability-zone", "AvailabilityZone"),
    ("snapshot-id", "SnapshotId"),
    ("volume-type", "VolumeType"),
    ("attachment.instance-id", "Attachments.InstanceId"),
    ("attachment.device", "Attachments.Device"),
    ("attachment.status", "Attachments.State"),
    ("attachment.delete-on-termination", "Attachments.DeleteOnTermination"),
    ("encrypted", "Encrypted"),
];

pub fn describe_volumes(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "VolumeIds");
    let filters = filter::from_input(input);
    let vols = ec2.read(|tx| {
        for id in &wanted {
            load_volume(tx, id)?;
        }
        Ok(tx.list::<VolumeRec>(kind::VOLUME, "")?)
    })?;
    let mut out = Vec::new();
    for (id, v) in vols {
        if v.state == VolumeState::Deleted || (!wanted.is_empty() && !wanted.contains(&id)) {
            continue;
        }
        let r = v.render(&ec2.config.region);
        if filter::matches(&r, &filters, VOLUME_FILTERS)? {
            out.push(r);
        }
    }
    super::page(out, input, "Volumes")
}

pub fn delete_volume(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "VolumeId").unwrap_or_default();
    ec2.write(|tx| {
        let mut v = load_volume(tx, id)?;
        if v.attachment.is_some() || v.state == VolumeState::InUse {
            return Err(Ec2Error::Client(
                "VolumeInUse",
                format!(
                    "Volume {id} is currently attached to {}",
                    v.attachment.map(|a| a.instance_id).unwrap_or_default()
                ),
            ));
        }
        if v.state == VolumeState::Creating {
            return Err(Ec2Error::Client("IncorrectState", format!("The volume '{id}' is 'creating'")));
        }
        v.state = VolumeState::Deleted;
        v.deleted_at = Some(ec2.now());
        tx.put(kind::VOLUME, id, &v)?;
        Ok(())
    })?;
    let _ = fs::remove_file(storage::volume_path(ec2, id));
    Ok(json!({}))
}

pub fn attach_volume(ec2: &Ec2, input: &Value) -> Result<Value> {
    let (vid, iid, device) = (
        str_of(input, "VolumeId").unwrap_or_default(),
        str_of(input, "InstanceId").unwrap_or_default(),
        str_of(input, "Device").unwrap_or_default(),
    );
    if !device.starts_with("/dev/") || device.len() < 7 {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Invalid value '{device}' for unixDevice. Attachment point {device} is not valid."
        )));
    }
    let now = ec2.now();
    let (v, root) = ec2.write(|tx| {
        let mut v = load_volume(tx, vid)?;
        let inst = super::instances::load(tx, iid)?;
        if v.state != VolumeState::Available {
            return Err(Ec2Error::Client("IncorrectState", format!("vol '{vid}' is not 'available'.")));
        }
        if !matches!(inst.state, InstanceState::Running | InstanceState::Stopped) {
            return Err(Ec2Error::IncorrectInstanceState(format!("Instance '{iid}' is not 'running' or 'stopped'.")));
        }
        if inst.availability_zone != v.availability_zone {
            return Err(Ec2Error::Client(
                "InvalidVolume.ZoneMismatch",
                format!("The volume '{vid}' is not in the same availability zone as instance '{iid}'"),
            ));
        }
        let taken = tx
            .list::<VolumeRec>(kind::VOLUME, "")?
            .into_iter()
            .any(|(_, o)| o.attachment.as_ref().is_some_and(|a| a.instance_id == iid && a.device == device));
        if taken || device == "/dev/xvda" {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "Invalid value '{device}' for unixDevice. Attachment point {device} is already in use"
            )));
        }
        v.state = VolumeState::InUse;
        v.attachment = Some(Attachment {
            instance_id: iid.into(),
            device: device.into(),
            attach_time: now,
            delete_on_termination: false,
        });
        tx.put(kind::VOLUME, vid, &v)?;
        Ok((v, super::instances::root_dir(ec2, iid)))
    })?;
    let link = storage::device_path_in_root(&root, device);
    if let Some(dir) = link.parent() {
        let _ = fs::create_dir_all(dir);
    }
    let _ = fs::remove_file(&link);
    std::os::unix::fs::symlink(storage::volume_path(ec2, vid), &link).map_err(io)?;
    Ok(
        json!({"VolumeId": v.volume_id, "InstanceId": iid, "Device": device, "State": "attaching", "AttachTime": now, "DeleteOnTermination": false}),
    )
}

pub fn detach_volume(ec2: &Ec2, input: &Value) -> Result<Value> {
    let vid = str_of(input, "VolumeId").unwrap_or_default();
    let a = ec2.write(|tx| {
        let mut v = load_volume(tx, vid)?;
        let a = v.attachment.take().ok_or_else(|| {
            Ec2Error::Client("IncorrectState", format!("Volume '{vid}' is in the 'available' state."))
        })?;
        if let Some(i) = str_of(input, "InstanceId") {
            if i != a.instance_id {
                return Err(Ec2Error::Client(
                    "InvalidAttachment.NotFound",
                    format!("Volume '{vid}' is not attached to instance '{i}'"),
                ));
            }
        }
        v.state = VolumeState::Available;
        tx.put(kind::VOLUME, vid, &v)?;
        Ok(a)
    })?;
    let _ = fs::remove_file(storage::device_path_in_root(&super::instances::root_dir(ec2, &a.instance_id), &a.device));
    Ok(
        json!({"VolumeId": vid, "InstanceId": a.instance_id, "Device": a.device, "State": "detaching", "AttachTime": a.attach_time, "DeleteOnTermination": a.delete_on_termination}),
    )
}

pub fn create_snapshot(ec2: &Arc<Ec2>, input: &Value) -> Result<Value> {
    let vid = str_of(input, "VolumeId").unwrap_or_default();
    let v = ec2.read(|tx| load_volume(tx, vid))?;
    if !matches!(v.state, VolumeState::Available | VolumeState::InUse) {
        return Err(Ec2Error::Client("IncorrectState", format!("The volume '{vid}' is not available for snapshots.")));
    }
    let rec = SnapshotRec {
        snapshot_id: ids::new("snap"),
        volume_id: vid.into(),
        volume_size: v.size_gib,
        state: SnapshotState::Pending,
        progress: 0,
        state_message: None,
        start_time: ec2.now(),
        completion_time: None,
        description: str_of(input, "Description").unwrap_or_default().into(),
        owner_id: ec2.config.account.clone(),
        tags: tag_specs(input, "snapshot")?,
        new_stored_bytes: 0,
        full_size_bytes: 0,
    };
    ec2.write(|tx| Ok(tx.put(kind::SNAPSHOT, &rec.snapshot_id, &rec)?))?;
    let (ec2c, sid, path) = (ec2.clone(), rec.snapshot_id.clone(), storage::volume_path(ec2, vid));
    // As on EBS, writes the instance makes while the snapshot is pending may or may not be in it.
    std::thread::spawn(move || {
        let mut last = 0u8;
        let mut progress = |done: u64, total: u64| {
            let pct = (done * 100).checked_div(total).unwrap_or(100) as u8;
            if pct >= last.saturating_add(10) && pct < 100 {
                last = pct;
                let _ = ec2c.write(|tx| {
                    if let Some(mut s) = tx.get::<SnapshotRec>(kind::SNAPSHOT, &sid)? {
                        s.progress = pct;
                        tx.put(kind::SNAPSHOT, &sid, &s)?;
                    }
                    Ok(())
                });
            }
        };
        let result = ec2c.blocks.create_snapshot(&sid, &path, &mut progress);
        let now = ec2c.now();
        let _ = ec2c.write(|tx| {
            let Some(mut s) = tx.get::<SnapshotRec>(kind::SNAPSHOT, &sid)? else { return Ok(()) };
            match &result {
                Ok(stats) => {
                    s.state = SnapshotState::Completed;
                    s.progress = 100;
                    s.completion_time = Some(now);
                    s.new_stored_bytes = stats.new_stored_bytes;
                    s.full_size_bytes = stats.logical_bytes;
                }
                Err(e) => {
                    s.state = SnapshotState::Error;
                    s.state_message = Some(format!("Snapshot creation failed: {e}"));
                }
            }
            tx.put(kind::SNAPSHOT, &sid, &s)?;
            Ok(())
        });
    });
    Ok(rec.render())
}

pub fn copy_snapshot(ec2: &Ec2, input: &Value) -> Result<Value> {
    let src = str_of(input, "SourceSnapshotId").unwrap_or_default();
    let s = ec2.read(|tx| load_snapshot(tx, src))?;
    if s.state != SnapshotState::Completed {
        return Err(Ec2Error::Client("IncorrectState", format!("Snapshot '{src}' is not completed.")));
    }
    let mut copy = s.clone();
    copy.snapshot_id = ids::new("snap");
    copy.start_time = ec2.now();
    copy.completion_time = Some(copy.start_time);
    copy.new_stored_bytes = 0;
    copy.description = str_of(input, "Description")
        .map(String::from)
        .unwrap_or_else(|| format!("[Copied {src} from {}]", ec2.config.region));
    copy.tags = tag_specs(input, "snapshot")?;
    ec2.blocks.copy_snapshot(src, &copy.snapshot_id).map_err(io)?;
    ec2.write(|tx| Ok(tx.put(kind::SNAPSHOT, &copy.snapshot_id, &copy)?))?;
    Ok(json!({"SnapshotId": copy.snapshot_id}))
}

const SNAPSHOT_FILTERS: &[(&str, &str)] = &[
    ("snapshot-id", "SnapshotId"),
    ("volume-id", "VolumeId"),
    ("status", "State"),
    ("progress", "Progress"),
    ("owner-id", "OwnerId"),
    ("description", "Description"),
    ("volume-size", "VolumeSize"),
    ("encrypted", "Encrypted"),
];

pub fn describe_snapshots(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "SnapshotIds");
    let owners = strings(input, "OwnerIds");
    let filters = filter::from_input(input);
    let snaps = ec2.read(|tx| {
        for id in &wanted {
            load_snapshot(tx, id)?;
        }
        Ok(tx.list::<SnapshotRec>(kind::SNAPSHOT, "")?)
    })?;
    let mut out = Vec::new();
    for (id, s) in snaps {
        if !wanted.is_empty() && !wanted.contains(&id) || !super::owned_by(ec2, &owners, &s.owner_id, None) {
            continue;
        }
        let r = s.render();
        if filter::matches(&r, &filters, SNAPSHOT_FILTERS)? {
            out.push(r);
        }
    }
    super::page(out, input, "Snapshots")
}

pub fn delete_snapshot(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "SnapshotId").unwrap_or_default();
    ec2.write(|tx| {
        let s = load_snapshot(tx, id)?;
        if s.state == SnapshotState::Pending {
            return Err(Ec2Error::Client("IncorrectState", format!("Snapshot '{id}' is still pending.")));
        }
        let images = tx.list::<crate::records::ImageRec>(crate::records::kind::IMAGE, "")?;
        if let Some((ami, _)) = images.iter().find(|(_, i)| {
            i.state != crate::records::ImageState::Deregistered && i.root_snapshot_id.as_deref() == Some(id)
        }) {
            return Err(Ec2Error::Client(
                "InvalidSnapshot.InUse",
                format!("The snapshot {id} is currently in use by {ami}"),
            ));
        }
        tx.delete(kind::SNAPSHOT, id)?;
        let ended = storage::EndedSnapshot {
            stored_bytes: s.new_stored_bytes,
            start_time: s.start_time,
            deleted: ec2.now(),
            tags: s.tags.clone(),
        };
        tx.put(kind::SNAPSHOT_ENDED, id, &ended)?;
        Ok(())
    })?;
    if let Err(e) = ec2.blocks.delete_snapshot(id) {
        tracing::warn!(snapshot = id, error = %e, "removing the snapshot's data failed");
    }
    crate::rootvol::forget_root(ec2, id);
    Ok(json!({}))
}

/// After a restart: work that was under way when the region stopped is reported truthfully.
pub(crate) fn recover(ec2: &Ec2) -> Result<()> {
    ec2.write(|tx| {
        for (id, mut s) in tx.list::<SnapshotRec>(kind::SNAPSHOT, "")? {
            if s.state == SnapshotState::Pending {
                let done = ec2.blocks.snapshot_stats(&id).ok();
                match done {
                    Some(stats) => {
                        s.state = SnapshotState::Completed;
                        s.progress = 100;
                        s.new_stored_bytes = stats.new_stored_bytes;
                        s.full_size_bytes = stats.logical_bytes;
                    }
                    None => {
                        s.state = SnapshotState::Error;
                        s.state_message = Some("The region stopped while this snapshot was being taken.".into());
                    }
                }
                tx.put(kind::SNAPSHOT, &id, &s)?;
            }
        }
        for (id, mut v) in tx.list::<VolumeRec>(kind::VOLUME, "")? {
            if v.state == VolumeState::Creating {
                v.state = VolumeState::Error;
                tx.put(kind::VOLUME, &id, &v)?;
            }
        }
        Ok(())
    })
}

/// CreateSnapshots: a snapshot of every data volume attached to an instance (and of its root
/// volume, unless excluded), answered as `SnapshotInfo` entries.
pub fn create_snapshots(ec2: &Arc<Ec2>, input: &Value) -> Result<Value> {
    let spec = input.get("InstanceSpecification").cloned().unwrap_or_default();
    let iid = str_of(&spec, "InstanceId").unwrap_or_default();
    let inst = ec2.read(|tx| super::instances::load(tx, iid))?;
    let excluded = strings(&spec, "ExcludeDataVolumeIds");
    let description = str_of(input, "Description").unwrap_or_default().to_string();
    let mut out = Vec::new();
    if spec.get("ExcludeBootVolume").and_then(Value::as_bool) != Some(true) {
        let sid = crate::rootvol::snapshot_root(
            ec2,
            &super::instances::root_dir(ec2, iid),
            &format!("vol-{}", &iid[2..]),
            description.clone(),
        )?;
        out.push(ec2.read(|tx| load_snapshot(tx, &sid))?.render());
    }
    let attached: Vec<VolumeRec> = ec2
        .read(|tx| Ok(tx.list::<VolumeRec>(kind::VOLUME, "")?))?
        .into_iter()
        .map(|(_, v)| v)
        .filter(|v| v.attachment.as_ref().is_some_and(|a| a.instance_id == iid) && !excluded.contains(&v.volume_id))
        .collect();
    for v in attached {
        let one = json!({"VolumeId": v.volume_id, "Description": description, "TagSpecifications": input.get("TagSpecifications").cloned().unwrap_or(json!([]))});
        out.push(create_snapshot(ec2, &one)?);
    }
    let infos: Vec<Value> = out
        .into_iter()
        .map(|mut s| {
            s["AvailabilityZone"] = json!(inst.availability_zone);
            s
        })
        .collect();
    Ok(json!({"Snapshots": infos}))
}
