//! One bucket's aggregate and the statistics CloudWatch computes from it: SampleCount,
//! Average, Sum, Minimum, Maximum and percentiles (`p99`, `p99.9`).

use serde::{Deserialize, Serialize};

/// How many distinct values a bucket keeps for percentiles; beyond it, values merge into
/// their nearest neighbour (the percentiles of long roll-ups are then approximate).
const MAX_VALUES: usize = 512;

/// The aggregate of every sample in one bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agg {
    pub count: f64,
    pub sum: f64,
    pub min: f64,
    pub max: f64,
    /// (value, weight), sorted by value; empty when only StatisticValues were given.
    pub values: Vec<(f64, f64)>,
}

impl Default for Agg {
    fn default() -> Self {
        Agg { count: 0.0, sum: 0.0, min: f64::INFINITY, max: f64::NEG_INFINITY, values: Vec::new() }
    }
}

impl Agg {
    /// One value seen `count` times.
    pub fn value(v: f64, count: f64) -> Agg {
        Agg { count, sum: v * count, min: v, max: v, values: vec![(v, count)] }
    }

    /// A StatisticSet: no individual values, so no percentiles.
    pub fn set(count: f64, sum: f64, min: f64, max: f64) -> Agg {
        Agg { count, sum, min, max, values: Vec::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.count <= 0.0
    }

    /// The value, when this is exactly one sample of weight 1 (what a 1-s chunk stores).
    pub fn single(&self) -> Option<f64> {
        match self.values.as_slice() {
            [(v, w)] if *w == 1.0 && self.count == 1.0 && self.sum == *v && self.min == *v && self.max == *v => {
                Some(*v)
            }
            _ => None,
        }
    }

    /// Merge one value seen `w` times (the same as merging `Agg::value(v, w)`, without its
    /// allocation).
    pub fn add_value(&mut self, v: f64, w: f64) {
        self.count += w;
        self.sum += v * w;
        self.min = self.min.min(v);
        self.max = self.max.max(v);
        match self.values.binary_search_by(|(x, _)| x.total_cmp(&v)) {
            Ok(i) => self.values[i].1 += w,
            Err(i) => self.values.insert(i, (v, w)),
        }
        if self.values.len() > MAX_VALUES {
            self.compact();
        }
    }

    /// Merge another bucket's SampleCount, Sum, Minimum and Maximum, leaving the value list
    /// alone (for a query that computes no percentile).
    pub fn merge_stats(&mut self, count: f64, sum: f64, min: f64, max: f64) {
        self.count += count;
        self.sum += sum;
        self.min = self.min.min(min);
        self.max = self.max.max(max);
    }

    pub fn merge(&mut self, o: &Agg) {
        self.count += o.count;
        self.sum += o.sum;
        self.min = self.min.min(o.min);
        self.max = self.max.max(o.max);
        for &(v, w) in &o.values {
            match self.values.binary_search_by(|(x, _)| x.total_cmp(&v)) {
                Ok(i) => self.values[i].1 += w,
                Err(i) => self.values.insert(i, (v, w)),
            }
        }
        if self.values.len() > MAX_VALUES {
            self.compact();
        }
    }

    /// Merge the lightest pair of neighbours until the bucket is within its budget (so that
    /// every kept value stands for about as many samples as the others).
    fn compact(&mut self) {
        while self.values.len() > MAX_VALUES {
            let i = (0..self.values.len() - 1)
                .min_by(|&a, &b| {
                    let wa = self.values[a].1 + self.values[a + 1].1;
                    let wb = self.values[b].1 + self.values[b + 1].1;
                    wa.total_cmp(&wb)
                })
                .unwrap_or(0);
            let (a, b) = (self.values[i], self.values[i + 1]);
            let w = a.1 + b.1;
            self.values[i] = ((a.0 * a.1 + b.0 * b.1) / w, w);
            self.values.remove(i + 1);
        }
    }

    pub fn average(&self) -> f64 {
        self.sum / self.count
    }

    /// The nearest-rank percentile `p` (0–100) of the values; None without values.
    pub fn percentile(&self, p: f64) -> Option<f64> {
        let total: f64 = self.values.iter().map(|(_, w)| w).sum();
        if total <= 0.0 {
            return None;
        }
        let rank = (p / 100.0 * total).ceil().max(1.0);
        let mut seen = 0.0;
        for &(v, w) in &self.values {
            seen += w;
            if seen >= rank {
                return Some(v);
            }
        }
        self.values.last().map(|(v, _)| *v)
    }

    pub fn statistic(&self, s: &Statistic) -> Option<f64> {
        if self.is_empty() {
            return None;
        }
        Some(match s {
            Statistic::SampleCount => self.count,
            Statistic::Average => self.average(),
            Statistic::Sum => self.sum,
            Statistic::Minimum => self.min,
            Statistic::Maximum => self.max,
            Statistic::Percentile(p) => return self.percentile(*p),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Statistic {
    SampleCount,
    Average,
    Sum,
    Minimum,
    Maximum,
    /// `pNN` / `pNN.NN`
    Percentile(f64),
}

impl Statistic {
    /// A statistic's name as CloudWatch spells it; None for anything else.
    pub fn parse(name: &str) -> Option<Statistic> {
        Some(match name {
            "SampleCount" => Statistic::SampleCount,
            "Average" => Statistic::Average,
            "Sum" => Statistic::Sum,
            "Minimum" => Statistic::Minimum,
            "Maximum" => Statistic::Maximum,
            _ => {
                let p: f64 = name.strip_prefix('p')?.parse().ok()?;
                if !(0.0..=100.0).contains(&p) || name.contains(['e', 'E', '+', '-']) {
                    return None;
                }
                Statistic::Percentile(p)
            }
        })
    }

    pub fn name(&self) -> String {
        match self {
            Statistic::SampleCount => "SampleCount".into(),
            Statistic::Average => "Average".into(),
            Statistic::Sum => "Sum".into(),
            Statistic::Minimum => "Minimum".into(),
            Statistic::Maximum => "Maximum".into(),
            Statistic::Percentile(p) => format!("p{}", crate::alarm::java_double(*p).trim_end_matches(".0")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(values: &[f64]) -> Agg {
        let mut a = Agg::default();
        for v in values {
            a.merge(&Agg::value(*v, 1.0));
        }
        a
    }

    #[test]
    fn basic_statistics() {
        let a = of(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(a.statistic(&Statistic::SampleCount), Some(4.0));
        assert_eq!(a.statistic(&Statistic::Sum), Some(10.0));
        assert_eq!(a.statistic(&Statistic::Average), Some(2.5));
        assert_eq!(a.statistic(&Statistic::Minimum), Some(1.0));
        assert_eq!(a.statistic(&Statistic::Maximum), Some(4.0));
        assert_eq!(Agg::default().statistic(&Statistic::Sum), None);
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let a = of(&(1..=100).map(f64::from).collect::<Vec<_>>());
        assert_eq!(a.percentile(50.0), Some(50.0));
        assert_eq!(a.percentile(99.0), Some(99.0));
        assert_eq!(a.percentile(99.9), Some(100.0));
        assert_eq!(a.percentile(0.0), Some(1.0));
        // Values/Counts: 10 seen 9 times, 1000 once → p90 is 10, p91 is 1000.
        let mut w = Agg::value(10.0, 9.0);
        w.merge(&Agg::value(1000.0, 1.0));
        assert_eq!(w.percentile(90.0), Some(10.0));
        assert_eq!(w.percentile(91.0), Some(1000.0));
        // A StatisticSet has no percentiles.
        assert_eq!(Agg::set(3.0, 6.0, 1.0, 3.0).percentile(50.0), None);
    }

    #[test]
    fn statistic_names() {
        assert_eq!(Statistic::parse("p99"), Some(Statistic::Percentile(99.0)));
        assert_eq!(Statistic::parse("p99.9"), Some(Statistic::Percentile(99.9)));
        assert_eq!(Statistic::parse("p101"), None);
        assert_eq!(Statistic::parse("Median"), None);
        assert_eq!(Statistic::Percentile(99.9).name(), "p99.9");
        assert_eq!(Statistic::Percentile(90.0).name(), "p90");
    }

    #[test]
    fn many_values_stay_bounded() {
        let a = of(&(0..10_000).map(f64::from).collect::<Vec<_>>());
        assert!(a.values.len() <= MAX_VALUES);
        let p50 = a.percentile(50.0).unwrap();
        assert!((p50 - 5000.0).abs() < 100.0, "{p50}");
    }
}
