//! VPCs, subnets and (for now) the default security groups: a default VPC with a default
//! subnet per zone, as every AWS account has, and CIDR rules checked as EC2 checks them.

use serde_json::{json, Value};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, SecurityGroupRec, SubnetRec, VpcRec};
use crate::{filter, ids, network, Ec2};

fn default_sg(ec2: &Ec2, vpc_id: &str) -> SecurityGroupRec {
    SecurityGroupRec {
        group_id: ids::new("sg"),
        group_name: "default".into(),
        description: "default VPC security group".into(),
        vpc_id: vpc_id.into(),
        owner_id: ec2.config.account.clone(),
        ingress: vec![
            json!({"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": "", "UserId": ec2.config.account}], "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": []}),
        ],
        egress: vec![
            json!({"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}),
        ],
        tags: vec![],
    }
}

fn save_default_sg(tx: &store::Tx, mut sg: SecurityGroupRec) -> Result<()> {
    // The default group lets its own members in.
    if let Some(pair) = sg.ingress[0]["UserIdGroupPairs"][0].as_object_mut() {
        pair.insert("GroupId".into(), json!(sg.group_id));
    }
    let id = sg.group_id.clone();
    tx.put(kind::SECURITY_GROUP, &id, &sg)?;
    Ok(())
}

/// Create the default VPC and its subnets on first start.
pub fn ensure_default_vpc(ec2: &Ec2) -> Result<()> {
    ec2.write(|tx| {
        if tx.list::<VpcRec>(kind::VPC, "")?.iter().any(|(_, v)| v.is_default) {
            return Ok(());
        }
        let vpc = VpcRec {
            vpc_id: ids::new("vpc"),
            cidr: network::DEFAULT_VPC_CIDR.into(),
            is_default: true,
            owner_id: ec2.config.account.clone(),
            tags: vec![],
        };
        tx.put(kind::VPC, &vpc.vpc_id, &vpc)?;
        for (i, zone) in crate::zones(&ec2.config.region).into_iter().enumerate() {
            let s = SubnetRec {
                subnet_id: ids::new("subnet"),
                vpc_id: vpc.vpc_id.clone(),
                cidr: network::default_subnet_cidr(i),
                availability_zone: zone,
                is_default: true,
                map_public_ip: true,
                owner_id: ec2.config.account.clone(),
                tags: vec![],
            };
            tx.put(kind::SUBNET, &s.subnet_id, &s)?;
        }
        save_default_sg(tx, default_sg(ec2, &vpc.vpc_id))
    })
}

pub fn describe_vpcs(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "VpcIds");
    let filters = filter::from_input(input);
    let vpcs = ec2.read(|tx| Ok(tx.list::<VpcRec>(kind::VPC, "")?))?;
    for id in &wanted {
        if !vpcs.iter().any(|(k, _)| k == id) {
            return Err(Ec2Error::not_found("InvalidVpcID.NotFound", "vpc ID", id));
        }
    }
    let paths = [
        ("vpc-id", "VpcId"),
        ("cidr", "CidrBlock"),
        ("cidr-block", "CidrBlock"),
        ("is-default", "IsDefault"),
        ("state", "State"),
        ("owner-id", "OwnerId"),
    ];
    let mut out = Vec::new();
    for (_, v) in vpcs {
        let r = v.render();
        if (wanted.is_empty() || wanted.contains(&v.vpc_id)) && filter::matches(&r, &filters, &paths)? {
            out.push(r);
        }
    }
    super::page(out, input, "Vpcs")
}

pub fn create_vpc(ec2: &Ec2, input: &Value) -> Result<Value> {
    let cidr = str_of(input, "CidrBlock")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter CidrBlock".into()))?;
    network::check_vpc_cidr(cidr)?;
    let vpc = VpcRec {
        vpc_id: ids::new("vpc"),
        cidr: cidr.into(),
        is_default: false,
        owner_id: ec2.config.account.clone(),
        tags: tag_specs(input, "vpc")?,
    };
    ec2.write(|tx| {
        tx.put(kind::VPC, &vpc.vpc_id, &vpc)?;
        save_default_sg(tx, default_sg(ec2, &vpc.vpc_id))
    })?;
    Ok(json!({"Vpc": vpc.render()}))
}

