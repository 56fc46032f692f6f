//! EBS on the process driver. A data volume is a sparse raw file under `<ec2 dir>/volumes/`;
//! attached to an instance, it appears inside the instance's root as `dev/<device basename>`
//! (e.g. `dev/sdf`), a link to that file the instance reads and writes. Snapshots are real,
//! incremental, deduplicated backups in the block store under `<ec2 dir>/snapshots/`
//! (content-defined chunks, compressed, checksummed); a restore is verified chunk by chunk.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::records::{tags_json, Tag};
use crate::Ec2;

pub mod kind {
    pub const VOLUME: &str = "ec2.volume";
    pub const SNAPSHOT: &str = "ec2.snapshot";
    /// A deleted snapshot's billed life (`EndedSnapshot`), for Cost Explorer.
    pub const SNAPSHOT_ENDED: &str = "ec2.snapshot_ended";
}

/// What a deleted snapshot was stored for: the bytes its increment added, from its start to
/// its deletion.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EndedSnapshot {
    pub stored_bytes: u64,
    pub start_time: f64,
    pub deleted: f64,
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum VolumeState {
    Creating,
    Available,
    InUse,
    Deleting,
    Deleted,
    Error,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attachment {
    pub instance_id: String,
    pub device: String,
    pub attach_time: f64,
    pub delete_on_termination: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VolumeRec {
    pub volume_id: String,
    pub size_gib: i64,
    pub availability_zone: String,
    pub state: VolumeState,
    pub volume_type: String,
    pub snapshot_id: Option<String>,
    pub create_time: f64,
    pub attachment: Option<Attachment>,
    pub tags: Vec<Tag>,
    /// When it was deleted (its storage is billed until then; `Ec2::volume_history`).
    #[serde(default)]
    pub deleted_at: Option<f64>,
}

impl VolumeRec {
    pub fn render(&self, region: &str) -> Value {
        let attachments: Vec<Value> = self
            .attachment
            .iter()
            .map(|a| {
                json!({"VolumeId": self.volume_id, "InstanceId": a.instance_id, "Device": a.device,
                       "State": "attached", "AttachTime": a.attach_time, "DeleteOnTermination": a.delete_on_termination})
            })
            .collect();
        let iops = if self.volume_type == "gp3" { 3000 } else { (self.size_gib * 3).clamp(100, 16000) };
        json!({
            "VolumeId": self.volume_id, "Size": self.size_gib, "AvailabilityZone": self.availability_zone,
            "AvailabilityZoneId": crate::zone_id(region, &self.availability_zone),
            "State": self.state, "VolumeType": self.volume_type, "SnapshotId": self.snapshot_id.clone().unwrap_or_default(),
            "CreateTime": self.create_time, "Attachments": attachments, "Encrypted": false, "Iops": iops,
            "MultiAttachEnabled": false, "Tags": tags_json(&self.tags),
        })
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SnapshotState {
    Pending,
    Completed,
    Error,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SnapshotRec {
    pub snapshot_id: String,
    pub volume_id: String,
    pub volume_size: i64,
    pub state: SnapshotState,
    pub progress: u8,
    pub state_message: Option<String>,
    pub start_time: f64,
    pub completion_time: Option<f64>,
    pub description: String,
    pub owner_id: String,
    pub tags: Vec<Tag>,
    /// Compressed bytes this snapshot added to the store (what the increment cost).
    pub new_stored_bytes: u64,
    pub full_size_bytes: u64,
}

impl SnapshotRec {
    pub fn render(&self) -> Value {
        let mut v = json!({
            "SnapshotId": self.snapshot_id, "VolumeId": self.volume_id, "VolumeSize": self.volume_size,
            "State": self.state, "Progress": format!("{}%", self.progress), "StartTime": self.start_time,
            "Description": self.description, "OwnerId": self.owner_id, "Encrypted": false,
            "StorageTier": "standard", "FullSnapshotSizeInBytes": self.full_size_bytes, "Tags": tags_json(&self.tags),
        });
        if let Some(m) = &self.state_message {
            v["StateMessage"] = json!(m);
        }
        if let Some(t) = self.completion_time {
            v["CompletionTime"] = json!(t);
        }
        v
    }
}

pub fn volume_path(ec2: &Ec2, volume_id: &str) -> PathBuf {
    ec2.config.dir.join("volumes").join(format!("{volume_id}.img"))
}

/// Where an attached volume appears inside the instance's root.
pub fn device_path_in_root(root: &std::path::Path, device: &str) -> PathBuf {
    let base = device.rsplit('/').next().unwrap_or(device);
    root.join("dev").join(base)
}
