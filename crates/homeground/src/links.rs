//! Typed links between services, wired here so that no service depends on another's crate
//! for more than the interface it needs.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use iam::Identity;
use serde_json::Value;

/// EC2's metadata service gets instance-profile credentials from IAM, cached per instance
/// until 15 minutes before they expire (as EC2 rotates them).
pub struct InstanceCredentials {
    identity: Arc<Identity>,
    /// (profile, instance) → (role name, credentials, expiry)
    cache: Mutex<HashMap<(String, String), Issued>>,
}

type Issued = (String, Value, f64);

impl InstanceCredentials {
    pub fn new(identity: Arc<Identity>) -> InstanceCredentials {
        InstanceCredentials { identity, cache: Mutex::new(HashMap::new()) }
    }
}

impl ec2::CredentialSource for InstanceCredentials {
    fn instance_credentials(&self, profile: &str, instance_id: &str) -> Option<(String, Value)> {
        let key = (profile.to_string(), instance_id.to_string());
        let now = self.identity.now();
        if let Some((role, creds, expires)) = self.cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            if *expires - now > 900.0 {
                return Some((role.clone(), creds.clone()));
            }
        }
        let (role, creds) = match self.identity.instance_profile_credentials(profile, instance_id) {
            Ok(Some(c)) => c,
            Ok(None) => return None,
            Err(e) => {
                tracing::warn!(error = %e, profile, "instance profile credentials not issued");
                return None;
            }
        };
        let expires = creds.get("Expiration").and_then(Value::as_str).and_then(wire::timestamp::parse).unwrap_or(now);
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).insert(key, (role.clone(), creds.clone(), expires));
        Some((role, creds))
    }

    fn instance_profile_roles(&self, profile: &str) -> Option<Vec<String>> {
        match self.identity.instance_profile_roles(profile) {
            Ok(roles) => roles,
            Err(e) => {
                tracing::warn!(error = %e, profile, "instance profile not read");
                None
            }
        }
    }
}

/// ELB reads instance addresses and subnet placement from EC2.
pub struct Ec2Directory(pub Arc<ec2::Ec2>);

impl elb::InstanceDirectory for Ec2Directory {
    fn instance(&self, instance_id: &str) -> Option<elb::InstanceInfo> {
        let a = self.0.instance_address(instance_id)?;
        Some(elb::InstanceInfo {
            loopback: a.loopback,
            private: a.private,
            availability_zone: a.availability_zone,
            vpc_id: a.vpc_id,
            running: a.running,
        })
    }

    fn subnet(&self, subnet_id: &str) -> Option<(String, String)> {
        self.0.subnet_placement(subnet_id)
    }

    fn vpc_access(&self, owner: &str, vpc_id: &str, subnets: &[String], groups: &[String]) -> Option<elb::VpcAccess> {
        match self.0.service_interface(owner, vpc_id, subnets, groups) {
            Ok(access) => access.map(|(netns, source)| elb::VpcAccess { netns, source }),
            Err(e) => {
                tracing::warn!(load_balancer = owner, vpc = vpc_id, error = %e, "no address in the VPC");
                None
            }
        }
    }

    fn retain_vpc_access(&self, keep: &std::collections::HashSet<String>) {
        if let Err(e) = self.0.retain_service_interfaces("arn:aws:elasticloadbalancing:", keep) {
            tracing::warn!(error = %e, "load balancer addresses not given back");
        }
    }

    fn ingress(&self, group_id: &str) -> Option<Vec<elb::IngressRule>> {
        let rules = self.0.ingress_cidrs(group_id)?;
        Some(
            rules
                .into_iter()
                .map(|r| elb::IngressRule {
                    protocol: r.protocol,
                    from_port: r.from_port,
                    to_port: r.to_port,
                    cidr: r.cidr,
                })
                .collect(),
        )
    }
}

/// RDS's DB subnet groups check their subnets in EC2.
pub struct Ec2Subnets(pub Arc<ec2::Ec2>);

impl rds::SubnetDirectory for Ec2Subnets {
    fn subnet(&self, subnet_id: &str) -> Option<(String, String)> {
        self.0.subnet_placement(subnet_id)
    }

