//! UpdateStack: the new template walked in dependency order against the stack's resources.
//! Unchanged resources are kept as they are; new ones are created; changed ones are updated in
//! place where the type allows it, else replaced (the new one created now, the old one deleted
//! in the cleanup once everything succeeded); resources left out of the new template are
//! deleted in the cleanup. A failure rolls every touched resource back, in reverse order, and
//! restores the stack's template, parameters and outputs (UPDATE_ROLLBACK_COMPLETE).

use crate::stack_policy::{self, UpdateAction};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

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

/// What the update did to one resource, for the cleanup or the rollback.
#[derive(Clone)]
enum Touch {
    /// New in this update.
    Created(String),
    /// Updated in place; the record as it was before (and the rolling update that replaced an
    /// Auto Scaling group's instances, to roll them back the same way).
    InPlace(ResourceRec, Option<Rolling>),
    /// Replaced; the record of the old resource (still there until the cleanup).
    Replaced(ResourceRec),
}

enum Step {
    Create,
    InPlace(ResourceRec, Option<Rolling>),
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
        if !cancelled && cfn.cancel_requested.lock().unwrap_or_else(|e| e.into_inner()).remove(stack_id) {
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
                let (props, policy, (roll, will_replace)) = match props {
                    Ok(p) => p,
                    Err(e) => {
                        let mut rec = previous.clone().unwrap_or_else(|| fresh(&decl));
                        rec.status = "UPDATE_FAILED".into();
                        cfn.put_resource(&st, &mut rec, Some(&e)).map_err(err)?;
                        touched.push(match previous {
                            Some(o) => Touch::Replaced(o),
                            None => Touch::Created(id.clone()),
                        });
                        failed.push(id.clone());
                        break;
                    }
                };
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
                        Step::InPlace(o, roll)
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
                        touched.push(Touch::Replaced(o));
                        failed.push(id.clone());
                        break;
                    }
                }
                let cx = cfn.cx(&st, id);
                let id = id.clone();
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
                    Step::InPlace(o, roll) => {
                        let mut rec = o.clone();
                        rec.status = "UPDATE_IN_PROGRESS".into();
                        rec.properties = props.clone();
                        cfn.put_resource(&st, &mut rec, None).map_err(err)?;
                        let o = o.clone();
                        let events = rolling::Events { cfn: cfn.clone(), st: st.clone(), rec };
                        let roll = roll.clone();
                        tasks.spawn(async move {
                            let physical = o.physical_id.clone().unwrap_or_default();
                            let mut out =
                                update::update(&cx, &o.kind, &physical, &o.properties, &props, &o.attributes).await;
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
                            touched.push(Touch::Replaced(o.clone()));
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
        let (ok_status, bad_status, touch) = match step {
            Step::Create => ("CREATE_COMPLETE", "CREATE_FAILED", Touch::Created(id.clone())),
            Step::InPlace(o, roll) => ("UPDATE_COMPLETE", "UPDATE_FAILED", Touch::InPlace(o, roll)),
            Step::Replace(o) => ("UPDATE_COMPLETE", "UPDATE_FAILED", Touch::Replaced(o)),
        };
        touched.push(touch);
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
    cfn.set_status(&mut st, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", None).map_err(err)?;
    // The cleanup: old resources of replacements, then resources the new template left out
    // (the latest-made first).
    for t in touched.iter().rev() {
        if let Touch::Replaced(o) = t {
            delete_quietly(cfn, &st, o).await;
        }
    }
    let mut removed: Vec<&ResourceRec> = old.values().filter(|r| !active.contains(&r.logical_id)).collect();
    removed.sort_by(|a, b| b.updated.total_cmp(&a.updated));
    for r in removed {
        let mut r = r.clone();
        if r.deletion_policy.as_deref() == Some("Retain") {
            r.status = "DELETE_SKIPPED".into();
            cfn.put_resource(&st, &mut r, None).map_err(err)?;
        } else {
            delete_resource(cfn, &st, &mut r).await?;
        }
        cfn.delete(kind::RESOURCE, &key(&st, &r.logical_id)).map_err(err)?;
    }
    st.previous = None;
    cfn.set_status(&mut st, "UPDATE_COMPLETE", None).map_err(err)?;
    crate::engine::finish_change_set(cfn, &st, "EXECUTE_COMPLETE");
    Ok(())
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
    let mut new_physicals: Vec<ResourceRec> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    for t in touched.into_iter().rev() {
        match t {
            Touch::Created(id) => {
                if let Some(mut r) = cfn.get::<ResourceRec>(kind::RESOURCE, &key(st, &id)).map_err(err)? {
                    delete_resource(cfn, st, &mut r).await?;
                    if r.status == "DELETE_COMPLETE" {
                        cfn.delete(kind::RESOURCE, &key(st, &id)).map_err(err)?;
                    } else {
                        failures.push(id);
                    }
                }
            }
            Touch::InPlace(mut o, roll) => {
                let current: Option<ResourceRec> = cfn.get(kind::RESOURCE, &key(st, &o.logical_id)).map_err(err)?;
                let now = current.map(|c| c.properties).unwrap_or(Value::Null);
                let mut shown = o.clone();
                shown.status = "UPDATE_IN_PROGRESS".into();
                cfn.put_resource(st, &mut shown, None).map_err(err)?;
                let physical = o.physical_id.clone().unwrap_or_default();
                let cx = cfn.cx(st, &o.logical_id);
                let mut out = update::update(&cx, &o.kind, &physical, &now, &o.properties, &o.attributes).await;
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
                        o.status = "UPDATE_FAILED".into();
                        cfn.put_resource(st, &mut o, Some(&e)).map_err(err)?;
                        failures.push(o.logical_id.clone());
                    }
                }
            }
            Touch::Replaced(mut o) => {
                // The replacement (if it was made) goes in the cleanup; the old one is back.
                if let Some(new) = cfn.get::<ResourceRec>(kind::RESOURCE, &key(st, &o.logical_id)).map_err(err)? {
                    if new.physical_id.is_some() && new.physical_id != o.physical_id {
                        new_physicals.push(new);
                    }
                }
                o.status = "UPDATE_COMPLETE".into();
                cfn.put_resource(st, &mut o, None).map_err(err)?;
            }
        }
    }
    if let Some(prev) = st.previous.take() {
        st.template_body = prev.template_body;
        st.parameters = prev.parameters;
        st.outputs = prev.outputs;
        st.description = prev.description;
    }
    if !failures.is_empty() {
        let reason = format!("The following resource(s) failed to roll back: [{}]. ", failures.join(", "));
        return cfn.set_status(st, "UPDATE_ROLLBACK_FAILED", Some(&reason)).map_err(err);
    }
    cfn.set_status(st, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", None).map_err(err)?;
    for r in new_physicals.iter().rev() {
        delete_quietly(cfn, st, r).await;
    }
    cfn.set_status(st, "UPDATE_ROLLBACK_COMPLETE", None).map_err(err)
}
