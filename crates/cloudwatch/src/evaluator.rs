//! The alarm evaluator and the region's own measurements: a task that wakes every second
//! (and whenever a call changed data or alarms), samples each running instance's CPU into
//! AWS/EC2 CPUUtilization, evaluates every alarm on the periods that have data, and on a
//! transition records the history and fires the actions. Safe to crash and re-run: alarm
//! state is persisted with each transition, and a re-evaluation of the same data is a no-op.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use metrics::alarm::{evaluate, evaluation_range, long_date, Point};
use metrics::composite;
use metrics::{Agg, MetricId, Sample, State};
use serde_json::{json, Value};

use crate::error::{CwError, Result};
use crate::records::{add_history, kind, region_long_name, AlarmRec, HistoryRec};
use crate::{AlarmNotice, CloudWatch, InstanceSource, MetricSource};

const TICK: Duration = Duration::from_secs(1);

pub struct Evaluator {
    cw: Arc<CloudWatch>,
    instances: Option<Arc<dyn InstanceSource>>,
    sources: Vec<Arc<dyn MetricSource>>,
    /// instance → (CPU seconds, when read)
    cpu: Mutex<HashMap<String, (f64, Instant)>>,
    last_sample: Mutex<Option<Instant>>,
    last_expire: Mutex<f64>,
    /// alarm → when its Auto Scaling actions last ran while it stayed in ALARM.
    repeats: Mutex<HashMap<String, f64>>,
}

