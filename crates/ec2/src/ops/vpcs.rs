//! VPCs and subnets: a default VPC with a default subnet per zone, an internet gateway and a
//! main route table, as every AWS account has, and CIDR rules checked as EC2 checks them.

use serde_json::{json, Value};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, InternetGatewayRec, RouteTableRec, SecurityGroupRec, SubnetRec, VpcRec};
use crate::{filter, ids, network, Ec2};

fn save_default_sg(ec2: &Ec2, tx: &store::Tx, vpc_id: &str) -> Result<()> {
    let sg = super::security_groups::default_group_rec(&ec2.config.account, vpc_id);
    tx.put(kind::SECURITY_GROUP, &sg.group_id, &sg)?;
    Ok(())
}

/// Create the default VPC, its subnets, its internet gateway and its main route table on first
/// start. A default VPC from an older state without a main route table gets both.
pub fn ensure_default_vpc(ec2: &Ec2) -> Result<()> {
    ec2.write(|tx| {
        if let Some((_, vpc)) = tx.list::<VpcRec>(kind::VPC, "")?.into_iter().find(|(_, v)| v.is_default) {
            if super::route_tables::main_table(tx, &vpc.vpc_id)?.is_none() {
                default_vpc_gateway(ec2, tx, &vpc)?;
            }
            return Ok(());
        }
        let vpc = VpcRec {
            vpc_id: ids::new("vpc"),
            cidr: network::DEFAULT_VPC_CIDR.into(),
            is_default: true,
            owner_id: ec2.config.account.clone(),
            tags: vec![],
            dns_support: None,
            dns_hostnames: None,
            address_usage_metrics: None,
            dhcp_options_id: None,
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
        save_default_sg(ec2, tx, &vpc.vpc_id)?;
        default_vpc_gateway(ec2, tx, &vpc)
    })
}

/// The default VPC's internet gateway, and its main route table with the local route and a
/// default route through that gateway.
fn default_vpc_gateway(ec2: &Ec2, tx: &store::Tx, vpc: &VpcRec) -> Result<()> {
    let igw = InternetGatewayRec {
        internet_gateway_id: ids::new("igw"),
        owner_id: ec2.config.account.clone(),
        vpc_id: Some(vpc.vpc_id.clone()),
        tags: vec![],
    };
    tx.put(kind::INTERNET_GATEWAY, &igw.internet_gateway_id, &igw)?;
    let mut rt = super::route_tables::new_main_table(&ec2.config.account, vpc);
    rt.routes.push(crate::records::RouteRec {
        destination: "0.0.0.0/0".into(),
        target: crate::records::RouteTarget::Gateway(igw.internet_gateway_id),
        origin: "CreateRouteTable".into(),
    });
    tx.put(kind::ROUTE_TABLE, &rt.route_table_id, &rt)?;
    Ok(())
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
        ("dhcp-options-id", "DhcpOptionsId"),
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
        dns_support: None,
        dns_hostnames: None,
        address_usage_metrics: None,
        dhcp_options_id: None,
    };
    let vpc = ec2.write(|tx| {
        let vpc = VpcRec { dhcp_options_id: Some(super::dhcp::default_set(tx, ec2)?), ..vpc };
        tx.put(kind::VPC, &vpc.vpc_id, &vpc)?;
        let rt = super::route_tables::new_main_table(&ec2.config.account, &vpc);
        tx.put(kind::ROUTE_TABLE, &rt.route_table_id, &rt)?;
        let acl = super::network_acls::new_default_acl(&ec2.config.account, &vpc.vpc_id);
        tx.put(kind::NETWORK_ACL, &acl.network_acl_id, &acl)?;
        save_default_sg(ec2, tx, &vpc.vpc_id)?;
        Ok(vpc)
    })?;
    Ok(json!({"Vpc": vpc.render()}))
}

pub fn delete_vpc(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "VpcId").unwrap_or_default();
    ec2.write(|tx| {
        tx.get::<VpcRec>(kind::VPC, id)?.ok_or_else(|| Ec2Error::not_found("InvalidVpcID.NotFound", "vpc ID", id))?;
        let groups = tx.list::<SecurityGroupRec>(kind::SECURITY_GROUP, "")?;
        let tables = tx.list::<RouteTableRec>(kind::ROUTE_TABLE, "")?;
        // Subnets, attached gateways, other groups than the default and other route tables
        // than the main one must go first, as in EC2.
        if tx.list::<SubnetRec>(kind::SUBNET, "")?.iter().any(|(_, s)| s.vpc_id == id)
            || tx
                .list::<InternetGatewayRec>(kind::INTERNET_GATEWAY, "")?
                .iter()
                .any(|(_, g)| g.vpc_id.as_deref() == Some(id))
            || groups.iter().any(|(_, g)| g.vpc_id == id && g.group_name != "default")
            || tables.iter().any(|(_, t)| t.vpc_id == id && !t.is_main())
            || tx
                .list::<crate::records::NetworkAclRec>(kind::NETWORK_ACL, "")?
                .iter()
                .any(|(_, a)| a.vpc_id == id && !a.is_default)
            || super::vpc_endpoints::in_vpc(tx, id)?
        {
            return Err(Ec2Error::Client(
                "DependencyViolation",
                format!("The vpc '{id}' has dependencies and cannot be deleted."),
            ));
        }
        for (k, sg) in groups {
            if sg.vpc_id == id {
                tx.delete(kind::SECURITY_GROUP, &k)?;
            }
        }
        for (k, t) in tables {
            if t.vpc_id == id {
                tx.delete(kind::ROUTE_TABLE, &k)?;
            }
        }
        if let Some(acl) = super::network_acls::default_acl(tx, id)? {
            tx.delete(kind::NETWORK_ACL, &acl.network_acl_id)?;
        }
        tx.delete(kind::VPC, id)?;
        Ok(())
    })?;
    // Isolated networks: the VPC's router goes with it.
    if let Some(fabric) = &ec2.config.network {
        fabric.remove_vpc(id);
    }
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
        super::network_acls::associate_default(tx, &ec2.config.account, &s)?;
        let avail = available(tx, &s)?;
        Ok(s.render(&ec2.config.region, &ec2.config.account, avail))
    })?;
    Ok(json!({"Subnet": subnet}))
}

