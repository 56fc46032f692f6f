//! The DB instance controller: a task woken by every RDS call and every 500 ms that brings each
//! DB instance's server to what its record says, one blocking job per instance at a time, and
//! persists each transition only if the record is still in the state the job started from (so
//! the API and the controller never overwrite each other):
//!
//! - creating → a fresh datadir (`mariadb-install-db`), the server started, the master user and
//!   database created (the password read from its 0600 file, which is then removed) → available.
//!   A read replica instead gets a consistent physical copy of its source (`mariabackup`),
//!   starts `read_only` and follows the source by GTID from the copy's position → available.
//! - available with no live server (killed, crashed, or gone while the daemon was down) →
//!   rebooting → the server started again on the same datadir (InnoDB's crash recovery keeps
//!   every committed transaction; a replica resumes replication where it was) → available.
//! - rebooting → stop, start → available; stopping → stopped; starting → available.
//! - modifying with a promotion pending → replication stopped and reset, writable → available.
//! - deleting → the server stopped; the final snapshot (a copy of the cleanly shut down
//!   datadir) taken if asked; the instance's files and record removed.
//!
//! Servers outlive the daemon; after a restart the controller finds each one still running by
//! its recorded pid and start time and leaves it be.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::events;
use crate::metrics;
use crate::parameters;
use crate::records::{kind, status, InstanceRec, ParameterGroupRec, ProcessId, SnapshotRec, StandbyRec};
use crate::server::{self, Layout};
use crate::snapshots;
use crate::Rds;

pub struct Controller {
    _task: tokio::task::JoinHandle<()>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Work {
    Provision,
    Recover,
    Restart,
    Promote,
    Stop,
    Start,
    Delete,
    ResetPassword,
    Snapshot,
    ApplyParameters,
    Failover,
    AutomatedBackup,
}

impl Controller {
    pub fn spawn(rds: Arc<Rds>) -> Controller {
        let busy: Arc<Mutex<HashSet<String>>> = Arc::default();
        let measuring = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let task = tokio::spawn(async move {
            let mut measured = 0.0;
            loop {
                pass(&rds, &busy);
                if rds.now() - measured >= metrics::PERIOD_SECONDS
                    && !measuring.swap(true, std::sync::atomic::Ordering::AcqRel)
                {
                    measured = rds.now();
                    let (rds, measuring) = (rds.clone(), measuring.clone());
                    tokio::task::spawn_blocking(move || {
                        if let Ok(recs) = rds.store.read(|tx| tx.list::<InstanceRec>(kind::INSTANCE, "")) {
                            let recs: Vec<InstanceRec> = recs.into_iter().map(|(_, r)| r).collect();
                            metrics::collect(&rds, &recs);
                        }
                        measuring.store(false, std::sync::atomic::Ordering::Release);
                    });
                }
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                    _ = rds.wake.notified() => {}
                }
            }
        });
        Controller { _task: task }
    }
}

fn pass(rds: &Arc<Rds>, busy: &Arc<Mutex<HashSet<String>>>) {
    let recs: Vec<InstanceRec> = match rds.store.read(|tx| tx.list::<InstanceRec>(kind::INSTANCE, "")) {
        Ok(r) => r.into_iter().map(|(_, r)| r).collect(),
        Err(e) => {
            tracing::error!(error = %e, "rds controller: reading DB instances");
            return;
        }
    };
    pass_standbys(rds, busy, &recs);
    crate::vpc::sync(rds, &recs);
    let generations: HashMap<String, u64> = rds
        .store
        .read(|tx| tx.list::<ParameterGroupRec>(kind::PARAMETER_GROUP, ""))
        .map(|gs| gs.into_iter().map(|(k, g)| (k, g.generation)).collect())
        .unwrap_or_default();
    let snapshots: Vec<SnapshotRec> = rds
        .store
        .read(|tx| tx.list::<SnapshotRec>(kind::SNAPSHOT, ""))
        .map(|v| v.into_iter().map(|(_, s)| s).collect())
        .unwrap_or_default();
    let now = rds.now();
    for rec in recs {
        let generation = rec.parameter_group.as_ref().and_then(|g| generations.get(g)).copied().unwrap_or(0);
        let mut work = plan(&rec, generation);
        if work.is_none() && rec.status == status::AVAILABLE && rec.source.is_none() {
            let autos: Vec<f64> = snapshots
                .iter()
                .filter(|s| s.instance_id == rec.id && s.snapshot_type == "automated")
                .map(|s| s.created)
                .collect();
            if backup_due(now, rec.backup_retention, &autos) {
                work = Some(Work::AutomatedBackup);
            }
        }
        let Some(work) = work else { continue };
        if !busy.lock().unwrap_or_else(|e| e.into_inner()).insert(rec.id.clone()) {
            continue;
        }
        let (rds, busy) = (rds.clone(), busy.clone());
        tokio::task::spawn_blocking(move || {
            let id = rec.id.clone();
            let quiet = rds.reset_gate.read().unwrap_or_else(|e| e.into_inner());
            let outcome = act(&rds, rec, work);
            drop(quiet);
            if let Err(e) = outcome {
                tracing::error!(db_instance = %id, ?work, error = %e, "rds controller");
            }
            busy.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
            rds.wake.notify_one();
        });
    }
}

/// What an instance needs; `group_generation` is its parameter group's current generation.
fn plan(rec: &InstanceRec, group_generation: u64) -> Option<Work> {
    let live = rec.process.is_some_and(server::alive);
    match rec.status.as_str() {
        status::CREATING => Some(Work::Provision),
        status::AVAILABLE if !live => Some(Work::Recover),
        status::AVAILABLE if rec.param_generation != group_generation => Some(Work::ApplyParameters),
        status::REBOOTING if rec.failover_pending => Some(Work::Failover),
        status::REBOOTING => Some(Work::Restart),
        status::MODIFYING if rec.promotion_pending => Some(Work::Promote),
        status::STOPPING => Some(Work::Stop),
        status::STOPPED if live => Some(Work::Stop),
        status::STARTING => Some(Work::Start),
        status::DELETING => Some(Work::Delete),
        status::RESETTING_MASTER_CREDENTIALS => Some(Work::ResetPassword),
        status::BACKING_UP => Some(Work::Snapshot),
        _ => None,
    }
}

