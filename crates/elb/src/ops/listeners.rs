//! Listeners: Create/Describe/Modify/DeleteListener, and the checks of actions shared with rules.

use serde_json::{json, Value};

use super::{input_tags, new_id, required, str_of, strings};
use crate::error::{ElbError, Result};
use crate::records::{kind, ListenerRec, LoadBalancerRec, RuleRec, TargetGroupRec};
use crate::sync::{forward_groups, terminal};
use crate::Elb;

pub(crate) fn find(tx: &store::Tx, arn: &str) -> Result<ListenerRec> {
    tx.get(kind::LISTENER, arn)?
        .ok_or_else(|| ElbError::Client("ListenerNotFound", format!("Listener '{arn}' not found")))
}

/// Actions must be well formed, name existing target groups, and a target group may serve one
/// load balancer only.
pub(crate) fn check_actions(tx: &store::Tx, lb: &LoadBalancerRec, actions: &Value) -> Result<()> {
    let list = actions
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| ElbError::validation("At least one action must be specified"))?;
    let assoc = super::target_groups::associations(tx)?;
    for a in list {
        let ty = str_of(a, "Type").unwrap_or_default();
        match ty {
            "forward" => {
                let groups = forward_groups(a);
                if groups.is_empty() {
                    return Err(ElbError::validation("A target group ARN must be specified for a forward action"));
                }
                for (tg, w) in &groups {
                    let g: TargetGroupRec = tx.get(kind::TARGET_GROUP, tg)?.ok_or_else(|| {
                        ElbError::Client("TargetGroupNotFound", format!("Target groups '{tg}' not found"))
                    })?;
                    if *w > 999 {
                        return Err(ElbError::validation("Target group weight must be between 0 and 999"));
                    }
                    let layer4 = matches!(g.protocol.as_str(), "TCP" | "TLS" | "UDP" | "TCP_UDP");
                    if layer4 != (lb.lb_type == "network") {
                        return Err(ElbError::Client(
                            "InvalidConfigurationRequest",
                            format!(
                                "The target group '{tg}' has protocol {} and cannot be used with a {} load balancer",
                                g.protocol, lb.lb_type
                            ),
                        ));
                    }
                    if g.vpc_id != lb.vpc_id {
                        return Err(ElbError::Client(
                            "InvalidConfigurationRequest",
                            format!("The target group '{tg}' is not in the load balancer's VPC '{}'", lb.vpc_id),
                        ));
                    }
                    if assoc.get(tg).is_some_and(|lbs| lbs.iter().any(|x| *x != lb.arn)) {
                        return Err(ElbError::Client(
                            "TargetGroupAssociationLimit",
                            format!("The following target groups cannot be associated with more than one load balancer: {tg}"),
                        ));
                    }
                }
            }
            "redirect" => {
                let r = a
                    .get("RedirectConfig")
                    .ok_or_else(|| ElbError::validation("RedirectConfig must be specified for a redirect action"))?;
                let code = str_of(r, "StatusCode").unwrap_or_default();
                if code != "HTTP_301" && code != "HTTP_302" {
                    return Err(ElbError::validation("Redirect StatusCode must be HTTP_301 or HTTP_302"));
                }
            }
            "fixed-response" => {
                let f = a.get("FixedResponseConfig").ok_or_else(|| {
                    ElbError::validation("FixedResponseConfig must be specified for a fixed-response action")
                })?;
                let code: u16 = str_of(f, "StatusCode").and_then(|c| c.parse().ok()).unwrap_or(0);
                if !(200..=599).contains(&code) || (300..400).contains(&code) {
                    return Err(ElbError::validation("Fixed response StatusCode must be 2XX, 4XX or 5XX"));
                }
            }
            other => {
                return Err(ElbError::Client(
                    "InvalidLoadBalancerAction",
                    format!("Action type '{other}' is not supported"),
                ));
            }
        }
    }
    if terminal(actions).is_none() {
        return Err(ElbError::validation("A terminal action must be specified"));
    }
    Ok(())
}

/// Application load balancers listen on HTTP or HTTPS, network ones on TCP, TLS, UDP or TCP_UDP.
fn check_port_protocol(port: i64, protocol: &str, lb_type: &str) -> Result<()> {
    if !(1..=65535).contains(&port) {
        return Err(ElbError::validation("Port must be between 1 and 65535"));
    }
    let allowed: &[&str] = if lb_type == "network" { &["TCP", "TLS", "UDP", "TCP_UDP"] } else { &["HTTP", "HTTPS"] };
    if !allowed.contains(&protocol) {
        return Err(ElbError::Client(
            "UnsupportedProtocol",
            format!(
                "Protocol '{protocol}' is not supported by {lb_type} load balancers here; use {}",
                allowed.join(" or ")
            ),
        ));
    }
    Ok(())
}

