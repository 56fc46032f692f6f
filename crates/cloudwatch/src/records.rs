//! CloudWatch's records in the store and their botocore renderings.

use metrics::{Comparison, MetricId, MissingData, Rule, Statistic};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub mod kind {
    pub const ALARM: &str = "cloudwatch.alarm";
    /// Key: `<alarm name>\u{1}<timestamp, zero-padded>-<seq>`.
    pub const HISTORY: &str = "cloudwatch.history";
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AlarmRec {
    pub name: String,
    pub arn: String,
    pub description: Option<String>,
    pub actions_enabled: bool,
    pub ok_actions: Vec<String>,
    pub alarm_actions: Vec<String>,
    pub insufficient_data_actions: Vec<String>,
    pub namespace: String,
    pub metric_name: String,
    pub dimensions: Vec<(String, String)>,
    pub statistic: Option<String>,
    pub extended_statistic: Option<String>,
    pub period: i64,
    pub evaluation_periods: i64,
    pub datapoints_to_alarm: Option<i64>,
    pub threshold: f64,
    pub comparison: String,
    pub treat_missing_data: Option<String>,
    pub evaluate_low_sample_count_percentile: Option<String>,
    pub unit: Option<String>,
    pub state: String,
    pub reason: String,
    pub reason_data: Option<String>,
    pub state_updated: f64,
    pub state_transitioned: f64,
    pub config_updated: f64,
    /// Set for a composite alarm (PutCompositeAlarm), whose metric fields are empty.
    #[serde(default)]
    pub alarm_rule: Option<String>,
    /// A metric math alarm's queries (PutMetricAlarm with `Metrics`), as given.
    #[serde(default)]
    pub metrics: Option<Value>,
    /// (key, value), as PutMetricAlarm made it or TagResource changed it.
    #[serde(default)]
    pub tags: Vec<(String, String)>,
}

impl AlarmRec {
    pub fn metric(&self) -> MetricId {
        MetricId::new(&self.namespace, &self.metric_name, self.dimensions.clone())
    }

    pub fn statistic(&self) -> Statistic {
        self.extended_statistic
            .as_deref()
            .or(self.statistic.as_deref())
            .and_then(Statistic::parse)
            .unwrap_or(Statistic::Average)
    }

    pub fn rule(&self) -> Rule {
        Rule {
            period: self.period,
            evaluation_periods: self.evaluation_periods as usize,
            datapoints_to_alarm: self.datapoints_to_alarm.unwrap_or(self.evaluation_periods) as usize,
            threshold: self.threshold,
            comparison: Comparison::parse(&self.comparison).unwrap_or(Comparison::GreaterThanThreshold),
            missing: self.treat_missing_data.as_deref().and_then(MissingData::parse).unwrap_or(MissingData::Missing),
            statistic: self.statistic().name(),
        }
    }

    pub fn dimensions_json(&self) -> Value {
        Value::Array(self.dimensions.iter().map(|(k, v)| json!({"Name": k, "Value": v})).collect())
    }

    pub fn is_composite(&self) -> bool {
        self.alarm_rule.is_some()
    }

    pub fn alarm_type(&self) -> &'static str {
        if self.is_composite() {
            "CompositeAlarm"
        } else {
            "MetricAlarm"
        }
    }

    /// A new alarm in INSUFFICIENT_DATA, with no actions and no metric: callers fill in the rest.
    pub fn created(name: &str, arn: String, now: f64) -> AlarmRec {
        AlarmRec {
            name: name.to_string(),
            arn,
            description: None,
            actions_enabled: true,
            ok_actions: Vec::new(),
            alarm_actions: Vec::new(),
            insufficient_data_actions: Vec::new(),
            namespace: String::new(),
            metric_name: String::new(),
            dimensions: Vec::new(),
            statistic: None,
            extended_statistic: None,
            period: 0,
            evaluation_periods: 0,
            datapoints_to_alarm: None,
            threshold: 0.0,
            comparison: String::new(),
            treat_missing_data: None,
            evaluate_low_sample_count_percentile: None,
            unit: None,
            alarm_rule: None,
            metrics: None,
            tags: Vec::new(),
            state: "INSUFFICIENT_DATA".into(),
            reason: "Unchecked: Initial alarm creation".into(),
            reason_data: None,
            state_updated: now,
            state_transitioned: now,
            config_updated: now,
        }
    }

    /// The MetricAlarm (or, for a composite alarm, the CompositeAlarm) DescribeAlarms returns.
    pub fn render(&self) -> Value {
        let mut v = json!({
            "AlarmName": self.name,
            "AlarmArn": self.arn,
            "AlarmConfigurationUpdatedTimestamp": self.config_updated,
            "ActionsEnabled": self.actions_enabled,
            "OKActions": self.ok_actions,
            "AlarmActions": self.alarm_actions,
            "InsufficientDataActions": self.insufficient_data_actions,
            "StateValue": self.state,
            "StateReason": self.reason,
            "StateUpdatedTimestamp": self.state_updated,
            "StateTransitionedTimestamp": self.state_transitioned,
        });
        let o = v.as_object_mut().expect("object");
        let mut opt = |k: &str, val: Option<Value>| {
            if let Some(val) = val {
                o.insert(k.to_string(), val);
            }
        };
        opt("AlarmDescription", self.description.clone().map(Value::from));
        opt("StateReasonData", self.reason_data.clone().map(Value::from));
        if let Some(rule) = &self.alarm_rule {
            opt("AlarmRule", Some(json!(rule)));
            return v;
        }
        opt("EvaluationPeriods", Some(json!(self.evaluation_periods)));
        opt("Threshold", Some(json!(self.threshold)));
        opt("ComparisonOperator", Some(json!(self.comparison)));
        if let Some(m) = &self.metrics {
            opt("Metrics", Some(m.clone()));
        } else {
            opt("MetricName", Some(json!(self.metric_name)));
            opt("Namespace", Some(json!(self.namespace)));
            opt("Dimensions", Some(self.dimensions_json()));
            opt("Period", Some(json!(self.period)));
        }
        opt("Statistic", self.statistic.clone().map(Value::from));
        opt("ExtendedStatistic", self.extended_statistic.clone().map(Value::from));
        opt("DatapointsToAlarm", self.datapoints_to_alarm.map(Value::from));
        opt("TreatMissingData", self.treat_missing_data.clone().map(Value::from));
        opt("EvaluateLowSampleCountPercentile", self.evaluate_low_sample_count_percentile.clone().map(Value::from));
        opt("Unit", self.unit.clone().map(Value::from));
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HistoryRec {
    pub alarm_name: String,
    #[serde(default)]
    pub composite: bool,
    pub timestamp: f64,
    pub item_type: String,
    pub summary: String,
    pub data: String,
}

impl HistoryRec {
    pub fn render(&self) -> Value {
        json!({
            "AlarmName": self.alarm_name,
            "AlarmType": if self.composite { "CompositeAlarm" } else { "MetricAlarm" },
            "Timestamp": self.timestamp,
            "HistoryItemType": self.item_type,
            "HistorySummary": self.summary,
            "HistoryData": self.data,
        })
    }
}

/// Record a history item (the key orders items by time within an alarm).
pub fn add_history(tx: &store::Tx, item: &HistoryRec) -> Result<(), store::StoreError> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let key = format!(
        "{}\u{1}{:020}-{:010}",
        item.alarm_name,
        (item.timestamp * 1000.0) as u64,
        SEQ.fetch_add(1, Ordering::Relaxed)
    );
    tx.put(kind::HISTORY, &key, item)
}

/// AWS's region names in notifications ("Asia Pacific (Seoul)").
pub fn region_long_name(region: &str) -> String {
    match region {
        "ap-northeast-2" => "Asia Pacific (Seoul)",
        "ap-northeast-1" => "Asia Pacific (Tokyo)",
        "us-east-1" => "US East (N. Virginia)",
        "us-east-2" => "US East (Ohio)",
        "us-west-2" => "US West (Oregon)",
        "eu-west-1" => "EU (Ireland)",
        "eu-central-1" => "EU (Frankfurt)",
        other => other,
    }
    .to_string()
}
