//! AWS::EC2::* — networks, security groups, addresses, launch templates and instances.

use std::time::Duration;

use serde::Serialize;
use serde_json::{Map, Value};

use super::{gone, Created, Cx, Props, Tag};
use crate::Peer;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct TagSpecification {
    resource_type: &'static str,
    tags: Vec<Tag>,
}

/// The stack's tags on everything it makes, as CloudFormation adds them, plus the template's.
fn tag_specs(cx: &Cx, p: Props<'_>, resource_type: &'static str) -> Vec<TagSpecification> {
    let tags = cx.tags(p);
    if tags.is_empty() {
        vec![]
    } else {
        vec![TagSpecification { resource_type, tags }]
    }
}

fn field(v: &Value, pointer: &str, op: &str) -> Result<String, String> {
    v.pointer(pointer).and_then(Value::as_str).map(String::from).ok_or_else(|| format!("{op} answered no {pointer}"))
}

// ---- VPCs, subnets, gateways, routes ----------------------------------------------------

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateVpc {
    cidr_block: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    instance_tenancy: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tag_specifications: Vec<TagSpecification>,
}

pub async fn create_vpc(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateVpc {
        cidr_block: p.req("CidrBlock")?,
        instance_tenancy: p.str("InstanceTenancy"),
        tag_specifications: tag_specs(cx, p, "vpc"),
    };
    let out = cx.call(Peer::Ec2, "CreateVpc", &input).await?;
    let id = field(&out, "/Vpc/VpcId", "CreateVpc")?;
    if let Err(e) = set_vpc_dns(cx, &id, p, None).await {
        let _ = delete_vpc(cx, &id).await;
        return Err(e);
    }
    let cidr = out.pointer("/Vpc/CidrBlock").cloned().unwrap_or(Value::String(input.cidr_block.clone()));
    let mut created = Created::id(id.clone()).attr("VpcId", id.clone()).attr("CidrBlock", cidr.clone());
    created = created.attr("CidrBlockAssociations", Value::Array(vec![])).attr("Ipv6CidrBlocks", Value::Array(vec![]));
    // The default security group and network ACL AWS reports for the VPC.
    let groups = cx
        .call(Peer::Ec2, "DescribeSecurityGroups", &Filtered::new("vpc-id", &id).and("group-name", "default"))
        .await?;
    if let Some(g) = groups.pointer("/SecurityGroups/0/GroupId") {
        created = created.attr("DefaultSecurityGroup", g.clone());
    }
    Ok(created)
}

