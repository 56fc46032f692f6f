//! PutMetricAlarm, DescribeAlarms, DescribeAlarmsForMetric, DeleteAlarms, SetAlarmState,
//! DescribeAlarmHistory, Enable/DisableAlarmActions.

use metrics::{alarm::valid_period, composite, Comparison, MissingData, State, Statistic};
use serde_json::{json, Value};

use super::{dimensions, required, str_field, strings};
use crate::error::{CwError, Result};
use crate::records::{add_history, kind, AlarmRec, HistoryRec};
use crate::{evaluator, CloudWatch};

const MAX_ACTIONS: usize = 5;

pub fn put_metric_alarm(cw: &CloudWatch, input: &Value) -> Result<Value> {
    let name = required(input, "AlarmName")?.to_string();
    let metrics = input.get("Metrics").filter(|m| !m.is_null()).cloned();
    let (namespace, metric_name, period) = match &metrics {
        Some(m) => math_alarm_period(input, m)?,
        None => {
            let namespace = required(input, "Namespace")?.to_string();
            let metric_name = required(input, "MetricName")?.to_string();
            let period = input
                .get("Period")
                .and_then(Value::as_i64)
                .ok_or_else(|| CwError::MissingParameter("The parameter Period is required.".into()))?;
            (namespace, metric_name, period)
        }
    };
    if !valid_period(period) {
        return Err(CwError::Validation("Period must be 10, 20, 30 or a multiple of 60".into()));
    }
    let evaluation_periods = input.get("EvaluationPeriods").and_then(Value::as_i64).unwrap_or(1);
    let datapoints_to_alarm = input.get("DatapointsToAlarm").and_then(Value::as_i64);
    if let Some(m) = datapoints_to_alarm {
        if m > evaluation_periods {
            return Err(CwError::Validation(
                "DatapointsToAlarm must be less than or equal to EvaluationPeriods".into(),
            ));
        }
    }
    if period * evaluation_periods > 7 * 86400 {
        return Err(CwError::Validation(
            "The evaluation period (Period * EvaluationPeriods) must not exceed 7 days.".into(),
        ));
    }
    let statistic = str_field(input, "Statistic").map(String::from);
    let extended = str_field(input, "ExtendedStatistic").map(String::from);
    match (&statistic, &extended) {
        _ if metrics.is_some() => {}
        (Some(_), Some(_)) => {
            return Err(CwError::InvalidParameterCombination(
                "Exactly one of Statistic and ExtendedStatistic must be specified.".into(),
            ))
        }
        (None, None) => {
            return Err(CwError::MissingParameter(
                "Exactly one of Statistic and ExtendedStatistic must be specified.".into(),
            ))
        }
        (None, Some(e)) if !matches!(Statistic::parse(e), Some(Statistic::Percentile(_))) => {
            return Err(CwError::InvalidParameterValue(format!(
                "The value {e} for parameter ExtendedStatistic is not supported."
            )))
        }
        _ => {}
    }
    let comparison = required(input, "ComparisonOperator")?.to_string();
    if Comparison::parse(&comparison).is_none() {
        return Err(CwError::Validation(format!(
            "Comparison operator {comparison} is only valid for anomaly detection alarms with ThresholdMetricId, which are not supported yet."
        )));
    }
    let threshold = input
        .get("Threshold")
        .and_then(Value::as_f64)
        .ok_or_else(|| CwError::Validation("Threshold must be specified for a static threshold alarm.".into()))?;
    let treat_missing_data = str_field(input, "TreatMissingData").map(String::from);
    if let Some(t) = &treat_missing_data {
        if MissingData::parse(t).is_none() {
            return Err(CwError::Validation(format!(
                "Invalid value {t} for TreatMissingData: must be one of breaching, notBreaching, ignore, missing."
            )));
        }
    }
    let base = new_alarm(cw, input, &name)?;
    let rec = AlarmRec {
        namespace,
        metric_name,
        dimensions: dimensions(input),
        statistic,
        extended_statistic: extended,
        period,
        evaluation_periods,
        datapoints_to_alarm,
        threshold,
        comparison,
        treat_missing_data,
        evaluate_low_sample_count_percentile: str_field(input, "EvaluateLowSampleCountPercentile").map(String::from),
        unit: str_field(input, "Unit").map(String::from),
        metrics,
        ..base
    };
    save_alarm(cw, rec)?;
    Ok(json!({}))
}

