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
use wire::ApiError;

/// `AccessLog`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccessLog {
    #[serde(rename = "EmitInterval", default, skip_serializing_if = "Option::is_none")]
    pub emit_interval: Option<i32>,
    #[serde(rename = "Enabled")]
    pub enabled: bool,
    #[serde(rename = "S3BucketName", default, skip_serializing_if = "Option::is_none")]
    pub s3_bucket_name: Option<String>,
    #[serde(rename = "S3BucketPrefix", default, skip_serializing_if = "Option::is_none")]
    pub s3_bucket_prefix: Option<String>,
}

/// `AdditionalAttribute`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AdditionalAttribute {
    #[serde(rename = "Key", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(rename = "Value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

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

/// `ConfigureHealthCheckInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConfigureHealthCheckInput {
    #[serde(rename = "HealthCheck")]
    pub health_check: HealthCheck,
    #[serde(rename = "LoadBalancerName")]
    pub load_balancer_name: String,
}

/// `ConfigureHealthCheckOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConfigureHealthCheckOutput {
    #[serde(rename = "HealthCheck", default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<HealthCheck>,
}

/// `ConnectionDraining`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectionDraining {
    #[serde(rename = "Enabled")]
    pub enabled: bool,
    #[serde(rename = "Timeout", default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<i32>,
}

/// `ConnectionSettings`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectionSettings {
    #[serde(rename = "IdleTimeout")]
    pub idle_timeout: i32,
}

/// `CreateAccessPointInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateAccessPointInput {
    #[serde(rename = "AvailabilityZones", default, skip_serializing_if = "Option::is_none")]
    pub availability_zones: Option<Vec<String>>,
    #[serde(rename = "Listeners")]
    pub listeners: Vec<Listener>,
    #[serde(rename = "LoadBalancerName")]
    pub load_balancer_name: String,
    #[serde(rename = "Scheme", default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    #[serde(rename = "SecurityGroups", default, skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Vec<String>>,
    #[serde(rename = "Subnets", default, skip_serializing_if = "Option::is_none")]
    pub subnets: Option<Vec<String>>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

/// `CreateAccessPointOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateAccessPointOutput {
    #[serde(rename = "DNSName", default, skip_serializing_if = "Option::is_none")]
    pub dns_name: Option<String>,
}

/// `CreateAppCookieStickinessPolicyInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateAppCookieStickinessPolicyInput {
    #[serde(rename = "CookieName")]
    pub cookie_name: String,
    #[serde(rename = "LoadBalancerName")]
    pub load_balancer_name: String,
    #[serde(rename = "PolicyName")]
    pub policy_name: String,
}

/// `CreateAppCookieStickinessPolicyOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateAppCookieStickinessPolicyOutput {}

/// `CreateLBCookieStickinessPolicyInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateLBCookieStickinessPolicyInput {
    #[serde(rename = "CookieExpirationPeriod", default, skip_serializing_if = "Option::is_none")]
    pub cookie_expiration_period: Option<i64>,
    #[serde(rename = "LoadBalancerName")]
    pub load_balancer_name: String,
    #[serde(rename = "PolicyName")]
    pub policy_name: String,
}

/// `CreateLBCookieStickinessPolicyOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateLBCookieStickinessPolicyOutput {}

/// `CrossZoneLoadBalancing`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CrossZoneLoadBalancing {
    #[serde(rename = "Enabled")]
    pub enabled: bool,
}

/// `DeleteAccessPointInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteAccessPointInput {
    #[serde(rename = "LoadBalancerName")]
    pub load_balancer_name: String,
}

/// `DeleteAccessPointOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteAccessPointOutput {}

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

/// `LoadBalancerAttributes`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LoadBalancerAttributes {
    #[serde(rename = "AccessLog", default, skip_serializing_if = "Option::is_none")]
    pub access_log: Option<AccessLog>,
    #[serde(rename = "AdditionalAttributes", default, skip_serializing_if = "Option::is_none")]
    pub additional_attributes: Option<Vec<AdditionalAttribute>>,
    #[serde(rename = "ConnectionDraining", default, skip_serializing_if = "Option::is_none")]
    pub connection_draining: Option<ConnectionDraining>,
    #[serde(rename = "ConnectionSettings", default, skip_serializing_if = "Option::is_none")]
    pub connection_settings: Option<ConnectionSettings>,
    #[serde(rename = "CrossZoneLoadBalancing", default, skip_serializing_if = "Option::is_none")]
    pub cross_zone_load_balancing: Option<CrossZoneLoadBalancing>,
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

/// `ModifyLoadBalancerAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModifyLoadBalancerAttributesInput {
    #[serde(rename = "LoadBalancerAttributes")]
    pub load_balancer_attributes: LoadBalancerAttributes,
    #[serde(rename = "LoadBalancerName")]
    pub load_balancer_name: String,
}

/// `ModifyLoadBalancerAttributesOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModifyLoadBalancerAttributesOutput {
    #[serde(rename = "LoadBalancerAttributes", default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_attributes: Option<LoadBalancerAttributes>,
    #[serde(rename = "LoadBalancerName", default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_name: Option<String>,
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

/// `SetLoadBalancerPoliciesOfListenerInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetLoadBalancerPoliciesOfListenerInput {
    #[serde(rename = "LoadBalancerName")]
    pub load_balancer_name: String,
    #[serde(rename = "LoadBalancerPort")]
    pub load_balancer_port: i32,
    #[serde(rename = "PolicyNames")]
    pub policy_names: Vec<String>,
}

/// `SetLoadBalancerPoliciesOfListenerOutput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetLoadBalancerPoliciesOfListenerOutput {}

