//! Listener rules: CreateRule, DescribeRules, ModifyRule, DeleteRule, SetRulePriorities.

use serde_json::{json, Value};

use super::listeners::check_actions;
use super::{input_tags, new_id, required, str_of, strings};
use crate::error::{ElbError, Result};
use crate::records::{kind, render_default_rule, ListenerRec, RuleRec};
use crate::sync::condition;
use crate::Elb;

const FIELDS: [&str; 6] =
    ["path-pattern", "host-header", "http-header", "http-request-method", "query-string", "source-ip"];

fn check_conditions(conds: &Value) -> Result<()> {
    let list = conds
        .as_array()
        .filter(|c| !c.is_empty())
        .ok_or_else(|| ElbError::validation("A rule must have at least one condition"))?;
    for c in list {
        let field = str_of(c, "Field").unwrap_or_default();
        if !FIELDS.contains(&field) {
            return Err(ElbError::validation(format!(
                "Condition field '{field}' must be one of [{}]",
                FIELDS.join(", ")
            )));
        }
        let empty = match condition(c) {
            Some(
                proxy::Condition::PathPattern(v)
                | proxy::Condition::HostHeader(v)
                | proxy::Condition::HttpRequestMethod(v),
            ) => v.is_empty(),
            Some(proxy::Condition::HttpHeader { values, .. }) => values.is_empty(),
            Some(proxy::Condition::QueryString(v)) => v.is_empty(),
            Some(proxy::Condition::SourceIp(v)) => v.is_empty(),
            None => true,
        };
        if empty {
            return Err(ElbError::validation(format!("A '{field}' condition must have at least one valid value")));
        }
    }
    Ok(())
}

fn check_priority(p: i64) -> Result<u32> {
    if !(1..=50000).contains(&p) {
        return Err(ElbError::validation("Priority must be between 1 and 50000"));
    }
    Ok(p as u32)
}

fn find(tx: &store::Tx, arn: &str) -> Result<RuleRec> {
    tx.get(kind::RULE, arn)?
        .ok_or_else(|| ElbError::Client("RuleNotFound", format!("One or more rules not found: '{arn}'")))
}

fn is_default_rule(tx: &store::Tx, arn: &str) -> Result<Option<ListenerRec>> {
    Ok(tx.list::<ListenerRec>(kind::LISTENER, "")?.into_iter().map(|(_, l)| l).find(|l| l.default_rule_arn == arn))
}

pub fn create_rule(elb: &Elb, input: &Value) -> Result<Value> {
    let listener_arn = required(input, "ListenerArn")?;
    let priority = check_priority(
        input
            .get("Priority")
            .and_then(Value::as_i64)
            .ok_or_else(|| ElbError::validation("A priority must be specified"))?,
    )?;
    let conditions = input.get("Conditions").cloned().unwrap_or(Value::Null);
    let actions = input.get("Actions").cloned().unwrap_or(Value::Null);
    check_conditions(&conditions)?;
    let tags = input_tags(input);
    let rec = elb.store.write(|tx| {
        let l = super::listeners::find(tx, listener_arn)?;
        let lb = super::load_balancers::find(tx, &l.load_balancer_arn)?;
        check_actions(tx, &lb, &actions)?;
        if tx
            .list::<RuleRec>(kind::RULE, "")?
            .iter()
            .any(|(_, r)| r.listener_arn == listener_arn && r.priority == priority)
        {
            return Err(ElbError::Client("PriorityInUse", format!("Priority '{priority}' is currently in use")));
        }
        let listener_id = listener_arn.rsplit('/').next().unwrap_or_default();
        let rec = RuleRec {
            arn: elb.arn(&format!("listener-rule/app/{}/{}/{listener_id}/{}", lb.name, lb.id, new_id())),
            listener_arn: listener_arn.into(),
            priority,
            conditions,
            actions,
        };
        tx.put(kind::RULE, &rec.arn, &rec)?;
        if !tags.is_empty() {
            tx.put(kind::TAGS, &rec.arn, &tags)?;
        }
        Ok(rec)
    })?;
    Ok(json!({"Rules": [rec.render()]}))
}

