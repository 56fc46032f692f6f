//! A Gorilla chunk (Pelkonen et al., "Gorilla: A Fast, Scalable, In-Memory Time Series
//! Database", VLDB 2015): timestamps (epoch seconds) as delta-of-delta, values as the XOR
//! with the previous value's bits, in one bit stream. Regular 1-s data costs about one bit
//! per timestamp and a few bits to a few bytes per value. Any `i64` timestamps (going back
//! too) and any `f64` bit patterns round-trip exactly.

/// Bits appended most significant first.
#[derive(Debug, Clone, Default)]
struct BitWriter {
    bytes: Vec<u8>,
    /// Bits used in the last byte (0 = the last byte is full or there is none).
    used: u8,
}

impl BitWriter {
    fn push(&mut self, value: u64, bits: u8) {
        debug_assert!(bits <= 64);
        let mut left = bits;
        while left > 0 {
            if self.used == 0 {
                self.bytes.push(0);
            }
            let room = 8 - self.used;
            let take = room.min(left);
            let chunk = ((value >> (left - take)) & ((1u64 << take) - 1)) as u8;
            let last = self.bytes.len() - 1;
            self.bytes[last] |= chunk << (room - take);
            self.used = (self.used + take) % 8;
            left -= take;
        }
    }

    fn bit(&mut self, b: bool) {
        self.push(b as u64, 1);
    }
}

struct BitReader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl BitReader<'_> {
    fn read(&mut self, bits: u8) -> Option<u64> {
        let mut out = 0u64;
        let mut left = bits;
        while left > 0 {
            let byte = *self.bytes.get(self.pos / 8)?;
            let used = (self.pos % 8) as u8;
            let room = 8 - used;
            let take = room.min(left);
            let chunk = (byte >> (room - take)) & (((1u16 << take) - 1) as u8);
            out = (out << take) | chunk as u64;
            self.pos += take as usize;
            left -= take;
        }
        Some(out)
    }

    fn bit(&mut self) -> Option<bool> {
        self.read(1).map(|b| b == 1)
    }
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Delta-of-delta classes: (prefix, prefix length, payload bits).
const DOD: [(u64, u8, u8); 3] = [(0b10, 2, 7), (0b110, 3, 9), (0b1110, 4, 12)];

/// An append-only encoder; [`Encoder::finish`] gives the chunk's bytes.
#[derive(Debug, Clone, Default)]
pub struct Encoder {
    out: BitWriter,
    count: u32,
    prev_t: i64,
    prev_delta: i64,
    prev_bits: u64,
    lead: u8,
    trail: u8,
}

impl Encoder {
    pub fn new() -> Encoder {
        Encoder::default()
    }

