//! UpdateStack: the new template walked in dependency order against the stack's resources.
//! Unchanged resources are kept as they are; new ones are created; changed ones are updated in
//! place where the type allows it, else replaced (the new one created now, the old one deleted
//! in the cleanup once everything succeeded); resources left out of the new template are
//! deleted in the cleanup. A failure rolls every touched resource back, in reverse order, and
//! restores the stack's template, parameters and outputs (UPDATE_ROLLBACK_COMPLETE).

use crate::stack_policy::{self, UpdateAction};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::task::JoinSet;

use crate::engine::{check_exports, imports, outputs};
use crate::ops::stack_resources;
use crate::provision::update::{self, Change};
use crate::provision::{self, Created};
use crate::records::{kind, ResourceRec, StackRec};
use crate::rolling::{self, Rolling};
use crate::template::Resolved;
use crate::CloudFormation;

/// What the update did to one resource, for the cleanup or the rollback. Journaled in the
/// store (`cfn.undo`) as each step starts, so that a restart or ContinueUpdateRollback can
/// finish the rollback.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) enum Touch {
    /// New in this update.
    Created(String),
    /// Updated in place; the record as it was before (and the rolling update that replaced an
    /// Auto Scaling group's instances, to roll them back the same way; and whether unchanged
    /// group sizes are left alone).
    InPlace(ResourceRec, Option<Rolling>, bool),
    /// Replaced; the record of the old resource (still there until the cleanup).
    Replaced(ResourceRec),
    /// Rolled back: the replacement made for it, deleted in the rollback's cleanup.
    Cleanup(ResourceRec),
}

impl Touch {
    fn logical_id(&self) -> &str {
        match self {
            Touch::Created(id) => id,
            Touch::InPlace(o, ..) | Touch::Replaced(o) | Touch::Cleanup(o) => &o.logical_id,
        }
    }
}

#[derive(Default, Serialize, Deserialize)]
struct Journal {
    touched: Vec<Touch>,
}

fn journal(cfn: &CloudFormation, stack_id: &str, touched: &[Touch]) -> Result<(), String> {
    cfn.put(kind::UNDO, stack_id, &Journal { touched: touched.to_vec() }).map_err(|e| e.to_string())
}

pub(crate) fn journaled(cfn: &CloudFormation, stack_id: &str) -> Result<Vec<Touch>, String> {
    Ok(cfn.get::<Journal>(kind::UNDO, stack_id).map_err(|e| e.to_string())?.unwrap_or_default().touched)
}

/// Record a step before it is taken.
fn touch(cfn: &CloudFormation, stack_id: &str, touched: &mut Vec<Touch>, t: Touch) -> Result<(), String> {
    touched.push(t);
    journal(cfn, stack_id, touched)
}

enum Step {
    Create,
    InPlace(ResourceRec, Option<Rolling>, bool),
    Replace(ResourceRec),
}

type Done = (String, Result<Created, String>);

fn key(st: &StackRec, logical: &str) -> String {
    format!("{}|{logical}", st.stack_id)
}

