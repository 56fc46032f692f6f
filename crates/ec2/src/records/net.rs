//! The network and access records: security groups and their rules, key pairs, launch
//! templates, internet gateways, route tables, Elastic IPs and NAT gateways.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::{tags_json, Tag};

/// Where a security group rule lets traffic come from (ingress) or go to (egress).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub enum RulePeer {
    Cidr(String),
    Cidr6(String),
    Group { group_id: String, user_id: String },
}

/// One security group rule (`sgr-`): a protocol, a port range and one peer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SgRule {
    pub rule_id: String,
    pub egress: bool,
    /// `tcp`, `udp`, `icmp`, `icmpv6`, `-1` (all) or another protocol number.
    pub protocol: String,
    /// Ports for tcp/udp; type and code for icmp; none for the rest.
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
    pub peer: RulePeer,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

impl SgRule {
    /// Same protocol, ports and peer: the identity AWS uses for duplicates and revokes.
    pub fn same_as(&self, other: &SgRule) -> bool {
        self.egress == other.egress
            && self.protocol == other.protocol
            && self.from_port == other.from_port
            && self.to_port == other.to_port
            && match (&self.peer, &other.peer) {
                (RulePeer::Group { group_id: a, .. }, RulePeer::Group { group_id: b, .. }) => a == b,
                (a, b) => a == b,
            }
    }

    fn ports(&self) -> (i64, i64) {
        (self.from_port.unwrap_or(-1), self.to_port.unwrap_or(-1))
    }

    /// The `SecurityGroupRule` shape of DescribeSecurityGroupRules and Authorize*.
    pub fn render(&self, group_id: &str, owner_id: &str, region: &str) -> Value {
        let (from, to) = self.ports();
        let mut v = json!({
            "SecurityGroupRuleId": self.rule_id, "GroupId": group_id, "GroupOwnerId": owner_id,
            "IsEgress": self.egress, "IpProtocol": self.protocol, "FromPort": from, "ToPort": to,
            "SecurityGroupRuleArn": format!("arn:aws:ec2:{region}:{owner_id}:security-group-rule/{}", self.rule_id),
            "Tags": tags_json(&self.tags),
        });
        match &self.peer {
            RulePeer::Cidr(c) => v["CidrIpv4"] = json!(c),
            RulePeer::Cidr6(c) => v["CidrIpv6"] = json!(c),
            RulePeer::Group { group_id, user_id } => {
                v["ReferencedGroupInfo"] = json!({"GroupId": group_id, "UserId": user_id});
            }
        }
        if let Some(d) = &self.description {
            v["Description"] = json!(d);
        }
        v
    }