    pub fn len(&self) -> usize {
        self.count as usize
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    pub fn push(&mut self, t: i64, v: f64) {
        let bits = v.to_bits();
        if self.count == 0 {
            self.out.push(t as u64, 64);
            self.out.push(bits, 64);
            self.prev_t = t;
            self.prev_bits = bits;
            self.lead = u8::MAX;
            self.count = 1;
            return;
        }
        let delta = t.wrapping_sub(self.prev_t);
        let dod = delta.wrapping_sub(self.prev_delta);
        if dod == 0 {
            self.out.bit(false);
        } else {
            let z = zigzag(dod);
            match DOD.iter().find(|(_, _, n)| z < (1u64 << n)) {
                Some(&(prefix, plen, n)) => {
                    self.out.push(prefix, plen);
                    self.out.push(z, n);
                }
                None => {
                    self.out.push(0b1111, 4);
                    self.out.push(z, 64);
                }
            }
        }
        self.prev_delta = delta;
        self.prev_t = t;
        let x = bits ^ self.prev_bits;
        self.prev_bits = bits;
        if x == 0 {
            self.out.bit(false);
        } else {
            self.out.bit(true);
            let (lead, trail) = (x.leading_zeros() as u8, x.trailing_zeros() as u8);
            if self.lead != u8::MAX && lead >= self.lead && trail >= self.trail {
                self.out.bit(false);
                let n = 64 - self.lead - self.trail;
                self.out.push(x >> self.trail, n);
            } else {
                self.out.bit(true);
                let n = 64 - lead - trail;
                self.out.push(lead as u64, 6);
                self.out.push((n - 1) as u64, 6);
                self.out.push(x >> trail, n);
                self.lead = lead;
                self.trail = trail;
            }
        }
        self.count += 1;
    }

    /// The chunk: the point count (4 bytes, little-endian), then the bit stream.
    pub fn finish(self) -> Box<[u8]> {
        let mut v = Vec::with_capacity(4 + self.out.bytes.len());
        v.extend_from_slice(&self.count.to_le_bytes());
        v.extend_from_slice(&self.out.bytes);
        v.into_boxed_slice()
    }
}

/// Encode the points in the order given.
pub fn encode(points: &[(i64, f64)]) -> Box<[u8]> {
    let mut e = Encoder::new();
    for &(t, v) in points {
        e.push(t, v);
    }
    e.finish()
}

/// Decode a chunk made by [`encode`] / [`Encoder::finish`]; None if it is cut short.
pub fn decode(chunk: &[u8]) -> Option<Vec<(i64, f64)>> {
    let mut out = Vec::new();
    decode_into(chunk, |t, v| out.push((t, v)))?;
    Some(out)
}

/// Decode a chunk, handing each point to `f` in order.
pub fn decode_into(chunk: &[u8], mut f: impl FnMut(i64, f64)) -> Option<()> {
    let count = u32::from_le_bytes(chunk.get(..4)?.try_into().ok()?);
    if count == 0 {
        return Some(());
    }
    let mut r = BitReader { bytes: &chunk[4..], pos: 0 };
    let mut t = r.read(64)? as i64;
    let mut bits = r.read(64)?;
    f(t, f64::from_bits(bits));
    let (mut delta, mut lead, mut trail) = (0i64, 0u8, 0u8);
    for _ in 1..count {
        let dod = if !r.bit()? {
            0
        } else {
            let mut class = None;
            for &(_, _, n) in &DOD {
                if !r.bit()? {
                    class = Some(n);
                    break;
                }
            }
            unzigzag(r.read(class.unwrap_or(64))?)
        };
        delta = delta.wrapping_add(dod);
        t = t.wrapping_add(delta);
        if r.bit()? {
            if r.bit()? {
                lead = r.read(6)? as u8;
                let n = r.read(6)? as u8 + 1;
                trail = 64 - lead - n;
            }
            let n = 64 - lead - trail;
            bits ^= r.read(n)? << trail;
        }
        f(t, f64::from_bits(bits));
    }
    Some(())
}

/// A bucket's (value, weight) list, sorted by value: values XOR-encoded as a chunk's are
/// (neighbours share sign, exponent and leading mantissa bits), whole weights as its
/// timestamps (all ones: a bit each). Weights that are not whole numbers are kept as they are.
///
/// Most metrics' values are decimals with a few digits (CPU 12.3 %, 250 ms): when every value
/// is exactly `n / 10^k` for whole `n` and some `k` ≤ 6, and every weight is whole, the list
/// is kept as `k`, the first `n`, the gaps to the next ones and the weights, as varints.
pub fn encode_values(values: &[(f64, f64)]) -> Box<[u8]> {
    let whole = values.iter().all(|&(_, w)| w.fract() == 0.0 && (0.0..9e15).contains(&w));
    if whole {
        if let Some(out) = encode_decimal(values) {
            return out;
        }
    }
    if !whole {
        let mut out = Vec::with_capacity(1 + values.len() * 16);
        out.push(1);
        for &(v, w) in values {
            out.extend_from_slice(&v.to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
        return out.into_boxed_slice();
    }
    let mut e = Encoder::new();
    for &(v, w) in values {
        e.push(w as i64, v);
    }
    let chunk = e.finish();
    let mut out = Vec::with_capacity(1 + chunk.len());
    out.push(0);
    out.extend_from_slice(&chunk);
    out.into_boxed_slice()
}

const POW10: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];

fn encode_decimal(values: &[(f64, f64)]) -> Option<Box<[u8]>> {
    let k = (0..POW10.len()).find(|&k| {
        values.iter().all(|&(v, _)| {
            let n = (v * POW10[k]).round();
            n.abs() < 9e15 && ((n as i64) as f64 / POW10[k]).to_bits() == v.to_bits()
        })
    })?;
    let p = POW10[k];
    let mut out = vec![2u8, k as u8];
    put_varint(&mut out, values.len() as u64);
    let mut prev = 0i64;
    for (i, &(v, _)) in values.iter().enumerate() {
        let n = (v * p).round() as i64;
        if i == 0 {
            put_varint(&mut out, zigzag(n));
        } else {
            // Sorted and distinct: the gaps are positive.
            put_varint(&mut out, n.checked_sub(prev).filter(|d| *d > 0)? as u64);
        }
        prev = n;
    }
    for &(_, w) in values {
        put_varint(&mut out, w as u64);
    }
    Some(out.into_boxed_slice())
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= ((b & 0x7f) as u64) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

fn decode_decimal(bytes: &[u8]) -> Option<Vec<(f64, f64)>> {
    let p = *POW10.get(*bytes.first()? as usize)?;
    let mut pos = 1;
    let len = get_varint(bytes, &mut pos)? as usize;
    let mut ns = Vec::with_capacity(len.min(1 << 16));
    let mut n = 0i64;
    for i in 0..len {
        let x = get_varint(bytes, &mut pos)?;
        n = if i == 0 { unzigzag(x) } else { n.wrapping_add(x as i64) };
        ns.push(n);
    }
    let mut out = Vec::with_capacity(len);
    for n in ns {
        out.push((n as f64 / p, get_varint(bytes, &mut pos)? as f64));
    }
    Some(out)
}

/// The list [`encode_values`] encoded (empty if the bytes are not one).
pub fn decode_values(bytes: &[u8]) -> Vec<(f64, f64)> {
    match bytes.split_first() {
        Some((2, rest)) => decode_decimal(rest).unwrap_or_default(),
        Some((0, chunk)) => {
            let mut out = Vec::new();
            let _ = decode_into(chunk, |w, v| out.push((v, w as f64)));
            out
        }
        Some((1, raw)) => raw
            .chunks_exact(16)
            .map(|c| {
                let v = f64::from_le_bytes(c[..8].try_into().unwrap_or_default());
                let w = f64::from_le_bytes(c[8..].try_into().unwrap_or_default());
                (v, w)
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_lists_round_trip() {
        for list in [
            vec![],
            vec![(1.0, 1.0)],
            (0..60).map(|i| (i as f64 * 0.25 - 3.0, 1.0)).collect::<Vec<_>>(),
            vec![(-5.5, 3.0), (0.0, 1.0), (2.0, 150.0), (1e300, 2.0)],
            vec![(1.0, 0.5), (2.0, 1.0)],
        ] {
            let bytes = encode_values(&list);
            let back = decode_values(&bytes);
            assert_eq!(back.len(), list.len());
            for (a, b) in list.iter().zip(&back) {
                assert_eq!((a.0.to_bits(), a.1.to_bits()), (b.0.to_bits(), b.1.to_bits()));
            }
        }
        // Sixty distinct decimals of weight one: two bytes each.
        let list: Vec<(f64, f64)> = (0..60).map(|i| (40.0 + i as f64 * 0.1, 1.0)).collect();
        assert_eq!(decode_values(&encode_values(&list)), list);
        assert!(encode_values(&list).len() <= 2 + 1 + 2 + 59 + 60, "{}", encode_values(&list).len());
        // Not decimals (and -0.0, which n / 10^k cannot give back): still exact.
        for list in [
            vec![(-0.0, 1.0), (1.0, 1.0)],
            vec![(std::f64::consts::PI, 2.0), (1e20, 1.0)],
            vec![(-1e-9, 1.0), (0.5, 7.0)],
            vec![(-12.25, 1.0), (-3.5, 1.0), (0.0, 4.0), (1234567.891, 2.0)],
        ] {
            let back = decode_values(&encode_values(&list));
            assert_eq!(back.len(), list.len());
            for (a, b) in list.iter().zip(&back) {
                assert_eq!((a.0.to_bits(), a.1.to_bits()), (b.0.to_bits(), b.1.to_bits()), "{list:?}");
            }
        }
    }

    fn round_trip(points: &[(i64, f64)]) -> usize {
        let chunk = encode(points);
        let back = decode(&chunk).expect("decodes");
        assert_eq!(back.len(), points.len());
        for (a, b) in points.iter().zip(&back) {
            assert_eq!(a.0, b.0);
            assert_eq!(a.1.to_bits(), b.1.to_bits(), "{} vs {}", a.1, b.1);
        }
        chunk.len()
    }

    #[test]
    fn regular_seconds_and_repeated_values_cost_bits() {
        let pts: Vec<(i64, f64)> = (0..3600).map(|i| (1_800_000_000 + i, 42.0)).collect();
        let n = round_trip(&pts);
        // 2 bits per point after the first: well under a byte each.
        assert!(n < 3600 / 4 + 32, "{n} bytes");
    }

    #[test]
    fn changing_values_stay_small() {
        let pts: Vec<(i64, f64)> = (0..3600).map(|i| (1_800_000_000 + i, ((i * 7) % 50) as f64)).collect();
        let n = round_trip(&pts);
        assert!(n / 3600 < 4, "{n} bytes");
    }

    #[test]
    fn gaps_negative_deltas_and_out_of_order_timestamps() {
        let pts = vec![
            (100, 1.5),
            (101, -2.25),
            (90, 3.0),         // back in time
            (5_000, 0.1),      // a big gap
            (5_001, f64::MAX), // extreme values
            (5_001, f64::MIN_POSITIVE),
            (-7, -0.0), // before the epoch, negative zero
            (i64::MAX / 2, 1e300),
            (i64::MIN / 2, -1e-300),
            (3, f64::INFINITY),
            (4, 123456.789),
        ];
        round_trip(&pts);
        // Every delta-of-delta class, both signs.
        let mut t = 0i64;
        let mut pts = Vec::new();
        for (i, step) in [1i64, 1, 60, -60, 200, -200, 2000, -2000, 1 << 40, -(1 << 40), 3, 3].iter().enumerate() {
            t += step;
            pts.push((t, i as f64 * 0.37));
        }
        round_trip(&pts);
    }

    #[test]
    fn random_floats_round_trip() {
        // A fixed xorshift so the test is the same every run.
        let mut s = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        let mut t = 1_700_000_000i64;
        let pts: Vec<(i64, f64)> = (0..5000)
            .map(|_| {
                t += (next() % 5) as i64 - 1;
                let v = f64::from_bits(next());
                (t, if v.is_nan() { 0.5 } else { v })
            })
            .collect();
        round_trip(&pts);
    }

    #[test]
    fn empty_and_single_and_truncated() {
        assert_eq!(decode(&encode(&[])).unwrap(), vec![]);
        round_trip(&[(7, 8.0)]);
        let chunk = encode(&[(1, 1.0), (2, 2.0), (3, 3.0)]);
        assert!(decode(&chunk[..chunk.len() - 1]).is_none());
        assert!(decode(&chunk[..10]).is_none());
    }
}
