//! The stack engine: one tokio task per stack operation. Creation walks the dependency graph,
//! starting every resource whose dependencies are complete (so independent ones are created
//! concurrently); a failure stops new work and rolls back (deleting what was created, in
//! reverse dependency order) unless rollback is disabled. Deletion runs the graph backwards
//! and keeps resources with `DeletionPolicy: Retain`. Every step is persisted with its event,
//! so a restart finds each stack where it was ([`resume`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use serde_json::Value;
use tokio::task::JoinSet;

use crate::ops::stack_resources;
use crate::provision::{self, Cx};
use crate::records::{kind, ChangeSetRec, OutputRec, ResourceRec, StackRec};
use crate::signals;
use crate::template::graph::Graph;
use crate::template::{evaluate_conditions, Resolved, Scope, Template};
use crate::CloudFormation;

pub fn start_create(cfn: &Arc<CloudFormation>, stack_id: &str) {
    spawn(cfn, stack_id, Op::Create);
}

pub fn start_update(cfn: &Arc<CloudFormation>, stack_id: &str) {
    spawn(cfn, stack_id, Op::Update);
}

pub fn start_delete(cfn: &Arc<CloudFormation>, stack_id: &str) {
    spawn(cfn, stack_id, Op::Delete);
}

/// ContinueUpdateRollback: the rollback goes on from its journal, skipping `skip` (once the
/// failed rollback's task has let go of the stack, if it has not yet).
pub fn start_continue_rollback(cfn: &Arc<CloudFormation>, stack_id: &str, skip: Vec<String>) {
    if spawn(cfn, stack_id, Op::ContinueRollback(skip.clone())) {
        return;
    }
    let (cfn, id) = (cfn.clone(), stack_id.to_string());
    tokio::spawn(async move {
        for _ in 0..1200 {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            if spawn(&cfn, &id, Op::ContinueRollback(skip.clone())) {
                return;
            }
        }
        tracing::error!(stack = %id, "cloudformation: ContinueUpdateRollback never started: the stack stayed busy");
    });
}

enum Op {
    Create,
    Update,
    Delete,
    Rollback,
    /// An update rollback goes on from its journal (ContinueUpdateRollback; after a restart).
    ContinueRollback(Vec<String>),
    /// An update a restart interrupted is rolled back from its journal.
    InterruptedUpdate,
    /// An update's cleanup a restart interrupted is finished.
    UpdateCleanup,
}

/// Start the operation unless one runs on the stack already (then false).
fn spawn(cfn: &Arc<CloudFormation>, stack_id: &str, op: Op) -> bool {
    if !cfn.busy.lock().unwrap_or_else(|e| e.into_inner()).insert(stack_id.to_string()) {
        return false;
    }
    let (task_cfn, id) = (cfn.clone(), stack_id.to_string());
    let cfn = task_cfn.clone();
    let task = tokio::spawn(async move {
        let result = match op {
            Op::Create => create(&cfn, &id).await,
            Op::Update => crate::stack_update::update(&cfn, &id).await,
            Op::Delete => delete(&cfn, &id, false).await,
            Op::Rollback => delete(&cfn, &id, true).await,
            Op::ContinueRollback(skip) => crate::stack_update::continue_rollback(&cfn, &id, &skip).await,
            Op::InterruptedUpdate => {
                let reason = "The region restarted during the stack update; what it changed is rolled back";
                crate::stack_update::roll_back_interrupted(&cfn, &id, reason).await
            }
            Op::UpdateCleanup => crate::stack_update::resume_cleanup(&cfn, &id).await,
        };
        if let Err(e) = result {
            tracing::error!(stack = %id, error = %e, "stack operation failed");
        }
        cfn.busy.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
        cfn.waits_stopped.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
    });
    let mut running = task_cfn.operations.lock().unwrap_or_else(|e| e.into_inner());
    running.retain(|t| !t.is_finished());
    running.push(task);
    true
}

