//! GetCostAndUsage and GetCostForecast on the wire: the request read into `cost::Query` with
//! Cost Explorer's checks and words, the answer written in its shapes.

use serde_json::{json, Map, Value};

use crate::cost::{self, amount_text, Bucket, Dimension, Filter, Granularity, GroupBy, Metric, Query, Usage};
use crate::dates;
use crate::error::CeError;

fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

/// The TimePeriod: (start, end, hourly form?).
fn period(input: &Value) -> Result<(i64, i64, bool), CeError> {
    let tp = input.get("TimePeriod").cloned().unwrap_or(Value::Null);
    let (start_s, end_s) = (s(&tp, "Start").unwrap_or(""), s(&tp, "End").unwrap_or(""));
    let start = dates::parse(start_s).ok_or_else(|| CeError::Validation(format!("Start date {start_s} is invalid")))?;
    let end = dates::parse(end_s).ok_or_else(|| CeError::Validation(format!("End date {end_s} is invalid")))?;
    if start >= end {
        return Err(CeError::Validation("Start date (and hour) should be before end date (and hour)".into()));
    }
    Ok((start, end, start_s.contains('T') || end_s.contains('T')))
}

fn granularity(input: &Value) -> Result<Granularity, CeError> {
    let g = s(input, "Granularity").unwrap_or("");
    Granularity::parse(g).ok_or_else(|| {
        CeError::Validation(format!("Granularity {g} is not valid. Valid granularities are DAILY, MONTHLY, HOURLY"))
    })
}

fn dimension(key: &str) -> Result<Dimension, CeError> {
    Dimension::parse(key).ok_or_else(|| CeError::Validation(format!("Dimension {key} is not allowed or not supported")))
}

/// A Filter expression: exactly one of Dimensions, Tags, And, Or, Not.
pub fn filter(e: &Value) -> Result<Filter, CeError> {
    let obj = e.as_object().cloned().unwrap_or_default();
    let given: Vec<&String> = obj.iter().filter(|(_, v)| !v.is_null()).map(|(k, _)| k).collect();
    if given.len() != 1 {
        return Err(CeError::Validation(
            "Expression must have exactly one of Dimensions, Tags, CostCategories, And, Or, Not".into(),
        ));
    }
    let values = |v: &Value| -> Vec<String> {
        v.get("Values")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
            .unwrap_or_default()
    };
    let list = |v: &Value| -> Result<Vec<Filter>, CeError> {
        let items = v.as_array().cloned().unwrap_or_default();
        if items.len() < 2 {
            return Err(CeError::Validation("And and Or expressions need at least two expressions".into()));
        }
        items.iter().map(filter).collect()
    };
    let (k, v) = (given[0].as_str(), &obj[given[0].as_str()]);
    Ok(match k {
        "Dimensions" => {
            let d = dimension(s(v, "Key").unwrap_or(""))?;
            Filter::Dimension(d, values(v))
        }
        "Tags" => Filter::Tag(s(v, "Key").unwrap_or("").to_string(), values(v)),
        "And" => Filter::And(list(v)?),
        "Or" => Filter::Or(list(v)?),
        "Not" => Filter::Not(Box::new(filter(v)?)),
        other => return Err(CeError::Validation(format!("{other} expressions are not supported"))),
    })
}

fn group_by(input: &Value) -> Result<Vec<GroupBy>, CeError> {
    let items = input.get("GroupBy").and_then(Value::as_array).cloned().unwrap_or_default();
    if items.len() > 2 {
        return Err(CeError::Validation("You can only group by up to two different groups".into()));
    }
    items
        .iter()
        .map(|g| {
            let key = s(g, "Key").unwrap_or("");
            match s(g, "Type").unwrap_or("") {
                "DIMENSION" => Ok(GroupBy::Dimension(dimension(key)?)),
                "TAG" if !key.is_empty() => Ok(GroupBy::Tag(key.to_string())),
                "TAG" => Err(CeError::Validation("Group Definition key for TAG cannot be empty".into())),
                t => Err(CeError::Validation(format!(
                    "Group Definition Type {t} is not valid. Valid types are DIMENSION, TAG, COST_CATEGORY"
                ))),
            }
        })
        .collect()
}

