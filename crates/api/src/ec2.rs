//! `ec2`: typed inputs, outputs, the `Operation` enum and the `Client`, generated
//! by `tools/gen_types.py` from `crates/wire/models/ec2.json` for the operations
//! listed in `tools/typed_operations.json`. Do not edit: re-run the generator.
#![allow(clippy::large_enum_variant, clippy::enum_variant_names, non_camel_case_types)]

#[allow(unused_imports)]
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
#[allow(unused_imports)]
use serde_json::Value;
#[allow(unused_imports)]
use wire::typed::Timestamp;
use wire::ApiError;

/// `AddPrefixListEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddPrefixListEntry {
    #[serde(rename = "Cidr")]
    pub cidr: String,
    #[serde(rename = "Description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

wire::string_enum! {
    /// `AmdSevSnpSpecification`: one of the model's values, or one it does not name.
    AmdSevSnpSpecification {
        Enabled = "enabled",
        Disabled = "disabled",
    }
}

wire::string_enum! {
    /// `ArchitectureValues`: one of the model's values, or one it does not name.
    ArchitectureValues {
        I386 = "i386",
        X8664 = "x86_64",
        Arm64 = "arm64",
        X8664Mac = "x86_64_mac",
        Arm64Mac = "arm64_mac",
    }
}

/// `AssociateDhcpOptionsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssociateDhcpOptionsRequest {
    #[serde(rename = "DhcpOptionsId")]
    pub dhcp_options_id: String,
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "VpcId")]
    pub vpc_id: String,
}

/// `AttachNetworkInterfaceRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AttachNetworkInterfaceRequest {
    #[serde(rename = "DeviceIndex")]
    pub device_index: i32,
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "EnaQueueCount", default, skip_serializing_if = "Option::is_none")]
    pub ena_queue_count: Option<i32>,
    #[serde(rename = "EnaSrdSpecification", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_specification: Option<EnaSrdSpecification>,
    #[serde(rename = "InstanceId")]
    pub instance_id: String,
    #[serde(rename = "NetworkCardIndex", default, skip_serializing_if = "Option::is_none")]
    pub network_card_index: Option<i32>,
    #[serde(rename = "NetworkInterfaceId")]
    pub network_interface_id: String,
}

/// `AttachNetworkInterfaceResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AttachNetworkInterfaceResult {
    #[serde(rename = "AttachmentId", default, skip_serializing_if = "Option::is_none")]
    pub attachment_id: Option<String>,
    #[serde(rename = "NetworkCardIndex", default, skip_serializing_if = "Option::is_none")]
    pub network_card_index: Option<i32>,
}

/// `AttachmentEnaSrdSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AttachmentEnaSrdSpecification {
    #[serde(rename = "EnaSrdEnabled", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_enabled: Option<bool>,
    #[serde(rename = "EnaSrdUdpSpecification", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_udp_specification: Option<AttachmentEnaSrdUdpSpecification>,
}

/// `AttachmentEnaSrdUdpSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AttachmentEnaSrdUdpSpecification {
    #[serde(rename = "EnaSrdUdpEnabled", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_udp_enabled: Option<bool>,
}

wire::string_enum! {
    /// `AttachmentStatus`: one of the model's values, or one it does not name.
    AttachmentStatus {
        Attaching = "attaching",
        Attached = "attached",
        Detaching = "detaching",
        Detached = "detached",
    }
}

/// `AttributeBooleanValue`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AttributeBooleanValue {
    #[serde(rename = "Value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<bool>,
}

/// `AttributeValue`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AttributeValue {
    #[serde(rename = "Value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// `BlockDeviceMapping`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BlockDeviceMapping {
    #[serde(rename = "DeviceName", default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    #[serde(rename = "Ebs", default, skip_serializing_if = "Option::is_none")]
    pub ebs: Option<EbsBlockDevice>,
    #[serde(rename = "NoDevice", default, skip_serializing_if = "Option::is_none")]
    pub no_device: Option<String>,
    #[serde(rename = "VirtualName", default, skip_serializing_if = "Option::is_none")]
    pub virtual_name: Option<String>,
}

wire::string_enum! {
    /// `BlockPublicAccessMode`: one of the model's values, or one it does not name.
    BlockPublicAccessMode {
        Off = "off",
        BlockBidirectional = "block-bidirectional",
        BlockIngress = "block-ingress",
    }
}

/// `BlockPublicAccessStates`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BlockPublicAccessStates {
    #[serde(rename = "InternetGatewayBlockMode", default, skip_serializing_if = "Option::is_none")]
    pub internet_gateway_block_mode: Option<BlockPublicAccessMode>,
}

wire::string_enum! {
    /// `BootModeValues`: one of the model's values, or one it does not name.
    BootModeValues {
        LegacyBios = "legacy-bios",
        Uefi = "uefi",
        UefiPreferred = "uefi-preferred",
    }
}

wire::string_enum! {
    /// `CapacityReservationPreference`: one of the model's values, or one it does not name.
    CapacityReservationPreference {
        CapacityReservationsOnly = "capacity-reservations-only",
        Open = "open",
        None = "none",
    }
}

/// `CapacityReservationSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CapacityReservationSpecification {
    #[serde(rename = "CapacityReservationPreference", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_preference: Option<CapacityReservationPreference>,
    #[serde(rename = "CapacityReservationTarget", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_target: Option<CapacityReservationTarget>,
}

/// `CapacityReservationSpecificationResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CapacityReservationSpecificationResponse {
    #[serde(rename = "CapacityReservationPreference", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_preference: Option<CapacityReservationPreference>,
    #[serde(rename = "CapacityReservationTarget", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_target: Option<CapacityReservationTargetResponse>,
}

/// `CapacityReservationTarget`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CapacityReservationTarget {
    #[serde(rename = "CapacityReservationId", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_id: Option<String>,
    #[serde(rename = "CapacityReservationResourceGroupArn", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_resource_group_arn: Option<String>,
}

/// `CapacityReservationTargetResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CapacityReservationTargetResponse {
    #[serde(rename = "CapacityReservationId", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_id: Option<String>,
    #[serde(rename = "CapacityReservationResourceGroupArn", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_resource_group_arn: Option<String>,
}

/// `ConnectionTrackingConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectionTrackingConfiguration {
    #[serde(rename = "TcpEstablishedTimeout", default, skip_serializing_if = "Option::is_none")]
    pub tcp_established_timeout: Option<i32>,
    #[serde(rename = "UdpStreamTimeout", default, skip_serializing_if = "Option::is_none")]
    pub udp_stream_timeout: Option<i32>,
    #[serde(rename = "UdpTimeout", default, skip_serializing_if = "Option::is_none")]
    pub udp_timeout: Option<i32>,
}

/// `ConnectionTrackingSpecificationRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectionTrackingSpecificationRequest {
    #[serde(rename = "TcpEstablishedTimeout", default, skip_serializing_if = "Option::is_none")]
    pub tcp_established_timeout: Option<i32>,
    #[serde(rename = "UdpStreamTimeout", default, skip_serializing_if = "Option::is_none")]
    pub udp_stream_timeout: Option<i32>,
    #[serde(rename = "UdpTimeout", default, skip_serializing_if = "Option::is_none")]
    pub udp_timeout: Option<i32>,
}

/// `ConnectionTrackingSpecificationResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectionTrackingSpecificationResponse {
    #[serde(rename = "TcpEstablishedTimeout", default, skip_serializing_if = "Option::is_none")]
    pub tcp_established_timeout: Option<i32>,
    #[serde(rename = "UdpStreamTimeout", default, skip_serializing_if = "Option::is_none")]
    pub udp_stream_timeout: Option<i32>,
    #[serde(rename = "UdpTimeout", default, skip_serializing_if = "Option::is_none")]
    pub udp_timeout: Option<i32>,
}

/// `CpuOptions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CpuOptions {
    #[serde(rename = "AmdSevSnp", default, skip_serializing_if = "Option::is_none")]
    pub amd_sev_snp: Option<AmdSevSnpSpecification>,
    #[serde(rename = "CoreCount", default, skip_serializing_if = "Option::is_none")]
    pub core_count: Option<i32>,
    #[serde(rename = "NestedVirtualization", default, skip_serializing_if = "Option::is_none")]
    pub nested_virtualization: Option<NestedVirtualizationSpecification>,
    #[serde(rename = "ThreadsPerCore", default, skip_serializing_if = "Option::is_none")]
    pub threads_per_core: Option<i32>,
}

/// `CpuOptionsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CpuOptionsRequest {
    #[serde(rename = "AmdSevSnp", default, skip_serializing_if = "Option::is_none")]
    pub amd_sev_snp: Option<AmdSevSnpSpecification>,
    #[serde(rename = "CoreCount", default, skip_serializing_if = "Option::is_none")]
    pub core_count: Option<i32>,
    #[serde(rename = "NestedVirtualization", default, skip_serializing_if = "Option::is_none")]
    pub nested_virtualization: Option<NestedVirtualizationSpecification>,
    #[serde(rename = "ThreadsPerCore", default, skip_serializing_if = "Option::is_none")]
    pub threads_per_core: Option<i32>,
}

/// `CreateDhcpOptionsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateDhcpOptionsRequest {
    #[serde(rename = "DhcpConfigurations")]
    pub dhcp_configurations: Vec<NewDhcpConfiguration>,
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "TagSpecifications", default, skip_serializing_if = "Option::is_none")]
    pub tag_specifications: Option<Vec<TagSpecification>>,
}

/// `CreateDhcpOptionsResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateDhcpOptionsResult {
    #[serde(rename = "DhcpOptions", default, skip_serializing_if = "Option::is_none")]
    pub dhcp_options: Option<DhcpOptions>,
}

/// `CreateManagedPrefixListRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateManagedPrefixListRequest {
    #[serde(rename = "AddressFamily")]
    pub address_family: String,
    #[serde(rename = "ClientToken", default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "Entries", default, skip_serializing_if = "Option::is_none")]
    pub entries: Option<Vec<AddPrefixListEntry>>,
    #[serde(rename = "MaxEntries")]
    pub max_entries: i32,
    #[serde(rename = "PrefixListName")]
    pub prefix_list_name: String,
    #[serde(rename = "TagSpecifications", default, skip_serializing_if = "Option::is_none")]
    pub tag_specifications: Option<Vec<TagSpecification>>,
}

/// `CreateManagedPrefixListResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateManagedPrefixListResult {
    #[serde(rename = "PrefixList", default, skip_serializing_if = "Option::is_none")]
    pub prefix_list: Option<ManagedPrefixList>,
}

/// `CreateNetworkInterfaceRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateNetworkInterfaceRequest {
    #[serde(rename = "ClientToken", default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
    #[serde(rename = "ConnectionTrackingSpecification", default, skip_serializing_if = "Option::is_none")]
    pub connection_tracking_specification: Option<ConnectionTrackingSpecificationRequest>,
    #[serde(rename = "Description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "EnablePrimaryIpv6", default, skip_serializing_if = "Option::is_none")]
    pub enable_primary_ipv6: Option<bool>,
    #[serde(rename = "Groups", default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<String>>,
    #[serde(rename = "InterfaceType", default, skip_serializing_if = "Option::is_none")]
    pub interface_type: Option<NetworkInterfaceCreationType>,
    #[serde(rename = "Ipv4PrefixCount", default, skip_serializing_if = "Option::is_none")]
    pub ipv4_prefix_count: Option<i32>,
    #[serde(rename = "Ipv4Prefixes", default, skip_serializing_if = "Option::is_none")]
    pub ipv4_prefixes: Option<Vec<Ipv4PrefixSpecificationRequest>>,
    #[serde(rename = "Ipv6AddressCount", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_address_count: Option<i32>,
    #[serde(rename = "Ipv6Addresses", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_addresses: Option<Vec<InstanceIpv6Address>>,
    #[serde(rename = "Ipv6PrefixCount", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_prefix_count: Option<i32>,
    #[serde(rename = "Ipv6Prefixes", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_prefixes: Option<Vec<Ipv6PrefixSpecificationRequest>>,
    #[serde(rename = "Operator", default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<OperatorRequest>,
    #[serde(rename = "PrivateIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<String>,
    #[serde(rename = "PrivateIpAddresses", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_addresses: Option<Vec<PrivateIpAddressSpecification>>,
    #[serde(rename = "SecondaryPrivateIpAddressCount", default, skip_serializing_if = "Option::is_none")]
    pub secondary_private_ip_address_count: Option<i32>,
    #[serde(rename = "SubnetId")]
    pub subnet_id: String,
    #[serde(rename = "TagSpecifications", default, skip_serializing_if = "Option::is_none")]
    pub tag_specifications: Option<Vec<TagSpecification>>,
}

/// `CreateNetworkInterfaceResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateNetworkInterfaceResult {
    #[serde(rename = "ClientToken", default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
    #[serde(rename = "NetworkInterface", default, skip_serializing_if = "Option::is_none")]
    pub network_interface: Option<NetworkInterface>,
}

/// `CreateTagsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateTagsRequest {
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "Resources")]
    pub resources: Vec<String>,
    #[serde(rename = "Tags")]
    pub tags: Vec<Tag>,
}

/// `CreateVpcEndpointRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateVpcEndpointRequest {
    #[serde(rename = "ClientToken", default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
    #[serde(rename = "DnsOptions", default, skip_serializing_if = "Option::is_none")]
    pub dns_options: Option<DnsOptionsSpecification>,
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "IpAddressType", default, skip_serializing_if = "Option::is_none")]
    pub ip_address_type: Option<IpAddressType>,
    #[serde(rename = "PolicyDocument", default, skip_serializing_if = "Option::is_none")]
    pub policy_document: Option<String>,
    #[serde(rename = "PrivateDnsEnabled", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_enabled: Option<bool>,
    #[serde(rename = "ResourceConfigurationArn", default, skip_serializing_if = "Option::is_none")]
    pub resource_configuration_arn: Option<String>,
    #[serde(rename = "RouteTableIds", default, skip_serializing_if = "Option::is_none")]
    pub route_table_ids: Option<Vec<String>>,
    #[serde(rename = "SecurityGroupIds", default, skip_serializing_if = "Option::is_none")]
    pub security_group_ids: Option<Vec<String>>,
    #[serde(rename = "ServiceName", default, skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    #[serde(rename = "ServiceNetworkArn", default, skip_serializing_if = "Option::is_none")]
    pub service_network_arn: Option<String>,
    #[serde(rename = "ServiceRegion", default, skip_serializing_if = "Option::is_none")]
    pub service_region: Option<String>,
    #[serde(rename = "SubnetConfigurations", default, skip_serializing_if = "Option::is_none")]
    pub subnet_configurations: Option<Vec<SubnetConfiguration>>,
    #[serde(rename = "SubnetIds", default, skip_serializing_if = "Option::is_none")]
    pub subnet_ids: Option<Vec<String>>,
    #[serde(rename = "TagSpecifications", default, skip_serializing_if = "Option::is_none")]
    pub tag_specifications: Option<Vec<TagSpecification>>,
    #[serde(rename = "VpcEndpointType", default, skip_serializing_if = "Option::is_none")]
    pub vpc_endpoint_type: Option<VpcEndpointType>,
    #[serde(rename = "VpcId")]
    pub vpc_id: String,
}

/// `CreateVpcEndpointResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateVpcEndpointResult {
    #[serde(rename = "ClientToken", default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
    #[serde(rename = "VpcEndpoint", default, skip_serializing_if = "Option::is_none")]
    pub vpc_endpoint: Option<VpcEndpoint>,
}

/// `CreditSpecificationRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreditSpecificationRequest {
    #[serde(rename = "CpuCredits")]
    pub cpu_credits: String,
}

/// `DeleteDhcpOptionsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteDhcpOptionsRequest {
    #[serde(rename = "DhcpOptionsId")]
    pub dhcp_options_id: String,
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
}

/// `DeleteManagedPrefixListRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteManagedPrefixListRequest {
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "PrefixListId")]
    pub prefix_list_id: String,
}

/// `DeleteManagedPrefixListResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteManagedPrefixListResult {
    #[serde(rename = "PrefixList", default, skip_serializing_if = "Option::is_none")]
    pub prefix_list: Option<ManagedPrefixList>,
}

/// `DeleteNetworkInterfaceRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteNetworkInterfaceRequest {
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "NetworkInterfaceId")]
    pub network_interface_id: String,
}

/// `DeleteVpcEndpointsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteVpcEndpointsRequest {
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "VpcEndpointIds")]
    pub vpc_endpoint_ids: Vec<String>,
}

/// `DeleteVpcEndpointsResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteVpcEndpointsResult {
    #[serde(rename = "Unsuccessful", default, skip_serializing_if = "Option::is_none")]
    pub unsuccessful: Option<Vec<UnsuccessfulItem>>,
}

/// `DescribeImagesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeImagesRequest {
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "ExecutableUsers", default, skip_serializing_if = "Option::is_none")]
    pub executable_users: Option<Vec<String>>,
    #[serde(rename = "Filters", default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<Vec<Filter>>,
    #[serde(rename = "ImageIds", default, skip_serializing_if = "Option::is_none")]
    pub image_ids: Option<Vec<String>>,
    #[serde(rename = "IncludeDeprecated", default, skip_serializing_if = "Option::is_none")]
    pub include_deprecated: Option<bool>,
    #[serde(rename = "IncludeDisabled", default, skip_serializing_if = "Option::is_none")]
    pub include_disabled: Option<bool>,
    #[serde(rename = "MaxResults", default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i32>,
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    #[serde(rename = "Owners", default, skip_serializing_if = "Option::is_none")]
    pub owners: Option<Vec<String>>,
}

/// `DescribeImagesResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeImagesResult {
    #[serde(rename = "Images", default, skip_serializing_if = "Option::is_none")]
    pub images: Option<Vec<Image>>,
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `DescribeInstancesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeInstancesRequest {
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "Filters", default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<Vec<Filter>>,
    #[serde(rename = "IncludeManagedResources", default, skip_serializing_if = "Option::is_none")]
    pub include_managed_resources: Option<bool>,
    #[serde(rename = "InstanceIds", default, skip_serializing_if = "Option::is_none")]
    pub instance_ids: Option<Vec<String>>,
    #[serde(rename = "MaxResults", default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i32>,
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `DescribeInstancesResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeInstancesResult {
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    #[serde(rename = "Reservations", default, skip_serializing_if = "Option::is_none")]
    pub reservations: Option<Vec<Reservation>>,
}

/// `DescribeLaunchTemplatesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeLaunchTemplatesRequest {
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "Filters", default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<Vec<Filter>>,
    #[serde(rename = "IncludeManagedResources", default, skip_serializing_if = "Option::is_none")]
    pub include_managed_resources: Option<bool>,
    #[serde(rename = "LaunchTemplateIds", default, skip_serializing_if = "Option::is_none")]
    pub launch_template_ids: Option<Vec<String>>,
    #[serde(rename = "LaunchTemplateNames", default, skip_serializing_if = "Option::is_none")]
    pub launch_template_names: Option<Vec<String>>,
    #[serde(rename = "MaxResults", default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i32>,
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `DescribeLaunchTemplatesResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeLaunchTemplatesResult {
    #[serde(rename = "LaunchTemplates", default, skip_serializing_if = "Option::is_none")]
    pub launch_templates: Option<Vec<LaunchTemplate>>,
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `DescribeNetworkInterfacesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeNetworkInterfacesRequest {
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "Filters", default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<Vec<Filter>>,
    #[serde(rename = "IncludeManagedResources", default, skip_serializing_if = "Option::is_none")]
    pub include_managed_resources: Option<bool>,
    #[serde(rename = "MaxResults", default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i32>,
    #[serde(rename = "NetworkInterfaceIds", default, skip_serializing_if = "Option::is_none")]
    pub network_interface_ids: Option<Vec<String>>,
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `DescribeNetworkInterfacesResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeNetworkInterfacesResult {
    #[serde(rename = "NetworkInterfaces", default, skip_serializing_if = "Option::is_none")]
    pub network_interfaces: Option<Vec<NetworkInterface>>,
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `DescribeSubnetsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeSubnetsRequest {
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "Filters", default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<Vec<Filter>>,
    #[serde(rename = "MaxResults", default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i32>,
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    #[serde(rename = "SubnetIds", default, skip_serializing_if = "Option::is_none")]
    pub subnet_ids: Option<Vec<String>>,
}

/// `DescribeSubnetsResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeSubnetsResult {
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    #[serde(rename = "Subnets", default, skip_serializing_if = "Option::is_none")]
    pub subnets: Option<Vec<Subnet>>,
}

/// `DetachNetworkInterfaceRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DetachNetworkInterfaceRequest {
    #[serde(rename = "AttachmentId")]
    pub attachment_id: String,
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "Force", default, skip_serializing_if = "Option::is_none")]
    pub force: Option<bool>,
}

wire::string_enum! {
    /// `DeviceType`: one of the model's values, or one it does not name.
    DeviceType {
        Ebs = "ebs",
        InstanceStore = "instance-store",
    }
}

/// `DhcpConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DhcpConfiguration {
    #[serde(rename = "Key", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(rename = "Values", default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<AttributeValue>>,
}

/// `DhcpOptions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DhcpOptions {
    #[serde(rename = "DhcpConfigurations", default, skip_serializing_if = "Option::is_none")]
    pub dhcp_configurations: Option<Vec<DhcpConfiguration>>,
    #[serde(rename = "DhcpOptionsId", default, skip_serializing_if = "Option::is_none")]
    pub dhcp_options_id: Option<String>,
    #[serde(rename = "OwnerId", default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

/// `DnsEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DnsEntry {
    #[serde(rename = "DnsName", default, skip_serializing_if = "Option::is_none")]
    pub dns_name: Option<String>,
    #[serde(rename = "HostedZoneId", default, skip_serializing_if = "Option::is_none")]
    pub hosted_zone_id: Option<String>,
}

/// `DnsOptions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DnsOptions {
    #[serde(rename = "DnsRecordIpType", default, skip_serializing_if = "Option::is_none")]
    pub dns_record_ip_type: Option<DnsRecordIpType>,
    #[serde(rename = "PrivateDnsOnlyForInboundResolverEndpoint", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_only_for_inbound_resolver_endpoint: Option<bool>,
    #[serde(rename = "PrivateDnsPreference", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_preference: Option<String>,
    #[serde(rename = "PrivateDnsSpecifiedDomains", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_specified_domains: Option<Vec<String>>,
}

