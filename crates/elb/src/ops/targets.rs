//! Targets: RegisterTargets, DeregisterTargets, DescribeTargetHealth.

use serde_json::{json, Value};

use super::target_groups::{associations, find};
use super::{required, str_of};
use crate::error::{ElbError, Result};
use crate::records::{kind, TargetGroupRec, TargetRec};
use crate::Elb;

fn input_targets(input: &Value, g: &TargetGroupRec) -> Result<Vec<(String, u16)>> {
    let mut out = Vec::new();
    for t in input.get("Targets").and_then(Value::as_array).into_iter().flatten() {
        let id = str_of(t, "Id").ok_or_else(|| ElbError::validation("A target ID must be specified"))?;
        let port = t.get("Port").and_then(Value::as_i64).unwrap_or(g.port as i64);
        if !(1..=65535).contains(&port) {
            return Err(ElbError::validation("Port must be between 1 and 65535"));
        }
        out.push((id.to_string(), port as u16));
    }
    Ok(out)
}

pub fn register_targets(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "TargetGroupArn")?;
    elb.store.write(|tx| {
        let mut g = find(tx, arn)?;
        for (id, port) in input_targets(input, &g)? {
            let zone = if g.target_type == "instance" {
                let i = elb.directory.instance(&id).ok_or_else(|| {
                    ElbError::Client("InvalidTarget", format!("The following targets are not valid instances: '{id}'"))
                })?;
                if i.vpc_id != g.vpc_id {
                    return Err(ElbError::Client(
                        "InvalidTarget",
                        format!("The following targets are not in the target group's VPC '{}': '{id}'", g.vpc_id),
                    ));
                }
                Some(i.availability_zone)
            } else {
                if id.parse::<std::net::Ipv4Addr>().is_err() {
                    return Err(ElbError::Client(
                        "InvalidTarget",
                        format!("The IP address '{id}' is not a valid IPv4 address"),
                    ));
                }
                None
            };
            match g.targets.iter_mut().find(|t| t.id == id && t.port == port) {
                // Registering a draining target again brings it back.
                Some(t) => t.deregistered_at = None,
                None => g.targets.push(TargetRec { id, port, availability_zone: zone, deregistered_at: None }),
            }
        }
        tx.put(kind::TARGET_GROUP, arn, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn deregister_targets(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "TargetGroupArn")?;
    let now = elb.now();
    elb.store.write(|tx| {
        let mut g = find(tx, arn)?;
        let delay: f64 =
            g.attributes.get("deregistration_delay.timeout_seconds").and_then(|s| s.parse().ok()).unwrap_or(300.0);
        for (id, port) in input_targets(input, &g)? {
            let Some(t) = g.targets.iter_mut().find(|t| t.id == id && t.port == port) else {
                return Err(ElbError::Client(
                    "InvalidTarget",
                    format!("The following targets are not registered in target group '{arn}': '{id}'"),
                ));
            };
            if t.deregistered_at.is_none() {
                t.deregistered_at = Some(now);
            }
        }
        if delay <= 0.0 {
            g.targets.retain(|t| t.deregistered_at.is_none());
        }
        tx.put(kind::TARGET_GROUP, arn, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}

fn health(state: &str, reason: Option<&str>, description: Option<String>) -> Value {
    let mut h = json!({"State": state});
    if let Some(r) = reason {
        h["Reason"] = json!(r);
    }
    if let Some(d) = description {
        h["Description"] = json!(d);
    }
    h
}

pub fn describe_target_health(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "TargetGroupArn")?;
    let (g, in_use) = elb.store.read(|tx| {
        let g = find(tx, arn)?;
        let in_use = associations(tx)?.contains_key(arn);
        Ok::<_, ElbError>((g, in_use))
    })?;
    let asked = input_targets(input, &g)?;
    let chosen: Vec<(String, u16, Option<&TargetRec>)> = if asked.is_empty() {
        g.targets.iter().map(|t| (t.id.clone(), t.port, Some(t))).collect()
    } else {
        asked
            .into_iter()
            .map(|(id, port)| {
                let rec = g.targets.iter().find(|t| t.id == id && t.port == port);
                (id, port, rec)
            })
            .collect()
    };
    let mut out = Vec::new();
    for (id, port, rec) in chosen {
        let mut desc = json!({"Target": {"Id": id, "Port": port}, "HealthCheckPort": if g.health.port == "traffic-port" { port.to_string() } else { g.health.port.clone() }});
        if let Some(z) = rec.and_then(|r| r.availability_zone.clone()) {
            desc["Target"]["AvailabilityZone"] = json!(z);
        }
        let h = match rec {
            None => health(
                "unused",
                Some("Target.NotRegistered"),
                Some("Target is not registered to the target group".into()),
            ),
            Some(r) if r.deregistered_at.is_some() => health(
                "draining",
                Some("Target.DeregistrationInProgress"),
                Some("Target deregistration is in progress".into()),
            ),
            Some(_)
                if g.target_type == "instance"
                    && !elb.directory.instance(&id).is_some_and(|i| i.running)
                    && !elb
                        .proxy
                        .target_status(&g.arn, &id, port)
                        .is_some_and(|s| s.state == proxy::State::Unhealthy) =>
            {
                health("unused", Some("Target.InvalidState"), Some("Target is in the stopped state".into()))
            }
            Some(_) if !in_use => health(
                "unused",
                Some("Target.NotInUse"),
                Some("Target group is not configured to receive traffic from the load balancer".into()),
            ),
            Some(_) if !g.health.enabled => {
                health("unavailable", Some("Target.HealthCheckDisabled"), Some("Health checks are disabled".into()))
            }
            Some(_) => match elb.proxy.target_status(&g.arn, &id, port) {
                None => health(
                    "initial",
                    Some("Elb.RegistrationInProgress"),
                    Some("Target registration is in progress".into()),
                ),
                Some(s) => match s.state {
                    proxy::State::Healthy => health("healthy", None, None),
                    proxy::State::Initial if !s.checked => health(
                        "initial",
                        Some("Elb.RegistrationInProgress"),
                        Some("Target registration is in progress".into()),
                    ),
                    proxy::State::Initial => health(
                        "initial",
                        Some("Elb.InitialHealthChecking"),
                        Some("Initial health checks in progress".into()),
                    ),
                    proxy::State::Unhealthy => match s.reason {
                        Some(proxy::Failure::Timeout) => {
                            health("unhealthy", Some("Target.Timeout"), Some("Request timed out".into()))
                        }
                        Some(proxy::Failure::ResponseCodeMismatch(c)) => health(
                            "unhealthy",
                            Some("Target.ResponseCodeMismatch"),
                            Some(format!("Health checks failed with these codes: [{c}]")),
                        ),
                        _ => {
                            health("unhealthy", Some("Target.FailedHealthChecks"), Some("Health checks failed".into()))
                        }
                    },
                },
            },
        };
        desc["TargetHealth"] = h;
        out.push(desc);
    }
    Ok(json!({"TargetHealthDescriptions": out}))
}
