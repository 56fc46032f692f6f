//! An Auto Scaling group's UpdatePolicy: `AutoScalingRollingUpdate` replaces the group's
//! instances in batches when its launch template or configuration changes (new instances in
//! service — and healthy in the group's target groups — before old ones go, never fewer than
//! MinInstancesInService), `AutoScalingReplacingUpdate {WillReplace: true}` replaces the group.
//! The roll drives Auto Scaling through its public API (UpdateAutoScalingGroup,
//! TerminateInstanceInAutoScalingGroup, Suspend/ResumeProcesses) with typed inputs, writing
//! AWS's stack events as it goes.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::provision::Cx;
use crate::records::{kind, ResourceRec, StackRec};
use crate::template::{ResourceDecl, Scope};
use crate::{signals, CloudFormation, Peer};

/// AutoScalingRollingUpdate, evaluated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rolling {
    pub max_batch: i64,
    pub min_in_service: i64,
    pub min_success_percent: f64,
    /// Seconds.
    pub pause: f64,
    pub pause_text: String,
    pub wait_signals: bool,
    pub suspend: Vec<String>,
}

/// A group's UpdatePolicy, evaluated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupPolicy {
    pub rolling: Option<Rolling>,
    /// AutoScalingReplacingUpdate.WillReplace.
    pub will_replace: bool,
    /// AutoScalingScheduledAction.IgnoreUnmodifiedGroupSizeProperties.
    pub keep_sizes: bool,
}

/// The group's UpdatePolicy.
pub fn policy(scope: &Scope, decl: &ResourceDecl) -> Result<GroupPolicy, String> {
    let Some(raw) = &decl.update_policy else { return Ok(GroupPolicy::default()) };
    if decl.kind != "AWS::AutoScaling::AutoScalingGroup" {
        return Ok(GroupPolicy::default());
    }
    let Some(up) = scope.eval(raw)? else { return Ok(GroupPolicy::default()) };
    let truthy = |v: Option<&Value>| match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    };
    let will_replace = truthy(up.pointer("/AutoScalingReplacingUpdate/WillReplace"));
    let keep_sizes = truthy(up.pointer("/AutoScalingScheduledAction/IgnoreUnmodifiedGroupSizeProperties"));
    let Some(r) = up.get("AutoScalingRollingUpdate") else {
        return Ok(GroupPolicy { rolling: None, will_replace, keep_sizes });
    };
    let number = |k: &str| -> Result<Option<f64>, String> {
        match r.get(k) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(Value::String(s)) => {
                s.trim().parse().map(Some).map_err(|_| format!("AutoScalingRollingUpdate {k} must be a number"))
            }
            Some(_) => Err(format!("AutoScalingRollingUpdate {k} must be a number")),
        }
    };
    let max_batch = number("MaxBatchSize")?.unwrap_or(1.0) as i64;
    if max_batch < 1 {
        return Err("MaxBatchSize must be at least 1".into());
    }
    let min_in_service = number("MinInstancesInService")?.unwrap_or(0.0) as i64;
    let min_success_percent = number("MinSuccessfulInstancesPercent")?.unwrap_or(100.0);
    if !(0.0..=100.0).contains(&min_success_percent) {
        return Err("MinSuccessfulInstancesPercent must be between 0 and 100".into());
    }
    let wait_signals = truthy(r.get("WaitOnResourceSignals"));
    let pause_text = r
        .get("PauseTime")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| if wait_signals { "PT5M" } else { "PT0S" }.to_string());
    let pause = signals::parse_duration(&pause_text)?;
    if pause > 3600.0 {
        return Err("PauseTime cannot exceed one hour (PT1H)".into());
    }
    let suspend = match r.get("SuspendProcesses") {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => vec![],
    };
    Ok(GroupPolicy {
        rolling: Some(Rolling {
            max_batch,
            min_in_service,
            min_success_percent,
            pause,
            pause_text,
            wait_signals,
            suspend,
        }),
        will_replace,
        keep_sizes,
    })
}