    fn vpc_endpoint(
        &self,
        owner: &str,
        vpc_id: &str,
        subnets: &[String],
        groups: &[String],
        port: u16,
        serve: std::net::SocketAddr,
    ) -> Option<std::net::Ipv4Addr> {
        match self.0.service_endpoint(owner, vpc_id, subnets, groups, port, serve) {
            Ok(ip) => ip,
            Err(e) => {
                tracing::warn!(db_instance = owner, vpc = vpc_id, error = %e, "no endpoint in the VPC");
                None
            }
        }
    }

    fn retain_vpc_endpoints(&self, keep: &std::collections::HashSet<String>) {
        if let Err(e) = self.0.retain_service_endpoints("arn:aws:rds:", keep) {
            tracing::warn!(error = %e, "DB instance endpoints not given back");
        }
    }
}

/// RDS keeps the master passwords it manages (ManageMasterUserPassword) in Secrets Manager,
/// calling its API as RDS's service-linked role.
pub struct RdsSecrets {
    pub secrets: Arc<dyn wire::Service>,
    pub cx: wire::CallContext,
}

impl RdsSecrets {
    /// RDS calls from blocking code (an API call in `block_in_place`, a controller job on a
    /// blocking thread), where waiting on the runtime is allowed.
    fn call(&self, op: &str, input: Value) -> Result<Value, String> {
        tokio::runtime::Handle::current()
            .block_on(self.secrets.call(&self.cx, op, input))
            .map_err(|e| format!("{}: {}", e.code, e.message))
    }
}

impl rds::SecretStore for RdsSecrets {
    fn create_master_secret(&self, name: &str, username: &str, password: &str) -> Result<String, String> {
        let value = serde_json::json!({"username": username, "password": password}).to_string();
        let out = self.call(
            "CreateSecret",
            serde_json::json!({
                "Name": name,
                "SecretString": value,
                "Description": "Master user password of an RDS DB instance, managed by RDS",
            }),
        )?;
        out.get("ARN").and_then(Value::as_str).map(String::from).ok_or_else(|| "CreateSecret gave no ARN".into())
    }

    fn delete_secret(&self, arn: &str) -> Result<(), String> {
        self.call("DeleteSecret", serde_json::json!({"SecretId": arn, "ForceDeleteWithoutRecovery": true})).map(|_| ())
    }
}

/// CloudWatch takes RDS's measurements (AWS/RDS, per DBInstanceIdentifier) once a second.
pub struct RdsMetrics(pub Arc<rds::Rds>);

impl cloudwatch::MetricSource for RdsMetrics {
    fn sample(&self) -> Vec<cloudwatch::Measurement> {
        self.0
            .take_metrics()
            .into_iter()
            .map(|m| cloudwatch::Measurement {
                namespace: "AWS/RDS".into(),
                name: m.name.into(),
                dimensions: vec![("DBInstanceIdentifier".into(), m.db_instance)],
                value: m.value,
                unit: m.unit.into(),
            })
            .collect()
    }
}

/// CloudWatch takes SQS's AWS/SQS metrics (per QueueName).
pub struct SqsMetrics(pub Arc<sqs::Sqs>);

impl cloudwatch::MetricSource for SqsMetrics {
    fn sample(&self) -> Vec<cloudwatch::Measurement> {
        self.0
            .take_metrics()
            .into_iter()
            .map(|m| cloudwatch::Measurement {
                namespace: "AWS/SQS".into(),
                name: m.name.into(),
                dimensions: vec![("QueueName".into(), m.queue)],
                value: m.value,
                unit: m.unit.into(),
            })
            .collect()
    }
}

/// HTTPS listeners present IAM server certificates (UploadServerCertificate).
pub struct IamCertificates(pub Arc<Identity>);

impl elb::CertificateStore for IamCertificates {
    fn certificate(&self, arn: &str) -> Option<(String, Option<String>, String)> {
        match self.0.server_certificate(arn) {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %e, arn, "server certificate not readable");
                None
            }
        }
    }
}

// ---- CloudWatch and SNS ----------------------------------------------------------------------

