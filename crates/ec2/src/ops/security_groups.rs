//! Security groups and their rules: Create/Delete/DescribeSecurityGroups,
//! Authorize/RevokeSecurityGroupIngress/Egress, DescribeSecurityGroupRules, and [`allows`], the
//! ingress check a data path applies.

use std::net::Ipv4Addr;

use ipnet::{Ipv4Net, Ipv6Net};
use serde_json::{json, Value};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, InstanceRec, InstanceState, RulePeer, SecurityGroupRec, SgRule, VpcRec};
use crate::{filter, ids, Ec2};

/// A new VPC's default group: members may reach each other, everything may go out.
pub(crate) fn default_group_rec(account: &str, vpc_id: &str) -> SecurityGroupRec {
    let group_id = ids::new("sg");
    let mut g = SecurityGroupRec {
        group_id: group_id.clone(),
        group_name: "default".into(),
        description: "default VPC security group".into(),
        vpc_id: vpc_id.into(),
        owner_id: account.into(),
        rules: vec![],
        tags: vec![],
    };
    g.rules.push(rule(false, "-1", None, None, RulePeer::Group { group_id, user_id: account.into() }, None));
    g.rules.push(allow_all_out());
    g
}

fn allow_all_out() -> SgRule {
    rule(true, "-1", None, None, RulePeer::Cidr("0.0.0.0/0".into()), None)
}

fn rule(egress: bool, proto: &str, from: Option<i64>, to: Option<i64>, peer: RulePeer, d: Option<String>) -> SgRule {
    SgRule {
        rule_id: ids::new("sgr"),
        egress,
        protocol: proto.into(),
        from_port: from,
        to_port: to,
        peer,
        description: d,
        tags: vec![],
    }
}

/// A group id that names no group: `InvalidGroupId.Malformed` if it is not `sg-` and hex digits.
pub(crate) fn group_not_found(id: &str) -> Ec2Error {
    if !ids::well_formed("sg", id) {
        return Ec2Error::malformed("InvalidGroupId.Malformed", "sg", id);
    }
    Ec2Error::Client("InvalidGroup.NotFound", format!("The security group '{id}' does not exist"))
}

fn default_vpc(tx: &store::Tx) -> Result<Option<VpcRec>> {
    Ok(tx.list::<VpcRec>(kind::VPC, "")?.into_iter().map(|(_, v)| v).find(|v| v.is_default))
}

fn all_groups(tx: &store::Tx) -> Result<Vec<SecurityGroupRec>> {
    Ok(tx.list::<SecurityGroupRec>(kind::SECURITY_GROUP, "")?.into_iter().map(|(_, g)| g).collect())
}

/// The group a call names by `GroupId`, or by `GroupName` in the default VPC.
fn target_group(tx: &store::Tx, input: &Value) -> Result<SecurityGroupRec> {
    if let Some(id) = str_of(input, "GroupId") {
        return tx.get::<SecurityGroupRec>(kind::SECURITY_GROUP, id)?.ok_or_else(|| group_not_found(id));
    }
    let Some(name) = str_of(input, "GroupName") else {
        return Err(Ec2Error::MissingParameter("The request must contain the parameter groupName or groupId".into()));
    };
    let vpc = default_vpc(tx)?.ok_or_else(|| Ec2Error::Client("VPCIdNotSpecified", "No default VPC".into()))?;
    all_groups(tx)?.into_iter().find(|g| g.group_name == name && g.vpc_id == vpc.vpc_id).ok_or_else(|| {
        Ec2Error::Client(
            "InvalidGroup.NotFound",
            format!("The security group '{name}' does not exist in default VPC '{}'", vpc.vpc_id),
        )
    })
}

