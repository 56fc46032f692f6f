//! The store: `<root>/chunks/ab/cdef…`, `<root>/snapshots/<id>.json`, `<root>/lock`.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::chunkfile::{chunk_path, is_temp_name, parse_id, temp_name, ChunkReader, ReadError};
use crate::error::{io_at, BlockError};
use crate::lock::StoreLock;
use crate::manifest::{check_id, Manifest, SnapshotStats};
use crate::snapshot::chunk_volume;
use crate::sync::sync_dir;

/// Totals over the whole store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreStats {
    pub snapshots: u64,
    /// Chunk files in the store.
    pub chunks: u64,
    /// Bytes those files occupy (compressed, with headers).
    pub stored_bytes: u64,
    /// Sum of the sizes of all snapshots.
    pub logical_bytes: u64,
}

impl StoreStats {
    /// Logical bytes per stored byte (dedup, zero elision and compression together); 0 for an empty store.
    pub fn dedup_ratio(&self) -> f64 {
        if self.stored_bytes == 0 {
            0.0
        } else {
            self.logical_bytes as f64 / self.stored_bytes as f64
        }
    }
}

/// A snapshot store rooted at one directory. Cheap to share between threads (`&self` everywhere).
#[derive(Debug)]
pub struct BlockStore {
    root: PathBuf,
    chunks: PathBuf,
    snapshots: PathBuf,
    lock: PathBuf,
}

impl BlockStore {
    /// Opens the store at `root`, creating its directories if needed.
    pub fn open(root: &Path) -> Result<BlockStore, BlockError> {
        let store = BlockStore {
            root: root.to_owned(),
            chunks: root.join("chunks"),
            snapshots: root.join("snapshots"),
            lock: root.join("lock"),
        };
        fs::create_dir_all(&store.snapshots).map_err(io_at(&store.snapshots))?;
        for prefix in 0..=255u8 {
            let dir = store.chunks.join(format!("{prefix:02x}"));
            fs::create_dir_all(&dir).map_err(io_at(&dir))?;
        }
        drop(StoreLock::shared(&store.lock)?);
        Ok(store)
    }