/// CloudWatch alarm actions: SNS topics are published to, Auto Scaling policies are handed to
/// Auto Scaling's controller, EC2 automate actions (stop, terminate, reboot, recover) call EC2's
/// API as a service-linked role.
pub struct AlarmActions {
    pub sns: Arc<sns::Sns>,
    /// Set once Auto Scaling is open (it needs CloudWatch first).
    pub autoscaling: OnceLock<Arc<autoscaling::AutoScaling>>,
    /// EC2 actions (`arn:aws:automate:<region>:ec2:stop|terminate|reboot|recover`) go through
    /// EC2's typed client as CloudWatch's service-linked role.
    pub ec2: api::ec2::Client,
}

impl AlarmActions {
    /// An EC2 action on the alarm's `InstanceId` dimension.
    fn ec2_action(&self, action_arn: &str, notice: &cloudwatch::AlarmNotice) -> Result<(), String> {
        use api::ec2::{RebootInstancesRequest, StopInstancesRequest, TerminateInstancesRequest};
        let verb = action_arn.rsplit(':').next().unwrap_or_default();
        if !matches!(verb, "stop" | "terminate" | "reboot" | "recover") {
            return Err(format!("Unsupported EC2 action {action_arn}"));
        }
        let msg: Value = serde_json::from_str(&notice.message).map_err(|e| e.to_string())?;
        let instance = msg
            .pointer("/Trigger/Dimensions")
            .and_then(Value::as_array)
            .and_then(|d| d.iter().find(|x| x.get("name").and_then(Value::as_str) == Some("InstanceId")))
            .and_then(|x| x.get("value").and_then(Value::as_str))
            .ok_or("EC2 actions need an alarm on a metric with an InstanceId dimension")?
            .to_string();
        let instance_ids = vec![instance];
        let ec2 = &self.ec2;
        let done = tokio::runtime::Handle::current().block_on(async move {
            match verb {
                "stop" => {
                    ec2.stop_instances(StopInstancesRequest { instance_ids, ..Default::default() }).await.map(|_| ())
                }
                "terminate" => ec2
                    .terminate_instances(TerminateInstancesRequest { instance_ids, ..Default::default() })
                    .await
                    .map(|_| ()),
                // The process driver has no host to recover onto: a reboot restarts the instance.
                _ => ec2.reboot_instances(RebootInstancesRequest { instance_ids, dry_run: None }).await.map(|_| ()),
            }
        });
        done.map_err(|e| format!("{}: {}", e.code, e.message))
    }
}

impl cloudwatch::AlarmActionSink for AlarmActions {
    fn execute(&self, action_arn: &str, notice: &cloudwatch::AlarmNotice) -> Result<(), String> {
        if action_arn.starts_with("arn:aws:sns:") {
            return self.sns.publish_to_topic(action_arn, Some(&notice.subject), &notice.message).map(|_| ());
        }
        if action_arn.starts_with("arn:aws:autoscaling:") {
            let Some(asg) = self.autoscaling.get() else { return Err("Auto Scaling is not running".into()) };
            return asg.alarm_action(autoscaling::AlarmTrigger {
                policy_arn: action_arn.to_string(),
                alarm_name: notice.alarm_name.clone(),
                state: notice.new_state.clone(),
                value: notice.recent_datapoints.last().copied(),
                threshold: notice.threshold,
                at: asg.now(),
            });
        }
        if action_arn.starts_with("arn:aws:automate:") && action_arn.contains(":ec2:") {
            return self.ec2_action(action_arn, notice);
        }
        Err(format!("the action {action_arn} is not carried out by this region yet"))
    }
}

/// Auto Scaling calls EC2, ELB, CloudWatch, SNS and SQS through their typed clients, as the
/// account's service-linked role `AWSServiceRoleForAutoScaling` (which may set `aws:` tags).
pub struct AutoScalingPeers {
    pub clients: autoscaling::Clients,
    /// EC2 itself, for what a group's launches need the group's creator to be allowed.
    pub ec2: Arc<dyn wire::Service>,
}

