//! Durability helpers.

use std::fs::File;
use std::path::Path;

use crate::error::{io_at, BlockError};

/// Makes the directory entries of `dir` durable.
pub fn sync_dir(dir: &Path) -> Result<(), BlockError> {
    File::open(dir).and_then(|d| d.sync_all()).map_err(io_at(dir))
}

/// True where [`sync_fs`] flushes a whole file system in one call, so chunk files need no fsync of their own.
/// Measured here (ext4): 1600 × 64 KiB files took 8 s with an fsync each and 1.4 s with one `syncfs`.
pub const HAS_SYNCFS: bool = cfg!(any(target_os = "linux", target_os = "android"));

/// Flushes the file system holding `dir` (data and metadata) to stable storage.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub fn sync_fs(dir: &Path) -> Result<(), BlockError> {
    use std::os::fd::AsRawFd;
    let d = File::open(dir).map_err(io_at(dir))?;
    // SAFETY: syncfs on a valid, open descriptor has no memory-safety preconditions.
    if unsafe { libc::syncfs(d.as_raw_fd()) } != 0 {
        return Err(io_at(dir)(std::io::Error::last_os_error()));
    }
    Ok(())
}

/// Elsewhere every chunk file is fsync'd as it is written; this makes the directory entries durable.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub fn sync_fs(dir: &Path) -> Result<(), BlockError> {
    for entry in std::fs::read_dir(dir).map_err(io_at(dir))? {
        let path = entry.map_err(io_at(dir))?.path();
        if path.is_dir() {
            sync_dir(&path)?;
        }
    }
    sync_dir(dir)
}
