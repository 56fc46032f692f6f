//! Cost Explorer's dates: `YYYY-MM-DD` (a day, UTC midnight) or `YYYY-MM-DDThh:mm:ssZ` (hourly
//! queries), as epoch seconds, and the calendar arithmetic its buckets need. Pure.

pub const DAY: i64 = 86_400;
pub const HOUR: i64 = 3_600;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// A date as Cost Explorer takes it: `YYYY-MM-DD`, or with `Thh:mm:ssZ` (whole hours only:
/// Cost Explorer's hourly data starts on the hour). None when it is not one.
pub fn parse(s: &str) -> Option<i64> {
    let (day, clock) = match s.split_once('T') {
        Some((d, c)) => (d, Some(c)),
        None => (s, None),
    };
    let b = day.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = &day[r];
        t.bytes().all(|c| c.is_ascii_digit()).then(|| t.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)? as u32, num(8..10)? as u32);
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    let mut t = days_from_civil(y, m, d) * DAY;
    if let Some(c) = clock {
        let c = c.strip_suffix('Z')?;
        let parts: Vec<&str> = c.split(':').collect();
        if parts.len() != 3 || parts.iter().any(|p| p.len() != 2 || !p.bytes().all(|x| x.is_ascii_digit())) {
            return None;
        }
        let (h, mi, se): (i64, i64, i64) = (parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?);
        if h > 23 || mi > 59 || se > 59 {
            return None;
        }
        t += h * HOUR + mi * 60 + se;
    }
    Some(t)
}

/// `YYYY-MM-DD` of an instant's day.
pub fn format_day(t: i64) -> String {
    let (y, m, d) = civil_from_days(t.div_euclid(DAY));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DDThh:mm:ssZ`.
pub fn format_time(t: i64) -> String {
    let s = t.rem_euclid(DAY);
    format!("{}T{:02}:{:02}:{:02}Z", format_day(t), s / HOUR, s % HOUR / 60, s % 60)
}

/// The first instant of the month after `t`'s.
pub fn next_month(t: i64) -> i64 {
    let (y, m, _) = civil_from_days(t.div_euclid(DAY));
    let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    days_from_civil(y, m, 1) * DAY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_bad_ones_are_refused() {
        assert_eq!(parse("1970-01-01"), Some(0));
        assert_eq!(parse("2026-12-07"), Some(days_from_civil(2026, 12, 7) * DAY));
        assert_eq!(format_day(parse("2024-02-29").unwrap()), "2024-02-29");
        assert_eq!(format_time(parse("2026-12-07T13:30:15Z").unwrap()), "2026-12-07T13:30:15Z");
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "2025-02-29",
            "yesterday",
            "2026-1-01",
            "2026-12-07T25:00:00Z",
            "2026-12-07T10:00:00",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(format_day(next_month(parse("2026-12-31").unwrap())), "2027-01-01");
        assert_eq!(format_day(next_month(parse("2026-02-01").unwrap())), "2026-03-01");
    }
}
