//! What EC2 keeps in the store, typed. Each record renders itself into its AWS shape.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

mod endpoints;
mod fleets;
mod interfaces;
mod net;
pub use endpoints::*;
pub use fleets::*;
pub use interfaces::*;
pub use net::*;

pub mod kind {
    pub const IMAGE: &str = "ec2.image";
    pub const INSTANCE: &str = "ec2.instance";
    pub const VPC: &str = "ec2.vpc";
    pub const SUBNET: &str = "ec2.subnet";
    /// `{subnet}/{ip}` → instance id
    pub const SUBNET_IP: &str = "ec2.subnet_ip";
    /// loopback address → instance id: one instance per loopback address across VPCs
    pub const LOOPBACK: &str = "ec2.loopback";
    pub const SECURITY_GROUP: &str = "ec2.security_group";
    pub const CLIENT_TOKEN: &str = "ec2.client_token";
    pub const KEY_PAIR: &str = "ec2.key_pair";
    pub const LAUNCH_TEMPLATE: &str = "ec2.launch_template";
    pub const INTERNET_GATEWAY: &str = "ec2.internet_gateway";
    pub const ROUTE_TABLE: &str = "ec2.route_table";
    /// Elastic IPs by allocation id.
    pub const ADDRESS: &str = "ec2.address";
    pub const NAT_GATEWAY: &str = "ec2.nat_gateway";
    pub const NETWORK_ACL: &str = "ec2.network_acl";
    /// A public address assigned at launch (not an Elastic IP): address → instance id.
    pub const PUBLIC_IP: &str = "ec2.public_ip";
    pub const NETWORK_INTERFACE: &str = "ec2.network_interface";
    pub const DHCP_OPTIONS: &str = "ec2.dhcp_options";
    /// Present once the region's default DHCP option set has been made (it may be deleted).
    pub const DHCP_DEFAULT_MADE: &str = "ec2.dhcp_default_made";
    /// A burstable family → the account's default CPU credit option.
    pub const CREDIT_DEFAULT: &str = "ec2.credit_default";
    pub const VPC_ENDPOINT: &str = "ec2.vpc_endpoint";
    pub const PREFIX_LIST: &str = "ec2.prefix_list";
    pub const SPOT_REQUEST: &str = "ec2.spot_request";
    pub const FLEET: &str = "ec2.fleet";
    pub const HOST: &str = "ec2.host";
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    pub key: String,
    pub value: String,
}

pub fn tags_json(tags: &[Tag]) -> Value {
    serde_json::to_value(tags).unwrap_or_default()
}

/// How an image boots on the process driver (the bundle's `homeground-image.json`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BootSpec {
    /// Program and arguments; `{private_ip}`, `{instance_id}` and `{imds}` are filled in.
    pub command: Vec<String>,
    /// The port the instance status check probes, if the image declares one.
    #[serde(default)]
    pub health_port: Option<u16>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ImageState {
    Pending,
    Available,
    Failed,
    Deregistered,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImageRec {
    pub image_id: String,
    pub name: String,
    pub description: Option<String>,
    pub location: String,
    pub owner_id: String,
    pub architecture: String,
    pub creation_date: String,
    pub state: ImageState,
    pub state_reason: Option<String>,
    pub boot: BootSpec,
    pub source_instance_id: Option<String>,
    pub root_device_name: String,
    pub tags: Vec<Tag>,
    /// The snapshot of the root filesystem that backs the image.
    #[serde(default)]
    pub root_snapshot_id: Option<String>,
    /// `{"UserId": …}` / `{"Group": "all"}` entries.
    #[serde(default)]
    pub launch_permissions: Vec<Value>,
    #[serde(default)]
    pub source_image_id: Option<String>,
    /// `amazon` for Amazon's public images (DescribeImages' ImageOwnerAlias, Owners=amazon).
    #[serde(default)]
    pub owner_alias: Option<String>,
}

impl ImageRec {
    pub fn render(&self) -> Value {
        let mut v = json!({
            "ImageId": self.image_id,
            "ImageLocation": self.location,
            "State": self.state,
            "OwnerId": self.owner_id,
            "CreationDate": self.creation_date,
            "Public": false,
            "Architecture": self.architecture,
            "ImageType": "machine",
            "Name": self.name,
            "RootDeviceType": "ebs",
            "RootDeviceName": self.root_device_name,
            "VirtualizationType": "hvm",
            "Hypervisor": "xen",
            "EnaSupport": true,
            "PlatformDetails": "Linux/UNIX",
            "UsageOperation": "RunInstances",
            "BlockDeviceMappings": [{"DeviceName": self.root_device_name, "Ebs": {"DeleteOnTermination": true, "SnapshotId": self.root_snapshot_id.clone().unwrap_or_default(), "VolumeSize": 8, "VolumeType": "gp3", "Encrypted": false}}],
            "Tags": tags_json(&self.tags),
        });
        if let Some(d) = &self.description {
            v["Description"] = json!(d);
        }
        if let Some(s) = &self.source_instance_id {
            v["SourceInstanceId"] = json!(s);
        }
        if let Some(s) = &self.source_image_id {
            v["SourceImageId"] = json!(s);
        }
        if let Some(a) = &self.owner_alias {
            v["ImageOwnerAlias"] = json!(a);
        }
        if self.launch_permissions.iter().any(|p| p.get("Group").and_then(Value::as_str) == Some("all")) {
            v["Public"] = json!(true);
        }
        if let Some(r) = &self.state_reason {
            v["StateReason"] = json!({"Code": "Client.Error", "Message": r});
        }
        v
    }
}

/// EC2's instance states and their codes.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum InstanceState {
    Pending,
    Running,
    ShuttingDown,
    Terminated,
    Stopping,
    Stopped,
}

