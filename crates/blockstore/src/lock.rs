//! The store lock: `flock` on `<root>/lock`. Snapshots, copies, restores and reads take it shared; deletion (with
//! its garbage collection) takes it exclusive, so a chunk that a running snapshot has just found in the store
//! cannot be swept before that snapshot's manifest exists. `flock` binds to the open file, so one `BlockStore`
//! used from many threads and several processes sharing a root are all covered.

use std::fs::{File, OpenOptions};
use std::path::Path;

use crate::error::{io_at, BlockError};

/// Held lock; released on drop.
pub struct StoreLock {
    _file: File,
}

impl StoreLock {
    pub fn shared(path: &Path) -> Result<Self, BlockError> {
        Self::take(path, false)
    }

    pub fn exclusive(path: &Path) -> Result<Self, BlockError> {
        Self::take(path, true)
    }

    fn take(path: &Path, exclusive: bool) -> Result<Self, BlockError> {
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(path).map_err(io_at(path))?;
        flock(&file, exclusive).map_err(io_at(path))?;
        Ok(StoreLock { _file: file })
    }
}

#[cfg(unix)]
fn flock(file: &File, exclusive: bool) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let op = if exclusive { libc::LOCK_EX } else { libc::LOCK_SH };
    loop {
        // SAFETY: flock on a valid, open descriptor has no memory-safety preconditions.
        if unsafe { libc::flock(file.as_raw_fd(), op) } == 0 {
            return Ok(());
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

#[cfg(not(unix))]
fn flock(_file: &File, _exclusive: bool) -> std::io::Result<()> {
    Err(std::io::Error::new(std::io::ErrorKind::Unsupported, "the block store needs a Unix host"))
}
