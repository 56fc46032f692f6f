//! `cloudwatch`: typed inputs, outputs, the `Operation` enum and the `Client`, generated
//! by `tools/gen_types.py` from `crates/wire/models/cloudwatch.json` for the operations
//! listed in `tools/typed_operations.json`. Do not edit: re-run the generator.
#![allow(clippy::large_enum_variant, clippy::enum_variant_names, non_camel_case_types)]

#[allow(unused_imports)]
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
#[allow(unused_imports)]
use serde_json::Value;
#[allow(unused_imports)]
use wire::typed::Timestamp;
use wire::ApiError;

/// `AlarmPromQLCriteria`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AlarmPromQLCriteria {
    #[serde(rename = "PendingPeriod", default, skip_serializing_if = "Option::is_none")]
    pub pending_period: Option<i32>,
    #[serde(rename = "Query")]
    pub query: String,
    #[serde(rename = "RecoveryPeriod", default, skip_serializing_if = "Option::is_none")]
    pub recovery_period: Option<i32>,
}

wire::string_enum! {
    /// `ComparisonOperator`: one of the model's values, or one it does not name.
    ComparisonOperator {
        GreaterThanOrEqualToThreshold = "GreaterThanOrEqualToThreshold",
        GreaterThanThreshold = "GreaterThanThreshold",
        LessThanThreshold = "LessThanThreshold",
        LessThanOrEqualToThreshold = "LessThanOrEqualToThreshold",
        LessThanLowerOrGreaterThanUpperThreshold = "LessThanLowerOrGreaterThanUpperThreshold",
        LessThanLowerThreshold = "LessThanLowerThreshold",
        GreaterThanUpperThreshold = "GreaterThanUpperThreshold",
    }
}

/// `Datapoint`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Datapoint {
    #[serde(rename = "Average", default, skip_serializing_if = "Option::is_none")]
    pub average: Option<f64>,
    #[serde(rename = "ExtendedStatistics", default, skip_serializing_if = "Option::is_none")]
    pub extended_statistics: Option<BTreeMap<String, f64>>,
    #[serde(rename = "Maximum", default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
    #[serde(rename = "Minimum", default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    #[serde(rename = "SampleCount", default, skip_serializing_if = "Option::is_none")]
    pub sample_count: Option<f64>,
    #[serde(rename = "Sum", default, skip_serializing_if = "Option::is_none")]
    pub sum: Option<f64>,
    #[serde(rename = "Timestamp", default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Timestamp>,
    #[serde(rename = "Unit", default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<StandardUnit>,
}

/// `DeleteAlarmsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteAlarmsInput {
    #[serde(rename = "AlarmNames")]
    pub alarm_names: Vec<String>,
}

/// `Dimension`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Value")]
    pub value: String,
}

/// `EvaluationCriteria`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvaluationCriteria {
    #[serde(rename = "PromQLCriteria", default, skip_serializing_if = "Option::is_none")]
    pub prom_ql_criteria: Option<AlarmPromQLCriteria>,
}

/// `GetMetricDataInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetMetricDataInput {
    #[serde(rename = "EndTime")]
    pub end_time: Timestamp,
    #[serde(rename = "LabelOptions", default, skip_serializing_if = "Option::is_none")]
    pub label_options: Option<LabelOptions>,
    #[serde(rename = "MaxDatapoints", default, skip_serializing_if = "Option::is_none")]
    pub max_datapoints: Option<i32>,
    #[serde(rename = "MetricDataQueries")]
    pub metric_data_queries: Vec<MetricDataQuery>,
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    #[serde(rename = "ScanBy", default, skip_serializing_if = "Option::is_none")]
    pub scan_by: Option<ScanBy>,
    #[serde(rename = "StartTime")]
    pub start_time: Timestamp,
}

