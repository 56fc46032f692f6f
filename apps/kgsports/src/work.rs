//! Real CPU work: chained SHA-256 rounds. At start the app measures how many rounds this machine
//! does per millisecond; a request for "N ms of work" then runs a fixed number of rounds, so
//! a busier machine takes longer (as real work would) and the load shows in CPUUtilization.

use std::hint::black_box;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

/// Rounds between checks of the cancel flag.
const BATCH: u64 = 1024;

#[derive(Debug, Clone, Copy)]
pub struct Work {
    rounds_per_ms: f64,
}

/// What a burn did.
pub struct Burn {
    pub rounds: u64,
    pub elapsed: Duration,
    /// First bytes of the final hash, shown so the work cannot be optimised away.
    pub digest: String,
}

impl Work {
    /// Measure the rounds per millisecond: the best of five 10 ms runs, after a 20 ms warm-up
    /// (about 70 ms in all), so a cold or briefly busy core does not set the rate too low.
    pub fn calibrate() -> Work {
        let warm_up = Instant::now();
        let mut h = [0u8; 32];
        while warm_up.elapsed() < Duration::from_millis(20) {
            h = chain(h, BATCH);
        }
        black_box(h);
        let mut best: f64 = 0.0;
        for _ in 0..5 {
            let start = Instant::now();
            let mut rounds = 0;
            let mut h = [0u8; 32];
            while start.elapsed() < Duration::from_millis(10) {
                h = chain(h, BATCH);
                rounds += BATCH;
            }
            black_box(h);
            best = best.max(rounds as f64 / (start.elapsed().as_secs_f64() * 1000.0));
        }
        Work { rounds_per_ms: best.max(1.0) }
    }

    pub fn rounds_per_ms(&self) -> f64 {
        self.rounds_per_ms
    }

    /// Do `ms` milliseconds' worth of rounds (as calibrated), stopping early if `cancel` is set.
    pub fn burn(&self, ms: f64, seed: u64, cancel: &AtomicBool) -> Burn {
        let start = Instant::now();
        let target = (ms.max(0.0) * self.rounds_per_ms).round() as u64;
        let mut h = [0u8; 32];
        h[..8].copy_from_slice(&seed.to_le_bytes());
        let mut rounds = 0;
        while rounds < target && !cancel.load(Ordering::Relaxed) {
            let n = BATCH.min(target - rounds);
            h = chain(h, n);
            rounds += n;
        }
        let digest = h[..6].iter().map(|b| format!("{b:02x}")).collect();
        Burn { rounds, elapsed: start.elapsed(), digest }
    }
}

fn chain(mut h: [u8; 32], rounds: u64) -> [u8; 32] {
    for _ in 0..rounds {
        h = Sha256::digest(black_box(h)).into();
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burn_runs_the_calibrated_rounds_and_honours_cancel() {
        let w = Work::calibrate();
        assert!(w.rounds_per_ms() >= 1.0);
        let b = w.burn(2.0, 7, &AtomicBool::new(false));
        assert_eq!(b.rounds, (2.0 * w.rounds_per_ms()).round() as u64);
        assert_eq!(b.digest.len(), 12);
        assert_eq!(w.burn(1000.0, 7, &AtomicBool::new(true)).rounds, 0);
    }
}
