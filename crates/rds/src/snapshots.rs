//! DB snapshots' data: a datadir (a consistent copy: a stopped server's, or a prepared
//! `mariabackup` of a running one) archived as one tar file into the region's block store
//! (content-defined chunks, deduplicated across snapshots, BLAKE3-verified on restore), and
//! restored from there into a new instance's datadir.

use std::path::Path;

use crate::records::SnapshotRec;
use crate::server;
use crate::Rds;

fn scratch(rds: &Rds, name: &str) -> Result<std::path::PathBuf, String> {
    let dir = rds.dir().join("scratch");
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    Ok(dir.join(name))
}

/// Store a consistent datadir as the snapshot's data; returns its size in bytes.
pub fn take(rds: &Rds, snap: &SnapshotRec, datadir: &Path) -> Result<u64, String> {
    let tar = scratch(rds, &format!("{}.tar", snap.block_id()))?;
    let out = server::archive(datadir, &tar).and_then(|()| {
        let size = std::fs::metadata(&tar).map(|m| m.len()).unwrap_or(0);
        let _ = rds.blocks.delete_snapshot(&snap.block_id()); // a copy left by an attempt cut short
        rds.blocks
            .create_snapshot(&snap.block_id(), &tar, &mut |_, _| {})
            .map(|_| size)
            .map_err(|e| format!("storing the snapshot: {e}"))
    });
    let _ = std::fs::remove_file(&tar);
    out
}

/// Restore the snapshot's data into `datadir` (every chunk verified).
pub fn restore(rds: &Rds, snap: &SnapshotRec, datadir: &Path) -> Result<(), String> {
    let tar = scratch(rds, &format!("{}-{:08x}.tar", snap.block_id(), rand::random::<u32>()))?;
    let out = rds
        .blocks
        .restore(&snap.block_id(), &tar)
        .map_err(|e| format!("restoring the snapshot: {e}"))
        .and_then(|()| server::unpack(&tar, datadir));
    let _ = std::fs::remove_file(&tar);
    out
}

/// Remove the snapshot's data (and the chunks no other snapshot uses).
pub fn remove(rds: &Rds, snap: &SnapshotRec) -> Result<(), String> {
    match rds.blocks.delete_snapshot(&snap.block_id()) {
        Ok(()) | Err(blockstore::BlockError::NotFound(_)) => Ok(()),
        Err(e) => Err(format!("deleting the snapshot's data: {e}")),
    }
}
