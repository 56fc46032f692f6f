//! DescribeEvents: the events of the last hour by default (Duration in minutes, or
//! StartTime/EndTime), for one source or all, filtered by categories.

use serde_json::{json, Value};

use super::{int_of, str_of, strings};
use crate::error::{RdsError, Result};
use crate::events::EventRec;
use crate::records::kind;
use crate::Rds;

pub fn describe_events(rds: &Rds, input: &Value) -> Result<Value> {
    let now = rds.now();
    let end = input.get("EndTime").and_then(Value::as_f64).unwrap_or(now);
    let start = match (input.get("StartTime").and_then(Value::as_f64), int_of(input, "Duration")) {
        (Some(s), _) => s,
        (None, Some(minutes)) => end - minutes as f64 * 60.0,
        (None, None) => end - 3600.0,
    };
    let source = str_of(input, "SourceIdentifier").map(str::to_lowercase);
    let source_type = str_of(input, "SourceType");
    if source.is_some() && source_type.is_none() {
        return Err(RdsError::InvalidParameterCombination(
            "Cannot specify source identifier without source type".into(),
        ));
    }
    let categories = strings(input, "EventCategories");
    let events: Vec<EventRec> =
        rds.store.read(|tx| tx.list::<EventRec>(kind::EVENT, ""))?.into_iter().map(|(_, e)| e).collect();
    let out: Vec<Value> = events
        .iter()
        .filter(|e| e.date >= start && e.date <= end)
        .filter(|e| source.as_ref().is_none_or(|s| *s == e.source_id))
        .filter(|e| source_type.is_none_or(|t| t == e.source_type))
        .filter(|e| categories.is_empty() || e.categories.iter().any(|c| categories.contains(c)))
        .map(EventRec::to_api)
        .collect();
    Ok(json!({"Events": out}))
}