const DAY: f64 = 86400.0;

/// Is an automated backup due? One a day while the retention period is not 0, and one at once
/// when backups were just turned on (a new instance gets its first while it is created).
fn backup_due(now: f64, retention_days: i64, automated: &[f64]) -> bool {
    retention_days > 0 && automated.iter().copied().fold(f64::NEG_INFINITY, f64::max) + DAY <= now
}

/// Is an automated backup past the retention period?
fn expired(now: f64, retention_days: i64, created: f64) -> bool {
    created + retention_days as f64 * DAY < now
}

/// Persist a change if the record is still in state `from`; false if it moved on (or is gone).
fn settle(rds: &Rds, id: &str, from: &str, f: impl FnOnce(&mut InstanceRec)) -> Result<bool, String> {
    rds.store
        .write(|tx| {
            let Some(mut rec) = tx.get::<InstanceRec>(kind::INSTANCE, id)? else { return Ok(false) };
            if rec.status != from {
                return Ok(false);
            }
            f(&mut rec);
            tx.put(kind::INSTANCE, id, &rec)?;
            Ok::<_, store::StoreError>(true)
        })
        .map_err(|e| e.to_string())
}

/// The instance's server, started if it does not run (found by pid file if it runs unrecorded).
fn ensure_running(l: &Layout, rec: &InstanceRec, params: &Params) -> Result<ProcessId, String> {
    if let Some(p) = rec.process.filter(|p| server::alive(*p)) {
        return Ok(p);
    }
    server::write_config(l, rec, rec.source.is_some(), &params.values)?;
    server::start(l)
}

/// The settings of an instance's DB parameter group, and the group's generation.
struct Params {
    values: BTreeMap<String, String>,
    generation: u64,
}

fn group_params(rds: &Rds, rec: &InstanceRec) -> Result<Params, String> {
    let Some(name) = &rec.parameter_group else { return Ok(Params { values: BTreeMap::new(), generation: 0 }) };
    let g: Option<ParameterGroupRec> =
        rds.store.read(|tx| tx.get(kind::PARAMETER_GROUP, name)).map_err(|e| e.to_string())?;
    Ok(g.map(|g| Params { values: g.values, generation: g.generation })
        .unwrap_or(Params { values: BTreeMap::new(), generation: 0 }))
}

/// Record that the server was (re)started with the group's settings: all of them in force.
fn started_with(r: &mut InstanceRec, params: &Params) {
    let (statics, dynamics) = split(&r.engine, &params.values);
    r.static_at_start = statics;
    r.applied_dynamic = dynamics;
    r.param_generation = params.generation;
    r.param_status = None;
}

fn split(engine: &str, values: &BTreeMap<String, String>) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    values
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .partition(|(k, _)| parameters::apply_type(engine, k) == Some(parameters::ApplyType::Static))
}

/// ModifyDBParameterGroup / ResetDBParameterGroup reached a running server: dynamic parameters
/// are set at once, every one is written to its configuration for the next start, and a changed
/// static one leaves the instance `pending-reboot`. MariaDB's are set with `SET GLOBAL`;
/// PostgreSQL reads its rewritten configuration again (`pg_reload_conf()`: a static setting
/// changed there waits for the restart, as the server itself says in `pg_settings.pending_restart`).
fn apply_parameters(rds: &Rds, l: &Layout, rec: &InstanceRec, params: &Params) -> Result<(), String> {
    let (statics, dynamics) = split(&rec.engine, &params.values);
    if l.engine == server::Engine::Postgres {
        server::write_config(l, rec, rec.source.is_some(), &params.values)?;
        server::sql(l, "SELECT pg_reload_conf();\n")?;
        // A Multi-AZ standby's server reads them too.
        if let Some(sb) = serving_standby(rds, &rec.id)? {
            let view = sb.view(rec);
            let sl = Layout::new(rds.dir(), &view);
            server::write_config(&sl, &view, true, &params.values)?;
            server::sql(&sl, "SELECT pg_reload_conf();\n")?;
        }
    } else {
        let mut stmts = String::new();
        for (k, v) in &dynamics {
            if rec.applied_dynamic.get(k) != Some(v) {
                let spec = parameters::spec(k).ok_or_else(|| format!("unknown parameter {k}"))?;
                stmts.push_str(&format!("SET GLOBAL {k} = {};\n", spec.sql_value(v)));
            }
        }
        for k in rec.applied_dynamic.keys().filter(|k| !dynamics.contains_key(*k)) {
            if let Some(spec) = parameters::spec(k) {
                stmts.push_str(&format!("SET GLOBAL {k} = {};\n", spec.sql_value(spec.default)));
            }
        }
        if !stmts.is_empty() {
            server::sql(l, &stmts)?;
        }
        server::write_config(l, rec, rec.source.is_some(), &params.values)?;
    }
    let pending = statics != rec.static_at_start;
    settle(rds, &rec.id, status::AVAILABLE, |r| {
        r.applied_dynamic = dynamics;
        r.param_generation = params.generation;
        r.param_status = pending.then(|| "pending-reboot".to_string());
    })?;
    Ok(())
}

