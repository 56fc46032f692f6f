//! Network ACLs: Create/Delete/DescribeNetworkAcls, Create/Replace/DeleteNetworkAclEntry,
//! ReplaceNetworkAclAssociation. Every VPC has a default ACL that lets everything in and out;
//! every subnet is associated with exactly one ACL (the default until moved). On isolated
//! networks the router enforces them, statelessly, at each subnet's edge (`netsync.rs`).

use serde_json::{json, Value};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, AclAssoc, AclEntry, NetworkAclRec, SubnetRec, VpcRec};
use crate::{filter, ids, Ec2};

/// A VPC's default ACL: rule 100 lets all traffic in and out.
pub(crate) fn new_default_acl(account: &str, vpc_id: &str) -> NetworkAclRec {
    let all = |egress| AclEntry {
        rule_number: 100,
        egress,
        protocol: "-1".into(),
        allow: true,
        cidr: "0.0.0.0/0".into(),
        from_port: None,
        to_port: None,
        icmp_type: None,
        icmp_code: None,
    };
    NetworkAclRec {
        network_acl_id: ids::new("acl"),
        vpc_id: vpc_id.into(),
        owner_id: account.into(),
        is_default: true,
        entries: vec![all(false), all(true)],
        associations: vec![],
        tags: vec![],
    }
}

pub(crate) fn default_acl(tx: &store::Tx, vpc_id: &str) -> Result<Option<NetworkAclRec>> {
    Ok(tx
        .list::<NetworkAclRec>(kind::NETWORK_ACL, "")?
        .into_iter()
        .map(|(_, a)| a)
        .find(|a| a.vpc_id == vpc_id && a.is_default))
}

/// A new subnet starts with its VPC's default ACL.
pub(crate) fn associate_default(tx: &store::Tx, account: &str, subnet: &SubnetRec) -> Result<()> {
    let mut acl = match default_acl(tx, &subnet.vpc_id)? {
        Some(a) => a,
        None => new_default_acl(account, &subnet.vpc_id),
    };
    acl.associations.push(AclAssoc { association_id: ids::new("aclassoc"), subnet_id: subnet.subnet_id.clone() });
    tx.put(kind::NETWORK_ACL, &acl.network_acl_id, &acl)?;
    Ok(())
}

/// A deleted subnet's association goes with it.
pub(crate) fn forget_subnet(tx: &store::Tx, subnet_id: &str) -> Result<()> {
    for (k, mut a) in tx.list::<NetworkAclRec>(kind::NETWORK_ACL, "")? {
        let before = a.associations.len();
        a.associations.retain(|x| x.subnet_id != subnet_id);
        if a.associations.len() != before {
            tx.put(kind::NETWORK_ACL, &k, &a)?;
        }
    }
    Ok(())
}

/// Every VPC has its default ACL and every subnet an association (state made before ACLs
/// existed gets them at start).
pub(crate) fn ensure_all(ec2: &Ec2) -> Result<()> {
    ec2.write(|tx| {
        let acls: Vec<NetworkAclRec> = tx.list(kind::NETWORK_ACL, "")?.into_iter().map(|(_, a)| a).collect();
        for (_, vpc) in tx.list::<VpcRec>(kind::VPC, "")? {
            if !acls.iter().any(|a| a.vpc_id == vpc.vpc_id && a.is_default) {
                let acl = new_default_acl(&ec2.config.account, &vpc.vpc_id);
                tx.put(kind::NETWORK_ACL, &acl.network_acl_id, &acl)?;
            }
        }
        let acls: Vec<NetworkAclRec> = tx.list(kind::NETWORK_ACL, "")?.into_iter().map(|(_, a)| a).collect();
        for (_, s) in tx.list::<SubnetRec>(kind::SUBNET, "")? {
            if !acls.iter().any(|a| a.associations.iter().any(|x| x.subnet_id == s.subnet_id)) {
                associate_default(tx, &ec2.config.account, &s)?;
            }
        }
        Ok(())
    })
}

fn load(tx: &store::Tx, id: &str) -> Result<NetworkAclRec> {
    tx.get::<NetworkAclRec>(kind::NETWORK_ACL, id)?
        .ok_or_else(|| Ec2Error::not_found("InvalidNetworkAclID.NotFound", "networkAcl ID", id))
}

