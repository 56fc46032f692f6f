//! The retry budget: every request earns a fraction of a retry, every retry spends one, so
//! that retries stay a bounded share of the traffic (and cannot storm a dying fleet).

use std::sync::Mutex;

pub struct RetryBudget {
    /// Thousandths of a retry.
    tokens: Mutex<u64>,
    /// Earned per request, in thousandths.
    ratio: u64,
    cap: u64,
}

impl RetryBudget {
    /// `ratio` of requests may be retried, with `floor` retries always available at first.
    pub fn new(ratio: f64, floor: f64, cap: f64) -> RetryBudget {
        let milli = |x: f64| (x * 1000.0).round() as u64;
        RetryBudget { tokens: Mutex::new(milli(floor)), ratio: milli(ratio), cap: milli(cap) }
    }

    pub fn on_request(&self) {
        let mut t = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        *t = (*t + self.ratio).min(self.cap);
    }

    /// Spend one retry if the budget has it.
    pub fn try_retry(&self) -> bool {
        let mut t = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        if *t >= 1000 {
            *t -= 1000;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_are_a_bounded_share() {
        let b = RetryBudget::new(0.2, 2.0, 100.0);
        assert!(b.try_retry() && b.try_retry());
        assert!(!b.try_retry());
        for _ in 0..10 {
            b.on_request();
        }
        assert!(b.try_retry() && b.try_retry());
        assert!(!b.try_retry());
    }
}