pub async fn update(cfn: &Arc<CloudFormation>, stack_id: &str) -> Result<(), String> {
    let err = |e: store::StoreError| e.to_string();
    let old: HashMap<String, ResourceRec> = stack_resources(cfn, stack_id)
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|r| !matches!(r.status.as_str(), "DELETE_COMPLETE" | "DELETE_SKIPPED"))
        .map(|r| (r.logical_id.clone(), r))
        .collect();
    journal(cfn, stack_id, &[])?;
    let run = match cfn.prepare_run(stack_id).await {
        Ok(r) => r,
        Err(e) => {
            let mut st: StackRec = cfn.get(kind::STACK, stack_id).map_err(err)?.ok_or("stack vanished")?;
            return roll_back(cfn, &mut st, vec![], &e).await;
        }
    };
    let st = run.st.clone();
    let active = run.active();
    // The stack policy (or this update's override) must allow every action the update takes;
    // resources the new template leaves out are deleted at the cleanup, checked now.
    let guard = st.policy_during_update.clone().or_else(|| st.stack_policy.clone());
    if let Some(policy) = &guard {
        let mut removed: Vec<&ResourceRec> = old.values().filter(|r| !active.contains(&r.logical_id)).collect();
        removed.sort_by(|a, b| a.logical_id.cmp(&b.logical_id));
        for r in removed {
            if let Err(reason) = stack_policy::allows(policy, UpdateAction::Delete, &r.logical_id, &r.kind) {
                let mut st = st.clone();
                return roll_back(cfn, &mut st, vec![], &reason).await;
            }
        }
    }
    let mut resolved: HashMap<String, Resolved> = HashMap::new();
    let mut started: HashSet<String> = HashSet::new();
    let mut touched: Vec<Touch> = Vec::new();
    let mut steps: HashMap<String, Step> = HashMap::new();
    let mut failed: Vec<String> = Vec::new();
    let mut tasks: JoinSet<Done> = JoinSet::new();
    let mut cancelled = false;
    loop {
        let mut settled = false;
        // (The request stays until the update ends: a rolling update in flight sees it too.)
        if !cancelled && cfn.cancel_requested.lock().unwrap_or_else(|e| e.into_inner()).contains(stack_id) {
            // CancelUpdateStack: nothing more starts; what waits for signals gives up.
            cancelled = true;
            cfn.stop_waits(stack_id);
        }
        if failed.is_empty() && !cancelled {
            for id in &active {
                if started.contains(id) {
                    continue;
                }
                let deps = &run.graph.deps[id];
                if !deps.iter().all(|d| resolved.contains_key(d) || !active.contains(d)) {
                    continue;
                }
                started.insert(id.clone());
                let decl = run.template.resource(id).expect("declared").clone();
                let scope =
                    cfn.scope(&st, &run.parameters, &run.template.mappings, &run.conditions, &resolved, &run.exports);
                let props = crate::engine::evaluate(&scope, &decl);
                let previous = old.get(id).cloned();
                let props = props.and_then(|(p, c)| rolling::policy(&scope, &decl).map(|u| (p, c, u)));
                let (props, policy, group_policy) = match props {
                    Ok(p) => p,
                    Err(e) => {
                        let mut rec = previous.clone().unwrap_or_else(|| fresh(&decl));
                        rec.status = "UPDATE_FAILED".into();
                        cfn.put_resource(&st, &mut rec, Some(&e)).map_err(err)?;
                        let t = match previous {
                            Some(o) => Touch::Replaced(o),
                            None => Touch::Created(id.clone()),
                        };
                        touch(cfn, stack_id, &mut touched, t)?;
                        failed.push(id.clone());
                        break;
                    }
                };
                let rolling::GroupPolicy { rolling: roll, will_replace, keep_sizes } = group_policy;
                let step = match previous {
                    None => Step::Create,
                    Some(o) if o.kind == decl.kind && o.properties == props => {
                        resolved.insert(
                            id.clone(),
                            Resolved {
                                reference: o.reference.clone().unwrap_or_default(),
                                attributes: o.attributes.clone(),
                            },
                        );
                        settled = true;
                        continue;
                    }
                    Some(o)
                        if o.kind == decl.kind
                            && update::change(&o.kind, &o.properties, &props) == Change::InPlace
                            && !(will_replace && rolling::replaces_instances(&o.properties, &props)) =>
                    {
                        let roll = roll.filter(|_| rolling::replaces_instances(&o.properties, &props));
                        Step::InPlace(o, roll, keep_sizes)
                    }
                    Some(o) => Step::Replace(o),
                };
                let action = match &step {
                    Step::Create => None,
                    Step::InPlace(..) => Some(UpdateAction::Modify),
                    Step::Replace(_) => Some(UpdateAction::Replace),
                };
                if let (Some(guard), Some(action)) = (&guard, action) {
                    if let Err(reason) = stack_policy::allows(guard, action, id, &decl.kind) {
                        let o = old.get(id).cloned().expect("an update or replacement has a previous resource");
                        let mut rec = o.clone();
                        rec.status = "UPDATE_FAILED".into();
                        cfn.put_resource(&st, &mut rec, Some(&reason)).map_err(err)?;
                        touch(cfn, stack_id, &mut touched, Touch::Replaced(o))?;
                        failed.push(id.clone());
                        break;
                    }
                }
                let cx = cfn.cx(&st, id);
                let id = id.clone();
                // Journaled before it starts: a restart rolls back what is under way too.
                let t = match &step {
                    Step::Create => Touch::Created(id.clone()),
                    Step::InPlace(o, roll, keep) => Touch::InPlace(o.clone(), roll.clone(), *keep),
                    Step::Replace(o) => Touch::Replaced(o.clone()),
                };
                let custom_named = matches!(&step, Step::Replace(o) if update::name_property(&o.kind)
                    .and_then(|n| props.get(n).filter(|v| o.properties.get(n) == Some(*v)))
                    .is_some());
                if !custom_named {
                    touch(cfn, stack_id, &mut touched, t)?;
                }
                match &step {
                    Step::Create => {
                        let mut rec = fresh(&decl);
                        rec.properties = props.clone();
                        cfn.put_resource(&st, &mut rec, None).map_err(err)?;
                        cfn.put_resource(&st, &mut rec, Some("Resource creation Initiated")).map_err(err)?;
                        let decl = decl.clone();
                        let (cfn, stack_id) = (cfn.clone(), st.stack_id.clone());
                        tasks.spawn(async move {
                            let out = crate::engine::create_resource(&cfn, &stack_id, &cx, &decl, &props, policy).await;
                            (id.clone(), out)
                        });
                    }
                    Step::InPlace(o, roll, keep) => {
                        let mut rec = o.clone();
                        rec.status = "UPDATE_IN_PROGRESS".into();
                        rec.properties = props.clone();
                        cfn.put_resource(&st, &mut rec, None).map_err(err)?;
                        let o = o.clone();
                        let events = rolling::Events { cfn: cfn.clone(), st: st.clone(), rec };
                        let roll = roll.clone();
                        let target = rolling::sizes_to_set(&o.properties, &props, *keep);
                        tasks.spawn(async move {
                            let physical = o.physical_id.clone().unwrap_or_default();
                            let mut out =
                                update::update(&cx, &o.kind, &physical, &o.properties, &target, &o.attributes).await;
                            if let (Ok(_), Some(r)) = (&out, &roll) {
                                if let Err(e) = rolling::roll(&cx, &events, &physical, r).await {
                                    out = Err(e);
                                }
                            }
                            (id, out)
                        });
                    }
                    Step::Replace(o) => {
                        let named = update::name_property(&o.kind)
                            .and_then(|n| props.get(n).filter(|v| o.properties.get(n) == Some(*v)).map(|_| n));
                        let mut rec = o.clone();
                        rec.kind = decl.kind.clone();
                        if named.is_some() {
                            rec.status = "UPDATE_FAILED".into();
                            let reason = format!("CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename {} and update the stack again.", o.physical_id.as_deref().unwrap_or(id.as_str()));
                            cfn.put_resource(&st, &mut rec, Some(&reason)).map_err(err)?;
                            touch(cfn, stack_id, &mut touched, Touch::Replaced(o.clone()))?;
                            failed.push(id.clone());
                            break;
                        }
                        rec.status = "UPDATE_IN_PROGRESS".into();
                        rec.properties = props.clone();
                        cfn.put_resource(
                            &st,
                            &mut rec,
                            Some("Requested update requires the creation of a new physical resource; hence creating one."),
                        )
                        .map_err(err)?;
                        let decl = decl.clone();
                        let (cfn, stack_id) = (cfn.clone(), st.stack_id.clone());
                        tasks.spawn(async move {
                            let out = crate::engine::create_resource(&cfn, &stack_id, &cx, &decl, &props, policy).await;
                            (id.clone(), out)
                        });
                    }
                }
                steps.insert(decl.logical_id.clone(), step);
            }
        }
        if settled {
            continue;
        }
        if !failed.is_empty() {
            // What waits for signals gives up rather than run out its timeout.
            cfn.stop_waits(stack_id);
        }
        let Some(joined) = tasks.join_next().await else { break };
        let (id, out) = joined.map_err(|e| format!("a resource task ended abnormally: {e}"))?;
        let step = steps.remove(&id).expect("a started step");
        let mut rec: ResourceRec = cfn.get(kind::RESOURCE, &key(&st, &id)).map_err(err)?.ok_or("resource vanished")?;
        let (ok_status, bad_status) = match step {
            Step::Create => ("CREATE_COMPLETE", "CREATE_FAILED"),
            Step::InPlace(..) | Step::Replace(_) => ("UPDATE_COMPLETE", "UPDATE_FAILED"),
        };
        match out {
            Ok(created) => {
                rec.physical_id = Some(created.physical_id.clone());
                rec.reference = Some(created.reference.clone());
                rec.attributes = created.attributes.clone();
                rec.status = ok_status.into();
                cfn.put_resource(&st, &mut rec, None).map_err(err)?;
                resolved.insert(id, Resolved { reference: created.reference, attributes: created.attributes });
            }
            Err(e) => {
                rec.status = bad_status.into();
                cfn.put_resource(&st, &mut rec, Some(&e)).map_err(err)?;
                failed.push(id);
            }
        }
    }
    let mut st: StackRec = cfn.get(kind::STACK, stack_id).map_err(err)?.ok_or("stack vanished")?;
    cfn.cancel_requested.lock().unwrap_or_else(|e| e.into_inner()).remove(stack_id);
    if cancelled {
        return roll_back(cfn, &mut st, touched, "Stack update cancelled").await;
    }
    if !failed.is_empty() {
        let reason = format!("The following resource(s) failed to update: [{}]. ", failed.join(", "));
        return roll_back(cfn, &mut st, touched, &reason).await;
    }
    let st_now = st.clone();
    let scope = cfn.scope(&st_now, &run.parameters, &run.template.mappings, &run.conditions, &resolved, &run.exports);
    match outputs(&run.template, &scope, &run.conditions)
        .and_then(|outs| check_exports(cfn, stack_id, &outs).map(|_| outs))
    {
        Ok(outs) => {
            let imported = imports(&run.template, &scope);
            st.outputs = outs;
            st.imports = imported;
        }
        Err(e) => return roll_back(cfn, &mut st, touched, &format!("Output evaluation failed: {e}")).await,
    }
    cleanup(cfn, &mut st, &touched, &active).await
}