/// Emulator mode's reset (`Rds::reset`): every server (standbys too) stopped, every DB
/// instance's files and every RDS record deleted. The controller's jobs wait meanwhile.
pub(crate) fn reset(rds: &Rds) -> Result<(), String> {
    let _quiet = rds.reset_gate.write().unwrap_or_else(|e| e.into_inner());
    let recs: Vec<InstanceRec> = every(rds, kind::INSTANCE)?;
    for rec in &recs {
        if let Some(sb) = standby_of(rds, &rec.id)? {
            let view = sb.view(rec);
            stop_server(&Layout::new(rds.dir(), &view), &view);
        }
        let l = Layout::new(rds.dir(), rec);
        stop_server(&l, rec);
        server::kill_strays(&l);
    }
    for sub in ["instances", "wal", "s", "scratch"] {
        let _ = std::fs::remove_dir_all(rds.dir().join(sub));
    }
    rds.store.wipe("rds.")?;
    tracing::info!(db_instances = recs.len(), "rds: reset");
    Ok(())
}

/// Every record of one kind.
fn every<T: serde::de::DeserializeOwned>(rds: &Rds, kind: &str) -> Result<Vec<T>, String> {
    let all = rds.store.read(|tx| tx.list::<T>(kind, "")).map_err(|e| e.to_string())?;
    Ok(all.into_iter().map(|(_, r)| r).collect())
}

fn stop_server(l: &Layout, rec: &InstanceRec) {
    if let Some(p) = rec.process {
        server::stop(l, p);
    }
    if let Some(p) = server::running(l) {
        server::stop(l, p);
    }
}

fn act(rds: &Rds, rec: InstanceRec, work: Work) -> Result<(), String> {
    let l = Layout::new(rds.dir(), &rec);
    let params = group_params(rds, &rec)?;
    match work {
        Work::ApplyParameters => apply_parameters(rds, &l, &rec, &params),
        Work::Failover => failover(rds, &l, &rec, &params),
        Work::AutomatedBackup => {
            // Today's backup (the Snapshot job takes it), and the ones past the retention
            // period removed (the newest always kept: it starts the restorable window).
            let id = automated_snapshot(rds, &rec)?;
            if !settle(rds, &rec.id, status::AVAILABLE, |r| {
                r.status = status::BACKING_UP.into();
                r.snapshot_pending = Some(id.clone());
            })? {
                rds.store.write(|tx| tx.delete(kind::SNAPSHOT, &id).map(|_| ())).map_err(|e| e.to_string())?;
                return Ok(());
            }
            let autos: Vec<SnapshotRec> = every::<SnapshotRec>(rds, kind::SNAPSHOT)?
                .into_iter()
                .filter(|s| s.instance_id == rec.id && s.snapshot_type == "automated" && s.id != id)
                .collect();
            let (gone, kept): (Vec<&SnapshotRec>, Vec<&SnapshotRec>) =
                autos.iter().partition(|s| expired(rds.now(), rec.backup_retention, s.created));
            for snap in gone {
                snapshots::remove(rds, snap)?;
                rds.store.write(|tx| tx.delete(kind::SNAPSHOT, &snap.id).map(|_| ())).map_err(|e| e.to_string())?;
            }
            // PostgreSQL's archived WAL from before the oldest backup kept restores nothing.
            if l.engine == server::Engine::Postgres {
                let oldest = kept.iter().map(|s| s.created).fold(f64::INFINITY, f64::min);
                if oldest.is_finite() {
                    crate::pg::expire_archive(&l.archive, oldest);
                }
            }
            Ok(())
        }
        Work::Provision => match provision(rds, &l, &rec, &params) {
            Ok(Some(p)) => {
                let pw = rec.pending_password_file.clone();
                // A new primary with automated backups is backed up first, as RDS shows it:
                // creating → backing-up → available (the backup starts its restorable window).
                let automated = (rec.backup_retention > 0 && rec.source.is_none())
                    .then(|| automated_snapshot(rds, &rec))
                    .transpose()?;
                if settle(rds, &rec.id, status::CREATING, |r| {
                    r.status = if automated.is_some() { status::BACKING_UP } else { status::AVAILABLE }.into();
                    r.snapshot_pending = automated.clone();
                    r.process = Some(p);
                    r.pending_password_file = None;
                    started_with(r, &params);
                })? {
                    if let Some(f) = pw {
                        let _ = std::fs::remove_file(f);
                    }
                    tracing::info!(db_instance = %rec.id, address = %rec.address, port = rec.port, "DB instance available");
                    events::db_instance(rds, &rec.id, "creation", "DB instance created");
                }
                Ok(())
            }
            Ok(None) => Ok(()), // waiting (a replica's source is not serving yet)
            Err(e) => {
                stop_server(&l, &rec);
                if settle(rds, &rec.id, status::CREATING, |r| {
                    r.status = status::FAILED.into();
                    r.pending_password_file = None;
                })? {
                    // A failed instance is never made again: its password is not kept.
                    if let Some(f) = &rec.pending_password_file {
                        let _ = std::fs::remove_file(f);
                    }
                    events::db_instance(rds, &rec.id, "failure", &format!("DB instance could not be created: {e}"));
                }
                Err(format!("creating the DB instance failed: {e}"))
            }
        },
        Work::Recover => {
            if !settle(rds, &rec.id, status::AVAILABLE, |r| r.status = status::REBOOTING.into())? {
                return Ok(());
            }
            // A Multi-AZ primary whose server died fails over to its standby, as RDS does.
            if rec.multi_az {
                let ready = standby_of(rds, &rec.id)?
                    .is_some_and(|sb| sb.status == status::AVAILABLE && sb.process.is_some_and(server::alive));
                if ready {
                    tracing::warn!(db_instance = %rec.id, "Multi-AZ primary's server died; failing over");
                    return failover(rds, &l, &rec, &params);
                }
            }
            tracing::warn!(db_instance = %rec.id, "DB instance's server is not running; restarting it");
            let p = ensure_running(&l, &rec, &params)?;
            settle(rds, &rec.id, status::REBOOTING, |r| {
                r.status = status::AVAILABLE.into();
                r.process = Some(p);
                r.recoveries += 1;
                started_with(r, &params);
            })?;
            tracing::info!(db_instance = %rec.id, "DB instance recovered");
            events::db_instance(
                rds,
                &rec.id,
                "availability",
                "DB instance restarted: its database server had stopped unexpectedly and was started again",
            );
            Ok(())
        }
        Work::Restart => {
            if l.engine == server::Engine::Postgres {
                // Its standby takes the group's static settings too (first: a hot standby needs
                // max_connections and the like at least as high as its primary's).
                restart_standby(rds, &rec, &params)?;
            }
            stop_server(&l, &rec);
            let fresh = InstanceRec { process: None, ..rec.clone() };
            let p = ensure_running(&l, &fresh, &params)?;
            if settle(rds, &rec.id, status::REBOOTING, |r| {
                r.status = status::AVAILABLE.into();
                r.process = Some(p);
                started_with(r, &params);
            })? {
                events::db_instance(rds, &rec.id, "availability", "DB instance restarted");
            }
            Ok(())
        }
        Work::Promote => {
            let p = ensure_running(&l, &rec, &params)?;
            server::promote(&l)?;
            let promoted = InstanceRec { source: None, ..rec.clone() };
            server::write_config(&l, &promoted, false, &params.values)?;
            settle(rds, &rec.id, status::MODIFYING, |r| {
                r.status = status::AVAILABLE.into();
                r.source = None;
                r.promotion_pending = false;
                r.process = Some(p);
                if r.backup_retention == 0 {
                    r.backup_retention = 1;
                }
            })?;
            tracing::info!(db_instance = %rec.id, "read replica promoted");
            events::db_instance(
                rds,
                &rec.id,
                "read replica",
                "Promoted Read Replica to a stand-alone database instance",
            );
            Ok(())
        }
        Work::Stop => {
            stop_server(&l, &rec);
            if settle(rds, &rec.id, &rec.status, |r| {
                r.status = status::STOPPED.into();
                r.process = None;
            })? && rec.status == status::STOPPING
            {
                events::db_instance(rds, &rec.id, "notification", "DB instance stopped");
            }
            Ok(())
        }
        Work::Start => {
            let p = ensure_running(&l, &rec, &params)?;
            if settle(rds, &rec.id, status::STARTING, |r| {
                r.status = status::AVAILABLE.into();
                r.process = Some(p);
                started_with(r, &params);
            })? {
                events::db_instance(rds, &rec.id, "notification", "DB instance started");
            }
            Ok(())
        }
        Work::Delete => delete(rds, &l, &rec),
        Work::Snapshot => snapshot(rds, &l, &rec, &params),
        Work::ResetPassword => {
            let p = ensure_running(&l, &rec, &params)?;
            let file = rec.pending_password_file.clone().ok_or("the new master password is gone")?;
            let password = std::fs::read_to_string(&file).map_err(|e| format!("reading the master password: {e}"))?;
            server::set_password(&l, &rec.master_username, &password)?;
            if settle(rds, &rec.id, status::RESETTING_MASTER_CREDENTIALS, |r| {
                r.status = status::AVAILABLE.into();
                r.process = Some(p);
                r.pending_password_file = None;
            })? {
                let _ = std::fs::remove_file(&file);
                events::db_instance(rds, &rec.id, "configuration change", "Reset master credentials");
            }
            Ok(())
        }
    }
}