/// The GetCostAndUsage request: the query and the metric names as asked (kept for the answer).
pub fn cost_and_usage_query(input: &Value, account: &str) -> Result<(Query, Vec<(String, Metric)>), CeError> {
    let (start, end, _) = period(input)?;
    let granularity = granularity(input)?;
    let names: Vec<String> = input
        .get("Metrics")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
        .unwrap_or_default();
    if names.is_empty() {
        return Err(CeError::Validation("Metrics cannot be empty".into()));
    }
    let mut metrics = Vec::new();
    for n in names {
        let m = Metric::parse(&n).ok_or_else(|| {
            CeError::Validation(format!(
                "Metrics {n} is not valid. Valid metrics are AmortizedCost, BlendedCost, NetAmortizedCost, NetUnblendedCost, NormalizedUsageAmount, UnblendedCost, UsageQuantity"
            ))
        })?;
        metrics.push((n, m));
    }
    let filter = match input.get("Filter") {
        Some(f) if !f.is_null() => Some(filter(f)?),
        _ => None,
    };
    Ok((Query { start, end, granularity, group_by: group_by(input)?, filter, account: account.to_string() }, metrics))
}

fn period_json(start: i64, end: i64, g: Granularity) -> Value {
    let f = if g == Granularity::Hourly { dates::format_time } else { dates::format_day };
    json!({"Start": f(start), "End": f(end)})
}

fn metrics_json(a: &cost::Amount, metrics: &[(String, Metric)], grouped_by_usage_type: bool) -> Value {
    let mut m = Map::new();
    for (name, metric) in metrics {
        let unit = match metric {
            Metric::Cost => "USD",
            _ if grouped_by_usage_type => a.unit.unwrap_or("N/A"),
            _ => "N/A",
        };
        m.insert(name.clone(), json!({"Amount": amount_text(a.get(*metric)), "Unit": unit}));
    }
    Value::Object(m)
}

/// The answer, as Cost Explorer writes it: a Total per bucket without GroupBy, Groups with it.
pub fn cost_and_usage_output(
    input: &Value,
    q: &Query,
    metrics: &[(String, Metric)],
    buckets: &[Bucket],
    now: f64,
) -> Value {
    let by_usage_type = q.group_by.contains(&GroupBy::Dimension(Dimension::UsageType));
    let results: Vec<Value> = buckets
        .iter()
        .map(|b| {
            let total = if q.group_by.is_empty() { metrics_json(&b.total, metrics, false) } else { json!({}) };
            let groups: Vec<Value> = b
                .groups
                .iter()
                .map(|(keys, a)| json!({"Keys": keys, "Metrics": metrics_json(a, metrics, by_usage_type)}))
                .collect();
            json!({
                "TimePeriod": period_json(b.start, b.end, q.granularity),
                "Total": total,
                "Groups": groups,
                // Until the period is over, its figures may still change.
                "Estimated": b.end as f64 > now,
            })
        })
        .collect();
    let mut out = json!({"ResultsByTime": results, "DimensionValueAttributes": []});
    if let Some(g) = input.get("GroupBy").filter(|g| !g.is_null()) {
        out["GroupDefinitions"] = g.clone();
    }
    out
}