/// The cleanup of a successful update: old resources of replacements, then resources the new
/// template left out (the latest-made first); then UPDATE_COMPLETE.
async fn cleanup(
    cfn: &Arc<CloudFormation>,
    st: &mut StackRec,
    touched: &[Touch],
    active: &[String],
) -> Result<(), String> {
    let err = |e: store::StoreError| e.to_string();
    cfn.set_status(st, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", None).map_err(err)?;
    for t in touched.iter().rev() {
        if let Touch::Replaced(o) = t {
            delete_quietly(cfn, st, o).await;
        }
    }
    let mut removed: Vec<ResourceRec> = stack_resources(cfn, &st.stack_id)
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|r| !matches!(r.status.as_str(), "DELETE_COMPLETE" | "DELETE_SKIPPED"))
        .filter(|r| !active.contains(&r.logical_id))
        .collect();
    removed.sort_by(|a, b| b.updated.total_cmp(&a.updated));
    for mut r in removed {
        if r.deletion_policy.as_deref() == Some("Retain") {
            r.status = "DELETE_SKIPPED".into();
            cfn.put_resource(st, &mut r, None).map_err(err)?;
        } else {
            delete_resource(cfn, st, &mut r).await?;
        }
        cfn.delete(kind::RESOURCE, &key(st, &r.logical_id)).map_err(err)?;
    }
    st.previous = None;
    cfn.set_status(st, "UPDATE_COMPLETE", None).map_err(err)?;
    cfn.delete(kind::UNDO, &st.stack_id).map_err(err)?;
    crate::engine::finish_change_set(cfn, st, "EXECUTE_COMPLETE");
    Ok(())
}