/// Make a new DB instance's server; None while a replica's source is not ready.
fn provision(rds: &Rds, l: &Layout, rec: &InstanceRec, params: &Params) -> Result<Option<ProcessId>, String> {
    // A server (or an install, a copy) left from an attempt cut short goes first.
    stop_server(l, rec);
    server::kill_strays(l);
    if let Some(snap_id) = &rec.restore_from {
        let snap: Option<SnapshotRec> =
            rds.store.read(|tx| tx.get(kind::SNAPSHOT, snap_id)).map_err(|e| e.to_string())?;
        let snap = snap.ok_or_else(|| format!("DB snapshot {snap_id} is gone"))?;
        server::write_config(l, rec, false, &params.values)?;
        snapshots::restore(rds, &snap, &l.data)?;
        server::forget_replication(&l.data)?;
        let p = match rec.restore_to.as_ref().filter(|_| l.engine == server::Engine::Postgres) {
            Some((source, until)) => recover_postgres(rds, l, &snap, source, *until)?,
            None => server::start(l)?,
        };
        server::reset_replication_account(l)?;
        if let Some((source, until)) = rec.restore_to.as_ref().filter(|_| l.engine == server::Engine::MySql) {
            let source_data = rds.dir().join("instances").join(source).join("data");
            server::replay_binlog(l, &source_data, &snap.gtid, *until)?;
        }
        return Ok(Some(p));
    }
    match &rec.source {
        None => {
            server::write_config(l, rec, false, &params.values)?;
            server::initialize(l)?;
            let p = server::start(l)?;
            let pw_file = rec.pending_password_file.as_deref().ok_or("the master password is gone")?;
            let password = std::fs::read_to_string(pw_file).map_err(|e| format!("reading the master password: {e}"))?;
            server::bootstrap(l, &rec.master_username, &password, rec.db_name.as_deref())?;
            Ok(Some(p))
        }
        Some(source_id) => {
            let source: Option<InstanceRec> =
                rds.store.read(|tx| tx.get(kind::INSTANCE, source_id)).map_err(|e| e.to_string())?;
            let Some(source) = source else { return Err(format!("source DB instance {source_id} is gone")) };
            if !source.process.is_some_and(server::alive) {
                return Ok(None);
            }
            let sl = Layout::new(rds.dir(), &source);
            server::write_config(l, rec, true, &params.values)?;
            let seed = l.dir.join("seed");
            let gtid = server::backup(&sl, &seed)?;
            if l.data.exists() {
                std::fs::remove_dir_all(&l.data).map_err(|e| format!("removing {}: {e}", l.data.display()))?;
            }
            std::fs::rename(&seed, &l.data).map_err(|e| format!("placing the seed: {e}"))?;
            let repl =
                std::fs::read_to_string(&sl.repl_pw).map_err(|e| format!("reading the replication password: {e}"))?;
            server::write_private(&l.repl_pw, &repl)?;
            server::prepare_replica(l, &source.address, source.port, repl.trim())?;
            let p = server::start(l)?;
            server::start_replication(l, &source.address, source.port, repl.trim(), &gtid)?;
            Ok(Some(p))
        }
    }
}

