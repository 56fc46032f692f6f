//! Internet gateways (Create/Attach/Detach/Delete/DescribeInternetGateways) and NAT gateways
//! (Create/Delete/DescribeNatGateways). An internet gateway is
//! attached to at most one VPC and a VPC has at most one gateway; the default VPC gets one at
//! first start (`vpcs::ensure_default_vpc`).

use serde_json::{json, Value};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, AddressRec, EipAssoc, InternetGatewayRec, NatGatewayRec, VpcRec};
use crate::{filter, ids, Ec2};

fn load(tx: &store::Tx, id: &str) -> Result<InternetGatewayRec> {
    tx.get::<InternetGatewayRec>(kind::INTERNET_GATEWAY, id)?
        .ok_or_else(|| Ec2Error::not_found("InvalidInternetGatewayID.NotFound", "internetGateway ID", id))
}

pub fn create_internet_gateway(ec2: &Ec2, input: &Value) -> Result<Value> {
    let g = InternetGatewayRec {
        internet_gateway_id: ids::new("igw"),
        owner_id: ec2.config.account.clone(),
        vpc_id: None,
        tags: tag_specs(input, "internet-gateway")?,
    };
    ec2.write(|tx| Ok(tx.put(kind::INTERNET_GATEWAY, &g.internet_gateway_id, &g)?))?;
    Ok(json!({"InternetGateway": g.render()}))
}

