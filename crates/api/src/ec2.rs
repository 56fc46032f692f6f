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
use wire::typed::Transport;
use wire::ApiError;

/// `AmdSevSnpSpecification`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum AmdSevSnpSpecification {
    #[default]
    /// `enabled`
    Enabled,
    /// `disabled`
    Disabled,
    /// A value the model does not name.
    Unknown(String),
}
impl AmdSevSnpSpecification {
    pub fn as_str(&self) -> &str {
        match self {
            AmdSevSnpSpecification::Enabled => "enabled",
            AmdSevSnpSpecification::Disabled => "disabled",
            AmdSevSnpSpecification::Unknown(s) => s,
        }
    }
}
impl From<&str> for AmdSevSnpSpecification {
    fn from(s: &str) -> AmdSevSnpSpecification {
        match s {
            "enabled" => AmdSevSnpSpecification::Enabled,
            "disabled" => AmdSevSnpSpecification::Disabled,
            other => AmdSevSnpSpecification::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(AmdSevSnpSpecification);

/// `ArchitectureValues`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ArchitectureValues {
    #[default]
    /// `i386`
    I386,
    /// `x86_64`
    X8664,
    /// `arm64`
    Arm64,
    /// `x86_64_mac`
    X8664Mac,
    /// `arm64_mac`
    Arm64Mac,
    /// A value the model does not name.
    Unknown(String),
}
impl ArchitectureValues {
    pub fn as_str(&self) -> &str {
        match self {
            ArchitectureValues::I386 => "i386",
            ArchitectureValues::X8664 => "x86_64",
            ArchitectureValues::Arm64 => "arm64",
            ArchitectureValues::X8664Mac => "x86_64_mac",
            ArchitectureValues::Arm64Mac => "arm64_mac",
            ArchitectureValues::Unknown(s) => s,
        }
    }
}
impl From<&str> for ArchitectureValues {
    fn from(s: &str) -> ArchitectureValues {
        match s {
            "i386" => ArchitectureValues::I386,
            "x86_64" => ArchitectureValues::X8664,
            "arm64" => ArchitectureValues::Arm64,
            "x86_64_mac" => ArchitectureValues::X8664Mac,
            "arm64_mac" => ArchitectureValues::Arm64Mac,
            other => ArchitectureValues::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(ArchitectureValues);

/// `AttachmentStatus`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum AttachmentStatus {
    #[default]
    /// `attaching`
    Attaching,
    /// `attached`
    Attached,
    /// `detaching`
    Detaching,
    /// `detached`
    Detached,
    /// A value the model does not name.
    Unknown(String),
}
impl AttachmentStatus {
    pub fn as_str(&self) -> &str {
        match self {
            AttachmentStatus::Attaching => "attaching",
            AttachmentStatus::Attached => "attached",
            AttachmentStatus::Detaching => "detaching",
            AttachmentStatus::Detached => "detached",
            AttachmentStatus::Unknown(s) => s,
        }
    }
}
impl From<&str> for AttachmentStatus {
    fn from(s: &str) -> AttachmentStatus {
        match s {
            "attaching" => AttachmentStatus::Attaching,
            "attached" => AttachmentStatus::Attached,
            "detaching" => AttachmentStatus::Detaching,
            "detached" => AttachmentStatus::Detached,
            other => AttachmentStatus::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(AttachmentStatus);

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

/// `BlockPublicAccessMode`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum BlockPublicAccessMode {
    #[default]
    /// `off`
    Off,
    /// `block-bidirectional`
    BlockBidirectional,
    /// `block-ingress`
    BlockIngress,
    /// A value the model does not name.
    Unknown(String),
}
impl BlockPublicAccessMode {
    pub fn as_str(&self) -> &str {
        match self {
            BlockPublicAccessMode::Off => "off",
            BlockPublicAccessMode::BlockBidirectional => "block-bidirectional",
            BlockPublicAccessMode::BlockIngress => "block-ingress",
            BlockPublicAccessMode::Unknown(s) => s,
        }
    }
}
impl From<&str> for BlockPublicAccessMode {
    fn from(s: &str) -> BlockPublicAccessMode {
        match s {
            "off" => BlockPublicAccessMode::Off,
            "block-bidirectional" => BlockPublicAccessMode::BlockBidirectional,
            "block-ingress" => BlockPublicAccessMode::BlockIngress,
            other => BlockPublicAccessMode::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(BlockPublicAccessMode);

/// `BlockPublicAccessStates`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BlockPublicAccessStates {
    #[serde(rename = "InternetGatewayBlockMode", default, skip_serializing_if = "Option::is_none")]
    pub internet_gateway_block_mode: Option<BlockPublicAccessMode>,
}

/// `BootModeValues`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum BootModeValues {
    #[default]
    /// `legacy-bios`
    LegacyBios,
    /// `uefi`
    Uefi,
    /// `uefi-preferred`
    UefiPreferred,
    /// A value the model does not name.
    Unknown(String),
}
impl BootModeValues {
    pub fn as_str(&self) -> &str {
        match self {
            BootModeValues::LegacyBios => "legacy-bios",
            BootModeValues::Uefi => "uefi",
            BootModeValues::UefiPreferred => "uefi-preferred",
            BootModeValues::Unknown(s) => s,
        }
    }
}
impl From<&str> for BootModeValues {
    fn from(s: &str) -> BootModeValues {
        match s {
            "legacy-bios" => BootModeValues::LegacyBios,
            "uefi" => BootModeValues::Uefi,
            "uefi-preferred" => BootModeValues::UefiPreferred,
            other => BootModeValues::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(BootModeValues);

/// `CapacityReservationPreference`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum CapacityReservationPreference {
    #[default]
    /// `capacity-reservations-only`
    CapacityReservationsOnly,
    /// `open`
    Open,
    /// `none`
    None,
    /// A value the model does not name.
    Unknown(String),
}
impl CapacityReservationPreference {
    pub fn as_str(&self) -> &str {
        match self {
            CapacityReservationPreference::CapacityReservationsOnly => "capacity-reservations-only",
            CapacityReservationPreference::Open => "open",
            CapacityReservationPreference::None => "none",
            CapacityReservationPreference::Unknown(s) => s,
        }
    }
}
impl From<&str> for CapacityReservationPreference {
    fn from(s: &str) -> CapacityReservationPreference {
        match s {
            "capacity-reservations-only" => CapacityReservationPreference::CapacityReservationsOnly,
            "open" => CapacityReservationPreference::Open,
            "none" => CapacityReservationPreference::None,
            other => CapacityReservationPreference::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(CapacityReservationPreference);

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

/// `CreditSpecificationRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreditSpecificationRequest {
    #[serde(rename = "CpuCredits")]
    pub cpu_credits: String,
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

/// `DeviceType`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum DeviceType {
    #[default]
    /// `ebs`
    Ebs,
    /// `instance-store`
    InstanceStore,
    /// A value the model does not name.
    Unknown(String),
}
impl DeviceType {
    pub fn as_str(&self) -> &str {
        match self {
            DeviceType::Ebs => "ebs",
            DeviceType::InstanceStore => "instance-store",
            DeviceType::Unknown(s) => s,
        }
    }
}
impl From<&str> for DeviceType {
    fn from(s: &str) -> DeviceType {
        match s {
            "ebs" => DeviceType::Ebs,
            "instance-store" => DeviceType::InstanceStore,
            other => DeviceType::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(DeviceType);

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

/// `EnaSrdSpecificationRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnaSrdSpecificationRequest {
    #[serde(rename = "EnaSrdEnabled", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_enabled: Option<bool>,
    #[serde(rename = "EnaSrdUdpSpecification", default, skip_serializing_if = "Option::is_none")]
    pub ena_srd_udp_specification: Option<EnaSrdUdpSpecificationRequest>,
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

/// `HostnameType`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum HostnameType {
    #[default]
    /// `ip-name`
    IpName,
    /// `resource-name`
    ResourceName,
    /// A value the model does not name.
    Unknown(String),
}
impl HostnameType {
    pub fn as_str(&self) -> &str {
        match self {
            HostnameType::IpName => "ip-name",
            HostnameType::ResourceName => "resource-name",
            HostnameType::Unknown(s) => s,
        }
    }
}
impl From<&str> for HostnameType {
    fn from(s: &str) -> HostnameType {
        match s {
            "ip-name" => HostnameType::IpName,
            "resource-name" => HostnameType::ResourceName,
            other => HostnameType::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(HostnameType);

/// `HttpTokensState`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum HttpTokensState {
    #[default]
    /// `optional`
    Optional,
    /// `required`
    Required,
    /// A value the model does not name.
    Unknown(String),
}
impl HttpTokensState {
    pub fn as_str(&self) -> &str {
        match self {
            HttpTokensState::Optional => "optional",
            HttpTokensState::Required => "required",
            HttpTokensState::Unknown(s) => s,
        }
    }
}
impl From<&str> for HttpTokensState {
    fn from(s: &str) -> HttpTokensState {
        match s {
            "optional" => HttpTokensState::Optional,
            "required" => HttpTokensState::Required,
            other => HttpTokensState::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(HttpTokensState);

/// `HypervisorType`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum HypervisorType {
    #[default]
    /// `ovm`
    Ovm,
    /// `xen`
    Xen,
    /// A value the model does not name.
    Unknown(String),
}
impl HypervisorType {
    pub fn as_str(&self) -> &str {
        match self {
            HypervisorType::Ovm => "ovm",
            HypervisorType::Xen => "xen",
            HypervisorType::Unknown(s) => s,
        }
    }
}
impl From<&str> for HypervisorType {
    fn from(s: &str) -> HypervisorType {
        match s {
            "ovm" => HypervisorType::Ovm,
            "xen" => HypervisorType::Xen,
            other => HypervisorType::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(HypervisorType);

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

/// `ImageState`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ImageState {
    #[default]
    /// `pending`
    Pending,
    /// `available`
    Available,
    /// `invalid`
    Invalid,
    /// `deregistered`
    Deregistered,
    /// `transient`
    Transient,
    /// `failed`
    Failed,
    /// `error`
    Error,
    /// `disabled`
    Disabled,
    /// A value the model does not name.
    Unknown(String),
}
impl ImageState {
    pub fn as_str(&self) -> &str {
        match self {
            ImageState::Pending => "pending",
            ImageState::Available => "available",
            ImageState::Invalid => "invalid",
            ImageState::Deregistered => "deregistered",
            ImageState::Transient => "transient",
            ImageState::Failed => "failed",
            ImageState::Error => "error",
            ImageState::Disabled => "disabled",
            ImageState::Unknown(s) => s,
        }
    }
}
impl From<&str> for ImageState {
    fn from(s: &str) -> ImageState {
        match s {
            "pending" => ImageState::Pending,
            "available" => ImageState::Available,
            "invalid" => ImageState::Invalid,
            "deregistered" => ImageState::Deregistered,
            "transient" => ImageState::Transient,
            "failed" => ImageState::Failed,
            "error" => ImageState::Error,
            "disabled" => ImageState::Disabled,
            other => ImageState::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(ImageState);

/// `ImageTypeValues`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ImageTypeValues {
    #[default]
    /// `machine`
    Machine,
    /// `kernel`
    Kernel,
    /// `ramdisk`
    Ramdisk,
    /// A value the model does not name.
    Unknown(String),
}
impl ImageTypeValues {
    pub fn as_str(&self) -> &str {
        match self {
            ImageTypeValues::Machine => "machine",
            ImageTypeValues::Kernel => "kernel",
            ImageTypeValues::Ramdisk => "ramdisk",
            ImageTypeValues::Unknown(s) => s,
        }
    }
}
impl From<&str> for ImageTypeValues {
    fn from(s: &str) -> ImageTypeValues {
        match s {
            "machine" => ImageTypeValues::Machine,
            "kernel" => ImageTypeValues::Kernel,
            "ramdisk" => ImageTypeValues::Ramdisk,
            other => ImageTypeValues::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(ImageTypeValues);

/// `ImdsSupportValues`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ImdsSupportValues {
    #[default]
    /// `v2.0`
    V20,
    /// A value the model does not name.
    Unknown(String),
}
impl ImdsSupportValues {
    pub fn as_str(&self) -> &str {
        match self {
            ImdsSupportValues::V20 => "v2.0",
            ImdsSupportValues::Unknown(s) => s,
        }
    }
}
impl From<&str> for ImdsSupportValues {
    fn from(s: &str) -> ImdsSupportValues {
        match s {
            "v2.0" => ImdsSupportValues::V20,
            other => ImdsSupportValues::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(ImdsSupportValues);

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

/// `InstanceAutoRecoveryState`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum InstanceAutoRecoveryState {
    #[default]
    /// `disabled`
    Disabled,
    /// `default`
    Default,
    /// A value the model does not name.
    Unknown(String),
}
impl InstanceAutoRecoveryState {
    pub fn as_str(&self) -> &str {
        match self {
            InstanceAutoRecoveryState::Disabled => "disabled",
            InstanceAutoRecoveryState::Default => "default",
            InstanceAutoRecoveryState::Unknown(s) => s,
        }
    }
}
impl From<&str> for InstanceAutoRecoveryState {
    fn from(s: &str) -> InstanceAutoRecoveryState {
        match s {
            "disabled" => InstanceAutoRecoveryState::Disabled,
            "default" => InstanceAutoRecoveryState::Default,
            other => InstanceAutoRecoveryState::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(InstanceAutoRecoveryState);

/// `InstanceBandwidthWeighting`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum InstanceBandwidthWeighting {
    #[default]
    /// `default`
    Default,
    /// `vpc-1`
    Vpc1,
    /// `ebs-1`
    Ebs1,
    /// A value the model does not name.
    Unknown(String),
}
impl InstanceBandwidthWeighting {
    pub fn as_str(&self) -> &str {
        match self {
            InstanceBandwidthWeighting::Default => "default",
            InstanceBandwidthWeighting::Vpc1 => "vpc-1",
            InstanceBandwidthWeighting::Ebs1 => "ebs-1",
            InstanceBandwidthWeighting::Unknown(s) => s,
        }
    }
}
impl From<&str> for InstanceBandwidthWeighting {
    fn from(s: &str) -> InstanceBandwidthWeighting {
        match s {
            "default" => InstanceBandwidthWeighting::Default,
            "vpc-1" => InstanceBandwidthWeighting::Vpc1,
            "ebs-1" => InstanceBandwidthWeighting::Ebs1,
            other => InstanceBandwidthWeighting::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(InstanceBandwidthWeighting);

/// `InstanceBlockDeviceMapping`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceBlockDeviceMapping {
    #[serde(rename = "DeviceName", default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    #[serde(rename = "Ebs", default, skip_serializing_if = "Option::is_none")]
    pub ebs: Option<EbsInstanceBlockDevice>,
}

/// `InstanceBootModeValues`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum InstanceBootModeValues {
    #[default]
    /// `legacy-bios`
    LegacyBios,
    /// `uefi`
    Uefi,
    /// A value the model does not name.
    Unknown(String),
}
impl InstanceBootModeValues {
    pub fn as_str(&self) -> &str {
        match self {
            InstanceBootModeValues::LegacyBios => "legacy-bios",
            InstanceBootModeValues::Uefi => "uefi",
            InstanceBootModeValues::Unknown(s) => s,
        }
    }
}
impl From<&str> for InstanceBootModeValues {
    fn from(s: &str) -> InstanceBootModeValues {
        match s {
            "legacy-bios" => InstanceBootModeValues::LegacyBios,
            "uefi" => InstanceBootModeValues::Uefi,
            other => InstanceBootModeValues::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(InstanceBootModeValues);

/// `InstanceInterruptionBehavior`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum InstanceInterruptionBehavior {
    #[default]
    /// `hibernate`
    Hibernate,
    /// `stop`
    Stop,
    /// `terminate`
    Terminate,
    /// A value the model does not name.
    Unknown(String),
}
impl InstanceInterruptionBehavior {
    pub fn as_str(&self) -> &str {
        match self {
            InstanceInterruptionBehavior::Hibernate => "hibernate",
            InstanceInterruptionBehavior::Stop => "stop",
            InstanceInterruptionBehavior::Terminate => "terminate",
            InstanceInterruptionBehavior::Unknown(s) => s,
        }
    }
}
impl From<&str> for InstanceInterruptionBehavior {
    fn from(s: &str) -> InstanceInterruptionBehavior {
        match s {
            "hibernate" => InstanceInterruptionBehavior::Hibernate,
            "stop" => InstanceInterruptionBehavior::Stop,
            "terminate" => InstanceInterruptionBehavior::Terminate,
            other => InstanceInterruptionBehavior::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(InstanceInterruptionBehavior);

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

/// `InstanceLifecycleType`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum InstanceLifecycleType {
    #[default]
    /// `spot`
    Spot,
    /// `scheduled`
    Scheduled,
    /// `capacity-block`
    CapacityBlock,
    /// `interruptible-capacity-reservation`
    InterruptibleCapacityReservation,
    /// A value the model does not name.
    Unknown(String),
}
impl InstanceLifecycleType {
    pub fn as_str(&self) -> &str {
        match self {
            InstanceLifecycleType::Spot => "spot",
            InstanceLifecycleType::Scheduled => "scheduled",
            InstanceLifecycleType::CapacityBlock => "capacity-block",
            InstanceLifecycleType::InterruptibleCapacityReservation => "interruptible-capacity-reservation",
            InstanceLifecycleType::Unknown(s) => s,
        }
    }
}
impl From<&str> for InstanceLifecycleType {
    fn from(s: &str) -> InstanceLifecycleType {
        match s {
            "spot" => InstanceLifecycleType::Spot,
            "scheduled" => InstanceLifecycleType::Scheduled,
            "capacity-block" => InstanceLifecycleType::CapacityBlock,
            "interruptible-capacity-reservation" => InstanceLifecycleType::InterruptibleCapacityReservation,
            other => InstanceLifecycleType::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(InstanceLifecycleType);

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

/// `InstanceMetadataEndpointState`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum InstanceMetadataEndpointState {
    #[default]
    /// `disabled`
    Disabled,
    /// `enabled`
    Enabled,
    /// A value the model does not name.
    Unknown(String),
}
impl InstanceMetadataEndpointState {
    pub fn as_str(&self) -> &str {
        match self {
            InstanceMetadataEndpointState::Disabled => "disabled",
            InstanceMetadataEndpointState::Enabled => "enabled",
            InstanceMetadataEndpointState::Unknown(s) => s,
        }
    }
}
impl From<&str> for InstanceMetadataEndpointState {
    fn from(s: &str) -> InstanceMetadataEndpointState {
        match s {
            "disabled" => InstanceMetadataEndpointState::Disabled,
            "enabled" => InstanceMetadataEndpointState::Enabled,
            other => InstanceMetadataEndpointState::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(InstanceMetadataEndpointState);

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

/// `InstanceMetadataOptionsState`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum InstanceMetadataOptionsState {
    #[default]
    /// `pending`
    Pending,
    /// `applied`
    Applied,
    /// A value the model does not name.
    Unknown(String),
}
impl InstanceMetadataOptionsState {
    pub fn as_str(&self) -> &str {
        match self {
            InstanceMetadataOptionsState::Pending => "pending",
            InstanceMetadataOptionsState::Applied => "applied",
            InstanceMetadataOptionsState::Unknown(s) => s,
        }
    }
}
impl From<&str> for InstanceMetadataOptionsState {
    fn from(s: &str) -> InstanceMetadataOptionsState {
        match s {
            "pending" => InstanceMetadataOptionsState::Pending,
            "applied" => InstanceMetadataOptionsState::Applied,
            other => InstanceMetadataOptionsState::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(InstanceMetadataOptionsState);

/// `InstanceMetadataProtocolState`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum InstanceMetadataProtocolState {
    #[default]
    /// `disabled`
    Disabled,
    /// `enabled`
    Enabled,
    /// A value the model does not name.
    Unknown(String),
}
impl InstanceMetadataProtocolState {
    pub fn as_str(&self) -> &str {
        match self {
            InstanceMetadataProtocolState::Disabled => "disabled",
            InstanceMetadataProtocolState::Enabled => "enabled",
            InstanceMetadataProtocolState::Unknown(s) => s,
        }
    }
}
impl From<&str> for InstanceMetadataProtocolState {
    fn from(s: &str) -> InstanceMetadataProtocolState {
        match s {
            "disabled" => InstanceMetadataProtocolState::Disabled,
            "enabled" => InstanceMetadataProtocolState::Enabled,
            other => InstanceMetadataProtocolState::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(InstanceMetadataProtocolState);

/// `InstanceMetadataTagsState`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum InstanceMetadataTagsState {
    #[default]
    /// `disabled`
    Disabled,
    /// `enabled`
    Enabled,
    /// A value the model does not name.
    Unknown(String),
}
impl InstanceMetadataTagsState {
    pub fn as_str(&self) -> &str {
        match self {
            InstanceMetadataTagsState::Disabled => "disabled",
            InstanceMetadataTagsState::Enabled => "enabled",
            InstanceMetadataTagsState::Unknown(s) => s,
        }
    }
}
impl From<&str> for InstanceMetadataTagsState {
    fn from(s: &str) -> InstanceMetadataTagsState {
        match s {
            "disabled" => InstanceMetadataTagsState::Disabled,
            "enabled" => InstanceMetadataTagsState::Enabled,
            other => InstanceMetadataTagsState::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(InstanceMetadataTagsState);

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

/// `InstanceRebootMigrationState`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum InstanceRebootMigrationState {
    #[default]
    /// `disabled`
    Disabled,
    /// `default`
    Default,
    /// A value the model does not name.
    Unknown(String),
}
impl InstanceRebootMigrationState {
    pub fn as_str(&self) -> &str {
        match self {
            InstanceRebootMigrationState::Disabled => "disabled",
            InstanceRebootMigrationState::Default => "default",
            InstanceRebootMigrationState::Unknown(s) => s,
        }
    }
}
impl From<&str> for InstanceRebootMigrationState {
    fn from(s: &str) -> InstanceRebootMigrationState {
        match s {
            "disabled" => InstanceRebootMigrationState::Disabled,
            "default" => InstanceRebootMigrationState::Default,
            other => InstanceRebootMigrationState::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(InstanceRebootMigrationState);

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

/// `InstanceStateName`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum InstanceStateName {
    #[default]
    /// `pending`
    Pending,
    /// `running`
    Running,
    /// `shutting-down`
    ShuttingDown,
    /// `terminated`
    Terminated,
    /// `stopping`
    Stopping,
    /// `stopped`
    Stopped,
    /// A value the model does not name.
    Unknown(String),
}
impl InstanceStateName {
    pub fn as_str(&self) -> &str {
        match self {
            InstanceStateName::Pending => "pending",
            InstanceStateName::Running => "running",
            InstanceStateName::ShuttingDown => "shutting-down",
            InstanceStateName::Terminated => "terminated",
            InstanceStateName::Stopping => "stopping",
            InstanceStateName::Stopped => "stopped",
            InstanceStateName::Unknown(s) => s,
        }
    }
}
impl From<&str> for InstanceStateName {
    fn from(s: &str) -> InstanceStateName {
        match s {
            "pending" => InstanceStateName::Pending,
            "running" => InstanceStateName::Running,
            "shutting-down" => InstanceStateName::ShuttingDown,
            "terminated" => InstanceStateName::Terminated,
            "stopping" => InstanceStateName::Stopping,
            "stopped" => InstanceStateName::Stopped,
            other => InstanceStateName::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(InstanceStateName);

/// `InstanceType`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum InstanceType {
    #[default]
    /// `a1.medium`
    A1Medium,
    /// `a1.large`
    A1Large,
    /// `a1.xlarge`
    A1Xlarge,
    /// `a1.2xlarge`
    A12xlarge,
    /// `a1.4xlarge`
    A14xlarge,
    /// `a1.metal`
    A1Metal,
    /// `c1.medium`
    C1Medium,
    /// `c1.xlarge`
    C1Xlarge,
    /// `c3.large`
    C3Large,
    /// `c3.xlarge`
    C3Xlarge,
    /// `c3.2xlarge`
    C32xlarge,
    /// `c3.4xlarge`
    C34xlarge,
    /// `c3.8xlarge`
    C38xlarge,
    /// `c4.large`
    C4Large,
    /// `c4.xlarge`
    C4Xlarge,
    /// `c4.2xlarge`
    C42xlarge,
    /// `c4.4xlarge`
    C44xlarge,
    /// `c4.8xlarge`
    C48xlarge,
    /// `c5.large`
    C5Large,
    /// `c5.xlarge`
    C5Xlarge,
    /// `c5.2xlarge`
    C52xlarge,
    /// `c5.4xlarge`
    C54xlarge,
    /// `c5.9xlarge`
    C59xlarge,
    /// `c5.12xlarge`
    C512xlarge,
    /// `c5.18xlarge`
    C518xlarge,
    /// `c5.24xlarge`
    C524xlarge,
    /// `c5.metal`
    C5Metal,
    /// `c5a.large`
    C5aLarge,
    /// `c5a.xlarge`
    C5aXlarge,
    /// `c5a.2xlarge`
    C5a2xlarge,
    /// `c5a.4xlarge`
    C5a4xlarge,
    /// `c5a.8xlarge`
    C5a8xlarge,
    /// `c5a.12xlarge`
    C5a12xlarge,
    /// `c5a.16xlarge`
    C5a16xlarge,
    /// `c5a.24xlarge`
    C5a24xlarge,
    /// `c5ad.large`
    C5adLarge,
    /// `c5ad.xlarge`
    C5adXlarge,
    /// `c5ad.2xlarge`
    C5ad2xlarge,
    /// `c5ad.4xlarge`
    C5ad4xlarge,
    /// `c5ad.8xlarge`
    C5ad8xlarge,
    /// `c5ad.12xlarge`
    C5ad12xlarge,
    /// `c5ad.16xlarge`
    C5ad16xlarge,
    /// `c5ad.24xlarge`
    C5ad24xlarge,
    /// `c5d.large`
    C5dLarge,
    /// `c5d.xlarge`
    C5dXlarge,
    /// `c5d.2xlarge`
    C5d2xlarge,
    /// `c5d.4xlarge`
    C5d4xlarge,
    /// `c5d.9xlarge`
    C5d9xlarge,
    /// `c5d.12xlarge`
    C5d12xlarge,
    /// `c5d.18xlarge`
    C5d18xlarge,
    /// `c5d.24xlarge`
    C5d24xlarge,
    /// `c5d.metal`
    C5dMetal,
    /// `c5n.large`
    C5nLarge,
    /// `c5n.xlarge`
    C5nXlarge,
    /// `c5n.2xlarge`
    C5n2xlarge,
    /// `c5n.4xlarge`
    C5n4xlarge,
    /// `c5n.9xlarge`
    C5n9xlarge,
    /// `c5n.18xlarge`
    C5n18xlarge,
    /// `c5n.metal`
    C5nMetal,
    /// `c6g.medium`
    C6gMedium,
    /// `c6g.large`
    C6gLarge,
    /// `c6g.xlarge`
    C6gXlarge,
    /// `c6g.2xlarge`
    C6g2xlarge,
    /// `c6g.4xlarge`
    C6g4xlarge,
    /// `c6g.8xlarge`
    C6g8xlarge,
    /// `c6g.12xlarge`
    C6g12xlarge,
    /// `c6g.16xlarge`
    C6g16xlarge,
    /// `c6g.metal`
    C6gMetal,
    /// `c6gd.medium`
    C6gdMedium,
    /// `c6gd.large`
    C6gdLarge,
    /// `c6gd.xlarge`
    C6gdXlarge,
    /// `c6gd.2xlarge`
    C6gd2xlarge,
    /// `c6gd.4xlarge`
    C6gd4xlarge,
    /// `c6gd.8xlarge`
    C6gd8xlarge,
    /// `c6gd.12xlarge`
    C6gd12xlarge,
    /// `c6gd.16xlarge`
    C6gd16xlarge,
    /// `c6gd.metal`
    C6gdMetal,
    /// `c6gn.medium`
    C6gnMedium,
    /// `c6gn.large`
    C6gnLarge,
    /// `c6gn.xlarge`
    C6gnXlarge,
    /// `c6gn.2xlarge`
    C6gn2xlarge,
    /// `c6gn.4xlarge`
    C6gn4xlarge,
    /// `c6gn.8xlarge`
    C6gn8xlarge,
    /// `c6gn.12xlarge`
    C6gn12xlarge,
    /// `c6gn.16xlarge`
    C6gn16xlarge,
    /// `c6i.large`
    C6iLarge,
    /// `c6i.xlarge`
    C6iXlarge,
    /// `c6i.2xlarge`
    C6i2xlarge,
    /// `c6i.4xlarge`
    C6i4xlarge,
    /// `c6i.8xlarge`
    C6i8xlarge,
    /// `c6i.12xlarge`
    C6i12xlarge,
    /// `c6i.16xlarge`
    C6i16xlarge,
    /// `c6i.24xlarge`
    C6i24xlarge,
    /// `c6i.32xlarge`
    C6i32xlarge,
    /// `c6i.metal`
    C6iMetal,
    /// `cc1.4xlarge`
    Cc14xlarge,
    /// `cc2.8xlarge`
    Cc28xlarge,
    /// `cg1.4xlarge`
    Cg14xlarge,
    /// `cr1.8xlarge`
    Cr18xlarge,
    /// `d2.xlarge`
    D2Xlarge,
    /// `d2.2xlarge`
    D22xlarge,
    /// `d2.4xlarge`
    D24xlarge,
    /// `d2.8xlarge`
    D28xlarge,
    /// `d3.xlarge`
    D3Xlarge,
    /// `d3.2xlarge`
    D32xlarge,
    /// `d3.4xlarge`
    D34xlarge,
    /// `d3.8xlarge`
    D38xlarge,
    /// `d3en.xlarge`
    D3enXlarge,
    /// `d3en.2xlarge`
    D3en2xlarge,
    /// `d3en.4xlarge`
    D3en4xlarge,
    /// `d3en.6xlarge`
    D3en6xlarge,
    /// `d3en.8xlarge`
    D3en8xlarge,
    /// `d3en.12xlarge`
    D3en12xlarge,
    /// `dl1.24xlarge`
    Dl124xlarge,
    /// `f1.2xlarge`
    F12xlarge,
    /// `f1.4xlarge`
    F14xlarge,
    /// `f1.16xlarge`
    F116xlarge,
    /// `g2.2xlarge`
    G22xlarge,
    /// `g2.8xlarge`
    G28xlarge,
    /// `g3.4xlarge`
    G34xlarge,
    /// `g3.8xlarge`
    G38xlarge,
    /// `g3.16xlarge`
    G316xlarge,
    /// `g3s.xlarge`
    G3sXlarge,
    /// `g4ad.xlarge`
    G4adXlarge,
    /// `g4ad.2xlarge`
    G4ad2xlarge,
    /// `g4ad.4xlarge`
    G4ad4xlarge,
    /// `g4ad.8xlarge`
    G4ad8xlarge,
    /// `g4ad.16xlarge`
    G4ad16xlarge,
    /// `g4dn.xlarge`
    G4dnXlarge,
    /// `g4dn.2xlarge`
    G4dn2xlarge,
    /// `g4dn.4xlarge`
    G4dn4xlarge,
    /// `g4dn.8xlarge`
    G4dn8xlarge,
    /// `g4dn.12xlarge`
    G4dn12xlarge,
    /// `g4dn.16xlarge`
    G4dn16xlarge,
    /// `g4dn.metal`
    G4dnMetal,
    /// `g5.xlarge`
    G5Xlarge,
    /// `g5.2xlarge`
    G52xlarge,
    /// `g5.4xlarge`
    G54xlarge,
    /// `g5.8xlarge`
    G58xlarge,
    /// `g5.12xlarge`
    G512xlarge,
    /// `g5.16xlarge`
    G516xlarge,
    /// `g5.24xlarge`
    G524xlarge,
    /// `g5.48xlarge`
    G548xlarge,
    /// `g5g.xlarge`
    G5gXlarge,
    /// `g5g.2xlarge`
    G5g2xlarge,
    /// `g5g.4xlarge`
    G5g4xlarge,
    /// `g5g.8xlarge`
    G5g8xlarge,
    /// `g5g.16xlarge`
    G5g16xlarge,
    /// `g5g.metal`
    G5gMetal,
    /// `hi1.4xlarge`
    Hi14xlarge,
    /// `hpc6a.48xlarge`
    Hpc6a48xlarge,
    /// `hs1.8xlarge`
    Hs18xlarge,
    /// `h1.2xlarge`
    H12xlarge,
    /// `h1.4xlarge`
    H14xlarge,
    /// `h1.8xlarge`
    H18xlarge,
    /// `h1.16xlarge`
    H116xlarge,
    /// `i2.xlarge`
    I2Xlarge,
    /// `i2.2xlarge`
    I22xlarge,
    /// `i2.4xlarge`
    I24xlarge,
    /// `i2.8xlarge`
    I28xlarge,
    /// `i3.large`
    I3Large,
    /// `i3.xlarge`
    I3Xlarge,
    /// `i3.2xlarge`
    I32xlarge,
    /// `i3.4xlarge`
    I34xlarge,
    /// `i3.8xlarge`
    I38xlarge,
    /// `i3.16xlarge`
    I316xlarge,
    /// `i3.metal`
    I3Metal,
    /// `i3en.large`
    I3enLarge,
    /// `i3en.xlarge`
    I3enXlarge,
    /// `i3en.2xlarge`
    I3en2xlarge,
    /// `i3en.3xlarge`
    I3en3xlarge,
    /// `i3en.6xlarge`
    I3en6xlarge,
    /// `i3en.12xlarge`
    I3en12xlarge,
    /// `i3en.24xlarge`
    I3en24xlarge,
    /// `i3en.metal`
    I3enMetal,
    /// `im4gn.large`
    Im4gnLarge,
    /// `im4gn.xlarge`
    Im4gnXlarge,
    /// `im4gn.2xlarge`
    Im4gn2xlarge,
    /// `im4gn.4xlarge`
    Im4gn4xlarge,
    /// `im4gn.8xlarge`
    Im4gn8xlarge,
    /// `im4gn.16xlarge`
    Im4gn16xlarge,
    /// `inf1.xlarge`
    Inf1Xlarge,
    /// `inf1.2xlarge`
    Inf12xlarge,
    /// `inf1.6xlarge`
    Inf16xlarge,
    /// `inf1.24xlarge`
    Inf124xlarge,
    /// `is4gen.medium`
    Is4genMedium,
    /// `is4gen.large`
    Is4genLarge,
    /// `is4gen.xlarge`
    Is4genXlarge,
    /// `is4gen.2xlarge`
    Is4gen2xlarge,
    /// `is4gen.4xlarge`
    Is4gen4xlarge,
    /// `is4gen.8xlarge`
    Is4gen8xlarge,
    /// `m1.small`
    M1Small,
    /// `m1.medium`
    M1Medium,
    /// `m1.large`
    M1Large,
    /// `m1.xlarge`
    M1Xlarge,
    /// `m2.xlarge`
    M2Xlarge,
    /// `m2.2xlarge`
    M22xlarge,
    /// `m2.4xlarge`
    M24xlarge,
    /// `m3.medium`
    M3Medium,
    /// `m3.large`
    M3Large,
    /// `m3.xlarge`
    M3Xlarge,
    /// `m3.2xlarge`
    M32xlarge,
    /// `m4.large`
    M4Large,
    /// `m4.xlarge`
    M4Xlarge,
    /// `m4.2xlarge`
    M42xlarge,
    /// `m4.4xlarge`
    M44xlarge,
    /// `m4.10xlarge`
    M410xlarge,
    /// `m4.16xlarge`
    M416xlarge,
    /// `m5.large`
    M5Large,
    /// `m5.xlarge`
    M5Xlarge,
    /// `m5.2xlarge`
    M52xlarge,
    /// `m5.4xlarge`
    M54xlarge,
    /// `m5.8xlarge`
    M58xlarge,
    /// `m5.12xlarge`
    M512xlarge,
    /// `m5.16xlarge`
    M516xlarge,
    /// `m5.24xlarge`
    M524xlarge,
    /// `m5.metal`
    M5Metal,
    /// `m5a.large`
    M5aLarge,
    /// `m5a.xlarge`
    M5aXlarge,
    /// `m5a.2xlarge`
    M5a2xlarge,
    /// `m5a.4xlarge`
    M5a4xlarge,
    /// `m5a.8xlarge`
    M5a8xlarge,
    /// `m5a.12xlarge`
    M5a12xlarge,
    /// `m5a.16xlarge`
    M5a16xlarge,
    /// `m5a.24xlarge`
    M5a24xlarge,
    /// `m5ad.large`
    M5adLarge,
    /// `m5ad.xlarge`
    M5adXlarge,
    /// `m5ad.2xlarge`
    M5ad2xlarge,
    /// `m5ad.4xlarge`
    M5ad4xlarge,
    /// `m5ad.8xlarge`
    M5ad8xlarge,
    /// `m5ad.12xlarge`
    M5ad12xlarge,
    /// `m5ad.16xlarge`
    M5ad16xlarge,
    /// `m5ad.24xlarge`
    M5ad24xlarge,
    /// `m5d.large`
    M5dLarge,
    /// `m5d.xlarge`
    M5dXlarge,
    /// `m5d.2xlarge`
    M5d2xlarge,
    /// `m5d.4xlarge`
    M5d4xlarge,
    /// `m5d.8xlarge`
    M5d8xlarge,
    /// `m5d.12xlarge`
    M5d12xlarge,
    /// `m5d.16xlarge`
    M5d16xlarge,
    /// `m5d.24xlarge`
    M5d24xlarge,
    /// `m5d.metal`
    M5dMetal,
    /// `m5dn.large`
    M5dnLarge,
    /// `m5dn.xlarge`
    M5dnXlarge,
    /// `m5dn.2xlarge`
    M5dn2xlarge,
    /// `m5dn.4xlarge`
    M5dn4xlarge,
    /// `m5dn.8xlarge`
    M5dn8xlarge,
    /// `m5dn.12xlarge`
    M5dn12xlarge,
    /// `m5dn.16xlarge`
    M5dn16xlarge,
    /// `m5dn.24xlarge`
    M5dn24xlarge,
    /// `m5dn.metal`
    M5dnMetal,
    /// `m5n.large`
    M5nLarge,
    /// `m5n.xlarge`
    M5nXlarge,
    /// `m5n.2xlarge`
    M5n2xlarge,
    /// `m5n.4xlarge`
    M5n4xlarge,
    /// `m5n.8xlarge`
    M5n8xlarge,
    /// `m5n.12xlarge`
    M5n12xlarge,
    /// `m5n.16xlarge`
    M5n16xlarge,
    /// `m5n.24xlarge`
    M5n24xlarge,
    /// `m5n.metal`
    M5nMetal,
    /// `m5zn.large`
    M5znLarge,
    /// `m5zn.xlarge`
    M5znXlarge,
    /// `m5zn.2xlarge`
    M5zn2xlarge,
    /// `m5zn.3xlarge`
    M5zn3xlarge,
    /// `m5zn.6xlarge`
    M5zn6xlarge,
    /// `m5zn.12xlarge`
    M5zn12xlarge,
    /// `m5zn.metal`
    M5znMetal,
    /// `m6a.large`
    M6aLarge,
    /// `m6a.xlarge`
    M6aXlarge,
    /// `m6a.2xlarge`
    M6a2xlarge,
    /// `m6a.4xlarge`
    M6a4xlarge,
    /// `m6a.8xlarge`
    M6a8xlarge,
    /// `m6a.12xlarge`
    M6a12xlarge,
    /// `m6a.16xlarge`
    M6a16xlarge,
    /// `m6a.24xlarge`
    M6a24xlarge,
    /// `m6a.32xlarge`
    M6a32xlarge,
    /// `m6a.48xlarge`
    M6a48xlarge,
    /// `m6g.metal`
    M6gMetal,
    /// `m6g.medium`
    M6gMedium,
    /// `m6g.large`
    M6gLarge,
    /// `m6g.xlarge`
    M6gXlarge,
    /// `m6g.2xlarge`
    M6g2xlarge,
    /// `m6g.4xlarge`
    M6g4xlarge,
    /// `m6g.8xlarge`
    M6g8xlarge,
    /// `m6g.12xlarge`
    M6g12xlarge,
    /// `m6g.16xlarge`
    M6g16xlarge,
    /// `m6gd.metal`
    M6gdMetal,
    /// `m6gd.medium`
    M6gdMedium,
    /// `m6gd.large`
    M6gdLarge,
    /// `m6gd.xlarge`
    M6gdXlarge,
    /// `m6gd.2xlarge`
    M6gd2xlarge,
    /// `m6gd.4xlarge`
    M6gd4xlarge,
    /// `m6gd.8xlarge`
    M6gd8xlarge,
    /// `m6gd.12xlarge`
    M6gd12xlarge,
    /// `m6gd.16xlarge`
    M6gd16xlarge,
    /// `m6i.large`
    M6iLarge,
    /// `m6i.xlarge`
    M6iXlarge,
    /// `m6i.2xlarge`
    M6i2xlarge,
    /// `m6i.4xlarge`
    M6i4xlarge,
    /// `m6i.8xlarge`
    M6i8xlarge,
    /// `m6i.12xlarge`
    M6i12xlarge,
    /// `m6i.16xlarge`
    M6i16xlarge,
    /// `m6i.24xlarge`
    M6i24xlarge,
    /// `m6i.32xlarge`
    M6i32xlarge,
    /// `m6i.metal`
    M6iMetal,
    /// `mac1.metal`
    Mac1Metal,
    /// `p2.xlarge`
    P2Xlarge,
    /// `p2.8xlarge`
    P28xlarge,
    /// `p2.16xlarge`
    P216xlarge,
    /// `p3.2xlarge`
    P32xlarge,
    /// `p3.8xlarge`
    P38xlarge,
    /// `p3.16xlarge`
    P316xlarge,
    /// `p3dn.24xlarge`
    P3dn24xlarge,
    /// `p4d.24xlarge`
    P4d24xlarge,
    /// `r3.large`
    R3Large,
    /// `r3.xlarge`
    R3Xlarge,
    /// `r3.2xlarge`
    R32xlarge,
    /// `r3.4xlarge`
    R34xlarge,
    /// `r3.8xlarge`
    R38xlarge,
    /// `r4.large`
    R4Large,
    /// `r4.xlarge`
    R4Xlarge,
    /// `r4.2xlarge`
    R42xlarge,
    /// `r4.4xlarge`
    R44xlarge,
    /// `r4.8xlarge`
    R48xlarge,
    /// `r4.16xlarge`
    R416xlarge,
    /// `r5.large`
    R5Large,
    /// `r5.xlarge`
    R5Xlarge,
    /// `r5.2xlarge`
    R52xlarge,
    /// `r5.4xlarge`
    R54xlarge,
    /// `r5.8xlarge`
    R58xlarge,
    /// `r5.12xlarge`
    R512xlarge,
    /// `r5.16xlarge`
    R516xlarge,
    /// `r5.24xlarge`
    R524xlarge,
    /// `r5.metal`
    R5Metal,
    /// `r5a.large`
    R5aLarge,
    /// `r5a.xlarge`
    R5aXlarge,
    /// `r5a.2xlarge`
    R5a2xlarge,
    /// `r5a.4xlarge`
    R5a4xlarge,
    /// `r5a.8xlarge`
    R5a8xlarge,
    /// `r5a.12xlarge`
    R5a12xlarge,
    /// `r5a.16xlarge`
    R5a16xlarge,
    /// `r5a.24xlarge`
    R5a24xlarge,
    /// `r5ad.large`
    R5adLarge,
    /// `r5ad.xlarge`
    R5adXlarge,
    /// `r5ad.2xlarge`
    R5ad2xlarge,
    /// `r5ad.4xlarge`
    R5ad4xlarge,
    /// `r5ad.8xlarge`
    R5ad8xlarge,
    /// `r5ad.12xlarge`
    R5ad12xlarge,
    /// `r5ad.16xlarge`
    R5ad16xlarge,
    /// `r5ad.24xlarge`
    R5ad24xlarge,
    /// `r5b.large`
    R5bLarge,
    /// `r5b.xlarge`
    R5bXlarge,
    /// `r5b.2xlarge`
    R5b2xlarge,
    /// `r5b.4xlarge`
    R5b4xlarge,
    /// `r5b.8xlarge`
    R5b8xlarge,
    /// `r5b.12xlarge`
    R5b12xlarge,
    /// `r5b.16xlarge`
    R5b16xlarge,
    /// `r5b.24xlarge`
    R5b24xlarge,
    /// `r5b.metal`
    R5bMetal,
    /// `r5d.large`
    R5dLarge,
    /// `r5d.xlarge`
    R5dXlarge,
    /// `r5d.2xlarge`
    R5d2xlarge,
    /// `r5d.4xlarge`
    R5d4xlarge,
    /// `r5d.8xlarge`
    R5d8xlarge,
    /// `r5d.12xlarge`
    R5d12xlarge,
    /// `r5d.16xlarge`
    R5d16xlarge,
    /// `r5d.24xlarge`
    R5d24xlarge,
    /// `r5d.metal`
    R5dMetal,
    /// `r5dn.large`
    R5dnLarge,
    /// `r5dn.xlarge`
    R5dnXlarge,
    /// `r5dn.2xlarge`
    R5dn2xlarge,
    /// `r5dn.4xlarge`
    R5dn4xlarge,
    /// `r5dn.8xlarge`
    R5dn8xlarge,
    /// `r5dn.12xlarge`
    R5dn12xlarge,
    /// `r5dn.16xlarge`
    R5dn16xlarge,
    /// `r5dn.24xlarge`
    R5dn24xlarge,
    /// `r5dn.metal`
    R5dnMetal,
    /// `r5n.large`
    R5nLarge,
    /// `r5n.xlarge`
    R5nXlarge,
    /// `r5n.2xlarge`
    R5n2xlarge,
    /// `r5n.4xlarge`
    R5n4xlarge,
    /// `r5n.8xlarge`
    R5n8xlarge,
    /// `r5n.12xlarge`
    R5n12xlarge,
    /// `r5n.16xlarge`
    R5n16xlarge,
    /// `r5n.24xlarge`
    R5n24xlarge,
    /// `r5n.metal`
    R5nMetal,
    /// `r6g.medium`
    R6gMedium,
    /// `r6g.large`
    R6gLarge,
    /// `r6g.xlarge`
    R6gXlarge,
    /// `r6g.2xlarge`
    R6g2xlarge,
    /// `r6g.4xlarge`
    R6g4xlarge,
    /// `r6g.8xlarge`
    R6g8xlarge,
    /// `r6g.12xlarge`
    R6g12xlarge,
    /// `r6g.16xlarge`
    R6g16xlarge,
    /// `r6g.metal`
    R6gMetal,
    /// `r6gd.medium`
    R6gdMedium,
    /// `r6gd.large`
    R6gdLarge,
    /// `r6gd.xlarge`
    R6gdXlarge,
    /// `r6gd.2xlarge`
    R6gd2xlarge,
    /// `r6gd.4xlarge`
    R6gd4xlarge,
    /// `r6gd.8xlarge`
    R6gd8xlarge,
    /// `r6gd.12xlarge`
    R6gd12xlarge,
    /// `r6gd.16xlarge`
    R6gd16xlarge,
    /// `r6gd.metal`
    R6gdMetal,
    /// `r6i.large`
    R6iLarge,
    /// `r6i.xlarge`
    R6iXlarge,
    /// `r6i.2xlarge`
    R6i2xlarge,
    /// `r6i.4xlarge`
    R6i4xlarge,
    /// `r6i.8xlarge`
    R6i8xlarge,
    /// `r6i.12xlarge`
    R6i12xlarge,
    /// `r6i.16xlarge`
    R6i16xlarge,
    /// `r6i.24xlarge`
    R6i24xlarge,
    /// `r6i.32xlarge`
    R6i32xlarge,
    /// `r6i.metal`
    R6iMetal,
    /// `t1.micro`
    T1Micro,
    /// `t2.nano`
    T2Nano,
    /// `t2.micro`
    T2Micro,
    /// `t2.small`
    T2Small,
    /// `t2.medium`
    T2Medium,
    /// `t2.large`
    T2Large,
    /// `t2.xlarge`
    T2Xlarge,
    /// `t2.2xlarge`
    T22xlarge,
    /// `t3.nano`
    T3Nano,
    /// `t3.micro`
    T3Micro,
    /// `t3.small`
    T3Small,
    /// `t3.medium`
    T3Medium,
    /// `t3.large`
    T3Large,
    /// `t3.xlarge`
    T3Xlarge,
    /// `t3.2xlarge`
    T32xlarge,
    /// `t3a.nano`
    T3aNano,
    /// `t3a.micro`
    T3aMicro,
    /// `t3a.small`
    T3aSmall,
    /// `t3a.medium`
    T3aMedium,
    /// `t3a.large`
    T3aLarge,
    /// `t3a.xlarge`
    T3aXlarge,
    /// `t3a.2xlarge`
    T3a2xlarge,
    /// `t4g.nano`
    T4gNano,
    /// `t4g.micro`
    T4gMicro,
    /// `t4g.small`
    T4gSmall,
    /// `t4g.medium`
    T4gMedium,
    /// `t4g.large`
    T4gLarge,
    /// `t4g.xlarge`
    T4gXlarge,
    /// `t4g.2xlarge`
    T4g2xlarge,
    /// `u-6tb1.56xlarge`
    U6tb156xlarge,
    /// `u-6tb1.112xlarge`
    U6tb1112xlarge,
    /// `u-9tb1.112xlarge`
    U9tb1112xlarge,
    /// `u-12tb1.112xlarge`
    U12tb1112xlarge,
    /// `u-6tb1.metal`
    U6tb1Metal,
    /// `u-9tb1.metal`
    U9tb1Metal,
    /// `u-12tb1.metal`
    U12tb1Metal,
    /// `u-18tb1.metal`
    U18tb1Metal,
    /// `u-24tb1.metal`
    U24tb1Metal,
    /// `vt1.3xlarge`
    Vt13xlarge,
    /// `vt1.6xlarge`
    Vt16xlarge,
    /// `vt1.24xlarge`
    Vt124xlarge,
    /// `x1.16xlarge`
    X116xlarge,
    /// `x1.32xlarge`
    X132xlarge,
    /// `x1e.xlarge`
    X1eXlarge,
    /// `x1e.2xlarge`
    X1e2xlarge,
    /// `x1e.4xlarge`
    X1e4xlarge,
    /// `x1e.8xlarge`
    X1e8xlarge,
    /// `x1e.16xlarge`
    X1e16xlarge,
    /// `x1e.32xlarge`
    X1e32xlarge,
    /// `x2iezn.2xlarge`
    X2iezn2xlarge,
    /// `x2iezn.4xlarge`
    X2iezn4xlarge,
    /// `x2iezn.6xlarge`
    X2iezn6xlarge,
    /// `x2iezn.8xlarge`
    X2iezn8xlarge,
    /// `x2iezn.12xlarge`
    X2iezn12xlarge,
    /// `x2iezn.metal`
    X2ieznMetal,
    /// `x2gd.medium`
    X2gdMedium,
    /// `x2gd.large`
    X2gdLarge,
    /// `x2gd.xlarge`
    X2gdXlarge,
    /// `x2gd.2xlarge`
    X2gd2xlarge,
    /// `x2gd.4xlarge`
    X2gd4xlarge,
    /// `x2gd.8xlarge`
    X2gd8xlarge,
    /// `x2gd.12xlarge`
    X2gd12xlarge,
    /// `x2gd.16xlarge`
    X2gd16xlarge,
    /// `x2gd.metal`
    X2gdMetal,
    /// `z1d.large`
    Z1dLarge,
    /// `z1d.xlarge`
    Z1dXlarge,
    /// `z1d.2xlarge`
    Z1d2xlarge,
    /// `z1d.3xlarge`
    Z1d3xlarge,
    /// `z1d.6xlarge`
    Z1d6xlarge,
    /// `z1d.12xlarge`
    Z1d12xlarge,
    /// `z1d.metal`
    Z1dMetal,
    /// `x2idn.16xlarge`
    X2idn16xlarge,
    /// `x2idn.24xlarge`
    X2idn24xlarge,
    /// `x2idn.32xlarge`
    X2idn32xlarge,
    /// `x2iedn.xlarge`
    X2iednXlarge,
    /// `x2iedn.2xlarge`
    X2iedn2xlarge,
    /// `x2iedn.4xlarge`
    X2iedn4xlarge,
    /// `x2iedn.8xlarge`
    X2iedn8xlarge,
    /// `x2iedn.16xlarge`
    X2iedn16xlarge,
    /// `x2iedn.24xlarge`
    X2iedn24xlarge,
    /// `x2iedn.32xlarge`
    X2iedn32xlarge,
    /// `c6a.large`
    C6aLarge,
    /// `c6a.xlarge`
    C6aXlarge,
    /// `c6a.2xlarge`
    C6a2xlarge,
    /// `c6a.4xlarge`
    C6a4xlarge,
    /// `c6a.8xlarge`
    C6a8xlarge,
    /// `c6a.12xlarge`
    C6a12xlarge,
    /// `c6a.16xlarge`
    C6a16xlarge,
    /// `c6a.24xlarge`
    C6a24xlarge,
    /// `c6a.32xlarge`
    C6a32xlarge,
    /// `c6a.48xlarge`
    C6a48xlarge,
    /// `c6a.metal`
    C6aMetal,
    /// `m6a.metal`
    M6aMetal,
    /// `i4i.large`
    I4iLarge,
    /// `i4i.xlarge`
    I4iXlarge,
    /// `i4i.2xlarge`
    I4i2xlarge,
    /// `i4i.4xlarge`
    I4i4xlarge,
    /// `i4i.8xlarge`
    I4i8xlarge,
    /// `i4i.16xlarge`
    I4i16xlarge,
    /// `i4i.32xlarge`
    I4i32xlarge,
    /// `i4i.metal`
    I4iMetal,
    /// `x2idn.metal`
    X2idnMetal,
    /// `x2iedn.metal`
    X2iednMetal,
    /// `c7g.medium`
    C7gMedium,
    /// `c7g.large`
    C7gLarge,
    /// `c7g.xlarge`
    C7gXlarge,
    /// `c7g.2xlarge`
    C7g2xlarge,
    /// `c7g.4xlarge`
    C7g4xlarge,
    /// `c7g.8xlarge`
    C7g8xlarge,
    /// `c7g.12xlarge`
    C7g12xlarge,
    /// `c7g.16xlarge`
    C7g16xlarge,
    /// `mac2.metal`
    Mac2Metal,
    /// `c6id.large`
    C6idLarge,
    /// `c6id.xlarge`
    C6idXlarge,
    /// `c6id.2xlarge`
    C6id2xlarge,
    /// `c6id.4xlarge`
    C6id4xlarge,
    /// `c6id.8xlarge`
    C6id8xlarge,
    /// `c6id.12xlarge`
    C6id12xlarge,
    /// `c6id.16xlarge`
    C6id16xlarge,
    /// `c6id.24xlarge`
    C6id24xlarge,
    /// `c6id.32xlarge`
    C6id32xlarge,
    /// `c6id.metal`
    C6idMetal,
    /// `m6id.large`
    M6idLarge,
    /// `m6id.xlarge`
    M6idXlarge,
    /// `m6id.2xlarge`
    M6id2xlarge,
    /// `m6id.4xlarge`
    M6id4xlarge,
    /// `m6id.8xlarge`
    M6id8xlarge,
    /// `m6id.12xlarge`
    M6id12xlarge,
    /// `m6id.16xlarge`
    M6id16xlarge,
    /// `m6id.24xlarge`
    M6id24xlarge,
    /// `m6id.32xlarge`
    M6id32xlarge,
    /// `m6id.metal`
    M6idMetal,
    /// `r6id.large`
    R6idLarge,
    /// `r6id.xlarge`
    R6idXlarge,
    /// `r6id.2xlarge`
    R6id2xlarge,
    /// `r6id.4xlarge`
    R6id4xlarge,
    /// `r6id.8xlarge`
    R6id8xlarge,
    /// `r6id.12xlarge`
    R6id12xlarge,
    /// `r6id.16xlarge`
    R6id16xlarge,
    /// `r6id.24xlarge`
    R6id24xlarge,
    /// `r6id.32xlarge`
    R6id32xlarge,
    /// `r6id.metal`
    R6idMetal,
    /// `r6a.large`
    R6aLarge,
    /// `r6a.xlarge`
    R6aXlarge,
    /// `r6a.2xlarge`
    R6a2xlarge,
    /// `r6a.4xlarge`
    R6a4xlarge,
    /// `r6a.8xlarge`
    R6a8xlarge,
    /// `r6a.12xlarge`
    R6a12xlarge,
    /// `r6a.16xlarge`
    R6a16xlarge,
    /// `r6a.24xlarge`
    R6a24xlarge,
    /// `r6a.32xlarge`
    R6a32xlarge,
    /// `r6a.48xlarge`
    R6a48xlarge,
    /// `r6a.metal`
    R6aMetal,
    /// `p4de.24xlarge`
    P4de24xlarge,
    /// `u-3tb1.56xlarge`
    U3tb156xlarge,
    /// `u-18tb1.112xlarge`
    U18tb1112xlarge,
    /// `u-24tb1.112xlarge`
    U24tb1112xlarge,
    /// `trn1.2xlarge`
    Trn12xlarge,
    /// `trn1.32xlarge`
    Trn132xlarge,
    /// `hpc6id.32xlarge`
    Hpc6id32xlarge,
    /// `c6in.large`
    C6inLarge,
    /// `c6in.xlarge`
    C6inXlarge,
    /// `c6in.2xlarge`
    C6in2xlarge,
    /// `c6in.4xlarge`
    C6in4xlarge,
    /// `c6in.8xlarge`
    C6in8xlarge,
    /// `c6in.12xlarge`
    C6in12xlarge,
    /// `c6in.16xlarge`
    C6in16xlarge,
    /// `c6in.24xlarge`
    C6in24xlarge,
    /// `c6in.32xlarge`
    C6in32xlarge,
    /// `m6in.large`
    M6inLarge,
    /// `m6in.xlarge`
    M6inXlarge,
    /// `m6in.2xlarge`
    M6in2xlarge,
    /// `m6in.4xlarge`
    M6in4xlarge,
    /// `m6in.8xlarge`
    M6in8xlarge,
    /// `m6in.12xlarge`
    M6in12xlarge,
    /// `m6in.16xlarge`
    M6in16xlarge,
    /// `m6in.24xlarge`
    M6in24xlarge,
    /// `m6in.32xlarge`
    M6in32xlarge,
    /// `m6idn.large`
    M6idnLarge,
    /// `m6idn.xlarge`
    M6idnXlarge,
    /// `m6idn.2xlarge`
    M6idn2xlarge,
    /// `m6idn.4xlarge`
    M6idn4xlarge,
    /// `m6idn.8xlarge`
    M6idn8xlarge,
    /// `m6idn.12xlarge`
    M6idn12xlarge,
    /// `m6idn.16xlarge`
    M6idn16xlarge,
    /// `m6idn.24xlarge`
    M6idn24xlarge,
    /// `m6idn.32xlarge`
    M6idn32xlarge,
    /// `r6in.large`
    R6inLarge,
    /// `r6in.xlarge`
    R6inXlarge,
    /// `r6in.2xlarge`
    R6in2xlarge,
    /// `r6in.4xlarge`
    R6in4xlarge,
    /// `r6in.8xlarge`
    R6in8xlarge,
    /// `r6in.12xlarge`
    R6in12xlarge,
    /// `r6in.16xlarge`
    R6in16xlarge,
    /// `r6in.24xlarge`
    R6in24xlarge,
    /// `r6in.32xlarge`
    R6in32xlarge,
    /// `r6idn.large`
    R6idnLarge,
    /// `r6idn.xlarge`
    R6idnXlarge,
    /// `r6idn.2xlarge`
    R6idn2xlarge,
    /// `r6idn.4xlarge`
    R6idn4xlarge,
    /// `r6idn.8xlarge`
    R6idn8xlarge,
    /// `r6idn.12xlarge`
    R6idn12xlarge,
    /// `r6idn.16xlarge`
    R6idn16xlarge,
    /// `r6idn.24xlarge`
    R6idn24xlarge,
    /// `r6idn.32xlarge`
    R6idn32xlarge,
    /// `c7g.metal`
    C7gMetal,
    /// `m7g.medium`
    M7gMedium,
    /// `m7g.large`
    M7gLarge,
    /// `m7g.xlarge`
    M7gXlarge,
    /// `m7g.2xlarge`
    M7g2xlarge,
    /// `m7g.4xlarge`
    M7g4xlarge,
    /// `m7g.8xlarge`
    M7g8xlarge,
    /// `m7g.12xlarge`
    M7g12xlarge,
    /// `m7g.16xlarge`
    M7g16xlarge,
    /// `m7g.metal`
    M7gMetal,
    /// `r7g.medium`
    R7gMedium,
    /// `r7g.large`
    R7gLarge,
    /// `r7g.xlarge`
    R7gXlarge,
    /// `r7g.2xlarge`
    R7g2xlarge,
    /// `r7g.4xlarge`
    R7g4xlarge,
    /// `r7g.8xlarge`
    R7g8xlarge,
    /// `r7g.12xlarge`
    R7g12xlarge,
    /// `r7g.16xlarge`
    R7g16xlarge,
    /// `r7g.metal`
    R7gMetal,
    /// `c6in.metal`
    C6inMetal,
    /// `m6in.metal`
    M6inMetal,
    /// `m6idn.metal`
    M6idnMetal,
    /// `r6in.metal`
    R6inMetal,
    /// `r6idn.metal`
    R6idnMetal,
    /// `inf2.xlarge`
    Inf2Xlarge,
    /// `inf2.8xlarge`
    Inf28xlarge,
    /// `inf2.24xlarge`
    Inf224xlarge,
    /// `inf2.48xlarge`
    Inf248xlarge,
    /// `trn1n.32xlarge`
    Trn1n32xlarge,
    /// `i4g.large`
    I4gLarge,
    /// `i4g.xlarge`
    I4gXlarge,
    /// `i4g.2xlarge`
    I4g2xlarge,
    /// `i4g.4xlarge`
    I4g4xlarge,
    /// `i4g.8xlarge`
    I4g8xlarge,
    /// `i4g.16xlarge`
    I4g16xlarge,
    /// `hpc7g.4xlarge`
    Hpc7g4xlarge,
    /// `hpc7g.8xlarge`
    Hpc7g8xlarge,
    /// `hpc7g.16xlarge`
    Hpc7g16xlarge,
    /// `c7gn.medium`
    C7gnMedium,
    /// `c7gn.large`
    C7gnLarge,
    /// `c7gn.xlarge`
    C7gnXlarge,
    /// `c7gn.2xlarge`
    C7gn2xlarge,
    /// `c7gn.4xlarge`
    C7gn4xlarge,
    /// `c7gn.8xlarge`
    C7gn8xlarge,
    /// `c7gn.12xlarge`
    C7gn12xlarge,
    /// `c7gn.16xlarge`
    C7gn16xlarge,
    /// `p5.48xlarge`
    P548xlarge,
    /// `m7i.large`
    M7iLarge,
    /// `m7i.xlarge`
    M7iXlarge,
    /// `m7i.2xlarge`
    M7i2xlarge,
    /// `m7i.4xlarge`
    M7i4xlarge,
    /// `m7i.8xlarge`
    M7i8xlarge,
    /// `m7i.12xlarge`
    M7i12xlarge,
    /// `m7i.16xlarge`
    M7i16xlarge,
    /// `m7i.24xlarge`
    M7i24xlarge,
    /// `m7i.48xlarge`
    M7i48xlarge,
    /// `m7i-flex.large`
    M7iFlexLarge,
    /// `m7i-flex.xlarge`
    M7iFlexXlarge,
    /// `m7i-flex.2xlarge`
    M7iFlex2xlarge,
    /// `m7i-flex.4xlarge`
    M7iFlex4xlarge,
    /// `m7i-flex.8xlarge`
    M7iFlex8xlarge,
    /// `m7a.medium`
    M7aMedium,
    /// `m7a.large`
    M7aLarge,
    /// `m7a.xlarge`
    M7aXlarge,
    /// `m7a.2xlarge`
    M7a2xlarge,
    /// `m7a.4xlarge`
    M7a4xlarge,
    /// `m7a.8xlarge`
    M7a8xlarge,
    /// `m7a.12xlarge`
    M7a12xlarge,
    /// `m7a.16xlarge`
    M7a16xlarge,
    /// `m7a.24xlarge`
    M7a24xlarge,
    /// `m7a.32xlarge`
    M7a32xlarge,
    /// `m7a.48xlarge`
    M7a48xlarge,
    /// `m7a.metal-48xl`
    M7aMetal48xl,
    /// `hpc7a.12xlarge`
    Hpc7a12xlarge,
    /// `hpc7a.24xlarge`
    Hpc7a24xlarge,
    /// `hpc7a.48xlarge`
    Hpc7a48xlarge,
    /// `hpc7a.96xlarge`
    Hpc7a96xlarge,
    /// `c7gd.medium`
    C7gdMedium,
    /// `c7gd.large`
    C7gdLarge,
    /// `c7gd.xlarge`
    C7gdXlarge,
    /// `c7gd.2xlarge`
    C7gd2xlarge,
    /// `c7gd.4xlarge`
    C7gd4xlarge,
    /// `c7gd.8xlarge`
    C7gd8xlarge,
    /// `c7gd.12xlarge`
    C7gd12xlarge,
    /// `c7gd.16xlarge`
    C7gd16xlarge,
    /// `m7gd.medium`
    M7gdMedium,
    /// `m7gd.large`
    M7gdLarge,
    /// `m7gd.xlarge`
    M7gdXlarge,
    /// `m7gd.2xlarge`
    M7gd2xlarge,
    /// `m7gd.4xlarge`
    M7gd4xlarge,
    /// `m7gd.8xlarge`
    M7gd8xlarge,
    /// `m7gd.12xlarge`
    M7gd12xlarge,
    /// `m7gd.16xlarge`
    M7gd16xlarge,
    /// `r7gd.medium`
    R7gdMedium,
    /// `r7gd.large`
    R7gdLarge,
    /// `r7gd.xlarge`
    R7gdXlarge,
    /// `r7gd.2xlarge`
    R7gd2xlarge,
    /// `r7gd.4xlarge`
    R7gd4xlarge,
    /// `r7gd.8xlarge`
    R7gd8xlarge,
    /// `r7gd.12xlarge`
    R7gd12xlarge,
    /// `r7gd.16xlarge`
    R7gd16xlarge,
    /// `r7a.medium`
    R7aMedium,
    /// `r7a.large`
    R7aLarge,
    /// `r7a.xlarge`
    R7aXlarge,
    /// `r7a.2xlarge`
    R7a2xlarge,
    /// `r7a.4xlarge`
    R7a4xlarge,
    /// `r7a.8xlarge`
    R7a8xlarge,
    /// `r7a.12xlarge`
    R7a12xlarge,
    /// `r7a.16xlarge`
    R7a16xlarge,
    /// `r7a.24xlarge`
    R7a24xlarge,
    /// `r7a.32xlarge`
    R7a32xlarge,
    /// `r7a.48xlarge`
    R7a48xlarge,
    /// `c7i.large`
    C7iLarge,
    /// `c7i.xlarge`
    C7iXlarge,
    /// `c7i.2xlarge`
    C7i2xlarge,
    /// `c7i.4xlarge`
    C7i4xlarge,
    /// `c7i.8xlarge`
    C7i8xlarge,
    /// `c7i.12xlarge`
    C7i12xlarge,
    /// `c7i.16xlarge`
    C7i16xlarge,
    /// `c7i.24xlarge`
    C7i24xlarge,
    /// `c7i.48xlarge`
    C7i48xlarge,
    /// `mac2-m2pro.metal`
    Mac2M2proMetal,
    /// `r7iz.large`
    R7izLarge,
    /// `r7iz.xlarge`
    R7izXlarge,
    /// `r7iz.2xlarge`
    R7iz2xlarge,
    /// `r7iz.4xlarge`
    R7iz4xlarge,
    /// `r7iz.8xlarge`
    R7iz8xlarge,
    /// `r7iz.12xlarge`
    R7iz12xlarge,
    /// `r7iz.16xlarge`
    R7iz16xlarge,
    /// `r7iz.32xlarge`
    R7iz32xlarge,
    /// `c7a.medium`
    C7aMedium,
    /// `c7a.large`
    C7aLarge,
    /// `c7a.xlarge`
    C7aXlarge,
    /// `c7a.2xlarge`
    C7a2xlarge,
    /// `c7a.4xlarge`
    C7a4xlarge,
    /// `c7a.8xlarge`
    C7a8xlarge,
    /// `c7a.12xlarge`
    C7a12xlarge,
    /// `c7a.16xlarge`
    C7a16xlarge,
    /// `c7a.24xlarge`
    C7a24xlarge,
    /// `c7a.32xlarge`
    C7a32xlarge,
    /// `c7a.48xlarge`
    C7a48xlarge,
    /// `c7a.metal-48xl`
    C7aMetal48xl,
    /// `r7a.metal-48xl`
    R7aMetal48xl,
    /// `r7i.large`
    R7iLarge,
    /// `r7i.xlarge`
    R7iXlarge,
    /// `r7i.2xlarge`
    R7i2xlarge,
    /// `r7i.4xlarge`
    R7i4xlarge,
    /// `r7i.8xlarge`
    R7i8xlarge,
    /// `r7i.12xlarge`
    R7i12xlarge,
    /// `r7i.16xlarge`
    R7i16xlarge,
    /// `r7i.24xlarge`
    R7i24xlarge,
    /// `r7i.48xlarge`
    R7i48xlarge,
    /// `dl2q.24xlarge`
    Dl2q24xlarge,
    /// `mac2-m2.metal`
    Mac2M2Metal,
    /// `i4i.12xlarge`
    I4i12xlarge,
    /// `i4i.24xlarge`
    I4i24xlarge,
    /// `c7i.metal-24xl`
    C7iMetal24xl,
    /// `c7i.metal-48xl`
    C7iMetal48xl,
    /// `m7i.metal-24xl`
    M7iMetal24xl,
    /// `m7i.metal-48xl`
    M7iMetal48xl,
    /// `r7i.metal-24xl`
    R7iMetal24xl,
    /// `r7i.metal-48xl`
    R7iMetal48xl,
    /// `r7iz.metal-16xl`
    R7izMetal16xl,
    /// `r7iz.metal-32xl`
    R7izMetal32xl,
    /// `c7gd.metal`
    C7gdMetal,
    /// `m7gd.metal`
    M7gdMetal,
    /// `r7gd.metal`
    R7gdMetal,
    /// `g6.xlarge`
    G6Xlarge,
    /// `g6.2xlarge`
    G62xlarge,
    /// `g6.4xlarge`
    G64xlarge,
    /// `g6.8xlarge`
    G68xlarge,
    /// `g6.12xlarge`
    G612xlarge,
    /// `g6.16xlarge`
    G616xlarge,
    /// `g6.24xlarge`
    G624xlarge,
    /// `g6.48xlarge`
    G648xlarge,
    /// `gr6.4xlarge`
    Gr64xlarge,
    /// `gr6.8xlarge`
    Gr68xlarge,
    /// `c7i-flex.large`
    C7iFlexLarge,
    /// `c7i-flex.xlarge`
    C7iFlexXlarge,
    /// `c7i-flex.2xlarge`
    C7iFlex2xlarge,
    /// `c7i-flex.4xlarge`
    C7iFlex4xlarge,
    /// `c7i-flex.8xlarge`
    C7iFlex8xlarge,
    /// `u7i-12tb.224xlarge`
    U7i12tb224xlarge,
    /// `u7in-16tb.224xlarge`
    U7in16tb224xlarge,
    /// `u7in-24tb.224xlarge`
    U7in24tb224xlarge,
    /// `u7in-32tb.224xlarge`
    U7in32tb224xlarge,
    /// `u7ib-12tb.224xlarge`
    U7ib12tb224xlarge,
    /// `c7gn.metal`
    C7gnMetal,
    /// `r8g.medium`
    R8gMedium,
    /// `r8g.large`
    R8gLarge,
    /// `r8g.xlarge`
    R8gXlarge,
    /// `r8g.2xlarge`
    R8g2xlarge,
    /// `r8g.4xlarge`
    R8g4xlarge,
    /// `r8g.8xlarge`
    R8g8xlarge,
    /// `r8g.12xlarge`
    R8g12xlarge,
    /// `r8g.16xlarge`
    R8g16xlarge,
    /// `r8g.24xlarge`
    R8g24xlarge,
    /// `r8g.48xlarge`
    R8g48xlarge,
    /// `r8g.metal-24xl`
    R8gMetal24xl,
    /// `r8g.metal-48xl`
    R8gMetal48xl,
    /// `mac2-m1ultra.metal`
    Mac2M1ultraMetal,
    /// `g6e.xlarge`
    G6eXlarge,
    /// `g6e.2xlarge`
    G6e2xlarge,
    /// `g6e.4xlarge`
    G6e4xlarge,
    /// `g6e.8xlarge`
    G6e8xlarge,
    /// `g6e.12xlarge`
    G6e12xlarge,
    /// `g6e.16xlarge`
    G6e16xlarge,
    /// `g6e.24xlarge`
    G6e24xlarge,
    /// `g6e.48xlarge`
    G6e48xlarge,
    /// `c8g.medium`
    C8gMedium,
    /// `c8g.large`
    C8gLarge,
    /// `c8g.xlarge`
    C8gXlarge,
    /// `c8g.2xlarge`
    C8g2xlarge,
    /// `c8g.4xlarge`
    C8g4xlarge,
    /// `c8g.8xlarge`
    C8g8xlarge,
    /// `c8g.12xlarge`
    C8g12xlarge,
    /// `c8g.16xlarge`
    C8g16xlarge,
    /// `c8g.24xlarge`
    C8g24xlarge,
    /// `c8g.48xlarge`
    C8g48xlarge,
    /// `c8g.metal-24xl`
    C8gMetal24xl,
    /// `c8g.metal-48xl`
    C8gMetal48xl,
    /// `m8g.medium`
    M8gMedium,
    /// `m8g.large`
    M8gLarge,
    /// `m8g.xlarge`
    M8gXlarge,
    /// `m8g.2xlarge`
    M8g2xlarge,
    /// `m8g.4xlarge`
    M8g4xlarge,
    /// `m8g.8xlarge`
    M8g8xlarge,
    /// `m8g.12xlarge`
    M8g12xlarge,
    /// `m8g.16xlarge`
    M8g16xlarge,
    /// `m8g.24xlarge`
    M8g24xlarge,
    /// `m8g.48xlarge`
    M8g48xlarge,
    /// `m8g.metal-24xl`
    M8gMetal24xl,
    /// `m8g.metal-48xl`
    M8gMetal48xl,
    /// `x8g.medium`
    X8gMedium,
    /// `x8g.large`
    X8gLarge,
    /// `x8g.xlarge`
    X8gXlarge,
    /// `x8g.2xlarge`
    X8g2xlarge,
    /// `x8g.4xlarge`
    X8g4xlarge,
    /// `x8g.8xlarge`
    X8g8xlarge,
    /// `x8g.12xlarge`
    X8g12xlarge,
    /// `x8g.16xlarge`
    X8g16xlarge,
    /// `x8g.24xlarge`
    X8g24xlarge,
    /// `x8g.48xlarge`
    X8g48xlarge,
    /// `x8g.metal-24xl`
    X8gMetal24xl,
    /// `x8g.metal-48xl`
    X8gMetal48xl,
    /// `i7ie.large`
    I7ieLarge,
    /// `i7ie.xlarge`
    I7ieXlarge,
    /// `i7ie.2xlarge`
    I7ie2xlarge,
    /// `i7ie.3xlarge`
    I7ie3xlarge,
    /// `i7ie.6xlarge`
    I7ie6xlarge,
    /// `i7ie.12xlarge`
    I7ie12xlarge,
    /// `i7ie.18xlarge`
    I7ie18xlarge,
    /// `i7ie.24xlarge`
    I7ie24xlarge,
    /// `i7ie.48xlarge`
    I7ie48xlarge,
    /// `i8g.large`
    I8gLarge,
    /// `i8g.xlarge`
    I8gXlarge,
    /// `i8g.2xlarge`
    I8g2xlarge,
    /// `i8g.4xlarge`
    I8g4xlarge,
    /// `i8g.8xlarge`
    I8g8xlarge,
    /// `i8g.12xlarge`
    I8g12xlarge,
    /// `i8g.16xlarge`
    I8g16xlarge,
    /// `i8g.24xlarge`
    I8g24xlarge,
    /// `i8g.metal-24xl`
    I8gMetal24xl,
    /// `u7i-6tb.112xlarge`
    U7i6tb112xlarge,
    /// `u7i-8tb.112xlarge`
    U7i8tb112xlarge,
    /// `u7inh-32tb.480xlarge`
    U7inh32tb480xlarge,
    /// `p5e.48xlarge`
    P5e48xlarge,
    /// `p5en.48xlarge`
    P5en48xlarge,
    /// `f2.12xlarge`
    F212xlarge,
    /// `f2.48xlarge`
    F248xlarge,
    /// `trn2.48xlarge`
    Trn248xlarge,
    /// `c7i-flex.12xlarge`
    C7iFlex12xlarge,
    /// `c7i-flex.16xlarge`
    C7iFlex16xlarge,
    /// `m7i-flex.12xlarge`
    M7iFlex12xlarge,
    /// `m7i-flex.16xlarge`
    M7iFlex16xlarge,
    /// `i7ie.metal-24xl`
    I7ieMetal24xl,
    /// `i7ie.metal-48xl`
    I7ieMetal48xl,
    /// `i8g.48xlarge`
    I8g48xlarge,
    /// `c8gd.medium`
    C8gdMedium,
    /// `c8gd.large`
    C8gdLarge,
    /// `c8gd.xlarge`
    C8gdXlarge,
    /// `c8gd.2xlarge`
    C8gd2xlarge,
    /// `c8gd.4xlarge`
    C8gd4xlarge,
    /// `c8gd.8xlarge`
    C8gd8xlarge,
    /// `c8gd.12xlarge`
    C8gd12xlarge,
    /// `c8gd.16xlarge`
    C8gd16xlarge,
    /// `c8gd.24xlarge`
    C8gd24xlarge,
    /// `c8gd.48xlarge`
    C8gd48xlarge,
    /// `c8gd.metal-24xl`
    C8gdMetal24xl,
    /// `c8gd.metal-48xl`
    C8gdMetal48xl,
    /// `i7i.large`
    I7iLarge,
    /// `i7i.xlarge`
    I7iXlarge,
    /// `i7i.2xlarge`
    I7i2xlarge,
    /// `i7i.4xlarge`
    I7i4xlarge,
    /// `i7i.8xlarge`
    I7i8xlarge,
    /// `i7i.12xlarge`
    I7i12xlarge,
    /// `i7i.16xlarge`
    I7i16xlarge,
    /// `i7i.24xlarge`
    I7i24xlarge,
    /// `i7i.48xlarge`
    I7i48xlarge,
    /// `i7i.metal-24xl`
    I7iMetal24xl,
    /// `i7i.metal-48xl`
    I7iMetal48xl,
    /// `p6-b200.48xlarge`
    P6B20048xlarge,
    /// `m8gd.medium`
    M8gdMedium,
    /// `m8gd.large`
    M8gdLarge,
    /// `m8gd.xlarge`
    M8gdXlarge,
    /// `m8gd.2xlarge`
    M8gd2xlarge,
    /// `m8gd.4xlarge`
    M8gd4xlarge,
    /// `m8gd.8xlarge`
    M8gd8xlarge,
    /// `m8gd.12xlarge`
    M8gd12xlarge,
    /// `m8gd.16xlarge`
    M8gd16xlarge,
    /// `m8gd.24xlarge`
    M8gd24xlarge,
    /// `m8gd.48xlarge`
    M8gd48xlarge,
    /// `m8gd.metal-24xl`
    M8gdMetal24xl,
    /// `m8gd.metal-48xl`
    M8gdMetal48xl,
    /// `r8gd.medium`
    R8gdMedium,
    /// `r8gd.large`
    R8gdLarge,
    /// `r8gd.xlarge`
    R8gdXlarge,
    /// `r8gd.2xlarge`
    R8gd2xlarge,
    /// `r8gd.4xlarge`
    R8gd4xlarge,
    /// `r8gd.8xlarge`
    R8gd8xlarge,
    /// `r8gd.12xlarge`
    R8gd12xlarge,
    /// `r8gd.16xlarge`
    R8gd16xlarge,
    /// `r8gd.24xlarge`
    R8gd24xlarge,
    /// `r8gd.48xlarge`
    R8gd48xlarge,
    /// `r8gd.metal-24xl`
    R8gdMetal24xl,
    /// `r8gd.metal-48xl`
    R8gdMetal48xl,
    /// `c8gn.medium`
    C8gnMedium,
    /// `c8gn.large`
    C8gnLarge,
    /// `c8gn.xlarge`
    C8gnXlarge,
    /// `c8gn.2xlarge`
    C8gn2xlarge,
    /// `c8gn.4xlarge`
    C8gn4xlarge,
    /// `c8gn.8xlarge`
    C8gn8xlarge,
    /// `c8gn.12xlarge`
    C8gn12xlarge,
    /// `c8gn.16xlarge`
    C8gn16xlarge,
    /// `c8gn.24xlarge`
    C8gn24xlarge,
    /// `c8gn.48xlarge`
    C8gn48xlarge,
    /// `c8gn.metal-24xl`
    C8gnMetal24xl,
    /// `c8gn.metal-48xl`
    C8gnMetal48xl,
    /// `f2.6xlarge`
    F26xlarge,
    /// `p6e-gb200.36xlarge`
    P6eGb20036xlarge,
    /// `g6f.large`
    G6fLarge,
    /// `g6f.xlarge`
    G6fXlarge,
    /// `g6f.2xlarge`
    G6f2xlarge,
    /// `g6f.4xlarge`
    G6f4xlarge,
    /// `gr6f.4xlarge`
    Gr6f4xlarge,
    /// `p5.4xlarge`
    P54xlarge,
    /// `r8i.large`
    R8iLarge,
    /// `r8i.xlarge`
    R8iXlarge,
    /// `r8i.2xlarge`
    R8i2xlarge,
    /// `r8i.4xlarge`
    R8i4xlarge,
    /// `r8i.8xlarge`
    R8i8xlarge,
    /// `r8i.12xlarge`
    R8i12xlarge,
    /// `r8i.16xlarge`
    R8i16xlarge,
    /// `r8i.24xlarge`
    R8i24xlarge,
    /// `r8i.32xlarge`
    R8i32xlarge,
    /// `r8i.48xlarge`
    R8i48xlarge,
    /// `r8i.96xlarge`
    R8i96xlarge,
    /// `r8i.metal-48xl`
    R8iMetal48xl,
    /// `r8i.metal-96xl`
    R8iMetal96xl,
    /// `r8i-flex.large`
    R8iFlexLarge,
    /// `r8i-flex.xlarge`
    R8iFlexXlarge,
    /// `r8i-flex.2xlarge`
    R8iFlex2xlarge,
    /// `r8i-flex.4xlarge`
    R8iFlex4xlarge,
    /// `r8i-flex.8xlarge`
    R8iFlex8xlarge,
    /// `r8i-flex.12xlarge`
    R8iFlex12xlarge,
    /// `r8i-flex.16xlarge`
    R8iFlex16xlarge,
    /// `m8i.large`
    M8iLarge,
    /// `m8i.xlarge`
    M8iXlarge,
    /// `m8i.2xlarge`
    M8i2xlarge,
    /// `m8i.4xlarge`
    M8i4xlarge,
    /// `m8i.8xlarge`
    M8i8xlarge,
    /// `m8i.12xlarge`
    M8i12xlarge,
    /// `m8i.16xlarge`
    M8i16xlarge,
    /// `m8i.24xlarge`
    M8i24xlarge,
    /// `m8i.32xlarge`
    M8i32xlarge,
    /// `m8i.48xlarge`
    M8i48xlarge,
    /// `m8i.96xlarge`
    M8i96xlarge,
    /// `m8i.metal-48xl`
    M8iMetal48xl,
    /// `m8i.metal-96xl`
    M8iMetal96xl,
    /// `m8i-flex.large`
    M8iFlexLarge,
    /// `m8i-flex.xlarge`
    M8iFlexXlarge,
    /// `m8i-flex.2xlarge`
    M8iFlex2xlarge,
    /// `m8i-flex.4xlarge`
    M8iFlex4xlarge,
    /// `m8i-flex.8xlarge`
    M8iFlex8xlarge,
    /// `m8i-flex.12xlarge`
    M8iFlex12xlarge,
    /// `m8i-flex.16xlarge`
    M8iFlex16xlarge,
    /// `i8ge.large`
    I8geLarge,
    /// `i8ge.xlarge`
    I8geXlarge,
    /// `i8ge.2xlarge`
    I8ge2xlarge,
    /// `i8ge.3xlarge`
    I8ge3xlarge,
    /// `i8ge.6xlarge`
    I8ge6xlarge,
    /// `i8ge.12xlarge`
    I8ge12xlarge,
    /// `i8ge.18xlarge`
    I8ge18xlarge,
    /// `i8ge.24xlarge`
    I8ge24xlarge,
    /// `i8ge.48xlarge`
    I8ge48xlarge,
    /// `i8ge.metal-24xl`
    I8geMetal24xl,
    /// `i8ge.metal-48xl`
    I8geMetal48xl,
    /// `mac-m4.metal`
    MacM4Metal,
    /// `mac-m4pro.metal`
    MacM4proMetal,
    /// `r8gn.medium`
    R8gnMedium,
    /// `r8gn.large`
    R8gnLarge,
    /// `r8gn.xlarge`
    R8gnXlarge,
    /// `r8gn.2xlarge`
    R8gn2xlarge,
    /// `r8gn.4xlarge`
    R8gn4xlarge,
    /// `r8gn.8xlarge`
    R8gn8xlarge,
    /// `r8gn.12xlarge`
    R8gn12xlarge,
    /// `r8gn.16xlarge`
    R8gn16xlarge,
    /// `r8gn.24xlarge`
    R8gn24xlarge,
    /// `r8gn.48xlarge`
    R8gn48xlarge,
    /// `r8gn.metal-24xl`
    R8gnMetal24xl,
    /// `r8gn.metal-48xl`
    R8gnMetal48xl,
    /// `c8i.large`
    C8iLarge,
    /// `c8i.xlarge`
    C8iXlarge,
    /// `c8i.2xlarge`
    C8i2xlarge,
    /// `c8i.4xlarge`
    C8i4xlarge,
    /// `c8i.8xlarge`
    C8i8xlarge,
    /// `c8i.12xlarge`
    C8i12xlarge,
    /// `c8i.16xlarge`
    C8i16xlarge,
    /// `c8i.24xlarge`
    C8i24xlarge,
    /// `c8i.32xlarge`
    C8i32xlarge,
    /// `c8i.48xlarge`
    C8i48xlarge,
    /// `c8i.96xlarge`
    C8i96xlarge,
    /// `c8i.metal-48xl`
    C8iMetal48xl,
    /// `c8i.metal-96xl`
    C8iMetal96xl,
    /// `c8i-flex.large`
    C8iFlexLarge,
    /// `c8i-flex.xlarge`
    C8iFlexXlarge,
    /// `c8i-flex.2xlarge`
    C8iFlex2xlarge,
    /// `c8i-flex.4xlarge`
    C8iFlex4xlarge,
    /// `c8i-flex.8xlarge`
    C8iFlex8xlarge,
    /// `c8i-flex.12xlarge`
    C8iFlex12xlarge,
    /// `c8i-flex.16xlarge`
    C8iFlex16xlarge,
    /// `r8gb.medium`
    R8gbMedium,
    /// `r8gb.large`
    R8gbLarge,
    /// `r8gb.xlarge`
    R8gbXlarge,
    /// `r8gb.2xlarge`
    R8gb2xlarge,
    /// `r8gb.4xlarge`
    R8gb4xlarge,
    /// `r8gb.8xlarge`
    R8gb8xlarge,
    /// `r8gb.12xlarge`
    R8gb12xlarge,
    /// `r8gb.16xlarge`
    R8gb16xlarge,
    /// `r8gb.24xlarge`
    R8gb24xlarge,
    /// `r8gb.metal-24xl`
    R8gbMetal24xl,
    /// `m8a.medium`
    M8aMedium,
    /// `m8a.large`
    M8aLarge,
    /// `m8a.xlarge`
    M8aXlarge,
    /// `m8a.2xlarge`
    M8a2xlarge,
    /// `m8a.4xlarge`
    M8a4xlarge,
    /// `m8a.8xlarge`
    M8a8xlarge,
    /// `m8a.12xlarge`
    M8a12xlarge,
    /// `m8a.16xlarge`
    M8a16xlarge,
    /// `m8a.24xlarge`
    M8a24xlarge,
    /// `m8a.48xlarge`
    M8a48xlarge,
    /// `m8a.metal-24xl`
    M8aMetal24xl,
    /// `m8a.metal-48xl`
    M8aMetal48xl,
    /// `trn2.3xlarge`
    Trn23xlarge,
    /// `r8a.medium`
    R8aMedium,
    /// `r8a.large`
    R8aLarge,
    /// `r8a.xlarge`
    R8aXlarge,
    /// `r8a.2xlarge`
    R8a2xlarge,
    /// `r8a.4xlarge`
    R8a4xlarge,
    /// `r8a.8xlarge`
    R8a8xlarge,
    /// `r8a.12xlarge`
    R8a12xlarge,
    /// `r8a.16xlarge`
    R8a16xlarge,
    /// `r8a.24xlarge`
    R8a24xlarge,
    /// `r8a.48xlarge`
    R8a48xlarge,
    /// `r8a.metal-24xl`
    R8aMetal24xl,
    /// `r8a.metal-48xl`
    R8aMetal48xl,
    /// `p6-b300.48xlarge`
    P6B30048xlarge,
    /// `c8a.medium`
    C8aMedium,
    /// `c8a.large`
    C8aLarge,
    /// `c8a.xlarge`
    C8aXlarge,
    /// `c8a.2xlarge`
    C8a2xlarge,
    /// `c8a.4xlarge`
    C8a4xlarge,
    /// `c8a.8xlarge`
    C8a8xlarge,
    /// `c8a.12xlarge`
    C8a12xlarge,
    /// `c8a.16xlarge`
    C8a16xlarge,
    /// `c8a.24xlarge`
    C8a24xlarge,
    /// `c8a.48xlarge`
    C8a48xlarge,
    /// `c8a.metal-24xl`
    C8aMetal24xl,
    /// `c8a.metal-48xl`
    C8aMetal48xl,
    /// `c8gb.12xlarge`
    C8gb12xlarge,
    /// `c8gb.16xlarge`
    C8gb16xlarge,
    /// `c8gb.24xlarge`
    C8gb24xlarge,
    /// `c8gb.2xlarge`
    C8gb2xlarge,
    /// `c8gb.4xlarge`
    C8gb4xlarge,
    /// `c8gb.8xlarge`
    C8gb8xlarge,
    /// `c8gb.large`
    C8gbLarge,
    /// `c8gb.medium`
    C8gbMedium,
    /// `c8gb.metal-24xl`
    C8gbMetal24xl,
    /// `c8gb.xlarge`
    C8gbXlarge,
    /// `c8gb.48xlarge`
    C8gb48xlarge,
    /// `c8gb.metal-48xl`
    C8gbMetal48xl,
    /// `m8gb.12xlarge`
    M8gb12xlarge,
    /// `m8gb.16xlarge`
    M8gb16xlarge,
    /// `m8gb.24xlarge`
    M8gb24xlarge,
    /// `m8gb.2xlarge`
    M8gb2xlarge,
    /// `m8gb.4xlarge`
    M8gb4xlarge,
    /// `m8gb.8xlarge`
    M8gb8xlarge,
    /// `m8gb.large`
    M8gbLarge,
    /// `m8gb.medium`
    M8gbMedium,
    /// `m8gb.xlarge`
    M8gbXlarge,
    /// `m8gb.48xlarge`
    M8gb48xlarge,
    /// `m8gb.metal-24xl`
    M8gbMetal24xl,
    /// `m8gb.metal-48xl`
    M8gbMetal48xl,
    /// `m8gn.12xlarge`
    M8gn12xlarge,
    /// `m8gn.16xlarge`
    M8gn16xlarge,
    /// `m8gn.24xlarge`
    M8gn24xlarge,
    /// `m8gn.2xlarge`
    M8gn2xlarge,
    /// `m8gn.48xlarge`
    M8gn48xlarge,
    /// `m8gn.4xlarge`
    M8gn4xlarge,
    /// `m8gn.8xlarge`
    M8gn8xlarge,
    /// `m8gn.large`
    M8gnLarge,
    /// `m8gn.medium`
    M8gnMedium,
    /// `m8gn.xlarge`
    M8gnXlarge,
    /// `m8gn.metal-24xl`
    M8gnMetal24xl,
    /// `m8gn.metal-48xl`
    M8gnMetal48xl,
    /// `x8aedz.12xlarge`
    X8aedz12xlarge,
    /// `x8aedz.24xlarge`
    X8aedz24xlarge,
    /// `x8aedz.3xlarge`
    X8aedz3xlarge,
    /// `x8aedz.6xlarge`
    X8aedz6xlarge,
    /// `x8aedz.large`
    X8aedzLarge,
    /// `x8aedz.metal-12xl`
    X8aedzMetal12xl,
    /// `x8aedz.metal-24xl`
    X8aedzMetal24xl,
    /// `x8aedz.xlarge`
    X8aedzXlarge,
    /// `m8azn.medium`
    M8aznMedium,
    /// `m8azn.large`
    M8aznLarge,
    /// `m8azn.xlarge`
    M8aznXlarge,
    /// `m8azn.3xlarge`
    M8azn3xlarge,
    /// `m8azn.6xlarge`
    M8azn6xlarge,
    /// `m8azn.12xlarge`
    M8azn12xlarge,
    /// `m8azn.24xlarge`
    M8azn24xlarge,
    /// `m8azn.metal-12xl`
    M8aznMetal12xl,
    /// `m8azn.metal-24xl`
    M8aznMetal24xl,
    /// `x8i.large`
    X8iLarge,
    /// `x8i.xlarge`
    X8iXlarge,
    /// `x8i.2xlarge`
    X8i2xlarge,
    /// `x8i.4xlarge`
    X8i4xlarge,
    /// `x8i.8xlarge`
    X8i8xlarge,
    /// `x8i.12xlarge`
    X8i12xlarge,
    /// `x8i.16xlarge`
    X8i16xlarge,
    /// `x8i.24xlarge`
    X8i24xlarge,
    /// `x8i.32xlarge`
    X8i32xlarge,
    /// `x8i.48xlarge`
    X8i48xlarge,
    /// `x8i.64xlarge`
    X8i64xlarge,
    /// `x8i.96xlarge`
    X8i96xlarge,
    /// `x8i.metal-48xl`
    X8iMetal48xl,
    /// `x8i.metal-96xl`
    X8iMetal96xl,
    /// `mac-m4max.metal`
    MacM4maxMetal,
    /// `g7e.2xlarge`
    G7e2xlarge,
    /// `g7e.4xlarge`
    G7e4xlarge,
    /// `g7e.8xlarge`
    G7e8xlarge,
    /// `g7e.12xlarge`
    G7e12xlarge,
    /// `g7e.24xlarge`
    G7e24xlarge,
    /// `g7e.48xlarge`
    G7e48xlarge,
    /// `r8id.large`
    R8idLarge,
    /// `r8id.xlarge`
    R8idXlarge,
    /// `r8id.2xlarge`
    R8id2xlarge,
    /// `r8id.4xlarge`
    R8id4xlarge,
    /// `r8id.8xlarge`
    R8id8xlarge,
    /// `r8id.12xlarge`
    R8id12xlarge,
    /// `r8id.16xlarge`
    R8id16xlarge,
    /// `r8id.24xlarge`
    R8id24xlarge,
    /// `r8id.32xlarge`
    R8id32xlarge,
    /// `r8id.48xlarge`
    R8id48xlarge,
    /// `r8id.96xlarge`
    R8id96xlarge,
    /// `r8id.metal-48xl`
    R8idMetal48xl,
    /// `r8id.metal-96xl`
    R8idMetal96xl,
    /// `c8id.large`
    C8idLarge,
    /// `c8id.xlarge`
    C8idXlarge,
    /// `c8id.2xlarge`
    C8id2xlarge,
    /// `c8id.4xlarge`
    C8id4xlarge,
    /// `c8id.8xlarge`
    C8id8xlarge,
    /// `c8id.12xlarge`
    C8id12xlarge,
    /// `c8id.16xlarge`
    C8id16xlarge,
    /// `c8id.24xlarge`
    C8id24xlarge,
    /// `c8id.32xlarge`
    C8id32xlarge,
    /// `c8id.48xlarge`
    C8id48xlarge,
    /// `c8id.96xlarge`
    C8id96xlarge,
    /// `c8id.metal-48xl`
    C8idMetal48xl,
    /// `c8id.metal-96xl`
    C8idMetal96xl,
    /// `m8id.large`
    M8idLarge,
    /// `m8id.xlarge`
    M8idXlarge,
    /// `m8id.2xlarge`
    M8id2xlarge,
    /// `m8id.4xlarge`
    M8id4xlarge,
    /// `m8id.8xlarge`
    M8id8xlarge,
    /// `m8id.12xlarge`
    M8id12xlarge,
    /// `m8id.16xlarge`
    M8id16xlarge,
    /// `m8id.24xlarge`
    M8id24xlarge,
    /// `m8id.32xlarge`
    M8id32xlarge,
    /// `m8id.48xlarge`
    M8id48xlarge,
    /// `m8id.96xlarge`
    M8id96xlarge,
    /// `m8id.metal-48xl`
    M8idMetal48xl,
    /// `m8id.metal-96xl`
    M8idMetal96xl,
    /// `hpc8a.96xlarge`
    Hpc8a96xlarge,
    /// A value the model does not name.
    Unknown(String),
}
impl InstanceType {
    pub fn as_str(&self) -> &str {
        match self {
            InstanceType::A1Medium => "a1.medium",
            InstanceType::A1Large => "a1.large",
            InstanceType::A1Xlarge => "a1.xlarge",
            InstanceType::A12xlarge => "a1.2xlarge",
            InstanceType::A14xlarge => "a1.4xlarge",
            InstanceType::A1Metal => "a1.metal",
            InstanceType::C1Medium => "c1.medium",
            InstanceType::C1Xlarge => "c1.xlarge",
            InstanceType::C3Large => "c3.large",
            InstanceType::C3Xlarge => "c3.xlarge",
            InstanceType::C32xlarge => "c3.2xlarge",
            InstanceType::C34xlarge => "c3.4xlarge",
            InstanceType::C38xlarge => "c3.8xlarge",
            InstanceType::C4Large => "c4.large",
            InstanceType::C4Xlarge => "c4.xlarge",
            InstanceType::C42xlarge => "c4.2xlarge",
            InstanceType::C44xlarge => "c4.4xlarge",
            InstanceType::C48xlarge => "c4.8xlarge",
            InstanceType::C5Large => "c5.large",
            InstanceType::C5Xlarge => "c5.xlarge",
            InstanceType::C52xlarge => "c5.2xlarge",
            InstanceType::C54xlarge => "c5.4xlarge",
            InstanceType::C59xlarge => "c5.9xlarge",
            InstanceType::C512xlarge => "c5.12xlarge",
            InstanceType::C518xlarge => "c5.18xlarge",
            InstanceType::C524xlarge => "c5.24xlarge",
            InstanceType::C5Metal => "c5.metal",
            InstanceType::C5aLarge => "c5a.large",
            InstanceType::C5aXlarge => "c5a.xlarge",
            InstanceType::C5a2xlarge => "c5a.2xlarge",
            InstanceType::C5a4xlarge => "c5a.4xlarge",
            InstanceType::C5a8xlarge => "c5a.8xlarge",
            InstanceType::C5a12xlarge => "c5a.12xlarge",
            InstanceType::C5a16xlarge => "c5a.16xlarge",
            InstanceType::C5a24xlarge => "c5a.24xlarge",
            InstanceType::C5adLarge => "c5ad.large",
            InstanceType::C5adXlarge => "c5ad.xlarge",
            InstanceType::C5ad2xlarge => "c5ad.2xlarge",
            InstanceType::C5ad4xlarge => "c5ad.4xlarge",
            InstanceType::C5ad8xlarge => "c5ad.8xlarge",
            InstanceType::C5ad12xlarge => "c5ad.12xlarge",
            InstanceType::C5ad16xlarge => "c5ad.16xlarge",
            InstanceType::C5ad24xlarge => "c5ad.24xlarge",
            InstanceType::C5dLarge => "c5d.large",
            InstanceType::C5dXlarge => "c5d.xlarge",
            InstanceType::C5d2xlarge => "c5d.2xlarge",
            InstanceType::C5d4xlarge => "c5d.4xlarge",
            InstanceType::C5d9xlarge => "c5d.9xlarge",
            InstanceType::C5d12xlarge => "c5d.12xlarge",
            InstanceType::C5d18xlarge => "c5d.18xlarge",
            InstanceType::C5d24xlarge => "c5d.24xlarge",
            InstanceType::C5dMetal => "c5d.metal",
            InstanceType::C5nLarge => "c5n.large",
            InstanceType::C5nXlarge => "c5n.xlarge",
            InstanceType::C5n2xlarge => "c5n.2xlarge",
            InstanceType::C5n4xlarge => "c5n.4xlarge",
            InstanceType::C5n9xlarge => "c5n.9xlarge",
            InstanceType::C5n18xlarge => "c5n.18xlarge",
            InstanceType::C5nMetal => "c5n.metal",
            InstanceType::C6gMedium => "c6g.medium",
            InstanceType::C6gLarge => "c6g.large",
            InstanceType::C6gXlarge => "c6g.xlarge",
            InstanceType::C6g2xlarge => "c6g.2xlarge",
            InstanceType::C6g4xlarge => "c6g.4xlarge",
            InstanceType::C6g8xlarge => "c6g.8xlarge",
            InstanceType::C6g12xlarge => "c6g.12xlarge",
            InstanceType::C6g16xlarge => "c6g.16xlarge",
            InstanceType::C6gMetal => "c6g.metal",
            InstanceType::C6gdMedium => "c6gd.medium",
            InstanceType::C6gdLarge => "c6gd.large",
            InstanceType::C6gdXlarge => "c6gd.xlarge",
            InstanceType::C6gd2xlarge => "c6gd.2xlarge",
            InstanceType::C6gd4xlarge => "c6gd.4xlarge",
            InstanceType::C6gd8xlarge => "c6gd.8xlarge",
            InstanceType::C6gd12xlarge => "c6gd.12xlarge",
            InstanceType::C6gd16xlarge => "c6gd.16xlarge",
            InstanceType::C6gdMetal => "c6gd.metal",
            InstanceType::C6gnMedium => "c6gn.medium",
            InstanceType::C6gnLarge => "c6gn.large",
            InstanceType::C6gnXlarge => "c6gn.xlarge",
            InstanceType::C6gn2xlarge => "c6gn.2xlarge",
            InstanceType::C6gn4xlarge => "c6gn.4xlarge",
            InstanceType::C6gn8xlarge => "c6gn.8xlarge",
            InstanceType::C6gn12xlarge => "c6gn.12xlarge",
            InstanceType::C6gn16xlarge => "c6gn.16xlarge",
            InstanceType::C6iLarge => "c6i.large",
            InstanceType::C6iXlarge => "c6i.xlarge",
            InstanceType::C6i2xlarge => "c6i.2xlarge",
            InstanceType::C6i4xlarge => "c6i.4xlarge",
            InstanceType::C6i8xlarge => "c6i.8xlarge",
            InstanceType::C6i12xlarge => "c6i.12xlarge",
            InstanceType::C6i16xlarge => "c6i.16xlarge",
            InstanceType::C6i24xlarge => "c6i.24xlarge",
            InstanceType::C6i32xlarge => "c6i.32xlarge",
            InstanceType::C6iMetal => "c6i.metal",
            InstanceType::Cc14xlarge => "cc1.4xlarge",
            InstanceType::Cc28xlarge => "cc2.8xlarge",
            InstanceType::Cg14xlarge => "cg1.4xlarge",
            InstanceType::Cr18xlarge => "cr1.8xlarge",
            InstanceType::D2Xlarge => "d2.xlarge",
            InstanceType::D22xlarge => "d2.2xlarge",
            InstanceType::D24xlarge => "d2.4xlarge",
            InstanceType::D28xlarge => "d2.8xlarge",
            InstanceType::D3Xlarge => "d3.xlarge",
            InstanceType::D32xlarge => "d3.2xlarge",
            InstanceType::D34xlarge => "d3.4xlarge",
            InstanceType::D38xlarge => "d3.8xlarge",
            InstanceType::D3enXlarge => "d3en.xlarge",
            InstanceType::D3en2xlarge => "d3en.2xlarge",
            InstanceType::D3en4xlarge => "d3en.4xlarge",
            InstanceType::D3en6xlarge => "d3en.6xlarge",
            InstanceType::D3en8xlarge => "d3en.8xlarge",
            InstanceType::D3en12xlarge => "d3en.12xlarge",
            InstanceType::Dl124xlarge => "dl1.24xlarge",
            InstanceType::F12xlarge => "f1.2xlarge",
            InstanceType::F14xlarge => "f1.4xlarge",
            InstanceType::F116xlarge => "f1.16xlarge",
            InstanceType::G22xlarge => "g2.2xlarge",
            InstanceType::G28xlarge => "g2.8xlarge",
            InstanceType::G34xlarge => "g3.4xlarge",
            InstanceType::G38xlarge => "g3.8xlarge",
            InstanceType::G316xlarge => "g3.16xlarge",
            InstanceType::G3sXlarge => "g3s.xlarge",
            InstanceType::G4adXlarge => "g4ad.xlarge",
            InstanceType::G4ad2xlarge => "g4ad.2xlarge",
            InstanceType::G4ad4xlarge => "g4ad.4xlarge",
            InstanceType::G4ad8xlarge => "g4ad.8xlarge",
            InstanceType::G4ad16xlarge => "g4ad.16xlarge",
            InstanceType::G4dnXlarge => "g4dn.xlarge",
            InstanceType::G4dn2xlarge => "g4dn.2xlarge",
            InstanceType::G4dn4xlarge => "g4dn.4xlarge",
            InstanceType::G4dn8xlarge => "g4dn.8xlarge",
            InstanceType::G4dn12xlarge => "g4dn.12xlarge",
            InstanceType::G4dn16xlarge => "g4dn.16xlarge",
            InstanceType::G4dnMetal => "g4dn.metal",
            InstanceType::G5Xlarge => "g5.xlarge",
            InstanceType::G52xlarge => "g5.2xlarge",
            InstanceType::G54xlarge => "g5.4xlarge",
            InstanceType::G58xlarge => "g5.8xlarge",
            InstanceType::G512xlarge => "g5.12xlarge",
            InstanceType::G516xlarge => "g5.16xlarge",
            InstanceType::G524xlarge => "g5.24xlarge",
            InstanceType::G548xlarge => "g5.48xlarge",
            InstanceType::G5gXlarge => "g5g.xlarge",
            InstanceType::G5g2xlarge => "g5g.2xlarge",
            InstanceType::G5g4xlarge => "g5g.4xlarge",
            InstanceType::G5g8xlarge => "g5g.8xlarge",
            InstanceType::G5g16xlarge => "g5g.16xlarge",
            InstanceType::G5gMetal => "g5g.metal",
            InstanceType::Hi14xlarge => "hi1.4xlarge",
            InstanceType::Hpc6a48xlarge => "hpc6a.48xlarge",
            InstanceType::Hs18xlarge => "hs1.8xlarge",
            InstanceType::H12xlarge => "h1.2xlarge",
            InstanceType::H14xlarge => "h1.4xlarge",
            InstanceType::H18xlarge => "h1.8xlarge",
            InstanceType::H116xlarge => "h1.16xlarge",
            InstanceType::I2Xlarge => "i2.xlarge",
            InstanceType::I22xlarge => "i2.2xlarge",
            InstanceType::I24xlarge => "i2.4xlarge",
            InstanceType::I28xlarge => "i2.8xlarge",
            InstanceType::I3Large => "i3.large",
            InstanceType::I3Xlarge => "i3.xlarge",
            InstanceType::I32xlarge => "i3.2xlarge",
            InstanceType::I34xlarge => "i3.4xlarge",
            InstanceType::I38xlarge => "i3.8xlarge",
            InstanceType::I316xlarge => "i3.16xlarge",
            InstanceType::I3Metal => "i3.metal",
            InstanceType::I3enLarge => "i3en.large",
            InstanceType::I3enXlarge => "i3en.xlarge",
            InstanceType::I3en2xlarge => "i3en.2xlarge",
            InstanceType::I3en3xlarge => "i3en.3xlarge",
            InstanceType::I3en6xlarge => "i3en.6xlarge",
            InstanceType::I3en12xlarge => "i3en.12xlarge",
            InstanceType::I3en24xlarge => "i3en.24xlarge",
            InstanceType::I3enMetal => "i3en.metal",
            InstanceType::Im4gnLarge => "im4gn.large",
            InstanceType::Im4gnXlarge => "im4gn.xlarge",
            InstanceType::Im4gn2xlarge => "im4gn.2xlarge",
            InstanceType::Im4gn4xlarge => "im4gn.4xlarge",
            InstanceType::Im4gn8xlarge => "im4gn.8xlarge",
            InstanceType::Im4gn16xlarge => "im4gn.16xlarge",
            InstanceType::Inf1Xlarge => "inf1.xlarge",
            InstanceType::Inf12xlarge => "inf1.2xlarge",
            InstanceType::Inf16xlarge => "inf1.6xlarge",
            InstanceType::Inf124xlarge => "inf1.24xlarge",
            InstanceType::Is4genMedium => "is4gen.medium",
            InstanceType::Is4genLarge => "is4gen.large",
            InstanceType::Is4genXlarge => "is4gen.xlarge",
            InstanceType::Is4gen2xlarge => "is4gen.2xlarge",
            InstanceType::Is4gen4xlarge => "is4gen.4xlarge",
            InstanceType::Is4gen8xlarge => "is4gen.8xlarge",
            InstanceType::M1Small => "m1.small",
            InstanceType::M1Medium => "m1.medium",
            InstanceType::M1Large => "m1.large",
            InstanceType::M1Xlarge => "m1.xlarge",
            InstanceType::M2Xlarge => "m2.xlarge",
            InstanceType::M22xlarge => "m2.2xlarge",
            InstanceType::M24xlarge => "m2.4xlarge",
            InstanceType::M3Medium => "m3.medium",
            InstanceType::M3Large => "m3.large",
            InstanceType::M3Xlarge => "m3.xlarge",
            InstanceType::M32xlarge => "m3.2xlarge",
            InstanceType::M4Large => "m4.large",
            InstanceType::M4Xlarge => "m4.xlarge",
            InstanceType::M42xlarge => "m4.2xlarge",
            InstanceType::M44xlarge => "m4.4xlarge",
            InstanceType::M410xlarge => "m4.10xlarge",
            InstanceType::M416xlarge => "m4.16xlarge",
            InstanceType::M5Large => "m5.large",
            InstanceType::M5Xlarge => "m5.xlarge",
            InstanceType::M52xlarge => "m5.2xlarge",
            InstanceType::M54xlarge => "m5.4xlarge",
            InstanceType::M58xlarge => "m5.8xlarge",
            InstanceType::M512xlarge => "m5.12xlarge",
            InstanceType::M516xlarge => "m5.16xlarge",
            InstanceType::M524xlarge => "m5.24xlarge",
            InstanceType::M5Metal => "m5.metal",
            InstanceType::M5aLarge => "m5a.large",
            InstanceType::M5aXlarge => "m5a.xlarge",
            InstanceType::M5a2xlarge => "m5a.2xlarge",
            InstanceType::M5a4xlarge => "m5a.4xlarge",
            InstanceType::M5a8xlarge => "m5a.8xlarge",
            InstanceType::M5a12xlarge => "m5a.12xlarge",
            InstanceType::M5a16xlarge => "m5a.16xlarge",
            InstanceType::M5a24xlarge => "m5a.24xlarge",
            InstanceType::M5adLarge => "m5ad.large",
            InstanceType::M5adXlarge => "m5ad.xlarge",
            InstanceType::M5ad2xlarge => "m5ad.2xlarge",
            InstanceType::M5ad4xlarge => "m5ad.4xlarge",
            InstanceType::M5ad8xlarge => "m5ad.8xlarge",
            InstanceType::M5ad12xlarge => "m5ad.12xlarge",
            InstanceType::M5ad16xlarge => "m5ad.16xlarge",
            InstanceType::M5ad24xlarge => "m5ad.24xlarge",
            InstanceType::M5dLarge => "m5d.large",
            InstanceType::M5dXlarge => "m5d.xlarge",
            InstanceType::M5d2xlarge => "m5d.2xlarge",
            InstanceType::M5d4xlarge => "m5d.4xlarge",
            InstanceType::M5d8xlarge => "m5d.8xlarge",
            InstanceType::M5d12xlarge => "m5d.12xlarge",
            InstanceType::M5d16xlarge => "m5d.16xlarge",
            InstanceType::M5d24xlarge => "m5d.24xlarge",
            InstanceType::M5dMetal => "m5d.metal",
            InstanceType::M5dnLarge => "m5dn.large",
            InstanceType::M5dnXlarge => "m5dn.xlarge",
            InstanceType::M5dn2xlarge => "m5dn.2xlarge",
            InstanceType::M5dn4xlarge => "m5dn.4xlarge",
            InstanceType::M5dn8xlarge => "m5dn.8xlarge",
            InstanceType::M5dn12xlarge => "m5dn.12xlarge",
            InstanceType::M5dn16xlarge => "m5dn.16xlarge",
            InstanceType::M5dn24xlarge => "m5dn.24xlarge",
            InstanceType::M5dnMetal => "m5dn.metal",
            InstanceType::M5nLarge => "m5n.large",
            InstanceType::M5nXlarge => "m5n.xlarge",
            InstanceType::M5n2xlarge => "m5n.2xlarge",
            InstanceType::M5n4xlarge => "m5n.4xlarge",
            InstanceType::M5n8xlarge => "m5n.8xlarge",
            InstanceType::M5n12xlarge => "m5n.12xlarge",
            InstanceType::M5n16xlarge => "m5n.16xlarge",
            InstanceType::M5n24xlarge => "m5n.24xlarge",
            InstanceType::M5nMetal => "m5n.metal",
            InstanceType::M5znLarge => "m5zn.large",
            InstanceType::M5znXlarge => "m5zn.xlarge",
            InstanceType::M5zn2xlarge => "m5zn.2xlarge",
            InstanceType::M5zn3xlarge => "m5zn.3xlarge",
            InstanceType::M5zn6xlarge => "m5zn.6xlarge",
            InstanceType::M5zn12xlarge => "m5zn.12xlarge",
            InstanceType::M5znMetal => "m5zn.metal",
            InstanceType::M6aLarge => "m6a.large",
            InstanceType::M6aXlarge => "m6a.xlarge",
            InstanceType::M6a2xlarge => "m6a.2xlarge",
            InstanceType::M6a4xlarge => "m6a.4xlarge",
            InstanceType::M6a8xlarge => "m6a.8xlarge",
            InstanceType::M6a12xlarge => "m6a.12xlarge",
            InstanceType::M6a16xlarge => "m6a.16xlarge",
            InstanceType::M6a24xlarge => "m6a.24xlarge",
            InstanceType::M6a32xlarge => "m6a.32xlarge",
            InstanceType::M6a48xlarge => "m6a.48xlarge",
            InstanceType::M6gMetal => "m6g.metal",
            InstanceType::M6gMedium => "m6g.medium",
            InstanceType::M6gLarge => "m6g.large",
            InstanceType::M6gXlarge => "m6g.xlarge",
            InstanceType::M6g2xlarge => "m6g.2xlarge",
            InstanceType::M6g4xlarge => "m6g.4xlarge",
            InstanceType::M6g8xlarge => "m6g.8xlarge",
            InstanceType::M6g12xlarge => "m6g.12xlarge",
            InstanceType::M6g16xlarge => "m6g.16xlarge",
            InstanceType::M6gdMetal => "m6gd.metal",
            InstanceType::M6gdMedium => "m6gd.medium",
            InstanceType::M6gdLarge => "m6gd.large",
            InstanceType::M6gdXlarge => "m6gd.xlarge",
            InstanceType::M6gd2xlarge => "m6gd.2xlarge",
            InstanceType::M6gd4xlarge => "m6gd.4xlarge",
            InstanceType::M6gd8xlarge => "m6gd.8xlarge",
            InstanceType::M6gd12xlarge => "m6gd.12xlarge",
            InstanceType::M6gd16xlarge => "m6gd.16xlarge",
            InstanceType::M6iLarge => "m6i.large",
            InstanceType::M6iXlarge => "m6i.xlarge",
            InstanceType::M6i2xlarge => "m6i.2xlarge",
            InstanceType::M6i4xlarge => "m6i.4xlarge",
            InstanceType::M6i8xlarge => "m6i.8xlarge",
            InstanceType::M6i12xlarge => "m6i.12xlarge",
            InstanceType::M6i16xlarge => "m6i.16xlarge",
            InstanceType::M6i24xlarge => "m6i.24xlarge",
            InstanceType::M6i32xlarge => "m6i.32xlarge",
            InstanceType::M6iMetal => "m6i.metal",
            InstanceType::Mac1Metal => "mac1.metal",
            InstanceType::P2Xlarge => "p2.xlarge",
            InstanceType::P28xlarge => "p2.8xlarge",
            InstanceType::P216xlarge => "p2.16xlarge",
            InstanceType::P32xlarge => "p3.2xlarge",
            InstanceType::P38xlarge => "p3.8xlarge",
            InstanceType::P316xlarge => "p3.16xlarge",
            InstanceType::P3dn24xlarge => "p3dn.24xlarge",
            InstanceType::P4d24xlarge => "p4d.24xlarge",
            InstanceType::R3Large => "r3.large",
            InstanceType::R3Xlarge => "r3.xlarge",
            InstanceType::R32xlarge => "r3.2xlarge",
            InstanceType::R34xlarge => "r3.4xlarge",
            InstanceType::R38xlarge => "r3.8xlarge",
            InstanceType::R4Large => "r4.large",
            InstanceType::R4Xlarge => "r4.xlarge",
            InstanceType::R42xlarge => "r4.2xlarge",
            InstanceType::R44xlarge => "r4.4xlarge",
            InstanceType::R48xlarge => "r4.8xlarge",
            InstanceType::R416xlarge => "r4.16xlarge",
            InstanceType::R5Large => "r5.large",
            InstanceType::R5Xlarge => "r5.xlarge",
            InstanceType::R52xlarge => "r5.2xlarge",
            InstanceType::R54xlarge => "r5.4xlarge",
            InstanceType::R58xlarge => "r5.8xlarge",
            InstanceType::R512xlarge => "r5.12xlarge",
            InstanceType::R516xlarge => "r5.16xlarge",
            InstanceType::R524xlarge => "r5.24xlarge",
            InstanceType::R5Metal => "r5.metal",
            InstanceType::R5aLarge => "r5a.large",
            InstanceType::R5aXlarge => "r5a.xlarge",
            InstanceType::R5a2xlarge => "r5a.2xlarge",
            InstanceType::R5a4xlarge => "r5a.4xlarge",
            InstanceType::R5a8xlarge => "r5a.8xlarge",
            InstanceType::R5a12xlarge => "r5a.12xlarge",
            InstanceType::R5a16xlarge => "r5a.16xlarge",
            InstanceType::R5a24xlarge => "r5a.24xlarge",
            InstanceType::R5adLarge => "r5ad.large",
            InstanceType::R5adXlarge => "r5ad.xlarge",
            InstanceType::R5ad2xlarge => "r5ad.2xlarge",
            InstanceType::R5ad4xlarge => "r5ad.4xlarge",
            InstanceType::R5ad8xlarge => "r5ad.8xlarge",
            InstanceType::R5ad12xlarge => "r5ad.12xlarge",
            InstanceType::R5ad16xlarge => "r5ad.16xlarge",
            InstanceType::R5ad24xlarge => "r5ad.24xlarge",
            InstanceType::R5bLarge => "r5b.large",
            InstanceType::R5bXlarge => "r5b.xlarge",
            InstanceType::R5b2xlarge => "r5b.2xlarge",
            InstanceType::R5b4xlarge => "r5b.4xlarge",
            InstanceType::R5b8xlarge => "r5b.8xlarge",
            InstanceType::R5b12xlarge => "r5b.12xlarge",
            InstanceType::R5b16xlarge => "r5b.16xlarge",
            InstanceType::R5b24xlarge => "r5b.24xlarge",
            InstanceType::R5bMetal => "r5b.metal",
            InstanceType::R5dLarge => "r5d.large",
            InstanceType::R5dXlarge => "r5d.xlarge",
            InstanceType::R5d2xlarge => "r5d.2xlarge",
            InstanceType::R5d4xlarge => "r5d.4xlarge",
            InstanceType::R5d8xlarge => "r5d.8xlarge",
            InstanceType::R5d12xlarge => "r5d.12xlarge",
            InstanceType::R5d16xlarge => "r5d.16xlarge",
            InstanceType::R5d24xlarge => "r5d.24xlarge",
            InstanceType::R5dMetal => "r5d.metal",
            InstanceType::R5dnLarge => "r5dn.large",
            InstanceType::R5dnXlarge => "r5dn.xlarge",
            InstanceType::R5dn2xlarge => "r5dn.2xlarge",
            InstanceType::R5dn4xlarge => "r5dn.4xlarge",
            InstanceType::R5dn8xlarge => "r5dn.8xlarge",
            InstanceType::R5dn12xlarge => "r5dn.12xlarge",
            InstanceType::R5dn16xlarge => "r5dn.16xlarge",
            InstanceType::R5dn24xlarge => "r5dn.24xlarge",
            InstanceType::R5dnMetal => "r5dn.metal",
            InstanceType::R5nLarge => "r5n.large",
            InstanceType::R5nXlarge => "r5n.xlarge",
            InstanceType::R5n2xlarge => "r5n.2xlarge",
            InstanceType::R5n4xlarge => "r5n.4xlarge",
            InstanceType::R5n8xlarge => "r5n.8xlarge",
            InstanceType::R5n12xlarge => "r5n.12xlarge",
            InstanceType::R5n16xlarge => "r5n.16xlarge",
            InstanceType::R5n24xlarge => "r5n.24xlarge",
            InstanceType::R5nMetal => "r5n.metal",
            InstanceType::R6gMedium => "r6g.medium",
            InstanceType::R6gLarge => "r6g.large",
            InstanceType::R6gXlarge => "r6g.xlarge",
            InstanceType::R6g2xlarge => "r6g.2xlarge",
            InstanceType::R6g4xlarge => "r6g.4xlarge",
            InstanceType::R6g8xlarge => "r6g.8xlarge",
            InstanceType::R6g12xlarge => "r6g.12xlarge",
            InstanceType::R6g16xlarge => "r6g.16xlarge",
            InstanceType::R6gMetal => "r6g.metal",
            InstanceType::R6gdMedium => "r6gd.medium",
            InstanceType::R6gdLarge => "r6gd.large",
            InstanceType::R6gdXlarge => "r6gd.xlarge",
            InstanceType::R6gd2xlarge => "r6gd.2xlarge",
            InstanceType::R6gd4xlarge => "r6gd.4xlarge",
            InstanceType::R6gd8xlarge => "r6gd.8xlarge",
            InstanceType::R6gd12xlarge => "r6gd.12xlarge",
            InstanceType::R6gd16xlarge => "r6gd.16xlarge",
            InstanceType::R6gdMetal => "r6gd.metal",
            InstanceType::R6iLarge => "r6i.large",
            InstanceType::R6iXlarge => "r6i.xlarge",
            InstanceType::R6i2xlarge => "r6i.2xlarge",
            InstanceType::R6i4xlarge => "r6i.4xlarge",
            InstanceType::R6i8xlarge => "r6i.8xlarge",
            InstanceType::R6i12xlarge => "r6i.12xlarge",
            InstanceType::R6i16xlarge => "r6i.16xlarge",
            InstanceType::R6i24xlarge => "r6i.24xlarge",
            InstanceType::R6i32xlarge => "r6i.32xlarge",
            InstanceType::R6iMetal => "r6i.metal",
            InstanceType::T1Micro => "t1.micro",
            InstanceType::T2Nano => "t2.nano",
            InstanceType::T2Micro => "t2.micro",
            InstanceType::T2Small => "t2.small",
            InstanceType::T2Medium => "t2.medium",
            InstanceType::T2Large => "t2.large",
            InstanceType::T2Xlarge => "t2.xlarge",
            InstanceType::T22xlarge => "t2.2xlarge",
            InstanceType::T3Nano => "t3.nano",
            InstanceType::T3Micro => "t3.micro",
            InstanceType::T3Small => "t3.small",
            InstanceType::T3Medium => "t3.medium",
            InstanceType::T3Large => "t3.large",
            InstanceType::T3Xlarge => "t3.xlarge",
            InstanceType::T32xlarge => "t3.2xlarge",
            InstanceType::T3aNano => "t3a.nano",
            InstanceType::T3aMicro => "t3a.micro",
            InstanceType::T3aSmall => "t3a.small",
            InstanceType::T3aMedium => "t3a.medium",
            InstanceType::T3aLarge => "t3a.large",
            InstanceType::T3aXlarge => "t3a.xlarge",
            InstanceType::T3a2xlarge => "t3a.2xlarge",
            InstanceType::T4gNano => "t4g.nano",
            InstanceType::T4gMicro => "t4g.micro",
            InstanceType::T4gSmall => "t4g.small",
            InstanceType::T4gMedium => "t4g.medium",
            InstanceType::T4gLarge => "t4g.large",
            InstanceType::T4gXlarge => "t4g.xlarge",
            InstanceType::T4g2xlarge => "t4g.2xlarge",
            InstanceType::U6tb156xlarge => "u-6tb1.56xlarge",
            InstanceType::U6tb1112xlarge => "u-6tb1.112xlarge",
            InstanceType::U9tb1112xlarge => "u-9tb1.112xlarge",
            InstanceType::U12tb1112xlarge => "u-12tb1.112xlarge",
            InstanceType::U6tb1Metal => "u-6tb1.metal",
            InstanceType::U9tb1Metal => "u-9tb1.metal",
            InstanceType::U12tb1Metal => "u-12tb1.metal",
            InstanceType::U18tb1Metal => "u-18tb1.metal",
            InstanceType::U24tb1Metal => "u-24tb1.metal",
            InstanceType::Vt13xlarge => "vt1.3xlarge",
            InstanceType::Vt16xlarge => "vt1.6xlarge",
            InstanceType::Vt124xlarge => "vt1.24xlarge",
            InstanceType::X116xlarge => "x1.16xlarge",
            InstanceType::X132xlarge => "x1.32xlarge",
            InstanceType::X1eXlarge => "x1e.xlarge",
            InstanceType::X1e2xlarge => "x1e.2xlarge",
            InstanceType::X1e4xlarge => "x1e.4xlarge",
            InstanceType::X1e8xlarge => "x1e.8xlarge",
            InstanceType::X1e16xlarge => "x1e.16xlarge",
            InstanceType::X1e32xlarge => "x1e.32xlarge",
            InstanceType::X2iezn2xlarge => "x2iezn.2xlarge",
            InstanceType::X2iezn4xlarge => "x2iezn.4xlarge",
            InstanceType::X2iezn6xlarge => "x2iezn.6xlarge",
            InstanceType::X2iezn8xlarge => "x2iezn.8xlarge",
            InstanceType::X2iezn12xlarge => "x2iezn.12xlarge",
            InstanceType::X2ieznMetal => "x2iezn.metal",
            InstanceType::X2gdMedium => "x2gd.medium",
            InstanceType::X2gdLarge => "x2gd.large",
            InstanceType::X2gdXlarge => "x2gd.xlarge",
            InstanceType::X2gd2xlarge => "x2gd.2xlarge",
            InstanceType::X2gd4xlarge => "x2gd.4xlarge",
            InstanceType::X2gd8xlarge => "x2gd.8xlarge",
            InstanceType::X2gd12xlarge => "x2gd.12xlarge",
            InstanceType::X2gd16xlarge => "x2gd.16xlarge",
            InstanceType::X2gdMetal => "x2gd.metal",
            InstanceType::Z1dLarge => "z1d.large",
            InstanceType::Z1dXlarge => "z1d.xlarge",
            InstanceType::Z1d2xlarge => "z1d.2xlarge",
            InstanceType::Z1d3xlarge => "z1d.3xlarge",
            InstanceType::Z1d6xlarge => "z1d.6xlarge",
            InstanceType::Z1d12xlarge => "z1d.12xlarge",
            InstanceType::Z1dMetal => "z1d.metal",
            InstanceType::X2idn16xlarge => "x2idn.16xlarge",
            InstanceType::X2idn24xlarge => "x2idn.24xlarge",
            InstanceType::X2idn32xlarge => "x2idn.32xlarge",
            InstanceType::X2iednXlarge => "x2iedn.xlarge",
            InstanceType::X2iedn2xlarge => "x2iedn.2xlarge",
            InstanceType::X2iedn4xlarge => "x2iedn.4xlarge",
            InstanceType::X2iedn8xlarge => "x2iedn.8xlarge",
            InstanceType::X2iedn16xlarge => "x2iedn.16xlarge",
            InstanceType::X2iedn24xlarge => "x2iedn.24xlarge",
            InstanceType::X2iedn32xlarge => "x2iedn.32xlarge",
            InstanceType::C6aLarge => "c6a.large",
            InstanceType::C6aXlarge => "c6a.xlarge",
            InstanceType::C6a2xlarge => "c6a.2xlarge",
            InstanceType::C6a4xlarge => "c6a.4xlarge",
            InstanceType::C6a8xlarge => "c6a.8xlarge",
            InstanceType::C6a12xlarge => "c6a.12xlarge",
            InstanceType::C6a16xlarge => "c6a.16xlarge",
            InstanceType::C6a24xlarge => "c6a.24xlarge",
            InstanceType::C6a32xlarge => "c6a.32xlarge",
            InstanceType::C6a48xlarge => "c6a.48xlarge",
            InstanceType::C6aMetal => "c6a.metal",
            InstanceType::M6aMetal => "m6a.metal",
            InstanceType::I4iLarge => "i4i.large",
            InstanceType::I4iXlarge => "i4i.xlarge",
            InstanceType::I4i2xlarge => "i4i.2xlarge",
            InstanceType::I4i4xlarge => "i4i.4xlarge",
            InstanceType::I4i8xlarge => "i4i.8xlarge",
            InstanceType::I4i16xlarge => "i4i.16xlarge",
            InstanceType::I4i32xlarge => "i4i.32xlarge",
            InstanceType::I4iMetal => "i4i.metal",
            InstanceType::X2idnMetal => "x2idn.metal",
            InstanceType::X2iednMetal => "x2iedn.metal",
            InstanceType::C7gMedium => "c7g.medium",
            InstanceType::C7gLarge => "c7g.large",
            InstanceType::C7gXlarge => "c7g.xlarge",
            InstanceType::C7g2xlarge => "c7g.2xlarge",
            InstanceType::C7g4xlarge => "c7g.4xlarge",
            InstanceType::C7g8xlarge => "c7g.8xlarge",
            InstanceType::C7g12xlarge => "c7g.12xlarge",
            InstanceType::C7g16xlarge => "c7g.16xlarge",
            InstanceType::Mac2Metal => "mac2.metal",
            InstanceType::C6idLarge => "c6id.large",
            InstanceType::C6idXlarge => "c6id.xlarge",
            InstanceType::C6id2xlarge => "c6id.2xlarge",
            InstanceType::C6id4xlarge => "c6id.4xlarge",
            InstanceType::C6id8xlarge => "c6id.8xlarge",
            InstanceType::C6id12xlarge => "c6id.12xlarge",
            InstanceType::C6id16xlarge => "c6id.16xlarge",
            InstanceType::C6id24xlarge => "c6id.24xlarge",
            InstanceType::C6id32xlarge => "c6id.32xlarge",
            InstanceType::C6idMetal => "c6id.metal",
            InstanceType::M6idLarge => "m6id.large",
            InstanceType::M6idXlarge => "m6id.xlarge",
            InstanceType::M6id2xlarge => "m6id.2xlarge",
            InstanceType::M6id4xlarge => "m6id.4xlarge",
            InstanceType::M6id8xlarge => "m6id.8xlarge",
            InstanceType::M6id12xlarge => "m6id.12xlarge",
            InstanceType::M6id16xlarge => "m6id.16xlarge",
            InstanceType::M6id24xlarge => "m6id.24xlarge",
            InstanceType::M6id32xlarge => "m6id.32xlarge",
            InstanceType::M6idMetal => "m6id.metal",
            InstanceType::R6idLarge => "r6id.large",
            InstanceType::R6idXlarge => "r6id.xlarge",
            InstanceType::R6id2xlarge => "r6id.2xlarge",
            InstanceType::R6id4xlarge => "r6id.4xlarge",
            InstanceType::R6id8xlarge => "r6id.8xlarge",
            InstanceType::R6id12xlarge => "r6id.12xlarge",
            InstanceType::R6id16xlarge => "r6id.16xlarge",
            InstanceType::R6id24xlarge => "r6id.24xlarge",
            InstanceType::R6id32xlarge => "r6id.32xlarge",
            InstanceType::R6idMetal => "r6id.metal",
            InstanceType::R6aLarge => "r6a.large",
            InstanceType::R6aXlarge => "r6a.xlarge",
            InstanceType::R6a2xlarge => "r6a.2xlarge",
            InstanceType::R6a4xlarge => "r6a.4xlarge",
            InstanceType::R6a8xlarge => "r6a.8xlarge",
            InstanceType::R6a12xlarge => "r6a.12xlarge",
            InstanceType::R6a16xlarge => "r6a.16xlarge",
            InstanceType::R6a24xlarge => "r6a.24xlarge",
            InstanceType::R6a32xlarge => "r6a.32xlarge",
            InstanceType::R6a48xlarge => "r6a.48xlarge",
            InstanceType::R6aMetal => "r6a.metal",
            InstanceType::P4de24xlarge => "p4de.24xlarge",
            InstanceType::U3tb156xlarge => "u-3tb1.56xlarge",
            InstanceType::U18tb1112xlarge => "u-18tb1.112xlarge",
            InstanceType::U24tb1112xlarge => "u-24tb1.112xlarge",
            InstanceType::Trn12xlarge => "trn1.2xlarge",
            InstanceType::Trn132xlarge => "trn1.32xlarge",
            InstanceType::Hpc6id32xlarge => "hpc6id.32xlarge",
            InstanceType::C6inLarge => "c6in.large",
            InstanceType::C6inXlarge => "c6in.xlarge",
            InstanceType::C6in2xlarge => "c6in.2xlarge",
            InstanceType::C6in4xlarge => "c6in.4xlarge",
            InstanceType::C6in8xlarge => "c6in.8xlarge",
            InstanceType::C6in12xlarge => "c6in.12xlarge",
            InstanceType::C6in16xlarge => "c6in.16xlarge",
            InstanceType::C6in24xlarge => "c6in.24xlarge",
            InstanceType::C6in32xlarge => "c6in.32xlarge",
            InstanceType::M6inLarge => "m6in.large",
            InstanceType::M6inXlarge => "m6in.xlarge",
            InstanceType::M6in2xlarge => "m6in.2xlarge",
            InstanceType::M6in4xlarge => "m6in.4xlarge",
            InstanceType::M6in8xlarge => "m6in.8xlarge",
            InstanceType::M6in12xlarge => "m6in.12xlarge",
            InstanceType::M6in16xlarge => "m6in.16xlarge",
            InstanceType::M6in24xlarge => "m6in.24xlarge",
            InstanceType::M6in32xlarge => "m6in.32xlarge",
            InstanceType::M6idnLarge => "m6idn.large",
            InstanceType::M6idnXlarge => "m6idn.xlarge",
            InstanceType::M6idn2xlarge => "m6idn.2xlarge",
            InstanceType::M6idn4xlarge => "m6idn.4xlarge",
            InstanceType::M6idn8xlarge => "m6idn.8xlarge",
            InstanceType::M6idn12xlarge => "m6idn.12xlarge",
            InstanceType::M6idn16xlarge => "m6idn.16xlarge",
            InstanceType::M6idn24xlarge => "m6idn.24xlarge",
            InstanceType::M6idn32xlarge => "m6idn.32xlarge",
            InstanceType::R6inLarge => "r6in.large",
            InstanceType::R6inXlarge => "r6in.xlarge",
            InstanceType::R6in2xlarge => "r6in.2xlarge",
            InstanceType::R6in4xlarge => "r6in.4xlarge",
            InstanceType::R6in8xlarge => "r6in.8xlarge",
            InstanceType::R6in12xlarge => "r6in.12xlarge",
            InstanceType::R6in16xlarge => "r6in.16xlarge",
            InstanceType::R6in24xlarge => "r6in.24xlarge",
            InstanceType::R6in32xlarge => "r6in.32xlarge",
            InstanceType::R6idnLarge => "r6idn.large",
            InstanceType::R6idnXlarge => "r6idn.xlarge",
            InstanceType::R6idn2xlarge => "r6idn.2xlarge",
            InstanceType::R6idn4xlarge => "r6idn.4xlarge",
            InstanceType::R6idn8xlarge => "r6idn.8xlarge",
            InstanceType::R6idn12xlarge => "r6idn.12xlarge",
            InstanceType::R6idn16xlarge => "r6idn.16xlarge",
            InstanceType::R6idn24xlarge => "r6idn.24xlarge",
            InstanceType::R6idn32xlarge => "r6idn.32xlarge",
            InstanceType::C7gMetal => "c7g.metal",
            InstanceType::M7gMedium => "m7g.medium",
            InstanceType::M7gLarge => "m7g.large",
            InstanceType::M7gXlarge => "m7g.xlarge",
            InstanceType::M7g2xlarge => "m7g.2xlarge",
            InstanceType::M7g4xlarge => "m7g.4xlarge",
            InstanceType::M7g8xlarge => "m7g.8xlarge",
            InstanceType::M7g12xlarge => "m7g.12xlarge",
            InstanceType::M7g16xlarge => "m7g.16xlarge",
            InstanceType::M7gMetal => "m7g.metal",
            InstanceType::R7gMedium => "r7g.medium",
            InstanceType::R7gLarge => "r7g.large",
            InstanceType::R7gXlarge => "r7g.xlarge",
            InstanceType::R7g2xlarge => "r7g.2xlarge",
            InstanceType::R7g4xlarge => "r7g.4xlarge",
            InstanceType::R7g8xlarge => "r7g.8xlarge",
            InstanceType::R7g12xlarge => "r7g.12xlarge",
            InstanceType::R7g16xlarge => "r7g.16xlarge",
            InstanceType::R7gMetal => "r7g.metal",
            InstanceType::C6inMetal => "c6in.metal",
            InstanceType::M6inMetal => "m6in.metal",
            InstanceType::M6idnMetal => "m6idn.metal",
            InstanceType::R6inMetal => "r6in.metal",
            InstanceType::R6idnMetal => "r6idn.metal",
            InstanceType::Inf2Xlarge => "inf2.xlarge",
            InstanceType::Inf28xlarge => "inf2.8xlarge",
            InstanceType::Inf224xlarge => "inf2.24xlarge",
            InstanceType::Inf248xlarge => "inf2.48xlarge",
            InstanceType::Trn1n32xlarge => "trn1n.32xlarge",
            InstanceType::I4gLarge => "i4g.large",
            InstanceType::I4gXlarge => "i4g.xlarge",
            InstanceType::I4g2xlarge => "i4g.2xlarge",
            InstanceType::I4g4xlarge => "i4g.4xlarge",
            InstanceType::I4g8xlarge => "i4g.8xlarge",
            InstanceType::I4g16xlarge => "i4g.16xlarge",
            InstanceType::Hpc7g4xlarge => "hpc7g.4xlarge",
            InstanceType::Hpc7g8xlarge => "hpc7g.8xlarge",
            InstanceType::Hpc7g16xlarge => "hpc7g.16xlarge",
            InstanceType::C7gnMedium => "c7gn.medium",
            InstanceType::C7gnLarge => "c7gn.large",
            InstanceType::C7gnXlarge => "c7gn.xlarge",
            InstanceType::C7gn2xlarge => "c7gn.2xlarge",
            InstanceType::C7gn4xlarge => "c7gn.4xlarge",
            InstanceType::C7gn8xlarge => "c7gn.8xlarge",
            InstanceType::C7gn12xlarge => "c7gn.12xlarge",
            InstanceType::C7gn16xlarge => "c7gn.16xlarge",
            InstanceType::P548xlarge => "p5.48xlarge",
            InstanceType::M7iLarge => "m7i.large",
            InstanceType::M7iXlarge => "m7i.xlarge",
            InstanceType::M7i2xlarge => "m7i.2xlarge",
            InstanceType::M7i4xlarge => "m7i.4xlarge",
            InstanceType::M7i8xlarge => "m7i.8xlarge",
            InstanceType::M7i12xlarge => "m7i.12xlarge",
            InstanceType::M7i16xlarge => "m7i.16xlarge",
            InstanceType::M7i24xlarge => "m7i.24xlarge",
            InstanceType::M7i48xlarge => "m7i.48xlarge",
            InstanceType::M7iFlexLarge => "m7i-flex.large",
            InstanceType::M7iFlexXlarge => "m7i-flex.xlarge",
            InstanceType::M7iFlex2xlarge => "m7i-flex.2xlarge",
            InstanceType::M7iFlex4xlarge => "m7i-flex.4xlarge",
            InstanceType::M7iFlex8xlarge => "m7i-flex.8xlarge",
            InstanceType::M7aMedium => "m7a.medium",
            InstanceType::M7aLarge => "m7a.large",
            InstanceType::M7aXlarge => "m7a.xlarge",
            InstanceType::M7a2xlarge => "m7a.2xlarge",
            InstanceType::M7a4xlarge => "m7a.4xlarge",
            InstanceType::M7a8xlarge => "m7a.8xlarge",
            InstanceType::M7a12xlarge => "m7a.12xlarge",
            InstanceType::M7a16xlarge => "m7a.16xlarge",
            InstanceType::M7a24xlarge => "m7a.24xlarge",
            InstanceType::M7a32xlarge => "m7a.32xlarge",
            InstanceType::M7a48xlarge => "m7a.48xlarge",
            InstanceType::M7aMetal48xl => "m7a.metal-48xl",
            InstanceType::Hpc7a12xlarge => "hpc7a.12xlarge",
            InstanceType::Hpc7a24xlarge => "hpc7a.24xlarge",
            InstanceType::Hpc7a48xlarge => "hpc7a.48xlarge",
            InstanceType::Hpc7a96xlarge => "hpc7a.96xlarge",
            InstanceType::C7gdMedium => "c7gd.medium",
            InstanceType::C7gdLarge => "c7gd.large",
            InstanceType::C7gdXlarge => "c7gd.xlarge",
            InstanceType::C7gd2xlarge => "c7gd.2xlarge",
            InstanceType::C7gd4xlarge => "c7gd.4xlarge",
            InstanceType::C7gd8xlarge => "c7gd.8xlarge",
            InstanceType::C7gd12xlarge => "c7gd.12xlarge",
            InstanceType::C7gd16xlarge => "c7gd.16xlarge",
            InstanceType::M7gdMedium => "m7gd.medium",
            InstanceType::M7gdLarge => "m7gd.large",
            InstanceType::M7gdXlarge => "m7gd.xlarge",
            InstanceType::M7gd2xlarge => "m7gd.2xlarge",
            InstanceType::M7gd4xlarge => "m7gd.4xlarge",
            InstanceType::M7gd8xlarge => "m7gd.8xlarge",
            InstanceType::M7gd12xlarge => "m7gd.12xlarge",
            InstanceType::M7gd16xlarge => "m7gd.16xlarge",
            InstanceType::R7gdMedium => "r7gd.medium",
            InstanceType::R7gdLarge => "r7gd.large",
            InstanceType::R7gdXlarge => "r7gd.xlarge",
            InstanceType::R7gd2xlarge => "r7gd.2xlarge",
            InstanceType::R7gd4xlarge => "r7gd.4xlarge",
            InstanceType::R7gd8xlarge => "r7gd.8xlarge",
            InstanceType::R7gd12xlarge => "r7gd.12xlarge",
            InstanceType::R7gd16xlarge => "r7gd.16xlarge",
            InstanceType::R7aMedium => "r7a.medium",
            InstanceType::R7aLarge => "r7a.large",
            InstanceType::R7aXlarge => "r7a.xlarge",
            InstanceType::R7a2xlarge => "r7a.2xlarge",
            InstanceType::R7a4xlarge => "r7a.4xlarge",
            InstanceType::R7a8xlarge => "r7a.8xlarge",
            InstanceType::R7a12xlarge => "r7a.12xlarge",
            InstanceType::R7a16xlarge => "r7a.16xlarge",
            InstanceType::R7a24xlarge => "r7a.24xlarge",
            InstanceType::R7a32xlarge => "r7a.32xlarge",
            InstanceType::R7a48xlarge => "r7a.48xlarge",
            InstanceType::C7iLarge => "c7i.large",
            InstanceType::C7iXlarge => "c7i.xlarge",
            InstanceType::C7i2xlarge => "c7i.2xlarge",
            InstanceType::C7i4xlarge => "c7i.4xlarge",
            InstanceType::C7i8xlarge => "c7i.8xlarge",
            InstanceType::C7i12xlarge => "c7i.12xlarge",
            InstanceType::C7i16xlarge => "c7i.16xlarge",
            InstanceType::C7i24xlarge => "c7i.24xlarge",
            InstanceType::C7i48xlarge => "c7i.48xlarge",
            InstanceType::Mac2M2proMetal => "mac2-m2pro.metal",
            InstanceType::R7izLarge => "r7iz.large",
            InstanceType::R7izXlarge => "r7iz.xlarge",
            InstanceType::R7iz2xlarge => "r7iz.2xlarge",
            InstanceType::R7iz4xlarge => "r7iz.4xlarge",
            InstanceType::R7iz8xlarge => "r7iz.8xlarge",
            InstanceType::R7iz12xlarge => "r7iz.12xlarge",
            InstanceType::R7iz16xlarge => "r7iz.16xlarge",
            InstanceType::R7iz32xlarge => "r7iz.32xlarge",
            InstanceType::C7aMedium => "c7a.medium",
            InstanceType::C7aLarge => "c7a.large",
            InstanceType::C7aXlarge => "c7a.xlarge",
            InstanceType::C7a2xlarge => "c7a.2xlarge",
            InstanceType::C7a4xlarge => "c7a.4xlarge",
            InstanceType::C7a8xlarge => "c7a.8xlarge",
            InstanceType::C7a12xlarge => "c7a.12xlarge",
            InstanceType::C7a16xlarge => "c7a.16xlarge",
            InstanceType::C7a24xlarge => "c7a.24xlarge",
            InstanceType::C7a32xlarge => "c7a.32xlarge",
            InstanceType::C7a48xlarge => "c7a.48xlarge",
            InstanceType::C7aMetal48xl => "c7a.metal-48xl",
            InstanceType::R7aMetal48xl => "r7a.metal-48xl",
            InstanceType::R7iLarge => "r7i.large",
            InstanceType::R7iXlarge => "r7i.xlarge",
            InstanceType::R7i2xlarge => "r7i.2xlarge",
            InstanceType::R7i4xlarge => "r7i.4xlarge",
            InstanceType::R7i8xlarge => "r7i.8xlarge",
            InstanceType::R7i12xlarge => "r7i.12xlarge",
            InstanceType::R7i16xlarge => "r7i.16xlarge",
            InstanceType::R7i24xlarge => "r7i.24xlarge",
            InstanceType::R7i48xlarge => "r7i.48xlarge",
            InstanceType::Dl2q24xlarge => "dl2q.24xlarge",
            InstanceType::Mac2M2Metal => "mac2-m2.metal",
            InstanceType::I4i12xlarge => "i4i.12xlarge",
            InstanceType::I4i24xlarge => "i4i.24xlarge",
            InstanceType::C7iMetal24xl => "c7i.metal-24xl",
            InstanceType::C7iMetal48xl => "c7i.metal-48xl",
            InstanceType::M7iMetal24xl => "m7i.metal-24xl",
            InstanceType::M7iMetal48xl => "m7i.metal-48xl",
            InstanceType::R7iMetal24xl => "r7i.metal-24xl",
            InstanceType::R7iMetal48xl => "r7i.metal-48xl",
            InstanceType::R7izMetal16xl => "r7iz.metal-16xl",
            InstanceType::R7izMetal32xl => "r7iz.metal-32xl",
            InstanceType::C7gdMetal => "c7gd.metal",
            InstanceType::M7gdMetal => "m7gd.metal",
            InstanceType::R7gdMetal => "r7gd.metal",
            InstanceType::G6Xlarge => "g6.xlarge",
            InstanceType::G62xlarge => "g6.2xlarge",
            InstanceType::G64xlarge => "g6.4xlarge",
            InstanceType::G68xlarge => "g6.8xlarge",
            InstanceType::G612xlarge => "g6.12xlarge",
            InstanceType::G616xlarge => "g6.16xlarge",
            InstanceType::G624xlarge => "g6.24xlarge",
            InstanceType::G648xlarge => "g6.48xlarge",
            InstanceType::Gr64xlarge => "gr6.4xlarge",
            InstanceType::Gr68xlarge => "gr6.8xlarge",
            InstanceType::C7iFlexLarge => "c7i-flex.large",
            InstanceType::C7iFlexXlarge => "c7i-flex.xlarge",
            InstanceType::C7iFlex2xlarge => "c7i-flex.2xlarge",
            InstanceType::C7iFlex4xlarge => "c7i-flex.4xlarge",
            InstanceType::C7iFlex8xlarge => "c7i-flex.8xlarge",
            InstanceType::U7i12tb224xlarge => "u7i-12tb.224xlarge",
            InstanceType::U7in16tb224xlarge => "u7in-16tb.224xlarge",
            InstanceType::U7in24tb224xlarge => "u7in-24tb.224xlarge",
            InstanceType::U7in32tb224xlarge => "u7in-32tb.224xlarge",
            InstanceType::U7ib12tb224xlarge => "u7ib-12tb.224xlarge",
            InstanceType::C7gnMetal => "c7gn.metal",
            InstanceType::R8gMedium => "r8g.medium",
            InstanceType::R8gLarge => "r8g.large",
            InstanceType::R8gXlarge => "r8g.xlarge",
            InstanceType::R8g2xlarge => "r8g.2xlarge",
            InstanceType::R8g4xlarge => "r8g.4xlarge",
            InstanceType::R8g8xlarge => "r8g.8xlarge",
            InstanceType::R8g12xlarge => "r8g.12xlarge",
            InstanceType::R8g16xlarge => "r8g.16xlarge",
            InstanceType::R8g24xlarge => "r8g.24xlarge",
            InstanceType::R8g48xlarge => "r8g.48xlarge",
            InstanceType::R8gMetal24xl => "r8g.metal-24xl",
            InstanceType::R8gMetal48xl => "r8g.metal-48xl",
            InstanceType::Mac2M1ultraMetal => "mac2-m1ultra.metal",
            InstanceType::G6eXlarge => "g6e.xlarge",
            InstanceType::G6e2xlarge => "g6e.2xlarge",
            InstanceType::G6e4xlarge => "g6e.4xlarge",
            InstanceType::G6e8xlarge => "g6e.8xlarge",
            InstanceType::G6e12xlarge => "g6e.12xlarge",
            InstanceType::G6e16xlarge => "g6e.16xlarge",
            InstanceType::G6e24xlarge => "g6e.24xlarge",
            InstanceType::G6e48xlarge => "g6e.48xlarge",
            InstanceType::C8gMedium => "c8g.medium",
            InstanceType::C8gLarge => "c8g.large",
            InstanceType::C8gXlarge => "c8g.xlarge",
            InstanceType::C8g2xlarge => "c8g.2xlarge",
            InstanceType::C8g4xlarge => "c8g.4xlarge",
            InstanceType::C8g8xlarge => "c8g.8xlarge",
            InstanceType::C8g12xlarge => "c8g.12xlarge",
            InstanceType::C8g16xlarge => "c8g.16xlarge",
            InstanceType::C8g24xlarge => "c8g.24xlarge",
            InstanceType::C8g48xlarge => "c8g.48xlarge",
            InstanceType::C8gMetal24xl => "c8g.metal-24xl",
            InstanceType::C8gMetal48xl => "c8g.metal-48xl",
            InstanceType::M8gMedium => "m8g.medium",
            InstanceType::M8gLarge => "m8g.large",
            InstanceType::M8gXlarge => "m8g.xlarge",
            InstanceType::M8g2xlarge => "m8g.2xlarge",
            InstanceType::M8g4xlarge => "m8g.4xlarge",
            InstanceType::M8g8xlarge => "m8g.8xlarge",
            InstanceType::M8g12xlarge => "m8g.12xlarge",
            InstanceType::M8g16xlarge => "m8g.16xlarge",
            InstanceType::M8g24xlarge => "m8g.24xlarge",
            InstanceType::M8g48xlarge => "m8g.48xlarge",
            InstanceType::M8gMetal24xl => "m8g.metal-24xl",
            InstanceType::M8gMetal48xl => "m8g.metal-48xl",
            InstanceType::X8gMedium => "x8g.medium",
            InstanceType::X8gLarge => "x8g.large",
            InstanceType::X8gXlarge => "x8g.xlarge",
            InstanceType::X8g2xlarge => "x8g.2xlarge",
            InstanceType::X8g4xlarge => "x8g.4xlarge",
            InstanceType::X8g8xlarge => "x8g.8xlarge",
            InstanceType::X8g12xlarge => "x8g.12xlarge",
            InstanceType::X8g16xlarge => "x8g.16xlarge",
            InstanceType::X8g24xlarge => "x8g.24xlarge",
            InstanceType::X8g48xlarge => "x8g.48xlarge",
            InstanceType::X8gMetal24xl => "x8g.metal-24xl",
            InstanceType::X8gMetal48xl => "x8g.metal-48xl",
            InstanceType::I7ieLarge => "i7ie.large",
            InstanceType::I7ieXlarge => "i7ie.xlarge",
            InstanceType::I7ie2xlarge => "i7ie.2xlarge",
            InstanceType::I7ie3xlarge => "i7ie.3xlarge",
            InstanceType::I7ie6xlarge => "i7ie.6xlarge",
            InstanceType::I7ie12xlarge => "i7ie.12xlarge",
            InstanceType::I7ie18xlarge => "i7ie.18xlarge",
            InstanceType::I7ie24xlarge => "i7ie.24xlarge",
            InstanceType::I7ie48xlarge => "i7ie.48xlarge",
            InstanceType::I8gLarge => "i8g.large",
            InstanceType::I8gXlarge => "i8g.xlarge",
            InstanceType::I8g2xlarge => "i8g.2xlarge",
            InstanceType::I8g4xlarge => "i8g.4xlarge",
            InstanceType::I8g8xlarge => "i8g.8xlarge",
            InstanceType::I8g12xlarge => "i8g.12xlarge",
            InstanceType::I8g16xlarge => "i8g.16xlarge",
            InstanceType::I8g24xlarge => "i8g.24xlarge",
            InstanceType::I8gMetal24xl => "i8g.metal-24xl",
            InstanceType::U7i6tb112xlarge => "u7i-6tb.112xlarge",
            InstanceType::U7i8tb112xlarge => "u7i-8tb.112xlarge",
            InstanceType::U7inh32tb480xlarge => "u7inh-32tb.480xlarge",
            InstanceType::P5e48xlarge => "p5e.48xlarge",
            InstanceType::P5en48xlarge => "p5en.48xlarge",
            InstanceType::F212xlarge => "f2.12xlarge",
            InstanceType::F248xlarge => "f2.48xlarge",
            InstanceType::Trn248xlarge => "trn2.48xlarge",
            InstanceType::C7iFlex12xlarge => "c7i-flex.12xlarge",
            InstanceType::C7iFlex16xlarge => "c7i-flex.16xlarge",
            InstanceType::M7iFlex12xlarge => "m7i-flex.12xlarge",
            InstanceType::M7iFlex16xlarge => "m7i-flex.16xlarge",
            InstanceType::I7ieMetal24xl => "i7ie.metal-24xl",
            InstanceType::I7ieMetal48xl => "i7ie.metal-48xl",
            InstanceType::I8g48xlarge => "i8g.48xlarge",
            InstanceType::C8gdMedium => "c8gd.medium",
            InstanceType::C8gdLarge => "c8gd.large",
            InstanceType::C8gdXlarge => "c8gd.xlarge",
            InstanceType::C8gd2xlarge => "c8gd.2xlarge",
            InstanceType::C8gd4xlarge => "c8gd.4xlarge",
            InstanceType::C8gd8xlarge => "c8gd.8xlarge",
            InstanceType::C8gd12xlarge => "c8gd.12xlarge",
            InstanceType::C8gd16xlarge => "c8gd.16xlarge",
            InstanceType::C8gd24xlarge => "c8gd.24xlarge",
            InstanceType::C8gd48xlarge => "c8gd.48xlarge",
            InstanceType::C8gdMetal24xl => "c8gd.metal-24xl",
            InstanceType::C8gdMetal48xl => "c8gd.metal-48xl",
            InstanceType::I7iLarge => "i7i.large",
            InstanceType::I7iXlarge => "i7i.xlarge",
            InstanceType::I7i2xlarge => "i7i.2xlarge",
            InstanceType::I7i4xlarge => "i7i.4xlarge",
            InstanceType::I7i8xlarge => "i7i.8xlarge",
            InstanceType::I7i12xlarge => "i7i.12xlarge",
            InstanceType::I7i16xlarge => "i7i.16xlarge",
            InstanceType::I7i24xlarge => "i7i.24xlarge",
            InstanceType::I7i48xlarge => "i7i.48xlarge",
            InstanceType::I7iMetal24xl => "i7i.metal-24xl",
            InstanceType::I7iMetal48xl => "i7i.metal-48xl",
            InstanceType::P6B20048xlarge => "p6-b200.48xlarge",
            InstanceType::M8gdMedium => "m8gd.medium",
            InstanceType::M8gdLarge => "m8gd.large",
            InstanceType::M8gdXlarge => "m8gd.xlarge",
            InstanceType::M8gd2xlarge => "m8gd.2xlarge",
            InstanceType::M8gd4xlarge => "m8gd.4xlarge",
            InstanceType::M8gd8xlarge => "m8gd.8xlarge",
            InstanceType::M8gd12xlarge => "m8gd.12xlarge",
            InstanceType::M8gd16xlarge => "m8gd.16xlarge",
            InstanceType::M8gd24xlarge => "m8gd.24xlarge",
            InstanceType::M8gd48xlarge => "m8gd.48xlarge",
            InstanceType::M8gdMetal24xl => "m8gd.metal-24xl",
            InstanceType::M8gdMetal48xl => "m8gd.metal-48xl",
            InstanceType::R8gdMedium => "r8gd.medium",
            InstanceType::R8gdLarge => "r8gd.large",
            InstanceType::R8gdXlarge => "r8gd.xlarge",
            InstanceType::R8gd2xlarge => "r8gd.2xlarge",
            InstanceType::R8gd4xlarge => "r8gd.4xlarge",
            InstanceType::R8gd8xlarge => "r8gd.8xlarge",
            InstanceType::R8gd12xlarge => "r8gd.12xlarge",
            InstanceType::R8gd16xlarge => "r8gd.16xlarge",
            InstanceType::R8gd24xlarge => "r8gd.24xlarge",
            InstanceType::R8gd48xlarge => "r8gd.48xlarge",
            InstanceType::R8gdMetal24xl => "r8gd.metal-24xl",
            InstanceType::R8gdMetal48xl => "r8gd.metal-48xl",
            InstanceType::C8gnMedium => "c8gn.medium",
            InstanceType::C8gnLarge => "c8gn.large",
            InstanceType::C8gnXlarge => "c8gn.xlarge",
            InstanceType::C8gn2xlarge => "c8gn.2xlarge",
            InstanceType::C8gn4xlarge => "c8gn.4xlarge",
            InstanceType::C8gn8xlarge => "c8gn.8xlarge",
            InstanceType::C8gn12xlarge => "c8gn.12xlarge",
            InstanceType::C8gn16xlarge => "c8gn.16xlarge",
            InstanceType::C8gn24xlarge => "c8gn.24xlarge",
            InstanceType::C8gn48xlarge => "c8gn.48xlarge",
            InstanceType::C8gnMetal24xl => "c8gn.metal-24xl",
            InstanceType::C8gnMetal48xl => "c8gn.metal-48xl",
            InstanceType::F26xlarge => "f2.6xlarge",
            InstanceType::P6eGb20036xlarge => "p6e-gb200.36xlarge",
            InstanceType::G6fLarge => "g6f.large",
            InstanceType::G6fXlarge => "g6f.xlarge",
            InstanceType::G6f2xlarge => "g6f.2xlarge",
            InstanceType::G6f4xlarge => "g6f.4xlarge",
            InstanceType::Gr6f4xlarge => "gr6f.4xlarge",
            InstanceType::P54xlarge => "p5.4xlarge",
            InstanceType::R8iLarge => "r8i.large",
            InstanceType::R8iXlarge => "r8i.xlarge",
            InstanceType::R8i2xlarge => "r8i.2xlarge",
            InstanceType::R8i4xlarge => "r8i.4xlarge",
            InstanceType::R8i8xlarge => "r8i.8xlarge",
            InstanceType::R8i12xlarge => "r8i.12xlarge",
            InstanceType::R8i16xlarge => "r8i.16xlarge",
            InstanceType::R8i24xlarge => "r8i.24xlarge",
            InstanceType::R8i32xlarge => "r8i.32xlarge",
            InstanceType::R8i48xlarge => "r8i.48xlarge",
            InstanceType::R8i96xlarge => "r8i.96xlarge",
            InstanceType::R8iMetal48xl => "r8i.metal-48xl",
            InstanceType::R8iMetal96xl => "r8i.metal-96xl",
            InstanceType::R8iFlexLarge => "r8i-flex.large",
            InstanceType::R8iFlexXlarge => "r8i-flex.xlarge",
            InstanceType::R8iFlex2xlarge => "r8i-flex.2xlarge",
            InstanceType::R8iFlex4xlarge => "r8i-flex.4xlarge",
            InstanceType::R8iFlex8xlarge => "r8i-flex.8xlarge",
            InstanceType::R8iFlex12xlarge => "r8i-flex.12xlarge",
            InstanceType::R8iFlex16xlarge => "r8i-flex.16xlarge",
            InstanceType::M8iLarge => "m8i.large",
            InstanceType::M8iXlarge => "m8i.xlarge",
            InstanceType::M8i2xlarge => "m8i.2xlarge",
            InstanceType::M8i4xlarge => "m8i.4xlarge",
            InstanceType::M8i8xlarge => "m8i.8xlarge",
            InstanceType::M8i12xlarge => "m8i.12xlarge",
            InstanceType::M8i16xlarge => "m8i.16xlarge",
            InstanceType::M8i24xlarge => "m8i.24xlarge",
            InstanceType::M8i32xlarge => "m8i.32xlarge",
            InstanceType::M8i48xlarge => "m8i.48xlarge",
            InstanceType::M8i96xlarge => "m8i.96xlarge",
            InstanceType::M8iMetal48xl => "m8i.metal-48xl",
            InstanceType::M8iMetal96xl => "m8i.metal-96xl",
            InstanceType::M8iFlexLarge => "m8i-flex.large",
            InstanceType::M8iFlexXlarge => "m8i-flex.xlarge",
            InstanceType::M8iFlex2xlarge => "m8i-flex.2xlarge",
            InstanceType::M8iFlex4xlarge => "m8i-flex.4xlarge",
            InstanceType::M8iFlex8xlarge => "m8i-flex.8xlarge",
            InstanceType::M8iFlex12xlarge => "m8i-flex.12xlarge",
            InstanceType::M8iFlex16xlarge => "m8i-flex.16xlarge",
            InstanceType::I8geLarge => "i8ge.large",
            InstanceType::I8geXlarge => "i8ge.xlarge",
            InstanceType::I8ge2xlarge => "i8ge.2xlarge",
            InstanceType::I8ge3xlarge => "i8ge.3xlarge",
            InstanceType::I8ge6xlarge => "i8ge.6xlarge",
            InstanceType::I8ge12xlarge => "i8ge.12xlarge",
            InstanceType::I8ge18xlarge => "i8ge.18xlarge",
            InstanceType::I8ge24xlarge => "i8ge.24xlarge",
            InstanceType::I8ge48xlarge => "i8ge.48xlarge",
            InstanceType::I8geMetal24xl => "i8ge.metal-24xl",
            InstanceType::I8geMetal48xl => "i8ge.metal-48xl",
            InstanceType::MacM4Metal => "mac-m4.metal",
            InstanceType::MacM4proMetal => "mac-m4pro.metal",
            InstanceType::R8gnMedium => "r8gn.medium",
            InstanceType::R8gnLarge => "r8gn.large",
            InstanceType::R8gnXlarge => "r8gn.xlarge",
            InstanceType::R8gn2xlarge => "r8gn.2xlarge",
            InstanceType::R8gn4xlarge => "r8gn.4xlarge",
            InstanceType::R8gn8xlarge => "r8gn.8xlarge",
            InstanceType::R8gn12xlarge => "r8gn.12xlarge",
            InstanceType::R8gn16xlarge => "r8gn.16xlarge",
            InstanceType::R8gn24xlarge => "r8gn.24xlarge",
            InstanceType::R8gn48xlarge => "r8gn.48xlarge",
            InstanceType::R8gnMetal24xl => "r8gn.metal-24xl",
            InstanceType::R8gnMetal48xl => "r8gn.metal-48xl",
            InstanceType::C8iLarge => "c8i.large",
            InstanceType::C8iXlarge => "c8i.xlarge",
            InstanceType::C8i2xlarge => "c8i.2xlarge",
            InstanceType::C8i4xlarge => "c8i.4xlarge",
            InstanceType::C8i8xlarge => "c8i.8xlarge",
            InstanceType::C8i12xlarge => "c8i.12xlarge",
            InstanceType::C8i16xlarge => "c8i.16xlarge",
            InstanceType::C8i24xlarge => "c8i.24xlarge",
            InstanceType::C8i32xlarge => "c8i.32xlarge",
            InstanceType::C8i48xlarge => "c8i.48xlarge",
            InstanceType::C8i96xlarge => "c8i.96xlarge",
            InstanceType::C8iMetal48xl => "c8i.metal-48xl",
            InstanceType::C8iMetal96xl => "c8i.metal-96xl",
            InstanceType::C8iFlexLarge => "c8i-flex.large",
            InstanceType::C8iFlexXlarge => "c8i-flex.xlarge",
            InstanceType::C8iFlex2xlarge => "c8i-flex.2xlarge",
            InstanceType::C8iFlex4xlarge => "c8i-flex.4xlarge",
            InstanceType::C8iFlex8xlarge => "c8i-flex.8xlarge",
            InstanceType::C8iFlex12xlarge => "c8i-flex.12xlarge",
            InstanceType::C8iFlex16xlarge => "c8i-flex.16xlarge",
            InstanceType::R8gbMedium => "r8gb.medium",
            InstanceType::R8gbLarge => "r8gb.large",
            InstanceType::R8gbXlarge => "r8gb.xlarge",
            InstanceType::R8gb2xlarge => "r8gb.2xlarge",
            InstanceType::R8gb4xlarge => "r8gb.4xlarge",
            InstanceType::R8gb8xlarge => "r8gb.8xlarge",
            InstanceType::R8gb12xlarge => "r8gb.12xlarge",
            InstanceType::R8gb16xlarge => "r8gb.16xlarge",
            InstanceType::R8gb24xlarge => "r8gb.24xlarge",
            InstanceType::R8gbMetal24xl => "r8gb.metal-24xl",
            InstanceType::M8aMedium => "m8a.medium",
            InstanceType::M8aLarge => "m8a.large",
            InstanceType::M8aXlarge => "m8a.xlarge",
            InstanceType::M8a2xlarge => "m8a.2xlarge",
            InstanceType::M8a4xlarge => "m8a.4xlarge",
            InstanceType::M8a8xlarge => "m8a.8xlarge",
            InstanceType::M8a12xlarge => "m8a.12xlarge",
            InstanceType::M8a16xlarge => "m8a.16xlarge",
            InstanceType::M8a24xlarge => "m8a.24xlarge",
            InstanceType::M8a48xlarge => "m8a.48xlarge",
            InstanceType::M8aMetal24xl => "m8a.metal-24xl",
            InstanceType::M8aMetal48xl => "m8a.metal-48xl",
            InstanceType::Trn23xlarge => "trn2.3xlarge",
            InstanceType::R8aMedium => "r8a.medium",
            InstanceType::R8aLarge => "r8a.large",
            InstanceType::R8aXlarge => "r8a.xlarge",
            InstanceType::R8a2xlarge => "r8a.2xlarge",
            InstanceType::R8a4xlarge => "r8a.4xlarge",
            InstanceType::R8a8xlarge => "r8a.8xlarge",
            InstanceType::R8a12xlarge => "r8a.12xlarge",
            InstanceType::R8a16xlarge => "r8a.16xlarge",
            InstanceType::R8a24xlarge => "r8a.24xlarge",
            InstanceType::R8a48xlarge => "r8a.48xlarge",
            InstanceType::R8aMetal24xl => "r8a.metal-24xl",
            InstanceType::R8aMetal48xl => "r8a.metal-48xl",
            InstanceType::P6B30048xlarge => "p6-b300.48xlarge",
            InstanceType::C8aMedium => "c8a.medium",
            InstanceType::C8aLarge => "c8a.large",
            InstanceType::C8aXlarge => "c8a.xlarge",
            InstanceType::C8a2xlarge => "c8a.2xlarge",
            InstanceType::C8a4xlarge => "c8a.4xlarge",
            InstanceType::C8a8xlarge => "c8a.8xlarge",
            InstanceType::C8a12xlarge => "c8a.12xlarge",
            InstanceType::C8a16xlarge => "c8a.16xlarge",
            InstanceType::C8a24xlarge => "c8a.24xlarge",
            InstanceType::C8a48xlarge => "c8a.48xlarge",
            InstanceType::C8aMetal24xl => "c8a.metal-24xl",
            InstanceType::C8aMetal48xl => "c8a.metal-48xl",
            InstanceType::C8gb12xlarge => "c8gb.12xlarge",
            InstanceType::C8gb16xlarge => "c8gb.16xlarge",
            InstanceType::C8gb24xlarge => "c8gb.24xlarge",
            InstanceType::C8gb2xlarge => "c8gb.2xlarge",
            InstanceType::C8gb4xlarge => "c8gb.4xlarge",
            InstanceType::C8gb8xlarge => "c8gb.8xlarge",
            InstanceType::C8gbLarge => "c8gb.large",
            InstanceType::C8gbMedium => "c8gb.medium",
            InstanceType::C8gbMetal24xl => "c8gb.metal-24xl",
            InstanceType::C8gbXlarge => "c8gb.xlarge",
            InstanceType::C8gb48xlarge => "c8gb.48xlarge",
            InstanceType::C8gbMetal48xl => "c8gb.metal-48xl",
            InstanceType::M8gb12xlarge => "m8gb.12xlarge",
            InstanceType::M8gb16xlarge => "m8gb.16xlarge",
            InstanceType::M8gb24xlarge => "m8gb.24xlarge",
            InstanceType::M8gb2xlarge => "m8gb.2xlarge",
            InstanceType::M8gb4xlarge => "m8gb.4xlarge",
            InstanceType::M8gb8xlarge => "m8gb.8xlarge",
            InstanceType::M8gbLarge => "m8gb.large",
            InstanceType::M8gbMedium => "m8gb.medium",
            InstanceType::M8gbXlarge => "m8gb.xlarge",
            InstanceType::M8gb48xlarge => "m8gb.48xlarge",
            InstanceType::M8gbMetal24xl => "m8gb.metal-24xl",
            InstanceType::M8gbMetal48xl => "m8gb.metal-48xl",
            InstanceType::M8gn12xlarge => "m8gn.12xlarge",
            InstanceType::M8gn16xlarge => "m8gn.16xlarge",
            InstanceType::M8gn24xlarge => "m8gn.24xlarge",
            InstanceType::M8gn2xlarge => "m8gn.2xlarge",
            InstanceType::M8gn48xlarge => "m8gn.48xlarge",
            InstanceType::M8gn4xlarge => "m8gn.4xlarge",
            InstanceType::M8gn8xlarge => "m8gn.8xlarge",
            InstanceType::M8gnLarge => "m8gn.large",
            InstanceType::M8gnMedium => "m8gn.medium",
            InstanceType::M8gnXlarge => "m8gn.xlarge",
            InstanceType::M8gnMetal24xl => "m8gn.metal-24xl",
            InstanceType::M8gnMetal48xl => "m8gn.metal-48xl",
            InstanceType::X8aedz12xlarge => "x8aedz.12xlarge",
            InstanceType::X8aedz24xlarge => "x8aedz.24xlarge",
            InstanceType::X8aedz3xlarge => "x8aedz.3xlarge",
            InstanceType::X8aedz6xlarge => "x8aedz.6xlarge",
            InstanceType::X8aedzLarge => "x8aedz.large",
            InstanceType::X8aedzMetal12xl => "x8aedz.metal-12xl",
            InstanceType::X8aedzMetal24xl => "x8aedz.metal-24xl",
            InstanceType::X8aedzXlarge => "x8aedz.xlarge",
            InstanceType::M8aznMedium => "m8azn.medium",
            InstanceType::M8aznLarge => "m8azn.large",
            InstanceType::M8aznXlarge => "m8azn.xlarge",
            InstanceType::M8azn3xlarge => "m8azn.3xlarge",
            InstanceType::M8azn6xlarge => "m8azn.6xlarge",
            InstanceType::M8azn12xlarge => "m8azn.12xlarge",
            InstanceType::M8azn24xlarge => "m8azn.24xlarge",
            InstanceType::M8aznMetal12xl => "m8azn.metal-12xl",
            InstanceType::M8aznMetal24xl => "m8azn.metal-24xl",
            InstanceType::X8iLarge => "x8i.large",
            InstanceType::X8iXlarge => "x8i.xlarge",
            InstanceType::X8i2xlarge => "x8i.2xlarge",
            InstanceType::X8i4xlarge => "x8i.4xlarge",
            InstanceType::X8i8xlarge => "x8i.8xlarge",
            InstanceType::X8i12xlarge => "x8i.12xlarge",
            InstanceType::X8i16xlarge => "x8i.16xlarge",
            InstanceType::X8i24xlarge => "x8i.24xlarge",
            InstanceType::X8i32xlarge => "x8i.32xlarge",
            InstanceType::X8i48xlarge => "x8i.48xlarge",
            InstanceType::X8i64xlarge => "x8i.64xlarge",
            InstanceType::X8i96xlarge => "x8i.96xlarge",
            InstanceType::X8iMetal48xl => "x8i.metal-48xl",
            InstanceType::X8iMetal96xl => "x8i.metal-96xl",
            InstanceType::MacM4maxMetal => "mac-m4max.metal",
            InstanceType::G7e2xlarge => "g7e.2xlarge",
            InstanceType::G7e4xlarge => "g7e.4xlarge",
            InstanceType::G7e8xlarge => "g7e.8xlarge",
            InstanceType::G7e12xlarge => "g7e.12xlarge",
            InstanceType::G7e24xlarge => "g7e.24xlarge",
            InstanceType::G7e48xlarge => "g7e.48xlarge",
            InstanceType::R8idLarge => "r8id.large",
            InstanceType::R8idXlarge => "r8id.xlarge",
            InstanceType::R8id2xlarge => "r8id.2xlarge",
            InstanceType::R8id4xlarge => "r8id.4xlarge",
            InstanceType::R8id8xlarge => "r8id.8xlarge",
            InstanceType::R8id12xlarge => "r8id.12xlarge",
            InstanceType::R8id16xlarge => "r8id.16xlarge",
            InstanceType::R8id24xlarge => "r8id.24xlarge",
            InstanceType::R8id32xlarge => "r8id.32xlarge",
            InstanceType::R8id48xlarge => "r8id.48xlarge",
            InstanceType::R8id96xlarge => "r8id.96xlarge",
            InstanceType::R8idMetal48xl => "r8id.metal-48xl",
            InstanceType::R8idMetal96xl => "r8id.metal-96xl",
            InstanceType::C8idLarge => "c8id.large",
            InstanceType::C8idXlarge => "c8id.xlarge",
            InstanceType::C8id2xlarge => "c8id.2xlarge",
            InstanceType::C8id4xlarge => "c8id.4xlarge",
            InstanceType::C8id8xlarge => "c8id.8xlarge",
            InstanceType::C8id12xlarge => "c8id.12xlarge",
            InstanceType::C8id16xlarge => "c8id.16xlarge",
            InstanceType::C8id24xlarge => "c8id.24xlarge",
            InstanceType::C8id32xlarge => "c8id.32xlarge",
            InstanceType::C8id48xlarge => "c8id.48xlarge",
            InstanceType::C8id96xlarge => "c8id.96xlarge",
            InstanceType::C8idMetal48xl => "c8id.metal-48xl",
            InstanceType::C8idMetal96xl => "c8id.metal-96xl",
            InstanceType::M8idLarge => "m8id.large",
            InstanceType::M8idXlarge => "m8id.xlarge",
            InstanceType::M8id2xlarge => "m8id.2xlarge",
            InstanceType::M8id4xlarge => "m8id.4xlarge",
            InstanceType::M8id8xlarge => "m8id.8xlarge",
            InstanceType::M8id12xlarge => "m8id.12xlarge",
            InstanceType::M8id16xlarge => "m8id.16xlarge",
            InstanceType::M8id24xlarge => "m8id.24xlarge",
            InstanceType::M8id32xlarge => "m8id.32xlarge",
            InstanceType::M8id48xlarge => "m8id.48xlarge",
            InstanceType::M8id96xlarge => "m8id.96xlarge",
            InstanceType::M8idMetal48xl => "m8id.metal-48xl",
            InstanceType::M8idMetal96xl => "m8id.metal-96xl",
            InstanceType::Hpc8a96xlarge => "hpc8a.96xlarge",
            InstanceType::Unknown(s) => s,
        }
    }
}
impl From<&str> for InstanceType {
    fn from(s: &str) -> InstanceType {
        match s {
            "a1.medium" => InstanceType::A1Medium,
            "a1.large" => InstanceType::A1Large,
            "a1.xlarge" => InstanceType::A1Xlarge,
            "a1.2xlarge" => InstanceType::A12xlarge,
            "a1.4xlarge" => InstanceType::A14xlarge,
            "a1.metal" => InstanceType::A1Metal,
            "c1.medium" => InstanceType::C1Medium,
            "c1.xlarge" => InstanceType::C1Xlarge,
            "c3.large" => InstanceType::C3Large,
            "c3.xlarge" => InstanceType::C3Xlarge,
            "c3.2xlarge" => InstanceType::C32xlarge,
            "c3.4xlarge" => InstanceType::C34xlarge,
            "c3.8xlarge" => InstanceType::C38xlarge,
            "c4.large" => InstanceType::C4Large,
            "c4.xlarge" => InstanceType::C4Xlarge,
            "c4.2xlarge" => InstanceType::C42xlarge,
            "c4.4xlarge" => InstanceType::C44xlarge,
            "c4.8xlarge" => InstanceType::C48xlarge,
            "c5.large" => InstanceType::C5Large,
            "c5.xlarge" => InstanceType::C5Xlarge,
            "c5.2xlarge" => InstanceType::C52xlarge,
            "c5.4xlarge" => InstanceType::C54xlarge,
            "c5.9xlarge" => InstanceType::C59xlarge,
            "c5.12xlarge" => InstanceType::C512xlarge,
            "c5.18xlarge" => InstanceType::C518xlarge,
            "c5.24xlarge" => InstanceType::C524xlarge,
            "c5.metal" => InstanceType::C5Metal,
            "c5a.large" => InstanceType::C5aLarge,
            "c5a.xlarge" => InstanceType::C5aXlarge,
            "c5a.2xlarge" => InstanceType::C5a2xlarge,
            "c5a.4xlarge" => InstanceType::C5a4xlarge,
            "c5a.8xlarge" => InstanceType::C5a8xlarge,
            "c5a.12xlarge" => InstanceType::C5a12xlarge,
            "c5a.16xlarge" => InstanceType::C5a16xlarge,
            "c5a.24xlarge" => InstanceType::C5a24xlarge,
            "c5ad.large" => InstanceType::C5adLarge,
            "c5ad.xlarge" => InstanceType::C5adXlarge,
            "c5ad.2xlarge" => InstanceType::C5ad2xlarge,
            "c5ad.4xlarge" => InstanceType::C5ad4xlarge,
            "c5ad.8xlarge" => InstanceType::C5ad8xlarge,
            "c5ad.12xlarge" => InstanceType::C5ad12xlarge,
            "c5ad.16xlarge" => InstanceType::C5ad16xlarge,
            "c5ad.24xlarge" => InstanceType::C5ad24xlarge,
            "c5d.large" => InstanceType::C5dLarge,
            "c5d.xlarge" => InstanceType::C5dXlarge,
            "c5d.2xlarge" => InstanceType::C5d2xlarge,
            "c5d.4xlarge" => InstanceType::C5d4xlarge,
            "c5d.9xlarge" => InstanceType::C5d9xlarge,
            "c5d.12xlarge" => InstanceType::C5d12xlarge,
            "c5d.18xlarge" => InstanceType::C5d18xlarge,
            "c5d.24xlarge" => InstanceType::C5d24xlarge,
            "c5d.metal" => InstanceType::C5dMetal,
            "c5n.large" => InstanceType::C5nLarge,
            "c5n.xlarge" => InstanceType::C5nXlarge,
            "c5n.2xlarge" => InstanceType::C5n2xlarge,
            "c5n.4xlarge" => InstanceType::C5n4xlarge,
            "c5n.9xlarge" => InstanceType::C5n9xlarge,
            "c5n.18xlarge" => InstanceType::C5n18xlarge,
            "c5n.metal" => InstanceType::C5nMetal,
            "c6g.medium" => InstanceType::C6gMedium,
            "c6g.large" => InstanceType::C6gLarge,
            "c6g.xlarge" => InstanceType::C6gXlarge,
            "c6g.2xlarge" => InstanceType::C6g2xlarge,
            "c6g.4xlarge" => InstanceType::C6g4xlarge,
            "c6g.8xlarge" => InstanceType::C6g8xlarge,
            "c6g.12xlarge" => InstanceType::C6g12xlarge,
            "c6g.16xlarge" => InstanceType::C6g16xlarge,
            "c6g.metal" => InstanceType::C6gMetal,
            "c6gd.medium" => InstanceType::C6gdMedium,
            "c6gd.large" => InstanceType::C6gdLarge,
            "c6gd.xlarge" => InstanceType::C6gdXlarge,
            "c6gd.2xlarge" => InstanceType::C6gd2xlarge,
            "c6gd.4xlarge" => InstanceType::C6gd4xlarge,
            "c6gd.8xlarge" => InstanceType::C6gd8xlarge,
            "c6gd.12xlarge" => InstanceType::C6gd12xlarge,
            "c6gd.16xlarge" => InstanceType::C6gd16xlarge,
            "c6gd.metal" => InstanceType::C6gdMetal,
            "c6gn.medium" => InstanceType::C6gnMedium,
            "c6gn.large" => InstanceType::C6gnLarge,
            "c6gn.xlarge" => InstanceType::C6gnXlarge,
            "c6gn.2xlarge" => InstanceType::C6gn2xlarge,
            "c6gn.4xlarge" => InstanceType::C6gn4xlarge,
            "c6gn.8xlarge" => InstanceType::C6gn8xlarge,
            "c6gn.12xlarge" => InstanceType::C6gn12xlarge,
            "c6gn.16xlarge" => InstanceType::C6gn16xlarge,
            "c6i.large" => InstanceType::C6iLarge,
            "c6i.xlarge" => InstanceType::C6iXlarge,
            "c6i.2xlarge" => InstanceType::C6i2xlarge,
            "c6i.4xlarge" => InstanceType::C6i4xlarge,
            "c6i.8xlarge" => InstanceType::C6i8xlarge,
            "c6i.12xlarge" => InstanceType::C6i12xlarge,
            "c6i.16xlarge" => InstanceType::C6i16xlarge,
            "c6i.24xlarge" => InstanceType::C6i24xlarge,
            "c6i.32xlarge" => InstanceType::C6i32xlarge,
            "c6i.metal" => InstanceType::C6iMetal,
            "cc1.4xlarge" => InstanceType::Cc14xlarge,
            "cc2.8xlarge" => InstanceType::Cc28xlarge,
            "cg1.4xlarge" => InstanceType::Cg14xlarge,
            "cr1.8xlarge" => InstanceType::Cr18xlarge,
            "d2.xlarge" => InstanceType::D2Xlarge,
            "d2.2xlarge" => InstanceType::D22xlarge,
            "d2.4xlarge" => InstanceType::D24xlarge,
            "d2.8xlarge" => InstanceType::D28xlarge,
            "d3.xlarge" => InstanceType::D3Xlarge,
            "d3.2xlarge" => InstanceType::D32xlarge,
            "d3.4xlarge" => InstanceType::D34xlarge,
            "d3.8xlarge" => InstanceType::D38xlarge,
            "d3en.xlarge" => InstanceType::D3enXlarge,
            "d3en.2xlarge" => InstanceType::D3en2xlarge,
            "d3en.4xlarge" => InstanceType::D3en4xlarge,
            "d3en.6xlarge" => InstanceType::D3en6xlarge,
            "d3en.8xlarge" => InstanceType::D3en8xlarge,
            "d3en.12xlarge" => InstanceType::D3en12xlarge,
            "dl1.24xlarge" => InstanceType::Dl124xlarge,
            "f1.2xlarge" => InstanceType::F12xlarge,
            "f1.4xlarge" => InstanceType::F14xlarge,
            "f1.16xlarge" => InstanceType::F116xlarge,
            "g2.2xlarge" => InstanceType::G22xlarge,
            "g2.8xlarge" => InstanceType::G28xlarge,
            "g3.4xlarge" => InstanceType::G34xlarge,
            "g3.8xlarge" => InstanceType::G38xlarge,
            "g3.16xlarge" => InstanceType::G316xlarge,
            "g3s.xlarge" => InstanceType::G3sXlarge,
            "g4ad.xlarge" => InstanceType::G4adXlarge,
            "g4ad.2xlarge" => InstanceType::G4ad2xlarge,
            "g4ad.4xlarge" => InstanceType::G4ad4xlarge,
            "g4ad.8xlarge" => InstanceType::G4ad8xlarge,
            "g4ad.16xlarge" => InstanceType::G4ad16xlarge,
            "g4dn.xlarge" => InstanceType::G4dnXlarge,
            "g4dn.2xlarge" => InstanceType::G4dn2xlarge,
            "g4dn.4xlarge" => InstanceType::G4dn4xlarge,
            "g4dn.8xlarge" => InstanceType::G4dn8xlarge,
            "g4dn.12xlarge" => InstanceType::G4dn12xlarge,
            "g4dn.16xlarge" => InstanceType::G4dn16xlarge,
            "g4dn.metal" => InstanceType::G4dnMetal,
            "g5.xlarge" => InstanceType::G5Xlarge,
            "g5.2xlarge" => InstanceType::G52xlarge,
            "g5.4xlarge" => InstanceType::G54xlarge,
            "g5.8xlarge" => InstanceType::G58xlarge,
            "g5.12xlarge" => InstanceType::G512xlarge,
            "g5.16xlarge" => InstanceType::G516xlarge,
            "g5.24xlarge" => InstanceType::G524xlarge,
            "g5.48xlarge" => InstanceType::G548xlarge,
            "g5g.xlarge" => InstanceType::G5gXlarge,
            "g5g.2xlarge" => InstanceType::G5g2xlarge,
            "g5g.4xlarge" => InstanceType::G5g4xlarge,
            "g5g.8xlarge" => InstanceType::G5g8xlarge,
            "g5g.16xlarge" => InstanceType::G5g16xlarge,
            "g5g.metal" => InstanceType::G5gMetal,
            "hi1.4xlarge" => InstanceType::Hi14xlarge,
            "hpc6a.48xlarge" => InstanceType::Hpc6a48xlarge,
            "hs1.8xlarge" => InstanceType::Hs18xlarge,
            "h1.2xlarge" => InstanceType::H12xlarge,
            "h1.4xlarge" => InstanceType::H14xlarge,
            "h1.8xlarge" => InstanceType::H18xlarge,
            "h1.16xlarge" => InstanceType::H116xlarge,
            "i2.xlarge" => InstanceType::I2Xlarge,
            "i2.2xlarge" => InstanceType::I22xlarge,
            "i2.4xlarge" => InstanceType::I24xlarge,
            "i2.8xlarge" => InstanceType::I28xlarge,
            "i3.large" => InstanceType::I3Large,
            "i3.xlarge" => InstanceType::I3Xlarge,
            "i3.2xlarge" => InstanceType::I32xlarge,
            "i3.4xlarge" => InstanceType::I34xlarge,
            "i3.8xlarge" => InstanceType::I38xlarge,
            "i3.16xlarge" => InstanceType::I316xlarge,
            "i3.metal" => InstanceType::I3Metal,
            "i3en.large" => InstanceType::I3enLarge,
            "i3en.xlarge" => InstanceType::I3enXlarge,
            "i3en.2xlarge" => InstanceType::I3en2xlarge,
            "i3en.3xlarge" => InstanceType::I3en3xlarge,
            "i3en.6xlarge" => InstanceType::I3en6xlarge,
            "i3en.12xlarge" => InstanceType::I3en12xlarge,
            "i3en.24xlarge" => InstanceType::I3en24xlarge,
            "i3en.metal" => InstanceType::I3enMetal,
            "im4gn.large" => InstanceType::Im4gnLarge,
            "im4gn.xlarge" => InstanceType::Im4gnXlarge,
            "im4gn.2xlarge" => InstanceType::Im4gn2xlarge,
            "im4gn.4xlarge" => InstanceType::Im4gn4xlarge,
            "im4gn.8xlarge" => InstanceType::Im4gn8xlarge,
            "im4gn.16xlarge" => InstanceType::Im4gn16xlarge,
            "inf1.xlarge" => InstanceType::Inf1Xlarge,
            "inf1.2xlarge" => InstanceType::Inf12xlarge,
            "inf1.6xlarge" => InstanceType::Inf16xlarge,
            "inf1.24xlarge" => InstanceType::Inf124xlarge,
            "is4gen.medium" => InstanceType::Is4genMedium,
            "is4gen.large" => InstanceType::Is4genLarge,
            "is4gen.xlarge" => InstanceType::Is4genXlarge,
            "is4gen.2xlarge" => InstanceType::Is4gen2xlarge,
            "is4gen.4xlarge" => InstanceType::Is4gen4xlarge,
            "is4gen.8xlarge" => InstanceType::Is4gen8xlarge,
            "m1.small" => InstanceType::M1Small,
            "m1.medium" => InstanceType::M1Medium,
            "m1.large" => InstanceType::M1Large,
            "m1.xlarge" => InstanceType::M1Xlarge,
            "m2.xlarge" => InstanceType::M2Xlarge,
            "m2.2xlarge" => InstanceType::M22xlarge,
            "m2.4xlarge" => InstanceType::M24xlarge,
            "m3.medium" => InstanceType::M3Medium,
            "m3.large" => InstanceType::M3Large,
            "m3.xlarge" => InstanceType::M3Xlarge,
            "m3.2xlarge" => InstanceType::M32xlarge,
            "m4.large" => InstanceType::M4Large,
            "m4.xlarge" => InstanceType::M4Xlarge,
            "m4.2xlarge" => InstanceType::M42xlarge,
            "m4.4xlarge" => InstanceType::M44xlarge,
            "m4.10xlarge" => InstanceType::M410xlarge,
            "m4.16xlarge" => InstanceType::M416xlarge,
            "m5.large" => InstanceType::M5Large,
            "m5.xlarge" => InstanceType::M5Xlarge,
            "m5.2xlarge" => InstanceType::M52xlarge,
            "m5.4xlarge" => InstanceType::M54xlarge,
            "m5.8xlarge" => InstanceType::M58xlarge,
            "m5.12xlarge" => InstanceType::M512xlarge,
            "m5.16xlarge" => InstanceType::M516xlarge,
            "m5.24xlarge" => InstanceType::M524xlarge,
            "m5.metal" => InstanceType::M5Metal,
            "m5a.large" => InstanceType::M5aLarge,
            "m5a.xlarge" => InstanceType::M5aXlarge,
            "m5a.2xlarge" => InstanceType::M5a2xlarge,
            "m5a.4xlarge" => InstanceType::M5a4xlarge,
            "m5a.8xlarge" => InstanceType::M5a8xlarge,
            "m5a.12xlarge" => InstanceType::M5a12xlarge,
            "m5a.16xlarge" => InstanceType::M5a16xlarge,
            "m5a.24xlarge" => InstanceType::M5a24xlarge,
            "m5ad.large" => InstanceType::M5adLarge,
            "m5ad.xlarge" => InstanceType::M5adXlarge,
            "m5ad.2xlarge" => InstanceType::M5ad2xlarge,
            "m5ad.4xlarge" => InstanceType::M5ad4xlarge,
            "m5ad.8xlarge" => InstanceType::M5ad8xlarge,
            "m5ad.12xlarge" => InstanceType::M5ad12xlarge,
            "m5ad.16xlarge" => InstanceType::M5ad16xlarge,
            "m5ad.24xlarge" => InstanceType::M5ad24xlarge,
            "m5d.large" => InstanceType::M5dLarge,
            "m5d.xlarge" => InstanceType::M5dXlarge,
            "m5d.2xlarge" => InstanceType::M5d2xlarge,
            "m5d.4xlarge" => InstanceType::M5d4xlarge,
            "m5d.8xlarge" => InstanceType::M5d8xlarge,
            "m5d.12xlarge" => InstanceType::M5d12xlarge,
            "m5d.16xlarge" => InstanceType::M5d16xlarge,
            "m5d.24xlarge" => InstanceType::M5d24xlarge,
            "m5d.metal" => InstanceType::M5dMetal,
            "m5dn.large" => InstanceType::M5dnLarge,
            "m5dn.xlarge" => InstanceType::M5dnXlarge,
            "m5dn.2xlarge" => InstanceType::M5dn2xlarge,
            "m5dn.4xlarge" => InstanceType::M5dn4xlarge,
            "m5dn.8xlarge" => InstanceType::M5dn8xlarge,
            "m5dn.12xlarge" => InstanceType::M5dn12xlarge,
            "m5dn.16xlarge" => InstanceType::M5dn16xlarge,
            "m5dn.24xlarge" => InstanceType::M5dn24xlarge,
            "m5dn.metal" => InstanceType::M5dnMetal,
            "m5n.large" => InstanceType::M5nLarge,
            "m5n.xlarge" => InstanceType::M5nXlarge,
            "m5n.2xlarge" => InstanceType::M5n2xlarge,
            "m5n.4xlarge" => InstanceType::M5n4xlarge,
            "m5n.8xlarge" => InstanceType::M5n8xlarge,
            "m5n.12xlarge" => InstanceType::M5n12xlarge,
            "m5n.16xlarge" => InstanceType::M5n16xlarge,
            "m5n.24xlarge" => InstanceType::M5n24xlarge,
            "m5n.metal" => InstanceType::M5nMetal,
            "m5zn.large" => InstanceType::M5znLarge,
            "m5zn.xlarge" => InstanceType::M5znXlarge,
            "m5zn.2xlarge" => InstanceType::M5zn2xlarge,
            "m5zn.3xlarge" => InstanceType::M5zn3xlarge,
            "m5zn.6xlarge" => InstanceType::M5zn6xlarge,
            "m5zn.12xlarge" => InstanceType::M5zn12xlarge,
            "m5zn.metal" => InstanceType::M5znMetal,
            "m6a.large" => InstanceType::M6aLarge,
            "m6a.xlarge" => InstanceType::M6aXlarge,
            "m6a.2xlarge" => InstanceType::M6a2xlarge,
            "m6a.4xlarge" => InstanceType::M6a4xlarge,
            "m6a.8xlarge" => InstanceType::M6a8xlarge,
            "m6a.12xlarge" => InstanceType::M6a12xlarge,
            "m6a.16xlarge" => InstanceType::M6a16xlarge,
            "m6a.24xlarge" => InstanceType::M6a24xlarge,
            "m6a.32xlarge" => InstanceType::M6a32xlarge,
            "m6a.48xlarge" => InstanceType::M6a48xlarge,
            "m6g.metal" => InstanceType::M6gMetal,
            "m6g.medium" => InstanceType::M6gMedium,
            "m6g.large" => InstanceType::M6gLarge,
            "m6g.xlarge" => InstanceType::M6gXlarge,
            "m6g.2xlarge" => InstanceType::M6g2xlarge,
            "m6g.4xlarge" => InstanceType::M6g4xlarge,
            "m6g.8xlarge" => InstanceType::M6g8xlarge,
            "m6g.12xlarge" => InstanceType::M6g12xlarge,
            "m6g.16xlarge" => InstanceType::M6g16xlarge,
            "m6gd.metal" => InstanceType::M6gdMetal,
            "m6gd.medium" => InstanceType::M6gdMedium,
            "m6gd.large" => InstanceType::M6gdLarge,
            "m6gd.xlarge" => InstanceType::M6gdXlarge,
            "m6gd.2xlarge" => InstanceType::M6gd2xlarge,
            "m6gd.4xlarge" => InstanceType::M6gd4xlarge,
            "m6gd.8xlarge" => InstanceType::M6gd8xlarge,
            "m6gd.12xlarge" => InstanceType::M6gd12xlarge,
            "m6gd.16xlarge" => InstanceType::M6gd16xlarge,
            "m6i.large" => InstanceType::M6iLarge,
            "m6i.xlarge" => InstanceType::M6iXlarge,
            "m6i.2xlarge" => InstanceType::M6i2xlarge,
            "m6i.4xlarge" => InstanceType::M6i4xlarge,
            "m6i.8xlarge" => InstanceType::M6i8xlarge,
            "m6i.12xlarge" => InstanceType::M6i12xlarge,
            "m6i.16xlarge" => InstanceType::M6i16xlarge,
            "m6i.24xlarge" => InstanceType::M6i24xlarge,
            "m6i.32xlarge" => InstanceType::M6i32xlarge,
            "m6i.metal" => InstanceType::M6iMetal,
            "mac1.metal" => InstanceType::Mac1Metal,
            "p2.xlarge" => InstanceType::P2Xlarge,
            "p2.8xlarge" => InstanceType::P28xlarge,
            "p2.16xlarge" => InstanceType::P216xlarge,
            "p3.2xlarge" => InstanceType::P32xlarge,
            "p3.8xlarge" => InstanceType::P38xlarge,
            "p3.16xlarge" => InstanceType::P316xlarge,
            "p3dn.24xlarge" => InstanceType::P3dn24xlarge,
            "p4d.24xlarge" => InstanceType::P4d24xlarge,
            "r3.large" => InstanceType::R3Large,
            "r3.xlarge" => InstanceType::R3Xlarge,
            "r3.2xlarge" => InstanceType::R32xlarge,
            "r3.4xlarge" => InstanceType::R34xlarge,
            "r3.8xlarge" => InstanceType::R38xlarge,
            "r4.large" => InstanceType::R4Large,
            "r4.xlarge" => InstanceType::R4Xlarge,
            "r4.2xlarge" => InstanceType::R42xlarge,
            "r4.4xlarge" => InstanceType::R44xlarge,
            "r4.8xlarge" => InstanceType::R48xlarge,
            "r4.16xlarge" => InstanceType::R416xlarge,
            "r5.large" => InstanceType::R5Large,
            "r5.xlarge" => InstanceType::R5Xlarge,
            "r5.2xlarge" => InstanceType::R52xlarge,
            "r5.4xlarge" => InstanceType::R54xlarge,
            "r5.8xlarge" => InstanceType::R58xlarge,
            "r5.12xlarge" => InstanceType::R512xlarge,
            "r5.16xlarge" => InstanceType::R516xlarge,
            "r5.24xlarge" => InstanceType::R524xlarge,
            "r5.metal" => InstanceType::R5Metal,
            "r5a.large" => InstanceType::R5aLarge,
            "r5a.xlarge" => InstanceType::R5aXlarge,
            "r5a.2xlarge" => InstanceType::R5a2xlarge,
            "r5a.4xlarge" => InstanceType::R5a4xlarge,
            "r5a.8xlarge" => InstanceType::R5a8xlarge,
            "r5a.12xlarge" => InstanceType::R5a12xlarge,
            "r5a.16xlarge" => InstanceType::R5a16xlarge,
            "r5a.24xlarge" => InstanceType::R5a24xlarge,
            "r5ad.large" => InstanceType::R5adLarge,
            "r5ad.xlarge" => InstanceType::R5adXlarge,
            "r5ad.2xlarge" => InstanceType::R5ad2xlarge,
            "r5ad.4xlarge" => InstanceType::R5ad4xlarge,
            "r5ad.8xlarge" => InstanceType::R5ad8xlarge,
            "r5ad.12xlarge" => InstanceType::R5ad12xlarge,
            "r5ad.16xlarge" => InstanceType::R5ad16xlarge,
            "r5ad.24xlarge" => InstanceType::R5ad24xlarge,
            "r5b.large" => InstanceType::R5bLarge,
            "r5b.xlarge" => InstanceType::R5bXlarge,
            "r5b.2xlarge" => InstanceType::R5b2xlarge,
            "r5b.4xlarge" => InstanceType::R5b4xlarge,
            "r5b.8xlarge" => InstanceType::R5b8xlarge,
            "r5b.12xlarge" => InstanceType::R5b12xlarge,
            "r5b.16xlarge" => InstanceType::R5b16xlarge,
            "r5b.24xlarge" => InstanceType::R5b24xlarge,
            "r5b.metal" => InstanceType::R5bMetal,
            "r5d.large" => InstanceType::R5dLarge,
            "r5d.xlarge" => InstanceType::R5dXlarge,
            "r5d.2xlarge" => InstanceType::R5d2xlarge,
            "r5d.4xlarge" => InstanceType::R5d4xlarge,
            "r5d.8xlarge" => InstanceType::R5d8xlarge,
            "r5d.12xlarge" => InstanceType::R5d12xlarge,
            "r5d.16xlarge" => InstanceType::R5d16xlarge,
            "r5d.24xlarge" => InstanceType::R5d24xlarge,
            "r5d.metal" => InstanceType::R5dMetal,
            "r5dn.large" => InstanceType::R5dnLarge,
            "r5dn.xlarge" => InstanceType::R5dnXlarge,
            "r5dn.2xlarge" => InstanceType::R5dn2xlarge,
            "r5dn.4xlarge" => InstanceType::R5dn4xlarge,
            "r5dn.8xlarge" => InstanceType::R5dn8xlarge,
            "r5dn.12xlarge" => InstanceType::R5dn12xlarge,
            "r5dn.16xlarge" => InstanceType::R5dn16xlarge,
            "r5dn.24xlarge" => InstanceType::R5dn24xlarge,
            "r5dn.metal" => InstanceType::R5dnMetal,
            "r5n.large" => InstanceType::R5nLarge,
            "r5n.xlarge" => InstanceType::R5nXlarge,
            "r5n.2xlarge" => InstanceType::R5n2xlarge,
            "r5n.4xlarge" => InstanceType::R5n4xlarge,
            "r5n.8xlarge" => InstanceType::R5n8xlarge,
            "r5n.12xlarge" => InstanceType::R5n12xlarge,
            "r5n.16xlarge" => InstanceType::R5n16xlarge,
            "r5n.24xlarge" => InstanceType::R5n24xlarge,
            "r5n.metal" => InstanceType::R5nMetal,
            "r6g.medium" => InstanceType::R6gMedium,
            "r6g.large" => InstanceType::R6gLarge,
            "r6g.xlarge" => InstanceType::R6gXlarge,
            "r6g.2xlarge" => InstanceType::R6g2xlarge,
            "r6g.4xlarge" => InstanceType::R6g4xlarge,
            "r6g.8xlarge" => InstanceType::R6g8xlarge,
            "r6g.12xlarge" => InstanceType::R6g12xlarge,
            "r6g.16xlarge" => InstanceType::R6g16xlarge,
            "r6g.metal" => InstanceType::R6gMetal,
            "r6gd.medium" => InstanceType::R6gdMedium,
            "r6gd.large" => InstanceType::R6gdLarge,
            "r6gd.xlarge" => InstanceType::R6gdXlarge,
            "r6gd.2xlarge" => InstanceType::R6gd2xlarge,
            "r6gd.4xlarge" => InstanceType::R6gd4xlarge,
            "r6gd.8xlarge" => InstanceType::R6gd8xlarge,
            "r6gd.12xlarge" => InstanceType::R6gd12xlarge,
            "r6gd.16xlarge" => InstanceType::R6gd16xlarge,
            "r6gd.metal" => InstanceType::R6gdMetal,
            "r6i.large" => InstanceType::R6iLarge,
            "r6i.xlarge" => InstanceType::R6iXlarge,
            "r6i.2xlarge" => InstanceType::R6i2xlarge,
            "r6i.4xlarge" => InstanceType::R6i4xlarge,
            "r6i.8xlarge" => InstanceType::R6i8xlarge,
            "r6i.12xlarge" => InstanceType::R6i12xlarge,
            "r6i.16xlarge" => InstanceType::R6i16xlarge,
            "r6i.24xlarge" => InstanceType::R6i24xlarge,
            "r6i.32xlarge" => InstanceType::R6i32xlarge,
            "r6i.metal" => InstanceType::R6iMetal,
            "t1.micro" => InstanceType::T1Micro,
            "t2.nano" => InstanceType::T2Nano,
            "t2.micro" => InstanceType::T2Micro,
            "t2.small" => InstanceType::T2Small,
            "t2.medium" => InstanceType::T2Medium,
            "t2.large" => InstanceType::T2Large,
            "t2.xlarge" => InstanceType::T2Xlarge,
            "t2.2xlarge" => InstanceType::T22xlarge,
            "t3.nano" => InstanceType::T3Nano,
            "t3.micro" => InstanceType::T3Micro,
            "t3.small" => InstanceType::T3Small,
            "t3.medium" => InstanceType::T3Medium,
            "t3.large" => InstanceType::T3Large,
            "t3.xlarge" => InstanceType::T3Xlarge,
            "t3.2xlarge" => InstanceType::T32xlarge,
            "t3a.nano" => InstanceType::T3aNano,
            "t3a.micro" => InstanceType::T3aMicro,
            "t3a.small" => InstanceType::T3aSmall,
            "t3a.medium" => InstanceType::T3aMedium,
            "t3a.large" => InstanceType::T3aLarge,
            "t3a.xlarge" => InstanceType::T3aXlarge,
            "t3a.2xlarge" => InstanceType::T3a2xlarge,
            "t4g.nano" => InstanceType::T4gNano,
            "t4g.micro" => InstanceType::T4gMicro,
            "t4g.small" => InstanceType::T4gSmall,
            "t4g.medium" => InstanceType::T4gMedium,
            "t4g.large" => InstanceType::T4gLarge,
            "t4g.xlarge" => InstanceType::T4gXlarge,
            "t4g.2xlarge" => InstanceType::T4g2xlarge,
            "u-6tb1.56xlarge" => InstanceType::U6tb156xlarge,
            "u-6tb1.112xlarge" => InstanceType::U6tb1112xlarge,
            "u-9tb1.112xlarge" => InstanceType::U9tb1112xlarge,
            "u-12tb1.112xlarge" => InstanceType::U12tb1112xlarge,
            "u-6tb1.metal" => InstanceType::U6tb1Metal,
            "u-9tb1.metal" => InstanceType::U9tb1Metal,
            "u-12tb1.metal" => InstanceType::U12tb1Metal,
            "u-18tb1.metal" => InstanceType::U18tb1Metal,
            "u-24tb1.metal" => InstanceType::U24tb1Metal,
            "vt1.3xlarge" => InstanceType::Vt13xlarge,
            "vt1.6xlarge" => InstanceType::Vt16xlarge,
            "vt1.24xlarge" => InstanceType::Vt124xlarge,
            "x1.16xlarge" => InstanceType::X116xlarge,
            "x1.32xlarge" => InstanceType::X132xlarge,
            "x1e.xlarge" => InstanceType::X1eXlarge,
            "x1e.2xlarge" => InstanceType::X1e2xlarge,
            "x1e.4xlarge" => InstanceType::X1e4xlarge,
            "x1e.8xlarge" => InstanceType::X1e8xlarge,
            "x1e.16xlarge" => InstanceType::X1e16xlarge,
            "x1e.32xlarge" => InstanceType::X1e32xlarge,
            "x2iezn.2xlarge" => InstanceType::X2iezn2xlarge,
            "x2iezn.4xlarge" => InstanceType::X2iezn4xlarge,
            "x2iezn.6xlarge" => InstanceType::X2iezn6xlarge,
            "x2iezn.8xlarge" => InstanceType::X2iezn8xlarge,
            "x2iezn.12xlarge" => InstanceType::X2iezn12xlarge,
            "x2iezn.metal" => InstanceType::X2ieznMetal,
            "x2gd.medium" => InstanceType::X2gdMedium,
            "x2gd.large" => InstanceType::X2gdLarge,
            "x2gd.xlarge" => InstanceType::X2gdXlarge,
            "x2gd.2xlarge" => InstanceType::X2gd2xlarge,
            "x2gd.4xlarge" => InstanceType::X2gd4xlarge,
            "x2gd.8xlarge" => InstanceType::X2gd8xlarge,
            "x2gd.12xlarge" => InstanceType::X2gd12xlarge,
            "x2gd.16xlarge" => InstanceType::X2gd16xlarge,
            "x2gd.metal" => InstanceType::X2gdMetal,
            "z1d.large" => InstanceType::Z1dLarge,
            "z1d.xlarge" => InstanceType::Z1dXlarge,
            "z1d.2xlarge" => InstanceType::Z1d2xlarge,
            "z1d.3xlarge" => InstanceType::Z1d3xlarge,
            "z1d.6xlarge" => InstanceType::Z1d6xlarge,
            "z1d.12xlarge" => InstanceType::Z1d12xlarge,
            "z1d.metal" => InstanceType::Z1dMetal,
            "x2idn.16xlarge" => InstanceType::X2idn16xlarge,
            "x2idn.24xlarge" => InstanceType::X2idn24xlarge,
            "x2idn.32xlarge" => InstanceType::X2idn32xlarge,
            "x2iedn.xlarge" => InstanceType::X2iednXlarge,
            "x2iedn.2xlarge" => InstanceType::X2iedn2xlarge,
            "x2iedn.4xlarge" => InstanceType::X2iedn4xlarge,
            "x2iedn.8xlarge" => InstanceType::X2iedn8xlarge,
            "x2iedn.16xlarge" => InstanceType::X2iedn16xlarge,
            "x2iedn.24xlarge" => InstanceType::X2iedn24xlarge,
            "x2iedn.32xlarge" => InstanceType::X2iedn32xlarge,
            "c6a.large" => InstanceType::C6aLarge,
            "c6a.xlarge" => InstanceType::C6aXlarge,
            "c6a.2xlarge" => InstanceType::C6a2xlarge,
            "c6a.4xlarge" => InstanceType::C6a4xlarge,
            "c6a.8xlarge" => InstanceType::C6a8xlarge,
            "c6a.12xlarge" => InstanceType::C6a12xlarge,
            "c6a.16xlarge" => InstanceType::C6a16xlarge,
            "c6a.24xlarge" => InstanceType::C6a24xlarge,
            "c6a.32xlarge" => InstanceType::C6a32xlarge,
            "c6a.48xlarge" => InstanceType::C6a48xlarge,
            "c6a.metal" => InstanceType::C6aMetal,
            "m6a.metal" => InstanceType::M6aMetal,
            "i4i.large" => InstanceType::I4iLarge,
            "i4i.xlarge" => InstanceType::I4iXlarge,
            "i4i.2xlarge" => InstanceType::I4i2xlarge,
            "i4i.4xlarge" => InstanceType::I4i4xlarge,
            "i4i.8xlarge" => InstanceType::I4i8xlarge,
            "i4i.16xlarge" => InstanceType::I4i16xlarge,
            "i4i.32xlarge" => InstanceType::I4i32xlarge,
            "i4i.metal" => InstanceType::I4iMetal,
            "x2idn.metal" => InstanceType::X2idnMetal,
            "x2iedn.metal" => InstanceType::X2iednMetal,
            "c7g.medium" => InstanceType::C7gMedium,
            "c7g.large" => InstanceType::C7gLarge,
            "c7g.xlarge" => InstanceType::C7gXlarge,
            "c7g.2xlarge" => InstanceType::C7g2xlarge,
            "c7g.4xlarge" => InstanceType::C7g4xlarge,
            "c7g.8xlarge" => InstanceType::C7g8xlarge,
            "c7g.12xlarge" => InstanceType::C7g12xlarge,
            "c7g.16xlarge" => InstanceType::C7g16xlarge,
            "mac2.metal" => InstanceType::Mac2Metal,
            "c6id.large" => InstanceType::C6idLarge,
            "c6id.xlarge" => InstanceType::C6idXlarge,
            "c6id.2xlarge" => InstanceType::C6id2xlarge,
            "c6id.4xlarge" => InstanceType::C6id4xlarge,
            "c6id.8xlarge" => InstanceType::C6id8xlarge,
            "c6id.12xlarge" => InstanceType::C6id12xlarge,
            "c6id.16xlarge" => InstanceType::C6id16xlarge,
            "c6id.24xlarge" => InstanceType::C6id24xlarge,
            "c6id.32xlarge" => InstanceType::C6id32xlarge,
            "c6id.metal" => InstanceType::C6idMetal,
            "m6id.large" => InstanceType::M6idLarge,
            "m6id.xlarge" => InstanceType::M6idXlarge,
            "m6id.2xlarge" => InstanceType::M6id2xlarge,
            "m6id.4xlarge" => InstanceType::M6id4xlarge,
            "m6id.8xlarge" => InstanceType::M6id8xlarge,
            "m6id.12xlarge" => InstanceType::M6id12xlarge,
            "m6id.16xlarge" => InstanceType::M6id16xlarge,
            "m6id.24xlarge" => InstanceType::M6id24xlarge,
            "m6id.32xlarge" => InstanceType::M6id32xlarge,
            "m6id.metal" => InstanceType::M6idMetal,
            "r6id.large" => InstanceType::R6idLarge,
            "r6id.xlarge" => InstanceType::R6idXlarge,
            "r6id.2xlarge" => InstanceType::R6id2xlarge,
            "r6id.4xlarge" => InstanceType::R6id4xlarge,
            "r6id.8xlarge" => InstanceType::R6id8xlarge,
            "r6id.12xlarge" => InstanceType::R6id12xlarge,
            "r6id.16xlarge" => InstanceType::R6id16xlarge,
            "r6id.24xlarge" => InstanceType::R6id24xlarge,
            "r6id.32xlarge" => InstanceType::R6id32xlarge,
            "r6id.metal" => InstanceType::R6idMetal,
            "r6a.large" => InstanceType::R6aLarge,
            "r6a.xlarge" => InstanceType::R6aXlarge,
            "r6a.2xlarge" => InstanceType::R6a2xlarge,
            "r6a.4xlarge" => InstanceType::R6a4xlarge,
            "r6a.8xlarge" => InstanceType::R6a8xlarge,
            "r6a.12xlarge" => InstanceType::R6a12xlarge,
            "r6a.16xlarge" => InstanceType::R6a16xlarge,
            "r6a.24xlarge" => InstanceType::R6a24xlarge,
            "r6a.32xlarge" => InstanceType::R6a32xlarge,
            "r6a.48xlarge" => InstanceType::R6a48xlarge,
            "r6a.metal" => InstanceType::R6aMetal,
            "p4de.24xlarge" => InstanceType::P4de24xlarge,
            "u-3tb1.56xlarge" => InstanceType::U3tb156xlarge,
            "u-18tb1.112xlarge" => InstanceType::U18tb1112xlarge,
            "u-24tb1.112xlarge" => InstanceType::U24tb1112xlarge,
            "trn1.2xlarge" => InstanceType::Trn12xlarge,
            "trn1.32xlarge" => InstanceType::Trn132xlarge,
            "hpc6id.32xlarge" => InstanceType::Hpc6id32xlarge,
            "c6in.large" => InstanceType::C6inLarge,
            "c6in.xlarge" => InstanceType::C6inXlarge,
            "c6in.2xlarge" => InstanceType::C6in2xlarge,
            "c6in.4xlarge" => InstanceType::C6in4xlarge,
            "c6in.8xlarge" => InstanceType::C6in8xlarge,
            "c6in.12xlarge" => InstanceType::C6in12xlarge,
            "c6in.16xlarge" => InstanceType::C6in16xlarge,
            "c6in.24xlarge" => InstanceType::C6in24xlarge,
            "c6in.32xlarge" => InstanceType::C6in32xlarge,
            "m6in.large" => InstanceType::M6inLarge,
            "m6in.xlarge" => InstanceType::M6inXlarge,
            "m6in.2xlarge" => InstanceType::M6in2xlarge,
            "m6in.4xlarge" => InstanceType::M6in4xlarge,
            "m6in.8xlarge" => InstanceType::M6in8xlarge,
            "m6in.12xlarge" => InstanceType::M6in12xlarge,
            "m6in.16xlarge" => InstanceType::M6in16xlarge,
            "m6in.24xlarge" => InstanceType::M6in24xlarge,
            "m6in.32xlarge" => InstanceType::M6in32xlarge,
            "m6idn.large" => InstanceType::M6idnLarge,
            "m6idn.xlarge" => InstanceType::M6idnXlarge,
            "m6idn.2xlarge" => InstanceType::M6idn2xlarge,
            "m6idn.4xlarge" => InstanceType::M6idn4xlarge,
            "m6idn.8xlarge" => InstanceType::M6idn8xlarge,
            "m6idn.12xlarge" => InstanceType::M6idn12xlarge,
            "m6idn.16xlarge" => InstanceType::M6idn16xlarge,
            "m6idn.24xlarge" => InstanceType::M6idn24xlarge,
            "m6idn.32xlarge" => InstanceType::M6idn32xlarge,
            "r6in.large" => InstanceType::R6inLarge,
            "r6in.xlarge" => InstanceType::R6inXlarge,
            "r6in.2xlarge" => InstanceType::R6in2xlarge,
            "r6in.4xlarge" => InstanceType::R6in4xlarge,
            "r6in.8xlarge" => InstanceType::R6in8xlarge,
            "r6in.12xlarge" => InstanceType::R6in12xlarge,
            "r6in.16xlarge" => InstanceType::R6in16xlarge,
            "r6in.24xlarge" => InstanceType::R6in24xlarge,
            "r6in.32xlarge" => InstanceType::R6in32xlarge,
            "r6idn.large" => InstanceType::R6idnLarge,
            "r6idn.xlarge" => InstanceType::R6idnXlarge,
            "r6idn.2xlarge" => InstanceType::R6idn2xlarge,
            "r6idn.4xlarge" => InstanceType::R6idn4xlarge,
            "r6idn.8xlarge" => InstanceType::R6idn8xlarge,
            "r6idn.12xlarge" => InstanceType::R6idn12xlarge,
            "r6idn.16xlarge" => InstanceType::R6idn16xlarge,
            "r6idn.24xlarge" => InstanceType::R6idn24xlarge,
            "r6idn.32xlarge" => InstanceType::R6idn32xlarge,
            "c7g.metal" => InstanceType::C7gMetal,
            "m7g.medium" => InstanceType::M7gMedium,
            "m7g.large" => InstanceType::M7gLarge,
            "m7g.xlarge" => InstanceType::M7gXlarge,
            "m7g.2xlarge" => InstanceType::M7g2xlarge,
            "m7g.4xlarge" => InstanceType::M7g4xlarge,
            "m7g.8xlarge" => InstanceType::M7g8xlarge,
            "m7g.12xlarge" => InstanceType::M7g12xlarge,
            "m7g.16xlarge" => InstanceType::M7g16xlarge,
            "m7g.metal" => InstanceType::M7gMetal,
            "r7g.medium" => InstanceType::R7gMedium,
            "r7g.large" => InstanceType::R7gLarge,
            "r7g.xlarge" => InstanceType::R7gXlarge,
            "r7g.2xlarge" => InstanceType::R7g2xlarge,
            "r7g.4xlarge" => InstanceType::R7g4xlarge,
            "r7g.8xlarge" => InstanceType::R7g8xlarge,
            "r7g.12xlarge" => InstanceType::R7g12xlarge,
            "r7g.16xlarge" => InstanceType::R7g16xlarge,
            "r7g.metal" => InstanceType::R7gMetal,
            "c6in.metal" => InstanceType::C6inMetal,
            "m6in.metal" => InstanceType::M6inMetal,
            "m6idn.metal" => InstanceType::M6idnMetal,
            "r6in.metal" => InstanceType::R6inMetal,
            "r6idn.metal" => InstanceType::R6idnMetal,
            "inf2.xlarge" => InstanceType::Inf2Xlarge,
            "inf2.8xlarge" => InstanceType::Inf28xlarge,
            "inf2.24xlarge" => InstanceType::Inf224xlarge,
            "inf2.48xlarge" => InstanceType::Inf248xlarge,
            "trn1n.32xlarge" => InstanceType::Trn1n32xlarge,
            "i4g.large" => InstanceType::I4gLarge,
            "i4g.xlarge" => InstanceType::I4gXlarge,
            "i4g.2xlarge" => InstanceType::I4g2xlarge,
            "i4g.4xlarge" => InstanceType::I4g4xlarge,
            "i4g.8xlarge" => InstanceType::I4g8xlarge,
            "i4g.16xlarge" => InstanceType::I4g16xlarge,
            "hpc7g.4xlarge" => InstanceType::Hpc7g4xlarge,
            "hpc7g.8xlarge" => InstanceType::Hpc7g8xlarge,
            "hpc7g.16xlarge" => InstanceType::Hpc7g16xlarge,
            "c7gn.medium" => InstanceType::C7gnMedium,
            "c7gn.large" => InstanceType::C7gnLarge,
            "c7gn.xlarge" => InstanceType::C7gnXlarge,
            "c7gn.2xlarge" => InstanceType::C7gn2xlarge,
            "c7gn.4xlarge" => InstanceType::C7gn4xlarge,
            "c7gn.8xlarge" => InstanceType::C7gn8xlarge,
            "c7gn.12xlarge" => InstanceType::C7gn12xlarge,
            "c7gn.16xlarge" => InstanceType::C7gn16xlarge,
            "p5.48xlarge" => InstanceType::P548xlarge,
            "m7i.large" => InstanceType::M7iLarge,
            "m7i.xlarge" => InstanceType::M7iXlarge,
            "m7i.2xlarge" => InstanceType::M7i2xlarge,
            "m7i.4xlarge" => InstanceType::M7i4xlarge,
            "m7i.8xlarge" => InstanceType::M7i8xlarge,
            "m7i.12xlarge" => InstanceType::M7i12xlarge,
            "m7i.16xlarge" => InstanceType::M7i16xlarge,
            "m7i.24xlarge" => InstanceType::M7i24xlarge,
            "m7i.48xlarge" => InstanceType::M7i48xlarge,
            "m7i-flex.large" => InstanceType::M7iFlexLarge,
            "m7i-flex.xlarge" => InstanceType::M7iFlexXlarge,
            "m7i-flex.2xlarge" => InstanceType::M7iFlex2xlarge,
            "m7i-flex.4xlarge" => InstanceType::M7iFlex4xlarge,
            "m7i-flex.8xlarge" => InstanceType::M7iFlex8xlarge,
            "m7a.medium" => InstanceType::M7aMedium,
            "m7a.large" => InstanceType::M7aLarge,
            "m7a.xlarge" => InstanceType::M7aXlarge,
            "m7a.2xlarge" => InstanceType::M7a2xlarge,
            "m7a.4xlarge" => InstanceType::M7a4xlarge,
            "m7a.8xlarge" => InstanceType::M7a8xlarge,
            "m7a.12xlarge" => InstanceType::M7a12xlarge,
            "m7a.16xlarge" => InstanceType::M7a16xlarge,
            "m7a.24xlarge" => InstanceType::M7a24xlarge,
            "m7a.32xlarge" => InstanceType::M7a32xlarge,
            "m7a.48xlarge" => InstanceType::M7a48xlarge,
            "m7a.metal-48xl" => InstanceType::M7aMetal48xl,
            "hpc7a.12xlarge" => InstanceType::Hpc7a12xlarge,
            "hpc7a.24xlarge" => InstanceType::Hpc7a24xlarge,
            "hpc7a.48xlarge" => InstanceType::Hpc7a48xlarge,
            "hpc7a.96xlarge" => InstanceType::Hpc7a96xlarge,
            "c7gd.medium" => InstanceType::C7gdMedium,
            "c7gd.large" => InstanceType::C7gdLarge,
            "c7gd.xlarge" => InstanceType::C7gdXlarge,
            "c7gd.2xlarge" => InstanceType::C7gd2xlarge,
            "c7gd.4xlarge" => InstanceType::C7gd4xlarge,
            "c7gd.8xlarge" => InstanceType::C7gd8xlarge,
            "c7gd.12xlarge" => InstanceType::C7gd12xlarge,
            "c7gd.16xlarge" => InstanceType::C7gd16xlarge,
            "m7gd.medium" => InstanceType::M7gdMedium,
            "m7gd.large" => InstanceType::M7gdLarge,
            "m7gd.xlarge" => InstanceType::M7gdXlarge,
            "m7gd.2xlarge" => InstanceType::M7gd2xlarge,
            "m7gd.4xlarge" => InstanceType::M7gd4xlarge,
            "m7gd.8xlarge" => InstanceType::M7gd8xlarge,
            "m7gd.12xlarge" => InstanceType::M7gd12xlarge,
            "m7gd.16xlarge" => InstanceType::M7gd16xlarge,
            "r7gd.medium" => InstanceType::R7gdMedium,
            "r7gd.large" => InstanceType::R7gdLarge,
            "r7gd.xlarge" => InstanceType::R7gdXlarge,
            "r7gd.2xlarge" => InstanceType::R7gd2xlarge,
            "r7gd.4xlarge" => InstanceType::R7gd4xlarge,
            "r7gd.8xlarge" => InstanceType::R7gd8xlarge,
            "r7gd.12xlarge" => InstanceType::R7gd12xlarge,
            "r7gd.16xlarge" => InstanceType::R7gd16xlarge,
            "r7a.medium" => InstanceType::R7aMedium,
            "r7a.large" => InstanceType::R7aLarge,
            "r7a.xlarge" => InstanceType::R7aXlarge,
            "r7a.2xlarge" => InstanceType::R7a2xlarge,
            "r7a.4xlarge" => InstanceType::R7a4xlarge,
            "r7a.8xlarge" => InstanceType::R7a8xlarge,
            "r7a.12xlarge" => InstanceType::R7a12xlarge,
            "r7a.16xlarge" => InstanceType::R7a16xlarge,
            "r7a.24xlarge" => InstanceType::R7a24xlarge,
            "r7a.32xlarge" => InstanceType::R7a32xlarge,
            "r7a.48xlarge" => InstanceType::R7a48xlarge,
            "c7i.large" => InstanceType::C7iLarge,
            "c7i.xlarge" => InstanceType::C7iXlarge,
            "c7i.2xlarge" => InstanceType::C7i2xlarge,
            "c7i.4xlarge" => InstanceType::C7i4xlarge,
            "c7i.8xlarge" => InstanceType::C7i8xlarge,
            "c7i.12xlarge" => InstanceType::C7i12xlarge,
            "c7i.16xlarge" => InstanceType::C7i16xlarge,
            "c7i.24xlarge" => InstanceType::C7i24xlarge,
            "c7i.48xlarge" => InstanceType::C7i48xlarge,
            "mac2-m2pro.metal" => InstanceType::Mac2M2proMetal,
            "r7iz.large" => InstanceType::R7izLarge,
            "r7iz.xlarge" => InstanceType::R7izXlarge,
            "r7iz.2xlarge" => InstanceType::R7iz2xlarge,
            "r7iz.4xlarge" => InstanceType::R7iz4xlarge,
            "r7iz.8xlarge" => InstanceType::R7iz8xlarge,
            "r7iz.12xlarge" => InstanceType::R7iz12xlarge,
            "r7iz.16xlarge" => InstanceType::R7iz16xlarge,
            "r7iz.32xlarge" => InstanceType::R7iz32xlarge,
            "c7a.medium" => InstanceType::C7aMedium,
            "c7a.large" => InstanceType::C7aLarge,
            "c7a.xlarge" => InstanceType::C7aXlarge,
            "c7a.2xlarge" => InstanceType::C7a2xlarge,
            "c7a.4xlarge" => InstanceType::C7a4xlarge,
            "c7a.8xlarge" => InstanceType::C7a8xlarge,
            "c7a.12xlarge" => InstanceType::C7a12xlarge,
            "c7a.16xlarge" => InstanceType::C7a16xlarge,
            "c7a.24xlarge" => InstanceType::C7a24xlarge,
            "c7a.32xlarge" => InstanceType::C7a32xlarge,
            "c7a.48xlarge" => InstanceType::C7a48xlarge,
            "c7a.metal-48xl" => InstanceType::C7aMetal48xl,
            "r7a.metal-48xl" => InstanceType::R7aMetal48xl,
            "r7i.large" => InstanceType::R7iLarge,
            "r7i.xlarge" => InstanceType::R7iXlarge,
            "r7i.2xlarge" => InstanceType::R7i2xlarge,
            "r7i.4xlarge" => InstanceType::R7i4xlarge,
            "r7i.8xlarge" => InstanceType::R7i8xlarge,
            "r7i.12xlarge" => InstanceType::R7i12xlarge,
            "r7i.16xlarge" => InstanceType::R7i16xlarge,
            "r7i.24xlarge" => InstanceType::R7i24xlarge,
            "r7i.48xlarge" => InstanceType::R7i48xlarge,
            "dl2q.24xlarge" => InstanceType::Dl2q24xlarge,
            "mac2-m2.metal" => InstanceType::Mac2M2Metal,
            "i4i.12xlarge" => InstanceType::I4i12xlarge,
            "i4i.24xlarge" => InstanceType::I4i24xlarge,
            "c7i.metal-24xl" => InstanceType::C7iMetal24xl,
            "c7i.metal-48xl" => InstanceType::C7iMetal48xl,
            "m7i.metal-24xl" => InstanceType::M7iMetal24xl,
            "m7i.metal-48xl" => InstanceType::M7iMetal48xl,
            "r7i.metal-24xl" => InstanceType::R7iMetal24xl,
            "r7i.metal-48xl" => InstanceType::R7iMetal48xl,
            "r7iz.metal-16xl" => InstanceType::R7izMetal16xl,
            "r7iz.metal-32xl" => InstanceType::R7izMetal32xl,
            "c7gd.metal" => InstanceType::C7gdMetal,
            "m7gd.metal" => InstanceType::M7gdMetal,
            "r7gd.metal" => InstanceType::R7gdMetal,
            "g6.xlarge" => InstanceType::G6Xlarge,
            "g6.2xlarge" => InstanceType::G62xlarge,
            "g6.4xlarge" => InstanceType::G64xlarge,
            "g6.8xlarge" => InstanceType::G68xlarge,
            "g6.12xlarge" => InstanceType::G612xlarge,
            "g6.16xlarge" => InstanceType::G616xlarge,
            "g6.24xlarge" => InstanceType::G624xlarge,
            "g6.48xlarge" => InstanceType::G648xlarge,
            "gr6.4xlarge" => InstanceType::Gr64xlarge,
            "gr6.8xlarge" => InstanceType::Gr68xlarge,
            "c7i-flex.large" => InstanceType::C7iFlexLarge,
            "c7i-flex.xlarge" => InstanceType::C7iFlexXlarge,
            "c7i-flex.2xlarge" => InstanceType::C7iFlex2xlarge,
            "c7i-flex.4xlarge" => InstanceType::C7iFlex4xlarge,
            "c7i-flex.8xlarge" => InstanceType::C7iFlex8xlarge,
            "u7i-12tb.224xlarge" => InstanceType::U7i12tb224xlarge,
            "u7in-16tb.224xlarge" => InstanceType::U7in16tb224xlarge,
            "u7in-24tb.224xlarge" => InstanceType::U7in24tb224xlarge,
            "u7in-32tb.224xlarge" => InstanceType::U7in32tb224xlarge,
            "u7ib-12tb.224xlarge" => InstanceType::U7ib12tb224xlarge,
            "c7gn.metal" => InstanceType::C7gnMetal,
            "r8g.medium" => InstanceType::R8gMedium,
            "r8g.large" => InstanceType::R8gLarge,
            "r8g.xlarge" => InstanceType::R8gXlarge,
            "r8g.2xlarge" => InstanceType::R8g2xlarge,
            "r8g.4xlarge" => InstanceType::R8g4xlarge,
            "r8g.8xlarge" => InstanceType::R8g8xlarge,
            "r8g.12xlarge" => InstanceType::R8g12xlarge,
            "r8g.16xlarge" => InstanceType::R8g16xlarge,
            "r8g.24xlarge" => InstanceType::R8g24xlarge,
            "r8g.48xlarge" => InstanceType::R8g48xlarge,
            "r8g.metal-24xl" => InstanceType::R8gMetal24xl,
            "r8g.metal-48xl" => InstanceType::R8gMetal48xl,
            "mac2-m1ultra.metal" => InstanceType::Mac2M1ultraMetal,
            "g6e.xlarge" => InstanceType::G6eXlarge,
            "g6e.2xlarge" => InstanceType::G6e2xlarge,
            "g6e.4xlarge" => InstanceType::G6e4xlarge,
            "g6e.8xlarge" => InstanceType::G6e8xlarge,
            "g6e.12xlarge" => InstanceType::G6e12xlarge,
            "g6e.16xlarge" => InstanceType::G6e16xlarge,
            "g6e.24xlarge" => InstanceType::G6e24xlarge,
            "g6e.48xlarge" => InstanceType::G6e48xlarge,
            "c8g.medium" => InstanceType::C8gMedium,
            "c8g.large" => InstanceType::C8gLarge,
            "c8g.xlarge" => InstanceType::C8gXlarge,
            "c8g.2xlarge" => InstanceType::C8g2xlarge,
            "c8g.4xlarge" => InstanceType::C8g4xlarge,
            "c8g.8xlarge" => InstanceType::C8g8xlarge,
            "c8g.12xlarge" => InstanceType::C8g12xlarge,
            "c8g.16xlarge" => InstanceType::C8g16xlarge,
            "c8g.24xlarge" => InstanceType::C8g24xlarge,
            "c8g.48xlarge" => InstanceType::C8g48xlarge,
            "c8g.metal-24xl" => InstanceType::C8gMetal24xl,
            "c8g.metal-48xl" => InstanceType::C8gMetal48xl,
            "m8g.medium" => InstanceType::M8gMedium,
            "m8g.large" => InstanceType::M8gLarge,
            "m8g.xlarge" => InstanceType::M8gXlarge,
            "m8g.2xlarge" => InstanceType::M8g2xlarge,
            "m8g.4xlarge" => InstanceType::M8g4xlarge,
            "m8g.8xlarge" => InstanceType::M8g8xlarge,
            "m8g.12xlarge" => InstanceType::M8g12xlarge,
            "m8g.16xlarge" => InstanceType::M8g16xlarge,
            "m8g.24xlarge" => InstanceType::M8g24xlarge,
            "m8g.48xlarge" => InstanceType::M8g48xlarge,
            "m8g.metal-24xl" => InstanceType::M8gMetal24xl,
            "m8g.metal-48xl" => InstanceType::M8gMetal48xl,
            "x8g.medium" => InstanceType::X8gMedium,
            "x8g.large" => InstanceType::X8gLarge,
            "x8g.xlarge" => InstanceType::X8gXlarge,
            "x8g.2xlarge" => InstanceType::X8g2xlarge,
            "x8g.4xlarge" => InstanceType::X8g4xlarge,
            "x8g.8xlarge" => InstanceType::X8g8xlarge,
            "x8g.12xlarge" => InstanceType::X8g12xlarge,
            "x8g.16xlarge" => InstanceType::X8g16xlarge,
            "x8g.24xlarge" => InstanceType::X8g24xlarge,
            "x8g.48xlarge" => InstanceType::X8g48xlarge,
            "x8g.metal-24xl" => InstanceType::X8gMetal24xl,
            "x8g.metal-48xl" => InstanceType::X8gMetal48xl,
            "i7ie.large" => InstanceType::I7ieLarge,
            "i7ie.xlarge" => InstanceType::I7ieXlarge,
            "i7ie.2xlarge" => InstanceType::I7ie2xlarge,
            "i7ie.3xlarge" => InstanceType::I7ie3xlarge,
            "i7ie.6xlarge" => InstanceType::I7ie6xlarge,
            "i7ie.12xlarge" => InstanceType::I7ie12xlarge,
            "i7ie.18xlarge" => InstanceType::I7ie18xlarge,
            "i7ie.24xlarge" => InstanceType::I7ie24xlarge,
            "i7ie.48xlarge" => InstanceType::I7ie48xlarge,
            "i8g.large" => InstanceType::I8gLarge,
            "i8g.xlarge" => InstanceType::I8gXlarge,
            "i8g.2xlarge" => InstanceType::I8g2xlarge,
            "i8g.4xlarge" => InstanceType::I8g4xlarge,
            "i8g.8xlarge" => InstanceType::I8g8xlarge,
            "i8g.12xlarge" => InstanceType::I8g12xlarge,
            "i8g.16xlarge" => InstanceType::I8g16xlarge,
            "i8g.24xlarge" => InstanceType::I8g24xlarge,
            "i8g.metal-24xl" => InstanceType::I8gMetal24xl,
            "u7i-6tb.112xlarge" => InstanceType::U7i6tb112xlarge,
            "u7i-8tb.112xlarge" => InstanceType::U7i8tb112xlarge,
            "u7inh-32tb.480xlarge" => InstanceType::U7inh32tb480xlarge,
            "p5e.48xlarge" => InstanceType::P5e48xlarge,
            "p5en.48xlarge" => InstanceType::P5en48xlarge,
            "f2.12xlarge" => InstanceType::F212xlarge,
            "f2.48xlarge" => InstanceType::F248xlarge,
            "trn2.48xlarge" => InstanceType::Trn248xlarge,
            "c7i-flex.12xlarge" => InstanceType::C7iFlex12xlarge,
            "c7i-flex.16xlarge" => InstanceType::C7iFlex16xlarge,
            "m7i-flex.12xlarge" => InstanceType::M7iFlex12xlarge,
            "m7i-flex.16xlarge" => InstanceType::M7iFlex16xlarge,
            "i7ie.metal-24xl" => InstanceType::I7ieMetal24xl,
            "i7ie.metal-48xl" => InstanceType::I7ieMetal48xl,
            "i8g.48xlarge" => InstanceType::I8g48xlarge,
            "c8gd.medium" => InstanceType::C8gdMedium,
            "c8gd.large" => InstanceType::C8gdLarge,
            "c8gd.xlarge" => InstanceType::C8gdXlarge,
            "c8gd.2xlarge" => InstanceType::C8gd2xlarge,
            "c8gd.4xlarge" => InstanceType::C8gd4xlarge,
            "c8gd.8xlarge" => InstanceType::C8gd8xlarge,
            "c8gd.12xlarge" => InstanceType::C8gd12xlarge,
            "c8gd.16xlarge" => InstanceType::C8gd16xlarge,
            "c8gd.24xlarge" => InstanceType::C8gd24xlarge,
            "c8gd.48xlarge" => InstanceType::C8gd48xlarge,
            "c8gd.metal-24xl" => InstanceType::C8gdMetal24xl,
            "c8gd.metal-48xl" => InstanceType::C8gdMetal48xl,
            "i7i.large" => InstanceType::I7iLarge,
            "i7i.xlarge" => InstanceType::I7iXlarge,
            "i7i.2xlarge" => InstanceType::I7i2xlarge,
            "i7i.4xlarge" => InstanceType::I7i4xlarge,
            "i7i.8xlarge" => InstanceType::I7i8xlarge,
            "i7i.12xlarge" => InstanceType::I7i12xlarge,
            "i7i.16xlarge" => InstanceType::I7i16xlarge,
            "i7i.24xlarge" => InstanceType::I7i24xlarge,
            "i7i.48xlarge" => InstanceType::I7i48xlarge,
            "i7i.metal-24xl" => InstanceType::I7iMetal24xl,
            "i7i.metal-48xl" => InstanceType::I7iMetal48xl,
            "p6-b200.48xlarge" => InstanceType::P6B20048xlarge,
            "m8gd.medium" => InstanceType::M8gdMedium,
            "m8gd.large" => InstanceType::M8gdLarge,
            "m8gd.xlarge" => InstanceType::M8gdXlarge,
            "m8gd.2xlarge" => InstanceType::M8gd2xlarge,
            "m8gd.4xlarge" => InstanceType::M8gd4xlarge,
            "m8gd.8xlarge" => InstanceType::M8gd8xlarge,
            "m8gd.12xlarge" => InstanceType::M8gd12xlarge,
            "m8gd.16xlarge" => InstanceType::M8gd16xlarge,
            "m8gd.24xlarge" => InstanceType::M8gd24xlarge,
            "m8gd.48xlarge" => InstanceType::M8gd48xlarge,
            "m8gd.metal-24xl" => InstanceType::M8gdMetal24xl,
            "m8gd.metal-48xl" => InstanceType::M8gdMetal48xl,
            "r8gd.medium" => InstanceType::R8gdMedium,
            "r8gd.large" => InstanceType::R8gdLarge,
            "r8gd.xlarge" => InstanceType::R8gdXlarge,
            "r8gd.2xlarge" => InstanceType::R8gd2xlarge,
            "r8gd.4xlarge" => InstanceType::R8gd4xlarge,
            "r8gd.8xlarge" => InstanceType::R8gd8xlarge,
            "r8gd.12xlarge" => InstanceType::R8gd12xlarge,
            "r8gd.16xlarge" => InstanceType::R8gd16xlarge,
            "r8gd.24xlarge" => InstanceType::R8gd24xlarge,
            "r8gd.48xlarge" => InstanceType::R8gd48xlarge,
            "r8gd.metal-24xl" => InstanceType::R8gdMetal24xl,
            "r8gd.metal-48xl" => InstanceType::R8gdMetal48xl,
            "c8gn.medium" => InstanceType::C8gnMedium,
            "c8gn.large" => InstanceType::C8gnLarge,
            "c8gn.xlarge" => InstanceType::C8gnXlarge,
            "c8gn.2xlarge" => InstanceType::C8gn2xlarge,
            "c8gn.4xlarge" => InstanceType::C8gn4xlarge,
            "c8gn.8xlarge" => InstanceType::C8gn8xlarge,
            "c8gn.12xlarge" => InstanceType::C8gn12xlarge,
            "c8gn.16xlarge" => InstanceType::C8gn16xlarge,
            "c8gn.24xlarge" => InstanceType::C8gn24xlarge,
            "c8gn.48xlarge" => InstanceType::C8gn48xlarge,
            "c8gn.metal-24xl" => InstanceType::C8gnMetal24xl,
            "c8gn.metal-48xl" => InstanceType::C8gnMetal48xl,
            "f2.6xlarge" => InstanceType::F26xlarge,
            "p6e-gb200.36xlarge" => InstanceType::P6eGb20036xlarge,
            "g6f.large" => InstanceType::G6fLarge,
            "g6f.xlarge" => InstanceType::G6fXlarge,
            "g6f.2xlarge" => InstanceType::G6f2xlarge,
            "g6f.4xlarge" => InstanceType::G6f4xlarge,
            "gr6f.4xlarge" => InstanceType::Gr6f4xlarge,
            "p5.4xlarge" => InstanceType::P54xlarge,
            "r8i.large" => InstanceType::R8iLarge,
            "r8i.xlarge" => InstanceType::R8iXlarge,
            "r8i.2xlarge" => InstanceType::R8i2xlarge,
            "r8i.4xlarge" => InstanceType::R8i4xlarge,
            "r8i.8xlarge" => InstanceType::R8i8xlarge,
            "r8i.12xlarge" => InstanceType::R8i12xlarge,
            "r8i.16xlarge" => InstanceType::R8i16xlarge,
            "r8i.24xlarge" => InstanceType::R8i24xlarge,
            "r8i.32xlarge" => InstanceType::R8i32xlarge,
            "r8i.48xlarge" => InstanceType::R8i48xlarge,
            "r8i.96xlarge" => InstanceType::R8i96xlarge,
            "r8i.metal-48xl" => InstanceType::R8iMetal48xl,
            "r8i.metal-96xl" => InstanceType::R8iMetal96xl,
            "r8i-flex.large" => InstanceType::R8iFlexLarge,
            "r8i-flex.xlarge" => InstanceType::R8iFlexXlarge,
            "r8i-flex.2xlarge" => InstanceType::R8iFlex2xlarge,
            "r8i-flex.4xlarge" => InstanceType::R8iFlex4xlarge,
            "r8i-flex.8xlarge" => InstanceType::R8iFlex8xlarge,
            "r8i-flex.12xlarge" => InstanceType::R8iFlex12xlarge,
            "r8i-flex.16xlarge" => InstanceType::R8iFlex16xlarge,
            "m8i.large" => InstanceType::M8iLarge,
            "m8i.xlarge" => InstanceType::M8iXlarge,
            "m8i.2xlarge" => InstanceType::M8i2xlarge,
            "m8i.4xlarge" => InstanceType::M8i4xlarge,
            "m8i.8xlarge" => InstanceType::M8i8xlarge,
            "m8i.12xlarge" => InstanceType::M8i12xlarge,
            "m8i.16xlarge" => InstanceType::M8i16xlarge,
            "m8i.24xlarge" => InstanceType::M8i24xlarge,
            "m8i.32xlarge" => InstanceType::M8i32xlarge,
            "m8i.48xlarge" => InstanceType::M8i48xlarge,
            "m8i.96xlarge" => InstanceType::M8i96xlarge,
            "m8i.metal-48xl" => InstanceType::M8iMetal48xl,
            "m8i.metal-96xl" => InstanceType::M8iMetal96xl,
            "m8i-flex.large" => InstanceType::M8iFlexLarge,
            "m8i-flex.xlarge" => InstanceType::M8iFlexXlarge,
            "m8i-flex.2xlarge" => InstanceType::M8iFlex2xlarge,
            "m8i-flex.4xlarge" => InstanceType::M8iFlex4xlarge,
            "m8i-flex.8xlarge" => InstanceType::M8iFlex8xlarge,
            "m8i-flex.12xlarge" => InstanceType::M8iFlex12xlarge,
            "m8i-flex.16xlarge" => InstanceType::M8iFlex16xlarge,
            "i8ge.large" => InstanceType::I8geLarge,
            "i8ge.xlarge" => InstanceType::I8geXlarge,
            "i8ge.2xlarge" => InstanceType::I8ge2xlarge,
            "i8ge.3xlarge" => InstanceType::I8ge3xlarge,
            "i8ge.6xlarge" => InstanceType::I8ge6xlarge,
            "i8ge.12xlarge" => InstanceType::I8ge12xlarge,
            "i8ge.18xlarge" => InstanceType::I8ge18xlarge,
            "i8ge.24xlarge" => InstanceType::I8ge24xlarge,
            "i8ge.48xlarge" => InstanceType::I8ge48xlarge,
            "i8ge.metal-24xl" => InstanceType::I8geMetal24xl,
            "i8ge.metal-48xl" => InstanceType::I8geMetal48xl,
            "mac-m4.metal" => InstanceType::MacM4Metal,
            "mac-m4pro.metal" => InstanceType::MacM4proMetal,
            "r8gn.medium" => InstanceType::R8gnMedium,
            "r8gn.large" => InstanceType::R8gnLarge,
            "r8gn.xlarge" => InstanceType::R8gnXlarge,
            "r8gn.2xlarge" => InstanceType::R8gn2xlarge,
            "r8gn.4xlarge" => InstanceType::R8gn4xlarge,
            "r8gn.8xlarge" => InstanceType::R8gn8xlarge,
            "r8gn.12xlarge" => InstanceType::R8gn12xlarge,
            "r8gn.16xlarge" => InstanceType::R8gn16xlarge,
            "r8gn.24xlarge" => InstanceType::R8gn24xlarge,
            "r8gn.48xlarge" => InstanceType::R8gn48xlarge,
            "r8gn.metal-24xl" => InstanceType::R8gnMetal24xl,
            "r8gn.metal-48xl" => InstanceType::R8gnMetal48xl,
            "c8i.large" => InstanceType::C8iLarge,
            "c8i.xlarge" => InstanceType::C8iXlarge,
            "c8i.2xlarge" => InstanceType::C8i2xlarge,
            "c8i.4xlarge" => InstanceType::C8i4xlarge,
            "c8i.8xlarge" => InstanceType::C8i8xlarge,
            "c8i.12xlarge" => InstanceType::C8i12xlarge,
            "c8i.16xlarge" => InstanceType::C8i16xlarge,
            "c8i.24xlarge" => InstanceType::C8i24xlarge,
            "c8i.32xlarge" => InstanceType::C8i32xlarge,
            "c8i.48xlarge" => InstanceType::C8i48xlarge,
            "c8i.96xlarge" => InstanceType::C8i96xlarge,
            "c8i.metal-48xl" => InstanceType::C8iMetal48xl,
            "c8i.metal-96xl" => InstanceType::C8iMetal96xl,
            "c8i-flex.large" => InstanceType::C8iFlexLarge,
            "c8i-flex.xlarge" => InstanceType::C8iFlexXlarge,
            "c8i-flex.2xlarge" => InstanceType::C8iFlex2xlarge,
            "c8i-flex.4xlarge" => InstanceType::C8iFlex4xlarge,
            "c8i-flex.8xlarge" => InstanceType::C8iFlex8xlarge,
            "c8i-flex.12xlarge" => InstanceType::C8iFlex12xlarge,
            "c8i-flex.16xlarge" => InstanceType::C8iFlex16xlarge,
            "r8gb.medium" => InstanceType::R8gbMedium,
            "r8gb.large" => InstanceType::R8gbLarge,
            "r8gb.xlarge" => InstanceType::R8gbXlarge,
            "r8gb.2xlarge" => InstanceType::R8gb2xlarge,
            "r8gb.4xlarge" => InstanceType::R8gb4xlarge,
            "r8gb.8xlarge" => InstanceType::R8gb8xlarge,
            "r8gb.12xlarge" => InstanceType::R8gb12xlarge,
            "r8gb.16xlarge" => InstanceType::R8gb16xlarge,
            "r8gb.24xlarge" => InstanceType::R8gb24xlarge,
            "r8gb.metal-24xl" => InstanceType::R8gbMetal24xl,
            "m8a.medium" => InstanceType::M8aMedium,
            "m8a.large" => InstanceType::M8aLarge,
            "m8a.xlarge" => InstanceType::M8aXlarge,
            "m8a.2xlarge" => InstanceType::M8a2xlarge,
            "m8a.4xlarge" => InstanceType::M8a4xlarge,
            "m8a.8xlarge" => InstanceType::M8a8xlarge,
            "m8a.12xlarge" => InstanceType::M8a12xlarge,
            "m8a.16xlarge" => InstanceType::M8a16xlarge,
            "m8a.24xlarge" => InstanceType::M8a24xlarge,
            "m8a.48xlarge" => InstanceType::M8a48xlarge,
            "m8a.metal-24xl" => InstanceType::M8aMetal24xl,
            "m8a.metal-48xl" => InstanceType::M8aMetal48xl,
            "trn2.3xlarge" => InstanceType::Trn23xlarge,
            "r8a.medium" => InstanceType::R8aMedium,
            "r8a.large" => InstanceType::R8aLarge,
            "r8a.xlarge" => InstanceType::R8aXlarge,
            "r8a.2xlarge" => InstanceType::R8a2xlarge,
            "r8a.4xlarge" => InstanceType::R8a4xlarge,
            "r8a.8xlarge" => InstanceType::R8a8xlarge,
            "r8a.12xlarge" => InstanceType::R8a12xlarge,
            "r8a.16xlarge" => InstanceType::R8a16xlarge,
            "r8a.24xlarge" => InstanceType::R8a24xlarge,
            "r8a.48xlarge" => InstanceType::R8a48xlarge,
            "r8a.metal-24xl" => InstanceType::R8aMetal24xl,
            "r8a.metal-48xl" => InstanceType::R8aMetal48xl,
            "p6-b300.48xlarge" => InstanceType::P6B30048xlarge,
            "c8a.medium" => InstanceType::C8aMedium,
            "c8a.large" => InstanceType::C8aLarge,
            "c8a.xlarge" => InstanceType::C8aXlarge,
            "c8a.2xlarge" => InstanceType::C8a2xlarge,
            "c8a.4xlarge" => InstanceType::C8a4xlarge,
            "c8a.8xlarge" => InstanceType::C8a8xlarge,
            "c8a.12xlarge" => InstanceType::C8a12xlarge,
            "c8a.16xlarge" => InstanceType::C8a16xlarge,
            "c8a.24xlarge" => InstanceType::C8a24xlarge,
            "c8a.48xlarge" => InstanceType::C8a48xlarge,
            "c8a.metal-24xl" => InstanceType::C8aMetal24xl,
            "c8a.metal-48xl" => InstanceType::C8aMetal48xl,
            "c8gb.12xlarge" => InstanceType::C8gb12xlarge,
            "c8gb.16xlarge" => InstanceType::C8gb16xlarge,
            "c8gb.24xlarge" => InstanceType::C8gb24xlarge,
            "c8gb.2xlarge" => InstanceType::C8gb2xlarge,
            "c8gb.4xlarge" => InstanceType::C8gb4xlarge,
            "c8gb.8xlarge" => InstanceType::C8gb8xlarge,
            "c8gb.large" => InstanceType::C8gbLarge,
            "c8gb.medium" => InstanceType::C8gbMedium,
            "c8gb.metal-24xl" => InstanceType::C8gbMetal24xl,
            "c8gb.xlarge" => InstanceType::C8gbXlarge,
            "c8gb.48xlarge" => InstanceType::C8gb48xlarge,
            "c8gb.metal-48xl" => InstanceType::C8gbMetal48xl,
            "m8gb.12xlarge" => InstanceType::M8gb12xlarge,
            "m8gb.16xlarge" => InstanceType::M8gb16xlarge,
            "m8gb.24xlarge" => InstanceType::M8gb24xlarge,
            "m8gb.2xlarge" => InstanceType::M8gb2xlarge,
            "m8gb.4xlarge" => InstanceType::M8gb4xlarge,
            "m8gb.8xlarge" => InstanceType::M8gb8xlarge,
            "m8gb.large" => InstanceType::M8gbLarge,
            "m8gb.medium" => InstanceType::M8gbMedium,
            "m8gb.xlarge" => InstanceType::M8gbXlarge,
            "m8gb.48xlarge" => InstanceType::M8gb48xlarge,
            "m8gb.metal-24xl" => InstanceType::M8gbMetal24xl,
            "m8gb.metal-48xl" => InstanceType::M8gbMetal48xl,
            "m8gn.12xlarge" => InstanceType::M8gn12xlarge,
            "m8gn.16xlarge" => InstanceType::M8gn16xlarge,
            "m8gn.24xlarge" => InstanceType::M8gn24xlarge,
            "m8gn.2xlarge" => InstanceType::M8gn2xlarge,
            "m8gn.48xlarge" => InstanceType::M8gn48xlarge,
            "m8gn.4xlarge" => InstanceType::M8gn4xlarge,
            "m8gn.8xlarge" => InstanceType::M8gn8xlarge,
            "m8gn.large" => InstanceType::M8gnLarge,
            "m8gn.medium" => InstanceType::M8gnMedium,
            "m8gn.xlarge" => InstanceType::M8gnXlarge,
            "m8gn.metal-24xl" => InstanceType::M8gnMetal24xl,
            "m8gn.metal-48xl" => InstanceType::M8gnMetal48xl,
            "x8aedz.12xlarge" => InstanceType::X8aedz12xlarge,
            "x8aedz.24xlarge" => InstanceType::X8aedz24xlarge,
            "x8aedz.3xlarge" => InstanceType::X8aedz3xlarge,
            "x8aedz.6xlarge" => InstanceType::X8aedz6xlarge,
            "x8aedz.large" => InstanceType::X8aedzLarge,
            "x8aedz.metal-12xl" => InstanceType::X8aedzMetal12xl,
            "x8aedz.metal-24xl" => InstanceType::X8aedzMetal24xl,
            "x8aedz.xlarge" => InstanceType::X8aedzXlarge,
            "m8azn.medium" => InstanceType::M8aznMedium,
            "m8azn.large" => InstanceType::M8aznLarge,
            "m8azn.xlarge" => InstanceType::M8aznXlarge,
            "m8azn.3xlarge" => InstanceType::M8azn3xlarge,
            "m8azn.6xlarge" => InstanceType::M8azn6xlarge,
            "m8azn.12xlarge" => InstanceType::M8azn12xlarge,
            "m8azn.24xlarge" => InstanceType::M8azn24xlarge,
            "m8azn.metal-12xl" => InstanceType::M8aznMetal12xl,
            "m8azn.metal-24xl" => InstanceType::M8aznMetal24xl,
            "x8i.large" => InstanceType::X8iLarge,
            "x8i.xlarge" => InstanceType::X8iXlarge,
            "x8i.2xlarge" => InstanceType::X8i2xlarge,
            "x8i.4xlarge" => InstanceType::X8i4xlarge,
            "x8i.8xlarge" => InstanceType::X8i8xlarge,
            "x8i.12xlarge" => InstanceType::X8i12xlarge,
            "x8i.16xlarge" => InstanceType::X8i16xlarge,
            "x8i.24xlarge" => InstanceType::X8i24xlarge,
            "x8i.32xlarge" => InstanceType::X8i32xlarge,
            "x8i.48xlarge" => InstanceType::X8i48xlarge,
            "x8i.64xlarge" => InstanceType::X8i64xlarge,
            "x8i.96xlarge" => InstanceType::X8i96xlarge,
            "x8i.metal-48xl" => InstanceType::X8iMetal48xl,
            "x8i.metal-96xl" => InstanceType::X8iMetal96xl,
            "mac-m4max.metal" => InstanceType::MacM4maxMetal,
            "g7e.2xlarge" => InstanceType::G7e2xlarge,
            "g7e.4xlarge" => InstanceType::G7e4xlarge,
            "g7e.8xlarge" => InstanceType::G7e8xlarge,
            "g7e.12xlarge" => InstanceType::G7e12xlarge,
            "g7e.24xlarge" => InstanceType::G7e24xlarge,
            "g7e.48xlarge" => InstanceType::G7e48xlarge,
            "r8id.large" => InstanceType::R8idLarge,
            "r8id.xlarge" => InstanceType::R8idXlarge,
            "r8id.2xlarge" => InstanceType::R8id2xlarge,
            "r8id.4xlarge" => InstanceType::R8id4xlarge,
            "r8id.8xlarge" => InstanceType::R8id8xlarge,
            "r8id.12xlarge" => InstanceType::R8id12xlarge,
            "r8id.16xlarge" => InstanceType::R8id16xlarge,
            "r8id.24xlarge" => InstanceType::R8id24xlarge,
            "r8id.32xlarge" => InstanceType::R8id32xlarge,
            "r8id.48xlarge" => InstanceType::R8id48xlarge,
            "r8id.96xlarge" => InstanceType::R8id96xlarge,
            "r8id.metal-48xl" => InstanceType::R8idMetal48xl,
            "r8id.metal-96xl" => InstanceType::R8idMetal96xl,
            "c8id.large" => InstanceType::C8idLarge,
            "c8id.xlarge" => InstanceType::C8idXlarge,
            "c8id.2xlarge" => InstanceType::C8id2xlarge,
            "c8id.4xlarge" => InstanceType::C8id4xlarge,
            "c8id.8xlarge" => InstanceType::C8id8xlarge,
            "c8id.12xlarge" => InstanceType::C8id12xlarge,
            "c8id.16xlarge" => InstanceType::C8id16xlarge,
            "c8id.24xlarge" => InstanceType::C8id24xlarge,
            "c8id.32xlarge" => InstanceType::C8id32xlarge,
            "c8id.48xlarge" => InstanceType::C8id48xlarge,
            "c8id.96xlarge" => InstanceType::C8id96xlarge,
            "c8id.metal-48xl" => InstanceType::C8idMetal48xl,
            "c8id.metal-96xl" => InstanceType::C8idMetal96xl,
            "m8id.large" => InstanceType::M8idLarge,
            "m8id.xlarge" => InstanceType::M8idXlarge,
            "m8id.2xlarge" => InstanceType::M8id2xlarge,
            "m8id.4xlarge" => InstanceType::M8id4xlarge,
            "m8id.8xlarge" => InstanceType::M8id8xlarge,
            "m8id.12xlarge" => InstanceType::M8id12xlarge,
            "m8id.16xlarge" => InstanceType::M8id16xlarge,
            "m8id.24xlarge" => InstanceType::M8id24xlarge,
            "m8id.32xlarge" => InstanceType::M8id32xlarge,
            "m8id.48xlarge" => InstanceType::M8id48xlarge,
            "m8id.96xlarge" => InstanceType::M8id96xlarge,
            "m8id.metal-48xl" => InstanceType::M8idMetal48xl,
            "m8id.metal-96xl" => InstanceType::M8idMetal96xl,
            "hpc8a.96xlarge" => InstanceType::Hpc8a96xlarge,
            other => InstanceType::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(InstanceType);

/// `IpSource`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum IpSource {
    #[default]
    /// `amazon`
    Amazon,
    /// `byoip`
    Byoip,
    /// `none`
    None,
    /// A value the model does not name.
    Unknown(String),
}
impl IpSource {
    pub fn as_str(&self) -> &str {
        match self {
            IpSource::Amazon => "amazon",
            IpSource::Byoip => "byoip",
            IpSource::None => "none",
            IpSource::Unknown(s) => s,
        }
    }
}
impl From<&str> for IpSource {
    fn from(s: &str) -> IpSource {
        match s {
            "amazon" => IpSource::Amazon,
            "byoip" => IpSource::Byoip,
            "none" => IpSource::None,
            other => IpSource::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(IpSource);

/// `Ipv4PrefixSpecificationRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ipv4PrefixSpecificationRequest {
    #[serde(rename = "Ipv4Prefix", default, skip_serializing_if = "Option::is_none")]
    pub ipv4_prefix: Option<String>,
}

/// `Ipv6AddressAttribute`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Ipv6AddressAttribute {
    #[default]
    /// `public`
    Public,
    /// `private`
    Private,
    /// A value the model does not name.
    Unknown(String),
}
impl Ipv6AddressAttribute {
    pub fn as_str(&self) -> &str {
        match self {
            Ipv6AddressAttribute::Public => "public",
            Ipv6AddressAttribute::Private => "private",
            Ipv6AddressAttribute::Unknown(s) => s,
        }
    }
}
impl From<&str> for Ipv6AddressAttribute {
    fn from(s: &str) -> Ipv6AddressAttribute {
        match s {
            "public" => Ipv6AddressAttribute::Public,
            "private" => Ipv6AddressAttribute::Private,
            other => Ipv6AddressAttribute::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(Ipv6AddressAttribute);

/// `Ipv6PrefixSpecificationRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ipv6PrefixSpecificationRequest {
    #[serde(rename = "Ipv6Prefix", default, skip_serializing_if = "Option::is_none")]
    pub ipv6_prefix: Option<String>,
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

/// `MarketType`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum MarketType {
    #[default]
    /// `spot`
    Spot,
    /// `capacity-block`
    CapacityBlock,
    /// `interruptible-capacity-reservation`
    InterruptibleCapacityReservation,
    /// A value the model does not name.
    Unknown(String),
}
impl MarketType {
    pub fn as_str(&self) -> &str {
        match self {
            MarketType::Spot => "spot",
            MarketType::CapacityBlock => "capacity-block",
            MarketType::InterruptibleCapacityReservation => "interruptible-capacity-reservation",
            MarketType::Unknown(s) => s,
        }
    }
}
impl From<&str> for MarketType {
    fn from(s: &str) -> MarketType {
        match s {
            "spot" => MarketType::Spot,
            "capacity-block" => MarketType::CapacityBlock,
            "interruptible-capacity-reservation" => MarketType::InterruptibleCapacityReservation,
            other => MarketType::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(MarketType);

/// `Monitoring`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Monitoring {
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<MonitoringState>,
}

/// `MonitoringState`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum MonitoringState {
    #[default]
    /// `disabled`
    Disabled,
    /// `disabling`
    Disabling,
    /// `enabled`
    Enabled,
    /// `pending`
    Pending,
    /// A value the model does not name.
    Unknown(String),
}
impl MonitoringState {
    pub fn as_str(&self) -> &str {
        match self {
            MonitoringState::Disabled => "disabled",
            MonitoringState::Disabling => "disabling",
            MonitoringState::Enabled => "enabled",
            MonitoringState::Pending => "pending",
            MonitoringState::Unknown(s) => s,
        }
    }
}
impl From<&str> for MonitoringState {
    fn from(s: &str) -> MonitoringState {
        match s {
            "disabled" => MonitoringState::Disabled,
            "disabling" => MonitoringState::Disabling,
            "enabled" => MonitoringState::Enabled,
            "pending" => MonitoringState::Pending,
            other => MonitoringState::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(MonitoringState);

/// `NestedVirtualizationSpecification`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum NestedVirtualizationSpecification {
    #[default]
    /// `enabled`
    Enabled,
    /// `disabled`
    Disabled,
    /// A value the model does not name.
    Unknown(String),
}
impl NestedVirtualizationSpecification {
    pub fn as_str(&self) -> &str {
        match self {
            NestedVirtualizationSpecification::Enabled => "enabled",
            NestedVirtualizationSpecification::Disabled => "disabled",
            NestedVirtualizationSpecification::Unknown(s) => s,
        }
    }
}
impl From<&str> for NestedVirtualizationSpecification {
    fn from(s: &str) -> NestedVirtualizationSpecification {
        match s {
            "enabled" => NestedVirtualizationSpecification::Enabled,
            "disabled" => NestedVirtualizationSpecification::Disabled,
            other => NestedVirtualizationSpecification::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(NestedVirtualizationSpecification);

/// `NetworkInterfaceStatus`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum NetworkInterfaceStatus {
    #[default]
    /// `available`
    Available,
    /// `associated`
    Associated,
    /// `attaching`
    Attaching,
    /// `in-use`
    InUse,
    /// `detaching`
    Detaching,
    /// A value the model does not name.
    Unknown(String),
}
impl NetworkInterfaceStatus {
    pub fn as_str(&self) -> &str {
        match self {
            NetworkInterfaceStatus::Available => "available",
            NetworkInterfaceStatus::Associated => "associated",
            NetworkInterfaceStatus::Attaching => "attaching",
            NetworkInterfaceStatus::InUse => "in-use",
            NetworkInterfaceStatus::Detaching => "detaching",
            NetworkInterfaceStatus::Unknown(s) => s,
        }
    }
}
impl From<&str> for NetworkInterfaceStatus {
    fn from(s: &str) -> NetworkInterfaceStatus {
        match s {
            "available" => NetworkInterfaceStatus::Available,
            "associated" => NetworkInterfaceStatus::Associated,
            "attaching" => NetworkInterfaceStatus::Attaching,
            "in-use" => NetworkInterfaceStatus::InUse,
            "detaching" => NetworkInterfaceStatus::Detaching,
            other => NetworkInterfaceStatus::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(NetworkInterfaceStatus);

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

/// `PlatformValues`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum PlatformValues {
    #[default]
    /// `Windows`
    Windows,
    /// A value the model does not name.
    Unknown(String),
}
impl PlatformValues {
    pub fn as_str(&self) -> &str {
        match self {
            PlatformValues::Windows => "Windows",
            PlatformValues::Unknown(s) => s,
        }
    }
}
impl From<&str> for PlatformValues {
    fn from(s: &str) -> PlatformValues {
        match s {
            "Windows" => PlatformValues::Windows,
            other => PlatformValues::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(PlatformValues);

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

/// `ProductCodeValues`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ProductCodeValues {
    #[default]
    /// `devpay`
    Devpay,
    /// `marketplace`
    Marketplace,
    /// A value the model does not name.
    Unknown(String),
}
impl ProductCodeValues {
    pub fn as_str(&self) -> &str {
        match self {
            ProductCodeValues::Devpay => "devpay",
            ProductCodeValues::Marketplace => "marketplace",
            ProductCodeValues::Unknown(s) => s,
        }
    }
}
impl From<&str> for ProductCodeValues {
    fn from(s: &str) -> ProductCodeValues {
        match s {
            "devpay" => ProductCodeValues::Devpay,
            "marketplace" => ProductCodeValues::Marketplace,
            other => ProductCodeValues::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(ProductCodeValues);

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

/// `ResourceType`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ResourceType {
    #[default]
    /// `capacity-reservation`
    CapacityReservation,
    /// `client-vpn-endpoint`
    ClientVpnEndpoint,
    /// `customer-gateway`
    CustomerGateway,
    /// `carrier-gateway`
    CarrierGateway,
    /// `coip-pool`
    CoipPool,
    /// `declarative-policies-report`
    DeclarativePoliciesReport,
    /// `dedicated-host`
    DedicatedHost,
    /// `dhcp-options`
    DhcpOptions,
    /// `egress-only-internet-gateway`
    EgressOnlyInternetGateway,
    /// `elastic-ip`
    ElasticIp,
    /// `elastic-gpu`
    ElasticGpu,
    /// `export-image-task`
    ExportImageTask,
    /// `export-instance-task`
    ExportInstanceTask,
    /// `fleet`
    Fleet,
    /// `fpga-image`
    FpgaImage,
    /// `host-reservation`
    HostReservation,
    /// `image`
    Image,
    /// `image-usage-report`
    ImageUsageReport,
    /// `import-image-task`
    ImportImageTask,
    /// `import-snapshot-task`
    ImportSnapshotTask,
    /// `instance`
    Instance,
    /// `instance-event-window`
    InstanceEventWindow,
    /// `internet-gateway`
    InternetGateway,
    /// `ipam`
    Ipam,
    /// `ipam-pool`
    IpamPool,
    /// `ipam-scope`
    IpamScope,
    /// `ipv4pool-ec2`
    Ipv4poolEc2,
    /// `ipv6pool-ec2`
    Ipv6poolEc2,
    /// `key-pair`
    KeyPair,
    /// `launch-template`
    LaunchTemplate,
    /// `local-gateway`
    LocalGateway,
    /// `local-gateway-route-table`
    LocalGatewayRouteTable,
    /// `local-gateway-virtual-interface`
    LocalGatewayVirtualInterface,
    /// `local-gateway-virtual-interface-group`
    LocalGatewayVirtualInterfaceGroup,
    /// `local-gateway-route-table-vpc-association`
    LocalGatewayRouteTableVpcAssociation,
    /// `local-gateway-route-table-virtual-interface-group-association`
    LocalGatewayRouteTableVirtualInterfaceGroupAssociation,
    /// `natgateway`
    Natgateway,
    /// `network-acl`
    NetworkAcl,
    /// `network-interface`
    NetworkInterface,
    /// `network-insights-analysis`
    NetworkInsightsAnalysis,
    /// `network-insights-path`
    NetworkInsightsPath,
    /// `network-insights-access-scope`
    NetworkInsightsAccessScope,
    /// `network-insights-access-scope-analysis`
    NetworkInsightsAccessScopeAnalysis,
    /// `outpost-lag`
    OutpostLag,
    /// `placement-group`
    PlacementGroup,
    /// `prefix-list`
    PrefixList,
    /// `replace-root-volume-task`
    ReplaceRootVolumeTask,
    /// `reserved-instances`
    ReservedInstances,
    /// `route-table`
    RouteTable,
    /// `security-group`
    SecurityGroup,
    /// `security-group-rule`
    SecurityGroupRule,
    /// `service-link-virtual-interface`
    ServiceLinkVirtualInterface,
    /// `snapshot`
    Snapshot,
    /// `spot-fleet-request`
    SpotFleetRequest,
    /// `spot-instances-request`
    SpotInstancesRequest,
    /// `subnet`
    Subnet,
    /// `subnet-cidr-reservation`
    SubnetCidrReservation,
    /// `traffic-mirror-filter`
    TrafficMirrorFilter,
    /// `traffic-mirror-session`
    TrafficMirrorSession,
    /// `traffic-mirror-target`
    TrafficMirrorTarget,
    /// `transit-gateway`
    TransitGateway,
    /// `transit-gateway-attachment`
    TransitGatewayAttachment,
    /// `transit-gateway-connect-peer`
    TransitGatewayConnectPeer,
    /// `transit-gateway-multicast-domain`
    TransitGatewayMulticastDomain,
    /// `transit-gateway-policy-table`
    TransitGatewayPolicyTable,
    /// `transit-gateway-metering-policy`
    TransitGatewayMeteringPolicy,
    /// `transit-gateway-route-table`
    TransitGatewayRouteTable,
    /// `transit-gateway-route-table-announcement`
    TransitGatewayRouteTableAnnouncement,
    /// `volume`
    Volume,
    /// `vpc`
    Vpc,
    /// `vpc-endpoint`
    VpcEndpoint,
    /// `vpc-endpoint-connection`
    VpcEndpointConnection,
    /// `vpc-endpoint-service`
    VpcEndpointService,
    /// `vpc-endpoint-service-permission`
    VpcEndpointServicePermission,
    /// `vpc-peering-connection`
    VpcPeeringConnection,
    /// `vpn-connection`
    VpnConnection,
    /// `vpn-gateway`
    VpnGateway,
    /// `vpc-flow-log`
    VpcFlowLog,
    /// `capacity-reservation-fleet`
    CapacityReservationFleet,
    /// `traffic-mirror-filter-rule`
    TrafficMirrorFilterRule,
    /// `vpc-endpoint-connection-device-type`
    VpcEndpointConnectionDeviceType,
    /// `verified-access-instance`
    VerifiedAccessInstance,
    /// `verified-access-group`
    VerifiedAccessGroup,
    /// `verified-access-endpoint`
    VerifiedAccessEndpoint,
    /// `verified-access-policy`
    VerifiedAccessPolicy,
    /// `verified-access-trust-provider`
    VerifiedAccessTrustProvider,
    /// `vpn-connection-device-type`
    VpnConnectionDeviceType,
    /// `vpc-block-public-access-exclusion`
    VpcBlockPublicAccessExclusion,
    /// `vpc-encryption-control`
    VpcEncryptionControl,
    /// `route-server`
    RouteServer,
    /// `route-server-endpoint`
    RouteServerEndpoint,
    /// `route-server-peer`
    RouteServerPeer,
    /// `ipam-resource-discovery`
    IpamResourceDiscovery,
    /// `ipam-resource-discovery-association`
    IpamResourceDiscoveryAssociation,
    /// `instance-connect-endpoint`
    InstanceConnectEndpoint,
    /// `verified-access-endpoint-target`
    VerifiedAccessEndpointTarget,
    /// `ipam-external-resource-verification-token`
    IpamExternalResourceVerificationToken,
    /// `capacity-block`
    CapacityBlock,
    /// `mac-modification-task`
    MacModificationTask,
    /// `ipam-prefix-list-resolver`
    IpamPrefixListResolver,
    /// `ipam-policy`
    IpamPolicy,
    /// `ipam-prefix-list-resolver-target`
    IpamPrefixListResolverTarget,
    /// `secondary-interface`
    SecondaryInterface,
    /// `secondary-network`
    SecondaryNetwork,
    /// `secondary-subnet`
    SecondarySubnet,
    /// `capacity-manager-data-export`
    CapacityManagerDataExport,
    /// `vpn-concentrator`
    VpnConcentrator,
    /// `ipam-pool-allocation`
    IpamPoolAllocation,
    /// A value the model does not name.
    Unknown(String),
}
impl ResourceType {
    pub fn as_str(&self) -> &str {
        match self {
            ResourceType::CapacityReservation => "capacity-reservation",
            ResourceType::ClientVpnEndpoint => "client-vpn-endpoint",
            ResourceType::CustomerGateway => "customer-gateway",
            ResourceType::CarrierGateway => "carrier-gateway",
            ResourceType::CoipPool => "coip-pool",
            ResourceType::DeclarativePoliciesReport => "declarative-policies-report",
            ResourceType::DedicatedHost => "dedicated-host",
            ResourceType::DhcpOptions => "dhcp-options",
            ResourceType::EgressOnlyInternetGateway => "egress-only-internet-gateway",
            ResourceType::ElasticIp => "elastic-ip",
            ResourceType::ElasticGpu => "elastic-gpu",
            ResourceType::ExportImageTask => "export-image-task",
            ResourceType::ExportInstanceTask => "export-instance-task",
            ResourceType::Fleet => "fleet",
            ResourceType::FpgaImage => "fpga-image",
            ResourceType::HostReservation => "host-reservation",
            ResourceType::Image => "image",
            ResourceType::ImageUsageReport => "image-usage-report",
            ResourceType::ImportImageTask => "import-image-task",
            ResourceType::ImportSnapshotTask => "import-snapshot-task",
            ResourceType::Instance => "instance",
            ResourceType::InstanceEventWindow => "instance-event-window",
            ResourceType::InternetGateway => "internet-gateway",
            ResourceType::Ipam => "ipam",
            ResourceType::IpamPool => "ipam-pool",
            ResourceType::IpamScope => "ipam-scope",
            ResourceType::Ipv4poolEc2 => "ipv4pool-ec2",
            ResourceType::Ipv6poolEc2 => "ipv6pool-ec2",
            ResourceType::KeyPair => "key-pair",
            ResourceType::LaunchTemplate => "launch-template",
            ResourceType::LocalGateway => "local-gateway",
            ResourceType::LocalGatewayRouteTable => "local-gateway-route-table",
            ResourceType::LocalGatewayVirtualInterface => "local-gateway-virtual-interface",
            ResourceType::LocalGatewayVirtualInterfaceGroup => "local-gateway-virtual-interface-group",
            ResourceType::LocalGatewayRouteTableVpcAssociation => "local-gateway-route-table-vpc-association",
            ResourceType::LocalGatewayRouteTableVirtualInterfaceGroupAssociation => {
                "local-gateway-route-table-virtual-interface-group-association"
            }
            ResourceType::Natgateway => "natgateway",
            ResourceType::NetworkAcl => "network-acl",
            ResourceType::NetworkInterface => "network-interface",
            ResourceType::NetworkInsightsAnalysis => "network-insights-analysis",
            ResourceType::NetworkInsightsPath => "network-insights-path",
            ResourceType::NetworkInsightsAccessScope => "network-insights-access-scope",
            ResourceType::NetworkInsightsAccessScopeAnalysis => "network-insights-access-scope-analysis",
            ResourceType::OutpostLag => "outpost-lag",
            ResourceType::PlacementGroup => "placement-group",
            ResourceType::PrefixList => "prefix-list",
            ResourceType::ReplaceRootVolumeTask => "replace-root-volume-task",
            ResourceType::ReservedInstances => "reserved-instances",
            ResourceType::RouteTable => "route-table",
            ResourceType::SecurityGroup => "security-group",
            ResourceType::SecurityGroupRule => "security-group-rule",
            ResourceType::ServiceLinkVirtualInterface => "service-link-virtual-interface",
            ResourceType::Snapshot => "snapshot",
            ResourceType::SpotFleetRequest => "spot-fleet-request",
            ResourceType::SpotInstancesRequest => "spot-instances-request",
            ResourceType::Subnet => "subnet",
            ResourceType::SubnetCidrReservation => "subnet-cidr-reservation",
            ResourceType::TrafficMirrorFilter => "traffic-mirror-filter",
            ResourceType::TrafficMirrorSession => "traffic-mirror-session",
            ResourceType::TrafficMirrorTarget => "traffic-mirror-target",
            ResourceType::TransitGateway => "transit-gateway",
            ResourceType::TransitGatewayAttachment => "transit-gateway-attachment",
            ResourceType::TransitGatewayConnectPeer => "transit-gateway-connect-peer",
            ResourceType::TransitGatewayMulticastDomain => "transit-gateway-multicast-domain",
            ResourceType::TransitGatewayPolicyTable => "transit-gateway-policy-table",
            ResourceType::TransitGatewayMeteringPolicy => "transit-gateway-metering-policy",
            ResourceType::TransitGatewayRouteTable => "transit-gateway-route-table",
            ResourceType::TransitGatewayRouteTableAnnouncement => "transit-gateway-route-table-announcement",
            ResourceType::Volume => "volume",
            ResourceType::Vpc => "vpc",
            ResourceType::VpcEndpoint => "vpc-endpoint",
            ResourceType::VpcEndpointConnection => "vpc-endpoint-connection",
            ResourceType::VpcEndpointService => "vpc-endpoint-service",
            ResourceType::VpcEndpointServicePermission => "vpc-endpoint-service-permission",
            ResourceType::VpcPeeringConnection => "vpc-peering-connection",
            ResourceType::VpnConnection => "vpn-connection",
            ResourceType::VpnGateway => "vpn-gateway",
            ResourceType::VpcFlowLog => "vpc-flow-log",
            ResourceType::CapacityReservationFleet => "capacity-reservation-fleet",
            ResourceType::TrafficMirrorFilterRule => "traffic-mirror-filter-rule",
            ResourceType::VpcEndpointConnectionDeviceType => "vpc-endpoint-connection-device-type",
            ResourceType::VerifiedAccessInstance => "verified-access-instance",
            ResourceType::VerifiedAccessGroup => "verified-access-group",
            ResourceType::VerifiedAccessEndpoint => "verified-access-endpoint",
            ResourceType::VerifiedAccessPolicy => "verified-access-policy",
            ResourceType::VerifiedAccessTrustProvider => "verified-access-trust-provider",
            ResourceType::VpnConnectionDeviceType => "vpn-connection-device-type",
            ResourceType::VpcBlockPublicAccessExclusion => "vpc-block-public-access-exclusion",
            ResourceType::VpcEncryptionControl => "vpc-encryption-control",
            ResourceType::RouteServer => "route-server",
            ResourceType::RouteServerEndpoint => "route-server-endpoint",
            ResourceType::RouteServerPeer => "route-server-peer",
            ResourceType::IpamResourceDiscovery => "ipam-resource-discovery",
            ResourceType::IpamResourceDiscoveryAssociation => "ipam-resource-discovery-association",
            ResourceType::InstanceConnectEndpoint => "instance-connect-endpoint",
            ResourceType::VerifiedAccessEndpointTarget => "verified-access-endpoint-target",
            ResourceType::IpamExternalResourceVerificationToken => "ipam-external-resource-verification-token",
            ResourceType::CapacityBlock => "capacity-block",
            ResourceType::MacModificationTask => "mac-modification-task",
            ResourceType::IpamPrefixListResolver => "ipam-prefix-list-resolver",
            ResourceType::IpamPolicy => "ipam-policy",
            ResourceType::IpamPrefixListResolverTarget => "ipam-prefix-list-resolver-target",
            ResourceType::SecondaryInterface => "secondary-interface",
            ResourceType::SecondaryNetwork => "secondary-network",
            ResourceType::SecondarySubnet => "secondary-subnet",
            ResourceType::CapacityManagerDataExport => "capacity-manager-data-export",
            ResourceType::VpnConcentrator => "vpn-concentrator",
            ResourceType::IpamPoolAllocation => "ipam-pool-allocation",
            ResourceType::Unknown(s) => s,
        }
    }
}
impl From<&str> for ResourceType {
    fn from(s: &str) -> ResourceType {
        match s {
            "capacity-reservation" => ResourceType::CapacityReservation,
            "client-vpn-endpoint" => ResourceType::ClientVpnEndpoint,
            "customer-gateway" => ResourceType::CustomerGateway,
            "carrier-gateway" => ResourceType::CarrierGateway,
            "coip-pool" => ResourceType::CoipPool,
            "declarative-policies-report" => ResourceType::DeclarativePoliciesReport,
            "dedicated-host" => ResourceType::DedicatedHost,
            "dhcp-options" => ResourceType::DhcpOptions,
            "egress-only-internet-gateway" => ResourceType::EgressOnlyInternetGateway,
            "elastic-ip" => ResourceType::ElasticIp,
            "elastic-gpu" => ResourceType::ElasticGpu,
            "export-image-task" => ResourceType::ExportImageTask,
            "export-instance-task" => ResourceType::ExportInstanceTask,
            "fleet" => ResourceType::Fleet,
            "fpga-image" => ResourceType::FpgaImage,
            "host-reservation" => ResourceType::HostReservation,
            "image" => ResourceType::Image,
            "image-usage-report" => ResourceType::ImageUsageReport,
            "import-image-task" => ResourceType::ImportImageTask,
            "import-snapshot-task" => ResourceType::ImportSnapshotTask,
            "instance" => ResourceType::Instance,
            "instance-event-window" => ResourceType::InstanceEventWindow,
            "internet-gateway" => ResourceType::InternetGateway,
            "ipam" => ResourceType::Ipam,
            "ipam-pool" => ResourceType::IpamPool,
            "ipam-scope" => ResourceType::IpamScope,
            "ipv4pool-ec2" => ResourceType::Ipv4poolEc2,
            "ipv6pool-ec2" => ResourceType::Ipv6poolEc2,
            "key-pair" => ResourceType::KeyPair,
            "launch-template" => ResourceType::LaunchTemplate,
            "local-gateway" => ResourceType::LocalGateway,
            "local-gateway-route-table" => ResourceType::LocalGatewayRouteTable,
            "local-gateway-virtual-interface" => ResourceType::LocalGatewayVirtualInterface,
            "local-gateway-virtual-interface-group" => ResourceType::LocalGatewayVirtualInterfaceGroup,
            "local-gateway-route-table-vpc-association" => ResourceType::LocalGatewayRouteTableVpcAssociation,
            "local-gateway-route-table-virtual-interface-group-association" => {
                ResourceType::LocalGatewayRouteTableVirtualInterfaceGroupAssociation
            }
            "natgateway" => ResourceType::Natgateway,
            "network-acl" => ResourceType::NetworkAcl,
            "network-interface" => ResourceType::NetworkInterface,
            "network-insights-analysis" => ResourceType::NetworkInsightsAnalysis,
            "network-insights-path" => ResourceType::NetworkInsightsPath,
            "network-insights-access-scope" => ResourceType::NetworkInsightsAccessScope,
            "network-insights-access-scope-analysis" => ResourceType::NetworkInsightsAccessScopeAnalysis,
            "outpost-lag" => ResourceType::OutpostLag,
            "placement-group" => ResourceType::PlacementGroup,
            "prefix-list" => ResourceType::PrefixList,
            "replace-root-volume-task" => ResourceType::ReplaceRootVolumeTask,
            "reserved-instances" => ResourceType::ReservedInstances,
            "route-table" => ResourceType::RouteTable,
            "security-group" => ResourceType::SecurityGroup,
            "security-group-rule" => ResourceType::SecurityGroupRule,
            "service-link-virtual-interface" => ResourceType::ServiceLinkVirtualInterface,
            "snapshot" => ResourceType::Snapshot,
            "spot-fleet-request" => ResourceType::SpotFleetRequest,
            "spot-instances-request" => ResourceType::SpotInstancesRequest,
            "subnet" => ResourceType::Subnet,
            "subnet-cidr-reservation" => ResourceType::SubnetCidrReservation,
            "traffic-mirror-filter" => ResourceType::TrafficMirrorFilter,
            "traffic-mirror-session" => ResourceType::TrafficMirrorSession,
            "traffic-mirror-target" => ResourceType::TrafficMirrorTarget,
            "transit-gateway" => ResourceType::TransitGateway,
            "transit-gateway-attachment" => ResourceType::TransitGatewayAttachment,
            "transit-gateway-connect-peer" => ResourceType::TransitGatewayConnectPeer,
            "transit-gateway-multicast-domain" => ResourceType::TransitGatewayMulticastDomain,
            "transit-gateway-policy-table" => ResourceType::TransitGatewayPolicyTable,
            "transit-gateway-metering-policy" => ResourceType::TransitGatewayMeteringPolicy,
            "transit-gateway-route-table" => ResourceType::TransitGatewayRouteTable,
            "transit-gateway-route-table-announcement" => ResourceType::TransitGatewayRouteTableAnnouncement,
            "volume" => ResourceType::Volume,
            "vpc" => ResourceType::Vpc,
            "vpc-endpoint" => ResourceType::VpcEndpoint,
            "vpc-endpoint-connection" => ResourceType::VpcEndpointConnection,
            "vpc-endpoint-service" => ResourceType::VpcEndpointService,
            "vpc-endpoint-service-permission" => ResourceType::VpcEndpointServicePermission,
            "vpc-peering-connection" => ResourceType::VpcPeeringConnection,
            "vpn-connection" => ResourceType::VpnConnection,
            "vpn-gateway" => ResourceType::VpnGateway,
            "vpc-flow-log" => ResourceType::VpcFlowLog,
            "capacity-reservation-fleet" => ResourceType::CapacityReservationFleet,
            "traffic-mirror-filter-rule" => ResourceType::TrafficMirrorFilterRule,
            "vpc-endpoint-connection-device-type" => ResourceType::VpcEndpointConnectionDeviceType,
            "verified-access-instance" => ResourceType::VerifiedAccessInstance,
            "verified-access-group" => ResourceType::VerifiedAccessGroup,
            "verified-access-endpoint" => ResourceType::VerifiedAccessEndpoint,
            "verified-access-policy" => ResourceType::VerifiedAccessPolicy,
            "verified-access-trust-provider" => ResourceType::VerifiedAccessTrustProvider,
            "vpn-connection-device-type" => ResourceType::VpnConnectionDeviceType,
            "vpc-block-public-access-exclusion" => ResourceType::VpcBlockPublicAccessExclusion,
            "vpc-encryption-control" => ResourceType::VpcEncryptionControl,
            "route-server" => ResourceType::RouteServer,
            "route-server-endpoint" => ResourceType::RouteServerEndpoint,
            "route-server-peer" => ResourceType::RouteServerPeer,
            "ipam-resource-discovery" => ResourceType::IpamResourceDiscovery,
            "ipam-resource-discovery-association" => ResourceType::IpamResourceDiscoveryAssociation,
            "instance-connect-endpoint" => ResourceType::InstanceConnectEndpoint,
            "verified-access-endpoint-target" => ResourceType::VerifiedAccessEndpointTarget,
            "ipam-external-resource-verification-token" => ResourceType::IpamExternalResourceVerificationToken,
            "capacity-block" => ResourceType::CapacityBlock,
            "mac-modification-task" => ResourceType::MacModificationTask,
            "ipam-prefix-list-resolver" => ResourceType::IpamPrefixListResolver,
            "ipam-policy" => ResourceType::IpamPolicy,
            "ipam-prefix-list-resolver-target" => ResourceType::IpamPrefixListResolverTarget,
            "secondary-interface" => ResourceType::SecondaryInterface,
            "secondary-network" => ResourceType::SecondaryNetwork,
            "secondary-subnet" => ResourceType::SecondarySubnet,
            "capacity-manager-data-export" => ResourceType::CapacityManagerDataExport,
            "vpn-concentrator" => ResourceType::VpnConcentrator,
            "ipam-pool-allocation" => ResourceType::IpamPoolAllocation,
            other => ResourceType::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(ResourceType);

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

/// `SecondaryInterfaceStatus`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum SecondaryInterfaceStatus {
    #[default]
    /// `available`
    Available,
    /// `in-use`
    InUse,
    /// A value the model does not name.
    Unknown(String),
}
impl SecondaryInterfaceStatus {
    pub fn as_str(&self) -> &str {
        match self {
            SecondaryInterfaceStatus::Available => "available",
            SecondaryInterfaceStatus::InUse => "in-use",
            SecondaryInterfaceStatus::Unknown(s) => s,
        }
    }
}
impl From<&str> for SecondaryInterfaceStatus {
    fn from(s: &str) -> SecondaryInterfaceStatus {
        match s {
            "available" => SecondaryInterfaceStatus::Available,
            "in-use" => SecondaryInterfaceStatus::InUse,
            other => SecondaryInterfaceStatus::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(SecondaryInterfaceStatus);

/// `SecondaryInterfaceType`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum SecondaryInterfaceType {
    #[default]
    /// `secondary`
    Secondary,
    /// A value the model does not name.
    Unknown(String),
}
impl SecondaryInterfaceType {
    pub fn as_str(&self) -> &str {
        match self {
            SecondaryInterfaceType::Secondary => "secondary",
            SecondaryInterfaceType::Unknown(s) => s,
        }
    }
}
impl From<&str> for SecondaryInterfaceType {
    fn from(s: &str) -> SecondaryInterfaceType {
        match s {
            "secondary" => SecondaryInterfaceType::Secondary,
            other => SecondaryInterfaceType::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(SecondaryInterfaceType);

/// `ShutdownBehavior`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ShutdownBehavior {
    #[default]
    /// `stop`
    Stop,
    /// `terminate`
    Terminate,
    /// A value the model does not name.
    Unknown(String),
}
impl ShutdownBehavior {
    pub fn as_str(&self) -> &str {
        match self {
            ShutdownBehavior::Stop => "stop",
            ShutdownBehavior::Terminate => "terminate",
            ShutdownBehavior::Unknown(s) => s,
        }
    }
}
impl From<&str> for ShutdownBehavior {
    fn from(s: &str) -> ShutdownBehavior {
        match s {
            "stop" => ShutdownBehavior::Stop,
            "terminate" => ShutdownBehavior::Terminate,
            other => ShutdownBehavior::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(ShutdownBehavior);

/// `SpotInstanceType`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum SpotInstanceType {
    #[default]
    /// `one-time`
    OneTime,
    /// `persistent`
    Persistent,
    /// A value the model does not name.
    Unknown(String),
}
impl SpotInstanceType {
    pub fn as_str(&self) -> &str {
        match self {
            SpotInstanceType::OneTime => "one-time",
            SpotInstanceType::Persistent => "persistent",
            SpotInstanceType::Unknown(s) => s,
        }
    }
}
impl From<&str> for SpotInstanceType {
    fn from(s: &str) -> SpotInstanceType {
        match s {
            "one-time" => SpotInstanceType::OneTime,
            "persistent" => SpotInstanceType::Persistent,
            other => SpotInstanceType::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(SpotInstanceType);

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

/// `SubnetCidrBlockStateCode`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum SubnetCidrBlockStateCode {
    #[default]
    /// `associating`
    Associating,
    /// `associated`
    Associated,
    /// `disassociating`
    Disassociating,
    /// `disassociated`
    Disassociated,
    /// `failing`
    Failing,
    /// `failed`
    Failed,
    /// A value the model does not name.
    Unknown(String),
}
impl SubnetCidrBlockStateCode {
    pub fn as_str(&self) -> &str {
        match self {
            SubnetCidrBlockStateCode::Associating => "associating",
            SubnetCidrBlockStateCode::Associated => "associated",
            SubnetCidrBlockStateCode::Disassociating => "disassociating",
            SubnetCidrBlockStateCode::Disassociated => "disassociated",
            SubnetCidrBlockStateCode::Failing => "failing",
            SubnetCidrBlockStateCode::Failed => "failed",
            SubnetCidrBlockStateCode::Unknown(s) => s,
        }
    }
}
impl From<&str> for SubnetCidrBlockStateCode {
    fn from(s: &str) -> SubnetCidrBlockStateCode {
        match s {
            "associating" => SubnetCidrBlockStateCode::Associating,
            "associated" => SubnetCidrBlockStateCode::Associated,
            "disassociating" => SubnetCidrBlockStateCode::Disassociating,
            "disassociated" => SubnetCidrBlockStateCode::Disassociated,
            "failing" => SubnetCidrBlockStateCode::Failing,
            "failed" => SubnetCidrBlockStateCode::Failed,
            other => SubnetCidrBlockStateCode::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(SubnetCidrBlockStateCode);

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

/// `SubnetState`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum SubnetState {
    #[default]
    /// `pending`
    Pending,
    /// `available`
    Available,
    /// `unavailable`
    Unavailable,
    /// `failed`
    Failed,
    /// `failed-insufficient-capacity`
    FailedInsufficientCapacity,
    /// A value the model does not name.
    Unknown(String),
}
impl SubnetState {
    pub fn as_str(&self) -> &str {
        match self {
            SubnetState::Pending => "pending",
            SubnetState::Available => "available",
            SubnetState::Unavailable => "unavailable",
            SubnetState::Failed => "failed",
            SubnetState::FailedInsufficientCapacity => "failed-insufficient-capacity",
            SubnetState::Unknown(s) => s,
        }
    }
}
impl From<&str> for SubnetState {
    fn from(s: &str) -> SubnetState {
        match s {
            "pending" => SubnetState::Pending,
            "available" => SubnetState::Available,
            "unavailable" => SubnetState::Unavailable,
            "failed" => SubnetState::Failed,
            "failed-insufficient-capacity" => SubnetState::FailedInsufficientCapacity,
            other => SubnetState::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(SubnetState);

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

/// `Tenancy`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Tenancy {
    #[default]
    /// `default`
    Default,
    /// `dedicated`
    Dedicated,
    /// `host`
    Host,
    /// A value the model does not name.
    Unknown(String),
}
impl Tenancy {
    pub fn as_str(&self) -> &str {
        match self {
            Tenancy::Default => "default",
            Tenancy::Dedicated => "dedicated",
            Tenancy::Host => "host",
            Tenancy::Unknown(s) => s,
        }
    }
}
impl From<&str> for Tenancy {
    fn from(s: &str) -> Tenancy {
        match s {
            "default" => Tenancy::Default,
            "dedicated" => Tenancy::Dedicated,
            "host" => Tenancy::Host,
            other => Tenancy::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(Tenancy);

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

/// `TpmSupportValues`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum TpmSupportValues {
    #[default]
    /// `v2.0`
    V20,
    /// A value the model does not name.
    Unknown(String),
}
impl TpmSupportValues {
    pub fn as_str(&self) -> &str {
        match self {
            TpmSupportValues::V20 => "v2.0",
            TpmSupportValues::Unknown(s) => s,
        }
    }
}
impl From<&str> for TpmSupportValues {
    fn from(s: &str) -> TpmSupportValues {
        match s {
            "v2.0" => TpmSupportValues::V20,
            other => TpmSupportValues::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(TpmSupportValues);

/// `VirtualizationType`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum VirtualizationType {
    #[default]
    /// `hvm`
    Hvm,
    /// `paravirtual`
    Paravirtual,
    /// A value the model does not name.
    Unknown(String),
}
impl VirtualizationType {
    pub fn as_str(&self) -> &str {
        match self {
            VirtualizationType::Hvm => "hvm",
            VirtualizationType::Paravirtual => "paravirtual",
            VirtualizationType::Unknown(s) => s,
        }
    }
}
impl From<&str> for VirtualizationType {
    fn from(s: &str) -> VirtualizationType {
        match s {
            "hvm" => VirtualizationType::Hvm,
            "paravirtual" => VirtualizationType::Paravirtual,
            other => VirtualizationType::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(VirtualizationType);

/// `VolumeType`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum VolumeType {
    #[default]
    /// `standard`
    Standard,
    /// `io1`
    Io1,
    /// `io2`
    Io2,
    /// `gp2`
    Gp2,
    /// `sc1`
    Sc1,
    /// `st1`
    St1,
    /// `gp3`
    Gp3,
    /// A value the model does not name.
    Unknown(String),
}
impl VolumeType {
    pub fn as_str(&self) -> &str {
        match self {
            VolumeType::Standard => "standard",
            VolumeType::Io1 => "io1",
            VolumeType::Io2 => "io2",
            VolumeType::Gp2 => "gp2",
            VolumeType::Sc1 => "sc1",
            VolumeType::St1 => "st1",
            VolumeType::Gp3 => "gp3",
            VolumeType::Unknown(s) => s,
        }
    }
}
impl From<&str> for VolumeType {
    fn from(s: &str) -> VolumeType {
        match s {
            "standard" => VolumeType::Standard,
            "io1" => VolumeType::Io1,
            "io2" => VolumeType::Io2,
            "gp2" => VolumeType::Gp2,
            "sc1" => VolumeType::Sc1,
            "st1" => VolumeType::St1,
            "gp3" => VolumeType::Gp3,
            other => VolumeType::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(VolumeType);

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
        }
    }
}

/// Calls into the service through a transport (in this process: the gateway's validation,
/// then the service), with typed inputs and outputs.
#[derive(Clone)]
pub struct Client {
    transport: std::sync::Arc<dyn Transport>,
}
impl Client {
    pub fn new(transport: std::sync::Arc<dyn Transport>) -> Client {
        Client { transport }
    }

    pub async fn run_instances(&self, input: RunInstancesRequest) -> Result<Reservation, ApiError> {
        wire::typed::call(&*self.transport, "RunInstances", input).await
    }

    pub async fn terminate_instances(
        &self,
        input: TerminateInstancesRequest,
    ) -> Result<TerminateInstancesResult, ApiError> {
        wire::typed::call(&*self.transport, "TerminateInstances", input).await
    }

    pub async fn describe_instances(
        &self,
        input: DescribeInstancesRequest,
    ) -> Result<DescribeInstancesResult, ApiError> {
        wire::typed::call(&*self.transport, "DescribeInstances", input).await
    }

    pub async fn create_tags(&self, input: CreateTagsRequest) -> Result<wire::typed::Empty, ApiError> {
        wire::typed::call(&*self.transport, "CreateTags", input).await
    }

    pub async fn describe_images(&self, input: DescribeImagesRequest) -> Result<DescribeImagesResult, ApiError> {
        wire::typed::call(&*self.transport, "DescribeImages", input).await
    }

    pub async fn describe_launch_templates(
        &self,
        input: DescribeLaunchTemplatesRequest,
    ) -> Result<DescribeLaunchTemplatesResult, ApiError> {
        wire::typed::call(&*self.transport, "DescribeLaunchTemplates", input).await
    }

    pub async fn describe_subnets(&self, input: DescribeSubnetsRequest) -> Result<DescribeSubnetsResult, ApiError> {
        wire::typed::call(&*self.transport, "DescribeSubnets", input).await
    }

    pub async fn stop_instances(&self, input: StopInstancesRequest) -> Result<StopInstancesResult, ApiError> {
        wire::typed::call(&*self.transport, "StopInstances", input).await
    }

    pub async fn start_instances(&self, input: StartInstancesRequest) -> Result<StartInstancesResult, ApiError> {
        wire::typed::call(&*self.transport, "StartInstances", input).await
    }

    pub async fn reboot_instances(&self, input: RebootInstancesRequest) -> Result<wire::typed::Empty, ApiError> {
        wire::typed::call(&*self.transport, "RebootInstances", input).await
    }
}
