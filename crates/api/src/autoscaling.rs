//! `autoscaling`: typed inputs, outputs, the `Operation` enum and the `Client`, generated
//! by `tools/gen_types.py` from `crates/wire/models/autoscaling.json` for the operations
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

/// `AcceleratorCountRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AcceleratorCountRequest {
    #[serde(rename = "Max", default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i32>,
    #[serde(rename = "Min", default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i32>,
}

wire::string_enum! {
    /// `AcceleratorManufacturer`: one of the model's values, or one it does not name.
    AcceleratorManufacturer {
        Nvidia = "nvidia",
        Amd = "amd",
        AmazonWebServices = "amazon-web-services",
        Xilinx = "xilinx",
    }
}

wire::string_enum! {
    /// `AcceleratorName`: one of the model's values, or one it does not name.
    AcceleratorName {
        A100 = "a100",
        V100 = "v100",
        K80 = "k80",
        T4 = "t4",
        M60 = "m60",
        RadeonProV520 = "radeon-pro-v520",
        Vu9p = "vu9p",
    }
}

/// `AcceleratorTotalMemoryMiBRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AcceleratorTotalMemoryMiBRequest {
    #[serde(rename = "Max", default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i32>,
    #[serde(rename = "Min", default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i32>,
}

wire::string_enum! {
    /// `AcceleratorType`: one of the model's values, or one it does not name.
    AcceleratorType {
        Gpu = "gpu",
        Fpga = "fpga",
        Inference = "inference",
    }
}

/// `Alarm`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Alarm {
    #[serde(rename = "AlarmARN", default, skip_serializing_if = "Option::is_none")]
    pub alarm_arn: Option<String>,
    #[serde(rename = "AlarmName", default, skip_serializing_if = "Option::is_none")]
    pub alarm_name: Option<String>,
}

/// `AutoScalingGroup`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AutoScalingGroup {
    #[serde(rename = "AutoScalingGroupARN", default, skip_serializing_if = "Option::is_none")]
    pub auto_scaling_group_arn: Option<String>,
    #[serde(rename = "AutoScalingGroupName")]
    pub auto_scaling_group_name: String,
    #[serde(rename = "AvailabilityZoneDistribution", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_distribution: Option<AvailabilityZoneDistribution>,
    #[serde(rename = "AvailabilityZoneIds", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_ids: Option<Vec<String>>,
    #[serde(rename = "AvailabilityZoneImpairmentPolicy", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_impairment_policy: Option<AvailabilityZoneImpairmentPolicy>,
    #[serde(rename = "AvailabilityZones")]
    pub availability_zones: Vec<String>,
    #[serde(rename = "CapacityRebalance", default, skip_serializing_if = "Option::is_none")]
    pub capacity_rebalance: Option<bool>,
    #[serde(rename = "CapacityReservationSpecification", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_specification: Option<CapacityReservationSpecification>,
    #[serde(rename = "Context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    #[serde(rename = "CreatedTime")]
    pub created_time: Timestamp,
    #[serde(rename = "DefaultCooldown")]
    pub default_cooldown: i32,
    #[serde(rename = "DefaultInstanceWarmup", default, skip_serializing_if = "Option::is_none")]
    pub default_instance_warmup: Option<i32>,
    #[serde(rename = "DeletionProtection", default, skip_serializing_if = "Option::is_none")]
    pub deletion_protection: Option<DeletionProtection>,
    #[serde(rename = "DesiredCapacity")]
    pub desired_capacity: i32,
    #[serde(rename = "DesiredCapacityType", default, skip_serializing_if = "Option::is_none")]
    pub desired_capacity_type: Option<String>,
    #[serde(rename = "EnabledMetrics", default, skip_serializing_if = "Option::is_none")]
    pub enabled_metrics: Option<Vec<EnabledMetric>>,
    #[serde(rename = "HealthCheckGracePeriod", default, skip_serializing_if = "Option::is_none")]
    pub health_check_grace_period: Option<i32>,
    #[serde(rename = "HealthCheckType")]
    pub health_check_type: String,
    #[serde(rename = "InstanceLifecyclePolicy", default, skip_serializing_if = "Option::is_none")]
    pub instance_lifecycle_policy: Option<InstanceLifecyclePolicy>,
    #[serde(rename = "InstanceMaintenancePolicy", default, skip_serializing_if = "Option::is_none")]
    pub instance_maintenance_policy: Option<InstanceMaintenancePolicy>,
    #[serde(rename = "Instances", default, skip_serializing_if = "Option::is_none")]
    pub instances: Option<Vec<Instance>>,
    #[serde(rename = "LaunchConfigurationName", default, skip_serializing_if = "Option::is_none")]
    pub launch_configuration_name: Option<String>,
    #[serde(rename = "LaunchTemplate", default, skip_serializing_if = "Option::is_none")]
    pub launch_template: Option<LaunchTemplateSpecification>,
    #[serde(rename = "LoadBalancerNames", default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_names: Option<Vec<String>>,
    #[serde(rename = "MaxInstanceLifetime", default, skip_serializing_if = "Option::is_none")]
    pub max_instance_lifetime: Option<i32>,
    #[serde(rename = "MaxSize")]
    pub max_size: i32,
    #[serde(rename = "MinSize")]
    pub min_size: i32,
    #[serde(rename = "MixedInstancesPolicy", default, skip_serializing_if = "Option::is_none")]
    pub mixed_instances_policy: Option<MixedInstancesPolicy>,
    #[serde(rename = "NewInstancesProtectedFromScaleIn", default, skip_serializing_if = "Option::is_none")]
    pub new_instances_protected_from_scale_in: Option<bool>,
    #[serde(rename = "PlacementGroup", default, skip_serializing_if = "Option::is_none")]
    pub placement_group: Option<String>,
    #[serde(rename = "PredictedCapacity", default, skip_serializing_if = "Option::is_none")]
    pub predicted_capacity: Option<i32>,
    #[serde(rename = "ServiceLinkedRoleARN", default, skip_serializing_if = "Option::is_none")]
    pub service_linked_role_arn: Option<String>,
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(rename = "SuspendedProcesses", default, skip_serializing_if = "Option::is_none")]
    pub suspended_processes: Option<Vec<SuspendedProcess>>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<TagDescription>>,
    #[serde(rename = "TargetGroupARNs", default, skip_serializing_if = "Option::is_none")]
    pub target_group_ar_ns: Option<Vec<String>>,
    #[serde(rename = "TerminationPolicies", default, skip_serializing_if = "Option::is_none")]
    pub termination_policies: Option<Vec<String>>,
    #[serde(rename = "TrafficSources", default, skip_serializing_if = "Option::is_none")]
    pub traffic_sources: Option<Vec<TrafficSourceIdentifier>>,
    #[serde(rename = "VPCZoneIdentifier", default, skip_serializing_if = "Option::is_none")]
    pub vpc_zone_identifier: Option<String>,
    #[serde(rename = "WarmPoolConfiguration", default, skip_serializing_if = "Option::is_none")]
    pub warm_pool_configuration: Option<WarmPoolConfiguration>,
    #[serde(rename = "WarmPoolSize", default, skip_serializing_if = "Option::is_none")]
    pub warm_pool_size: Option<i32>,
}

