//! EC2 that really runs: images that are real files, instances that are supervised workloads
//! on a driver (the process driver by default), a default VPC and subnets with real address
//! allocation, and the controller that carries instances through EC2's lifecycle.

mod authz;
mod controller;
mod dns;
mod endpoints;
pub mod error;
mod filter;
mod ids;
mod imds;
mod netsync;
mod network;
mod ops;
pub mod public_images;
pub mod records;
mod reset;
mod rootvol;
mod roster;
mod storage;

use std::path::PathBuf;
use std::sync::Arc;

use compute::Driver;
use serde_json::Value;
use store::Store;
use wire::{ApiError, Authorization, BoxFuture, CallContext, Output, Service};

pub use controller::Controller;
pub use imds::{ApiDoor, CredentialSource};
pub use ops::launch_templates::resolve_launch_template;
pub use ops::security_groups::allows;

use crate::error::Result;

pub use wire::Clock;

/// Where an instance is reached, as `Ec2::instance_address` reports it.
#[derive(Debug, Clone)]
pub struct InstanceAddress {
    pub loopback: std::net::Ipv4Addr,
    pub private: std::net::Ipv4Addr,
    pub availability_zone: String,
    pub vpc_id: String,
    pub running: bool,
}

pub struct Ec2Config {
    pub region: String,
    pub account: String,
    /// `<data-dir>/ec2`: images, instance roots, console logs.
    pub dir: PathBuf,
    /// The port each instance's metadata service listens on, at the instance's own address.
    pub imds_port: u16,
    /// Isolated networks: each VPC a namespace, each instance in one of its own at its VPC
    /// address, security groups enforced (`vnet`). `None`: loopback addresses.
    pub network: Option<Arc<vnet::Fabric>>,
    /// Emulator mode: the catalogue of well-known public images (`public_images.rs`), which
    /// launch `<dir>/bin/stand-in`.
    pub public_images: bool,
    /// The other regions the same endpoint serves (`--regions`), for DescribeRegions.
    pub other_regions: Vec<String>,
    /// On-demand USD per hour by instance type (the operator's price list): Spot prices here.
    pub instance_prices: std::collections::BTreeMap<String, f64>,
}

/// EC2's shared state: the store, the driver, the settings.
pub struct Ec2 {
    pub(crate) store: Arc<Store>,
    pub(crate) driver: Arc<dyn Driver>,
    pub(crate) config: Ec2Config,
    pub(crate) clock: Clock,
    /// Wakes the controller when the API changes something.
    pub(crate) wake: tokio::sync::Notify,
    pub(crate) imds: imds::Registry,
    /// Snapshots: `<ec2 dir>/snapshots`.
    pub(crate) blocks: blockstore::BlockStore,
    /// Every instance, decoded and rendered once per change (invalidated by `write`).
    pub(crate) roster: roster::Roster,
    /// Image roots restored once per root snapshot, copied for each instance.
    pub(crate) root_cache: rootvol::RootCache,
    /// Isolated networks: keeps the routers' security-group tables up to date.
    pub(crate) netsync: netsync::NetSync,
    /// Isolated networks: services' endpoints in VPCs (relays to the host).
    pub(crate) relays: endpoints::Relays,
    /// Held (shared) by each of the controller's jobs on an instance, and (alone) by the
    /// emulator's reset.
    pub(crate) reset_gate: std::sync::RwLock<()>,
}

/// The availability zones of a region: `<region>a` … `<region>d`.
pub fn zones(region: &str) -> Vec<String> {
    ["a", "b", "c", "d"].iter().map(|z| format!("{region}{z}")).collect()
}

/// AWS's zone ids (`apne2-az1`…), from the region's initials.
pub fn zone_id(region: &str, zone: &str) -> String {
    let mut short = String::new();
    for (i, part) in region.split('-').enumerate() {
        let piece = match (i, part) {
            (0, p) => p,
            (_, "northeast") => "ne",
            (_, "southeast") => "se",
            (_, "northwest") => "nw",
            (_, "southwest") => "sw",
            (_, p) => &p[..1.min(p.len())],
        };
        short.push_str(piece);
    }
    let idx = zone.chars().last().map(|c| (c as u8).saturating_sub(b'a') + 1).unwrap_or(1);
    format!("{short}-az{idx}")
}

