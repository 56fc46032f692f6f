//! The classic API's operations over the `elb.classic` records.

use serde_json::{json, Value};
use wire::ApiError;

use super::{ClassicHealthCheck, ClassicInstance, ClassicListener, ClassicPolicy, ClassicRec, KIND};
use crate::error::ElbError;
use crate::ops::{input_tags, str_of, strings};
use crate::records::{kind, Tags};
use crate::Elb;

fn err(code: &'static str, msg: impl Into<String>) -> ApiError {
    let status = if code == "InvalidConfigurationRequest" { 409 } else { 400 };
    ApiError::new(status, code, msg.into())
}

fn not_found(name: &str) -> ApiError {
    err("LoadBalancerNotFound", format!("There is no ACTIVE Load Balancer named '{name}'"))
}

pub(super) fn store_err(e: impl Into<ElbError>) -> ApiError {
    ApiError::from(e.into())
}

type Result<T> = std::result::Result<T, ApiError>;

fn load(tx: &store::Tx, name: &str) -> Result<ClassicRec> {
    tx.get::<ClassicRec>(KIND, name).map_err(store_err)?.ok_or_else(|| not_found(name))
}

fn read(elb: &Elb, name: &str) -> Result<ClassicRec> {
    elb.store
        .read(|tx| Ok::<_, ElbError>(tx.get::<ClassicRec>(KIND, name)?))
        .map_err(store_err)?
        .ok_or_else(|| not_found(name))
}

fn required<'a>(v: &'a Value, k: &str) -> Result<&'a str> {
    str_of(v, k).ok_or_else(|| err("ValidationError", format!("{k} is required")))
}

/// The listeners of a request, checked.
fn listeners_of(elb: &Elb, input: &Value) -> Result<Vec<ClassicListener>> {
    let mut out: Vec<ClassicListener> = Vec::new();
    for l in input.get("Listeners").and_then(Value::as_array).into_iter().flatten() {
        let protocol = str_of(l, "Protocol").unwrap_or("HTTP").to_ascii_uppercase();
        let lb_port = l.get("LoadBalancerPort").and_then(Value::as_i64).unwrap_or(0);
        let instance_port = l.get("InstancePort").and_then(Value::as_i64).unwrap_or(0);
        if !(1..=65535).contains(&lb_port) || !(1..=65535).contains(&instance_port) {
            return Err(err("ValidationError", "LoadBalancerPort and InstancePort must be between 1 and 65535"));
        }
        if !["HTTP", "HTTPS", "TCP", "SSL"].contains(&protocol.as_str()) {
            return Err(err("UnsupportedProtocol", format!("Protocol {protocol} is not supported")));
        }
        let layer4 = matches!(protocol.as_str(), "TCP" | "SSL");
        let instance_protocol =
            str_of(l, "InstanceProtocol").map(str::to_ascii_uppercase).unwrap_or_else(|| match protocol.as_str() {
                "HTTPS" => "HTTP".into(),
                "SSL" => "TCP".into(),
                p => p.into(),
            });
        // HTTP(S) front ends speak HTTP or HTTPS to instances, TCP/SSL ones TCP or SSL (as
        // classic ELB pairs them); HTTPS and SSL back ends are re-encrypted.
        let allowed: [&str; 2] = if layer4 { ["TCP", "SSL"] } else { ["HTTP", "HTTPS"] };
        if !allowed.contains(&instance_protocol.as_str()) {
            return Err(err(
                "InvalidConfigurationRequest",
                format!(
                    "InstanceProtocol {instance_protocol} cannot be used with Protocol {protocol}; use {} or {}",
                    allowed[0], allowed[1]
                ),
            ));
        }
        let certificate = str_of(l, "SSLCertificateId").map(String::from);
        if protocol == "HTTPS" || protocol == "SSL" {
            let Some(c) = &certificate else {
                return Err(err("ValidationError", "SSLCertificateId is required for an HTTPS or SSL listener"));
            };
            if elb.certificates.certificate(c).is_none() {
                return Err(err("CertificateNotFound", format!("Server Certificate not found for the key: {c}")));
            }
        }
        if out.iter().any(|o| o.lb_port == lb_port as u16) {
            return Err(err("DuplicateListener", format!("A listener already exists with LoadBalancerPort {lb_port}")));
        }
        out.push(ClassicListener {
            protocol,
            lb_port: lb_port as u16,
            instance_protocol,
            instance_port: instance_port as u16,
            certificate,
            policies: Vec::new(),
        });
    }
    Ok(out)
}