/// `AutoScalingGroupNamesType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AutoScalingGroupNamesType {
    #[serde(rename = "AutoScalingGroupNames", default, skip_serializing_if = "Option::is_none")]
    pub auto_scaling_group_names: Option<Vec<String>>,
    #[serde(rename = "Filters", default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<Vec<Filter>>,
    #[serde(rename = "IncludeInstances", default, skip_serializing_if = "Option::is_none")]
    pub include_instances: Option<bool>,
    #[serde(rename = "MaxRecords", default, skip_serializing_if = "Option::is_none")]
    pub max_records: Option<i32>,
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `AutoScalingGroupsType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AutoScalingGroupsType {
    #[serde(rename = "AutoScalingGroups")]
    pub auto_scaling_groups: Vec<AutoScalingGroup>,
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `AvailabilityZoneDistribution`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AvailabilityZoneDistribution {
    #[serde(rename = "CapacityDistributionStrategy", default, skip_serializing_if = "Option::is_none")]
    pub capacity_distribution_strategy: Option<CapacityDistributionStrategy>,
}

/// `AvailabilityZoneImpairmentPolicy`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AvailabilityZoneImpairmentPolicy {
    #[serde(rename = "ImpairedZoneHealthCheckBehavior", default, skip_serializing_if = "Option::is_none")]
    pub impaired_zone_health_check_behavior: Option<ImpairedZoneHealthCheckBehavior>,
    #[serde(rename = "ZonalShiftEnabled", default, skip_serializing_if = "Option::is_none")]
    pub zonal_shift_enabled: Option<bool>,
}

wire::string_enum! {
    /// `BareMetal`: one of the model's values, or one it does not name.
    BareMetal {
        Included = "included",
        Excluded = "excluded",
        Required = "required",
    }
}

/// `BaselineEbsBandwidthMbpsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BaselineEbsBandwidthMbpsRequest {
    #[serde(rename = "Max", default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i32>,
    #[serde(rename = "Min", default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i32>,
}

/// `BaselinePerformanceFactorsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BaselinePerformanceFactorsRequest {
    #[serde(rename = "Cpu", default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<CpuPerformanceFactorRequest>,
}

/// `BlockDeviceMapping`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BlockDeviceMapping {
    #[serde(rename = "DeviceName")]
    pub device_name: String,
    #[serde(rename = "Ebs", default, skip_serializing_if = "Option::is_none")]
    pub ebs: Option<Ebs>,
    #[serde(rename = "NoDevice", default, skip_serializing_if = "Option::is_none")]
    pub no_device: Option<bool>,
    #[serde(rename = "VirtualName", default, skip_serializing_if = "Option::is_none")]
    pub virtual_name: Option<String>,
}

wire::string_enum! {
    /// `BurstablePerformance`: one of the model's values, or one it does not name.
    BurstablePerformance {
        Included = "included",
        Excluded = "excluded",
        Required = "required",
    }
}

wire::string_enum! {
    /// `CapacityDistributionStrategy`: one of the model's values, or one it does not name.
    CapacityDistributionStrategy {
        BalancedOnly = "balanced-only",
        BalancedBestEffort = "balanced-best-effort",
    }
}

wire::string_enum! {
    /// `CapacityReservationPreference`: one of the model's values, or one it does not name.
    CapacityReservationPreference {
        CapacityReservationsOnly = "capacity-reservations-only",
        CapacityReservationsFirst = "capacity-reservations-first",
        None = "none",
        Default = "default",
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

/// `CapacityReservationTarget`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CapacityReservationTarget {
    #[serde(rename = "CapacityReservationIds", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_ids: Option<Vec<String>>,
    #[serde(rename = "CapacityReservationResourceGroupArns", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_resource_group_arns: Option<Vec<String>>,
}

wire::string_enum! {
    /// `CpuManufacturer`: one of the model's values, or one it does not name.
    CpuManufacturer {
        Intel = "intel",
        Amd = "amd",
        AmazonWebServices = "amazon-web-services",
        Apple = "apple",
    }
}

/// `CpuPerformanceFactorRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CpuPerformanceFactorRequest {
    #[serde(rename = "References", default, skip_serializing_if = "Option::is_none")]
    pub references: Option<Vec<PerformanceFactorReferenceRequest>>,
}

/// `CreateAutoScalingGroupType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateAutoScalingGroupType {
    #[serde(rename = "AutoScalingGroupName")]
    pub auto_scaling_group_name: String,
    #[serde(rename = "AvailabilityZoneDistribution", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_distribution: Option<AvailabilityZoneDistribution>,
    #[serde(rename = "AvailabilityZoneIds", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_ids: Option<Vec<String>>,
    #[serde(rename = "AvailabilityZoneImpairmentPolicy", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_impairment_policy: Option<AvailabilityZoneImpairmentPolicy>,
    #[serde(rename = "AvailabilityZones", default, skip_serializing_if = "Option::is_none")]
    pub availability_zones: Option<Vec<String>>,
    #[serde(rename = "CapacityRebalance", default, skip_serializing_if = "Option::is_none")]
    pub capacity_rebalance: Option<bool>,
    #[serde(rename = "CapacityReservationSpecification", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_specification: Option<CapacityReservationSpecification>,
    #[serde(rename = "Context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    #[serde(rename = "DefaultCooldown", default, skip_serializing_if = "Option::is_none")]
    pub default_cooldown: Option<i32>,
    #[serde(rename = "DefaultInstanceWarmup", default, skip_serializing_if = "Option::is_none")]
    pub default_instance_warmup: Option<i32>,
    #[serde(rename = "DeletionProtection", default, skip_serializing_if = "Option::is_none")]
    pub deletion_protection: Option<DeletionProtection>,
    #[serde(rename = "DesiredCapacity", default, skip_serializing_if = "Option::is_none")]
    pub desired_capacity: Option<i32>,
    #[serde(rename = "DesiredCapacityType", default, skip_serializing_if = "Option::is_none")]
    pub desired_capacity_type: Option<String>,
    #[serde(rename = "HealthCheckGracePeriod", default, skip_serializing_if = "Option::is_none")]
    pub health_check_grace_period: Option<i32>,
    #[serde(rename = "HealthCheckType", default, skip_serializing_if = "Option::is_none")]
    pub health_check_type: Option<String>,
    #[serde(rename = "InstanceId", default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    #[serde(rename = "InstanceLifecyclePolicy", default, skip_serializing_if = "Option::is_none")]
    pub instance_lifecycle_policy: Option<InstanceLifecyclePolicy>,
    #[serde(rename = "InstanceMaintenancePolicy", default, skip_serializing_if = "Option::is_none")]
    pub instance_maintenance_policy: Option<InstanceMaintenancePolicy>,
    #[serde(rename = "LaunchConfigurationName", default, skip_serializing_if = "Option::is_none")]
    pub launch_configuration_name: Option<String>,
    #[serde(rename = "LaunchTemplate", default, skip_serializing_if = "Option::is_none")]
    pub launch_template: Option<LaunchTemplateSpecification>,
    #[serde(rename = "LifecycleHookSpecificationList", default, skip_serializing_if = "Option::is_none")]
    pub lifecycle_hook_specification_list: Option<Vec<LifecycleHookSpecification>>,
    #[serde(rename = "LoadBalancerNames", default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_names: Option<Vec<String>>,
    #[serde(rename = "MaxInstanceLifetime", default, skip_serializing_if = "Option::is_none")]
    pub max_instance_lifetime: Option<i32>,
    #[serde(rename = "MaxSize")]
    pub max_size: i32,
    #[serde(rename = "MinSize")]
    pub min_size: i32,
    #[serde(rename = "MixedInstancesPolicy", default, skip_serializing_if = "Option::is_none")]
    pub mixed_instances_policy: Option<MixedInstancesPolicy>,
    #[serde(rename = "NewInstancesProtectedFromScaleIn", default, skip_serializing_if = "Option::is_none")]
    pub new_instances_protected_from_scale_in: Option<bool>,
    #[serde(rename = "PlacementGroup", default, skip_serializing_if = "Option::is_none")]
    pub placement_group: Option<String>,
    #[serde(rename = "ServiceLinkedRoleARN", default, skip_serializing_if = "Option::is_none")]
    pub service_linked_role_arn: Option<String>,
    #[serde(rename = "SkipZonalShiftValidation", default, skip_serializing_if = "Option::is_none")]
    pub skip_zonal_shift_validation: Option<bool>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(rename = "TargetGroupARNs", default, skip_serializing_if = "Option::is_none")]
    pub target_group_ar_ns: Option<Vec<String>>,
    #[serde(rename = "TerminationPolicies", default, skip_serializing_if = "Option::is_none")]
    pub termination_policies: Option<Vec<String>>,
    #[serde(rename = "TrafficSources", default, skip_serializing_if = "Option::is_none")]
    pub traffic_sources: Option<Vec<TrafficSourceIdentifier>>,
    #[serde(rename = "VPCZoneIdentifier", default, skip_serializing_if = "Option::is_none")]
    pub vpc_zone_identifier: Option<String>,
}

