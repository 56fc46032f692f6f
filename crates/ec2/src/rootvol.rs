//! Root volumes on the process driver are directory trees. Their snapshots — the backing of
//! every AMI — are a deterministic tar of the tree (entries sorted, modes and times kept), kept in
//! the block store like any volume's snapshot, so images share chunks with each other and
//! restoring one is verified chunk by chunk. `dev/` (where data volumes appear) is left out.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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

/// Restored image roots, one per root snapshot: `<ec2 dir>/image-roots/<snapshot id>`.
/// Snapshots never change, so a root restored (and verified, chunk by chunk) once serves every
/// later launch of its images; each instance gets a private copy of it.
pub(crate) struct RootCache {
    /// One restore (or removal) per snapshot at a time: the twenty instances of one
    /// RunInstances wait for the first to restore the root instead of restoring it twenty times.
    locks: Mutex<HashMap<String, Arc<Mutex<()>>>>,
}

impl RootCache {
    pub fn new() -> RootCache {
        RootCache { locks: Mutex::new(HashMap::new()) }
    }

    fn lock(&self, snapshot_id: &str) -> Arc<Mutex<()>> {
        let mut locks = self.locks.lock().unwrap_or_else(|e| e.into_inner());
        locks.entry(snapshot_id.to_string()).or_default().clone()
    }
}

fn cached_root_dir(ec2: &Ec2, snapshot_id: &str) -> Result<PathBuf> {
    if !ids::well_formed("snap", snapshot_id) {
        return Err(Ec2Error::Internal(format!("{snapshot_id:?} is not a snapshot id")));
    }
    Ok(ec2.config.dir.join("image-roots").join(snapshot_id))
}

/// The restored root of a snapshot, restoring it first if this is its first use. The restored
/// tree is flushed to disk before it is put in place: a crash never leaves a torn root that
/// every later launch would copy.
fn cached_root(ec2: &Ec2, snapshot_id: &str) -> Result<PathBuf> {
    let dir = cached_root_dir(ec2, snapshot_id)?;
    let lock = ec2.root_cache.lock(snapshot_id);
    let _one = lock.lock().unwrap_or_else(|e| e.into_inner());
    if dir.is_dir() {
        return Ok(dir);
    }
    let parent = dir.parent().expect("under image-roots");
    fs::create_dir_all(parent).map_err(|e| Ec2Error::Internal(format!("{}: {e}", parent.display())))?;
    let tar_file = scratch(ec2, "restore");
    let result = ec2
        .blocks
        .restore(snapshot_id, &tar_file)
        .map_err(|e| Ec2Error::Internal(format!("restoring {snapshot_id}: {e}")))
        .and_then(|()| {
            unpack_durably(&tar_file, &dir).map_err(|e| Ec2Error::Internal(format!("unpacking {snapshot_id}: {e}")))
        });
    let _ = fs::remove_file(&tar_file);
    result.map(|()| dir)
}

/// Restore a root snapshot into `dir` (which must not exist yet): a private copy of the
/// snapshot's restored root, so what the instance writes stays its own.
pub fn restore_root(ec2: &Ec2, snapshot_id: &str, dir: &Path) -> Result<()> {
    let from = cached_root(ec2, snapshot_id)?;
    match copy_root(&from, dir) {
        // A root with special files (FIFOs, devices) is unpacked from the snapshot as before.
        Err(e) if e.kind() == io::ErrorKind::Unsupported => restore_unpacked(ec2, snapshot_id, dir),
        r => r.map_err(|e| Ec2Error::Internal(format!("copying the root of {snapshot_id}: {e}"))),
    }
}

/// Restore a root snapshot into `dir` by unpacking it there, without the restored root.
fn restore_unpacked(ec2: &Ec2, snapshot_id: &str, dir: &Path) -> Result<()> {
    let tar_file = scratch(ec2, "restore");
    let result = ec2
        .blocks
        .restore(snapshot_id, &tar_file)
        .map_err(|e| Ec2Error::Internal(format!("restoring {snapshot_id}: {e}")))
        .and_then(|()| unpack(&tar_file, dir).map_err(|e| Ec2Error::Internal(format!("unpacking {snapshot_id}: {e}"))));
    let _ = fs::remove_file(&tar_file);
    result
}

/// Drop a deleted snapshot's restored root.
pub fn forget_root(ec2: &Ec2, snapshot_id: &str) {
    let Ok(dir) = cached_root_dir(ec2, snapshot_id) else { return };
    let lock = ec2.root_cache.lock(snapshot_id);
    let _one = lock.lock().unwrap_or_else(|e| e.into_inner());
    if let Err(e) = fs::remove_dir_all(&dir) {
        if e.kind() != io::ErrorKind::NotFound {
            tracing::warn!(snapshot = snapshot_id, error = %e, "removing the restored root failed");
        }
    }
}

/// Unpack like [`unpack`], flushing every file and directory before the tree is renamed into
/// place (and the rename after).
fn unpack_durably(tar_file: &Path, dir: &Path) -> io::Result<()> {
    let tmp = dir.with_extension("partial");
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp)?;
    let mut a = tar::Archive::new(File::open(tar_file)?);
    a.set_preserve_permissions(true);
    a.set_preserve_mtime(true);
    let done = a.unpack(&tmp).and_then(|()| sync_tree(&tmp));
    if let Err(e) = done {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    fs::rename(&tmp, dir)?;
    File::open(dir.parent().expect("has a parent"))?.sync_all()
}

