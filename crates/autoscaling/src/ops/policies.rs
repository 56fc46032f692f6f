//! Scaling policies: simple, step and target tracking. Target tracking owns two CloudWatch
//! alarms, created and deleted with it, named as AWS names them:
//! `TargetTracking-<group>-AlarmHigh-<uuid>` (metric above the target: scale out, quickly) and
//! `TargetTracking-<group>-AlarmLow-<uuid>` (below 90 % of it: scale in, slowly).

use api::cloudwatch::PutMetricAlarmInput;
use serde_json::{json, Value};

use super::{at, bool_of, int_of, load_group, new_id, page, required, str_of, strings};
use crate::capacity::{check_steps, Step};
use crate::error::{AsgError, Result};
use crate::predictive;
use crate::records::{kind, GroupRec, PolicyRec, StepRec};
use crate::scaling::execute as execute_policy;
use crate::AutoScaling;

const MAX_POLICIES_PER_GROUP: usize = 50;
const PREDEFINED: [&str; 4] =
    ["ASGAverageCPUUtilization", "ASGAverageNetworkIn", "ASGAverageNetworkOut", "ALBRequestCountPerTarget"];

/// The alarms a target-tracking policy owns (none for the other types).
pub(crate) fn target_tracking_alarms(p: &PolicyRec) -> Vec<String> {
    if p.policy_type != "TargetTrackingScaling" {
        return vec![];
    }
    p.alarms.iter().map(|(n, _)| n.clone()).collect()
}

fn steps_of(input: &Value) -> Result<Vec<StepRec>> {
    let mut out = Vec::new();
    for s in input.get("StepAdjustments").and_then(Value::as_array).into_iter().flatten() {
        let adjustment = int_of(s, "ScalingAdjustment")
            .ok_or_else(|| AsgError::validation("ScalingAdjustment is required in each step adjustment"))?;
        out.push(StepRec {
            lower: s.get("MetricIntervalLowerBound").and_then(Value::as_f64),
            upper: s.get("MetricIntervalUpperBound").and_then(Value::as_f64),
            adjustment,
        });
    }
    Ok(out)
}

fn adjustment_type(input: &Value, required_for: &str) -> Result<String> {
    match str_of(input, "AdjustmentType") {
        Some(t @ ("ChangeInCapacity" | "ExactCapacity" | "PercentChangeInCapacity")) => Ok(t.to_string()),
        Some(t) => Err(AsgError::validation(format!(
            "Invalid adjustment type {t}. Valid values are ChangeInCapacity, ExactCapacity and PercentChangeInCapacity."
        ))),
        None => Err(AsgError::validation(format!("AdjustmentType is required for {required_for} policies"))),
    }
}

