//! CreateTags, DeleteTags, DescribeTags over every taggable resource kind.

use serde_json::{json, Value};

use super::{str_of, strings};
use crate::error::{Ec2Error, Result};
use crate::records::{
    kind, AddressRec, ImageRec, InstanceRec, InternetGatewayRec, KeyPairRec, LaunchTemplateRec, NatGatewayRec,
    RouteTableRec, SecurityGroupRec, SubnetRec, Tag, VpcRec,
};
use crate::Ec2;

/// The store kind of a taggable resource, from its id's prefix (security group rules live in
/// their group's record and have none).
pub(crate) fn kind_of(id: &str) -> Option<&'static str> {
    Some(match id.split('-').next().unwrap_or_default() {
        "i" => kind::INSTANCE,
        "ami" => kind::IMAGE,
        "vpc" => kind::VPC,
        "subnet" => kind::SUBNET,
        "sg" => kind::SECURITY_GROUP,
        "key" => kind::KEY_PAIR,
        "lt" => kind::LAUNCH_TEMPLATE,
        "igw" => kind::INTERNET_GATEWAY,
        "rtb" => kind::ROUTE_TABLE,
        "acl" => kind::NETWORK_ACL,
        "eipalloc" => kind::ADDRESS,
        "nat" => kind::NAT_GATEWAY,
        "eni" => kind::NETWORK_INTERFACE,
        "dopt" => kind::DHCP_OPTIONS,
        "vpce" => kind::VPC_ENDPOINT,
        "pl" => kind::PREFIX_LIST,
        "sir" => kind::SPOT_REQUEST,
        "fleet" => kind::FLEET,
        "h" => kind::HOST,
        "vol" => crate::storage::kind::VOLUME,
        "snap" => crate::storage::kind::SNAPSHOT,
        _ => return None,
    })
}

/// The tags of the resource with this id; `None` when there is no such resource.
pub(crate) fn tags_of(tx: &store::Tx, id: &str) -> Result<Option<Vec<Tag>>> {
    let Some(k) = kind_of(id) else { return Ok(None) };
    let Some(rec) = tx.get::<Value>(k, id)? else { return Ok(None) };
    Ok(Some(record_tags(&rec)?))
}

fn record_tags(rec: &Value) -> Result<Vec<Tag>> {
    match rec.get("tags") {
        Some(t) => serde_json::from_value(t.clone()).map_err(|e| Ec2Error::Internal(format!("stored tags: {e}"))),
        None => Ok(Vec::new()),
    }
}

/// Apply `f` to the tags of the resource with this id, whatever its kind.
fn with_tags(tx: &store::Tx, id: &str, f: &mut dyn FnMut(&mut Vec<Tag>)) -> Result<()> {
    if id.starts_with("sgr-") {
        // A rule's tags live in its group's record.
        for (k, mut g) in tx.list::<SecurityGroupRec>(kind::SECURITY_GROUP, "")? {
            if let Some(r) = g.rules.iter_mut().find(|r| r.rule_id == id) {
                f(&mut r.tags);
                tx.put(kind::SECURITY_GROUP, &k, &g)?;
                return Ok(());
            }
        }
        return Err(not_found(id));
    }
    let k = kind_of(id).ok_or_else(|| Ec2Error::Client("InvalidID", format!("The ID '{id}' is not valid")))?;
    let mut rec: Value = tx.get(k, id)?.ok_or_else(|| not_found(id))?;
    let mut tags = record_tags(&rec)?;
    f(&mut tags);
    rec["tags"] = serde_json::to_value(&tags).map_err(|e| Ec2Error::Internal(e.to_string()))?;
    tx.put(k, id, &rec)?;
    Ok(())
}

