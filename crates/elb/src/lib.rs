//! Elastic Load Balancing v2 (application load balancers): the API over the `proxy` data
//! plane. Every change is recorded in the store (kinds `elb.*`) and then pushed into the
//! proxy's routing snapshot (`sync.rs`); at startup the records are re-applied.
//!
//! **Addresses and DNS names.** Each load balancer gets a loopback address of its own from
//! 127.255.0.0/16 (127.255.0.1 upward, kept in its record), and its listeners accept on that
//! address and their port. The load balancer's `DNSName` *is* that address (for example
//! `127.255.0.1`): a plain `curl http://$DNSName/` reaches it from this host with no resolver
//! to configure. (The range is out of the way of EC2's mapping `a.b.c.d → 127.b.c.d` unless a
//! VPC uses x.255.0.0/16.)
//!
//! Targets of type `instance` are EC2 instance ids, resolved through `InstanceDirectory`
//! (implemented by the binary over EC2); type `ip` takes VPC addresses (mapped the same way
//! as EC2's, a.b.c.d → 127.b.c.d) or loopback addresses as they are.

mod access_logs;
mod authz;
pub mod classic;
pub mod error;
mod ops;
pub mod records;
mod sync;

use std::net::Ipv4Addr;
use std::sync::Arc;

use serde_json::Value;
use store::Store;
use wire::{ApiError, Authorization, BoxFuture, CallContext, Service};

use crate::error::Result;

pub use wire::Clock;

/// An EC2 instance as a load balancer target sees it.
#[derive(Debug, Clone)]
pub struct InstanceInfo {
    /// Where the instance is served on this host.
    pub loopback: Ipv4Addr,
    pub private: Ipv4Addr,
    pub availability_zone: String,
    pub vpc_id: String,
    pub running: bool,
}

/// What ELB needs from EC2, wired by the binary.
pub trait InstanceDirectory: Send + Sync {
    fn instance(&self, instance_id: &str) -> Option<InstanceInfo>;
    /// A subnet's (VPC, zone).
    fn subnet(&self, subnet_id: &str) -> Option<(String, String)>;
    /// A security group's ingress rules by CIDR; `None` when there is no such group.
    fn ingress(&self, group_id: &str) -> Option<Vec<IngressRule>>;
    /// Isolated networks: where a load balancer (`owner`) reaches into `vpc_id` from — the VPC
    /// router's namespace and the load balancer's own address there, made in the first of
    /// `subnets` with its security `groups`. `None`: loopback networks, targets are reached
    /// from the daemon's own network at their loopback addresses.
    fn vpc_access(&self, _owner: &str, _vpc_id: &str, _subnets: &[String], _groups: &[String]) -> Option<VpcAccess> {
        None
    }
    /// Give back the VPC addresses of load balancers that are gone.
    fn retain_vpc_access(&self, _keep: &std::collections::HashSet<String>) {}
}

/// A load balancer's way into a VPC (isolated networks).
#[derive(Debug, Clone)]
pub struct VpcAccess {
    /// The VPC router's network namespace.
    pub netns: String,
    /// The load balancer's address in the VPC.
    pub source: Ipv4Addr,
}

/// One ingress rule of a security group that lets a CIDR in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IngressRule {
    /// `tcp`, `-1` (all traffic) …
    pub protocol: String,
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
    pub cidr: String,
}

/// One AWS/ApplicationELB datapoint for the last second.
#[derive(Debug, Clone)]
pub struct ElbMetric {
    /// AWS/ApplicationELB, or AWS/ELB for classic load balancers.
    pub namespace: &'static str,
    pub name: &'static str,
    pub dimensions: Vec<(String, String)>,
    pub value: f64,
    pub unit: &'static str,
}

/// Where HTTPS listeners' certificates come from (IAM server certificates, wired by the binary):
/// (certificate body, chain, private key), PEM, by ARN.
pub trait CertificateStore: Send + Sync {
    fn certificate(&self, arn: &str) -> Option<(String, Option<String>, String)>;
}

pub struct Elb {
    pub(crate) store: Arc<Store>,
    pub(crate) proxy: proxy::Proxy,
    pub(crate) directory: Arc<dyn InstanceDirectory>,
    pub(crate) certificates: Arc<dyn CertificateStore>,
    pub(crate) region: String,
    pub(crate) account: String,
    pub(crate) clock: Clock,
    /// Listeners the proxy could not serve at the last sync, and why.
    pub(crate) faults: std::sync::Mutex<Vec<(std::net::SocketAddr, String)>>,
    /// The security groups' ingress rules as last compiled into the listeners.
    pub(crate) sg_fingerprint: std::sync::Mutex<u64>,
    pub(crate) access_logs: AccessLogs,
}

/// Where application load balancers write their access logs: no S3 is served yet, so the
/// objects ALB would put in `<bucket>/<prefix>/AWSLogs/…` are files under `root` at those keys.
#[derive(Debug, Clone)]
pub struct AccessLogs {
    pub root: std::path::PathBuf,
    /// How often each load balancer writes a file (AWS: 5 minutes).
    pub interval: std::time::Duration,
}

