//! Network interfaces (`eni-`) and DHCP option sets (`dopt-`).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{tags_json, Tag};

/// An interface's attachment to an instance.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EniAttachment {
    pub attachment_id: String,
    pub instance_id: String,
    pub device_index: i64,
    pub attach_time: f64,
    pub delete_on_termination: bool,
}

/// A network interface. An instance's primary interface (`primary_of`) is made with it and
/// goes with it; its security groups and source/destination check are the instance's own
/// (`InstanceRec::security_groups`, `source_dest_check`), read from the instance when rendered.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NetworkInterfaceRec {
    pub network_interface_id: String,
    pub subnet_id: String,
    pub vpc_id: String,
    pub availability_zone: String,
    pub private_ip: String,
    /// The loopback address its private address holds on loopback networks ("" elsewhere).
    pub loopback_ip: String,
    pub description: String,
    pub owner_id: String,
    /// (group id, group name); unused for a primary interface.
    pub groups: Vec<(String, String)>,
    pub source_dest_check: bool,
    pub attachment: Option<EniAttachment>,
    /// The instance whose primary interface this is.
    pub primary_of: Option<String>,
    pub tags: Vec<Tag>,
}

/// What a rendered interface shows of the instance it belongs to, for a primary interface.
pub struct PrimaryView<'a> {
    pub groups: &'a [(String, String)],
    pub source_dest_check: bool,
    pub public_ip: Option<&'a str>,
}

/// A MAC address derived from an interface id (stable across restarts, unique in practice).
pub fn mac_of(id: &str) -> String {
    let h = id.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3));
    let b = h.to_be_bytes();
    format!("02:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", b[0], b[1], b[2], b[3], b[4])
}

impl NetworkInterfaceRec {
    /// The attachment, as EC2 renders it on the interface and on the instance.
    pub fn render_attachment(&self, owner: &str) -> Option<Value> {
        self.attachment.as_ref().map(|a| {
            json!({
                "AttachmentId": a.attachment_id, "InstanceId": a.instance_id, "InstanceOwnerId": owner,
                "DeviceIndex": a.device_index, "NetworkCardIndex": 0, "Status": "attached",
                "AttachTime": a.attach_time, "DeleteOnTermination": a.delete_on_termination,
            })
        })
    }

    /// The DescribeNetworkInterfaces shape; `primary` is the instance's side for a primary
    /// interface.
    pub fn render(&self, region: &str, primary: Option<PrimaryView<'_>>) -> Value {
        let dns = format!("ip-{}.{region}.compute.internal", self.private_ip.replace('.', "-"));
        let (groups, sdc, public_ip) = match &primary {
            Some(p) => (p.groups, p.source_dest_check, p.public_ip),
            None => (self.groups.as_slice(), self.source_dest_check, None),
        };
        let groups: Vec<Value> = groups.iter().map(|(id, name)| json!({"GroupId": id, "GroupName": name})).collect();
        let mut address = json!({"Primary": true, "PrivateIpAddress": self.private_ip, "PrivateDnsName": dns});
        let mut v = json!({
            "NetworkInterfaceId": self.network_interface_id, "SubnetId": self.subnet_id, "VpcId": self.vpc_id,
            "AvailabilityZone": self.availability_zone, "Description": self.description,
            "OwnerId": self.owner_id, "RequesterManaged": false,
            "Status": if self.attachment.is_some() { "in-use" } else { "available" },
            "MacAddress": mac_of(&self.network_interface_id), "PrivateIpAddress": self.private_ip,
            "PrivateDnsName": dns, "SourceDestCheck": sdc, "Groups": groups, "InterfaceType": "interface",
            "Ipv6Addresses": [], "TagSet": tags_json(&self.tags),
        });
        if let Some(ip) = public_ip {
            let association = json!({"PublicIp": ip, "IpOwnerId": "amazon",
                "PublicDnsName": format!("ec2-{}.{region}.compute.amazonaws.com", ip.replace('.', "-"))});
            address["Association"] = association.clone();
            v["Association"] = association;
        }
        v["PrivateIpAddresses"] = json!([address]);
        if let Some(a) = self.render_attachment(&self.owner_id) {
            v["Attachment"] = a;
        }
        v
    }
}

/// A DHCP option set. Every region has a default one (`is_default`), which VPCs use until
/// another is associated.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DhcpOptionsRec {
    pub dhcp_options_id: String,
    /// (key, values) in the order given.
    pub configurations: Vec<(String, Vec<String>)>,
    pub owner_id: String,
    #[serde(default)]
    pub is_default: bool,
    pub tags: Vec<Tag>,
}

impl DhcpOptionsRec {
    pub fn render(&self) -> Value {
        let configurations: Vec<Value> = self
            .configurations
            .iter()
            .map(|(k, vs)| json!({"Key": k, "Values": vs.iter().map(|v| json!({"Value": v})).collect::<Vec<_>>()}))
            .collect();
        json!({
            "DhcpOptionsId": self.dhcp_options_id, "DhcpConfigurations": configurations,
            "OwnerId": self.owner_id, "Tags": tags_json(&self.tags),
        })
    }
}