/// `SourceSecurityGroup`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceSecurityGroup {
    #[serde(rename = "GroupName", default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    #[serde(rename = "OwnerAlias", default, skip_serializing_if = "Option::is_none")]
    pub owner_alias: Option<String>,
}

/// `Tag`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    #[serde(rename = "Key")]
    pub key: String,
    #[serde(rename = "Value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// One call of an operation this service implements, with its typed input.
#[derive(Debug, Clone, PartialEq)]
pub enum Operation {
    DescribeInstanceHealth(DescribeEndPointStateInput),
    DescribeLoadBalancers(DescribeAccessPointsInput),
    RegisterInstancesWithLoadBalancer(RegisterEndPointsInput),
    DeregisterInstancesFromLoadBalancer(DeregisterEndPointsInput),
    CreateLoadBalancer(CreateAccessPointInput),
    ConfigureHealthCheck(ConfigureHealthCheckInput),
    ModifyLoadBalancerAttributes(ModifyLoadBalancerAttributesInput),
    CreateLBCookieStickinessPolicy(CreateLBCookieStickinessPolicyInput),
    CreateAppCookieStickinessPolicy(CreateAppCookieStickinessPolicyInput),
    SetLoadBalancerPoliciesOfListener(SetLoadBalancerPoliciesOfListenerInput),
    DeleteLoadBalancer(DeleteAccessPointInput),
}
impl Operation {
    /// The operations' names, as the model spells them.
    pub const NAMES: &'static [&'static str] = &[
        "DescribeInstanceHealth",
        "DescribeLoadBalancers",
        "RegisterInstancesWithLoadBalancer",
        "DeregisterInstancesFromLoadBalancer",
        "CreateLoadBalancer",
        "ConfigureHealthCheck",
        "ModifyLoadBalancerAttributes",
        "CreateLBCookieStickinessPolicy",
        "CreateAppCookieStickinessPolicy",
        "SetLoadBalancerPoliciesOfListener",
        "DeleteLoadBalancer",
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
            "CreateLoadBalancer" => Operation::CreateLoadBalancer(wire::typed::input(input)?),
            "ConfigureHealthCheck" => Operation::ConfigureHealthCheck(wire::typed::input(input)?),
            "ModifyLoadBalancerAttributes" => Operation::ModifyLoadBalancerAttributes(wire::typed::input(input)?),
            "CreateLBCookieStickinessPolicy" => Operation::CreateLBCookieStickinessPolicy(wire::typed::input(input)?),
            "CreateAppCookieStickinessPolicy" => Operation::CreateAppCookieStickinessPolicy(wire::typed::input(input)?),
            "SetLoadBalancerPoliciesOfListener" => {
                Operation::SetLoadBalancerPoliciesOfListener(wire::typed::input(input)?)
            }
            "DeleteLoadBalancer" => Operation::DeleteLoadBalancer(wire::typed::input(input)?),
            _ => return Ok(None),
        }))
    }

    pub fn name(&self) -> &'static str {
        match self {
            Operation::DescribeInstanceHealth(_) => "DescribeInstanceHealth",
            Operation::DescribeLoadBalancers(_) => "DescribeLoadBalancers",
            Operation::RegisterInstancesWithLoadBalancer(_) => "RegisterInstancesWithLoadBalancer",
            Operation::DeregisterInstancesFromLoadBalancer(_) => "DeregisterInstancesFromLoadBalancer",
            Operation::CreateLoadBalancer(_) => "CreateLoadBalancer",
            Operation::ConfigureHealthCheck(_) => "ConfigureHealthCheck",
            Operation::ModifyLoadBalancerAttributes(_) => "ModifyLoadBalancerAttributes",
            Operation::CreateLBCookieStickinessPolicy(_) => "CreateLBCookieStickinessPolicy",
            Operation::CreateAppCookieStickinessPolicy(_) => "CreateAppCookieStickinessPolicy",
            Operation::SetLoadBalancerPoliciesOfListener(_) => "SetLoadBalancerPoliciesOfListener",
            Operation::DeleteLoadBalancer(_) => "DeleteLoadBalancer",
        }
    }
}

wire::typed_client! {
    describe_instance_health(DescribeEndPointStateInput) -> DescribeEndPointStateOutput = "DescribeInstanceHealth";
    describe_load_balancers(DescribeAccessPointsInput) -> DescribeAccessPointsOutput = "DescribeLoadBalancers";
    register_instances_with_load_balancer(RegisterEndPointsInput) -> RegisterEndPointsOutput = "RegisterInstancesWithLoadBalancer";
    deregister_instances_from_load_balancer(DeregisterEndPointsInput) -> DeregisterEndPointsOutput = "DeregisterInstancesFromLoadBalancer";
    create_load_balancer(CreateAccessPointInput) -> CreateAccessPointOutput = "CreateLoadBalancer";
    configure_health_check(ConfigureHealthCheckInput) -> ConfigureHealthCheckOutput = "ConfigureHealthCheck";
    modify_load_balancer_attributes(ModifyLoadBalancerAttributesInput) -> ModifyLoadBalancerAttributesOutput = "ModifyLoadBalancerAttributes";
    create_lb_cookie_stickiness_policy(CreateLBCookieStickinessPolicyInput) -> CreateLBCookieStickinessPolicyOutput = "CreateLBCookieStickinessPolicy";
    create_app_cookie_stickiness_policy(CreateAppCookieStickinessPolicyInput) -> CreateAppCookieStickinessPolicyOutput = "CreateAppCookieStickinessPolicy";
    set_load_balancer_policies_of_listener(SetLoadBalancerPoliciesOfListenerInput) -> SetLoadBalancerPoliciesOfListenerOutput = "SetLoadBalancerPoliciesOfListener";
    delete_load_balancer(DeleteAccessPointInput) -> DeleteAccessPointOutput = "DeleteLoadBalancer";
}