pub fn delete_vpc(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "VpcId").unwrap_or_default();
    ec2.write(|tx| {
        tx.get::<VpcRec>(kind::VPC, id)?.ok_or_else(|| Ec2Error::not_found("InvalidVpcID.NotFound", "vpc ID", id))?;
        if tx.list::<SubnetRec>(kind::SUBNET, "")?.iter().any(|(_, s)| s.vpc_id == id) {
            return Err(Ec2Error::Client(
                "DependencyViolation",
                format!("The vpc '{id}' has dependencies and cannot be deleted."),
            ));
        }
        for (k, sg) in tx.list::<SecurityGroupRec>(kind::SECURITY_GROUP, "")? {
            if sg.vpc_id == id {
                tx.delete(kind::SECURITY_GROUP, &k)?;
            }
        }
        tx.delete(kind::VPC, id)?;
        Ok(())
    })?;
    Ok(json!({}))
}

fn available(tx: &store::Tx, s: &SubnetRec) -> Result<u64> {
    let net = network::parse_cidr(&s.cidr)?;
    let used = tx.count(kind::SUBNET_IP, &format!("{}/", s.subnet_id))? as u64;
    Ok(network::usable(&net).saturating_sub(used))
}

pub fn describe_subnets(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "SubnetIds");
    let filters = filter::from_input(input);
    let r = &ec2.config.region;
    let rendered = ec2.read(|tx| {
        let mut out = Vec::new();
        for (_, s) in tx.list::<SubnetRec>(kind::SUBNET, "")? {
            out.push((s.subnet_id.clone(), s.render(r, &ec2.config.account, available(tx, &s)?)));
        }
        Ok(out)
    })?;
    for id in &wanted {
        if !rendered.iter().any(|(k, _)| k == id) {
            return Err(Ec2Error::not_found("InvalidSubnetID.NotFound", "subnet ID", id));
        }
    }
    let paths = [
        ("subnet-id", "SubnetId"),
        ("vpc-id", "VpcId"),
        ("cidr-block", "CidrBlock"),
        ("cidr", "CidrBlock"),
        ("availability-zone", "AvailabilityZone"),
        ("availability-zone-id", "AvailabilityZoneId"),
        ("default-for-az", "DefaultForAz"),
        ("state", "State"),
        ("available-ip-address-count", "AvailableIpAddressCount"),
    ];
    let mut out = Vec::new();
    for (id, v) in rendered {
        if (wanted.is_empty() || wanted.contains(&id)) && filter::matches(&v, &filters, &paths)? {
            out.push(v);
        }
    }
    super::page(out, input, "Subnets")
}

pub fn create_subnet(ec2: &Ec2, input: &Value) -> Result<Value> {
    let vpc_id = str_of(input, "VpcId").unwrap_or_default();
    let cidr = str_of(input, "CidrBlock")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter CidrBlock".into()))?;
    let zones = crate::zones(&ec2.config.region);
    let zone = match str_of(input, "AvailabilityZone") {
        Some(z) if zones.iter().any(|x| x == z) => z.to_string(),
        Some(z) => return Err(Ec2Error::InvalidParameterValue(format!("Value ({z}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: {}.", zones.join(", ")))),
        None => zones[0].clone(),
    };
    let tags = tag_specs(input, "subnet")?;
    let subnet = ec2.write(|tx| {
        let vpc = tx
            .get::<VpcRec>(kind::VPC, vpc_id)?
            .ok_or_else(|| Ec2Error::not_found("InvalidVpcID.NotFound", "vpc ID", vpc_id))?;
        let siblings: Vec<String> = tx
            .list::<SubnetRec>(kind::SUBNET, "")?
            .into_iter()
            .filter(|(_, s)| s.vpc_id == vpc_id)
            .map(|(_, s)| s.cidr)
            .collect();
        network::check_subnet_cidr(cidr, &vpc.cidr, &siblings)?;
        let s = SubnetRec {
            subnet_id: ids::new("subnet"),
            vpc_id: vpc_id.into(),
            cidr: cidr.into(),
            availability_zone: zone.clone(),
            is_default: false,
            map_public_ip: false,
            owner_id: ec2.config.account.clone(),
            tags: tags.clone(),
        };
        tx.put(kind::SUBNET, &s.subnet_id, &s)?;
        let avail = available(tx, &s)?;
        Ok(s.render(&ec2.config.region, &ec2.config.account, avail))
    })?;
    Ok(json!({"Subnet": subnet}))
}

