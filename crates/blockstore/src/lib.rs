//! The EBS snapshot store: keeps real, incremental backups of raw volume images under a directory and restores
//! them byte for byte.
//!
//! A volume is cut into content-defined chunks (FastCDC, 16/64/256 KiB); each chunk is named by the BLAKE3 of its
//! bytes, compressed with zstd and stored once, however many snapshots use it. Holes and all-zero chunks are
//! recorded as zero extents with no data. Every read re-hashes the chunk, so a damaged or missing chunk is
//! reported as [`BlockError::Corrupt`], never restored. A snapshot's manifest is written only when all of its
//! chunks are durable: a snapshot is pending while `create_snapshot` runs (with progress reports) and completed
//! when it returns.

mod chunker;
mod chunkfile;
mod error;
mod lock;
mod manifest;
mod snapshot;
mod store;
mod sync;

pub use chunker::{AVG_CHUNK, MAX_CHUNK, MIN_CHUNK};
pub use error::BlockError;
pub use manifest::SnapshotStats;
pub use store::{BlockStore, StoreStats};