/// The group sizes an Auto Scaling group's update sets. With
/// `IgnoreUnmodifiedGroupSizeProperties`, a MinSize, MaxSize or DesiredCapacity the template
/// leaves as it was is not sent (a scheduled action may have changed it on the group): `new`
/// without them.
pub fn sizes_to_set(old: &Value, new: &Value, keep_sizes: bool) -> Value {
    let mut out = new.clone();
    if let (true, Some(m)) = (keep_sizes, out.as_object_mut()) {
        for k in ["MinSize", "MaxSize", "DesiredCapacity"] {
            if old.get(k) == new.get(k) {
                m.remove(k);
            }
        }
    }
    out
}

/// Does this change of a group's properties replace its instances (what an UpdatePolicy acts
/// on)?
pub fn replaces_instances(old: &Value, new: &Value) -> bool {
    ["LaunchTemplate", "LaunchConfigurationName", "VPCZoneIdentifier", "MixedInstancesPolicy"]
        .iter()
        .any(|k| old.get(*k) != new.get(*k))
}

/// The batches of a roll: (instances terminated, replacements launched) per batch, given the
/// obsolete count, the capacity to end with, the temporary capacity and the batch size.
pub fn batches(obsolete: i64, desired: i64, temporary: i64, batch: i64) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let (mut old, mut new) = (obsolete, temporary - obsolete);
    while old > 0 {
        let b = batch.min(old);
        old -= b;
        let target = if old > 0 { temporary } else { desired };
        let replacing = (target - new - old).clamp(0, b);
        new += replacing;
        out.push((b, replacing));
    }
    out
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Sizes<'a> {
    auto_scaling_group_name: &'a str,
    min_size: i64,
    max_size: i64,
    desired_capacity: i64,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Processes<'a> {
    auto_scaling_group_name: &'a str,
    scaling_processes: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Terminate<'a> {
    instance_id: &'a str,
    should_decrement_desired_capacity: bool,
}

struct Group {
    min: i64,
    max: i64,
    desired: i64,
    target_groups: Vec<String>,
    /// (instance id, lifecycle state, zone)
    members: Vec<(String, String, String)>,
}

async fn describe(cx: &Cx, name: &str) -> Result<Group, String> {
    let input = api::autoscaling::AutoScalingGroupNamesType {
        auto_scaling_group_names: Some(vec![name.to_string()]),
        ..Default::default()
    };
    let d = cx
        .autoscaling()?
        .describe_auto_scaling_groups(input)
        .await
        .map_err(|e| crate::provision::refusal(Peer::AutoScaling, e))?;
    let g = d.auto_scaling_groups.into_iter().next().ok_or_else(|| format!("The group {name} is gone"))?;
    let members = g
        .instances
        .unwrap_or_default()
        .into_iter()
        .map(|i| (i.instance_id, i.lifecycle_state.to_string(), i.availability_zone))
        .collect();
    Ok(Group {
        min: g.min_size.into(),
        max: g.max_size.into(),
        desired: g.desired_capacity.into(),
        target_groups: g.target_group_ar_ns.unwrap_or_default(),
        members,
    })
}

/// The instances healthy in every one of the target groups.
async fn healthy_in(cx: &Cx, target_groups: &[String]) -> Result<Option<HashSet<String>>, String> {
    use api::elbv2::{DescribeTargetHealthInput, TargetHealthStateEnum};
    let elb = cx.elb()?;
    let mut all: Option<HashSet<String>> = None;
    for tg in target_groups {
        let input = DescribeTargetHealthInput { target_group_arn: tg.clone(), ..Default::default() };
        let d = elb.describe_target_health(input).await.map_err(|e| crate::provision::refusal(Peer::Elb, e))?;
        let healthy: HashSet<String> = d
            .target_health_descriptions
            .unwrap_or_default()
            .into_iter()
            .filter(|t| {
                t.target_health.as_ref().and_then(|h| h.state.as_ref()) == Some(&TargetHealthStateEnum::Healthy)
            })
            .filter_map(|t| t.target.map(|t| t.id))
            .collect();
        all = Some(match all {
            None => healthy,
            Some(a) => a.intersection(&healthy).cloned().collect(),
        });
    }
    Ok(all)
}

/// Writes the group's UPDATE_IN_PROGRESS events.
pub struct Events {
    pub cfn: Arc<CloudFormation>,
    pub st: StackRec,
    pub rec: ResourceRec,
}