fn check_health_target(target: &str) -> Result<()> {
    let bad = || {
        err(
            "ValidationError",
            format!("HealthCheck Target must be PROTOCOL:PORT or PROTOCOL:PORT/PATH with PROTOCOL TCP, SSL, HTTP or HTTPS: {target}"),
        )
    };
    let (protocol, rest) = target.split_once(':').ok_or_else(bad)?;
    let port = rest.split('/').next().unwrap_or_default();
    if port.parse::<u16>().map(|p| p == 0).unwrap_or(true) {
        return Err(bad());
    }
    match protocol {
        "HTTP" | "HTTPS" if rest.contains('/') => Ok(()),
        "TCP" | "SSL" if !rest.contains('/') => Ok(()),
        _ => Err(bad()),
    }
}

fn create(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    crate::ops::check_name(name, "LoadBalancer").map_err(ApiError::from)?;
    let listeners = listeners_of(elb, input)?;
    if listeners.is_empty() {
        return Err(err("ValidationError", "At least one listener must be specified"));
    }
    let subnets = strings(input, "Subnets");
    let mut zones = strings(input, "AvailabilityZones");
    let mut vpc = None::<String>;
    for s in &subnets {
        let (v, zone) = elb
            .directory
            .subnet(s)
            .ok_or_else(|| err("SubnetNotFound", format!("One or more subnets were not found: {s}")))?;
        if vpc.as_ref().is_some_and(|x| *x != v) {
            return Err(err("InvalidConfigurationRequest", "Subnets must all be in the same VPC"));
        }
        if zones.contains(&zone) && !subnets.is_empty() && zones.len() >= subnets.len() {
            return Err(err("InvalidConfigurationRequest", format!("Only one subnet per Availability Zone ({zone})")));
        }
        vpc = Some(v);
        zones.push(zone);
    }
    if zones.is_empty() {
        return Err(err("ValidationError", "Either AvailabilityZones or SubnetIds must be specified"));
    }
    if let Some(z) = zones.iter().find(|z| !z.starts_with(elb.region.as_str())) {
        return Err(err("ValidationError", format!("Invalid Availability Zone: {z}")));
    }
    let scheme = str_of(input, "Scheme").unwrap_or("internet-facing").to_string();
    if !["internet-facing", "internal"].contains(&scheme.as_str()) {
        return Err(err("InvalidScheme", format!("Invalid scheme: {scheme}")));
    }
    let tags = input_tags(input);
    let rec = elb
        .store
        .write(|tx| {
            if let Some(existing) = tx.get::<ClassicRec>(KIND, name)? {
                // Idempotent for the same listeners.
                if existing.listeners.iter().map(|l| (l.lb_port, l.instance_port)).collect::<Vec<_>>()
                    == listeners.iter().map(|l| (l.lb_port, l.instance_port)).collect::<Vec<_>>()
                {
                    return Ok(Ok(existing));
                }
                return Ok(Err(err(
                    "DuplicateLoadBalancerName",
                    format!("Load balancer name '{name}' already exists"),
                )));
            }
            let first_port = listeners[0].instance_port;
            let rec = ClassicRec {
                name: name.into(),
                address: crate::ops::allocate_address(tx)?,
                vpc_address: None,
                scheme: scheme.clone(),
                vpc_id: vpc.clone(),
                subnets: subnets.clone(),
                zones: zones.clone(),
                security_groups: strings(input, "SecurityGroups"),
                listeners: listeners.clone(),
                health: ClassicHealthCheck {
                    target: format!("TCP:{first_port}"),
                    interval: 30,
                    timeout: 5,
                    healthy: 10,
                    unhealthy: 2,
                },
                instances: Vec::new(),
                policies: Vec::new(),
                cross_zone: false,
                draining: None,
                idle_timeout: 60,
                access_log: None,
                created: elb.now(),
                backend_policies: Vec::new(),
            };
            tx.put(KIND, name, &rec)?;
            if !tags.is_empty() {
                tx.put(kind::TAGS, &rec.arn(elb), &tags)?;
            }
            Ok::<_, ElbError>(Ok(rec))
        })
        .map_err(store_err)??;
    let rec = match (&rec.vpc_address, rec.scheme.as_str(), &rec.vpc_id) {
        (None, "internal", Some(vpc)) => {
            match crate::ops::internal_address(elb, &rec.arn(elb), vpc, &rec.subnets, &rec.security_groups) {
                Some(ip) => elb
                    .store
                    .write(|tx| {
                        let mut r = tx.get::<ClassicRec>(KIND, name)?.unwrap_or(rec.clone());
                        r.vpc_address = Some(ip.clone());
                        tx.put(KIND, name, &r)?;
                        Ok::<_, store::StoreError>(r)
                    })
                    .map_err(store_err)?,
                None => rec,
            }
        }
        _ => rec,
    };
    Ok(json!({"DNSName": rec.vpc_address.as_deref().unwrap_or(&rec.address)}))
}