/// A typed client's transport into `service` in this process, called as `cx` (a service-linked
/// role): the input validated against the service's model, then the operation.
pub fn local_transport(service: Arc<dyn wire::Service>, cx: &wire::CallContext) -> Arc<dyn wire::typed::Transport> {
    Arc::new(wire::typed::Local { service, cx: cx.clone() })
}

/// The calling context of a service acting through its service-linked role
/// (`/aws-service-role/<service principal>/<role>`), e.g. Auto Scaling's
/// `AWSServiceRoleForAutoScaling`.
pub fn service_linked_context(
    account: &str,
    region: &str,
    principal: &str,
    role: &str,
    session: &str,
) -> wire::CallContext {
    wire::CallContext::service_linked(account, region, principal, role, session)
}

impl autoscaling::Peers for AutoScalingPeers {
    fn clients(&self) -> &autoscaling::Clients {
        &self.clients
    }

    fn run_instances_checks(
        &self,
        input: &api::ec2::RunInstancesRequest,
        cx: &wire::CallContext,
    ) -> Result<Vec<wire::Check>, wire::ApiError> {
        let input = wire::typed::output(input);
        Ok(self.ec2.authorization("RunInstances", &input, cx)?.into_checks(self.ec2.iam_prefix(), "RunInstances"))
    }
}

/// CloudWatch measures CPUUtilization of EC2's running instances; instances Auto Scaling
/// still counts as warming up are left out of their group's aggregate.
pub struct InstanceCpu {
    pub ec2: Arc<ec2::Ec2>,
    pub autoscaling: Arc<autoscaling::AutoScaling>,
}

impl cloudwatch::InstanceSource for InstanceCpu {
    fn cpu_usage(&self) -> Vec<cloudwatch::InstanceCpu> {
        let warming = self.autoscaling.warming_instances();
        self.ec2
            .running_cpu()
            .into_iter()
            .map(|(instance_id, cpu_seconds, vcpus, group)| cloudwatch::InstanceCpu {
                auto_scaling_group: group.filter(|_| !warming.contains(&instance_id)),
                instance_id,
                cpu_seconds,
                vcpus,
            })
            .collect()
    }
}

/// CloudWatch takes the load balancers' AWS/ApplicationELB datapoints once a second.
pub struct ElbMetrics(pub Arc<elb::Elb>);

impl cloudwatch::MetricSource for ElbMetrics {
    fn sample(&self) -> Vec<cloudwatch::Measurement> {
        self.0
            .metrics()
            .into_iter()
            .map(|m| cloudwatch::Measurement {
                namespace: m.namespace.into(),
                name: m.name.into(),
                dimensions: m.dimensions,
                value: m.value,
                unit: m.unit.into(),
            })
            .collect()
    }
}

/// CloudWatch takes Auto Scaling's group metrics (AWS/AutoScaling) once a second.
pub struct GroupMetrics(pub Arc<autoscaling::AutoScaling>);

impl cloudwatch::MetricSource for GroupMetrics {
    fn sample(&self) -> Vec<cloudwatch::Measurement> {
        self.0
            .group_metrics()
            .into_iter()
            .map(|(name, group, value)| cloudwatch::Measurement {
                namespace: "AWS/AutoScaling".into(),
                name,
                dimensions: vec![("AutoScalingGroupName".into(), group)],
                value,
                unit: "None".into(),
            })
            .collect()
    }
}

/// `GET /metrics` (with `--prometheus`): every metric in Prometheus's text format.
pub struct PrometheusRoute(pub Arc<cloudwatch::CloudWatch>);

impl gateway::PublicRoute for PrometheusRoute {
    fn get(&self, _path: &str, _query: &str) -> Option<(u16, &'static str, Vec<u8>)> {
        let text = tokio::task::block_in_place(|| self.0.prometheus_text());
        Some((200, "text/plain; version=0.0.4; charset=utf-8", text.into_bytes()))
    }
}

/// The SNS confirmation/unsubscribe links and the signing certificate, served without SigV4.
pub struct SnsLinks(pub Arc<sns::Sns>);

impl gateway::PublicRoute for SnsLinks {
    fn get(&self, path: &str, query: &str) -> Option<(u16, &'static str, Vec<u8>)> {
        tokio::task::block_in_place(|| self.0.public_link(path, query))
    }
}

