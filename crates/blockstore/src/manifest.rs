//! Snapshot manifests: `snapshots/<id>.json`, the ordered list of extents that make up a volume.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::chunkfile::{parse_id, temp_name};
use crate::error::{io_at, BlockError};
use crate::sync::sync_dir;

const FORMAT: u32 = 1;

/// What one `create_snapshot` did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotStats {
    /// Size of the volume.
    pub logical_bytes: u64,
    /// Chunks written to the store by this snapshot.
    pub new_chunks: u64,
    /// Uncompressed bytes of those chunks.
    pub new_bytes: u64,
    /// Compressed bytes (with chunk headers) added to the store.
    pub new_stored_bytes: u64,
    /// Chunks already in the store (from any snapshot, or earlier in this one).
    pub reused_chunks: u64,
    /// Uncompressed bytes of those chunks.
    pub reused_bytes: u64,
    /// Bytes that are holes or all-zero chunks: stored as zero extents, no data.
    pub zero_bytes: u64,
}

/// `length` bytes at `offset`: the chunk with BLAKE3 `chunk` (hex), or zeros when `chunk` is absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extent {
    pub offset: u64,
    pub length: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunk: Option<String>,
}

/// A snapshot: written once, when it is complete.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub id: String,
    /// Volume size in bytes.
    pub size: u64,
    /// Seconds since the Unix epoch.
    pub created_unix: u64,
    /// The snapshot this one was taken after, or copied from (informational only).
    #[serde(default)]
    pub parent: Option<String>,
    pub stats: SnapshotStats,
    pub extents: Vec<Extent>,
}

impl Manifest {
    pub fn new(id: &str, size: u64, parent: Option<&str>, stats: SnapshotStats, extents: Vec<Extent>) -> Self {
        let created_unix =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        Manifest {
            format: FORMAT,
            id: id.to_owned(),
            size,
            created_unix,
            parent: parent.map(str::to_owned),
            stats,
            extents,
        }
    }

    /// Reads and checks the manifest of `id` at `path`.
    pub fn load(id: &str, path: &Path) -> Result<Manifest, BlockError> {
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(BlockError::NotFound(id.to_owned())),
            Err(e) => return Err(io_at(path)(e)),
        };
        let bad = |reason: String| BlockError::BadManifest { snapshot: id.to_owned(), reason };
        let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))?;
        if manifest.format != FORMAT {
            return Err(bad(format!("unknown format {}", manifest.format)));
        }
        let mut pos = 0u64;
        for extent in &manifest.extents {
            if extent.offset != pos || extent.length == 0 {
                return Err(bad(format!("extents not contiguous at offset {pos}")));
            }
            if extent.chunk.as_deref().is_some_and(|c| parse_id(c).is_none()) {
                return Err(bad(format!("bad chunk id at offset {pos}")));
            }
            pos = pos.checked_add(extent.length).ok_or_else(|| bad("extents overflow".into()))?;
        }
        if pos != manifest.size {
            return Err(bad(format!("extents cover {pos} bytes of {}", manifest.size)));
        }
        Ok(manifest)
    }

    /// The chunk ids this manifest refers to, with the offset of their first use.
    pub fn chunks(&self) -> impl Iterator<Item = (blake3::Hash, &Extent)> {
        self.extents.iter().filter_map(|e| Some((parse_id(e.chunk.as_deref()?)?, e)))
    }

    /// Writes the manifest as `dir/<id>.json`, durably, failing with `AlreadyExists` if that file exists.
    pub fn store(&self, dir: &Path) -> Result<(), BlockError> {
        let path = dir.join(format!("{}.json", self.id));
        let tmp = dir.join(temp_name("manifest"));
        let result = (|| {
            let mut file = File::create(&tmp)?;
            file.write_all(&serde_json::to_vec(self).map_err(io::Error::other)?)?;
            file.sync_all()?;
            // A hard link creates the name only if it is free: the no-clobber twin of rename.
            fs::hard_link(&tmp, &path)
        })();
        let _ = fs::remove_file(&tmp);
        match result {
            Ok(()) => sync_dir(dir),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(BlockError::AlreadyExists(self.id.clone())),
            Err(e) => Err(io_at(&path)(e)),
        }
    }
}

/// Checks that `id` can name a snapshot file.
pub fn check_id(id: &str) -> Result<(), BlockError> {
    let ok = !id.is_empty()
        && id.len() <= 128
        && !id.starts_with('.')
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(BlockError::InvalidId(id.to_owned()))
    }
}