pub fn delete_subnet(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "SubnetId").unwrap_or_default();
    ec2.write(|tx| {
        tx.get::<SubnetRec>(kind::SUBNET, id)?
            .ok_or_else(|| Ec2Error::not_found("InvalidSubnetID.NotFound", "subnet ID", id))?;
        if tx.count(kind::SUBNET_IP, &format!("{id}/"))? > 0 {
            return Err(Ec2Error::Client(
                "DependencyViolation",
                format!("The subnet '{id}' has dependencies and cannot be deleted."),
            ));
        }
        tx.delete(kind::SUBNET, id)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn describe_security_groups(ec2: &Ec2, input: &Value) -> Result<Value> {
    let ids = strings(input, "GroupIds");
    let names = strings(input, "GroupNames");
    let filters = filter::from_input(input);
    let groups = ec2.read(|tx| Ok(tx.list::<SecurityGroupRec>(kind::SECURITY_GROUP, "")?))?;
    for id in &ids {
        if !groups.iter().any(|(k, _)| k == id) {
            return Err(Ec2Error::Client("InvalidGroup.NotFound", format!("The security group '{id}' does not exist")));
        }
    }
    let paths = [
        ("group-id", "GroupId"),
        ("group-name", "GroupName"),
        ("vpc-id", "VpcId"),
        ("description", "Description"),
        ("owner-id", "OwnerId"),
    ];
    let mut out = Vec::new();
    for (_, g) in groups {
        let r = g.render();
        if (ids.is_empty() || ids.contains(&g.group_id))
            && (names.is_empty() || names.contains(&g.group_name))
            && filter::matches(&r, &filters, &paths)?
        {
            out.push(r);
        }
    }
    super::page(out, input, "SecurityGroups")
}

/// The subnet to launch into: the one named, or the default subnet of the zone asked for (or
/// of the first zone).
pub(crate) fn launch_subnet(tx: &store::Tx, subnet_id: Option<&str>, zone: Option<&str>) -> Result<SubnetRec> {
    if let Some(id) = subnet_id {
        return tx
            .get::<SubnetRec>(kind::SUBNET, id)?
            .ok_or_else(|| Ec2Error::not_found("InvalidSubnetID.NotFound", "subnet ID", id));
    }
    let defaults: Vec<SubnetRec> =
        tx.list::<SubnetRec>(kind::SUBNET, "")?.into_iter().map(|(_, s)| s).filter(|s| s.is_default).collect();
    let mut defaults = defaults;
    defaults.sort_by(|a, b| a.availability_zone.cmp(&b.availability_zone));
    match zone {
        Some(z) => defaults
            .into_iter()
            .find(|s| s.availability_zone == z)
            .ok_or_else(|| Ec2Error::InvalidParameterValue(format!("Invalid availability zone: [{z}]"))),
        None => defaults
            .into_iter()
            .next()
            .ok_or_else(|| Ec2Error::Client("VPCIdNotSpecified", "No default VPC for this user".into())),
    }
}

/// The default security group of a VPC.
pub(crate) fn default_group(tx: &store::Tx, vpc_id: &str) -> Result<Option<SecurityGroupRec>> {
    Ok(tx
        .list::<SecurityGroupRec>(kind::SECURITY_GROUP, "")?
        .into_iter()
        .map(|(_, g)| g)
        .find(|g| g.vpc_id == vpc_id && g.group_name == "default"))
}