/// SNS delivers `sqs` subscriptions into the region's queues through SQS's typed interface,
/// as SNS's own sender.
pub struct SqsQueues(pub Arc<sqs::Sqs>);

/// The SenderId SQS shows for messages SNS delivered (SNS's service principal id on AWS).
const SNS_SENDER_ID: &str = "AIDAIT2UOQQY3AUEKVGXU";

impl sns::QueueSink for SqsQueues {
    fn send(&self, queue_arn: &str, body: &str, attributes: Vec<sns::QueueAttribute>) -> Result<String, String> {
        let attributes = attributes
            .into_iter()
            .map(|a| {
                let attr = sqs::MessageAttr {
                    data_type: a.data_type,
                    string_value: a.string_value,
                    binary_value: a.binary_value,
                };
                (a.name, attr)
            })
            .collect();
        self.0
            .send_to_queue(queue_arn, body, attributes, SNS_SENDER_ID)
            .map(|s| s.message_id)
            .map_err(|e| e.to_string())
    }
}

/// CloudFormation's wait-condition handles: a PUT of a signal to a handle's presigned URL, whose
/// signature (checked by CloudFormation) is its credential, as on AWS.
pub struct WaitConditionHandles(pub Arc<cloudformation::CloudFormation>);

impl gateway::PublicRoute for WaitConditionHandles {
    fn get(&self, _path: &str, _query: &str) -> Option<(u16, &'static str, Vec<u8>)> {
        None
    }

    fn put(&self, _path: &str, query: &str, body: &[u8]) -> Option<(u16, &'static str, Vec<u8>)> {
        Some(tokio::task::block_in_place(|| self.0.put_wait_condition_signal(query, body)))
    }
}

// ---- Secrets Manager and SSM Parameter Store -------------------------------------------------

/// SSM's public `/aws/service/…` parameters (`/aws/service/ami-amazon-linux-latest/<name>` …)
/// stand for an image registered in this region: the one whose name is the alias's last
/// segment, else the newest available one. Read through EC2's DescribeImages as SSM's
/// service-linked role.
pub struct Ec2ImageAliases {
    pub ec2: Arc<dyn wire::Service>,
    pub cx: wire::CallContext,
}

impl secrets::ImageAliases for Ec2ImageAliases {
    fn image_for(&self, name: &str) -> Option<String> {
        let input = serde_json::json!({"Filters": [{"Name": "state", "Values": ["available"]}]});
        let handle = tokio::runtime::Handle::try_current().ok()?;
        let out = match handle.block_on(self.ec2.call(&self.cx, "DescribeImages", input)) {
            Ok(out) => out,
            Err(e) => {
                tracing::warn!(error = %e, "DescribeImages for an SSM public parameter failed");
                return None;
            }
        };
        let images = out.get("Images").and_then(Value::as_array)?;
        let field = |i: &Value, k: &str| i.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        // Emulator mode's catalogue names the image exactly (when the region has it).
        if let Some(public) = ec2::public_images::image_for_alias(name) {
            if images.iter().any(|i| field(i, "ImageId") == public.image_id) {
                return Some(public.image_id.to_string());
            }
        }
        let last = name.rsplit('/').next().unwrap_or_default();
        images
            .iter()
            .find(|i| field(i, "Name") == last)
            .or_else(|| images.iter().max_by_key(|i| (field(i, "CreationDate"), field(i, "ImageId"))))
            .map(|i| field(i, "ImageId"))
    }
}

/// CloudFormation's provisioners call the other services' public operations as the stack's
/// caller, with the gateway's checks: the input validated against the target's model, the
/// caller authorised for the action on the resources the service names, then the call.
pub struct StackServices {
    pub identity: Arc<Identity>,
    pub sns: Arc<dyn wire::Service>,
    pub ec2: Arc<dyn wire::Service>,
    pub elb: Arc<dyn wire::Service>,
    pub autoscaling: Arc<dyn wire::Service>,
    pub cloudwatch: Arc<dyn wire::Service>,
    pub iam: Arc<dyn wire::Service>,
    pub secrets_manager: Arc<dyn wire::Service>,
    pub ssm: Arc<dyn wire::Service>,
    pub rds: Arc<dyn wire::Service>,
    pub classic_elb: Arc<dyn wire::Service>,
    pub sqs: Arc<dyn wire::Service>,
    pub region: String,
}

