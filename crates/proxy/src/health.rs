//! Target health: the state machine (pure; fed by active checks and by passive failures seen
//! on live traffic) and the active checker (one GET per target per interval, on its own
//! connection, as ALB's `ELB-HealthChecker/2.0`).

use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Empty;
use hyper_util::rt::TokioIo;

use crate::config::HealthSettings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Registered, not yet through its first checks.
    Initial,
    Healthy,
    Unhealthy,
}

/// Why a target is unhealthy, as ELBv2's `TargetHealth.Reason` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Connection refused or reset, or an error response from the connection.
    FailedHealthChecks,
    Timeout,
    ResponseCodeMismatch(u16),
}

#[derive(Debug, Clone)]
pub struct Health {
    pub state: State,
    /// The failure that made (or keeps) the target unhealthy.
    pub reason: Option<Failure>,
    /// At least one check has completed.
    pub checked: bool,
    /// Unhealthy only because live traffic found it refusing connections (or hung): re-probed
    /// quickly, and back at its first passing check.
    pub passive: bool,
    ok: u32,
    failed: u32,
}

impl Default for Health {
    fn default() -> Self {
        Health { state: State::Initial, reason: None, checked: false, passive: false, ok: 0, failed: 0 }
    }
}

impl Health {
    /// One active check's outcome. `healthy` consecutive successes make a target healthy,
    /// `unhealthy` consecutive failures unhealthy (from initial as from healthy).
    pub fn observe(&mut self, outcome: Result<(), Failure>, healthy: u32, unhealthy: u32) {
        self.checked = true;
        match outcome {
            Ok(()) => {
                self.failed = 0;
                self.ok = self.ok.saturating_add(1);
                if self.state != State::Healthy && (self.ok >= healthy.max(1) || self.passive) {
                    self.state = State::Healthy;
                    self.reason = None;
                    self.passive = false;
                }
            }
            Err(f) => {
                self.ok = 0;
                // A target that answers, wrongly, is down by its own word: from now on the
                // thresholds decide. One still refusing or silent stays on quick re-probes.
                if matches!(f, Failure::ResponseCodeMismatch(_)) {
                    self.passive = false;
                }
                self.failed = self.failed.saturating_add(1);
                if self.state == State::Unhealthy {
                    self.reason = Some(f);
                } else if self.failed >= unhealthy.max(1) {
                    self.state = State::Unhealthy;
                    self.reason = Some(f);
                }
            }
        }
    }

    /// Live traffic found the target refusing or resetting connections: unhealthy at once;
    /// only active checks bring it back — the first that passes, unless a failing check has
    /// confirmed the failure since (then the healthy threshold applies).
    pub fn passive_failure(&mut self) {
        self.passive_failure_for(Failure::FailedHealthChecks);
    }

    /// The same, for a target found hung (connections accepted, no answer): `Timeout`.
    pub fn passive_failure_for(&mut self, why: Failure) {
        self.ok = 0;
        if self.state != State::Unhealthy {
            self.passive = true;
        }
        self.state = State::Unhealthy;
        self.reason = Some(why);
    }

    /// How soon to check again: quickly while a verdict is pending (new targets) or while a
    /// target is down only by live traffic's word, else at the configured interval.
    pub fn next_check(&self, interval: Duration, quick: Duration) -> Duration {
        if self.state == State::Initial || (self.state == State::Unhealthy && self.passive) {
            interval.min(quick)
        } else {
            interval
        }
    }

    /// Whether new requests may go to the target while others are healthy.
    pub fn serving(&self) -> bool {
        self.state == State::Healthy
    }
}