impl Elb {
    /// Open ELB and apply its recorded configuration to the proxy (listeners start accepting).
    /// Call inside the runtime.
    pub fn open(
        store: Arc<Store>,
        directory: Arc<dyn InstanceDirectory>,
        certificates: Arc<dyn CertificateStore>,
        region: String,
        account: String,
        clock: Clock,
        access_logs: AccessLogs,
    ) -> Result<Arc<Elb>> {
        let proxy = proxy::Proxy::new();
        proxy.spawn_health_checker();
        proxy.spawn_access_log_writer();
        let faults = std::sync::Mutex::new(Vec::new());
        let sg_fingerprint = std::sync::Mutex::new(0);
        let elb = Arc::new(Elb {
            store,
            proxy,
            directory,
            certificates,
            region,
            account,
            clock,
            faults,
            sg_fingerprint,
            access_logs,
        });
        elb.sync()?;
        Ok(elb)
    }

    pub(crate) fn now(&self) -> f64 {
        (self.clock)()
    }

    /// Why the listener at `ip:port` is not served, if it is not.
    pub(crate) fn listener_fault(&self, ip: &str, port: u16) -> Option<String> {
        let faults = self.faults.lock().unwrap_or_else(|e| e.into_inner());
        faults.iter().find(|(a, _)| a.port() == port && a.ip().to_string() == ip).map(|(_, why)| why.clone())
    }

    /// Every fault of the listeners at this load balancer address.
    pub(crate) fn address_faults(&self, ip: &str) -> Vec<(u16, String)> {
        let faults = self.faults.lock().unwrap_or_else(|e| e.into_inner());
        faults.iter().filter(|(a, _)| a.ip().to_string() == ip).map(|(a, why)| (a.port(), why.clone())).collect()
    }

    pub(crate) fn arn(&self, resource: &str) -> String {
        format!("arn:aws:elasticloadbalancing:{}:{}:{resource}", self.region, self.account)
    }

    /// The requests the load balancers carried since the last call, as AWS/ApplicationELB
    /// datapoints (CloudWatch takes them once a second).
    pub fn metrics(&self) -> Vec<ElbMetric> {
        ops::metrics(self)
    }

    /// Re-apply the recorded configuration to the proxy.
    pub fn sync(&self) -> Result<()> {
        let config = self.store.read(|tx| sync::config(self, tx))?;
        let faults = self.proxy.apply(config);
        *self.faults.lock().unwrap_or_else(|e| e.into_inner()) = faults;
        Ok(())
    }

    /// Emulator mode's reset: every load balancer (classic ones too), target group, listener
    /// and rule deleted, and the proxy's listeners closed.
    pub fn reset(&self) -> std::result::Result<(), String> {
        self.store.wipe("elb.")?;
        self.sync().map_err(|e| e.to_string())
    }

    /// The background work: finish draining targets (deregistration delay over, or idle), and
    /// follow security-group changes. A thread of its own, in the runtime's context (the proxy
    /// starts listeners from it): a periodic `spawn_blocking` would wake the runtime's idle
    /// blocking threads in turn and keep every one of them alive after a load.
    pub fn spawn_controller(self: &Arc<Self>) -> std::io::Result<std::thread::JoinHandle<()>> {
        let elb = Arc::downgrade(self);
        let rt = tokio::runtime::Handle::current();
        std::thread::Builder::new().name("elb-controller".into()).spawn(move || {
            let _rt = rt.enter();
            loop {
                std::thread::sleep(std::time::Duration::from_millis(250));
                let Some(e) = elb.upgrade() else { return };
                let pass = || -> Result<()> {
                    // Security groups changed in EC2: listeners let in what they now allow.
                    let print = e.store.read(|tx| sync::security_fingerprint(&e, tx))?;
                    let changed = {
                        let mut last = e.sg_fingerprint.lock().unwrap_or_else(|x| x.into_inner());
                        std::mem::replace(&mut *last, print) != print
                    };
                    if changed {
                        e.sync()?;
                    }
                    sync::finish_draining(&e)
                };
                if let Err(err) = pass() {
                    tracing::warn!(error = %err, "elb: draining pass failed");
                }
            }
        })
    }
}

pub use classic::ClassicElbService;

pub struct ElbService {
    elb: Arc<Elb>,
}

impl ElbService {
    pub fn new(elb: Arc<Elb>) -> ElbService {
        ElbService { elb }
    }

    /// The load balancers (ELBv2 and classic) deleted so far, with how long each existed.
    pub fn ended_load_balancers(&self) -> Vec<records::EndedLoadBalancer> {
        self.elb
            .store
            .read(|tx| tx.list::<records::EndedLoadBalancer>(records::kind::ENDED, ""))
            .map(|l| l.into_iter().map(|(_, e)| e).collect())
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "reading the deleted load balancers");
                vec![]
            })
    }
}

impl Service for ElbService {
    fn model_name(&self) -> &'static str {
        "elbv2"
    }

    fn iam_prefix(&self) -> &'static str {
        "elasticloadbalancing"
    }

    fn authorization(
        &self,
        op: &str,
        input: &Value,
        _cx: &CallContext,
    ) -> std::result::Result<Authorization, ApiError> {
        Ok(Authorization::Checks(authz::checks(&self.elb, op, input)?))
    }

    fn call<'a>(
        &'a self,
        _cx: &'a CallContext,
        op: &'a str,
        input: Value,
    ) -> BoxFuture<'a, std::result::Result<Value, ApiError>> {
        Box::pin(async move {
            tokio::task::block_in_place(|| {
                let out = ops::dispatch(&self.elb, op, &input);
                if out.is_ok() && ops::mutates(op) {
                    self.elb.sync().map_err(ApiError::from)?;
                }
                out
            })
        })
    }

    fn reset(&self) -> BoxFuture<'_, std::result::Result<(), String>> {
        Box::pin(async move { tokio::task::block_in_place(|| self.elb.reset()) })
    }
}