impl InstanceState {
    pub fn code(self) -> i64 {
        match self {
            InstanceState::Pending => 0,
            InstanceState::Running => 16,
            InstanceState::ShuttingDown => 32,
            InstanceState::Terminated => 48,
            InstanceState::Stopping => 64,
            InstanceState::Stopped => 80,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            InstanceState::Pending => "pending",
            InstanceState::Running => "running",
            InstanceState::ShuttingDown => "shutting-down",
            InstanceState::Terminated => "terminated",
            InstanceState::Stopping => "stopping",
            InstanceState::Stopped => "stopped",
        }
    }

    pub fn render(self) -> Value {
        json!({"Code": self.code(), "Name": self.name()})
    }
}

/// What the API asked for, which the controller carries out.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum Desired {
    Running,
    Stopped,
    Terminated,
    /// Reboot: stop the process tree and boot again, staying `running`.
    Rebooted,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct Health {
    /// The instance's processes are alive.
    pub system_ok: Option<bool>,
    /// The image's declared port answers.
    pub instance_ok: Option<bool>,
    pub since: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InstanceRec {
    pub instance_id: String,
    pub reservation_id: String,
    pub launch_index: i64,
    pub image_id: String,
    pub instance_type: String,
    pub state: InstanceState,
    pub desired: Desired,
    pub state_reason: Option<(String, String)>,
    pub state_transition_reason: String,
    pub launch_time: f64,
    pub subnet_id: String,
    pub vpc_id: String,
    pub availability_zone: String,
    pub private_ip: String,
    pub loopback_ip: String,
    pub key_name: Option<String>,
    pub security_groups: Vec<(String, String)>,
    pub tags: Vec<Tag>,
    pub user_data: Option<String>,
    pub client_token: Option<String>,
    pub iam_instance_profile: Option<String>,
    pub shutdown_behavior: String,
    pub boot: BootSpec,
    pub handle: Option<compute::Handle>,
    pub booted_once: bool,
    pub terminated_at: Option<f64>,
    pub health: Health,
    /// The public address assigned at launch (subnet's MapPublicIpOnLaunch, or the primary
    /// interface's AssociatePublicIpAddress); an Elastic IP associated later replaces it.
    #[serde(default)]
    pub public_ip: Option<String>,
    /// `disableApiTermination`: TerminateInstances refuses while it is set.
    #[serde(default)]
    pub disable_api_termination: bool,
    /// `sourceDestCheck`; unset: AWS's default, true.
    #[serde(default)]
    pub source_dest_check: Option<bool>,
    #[serde(default)]
    pub ebs_optimized: bool,
    /// The periods it ran, as billed ([start, end) in whole seconds; the last open while it
    /// runs): from launch or start to the stop or terminate request (AWS bills neither
    /// stopping nor shutting-down). Cost Explorer reads them (`Ec2::run_history`).
    #[serde(default)]
    pub run_periods: Vec<(f64, Option<f64>)>,
    /// Its primary network interface (`eni-`); instances launched before interfaces were
    /// kept get one at start (`interfaces::ensure_all`).
    #[serde(default)]
    pub primary_interface: Option<String>,
    /// A burstable instance's CPU credit option (`standard`, `unlimited`); unset: its family's
    /// default (`credits.rs`).
    #[serde(default)]
    pub cpu_credits: Option<String>,
    /// The Spot Instance request that launched it (its lifecycle is then `spot`).
    #[serde(default)]
    pub spot_request: Option<String>,
}

impl InstanceRec {
    /// The open billed period ends (a stop, a termination, an instance-initiated shutdown).
    pub fn end_run(&mut self, at: f64) {
        if let Some(last) = self.run_periods.last_mut().filter(|p| p.1.is_none()) {
            last.1 = Some(at.max(last.0));
        }
    }

    /// The periods it ran; records from before they were kept count from the launch to the
    /// termination (or on, while not stopped).
    pub fn runs(&self) -> Vec<(f64, Option<f64>)> {
        if !self.run_periods.is_empty() {
            return self.run_periods.clone();
        }
        match self.state {
            InstanceState::Stopped | InstanceState::Stopping => vec![],
            _ => vec![(self.launch_time, self.terminated_at)],
        }
    }

    /// Its primary interface's attachment id (one per instance, derived from its id).
    pub fn primary_attachment_id(&self) -> String {
        format!("eni-attach-{}", self.instance_id.trim_start_matches("i-"))
    }

    /// Its primary network interface as the store keeps it.
    pub fn primary_interface_rec(&self, owner: &str) -> Option<NetworkInterfaceRec> {
        let id = self.primary_interface.as_ref()?;
        Some(NetworkInterfaceRec {
            network_interface_id: id.clone(),
            subnet_id: self.subnet_id.clone(),
            vpc_id: self.vpc_id.clone(),
            availability_zone: self.availability_zone.clone(),
            private_ip: self.private_ip.clone(),
            loopback_ip: self.loopback_ip.clone(),
            description: String::new(),
            owner_id: owner.into(),
            groups: vec![],
            source_dest_check: true,
            attachment: Some(EniAttachment {
                attachment_id: self.primary_attachment_id(),
                instance_id: self.instance_id.clone(),
                device_index: 0,
                attach_time: self.launch_time,
                delete_on_termination: true,
            }),
            primary_of: Some(self.instance_id.clone()),
            tags: vec![],
        })
    }

    /// What its primary interface shows of it.
    pub fn primary_view(&self) -> PrimaryView<'_> {
        PrimaryView {
            groups: &self.security_groups,
            source_dest_check: self.source_dest_check.unwrap_or(true),
            public_ip: self.public_ip.as_deref(),
        }
    }

    /// The instance's AWS shape in a VPC whose `enableDnsHostnames` is `dns_hostnames`: without
    /// it, no public DNS name (as on AWS).
    pub fn render_in(&self, region: &str, owner: &str, dns_hostnames: bool) -> Value {
        let dns = format!("ip-{}.{region}.compute.internal", self.private_ip.replace('.', "-"));
        let mut v = json!({
            "InstanceId": self.instance_id,
            "ImageId": self.image_id,
            "State": self.state.render(),
            "PrivateDnsName": dns,
            "PublicDnsName": "",
            "StateTransitionReason": self.state_transition_reason,
            "AmiLaunchIndex": self.launch_index,
            "InstanceType": self.instance_type,
            "LaunchTime": self.launch_time,
            "Placement": {"AvailabilityZone": self.availability_zone, "GroupName": "", "Tenancy": "default"},
            "Monitoring": {"State": "disabled"},
            "SubnetId": self.subnet_id,
            "VpcId": self.vpc_id,
            "PrivateIpAddress": self.private_ip,
            "Architecture": "x86_64",
            "RootDeviceType": "ebs",
            "RootDeviceName": "/dev/xvda",
            "VirtualizationType": "hvm",
            "Hypervisor": "xen",
            "SourceDestCheck": self.source_dest_check.unwrap_or(true),
            "EbsOptimized": self.ebs_optimized,
            "EnaSupport": true,
            "PlatformDetails": "Linux/UNIX",
            "UsageOperation": "RunInstances",
            "SecurityGroups": self.security_groups.iter().map(|(id, name)| json!({"GroupId": id, "GroupName": name})).collect::<Vec<_>>(),
            "Tags": tags_json(&self.tags),
            "MetadataOptions": {"State": "applied", "HttpTokens": "required", "HttpEndpoint": "enabled", "HttpPutResponseHopLimit": 2},
        });
        if let Some(k) = &self.key_name {
            v["KeyName"] = json!(k);
        }
        if let Some(p) = &self.public_ip {
            v["PublicIpAddress"] = json!(p);
            if dns_hostnames {
                v["PublicDnsName"] = json!(format!("ec2-{}.{region}.compute.amazonaws.com", p.replace('.', "-")));
            }
        }
        if let Some(c) = &self.client_token {
            v["ClientToken"] = json!(c);
        }
        if let Some(p) = &self.iam_instance_profile {
            v["IamInstanceProfile"] = json!({"Arn": p});
        }
        if let Some((code, msg)) = &self.state_reason {
            v["StateReason"] = json!({"Code": code, "Message": msg});
        }
        if let Some(sir) = &self.spot_request {
            v["InstanceLifecycle"] = json!("spot");
            v["SpotInstanceRequestId"] = json!(sir);
        }
        if self.state != InstanceState::Terminated {
            if let Some(eni) = self.primary_interface_rec(owner) {
                v["NetworkInterfaces"] = json!([eni.render(region, Some(self.primary_view()))]);
            }
        }
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VpcRec {
    pub vpc_id: String,
    pub cidr: String,
    pub is_default: bool,
    pub owner_id: String,
    pub tags: Vec<Tag>,
    /// `enableDnsSupport`; unset: AWS's default, true.
    #[serde(default)]
    pub dns_support: Option<bool>,
    /// `enableDnsHostnames`; unset: AWS's default, true for the default VPC, false for others.
    #[serde(default)]
    pub dns_hostnames: Option<bool>,
    /// `enableNetworkAddressUsageMetrics`; unset: false.
    #[serde(default)]
    pub address_usage_metrics: Option<bool>,
    /// The DHCP option set associated with it, or `"default"`: none at all. Records from
    /// before sets were kept get the region's default set at start (`dhcp::ensure_all`).
    #[serde(default)]
    pub dhcp_options_id: Option<String>,
}

impl VpcRec {
    pub fn enable_dns_support(&self) -> bool {
        self.dns_support.unwrap_or(true)
    }

    pub fn enable_dns_hostnames(&self) -> bool {
        self.dns_hostnames.unwrap_or(self.is_default)
    }

    pub fn enable_address_usage_metrics(&self) -> bool {
        self.address_usage_metrics.unwrap_or(false)
    }

    pub fn render(&self) -> Value {
        json!({
            "VpcId": self.vpc_id, "CidrBlock": self.cidr, "State": "available", "OwnerId": self.owner_id,
            "InstanceTenancy": "default", "IsDefault": self.is_default, "DhcpOptionsId": self.dhcp_options_id.as_deref().unwrap_or("default"),
            "CidrBlockAssociationSet": [{"AssociationId": format!("vpc-cidr-assoc-{}", &self.vpc_id[4..]), "CidrBlock": self.cidr, "CidrBlockState": {"State": "associated"}}],
            "Tags": tags_json(&self.tags),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubnetRec {
    pub subnet_id: String,
    pub vpc_id: String,
    pub cidr: String,
    pub availability_zone: String,
    pub is_default: bool,
    pub map_public_ip: bool,
    pub owner_id: String,
    pub tags: Vec<Tag>,
}

impl SubnetRec {
    pub fn render(&self, region: &str, account: &str, available: u64) -> Value {
        json!({
            "SubnetId": self.subnet_id, "VpcId": self.vpc_id, "CidrBlock": self.cidr, "State": "available",
            "AvailabilityZone": self.availability_zone,
            "AvailabilityZoneId": crate::zone_id(region, &self.availability_zone),
            "AvailableIpAddressCount": available, "DefaultForAz": self.is_default,
            "MapPublicIpOnLaunch": self.map_public_ip, "OwnerId": self.owner_id,
            "SubnetArn": format!("arn:aws:ec2:{region}:{account}:subnet/{}", self.subnet_id),
            "AssignIpv6AddressOnCreation": false,
            "Tags": tags_json(&self.tags),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vpc_attributes_default_as_on_aws_for_records_written_before_them() {
        let old = |is_default: bool| -> VpcRec {
            serde_json::from_value(json!({"vpc_id": "vpc-1", "cidr": "10.0.0.0/16", "is_default": is_default,
                                          "owner_id": "123456789012", "tags": []}))
            .unwrap()
        };
        let (default_vpc, other) = (old(true), old(false));
        assert!(default_vpc.enable_dns_support() && default_vpc.enable_dns_hostnames());
        assert!(other.enable_dns_support() && !other.enable_dns_hostnames());
        assert!(!other.enable_address_usage_metrics());
        let changed = VpcRec { dns_hostnames: Some(true), ..other };
        assert!(changed.enable_dns_hostnames());
    }
}
