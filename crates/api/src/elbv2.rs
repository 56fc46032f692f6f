//! `elbv2`: typed inputs, outputs, the `Operation` enum and the `Client`, generated
//! by `tools/gen_types.py` from `crates/wire/models/elbv2.json` for the operations
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

/// `AdministrativeOverride`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AdministrativeOverride {
    #[serde(rename = "Description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "Reason", default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<TargetAdministrativeOverrideReasonEnum>,
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<TargetAdministrativeOverrideStateEnum>,
}

/// `AnomalyDetection`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnomalyDetection {
    #[serde(rename = "MitigationInEffect", default, skip_serializing_if = "Option::is_none")]
    pub mitigation_in_effect: Option<MitigationInEffectEnum>,
    #[serde(rename = "Result", default, skip_serializing_if = "Option::is_none")]
    pub result: Option<AnomalyResultEnum>,
}

wire::string_enum! {
    /// `AnomalyResultEnum`: one of the model's values, or one it does not name.
    AnomalyResultEnum {
        Anomalous = "anomalous",
        Normal = "normal",
    }
}

/// `DeregisterTargetsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeregisterTargetsInput {
    #[serde(rename = "TargetGroupArn")]
    pub target_group_arn: String,
    #[serde(rename = "Targets")]
    pub targets: Vec<TargetDescription>,
}

/// `DeregisterTargetsOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeregisterTargetsOutput {}

/// `DescribeTargetGroupsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeTargetGroupsInput {
    #[serde(rename = "LoadBalancerArn", default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_arn: Option<String>,
    #[serde(rename = "Marker", default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    #[serde(rename = "Names", default, skip_serializing_if = "Option::is_none")]
    pub names: Option<Vec<String>>,
    #[serde(rename = "PageSize", default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i32>,
    #[serde(rename = "TargetGroupArns", default, skip_serializing_if = "Option::is_none")]
    pub target_group_arns: Option<Vec<String>>,
}

/// `DescribeTargetGroupsOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeTargetGroupsOutput {
    #[serde(rename = "NextMarker", default, skip_serializing_if = "Option::is_none")]
    pub next_marker: Option<String>,
    #[serde(rename = "TargetGroups", default, skip_serializing_if = "Option::is_none")]
    pub target_groups: Option<Vec<TargetGroup>>,
}

/// `DescribeTargetHealthInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeTargetHealthInput {
    #[serde(rename = "Include", default, skip_serializing_if = "Option::is_none")]
    pub include: Option<Vec<DescribeTargetHealthInputIncludeEnum>>,
    #[serde(rename = "TargetGroupArn")]
    pub target_group_arn: String,
    #[serde(rename = "Targets", default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<Vec<TargetDescription>>,
}

wire::string_enum! {
    /// `DescribeTargetHealthInputIncludeEnum`: one of the model's values, or one it does not name.
    DescribeTargetHealthInputIncludeEnum {
        AnomalyDetection = "AnomalyDetection",
        All = "All",
    }
}

/// `DescribeTargetHealthOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeTargetHealthOutput {
    #[serde(rename = "TargetHealthDescriptions", default, skip_serializing_if = "Option::is_none")]
    pub target_health_descriptions: Option<Vec<TargetHealthDescription>>,
}

/// `Matcher`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Matcher {
    #[serde(rename = "GrpcCode", default, skip_serializing_if = "Option::is_none")]
    pub grpc_code: Option<String>,
    #[serde(rename = "HttpCode", default, skip_serializing_if = "Option::is_none")]
    pub http_code: Option<String>,
}

wire::string_enum! {
    /// `MitigationInEffectEnum`: one of the model's values, or one it does not name.
    MitigationInEffectEnum {
        Yes = "yes",
        No = "no",
    }
}

wire::string_enum! {
    /// `ProtocolEnum`: one of the model's values, or one it does not name.
    ProtocolEnum {
        HTTP = "HTTP",
        HTTPS = "HTTPS",
        TCP = "TCP",
        TLS = "TLS",
        UDP = "UDP",
        TCPUDP = "TCP_UDP",
        GENEVE = "GENEVE",
        QUIC = "QUIC",
        TCPQUIC = "TCP_QUIC",
    }
}

/// `RegisterTargetsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisterTargetsInput {
    #[serde(rename = "TargetGroupArn")]
    pub target_group_arn: String,
    #[serde(rename = "Targets")]
    pub targets: Vec<TargetDescription>,
}

