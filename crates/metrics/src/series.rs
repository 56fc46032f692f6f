//! The time-series store. Every sample lands in four resolutions at once, each kept as long
//! as CloudWatch keeps it: 1 s for 3 hours, 1 min for 15 days, 5 min for 63 days, 1 h for
//! 455 days. Durable through an append-only file replayed at open: each metric's identity is
//! written once, then one short line per sample.

use std::collections::{BTreeMap, HashMap};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::raw::{Point, Raw};
use crate::stats::Agg;

/// (resolution, retention) in seconds, finest first.
pub const LEVELS: [(i64, i64); 4] = [(1, 3 * 3600), (60, 15 * 86400), (300, 63 * 86400), (3600, 455 * 86400)];

/// A metric: namespace, name and dimensions (sorted by name, as CloudWatch treats them).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MetricId {
    pub namespace: String,
    pub name: String,
    pub dimensions: Vec<(String, String)>,
}

impl MetricId {
    pub fn new(namespace: &str, name: &str, mut dimensions: Vec<(String, String)>) -> MetricId {
        dimensions.sort();
        MetricId { namespace: namespace.into(), name: name.into(), dimensions }
    }
}

/// One PutMetricData datum (or one measurement of the region's own).
#[derive(Debug, Clone)]
pub struct Sample {
    pub timestamp: f64,
    pub agg: Agg,
    pub unit: Option<String>,
}

struct Series {
    unit: Option<String>,
    /// Epoch second of the newest sample.
    last: i64,
    log_id: u64,
    /// The 1-s level, compressed (`raw.rs`).
    raw: Raw,
    /// The 1-min, 5-min and 1-h roll-ups (`LEVELS[1..]`).
    rollups: [BTreeMap<i64, Agg>; 3],
}

impl Series {
    fn new(log_id: u64) -> Series {
        Series { unit: None, last: 0, log_id, raw: Raw::default(), rollups: Default::default() }
    }
}

struct Inner {
    series: HashMap<MetricId, Series>,
    log: Option<BufWriter<File>>,
    next_id: u64,
}

impl Inner {
    fn put(&mut self, id: &MetricId, samples: &[Sample], now: f64) {
        if !self.series.contains_key(id) {
            let log_id = self.next_id;
            self.next_id += 1;
            if let Some(log) = self.log.as_mut() {
                let _ = writeln!(log, "K {log_id} {}", serde_json::to_string(id).unwrap_or_default());
            }
            self.series.insert(id.clone(), Series::new(log_id));
        }
        let series = self.series.get_mut(id).expect("inserted above");
        for s in samples {
            if let Some(log) = self.log.as_mut() {
                write_sample(log, series.log_id, s);
            }
            add(series, s, now);
        }
    }
}

pub struct MetricStore {
    inner: Mutex<Inner>,
}

#[derive(Debug)]
pub struct OpenError(pub String);

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OpenError {}

impl Default for MetricStore {
    fn default() -> Self {
        MetricStore::in_memory()
    }
}

impl MetricStore {
    pub fn in_memory() -> MetricStore {
        MetricStore { inner: Mutex::new(Inner { series: HashMap::new(), log: None, next_id: 1 }) }
    }

