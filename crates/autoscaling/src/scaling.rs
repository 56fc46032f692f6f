//! What moves a group's desired capacity besides the API: scaling policies (run when an alarm
//! names them, or by ExecutePolicy) and scheduled actions that fall due. Each records why, for
//! the Cause of the activities that follow.

use api::cloudwatch::{GetMetricStatisticsInput, Statistic};
use serde_json::Value;

use crate::capacity::{self, Adjustment, Step, Tracking};
use crate::controller::update;
use crate::error::Result;
use crate::ops::at;
use crate::predictive;
use crate::records::{kind, GroupRec, Lifecycle, PolicyRec, ScheduledRec};
use crate::schedule::{self, Recurrence};
use crate::{AlarmTrigger, AutoScaling};

pub(crate) fn warmup_of(g: &GroupRec, policy_warmup: Option<i64>) -> f64 {
    policy_warmup.or(g.default_instance_warmup).unwrap_or(g.default_cooldown) as f64
}

/// (warm in-service instances, instances still pending or warming up).
fn warm_counts(g: &GroupRec, warmup: f64, now: f64) -> (i64, i64) {
    let mut warm = 0;
    let mut warming = 0;
    for m in g.members.iter().filter(|m| m.lifecycle.counts() && m.healthy) {
        match (m.lifecycle, m.in_service_at) {
            (Lifecycle::InService, Some(t)) if now >= t + warmup => warm += 1,
            _ => warming += 1,
        }
    }
    (warm, warming)
}

