//! Provisioners: one per resource type, each building its service's API input as a typed
//! struct from the resolved properties, calling it through [`crate::Services`] as the stack's
//! caller, and answering the physical id and the attributes Fn::GetAtt reads. Deletion
//! undoes it, waiting where the service finishes asynchronously.

mod autoscaling;
mod classic_elb;
mod cloudwatch;
pub mod dynamic;
mod ec2;
mod ec2_endpoints;
mod ec2_interfaces;
mod elb;
mod iam;
mod rds;
mod secrets;
mod sns;
mod sqs;
pub mod update;

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde_json::{Map, Value};
use wire::{ApiError, Principal};

use crate::{Peer, Services};

/// What a provisioner needs to act for a stack.
pub struct Cx {
    pub services: Arc<dyn Services>,
    /// None when the stack's creator used temporary credentials (refused).
    pub caller: Option<Principal>,
    pub stack_name: String,
    pub logical_id: String,
    pub region: String,
    pub account: String,
    /// Records a physical id as soon as the resource exists, before any wait for it to
    /// stabilise, so that a rollback after a restart can find it.
    pub on_physical: Arc<dyn Fn(&str) + Send + Sync>,
    /// The stack's tags, which CloudFormation puts on every resource that takes tags.
    pub stack_tags: Vec<(String, String)>,
    /// The resource's DeletionPolicy, while it is deleted (`Snapshot` keeps a final snapshot).
    pub deletion_policy: Option<String>,
}

/// A created resource.
pub struct Created {
    pub physical_id: String,
    /// What Ref answers.
    pub reference: String,
    pub attributes: Map<String, Value>,
}

impl Created {
    pub fn id(physical_id: impl Into<String>) -> Created {
        let physical_id = physical_id.into();
        Created { reference: physical_id.clone(), physical_id, attributes: Map::new() }
    }

    pub fn attr(mut self, name: &str, v: impl Into<Value>) -> Created {
        self.attributes.insert(name.to_string(), v.into());
        self
    }
}

impl Cx {
    /// Call another service's operation with a typed input; errors worded as CloudFormation
    /// reports a service's refusal.
    pub async fn call<I: Serialize>(&self, peer: Peer, op: &str, input: &I) -> Result<Value, String> {
        let Some(caller) = &self.caller else {
            return Err(format!(
                "Stacks created with temporary credentials cannot act in this region yet (Service: {}; Status Code: 403; Error Code: AccessDenied)",
                peer.service_name()
            ));
        };
        let input = serde_json::to_value(input).map_err(|e| e.to_string())?;
        self.services.call(caller, peer, op, input).await.map_err(|e| refusal(peer, e))
    }

    /// EC2, typed, as the stack's caller (the same checks as [`Cx::call`]).
    pub fn ec2(&self) -> Result<api::ec2::Client, String> {
        Ok(api::ec2::Client::new(self.transport(Peer::Ec2)?))
    }

    /// SNS, typed, as the stack's caller.
    pub fn sns(&self) -> Result<api::sns::Client, String> {
        Ok(api::sns::Client::new(self.transport(Peer::Sns)?))
    }

    /// SQS, typed, as the stack's caller.
    pub fn sqs(&self) -> Result<api::sqs::Client, String> {
        Ok(api::sqs::Client::new(self.transport(Peer::Sqs)?))
    }

    /// CloudWatch, typed, as the stack's caller.
    pub fn cloudwatch(&self) -> Result<api::cloudwatch::Client, String> {
        Ok(api::cloudwatch::Client::new(self.transport(Peer::CloudWatch)?))
    }

    /// Elastic Load Balancing (v2), typed, as the stack's caller.
    pub fn elb(&self) -> Result<api::elbv2::Client, String> {
        Ok(api::elbv2::Client::new(self.transport(Peer::Elb)?))
    }

    /// Auto Scaling, typed, as the stack's caller.
    pub fn autoscaling(&self) -> Result<api::autoscaling::Client, String> {
        Ok(api::autoscaling::Client::new(self.transport(Peer::AutoScaling)?))
    }

    /// A template's property as one of `peer`'s typed structures (`shape` in its model), its
    /// text scalars made numbers and booleans where the model says so, as CloudFormation reads
    /// templates.
    pub fn typed<T: serde::de::DeserializeOwned>(
        &self,
        peer: Peer,
        shape: &str,
        property: &str,
        v: &Value,
    ) -> Result<T, String> {
        let mut v = v.clone();
        wire::typed::coerce(wire::model::load_embedded(peer.model_name()), shape, &mut v);
        serde_json::from_value(v).map_err(|e| format!("Value of property {property} is not valid: {e}"))
    }