/// GetCostForecast, from its request to its answer.
pub fn cost_forecast(input: &Value, usage: &[Usage], account: &str, now: f64) -> Result<Value, CeError> {
    let (start, end, _) = period(input)?;
    let g = granularity(input)?;
    if g == Granularity::Hourly {
        return Err(CeError::Validation("HOURLY granularity is not supported for cost forecasts".into()));
    }
    let metric_name = s(input, "Metric").unwrap_or("");
    match Metric::parse(metric_name) {
        Some(Metric::Cost) if metric_name.chars().all(|c| c.is_ascii_uppercase() || c == '_') => {}
        _ => {
            return Err(CeError::Validation(format!(
                "Metric {metric_name} is not valid. Valid metrics are AMORTIZED_COST, BLENDED_COST, NET_AMORTIZED_COST, NET_UNBLENDED_COST, UNBLENDED_COST"
            )))
        }
    }
    let today = (now as i64).div_euclid(dates::DAY) * dates::DAY;
    if end as f64 <= now {
        return Err(CeError::DataUnavailable(
            "The forecast period is in the past: Cost Explorer forecasts only from the current date on".into(),
        ));
    }
    if start < today {
        return Err(CeError::Validation("Start date must be equal to or later than the current date".into()));
    }
    let filter = match input.get("Filter") {
        Some(f) if !f.is_null() => Some(filter(f)?),
        _ => None,
    };
    let f = cost::forecast(usage, start, end, g, filter.as_ref(), account, now)
        .map_err(|_| CeError::DataUnavailable("Insufficient amount of historical data to generate forecast.".into()))?;
    let results: Vec<Value> = f
        .buckets
        .iter()
        .map(|b| {
            json!({
                "TimePeriod": period_json(b.start, b.end, g),
                "MeanValue": amount_text(b.mean),
                "PredictionIntervalLowerBound": amount_text(b.lower),
                "PredictionIntervalUpperBound": amount_text(b.upper),
            })
        })
        .collect();
    Ok(json!({"Total": {"Amount": amount_text(f.total), "Unit": "USD"}, "ForecastResultsByTime": results}))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(v: Value) -> CeError {
        cost_and_usage_query(&v, "1").unwrap_err()
    }

    #[test]
    fn requests_are_checked_as_cost_explorer_checks_them() {
        let ok = json!({"TimePeriod": {"Start": "2026-12-07", "End": "2026-12-08"}, "Granularity": "DAILY", "Metrics": ["UnblendedCost"]});
        assert!(cost_and_usage_query(&ok, "1").is_ok());
        let mut v = ok.clone();
        v["TimePeriod"]["End"] = json!("2026-12-06");
        assert!(matches!(err(v), CeError::Validation(m) if m.contains("before end date")));
        let mut v = ok.clone();
        v["TimePeriod"]["Start"] = json!("2026-02-30");
        assert!(matches!(err(v), CeError::Validation(m) if m.contains("Start date 2026-02-30 is invalid")));
        let mut v = ok.clone();
        v["Granularity"] = json!("WEEKLY");
        assert!(matches!(err(v), CeError::Validation(m) if m.contains("Granularity WEEKLY")));
        let mut v = ok.clone();
        v["Metrics"] = json!(["Dollars"]);
        assert!(matches!(err(v), CeError::Validation(m) if m.contains("Metrics Dollars is not valid")));
        let mut v = ok.clone();
        v["GroupBy"] = json!([{"Type": "DIMENSION", "Key": "COLOUR"}]);
        assert!(matches!(err(v), CeError::Validation(_)));
        let mut v = ok.clone();
        v["Filter"] = json!({"Dimensions": {"Key": "SERVICE", "Values": ["x"]}, "Tags": {"Key": "a"}});
        assert!(matches!(err(v), CeError::Validation(_)));
        let mut v = ok;
        v["Filter"] = json!({"Not": {"Dimensions": {"Key": "SERVICE", "Values": ["x"]}}});
        let (q, _) = cost_and_usage_query(&v, "1").unwrap();
        assert_eq!(q.filter, Some(Filter::Not(Box::new(Filter::Dimension(Dimension::Service, vec!["x".into()])))));
    }

    #[test]
    fn forecast_checks() {
        let now = dates::parse("2026-12-07T12:00:00Z").unwrap() as f64;
        let req = |start: &str, end: &str, metric: &str, g: &str| json!({"TimePeriod": {"Start": start, "End": end}, "Metric": metric, "Granularity": g});
        let e = cost_forecast(&req("2026-12-01", "2026-12-05", "UNBLENDED_COST", "DAILY"), &[], "1", now).unwrap_err();
        assert!(matches!(e, CeError::DataUnavailable(_)));
        let e = cost_forecast(&req("2026-12-01", "2026-12-09", "UNBLENDED_COST", "DAILY"), &[], "1", now).unwrap_err();
        assert!(matches!(e, CeError::Validation(m) if m.contains("current date")));
        let e = cost_forecast(&req("2026-12-08", "2026-12-09", "USAGE_QUANTITY", "DAILY"), &[], "1", now).unwrap_err();
        assert!(matches!(e, CeError::Validation(_)));
        let e = cost_forecast(&req("2026-12-08", "2026-12-09", "UNBLENDED_COST", "HOURLY"), &[], "1", now).unwrap_err();
        assert!(matches!(e, CeError::Validation(_)));
        let e = cost_forecast(&req("2026-12-08", "2026-12-09", "UNBLENDED_COST", "DAILY"), &[], "1", now).unwrap_err();
        assert!(matches!(e, CeError::DataUnavailable(m) if m.contains("Insufficient")));
    }
}