/// `DnsOptionsSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DnsOptionsSpecification {
    #[serde(rename = "DnsRecordIpType", default, skip_serializing_if = "Option::is_none")]
    pub dns_record_ip_type: Option<DnsRecordIpType>,
    #[serde(rename = "PrivateDnsOnlyForInboundResolverEndpoint", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_only_for_inbound_resolver_endpoint: Option<bool>,
    #[serde(rename = "PrivateDnsPreference", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_preference: Option<String>,
    #[serde(rename = "PrivateDnsSpecifiedDomains", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_specified_domains: Option<Vec<String>>,
}

wire::string_enum! {
    /// `DnsRecordIpType`: one of the model's values, or one it does not name.
    DnsRecordIpType {
        Ipv4 = "ipv4",
        Dualstack = "dualstack",
        Ipv6 = "ipv6",
        ServiceDefined = "service-defined",
    }
}

/// `EbsBlockDevice`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EbsBlockDevice {
    #[serde(rename = "AvailabilityZone", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
    #[serde(rename = "AvailabilityZoneId", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_id: Option<String>,
    #[serde(rename = "DeleteOnTermination", default, skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
    #[serde(rename = "EbsCardIndex", default, skip_serializing_if = "Option::is_none")]
    pub ebs_card_index: Option<i32>,
    #[serde(rename = "Encrypted", default, skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<bool>,
    #[serde(rename = "Iops", default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<i32>,
    #[serde(rename = "KmsKeyId", default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
    #[serde(rename = "OutpostArn", default, skip_serializing_if = "Option::is_none")]
    pub outpost_arn: Option<String>,
    #[serde(rename = "SnapshotId", default, skip_serializing_if = "Option::is_none")]
    pub snapshot_id: Option<String>,
    #[serde(rename = "Throughput", default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<i32>,
    #[serde(rename = "VolumeInitializationRate", default, skip_serializing_if = "Option::is_none")]
    pub volume_initialization_rate: Option<i32>,
    #[serde(rename = "VolumeSize", default, skip_serializing_if = "Option::is_none")]
    pub volume_size: Option<i32>,
    #[serde(rename = "VolumeType", default, skip_serializing_if = "Option::is_none")]
    pub volume_type: Option<VolumeType>,
}

/// `EbsInstanceBlockDevice`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EbsInstanceBlockDevice {
    #[serde(rename = "AssociatedResource", default, skip_serializing_if = "Option::is_none")]
    pub associated_resource: Option<String>,
    #[serde(rename = "AttachTime", default, skip_serializing_if = "Option::is_none")]
    pub attach_time: Option<Timestamp>,
    #[serde(rename = "DeleteOnTermination", default, skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
    #[serde(rename = "EbsCardIndex", default, skip_serializing_if = "Option::is_none")]
    pub ebs_card_index: Option<i32>,
    #[serde(rename = "Operator", default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<OperatorResponse>,
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AttachmentStatus>,
    #[serde(rename = "VolumeId", default, skip_serializing_if = "Option::is_none")]
    pub volume_id: Option<String>,
    #[serde(rename = "VolumeOwnerId", default, skip_serializing_if = "Option::is_none")]
    pub volume_owner_id: Option<String>,
}

/// `ElasticGpuAssociation`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ElasticGpuAssociation {
    #[serde(rename = "ElasticGpuAssociationId", default, skip_serializing_if = "Option::is_none")]
    pub elastic_gpu_association_id: Option<String>,
    #[serde(rename = "ElasticGpuAssociationState", default, skip_serializing_if = "Option::is_none")]
    pub elastic_gpu_association_state: Option<String>,
    #[serde(rename = "ElasticGpuAssociationTime", default, skip_serializing_if = "Option::is_none")]
    pub elastic_gpu_association_time: Option<String>,
    #[serde(rename = "ElasticGpuId", default, skip_serializing_if = "Option::is_none")]
    pub elastic_gpu_id: Option<String>,
}

/// `ElasticGpuSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ElasticGpuSpecification {
    #[serde(rename = "Type")]
    pub r#type: String,
}

/// `ElasticInferenceAccelerator`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ElasticInferenceAccelerator {
    #[serde(rename = "Count", default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
    #[serde(rename = "Type")]
    pub r#type: String,
}

/// `ElasticInferenceAcceleratorAssociation`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ElasticInferenceAcceleratorAssociation {
    #[serde(rename = "ElasticInferenceAcceleratorArn", default, skip_serializing_if = "Option::is_none")]
    pub elastic_inference_accelerator_arn: Option<String>,
    #[serde(rename = "ElasticInferenceAcceleratorAssociationId", default, skip_serializing_if = "Option::is_none")]
    pub elastic_inference_accelerator_association_id: Option<String>,
    #[serde(rename = "ElasticInferenceAcceleratorAssociationState", default, skip_serializing_if = "Option::is_none")]
    pub elastic_inference_accelerator_association_state: Option<String>,
    #[serde(rename = "ElasticInferenceAcceleratorAssociationTime", default, skip_serializing_if = "Option::is_none")]
    pub elastic_inference_accelerator_association_time: Option<Timestamp>,
}

/// `EnaSrdSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnaSrdSpecification {
    #[serde(rename = "EnaSrdEnabled", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_enabled: Option<bool>,
    #[serde(rename = "EnaSrdUdpSpecification", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_udp_specification: Option<EnaSrdUdpSpecification>,
}

/// `EnaSrdSpecificationRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnaSrdSpecificationRequest {
    #[serde(rename = "EnaSrdEnabled", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_enabled: Option<bool>,
    #[serde(rename = "EnaSrdUdpSpecification", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_udp_specification: Option<EnaSrdUdpSpecificationRequest>,
}

/// `EnaSrdUdpSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnaSrdUdpSpecification {
    #[serde(rename = "EnaSrdUdpEnabled", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_udp_enabled: Option<bool>,
}

/// `EnaSrdUdpSpecificationRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnaSrdUdpSpecificationRequest {
    #[serde(rename = "EnaSrdUdpEnabled", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_udp_enabled: Option<bool>,
}

/// `EnclaveOptions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnclaveOptions {
    #[serde(rename = "Enabled", default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// `EnclaveOptionsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnclaveOptionsRequest {
    #[serde(rename = "Enabled", default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// `Filter`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "Values", default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
}

/// `GroupIdentifier`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupIdentifier {
    #[serde(rename = "GroupId", default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    #[serde(rename = "GroupName", default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
}

/// `HibernationOptions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HibernationOptions {
    #[serde(rename = "Configured", default, skip_serializing_if = "Option::is_none")]
    pub configured: Option<bool>,
}

/// `HibernationOptionsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HibernationOptionsRequest {
    #[serde(rename = "Configured", default, skip_serializing_if = "Option::is_none")]
    pub configured: Option<bool>,
}

wire::string_enum! {
    /// `HostnameType`: one of the model's values, or one it does not name.
    HostnameType {
        IpName = "ip-name",
        ResourceName = "resource-name",
    }
}

wire::string_enum! {
    /// `HttpTokensState`: one of the model's values, or one it does not name.
    HttpTokensState {
        Optional = "optional",
        Required = "required",
    }
}

wire::string_enum! {
    /// `HypervisorType`: one of the model's values, or one it does not name.
    HypervisorType {
        Ovm = "ovm",
        Xen = "xen",
    }
}

/// `IamInstanceProfile`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IamInstanceProfile {
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    #[serde(rename = "Id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `IamInstanceProfileSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IamInstanceProfileSpecification {
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `Image`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Image {
    #[serde(rename = "Architecture", default, skip_serializing_if = "Option::is_none")]
    pub architecture: Option<ArchitectureValues>,
    #[serde(rename = "BlockDeviceMappings", default, skip_serializing_if = "Option::is_none")]
    pub block_device_mappings: Option<Vec<BlockDeviceMapping>>,
    #[serde(rename = "BootMode", default, skip_serializing_if = "Option::is_none")]
    pub boot_mode: Option<BootModeValues>,
    #[serde(rename = "CreationDate", default, skip_serializing_if = "Option::is_none")]
    pub creation_date: Option<String>,
    #[serde(rename = "DeprecationTime", default, skip_serializing_if = "Option::is_none")]
    pub deprecation_time: Option<String>,
    #[serde(rename = "DeregistrationProtection", default, skip_serializing_if = "Option::is_none")]
    pub deregistration_protection: Option<String>,
    #[serde(rename = "Description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "EnaSupport", default, skip_serializing_if = "Option::is_none")]
    pub ena_support: Option<bool>,
    #[serde(rename = "FreeTierEligible", default, skip_serializing_if = "Option::is_none")]
    pub free_tier_eligible: Option<bool>,
    #[serde(rename = "Hypervisor", default, skip_serializing_if = "Option::is_none")]
    pub hypervisor: Option<HypervisorType>,
    #[serde(rename = "ImageAllowed", default, skip_serializing_if = "Option::is_none")]
    pub image_allowed: Option<bool>,
    #[serde(rename = "ImageId", default, skip_serializing_if = "Option::is_none")]
    pub image_id: Option<String>,
    #[serde(rename = "ImageLocation", default, skip_serializing_if = "Option::is_none")]
    pub image_location: Option<String>,
    #[serde(rename = "ImageOwnerAlias", default, skip_serializing_if = "Option::is_none")]
    pub image_owner_alias: Option<String>,
    #[serde(rename = "ImageType", default, skip_serializing_if = "Option::is_none")]
    pub image_type: Option<ImageTypeValues>,
    #[serde(rename = "ImdsSupport", default, skip_serializing_if = "Option::is_none")]
    pub imds_support: Option<ImdsSupportValues>,
    #[serde(rename = "KernelId", default, skip_serializing_if = "Option::is_none")]
    pub kernel_id: Option<String>,
    #[serde(rename = "LastLaunchedTime", default, skip_serializing_if = "Option::is_none")]
    pub last_launched_time: Option<String>,
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "OwnerId", default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    #[serde(rename = "Platform", default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<PlatformValues>,
    #[serde(rename = "PlatformDetails", default, skip_serializing_if = "Option::is_none")]
    pub platform_details: Option<String>,
    #[serde(rename = "ProductCodes", default, skip_serializing_if = "Option::is_none")]
    pub product_codes: Option<Vec<ProductCode>>,
    #[serde(rename = "Public", default, skip_serializing_if = "Option::is_none")]
    pub public: Option<bool>,
    #[serde(rename = "RamdiskId", default, skip_serializing_if = "Option::is_none")]
    pub ramdisk_id: Option<String>,
    #[serde(rename = "RootDeviceName", default, skip_serializing_if = "Option::is_none")]
    pub root_device_name: Option<String>,
    #[serde(rename = "RootDeviceType", default, skip_serializing_if = "Option::is_none")]
    pub root_device_type: Option<DeviceType>,
    #[serde(rename = "SourceImageId", default, skip_serializing_if = "Option::is_none")]
    pub source_image_id: Option<String>,
    #[serde(rename = "SourceImageRegion", default, skip_serializing_if = "Option::is_none")]
    pub source_image_region: Option<String>,
    #[serde(rename = "SourceInstanceId", default, skip_serializing_if = "Option::is_none")]
    pub source_instance_id: Option<String>,
    #[serde(rename = "SriovNetSupport", default, skip_serializing_if = "Option::is_none")]
    pub sriov_net_support: Option<String>,
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ImageState>,
    #[serde(rename = "StateReason", default, skip_serializing_if = "Option::is_none")]
    pub state_reason: Option<StateReason>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(rename = "TpmSupport", default, skip_serializing_if = "Option::is_none")]
    pub tpm_support: Option<TpmSupportValues>,
    #[serde(rename = "UsageOperation", default, skip_serializing_if = "Option::is_none")]
    pub usage_operation: Option<String>,
    #[serde(rename = "VirtualizationType", default, skip_serializing_if = "Option::is_none")]
    pub virtualization_type: Option<VirtualizationType>,
}

wire::string_enum! {
    /// `ImageState`: one of the model's values, or one it does not name.
    ImageState {
        Pending = "pending",
        Available = "available",
        Invalid = "invalid",
        Deregistered = "deregistered",
        Transient = "transient",
        Failed = "failed",
        Error = "error",
        Disabled = "disabled",
    }
}

wire::string_enum! {
    /// `ImageTypeValues`: one of the model's values, or one it does not name.
    ImageTypeValues {
        Machine = "machine",
        Kernel = "kernel",
        Ramdisk = "ramdisk",
    }
}

wire::string_enum! {
    /// `ImdsSupportValues`: one of the model's values, or one it does not name.
    ImdsSupportValues {
        V20 = "v2.0",
    }
}

/// `Instance`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    #[serde(rename = "AmiLaunchIndex", default, skip_serializing_if = "Option::is_none")]
    pub ami_launch_index: Option<i32>,
    #[serde(rename = "Architecture", default, skip_serializing_if = "Option::is_none")]
    pub architecture: Option<ArchitectureValues>,
    #[serde(rename = "BlockDeviceMappings", default, skip_serializing_if = "Option::is_none")]
    pub block_device_mappings: Option<Vec<InstanceBlockDeviceMapping>>,
    #[serde(rename = "BootMode", default, skip_serializing_if = "Option::is_none")]
    pub boot_mode: Option<BootModeValues>,
    #[serde(rename = "CapacityBlockId", default, skip_serializing_if = "Option::is_none")]
    pub capacity_block_id: Option<String>,
    #[serde(rename = "CapacityReservationId", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_id: Option<String>,
    #[serde(rename = "CapacityReservationSpecification", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_specification: Option<CapacityReservationSpecificationResponse>,
    #[serde(rename = "ClientToken", default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
    #[serde(rename = "CpuOptions", default, skip_serializing_if = "Option::is_none")]
    pub cpu_options: Option<CpuOptions>,
    #[serde(rename = "CurrentInstanceBootMode", default, skip_serializing_if = "Option::is_none")]
    pub current_instance_boot_mode: Option<InstanceBootModeValues>,
    #[serde(rename = "EbsOptimized", default, skip_serializing_if = "Option::is_none")]
    pub ebs_optimized: Option<bool>,
    #[serde(rename = "ElasticGpuAssociations", default, skip_serializing_if = "Option::is_none")]
    pub elastic_gpu_associations: Option<Vec<ElasticGpuAssociation>>,
    #[serde(rename = "ElasticInferenceAcceleratorAssociations", default, skip_serializing_if = "Option::is_none")]
    pub elastic_inference_accelerator_associations: Option<Vec<ElasticInferenceAcceleratorAssociation>>,
    #[serde(rename = "EnaSupport", default, skip_serializing_if = "Option::is_none")]
    pub ena_support: Option<bool>,
    #[serde(rename = "EnclaveOptions", default, skip_serializing_if = "Option::is_none")]
    pub enclave_options: Option<EnclaveOptions>,
    #[serde(rename = "HibernationOptions", default, skip_serializing_if = "Option::is_none")]
    pub hibernation_options: Option<HibernationOptions>,
    #[serde(rename = "Hypervisor", default, skip_serializing_if = "Option::is_none")]
    pub hypervisor: Option<HypervisorType>,
    #[serde(rename = "IamInstanceProfile", default, skip_serializing_if = "Option::is_none")]
    pub iam_instance_profile: Option<IamInstanceProfile>,
    #[serde(rename = "ImageId", default, skip_serializing_if = "Option::is_none")]
    pub image_id: Option<String>,
    #[serde(rename = "InstanceId", default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    #[serde(rename = "InstanceLifecycle", default, skip_serializing_if = "Option::is_none")]
    pub instance_lifecycle: Option<InstanceLifecycleType>,
    #[serde(rename = "InstanceType", default, skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<InstanceType>,
    #[serde(rename = "Ipv6Address", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_address: Option<String>,
    #[serde(rename = "KernelId", default, skip_serializing_if = "Option::is_none")]
    pub kernel_id: Option<String>,
    #[serde(rename = "KeyName", default, skip_serializing_if = "Option::is_none")]
    pub key_name: Option<String>,
    #[serde(rename = "LaunchTime", default, skip_serializing_if = "Option::is_none")]
    pub launch_time: Option<Timestamp>,
    #[serde(rename = "Licenses", default, skip_serializing_if = "Option::is_none")]
    pub licenses: Option<Vec<LicenseConfiguration>>,
    #[serde(rename = "MaintenanceOptions", default, skip_serializing_if = "Option::is_none")]
    pub maintenance_options: Option<InstanceMaintenanceOptions>,
    #[serde(rename = "MetadataOptions", default, skip_serializing_if = "Option::is_none")]
    pub metadata_options: Option<InstanceMetadataOptionsResponse>,
    #[serde(rename = "Monitoring", default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<Monitoring>,
    #[serde(rename = "NetworkInterfaces", default, skip_serializing_if = "Option::is_none")]
    pub network_interfaces: Option<Vec<InstanceNetworkInterface>>,
    #[serde(rename = "NetworkPerformanceOptions", default, skip_serializing_if = "Option::is_none")]
    pub network_performance_options: Option<InstanceNetworkPerformanceOptions>,
    #[serde(rename = "Operator", default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<OperatorResponse>,
    #[serde(rename = "OutpostArn", default, skip_serializing_if = "Option::is_none")]
    pub outpost_arn: Option<String>,
    #[serde(rename = "Placement", default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    #[serde(rename = "Platform", default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<PlatformValues>,
    #[serde(rename = "PlatformDetails", default, skip_serializing_if = "Option::is_none")]
    pub platform_details: Option<String>,
    #[serde(rename = "PrivateDnsName", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_name: Option<String>,
    #[serde(rename = "PrivateDnsNameOptions", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_name_options: Option<PrivateDnsNameOptionsResponse>,
    #[serde(rename = "PrivateIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<String>,
    #[serde(rename = "ProductCodes", default, skip_serializing_if = "Option::is_none")]
    pub product_codes: Option<Vec<ProductCode>>,
    #[serde(rename = "PublicDnsName", default, skip_serializing_if = "Option::is_none")]
    pub public_dns_name: Option<String>,
    #[serde(rename = "PublicIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub public_ip_address: Option<String>,
    #[serde(rename = "RamdiskId", default, skip_serializing_if = "Option::is_none")]
    pub ramdisk_id: Option<String>,
    #[serde(rename = "RootDeviceName", default, skip_serializing_if = "Option::is_none")]
    pub root_device_name: Option<String>,
    #[serde(rename = "RootDeviceType", default, skip_serializing_if = "Option::is_none")]
    pub root_device_type: Option<DeviceType>,
    #[serde(rename = "SecondaryInterfaces", default, skip_serializing_if = "Option::is_none")]
    pub secondary_interfaces: Option<Vec<InstanceSecondaryInterface>>,
    #[serde(rename = "SecurityGroups", default, skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Vec<GroupIdentifier>>,
    #[serde(rename = "SourceDestCheck", default, skip_serializing_if = "Option::is_none")]
    pub source_dest_check: Option<bool>,
    #[serde(rename = "SpotInstanceRequestId", default, skip_serializing_if = "Option::is_none")]
    pub spot_instance_request_id: Option<String>,
    #[serde(rename = "SriovNetSupport", default, skip_serializing_if = "Option::is_none")]
    pub sriov_net_support: Option<String>,
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<InstanceState>,
    #[serde(rename = "StateReason", default, skip_serializing_if = "Option::is_none")]
    pub state_reason: Option<StateReason>,
    #[serde(rename = "StateTransitionReason", default, skip_serializing_if = "Option::is_none")]
    pub state_transition_reason: Option<String>,
    #[serde(rename = "SubnetId", default, skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(rename = "TpmSupport", default, skip_serializing_if = "Option::is_none")]
    pub tpm_support: Option<String>,
    #[serde(rename = "UsageOperation", default, skip_serializing_if = "Option::is_none")]
    pub usage_operation: Option<String>,
    #[serde(rename = "UsageOperationUpdateTime", default, skip_serializing_if = "Option::is_none")]
    pub usage_operation_update_time: Option<Timestamp>,
    #[serde(rename = "VirtualizationType", default, skip_serializing_if = "Option::is_none")]
    pub virtualization_type: Option<VirtualizationType>,
    #[serde(rename = "VpcId", default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
}

/// `InstanceAttachmentEnaSrdSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceAttachmentEnaSrdSpecification {
    #[serde(rename = "EnaSrdEnabled", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_enabled: Option<bool>,
    #[serde(rename = "EnaSrdUdpSpecification", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_udp_specification: Option<InstanceAttachmentEnaSrdUdpSpecification>,
}

/// `InstanceAttachmentEnaSrdUdpSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceAttachmentEnaSrdUdpSpecification {
    #[serde(rename = "EnaSrdUdpEnabled", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_udp_enabled: Option<bool>,
}

wire::string_enum! {
    /// `InstanceAutoRecoveryState`: one of the model's values, or one it does not name.
    InstanceAutoRecoveryState {
        Disabled = "disabled",
        Default = "default",
    }
}

wire::string_enum! {
    /// `InstanceBandwidthWeighting`: one of the model's values, or one it does not name.
    InstanceBandwidthWeighting {
        Default = "default",
        Vpc1 = "vpc-1",
        Ebs1 = "ebs-1",
    }
}

/// `InstanceBlockDeviceMapping`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceBlockDeviceMapping {
    #[serde(rename = "DeviceName", default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    #[serde(rename = "Ebs", default, skip_serializing_if = "Option::is_none")]
    pub ebs: Option<EbsInstanceBlockDevice>,
}

wire::string_enum! {
    /// `InstanceBootModeValues`: one of the model's values, or one it does not name.
    InstanceBootModeValues {
        LegacyBios = "legacy-bios",
        Uefi = "uefi",
    }
}

wire::string_enum! {
    /// `InstanceInterruptionBehavior`: one of the model's values, or one it does not name.
    InstanceInterruptionBehavior {
        Hibernate = "hibernate",
        Stop = "stop",
        Terminate = "terminate",
    }
}

/// `InstanceIpv4Prefix`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceIpv4Prefix {
    #[serde(rename = "Ipv4Prefix", default, skip_serializing_if = "Option::is_none")]
    pub ipv4_prefix: Option<String>,
}

/// `InstanceIpv6Address`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceIpv6Address {
    #[serde(rename = "Ipv6Address", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_address: Option<String>,
    #[serde(rename = "IsPrimaryIpv6", default, skip_serializing_if = "Option::is_none")]
    pub is_primary_ipv6: Option<bool>,
}

/// `InstanceIpv6Prefix`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceIpv6Prefix {
    #[serde(rename = "Ipv6Prefix", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_prefix: Option<String>,
}

wire::string_enum! {
    /// `InstanceLifecycleType`: one of the model's values, or one it does not name.
    InstanceLifecycleType {
        Spot = "spot",
        Scheduled = "scheduled",
        CapacityBlock = "capacity-block",
        InterruptibleCapacityReservation = "interruptible-capacity-reservation",
    }
}