/// A metric math alarm (PutMetricAlarm with `Metrics`): no single metric, exactly one query
/// returning data, the period of its queries.
fn math_alarm_period(input: &Value, metrics: &Value) -> Result<(String, String, i64)> {
    for k in ["Namespace", "MetricName", "Statistic", "ExtendedStatistic", "Dimensions", "Period", "Unit"] {
        if input.get(k).is_some() {
            return Err(CwError::InvalidParameterCombination(format!(
                "The parameters Metrics and {k} are mutually exclusive and you have specified both."
            )));
        }
    }
    let list = metrics.as_array().map(Vec::as_slice).unwrap_or_default();
    let queries = super::data::parse_queries(list)?;
    if queries.iter().filter(|q| q.return_data).count() != 1 {
        return Err(CwError::Validation("Exactly one element of the metrics list should return data.".into()));
    }
    let period =
        queries.iter().find(|q| q.return_data).and_then(|q| q.period).or_else(|| queries.iter().find_map(|q| q.period));
    let period =
        period.ok_or_else(|| CwError::Validation("The metrics of a metric math alarm must have a Period.".into()))?;
    Ok((String::new(), String::new(), period))
}

/// A new alarm with what PutMetricAlarm and PutCompositeAlarm share: description and actions.
fn new_alarm(cw: &CloudWatch, input: &Value, name: &str) -> Result<AlarmRec> {
    let (ok_actions, alarm_actions, insufficient_data_actions) = actions(cw, input)?;
    Ok(AlarmRec {
        description: str_field(input, "AlarmDescription").map(String::from),
        actions_enabled: input.get("ActionsEnabled").and_then(Value::as_bool).unwrap_or(true),
        ok_actions,
        alarm_actions,
        insufficient_data_actions,
        tags: super::tags::from_input(input)?,
        ..AlarmRec::created(name, cw.alarm_arn(name), cw.now())
    })
}

/// The three action lists of a Put*Alarm call, each checked.
fn actions(cw: &CloudWatch, input: &Value) -> Result<(Vec<String>, Vec<String>, Vec<String>)> {
    let (ok_actions, alarm_actions, insufficient) =
        (strings(input, "OKActions"), strings(input, "AlarmActions"), strings(input, "InsufficientDataActions"));
    for (what, list) in
        [("OKActions", &ok_actions), ("AlarmActions", &alarm_actions), ("InsufficientDataActions", &insufficient)]
    {
        if list.len() > MAX_ACTIONS {
            return Err(CwError::Validation(format!(
                "The collection {what} must not have a size greater than {MAX_ACTIONS}."
            )));
        }
        for a in list.iter() {
            check_action(cw, a)?;
        }
    }
    Ok((ok_actions, alarm_actions, insufficient))
}

/// Create or update an alarm with its ConfigurationUpdate history item. An update keeps the
/// alarm's state; the evaluator re-evaluates it at once.
fn save_alarm(cw: &CloudWatch, rec: AlarmRec) -> Result<()> {
    let name = rec.name.clone();
    let now = rec.config_updated;
    cw.store.write(|tx| {
        let old: Option<AlarmRec> = tx.get(kind::ALARM, &name)?;
        if let Some(o) = &old {
            if o.is_composite() != rec.is_composite() {
                return Err(CwError::Validation(format!(
                    "An alarm named {name} already exists as a {}.",
                    o.alarm_type()
                )));
            }
        }
        let rec = match &old {
            Some(o) => AlarmRec {
                state: o.state.clone(),
                reason: o.reason.clone(),
                reason_data: o.reason_data.clone(),
                state_updated: o.state_updated,
                state_transitioned: o.state_transitioned,
                // Tags given when updating an alarm are ignored, as in CloudWatch.
                tags: o.tags.clone(),
                ..rec
            },
            None => rec,
        };
        tx.put(kind::ALARM, &name, &rec)?;
        let verb = if old.is_some() { "updated" } else { "created" };
        let data = json!({
            "version": "1.0",
            "type": if old.is_some() { "Update" } else { "Create" },
            "createdAlarm": if old.is_none() { rec.render() } else { Value::Null },
            "updatedAlarm": if old.is_some() { rec.render() } else { Value::Null },
        });
        add_history(
            tx,
            &HistoryRec {
                alarm_name: name.clone(),
                composite: rec.is_composite(),
                timestamp: now,
                item_type: "ConfigurationUpdate".into(),
                summary: format!("Alarm \"{name}\" {verb}"),
                data: data.to_string(),
            },
        )?;
        Ok::<_, CwError>(())
    })
}