pub fn create_security_group(ec2: &Ec2, input: &Value) -> Result<Value> {
    let name = str_of(input, "GroupName")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter GroupName".into()))?;
    let description = str_of(input, "Description")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter GroupDescription".into()))?;
    if name.is_empty() || name.len() > 255 {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Invalid value '{name}' for GroupName. Length must be between 1 and 255 characters."
        )));
    }
    if name.starts_with("sg-") {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Value ({name}) for parameter GroupName is invalid. Group names may not be in the format sg-*."
        )));
    }
    if description.len() > 255 {
        return Err(Ec2Error::InvalidParameterValue("Invalid value for GroupDescription: too long.".into()));
    }
    let tags = tag_specs(input, "security-group")?;
    let account = ec2.config.account.clone();
    let group = ec2.write(|tx| {
        let vpc_id = match str_of(input, "VpcId") {
            Some(v) => {
                tx.get::<VpcRec>(kind::VPC, v)?
                    .ok_or_else(|| Ec2Error::not_found("InvalidVpcID.NotFound", "vpc ID", v))?
                    .vpc_id
            }
            None => {
                default_vpc(tx)?
                    .ok_or_else(|| Ec2Error::Client("VPCIdNotSpecified", "No default VPC for this user".into()))?
                    .vpc_id
            }
        };
        if all_groups(tx)?.iter().any(|g| g.vpc_id == vpc_id && g.group_name == name) {
            return Err(Ec2Error::Client(
                "InvalidGroup.Duplicate",
                format!("The security group '{name}' already exists for VPC '{vpc_id}'"),
            ));
        }
        let g = SecurityGroupRec {
            group_id: ids::new("sg"),
            group_name: name.into(),
            description: description.into(),
            vpc_id,
            owner_id: account.clone(),
            rules: vec![allow_all_out()],
            tags: tags.clone(),
        };
        tx.put(kind::SECURITY_GROUP, &g.group_id, &g)?;
        Ok(g)
    })?;
    let mut out = json!({
        "GroupId": group.group_id,
        "SecurityGroupArn": format!("arn:aws:ec2:{}:{account}:security-group/{}", ec2.config.region, group.group_id),
    });
    if !tags.is_empty() {
        out["Tags"] = crate::records::tags_json(&tags);
    }
    Ok(out)
}

fn dependency(id: &str) -> Ec2Error {
    Ec2Error::Client("DependencyViolation", format!("resource {id} has a dependent object"))
}

pub fn delete_security_group(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = ec2.write(|tx| {
        let g = target_group(tx, input)?;
        if g.group_name == "default" {
            return Err(Ec2Error::Client(
                "CannotDelete",
                format!("the specified group: \"{}\" name: \"default\" cannot be deleted by a user", g.group_id),
            ));
        }
        let in_use = tx.list::<InstanceRec>(kind::INSTANCE, "")?.into_iter().any(|(_, i)| {
            i.state != InstanceState::Terminated && i.security_groups.iter().any(|(sg, _)| *sg == g.group_id)
        });
        let referenced = all_groups(tx)?.iter().filter(|o| o.group_id != g.group_id).any(|o| {
            o.rules.iter().any(|r| matches!(&r.peer, RulePeer::Group { group_id, .. } if *group_id == g.group_id))
        });
        if in_use || referenced {
            return Err(dependency(&g.group_id));
        }
        tx.delete(kind::SECURITY_GROUP, &g.group_id)?;
        Ok(g.group_id)
    })?;
    Ok(json!({"Return": true, "GroupId": id}))
}

/// `tcp`/`6` → `tcp`, `all` → `-1`, …; anything else is refused as AWS refuses it.
pub(crate) fn normalize_protocol(p: &str) -> Result<String> {
    let lower = p.trim().to_ascii_lowercase();
    let named = match lower.as_str() {
        "tcp" | "6" => "tcp",
        "udp" | "17" => "udp",
        "icmp" | "1" => "icmp",
        "icmpv6" | "58" => "icmpv6",
        "-1" | "all" => "-1",
        other => {
            return match other.parse::<u8>() {
                Ok(n) => Ok(n.to_string()),
                Err(_) => Err(Ec2Error::InvalidParameterValue(format!(
                    "Invalid value '{p}' for IP protocol. Unknown protocol."
                ))),
            }
        }
    };
    Ok(named.into())
}