/// `CreateLaunchConfigurationType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateLaunchConfigurationType {
    #[serde(rename = "AssociatePublicIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub associate_public_ip_address: Option<bool>,
    #[serde(rename = "BlockDeviceMappings", default, skip_serializing_if = "Option::is_none")]
    pub block_device_mappings: Option<Vec<BlockDeviceMapping>>,
    #[serde(rename = "ClassicLinkVPCId", default, skip_serializing_if = "Option::is_none")]
    pub classic_link_vpc_id: Option<String>,
    #[serde(rename = "ClassicLinkVPCSecurityGroups", default, skip_serializing_if = "Option::is_none")]
    pub classic_link_vpc_security_groups: Option<Vec<String>>,
    #[serde(rename = "EbsOptimized", default, skip_serializing_if = "Option::is_none")]
    pub ebs_optimized: Option<bool>,
    #[serde(rename = "IamInstanceProfile", default, skip_serializing_if = "Option::is_none")]
    pub iam_instance_profile: Option<String>,
    #[serde(rename = "ImageId", default, skip_serializing_if = "Option::is_none")]
    pub image_id: Option<String>,
    #[serde(rename = "InstanceId", default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    #[serde(rename = "InstanceMonitoring", default, skip_serializing_if = "Option::is_none")]
    pub instance_monitoring: Option<InstanceMonitoring>,
    #[serde(rename = "InstanceType", default, skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    #[serde(rename = "KernelId", default, skip_serializing_if = "Option::is_none")]
    pub kernel_id: Option<String>,
    #[serde(rename = "KeyName", default, skip_serializing_if = "Option::is_none")]
    pub key_name: Option<String>,
    #[serde(rename = "LaunchConfigurationName")]
    pub launch_configuration_name: String,
    #[serde(rename = "MetadataOptions", default, skip_serializing_if = "Option::is_none")]
    pub metadata_options: Option<InstanceMetadataOptions>,
    #[serde(rename = "PlacementTenancy", default, skip_serializing_if = "Option::is_none")]
    pub placement_tenancy: Option<String>,
    #[serde(rename = "RamdiskId", default, skip_serializing_if = "Option::is_none")]
    pub ramdisk_id: Option<String>,
    #[serde(rename = "SecurityGroups", default, skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Vec<String>>,
    #[serde(rename = "SpotPrice", default, skip_serializing_if = "Option::is_none")]
    pub spot_price: Option<String>,
    #[serde(rename = "UserData", default, skip_serializing_if = "Option::is_none")]
    pub user_data: Option<String>,
}

/// `CustomizedMetricSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomizedMetricSpecification {
    #[serde(rename = "Dimensions", default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<Vec<MetricDimension>>,
    #[serde(rename = "MetricName", default, skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<String>,
    #[serde(rename = "Metrics", default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Vec<TargetTrackingMetricDataQuery>>,
    #[serde(rename = "Namespace", default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(rename = "Period", default, skip_serializing_if = "Option::is_none")]
    pub period: Option<i32>,
    #[serde(rename = "Statistic", default, skip_serializing_if = "Option::is_none")]
    pub statistic: Option<MetricStatistic>,
    #[serde(rename = "Unit", default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// `DeleteAutoScalingGroupType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteAutoScalingGroupType {
    #[serde(rename = "AutoScalingGroupName")]
    pub auto_scaling_group_name: String,
    #[serde(rename = "ForceDelete", default, skip_serializing_if = "Option::is_none")]
    pub force_delete: Option<bool>,
}

/// `DeletePolicyType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeletePolicyType {
    #[serde(rename = "AutoScalingGroupName", default, skip_serializing_if = "Option::is_none")]
    pub auto_scaling_group_name: Option<String>,
    #[serde(rename = "PolicyName")]
    pub policy_name: String,
}

/// `DeleteScheduledActionType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteScheduledActionType {
    #[serde(rename = "AutoScalingGroupName")]
    pub auto_scaling_group_name: String,
    #[serde(rename = "ScheduledActionName")]
    pub scheduled_action_name: String,
}

wire::string_enum! {
    /// `DeletionProtection`: one of the model's values, or one it does not name.
    DeletionProtection {
        None = "none",
        PreventForceDeletion = "prevent-force-deletion",
        PreventAllDeletion = "prevent-all-deletion",
    }
}

/// `Ebs`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ebs {
    #[serde(rename = "DeleteOnTermination", default, skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
    #[serde(rename = "Encrypted", default, skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<bool>,
    #[serde(rename = "Iops", default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<i32>,
    #[serde(rename = "SnapshotId", default, skip_serializing_if = "Option::is_none")]
    pub snapshot_id: Option<String>,
    #[serde(rename = "Throughput", default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<i32>,
    #[serde(rename = "VolumeSize", default, skip_serializing_if = "Option::is_none")]
    pub volume_size: Option<i32>,
    #[serde(rename = "VolumeType", default, skip_serializing_if = "Option::is_none")]
    pub volume_type: Option<String>,
}

/// `EnableMetricsCollectionQuery`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnableMetricsCollectionQuery {
    #[serde(rename = "AutoScalingGroupName")]
    pub auto_scaling_group_name: String,
    #[serde(rename = "Granularity")]
    pub granularity: String,
    #[serde(rename = "Metrics", default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Vec<String>>,
}

/// `EnabledMetric`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnabledMetric {
    #[serde(rename = "Granularity", default, skip_serializing_if = "Option::is_none")]
    pub granularity: Option<String>,
    #[serde(rename = "Metric", default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
}

/// `Filter`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "Values", default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
}

wire::string_enum! {
    /// `ImpairedZoneHealthCheckBehavior`: one of the model's values, or one it does not name.
    ImpairedZoneHealthCheckBehavior {
        ReplaceUnhealthy = "ReplaceUnhealthy",
        IgnoreUnhealthy = "IgnoreUnhealthy",
    }
}

/// `Instance`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    #[serde(rename = "AvailabilityZone")]
    pub availability_zone: String,
    #[serde(rename = "AvailabilityZoneId", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_id: Option<String>,
    #[serde(rename = "HealthStatus")]
    pub health_status: String,
    #[serde(rename = "ImageId", default, skip_serializing_if = "Option::is_none")]
    pub image_id: Option<String>,
    #[serde(rename = "InstanceId")]
    pub instance_id: String,
    #[serde(rename = "InstanceType", default, skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    #[serde(rename = "LaunchConfigurationName", default, skip_serializing_if = "Option::is_none")]
    pub launch_configuration_name: Option<String>,
    #[serde(rename = "LaunchTemplate", default, skip_serializing_if = "Option::is_none")]
    pub launch_template: Option<LaunchTemplateSpecification>,
    #[serde(rename = "LifecycleState")]
    pub lifecycle_state: LifecycleState,
    #[serde(rename = "ProtectedFromScaleIn")]
    pub protected_from_scale_in: bool,
    #[serde(rename = "WeightedCapacity", default, skip_serializing_if = "Option::is_none")]
    pub weighted_capacity: Option<String>,
}

wire::string_enum! {
    /// `InstanceGeneration`: one of the model's values, or one it does not name.
    InstanceGeneration {
        Current = "current",
        Previous = "previous",
    }
}

/// `InstanceLifecyclePolicy`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceLifecyclePolicy {
    #[serde(rename = "RetentionTriggers", default, skip_serializing_if = "Option::is_none")]
    pub retention_triggers: Option<RetentionTriggers>,
}