fn describe(elb: &Elb, input: &Value) -> Result<Value> {
    let names = strings(input, "LoadBalancerNames");
    let all: Vec<ClassicRec> = elb
        .store
        .read(|tx| Ok::<_, ElbError>(tx.list::<ClassicRec>(KIND, "")?.into_iter().map(|(_, v)| v).collect()))
        .map_err(store_err)?;
    for n in &names {
        if !all.iter().any(|l| &l.name == n) {
            return Err(not_found(n));
        }
    }
    let out: Vec<Value> =
        all.iter().filter(|l| names.is_empty() || names.contains(&l.name)).map(|l| l.render(&elb.region)).collect();
    Ok(json!({"LoadBalancerDescriptions": out}))
}

/// Change one load balancer in a transaction.
fn edit<T>(elb: &Elb, name: &str, f: impl FnOnce(&mut ClassicRec) -> Result<T>) -> Result<T> {
    elb.store
        .write(|tx| {
            let mut rec = match load(tx, name) {
                Ok(r) => r,
                Err(e) => return Ok(Err(e)),
            };
            match f(&mut rec) {
                Ok(v) => {
                    tx.put(KIND, name, &rec)?;
                    Ok::<_, ElbError>(Ok(v))
                }
                Err(e) => Ok(Err(e)),
            }
        })
        .map_err(store_err)?
}

fn delete(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    elb.store
        .write(|tx| {
            // Deleting a load balancer that does not exist succeeds, as AWS's does.
            if let Some(rec) = tx.get::<ClassicRec>(KIND, name)? {
                tx.delete(kind::TAGS, &rec.arn(elb))?;
                tx.delete(KIND, name)?;
                let ended = crate::records::EndedLoadBalancer {
                    id: rec.name.clone(),
                    lb_type: "classic".into(),
                    zone: rec.zones.first().cloned().unwrap_or_default(),
                    created: rec.created,
                    deleted: elb.now(),
                };
                tx.put(kind::ENDED, &format!("classic/{}/{}", rec.name, rec.created), &ended)?;
            }
            Ok::<_, ElbError>(())
        })
        .map_err(store_err)?;
    Ok(json!({}))
}

fn create_listeners(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    let new = listeners_of(elb, input)?;
    let (address, ports) = edit(elb, name, |rec| {
        for l in &new {
            if let Some(o) = rec.listeners.iter().find(|o| o.lb_port == l.lb_port) {
                if o.instance_port != l.instance_port || o.protocol != l.protocol || o.certificate != l.certificate {
                    return Err(err(
                        "DuplicateListener",
                        format!("A listener already exists for {name} with LoadBalancerPort {}, but with a different InstancePort, Protocol, or SSLCertificateId", l.lb_port),
                    ));
                }
                continue;
            }
            rec.listeners.push(l.clone());
        }
        Ok((rec.address.clone(), new.iter().map(|l| l.lb_port).collect::<Vec<_>>()))
    })?;
    elb.sync().map_err(ApiError::from)?;
    // A listener the proxy cannot serve is taken back.
    if let Some((port, why)) = ports.iter().find_map(|p| elb.listener_fault(&address, *p).map(|w| (*p, w))) {
        edit(elb, name, |rec| {
            rec.listeners.retain(|l| !ports.contains(&l.lb_port));
            Ok(())
        })?;
        elb.sync().map_err(ApiError::from)?;
        return Err(err("InvalidConfigurationRequest", format!("The listener on port {port} cannot be served: {why}")));
    }
    Ok(json!({}))
}

