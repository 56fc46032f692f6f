//! From records to the proxy's configuration, and the end of draining.

use std::collections::{HashMap, HashSet};
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use serde_json::Value;

use crate::error::Result;
use crate::records::{kind, ListenerRec, LoadBalancerRec, RuleRec, TargetGroupRec};
use crate::Elb;

/// Where the proxy reaches a target: inside its VPC (isolated networks: `via`) at its own
/// address; otherwise an instance's loopback address, or an IP target mapped as EC2 maps VPC
/// addresses (a.b.c.d → 127.b.c.d; loopback addresses as they are).
pub(crate) fn target_ip(elb: &Elb, tg: &TargetGroupRec, id: &str, isolated: bool) -> Option<Ipv4Addr> {
    if tg.target_type == "instance" {
        let i = elb.directory.instance(id)?;
        return i.running.then_some(if isolated { i.private } else { i.loopback });
    }
    let ip: Ipv4Addr = id.parse().ok()?;
    if ip.is_loopback() || isolated {
        return Some(ip);
    }
    let o = ip.octets();
    Some(Ipv4Addr::new(127, o[1], o[2], o[3]))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default()
}

/// A condition's values: from its `…Config` or the legacy `Values`.
pub(crate) fn condition(c: &Value) -> Option<proxy::Condition> {
    let field = c.get("Field")?.as_str()?;
    let cfg_values = |key: &str| c.get(key).and_then(|x| x.get("Values")).map(strings).filter(|v| !v.is_empty());
    let legacy = || c.get("Values").map(strings).unwrap_or_default();
    Some(match field {
        "path-pattern" => proxy::Condition::PathPattern(cfg_values("PathPatternConfig").unwrap_or_else(legacy)),
        "host-header" => proxy::Condition::HostHeader(cfg_values("HostHeaderConfig").unwrap_or_else(legacy)),
        "http-header" => {
            let h = c.get("HttpHeaderConfig")?;
            proxy::Condition::HttpHeader {
                name: h.get("HttpHeaderName")?.as_str()?.to_string(),
                values: h.get("Values").map(strings).unwrap_or_default(),
            }
        }
        "http-request-method" => {
            proxy::Condition::HttpRequestMethod(cfg_values("HttpRequestMethodConfig").unwrap_or_default())
        }
        "query-string" => proxy::Condition::QueryString(
            c.get("QueryStringConfig")
                .and_then(|q| q.get("Values"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|kv| {
                    (
                        kv.get("Key").and_then(Value::as_str).map(String::from),
                        kv.get("Value").and_then(Value::as_str).unwrap_or_default().to_string(),
                    )
                })
                .collect(),
        ),
        "source-ip" => proxy::Condition::SourceIp(
            cfg_values("SourceIpConfig").unwrap_or_default().iter().filter_map(|s| s.parse().ok()).collect(),
        ),
        _ => return None,
    })
}

/// The terminal action of an action list (the highest `Order`, or the last).
pub(crate) fn terminal(actions: &Value) -> Option<&Value> {
    let list = actions.as_array()?;
    list.iter().max_by_key(|a| a.get("Order").and_then(Value::as_i64).unwrap_or(0))
}

/// The target groups an action forwards to, with weights.
pub(crate) fn forward_groups(a: &Value) -> Vec<(String, u32)> {
    if let Some(groups) = a.get("ForwardConfig").and_then(|f| f.get("TargetGroups")).and_then(Value::as_array) {
        if !groups.is_empty() {
            return groups
                .iter()
                .filter_map(|g| {
                    let arn = g.get("TargetGroupArn")?.as_str()?.to_string();
                    Some((arn, g.get("Weight").and_then(Value::as_i64).unwrap_or(1).max(0) as u32))
                })
                .collect();
        }
    }
    a.get("TargetGroupArn").and_then(Value::as_str).map(|s| vec![(s.to_string(), 1)]).unwrap_or_default()
}

fn action(a: &Value) -> Option<proxy::Action> {
    let s = |v: &Value, k: &str, d: &str| v.get(k).and_then(Value::as_str).unwrap_or(d).to_string();
    Some(match a.get("Type")?.as_str()? {
        "forward" => proxy::Action::Forward(forward_groups(a)),
        "redirect" => {
            let r = a.get("RedirectConfig")?;
            proxy::Action::Redirect(proxy::Redirect {
                protocol: s(r, "Protocol", "#{protocol}"),
                host: s(r, "Host", "#{host}"),
                port: s(r, "Port", "#{port}"),
                path: s(r, "Path", "/#{path}"),
                query: s(r, "Query", "#{query}"),
                status: if s(r, "StatusCode", "HTTP_301") == "HTTP_302" { 302 } else { 301 },
            })
        }
        "fixed-response" => {
            let f = a.get("FixedResponseConfig")?;
            proxy::Action::FixedResponse {
                status: s(f, "StatusCode", "200").parse().unwrap_or(200),
                content_type: f.get("ContentType").and_then(Value::as_str).map(String::from),
                body: s(f, "MessageBody", ""),
            }
        }
        _ => return None,
    })
}

/// A rule of `priority` (0: the listener's default rule).
fn rule(conditions: &Value, actions: &Value, priority: u32) -> Option<proxy::Rule> {
    let conditions = conditions.as_array().map(|cs| cs.iter().filter_map(condition).collect()).unwrap_or_default();
    Some(proxy::Rule { conditions, action: action(terminal(actions)?)?, priority })
}

/// "200", "200,202", "200-299" → ranges.
pub(crate) fn matcher(code: &str) -> Option<Vec<(u16, u16)>> {
    code.split(',')
        .map(|part| {
            let part = part.trim();
            match part.split_once('-') {
                Some((a, b)) => Some((a.trim().parse().ok()?, b.trim().parse().ok()?)),
                None => part.parse().ok().map(|c| (c, c)),
            }
        })
        .collect()
}

/// The sources a load balancer's security groups let in to a listener port: the CIDRs of their
/// ingress rules for TCP (or all traffic) covering the port. `None` without security groups.
pub(crate) fn allowed_sources(elb: &Elb, groups: &[String], port: u16) -> Option<Vec<ipnet::IpNet>> {
    allowed_sources_for(elb, groups, port, "tcp")
}

/// As `allowed_sources`, for the rules of one IP protocol (`tcp` or `udp`).
pub(crate) fn allowed_sources_for(
    elb: &Elb,
    groups: &[String],
    port: u16,
    protocol: &str,
) -> Option<Vec<ipnet::IpNet>> {
    let number = if protocol == "udp" { "17" } else { "6" };
    if groups.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for g in groups {
        for rule in elb.directory.ingress(g).unwrap_or_default() {
            let covers = match rule.protocol.as_str() {
                "-1" | "all" => true,
                p if p == protocol || p == number => {
                    rule.from_port.unwrap_or(0) <= port as i64 && port as i64 <= rule.to_port.unwrap_or(65535)
                }
                _ => false,
            };
            if covers {
                out.extend(rule.cidr.parse::<ipnet::IpNet>());
            }
        }
    }
    Some(out)
}

/// Isolated networks: how `lb` reaches into `vpc_id` (its address there, made on first use).
/// `owners` gathers the load balancers holding addresses, so the others' are given back.
pub(crate) fn vpc_via(
    elb: &Elb,
    owner: &str,
    vpc_id: &str,
    subnets: &[String],
    groups: &[String],
    owners: &mut HashSet<String>,
) -> Option<proxy::Via> {
    let access = elb.directory.vpc_access(owner, vpc_id, subnets, groups)?;
    owners.insert(owner.to_string());
    match proxy::Via::open(&access.netns, Some(access.source)) {
        Ok(v) => Some(v),
        Err(e) => {
            tracing::warn!(netns = %access.netns, error = %e, "the VPC's network cannot be entered");
            None
        }
    }
}

/// Isolated networks: an internal load balancer's node in its own VPC, where its listeners
/// also accept (behind its security groups, which the VPC's router applies).
pub(crate) fn internal_node(elb: &Elb, lb: &LoadBalancerRec, owners: &mut HashSet<String>) -> Option<proxy::Via> {
    if lb.scheme != "internal" || lb.vpc_id.is_empty() {
        return None;
    }
    let subnets: Vec<String> = lb.subnets.iter().map(|(s, _)| s.clone()).collect();
    vpc_via(elb, &lb.arn, &lb.vpc_id, &subnets, &lb.security_groups, owners)
}

/// A fingerprint of the ingress rules of every load balancer's security groups: when it
/// changes (Authorize/RevokeSecurityGroupIngress), the listeners are compiled again.
pub(crate) fn security_fingerprint(elb: &Elb, tx: &store::Tx) -> Result<u64> {
    use std::hash::{Hash, Hasher};
    let mut groups: Vec<String> = tx
        .list::<LoadBalancerRec>(kind::LOAD_BALANCER, "")?
        .into_iter()
        .flat_map(|(_, lb)| lb.security_groups)
        .collect();
    groups.extend(
        tx.list::<crate::classic::ClassicRec>(crate::classic::KIND, "")?
            .into_iter()
            .flat_map(|(_, c)| c.security_groups),
    );
    groups.sort();
    groups.dedup();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for g in &groups {
        g.hash(&mut h);
        elb.directory.ingress(g).hash(&mut h);
    }
    Ok(h.finish())
}

pub(crate) fn config(elb: &Elb, tx: &store::Tx) -> Result<proxy::Config> {
    let lbs: Vec<LoadBalancerRec> = tx.list(kind::LOAD_BALANCER, "")?.into_iter().map(|(_, v)| v).collect();
    let listeners: Vec<ListenerRec> = tx.list(kind::LISTENER, "")?.into_iter().map(|(_, v)| v).collect();
    let mut rules: Vec<RuleRec> = tx.list(kind::RULE, "")?.into_iter().map(|(_, v)| v).collect();
    rules.sort_by_key(|r| r.priority);
    let groups: Vec<TargetGroupRec> = tx.list(kind::TARGET_GROUP, "")?.into_iter().map(|(_, v)| v).collect();
    let mut in_use = HashSet::new();
    let mut out = proxy::Config::default();
    let mut owners = HashSet::new();
    // Internal load balancers' nodes, kept whether or not they have listeners yet.
    let nodes: HashMap<&str, proxy::Via> =
        lbs.iter().filter_map(|lb| Some((lb.arn.as_str(), internal_node(elb, lb, &mut owners)?))).collect();
    for l in &listeners {
        let Some(lb) = lbs.iter().find(|lb| lb.arn == l.load_balancer_arn) else { continue };
        let Ok(ip) = lb.address.parse::<Ipv4Addr>() else { continue };
        let mut compiled = Vec::new();
        for r in rules.iter().filter(|r| r.listener_arn == l.arn) {
            compiled.extend(rule(&r.conditions, &r.actions, r.priority));
            in_use.extend(terminal(&r.actions).map(forward_groups).unwrap_or_default().into_iter().map(|(a, _)| a));
        }
        compiled.extend(rule(&Value::Array(vec![]), &l.default_actions, 0));
        in_use.extend(terminal(&l.default_actions).map(forward_groups).unwrap_or_default().into_iter().map(|(a, _)| a));
        let tls = match l.protocol.as_str() {
            "HTTPS" | "TLS" => {
                // The default certificate (the first); without it the listener is not served.
                let Some((body, chain, key)) = l.certificates.first().and_then(|c| elb.certificates.certificate(c))
                else {
                    tracing::error!(listener = %l.arn, "HTTPS listener without a usable certificate: not served");
                    continue;
                };
                let certificate_pem = match chain {
                    Some(chain) => format!("{}\n{}", body.trim_end(), chain),
                    None => body,
                };
                Some(proxy::TlsIdentity { certificate_pem, key_pem: key })
            }
            _ => None,
        };
        let tcp = matches!(l.protocol.as_str(), "TCP" | "TLS" | "TCP_UDP");
        // A relayed TCP flow's idle timeout (`tcp.idle_timeout.seconds`); an HTTP listener's is
        // the load balancer's `idle_timeout.timeout_seconds`.
        let idle = if tcp {
            l.tcp_idle_timeout()
        } else {
            let secs = lb.attributes.get("idle_timeout.timeout_seconds").and_then(|v| v.parse::<u64>().ok());
            Duration::from_secs(secs.unwrap_or(60).max(1))
        };
        out.listeners.push(proxy::ListenerConfig {
            addr: SocketAddr::new(ip.into(), l.port),
            id: l.arn.rsplit('/').next().unwrap_or_default().to_string(),
            certificate_arn: tls.as_ref().and(l.certificates.first().cloned()),
            rules: compiled,
            tls,
            idle_timeout: idle,
            tcp,
            udp: matches!(l.protocol.as_str(), "UDP" | "TCP_UDP"),
            allow: allowed_sources(elb, &lb.security_groups, l.port),
            // Datagrams are let in by the security groups' UDP rules.
            udp_allow: allowed_sources_for(elb, &lb.security_groups, l.port, "udp"),
            inside: nodes.get(lb.arn.as_str()).cloned(),
            headers: proxy::HeaderRules::from_attributes(|k| lb.attributes.get(k).cloned()),
        });
    }
    let associations = crate::ops::target_groups::associations(tx)?;
    for g in groups {
        // The first load balancer forwarding to the group is the one its targets see.
        let via = associations.get(&g.arn).and_then(|arns| arns.first()).and_then(|arn| {
            let lb = lbs.iter().find(|lb| &lb.arn == arn)?;
            let subnets: Vec<String> = lb.subnets.iter().map(|(s, _)| s.clone()).collect();
            vpc_via(elb, &lb.arn, &g.vpc_id, &subnets, &lb.security_groups, &mut owners)
        });
        let h = &g.health;
        // A network load balancer's group (TCP, TLS, UDP, TCP_UDP), not an ALB's (HTTP, HTTPS).
        let network = !matches!(g.protocol.as_str(), "HTTP" | "HTTPS");
        let targets = g
            .targets
            .iter()
            .filter_map(|t| {
                let ip = target_ip(elb, &g, &t.id, via.is_some())?;
                Some(proxy::TargetConfig {
                    id: t.id.clone(),
                    port: t.port,
                    addr: SocketAddr::new(ip.into(), t.port),
                    via: via.clone(),
                    draining: t.deregistered_at.is_some(),
                })
            })
            .collect();
        let algorithm = match g.attributes.get("load_balancing.algorithm.type").map(String::as_str) {
            Some("least_outstanding_requests") => proxy::Algorithm::LeastOutstandingRequests,
            _ => proxy::Algorithm::RoundRobin,
        };
        out.groups.push(proxy::GroupConfig {
            in_use: in_use.contains(&g.arn),
            arn: g.arn.clone(),
            targets,
            algorithm,
            health: proxy::HealthSettings {
                enabled: h.enabled,
                tcp: h.protocol == "TCP",
                tls: h.protocol == "HTTPS",
                path: h.path.clone(),
                port: h.port.parse().ok(),
                interval: Duration::from_secs(h.interval.max(1) as u64),
                timeout: Duration::from_secs(h.timeout.max(1) as u64),
                healthy_threshold: h.healthy as u32,
                unhealthy_threshold: h.unhealthy as u32,
                matcher: matcher(&h.matcher).unwrap_or_else(|| vec![(200, 200)]),
                proxy_header: g.attributes.get("proxy_protocol_v2.enabled").map(String::as_str) == Some("true"),
            },
            response_timeout: Duration::from_secs(60),
            terminate_deregistered: network
                && g.attributes.get("deregistration_delay.connection_termination.enabled").map(String::as_str)
                    == Some("true"),
            source_sticky: network
                && g.attributes.get("stickiness.enabled").map(String::as_str) == Some("true")
                && g.attributes.get("stickiness.type").map(String::as_str) == Some("source_ip"),
            sticky: (!network
                && g.attributes.get("stickiness.enabled").map(String::as_str) == Some("true")
                && g.attributes.get("stickiness.type").map(String::as_str) != Some("app_cookie"))
            .then(|| {
                let secs = g.attributes.get("stickiness.lb_cookie.duration_seconds").and_then(|v| v.parse().ok());
                Duration::from_secs(secs.unwrap_or(86400))
            }),
            proxy_protocol_v2: g.attributes.get("proxy_protocol_v2.enabled").map(String::as_str) == Some("true"),
            proxy_protocol_v1: false,
            // HTTPS and TLS groups: the proxy speaks TLS to the targets (re-encryption).
            tls_to_targets: matches!(g.protocol.as_str(), "HTTPS" | "TLS"),
            preserve_client_ip: network
                && g.attributes.get("preserve_client_ip.enabled").map(String::as_str) == Some("true"),
            // AWS's default: on.
            terminate_unhealthy: network
                && g.attributes.get("target_health_state.unhealthy.connection_termination.enabled").map(String::as_str)
                    != Some("false"),
        });
    }
    for lb in lbs.iter().filter(|lb| matches!(lb.lb_type.as_str(), "application" | "network")) {
        if let Some(cfg) = access_log(elb, lb) {
            out.access_logs.push(cfg);
        }
    }
    crate::classic::compile(elb, tx, &mut out, &mut owners)?;
    elb.directory.retain_vpc_access(&owners);
    Ok(out)
}

/// An application or network load balancer's access log, when `access_logs.s3.enabled` is on
/// (a network load balancer's lines are its TLS listeners' connections).
fn access_log(elb: &Elb, lb: &LoadBalancerRec) -> Option<proxy::AccessLogConfig> {
    let attr = |k: &str| lb.attributes.get(k).map(String::as_str).unwrap_or("");
    if attr("access_logs.s3.enabled") != "true" || attr("access_logs.s3.bucket").is_empty() {
        return None;
    }
    let (short, format) = match lb.lb_type.as_str() {
        "network" => ("net", proxy::LogFormat::Network),
        _ => ("app", proxy::LogFormat::Application),
    };
    Some(crate::access_logs::config(
        elb,
        crate::access_logs::Destination {
            ip: lb.address.parse().ok()?,
            elb: format!("{short}/{}/{}", lb.name, lb.id),
            name_part: format!("{short}.{}.{}", lb.name, lb.id),
            bucket: attr("access_logs.s3.bucket"),
            prefix: attr("access_logs.s3.prefix"),
            interval: elb.access_logs.interval,
            format,
        },
    ))
}

/// Draining ends when the deregistration delay is over, or once the target has had no request
/// in flight for a second.
pub(crate) fn finish_draining(elb: &Elb) -> Result<()> {
    let now = elb.now();
    let changed = elb.store.write(|tx| {
        let mut changed = false;
        for (key, mut g) in tx.list::<TargetGroupRec>(kind::TARGET_GROUP, "")? {
            let delay: f64 =
                g.attributes.get("deregistration_delay.timeout_seconds").and_then(|s| s.parse().ok()).unwrap_or(300.0);
            let before = g.targets.len();
            g.targets.retain(|t| match t.deregistered_at {
                None => true,
                Some(at) => {
                    let idle = elb.proxy.target_status(&g.arn, &t.id, t.port).is_none_or(|s| s.in_flight == 0);
                    !(now - at >= delay || (idle && now - at >= 1.0))
                }
            });
            if g.targets.len() != before {
                tx.put(kind::TARGET_GROUP, &key, &g)?;
                changed = true;
            }
        }
        Ok::<_, crate::error::ElbError>(changed)
    })?;
    let changed = crate::classic::finish_draining(elb)? || changed;
    if changed {
        elb.sync()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn matchers_as_elb_writes_them() {
        assert_eq!(super::matcher("200"), Some(vec![(200, 200)]));
        assert_eq!(super::matcher("200,202"), Some(vec![(200, 200), (202, 202)]));
        assert_eq!(super::matcher("200-299"), Some(vec![(200, 299)]));
        assert_eq!(super::matcher("abc"), None);
    }
}
