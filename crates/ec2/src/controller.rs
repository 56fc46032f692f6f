//! The instance controller: compares each instance's desired state with what the driver
//! reports, and acts — boot, health checks, stop, reboot, terminate — persisting every
//! transition, so it is safe to crash and re-run at any point. After a daemon restart it
//! re-adopts instances whose processes still run and reports the others as stopped.

use std::collections::{HashMap, HashSet};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use compute::LaunchSpec;

use crate::error::{Ec2Error, Result};
use crate::ops::instances::{instance_dir, limits, root_dir};
use crate::records::{kind, Desired, InstanceRec, InstanceState};
use crate::storage::{self, VolumeRec, VolumeState};
use crate::{network, rootvol, Ec2};

/// How long a stopping instance's processes get between SIGTERM and SIGKILL.
const STOP_GRACE: Duration = Duration::from_secs(5);
const TICK: Duration = Duration::from_millis(250);
/// How often a running instance's health is checked (liveness, the declared port).
const WATCH_EVERY: Duration = Duration::from_secs(1);

pub struct Controller {
    ec2: Arc<Ec2>,
    busy: Mutex<HashSet<String>>,
    last_watch: Mutex<HashMap<String, Instant>>,
    watchers: Watchers,
    /// When capacity was last restored (maintain fleets, persistent Spot requests), and
    /// whether that is under way.
    refilled: Mutex<Option<Instant>>,
    refilling: std::sync::atomic::AtomicBool,
}

/// How often maintain fleets and persistent Spot requests are checked for lost capacity.
const REFILL_EVERY: Duration = Duration::from_secs(1);

/// How many threads check steady instances.
const WATCH_THREADS: usize = 4;

type Job = Box<dyn FnOnce() + Send>;

/// The once-a-second checks of steady running instances run on a few threads of their own
/// (made on first use), not through `spawn_blocking`: a periodic stream of blocking tasks would
/// wake the runtime's idle blocking threads in turn and keep every one made during a load
/// alive. Transitions (boot, stop, terminate) are rare and still get a blocking task each.
#[derive(Default)]
struct Watchers {
    queue: std::sync::OnceLock<Mutex<std::sync::mpsc::Sender<Job>>>,
}

