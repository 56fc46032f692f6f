//! What an EC2 operation must be authorised for, as the Service Authorization Reference lists
//! it: the operation's action on every resource it names or creates (ARNs with their
//! `aws:ResourceTag/…` / `ec2:ResourceTag/…` keys, `aws:RequestTag/…` and `aws:TagKeys` for
//! the tags it sets, `ec2:InstanceType`, `ec2:Region`), `ec2:CreateTags` with `ec2:CreateAction`
//! when it tags what it creates, and `iam:PassRole` (with `iam:PassedToService`) on the role of
//! an instance profile it hands to an instance.

use serde_json::Value;
use wire::Check;

use crate::error::{Ec2Error, Result};
use crate::ops::{launch_templates, str_of, strings, tags};
use crate::records::Tag;
use crate::Ec2;

/// The resource type of an id, as its ARN names it (`instance`, `security-group` …), and
/// whether the ARN carries no account (images and snapshots are regional, not owned by ARN).
fn resource_type(id: &str) -> Option<(&'static str, bool)> {
    Some(match id.split('-').next().unwrap_or_default() {
        "i" => ("instance", false),
        "ami" => ("image", true),
        "snap" => ("snapshot", true),
        "vol" => ("volume", false),
        "vpc" => ("vpc", false),
        "subnet" => ("subnet", false),
        "sg" => ("security-group", false),
        "sgr" => ("security-group-rule", false),
        "igw" => ("internet-gateway", false),
        "rtb" => ("route-table", false),
        "acl" => ("network-acl", false),
        "eipalloc" => ("elastic-ip", false),
        "nat" => ("natgateway", false),
        "lt" => ("launch-template", false),
        "eni" => ("network-interface", false),
        "dopt" => ("dhcp-options", false),
        "vpce" => ("vpc-endpoint", false),
        "pl" => ("prefix-list", false),
        "sir" => ("spot-instances-request", false),
        "fleet" => ("fleet", false),
        "h" => ("dedicated-host", false),
        "key" => ("key-pair", false),
        _ => return None,
    })
}

impl Ec2 {
    /// The ARN of a resource of this type (`instance`, `image` …) and id (`*` for one not made yet).
    pub(crate) fn typed_arn(&self, rtype: &str, id: &str) -> String {
        if matches!(rtype, "image" | "snapshot") {
            format!("arn:aws:ec2:{}::{rtype}/{id}", self.config.region)
        } else {
            self.arn(&format!("{rtype}/{id}"))
        }
    }
}

/// Members that name existing resources by id, at the top of an operation's input.
const ID_MEMBERS: &[&str] = &[
    "InstanceId",
    "InstanceIds",
    "ImageId",
    "SourceImageId",
    "SnapshotId",
    "SourceSnapshotId",
    "VolumeId",
    "VpcId",
    "SubnetId",
    "GroupId",
    "SecurityGroupIds",
    // ModifyInstanceAttribute's new security groups.
    "Groups",
    "SecurityGroupRuleIds",
    "InternetGatewayId",
    "RouteTableId",
    "NetworkAclId",
    "AllocationId",
    "NatGatewayId",
    "GatewayId",
    "LaunchTemplateId",
    "NetworkInterfaceId",
    "DhcpOptionsId",
    "VpcEndpointId",
    "VpcEndpointIds",
    "PrefixListId",
    "SpotInstanceRequestIds",
    "FleetId",
    "FleetIds",
    "HostIds",
    "Resources",
];

