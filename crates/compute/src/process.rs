//! The process driver: an instance is a process group started in its root directory, its
//! output appended to the console log, its user data run once at first boot. It is found again
//! after a daemon restart by pid and start time, and ended as a whole tree.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{cgroup, Capabilities, Driver, DriverError, Handle, LaunchSpec};

pub struct ProcessDriver {
    cgroups: Option<PathBuf>,
}

impl Default for ProcessDriver {
    fn default() -> Self {
        Self::new()
    }
}

impl ProcessDriver {
    pub fn new() -> ProcessDriver {
        ProcessDriver { cgroups: cgroup::available() }
    }
}

/// Fields of /proc/<pid>/stat after the command name: (state, pgrp, utime, stime, start ticks).
fn proc_stat(pid: u32) -> Option<(char, i64, u64, u64, u64)> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // rest[0] is field 3 (state); field n is f[n - 3].
    Some((
        f.first()?.chars().next()?,
        f.get(2)?.parse().ok()?,
        f.get(11)?.parse().ok()?,
        f.get(12)?.parse().ok()?,
        f.get(19)?.parse().ok()?,
    ))
}

/// Spawn, retrying while the program is "Text file busy" (ETXTBSY): another thread may still
/// hold a write descriptor to a freshly unpacked binary through a concurrent fork, until that
/// child execs. The race is brief; Go's os/exec retries the same way.
fn spawn_retrying(cmd: &mut Command) -> std::io::Result<std::process::Child> {
    let mut wait = Duration::from_millis(5);
    for _ in 0..8 {
        match cmd.spawn() {
            Err(e) if e.raw_os_error() == Some(libc::ETXTBSY) => {
                std::thread::sleep(wait);
                wait *= 2;
            }
            other => return other,
        }
    }
    cmd.spawn()
}

fn signal_group(pgid: u32, sig: libc::c_int) {
    // SAFETY: kill(2) with a negative pid signals a process group; no memory is touched.
    unsafe {
        libc::kill(-(pgid as libc::pid_t), sig);
    }
}

fn group_alive(pgid: u32) -> bool {
    // SAFETY: signal 0 only checks for existence.
    unsafe { libc::kill(-(pgid as libc::pid_t), 0) == 0 }
}

