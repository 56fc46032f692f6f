//! `elb`: typed inputs, outputs, the `Operation` enum and the `Client`, generated
//! by `tools/gen_types.py` from `crates/wire/models/elb.json` for the operations
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

/// `AppCookieStickinessPolicy`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppCookieStickinessPolicy {
    #[serde(rename = "CookieName", default, skip_serializing_if = "Option::is_none")]
    pub cookie_name: Option<String>,
    #[serde(rename = "PolicyName", default, skip_serializing_if = "Option::is_none")]
    pub policy_name: Option<String>,
}

/// `BackendServerDescription`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BackendServerDescription {
    #[serde(rename = "InstancePort", default, skip_serializing_if = "Option::is_none")]
    pub instance_port: Option<i32>,
    #[serde(rename = "PolicyNames", default, skip_serializing_if = "Option::is_none")]
    pub policy_names: Option<Vec<String>>,
}

/// `DeregisterEndPointsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeregisterEndPointsInput {
    #[serde(rename = "Instances")]
    pub instances: Vec<Instance>,
    #[serde(rename = "LoadBalancerName")]
    pub load_balancer_name: String,
}

/// `DeregisterEndPointsOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeregisterEndPointsOutput {
    #[serde(rename = "Instances", default, skip_serializing_if = "Option::is_none")]
    pub instances: Option<Vec<Instance>>,
}

/// `DescribeAccessPointsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeAccessPointsInput {
    #[serde(rename = "LoadBalancerNames", default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_names: Option<Vec<String>>,
    #[serde(rename = "Marker", default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    #[serde(rename = "PageSize", default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i32>,
}

/// `DescribeAccessPointsOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeAccessPointsOutput {
    #[serde(rename = "LoadBalancerDescriptions", default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_descriptions: Option<Vec<LoadBalancerDescription>>,
    #[serde(rename = "NextMarker", default, skip_serializing_if = "Option::is_none")]
    pub next_marker: Option<String>,
}

/// `DescribeEndPointStateInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeEndPointStateInput {
    #[serde(rename = "Instances", default, skip_serializing_if = "Option::is_none")]
    pub instances: Option<Vec<Instance>>,
    #[serde(rename = "LoadBalancerName")]
    pub load_balancer_name: String,
}

/// `DescribeEndPointStateOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeEndPointStateOutput {
    #[serde(rename = "InstanceStates", default, skip_serializing_if = "Option::is_none")]
    pub instance_states: Option<Vec<InstanceState>>,
}

/// `HealthCheck`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HealthCheck {
    #[serde(rename = "HealthyThreshold")]
    pub healthy_threshold: i32,
    #[serde(rename = "Interval")]
    pub interval: i32,
    #[serde(rename = "Target")]
    pub target: String,
    #[serde(rename = "Timeout")]
    pub timeout: i32,
    #[serde(rename = "UnhealthyThreshold")]
    pub unhealthy_threshold: i32,
}

/// `Instance`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    #[serde(rename = "InstanceId", default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
}

/// `InstanceState`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceState {
    #[serde(rename = "Description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "InstanceId", default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    #[serde(rename = "ReasonCode", default, skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
    #[serde(rename = "State", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

/// `LBCookieStickinessPolicy`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LBCookieStickinessPolicy {
    #[serde(rename = "CookieExpirationPeriod", default, skip_serializing_if = "Option::is_none")]
    pub cookie_expiration_period: Option<i64>,
    #[serde(rename = "PolicyName", default, skip_serializing_if = "Option::is_none")]
    pub policy_name: Option<String>,
}

/// `Listener`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Listener {
    #[serde(rename = "InstancePort")]
    pub instance_port: i32,
    #[serde(rename = "InstanceProtocol", default, skip_serializing_if = "Option::is_none")]
    pub instance_protocol: Option<String>,
    #[serde(rename = "LoadBalancerPort")]
    pub load_balancer_port: i32,
    #[serde(rename = "Protocol")]
    pub protocol: String,
    #[serde(rename = "SSLCertificateId", default, skip_serializing_if = "Option::is_none")]
    pub ssl_certificate_id: Option<String>,
}

/// `ListenerDescription`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListenerDescription {
    #[serde(rename = "Listener", default, skip_serializing_if = "Option::is_none")]
    pub listener: Option<Listener>,
    #[serde(rename = "PolicyNames", default, skip_serializing_if = "Option::is_none")]
    pub policy_names: Option<Vec<String>>,
}