/// `InstanceMaintenanceOptions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceMaintenanceOptions {
    #[serde(rename = "AutoRecovery", default, skip_serializing_if = "Option::is_none")]
    pub auto_recovery: Option<InstanceAutoRecoveryState>,
    #[serde(rename = "RebootMigration", default, skip_serializing_if = "Option::is_none")]
    pub reboot_migration: Option<InstanceRebootMigrationState>,
}

/// `InstanceMaintenanceOptionsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceMaintenanceOptionsRequest {
    #[serde(rename = "AutoRecovery", default, skip_serializing_if = "Option::is_none")]
    pub auto_recovery: Option<InstanceAutoRecoveryState>,
}

/// `InstanceMarketOptionsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceMarketOptionsRequest {
    #[serde(rename = "MarketType", default, skip_serializing_if = "Option::is_none")]
    pub market_type: Option<MarketType>,
    #[serde(rename = "SpotOptions", default, skip_serializing_if = "Option::is_none")]
    pub spot_options: Option<SpotMarketOptions>,
}

wire::string_enum! {
    /// `InstanceMetadataEndpointState`: one of the model's values, or one it does not name.
    InstanceMetadataEndpointState {
        Disabled = "disabled",
        Enabled = "enabled",
    }
}

/// `InstanceMetadataOptionsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceMetadataOptionsRequest {
    #[serde(rename = "HttpEndpoint", default, skip_serializing_if = "Option::is_none")]
    pub http_endpoint: Option<InstanceMetadataEndpointState>,
    #[serde(rename = "HttpProtocolIpv6", default, skip_serializing_if = "Option::is_none")]
    pub http_protocol_ipv6: Option<InstanceMetadataProtocolState>,
    #[serde(rename = "HttpPutResponseHopLimit", default, skip_serializing_if = "Option::is_none")]
    pub http_put_response_hop_limit: Option<i32>,
    #[serde(rename = "HttpTokens", default, skip_serializing_if = "Option::is_none")]
    pub http_tokens: Option<HttpTokensState>,
    #[serde(rename = "InstanceMetadataTags", default, skip_serializing_if = "Option::is_none")]
    pub instance_metadata_tags: Option<InstanceMetadataTagsState>,
}

/// `InstanceMetadataOptionsResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceMetadataOptionsResponse {
    #[serde(rename = "HttpEndpoint", default, skip_serializing_if = "Option::is_none")]
    pub http_endpoint: Option<InstanceMetadataEndpointState>,
    #[serde(rename = "HttpProtocolIpv6", default, skip_serializing_if = "Option::is_none")]
    pub http_protocol_ipv6: Option<InstanceMetadataProtocolState>,
    #[serde(rename = "HttpPutResponseHopLimit", default, skip_serializing_if = "Option::is_none")]
    pub http_put_response_hop_limit: Option<i32>,
    #[serde(rename = "HttpTokens", default, skip_serializing_if = "Option::is_none")]
    pub http_tokens: Option<HttpTokensState>,
    #[serde(rename = "InstanceMetadataTags", default, skip_serializing_if = "Option::is_none")]
    pub instance_metadata_tags: Option<InstanceMetadataTagsState>,
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<InstanceMetadataOptionsState>,
}

wire::string_enum! {
    /// `InstanceMetadataOptionsState`: one of the model's values, or one it does not name.
    InstanceMetadataOptionsState {
        Pending = "pending",
        Applied = "applied",
    }
}

wire::string_enum! {
    /// `InstanceMetadataProtocolState`: one of the model's values, or one it does not name.
    InstanceMetadataProtocolState {
        Disabled = "disabled",
        Enabled = "enabled",
    }
}

wire::string_enum! {
    /// `InstanceMetadataTagsState`: one of the model's values, or one it does not name.
    InstanceMetadataTagsState {
        Disabled = "disabled",
        Enabled = "enabled",
    }
}

/// `InstanceNetworkInterface`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceNetworkInterface {
    #[serde(rename = "Association", default, skip_serializing_if = "Option::is_none")]
    pub association: Option<InstanceNetworkInterfaceAssociation>,
    #[serde(rename = "Attachment", default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<InstanceNetworkInterfaceAttachment>,
    #[serde(rename = "ConnectionTrackingConfiguration", default, skip_serializing_if = "Option::is_none")]
    pub connection_tracking_configuration: Option<ConnectionTrackingSpecificationResponse>,
    #[serde(rename = "Description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "Groups", default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<GroupIdentifier>>,
    #[serde(rename = "InterfaceType", default, skip_serializing_if = "Option::is_none")]
    pub interface_type: Option<String>,
    #[serde(rename = "Ipv4Prefixes", default, skip_serializing_if = "Option::is_none")]
    pub ipv4_prefixes: Option<Vec<InstanceIpv4Prefix>>,
    #[serde(rename = "Ipv6Addresses", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_addresses: Option<Vec<InstanceIpv6Address>>,
    #[serde(rename = "Ipv6Prefixes", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_prefixes: Option<Vec<InstanceIpv6Prefix>>,
    #[serde(rename = "MacAddress", default, skip_serializing_if = "Option::is_none")]
    pub mac_address: Option<String>,
    #[serde(rename = "NetworkInterfaceId", default, skip_serializing_if = "Option::is_none")]
    pub network_interface_id: Option<String>,
    #[serde(rename = "Operator", default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<OperatorResponse>,
    #[serde(rename = "OwnerId", default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    #[serde(rename = "PrivateDnsName", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_name: Option<String>,
    #[serde(rename = "PrivateIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<String>,
    #[serde(rename = "PrivateIpAddresses", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_addresses: Option<Vec<InstancePrivateIpAddress>>,
    #[serde(rename = "SourceDestCheck", default, skip_serializing_if = "Option::is_none")]
    pub source_dest_check: Option<bool>,
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<NetworkInterfaceStatus>,
    #[serde(rename = "SubnetId", default, skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
    #[serde(rename = "VpcId", default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
}

/// `InstanceNetworkInterfaceAssociation`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceNetworkInterfaceAssociation {
    #[serde(rename = "CarrierIp", default, skip_serializing_if = "Option::is_none")]
    pub carrier_ip: Option<String>,
    #[serde(rename = "CustomerOwnedIp", default, skip_serializing_if = "Option::is_none")]
    pub customer_owned_ip: Option<String>,
    #[serde(rename = "IpOwnerId", default, skip_serializing_if = "Option::is_none")]
    pub ip_owner_id: Option<String>,
    #[serde(rename = "PublicDnsName", default, skip_serializing_if = "Option::is_none")]
    pub public_dns_name: Option<String>,
    #[serde(rename = "PublicIp", default, skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<String>,
}

/// `InstanceNetworkInterfaceAttachment`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceNetworkInterfaceAttachment {
    #[serde(rename = "AttachTime", default, skip_serializing_if = "Option::is_none")]
    pub attach_time: Option<Timestamp>,
    #[serde(rename = "AttachmentId", default, skip_serializing_if = "Option::is_none")]
    pub attachment_id: Option<String>,
    #[serde(rename = "DeleteOnTermination", default, skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
    #[serde(rename = "DeviceIndex", default, skip_serializing_if = "Option::is_none")]
    pub device_index: Option<i32>,
    #[serde(rename = "EnaQueueCount", default, skip_serializing_if = "Option::is_none")]
    pub ena_queue_count: Option<i32>,
    #[serde(rename = "EnaSrdSpecification", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_specification: Option<InstanceAttachmentEnaSrdSpecification>,
    #[serde(rename = "NetworkCardIndex", default, skip_serializing_if = "Option::is_none")]
    pub network_card_index: Option<i32>,
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AttachmentStatus>,
}

/// `InstanceNetworkInterfaceSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceNetworkInterfaceSpecification {
    #[serde(rename = "AssociateCarrierIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub associate_carrier_ip_address: Option<bool>,
    #[serde(rename = "AssociatePublicIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub associate_public_ip_address: Option<bool>,
    #[serde(rename = "ConnectionTrackingSpecification", default, skip_serializing_if = "Option::is_none")]
    pub connection_tracking_specification: Option<ConnectionTrackingSpecificationRequest>,
    #[serde(rename = "DeleteOnTermination", default, skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
    #[serde(rename = "Description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "DeviceIndex", default, skip_serializing_if = "Option::is_none")]
    pub device_index: Option<i32>,
    #[serde(rename = "EnaQueueCount", default, skip_serializing_if = "Option::is_none")]
    pub ena_queue_count: Option<i32>,
    #[serde(rename = "EnaSrdSpecification", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_specification: Option<EnaSrdSpecificationRequest>,
    #[serde(rename = "Groups", default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<String>>,
    #[serde(rename = "InterfaceType", default, skip_serializing_if = "Option::is_none")]
    pub interface_type: Option<String>,
    #[serde(rename = "Ipv4PrefixCount", default, skip_serializing_if = "Option::is_none")]
    pub ipv4_prefix_count: Option<i32>,
    #[serde(rename = "Ipv4Prefixes", default, skip_serializing_if = "Option::is_none")]
    pub ipv4_prefixes: Option<Vec<Ipv4PrefixSpecificationRequest>>,
    #[serde(rename = "Ipv6AddressCount", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_address_count: Option<i32>,
    #[serde(rename = "Ipv6Addresses", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_addresses: Option<Vec<InstanceIpv6Address>>,
    #[serde(rename = "Ipv6PrefixCount", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_prefix_count: Option<i32>,
    #[serde(rename = "Ipv6Prefixes", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_prefixes: Option<Vec<Ipv6PrefixSpecificationRequest>>,
    #[serde(rename = "NetworkCardIndex", default, skip_serializing_if = "Option::is_none")]
    pub network_card_index: Option<i32>,
    #[serde(rename = "NetworkInterfaceId", default, skip_serializing_if = "Option::is_none")]
    pub network_interface_id: Option<String>,
    #[serde(rename = "PrimaryIpv6", default, skip_serializing_if = "Option::is_none")]
    pub primary_ipv6: Option<bool>,
    #[serde(rename = "PrivateIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<String>,
    #[serde(rename = "PrivateIpAddresses", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_addresses: Option<Vec<PrivateIpAddressSpecification>>,
    #[serde(rename = "SecondaryPrivateIpAddressCount", default, skip_serializing_if = "Option::is_none")]
    pub secondary_private_ip_address_count: Option<i32>,
    #[serde(rename = "SubnetId", default, skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
}

/// `InstanceNetworkPerformanceOptions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceNetworkPerformanceOptions {
    #[serde(rename = "BandwidthWeighting", default, skip_serializing_if = "Option::is_none")]
    pub bandwidth_weighting: Option<InstanceBandwidthWeighting>,
}

/// `InstanceNetworkPerformanceOptionsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceNetworkPerformanceOptionsRequest {
    #[serde(rename = "BandwidthWeighting", default, skip_serializing_if = "Option::is_none")]
    pub bandwidth_weighting: Option<InstanceBandwidthWeighting>,
}

/// `InstancePrivateIpAddress`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstancePrivateIpAddress {
    #[serde(rename = "Association", default, skip_serializing_if = "Option::is_none")]
    pub association: Option<InstanceNetworkInterfaceAssociation>,
    #[serde(rename = "Primary", default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<bool>,
    #[serde(rename = "PrivateDnsName", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_name: Option<String>,
    #[serde(rename = "PrivateIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<String>,
}

wire::string_enum! {
    /// `InstanceRebootMigrationState`: one of the model's values, or one it does not name.
    InstanceRebootMigrationState {
        Disabled = "disabled",
        Default = "default",
    }
}

/// `InstanceSecondaryInterface`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceSecondaryInterface {
    #[serde(rename = "Attachment", default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<InstanceSecondaryInterfaceAttachment>,
    #[serde(rename = "InterfaceType", default, skip_serializing_if = "Option::is_none")]
    pub interface_type: Option<SecondaryInterfaceType>,
    #[serde(rename = "MacAddress", default, skip_serializing_if = "Option::is_none")]
    pub mac_address: Option<String>,
    #[serde(rename = "OwnerId", default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    #[serde(rename = "PrivateIpAddresses", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_addresses: Option<Vec<InstanceSecondaryInterfacePrivateIpAddress>>,
    #[serde(rename = "SecondaryInterfaceId", default, skip_serializing_if = "Option::is_none")]
    pub secondary_interface_id: Option<String>,
    #[serde(rename = "SecondaryNetworkId", default, skip_serializing_if = "Option::is_none")]
    pub secondary_network_id: Option<String>,
    #[serde(rename = "SecondarySubnetId", default, skip_serializing_if = "Option::is_none")]
    pub secondary_subnet_id: Option<String>,
    #[serde(rename = "SourceDestCheck", default, skip_serializing_if = "Option::is_none")]
    pub source_dest_check: Option<bool>,
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SecondaryInterfaceStatus>,
}

/// `InstanceSecondaryInterfaceAttachment`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceSecondaryInterfaceAttachment {
    #[serde(rename = "AttachTime", default, skip_serializing_if = "Option::is_none")]
    pub attach_time: Option<Timestamp>,
    #[serde(rename = "AttachmentId", default, skip_serializing_if = "Option::is_none")]
    pub attachment_id: Option<String>,
    #[serde(rename = "DeleteOnTermination", default, skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
    #[serde(rename = "DeviceIndex", default, skip_serializing_if = "Option::is_none")]
    pub device_index: Option<i32>,
    #[serde(rename = "NetworkCardIndex", default, skip_serializing_if = "Option::is_none")]
    pub network_card_index: Option<i32>,
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AttachmentStatus>,
}

/// `InstanceSecondaryInterfacePrivateIpAddress`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceSecondaryInterfacePrivateIpAddress {
    #[serde(rename = "PrivateIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<String>,
}

/// `InstanceSecondaryInterfacePrivateIpAddressRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceSecondaryInterfacePrivateIpAddressRequest {
    #[serde(rename = "PrivateIpAddress")]
    pub private_ip_address: String,
}

/// `InstanceSecondaryInterfaceSpecificationRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceSecondaryInterfaceSpecificationRequest {
    #[serde(rename = "DeleteOnTermination", default, skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
    #[serde(rename = "DeviceIndex", default, skip_serializing_if = "Option::is_none")]
    pub device_index: Option<i32>,
    #[serde(rename = "InterfaceType", default, skip_serializing_if = "Option::is_none")]
    pub interface_type: Option<SecondaryInterfaceType>,
    #[serde(rename = "NetworkCardIndex", default, skip_serializing_if = "Option::is_none")]
    pub network_card_index: Option<i32>,
    #[serde(rename = "PrivateIpAddressCount", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address_count: Option<i32>,
    #[serde(rename = "PrivateIpAddresses", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_addresses: Option<Vec<InstanceSecondaryInterfacePrivateIpAddressRequest>>,
    #[serde(rename = "SecondarySubnetId", default, skip_serializing_if = "Option::is_none")]
    pub secondary_subnet_id: Option<String>,
}

/// `InstanceState`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceState {
    #[serde(rename = "Code", default, skip_serializing_if = "Option::is_none")]
    pub code: Option<i32>,
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<InstanceStateName>,
}

/// `InstanceStateChange`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceStateChange {
    #[serde(rename = "CurrentState", default, skip_serializing_if = "Option::is_none")]
    pub current_state: Option<InstanceState>,
    #[serde(rename = "InstanceId", default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    #[serde(rename = "PreviousState", default, skip_serializing_if = "Option::is_none")]
    pub previous_state: Option<InstanceState>,
}

wire::string_enum! {
    /// `InstanceStateName`: one of the model's values, or one it does not name.
    InstanceStateName {
        Pending = "pending",
        Running = "running",
        ShuttingDown = "shutting-down",
        Terminated = "terminated",
        Stopping = "stopping",
        Stopped = "stopped",
    }
}

