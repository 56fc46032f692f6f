//! The time-series store. Every sample lands in four resolutions at once, each kept as long
//! as CloudWatch keeps it: 1 s for 3 hours (compressed, `raw.rs`), 1 min for 15 days, 5 min
//! for 63 days, 1 h for 455 days. Durable through one file (`journal.rs`): a snapshot of
//! what is stored, then one binary frame per put, appended and pushed to the OS by
//! [`MetricStore::flush`] (once a second). The file is rewritten from memory at open and
//! whenever the frames appended since outgrow the snapshot ([`MetricStore::expire`]), so it
//! stays about the size of what is kept. A file of the earlier text format (`K`/`D` lines)
//! is read and rewritten in the binary one.

use std::collections::{BTreeMap, HashMap};
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::gorilla;
use crate::journal::{self, Cursor};
use crate::raw::{Point, Raw};
use crate::rollup::Bucket;
use crate::stats::Agg;

/// (resolution, retention) in seconds, finest first.
pub const LEVELS: [(i64, i64); 4] = [(1, 3 * 3600), (60, 15 * 86400), (300, 63 * 86400), (3600, 455 * 86400)];

/// The first bytes of a binary store file.
const MAGIC: &[u8] = b"HGMETRICS2\n";

/// Appended bytes past which the file is rewritten (and past the snapshot's size).
const COMPACT_AT: u64 = 64 << 20;

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
    /// The second of this metric's previous `V`/`D` record in the file (0 before its first).
    log_t: i64,
    /// The 1-s level, compressed (`raw.rs`).
    raw: Raw,
    /// The 1-min, 5-min and 1-h roll-ups (`LEVELS[1..]`).
    rollups: [BTreeMap<i64, Bucket>; 3],
    /// Per roll-up, the first bucket that may not be packed yet.
    pack_from: [i64; 3],
}

impl Series {
    fn new(log_id: u64) -> Series {
        Series {
            unit: None,
            last: 0,
            log_id,
            log_t: 0,
            raw: Raw::default(),
            rollups: Default::default(),
            pack_from: [i64::MIN; 3],
        }
    }
}

struct Log {
    path: PathBuf,
    out: BufWriter<File>,
    /// Bytes appended since the file was last rewritten, and the rewrite's size.
    appended: u64,
    snapshot: u64,
}

struct Inner {
    series: HashMap<MetricId, Series>,
    log: Option<Log>,
    /// The records of the put in progress (one frame).
    frame: Vec<u8>,
    next_id: u64,
}

impl Inner {
    fn put(&mut self, id: &MetricId, samples: &[Sample], now: f64) {
        let logging = self.log.is_some();
        if !self.series.contains_key(id) {
            let log_id = self.next_id;
            self.next_id += 1;
            if logging {
                self.frame.push(journal::K);
                journal::put_u64(&mut self.frame, log_id);
                journal::put_bytes(&mut self.frame, serde_json::to_string(id).unwrap_or_default().as_bytes());
            }
            self.series.insert(id.clone(), Series::new(log_id));
        }
        let series = self.series.get_mut(id).expect("inserted above");
        for s in samples {
            let t = s.timestamp.floor() as i64;
            if logging {
                log_sample(&mut self.frame, series, t, s);
            }
            if let Some(u) = &s.unit {
                if series.unit.as_ref() != Some(u) {
                    series.unit = Some(u.clone());
                }
            }
            add(series, t, &s.agg, now);
        }
    }

    /// Append the frame of the put just made.
    fn end_frame(&mut self) {
        if self.frame.is_empty() {
            return;
        }
        if let Some(log) = self.log.as_mut() {
            let _ = log.out.write_all(&(self.frame.len() as u32).to_le_bytes());
            let _ = log.out.write_all(&self.frame);
            log.appended += 4 + self.frame.len() as u64;
        }
        self.frame.clear();
    }
}