/// After a restart: finish deletes and rollbacks; roll back creates (their in-flight
/// resources are reported as interrupted).
pub fn resume(cfn: &Arc<CloudFormation>) {
    let stacks: Vec<(String, StackRec)> = match cfn.list(kind::STACK, "") {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "cloudformation: stacks not readable at start");
            return;
        }
    };
    for (_, mut st) in stacks {
        match st.status.as_str() {
            "DELETE_IN_PROGRESS" => {
                spawn(cfn, &st.stack_id, Op::Delete);
            }
            "ROLLBACK_IN_PROGRESS" => {
                spawn(cfn, &st.stack_id, Op::Rollback);
            }
            "CREATE_IN_PROGRESS" if resumable(cfn, &st) => {
                spawn(cfn, &st.stack_id, Op::Create);
            }
            "CREATE_IN_PROGRESS" => {
                let reason = "The region restarted while the stack was being created";
                let _ = interrupt_resources(cfn, &st);
                if st.disable_rollback {
                    let _ = cfn.set_status(&mut st, "CREATE_FAILED", Some(reason));
                } else {
                    let _ = cfn.set_status(
                        &mut st,
                        "ROLLBACK_IN_PROGRESS",
                        Some(&format!("{reason}. Rollback requested by user.")),
                    );
                    spawn(cfn, &st.stack_id, Op::Rollback);
                }
            }
            // An update: what it did is rolled back from its journal (a rolling update's group
            // gets its sizes and processes back); a rollback goes on; a cleanup is finished.
            "UPDATE_IN_PROGRESS" => {
                spawn(cfn, &st.stack_id, Op::InterruptedUpdate);
            }
            "UPDATE_ROLLBACK_IN_PROGRESS" | "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS" => {
                spawn(cfn, &st.stack_id, Op::ContinueRollback(vec![]));
            }
            "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS" => {
                spawn(cfn, &st.stack_id, Op::UpdateCleanup);
            }
            _ => {}
        }
    }
}

/// A create that a restart found with nothing in flight but resources waiting for signals
/// (their services had made them) goes on, the waits with the time they had left.
fn resumable(cfn: &CloudFormation, st: &StackRec) -> bool {
    let Ok(resources) = stack_resources(cfn, &st.stack_id) else { return false };
    let mut waits = 0;
    for r in &resources {
        match r.status.as_str() {
            "CREATE_COMPLETE" => {}
            "CREATE_IN_PROGRESS" if signals::waiting(cfn, &st.stack_id, &r.logical_id) => waits += 1,
            _ => return false,
        }
    }
    waits > 0
}

/// Resources left CREATE_IN_PROGRESS by a restart become CREATE_FAILED.
fn interrupt_resources(cfn: &CloudFormation, st: &StackRec) -> Result<(), crate::error::CfnError> {
    for mut r in stack_resources(cfn, &st.stack_id)? {
        if r.status == "CREATE_IN_PROGRESS" {
            r.status = "CREATE_FAILED".into();
            let reason = if r.physical_id.is_some() {
                "Resource creation was interrupted by a restart of the region"
            } else {
                "Resource creation was interrupted by a restart of the region before its service answered; \
                 anything that call made may need deleting by hand"
            };
            cfn.put_resource(st, &mut r, Some(reason))?;
        }
    }
    Ok(())
}

type Done = (String, Result<provision::Created, String>);

pub(crate) struct Run {
    pub st: StackRec,
    pub template: Template,
    pub graph: Graph,
    pub parameters: BTreeMap<String, Value>,
    pub conditions: HashMap<String, bool>,
    /// Other live stacks' exports.
    pub exports: HashMap<String, String>,
}

impl Run {
    /// The logical ids of the resources whose Condition holds (or that have none).
    pub(crate) fn active(&self) -> Vec<String> {
        self.template
            .resources
            .iter()
            .filter(|r| r.condition.as_ref().is_none_or(|c| self.conditions.get(c).copied().unwrap_or(false)))
            .map(|r| r.logical_id.clone())
            .collect()
    }
}

