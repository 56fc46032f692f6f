//! The metric alarm state machine, as CloudWatch documents it ("Using Amazon CloudWatch
//! alarms": evaluation period, DatapointsToAlarm M out of EvaluationPeriods N; "Configuring
//! how CloudWatch alarms treat missing data"). Pure: the caller hands in the evaluation
//! range's datapoints (one per period, oldest first, `None` where no data arrived) and the
//! alarm's current state; out comes the state the alarm should be in, with CloudWatch's
//! StateReason and StateReasonData.

use serde_json::{json, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Ok,
    Alarm,
    InsufficientData,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Ok => "OK",
            State::Alarm => "ALARM",
            State::InsufficientData => "INSUFFICIENT_DATA",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        Some(match s {
            "OK" => State::Ok,
            "ALARM" => State::Alarm,
            "INSUFFICIENT_DATA" => State::InsufficientData,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    GreaterThanOrEqualToThreshold,
    GreaterThanThreshold,
    LessThanThreshold,
    LessThanOrEqualToThreshold,
}

impl Comparison {
    /// The static-threshold operators; the anomaly-band ones need metric math and are
    /// refused by the caller.
    pub fn parse(s: &str) -> Option<Comparison> {
        Some(match s {
            "GreaterThanOrEqualToThreshold" => Comparison::GreaterThanOrEqualToThreshold,
            "GreaterThanThreshold" => Comparison::GreaterThanThreshold,
            "LessThanThreshold" => Comparison::LessThanThreshold,
            "LessThanOrEqualToThreshold" => Comparison::LessThanOrEqualToThreshold,
            _ => return None,
        })
    }

    pub fn breaches(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparison::GreaterThanOrEqualToThreshold => value >= threshold,
            Comparison::GreaterThanThreshold => value > threshold,
            Comparison::LessThanThreshold => value < threshold,
            Comparison::LessThanOrEqualToThreshold => value <= threshold,
        }
    }

    /// As the reason text words it: "was greater than or equal to the threshold".
    fn words(self) -> &'static str {
        match self {
            Comparison::GreaterThanOrEqualToThreshold => "greater than or equal to",
            Comparison::GreaterThanThreshold => "greater than",
            Comparison::LessThanThreshold => "less than",
            Comparison::LessThanOrEqualToThreshold => "less than or equal to",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingData {
    Missing,
    Ignore,
    Breaching,
    NotBreaching,
}

impl MissingData {
    pub fn parse(s: &str) -> Option<MissingData> {
        Some(match s {
            "missing" => MissingData::Missing,
            "ignore" => MissingData::Ignore,
            "breaching" => MissingData::Breaching,
            "notBreaching" => MissingData::NotBreaching,
            _ => return None,
        })
    }
}

/// What an alarm compares.
#[derive(Debug, Clone)]
pub struct Rule {
    pub period: i64,
    pub evaluation_periods: usize,
    pub datapoints_to_alarm: usize,
    pub threshold: f64,
    pub comparison: Comparison,
    pub missing: MissingData,
    /// The statistic's name for StateReasonData (`Average`, `p99`).
    pub statistic: String,
}

/// Is `period` one CloudWatch accepts for an alarm: 10, 20, 30 or a multiple of 60 seconds
/// (PutMetricAlarm's Period in the API reference)?
pub fn valid_period(period: i64) -> bool {
    matches!(period, 10 | 20 | 30) || (period > 0 && period % 60 == 0)
}

/// One period's datapoint: its start (epoch seconds), its value and sample count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub timestamp: i64,
    pub value: Option<f64>,
    pub sample_count: f64,
}

/// The outcome of one evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub state: State,
    pub reason: String,
    /// StateReasonData, a JSON document as a string.
    pub reason_data: String,
}

/// How many periods beyond EvaluationPeriods an evaluation looks back for datapoints when
/// some are missing (CloudWatch's "evaluation range").
pub fn evaluation_range(rule: &Rule) -> usize {
    rule.evaluation_periods + rule.evaluation_periods.max(2)
}

/// Evaluate `rule` over `range` (oldest first; its last `evaluation_periods` entries are the
/// evaluation window). `None` means: keep the current state (TreatMissingData `ignore`
/// without enough data).
pub fn evaluate(rule: &Rule, current: State, range: &[Point], query_time: f64) -> Option<Evaluation> {
    let n = rule.evaluation_periods;
    let m = rule.datapoints_to_alarm.clamp(1, n.max(1));
    let window = &range[range.len().saturating_sub(n)..];
    let breaching = |v: f64| rule.comparison.breaches(v, rule.threshold);
    match rule.missing {
        MissingData::Breaching | MissingData::NotBreaching => {
            let filled_bad = rule.missing == MissingData::Breaching;
            let present: Vec<Point> = window.iter().filter(|p| p.value.is_some()).copied().collect();
            let missing = window.len() - present.len() + n.saturating_sub(window.len());
            let bad = present.iter().filter(|p| breaching(p.value.unwrap_or(0.0))).count()
                + if filled_bad { missing } else { 0 };
            let state = if bad >= m { State::Alarm } else { State::Ok };
            if present.is_empty() {
                let reason = format!(
                    "Threshold Crossed: no datapoints were received for {n} period{} and {missing} missing datapoint{} {} treated as [{}].",
                    plural(n),
                    plural(missing),
                    if missing == 1 { "was" } else { "were" },
                    if filled_bad { "Breaching" } else { "NonBreaching" },
                );
                return Some(Evaluation { state, reason, reason_data: reason_data(rule, &[], query_time) });
            }
            Some(threshold_crossed(rule, current, state, &present, m, query_time))
        }
        MissingData::Missing | MissingData::Ignore => {
            let mut present: Vec<Point> = range.iter().filter(|p| p.value.is_some()).copied().collect();
            if present.len() > n {
                present.drain(..present.len() - n);
            }
            if present.is_empty() {
                if rule.missing == MissingData::Ignore {
                    return None;
                }
                let reason = format!(
                    "Insufficient Data: {n} datapoint{} {} unknown.",
                    plural(n),
                    if n == 1 { "was" } else { "were" }
                );
                return Some(Evaluation {
                    state: State::InsufficientData,
                    reason,
                    reason_data: reason_data(rule, &[], query_time),
                });
            }
            let bad = present.iter().filter(|p| breaching(p.value.unwrap_or(0.0))).count();
            let state = if present.len() >= m {
                if bad >= m {
                    State::Alarm
                } else {
                    State::Ok
                }
            } else if bad == present.len() {
                // Fewer datapoints than M, all of them breaching: `missing` alarms on what
                // it has, `ignore` waits for more.
                if rule.missing == MissingData::Ignore {
                    return None;
                }
                State::Alarm
            } else {
                State::Ok
            };
            Some(threshold_crossed(rule, current, state, &present, m, query_time))
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// "Threshold Crossed: 1 out of the last 1 datapoints [85.3 (28/11/26 10:01:00)] was greater
/// than the threshold (70.0) (minimum 1 datapoint for OK -> ALARM transition)."
fn threshold_crossed(
    rule: &Rule,
    current: State,
    state: State,
    present: &[Point],
    m: usize,
    query_time: f64,
) -> Evaluation {
    let to_alarm = state == State::Alarm;
    let counted: Vec<&Point> = present
        .iter()
        .rev()
        .filter(|p| rule.comparison.breaches(p.value.unwrap_or(0.0), rule.threshold) == to_alarm)
        .collect();
    let list: Vec<String> = counted
        .iter()
        .map(|p| format!("{} ({})", java_double(p.value.unwrap_or(0.0)), short_date(p.timestamp)))
        .collect();
    let minimum = if to_alarm { m } else { rule.evaluation_periods - m + 1 };
    let reason = format!(
        "Threshold Crossed: {} out of the last {} datapoints [{}] {} {}{} the threshold ({}) (minimum {minimum} datapoint{} for {} -> {} transition).",
        counted.len(),
        present.len(),
        list.join(", "),
        if counted.len() == 1 { "was" } else { "were" },
        if to_alarm { "" } else { "not " },
        rule.comparison.words(),
        java_double(rule.threshold),
        plural(minimum),
        current.as_str(),
        state.as_str(),
    );
    Evaluation { state, reason, reason_data: reason_data(rule, present, query_time) }
}

fn reason_data(rule: &Rule, present: &[Point], query_time: f64) -> String {
    let newest_first: Vec<&Point> = present.iter().rev().collect();
    let start = present.first().map(|p| p.timestamp as f64).unwrap_or(query_time);
    let mut doc = json!({
        "version": "1.0",
        "queryDate": long_date(query_time),
        "startDate": long_date(start),
        "statistic": rule.statistic,
        "period": rule.period,
        "recentDatapoints": newest_first.iter().rev().map(|p| p.value.unwrap_or(0.0)).collect::<Vec<_>>(),
        "threshold": rule.threshold,
    });
    if !present.is_empty() {
        doc["evaluatedDatapoints"] = Value::Array(
            newest_first
                .iter()
                .map(|p| {
                    json!({"timestamp": long_date(p.timestamp as f64), "sampleCount": p.sample_count, "value": p.value})
                })
                .collect(),
        );
    }
    doc.to_string()
}

/// A number as Java's Double.toString writes the common cases: `70.0`, `85.3`.
pub fn java_double(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.1}")
    } else {
        format!("{v}")
    }
}

/// `28/11/26 10:01:00` (dd/MM/yy HH:mm:ss, UTC), as reason texts write datapoint times.
pub fn short_date(epoch: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp(epoch).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:02}/{:02}/{:02} {:02}:{:02}:{:02}",
        t.day(),
        u8::from(t.month()),
        t.year() % 100,
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `2026-11-28T10:01:00.000+0000`, as StateReasonData and alarm notifications write times.
pub fn long_date(epoch: f64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos((epoch * 1e9) as i128)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}+0000",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-28T10:00:00Z
    const T0: i64 = 1_795_860_000;

    fn rule(n: usize, m: usize, missing: MissingData) -> Rule {
        Rule {
            period: 60,
            evaluation_periods: n,
            datapoints_to_alarm: m,
            threshold: 70.0,
            comparison: Comparison::GreaterThanThreshold,
            missing,
            statistic: "Average".into(),
        }
    }

    /// Datapoints written as the docs' tables write them: `0` within the threshold, `X`
    /// breaching, `-` missing; oldest first.
    fn points(pattern: &str) -> Vec<Point> {
        pattern
            .split_whitespace()
            .enumerate()
            .map(|(i, c)| Point {
                timestamp: T0 + 60 * i as i64,
                value: match c {
                    "0" => Some(10.0),
                    "X" => Some(90.0),
                    _ => None,
                },
                sample_count: 1.0,
            })
            .collect()
    }

    /// (datapoints, MISSING, IGNORE, BREACHING, NOT BREACHING)
    type Row = (&'static str, Option<State>, Option<State>, Option<State>, Option<State>);

    fn state(r: &Rule, current: State, pattern: &str) -> Option<State> {
        evaluate(r, current, &points(pattern), (T0 + 600) as f64).map(|e| e.state)
    }

    /// "Configuring how CloudWatch alarms treat missing data", the table for an alarm with
    /// 3 evaluation periods and 3 datapoints to alarm: (datapoints, MISSING, IGNORE,
    /// BREACHING, NOT BREACHING); None is "Retain current state".
    #[test]
    fn missing_data_table_three_of_three() {
        use State::*;
        let table: &[Row] = &[
            ("0 0 0", Some(Ok), Some(Ok), Some(Ok), Some(Ok)),
            ("0 0 X", Some(Ok), Some(Ok), Some(Ok), Some(Ok)),
            ("0 - -", Some(Ok), Some(Ok), Some(Ok), Some(Ok)),
            ("- - -", Some(InsufficientData), None, Some(Alarm), Some(Ok)),
            ("0 X X", Some(Ok), Some(Ok), Some(Ok), Some(Ok)),
            ("X X X", Some(Alarm), Some(Alarm), Some(Alarm), Some(Alarm)),
            ("- - X", Some(Alarm), None, Some(Alarm), Some(Ok)),
            ("X - X", Some(Alarm), None, Some(Alarm), Some(Ok)),
        ];
        for (pattern, missing, ignore, breaching, not_breaching) in table {
            let modes = [
                (MissingData::Missing, missing),
                (MissingData::Ignore, ignore),
                (MissingData::Breaching, breaching),
                (MissingData::NotBreaching, not_breaching),
            ];
            for (mode, want) in modes {
                assert_eq!(state(&rule(3, 3, mode), State::Ok, pattern), *want, "{pattern} with {mode:?}");
            }
        }
    }

    /// The same page, 2 datapoints to alarm out of 3 evaluation periods.
    #[test]
    fn missing_data_table_two_of_three() {
        use State::*;
        let table: &[Row] = &[
            ("0 X X", Some(Alarm), Some(Alarm), Some(Alarm), Some(Alarm)),
            ("0 0 X", Some(Ok), Some(Ok), Some(Ok), Some(Ok)),
            ("0 - X", Some(Ok), Some(Ok), Some(Alarm), Some(Ok)),
            ("0 - -", Some(Ok), Some(Ok), Some(Alarm), Some(Ok)),
            ("- X -", Some(Alarm), None, Some(Alarm), Some(Ok)),
        ];
        for (pattern, missing, ignore, breaching, not_breaching) in table {
            let modes = [
                (MissingData::Missing, missing),
                (MissingData::Ignore, ignore),
                (MissingData::Breaching, breaching),
                (MissingData::NotBreaching, not_breaching),
            ];
            for (mode, want) in modes {
                assert_eq!(state(&rule(3, 2, mode), State::Ok, pattern), *want, "{pattern} with {mode:?}");
            }
        }
    }

    #[test]
    fn missing_and_ignore_look_back_over_the_evaluation_range() {
        // 1 of 1 with the last period empty: the datapoint before it is evaluated.
        let r = rule(1, 1, MissingData::Missing);
        assert_eq!(state(&r, State::Ok, "X -"), Some(State::Alarm));
        assert_eq!(evaluation_range(&r), 3);
    }

    #[test]
    fn every_comparison_operator() {
        let cases = [
            (Comparison::GreaterThanOrEqualToThreshold, 70.0, true),
            (Comparison::GreaterThanOrEqualToThreshold, 69.9, false),
            (Comparison::GreaterThanThreshold, 70.0, false),
            (Comparison::GreaterThanThreshold, 70.1, true),
            (Comparison::LessThanThreshold, 70.0, false),
            (Comparison::LessThanThreshold, 69.9, true),
            (Comparison::LessThanOrEqualToThreshold, 70.0, true),
            (Comparison::LessThanOrEqualToThreshold, 70.1, false),
        ];
        for (cmp, v, breach) in cases {
            assert_eq!(cmp.breaches(v, 70.0), breach, "{cmp:?} {v}");
        }
        assert_eq!(Comparison::parse("LessThanLowerOrGreaterThanUpperThreshold"), None);
    }

    #[test]
    fn periods_are_10_20_30_or_minutes() {
        for (p, ok) in
            [(10, true), (20, true), (30, true), (60, true), (300, true), (15, false), (90, false), (0, false)]
        {
            assert_eq!(valid_period(p), ok, "{p}");
        }
    }

    #[test]
    fn reason_texts_as_aws_writes_them() {
        let r = rule(1, 1, MissingData::Missing);
        let p = [Point { timestamp: T0 + 60, value: Some(85.3), sample_count: 1.0 }];
        let e = evaluate(&r, State::Ok, &p, (T0 + 125) as f64).unwrap();
        assert_eq!(e.state, State::Alarm);
        assert_eq!(
            e.reason,
            "Threshold Crossed: 1 out of the last 1 datapoints [85.3 (28/11/26 10:01:00)] was greater than the threshold (70.0) (minimum 1 datapoint for OK -> ALARM transition)."
        );
        let data: Value = serde_json::from_str(&e.reason_data).unwrap();
        assert_eq!(data["queryDate"], "2026-11-28T10:02:05.000+0000");
        assert_eq!(data["startDate"], "2026-11-28T10:01:00.000+0000");
        assert_eq!(data["recentDatapoints"], json!([85.3]));
        assert_eq!(data["evaluatedDatapoints"][0]["timestamp"], "2026-11-28T10:01:00.000+0000");
        assert_eq!(data["threshold"], json!(70.0));

        let back = [Point { timestamp: T0 + 120, value: Some(12.0), sample_count: 1.0 }];
        let e = evaluate(&r, State::Alarm, &back, (T0 + 185) as f64).unwrap();
        assert_eq!(
            e.reason,
            "Threshold Crossed: 1 out of the last 1 datapoints [12.0 (28/11/26 10:02:00)] was not greater than the threshold (70.0) (minimum 1 datapoint for ALARM -> OK transition)."
        );

        let e = evaluate(&rule(2, 2, MissingData::Missing), State::Ok, &points("- - - -"), 0.0).unwrap();
        assert_eq!(e.reason, "Insufficient Data: 2 datapoints were unknown.");

        let e = evaluate(&rule(3, 2, MissingData::Missing), State::InsufficientData, &points("X 0 X"), 0.0).unwrap();
        assert_eq!(
            e.reason,
            "Threshold Crossed: 2 out of the last 3 datapoints [90.0 (28/11/26 10:02:00), 90.0 (28/11/26 10:00:00)] were greater than the threshold (70.0) (minimum 2 datapoints for INSUFFICIENT_DATA -> ALARM transition)."
        );
    }

    #[test]
    fn ten_second_periods() {
        let mut r = rule(3, 1, MissingData::NotBreaching);
        r.period = 10;
        assert_eq!(state(&r, State::Ok, "0 0 X"), Some(State::Alarm));
        assert_eq!(state(&r, State::Alarm, "- - -"), Some(State::Ok));
    }
}
