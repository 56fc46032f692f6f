//! CPU and memory limits through cgroup v2, where the host offers a writable unified
//! hierarchy at /sys/fs/cgroup. Elsewhere (cgroup v1, containers without delegation) limits are
//! recorded but not enforced, and the driver says so in its capabilities.

use std::fs;
use std::path::{Path, PathBuf};

use crate::Limits;

const ROOT: &str = "/sys/fs/cgroup";
const PARENT: &str = "homeground";

/// The parent cgroup, if this host lets us create and control one.
pub fn available() -> Option<PathBuf> {
    let root = Path::new(ROOT);
    let controllers = fs::read_to_string(root.join("cgroup.controllers")).ok()?;
    if !(controllers.contains("cpu") && controllers.contains("memory")) {
        return None;
    }
    let parent = root.join(PARENT);
    fs::create_dir_all(&parent).ok()?;
    fs::write(root.join("cgroup.subtree_control"), "+cpu +memory").ok()?;
    fs::write(parent.join("cgroup.subtree_control"), "+cpu +memory").ok()?;
    Some(parent)
}

/// Create the instance's cgroup with its limits and move `pid` into it.
pub fn place(parent: &Path, instance_id: &str, limits: Limits, pid: u32) -> std::io::Result<()> {
    let dir = parent.join(instance_id);
    fs::create_dir_all(&dir)?;
    let period = 100_000u64;
    let quota = (limits.vcpus * period as f64).round() as u64;
    fs::write(dir.join("cpu.max"), format!("{quota} {period}"))?;
    fs::write(dir.join("memory.max"), (limits.memory_mib * 1024 * 1024).to_string())?;
    fs::write(dir.join("cgroup.procs"), pid.to_string())
}

pub fn add(parent: &Path, instance_id: &str, pid: u32) -> std::io::Result<()> {
    fs::write(parent.join(instance_id).join("cgroup.procs"), pid.to_string())
}

/// Kill every process in the instance's cgroup and remove it.
pub fn kill_and_remove(parent: &Path, instance_id: &str) {
    let dir = parent.join(instance_id);
    let _ = fs::write(dir.join("cgroup.kill"), "1");
    let _ = fs::remove_dir(&dir);
}

pub fn cpu_seconds(parent: &Path, instance_id: &str) -> Option<f64> {
    let stat = fs::read_to_string(parent.join(instance_id).join("cpu.stat")).ok()?;
    let usec: u64 = stat.lines().find_map(|l| l.strip_prefix("usage_usec "))?.trim().parse().ok()?;
    Some(usec as f64 / 1e6)
}