/// PutCompositeAlarm: the rule must parse and every alarm it names must exist.
pub fn put_composite_alarm(cw: &CloudWatch, input: &Value) -> Result<Value> {
    let name = required(input, "AlarmName")?.to_string();
    let rule = required(input, "AlarmRule")?.to_string();
    let expr = composite::parse(&rule).map_err(|e| CwError::Validation(format!("Error in AlarmRule [{e}]")))?;
    let base = new_alarm(cw, input, &name)?;
    let existing: Vec<String> = load_all(cw)?.into_iter().map(|a| a.name).collect();
    let missing: Vec<&str> = expr
        .alarms()
        .into_iter()
        .filter(|r| {
            composite::alarm_name(r, &cw.config.region, &cw.config.account)
                .is_none_or(|n| !existing.iter().any(|e| e == n))
        })
        .collect();
    if !missing.is_empty() {
        return Err(CwError::Validation(format!(
            "Could not save the composite alarm as alarms [{}] in the alarm rule do not exist",
            missing.join(", ")
        )));
    }
    let rec = AlarmRec { alarm_rule: Some(rule), ..base };
    save_alarm(cw, rec)?;
    Ok(json!({}))
}

/// SNS topics of this region, Auto Scaling policies, and the EC2 automate actions.
fn check_action(cw: &CloudWatch, arn: &str) -> Result<()> {
    let region = &cw.config.region;
    let ok = arn.starts_with(&format!("arn:aws:sns:{region}:"))
        || arn.starts_with(&format!("arn:aws:autoscaling:{region}:"))
        || ["stop", "terminate", "reboot", "recover"]
            .iter()
            .any(|a| arn == format!("arn:aws:automate:{region}:ec2:{a}"));
    if ok {
        Ok(())
    } else {
        Err(CwError::Validation(format!("Invalid action ARN: {arn}")))
    }
}

fn load_all(cw: &CloudWatch) -> Result<Vec<AlarmRec>> {
    Ok(cw.store.read(|tx| tx.list::<AlarmRec>(kind::ALARM, ""))?.into_iter().map(|(_, a)| a).collect())
}

pub fn describe_alarms(cw: &CloudWatch, input: &Value) -> Result<Value> {
    let names = strings(input, "AlarmNames");
    let prefix = str_field(input, "AlarmNamePrefix");
    if prefix.is_some() && !names.is_empty() {
        return Err(CwError::InvalidParameterCombination(
            "AlarmNamePrefix and AlarmNames cannot be specified together.".into(),
        ));
    }
    let state = str_field(input, "StateValue");
    let action = str_field(input, "ActionPrefix");
    // Without AlarmTypes only metric alarms are returned, as in AWS.
    let types = strings(input, "AlarmTypes");
    let wanted = |a: &AlarmRec| {
        if types.is_empty() {
            !a.is_composite()
        } else {
            types.iter().any(|t| t == a.alarm_type())
        }
    };
    let (composites, metric_alarms): (Vec<AlarmRec>, Vec<AlarmRec>) = load_all(cw)?
        .into_iter()
        .filter(wanted)
        .filter(|a| names.is_empty() || names.contains(&a.name))
        .filter(|a| prefix.is_none_or(|p| a.name.starts_with(p)))
        .filter(|a| state.is_none_or(|s| a.state == s))
        .filter(|a| {
            action.is_none_or(|p| {
                a.ok_actions
                    .iter()
                    .chain(&a.alarm_actions)
                    .chain(&a.insufficient_data_actions)
                    .any(|x| x.starts_with(p))
            })
        })
        .partition(AlarmRec::is_composite);
    let render = |l: Vec<AlarmRec>| l.iter().map(AlarmRec::render).collect::<Vec<_>>();
    Ok(json!({"MetricAlarms": render(metric_alarms), "CompositeAlarms": render(composites)}))
}

pub fn describe_alarms_for_metric(cw: &CloudWatch, input: &Value) -> Result<Value> {
    let namespace = required(input, "Namespace")?;
    let name = required(input, "MetricName")?;
    let mut dims = dimensions(input);
    dims.sort();
    let statistic = str_field(input, "Statistic");
    let extended = str_field(input, "ExtendedStatistic");
    let period = input.get("Period").and_then(Value::as_i64);
    let alarms: Vec<Value> = load_all(cw)?
        .into_iter()
        .filter(|a| !a.is_composite() && a.namespace == namespace && a.metric_name == name)
        .filter(|a| input.get("Dimensions").is_none() || a.metric().dimensions == dims)
        .filter(|a| statistic.is_none_or(|s| a.statistic.as_deref() == Some(s)))
        .filter(|a| extended.is_none_or(|s| a.extended_statistic.as_deref() == Some(s)))
        .filter(|a| period.is_none_or(|p| a.period == p))
        .map(|a| a.render())
        .collect();
    Ok(json!({"MetricAlarms": alarms}))
}

