//! RDS: DB instances that are real database servers. Engine `mysql` is served by the
//! MySQL-compatible server Debian ships (MariaDB 10.11): each DB instance is its own `mariadbd`
//! with its own datadir under the region's data dir, listening on an address of its own in
//! 127.254.0.0/16 (the Endpoint), with the master user and database created as asked. A read
//! replica is seeded from a consistent physical copy of its source (`mariabackup`) and follows it
//! by MariaDB's own GTID replication, `read_only`; PromoteReadReplica makes it a primary.
//! Engine `postgres` is served the same way by PostgreSQL 15 (`pg.rs`: `initdb`, `postgres`,
//! `pg_basebackup`, streaming replication to hot standbys, WAL archiving for point-in-time
//! restores, a synchronous standby for Multi-AZ; its parameters in `pg_params.rs`), chosen by
//! `server::Engine`.
//!
//! The API (`ops/`) records what is wanted and the first transition; the controller
//! (`controller.rs`) does the work, persisting each transition, restarts a server that died, and
//! re-adopts the running ones after a restart of the daemon.

mod controller;
pub mod error;
mod events;
mod metrics;
pub(crate) mod ops;
mod parameters;
mod pg;
mod pg_params;
pub mod records;
mod server;
mod snapshots;
mod vpc;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;
use store::Store;
use wire::{ApiError, Authorization, BoxFuture, CallContext, Service};

pub use controller::Controller;
pub use metrics::RdsMetric;

pub use wire::Clock;

/// What RDS needs of EC2's networks (wired by the binary).
pub trait SubnetDirectory: Send + Sync {
    /// (VPC id, availability zone) of a subnet, None if there is no such subnet.
    fn subnet(&self, subnet_id: &str) -> Option<(String, String)>;

    /// Isolated networks: the DB instance `owner` (its ARN) reached inside `vpc_id` on `port`
    /// at an address of its own there (in the first of `subnets` that is in the VPC), behind
    /// `groups` (none: the VPC's default group), leading to `serve`, where its server listens
    /// on the host. None on loopback networks, where the host address is the endpoint.
    fn vpc_endpoint(
        &self,
        _owner: &str,
        _vpc_id: &str,
        _subnets: &[String],
        _groups: &[String],
        _port: u16,
        _serve: std::net::SocketAddr,
    ) -> Option<std::net::Ipv4Addr> {
        None
    }

    /// Give back the VPC endpoints of DB instances not in `keep` (ARNs).
    fn retain_vpc_endpoints(&self, _keep: &std::collections::HashSet<String>) {}
}

/// Secrets Manager, for master passwords RDS manages (ManageMasterUserPassword), wired by the
/// binary (the region's own Secrets Manager, called as RDS's service-linked role).
pub trait SecretStore: Send + Sync {
    /// Create a secret holding `{"username", "password"}`; its ARN.
    fn create_master_secret(&self, name: &str, username: &str, password: &str) -> Result<String, String>;
    /// Delete it at once (the DB instance is gone).
    fn delete_secret(&self, arn: &str) -> Result<(), String>;
}

pub struct RdsConfig {
    pub region: String,
    pub account: String,
    /// `<data-dir>/rds`
    pub dir: PathBuf,
}

pub struct Rds {
    pub(crate) store: Arc<Store>,
    pub(crate) config: RdsConfig,
    pub(crate) clock: Clock,
    pub(crate) subnets: Arc<dyn SubnetDirectory>,
    pub(crate) secrets: Option<Arc<dyn SecretStore>>,
    pub(crate) wake: tokio::sync::Notify,
    pub(crate) counters: metrics::Counters,
    /// DB snapshots' data (archived datadirs), deduplicated and verified.
    pub(crate) blocks: blockstore::BlockStore,
    /// Held (shared) by each of the controller's jobs, and (alone) by the emulator's reset.
    pub(crate) reset_gate: std::sync::RwLock<()>,
}

impl Rds {
    pub fn open(
        store: Arc<Store>,
        config: RdsConfig,
        clock: Clock,
        subnets: Arc<dyn SubnetDirectory>,
        secrets: Option<Arc<dyn SecretStore>>,
    ) -> Result<Arc<Rds>, String> {
        std::fs::create_dir_all(&config.dir).map_err(|e| format!("creating {}: {e}", config.dir.display()))?;
        let blocks = blockstore::BlockStore::open(&config.dir.join("blocks"))
            .map_err(|e| format!("opening the DB snapshot store: {e}"))?;
        Ok(Arc::new(Rds {
            store,
            config,
            clock,
            subnets,
            secrets,
            wake: tokio::sync::Notify::new(),
            counters: metrics::Counters::default(),
            blocks,
            reset_gate: Default::default(),
        }))
    }

    pub fn now(&self) -> f64 {
        (self.clock)()
    }

    /// Emulator mode's reset: every DB instance's server stopped, its files and every RDS
    /// record (snapshots, subnet and parameter groups, events) deleted.
    pub fn reset(&self) -> Result<(), String> {
        controller::reset(self)
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.config.dir
    }

    pub(crate) fn arn(&self, kind: &str, id: &str) -> String {
        format!("arn:aws:rds:{}:{}:{kind}:{id}", self.config.region, self.config.account)
    }

    /// The AWS/RDS datapoints measured since the last call (each handed out once).
    pub fn take_metrics(&self) -> Vec<RdsMetric> {
        self.counters.take()
    }

    /// Start the controller (a tokio task).
    pub fn spawn_controller(self: &Arc<Self>) -> Controller {
        Controller::spawn(self.clone())
    }
}

pub struct RdsService {
    rds: Arc<Rds>,
}

impl RdsService {
    pub fn new(rds: Arc<Rds>) -> RdsService {
        RdsService { rds }
    }

    /// The DB instances deleted so far, with how long each existed.
    pub fn ended_db_instances(&self) -> Vec<records::EndedDbInstance> {
        self.rds
            .store
            .read(|tx| tx.list::<records::EndedDbInstance>(records::kind::ENDED, ""))
            .map(|l| l.into_iter().map(|(_, e)| e).collect())
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "reading the deleted DB instances");
                vec![]
            })
    }
}

impl Service for RdsService {
    fn model_name(&self) -> &'static str {
        "rds"
    }

    fn iam_prefix(&self) -> &'static str {
        "rds"
    }

    fn authorization(&self, op: &str, input: &Value, _cx: &CallContext) -> Result<Authorization, ApiError> {
        Ok(Authorization::Resources(ops::resources(&self.rds, op, input)))
    }

    fn call<'a>(&'a self, _cx: &'a CallContext, op: &'a str, input: Value) -> BoxFuture<'a, Result<Value, ApiError>> {
        Box::pin(async move {
            let out = tokio::task::block_in_place(|| ops::dispatch(&self.rds, op, &input));
            self.rds.wake.notify_one();
            out
        })
    }

    fn reset(&self) -> BoxFuture<'_, std::result::Result<(), String>> {
        Box::pin(async move { tokio::task::block_in_place(|| self.rds.reset()) })
    }
}