/// After a restart, a stack found UPDATE_COMPLETE_CLEANUP_IN_PROGRESS finishes its cleanup.
pub(crate) async fn resume_cleanup(cfn: &Arc<CloudFormation>, stack_id: &str) -> Result<(), String> {
    let run = cfn.load_run(stack_id)?;
    let mut st = run.st.clone();
    let touched = journaled(cfn, stack_id)?;
    cleanup(cfn, &mut st, &touched, &run.active()).await
}

fn fresh(decl: &crate::template::ResourceDecl) -> ResourceRec {
    ResourceRec {
        logical_id: decl.logical_id.clone(),
        physical_id: None,
        kind: decl.kind.clone(),
        status: "CREATE_IN_PROGRESS".into(),
        reason: None,
        updated: 0.0,
        reference: None,
        attributes: Default::default(),
        properties: Value::Null,
        deletion_policy: decl.deletion_policy.clone(),
    }
}

/// Delete one resource of the stack with its events; the error is kept on the record.
async fn delete_resource(cfn: &Arc<CloudFormation>, st: &StackRec, r: &mut ResourceRec) -> Result<(), String> {
    r.status = "DELETE_IN_PROGRESS".into();
    cfn.put_resource(st, r, None).map_err(|e| e.to_string())?;
    let result = match &r.physical_id {
        Some(p) => provision::delete(&cfn.cx(st, &r.logical_id), &r.kind, p, &r.properties, &r.attributes).await,
        None => Ok(()),
    };
    match result {
        Ok(()) => {
            r.status = "DELETE_COMPLETE".into();
            cfn.put_resource(st, r, None).map_err(|e| e.to_string())
        }
        Err(e) => {
            r.status = "DELETE_FAILED".into();
            cfn.put_resource(st, r, Some(&e)).map_err(|e| e.to_string())
        }
    }
}

