//! Network interfaces: Create/Describe/Delete/Attach/DetachNetworkInterface,
//! Modify/DescribeNetworkInterfaceAttribute. Every instance has a primary interface (device
//! index 0), made and deleted with it; its security groups and source/destination check are
//! the instance's. NAT gateways' interfaces are listed too, as EC2 lists them (requester
//! managed). An interface made here holds an address of its subnet; attached to an instance it
//! is a record of the attachment (the process driver gives an instance one address).

use std::collections::HashMap;

use serde_json::{json, Value};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, EniAttachment, InstanceRec, InstanceState, NatGatewayRec, NetworkInterfaceRec, SubnetRec};
use crate::{filter, ids, network, Ec2};

fn not_found(id: &str) -> Ec2Error {
    Ec2Error::not_found("InvalidNetworkInterfaceID.NotFound", "networkInterface ID", id)
}

fn load(tx: &store::Tx, id: &str) -> Result<NetworkInterfaceRec> {
    if !ids::well_formed("eni", id) {
        return Err(Ec2Error::Client(
            "InvalidNetworkInterfaceID.Malformed",
            format!("Invalid id: \"{id}\" (expecting \"eni-...\")"),
        ));
    }
    tx.get::<NetworkInterfaceRec>(kind::NETWORK_INTERFACE, id)?.ok_or_else(|| not_found(id))
}

fn required<'a>(input: &'a Value, member: &str) -> Result<&'a str> {
    str_of(input, member)
        .ok_or_else(|| Ec2Error::MissingParameter(format!("The request must contain the parameter {member}")))
}

pub fn create_network_interface(ec2: &Ec2, input: &Value) -> Result<Value> {
    let subnet_id = required(input, "SubnetId")?;
    let tags = tag_specs(input, "network-interface")?;
    let group_ids = strings(input, "Groups");
    let eni = ec2.write(|tx| {
        let subnet = tx
            .get::<SubnetRec>(kind::SUBNET, subnet_id)?
            .ok_or_else(|| Ec2Error::not_found("InvalidSubnetID.NotFound", "subnet ID", subnet_id))?;
        let groups = super::instances::security_groups(tx, &subnet.vpc_id, &group_ids, &[])?;
        let id = ids::new("eni");
        let (ip, lo) = network::allocate(
            tx,
            &subnet.subnet_id,
            &subnet.cidr,
            str_of(input, "PrivateIpAddress"),
            &id,
            ec2.config.network.is_none().then_some(ec2.config.imds_port),
        )?;
        let eni = NetworkInterfaceRec {
            network_interface_id: id,
            subnet_id: subnet.subnet_id.clone(),
            vpc_id: subnet.vpc_id.clone(),
            availability_zone: subnet.availability_zone.clone(),
            private_ip: ip.to_string(),
            loopback_ip: if ec2.config.network.is_none() { lo.to_string() } else { String::new() },
            description: str_of(input, "Description").unwrap_or_default().into(),
            owner_id: ec2.config.account.clone(),
            groups: groups.iter().map(|g| (g.group_id.clone(), g.group_name.clone())).collect(),
            source_dest_check: true,
            attachment: None,
            primary_of: None,
            tags,
        };
        tx.put(kind::NETWORK_INTERFACE, &eni.network_interface_id, &eni)?;
        Ok(eni)
    })?;
    let mut out = json!({"NetworkInterface": eni.render(&ec2.config.region, None)});
    if let Some(c) = str_of(input, "ClientToken") {
        out["ClientToken"] = json!(c);
    }
    Ok(out)
}

pub fn delete_network_interface(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = required(input, "NetworkInterfaceId")?;
    ec2.write(|tx| {
        let eni = load(tx, id)?;
        if eni.attachment.is_some() {
            return Err(Ec2Error::Client(
                "InvalidNetworkInterface.InUse",
                format!("The network interface '{id}' is currently in use."),
            ));
        }
        forget(tx, &eni)
    })?;
    Ok(json!({}))
}

