//! What the data plane gets from the classic records: proxy listeners and groups, the end of
//! connection draining, and AWS/ELB datapoints.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use super::{ClassicRec, KIND};
use crate::Elb;

/// A classic load balancer's access log, when its AccessLog attribute is enabled: every
/// EmitInterval (5 or 60 minutes), or the region's shorter `--elb-access-log-interval`.
fn access_log(elb: &Elb, rec: &ClassicRec, ip: Ipv4Addr) -> Option<proxy::AccessLogConfig> {
    let log = rec.access_log.as_ref()?;
    if log.get("Enabled").and_then(serde_json::Value::as_bool) != Some(true) {
        return None;
    }
    let text = |k: &str| log.get(k).and_then(serde_json::Value::as_str).unwrap_or("");
    let minutes = log.get("EmitInterval").and_then(serde_json::Value::as_u64).unwrap_or(60);
    let emit = Duration::from_secs(minutes * 60);
    let interval = if elb.access_logs.interval < Duration::from_secs(300) { elb.access_logs.interval } else { emit };
    Some(crate::access_logs::config(
        elb,
        crate::access_logs::Destination {
            ip: ip.into(),
            elb: rec.name.clone(),
            name_part: rec.name.clone(),
            bucket: (!text("S3BucketName").is_empty()).then(|| text("S3BucketName"))?,
            prefix: text("S3BucketPrefix"),
            interval,
            format: proxy::LogFormat::Classic,
        },
    ))
}

pub(crate) fn compile(
    elb: &Elb,
    tx: &store::Tx,
    out: &mut proxy::Config,
    owners: &mut std::collections::HashSet<String>,
) -> crate::error::Result<()> {
    for (_, rec) in tx.list::<ClassicRec>(KIND, "")? {
        let via = rec
            .vpc_id
            .as_ref()
            .and_then(|vpc| crate::sync::vpc_via(elb, &rec.arn(elb), vpc, &rec.subnets, &rec.security_groups, owners));
        let Ok(ip) = rec.address.parse::<Ipv4Addr>() else { continue };
        out.access_logs.extend(access_log(elb, &rec, ip));
        let health = rec.health_settings();
        for l in &rec.listeners {
            let tls = match l.protocol.as_str() {
                "HTTPS" | "SSL" => {
                    let Some((body, chain, key)) =
                        l.certificate.as_deref().and_then(|c| elb.certificates.certificate(c))
                    else {
                        continue;
                    };
                    let certificate_pem = match chain {
                        Some(chain) => format!("{}\n{chain}", body.trim_end()),
                        None => body,
                    };
                    Some(proxy::TlsIdentity { certificate_pem, key_pem: key })
                }
                _ => None,
            };
            let group = rec.group_arn(l.lb_port);
            out.listeners.push(proxy::ListenerConfig {
                addr: SocketAddr::new(ip.into(), l.lb_port),
                id: String::new(),
                certificate_arn: None,
                rules: vec![proxy::Rule {
                    conditions: vec![],
                    action: proxy::Action::Forward(vec![(group.clone(), 1)]),
                    priority: 0,
                }],
                tls,
                idle_timeout: Duration::from_secs(rec.idle_timeout.max(1) as u64),
                tcp: matches!(l.protocol.as_str(), "TCP" | "SSL"),
                udp: false,
                udp_allow: None,
                allow: crate::sync::allowed_sources(elb, &rec.security_groups, l.lb_port),
                // An internal load balancer also accepts at its node in its VPC.
                inside: via.clone().filter(|_| rec.scheme == "internal"),
                headers: Default::default(),
            });
            let targets = rec
                .instances
                .iter()
                .filter_map(|i| {
                    let info = elb.directory.instance(&i.id).filter(|x| x.running)?;
                    let ip = if via.is_some() { info.private } else { info.loopback };
                    Some(proxy::TargetConfig {
                        id: i.id.clone(),
                        port: l.instance_port,
                        addr: SocketAddr::new(ip.into(), l.instance_port),
                        via: via.clone(),
                        draining: i.draining_until.is_some(),
                    })
                })
                .collect();
            let sticky = l
                .policies
                .iter()
                .filter_map(|n| rec.policies.iter().find(|p| &p.name == n))
                .find(|p| p.type_name == "LBCookieStickinessPolicyType")
                .map(|p| {
                    let secs = p.attributes.iter().find(|(k, _)| k == "CookieExpirationPeriod");
                    Duration::from_secs(secs.and_then(|(_, v)| v.parse().ok()).unwrap_or(86_400))
                });
            out.groups.push(proxy::GroupConfig {
                arn: group,
                targets,
                algorithm: proxy::Algorithm::RoundRobin,
                health: health.clone(),
                in_use: true,
                response_timeout: Duration::from_secs(rec.idle_timeout.max(1) as u64),
                sticky,
                proxy_protocol_v2: false,
                // TCP and SSL listeners relay the connection: its first line is the PROXY line.
                proxy_protocol_v1: matches!(l.protocol.as_str(), "TCP" | "SSL") && rec.proxy_protocol(l.instance_port),
                terminate_unhealthy: false,
                source_sticky: false,
                preserve_client_ip: false,
                tls_to_targets: matches!(l.instance_protocol.as_str(), "HTTPS" | "SSL"),
                terminate_deregistered: false,
            });
        }
    }
    Ok(())
}