/// The metric a target-tracking configuration tracks, as PutMetricAlarm fields, and its period.
pub(crate) fn tracked_metric(g: &GroupRec, cfg: &Value) -> Result<(Value, i64)> {
    if let Some(p) = cfg.get("PredefinedMetricSpecification") {
        let t = str_of(p, "PredefinedMetricType").unwrap_or_default();
        if !PREDEFINED.contains(&t) {
            return Err(AsgError::validation(format!(
                "Invalid PredefinedMetricType {t}. Valid values are {}.",
                PREDEFINED.join(", ")
            )));
        }
        let by_group = json!([{"Name": "AutoScalingGroupName", "Value": g.name}]);
        let m = match t {
            "ASGAverageCPUUtilization" => {
                json!({"Namespace": "AWS/EC2", "MetricName": "CPUUtilization", "Dimensions": by_group, "Statistic": "Average", "Unit": "Percent"})
            }
            "ASGAverageNetworkIn" => {
                json!({"Namespace": "AWS/EC2", "MetricName": "NetworkIn", "Dimensions": by_group, "Statistic": "Average"})
            }
            "ASGAverageNetworkOut" => {
                json!({"Namespace": "AWS/EC2", "MetricName": "NetworkOut", "Dimensions": by_group, "Statistic": "Average"})
            }
            _ => {
                let label = str_of(p, "ResourceLabel").ok_or_else(|| {
                    AsgError::validation("ResourceLabel is required for the ALBRequestCountPerTarget metric type")
                })?;
                let tg = label.split_once("/targetgroup/").map(|(_, tg)| format!("targetgroup/{tg}")).ok_or_else(|| {
                    AsgError::validation(format!(
                        "Invalid ResourceLabel {label}: expected app/<load-balancer-name>/<id>/targetgroup/<target-group-name>/<id>"
                    ))
                })?;
                if !g.target_groups.iter().any(|a| a.ends_with(&tg)) {
                    return Err(AsgError::validation(format!(
                        "The target group {tg} of ResourceLabel {label} is not attached to the Auto Scaling group {}.",
                        g.name
                    )));
                }
                json!({"Namespace": "AWS/ApplicationELB", "MetricName": "RequestCountPerTarget", "Dimensions": [{"Name": "TargetGroup", "Value": tg}], "Statistic": "Sum"})
            }
        };
        return Ok((m, 60));
    }
    if let Some(c) = cfg.get("CustomizedMetricSpecification") {
        if c.get("Metrics").is_some() {
            return Err(AsgError::validation(
                "Metric math in CustomizedMetricSpecification.Metrics is not supported by this region yet; give MetricName, Namespace, Dimensions and Statistic.",
            ));
        }
        let name = required(c, "MetricName")?;
        let ns = required(c, "Namespace")?;
        let stat = str_of(c, "Statistic").unwrap_or("Average");
        let period = int_of(c, "Period").unwrap_or(60);
        if ![10, 20, 30, 60].contains(&period) {
            return Err(AsgError::validation(format!(
                "Invalid metric period {period}: valid values are 10, 20, 30 and 60."
            )));
        }
        let mut m = json!({"Namespace": ns, "MetricName": name, "Dimensions": c.get("Dimensions").cloned().unwrap_or(json!([])), "Statistic": stat});
        if let Some(u) = str_of(c, "Unit") {
            m["Unit"] = json!(u);
        }
        return Ok((m, period));
    }
    Err(AsgError::validation(
        "A target tracking configuration needs PredefinedMetricSpecification or CustomizedMetricSpecification.",
    ))
}