/// `InstanceMaintenancePolicy`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceMaintenancePolicy {
    #[serde(rename = "MaxHealthyPercentage", default, skip_serializing_if = "Option::is_none")]
    pub max_healthy_percentage: Option<i32>,
    #[serde(rename = "MinHealthyPercentage", default, skip_serializing_if = "Option::is_none")]
    pub min_healthy_percentage: Option<i32>,
}

wire::string_enum! {
    /// `InstanceMetadataEndpointState`: one of the model's values, or one it does not name.
    InstanceMetadataEndpointState {
        Disabled = "disabled",
        Enabled = "enabled",
    }
}

wire::string_enum! {
    /// `InstanceMetadataHttpTokensState`: one of the model's values, or one it does not name.
    InstanceMetadataHttpTokensState {
        Optional = "optional",
        Required = "required",
    }
}

/// `InstanceMetadataOptions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceMetadataOptions {
    #[serde(rename = "HttpEndpoint", default, skip_serializing_if = "Option::is_none")]
    pub http_endpoint: Option<InstanceMetadataEndpointState>,
    #[serde(rename = "HttpPutResponseHopLimit", default, skip_serializing_if = "Option::is_none")]
    pub http_put_response_hop_limit: Option<i32>,
    #[serde(rename = "HttpTokens", default, skip_serializing_if = "Option::is_none")]
    pub http_tokens: Option<InstanceMetadataHttpTokensState>,
}

/// `InstanceMonitoring`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceMonitoring {
    #[serde(rename = "Enabled", default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// `InstanceRequirements`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceRequirements {
    #[serde(rename = "AcceleratorCount", default, skip_serializing_if = "Option::is_none")]
    pub accelerator_count: Option<AcceleratorCountRequest>,
    #[serde(rename = "AcceleratorManufacturers", default, skip_serializing_if = "Option::is_none")]
    pub accelerator_manufacturers: Option<Vec<AcceleratorManufacturer>>,
    #[serde(rename = "AcceleratorNames", default, skip_serializing_if = "Option::is_none")]
    pub accelerator_names: Option<Vec<AcceleratorName>>,
    #[serde(rename = "AcceleratorTotalMemoryMiB", default, skip_serializing_if = "Option::is_none")]
    pub accelerator_total_memory_mi_b: Option<AcceleratorTotalMemoryMiBRequest>,
    #[serde(rename = "AcceleratorTypes", default, skip_serializing_if = "Option::is_none")]
    pub accelerator_types: Option<Vec<AcceleratorType>>,
    #[serde(rename = "AllowedInstanceTypes", default, skip_serializing_if = "Option::is_none")]
    pub allowed_instance_types: Option<Vec<String>>,
    #[serde(rename = "BareMetal", default, skip_serializing_if = "Option::is_none")]
    pub bare_metal: Option<BareMetal>,
    #[serde(rename = "BaselineEbsBandwidthMbps", default, skip_serializing_if = "Option::is_none")]
    pub baseline_ebs_bandwidth_mbps: Option<BaselineEbsBandwidthMbpsRequest>,
    #[serde(rename = "BaselinePerformanceFactors", default, skip_serializing_if = "Option::is_none")]
    pub baseline_performance_factors: Option<BaselinePerformanceFactorsRequest>,
    #[serde(rename = "BurstablePerformance", default, skip_serializing_if = "Option::is_none")]
    pub burstable_performance: Option<BurstablePerformance>,
    #[serde(rename = "CpuManufacturers", default, skip_serializing_if = "Option::is_none")]
    pub cpu_manufacturers: Option<Vec<CpuManufacturer>>,
    #[serde(rename = "ExcludedInstanceTypes", default, skip_serializing_if = "Option::is_none")]
    pub excluded_instance_types: Option<Vec<String>>,
    #[serde(rename = "InstanceGenerations", default, skip_serializing_if = "Option::is_none")]
    pub instance_generations: Option<Vec<InstanceGeneration>>,
    #[serde(rename = "LocalStorage", default, skip_serializing_if = "Option::is_none")]
    pub local_storage: Option<LocalStorage>,
    #[serde(rename = "LocalStorageTypes", default, skip_serializing_if = "Option::is_none")]
    pub local_storage_types: Option<Vec<LocalStorageType>>,
    #[serde(
        rename = "MaxSpotPriceAsPercentageOfOptimalOnDemandPrice",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_spot_price_as_percentage_of_optimal_on_demand_price: Option<i32>,
    #[serde(rename = "MemoryGiBPerVCpu", default, skip_serializing_if = "Option::is_none")]
    pub memory_gi_b_per_v_cpu: Option<MemoryGiBPerVCpuRequest>,
    #[serde(rename = "MemoryMiB")]
    pub memory_mi_b: MemoryMiBRequest,
    #[serde(rename = "NetworkBandwidthGbps", default, skip_serializing_if = "Option::is_none")]
    pub network_bandwidth_gbps: Option<NetworkBandwidthGbpsRequest>,
    #[serde(rename = "NetworkInterfaceCount", default, skip_serializing_if = "Option::is_none")]
    pub network_interface_count: Option<NetworkInterfaceCountRequest>,
    #[serde(rename = "OnDemandMaxPricePercentageOverLowestPrice", default, skip_serializing_if = "Option::is_none")]
    pub on_demand_max_price_percentage_over_lowest_price: Option<i32>,
    #[serde(rename = "RequireHibernateSupport", default, skip_serializing_if = "Option::is_none")]
    pub require_hibernate_support: Option<bool>,
    #[serde(rename = "SpotMaxPricePercentageOverLowestPrice", default, skip_serializing_if = "Option::is_none")]
    pub spot_max_price_percentage_over_lowest_price: Option<i32>,
    #[serde(rename = "TotalLocalStorageGB", default, skip_serializing_if = "Option::is_none")]
    pub total_local_storage_gb: Option<TotalLocalStorageGBRequest>,
    #[serde(rename = "VCpuCount")]
    pub v_cpu_count: VCpuCountRequest,
}

/// `InstanceReusePolicy`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceReusePolicy {
    #[serde(rename = "ReuseOnScaleIn", default, skip_serializing_if = "Option::is_none")]
    pub reuse_on_scale_in: Option<bool>,
}

/// `InstancesDistribution`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstancesDistribution {
    #[serde(rename = "OnDemandAllocationStrategy", default, skip_serializing_if = "Option::is_none")]
    pub on_demand_allocation_strategy: Option<String>,
    #[serde(rename = "OnDemandBaseCapacity", default, skip_serializing_if = "Option::is_none")]
    pub on_demand_base_capacity: Option<i32>,
    #[serde(rename = "OnDemandPercentageAboveBaseCapacity", default, skip_serializing_if = "Option::is_none")]
    pub on_demand_percentage_above_base_capacity: Option<i32>,
    #[serde(rename = "SpotAllocationStrategy", default, skip_serializing_if = "Option::is_none")]
    pub spot_allocation_strategy: Option<String>,
    #[serde(rename = "SpotInstancePools", default, skip_serializing_if = "Option::is_none")]
    pub spot_instance_pools: Option<i32>,
    #[serde(rename = "SpotMaxPrice", default, skip_serializing_if = "Option::is_none")]
    pub spot_max_price: Option<String>,
}

/// `LaunchConfigurationNameType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LaunchConfigurationNameType {
    #[serde(rename = "LaunchConfigurationName")]
    pub launch_configuration_name: String,
}

/// `LaunchTemplate`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LaunchTemplate {
    #[serde(rename = "LaunchTemplateSpecification", default, skip_serializing_if = "Option::is_none")]
    pub launch_template_specification: Option<LaunchTemplateSpecification>,
    #[serde(rename = "Overrides", default, skip_serializing_if = "Option::is_none")]
    pub overrides: Option<Vec<LaunchTemplateOverrides>>,
}