/// Create one resource, by create and by update alike. A resource with a CreationPolicy waits,
/// once its service has made it, for its signals (`signals.rs`); CloudFormation's own wait
/// conditions are made here.
pub(crate) async fn create_resource(
    cfn: &Arc<CloudFormation>,
    stack_id: &str,
    cx: &provision::Cx,
    decl: &crate::template::ResourceDecl,
    props: &Value,
    policy: Option<signals::Policy>,
) -> Result<provision::Created, String> {
    if decl.kind.starts_with("AWS::CloudFormation::Wait") {
        return signals::create_cloudformation_resource(cfn, stack_id, decl, props, policy).await;
    }
    let Some(policy) = policy else { return provision::create(cx, &decl.kind, props).await };
    if !matches!(decl.kind.as_str(), "AWS::EC2::Instance" | "AWS::AutoScaling::AutoScalingGroup") {
        return Err(format!("CreationPolicy is not supported for resources of type {}", decl.kind));
    }
    signals::start_wait(cfn, stack_id, &decl.logical_id, &policy)?;
    // A FAILURE signal or the timeout ends the creation even while the service is still making
    // the resource (what it made so far is deleted by the rollback, its physical id noted).
    let created = tokio::select! {
        created = provision::create(cx, &decl.kind, props) => created?,
        failed = signals::until_failed(cfn, stack_id, &decl.logical_id) => return Err(failed),
    };
    cx.exists(&created.physical_id);
    signals::made(cfn, stack_id, &decl.logical_id, created).await
}

/// A resource's properties and CreationPolicy, evaluated.
pub(crate) fn evaluate(
    scope: &Scope,
    decl: &crate::template::ResourceDecl,
) -> Result<(Value, Option<signals::Policy>), String> {
    let props = scope.eval(&decl.properties)?.unwrap_or(Value::Object(Default::default()));
    Ok((props, signals::policy(scope, decl)?))
}

impl CloudFormation {
    pub(crate) fn load_run(&self, stack_id: &str) -> Result<Run, String> {
        let st: StackRec = self.get(kind::STACK, stack_id).map_err(|e| e.to_string())?.ok_or("stack vanished")?;
        let template = Template::parse(&st.template_body)?;
        let graph = Graph::of(&template)?;
        let parameters = template.resolve_parameters(&st.parameters)?;
        let exports = self.exports(Some(stack_id)).map_err(|e| e.to_string())?;
        let empty = HashMap::new();
        let none = HashMap::new();
        let scope = self.scope(&st, &parameters, &template.mappings, &empty, &none, &exports);
        let conditions = evaluate_conditions(&template, &scope)?;
        Ok(Run { st, template, graph, parameters, conditions, exports })
    }

    /// [`Self::load_run`], then the values of `AWS::SSM::Parameter::Value<…>` parameters read
    /// from Parameter Store as the stack's caller (and the conditions evaluated again).
    pub(crate) async fn prepare_run(self: &Arc<Self>, stack_id: &str) -> Result<Run, String> {
        let mut run = self.load_run(stack_id)?;
        let ssm: Vec<(String, bool)> = run
            .template
            .parameters
            .iter()
            .filter_map(|p| {
                let inner = p.kind.strip_prefix("AWS::SSM::Parameter::Value<")?.strip_suffix('>')?;
                Some((p.name.clone(), inner.starts_with("List<") || inner == "CommaDelimitedList"))
            })
            .collect();
        if ssm.is_empty() {
            return Ok(run);
        }
        let cx = self.cx(&run.st, "Parameters");
        for (name, list) in ssm {
            let key = run.parameters.get(&name).map(crate::template::eval::scalar_text).unwrap_or_default();
            let value = provision::dynamic::ssm_parameter(&cx, &key)
                .await
                .map_err(|_| format!("Unable to fetch parameters [{key}] from parameter store for this account."))?;
            let value = if list {
                Value::Array(value.split(',').map(|s| Value::String(s.trim().to_string())).collect())
            } else {
                Value::String(value)
            };
            run.parameters.insert(name, value);
        }
        let (empty, none) = (HashMap::new(), HashMap::new());
        let scope = self.scope(&run.st, &run.parameters, &run.template.mappings, &empty, &none, &run.exports);
        run.conditions = evaluate_conditions(&run.template, &scope)?;
        Ok(run)
    }