fn delete_listeners(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    let ports: Vec<i64> = input
        .get("LoadBalancerPorts")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    edit(elb, name, |rec| {
        rec.listeners.retain(|l| !ports.contains(&(l.lb_port as i64)));
        Ok(())
    })?;
    Ok(json!({}))
}

fn configure_health_check(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    let h = input.get("HealthCheck").ok_or_else(|| err("ValidationError", "HealthCheck is required"))?;
    let target = required(h, "Target")?;
    check_health_target(target)?;
    let n = |k: &str| h.get(k).and_then(Value::as_i64).unwrap_or(0);
    let check = ClassicHealthCheck {
        target: target.into(),
        interval: n("Interval"),
        timeout: n("Timeout"),
        healthy: n("HealthyThreshold"),
        unhealthy: n("UnhealthyThreshold"),
    };
    if check.timeout >= check.interval {
        return Err(err("ValidationError", "HealthCheck Timeout must be less than Interval"));
    }
    edit(elb, name, |rec| {
        rec.health = check.clone();
        Ok(())
    })?;
    Ok(json!({"HealthCheck": {
        "Target": check.target, "Interval": check.interval, "Timeout": check.timeout,
        "UnhealthyThreshold": check.unhealthy, "HealthyThreshold": check.healthy,
    }}))
}

fn instance_ids(input: &Value) -> Vec<String> {
    input
        .get("Instances")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|i| str_of(i, "InstanceId").map(String::from))
        .collect()
}

fn registered(rec: &ClassicRec) -> Value {
    json!({"Instances": rec.instances.iter().filter(|i| i.draining_until.is_none())
        .map(|i| json!({"InstanceId": i.id})).collect::<Vec<_>>()})
}

fn register(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    let ids = instance_ids(input);
    for id in &ids {
        if elb.directory.instance(id).is_none() {
            return Err(err("InvalidInstance", format!("The specified EC2 instance does not exist: {id}")));
        }
    }
    edit(elb, name, |rec| {
        for id in &ids {
            match rec.instances.iter_mut().find(|i| &i.id == id) {
                Some(i) => i.draining_until = None,
                None => rec.instances.push(ClassicInstance { id: id.clone(), draining_until: None }),
            }
        }
        Ok(registered(rec))
    })
}

fn deregister(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    let ids = instance_ids(input);
    let now = elb.now();
    edit(elb, name, |rec| {
        for id in &ids {
            if !rec.instances.iter().any(|i| &i.id == id && i.draining_until.is_none()) {
                return Err(err("InvalidInstance", format!("The specified instance is not registered: {id}")));
            }
        }
        let draining = rec.draining;
        rec.instances.retain_mut(|i| {
            if !ids.contains(&i.id) {
                return true;
            }
            match draining {
                // Connection draining: no new requests, in-flight ones finish within the timeout.
                Some(t) => {
                    i.draining_until = Some(now + t as f64);
                    true
                }
                None => false,
            }
        });
        Ok(registered(rec))
    })
}

/// DescribeInstanceHealth: each registered instance's state from the proxy's health checks.
fn instance_health(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    let rec = read(elb, name)?;
    let asked = instance_ids(input);
    for id in &asked {
        if !rec.instances.iter().any(|i| &i.id == id && i.draining_until.is_none()) {
            return Err(err("InvalidInstance", format!("Could not find EC2 instance {id}.")));
        }
    }
    let states: Vec<Value> = rec
        .instances
        .iter()
        .filter(|i| i.draining_until.is_none() && (asked.is_empty() || asked.contains(&i.id)))
        .map(|i| {
            let (state, code, desc) = health_of(elb, &rec, &i.id);
            json!({"InstanceId": i.id, "State": state, "ReasonCode": code, "Description": desc})
        })
        .collect();
    Ok(json!({"InstanceStates": states}))
}