/// An interface goes: its record and its address.
fn forget(tx: &store::Tx, eni: &NetworkInterfaceRec) -> Result<()> {
    if eni.primary_of.is_none() {
        network::release(tx, &eni.subnet_id, &eni.private_ip, &eni.loopback_ip)?;
    }
    tx.delete(kind::NETWORK_INTERFACE, &eni.network_interface_id)?;
    Ok(())
}

pub fn attach_network_interface(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = required(input, "NetworkInterfaceId")?;
    let instance_id = required(input, "InstanceId")?;
    let device_index = input
        .get("DeviceIndex")
        .and_then(Value::as_i64)
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter DeviceIndex".into()))?;
    let now = ec2.now();
    let attachment_id = ec2.write(|tx| {
        let mut eni = load(tx, id)?;
        let inst = super::instances::load(tx, instance_id)?;
        if matches!(inst.state, InstanceState::Terminated | InstanceState::ShuttingDown) {
            return Err(Ec2Error::Client(
                "IncorrectInstanceState",
                format!("The instance '{instance_id}' is not in a state from which it can be attached."),
            ));
        }
        if eni.attachment.is_some() {
            return Err(Ec2Error::Client("InvalidNetworkInterface.InUse", format!("Interface: [{id}] in use.")));
        }
        if inst.availability_zone != eni.availability_zone {
            return Err(Ec2Error::Client(
                "InvalidParameterCombination",
                "You may not attach a network interface to an instance if they are not in the same availability zone"
                    .into(),
            ));
        }
        if inst.vpc_id != eni.vpc_id {
            return Err(Ec2Error::Client(
                "InvalidParameterValue",
                format!("Network interface {id} and instance {instance_id} are not in the same VPC."),
            ));
        }
        let taken = device_index == 0
            || tx.list::<NetworkInterfaceRec>(kind::NETWORK_INTERFACE, "")?.into_iter().any(|(_, o)| {
                o.attachment.as_ref().is_some_and(|a| a.instance_id == instance_id && a.device_index == device_index)
            });
        if taken {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "Instance '{instance_id}' already has an interface attached at device index '{device_index}'."
            )));
        }
        let attachment = EniAttachment {
            attachment_id: ids::new("eni-attach"),
            instance_id: instance_id.into(),
            device_index,
            attach_time: now,
            delete_on_termination: false,
        };
        let aid = attachment.attachment_id.clone();
        eni.attachment = Some(attachment);
        tx.put(kind::NETWORK_INTERFACE, id, &eni)?;
        Ok(aid)
    })?;
    Ok(json!({"AttachmentId": attachment_id, "NetworkCardIndex": 0}))
}

pub fn detach_network_interface(ec2: &Ec2, input: &Value) -> Result<Value> {
    let attachment_id = required(input, "AttachmentId")?;
    ec2.write(|tx| {
        let found = tx
            .list::<NetworkInterfaceRec>(kind::NETWORK_INTERFACE, "")?
            .into_iter()
            .find(|(_, e)| e.attachment.as_ref().is_some_and(|a| a.attachment_id == attachment_id));
        let Some((id, mut eni)) = found else {
            return Err(Ec2Error::not_found("InvalidAttachmentID.NotFound", "attachment ID", attachment_id));
        };
        if eni.primary_of.is_some() {
            return Err(Ec2Error::Client(
                "OperationNotPermitted",
                "The network interface at device index 0 and networkCard index 0 cannot be detached.".into(),
            ));
        }
        eni.attachment = None;
        tx.put(kind::NETWORK_INTERFACE, &id, &eni)?;
        Ok(())
    })?;
    Ok(json!({}))
}

/// An instance's interfaces when it is terminated: its primary one goes with it; the others
/// are detached, or deleted if their attachment says so.
pub(crate) fn on_terminate(tx: &store::Tx, instance_id: &str) -> Result<()> {
    for (id, mut eni) in tx.list::<NetworkInterfaceRec>(kind::NETWORK_INTERFACE, "")? {
        let Some(a) = eni.attachment.as_ref().filter(|a| a.instance_id == instance_id) else { continue };
        if eni.primary_of.is_some() || a.delete_on_termination {
            forget(tx, &eni)?;
        } else {
            eni.attachment = None;
            tx.put(kind::NETWORK_INTERFACE, &id, &eni)?;
        }
    }
    Ok(())
}