/// `LaunchTemplateOverrides`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LaunchTemplateOverrides {
    #[serde(rename = "ImageId", default, skip_serializing_if = "Option::is_none")]
    pub image_id: Option<String>,
    #[serde(rename = "InstanceRequirements", default, skip_serializing_if = "Option::is_none")]
    pub instance_requirements: Option<InstanceRequirements>,
    #[serde(rename = "InstanceType", default, skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    #[serde(rename = "LaunchTemplateSpecification", default, skip_serializing_if = "Option::is_none")]
    pub launch_template_specification: Option<LaunchTemplateSpecification>,
    #[serde(rename = "WeightedCapacity", default, skip_serializing_if = "Option::is_none")]
    pub weighted_capacity: Option<String>,
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

/// `LifecycleHookSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LifecycleHookSpecification {
    #[serde(rename = "DefaultResult", default, skip_serializing_if = "Option::is_none")]
    pub default_result: Option<String>,
    #[serde(rename = "HeartbeatTimeout", default, skip_serializing_if = "Option::is_none")]
    pub heartbeat_timeout: Option<i32>,
    #[serde(rename = "LifecycleHookName")]
    pub lifecycle_hook_name: String,
    #[serde(rename = "LifecycleTransition")]
    pub lifecycle_transition: String,
    #[serde(rename = "NotificationMetadata", default, skip_serializing_if = "Option::is_none")]
    pub notification_metadata: Option<String>,
    #[serde(rename = "NotificationTargetARN", default, skip_serializing_if = "Option::is_none")]
    pub notification_target_arn: Option<String>,
    #[serde(rename = "RoleARN", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
}

wire::string_enum! {
    /// `LifecycleState`: one of the model's values, or one it does not name.
    LifecycleState {
        Pending = "Pending",
        PendingWait = "Pending:Wait",
        PendingProceed = "Pending:Proceed",
        Quarantined = "Quarantined",
        InService = "InService",
        Terminating = "Terminating",
        TerminatingWait = "Terminating:Wait",
        TerminatingProceed = "Terminating:Proceed",
        TerminatingRetained = "Terminating:Retained",
        Terminated = "Terminated",
        Detaching = "Detaching",
        Detached = "Detached",
        EnteringStandby = "EnteringStandby",
        Standby = "Standby",
        ReplacingRootVolume = "ReplacingRootVolume",
        ReplacingRootVolumeWait = "ReplacingRootVolume:Wait",
        ReplacingRootVolumeProceed = "ReplacingRootVolume:Proceed",
        RootVolumeReplaced = "RootVolumeReplaced",
        WarmedPending = "Warmed:Pending",
        WarmedPendingWait = "Warmed:Pending:Wait",
        WarmedPendingProceed = "Warmed:Pending:Proceed",
        WarmedPendingRetained = "Warmed:Pending:Retained",
        WarmedTerminating = "Warmed:Terminating",
        WarmedTerminatingWait = "Warmed:Terminating:Wait",
        WarmedTerminatingProceed = "Warmed:Terminating:Proceed",
        WarmedTerminatingRetained = "Warmed:Terminating:Retained",
        WarmedTerminated = "Warmed:Terminated",
        WarmedStopped = "Warmed:Stopped",
        WarmedRunning = "Warmed:Running",
        WarmedHibernated = "Warmed:Hibernated",
    }
}

wire::string_enum! {
    /// `LocalStorage`: one of the model's values, or one it does not name.
    LocalStorage {
        Included = "included",
        Excluded = "excluded",
        Required = "required",
    }
}

wire::string_enum! {
    /// `LocalStorageType`: one of the model's values, or one it does not name.
    LocalStorageType {
        Hdd = "hdd",
        Ssd = "ssd",
    }
}

/// `MemoryGiBPerVCpuRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MemoryGiBPerVCpuRequest {
    #[serde(rename = "Max", default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(rename = "Min", default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
}

/// `MemoryMiBRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MemoryMiBRequest {
    #[serde(rename = "Max", default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i32>,
    #[serde(rename = "Min")]
    pub min: i32,
}

/// `Metric`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    #[serde(rename = "Dimensions", default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<Vec<MetricDimension>>,
    #[serde(rename = "MetricName")]
    pub metric_name: String,
    #[serde(rename = "Namespace")]
    pub namespace: String,
}

/// `MetricDataQuery`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricDataQuery {
    #[serde(rename = "Expression", default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "Label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(rename = "MetricStat", default, skip_serializing_if = "Option::is_none")]
    pub metric_stat: Option<MetricStat>,
    #[serde(rename = "ReturnData", default, skip_serializing_if = "Option::is_none")]
    pub return_data: Option<bool>,
}

/// `MetricDimension`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricDimension {
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Value")]
    pub value: String,
}

/// `MetricStat`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricStat {
    #[serde(rename = "Metric")]
    pub metric: Metric,
    #[serde(rename = "Stat")]
    pub stat: String,
    #[serde(rename = "Unit", default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

wire::string_enum! {
    /// `MetricStatistic`: one of the model's values, or one it does not name.
    MetricStatistic {
        Average = "Average",
        Minimum = "Minimum",
        Maximum = "Maximum",
        SampleCount = "SampleCount",
        Sum = "Sum",
    }
}

wire::string_enum! {
    /// `MetricType`: one of the model's values, or one it does not name.
    MetricType {
        ASGAverageCPUUtilization = "ASGAverageCPUUtilization",
        ASGAverageNetworkIn = "ASGAverageNetworkIn",
        ASGAverageNetworkOut = "ASGAverageNetworkOut",
        ALBRequestCountPerTarget = "ALBRequestCountPerTarget",
    }
}

/// `MixedInstancesPolicy`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MixedInstancesPolicy {
    #[serde(rename = "InstancesDistribution", default, skip_serializing_if = "Option::is_none")]
    pub instances_distribution: Option<InstancesDistribution>,
    #[serde(rename = "LaunchTemplate", default, skip_serializing_if = "Option::is_none")]
    pub launch_template: Option<LaunchTemplate>,
}

/// `NetworkBandwidthGbpsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkBandwidthGbpsRequest {
    #[serde(rename = "Max", default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(rename = "Min", default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
}

/// `NetworkInterfaceCountRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkInterfaceCountRequest {
    #[serde(rename = "Max", default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i32>,
    #[serde(rename = "Min", default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i32>,
}

/// `PerformanceFactorReferenceRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PerformanceFactorReferenceRequest {
    #[serde(rename = "InstanceFamily", default, skip_serializing_if = "Option::is_none")]
    pub instance_family: Option<String>,
}

/// `PolicyARNType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PolicyARNType {
    #[serde(rename = "Alarms", default, skip_serializing_if = "Option::is_none")]
    pub alarms: Option<Vec<Alarm>>,
    #[serde(rename = "PolicyARN", default, skip_serializing_if = "Option::is_none")]
    pub policy_arn: Option<String>,
}

wire::string_enum! {
    /// `PredefinedLoadMetricType`: one of the model's values, or one it does not name.
    PredefinedLoadMetricType {
        ASGTotalCPUUtilization = "ASGTotalCPUUtilization",
        ASGTotalNetworkIn = "ASGTotalNetworkIn",
        ASGTotalNetworkOut = "ASGTotalNetworkOut",
        ALBTargetGroupRequestCount = "ALBTargetGroupRequestCount",
    }
}

wire::string_enum! {
    /// `PredefinedMetricPairType`: one of the model's values, or one it does not name.
    PredefinedMetricPairType {
        ASGCPUUtilization = "ASGCPUUtilization",
        ASGNetworkIn = "ASGNetworkIn",
        ASGNetworkOut = "ASGNetworkOut",
        ALBRequestCount = "ALBRequestCount",
    }
}

/// `PredefinedMetricSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PredefinedMetricSpecification {
    #[serde(rename = "PredefinedMetricType")]
    pub predefined_metric_type: MetricType,
    #[serde(rename = "ResourceLabel", default, skip_serializing_if = "Option::is_none")]
    pub resource_label: Option<String>,
}