/// The tracked metric's current value: the mean of its last few one-second datapoints (for a
/// Sum, that rate over the metric's period), when it has them — a high-resolution alarm may
/// have fired on a period only partly filled.
async fn current_value(asg: &AutoScaling, p: &PolicyRec, now: f64) -> Option<f64> {
    let cfg = p.target_tracking.as_ref()?;
    let g = asg.read(|tx| Ok(tx.get::<GroupRec>(kind::GROUP, &p.group)?)).ok()??;
    let (m, period) = crate::ops::tracked_metric(&g, cfg).ok()?;
    let stat = Statistic::from(m["Statistic"].as_str()?);
    let input = GetMetricStatisticsInput {
        namespace: m["Namespace"].as_str()?.to_string(),
        metric_name: m["MetricName"].as_str()?.to_string(),
        dimensions: serde_json::from_value(m["Dimensions"].clone()).ok(),
        start_time: now - 2.0,
        end_time: now + 1.0,
        period: 1,
        statistics: Some(vec![stat.clone()]),
        ..Default::default()
    };
    let out = asg.peers.clients().cloudwatch.get_metric_statistics(input).await.ok()?;
    let values: Vec<f64> = out
        .datapoints?
        .into_iter()
        .filter_map(|d| match stat {
            Statistic::Average => d.average,
            Statistic::Sum => d.sum,
            Statistic::Minimum => d.minimum,
            Statistic::Maximum => d.maximum,
            Statistic::SampleCount => d.sample_count,
            Statistic::Unknown(_) => None,
        })
        .collect();
    if values.is_empty() {
        return None;
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    // A sum (requests per target, say) is over the whole period: the per-second rate × period.
    Some(if stat == Statistic::Sum { mean * period as f64 } else { mean })
}

/// An alarm named a policy: compute the new desired capacity and record why.
pub(crate) async fn run_trigger(asg: &AutoScaling, t: &AlarmTrigger) -> Result<()> {
    let now = asg.now();
    let policy = asg.read(|tx| {
        Ok(tx.list::<PolicyRec>(kind::POLICY, "")?.into_iter().map(|(_, p)| p).find(|p| p.arn == t.policy_arn))
    })?;
    let Some(policy) = policy else { return Ok(()) };
    if !policy.enabled {
        return Ok(());
    }
    let mut t = t.clone();
    if policy.policy_type == "TargetTrackingScaling" && t.state == "ALARM" {
        // Only when the fresh value agrees with the alarm's side of the target.
        if let Some(v) = current_value(asg, &policy, now).await {
            let target = policy.target_tracking.as_ref().and_then(|c| c.get("TargetValue")).and_then(Value::as_f64);
            let same_side = target.is_some_and(|tv| (v > tv) == (t.value.unwrap_or(v) > tv));
            if same_side {
                t.value = Some(v);
            }
        }
    }
    let t = &t;
    let why =
        format!("{} a monitor alarm {} in state {} triggered policy {}", at(now), t.alarm_name, t.state, policy.name);
    update(asg, &policy.group, |g, _| {
        execute(g, &policy, t.value, Some(t.threshold), &why, now, false);
        Ok(())
    })?;
    Ok(())
}

/// Execute a policy on a group: returns whether the desired capacity changed. `value` is the
/// metric's value; `threshold` the alarm's (step scaling).
pub(crate) fn execute(
    g: &mut GroupRec,
    p: &PolicyRec,
    value: Option<f64>,
    threshold: Option<f64>,
    why: &str,
    now: f64,
    honor_cooldown: bool,
) -> bool {
    if g.status.is_some() || g.suspended("AlarmNotification") && why.contains("monitor alarm") {
        return false;
    }
    let before = g.desired;
    let warmup = warmup_of(g, p.estimated_warmup);
    let (warm, warming) = warm_counts(g, warmup, now);
    let new = match p.policy_type.as_str() {
        "TargetTrackingScaling" => {
            let Some(cfg) = &p.target_tracking else { return false };
            let Some(metric) = value else { return false };
            let target = cfg.get("TargetValue").and_then(Value::as_f64).unwrap_or(0.0);
            capacity::track(Tracking {
                metric,
                target,
                warm,
                warming,
                desired: g.desired,
                min: g.min,
                max: g.max,
                scale_in_disabled: cfg.get("DisableScaleIn").and_then(Value::as_bool).unwrap_or(false),
            })
        }
        "StepScaling" => {
            let (Some(v), Some(th)) = (value, threshold) else { return false };
            let steps: Vec<Step> =
                p.steps.iter().map(|s| Step { lower: s.lower, upper: s.upper, adjustment: s.adjustment }).collect();
            let Some(step) = capacity::pick_step(&steps, v, th) else { return false };
            let Some(adj) = Adjustment::from_type(
                p.adjustment_type.as_deref().unwrap_or("ChangeInCapacity"),
                step.adjustment,
                p.min_adjustment_magnitude,
            ) else {
                return false;
            };
            // Instances still warming up count toward the adjustment: re-triggers while they
            // warm add only what goes beyond them.
            let base = g.capacity() - warming;
            let wanted = capacity::apply(adj, base.max(0), g.min, g.max);
            let wanted = if step.adjustment > 0 { wanted.max(g.desired) } else { wanted };
            (wanted != g.desired).then_some(wanted)
        }
        _ => {
            let cooldown = p.cooldown.unwrap_or(g.default_cooldown) as f64;
            if (honor_cooldown || why.contains("monitor alarm")) && now < g.last_scaling + cooldown {
                return false;
            }
            let adj = Adjustment::from_type(
                p.adjustment_type.as_deref().unwrap_or("ChangeInCapacity"),
                p.scaling_adjustment.unwrap_or(0),
                p.min_adjustment_magnitude,
            );
            adj.map(|a| capacity::apply(a, g.desired, g.min, g.max)).filter(|n| *n != g.desired)
        }
    };
    let Some(mut new) = new else { return false };
    // ForecastAndScale: dynamic scaling does not scale in below this hour's forecast capacity.
    if let Some((floor, _)) = g.predictive_floor.filter(|(_, until)| now < *until) {
        if new < g.desired {
            new = new.max(floor.min(g.desired));
        }
    }
    if new == g.desired {
        return false;
    }
    g.desired = new;
    g.last_scaling = now;
    g.desired_cause = Some(format!("{why} changing the desired capacity from {before} to {new}."));
    tracing::info!(group = %g.name, policy = %p.name, from = before, to = new, "autoscaling: policy changed the desired capacity");
    true
}

pub(crate) fn run_schedules(asg: &AutoScaling) -> Result<()> {
    let now = asg.now();
    let due: Vec<ScheduledRec> = asg.read(|tx| {
        Ok(tx
            .list::<ScheduledRec>(kind::SCHEDULED, "")?
            .into_iter()
            .map(|(_, s)| s)
            .filter(|s| s.next_run.is_some_and(|t| t <= now))
            .collect())
    })?;
    for s in due {
        asg.write(|tx| {
            let Some(mut g) = tx.get::<GroupRec>(kind::GROUP, &s.group)? else { return Ok(()) };
            if !g.suspended("ScheduledActions") && g.status.is_none() {
                let before = g.desired;
                let min = s.min.unwrap_or(g.min);
                let max = s.max.unwrap_or(g.max).max(min);
                let desired = s.desired.unwrap_or(g.desired).clamp(min, max);
                g.min = min;
                g.max = max;
                if desired != before {
                    g.desired = desired;
                    g.desired_cause = Some(format!(
                        "{} a scheduled action update of AutoScalingGroup constraints to min: {min}, max: {max}, desired: {desired} changing the desired capacity from {before} to {desired}.",
                        at(now)
                    ));
                }
                tracing::info!(group = %g.name, action = %s.name, min, max, desired, "autoscaling: scheduled action ran");
                tx.put(kind::GROUP, &g.name, &g)?;
            }
            let rec = s.recurrence.as_deref().and_then(|r| Recurrence::parse(r, s.time_zone.as_deref()).ok());
            let key = format!("{}/{}", s.group, s.name);
            match schedule::next_run(s.start, s.end, rec.as_ref(), s.next_run, now + 1.0) {
                Some(next) => {
                    let mut s2 = s.clone();
                    s2.next_run = Some(next);
                    tx.put(kind::SCHEDULED, &key, &s2)?;
                }
                // A one-time action is deleted once it has run, as AWS does.
                None => {
                    tx.delete(kind::SCHEDULED, &key)?;
                }
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// ForecastAndScale policies: at the start of each hour (SchedulingBufferTime earlier) the
/// group's desired capacity is raised to at least that hour's forecast capacity, which also
/// holds dynamic scaling's scale-in above it until the hour ends.
pub(crate) async fn run_predictive(asg: &AutoScaling) -> Result<()> {
    let policies: Vec<PolicyRec> = asg.read(|tx| {
        Ok(tx
            .list::<PolicyRec>(kind::POLICY, "")?
            .into_iter()
            .map(|(_, p)| p)
            .filter(|p| {
                p.enabled
                    && p.predictive.as_ref().and_then(|c| c.get("Mode")).and_then(Value::as_str)
                        == Some("ForecastAndScale")
            })
            .collect())
    })?;
    for p in policies {
        let Some(g) = asg.read(|tx| Ok(tx.get::<GroupRec>(kind::GROUP, &p.group)?))? else { continue };
        let f = match crate::ops::forecast_of(asg, &p, &g, false).await {
            Ok(f) => f,
            Err(e) => {
                tracing::warn!(policy = %p.name, error = %e, "autoscaling: predictive forecast failed");
                continue;
            }
        };
        let Some((_, capacity)) = f.series else { continue };
        let now = asg.now();
        update(asg, &p.group, |g, _| {
            apply_forecast(g, &p, &capacity, now);
            Ok(())
        })?;
    }
    Ok(())
}

/// What a ForecastAndScale policy does to a group at `now`, given its capacity forecast:
/// whether the desired capacity changed.
pub(crate) fn apply_forecast(g: &mut GroupRec, p: &PolicyRec, capacity: &[(f64, i64)], now: f64) -> bool {
    let Some(cfg) = &p.predictive else { return false };
    if g.status.is_some() {
        return false;
    }
    let buffer = cfg.get("SchedulingBufferTime").and_then(Value::as_i64).unwrap_or(0);
    let Some(mut need) = predictive::scheduled_capacity(capacity, now, buffer) else {
        g.predictive_floor = None;
        return false;
    };
    if need > g.max {
        if cfg.get("MaxCapacityBreachBehavior").and_then(Value::as_str) == Some("IncreaseMaxCapacity") {
            let pct = cfg.get("MaxCapacityBuffer").and_then(Value::as_i64).unwrap_or(0);
            g.max = predictive::effective_max(need, g.max, pct);
        } else {
            need = g.max;
        }
    }
    let hour_end = ((now + buffer as f64) / predictive::HOUR).floor() * predictive::HOUR + predictive::HOUR;
    g.predictive_floor = Some((need, hour_end));
    if g.desired >= need {
        return false;
    }
    let before = g.desired;
    g.desired = need;
    g.last_scaling = now;
    g.desired_cause = Some(format!(
        "{} a predictive scaling action was triggered by policy {} changing the desired capacity from {before} to {need}.",
        at(now),
        p.name
    ));
    tracing::info!(group = %g.name, policy = %p.name, from = before, to = need, "autoscaling: predictive scaling raised the desired capacity");
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn group(desired: i64) -> GroupRec {
        serde_json::from_value(json!({
            "name": "g", "arn": "arn", "template": null,
            "launch_configuration": null, "mixed_instances_policy": null,
            "min": 1, "max": 4, "desired": desired, "default_cooldown": 300, "default_instance_warmup": null,
            "zones": ["z-a"], "subnets": [], "placements": [["s-a", "z-a"]],
            "target_groups": [], "load_balancers": [], "health_check_type": "EC2", "grace": 0,
            "termination_policies": ["Default"], "new_instances_protected": false,
            "capacity_rebalance": false, "max_instance_lifetime": null, "tags": [], "created": 0.0,
            "suspended": [], "enabled_metrics": [], "metrics_granularity": null, "status": null,
            "members": [], "last_scaling": 0.0, "desired_cause": null,
            "launch_retry_at": 0.0, "launch_failures": 0, "service_linked_role": "r",
        }))
        .unwrap()
    }

    fn policy(cfg: Value) -> PolicyRec {
        PolicyRec {
            group: "g".into(),
            name: "kg-predictive".into(),
            arn: "arn:p".into(),
            policy_type: "PredictiveScaling".into(),
            adjustment_type: None,
            scaling_adjustment: None,
            min_adjustment_magnitude: None,
            cooldown: None,
            steps: vec![],
            metric_aggregation_type: None,
            estimated_warmup: None,
            target_tracking: None,
            enabled: true,
            alarms: vec![],
            last_execution: 0.0,
            predictive: Some(cfg),
        }
    }

    #[test]
    fn forecast_and_scale_raises_desired_at_the_hour_and_holds_scale_in_above_it() {
        let cfg = json!({"Mode": "ForecastAndScale", "SchedulingBufferTime": 300,
            "MaxCapacityBreachBehavior": "HonorMaxCapacity"});
        let p = policy(cfg);
        let capacity = vec![(7200.0, 1), (10800.0, 3), (14400.0, 6)];
        let mut g = group(1);
        // 18:54 for a 19:00 hour of 3: not yet (buffer 300 s).
        assert!(!apply_forecast(&mut g, &p, &capacity, 10800.0 - 360.0));
        assert_eq!(g.desired, 1);
        // 18:55: 3.
        assert!(apply_forecast(&mut g, &p, &capacity, 10800.0 - 300.0));
        assert_eq!(g.desired, 3);
        assert!(g.desired_cause.as_deref().unwrap().contains("predictive scaling action was triggered by policy kg-predictive changing the desired capacity from 1 to 3."));
        assert_eq!(g.predictive_floor, Some((3, 14400.0)));
        // Dynamic scaling may go above the forecast but does not scale in below it in that hour.
        g.desired = 4;
        assert!(!apply_forecast(&mut g, &p, &capacity, 10900.0));
        assert_eq!(g.desired, 4);
        let simple = PolicyRec {
            policy_type: "SimpleScaling".into(),
            adjustment_type: Some("ChangeInCapacity".into()),
            scaling_adjustment: Some(-3),
            predictive: None,
            ..p.clone()
        };
        assert!(execute(&mut g, &simple, None, None, "x", 11000.0, false));
        assert_eq!(g.desired, 3, "held at the forecast");
        // The next hour's forecast of 6 is above max 4: HonorMaxCapacity stops at 4.
        assert!(apply_forecast(&mut g, &p, &capacity, 14400.0 - 300.0));
        assert_eq!((g.desired, g.max), (4, 4));
        // IncreaseMaxCapacity raises max to the forecast plus its buffer.
        let p = policy(json!({"Mode": "ForecastAndScale", "SchedulingBufferTime": 0,
            "MaxCapacityBreachBehavior": "IncreaseMaxCapacity", "MaxCapacityBuffer": 50}));
        let mut g = group(1);
        assert!(apply_forecast(&mut g, &p, &capacity, 14400.0));
        assert_eq!((g.desired, g.max), (6, 9));
        // Past the forecast: nothing, and no floor.
        assert!(!apply_forecast(&mut g, &p, &capacity, 20000.0));
        assert_eq!(g.predictive_floor, None);
    }
}