pub fn delete_alarms(cw: &CloudWatch, input: &Value) -> Result<Value> {
    let names = strings(input, "AlarmNames");
    if names.len() > 100 {
        return Err(CwError::Validation("The collection AlarmNames must not have a size greater than 100.".into()));
    }
    cw.store.write(|tx| {
        let missing: Vec<&String> = names.iter().filter(|n| !tx.exists(kind::ALARM, n).unwrap_or(false)).collect();
        if let Some(n) = missing.first() {
            return Err(CwError::ResourceNotFound(format!("{n} does not exist")));
        }
        for n in &names {
            tx.delete(kind::ALARM, n)?;
            tx.delete_prefix(kind::HISTORY, &format!("{n}\u{1}"))?;
        }
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn set_alarm_state(cw: &CloudWatch, input: &Value) -> Result<Value> {
    let name = required(input, "AlarmName")?;
    let state_value = required(input, "StateValue")?;
    let state = State::parse(state_value)
        .ok_or_else(|| CwError::Validation(format!("Invalid value {state_value} for StateValue.")))?;
    let reason = required(input, "StateReason")?.to_string();
    let reason_data = match str_field(input, "StateReasonData") {
        Some(d) => {
            if serde_json::from_str::<Value>(d).is_err() {
                return Err(CwError::InvalidFormat(format!("StateReasonData is not valid JSON: {d}")));
            }
            Some(d.to_string())
        }
        None => None,
    };
    let alarm: Option<AlarmRec> = cw.store.read(|tx| tx.get(kind::ALARM, name))?;
    let alarm = alarm.ok_or_else(|| CwError::ResourceNotFound(format!("Alarm {name} not found")))?;
    evaluator::transition(cw, &alarm, state, reason, reason_data)?;
    // Composite alarms see the change at once (the next evaluation may take it back).
    evaluator::settle_composites(cw);
    Ok(json!({}))
}

pub fn describe_alarm_history(cw: &CloudWatch, input: &Value) -> Result<Value> {
    let name = str_field(input, "AlarmName");
    let item_type = str_field(input, "HistoryItemType");
    let start = input.get("StartDate").and_then(Value::as_f64);
    let end = input.get("EndDate").and_then(Value::as_f64);
    let max = input.get("MaxRecords").and_then(Value::as_i64).unwrap_or(100).clamp(1, 100) as usize;
    let prefix = name.map(|n| format!("{n}\u{1}")).unwrap_or_default();
    let mut items: Vec<HistoryRec> =
        cw.store.read(|tx| tx.list::<HistoryRec>(kind::HISTORY, &prefix))?.into_iter().map(|(_, h)| h).collect();
    let types = strings(input, "AlarmTypes");
    items.retain(|h| {
        let alarm_type = if h.composite { "CompositeAlarm" } else { "MetricAlarm" };
        (if types.is_empty() { !h.composite } else { types.iter().any(|t| t == alarm_type) })
            && item_type.is_none_or(|t| h.item_type == t)
            && start.is_none_or(|s| h.timestamp >= s)
            && end.is_none_or(|e| h.timestamp <= e)
    });
    items.sort_by(|a, b| b.timestamp.total_cmp(&a.timestamp));
    if str_field(input, "ScanBy") == Some("TimestampAscending") {
        items.reverse();
    }
    let skip: usize = match str_field(input, "NextToken") {
        Some(t) => {
            t.parse().map_err(|_| CwError::InvalidNextToken("The service couldn't process the NextToken.".into()))?
        }
        None => 0,
    };
    let page: Vec<Value> = items.iter().skip(skip).take(max).map(HistoryRec::render).collect();
    let mut out = json!({"AlarmHistoryItems": page});
    if skip + max < items.len() {
        out["NextToken"] = json!((skip + max).to_string());
    }
    Ok(out)
}

pub fn set_actions_enabled(cw: &CloudWatch, input: &Value, enabled: bool) -> Result<Value> {
    let names = strings(input, "AlarmNames");
    cw.store.write(|tx| {
        for n in &names {
            if let Some(mut a) = tx.get::<AlarmRec>(kind::ALARM, n)? {
                a.actions_enabled = enabled;
                tx.put(kind::ALARM, n, &a)?;
            }
        }
        Ok::<_, CwError>(())
    })?;
    Ok(json!({}))
}
