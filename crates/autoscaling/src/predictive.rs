//! Predictive scaling, pure: the policy's configuration (checked and completed with AWS's
//! defaults), the CloudWatch queries of its load metric, the forecast model, the capacity a
//! load needs and what the controller does with a forecast at a given moment. No I/O and no
//! clock of its own: `now` is always passed in.
//!
//! The model is a seasonal naive forecast with daily and weekly seasonality (see
//! [`forecast`]): with a week or more of history, each forecast hour is the same hour of the
//! week in the last two weeks (weighted 2:1), scaled by how the last 24 hours compare with the
//! same 24 hours a week before; with less (but at least 24 hours, as AWS requires), the same
//! hour of the last days.

use serde_json::{json, Value};

pub const HOUR: f64 = 3600.0;
/// How far back the load history is read (AWS: 14 days).
pub const HISTORY_HOURS: i64 = 14 * 24;
/// How far ahead a forecast goes (AWS: two days).
pub const FORECAST_HOURS: usize = 48;
/// AWS needs at least 24 hours of history before it forecasts.
pub const MIN_HISTORY_HOURS: usize = 24;

const PAIRS: [&str; 4] = ["ASGCPUUtilization", "ASGNetworkIn", "ASGNetworkOut", "ALBRequestCount"];
const LOADS: [&str; 4] =
    ["ASGTotalCPUUtilization", "ASGTotalNetworkIn", "ASGTotalNetworkOut", "ALBTargetGroupRequestCount"];
const SCALINGS: [&str; 4] =
    ["ASGAverageCPUUtilization", "ASGAverageNetworkIn", "ASGAverageNetworkOut", "ALBRequestCountPerTarget"];

fn enum_error(member: &str, value: &str, valid: &[&str]) -> String {
    format!("1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{}]", valid.join(", "))
}

/// The target group (`targetgroup/<name>/<id>`) of an ALB ResourceLabel
/// (`app/<lb>/<id>/targetgroup/<name>/<id>`).
pub fn label_target_group(label: &str) -> Option<String> {
    let (lb, tg) = label.split_once("/targetgroup/")?;
    let ok = lb.starts_with("app/") && lb.split('/').count() == 3 && tg.split('/').count() == 2;
    ok.then(|| format!("targetgroup/{tg}"))
}

fn check_predefined(spec: &Value, member: &str, valid: &[&str], alb: &str) -> Result<(), String> {
    let t = spec.get("PredefinedMetricType").and_then(Value::as_str).unwrap_or_default();
    if !valid.contains(&t) {
        return Err(enum_error(&format!("{member}.PredefinedMetricType"), t, valid));
    }
    let label = spec.get("ResourceLabel").and_then(Value::as_str);
    if t == alb {
        let label = label.ok_or_else(|| format!("ResourceLabel is required for the {t} metric type."))?;
        if label_target_group(label).is_none() {
            return Err(format!(
                "Invalid ResourceLabel {label}: expected app/<load-balancer-name>/<id>/targetgroup/<target-group-name>/<id>."
            ));
        }
    } else if label.is_some() {
        return Err(format!("ResourceLabel is only valid for the {alb} metric type."));
    }
    Ok(())
}