impl Evaluator {
    pub fn spawn(
        cw: Arc<CloudWatch>,
        instances: Option<Arc<dyn InstanceSource>>,
        sources: Vec<Arc<dyn MetricSource>>,
    ) -> std::io::Result<std::thread::JoinHandle<()>> {
        let e = Arc::new(Evaluator {
            cw,
            instances,
            sources,
            cpu: Mutex::new(HashMap::new()),
            last_sample: Mutex::new(None),
            last_expire: Mutex::new(0.0),
            repeats: Mutex::new(HashMap::new()),
        });
        // The passes run on a thread of its own, in the runtime's context (actions call other
        // services): a periodic `spawn_blocking` would wake the runtime's idle blocking threads
        // in turn and keep every one of them alive after a load. A task of the runtime paces it
        // (the tick, or a wake-up from the API); when the runtime ends, so does the thread.
        let (tx, rx) = std::sync::mpsc::sync_channel::<()>(1);
        let rt = tokio::runtime::Handle::current();
        let cw = e.cw.clone();
        let pacer = tokio::spawn(async move {
            loop {
                if let Err(std::sync::mpsc::TrySendError::Disconnected(())) = tx.try_send(()) {
                    return;
                }
                tokio::select! {
                    _ = tokio::time::sleep(TICK) => {}
                    _ = cw.wake.notified() => {}
                }
            }
        });
        let spawned = std::thread::Builder::new().name("cw-alarms".into()).spawn(move || {
            let _rt = rt.enter();
            while rx.recv().is_ok() {
                if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| e.pass())).is_err() {
                    tracing::error!("alarm evaluation pass panicked");
                }
            }
        });
        if spawned.is_err() {
            pacer.abort();
        }
        spawned
    }

    fn pass(&self) {
        let due = {
            let mut last = self.last_sample.lock().unwrap_or_else(|e| e.into_inner());
            let due = last.is_none_or_elapsed(Duration::from_millis(950));
            if due {
                *last = Some(Instant::now());
            }
            due
        };
        if due {
            self.sample_cpu();
            self.sample_sources();
        }
        let now = self.cw.now();
        {
            let mut last = self.last_expire.lock().unwrap_or_else(|e| e.into_inner());
            if now - *last > 60.0 {
                self.cw.metrics.expire(now);
                *last = now;
            }
        }
        self.cw.metrics.flush();
        let alarms = match self.cw.store.read(|tx| tx.list::<AlarmRec>(kind::ALARM, "")) {
            Ok(a) => {
                self.cw.has_alarms.store(!a.is_empty(), std::sync::atomic::Ordering::Relaxed);
                a
            }
            Err(e) => {
                tracing::error!(error = %e, "the alarm evaluator cannot read alarms");
                return;
            }
        };
        let mut repeats = self.repeats.lock().unwrap_or_else(|e| e.into_inner());
        for (_, alarm) in alarms.into_iter().filter(|(_, a)| !a.is_composite()) {
            match evaluate_alarm(&self.cw, &alarm, now) {
                Ok((transitioned, latest)) => {
                    let state = transitioned.map_or(alarm.state.clone(), |s| s.as_str().to_string());
                    let scaling = alarm.actions_enabled
                        && alarm.alarm_actions.iter().any(|a| a.starts_with("arn:aws:autoscaling:"));
                    if state != "ALARM" || !scaling {
                        repeats.remove(&alarm.name);
                        continue;
                    }
                    let last = repeats.entry(alarm.name.clone()).or_insert(now);
                    if transitioned.is_some() {
                        *last = now;
                    } else if now - *last >= (alarm.period.clamp(1, 60)) as f64 {
                        *last = now;
                        let mut n = notice(&self.cw, &alarm, &alarm.state);
                        n.recent_datapoints = latest.into_iter().collect();
                        for arn in alarm.alarm_actions.iter().filter(|a| a.starts_with("arn:aws:autoscaling:")) {
                            if let Err(e) = self.cw.actions.execute(arn, &n) {
                                tracing::warn!(alarm = %alarm.name, action = %arn, error = %e, "repeated alarm action failed");
                            }
                        }
                    }
                }
                Err(e) => tracing::error!(alarm = %alarm.name, error = %e, "alarm evaluation failed"),
            }
        }
        drop(repeats);
        settle_composites(&self.cw);
    }

    fn sample_sources(&self) {
        let now = self.cw.now();
        for src in &self.sources {
            for m in src.sample() {
                let id = MetricId::new(&m.namespace, &m.name, m.dimensions);
                let sample = Sample { timestamp: now, agg: Agg::value(m.value, 1.0), unit: Some(m.unit) };
                self.cw.metrics.put(&id, std::slice::from_ref(&sample), now);
            }
        }
    }

    /// CPUUtilization = ΔCPU seconds / Δwall seconds / vCPUs × 100, per instance and per
    /// Auto Scaling group.
    fn sample_cpu(&self) {
        let Some(src) = &self.instances else { return };
        let now = self.cw.now();
        let readings = src.cpu_usage();
        let mut prev = self.cpu.lock().unwrap_or_else(|e| e.into_inner());
        let mut seen = HashMap::new();
        for r in readings {
            let at = Instant::now();
            if let Some((cpu0, t0)) = prev.get(&r.instance_id) {
                let wall = at.duration_since(*t0).as_secs_f64();
                if wall > 0.1 && r.cpu_seconds >= *cpu0 {
                    let util = ((r.cpu_seconds - cpu0) / wall / r.vcpus.max(1.0) * 100.0).clamp(0.0, 100.0);
                    let sample = Sample { timestamp: now, agg: Agg::value(util, 1.0), unit: Some("Percent".into()) };
                    let id =
                        MetricId::new("AWS/EC2", "CPUUtilization", vec![("InstanceId".into(), r.instance_id.clone())]);
                    self.cw.metrics.put(&id, std::slice::from_ref(&sample), now);
                    if let Some(group) = &r.auto_scaling_group {
                        let g = MetricId::new(
                            "AWS/EC2",
                            "CPUUtilization",
                            vec![("AutoScalingGroupName".into(), group.clone())],
                        );
                        self.cw.metrics.put(&g, std::slice::from_ref(&sample), now);
                    }
                }
            }
            seen.insert(r.instance_id.clone(), (r.cpu_seconds, at));
        }
        *prev = seen;
    }
}

trait Elapsed {
    fn is_none_or_elapsed(&self, d: Duration) -> bool;
}

impl Elapsed for Option<Instant> {
    fn is_none_or_elapsed(&self, d: Duration) -> bool {
        self.is_none_or(|t| t.elapsed() >= d)
    }
}

/// Bring every composite alarm up to date with its children, and composites of composites
/// with theirs: repeat while something changed (a cycle of composites stops after 10 rounds).
pub fn settle_composites(cw: &CloudWatch) {
    for _ in 0..10 {
        match evaluate_composites(cw) {
            Ok(true) => continue,
            Ok(false) => break,
            Err(e) => {
                tracing::error!(error = %e, "composite alarm evaluation failed");
                break;
            }
        }
    }
}

