//! The crate's one error type.

use std::io;
use std::path::Path;

/// Everything that can go wrong in the snapshot store.
#[derive(Debug, thiserror::Error)]
pub enum BlockError {
    /// No snapshot with this id is in the store.
    #[error("snapshot {0} not found")]
    NotFound(String),
    /// A snapshot with this id is already in the store.
    #[error("snapshot {0} already exists")]
    AlreadyExists(String),
    /// The id cannot name a snapshot (it becomes a file name: `[A-Za-z0-9._-]`, 1–128 chars, no leading dot).
    #[error("invalid snapshot id {0:?}")]
    InvalidId(String),
    /// A chunk the snapshot needs is missing, undecodable or does not hash to its id.
    /// `offset` is the byte offset in the volume where the chunk belongs.
    #[error("snapshot {snapshot}: chunk {chunk} at offset {offset} is corrupt ({reason})")]
    Corrupt { snapshot: String, chunk: String, offset: u64, reason: String },
    /// A manifest that cannot be parsed or is inconsistent.
    #[error("snapshot {snapshot}: bad manifest ({reason})")]
    BadManifest { snapshot: String, reason: String },
    /// An I/O error; the message names the path involved.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Adds the path to an I/O error's message, keeping its kind.
pub(crate) fn io_at(path: &Path) -> impl FnOnce(io::Error) -> BlockError + '_ {
    move |e| BlockError::Io(io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}