/// PostgreSQL's point in time: the restored base backup recovers from the source's WAL as it
/// starts. A running source first archives everything it committed so far; a stopped one's last
/// segment is read from its `pg_wal`. If the WAL ends before the time (nothing committed at or
/// after it: PostgreSQL then refuses to go on), its end is that moment: recovered again to it.
fn recover_postgres(rds: &Rds, l: &Layout, snap: &SnapshotRec, source: &str, until: f64) -> Result<ProcessId, String> {
    let src: Option<InstanceRec> = rds.store.read(|tx| tx.get(kind::INSTANCE, source)).map_err(|e| e.to_string())?;
    let src = src.ok_or_else(|| format!("source DB instance {source} is gone"))?;
    let sl = Layout::new(rds.dir(), &src);
    let live = src.process.is_some_and(server::alive);
    if live {
        crate::pg::archive_now(&sl)?;
    }
    let source_wal = (!live).then(|| sl.data.join("pg_wal"));
    crate::pg::recover_to(l, &sl.archive, source_wal.as_deref(), Some(until))?;
    let first = server::start(l).and_then(|p| crate::pg::finish_recovery(l, p).map(|()| p));
    match first {
        Err(_) if crate::pg::target_not_reached(l) => {
            if let Some(p) = server::running(l) {
                server::stop(l, p);
            }
            snapshots::restore(rds, snap, &l.data)?;
            server::forget_replication(&l.data)?;
            crate::pg::recover_to(l, &sl.archive, source_wal.as_deref(), None)?;
            let p = server::start(l)?;
            crate::pg::finish_recovery(l, p)?;
            Ok(p)
        }
        other => other,
    }
}

fn standby_of(rds: &Rds, id: &str) -> Result<Option<StandbyRec>, String> {
    rds.store.read(|tx| tx.get::<StandbyRec>(kind::STANDBY, id)).map_err(|e| e.to_string())
}

/// The instance's Multi-AZ standby if it is available and its server runs.
fn serving_standby(rds: &Rds, id: &str) -> Result<Option<StandbyRec>, String> {
    Ok(standby_of(rds, id)?.filter(|sb| sb.status == status::AVAILABLE && sb.process.is_some_and(server::alive)))
}

/// Restart a serving Multi-AZ standby's server with the group's current settings.
fn restart_standby(rds: &Rds, primary: &InstanceRec, params: &Params) -> Result<(), String> {
    let Some(sb) = serving_standby(rds, &primary.id)? else { return Ok(()) };
    let view = sb.view(primary);
    let sl = Layout::new(rds.dir(), &view);
    stop_server(&sl, &view);
    let p = ensure_running(&sl, &StandbyRec { process: None, ..sb.clone() }.view(primary), params)?;
    settle_standby(rds, &sb.id, status::AVAILABLE, |s| s.process = Some(p))?;
    Ok(())
}

/// Persist a standby's change if it is still in state `from`.
fn settle_standby(rds: &Rds, id: &str, from: &str, f: impl FnOnce(&mut StandbyRec)) -> Result<bool, String> {
    rds.store
        .write(|tx| {
            let Some(mut sb) = tx.get::<StandbyRec>(kind::STANDBY, id)? else { return Ok(false) };
            if sb.status != from {
                return Ok(false);
            }
            f(&mut sb);
            tx.put(kind::STANDBY, id, &sb)?;
            Ok::<_, store::StoreError>(true)
        })
        .map_err(|e| e.to_string())
}

#[derive(Debug, Clone, Copy)]
enum StandbyWork {
    Provision,
    Recover,
    Stop,
}

/// Multi-AZ standbys: seeded once their primary serves, restarted when they die while it
/// serves, stopped while it is stopped.
fn pass_standbys(rds: &Arc<Rds>, busy: &Arc<Mutex<HashSet<String>>>, recs: &[InstanceRec]) {
    let Ok(standbys) = rds.store.read(|tx| tx.list::<StandbyRec>(kind::STANDBY, "")) else { return };
    for (_, sb) in standbys {
        let Some(primary) = recs.iter().find(|r| r.id == sb.id) else { continue };
        let primary_live = primary.status == status::AVAILABLE && primary.process.is_some_and(server::alive);
        let live = sb.process.is_some_and(server::alive);
        let work = match (sb.status.as_str(), primary.status.as_str()) {
            (status::CREATING, _) if primary_live => StandbyWork::Provision,
            (status::AVAILABLE, _) if primary_live && !live => StandbyWork::Recover,
            (_, status::STOPPED) if live => StandbyWork::Stop,
            _ => continue,
        };
        // One job at a time for the primary and its standby together (failover touches both).
        if !busy.lock().unwrap_or_else(|e| e.into_inner()).insert(primary.id.clone()) {
            continue;
        }
        let (rds, busy, primary) = (rds.clone(), busy.clone(), primary.clone());
        tokio::task::spawn_blocking(move || {
            let quiet = rds.reset_gate.read().unwrap_or_else(|e| e.into_inner());
            let outcome = act_standby(&rds, &primary, sb, work);
            drop(quiet);
            if let Err(e) = outcome {
                tracing::error!(db_instance = %primary.id, ?work, error = %e, "rds controller: Multi-AZ standby");
            }
            busy.lock().unwrap_or_else(|e| e.into_inner()).remove(&primary.id);
            rds.wake.notify_one();
        });
    }
}