/// `LoadBalancerDescription`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LoadBalancerDescription {
    #[serde(rename = "AvailabilityZones", default, skip_serializing_if = "Option::is_none")]
    pub availability_zones: Option<Vec<String>>,
    #[serde(rename = "BackendServerDescriptions", default, skip_serializing_if = "Option::is_none")]
    pub backend_server_descriptions: Option<Vec<BackendServerDescription>>,
    #[serde(rename = "CanonicalHostedZoneName", default, skip_serializing_if = "Option::is_none")]
    pub canonical_hosted_zone_name: Option<String>,
    #[serde(rename = "CanonicalHostedZoneNameID", default, skip_serializing_if = "Option::is_none")]
    pub canonical_hosted_zone_name_id: Option<String>,
    #[serde(rename = "CreatedTime", default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<Timestamp>,
    #[serde(rename = "DNSName", default, skip_serializing_if = "Option::is_none")]
    pub dns_name: Option<String>,
    #[serde(rename = "HealthCheck", default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<HealthCheck>,
    #[serde(rename = "Instances", default, skip_serializing_if = "Option::is_none")]
    pub instances: Option<Vec<Instance>>,
    #[serde(rename = "ListenerDescriptions", default, skip_serializing_if = "Option::is_none")]
    pub listener_descriptions: Option<Vec<ListenerDescription>>,
    #[serde(rename = "LoadBalancerName", default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_name: Option<String>,
    #[serde(rename = "Policies", default, skip_serializing_if = "Option::is_none")]
    pub policies: Option<Policies>,
    #[serde(rename = "Scheme", default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    #[serde(rename = "SecurityGroups", default, skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Vec<String>>,
    #[serde(rename = "SourceSecurityGroup", default, skip_serializing_if = "Option::is_none")]
    pub source_security_group: Option<SourceSecurityGroup>,
    #[serde(rename = "Subnets", default, skip_serializing_if = "Option::is_none")]
    pub subnets: Option<Vec<String>>,
    #[serde(rename = "VPCId", default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
}

/// `Policies`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Policies {
    #[serde(rename = "AppCookieStickinessPolicies", default, skip_serializing_if = "Option::is_none")]
    pub app_cookie_stickiness_policies: Option<Vec<AppCookieStickinessPolicy>>,
    #[serde(rename = "LBCookieStickinessPolicies", default, skip_serializing_if = "Option::is_none")]
    pub lb_cookie_stickiness_policies: Option<Vec<LBCookieStickinessPolicy>>,
    #[serde(rename = "OtherPolicies", default, skip_serializing_if = "Option::is_none")]
    pub other_policies: Option<Vec<String>>,
}

/// `RegisterEndPointsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisterEndPointsInput {
    #[serde(rename = "Instances")]
    pub instances: Vec<Instance>,
    #[serde(rename = "LoadBalancerName")]
    pub load_balancer_name: String,
}

/// `RegisterEndPointsOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisterEndPointsOutput {
    #[serde(rename = "Instances", default, skip_serializing_if = "Option::is_none")]
    pub instances: Option<Vec<Instance>>,
}

/// `SourceSecurityGroup`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceSecurityGroup {
    #[serde(rename = "GroupName", default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    #[serde(rename = "OwnerAlias", default, skip_serializing_if = "Option::is_none")]
    pub owner_alias: Option<String>,
}

/// One call of an operation this service implements, with its typed input.
#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    DescribeInstanceHealth(DescribeEndPointStateInput),
    DescribeLoadBalancers(DescribeAccessPointsInput),
    RegisterInstancesWithLoadBalancer(RegisterEndPointsInput),
    DeregisterInstancesFromLoadBalancer(DeregisterEndPointsInput),
}
impl Operation {
    /// The operations' names, as the model spells them.
    pub const NAMES: &'static [&'static str] = &[
        "DescribeInstanceHealth",
        "DescribeLoadBalancers",
        "RegisterInstancesWithLoadBalancer",
        "DeregisterInstancesFromLoadBalancer",
    ];

    /// The typed call from the wire layer's decoded, validated input; `None` for an operation
    /// of the model this service does not implement.
    pub fn parse(name: &str, input: Value) -> Result<Option<Operation>, ApiError> {
        Ok(Some(match name {
            "DescribeInstanceHealth" => Operation::DescribeInstanceHealth(wire::typed::input(input)?),
            "DescribeLoadBalancers" => Operation::DescribeLoadBalancers(wire::typed::input(input)?),
            "RegisterInstancesWithLoadBalancer" => {
                Operation::RegisterInstancesWithLoadBalancer(wire::typed::input(input)?)
            }
            "DeregisterInstancesFromLoadBalancer" => {
                Operation::DeregisterInstancesFromLoadBalancer(wire::typed::input(input)?)
            }
            _ => return Ok(None),
        }))
    }

    pub fn name(&self) -> &'static str {
        match self {
            Operation::DescribeInstanceHealth(_) => "DescribeInstanceHealth",
            Operation::DescribeLoadBalancers(_) => "DescribeLoadBalancers",
            Operation::RegisterInstancesWithLoadBalancer(_) => "RegisterInstancesWithLoadBalancer",
            Operation::DeregisterInstancesFromLoadBalancer(_) => "DeregisterInstancesFromLoadBalancer",
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

    pub async fn describe_instance_health(
        &self,
        input: DescribeEndPointStateInput,
    ) -> Result<DescribeEndPointStateOutput, ApiError> {
        wire::typed::call(&*self.transport, "DescribeInstanceHealth", input).await
    }

    pub async fn describe_load_balancers(
        &self,
        input: DescribeAccessPointsInput,
    ) -> Result<DescribeAccessPointsOutput, ApiError> {
        wire::typed::call(&*self.transport, "DescribeLoadBalancers", input).await
    }

    pub async fn register_instances_with_load_balancer(
        &self,
        input: RegisterEndPointsInput,
    ) -> Result<RegisterEndPointsOutput, ApiError> {
        wire::typed::call(&*self.transport, "RegisterInstancesWithLoadBalancer", input).await
    }

    pub async fn deregister_instances_from_load_balancer(
        &self,
        input: DeregisterEndPointsInput,
    ) -> Result<DeregisterEndPointsOutput, ApiError> {
        wire::typed::call(&*self.transport, "DeregisterInstancesFromLoadBalancer", input).await
    }
}