    /// Classic Elastic Load Balancing, typed, as the stack's caller.
    pub fn classic_elb(&self) -> Result<api::elb::Client, String> {
        Ok(api::elb::Client::new(self.transport(Peer::ClassicElb)?))
    }

    fn transport(&self, peer: Peer) -> Result<Arc<dyn wire::typed::Transport>, String> {
        let Some(caller) = &self.caller else {
            return Err(format!(
                "Stacks created with temporary credentials cannot act in this region yet (Service: {}; Status Code: 403; Error Code: AccessDenied)",
                peer.service_name()
            ));
        };
        Ok(Arc::new(AsCaller { services: self.services.clone(), caller: caller.clone(), peer }))
    }

    /// The tags a resource is created with: the stack's, then the resource's own (which win).
    pub fn tags(&self, p: Props<'_>) -> Vec<Tag> {
        let own = p.own_tags();
        let mut out: Vec<Tag> = self
            .stack_tags
            .iter()
            .filter(|(k, _)| !own.iter().any(|t| &t.key == k))
            .map(|(k, v)| Tag { key: k.clone(), value: v.clone() })
            .collect();
        out.extend(own);
        out
    }

    /// The resource exists (its service answered the create call); it may still be starting.
    pub fn exists(&self, physical_id: &str) {
        (self.on_physical)(physical_id)
    }

    /// A name CloudFormation makes for a resource the template leaves unnamed:
    /// `<stack>-<logical id>-<random>`, cut to `max` characters.
    pub fn generated_name(&self, max: usize) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let suffix: String = (0..12).map(|_| ALPHABET[rand::random::<usize>() % ALPHABET.len()] as char).collect();
        let room = max.saturating_sub(suffix.len() + 2);
        let mut prefix = format!("{}-{}", self.stack_name, self.logical_id);
        if prefix.len() > room {
            prefix.truncate(room);
        }
        format!("{prefix}-{suffix}")
    }

    /// Poll `check` every 250 ms until it answers Some, at most `limit`.
    pub async fn wait_for<T, F, Fut>(&self, what: &str, limit: Duration, mut check: F) -> Result<T, String>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<Option<T>, String>>,
    {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if let Some(v) = check().await? {
                return Ok(v);
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(format!("Timed out waiting for {what}"));
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }
}

/// Read access to a resource's resolved properties, lenient as CloudFormation is
/// ("2" and 2 are both numbers, "true" and true both booleans).
#[derive(Clone, Copy)]
pub struct Props<'a>(pub &'a Value);

impl<'a> Props<'a> {
    pub fn get(&self, k: &str) -> Option<&'a Value> {
        self.0.get(k)
    }

    pub fn str(&self, k: &str) -> Option<String> {
        match self.0.get(k)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    pub fn req(&self, k: &str) -> Result<String, String> {
        self.str(k).ok_or_else(|| format!("Property {k} cannot be empty."))
    }

    pub fn int(&self, k: &str) -> Result<Option<i64>, String> {
        match self.0.get(k) {
            None => Ok(None),
            Some(Value::Number(n)) => {
                n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)).map(Some).ok_or_else(|| bad(k))
            }
            Some(Value::String(s)) => s.trim().parse().map(Some).map_err(|_| bad(k)),
            Some(_) => Err(bad(k)),
        }
    }

    /// An integer property the callee's model holds in 32 bits.
    pub fn int32(&self, k: &str) -> Result<Option<i32>, String> {
        self.int(k)?
            .map(|v| i32::try_from(v).map_err(|_| format!("Value of property {k} must be a 32-bit integer")))
            .transpose()
    }

    pub fn float(&self, k: &str) -> Result<Option<f64>, String> {
        match self.0.get(k) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(Value::String(s)) => s.trim().parse().map(Some).map_err(|_| bad(k)),
            Some(_) => Err(bad(k)),
        }
    }

    pub fn bool(&self, k: &str) -> Result<Option<bool>, String> {
        match self.0.get(k) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(_) => Err(bad(k)),
        }
    }

    pub fn strings(&self, k: &str) -> Vec<String> {
        match self.0.get(k) {
            Some(Value::Array(a)) => a.iter().map(crate::template::eval::scalar_text).collect(),
            Some(Value::String(s)) => s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect(),
            _ => vec![],
        }
    }

    /// A list of strings the callee takes as an optional member: None when the template leaves
    /// it out or empty.
    pub fn list(&self, k: &str) -> Option<Vec<String>> {
        Some(self.strings(k)).filter(|v| !v.is_empty())
    }

    pub fn objects(&self, k: &str) -> Vec<Props<'a>> {
        match self.0.get(k) {
            Some(Value::Array(a)) => a.iter().map(Props).collect(),
            _ => vec![],
        }
    }

    /// The resource's own tags (without the stack's: see [`Cx::tags`]).
    pub fn own_tags(&self) -> Vec<Tag> {
        self.objects("Tags")
            .into_iter()
            .filter_map(|t| Some(Tag { key: t.str("Key")?, value: t.str("Value").unwrap_or_default() }))
            .collect()
    }
}

