//! AWS/RDS metrics, measured every 5 s by the controller for every available DB instance and
//! handed to CloudWatch once (`Rds::take_metrics`, wired in `links.rs`): CPUUtilization (the
//! server process's CPU time over wall time, % of one CPU), DatabaseConnections,
//! FreeStorageSpace (AllocatedStorage less the datadir's size, bytes), ReadIOPS / WriteIOPS
//! (InnoDB data reads and writes per second), ReplicaLag (a replica's Seconds_Behind_Master).

use std::collections::HashMap;
use std::sync::Mutex;

use crate::records::{status, InstanceRec};
use crate::server::{self, Layout};
use crate::Rds;

/// How often the servers are measured.
pub const PERIOD_SECONDS: f64 = 5.0;

#[derive(Debug, Clone, PartialEq)]
pub struct RdsMetric {
    pub name: &'static str,
    pub db_instance: String,
    pub value: f64,
    pub unit: &'static str,
}

/// The previous measurement of each instance's counters (for rates).
#[derive(Default)]
pub struct Counters {
    last: Mutex<HashMap<String, (f64, f64, f64, f64)>>,
    pending: Mutex<Vec<RdsMetric>>,
}

impl Counters {
    pub fn take(&self) -> Vec<RdsMetric> {
        std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Measure every available instance (blocking: runs the client once per server).
pub fn collect(rds: &Rds, instances: &[InstanceRec]) {
    let now = rds.now();
    let mut out = Vec::new();
    let mut last = rds.counters.last.lock().unwrap_or_else(|e| e.into_inner()).clone();
    last.retain(|id, _| instances.iter().any(|r| &r.id == id));
    for rec in instances.iter().filter(|r| r.status == status::AVAILABLE) {
        let Some(p) = rec.process.filter(|p| server::alive(*p)) else { continue };
        let l = Layout::new(rds.dir(), rec);
        let Ok(st) = server::status(&l) else { continue };
        let cpu = server::cpu_seconds(p).unwrap_or(0.0);
        let metric = |name, value, unit| RdsMetric { name, db_instance: rec.id.clone(), value, unit };
        if let Some((t0, cpu0, reads0, writes0)) = last.get(&rec.id).copied() {
            let dt = now - t0;
            if dt > 0.0 {
                out.push(metric("CPUUtilization", ((cpu - cpu0) / dt * 100.0).clamp(0.0, 100.0), "Percent"));
                out.push(metric("ReadIOPS", ((st.data_reads - reads0) / dt).max(0.0), "Count/Second"));
                out.push(metric("WriteIOPS", ((st.data_writes - writes0) / dt).max(0.0), "Count/Second"));
            }
        }
        last.insert(rec.id.clone(), (now, cpu, st.data_reads, st.data_writes));
        out.push(metric("DatabaseConnections", st.connections, "Count"));
        let allocated = rec.allocated_storage as f64 * 1024.0 * 1024.0 * 1024.0;
        out.push(metric("FreeStorageSpace", (allocated - server::disk_usage(&l.data) as f64).max(0.0), "Bytes"));
        if rec.source.is_some() {
            if let Some(lag) = st.replica_lag {
                out.push(metric("ReplicaLag", lag, "Seconds"));
            }
        }
    }
    *rds.counters.last.lock().unwrap_or_else(|e| e.into_inner()) = last;
    rds.counters.pending.lock().unwrap_or_else(|e| e.into_inner()).extend(out);
}
