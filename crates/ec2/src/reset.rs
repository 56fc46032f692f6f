//! Emulator mode's reset: every instance's processes killed and its root removed, every EC2
//! record and snapshot's data deleted, and the region's defaults (the default VPC, its subnets and network ACL)
//! made again, as at a first start.

use std::time::Duration;

use crate::error::Result;
use crate::ops::instances::instance_dir;
use crate::records::{kind, InstanceRec, VpcRec};
use crate::storage::{self, SnapshotRec};
use crate::Ec2;

impl Ec2 {
    /// Empty EC2. The controller acts on no instance meanwhile (it waits at `reset_gate`), so
    /// no boot under way starts a process or saves a record after it.
    pub fn reset(&self) -> Result<()> {
        let _quiet = self.reset_gate.write().unwrap_or_else(|e| e.into_inner());
        let instances: Vec<(String, InstanceRec)> = self.read(|tx| Ok(tx.list(kind::INSTANCE, "")?))?;
        for (_, inst) in &instances {
            self.imds.stop(&inst.instance_id);
            if let Some(h) = inst.handle {
                // No grace: SIGTERM and at once SIGKILL to the instance's process group,
                // returning once it is gone.
                self.driver.stop(&inst.instance_id, h, Duration::ZERO);
            }
            if let Some(fabric) = &self.config.network {
                fabric.detach(&inst.instance_id);
            }
            let _ = std::fs::remove_dir_all(instance_dir(self, &inst.instance_id));
        }
        let _ = std::fs::remove_dir_all(self.config.dir.join("volumes"));
        let vpcs: Vec<(String, VpcRec)> = self.read(|tx| Ok(tx.list(kind::VPC, "")?))?;
        let (snapshots, (public, public_roots)) = self.read(|tx| {
            let all: Vec<(String, SnapshotRec)> = tx.list(storage::kind::SNAPSHOT, "")?;
            Ok((all, crate::public_images::records(tx)?))
        })?;
        // Everything goes but the public images' catalogue, which stays as it was.
        self.write(|tx| {
            tx.delete_kinds("ec2.")?;
            for (id, image) in &public {
                tx.put(kind::IMAGE, id, image)?;
            }
            for (id, snapshot) in &public_roots {
                tx.put(storage::kind::SNAPSHOT, id, snapshot)?;
            }
            Ok(())
        })?;
        // Snapshots' data (images' roots among them) and the roots restored from them.
        for (snapshot_id, _) in snapshots.iter().filter(|(id, _)| !public_roots.iter().any(|(kept, _)| kept == id)) {
            if let Err(e) = self.blocks.delete_snapshot(snapshot_id) {
                tracing::warn!(snapshot = %snapshot_id, error = %e, "reset: the snapshot's data stays");
            }
            crate::rootvol::forget_root(self, snapshot_id);
        }
        // Isolated networks: the services' relays into VPCs end, and each VPC's router
        // namespace goes (its uplink with it).
        self.relays.retain("", &Default::default());
        if let Some(fabric) = &self.config.network {
            for (vpc_id, _) in &vpcs {
                fabric.remove_vpc(vpc_id);
            }
        }
        crate::ops::vpcs::ensure_default_vpc(self)?;
        crate::ops::network_acls::ensure_all(self)?;
        crate::ops::dhcp::ensure_all(self)?;
        crate::public_images::ensure(self)?;
        tracing::info!(instances = instances.len(), "ec2: reset");
        Ok(())
    }
}