pub(crate) async fn put(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let name = required(input, "PolicyName")?;
    let g = asg.read(|tx| load_group(tx, group))?;
    let policy_type = str_of(input, "PolicyType").unwrap_or("SimpleScaling");
    let key = format!("{group}/{name}");
    let existing = asg.read(|tx| Ok(tx.get::<PolicyRec>(kind::POLICY, &key)?))?;
    let arn = existing.as_ref().map(|p| p.arn.clone()).unwrap_or_else(|| {
        asg.arn(&format!("scalingPolicy:{}:autoScalingGroupName/{group}:policyName/{name}", new_id()))
    });
    let mut rec = PolicyRec {
        group: group.into(),
        name: name.into(),
        arn: arn.clone(),
        policy_type: policy_type.into(),
        adjustment_type: None,
        scaling_adjustment: None,
        min_adjustment_magnitude: int_of(input, "MinAdjustmentMagnitude"),
        cooldown: int_of(input, "Cooldown"),
        steps: vec![],
        metric_aggregation_type: None,
        estimated_warmup: int_of(input, "EstimatedInstanceWarmup"),
        target_tracking: None,
        enabled: bool_of(input, "Enabled").unwrap_or(true),
        alarms: existing.as_ref().map(|p| p.alarms.clone()).unwrap_or_default(),
        last_execution: 0.0,
        predictive: None,
    };
    let mut new_alarms: Vec<Value> = Vec::new();
    match policy_type {
        "SimpleScaling" => {
            rec.adjustment_type = Some(adjustment_type(input, "SimpleScaling")?);
            rec.scaling_adjustment = Some(
                int_of(input, "ScalingAdjustment")
                    .ok_or_else(|| AsgError::validation("ScalingAdjustment is required for SimpleScaling policies"))?,
            );
        }
        "StepScaling" => {
            rec.adjustment_type = Some(adjustment_type(input, "StepScaling")?);
            rec.steps = steps_of(input)?;
            let steps: Vec<Step> =
                rec.steps.iter().map(|s| Step { lower: s.lower, upper: s.upper, adjustment: s.adjustment }).collect();
            check_steps(&steps).map_err(AsgError::validation)?;
            let agg = str_of(input, "MetricAggregationType").unwrap_or("Average");
            if !["Average", "Minimum", "Maximum"].contains(&agg) {
                return Err(AsgError::validation(format!("Invalid MetricAggregationType {agg}: Average, Minimum or Maximum.")));
            }
            rec.metric_aggregation_type = Some(agg.into());
            if input.get("Cooldown").is_some() {
                return Err(AsgError::validation("Cooldown is only supported for SimpleScaling policies."));
            }
        }
        "TargetTrackingScaling" => {
            let cfg = input
                .get("TargetTrackingConfiguration")
                .ok_or_else(|| AsgError::validation("TargetTrackingConfiguration is required for TargetTrackingScaling policies"))?;
            let target = cfg.get("TargetValue").and_then(Value::as_f64).unwrap_or(0.0);
            if target <= 0.0 {
                return Err(AsgError::validation("TargetValue must be greater than 0."));
            }
            let (metric, period) = tracked_metric(&g, cfg)?;
            let uuid = existing
                .as_ref()
                .and_then(|p| p.alarms.first())
                .and_then(|(n, _)| n.rsplit_once("-AlarmHigh-").map(|(_, u)| u.to_string()))
                .unwrap_or_else(new_id);
            let high = format!("TargetTracking-{group}-AlarmHigh-{uuid}");
            let low = format!("TargetTracking-{group}-AlarmLow-{uuid}");
            // AWS: 3 one-minute datapoints to scale out, 15 to scale in. With a high-resolution
            // metric (10–30 s) this region decides on one period out and a minute in.
            let (high_periods, low_periods) = if period < 60 { (1, 60 / period) } else { (3, 15) };
            let scale_in = !cfg.get("DisableScaleIn").and_then(Value::as_bool).unwrap_or(false);
            let mut alarms = vec![(high.clone(), "GreaterThanThreshold", target, high_periods)];
            if scale_in {
                alarms.push((low.clone(), "LessThanThreshold", target * 0.9, low_periods));
            }
            for (alarm, op, threshold, periods) in alarms {
                let mut a = metric.clone();
                a["AlarmName"] = json!(alarm);
                a["AlarmDescription"] = json!(format!(
                    "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy {arn}."
                ));
                a["ComparisonOperator"] = json!(op);
                a["Threshold"] = json!(threshold);
                a["Period"] = json!(period);
                a["EvaluationPeriods"] = json!(periods);
                a["DatapointsToAlarm"] = json!(periods);
                a["AlarmActions"] = json!([arn]);
                new_alarms.push(a);
            }
            rec.target_tracking = Some(cfg.clone());
            rec.alarms = vec![
                (high.clone(), format!("arn:aws:cloudwatch:{}:{}:alarm:{high}", asg.config.region, asg.config.account)),
            ];
            if scale_in {
                rec.alarms.push((low.clone(), format!("arn:aws:cloudwatch:{}:{}:alarm:{low}", asg.config.region, asg.config.account)));
            }
        }
        "PredictiveScaling" => {
            let cfg = input.get("PredictiveScalingConfiguration").ok_or_else(|| {
                AsgError::validation("PredictiveScalingConfiguration is required for PredictiveScaling policies")
            })?;
            let cfg = predictive::normalize(cfg).map_err(AsgError::validation)?;
            let spec = &cfg["MetricSpecifications"][0];
            for k in ["PredefinedMetricPairSpecification", "PredefinedLoadMetricSpecification", "PredefinedScalingMetricSpecification"] {
                let Some(label) = spec.get(k).and_then(|p| str_of(p, "ResourceLabel")) else { continue };
                let tg = predictive::label_target_group(label).unwrap_or_default();
                if !g.target_groups.iter().any(|a| a.ends_with(&tg)) {
                    return Err(AsgError::validation(format!(
                        "The target group {tg} of ResourceLabel {label} is not attached to the Auto Scaling group {}.",
                        g.name
                    )));
                }
            }
            rec.predictive = Some(cfg);
            rec.alarms = vec![];
        }
        other => {
            return Err(AsgError::validation(format!(
                "Invalid PolicyType {other}. Valid values are SimpleScaling, StepScaling, TargetTrackingScaling and PredictiveScaling."
            )))
        }
    }
    let count = asg.read(|tx| Ok(tx.count(kind::POLICY, &format!("{group}/"))?))?;
    if existing.is_none() && count >= MAX_POLICIES_PER_GROUP {
        return Err(AsgError::Client(
            "LimitExceeded",
            format!("You have reached the limit of {MAX_POLICIES_PER_GROUP} scaling policies for the group {group}."),
        ));
    }
    // The alarms first: if CloudWatch refuses them, nothing is recorded.
    let old: Vec<String> = existing.as_ref().map(target_tracking_alarms).unwrap_or_default();
    for a in &new_alarms {
        let input: PutMetricAlarmInput = wire::typed::input(a.clone()).map_err(AsgError::Peer)?;
        asg.peers.clients().cloudwatch.put_metric_alarm(input).await.map_err(AsgError::Peer)?;
    }
    let stale: Vec<String> = old.into_iter().filter(|n| !rec.alarms.iter().any(|(m, _)| m == n)).collect();
    super::groups::drop_alarms(asg, stale).await;
    asg.write(|tx| {
        load_group(tx, group)?;
        tx.put(kind::POLICY, &key, &rec)?;
        Ok(())
    })?;
    Ok(json!({
        "PolicyARN": arn,
        "Alarms": rec.alarms.iter().map(|(n, a)| json!({"AlarmName": n, "AlarmARN": a})).collect::<Vec<_>>(),
    }))
}

