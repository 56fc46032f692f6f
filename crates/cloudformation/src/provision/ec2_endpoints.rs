//! AWS::EC2::VPCEndpoint and AWS::EC2::PrefixList, through EC2's typed client.

use api::ec2::{
    AddPrefixListEntry, CreateManagedPrefixListRequest, CreateVpcEndpointRequest, DeleteManagedPrefixListRequest,
    DeleteVpcEndpointsRequest, ResourceType, VpcEndpointType,
};
use serde_json::{json, Value};

use super::ec2_interfaces::{ec2_err, tag_specs};
use super::{gone, Created, Cx, Props};

/// AWS::EC2::VPCEndpoint (Ref and GetAtt Id: the endpoint's id; GetAtt CreationTimestamp,
/// DnsEntries as `zone:name`, NetworkInterfaceIds). A PolicyDocument given as an object is
/// sent as its JSON text.
pub async fn create_vpc_endpoint(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let policy_document = match p.get("PolicyDocument") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(v @ Value::Object(_)) => Some(v.to_string()),
        Some(_) => return Err("Value of property PolicyDocument must be an object or a string".into()),
        None => None,
    };
    let input = CreateVpcEndpointRequest {
        vpc_id: p.req("VpcId")?,
        service_name: Some(p.req("ServiceName")?),
        vpc_endpoint_type: p.str("VpcEndpointType").map(|t| VpcEndpointType::from(t.as_str())),
        route_table_ids: p.list("RouteTableIds"),
        subnet_ids: p.list("SubnetIds"),
        security_group_ids: p.list("SecurityGroupIds"),
        private_dns_enabled: p.bool("PrivateDnsEnabled")?,
        policy_document,
        tag_specifications: tag_specs(cx, p, ResourceType::VpcEndpoint),
        ..Default::default()
    };
    let out = cx.ec2()?.create_vpc_endpoint(input).await.map_err(ec2_err)?;
    let endpoint = out.vpc_endpoint.unwrap_or_default();
    let id = endpoint.vpc_endpoint_id.ok_or("CreateVpcEndpoint answered no VpcEndpointId")?;
    let dns: Vec<String> = endpoint
        .dns_entries
        .unwrap_or_default()
        .into_iter()
        .map(|d| format!("{}:{}", d.hosted_zone_id.unwrap_or_default(), d.dns_name.unwrap_or_default()))
        .collect();
    Ok(Created::id(id.clone())
        .attr("Id", id)
        .attr("DnsEntries", json!(dns))
        .attr("NetworkInterfaceIds", json!(endpoint.network_interface_ids.unwrap_or_default()))
        .attr("CreationTimestamp", json!(endpoint.creation_timestamp)))
}

pub async fn delete_vpc_endpoint(cx: &Cx, id: &str) -> Result<(), String> {
    let input = DeleteVpcEndpointsRequest { vpc_endpoint_ids: vec![id.into()], ..Default::default() };
    let out = cx.ec2()?.delete_vpc_endpoints(input).await.map_err(ec2_err)?;
    match out.unsuccessful.unwrap_or_default().into_iter().next().and_then(|u| u.error) {
        Some(e) if e.code.as_deref() != Some("InvalidVpcEndpoint.NotFound") => {
            Err(e.message.unwrap_or_else(|| format!("VPC endpoint {id} could not be deleted")))
        }
        _ => Ok(()),
    }
}

/// AWS::EC2::PrefixList (Ref and GetAtt PrefixListId; GetAtt Arn, OwnerId, Version).
pub async fn create_prefix_list(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let entries: Vec<AddPrefixListEntry> = p
        .objects("Entries")
        .into_iter()
        .map(|e| Ok(AddPrefixListEntry { cidr: e.req("Cidr")?, description: e.str("Description") }))
        .collect::<Result<_, String>>()?;
    let input = CreateManagedPrefixListRequest {
        prefix_list_name: p.req("PrefixListName")?,
        address_family: p.req("AddressFamily")?,
        max_entries: p.int32("MaxEntries")?.ok_or("Property MaxEntries cannot be empty.")?,
        entries: (!entries.is_empty()).then_some(entries),
        tag_specifications: tag_specs(cx, p, ResourceType::PrefixList),
        ..Default::default()
    };
    let out = cx.ec2()?.create_managed_prefix_list(input).await.map_err(ec2_err)?;
    let list = out.prefix_list.unwrap_or_default();
    let id = list.prefix_list_id.ok_or("CreateManagedPrefixList answered no PrefixListId")?;
    Ok(Created::id(id.clone())
        .attr("PrefixListId", id)
        .attr("Arn", list.prefix_list_arn.unwrap_or_default())
        .attr("OwnerId", list.owner_id.unwrap_or_default())
        .attr("Version", json!(list.version)))
}

pub async fn delete_prefix_list(cx: &Cx, id: &str) -> Result<(), String> {
    let input = DeleteManagedPrefixListRequest { prefix_list_id: id.into(), ..Default::default() };
    gone(cx.ec2()?.delete_managed_prefix_list(input).await.map_err(ec2_err))
}
