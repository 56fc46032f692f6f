//! Load balancers: Create/Describe/Delete, Describe/ModifyLoadBalancerAttributes.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::{attributes, check_name, input_tags, new_id, render_attributes, required, str_of, strings};
use crate::error::{ElbError, Result};
use crate::records::{kind, EndedLoadBalancer, ListenerRec, LoadBalancerRec, RuleRec};
use crate::Elb;

fn default_attributes() -> BTreeMap<String, String> {
    [
        ("access_logs.s3.enabled", "false"),
        ("access_logs.s3.bucket", ""),
        ("access_logs.s3.prefix", ""),
        ("deletion_protection.enabled", "false"),
        ("idle_timeout.timeout_seconds", "60"),
        ("routing.http.desync_mitigation_mode", "defensive"),
        ("routing.http.drop_invalid_header_fields.enabled", "false"),
        ("routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false"),
        ("routing.http.xff_client_port.enabled", "false"),
        ("routing.http.xff_header_processing.mode", "append"),
        ("routing.http2.enabled", "true"),
        ("waf.fail_open.enabled", "false"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

pub(crate) fn find(tx: &store::Tx, arn: &str) -> Result<LoadBalancerRec> {
    tx.get(kind::LOAD_BALANCER, arn)?
        .ok_or_else(|| ElbError::Client("LoadBalancerNotFound", format!("Load balancer '{arn}' not found")))
}

pub fn create_load_balancer(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "Name")?;
    check_name(name, "Load balancer")?;
    if name.starts_with("internal-") {
        return Err(ElbError::validation("Load balancer name cannot begin with 'internal-'"));
    }
    let lb_type = str_of(input, "Type").unwrap_or("application");
    if lb_type != "application" && lb_type != "network" {
        return Err(ElbError::validation(format!(
            "Load balancer type '{lb_type}' is not supported; use 'application' or 'network'"
        )));
    }
    let scheme = str_of(input, "Scheme").unwrap_or("internet-facing").to_string();
    let subnet_ids = {
        let mut s = strings(input, "Subnets");
        for m in input.get("SubnetMappings").and_then(Value::as_array).into_iter().flatten() {
            s.extend(str_of(m, "SubnetId").map(String::from));
        }
        s
    };
    let mut subnets = Vec::new();
    let mut vpc = None::<String>;
    for s in &subnet_ids {
        let (v, zone) = elb
            .directory
            .subnet(s)
            .ok_or_else(|| ElbError::Client("SubnetNotFound", format!("The subnet ID '{s}' is not valid")))?;
        if vpc.as_ref().is_some_and(|x| *x != v) {
            return Err(ElbError::Client("InvalidSubnet", "The subnets must all be in the same VPC".into()));
        }
        if subnets.iter().any(|(_, z)| *z == zone) {
            return Err(ElbError::Client(
                "InvalidConfigurationRequest",
                format!(
                    "A load balancer cannot be attached to multiple subnets in the same Availability Zone ({zone})"
                ),
            ));
        }
        vpc = Some(v);
        subnets.push((s.clone(), zone));
    }
    if subnets.is_empty() {
        return Err(ElbError::validation("At least one subnet must be specified"));
    }
    if subnets.len() < 2 && lb_type == "application" {
        return Err(ElbError::validation("At least two subnets in two different Availability Zones must be specified"));
    }
    let tags = input_tags(input);
    let rec = elb.store.write(|tx| {
        if let Some((_, existing)) =
            tx.list::<LoadBalancerRec>(kind::LOAD_BALANCER, "")?.into_iter().find(|(_, lb)| lb.name == name)
        {
            // CreateLoadBalancer is idempotent for the same name and settings.
            if existing.subnets == subnets && existing.scheme == scheme {
                return Ok(existing);
            }
            return Err(ElbError::Client(
                "DuplicateLoadBalancerName",
                "A load balancer with the same name exists, but with different settings".into(),
            ));
        }
        let id = new_id();
        let rec = LoadBalancerRec {
            arn: elb.arn(&format!("loadbalancer/{}/{name}/{id}", if lb_type == "network" { "net" } else { "app" })),
            name: name.to_string(),
            id,
            address: super::allocate_address(tx)?,
            scheme,
            vpc_id: vpc.clone().unwrap_or_default(),
            subnets,
            security_groups: strings(input, "SecurityGroups"),
            ip_address_type: str_of(input, "IpAddressType").unwrap_or("ipv4").to_string(),
            created: elb.now(),
            attributes: default_attributes(),
            lb_type: lb_type.to_string(),
            vpc_address: None,
        };
        tx.put(kind::LOAD_BALANCER, &rec.arn, &rec)?;
        if !tags.is_empty() {
            tx.put(kind::TAGS, &rec.arn, &tags)?;
        }
        Ok(rec)
    })?;
    let rec = match (&rec.vpc_address, rec.scheme.as_str()) {
        (None, "internal") if !rec.vpc_id.is_empty() => {
            let subnets: Vec<String> = rec.subnets.iter().map(|(s, _)| s.clone()).collect();
            match super::internal_address(elb, &rec.arn, &rec.vpc_id, &subnets, &rec.security_groups) {
                Some(ip) => elb.store.write(|tx| {
                    let mut r = tx.get::<LoadBalancerRec>(kind::LOAD_BALANCER, &rec.arn)?.unwrap_or(rec.clone());
                    r.vpc_address = Some(ip.clone());
                    tx.put(kind::LOAD_BALANCER, &rec.arn, &r)?;
                    Ok::<_, ElbError>(r)
                })?,
                None => rec,
            }
        }
        _ => rec,
    };
    Ok(json!({"LoadBalancers": [rec.render(&elb.region, &[])]}))
}

pub fn describe_load_balancers(elb: &Elb, input: &Value) -> Result<Value> {
    let arns = strings(input, "LoadBalancerArns");
    let names = strings(input, "Names");
    let all: Vec<LoadBalancerRec> =
        elb.store.read(|tx| tx.list(kind::LOAD_BALANCER, ""))?.into_iter().map(|(_, v)| v).collect();
    for a in &arns {
        if !all.iter().any(|lb| &lb.arn == a) {
            return Err(ElbError::Client("LoadBalancerNotFound", format!("Load balancer '{a}' not found")));
        }
    }
    for n in &names {
        if !all.iter().any(|lb| &lb.name == n) {
            return Err(ElbError::Client("LoadBalancerNotFound", format!("Load balancers '[{n}]' not found")));
        }
    }
    let out: Vec<Value> = all
        .iter()
        .filter(|lb| (arns.is_empty() || arns.contains(&lb.arn)) && (names.is_empty() || names.contains(&lb.name)))
        .map(|lb| lb.render(&elb.region, &elb.address_faults(&lb.address)))
        .collect();
    Ok(json!({"LoadBalancers": out}))
}

pub fn delete_load_balancer(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "LoadBalancerArn")?;
    elb.store.write(|tx| {
        let Some(lb) = tx.get::<LoadBalancerRec>(kind::LOAD_BALANCER, arn)? else {
            return Ok(());
        };
        if lb.attributes.get("deletion_protection.enabled").map(String::as_str) == Some("true") {
            return Err(ElbError::Client(
                "OperationNotPermitted",
                format!("Load balancer '{arn}' cannot be deleted because deletion protection is enabled"),
            ));
        }
        for (key, l) in tx.list::<ListenerRec>(kind::LISTENER, "")? {
            if l.load_balancer_arn == arn {
                for (rk, r) in tx.list::<RuleRec>(kind::RULE, "")? {
                    if r.listener_arn == l.arn {
                        tx.delete(kind::RULE, &rk)?;
                        tx.delete(kind::TAGS, &rk)?;
                    }
                }
                tx.delete(kind::LISTENER, &key)?;
                tx.delete(kind::TAGS, &key)?;
            }
        }
        tx.delete(kind::LOAD_BALANCER, arn)?;
        tx.delete(kind::TAGS, arn)?;
        let ended = EndedLoadBalancer {
            id: lb.arn.clone(),
            lb_type: lb.lb_type.clone(),
            zone: lb.subnets.first().map(|(_, z)| z.clone()).unwrap_or_default(),
            created: lb.created,
            deleted: elb.now(),
        };
        tx.put(kind::ENDED, arn, &ended)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn describe_load_balancer_attributes(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "LoadBalancerArn")?;
    let lb = elb.store.read(|tx| find(tx, arn))?;
    Ok(json!({"Attributes": render_attributes(&lb.attributes)}))
}

fn check_lb_attribute(key: &str, value: &str) -> Result<()> {
    let bad = || ElbError::validation(format!("The value of '{key}' is not valid: '{value}'"));
    match key {
        k if k.ends_with(".enabled") && value != "true" && value != "false" => return Err(bad()),
        "access_logs.s3.bucket" if !value.is_empty() => crate::access_logs::check_bucket(value)?,
        "access_logs.s3.prefix" => crate::access_logs::check_prefix(value)?,
        "routing.http.xff_header_processing.mode" if !matches!(value, "append" | "preserve" | "remove") => {
            return Err(bad())
        }
        "routing.http.desync_mitigation_mode" if !matches!(value, "monitor" | "defensive" | "strictest") => {
            return Err(bad())
        }
        "idle_timeout.timeout_seconds" => {
            let n: i64 = value.parse().map_err(|_| bad())?;
            if !(1..=4000).contains(&n) {
                return Err(bad());
            }
        }
        _ => {}
    }
    Ok(())
}

pub fn modify_load_balancer_attributes(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "LoadBalancerArn")?;
    let changes = attributes(input);
    let lb = elb.store.write(|tx| {
        let mut lb = find(tx, arn)?;
        for (k, v) in &changes {
            if !lb.attributes.contains_key(k) {
                return Err(ElbError::validation(format!("Load balancer attribute key '{k}' is not recognized")));
            }
            check_lb_attribute(k, v)?;
            lb.attributes.insert(k.clone(), v.clone());
        }
        if lb.attributes.get("access_logs.s3.enabled").map(String::as_str) == Some("true")
            && lb.attributes.get("access_logs.s3.bucket").is_none_or(|b| b.is_empty())
        {
            return Err(ElbError::Client(
                "InvalidConfigurationRequest",
                "The value of 'access_logs.s3.bucket' cannot be empty when access logs are enabled".into(),
            ));
        }
        tx.put(kind::LOAD_BALANCER, arn, &lb)?;
        Ok(lb)
    })?;
    Ok(json!({"Attributes": render_attributes(&lb.attributes)}))
}