fn ports(proto: &str, from: Option<i64>, to: Option<i64>) -> Result<(Option<i64>, Option<i64>)> {
    match proto {
        "tcp" | "udp" => {
            let (Some(f), Some(t)) = (from, to) else {
                return Err(Ec2Error::InvalidParameterValue(
                    "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange".into(),
                ));
            };
            if !(0..=65535).contains(&f) || !(0..=65535).contains(&t) || f > t {
                return Err(Ec2Error::InvalidParameterValue(format!(
                    "Invalid TCP/UDP port range (from {f} to {t}): ports must be 0-65535 and from <= to."
                )));
            }
            Ok((Some(f), Some(t)))
        }
        "icmp" | "icmpv6" => {
            let (f, t) = (from.unwrap_or(-1), to.unwrap_or(-1));
            if !(-1..=255).contains(&f) || !(-1..=255).contains(&t) {
                return Err(Ec2Error::InvalidParameterValue(format!(
                    "Invalid value for ICMP type ({f}) or code ({t}): must be -1 to 255."
                )));
            }
            Ok((Some(f), Some(t)))
        }
        _ => Ok((None, None)),
    }
}

fn check_cidr(c: &str) -> Result<String> {
    match c.parse::<Ipv4Net>() {
        Ok(n) if n.network() == n.addr() => Ok(n.to_string()),
        _ => Err(Ec2Error::InvalidParameterValue(format!("CIDR block {c} is malformed"))),
    }
}

fn check_cidr6(c: &str) -> Result<String> {
    match c.parse::<Ipv6Net>() {
        Ok(n) if n.network() == n.addr() => Ok(n.to_string()),
        _ => Err(Ec2Error::InvalidParameterValue(format!("CIDR block {c} is malformed"))),
    }
}

fn desc(v: &Value) -> Option<String> {
    str_of(v, "Description").map(String::from)
}

/// A group another rule refers to, by id or by name in the target group's VPC. When
/// `must_exist` is false (revokes), an id is taken as given.
fn peer_group(tx: &store::Tx, pair: &Value, vpc_id: &str, account: &str, must_exist: bool) -> Result<RulePeer> {
    let user_id = str_of(pair, "UserId").unwrap_or(account).to_string();
    if let Some(id) = str_of(pair, "GroupId") {
        if must_exist && !tx.exists(kind::SECURITY_GROUP, id)? {
            return Err(group_not_found(id));
        }
        return Ok(RulePeer::Group { group_id: id.into(), user_id });
    }
    if let Some(name) = str_of(pair, "GroupName") {
        let g = all_groups(tx)?.into_iter().find(|g| g.group_name == name && g.vpc_id == vpc_id).ok_or_else(|| {
            Ec2Error::Client(
                "InvalidGroup.NotFound",
                format!("The security group '{name}' does not exist in VPC '{vpc_id}'"),
            )
        })?;
        return Ok(RulePeer::Group { group_id: g.group_id, user_id });
    }
    Err(Ec2Error::MissingParameter("A UserIdGroupPair needs a GroupId or a GroupName".into()))
}

