//! The reconciler. Every 500 ms (and whenever the API or an alarm wakes it) it:
//!
//! 1. runs the scaling policies that alarms triggered and the scheduled actions that are due
//!    (each only moves the desired capacity, min and max);
//! 2. reads what EC2 really runs (one DescribeInstances) and how the group's target groups see
//!    each instance (DescribeTargetHealth);
//! 3. per group (`reconcile`), in three phases: `observe` moves Pending instances to InService
//!    once running (and healthy, with ELB health checks) and registered with the target groups,
//!    and marks instances that failed EC2 or ELB health (after the grace period) Unhealthy and
//!    takes them out; `drain_and_terminate` drains leaving instances from the target groups
//!    before terminating them; `meet_capacity` advances an instance refresh without dropping
//!    below its minimum healthy percentage and launches or terminates to meet the desired
//!    capacity (`capacity_step`), balancing zones, by the termination policies.
//!
//! Every step is persisted before the next; a restart resumes from the records. A failed
//! launch is a Failed activity with EC2's reason, and launching backs off (10 s doubling to
//! 5 min) instead of looping.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use api::ec2::{
    DescribeInstancesRequest, Filter, IamInstanceProfileSpecification, InstanceStateName, LaunchTemplateSpecification,
    ResourceType, RunInstancesRequest, Tag, TagSpecification, TerminateInstancesRequest,
};
use api::elbv2::TargetHealthStateEnum;

use crate::error::{AsgError, Result};
use crate::notify::notify;
use crate::ops::{at, new_id, put_activity};
use crate::placement::{next_placement, past_lifetime, pick_victims, rebalance_surge};
use crate::records::{kind, ActivityRec, GroupRec, HookRec, Lifecycle, MemberRec, RefreshRec, ScheduledRec};
use crate::scaling::{run_predictive, run_schedules, run_trigger, warmup_of};
use crate::traffic;
use crate::{AlarmTrigger, AutoScaling};

const TICK: Duration = Duration::from_millis(500);
/// While instances are on their way in or out, the controller looks more often.
const BUSY_TICK: Duration = Duration::from_millis(100);

pub(crate) fn spawn(asg: Arc<AutoScaling>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let quiet = asg.reset_gate.read().await;
            let outcome = pass(&asg).await;
            drop(quiet);
            let sleep = match outcome {
                Ok(d) => d,
                Err(e) => {
                    tracing::warn!(error = %e, "autoscaling: controller pass failed");
                    TICK
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(sleep) => {}
                _ = asg.wake.notified() => {}
            }
        }
    })
}

/// How long until the next pass: sooner while instances are in transition or a scheduled
/// action is about to fall due (so that it runs on the second).
fn next_sleep(asg: &AutoScaling, now: f64) -> Result<Duration> {
    let (busy, next_due) = asg.read(|tx| {
        let busy = tx.list::<GroupRec>(kind::GROUP, "")?.iter().any(|(_, g)| {
            g.capacity() != g.desired
                || g.members.iter().any(|m| m.lifecycle != Lifecycle::InService && m.lifecycle != Lifecycle::Standby)
        });
        let next =
            tx.list::<ScheduledRec>(kind::SCHEDULED, "")?.into_iter().filter_map(|(_, s)| s.next_run).reduce(f64::min);
        Ok((busy, next))
    })?;
    let mut d = if busy { BUSY_TICK } else { TICK };
    if let Some(t) = next_due {
        let until = Duration::from_secs_f64((t - now).max(0.0));
        d = d.min(until.max(Duration::from_millis(10)));
    }
    Ok(d)
}

/// A new activity of a group, in progress.
pub(crate) fn new_activity(g: &GroupRec, description: String, cause: String, now: f64) -> ActivityRec {
    ActivityRec {
        id: new_id(),
        group: g.name.clone(),
        group_arn: g.arn.clone(),
        description,
        cause,
        start: now,
        end: None,
        status: "InProgress".into(),
        status_message: None,
        progress: 0,
        details: "{}".into(),
    }
}

/// Take member `i` out of service (terminate, detach or standby); returns its activity.
pub(crate) fn begin_leaving(g: &mut GroupRec, i: usize, to: Lifecycle, cause: String, now: f64) -> ActivityRec {
    let id = g.members[i].instance_id.clone();
    let mut act = new_activity(g, format!("Terminating EC2 instance: {id}"), cause, now);
    act.details = json!({"Availability Zone": g.members[i].zone}).to_string();
    let m = &mut g.members[i];
    m.lifecycle = to;
    m.activity = Some(act.id.clone());
    m.draining_since = None;
    act
}

/// Target groups whose members left by DetachLoadBalancerTargetGroups: deregistered on the
/// next pass.
pub(crate) fn deregister_later(asg: &AutoScaling, target_groups: &[String], instances: &[String]) {
    if target_groups.is_empty() || instances.is_empty() {
        return;
    }
    asg.pending_deregistrations
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((target_groups.to_vec(), instances.to_vec()));
}

/// What EC2 says of one instance.
struct Ec2View {
    state: InstanceStateName,
}

