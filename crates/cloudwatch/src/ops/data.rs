//! PutMetricData, GetMetricStatistics, GetMetricData, ListMetrics.

use std::collections::HashMap;

use metrics::math::{self, MathValue, Series};
use metrics::{Agg, MetricId, Sample, Statistic};
use serde_json::{json, Map, Value};

use super::{dimensions, required, str_field, strings};
use crate::error::{CwError, Result};
use crate::CloudWatch;

const MAX_DATUMS: usize = 1000;
const MAX_VALUES: usize = 150;
const MAX_DATAPOINTS: i64 = 1440;

pub fn put_metric_data(cw: &CloudWatch, input: &Value) -> Result<Value> {
    let namespace = required(input, "Namespace")?;
    if namespace.starts_with("AWS/") {
        return Err(CwError::InvalidParameterValue(format!(
            "The value {namespace} for parameter Namespace is invalid."
        )));
    }
    let data = input.get("MetricData").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    if data.is_empty() {
        return Err(CwError::MissingParameter("The parameter MetricData is required.".into()));
    }
    if data.len() > MAX_DATUMS {
        return Err(CwError::InvalidParameterValue(format!(
            "The collection MetricData must not have a size greater than {MAX_DATUMS}."
        )));
    }
    let now = cw.now();
    // The call's datums grouped by metric (in the order each metric first appears), so the
    // store is locked once and each metric's series looked up once.
    let mut batches: Vec<(MetricId, Vec<Sample>)> = Vec::new();
    let mut index: HashMap<MetricId, usize> = HashMap::new();
    for (i, d) in data.iter().enumerate() {
        let n = i + 1;
        let name = required(d, "MetricName")?;
        let ts = d.get("Timestamp").and_then(Value::as_f64).unwrap_or(now);
        if ts > now + 2.0 * 3600.0 || ts < now - 14.0 * 86400.0 {
            return Err(CwError::InvalidParameterValue(format!(
                "The parameter MetricData.member.{n}.Timestamp must specify a time no more than two weeks in the past or two hours in the future."
            )));
        }
        if let Some(r) = d.get("StorageResolution").and_then(Value::as_i64) {
            if r != 1 && r != 60 {
                return Err(CwError::InvalidParameterValue(format!(
                    "The value {r} for parameter MetricData.member.{n}.StorageResolution is invalid."
                )));
            }
        }
        let value = d.get("Value").and_then(Value::as_f64);
        let values: Vec<f64> = d
            .get("Values")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        let counts: Vec<f64> = d
            .get("Counts")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        let set = d.get("StatisticValues");
        let given = [value.is_some(), !values.is_empty(), set.is_some()].iter().filter(|b| **b).count();
        if given > 1 {
            let (a, b) = if value.is_some() && set.is_some() {
                ("Value", "StatisticValues")
            } else if value.is_some() {
                ("Value", "Values")
            } else {
                ("Values", "StatisticValues")
            };
            return Err(CwError::InvalidParameterCombination(format!(
                "The parameters MetricData.member.{n}.{a} and MetricData.member.{n}.{b} are mutually exclusive and you have specified both."
            )));
        }
        if given == 0 {
            return Err(CwError::InvalidParameterCombination(format!(
                "At least one of the parameters MetricData.member.{n}.Value, MetricData.member.{n}.StatisticValues or MetricData.member.{n}.Values must be specified."
            )));
        }
        if values.len() > MAX_VALUES {
            return Err(CwError::InvalidParameterValue(format!(
                "The collection MetricData.member.{n}.Values must not have a size greater than {MAX_VALUES}."
            )));
        }
        if !counts.is_empty() && counts.len() != values.len() {
            return Err(CwError::InvalidParameterValue(format!(
                "The parameters MetricData.member.{n}.Values and MetricData.member.{n}.Counts must be of the same size."
            )));
        }
        let agg = if let Some(v) = value {
            check_finite(v, n, "Value")?;
            Agg::value(v, 1.0)
        } else if let Some(s) = set {
            let f = |k: &str| -> Result<f64> {
                s.get(k).and_then(Value::as_f64).ok_or_else(|| {
                    CwError::MissingParameter(format!(
                        "The parameter MetricData.member.{n}.StatisticValues.{k} is required."
                    ))
                })
            };
            let (count, sum, min, max) = (f("SampleCount")?, f("Sum")?, f("Minimum")?, f("Maximum")?);
            if count <= 0.0 || min > max {
                return Err(CwError::InvalidParameterValue(format!(
                    "The parameter MetricData.member.{n}.StatisticValues is invalid: SampleCount must be positive and Minimum no greater than Maximum."
                )));
            }
            Agg::set(count, sum, min, max)
        } else {
            let mut a = Agg::default();
            for (k, v) in values.iter().enumerate() {
                check_finite(*v, n, "Values")?;
                let c = counts.get(k).copied().unwrap_or(1.0);
                if c > 0.0 {
                    a.merge(&Agg::value(*v, c));
                }
            }
            a
        };
        let id = MetricId::new(namespace, name, dimensions(d));
        let sample = Sample { timestamp: ts, agg, unit: str_field(d, "Unit").map(String::from) };
        match index.get(&id) {
            Some(&i) => batches[i].1.push(sample),
            None => {
                index.insert(id.clone(), batches.len());
                batches.push((id, vec![sample]));
            }
        }
    }
    cw.metrics.put_batch(&batches, now);
    Ok(json!({}))
}