    /// Every live stack's exports (name → (value, exporting stack id)), but `except`'s.
    pub(crate) fn exports_by_stack(
        &self,
        except: Option<&str>,
    ) -> Result<HashMap<String, (String, String)>, store::StoreError> {
        let mut out = HashMap::new();
        for (_, s) in self.list::<StackRec>(kind::STACK, "")? {
            if s.status == "DELETE_COMPLETE" || Some(s.stack_id.as_str()) == except {
                continue;
            }
            for o in &s.outputs {
                if let Some(n) = &o.export_name {
                    out.insert(n.clone(), (o.value.clone(), s.stack_id.clone()));
                }
            }
        }
        Ok(out)
    }

    pub(crate) fn exports(&self, except: Option<&str>) -> Result<HashMap<String, String>, store::StoreError> {
        Ok(self.exports_by_stack(except)?.into_iter().map(|(k, (v, _))| (k, v)).collect())
    }

    pub(crate) fn scope<'a>(
        &'a self,
        st: &'a StackRec,
        parameters: &'a BTreeMap<String, Value>,
        mappings: &'a Value,
        conditions: &'a HashMap<String, bool>,
        resources: &'a HashMap<String, Resolved>,
        exports: &'a HashMap<String, String>,
    ) -> Scope<'a> {
        Scope {
            stack_name: &st.name,
            stack_id: &st.stack_id,
            region: &self.config.region,
            account: &self.config.account,
            parameters,
            mappings,
            conditions,
            resources,
            exports,
        }
    }

    pub(crate) fn set_status(
        &self,
        st: &mut StackRec,
        status: &str,
        reason: Option<&str>,
    ) -> Result<(), store::StoreError> {
        st.status = status.into();
        st.reason = reason.map(String::from);
        if status == "DELETE_COMPLETE" {
            st.deleted = Some(self.now());
        }
        self.store.write(|tx| {
            tx.put(kind::STACK, &st.stack_id, st)?;
            let ev = self.stack_event(st, status, reason);
            tx.put(kind::EVENT, &self.event_key(&st.stack_id), &ev)
        })
    }

    pub(crate) fn put_resource(
        &self,
        st: &StackRec,
        r: &mut ResourceRec,
        reason: Option<&str>,
    ) -> Result<(), store::StoreError> {
        r.updated = self.now();
        r.reason = reason.map(String::from);
        self.store.write(|tx| {
            tx.put(kind::RESOURCE, &format!("{}|{}", st.stack_id, r.logical_id), &*r)?;
            let ev = self.resource_event(st, r, reason);
            tx.put(kind::EVENT, &self.event_key(&st.stack_id), &ev)
        })
    }

    pub(crate) fn cx(self: &Arc<Self>, st: &StackRec, logical_id: &str) -> Cx {
        let (cfn, stack_id, logical) = (Arc::downgrade(self), st.stack_id.clone(), logical_id.to_string());
        let on_physical = Arc::new(move |physical: &str| {
            let Some(cfn) = cfn.upgrade() else { return };
            let key = format!("{stack_id}|{logical}");
            let noted = cfn.store.write(|tx| {
                if let Some(mut r) = tx.get::<ResourceRec>(kind::RESOURCE, &key)? {
                    r.physical_id = Some(physical.to_string());
                    tx.put(kind::RESOURCE, &key, &r)?;
                }
                Ok::<(), store::StoreError>(())
            });
            if let Err(e) = noted {
                tracing::error!(error = %e, key, "cloudformation: physical id not recorded");
            }
        });
        Cx {
            stack_tags: st.tags.clone(),
            on_physical,
            services: self.services.clone(),
            caller: st.caller.principal(),
            stack_name: st.name.clone(),
            logical_id: logical_id.to_string(),
            region: self.config.region.clone(),
            account: self.config.account.clone(),
            deletion_policy: None,
        }
    }
}