impl StackServices {
    async fn run(
        &self,
        caller: &wire::Principal,
        peer: cloudformation::Peer,
        op: &str,
        input: Value,
    ) -> Result<Value, wire::ApiError> {
        use cloudformation::Peer;
        let service = match peer {
            Peer::Sns => &self.sns,
            Peer::Ec2 => &self.ec2,
            Peer::Elb => &self.elb,
            Peer::AutoScaling => &self.autoscaling,
            Peer::CloudWatch => &self.cloudwatch,
            Peer::Iam => &self.iam,
            Peer::SecretsManager => &self.secrets_manager,
            Peer::Ssm => &self.ssm,
            Peer::Rds => &self.rds,
            Peer::ClassicElb => &self.classic_elb,
            Peer::Sqs => &self.sqs,
        };
        let model = service.model();
        let ec2 = model.default_protocol() == wire::Protocol::Ec2;
        let operation = model
            .operations
            .get(op)
            .ok_or_else(|| wire::ApiError::new(400, "InvalidAction", format!("Unknown operation {op}")))?;
        wire::validate::validate(model, operation.input.as_deref(), &input, ec2)?;
        // The stack keeps long-term principals only (users and the root), whose permissions
        // are their identity policies: no session policies to carry.
        let cred = Arc::new(iam::ResolvedCredential {
            secret_access_key: String::new(),
            principal: caller.clone(),
            session: None,
        });
        let cx = wire::CallContext {
            request_id: gateway::request_id(),
            principal: caller.clone(),
            source_ip: std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            secure_transport: true,
            region: self.region.clone(),
            // Checks an operation finds out while it runs (a role passed in a launch template)
            // are decided for the same caller.
            authorizer: Some(Arc::new(iam::CallerAuthorizer { identity: self.identity.clone(), cred: cred.clone() })),
        };
        let checks = service.authorization(op, &input, &cx)?.into_checks(service.iam_prefix(), op);
        self.identity.authorize_checks(&cred, &cx, &checks).map_err(|e| {
            if ec2 && e.code == "AccessDenied" {
                wire::ApiError::new(
                    403,
                    "UnauthorizedOperation",
                    format!("You are not authorized to perform this operation. {}", e.message),
                )
            } else {
                e
            }
        })?;
        service.call(&cx, op, input).await
    }
}

impl cloudformation::Services for StackServices {
    fn call<'a>(
        &'a self,
        caller: &'a wire::Principal,
        peer: cloudformation::Peer,
        op: &'a str,
        input: Value,
    ) -> wire::BoxFuture<'a, Result<Value, wire::ApiError>> {
        Box::pin(self.run(caller, peer, op, input))
    }
}

/// EC2 serves the region's API inside instances on isolated networks through the gateway.
/// Another region's public route, served under `prefix` (`/regions/<name>`): the route sees
/// the path it was made for.
pub struct UnderPrefix {
    pub prefix: String,
    pub route: Arc<dyn gateway::PublicRoute>,
}

impl gateway::PublicRoute for UnderPrefix {
    fn get(&self, path: &str, query: &str) -> Option<(u16, &'static str, Vec<u8>)> {
        self.route.get(path.strip_prefix(self.prefix.as_str())?, query)
    }

    fn put(&self, path: &str, query: &str, body: &[u8]) -> Option<(u16, &'static str, Vec<u8>)> {
        self.route.put(path.strip_prefix(self.prefix.as_str())?, query, body)
    }
}

pub struct GatewayDoor {
    pub gateway: Arc<gateway::Gateway>,
    pub addr: std::net::SocketAddr,
}

impl ec2::ApiDoor for GatewayDoor {
    fn addr(&self) -> std::net::SocketAddr {
        self.addr
    }

    fn open(&self, listener: tokio::net::TcpListener) -> tokio::task::JoinHandle<()> {
        gateway::spawn_door(listener, self.gateway.clone())
    }
}
