//! AWS::EC2::DHCPOptions, AWS::EC2::VPCDHCPOptionsAssociation, AWS::EC2::NetworkInterface and
//! AWS::EC2::NetworkInterfaceAttachment, through EC2's typed client.

use api::ec2::{
    AssociateDhcpOptionsRequest, AttachNetworkInterfaceRequest, AttributeBooleanValue, CreateDhcpOptionsRequest,
    CreateNetworkInterfaceRequest, DeleteDhcpOptionsRequest, DeleteNetworkInterfaceRequest,
    DetachNetworkInterfaceRequest, ModifyNetworkInterfaceAttributeRequest, NetworkInterfaceAttachmentChanges,
    NewDhcpConfiguration, ResourceType, Tag, TagSpecification,
};

use super::{gone, refusal, Created, Cx, Props};
use crate::Peer;

/// The stack's and the resource's tags as one EC2 tag specification.
pub(super) fn tag_specs(cx: &Cx, p: Props<'_>, resource_type: ResourceType) -> Option<Vec<TagSpecification>> {
    let tags: Vec<Tag> = cx.tags(p).into_iter().map(|t| Tag { key: Some(t.key), value: Some(t.value) }).collect();
    (!tags.is_empty()).then(|| vec![TagSpecification { resource_type: Some(resource_type), tags: Some(tags) }])
}

pub(super) fn ec2_err(e: wire::ApiError) -> String {
    refusal(Peer::Ec2, e)
}

/// The template's option properties and the DHCP option each sets.
const DHCP_OPTIONS: &[(&str, &str)] = &[
    ("DomainName", "domain-name"),
    ("DomainNameServers", "domain-name-servers"),
    ("NtpServers", "ntp-servers"),
    ("NetbiosNameServers", "netbios-name-servers"),
    ("NetbiosNodeType", "netbios-node-type"),
    ("Ipv6AddressPreferredLeaseTime", "ipv6-address-preferred-lease-time"),
];

/// AWS::EC2::DHCPOptions (Ref and GetAtt DhcpOptionsId: the set's id).
pub async fn create_dhcp_options(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let dhcp_configurations: Vec<NewDhcpConfiguration> = DHCP_OPTIONS
        .iter()
        .filter_map(|(prop, key)| {
            p.list(prop).map(|values| NewDhcpConfiguration { key: Some((*key).into()), values: Some(values) })
        })
        .collect();
    if dhcp_configurations.is_empty() {
        return Err("At least one of DomainName, DomainNameServers, NtpServers, NetbiosNameServers, \
                    NetbiosNodeType or Ipv6AddressPreferredLeaseTime must be specified"
            .into());
    }
    let input = CreateDhcpOptionsRequest {
        dhcp_configurations,
        tag_specifications: tag_specs(cx, p, ResourceType::DhcpOptions),
        ..Default::default()
    };
    let out = cx.ec2()?.create_dhcp_options(input).await.map_err(ec2_err)?;
    let id = out.dhcp_options.and_then(|d| d.dhcp_options_id).ok_or("CreateDhcpOptions answered no DhcpOptionsId")?;
    Ok(Created::id(id.clone()).attr("DhcpOptionsId", id))
}

pub async fn delete_dhcp_options(cx: &Cx, id: &str) -> Result<(), String> {
    let input = DeleteDhcpOptionsRequest { dhcp_options_id: id.into(), ..Default::default() };
    gone(cx.ec2()?.delete_dhcp_options(input).await.map_err(ec2_err))
}

/// AWS::EC2::VPCDHCPOptionsAssociation (Ref: an id of the association's own).
pub async fn associate_dhcp_options(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = AssociateDhcpOptionsRequest {
        dhcp_options_id: p.req("DhcpOptionsId")?,
        vpc_id: p.req("VpcId")?,
        ..Default::default()
    };
    let physical = format!("{}-{}", input.dhcp_options_id, input.vpc_id);
    cx.ec2()?.associate_dhcp_options(input).await.map_err(ec2_err)?;
    Ok(Created::id(physical))
}

