//! The store's file, binary: frames of `[length: u32 LE][records]`, one frame per put (a
//! PutMetricData call's datums together), appended and pushed to the OS once a second. A
//! frame cut short by a crash is ignored at replay, as is everything after it.
//!
//! Records (integers as LEB128 varints, `z` = zigzag, floats as 8 bytes LE):
//! - `K id json` — a metric's identity and its id in this file
//! - `U id unit` — the metric's unit from here on
//! - `V id zΔt value` — one plain value (a `Value` datum) at second `t`, `Δt` from the
//!   metric's previous `V`/`D` second in this file (0 before its first)
//! - `D id zΔt agg` — any other datum; an `agg` is count, sum, min, max and the value list
//!   packed as `gorilla::encode_values` packs it (length first)
//!
//! and in a snapshot (the file rewritten from memory, `MetricStore::compact`):
//! - `L id z(last)` — the metric's newest second
//! - `C id n bytes` — a sealed Gorilla chunk of its 1-s level
//! - `X id level zt agg` — a stored aggregate: level 0 is
//!   an uncompressed second of the 1-s level, 1–3 the roll-ups

use crate::gorilla;
use crate::stats::Agg;

pub const K: u8 = b'K';
pub const U: u8 = b'U';
pub const V: u8 = b'V';
pub const D: u8 = b'D';
pub const L: u8 = b'L';
pub const C: u8 = b'C';
pub const X: u8 = b'X';

pub fn put_u64(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub fn put_i64(out: &mut Vec<u8>, v: i64) {
    put_u64(out, ((v << 1) ^ (v >> 63)) as u64);
}

pub fn put_f64(out: &mut Vec<u8>, v: f64) {
    out.extend_from_slice(&v.to_le_bytes());
}

pub fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_u64(out, b.len() as u64);
    out.extend_from_slice(b);
}

/// count, sum, min, max, then the value list as `gorilla::encode_values` packs it.
pub fn put_agg(out: &mut Vec<u8>, a: &Agg) {
    put_packed(out, [a.count, a.sum, a.min, a.max], &gorilla::encode_values(&a.values));
}

pub fn put_packed(out: &mut Vec<u8>, stats: [f64; 4], values: &[u8]) {
    for x in stats {
        put_f64(out, x);
    }
    put_bytes(out, values);
}

/// Reads records from one frame's bytes.
pub struct Cursor<'a> {
    pub bytes: &'a [u8],
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(bytes: &'a [u8]) -> Cursor<'a> {
        Cursor { bytes, pos: 0 }
    }

    pub fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn u8(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    pub fn u64(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    pub fn i64(&mut self) -> Option<i64> {
        let z = self.u64()?;
        Some(((z >> 1) as i64) ^ -((z & 1) as i64))
    }

    pub fn f64(&mut self) -> Option<f64> {
        let b = self.bytes.get(self.pos..self.pos + 8)?;
        self.pos += 8;
        Some(f64::from_le_bytes(b.try_into().ok()?))
    }

    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u64()? as usize;
        let b = self.bytes.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(b)
    }

    pub fn agg(&mut self) -> Option<Agg> {
        let ([count, sum, min, max], values) = self.packed()?;
        Some(Agg { count, sum, min, max, values: gorilla::decode_values(values) })
    }

    /// An aggregate with its value list left packed.
    pub fn packed(&mut self) -> Option<([f64; 4], &'a [u8])> {
        let stats = [self.f64()?, self.f64()?, self.f64()?, self.f64()?];
        Some((stats, self.bytes()?))
    }
}

/// Split a file's bytes into its whole frames; a torn last frame is left out.
pub fn frames(file: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        let len = u32::from_le_bytes(file.get(pos..pos + 4)?.try_into().ok()?) as usize;
        let frame = file.get(pos + 4..pos + 4 + len)?;
        pos += 4 + len;
        Some(frame)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_floats_and_aggregates_round_trip() {
        let mut out = Vec::new();
        for v in [0u64, 1, 127, 128, 300, u64::MAX] {
            put_u64(&mut out, v);
        }
        for v in [0i64, -1, 1, -64, 64, i64::MIN, i64::MAX] {
            put_i64(&mut out, v);
        }
        put_f64(&mut out, -0.5);
        let mut a = Agg::value(3.0, 2.0);
        a.merge(&Agg::value(-1.0, 1.0));
        put_agg(&mut out, &a);
        put_bytes(&mut out, b"abc");
        let mut c = Cursor::new(&out);
        for v in [0u64, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(c.u64(), Some(v));
        }
        for v in [0i64, -1, 1, -64, 64, i64::MIN, i64::MAX] {
            assert_eq!(c.i64(), Some(v));
        }
        assert_eq!(c.f64(), Some(-0.5));
        assert_eq!(c.agg(), Some(a));
        assert_eq!(c.bytes(), Some(&b"abc"[..]));
        assert!(c.done());
        assert_eq!(c.u8(), None);
    }

    #[test]
    fn a_torn_last_frame_is_left_out() {
        let mut file = Vec::new();
        for body in [&b"one"[..], b"two", b"three"] {
            file.extend_from_slice(&(body.len() as u32).to_le_bytes());
            file.extend_from_slice(body);
        }
        let all: Vec<&[u8]> = frames(&file).collect();
        assert_eq!(all, vec![&b"one"[..], b"two", b"three"]);
        let torn: Vec<&[u8]> = frames(&file[..file.len() - 2]).collect();
        assert_eq!(torn, vec![&b"one"[..], b"two"]);
        assert_eq!(frames(&file[..2]).count(), 0);
    }
}