/// The target group protocols a network load balancer's listener protocol can forward to: TCP
/// to TCP or TCP_UDP, TLS to TCP or TLS, UDP to UDP or TCP_UDP, TCP_UDP to TCP_UDP only.
pub(crate) fn compatible(listener: &str, group: &str) -> bool {
    match listener {
        "TCP" => matches!(group, "TCP" | "TCP_UDP"),
        "TLS" => matches!(group, "TCP" | "TLS"),
        "UDP" => matches!(group, "UDP" | "TCP_UDP"),
        "TCP_UDP" => group == "TCP_UDP",
        _ => true,
    }
}

/// A network listener's forward actions name target groups of a protocol it can carry.
fn check_pairing(tx: &store::Tx, listener_protocol: &str, actions: &Value) -> Result<()> {
    for a in actions.as_array().into_iter().flatten() {
        for (tg, _) in forward_groups(a) {
            let Some(g) = tx.get::<TargetGroupRec>(kind::TARGET_GROUP, &tg)? else { continue };
            if matches!(g.protocol.as_str(), "HTTP" | "HTTPS") || compatible(listener_protocol, &g.protocol) {
                continue;
            }
            return Err(ElbError::validation(format!(
                "Listener protocol '{listener_protocol}' is not supported with a target group with the protocol '{}'",
                g.protocol
            )));
        }
    }
    Ok(())
}

/// An HTTPS listener's certificates (each must exist in IAM) and security policy.
fn tls_settings(elb: &Elb, input: &Value, protocol: &str) -> Result<(Vec<String>, Option<String>)> {
    let certs: Vec<String> = input
        .get("Certificates")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("CertificateArn").and_then(Value::as_str).map(String::from))
        .collect();
    if protocol != "HTTPS" && protocol != "TLS" {
        if !certs.is_empty() {
            return Err(ElbError::validation("Certificates can only be specified for HTTPS and TLS listeners"));
        }
        return Ok((vec![], None));
    }
    if certs.is_empty() {
        return Err(ElbError::validation(format!("A certificate must be specified for {protocol} listeners")));
    }
    for c in &certs {
        if elb.certificates.certificate(c).is_none() {
            return Err(ElbError::Client("CertificateNotFound", format!("Certificate '{c}' not found")));
        }
    }
    let policy = str_of(input, "SslPolicy").unwrap_or("ELBSecurityPolicy-2016-08");
    if !super::account::ssl_policy_exists(policy) {
        return Err(ElbError::Client("SSLPolicyNotFound", format!("SSL policy '{policy}' not found")));
    }
    Ok((certs, Some(policy.to_string())))
}

pub fn create_listener(elb: &Elb, input: &Value) -> Result<Value> {
    let lb_arn = required(input, "LoadBalancerArn")?;
    let port = input
        .get("Port")
        .and_then(Value::as_i64)
        .ok_or_else(|| ElbError::validation("A listener port must be specified"))?;
    let lb_type = elb.store.read(|tx| super::load_balancers::find(tx, lb_arn))?.lb_type;
    let protocol = str_of(input, "Protocol").unwrap_or(if lb_type == "network" { "TCP" } else { "HTTP" });
    check_port_protocol(port, protocol, &lb_type)?;
    let (certificates, ssl_policy) = tls_settings(elb, input, protocol)?;
    let actions = input.get("DefaultActions").cloned().unwrap_or(Value::Null);
    let tags = input_tags(input);
    let rec = elb.store.write(|tx| {
        let lb = super::load_balancers::find(tx, lb_arn)?;
        check_actions(tx, &lb, &actions)?;
        check_pairing(tx, protocol, &actions)?;
        if tx
            .list::<ListenerRec>(kind::LISTENER, "")?
            .iter()
            .any(|(_, l)| l.load_balancer_arn == lb_arn && l.port as i64 == port)
        {
            return Err(ElbError::Client(
                "DuplicateListener",
                "A listener already exists on this port for this load balancer".into(),
            ));
        }
        let id = new_id();
        let rec = ListenerRec {
            arn: elb.arn(&format!("listener/{}/{}/{}/{id}", lb.short_type(), lb.name, lb.id)),
            load_balancer_arn: lb_arn.into(),
            port: port as u16,
            protocol: protocol.into(),
            default_actions: actions.clone(),
            default_rule_arn: elb.arn(&format!(
                "listener-rule/{}/{}/{}/{id}/{}",
                lb.short_type(),
                lb.name,
                lb.id,
                new_id()
            )),
            certificates: certificates.clone(),
            ssl_policy: ssl_policy.clone(),
            attributes: Default::default(),
        };
        tx.put(kind::LISTENER, &rec.arn, &rec)?;
        if !tags.is_empty() {
            tx.put(kind::TAGS, &rec.arn, &tags)?;
        }
        Ok((rec, lb.address))
    })?;
    let (rec, address) = rec;
    // The listener must really accept: if the proxy cannot serve it, nothing is kept.
    elb.sync()?;
    if let Some(why) = elb.listener_fault(&address, rec.port) {
        elb.store.write(|tx| {
            tx.delete(kind::LISTENER, &rec.arn)?;
            tx.delete(kind::TAGS, &rec.arn)?;
            Ok::<_, ElbError>(())
        })?;
        elb.sync()?;
        return Err(not_served(rec.port, &why));
    }
    Ok(json!({"Listeners": [rec.render()]}))
}