fn check_queries(spec: &Value, member: &str) -> Result<(), String> {
    let qs = spec.get("MetricDataQueries").and_then(Value::as_array).cloned().unwrap_or_default();
    if qs.is_empty() {
        return Err(format!("{member}.MetricDataQueries must contain at least one query."));
    }
    let mut ids = Vec::new();
    for q in &qs {
        let id =
            q.get("Id").and_then(Value::as_str).ok_or_else(|| format!("Id is required in each query of {member}."))?;
        if ids.contains(&id) {
            return Err(format!("The Id {id} is used by more than one query of {member}."));
        }
        ids.push(id);
        match (q.get("MetricStat"), q.get("Expression")) {
            (Some(s), None) => {
                let m =
                    s.get("Metric").ok_or_else(|| format!("Metric is required in the MetricStat of query {id}."))?;
                for k in ["Namespace", "MetricName"] {
                    if m.get(k).and_then(Value::as_str).is_none() {
                        return Err(format!("{k} is required in the Metric of query {id}."));
                    }
                }
                if s.get("Stat").and_then(Value::as_str).is_none() {
                    return Err(format!("Stat is required in the MetricStat of query {id}."));
                }
            }
            (None, Some(_)) => {}
            _ => return Err(format!("Exactly one of MetricStat and Expression must be specified for query {id}.")),
        }
    }
    let returned = qs.iter().filter(|q| q.get("ReturnData").and_then(Value::as_bool).unwrap_or(qs.len() == 1)).count();
    if returned != 1 {
        return Err(format!("Exactly one query of {member} must have ReturnData set to true."));
    }
    Ok(())
}

/// Check a PredictiveScalingConfiguration and complete it with AWS's defaults (Mode
/// ForecastOnly, SchedulingBufferTime 0, MaxCapacityBreachBehavior HonorMaxCapacity): what
/// DescribePolicies shows back. Errors are ValidationError messages.
pub fn normalize(cfg: &Value) -> Result<Value, String> {
    let specs = cfg.get("MetricSpecifications").and_then(Value::as_array).cloned().unwrap_or_default();
    if specs.len() != 1 {
        return Err("MetricSpecifications must contain exactly one metric specification.".into());
    }
    let spec = &specs[0];
    let target = spec.get("TargetValue").and_then(Value::as_f64);
    if !target.is_some_and(|t| t > 0.0) {
        return Err("TargetValue must be greater than 0.".into());
    }
    let has = |k: &str| spec.get(k).is_some();
    let pair = has("PredefinedMetricPairSpecification");
    let load = has("PredefinedLoadMetricSpecification") || has("CustomizedLoadMetricSpecification");
    let scaling = has("PredefinedScalingMetricSpecification") || has("CustomizedScalingMetricSpecification");
    if has("PredefinedLoadMetricSpecification") && has("CustomizedLoadMetricSpecification")
        || has("PredefinedScalingMetricSpecification") && has("CustomizedScalingMetricSpecification")
    {
        return Err("Specify either a predefined or a customized metric for the load metric and for the scaling metric, not both.".into());
    }
    let exactly_one_way = if pair { !load && !scaling } else { load && scaling };
    if !exactly_one_way {
        return Err("You must specify either a metric pair, or a load metric and a scaling metric individually.".into());
    }
    if has("CustomizedCapacityMetricSpecification") && !has("CustomizedLoadMetricSpecification") {
        return Err(
            "CustomizedCapacityMetricSpecification can only be used with a CustomizedLoadMetricSpecification.".into()
        );
    }
    let m = "predictiveScalingConfiguration.metricSpecifications.1";
    if let Some(p) = spec.get("PredefinedMetricPairSpecification") {
        check_predefined(p, &format!("{m}.predefinedMetricPairSpecification"), &PAIRS, "ALBRequestCount")?;
    }
    if let Some(p) = spec.get("PredefinedLoadMetricSpecification") {
        check_predefined(p, &format!("{m}.predefinedLoadMetricSpecification"), &LOADS, "ALBTargetGroupRequestCount")?;
    }
    if let Some(p) = spec.get("PredefinedScalingMetricSpecification") {
        check_predefined(
            p,
            &format!("{m}.predefinedScalingMetricSpecification"),
            &SCALINGS,
            "ALBRequestCountPerTarget",
        )?;
    }
    for k in [
        "CustomizedLoadMetricSpecification",
        "CustomizedScalingMetricSpecification",
        "CustomizedCapacityMetricSpecification",
    ] {
        if let Some(c) = spec.get(k) {
            check_queries(c, k)?;
        }
    }
    let mode = cfg.get("Mode").and_then(Value::as_str).unwrap_or("ForecastOnly");
    if !["ForecastAndScale", "ForecastOnly"].contains(&mode) {
        return Err(enum_error("predictiveScalingConfiguration.mode", mode, &["ForecastAndScale", "ForecastOnly"]));
    }
    let buffer = cfg.get("SchedulingBufferTime").and_then(Value::as_i64).unwrap_or(0);
    if !(0..=3600).contains(&buffer) {
        return Err(format!("SchedulingBufferTime {buffer} is not valid: it must be between 0 and 3600 seconds."));
    }
    let breach = cfg.get("MaxCapacityBreachBehavior").and_then(Value::as_str).unwrap_or("HonorMaxCapacity");
    let breaches = ["HonorMaxCapacity", "IncreaseMaxCapacity"];
    if !breaches.contains(&breach) {
        return Err(enum_error("predictiveScalingConfiguration.maxCapacityBreachBehavior", breach, &breaches));
    }
    let mut out = json!({
        "MetricSpecifications": [spec],
        "Mode": mode,
        "SchedulingBufferTime": buffer,
        "MaxCapacityBreachBehavior": breach,
    });
    match cfg.get("MaxCapacityBuffer").and_then(Value::as_i64) {
        Some(b) if !(0..=100).contains(&b) => {
            return Err(format!("MaxCapacityBuffer {b} is not valid: it must be between 0 and 100."));
        }
        Some(_) if breach != "IncreaseMaxCapacity" => {
            return Err(
                "MaxCapacityBuffer can only be specified when MaxCapacityBreachBehavior is IncreaseMaxCapacity.".into(),
            );
        }
        Some(b) => out["MaxCapacityBuffer"] = json!(b),
        None if breach == "IncreaseMaxCapacity" => {
            return Err("MaxCapacityBuffer is required when MaxCapacityBreachBehavior is IncreaseMaxCapacity.".into());
        }
        None => {}
    }
    Ok(out)
}