fn check_finite(v: f64, n: usize, what: &str) -> Result<()> {
    if v.is_finite() && v.abs() <= 2f64.powi(360) {
        Ok(())
    } else {
        Err(CwError::InvalidParameterValue(format!(
            "The value {v} for parameter MetricData.member.{n}.{what} is invalid."
        )))
    }
}

fn check_period(period: i64) -> Result<()> {
    // GetMetricStatistics' Period in the API reference: 1, 5, 10, 20, 30, 60 or any multiple of 60.
    if period <= 0 || (period % 60 != 0 && ![1, 5, 10, 20, 30].contains(&period)) {
        return Err(CwError::InvalidParameterValue(
            "The parameter Period must be 1, 5, 10, 20, 30, or a multiple of 60.".into(),
        ));
    }
    Ok(())
}

pub fn get_metric_statistics(cw: &CloudWatch, input: &Value) -> Result<Value> {
    let namespace = required(input, "Namespace")?;
    let name = required(input, "MetricName")?;
    let start = input.get("StartTime").and_then(Value::as_f64).unwrap_or(0.0);
    let end = input.get("EndTime").and_then(Value::as_f64).unwrap_or(0.0);
    let period = input.get("Period").and_then(Value::as_i64).unwrap_or(60);
    check_period(period)?;
    if start >= end {
        return Err(CwError::InvalidParameterValue(
            "The parameter StartTime must be less than the parameter EndTime.".into(),
        ));
    }
    let stats = strings(input, "Statistics");
    let extended = strings(input, "ExtendedStatistics");
    // "You must specify either Statistics or ExtendedStatistics, but not both" (API reference).
    if stats.is_empty() == extended.is_empty() {
        return Err(CwError::InvalidParameterCombination(
            "Must specify either Statistics or ExtendedStatistics, but not both.".into(),
        ));
    }
    let mut ext = Vec::new();
    for e in &extended {
        match Statistic::parse(e) {
            Some(s @ Statistic::Percentile(_)) => ext.push((e.clone(), s)),
            _ => {
                return Err(CwError::InvalidParameterValue(format!(
                    "The value {e} for parameter ExtendedStatistics is not supported."
                )))
            }
        }
    }
    let points = ((end - start) / period as f64).ceil() as i64;
    if points > MAX_DATAPOINTS {
        return Err(CwError::InvalidParameterCombination(format!(
            "You have requested up to {points} datapoints, which exceeds the limit of {MAX_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range."
        )));
    }
    let id = MetricId::new(namespace, name, dimensions(input));
    let unit = str_field(input, "Unit").map(String::from).or_else(|| cw.metrics.unit(&id)).unwrap_or("None".into());
    if let Some(want) = str_field(input, "Unit") {
        if cw.metrics.unit(&id).as_deref().unwrap_or("None") != want {
            return Ok(json!({"Label": name, "Datapoints": []}));
        }
    }
    let mut datapoints = Vec::new();
    let values = !ext.is_empty() || stats.iter().any(|s| matches!(Statistic::parse(s), Some(Statistic::Percentile(_))));
    for (t, agg) in cw.metrics.query_with(&id, start, end, period, cw.now(), values) {
        let mut d = Map::new();
        d.insert("Timestamp".into(), json!(t as f64));
        d.insert("Unit".into(), json!(unit));
        for s in &stats {
            let st = Statistic::parse(s).ok_or_else(|| {
                CwError::InvalidParameterValue(format!("The value {s} for parameter Statistics is not supported."))
            })?;
            if let Some(v) = agg.statistic(&st) {
                d.insert(s.clone(), json!(v));
            }
        }
        if !ext.is_empty() {
            let mut m = Map::new();
            for (n, s) in &ext {
                if let Some(v) = agg.statistic(s) {
                    m.insert(n.clone(), json!(v));
                }
            }
            d.insert("ExtendedStatistics".into(), Value::Object(m));
        }
        datapoints.push(Value::Object(d));
    }
    Ok(json!({"Label": name, "Datapoints": datapoints}))
}