fn not_served(port: u16, why: &str) -> ElbError {
    ElbError::Client("InvalidConfigurationRequest", format!("The listener on port {port} cannot be served: {why}"))
}

pub fn describe_listeners(elb: &Elb, input: &Value) -> Result<Value> {
    let lb = str_of(input, "LoadBalancerArn");
    let arns = strings(input, "ListenerArns");
    if lb.is_none() && arns.is_empty() {
        return Err(ElbError::validation("You must specify either listener ARNs or a load balancer ARN"));
    }
    let all: Vec<ListenerRec> = elb.store.read(|tx| {
        if let Some(lb) = lb {
            super::load_balancers::find(tx, lb)?;
        }
        for a in &arns {
            find(tx, a)?;
        }
        Ok::<_, ElbError>(tx.list(kind::LISTENER, "")?.into_iter().map(|(_, v)| v).collect())
    })?;
    let out: Vec<Value> = all
        .iter()
        .filter(|l| lb.is_none_or(|lb| l.load_balancer_arn == lb) && (arns.is_empty() || arns.contains(&l.arn)))
        .map(ListenerRec::render)
        .collect();
    Ok(json!({"Listeners": out}))
}

pub fn modify_listener(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "ListenerArn")?;
    let before = elb.store.read(|tx| find(tx, arn))?;
    let rec = elb.store.write(|tx| {
        let mut l = find(tx, arn)?;
        let lb = super::load_balancers::find(tx, &l.load_balancer_arn)?;
        if let Some(p) = input.get("Port").and_then(Value::as_i64) {
            check_port_protocol(p, &l.protocol, &lb.lb_type)?;
            if p as u16 != l.port
                && tx
                    .list::<ListenerRec>(kind::LISTENER, "")?
                    .iter()
                    .any(|(_, o)| o.load_balancer_arn == l.load_balancer_arn && o.port as i64 == p)
            {
                return Err(ElbError::Client(
                    "DuplicateListener",
                    "A listener already exists on this port for this load balancer".into(),
                ));
            }
            l.port = p as u16;
        }
        if let Some(p) = str_of(input, "Protocol") {
            check_port_protocol(l.port as i64, p, &lb.lb_type)?;
            l.protocol = p.into();
        }
        if input.get("Protocol").is_some() || input.get("Certificates").is_some() || input.get("SslPolicy").is_some() {
            let mut merged = input.clone();
            if merged.get("Certificates").is_none() && matches!(l.protocol.as_str(), "HTTPS" | "TLS") {
                merged["Certificates"] =
                    json!(l.certificates.iter().map(|c| json!({"CertificateArn": c})).collect::<Vec<_>>());
            }
            if merged.get("SslPolicy").is_none() {
                if let Some(p) = &l.ssl_policy {
                    merged["SslPolicy"] = json!(p);
                }
            }
            let (c, p) = tls_settings(elb, &merged, &l.protocol)?;
            l.certificates = c;
            l.ssl_policy = p;
        }
        if let Some(a) = input.get("DefaultActions") {
            check_actions(tx, &lb, a)?;
            l.default_actions = a.clone();
        }
        check_pairing(tx, &l.protocol, &l.default_actions)?;
        tx.put(kind::LISTENER, arn, &l)?;
        Ok((l, lb.address))
    })?;
    let (rec, address) = rec;
    elb.sync()?;
    if let Some(why) = elb.listener_fault(&address, rec.port) {
        // The change cannot be served: the listener goes back to what it was.
        elb.store.write(|tx| Ok::<_, ElbError>(tx.put(kind::LISTENER, arn, &before)?))?;
        elb.sync()?;
        return Err(not_served(rec.port, &why));
    }
    Ok(json!({"Listeners": [rec.render()]}))
}