/// The rules an Authorize/Revoke call describes, from `IpPermissions` or the legacy flat form
/// (`IpProtocol`, `FromPort`, `ToPort`, `CidrIp`, `SourceSecurityGroupName`).
fn requested_rules(
    tx: &store::Tx,
    input: &Value,
    g: &SecurityGroupRec,
    egress: bool,
    revoke: bool,
) -> Result<Vec<SgRule>> {
    let perms: Vec<Value> = match input.get("IpPermissions").and_then(Value::as_array) {
        Some(p) if !p.is_empty() => p.clone(),
        _ => {
            let legacy = ["IpProtocol", "CidrIp", "SourceSecurityGroupName", "FromPort", "ToPort"];
            if !legacy.iter().any(|k| input.get(*k).is_some()) {
                if revoke && input.get("SecurityGroupRuleIds").is_some() {
                    return Ok(vec![]);
                }
                return Err(Ec2Error::MissingParameter("No IP permissions were specified (IpPermissions)".into()));
            }
            let mut p = json!({
                "IpProtocol": str_of(input, "IpProtocol").unwrap_or("-1"),
                "FromPort": input.get("FromPort"), "ToPort": input.get("ToPort"),
            });
            if let Some(name) = str_of(input, "SourceSecurityGroupName") {
                let mut pair = json!({"GroupName": name});
                if let Some(owner) = str_of(input, "SourceSecurityGroupOwnerId") {
                    pair["UserId"] = json!(owner);
                }
                p["UserIdGroupPairs"] = json!([pair]);
            }
            if let Some(c) = str_of(input, "CidrIp") {
                p["IpRanges"] = json!([{"CidrIp": c}]);
            } else if p.get("UserIdGroupPairs").is_none() {
                p["IpRanges"] = json!([{"CidrIp": "0.0.0.0/0"}]);
            }
            vec![p]
        }
    };
    let account = &g.owner_id;
    let mut out = Vec::new();
    for p in &perms {
        let proto = normalize_protocol(str_of(p, "IpProtocol").ok_or_else(|| {
            Ec2Error::MissingParameter("The request must contain the parameter ipPermissions.ipProtocol".into())
        })?)?;
        let (from, to) =
            ports(&proto, p.get("FromPort").and_then(Value::as_i64), p.get("ToPort").and_then(Value::as_i64))?;
        let list = |k: &str| p.get(k).and_then(Value::as_array).cloned().unwrap_or_default();
        if !list("PrefixListIds").is_empty() {
            return Err(Ec2Error::Unsupported("Prefix lists are not supported in security group rules here.".into()));
        }
        let mut peers = Vec::new();
        for r in list("IpRanges") {
            let c =
                str_of(&r, "CidrIp").ok_or_else(|| Ec2Error::MissingParameter("An IpRange needs a CidrIp".into()))?;
            peers.push((RulePeer::Cidr(check_cidr(c)?), desc(&r)));
        }
        for r in list("Ipv6Ranges") {
            let c = str_of(&r, "CidrIpv6")
                .ok_or_else(|| Ec2Error::MissingParameter("An Ipv6Range needs a CidrIpv6".into()))?;
            peers.push((RulePeer::Cidr6(check_cidr6(c)?), desc(&r)));
        }
        for pair in list("UserIdGroupPairs") {
            peers.push((peer_group(tx, &pair, &g.vpc_id, account, !revoke)?, desc(&pair)));
        }
        if peers.is_empty() {
            return Err(Ec2Error::InvalidParameterValue(
                "Each IP permission needs at least one of IpRanges, Ipv6Ranges or UserIdGroupPairs".into(),
            ));
        }
        for (peer, d) in peers {
            out.push(rule(egress, &proto, from, to, peer, d));
        }
    }
    Ok(out)
}

fn describe_rule(r: &SgRule) -> String {
    let peer = match &r.peer {
        RulePeer::Cidr(c) | RulePeer::Cidr6(c) => c.clone(),
        RulePeer::Group { group_id, .. } => group_id.clone(),
    };
    let ports = match (r.from_port, r.to_port) {
        (Some(f), Some(t)) => format!(", from port: {f}, to port: {t}"),
        _ => String::new(),
    };
    format!("peer: {peer}, {}{ports}, ALLOW", r.protocol.to_uppercase())
}

fn authorize(ec2: &Ec2, input: &Value, egress: bool) -> Result<Value> {
    let tags = tag_specs(input, "security-group-rule")?;
    let region = ec2.config.region.clone();
    let rules = ec2.write(|tx| {
        let mut g = target_group(tx, input)?;
        let mut added: Vec<SgRule> = Vec::new();
        for mut r in requested_rules(tx, input, &g, egress, false)? {
            if g.rules.iter().chain(added.iter()).any(|o| o.same_as(&r)) {
                return Err(Ec2Error::Client(
                    "InvalidPermission.Duplicate",
                    format!("the specified rule \"{}\" already exists", describe_rule(&r)),
                ));
            }
            r.tags = tags.clone();
            added.push(r);
        }
        if g.rules.len() + added.len() > 120 {
            return Err(Ec2Error::Client(
                "RulesPerSecurityGroupLimitExceeded",
                "The maximum number of rules per security group has been reached.".into(),
            ));
        }
        g.rules.extend(added.iter().cloned());
        tx.put(kind::SECURITY_GROUP, &g.group_id, &g)?;
        Ok(added.iter().map(|r| r.render(&g.group_id, &g.owner_id, &region)).collect::<Vec<_>>())
    })?;
    Ok(json!({"Return": true, "SecurityGroupRules": rules}))
}