/// One active check: GET the path on a fresh connection (or only connect, for a TCP check),
/// within the timeout; the connection starts with a PROXY v2 LOCAL header if the group sends
/// PROXY headers.
pub async fn check(addr: SocketAddr, via: Option<&crate::dial::Via>, settings: &HealthSettings) -> Result<(), Failure> {
    let attempt = async {
        let mut stream = crate::dial::tcp(addr, via, None).await.map_err(|_| Failure::FailedHealthChecks)?;
        if settings.proxy_header {
            use tokio::io::AsyncWriteExt;
            stream
                .write_all(&crate::proxy_protocol::v2_local_header())
                .await
                .map_err(|_| Failure::FailedHealthChecks)?;
        }
        let io = crate::pool::target_io(addr, stream, settings.tls).await.map_err(|_| Failure::FailedHealthChecks)?;
        if settings.tcp {
            return Ok(());
        }
        let (mut send, conn) =
            hyper::client::conn::http1::handshake(TokioIo::new(io)).await.map_err(|_| Failure::FailedHealthChecks)?;
        tokio::spawn(conn);
        let req = hyper::Request::get(&settings.path)
            .header(hyper::header::HOST, addr.to_string())
            .header(hyper::header::USER_AGENT, "ELB-HealthChecker/2.0")
            .header(hyper::header::CONNECTION, "close")
            .body(Empty::<Bytes>::new())
            .map_err(|_| Failure::FailedHealthChecks)?;
        let resp = send.send_request(req).await.map_err(|_| Failure::FailedHealthChecks)?;
        let code = resp.status().as_u16();
        if settings.matcher.iter().any(|(lo, hi)| (*lo..=*hi).contains(&code)) {
            Ok(())
        } else {
            Err(Failure::ResponseCodeMismatch(code))
        }
    };
    match tokio::time::timeout(settings.timeout.max(Duration::from_millis(100)), attempt).await {
        Ok(r) => r,
        Err(_) => Err(Failure::Timeout),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_move_the_state() {
        let mut h = Health::default();
        assert_eq!(h.state, State::Initial);
        h.observe(Ok(()), 2, 2);
        assert_eq!(h.state, State::Initial);
        assert!(h.checked);
        h.observe(Ok(()), 2, 2);
        assert_eq!(h.state, State::Healthy);
        h.observe(Err(Failure::Timeout), 2, 2);
        assert_eq!(h.state, State::Healthy, "one failure is below the unhealthy threshold");
        h.observe(Err(Failure::ResponseCodeMismatch(500)), 2, 2);
        assert_eq!((h.state, h.reason), (State::Unhealthy, Some(Failure::ResponseCodeMismatch(500))));
        h.observe(Ok(()), 2, 2);
        assert_eq!(h.state, State::Unhealthy);
        h.observe(Ok(()), 2, 2);
        assert_eq!((h.state, h.reason), (State::Healthy, None));
    }

    #[test]
    fn initial_targets_can_fail_straight_to_unhealthy() {
        let mut h = Health::default();
        h.observe(Err(Failure::FailedHealthChecks), 5, 2);
        h.observe(Err(Failure::FailedHealthChecks), 5, 2);
        assert_eq!((h.state, h.reason), (State::Unhealthy, Some(Failure::FailedHealthChecks)));
    }

    #[test]
    fn a_passive_failure_is_immediate_and_its_target_returns_at_the_first_passing_check() {
        let mut h = Health::default();
        h.observe(Ok(()), 2, 2);
        h.observe(Ok(()), 2, 2);
        h.passive_failure();
        assert_eq!((h.state, h.reason), (State::Unhealthy, Some(Failure::FailedHealthChecks)));
        let quick = Duration::from_millis(100);
        assert_eq!(h.next_check(Duration::from_secs(30), quick), quick, "re-probed quickly");
        h.observe(Ok(()), 5, 2);
        assert_eq!((h.state, h.reason), (State::Healthy, None), "back at the first passing check");
        assert_eq!(h.next_check(Duration::from_secs(30), quick), Duration::from_secs(30));
        // Still refusing (a restart under way): probed quickly until it answers.
        h.passive_failure();
        h.observe(Err(Failure::FailedHealthChecks), 2, 2);
        assert_eq!(h.next_check(Duration::from_secs(30), quick), quick);
        h.observe(Ok(()), 2, 2);
        assert_eq!(h.state, State::Healthy);
        // Answering wrongly confirms it: then the healthy threshold decides, at the interval.
        h.passive_failure();
        h.observe(Err(Failure::ResponseCodeMismatch(503)), 2, 2);
        assert_eq!(h.next_check(Duration::from_secs(30), quick), Duration::from_secs(30));
        h.observe(Ok(()), 2, 2);
        assert_eq!(h.state, State::Unhealthy);
        h.observe(Ok(()), 2, 2);
        assert_eq!(h.state, State::Healthy);
        // Hung: the same, with Timeout as the reason.
        h.passive_failure_for(Failure::Timeout);
        assert_eq!((h.state, h.reason, h.passive), (State::Unhealthy, Some(Failure::Timeout), true));
    }
}