    /// Open (creating) the store backed by the append file at `path`, replaying what it holds
    /// that is still within retention at `now`.
    pub fn open(path: &Path, now: f64) -> Result<MetricStore, OpenError> {
        let store = MetricStore::in_memory();
        let mut ids: HashMap<u64, MetricId> = HashMap::new();
        if let Ok(f) = File::open(path) {
            let mut inner = store.lock();
            for line in BufReader::new(f).lines() {
                let Ok(line) = line else { break };
                // A torn last line (a crash mid-write) is skipped.
                let _ = replay(&mut inner, &mut ids, &line, now);
            }
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| OpenError(format!("opening {}: {e}", path.display())))?;
        {
            let mut inner = store.lock();
            inner.log = Some(BufWriter::with_capacity(1 << 20, file));
            // New ids continue after the replayed ones.
            inner.next_id = ids.keys().max().copied().unwrap_or(0) + 1;
            let known: HashMap<MetricId, u64> = ids.into_iter().map(|(k, v)| (v, k)).collect();
            for (id, s) in inner.series.iter_mut() {
                s.log_id = known.get(id).copied().unwrap_or(0);
            }
        }
        Ok(store)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Add samples to a metric (written to the append file; call [`flush`] to push it to
    /// the OS).
    pub fn put(&self, id: &MetricId, samples: &[Sample], now: f64) {
        let mut inner = self.lock();
        inner.put(id, samples, now);
    }

    /// Add several metrics' samples under one lock (a PutMetricData call, grouped by metric).
    pub fn put_batch(&self, batch: &[(MetricId, Vec<Sample>)], now: f64) {
        let mut inner = self.lock();
        for (id, samples) in batch {
            inner.put(id, samples, now);
        }
    }

    /// Push buffered samples to the file.
    pub fn flush(&self) {
        if let Some(log) = self.lock().log.as_mut() {
            let _ = log.flush();
        }
    }

    /// Drop what is past retention at `now`.
    pub fn expire(&self, now: f64) {
        let mut inner = self.lock();
        for s in inner.series.values_mut() {
            s.raw.expire(now as i64 - LEVELS[0].1);
            for (i, (_, keep)) in LEVELS[1..].iter().enumerate() {
                let floor = now as i64 - keep;
                s.rollups[i] = s.rollups[i].split_off(&floor);
            }
        }
    }

    /// Aggregates per period over [start, end): buckets start at `start` and step by
    /// `period`; the finest resolution that still holds `start` at `now` and divides the
    /// period is read. Empty buckets are left out.
    pub fn query(&self, id: &MetricId, start: f64, end: f64, period: i64, now: f64) -> Vec<(i64, Agg)> {
        let inner = self.lock();
        let Some(series) = inner.series.get(id) else { return Vec::new() };
        let (start, end) = (start.floor() as i64, end.ceil() as i64);
        let level = pick_level(start, end, period, now as i64);
        let (res, _) = LEVELS[level];
        let mut out: BTreeMap<i64, Agg> = BTreeMap::new();
        let lo = start.div_euclid(res) * res;
        let bucket = |t: i64| start + (t - start).div_euclid(period) * period;
        if level == 0 {
            series.raw.scan(start, end, |t, p| match p {
                Point::Value(v) => out.entry(bucket(t)).or_default().add_value(v, 1.0),
                Point::Agg(a) => out.entry(bucket(t)).or_default().merge(a),
            });
        } else {
            for (&t, agg) in series.rollups[level - 1].range(lo..end) {
                if t < start {
                    continue;
                }
                out.entry(bucket(t)).or_default().merge(agg);
            }
        }
        out.into_iter().collect()
    }

    /// The unit the metric was last given.
    pub fn unit(&self, id: &MetricId) -> Option<String> {
        self.lock().series.get(id).and_then(|s| s.unit.clone())
    }

    /// Every metric with the epoch second of its newest sample.
    pub fn list(&self) -> Vec<(MetricId, i64)> {
        let mut v: Vec<(MetricId, i64)> = self.lock().series.iter().map(|(k, s)| (k.clone(), s.last)).collect();
        v.sort();
        v
    }
}

/// The coarsest level that still gives the same answer — its resolution divides `period`
/// and both ends of the window, and its retention covers `start` — so an hour at Period 60
/// reads 60 one-minute aggregates, not 3,600 one-second ones. Failing that, the coarsest
/// level whose resolution divides the period.
fn pick_level(start: i64, end: i64, period: i64, now: i64) -> usize {
    let fits =
        |&(res, keep): &(i64, i64)| period % res == 0 && start % res == 0 && end % res == 0 && start >= now - keep;
    if let Some(i) = LEVELS.iter().rposition(fits) {
        return i;
    }
    for (i, (res, keep)) in LEVELS.iter().enumerate() {
        if period % res == 0 && start >= now - keep {
            return i;
        }
    }
    LEVELS.iter().rposition(|(res, _)| period % res == 0).unwrap_or(0)
}

fn add(series: &mut Series, s: &Sample, now: f64) {
    let t = s.timestamp.floor() as i64;
    if s.unit.is_some() {
        series.unit = s.unit.clone();
    }
    series.last = series.last.max(t);
    if t >= now as i64 - LEVELS[0].1 {
        series.raw.add(t, &s.agg);
    }
    for (i, (res, keep)) in LEVELS[1..].iter().enumerate() {
        if t < now as i64 - keep {
            continue;
        }
        let bucket = series.rollups[i].entry(t.div_euclid(*res) * res).or_default();
        match s.agg.single() {
            Some(v) => bucket.add_value(v, 1.0),
            None => bucket.merge(&s.agg),
        }
    }
}

/// `D <id> <ts> <unit|-> <count> <sum> <min> <max> [v:w ...]`
fn write_sample(log: &mut BufWriter<File>, id: u64, s: &Sample) {
    let a = &s.agg;
    let _ = write!(
        log,
        "D {id} {} {} {} {} {} {}",
        s.timestamp,
        s.unit.as_deref().unwrap_or("-"),
        a.count,
        a.sum,
        a.min,
        a.max
    );
    for (v, w) in &a.values {
        let _ = write!(log, " {v}:{w}");
    }
    let _ = writeln!(log);
}

fn replay(inner: &mut Inner, ids: &mut HashMap<u64, MetricId>, line: &str, now: f64) -> Option<()> {
    let (tag, rest) = line.split_once(' ')?;
    match tag {
        "K" => {
            let (n, json) = rest.split_once(' ')?;
            let id: MetricId = serde_json::from_str(json).ok()?;
            ids.insert(n.parse().ok()?, id);
        }
        "D" => {
            let mut f = rest.split(' ');
            let id = ids.get(&f.next()?.parse().ok()?)?.clone();
            let timestamp: f64 = f.next()?.parse().ok()?;
            let unit = match f.next()? {
                "-" => None,
                u => Some(u.to_string()),
            };
            let mut num = || -> Option<f64> { f.next()?.parse().ok() };
            let (count, sum, min, max) = (num()?, num()?, num()?, num()?);
            let mut agg = Agg::set(count, sum, min, max);
            for pair in f {
                let (v, w) = pair.split_once(':')?;
                agg.values.push((v.parse().ok()?, w.parse().ok()?));
            }
            let series = inner.series.entry(id).or_insert_with(|| Series::new(0));
            add(series, &Sample { timestamp, agg, unit }, now);
        }
        _ => return None,
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> MetricId {
        MetricId::new("KG", "Latency", vec![("Page".into(), "home".into())])
    }

    fn sample(t: f64, v: f64) -> Sample {
        Sample { timestamp: t, agg: Agg::value(v, 1.0), unit: Some("Milliseconds".into()) }
    }

    const NOW: f64 = 1_800_000_000.0;

    #[test]
    fn buckets_follow_the_period_from_start() {
        let s = MetricStore::in_memory();
        let samples: Vec<Sample> = (0..120).map(|i| sample(NOW - 120.0 + i as f64, i as f64)).collect();
        s.put(&id(), &samples, NOW);
        let q = s.query(&id(), NOW - 120.0, NOW, 60, NOW);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].1.count, 60.0);
        assert_eq!(q[0].1.max, 59.0);
        assert_eq!(q[1].1.min, 60.0);
        let q10 = s.query(&id(), NOW - 30.0, NOW, 10, NOW);
        assert_eq!(q10.len(), 3);
        assert_eq!(q10[2].1.sum, (110..120).sum::<i32>() as f64);
    }

    #[test]
    fn old_data_is_read_from_rollups() {
        let s = MetricStore::in_memory();
        let old = NOW - 5.0 * 86400.0;
        s.put(&id(), &[sample(old, 1.0), sample(old + 1.0, 3.0)], NOW);
        // 1 s data of five days ago is gone, the minute roll-up holds it.
        assert!(s.query(&id(), old - 60.0, old + 60.0, 1, NOW).is_empty());
        let q = s.query(&id(), (old / 60.0).floor() * 60.0, old + 60.0, 60, NOW);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].1.average(), 2.0);
    }

    #[test]
    fn restart_keeps_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("metrics.log");
        {
            let s = MetricStore::open(&path, NOW).unwrap();
            s.put(&id(), &[sample(NOW - 10.0, 5.0), sample(NOW - 9.0, 7.0)], NOW);
            let other = MetricId::new("KG", "Other", vec![]);
            s.put(&other, &[sample(NOW - 5.0, 1.0)], NOW);
            s.flush();
        }
        let s = MetricStore::open(&path, NOW).unwrap();
        let q = s.query(&id(), NOW - 60.0, NOW, 60, NOW);
        assert_eq!(q[0].1.count, 2.0);
        assert_eq!(q[0].1.percentile(100.0), Some(7.0));
        assert_eq!(s.unit(&id()).as_deref(), Some("Milliseconds"));
        // New metrics after a restart get fresh ids, old ones keep theirs.
        s.put(&MetricId::new("KG", "Third", vec![]), &[sample(NOW, 2.0)], NOW);
        s.put(&id(), &[sample(NOW - 1.0, 9.0)], NOW);
        s.flush();
        drop(s);
        let s = MetricStore::open(&path, NOW).unwrap();
        assert_eq!(s.query(&id(), NOW - 60.0, NOW, 60, NOW)[0].1.count, 3.0);
        assert_eq!(s.list().len(), 3);
    }

    #[test]
    fn ingest_is_fast() {
        let s = MetricStore::in_memory();
        let ids: Vec<MetricId> = (0..100).map(|i| MetricId::new("B", &format!("m{i}"), vec![])).collect();
        let started = std::time::Instant::now();
        for round in 0..200 {
            for id in &ids {
                let batch: Vec<Sample> = (0..10).map(|k| sample(NOW - 100.0 + round as f64 * 0.5, k as f64)).collect();
                s.put(id, &batch, NOW);
            }
        }
        // 200,000 datapoints; generous bound for an unoptimised debug build.
        assert!(started.elapsed().as_secs_f64() < 20.0);
    }
}