/// Delete a replaced resource's old physical resource; only an event records it (the logical
/// resource lives on as its replacement).
async fn delete_quietly(cfn: &Arc<CloudFormation>, st: &StackRec, old: &ResourceRec) {
    let Some(p) = &old.physical_id else { return };
    let mut shown = old.clone();
    shown.status = "DELETE_IN_PROGRESS".into();
    let _ =
        cfn.store.write(|tx| tx.put(kind::EVENT, &cfn.event_key(&st.stack_id), &cfn.resource_event(st, &shown, None)));
    let result = provision::delete(&cfn.cx(st, &old.logical_id), &old.kind, p, &old.properties, &old.attributes).await;
    let reason = result.as_ref().err().cloned();
    shown.status = if result.is_ok() { "DELETE_COMPLETE" } else { "DELETE_FAILED" }.into();
    let _ = cfn.store.write(|tx| {
        tx.put(kind::EVENT, &cfn.event_key(&st.stack_id), &cfn.resource_event(st, &shown, reason.as_deref()))
    });
}

/// Undo what an update did, in reverse order, and put the stack back as it was.
async fn roll_back(
    cfn: &Arc<CloudFormation>,
    st: &mut StackRec,
    touched: Vec<Touch>,
    reason: &str,
) -> Result<(), String> {
    let err = |e: store::StoreError| e.to_string();
    crate::engine::finish_change_set(cfn, st, "EXECUTE_FAILED");
    cfn.set_status(st, "UPDATE_ROLLBACK_IN_PROGRESS", Some(reason)).map_err(err)?;
    journal(cfn, &st.stack_id, &touched)?;
    undo(cfn, st, touched, &[]).await
}

/// Go on with a rollback from its journal: one a restart interrupted (the stack already
/// UPDATE_ROLLBACK_IN_PROGRESS or in its cleanup), or ContinueUpdateRollback's, which skips
/// `skip` (marked UPDATE_COMPLETE as they were before the update, left as they are).
pub(crate) async fn continue_rollback(
    cfn: &Arc<CloudFormation>,
    stack_id: &str,
    skip: &[String],
) -> Result<(), String> {
    let mut st: StackRec = cfn.get(kind::STACK, stack_id).map_err(|e| e.to_string())?.ok_or("stack vanished")?;
    let touched = journaled(cfn, stack_id)?;
    undo(cfn, &mut st, touched, skip).await
}

/// The journal entries a failed rollback left: (logical id, the resource failed to roll back).
pub(crate) fn rollback_failures(cfn: &CloudFormation, stack_id: &str) -> Result<Vec<String>, String> {
    Ok(journaled(cfn, stack_id)?
        .iter()
        .filter(|t| !matches!(t, Touch::Cleanup(_)))
        .map(|t| t.logical_id().to_string())
        .collect())
}