fn act_standby(rds: &Rds, primary: &InstanceRec, sb: StandbyRec, work: StandbyWork) -> Result<(), String> {
    let params = group_params(rds, primary)?;
    let view = sb.view(primary);
    let sl = Layout::new(rds.dir(), &view);
    let pl = Layout::new(rds.dir(), primary);
    match work {
        StandbyWork::Provision => {
            stop_server(&sl, &view);
            server::kill_strays(&sl);
            server::write_config(&sl, &view, true, &params.values)?;
            let seed = sl.dir.join("seed");
            let gtid = server::backup(&pl, &seed)?;
            if sl.data.exists() {
                std::fs::remove_dir_all(&sl.data).map_err(|e| format!("removing {}: {e}", sl.data.display()))?;
            }
            std::fs::rename(&seed, &sl.data).map_err(|e| format!("placing the seed: {e}"))?;
            let repl =
                std::fs::read_to_string(&pl.repl_pw).map_err(|e| format!("reading the replication password: {e}"))?;
            server::write_private(&sl.repl_pw, &repl)?;
            server::prepare_replica(&sl, &primary.address, primary.port, repl.trim())?;
            let p = server::start(&sl)?;
            server::start_replication(&sl, &primary.address, primary.port, repl.trim(), &gtid)?;
            if pl.engine == server::Engine::Postgres {
                // From now on the primary acknowledges a commit once the standby has flushed it.
                crate::pg::synchronous_standby(&pl, &sl)?;
            }
            if settle_standby(rds, &sb.id, status::CREATING, |s| {
                s.status = status::AVAILABLE.into();
                s.process = Some(p);
            })? {
                events::db_instance(rds, &primary.id, "availability", "Multi-AZ standby instance is available");
            }
            Ok(())
        }
        StandbyWork::Recover => {
            let p = ensure_running(&sl, &view, &params)?;
            settle_standby(rds, &sb.id, status::AVAILABLE, |s| s.process = Some(p))?;
            Ok(())
        }
        StandbyWork::Stop => {
            stop_server(&sl, &view);
            settle_standby(rds, &sb.id, &sb.status, |s| s.process = None)?;
            Ok(())
        }
    }
}

/// RebootDBInstance with ForceFailover, or a Multi-AZ primary's server died: the standby becomes
/// the primary at the same Endpoint and nothing acknowledged is lost. The primary stops taking writes, the standby applies all it
/// has up to the primary's last transaction, both stop, the two datadirs change places, and the
/// instance starts again on its own address from what was the standby's data. The old primary's
/// side is seeded again as the new standby. Its zones change places too, as RDS shows.
fn failover(rds: &Rds, l: &Layout, rec: &InstanceRec, params: &Params) -> Result<(), String> {
    let sb = standby_of(rds, &rec.id)?.ok_or("the instance has no standby")?;
    let view = sb.view(rec);
    let sl = Layout::new(rds.dir(), &view);
    events::db_instance(rds, &rec.id, "failover", "Multi-AZ instance failover started.");
    ensure_running(&sl, &view, params)?;
    let primary_live = rec.process.is_some_and(server::alive);
    if l.engine == server::Engine::MySql {
        let gtid = if primary_live {
            // Planned: no write gets in after the position the standby must reach.
            server::freeze(l)?;
            server::binlog_position(l)?
        } else {
            // The primary died: every transaction it acknowledged is in the standby's relay log
            // (semi-sync AFTER_SYNC); apply all the standby received.
            server::received_position(&sl)?
        };
        server::wait_applied(&sl, &gtid, 60)?;
    }
    // PostgreSQL: the standby has flushed every commit the primary acknowledged (synchronous
    // replication), and a primary shutting down sends its standby all its WAL before it exits;
    // the standby's datadir, started without `standby.signal`, replays all of it (crash
    // recovery) and serves as the primary.
    stop_server(l, rec);
    stop_server(&sl, &view);
    let swap = l.dir.with_extension("swap");
    let _ = std::fs::remove_dir_all(&swap);
    std::fs::rename(&l.dir, &swap).map_err(|e| format!("failover: {e}"))?;
    std::fs::rename(&sl.dir, &l.dir).map_err(|e| format!("failover: {e}"))?;
    std::fs::rename(&swap, &sl.dir).map_err(|e| format!("failover: {e}"))?;
    server::forget_replication(&l.data)?;
    let promoted = InstanceRec { process: None, ..rec.clone() };
    server::write_config(l, &promoted, false, &params.values)?;
    let p = server::start(l)?;
    server::promote(l)?;
    let (old_zone, new_zone) = (rec.availability_zone.clone(), sb.availability_zone.clone());
    rds.store
        .write(|tx| {
            if let Some(mut s) = tx.get::<StandbyRec>(kind::STANDBY, &rec.id)? {
                s.status = status::CREATING.into();
                s.process = None;
                s.availability_zone = old_zone.clone();
                tx.put(kind::STANDBY, &rec.id, &s)?;
            }
            Ok::<_, store::StoreError>(())
        })
        .map_err(|e| e.to_string())?;
    settle(rds, &rec.id, status::REBOOTING, |r| {
        r.status = status::AVAILABLE.into();
        r.process = Some(p);
        r.failover_pending = false;
        r.availability_zone = new_zone;
        started_with(r, params);
    })?;
    events::db_instance(rds, &rec.id, "failover", "Multi-AZ instance failover completed.");
    Ok(())
}

