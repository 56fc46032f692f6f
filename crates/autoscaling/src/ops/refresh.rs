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

pub(crate) async fn start(asg: &AutoScaling, input: &Value) -> Result<Value> {
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
    if !(100..=200).contains(&max_healthy) {
        return Err(AsgError::validation("MaxHealthyPercentage must be between 100 and 200."));
    }
    if max_healthy - min_healthy > 100 {
        return Err(AsgError::validation(
            "The difference between MaxHealthyPercentage and MinHealthyPercentage must be at most 100.",
        ));
    }
    if min_healthy == 100 && max_healthy == 100 {
        return Err(AsgError::validation("MinHealthyPercentage of 100 needs a MaxHealthyPercentage above 100."));
    }
    let skip_matching = bool_of(&prefs, "SkipMatching").unwrap_or(false);
    let desired = match input.get("DesiredConfiguration").and_then(|d| d.get("LaunchTemplate")) {
        Some(spec) => Some(super::groups::resolve_template(asg, spec).await?),
        None if input.get("DesiredConfiguration").is_some() => {
            return Err(AsgError::validation(
                "DesiredConfiguration needs a LaunchTemplate (mixed instances policies are not supported here).",
            ))
        }
        None => None,
    };
    let id = new_id();
    let now = asg.now();
    asg.write(|tx| {
        let mut g = load_group(tx, group)?;
        if g.status.is_some() {
            return Err(AsgError::Client("ScalingActivityInProgress", format!("The group {group} is being deleted.")));
        }
        if tx.list::<RefreshRec>(kind::REFRESH, &format!("{group}/"))?.iter().any(|(_, r)| active(r)) {
            return Err(AsgError::Client(
                "InstanceRefreshInProgress",
                "An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.".into(),
            ));
        }
        let previous = g.template.clone();
        if let Some(t) = &desired {
            g.template = Some(t.clone());
            g.launch_configuration = None;
        }
        let to_replace = g
            .members
            .iter()
            .filter(|m| m.lifecycle.counts())
            .filter(|m| !skip_matching || m.template != g.template)
            .map(|m| m.instance_id.clone())
            .collect();
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
            to_replace,
            replaced: vec![],
            desired_template: desired.as_ref().map(|t| json!({"LaunchTemplate": t.render()})),
            previous_template: desired.as_ref().and(previous),
            skip_matching,
        };
        tx.put(kind::GROUP, group, &g)?;
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
        let mut g = load_group(tx, group)?;
        g.refresh_surge = 0;
        // A desired configuration the refresh brought is undone; instances already replaced stay.
        if let Some(t) = r.previous_template.take() {
            g.template = Some(t);
        }
        tx.put(kind::GROUP, group, &g)?;
        tx.put(kind::REFRESH, &key, &r)?;
        Ok(r.id)
    })?;
    Ok(json!({"InstanceRefreshId": id}))
}