/// One query of a GetMetricData call (or of a metric math alarm), parsed.
pub struct Query {
    pub id: String,
    pub label: Option<String>,
    pub return_data: bool,
    pub period: Option<i64>,
    pub source: Source,
}

pub enum Source {
    Stat { metric: MetricId, stat: Statistic },
    Expression(math::Ast),
}

/// Parse and check MetricDataQueries: unique Ids, exactly one of MetricStat and Expression,
/// expressions that parse and reference only Ids of the request.
pub fn parse_queries(list: &[Value]) -> Result<Vec<Query>> {
    if list.len() > 500 {
        return Err(CwError::Validation(
            "The collection MetricDataQueries must not have a size greater than 500.".into(),
        ));
    }
    let mut out: Vec<Query> = Vec::with_capacity(list.len());
    for q in list {
        let id = required(q, "Id")?.to_string();
        if !id.starts_with(|c: char| c.is_ascii_lowercase())
            || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(CwError::Validation(format!(
                "Invalid metrics Id: {id}. The Id must start with a lowercase letter and contain only letters, numbers and underscores."
            )));
        }
        if out.iter().any(|o| o.id == id) {
            return Err(CwError::Validation("The values for parameter id in MetricDataQueries are not unique.".into()));
        }
        let source = match (q.get("MetricStat"), str_field(q, "Expression")) {
            (Some(stat), None) => {
                let metric = stat.get("Metric").cloned().unwrap_or(Value::Null);
                let namespace = required(&metric, "Namespace")?;
                let name = required(&metric, "MetricName")?;
                let stat_name = required(stat, "Stat")?;
                let st = Statistic::parse(stat_name).ok_or_else(|| {
                    CwError::Validation(format!("The value {stat_name} for Stat of query {id} is not valid."))
                })?;
                Source::Stat { metric: MetricId::new(namespace, name, dimensions(&metric)), stat: st }
            }
            (None, Some(e)) => Source::Expression(
                math::parse(e).map_err(|m| CwError::Validation(format!("Error in expression '{id}' [{m}]")))?,
            ),
            _ => {
                return Err(CwError::Validation(format!(
                    "Exactly one of MetricStat and Expression must be specified for query {id}."
                )))
            }
        };
        let period =
            q.get("MetricStat").and_then(|s| s.get("Period")).or_else(|| q.get("Period")).and_then(Value::as_i64);
        if let Some(p) = period {
            check_period(p)?;
        }
        out.push(Query {
            id,
            label: str_field(q, "Label").map(String::from),
            return_data: q.get("ReturnData").and_then(Value::as_bool).unwrap_or(true),
            period,
            source,
        });
    }
    for q in &out {
        if let Source::Expression(ast) = &q.source {
            if let Some(r) = ast.references().into_iter().find(|r| !out.iter().any(|o| &o.id == r)) {
                return Err(CwError::Validation(format!(
                    "Error in expression '{}' [Unrecognized identifier '{r}']",
                    q.id
                )));
            }
        }
    }
    Ok(out)
}

