//! EC2's operations, one file per family, and what they share: tag specifications, paging,
//! the resources each operation is authorised against.

pub(crate) mod addresses;
pub(crate) mod credits;
pub(crate) mod dhcp;
pub(crate) mod fleets;
pub(crate) mod gateways;
pub(crate) mod hosts;
pub(crate) mod images;
pub(crate) mod instance_types;
pub(crate) mod instances;
pub(crate) mod interfaces;
pub(crate) mod keypairs;
pub mod launch_templates;
pub(crate) mod network_acls;
pub(crate) mod prefix_lists;
mod regions;
pub(crate) mod route_tables;
pub mod security_groups;
pub(crate) mod spot;
pub(crate) mod tags;
pub(crate) mod volumes;
pub(crate) mod vpc_endpoints;
pub(crate) mod vpcs;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use serde_json::{json, Map, Value};
use wire::{ApiError, CallContext};

use crate::error::{Ec2Error, Result};
use crate::records::Tag;
use crate::Ec2;

pub(crate) fn dispatch(
    ec2: &std::sync::Arc<Ec2>,
    cx: &CallContext,
    op: &str,
    input: &Value,
) -> std::result::Result<Value, ApiError> {
    let r = match op {
        "DescribeRegions" => regions::describe_regions(ec2, input),
        "DescribeAvailabilityZones" => regions::describe_availability_zones(ec2, input),
        "DescribeAccountAttributes" => regions::describe_account_attributes(ec2),
        "RegisterImage" => images::register_image(ec2, input),
        "DescribeImages" => images::describe_images(ec2, input),
        "DeregisterImage" => images::deregister_image(ec2, input),
        "CreateImage" => images::create_image(ec2, input),
        "CopyImage" => images::copy_image(ec2, input),
        "DescribeImageAttribute" => images::describe_image_attribute(ec2, input),
        "ModifyImageAttribute" => images::modify_image_attribute(ec2, input),
        "ResetImageAttribute" => images::reset_image_attribute(ec2, input),
        "CreateSnapshots" => volumes::create_snapshots(ec2, input),
        "RunInstances" => instances::run_instances(ec2, cx, input),
        "DescribeInstances" => instances::describe_instances(ec2, input),
        "DescribeInstanceStatus" => instances::describe_instance_status(ec2, input),
        "StopInstances" => instances::stop_instances(ec2, input),
        "StartInstances" => instances::start_instances(ec2, input),
        "RebootInstances" => instances::reboot_instances(ec2, input),
        "TerminateInstances" => instances::terminate_instances(ec2, input),
        "GetConsoleOutput" => instances::get_console_output(ec2, input),
        "DescribeInstanceAttribute" => instances::describe_instance_attribute(ec2, input),
        "ModifyInstanceAttribute" => instances::modify_instance_attribute(ec2, input),
        "DescribeInstanceTypes" => instance_types::describe_instance_types(ec2, input),
        "DescribeInstanceTypeOfferings" => instance_types::describe_instance_type_offerings(ec2, input),
        "DescribeVpcs" => vpcs::describe_vpcs(ec2, input),
        "CreateVpc" => vpcs::create_vpc(ec2, input),
        "DeleteVpc" => vpcs::delete_vpc(ec2, input),
        "DescribeVpcAttribute" => vpcs::describe_vpc_attribute(ec2, input),
        "ModifyVpcAttribute" => vpcs::modify_vpc_attribute(ec2, input),
        "DescribeSubnets" => vpcs::describe_subnets(ec2, input),
        "CreateSubnet" => vpcs::create_subnet(ec2, input),
        "DeleteSubnet" => vpcs::delete_subnet(ec2, input),
        "DescribeSecurityGroups" => security_groups::describe_security_groups(ec2, input),
        "CreateSecurityGroup" => security_groups::create_security_group(ec2, input),
        "DeleteSecurityGroup" => security_groups::delete_security_group(ec2, input),
        "AuthorizeSecurityGroupIngress" => security_groups::authorize_ingress(ec2, input),
        "AuthorizeSecurityGroupEgress" => security_groups::authorize_egress(ec2, input),
        "RevokeSecurityGroupIngress" => security_groups::revoke_ingress(ec2, input),
        "RevokeSecurityGroupEgress" => security_groups::revoke_egress(ec2, input),
        "DescribeSecurityGroupRules" => security_groups::describe_security_group_rules(ec2, input),
        "CreateKeyPair" => keypairs::create_key_pair(ec2, input),
        "ImportKeyPair" => keypairs::import_key_pair(ec2, input),
        "DescribeKeyPairs" => keypairs::describe_key_pairs(ec2, input),
        "DeleteKeyPair" => keypairs::delete_key_pair(ec2, input),
        "CreateLaunchTemplate" => launch_templates::create_launch_template(ec2, cx, input),
        "CreateLaunchTemplateVersion" => launch_templates::create_launch_template_version(ec2, cx, input),
        "DescribeLaunchTemplates" => launch_templates::describe_launch_templates(ec2, input),
        "DescribeLaunchTemplateVersions" => launch_templates::describe_launch_template_versions(ec2, input),
        "ModifyLaunchTemplate" => launch_templates::modify_launch_template(ec2, input),
        "DeleteLaunchTemplate" => launch_templates::delete_launch_template(ec2, input),
        "DeleteLaunchTemplateVersions" => launch_templates::delete_launch_template_versions(ec2, input),
        "CreateInternetGateway" => gateways::create_internet_gateway(ec2, input),
        "AttachInternetGateway" => gateways::attach_internet_gateway(ec2, input),
        "DetachInternetGateway" => gateways::detach_internet_gateway(ec2, input),
        "DeleteInternetGateway" => gateways::delete_internet_gateway(ec2, input),
        "DescribeInternetGateways" => gateways::describe_internet_gateways(ec2, input),
        "CreateNatGateway" => gateways::create_nat_gateway(ec2, input),
        "DescribeNatGateways" => gateways::describe_nat_gateways(ec2, input),
        "DeleteNatGateway" => gateways::delete_nat_gateway(ec2, input),
        "ModifySubnetAttribute" => vpcs::modify_subnet_attribute(ec2, input),
        "CreateNetworkAcl" => network_acls::create_network_acl(ec2, input),
        "DeleteNetworkAcl" => network_acls::delete_network_acl(ec2, input),
        "DescribeNetworkAcls" => network_acls::describe_network_acls(ec2, input),
        "CreateNetworkAclEntry" => network_acls::create_network_acl_entry(ec2, input),
        "ReplaceNetworkAclEntry" => network_acls::replace_network_acl_entry(ec2, input),
        "DeleteNetworkAclEntry" => network_acls::delete_network_acl_entry(ec2, input),
        "ReplaceNetworkAclAssociation" => network_acls::replace_network_acl_association(ec2, input),
        "CreateRouteTable" => route_tables::create_route_table(ec2, input),
        "DescribeRouteTables" => route_tables::describe_route_tables(ec2, input),
        "DeleteRouteTable" => route_tables::delete_route_table(ec2, input),
        "CreateRoute" => route_tables::create_route(ec2, input),
        "ReplaceRoute" => route_tables::replace_route(ec2, input),
        "DeleteRoute" => route_tables::delete_route(ec2, input),
        "AssociateRouteTable" => route_tables::associate_route_table(ec2, input),
        "DisassociateRouteTable" => route_tables::disassociate_route_table(ec2, input),
        "AllocateAddress" => addresses::allocate_address(ec2, input),
        "ReleaseAddress" => addresses::release_address(ec2, input),
        "DescribeAddresses" => addresses::describe_addresses(ec2, input),
        "AssociateAddress" => addresses::associate_address(ec2, input),
        "DisassociateAddress" => addresses::disassociate_address(ec2, input),
        "CreateVolume" => volumes::create_volume(ec2, input),
        "DescribeVolumes" => volumes::describe_volumes(ec2, input),
        "DeleteVolume" => volumes::delete_volume(ec2, input),
        "AttachVolume" => volumes::attach_volume(ec2, input),
        "DetachVolume" => volumes::detach_volume(ec2, input),
        "CreateSnapshot" => volumes::create_snapshot(ec2, input),
        "CopySnapshot" => volumes::copy_snapshot(ec2, input),
        "DescribeSnapshots" => volumes::describe_snapshots(ec2, input),
        "DeleteSnapshot" => volumes::delete_snapshot(ec2, input),
        "DescribeInstanceCreditSpecifications" => credits::describe_instance_credit_specifications(ec2, input),
        "ModifyInstanceCreditSpecification" => credits::modify_instance_credit_specification(ec2, input),
        "GetDefaultCreditSpecification" => credits::get_default_credit_specification(ec2, input),
        "ModifyDefaultCreditSpecification" => credits::modify_default_credit_specification(ec2, input),
        "CreateManagedPrefixList" => prefix_lists::create_managed_prefix_list(ec2, input),
        "DescribeManagedPrefixLists" => prefix_lists::describe_managed_prefix_lists(ec2, input),
        "GetManagedPrefixListEntries" => prefix_lists::get_managed_prefix_list_entries(ec2, input),
        "ModifyManagedPrefixList" => prefix_lists::modify_managed_prefix_list(ec2, input),
        "DeleteManagedPrefixList" => prefix_lists::delete_managed_prefix_list(ec2, input),
        "DescribePrefixLists" => prefix_lists::describe_prefix_lists(ec2, input),
        "CreateVpcEndpoint" => vpc_endpoints::create_vpc_endpoint(ec2, input),
        "DescribeVpcEndpoints" => vpc_endpoints::describe_vpc_endpoints(ec2, input),
        "ModifyVpcEndpoint" => vpc_endpoints::modify_vpc_endpoint(ec2, input),
        "DeleteVpcEndpoints" => vpc_endpoints::delete_vpc_endpoints(ec2, input),
        "DescribeVpcEndpointServices" => vpc_endpoints::describe_vpc_endpoint_services(ec2, input),
        "CreateFleet" => fleets::create_fleet(ec2, cx, input),
        "DescribeFleets" => fleets::describe_fleets(ec2, input),
        "DescribeFleetInstances" => fleets::describe_fleet_instances(ec2, input),
        "DeleteFleets" => fleets::delete_fleets(ec2, input),
        "AllocateHosts" => hosts::allocate_hosts(ec2, input),
        "DescribeHosts" => hosts::describe_hosts(ec2, input),
        "ModifyHosts" => hosts::modify_hosts(ec2, input),
        "ReleaseHosts" => hosts::release_hosts(ec2, input),
        "RequestSpotInstances" => spot::request_spot_instances(ec2, cx, input),
        "DescribeSpotInstanceRequests" => spot::describe_spot_instance_requests(ec2, input),
        "CancelSpotInstanceRequests" => spot::cancel_spot_instance_requests(ec2, input),
        "DescribeSpotPriceHistory" => spot::describe_spot_price_history(ec2, input),
        "CreateNetworkInterface" => interfaces::create_network_interface(ec2, input),
        "DescribeNetworkInterfaces" => interfaces::describe_network_interfaces(ec2, input),
        "DeleteNetworkInterface" => interfaces::delete_network_interface(ec2, input),
        "AttachNetworkInterface" => interfaces::attach_network_interface(ec2, input),
        "DetachNetworkInterface" => interfaces::detach_network_interface(ec2, input),
        "ModifyNetworkInterfaceAttribute" => interfaces::modify_network_interface_attribute(ec2, input),
        "DescribeNetworkInterfaceAttribute" => interfaces::describe_network_interface_attribute(ec2, input),
        "CreateDhcpOptions" => dhcp::create_dhcp_options(ec2, input),
        "DescribeDhcpOptions" => dhcp::describe_dhcp_options(ec2, input),
        "DeleteDhcpOptions" => dhcp::delete_dhcp_options(ec2, input),
        "AssociateDhcpOptions" => dhcp::associate_dhcp_options(ec2, input),
        "CreateTags" => tags::create_tags(ec2, input, cx.principal.is_service_linked()),
        "DeleteTags" => tags::delete_tags(ec2, input),
        "DescribeTags" => tags::describe_tags(ec2, input),
        _ => {
            return Err(ApiError::new(
                400,
                "InvalidAction",
                format!("The action {op} is not valid for this web service."),
            ))
        }
    };
    r.map_err(ApiError::from)
}