/// What the operation creates: resource types whose ARN ends in `/*` (the id is not known yet).
fn created(op: &str) -> &'static [&'static str] {
    match op {
        "RunInstances" => &["instance", "volume", "network-interface"],
        "CreateVolume" => &["volume"],
        "CreateSnapshot" | "CopySnapshot" | "CreateSnapshots" => &["snapshot"],
        "CreateImage" => &["image", "snapshot"],
        "RegisterImage" | "CopyImage" => &["image"],
        "CreateSecurityGroup" => &["security-group"],
        "CreateVpc" => &["vpc"],
        "CreateSubnet" => &["subnet"],
        "CreateInternetGateway" => &["internet-gateway"],
        "CreateRouteTable" => &["route-table"],
        "CreateNetworkAcl" => &["network-acl"],
        "CreateNatGateway" => &["natgateway"],
        "AllocateAddress" => &["elastic-ip"],
        "CreateLaunchTemplate" => &["launch-template"],
        "CreateNetworkInterface" => &["network-interface"],
        "CreateDhcpOptions" => &["dhcp-options"],
        "CreateVpcEndpoint" => &["vpc-endpoint"],
        "CreateManagedPrefixList" => &["prefix-list"],
        "RequestSpotInstances" => &["spot-instances-request"],
        "CreateFleet" => &["fleet"],
        "AllocateHosts" => &["dedicated-host"],
        _ => &[],
    }
}

fn pairs(tags: &[Tag]) -> impl Iterator<Item = (&str, &str)> {
    tags.iter().map(|t| (t.key.as_str(), t.value.as_str()))
}

/// Tags a request sets on resources of one type (TagSpecifications), or on every resource it
/// names (CreateTags' `Tags`).
fn spec_tags(input: &Value, rtype: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for spec in input.get("TagSpecifications").and_then(Value::as_array).into_iter().flatten() {
        if str_of(spec, "ResourceType") != Some(rtype) {
            continue;
        }
        for t in spec.get("Tags").and_then(Value::as_array).into_iter().flatten() {
            out.push((str_of(t, "Key").unwrap_or_default().into(), str_of(t, "Value").unwrap_or_default().into()));
        }
    }
    out
}

fn tag_pairs(list: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    list.iter().map(|(k, v)| (k.as_str(), v.as_str()))
}