pub fn attach_internet_gateway(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "InternetGatewayId").unwrap_or_default();
    let vpc_id = str_of(input, "VpcId").unwrap_or_default();
    ec2.write(|tx| {
        let mut g = load(tx, id)?;
        tx.get::<VpcRec>(kind::VPC, vpc_id)?
            .ok_or_else(|| Ec2Error::not_found("InvalidVpcID.NotFound", "vpc ID", vpc_id))?;
        if let Some(v) = &g.vpc_id {
            return Err(Ec2Error::Client(
                "Resource.AlreadyAssociated",
                format!("resource {id} is already attached to network {v}"),
            ));
        }
        let others = tx.list::<InternetGatewayRec>(kind::INTERNET_GATEWAY, "")?;
        if let Some((other, _)) = others.iter().find(|(_, o)| o.vpc_id.as_deref() == Some(vpc_id)) {
            return Err(Ec2Error::Client(
                "Resource.AlreadyAssociated",
                format!("resource {vpc_id} is already attached to internet gateway {other}"),
            ));
        }
        g.vpc_id = Some(vpc_id.into());
        tx.put(kind::INTERNET_GATEWAY, id, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn detach_internet_gateway(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "InternetGatewayId").unwrap_or_default();
    let vpc_id = str_of(input, "VpcId").unwrap_or_default();
    ec2.write(|tx| {
        let mut g = load(tx, id)?;
        if g.vpc_id.as_deref() != Some(vpc_id) {
            return Err(Ec2Error::Client(
                "Gateway.NotAttached",
                format!("resource {id} is not attached to network {vpc_id}"),
            ));
        }
        // Public addresses mapped in the VPC need the gateway.
        let nat_in_vpc = tx
            .list::<NatGatewayRec>(kind::NAT_GATEWAY, "")?
            .into_iter()
            .any(|(_, n)| n.vpc_id == vpc_id && n.public_ip.is_some() && n.state != "deleted" && n.state != "failed");
        let mut mapped = nat_in_vpc;
        for (_, a) in tx.list::<AddressRec>(kind::ADDRESS, "")? {
            if let Some(i) = super::addresses::live_association(tx, &a)?.and_then(|x| x.instance_id) {
                if super::instances::load(tx, &i).is_ok_and(|i| i.vpc_id == vpc_id) {
                    mapped = true;
                }
            }
        }
        if mapped {
            return Err(Ec2Error::Client(
                "DependencyViolation",
                format!("Network {vpc_id} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway."),
            ));
        }
        g.vpc_id = None;
        tx.put(kind::INTERNET_GATEWAY, id, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn delete_internet_gateway(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "InternetGatewayId").unwrap_or_default();
    ec2.write(|tx| {
        let g = load(tx, id)?;
        if g.vpc_id.is_some() {
            return Err(Ec2Error::Client(
                "DependencyViolation",
                format!("The internetGateway '{id}' has dependencies and cannot be deleted."),
            ));
        }
        tx.delete(kind::INTERNET_GATEWAY, id)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn describe_internet_gateways(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "InternetGatewayIds");
    let filters = filter::from_input(input);
    let all = ec2.read(|tx| {
        for id in &wanted {
            load(tx, id)?;
        }
        Ok(tx.list::<InternetGatewayRec>(kind::INTERNET_GATEWAY, "")?)
    })?;
    let paths = [
        ("internet-gateway-id", "InternetGatewayId"),
        ("owner-id", "OwnerId"),
        ("attachment.state", "Attachments.State"),
        ("attachment.vpc-id", "Attachments.VpcId"),
    ];
    let mut out = Vec::new();
    for (id, g) in all {
        let v = g.render();
        if (wanted.is_empty() || wanted.contains(&id)) && filter::matches(&v, &filters, &paths)? {
            out.push(v);
        }
    }
    super::page(out, input, "InternetGateways")
}

// ---- NAT gateways ----------------------------------------------------------------------------

/// Deleted NAT gateways stay visible this long, as on AWS.
const DELETED_VISIBLE_SECS: f64 = 3600.0;

fn nat_not_found(id: &str) -> Ec2Error {
    Ec2Error::Client("NatGatewayNotFound", format!("The Nat Gateway {id} was not found"))
}

/// CreateNatGateway: a private address in the subnet and, for a public gateway, an Elastic IP.
/// A public gateway in a VPC without an internet gateway is created `failed`, as on AWS.
pub fn create_nat_gateway(ec2: &Ec2, input: &Value) -> Result<Value> {
    let subnet_id = str_of(input, "SubnetId")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter SubnetId".into()))?;
    let connectivity = str_of(input, "ConnectivityType").unwrap_or("public");
    if connectivity != "public" && connectivity != "private" {
        return Err(Ec2Error::InvalidParameterValue(format!("Invalid value '{connectivity}' for ConnectivityType.")));
    }
    let allocation_id = str_of(input, "AllocationId");
    match (connectivity, allocation_id) {
        ("public", None) => {
            return Err(Ec2Error::MissingParameter(
                "The request must contain the parameter AllocationId for a public NAT gateway".into(),
            ))
        }
        ("private", Some(_)) => {
            return Err(Ec2Error::InvalidParameterCombination(
                "A private NAT gateway cannot have an Elastic IP address (AllocationId)".into(),
            ))
        }
        _ => {}
    }
    let tags = tag_specs(input, "natgateway")?;
    let now = ec2.now();
    let nat = ec2.write(|tx| {
        let subnet = tx
            .get::<crate::records::SubnetRec>(kind::SUBNET, subnet_id)?
            .ok_or_else(|| Ec2Error::not_found("InvalidSubnetID.NotFound", "subnet ID", subnet_id))?;
        let mut address = match allocation_id {
            Some(a) => {
                let addr = tx.get::<AddressRec>(kind::ADDRESS, a)?.ok_or_else(|| {
                    Ec2Error::Client("InvalidAllocationID.NotFound", format!("The allocation ID '{a}' does not exist"))
                })?;
                if super::addresses::live_association(tx, &addr)?.is_some() {
                    return Err(Ec2Error::Client(
                        "Resource.AlreadyAssociated",
                        format!("Elastic IP address [{a}] is already associated"),
                    ));
                }
                Some(addr)
            }
            None => None,
        };
        let mut nat = NatGatewayRec {
            nat_gateway_id: ids::new("nat"),
            subnet_id: subnet.subnet_id.clone(),
            vpc_id: subnet.vpc_id.clone(),
            connectivity_type: connectivity.into(),
            allocation_id: allocation_id.map(String::from),
            public_ip: address.as_ref().map(|a| a.public_ip.clone()),
            association_id: None,
            private_ip: String::new(),
            network_interface_id: ids::new("eni"),
            state: "available".into(),
            failure: None,
            create_time: now,
            delete_time: None,
            tags: tags.clone(),
        };
        let has_gateway = tx
            .list::<InternetGatewayRec>(kind::INTERNET_GATEWAY, "")?
            .into_iter()
            .any(|(_, g)| g.vpc_id.as_deref() == Some(subnet.vpc_id.as_str()));
        if connectivity == "public" && !has_gateway {
            nat.state = "failed".into();
            nat.failure = Some((
                "Gateway.NotAttached".into(),
                format!("Network {} has no Internet gateway attached", subnet.vpc_id),
            ));
        } else {
            let wanted = str_of(input, "PrivateIpAddress");
            let (ip, _) = crate::network::allocate(
                tx,
                &subnet.subnet_id,
                &subnet.cidr,
                wanted,
                &nat.nat_gateway_id,
                ec2.config.network.is_none().then_some(ec2.config.imds_port),
            )?;
            nat.private_ip = ip.to_string();
            if let Some(a) = address.as_mut() {
                let assoc = EipAssoc {
                    association_id: ids::new("eipassoc"),
                    instance_id: None,
                    nat_gateway_id: Some(nat.nat_gateway_id.clone()),
                    private_ip: nat.private_ip.clone(),
                    network_interface_id: Some(nat.network_interface_id.clone()),
                };
                nat.association_id = Some(assoc.association_id.clone());
                a.association = Some(assoc);
                tx.put(kind::ADDRESS, &a.allocation_id, &*a)?;
            }
        }
        tx.put(kind::NAT_GATEWAY, &nat.nat_gateway_id, &nat)?;
        Ok(nat)
    })?;
    let mut out = json!({"NatGateway": nat.render()});
    if let Some(c) = str_of(input, "ClientToken") {
        out["ClientToken"] = json!(c);
    }
    Ok(out)
}

pub fn delete_nat_gateway(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "NatGatewayId").unwrap_or_default();
    let now = ec2.now();
    ec2.write(|tx| {
        let mut nat = tx
            .get::<NatGatewayRec>(kind::NAT_GATEWAY, id)?
            .filter(|n| n.state != "deleted")
            .ok_or_else(|| nat_not_found(id))?;
        if !nat.private_ip.is_empty() {
            let lo = crate::network::loopback_for(nat.private_ip.parse().map_err(|_| {
                Ec2Error::Internal(format!("stored NAT gateway address {} is invalid", nat.private_ip))
            })?);
            crate::network::release(tx, &nat.subnet_id, &nat.private_ip, &lo.to_string())?;
        }
        if let Some(a) = &nat.allocation_id {
            if let Some(mut addr) = tx.get::<AddressRec>(kind::ADDRESS, a)? {
                if addr.association.as_ref().and_then(|x| x.nat_gateway_id.as_deref()) == Some(id) {
                    addr.association = None;
                    tx.put(kind::ADDRESS, a, &addr)?;
                }
            }
        }
        nat.state = "deleted".into();
        nat.delete_time = Some(now);
        tx.put(kind::NAT_GATEWAY, id, &nat)?;
        Ok(())
    })?;
    Ok(json!({"NatGatewayId": id}))
}

pub fn describe_nat_gateways(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "NatGatewayIds");
    // DescribeNatGateways names its filter list `Filter`.
    let filters = filter::from_input(&json!({"Filters": input.get("Filter").or_else(|| input.get("Filters"))}));
    let now = ec2.now();
    let all = ec2.read(|tx| Ok(tx.list::<NatGatewayRec>(kind::NAT_GATEWAY, "")?))?;
    for id in &wanted {
        if !all.iter().any(|(k, _)| k == id) {
            return Err(nat_not_found(id));
        }
    }
    let paths =
        [("nat-gateway-id", "NatGatewayId"), ("state", "State"), ("subnet-id", "SubnetId"), ("vpc-id", "VpcId")];
    let mut out = Vec::new();
    for (id, n) in all {
        let visible = n.delete_time.is_none_or(|t| now - t < DELETED_VISIBLE_SECS);
        if !(visible || wanted.contains(&id)) || !(wanted.is_empty() || wanted.contains(&id)) {
            continue;
        }
        let v = n.render();
        if filter::matches(&v, &filters, &paths)? {
            out.push(v);
        }
    }
    super::page(out, input, "NatGateways")
}