/// A policy by name (within a group) or by ARN.
pub(crate) fn find(tx: &store::Tx, group: Option<&str>, name: &str) -> Result<Option<PolicyRec>> {
    if name.starts_with("arn:") {
        return Ok(tx.list::<PolicyRec>(kind::POLICY, "")?.into_iter().map(|(_, p)| p).find(|p| p.arn == name));
    }
    match group {
        Some(g) => Ok(tx.get::<PolicyRec>(kind::POLICY, &format!("{g}/{name}"))?),
        None => Ok(tx.list::<PolicyRec>(kind::POLICY, "")?.into_iter().map(|(_, p)| p).find(|p| p.name == name)),
    }
}

pub(crate) fn describe(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = str_of(input, "AutoScalingGroupName");
    let names = strings(input, "PolicyNames");
    let types = strings(input, "PolicyTypes");
    let prefix = group.map(|g| format!("{g}/")).unwrap_or_default();
    let all = asg.read(|tx| Ok(tx.list::<PolicyRec>(kind::POLICY, &prefix)?))?;
    let items = all
        .into_iter()
        .map(|(_, p)| p)
        .filter(|p| names.is_empty() || names.contains(&p.name) || names.contains(&p.arn))
        .filter(|p| types.is_empty() || types.contains(&p.policy_type))
        .map(|p| p.render())
        .collect();
    page(items, input, "ScalingPolicies", 50)
}

pub(crate) async fn delete(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = str_of(input, "AutoScalingGroupName");
    let name = required(input, "PolicyName")?;
    let removed = asg.write(|tx| {
        let p = find(tx, group, name)?.ok_or_else(|| AsgError::validation(format!("Policy {name} not found")))?;
        tx.delete(kind::POLICY, &format!("{}/{}", p.group, p.name))?;
        Ok(p)
    })?;
    asg.forecasts.lock().unwrap_or_else(|e| e.into_inner()).remove(&removed.arn);
    super::groups::drop_alarms(asg, target_tracking_alarms(&removed)).await;
    Ok(json!({}))
}

pub(crate) fn execute(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = str_of(input, "AutoScalingGroupName");
    let name = required(input, "PolicyName")?;
    let honor = bool_of(input, "HonorCooldown").unwrap_or(false);
    let value = input.get("MetricValue").and_then(Value::as_f64);
    let threshold = input.get("BreachThreshold").and_then(Value::as_f64);
    let now = asg.now();
    asg.write(|tx| {
        let p = find(tx, group, name)?.ok_or_else(|| AsgError::validation(format!("Policy {name} not found")))?;
        match p.policy_type.as_str() {
            "TargetTrackingScaling" => {
                return Err(AsgError::validation(
                    "ExecutePolicy is not supported for target tracking scaling policies.",
                ))
            }
            "PredictiveScaling" => {
                return Err(AsgError::validation("ExecutePolicy is not supported for predictive scaling policies."))
            }
            "StepScaling" if value.is_none() || threshold.is_none() => {
                return Err(AsgError::validation(
                    "MetricValue and BreachThreshold are required to execute a StepScaling policy.",
                ))
            }
            _ => {}
        }
        let mut g = load_group(tx, &p.group)?;
        let cooldown = p.cooldown.unwrap_or(g.default_cooldown) as f64;
        if honor && p.policy_type == "SimpleScaling" && now < g.last_scaling + cooldown {
            return Err(AsgError::Client(
                "ScalingActivityInProgress",
                format!("The group {} is in its cooldown period; the policy was not executed.", g.name),
            ));
        }
        let why = format!("{} a user request executed policy {}", at(now), p.name);
        execute_policy(&mut g, &p, value, threshold, &why, now, false);
        tx.put(kind::GROUP, &g.name, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}
