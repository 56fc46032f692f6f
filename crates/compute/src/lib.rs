//! Instance drivers: what makes an EC2 instance real. One trait, [`Driver`], with the process
//! driver as the embedded default — an instance is a supervised process tree rooted in its own
//! directory, listening on a loopback address of its own. Later drivers (network namespaces,
//! remote on-prem hosts, a public cloud) implement the same trait.

mod cgroup;
pub mod host;
mod process;

use std::path::PathBuf;
use std::time::Duration;

pub use process::ProcessDriver;

#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    #[error("the image's boot entry {0:?} cannot be started: {1}")]
    Boot(String, std::io::Error),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

/// CPU and memory an instance type is entitled to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub vcpus: f64,
    pub memory_mib: u64,
}

/// Everything needed to boot an instance.
#[derive(Debug, Clone)]
pub struct LaunchSpec {
    pub instance_id: String,
    /// The instance's root directory (its root volume).
    pub root_dir: PathBuf,
    /// The boot entry: program (relative to the root dir, or absolute) and arguments.
    pub command: Vec<String>,
    pub env: Vec<(String, String)>,
    /// Where stdout and stderr of everything the instance runs are appended.
    pub console_log: PathBuf,
    /// A `#!` user-data script to run once, at first boot, after the boot entry starts.
    pub user_data: Option<PathBuf>,
    pub limits: Limits,
    /// The network namespace the instance runs in (isolated networks, `vnet`); `None`: the
    /// daemon's own (loopback addresses).
    pub netns: Option<String>,
}

/// A running instance, as the driver knows it. Survives a daemon restart: the pid and the
/// process start time (which tells a reused pid apart) are enough to find it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Handle {
    pub pid: u32,
    pub start_ticks: u64,
}

/// What the driver could make real on this host, said honestly.
#[derive(Debug, Clone, Default)]
pub struct Capabilities {
    /// CPU and memory limits are enforced through cgroup v2.
    pub cgroup_limits: bool,
    pub notes: Vec<String>,
}

pub trait Driver: Send + Sync + 'static {
    fn start(&self, spec: &LaunchSpec) -> Result<Handle, DriverError>;
    /// Is the instance's boot process still running?
    fn is_alive(&self, h: Handle) -> bool;
    /// End the instance's whole process tree: SIGTERM, then SIGKILL after `grace`.
    fn stop(&self, instance_id: &str, h: Handle, grace: Duration);
    /// CPU seconds used by the instance's processes so far (for CPUUtilization).
    fn cpu_seconds(&self, instance_id: &str, h: Handle) -> Option<f64>;
    /// CPU seconds of many instances at once (a driver can do this in one pass).
    fn cpu_seconds_many(&self, instances: &[(&str, Handle)]) -> Vec<Option<f64>> {
        instances.iter().map(|(id, h)| self.cpu_seconds(id, *h)).collect()
    }
    fn capabilities(&self) -> Capabilities;
    /// The system status check: can the host keep the instance living under `root` running
    /// (room on its filesystem, memory)? The reason when it cannot.
    fn system_check(&self, root: &std::path::Path, _h: Handle) -> Result<(), String> {
        host::check(root)
    }
}