/// After a restart that interrupted an update: what was done is rolled back from the journal.
pub(crate) async fn roll_back_interrupted(
    cfn: &Arc<CloudFormation>,
    stack_id: &str,
    reason: &str,
) -> Result<(), String> {
    let mut st: StackRec = cfn.get(kind::STACK, stack_id).map_err(|e| e.to_string())?.ok_or("stack vanished")?;
    cfn.stop_waits(stack_id);
    let Some(Journal { touched }) = cfn.get::<Journal>(kind::UNDO, stack_id).map_err(|e| e.to_string())? else {
        // An update begun before updates kept a journal: what it did is not known.
        let reason = "The region restarted during the stack update; its resources may be part old, part new";
        return cfn.set_status(&mut st, "UPDATE_ROLLBACK_FAILED", Some(reason)).map_err(|e| e.to_string());
    };
    // Resources the restart left mid-step are reported as failed, as a failed step would be.
    for t in &touched {
        let Some(mut r) =
            cfn.get::<ResourceRec>(kind::RESOURCE, &key(&st, t.logical_id())).map_err(|e| e.to_string())?
        else {
            continue;
        };
        let failed = match r.status.as_str() {
            "CREATE_IN_PROGRESS" => "CREATE_FAILED",
            "UPDATE_IN_PROGRESS" => "UPDATE_FAILED",
            _ => continue,
        };
        r.status = failed.into();
        cfn.put_resource(&st, &mut r, Some("Resource update was interrupted by a restart of the region"))
            .map_err(|e| e.to_string())?;
    }
    roll_back(cfn, &mut st, touched, reason).await
}