/// `GetMetricDataOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetMetricDataOutput {
    #[serde(rename = "Messages", default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<MessageData>>,
    #[serde(rename = "MetricDataResults", default, skip_serializing_if = "Option::is_none")]
    pub metric_data_results: Option<Vec<MetricDataResult>>,
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `GetMetricStatisticsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetMetricStatisticsInput {
    #[serde(rename = "Dimensions", default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<Vec<Dimension>>,
    #[serde(rename = "EndTime")]
    pub end_time: Timestamp,
    #[serde(rename = "ExtendedStatistics", default, skip_serializing_if = "Option::is_none")]
    pub extended_statistics: Option<Vec<String>>,
    #[serde(rename = "MetricName")]
    pub metric_name: String,
    #[serde(rename = "Namespace")]
    pub namespace: String,
    #[serde(rename = "Period")]
    pub period: i32,
    #[serde(rename = "StartTime")]
    pub start_time: Timestamp,
    #[serde(rename = "Statistics", default, skip_serializing_if = "Option::is_none")]
    pub statistics: Option<Vec<Statistic>>,
    #[serde(rename = "Unit", default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<StandardUnit>,
}

/// `GetMetricStatisticsOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetMetricStatisticsOutput {
    #[serde(rename = "Datapoints", default, skip_serializing_if = "Option::is_none")]
    pub datapoints: Option<Vec<Datapoint>>,
    #[serde(rename = "Label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// `LabelOptions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LabelOptions {
    #[serde(rename = "Timezone", default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// `MessageData`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MessageData {
    #[serde(rename = "Code", default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(rename = "Value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// `Metric`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    #[serde(rename = "Dimensions", default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<Vec<Dimension>>,
    #[serde(rename = "MetricName", default, skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<String>,
    #[serde(rename = "Namespace", default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

/// `MetricDataQuery`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricDataQuery {
    #[serde(rename = "AccountId", default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(rename = "Expression", default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "Label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(rename = "MetricStat", default, skip_serializing_if = "Option::is_none")]
    pub metric_stat: Option<MetricStat>,
    #[serde(rename = "Period", default, skip_serializing_if = "Option::is_none")]
    pub period: Option<i32>,
    #[serde(rename = "ReturnData", default, skip_serializing_if = "Option::is_none")]
    pub return_data: Option<bool>,
}

/// `MetricDataResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricDataResult {
    #[serde(rename = "Id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "Label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(rename = "Messages", default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<MessageData>>,
    #[serde(rename = "StatusCode", default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<StatusCode>,
    #[serde(rename = "Timestamps", default, skip_serializing_if = "Option::is_none")]
    pub timestamps: Option<Vec<Timestamp>>,
    #[serde(rename = "Values", default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<f64>>,
}

/// `MetricStat`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricStat {
    #[serde(rename = "Metric")]
    pub metric: Metric,
    #[serde(rename = "Period")]
    pub period: i32,
    #[serde(rename = "Stat")]
    pub stat: String,
    #[serde(rename = "Unit", default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<StandardUnit>,
}

/// `PutMetricAlarmInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PutMetricAlarmInput {
    #[serde(rename = "ActionsEnabled", default, skip_serializing_if = "Option::is_none")]
    pub actions_enabled: Option<bool>,
    #[serde(rename = "AlarmActions", default, skip_serializing_if = "Option::is_none")]
    pub alarm_actions: Option<Vec<String>>,
    #[serde(rename = "AlarmDescription", default, skip_serializing_if = "Option::is_none")]
    pub alarm_description: Option<String>,
    #[serde(rename = "AlarmName")]
    pub alarm_name: String,
    #[serde(rename = "ComparisonOperator", default, skip_serializing_if = "Option::is_none")]
    pub comparison_operator: Option<ComparisonOperator>,
    #[serde(rename = "DatapointsToAlarm", default, skip_serializing_if = "Option::is_none")]
    pub datapoints_to_alarm: Option<i32>,
    #[serde(rename = "Dimensions", default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<Vec<Dimension>>,
    #[serde(rename = "EvaluateLowSampleCountPercentile", default, skip_serializing_if = "Option::is_none")]
    pub evaluate_low_sample_count_percentile: Option<String>,
    #[serde(rename = "EvaluationCriteria", default, skip_serializing_if = "Option::is_none")]
    pub evaluation_criteria: Option<EvaluationCriteria>,
    #[serde(rename = "EvaluationInterval", default, skip_serializing_if = "Option::is_none")]
    pub evaluation_interval: Option<i32>,
    #[serde(rename = "EvaluationPeriods", default, skip_serializing_if = "Option::is_none")]
    pub evaluation_periods: Option<i32>,
    #[serde(rename = "ExtendedStatistic", default, skip_serializing_if = "Option::is_none")]
    pub extended_statistic: Option<String>,
    #[serde(rename = "InsufficientDataActions", default, skip_serializing_if = "Option::is_none")]
    pub insufficient_data_actions: Option<Vec<String>>,
    #[serde(rename = "MetricName", default, skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<String>,
    #[serde(rename = "Metrics", default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Vec<MetricDataQuery>>,
    #[serde(rename = "Namespace", default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(rename = "OKActions", default, skip_serializing_if = "Option::is_none")]
    pub ok_actions: Option<Vec<String>>,
    #[serde(rename = "Period", default, skip_serializing_if = "Option::is_none")]
    pub period: Option<i32>,
    #[serde(rename = "Statistic", default, skip_serializing_if = "Option::is_none")]
    pub statistic: Option<Statistic>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(rename = "Threshold", default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    #[serde(rename = "ThresholdMetricId", default, skip_serializing_if = "Option::is_none")]
    pub threshold_metric_id: Option<String>,
    #[serde(rename = "TreatMissingData", default, skip_serializing_if = "Option::is_none")]
    pub treat_missing_data: Option<String>,
    #[serde(rename = "Unit", default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<StandardUnit>,
}

