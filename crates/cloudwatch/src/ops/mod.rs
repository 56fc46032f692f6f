//! CloudWatch's operations, one file per family, and the resources each is authorised on.

pub mod alarms;
pub mod data;
pub mod tags;

use serde_json::Value;
use wire::{ApiError, CallContext};

use crate::error::{CwError, Result};
use crate::CloudWatch;

pub fn dispatch(cw: &CloudWatch, _cx: &CallContext, op: &str, input: &Value) -> std::result::Result<Value, ApiError> {
    let out = match op {
        "PutMetricData" => data::put_metric_data(cw, input),
        "GetMetricStatistics" => data::get_metric_statistics(cw, input),
        "GetMetricData" => data::get_metric_data(cw, input),
        "ListMetrics" => data::list_metrics(cw, input),
        "PutMetricAlarm" => alarms::put_metric_alarm(cw, input),
        "PutCompositeAlarm" => alarms::put_composite_alarm(cw, input),
        "DescribeAlarms" => alarms::describe_alarms(cw, input),
        "DescribeAlarmsForMetric" => alarms::describe_alarms_for_metric(cw, input),
        "DeleteAlarms" => alarms::delete_alarms(cw, input),
        "SetAlarmState" => alarms::set_alarm_state(cw, input),
        "DescribeAlarmHistory" => alarms::describe_alarm_history(cw, input),
        "EnableAlarmActions" => alarms::set_actions_enabled(cw, input, true),
        "DisableAlarmActions" => alarms::set_actions_enabled(cw, input, false),
        "TagResource" => tags::tag_resource(cw, input),
        "UntagResource" => tags::untag_resource(cw, input),
        "ListTagsForResource" => tags::list_tags_for_resource(cw, input),
        _ => {
            return Err(ApiError::new(
                400,
                "InvalidAction",
                format!("The action {op} is not valid for this web service."),
            ))
        }
    };
    out.map_err(ApiError::from)
}

/// Alarm operations are authorised on the alarms' ARNs; metric operations on "*" (as in AWS).
pub fn resources(cw: &CloudWatch, op: &str, input: &Value) -> Vec<String> {
    let names: Vec<String> = match op {
        "PutMetricAlarm" | "PutCompositeAlarm" | "SetAlarmState" => {
            str_field(input, "AlarmName").into_iter().map(String::from).collect()
        }
        "DeleteAlarms" | "EnableAlarmActions" | "DisableAlarmActions" => strings(input, "AlarmNames"),
        // Tagging names the resource by ARN.
        "TagResource" | "UntagResource" | "ListTagsForResource" => {
            return vec![str_field(input, "ResourceARN").unwrap_or("*").to_string()];
        }
        _ => Vec::new(),
    };
    if names.is_empty() {
        vec!["*".to_string()]
    } else {
        names.iter().map(|n| cw.alarm_arn(n)).collect()
    }
}

pub fn str_field<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

pub fn required<'a>(v: &'a Value, k: &str) -> Result<&'a str> {
    str_field(v, k).ok_or_else(|| CwError::MissingParameter(format!("The parameter {k} is required.")))
}

pub fn strings(v: &Value, k: &str) -> Vec<String> {
    v.get(k)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
        .unwrap_or_default()
}

pub fn dimensions(v: &Value) -> Vec<(String, String)> {
    v.get("Dimensions")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|d| Some((str_field(d, "Name")?.to_string(), str_field(d, "Value")?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}