fn not_found(id: &str) -> Ec2Error {
    let code = match id.split('-').next().unwrap_or_default() {
        "i" => "InvalidInstanceID.NotFound",
        "ami" => "InvalidAMIID.NotFound",
        "vpc" => "InvalidVpcID.NotFound",
        "subnet" => "InvalidSubnetID.NotFound",
        "sgr" => "InvalidSecurityGroupRuleId.NotFound",
        "key" => "InvalidKeyPair.NotFound",
        "lt" => "InvalidLaunchTemplateId.NotFound",
        "igw" => "InvalidInternetGatewayID.NotFound",
        "rtb" => "InvalidRouteTableID.NotFound",
        "acl" => "InvalidNetworkAclID.NotFound",
        "eipalloc" => "InvalidAllocationID.NotFound",
        "nat" => "NatGatewayNotFound",
        "eni" => "InvalidNetworkInterfaceID.NotFound",
        "dopt" => "InvalidDhcpOptionID.NotFound",
        "vpce" => "InvalidVpcEndpointId.NotFound",
        "pl" => "InvalidPrefixListID.NotFound",
        "sir" => "InvalidSpotInstanceRequestID.NotFound",
        "fleet" => "InvalidFleetId.NotFound",
        "h" => "InvalidHostID.NotFound",
        "vol" => "InvalidVolume.NotFound",
        "snap" => "InvalidSnapshot.NotFound",
        _ => "InvalidGroup.NotFound",
    };
    Ec2Error::Client(code, format!("The ID '{id}' does not exist"))
}

fn input_tags(input: &Value) -> Vec<Tag> {
    input
        .get("Tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|t| Tag {
            key: str_of(t, "Key").unwrap_or_default().into(),
            value: str_of(t, "Value").unwrap_or_default().into(),
        })
        .collect()
}

/// `service_linked`: the caller is a service's linked role (Auto Scaling tagging an attached
/// instance with `aws:autoscaling:groupName`), which may set `aws:` tags.
pub fn create_tags(ec2: &Ec2, input: &Value, service_linked: bool) -> Result<Value> {
    let new = input_tags(input);
    if !service_linked && new.iter().any(|t| t.key.starts_with("aws:")) {
        return Err(Ec2Error::InvalidParameterValue(
            "Tag keys starting with 'aws:' are reserved for internal use".into(),
        ));
    }
    ec2.write(|tx| {
        for id in strings(input, "Resources") {
            with_tags(tx, &id, &mut |tags| {
                for t in &new {
                    match tags.iter_mut().find(|o| o.key == t.key) {
                        Some(o) => o.value = t.value.clone(),
                        None => tags.push(t.clone()),
                    }
                }
            })?;
            if with_count(tx, &id)? > 50 {
                return Err(Ec2Error::Client(
                    "TagLimitExceeded",
                    "The maximum number of Tags for a resource has been reached.".into(),
                ));
            }
        }
        Ok(())
    })?;
    Ok(json!({}))
}

fn with_count(tx: &store::Tx, id: &str) -> Result<usize> {
    let mut n = 0;
    with_tags(tx, id, &mut |t| n = t.len())?;
    Ok(n)
}