wire::string_enum! {
    /// `ScanBy`: one of the model's values, or one it does not name.
    ScanBy {
        TimestampDescending = "TimestampDescending",
        TimestampAscending = "TimestampAscending",
    }
}

wire::string_enum! {
    /// `StandardUnit`: one of the model's values, or one it does not name.
    StandardUnit {
        Seconds = "Seconds",
        Microseconds = "Microseconds",
        Milliseconds = "Milliseconds",
        Bytes = "Bytes",
        Kilobytes = "Kilobytes",
        Megabytes = "Megabytes",
        Gigabytes = "Gigabytes",
        Terabytes = "Terabytes",
        Bits = "Bits",
        Kilobits = "Kilobits",
        Megabits = "Megabits",
        Gigabits = "Gigabits",
        Terabits = "Terabits",
        Percent = "Percent",
        Count = "Count",
        BytesSecond = "Bytes/Second",
        KilobytesSecond = "Kilobytes/Second",
        MegabytesSecond = "Megabytes/Second",
        GigabytesSecond = "Gigabytes/Second",
        TerabytesSecond = "Terabytes/Second",
        BitsSecond = "Bits/Second",
        KilobitsSecond = "Kilobits/Second",
        MegabitsSecond = "Megabits/Second",
        GigabitsSecond = "Gigabits/Second",
        TerabitsSecond = "Terabits/Second",
        CountSecond = "Count/Second",
        None = "None",
    }
}

wire::string_enum! {
    /// `Statistic`: one of the model's values, or one it does not name.
    Statistic {
        SampleCount = "SampleCount",
        Average = "Average",
        Sum = "Sum",
        Minimum = "Minimum",
        Maximum = "Maximum",
    }
}

wire::string_enum! {
    /// `StatusCode`: one of the model's values, or one it does not name.
    StatusCode {
        Complete = "Complete",
        InternalError = "InternalError",
        PartialData = "PartialData",
        Forbidden = "Forbidden",
    }
}

/// `Tag`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    #[serde(rename = "Key")]
    pub key: String,
    #[serde(rename = "Value")]
    pub value: String,
}

/// One call of an operation this service implements, with its typed input.
#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    PutMetricAlarm(PutMetricAlarmInput),
    DeleteAlarms(DeleteAlarmsInput),
    GetMetricData(GetMetricDataInput),
    GetMetricStatistics(GetMetricStatisticsInput),
}
impl Operation {
    /// The operations' names, as the model spells them.
    pub const NAMES: &'static [&'static str] =
        &["PutMetricAlarm", "DeleteAlarms", "GetMetricData", "GetMetricStatistics"];

    /// The typed call from the wire layer's decoded, validated input; `None` for an operation
    /// of the model this service does not implement.
    pub fn parse(name: &str, input: Value) -> Result<Option<Operation>, ApiError> {
        Ok(Some(match name {
            "PutMetricAlarm" => Operation::PutMetricAlarm(wire::typed::input(input)?),
            "DeleteAlarms" => Operation::DeleteAlarms(wire::typed::input(input)?),
            "GetMetricData" => Operation::GetMetricData(wire::typed::input(input)?),
            "GetMetricStatistics" => Operation::GetMetricStatistics(wire::typed::input(input)?),
            _ => return Ok(None),
        }))
    }

    pub fn name(&self) -> &'static str {
        match self {
            Operation::PutMetricAlarm(_) => "PutMetricAlarm",
            Operation::DeleteAlarms(_) => "DeleteAlarms",
            Operation::GetMetricData(_) => "GetMetricData",
            Operation::GetMetricStatistics(_) => "GetMetricStatistics",
        }
    }
}

wire::typed_client! {
    put_metric_alarm(PutMetricAlarmInput) -> wire::typed::Empty = "PutMetricAlarm";
    delete_alarms(DeleteAlarmsInput) -> wire::typed::Empty = "DeleteAlarms";
    get_metric_data(GetMetricDataInput) -> GetMetricDataOutput = "GetMetricData";
    get_metric_statistics(GetMetricStatisticsInput) -> GetMetricStatisticsOutput = "GetMetricStatistics";
}