impl Ec2 {
    pub fn open(
        store: Arc<Store>,
        driver: Arc<dyn Driver>,
        config: Ec2Config,
        clock: Clock,
        creds: Arc<dyn CredentialSource>,
    ) -> Result<Arc<Ec2>> {
        std::fs::create_dir_all(config.dir.join("images")).map_err(|e| error::Ec2Error::Internal(e.to_string()))?;
        std::fs::create_dir_all(config.dir.join("instances")).map_err(|e| error::Ec2Error::Internal(e.to_string()))?;
        let blocks = blockstore::BlockStore::open(&config.dir.join("snapshots"))
            .map_err(|e| error::Ec2Error::Internal(format!("opening the snapshot store: {e}")))?;
        let ec2 = Arc::new(Ec2 {
            store,
            driver,
            config,
            clock,
            wake: tokio::sync::Notify::new(),
            imds: imds::Registry::new(creds),
            blocks,
            roster: roster::Roster::new(),
            root_cache: rootvol::RootCache::new(),
            netsync: netsync::NetSync::new(),
            relays: Default::default(),
            reset_gate: Default::default(),
        });
        if let Some(fabric) = &ec2.config.network {
            ec2.netsync.start(Arc::downgrade(&ec2), fabric.clone());
        }
        ops::vpcs::ensure_default_vpc(&ec2)?;
        ops::network_acls::ensure_all(&ec2)?;
        ops::dhcp::ensure_all(&ec2)?;
        ops::interfaces::ensure_all(&ec2)?;
        ops::volumes::recover(&ec2)?;
        public_images::ensure(&ec2)?;
        Ok(ec2)
    }

    pub fn now(&self) -> f64 {
        (self.clock)().floor()
    }