wire::string_enum! {
    /// `PredefinedScalingMetricType`: one of the model's values, or one it does not name.
    PredefinedScalingMetricType {
        ASGAverageCPUUtilization = "ASGAverageCPUUtilization",
        ASGAverageNetworkIn = "ASGAverageNetworkIn",
        ASGAverageNetworkOut = "ASGAverageNetworkOut",
        ALBRequestCountPerTarget = "ALBRequestCountPerTarget",
    }
}

/// `PredictiveScalingConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PredictiveScalingConfiguration {
    #[serde(rename = "MaxCapacityBreachBehavior", default, skip_serializing_if = "Option::is_none")]
    pub max_capacity_breach_behavior: Option<PredictiveScalingMaxCapacityBreachBehavior>,
    #[serde(rename = "MaxCapacityBuffer", default, skip_serializing_if = "Option::is_none")]
    pub max_capacity_buffer: Option<i32>,
    #[serde(rename = "MetricSpecifications")]
    pub metric_specifications: Vec<PredictiveScalingMetricSpecification>,
    #[serde(rename = "Mode", default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<PredictiveScalingMode>,
    #[serde(rename = "SchedulingBufferTime", default, skip_serializing_if = "Option::is_none")]
    pub scheduling_buffer_time: Option<i32>,
}

/// `PredictiveScalingCustomizedCapacityMetric`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PredictiveScalingCustomizedCapacityMetric {
    #[serde(rename = "MetricDataQueries")]
    pub metric_data_queries: Vec<MetricDataQuery>,
}

/// `PredictiveScalingCustomizedLoadMetric`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PredictiveScalingCustomizedLoadMetric {
    #[serde(rename = "MetricDataQueries")]
    pub metric_data_queries: Vec<MetricDataQuery>,
}

/// `PredictiveScalingCustomizedScalingMetric`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PredictiveScalingCustomizedScalingMetric {
    #[serde(rename = "MetricDataQueries")]
    pub metric_data_queries: Vec<MetricDataQuery>,
}

wire::string_enum! {
    /// `PredictiveScalingMaxCapacityBreachBehavior`: one of the model's values, or one it does not name.
    PredictiveScalingMaxCapacityBreachBehavior {
        HonorMaxCapacity = "HonorMaxCapacity",
        IncreaseMaxCapacity = "IncreaseMaxCapacity",
    }
}

/// `PredictiveScalingMetricSpecification`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PredictiveScalingMetricSpecification {
    #[serde(rename = "CustomizedCapacityMetricSpecification", default, skip_serializing_if = "Option::is_none")]
    pub customized_capacity_metric_specification: Option<PredictiveScalingCustomizedCapacityMetric>,
    #[serde(rename = "CustomizedLoadMetricSpecification", default, skip_serializing_if = "Option::is_none")]
    pub customized_load_metric_specification: Option<PredictiveScalingCustomizedLoadMetric>,
    #[serde(rename = "CustomizedScalingMetricSpecification", default, skip_serializing_if = "Option::is_none")]
    pub customized_scaling_metric_specification: Option<PredictiveScalingCustomizedScalingMetric>,
    #[serde(rename = "PredefinedLoadMetricSpecification", default, skip_serializing_if = "Option::is_none")]
    pub predefined_load_metric_specification: Option<PredictiveScalingPredefinedLoadMetric>,
    #[serde(rename = "PredefinedMetricPairSpecification", default, skip_serializing_if = "Option::is_none")]
    pub predefined_metric_pair_specification: Option<PredictiveScalingPredefinedMetricPair>,
    #[serde(rename = "PredefinedScalingMetricSpecification", default, skip_serializing_if = "Option::is_none")]
    pub predefined_scaling_metric_specification: Option<PredictiveScalingPredefinedScalingMetric>,
    #[serde(rename = "TargetValue")]
    pub target_value: f64,
}

wire::string_enum! {
    /// `PredictiveScalingMode`: one of the model's values, or one it does not name.
    PredictiveScalingMode {
        ForecastAndScale = "ForecastAndScale",
        ForecastOnly = "ForecastOnly",
    }
}

/// `PredictiveScalingPredefinedLoadMetric`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PredictiveScalingPredefinedLoadMetric {
    #[serde(rename = "PredefinedMetricType")]
    pub predefined_metric_type: PredefinedLoadMetricType,
    #[serde(rename = "ResourceLabel", default, skip_serializing_if = "Option::is_none")]
    pub resource_label: Option<String>,
}

/// `PredictiveScalingPredefinedMetricPair`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PredictiveScalingPredefinedMetricPair {
    #[serde(rename = "PredefinedMetricType")]
    pub predefined_metric_type: PredefinedMetricPairType,
    #[serde(rename = "ResourceLabel", default, skip_serializing_if = "Option::is_none")]
    pub resource_label: Option<String>,
}

/// `PredictiveScalingPredefinedScalingMetric`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PredictiveScalingPredefinedScalingMetric {
    #[serde(rename = "PredefinedMetricType")]
    pub predefined_metric_type: PredefinedScalingMetricType,
    #[serde(rename = "ResourceLabel", default, skip_serializing_if = "Option::is_none")]
    pub resource_label: Option<String>,
}

/// `PutNotificationConfigurationType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PutNotificationConfigurationType {
    #[serde(rename = "AutoScalingGroupName")]
    pub auto_scaling_group_name: String,
    #[serde(rename = "NotificationTypes")]
    pub notification_types: Vec<String>,
    #[serde(rename = "TopicARN")]
    pub topic_arn: String,
}

/// `PutScalingPolicyType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PutScalingPolicyType {
    #[serde(rename = "AdjustmentType", default, skip_serializing_if = "Option::is_none")]
    pub adjustment_type: Option<String>,
    #[serde(rename = "AutoScalingGroupName")]
    pub auto_scaling_group_name: String,
    #[serde(rename = "Cooldown", default, skip_serializing_if = "Option::is_none")]
    pub cooldown: Option<i32>,
    #[serde(rename = "Enabled", default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(rename = "EstimatedInstanceWarmup", default, skip_serializing_if = "Option::is_none")]
    pub estimated_instance_warmup: Option<i32>,
    #[serde(rename = "MetricAggregationType", default, skip_serializing_if = "Option::is_none")]
    pub metric_aggregation_type: Option<String>,
    #[serde(rename = "MinAdjustmentMagnitude", default, skip_serializing_if = "Option::is_none")]
    pub min_adjustment_magnitude: Option<i32>,
    #[serde(rename = "MinAdjustmentStep", default, skip_serializing_if = "Option::is_none")]
    pub min_adjustment_step: Option<i32>,
    #[serde(rename = "PolicyName")]
    pub policy_name: String,
    #[serde(rename = "PolicyType", default, skip_serializing_if = "Option::is_none")]
    pub policy_type: Option<String>,
    #[serde(rename = "PredictiveScalingConfiguration", default, skip_serializing_if = "Option::is_none")]
    pub predictive_scaling_configuration: Option<PredictiveScalingConfiguration>,
    #[serde(rename = "ScalingAdjustment", default, skip_serializing_if = "Option::is_none")]
    pub scaling_adjustment: Option<i32>,
    #[serde(rename = "StepAdjustments", default, skip_serializing_if = "Option::is_none")]
    pub step_adjustments: Option<Vec<StepAdjustment>>,
    #[serde(rename = "TargetTrackingConfiguration", default, skip_serializing_if = "Option::is_none")]
    pub target_tracking_configuration: Option<TargetTrackingConfiguration>,
}