/// Record the automated snapshot a new instance gets (`rds:<id>-YYYY-MM-DD-HH-MM-SS`).
fn automated_snapshot(rds: &Rds, rec: &InstanceRec) -> Result<String, String> {
    let stamp = crate::records::utc_datetime(rds.now()).replace([' ', ':'], "-");
    let id = format!("rds:{}-{stamp}", rec.id);
    let snap = crate::ops::snapshots::new_snapshot(rds, rec, &id, "automated");
    rds.store.write(|tx| tx.put(kind::SNAPSHOT, &id, &snap)).map_err(|e: store::StoreError| e.to_string())?;
    Ok(id)
}

fn snapshot_done(rds: &Rds, snap_id: &str, size: u64, gtid: &str) -> Result<(), String> {
    rds.store
        .write(|tx| {
            if let Some(mut s) = tx.get::<SnapshotRec>(kind::SNAPSHOT, snap_id)? {
                s.status = "available".into();
                s.size = size;
                s.gtid = gtid.to_string();
                tx.put(kind::SNAPSHOT, snap_id, &s)?;
            }
            Ok::<_, store::StoreError>(())
        })
        .map_err(|e| e.to_string())
}

/// CreateDBSnapshot: a prepared `mariabackup` of the running server (consistent, without
/// stopping it) into the block store; the instance is `backing-up` meanwhile.
fn snapshot(rds: &Rds, l: &Layout, rec: &InstanceRec, params: &Params) -> Result<(), String> {
    let snap_id = rec.snapshot_pending.clone().ok_or("no snapshot pending")?;
    events::db_instance(rds, &rec.id, "backup", "Backing up DB instance");
    let taken = (|| {
        let snap: SnapshotRec = rds
            .store
            .read(|tx| tx.get(kind::SNAPSHOT, &snap_id))
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("DB snapshot {snap_id} is gone"))?;
        ensure_running(l, rec, params)?;
        let copy = l.dir.join("snapshot-copy");
        let out = server::backup(l, &copy).and_then(|gtid| Ok((snapshots::take(rds, &snap, &copy)?, gtid)));
        let _ = std::fs::remove_dir_all(&copy);
        out
    })();
    match &taken {
        Ok((size, gtid)) => snapshot_done(rds, &snap_id, *size, gtid)?,
        Err(_) => {
            rds.store
                .write(|tx| {
                    if let Some(mut s) = tx.get::<SnapshotRec>(kind::SNAPSHOT, &snap_id)? {
                        s.status = "failed".into();
                        tx.put(kind::SNAPSHOT, &snap_id, &s)?;
                    }
                    Ok::<_, store::StoreError>(())
                })
                .map_err(|e| e.to_string())?;
        }
    }
    settle(rds, &rec.id, status::BACKING_UP, |r| {
        r.status = status::AVAILABLE.into();
        r.snapshot_pending = None;
    })?;
    match taken {
        Ok(_) => {
            events::db_instance(rds, &rec.id, "backup", "Finished DB Instance backup");
            Ok(())
        }
        Err(e) => Err(format!("DB snapshot {snap_id} failed: {e}")),
    }
}