wire::string_enum! {
    /// `InstanceType`: one of the model's values, or one it does not name.
    InstanceType {
        A1Medium = "a1.medium",
        A1Large = "a1.large",
        A1Xlarge = "a1.xlarge",
        A12xlarge = "a1.2xlarge",
        A14xlarge = "a1.4xlarge",
        A1Metal = "a1.metal",
        C1Medium = "c1.medium",
        C1Xlarge = "c1.xlarge",
        C3Large = "c3.large",
        C3Xlarge = "c3.xlarge",
        C32xlarge = "c3.2xlarge",
        C34xlarge = "c3.4xlarge",
        C38xlarge = "c3.8xlarge",
        C4Large = "c4.large",
        C4Xlarge = "c4.xlarge",
        C42xlarge = "c4.2xlarge",
        C44xlarge = "c4.4xlarge",
        C48xlarge = "c4.8xlarge",
        C5Large = "c5.large",
        C5Xlarge = "c5.xlarge",
        C52xlarge = "c5.2xlarge",
        C54xlarge = "c5.4xlarge",
        C59xlarge = "c5.9xlarge",
        C512xlarge = "c5.12xlarge",
        C518xlarge = "c5.18xlarge",
        C524xlarge = "c5.24xlarge",
        C5Metal = "c5.metal",
        C5aLarge = "c5a.large",
        C5aXlarge = "c5a.xlarge",
        C5a2xlarge = "c5a.2xlarge",
        C5a4xlarge = "c5a.4xlarge",
        C5a8xlarge = "c5a.8xlarge",
        C5a12xlarge = "c5a.12xlarge",
        C5a16xlarge = "c5a.16xlarge",
        C5a24xlarge = "c5a.24xlarge",
        C5adLarge = "c5ad.large",
        C5adXlarge = "c5ad.xlarge",
        C5ad2xlarge = "c5ad.2xlarge",
        C5ad4xlarge = "c5ad.4xlarge",
        C5ad8xlarge = "c5ad.8xlarge",
        C5ad12xlarge = "c5ad.12xlarge",
        C5ad16xlarge = "c5ad.16xlarge",
        C5ad24xlarge = "c5ad.24xlarge",
        C5dLarge = "c5d.large",
        C5dXlarge = "c5d.xlarge",
        C5d2xlarge = "c5d.2xlarge",
        C5d4xlarge = "c5d.4xlarge",
        C5d9xlarge = "c5d.9xlarge",
        C5d12xlarge = "c5d.12xlarge",
        C5d18xlarge = "c5d.18xlarge",
        C5d24xlarge = "c5d.24xlarge",
        C5dMetal = "c5d.metal",
        C5nLarge = "c5n.large",
        C5nXlarge = "c5n.xlarge",
        C5n2xlarge = "c5n.2xlarge",
        C5n4xlarge = "c5n.4xlarge",
        C5n9xlarge = "c5n.9xlarge",
        C5n18xlarge = "c5n.18xlarge",
        C5nMetal = "c5n.metal",
        C6gMedium = "c6g.medium",
        C6gLarge = "c6g.large",
        C6gXlarge = "c6g.xlarge",
        C6g2xlarge = "c6g.2xlarge",
        C6g4xlarge = "c6g.4xlarge",
        C6g8xlarge = "c6g.8xlarge",
        C6g12xlarge = "c6g.12xlarge",
        C6g16xlarge = "c6g.16xlarge",
        C6gMetal = "c6g.metal",
        C6gdMedium = "c6gd.medium",
        C6gdLarge = "c6gd.large",
        C6gdXlarge = "c6gd.xlarge",
        C6gd2xlarge = "c6gd.2xlarge",
        C6gd4xlarge = "c6gd.4xlarge",
        C6gd8xlarge = "c6gd.8xlarge",
        C6gd12xlarge = "c6gd.12xlarge",
        C6gd16xlarge = "c6gd.16xlarge",
        C6gdMetal = "c6gd.metal",
        C6gnMedium = "c6gn.medium",
        C6gnLarge = "c6gn.large",
        C6gnXlarge = "c6gn.xlarge",
        C6gn2xlarge = "c6gn.2xlarge",
        C6gn4xlarge = "c6gn.4xlarge",
        C6gn8xlarge = "c6gn.8xlarge",
        C6gn12xlarge = "c6gn.12xlarge",
        C6gn16xlarge = "c6gn.16xlarge",
        C6iLarge = "c6i.large",
        C6iXlarge = "c6i.xlarge",
        C6i2xlarge = "c6i.2xlarge",
        C6i4xlarge = "c6i.4xlarge",
        C6i8xlarge = "c6i.8xlarge",
        C6i12xlarge = "c6i.12xlarge",
        C6i16xlarge = "c6i.16xlarge",
        C6i24xlarge = "c6i.24xlarge",
        C6i32xlarge = "c6i.32xlarge",
        C6iMetal = "c6i.metal",
        Cc14xlarge = "cc1.4xlarge",
        Cc28xlarge = "cc2.8xlarge",
        Cg14xlarge = "cg1.4xlarge",
        Cr18xlarge = "cr1.8xlarge",
        D2Xlarge = "d2.xlarge",
        D22xlarge = "d2.2xlarge",
        D24xlarge = "d2.4xlarge",
        D28xlarge = "d2.8xlarge",
        D3Xlarge = "d3.xlarge",
        D32xlarge = "d3.2xlarge",
        D34xlarge = "d3.4xlarge",
        D38xlarge = "d3.8xlarge",
        D3enXlarge = "d3en.xlarge",
        D3en2xlarge = "d3en.2xlarge",
        D3en4xlarge = "d3en.4xlarge",
        D3en6xlarge = "d3en.6xlarge",
        D3en8xlarge = "d3en.8xlarge",
        D3en12xlarge = "d3en.12xlarge",
        Dl124xlarge = "dl1.24xlarge",
        F12xlarge = "f1.2xlarge",
        F14xlarge = "f1.4xlarge",
        F116xlarge = "f1.16xlarge",
        G22xlarge = "g2.2xlarge",
        G28xlarge = "g2.8xlarge",
        G34xlarge = "g3.4xlarge",
        G38xlarge = "g3.8xlarge",
        G316xlarge = "g3.16xlarge",
        G3sXlarge = "g3s.xlarge",
        G4adXlarge = "g4ad.xlarge",
        G4ad2xlarge = "g4ad.2xlarge",
        G4ad4xlarge = "g4ad.4xlarge",
        G4ad8xlarge = "g4ad.8xlarge",
        G4ad16xlarge = "g4ad.16xlarge",
        G4dnXlarge = "g4dn.xlarge",
        G4dn2xlarge = "g4dn.2xlarge",
        G4dn4xlarge = "g4dn.4xlarge",
        G4dn8xlarge = "g4dn.8xlarge",
        G4dn12xlarge = "g4dn.12xlarge",
        G4dn16xlarge = "g4dn.16xlarge",
        G4dnMetal = "g4dn.metal",
        G5Xlarge = "g5.xlarge",
        G52xlarge = "g5.2xlarge",
        G54xlarge = "g5.4xlarge",
        G58xlarge = "g5.8xlarge",
        G512xlarge = "g5.12xlarge",
        G516xlarge = "g5.16xlarge",
        G524xlarge = "g5.24xlarge",
        G548xlarge = "g5.48xlarge",
        G5gXlarge = "g5g.xlarge",
        G5g2xlarge = "g5g.2xlarge",
        G5g4xlarge = "g5g.4xlarge",
        G5g8xlarge = "g5g.8xlarge",
        G5g16xlarge = "g5g.16xlarge",
        G5gMetal = "g5g.metal",
        Hi14xlarge = "hi1.4xlarge",
        Hpc6a48xlarge = "hpc6a.48xlarge",
        Hs18xlarge = "hs1.8xlarge",
        H12xlarge = "h1.2xlarge",
        H14xlarge = "h1.4xlarge",
        H18xlarge = "h1.8xlarge",
        H116xlarge = "h1.16xlarge",
        I2Xlarge = "i2.xlarge",
        I22xlarge = "i2.2xlarge",
        I24xlarge = "i2.4xlarge",
        I28xlarge = "i2.8xlarge",
        I3Large = "i3.large",
        I3Xlarge = "i3.xlarge",
        I32xlarge = "i3.2xlarge",
        I34xlarge = "i3.4xlarge",
        I38xlarge = "i3.8xlarge",
        I316xlarge = "i3.16xlarge",
        I3Metal = "i3.metal",
        I3enLarge = "i3en.large",
        I3enXlarge = "i3en.xlarge",
        I3en2xlarge = "i3en.2xlarge",
        I3en3xlarge = "i3en.3xlarge",
        I3en6xlarge = "i3en.6xlarge",
        I3en12xlarge = "i3en.12xlarge",
        I3en24xlarge = "i3en.24xlarge",
        I3enMetal = "i3en.metal",
        Im4gnLarge = "im4gn.large",
        Im4gnXlarge = "im4gn.xlarge",
        Im4gn2xlarge = "im4gn.2xlarge",
        Im4gn4xlarge = "im4gn.4xlarge",
        Im4gn8xlarge = "im4gn.8xlarge",
        Im4gn16xlarge = "im4gn.16xlarge",
        Inf1Xlarge = "inf1.xlarge",
        Inf12xlarge = "inf1.2xlarge",
        Inf16xlarge = "inf1.6xlarge",
        Inf124xlarge = "inf1.24xlarge",
        Is4genMedium = "is4gen.medium",
        Is4genLarge = "is4gen.large",
        Is4genXlarge = "is4gen.xlarge",
        Is4gen2xlarge = "is4gen.2xlarge",
        Is4gen4xlarge = "is4gen.4xlarge",
        Is4gen8xlarge = "is4gen.8xlarge",
        M1Small = "m1.small",
        M1Medium = "m1.medium",
        M1Large = "m1.large",
        M1Xlarge = "m1.xlarge",
        M2Xlarge = "m2.xlarge",
        M22xlarge = "m2.2xlarge",
        M24xlarge = "m2.4xlarge",
        M3Medium = "m3.medium",
        M3Large = "m3.large",
        M3Xlarge = "m3.xlarge",
        M32xlarge = "m3.2xlarge",
        M4Large = "m4.large",
        M4Xlarge = "m4.xlarge",
        M42xlarge = "m4.2xlarge",
        M44xlarge = "m4.4xlarge",
        M410xlarge = "m4.10xlarge",
        M416xlarge = "m4.16xlarge",
        M5Large = "m5.large",
        M5Xlarge = "m5.xlarge",
        M52xlarge = "m5.2xlarge",
        M54xlarge = "m5.4xlarge",
        M58xlarge = "m5.8xlarge",
        M512xlarge = "m5.12xlarge",
        M516xlarge = "m5.16xlarge",
        M524xlarge = "m5.24xlarge",
        M5Metal = "m5.metal",
        M5aLarge = "m5a.large",
        M5aXlarge = "m5a.xlarge",
        M5a2xlarge = "m5a.2xlarge",
        M5a4xlarge = "m5a.4xlarge",
        M5a8xlarge = "m5a.8xlarge",
        M5a12xlarge = "m5a.12xlarge",
        M5a16xlarge = "m5a.16xlarge",
        M5a24xlarge = "m5a.24xlarge",
        M5adLarge = "m5ad.large",
        M5adXlarge = "m5ad.xlarge",
        M5ad2xlarge = "m5ad.2xlarge",
        M5ad4xlarge = "m5ad.4xlarge",
        M5ad8xlarge = "m5ad.8xlarge",
        M5ad12xlarge = "m5ad.12xlarge",
        M5ad16xlarge = "m5ad.16xlarge",
        M5ad24xlarge = "m5ad.24xlarge",
        M5dLarge = "m5d.large",
        M5dXlarge = "m5d.xlarge",
        M5d2xlarge = "m5d.2xlarge",
        M5d4xlarge = "m5d.4xlarge",
        M5d8xlarge = "m5d.8xlarge",
        M5d12xlarge = "m5d.12xlarge",
        M5d16xlarge = "m5d.16xlarge",
        M5d24xlarge = "m5d.24xlarge",
        M5dMetal = "m5d.metal",
        M5dnLarge = "m5dn.large",
        M5dnXlarge = "m5dn.xlarge",
        M5dn2xlarge = "m5dn.2xlarge",
        M5dn4xlarge = "m5dn.4xlarge",
        M5dn8xlarge = "m5dn.8xlarge",
        M5dn12xlarge = "m5dn.12xlarge",
        M5dn16xlarge = "m5dn.16xlarge",
        M5dn24xlarge = "m5dn.24xlarge",
        M5dnMetal = "m5dn.metal",
        M5nLarge = "m5n.large",
        M5nXlarge = "m5n.xlarge",
        M5n2xlarge = "m5n.2xlarge",
        M5n4xlarge = "m5n.4xlarge",
        M5n8xlarge = "m5n.8xlarge",
        M5n12xlarge = "m5n.12xlarge",
        M5n16xlarge = "m5n.16xlarge",
        M5n24xlarge = "m5n.24xlarge",
        M5nMetal = "m5n.metal",
        M5znLarge = "m5zn.large",
        M5znXlarge = "m5zn.xlarge",
        M5zn2xlarge = "m5zn.2xlarge",
        M5zn3xlarge = "m5zn.3xlarge",
        M5zn6xlarge = "m5zn.6xlarge",
        M5zn12xlarge = "m5zn.12xlarge",
        M5znMetal = "m5zn.metal",
        M6aLarge = "m6a.large",
        M6aXlarge = "m6a.xlarge",
        M6a2xlarge = "m6a.2xlarge",
        M6a4xlarge = "m6a.4xlarge",
        M6a8xlarge = "m6a.8xlarge",
        M6a12xlarge = "m6a.12xlarge",
        M6a16xlarge = "m6a.16xlarge",
        M6a24xlarge = "m6a.24xlarge",
        M6a32xlarge = "m6a.32xlarge",
        M6a48xlarge = "m6a.48xlarge",
        M6gMetal = "m6g.metal",
        M6gMedium = "m6g.medium",
        M6gLarge = "m6g.large",
        M6gXlarge = "m6g.xlarge",
        M6g2xlarge = "m6g.2xlarge",
        M6g4xlarge = "m6g.4xlarge",
        M6g8xlarge = "m6g.8xlarge",
        M6g12xlarge = "m6g.12xlarge",
        M6g16xlarge = "m6g.16xlarge",
        M6gdMetal = "m6gd.metal",
        M6gdMedium = "m6gd.medium",
        M6gdLarge = "m6gd.large",
        M6gdXlarge = "m6gd.xlarge",
        M6gd2xlarge = "m6gd.2xlarge",
        M6gd4xlarge = "m6gd.4xlarge",
        M6gd8xlarge = "m6gd.8xlarge",
        M6gd12xlarge = "m6gd.12xlarge",
        M6gd16xlarge = "m6gd.16xlarge",
        M6iLarge = "m6i.large",
        M6iXlarge = "m6i.xlarge",
        M6i2xlarge = "m6i.2xlarge",
        M6i4xlarge = "m6i.4xlarge",
        M6i8xlarge = "m6i.8xlarge",
        M6i12xlarge = "m6i.12xlarge",
        M6i16xlarge = "m6i.16xlarge",
        M6i24xlarge = "m6i.24xlarge",
        M6i32xlarge = "m6i.32xlarge",
        M6iMetal = "m6i.metal",
        Mac1Metal = "mac1.metal",
        P2Xlarge = "p2.xlarge",
        P28xlarge = "p2.8xlarge",
        P216xlarge = "p2.16xlarge",
        P32xlarge = "p3.2xlarge",
        P38xlarge = "p3.8xlarge",
        P316xlarge = "p3.16xlarge",
        P3dn24xlarge = "p3dn.24xlarge",
        P4d24xlarge = "p4d.24xlarge",
        R3Large = "r3.large",
        R3Xlarge = "r3.xlarge",
        R32xlarge = "r3.2xlarge",
        R34xlarge = "r3.4xlarge",
        R38xlarge = "r3.8xlarge",
        R4Large = "r4.large",
        R4Xlarge = "r4.xlarge",
        R42xlarge = "r4.2xlarge",
        R44xlarge = "r4.4xlarge",
        R48xlarge = "r4.8xlarge",
        R416xlarge = "r4.16xlarge",
        R5Large = "r5.large",
        R5Xlarge = "r5.xlarge",
        R52xlarge = "r5.2xlarge",
        R54xlarge = "r5.4xlarge",
        R58xlarge = "r5.8xlarge",
        R512xlarge = "r5.12xlarge",
        R516xlarge = "r5.16xlarge",
        R524xlarge = "r5.24xlarge",
        R5Metal = "r5.metal",
        R5aLarge = "r5a.large",
        R5aXlarge = "r5a.xlarge",
        R5a2xlarge = "r5a.2xlarge",
        R5a4xlarge = "r5a.4xlarge",
        R5a8xlarge = "r5a.8xlarge",
        R5a12xlarge = "r5a.12xlarge",
        R5a16xlarge = "r5a.16xlarge",
        R5a24xlarge = "r5a.24xlarge",
        R5adLarge = "r5ad.large",
        R5adXlarge = "r5ad.xlarge",
        R5ad2xlarge = "r5ad.2xlarge",
        R5ad4xlarge = "r5ad.4xlarge",
        R5ad8xlarge = "r5ad.8xlarge",
        R5ad12xlarge = "r5ad.12xlarge",
        R5ad16xlarge = "r5ad.16xlarge",
        R5ad24xlarge = "r5ad.24xlarge",
        R5bLarge = "r5b.large",
        R5bXlarge = "r5b.xlarge",
        R5b2xlarge = "r5b.2xlarge",
        R5b4xlarge = "r5b.4xlarge",
        R5b8xlarge = "r5b.8xlarge",
        R5b12xlarge = "r5b.12xlarge",
        R5b16xlarge = "r5b.16xlarge",
        R5b24xlarge = "r5b.24xlarge",
        R5bMetal = "r5b.metal",
        R5dLarge = "r5d.large",
        R5dXlarge = "r5d.xlarge",
        R5d2xlarge = "r5d.2xlarge",
        R5d4xlarge = "r5d.4xlarge",
        R5d8xlarge = "r5d.8xlarge",
        R5d12xlarge = "r5d.12xlarge",
        R5d16xlarge = "r5d.16xlarge",
        R5d24xlarge = "r5d.24xlarge",
        R5dMetal = "r5d.metal",
        R5dnLarge = "r5dn.large",
        R5dnXlarge = "r5dn.xlarge",
        R5dn2xlarge = "r5dn.2xlarge",
        R5dn4xlarge = "r5dn.4xlarge",
        R5dn8xlarge = "r5dn.8xlarge",
        R5dn12xlarge = "r5dn.12xlarge",
        R5dn16xlarge = "r5dn.16xlarge",
        R5dn24xlarge = "r5dn.24xlarge",
        R5dnMetal = "r5dn.metal",
        R5nLarge = "r5n.large",
        R5nXlarge = "r5n.xlarge",
        R5n2xlarge = "r5n.2xlarge",
        R5n4xlarge = "r5n.4xlarge",
        R5n8xlarge = "r5n.8xlarge",
        R5n12xlarge = "r5n.12xlarge",
        R5n16xlarge = "r5n.16xlarge",
        R5n24xlarge = "r5n.24xlarge",
        R5nMetal = "r5n.metal",
        R6gMedium = "r6g.medium",
        R6gLarge = "r6g.large",
        R6gXlarge = "r6g.xlarge",
        R6g2xlarge = "r6g.2xlarge",
        R6g4xlarge = "r6g.4xlarge",
        R6g8xlarge = "r6g.8xlarge",
        R6g12xlarge = "r6g.12xlarge",
        R6g16xlarge = "r6g.16xlarge",
        R6gMetal = "r6g.metal",
        R6gdMedium = "r6gd.medium",
        R6gdLarge = "r6gd.large",
        R6gdXlarge = "r6gd.xlarge",
        R6gd2xlarge = "r6gd.2xlarge",
        R6gd4xlarge = "r6gd.4xlarge",
        R6gd8xlarge = "r6gd.8xlarge",
        R6gd12xlarge = "r6gd.12xlarge",
        R6gd16xlarge = "r6gd.16xlarge",
        R6gdMetal = "r6gd.metal",
        R6iLarge = "r6i.large",
        R6iXlarge = "r6i.xlarge",
        R6i2xlarge = "r6i.2xlarge",
        R6i4xlarge = "r6i.4xlarge",
        R6i8xlarge = "r6i.8xlarge",
        R6i12xlarge = "r6i.12xlarge",
        R6i16xlarge = "r6i.16xlarge",
        R6i24xlarge = "r6i.24xlarge",
        R6i32xlarge = "r6i.32xlarge",
        R6iMetal = "r6i.metal",
        T1Micro = "t1.micro",
        T2Nano = "t2.nano",
        T2Micro = "t2.micro",
        T2Small = "t2.small",
        T2Medium = "t2.medium",
        T2Large = "t2.large",
        T2Xlarge = "t2.xlarge",
        T22xlarge = "t2.2xlarge",
        T3Nano = "t3.nano",
        T3Micro = "t3.micro",
        T3Small = "t3.small",
        T3Medium = "t3.medium",
        T3Large = "t3.large",
        T3Xlarge = "t3.xlarge",
        T32xlarge = "t3.2xlarge",
        T3aNano = "t3a.nano",
        T3aMicro = "t3a.micro",
        T3aSmall = "t3a.small",
        T3aMedium = "t3a.medium",
        T3aLarge = "t3a.large",
        T3aXlarge = "t3a.xlarge",
        T3a2xlarge = "t3a.2xlarge",
        T4gNano = "t4g.nano",
        T4gMicro = "t4g.micro",
        T4gSmall = "t4g.small",
        T4gMedium = "t4g.medium",
        T4gLarge = "t4g.large",
        T4gXlarge = "t4g.xlarge",
        T4g2xlarge = "t4g.2xlarge",
        U6tb156xlarge = "u-6tb1.56xlarge",
        U6tb1112xlarge = "u-6tb1.112xlarge",
        U9tb1112xlarge = "u-9tb1.112xlarge",
        U12tb1112xlarge = "u-12tb1.112xlarge",
        U6tb1Metal = "u-6tb1.metal",
        U9tb1Metal = "u-9tb1.metal",
        U12tb1Metal = "u-12tb1.metal",
        U18tb1Metal = "u-18tb1.metal",
        U24tb1Metal = "u-24tb1.metal",
        Vt13xlarge = "vt1.3xlarge",
        Vt16xlarge = "vt1.6xlarge",
        Vt124xlarge = "vt1.24xlarge",
        X116xlarge = "x1.16xlarge",
        X132xlarge = "x1.32xlarge",
        X1eXlarge = "x1e.xlarge",
        X1e2xlarge = "x1e.2xlarge",
        X1e4xlarge = "x1e.4xlarge",
        X1e8xlarge = "x1e.8xlarge",
        X1e16xlarge = "x1e.16xlarge",
        X1e32xlarge = "x1e.32xlarge",
        X2iezn2xlarge = "x2iezn.2xlarge",
        X2iezn4xlarge = "x2iezn.4xlarge",
        X2iezn6xlarge = "x2iezn.6xlarge",
        X2iezn8xlarge = "x2iezn.8xlarge",
        X2iezn12xlarge = "x2iezn.12xlarge",
        X2ieznMetal = "x2iezn.metal",
        X2gdMedium = "x2gd.medium",
        X2gdLarge = "x2gd.large",
        X2gdXlarge = "x2gd.xlarge",
        X2gd2xlarge = "x2gd.2xlarge",
        X2gd4xlarge = "x2gd.4xlarge",
        X2gd8xlarge = "x2gd.8xlarge",
        X2gd12xlarge = "x2gd.12xlarge",
        X2gd16xlarge = "x2gd.16xlarge",
        X2gdMetal = "x2gd.metal",
        Z1dLarge = "z1d.large",
        Z1dXlarge = "z1d.xlarge",
        Z1d2xlarge = "z1d.2xlarge",
        Z1d3xlarge = "z1d.3xlarge",
        Z1d6xlarge = "z1d.6xlarge",
        Z1d12xlarge = "z1d.12xlarge",
        Z1dMetal = "z1d.metal",
        X2idn16xlarge = "x2idn.16xlarge",
        X2idn24xlarge = "x2idn.24xlarge",
        X2idn32xlarge = "x2idn.32xlarge",
        X2iednXlarge = "x2iedn.xlarge",
        X2iedn2xlarge = "x2iedn.2xlarge",
        X2iedn4xlarge = "x2iedn.4xlarge",
        X2iedn8xlarge = "x2iedn.8xlarge",
        X2iedn16xlarge = "x2iedn.16xlarge",
        X2iedn24xlarge = "x2iedn.24xlarge",
        X2iedn32xlarge = "x2iedn.32xlarge",
        C6aLarge = "c6a.large",
        C6aXlarge = "c6a.xlarge",
        C6a2xlarge = "c6a.2xlarge",
        C6a4xlarge = "c6a.4xlarge",
        C6a8xlarge = "c6a.8xlarge",
        C6a12xlarge = "c6a.12xlarge",
        C6a16xlarge = "c6a.16xlarge",
        C6a24xlarge = "c6a.24xlarge",
        C6a32xlarge = "c6a.32xlarge",
        C6a48xlarge = "c6a.48xlarge",
        C6aMetal = "c6a.metal",
        M6aMetal = "m6a.metal",
        I4iLarge = "i4i.large",
        I4iXlarge = "i4i.xlarge",
        I4i2xlarge = "i4i.2xlarge",
        I4i4xlarge = "i4i.4xlarge",
        I4i8xlarge = "i4i.8xlarge",
        I4i16xlarge = "i4i.16xlarge",
        I4i32xlarge = "i4i.32xlarge",
        I4iMetal = "i4i.metal",
        X2idnMetal = "x2idn.metal",
        X2iednMetal = "x2iedn.metal",
        C7gMedium = "c7g.medium",
        C7gLarge = "c7g.large",
        C7gXlarge = "c7g.xlarge",
        C7g2xlarge = "c7g.2xlarge",
        C7g4xlarge = "c7g.4xlarge",
        C7g8xlarge = "c7g.8xlarge",
        C7g12xlarge = "c7g.12xlarge",
        C7g16xlarge = "c7g.16xlarge",
        Mac2Metal = "mac2.metal",
        C6idLarge = "c6id.large",
        C6idXlarge = "c6id.xlarge",
        C6id2xlarge = "c6id.2xlarge",
        C6id4xlarge = "c6id.4xlarge",
        C6id8xlarge = "c6id.8xlarge",
        C6id12xlarge = "c6id.12xlarge",
        C6id16xlarge = "c6id.16xlarge",
        C6id24xlarge = "c6id.24xlarge",
        C6id32xlarge = "c6id.32xlarge",
        C6idMetal = "c6id.metal",
        M6idLarge = "m6id.large",
        M6idXlarge = "m6id.xlarge",
        M6id2xlarge = "m6id.2xlarge",
        M6id4xlarge = "m6id.4xlarge",
        M6id8xlarge = "m6id.8xlarge",
        M6id12xlarge = "m6id.12xlarge",
        M6id16xlarge = "m6id.16xlarge",
        M6id24xlarge = "m6id.24xlarge",
        M6id32xlarge = "m6id.32xlarge",
        M6idMetal = "m6id.metal",
        R6idLarge = "r6id.large",
        R6idXlarge = "r6id.xlarge",
        R6id2xlarge = "r6id.2xlarge",
        R6id4xlarge = "r6id.4xlarge",
        R6id8xlarge = "r6id.8xlarge",
        R6id12xlarge = "r6id.12xlarge",
        R6id16xlarge = "r6id.16xlarge",
        R6id24xlarge = "r6id.24xlarge",
        R6id32xlarge = "r6id.32xlarge",
        R6idMetal = "r6id.metal",
        R6aLarge = "r6a.large",
        R6aXlarge = "r6a.xlarge",
        R6a2xlarge = "r6a.2xlarge",
        R6a4xlarge = "r6a.4xlarge",
        R6a8xlarge = "r6a.8xlarge",
        R6a12xlarge = "r6a.12xlarge",
        R6a16xlarge = "r6a.16xlarge",
        R6a24xlarge = "r6a.24xlarge",
        R6a32xlarge = "r6a.32xlarge",
        R6a48xlarge = "r6a.48xlarge",
        R6aMetal = "r6a.metal",
        P4de24xlarge = "p4de.24xlarge",
        U3tb156xlarge = "u-3tb1.56xlarge",
        U18tb1112xlarge = "u-18tb1.112xlarge",
        U24tb1112xlarge = "u-24tb1.112xlarge",
        Trn12xlarge = "trn1.2xlarge",
        Trn132xlarge = "trn1.32xlarge",
        Hpc6id32xlarge = "hpc6id.32xlarge",
        C6inLarge = "c6in.large",
        C6inXlarge = "c6in.xlarge",
        C6in2xlarge = "c6in.2xlarge",
        C6in4xlarge = "c6in.4xlarge",
        C6in8xlarge = "c6in.8xlarge",
        C6in12xlarge = "c6in.12xlarge",
        C6in16xlarge = "c6in.16xlarge",
        C6in24xlarge = "c6in.24xlarge",
        C6in32xlarge = "c6in.32xlarge",
        M6inLarge = "m6in.large",
        M6inXlarge = "m6in.xlarge",
        M6in2xlarge = "m6in.2xlarge",
        M6in4xlarge = "m6in.4xlarge",
        M6in8xlarge = "m6in.8xlarge",
        M6in12xlarge = "m6in.12xlarge",
        M6in16xlarge = "m6in.16xlarge",
        M6in24xlarge = "m6in.24xlarge",
        M6in32xlarge = "m6in.32xlarge",
        M6idnLarge = "m6idn.large",
        M6idnXlarge = "m6idn.xlarge",
        M6idn2xlarge = "m6idn.2xlarge",
        M6idn4xlarge = "m6idn.4xlarge",
        M6idn8xlarge = "m6idn.8xlarge",
        M6idn12xlarge = "m6idn.12xlarge",
        M6idn16xlarge = "m6idn.16xlarge",
        M6idn24xlarge = "m6idn.24xlarge",
        M6idn32xlarge = "m6idn.32xlarge",
        R6inLarge = "r6in.large",
        R6inXlarge = "r6in.xlarge",
        R6in2xlarge = "r6in.2xlarge",
        R6in4xlarge = "r6in.4xlarge",
        R6in8xlarge = "r6in.8xlarge",
        R6in12xlarge = "r6in.12xlarge",
        R6in16xlarge = "r6in.16xlarge",
        R6in24xlarge = "r6in.24xlarge",
        R6in32xlarge = "r6in.32xlarge",
        R6idnLarge = "r6idn.large",
        R6idnXlarge = "r6idn.xlarge",
        R6idn2xlarge = "r6idn.2xlarge",
        R6idn4xlarge = "r6idn.4xlarge",
        R6idn8xlarge = "r6idn.8xlarge",
        R6idn12xlarge = "r6idn.12xlarge",
        R6idn16xlarge = "r6idn.16xlarge",
        R6idn24xlarge = "r6idn.24xlarge",
        R6idn32xlarge = "r6idn.32xlarge",
        C7gMetal = "c7g.metal",
        M7gMedium = "m7g.medium",
        M7gLarge = "m7g.large",
        M7gXlarge = "m7g.xlarge",
        M7g2xlarge = "m7g.2xlarge",
        M7g4xlarge = "m7g.4xlarge",
        M7g8xlarge = "m7g.8xlarge",
        M7g12xlarge = "m7g.12xlarge",
        M7g16xlarge = "m7g.16xlarge",
        M7gMetal = "m7g.metal",
        R7gMedium = "r7g.medium",
        R7gLarge = "r7g.large",
        R7gXlarge = "r7g.xlarge",
        R7g2xlarge = "r7g.2xlarge",
        R7g4xlarge = "r7g.4xlarge",
        R7g8xlarge = "r7g.8xlarge",
        R7g12xlarge = "r7g.12xlarge",
        R7g16xlarge = "r7g.16xlarge",
        R7gMetal = "r7g.metal",
        C6inMetal = "c6in.metal",
        M6inMetal = "m6in.metal",
        M6idnMetal = "m6idn.metal",
        R6inMetal = "r6in.metal",
        R6idnMetal = "r6idn.metal",
        Inf2Xlarge = "inf2.xlarge",
        Inf28xlarge = "inf2.8xlarge",
        Inf224xlarge = "inf2.24xlarge",
        Inf248xlarge = "inf2.48xlarge",
        Trn1n32xlarge = "trn1n.32xlarge",
        I4gLarge = "i4g.large",
        I4gXlarge = "i4g.xlarge",
        I4g2xlarge = "i4g.2xlarge",
        I4g4xlarge = "i4g.4xlarge",
        I4g8xlarge = "i4g.8xlarge",
        I4g16xlarge = "i4g.16xlarge",
        Hpc7g4xlarge = "hpc7g.4xlarge",
        Hpc7g8xlarge = "hpc7g.8xlarge",
        Hpc7g16xlarge = "hpc7g.16xlarge",
        C7gnMedium = "c7gn.medium",
        C7gnLarge = "c7gn.large",
        C7gnXlarge = "c7gn.xlarge",
        C7gn2xlarge = "c7gn.2xlarge",
        C7gn4xlarge = "c7gn.4xlarge",
        C7gn8xlarge = "c7gn.8xlarge",
        C7gn12xlarge = "c7gn.12xlarge",
        C7gn16xlarge = "c7gn.16xlarge",
        P548xlarge = "p5.48xlarge",
        M7iLarge = "m7i.large",
        M7iXlarge = "m7i.xlarge",
        M7i2xlarge = "m7i.2xlarge",
        M7i4xlarge = "m7i.4xlarge",
        M7i8xlarge = "m7i.8xlarge",
        M7i12xlarge = "m7i.12xlarge",
        M7i16xlarge = "m7i.16xlarge",
        M7i24xlarge = "m7i.24xlarge",
        M7i48xlarge = "m7i.48xlarge",
        M7iFlexLarge = "m7i-flex.large",
        M7iFlexXlarge = "m7i-flex.xlarge",
        M7iFlex2xlarge = "m7i-flex.2xlarge",
        M7iFlex4xlarge = "m7i-flex.4xlarge",
        M7iFlex8xlarge = "m7i-flex.8xlarge",
        M7aMedium = "m7a.medium",
        M7aLarge = "m7a.large",
        M7aXlarge = "m7a.xlarge",
        M7a2xlarge = "m7a.2xlarge",
        M7a4xlarge = "m7a.4xlarge",
        M7a8xlarge = "m7a.8xlarge",
        M7a12xlarge = "m7a.12xlarge",
        M7a16xlarge = "m7a.16xlarge",
        M7a24xlarge = "m7a.24xlarge",
        M7a32xlarge = "m7a.32xlarge",
        M7a48xlarge = "m7a.48xlarge",
        M7aMetal48xl = "m7a.metal-48xl",
        Hpc7a12xlarge = "hpc7a.12xlarge",
        Hpc7a24xlarge = "hpc7a.24xlarge",
        Hpc7a48xlarge = "hpc7a.48xlarge",
        Hpc7a96xlarge = "hpc7a.96xlarge",
        C7gdMedium = "c7gd.medium",
        C7gdLarge = "c7gd.large",
        C7gdXlarge = "c7gd.xlarge",
        C7gd2xlarge = "c7gd.2xlarge",
        C7gd4xlarge = "c7gd.4xlarge",
        C7gd8xlarge = "c7gd.8xlarge",
        C7gd12xlarge = "c7gd.12xlarge",
        C7gd16xlarge = "c7gd.16xlarge",
        M7gdMedium = "m7gd.medium",
        M7gdLarge = "m7gd.large",
        M7gdXlarge = "m7gd.xlarge",
        M7gd2xlarge = "m7gd.2xlarge",
        M7gd4xlarge = "m7gd.4xlarge",
        M7gd8xlarge = "m7gd.8xlarge",
        M7gd12xlarge = "m7gd.12xlarge",
        M7gd16xlarge = "m7gd.16xlarge",
        R7gdMedium = "r7gd.medium",
        R7gdLarge = "r7gd.large",
        R7gdXlarge = "r7gd.xlarge",
        R7gd2xlarge = "r7gd.2xlarge",
        R7gd4xlarge = "r7gd.4xlarge",
        R7gd8xlarge = "r7gd.8xlarge",
        R7gd12xlarge = "r7gd.12xlarge",
        R7gd16xlarge = "r7gd.16xlarge",
        R7aMedium = "r7a.medium",
        R7aLarge = "r7a.large",
        R7aXlarge = "r7a.xlarge",
        R7a2xlarge = "r7a.2xlarge",
        R7a4xlarge = "r7a.4xlarge",
        R7a8xlarge = "r7a.8xlarge",
        R7a12xlarge = "r7a.12xlarge",
        R7a16xlarge = "r7a.16xlarge",
        R7a24xlarge = "r7a.24xlarge",
        R7a32xlarge = "r7a.32xlarge",
        R7a48xlarge = "r7a.48xlarge",
        C7iLarge = "c7i.large",
        C7iXlarge = "c7i.xlarge",
        C7i2xlarge = "c7i.2xlarge",
        C7i4xlarge = "c7i.4xlarge",
        C7i8xlarge = "c7i.8xlarge",
        C7i12xlarge = "c7i.12xlarge",
        C7i16xlarge = "c7i.16xlarge",
        C7i24xlarge = "c7i.24xlarge",
        C7i48xlarge = "c7i.48xlarge",
        Mac2M2proMetal = "mac2-m2pro.metal",
        R7izLarge = "r7iz.large",
        R7izXlarge = "r7iz.xlarge",
        R7iz2xlarge = "r7iz.2xlarge",
        R7iz4xlarge = "r7iz.4xlarge",
        R7iz8xlarge = "r7iz.8xlarge",
        R7iz12xlarge = "r7iz.12xlarge",
        R7iz16xlarge = "r7iz.16xlarge",
        R7iz32xlarge = "r7iz.32xlarge",
        C7aMedium = "c7a.medium",
        C7aLarge = "c7a.large",
        C7aXlarge = "c7a.xlarge",
        C7a2xlarge = "c7a.2xlarge",
        C7a4xlarge = "c7a.4xlarge",
        C7a8xlarge = "c7a.8xlarge",
        C7a12xlarge = "c7a.12xlarge",
        C7a16xlarge = "c7a.16xlarge",
        C7a24xlarge = "c7a.24xlarge",
        C7a32xlarge = "c7a.32xlarge",
        C7a48xlarge = "c7a.48xlarge",
        C7aMetal48xl = "c7a.metal-48xl",
        R7aMetal48xl = "r7a.metal-48xl",
        R7iLarge = "r7i.large",
        R7iXlarge = "r7i.xlarge",
        R7i2xlarge = "r7i.2xlarge",
        R7i4xlarge = "r7i.4xlarge",
        R7i8xlarge = "r7i.8xlarge",
        R7i12xlarge = "r7i.12xlarge",
        R7i16xlarge = "r7i.16xlarge",
        R7i24xlarge = "r7i.24xlarge",
        R7i48xlarge = "r7i.48xlarge",
        Dl2q24xlarge = "dl2q.24xlarge",
        Mac2M2Metal = "mac2-m2.metal",
        I4i12xlarge = "i4i.12xlarge",
        I4i24xlarge = "i4i.24xlarge",
        C7iMetal24xl = "c7i.metal-24xl",
        C7iMetal48xl = "c7i.metal-48xl",
        M7iMetal24xl = "m7i.metal-24xl",
        M7iMetal48xl = "m7i.metal-48xl",
        R7iMetal24xl = "r7i.metal-24xl",
        R7iMetal48xl = "r7i.metal-48xl",
        R7izMetal16xl = "r7iz.metal-16xl",
        R7izMetal32xl = "r7iz.metal-32xl",
        C7gdMetal = "c7gd.metal",
        M7gdMetal = "m7gd.metal",
        R7gdMetal = "r7gd.metal",
        G6Xlarge = "g6.xlarge",
        G62xlarge = "g6.2xlarge",
        G64xlarge = "g6.4xlarge",
        G68xlarge = "g6.8xlarge",
        G612xlarge = "g6.12xlarge",
        G616xlarge = "g6.16xlarge",
        G624xlarge = "g6.24xlarge",
        G648xlarge = "g6.48xlarge",
        Gr64xlarge = "gr6.4xlarge",
        Gr68xlarge = "gr6.8xlarge",
        C7iFlexLarge = "c7i-flex.large",
        C7iFlexXlarge = "c7i-flex.xlarge",
        C7iFlex2xlarge = "c7i-flex.2xlarge",
        C7iFlex4xlarge = "c7i-flex.4xlarge",
        C7iFlex8xlarge = "c7i-flex.8xlarge",
        U7i12tb224xlarge = "u7i-12tb.224xlarge",
        U7in16tb224xlarge = "u7in-16tb.224xlarge",
        U7in24tb224xlarge = "u7in-24tb.224xlarge",
        U7in32tb224xlarge = "u7in-32tb.224xlarge",
        U7ib12tb224xlarge = "u7ib-12tb.224xlarge",
        C7gnMetal = "c7gn.metal",
        R8gMedium = "r8g.medium",
        R8gLarge = "r8g.large",
        R8gXlarge = "r8g.xlarge",
        R8g2xlarge = "r8g.2xlarge",
        R8g4xlarge = "r8g.4xlarge",
        R8g8xlarge = "r8g.8xlarge",
        R8g12xlarge = "r8g.12xlarge",
        R8g16xlarge = "r8g.16xlarge",
        R8g24xlarge = "r8g.24xlarge",
        R8g48xlarge = "r8g.48xlarge",
        R8gMetal24xl = "r8g.metal-24xl",
        R8gMetal48xl = "r8g.metal-48xl",
        Mac2M1ultraMetal = "mac2-m1ultra.metal",
        G6eXlarge = "g6e.xlarge",
        G6e2xlarge = "g6e.2xlarge",
        G6e4xlarge = "g6e.4xlarge",
        G6e8xlarge = "g6e.8xlarge",
        G6e12xlarge = "g6e.12xlarge",
        G6e16xlarge = "g6e.16xlarge",
        G6e24xlarge = "g6e.24xlarge",
        G6e48xlarge = "g6e.48xlarge",
        C8gMedium = "c8g.medium",
        C8gLarge = "c8g.large",
        C8gXlarge = "c8g.xlarge",
        C8g2xlarge = "c8g.2xlarge",
        C8g4xlarge = "c8g.4xlarge",
        C8g8xlarge = "c8g.8xlarge",
        C8g12xlarge = "c8g.12xlarge",
        C8g16xlarge = "c8g.16xlarge",
        C8g24xlarge = "c8g.24xlarge",
        C8g48xlarge = "c8g.48xlarge",
        C8gMetal24xl = "c8g.metal-24xl",
        C8gMetal48xl = "c8g.metal-48xl",
        M8gMedium = "m8g.medium",
        M8gLarge = "m8g.large",
        M8gXlarge = "m8g.xlarge",
        M8g2xlarge = "m8g.2xlarge",
        M8g4xlarge = "m8g.4xlarge",
        M8g8xlarge = "m8g.8xlarge",
        M8g12xlarge = "m8g.12xlarge",
        M8g16xlarge = "m8g.16xlarge",
        M8g24xlarge = "m8g.24xlarge",
        M8g48xlarge = "m8g.48xlarge",
        M8gMetal24xl = "m8g.metal-24xl",
        M8gMetal48xl = "m8g.metal-48xl",
        X8gMedium = "x8g.medium",
        X8gLarge = "x8g.large",
        X8gXlarge = "x8g.xlarge",
        X8g2xlarge = "x8g.2xlarge",
        X8g4xlarge = "x8g.4xlarge",
        X8g8xlarge = "x8g.8xlarge",
        X8g12xlarge = "x8g.12xlarge",
        X8g16xlarge = "x8g.16xlarge",
        X8g24xlarge = "x8g.24xlarge",
        X8g48xlarge = "x8g.48xlarge",
        X8gMetal24xl = "x8g.metal-24xl",
        X8gMetal48xl = "x8g.metal-48xl",
        I7ieLarge = "i7ie.large",
        I7ieXlarge = "i7ie.xlarge",
        I7ie2xlarge = "i7ie.2xlarge",
        I7ie3xlarge = "i7ie.3xlarge",
        I7ie6xlarge = "i7ie.6xlarge",
        I7ie12xlarge = "i7ie.12xlarge",
        I7ie18xlarge = "i7ie.18xlarge",
        I7ie24xlarge = "i7ie.24xlarge",
        I7ie48xlarge = "i7ie.48xlarge",
        I8gLarge = "i8g.large",
        I8gXlarge = "i8g.xlarge",
        I8g2xlarge = "i8g.2xlarge",
        I8g4xlarge = "i8g.4xlarge",
        I8g8xlarge = "i8g.8xlarge",
        I8g12xlarge = "i8g.12xlarge",
        I8g16xlarge = "i8g.16xlarge",
        I8g24xlarge = "i8g.24xlarge",
        I8gMetal24xl = "i8g.metal-24xl",
        U7i6tb112xlarge = "u7i-6tb.112xlarge",
        U7i8tb112xlarge = "u7i-8tb.112xlarge",
        U7inh32tb480xlarge = "u7inh-32tb.480xlarge",
        P5e48xlarge = "p5e.48xlarge",
        P5en48xlarge = "p5en.48xlarge",
        F212xlarge = "f2.12xlarge",
        F248xlarge = "f2.48xlarge",
        Trn248xlarge = "trn2.48xlarge",
        C7iFlex12xlarge = "c7i-flex.12xlarge",
        C7iFlex16xlarge = "c7i-flex.16xlarge",
        M7iFlex12xlarge = "m7i-flex.12xlarge",
        M7iFlex16xlarge = "m7i-flex.16xlarge",
        I7ieMetal24xl = "i7ie.metal-24xl",
        I7ieMetal48xl = "i7ie.metal-48xl",
        I8g48xlarge = "i8g.48xlarge",
        C8gdMedium = "c8gd.medium",
        C8gdLarge = "c8gd.large",
        C8gdXlarge = "c8gd.xlarge",
        C8gd2xlarge = "c8gd.2xlarge",
        C8gd4xlarge = "c8gd.4xlarge",
        C8gd8xlarge = "c8gd.8xlarge",
        C8gd12xlarge = "c8gd.12xlarge",
        C8gd16xlarge = "c8gd.16xlarge",
        C8gd24xlarge = "c8gd.24xlarge",
        C8gd48xlarge = "c8gd.48xlarge",
        C8gdMetal24xl = "c8gd.metal-24xl",
        C8gdMetal48xl = "c8gd.metal-48xl",
        I7iLarge = "i7i.large",
        I7iXlarge = "i7i.xlarge",
        I7i2xlarge = "i7i.2xlarge",
        I7i4xlarge = "i7i.4xlarge",
        I7i8xlarge = "i7i.8xlarge",
        I7i12xlarge = "i7i.12xlarge",
        I7i16xlarge = "i7i.16xlarge",
        I7i24xlarge = "i7i.24xlarge",
        I7i48xlarge = "i7i.48xlarge",
        I7iMetal24xl = "i7i.metal-24xl",
        I7iMetal48xl = "i7i.metal-48xl",
        P6B20048xlarge = "p6-b200.48xlarge",
        M8gdMedium = "m8gd.medium",
        M8gdLarge = "m8gd.large",
        M8gdXlarge = "m8gd.xlarge",
        M8gd2xlarge = "m8gd.2xlarge",
        M8gd4xlarge = "m8gd.4xlarge",
        M8gd8xlarge = "m8gd.8xlarge",
        M8gd12xlarge = "m8gd.12xlarge",
        M8gd16xlarge = "m8gd.16xlarge",
        M8gd24xlarge = "m8gd.24xlarge",
        M8gd48xlarge = "m8gd.48xlarge",
        M8gdMetal24xl = "m8gd.metal-24xl",
        M8gdMetal48xl = "m8gd.metal-48xl",
        R8gdMedium = "r8gd.medium",
        R8gdLarge = "r8gd.large",
        R8gdXlarge = "r8gd.xlarge",
        R8gd2xlarge = "r8gd.2xlarge",
        R8gd4xlarge = "r8gd.4xlarge",
        R8gd8xlarge = "r8gd.8xlarge",
        R8gd12xlarge = "r8gd.12xlarge",
        R8gd16xlarge = "r8gd.16xlarge",
        R8gd24xlarge = "r8gd.24xlarge",
        R8gd48xlarge = "r8gd.48xlarge",
        R8gdMetal24xl = "r8gd.metal-24xl",
        R8gdMetal48xl = "r8gd.metal-48xl",
        C8gnMedium = "c8gn.medium",
        C8gnLarge = "c8gn.large",
        C8gnXlarge = "c8gn.xlarge",
        C8gn2xlarge = "c8gn.2xlarge",
        C8gn4xlarge = "c8gn.4xlarge",
        C8gn8xlarge = "c8gn.8xlarge",
        C8gn12xlarge = "c8gn.12xlarge",
        C8gn16xlarge = "c8gn.16xlarge",
        C8gn24xlarge = "c8gn.24xlarge",
        C8gn48xlarge = "c8gn.48xlarge",
        C8gnMetal24xl = "c8gn.metal-24xl",
        C8gnMetal48xl = "c8gn.metal-48xl",
        F26xlarge = "f2.6xlarge",
        P6eGb20036xlarge = "p6e-gb200.36xlarge",
        G6fLarge = "g6f.large",
        G6fXlarge = "g6f.xlarge",
        G6f2xlarge = "g6f.2xlarge",
        G6f4xlarge = "g6f.4xlarge",
        Gr6f4xlarge = "gr6f.4xlarge",
        P54xlarge = "p5.4xlarge",
        R8iLarge = "r8i.large",
        R8iXlarge = "r8i.xlarge",
        R8i2xlarge = "r8i.2xlarge",
        R8i4xlarge = "r8i.4xlarge",
        R8i8xlarge = "r8i.8xlarge",
        R8i12xlarge = "r8i.12xlarge",
        R8i16xlarge = "r8i.16xlarge",
        R8i24xlarge = "r8i.24xlarge",
        R8i32xlarge = "r8i.32xlarge",
        R8i48xlarge = "r8i.48xlarge",
        R8i96xlarge = "r8i.96xlarge",
        R8iMetal48xl = "r8i.metal-48xl",
        R8iMetal96xl = "r8i.metal-96xl",
        R8iFlexLarge = "r8i-flex.large",
        R8iFlexXlarge = "r8i-flex.xlarge",
        R8iFlex2xlarge = "r8i-flex.2xlarge",
        R8iFlex4xlarge = "r8i-flex.4xlarge",
        R8iFlex8xlarge = "r8i-flex.8xlarge",
        R8iFlex12xlarge = "r8i-flex.12xlarge",
        R8iFlex16xlarge = "r8i-flex.16xlarge",
        M8iLarge = "m8i.large",
        M8iXlarge = "m8i.xlarge",
        M8i2xlarge = "m8i.2xlarge",
        M8i4xlarge = "m8i.4xlarge",
        M8i8xlarge = "m8i.8xlarge",
        M8i12xlarge = "m8i.12xlarge",
        M8i16xlarge = "m8i.16xlarge",
        M8i24xlarge = "m8i.24xlarge",
        M8i32xlarge = "m8i.32xlarge",
        M8i48xlarge = "m8i.48xlarge",
        M8i96xlarge = "m8i.96xlarge",
        M8iMetal48xl = "m8i.metal-48xl",
        M8iMetal96xl = "m8i.metal-96xl",
        M8iFlexLarge = "m8i-flex.large",
        M8iFlexXlarge = "m8i-flex.xlarge",
        M8iFlex2xlarge = "m8i-flex.2xlarge",
        M8iFlex4xlarge = "m8i-flex.4xlarge",
        M8iFlex8xlarge = "m8i-flex.8xlarge",
        M8iFlex12xlarge = "m8i-flex.12xlarge",
        M8iFlex16xlarge = "m8i-flex.16xlarge",
        I8geLarge = "i8ge.large",
        I8geXlarge = "i8ge.xlarge",
        I8ge2xlarge = "i8ge.2xlarge",
        I8ge3xlarge = "i8ge.3xlarge",
        I8ge6xlarge = "i8ge.6xlarge",
        I8ge12xlarge = "i8ge.12xlarge",
        I8ge18xlarge = "i8ge.18xlarge",
        I8ge24xlarge = "i8ge.24xlarge",
        I8ge48xlarge = "i8ge.48xlarge",
        I8geMetal24xl = "i8ge.metal-24xl",
        I8geMetal48xl = "i8ge.metal-48xl",
        MacM4Metal = "mac-m4.metal",
        MacM4proMetal = "mac-m4pro.metal",
        R8gnMedium = "r8gn.medium",
        R8gnLarge = "r8gn.large",
        R8gnXlarge = "r8gn.xlarge",
        R8gn2xlarge = "r8gn.2xlarge",
        R8gn4xlarge = "r8gn.4xlarge",
        R8gn8xlarge = "r8gn.8xlarge",
        R8gn12xlarge = "r8gn.12xlarge",
        R8gn16xlarge = "r8gn.16xlarge",
        R8gn24xlarge = "r8gn.24xlarge",
        R8gn48xlarge = "r8gn.48xlarge",
        R8gnMetal24xl = "r8gn.metal-24xl",
        R8gnMetal48xl = "r8gn.metal-48xl",
        C8iLarge = "c8i.large",
        C8iXlarge = "c8i.xlarge",
        C8i2xlarge = "c8i.2xlarge",
        C8i4xlarge = "c8i.4xlarge",
        C8i8xlarge = "c8i.8xlarge",
        C8i12xlarge = "c8i.12xlarge",
        C8i16xlarge = "c8i.16xlarge",
        C8i24xlarge = "c8i.24xlarge",
        C8i32xlarge = "c8i.32xlarge",
        C8i48xlarge = "c8i.48xlarge",
        C8i96xlarge = "c8i.96xlarge",
        C8iMetal48xl = "c8i.metal-48xl",
        C8iMetal96xl = "c8i.metal-96xl",
        C8iFlexLarge = "c8i-flex.large",
        C8iFlexXlarge = "c8i-flex.xlarge",
        C8iFlex2xlarge = "c8i-flex.2xlarge",
        C8iFlex4xlarge = "c8i-flex.4xlarge",
        C8iFlex8xlarge = "c8i-flex.8xlarge",
        C8iFlex12xlarge = "c8i-flex.12xlarge",
        C8iFlex16xlarge = "c8i-flex.16xlarge",
        R8gbMedium = "r8gb.medium",
        R8gbLarge = "r8gb.large",
        R8gbXlarge = "r8gb.xlarge",
        R8gb2xlarge = "r8gb.2xlarge",
        R8gb4xlarge = "r8gb.4xlarge",
        R8gb8xlarge = "r8gb.8xlarge",
        R8gb12xlarge = "r8gb.12xlarge",
        R8gb16xlarge = "r8gb.16xlarge",
        R8gb24xlarge = "r8gb.24xlarge",
        R8gbMetal24xl = "r8gb.metal-24xl",
        M8aMedium = "m8a.medium",
        M8aLarge = "m8a.large",
        M8aXlarge = "m8a.xlarge",
        M8a2xlarge = "m8a.2xlarge",
        M8a4xlarge = "m8a.4xlarge",
        M8a8xlarge = "m8a.8xlarge",
        M8a12xlarge = "m8a.12xlarge",
        M8a16xlarge = "m8a.16xlarge",
        M8a24xlarge = "m8a.24xlarge",
        M8a48xlarge = "m8a.48xlarge",
        M8aMetal24xl = "m8a.metal-24xl",
        M8aMetal48xl = "m8a.metal-48xl",
        Trn23xlarge = "trn2.3xlarge",
        R8aMedium = "r8a.medium",
        R8aLarge = "r8a.large",
        R8aXlarge = "r8a.xlarge",
        R8a2xlarge = "r8a.2xlarge",
        R8a4xlarge = "r8a.4xlarge",
        R8a8xlarge = "r8a.8xlarge",
        R8a12xlarge = "r8a.12xlarge",
        R8a16xlarge = "r8a.16xlarge",
        R8a24xlarge = "r8a.24xlarge",
        R8a48xlarge = "r8a.48xlarge",
        R8aMetal24xl = "r8a.metal-24xl",
        R8aMetal48xl = "r8a.metal-48xl",
        P6B30048xlarge = "p6-b300.48xlarge",
        C8aMedium = "c8a.medium",
        C8aLarge = "c8a.large",
        C8aXlarge = "c8a.xlarge",
        C8a2xlarge = "c8a.2xlarge",
        C8a4xlarge = "c8a.4xlarge",
        C8a8xlarge = "c8a.8xlarge",
        C8a12xlarge = "c8a.12xlarge",
        C8a16xlarge = "c8a.16xlarge",
        C8a24xlarge = "c8a.24xlarge",
        C8a48xlarge = "c8a.48xlarge",
        C8aMetal24xl = "c8a.metal-24xl",
        C8aMetal48xl = "c8a.metal-48xl",
        C8gb12xlarge = "c8gb.12xlarge",
        C8gb16xlarge = "c8gb.16xlarge",
        C8gb24xlarge = "c8gb.24xlarge",
        C8gb2xlarge = "c8gb.2xlarge",
        C8gb4xlarge = "c8gb.4xlarge",
        C8gb8xlarge = "c8gb.8xlarge",
        C8gbLarge = "c8gb.large",
        C8gbMedium = "c8gb.medium",
        C8gbMetal24xl = "c8gb.metal-24xl",
        C8gbXlarge = "c8gb.xlarge",
        C8gb48xlarge = "c8gb.48xlarge",
        C8gbMetal48xl = "c8gb.metal-48xl",
        M8gb12xlarge = "m8gb.12xlarge",
        M8gb16xlarge = "m8gb.16xlarge",
        M8gb24xlarge = "m8gb.24xlarge",
        M8gb2xlarge = "m8gb.2xlarge",
        M8gb4xlarge = "m8gb.4xlarge",
        M8gb8xlarge = "m8gb.8xlarge",
        M8gbLarge = "m8gb.large",
        M8gbMedium = "m8gb.medium",
        M8gbXlarge = "m8gb.xlarge",
        M8gb48xlarge = "m8gb.48xlarge",
        M8gbMetal24xl = "m8gb.metal-24xl",
        M8gbMetal48xl = "m8gb.metal-48xl",
        M8gn12xlarge = "m8gn.12xlarge",
        M8gn16xlarge = "m8gn.16xlarge",
        M8gn24xlarge = "m8gn.24xlarge",
        M8gn2xlarge = "m8gn.2xlarge",
        M8gn48xlarge = "m8gn.48xlarge",
        M8gn4xlarge = "m8gn.4xlarge",
        M8gn8xlarge = "m8gn.8xlarge",
        M8gnLarge = "m8gn.large",
        M8gnMedium = "m8gn.medium",
        M8gnXlarge = "m8gn.xlarge",
        M8gnMetal24xl = "m8gn.metal-24xl",
        M8gnMetal48xl = "m8gn.metal-48xl",
        X8aedz12xlarge = "x8aedz.12xlarge",
        X8aedz24xlarge = "x8aedz.24xlarge",
        X8aedz3xlarge = "x8aedz.3xlarge",
        X8aedz6xlarge = "x8aedz.6xlarge",
        X8aedzLarge = "x8aedz.large",
        X8aedzMetal12xl = "x8aedz.metal-12xl",
        X8aedzMetal24xl = "x8aedz.metal-24xl",
        X8aedzXlarge = "x8aedz.xlarge",
        M8aznMedium = "m8azn.medium",
        M8aznLarge = "m8azn.large",
        M8aznXlarge = "m8azn.xlarge",
        M8azn3xlarge = "m8azn.3xlarge",
        M8azn6xlarge = "m8azn.6xlarge",
        M8azn12xlarge = "m8azn.12xlarge",
        M8azn24xlarge = "m8azn.24xlarge",
        M8aznMetal12xl = "m8azn.metal-12xl",
        M8aznMetal24xl = "m8azn.metal-24xl",
        X8iLarge = "x8i.large",
        X8iXlarge = "x8i.xlarge",
        X8i2xlarge = "x8i.2xlarge",
        X8i4xlarge = "x8i.4xlarge",
        X8i8xlarge = "x8i.8xlarge",
        X8i12xlarge = "x8i.12xlarge",
        X8i16xlarge = "x8i.16xlarge",
        X8i24xlarge = "x8i.24xlarge",
        X8i32xlarge = "x8i.32xlarge",
        X8i48xlarge = "x8i.48xlarge",
        X8i64xlarge = "x8i.64xlarge",
        X8i96xlarge = "x8i.96xlarge",
        X8iMetal48xl = "x8i.metal-48xl",
        X8iMetal96xl = "x8i.metal-96xl",
        MacM4maxMetal = "mac-m4max.metal",
        G7e2xlarge = "g7e.2xlarge",
        G7e4xlarge = "g7e.4xlarge",
        G7e8xlarge = "g7e.8xlarge",
        G7e12xlarge = "g7e.12xlarge",
        G7e24xlarge = "g7e.24xlarge",
        G7e48xlarge = "g7e.48xlarge",
        R8idLarge = "r8id.large",
        R8idXlarge = "r8id.xlarge",
        R8id2xlarge = "r8id.2xlarge",
        R8id4xlarge = "r8id.4xlarge",
        R8id8xlarge = "r8id.8xlarge",
        R8id12xlarge = "r8id.12xlarge",
        R8id16xlarge = "r8id.16xlarge",
        R8id24xlarge = "r8id.24xlarge",
        R8id32xlarge = "r8id.32xlarge",
        R8id48xlarge = "r8id.48xlarge",
        R8id96xlarge = "r8id.96xlarge",
        R8idMetal48xl = "r8id.metal-48xl",
        R8idMetal96xl = "r8id.metal-96xl",
        C8idLarge = "c8id.large",
        C8idXlarge = "c8id.xlarge",
        C8id2xlarge = "c8id.2xlarge",
        C8id4xlarge = "c8id.4xlarge",
        C8id8xlarge = "c8id.8xlarge",
        C8id12xlarge = "c8id.12xlarge",
        C8id16xlarge = "c8id.16xlarge",
        C8id24xlarge = "c8id.24xlarge",
        C8id32xlarge = "c8id.32xlarge",
        C8id48xlarge = "c8id.48xlarge",
        C8id96xlarge = "c8id.96xlarge",
        C8idMetal48xl = "c8id.metal-48xl",
        C8idMetal96xl = "c8id.metal-96xl",
        M8idLarge = "m8id.large",
        M8idXlarge = "m8id.xlarge",
        M8id2xlarge = "m8id.2xlarge",
        M8id4xlarge = "m8id.4xlarge",
        M8id8xlarge = "m8id.8xlarge",
        M8id12xlarge = "m8id.12xlarge",
        M8id16xlarge = "m8id.16xlarge",
        M8id24xlarge = "m8id.24xlarge",
        M8id32xlarge = "m8id.32xlarge",
        M8id48xlarge = "m8id.48xlarge",
        M8id96xlarge = "m8id.96xlarge",
        M8idMetal48xl = "m8id.metal-48xl",
        M8idMetal96xl = "m8id.metal-96xl",
        Hpc8a96xlarge = "hpc8a.96xlarge",
    }
}

