//! What storing 1-s data costs: N metrics × S seconds of one value a second, put a second at
//! a time (one `put_batch` of every metric per second, the clock advancing with the data and
//! `expire` run every simulated minute, as the evaluator does), then the store's heap bytes
//! per level, the process's peak RSS, and the file: bytes appended per datapoint, and its
//! size once rewritten (what a restart leaves, and what the periodic rewrite keeps it near).
//!
//! `cargo run --release -p metrics --example footprint -- [metrics] [seconds] [walk|ints]`
//! (defaults 1000 86400 walk). `walk`: a random walk rounded to 0.1 per metric (a gauge such
//! as CPU %); `ints`: `(metric + second) % 50`, what `bench/cw_bench.py` puts.

use std::time::Instant;

use metrics::{Agg, MetricId, MetricStore, Sample};

fn rss_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let metrics: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let seconds: i64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(86_400);
    let walk = args.get(3).map(String::as_str) != Some("ints");
    let dir = std::env::temp_dir().join(format!("footprint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("metrics.log");
    let t0: i64 = 1_800_000_000;
    let store = MetricStore::open(&path, t0 as f64).expect("open");
    let ids: Vec<MetricId> = (0..metrics)
        .map(|i| MetricId::new("Footprint", &format!("m{i:04}"), vec![("Host".into(), format!("h{i}"))]))
        .collect();
    let mut level: Vec<f64> = (0..metrics).map(|i| 20.0 + (i % 60) as f64).collect();
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let rss0 = rss_kib("VmRSS:");
    let started = Instant::now();
    let mut appended = 0u64;
    let mut batch: Vec<(MetricId, Vec<Sample>)> = ids.iter().map(|id| (id.clone(), Vec::with_capacity(1))).collect();
    for sec in 0..seconds {
        let t = t0 + sec;
        for (i, (_, samples)) in batch.iter_mut().enumerate() {
            let v = if walk {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                let step = (rng % 21) as f64 / 10.0 - 1.0;
                level[i] = (level[i] + step).clamp(0.0, 100.0);
                (level[i] * 10.0).round() / 10.0
            } else {
                ((i as i64 + t) % 50) as f64
            };
            samples.clear();
            samples.push(Sample { timestamp: t as f64, agg: Agg::value(v, 1.0), unit: Some("Percent".into()) });
        }
        let before = store.file_bytes();
        store.put_batch(&batch, t as f64);
        appended += store.file_bytes().saturating_sub(before);
        if sec % 60 == 59 {
            store.flush();
            store.expire(t as f64 + 1.0);
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let now = (t0 + seconds) as f64;
    store.expire(now);
    let heap = store.heap_bytes();
    let total: usize = heap.iter().sum();
    let points = metrics as f64 * seconds as f64;
    store.compact().expect("rewrite");
    let file = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "{metrics} metrics x {seconds} s of 1-s data ({}), {points:.0} datapoints put in {elapsed:.1} s ({:.0} ns each)",
        if walk { "random walk, 0.1 steps" } else { "(metric + second) % 50" },
        elapsed * 1e9 / points
    );
    println!(
        "heap: 1 s {:.1} MB, 1 min {:.1} MB, 5 min {:.1} MB, 1 h {:.1} MB; total {:.1} MB = {:.2} bytes per datapoint put",
        heap[0] as f64 / 1e6,
        heap[1] as f64 / 1e6,
        heap[2] as f64 / 1e6,
        heap[3] as f64 / 1e6,
        total as f64 / 1e6,
        total as f64 / points
    );
    println!(
        "RSS: {:.1} MB grown ({:.2} bytes per datapoint), peak {:.1} MB",
        (rss_kib("VmRSS:").saturating_sub(rss0)) as f64 / 1024.0,
        (rss_kib("VmRSS:").saturating_sub(rss0)) as f64 * 1024.0 / points,
        rss_kib("VmHWM:") as f64 / 1024.0
    );
    println!(
        "file: {:.2} bytes per datapoint appended; {:.1} MB once rewritten = {:.2} bytes per datapoint put",
        appended as f64 / points,
        file as f64 / 1e6,
        file as f64 / points
    );
    let _ = std::fs::remove_dir_all(&dir);
}