/// An instance's (State, ReasonCode, Description) as classic ELB words them.
pub(crate) fn health_of(elb: &Elb, rec: &ClassicRec, id: &str) -> (&'static str, &'static str, String) {
    let running = elb.directory.instance(id).is_some_and(|i| i.running);
    if !running {
        return ("OutOfService", "Instance", "Instance is in stopped state.".into());
    }
    let Some(l) = rec.listeners.first() else {
        return ("Unknown", "ELB", "A transient error occurred. Please try again later.".into());
    };
    match elb.proxy.target_status(&rec.group_arn(l.lb_port), id, l.instance_port).map(|s| s.state) {
        Some(proxy::State::Healthy) => ("InService", "N/A", "N/A".into()),
        Some(proxy::State::Unhealthy) => (
            "OutOfService",
            "Instance",
            "Instance has failed at least the UnhealthyThreshold number of health checks consecutively.".into(),
        ),
        _ => ("OutOfService", "ELB", "Instance registration is still in progress.".into()),
    }
}

fn zones(elb: &Elb, input: &Value, enable: bool) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    let asked = strings(input, "AvailabilityZones");
    edit(elb, name, |rec| {
        for z in &asked {
            if enable && !rec.zones.contains(z) {
                rec.zones.push(z.clone());
            }
        }
        if !enable {
            rec.zones.retain(|z| !asked.contains(z));
            if rec.zones.is_empty() {
                return Err(err(
                    "ValidationError",
                    "Cannot remove all Availability Zones from a load balancer: it must have at least one",
                ));
            }
        }
        Ok(json!({"AvailabilityZones": rec.zones}))
    })
}

fn subnets(elb: &Elb, input: &Value, attach: bool) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    let asked = strings(input, "Subnets");
    let mut found = Vec::new();
    for s in &asked {
        found.push(
            elb.directory
                .subnet(s)
                .ok_or_else(|| err("SubnetNotFound", format!("One or more subnets were not found: {s}")))?,
        );
    }
    edit(elb, name, |rec| {
        for (s, (vpc, zone)) in asked.iter().zip(&found) {
            if attach {
                if rec.vpc_id.as_ref().is_some_and(|v| v != vpc) {
                    return Err(err("InvalidConfigurationRequest", "Subnets must all be in the load balancer's VPC"));
                }
                if !rec.subnets.contains(s) {
                    rec.subnets.push(s.clone());
                    rec.vpc_id.get_or_insert_with(|| vpc.clone());
                    if !rec.zones.contains(zone) {
                        rec.zones.push(zone.clone());
                    }
                }
            } else {
                rec.subnets.retain(|x| x != s);
                rec.zones.retain(|z| z != zone);
            }
        }
        if rec.subnets.is_empty() && rec.vpc_id.is_some() {
            return Err(err("ValidationError", "A load balancer in a VPC must keep at least one subnet"));
        }
        Ok(json!({"Subnets": rec.subnets}))
    })
}

fn security_groups(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    let groups = strings(input, "SecurityGroups");
    edit(elb, name, |rec| {
        rec.security_groups = groups.clone();
        Ok(json!({"SecurityGroups": groups}))
    })
}

fn describe_attributes(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    let rec = read(elb, name)?;
    Ok(json!({"LoadBalancerAttributes": rec.render_attributes()}))
}

fn modify_attributes(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    let a = input.get("LoadBalancerAttributes").cloned().unwrap_or_default();
    edit(elb, name, |rec| {
        if let Some(e) = a.get("CrossZoneLoadBalancing").and_then(|c| c.get("Enabled")).and_then(Value::as_bool) {
            rec.cross_zone = e;
        }
        if let Some(d) = a.get("ConnectionDraining") {
            let enabled = d.get("Enabled").and_then(Value::as_bool).unwrap_or(false);
            let timeout = d.get("Timeout").and_then(Value::as_i64).unwrap_or(300);
            if !(1..=3600).contains(&timeout) {
                return Err(err("ValidationError", "ConnectionDraining Timeout must be between 1 and 3600 seconds"));
            }
            rec.draining = enabled.then_some(timeout);
        }
        if let Some(t) = a.get("ConnectionSettings").and_then(|c| c.get("IdleTimeout")).and_then(Value::as_i64) {
            if !(1..=4000).contains(&t) {
                return Err(err("ValidationError", "IdleTimeout must be between 1 and 4000 seconds"));
            }
            rec.idle_timeout = t;
        }
        if let Some(l) = a.get("AccessLog") {
            let enabled = l.get("Enabled").and_then(Value::as_bool).unwrap_or(false);
            let bucket = str_of(l, "S3BucketName").unwrap_or("");
            let prefix = str_of(l, "S3BucketPrefix").unwrap_or("");
            let interval = l.get("EmitInterval").and_then(Value::as_i64).unwrap_or(60);
            if enabled && bucket.is_empty() {
                return Err(err("InvalidConfigurationRequest", "S3BucketName is required when AccessLog is enabled"));
            }
            if !bucket.is_empty() {
                crate::access_logs::check_bucket(bucket).map_err(ApiError::from)?;
            }
            crate::access_logs::check_prefix(prefix).map_err(ApiError::from)?;
            if interval != 5 && interval != 60 {
                return Err(err("ValidationError", format!("EmitInterval must be 5 or 60 minutes, not {interval}")));
            }
            let mut log = json!({"Enabled": enabled, "EmitInterval": interval});
            if !bucket.is_empty() {
                log["S3BucketName"] = json!(bucket);
            }
            if !prefix.is_empty() {
                log["S3BucketPrefix"] = json!(prefix);
            }
            rec.access_log = Some(log);
        }
        Ok(json!({"LoadBalancerName": rec.name, "LoadBalancerAttributes": rec.render_attributes()}))
    })
}