fn bad(k: &str) -> String {
    format!("Value of property {k} must be of the expected type")
}

#[derive(Debug, Clone, Serialize)]
pub struct Tag {
    #[serde(rename = "Key")]
    pub key: String,
    #[serde(rename = "Value")]
    pub value: String,
}

/// Create a resource of `kind` from its resolved properties.
pub async fn create(cx: &Cx, kind: &str, props: &Value) -> Result<Created, String> {
    let props = &dynamic::resolve(cx, props).await?;
    let p = Props(props);
    match kind {
        "AWS::SNS::Topic" => sns::create_topic(cx, p).await,
        "AWS::SNS::Subscription" => sns::create_subscription(cx, p).await,
        "AWS::SQS::Queue" => sqs::create_queue(cx, p).await,
        "AWS::SQS::QueuePolicy" => sqs::create_queue_policy(cx, p).await,
        "AWS::EC2::SecurityGroup" => ec2::create_security_group(cx, p).await,
        "AWS::EC2::VPC" => ec2::create_vpc(cx, p).await,
        "AWS::EC2::Subnet" => ec2::create_subnet(cx, p).await,
        "AWS::EC2::InternetGateway" => ec2::create_internet_gateway(cx, p).await,
        "AWS::EC2::VPCGatewayAttachment" => ec2::attach_gateway(cx, p).await,
        "AWS::EC2::RouteTable" => ec2::create_route_table(cx, p).await,
        "AWS::EC2::Route" => ec2::create_route(cx, p).await,
        "AWS::EC2::SubnetRouteTableAssociation" => ec2::associate_route_table(cx, p).await,
        "AWS::EC2::EIP" => ec2::allocate_address(cx, p).await,
        "AWS::EC2::NatGateway" => ec2::create_nat_gateway(cx, p).await,
        "AWS::EC2::LaunchTemplate" => ec2::create_launch_template(cx, p).await,
        "AWS::EC2::Instance" => ec2::run_instance(cx, p).await,
        "AWS::EC2::DHCPOptions" => ec2_interfaces::create_dhcp_options(cx, p).await,
        "AWS::EC2::VPCEndpoint" => ec2_endpoints::create_vpc_endpoint(cx, p).await,
        "AWS::EC2::PrefixList" => ec2_endpoints::create_prefix_list(cx, p).await,
        "AWS::EC2::VPCDHCPOptionsAssociation" => ec2_interfaces::associate_dhcp_options(cx, p).await,
        "AWS::EC2::NetworkInterface" => ec2_interfaces::create_network_interface(cx, p).await,
        "AWS::EC2::NetworkInterfaceAttachment" => ec2_interfaces::attach_network_interface(cx, p).await,
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => elb::create_load_balancer(cx, p).await,
        "AWS::ElasticLoadBalancingV2::TargetGroup" => elb::create_target_group(cx, p).await,
        "AWS::ElasticLoadBalancingV2::Listener" => elb::create_listener(cx, p).await,
        "AWS::AutoScaling::AutoScalingGroup" => autoscaling::create_group(cx, p).await,
        "AWS::AutoScaling::ScalingPolicy" => autoscaling::put_scaling_policy(cx, p).await,
        "AWS::AutoScaling::ScheduledAction" => autoscaling::put_scheduled_action(cx, p).await,
        "AWS::CloudWatch::Alarm" => cloudwatch::put_alarm(cx, p).await,
        "AWS::IAM::Group" => iam::create_group(cx, p).await,
        "AWS::IAM::User" => iam::create_user(cx, p).await,
        "AWS::IAM::Role" => iam::create_role(cx, p).await,
        "AWS::SecretsManager::Secret" => secrets::create_secret(cx, p).await,
        "AWS::SSM::Parameter" => secrets::put_parameter(cx, p).await,
        "AWS::IAM::InstanceProfile" => iam::create_instance_profile(cx, p).await,
        "AWS::IAM::Policy" => iam::create_policy(cx, p).await,
        "AWS::IAM::ManagedPolicy" => iam::create_managed_policy(cx, p).await,
        "AWS::IAM::UserToGroupAddition" => iam::add_users_to_group(cx, p).await,
        "AWS::EC2::SecurityGroupIngress" => ec2::create_rule(cx, p, false).await,
        "AWS::EC2::SecurityGroupEgress" => ec2::create_rule(cx, p, true).await,
        "AWS::EC2::EIPAssociation" => ec2::associate_address(cx, p).await,
        "AWS::EC2::KeyPair" => ec2::create_key_pair(cx, p).await,
        "AWS::EC2::Volume" => ec2::create_volume(cx, p).await,
        "AWS::EC2::VolumeAttachment" => ec2::attach_volume(cx, p).await,
        "AWS::ElasticLoadBalancingV2::ListenerRule" => elb::create_listener_rule(cx, p).await,
        "AWS::AutoScaling::LaunchConfiguration" => autoscaling::create_launch_configuration(cx, p).await,
        "AWS::RDS::DBSubnetGroup" => rds::create_subnet_group(cx, p).await,
        "AWS::RDS::DBInstance" => rds::create_instance(cx, p).await,
        "AWS::RDS::DBParameterGroup" => rds::create_parameter_group(cx, p).await,
        "AWS::ElasticLoadBalancing::LoadBalancer" => classic_elb::create(cx, p).await,
        other => Err(format!("Resource type {other} is not supported by this region")),
    }
}