/// `U` when the unit changes, then `V` (a plain value) or `D`.
fn log_sample(frame: &mut Vec<u8>, series: &mut Series, t: i64, s: &Sample) {
    if let Some(u) = &s.unit {
        if series.unit.as_ref() != Some(u) {
            frame.push(journal::U);
            journal::put_u64(frame, series.log_id);
            journal::put_bytes(frame, u.as_bytes());
        }
    }
    let single = s.agg.single();
    frame.push(if single.is_some() { journal::V } else { journal::D });
    journal::put_u64(frame, series.log_id);
    journal::put_i64(frame, t.wrapping_sub(series.log_t));
    series.log_t = t;
    match single {
        Some(v) => journal::put_f64(frame, v),
        None => journal::put_agg(frame, &s.agg),
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
        MetricStore { inner: Mutex::new(Inner { series: HashMap::new(), log: None, frame: Vec::new(), next_id: 1 }) }
    }

    /// Open (creating) the store backed by the file at `path`, replaying what it holds that
    /// is still within retention at `now`, then rewriting it from memory.
    pub fn open(path: &Path, now: f64) -> Result<MetricStore, OpenError> {
        let store = MetricStore::in_memory();
        {
            let mut inner = store.lock();
            match std::fs::read(path) {
                Ok(bytes) => match bytes.strip_prefix(MAGIC) {
                    Some(body) => replay_binary(&mut inner, body, now),
                    None => replay_text(&mut inner, &bytes, now),
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(OpenError(format!("reading {}: {e}", path.display()))),
            }
            rewrite(&mut inner, path).map_err(|e| OpenError(format!("writing {}: {e}", path.display())))?;
        }
        Ok(store)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Add samples to a metric (written to the file; call [`flush`] to push it to the OS).
    pub fn put(&self, id: &MetricId, samples: &[Sample], now: f64) {
        let mut inner = self.lock();
        inner.put(id, samples, now);
        inner.end_frame();
    }

    /// Add several metrics' samples under one lock, in one frame (a PutMetricData call,
    /// grouped by metric).
    pub fn put_batch(&self, batch: &[(MetricId, Vec<Sample>)], now: f64) {
        let mut inner = self.lock();
        for (id, samples) in batch {
            inner.put(id, samples, now);
        }
        inner.end_frame();
    }

    /// Push buffered frames to the file.
    pub fn flush(&self) {
        if let Some(log) = self.lock().log.as_mut() {
            let _ = log.out.flush();
        }
    }

    /// Drop what is past retention at `now` and pack the roll-up buckets whose period is
    /// over; rewrite the file when what was appended since its last rewrite outgrows it.
    pub fn expire(&self, now: f64) {
        let mut inner = self.lock();
        let now_s = now as i64;
        for s in inner.series.values_mut() {
            s.raw.expire(now_s - LEVELS[0].1);
            for (i, (res, keep)) in LEVELS[1..].iter().enumerate() {
                let floor = now_s - keep;
                s.rollups[i] = s.rollups[i].split_off(&floor);
                let over = now_s - res;
                if s.pack_from[i] <= over {
                    for (_, b) in s.rollups[i].range_mut(s.pack_from[i].max(floor)..=over) {
                        b.pack();
                    }
                    s.pack_from[i] = over + 1;
                }
            }
        }
        let due = inner.log.as_ref().is_some_and(|l| l.appended > COMPACT_AT.max(l.snapshot));
        if due {
            let path = inner.log.as_ref().map(|l| l.path.clone()).expect("checked above");
            if let Err(e) = rewrite(&mut inner, &path) {
                // Appending goes on into the old file.
                eprintln!("metrics: rewriting {}: {e}", path.display());
            }
        }
    }

    /// Forget every metric (the emulator's reset); the file is rewritten empty.
    pub fn clear(&self) -> std::io::Result<()> {
        let mut inner = self.lock();
        inner.series.clear();
        let Some(path) = inner.log.as_ref().map(|l| l.path.clone()) else { return Ok(()) };
        rewrite(&mut inner, &path)
    }

    /// Rewrite the file from memory now (what [`expire`] does when it is due).
    pub fn compact(&self) -> std::io::Result<()> {
        let mut inner = self.lock();
        let Some(path) = inner.log.as_ref().map(|l| l.path.clone()) else { return Ok(()) };
        rewrite(&mut inner, &path)
    }

    /// Heap bytes held by the stored data (1-s chunks, tails and aggregates, roll-ups), per
    /// level, finest first; the metrics' identities and the map holding them left out.
    pub fn heap_bytes(&self) -> [usize; 4] {
        let inner = self.lock();
        let mut out = [0usize; 4];
        for s in inner.series.values() {
            out[0] += s.raw.heap_bytes();
            for i in 0..3 {
                let entry = size_of::<i64>() + size_of::<Bucket>();
                out[i + 1] += s.rollups[i].values().map(|b| entry * 4 / 3 + b.heap_bytes()).sum::<usize>();
            }
        }
        out
    }

    /// The file's size as last rewritten plus what was appended since.
    pub fn file_bytes(&self) -> u64 {
        self.lock().log.as_ref().map_or(0, |l| l.snapshot + l.appended)
    }

    /// Aggregates per period over [start, end): buckets start at `start` and step by
    /// `period`; the finest resolution that still holds `start` at `now` and divides the
    /// period is read. Empty buckets are left out.
    pub fn query(&self, id: &MetricId, start: f64, end: f64, period: i64, now: f64) -> Vec<(i64, Agg)> {
        self.query_with(id, start, end, period, now, true)
    }

    /// [`query`], the buckets' value lists left out unless `values` (only percentiles need
    /// them): SampleCount, Sum, Minimum, Maximum and Average come out the same, cheaper.
    pub fn query_with(
        &self,
        id: &MetricId,
        start: f64,
        end: f64,
        period: i64,
        now: f64,
        values: bool,
    ) -> Vec<(i64, Agg)> {
        let inner = self.lock();
        let Some(series) = inner.series.get(id) else { return Vec::new() };
        let (start, end) = (start.floor() as i64, end.ceil() as i64);
        let level = pick_level(start, end, period, now as i64);
        let (res, _) = LEVELS[level];
        let mut out: BTreeMap<i64, Agg> = BTreeMap::new();
        let lo = start.div_euclid(res) * res;
        let bucket = |t: i64| start + (t - start).div_euclid(period) * period;
        // What is past the level's retention is not answered, expired yet or not.
        let floor = now as i64 - LEVELS[level].1;
        if level == 0 {
            series.raw.scan(start.max(floor), end, |t, p| match p {
                Point::Value(v) if values => out.entry(bucket(t)).or_default().add_value(v, 1.0),
                Point::Value(v) => out.entry(bucket(t)).or_default().merge_stats(1.0, v, v, v),
                Point::Agg(a) if values => out.entry(bucket(t)).or_default().merge(a),
                Point::Agg(a) => out.entry(bucket(t)).or_default().merge_stats(a.count, a.sum, a.min, a.max),
            });
        } else {
            for (&t, agg) in series.rollups[level - 1].range(lo.max(floor)..end) {
                if t < start {
                    continue;
                }
                agg.merge_into(out.entry(bucket(t)).or_default(), values);
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

/// Add one sample at second `t`.
fn add(series: &mut Series, t: i64, agg: &Agg, now: f64) {
    series.last = series.last.max(t);
    if t >= now as i64 - LEVELS[0].1 {
        series.raw.add(t, agg);
    }
    let single = agg.single();
    for (i, (res, keep)) in LEVELS[1..].iter().enumerate() {
        if t < now as i64 - keep {
            continue;
        }
        let start = t.div_euclid(*res) * res;
        let bucket = series.rollups[i].entry(start).or_default();
        if bucket.is_packed() {
            series.pack_from[i] = series.pack_from[i].min(start);
        }
        let bucket = bucket.open();
        match single {
            Some(v) => bucket.add_value(v, 1.0),
            None => bucket.merge(agg),
        }
    }
}

/// Write the file anew from memory (to `<path>.tmp`, synced, renamed over `path`) and
/// append to it from then on.
fn rewrite(inner: &mut Inner, path: &Path) -> std::io::Result<()> {
    if let Some(log) = inner.log.as_mut() {
        log.out.flush()?;
    }
    let tmp = path.with_extension("tmp");
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
    out.write_all(MAGIC)?;
    let mut size = MAGIC.len() as u64;
    let mut frame = Vec::new();
    let mut ids: Vec<(&MetricId, &mut Series)> = inner.series.iter_mut().collect();
    ids.sort_by_key(|(_, s)| s.log_id);
    for (id, s) in ids {
        frame.clear();
        snapshot_series(&mut frame, id, s);
        out.write_all(&(frame.len() as u32).to_le_bytes())?;
        out.write_all(&frame)?;
        size += 4 + frame.len() as u64;
    }
    out.flush()?;
    out.get_ref().sync_all()?;
    drop(out);
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    let file = OpenOptions::new().append(true).open(path)?;
    inner.log = Some(Log {
        path: path.to_path_buf(),
        out: BufWriter::with_capacity(1 << 20, file),
        appended: 0,
        snapshot: size,
    });
    Ok(())
}

/// One metric as snapshot records: `K`, `L`, `U`, its chunks (`C`, the open tail last), its
/// uncompressed seconds and roll-ups (`X`).
fn snapshot_series(frame: &mut Vec<u8>, id: &MetricId, s: &mut Series) {
    let n = s.log_id;
    frame.push(journal::K);
    journal::put_u64(frame, n);
    journal::put_bytes(frame, serde_json::to_string(id).unwrap_or_default().as_bytes());
    frame.push(journal::L);
    journal::put_u64(frame, n);
    journal::put_i64(frame, s.last);
    if let Some(u) = &s.unit {
        frame.push(journal::U);
        journal::put_u64(frame, n);
        journal::put_bytes(frame, u.as_bytes());
    }
    s.raw.for_each_chunk(|bytes| {
        frame.push(journal::C);
        journal::put_u64(frame, n);
        journal::put_bytes(frame, bytes);
    });
    let mut x = |level: u64, t: i64, stats: [f64; 4], values: &[u8]| {
        frame.push(journal::X);
        journal::put_u64(frame, n);
        journal::put_u64(frame, level);
        journal::put_i64(frame, t);
        journal::put_packed(frame, stats, values);
    };
    for (&t, a) in s.raw.extra() {
        x(0, t, [a.count, a.sum, a.min, a.max], &gorilla::encode_values(&a.values));
    }
    for (i, level) in s.rollups.iter().enumerate() {
        for (&t, b) in level {
            match b {
                Bucket::Open(a) => {
                    x(i as u64 + 1, t, [a.count, a.sum, a.min, a.max], &gorilla::encode_values(&a.values))
                }
                Bucket::Packed { count, sum, min, max, values } => {
                    x(i as u64 + 1, t, [*count, *sum, *min, *max], values)
                }
            }
        }
    }
    // Replaying the `K` above starts the metric's deltas from 0 again.
    s.log_t = 0;
}

fn replay_binary(inner: &mut Inner, body: &[u8], now: f64) {
    let mut ids: HashMap<u64, MetricId> = HashMap::new();
    for frame in journal::frames(body) {
        // A record that does not parse ends its frame.
        let _ = replay_frame(inner, &mut ids, frame, now);
    }
    inner.next_id = ids.keys().max().copied().unwrap_or(0) + 1;
}

fn replay_frame(inner: &mut Inner, ids: &mut HashMap<u64, MetricId>, frame: &[u8], now: f64) -> Option<()> {
    let mut c = Cursor::new(frame);
    while !c.done() {
        let tag = c.u8()?;
        let n = c.u64()?;
        if tag == journal::K {
            let id: MetricId = serde_json::from_slice(c.bytes()?).ok()?;
            inner.series.entry(id.clone()).or_insert_with(|| Series::new(n)).log_t = 0;
            ids.insert(n, id);
            continue;
        }
        let series = inner.series.get_mut(ids.get(&n)?)?;
        match tag {
            journal::U => series.unit = Some(String::from_utf8(c.bytes()?.to_vec()).ok()?),
            journal::V | journal::D => {
                let t = series.log_t.wrapping_add(c.i64()?);
                series.log_t = t;
                let agg = if tag == journal::V { Agg::value(c.f64()?, 1.0) } else { c.agg()? };
                add(series, t, &agg, now);
            }
            journal::L => series.last = series.last.max(c.i64()?),
            journal::C => series.raw.restore_chunk(c.bytes()?, now as i64 - LEVELS[0].1),
            journal::X => {
                let level = c.u64()? as usize;
                let t = c.i64()?;
                let ([count, sum, min, max], values) = c.packed()?;
                if level > 3 || t < now as i64 - LEVELS[level].1 {
                    continue;
                }
                if level == 0 {
                    series.raw.restore_extra(t, Agg { count, sum, min, max, values: gorilla::decode_values(values) });
                } else {
                    let packed = Bucket::Packed { count, sum, min, max, values: values.into() };
                    match series.rollups[level - 1].entry(t) {
                        std::collections::btree_map::Entry::Vacant(e) => {
                            e.insert(packed);
                        }
                        std::collections::btree_map::Entry::Occupied(mut e) => {
                            e.get_mut().open().merge(&packed.to_agg())
                        }
                    }
                    series.pack_from[level - 1] = series.pack_from[level - 1].min(t);
                }
            }
            _ => return None,
        }
    }
    Some(())
}

/// The earlier text format: `K <id> <json>`, then `D <id> <ts> <unit|-> <count> <sum> <min>
/// <max> [v:w ...]` per sample; a torn last line is skipped.
fn replay_text(inner: &mut Inner, bytes: &[u8], now: f64) {
    let mut ids: HashMap<u64, MetricId> = HashMap::new();
    for line in bytes.split(|b| *b == b'\n') {
        let Ok(line) = std::str::from_utf8(line) else { continue };
        let _ = replay_line(inner, &mut ids, line, now);
    }
    inner.next_id = ids.keys().max().copied().unwrap_or(0) + 1;
}

fn replay_line(inner: &mut Inner, ids: &mut HashMap<u64, MetricId>, line: &str, now: f64) -> Option<()> {
    let (tag, rest) = line.split_once(' ')?;
    match tag {
        "K" => {
            let (n, json) = rest.split_once(' ')?;
            let id: MetricId = serde_json::from_str(json).ok()?;
            let n: u64 = n.parse().ok()?;
            inner.series.entry(id.clone()).or_insert_with(|| Series::new(n));
            ids.insert(n, id);
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
            let series = inner.series.get_mut(&id)?;
            if unit.is_some() {
                series.unit = unit;
            }
            add(series, timestamp.floor() as i64, &agg, now);
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

    /// (1-s seconds, 1-min, 5-min, 1-h buckets) held for `id()`.
    fn held(s: &MetricStore) -> (usize, usize, usize, usize) {
        let inner = s.lock();
        let series = &inner.series[&id()];
        let (chunked, extra) = series.raw.counts();
        (chunked + extra, series.rollups[0].len(), series.rollups[1].len(), series.rollups[2].len())
    }

    #[test]
    fn retention_is_cloudwatchs_at_every_level() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("metrics.log");
        let s = MetricStore::open(&path, NOW).unwrap();
        // Two hours of 1-s data ending at NOW.
        let samples: Vec<Sample> = (0..7200).map(|i| sample(NOW - 7200.0 + i as f64, (i % 10) as f64)).collect();
        s.put(&id(), &samples, NOW);
        s.flush();
        assert_eq!(held(&s), (7200, 120, 24, 2));
        let hour = 3600.0;
        let day = 86400.0;
        // (clock, what each level still holds): 1 s for 3 h, 1 min for 15 d, 5 min for 63 d,
        // 1 h for 455 d after each datapoint.
        let steps = [
            (NOW + 0.5 * hour, (7200, 120, 24, 2)),
            (NOW + 2.0 * hour, (3600, 120, 24, 2)),
            (NOW + 3.0 * hour + 1.0, (0, 120, 24, 2)),
            (NOW + 14.0 * day, (0, 120, 24, 2)),
            (NOW + 15.0 * day - hour, (0, 60, 24, 2)),
            (NOW + 15.0 * day + 1.0, (0, 0, 24, 2)),
            (NOW + 63.0 * day - hour, (0, 0, 12, 2)),
            (NOW + 63.0 * day + 1.0, (0, 0, 0, 2)),
            (NOW + 455.0 * day - hour, (0, 0, 0, 1)),
            (NOW + 455.0 * day + 1.0, (0, 0, 0, 0)),
        ];
        for (now, want) in steps {
            s.expire(now);
            assert_eq!(held(&s), want, "at NOW + {} s", now - NOW);
            // Reopening at that clock holds the same.
            s.flush();
            let again = MetricStore::open(&path, now).unwrap();
            assert_eq!(held(&again), want, "reopened at NOW + {} s", now - NOW);
        }
    }

    #[test]
    fn queries_answer_nothing_past_retention_before_expiry() {
        let s = MetricStore::in_memory();
        s.put(&id(), &[sample(NOW - 10.0, 1.0)], NOW);
        let later = NOW + 4.0 * 3600.0;
        // Not expired yet, but the 1-s level no longer answers for it; the minute one does.
        assert!(s.query(&id(), NOW - 20.0, NOW, 1, later).is_empty());
        assert_eq!(s.query(&id(), NOW - 60.0, NOW, 60, later).len(), 1);
    }

    #[test]
    fn a_torn_frame_loses_only_itself() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("metrics.log");
        let s = MetricStore::open(&path, NOW).unwrap();
        s.put(&id(), &[sample(NOW - 3.0, 1.0)], NOW);
        s.put(&id(), &[sample(NOW - 2.0, 2.0), sample(NOW - 1.0, 3.0)], NOW);
        s.flush();
        drop(s);
        // A crash in the middle of the last frame's write.
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 5]).unwrap();
        let s = MetricStore::open(&path, NOW).unwrap();
        let q = s.query(&id(), NOW - 60.0, NOW, 60, NOW);
        assert_eq!(q[0].1.count, 1.0);
        // The torn bytes are gone with the rewrite at open: what is put next replays.
        s.put(&id(), &[sample(NOW, 4.0)], NOW + 1.0);
        s.flush();
        drop(s);
        let s = MetricStore::open(&path, NOW + 1.0).unwrap();
        assert_eq!(s.query(&id(), NOW - 60.0, NOW + 60.0, 60, NOW + 1.0).iter().map(|q| q.1.count).sum::<f64>(), 2.0);
    }

    #[test]
    fn the_text_format_is_read_and_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("metrics.log");
        let json = serde_json::to_string(&id()).unwrap();
        let text = format!(
            "K 3 {json}\nD 3 {} Milliseconds 1 5 5 5 5:1\nD 3 {} - 2 14 6 8 6:1 8:1\nD 3 {} - 1 9",
            NOW - 10.0,
            NOW - 9.5,
            NOW - 8.0
        );
        std::fs::write(&path, text).unwrap();
        for round in 0..2 {
            let s = MetricStore::open(&path, NOW).unwrap();
            let q = s.query(&id(), NOW - 60.0, NOW, 60, NOW);
            assert_eq!(q[0].1.count, 3.0, "round {round}: the torn last line is skipped");
            assert_eq!(q[0].1.max, 8.0);
            assert_eq!(s.unit(&id()).as_deref(), Some("Milliseconds"));
            let q1 = s.query(&id(), NOW - 10.0, NOW - 9.0, 1, NOW);
            assert_eq!(q1[0].1.count, 3.0);
            assert_eq!(q1[0].1.percentile(50.0), Some(6.0));
            // New metrics continue after the file's ids.
            s.put(&MetricId::new("KG", "New", vec![]), &[sample(NOW, 1.0)], NOW);
            assert_eq!(s.lock().series[&MetricId::new("KG", "New", vec![])].log_id, 4);
            s.flush();
        }
        assert!(std::fs::read(&path).unwrap().starts_with(MAGIC));
    }

    #[test]
    fn the_file_is_rewritten_to_what_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("metrics.log");
        let s = MetricStore::open(&path, NOW).unwrap();
        let ids: Vec<MetricId> = (0..10).map(|i| MetricId::new("KG", &format!("m{i}"), vec![])).collect();
        for sec in 0..3600 {
            let t = NOW - 3600.0 + sec as f64;
            let batch: Vec<(MetricId, Vec<Sample>)> =
                ids.iter().enumerate().map(|(i, m)| (m.clone(), vec![sample(t, ((sec + i) % 20) as f64)])).collect();
            s.put_batch(&batch, NOW);
        }
        s.flush();
        let appended = s.file_bytes();
        // 36,000 datapoints in 3,600 frames: under 16 bytes a datapoint as appended.
        assert!(appended < 36_000 * 16, "{appended}");
        let before: Vec<_> = ids.iter().map(|m| s.query(m, NOW - 3600.0, NOW, 1, NOW)).collect();
        s.compact().unwrap();
        let compacted = std::fs::metadata(&path).unwrap().len();
        assert!(compacted < appended / 2, "{compacted} vs {appended}");
        drop(s);
        let s = MetricStore::open(&path, NOW).unwrap();
        let after: Vec<_> = ids.iter().map(|m| s.query(m, NOW - 3600.0, NOW, 1, NOW)).collect();
        assert_eq!(before, after);
        assert_eq!(after[3].len(), 3600);
        assert_eq!(s.query(&ids[0], NOW - 3600.0, NOW, 300, NOW), {
            let fresh = MetricStore::in_memory();
            for sec in 0..3600 {
                fresh.put(&ids[0], &[sample(NOW - 3600.0 + sec as f64, (sec % 20) as f64)], NOW);
            }
            fresh.query(&ids[0], NOW - 3600.0, NOW, 300, NOW)
        });
    }
}