impl Driver for ProcessDriver {
    fn start(&self, spec: &LaunchSpec) -> Result<Handle, DriverError> {
        let console = OpenOptions::new().create(true).append(true).open(&spec.console_log)?;
        let program = match spec.command.first() {
            Some(p) if p.starts_with('/') => PathBuf::from(p),
            Some(p) => spec.root_dir.join(p),
            None => return Err(DriverError::Boot(String::new(), std::io::Error::other("the image has no boot entry"))),
        };
        let netns = match &spec.netns {
            Some(name) => Some(vnet::Netns::open(name)?),
            None => None,
        };
        let mut cmd = Command::new(&program);
        if let Some(ns) = &netns {
            ns.command(&mut cmd)?;
        }
        cmd.args(&spec.command[1..])
            .current_dir(&spec.root_dir)
            .env_clear()
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .envs(spec.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(console.try_clone()?)
            .stderr(console.try_clone()?)
            .process_group(0);
        let mut child = spawn_retrying(&mut cmd).map_err(|e| DriverError::Boot(program.display().to_string(), e))?;
        let pid = child.id();
        if let Some(parent) = &self.cgroups {
            if let Err(e) = cgroup::place(parent, &spec.instance_id, spec.limits, pid) {
                tracing::warn!(instance = %spec.instance_id, error = %e, "cgroup limits not applied");
            }
        }
        // Reap the boot process when it exits, so it never lingers as a zombie.
        std::thread::Builder::new().name(format!("reap-{}", spec.instance_id)).spawn(move || {
            let _ = child.wait();
        })?;
        if let Some(script) = &spec.user_data {
            let _ = fs::set_permissions(script, fs::Permissions::from_mode(0o700));
            let mut ud = Command::new(script);
            if let Some(ns) = &netns {
                ns.command(&mut ud)?;
            }
            ud.current_dir(&spec.root_dir)
                .env_clear()
                .env("PATH", "/usr/local/bin:/usr/bin:/bin")
                .envs(spec.env.iter().map(|(k, v)| (k, v)))
                .stdin(Stdio::null())
                .stdout(console.try_clone()?)
                .stderr(console)
                .process_group(pid as i32);
            match ud.spawn() {
                Ok(mut c) => {
                    if let Some(parent) = &self.cgroups {
                        let _ = cgroup::add(parent, &spec.instance_id, c.id());
                    }
                    std::thread::spawn(move || {
                        let _ = c.wait();
                    });
                }
                Err(e) => tracing::warn!(instance = %spec.instance_id, error = %e, "user data did not start"),
            }
        }
        let start_ticks = proc_stat(pid).map(|s| s.4).unwrap_or(0);
        Ok(Handle { pid, start_ticks })
    }

    fn is_alive(&self, h: Handle) -> bool {
        matches!(proc_stat(h.pid), Some((state, _, _, _, start)) if state != 'Z' && state != 'X' && start == h.start_ticks)
    }

    fn stop(&self, instance_id: &str, h: Handle, grace: Duration) {
        // The boot process leads the group; a reused pid with another start time is not ours.
        let ours = proc_stat(h.pid).is_none_or(|s| s.4 == h.start_ticks);
        if ours {
            signal_group(h.pid, libc::SIGTERM);
            let deadline = Instant::now() + grace;
            while group_alive(h.pid) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            if group_alive(h.pid) {
                signal_group(h.pid, libc::SIGKILL);
            }
            let deadline = Instant::now() + Duration::from_secs(2);
            while group_alive(h.pid) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        if let Some(parent) = &self.cgroups {
            cgroup::kill_and_remove(parent, instance_id);
        }
    }

    fn cpu_seconds(&self, instance_id: &str, h: Handle) -> Option<f64> {
        if let Some(parent) = &self.cgroups {
            if let Some(s) = cgroup::cpu_seconds(parent, instance_id) {
                return Some(s);
            }
        }
        self.cpu_seconds_many(&[(instance_id, h)]).pop().flatten()
    }

    fn cpu_seconds_many(&self, instances: &[(&str, Handle)]) -> Vec<Option<f64>> {
        if let Some(parent) = &self.cgroups {
            return instances.iter().map(|(id, _)| cgroup::cpu_seconds(parent, id)).collect();
        }
        if instances.is_empty() {
            return Vec::new();
        }
        // One pass over /proc, summing the CPU of every live process by its process group.
        let ticks = clock_ticks();
        let mut by_group: std::collections::HashMap<i64, u64> = std::collections::HashMap::new();
        if let Ok(dir) = fs::read_dir("/proc") {
            for entry in dir.flatten() {
                let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else { continue };
                if let Some((_, pgrp, ut, st, _)) = proc_stat(pid) {
                    *by_group.entry(pgrp).or_default() += ut + st;
                }
            }
        }
        instances.iter().map(|(_, h)| by_group.get(&(h.pid as i64)).map(|t| *t as f64 / ticks)).collect()
    }

    fn capabilities(&self) -> Capabilities {
        let mut c = Capabilities { cgroup_limits: self.cgroups.is_some(), notes: vec![] };
        if self.cgroups.is_none() {
            c.notes.push(
                "no writable cgroup v2 hierarchy: instance-type CPU and memory limits are recorded, not enforced"
                    .into(),
            );
        }
        c
    }
}

fn clock_ticks() -> f64 {
    // SAFETY: sysconf has no preconditions.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 {
        t as f64
    } else {
        100.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;

    #[test]
    fn starts_supervises_and_ends_the_whole_tree() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        fs::create_dir_all(root.join("bin")).unwrap();
        let boot = root.join("bin/boot");
        // The boot entry starts a child of its own: both must end on stop.
        fs::write(&boot, "#!/bin/sh\necho booted $INSTANCE_ID\nsleep 300 &\necho $! > child.pid\nwait\n").unwrap();
        fs::set_permissions(&boot, fs::Permissions::from_mode(0o755)).unwrap();
        let ud = dir.path().join("user-data");
        fs::write(&ud, "#!/bin/sh\necho user-data ran\n").unwrap();
        let spec = LaunchSpec {
            instance_id: "i-0123456789abcdef0".into(),
            root_dir: root.clone(),
            command: vec!["bin/boot".into()],
            env: vec![("INSTANCE_ID".into(), "i-0123456789abcdef0".into())],
            console_log: dir.path().join("console.log"),
            user_data: Some(ud),
            limits: Limits { vcpus: 1.0, memory_mib: 1024 },
            netns: None,
        };
        let d = ProcessDriver::new();
        let h = d.start(&spec).unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        while !root.join("child.pid").exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(100));
        let child: u32 = fs::read_to_string(root.join("child.pid")).unwrap().trim().parse().unwrap();
        assert!(d.is_alive(h));
        assert!(proc_stat(child).is_some(), "the boot entry's child runs");
        let log = fs::read_to_string(dir.path().join("console.log")).unwrap();
        assert!(log.contains("booted i-0123456789abcdef0"), "{log}");
        assert!(log.contains("user-data ran"), "{log}");
        assert!(d.cpu_seconds("i-0123456789abcdef0", h).is_some());
        let many =
            d.cpu_seconds_many(&[("i-0123456789abcdef0", h), ("i-gone", Handle { pid: u32::MAX - 1, start_ticks: 0 })]);
        assert!(many[0].is_some() && many[1].is_none());
        d.stop("i-0123456789abcdef0", h, Duration::from_secs(2));
        std::thread::sleep(Duration::from_millis(100));
        assert!(!d.is_alive(h));
        assert!(proc_stat(child).is_none_or(|s| s.0 == 'Z'), "no process of the instance is left");
    }
}