/// Instances launched before interfaces were kept get their primary one.
pub(crate) fn ensure_all(ec2: &Ec2) -> Result<()> {
    ec2.write(|tx| {
        for (id, mut inst) in tx.list::<InstanceRec>(kind::INSTANCE, "")? {
            if inst.primary_interface.is_some() || inst.state == InstanceState::Terminated {
                continue;
            }
            inst.primary_interface = Some(ids::new("eni"));
            if let Some(eni) = inst.primary_interface_rec(&ec2.config.account) {
                tx.put(kind::NETWORK_INTERFACE, &eni.network_interface_id, &eni)?;
            }
            tx.put(kind::INSTANCE, &id, &inst)?;
        }
        Ok(())
    })
}

pub fn modify_network_interface_attribute(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = required(input, "NetworkInterfaceId")?;
    let value = |member: &str| input.get(member).and_then(|v| v.get("Value"));
    let groups = strings(input, "Groups");
    ec2.write(|tx| {
        let mut eni = load(tx, id)?;
        let mut inst = match &eni.primary_of {
            Some(i) => Some(super::instances::load(tx, i)?),
            None => None,
        };
        if let Some(d) = value("Description") {
            eni.description = d.as_str().unwrap_or_default().into();
        }
        if let Some(b) = value("SourceDestCheck").and_then(Value::as_bool) {
            match inst.as_mut() {
                Some(i) => i.source_dest_check = Some(b),
                None => eni.source_dest_check = b,
            }
        }
        if input.get("Groups").is_some() {
            let found = super::instances::security_groups(tx, &eni.vpc_id, &groups, &[])?;
            let pairs = found.iter().map(|g| (g.group_id.clone(), g.group_name.clone())).collect();
            match inst.as_mut() {
                Some(i) => i.security_groups = pairs,
                None => eni.groups = pairs,
            }
        }
        if let Some(a) = input.get("Attachment") {
            let wanted = str_of(a, "AttachmentId").unwrap_or_default();
            let Some(att) = eni.attachment.as_mut().filter(|x| x.attachment_id == wanted) else {
                return Err(Ec2Error::not_found("InvalidAttachmentID.NotFound", "attachment ID", wanted));
            };
            if let Some(d) = a.get("DeleteOnTermination").and_then(Value::as_bool) {
                att.delete_on_termination = d;
            }
        }
        if let Some(i) = &inst {
            tx.put(kind::INSTANCE, &i.instance_id, i)?;
        }
        tx.put(kind::NETWORK_INTERFACE, id, &eni)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn describe_network_interface_attribute(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = required(input, "NetworkInterfaceId")?;
    let attribute = required(input, "Attribute")?;
    let rendered = ec2.read(|tx| {
        let eni = load(tx, id)?;
        let inst = eni.primary_of.as_deref().map(|i| super::instances::load(tx, i)).transpose()?;
        Ok(eni.render(&ec2.config.region, inst.as_ref().map(InstanceRec::primary_view)))
    })?;
    let mut out = json!({"NetworkInterfaceId": id});
    match attribute {
        "description" => out["Description"] = json!({"Value": rendered["Description"]}),
        "groupSet" => out["Groups"] = rendered["Groups"].clone(),
        "sourceDestCheck" => out["SourceDestCheck"] = json!({"Value": rendered["SourceDestCheck"]}),
        "attachment" => {
            if let Some(a) = rendered.get("Attachment") {
                out["Attachment"] = a.clone();
            }
        }
        "associatePublicIpAddress" => {
            out["AssociatePublicIpAddress"] = json!(rendered.get("Association").is_some());
        }
        other => {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "Value ({other}) for parameter attribute is invalid. Unknown attribute."
            )))
        }
    }
    Ok(out)
}