async fn create(cfn: &Arc<CloudFormation>, stack_id: &str) -> Result<(), String> {
    let mut run = match cfn.prepare_run(stack_id).await {
        Ok(r) => r,
        Err(e) => {
            let mut st: StackRec =
                cfn.get(kind::STACK, stack_id).map_err(|e| e.to_string())?.ok_or("stack vanished")?;
            return fail_create(cfn, &mut st, &format!("{e} ")).await;
        }
    };
    let active = run.active();
    let mut resolved: HashMap<String, Resolved> = HashMap::new();
    let mut started: HashSet<String> = HashSet::new();
    let mut failed: Vec<String> = Vec::new();
    let mut cancelled = cfn.delete_requested.lock().unwrap_or_else(|e| e.into_inner()).contains(stack_id);
    let mut tasks: JoinSet<Done> = JoinSet::new();
    // Resumed after a restart: what was made stays, and resources waiting for signals go on
    // waiting (with the time they had left).
    for r in stack_resources(cfn, stack_id).map_err(|e| e.to_string())? {
        match r.status.as_str() {
            "CREATE_COMPLETE" => {
                let reference = r.reference.clone().unwrap_or_default();
                resolved.insert(r.logical_id.clone(), Resolved { reference, attributes: r.attributes.clone() });
                started.insert(r.logical_id);
            }
            "CREATE_IN_PROGRESS" => {
                started.insert(r.logical_id.clone());
                let (cfn, stack_id) = (cfn.clone(), stack_id.to_string());
                tasks.spawn(async move {
                    let out = signals::await_signals(&cfn, &stack_id, &r.logical_id).await;
                    (r.logical_id, out)
                });
            }
            _ => {}
        }
    }
    loop {
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
                let scope = cfn.scope(
                    &run.st,
                    &run.parameters,
                    &run.template.mappings,
                    &run.conditions,
                    &resolved,
                    &run.exports,
                );
                let mut rec = ResourceRec {
                    logical_id: id.clone(),
                    physical_id: None,
                    kind: decl.kind.clone(),
                    status: "CREATE_IN_PROGRESS".into(),
                    reason: None,
                    updated: 0.0,
                    reference: None,
                    attributes: Default::default(),
                    properties: Value::Null,
                    deletion_policy: decl.deletion_policy.clone(),
                };
                let props = evaluate(&scope, &decl);
                cfn.put_resource(&run.st, &mut rec, None).map_err(|e| e.to_string())?;
                let (props, policy) = match props {
                    Ok(p) => p,
                    Err(e) => {
                        rec.status = "CREATE_FAILED".into();
                        cfn.put_resource(&run.st, &mut rec, Some(&e)).map_err(|e| e.to_string())?;
                        failed.push(id.clone());
                        break;
                    }
                };
                rec.properties = props.clone();
                cfn.put_resource(&run.st, &mut rec, Some("Resource creation Initiated")).map_err(|e| e.to_string())?;
                let cx = cfn.cx(&run.st, id);
                let id = id.clone();
                let (cfn, stack_id) = (cfn.clone(), stack_id.to_string());
                tasks.spawn(async move {
                    let out = create_resource(&cfn, &stack_id, &cx, &decl, &props, policy).await;
                    (id, out)
                });
            }
        }
        // Wait for the next resource, watching for a DeleteStack that cancels the creation.
        let joined = loop {
            if !cancelled && cfn.delete_requested.lock().unwrap_or_else(|e| e.into_inner()).contains(stack_id) {
                cancelled = true;
                tasks.abort_all();
            }
            if !failed.is_empty() {
                cfn.stop_waits(stack_id);
            }
            if let Ok(j) = tokio::time::timeout(std::time::Duration::from_millis(250), tasks.join_next()).await {
                break j;
            }
        };
        let Some(joined) = joined else { break };
        let (id, out) = match joined {
            Ok(done) => done,
            Err(e) if e.is_cancelled() => continue,
            Err(e) => return Err(format!("a resource task ended abnormally: {e}")),
        };
        let key = format!("{}|{id}", run.st.stack_id);
        let mut rec: ResourceRec =
            cfn.get(kind::RESOURCE, &key).map_err(|e| e.to_string())?.ok_or("resource vanished")?;
        match out {
            Ok(created) => {
                rec.physical_id = Some(created.physical_id.clone());
                rec.reference = Some(created.reference.clone());
                rec.attributes = created.attributes.clone();
                rec.status = "CREATE_COMPLETE".into();
                cfn.put_resource(&run.st, &mut rec, None).map_err(|e| e.to_string())?;
                resolved.insert(id, Resolved { reference: created.reference, attributes: created.attributes });
            }
            Err(e) => {
                rec.status = "CREATE_FAILED".into();
                cfn.put_resource(&run.st, &mut rec, Some(&e)).map_err(|e| e.to_string())?;
                failed.push(id);
            }
        }
    }
    if cancelled || cfn.delete_requested.lock().unwrap_or_else(|e| e.into_inner()).remove(stack_id) {
        cfn.delete_requested.lock().unwrap_or_else(|e| e.into_inner()).remove(stack_id);
        let mut st: StackRec = cfn.get(kind::STACK, stack_id).map_err(|e| e.to_string())?.ok_or("stack vanished")?;
        for mut r in stack_resources(cfn, stack_id).map_err(|e| e.to_string())? {
            if r.status == "CREATE_IN_PROGRESS" {
                r.status = "CREATE_FAILED".into();
                cfn.put_resource(&st, &mut r, Some("Resource creation cancelled")).map_err(|e| e.to_string())?;
            }
        }
        finish_change_set(cfn, &st, "EXECUTE_FAILED");
        cfn.set_status(&mut st, "DELETE_IN_PROGRESS", Some("User Initiated")).map_err(|e| e.to_string())?;
        return delete(cfn, stack_id, false).await;
    }
    if failed.is_empty() {
        let scope =
            cfn.scope(&run.st, &run.parameters, &run.template.mappings, &run.conditions, &resolved, &run.exports);
        match outputs(&run.template, &scope, &run.conditions)
            .and_then(|outs| check_exports(cfn, stack_id, &outs).map(|_| outs))
        {
            Ok(outs) => {
                let mut st: StackRec =
                    cfn.get(kind::STACK, stack_id).map_err(|e| e.to_string())?.ok_or("stack vanished")?;
                st.outputs = outs;
                st.imports = imports(&run.template, &scope);
                cfn.set_status(&mut st, "CREATE_COMPLETE", None).map_err(|e| e.to_string())?;
                finish_change_set(cfn, &st, "EXECUTE_COMPLETE");
                return Ok(());
            }
            Err(e) => {
                let mut st = run.st.clone();
                return fail_create(cfn, &mut st, &format!("Output evaluation failed: {e}")).await;
            }
        }
    }
    let reason = format!("The following resource(s) failed to create: [{}]. ", failed.join(", "));
    fail_create(cfn, &mut run.st, &reason).await
}