/// `PutScheduledUpdateGroupActionType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PutScheduledUpdateGroupActionType {
    #[serde(rename = "AutoScalingGroupName")]
    pub auto_scaling_group_name: String,
    #[serde(rename = "DesiredCapacity", default, skip_serializing_if = "Option::is_none")]
    pub desired_capacity: Option<i32>,
    #[serde(rename = "EndTime", default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Timestamp>,
    #[serde(rename = "MaxSize", default, skip_serializing_if = "Option::is_none")]
    pub max_size: Option<i32>,
    #[serde(rename = "MinSize", default, skip_serializing_if = "Option::is_none")]
    pub min_size: Option<i32>,
    #[serde(rename = "Recurrence", default, skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<String>,
    #[serde(rename = "ScheduledActionName")]
    pub scheduled_action_name: String,
    #[serde(rename = "StartTime", default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    #[serde(rename = "Time", default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Timestamp>,
    #[serde(rename = "TimeZone", default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

wire::string_enum! {
    /// `RetentionAction`: one of the model's values, or one it does not name.
    RetentionAction {
        Retain = "retain",
        Terminate = "terminate",
    }
}

/// `RetentionTriggers`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RetentionTriggers {
    #[serde(rename = "TerminateHookAbandon", default, skip_serializing_if = "Option::is_none")]
    pub terminate_hook_abandon: Option<RetentionAction>,
}

/// `StepAdjustment`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepAdjustment {
    #[serde(rename = "MetricIntervalLowerBound", default, skip_serializing_if = "Option::is_none")]
    pub metric_interval_lower_bound: Option<f64>,
    #[serde(rename = "MetricIntervalUpperBound", default, skip_serializing_if = "Option::is_none")]
    pub metric_interval_upper_bound: Option<f64>,
    #[serde(rename = "ScalingAdjustment")]
    pub scaling_adjustment: i32,
}

/// `SuspendedProcess`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SuspendedProcess {
    #[serde(rename = "ProcessName", default, skip_serializing_if = "Option::is_none")]
    pub process_name: Option<String>,
    #[serde(rename = "SuspensionReason", default, skip_serializing_if = "Option::is_none")]
    pub suspension_reason: Option<String>,
}

/// `Tag`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    #[serde(rename = "Key")]
    pub key: String,
    #[serde(rename = "PropagateAtLaunch", default, skip_serializing_if = "Option::is_none")]
    pub propagate_at_launch: Option<bool>,
    #[serde(rename = "ResourceId", default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    #[serde(rename = "ResourceType", default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    #[serde(rename = "Value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// `TagDescription`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TagDescription {
    #[serde(rename = "Key", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(rename = "PropagateAtLaunch", default, skip_serializing_if = "Option::is_none")]
    pub propagate_at_launch: Option<bool>,
    #[serde(rename = "ResourceId", default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    #[serde(rename = "ResourceType", default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    #[serde(rename = "Value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// `TargetTrackingConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetTrackingConfiguration {
    #[serde(rename = "CustomizedMetricSpecification", default, skip_serializing_if = "Option::is_none")]
    pub customized_metric_specification: Option<CustomizedMetricSpecification>,
    #[serde(rename = "DisableScaleIn", default, skip_serializing_if = "Option::is_none")]
    pub disable_scale_in: Option<bool>,
    #[serde(rename = "PredefinedMetricSpecification", default, skip_serializing_if = "Option::is_none")]
    pub predefined_metric_specification: Option<PredefinedMetricSpecification>,
    #[serde(rename = "TargetValue")]
    pub target_value: f64,
}

/// `TargetTrackingMetricDataQuery`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetTrackingMetricDataQuery {
    #[serde(rename = "Expression", default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "Label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(rename = "MetricStat", default, skip_serializing_if = "Option::is_none")]
    pub metric_stat: Option<TargetTrackingMetricStat>,
    #[serde(rename = "Period", default, skip_serializing_if = "Option::is_none")]
    pub period: Option<i32>,
    #[serde(rename = "ReturnData", default, skip_serializing_if = "Option::is_none")]
    pub return_data: Option<bool>,
}

/// `TargetTrackingMetricStat`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetTrackingMetricStat {
    #[serde(rename = "Metric")]
    pub metric: Metric,
    #[serde(rename = "Period", default, skip_serializing_if = "Option::is_none")]
    pub period: Option<i32>,
    #[serde(rename = "Stat")]
    pub stat: String,
    #[serde(rename = "Unit", default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// `TotalLocalStorageGBRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TotalLocalStorageGBRequest {
    #[serde(rename = "Max", default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(rename = "Min", default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
}

/// `TrafficSourceIdentifier`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrafficSourceIdentifier {
    #[serde(rename = "Identifier")]
    pub identifier: String,
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
}

/// `UpdateAutoScalingGroupType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateAutoScalingGroupType {
    #[serde(rename = "AutoScalingGroupName")]
    pub auto_scaling_group_name: String,
    #[serde(rename = "AvailabilityZoneDistribution", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_distribution: Option<AvailabilityZoneDistribution>,
    #[serde(rename = "AvailabilityZoneIds", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_ids: Option<Vec<String>>,
    #[serde(rename = "AvailabilityZoneImpairmentPolicy", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_impairment_policy: Option<AvailabilityZoneImpairmentPolicy>,
    #[serde(rename = "AvailabilityZones", default, skip_serializing_if = "Option::is_none")]
    pub availability_zones: Option<Vec<String>>,
    #[serde(rename = "CapacityRebalance", default, skip_serializing_if = "Option::is_none")]
    pub capacity_rebalance: Option<bool>,
    #[serde(rename = "CapacityReservationSpecification", default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_specification: Option<CapacityReservationSpecification>,
    #[serde(rename = "Context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    #[serde(rename = "DefaultCooldown", default, skip_serializing_if = "Option::is_none")]
    pub default_cooldown: Option<i32>,
    #[serde(rename = "DefaultInstanceWarmup", default, skip_serializing_if = "Option::is_none")]
    pub default_instance_warmup: Option<i32>,
    #[serde(rename = "DeletionProtection", default, skip_serializing_if = "Option::is_none")]
    pub deletion_protection: Option<DeletionProtection>,
    #[serde(rename = "DesiredCapacity", default, skip_serializing_if = "Option::is_none")]
    pub desired_capacity: Option<i32>,
    #[serde(rename = "DesiredCapacityType", default, skip_serializing_if = "Option::is_none")]
    pub desired_capacity_type: Option<String>,
    #[serde(rename = "HealthCheckGracePeriod", default, skip_serializing_if = "Option::is_none")]
    pub health_check_grace_period: Option<i32>,
    #[serde(rename = "HealthCheckType", default, skip_serializing_if = "Option::is_none")]
    pub health_check_type: Option<String>,
    #[serde(rename = "InstanceLifecyclePolicy", default, skip_serializing_if = "Option::is_none")]
    pub instance_lifecycle_policy: Option<InstanceLifecyclePolicy>,
    #[serde(rename = "InstanceMaintenancePolicy", default, skip_serializing_if = "Option::is_none")]
    pub instance_maintenance_policy: Option<InstanceMaintenancePolicy>,
    #[serde(rename = "LaunchConfigurationName", default, skip_serializing_if = "Option::is_none")]
    pub launch_configuration_name: Option<String>,
    #[serde(rename = "LaunchTemplate", default, skip_serializing_if = "Option::is_none")]
    pub launch_template: Option<LaunchTemplateSpecification>,
    #[serde(rename = "MaxInstanceLifetime", default, skip_serializing_if = "Option::is_none")]
    pub max_instance_lifetime: Option<i32>,
    #[serde(rename = "MaxSize", default, skip_serializing_if = "Option::is_none")]
    pub max_size: Option<i32>,
    #[serde(rename = "MinSize", default, skip_serializing_if = "Option::is_none")]
    pub min_size: Option<i32>,
    #[serde(rename = "MixedInstancesPolicy", default, skip_serializing_if = "Option::is_none")]
    pub mixed_instances_policy: Option<MixedInstancesPolicy>,
    #[serde(rename = "NewInstancesProtectedFromScaleIn", default, skip_serializing_if = "Option::is_none")]
    pub new_instances_protected_from_scale_in: Option<bool>,
    #[serde(rename = "PlacementGroup", default, skip_serializing_if = "Option::is_none")]
    pub placement_group: Option<String>,
    #[serde(rename = "ServiceLinkedRoleARN", default, skip_serializing_if = "Option::is_none")]
    pub service_linked_role_arn: Option<String>,
    #[serde(rename = "SkipZonalShiftValidation", default, skip_serializing_if = "Option::is_none")]
    pub skip_zonal_shift_validation: Option<bool>,
    #[serde(rename = "TerminationPolicies", default, skip_serializing_if = "Option::is_none")]
    pub termination_policies: Option<Vec<String>>,
    #[serde(rename = "VPCZoneIdentifier", default, skip_serializing_if = "Option::is_none")]
    pub vpc_zone_identifier: Option<String>,
}

