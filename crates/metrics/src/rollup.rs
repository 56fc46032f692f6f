//! One roll-up bucket (a minute, five minutes or an hour of a metric). While its period is
//! in progress it is an [`Agg`]; once over, [`Bucket::pack`] keeps SampleCount, Sum, Minimum
//! and Maximum as they are and the value list (for percentiles) XOR-encoded
//! (`gorilla::encode_values`). A late datum opens it again; the next pack closes it.

use crate::gorilla;
use crate::stats::Agg;

pub enum Bucket {
    Open(Agg),
    Packed { count: f64, sum: f64, min: f64, max: f64, values: Box<[u8]> },
}

impl Default for Bucket {
    fn default() -> Self {
        Bucket::Open(Agg::default())
    }
}

impl Bucket {
    pub fn from_agg(agg: Agg) -> Bucket {
        Bucket::Open(agg)
    }

    /// The aggregate, to add to (unpacking it if need be).
    pub fn open(&mut self) -> &mut Agg {
        if let Bucket::Packed { count, sum, min, max, values } = self {
            let agg = Agg { count: *count, sum: *sum, min: *min, max: *max, values: gorilla::decode_values(values) };
            *self = Bucket::Open(agg);
        }
        match self {
            Bucket::Open(a) => a,
            Bucket::Packed { .. } => unreachable!("opened above"),
        }
    }

    pub fn is_packed(&self) -> bool {
        matches!(self, Bucket::Packed { .. })
    }

    pub fn pack(&mut self) {
        if let Bucket::Open(a) = self {
            let values = gorilla::encode_values(&a.values);
            *self = Bucket::Packed { count: a.count, sum: a.sum, min: a.min, max: a.max, values };
        }
    }

    /// Merge into `out`; the value list only if `values` (percentiles need it, nothing else
    /// does).
    pub fn merge_into(&self, out: &mut Agg, values: bool) {
        match self {
            Bucket::Open(a) if values => out.merge(a),
            Bucket::Open(a) => out.merge_stats(a.count, a.sum, a.min, a.max),
            Bucket::Packed { count, sum, min, max, values: packed } => {
                if values {
                    out.merge(&Agg {
                        count: *count,
                        sum: *sum,
                        min: *min,
                        max: *max,
                        values: gorilla::decode_values(packed),
                    });
                } else {
                    out.merge_stats(*count, *sum, *min, *max);
                }
            }
        }
    }

    /// The aggregate as it is (for a snapshot).
    pub fn to_agg(&self) -> Agg {
        let mut a = Agg::default();
        self.merge_into(&mut a, true);
        a
    }

    /// Heap bytes of the value list.
    pub fn heap_bytes(&self) -> usize {
        match self {
            Bucket::Open(a) => a.values.capacity() * 16,
            Bucket::Packed { values, .. } => values.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Statistic;

    #[test]
    fn packed_buckets_answer_as_open_ones() {
        let mut b = Bucket::default();
        for i in 0..60 {
            b.open().add_value(10.0 + (i % 17) as f64 * 0.3, 1.0);
        }
        b.open().merge(&Agg::set(5.0, 50.0, 1.0, 20.0));
        let open = b.to_agg();
        b.pack();
        assert!(b.is_packed());
        assert_eq!(b.to_agg(), open);
        assert!(b.heap_bytes() < 17 * 16, "{}", b.heap_bytes());
        for st in [Statistic::SampleCount, Statistic::Sum, Statistic::Minimum, Statistic::Maximum, Statistic::Average] {
            let mut without = Agg::default();
            b.merge_into(&mut without, false);
            assert_eq!(without.statistic(&st), open.statistic(&st));
        }
        assert_eq!(b.to_agg().percentile(90.0), open.percentile(90.0));
        // A late value opens it again.
        b.open().add_value(99.0, 1.0);
        assert!(!b.is_packed());
        assert_eq!(b.to_agg().max, 99.0);
        assert_eq!(b.to_agg().count, open.count + 1.0);
    }
}