async fn fail_create(cfn: &Arc<CloudFormation>, st: &mut StackRec, reason: &str) -> Result<(), String> {
    finish_change_set(cfn, st, "EXECUTE_FAILED");
    if st.disable_rollback {
        return cfn.set_status(st, "CREATE_FAILED", Some(reason)).map_err(|e| e.to_string());
    }
    cfn.set_status(st, "ROLLBACK_IN_PROGRESS", Some(&format!("{reason}Rollback requested by user.")))
        .map_err(|e| e.to_string())?;
    delete(cfn, &st.stack_id, true).await
}

pub(crate) fn finish_change_set(cfn: &CloudFormation, st: &StackRec, status: &str) {
    let Some(arn) = &st.change_set else { return };
    if let Ok(Some(mut c)) = cfn.get::<ChangeSetRec>(kind::CHANGE_SET, arn) {
        c.execution_status = status.into();
        let _ = cfn.put(kind::CHANGE_SET, arn, &c);
    }
}

/// The export names a stack's template imports, resolved.
pub(crate) fn imports(t: &Template, scope: &Scope) -> Vec<String> {
    fn walk(v: &Value, scope: &Scope, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let (1, Some(arg)) = (m.len(), m.get("Fn::ImportValue")) {
                    if let Ok(name) = scope.string(arg) {
                        if !out.contains(&name) {
                            out.push(name);
                        }
                    }
                }
                m.values().for_each(|x| walk(x, scope, out));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, scope, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    t.resources.iter().for_each(|r| walk(&r.properties, scope, &mut out));
    t.outputs.iter().for_each(|o| walk(&o.value, scope, &mut out));
    out
}

/// An export name belongs to one stack.
pub(crate) fn check_exports(cfn: &CloudFormation, stack_id: &str, outs: &[OutputRec]) -> Result<(), String> {
    let taken = cfn.exports_by_stack(Some(stack_id)).map_err(|e| e.to_string())?;
    for o in outs {
        if let Some((_, other)) = o.export_name.as_ref().and_then(|n| taken.get(n)) {
            let name = other.split('/').nth(1).unwrap_or(other);
            return Err(format!(
                "Export with name {} is already exported by stack {name}",
                o.export_name.as_deref().unwrap_or_default()
            ));
        }
    }
    Ok(())
}

pub(crate) fn outputs(
    t: &Template,
    scope: &Scope,
    conditions: &HashMap<String, bool>,
) -> Result<Vec<OutputRec>, String> {
    let mut out = Vec::new();
    for o in &t.outputs {
        if let Some(c) = &o.condition {
            if !conditions.get(c).copied().unwrap_or(false) {
                continue;
            }
        }
        let Some(v) = scope.eval(&o.value)? else { continue };
        let export_name = match &o.export_name {
            Some(e) => Some(scope.string(e)?),
            None => None,
        };
        out.push(OutputRec {
            key: o.name.clone(),
            value: crate::template::eval::scalar_text(&v),
            description: o.description.clone(),
            export_name,
        });
    }
    Ok(out)
}

/// Delete a stack's resources (all of them, or what a failed create left: `rollback`).
async fn delete(cfn: &Arc<CloudFormation>, stack_id: &str, rollback: bool) -> Result<(), String> {
    let mut st: StackRec = cfn.get(kind::STACK, stack_id).map_err(|e| e.to_string())?.ok_or("stack vanished")?;
    if !rollback {
        for name in st.outputs.iter().filter_map(|o| o.export_name.clone()) {
            let users = crate::ops::importers(cfn, &name).map_err(|e| e.to_string())?;
            let users: Vec<String> = users.into_iter().filter(|u| *u != st.name).collect();
            if !users.is_empty() {
                let reason = format!("Export {name} cannot be deleted as it is in use by {}", users.join(", "));
                return cfn.set_status(&mut st, "DELETE_FAILED", Some(&reason)).map_err(|e| e.to_string());
            }
        }
    }
    let graph = Template::parse(&st.template_body).and_then(|t| Graph::of(&t)).ok();
    let mut remaining: HashMap<String, ResourceRec> = stack_resources(cfn, stack_id)
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|r| !matches!(r.status.as_str(), "DELETE_COMPLETE" | "DELETE_SKIPPED"))
        .map(|r| (r.logical_id.clone(), r))
        .collect();
    let mut failed: Vec<String> = Vec::new();
    let mut running: HashSet<String> = HashSet::new();
    let mut tasks: JoinSet<(String, Result<(), String>)> = JoinSet::new();
    loop {
        let ready: Vec<String> = remaining
            .keys()
            .filter(|id| !running.contains(*id) && !failed.contains(id))
            .filter(|id| {
                let dependents = graph.as_ref().map(|g| g.dependents(id)).unwrap_or_default();
                dependents.iter().all(|d| !remaining.contains_key(d))
            })
            .cloned()
            .collect();
        // Resources settled without a call (retained, never created) may free others.
        let mut settled = false;
        for id in ready {
            let mut r = remaining[&id].clone();
            if r.deletion_policy.as_deref() == Some("Retain") && r.physical_id.is_some() {
                r.status = "DELETE_SKIPPED".into();
                cfn.put_resource(&st, &mut r, None).map_err(|e| e.to_string())?;
                remaining.remove(&id);
                settled = true;
                continue;
            }
            r.status = "DELETE_IN_PROGRESS".into();
            cfn.put_resource(&st, &mut r, None).map_err(|e| e.to_string())?;
            let Some(physical) = r.physical_id.clone() else {
                // Never created (failed or cancelled): nothing to delete.
                r.status = "DELETE_COMPLETE".into();
                crate::signals::forget(cfn, &st.stack_id, &r.logical_id);
                cfn.put_resource(&st, &mut r, None).map_err(|e| e.to_string())?;
                remaining.remove(&id);
                settled = true;
                continue;
            };
            running.insert(id.clone());
            remaining.insert(id.clone(), r.clone());
            let mut cx = cfn.cx(&st, &id);
            cx.deletion_policy = r.deletion_policy.clone();
            tasks.spawn(async move {
                let out = provision::delete(&cx, &r.kind, &physical, &r.properties, &r.attributes).await;
                (id, out)
            });
        }
        if settled {
            continue;
        }
        if running.is_empty() && tasks.is_empty() {
            // Nothing in flight and nothing ready: either done, or blocked by failures.
            break;
        }
        let Some(joined) = tasks.join_next().await else { break };
        let (id, out) = joined.map_err(|e| format!("a resource task ended abnormally: {e}"))?;
        running.remove(&id);
        let mut r = remaining[&id].clone();
        match out {
            Ok(()) => {
                r.status = "DELETE_COMPLETE".into();
                crate::signals::forget(cfn, &st.stack_id, &r.logical_id);
                cfn.put_resource(&st, &mut r, None).map_err(|e| e.to_string())?;
                remaining.remove(&id);
            }
            Err(e) => {
                r.status = "DELETE_FAILED".into();
                cfn.put_resource(&st, &mut r, Some(&e)).map_err(|e| e.to_string())?;
                remaining.insert(id.clone(), r);
                failed.push(id);
            }
        }
    }
    let (ok, bad) =
        if rollback { ("ROLLBACK_COMPLETE", "ROLLBACK_FAILED") } else { ("DELETE_COMPLETE", "DELETE_FAILED") };
    if remaining.is_empty() {
        if !rollback {
            // A failed update rollback's journal and what rolling updates left to put back
            // are of no use any more.
            let _ = cfn.delete(kind::UNDO, stack_id);
            for (key, _) in cfn.list::<Value>(kind::ROLL, &format!("{stack_id}|")).unwrap_or_default() {
                let _ = cfn.delete(kind::ROLL, &key);
            }
        }
        cfn.set_status(&mut st, ok, None).map_err(|e| e.to_string())?;
    } else {
        let mut left: Vec<&String> = remaining.keys().collect();
        left.sort();
        let names: Vec<&str> = left.iter().map(|s| s.as_str()).collect();
        let reason = format!("The following resource(s) failed to delete: [{}]. ", names.join(", "));
        cfn.set_status(&mut st, bad, Some(&reason)).map_err(|e| e.to_string())?;
    }
    Ok(())
}
