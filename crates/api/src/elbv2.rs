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
use wire::typed::Transport;
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

/// `AnomalyResultEnum`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum AnomalyResultEnum {
    #[default]
    /// `anomalous`
    Anomalous,
    /// `normal`
    Normal,
    /// A value the model does not name.
    Unknown(String),
}
impl AnomalyResultEnum {
    pub fn as_str(&self) -> &str {
        match self {
            AnomalyResultEnum::Anomalous => "anomalous",
            AnomalyResultEnum::Normal => "normal",
            AnomalyResultEnum::Unknown(s) => s,
        }
    }
}
impl From<&str> for AnomalyResultEnum {
    fn from(s: &str) -> AnomalyResultEnum {
        match s {
            "anomalous" => AnomalyResultEnum::Anomalous,
            "normal" => AnomalyResultEnum::Normal,
            other => AnomalyResultEnum::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(AnomalyResultEnum);

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

/// `DescribeTargetHealthInputIncludeEnum`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum DescribeTargetHealthInputIncludeEnum {
    #[default]
    /// `AnomalyDetection`
    AnomalyDetection,
    /// `All`
    All,
    /// A value the model does not name.
    Unknown(String),
}
impl DescribeTargetHealthInputIncludeEnum {
    pub fn as_str(&self) -> &str {
        match self {
            DescribeTargetHealthInputIncludeEnum::AnomalyDetection => "AnomalyDetection",
            DescribeTargetHealthInputIncludeEnum::All => "All",
            DescribeTargetHealthInputIncludeEnum::Unknown(s) => s,
        }
    }
}
impl From<&str> for DescribeTargetHealthInputIncludeEnum {
    fn from(s: &str) -> DescribeTargetHealthInputIncludeEnum {
        match s {
            "AnomalyDetection" => DescribeTargetHealthInputIncludeEnum::AnomalyDetection,
            "All" => DescribeTargetHealthInputIncludeEnum::All,
            other => DescribeTargetHealthInputIncludeEnum::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(DescribeTargetHealthInputIncludeEnum);

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

/// `MitigationInEffectEnum`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum MitigationInEffectEnum {
    #[default]
    /// `yes`
    Yes,
    /// `no`
    No,
    /// A value the model does not name.
    Unknown(String),
}
impl MitigationInEffectEnum {
    pub fn as_str(&self) -> &str {
        match self {
            MitigationInEffectEnum::Yes => "yes",
            MitigationInEffectEnum::No => "no",
            MitigationInEffectEnum::Unknown(s) => s,
        }
    }
}
impl From<&str> for MitigationInEffectEnum {
    fn from(s: &str) -> MitigationInEffectEnum {
        match s {
            "yes" => MitigationInEffectEnum::Yes,
            "no" => MitigationInEffectEnum::No,
            other => MitigationInEffectEnum::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(MitigationInEffectEnum);

/// `ProtocolEnum`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ProtocolEnum {
    #[default]
    /// `HTTP`
    HTTP,
    /// `HTTPS`
    HTTPS,
    /// `TCP`
    TCP,
    /// `TLS`
    TLS,
    /// `UDP`
    UDP,
    /// `TCP_UDP`
    TCPUDP,
    /// `GENEVE`
    GENEVE,
    /// `QUIC`
    QUIC,
    /// `TCP_QUIC`
    TCPQUIC,
    /// A value the model does not name.
    Unknown(String),
}
impl ProtocolEnum {
    pub fn as_str(&self) -> &str {
        match self {
            ProtocolEnum::HTTP => "HTTP",
            ProtocolEnum::HTTPS => "HTTPS",
            ProtocolEnum::TCP => "TCP",
            ProtocolEnum::TLS => "TLS",
            ProtocolEnum::UDP => "UDP",
            ProtocolEnum::TCPUDP => "TCP_UDP",
            ProtocolEnum::GENEVE => "GENEVE",
            ProtocolEnum::QUIC => "QUIC",
            ProtocolEnum::TCPQUIC => "TCP_QUIC",
            ProtocolEnum::Unknown(s) => s,
        }
    }
}
impl From<&str> for ProtocolEnum {
    fn from(s: &str) -> ProtocolEnum {
        match s {
            "HTTP" => ProtocolEnum::HTTP,
            "HTTPS" => ProtocolEnum::HTTPS,
            "TCP" => ProtocolEnum::TCP,
            "TLS" => ProtocolEnum::TLS,
            "UDP" => ProtocolEnum::UDP,
            "TCP_UDP" => ProtocolEnum::TCPUDP,
            "GENEVE" => ProtocolEnum::GENEVE,
            "QUIC" => ProtocolEnum::QUIC,
            "TCP_QUIC" => ProtocolEnum::TCPQUIC,
            other => ProtocolEnum::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(ProtocolEnum);

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

/// `TargetAdministrativeOverrideReasonEnum`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum TargetAdministrativeOverrideReasonEnum {
    #[default]
    /// `AdministrativeOverride.Unknown`
    AdministrativeOverrideUnknown,
    /// `AdministrativeOverride.NoOverride`
    AdministrativeOverrideNoOverride,
    /// `AdministrativeOverride.ZonalShiftActive`
    AdministrativeOverrideZonalShiftActive,
    /// `AdministrativeOverride.ZonalShiftDelegatedToDns`
    AdministrativeOverrideZonalShiftDelegatedToDns,
    /// A value the model does not name.
    Unknown(String),
}
impl TargetAdministrativeOverrideReasonEnum {
    pub fn as_str(&self) -> &str {
        match self {
            TargetAdministrativeOverrideReasonEnum::AdministrativeOverrideUnknown => "AdministrativeOverride.Unknown",
            TargetAdministrativeOverrideReasonEnum::AdministrativeOverrideNoOverride => {
                "AdministrativeOverride.NoOverride"
            }
            TargetAdministrativeOverrideReasonEnum::AdministrativeOverrideZonalShiftActive => {
                "AdministrativeOverride.ZonalShiftActive"
            }
            TargetAdministrativeOverrideReasonEnum::AdministrativeOverrideZonalShiftDelegatedToDns => {
                "AdministrativeOverride.ZonalShiftDelegatedToDns"
            }
            TargetAdministrativeOverrideReasonEnum::Unknown(s) => s,
        }
    }
}
impl From<&str> for TargetAdministrativeOverrideReasonEnum {
    fn from(s: &str) -> TargetAdministrativeOverrideReasonEnum {
        match s {
            "AdministrativeOverride.Unknown" => TargetAdministrativeOverrideReasonEnum::AdministrativeOverrideUnknown,
            "AdministrativeOverride.NoOverride" => {
                TargetAdministrativeOverrideReasonEnum::AdministrativeOverrideNoOverride
            }
            "AdministrativeOverride.ZonalShiftActive" => {
                TargetAdministrativeOverrideReasonEnum::AdministrativeOverrideZonalShiftActive
            }
            "AdministrativeOverride.ZonalShiftDelegatedToDns" => {
                TargetAdministrativeOverrideReasonEnum::AdministrativeOverrideZonalShiftDelegatedToDns
            }
            other => TargetAdministrativeOverrideReasonEnum::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(TargetAdministrativeOverrideReasonEnum);

/// `TargetAdministrativeOverrideStateEnum`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum TargetAdministrativeOverrideStateEnum {
    #[default]
    /// `unknown`
    Unknown_,
    /// `no_override`
    NoOverride,
    /// `zonal_shift_active`
    ZonalShiftActive,
    /// `zonal_shift_delegated_to_dns`
    ZonalShiftDelegatedToDns,
    /// A value the model does not name.
    Unknown(String),
}
impl TargetAdministrativeOverrideStateEnum {
    pub fn as_str(&self) -> &str {
        match self {
            TargetAdministrativeOverrideStateEnum::Unknown_ => "unknown",
            TargetAdministrativeOverrideStateEnum::NoOverride => "no_override",
            TargetAdministrativeOverrideStateEnum::ZonalShiftActive => "zonal_shift_active",
            TargetAdministrativeOverrideStateEnum::ZonalShiftDelegatedToDns => "zonal_shift_delegated_to_dns",
            TargetAdministrativeOverrideStateEnum::Unknown(s) => s,
        }
    }
}
impl From<&str> for TargetAdministrativeOverrideStateEnum {
    fn from(s: &str) -> TargetAdministrativeOverrideStateEnum {
        match s {
            "unknown" => TargetAdministrativeOverrideStateEnum::Unknown_,
            "no_override" => TargetAdministrativeOverrideStateEnum::NoOverride,
            "zonal_shift_active" => TargetAdministrativeOverrideStateEnum::ZonalShiftActive,
            "zonal_shift_delegated_to_dns" => TargetAdministrativeOverrideStateEnum::ZonalShiftDelegatedToDns,
            other => TargetAdministrativeOverrideStateEnum::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(TargetAdministrativeOverrideStateEnum);

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

/// `TargetGroupIpAddressTypeEnum`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum TargetGroupIpAddressTypeEnum {
    #[default]
    /// `ipv4`
    Ipv4,
    /// `ipv6`
    Ipv6,
    /// A value the model does not name.
    Unknown(String),
}
impl TargetGroupIpAddressTypeEnum {
    pub fn as_str(&self) -> &str {
        match self {
            TargetGroupIpAddressTypeEnum::Ipv4 => "ipv4",
            TargetGroupIpAddressTypeEnum::Ipv6 => "ipv6",
            TargetGroupIpAddressTypeEnum::Unknown(s) => s,
        }
    }
}
impl From<&str> for TargetGroupIpAddressTypeEnum {
    fn from(s: &str) -> TargetGroupIpAddressTypeEnum {
        match s {
            "ipv4" => TargetGroupIpAddressTypeEnum::Ipv4,
            "ipv6" => TargetGroupIpAddressTypeEnum::Ipv6,
            other => TargetGroupIpAddressTypeEnum::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(TargetGroupIpAddressTypeEnum);

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

/// `TargetHealthReasonEnum`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum TargetHealthReasonEnum {
    #[default]
    /// `Elb.RegistrationInProgress`
    ElbRegistrationInProgress,
    /// `Elb.InitialHealthChecking`
    ElbInitialHealthChecking,
    /// `Target.ResponseCodeMismatch`
    TargetResponseCodeMismatch,
    /// `Target.Timeout`
    TargetTimeout,
    /// `Target.FailedHealthChecks`
    TargetFailedHealthChecks,
    /// `Target.NotRegistered`
    TargetNotRegistered,
    /// `Target.NotInUse`
    TargetNotInUse,
    /// `Target.DeregistrationInProgress`
    TargetDeregistrationInProgress,
    /// `Target.InvalidState`
    TargetInvalidState,
    /// `Target.IpUnusable`
    TargetIpUnusable,
    /// `Target.HealthCheckDisabled`
    TargetHealthCheckDisabled,
    /// `Elb.InternalError`
    ElbInternalError,
    /// A value the model does not name.
    Unknown(String),
}
impl TargetHealthReasonEnum {
    pub fn as_str(&self) -> &str {
        match self {
            TargetHealthReasonEnum::ElbRegistrationInProgress => "Elb.RegistrationInProgress",
            TargetHealthReasonEnum::ElbInitialHealthChecking => "Elb.InitialHealthChecking",
            TargetHealthReasonEnum::TargetResponseCodeMismatch => "Target.ResponseCodeMismatch",
            TargetHealthReasonEnum::TargetTimeout => "Target.Timeout",
            TargetHealthReasonEnum::TargetFailedHealthChecks => "Target.FailedHealthChecks",
            TargetHealthReasonEnum::TargetNotRegistered => "Target.NotRegistered",
            TargetHealthReasonEnum::TargetNotInUse => "Target.NotInUse",
            TargetHealthReasonEnum::TargetDeregistrationInProgress => "Target.DeregistrationInProgress",
            TargetHealthReasonEnum::TargetInvalidState => "Target.InvalidState",
            TargetHealthReasonEnum::TargetIpUnusable => "Target.IpUnusable",
            TargetHealthReasonEnum::TargetHealthCheckDisabled => "Target.HealthCheckDisabled",
            TargetHealthReasonEnum::ElbInternalError => "Elb.InternalError",
            TargetHealthReasonEnum::Unknown(s) => s,
        }
    }
}
impl From<&str> for TargetHealthReasonEnum {
    fn from(s: &str) -> TargetHealthReasonEnum {
        match s {
            "Elb.RegistrationInProgress" => TargetHealthReasonEnum::ElbRegistrationInProgress,
            "Elb.InitialHealthChecking" => TargetHealthReasonEnum::ElbInitialHealthChecking,
            "Target.ResponseCodeMismatch" => TargetHealthReasonEnum::TargetResponseCodeMismatch,
            "Target.Timeout" => TargetHealthReasonEnum::TargetTimeout,
            "Target.FailedHealthChecks" => TargetHealthReasonEnum::TargetFailedHealthChecks,
            "Target.NotRegistered" => TargetHealthReasonEnum::TargetNotRegistered,
            "Target.NotInUse" => TargetHealthReasonEnum::TargetNotInUse,
            "Target.DeregistrationInProgress" => TargetHealthReasonEnum::TargetDeregistrationInProgress,
            "Target.InvalidState" => TargetHealthReasonEnum::TargetInvalidState,
            "Target.IpUnusable" => TargetHealthReasonEnum::TargetIpUnusable,
            "Target.HealthCheckDisabled" => TargetHealthReasonEnum::TargetHealthCheckDisabled,
            "Elb.InternalError" => TargetHealthReasonEnum::ElbInternalError,
            other => TargetHealthReasonEnum::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(TargetHealthReasonEnum);

/// `TargetHealthStateEnum`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum TargetHealthStateEnum {
    #[default]
    /// `initial`
    Initial,
    /// `healthy`
    Healthy,
    /// `unhealthy`
    Unhealthy,
    /// `unhealthy.draining`
    UnhealthyDraining,
    /// `unused`
    Unused,
    /// `draining`
    Draining,
    /// `unavailable`
    Unavailable,
    /// A value the model does not name.
    Unknown(String),
}
impl TargetHealthStateEnum {
    pub fn as_str(&self) -> &str {
        match self {
            TargetHealthStateEnum::Initial => "initial",
            TargetHealthStateEnum::Healthy => "healthy",
            TargetHealthStateEnum::Unhealthy => "unhealthy",
            TargetHealthStateEnum::UnhealthyDraining => "unhealthy.draining",
            TargetHealthStateEnum::Unused => "unused",
            TargetHealthStateEnum::Draining => "draining",
            TargetHealthStateEnum::Unavailable => "unavailable",
            TargetHealthStateEnum::Unknown(s) => s,
        }
    }
}
impl From<&str> for TargetHealthStateEnum {
    fn from(s: &str) -> TargetHealthStateEnum {
        match s {
            "initial" => TargetHealthStateEnum::Initial,
            "healthy" => TargetHealthStateEnum::Healthy,
            "unhealthy" => TargetHealthStateEnum::Unhealthy,
            "unhealthy.draining" => TargetHealthStateEnum::UnhealthyDraining,
            "unused" => TargetHealthStateEnum::Unused,
            "draining" => TargetHealthStateEnum::Draining,
            "unavailable" => TargetHealthStateEnum::Unavailable,
            other => TargetHealthStateEnum::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(TargetHealthStateEnum);

/// `TargetTypeEnum`: one of the model's values, or one it does not name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum TargetTypeEnum {
    #[default]
    /// `instance`
    Instance,
    /// `ip`
    Ip,
    /// `lambda`
    Lambda,
    /// `alb`
    Alb,
    /// A value the model does not name.
    Unknown(String),
}
impl TargetTypeEnum {
    pub fn as_str(&self) -> &str {
        match self {
            TargetTypeEnum::Instance => "instance",
            TargetTypeEnum::Ip => "ip",
            TargetTypeEnum::Lambda => "lambda",
            TargetTypeEnum::Alb => "alb",
            TargetTypeEnum::Unknown(s) => s,
        }
    }
}
impl From<&str> for TargetTypeEnum {
    fn from(s: &str) -> TargetTypeEnum {
        match s {
            "instance" => TargetTypeEnum::Instance,
            "ip" => TargetTypeEnum::Ip,
            "lambda" => TargetTypeEnum::Lambda,
            "alb" => TargetTypeEnum::Alb,
            other => TargetTypeEnum::Unknown(other.to_string()),
        }
    }
}
wire::string_enum!(TargetTypeEnum);

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

    pub async fn register_targets(&self, input: RegisterTargetsInput) -> Result<RegisterTargetsOutput, ApiError> {
        wire::typed::call(&*self.transport, "RegisterTargets", input).await
    }

    pub async fn deregister_targets(&self, input: DeregisterTargetsInput) -> Result<DeregisterTargetsOutput, ApiError> {
        wire::typed::call(&*self.transport, "DeregisterTargets", input).await
    }

    pub async fn describe_target_groups(
        &self,
        input: DescribeTargetGroupsInput,
    ) -> Result<DescribeTargetGroupsOutput, ApiError> {
        wire::typed::call(&*self.transport, "DescribeTargetGroups", input).await
    }

    pub async fn describe_target_health(
        &self,
        input: DescribeTargetHealthInput,
    ) -> Result<DescribeTargetHealthOutput, ApiError> {
        wire::typed::call(&*self.transport, "DescribeTargetHealth", input).await
    }
}