fn revoke(ec2: &Ec2, input: &Value, egress: bool) -> Result<Value> {
    let rule_ids = strings(input, "SecurityGroupRuleIds");
    let revoked = ec2.write(|tx| {
        let mut g = target_group(tx, input)?;
        let mut gone: Vec<SgRule> = Vec::new();
        for id in &rule_ids {
            let at = g.rules.iter().position(|r| r.rule_id == *id && r.egress == egress).ok_or_else(|| {
                Ec2Error::Client(
                    "InvalidSecurityGroupRuleId.NotFound",
                    format!("The security group rule ID '{id}' does not exist"),
                )
            })?;
            gone.push(g.rules.remove(at));
        }
        for r in requested_rules(tx, input, &g, egress, true)? {
            let at = g.rules.iter().position(|o| o.same_as(&r)).ok_or_else(|| {
                Ec2Error::Client(
                    "InvalidPermission.NotFound",
                    format!("The specified rule does not exist in this security group ({}).", describe_rule(&r)),
                )
            })?;
            gone.push(g.rules.remove(at));
        }
        tx.put(kind::SECURITY_GROUP, &g.group_id, &g)?;
        Ok(gone.iter().map(|r| r.render_revoked(&g.group_id)).collect::<Vec<_>>())
    })?;
    Ok(json!({"Return": true, "RevokedSecurityGroupRules": revoked}))
}

pub fn authorize_ingress(ec2: &Ec2, input: &Value) -> Result<Value> {
    authorize(ec2, input, false)
}

pub fn authorize_egress(ec2: &Ec2, input: &Value) -> Result<Value> {
    authorize(ec2, input, true)
}

pub fn revoke_ingress(ec2: &Ec2, input: &Value) -> Result<Value> {
    revoke(ec2, input, false)
}

pub fn revoke_egress(ec2: &Ec2, input: &Value) -> Result<Value> {
    revoke(ec2, input, true)
}

const GROUP_FILTERS: &[(&str, &str)] = &[
    ("group-id", "GroupId"),
    ("group-name", "GroupName"),
    ("vpc-id", "VpcId"),
    ("description", "Description"),
    ("owner-id", "OwnerId"),
    ("ip-permission.cidr", "IpPermissions.IpRanges.CidrIp"),
    ("ip-permission.ipv6-cidr", "IpPermissions.Ipv6Ranges.CidrIpv6"),
    ("ip-permission.from-port", "IpPermissions.FromPort"),
    ("ip-permission.to-port", "IpPermissions.ToPort"),
    ("ip-permission.protocol", "IpPermissions.IpProtocol"),
    ("ip-permission.group-id", "IpPermissions.UserIdGroupPairs.GroupId"),
    ("ip-permission.user-id", "IpPermissions.UserIdGroupPairs.UserId"),
    ("egress.ip-permission.cidr", "IpPermissionsEgress.IpRanges.CidrIp"),
    ("egress.ip-permission.ipv6-cidr", "IpPermissionsEgress.Ipv6Ranges.CidrIpv6"),
    ("egress.ip-permission.from-port", "IpPermissionsEgress.FromPort"),
    ("egress.ip-permission.to-port", "IpPermissionsEgress.ToPort"),
    ("egress.ip-permission.protocol", "IpPermissionsEgress.IpProtocol"),
    ("egress.ip-permission.group-id", "IpPermissionsEgress.UserIdGroupPairs.GroupId"),
    ("egress.ip-permission.user-id", "IpPermissionsEgress.UserIdGroupPairs.UserId"),
];

pub fn describe_security_groups(ec2: &Ec2, input: &Value) -> Result<Value> {
    let ids = strings(input, "GroupIds");
    let names = strings(input, "GroupNames");
    let filters = filter::from_input(input);
    let (groups, default_vpc) = ec2.read(|tx| Ok((all_groups(tx)?, default_vpc(tx)?.map(|v| v.vpc_id))))?;
    for id in &ids {
        if !groups.iter().any(|g| g.group_id == *id) {
            return Err(group_not_found(id));
        }
    }
    // Names without a VPC are the default VPC's, as in EC2.
    for name in &names {
        if !groups.iter().any(|g| g.group_name == *name && Some(&g.vpc_id) == default_vpc.as_ref()) {
            return Err(Ec2Error::Client(
                "InvalidGroup.NotFound",
                format!(
                    "The security group '{name}' does not exist in default VPC '{}'",
                    default_vpc.clone().unwrap_or_default()
                ),
            ));
        }
    }
    let mut out = Vec::new();
    for g in groups {
        let r = g.render(&ec2.config.region);
        let named = names.is_empty() || (names.contains(&g.group_name) && Some(&g.vpc_id) == default_vpc.as_ref());
        if (ids.is_empty() || ids.contains(&g.group_id)) && named && filter::matches(&r, &filters, GROUP_FILTERS)? {
            out.push(r);
        }
    }
    super::page(out, input, "SecurityGroups")
}