pub fn delete_listener(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "ListenerArn")?;
    elb.store.write(|tx| {
        find(tx, arn)?;
        for (k, r) in tx.list::<RuleRec>(kind::RULE, "")? {
            if r.listener_arn == arn {
                tx.delete(kind::RULE, &k)?;
                tx.delete(kind::TAGS, &k)?;
            }
        }
        tx.delete(kind::LISTENER, arn)?;
        tx.delete(kind::TAGS, arn)?;
        Ok::<_, ElbError>(())
    })?;
    Ok(json!({}))
}

pub fn describe_listener_attributes(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "ListenerArn")?;
    let l = elb.store.read(|tx| find(tx, arn))?;
    Ok(json!({"Attributes": super::render_attributes(&l.effective_attributes())}))
}

/// `tcp.idle_timeout.seconds`: a whole number of seconds, 60–6000; only TCP and TCP_UDP
/// listeners have it (a TLS listener's is fixed at 350 s).
fn check_listener_attribute(l: &ListenerRec, key: &str, value: &str) -> Result<()> {
    if !l.effective_attributes().contains_key(key) {
        return Err(ElbError::validation(format!(
            "Listener attribute key '{key}' is not recognized for a listener with protocol '{}'",
            l.protocol
        )));
    }
    if key == crate::records::TCP_IDLE_TIMEOUT && !value.parse::<i64>().is_ok_and(|n| (60..=6000).contains(&n)) {
        return Err(ElbError::validation(format!(
            "The value of '{key}' must be an integer between 60 and 6000 seconds: '{value}'"
        )));
    }
    Ok(())
}

pub fn modify_listener_attributes(elb: &Elb, input: &Value) -> Result<Value> {
    let arn = required(input, "ListenerArn")?;
    let changes = super::attributes(input);
    if changes.is_empty() {
        return Err(ElbError::validation("At least one listener attribute must be specified"));
    }
    elb.store.write(|tx| {
        let mut l = find(tx, arn)?;
        for (k, v) in &changes {
            check_listener_attribute(&l, k, v)?;
            l.attributes.insert(k.clone(), v.clone());
        }
        tx.put(kind::LISTENER, arn, &l)?;
        Ok::<_, ElbError>(())
    })?;
    // As AWS answers: the attributes just set.
    let changed: std::collections::BTreeMap<String, String> = changes.into_iter().collect();
    Ok(json!({"Attributes": super::render_attributes(&changed)}))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listener(protocol: &str) -> ListenerRec {
        ListenerRec {
            arn: "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener/net/kg/0123/4567".into(),
            load_balancer_arn: String::new(),
            port: 7000,
            protocol: protocol.into(),
            default_actions: Value::Null,
            default_rule_arn: String::new(),
            certificates: vec![],
            ssl_policy: None,
            attributes: Default::default(),
        }
    }

    #[test]
    fn the_tcp_idle_timeout_is_a_tcp_listener_s_from_60_to_6000_seconds() {
        let key = crate::records::TCP_IDLE_TIMEOUT;
        for protocol in ["TCP", "TCP_UDP"] {
            let mut l = listener(protocol);
            assert_eq!(l.effective_attributes().get(key).map(String::as_str), Some("350"));
            assert_eq!(l.tcp_idle_timeout(), std::time::Duration::from_secs(350));
            for ok in ["60", "350", "6000"] {
                assert!(check_listener_attribute(&l, key, ok).is_ok(), "{ok}");
            }
            for bad in ["59", "6001", "-1", "", "1e3", "90.0"] {
                assert!(check_listener_attribute(&l, key, bad).is_err(), "{bad}");
            }
            l.attributes.insert(key.into(), "120".into());
            assert_eq!(l.tcp_idle_timeout(), std::time::Duration::from_secs(120));
            // A listener whose protocol changed keeps the fixed timeout of its new one.
            l.protocol = "TLS".into();
            assert!(l.effective_attributes().is_empty());
            assert_eq!(l.tcp_idle_timeout(), std::time::Duration::from_secs(350));
        }
        for protocol in ["TLS", "UDP", "HTTP", "HTTPS"] {
            assert!(check_listener_attribute(&listener(protocol), key, "120").is_err(), "{protocol}");
        }
        assert!(check_listener_attribute(&listener("TCP"), "idle_timeout.timeout_seconds", "60").is_err());
    }
}