/// The association goes: the VPC is left with no option set (`default`), as CloudFormation
/// leaves it.
pub async fn disassociate_dhcp_options(cx: &Cx, p: Props<'_>) -> Result<(), String> {
    let input = AssociateDhcpOptionsRequest {
        dhcp_options_id: "default".into(),
        vpc_id: p.req("VpcId")?,
        ..Default::default()
    };
    gone(cx.ec2()?.associate_dhcp_options(input).await.map_err(ec2_err))
}

/// AWS::EC2::NetworkInterface (Ref and GetAtt Id: the interface's id; GetAtt
/// PrimaryPrivateIpAddress, SecondaryPrivateIpAddresses).
pub async fn create_network_interface(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateNetworkInterfaceRequest {
        subnet_id: p.req("SubnetId")?,
        description: p.str("Description"),
        groups: p.list("GroupSet"),
        private_ip_address: p.str("PrivateIpAddress"),
        tag_specifications: tag_specs(cx, p, ResourceType::NetworkInterface),
        ..Default::default()
    };
    let client = cx.ec2()?;
    let out = client.create_network_interface(input).await.map_err(ec2_err)?;
    let eni = out.network_interface.unwrap_or_default();
    let id = eni.network_interface_id.ok_or("CreateNetworkInterface answered no NetworkInterfaceId")?;
    cx.exists(&id);
    if let Some(check) = p.bool("SourceDestCheck")? {
        let modify = ModifyNetworkInterfaceAttributeRequest {
            network_interface_id: id.clone(),
            source_dest_check: Some(AttributeBooleanValue { value: Some(check) }),
            ..Default::default()
        };
        client.modify_network_interface_attribute(modify).await.map_err(ec2_err)?;
    }
    Ok(Created::id(id.clone())
        .attr("Id", id)
        .attr("PrimaryPrivateIpAddress", eni.private_ip_address.unwrap_or_default())
        .attr("SecondaryPrivateIpAddresses", serde_json::json!([])))
}

pub async fn delete_network_interface(cx: &Cx, id: &str) -> Result<(), String> {
    let input = DeleteNetworkInterfaceRequest { network_interface_id: id.into(), ..Default::default() };
    gone(cx.ec2()?.delete_network_interface(input).await.map_err(ec2_err))
}

/// AWS::EC2::NetworkInterfaceAttachment (Ref: the attachment id). CloudFormation's
/// DeleteOnTermination defaults to true.
pub async fn attach_network_interface(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let network_interface_id = p.req("NetworkInterfaceId")?;
    let input = AttachNetworkInterfaceRequest {
        device_index: p.int32("DeviceIndex")?.ok_or("Property DeviceIndex cannot be empty.")?,
        instance_id: p.req("InstanceId")?,
        network_interface_id: network_interface_id.clone(),
        ..Default::default()
    };
    let client = cx.ec2()?;
    let out = client.attach_network_interface(input).await.map_err(ec2_err)?;
    let attachment_id = out.attachment_id.ok_or("AttachNetworkInterface answered no AttachmentId")?;
    cx.exists(&attachment_id);
    let modify = ModifyNetworkInterfaceAttributeRequest {
        network_interface_id,
        attachment: Some(NetworkInterfaceAttachmentChanges {
            attachment_id: Some(attachment_id.clone()),
            delete_on_termination: Some(p.bool("DeleteOnTermination")?.unwrap_or(true)),
            ..Default::default()
        }),
        ..Default::default()
    };
    client.modify_network_interface_attribute(modify).await.map_err(ec2_err)?;
    Ok(Created::id(attachment_id))
}

pub async fn detach_network_interface(cx: &Cx, attachment_id: &str) -> Result<(), String> {
    let input = DetachNetworkInterfaceRequest { attachment_id: attachment_id.into(), ..Default::default() };
    gone(cx.ec2()?.detach_network_interface(input).await.map_err(ec2_err))
}
