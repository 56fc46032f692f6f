//! The 1-s level of one metric, compact: seconds that hold exactly one value of weight 1 (a
//! plain `Value` datum, what nearly all 1-s data is) go in order into an open tail, sealed
//! every [`CHUNK_POINTS`] points into a Gorilla chunk (`gorilla.rs`, a few bits to a few bytes
//! a point). Anything else — a second that already has data, a datum older than the newest
//! one (CloudWatch takes them up to two weeks old), a StatisticSet or Values/Counts — is kept
//! beside them as an uncompressed aggregate per second (`extra`) and merged in when read.
//! [`Raw::expire`] drops what is past retention and folds a large `extra` of plain values back
//! into chunks.

use std::collections::BTreeMap;

use crate::gorilla;
use crate::stats::Agg;

/// Points per sealed chunk.
pub const CHUNK_POINTS: usize = 240;

/// Plain out-of-order values kept uncompressed before [`Raw::expire`] folds them into chunks.
const FOLD_AT: usize = 64;

struct Chunk {
    first: i64,
    last: i64,
    data: Box<[u8]>,
}

/// One contribution to a second: a plain value, or an aggregate.
pub enum Point<'a> {
    Value(f64),
    Agg(&'a Agg),
}

#[derive(Default)]
pub struct Raw {
    /// Sealed, in time order, not overlapping.
    chunks: Vec<Chunk>,
    /// Strictly ascending, every one after the last chunk.
    tail: Vec<(i64, f64)>,
    extra: BTreeMap<i64, Agg>,
}

impl Raw {
    fn newest(&self) -> Option<i64> {
        self.tail.last().map(|p| p.0).or_else(|| self.chunks.last().map(|c| c.last))
    }

    /// Add one sample to second `t`.
    pub fn add(&mut self, t: i64, agg: &Agg) {
        if let Some(v) = agg.single() {
            if self.newest().is_none_or(|n| t > n) {
                if self.tail.capacity() == 0 {
                    self.tail.reserve_exact(CHUNK_POINTS);
                }
                self.tail.push((t, v));
                if self.tail.len() >= CHUNK_POINTS {
                    self.seal();
                }
                return;
            }
        }
        self.extra.entry(t).or_default().merge(agg);
    }

    fn seal(&mut self) {
        if let (Some(&(first, _)), Some(&(last, _))) = (self.tail.first(), self.tail.last()) {
            self.chunks.push(Chunk { first, last, data: gorilla::encode(&self.tail) });
        }
        self.tail.clear();
    }

