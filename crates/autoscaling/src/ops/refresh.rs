//! Instance refresh: replace a group's instances (after a new image or template version)
//! a few at a time, never below the minimum healthy percentage; the controller drives it.

use serde_json::{json, Value};

use super::{bool_of, int_of, load_group, new_id, page, required, str_of, strings};
use crate::error::{AsgError, Result};
use crate::records::{kind, RefreshRec};
use crate::AutoScaling;

fn active(r: &RefreshRec) -> bool {
    matches!(r.status.as_str(), "Pending" | "InProgress")
}

pub(crate) fn start(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    if let Some(s) = str_of(input, "Strategy") {
        if s != "Rolling" {
            return Err(AsgError::validation(format!("Invalid Strategy {s}: only Rolling.")));
        }
    }
    let prefs = input.get("Preferences").cloned().unwrap_or(json!({}));
    let min_healthy = int_of(&prefs, "MinHealthyPercentage").unwrap_or(90);
    let max_healthy = int_of(&prefs, "MaxHealthyPercentage").unwrap_or(100);
    if !(0..=100).contains(&min_healthy) {
        return Err(AsgError::validation("MinHealthyPercentage must be between 0 and 100."));
    }
    if max_healthy != 100 {
        return Err(AsgError::validation(
            "MaxHealthyPercentage other than 100 (launching before terminating) is not supported by this region yet.",
        ));
    }
    if min_healthy == 100 {
        return Err(AsgError::validation("MinHealthyPercentage of 100 needs a MaxHealthyPercentage above 100."));
    }
    if bool_of(&prefs, "SkipMatching") == Some(true) {
        return Err(AsgError::validation("SkipMatching is not supported by this region yet."));
    }
    if input.get("DesiredConfiguration").is_some() {
        return Err(AsgError::validation(
            "DesiredConfiguration is not supported by this region yet: update the group's launch template, then start the refresh.",
        ));
    }
    let id = new_id();
    let now = asg.now();
    asg.write(|tx| {
        let g = load_group(tx, group)?;
        if tx.list::<RefreshRec>(kind::REFRESH, &format!("{group}/"))?.iter().any(|(_, r)| active(r)) {
            return Err(AsgError::Client(
                "InstanceRefreshInProgress",
                "An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.".into(),
            ));
        }
        let rec = RefreshRec {
            group: group.into(),
            id: id.clone(),
            status: "Pending".into(),
            status_reason: None,
            start: now,
            end: None,
            min_healthy_percentage: min_healthy,
            max_healthy_percentage: max_healthy,
            instance_warmup: int_of(&prefs, "InstanceWarmup"),
            to_replace: g.members.iter().filter(|m| m.lifecycle.counts()).map(|m| m.instance_id.clone()).collect(),
            replaced: vec![],
            desired_template: None,
        };
        tx.put(kind::REFRESH, &format!("{group}/{id}"), &rec)?;
        Ok(())
    })?;
    Ok(json!({"InstanceRefreshId": id}))
}

pub(crate) fn describe(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let ids = strings(input, "InstanceRefreshIds");
    let mut all = asg.read(|tx| {
        load_group(tx, group)?;
        Ok(tx.list::<RefreshRec>(kind::REFRESH, &format!("{group}/"))?)
    })?;
    all.sort_by(|a, b| b.1.start.total_cmp(&a.1.start));
    let items =
        all.into_iter().map(|(_, r)| r).filter(|r| ids.is_empty() || ids.contains(&r.id)).map(|r| r.render()).collect();
    page(items, input, "InstanceRefreshes", 50)
}

pub(crate) fn cancel(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = required(input, "AutoScalingGroupName")?;
    let now = asg.now();
    let id = asg.write(|tx| {
        load_group(tx, group)?;
        let Some((key, mut r)) =
            tx.list::<RefreshRec>(kind::REFRESH, &format!("{group}/"))?.into_iter().find(|(_, r)| active(r))
        else {
            return Err(AsgError::Client(
                "ActiveInstanceRefreshNotFound",
                "No in progress or pending Instance Refresh found for Auto Scaling group.".into(),
            ));
        };
        r.status = "Cancelled".into();
        r.end = Some(now);
        tx.put(kind::REFRESH, &key, &r)?;
        Ok(r.id)
    })?;
    Ok(json!({"InstanceRefreshId": id}))
}
