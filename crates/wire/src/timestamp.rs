//! Timestamps on the wire. Inside homeground a timestamp is a JSON number of seconds since the
//! Unix epoch (fractions allowed); each protocol converts at its edge.

use time::format_description::well_known::{Iso8601, Rfc3339};
use time::OffsetDateTime;

/// Parse a timestamp as AWS accepts one in a request: ISO 8601 / RFC 3339, with or without
/// fractional seconds or zone (UTC assumed), or a number of epoch seconds.
pub fn parse(text: &str) -> Option<f64> {
    let t = text.trim();
    if let Ok(n) = t.parse::<f64>() {
        return in_range(n).then_some(n);
    }
    if let Ok(dt) = OffsetDateTime::parse(t, &Rfc3339) {
        return Some(to_epoch(dt));
    }
    if let Ok(dt) = OffsetDateTime::parse(t, &Iso8601::DEFAULT) {
        return Some(to_epoch(dt));
    }
    // No zone: read as UTC.
    let with_zone = format!("{t}Z");
    OffsetDateTime::parse(&with_zone, &Iso8601::DEFAULT).ok().map(to_epoch)
}

/// Instants AWS can express: years 1 to 9999.
const MIN_EPOCH: f64 = -62_135_596_800.0;
const MAX_EPOCH: f64 = 253_402_300_799.0;

pub fn in_range(epoch: f64) -> bool {
    epoch.is_finite() && (MIN_EPOCH..=MAX_EPOCH).contains(&epoch)
}

fn to_epoch(dt: OffsetDateTime) -> f64 {
    dt.unix_timestamp_nanos() as f64 / 1e9
}

/// ISO 8601 in UTC as AWS's XML protocols write it: `2026-11-28T08:53:59Z`, with milliseconds
/// only when the instant has them.
pub fn format_iso8601(epoch: f64) -> String {
    let epoch = if epoch.is_nan() { 0.0 } else { epoch.clamp(MIN_EPOCH, MAX_EPOCH) };
    let nanos = (epoch * 1000.0).round() as i128 * 1_000_000;
    let dt = OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let millis = dt.millisecond();
    let (y, mo, d) = (dt.year(), dt.month() as u8, dt.day());
    let (h, mi, s) = (dt.hour(), dt.minute(), dt.second());
    if millis == 0 {
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    } else {
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{millis:03}Z")
    }
}

/// Seconds since the epoch now, for handlers that stamp records.
pub fn now_epoch() -> f64 {
    to_epoch(OffsetDateTime::now_utc()).floor()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_clients_send() {
        assert_eq!(parse("2026-11-28T08:53:59Z"), Some(1_795_856_039.0));
        assert_eq!(parse("2026-11-28T08:53:59.500Z"), Some(1_795_856_039.5));
        assert_eq!(parse("2026-11-28T08:53:59"), Some(1_795_856_039.0));
        assert_eq!(parse("1795856039"), Some(1_795_856_039.0));
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse("1e300"), None, "found by fuzzing: out of AWS's range");
    }

    #[test]
    fn formats_as_aws_does() {
        assert_eq!(format_iso8601(1_795_856_039.0), "2026-11-28T08:53:59Z");
        assert_eq!(format_iso8601(1_795_856_039.25), "2026-11-28T08:53:59.250Z");
        assert_eq!(format_iso8601(1e300), "9999-12-31T23:59:59Z", "never panics");
    }
}
