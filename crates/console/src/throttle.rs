//! Slowing password guessing: after a few failed sign-ins for one user name (or from one
//! address) within a window, further attempts are refused until the window has passed, without
//! checking the password at all. A success clears the user name's count.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use crate::session::Clock;

/// Failed sign-ins allowed per user name within [`WINDOW`].
pub const PER_USER: u32 = 5;
/// Failed sign-ins allowed per source address within [`WINDOW`].
pub const PER_ADDRESS: u32 = 20;
/// Seconds.
pub const WINDOW: f64 = 300.0;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    User(String),
    Address(IpAddr),
}

pub struct Throttle {
    clock: Clock,
    /// key → (failures, when the first of them happened)
    failures: Mutex<HashMap<Key, (u32, f64)>>,
}

impl Throttle {
    pub fn new(clock: Clock) -> Throttle {
        Throttle { clock, failures: Mutex::new(HashMap::new()) }
    }

    fn keys(user: &str, from: IpAddr) -> [(Key, u32); 2] {
        [(Key::User(user.to_lowercase()), PER_USER), (Key::Address(from), PER_ADDRESS)]
    }

    /// None when a sign-in may be tried now, else the seconds to wait.
    pub fn wait(&self, user: &str, from: IpAddr) -> Option<u64> {
        let now = (self.clock)();
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, (_, first)| now - *first < WINDOW);
        Self::keys(user, from)
            .iter()
            .filter_map(|(k, limit)| map.get(k).filter(|(n, _)| n >= limit).map(|(_, first)| first + WINDOW - now))
            .reduce(f64::max)
            .map(|w| w.ceil().max(1.0) as u64)
    }

    pub fn failed(&self, user: &str, from: IpAddr) {
        let now = (self.clock)();
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for (k, _) in Self::keys(user, from) {
            let e = map.entry(k).or_insert((0, now));
            if now - e.1 >= WINDOW {
                *e = (0, now);
            }
            e.0 += 1;
        }
    }

    pub fn succeeded(&self, user: &str) {
        self.failures.lock().unwrap_or_else(|e| e.into_inner()).remove(&Key::User(user.to_lowercase()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;

    fn setup() -> (Throttle, Arc<AtomicU64>) {
        let t = Arc::new(AtomicU64::new(1_000));
        let c = t.clone();
        (Throttle::new(Arc::new(move || c.load(Ordering::SeqCst) as f64)), t)
    }

    const A: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
    const B: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));

    #[test]
    fn five_failures_for_a_user_wait_out_the_window() {
        let (th, t) = setup();
        for _ in 0..PER_USER {
            assert_eq!(th.wait("alice", A), None);
            th.failed("alice", A);
        }
        assert_eq!(th.wait("alice", A), Some(300));
        assert_eq!(th.wait("ALICE", B), Some(300), "per user name, from anywhere, in any case");
        assert_eq!(th.wait("bob", A), None, "another user from the same address may still try");
        t.store(1_299, Ordering::SeqCst);
        assert_eq!(th.wait("alice", A), Some(1));
        t.store(1_300, Ordering::SeqCst);
        assert_eq!(th.wait("alice", A), None);
    }

    #[test]
    fn one_address_guessing_many_users_is_slowed_too() {
        let (th, _) = setup();
        for i in 0..PER_ADDRESS {
            th.failed(&format!("user{i}"), A);
        }
        assert!(th.wait("someone-new", A).is_some());
        assert_eq!(th.wait("someone-new", B), None);
    }

    #[test]
    fn a_success_clears_the_users_count() {
        let (th, _) = setup();
        for _ in 0..PER_USER - 1 {
            th.failed("alice", A);
        }
        th.succeeded("alice");
        th.failed("alice", A);
        assert_eq!(th.wait("alice", A), None);
    }
}
