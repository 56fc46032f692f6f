//! Elastic IP addresses: Allocate/Release/Describe/Associate/DisassociateAddress.
//!
//! The public addresses come from 100.64.0.0/10, the shared address space of RFC 6598
//! (carrier-grade NAT): it is not routed on the internet, so an address handed out here can
//! never be mistaken for, or collide with, someone's real public address. Nothing is forwarded
//! to them; they are records with EC2's rules (one association at a time, in use → not
//! releasable, the instance's VPC needs an internet gateway).

use std::collections::HashSet;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde_json::{json, Value};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, AddressRec, EipAssoc, InstanceState, InternetGatewayRec, NatGatewayRec};
use crate::{filter, ids, Ec2};

/// RFC 6598 shared address space: where Elastic IPs come from.
pub const PUBLIC_POOL: &str = "100.64.0.0/10";

/// The association still in force: one to a terminated (or vanished) instance, or to a
/// deleted NAT gateway, has lapsed.
pub(crate) fn live_association(tx: &store::Tx, a: &AddressRec) -> Result<Option<EipAssoc>> {
    let Some(assoc) = &a.association else { return Ok(None) };
    let live = match (&assoc.instance_id, &assoc.nat_gateway_id) {
        (Some(i), _) => tx
            .get::<crate::records::InstanceRec>(kind::INSTANCE, i)?
            .is_some_and(|i| !matches!(i.state, InstanceState::Terminated | InstanceState::ShuttingDown)),
        (None, Some(n)) => tx.get::<NatGatewayRec>(kind::NAT_GATEWAY, n)?.is_some_and(|n| n.state != "deleted"),
        (None, None) => false,
    };
    Ok(live.then(|| assoc.clone()))
}

fn not_found(id: &str) -> Ec2Error {
    Ec2Error::Client("InvalidAllocationID.NotFound", format!("The allocation ID '{id}' does not exist"))
}

/// The address a call names by `AllocationId` or `PublicIp`.
fn target(tx: &store::Tx, input: &Value) -> Result<AddressRec> {
    if let Some(id) = str_of(input, "AllocationId") {
        return tx.get::<AddressRec>(kind::ADDRESS, id)?.ok_or_else(|| not_found(id));
    }
    let Some(ip) = str_of(input, "PublicIp") else {
        return Err(Ec2Error::MissingParameter("The request must contain the parameter AllocationId".into()));
    };
    tx.list::<AddressRec>(kind::ADDRESS, "")?
        .into_iter()
        .map(|(_, a)| a)
        .find(|a| a.public_ip == ip)
        .ok_or_else(|| Ec2Error::Client("AuthFailure", format!("The address '{ip}' does not belong to you.")))
}

/// Take a public address: the one asked for, or the first free one of the pool.
pub(crate) fn take_public_ip(tx: &store::Tx, wanted: Option<&str>) -> Result<String> {
    let pool: Ipv4Net = PUBLIC_POOL.parse().map_err(|_| Ec2Error::Internal("bad pool".into()))?;
    let mut used: HashSet<String> =
        tx.list::<AddressRec>(kind::ADDRESS, "")?.into_iter().map(|(_, a)| a.public_ip).collect();
    used.extend(tx.list::<String>(kind::PUBLIC_IP, "")?.into_iter().map(|(ip, _)| ip));
    if let Some(w) = wanted {
        let ok = w.parse::<Ipv4Addr>().is_ok_and(|ip| pool.contains(&ip)) && !used.contains(w);
        if !ok {
            return Err(Ec2Error::InvalidParameterValue(format!("The address {w} is not available for allocation.")));
        }
        return Ok(w.into());
    }
    // Skip the network address and addresses ending in .0 or .255, which look odd to people.
    let first = u32::from(pool.network()) + 1;
    let last = u32::from(pool.broadcast()) - 1;
    (first..=last)
        .map(Ipv4Addr::from)
        .filter(|ip| !matches!(ip.octets()[3], 0 | 255))
        .map(|ip| ip.to_string())
        .find(|ip| !used.contains(ip))
        .ok_or_else(|| {
            Ec2Error::Client("AddressLimitExceeded", "The maximum number of addresses has been reached.".into())
        })
}