/// An instance EC2 does not list any more is gone.
fn state_of(ec2: &HashMap<String, Ec2View>, id: &str) -> InstanceStateName {
    ec2.get(id).map(|v| v.state.clone()).unwrap_or(InstanceStateName::Terminated)
}

/// A target's state in each of the group's traffic sources, by (source, instance).
type TrafficHealth = HashMap<(String, String), TargetHealthStateEnum>;

async fn pass(asg: &AutoScaling) -> Result<Duration> {
    let triggers: Vec<AlarmTrigger> = std::mem::take(&mut *asg.triggers.lock().unwrap_or_else(|e| e.into_inner()));
    for t in triggers {
        if let Err(e) = run_trigger(asg, &t).await {
            tracing::warn!(policy = %t.policy_arn, error = %e, "autoscaling: policy execution failed");
        }
    }
    run_schedules(asg)?;
    run_predictive(asg).await?;
    let deregs: Vec<(Vec<String>, Vec<String>)> =
        std::mem::take(&mut *asg.pending_deregistrations.lock().unwrap_or_else(|e| e.into_inner()));
    for (sources, ids) in deregs {
        for source in sources {
            let _ = traffic::deregister(asg, &source, &ids).await;
        }
    }

    let groups = asg.read(|tx| Ok(tx.list::<GroupRec>(kind::GROUP, "")?))?;
    if groups.is_empty() {
        return next_sleep(asg, asg.now());
    }
    let ids: Vec<String> = groups.iter().flat_map(|(_, g)| g.members.iter().map(|m| m.instance_id.clone())).collect();
    let ec2 = describe_instances(asg, &ids).await?;
    let mut health: TrafficHealth = HashMap::new();
    let mut sources: Vec<String> = groups.iter().flat_map(|(_, g)| g.traffic_sources()).collect();
    sources.sort();
    sources.dedup();
    for source in &sources {
        if let Ok(states) = traffic::health(asg, source).await {
            for (id, state) in states {
                health.insert((source.clone(), id), state);
            }
        }
    }
    for (_, g) in groups {
        if let Err(e) = reconcile(asg, &g.name, &ec2, &health).await {
            tracing::warn!(group = %g.name, error = %e, "autoscaling: reconciling the group failed");
        }
    }
    next_sleep(asg, asg.now())
}

async fn describe_instances(asg: &AutoScaling, ids: &[String]) -> Result<HashMap<String, Ec2View>> {
    let mut out = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let r = asg
        .peers
        .clients()
        .ec2
        .describe_instances(DescribeInstancesRequest {
            filters: Some(vec![Filter { name: Some("instance-id".into()), values: Some(ids.to_vec()) }]),
            max_results: Some(1000),
            ..Default::default()
        })
        .await
        .map_err(AsgError::Peer)?;
    for i in r.reservations.into_iter().flatten().flat_map(|res| res.instances.into_iter().flatten()) {
        let state = i.state.and_then(|s| s.name).unwrap_or_default();
        out.insert(i.instance_id.unwrap_or_default(), Ec2View { state });
    }
    Ok(out)
}

/// Apply `f` to the group's current record and save it (None: the group is gone).
pub(crate) fn update<T>(
    asg: &AutoScaling,
    name: &str,
    f: impl FnOnce(&mut GroupRec, &store::Tx) -> Result<T>,
) -> Result<Option<T>> {
    asg.write(|tx| {
        let Some(mut g) = tx.get::<GroupRec>(kind::GROUP, name)? else { return Ok(None) };
        let out = f(&mut g, tx)?;
        tx.put(kind::GROUP, name, &g)?;
        Ok(Some(out))
    })
}

fn finish_activity(
    tx: &store::Tx,
    group: &str,
    id: &str,
    status: &str,
    message: Option<String>,
    now: f64,
) -> Result<Option<ActivityRec>> {
    for (key, mut a) in tx.list::<ActivityRec>(kind::ACTIVITY, &format!("{group}/"))?.into_iter().rev() {
        if a.id == id {
            a.status = status.into();
            if status == "Successful" || status == "Failed" || status == "Cancelled" {
                a.end = Some(now);
                a.progress = 100;
            }
            if message.is_some() {
                a.status_message = message;
            }
            tx.put(kind::ACTIVITY, &key, &a)?;
            return Ok(Some(a));
        }
    }
    Ok(None)
}

fn uses_elb_health(g: &GroupRec) -> bool {
    g.health_check_type.split(',').any(|t| t.trim() == "ELB") && !g.traffic_sources().is_empty()
}

