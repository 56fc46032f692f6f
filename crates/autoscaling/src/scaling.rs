//! What moves a group's desired capacity besides the API: scaling policies (run when an alarm
//! names them, or by ExecutePolicy) and scheduled actions that fall due. Each records why, for
//! the Cause of the activities that follow.

use serde_json::{json, Value};

use crate::capacity::{self, Adjustment, Step, Tracking};
use crate::controller::update;
use crate::error::Result;
use crate::ops::{at, peer};
use crate::records::{kind, GroupRec, Lifecycle, PolicyRec, ScheduledRec};
use crate::schedule::{self, Recurrence};
use crate::{AlarmTrigger, AutoScaling, Peer};

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
    let out = peer(
        asg,
        Peer::CloudWatch,
        "GetMetricStatistics",
        json!({
            "Namespace": m["Namespace"], "MetricName": m["MetricName"], "Dimensions": m["Dimensions"],
            "StartTime": now - 2.0, "EndTime": now + 1.0, "Period": 1, "Statistics": [m["Statistic"]],
        }),
    )
    .await
    .ok()?;
    let stat = m["Statistic"].as_str()?.to_string();
    let values: Vec<f64> = out
        .get("Datapoints")
        .and_then(Value::as_array)?
        .iter()
        .filter_map(|d| d.get(&stat).and_then(Value::as_f64))
        .collect();
    if values.is_empty() {
        return None;
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    // A sum (requests per target, say) is over the whole period: the per-second rate × period.
    Some(if stat == "Sum" { mean * period as f64 } else { mean })
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
    let Some(new) = new else { return false };
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
