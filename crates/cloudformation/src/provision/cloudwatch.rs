//! AWS::CloudWatch::Alarm, through CloudWatch's typed client.

use api::cloudwatch::{DeleteAlarmsInput, Dimension, PutMetricAlarmInput, Tag};

use super::{gone, refusal, Created, Cx, Props};
use crate::Peer;

pub async fn put_alarm(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let dimensions = p
        .objects("Dimensions")
        .into_iter()
        .map(|d| Ok(Dimension { name: d.req("Name")?, value: d.req("Value")? }))
        .collect::<Result<Vec<_>, String>>()?;
    let metrics = match p.get("Metrics") {
        Some(m) => Some(serde_json::from_value(m.clone()).map_err(|e| format!("Property Metrics is not valid: {e}"))?),
        None => None,
    };
    let input = PutMetricAlarmInput {
        alarm_name: p.str("AlarmName").unwrap_or_else(|| cx.generated_name(255)),
        alarm_description: p.str("AlarmDescription"),
        actions_enabled: p.bool("ActionsEnabled")?,
        ok_actions: p.list("OKActions"),
        alarm_actions: p.list("AlarmActions"),
        insufficient_data_actions: p.list("InsufficientDataActions"),
        metric_name: p.str("MetricName"),
        namespace: p.str("Namespace"),
        statistic: p.str("Statistic").map(|s| s.as_str().into()),
        extended_statistic: p.str("ExtendedStatistic"),
        dimensions: Some(dimensions).filter(|d| !d.is_empty()),
        period: p.int32("Period")?,
        unit: p.str("Unit").map(|s| s.as_str().into()),
        evaluation_periods: Some(p.int32("EvaluationPeriods")?.ok_or("Property EvaluationPeriods cannot be empty.")?),
        datapoints_to_alarm: p.int32("DatapointsToAlarm")?,
        threshold: p.float("Threshold")?,
        comparison_operator: Some(p.req("ComparisonOperator")?.as_str().into()),
        treat_missing_data: p.str("TreatMissingData"),
        metrics,
        tags: Some(cx.tags(p).into_iter().map(|t| Tag { key: t.key, value: t.value }).collect::<Vec<_>>())
            .filter(|t| !t.is_empty()),
        ..Default::default()
    };
    let name = input.alarm_name.clone();
    cx.cloudwatch()?.put_metric_alarm(input).await.map_err(|e| refusal(Peer::CloudWatch, e))?;
    let arn = format!("arn:aws:cloudwatch:{}:{}:alarm:{}", cx.region, cx.account, name);
    Ok(Created::id(name).attr("Arn", arn))
}

pub async fn delete_alarm(cx: &Cx, name: &str) -> Result<(), String> {
    let out = cx.cloudwatch()?.delete_alarms(DeleteAlarmsInput { alarm_names: vec![name.to_string()] }).await;
    gone(out.map_err(|e| refusal(Peer::CloudWatch, e)))
}