fn put_policy(elb: &Elb, name: &str, policy: ClassicPolicy) -> Result<Value> {
    edit(elb, name, |rec| {
        if rec.policies.iter().any(|p| p.name == policy.name) {
            return Err(err("DuplicatePolicyName", format!("Policy name {} already exists", policy.name)));
        }
        rec.policies.push(policy);
        Ok(json!({}))
    })
}

fn policies(elb: &Elb, op: &str, input: &Value) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    let policy = required(input, "PolicyName")?.to_string();
    match op {
        "CreateLBCookieStickinessPolicy" => {
            let mut attributes = Vec::new();
            if let Some(e) = input.get("CookieExpirationPeriod").and_then(Value::as_i64) {
                attributes.push(("CookieExpirationPeriod".into(), e.to_string()));
            }
            put_policy(
                elb,
                name,
                ClassicPolicy { name: policy, type_name: "LBCookieStickinessPolicyType".into(), attributes },
            )
        }
        "CreateAppCookieStickinessPolicy" => {
            let cookie = required(input, "CookieName")?;
            put_policy(
                elb,
                name,
                ClassicPolicy {
                    name: policy,
                    type_name: "AppCookieStickinessPolicyType".into(),
                    attributes: vec![("CookieName".into(), cookie.into())],
                },
            )
        }
        "CreateLoadBalancerPolicy" => {
            let type_name = required(input, "PolicyTypeName")?;
            if !POLICY_TYPES.contains(&type_name) {
                return Err(err("PolicyTypeNotFound", format!("Policy type {type_name} not found")));
            }
            let attributes = input
                .get("PolicyAttributes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|a| Some((str_of(a, "AttributeName")?.into(), str_of(a, "AttributeValue")?.into())))
                .collect();
            put_policy(elb, name, ClassicPolicy { name: policy, type_name: type_name.into(), attributes })
        }
        _ => edit(elb, name, |rec| {
            // DeleteLoadBalancerPolicy: not while a listener or a back-end port uses it.
            if rec.listeners.iter().any(|l| l.policies.contains(&policy)) {
                return Err(err("InvalidConfigurationRequest", format!("Policy {policy} is in use by a listener")));
            }
            if rec.backend_policies.iter().any(|(_, names)| names.contains(&policy)) {
                return Err(err(
                    "InvalidConfigurationRequest",
                    format!("Policy {policy} is in use by a back-end server"),
                ));
            }
            rec.policies.retain(|p| p.name != policy);
            Ok(json!({}))
        }),
    }
}

const POLICY_TYPES: [&str; 5] = [
    "LBCookieStickinessPolicyType",
    "AppCookieStickinessPolicyType",
    "SSLNegotiationPolicyType",
    "ProxyProtocolPolicyType",
    "BackendServerAuthenticationPolicyType",
];

fn set_listener_policies(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    let port = input.get("LoadBalancerPort").and_then(Value::as_i64).unwrap_or(0);
    let names = strings(input, "PolicyNames");
    edit(elb, name, |rec| {
        for n in &names {
            if !rec.policies.iter().any(|p| &p.name == n) {
                return Err(err(
                    "PolicyNotFound",
                    format!("There is no policy with name {n} for load balancer {name}"),
                ));
            }
        }
        let l = rec.listeners.iter_mut().find(|l| l.lb_port as i64 == port).ok_or_else(|| {
            err("ListenerNotFound", format!("There is no listener for load balancer {name} on port {port}"))
        })?;
        l.policies = names.clone();
        Ok(json!({}))
    })
}

