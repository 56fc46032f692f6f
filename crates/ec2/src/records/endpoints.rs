//! VPC endpoints (`vpce-`), managed prefix lists (`pl-`) and Spot Instance requests (`sir-`).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{tags_json, Tag};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VpcEndpointRec {
    pub vpc_endpoint_id: String,
    /// `Gateway` or `Interface`.
    pub endpoint_type: String,
    pub vpc_id: String,
    pub service_name: String,
    pub policy_document: String,
    pub route_table_ids: Vec<String>,
    pub subnet_ids: Vec<String>,
    /// (group id, group name)
    pub groups: Vec<(String, String)>,
    pub private_dns_enabled: bool,
    pub owner_id: String,
    pub created: f64,
    pub tags: Vec<Tag>,
}

impl VpcEndpointRec {
    pub fn render(&self, region: &str) -> Value {
        let dns: Vec<Value> = if self.endpoint_type == "Interface" {
            let service = self.service_name.rsplit('.').next().unwrap_or_default();
            vec![json!({"DnsName": format!("{}.{service}.{region}.vpce.amazonaws.com", self.vpc_endpoint_id),
                        "HostedZoneId": "Z0000000000000000000"})]
        } else {
            vec![]
        };
        json!({
            "VpcEndpointId": self.vpc_endpoint_id, "VpcEndpointType": self.endpoint_type, "VpcId": self.vpc_id,
            "ServiceName": self.service_name, "State": "available", "PolicyDocument": self.policy_document,
            "RouteTableIds": self.route_table_ids, "SubnetIds": self.subnet_ids,
            "Groups": self.groups.iter().map(|(id, name)| json!({"GroupId": id, "GroupName": name})).collect::<Vec<_>>(),
            "PrivateDnsEnabled": self.private_dns_enabled, "RequesterManaged": false, "NetworkInterfaceIds": [],
            "DnsEntries": dns, "CreationTimestamp": self.created, "Tags": tags_json(&self.tags),
            "OwnerId": self.owner_id, "IpAddressType": "ipv4",
        })
    }
}

/// One entry of a prefix list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PrefixEntry {
    pub cidr: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PrefixListRec {
    pub prefix_list_id: String,
    pub name: String,
    /// `IPv4` or `IPv6`.
    pub address_family: String,
    pub max_entries: i64,
    pub owner_id: String,
    /// Every version's entries, oldest first (version n at index n - 1).
    pub versions: Vec<Vec<PrefixEntry>>,
    pub state: String,
    pub tags: Vec<Tag>,
}

impl PrefixListRec {
    pub fn version(&self) -> i64 {
        self.versions.len() as i64
    }

    pub fn entries(&self) -> &[PrefixEntry] {
        self.versions.last().map(Vec::as_slice).unwrap_or_default()
    }

    pub fn render(&self, region: &str) -> Value {
        json!({
            "PrefixListId": self.prefix_list_id, "AddressFamily": self.address_family, "State": self.state,
            "PrefixListArn": format!("arn:aws:ec2:{region}:{}:prefix-list/{}", self.owner_id, self.prefix_list_id),
            "PrefixListName": self.name, "MaxEntries": self.max_entries, "Version": self.version(),
            "Tags": tags_json(&self.tags), "OwnerId": self.owner_id,
        })
    }
}

/// A Spot Instance request (`sir-`): one-time, fulfilled at once by the instance it launched
/// (homeground's capacity is the user's own: a request is never outbid or interrupted).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SpotRequestRec {
    pub spot_instance_request_id: String,
    pub instance_id: String,
    /// The highest price per hour the request pays, as given (the on-demand price if none).
    pub spot_price: Option<String>,
    pub instance_type: String,
    pub image_id: String,
    pub subnet_id: String,
    pub availability_zone: String,
    pub key_name: Option<String>,
    pub groups: Vec<(String, String)>,
    pub created: f64,
    pub valid_until: Option<f64>,
    /// When it was cancelled.
    pub cancelled: Option<f64>,
    pub tags: Vec<Tag>,
    /// A persistent request: when its instance ends (terminated by its user too), it opens
    /// again and launches another from `launch`, until it is cancelled or expires.
    #[serde(default)]
    pub persistent: bool,
    /// The RunInstances request for one instance of a persistent request.
    #[serde(default)]
    pub launch: Option<Value>,
}

impl SpotRequestRec {
    /// Its shape, given the state of the instance it launched (`None`: gone from the store).
    pub fn render(&self, instance_state: Option<&str>) -> Value {
        let running = matches!(instance_state, Some("pending" | "running" | "stopping" | "stopped"));
        let (state, code, message) = match (self.cancelled.is_some(), running) {
            (true, true) => (
                "cancelled",
                "request-canceled-and-instance-running",
                "Spot Instance request is canceled, but the instance is still running.",
            ),
            (true, false) => ("cancelled", "canceled-before-fulfillment", "Your Spot Instance request was canceled."),
            (false, true) => ("active", "fulfilled", "Your Spot request is fulfilled."),
            (false, false) if self.persistent => {
                ("open", "pending-fulfillment", "Your Spot request is pending fulfillment.")
            }
            (false, false) => {
                ("closed", "instance-terminated-by-user", "Spot Instance terminated due to user-initiated termination.")
            }
        };
        let mut spec = json!({
            "ImageId": self.image_id, "InstanceType": self.instance_type, "SubnetId": self.subnet_id,
            "Placement": {"AvailabilityZone": self.availability_zone},
            "SecurityGroups": self.groups.iter().map(|(id, name)| json!({"GroupId": id, "GroupName": name})).collect::<Vec<_>>(),
            "Monitoring": {"Enabled": false},
        });
        if let Some(k) = &self.key_name {
            spec["KeyName"] = json!(k);
        }
        let mut v = json!({
            "SpotInstanceRequestId": self.spot_instance_request_id, "InstanceId": self.instance_id,
            "Type": if self.persistent { "persistent" } else { "one-time" }, "State": state,
            "Status": {"Code": code, "Message": message, "UpdateTime": self.cancelled.unwrap_or(self.created)},
            "LaunchSpecification": spec, "CreateTime": self.created, "ProductDescription": "Linux/UNIX",
            "LaunchedAvailabilityZone": self.availability_zone, "InstanceInterruptionBehavior": "terminate",
            "Tags": tags_json(&self.tags),
        });
        if let Some(p) = &self.spot_price {
            v["SpotPrice"] = json!(p);
        }
        if let Some(t) = self.valid_until {
            v["ValidUntil"] = json!(t);
        }
        v
    }
}