    /// Every contribution to the seconds in [lo, hi), chunks and tail in time order, then
    /// the extra aggregates in time order (a second may be handed over twice: merge them).
    pub fn scan(&self, lo: i64, hi: i64, mut f: impl FnMut(i64, Point<'_>)) {
        let from = self.chunks.partition_point(|c| c.last < lo);
        for c in self.chunks[from..].iter().take_while(|c| c.first < hi) {
            gorilla::decode_into(&c.data, |t, v| {
                if t >= lo && t < hi {
                    f(t, Point::Value(v))
                }
            });
        }
        let from = self.tail.partition_point(|p| p.0 < lo);
        for &(t, v) in self.tail[from..].iter().take_while(|p| p.0 < hi) {
            f(t, Point::Value(v));
        }
        for (&t, a) in self.extra.range(lo..hi) {
            f(t, Point::Agg(a));
        }
    }

    /// Drop every second before `floor`; fold plain values from a large `extra` into chunks.
    pub fn expire(&mut self, floor: i64) {
        let keep = self.chunks.partition_point(|c| c.last < floor);
        self.chunks.drain(..keep);
        if let Some(c) = self.chunks.first() {
            if c.first < floor {
                let points: Vec<(i64, f64)> =
                    gorilla::decode(&c.data).unwrap_or_default().into_iter().filter(|p| p.0 >= floor).collect();
                match (points.first(), points.last()) {
                    (Some(&(first, _)), Some(&(last, _))) => {
                        self.chunks[0] = Chunk { first, last, data: gorilla::encode(&points) };
                    }
                    _ => {
                        self.chunks.remove(0);
                    }
                }
            }
        }
        self.tail.retain(|p| p.0 >= floor);
        self.extra = self.extra.split_off(&floor);
        if self.extra.values().filter(|a| a.single().is_some()).count() >= FOLD_AT {
            self.fold();
        }
    }

    /// Rewrite the chunks with the plain values of `extra` whose second holds nothing else.
    fn fold(&mut self) {
        let mut points: Vec<(i64, f64)> = Vec::new();
        for c in &self.chunks {
            gorilla::decode_into(&c.data, |t, v| points.push((t, v)));
        }
        points.extend_from_slice(&self.tail);
        let taken: BTreeMap<i64, f64> = self
            .extra
            .iter()
            .filter_map(|(&t, a)| a.single().map(|v| (t, v)))
            .filter(|(t, _)| points.binary_search_by_key(t, |p| p.0).is_err())
            .collect();
        for t in taken.keys() {
            self.extra.remove(t);
        }
        points.extend(taken);
        points.sort_by_key(|p| p.0);
        self.chunks.clear();
        self.tail.clear();
        let mut rest = points.as_slice();
        while rest.len() > CHUNK_POINTS {
            let (head, tail) = rest.split_at(CHUNK_POINTS);
            self.chunks.push(Chunk { first: head[0].0, last: head[CHUNK_POINTS - 1].0, data: gorilla::encode(head) });
            rest = tail;
        }
        self.tail.extend_from_slice(rest);
    }

    /// Each sealed chunk's bytes, then the open tail's encoded as one (for a snapshot).
    pub fn for_each_chunk(&self, mut f: impl FnMut(&[u8])) {
        for c in &self.chunks {
            f(&c.data);
        }
        if !self.tail.is_empty() {
            f(&gorilla::encode(&self.tail));
        }
    }

    /// The uncompressed seconds.
    pub fn extra(&self) -> &BTreeMap<i64, Agg> {
        &self.extra
    }

    /// Take back a chunk of [`Raw::for_each_chunk`], leaving out seconds before `floor`: a
    /// full chunk after everything held is kept as it is, any other's points are added.
    pub fn restore_chunk(&mut self, bytes: &[u8], floor: i64) {
        let Some(points) = gorilla::decode(bytes) else { return };
        let (Some(&(first, _)), Some(&(last, _))) = (points.first(), points.last()) else { return };
        let ascending = points.windows(2).all(|w| w[0].0 < w[1].0);
        if points.len() == CHUNK_POINTS
            && ascending
            && first >= floor
            && self.tail.is_empty()
            && self.newest().is_none_or(|n| first > n)
        {
            self.chunks.push(Chunk { first, last, data: bytes.into() });
            return;
        }
        for (t, v) in points.into_iter().filter(|p| p.0 >= floor) {
            self.add(t, &Agg::value(v, 1.0));
        }
    }

    /// Take back an uncompressed second.
    pub fn restore_extra(&mut self, t: i64, agg: Agg) {
        self.extra.entry(t).or_default().merge(&agg);
    }

    /// Heap bytes held (chunks, tail, extra aggregates with their value lists; allocator
    /// slack and the map's nodes estimated).
    pub fn heap_bytes(&self) -> usize {
        let chunks: usize =
            self.chunks.iter().map(|c| c.data.len()).sum::<usize>() + self.chunks.capacity() * size_of::<Chunk>();
        let tail = self.tail.capacity() * 16;
        chunks + tail + agg_map_bytes(&self.extra)
    }

    /// Points in chunks and tail, and seconds in `extra`.
    pub fn counts(&self) -> (usize, usize) {
        let chunked: usize =
            self.chunks.iter().map(|c| u32::from_le_bytes(c.data[..4].try_into().unwrap_or_default()) as usize).sum();
        (chunked + self.tail.len(), self.extra.len())
    }
}

/// A `BTreeMap<i64, Agg>`'s heap bytes: per entry the key, the aggregate and about a third
/// more for the nodes' spare room, plus each value list's capacity.
pub fn agg_map_bytes(m: &BTreeMap<i64, Agg>) -> usize {
    let entry = size_of::<i64>() + size_of::<Agg>();
    m.values().map(|a| entry * 4 / 3 + a.values.capacity() * 16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(r: &Raw, lo: i64, hi: i64) -> BTreeMap<i64, Agg> {
        let mut out: BTreeMap<i64, Agg> = BTreeMap::new();
        r.scan(lo, hi, |t, p| match p {
            Point::Value(v) => out.entry(t).or_default().add_value(v, 1.0),
            Point::Agg(a) => out.entry(t).or_default().merge(a),
        });
        out
    }

    #[test]
    fn in_order_values_are_chunked_and_read_back() {
        let mut r = Raw::default();
        for t in 0..1000 {
            r.add(1000 + t, &Agg::value((t % 37) as f64 * 0.5, 1.0));
        }
        assert_eq!(r.chunks.len(), 1000 / CHUNK_POINTS);
        assert!(r.extra.is_empty());
        let got = all(&r, 1000, 2000);
        assert_eq!(got.len(), 1000);
        assert_eq!(got[&1999].sum, (999 % 37) as f64 * 0.5);
        // A window inside one chunk and across chunk boundaries.
        let w = all(&r, 1230, 1250);
        assert_eq!(w.keys().copied().collect::<Vec<_>>(), (1230..1250).collect::<Vec<_>>());
        // Values from 0 to 18 in steps of 0.5: about a byte and a half a point, plus the
        // open tail's buffer.
        assert!(r.heap_bytes() < 1000 * 2 + CHUNK_POINTS * 16 + 256, "{}", r.heap_bytes());
    }

    #[test]
    fn late_duplicate_and_rich_datums_merge_in() {
        let mut r = Raw::default();
        for t in [10, 11, 12, 20] {
            r.add(t, &Agg::value(t as f64, 1.0));
        }
        r.add(11, &Agg::value(100.0, 1.0)); // the same second again
        r.add(5, &Agg::value(-3.0, 1.0)); // older than the newest
        r.add(21, &Agg::set(4.0, 10.0, 1.0, 4.0)); // a StatisticSet
        r.add(22, &Agg::value(2.0, 3.0)); // Values with Counts
        let got = all(&r, 0, 100);
        assert_eq!(got.keys().copied().collect::<Vec<_>>(), vec![5, 10, 11, 12, 20, 21, 22]);
        assert_eq!(got[&11].count, 2.0);
        assert_eq!(got[&11].max, 100.0);
        assert_eq!(got[&11].min, 11.0);
        assert_eq!(got[&5].sum, -3.0);
        assert_eq!(got[&21].count, 4.0);
        assert_eq!(got[&22].sum, 6.0);
        // A plain value after a rich second goes to the tail again.
        r.add(30, &Agg::value(1.0, 1.0));
        assert_eq!(r.tail.last(), Some(&(30, 1.0)));
    }

    #[test]
    fn expire_drops_whole_and_partial_chunks() {
        let mut r = Raw::default();
        for t in 0..1000 {
            r.add(t, &Agg::value(t as f64, 1.0));
        }
        r.add(3, &Agg::value(1.0, 1.0));
        r.expire(500);
        let got = all(&r, i64::MIN, i64::MAX);
        assert_eq!(got.len(), 500);
        assert_eq!(*got.keys().next().unwrap(), 500);
        assert!(r.chunks[0].first >= 500);
        r.expire(2000);
        assert!(all(&r, i64::MIN, i64::MAX).is_empty());
        assert_eq!(r.counts(), (0, 0));
    }

    #[test]
    fn backfilled_values_fold_into_chunks() {
        let mut r = Raw::default();
        // Newest first (a backfill after live data): every one lands in `extra`.
        for t in (0..600).rev() {
            r.add(t, &Agg::value((t % 7) as f64, 1.0));
        }
        // One second with two values stays an aggregate.
        r.add(100, &Agg::value(50.0, 1.0));
        assert_eq!(r.extra.len(), 599);
        let before = all(&r, 0, 600);
        r.expire(0);
        assert_eq!(r.extra.len(), 1, "only the doubled second is left uncompressed");
        assert_eq!(all(&r, 0, 600), before);
        assert_eq!(r.counts(), (599, 1));
        // In-order data goes on after the fold.
        r.add(600, &Agg::value(1.0, 1.0));
        assert_eq!(all(&r, 600, 601)[&600].sum, 1.0);
    }
}