/// `RegisterTargetsOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisterTargetsOutput {}

wire::string_enum! {
    /// `TargetAdministrativeOverrideReasonEnum`: one of the model's values, or one it does not name.
    TargetAdministrativeOverrideReasonEnum {
        AdministrativeOverrideUnknown = "AdministrativeOverride.Unknown",
        AdministrativeOverrideNoOverride = "AdministrativeOverride.NoOverride",
        AdministrativeOverrideZonalShiftActive = "AdministrativeOverride.ZonalShiftActive",
        AdministrativeOverrideZonalShiftDelegatedToDns = "AdministrativeOverride.ZonalShiftDelegatedToDns",
    }
}

wire::string_enum! {
    /// `TargetAdministrativeOverrideStateEnum`: one of the model's values, or one it does not name.
    TargetAdministrativeOverrideStateEnum {
        Unknown_ = "unknown",
        NoOverride = "no_override",
        ZonalShiftActive = "zonal_shift_active",
        ZonalShiftDelegatedToDns = "zonal_shift_delegated_to_dns",
    }
}

/// `TargetDescription`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetDescription {
    #[serde(rename = "AvailabilityZone", default, skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "Port", default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    #[serde(rename = "QuicServerId", default, skip_serializing_if = "Option::is_none")]
    pub quic_server_id: Option<String>,
}

/// `TargetGroup`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetGroup {
    #[serde(rename = "HealthCheckEnabled", default, skip_serializing_if = "Option::is_none")]
    pub health_check_enabled: Option<bool>,
    #[serde(rename = "HealthCheckIntervalSeconds", default, skip_serializing_if = "Option::is_none")]
    pub health_check_interval_seconds: Option<i32>,
    #[serde(rename = "HealthCheckPath", default, skip_serializing_if = "Option::is_none")]
    pub health_check_path: Option<String>,
    #[serde(rename = "HealthCheckPort", default, skip_serializing_if = "Option::is_none")]
    pub health_check_port: Option<String>,
    #[serde(rename = "HealthCheckProtocol", default, skip_serializing_if = "Option::is_none")]
    pub health_check_protocol: Option<ProtocolEnum>,
    #[serde(rename = "HealthCheckTimeoutSeconds", default, skip_serializing_if = "Option::is_none")]
    pub health_check_timeout_seconds: Option<i32>,
    #[serde(rename = "HealthyThresholdCount", default, skip_serializing_if = "Option::is_none")]
    pub healthy_threshold_count: Option<i32>,
    #[serde(rename = "IpAddressType", default, skip_serializing_if = "Option::is_none")]
    pub ip_address_type: Option<TargetGroupIpAddressTypeEnum>,
    #[serde(rename = "LoadBalancerArns", default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_arns: Option<Vec<String>>,
    #[serde(rename = "Matcher", default, skip_serializing_if = "Option::is_none")]
    pub matcher: Option<Matcher>,
    #[serde(rename = "Port", default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    #[serde(rename = "Protocol", default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<ProtocolEnum>,
    #[serde(rename = "ProtocolVersion", default, skip_serializing_if = "Option::is_none")]
    pub protocol_version: Option<String>,
    #[serde(rename = "TargetControlPort", default, skip_serializing_if = "Option::is_none")]
    pub target_control_port: Option<i32>,
    #[serde(rename = "TargetGroupArn", default, skip_serializing_if = "Option::is_none")]
    pub target_group_arn: Option<String>,
    #[serde(rename = "TargetGroupName", default, skip_serializing_if = "Option::is_none")]
    pub target_group_name: Option<String>,
    #[serde(rename = "TargetType", default, skip_serializing_if = "Option::is_none")]
    pub target_type: Option<TargetTypeEnum>,
    #[serde(rename = "UnhealthyThresholdCount", default, skip_serializing_if = "Option::is_none")]
    pub unhealthy_threshold_count: Option<i32>,
    #[serde(rename = "VpcId", default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
}

wire::string_enum! {
    /// `TargetGroupIpAddressTypeEnum`: one of the model's values, or one it does not name.
    TargetGroupIpAddressTypeEnum {
        Ipv4 = "ipv4",
        Ipv6 = "ipv6",
    }
}

/// `TargetHealth`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetHealth {
    #[serde(rename = "Description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "Reason", default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<TargetHealthReasonEnum>,
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<TargetHealthStateEnum>,
}