/// The resources an EC2 action is authorised against (the service authorisation reference's
/// resource types, where homeground knows them; "*" elsewhere).
pub(crate) fn str_of<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

/// Whether a resource with this owner is among the `Owners` / `OwnerIds` asked for (none: all):
/// `self` is the account, `amazon` an owner aliased so, anything else an account id.
pub(crate) fn owned_by(ec2: &Ec2, owners: &[String], owner_id: &str, owner_alias: Option<&str>) -> bool {
    owners.is_empty()
        || owners.iter().any(|o| match o.as_str() {
            "self" => owner_id == ec2.config.account,
            "amazon" => owner_alias == Some("amazon"),
            id => id == owner_id,
        })
}

pub(crate) fn strings(v: &Value, k: &str) -> Vec<String> {
    v.get(k)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
        .unwrap_or_default()
}

/// Tags from `TagSpecifications` for one resource type.
pub(crate) fn tag_specs(input: &Value, resource_type: &str) -> Result<Vec<Tag>> {
    tag_specs_by(input, resource_type, false)
}

/// The same, from a caller that may set `aws:` tags (a service-linked role: Auto Scaling's
/// `aws:autoscaling:groupName`).
pub(crate) fn tag_specs_by(input: &Value, resource_type: &str, service_linked: bool) -> Result<Vec<Tag>> {
    let mut tags = Vec::new();
    for spec in input.get("TagSpecifications").and_then(Value::as_array).into_iter().flatten() {
        let rt = str_of(spec, "ResourceType").unwrap_or_default();
        if rt != resource_type {
            continue;
        }
        for t in spec.get("Tags").and_then(Value::as_array).into_iter().flatten() {
            let key = str_of(t, "Key").unwrap_or_default();
            if key.is_empty() || (key.starts_with("aws:") && !service_linked) {
                return Err(Ec2Error::Client("InvalidParameterValue", format!("Tag key '{key}' is not allowed.")));
            }
            tags.push(Tag { key: key.into(), value: str_of(t, "Value").unwrap_or_default().into() });
        }
    }
    Ok(tags)
}