pub fn create_network_acl(ec2: &Ec2, input: &Value) -> Result<Value> {
    let vpc_id = str_of(input, "VpcId")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter VpcId".into()))?;
    let tags = tag_specs(input, "network-acl")?;
    let acl = ec2.write(|tx| {
        tx.get::<VpcRec>(kind::VPC, vpc_id)?
            .ok_or_else(|| Ec2Error::not_found("InvalidVpcID.NotFound", "vpc ID", vpc_id))?;
        let mut acl = new_default_acl(&ec2.config.account, vpc_id);
        acl.is_default = false;
        acl.entries.clear();
        acl.tags = tags.clone();
        tx.put(kind::NETWORK_ACL, &acl.network_acl_id, &acl)?;
        Ok(acl)
    })?;
    let mut v = json!({"NetworkAcl": acl.render()});
    if let Some(c) = str_of(input, "ClientToken") {
        v["ClientToken"] = json!(c);
    }
    Ok(v)
}

pub fn delete_network_acl(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "NetworkAclId").unwrap_or_default();
    ec2.write(|tx| {
        let acl = load(tx, id)?;
        if acl.is_default {
            return Err(Ec2Error::InvalidParameterValue(format!("cannot delete default network ACL {id}")));
        }
        if !acl.associations.is_empty() {
            return Err(Ec2Error::Client(
                "DependencyViolation",
                format!("The networkAcl '{id}' has dependencies and cannot be deleted."),
            ));
        }
        tx.delete(kind::NETWORK_ACL, id)?;
        Ok(())
    })?;
    Ok(json!({}))
}

/// An entry from a Create/ReplaceNetworkAclEntry request, checked as EC2 checks it.
fn entry(input: &Value) -> Result<AclEntry> {
    let number = input
        .get("RuleNumber")
        .and_then(Value::as_i64)
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter ruleNumber".into()))?;
    if !(1..AclEntry::LAST).contains(&number) {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Value ({number}) for parameter ruleNumber is invalid. Rule numbers must be between 1 and 32766."
        )));
    }
    let raw = str_of(input, "Protocol")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter protocol".into()))?;
    let protocol = match raw.to_ascii_lowercase().as_str() {
        "-1" | "all" => "-1".to_string(),
        "tcp" | "6" => "6".into(),
        "udp" | "17" => "17".into(),
        "icmp" | "1" => "1".into(),
        n if n.parse::<u8>().is_ok() => n.to_string(),
        _ => {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "Invalid value '{raw}' for protocol. Protocol must be a protocol number (0-255), tcp, udp, icmp or -1."
            )))
        }
    };
    let allow = match str_of(input, "RuleAction") {
        Some("allow") => true,
        Some("deny") => false,
        Some(other) => {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "Value ({other}) for parameter ruleAction is invalid. Valid values are allow and deny."
            )))
        }
        None => return Err(Ec2Error::MissingParameter("The request must contain the parameter ruleAction".into())),
    };
    if input.get("Ipv6CidrBlock").is_some() {
        return Err(Ec2Error::Unsupported("IPv6 network ACL entries are not supported.".into()));
    }
    let cidr = str_of(input, "CidrBlock")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter cidrBlock".into()))?;
    let net = crate::network::parse_cidr(cidr)?;
    let mut e = AclEntry {
        rule_number: number,
        egress: input.get("Egress").and_then(Value::as_bool).unwrap_or(false),
        protocol,
        allow,
        cidr: net.to_string(),
        from_port: None,
        to_port: None,
        icmp_type: None,
        icmp_code: None,
    };
    match e.protocol.as_str() {
        "6" | "17" => {
            let range = input
                .get("PortRange")
                .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter portRange".into()))?;
            let from = range.get("From").and_then(Value::as_i64);
            let to = range.get("To").and_then(Value::as_i64);
            match (from, to) {
                (Some(f), Some(t)) if (0..=65535).contains(&f) && (f..=65535).contains(&t) => {
                    e.from_port = Some(f);
                    e.to_port = Some(t);
                }
                _ => {
                    return Err(Ec2Error::InvalidParameterValue(
                        "The port range is invalid: From and To must be 0-65535, From not above To.".into(),
                    ))
                }
            }
        }
        "1" => {
            let icmp = input.get("IcmpTypeCode").ok_or_else(|| {
                Ec2Error::MissingParameter("The request must contain the parameter icmpTypeCode".into())
            })?;
            e.icmp_type = Some(icmp.get("Type").and_then(Value::as_i64).unwrap_or(-1));
            e.icmp_code = Some(icmp.get("Code").and_then(Value::as_i64).unwrap_or(-1));
        }
        _ => {}
    }
    Ok(e)
}

