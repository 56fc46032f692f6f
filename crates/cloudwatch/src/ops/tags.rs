//! TagResource, UntagResource, ListTagsForResource on alarms (by ARN), and PutMetricAlarm's
//! `Tags`. Tags follow AWS's limits: 50 per resource, keys up to 128 characters, values up to
//! 256, no `aws:` keys.

use serde_json::{json, Value};

use super::{required, str_field, strings};
use crate::error::{CwError, Result};
use crate::records::{kind, AlarmRec};
use crate::CloudWatch;

const MAX_TAGS: usize = 50;

/// The tags of a request (`Tags`: `[{Key, Value}]`), checked.
pub fn from_input(input: &Value) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    for t in input.get("Tags").and_then(Value::as_array).into_iter().flatten() {
        let key = str_field(t, "Key").unwrap_or_default();
        let value = str_field(t, "Value").unwrap_or_default();
        if key.is_empty() || key.chars().count() > 128 || value.chars().count() > 256 {
            return Err(CwError::InvalidParameterValue(format!(
                "The tag key '{key}' or its value is invalid: keys are 1-128 characters, values up to 256."
            )));
        }
        if key.starts_with("aws:") {
            return Err(CwError::InvalidParameterValue(format!("The tag key '{key}' uses the reserved prefix aws:.")));
        }
        out.retain(|(k, _)| k != key);
        out.push((key.into(), value.into()));
    }
    Ok(out)
}

/// The alarm an ARN names.
fn alarm_name<'a>(cw: &CloudWatch, arn: &'a str) -> Result<&'a str> {
    let prefix = cw.alarm_arn("");
    arn.strip_prefix(prefix.as_str())
        .filter(|n| !n.is_empty())
        .ok_or_else(|| CwError::InvalidParameterValue(format!("Invalid ARN: {arn} is not an alarm of this region.")))
}

fn with_alarm<T>(cw: &CloudWatch, input: &Value, f: impl FnOnce(&mut AlarmRec) -> Result<T>) -> Result<T> {
    let arn = required(input, "ResourceARN")?;
    let name = alarm_name(cw, arn)?;
    cw.store.write(|tx| {
        let mut alarm: AlarmRec = tx
            .get(kind::ALARM, name)?
            .ok_or_else(|| CwError::NoSuchResource(format!("The specified resource {arn} does not exist.")))?;
        let out = f(&mut alarm)?;
        tx.put(kind::ALARM, name, &alarm)?;
        Ok(out)
    })
}

pub fn tag_resource(cw: &CloudWatch, input: &Value) -> Result<Value> {
    let add = from_input(input)?;
    if add.is_empty() {
        return Err(CwError::MissingParameter("The parameter Tags is required.".into()));
    }
    with_alarm(cw, input, |alarm| {
        for (k, v) in add {
            alarm.tags.retain(|(x, _)| *x != k);
            alarm.tags.push((k, v));
        }
        if alarm.tags.len() > MAX_TAGS {
            return Err(CwError::LimitExceeded(format!("A resource can have at most {MAX_TAGS} tags.")));
        }
        Ok(json!({}))
    })
}

pub fn untag_resource(cw: &CloudWatch, input: &Value) -> Result<Value> {
    let keys = strings(input, "TagKeys");
    with_alarm(cw, input, |alarm| {
        alarm.tags.retain(|(k, _)| !keys.contains(k));
        Ok(json!({}))
    })
}

pub fn list_tags_for_resource(cw: &CloudWatch, input: &Value) -> Result<Value> {
    let arn = required(input, "ResourceARN")?;
    let name = alarm_name(cw, arn)?;
    let alarm: AlarmRec = cw
        .store
        .read(|tx| tx.get(kind::ALARM, name))?
        .ok_or_else(|| CwError::NoSuchResource(format!("The specified resource {arn} does not exist.")))?;
    let tags: Vec<Value> = alarm.tags.iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect();
    Ok(json!({"Tags": tags}))
}