wire::string_enum! {
    /// `IpAddressType`: one of the model's values, or one it does not name.
    IpAddressType {
        Ipv4 = "ipv4",
        Dualstack = "dualstack",
        Ipv6 = "ipv6",
    }
}

wire::string_enum! {
    /// `IpSource`: one of the model's values, or one it does not name.
    IpSource {
        Amazon = "amazon",
        Byoip = "byoip",
        None = "none",
    }
}

/// `Ipv4PrefixSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ipv4PrefixSpecification {
    #[serde(rename = "Ipv4Prefix", default, skip_serializing_if = "Option::is_none")]
    pub ipv4_prefix: Option<String>,
}

/// `Ipv4PrefixSpecificationRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ipv4PrefixSpecificationRequest {
    #[serde(rename = "Ipv4Prefix", default, skip_serializing_if = "Option::is_none")]
    pub ipv4_prefix: Option<String>,
}

wire::string_enum! {
    /// `Ipv6AddressAttribute`: one of the model's values, or one it does not name.
    Ipv6AddressAttribute {
        Public = "public",
        Private = "private",
    }
}

/// `Ipv6PrefixSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ipv6PrefixSpecification {
    #[serde(rename = "Ipv6Prefix", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_prefix: Option<String>,
}

/// `Ipv6PrefixSpecificationRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ipv6PrefixSpecificationRequest {
    #[serde(rename = "Ipv6Prefix", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_prefix: Option<String>,
}