/// Run the queries over [start, end): each query's value by Id (expressions evaluated in
/// the order their references need, cycles refused).
pub fn run_queries(cw: &CloudWatch, queries: &[Query], start: f64, end: f64) -> Result<HashMap<String, MathValue>> {
    let now = cw.now();
    let default_period = queries.iter().find_map(|q| q.period).unwrap_or(60);
    let mut values: HashMap<String, MathValue> = HashMap::new();
    let mut metrics: Vec<(String, Series)> = Vec::new();
    for q in queries {
        if let Source::Stat { metric, stat } = &q.source {
            let period = q.period.unwrap_or(default_period);
            let series: Series = cw
                .metrics
                .query_with(metric, start, end, period, now, matches!(stat, Statistic::Percentile(_)))
                .into_iter()
                .filter_map(|(t, agg)| agg.statistic(stat).map(|v| (t, v)))
                .collect();
            metrics.push((q.id.clone(), series.clone()));
            values.insert(q.id.clone(), MathValue::Series(series));
        }
    }
    fn visit(
        id: &str,
        queries: &[Query],
        values: &mut HashMap<String, MathValue>,
        metrics: &[(String, Series)],
        path: &mut Vec<String>,
        window: (i64, i64, i64),
    ) -> Result<()> {
        if values.contains_key(id) {
            return Ok(());
        }
        let Some(q) = queries.iter().find(|q| q.id == id) else { return Ok(()) };
        let Source::Expression(ast) = &q.source else { return Ok(()) };
        if path.iter().any(|p| p == id) {
            return Err(CwError::Validation(format!("Error in expression '{id}' [Circular dependency]")));
        }
        path.push(id.to_string());
        let mut deps = ast.references();
        if ast.uses_all_metrics() {
            deps.extend(metrics.iter().map(|(m, _)| m.clone()));
        }
        for r in deps {
            visit(&r, queries, values, metrics, path, window)?;
        }
        path.pop();
        let lookup = |r: &str| values.get(r).cloned();
        let cx = math::Context {
            start: window.0,
            end: window.1,
            period: q.period.unwrap_or(window.2),
            lookup: &lookup,
            metrics,
        };
        let v = math::eval(ast, &cx).map_err(|m| CwError::Validation(format!("Error in expression '{id}' [{m}]")))?;
        values.insert(id.to_string(), v);
        Ok(())
    }
    let window = (start.ceil() as i64, end.ceil() as i64, default_period);
    for q in queries {
        visit(&q.id, queries, &mut values, &metrics, &mut Vec::new(), window)?;
    }
    Ok(values)
}

/// The series a query returns: one per series of an array result, each labelled; a scalar
/// over every timestamp of the request's metrics.
fn returned(q: &Query, v: &MathValue, all: &HashMap<String, MathValue>) -> Vec<(String, Series)> {
    let label = q.label.clone().unwrap_or_else(|| match &q.source {
        Source::Stat { metric, .. } => metric.name.clone(),
        Source::Expression(_) => q.id.clone(),
    });
    match v {
        MathValue::Series(s) => vec![(label, s.clone())],
        MathValue::Array(a) => a.iter().map(|(sub, s)| (format!("{label} {sub}"), s.clone())).collect(),
        MathValue::Scalar(x) => {
            let mut times: Vec<i64> = all
                .values()
                .filter_map(|v| if let MathValue::Series(s) = v { Some(s.keys().copied()) } else { None })
                .flatten()
                .collect();
            times.sort_unstable();
            times.dedup();
            vec![(label, times.into_iter().map(|t| (t, *x)).collect())]
        }
    }
}