pub fn allocate_address(ec2: &Ec2, input: &Value) -> Result<Value> {
    if let Some(d) = str_of(input, "Domain") {
        if d != "vpc" && d != "standard" {
            return Err(Ec2Error::InvalidParameterValue(format!("Invalid value '{d}' for domain.")));
        }
    }
    let tags = tag_specs(input, "elastic-ip")?;
    let a = ec2.write(|tx| {
        let a = AddressRec {
            allocation_id: ids::new("eipalloc"),
            public_ip: take_public_ip(tx, str_of(input, "Address"))?,
            association: None,
            tags: tags.clone(),
        };
        tx.put(kind::ADDRESS, &a.allocation_id, &a)?;
        Ok(a)
    })?;
    Ok(json!({
        "AllocationId": a.allocation_id, "PublicIp": a.public_ip, "Domain": "vpc",
        "PublicIpv4Pool": "amazon", "NetworkBorderGroup": ec2.config.region,
    }))
}

pub fn release_address(ec2: &Ec2, input: &Value) -> Result<Value> {
    ec2.write(|tx| {
        let a = target(tx, input)?;
        if live_association(tx, &a)?.is_some() {
            return Err(Ec2Error::Client("InvalidIPAddress.InUse", format!("Address {} is in use.", a.public_ip)));
        }
        tx.delete(kind::ADDRESS, &a.allocation_id)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn associate_address(ec2: &Ec2, input: &Value) -> Result<Value> {
    let instance_id = str_of(input, "InstanceId").ok_or_else(|| {
        if input.get("NetworkInterfaceId").is_some() {
            Ec2Error::Unsupported("Associating an address with a network interface is not supported.".into())
        } else {
            Ec2Error::MissingParameter("The request must contain the parameter InstanceId".into())
        }
    })?;
    let reassociate = input.get("AllowReassociation").and_then(Value::as_bool).unwrap_or(false);
    let assoc_id = ec2.write(|tx| {
        let mut a = target(tx, input)?;
        let inst = super::instances::load(tx, instance_id)?;
        if matches!(inst.state, InstanceState::Terminated | InstanceState::ShuttingDown) {
            return Err(Ec2Error::IncorrectInstanceState(format!(
                "The instance '{instance_id}' is not in a valid state for this operation."
            )));
        }
        let gateway = tx
            .list::<InternetGatewayRec>(kind::INTERNET_GATEWAY, "")?
            .into_iter()
            .any(|(_, g)| g.vpc_id.as_deref() == Some(inst.vpc_id.as_str()));
        if !gateway {
            return Err(Ec2Error::Client(
                "Gateway.NotAttached",
                format!("Network {} is not attached to any internet gateway", inst.vpc_id),
            ));
        }
        if let Some(current) = live_association(tx, &a)? {
            if current.instance_id.as_deref() == Some(instance_id) {
                return Ok(current.association_id);
            }
            if current.nat_gateway_id.is_some() || !reassociate {
                return Err(Ec2Error::Client(
                    "Resource.AlreadyAssociated",
                    format!(
                        "resource {} is already associated with associate-id {}",
                        a.allocation_id, current.association_id
                    ),
                ));
            }
        }
        // An instance has one public address: another one it had is let go (the one assigned at
        // launch too).
        if let Some(ip) = &inst.public_ip {
            tx.delete(kind::PUBLIC_IP, ip)?;
            let mut i = inst.clone();
            i.public_ip = None;
            tx.put(kind::INSTANCE, instance_id, &i)?;
        }
        for (k, mut other) in tx.list::<AddressRec>(kind::ADDRESS, "")? {
            if k != a.allocation_id
                && other.association.as_ref().and_then(|x| x.instance_id.as_deref()) == Some(instance_id)
            {
                other.association = None;
                tx.put(kind::ADDRESS, &k, &other)?;
            }
        }
        let assoc = EipAssoc {
            association_id: ids::new("eipassoc"),
            instance_id: Some(instance_id.into()),
            nat_gateway_id: None,
            private_ip: inst.private_ip.clone(),
            network_interface_id: None,
        };
        let id = assoc.association_id.clone();
        a.association = Some(assoc);
        tx.put(kind::ADDRESS, &a.allocation_id, &a)?;
        Ok(id)
    })?;
    Ok(json!({"AssociationId": assoc_id}))
}

pub fn disassociate_address(ec2: &Ec2, input: &Value) -> Result<Value> {
    let assoc_id = str_of(input, "AssociationId");
    let public_ip = str_of(input, "PublicIp");
    ec2.write(|tx| {
        let all = tx.list::<AddressRec>(kind::ADDRESS, "")?;
        let found = all.into_iter().map(|(_, a)| a).find(|a| match (assoc_id, public_ip) {
            (Some(id), _) => a.association.as_ref().is_some_and(|x| x.association_id == id),
            (None, Some(ip)) => a.public_ip == ip,
            (None, None) => false,
        });
        let mut a = match (found, assoc_id) {
            (Some(a), _) => a,
            (None, Some(id)) => {
                return Err(Ec2Error::Client(
                    "InvalidAssociationID.NotFound",
                    format!("The association ID '{id}' does not exist"),
                ))
            }
            (None, None) => match public_ip {
                Some(ip) => {
                    return Err(Ec2Error::Client("AuthFailure", format!("The address '{ip}' does not belong to you.")))
                }
                None => {
                    return Err(Ec2Error::MissingParameter(
                        "The request must contain the parameter AssociationId".into(),
                    ))
                }
            },
        };
        if live_association(tx, &a)?.is_some_and(|x| x.nat_gateway_id.is_some()) {
            return Err(Ec2Error::Client(
                "InvalidIPAddress.InUse",
                format!("Address {} is in use by a NAT gateway.", a.public_ip),
            ));
        }
        a.association = None;
        tx.put(kind::ADDRESS, &a.allocation_id, &a)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn describe_addresses(ec2: &Ec2, input: &Value) -> Result<Value> {
    let ids = strings(input, "AllocationIds");
    let ips = strings(input, "PublicIps");
    let filters = filter::from_input(input);
    let rendered = ec2.read(|tx| {
        let all = tx.list::<AddressRec>(kind::ADDRESS, "")?;
        for id in &ids {
            if !all.iter().any(|(k, _)| k == id) {
                return Err(not_found(id));
            }
        }
        for ip in &ips {
            if !all.iter().any(|(_, a)| a.public_ip == *ip) {
                return Err(Ec2Error::InvalidParameterValue(format!("Address '{ip}' not found.")));
            }
        }
        let mut out = Vec::new();
        for (k, a) in all {
            if (ids.is_empty() || ids.contains(&k)) && (ips.is_empty() || ips.contains(&a.public_ip)) {
                let live = live_association(tx, &a)?;
                out.push(a.render(&ec2.config.region, &ec2.config.account, live.as_ref()));
            }
        }
        Ok(out)
    })?;
    let paths = [
        ("allocation-id", "AllocationId"),
        ("association-id", "AssociationId"),
        ("domain", "Domain"),
        ("instance-id", "InstanceId"),
        ("network-border-group", "NetworkBorderGroup"),
        ("network-interface-id", "NetworkInterfaceId"),
        ("network-interface-owner-id", "NetworkInterfaceOwnerId"),
        ("private-ip-address", "PrivateIpAddress"),
        ("public-ip", "PublicIp"),
    ];
    let mut out = Vec::new();
    for v in rendered {
        if filter::matches(&v, &filters, &paths)? {
            out.push(v);
        }
    }
    Ok(json!({"Addresses": out}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pool_is_rfc6598_shared_space() {
        let pool: Ipv4Net = PUBLIC_POOL.parse().unwrap();
        assert_eq!(pool.network(), Ipv4Addr::new(100, 64, 0, 0));
        assert_eq!(pool.broadcast(), Ipv4Addr::new(100, 127, 255, 255));
    }
}