pub fn describe_rules(elb: &Elb, input: &Value) -> Result<Value> {
    let listener = str_of(input, "ListenerArn");
    let arns = strings(input, "RuleArns");
    if listener.is_none() && arns.is_empty() {
        return Err(ElbError::validation("You must specify either listener rule ARNs or a listener ARN"));
    }
    let out = elb.store.read(|tx| {
        let mut out = Vec::new();
        if let Some(l) = listener {
            let l = super::listeners::find(tx, l)?;
            let mut rules: Vec<RuleRec> = tx
                .list::<RuleRec>(kind::RULE, "")?
                .into_iter()
                .map(|(_, r)| r)
                .filter(|r| r.listener_arn == l.arn)
                .collect();
            rules.sort_by_key(|r| r.priority);
            out.extend(rules.iter().map(RuleRec::render));
            out.push(render_default_rule(&l));
        }
        for a in &arns {
            match is_default_rule(tx, a)? {
                Some(l) => out.push(render_default_rule(&l)),
                None => out.push(find(tx, a)?.render()),
            }
        }
        Ok::<_, ElbError>(out)
    })?;
    Ok(json!({"Rules": out}))
}

pub fn modify_rule(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "RuleArn")?;
    let out = elb.store.write(|tx| {
        if let Some(mut l) = is_default_rule(tx, arn)? {
            if input.get("Conditions").is_some() {
                return Err(ElbError::Client(
                    "OperationNotPermitted",
                    "The default rule cannot have conditions".into(),
                ));
            }
            if let Some(a) = input.get("Actions") {
                let lb = super::load_balancers::find(tx, &l.load_balancer_arn)?;
                check_actions(tx, &lb, a)?;
                l.default_actions = a.clone();
                tx.put(kind::LISTENER, &l.arn, &l)?;
            }
            return Ok(render_default_rule(&l));
        }
        let mut r = find(tx, arn)?;
        if let Some(c) = input.get("Conditions") {
            check_conditions(c)?;
            r.conditions = c.clone();
        }
        if let Some(a) = input.get("Actions") {
            let l = super::listeners::find(tx, &r.listener_arn)?;
            let lb = super::load_balancers::find(tx, &l.load_balancer_arn)?;
            check_actions(tx, &lb, a)?;
            r.actions = a.clone();
        }
        tx.put(kind::RULE, arn, &r)?;
        Ok(r.render())
    })?;
    Ok(json!({"Rules": [out]}))
}

pub fn delete_rule(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "RuleArn")?;
    elb.store.write(|tx| {
        if is_default_rule(tx, arn)?.is_some() {
            return Err(ElbError::Client("OperationNotPermitted", "The default rule cannot be deleted".into()));
        }
        find(tx, arn)?;
        tx.delete(kind::RULE, arn)?;
        tx.delete(kind::TAGS, arn)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn set_rule_priorities(elb: &Elb, input: &Value) -> Result<Value> {
    let wanted: Vec<(String, u32)> = input
        .get("RulePriorities")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|p| {
            let arn = str_of(p, "RuleArn").ok_or_else(|| ElbError::validation("A rule ARN must be specified"))?;
            let pr = check_priority(p.get("Priority").and_then(Value::as_i64).unwrap_or(0))?;
            Ok((arn.to_string(), pr))
        })
        .collect::<Result<_>>()?;
    let out = elb.store.write(|tx| {
        let mut changed = Vec::new();
        for (arn, pr) in &wanted {
            if is_default_rule(tx, arn)?.is_some() {
                return Err(ElbError::Client(
                    "OperationNotPermitted",
                    "The default rule's priority cannot be changed".into(),
                ));
            }
            let mut r = find(tx, arn)?;
            r.priority = *pr;
            changed.push(r);
        }
        let all: Vec<RuleRec> = tx.list::<RuleRec>(kind::RULE, "")?.into_iter().map(|(_, r)| r).collect();
        for r in &changed {
            let clash_unchanged = all.iter().any(|o| {
                o.listener_arn == r.listener_arn && o.priority == r.priority && !changed.iter().any(|c| c.arn == o.arn)
            });
            let clash_changed =
                changed.iter().filter(|o| o.listener_arn == r.listener_arn && o.priority == r.priority).count() > 1;
            if clash_unchanged || clash_changed {
                return Err(ElbError::Client(
                    "PriorityInUse",
                    format!("Priority '{}' is currently in use", r.priority),
                ));
            }
        }
        for r in &changed {
            tx.put(kind::RULE, &r.arn, r)?;
        }
        Ok(changed.iter().map(RuleRec::render).collect::<Vec<_>>())
    })?;
    Ok(json!({"Rules": out}))
}
