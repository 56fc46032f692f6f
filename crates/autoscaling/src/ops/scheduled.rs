//! Scheduled actions: change min, max and desired capacity at a time or on a cron recurrence
//! (the controller runs them when due; one-time actions are deleted once they have run).

use serde_json::{json, Value};

use super::{int_of, load_group, page, required, str_of, strings};
use crate::error::{AsgError, Result};
use crate::records::{kind, ScheduledRec};
use crate::schedule::{self, Recurrence};
use crate::AutoScaling;

const MAX_PER_GROUP: usize = 125;

fn time_of(v: &Value, k: &str) -> Option<f64> {
    v.get(k).and_then(Value::as_f64)
}

/// Build (and check) one action; `now` decides whether its start is in the past.
fn build(asg: &AutoScaling, group: &str, v: &Value, now: f64) -> Result<ScheduledRec> {
    let name = required(v, "ScheduledActionName")?;
    let start = time_of(v, "StartTime").or_else(|| time_of(v, "Time"));
    let end = time_of(v, "EndTime");
    let recurrence = str_of(v, "Recurrence").map(String::from);
    let tz = str_of(v, "TimeZone").map(String::from);
    let (min, max, desired) = (int_of(v, "MinSize"), int_of(v, "MaxSize"), int_of(v, "DesiredCapacity"));
    if min.is_none() && max.is_none() && desired.is_none() {
        return Err(AsgError::validation("At least one of MinSize, MaxSize or DesiredCapacity must be specified."));
    }
    if let (Some(a), Some(b)) = (min, max) {
        if b < a {
            return Err(AsgError::validation(format!(
                "Max bound, {b}, must be greater than or equal to min bound, {a}"
            )));
        }
    }
    if let Some(d) = desired {
        if min.is_some_and(|m| d < m) || max.is_some_and(|m| d > m) {
            return Err(AsgError::validation(format!(
                "Desired capacity:{d} must be between the specified min size:{} and max size:{}",
                min.map_or("-".into(), |m| m.to_string()),
                max.map_or("-".into(), |m| m.to_string())
            )));
        }
    }
    if start.is_some_and(|s| s < now - 1.0) {
        return Err(AsgError::validation("Given start time is in the past"));
    }
    if let (Some(s), Some(e)) = (start, end) {
        if e <= s {
            return Err(AsgError::validation("End time must be after the start time"));
        }
    }
    if start.is_none() && recurrence.is_none() {
        return Err(AsgError::validation("Either StartTime or Recurrence must be specified."));
    }
    schedule::time_zone(tz.as_deref()).map_err(AsgError::validation)?;
    let rec = match &recurrence {
        Some(r) => Some(Recurrence::parse(r, tz.as_deref()).map_err(AsgError::validation)?),
        None => None,
    };
    let next_run = schedule::next_run(start, end, rec.as_ref(), None, now);
    Ok(ScheduledRec {
        group: group.into(),
        name: name.into(),
        arn: asg.arn(&format!(
            "scheduledUpdateGroupAction:{}:autoScalingGroupName/{group}:scheduledActionName/{name}",
            super::new_id()
        )),
        start,
        end,
        recurrence,
        time_zone: tz,
        min,
        max,
        desired,
        next_run,
    })
}

fn store_action(tx: &store::Tx, rec: &ScheduledRec) -> Result<()> {
    let key = format!("{}/{}", rec.group, rec.name);
    let mut rec = rec.clone();
    if let Some(old) = tx.get::<ScheduledRec>(kind::SCHEDULED, &key)? {
        rec.arn = old.arn;
    } else if tx.count(kind::SCHEDULED, &format!("{}/", rec.group))? >= MAX_PER_GROUP {
        return Err(AsgError::Client(
            "LimitExceeded",
            format!("You have reached the limit of {MAX_PER_GROUP} scheduled actions for the group {}.", rec.group),
        ));
    }
    tx.put(kind::SCHEDULED, &key, &rec)?;
    Ok(())
}

pub(crate) fn put(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let rec = build(asg, group, input, asg.now())?;
    asg.write(|tx| {
        load_group(tx, group)?;
        store_action(tx, &rec)
    })?;
    Ok(json!({}))
}

pub(crate) fn batch_put(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let now = asg.now();
    let mut failed = Vec::new();
    let list = input.get("ScheduledUpdateGroupActions").and_then(Value::as_array).cloned().unwrap_or_default();
    asg.write(|tx| {
        load_group(tx, group)?;
        for v in &list {
            let r = build(asg, group, v, now).and_then(|rec| store_action(tx, &rec));
            if let Err(e) = r {
                let (code, msg) = match e {
                    AsgError::Client(c, m) => (c.to_string(), m),
                    other => ("InternalFailure".to_string(), other.to_string()),
                };
                failed.push(json!({"ScheduledActionName": str_of(v, "ScheduledActionName"), "ErrorCode": code, "ErrorMessage": msg}));
            }
        }
        Ok(())
    })?;
    Ok(json!({"FailedScheduledUpdateGroupActions": failed}))
}

pub(crate) fn describe(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = str_of(input, "AutoScalingGroupName");
    let names = strings(input, "ScheduledActionNames");
    let (from, to) = (time_of(input, "StartTime"), time_of(input, "EndTime"));
    let prefix = group.map(|g| format!("{g}/")).unwrap_or_default();
    let all = asg.read(|tx| Ok(tx.list::<ScheduledRec>(kind::SCHEDULED, &prefix)?))?;
    let items = all
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| names.is_empty() || names.contains(&s.name))
        .filter(|s| from.is_none_or(|f| s.next_run.is_some_and(|n| n >= f)))
        .filter(|s| to.is_none_or(|t| s.next_run.is_some_and(|n| n <= t)))
        .map(|s| s.render())
        .collect();
    page(items, input, "ScheduledUpdateGroupActions", 50)
}

pub(crate) fn delete(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let name = required(input, "ScheduledActionName")?;
    asg.write(|tx| {
        load_group(tx, group)?;
        if !tx.delete(kind::SCHEDULED, &format!("{group}/{name}"))? {
            return Err(AsgError::validation(format!(
                "Scheduled action name not found - Could not find scheduled action {name}"
            )));
        }
        Ok(())
    })?;
    Ok(json!({}))
}

pub(crate) fn batch_delete(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let names = strings(input, "ScheduledActionNames");
    let failed = asg.write(|tx| {
        load_group(tx, group)?;
        let mut failed = Vec::new();
        for n in &names {
            if !tx.delete(kind::SCHEDULED, &format!("{group}/{n}"))? {
                failed.push(json!({"ScheduledActionName": n, "ErrorCode": "ValidationError",
                    "ErrorMessage": format!("Could not find scheduled action {n}")}));
            }
        }
        Ok(failed)
    })?;
    Ok(json!({"FailedScheduledActions": failed}))
}
