//! AWS::CloudWatch::Alarm.

use serde::Serialize;
use serde_json::Value;

use super::{gone, Created, Cx, Props};
use crate::Peer;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Dimension {
    name: String,
    value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PutMetricAlarm {
    alarm_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    alarm_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actions_enabled: Option<bool>,
    #[serde(rename = "OKActions", skip_serializing_if = "Vec::is_empty")]
    ok_actions: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    alarm_actions: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    insufficient_data_actions: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metric_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    namespace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    statistic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extended_statistic: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    dimensions: Vec<Dimension>,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    evaluation_periods: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    datapoints_to_alarm: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    threshold: Option<f64>,
    comparison_operator: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    treat_missing_data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metrics: Option<Value>,
}

pub async fn put_alarm(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = PutMetricAlarm {
        alarm_name: p.str("AlarmName").unwrap_or_else(|| cx.generated_name(255)),
        alarm_description: p.str("AlarmDescription"),
        actions_enabled: p.bool("ActionsEnabled")?,
        ok_actions: p.strings("OKActions"),
        alarm_actions: p.strings("AlarmActions"),
        insufficient_data_actions: p.strings("InsufficientDataActions"),
        metric_name: p.str("MetricName"),
        namespace: p.str("Namespace"),
        statistic: p.str("Statistic"),
        extended_statistic: p.str("ExtendedStatistic"),
        dimensions: p
            .objects("Dimensions")
            .into_iter()
            .map(|d| Ok(Dimension { name: d.req("Name")?, value: d.req("Value")? }))
            .collect::<Result<_, String>>()?,
        period: p.int("Period")?,
        unit: p.str("Unit"),
        evaluation_periods: p.int("EvaluationPeriods")?.ok_or("Property EvaluationPeriods cannot be empty.")?,
        datapoints_to_alarm: p.int("DatapointsToAlarm")?,
        threshold: p.float("Threshold")?,
        comparison_operator: p.req("ComparisonOperator")?,
        treat_missing_data: p.str("TreatMissingData"),
        metrics: p.get("Metrics").cloned(),
    };
    cx.call(Peer::CloudWatch, "PutMetricAlarm", &input).await?;
    let arn = format!("arn:aws:cloudwatch:{}:{}:alarm:{}", cx.region, cx.account, input.alarm_name);
    Ok(Created::id(input.alarm_name).attr("Arn", arn))
}

pub async fn delete_alarm(cx: &Cx, name: &str) -> Result<(), String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct DeleteAlarms<'a> {
        alarm_names: [&'a str; 1],
    }
    gone(cx.call(Peer::CloudWatch, "DeleteAlarms", &DeleteAlarms { alarm_names: [name] }).await)
}
