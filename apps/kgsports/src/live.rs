//! The live-score simulation and its server-sent-event encoding.
//!
//! One simulation tick is one match minute (`KGSPORTS_TICK_MS`, 1 s by default). Ticks count from
//! the Unix epoch, so every instance shows the same scores at the same moment. Each fixture
//! replays a 120-tick cycle — 45 minutes, 5 ticks of half time, 45 minutes, 15 ticks full time,
//! 10 ticks before the next kick-off — staggered 15 ticks per fixture so some match is always on.
//! The goals of each replay are drawn from a generator seeded by the fixture id and the cycle.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::matches::Fixture;

/// Ticks in one replay of a fixture.
pub const CYCLE: u64 = 120;
/// Offset between consecutive fixtures, in ticks.
const STAGGER: u64 = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Scheduled,
    Live,
    HalfTime,
    Finished,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Home,
    Away,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Goal {
    pub minute: u8,
    pub side: Side,
}

/// A fixture's state at one tick.
#[derive(Debug, Clone, Serialize)]
pub struct MatchState {
    pub status: Status,
    /// Match minute (0 before kick-off).
    pub minute: u8,
    pub home_goals: u8,
    pub away_goals: u8,
    /// Goals scored so far, in order.
    pub goals: Vec<Goal>,
}

/// The current simulation tick.
pub fn now_tick(tick_ms: u64) -> u64 {
    let ms = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0);
    ms / tick_ms.max(1)
}

/// The state of the fixture at position `index` of the schedule, at `tick`.
pub fn state(fixture: &Fixture, index: usize, tick: u64) -> MatchState {
    let t = tick + index as u64 * STAGGER;
    let (round, phase) = (t / CYCLE, t % CYCLE);
    let (status, minute) = match phase {
        0..=44 => (Status::Live, phase + 1),
        45..=49 => (Status::HalfTime, 45),
        50..=94 => (Status::Live, phase - 4),
        95..=109 => (Status::Finished, 90),
        _ => (Status::Scheduled, 0),
    };
    let minute = minute as u8;
    let goals: Vec<Goal> = if status == Status::Scheduled {
        Vec::new()
    } else {
        script(&fixture.id, round).into_iter().filter(|g| g.minute <= minute).collect()
    };
    let home_goals = goals.iter().filter(|g| g.side == Side::Home).count() as u8;
    MatchState { status, minute, home_goals, away_goals: goals.len() as u8 - home_goals, goals }
}

/// The goals of one replay of a fixture: 0–6 goals at pseudo-random minutes, home side favoured.
fn script(id: &str, round: u64) -> Vec<Goal> {
    let mut rng = SplitMix(fnv1a(id.as_bytes()) ^ round.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    // Cumulative weights (out of 100) for 0, 1, 2, ... goals.
    const CUMULATIVE: [u64; 7] = [8, 26, 50, 72, 86, 95, 100];
    let roll = rng.next() % 100;
    let count = CUMULATIVE.iter().position(|&c| roll < c).unwrap_or(6);
    let mut goals: Vec<Goal> = (0..count)
        .map(|_| {
            let minute = (rng.next() % 90 + 1) as u8;
            let side = if rng.next() % 100 < 55 { Side::Home } else { Side::Away };
            Goal { minute, side }
        })
        .collect();
    goals.sort_by_key(|g| g.minute);
    goals
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[derive(Serialize)]
struct LiveScore<'a> {
    id: &'a str,
    home: &'a str,
    away: &'a str,
    status: Status,
    minute: u8,
    home_goals: u8,
    away_goals: u8,
}

#[derive(Serialize)]
struct ScoreEvent<'a> {
    tick: u64,
    instance_id: &'a str,
    matches: Vec<LiveScore<'a>>,
}

/// One `score` event: the minute and score of every match being played (or at half time).
pub fn score_event(fixtures: &[Fixture], tick: u64, instance_id: &str) -> String {
    let matches = fixtures
        .iter()
        .enumerate()
        .map(|(i, f)| (f, state(f, i, tick)))
        .filter(|(_, s)| matches!(s.status, Status::Live | Status::HalfTime))
        .map(|(f, s)| LiveScore {
            id: &f.id,
            home: &f.home,
            away: &f.away,
            status: s.status,
            minute: s.minute,
            home_goals: s.home_goals,
            away_goals: s.away_goals,
        })
        .collect();
    let data = serde_json::to_string(&ScoreEvent { tick, instance_id, matches }).expect("event serialises");
    format!("event: score\nid: {tick}\ndata: {data}\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matches::default_schedule;

    #[test]
    fn simulation_is_deterministic_and_scores_only_grow() {
        let s = default_schedule();
        let f = &s.matches[0];
        let base = 1_000 * CYCLE; // a kick-off of fixture 0
        let mut last = 0;
        for t in base..base + 110 {
            let a = state(f, 0, t);
            let b = state(f, 0, t);
            assert_eq!((a.home_goals, a.away_goals, a.minute), (b.home_goals, b.away_goals, b.minute));
            let total = a.home_goals + a.away_goals;
            assert!(total >= last);
            last = total;
        }
        assert_eq!(state(f, 0, base).status, Status::Live);
        assert_eq!(state(f, 0, base).minute, 1);
        assert_eq!(state(f, 0, base + 47).status, Status::HalfTime);
        assert_eq!(state(f, 0, base + 94).minute, 90);
        assert_eq!(state(f, 0, base + 100).status, Status::Finished);
        assert_eq!(state(f, 0, base + 115).status, Status::Scheduled);
    }

    #[test]
    fn some_match_is_always_on_and_events_are_sse() {
        let s = default_schedule();
        for t in 0..CYCLE {
            let ev = score_event(&s.matches, t, "i-test");
            assert!(ev.starts_with("event: score\n") && ev.ends_with("\n\n"));
            assert!(ev.contains("\"status\":\"live\""), "nothing live at tick {t}");
        }
    }
}