/// SetLoadBalancerPoliciesForBackendServer: the policies of an instance port (replacing its
/// previous ones; none: removed). A `ProxyProtocolPolicyType` policy makes the TCP and SSL
/// listeners forwarding to the port send the PROXY protocol v1 line first.
fn set_backend_policies(elb: &Elb, input: &Value) -> Result<Value> {
    let name = required(input, "LoadBalancerName")?;
    let port = input
        .get("InstancePort")
        .and_then(Value::as_i64)
        .ok_or_else(|| err("ValidationError", "InstancePort must be specified"))?;
    if !(1..=65535).contains(&port) {
        return Err(err("ValidationError", format!("InstancePort must be between 1 and 65535, not {port}")));
    }
    if input.get("PolicyNames").is_none() {
        return Err(err("ValidationError", "PolicyNames must be specified"));
    }
    let names = strings(input, "PolicyNames");
    edit(elb, name, |rec| {
        for n in &names {
            let Some(p) = rec.policies.iter().find(|p| &p.name == n) else {
                return Err(err(
                    "PolicyNotFound",
                    format!("There is no policy with name {n} for load balancer {name}"),
                ));
            };
            if p.type_name != "ProxyProtocolPolicyType" && p.type_name != "BackendServerAuthenticationPolicyType" {
                return Err(err(
                    "InvalidConfigurationRequest",
                    format!("Policy {n} of type {} cannot be set for a back-end server", p.type_name),
                ));
            }
        }
        rec.backend_policies.retain(|(p, _)| *p as i64 != port);
        if !names.is_empty() {
            rec.backend_policies.push((port as u16, names.clone()));
            rec.backend_policies.sort_by_key(|(p, _)| *p);
        }
        Ok(json!({}))
    })
}