/// The VPC attributes DescribeVpcAttribute / ModifyVpcAttribute know: (the `Attribute` value,
/// the input and output member).
const VPC_ATTRIBUTES: &[(&str, &str)] = &[
    ("enableDnsSupport", "EnableDnsSupport"),
    ("enableDnsHostnames", "EnableDnsHostnames"),
    ("enableNetworkAddressUsageMetrics", "EnableNetworkAddressUsageMetrics"),
];

fn load_vpc(tx: &store::Tx, id: &str) -> Result<VpcRec> {
    tx.get::<VpcRec>(kind::VPC, id)?.ok_or_else(|| Ec2Error::not_found("InvalidVpcID.NotFound", "vpc ID", id))
}

pub fn describe_vpc_attribute(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "VpcId")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter vpcId".into()))?;
    let attribute = str_of(input, "Attribute")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter attribute".into()))?;
    let (_, member) = VPC_ATTRIBUTES.iter().find(|(a, _)| *a == attribute).ok_or_else(|| {
        Ec2Error::InvalidParameterValue(format!(
            "Value ({attribute}) for parameter attribute is invalid. Unknown attribute."
        ))
    })?;
    let vpc = ec2.read(|tx| load_vpc(tx, id))?;
    let value = match attribute {
        "enableDnsSupport" => vpc.enable_dns_support(),
        "enableDnsHostnames" => vpc.enable_dns_hostnames(),
        _ => vpc.enable_address_usage_metrics(),
    };
    let mut out = json!({"VpcId": id});
    out[*member] = json!({"Value": value});
    Ok(out)
}

/// ModifyVpcAttribute: one of the DNS attributes or network address usage metrics per call.
pub fn modify_vpc_attribute(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "VpcId")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter vpcId".into()))?;
    let given: Vec<(&str, Option<bool>)> = VPC_ATTRIBUTES
        .iter()
        .filter_map(|(a, m)| input.get(*m).map(|v| (*a, v.get("Value").and_then(Value::as_bool))))
        .collect();
    let (attribute, value) = match given.as_slice() {
        [] => {
            return Err(Ec2Error::MissingParameter(
                "The request must contain exactly one of the parameters enableDnsSupport, enableDnsHostnames, enableNetworkAddressUsageMetrics".into(),
            ))
        }
        [(a, Some(v))] => (*a, *v),
        [(a, None)] => {
            return Err(Ec2Error::MissingParameter(format!("The request must contain the parameter {a}.value")))
        }
        _ => {
            return Err(Ec2Error::InvalidParameterCombination(
                "Fields for multiple attribute types specified: only one attribute can be modified at a time".into(),
            ))
        }
    };
    ec2.write(|tx| {
        let mut vpc = load_vpc(tx, id)?;
        match attribute {
            "enableDnsSupport" => vpc.dns_support = Some(value),
            "enableDnsHostnames" => vpc.dns_hostnames = Some(value),
            _ => vpc.address_usage_metrics = Some(value),
        }
        tx.put(kind::VPC, id, &vpc)?;
        Ok(())
    })?;
    Ok(json!({}))
}

/// ModifySubnetAttribute: MapPublicIpOnLaunch (one attribute per call, as EC2 requires).
pub fn modify_subnet_attribute(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "SubnetId").unwrap_or_default();
    let attrs: Vec<&str> = input
        .as_object()
        .map(|o| o.keys().map(String::as_str).filter(|k| *k != "SubnetId" && *k != "DryRun").collect())
        .unwrap_or_default();
    let value = match attrs.as_slice() {
        ["MapPublicIpOnLaunch"] => {
            input.pointer("/MapPublicIpOnLaunch/Value").and_then(Value::as_bool).ok_or_else(|| {
                Ec2Error::MissingParameter("The request must contain the parameter MapPublicIpOnLaunch.Value".into())
            })?
        }
        [] => {
            return Err(Ec2Error::MissingParameter("The request must contain exactly one attribute to modify".into()))
        }
        [one] => return Err(Ec2Error::Unsupported(format!("The subnet attribute {one} is not supported."))),
        _ => {
            return Err(Ec2Error::InvalidParameterCombination(
                "Fields for multiple attribute types specified: only one attribute can be modified at a time".into(),
            ))
        }
    };
    ec2.write(|tx| {
        let mut s = tx
            .get::<SubnetRec>(kind::SUBNET, id)?
            .ok_or_else(|| Ec2Error::not_found("InvalidSubnetID.NotFound", "subnet ID", id))?;
        s.map_public_ip = value;
        tx.put(kind::SUBNET, id, &s)?;
        Ok(())
    })?;
    Ok(json!({}))
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
        super::route_tables::forget_subnet(tx, id)?;
        super::network_acls::forget_subnet(tx, id)?;
        tx.delete(kind::SUBNET, id)?;
        Ok(())
    })?;
    Ok(json!({}))
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