impl Events {
    fn say(&self, text: &str) {
        let ev = self.cfn.resource_event(&self.st, &self.rec, Some(text));
        if let Err(e) = self.cfn.store.write(|tx| tx.put(kind::EVENT, &self.cfn.event_key(&self.st.stack_id), &ev)) {
            tracing::warn!(error = %e, "cloudformation: a rolling update's event not written");
        }
    }
}

/// How long a batch's new instances have to come in service when no signals are awaited.
const IN_SERVICE_LIMIT: Duration = Duration::from_secs(600);

/// What a rolling update is about to change on its group, kept in the store until it is put
/// back: after a restart the rollback puts it back first ([`restore`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Changed {
    group: String,
    min: i64,
    max: i64,
    desired: i64,
    suspended: Vec<String>,
}

fn changed_key(st: &StackRec, logical: &str) -> String {
    format!("{}|{logical}", st.stack_id)
}

/// Put back what an interrupted rolling update of this resource changed on its group (sizes,
/// suspended processes), if it left anything changed.
pub async fn restore(cx: &Cx, cfn: &CloudFormation, st: &StackRec, logical: &str) -> Result<(), String> {
    let key = changed_key(st, logical);
    let Some(c) = cfn.get::<Changed>(kind::ROLL, &key).map_err(|e| e.to_string())? else { return Ok(()) };
    put_back(cx, &c).await?;
    cfn.delete(kind::ROLL, &key).map_err(|e| e.to_string())?;
    Ok(())
}

async fn put_back(cx: &Cx, c: &Changed) -> Result<(), String> {
    let restored = cx
        .call(
            Peer::AutoScaling,
            "UpdateAutoScalingGroup",
            &Sizes { auto_scaling_group_name: &c.group, min_size: c.min, max_size: c.max, desired_capacity: c.desired },
        )
        .await;
    if !c.suspended.is_empty() {
        cx.call(
            Peer::AutoScaling,
            "ResumeProcesses",
            &Processes { auto_scaling_group_name: &c.group, scaling_processes: &c.suspended },
        )
        .await?;
    }
    restored.map(|_| ())
}

/// Has CancelUpdateStack asked the stack's update to stop?
fn cancelled(ev: &Events) -> bool {
    ev.cfn.cancel_requested.lock().unwrap_or_else(|e| e.into_inner()).contains(&ev.st.stack_id)
}

/// Replace every instance the group has now, in batches, as `r` says. The group ends with the
/// sizes it has now (the update's): they and the suspended processes are put back whatever the
/// outcome — recorded first (`cfn.roll`), so that a restart puts them back too.
pub async fn roll(cx: &Cx, ev: &Events, name: &str, r: &Rolling) -> Result<(), String> {
    let g = describe(cx, name).await?;
    let (min0, max0, desired) = (g.min, g.max, g.desired);
    let changed = Changed { group: name.to_string(), min: min0, max: max0, desired, suspended: r.suspend.clone() };
    let key = changed_key(&ev.st, &ev.rec.logical_id);
    ev.cfn.put(kind::ROLL, &key, &changed).map_err(|e| e.to_string())?;
    if !r.suspend.is_empty() {
        cx.call(
            Peer::AutoScaling,
            "SuspendProcesses",
            &Processes { auto_scaling_group_name: name, scaling_processes: &r.suspend },
        )
        .await?;
    }
    let out = run(cx, ev, name, r, g).await;
    // Put the group's sizes back (the update's own, or the rollback's) and resume.
    let restored = put_back(cx, &changed).await;
    if restored.is_ok() {
        let _ = ev.cfn.delete(kind::ROLL, &key);
    }
    out?;
    restored?;
    // Done once the group is back at its capacity, every instance in service.
    cx.wait_for("the group to settle at its desired capacity", IN_SERVICE_LIMIT, || async {
        let g = describe(cx, name).await?;
        // (Instances a zone rebalance left over have gone too.)
        let settled = g.members.len() as i64 == g.desired && g.members.iter().all(|(_, s, _)| s == "InService");
        Ok(settled.then_some(()))
    })
    .await
}

fn staying(state: &str) -> bool {
    !state.starts_with("Terminating") && state != "Detaching" && state != "Detached"
}

