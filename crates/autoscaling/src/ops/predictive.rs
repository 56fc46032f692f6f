//! Predictive scaling's forecasts: the load metric's hourly history read from CloudWatch
//! (GetMetricData, as Auto Scaling's service-linked role, 14 days back), the forecast of
//! `crate::predictive`, and GetPredictiveScalingForecast. Forecasts are kept per policy for the
//! hour they were made in (the controller asks every pass); the API recomputes each time.

use api::cloudwatch::{GetMetricDataInput, ScanBy};
use serde_json::{json, Value};

use super::{load_group, required};
use crate::error::{AsgError, Result};
use crate::predictive::{self, FORECAST_HOURS, HISTORY_HOURS, HOUR};
use crate::records::{GroupRec, PolicyRec};
use crate::AutoScaling;

/// (hour start, load) and (hour start, capacity), hourly from the current hour.
pub(crate) type Series = (Vec<(f64, f64)>, Vec<(f64, i64)>);

/// One policy's forecast: made in `hour` for `signature` (its configuration and the group's
/// limits); `series` is None while there is not enough history.
#[derive(Debug, Clone)]
pub(crate) struct Forecast {
    pub hour: i64,
    pub signature: String,
    pub update_time: f64,
    pub series: Option<Series>,
    /// The hourly load history it was made from (for past hours' forecasts).
    pub history: Vec<(f64, f64)>,
}

fn signature(p: &PolicyRec, g: &GroupRec) -> String {
    format!("{}|{}|{}", p.predictive.as_ref().map(Value::to_string).unwrap_or_default(), g.min, g.max)
}

/// The policy's forecast as of now: the kept one if it is from this hour and for the same
/// configuration and limits (unless `fresh`), else computed from CloudWatch.
pub(crate) async fn forecast_of(asg: &AutoScaling, p: &PolicyRec, g: &GroupRec, fresh: bool) -> Result<Forecast> {
    let now = asg.now();
    let hour = (now / HOUR).floor() as i64;
    let sig = signature(p, g);
    if !fresh {
        let kept = asg.forecasts.lock().unwrap_or_else(|e| e.into_inner()).get(&p.arn).cloned();
        if let Some(f) = kept.filter(|f| f.hour == hour && f.signature == sig) {
            return Ok(f);
        }
    }
    let cfg = p.predictive.clone().unwrap_or_default();
    let spec = &cfg["MetricSpecifications"][0];
    let (queries, divisor) = predictive::load_queries(&g.name, spec);
    let input = GetMetricDataInput {
        metric_data_queries: wire::typed::input(Value::Array(queries)).map_err(AsgError::Peer)?,
        start_time: (hour - HISTORY_HOURS) as f64 * HOUR,
        end_time: hour as f64 * HOUR,
        scan_by: Some(ScanBy::TimestampAscending),
        ..Default::default()
    };
    let out = asg.peers.clients().cloudwatch.get_metric_data(input).await.map_err(AsgError::Peer)?;
    let mut history = Vec::new();
    for r in out.metric_data_results.into_iter().flatten().take(1) {
        for (t, v) in r.timestamps.unwrap_or_default().into_iter().zip(r.values.unwrap_or_default()) {
            history.push((t, v / divisor));
        }
    }
    let target = spec.get("TargetValue").and_then(Value::as_f64).unwrap_or(1.0);
    let increase = cfg.get("MaxCapacityBreachBehavior").and_then(Value::as_str) == Some("IncreaseMaxCapacity");
    let series = predictive::forecast(&history, now, FORECAST_HOURS).map(|load| {
        let capacity = capacity_of(&load, target, g, increase);
        (load, capacity)
    });
    let f = Forecast { hour, signature: sig, update_time: now, series, history };
    asg.forecasts.lock().unwrap_or_else(|e| e.into_inner()).insert(p.arn.clone(), f.clone());
    Ok(f)
}

fn capacity_of(load: &[(f64, f64)], target: f64, g: &GroupRec, increase: bool) -> Vec<(f64, i64)> {
    load.iter().map(|(t, l)| (*t, predictive::capacity_for(*l, target, g.min, g.max, increase))).collect()
}

/// GetPredictiveScalingForecast: the hourly load and capacity forecasts within
/// [StartTime, EndTime) (at most 30 days apart; forecasts reach two days ahead; past hours are
/// as they were forecast at their start).
pub(crate) async fn get(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let name = required(input, "PolicyName")?;
    let start =
        input.get("StartTime").and_then(Value::as_f64).ok_or_else(|| AsgError::validation("StartTime is required"))?;
    let end =
        input.get("EndTime").and_then(Value::as_f64).ok_or_else(|| AsgError::validation("EndTime is required"))?;
    if end <= start {
        return Err(AsgError::validation("EndTime must be after StartTime."));
    }
    if end - start > 30.0 * 86400.0 {
        return Err(AsgError::validation("The time range between StartTime and EndTime must not exceed 30 days."));
    }
    let (g, p) = asg.read(|tx| {
        let g = load_group(tx, group)?;
        let p = super::policies::find(tx, Some(group), name)?;
        Ok((g, p))
    })?;
    let p = p.filter(|p| p.policy_type == "PredictiveScaling").ok_or_else(|| {
        AsgError::validation(format!(
            "No predictive scaling policy named {name} was found for the Auto Scaling group {group}."
        ))
    })?;
    let f = forecast_of(asg, &p, &g, true).await?;
    let spec = p.predictive.as_ref().map(|c| c["MetricSpecifications"][0].clone()).unwrap_or_default();
    let within = |t: f64| t + HOUR > start && t < end;
    let (mut load, mut capacity) = f.series.unwrap_or_default();
    // Hours before the current one: as forecast at their start (within the 14 days read).
    let current = f.hour as f64 * HOUR;
    if start < current {
        let past =
            predictive::past_forecasts(&f.history, start.max(current - HISTORY_HOURS as f64 * HOUR), current.min(end));
        let target = spec.get("TargetValue").and_then(Value::as_f64).unwrap_or(1.0);
        let increase = p.predictive.as_ref().and_then(|c| c.get("MaxCapacityBreachBehavior")).and_then(Value::as_str)
            == Some("IncreaseMaxCapacity");
        let past_capacity = capacity_of(&past, target, &g, increase);
        load.splice(0..0, past);
        capacity.splice(0..0, past_capacity);
    }
    let load: Vec<&(f64, f64)> = load.iter().filter(|(t, _)| within(*t)).collect();
    let capacity: Vec<&(f64, i64)> = capacity.iter().filter(|(t, _)| within(*t)).collect();
    Ok(json!({
        "LoadForecast": [{
            "Timestamps": load.iter().map(|x| x.0).collect::<Vec<_>>(),
            "Values": load.iter().map(|x| x.1).collect::<Vec<_>>(),
            "MetricSpecification": spec,
        }],
        "CapacityForecast": {
            "Timestamps": capacity.iter().map(|x| x.0).collect::<Vec<_>>(),
            "Values": capacity.iter().map(|x| x.1 as f64).collect::<Vec<_>>(),
        },
        "UpdateTime": f.update_time.floor(),
    }))
}