/// The checks for one EC2 operation.
pub(crate) fn checks(ec2: &Ec2, op: &str, input: &Value) -> Result<Vec<Check>> {
    let action = format!("ec2:{op}");
    // Describe and list operations have no resource-level permissions.
    if op.starts_with("Describe") {
        return Ok(vec![Check::new(action, "*")]);
    }
    // RunInstances is authorised for what the launch template fills in, too.
    let merged;
    let input = if op == "RunInstances" && input.get("LaunchTemplate").is_some() {
        merged = launch_templates::apply_to_run_instances(ec2, input)?;
        &merged
    } else {
        input
    };
    let region = ec2.config.region.clone();
    let mut out = Vec::new();

    // Existing resources the request names, each with its tags.
    let mut ids: Vec<String> = Vec::new();
    for member in ID_MEMBERS {
        if matches!(op, "CreateTags" | "DeleteTags") && *member != "Resources" {
            continue;
        }
        match input.get(*member) {
            Some(Value::String(s)) => ids.push(s.clone()),
            Some(Value::Array(_)) => ids.extend(strings(input, member)),
            _ => {}
        }
    }
    if let Some(lt) = input.get("LaunchTemplate").and_then(|l| str_of(l, "LaunchTemplateId")) {
        ids.push(lt.to_string());
    }
    // ModifyInstanceCreditSpecification names its instances inside a list.
    for spec in input.get("InstanceCreditSpecifications").and_then(Value::as_array).into_iter().flatten() {
        ids.extend(str_of(spec, "InstanceId").map(String::from));
    }
    ids.sort();
    ids.dedup();
    let request_tags: Vec<(String, String)> = if matches!(op, "CreateTags" | "DeleteTags") {
        input
            .get("Tags")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|t| (str_of(t, "Key").unwrap_or_default().into(), str_of(t, "Value").unwrap_or_default().into()))
            .collect()
    } else {
        Vec::new()
    };
    let existing: Vec<(String, Vec<Tag>)> = ec2.read(|tx| {
        let mut v = Vec::new();
        for id in &ids {
            if resource_type(id).is_none() {
                continue;
            }
            v.push((id.clone(), tags::tags_of(tx, id)?.unwrap_or_default()));
        }
        Ok(v)
    })?;
    for (id, tags) in &existing {
        let Some((rtype, _)) = resource_type(id) else { continue };
        let mut c = Check::new(action.as_str(), ec2.typed_arn(rtype, id))
            .key("ec2:Region", region.as_str())
            .resource_tags("ec2", pairs(tags));
        if !request_tags.is_empty() {
            c = c.request_tags(tag_pairs(&request_tags));
        }
        out.push(c);
    }
    if let Some(key) = str_of(input, "KeyName") {
        out.push(Check::new(action.as_str(), ec2.arn(&format!("key-pair/{key}"))).key("ec2:Region", region.as_str()));
    }

    // What it creates, with the tags it asks for.
    for rtype in created(op) {
        let asked = spec_tags(input, rtype);
        let mut c = Check::new(action.as_str(), ec2.typed_arn(rtype, "*")).key("ec2:Region", region.as_str());
        if *rtype == "instance" {
            c = c.key("ec2:InstanceType", str_of(input, "InstanceType").unwrap_or("m1.small"));
        }
        out.push(c.request_tags(tag_pairs(&asked)));
    }
    if matches!(op, "CreateKeyPair" | "ImportKeyPair") {
        if let Some(name) = str_of(input, "KeyName") {
            out.retain(|c| !c.resource.ends_with(&format!(":key-pair/{name}")));
            let asked = spec_tags(input, "key-pair");
            out.push(
                Check::new(action.as_str(), ec2.arn(&format!("key-pair/{name}")))
                    .key("ec2:Region", region.as_str())
                    .request_tags(tag_pairs(&asked)),
            );
        }
    }

    // Tagging on creation also needs ec2:CreateTags, conditioned on the creating action.
    if op != "CreateTags" {
        for spec in input.get("TagSpecifications").and_then(Value::as_array).into_iter().flatten() {
            let Some(rtype) = str_of(spec, "ResourceType") else { continue };
            let asked = spec_tags(input, rtype);
            if asked.is_empty() {
                continue;
            }
            let arn = match (rtype, str_of(input, "KeyName")) {
                ("key-pair", Some(name)) => ec2.arn(&format!("key-pair/{name}")),
                _ => ec2.typed_arn(rtype, "*"),
            };
            out.push(
                Check::new("ec2:CreateTags", arn)
                    .key("ec2:CreateAction", op)
                    .key("ec2:Region", region.as_str())
                    .request_tags(tag_pairs(&asked)),
            );
        }
    }

    // Handing an instance profile to an instance passes its role.
    if op == "RunInstances" {
        if let Some(p) = input.get("IamInstanceProfile") {
            let (member, profile) = match (str_of(p, "Arn"), str_of(p, "Name")) {
                (Some(arn), _) => ("arn", arn),
                (None, Some(name)) => ("name", name),
                _ => ("name", ""),
            };
            let roles = ec2.imds.profile_roles(profile).ok_or_else(|| {
                Ec2Error::InvalidParameterValue(format!(
                    "Value ({profile}) for parameter iamInstanceProfile.{member} is invalid. Invalid IAM Instance Profile {}",
                    if member == "arn" { "ARN" } else { "name" }
                ))
            })?;
            for role in roles {
                out.push(Check::new("iam:PassRole", role).key("iam:PassedToService", "ec2.amazonaws.com"));
            }
        }
    }

    if out.is_empty() {
        out.push(Check::new(action, "*"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_name_their_arn_types() {
        assert_eq!(resource_type("snap-0123"), Some(("snapshot", true)));
        assert_eq!(resource_type("i-0abc"), Some(("instance", false)));
        assert_eq!(resource_type("eipassoc-1"), None);
    }

    #[test]
    fn created_types_follow_the_reference() {
        assert_eq!(created("RunInstances"), &["instance", "volume", "network-interface"]);
        assert_eq!(created("CreateImage"), &["image", "snapshot"]);
        assert!(created("TerminateInstances").is_empty());
    }

    #[test]
    fn tag_specifications_are_read_per_type() {
        let input = serde_json::json!({"TagSpecifications": [
            {"ResourceType": "instance", "Tags": [{"Key": "team", "Value": "web"}]},
            {"ResourceType": "volume", "Tags": [{"Key": "x", "Value": "y"}]}
        ]});
        assert_eq!(spec_tags(&input, "instance"), vec![("team".to_string(), "web".to_string())]);
        assert!(spec_tags(&input, "snapshot").is_empty());
    }
}