const MAX_DATAPOINTS_PER_CALL: usize = 100_800;

pub fn get_metric_data(cw: &CloudWatch, input: &Value) -> Result<Value> {
    let start = input.get("StartTime").and_then(Value::as_f64).unwrap_or(0.0);
    let end = input.get("EndTime").and_then(Value::as_f64).unwrap_or(0.0);
    if start >= end {
        return Err(CwError::Validation("The parameter StartTime must be less than the parameter EndTime.".into()));
    }
    let ascending = str_field(input, "ScanBy") == Some("TimestampAscending");
    let max = input
        .get("MaxDatapoints")
        .and_then(Value::as_i64)
        .map_or(MAX_DATAPOINTS_PER_CALL, |m| (m.max(1) as usize).min(MAX_DATAPOINTS_PER_CALL));
    let skip: usize = match str_field(input, "NextToken") {
        Some(t) => {
            t.parse().map_err(|_| CwError::InvalidNextToken("The service couldn't process the NextToken.".into()))?
        }
        None => 0,
    };
    let list = input.get("MetricDataQueries").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let queries = parse_queries(list)?;
    let values = run_queries(cw, &queries, start, end)?;
    // The datapoints of every returned series in one order; a page is a window of it.
    let mut results = Vec::new();
    let (mut offset, mut budget, mut more) = (0usize, max, false);
    for q in queries.iter().filter(|q| q.return_data) {
        let Some(v) = values.get(&q.id) else { continue };
        for (label, series) in returned(q, v, &values) {
            let n = series.len();
            let from = skip.saturating_sub(offset).min(n);
            let take = (n - from).min(budget);
            budget -= take;
            offset += n;
            if from + take < n {
                more = true;
            }
            if skip > 0 && take == 0 {
                continue;
            }
            let pairs: Vec<(i64, f64)> = if ascending {
                series.into_iter().skip(from).take(take).collect()
            } else {
                series.into_iter().rev().skip(from).take(take).collect()
            };
            results.push(json!({
                "Id": q.id,
                "Label": label,
                "Timestamps": pairs.iter().map(|(t, _)| *t as f64).collect::<Vec<_>>(),
                "Values": pairs.iter().map(|(_, v)| *v).collect::<Vec<_>>(),
                "StatusCode": if from + take < n { "PartialData" } else { "Complete" },
            }));
        }
    }
    let mut out = json!({"MetricDataResults": results, "Messages": []});
    if more {
        out["NextToken"] = json!((skip + max).to_string());
    }
    Ok(out)
}

pub fn list_metrics(cw: &CloudWatch, input: &Value) -> Result<Value> {
    let namespace = str_field(input, "Namespace");
    let name = str_field(input, "MetricName");
    let filters: Vec<(String, Option<String>)> = input
        .get("Dimensions")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|d| Some((str_field(d, "Name")?.to_string(), str_field(d, "Value").map(String::from))))
                .collect()
        })
        .unwrap_or_default();
    let recent = str_field(input, "RecentlyActive") == Some("PT3H");
    let now = cw.now() as i64;
    let metrics: Vec<Value> = cw
        .metrics
        .list()
        .into_iter()
        .filter(|(id, last)| {
            namespace.is_none_or(|n| id.namespace == n)
                && name.is_none_or(|n| id.name == n)
                && (!recent || *last >= now - 3 * 3600)
                && filters
                    .iter()
                    .all(|(k, v)| id.dimensions.iter().any(|(dk, dv)| dk == k && v.as_ref().is_none_or(|v| v == dv)))
        })
        .map(|(id, _)| {
            json!({
                "Namespace": id.namespace,
                "MetricName": id.name,
                "Dimensions": id.dimensions.iter().map(|(k, v)| json!({"Name": k, "Value": v})).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(json!({"Metrics": metrics}))
}