const FILTERS: &[(&str, &str)] = &[
    ("network-interface-id", "NetworkInterfaceId"),
    ("subnet-id", "SubnetId"),
    ("vpc-id", "VpcId"),
    ("availability-zone", "AvailabilityZone"),
    ("description", "Description"),
    ("private-ip-address", "PrivateIpAddress"),
    ("addresses.private-ip-address", "PrivateIpAddresses.PrivateIpAddress"),
    ("private-dns-name", "PrivateDnsName"),
    ("status", "Status"),
    ("mac-address", "MacAddress"),
    ("owner-id", "OwnerId"),
    ("requester-managed", "RequesterManaged"),
    ("source-dest-check", "SourceDestCheck"),
    ("interface-type", "InterfaceType"),
    ("group-id", "Groups.GroupId"),
    ("group-name", "Groups.GroupName"),
    ("attachment.attachment-id", "Attachment.AttachmentId"),
    ("attachment.instance-id", "Attachment.InstanceId"),
    ("attachment.device-index", "Attachment.DeviceIndex"),
    ("attachment.status", "Attachment.Status"),
    ("attachment.delete-on-termination", "Attachment.DeleteOnTermination"),
    ("association.public-ip", "Association.PublicIp"),
];

/// A NAT gateway's interface, as EC2 lists it.
fn nat_interface(nat: &NatGatewayRec, zone: &str, owner: &str, region: &str) -> Value {
    let dns = format!("ip-{}.{region}.compute.internal", nat.private_ip.replace('.', "-"));
    let mut v = json!({
        "NetworkInterfaceId": nat.network_interface_id, "SubnetId": nat.subnet_id, "VpcId": nat.vpc_id,
        "AvailabilityZone": zone, "Description": format!("Interface for NAT Gateway {}", nat.nat_gateway_id),
        "OwnerId": owner, "RequesterId": "amazon", "RequesterManaged": true, "Status": "in-use",
        "MacAddress": crate::records::mac_of(&nat.network_interface_id), "PrivateIpAddress": nat.private_ip,
        "PrivateDnsName": dns, "SourceDestCheck": false, "Groups": [], "InterfaceType": "nat_gateway",
        "Ipv6Addresses": [], "TagSet": [],
        "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": nat.private_ip, "PrivateDnsName": dns}],
    });
    if let Some(ip) = &nat.public_ip {
        v["Association"] = json!({"PublicIp": ip, "IpOwnerId": "amazon", "AllocationId": nat.allocation_id});
    }
    v
}

pub fn describe_network_interfaces(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "NetworkInterfaceIds");
    let filters = filter::from_input(input);
    let region = &ec2.config.region;
    let account = &ec2.config.account;
    let all = ec2.read(|tx| {
        let instances: HashMap<String, InstanceRec> = tx.list::<InstanceRec>(kind::INSTANCE, "")?.into_iter().collect();
        let zones: HashMap<String, String> =
            tx.list::<SubnetRec>(kind::SUBNET, "")?.into_iter().map(|(id, s)| (id, s.availability_zone)).collect();
        let mut all: Vec<(String, Value)> = tx
            .list::<NetworkInterfaceRec>(kind::NETWORK_INTERFACE, "")?
            .into_iter()
            .map(|(id, e)| {
                let primary = e.primary_of.as_ref().and_then(|i| instances.get(i)).map(InstanceRec::primary_view);
                let v = e.render(region, primary);
                (id, v)
            })
            .collect();
        for (_, nat) in tx.list::<NatGatewayRec>(kind::NAT_GATEWAY, "")? {
            if nat.state == "available" && !nat.private_ip.is_empty() {
                let zone = zones.get(&nat.subnet_id).map(String::as_str).unwrap_or_default();
                all.push((nat.network_interface_id.clone(), nat_interface(&nat, zone, account, region)));
            }
        }
        Ok(all)
    })?;
    for id in &wanted {
        if !all.iter().any(|(k, _)| k == id) {
            return Err(not_found(id));
        }
    }
    let mut out = Vec::new();
    for (id, v) in all {
        if (wanted.is_empty() || wanted.contains(&id)) && filter::matches(&v, &filters, FILTERS)? {
            out.push(v);
        }
    }
    super::page(out, input, "NetworkInterfaces")
}