/// The load metric of a (normalized) metric specification, as GetMetricData queries at an
/// hourly period, and what each hourly value is divided by:
///
/// - customized: the queries as given, hourly (AWS sums the datapoints of each hour);
/// - ASGTotalCPUUtilization: the Sum of the group's CPUUtilization over the hour ÷ 3600 —
///   this region samples every instance's CPU once a second, so that is the group's mean
///   total CPU (three instances at 60 % → 180), which ÷ a per-instance target gives instances;
/// - ASGTotalNetworkIn/Out, ALBTargetGroupRequestCount: the hourly Sum ÷ 60, per minute, as the
///   scaling metrics (bytes, requests per target) are per minute.
pub fn load_queries(group: &str, spec: &Value) -> (Vec<Value>, f64) {
    if let Some(c) = spec.get("CustomizedLoadMetricSpecification") {
        let qs = c.get("MetricDataQueries").and_then(Value::as_array).cloned().unwrap_or_default();
        let single = qs.len() == 1;
        let qs = qs
            .into_iter()
            .map(|mut q| {
                if let Some(s) = q.get_mut("MetricStat") {
                    s["Period"] = json!(3600);
                }
                if single {
                    q["ReturnData"] = json!(true);
                }
                q
            })
            .collect();
        return (qs, 1.0);
    }
    let t = load_type(spec).unwrap_or_default();
    let label = spec
        .get("PredefinedMetricPairSpecification")
        .or_else(|| spec.get("PredefinedLoadMetricSpecification"))
        .and_then(|p| p.get("ResourceLabel"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let by_group = json!([{"Name": "AutoScalingGroupName", "Value": group}]);
    let (ns, name, dims, divisor) = match t.as_str() {
        "ASGTotalCPUUtilization" => ("AWS/EC2", "CPUUtilization", by_group, HOUR),
        "ASGTotalNetworkIn" => ("AWS/EC2", "NetworkIn", by_group, 60.0),
        "ASGTotalNetworkOut" => ("AWS/EC2", "NetworkOut", by_group, 60.0),
        _ => (
            "AWS/ApplicationELB",
            "RequestCount",
            json!([{"Name": "TargetGroup", "Value": label_target_group(label).unwrap_or_default()}]),
            60.0,
        ),
    };
    let q = json!({"Id": "load", "ReturnData": true, "MetricStat": {
        "Metric": {"Namespace": ns, "MetricName": name, "Dimensions": dims}, "Stat": "Sum", "Period": 3600}});
    (vec![q], divisor)
}

/// The predefined load metric type a specification forecasts (None: customized).
pub fn load_type(spec: &Value) -> Option<String> {
    if let Some(p) = spec.get("PredefinedMetricPairSpecification") {
        let t = p.get("PredefinedMetricType").and_then(Value::as_str)?;
        let i = PAIRS.iter().position(|x| *x == t)?;
        return Some(LOADS[i].to_string());
    }
    spec.get("PredefinedLoadMetricSpecification")?.get("PredefinedMetricType")?.as_str().map(String::from)
}

/// The forecast of an hourly load series: `(hour start, value)` for `hours` hours from the
/// start of the hour `now` is in. `history` is `(timestamp, value)` at any order; values within
/// one hour are summed; only the 14 days before the current hour count. None with fewer than
/// 24 hours of data.
///
/// - Weekly (the history reaches a week back): the same hour of the week one and two weeks
///   earlier, weighted 2:1 (one week when that is all there is), times the level ratio: the
///   last 24 hours' mean ÷ the mean of the same hours a week earlier (clamped to 0.5–2). A weekly
///   event (a match night) comes back at its hour and size; a general rise or fall carries over.
/// - Daily (else, or for an hour whose week-earlier values are missing): the mean of the same
///   hour on up to the three most recent days with data.
pub fn forecast(history: &[(f64, f64)], now: f64, hours: usize) -> Option<Vec<(f64, f64)>> {
    use std::collections::BTreeMap;
    let h0 = (now / HOUR).floor() as i64;
    let mut by_hour: BTreeMap<i64, f64> = BTreeMap::new();
    for &(t, v) in history {
        let h = (t / HOUR).floor() as i64;
        if h < h0 && h >= h0 - HISTORY_HOURS && v.is_finite() {
            *by_hour.entry(h).or_insert(0.0) += v;
        }
    }
    if by_hour.len() < MIN_HISTORY_HOURS {
        return None;
    }
    let first = *by_hour.keys().next()?;
    let weekly = first <= h0 - 168;
    let ratio = if weekly {
        let (mut recent, mut before) = (0.0, 0.0);
        for h in h0 - 24..h0 {
            if let (Some(a), Some(b)) = (by_hour.get(&h), by_hour.get(&(h - 168))) {
                recent += a;
                before += b;
            }
        }
        if before > 0.0 {
            (recent / before).clamp(0.5, 2.0)
        } else {
            1.0
        }
    } else {
        1.0
    };
    let daily = |h: i64| -> Option<f64> {
        let vals: Vec<f64> =
            (1..=14).map(|k| h - 24 * k).filter(|x| *x < h0).filter_map(|x| by_hour.get(&x).copied()).take(3).collect();
        (!vals.is_empty()).then(|| vals.iter().sum::<f64>() / vals.len() as f64)
    };
    let out = (0..hours as i64)
        .map(|i| {
            let h = h0 + i;
            let week = if weekly {
                let w: Vec<(f64, f64)> = [(h - 168, 2.0), (h - 336, 1.0)]
                    .into_iter()
                    .filter(|(x, _)| *x < h0)
                    .filter_map(|(x, w)| by_hour.get(&x).map(|v| (*v, w)))
                    .collect();
                let total: f64 = w.iter().map(|(_, w)| w).sum();
                (total > 0.0).then(|| w.iter().map(|(v, w)| v * w).sum::<f64>() / total * ratio)
            } else {
                None
            };
            let v = week.or_else(|| daily(h)).unwrap_or(0.0).max(0.0);
            (h as f64 * HOUR, v)
        })
        .collect();
    Some(out)
}

/// The forecasts of past hours `[from, to)` (hour starts), each as it was made at the start of
/// its hour from the history before it: what GetPredictiveScalingForecast shows for a window
/// reaching into the past. Hours without 24 hours of history before them are left out.
pub fn past_forecasts(history: &[(f64, f64)], from: f64, to: f64) -> Vec<(f64, f64)> {
    let (first, last) = ((from / HOUR).floor() as i64, (to / HOUR).ceil() as i64);
    (first..last).filter_map(|h| forecast(history, h as f64 * HOUR, 1).and_then(|f| f.into_iter().next())).collect()
}

/// How many instances a load needs at a per-instance target, within the group's limits:
/// ⌈load ÷ target⌉ clamped to [min, max] — with IncreaseMaxCapacity the forecast may exceed
/// max, up to the forecast plus MaxCapacityBuffer percent (AWS: the effective maximum).
pub fn capacity_for(load: f64, target: f64, min: i64, max: i64, increase_max: bool) -> i64 {
    if target <= 0.0 || !load.is_finite() {
        return min;
    }
    let need = (load / target - 1e-9).ceil().max(0.0) as i64;
    if increase_max {
        need.max(min)
    } else {
        need.clamp(min, max.max(min))
    }
}

/// AWS's effective maximum under IncreaseMaxCapacity: the forecast plus its buffer (percent),
/// when that goes beyond the group's maximum.
pub fn effective_max(forecast: i64, max: i64, buffer_percent: i64) -> i64 {
    let with_buffer = (forecast * (100 + buffer_percent) + 99) / 100;
    if forecast > max {
        with_buffer.max(max)
    } else {
        max
    }
}

/// ForecastAndScale at `now`: the capacity forecast for the hour that starts within
/// `buffer` seconds (AWS acts at the start of each hour, SchedulingBufferTime earlier), if the
/// forecast has that hour.
pub fn scheduled_capacity(capacity: &[(f64, i64)], now: f64, buffer: i64) -> Option<i64> {
    let hour = ((now + buffer as f64) / HOUR).floor() * HOUR;
    capacity.iter().find(|(t, _)| (*t - hour).abs() < 1.0).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-30T00:00:00Z, a Monday.
    const MONDAY: f64 = 1_795_996_800.0;

    /// Base load 100 by day, 40 at night; match nights Tuesday and Saturday 19:00–21:59 at 1000.
    fn pattern(t: f64) -> f64 {
        let h = ((t - MONDAY) / HOUR).floor() as i64;
        let (day, hour) = (h.div_euclid(24).rem_euclid(7), h.rem_euclid(24));
        let match_night = (day == 1 || day == 5) && (19..22).contains(&hour);
        if match_night {
            1000.0
        } else if (8..20).contains(&hour) {
            100.0
        } else {
            40.0
        }
    }

    fn history(now: f64, days: i64) -> Vec<(f64, f64)> {
        let h0 = (now / HOUR).floor() as i64;
        (h0 - days * 24..h0).map(|h| (h as f64 * HOUR, pattern(h as f64 * HOUR))).collect()
    }

    #[test]
    fn the_next_match_night_is_forecast_at_its_hour_and_size() {
        // Monday 12:30, two weeks in: 13 days of history; Tuesday's match is within 48 h.
        let now = MONDAY + 14.0 * 86400.0 + 12.5 * HOUR;
        let f = forecast(&history(now, 13), now, FORECAST_HOURS).unwrap();
        assert_eq!(f.len(), 48);
        assert_eq!(f[0].0, MONDAY + 14.0 * 86400.0 + 12.0 * HOUR);
        let (peak_t, peak) = f.iter().copied().fold((0.0, f64::MIN), |a, b| if b.1 > a.1 { b } else { a });
        let hour_of_week = ((peak_t - MONDAY) / HOUR) as i64 % 168;
        assert!((24 + 19..24 + 22).contains(&hour_of_week), "peak at hour {hour_of_week} of the week");
        assert!((peak - 1000.0).abs() <= 200.0, "peak {peak}");
        // Tonight (Monday) is quiet: the last three days' 19:00 alone (Saturday's match among
        // them) would say 400.
        let monday_19 = f.iter().find(|(t, _)| ((*t - MONDAY) / HOUR) as i64 % 168 == 19).unwrap();
        assert_eq!(monday_19.1, 100.0);
        // Every hour is close to the pattern.
        for (t, v) in &f {
            assert!((v - pattern(*t)).abs() <= 0.2 * pattern(*t), "{t}: {v} vs {}", pattern(*t));
        }
    }

    #[test]
    fn past_hours_are_forecast_from_the_history_before_them() {
        let now = MONDAY + 14.0 * 86400.0 + 12.5 * HOUR;
        let h = history(now, 13);
        // Last Saturday's match (19:00–21:59), as forecast at the start of each of its hours.
        let saturday = MONDAY + 12.0 * 86400.0;
        let f = past_forecasts(&h, saturday + 18.0 * HOUR, saturday + 23.0 * HOUR);
        let values: Vec<f64> = f.iter().map(|x| x.1).collect();
        assert_eq!(f[0].0, saturday + 18.0 * HOUR);
        assert_eq!(values, vec![100.0, 1000.0, 1000.0, 1000.0, 40.0]);
        // Too early: less than 24 hours of history before them.
        assert!(past_forecasts(&h, now - 13.0 * 86400.0, now - 12.5 * 86400.0).is_empty());
    }

    #[test]
    fn a_recent_rise_carries_over_through_the_level_ratio() {
        let now = MONDAY + 14.0 * 86400.0 + 12.5 * HOUR;
        let h: Vec<(f64, f64)> = history(now, 13)
            .into_iter()
            .map(|(t, v)| (t, if t >= now - 2.0 * 86400.0 { v * 1.5 } else { v }))
            .collect();
        let f = forecast(&h, now, 48).unwrap();
        let peak = f.iter().map(|x| x.1).fold(f64::MIN, f64::max);
        assert!((peak - 1500.0).abs() <= 300.0, "peak {peak}");
    }

    #[test]
    fn less_than_a_day_of_history_gives_no_forecast_and_a_few_days_give_a_daily_one() {
        let now = MONDAY + 3.0 * 86400.0 + 10.0 * HOUR;
        assert!(forecast(&history(now, 1)[1..], now, 48).is_none());
        assert!(forecast(&[], now, 48).is_none());
        let f = forecast(&history(now, 2), now, 48).unwrap();
        // Thursday 10:00 is forecast from Wednesday's and Tuesday's 10:00: 100.
        assert_eq!(f[0], (MONDAY + 3.0 * 86400.0 + 10.0 * HOUR, 100.0));
        // History older than 14 days and newer than the current hour is ignored.
        let mut old = history(now, 2);
        old.push((now - 20.0 * 86400.0, 1e9));
        old.push((now, 1e9));
        assert_eq!(forecast(&old, now, 48), Some(f));
    }

    #[test]
    fn capacity_is_the_load_over_the_target_within_the_limits() {
        assert_eq!(capacity_for(180.0, 60.0, 1, 10, false), 3);
        assert_eq!(capacity_for(181.0, 60.0, 1, 10, false), 4);
        assert_eq!(capacity_for(0.0, 60.0, 2, 10, false), 2);
        assert_eq!(capacity_for(1000.0, 50.0, 2, 10, false), 10);
        assert_eq!(capacity_for(1000.0, 50.0, 2, 10, true), 20);
        assert_eq!(effective_max(50, 40, 10), 55);
        assert_eq!(effective_max(50, 40, 0), 50);
        assert_eq!(effective_max(30, 40, 10), 40);
    }

    #[test]
    fn forecast_and_scale_acts_at_the_hour_or_the_buffer_before_it() {
        let c = vec![(7200.0, 2), (10800.0, 5), (14400.0, 3)];
        assert_eq!(scheduled_capacity(&c, 10799.0, 0), Some(2));
        assert_eq!(scheduled_capacity(&c, 10800.0, 0), Some(5));
        assert_eq!(scheduled_capacity(&c, 10800.0 - 300.0, 300), Some(5));
        assert_eq!(scheduled_capacity(&c, 10800.0 - 301.0, 300), Some(2));
        assert_eq!(scheduled_capacity(&c, 20000.0, 0), None);
    }

    #[test]
    fn configurations_are_checked_and_completed_with_aws_defaults() {
        let pair = json!({"MetricSpecifications": [{"TargetValue": 50.0,
            "PredefinedMetricPairSpecification": {"PredefinedMetricType": "ASGCPUUtilization"}}]});
        let n = normalize(&pair).unwrap();
        assert_eq!(n["Mode"], "ForecastOnly");
        assert_eq!(n["SchedulingBufferTime"], 0);
        assert_eq!(n["MaxCapacityBreachBehavior"], "HonorMaxCapacity");
        assert!(n.get("MaxCapacityBuffer").is_none());
        let (q, div) = load_queries("g", &n["MetricSpecifications"][0]);
        assert_eq!(q[0]["MetricStat"]["Stat"], "Sum");
        assert_eq!(div, HOUR);
        let bad = |cfg: Value| normalize(&cfg).unwrap_err();
        assert!(bad(json!({"MetricSpecifications": []})).contains("exactly one"));
        assert!(bad(json!({"MetricSpecifications": [{"TargetValue": 0.0,
            "PredefinedMetricPairSpecification": {"PredefinedMetricType": "ASGCPUUtilization"}}]}))
        .contains("TargetValue"));
        assert!(bad(json!({"MetricSpecifications": [{"TargetValue": 5.0,
            "PredefinedMetricPairSpecification": {"PredefinedMetricType": "Nope"}}]}))
        .contains("enum value set"));
        assert!(bad(json!({"MetricSpecifications": [{"TargetValue": 5.0,
            "PredefinedMetricPairSpecification": {"PredefinedMetricType": "ALBRequestCount"}}]}))
        .contains("ResourceLabel"));
        assert!(bad(json!({"MetricSpecifications": [{"TargetValue": 5.0,
            "PredefinedLoadMetricSpecification": {"PredefinedMetricType": "ASGTotalCPUUtilization"}}]}))
        .contains("metric pair"));
        let mut c = pair.clone();
        c["SchedulingBufferTime"] = json!(3601);
        assert!(bad(c).contains("SchedulingBufferTime"));
        let mut c = pair.clone();
        c["MaxCapacityBreachBehavior"] = json!("IncreaseMaxCapacity");
        assert!(bad(c.clone()).contains("MaxCapacityBuffer is required"));
        c["MaxCapacityBuffer"] = json!(101);
        assert!(bad(c.clone()).contains("between 0 and 100"));
        c["MaxCapacityBuffer"] = json!(10);
        assert_eq!(normalize(&c).unwrap()["MaxCapacityBuffer"], 10);
        let custom = json!({"Mode": "ForecastAndScale", "MetricSpecifications": [{"TargetValue": 100.0,
            "CustomizedLoadMetricSpecification": {"MetricDataQueries": [{"Id": "l", "MetricStat": {
                "Metric": {"Namespace": "KG", "MetricName": "Requests"}, "Stat": "Sum"}}]},
            "CustomizedScalingMetricSpecification": {"MetricDataQueries": [{"Id": "s", "MetricStat": {
                "Metric": {"Namespace": "KG", "MetricName": "RequestsPerInstance"}, "Stat": "Average"}}]}}]});
        let n = normalize(&custom).unwrap();
        let (q, div) = load_queries("g", &n["MetricSpecifications"][0]);
        assert_eq!(
            (q[0]["MetricStat"]["Period"].clone(), q[0]["ReturnData"].clone(), div),
            (json!(3600), json!(true), 1.0)
        );
    }
}
