//! Copying directory trees (image roots, instance roots), preserving modes and symlinks.

use std::fs;
use std::io;
use std::os::unix::fs::symlink;
use std::path::Path;

pub fn copy_tree(src: &Path, dst: &Path) -> io::Result<u64> {
    let mut bytes = 0;
    fs::create_dir_all(dst)?;
    fs::set_permissions(dst, fs::metadata(src)?.permissions())?;
    for entry in fs::read_dir(src)? {
        let entry = entry?;
        let (from, to) = (entry.path(), dst.join(entry.file_name()));
        let ft = entry.file_type()?;
        if ft.is_dir() {
            bytes += copy_tree(&from, &to)?;
        } else if ft.is_symlink() {
            symlink(fs::read_link(&from)?, &to)?;
        } else if ft.is_file() {
            bytes += fs::copy(&from, &to)?;
        }
    }
    Ok(bytes)
}

/// Copy into a temporary sibling, then rename: a crash leaves no half-copied tree in place.
pub fn copy_tree_atomic(src: &Path, dst: &Path) -> io::Result<u64> {
    let tmp = dst.with_extension("partial");
    let _ = fs::remove_dir_all(&tmp);
    let n = copy_tree(src, &tmp)?;
    fs::rename(&tmp, dst)?;
    Ok(n)
}