/// Delete a resource created by [`create`].
pub async fn delete(
    cx: &Cx,
    kind: &str,
    physical_id: &str,
    props: &Value,
    attrs: &Map<String, Value>,
) -> Result<(), String> {
    let p = Props(props);
    match kind {
        "AWS::SNS::Topic" => sns::delete_topic(cx, physical_id).await,
        "AWS::SNS::Subscription" => sns::delete_subscription(cx, physical_id).await,
        "AWS::SQS::Queue" => sqs::delete_queue(cx, physical_id).await,
        "AWS::SQS::QueuePolicy" => sqs::delete_queue_policy(cx, p).await,
        "AWS::EC2::SecurityGroup" => ec2::delete_security_group(cx, physical_id).await,
        "AWS::EC2::VPC" => ec2::delete_vpc(cx, physical_id).await,
        "AWS::EC2::Subnet" => ec2::delete_subnet(cx, physical_id).await,
        "AWS::EC2::InternetGateway" => ec2::delete_internet_gateway(cx, physical_id).await,
        "AWS::EC2::VPCGatewayAttachment" => ec2::detach_gateway(cx, p).await,
        "AWS::EC2::RouteTable" => ec2::delete_route_table(cx, physical_id).await,
        "AWS::EC2::Route" => ec2::delete_route(cx, p).await,
        "AWS::EC2::SubnetRouteTableAssociation" => ec2::disassociate_route_table(cx, physical_id).await,
        "AWS::EC2::EIP" => ec2::release_address(cx, attrs).await,
        "AWS::EC2::NatGateway" => ec2::delete_nat_gateway(cx, physical_id).await,
        "AWS::EC2::LaunchTemplate" => ec2::delete_launch_template(cx, physical_id).await,
        "AWS::EC2::Instance" => ec2::terminate_instance(cx, physical_id).await,
        "AWS::EC2::DHCPOptions" => ec2_interfaces::delete_dhcp_options(cx, physical_id).await,
        "AWS::EC2::VPCEndpoint" => ec2_endpoints::delete_vpc_endpoint(cx, physical_id).await,
        "AWS::EC2::PrefixList" => ec2_endpoints::delete_prefix_list(cx, physical_id).await,
        "AWS::EC2::VPCDHCPOptionsAssociation" => ec2_interfaces::disassociate_dhcp_options(cx, p).await,
        "AWS::EC2::NetworkInterface" => ec2_interfaces::delete_network_interface(cx, physical_id).await,
        "AWS::EC2::NetworkInterfaceAttachment" => ec2_interfaces::detach_network_interface(cx, physical_id).await,
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => elb::delete_load_balancer(cx, physical_id).await,
        "AWS::ElasticLoadBalancingV2::TargetGroup" => elb::delete_target_group(cx, physical_id).await,
        "AWS::ElasticLoadBalancingV2::Listener" => elb::delete_listener(cx, physical_id).await,
        "AWS::AutoScaling::AutoScalingGroup" => autoscaling::delete_group(cx, physical_id).await,
        "AWS::AutoScaling::ScalingPolicy" => autoscaling::delete_policy(cx, p, attrs).await,
        "AWS::AutoScaling::ScheduledAction" => autoscaling::delete_scheduled_action(cx, p, physical_id).await,
        "AWS::CloudWatch::Alarm" => cloudwatch::delete_alarm(cx, physical_id).await,
        "AWS::IAM::Group" => iam::delete_group(cx, p, physical_id).await,
        "AWS::IAM::User" => iam::delete_user(cx, p, physical_id).await,
        "AWS::IAM::Role" => iam::delete_role(cx, p, physical_id).await,
        "AWS::SecretsManager::Secret" => secrets::delete_secret(cx, physical_id).await,
        "AWS::SSM::Parameter" => secrets::delete_parameter(cx, physical_id).await,
        "AWS::IAM::InstanceProfile" => iam::delete_instance_profile(cx, p, physical_id).await,
        "AWS::IAM::Policy" => iam::delete_policy(cx, p).await,
        "AWS::IAM::ManagedPolicy" => iam::delete_managed_policy(cx, p, physical_id).await,
        "AWS::IAM::UserToGroupAddition" => iam::remove_users_from_group(cx, p).await,
        "AWS::EC2::SecurityGroupIngress" => ec2::delete_rule(cx, p, false).await,
        "AWS::EC2::SecurityGroupEgress" => ec2::delete_rule(cx, p, true).await,
        "AWS::EC2::EIPAssociation" => ec2::disassociate_address(cx, physical_id).await,
        "AWS::EC2::KeyPair" => ec2::delete_key_pair(cx, physical_id).await,
        "AWS::EC2::Volume" => ec2::delete_volume(cx, physical_id).await,
        "AWS::EC2::VolumeAttachment" => ec2::detach_volume(cx, p).await,
        "AWS::ElasticLoadBalancingV2::ListenerRule" => elb::delete_listener_rule(cx, physical_id).await,
        "AWS::AutoScaling::LaunchConfiguration" => autoscaling::delete_launch_configuration(cx, physical_id).await,
        "AWS::RDS::DBSubnetGroup" => rds::delete_subnet_group(cx, physical_id).await,
        "AWS::RDS::DBInstance" => rds::delete_instance(cx, p, physical_id).await,
        "AWS::RDS::DBParameterGroup" => rds::delete_parameter_group(cx, physical_id).await,
        "AWS::ElasticLoadBalancing::LoadBalancer" => classic_elb::delete(cx, physical_id).await,
        // Never created: nothing to delete.
        _ => Ok(()),
    }
}

/// "Not found" answers from a delete mean the resource is gone already.
/// A service's refusal, worded as CloudFormation reports it.
pub fn refusal(peer: Peer, e: ApiError) -> String {
    format!("{} (Service: {}; Status Code: {}; Error Code: {})", e.message, peer.service_name(), e.status, e.code)
}

/// Calls into one service as the stack's caller.
struct AsCaller {
    services: Arc<dyn Services>,
    caller: Principal,
    peer: Peer,
}

impl wire::typed::Transport for AsCaller {
    fn call<'a>(&'a self, op: &'a str, input: Value) -> wire::BoxFuture<'a, Result<Value, ApiError>> {
        self.services.call(&self.caller, self.peer, op, input)
    }
}

pub fn gone<T>(result: Result<T, String>) -> Result<(), String> {
    match result {
        Ok(_) => Ok(()),
        Err(e) if e.contains("NotFound") || e.contains("does not exist") || e.contains("NoSuchEntity") => Ok(()),
        Err(e) => Err(e),
    }
}