/// Evaluate every composite alarm's rule on its children's current states: TRUE is ALARM,
/// FALSE is OK. Returns whether any composite alarm changed state.
pub fn evaluate_composites(cw: &CloudWatch) -> Result<bool> {
    let alarms: Vec<AlarmRec> =
        cw.store.read(|tx| tx.list::<AlarmRec>(kind::ALARM, ""))?.into_iter().map(|(_, a)| a).collect();
    let by_name: HashMap<&str, &AlarmRec> = alarms.iter().map(|a| (a.name.as_str(), a)).collect();
    let resolve =
        |r: &str| composite::alarm_name(r, &cw.config.region, &cw.config.account).and_then(|n| by_name.get(n).copied());
    let mut changed = false;
    for a in alarms.iter().filter(|a| a.is_composite()) {
        let Ok(rule) = composite::parse(a.alarm_rule.as_deref().unwrap_or_default()) else { continue };
        let state_of = |r: &str| resolve(r).and_then(|c| State::parse(&c.state));
        let state = if rule.eval(&state_of) { State::Alarm } else { State::Ok };
        if a.state == state.as_str() {
            continue;
        }
        // The children in the state the rule tests them for, latest transition first.
        let mut triggering: Vec<&AlarmRec> =
            rule.tests().into_iter().filter_map(|(s, r)| resolve(r).filter(|c| c.state == s.as_str())).collect();
        triggering.sort_by(|x, y| y.state_transitioned.total_cmp(&x.state_transitioned).then(x.name.cmp(&y.name)));
        triggering.dedup_by(|x, y| x.name == y.name);
        let reason = match triggering.first() {
            Some(c) => {
                format!("{} transitioned to {} at {}", c.arn, c.state, composite::transition_date(c.state_transitioned))
            }
            None => format!("The alarm rule evaluates to {}", if state == State::Alarm { "TRUE" } else { "FALSE" }),
        };
        let data = json!({"triggeringAlarms": triggering.iter().map(|c| json!({
            "arn": c.arn,
            "state": {"value": c.state, "timestamp": long_date(c.state_transitioned)},
        })).collect::<Vec<_>>()});
        transition(cw, a, state, reason, Some(data.to_string()))?;
        changed = true;
    }
    Ok(changed)
}

/// Evaluate one alarm on the data at `now`; transition it if its state changes. Returns the
/// new state if it changed, and the newest datapoint evaluated.
pub fn evaluate_alarm(cw: &CloudWatch, alarm: &AlarmRec, now: f64) -> Result<(Option<State>, Option<f64>)> {
    let rule = alarm.rule();
    let stat = alarm.statistic();
    let p = alarm.period.max(1);
    let current_start = (now as i64).div_euclid(p) * p;
    let range = evaluation_range(&rule) as i64;
    let (from, to) = ((current_start - range * p) as f64, (current_start + p) as f64);
    // Each period's (value, sample count).
    let data: HashMap<i64, (Option<f64>, f64)> = match &alarm.metrics {
        Some(m) => math_alarm_values(cw, m, from, to)?.into_iter().map(|(t, v)| (t, (Some(v), 1.0))).collect(),
        None => cw
            .metrics
            .query_with(&alarm.metric(), from, to, p, now, matches!(stat, metrics::Statistic::Percentile(_)))
            .into_iter()
            .map(|(t, agg)| (t, (agg.statistic(&stat), agg.count)))
            .collect(),
    };
    // The period in progress counts once it has data: a new datapoint is evaluated at once.
    // A Sum or SampleCount only grows as the period fills, so a partial one counts only when
    // it already crosses a "greater than" threshold (it cannot uncross); otherwise the last
    // complete period decides (no flapping to OK at each period's start).
    let additive = alarm.metrics.is_none() && matches!(stat, metrics::Statistic::SampleCount | metrics::Statistic::Sum);
    let current_counts = data
        .get(&current_start)
        .is_some_and(|(v, _)| partial_period_counts(additive, rule.comparison, rule.threshold, *v));
    let last = if current_counts { current_start } else { current_start - p };
    let points: Vec<Point> = (0..range)
        .rev()
        .map(|k| {
            let t = last - k * p;
            let d = data.get(&t);
            Point { timestamp: t, value: d.and_then(|d| d.0), sample_count: d.map_or(0.0, |d| d.1) }
        })
        .collect();
    let latest = points.iter().rev().find_map(|p| p.value);
    let current = State::parse(&alarm.state).unwrap_or(State::InsufficientData);
    let Some(e) = evaluate(&rule, current, &points, now) else { return Ok((None, latest)) };
    if e.state == current {
        return Ok((None, latest));
    }
    transition(cw, alarm, e.state, e.reason, Some(e.reason_data))?;
    Ok((Some(e.state), latest))
}