/// `LastError`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LastError {
    #[serde(rename = "Code", default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(rename = "Message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// `LaunchTemplate`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LaunchTemplate {
    #[serde(rename = "CreateTime", default, skip_serializing_if = "Option::is_none")]
    pub create_time: Option<Timestamp>,
    #[serde(rename = "CreatedBy", default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(rename = "DefaultVersionNumber", default, skip_serializing_if = "Option::is_none")]
    pub default_version_number: Option<i64>,
    #[serde(rename = "LatestVersionNumber", default, skip_serializing_if = "Option::is_none")]
    pub latest_version_number: Option<i64>,
    #[serde(rename = "LaunchTemplateId", default, skip_serializing_if = "Option::is_none")]
    pub launch_template_id: Option<String>,
    #[serde(rename = "LaunchTemplateName", default, skip_serializing_if = "Option::is_none")]
    pub launch_template_name: Option<String>,
    #[serde(rename = "Operator", default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<OperatorResponse>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

/// `LaunchTemplateSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LaunchTemplateSpecification {
    #[serde(rename = "LaunchTemplateId", default, skip_serializing_if = "Option::is_none")]
    pub launch_template_id: Option<String>,
    #[serde(rename = "LaunchTemplateName", default, skip_serializing_if = "Option::is_none")]
    pub launch_template_name: Option<String>,
    #[serde(rename = "Version", default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// `LicenseConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LicenseConfiguration {
    #[serde(rename = "LicenseConfigurationArn", default, skip_serializing_if = "Option::is_none")]
    pub license_configuration_arn: Option<String>,
}

/// `LicenseConfigurationRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LicenseConfigurationRequest {
    #[serde(rename = "LicenseConfigurationArn", default, skip_serializing_if = "Option::is_none")]
    pub license_configuration_arn: Option<String>,
}

/// `ManagedPrefixList`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ManagedPrefixList {
    #[serde(rename = "AddressFamily", default, skip_serializing_if = "Option::is_none")]
    pub address_family: Option<String>,
    #[serde(rename = "IpamPrefixListResolverSyncEnabled", default, skip_serializing_if = "Option::is_none")]
    pub ipam_prefix_list_resolver_sync_enabled: Option<bool>,
    #[serde(rename = "IpamPrefixListResolverTargetId", default, skip_serializing_if = "Option::is_none")]
    pub ipam_prefix_list_resolver_target_id: Option<String>,
    #[serde(rename = "MaxEntries", default, skip_serializing_if = "Option::is_none")]
    pub max_entries: Option<i32>,
    #[serde(rename = "OwnerId", default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    #[serde(rename = "PrefixListArn", default, skip_serializing_if = "Option::is_none")]
    pub prefix_list_arn: Option<String>,
    #[serde(rename = "PrefixListId", default, skip_serializing_if = "Option::is_none")]
    pub prefix_list_id: Option<String>,
    #[serde(rename = "PrefixListName", default, skip_serializing_if = "Option::is_none")]
    pub prefix_list_name: Option<String>,
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<PrefixListState>,
    #[serde(rename = "StateMessage", default, skip_serializing_if = "Option::is_none")]
    pub state_message: Option<String>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(rename = "Version", default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

wire::string_enum! {
    /// `MarketType`: one of the model's values, or one it does not name.
    MarketType {
        Spot = "spot",
        CapacityBlock = "capacity-block",
        InterruptibleCapacityReservation = "interruptible-capacity-reservation",
    }
}

/// `ModifyNetworkInterfaceAttributeRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModifyNetworkInterfaceAttributeRequest {
    #[serde(rename = "AssociatePublicIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub associate_public_ip_address: Option<bool>,
    #[serde(rename = "AssociatedSubnetIds", default, skip_serializing_if = "Option::is_none")]
    pub associated_subnet_ids: Option<Vec<String>>,
    #[serde(rename = "Attachment", default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<NetworkInterfaceAttachmentChanges>,
    #[serde(rename = "ConnectionTrackingSpecification", default, skip_serializing_if = "Option::is_none")]
    pub connection_tracking_specification: Option<ConnectionTrackingSpecificationRequest>,
    #[serde(rename = "Description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<AttributeValue>,
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "EnaSrdSpecification", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_specification: Option<EnaSrdSpecification>,
    #[serde(rename = "EnablePrimaryIpv6", default, skip_serializing_if = "Option::is_none")]
    pub enable_primary_ipv6: Option<bool>,
    #[serde(rename = "Groups", default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<String>>,
    #[serde(rename = "NetworkInterfaceId")]
    pub network_interface_id: String,
    #[serde(rename = "SourceDestCheck", default, skip_serializing_if = "Option::is_none")]
    pub source_dest_check: Option<AttributeBooleanValue>,
}

/// `Monitoring`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Monitoring {
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<MonitoringState>,
}

wire::string_enum! {
    /// `MonitoringState`: one of the model's values, or one it does not name.
    MonitoringState {
        Disabled = "disabled",
        Disabling = "disabling",
        Enabled = "enabled",
        Pending = "pending",
    }
}

wire::string_enum! {
    /// `NestedVirtualizationSpecification`: one of the model's values, or one it does not name.
    NestedVirtualizationSpecification {
        Enabled = "enabled",
        Disabled = "disabled",
    }
}

/// `NetworkInterface`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkInterface {
    #[serde(rename = "AssociatedSubnets", default, skip_serializing_if = "Option::is_none")]
    pub associated_subnets: Option<Vec<String>>,
    #[serde(rename = "Association", default, skip_serializing_if = "Option::is_none")]
    pub association: Option<NetworkInterfaceAssociation>,
    #[serde(rename = "Attachment", default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<NetworkInterfaceAttachment>,
    #[serde(rename = "AvailabilityZone", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
    #[serde(rename = "AvailabilityZoneId", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_id: Option<String>,
    #[serde(rename = "ConnectionTrackingConfiguration", default, skip_serializing_if = "Option::is_none")]
    pub connection_tracking_configuration: Option<ConnectionTrackingConfiguration>,
    #[serde(rename = "DenyAllIgwTraffic", default, skip_serializing_if = "Option::is_none")]
    pub deny_all_igw_traffic: Option<bool>,
    #[serde(rename = "Description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "Groups", default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<GroupIdentifier>>,
    #[serde(rename = "InterfaceType", default, skip_serializing_if = "Option::is_none")]
    pub interface_type: Option<NetworkInterfaceType>,
    #[serde(rename = "Ipv4Prefixes", default, skip_serializing_if = "Option::is_none")]
    pub ipv4_prefixes: Option<Vec<Ipv4PrefixSpecification>>,
    #[serde(rename = "Ipv6Address", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_address: Option<String>,
    #[serde(rename = "Ipv6Addresses", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_addresses: Option<Vec<NetworkInterfaceIpv6Address>>,
    #[serde(rename = "Ipv6Native", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_native: Option<bool>,
    #[serde(rename = "Ipv6Prefixes", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_prefixes: Option<Vec<Ipv6PrefixSpecification>>,
    #[serde(rename = "MacAddress", default, skip_serializing_if = "Option::is_none")]
    pub mac_address: Option<String>,
    #[serde(rename = "NetworkInterfaceId", default, skip_serializing_if = "Option::is_none")]
    pub network_interface_id: Option<String>,
    #[serde(rename = "Operator", default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<OperatorResponse>,
    #[serde(rename = "OutpostArn", default, skip_serializing_if = "Option::is_none")]
    pub outpost_arn: Option<String>,
    #[serde(rename = "OwnerId", default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    #[serde(rename = "PrivateDnsName", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_name: Option<String>,
    #[serde(rename = "PrivateIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<String>,
    #[serde(rename = "PrivateIpAddresses", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_addresses: Option<Vec<NetworkInterfacePrivateIpAddress>>,
    #[serde(rename = "PublicDnsName", default, skip_serializing_if = "Option::is_none")]
    pub public_dns_name: Option<String>,
    #[serde(rename = "PublicIpDnsNameOptions", default, skip_serializing_if = "Option::is_none")]
    pub public_ip_dns_name_options: Option<PublicIpDnsNameOptions>,
    #[serde(rename = "RequesterId", default, skip_serializing_if = "Option::is_none")]
    pub requester_id: Option<String>,
    #[serde(rename = "RequesterManaged", default, skip_serializing_if = "Option::is_none")]
    pub requester_managed: Option<bool>,
    #[serde(rename = "SourceDestCheck", default, skip_serializing_if = "Option::is_none")]
    pub source_dest_check: Option<bool>,
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<NetworkInterfaceStatus>,
    #[serde(rename = "SubnetId", default, skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
    #[serde(rename = "TagSet", default, skip_serializing_if = "Option::is_none")]
    pub tag_set: Option<Vec<Tag>>,
    #[serde(rename = "VpcId", default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
}

/// `NetworkInterfaceAssociation`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkInterfaceAssociation {
    #[serde(rename = "AllocationId", default, skip_serializing_if = "Option::is_none")]
    pub allocation_id: Option<String>,
    #[serde(rename = "AssociationId", default, skip_serializing_if = "Option::is_none")]
    pub association_id: Option<String>,
    #[serde(rename = "CarrierIp", default, skip_serializing_if = "Option::is_none")]
    pub carrier_ip: Option<String>,
    #[serde(rename = "CustomerOwnedIp", default, skip_serializing_if = "Option::is_none")]
    pub customer_owned_ip: Option<String>,
    #[serde(rename = "IpOwnerId", default, skip_serializing_if = "Option::is_none")]
    pub ip_owner_id: Option<String>,
    #[serde(rename = "PublicDnsName", default, skip_serializing_if = "Option::is_none")]
    pub public_dns_name: Option<String>,
    #[serde(rename = "PublicIp", default, skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<String>,
}