fn metric(rec: &ClassicRec, name: &'static str, value: f64, unit: &'static str) -> crate::ElbMetric {
    crate::ElbMetric {
        namespace: "AWS/ELB",
        name,
        dimensions: vec![("LoadBalancerName".to_string(), rec.name.clone())],
        value,
        unit,
    }
}

/// The last second's AWS/ELB datapoints of a classic load balancer's traffic: RequestCount,
/// HTTPCode_Backend_*XX, HTTPCode_ELB_*XX, Latency.
pub(crate) fn metrics(rec: &ClassicRec, c: &proxy::Counts) -> Vec<crate::ElbMetric> {
    let mut out = vec![metric(rec, "RequestCount", c.requests as f64, "Count")];
    for (name, v) in [
        ("HTTPCode_Backend_2XX", c.target_2xx),
        ("HTTPCode_Backend_3XX", c.target_3xx),
        ("HTTPCode_Backend_4XX", c.target_4xx),
        ("HTTPCode_Backend_5XX", c.target_5xx),
        ("HTTPCode_ELB_4XX", c.elb_4xx),
        ("HTTPCode_ELB_5XX", c.elb_5xx),
    ] {
        if v > 0 {
            out.push(metric(rec, name, v as f64, "Count"));
        }
    }
    if c.responses > 0 {
        out.push(metric(rec, "Latency", c.response_time_sum / c.responses as f64, "Seconds"));
    }
    out
}

/// HealthyHostCount and UnHealthyHostCount, from the first listener's checks.
pub(crate) fn host_metrics(rec: &ClassicRec, healthy: usize, registered: usize) -> Vec<crate::ElbMetric> {
    vec![
        metric(rec, "HealthyHostCount", healthy as f64, "Count"),
        metric(rec, "UnHealthyHostCount", registered.saturating_sub(healthy) as f64, "Count"),
    ]
}

/// Connection draining ends when its timeout is over or the instance has no request in flight.
pub(crate) fn finish_draining(elb: &Elb) -> crate::error::Result<bool> {
    let now = elb.now();
    elb.store.write(|tx| {
        let mut changed = false;
        for (name, mut rec) in tx.list::<ClassicRec>(KIND, "")? {
            let before = rec.instances.len();
            let groups: Vec<(String, u16)> =
                rec.listeners.iter().map(|l| (rec.group_arn(l.lb_port), l.instance_port)).collect();
            rec.instances.retain(|i| match i.draining_until {
                None => true,
                Some(until) => {
                    let idle = groups
                        .iter()
                        .all(|(g, port)| elb.proxy.target_status(g, &i.id, *port).is_none_or(|s| s.in_flight == 0));
                    now < until && !idle
                }
            });
            if rec.instances.len() != before {
                tx.put(KIND, &name, &rec)?;
                changed = true;
            }
        }
        Ok(changed)
    })
}