/// Whether the period in progress, holding `value` so far, is evaluated: always, unless the
/// statistic is additive (Sum, SampleCount — it only grows as the period fills), in which case
/// only once it already crosses a "greater than" threshold, which more data cannot undo.
fn partial_period_counts(additive: bool, comparison: metrics::Comparison, threshold: f64, value: Option<f64>) -> bool {
    !additive
        || (matches!(
            comparison,
            metrics::Comparison::GreaterThanThreshold | metrics::Comparison::GreaterThanOrEqualToThreshold
        ) && value.is_some_and(|v| comparison.breaches(v, threshold)))
}

/// A metric math alarm's datapoints: the series of its one query with ReturnData.
fn math_alarm_values(cw: &CloudWatch, metrics: &Value, from: f64, to: f64) -> Result<metrics::math::Series> {
    let list = metrics.as_array().map(Vec::as_slice).unwrap_or_default();
    let queries = crate::ops::data::parse_queries(list)?;
    let values = crate::ops::data::run_queries(cw, &queries, from, to)?;
    let Some(q) = queries.iter().find(|q| q.return_data) else { return Ok(Default::default()) };
    Ok(match values.get(&q.id) {
        Some(metrics::math::MathValue::Series(s)) => s.clone(),
        _ => Default::default(),
    })
}

/// Move an alarm to `state`: persist it with a StateUpdate history item, then run the
/// actions of the new state (each recorded as an Action item).
pub fn transition(
    cw: &CloudWatch,
    alarm: &AlarmRec,
    state: State,
    reason: String,
    reason_data: Option<String>,
) -> Result<()> {
    let now = cw.now();
    let updated = cw.store.write(|tx| {
        let Some(mut a) = tx.get::<AlarmRec>(kind::ALARM, &alarm.name)? else { return Ok(None) };
        let old_state = a.state.clone();
        let old_reason = a.reason.clone();
        a.state = state.as_str().to_string();
        a.reason = reason.clone();
        a.reason_data = reason_data.clone();
        a.state_updated = now;
        if old_state != a.state {
            a.state_transitioned = now;
        }
        tx.put(kind::ALARM, &a.name, &a)?;
        let mut new_state = json!({"stateValue": a.state, "stateReason": reason});
        if let Some(d) = reason_data.as_deref().and_then(|d| serde_json::from_str::<Value>(d).ok()) {
            new_state["stateReasonData"] = d;
        }
        let data = json!({
            "version": "1.0",
            "oldState": {"stateValue": old_state, "stateReason": old_reason},
            "newState": new_state,
        });
        add_history(
            tx,
            &HistoryRec {
                alarm_name: a.name.clone(),
                composite: a.is_composite(),
                timestamp: now,
                item_type: "StateUpdate".into(),
                summary: format!("Alarm updated from {old_state} to {}", a.state),
                data: data.to_string(),
            },
        )?;
        Ok::<_, CwError>(Some((a, old_state)))
    })?;
    let Some((a, old_state)) = updated else { return Ok(()) };
    tracing::info!(alarm = %a.name, from = %old_state, to = %a.state, "alarm state changed");
    if !a.actions_enabled {
        return Ok(());
    }
    let actions = match state {
        State::Ok => &a.ok_actions,
        State::Alarm => &a.alarm_actions,
        State::InsufficientData => &a.insufficient_data_actions,
    };
    if actions.is_empty() {
        return Ok(());
    }
    let notice = notice(cw, &a, &old_state);
    for arn in actions {
        let outcome = cw.actions.execute(arn, &notice);
        let (summary, data) = match &outcome {
            Ok(()) => (
                format!("Successfully executed action {arn}"),
                json!({"actionState": "Succeeded", "stateUpdateTimestamp": (now * 1000.0) as i64, "notificationResource": arn, "publishedMessage": notice.message}),
            ),
            Err(e) => {
                tracing::warn!(alarm = %a.name, action = %arn, error = %e, "alarm action failed");
                (
                    format!("Failed to execute action {arn}. Received error: \"{e}\""),
                    json!({"actionState": "Failed", "stateUpdateTimestamp": (now * 1000.0) as i64, "notificationResource": arn, "error": e}),
                )
            }
        };
        cw.store.write(|tx| {
            add_history(
                tx,
                &HistoryRec {
                    alarm_name: a.name.clone(),
                    composite: a.is_composite(),
                    timestamp: cw.now(),
                    item_type: "Action".into(),
                    summary,
                    data: data.to_string(),
                },
            )
        })?;
    }
    Ok(())
}