/// `NetworkInterfaceAttachment`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkInterfaceAttachment {
    #[serde(rename = "AttachTime", default, skip_serializing_if = "Option::is_none")]
    pub attach_time: Option<Timestamp>,
    #[serde(rename = "AttachmentId", default, skip_serializing_if = "Option::is_none")]
    pub attachment_id: Option<String>,
    #[serde(rename = "DeleteOnTermination", default, skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
    #[serde(rename = "DeviceIndex", default, skip_serializing_if = "Option::is_none")]
    pub device_index: Option<i32>,
    #[serde(rename = "EnaQueueCount", default, skip_serializing_if = "Option::is_none")]
    pub ena_queue_count: Option<i32>,
    #[serde(rename = "EnaSrdSpecification", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_specification: Option<AttachmentEnaSrdSpecification>,
    #[serde(rename = "InstanceId", default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    #[serde(rename = "InstanceOwnerId", default, skip_serializing_if = "Option::is_none")]
    pub instance_owner_id: Option<String>,
    #[serde(rename = "NetworkCardIndex", default, skip_serializing_if = "Option::is_none")]
    pub network_card_index: Option<i32>,
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AttachmentStatus>,
}

/// `NetworkInterfaceAttachmentChanges`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkInterfaceAttachmentChanges {
    #[serde(rename = "AttachmentId", default, skip_serializing_if = "Option::is_none")]
    pub attachment_id: Option<String>,
    #[serde(rename = "DefaultEnaQueueCount", default, skip_serializing_if = "Option::is_none")]
    pub default_ena_queue_count: Option<bool>,
    #[serde(rename = "DeleteOnTermination", default, skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
    #[serde(rename = "EnaQueueCount", default, skip_serializing_if = "Option::is_none")]
    pub ena_queue_count: Option<i32>,
}

wire::string_enum! {
    /// `NetworkInterfaceCreationType`: one of the model's values, or one it does not name.
    NetworkInterfaceCreationType {
        Efa = "efa",
        EfaOnly = "efa-only",
        Branch = "branch",
        Trunk = "trunk",
    }
}

/// `NetworkInterfaceIpv6Address`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkInterfaceIpv6Address {
    #[serde(rename = "Ipv6Address", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_address: Option<String>,
    #[serde(rename = "IsPrimaryIpv6", default, skip_serializing_if = "Option::is_none")]
    pub is_primary_ipv6: Option<bool>,
    #[serde(rename = "PublicIpv6DnsName", default, skip_serializing_if = "Option::is_none")]
    pub public_ipv6_dns_name: Option<String>,
}

/// `NetworkInterfacePrivateIpAddress`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkInterfacePrivateIpAddress {
    #[serde(rename = "Association", default, skip_serializing_if = "Option::is_none")]
    pub association: Option<NetworkInterfaceAssociation>,
    #[serde(rename = "Primary", default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<bool>,
    #[serde(rename = "PrivateDnsName", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_name: Option<String>,
    #[serde(rename = "PrivateIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<String>,
}

wire::string_enum! {
    /// `NetworkInterfaceStatus`: one of the model's values, or one it does not name.
    NetworkInterfaceStatus {
        Available = "available",
        Associated = "associated",
        Attaching = "attaching",
        InUse = "in-use",
        Detaching = "detaching",
    }
}

wire::string_enum! {
    /// `NetworkInterfaceType`: one of the model's values, or one it does not name.
    NetworkInterfaceType {
        Interface = "interface",
        NatGateway = "natGateway",
        Efa = "efa",
        EfaOnly = "efa-only",
        Trunk = "trunk",
        LoadBalancer = "load_balancer",
        NetworkLoadBalancer = "network_load_balancer",
        VpcEndpoint = "vpc_endpoint",
        Branch = "branch",
        TransitGateway = "transit_gateway",
        Lambda = "lambda",
        Quicksight = "quicksight",
        GlobalAcceleratorManaged = "global_accelerator_managed",
        ApiGatewayManaged = "api_gateway_managed",
        GatewayLoadBalancer = "gateway_load_balancer",
        GatewayLoadBalancerEndpoint = "gateway_load_balancer_endpoint",
        IotRulesManaged = "iot_rules_managed",
        AwsCodestarConnectionsManaged = "aws_codestar_connections_managed",
    }
}

/// `NewDhcpConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewDhcpConfiguration {
    #[serde(rename = "Key", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(rename = "Values", default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
}

/// `OperatorRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OperatorRequest {
    #[serde(rename = "Principal", default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
}

/// `OperatorResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OperatorResponse {
    #[serde(rename = "HiddenByDefault", default, skip_serializing_if = "Option::is_none")]
    pub hidden_by_default: Option<bool>,
    #[serde(rename = "Managed", default, skip_serializing_if = "Option::is_none")]
    pub managed: Option<bool>,
    #[serde(rename = "Principal", default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
}

/// `Placement`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    #[serde(rename = "Affinity", default, skip_serializing_if = "Option::is_none")]
    pub affinity: Option<String>,
    #[serde(rename = "AvailabilityZone", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
    #[serde(rename = "AvailabilityZoneId", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_id: Option<String>,
    #[serde(rename = "GroupId", default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    #[serde(rename = "GroupName", default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    #[serde(rename = "HostId", default, skip_serializing_if = "Option::is_none")]
    pub host_id: Option<String>,
    #[serde(rename = "HostResourceGroupArn", default, skip_serializing_if = "Option::is_none")]
    pub host_resource_group_arn: Option<String>,
    #[serde(rename = "PartitionNumber", default, skip_serializing_if = "Option::is_none")]
    pub partition_number: Option<i32>,
    #[serde(rename = "SpreadDomain", default, skip_serializing_if = "Option::is_none")]
    pub spread_domain: Option<String>,
    #[serde(rename = "Tenancy", default, skip_serializing_if = "Option::is_none")]
    pub tenancy: Option<Tenancy>,
}

wire::string_enum! {
    /// `PlatformValues`: one of the model's values, or one it does not name.
    PlatformValues {
        Windows = "Windows",
    }
}

wire::string_enum! {
    /// `PrefixListState`: one of the model's values, or one it does not name.
    PrefixListState {
        CreateInProgress = "create-in-progress",
        CreateComplete = "create-complete",
        CreateFailed = "create-failed",
        ModifyInProgress = "modify-in-progress",
        ModifyComplete = "modify-complete",
        ModifyFailed = "modify-failed",
        RestoreInProgress = "restore-in-progress",
        RestoreComplete = "restore-complete",
        RestoreFailed = "restore-failed",
        DeleteInProgress = "delete-in-progress",
        DeleteComplete = "delete-complete",
        DeleteFailed = "delete-failed",
    }
}

/// `PrivateDnsNameOptionsOnLaunch`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PrivateDnsNameOptionsOnLaunch {
    #[serde(rename = "EnableResourceNameDnsAAAARecord", default, skip_serializing_if = "Option::is_none")]
    pub enable_resource_name_dns_aaaa_record: Option<bool>,
    #[serde(rename = "EnableResourceNameDnsARecord", default, skip_serializing_if = "Option::is_none")]
    pub enable_resource_name_dns_a_record: Option<bool>,
    #[serde(rename = "HostnameType", default, skip_serializing_if = "Option::is_none")]
    pub hostname_type: Option<HostnameType>,
}

/// `PrivateDnsNameOptionsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PrivateDnsNameOptionsRequest {
    #[serde(rename = "EnableResourceNameDnsAAAARecord", default, skip_serializing_if = "Option::is_none")]
    pub enable_resource_name_dns_aaaa_record: Option<bool>,
    #[serde(rename = "EnableResourceNameDnsARecord", default, skip_serializing_if = "Option::is_none")]
    pub enable_resource_name_dns_a_record: Option<bool>,
    #[serde(rename = "HostnameType", default, skip_serializing_if = "Option::is_none")]
    pub hostname_type: Option<HostnameType>,
}

/// `PrivateDnsNameOptionsResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PrivateDnsNameOptionsResponse {
    #[serde(rename = "EnableResourceNameDnsAAAARecord", default, skip_serializing_if = "Option::is_none")]
    pub enable_resource_name_dns_aaaa_record: Option<bool>,
    #[serde(rename = "EnableResourceNameDnsARecord", default, skip_serializing_if = "Option::is_none")]
    pub enable_resource_name_dns_a_record: Option<bool>,
    #[serde(rename = "HostnameType", default, skip_serializing_if = "Option::is_none")]
    pub hostname_type: Option<HostnameType>,
}

/// `PrivateIpAddressSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PrivateIpAddressSpecification {
    #[serde(rename = "Primary", default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<bool>,
    #[serde(rename = "PrivateIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<String>,
}

/// `ProductCode`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProductCode {
    #[serde(rename = "ProductCodeId", default, skip_serializing_if = "Option::is_none")]
    pub product_code_id: Option<String>,
    #[serde(rename = "ProductCodeType", default, skip_serializing_if = "Option::is_none")]
    pub product_code_type: Option<ProductCodeValues>,
}

wire::string_enum! {
    /// `ProductCodeValues`: one of the model's values, or one it does not name.
    ProductCodeValues {
        Devpay = "devpay",
        Marketplace = "marketplace",
    }
}

/// `PublicIpDnsNameOptions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicIpDnsNameOptions {
    #[serde(rename = "DnsHostnameType", default, skip_serializing_if = "Option::is_none")]
    pub dns_hostname_type: Option<String>,
    #[serde(rename = "PublicDualStackDnsName", default, skip_serializing_if = "Option::is_none")]
    pub public_dual_stack_dns_name: Option<String>,
    #[serde(rename = "PublicIpv4DnsName", default, skip_serializing_if = "Option::is_none")]
    pub public_ipv4_dns_name: Option<String>,
    #[serde(rename = "PublicIpv6DnsName", default, skip_serializing_if = "Option::is_none")]
    pub public_ipv6_dns_name: Option<String>,
}

/// `RebootInstancesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RebootInstancesRequest {
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "InstanceIds")]
    pub instance_ids: Vec<String>,
}

/// `Reservation`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reservation {
    #[serde(rename = "Groups", default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<GroupIdentifier>>,
    #[serde(rename = "Instances", default, skip_serializing_if = "Option::is_none")]
    pub instances: Option<Vec<Instance>>,
    #[serde(rename = "OwnerId", default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    #[serde(rename = "RequesterId", default, skip_serializing_if = "Option::is_none")]
    pub requester_id: Option<String>,
    #[serde(rename = "ReservationId", default, skip_serializing_if = "Option::is_none")]
    pub reservation_id: Option<String>,
}

wire::string_enum! {
    /// `ResourceType`: one of the model's values, or one it does not name.
    ResourceType {
        CapacityReservation = "capacity-reservation",
        ClientVpnEndpoint = "client-vpn-endpoint",
        CustomerGateway = "customer-gateway",
        CarrierGateway = "carrier-gateway",
        CoipPool = "coip-pool",
        DeclarativePoliciesReport = "declarative-policies-report",
        DedicatedHost = "dedicated-host",
        DhcpOptions = "dhcp-options",
        EgressOnlyInternetGateway = "egress-only-internet-gateway",
        ElasticIp = "elastic-ip",
        ElasticGpu = "elastic-gpu",
        ExportImageTask = "export-image-task",
        ExportInstanceTask = "export-instance-task",
        Fleet = "fleet",
        FpgaImage = "fpga-image",
        HostReservation = "host-reservation",
        Image = "image",
        ImageUsageReport = "image-usage-report",
        ImportImageTask = "import-image-task",
        ImportSnapshotTask = "import-snapshot-task",
        Instance = "instance",
        InstanceEventWindow = "instance-event-window",
        InternetGateway = "internet-gateway",
        Ipam = "ipam",
        IpamPool = "ipam-pool",
        IpamScope = "ipam-scope",
        Ipv4poolEc2 = "ipv4pool-ec2",
        Ipv6poolEc2 = "ipv6pool-ec2",
        KeyPair = "key-pair",
        LaunchTemplate = "launch-template",
        LocalGateway = "local-gateway",
        LocalGatewayRouteTable = "local-gateway-route-table",
        LocalGatewayVirtualInterface = "local-gateway-virtual-interface",
        LocalGatewayVirtualInterfaceGroup = "local-gateway-virtual-interface-group",
        LocalGatewayRouteTableVpcAssociation = "local-gateway-route-table-vpc-association",
        LocalGatewayRouteTableVirtualInterfaceGroupAssociation = "local-gateway-route-table-virtual-interface-group-association",
        Natgateway = "natgateway",
        NetworkAcl = "network-acl",
        NetworkInterface = "network-interface",
        NetworkInsightsAnalysis = "network-insights-analysis",
        NetworkInsightsPath = "network-insights-path",
        NetworkInsightsAccessScope = "network-insights-access-scope",
        NetworkInsightsAccessScopeAnalysis = "network-insights-access-scope-analysis",
        OutpostLag = "outpost-lag",
        PlacementGroup = "placement-group",
        PrefixList = "prefix-list",
        ReplaceRootVolumeTask = "replace-root-volume-task",
        ReservedInstances = "reserved-instances",
        RouteTable = "route-table",
        SecurityGroup = "security-group",
        SecurityGroupRule = "security-group-rule",
        ServiceLinkVirtualInterface = "service-link-virtual-interface",
        Snapshot = "snapshot",
        SpotFleetRequest = "spot-fleet-request",
        SpotInstancesRequest = "spot-instances-request",
        Subnet = "subnet",
        SubnetCidrReservation = "subnet-cidr-reservation",
        TrafficMirrorFilter = "traffic-mirror-filter",
        TrafficMirrorSession = "traffic-mirror-session",
        TrafficMirrorTarget = "traffic-mirror-target",
        TransitGateway = "transit-gateway",
        TransitGatewayAttachment = "transit-gateway-attachment",
        TransitGatewayConnectPeer = "transit-gateway-connect-peer",
        TransitGatewayMulticastDomain = "transit-gateway-multicast-domain",
        TransitGatewayPolicyTable = "transit-gateway-policy-table",
        TransitGatewayMeteringPolicy = "transit-gateway-metering-policy",
        TransitGatewayRouteTable = "transit-gateway-route-table",
        TransitGatewayRouteTableAnnouncement = "transit-gateway-route-table-announcement",
        Volume = "volume",
        Vpc = "vpc",
        VpcEndpoint = "vpc-endpoint",
        VpcEndpointConnection = "vpc-endpoint-connection",
        VpcEndpointService = "vpc-endpoint-service",
        VpcEndpointServicePermission = "vpc-endpoint-service-permission",
        VpcPeeringConnection = "vpc-peering-connection",
        VpnConnection = "vpn-connection",
        VpnGateway = "vpn-gateway",
        VpcFlowLog = "vpc-flow-log",
        CapacityReservationFleet = "capacity-reservation-fleet",
        TrafficMirrorFilterRule = "traffic-mirror-filter-rule",
        VpcEndpointConnectionDeviceType = "vpc-endpoint-connection-device-type",
        VerifiedAccessInstance = "verified-access-instance",
        VerifiedAccessGroup = "verified-access-group",
        VerifiedAccessEndpoint = "verified-access-endpoint",
        VerifiedAccessPolicy = "verified-access-policy",
        VerifiedAccessTrustProvider = "verified-access-trust-provider",
        VpnConnectionDeviceType = "vpn-connection-device-type",
        VpcBlockPublicAccessExclusion = "vpc-block-public-access-exclusion",
        VpcEncryptionControl = "vpc-encryption-control",
        RouteServer = "route-server",
        RouteServerEndpoint = "route-server-endpoint",
        RouteServerPeer = "route-server-peer",
        IpamResourceDiscovery = "ipam-resource-discovery",
        IpamResourceDiscoveryAssociation = "ipam-resource-discovery-association",
        InstanceConnectEndpoint = "instance-connect-endpoint",
        VerifiedAccessEndpointTarget = "verified-access-endpoint-target",
        IpamExternalResourceVerificationToken = "ipam-external-resource-verification-token",
        CapacityBlock = "capacity-block",
        MacModificationTask = "mac-modification-task",
        IpamPrefixListResolver = "ipam-prefix-list-resolver",
        IpamPolicy = "ipam-policy",
        IpamPrefixListResolverTarget = "ipam-prefix-list-resolver-target",
        SecondaryInterface = "secondary-interface",
        SecondaryNetwork = "secondary-network",
        SecondarySubnet = "secondary-subnet",
        CapacityManagerDataExport = "capacity-manager-data-export",
        VpnConcentrator = "vpn-concentrator",
        IpamPoolAllocation = "ipam-pool-allocation",
    }
}

/// `RunInstancesMonitoringEnabled`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunInstancesMonitoringEnabled {
    #[serde(rename = "Enabled")]
    pub enabled: bool,
}

/// `RunInstancesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunInstancesRequest {
    #[serde(rename = "AdditionalInfo", default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<String>,
    #[serde(rename = "BlockDeviceMappings", default, skip_serializing_if = "Option::is_none")]
    pub block_device_mappings: Option<Vec<BlockDeviceMapping>>,
    #[serde(rename = "CapacityReservationSpecification", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_specification: Option<CapacityReservationSpecification>,
    #[serde(rename = "ClientToken", default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
    #[serde(rename = "CpuOptions", default, skip_serializing_if = "Option::is_none")]
    pub cpu_options: Option<CpuOptionsRequest>,
    #[serde(rename = "CreditSpecification", default, skip_serializing_if = "Option::is_none")]
    pub credit_specification: Option<CreditSpecificationRequest>,
    #[serde(rename = "DisableApiStop", default, skip_serializing_if = "Option::is_none")]
    pub disable_api_stop: Option<bool>,
    #[serde(rename = "DisableApiTermination", default, skip_serializing_if = "Option::is_none")]
    pub disable_api_termination: Option<bool>,
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "EbsOptimized", default, skip_serializing_if = "Option::is_none")]
    pub ebs_optimized: Option<bool>,
    #[serde(rename = "ElasticGpuSpecification", default, skip_serializing_if = "Option::is_none")]
    pub elastic_gpu_specification: Option<Vec<ElasticGpuSpecification>>,
    #[serde(rename = "ElasticInferenceAccelerators", default, skip_serializing_if = "Option::is_none")]
    pub elastic_inference_accelerators: Option<Vec<ElasticInferenceAccelerator>>,
    #[serde(rename = "EnablePrimaryIpv6", default, skip_serializing_if = "Option::is_none")]
    pub enable_primary_ipv6: Option<bool>,
    #[serde(rename = "EnclaveOptions", default, skip_serializing_if = "Option::is_none")]
    pub enclave_options: Option<EnclaveOptionsRequest>,
    #[serde(rename = "HibernationOptions", default, skip_serializing_if = "Option::is_none")]
    pub hibernation_options: Option<HibernationOptionsRequest>,
    #[serde(rename = "IamInstanceProfile", default, skip_serializing_if = "Option::is_none")]
    pub iam_instance_profile: Option<IamInstanceProfileSpecification>,
    #[serde(rename = "ImageId", default, skip_serializing_if = "Option::is_none")]
    pub image_id: Option<String>,
    #[serde(rename = "InstanceInitiatedShutdownBehavior", default, skip_serializing_if = "Option::is_none")]
    pub instance_initiated_shutdown_behavior: Option<ShutdownBehavior>,
    #[serde(rename = "InstanceMarketOptions", default, skip_serializing_if = "Option::is_none")]
    pub instance_market_options: Option<InstanceMarketOptionsRequest>,
    #[serde(rename = "InstanceType", default, skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<InstanceType>,
    #[serde(rename = "Ipv6AddressCount", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_address_count: Option<i32>,
    #[serde(rename = "Ipv6Addresses", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_addresses: Option<Vec<InstanceIpv6Address>>,
    #[serde(rename = "KernelId", default, skip_serializing_if = "Option::is_none")]
    pub kernel_id: Option<String>,
    #[serde(rename = "KeyName", default, skip_serializing_if = "Option::is_none")]
    pub key_name: Option<String>,
    #[serde(rename = "LaunchTemplate", default, skip_serializing_if = "Option::is_none")]
    pub launch_template: Option<LaunchTemplateSpecification>,
    #[serde(rename = "LicenseSpecifications", default, skip_serializing_if = "Option::is_none")]
    pub license_specifications: Option<Vec<LicenseConfigurationRequest>>,
    #[serde(rename = "MaintenanceOptions", default, skip_serializing_if = "Option::is_none")]
    pub maintenance_options: Option<InstanceMaintenanceOptionsRequest>,
    #[serde(rename = "MaxCount")]
    pub max_count: i32,
    #[serde(rename = "MetadataOptions", default, skip_serializing_if = "Option::is_none")]
    pub metadata_options: Option<InstanceMetadataOptionsRequest>,
    #[serde(rename = "MinCount")]
    pub min_count: i32,
    #[serde(rename = "Monitoring", default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<RunInstancesMonitoringEnabled>,
    #[serde(rename = "NetworkInterfaces", default, skip_serializing_if = "Option::is_none")]
    pub network_interfaces: Option<Vec<InstanceNetworkInterfaceSpecification>>,
    #[serde(rename = "NetworkPerformanceOptions", default, skip_serializing_if = "Option::is_none")]
    pub network_performance_options: Option<InstanceNetworkPerformanceOptionsRequest>,
    #[serde(rename = "Operator", default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<OperatorRequest>,
    #[serde(rename = "Placement", default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    #[serde(rename = "PrivateDnsNameOptions", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_name_options: Option<PrivateDnsNameOptionsRequest>,
    #[serde(rename = "PrivateIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<String>,
    #[serde(rename = "RamdiskId", default, skip_serializing_if = "Option::is_none")]
    pub ramdisk_id: Option<String>,
    #[serde(rename = "SecondaryInterfaces", default, skip_serializing_if = "Option::is_none")]
    pub secondary_interfaces: Option<Vec<InstanceSecondaryInterfaceSpecificationRequest>>,
    #[serde(rename = "SecurityGroupIds", default, skip_serializing_if = "Option::is_none")]
    pub security_group_ids: Option<Vec<String>>,
    #[serde(rename = "SecurityGroups", default, skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Vec<String>>,
    #[serde(rename = "SubnetId", default, skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
    #[serde(rename = "TagSpecifications", default, skip_serializing_if = "Option::is_none")]
    pub tag_specifications: Option<Vec<TagSpecification>>,
    #[serde(rename = "UserData", default, skip_serializing_if = "Option::is_none")]
    pub user_data: Option<String>,
}

wire::string_enum! {
    /// `SecondaryInterfaceStatus`: one of the model's values, or one it does not name.
    SecondaryInterfaceStatus {
        Available = "available",
        InUse = "in-use",
    }
}

