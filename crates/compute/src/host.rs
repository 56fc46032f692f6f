//! The host's side of an instance's system status check: is there room on the filesystem that
//! holds the instance, and memory left on the host? A reading (`read`) and a pure verdict on it
//! (`verdict`), so the thresholds are table-tested.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// What the host has left, where an instance lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostReading {
    pub disk_free: u64,
    pub disk_total: u64,
    /// `MemAvailable` of /proc/meminfo, when the kernel reports it.
    pub mem_available: Option<u64>,
}

const MIB: u64 = 1 << 20;

/// Read the filesystem holding `path` and the host's available memory.
pub fn read(path: &Path) -> std::io::Result<HostReading> {
    let c = CString::new(path.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    // SAFETY: `c` is a valid NUL-terminated path and `st` a properly sized out-parameter.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let frsize = st.f_frsize as u64;
    let mem_available = std::fs::read_to_string("/proc/meminfo").ok().and_then(|m| {
        m.lines()
            .find(|l| l.starts_with("MemAvailable:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map(|kb| kb * 1024)
    });
    Ok(HostReading { disk_free: st.f_bavail as u64 * frsize, disk_total: st.f_blocks as u64 * frsize, mem_available })
}

/// Impaired when the instance's filesystem has less than 64 MiB or 0.5 % free, or the host
/// less than 32 MiB of memory available; the reason says which.
pub fn verdict(r: &HostReading) -> Result<(), String> {
    let floor = (r.disk_total / 200).max(64 * MIB);
    if r.disk_free < floor {
        return Err(format!(
            "the host's filesystem holding the instance has {} MiB free of {} MiB",
            r.disk_free / MIB,
            r.disk_total / MIB
        ));
    }
    if let Some(m) = r.mem_available.filter(|m| *m < 32 * MIB) {
        return Err(format!("the host has {} MiB of memory available", m / MIB));
    }
    Ok(())
}

/// The system status check's host part for an instance living under `path`.
pub fn check(path: &Path) -> Result<(), String> {
    let r = read(path).map_err(|e| format!("the host's filesystem holding the instance cannot be read: {e}"))?;
    verdict(&r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let ok = HostReading { disk_free: 10_000 * MIB, disk_total: 100_000 * MIB, mem_available: Some(4096 * MIB) };
        assert_eq!(verdict(&ok), Ok(()));
        // Under 0.5 % of a large disk.
        let full = HostReading { disk_free: 400 * MIB, ..ok };
        assert!(verdict(&full).unwrap_err().contains("400 MiB free of 100000 MiB"));
        // A small disk keeps at least 64 MiB.
        let small = HostReading { disk_free: 60 * MIB, disk_total: 1000 * MIB, mem_available: None };
        assert!(verdict(&small).is_err());
        assert_eq!(verdict(&HostReading { disk_free: 70 * MIB, ..small }), Ok(()));
        let no_memory = HostReading { mem_available: Some(10 * MIB), ..ok };
        assert_eq!(verdict(&no_memory), Err("the host has 10 MiB of memory available".into()));
    }

    #[test]
    fn reads_this_host() {
        let r = read(Path::new("/")).unwrap();
        assert!(r.disk_total > 0 && r.disk_free <= r.disk_total);
    }
}
