//! When scheduled actions run: a one-time `StartTime`, or a Unix cron `Recurrence`
//! (five fields, minute to day of week) in a `TimeZone` (IANA names, UTC by default), first
//! at `StartTime` if one is given, never after `EndTime`. Pure: the caller gives "now".

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use croner::Cron;

/// A parsed recurrence in its time zone.
pub struct Recurrence {
    cron: Cron,
    tz: Tz,
}

/// Parse an IANA time zone name as AWS accepts it (`Asia/Seoul`, `Etc/GMT+9`, `UTC`).
pub fn time_zone(name: Option<&str>) -> Result<Tz, String> {
    match name {
        None | Some("") => Ok(Tz::UTC),
        Some(n) => n.parse::<Tz>().map_err(|_| format!("Invalid time zone: {n}")),
    }
}

impl Recurrence {
    pub fn parse(expr: &str, tz: Option<&str>) -> Result<Recurrence, String> {
        let tz = time_zone(tz)?;
        let fields = expr.split_whitespace().count();
        if fields != 5 && !expr.trim_start().starts_with('@') {
            return Err(format!("Given recurrence string: {expr} is invalid. The recurrence must be a Unix cron expression with five fields."));
        }
        let cron = Cron::new(expr).parse().map_err(|e| format!("Given recurrence string: {expr} is invalid: {e}"))?;
        Ok(Recurrence { cron, tz })
    }

    /// The first occurrence strictly after `after` (seconds since the epoch).
    pub fn next_after(&self, after: f64) -> Option<f64> {
        let t: DateTime<Utc> = Utc.timestamp_opt(after.floor() as i64, 0).single()?;
        let local = t.with_timezone(&self.tz);
        let next = self.cron.find_next_occurrence(&local, false).ok()?;
        Some(next.timestamp() as f64)
    }
}

/// When an action should run next, given when it last ran (or `None` if it never has).
/// `None`: never again.
pub fn next_run(
    start: Option<f64>,
    end: Option<f64>,
    recurrence: Option<&Recurrence>,
    last_run: Option<f64>,
    now: f64,
) -> Option<f64> {
    let next = match (recurrence, last_run) {
        // One-time: at StartTime, once.
        (None, None) => start,
        (None, Some(_)) => None,
        // Recurring: first at StartTime if it is still ahead, then on the recurrence.
        (Some(_), None) if start.is_some_and(|s| s >= now) => start,
        (Some(r), None) => r.next_after(now.max(start.unwrap_or(now)) - 1.0),
        (Some(r), Some(last)) => r.next_after(last.max(now - 1.0)),
    }?;
    if end.is_some_and(|e| next > e) {
        return None;
    }
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-28T12:00:00Z
    const NOON: f64 = 1_795_867_200.0;

    #[test]
    fn cron_in_a_time_zone() {
        // Every Saturday at 18:00 in Seoul (UTC+9) = 09:00Z. 2026-11-28 is a Saturday.
        let r = Recurrence::parse("0 18 * * 6", Some("Asia/Seoul")).unwrap();
        let next = r.next_after(NOON).unwrap();
        // 12:00Z is 21:00 in Seoul, past 18:00: next Saturday 09:00Z.
        assert_eq!(next, NOON - 3.0 * 3600.0 + 7.0 * 86400.0);
        let utc = Recurrence::parse("30 12 * * *", None).unwrap();
        assert_eq!(utc.next_after(NOON).unwrap(), NOON + 1800.0);
    }

    #[test]
    fn bad_expressions_and_zones_are_refused() {
        assert!(Recurrence::parse("61 * * * *", None).is_err());
        assert!(Recurrence::parse("* * *", None).is_err());
        assert!(Recurrence::parse("0 18 * * 6", Some("Mars/Olympus")).is_err());
    }

    #[test]
    fn one_time_and_recurring_runs() {
        assert_eq!(next_run(Some(NOON + 10.0), None, None, None, NOON), Some(NOON + 10.0));
        assert_eq!(next_run(Some(NOON + 10.0), None, None, Some(NOON + 10.0), NOON + 11.0), None);
        let r = Recurrence::parse("*/5 * * * *", None).unwrap();
        // A start time ahead comes first, then the recurrence.
        assert_eq!(next_run(Some(NOON + 42.0), None, Some(&r), None, NOON), Some(NOON + 42.0));
        assert_eq!(next_run(Some(NOON + 42.0), None, Some(&r), Some(NOON + 42.0), NOON + 43.0), Some(NOON + 300.0));
        // Past the end: never.
        assert_eq!(next_run(None, Some(NOON + 100.0), Some(&r), None, NOON + 1.0), None);
        // No start: the next occurrence from now (inclusive of this very second).
        assert_eq!(next_run(None, None, Some(&r), None, NOON), Some(NOON));
    }
}