wire::string_enum! {
    /// `SecondaryInterfaceType`: one of the model's values, or one it does not name.
    SecondaryInterfaceType {
        Secondary = "secondary",
    }
}

/// `SecurityGroupIdentifier`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroupIdentifier {
    #[serde(rename = "GroupId", default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    #[serde(rename = "GroupName", default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
}

wire::string_enum! {
    /// `ShutdownBehavior`: one of the model's values, or one it does not name.
    ShutdownBehavior {
        Stop = "stop",
        Terminate = "terminate",
    }
}

wire::string_enum! {
    /// `SpotInstanceType`: one of the model's values, or one it does not name.
    SpotInstanceType {
        OneTime = "one-time",
        Persistent = "persistent",
    }
}

/// `SpotMarketOptions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SpotMarketOptions {
    #[serde(rename = "BlockDurationMinutes", default, skip_serializing_if = "Option::is_none")]
    pub block_duration_minutes: Option<i32>,
    #[serde(rename = "InstanceInterruptionBehavior", default, skip_serializing_if = "Option::is_none")]
    pub instance_interruption_behavior: Option<InstanceInterruptionBehavior>,
    #[serde(rename = "MaxPrice", default, skip_serializing_if = "Option::is_none")]
    pub max_price: Option<String>,
    #[serde(rename = "SpotInstanceType", default, skip_serializing_if = "Option::is_none")]
    pub spot_instance_type: Option<SpotInstanceType>,
    #[serde(rename = "ValidUntil", default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Timestamp>,
}

/// `StartInstancesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StartInstancesRequest {
    #[serde(rename = "AdditionalInfo", default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<String>,
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "InstanceIds")]
    pub instance_ids: Vec<String>,
}

/// `StartInstancesResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StartInstancesResult {
    #[serde(rename = "StartingInstances", default, skip_serializing_if = "Option::is_none")]
    pub starting_instances: Option<Vec<InstanceStateChange>>,
}

wire::string_enum! {
    /// `State`: one of the model's values, or one it does not name.
    State {
        PendingAcceptance = "PendingAcceptance",
        Pending = "Pending",
        Available = "Available",
        Deleting = "Deleting",
        Deleted = "Deleted",
        Rejected = "Rejected",
        Failed = "Failed",
        Expired = "Expired",
        Partial = "Partial",
    }
}

/// `StateReason`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StateReason {
    #[serde(rename = "Code", default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(rename = "Message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// `StopInstancesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StopInstancesRequest {
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "Force", default, skip_serializing_if = "Option::is_none")]
    pub force: Option<bool>,
    #[serde(rename = "Hibernate", default, skip_serializing_if = "Option::is_none")]
    pub hibernate: Option<bool>,
    #[serde(rename = "InstanceIds")]
    pub instance_ids: Vec<String>,
    #[serde(rename = "SkipOsShutdown", default, skip_serializing_if = "Option::is_none")]
    pub skip_os_shutdown: Option<bool>,
}

/// `StopInstancesResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StopInstancesResult {
    #[serde(rename = "StoppingInstances", default, skip_serializing_if = "Option::is_none")]
    pub stopping_instances: Option<Vec<InstanceStateChange>>,
}

/// `Subnet`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Subnet {
    #[serde(rename = "AssignIpv6AddressOnCreation", default, skip_serializing_if = "Option::is_none")]
    pub assign_ipv6_address_on_creation: Option<bool>,
    #[serde(rename = "AvailabilityZone", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
    #[serde(rename = "AvailabilityZoneId", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_id: Option<String>,
    #[serde(rename = "AvailableIpAddressCount", default, skip_serializing_if = "Option::is_none")]
    pub available_ip_address_count: Option<i32>,
    #[serde(rename = "BlockPublicAccessStates", default, skip_serializing_if = "Option::is_none")]
    pub block_public_access_states: Option<BlockPublicAccessStates>,
    #[serde(rename = "CidrBlock", default, skip_serializing_if = "Option::is_none")]
    pub cidr_block: Option<String>,
    #[serde(rename = "CustomerOwnedIpv4Pool", default, skip_serializing_if = "Option::is_none")]
    pub customer_owned_ipv4_pool: Option<String>,
    #[serde(rename = "DefaultForAz", default, skip_serializing_if = "Option::is_none")]
    pub default_for_az: Option<bool>,
    #[serde(rename = "EnableDns64", default, skip_serializing_if = "Option::is_none")]
    pub enable_dns64: Option<bool>,
    #[serde(rename = "EnableLniAtDeviceIndex", default, skip_serializing_if = "Option::is_none")]
    pub enable_lni_at_device_index: Option<i32>,
    #[serde(rename = "Ipv6CidrBlockAssociationSet", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_cidr_block_association_set: Option<Vec<SubnetIpv6CidrBlockAssociation>>,
    #[serde(rename = "Ipv6Native", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_native: Option<bool>,
    #[serde(rename = "MapCustomerOwnedIpOnLaunch", default, skip_serializing_if = "Option::is_none")]
    pub map_customer_owned_ip_on_launch: Option<bool>,
    #[serde(rename = "MapPublicIpOnLaunch", default, skip_serializing_if = "Option::is_none")]
    pub map_public_ip_on_launch: Option<bool>,
    #[serde(rename = "OutpostArn", default, skip_serializing_if = "Option::is_none")]
    pub outpost_arn: Option<String>,
    #[serde(rename = "OwnerId", default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    #[serde(rename = "PrivateDnsNameOptionsOnLaunch", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_name_options_on_launch: Option<PrivateDnsNameOptionsOnLaunch>,
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<SubnetState>,
    #[serde(rename = "SubnetArn", default, skip_serializing_if = "Option::is_none")]
    pub subnet_arn: Option<String>,
    #[serde(rename = "SubnetId", default, skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    #[serde(rename = "VpcId", default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
}

/// `SubnetCidrBlockState`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubnetCidrBlockState {
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<SubnetCidrBlockStateCode>,
    #[serde(rename = "StatusMessage", default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
}

wire::string_enum! {
    /// `SubnetCidrBlockStateCode`: one of the model's values, or one it does not name.
    SubnetCidrBlockStateCode {
        Associating = "associating",
        Associated = "associated",
        Disassociating = "disassociating",
        Disassociated = "disassociated",
        Failing = "failing",
        Failed = "failed",
    }
}

/// `SubnetConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubnetConfiguration {
    #[serde(rename = "Ipv4", default, skip_serializing_if = "Option::is_none")]
    pub ipv4: Option<String>,
    #[serde(rename = "Ipv6", default, skip_serializing_if = "Option::is_none")]
    pub ipv6: Option<String>,
    #[serde(rename = "SubnetId", default, skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
}

/// `SubnetIpPrefixes`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubnetIpPrefixes {
    #[serde(rename = "IpPrefixes", default, skip_serializing_if = "Option::is_none")]
    pub ip_prefixes: Option<Vec<String>>,
    #[serde(rename = "SubnetId", default, skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
}

/// `SubnetIpv6CidrBlockAssociation`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubnetIpv6CidrBlockAssociation {
    #[serde(rename = "AssociationId", default, skip_serializing_if = "Option::is_none")]
    pub association_id: Option<String>,
    #[serde(rename = "IpSource", default, skip_serializing_if = "Option::is_none")]
    pub ip_source: Option<IpSource>,
    #[serde(rename = "Ipv6AddressAttribute", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_address_attribute: Option<Ipv6AddressAttribute>,
    #[serde(rename = "Ipv6CidrBlock", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_cidr_block: Option<String>,
    #[serde(rename = "Ipv6CidrBlockState", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_cidr_block_state: Option<SubnetCidrBlockState>,
}

wire::string_enum! {
    /// `SubnetState`: one of the model's values, or one it does not name.
    SubnetState {
        Pending = "pending",
        Available = "available",
        Unavailable = "unavailable",
        Failed = "failed",
        FailedInsufficientCapacity = "failed-insufficient-capacity",
    }
}

/// `Tag`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    #[serde(rename = "Key", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(rename = "Value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// `TagSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TagSpecification {
    #[serde(rename = "ResourceType", default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<ResourceType>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

wire::string_enum! {
    /// `Tenancy`: one of the model's values, or one it does not name.
    Tenancy {
        Default = "default",
        Dedicated = "dedicated",
        Host = "host",
    }
}

/// `TerminateInstancesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TerminateInstancesRequest {
    #[serde(rename = "DryRun", default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(rename = "Force", default, skip_serializing_if = "Option::is_none")]
    pub force: Option<bool>,
    #[serde(rename = "InstanceIds")]
    pub instance_ids: Vec<String>,
    #[serde(rename = "SkipOsShutdown", default, skip_serializing_if = "Option::is_none")]
    pub skip_os_shutdown: Option<bool>,
}

/// `TerminateInstancesResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TerminateInstancesResult {
    #[serde(rename = "TerminatingInstances", default, skip_serializing_if = "Option::is_none")]
    pub terminating_instances: Option<Vec<InstanceStateChange>>,
}

wire::string_enum! {
    /// `TpmSupportValues`: one of the model's values, or one it does not name.
    TpmSupportValues {
        V20 = "v2.0",
    }
}

/// `UnsuccessfulItem`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UnsuccessfulItem {
    #[serde(rename = "Error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<UnsuccessfulItemError>,
    #[serde(rename = "ResourceId", default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
}

/// `UnsuccessfulItemError`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UnsuccessfulItemError {
    #[serde(rename = "Code", default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(rename = "Message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

wire::string_enum! {
    /// `VirtualizationType`: one of the model's values, or one it does not name.
    VirtualizationType {
        Hvm = "hvm",
        Paravirtual = "paravirtual",
    }
}

wire::string_enum! {
    /// `VolumeType`: one of the model's values, or one it does not name.
    VolumeType {
        Standard = "standard",
        Io1 = "io1",
        Io2 = "io2",
        Gp2 = "gp2",
        Sc1 = "sc1",
        St1 = "st1",
        Gp3 = "gp3",
    }
}

/// `VpcEndpoint`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VpcEndpoint {
    #[serde(rename = "CreationTimestamp", default, skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<Timestamp>,
    #[serde(rename = "DnsEntries", default, skip_serializing_if = "Option::is_none")]
    pub dns_entries: Option<Vec<DnsEntry>>,
    #[serde(rename = "DnsOptions", default, skip_serializing_if = "Option::is_none")]
    pub dns_options: Option<DnsOptions>,
    #[serde(rename = "FailureReason", default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<String>,
    #[serde(rename = "Groups", default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<SecurityGroupIdentifier>>,
    #[serde(rename = "IpAddressType", default, skip_serializing_if = "Option::is_none")]
    pub ip_address_type: Option<IpAddressType>,
    #[serde(rename = "Ipv4Prefixes", default, skip_serializing_if = "Option::is_none")]
    pub ipv4_prefixes: Option<Vec<SubnetIpPrefixes>>,
    #[serde(rename = "Ipv6Prefixes", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_prefixes: Option<Vec<SubnetIpPrefixes>>,
    #[serde(rename = "LastError", default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<LastError>,
    #[serde(rename = "NetworkInterfaceIds", default, skip_serializing_if = "Option::is_none")]
    pub network_interface_ids: Option<Vec<String>>,
    #[serde(rename = "OwnerId", default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    #[serde(rename = "PolicyDocument", default, skip_serializing_if = "Option::is_none")]
    pub policy_document: Option<String>,
    #[serde(rename = "PrivateDnsEnabled", default, skip_serializing_if = "Option::is_none")]
    pub private_dns_enabled: Option<bool>,
    #[serde(rename = "RequesterManaged", default, skip_serializing_if = "Option::is_none")]
    pub requester_managed: Option<bool>,
    #[serde(rename = "ResourceConfigurationArn", default, skip_serializing_if = "Option::is_none")]
    pub resource_configuration_arn: Option<String>,
    #[serde(rename = "RouteTableIds", default, skip_serializing_if = "Option::is_none")]
    pub route_table_ids: Option<Vec<String>>,
    #[serde(rename = "ServiceName", default, skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    #[serde(rename = "ServiceNetworkArn", default, skip_serializing_if = "Option::is_none")]
    pub service_network_arn: Option<String>,
    #[serde(rename = "ServiceRegion", default, skip_serializing_if = "Option::is_none")]
    pub service_region: Option<String>,
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
    #[serde(rename = "SubnetIds", default, skip_serializing_if = "Option::is_none")]
    pub subnet_ids: Option<Vec<String>>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(rename = "VpcEndpointId", default, skip_serializing_if = "Option::is_none")]
    pub vpc_endpoint_id: Option<String>,
    #[serde(rename = "VpcEndpointType", default, skip_serializing_if = "Option::is_none")]
    pub vpc_endpoint_type: Option<VpcEndpointType>,
    #[serde(rename = "VpcId", default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
}

wire::string_enum! {
    /// `VpcEndpointType`: one of the model's values, or one it does not name.
    VpcEndpointType {
        Interface = "Interface",
        Gateway = "Gateway",
        GatewayLoadBalancer = "GatewayLoadBalancer",
        Resource = "Resource",
        ServiceNetwork = "ServiceNetwork",
    }
}

/// One call of an operation this service implements, with its typed input.
#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    RunInstances(RunInstancesRequest),
    TerminateInstances(TerminateInstancesRequest),
    DescribeInstances(DescribeInstancesRequest),
    CreateTags(CreateTagsRequest),
    DescribeImages(DescribeImagesRequest),
    DescribeLaunchTemplates(DescribeLaunchTemplatesRequest),
    DescribeSubnets(DescribeSubnetsRequest),
    StopInstances(StopInstancesRequest),
    StartInstances(StartInstancesRequest),
    RebootInstances(RebootInstancesRequest),
    CreateNetworkInterface(CreateNetworkInterfaceRequest),
    DeleteNetworkInterface(DeleteNetworkInterfaceRequest),
    AttachNetworkInterface(AttachNetworkInterfaceRequest),
    DetachNetworkInterface(DetachNetworkInterfaceRequest),
    DescribeNetworkInterfaces(DescribeNetworkInterfacesRequest),
    ModifyNetworkInterfaceAttribute(ModifyNetworkInterfaceAttributeRequest),
    CreateDhcpOptions(CreateDhcpOptionsRequest),
    DeleteDhcpOptions(DeleteDhcpOptionsRequest),
    AssociateDhcpOptions(AssociateDhcpOptionsRequest),
    CreateVpcEndpoint(CreateVpcEndpointRequest),
    DeleteVpcEndpoints(DeleteVpcEndpointsRequest),
    CreateManagedPrefixList(CreateManagedPrefixListRequest),
    DeleteManagedPrefixList(DeleteManagedPrefixListRequest),
}
impl Operation {
    /// The operations' names, as the model spells them.
    pub const NAMES: &'static [&'static str] = &[
        "RunInstances",
        "TerminateInstances",
        "DescribeInstances",
        "CreateTags",
        "DescribeImages",
        "DescribeLaunchTemplates",
        "DescribeSubnets",
        "StopInstances",
        "StartInstances",
        "RebootInstances",
        "CreateNetworkInterface",
        "DeleteNetworkInterface",
        "AttachNetworkInterface",
        "DetachNetworkInterface",
        "DescribeNetworkInterfaces",
        "ModifyNetworkInterfaceAttribute",
        "CreateDhcpOptions",
        "DeleteDhcpOptions",
        "AssociateDhcpOptions",
        "CreateVpcEndpoint",
        "DeleteVpcEndpoints",
        "CreateManagedPrefixList",
        "DeleteManagedPrefixList",
    ];

    /// The typed call from the wire layer's decoded, validated input; `None` for an operation
    /// of the model this service does not implement.
    pub fn parse(name: &str, input: Value) -> Result<Option<Operation>, ApiError> {
        Ok(Some(match name {
            "RunInstances" => Operation::RunInstances(wire::typed::input(input)?),
            "TerminateInstances" => Operation::TerminateInstances(wire::typed::input(input)?),
            "DescribeInstances" => Operation::DescribeInstances(wire::typed::input(input)?),
            "CreateTags" => Operation::CreateTags(wire::typed::input(input)?),
            "DescribeImages" => Operation::DescribeImages(wire::typed::input(input)?),
            "DescribeLaunchTemplates" => Operation::DescribeLaunchTemplates(wire::typed::input(input)?),
            "DescribeSubnets" => Operation::DescribeSubnets(wire::typed::input(input)?),
            "StopInstances" => Operation::StopInstances(wire::typed::input(input)?),
            "StartInstances" => Operation::StartInstances(wire::typed::input(input)?),
            "RebootInstances" => Operation::RebootInstances(wire::typed::input(input)?),
            "CreateNetworkInterface" => Operation::CreateNetworkInterface(wire::typed::input(input)?),
            "DeleteNetworkInterface" => Operation::DeleteNetworkInterface(wire::typed::input(input)?),
            "AttachNetworkInterface" => Operation::AttachNetworkInterface(wire::typed::input(input)?),
            "DetachNetworkInterface" => Operation::DetachNetworkInterface(wire::typed::input(input)?),
            "DescribeNetworkInterfaces" => Operation::DescribeNetworkInterfaces(wire::typed::input(input)?),
            "ModifyNetworkInterfaceAttribute" => Operation::ModifyNetworkInterfaceAttribute(wire::typed::input(input)?),
            "CreateDhcpOptions" => Operation::CreateDhcpOptions(wire::typed::input(input)?),
            "DeleteDhcpOptions" => Operation::DeleteDhcpOptions(wire::typed::input(input)?),
            "AssociateDhcpOptions" => Operation::AssociateDhcpOptions(wire::typed::input(input)?),
            "CreateVpcEndpoint" => Operation::CreateVpcEndpoint(wire::typed::input(input)?),
            "DeleteVpcEndpoints" => Operation::DeleteVpcEndpoints(wire::typed::input(input)?),
            "CreateManagedPrefixList" => Operation::CreateManagedPrefixList(wire::typed::input(input)?),
            "DeleteManagedPrefixList" => Operation::DeleteManagedPrefixList(wire::typed::input(input)?),
            _ => return Ok(None),
        }))
    }

    pub fn name(&self) -> &'static str {
        match self {
            Operation::RunInstances(_) => "RunInstances",
            Operation::TerminateInstances(_) => "TerminateInstances",
            Operation::DescribeInstances(_) => "DescribeInstances",
            Operation::CreateTags(_) => "CreateTags",
            Operation::DescribeImages(_) => "DescribeImages",
            Operation::DescribeLaunchTemplates(_) => "DescribeLaunchTemplates",
            Operation::DescribeSubnets(_) => "DescribeSubnets",
            Operation::StopInstances(_) => "StopInstances",
            Operation::StartInstances(_) => "StartInstances",
            Operation::RebootInstances(_) => "RebootInstances",
            Operation::CreateNetworkInterface(_) => "CreateNetworkInterface",
            Operation::DeleteNetworkInterface(_) => "DeleteNetworkInterface",
            Operation::AttachNetworkInterface(_) => "AttachNetworkInterface",
            Operation::DetachNetworkInterface(_) => "DetachNetworkInterface",
            Operation::DescribeNetworkInterfaces(_) => "DescribeNetworkInterfaces",
            Operation::ModifyNetworkInterfaceAttribute(_) => "ModifyNetworkInterfaceAttribute",
            Operation::CreateDhcpOptions(_) => "CreateDhcpOptions",
            Operation::DeleteDhcpOptions(_) => "DeleteDhcpOptions",
            Operation::AssociateDhcpOptions(_) => "AssociateDhcpOptions",
            Operation::CreateVpcEndpoint(_) => "CreateVpcEndpoint",
            Operation::DeleteVpcEndpoints(_) => "DeleteVpcEndpoints",
            Operation::CreateManagedPrefixList(_) => "CreateManagedPrefixList",
            Operation::DeleteManagedPrefixList(_) => "DeleteManagedPrefixList",
        }
    }
}

wire::typed_client! {
    run_instances(RunInstancesRequest) -> Reservation = "RunInstances";
    terminate_instances(TerminateInstancesRequest) -> TerminateInstancesResult = "TerminateInstances";
    describe_instances(DescribeInstancesRequest) -> DescribeInstancesResult = "DescribeInstances";
    create_tags(CreateTagsRequest) -> wire::typed::Empty = "CreateTags";
    describe_images(DescribeImagesRequest) -> DescribeImagesResult = "DescribeImages";
    describe_launch_templates(DescribeLaunchTemplatesRequest) -> DescribeLaunchTemplatesResult = "DescribeLaunchTemplates";
    describe_subnets(DescribeSubnetsRequest) -> DescribeSubnetsResult = "DescribeSubnets";
    stop_instances(StopInstancesRequest) -> StopInstancesResult = "StopInstances";
    start_instances(StartInstancesRequest) -> StartInstancesResult = "StartInstances";
    reboot_instances(RebootInstancesRequest) -> wire::typed::Empty = "RebootInstances";
    create_network_interface(CreateNetworkInterfaceRequest) -> CreateNetworkInterfaceResult = "CreateNetworkInterface";
    delete_network_interface(DeleteNetworkInterfaceRequest) -> wire::typed::Empty = "DeleteNetworkInterface";
    attach_network_interface(AttachNetworkInterfaceRequest) -> AttachNetworkInterfaceResult = "AttachNetworkInterface";
    detach_network_interface(DetachNetworkInterfaceRequest) -> wire::typed::Empty = "DetachNetworkInterface";
    describe_network_interfaces(DescribeNetworkInterfacesRequest) -> DescribeNetworkInterfacesResult = "DescribeNetworkInterfaces";
    modify_network_interface_attribute(ModifyNetworkInterfaceAttributeRequest) -> wire::typed::Empty = "ModifyNetworkInterfaceAttribute";
    create_dhcp_options(CreateDhcpOptionsRequest) -> CreateDhcpOptionsResult = "CreateDhcpOptions";
    delete_dhcp_options(DeleteDhcpOptionsRequest) -> wire::typed::Empty = "DeleteDhcpOptions";
    associate_dhcp_options(AssociateDhcpOptionsRequest) -> wire::typed::Empty = "AssociateDhcpOptions";
    create_vpc_endpoint(CreateVpcEndpointRequest) -> CreateVpcEndpointResult = "CreateVpcEndpoint";
    delete_vpc_endpoints(DeleteVpcEndpointsRequest) -> DeleteVpcEndpointsResult = "DeleteVpcEndpoints";
    create_managed_prefix_list(CreateManagedPrefixListRequest) -> CreateManagedPrefixListResult = "CreateManagedPrefixList";
    delete_managed_prefix_list(DeleteManagedPrefixListRequest) -> DeleteManagedPrefixListResult = "DeleteManagedPrefixList";
}