    /// The `RevokedSecurityGroupRule` shape.
    pub fn render_revoked(&self, group_id: &str) -> Value {
        let (from, to) = self.ports();
        let mut v = json!({
            "SecurityGroupRuleId": self.rule_id, "GroupId": group_id, "IsEgress": self.egress,
            "IpProtocol": self.protocol, "FromPort": from, "ToPort": to,
        });
        match &self.peer {
            RulePeer::Cidr(c) => v["CidrIpv4"] = json!(c),
            RulePeer::Cidr6(c) => v["CidrIpv6"] = json!(c),
            RulePeer::Group { group_id, .. } => v["ReferencedGroupId"] = json!(group_id),
        }
        if let Some(d) = &self.description {
            v["Description"] = json!(d);
        }
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SecurityGroupRec {
    pub group_id: String,
    pub group_name: String,
    pub description: String,
    pub vpc_id: String,
    pub owner_id: String,
    #[serde(default)]
    pub rules: Vec<SgRule>,
    pub tags: Vec<Tag>,
}

impl SecurityGroupRec {
    /// Rules of one direction folded into `IpPermission`s: one per protocol and port range,
    /// in the order the rules were added.
    pub fn permissions(&self, egress: bool) -> Vec<Value> {
        // (protocol, from, to) → the permission being built.
        type Folded = (String, Option<i64>, Option<i64>, Map<String, Value>);
        let mut out: Vec<Folded> = Vec::new();
        for r in self.rules.iter().filter(|r| r.egress == egress) {
            let at = match out.iter().position(|(p, f, t, _)| *p == r.protocol && *f == r.from_port && *t == r.to_port)
            {
                Some(i) => i,
                None => {
                    let mut m = Map::new();
                    m.insert("IpProtocol".into(), json!(r.protocol));
                    if let Some(f) = r.from_port {
                        m.insert("FromPort".into(), json!(f));
                    }
                    if let Some(t) = r.to_port {
                        m.insert("ToPort".into(), json!(t));
                    }
                    for list in ["IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs"] {
                        m.insert(list.into(), json!([]));
                    }
                    out.push((r.protocol.clone(), r.from_port, r.to_port, m));
                    out.len() - 1
                }
            };
            let m = &mut out[at].3;
            let (list, mut item) = match &r.peer {
                RulePeer::Cidr(c) => ("IpRanges", json!({"CidrIp": c})),
                RulePeer::Cidr6(c) => ("Ipv6Ranges", json!({"CidrIpv6": c})),
                RulePeer::Group { group_id, user_id } => {
                    ("UserIdGroupPairs", json!({"GroupId": group_id, "UserId": user_id}))
                }
            };
            if let Some(d) = &r.description {
                item["Description"] = json!(d);
            }
            if let Some(Value::Array(a)) = m.get_mut(list) {
                a.push(item);
            }
        }
        out.into_iter().map(|(.., m)| Value::Object(m)).collect()
    }

    pub fn render(&self, region: &str) -> Value {
        json!({
            "GroupId": self.group_id, "GroupName": self.group_name, "Description": self.description,
            "VpcId": self.vpc_id, "OwnerId": self.owner_id,
            "SecurityGroupArn": format!("arn:aws:ec2:{region}:{}:security-group/{}", self.owner_id, self.group_id),
            "IpPermissions": self.permissions(false), "IpPermissionsEgress": self.permissions(true),
            "Tags": tags_json(&self.tags),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyPairRec {
    pub key_pair_id: String,
    pub key_name: String,
    /// `rsa` or `ed25519`.
    pub key_type: String,
    pub fingerprint: String,
    /// The OpenSSH public key line. The private key of a created pair is never stored.
    pub public_key: String,
    pub create_time: f64,
    pub tags: Vec<Tag>,
}

impl KeyPairRec {
    pub fn render(&self, include_public_key: bool) -> Value {
        let mut v = json!({
            "KeyPairId": self.key_pair_id, "KeyName": self.key_name, "KeyType": self.key_type,
            "KeyFingerprint": self.fingerprint, "CreateTime": self.create_time, "Tags": tags_json(&self.tags),
        });
        if include_public_key {
            v["PublicKey"] = json!(self.public_key);
        }
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LtVersion {
    pub number: i64,
    pub description: Option<String>,
    /// `LaunchTemplateData` as it was given (the request and response shapes share names).
    pub data: Value,
    pub created_by: String,
    pub create_time: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LaunchTemplateRec {
    pub launch_template_id: String,
    pub name: String,
    pub created_by: String,
    pub create_time: f64,
    pub default_version: i64,
    /// Version numbers are never reused, even after a version is deleted.
    pub next_version: i64,
    pub versions: Vec<LtVersion>,
    pub tags: Vec<Tag>,
}

impl LaunchTemplateRec {
    pub fn latest(&self) -> i64 {
        self.versions.iter().map(|v| v.number).max().unwrap_or(self.default_version)
    }

    pub fn render(&self) -> Value {
        json!({
            "LaunchTemplateId": self.launch_template_id, "LaunchTemplateName": self.name,
            "CreateTime": self.create_time, "CreatedBy": self.created_by,
            "DefaultVersionNumber": self.default_version, "LatestVersionNumber": self.latest(),
            "Tags": tags_json(&self.tags),
        })
    }

    pub fn render_version(&self, v: &LtVersion) -> Value {
        let mut out = json!({
            "LaunchTemplateId": self.launch_template_id, "LaunchTemplateName": self.name,
            "VersionNumber": v.number, "CreateTime": v.create_time, "CreatedBy": v.created_by,
            "DefaultVersion": v.number == self.default_version, "LaunchTemplateData": v.data,
        });
        if let Some(d) = &v.description {
            out["VersionDescription"] = json!(d);
        }
        out
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InternetGatewayRec {
    pub internet_gateway_id: String,
    pub owner_id: String,
    pub vpc_id: Option<String>,
    pub tags: Vec<Tag>,
}

impl InternetGatewayRec {
    pub fn render(&self) -> Value {
        let attachments: Vec<Value> = self.vpc_id.iter().map(|v| json!({"State": "available", "VpcId": v})).collect();
        json!({
            "InternetGatewayId": self.internet_gateway_id, "OwnerId": self.owner_id,
            "Attachments": attachments, "Tags": tags_json(&self.tags),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub enum RouteTarget {
    Local,
    Gateway(String),
    NatGateway(String),
    Instance(String),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RouteRec {
    pub destination: String,
    pub target: RouteTarget,
    /// `CreateRouteTable` (the local route, the default VPC's internet route) or `CreateRoute`.
    pub origin: String,
}

impl RouteRec {
    /// `active` while the target exists and is usable, `blackhole` after.
    pub fn render(&self, active: bool, owner_id: &str) -> Value {
        let mut v = json!({
            "DestinationCidrBlock": self.destination, "Origin": self.origin,
            "State": if active { "active" } else { "blackhole" },
        });
        match &self.target {
            RouteTarget::Local => v["GatewayId"] = json!("local"),
            RouteTarget::Gateway(g) => v["GatewayId"] = json!(g),
            RouteTarget::NatGateway(n) => v["NatGatewayId"] = json!(n),
            RouteTarget::Instance(i) => {
                v["InstanceId"] = json!(i);
                v["InstanceOwnerId"] = json!(owner_id);
            }
        }
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RouteAssoc {
    pub association_id: String,
    pub main: bool,
    pub subnet_id: Option<String>,
    pub gateway_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RouteTableRec {
    pub route_table_id: String,
    pub vpc_id: String,
    pub owner_id: String,
    pub routes: Vec<RouteRec>,
    pub associations: Vec<RouteAssoc>,
    pub tags: Vec<Tag>,
}

impl RouteTableRec {
    pub fn is_main(&self) -> bool {
        self.associations.iter().any(|a| a.main)
    }

    pub fn render(&self, active: &dyn Fn(&RouteTarget) -> bool) -> Value {
        let associations: Vec<Value> = self
            .associations
            .iter()
            .map(|a| {
                let mut v = json!({
                    "Main": a.main, "RouteTableAssociationId": a.association_id,
                    "RouteTableId": self.route_table_id, "AssociationState": {"State": "associated"},
                });
                if let Some(s) = &a.subnet_id {
                    v["SubnetId"] = json!(s);
                }
                if let Some(g) = &a.gateway_id {
                    v["GatewayId"] = json!(g);
                }
                v
            })
            .collect();
        let routes: Vec<Value> = self.routes.iter().map(|r| r.render(active(&r.target), &self.owner_id)).collect();
        json!({
            "RouteTableId": self.route_table_id, "VpcId": self.vpc_id, "OwnerId": self.owner_id,
            "Associations": associations, "Routes": routes, "PropagatingVgws": [],
            "Tags": tags_json(&self.tags),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EipAssoc {
    pub association_id: String,
    pub instance_id: Option<String>,
    pub nat_gateway_id: Option<String>,
    pub private_ip: String,
    pub network_interface_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddressRec {
    pub allocation_id: String,
    pub public_ip: String,
    pub association: Option<EipAssoc>,
    pub tags: Vec<Tag>,
}

impl AddressRec {
    /// `association` is the association still in force (one to a terminated instance is not).
    pub fn render(&self, region: &str, owner_id: &str, association: Option<&EipAssoc>) -> Value {
        let mut v = json!({
            "AllocationId": self.allocation_id, "PublicIp": self.public_ip, "Domain": "vpc",
            "PublicIpv4Pool": "amazon", "NetworkBorderGroup": region, "Tags": tags_json(&self.tags),
        });
        if let Some(a) = association {
            v["AssociationId"] = json!(a.association_id);
            v["PrivateIpAddress"] = json!(a.private_ip);
            if let Some(i) = &a.instance_id {
                v["InstanceId"] = json!(i);
            }
            if let Some(n) = &a.network_interface_id {
                v["NetworkInterfaceId"] = json!(n);
                v["NetworkInterfaceOwnerId"] = json!(owner_id);
            }
        }
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NatGatewayRec {
    pub nat_gateway_id: String,
    pub subnet_id: String,
    pub vpc_id: String,
    /// `public` or `private`.
    pub connectivity_type: String,
    pub allocation_id: Option<String>,
    pub public_ip: Option<String>,
    pub association_id: Option<String>,
    pub private_ip: String,
    pub network_interface_id: String,
    /// `pending`, `failed`, `available`, `deleting`, `deleted`.
    pub state: String,
    pub failure: Option<(String, String)>,
    pub create_time: f64,
    pub delete_time: Option<f64>,
    pub tags: Vec<Tag>,
}

impl NatGatewayRec {
    pub fn render(&self) -> Value {
        let mut addr = json!({
            "NetworkInterfaceId": self.network_interface_id, "PrivateIp": self.private_ip,
            "IsPrimary": true, "Status": if self.state == "available" { "succeeded" } else { "failed" },
        });
        if let Some(a) = &self.allocation_id {
            addr["AllocationId"] = json!(a);
        }
        if let Some(p) = &self.public_ip {
            addr["PublicIp"] = json!(p);
        }
        if let Some(a) = &self.association_id {
            addr["AssociationId"] = json!(a);
        }
        let mut v = json!({
            "NatGatewayId": self.nat_gateway_id, "SubnetId": self.subnet_id, "VpcId": self.vpc_id,
            "State": self.state, "ConnectivityType": self.connectivity_type, "CreateTime": self.create_time,
            "NatGatewayAddresses": [addr], "Tags": tags_json(&self.tags),
        });
        if let Some(t) = self.delete_time {
            v["DeleteTime"] = json!(t);
        }
        if let Some((code, msg)) = &self.failure {
            v["FailureCode"] = json!(code);
            v["FailureMessage"] = json!(msg);
        }
        v
    }
}

/// One numbered rule of a network ACL (the `*` rule, 32767, is implied and not stored).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AclEntry {
    pub rule_number: i64,
    pub egress: bool,
    /// A protocol number as a string: `-1` (all), `6`, `17`, `1` …
    pub protocol: String,
    pub allow: bool,
    pub cidr: String,
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
    pub icmp_type: Option<i64>,
    pub icmp_code: Option<i64>,
}

impl AclEntry {
    /// The last rule of each direction: what no numbered rule matched is denied.
    pub const LAST: i64 = 32767;

    pub fn render(&self) -> Value {
        let mut v = json!({
            "RuleNumber": self.rule_number, "Protocol": self.protocol,
            "RuleAction": if self.allow { "allow" } else { "deny" }, "Egress": self.egress,
            "CidrBlock": self.cidr,
        });
        if let (Some(f), Some(t)) = (self.from_port, self.to_port) {
            v["PortRange"] = json!({"From": f, "To": t});
        }
        if self.icmp_type.is_some() || self.icmp_code.is_some() {
            v["IcmpTypeCode"] = json!({"Type": self.icmp_type, "Code": self.icmp_code});
        }
        v
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AclAssoc {
    pub association_id: String,
    pub subnet_id: String,
}

/// A network ACL: stateless, numbered rules at the edge of the subnets associated with it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NetworkAclRec {
    pub network_acl_id: String,
    pub vpc_id: String,
    pub owner_id: String,
    pub is_default: bool,
    /// In rule-number order within each direction.
    pub entries: Vec<AclEntry>,
    pub associations: Vec<AclAssoc>,
    pub tags: Vec<Tag>,
}

impl NetworkAclRec {
    /// The numbered rules of one direction in evaluation order, then the `*` deny rule.
    pub fn rules(&self, egress: bool) -> Vec<AclEntry> {
        let mut r: Vec<AclEntry> = self.entries.iter().filter(|e| e.egress == egress).cloned().collect();
        r.sort_by_key(|e| e.rule_number);
        r.push(AclEntry {
            rule_number: AclEntry::LAST,
            egress,
            protocol: "-1".into(),
            allow: false,
            cidr: "0.0.0.0/0".into(),
            from_port: None,
            to_port: None,
            icmp_type: None,
            icmp_code: None,
        });
        r
    }

    pub fn render(&self) -> Value {
        let mut entries: Vec<Value> = self.rules(true).iter().map(AclEntry::render).collect();
        entries.extend(self.rules(false).iter().map(AclEntry::render));
        let associations: Vec<Value> = self
            .associations
            .iter()
            .map(|a| {
                json!({"NetworkAclAssociationId": a.association_id, "NetworkAclId": self.network_acl_id,
                       "SubnetId": a.subnet_id})
            })
            .collect();
        json!({
            "NetworkAclId": self.network_acl_id, "VpcId": self.vpc_id, "OwnerId": self.owner_id,
            "IsDefault": self.is_default, "Entries": entries, "Associations": associations,
            "Tags": tags_json(&self.tags),
        })
    }
}
