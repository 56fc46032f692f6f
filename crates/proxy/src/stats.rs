//! Request counters for CloudWatch's AWS/ApplicationELB metrics: per load balancer address
//! and per target group, read and reset by [`crate::Proxy::take_counts`] once a second.
//! Plain relaxed atomics on the request path.

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Default)]
pub(crate) struct Stats {
    requests: AtomicU64,
    target_2xx: AtomicU64,
    target_3xx: AtomicU64,
    target_4xx: AtomicU64,
    target_5xx: AtomicU64,
    elb_4xx: AtomicU64,
    elb_5xx: AtomicU64,
    /// Time from sending the request to the target's response head, in microseconds.
    response_us: AtomicU64,
    responses: AtomicU64,
    /// UDP flows opened, bytes relayed over them (both ways), and flows open now (a gauge,
    /// not reset by `take`).
    udp_new_flows: AtomicU64,
    udp_bytes: AtomicU64,
    udp_active: AtomicU64,
    /// The same for relayed TCP connections (bytes counted when a connection ends).
    tcp_new_flows: AtomicU64,
    tcp_bytes: AtomicU64,
    tcp_active: AtomicU64,
}

/// The counts since the last take.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub requests: u64,
    pub target_2xx: u64,
    pub target_3xx: u64,
    pub target_4xx: u64,
    pub target_5xx: u64,
    pub elb_4xx: u64,
    pub elb_5xx: u64,
    /// Sum of target response times, seconds, over `responses` responses.
    pub response_time_sum: f64,
    pub responses: u64,
    pub udp_new_flows: u64,
    pub udp_bytes: u64,
    /// UDP flows open at the time of the take.
    pub udp_active: u64,
    pub tcp_new_flows: u64,
    pub tcp_bytes: u64,
    /// Relayed TCP connections open at the time of the take.
    pub tcp_active: u64,
}

impl Stats {
    pub fn request(&self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
    }

    /// A response the load balancer made itself (no target answered).
    pub fn elb_status(&self, status: u16) {
        match status {
            400..=499 => self.elb_4xx.fetch_add(1, Ordering::Relaxed),
            500..=599 => self.elb_5xx.fetch_add(1, Ordering::Relaxed),
            _ => 0,
        };
    }

    /// A target's response head, and how long it took.
    pub fn target_status(&self, status: u16, micros: u64) {
        let c = match status {
            200..=299 => &self.target_2xx,
            300..=399 => &self.target_3xx,
            400..=499 => &self.target_4xx,
            _ => &self.target_5xx,
        };
        c.fetch_add(1, Ordering::Relaxed);
        self.response_us.fetch_add(micros, Ordering::Relaxed);
        self.responses.fetch_add(1, Ordering::Relaxed);
    }

    /// A UDP flow opened (also counted as a new flow, `request`).
    pub fn udp_flow_opened(&self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        self.udp_new_flows.fetch_add(1, Ordering::Relaxed);
        self.udp_active.fetch_add(1, Ordering::Relaxed);
    }

    pub fn udp_flow_closed(&self) {
        let _ = self.udp_active.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| Some(n.saturating_sub(1)));
    }

    pub fn udp_bytes(&self, n: usize) {
        self.udp_bytes.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// A TCP connection relayed to a target (a network listener's flow).
    pub fn tcp_flow_opened(&self) {
        self.tcp_new_flows.fetch_add(1, Ordering::Relaxed);
        self.tcp_active.fetch_add(1, Ordering::Relaxed);
    }

    /// The flow ended, having carried `bytes` both ways.
    pub fn tcp_flow_closed(&self, bytes: u64) {
        self.tcp_bytes.fetch_add(bytes, Ordering::Relaxed);
        let _ = self.tcp_active.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| Some(n.saturating_sub(1)));
    }

    pub fn take(&self) -> Counts {
        let t = |a: &AtomicU64| a.swap(0, Ordering::Relaxed);
        Counts {
            requests: t(&self.requests),
            target_2xx: t(&self.target_2xx),
            target_3xx: t(&self.target_3xx),
            target_4xx: t(&self.target_4xx),
            target_5xx: t(&self.target_5xx),
            elb_4xx: t(&self.elb_4xx),
            elb_5xx: t(&self.elb_5xx),
            response_time_sum: t(&self.response_us) as f64 / 1e6,
            responses: t(&self.responses),
            udp_new_flows: t(&self.udp_new_flows),
            udp_bytes: t(&self.udp_bytes),
            udp_active: self.udp_active.load(Ordering::Relaxed),
            tcp_new_flows: t(&self.tcp_new_flows),
            tcp_bytes: t(&self.tcp_bytes),
            tcp_active: self.tcp_active.load(Ordering::Relaxed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_taken_and_reset() {
        let s = Stats::default();
        s.request();
        s.request();
        s.target_status(200, 1500);
        s.target_status(503, 500);
        s.elb_status(502);
        let c = s.take();
        assert_eq!((c.requests, c.target_2xx, c.target_5xx, c.elb_5xx, c.responses), (2, 1, 1, 1, 2));
        assert!((c.response_time_sum - 0.002).abs() < 1e-9);
        assert_eq!(s.take(), Counts::default());
    }

    #[test]
    fn flows_are_gauged_and_their_bytes_counted() {
        let s = Stats::default();
        s.tcp_flow_opened();
        s.tcp_flow_opened();
        s.tcp_flow_closed(100);
        s.udp_flow_opened();
        s.udp_bytes(7);
        let c = s.take();
        assert_eq!((c.tcp_new_flows, c.tcp_active, c.tcp_bytes), (2, 1, 100));
        assert_eq!((c.requests, c.udp_new_flows, c.udp_active, c.udp_bytes), (1, 1, 1, 7));
        // The gauges stay; the counts start again.
        let c = s.take();
        assert_eq!((c.tcp_new_flows, c.tcp_active, c.udp_active, c.udp_bytes), (0, 1, 1, 0));
        s.udp_flow_closed();
        s.udp_flow_closed();
        assert_eq!(s.take().udp_active, 0);
    }
}