    /// Every EC2 write goes through here: once it has committed (or rolled back), the
    /// roster's view is out of date.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&store::Tx) -> Result<T>) -> Result<T> {
        let out = self.store.write(f);
        self.roster.invalidate();
        self.netsync.poke();
        out
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&store::Tx) -> Result<T>) -> Result<T> {
        self.store.read(f)
    }

    /// Wire the region's API endpoint for instances on isolated networks (see `ApiDoor`).
    pub fn set_api_door(&self, door: Arc<dyn ApiDoor>) {
        self.imds.set_door(door);
    }

    /// Where an instance is reached, for other services (the load balancer's targets):
    /// (loopback address, private address, zone, VPC, whether it is running).
    pub fn instance_address(&self, instance_id: &str) -> Option<InstanceAddress> {
        let rec: Option<records::InstanceRec> =
            self.store.read(|tx| tx.get::<records::InstanceRec>(records::kind::INSTANCE, instance_id)).ok()?;
        let rec = rec?;
        Some(InstanceAddress {
            loopback: rec.loopback_ip.parse().ok()?,
            private: rec.private_ip.parse().ok()?,
            availability_zone: rec.availability_zone,
            vpc_id: rec.vpc_id,
            running: rec.state == records::InstanceState::Running,
        })
    }

    /// A subnet's (VPC, zone), for other services placing resources in subnets.
    pub fn subnet_placement(&self, subnet_id: &str) -> Option<(String, String)> {
        let rec: Option<records::SubnetRec> =
            self.store.read(|tx| tx.get::<records::SubnetRec>(records::kind::SUBNET, subnet_id)).ok()?;
        rec.map(|s| (s.vpc_id, s.availability_zone))
    }

    /// A security group's IPv4 ingress rules by CIDR: (protocol, from port, to port, CIDR);
    /// `None` when there is no such group. (Rules naming another group need networks that
    /// isolate to be checked, and are left out.)
    pub fn ingress_cidrs(&self, group_id: &str) -> Option<Vec<IngressCidr>> {
        let rec: Option<records::SecurityGroupRec> =
            self.store.read(|tx| tx.get::<records::SecurityGroupRec>(records::kind::SECURITY_GROUP, group_id)).ok()?;
        Some(
            rec?.rules
                .into_iter()
                .filter(|r| !r.egress)
                .filter_map(|r| match r.peer {
                    records::RulePeer::Cidr(cidr) => {
                        Some(IngressCidr { protocol: r.protocol, from_port: r.from_port, to_port: r.to_port, cidr })
                    }
                    _ => None,
                })
                .collect(),
        )
    }

    /// Every running instance's CPU time so far, for the region's own CloudWatch metrics:
    /// (instance id, CPU seconds, vCPUs, its `aws:autoscaling:groupName` tag).
    pub fn running_cpu(&self) -> Vec<(String, f64, f64, Option<String>)> {
        let Ok(view) = self.roster.view(self) else { return vec![] };
        let running: Vec<&records::InstanceRec> = view
            .entries
            .iter()
            .map(|e| &e.rec)
            .filter(|i| i.state == records::InstanceState::Running && i.handle.is_some())
            .collect();
        // One pass for all instances: sampling each on its own costs a /proc scan apiece.
        let handles: Vec<(&str, compute::Handle)> =
            running.iter().filter_map(|i| Some((i.instance_id.as_str(), i.handle?))).collect();
        let cpu = self.driver.cpu_seconds_many(&handles);
        running
            .iter()
            .zip(cpu)
            .filter_map(|(i, cpu)| {
                let vcpus = ops::instances::limits(&i.instance_type).map_or(1.0, |l| l.vcpus);
                let group = i.tags.iter().find(|t| t.key == "aws:autoscaling:groupName").map(|t| t.value.clone());
                Some((i.instance_id.clone(), cpu?, vcpus, group))
            })
            .collect()
    }

    /// Every instance ever launched here (terminated ones too) with the periods it ran, for
    /// Cost Explorer.
    pub fn run_history(&self) -> Vec<InstanceRuns> {
        let Ok(view) = self.roster.view(self) else { return vec![] };
        view.entries
            .iter()
            .map(|e| InstanceRuns {
                instance_id: e.rec.instance_id.clone(),
                instance_type: e.rec.instance_type.clone(),
                availability_zone: e.rec.availability_zone.clone(),
                tags: e.rec.tags.iter().map(|t| (t.key.clone(), t.value.clone())).collect(),
                periods: e.rec.runs(),
            })
            .collect()
    }

    /// Every EBS volume made here with the period it existed (deleted ones too, from their
    /// deletion time; ones deleted before that was kept are left out), for Cost Explorer.
    pub fn volume_history(&self) -> Vec<VolumeLife> {
        let volumes = self.read(|tx| Ok(tx.list::<storage::VolumeRec>(storage::kind::VOLUME, "")?));
        let volumes = match volumes {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(error = %e, "listing volumes for their history");
                return vec![];
            }
        };
        volumes
            .into_iter()
            .filter(|(_, v)| v.state != storage::VolumeState::Deleted || v.deleted_at.is_some())
            .map(|(_, v)| VolumeLife {
                volume_id: v.volume_id,
                volume_type: v.volume_type,
                size_gib: v.size_gib,
                availability_zone: v.availability_zone,
                tags: v.tags.into_iter().map(|t| (t.key, t.value)).collect(),
                created: v.create_time,
                deleted: v.deleted_at,
            })
            .collect()
    }

    /// Every completed EBS snapshot with the bytes its increment stored and when (deleted ones
    /// too, until their deletion), for Cost Explorer: EBS bills a snapshot's increment.
    pub fn snapshot_history(&self) -> Vec<SnapshotLife> {
        let read = self.read(|tx| {
            let live: Vec<(String, storage::SnapshotRec)> = tx.list(storage::kind::SNAPSHOT, "")?;
            let ended: Vec<(String, storage::EndedSnapshot)> = tx.list(storage::kind::SNAPSHOT_ENDED, "")?;
            Ok((live, ended))
        });
        let (live, ended) = match read {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(error = %e, "listing snapshots for their history");
                return vec![];
            }
        };
        let mut out: Vec<SnapshotLife> = live
            .into_iter()
            .filter(|(_, s)| s.state == storage::SnapshotState::Completed)
            .map(|(id, s)| SnapshotLife {
                snapshot_id: id,
                stored_bytes: s.new_stored_bytes,
                tags: s.tags.into_iter().map(|t| (t.key, t.value)).collect(),
                created: s.start_time,
                deleted: None,
            })
            .collect();
        out.extend(ended.into_iter().map(|(id, s)| SnapshotLife {
            snapshot_id: id,
            stored_bytes: s.stored_bytes,
            tags: s.tags.into_iter().map(|t| (t.key, t.value)).collect(),
            created: s.start_time,
            deleted: Some(s.deleted),
        }));
        out
    }

    pub(crate) fn arn(&self, resource: &str) -> String {
        format!("arn:aws:ec2:{}:{}:{resource}", self.config.region, self.config.account)
    }
}