fn delete(rds: &Rds, l: &Layout, rec: &InstanceRec) -> Result<(), String> {
    stop_server(l, rec);
    server::kill_strays(l);
    if let Some(sb) = standby_of(rds, &rec.id)? {
        let view = sb.view(rec);
        let sl = Layout::new(rds.dir(), &view);
        stop_server(&sl, &view);
        if sl.dir.exists() {
            std::fs::remove_dir_all(&sl.dir).map_err(|e| format!("removing {}: {e}", sl.dir.display()))?;
        }
        if sl.engine == server::Engine::Postgres {
            let _ = std::fs::remove_dir_all(&sl.socket);
        } else {
            let _ = std::fs::remove_file(&sl.socket);
        }
        let _ = std::fs::remove_dir_all(&sl.archive);
        rds.store
            .write(|tx| tx.delete(kind::STANDBY, &rec.id).map(|_| ()))
            .map_err(|e: store::StoreError| e.to_string())?;
    }
    if let Some(snap_id) = &rec.final_snapshot {
        // The server shut down cleanly: its datadir is a consistent copy.
        let snap: Option<SnapshotRec> =
            rds.store.read(|tx| tx.get(kind::SNAPSHOT, snap_id)).map_err(|e| e.to_string())?;
        if let Some(snap) = snap.filter(|s| s.status != "available") {
            let size = snapshots::take(rds, &snap, &l.data)?;
            snapshot_done(rds, snap_id, size, "")?;
        }
    }
    // Its automated backups go with it (RDS's DeleteAutomatedBackups default).
    let autos: Vec<SnapshotRec> = every::<SnapshotRec>(rds, kind::SNAPSHOT)?
        .into_iter()
        .filter(|s| s.instance_id == rec.id && s.snapshot_type == "automated")
        .collect();
    for snap in autos {
        snapshots::remove(rds, &snap)?;
        rds.store
            .write(|tx| tx.delete(kind::SNAPSHOT, &snap.id).map(|_| ()))
            .map_err(|e: store::StoreError| e.to_string())?;
    }
    if l.dir.exists() {
        std::fs::remove_dir_all(&l.dir).map_err(|e| format!("removing {}: {e}", l.dir.display()))?;
    }
    let _ = std::fs::remove_dir_all(&l.archive);
    if l.engine == server::Engine::Postgres {
        let _ = std::fs::remove_dir_all(&l.socket);
    } else {
        let _ = std::fs::remove_file(&l.socket);
    }
    if let Some(f) = &rec.pending_password_file {
        let _ = std::fs::remove_file(f);
    }
    let ended = crate::records::EndedDbInstance {
        id: rec.id.clone(),
        class: rec.class.clone(),
        engine: rec.engine.clone(),
        zone: rec.availability_zone.clone(),
        created: rec.created,
        deleted: rds.now(),
    };
    rds.store
        .write(|tx| {
            tx.delete(kind::INSTANCE, &rec.id)?;
            tx.put(kind::ENDED, &format!("{}/{}", rec.id, rec.created), &ended)?;
            Ok::<_, store::StoreError>(())
        })
        .map_err(|e| e.to_string())?;
    if let (Some(arn), Some(sm)) = (&rec.master_secret, &rds.secrets) {
        if let Err(e) = sm.delete_secret(arn) {
            tracing::warn!(db_instance = %rec.id, error = %e, "deleting the master user secret");
        }
    }
    tracing::info!(db_instance = %rec.id, "DB instance deleted");
    events::db_instance(rds, &rec.id, "deletion", "DB instance deleted");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(status: &str, process: Option<ProcessId>) -> InstanceRec {
        InstanceRec {
            id: "db".into(),
            arn: String::new(),
            resource_id: String::new(),
            engine: "mysql".into(),
            engine_version: "8.0.40".into(),
            class: "db.t3.micro".into(),
            allocated_storage: 20,
            storage_type: "gp2".into(),
            master_username: "admin".into(),
            db_name: None,
            address: "127.254.0.1".into(),
            port: 3306,
            server_id: 1,
            status: status.into(),
            source: None,
            promotion_pending: status == status::MODIFYING,
            subnet_group: None,
            availability_zone: "ap-northeast-2a".into(),
            multi_az: false,
            publicly_accessible: false,
            backup_retention: 1,
            deletion_protection: false,
            vpc_security_groups: vec![],
            created: 0.0,
            tags: vec![],
            final_snapshot: None,
            pending_password_file: None,
            process,
            recoveries: 0,
            restore_from: None,
            snapshot_pending: None,
            parameter_group: None,
            param_generation: 0,
            param_status: None,
            static_at_start: BTreeMap::new(),
            applied_dynamic: BTreeMap::new(),
            failover_pending: false,
            restore_to: None,
            master_secret: None,
            vpc_address: None,
        }
    }

    #[test]
    fn each_engine_has_its_server_and_layout() {
        let root = std::path::Path::new("/d/rds");
        let mysql = Layout::new(root, &rec(status::AVAILABLE, None));
        assert_eq!(mysql.engine, server::Engine::MySql);
        assert_eq!(mysql.socket, root.join("s/1.sock"));
        assert_eq!(mysql.pid_file, root.join("instances/db/mysqld.pid"));
        let pg = InstanceRec { engine: "postgres".into(), port: 5432, ..rec(status::AVAILABLE, None) };
        let pg = Layout::new(root, &pg);
        assert_eq!((pg.engine, pg.port), (server::Engine::Postgres, 5432));
        assert_eq!(pg.socket, root.join("s/pg1"), "a directory: PostgreSQL names its socket in it");
        assert_eq!(pg.pid_file, root.join("instances/db/data/postmaster.pid"));
        assert_eq!(pg.cnf, root.join("instances/db/postgresql.conf"));
        assert_eq!(server::Engine::of("mariadb"), server::Engine::MySql);
    }

    #[test]
    fn automated_backups_daily_within_the_retention_period() {
        let now = 10.0 * DAY;
        assert!(!backup_due(now, 1, &[now - 3600.0]), "one an hour ago");
        assert!(backup_due(now, 1, &[now - DAY - 1.0]), "a day ago");
        assert!(backup_due(now, 7, &[now - 3.0 * DAY, now - 1.5 * DAY]));
        assert!(!backup_due(now, 0, &[now - 3.0 * DAY]), "retention 0: no backups");
        assert!(backup_due(now, 1, &[]), "backups just turned on (ModifyDBInstance, a promoted replica)");
        assert!(expired(now, 1, now - DAY - 1.0));
        assert!(!expired(now, 7, now - 6.0 * DAY));
    }

    #[test]
    fn each_status_asks_for_its_work() {
        // This test's own process stands for a live server; a wrong start time for a dead one.
        let me = std::process::id();
        let start = std::fs::read_to_string(format!("/proc/{me}/stat")).unwrap();
        let start: u64 = start[start.rfind(')').unwrap() + 2..].split_whitespace().nth(19).unwrap().parse().unwrap();
        let live = Some(ProcessId { pid: me, start });
        let dead = Some(ProcessId { pid: me, start: start + 1 });
        let table: &[(&str, Option<ProcessId>, Option<Work>)] = &[
            (status::CREATING, None, Some(Work::Provision)),
            (status::AVAILABLE, live, None),
            (status::AVAILABLE, dead, Some(Work::Recover)),
            (status::AVAILABLE, None, Some(Work::Recover)),
            (status::REBOOTING, live, Some(Work::Restart)),
            (status::MODIFYING, live, Some(Work::Promote)),
            (status::STOPPING, live, Some(Work::Stop)),
            (status::STOPPED, None, None),
            (status::STOPPED, live, Some(Work::Stop)),
            (status::STARTING, None, Some(Work::Start)),
            (status::DELETING, live, Some(Work::Delete)),
            (status::FAILED, None, None),
            (status::RESETTING_MASTER_CREDENTIALS, live, Some(Work::ResetPassword)),
            (status::BACKING_UP, live, Some(Work::Snapshot)),
        ];
        for (status, process, want) in table {
            assert_eq!(plan(&rec(status, *process), 0), *want, "{status} {process:?}");
        }
        // A parameter group changed under a running server.
        assert_eq!(plan(&rec(status::AVAILABLE, live), 3), Some(Work::ApplyParameters));
        assert_eq!(plan(&rec(status::REBOOTING, live), 3), Some(Work::Restart));
    }
}
