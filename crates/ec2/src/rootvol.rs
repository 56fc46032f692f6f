//! Root volumes on the process driver are directory trees. Their snapshots — the backing of
//! every AMI — are a deterministic tar of the tree (entries sorted, modes and times kept), kept in
//! the block store like any volume's snapshot, so images share chunks with each other and
//! restoring one is verified chunk by chunk. `dev/` (where data volumes appear) is left out.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Ec2Error, Result};
use crate::storage::{kind, SnapshotRec, SnapshotState};
use crate::{ids, Ec2};

fn append_sorted(b: &mut tar::Builder<File>, root: &Path, rel: &Path) -> io::Result<()> {
    let dir = root.join(rel);
    let mut entries: Vec<_> = fs::read_dir(&dir)?.collect::<io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = rel.join(e.file_name());
        if rel.as_os_str().is_empty() && e.file_name() == "dev" {
            continue;
        }
        let ft = e.file_type()?;
        b.append_path_with_name(e.path(), &name)?;
        if ft.is_dir() {
            append_sorted(b, root, &name)?;
        }
    }
    Ok(())
}

/// Pack `dir` into the tar file `out`.
pub fn pack(dir: &Path, out: &Path) -> io::Result<()> {
    let mut b = tar::Builder::new(File::create(out)?);
    b.follow_symlinks(false);
    append_sorted(&mut b, dir, Path::new(""))?;
    b.into_inner()?.sync_all()
}

/// Unpack a tar into `dir`, which must not exist yet; a failure leaves no `dir`.
pub fn unpack(tar_file: &Path, dir: &Path) -> io::Result<()> {
    let tmp = dir.with_extension("partial");
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp)?;
    let mut a = tar::Archive::new(File::open(tar_file)?);
    a.set_preserve_permissions(true);
    a.set_preserve_mtime(true);
    if let Err(e) = a.unpack(&tmp) {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    fs::rename(&tmp, dir)
}

fn scratch(ec2: &Ec2, what: &str) -> PathBuf {
    let dir = ec2.config.dir.join("scratch");
    let _ = fs::create_dir_all(&dir);
    dir.join(format!("{what}-{}.tar", ids::new("tmp")))
}

/// Snapshot a root directory as a completed snapshot record, described as asked.
pub fn snapshot_root(ec2: &Ec2, dir: &Path, volume_id: &str, description: String) -> Result<String> {
    let tar_file = scratch(ec2, "pack");
    let io_err = |e: io::Error| Ec2Error::Internal(format!("packing {}: {e}", dir.display()));
    pack(dir, &tar_file).map_err(io_err)?;
    let id = ids::new("snap");
    let started = ec2.now();
    let stats = ec2.blocks.create_snapshot(&id, &tar_file, &mut |_, _| {});
    let _ = fs::remove_file(&tar_file);
    let stats = stats.map_err(|e| Ec2Error::Internal(format!("snapshotting {}: {e}", dir.display())))?;
    let rec = SnapshotRec {
        snapshot_id: id.clone(),
        volume_id: volume_id.into(),
        volume_size: 8,
        state: SnapshotState::Completed,
        progress: 100,
        state_message: None,
        start_time: started,
        completion_time: Some(ec2.now()),
        description,
        owner_id: ec2.config.account.clone(),
        tags: vec![],
        new_stored_bytes: stats.new_stored_bytes,
        full_size_bytes: stats.logical_bytes,
    };
    ec2.write(|tx| Ok(tx.put(kind::SNAPSHOT, &id, &rec)?))?;
    Ok(id)
}

/// Restore a root snapshot into `dir` (which must not exist yet).
pub fn restore_root(ec2: &Ec2, snapshot_id: &str, dir: &Path) -> Result<()> {
    let tar_file = scratch(ec2, "restore");
    let result = ec2
        .blocks
        .restore(snapshot_id, &tar_file)
        .map_err(|e| Ec2Error::Internal(format!("restoring {snapshot_id}: {e}")))
        .and_then(|()| unpack(&tar_file, dir).map_err(|e| Ec2Error::Internal(format!("unpacking {snapshot_id}: {e}"))));
    let _ = fs::remove_file(&tar_file);
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn pack_and_unpack_keep_files_modes_and_links_but_not_dev() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("root");
        fs::create_dir_all(root.join("bin")).unwrap();
        fs::create_dir_all(root.join("dev")).unwrap();
        fs::write(root.join("bin/app"), b"#!/bin/sh\n").unwrap();
        fs::set_permissions(root.join("bin/app"), fs::Permissions::from_mode(0o755)).unwrap();
        std::os::unix::fs::symlink("bin/app", root.join("app")).unwrap();
        fs::write(root.join("dev/sdf"), b"volume").unwrap();
        let tar_file = t.path().join("root.tar");
        pack(&root, &tar_file).unwrap();
        let tar2 = t.path().join("again.tar");
        pack(&root, &tar2).unwrap();
        assert_eq!(fs::read(&tar_file).unwrap(), fs::read(&tar2).unwrap(), "packing is deterministic");
        let out = t.path().join("out");
        unpack(&tar_file, &out).unwrap();
        assert_eq!(fs::read(out.join("bin/app")).unwrap(), b"#!/bin/sh\n");
        assert_eq!(fs::metadata(out.join("bin/app")).unwrap().permissions().mode() & 0o777, 0o755);
        assert_eq!(fs::read_link(out.join("app")).unwrap(), Path::new("bin/app"));
        assert!(!out.join("dev").exists());
    }
}