    /// The directory the store lives in.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Snapshots the file at `source` (a raw volume image) as `snapshot_id`. `progress` is called with
    /// `(bytes_done, bytes_total)` at the start, every few MiB, and with `(total, total)` once the snapshot is
    /// durable and complete. Until then the snapshot does not exist for any other call.
    pub fn create_snapshot(
        &self,
        snapshot_id: &str,
        source: &Path,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<SnapshotStats, BlockError> {
        self.create_snapshot_with_parent(snapshot_id, source, None, progress)
    }

    /// [`BlockStore::create_snapshot`], recording `parent` (the volume's previous snapshot) in the manifest.
    /// Deduplication works across the whole store either way; the parent is informational.
    pub fn create_snapshot_with_parent(
        &self,
        snapshot_id: &str,
        source: &Path,
        parent: Option<&str>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<SnapshotStats, BlockError> {
        check_id(snapshot_id)?;
        if let Some(parent) = parent {
            check_id(parent)?;
        }
        let _lock = StoreLock::shared(&self.lock)?;
        if self.manifest_path(snapshot_id).exists() {
            return Err(BlockError::AlreadyExists(snapshot_id.to_owned()));
        }
        let file = File::open(source).map_err(io_at(source))?;
        let size = file.metadata().map_err(io_at(source))?.len();
        progress(0, size);
        let (extents, stats) = chunk_volume(&self.chunks, &file, size, progress)?;
        Manifest::new(snapshot_id, size, parent, stats, extents).store(&self.snapshots)?;
        progress(size, size);
        Ok(stats)
    }

    /// Writes the snapshot's bytes to `dest`, verifying every chunk's BLAKE3. The data goes to a temporary file
    /// beside `dest` (zero extents left as holes), which replaces `dest` only once complete and synced. A missing
    /// or damaged chunk is [`BlockError::Corrupt`]: the temporary file is removed and `dest` is not touched.
    pub fn restore(&self, snapshot_id: &str, dest: &Path) -> Result<(), BlockError> {
        let _lock = StoreLock::shared(&self.lock)?;
        let manifest = self.load(snapshot_id)?;
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = dir.join(temp_name("restore"));
        let result = self.restore_into(&manifest, &tmp);
        let result = result.and_then(|()| fs::rename(&tmp, dest).map_err(io_at(dest))).and_then(|()| sync_dir(dir));
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }

    fn restore_into(&self, manifest: &Manifest, tmp: &Path) -> Result<(), BlockError> {
        let mut file = File::create_new(tmp).map_err(io_at(tmp))?;
        let mut reader = ChunkReader::new()?;
        let mut buf = Vec::new();
        let mut pos = 0;
        for (id, extent) in manifest.chunks() {
            self.read_chunk(&mut reader, &manifest.id, &id, extent.offset, extent.length, &mut buf)?;
            if pos != extent.offset {
                file.seek(SeekFrom::Start(extent.offset)).map_err(io_at(tmp))?;
            }
            file.write_all(&buf).map_err(io_at(tmp))?;
            pos = extent.offset + extent.length;
        }
        file.set_len(manifest.size).map_err(io_at(tmp))?;
        file.sync_all().map_err(io_at(tmp))
    }

    /// Makes `to` a snapshot with the same contents as `from`, sharing its chunks.
    pub fn copy_snapshot(&self, from: &str, to: &str) -> Result<(), BlockError> {
        check_id(to)?;
        let _lock = StoreLock::shared(&self.lock)?;
        let source = self.load(from)?;
        let mut stats = SnapshotStats { logical_bytes: source.size, ..SnapshotStats::default() };
        for extent in &source.extents {
            if extent.chunk.is_some() {
                stats.reused_chunks += 1;
                stats.reused_bytes += extent.length;
            } else {
                stats.zero_bytes += extent.length;
            }
        }
        Manifest::new(to, source.size, Some(from), stats, source.extents).store(&self.snapshots)
    }

    /// Deletes the snapshot, then every chunk no manifest refers to any more (see [`BlockStore::gc`]). Waits for
    /// running snapshots, restores and copies. If any other manifest cannot be read, nothing is deleted.
    pub fn delete_snapshot(&self, snapshot_id: &str) -> Result<(), BlockError> {
        check_id(snapshot_id)?;
        let _lock = StoreLock::exclusive(&self.lock)?;
        let path = self.manifest_path(snapshot_id);
        if !path.exists() {
            return Err(BlockError::NotFound(snapshot_id.to_owned()));
        }
        // Read every other manifest before deleting anything: one that cannot be read stops the sweep.
        let referenced = self.referenced_chunks(Some(snapshot_id))?;
        fs::remove_file(&path).map_err(io_at(&path))?;
        sync_dir(&self.snapshots)?;
        self.sweep(&referenced)?;
        Ok(())
    }

    /// Removes chunk files that no manifest refers to (left by deletions or by interrupted snapshots) and stale
    /// temporary files. Waits for running snapshots, restores and copies. Returns the number of files removed.
    pub fn gc(&self) -> Result<u64, BlockError> {
        let _lock = StoreLock::exclusive(&self.lock)?;
        let referenced = self.referenced_chunks(None)?;
        self.sweep(&referenced)
    }

    /// Re-reads and re-hashes every chunk of the snapshot; the first bad one is [`BlockError::Corrupt`].
    pub fn verify(&self, snapshot_id: &str) -> Result<(), BlockError> {
        let _lock = StoreLock::shared(&self.lock)?;
        let manifest = self.load(snapshot_id)?;
        let mut reader = ChunkReader::new()?;
        let mut buf = Vec::new();
        let mut checked = HashSet::new();
        for (id, extent) in manifest.chunks() {
            if checked.insert(id) {
                self.read_chunk(&mut reader, &manifest.id, &id, extent.offset, extent.length, &mut buf)?;
            }
        }
        Ok(())
    }

    /// Totals over the store.
    pub fn stats(&self) -> Result<StoreStats, BlockError> {
        let _lock = StoreLock::shared(&self.lock)?;
        let mut stats = StoreStats::default();
        for id in self.list_snapshots()? {
            stats.snapshots += 1;
            stats.logical_bytes += self.load(&id)?.size;
        }
        self.for_each_chunk_file(|_, _, meta| {
            stats.chunks += 1;
            stats.stored_bytes += meta.len();
            Ok(())
        })?;
        Ok(stats)
    }

    /// The volume size of the snapshot, in bytes.
    pub fn snapshot_size(&self, snapshot_id: &str) -> Result<u64, BlockError> {
        Ok(self.load(snapshot_id)?.size)
    }

    /// What `create_snapshot` recorded for the snapshot.
    pub fn snapshot_stats(&self, snapshot_id: &str) -> Result<SnapshotStats, BlockError> {
        Ok(self.load(snapshot_id)?.stats)
    }

    /// The ids of all complete snapshots, sorted.
    pub fn list_snapshots(&self) -> Result<Vec<String>, BlockError> {
        let mut ids = Vec::new();
        for entry in fs::read_dir(&self.snapshots).map_err(io_at(&self.snapshots))? {
            let name = entry.map_err(io_at(&self.snapshots))?.file_name();
            let name = name.to_string_lossy();
            if let Some(id) = name.strip_suffix(".json") {
                if check_id(id).is_ok() {
                    ids.push(id.to_owned());
                }
            }
        }
        ids.sort();
        Ok(ids)
    }

    fn manifest_path(&self, snapshot_id: &str) -> PathBuf {
        self.snapshots.join(format!("{snapshot_id}.json"))
    }

    fn load(&self, snapshot_id: &str) -> Result<Manifest, BlockError> {
        check_id(snapshot_id)?;
        Manifest::load(snapshot_id, &self.manifest_path(snapshot_id))
    }

    fn read_chunk(
        &self,
        reader: &mut ChunkReader,
        snapshot: &str,
        id: &blake3::Hash,
        offset: u64,
        len: u64,
        buf: &mut Vec<u8>,
    ) -> Result<(), BlockError> {
        reader.read(&chunk_path(&self.chunks, id), id, len, buf).map_err(|e| match e {
            ReadError::Io(e) => BlockError::Io(e),
            ReadError::Corrupt(reason) => BlockError::Corrupt {
                snapshot: snapshot.to_owned(),
                chunk: id.to_hex().to_string(),
                offset,
                reason: reason.to_owned(),
            },
        })
    }

    /// Chunk ids used by any manifest except `except`.
    fn referenced_chunks(&self, except: Option<&str>) -> Result<HashSet<blake3::Hash>, BlockError> {
        let mut referenced = HashSet::new();
        for id in self.list_snapshots()? {
            if Some(id.as_str()) != except {
                referenced.extend(self.load(&id)?.chunks().map(|(chunk, _)| chunk));
            }
        }
        Ok(referenced)
    }

    /// Removes chunk files not in `referenced` and temporary files. Needs the exclusive lock.
    fn sweep(&self, referenced: &HashSet<blake3::Hash>) -> Result<u64, BlockError> {
        let mut removed = 0;
        self.for_each_chunk_file(|path, id, _| {
            if !id.is_some_and(|id| referenced.contains(&id)) {
                fs::remove_file(path).map_err(io_at(path))?;
                removed += 1;
            }
            Ok(())
        })?;
        for entry in fs::read_dir(&self.snapshots).map_err(io_at(&self.snapshots))? {
            let entry = entry.map_err(io_at(&self.snapshots))?;
            if is_temp_name(&entry.file_name().to_string_lossy()) {
                fs::remove_file(entry.path()).map_err(io_at(&entry.path()))?;
            }
        }
        Ok(removed)
    }

    /// Calls `f` with every file under `chunks/`: its path, its id (`None` for a temporary file) and metadata.
    /// Files with other names are left out.
    fn for_each_chunk_file(
        &self,
        mut f: impl FnMut(&Path, Option<blake3::Hash>, &fs::Metadata) -> Result<(), BlockError>,
    ) -> Result<(), BlockError> {
        for dir in fs::read_dir(&self.chunks).map_err(io_at(&self.chunks))? {
            let dir = dir.map_err(io_at(&self.chunks))?;
            let prefix = dir.file_name().to_string_lossy().into_owned();
            if prefix.len() != 2 || !dir.file_type().map_err(io_at(&dir.path()))?.is_dir() {
                continue;
            }
            let dir_path = dir.path();
            for entry in fs::read_dir(&dir_path).map_err(io_at(&dir_path))? {
                let entry = entry.map_err(io_at(&dir_path))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                let id = if is_temp_name(&name) {
                    None
                } else {
                    match parse_id(&format!("{prefix}{name}")) {
                        Some(id) => Some(id),
                        None => continue,
                    }
                };
                let path = entry.path();
                let meta = match entry.metadata() {
                    Ok(meta) => meta,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => continue, // removed meanwhile
                    Err(e) => return Err(io_at(&path)(e)),
                };
                f(&path, id, &meta)?;
            }
        }
        Ok(())
    }
}