async fn undo(
    cfn: &Arc<CloudFormation>,
    st: &mut StackRec,
    touched: Vec<Touch>,
    skip: &[String],
) -> Result<(), String> {
    let err = |e: store::StoreError| e.to_string();
    // What is left to do, kept in the journal as it goes: the entries not reached yet, those
    // that failed to roll back (in their order), and the replacements to delete in the cleanup.
    let mut pending = touched;
    let mut failed: Vec<Touch> = Vec::new();
    let mut cleanups: Vec<Touch> = Vec::new();
    let stack_id = st.stack_id.clone();
    let save = |pending: &[Touch], failed: &[Touch], cleanups: &[Touch]| {
        let mut all: Vec<Touch> = pending.to_vec();
        all.extend(failed.iter().rev().cloned());
        all.extend(cleanups.iter().cloned());
        journal(cfn, &stack_id, &all)
    };
    while let Some(t) = pending.pop() {
        let skipped = skip.iter().any(|s| s == t.logical_id());
        match t {
            Touch::Cleanup(_) => cleanups.push(t),
            Touch::Created(id) => {
                if let Some(mut r) = cfn.get::<ResourceRec>(kind::RESOURCE, &key(st, &id)).map_err(err)? {
                    delete_resource(cfn, st, &mut r).await?;
                    if r.status == "DELETE_COMPLETE" {
                        cfn.delete(kind::RESOURCE, &key(st, &id)).map_err(err)?;
                    } else {
                        failed.push(Touch::Created(id));
                    }
                }
            }
            Touch::InPlace(mut o, roll, keep) if skipped => {
                // Skipped (ContinueUpdateRollback): the stack takes it as it was before the update.
                let _ = (roll, keep);
                o.status = "UPDATE_COMPLETE".into();
                cfn.put_resource(st, &mut o, None).map_err(err)?;
            }
            Touch::InPlace(mut o, roll, keep) => {
                let current: Option<ResourceRec> = cfn.get(kind::RESOURCE, &key(st, &o.logical_id)).map_err(err)?;
                let now = current.as_ref().map(|c| c.properties.clone()).unwrap_or(Value::Null);
                let mut shown = o.clone();
                shown.status = "UPDATE_IN_PROGRESS".into();
                cfn.put_resource(st, &mut shown, None).map_err(err)?;
                let physical = o.physical_id.clone().unwrap_or_default();
                let cx = cfn.cx(st, &o.logical_id);
                // A rolling update a restart interrupted: the group's sizes and processes first.
                let mut out = match rolling::restore(&cx, cfn, st, &o.logical_id).await {
                    Ok(()) => {
                        let target = rolling::sizes_to_set(&now, &o.properties, keep);
                        update::update(&cx, &o.kind, &physical, &now, &target, &o.attributes).await
                    }
                    Err(e) => Err(e),
                };
                if let (Ok(_), Some(r)) = (&out, &roll) {
                    // The instances the update made go too: rolled back the same way.
                    let events = rolling::Events { cfn: cfn.clone(), st: st.clone(), rec: shown.clone() };
                    // Signals cannot arrive once the update failed (its waits are stopped).
                    let r = Rolling { wait_signals: false, ..r.clone() };
                    if let Err(e) = rolling::roll(&cx, &events, &physical, &r).await {
                        out = Err(e);
                    }
                }
                match out {
                    Ok(_) => {
                        o.status = "UPDATE_COMPLETE".into();
                        cfn.put_resource(st, &mut o, None).map_err(err)?;
                    }
                    Err(e) => {
                        // The record keeps the properties the resource may still have, for a retry.
                        let mut r = current.unwrap_or_else(|| o.clone());
                        r.status = "UPDATE_FAILED".into();
                        cfn.put_resource(st, &mut r, Some(&e)).map_err(err)?;
                        failed.push(Touch::InPlace(o, roll, keep));
                    }
                }
            }
            Touch::Replaced(mut o) => {
                // The replacement (if it was made) goes in the cleanup; the old one is back.
                if let Some(new) = cfn.get::<ResourceRec>(kind::RESOURCE, &key(st, &o.logical_id)).map_err(err)? {
                    if new.physical_id.is_some() && new.physical_id != o.physical_id {
                        cleanups.push(Touch::Cleanup(new));
                    }
                }
                o.status = "UPDATE_COMPLETE".into();
                cfn.put_resource(st, &mut o, None).map_err(err)?;
            }
        }
        save(&pending, &failed, &cleanups)?;
    }
    if let Some(prev) = st.previous.take() {
        st.template_body = prev.template_body;
        st.parameters = prev.parameters;
        st.outputs = prev.outputs;
        st.description = prev.description;
    }
    if !failed.is_empty() {
        let mut ids: Vec<&str> = failed.iter().map(Touch::logical_id).collect();
        ids.reverse();
        let reason = format!("The following resource(s) failed to roll back: [{}]. ", ids.join(", "));
        return cfn.set_status(st, "UPDATE_ROLLBACK_FAILED", Some(&reason)).map_err(err);
    }
    cfn.set_status(st, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", None).map_err(err)?;
    for t in cleanups.iter().rev() {
        if let Touch::Cleanup(r) = t {
            delete_quietly(cfn, st, r).await;
        }
    }
    cfn.delete(kind::UNDO, &st.stack_id).map_err(err)?;
    cfn.set_status(st, "UPDATE_ROLLBACK_COMPLETE", None).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_journal_reads_back_what_was_written() {
        // The empty journal an update begins with (written by `ops::begin_update` as JSON).
        let empty: Journal = serde_json::from_value(serde_json::json!({"touched": []})).unwrap();
        assert!(empty.touched.is_empty());
        let rec = ResourceRec {
            logical_id: "Group".into(),
            physical_id: Some("g".into()),
            kind: "AWS::AutoScaling::AutoScalingGroup".into(),
            status: "UPDATE_COMPLETE".into(),
            reason: None,
            updated: 1.0,
            reference: Some("g".into()),
            attributes: Default::default(),
            properties: serde_json::json!({"MinSize": "1"}),
            deletion_policy: None,
        };
        let roll = Rolling {
            max_batch: 1,
            min_in_service: 1,
            min_success_percent: 100.0,
            pause: 0.0,
            pause_text: "PT0S".into(),
            wait_signals: false,
            suspend: vec!["ScheduledActions".into()],
        };
        let touched = vec![
            Touch::Created("Queue".into()),
            Touch::InPlace(rec.clone(), Some(roll.clone()), true),
            Touch::Replaced(rec.clone()),
            Touch::Cleanup(rec),
        ];
        let text = serde_json::to_string(&Journal { touched: touched.clone() }).unwrap();
        let back: Journal = serde_json::from_str(&text).unwrap();
        let ids: Vec<&str> = back.touched.iter().map(Touch::logical_id).collect();
        assert_eq!(ids, ["Queue", "Group", "Group", "Group"]);
        assert!(
            matches!(&back.touched[1], Touch::InPlace(o, Some(r), true) if o.properties == serde_json::json!({"MinSize": "1"}) && *r == roll)
        );
        assert!(matches!(&back.touched[3], Touch::Cleanup(_)));
    }
}