fn change_entry(ec2: &Ec2, input: &Value, replace: bool) -> Result<Value> {
    let id = str_of(input, "NetworkAclId").unwrap_or_default();
    let e = entry(input)?;
    ec2.write(|tx| {
        let mut acl = load(tx, id)?;
        let at = acl.entries.iter().position(|x| x.rule_number == e.rule_number && x.egress == e.egress);
        match (at, replace) {
            (Some(_), false) => {
                return Err(Ec2Error::Client(
                    "NetworkAclEntryAlreadyExists",
                    format!("The network acl entry identified by {} already exists.", e.rule_number),
                ))
            }
            (None, true) => {
                return Err(Ec2Error::Client(
                    "InvalidNetworkAclEntry.NotFound",
                    format!("The network acl entry identified by {} for acl {id} does not exist.", e.rule_number),
                ))
            }
            (Some(i), true) => acl.entries[i] = e.clone(),
            (None, false) => acl.entries.push(e.clone()),
        }
        acl.entries.sort_by_key(|x| (x.egress, x.rule_number));
        tx.put(kind::NETWORK_ACL, id, &acl)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn create_network_acl_entry(ec2: &Ec2, input: &Value) -> Result<Value> {
    change_entry(ec2, input, false)
}

pub fn replace_network_acl_entry(ec2: &Ec2, input: &Value) -> Result<Value> {
    change_entry(ec2, input, true)
}

pub fn delete_network_acl_entry(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "NetworkAclId").unwrap_or_default();
    let number = input.get("RuleNumber").and_then(Value::as_i64).unwrap_or_default();
    let egress = input.get("Egress").and_then(Value::as_bool).unwrap_or(false);
    ec2.write(|tx| {
        let mut acl = load(tx, id)?;
        let before = acl.entries.len();
        acl.entries.retain(|x| !(x.rule_number == number && x.egress == egress));
        if acl.entries.len() == before {
            return Err(Ec2Error::Client(
                "InvalidNetworkAclEntry.NotFound",
                format!("The network acl entry identified by {number} for acl {id} does not exist."),
            ));
        }
        tx.put(kind::NETWORK_ACL, id, &acl)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn replace_network_acl_association(ec2: &Ec2, input: &Value) -> Result<Value> {
    let assoc = str_of(input, "AssociationId").unwrap_or_default();
    let id = str_of(input, "NetworkAclId").unwrap_or_default();
    let new_id = ec2.write(|tx| {
        let mut target = load(tx, id)?;
        let (from_key, mut from) = tx
            .list::<NetworkAclRec>(kind::NETWORK_ACL, "")?
            .into_iter()
            .find(|(_, a)| a.associations.iter().any(|x| x.association_id == assoc))
            .ok_or_else(|| {
                Ec2Error::Client(
                    "InvalidAssociationID.NotFound",
                    format!("The association ID '{assoc}' does not exist"),
                )
            })?;
        if from.vpc_id != target.vpc_id {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "Network ACL {id} and association {assoc} belong to different networks"
            )));
        }
        let at = from.associations.iter().position(|x| x.association_id == assoc).unwrap_or_default();
        let old = from.associations.remove(at);
        let new = AclAssoc { association_id: ids::new("aclassoc"), subnet_id: old.subnet_id };
        let new_id = new.association_id.clone();
        if from_key == id {
            target = from;
        } else {
            tx.put(kind::NETWORK_ACL, &from_key, &from)?;
        }
        target.associations.push(new);
        tx.put(kind::NETWORK_ACL, id, &target)?;
        Ok(new_id)
    })?;
    Ok(json!({"NewAssociationId": new_id}))
}

const FILTERS: &[(&str, &str)] = &[
    ("network-acl-id", "NetworkAclId"),
    ("vpc-id", "VpcId"),
    ("owner-id", "OwnerId"),
    ("default", "IsDefault"),
    ("association.association-id", "Associations.NetworkAclAssociationId"),
    ("association.network-acl-id", "Associations.NetworkAclId"),
    ("association.subnet-id", "Associations.SubnetId"),
    ("entry.cidr", "Entries.CidrBlock"),
    ("entry.egress", "Entries.Egress"),
    ("entry.protocol", "Entries.Protocol"),
    ("entry.rule-action", "Entries.RuleAction"),
    ("entry.rule-number", "Entries.RuleNumber"),
];

pub fn describe_network_acls(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "NetworkAclIds");
    let filters = filter::from_input(input);
    let acls = ec2.read(|tx| {
        for id in &wanted {
            load(tx, id)?;
        }
        Ok(tx.list::<NetworkAclRec>(kind::NETWORK_ACL, "")?)
    })?;
    let mut out = Vec::new();
    for (id, a) in acls {
        if !wanted.is_empty() && !wanted.contains(&id) {
            continue;
        }
        let v = a.render();
        if filter::matches(&v, &filters, FILTERS)? {
            out.push(v);
        }
    }
    super::page(out, input, "NetworkAcls")
}