/// `VCpuCountRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VCpuCountRequest {
    #[serde(rename = "Max", default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i32>,
    #[serde(rename = "Min")]
    pub min: i32,
}

/// `WarmPoolConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WarmPoolConfiguration {
    #[serde(rename = "InstanceReusePolicy", default, skip_serializing_if = "Option::is_none")]
    pub instance_reuse_policy: Option<InstanceReusePolicy>,
    #[serde(rename = "MaxGroupPreparedCapacity", default, skip_serializing_if = "Option::is_none")]
    pub max_group_prepared_capacity: Option<i32>,
    #[serde(rename = "MinSize", default, skip_serializing_if = "Option::is_none")]
    pub min_size: Option<i32>,
    #[serde(rename = "PoolState", default, skip_serializing_if = "Option::is_none")]
    pub pool_state: Option<WarmPoolState>,
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<WarmPoolStatus>,
}

wire::string_enum! {
    /// `WarmPoolState`: one of the model's values, or one it does not name.
    WarmPoolState {
        Stopped = "Stopped",
        Running = "Running",
        Hibernated = "Hibernated",
    }
}

wire::string_enum! {
    /// `WarmPoolStatus`: one of the model's values, or one it does not name.
    WarmPoolStatus {
        PendingDelete = "PendingDelete",
    }
}

/// One call of an operation this service implements, with its typed input.
#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    CreateAutoScalingGroup(CreateAutoScalingGroupType),
    UpdateAutoScalingGroup(UpdateAutoScalingGroupType),
    DeleteAutoScalingGroup(DeleteAutoScalingGroupType),
    DescribeAutoScalingGroups(AutoScalingGroupNamesType),
    EnableMetricsCollection(EnableMetricsCollectionQuery),
    PutNotificationConfiguration(PutNotificationConfigurationType),
    PutScalingPolicy(PutScalingPolicyType),
    DeletePolicy(DeletePolicyType),
    PutScheduledUpdateGroupAction(PutScheduledUpdateGroupActionType),
    DeleteScheduledAction(DeleteScheduledActionType),
    CreateLaunchConfiguration(CreateLaunchConfigurationType),
    DeleteLaunchConfiguration(LaunchConfigurationNameType),
}
impl Operation {
    /// The operations' names, as the model spells them.
    pub const NAMES: &'static [&'static str] = &[
        "CreateAutoScalingGroup",
        "UpdateAutoScalingGroup",
        "DeleteAutoScalingGroup",
        "DescribeAutoScalingGroups",
        "EnableMetricsCollection",
        "PutNotificationConfiguration",
        "PutScalingPolicy",
        "DeletePolicy",
        "PutScheduledUpdateGroupAction",
        "DeleteScheduledAction",
        "CreateLaunchConfiguration",
        "DeleteLaunchConfiguration",
    ];

    /// The typed call from the wire layer's decoded, validated input; `None` for an operation
    /// of the model this service does not implement.
    pub fn parse(name: &str, input: Value) -> Result<Option<Operation>, ApiError> {
        Ok(Some(match name {
            "CreateAutoScalingGroup" => Operation::CreateAutoScalingGroup(wire::typed::input(input)?),
            "UpdateAutoScalingGroup" => Operation::UpdateAutoScalingGroup(wire::typed::input(input)?),
            "DeleteAutoScalingGroup" => Operation::DeleteAutoScalingGroup(wire::typed::input(input)?),
            "DescribeAutoScalingGroups" => Operation::DescribeAutoScalingGroups(wire::typed::input(input)?),
            "EnableMetricsCollection" => Operation::EnableMetricsCollection(wire::typed::input(input)?),
            "PutNotificationConfiguration" => Operation::PutNotificationConfiguration(wire::typed::input(input)?),
            "PutScalingPolicy" => Operation::PutScalingPolicy(wire::typed::input(input)?),
            "DeletePolicy" => Operation::DeletePolicy(wire::typed::input(input)?),
            "PutScheduledUpdateGroupAction" => Operation::PutScheduledUpdateGroupAction(wire::typed::input(input)?),
            "DeleteScheduledAction" => Operation::DeleteScheduledAction(wire::typed::input(input)?),
            "CreateLaunchConfiguration" => Operation::CreateLaunchConfiguration(wire::typed::input(input)?),
            "DeleteLaunchConfiguration" => Operation::DeleteLaunchConfiguration(wire::typed::input(input)?),
            _ => return Ok(None),
        }))
    }

    pub fn name(&self) -> &'static str {
        match self {
            Operation::CreateAutoScalingGroup(_) => "CreateAutoScalingGroup",
            Operation::UpdateAutoScalingGroup(_) => "UpdateAutoScalingGroup",
            Operation::DeleteAutoScalingGroup(_) => "DeleteAutoScalingGroup",
            Operation::DescribeAutoScalingGroups(_) => "DescribeAutoScalingGroups",
            Operation::EnableMetricsCollection(_) => "EnableMetricsCollection",
            Operation::PutNotificationConfiguration(_) => "PutNotificationConfiguration",
            Operation::PutScalingPolicy(_) => "PutScalingPolicy",
            Operation::DeletePolicy(_) => "DeletePolicy",
            Operation::PutScheduledUpdateGroupAction(_) => "PutScheduledUpdateGroupAction",
            Operation::DeleteScheduledAction(_) => "DeleteScheduledAction",
            Operation::CreateLaunchConfiguration(_) => "CreateLaunchConfiguration",
            Operation::DeleteLaunchConfiguration(_) => "DeleteLaunchConfiguration",
        }
    }
}

wire::typed_client! {
    create_auto_scaling_group(CreateAutoScalingGroupType) -> wire::typed::Empty = "CreateAutoScalingGroup";
    update_auto_scaling_group(UpdateAutoScalingGroupType) -> wire::typed::Empty = "UpdateAutoScalingGroup";
    delete_auto_scaling_group(DeleteAutoScalingGroupType) -> wire::typed::Empty = "DeleteAutoScalingGroup";
    describe_auto_scaling_groups(AutoScalingGroupNamesType) -> AutoScalingGroupsType = "DescribeAutoScalingGroups";
    enable_metrics_collection(EnableMetricsCollectionQuery) -> wire::typed::Empty = "EnableMetricsCollection";
    put_notification_configuration(PutNotificationConfigurationType) -> wire::typed::Empty = "PutNotificationConfiguration";
    put_scaling_policy(PutScalingPolicyType) -> PolicyARNType = "PutScalingPolicy";
    delete_policy(DeletePolicyType) -> wire::typed::Empty = "DeletePolicy";
    put_scheduled_update_group_action(PutScheduledUpdateGroupActionType) -> wire::typed::Empty = "PutScheduledUpdateGroupAction";
    delete_scheduled_action(DeleteScheduledActionType) -> wire::typed::Empty = "DeleteScheduledAction";
    create_launch_configuration(CreateLaunchConfigurationType) -> wire::typed::Empty = "CreateLaunchConfiguration";
    delete_launch_configuration(LaunchConfigurationNameType) -> wire::typed::Empty = "DeleteLaunchConfiguration";
}
