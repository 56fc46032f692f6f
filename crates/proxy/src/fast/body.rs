//! How much of a response body has passed: by Content-Length, by a chunked body's framing
//! (followed byte by byte to find where it ends, so that it is relayed as it came), or until the
//! target closes.

use std::io;

use super::Framing;

/// Tracks how much of a response body has passed.
pub(super) struct Body {
    pub(super) framing: Framing,
    left: u64,
    chunks: Chunks,
}

impl Body {
    pub(super) fn new(framing: Framing) -> Body {
        let left = match framing {
            Framing::Length(n) => n,
            _ => 0,
        };
        Body { framing, left, chunks: Chunks::default() }
    }

    /// How many of `data`'s bytes belong to the body.
    pub(super) fn take(&mut self, data: &[u8]) -> io::Result<usize> {
        Ok(match self.framing {
            Framing::None => 0,
            Framing::Length(_) => {
                let n = (data.len() as u64).min(self.left);
                self.left -= n;
                n as usize
            }
            Framing::Chunked => self.chunks.feed(data)?,
            Framing::UntilClose => data.len(),
        })
    }

    pub(super) fn done(&self) -> bool {
        match self.framing {
            Framing::None => true,
            Framing::Length(_) => self.left == 0,
            Framing::Chunked => self.chunks.state == ChunkState::Done,
            Framing::UntilClose => false,
        }
    }
}

/// A chunked body's framing, followed byte by byte to find where it ends.
#[derive(Default)]
struct Chunks {
    state: ChunkState,
    size: u64,
    /// The current trailer line has bytes (an empty one ends the body).
    line: bool,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum ChunkState {
    /// Hex digits of a chunk size.
    #[default]
    Size,
    /// A chunk extension, up to its line's end.
    Extension,
    /// The LF after a size line's CR.
    SizeLf,
    Data,
    /// The CRLF after a chunk's data.
    DataCr,
    DataLf,
    /// Trailer lines after the last chunk.
    Trailer,
    TrailerLf,
    Done,
}

impl Chunks {
    /// How many bytes of `data` belong to the body (all, or up to its end).
    fn feed(&mut self, data: &[u8]) -> io::Result<usize> {
        let bad = || io::Error::new(io::ErrorKind::InvalidData, "malformed chunked body");
        let mut i = 0;
        while i < data.len() && self.state != ChunkState::Done {
            let c = data[i];
            match self.state {
                ChunkState::Size => match c {
                    b'0'..=b'9' | b'a'..=b'f' | b'A'..=b'F' => {
                        let digit = (c as char).to_digit(16).unwrap_or(0) as u64;
                        self.size = self.size.checked_mul(16).and_then(|s| s.checked_add(digit)).ok_or_else(bad)?;
                    }
                    b';' | b' ' | b'\t' => self.state = ChunkState::Extension,
                    b'\r' => self.state = ChunkState::SizeLf,
                    _ => return Err(bad()),
                },
                ChunkState::Extension => {
                    if c == b'\r' {
                        self.state = ChunkState::SizeLf;
                    }
                }
                ChunkState::SizeLf => {
                    if c != b'\n' {
                        return Err(bad());
                    }
                    (self.state, self.line) =
                        if self.size == 0 { (ChunkState::Trailer, false) } else { (ChunkState::Data, false) };
                }
                ChunkState::Data => {
                    let n = (self.size as usize).min(data.len() - i);
                    self.size -= n as u64;
                    i += n;
                    if self.size == 0 {
                        self.state = ChunkState::DataCr;
                    }
                    continue;
                }
                ChunkState::DataCr => self.state = if c == b'\r' { ChunkState::DataLf } else { return Err(bad()) },
                ChunkState::DataLf => {
                    if c != b'\n' {
                        return Err(bad());
                    }
                    self.state = ChunkState::Size;
                }
                ChunkState::Trailer => {
                    if c == b'\r' {
                        self.state = ChunkState::TrailerLf;
                    } else {
                        self.line = true;
                    }
                }
                ChunkState::TrailerLf => {
                    if c != b'\n' {
                        return Err(bad());
                    }
                    self.state = if self.line { ChunkState::Trailer } else { ChunkState::Done };
                    self.line = false;
                }
                ChunkState::Done => {}
            }
            i += 1;
        }
        Ok(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunked_body_ends_where_its_last_chunk_and_trailers_do() {
        let body = b"5\r\nhello\r\n1;ext=1\r\n!\r\n0\r\nX-T: 1\r\n\r\n";
        // Fed whole, and byte by byte: the same end, and nothing past it is taken.
        let mut c = Chunks::default();
        let mut with_more = body.to_vec();
        with_more.extend_from_slice(b"HTTP/1.1 200 OK\r\n");
        assert_eq!(c.feed(&with_more).unwrap(), body.len());
        assert_eq!(c.state, ChunkState::Done);
        let mut c = Chunks::default();
        let taken: usize = body.iter().map(|b| c.feed(std::slice::from_ref(b)).unwrap()).sum();
        assert_eq!((taken, c.state), (body.len(), ChunkState::Done));
        let mut c = Chunks::default();
        assert_eq!(c.feed(b"0\r\n\r\n").unwrap(), 5);
        assert_eq!(c.state, ChunkState::Done);
        let mut c = Chunks::default();
        assert_eq!(c.feed(b"a\r\n0123").unwrap(), 7);
        assert_ne!(c.state, ChunkState::Done);
        for bad in [&b"zz\r\n"[..], b"2\r\nabX\r\n", b"1\rx", b"ffffffffffffffffff\r\n"] {
            assert!(Chunks::default().feed(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
