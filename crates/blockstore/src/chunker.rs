//! Splits a raw volume image into pieces: content-defined data chunks (FastCDC 2020) and zero runs.
//!
//! Holes of a sparse file are found with `SEEK_DATA`/`SEEK_HOLE` and never read; chunks that turn out to be all
//! zeros are reported as zero runs too, so neither kind costs any storage.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

use fastcdc::v2020::StreamCDC;

/// Smallest chunk FastCDC cuts (except at the end of a data region).
pub const MIN_CHUNK: u32 = 16 * 1024;
/// Target average chunk size.
pub const AVG_CHUNK: u32 = 64 * 1024;
/// Largest chunk FastCDC cuts.
pub const MAX_CHUNK: u32 = 256 * 1024;

/// One piece of the volume, in order.
pub enum Piece {
    /// `len` zero bytes at `offset` (a hole or an all-zero chunk).
    Zero { offset: u64, len: u64 },
    /// A content-defined chunk.
    Data { offset: u64, data: Vec<u8> },
}

/// Calls `f` with every piece of the first `size` bytes of `file`, in order, covering them exactly.
pub fn for_each_piece<E: From<io::Error>>(
    file: &File,
    size: u64,
    mut f: impl FnMut(Piece) -> Result<(), E>,
) -> Result<(), E> {
    let mut pos = 0;
    for (start, end) in data_regions(file, size)? {
        if start > pos {
            f(Piece::Zero { offset: pos, len: start - pos })?;
        }
        let mut reader = file;
        reader.seek(SeekFrom::Start(start))?;
        let cdc = StreamCDC::new(reader.take(end - start), MIN_CHUNK as usize, AVG_CHUNK as usize, MAX_CHUNK as usize);
        let mut done = start;
        for chunk in cdc {
            let chunk = chunk.map_err(io::Error::from)?;
            let offset = start + chunk.offset;
            done = offset + chunk.length as u64;
            if is_zero(&chunk.data) {
                f(Piece::Zero { offset, len: chunk.length as u64 })?;
            } else {
                f(Piece::Data { offset, data: chunk.data })?;
            }
        }
        if done != end {
            let msg = format!("source shrank while being read (expected {end} bytes, got {done})");
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, msg).into());
        }
        pos = end;
    }
    if size > pos {
        f(Piece::Zero { offset: pos, len: size - pos })?;
    }
    Ok(())
}

/// True if every byte is zero; the inner fold vectorises, the outer loop stops at the first non-zero block.
pub fn is_zero(data: &[u8]) -> bool {
    data.chunks(4096).all(|block| block.iter().fold(0u8, |acc, &b| acc | b) == 0)
}

/// The `[start, end)` ranges of `file` below `size` that may hold data; everything else is a hole.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn data_regions(file: &File, size: u64) -> io::Result<Vec<(u64, u64)>> {
    use std::os::fd::AsRawFd;

    let fd = file.as_raw_fd();
    let seek = |pos: u64, whence: libc::c_int| -> io::Result<Option<u64>> {
        // SAFETY: lseek on a valid, open descriptor has no memory-safety preconditions.
        let r = unsafe { libc::lseek(fd, pos as libc::off_t, whence) };
        if r >= 0 {
            return Ok(Some(r as u64));
        }
        let err = io::Error::last_os_error();
        match err.raw_os_error() {
            Some(libc::ENXIO) => Ok(None), // no data at or after `pos`
            _ => Err(err),
        }
    };
    let mut regions = Vec::new();
    let mut pos = 0;
    while pos < size {
        let start = match seek(pos, libc::SEEK_DATA) {
            Ok(Some(start)) if start < size => start,
            Ok(_) => break,
            // The file system cannot tell holes apart: treat everything as data.
            Err(e) if e.raw_os_error() == Some(libc::EINVAL) && regions.is_empty() => return Ok(vec![(0, size)]),
            Err(e) => return Err(e),
        };
        let end = seek(start, libc::SEEK_HOLE)?.unwrap_or(size).min(size);
        regions.push((start, end));
        pos = end;
    }
    Ok(regions)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn data_regions(_file: &File, size: u64) -> io::Result<Vec<(u64, u64)>> {
    Ok(if size > 0 { vec![(0, size)] } else { Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_detection() {
        assert!(is_zero(&[]));
        assert!(is_zero(&vec![0; 100_000]));
        let mut v = vec![0; 100_000];
        v[99_999] = 1;
        assert!(!is_zero(&v));
    }
}