fn sync_tree(dir: &Path) -> io::Result<()> {
    for e in fs::read_dir(dir)? {
        let e = e?;
        let ft = e.file_type()?;
        if ft.is_dir() {
            sync_tree(&e.path())?;
        } else if ft.is_file() {
            File::open(e.path())?.sync_all()?;
        }
    }
    File::open(dir)?.sync_all()
}

/// Copy a restored root to `dir` (which must not exist yet); a failure leaves no `dir`.
/// Files are copied (`copy_file_range`: the file system may share extents, as a reflink),
/// never hard-linked, so an instance's writes cannot reach the restored root or another
/// instance. Modes and modification times are kept, as unpacking kept them.
pub fn copy_root(from: &Path, dir: &Path) -> io::Result<()> {
    let tmp = dir.with_extension("partial");
    let _ = fs::remove_dir_all(&tmp);
    if let Err(e) = copy_tree(from, &tmp) {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    fs::rename(&tmp, dir)
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir(to)?;
    for e in fs::read_dir(from)? {
        let e = e?;
        let (src, dst) = (e.path(), to.join(e.file_name()));
        let ft = e.file_type()?;
        if ft.is_dir() {
            copy_tree(&src, &dst)?;
        } else if ft.is_symlink() {
            std::os::unix::fs::symlink(fs::read_link(&src)?, &dst)?;
        } else if ft.is_file() {
            fs::copy(&src, &dst)?;
            File::open(&dst)?.set_modified(e.metadata()?.modified()?)?;
        } else {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                format!("{} is not a file, a directory or a symbolic link", src.display()),
            ));
        }
    }
    // The directory's own mode last: a read-only directory gets its entries first.
    let meta = fs::metadata(from)?;
    File::open(to)?.set_modified(meta.modified()?)?;
    fs::set_permissions(to, meta.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A root with an executable `bin/app` and a symbolic link `app` to it.
    fn sample_root(root: &Path) {
        fs::create_dir_all(root.join("bin")).unwrap();
        fs::write(root.join("bin/app"), b"#!/bin/sh\n").unwrap();
        fs::set_permissions(root.join("bin/app"), fs::Permissions::from_mode(0o755)).unwrap();
        std::os::unix::fs::symlink("bin/app", root.join("app")).unwrap();
    }

    #[test]
    fn pack_and_unpack_keep_files_modes_and_links_but_not_dev() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("root");
        sample_root(&root);
        fs::create_dir_all(root.join("dev")).unwrap();
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

    #[test]
    fn each_copy_of_a_restored_root_is_private() {
        let t = tempfile::tempdir().unwrap();
        let cached = t.path().join("cached");
        sample_root(&cached);
        fs::create_dir_all(cached.join("data")).unwrap();
        fs::write(cached.join("data/scores"), b"0-0").unwrap();
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
        File::open(cached.join("bin/app")).unwrap().set_modified(old).unwrap();
        File::open(cached.join("bin")).unwrap().set_modified(old).unwrap();

        let (a, b) = (t.path().join("a/root"), t.path().join("b/root"));
        fs::create_dir_all(a.parent().unwrap()).unwrap();
        fs::create_dir_all(b.parent().unwrap()).unwrap();
        copy_root(&cached, &a).unwrap();
        copy_root(&cached, &b).unwrap();
        assert!(!a.with_extension("partial").exists());
        assert_eq!(fs::metadata(a.join("bin/app")).unwrap().permissions().mode() & 0o777, 0o755);
        assert_eq!(fs::metadata(a.join("bin/app")).unwrap().modified().unwrap(), old);
        assert_eq!(fs::metadata(a.join("bin")).unwrap().modified().unwrap(), old);
        assert_eq!(fs::read_link(a.join("app")).unwrap(), Path::new("bin/app"));

        // What one instance writes reaches neither the restored root nor another instance.
        fs::write(a.join("data/scores"), b"3-1").unwrap();
        fs::OpenOptions::new().append(true).open(a.join("bin/app")).unwrap();
        fs::write(a.join("data/new"), b"x").unwrap();
        assert_eq!(fs::read(cached.join("data/scores")).unwrap(), b"0-0");
        assert_eq!(fs::read(b.join("data/scores")).unwrap(), b"0-0");
        assert!(!cached.join("data/new").exists() && !b.join("data/new").exists());
        use std::os::unix::fs::MetadataExt;
        assert_ne!(fs::metadata(a.join("bin/app")).unwrap().ino(), fs::metadata(cached.join("bin/app")).unwrap().ino());
        assert_eq!(fs::metadata(a.join("bin/app")).unwrap().nlink(), 1);

        // A copy that fails leaves nothing behind.
        assert!(copy_root(&t.path().join("missing"), &t.path().join("c")).is_err());
        assert!(!t.path().join("c").exists() && !t.path().join("c.partial").exists());
    }
}
