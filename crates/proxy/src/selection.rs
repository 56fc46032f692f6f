//! Target selection behind one trait: round robin and least outstanding requests, plus the
//! weighted choice among a forward action's target groups. Pure: a selector sees the current
//! load of each candidate and returns an index.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::config::Algorithm;

pub trait Selector: Send + Sync {
    /// Pick one of `loads.len()` candidates (each given by its requests in flight).
    fn pick(&self, loads: &[usize]) -> Option<usize>;
}

#[derive(Default)]
pub struct RoundRobin {
    next: AtomicUsize,
}

impl Selector for RoundRobin {
    fn pick(&self, loads: &[usize]) -> Option<usize> {
        if loads.is_empty() {
            return None;
        }
        Some(self.next.fetch_add(1, Ordering::Relaxed) % loads.len())
    }
}

/// The candidate with the fewest requests in flight; ties go round robin.
#[derive(Default)]
pub struct LeastOutstanding {
    next: AtomicUsize,
}

impl Selector for LeastOutstanding {
    fn pick(&self, loads: &[usize]) -> Option<usize> {
        let min = *loads.iter().min()?;
        let ties = loads.iter().filter(|l| **l == min).count();
        let nth = self.next.fetch_add(1, Ordering::Relaxed) % ties;
        loads.iter().enumerate().filter(|(_, l)| **l == min).nth(nth).map(|(i, _)| i)
    }
}

pub fn selector(algorithm: Algorithm) -> Box<dyn Selector> {
    match algorithm {
        Algorithm::RoundRobin => Box::<RoundRobin>::default(),
        Algorithm::LeastOutstandingRequests => Box::<LeastOutstanding>::default(),
    }
}

/// Weighted choice: the `n`th request (a counter) goes to the entry whose cumulative weight
/// range holds `n mod total`. Weight 0 entries get nothing; all zero picks the first.
pub fn weighted(weights: &[u32], n: u64) -> usize {
    let total: u64 = weights.iter().map(|w| *w as u64).sum();
    if total == 0 {
        return 0;
    }
    let mut x = n % total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w as u64 {
            return i;
        }
        x -= *w as u64;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_robin_cycles() {
        let rr = RoundRobin::default();
        let picks: Vec<_> = (0..6).map(|_| rr.pick(&[0, 9, 0]).unwrap()).collect();
        assert_eq!(picks, vec![0, 1, 2, 0, 1, 2]);
        assert_eq!(rr.pick(&[]), None);
    }

    #[test]
    fn least_outstanding_prefers_idle_and_spreads_ties() {
        let lor = LeastOutstanding::default();
        assert_eq!(lor.pick(&[3, 1, 2]), Some(1));
        let picks: Vec<_> = (0..4).map(|_| lor.pick(&[0, 5, 0]).unwrap()).collect();
        assert!(picks.contains(&0) && picks.contains(&2) && !picks.contains(&1));
    }

    #[test]
    fn weights_split_by_proportion() {
        let mut counts = [0; 3];
        for n in 0..1000 {
            counts[weighted(&[1, 3, 0], n)] += 1;
        }
        assert_eq!(counts, [250, 750, 0]);
        assert_eq!(weighted(&[0, 0], 7), 0);
    }
}
