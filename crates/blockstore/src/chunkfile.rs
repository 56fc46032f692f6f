//! Chunk files: `chunks/ab/cdef…` named by the BLAKE3 of the uncompressed bytes.
//!
//! A file is a 9-byte header (`HGCK`, codec byte, uncompressed length as u32 LE) and the payload. Compression is
//! zstd level 3: it keeps ~3x more than lz4 on typical disk contents at a few hundred MB/s per core, and its C
//! library builds from the vendored source with the machine's cc. A chunk that does not shrink is stored raw, so
//! random data costs no decompression on restore.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{io_at, BlockError};

const MAGIC: &[u8; 4] = b"HGCK";
const HEADER_LEN: usize = 9;
const CODEC_RAW: u8 = 0;
const CODEC_ZSTD: u8 = 1;
const ZSTD_LEVEL: i32 = 3;

/// Where the chunk with this id lives under `chunks_dir`.
pub fn chunk_path(chunks_dir: &Path, id: &blake3::Hash) -> PathBuf {
    let hex = id.to_hex();
    chunks_dir.join(&hex[..2]).join(&hex[2..])
}

/// Parses a chunk id written as 64 hex digits.
pub fn parse_id(hex: &str) -> Option<blake3::Hash> {
    blake3::Hash::from_hex(hex).ok()
}

/// A name for a temporary file that no other writer (thread or process) uses.
pub fn temp_name(what: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    format!(".tmp-{what}-{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// True for the names `temp_name` makes.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(".tmp-")
}

/// Compresses chunks and writes them into the store.
pub struct ChunkWriter {
    compressor: zstd::bulk::Compressor<'static>,
    /// Sync each file as it is written (where one `syncfs` at the end is not available).
    sync_each: bool,
}

impl ChunkWriter {
    pub fn new(sync_each: bool) -> Result<Self, BlockError> {
        Ok(Self { compressor: zstd::bulk::Compressor::new(ZSTD_LEVEL)?, sync_each })
    }

    /// Writes `data` as a new chunk file beside `path` under a temporary name, to be renamed to `path` once the
    /// store has been synced (so a crash never leaves a chunk under its final name without its data).
    /// Returns the temporary path and the bytes the file occupies.
    pub fn write_temp(&mut self, path: &Path, data: &[u8]) -> Result<(PathBuf, u64), BlockError> {
        let compressed = self.compressor.compress(data)?;
        let (codec, payload) =
            if compressed.len() < data.len() { (CODEC_ZSTD, &compressed[..]) } else { (CODEC_RAW, data) };
        let len = u32::try_from(data.len()).map_err(|_| io::Error::other("chunk larger than 4 GiB"))?;
        let mut header = [0u8; HEADER_LEN];
        header[..4].copy_from_slice(MAGIC);
        header[4] = codec;
        header[5..].copy_from_slice(&len.to_le_bytes());

        let tmp = path.parent().expect("chunk path has a parent").join(temp_name("chunk"));
        let result = (|| {
            let mut file = File::create(&tmp)?;
            file.write_all(&header)?;
            file.write_all(payload)?;
            if self.sync_each {
                file.sync_all()?;
            }
            Ok(())
        })();
        if let Err(e) = result {
            let _ = fs::remove_file(&tmp);
            return Err(io_at(&tmp)(e));
        }
        Ok((tmp, (HEADER_LEN + payload.len()) as u64))
    }
}

/// Why a chunk could not be read back.
pub enum ReadError {
    /// Missing, undecodable or with the wrong hash: the reason.
    Corrupt(&'static str),
    /// The store could not be read at all (permissions, I/O).
    Io(io::Error),
}

/// Reads chunks back and checks them against their ids.
pub struct ChunkReader {
    decompressor: zstd::bulk::Decompressor<'static>,
}

impl ChunkReader {
    pub fn new() -> Result<Self, BlockError> {
        Ok(Self { decompressor: zstd::bulk::Decompressor::new()? })
    }

    /// Reads the chunk `id` of `expected_len` bytes from `path` into `out`, verifying its BLAKE3.
    pub fn read(
        &mut self,
        path: &Path,
        id: &blake3::Hash,
        expected_len: u64,
        out: &mut Vec<u8>,
    ) -> Result<(), ReadError> {
        let stored = match fs::read(path) {
            Ok(stored) => stored,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(ReadError::Corrupt("chunk file missing")),
            Err(e) => return Err(ReadError::Io(io::Error::new(e.kind(), format!("{}: {e}", path.display())))),
        };
        if stored.len() < HEADER_LEN || &stored[..4] != MAGIC {
            return Err(ReadError::Corrupt("bad chunk header"));
        }
        let len = u64::from(u32::from_le_bytes(stored[5..9].try_into().expect("4 bytes")));
        if len != expected_len {
            return Err(ReadError::Corrupt("length differs from manifest"));
        }
        let payload = &stored[HEADER_LEN..];
        out.clear();
        match stored[4] {
            CODEC_RAW => out.extend_from_slice(payload),
            CODEC_ZSTD => {
                out.reserve(len as usize);
                match self.decompressor.decompress_to_buffer(payload, out) {
                    Ok(n) if n as u64 == len => {}
                    _ => return Err(ReadError::Corrupt("zstd payload does not decode")),
                }
            }
            _ => return Err(ReadError::Corrupt("unknown codec")),
        }
        if out.len() as u64 != len {
            return Err(ReadError::Corrupt("length differs from manifest"));
        }
        if blake3::hash(out) != *id {
            return Err(ReadError::Corrupt("BLAKE3 mismatch"));
        }
        Ok(())
    }
}