/// The next batch of obsolete instances to terminate: from the zones with the most instances
/// (as Auto Scaling's own termination policy does), so the group stays balanced and its
/// replacements need no rebalancing afterwards. Taken out of `left`.
fn pick(g: &Group, left: &mut Vec<String>, n: usize) -> Vec<String> {
    let mut per_zone: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (_, s, z) in &g.members {
        if staying(s) {
            *per_zone.entry(z.as_str()).or_default() += 1;
        }
    }
    let zone_of = |id: &str| g.members.iter().find(|(i, _, _)| i == id).map(|(_, _, z)| z.as_str()).unwrap_or("");
    let mut out = Vec::new();
    while out.len() < n && !left.is_empty() {
        let best =
            (0..left.len()).max_by_key(|&k| (per_zone.get(zone_of(&left[k])).copied().unwrap_or(0), usize::MAX - k));
        let Some(k) = best else { break };
        let id = left.remove(k);
        if let Some(c) = per_zone.get_mut(zone_of(&id)) {
            *c = c.saturating_sub(1);
        }
        out.push(id);
    }
    out
}

async fn run(cx: &Cx, ev: &Events, name: &str, r: &Rolling, g: Group) -> Result<(), String> {
    let obsolete: Vec<String> = g.members.iter().filter(|(_, s, _)| staying(s)).map(|(i, _, _)| i.clone()).collect();
    if obsolete.is_empty() {
        return Ok(());
    }
    let desired = g.desired;
    let batch = r.max_batch.min(obsolete.len() as i64);
    let keep = r.min_in_service;
    let mut initiated = format!(
        "Rolling update initiated. Terminating {} obsolete instance(s) in batches of {batch}, while keeping at least {keep} instance(s) in service.",
        obsolete.len()
    );
    if r.wait_signals {
        initiated.push_str(&format!(
            " Waiting on resource signals with a timeout of {} when new instances are added to the autoscaling group.",
            r.pause_text
        ));
    }
    ev.say(&initiated);
    // Launch ahead when terminating a batch would leave fewer than MinInstancesInService.
    let temporary = desired.max(keep + batch).max(obsolete.len() as i64);
    let mut known: HashSet<String> = g.members.iter().map(|(i, _, _)| i.clone()).collect();
    let mut new_in_service = 0i64;
    if temporary > desired {
        ev.say(&format!("Temporarily setting autoscaling group MinSize and DesiredCapacity to {temporary}."));
        // The group may already hold more than its desired capacity (a rollback after a restart
        // interrupted an update that had launched ahead): only what it lacks is launched, and
        // waited for.
        let added = (temporary - obsolete.len() as i64).max(0);
        expect(ev, r, added)?;
        cx.call(
            Peer::AutoScaling,
            "UpdateAutoScalingGroup",
            &Sizes {
                auto_scaling_group_name: name,
                min_size: temporary,
                max_size: g.max.max(temporary),
                desired_capacity: temporary,
            },
        )
        .await?;
        if added > 0 {
            new_in_service = settle(cx, ev, name, r, &mut known, added, &g.target_groups).await?;
        }
    }
    let plan = batches(obsolete.len() as i64, desired, temporary, batch);
    let mut left = obsolete.clone();
    let total = obsolete.len();
    for (b, replacing) in plan {
        // CancelUpdateStack takes effect between batches.
        if cancelled(ev) {
            return Err("Resource update cancelled".into());
        }
        let these = pick(&describe(cx, name).await?, &mut left, b as usize);
        if left.is_empty() && temporary > desired {
            // The last batch: the group's minimum back, so the terminations can shrink it.
            cx.call(
                Peer::AutoScaling,
                "UpdateAutoScalingGroup",
                &Sizes {
                    auto_scaling_group_name: name,
                    min_size: g.min.min(desired),
                    max_size: g.max.max(temporary),
                    desired_capacity: temporary,
                },
            )
            .await?;
        }
        ev.say(&format!("Terminating instance(s) [{}]; replacing with {replacing} new instance(s).", these.join(", ")));
        expect(ev, r, replacing)?;
        for (n, id) in these.iter().enumerate() {
            let shrink = (n as i64) < b - replacing;
            let ended = cx
                .call(
                    Peer::AutoScaling,
                    "TerminateInstanceInAutoScalingGroup",
                    &Terminate { instance_id: id, should_decrement_desired_capacity: shrink },
                )
                .await;
            match ended {
                Ok(_) => {}
                // Already gone from the group since it was described (its own health replacement,
                // say): what this batch wanted of it is done; the group keeps its capacity.
                Err(e) if e.contains("Instance Id not found") => {}
                Err(e) => return Err(e),
            }
        }
        // Gone from the group (deregistered and drained first, then terminated).
        cx.wait_for("the obsolete instances to terminate", IN_SERVICE_LIMIT, || async {
            let now = describe(cx, name).await?;
            Ok((!now.members.iter().any(|(i, _, _)| these.contains(i))).then_some(()))
        })
        .await?;
        let done = total - left.len();
        ev.say(&format!(
            "Successfully terminated instance(s) [{}] (Progress {}%).",
            these.join(", "),
            done * 100 / total
        ));
        if replacing > 0 {
            new_in_service += settle(cx, ev, name, r, &mut known, replacing, &g.target_groups).await?;
        }
    }
    tracing::debug!(group = name, new_in_service, "cloudformation: rolling update done");
    Ok(())
}