pub fn describe_security_group_rules(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "SecurityGroupRuleIds");
    let filters = filter::from_input(input);
    let groups = ec2.read(all_groups)?;
    let mut rows = Vec::new();
    for g in &groups {
        for r in &g.rules {
            rows.push((r.rule_id.clone(), r.render(&g.group_id, &g.owner_id, &ec2.config.region)));
        }
    }
    for id in &wanted {
        if !rows.iter().any(|(k, _)| k == id) {
            return Err(Ec2Error::Client(
                "InvalidSecurityGroupRuleId.NotFound",
                format!("The security group rule ID '{id}' does not exist"),
            ));
        }
    }
    let paths = [("group-id", "GroupId"), ("security-group-rule-id", "SecurityGroupRuleId")];
    let mut out = Vec::new();
    for (id, v) in rows {
        if (wanted.is_empty() || wanted.contains(&id)) && filter::matches(&v, &filters, &paths)? {
            out.push(v);
        }
    }
    super::page(out, input, "SecurityGroupRules")
}

/// Would these groups (an instance's, a load balancer's) let this traffic in? `source_groups`
/// are the groups of the sender, for rules that name a group; `protocol` is `tcp`, `udp`,
/// `icmp` (with `port` as the ICMP type) or a protocol number.
pub fn allows(
    groups: &[SecurityGroupRec],
    source_ip: Ipv4Addr,
    source_groups: &[String],
    protocol: &str,
    port: u16,
) -> bool {
    let Ok(proto) = normalize_protocol(protocol) else { return false };
    let port = i64::from(port);
    groups.iter().flat_map(|g| g.rules.iter()).filter(|r| !r.egress).any(|r| {
        let proto_ok = r.protocol == "-1" || r.protocol == proto;
        let port_ok = match r.protocol.as_str() {
            "tcp" | "udp" => r.from_port.unwrap_or(0) <= port && port <= r.to_port.unwrap_or(65535),
            "icmp" | "icmpv6" => matches!(r.from_port, None | Some(-1)) || r.from_port == Some(port),
            _ => true,
        };
        let peer_ok = match &r.peer {
            RulePeer::Cidr(c) => c.parse::<Ipv4Net>().is_ok_and(|n| n.contains(&source_ip)),
            RulePeer::Cidr6(_) => false,
            RulePeer::Group { group_id, .. } => source_groups.iter().any(|s| s == group_id),
        };
        proto_ok && port_ok && peer_ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(rules: Vec<SgRule>) -> SecurityGroupRec {
        SecurityGroupRec {
            group_id: "sg-1".into(),
            group_name: "web".into(),
            description: "d".into(),
            vpc_id: "vpc-1".into(),
            owner_id: "123456789012".into(),
            rules,
            tags: vec![],
        }
    }

    fn cidr(c: &str) -> RulePeer {
        RulePeer::Cidr(c.into())
    }

    fn ip(s: &str) -> Ipv4Addr {
        s.parse().unwrap()
    }

    #[test]
    fn allows_checks_protocol_port_and_source() {
        let g = group(vec![
            rule(false, "tcp", Some(80), Some(80), cidr("0.0.0.0/0"), None),
            rule(false, "tcp", Some(8000), Some(8100), cidr("10.0.0.0/8"), None),
            rule(false, "udp", Some(53), Some(53), cidr("192.168.1.0/24"), None),
            rule(true, "-1", None, None, cidr("0.0.0.0/0"), None),
        ]);
        let gs = [g];
        assert!(allows(&gs, ip("203.0.113.9"), &[], "tcp", 80));
        assert!(allows(&gs, ip("203.0.113.9"), &[], "6", 80));
        assert!(!allows(&gs, ip("203.0.113.9"), &[], "tcp", 81));
        assert!(!allows(&gs, ip("203.0.113.9"), &[], "udp", 80));
        assert!(allows(&gs, ip("10.1.2.3"), &[], "tcp", 8050));
        assert!(allows(&gs, ip("10.1.2.3"), &[], "tcp", 8100));
        assert!(!allows(&gs, ip("11.1.2.3"), &[], "tcp", 8050));
        assert!(allows(&gs, ip("192.168.1.200"), &[], "udp", 53));
        assert!(!allows(&gs, ip("192.168.2.1"), &[], "udp", 53));
        // Egress rules never let anything in.
        assert!(!allows(&gs, ip("203.0.113.9"), &[], "tcp", 22));
        assert!(!allows(&gs, ip("203.0.113.9"), &[], "bogus", 80));
        assert!(!allows(&[], ip("203.0.113.9"), &[], "tcp", 80));
    }

    #[test]
    fn allows_by_group_all_protocols_and_icmp() {
        let lb = RulePeer::Group { group_id: "sg-lb".into(), user_id: "123456789012".into() };
        let g = group(vec![
            rule(false, "-1", None, None, lb, None),
            rule(false, "icmp", Some(8), Some(-1), cidr("0.0.0.0/0"), None),
        ]);
        let gs = [g];
        assert!(allows(&gs, ip("172.31.0.10"), &["sg-lb".into()], "tcp", 8080));
        assert!(allows(&gs, ip("172.31.0.10"), &["sg-other".into(), "sg-lb".into()], "udp", 1));
        assert!(!allows(&gs, ip("172.31.0.10"), &["sg-other".into()], "tcp", 8080));
        assert!(allows(&gs, ip("1.2.3.4"), &[], "icmp", 8));
        assert!(!allows(&gs, ip("1.2.3.4"), &[], "icmp", 0));
        // The default group lets its own members in.
        let d = default_group_rec("123456789012", "vpc-1");
        let own = vec![d.group_id.clone()];
        assert!(allows(std::slice::from_ref(&d), ip("172.31.0.5"), &own, "tcp", 443));
        assert!(!allows(&[d], ip("172.31.0.5"), &[], "tcp", 443));
    }

    #[test]
    fn protocols_ports_and_cidrs_are_checked() {
        assert_eq!(normalize_protocol("TCP").unwrap(), "tcp");
        assert_eq!(normalize_protocol("17").unwrap(), "udp");
        assert_eq!(normalize_protocol("all").unwrap(), "-1");
        assert_eq!(normalize_protocol("47").unwrap(), "47");
        assert!(normalize_protocol("tcpx").is_err());
        assert!(ports("tcp", Some(22), None).is_err());
        assert!(ports("tcp", Some(90), Some(80)).is_err());
        assert!(ports("udp", Some(0), Some(65536)).is_err());
        assert_eq!(ports("-1", Some(1), Some(2)).unwrap(), (None, None));
        assert_eq!(ports("icmp", None, None).unwrap(), (Some(-1), Some(-1)));
        assert!(check_cidr("10.0.0.0/8").is_ok());
        assert!(check_cidr("10.0.0.1/8").is_err());
        assert!(check_cidr("10.0.0.0/33").is_err());
        assert!(check_cidr("nonsense").is_err());
    }

    #[test]
    fn permissions_fold_rules_by_protocol_and_ports() {
        let g = group(vec![
            rule(false, "tcp", Some(22), Some(22), cidr("10.0.0.0/8"), Some("ssh".into())),
            rule(false, "tcp", Some(22), Some(22), cidr("192.168.0.0/16"), None),
            rule(false, "tcp", Some(80), Some(80), cidr("0.0.0.0/0"), None),
            rule(true, "-1", None, None, cidr("0.0.0.0/0"), None),
        ]);
        let p = g.permissions(false);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0]["IpRanges"].as_array().unwrap().len(), 2);
        assert_eq!(p[0]["IpRanges"][0]["Description"], "ssh");
        let e = g.permissions(true);
        assert_eq!(e.len(), 1);
        assert!(e[0].get("FromPort").is_none());
        let a = rule(false, "tcp", Some(22), Some(22), cidr("10.0.0.0/8"), Some("x".into()));
        assert!(a.same_as(&g.rules[0]));
        assert!(!a.same_as(&g.rules[1]));
    }
}