fn describe_policies(elb: &Elb, input: &Value) -> Result<Value> {
    let names = strings(input, "PolicyNames");
    let Some(lb) = str_of(input, "LoadBalancerName") else {
        // Without a load balancer: the predefined sample policies.
        let out: Vec<Value> = ["ELBSecurityPolicy-2016-08", "ELBSample-ELBDefaultCipherPolicy"]
            .iter()
            .filter(|n| names.is_empty() || names.iter().any(|x| x == *n))
            .map(|n| json!({"PolicyName": n, "PolicyTypeName": "SSLNegotiationPolicyType", "PolicyAttributeDescriptions": []}))
            .collect();
        return Ok(json!({"PolicyDescriptions": out}));
    };
    let rec = read(elb, lb)?;
    for n in &names {
        if !rec.policies.iter().any(|p| &p.name == n) {
            return Err(err("PolicyNotFound", format!("There is no policy with name {n} for load balancer {lb}")));
        }
    }
    let out: Vec<Value> = rec
        .policies
        .iter()
        .filter(|p| names.is_empty() || names.contains(&p.name))
        .map(|p| {
            json!({
                "PolicyName": p.name, "PolicyTypeName": p.type_name,
                "PolicyAttributeDescriptions": p.attributes.iter()
                    .map(|(k, v)| json!({"AttributeName": k, "AttributeValue": v})).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(json!({"PolicyDescriptions": out}))
}

fn describe_policy_types(input: &Value) -> Result<Value> {
    let names = strings(input, "PolicyTypeNames");
    if let Some(n) = names.iter().find(|n| !POLICY_TYPES.contains(&n.as_str())) {
        return Err(err("PolicyTypeNotFound", format!("Policy type {n} not found")));
    }
    let out: Vec<Value> = POLICY_TYPES
        .iter()
        .filter(|t| names.is_empty() || names.iter().any(|n| n == *t))
        .map(|t| json!({"PolicyTypeName": t, "Description": format!("{t} policy"), "PolicyAttributeTypeDescriptions": []}))
        .collect();
    Ok(json!({"PolicyTypeDescriptions": out}))
}

fn tags(elb: &Elb, op: &str, input: &Value) -> Result<Value> {
    let names = strings(input, "LoadBalancerNames");
    elb.store
        .write(|tx| {
            let mut out = Vec::new();
            for n in &names {
                let rec = match load(tx, n) {
                    Ok(r) => r,
                    Err(e) => return Ok(Err(e)),
                };
                let arn = rec.arn(elb);
                let mut tags: Tags = tx.get(kind::TAGS, &arn)?.unwrap_or_default();
                match op {
                    "AddTags" => {
                        for (k, v) in input_tags(input) {
                            match tags.iter_mut().find(|(tk, _)| *tk == k) {
                                Some(t) => t.1 = v,
                                None => tags.push((k, v)),
                            }
                        }
                        if tags.len() > 10 {
                            return Ok(Err(err("TooManyTags", "A load balancer can have at most 10 tags")));
                        }
                        tx.put(kind::TAGS, &arn, &tags)?;
                    }
                    "RemoveTags" => {
                        let gone: Vec<String> = input
                            .get("Tags")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .filter_map(|t| str_of(t, "Key").map(String::from))
                            .collect();
                        tags.retain(|(k, _)| !gone.contains(k));
                        tx.put(kind::TAGS, &arn, &tags)?;
                    }
                    _ => out.push(json!({"LoadBalancerName": n, "Tags": tags.iter()
                        .map(|(k, v)| json!({"Key": k, "Value": v})).collect::<Vec<_>>()})),
                }
            }
            Ok::<_, ElbError>(Ok(if op == "DescribeTags" { json!({"TagDescriptions": out}) } else { json!({}) }))
        })
        .map_err(store_err)?
}

pub(super) fn dispatch(elb: &Elb, op: &str, input: &Value) -> Result<Value> {
    match op {
        "CreateLoadBalancer" => create(elb, input),
        "DescribeLoadBalancers" => describe(elb, input),
        "DeleteLoadBalancer" => delete(elb, input),
        "CreateLoadBalancerListeners" => create_listeners(elb, input),
        "DeleteLoadBalancerListeners" => delete_listeners(elb, input),
        "ConfigureHealthCheck" => configure_health_check(elb, input),
        "RegisterInstancesWithLoadBalancer" => register(elb, input),
        "DeregisterInstancesFromLoadBalancer" => deregister(elb, input),
        "DescribeInstanceHealth" => instance_health(elb, input),
        "EnableAvailabilityZonesForLoadBalancer" => zones(elb, input, true),
        "DisableAvailabilityZonesForLoadBalancer" => zones(elb, input, false),
        "AttachLoadBalancerToSubnets" => subnets(elb, input, true),
        "DetachLoadBalancerFromSubnets" => subnets(elb, input, false),
        "ApplySecurityGroupsToLoadBalancer" => security_groups(elb, input),
        "DescribeLoadBalancerAttributes" => describe_attributes(elb, input),
        "ModifyLoadBalancerAttributes" => modify_attributes(elb, input),
        "CreateLBCookieStickinessPolicy"
        | "CreateAppCookieStickinessPolicy"
        | "CreateLoadBalancerPolicy"
        | "DeleteLoadBalancerPolicy" => policies(elb, op, input),
        "SetLoadBalancerPoliciesOfListener" => set_listener_policies(elb, input),
        "SetLoadBalancerPoliciesForBackendServer" => set_backend_policies(elb, input),
        "DescribeLoadBalancerPolicies" => describe_policies(elb, input),
        "DescribeLoadBalancerPolicyTypes" => describe_policy_types(input),
        "AddTags" | "RemoveTags" | "DescribeTags" => tags(elb, op, input),
        "DescribeAccountLimits" => Ok(json!({"Limits": [
            {"Name": "classic-load-balancers", "Max": "20"},
            {"Name": "classic-listeners", "Max": "100"},
            {"Name": "classic-registered-instances", "Max": "1000"},
        ]})),
        _ => Err(err("InvalidAction", format!("The action {op} is not valid for this web service."))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_check_targets_as_classic_elb_writes_them() {
        for ok in ["HTTP:80/", "HTTP:80/index.html", "HTTPS:443/health", "TCP:22", "SSL:443"] {
            assert!(check_health_target(ok).is_ok(), "{ok}");
        }
        for bad in ["HTTP:80", "TCP:22/x", "FTP:21", "HTTP:0/", "HTTP:x/", "80"] {
            assert!(check_health_target(bad).is_err(), "{bad}");
        }
    }
}