fn signals_policy(r: &Rolling, count: i64) -> signals::Policy {
    signals::Policy { count: count as u32, timeout: r.pause, min_percent: r.min_success_percent }
}

/// Before launching `count` instances: with WaitOnResourceSignals, the wait for their signals
/// starts now (an instance may signal as soon as it boots), its timeout the PauseTime.
fn expect(ev: &Events, r: &Rolling, count: i64) -> Result<(), String> {
    if r.wait_signals && count > 0 {
        signals::start_wait(&ev.cfn, &ev.st.stack_id, &ev.rec.logical_id, &signals_policy(r, count))?;
    }
    Ok(())
}

/// Wait for `count` new instances to be InService (and healthy in the target groups), then for
/// their signals or the pause. The number that came in service.
async fn settle(
    cx: &Cx,
    ev: &Events,
    name: &str,
    r: &Rolling,
    known: &mut HashSet<String>,
    count: i64,
    target_groups: &[String],
) -> Result<i64, String> {
    if r.wait_signals {
        let policy = signals_policy(r, count);
        ev.say(&format!(
            "New instance(s) added to autoscaling group - Waiting on {} resource signal(s) with a timeout of {}.",
            policy.required(),
            r.pause_text
        ));
    }
    let limit = if r.wait_signals { Duration::from_secs_f64(r.pause.max(1.0)) } else { IN_SERVICE_LIMIT };
    let fresh = cx
        .wait_for("new instances to come in service", limit, || async {
            let g = describe(cx, name).await?;
            let new: Vec<String> = g
                .members
                .iter()
                .filter(|(i, s, _)| !known.contains(i) && s == "InService")
                .map(|(i, _, _)| i.clone())
                .collect();
            if (new.len() as i64) < count {
                return Ok(None);
            }
            if let Some(healthy) = healthy_in(cx, target_groups).await? {
                if new.iter().filter(|i| healthy.contains(*i)).count() < count as usize {
                    return Ok(None);
                }
            }
            Ok(Some(new))
        })
        .await;
    let fresh = match fresh {
        Ok(f) => f,
        Err(_) if r.wait_signals => {
            return Err(format!("Failed to receive {count} resource signal(s) within the specified duration"))
        }
        Err(e) => return Err(e),
    };
    known.extend(fresh.iter().cloned());
    if r.wait_signals {
        let created = crate::provision::Created::id(ev.rec.physical_id.clone().unwrap_or_default());
        let out = signals::made(&ev.cfn, &ev.st.stack_id, &ev.rec.logical_id, created).await;
        signals::forget(&ev.cfn, &ev.st.stack_id, &ev.rec.logical_id);
        let _ = out?;
        ev.say(&format!("Received SUCCESS signal(s) from {count} new instance(s)."));
    } else if r.pause > 0.0 {
        ev.say(&format!("New instance(s) added to autoscaling group - Pausing for {}.", r.pause_text));
        tokio::time::sleep(Duration::from_secs_f64(r.pause)).await;
    }
    Ok(fresh.len() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_launch_ahead_and_end_at_the_desired_capacity() {
        // 2 instances, keep 2 in service, batches of 1: one launched ahead (3), then each
        // batch terminates one; the first is replaced, the last is not.
        assert_eq!(batches(2, 2, 3, 1), vec![(1, 1), (1, 0)]);
        // Keep none: terminate first, replace each.
        assert_eq!(batches(2, 2, 2, 1), vec![(1, 1), (1, 1)]);
        // 4 in batches of 2, keeping 2: no launch ahead needed.
        assert_eq!(batches(4, 4, 4, 2), vec![(2, 2), (2, 2)]);
        // 3 in batches of 2 keeping 3: 2 ahead (5), then 2 replaced and 1 not; the group's
        // desired capacity put back afterwards scales the one extra in.
        assert_eq!(batches(3, 3, 5, 2), vec![(2, 2), (1, 0)]);
    }

    #[test]
    fn batches_are_taken_from_the_fullest_zone() {
        let m = |i: &str, s: &str, z: &str| (i.to_string(), s.to_string(), z.to_string());
        let g = Group {
            min: 2,
            max: 4,
            desired: 2,
            target_groups: vec![],
            members: vec![
                m("i-old-a", "InService", "a"),
                m("i-old-b", "InService", "b"),
                m("i-new", "InService", "b"),
                m("i-gone", "Terminating", "a"),
            ],
        };
        let mut left = vec!["i-old-a".to_string(), "i-old-b".to_string()];
        assert_eq!(pick(&g, &mut left, 1), vec!["i-old-b"]);
        assert_eq!(left, vec!["i-old-a"]);
        assert_eq!(pick(&g, &mut left, 5), vec!["i-old-a"]);
        assert!(left.is_empty());
    }

    #[test]
    fn unmodified_group_sizes_are_left_alone_only_when_asked() {
        let old = serde_json::json!({"MinSize": "1", "MaxSize": "4", "DesiredCapacity": "2", "Cooldown": "60"});
        let new = serde_json::json!({"MinSize": "1", "MaxSize": "6", "DesiredCapacity": "2", "Cooldown": "90"});
        // Without IgnoreUnmodifiedGroupSizeProperties every size is set again.
        assert_eq!(sizes_to_set(&old, &new, false), new);
        // With it, only the size the template changed (MaxSize) is set.
        assert_eq!(sizes_to_set(&old, &new, true), serde_json::json!({"MaxSize": "6", "Cooldown": "90"}));
        // A size the template adds is set; one it drops is not sent either way.
        let added = serde_json::json!({"MinSize": "1", "MaxSize": "4", "DesiredCapacity": "3"});
        let bare = serde_json::json!({"MinSize": "1", "MaxSize": "4"});
        assert_eq!(sizes_to_set(&bare, &added, true), serde_json::json!({"DesiredCapacity": "3"}));
        assert_eq!(sizes_to_set(&old, &bare, true), serde_json::json!({}));
    }

    #[test]
    fn the_scheduled_action_policy_is_read() {
        let t = crate::template::Template::parse(
            "Resources:\n  G:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    UpdatePolicy:\n      AutoScalingScheduledAction:\n        IgnoreUnmodifiedGroupSizeProperties: true\n    Properties: {MinSize: '1', MaxSize: '2'}\n",
        )
        .unwrap();
        let decl = t.resource("G").unwrap();
        let (params, mappings, conditions, resources, exports) =
            (Default::default(), Value::Null, Default::default(), Default::default(), Default::default());
        let scope = Scope {
            stack_name: "s",
            stack_id: "id",
            region: "r",
            account: "1",
            parameters: &params,
            mappings: &mappings,
            conditions: &conditions,
            resources: &resources,
            exports: &exports,
        };
        let p = policy(&scope, decl).unwrap();
        assert!(p.keep_sizes && p.rolling.is_none() && !p.will_replace);
    }

    #[test]
    fn only_template_changes_replace_instances() {
        let a = serde_json::json!({"MinSize": "1", "LaunchTemplate": {"Version": "1"}});
        let b = serde_json::json!({"MinSize": "2", "LaunchTemplate": {"Version": "1"}});
        let c = serde_json::json!({"MinSize": "1", "LaunchTemplate": {"Version": "2"}});
        assert!(!replaces_instances(&a, &b));
        assert!(replaces_instances(&a, &c));
    }
}