/// The notification CloudWatch publishes to SNS for a transition.
fn notice(cw: &CloudWatch, a: &AlarmRec, old_state: &str) -> AlarmNotice {
    let region = region_long_name(&cw.config.region);
    let (stat_type, stat) = match &a.extended_statistic {
        Some(e) => ("ExtendedStatistic", e.clone()),
        None => ("Statistic", a.statistic.clone().unwrap_or_default().to_uppercase()),
    };
    let message = json!({
        "AlarmName": a.name,
        "AlarmDescription": a.description,
        "AWSAccountId": cw.config.account,
        "AlarmConfigurationUpdatedTimestamp": long_date(a.config_updated),
        "NewStateValue": a.state,
        "NewStateReason": a.reason,
        "StateChangeTime": long_date(a.state_updated),
        "Region": region,
        "AlarmArn": a.arn,
        "OldStateValue": old_state,
        "OKActions": a.ok_actions,
        "AlarmActions": a.alarm_actions,
        "InsufficientDataActions": a.insufficient_data_actions,
        "Trigger": {
            "MetricName": a.metric_name,
            "Namespace": a.namespace,
            "StatisticType": stat_type,
            "Statistic": stat,
            "Unit": a.unit,
            "Dimensions": a.dimensions.iter().map(|(k, v)| json!({"value": v, "name": k})).collect::<Vec<_>>(),
            "Period": a.period,
            "EvaluationPeriods": a.evaluation_periods,
            "DatapointsToAlarm": a.datapoints_to_alarm.unwrap_or(a.evaluation_periods),
            "ComparisonOperator": a.comparison,
            "Threshold": a.threshold,
            "TreatMissingData": a.treat_missing_data.clone().unwrap_or_else(|| "missing".into()),
            "EvaluateLowSampleCountPercentile": a.evaluate_low_sample_count_percentile.clone().unwrap_or_default(),
        }
    });
    let mut message = message;
    if let Some(rule) = &a.alarm_rule {
        message.as_object_mut().expect("object").remove("Trigger");
        message["AlarmRule"] = json!(rule);
    }
    let recent_datapoints = a
        .reason_data
        .as_deref()
        .and_then(|d| serde_json::from_str::<Value>(d).ok())
        .and_then(|d| d.get("recentDatapoints").and_then(Value::as_array).cloned())
        .map(|l| l.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    AlarmNotice {
        alarm_name: a.name.clone(),
        new_state: a.state.clone(),
        subject: format!("{}: \"{}\" in {region}", a.state, a.name),
        message: message.to_string(),
        threshold: a.threshold,
        recent_datapoints,
    }
}

#[cfg(test)]
mod tests {
    use super::partial_period_counts;
    use metrics::Comparison::*;

    #[test]
    fn a_partial_period_counts_unless_an_additive_one_could_still_change_its_verdict() {
        // Averages, maxima …: the period in progress is evaluated as soon as it has data.
        assert!(partial_period_counts(false, LessThanThreshold, 30.0, Some(10.0)));
        assert!(partial_period_counts(false, GreaterThanThreshold, 70.0, Some(10.0)));
        // A partial Sum above a "greater than" threshold can only stay above it: it counts.
        assert!(partial_period_counts(true, GreaterThanThreshold, 100.0, Some(150.0)));
        assert!(partial_period_counts(true, GreaterThanOrEqualToThreshold, 100.0, Some(100.0)));
        // Below it, it may still grow: the last complete period decides (no flapping to OK).
        assert!(!partial_period_counts(true, GreaterThanThreshold, 100.0, Some(40.0)));
        // For "less than", a low partial Sum says nothing yet.
        assert!(!partial_period_counts(true, LessThanThreshold, 100.0, Some(40.0)));
        assert!(!partial_period_counts(true, LessThanOrEqualToThreshold, 100.0, Some(400.0)));
        assert!(!partial_period_counts(true, GreaterThanThreshold, 100.0, None));
    }
}