/// What a group's pass has to tell once its records are saved: notifications of finished
/// activities, and lifecycle hooks' targets of instances that entered a wait state.
#[derive(Default)]
struct Outbox {
    events: Vec<(&'static str, ActivityRec, String)>,
    hook_notices: Vec<(HookRec, String, String)>,
}

/// The group's lifecycle hooks, by transition.
struct Hooks {
    launch: Option<HookRec>,
    terminate: Option<HookRec>,
}

impl Hooks {
    fn of(asg: &AutoScaling, name: &str) -> Result<Hooks> {
        let hooks: Vec<HookRec> = asg.read(|tx| {
            Ok(tx.list::<HookRec>(kind::HOOK, &format!("{name}/"))?.into_iter().map(|(_, h)| h).collect())
        })?;
        let find = |t: &str| hooks.iter().find(|h| h.transition == t).cloned();
        Ok(Hooks {
            launch: find("autoscaling:EC2_INSTANCE_LAUNCHING"),
            terminate: find("autoscaling:EC2_INSTANCE_TERMINATING"),
        })
    }
}

/// One group's pass, in three phases, each persisted before the next.
async fn reconcile(
    asg: &AutoScaling,
    name: &str,
    ec2: &HashMap<String, Ec2View>,
    health: &TrafficHealth,
) -> Result<()> {
    let now = asg.now();
    let hooks = Hooks::of(asg, name)?;
    let mut out = Outbox::default();
    let Some(to_register) = update(asg, name, |g, tx| observe(g, tx, ec2, health, &hooks, &mut out, now))? else {
        return Ok(());
    };
    for source in current_sources(asg, name)? {
        if let Err(e) = traffic::register(asg, &source, &to_register).await {
            tracing::warn!(group = name, error = %e, "autoscaling: registering targets failed");
        }
    }
    let Some(g) = asg.read(|tx| Ok(tx.get::<GroupRec>(kind::GROUP, name)?))? else { return Ok(()) };
    drain_and_terminate(asg, &g, ec2, health, &hooks, &mut out, now).await?;
    meet_capacity(asg, &g, &mut out, now).await?;
    notify(asg, name, out.events).await;
    for (hook, instance, token) in out.hook_notices {
        crate::notify::lifecycle_action(asg, &hook, &instance, &token).await;
    }
    Ok(())
}

/// Phase 1, state and health, from EC2 and the target groups: Pending instances go InService (or to
/// a launch hook's wait) once running, healthy and registered; failed ones are taken out. The
/// instances to register with the group's traffic sources.
fn observe(
    g: &mut GroupRec,
    tx: &store::Tx,
    ec2: &HashMap<String, Ec2View>,
    health: &TrafficHealth,
    hooks: &Hooks,
    out: &mut Outbox,
    now: f64,
) -> Result<Vec<String>> {
    let mut to_register: Vec<String> = Vec::new();
    let launch_hook = &hooks.launch;
    let elb = uses_elb_health(g);
    let grace = g.grace as f64;
    let tgs = g.traffic_sources();
    // AddToLoadBalancer suspended: new instances are launched but not registered, and go
    // InService on EC2's status alone (AWS does not add them later either).
    let add_to_lb = !g.suspended("AddToLoadBalancer");
    for i in 0..g.members.len() {
        let m = &g.members[i];
        let state = state_of(ec2, &m.instance_id);
        let running = state == InstanceStateName::Running;
        let alive = matches!(state, InstanceStateName::Pending | InstanceStateName::Running);
        let past_grace = now >= m.launched_at + grace;
        let target_states: Vec<&TargetHealthStateEnum> =
            tgs.iter().filter_map(|tg| health.get(&(tg.clone(), m.instance_id.clone()))).collect();
        let lb_unhealthy = elb && past_grace && target_states.contains(&&TargetHealthStateEnum::Unhealthy);
        let lb_healthy =
            target_states.len() == tgs.len() && target_states.iter().all(|s| **s == TargetHealthStateEnum::Healthy);
        match m.lifecycle {
            Lifecycle::Pending | Lifecycle::PendingWait | Lifecycle::InService => {
                if !alive && m.healthy {
                    let m = &mut g.members[i];
                    m.healthy = false;
                    m.leave_cause.get_or_insert_with(|| {
                        format!("{} an instance was taken out of service in response to an EC2 instance status check failure.", at(now))
                    });
                } else if lb_unhealthy && m.healthy && m.registered {
                    let m = &mut g.members[i];
                    m.healthy = false;
                    m.leave_cause.get_or_insert_with(|| {
                        format!("{} an instance was taken out of service in response to an ELB system health check failure.", at(now))
                    });
                }
            }
            _ => {}
        }
        let m = &mut g.members[i];
        if m.lifecycle == Lifecycle::Pending && running && m.healthy {
            if let Some(h) = &launch_hook {
                if m.hook_token.is_none() {
                    m.lifecycle = Lifecycle::PendingWait;
                    let token = new_id();
                    m.hook_token = Some(token.clone());
                    m.wait_until = Some(now + h.heartbeat_timeout as f64);
                    out.hook_notices.push((h.clone(), m.instance_id.clone(), token));
                    continue;
                }
            }
            if !tgs.is_empty() && !m.registered && add_to_lb {
                to_register.push(m.instance_id.clone());
                m.registered = true;
                continue;
            }
            if !elb || lb_healthy || !m.registered {
                m.lifecycle = Lifecycle::InService;
                m.in_service_at = Some(now);
                if let Some(a) = m.activity.take() {
                    if let Some(a) = finish_activity(tx, &g.name, &a, "Successful", None, now)? {
                        out.events.push(("autoscaling:EC2_INSTANCE_LAUNCH", a, m.instance_id.clone()));
                    }
                }
            }
        } else if m.lifecycle == Lifecycle::PendingWait {
            // Waiting for CompleteLifecycleAction, or for the heartbeat timeout.
            if let (Some(until), Some(h)) = (m.wait_until, &launch_hook) {
                if now >= until {
                    m.wait_until = None;
                    if h.default_result == "ABANDON" {
                        m.healthy = false;
                        m.leave_cause = Some(format!(
                            "{} an instance was taken out of service because its launch lifecycle action timed out (ABANDON).",
                            at(now)
                        ));
                    } else {
                        m.lifecycle = Lifecycle::Pending;
                    }
                }
            }
        }
    }
    let replace_unhealthy = !g.suspended("HealthCheck") && !g.suspended("ReplaceUnhealthy");
    if replace_unhealthy {
        take_out_unhealthy(g, tx, now)?;
    }
    Ok(to_register)
}

/// Unhealthy instances are taken out (and replaced by the capacity step).
fn take_out_unhealthy(g: &mut GroupRec, tx: &store::Tx, now: f64) -> Result<()> {
    for i in 0..g.members.len() {
        let m = &g.members[i];
        if m.lifecycle.counts() && !m.healthy {
            let cause = m.leave_cause.clone().unwrap_or_else(|| {
                format!("{} an instance was taken out of service in response to a health check failure.", at(now))
            });
            if let Some(a) = g.members[i].activity.take() {
                finish_activity(
                    tx,
                    &g.name,
                    &a,
                    "Cancelled",
                    Some("The instance became unhealthy before it was in service.".into()),
                    now,
                )?;
            }
            let act = begin_leaving(g, i, Lifecycle::Terminating, cause, now);
            put_activity(tx, &act)?;
        }
    }
    Ok(())
}

/// Phase 2, leaving instances: drained from the target groups, then terminated (or detached, or
/// put in standby).
async fn drain_and_terminate(
    asg: &AutoScaling,
    g: &GroupRec,
    ec2: &HashMap<String, Ec2View>,
    health: &TrafficHealth,
    hooks: &Hooks,
    out: &mut Outbox,
    now: f64,
) -> Result<()> {
    let name = g.name.as_str();
    let terminate_hook = &hooks.terminate;
    let mut deregister: Vec<String> = Vec::new();
    let mut terminate: Vec<String> = Vec::new();
    for m in &g.members {
        let leaving = matches!(m.lifecycle, Lifecycle::Terminating | Lifecycle::Detaching | Lifecycle::Standby);
        if leaving && m.registered {
            deregister.push(m.instance_id.clone());
        }
    }
    for source in &g.traffic_sources() {
        let _ = traffic::deregister(asg, source, &deregister).await;
    }
    let ids_in_tgs: Vec<String> = g
        .traffic_sources()
        .iter()
        .flat_map(|tg| {
            health.iter().filter(move |((t, _), _)| t == tg).map(|((_, id), _)| id.clone()).collect::<Vec<_>>()
        })
        .collect();
    update(asg, name, |g, tx| {
        let mut removed = Vec::new();
        for m in g.members.iter_mut() {
            let state = state_of(ec2, &m.instance_id);
            match m.lifecycle {
                Lifecycle::Terminating | Lifecycle::Detaching | Lifecycle::Standby => {
                    if deregister.contains(&m.instance_id) {
                        m.registered = false;
                        m.draining_since = Some(now);
                        if let Some(a) = &m.activity {
                            if m.lifecycle == Lifecycle::Terminating {
                                finish_activity(tx, &g.name, a, "WaitingForELBConnectionDraining", None, now)?;
                            }
                        }
                        continue;
                    }
                    // Drained: no target group lists it any more (or it is dead anyway).
                    let drained = !ids_in_tgs.contains(&m.instance_id)
                        || !matches!(state, InstanceStateName::Running | InstanceStateName::Pending);
                    if !drained {
                        continue;
                    }
                    match m.lifecycle {
                        Lifecycle::Terminating => {
                            if let Some(h) = &terminate_hook {
                                if m.hook_token.is_none() && state == InstanceStateName::Running {
                                    m.lifecycle = Lifecycle::TerminatingWait;
                                    let token = new_id();
                                    m.hook_token = Some(token.clone());
                                    m.wait_until = Some(now + h.heartbeat_timeout as f64);
                                    out.hook_notices.push((h.clone(), m.instance_id.clone(), token));
                                    continue;
                                }
                            }
                            if state == InstanceStateName::Terminated {
                                removed.push(m.instance_id.clone());
                            } else if !m.terminate_sent {
                                terminate.push(m.instance_id.clone());
                                m.terminate_sent = true;
                                if let Some(a) = &m.activity {
                                    finish_activity(tx, &g.name, a, "InProgress", None, now)?;
                                }
                            } else if state == InstanceStateName::Stopped {
                                // A stopped instance is terminated again until EC2 reports it so.
                                terminate.push(m.instance_id.clone());
                            }
                        }
                        Lifecycle::Detaching => removed.push(m.instance_id.clone()),
                        Lifecycle::Standby => {
                            if let Some(a) = m.activity.take() {
                                finish_activity(tx, &g.name, &a, "Successful", None, now)?;
                            }
                        }
                        _ => {}
                    }
                }
                Lifecycle::TerminatingWait if m.wait_until.is_some_and(|u| now >= u) => {
                    m.lifecycle = Lifecycle::Terminating;
                    m.wait_until = None;
                }
                _ => {}
            }
        }
        for id in &removed {
            if let Some(pos) = g.members.iter().position(|m| &m.instance_id == id) {
                let m = g.members.remove(pos);
                if let Some(a) = &m.activity {
                    if let Some(a) = finish_activity(tx, &g.name, a, "Successful", None, now)? {
                        let event =
                            if m.lifecycle == Lifecycle::Detaching { "" } else { "autoscaling:EC2_INSTANCE_TERMINATE" };
                        out.events.push((event, a, m.instance_id.clone()));
                    }
                }
            }
        }
        Ok(())
    })?;
    if !terminate.is_empty() {
        let input = TerminateInstancesRequest { instance_ids: terminate, ..Default::default() };
        if let Err(e) = asg.peers.clients().ec2.terminate_instances(input).await {
            tracing::warn!(group = name, error = %e, "autoscaling: terminating instances failed");
        }
    }
    Ok(())
}

/// Phase 3, instance refresh, then the capacity: launch or terminate to meet the desired; a group
/// being deleted goes once it is empty.
async fn meet_capacity(asg: &AutoScaling, g: &GroupRec, out: &mut Outbox, now: f64) -> Result<()> {
    let name = g.name.as_str();
    advance_refresh(asg, name, now)?;
    let launches = update(asg, name, |g, tx| capacity_step(g, tx, now))?.unwrap_or(0);
    for _ in 0..launches {
        launch_one(asg, name, now, &mut out.events).await?;
    }
    if g.status.is_some() {
        let gone = asg.write(|tx| {
            let Some(g) = tx.get::<GroupRec>(kind::GROUP, name)? else { return Ok(None) };
            if g.members.is_empty() {
                return Ok(Some(crate::ops::remove_group(tx, name)?));
            }
            Ok(None)
        })?;
        if let Some(alarms) = gone {
            crate::ops::drop_alarms(asg, alarms).await;
        }
    }
    Ok(())
}

/// The capacity arithmetic of one pass: instances past their lifetime leave, a zone
/// rebalance may surge, surplus instances are picked to leave; how many to launch.
fn capacity_step(g: &mut GroupRec, tx: &store::Tx, now: f64) -> Result<i64> {
    if g.status.is_some() {
        // Delete in progress: everything leaves; the group goes when it is empty.
        for i in 0..g.members.len() {
            if g.members[i].lifecycle.counts() || g.members[i].lifecycle == Lifecycle::Standby {
                let cause = format!(
                    "{} an instance was taken out of service in response to a user request to delete the group.",
                    at(now)
                );
                let act = begin_leaving(g, i, Lifecycle::Terminating, cause, now);
                put_activity(tx, &act)?;
            }
        }
        return Ok(0);
    }
    if let Some(i) = past_lifetime(g, now).filter(|_| !g.suspended("ReplaceUnhealthy")) {
        let cause = format!(
            "{} an instance was taken out of service in response to a maximum instance lifetime policy.",
            at(now)
        );
        let act = begin_leaving(g, i, Lifecycle::Terminating, cause, now);
        put_activity(tx, &act)?;
    }
    let surge = if g.suspended("AZRebalance") { 0 } else { rebalance_surge(g) };
    if surge > g.rebalance_surge {
        let mut zones: Vec<&str> = g.placements.iter().map(|(_, z)| z.as_str()).collect();
        zones.dedup();
        g.desired_cause = Some(format!(
            "{} instances were launched to balance instances in zones {} with other zones resulting in more than desired number of instances in the group.",
            at(now),
            zones.join(" ")
        ));
    }
    g.rebalance_surge = surge;
    let count = g.capacity();
    // An instance refresh launching ahead, or a zone rebalance, may hold a few beyond the
    // desired capacity.
    let target = g.desired + g.refresh_surge + g.rebalance_surge;
    if count > target && !g.suspended("Terminate") {
        let victims = pick_victims(g, (count - target) as usize, now);
        let mut cap = count;
        for i in victims {
            let first = g.desired_cause.take().map(|c| format!("{c}  ")).unwrap_or_default();
            let cause = format!(
                "{first}{} an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from {cap} to {}.",
                at(now),
                g.desired
            );
            cap -= 1;
            let act = begin_leaving(g, i, Lifecycle::Terminating, cause, now);
            put_activity(tx, &act)?;
        }
        return Ok(0);
    }
    if count < target && !g.suspended("Launch") && now >= g.launch_retry_at {
        return Ok(target - count);
    }
    Ok(0)
}

fn current_sources(asg: &AutoScaling, name: &str) -> Result<Vec<String>> {
    Ok(asg.read(|tx| Ok(tx.get::<GroupRec>(kind::GROUP, name)?))?.map(|g| g.traffic_sources()).unwrap_or_default())
}

async fn launch_one(
    asg: &AutoScaling,
    name: &str,
    now: f64,
    events: &mut Vec<(&'static str, ActivityRec, String)>,
) -> Result<()> {
    let Some(g) = asg.read(|tx| Ok(tx.get::<GroupRec>(kind::GROUP, name)?))? else { return Ok(()) };
    let Some((subnet, zone)) = next_placement(&g) else { return Ok(()) };
    let mut tags = vec![Tag { key: Some("aws:autoscaling:groupName".into()), value: Some(g.name.clone()) }];
    for t in g.tags.iter().filter(|t| t.propagate) {
        tags.push(Tag { key: Some(t.key.clone()), value: Some(t.value.clone()) });
    }
    let mut input = RunInstancesRequest {
        min_count: 1,
        max_count: 1,
        subnet_id: Some(subnet.clone()),
        tag_specifications: Some(vec![TagSpecification {
            resource_type: Some(ResourceType::Instance),
            tags: Some(tags),
        }]),
        ..Default::default()
    };
    if let Some(t) = &g.template {
        input.launch_template = Some(LaunchTemplateSpecification {
            launch_template_id: Some(t.id.clone()),
            version: Some(t.version.clone()),
            ..Default::default()
        });
        if let Some(ty) = g
            .mixed_instances_policy
            .as_ref()
            .and_then(|m| m.pointer("/LaunchTemplate/Overrides/0/InstanceType"))
            .and_then(Value::as_str)
        {
            input.instance_type = Some(ty.into());
        }
    } else if let Some(lc) = &g.launch_configuration {
        let rec = asg.read(|tx| Ok(tx.get::<crate::records::LaunchConfigRec>(kind::LAUNCH_CONFIG, lc)?))?;
        let Some(rec) = rec else { return Ok(()) };
        input.image_id = Some(rec.image_id);
        input.instance_type = Some(rec.instance_type.as_str().into());
        input.key_name = rec.key_name;
        input.security_group_ids = Some(rec.security_groups).filter(|s| !s.is_empty());
        input.user_data = rec.user_data;
        input.iam_instance_profile = rec.iam_instance_profile.map(|p| {
            if p.starts_with("arn:") {
                IamInstanceProfileSpecification { arn: Some(p), name: None }
            } else {
                IamInstanceProfileSpecification { arn: None, name: Some(p) }
            }
        });
    }
    let result = asg.peers.clients().ec2.run_instances(input).await.map_err(AsgError::Peer);
    update(asg, name, |g, tx| {
        let count = g.capacity();
        let first = g.desired_cause.clone().map(|c| format!("{c}  ")).unwrap_or_default();
        let cause = format!(
            "{first}{} an instance was started in response to a difference between desired and actual capacity, increasing the capacity from {count} to {}.",
            at(now),
            g.desired
        );
        match &result {
            Ok(out) => {
                let inst = out.instances.clone().and_then(|l| l.into_iter().next()).unwrap_or_default();
                let id = inst.instance_id.clone().unwrap_or_default();
                let mut act = new_activity(g, format!("Launching a new EC2 instance: {id}"), cause, now);
                act.details = json!({"Subnet ID": subnet, "Availability Zone": zone}).to_string();
                act.status = "PreInService".into();
                act.progress = 30;
                put_activity(tx, &act)?;
                g.members.push(MemberRec {
                    instance_id: id,
                    zone: zone.clone(),
                    instance_type: inst.instance_type.as_ref().map(|t| t.as_str().to_string()).unwrap_or_default(),
                    image_id: inst.image_id.clone().unwrap_or_default(),
                    template: g.template.clone(),
                    launch_configuration: g.launch_configuration.clone(),
                    lifecycle: Lifecycle::Pending,
                    healthy: true,
                    protected: g.new_instances_protected,
                    launched_at: now,
                    in_service_at: None,
                    registered: false,
                    activity: Some(act.id.clone()),
                    leave_cause: None,
                    draining_since: None,
                    terminate_sent: false,
                    wait_until: None,
                    hook_token: None,
                    refresh_replace: false,
                });
                if g.capacity() >= g.desired {
                    g.desired_cause = None;
                }
                g.launch_failures = 0;
                g.launch_retry_at = 0.0;
            }
            Err(e) => {
                let reason = e.message();
                let message = format!("{reason} Launching EC2 instance failed.");
                let mut act =
                    new_activity(g, format!("Launching a new EC2 instance.  Status Reason: {message}"), cause, now);
                act.details = json!({"Subnet ID": subnet, "Availability Zone": zone}).to_string();
                act.status = "Failed".into();
                act.status_message = Some(message);
                act.end = Some(now);
                act.progress = 100;
                put_activity(tx, &act)?;
                g.launch_failures += 1;
                let backoff = (10.0 * 2f64.powi(g.launch_failures as i32 - 1)).min(300.0);
                g.launch_retry_at = now + backoff;
                tracing::warn!(group = %g.name, error = %reason, backoff, "autoscaling: launch failed");
                events.push(("autoscaling:EC2_INSTANCE_LAUNCH_ERROR", act, String::new()));
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// An instance refresh: replace the instances it started with, a few at a time, never taking
/// healthy capacity below its minimum healthy percentage.
fn advance_refresh(asg: &AutoScaling, name: &str, now: f64) -> Result<()> {
    asg.write(|tx| {
        let Some(mut g) = tx.get::<GroupRec>(kind::GROUP, name)? else { return Ok(()) };
        if g.suspended("InstanceRefresh") {
            // A refresh in progress waits until the process is resumed.
            return Ok(());
        }
        let refreshes = tx.list::<RefreshRec>(kind::REFRESH, &format!("{name}/"))?;
        let Some((key, mut r)) = refreshes.into_iter().find(|(_, r)| r.status == "Pending" || r.status == "InProgress")
        else {
            return Ok(());
        };
        r.status = "InProgress".into();
        let warmup = r.instance_warmup.map(|w| w as f64).unwrap_or_else(|| warmup_of(&g, None));
        // Members of the refresh that have left are replaced.
        for id in r.to_replace.clone() {
            if !g.members.iter().any(|m| m.instance_id == id && m.lifecycle.counts()) && !r.replaced.contains(&id) {
                r.replaced.push(id);
            }
        }
        let outstanding: Vec<usize> = (0..g.members.len())
            .filter(|&i| g.members[i].lifecycle.counts() && r.to_replace.contains(&g.members[i].instance_id))
            .collect();
        let leaving = g
            .members
            .iter()
            .filter(|m| m.lifecycle == Lifecycle::Terminating && r.to_replace.contains(&m.instance_id))
            .count();
        let pending = g.members.iter().filter(|m| m.lifecycle.counts() && m.lifecycle != Lifecycle::InService).count();
        // Launch ahead (MaxHealthyPercentage above 100), never more than the old ones left.
        let allowed = (g.desired * r.max_healthy_percentage) / 100 - g.desired;
        g.refresh_surge = allowed.max(0).min(outstanding.len() as i64);
        if outstanding.is_empty() && leaving == 0 && pending == 0 && g.capacity() >= g.desired {
            r.status = "Successful".into();
            r.status_reason = Some("The instance refresh completed successfully.".into());
            r.end = Some(now);
            g.refresh_surge = 0;
            tx.put(kind::GROUP, name, &g)?;
            tx.put(kind::REFRESH, &key, &r)?;
            return Ok(());
        }
        let healthy = g
            .members
            .iter()
            .filter(|m| {
                m.lifecycle == Lifecycle::InService && m.healthy && m.in_service_at.is_some_and(|t| now >= t + warmup)
            })
            .count() as i64;
        let min_healthy = ((g.desired * r.min_healthy_percentage) as f64 / 100.0).ceil() as i64;
        let mut can_take = healthy - min_healthy - pending as i64;
        for i in outstanding {
            if can_take <= 0 {
                break;
            }
            let cause = format!("{} an instance was taken out of service in response to an instance refresh.", at(now));
            let act = begin_leaving(&mut g, i, Lifecycle::Terminating, cause, now);
            put_activity(tx, &act)?;
            can_take -= 1;
        }
        tx.put(kind::GROUP, name, &g)?;
        tx.put(kind::REFRESH, &key, &r)?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{PolicyRec, TemplateRef};
    use crate::scaling::execute;

    fn member(id: &str, zone: &str, launched: f64) -> MemberRec {
        MemberRec {
            instance_id: id.into(),
            zone: zone.into(),
            instance_type: "t3.micro".into(),
            image_id: "ami-1".into(),
            template: Some(TemplateRef { id: "lt-1".into(), name: "kg".into(), version: "1".into() }),
            launch_configuration: None,
            lifecycle: Lifecycle::InService,
            healthy: true,
            protected: false,
            launched_at: launched,
            in_service_at: Some(launched),
            registered: true,
            activity: None,
            leave_cause: None,
            draining_since: None,
            terminate_sent: false,
            wait_until: None,
            hook_token: None,
            refresh_replace: false,
        }
    }

    fn group(members: Vec<MemberRec>) -> GroupRec {
        serde_json::from_value(json!({
            "name": "g", "arn": "arn", "template": {"id": "lt-1", "name": "kg", "version": "1"},
            "launch_configuration": null, "mixed_instances_policy": null,
            "min": 1, "max": 4, "desired": 2, "default_cooldown": 300, "default_instance_warmup": 10,
            "zones": ["z-a", "z-c"], "subnets": [], "placements": [["s-a", "z-a"], ["s-c", "z-c"]],
            "target_groups": [], "load_balancers": [], "health_check_type": "EC2", "grace": 0,
            "termination_policies": ["Default"], "new_instances_protected": false,
            "capacity_rebalance": false, "max_instance_lifetime": null, "tags": [], "created": 0.0,
            "suspended": [], "enabled_metrics": [], "metrics_granularity": null, "status": null,
            "members": serde_json::to_value(members).unwrap(), "last_scaling": 0.0, "desired_cause": null,
            "launch_retry_at": 0.0, "launch_failures": 0, "service_linked_role": "r",
        }))
        .unwrap()
    }

    #[test]
    fn launches_go_to_the_emptiest_zone() {
        let g = group(vec![member("i-1", "z-a", 0.0)]);
        assert_eq!(next_placement(&g).unwrap().1, "z-c");
        let g = group(vec![member("i-1", "z-a", 0.0), member("i-2", "z-c", 0.0), member("i-3", "z-c", 0.0)]);
        assert_eq!(next_placement(&g).unwrap().1, "z-a");
    }

    #[test]
    fn scale_in_balances_zones_and_skips_protected() {
        let mut g = group(vec![member("i-1", "z-a", 0.0), member("i-2", "z-c", 10.0), member("i-3", "z-c", 20.0)]);
        let v = pick_victims(&g, 1, 100.0);
        assert_eq!(g.members[v[0]].zone, "z-c");
        g.members[1].protected = true;
        g.members[2].protected = true;
        let v = pick_victims(&g, 1, 100.0);
        assert_eq!(g.members[v[0]].instance_id, "i-1");
        // Outdated launch template first.
        let mut g = group(vec![member("i-1", "z-a", 0.0), member("i-2", "z-a", 0.0)]);
        g.members[1].template.as_mut().unwrap().version = "0".into();
        assert_eq!(g.members[pick_victims(&g, 1, 5.0)[0]].instance_id, "i-2");
        g.termination_policies = vec!["NewestInstance".into()];
        g.members[1].template = g.template.clone();
        g.members[0].launched_at = 50.0;
        assert_eq!(g.members[pick_victims(&g, 1, 100.0)[0]].instance_id, "i-1");
    }

    #[test]
    fn max_instance_lifetime_replaces_the_oldest_one_at_a_time() {
        let day = 86_400.0;
        let mut g = group(vec![member("i-1", "z-a", 10.0), member("i-2", "z-c", 0.0), member("i-3", "z-c", 5.0)]);
        assert_eq!(past_lifetime(&g, 2.0 * day), None, "no lifetime set");
        g.max_instance_lifetime = Some(86_400);
        assert_eq!(past_lifetime(&g, day - 1.0), None, "none has lived a day yet");
        assert_eq!(g.members[past_lifetime(&g, day + 20.0).unwrap()].instance_id, "i-2");
        g.members[1].protected = true;
        assert_eq!(g.members[past_lifetime(&g, day + 20.0).unwrap()].instance_id, "i-3");
        // While one is still leaving or a replacement is pending, nothing else goes.
        g.members[2].lifecycle = Lifecycle::Terminating;
        assert_eq!(past_lifetime(&g, day + 20.0), None);
        g.members[2].lifecycle = Lifecycle::Pending;
        assert_eq!(past_lifetime(&g, day + 20.0), None);
    }

    #[test]
    fn zones_are_rebalanced_launch_first() {
        let mut g = group(vec![
            member("i-1", "z-a", 0.0),
            member("i-2", "z-a", 1.0),
            member("i-3", "z-a", 2.0),
            member("i-4", "z-c", 3.0),
        ]);
        g.desired = 4;
        assert_eq!(rebalance_surge(&g), 1, "3 against 1: one more, into the emptiest zone");
        assert_eq!(next_placement(&g).unwrap().1, "z-c");
        g.rebalance_surge = 1;
        let mut extra = member("i-5", "z-c", 4.0);
        extra.lifecycle = Lifecycle::Pending;
        g.members.push(extra);
        assert_eq!(rebalance_surge(&g), 1, "held while the new one is pending");
        g.members[4].lifecycle = Lifecycle::InService;
        assert_eq!(rebalance_surge(&g), 0, "the new one serves: scale-in evens the zones");
        g.rebalance_surge = 0;
        let v = pick_victims(&g, 1, 10.0);
        assert_eq!(g.members[v[0]].zone, "z-a");
        // Balanced zones (2 and 2, or 2 and 1) need nothing.
        let g = group(vec![member("i-1", "z-a", 0.0), member("i-2", "z-a", 0.0), member("i-3", "z-c", 0.0)]);
        let mut g3 = g.clone();
        g3.desired = 3;
        assert_eq!(rebalance_surge(&g3), 0);
    }

    #[test]
    fn target_tracking_execution_leaves_warming_instances_out() {
        let mut g = group(vec![member("i-1", "z-a", 0.0), member("i-2", "z-c", 0.0)]);
        let p: PolicyRec = serde_json::from_value(json!({
            "group": "g", "name": "cpu50", "arn": "p", "policy_type": "TargetTrackingScaling",
            "adjustment_type": null, "scaling_adjustment": null, "min_adjustment_magnitude": null,
            "cooldown": null, "steps": [], "metric_aggregation_type": null, "estimated_warmup": null,
            "target_tracking": {"TargetValue": 50.0}, "enabled": true, "alarms": [],
        }))
        .unwrap();
        assert!(execute(
            &mut g,
            &p,
            Some(80.0),
            None,
            "At x a monitor alarm A in state ALARM triggered policy cpu50",
            100.0,
            false
        ));
        assert_eq!(g.desired, 4);
        assert!(g.desired_cause.as_ref().unwrap().ends_with("changing the desired capacity from 2 to 4."));
        // Now 2 warm + 2 warming (just launched): 2 × 90/50 = 3.6 → 4 = what is coming: no change.
        let mut w = member("i-3", "z-a", 100.0);
        w.lifecycle = Lifecycle::Pending;
        w.in_service_at = None;
        g.members.push(w.clone());
        g.members.push(MemberRec { instance_id: "i-4".into(), ..w });
        assert!(!execute(&mut g, &p, Some(90.0), None, "monitor alarm", 101.0, false));
    }
}
