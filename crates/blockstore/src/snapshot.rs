//! Taking a snapshot: a reader thread chunks and hashes the volume while the calling thread deduplicates,
//! compresses and writes new chunks — the two halves of the work on the two cores.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;

use crate::chunker::{for_each_piece, Piece};
use crate::chunkfile::{chunk_path, ChunkWriter};
use crate::error::{io_at, BlockError};
use crate::manifest::{Extent, SnapshotStats};
use crate::sync::{sync_fs, HAS_SYNCFS};

/// How often (in volume bytes) progress is reported.
const PROGRESS_STEP: u64 = 4 << 20;

/// A piece with its chunk id computed on the reader thread.
enum Hashed {
    Zero { offset: u64, len: u64 },
    Data { offset: u64, id: blake3::Hash, data: Vec<u8> },
}

/// Why the reader thread stopped early.
enum Halt {
    Io(io::Error),
    ReceiverGone,
}

impl From<io::Error> for Halt {
    fn from(e: io::Error) -> Self {
        Halt::Io(e)
    }
}

/// Chunks `source` (`size` bytes) into `chunks_dir`, returning the extents and what was added.
/// New chunk files are durable under their final names when this returns.
pub fn chunk_volume(
    chunks_dir: &Path,
    source: &File,
    size: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(Vec<Extent>, SnapshotStats), BlockError> {
    let mut stats = SnapshotStats { logical_bytes: size, ..SnapshotStats::default() };
    let mut extents: Vec<Extent> = Vec::new();
    // Chunks written by this snapshot, under temporary names until the store is synced.
    let mut pending: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut seen: HashSet<blake3::Hash> = HashSet::new();
    let mut writer = ChunkWriter::new(!HAS_SYNCFS)?;
    let mut reported = 0u64;

    let result = std::thread::scope(|scope| {
        let (tx, rx) = sync_channel::<Result<Hashed, io::Error>>(16);
        let reader = scope.spawn(move || {
            let halt = for_each_piece(source, size, |piece| {
                let hashed = match piece {
                    Piece::Zero { offset, len } => Hashed::Zero { offset, len },
                    Piece::Data { offset, data } => Hashed::Data { offset, id: blake3::hash(&data), data },
                };
                tx.send(Ok(hashed)).map_err(|_| Halt::ReceiverGone)
            });
            if let Err(Halt::Io(e)) = halt {
                let _ = tx.send(Err(e));
            }
        });
        let mut consume = || -> Result<(), BlockError> {
            for item in &rx {
                let (offset, len) = match item? {
                    Hashed::Zero { offset, len } => {
                        stats.zero_bytes += len;
                        match extents.last_mut() {
                            Some(last) if last.chunk.is_none() => last.length += len,
                            _ => extents.push(Extent { offset, length: len, chunk: None }),
                        }
                        (offset, len)
                    }
                    Hashed::Data { offset, id, data } => {
                        let len = data.len() as u64;
                        let path = chunk_path(chunks_dir, &id);
                        if seen.contains(&id) || path.exists() {
                            stats.reused_chunks += 1;
                            stats.reused_bytes += len;
                        } else {
                            let (tmp, stored) = writer.write_temp(&path, &data)?;
                            pending.push((tmp, path));
                            stats.new_chunks += 1;
                            stats.new_bytes += len;
                            stats.new_stored_bytes += stored;
                        }
                        seen.insert(id);
                        extents.push(Extent { offset, length: len, chunk: Some(id.to_hex().to_string()) });
                        (offset, len)
                    }
                };
                if offset + len - reported >= PROGRESS_STEP {
                    reported = offset + len;
                    progress(reported, size);
                }
            }
            Ok(())
        };
        let result = consume();
        drop(rx); // unblocks the reader if we stopped early
        reader.join().expect("snapshot reader thread panicked");
        result
    });
    let result = result.and_then(|()| publish(chunks_dir, &pending));
    if result.is_err() {
        for (tmp, _) in &pending {
            let _ = fs::remove_file(tmp);
        }
    }
    result.map(|()| (extents, stats))
}

/// Flushes the new chunk files, gives them their final names and makes the names durable.
fn publish(chunks_dir: &Path, pending: &[(PathBuf, PathBuf)]) -> Result<(), BlockError> {
    if pending.is_empty() {
        return Ok(());
    }
    sync_fs(chunks_dir)?;
    for (tmp, path) in pending {
        fs::rename(tmp, path).map_err(io_at(path))?;
    }
    sync_fs(chunks_dir)
}
