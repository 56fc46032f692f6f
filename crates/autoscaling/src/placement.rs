//! Where a group launches (the zone with the fewest instances) and which instances leave on
//! scale-in (the termination policies). Pure.

use crate::records::{GroupRec, Lifecycle};

/// The member to replace for reaching the group's MaxInstanceLifetime: the oldest InService,
/// unprotected one past it, one at a time, and only while every other member is InService
/// (a replacement never takes capacity below what is serving).
pub(crate) fn past_lifetime(g: &GroupRec, now: f64) -> Option<usize> {
    let lifetime = g.max_instance_lifetime.filter(|l| *l > 0)? as f64;
    if g.members.iter().any(|m| m.lifecycle != Lifecycle::InService && m.lifecycle != Lifecycle::Standby) {
        return None;
    }
    (0..g.members.len())
        .filter(|&i| {
            let m = &g.members[i];
            m.lifecycle == Lifecycle::InService && !m.protected && now - m.launched_at >= lifetime
        })
        .min_by(|&a, &b| g.members[a].launched_at.total_cmp(&g.members[b].launched_at))
}

/// AZRebalance: whether the group's zones differ by more than one instance while it is settled
/// (every member InService, at its desired capacity); `rebalance_surge` then lets one more be
/// launched into the emptiest zone, and once it serves, scale-in takes one from the fullest.
/// Returns the surge the group should have now.
pub(crate) fn rebalance_surge(g: &GroupRec) -> i64 {
    // Only a settled group is rebalanced (no instance pending, leaving or in standby).
    let settled = g.members.iter().all(|m| m.lifecycle == Lifecycle::InService);
    if !settled || g.refresh_surge > 0 {
        return g.rebalance_surge;
    }
    if g.rebalance_surge > 0 {
        // The extra instance serves: let scale-in even the zones out.
        return 0;
    }
    let mut zones: Vec<&str> = g.placements.iter().map(|(_, z)| z.as_str()).collect();
    zones.sort();
    zones.dedup();
    if zones.len() < 2 || g.capacity() != g.desired {
        return 0;
    }
    let count = |z: &str| g.members.iter().filter(|m| m.lifecycle == Lifecycle::InService && m.zone == z).count();
    let (lo, hi) = (zones.iter().map(|z| count(z)).min(), zones.iter().map(|z| count(z)).max());
    match (lo, hi) {
        (Some(lo), Some(hi)) if hi > lo + 1 => 1,
        _ => 0,
    }
}

/// Which members leave on scale-in, by the group's termination policies (protected ones never).
pub(crate) fn pick_victims(g: &GroupRec, n: usize, now: f64) -> Vec<usize> {
    let mut chosen: Vec<usize> = Vec::new();
    for _ in 0..n {
        let candidates: Vec<usize> = (0..g.members.len())
            .filter(|i| !chosen.contains(i))
            .filter(|&i| g.members[i].lifecycle.counts() && !g.members[i].protected)
            .collect();
        if candidates.is_empty() {
            break;
        }
        // Balance zones first: only the zone(s) with the most instances.
        let per_zone = |z: &str| {
            g.members
                .iter()
                .enumerate()
                .filter(|(i, m)| m.lifecycle.counts() && m.zone == z && !chosen.contains(i))
                .count()
        };
        let most = candidates.iter().map(|&i| per_zone(&g.members[i].zone)).max().unwrap_or(0);
        let mut pool: Vec<usize> = candidates.into_iter().filter(|&i| per_zone(&g.members[i].zone) == most).collect();
        // Pending ones first (they serve nobody yet).
        if pool.iter().any(|&i| g.members[i].lifecycle != Lifecycle::InService) {
            pool.retain(|&i| g.members[i].lifecycle != Lifecycle::InService);
        }
        let policy = g.termination_policies.first().map(String::as_str).unwrap_or("Default");
        let outdated = |i: usize| g.members[i].template != g.template;
        let pick = match policy {
            "OldestInstance" => {
                pool.iter().copied().min_by(|&a, &b| g.members[a].launched_at.total_cmp(&g.members[b].launched_at))
            }
            "NewestInstance" => {
                pool.iter().copied().max_by(|&a, &b| g.members[a].launched_at.total_cmp(&g.members[b].launched_at))
            }
            _ => {
                // Default: an outdated launch template first, then closest to the next instance hour.
                if pool.iter().any(|&i| outdated(i)) {
                    pool.retain(|&i| outdated(i));
                }
                pool.iter().copied().max_by(|&a, &b| {
                    let ha = (now - g.members[a].launched_at).rem_euclid(3600.0);
                    let hb = (now - g.members[b].launched_at).rem_euclid(3600.0);
                    ha.total_cmp(&hb)
                })
            }
        };
        match pick {
            Some(i) => chosen.push(i),
            None => break,
        }
    }
    chosen
}

/// The subnet for the next launch: the zone with the fewest instances.
pub(crate) fn next_placement(g: &GroupRec) -> Option<(String, String)> {
    let count = |z: &str| g.members.iter().filter(|m| m.lifecycle.counts() && m.zone == z).count();
    g.placements.iter().min_by_key(|(_, z)| count(z)).cloned()
}