/// A VPC's EnableDnsSupport / EnableDnsHostnames as the template says (support first, one
/// attribute per call as EC2 requires). On an update (`old` given), only what changed; a property
/// removed goes back to EC2's default for a new VPC.
pub async fn set_vpc_dns(cx: &Cx, id: &str, p: Props<'_>, old: Option<Props<'_>>) -> Result<(), String> {
    for (member, default) in [("EnableDnsSupport", true), ("EnableDnsHostnames", false)] {
        let value = match (p.bool(member)?, old) {
            (Some(v), None) => v,
            (None, None) => continue,
            (v, Some(old)) => {
                let before = old.bool(member)?.unwrap_or(default);
                let after = v.unwrap_or(default);
                if before == after {
                    continue;
                }
                after
            }
        };
        let mut modify = Map::new();
        modify.insert("VpcId".into(), Value::String(id.to_string()));
        modify.insert(member.into(), serde_json::json!({"Value": value}));
        cx.call(Peer::Ec2, "ModifyVpcAttribute", &modify).await?;
    }
    Ok(())
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Filter {
    name: String,
    values: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Filtered {
    filters: Vec<Filter>,
}

impl Filtered {
    fn new(name: &str, value: &str) -> Filtered {
        Filtered { filters: vec![Filter { name: name.into(), values: vec![value.into()] }] }
    }

    fn and(mut self, name: &str, value: &str) -> Filtered {
        self.filters.push(Filter { name: name.into(), values: vec![value.into()] });
        self
    }
}

#[derive(Serialize)]
struct VpcId<'a> {
    #[serde(rename = "VpcId")]
    vpc_id: &'a str,
}

pub async fn delete_vpc(cx: &Cx, id: &str) -> Result<(), String> {
    gone(cx.call(Peer::Ec2, "DeleteVpc", &VpcId { vpc_id: id }).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateSubnet {
    vpc_id: String,
    cidr_block: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    availability_zone: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tag_specifications: Vec<TagSpecification>,
}

pub async fn create_subnet(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateSubnet {
        vpc_id: p.req("VpcId")?,
        cidr_block: p.req("CidrBlock")?,
        availability_zone: p.str("AvailabilityZone"),
        tag_specifications: tag_specs(cx, p, "subnet"),
    };
    let out = cx.call(Peer::Ec2, "CreateSubnet", &input).await?;
    let id = field(&out, "/Subnet/SubnetId", "CreateSubnet")?;
    if p.bool("MapPublicIpOnLaunch")? == Some(true) {
        let modify = ModifySubnet { subnet_id: &id, map_public_ip_on_launch: AttributeBool { value: true } };
        if let Err(e) = cx.call(Peer::Ec2, "ModifySubnetAttribute", &modify).await {
            let _ = delete_subnet(cx, &id).await;
            return Err(e);
        }
    }
    let zone = out.pointer("/Subnet/AvailabilityZone").cloned().unwrap_or(Value::Null);
    Ok(Created::id(id.clone())
        .attr("SubnetId", id)
        .attr("AvailabilityZone", zone)
        .attr("VpcId", input.vpc_id)
        .attr("CidrBlock", input.cidr_block))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ModifySubnet<'a> {
    subnet_id: &'a str,
    map_public_ip_on_launch: AttributeBool,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AttributeBool {
    value: bool,
}

#[derive(Serialize)]
struct SubnetId<'a> {
    #[serde(rename = "SubnetId")]
    subnet_id: &'a str,
}

pub async fn delete_subnet(cx: &Cx, id: &str) -> Result<(), String> {
    gone(cx.call(Peer::Ec2, "DeleteSubnet", &SubnetId { subnet_id: id }).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct TagsOnly {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tag_specifications: Vec<TagSpecification>,
}

pub async fn create_internet_gateway(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let out = cx
        .call(
            Peer::Ec2,
            "CreateInternetGateway",
            &TagsOnly { tag_specifications: tag_specs(cx, p, "internet-gateway") },
        )
        .await?;
    let id = field(&out, "/InternetGateway/InternetGatewayId", "CreateInternetGateway")?;
    Ok(Created::id(id.clone()).attr("InternetGatewayId", id))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct InternetGatewayId<'a> {
    internet_gateway_id: &'a str,
}

pub async fn delete_internet_gateway(cx: &Cx, id: &str) -> Result<(), String> {
    gone(cx.call(Peer::Ec2, "DeleteInternetGateway", &InternetGatewayId { internet_gateway_id: id }).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct GatewayAttachment {
    internet_gateway_id: String,
    vpc_id: String,
}

pub async fn attach_gateway(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    if p.str("VpnGatewayId").is_some() {
        return Err("VPN gateways are not supported by this region".into());
    }
    let input = GatewayAttachment { internet_gateway_id: p.req("InternetGatewayId")?, vpc_id: p.req("VpcId")? };
    cx.call(Peer::Ec2, "AttachInternetGateway", &input).await?;
    // AWS names the attachment after the stack: "IGW|vpc-…".
    Ok(Created::id(format!("IGW|{}", input.vpc_id)))
}

/// Detach the gateway. While the VPC still has public addresses mapped (an Elastic IP or NAT
/// gateway deleted beside it, still letting go), EC2 answers DependencyViolation: retried, as
/// CloudFormation retries dependencies that settle, for up to a minute.
pub async fn detach_gateway(cx: &Cx, p: Props<'_>) -> Result<(), String> {
    let input = GatewayAttachment { internet_gateway_id: p.req("InternetGatewayId")?, vpc_id: p.req("VpcId")? };
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        match gone(cx.call(Peer::Ec2, "DetachInternetGateway", &input).await) {
            Err(e) if e.contains("DependencyViolation") && tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            }
            other => return other,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateRouteTable {
    vpc_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tag_specifications: Vec<TagSpecification>,
}

pub async fn create_route_table(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateRouteTable { vpc_id: p.req("VpcId")?, tag_specifications: tag_specs(cx, p, "route-table") };
    let out = cx.call(Peer::Ec2, "CreateRouteTable", &input).await?;
    let id = field(&out, "/RouteTable/RouteTableId", "CreateRouteTable")?;
    Ok(Created::id(id.clone()).attr("RouteTableId", id))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RouteTableId<'a> {
    route_table_id: &'a str,
}

pub async fn delete_route_table(cx: &Cx, id: &str) -> Result<(), String> {
    gone(cx.call(Peer::Ec2, "DeleteRouteTable", &RouteTableId { route_table_id: id }).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Route {
    route_table_id: String,
    destination_cidr_block: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    gateway_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nat_gateway_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    instance_id: Option<String>,
}

pub async fn create_route(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = Route {
        route_table_id: p.req("RouteTableId")?,
        destination_cidr_block: p.req("DestinationCidrBlock")?,
        gateway_id: p.str("GatewayId"),
        nat_gateway_id: p.str("NatGatewayId"),
        instance_id: p.str("InstanceId"),
    };
    cx.call(Peer::Ec2, "CreateRoute", &input).await?;
    Ok(Created::id(format!("{}|{}", input.route_table_id, input.destination_cidr_block)))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DeleteRoute {
    route_table_id: String,
    destination_cidr_block: String,
}

pub async fn delete_route(cx: &Cx, p: Props<'_>) -> Result<(), String> {
    let input =
        DeleteRoute { route_table_id: p.req("RouteTableId")?, destination_cidr_block: p.req("DestinationCidrBlock")? };
    gone(cx.call(Peer::Ec2, "DeleteRoute", &input).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AssociateRouteTable {
    route_table_id: String,
    subnet_id: String,
}

pub async fn associate_route_table(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = AssociateRouteTable { route_table_id: p.req("RouteTableId")?, subnet_id: p.req("SubnetId")? };
    let out = cx.call(Peer::Ec2, "AssociateRouteTable", &input).await?;
    let id = field(&out, "/AssociationId", "AssociateRouteTable")?;
    Ok(Created::id(id.clone()).attr("Id", id))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AssociationId<'a> {
    association_id: &'a str,
}

pub async fn disassociate_route_table(cx: &Cx, id: &str) -> Result<(), String> {
    gone(cx.call(Peer::Ec2, "DisassociateRouteTable", &AssociationId { association_id: id }).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AllocateAddress {
    domain: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tag_specifications: Vec<TagSpecification>,
}

pub async fn allocate_address(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = AllocateAddress { domain: "vpc".into(), tag_specifications: tag_specs(cx, p, "elastic-ip") };
    let out = cx.call(Peer::Ec2, "AllocateAddress", &input).await?;
    let ip = field(&out, "/PublicIp", "AllocateAddress")?;
    let alloc = field(&out, "/AllocationId", "AllocateAddress")?;
    if let Some(instance) = p.str("InstanceId") {
        #[derive(Serialize)]
        #[serde(rename_all = "PascalCase")]
        struct Associate {
            allocation_id: String,
            instance_id: String,
        }
        let assoc = Associate { allocation_id: alloc.clone(), instance_id: instance };
        if let Err(e) = cx.call(Peer::Ec2, "AssociateAddress", &assoc).await {
            let _ = cx.call(Peer::Ec2, "ReleaseAddress", &AllocationId { allocation_id: &alloc }).await;
            return Err(e);
        }
    }
    Ok(Created::id(ip.clone()).attr("AllocationId", alloc).attr("PublicIp", ip))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AllocationId<'a> {
    allocation_id: &'a str,
}

pub async fn release_address(cx: &Cx, attrs: &Map<String, Value>) -> Result<(), String> {
    let alloc = attrs.get("AllocationId").and_then(Value::as_str).unwrap_or_default();
    gone(cx.call(Peer::Ec2, "ReleaseAddress", &AllocationId { allocation_id: alloc }).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateNatGateway {
    subnet_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    allocation_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    connectivity_type: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tag_specifications: Vec<TagSpecification>,
}

pub async fn create_nat_gateway(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateNatGateway {
        subnet_id: p.req("SubnetId")?,
        allocation_id: p.str("AllocationId"),
        connectivity_type: p.str("ConnectivityType"),
        tag_specifications: tag_specs(cx, p, "natgateway"),
    };
    let out = cx.call(Peer::Ec2, "CreateNatGateway", &input).await?;
    let id = field(&out, "/NatGateway/NatGatewayId", "CreateNatGateway")?;
    cx.exists(&id);
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Describe<'a> {
        nat_gateway_ids: [&'a str; 1],
    }
    cx.wait_for("the NAT gateway to be available", Duration::from_secs(300), || async {
        let d = cx.call(Peer::Ec2, "DescribeNatGateways", &Describe { nat_gateway_ids: [&id] }).await?;
        match d.pointer("/NatGateways/0/State").and_then(Value::as_str) {
            Some("available") => Ok(Some(())),
            Some("failed") => Err(format!("NAT gateway {id} failed")),
            _ => Ok(None),
        }
    })
    .await?;
    Ok(Created::id(id.clone()).attr("NatGatewayId", id))
}

pub async fn delete_nat_gateway(cx: &Cx, id: &str) -> Result<(), String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct NatGatewayId<'a> {
        nat_gateway_id: &'a str,
    }
    gone(cx.call(Peer::Ec2, "DeleteNatGateway", &NatGatewayId { nat_gateway_id: id }).await)
}

// ---- security groups ------------------------------------------------------------------------

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateSecurityGroup {
    group_name: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    vpc_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tag_specifications: Vec<TagSpecification>,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "PascalCase")]
struct IpPermission {
    ip_protocol: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    from_port: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to_port: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ip_ranges: Vec<IpRange>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ipv6_ranges: Vec<Ipv6Range>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    user_id_group_pairs: Vec<GroupPair>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct IpRange {
    cidr_ip: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Ipv6Range {
    cidr_ipv6: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct GroupPair {
    group_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AuthorizeRules {
    group_id: String,
    ip_permissions: Vec<IpPermission>,
}

/// One rule of SecurityGroupIngress / SecurityGroupEgress as an EC2 permission.
fn permission(rule: Props<'_>, egress: bool) -> Result<IpPermission, String> {
    let protocol = rule.req("IpProtocol")?;
    let description = rule.str("Description");
    let mut perm = IpPermission {
        ip_protocol: protocol,
        from_port: rule.int("FromPort")?,
        to_port: rule.int("ToPort")?,
        ..Default::default()
    };
    if let Some(c) = rule.str("CidrIp") {
        perm.ip_ranges.push(IpRange { cidr_ip: c, description: description.clone() });
    }
    if let Some(c) = rule.str("CidrIpv6") {
        perm.ipv6_ranges.push(Ipv6Range { cidr_ipv6: c, description: description.clone() });
    }
    let group = if egress { rule.str("DestinationSecurityGroupId") } else { rule.str("SourceSecurityGroupId") };
    if let Some(g) = group {
        perm.user_id_group_pairs.push(GroupPair { group_id: g, description });
    }
    Ok(perm)
}

pub async fn create_security_group(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateSecurityGroup {
        group_name: p.str("GroupName").unwrap_or_else(|| cx.generated_name(255)),
        description: p.req("GroupDescription")?,
        vpc_id: p.str("VpcId"),
        tag_specifications: tag_specs(cx, p, "security-group"),
    };
    let out = cx.call(Peer::Ec2, "CreateSecurityGroup", &input).await?;
    let id = field(&out, "/GroupId", "CreateSecurityGroup")?;
    let rules = async {
        let ingress: Vec<IpPermission> =
            p.objects("SecurityGroupIngress").into_iter().map(|r| permission(r, false)).collect::<Result<_, _>>()?;
        if !ingress.is_empty() {
            let a = AuthorizeRules { group_id: id.clone(), ip_permissions: ingress };
            cx.call(Peer::Ec2, "AuthorizeSecurityGroupIngress", &a).await?;
        }
        let egress: Vec<IpPermission> =
            p.objects("SecurityGroupEgress").into_iter().map(|r| permission(r, true)).collect::<Result<_, _>>()?;
        if !egress.is_empty() {
            let a = AuthorizeRules { group_id: id.clone(), ip_permissions: egress };
            cx.call(Peer::Ec2, "AuthorizeSecurityGroupEgress", &a).await?;
        }
        Ok::<(), String>(())
    };
    if let Err(e) = rules.await {
        let _ = delete_security_group(cx, &id).await;
        return Err(e);
    }
    // The group's VPC (the default VPC when the template names none), for GetAtt VpcId.
    let vpc = match input.vpc_id {
        Some(v) => Value::String(v),
        None => {
            #[derive(Serialize)]
            #[serde(rename_all = "PascalCase")]
            struct GroupIds<'a> {
                group_ids: [&'a str; 1],
            }
            let d = cx.call(Peer::Ec2, "DescribeSecurityGroups", &GroupIds { group_ids: [&id] }).await?;
            d.pointer("/SecurityGroups/0/VpcId").cloned().unwrap_or(Value::Null)
        }
    };
    Ok(Created::id(id.clone()).attr("GroupId", id).attr("GroupName", input.group_name).attr("VpcId", vpc))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct GroupId<'a> {
    group_id: &'a str,
}

pub async fn delete_security_group(cx: &Cx, id: &str) -> Result<(), String> {
    gone(cx.call(Peer::Ec2, "DeleteSecurityGroup", &GroupId { group_id: id }).await)
}

// ---- launch templates and instances ---------------------------------------------------------

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateLaunchTemplate {
    launch_template_name: String,
    launch_template_data: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    version_description: Option<String>,
}

pub async fn create_launch_template(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateLaunchTemplate {
        launch_template_name: p.str("LaunchTemplateName").unwrap_or_else(|| cx.generated_name(128)),
        // The template's LaunchTemplateData has EC2's own member names already.
        launch_template_data: p.get("LaunchTemplateData").cloned().unwrap_or(Value::Object(Map::new())),
        version_description: p.str("VersionDescription"),
    };
    let out = cx.call(Peer::Ec2, "CreateLaunchTemplate", &input).await?;
    let id = field(&out, "/LaunchTemplate/LaunchTemplateId", "CreateLaunchTemplate")?;
    let version = |k: &str| {
        out.pointer(&format!("/LaunchTemplate/{k}"))
            .map(|v| Value::String(crate::template::eval::scalar_text(v)))
            .unwrap_or(Value::String("1".into()))
    };
    Ok(Created::id(id.clone())
        .attr("LaunchTemplateId", id)
        .attr("LatestVersionNumber", version("LatestVersionNumber"))
        .attr("DefaultVersionNumber", version("DefaultVersionNumber")))
}

pub async fn delete_launch_template(cx: &Cx, id: &str) -> Result<(), String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct LaunchTemplateId<'a> {
        launch_template_id: &'a str,
    }
    gone(cx.call(Peer::Ec2, "DeleteLaunchTemplate", &LaunchTemplateId { launch_template_id: id }).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RunInstances {
    image_id: String,
    instance_type: String,
    min_count: i64,
    max_count: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subnet_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    security_group_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    private_ip_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    placement: Option<Placement>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tag_specifications: Vec<TagSpecification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    iam_instance_profile: Option<ProfileName>,
}

/// AWS::EC2::Instance's IamInstanceProfile is the profile's name.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ProfileName {
    name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Placement {
    availability_zone: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct InstanceIds<'a> {
    instance_ids: [&'a str; 1],
}

pub async fn run_instance(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = RunInstances {
        image_id: p.req("ImageId")?,
        instance_type: p.str("InstanceType").unwrap_or_else(|| "m1.small".into()),
        min_count: 1,
        max_count: 1,
        key_name: p.str("KeyName"),
        subnet_id: p.str("SubnetId"),
        security_group_ids: p.strings("SecurityGroupIds"),
        user_data: p.str("UserData"),
        private_ip_address: p.str("PrivateIpAddress"),
        placement: p.str("AvailabilityZone").map(|z| Placement { availability_zone: z }),
        tag_specifications: tag_specs(cx, p, "instance"),
        iam_instance_profile: p.str("IamInstanceProfile").map(|name| ProfileName { name }),
    };
    let out = cx.call(Peer::Ec2, "RunInstances", &input).await?;
    let id = field(&out, "/Instances/0/InstanceId", "RunInstances")?;
    cx.exists(&id);
    // CloudFormation reports an instance complete once it is running.
    let running = cx
        .wait_for("the instance to be running", Duration::from_secs(600), || async {
            let d = cx.call(Peer::Ec2, "DescribeInstances", &InstanceIds { instance_ids: [&id] }).await?;
            let i = d.pointer("/Reservations/0/Instances/0").cloned().unwrap_or(Value::Null);
            match i.pointer("/State/Name").and_then(Value::as_str) {
                Some("running") => Ok(Some(i)),
                Some("pending") | None => Ok(None),
                Some(other) => Err(format!("Instance {id} did not stabilize: it is {other}")),
            }
        })
        .await;
    let i = match running {
        Ok(i) => i,
        Err(e) => {
            let _ = terminate_instance(cx, &id).await;
            return Err(e);
        }
    };
    let get = |k: &str| i.get(k).cloned().unwrap_or(Value::String(String::new()));
    Ok(Created::id(id.clone())
        .attr("InstanceId", id)
        .attr("PrivateIp", get("PrivateIpAddress"))
        .attr("PublicIp", get("PublicIpAddress"))
        .attr("PrivateDnsName", get("PrivateDnsName"))
        .attr("PublicDnsName", get("PublicDnsName"))
        .attr("AvailabilityZone", i.pointer("/Placement/AvailabilityZone").cloned().unwrap_or(Value::Null)))
}

pub async fn terminate_instance(cx: &Cx, id: &str) -> Result<(), String> {
    gone(cx.call(Peer::Ec2, "TerminateInstances", &InstanceIds { instance_ids: [id] }).await)?;
    cx.wait_for("the instance to terminate", Duration::from_secs(300), || async {
        let d = match cx.call(Peer::Ec2, "DescribeInstances", &InstanceIds { instance_ids: [id] }).await {
            Ok(d) => d,
            Err(e) if e.contains("NotFound") => return Ok(Some(())),
            Err(e) => return Err(e),
        };
        match d.pointer("/Reservations/0/Instances/0/State/Name").and_then(Value::as_str) {
            Some("terminated") | None => Ok(Some(())),
            _ => Ok(None),
        }
    })
    .await
}

/// An in-place update of a security group's rules: revoke what the old properties granted and
/// the new do not, authorise what is new.
pub async fn replace_rules(cx: &Cx, group_id: &str, old: Props<'_>, new: Props<'_>) -> Result<(), String> {
    for (key, egress) in [("SecurityGroupIngress", false), ("SecurityGroupEgress", true)] {
        let before: Vec<Value> = old
            .objects(key)
            .into_iter()
            .map(|r| permission(r, egress).and_then(|p| serde_json::to_value(p).map_err(|e| e.to_string())))
            .collect::<Result<_, _>>()?;
        let after: Vec<Value> = new
            .objects(key)
            .into_iter()
            .map(|r| permission(r, egress).and_then(|p| serde_json::to_value(p).map_err(|e| e.to_string())))
            .collect::<Result<_, _>>()?;
        let revoke: Vec<Value> = before.iter().filter(|p| !after.contains(p)).cloned().collect();
        let grant: Vec<Value> = after.iter().filter(|p| !before.contains(p)).cloned().collect();
        #[derive(Serialize)]
        #[serde(rename_all = "PascalCase")]
        struct Rules<'a> {
            group_id: &'a str,
            ip_permissions: Vec<Value>,
        }
        let (revoke_op, grant_op) = if egress {
            ("RevokeSecurityGroupEgress", "AuthorizeSecurityGroupEgress")
        } else {
            ("RevokeSecurityGroupIngress", "AuthorizeSecurityGroupIngress")
        };
        if !revoke.is_empty() {
            cx.call(Peer::Ec2, revoke_op, &Rules { group_id, ip_permissions: revoke }).await?;
        }
        if !grant.is_empty() {
            cx.call(Peer::Ec2, grant_op, &Rules { group_id, ip_permissions: grant }).await?;
        }
    }
    Ok(())
}

/// An in-place update of a launch template: a new version with the new data, made the
/// default. Its version number.
pub async fn new_launch_template_version(cx: &Cx, id: &str, p: Props<'_>) -> Result<String, String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct CreateVersion<'a> {
        launch_template_id: &'a str,
        launch_template_data: Value,
        #[serde(skip_serializing_if = "Option::is_none")]
        version_description: Option<String>,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Modify<'a> {
        launch_template_id: &'a str,
        default_version: &'a str,
    }
    let input = CreateVersion {
        launch_template_id: id,
        launch_template_data: p.get("LaunchTemplateData").cloned().unwrap_or(Value::Object(Map::new())),
        version_description: p.str("VersionDescription"),
    };
    let out = cx.call(Peer::Ec2, "CreateLaunchTemplateVersion", &input).await?;
    let version = out
        .pointer("/LaunchTemplateVersion/VersionNumber")
        .map(crate::template::eval::scalar_text)
        .ok_or("CreateLaunchTemplateVersion answered no VersionNumber")?;
    cx.call(Peer::Ec2, "ModifyLaunchTemplate", &Modify { launch_template_id: id, default_version: &version }).await?;
    Ok(version)
}

// ---- standalone rules, address associations, key pairs, volumes ---------------------------

/// AWS::EC2::SecurityGroupIngress / SecurityGroupEgress: one rule on an existing group.
pub async fn create_rule(cx: &Cx, p: Props<'_>, egress: bool) -> Result<Created, String> {
    let group_id = p.req("GroupId")?;
    let input = AuthorizeRules { group_id: group_id.clone(), ip_permissions: vec![permission(p, egress)?] };
    let op = if egress { "AuthorizeSecurityGroupEgress" } else { "AuthorizeSecurityGroupIngress" };
    let out = cx.call(Peer::Ec2, op, &input).await?;
    let id = out
        .pointer("/SecurityGroupRules/0/SecurityGroupRuleId")
        .and_then(Value::as_str)
        .map(String::from)
        .unwrap_or_else(|| format!("{group_id}|{}", cx.logical_id));
    Ok(Created::id(id.clone()).attr("Id", id))
}

pub async fn delete_rule(cx: &Cx, p: Props<'_>, egress: bool) -> Result<(), String> {
    let input = AuthorizeRules { group_id: p.req("GroupId")?, ip_permissions: vec![permission(p, egress)?] };
    let op = if egress { "RevokeSecurityGroupEgress" } else { "RevokeSecurityGroupIngress" };
    gone(cx.call(Peer::Ec2, op, &input).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AssociateAddress {
    #[serde(skip_serializing_if = "Option::is_none")]
    allocation_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    instance_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    network_interface_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    private_ip_address: Option<String>,
}

pub async fn associate_address(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = AssociateAddress {
        allocation_id: p.str("AllocationId"),
        public_ip: p.str("EIP"),
        instance_id: p.str("InstanceId"),
        network_interface_id: p.str("NetworkInterfaceId"),
        private_ip_address: p.str("PrivateIpAddress"),
    };
    let out = cx.call(Peer::Ec2, "AssociateAddress", &input).await?;
    let id = field(&out, "/AssociationId", "AssociateAddress")?;
    Ok(Created::id(id))
}

pub async fn disassociate_address(cx: &Cx, id: &str) -> Result<(), String> {
    gone(cx.call(Peer::Ec2, "DisassociateAddress", &AssociationId { association_id: id }).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct KeyPair {
    key_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_key_material: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_type: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tag_specifications: Vec<TagSpecification>,
}

pub async fn create_key_pair(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let material = p.str("PublicKeyMaterial");
    let input = KeyPair {
        key_name: p.req("KeyName")?,
        // ImportKeyPair takes the key as a blob: base64 of the text.
        public_key_material: material.map(|m| {
            use base64::Engine as _;
            base64::engine::general_purpose::STANDARD.encode(m)
        }),
        key_type: if p.str("PublicKeyMaterial").is_some() { None } else { p.str("KeyType") },
        tag_specifications: tag_specs(cx, p, "key-pair"),
    };
    let op = if input.public_key_material.is_some() { "ImportKeyPair" } else { "CreateKeyPair" };
    let out = cx.call(Peer::Ec2, op, &input).await?;
    let get = |k: &str| out.get(k).cloned().unwrap_or(Value::Null);
    Ok(Created::id(input.key_name.clone())
        .attr("KeyPairId", get("KeyPairId"))
        .attr("KeyFingerprint", get("KeyFingerprint")))
}

pub async fn delete_key_pair(cx: &Cx, name: &str) -> Result<(), String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct KeyName<'a> {
        key_name: &'a str,
    }
    gone(cx.call(Peer::Ec2, "DeleteKeyPair", &KeyName { key_name: name }).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateVolume {
    availability_zone: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshot_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    volume_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    iops: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encrypted: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tag_specifications: Vec<TagSpecification>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct VolumeIds<'a> {
    volume_ids: [&'a str; 1],
}

async fn volume_state(cx: &Cx, id: &str) -> Result<Option<String>, String> {
    match cx.call(Peer::Ec2, "DescribeVolumes", &VolumeIds { volume_ids: [id] }).await {
        Ok(d) => Ok(d.pointer("/Volumes/0/State").and_then(Value::as_str).map(String::from)),
        Err(e) if e.contains("NotFound") => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn create_volume(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateVolume {
        availability_zone: p.req("AvailabilityZone")?,
        size: p.int("Size")?,
        snapshot_id: p.str("SnapshotId"),
        volume_type: p.str("VolumeType"),
        iops: p.int("Iops")?,
        encrypted: p.bool("Encrypted")?,
        tag_specifications: tag_specs(cx, p, "volume"),
    };
    let out = cx.call(Peer::Ec2, "CreateVolume", &input).await?;
    let id = field(&out, "/VolumeId", "CreateVolume")?;
    cx.exists(&id);
    cx.wait_for("the volume to be available", Duration::from_secs(600), || async {
        match volume_state(cx, &id).await?.as_deref() {
            Some("available") => Ok(Some(())),
            Some("error") => Err(format!("Volume {id} failed")),
            _ => Ok(None),
        }
    })
    .await?;
    Ok(Created::id(id.clone()).attr("VolumeId", id))
}

pub async fn delete_volume(cx: &Cx, id: &str) -> Result<(), String> {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct VolumeId<'a> {
        volume_id: &'a str,
    }
    gone(cx.call(Peer::Ec2, "DeleteVolume", &VolumeId { volume_id: id }).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Attachment {
    device: String,
    instance_id: String,
    volume_id: String,
}

pub async fn attach_volume(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input =
        Attachment { device: p.req("Device")?, instance_id: p.req("InstanceId")?, volume_id: p.req("VolumeId")? };
    cx.call(Peer::Ec2, "AttachVolume", &input).await?;
    let volume = input.volume_id.clone();
    cx.wait_for("the volume to be attached", Duration::from_secs(300), || async {
        Ok((volume_state(cx, &volume).await?.as_deref() == Some("in-use")).then_some(()))
    })
    .await?;
    Ok(Created::id(format!("{}|{}", input.volume_id, input.instance_id)))
}

pub async fn detach_volume(cx: &Cx, p: Props<'_>) -> Result<(), String> {
    let input =
        Attachment { device: p.req("Device")?, instance_id: p.req("InstanceId")?, volume_id: p.req("VolumeId")? };
    gone(cx.call(Peer::Ec2, "DetachVolume", &input).await)?;
    let volume = input.volume_id.clone();
    cx.wait_for("the volume to be detached", Duration::from_secs(300), || async {
        Ok((!matches!(volume_state(cx, &volume).await?.as_deref(), Some("in-use" | "detaching"))).then_some(()))
    })
    .await
}