/// One EBS snapshot: the bytes its increment stored, and when it existed.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotLife {
    pub snapshot_id: String,
    pub stored_bytes: u64,
    pub tags: Vec<(String, String)>,
    pub created: f64,
    pub deleted: Option<f64>,
}

/// One EBS volume and when it existed (`deleted`: `None` while it does).
#[derive(Debug, Clone, PartialEq)]
pub struct VolumeLife {
    pub volume_id: String,
    pub volume_type: String,
    pub size_gib: i64,
    pub availability_zone: String,
    pub tags: Vec<(String, String)>,
    pub created: f64,
    pub deleted: Option<f64>,
}

/// One instance and the periods it ran ([start, end) epoch seconds; `None`: running now).
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceRuns {
    pub instance_id: String,
    pub instance_type: String,
    pub availability_zone: String,
    pub tags: Vec<(String, String)>,
    pub periods: Vec<(f64, Option<f64>)>,
}

/// One IPv4 ingress rule of a security group, by CIDR.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IngressCidr {
    /// `tcp`, `udp`, `-1` (all) …
    pub protocol: String,
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
    pub cidr: String,
}

pub struct Ec2Service {
    ec2: Arc<Ec2>,
}

impl Ec2Service {
    pub fn new(ec2: Arc<Ec2>) -> Ec2Service {
        Ec2Service { ec2 }
    }
}

impl Service for Ec2Service {
    fn model_name(&self) -> &'static str {
        "ec2"
    }

    fn iam_prefix(&self) -> &'static str {
        "ec2"
    }

    fn authorization(
        &self,
        op: &str,
        input: &Value,
        _cx: &CallContext,
    ) -> std::result::Result<Authorization, ApiError> {
        Ok(Authorization::Checks(authz::checks(&self.ec2, op, input)?))
    }

    fn call<'a>(
        &'a self,
        cx: &'a CallContext,
        op: &'a str,
        input: Value,
    ) -> BoxFuture<'a, std::result::Result<Value, ApiError>> {
        Box::pin(async move {
            if input.get("DryRun").and_then(Value::as_bool) == Some(true) {
                // Authorisation has already passed: AWS's answer for an allowed dry run.
                return Err(error::Ec2Error::DryRunOperation.into());
            }
            let out = tokio::task::block_in_place(|| ops::dispatch(&self.ec2, cx, op, &input));
            // Only a change can give the controller work.
            if !(op.starts_with("Describe") || op.starts_with("Get")) {
                self.ec2.wake.notify_one();
            }
            out
        })
    }

    fn call_output<'a>(
        &'a self,
        cx: &'a CallContext,
        op: &'a str,
        input: Value,
    ) -> BoxFuture<'a, std::result::Result<Output, ApiError>> {
        Box::pin(async move {
            // The largest and most frequent answer is written from the roster's kept XML.
            if op == "DescribeInstances" && input.get("DryRun").and_then(Value::as_bool) != Some(true) {
                let out = tokio::task::block_in_place(|| ops::instances::describe_instances_xml(&self.ec2, &input));
                return out.map(Output::Xml).map_err(ApiError::from);
            }
            self.call(cx, op, input).await.map(Output::Value)
        })
    }

    fn reset(&self) -> BoxFuture<'_, std::result::Result<(), String>> {
        Box::pin(async move { tokio::task::block_in_place(|| self.ec2.reset()).map_err(|e| e.to_string()) })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn zone_ids_follow_aws() {
        assert_eq!(super::zone_id("ap-northeast-2", "ap-northeast-2c"), "apne2-az3");
        assert_eq!(super::zone_id("us-east-1", "us-east-1a"), "use1-az1");
    }
}