pub fn delete_tags(ec2: &Ec2, input: &Value) -> Result<Value> {
    let gone = input_tags(input);
    let keys_only = input.get("Tags").is_none();
    ec2.write(|tx| {
        for id in strings(input, "Resources") {
            with_tags(tx, &id, &mut |tags| {
                if keys_only {
                    tags.clear();
                } else {
                    tags.retain(|t| !gone.iter().any(|g| g.key == t.key && (g.value.is_empty() || g.value == t.value)));
                }
            })?;
        }
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn describe_tags(ec2: &Ec2, input: &Value) -> Result<Value> {
    let filters = crate::filter::from_input(input);
    let mut out = Vec::new();
    ec2.read(|tx| {
        let mut push = |id: &str, rtype: &str, tags: &[Tag]| -> Result<()> {
            for t in tags {
                let v = json!({"ResourceId": id, "ResourceType": rtype, "Key": t.key, "Value": t.value});
                let paths = [
                    ("resource-id", "ResourceId"),
                    ("resource-type", "ResourceType"),
                    ("key", "Key"),
                    ("value", "Value"),
                ];
                if crate::filter::matches(&v, &filters, &paths)? {
                    out.push(v);
                }
            }
            Ok(())
        };
        for (id, r) in tx.list::<InstanceRec>(kind::INSTANCE, "")? {
            push(&id, "instance", &r.tags)?;
        }
        for (id, r) in tx.list::<ImageRec>(kind::IMAGE, "")? {
            push(&id, "image", &r.tags)?;
        }
        for (id, r) in tx.list::<VpcRec>(kind::VPC, "")? {
            push(&id, "vpc", &r.tags)?;
        }
        for (id, r) in tx.list::<SubnetRec>(kind::SUBNET, "")? {
            push(&id, "subnet", &r.tags)?;
        }
        for (id, r) in tx.list::<SecurityGroupRec>(kind::SECURITY_GROUP, "")? {
            push(&id, "security-group", &r.tags)?;
            for rule in &r.rules {
                push(&rule.rule_id, "security-group-rule", &rule.tags)?;
            }
        }
        for (id, r) in tx.list::<KeyPairRec>(kind::KEY_PAIR, "")? {
            push(&id, "key-pair", &r.tags)?;
        }
        for (id, r) in tx.list::<LaunchTemplateRec>(kind::LAUNCH_TEMPLATE, "")? {
            push(&id, "launch-template", &r.tags)?;
        }
        for (id, r) in tx.list::<InternetGatewayRec>(kind::INTERNET_GATEWAY, "")? {
            push(&id, "internet-gateway", &r.tags)?;
        }
        for (id, r) in tx.list::<RouteTableRec>(kind::ROUTE_TABLE, "")? {
            push(&id, "route-table", &r.tags)?;
        }
        for (id, r) in tx.list::<crate::records::NetworkAclRec>(kind::NETWORK_ACL, "")? {
            push(&id, "network-acl", &r.tags)?;
        }
        for (id, r) in tx.list::<crate::records::NetworkInterfaceRec>(kind::NETWORK_INTERFACE, "")? {
            push(&id, "network-interface", &r.tags)?;
        }
        for (id, r) in tx.list::<crate::records::DhcpOptionsRec>(kind::DHCP_OPTIONS, "")? {
            push(&id, "dhcp-options", &r.tags)?;
        }
        for (id, r) in tx.list::<crate::records::VpcEndpointRec>(kind::VPC_ENDPOINT, "")? {
            push(&id, "vpc-endpoint", &r.tags)?;
        }
        for (id, r) in tx.list::<crate::records::PrefixListRec>(kind::PREFIX_LIST, "")? {
            push(&id, "prefix-list", &r.tags)?;
        }
        for (id, r) in tx.list::<crate::records::SpotRequestRec>(kind::SPOT_REQUEST, "")? {
            push(&id, "spot-instances-request", &r.tags)?;
        }
        for (id, r) in tx.list::<crate::records::FleetRec>(kind::FLEET, "")? {
            push(&id, "fleet", &r.tags)?;
        }
        for (id, r) in tx.list::<super::hosts::HostRec>(kind::HOST, "")? {
            push(&id, "dedicated-host", &r.tags)?;
        }
        for (id, r) in tx.list::<AddressRec>(kind::ADDRESS, "")? {
            push(&id, "elastic-ip", &r.tags)?;
        }
        for (id, r) in tx.list::<NatGatewayRec>(kind::NAT_GATEWAY, "")? {
            if r.state != "deleted" {
                push(&id, "natgateway", &r.tags)?;
            }
        }
        for (id, r) in tx.list::<crate::storage::VolumeRec>(crate::storage::kind::VOLUME, "")? {
            push(&id, "volume", &r.tags)?;
        }
        for (id, r) in tx.list::<crate::storage::SnapshotRec>(crate::storage::kind::SNAPSHOT, "")? {
            push(&id, "snapshot", &r.tags)?;
        }
        Ok(())
    })?;
    super::page(out, input, "Tags")
}