/// One page of a Describe: `MaxResults` (5–1000) and an opaque `NextToken`.
pub(crate) fn page(items: Vec<Value>, input: &Value, member: &str) -> Result<Value> {
    let (range, next) = page_range(items.len(), input)?;
    let mut out = Map::new();
    let page: Vec<Value> = items.into_iter().skip(range.start).take(range.len()).collect();
    out.insert(member.into(), Value::Array(page));
    if let Some(t) = next {
        out.insert("NextToken".into(), json!(t));
    }
    Ok(Value::Object(out))
}

/// Which of `len` items a Describe's page holds (`MaxResults`, 5–1000, from the opaque
/// `NextToken`), and the next page's token if there are more.
pub(crate) fn page_range(len: usize, input: &Value) -> Result<(std::ops::Range<usize>, Option<String>)> {
    let max = input.get("MaxResults").and_then(Value::as_i64);
    let start = match str_of(input, "NextToken") {
        Some(t) => B64
            .decode(t)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|s| s.parse::<usize>().ok())
            .ok_or_else(|| Ec2Error::Client("InvalidNextToken", "The token is not valid.".into()))?,
        None => 0,
    };
    let rest = len.saturating_sub(start);
    let begin = start.min(len);
    Ok(match max {
        Some(m) if (m as usize) < rest => {
            let m = m.clamp(5, 1000) as usize;
            let next = (rest > m).then(|| B64.encode((start + m).to_string()));
            (begin..begin + m.min(rest), next)
        }
        _ => (begin..len, None),
    })
}