impl Watchers {
    fn submit(&self, rt: &tokio::runtime::Handle, job: Job) {
        let queue = self.queue.get_or_init(|| {
            let (tx, rx) = std::sync::mpsc::channel::<Job>();
            let rx = Arc::new(Mutex::new(rx));
            for n in 0..WATCH_THREADS {
                let (rx, rt) = (rx.clone(), rt.clone());
                let spawned = std::thread::Builder::new().name(format!("ec2-watch-{n}")).spawn(move || {
                    let _rt = rt.enter();
                    loop {
                        let job = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        match job {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                });
                if let Err(e) = spawned {
                    tracing::error!(error = %e, "an instance watch thread did not start");
                }
            }
            Mutex::new(tx)
        });
        if let Err(std::sync::mpsc::SendError(job)) = queue.lock().unwrap_or_else(|e| e.into_inner()).send(job) {
            // No watcher thread lives: run it as a blocking task rather than not at all.
            rt.spawn_blocking(job);
        }
    }
}

impl Controller {
    /// Run the controller until the runtime ends.
    pub fn spawn(ec2: Arc<Ec2>) -> tokio::task::JoinHandle<()> {
        let c = Arc::new(Controller {
            ec2,
            busy: Mutex::new(HashSet::new()),
            last_watch: Mutex::new(HashMap::new()),
            watchers: Watchers::default(),
            refilled: Mutex::new(None),
            refilling: std::sync::atomic::AtomicBool::new(false),
        });
        tokio::spawn(async move {
            loop {
                c.clone().pass();
                tokio::select! {
                    _ = tokio::time::sleep(TICK) => {}
                    _ = c.ec2.wake.notified() => {}
                }
            }
        })
    }

    /// One reconciliation pass: each instance needing work gets a blocking task of its own,
    /// never two at once.
    fn pass(self: Arc<Self>) {
        // The roster's view: re-read from the store only after a write, not on every tick.
        let view = match self.ec2.roster.view(&self.ec2) {
            Ok(v) => v,
            Err(e) => {
                tracing::error!(error = %e, "controller cannot read instances");
                return;
            }
        };
        let rt = tokio::runtime::Handle::current();
        let now = Instant::now();
        for inst in view.entries.iter().map(|e| &e.rec) {
            if inst.state == InstanceState::Terminated {
                continue;
            }
            let id = &inst.instance_id;
            // Steady running instances are watched once a second, not every tick.
            let steady = (inst.state, inst.desired) == (InstanceState::Running, Desired::Running);
            if steady {
                let mut last = self.last_watch.lock().unwrap_or_else(|e| e.into_inner());
                if last.get(id).is_some_and(|t| now.duration_since(*t) < WATCH_EVERY) {
                    continue;
                }
                last.insert(id.clone(), now);
            }
            if !self.busy.lock().unwrap_or_else(|e| e.into_inner()).insert(id.clone()) {
                continue;
            }
            let (c, rt2, id) = (self.clone(), rt.clone(), id.clone());
            let job: Job = Box::new(move || {
                let quiet = c.ec2.reset_gate.read().unwrap_or_else(|e| e.into_inner());
                if let Err(e) = c.reconcile(&rt2, &id) {
                    tracing::error!(instance = %id, error = %e, "reconcile failed");
                }
                drop(quiet);
                c.busy.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
            });
            if steady {
                self.watchers.submit(&rt, job);
            } else {
                rt.spawn_blocking(job);
            }
        }
        self.refill(&rt, now);
    }

    /// Once a second, off the runtime: what maintain fleets and persistent Spot requests lost
    /// is launched again (`fleets::maintain`, `spot::refill`).
    fn refill(self: &Arc<Self>, rt: &tokio::runtime::Handle, now: Instant) {
        use std::sync::atomic::Ordering;
        {
            let mut last = self.refilled.lock().unwrap_or_else(|e| e.into_inner());
            if last.is_some_and(|t| now.duration_since(t) < REFILL_EVERY) {
                return;
            }
            *last = Some(now);
        }
        if self.refilling.swap(true, Ordering::AcqRel) {
            return;
        }
        let c = self.clone();
        rt.spawn_blocking(move || {
            let quiet = c.ec2.reset_gate.read().unwrap_or_else(|e| e.into_inner());
            if let Err(e) = crate::ops::fleets::maintain(&c.ec2) {
                tracing::error!(error = %e, "maintaining fleets failed");
            }
            if let Err(e) = crate::ops::spot::refill(&c.ec2) {
                tracing::error!(error = %e, "refilling persistent Spot requests failed");
            }
            drop(quiet);
            c.refilling.store(false, Ordering::Release);
        });
    }

    /// Persist the controller's progress without losing what the API asked meanwhile: a stop or
    /// terminate that arrived while (say) a boot was under way wins over the controller's stale
    /// copy, and fields only the API changes (tags) are taken from the stored record.
    fn save(&self, rec: &mut InstanceRec) -> Result<()> {
        let overridden = self.ec2.write(|tx| {
            let mut overridden = false;
            if let Some(cur) = tx.get::<InstanceRec>(kind::INSTANCE, &rec.instance_id)? {
                let api_wins = match (cur.desired, rec.desired) {
                    (Desired::Terminated, d) => d != Desired::Terminated,
                    (Desired::Stopped, Desired::Running | Desired::Rebooted) => true,
                    _ => false,
                };
                if api_wins {
                    rec.desired = cur.desired;
                    rec.state = cur.state;
                    rec.state_reason = cur.state_reason.clone();
                    rec.state_transition_reason = cur.state_transition_reason.clone();
                    rec.run_periods = cur.run_periods.clone();
                    overridden = true;
                }
                rec.tags = cur.tags;
            }
            tx.put(kind::INSTANCE, &rec.instance_id, rec)?;
            Ok(overridden)
        })?;
        if overridden {
            self.ec2.wake.notify_one();
        }
        Ok(())
    }

    fn reconcile(&self, rt: &tokio::runtime::Handle, id: &str) -> Result<()> {
        let ec2 = &self.ec2;
        // The roster is as fresh as the store (rebuilt after any write) and costs no query.
        let Some(mut inst) = ec2.roster.view(ec2)?.get(id).map(|e| e.rec.clone()) else { return Ok(()) };
        match (inst.state, inst.desired) {
            (InstanceState::Pending, Desired::Running) => self.boot(rt, &mut inst),
            (InstanceState::Running, Desired::Running) => self.watch(rt, &mut inst),
            (InstanceState::Running, Desired::Rebooted) => {
                self.halt(&mut inst);
                inst.desired = Desired::Running;
                self.boot(rt, &mut inst)
            }
            (InstanceState::Stopping, _)
            | (InstanceState::Running, Desired::Stopped)
            | (InstanceState::Pending, Desired::Stopped) => {
                self.halt(&mut inst);
                inst.end_run(self.ec2.now());
                inst.state = InstanceState::Stopped;
                self.save(&mut inst)
            }
            (InstanceState::ShuttingDown, _) | (_, Desired::Terminated) => self.terminate(&mut inst),
            _ => Ok(()),
        }
    }

    fn halt(&self, inst: &mut InstanceRec) {
        self.ec2.imds.stop(&inst.instance_id);
        if let Some(h) = inst.handle.take() {
            self.ec2.driver.stop(&inst.instance_id, h, STOP_GRACE);
        }
        if let Some(fabric) = &self.ec2.config.network {
            fabric.detach(&inst.instance_id);
        }
        inst.health = Default::default();
    }

    /// Prepare the root volume (first boot), start the boot entry, serve metadata.
    fn boot(&self, rt: &tokio::runtime::Handle, inst: &mut InstanceRec) -> Result<()> {
        let ec2 = &self.ec2;
        let dir = instance_dir(ec2, &inst.instance_id);
        let root = root_dir(ec2, &inst.instance_id);
        if !root.exists() {
            let image = ec2.read(|tx| Ok(tx.get::<crate::records::ImageRec>(kind::IMAGE, &inst.image_id)?))?;
            let Some(snapshot) = image.and_then(|i| i.root_snapshot_id) else {
                return self.fail_launch(inst, "the image has no root snapshot");
            };
            let made = std::fs::create_dir_all(&dir)
                .map_err(|e| Ec2Error::Internal(e.to_string()))
                .and_then(|()| rootvol::restore_root(ec2, &snapshot, &root));
            if let Err(e) = made {
                return self.fail_launch(inst, &format!("the root volume could not be made from {snapshot}: {e}"));
            }
        }
        let user_data = match (&inst.user_data, inst.booted_once) {
            (Some(u), false) if u.starts_with("#!") => {
                let path = dir.join("user-data");
                std::fs::write(&path, u).map_err(|e| Ec2Error::Internal(e.to_string()))?;
                Some(path)
            }
            _ => None,
        };
        // Where the instance listens and finds its metadata: its own VPC address in its own
        // namespace (isolated networks), or its loopback address.
        let (listen_ip, imds, netns) = match &ec2.config.network {
            Some(fabric) => {
                let attached = self.gateway(&inst.subnet_id).and_then(|gw| {
                    let ip = inst.private_ip.parse().map_err(|e| Ec2Error::Internal(format!("{e}")))?;
                    fabric
                        .attach(&inst.vpc_id, &inst.instance_id, ip, gw)
                        .map_err(|e| Ec2Error::Internal(format!("the instance's network was not made: {e}")))
                });
                if let Err(e) = attached {
                    return self.fail_launch(inst, &e.to_string());
                }
                (
                    inst.private_ip.clone(),
                    "http://169.254.169.254".to_string(),
                    Some(fabric.instance_ns(&inst.instance_id)),
                )
            }
            None => (inst.loopback_ip.clone(), format!("http://{}:{}", inst.loopback_ip, ec2.config.imds_port), None),
        };
        let fill = |s: &str| {
            s.replace("{private_ip}", &listen_ip).replace("{instance_id}", &inst.instance_id).replace("{imds}", &imds)
        };
        let spec = LaunchSpec {
            instance_id: inst.instance_id.clone(),
            root_dir: root.clone(),
            command: inst.boot.command.iter().map(|c| fill(c)).collect(),
            env: vec![
                // The region's helper commands (cfn-signal) first.
                ("PATH".into(), format!("{}:/usr/local/bin:/usr/bin:/bin", ec2.config.dir.join("bin").display())),
                ("AWS_EC2_METADATA_SERVICE_ENDPOINT".into(), imds.clone()),
                ("AWS_REGION".into(), ec2.config.region.clone()),
                ("HOMEGROUND_INSTANCE_ID".into(), inst.instance_id.clone()),
                // Where the instance's paths are (cfn-init writes its files under it).
                ("HOMEGROUND_INSTANCE_ROOT".into(), root.display().to_string()),
                ("HOMEGROUND_PRIVATE_IP".into(), inst.private_ip.clone()),
                ("HOMEGROUND_LISTEN_IP".into(), listen_ip.clone()),
                ("HOME".into(), "/tmp".into()),
            ],
            console_log: dir.join("console.log"),
            user_data,
            limits: limits(&inst.instance_type).unwrap_or(compute::Limits { vcpus: 1.0, memory_mib: 1024 }),
            netns,
        };
        // Metadata first, so the instance finds it as soon as it boots; the API endpoint too.
        if let Err(e) = ec2.imds.ensure(ec2, rt, inst) {
            tracing::warn!(instance = %inst.instance_id, error = %e, "metadata service not started");
        }
        if let Err(e) = ec2.imds.ensure_door(ec2, rt, inst) {
            tracing::warn!(instance = %inst.instance_id, error = %e, "the API endpoint is not served inside the instance");
        }
        match ec2.driver.start(&spec) {
            Ok(h) => {
                inst.handle = Some(h);
                inst.state = InstanceState::Running;
                inst.state_reason = None;
                inst.booted_once = true;
                inst.health = Default::default();
                self.save(inst)
            }
            Err(e) => {
                ec2.imds.stop(&inst.instance_id);
                self.fail_launch(inst, &e.to_string())
            }
        }
    }

    /// The subnet router's address (the subnet's +1), where its instances' default route goes.
    fn gateway(&self, subnet_id: &str) -> Result<std::net::Ipv4Addr> {
        let subnet = self.ec2.read(|tx| Ok(tx.get::<crate::records::SubnetRec>(kind::SUBNET, subnet_id)?))?;
        let net = network::parse_cidr(
            &subnet.ok_or_else(|| Ec2Error::Internal(format!("subnet {subnet_id} is gone")))?.cidr,
        )?;
        Ok(std::net::Ipv4Addr::from(u32::from(net.network()) + 1))
    }

    /// A launch that cannot boot ends as EC2 ends it: terminated, with the reason.
    fn fail_launch(&self, inst: &mut InstanceRec, why: &str) -> Result<()> {
        tracing::warn!(instance = %inst.instance_id, reason = why, "launch failed");
        inst.state_reason = Some(("Server.InternalError".into(), format!("Server.InternalError: {why}")));
        self.terminate(inst)
    }

    /// A running instance: is it alive, does its declared port answer?
    fn watch(&self, rt: &tokio::runtime::Handle, inst: &mut InstanceRec) -> Result<()> {
        let ec2 = &self.ec2;
        let alive = inst.handle.is_some_and(|h| ec2.driver.is_alive(h));
        if !alive {
            // The instance's processes ended by themselves: an instance-initiated shutdown.
            self.halt(inst);
            inst.end_run(ec2.now());
            inst.state_reason = Some((
                "Client.InstanceInitiatedShutdown".into(),
                "Client.InstanceInitiatedShutdown: Instance initiated shutdown".into(),
            ));
            inst.state_transition_reason = format!(
                "Instance initiated shutdown ({})",
                wire::timestamp::format_iso8601(ec2.now()).replace('T', " ").replace('Z', " GMT")
            );
            if inst.shutdown_behavior == "terminate" {
                return self.terminate(inst);
            }
            inst.state = InstanceState::Stopped;
            inst.desired = Desired::Stopped;
            return self.save(inst);
        }
        if !ec2.imds.is_serving(&inst.instance_id) {
            if let Err(e) = ec2.imds.ensure(ec2, rt, inst) {
                tracing::warn!(instance = %inst.instance_id, error = %e, "metadata service not started");
            }
        }
        if let Err(e) = ec2.imds.ensure_door(ec2, rt, inst) {
            tracing::warn!(instance = %inst.instance_id, error = %e, "the API endpoint is not served inside the instance");
        }
        let instance_ok = match inst.boot.health_port {
            Some(port) => {
                // From the instance's own network: the check asks whether the instance serves,
                // not whether its security groups let anyone in.
                let (ip, ns) = match &ec2.config.network {
                    Some(fabric) => (&inst.private_ip, Some(fabric.instance_ns(&inst.instance_id))),
                    None => (&inst.loopback_ip, None),
                };
                let addr: SocketAddr =
                    format!("{ip}:{port}").parse().map_err(|e| Ec2Error::Internal(format!("{e}")))?;
                let timeout = Duration::from_millis(300);
                match ns {
                    Some(ns) => vnet::Netns::open(&ns).and_then(|n| n.connect_timeout(addr, timeout)).is_ok(),
                    None => TcpStream::connect_timeout(&addr, timeout).is_ok(),
                }
            }
            None => true,
        };
        let system = match inst.handle {
            Some(h) => ec2.driver.system_check(&instance_dir(ec2, &inst.instance_id), h),
            None => Ok(()),
        };
        let before = inst.health.clone();
        if let (Err(why), Some(true) | None) = (&system, before.system_ok) {
            tracing::warn!(instance = %inst.instance_id, reason = %why, "system status check failed");
        }
        inst.health.system_ok = Some(system.is_ok());
        inst.health.instance_ok = Some(instance_ok);
        if instance_ok && inst.health.since.is_none() {
            inst.health.since = Some(ec2.now());
        }
        if inst.health != before {
            self.save(inst)?;
        }
        Ok(())
    }

    fn terminate(&self, inst: &mut InstanceRec) -> Result<()> {
        self.halt(inst);
        let _ = std::fs::remove_dir_all(instance_dir(&self.ec2, &inst.instance_id));
        inst.state = InstanceState::Terminated;
        inst.desired = Desired::Terminated;
        inst.terminated_at = Some(self.ec2.now());
        inst.end_run(self.ec2.now());
        self.ec2.write(|tx| {
            network::release(tx, &inst.subnet_id, &inst.private_ip, &inst.loopback_ip)?;
            crate::ops::interfaces::on_terminate(tx, &inst.instance_id)?;
            // The public address assigned at launch goes back to the pool, and the record
            // forgets it: a terminated instance shows none.
            if let Some(ip) = inst.public_ip.take() {
                tx.delete(kind::PUBLIC_IP, &ip)?;
            }
            // Attached data volumes are detached (or deleted, if they asked to be).
            for (vid, mut v) in tx.list::<VolumeRec>(storage::kind::VOLUME, "")? {
                if v.attachment.as_ref().is_some_and(|a| a.instance_id == inst.instance_id) {
                    let delete = v.attachment.take().is_some_and(|a| a.delete_on_termination);
                    v.state = if delete { VolumeState::Deleted } else { VolumeState::Available };
                    if delete {
                        v.deleted_at = Some(self.ec2.now());
                    }
                    tx.put(storage::kind::VOLUME, &vid, &v)?;
                }
            }
            tx.put(kind::INSTANCE, &inst.instance_id, inst)?;
            Ok(())
        })
    }
}