/// `TargetHealthDescription`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetHealthDescription {
    #[serde(rename = "AdministrativeOverride", default, skip_serializing_if = "Option::is_none")]
    pub administrative_override: Option<AdministrativeOverride>,
    #[serde(rename = "AnomalyDetection", default, skip_serializing_if = "Option::is_none")]
    pub anomaly_detection: Option<AnomalyDetection>,
    #[serde(rename = "HealthCheckPort", default, skip_serializing_if = "Option::is_none")]
    pub health_check_port: Option<String>,
    #[serde(rename = "Target", default, skip_serializing_if = "Option::is_none")]
    pub target: Option<TargetDescription>,
    #[serde(rename = "TargetHealth", default, skip_serializing_if = "Option::is_none")]
    pub target_health: Option<TargetHealth>,
}

wire::string_enum! {
    /// `TargetHealthReasonEnum`: one of the model's values, or one it does not name.
    TargetHealthReasonEnum {
        ElbRegistrationInProgress = "Elb.RegistrationInProgress",
        ElbInitialHealthChecking = "Elb.InitialHealthChecking",
        TargetResponseCodeMismatch = "Target.ResponseCodeMismatch",
        TargetTimeout = "Target.Timeout",
        TargetFailedHealthChecks = "Target.FailedHealthChecks",
        TargetNotRegistered = "Target.NotRegistered",
        TargetNotInUse = "Target.NotInUse",
        TargetDeregistrationInProgress = "Target.DeregistrationInProgress",
        TargetInvalidState = "Target.InvalidState",
        TargetIpUnusable = "Target.IpUnusable",
        TargetHealthCheckDisabled = "Target.HealthCheckDisabled",
        ElbInternalError = "Elb.InternalError",
    }
}

wire::string_enum! {
    /// `TargetHealthStateEnum`: one of the model's values, or one it does not name.
    TargetHealthStateEnum {
        Initial = "initial",
        Healthy = "healthy",
        Unhealthy = "unhealthy",
        UnhealthyDraining = "unhealthy.draining",
        Unused = "unused",
        Draining = "draining",
        Unavailable = "unavailable",
    }
}

wire::string_enum! {
    /// `TargetTypeEnum`: one of the model's values, or one it does not name.
    TargetTypeEnum {
        Instance = "instance",
        Ip = "ip",
        Lambda = "lambda",
        Alb = "alb",
    }
}

/// One call of an operation this service implements, with its typed input.
#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    RegisterTargets(RegisterTargetsInput),
    DeregisterTargets(DeregisterTargetsInput),
    DescribeTargetGroups(DescribeTargetGroupsInput),
    DescribeTargetHealth(DescribeTargetHealthInput),
}
impl Operation {
    /// The operations' names, as the model spells them.
    pub const NAMES: &'static [&'static str] =
        &["RegisterTargets", "DeregisterTargets", "DescribeTargetGroups", "DescribeTargetHealth"];

    /// The typed call from the wire layer's decoded, validated input; `None` for an operation
    /// of the model this service does not implement.
    pub fn parse(name: &str, input: Value) -> Result<Option<Operation>, ApiError> {
        Ok(Some(match name {
            "RegisterTargets" => Operation::RegisterTargets(wire::typed::input(input)?),
            "DeregisterTargets" => Operation::DeregisterTargets(wire::typed::input(input)?),
            "DescribeTargetGroups" => Operation::DescribeTargetGroups(wire::typed::input(input)?),
            "DescribeTargetHealth" => Operation::DescribeTargetHealth(wire::typed::input(input)?),
            _ => return Ok(None),
        }))
    }

    pub fn name(&self) -> &'static str {
        match self {
            Operation::RegisterTargets(_) => "RegisterTargets",
            Operation::DeregisterTargets(_) => "DeregisterTargets",
            Operation::DescribeTargetGroups(_) => "DescribeTargetGroups",
            Operation::DescribeTargetHealth(_) => "DescribeTargetHealth",
        }
    }
}

wire::typed_client! {
    register_targets(RegisterTargetsInput) -> RegisterTargetsOutput = "RegisterTargets";
    deregister_targets(DeregisterTargetsInput) -> DeregisterTargetsOutput = "DeregisterTargets";
    describe_target_groups(DescribeTargetGroupsInput) -> DescribeTargetGroupsOutput = "DescribeTargetGroups";
    describe_target_health(DescribeTargetHealthInput) -> DescribeTargetHealthOutput = "DescribeTargetHealth";
}
