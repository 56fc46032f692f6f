//! Launch templates: CreateLaunchTemplate, CreateLaunchTemplateVersion, DescribeLaunchTemplates,
//! DescribeLaunchTemplateVersions, ModifyLaunchTemplate, DeleteLaunchTemplate,
//! DeleteLaunchTemplateVersions, and what RunInstances (and Auto Scaling) take from them.
//!
//! A version's `LaunchTemplateData` is kept as it was given: the request and response shapes
//! use the same member names, so it renders back unchanged.

use serde_json::{json, Map, Value};
use wire::CallContext;

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, LaunchTemplateRec, LtVersion};
use crate::{filter, ids, Ec2};

/// Versions one template may have (AWS's quota).
const MAX_VERSIONS: usize = 10_000;

fn check_name(name: &str) -> Result<()> {
    let ok = (3..=128).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || "().-/_".contains(c));
    if !ok {
        return Err(Ec2Error::Client(
            "InvalidLaunchTemplateName.MalformedException",
            format!("A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.' ({name})"),
        ));
    }
    Ok(())
}

fn by_name(tx: &store::Tx, name: &str) -> Result<Option<LaunchTemplateRec>> {
    Ok(tx.list::<LaunchTemplateRec>(kind::LAUNCH_TEMPLATE, "")?.into_iter().map(|(_, t)| t).find(|t| t.name == name))
}

fn id_not_found(id: &str) -> Ec2Error {
    Ec2Error::Client(
        "InvalidLaunchTemplateId.NotFound",
        format!("The specified launch template, with template ID {id}, does not exist."),
    )
}

fn name_not_found(name: &str) -> Ec2Error {
    Ec2Error::Client(
        "InvalidLaunchTemplateName.NotFoundException",
        format!("The specified launch template, with template name {name}, does not exist."),
    )
}

/// What DescribeLaunchTemplates answers when a name or id it was given names nothing.
const SOME_NOT_FOUND: &str = "At least one of the launch templates specified in the request does not exist.";

fn load_id(tx: &store::Tx, id: &str) -> Result<LaunchTemplateRec> {
    ids::check("lt", "InvalidLaunchTemplateId.Malformed", id)?;
    tx.get::<LaunchTemplateRec>(kind::LAUNCH_TEMPLATE, id)?.ok_or_else(|| id_not_found(id))
}

fn load_name(tx: &store::Tx, name: &str) -> Result<LaunchTemplateRec> {
    by_name(tx, name)?.ok_or_else(|| name_not_found(name))
}

/// The template a call names by `LaunchTemplateId` or `LaunchTemplateName`.
fn target(tx: &store::Tx, v: &Value) -> Result<LaunchTemplateRec> {
    match (str_of(v, "LaunchTemplateId"), str_of(v, "LaunchTemplateName")) {
        (Some(_), Some(_)) => Err(Ec2Error::InvalidParameterCombination(
            "Only one of LaunchTemplateId or LaunchTemplateName may be given".into(),
        )),
        (Some(id), None) => load_id(tx, id),
        (None, Some(n)) => load_name(tx, n),
        (None, None) => Err(Ec2Error::MissingParameter(
            "The request must contain the parameter LaunchTemplateId or LaunchTemplateName".into(),
        )),
    }
}

fn version_not_found(t: &LaunchTemplateRec, v: &str) -> Ec2Error {
    Ec2Error::Client(
        "InvalidLaunchTemplateId.VersionNotFound",
        format!("Could not find launch template version {v} for template {}.", t.launch_template_id),
    )
}

/// `$Latest`, `$Default` or a number → the version number (which must exist).
fn version_number(t: &LaunchTemplateRec, v: Option<&str>) -> Result<i64> {
    let n = match v.unwrap_or("$Default") {
        "$Latest" => t.latest(),
        "$Default" => t.default_version,
        s => s.trim().parse::<i64>().map_err(|_| version_not_found(t, s))?,
    };
    if !t.versions.iter().any(|x| x.number == n) {
        return Err(version_not_found(t, v.unwrap_or("$Default")));
    }
    Ok(n)
}

fn version<'a>(t: &'a LaunchTemplateRec, v: Option<&str>) -> Result<&'a LtVersion> {
    let n = version_number(t, v)?;
    t.versions.iter().find(|x| x.number == n).ok_or_else(|| version_not_found(t, &n.to_string()))
}

/// The `LaunchTemplateData` of a template (by `lt-` id, else by name) at a version
/// (`$Latest`, `$Default`, a number; none means the default).
pub fn resolve_launch_template(tx: &store::Tx, id_or_name: &str, version_spec: Option<&str>) -> Result<Value> {
    let t = if id_or_name.starts_with("lt-") { load_id(tx, id_or_name)? } else { load_name(tx, id_or_name)? };
    Ok(version(&t, version_spec)?.data.clone())
}

fn data_of(input: &Value) -> Result<Value> {
    match input.get("LaunchTemplateData") {
        Some(Value::Object(m)) => Ok(Value::Object(m.clone())),
        _ => Err(Ec2Error::MissingParameter("The request must contain the parameter LaunchTemplateData".into())),
    }
}

fn check_description(d: Option<&str>) -> Result<Option<String>> {
    if d.is_some_and(|d| d.len() > 255) {
        return Err(Ec2Error::InvalidParameterValue("The version description is limited to 255 characters.".into()));
    }
    Ok(d.map(String::from))
}

pub fn create_launch_template(ec2: &Ec2, cx: &CallContext, input: &Value) -> Result<Value> {
    let name = str_of(input, "LaunchTemplateName").ok_or_else(|| {
        Ec2Error::MissingParameter("The request must contain the parameter LaunchTemplateName".into())
    })?;
    check_name(name)?;
    let data = data_of(input)?;
    let description = check_description(str_of(input, "VersionDescription"))?;
    let tags = tag_specs(input, "launch-template")?;
    let now = ec2.now();
    let t = ec2.write(|tx| {
        if by_name(tx, name)?.is_some() {
            return Err(Ec2Error::Client(
                "InvalidLaunchTemplateName.AlreadyExistsException",
                "Launch template name already in use.".into(),
            ));
        }
        let t = LaunchTemplateRec {
            launch_template_id: ids::new("lt"),
            name: name.into(),
            created_by: cx.principal.arn.clone(),
            create_time: now,
            default_version: 1,
            next_version: 2,
            versions: vec![LtVersion {
                number: 1,
                description: description.clone(),
                data: data.clone(),
                created_by: cx.principal.arn.clone(),
                create_time: now,
            }],
            tags: tags.clone(),
        };
        tx.put(kind::LAUNCH_TEMPLATE, &t.launch_template_id, &t)?;
        Ok(t)
    })?;
    Ok(json!({"LaunchTemplate": t.render()}))
}

pub fn create_launch_template_version(ec2: &Ec2, cx: &CallContext, input: &Value) -> Result<Value> {
    let data = data_of(input)?;
    let description = check_description(str_of(input, "VersionDescription"))?;
    let now = ec2.now();
    let out = ec2.write(|tx| {
        let mut t = target(tx, input)?;
        // Based on SourceVersion: its data with the given members on top.
        let merged = match str_of(input, "SourceVersion") {
            Some(s) => {
                let mut base: Map<String, Value> = version(&t, Some(s))?.data.as_object().cloned().unwrap_or_default();
                for (k, v) in data.as_object().into_iter().flatten() {
                    base.insert(k.clone(), v.clone());
                }
                Value::Object(base)
            }
            None => data.clone(),
        };
        if t.versions.len() >= MAX_VERSIONS {
            return Err(Ec2Error::Client(
                "LaunchTemplateVersionLimitExceeded",
                "The maximum number of versions for this launch template has been reached.".into(),
            ));
        }
        let v = LtVersion {
            number: t.next_version,
            description: description.clone(),
            data: merged,
            created_by: cx.principal.arn.clone(),
            create_time: now,
        };
        t.next_version += 1;
        let rendered = t.render_version(&v);
        t.versions.push(v);
        tx.put(kind::LAUNCH_TEMPLATE, &t.launch_template_id, &t)?;
        Ok(rendered)
    })?;
    Ok(json!({"LaunchTemplateVersion": out}))
}

pub fn describe_launch_templates(ec2: &Ec2, input: &Value) -> Result<Value> {
    let ids = strings(input, "LaunchTemplateIds");
    let names = strings(input, "LaunchTemplateNames");
    let filters = filter::from_input(input);
    let all: Vec<LaunchTemplateRec> = ec2
        .read(|tx| Ok(tx.list::<LaunchTemplateRec>(kind::LAUNCH_TEMPLATE, "")?))?
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    for id in &ids {
        ids::check("lt", "InvalidLaunchTemplateId.Malformed", id)?;
        if !all.iter().any(|t| t.launch_template_id == *id) {
            return Err(Ec2Error::Client("InvalidLaunchTemplateId.NotFound", SOME_NOT_FOUND.into()));
        }
    }
    for n in &names {
        if !all.iter().any(|t| t.name == *n) {
            return Err(Ec2Error::Client("InvalidLaunchTemplateName.NotFoundException", SOME_NOT_FOUND.into()));
        }
    }
    let paths = [
        ("launch-template-name", "LaunchTemplateName"),
        ("launch-template-id", "LaunchTemplateId"),
        ("create-time", "CreateTimeIso"),
    ];
    let mut out = Vec::new();
    for t in all {
        let v = t.render();
        let mut probe = v.clone();
        probe["CreateTimeIso"] = json!(wire::timestamp::format_iso8601(t.create_time));
        if (ids.is_empty() || ids.contains(&t.launch_template_id))
            && (names.is_empty() || names.contains(&t.name))
            && filter::matches(&probe, &filters, &paths)?
        {
            out.push(v);
        }
    }
    super::page(out, input, "LaunchTemplates")
}

const VERSION_FILTERS: &[(&str, &str)] = &[
    ("image-id", "LaunchTemplateData.ImageId"),
    ("instance-type", "LaunchTemplateData.InstanceType"),
    ("is-default-version", "DefaultVersion"),
    ("kernel-id", "LaunchTemplateData.KernelId"),
    ("ram-disk-id", "LaunchTemplateData.RamDiskId"),
    ("iam-instance-profile", "LaunchTemplateData.IamInstanceProfile.Arn"),
    ("iam-instance-profile", "LaunchTemplateData.IamInstanceProfile.Name"),
    ("ebs-optimized", "LaunchTemplateData.EbsOptimized"),
    ("disable-api-termination", "LaunchTemplateData.DisableApiTermination"),
    ("disable-api-stop", "LaunchTemplateData.DisableApiStop"),
    ("host-resource-group-arn", "LaunchTemplateData.Placement.HostResourceGroupArn"),
    ("http-endpoint", "LaunchTemplateData.MetadataOptions.HttpEndpoint"),
    ("http-tokens", "LaunchTemplateData.MetadataOptions.HttpTokens"),
    ("license-configuration-arn", "LaunchTemplateData.LicenseSpecifications.LicenseConfigurationArn"),
    ("network-card-index", "LaunchTemplateData.NetworkInterfaces.NetworkCardIndex"),
    ("create-time", "CreateTimeIso"),
];

pub fn describe_launch_template_versions(ec2: &Ec2, input: &Value) -> Result<Value> {
    let specs = strings(input, "Versions");
    let filters = filter::from_input(input);
    let bound = |k: &str| -> Result<Option<i64>> {
        str_of(input, k)
            .map(|s| {
                s.trim().parse::<i64>().map_err(|_| {
                    Ec2Error::InvalidParameterValue(format!(
                        "Invalid value '{s}' for {k}: a version number is required."
                    ))
                })
            })
            .transpose()
    };
    let (min, max) = (bound("MinVersion")?, bound("MaxVersion")?);
    let named = str_of(input, "LaunchTemplateId").is_some() || str_of(input, "LaunchTemplateName").is_some();
    let templates: Vec<LaunchTemplateRec> = ec2.read(|tx| {
        if named {
            Ok(vec![target(tx, input)?])
        } else {
            Ok(tx.list::<LaunchTemplateRec>(kind::LAUNCH_TEMPLATE, "")?.into_iter().map(|(_, t)| t).collect())
        }
    })?;
    if !named && specs.iter().any(|s| s != "$Latest" && s != "$Default") {
        return Err(Ec2Error::InvalidParameterCombination(
            "Without a launch template id or name, only the versions $Latest and $Default may be asked for.".into(),
        ));
    }
    let mut out = Vec::new();
    for t in &templates {
        let mut chosen: Vec<i64> = Vec::new();
        for s in &specs {
            let n = version_number(t, Some(s))?;
            if !chosen.contains(&n) {
                chosen.push(n);
            }
        }
        let mut versions: Vec<&LtVersion> = t
            .versions
            .iter()
            .filter(|v| specs.is_empty() || chosen.contains(&v.number))
            .filter(|v| min.is_none_or(|m| v.number >= m) && max.is_none_or(|m| v.number <= m))
            .collect();
        versions.sort_by_key(|v| std::cmp::Reverse(v.number));
        for v in versions {
            let r = t.render_version(v);
            let mut probe = r.clone();
            probe["CreateTimeIso"] = json!(wire::timestamp::format_iso8601(v.create_time));
            if filter::matches(&probe, &filters, VERSION_FILTERS)? {
                out.push(r);
            }
        }
    }
    super::page(out, input, "LaunchTemplateVersions")
}

pub fn modify_launch_template(ec2: &Ec2, input: &Value) -> Result<Value> {
    // The model's member is DefaultVersion (SetDefaultVersion on the wire).
    let wanted = str_of(input, "DefaultVersion").or_else(|| str_of(input, "SetDefaultVersion"));
    let t = ec2.write(|tx| {
        let mut t = target(tx, input)?;
        if let Some(v) = wanted {
            t.default_version = version_number(&t, Some(v))?;
            tx.put(kind::LAUNCH_TEMPLATE, &t.launch_template_id, &t)?;
        }
        Ok(t)
    })?;
    Ok(json!({"LaunchTemplate": t.render()}))
}

pub fn delete_launch_template(ec2: &Ec2, input: &Value) -> Result<Value> {
    let t = ec2.write(|tx| {
        let t = target(tx, input)?;
        tx.delete(kind::LAUNCH_TEMPLATE, &t.launch_template_id)?;
        Ok(t)
    })?;
    Ok(json!({"LaunchTemplate": t.render()}))
}

pub fn delete_launch_template_versions(ec2: &Ec2, input: &Value) -> Result<Value> {
    let specs = strings(input, "Versions");
    if specs.is_empty() {
        return Err(Ec2Error::MissingParameter("The request must contain the parameter LaunchTemplateVersion".into()));
    }
    let (ok, failed) = ec2.write(|tx| {
        let mut t = target(tx, input)?;
        let (mut ok, mut failed) = (Vec::new(), Vec::new());
        for s in &specs {
            let fail = |n: Value, code: &str, msg: String| {
                json!({"LaunchTemplateId": t.launch_template_id, "LaunchTemplateName": t.name, "VersionNumber": n,
                       "ResponseError": {"Code": code, "Message": msg}})
            };
            let Ok(n) = s.trim().parse::<i64>() else {
                failed.push(fail(json!(null), "launchTemplateVersionDoesNotExist", format!("Invalid version {s}")));
                continue;
            };
            if n == t.default_version {
                failed.push(fail(
                    json!(n),
                    "launchTemplateVersionIsDefaultVersion",
                    "Cannot delete the default version of the launch template.".into(),
                ));
            } else if let Some(at) = t.versions.iter().position(|v| v.number == n) {
                t.versions.remove(at);
                ok.push(
                    json!({"LaunchTemplateId": t.launch_template_id, "LaunchTemplateName": t.name, "VersionNumber": n}),
                );
            } else {
                failed.push(fail(
                    json!(n),
                    "launchTemplateVersionDoesNotExist",
                    format!("Launch template version {n} does not exist."),
                ));
            }
        }
        tx.put(kind::LAUNCH_TEMPLATE, &t.launch_template_id, &t)?;
        Ok((ok, failed))
    })?;
    Ok(json!({
        "SuccessfullyDeletedLaunchTemplateVersions": ok,
        "UnsuccessfullyDeletedLaunchTemplateVersions": failed,
    }))
}

/// RunInstances with `LaunchTemplate`: the request with the template version's values filled
/// in where the request gives none (the request's own values win). Without a template the
/// request comes back as it is.
pub(crate) fn apply_to_run_instances(ec2: &Ec2, input: &Value) -> Result<Value> {
    let Some(spec) = input.get("LaunchTemplate") else { return Ok(input.clone()) };
    let data = ec2.read(|tx| {
        let t = target(tx, spec)?;
        Ok(version(&t, str_of(spec, "Version"))?.data.clone())
    })?;
    Ok(merge_run_request(input, &data))
}

fn merge_run_request(input: &Value, data: &Value) -> Value {
    let mut out = input.clone();
    let Some(o) = out.as_object_mut() else { return out };
    for k in [
        "ImageId",
        "InstanceType",
        "KeyName",
        "SecurityGroupIds",
        "SecurityGroups",
        "UserData",
        "IamInstanceProfile",
        "Placement",
        "InstanceInitiatedShutdownBehavior",
    ] {
        if !o.contains_key(k) {
            if let Some(v) = data.get(k) {
                o.insert(k.into(), v.clone());
            }
        }
    }
    // The primary interface of the template stands for SubnetId, groups and address.
    let primary = data
        .get("NetworkInterfaces")
        .and_then(Value::as_array)
        .and_then(|l| l.iter().find(|n| n.get("DeviceIndex").and_then(Value::as_i64).unwrap_or(0) == 0));
    if let Some(ni) = primary {
        if !o.contains_key("SubnetId") && !o.contains_key("NetworkInterfaces") {
            for (from, to) in
                [("SubnetId", "SubnetId"), ("Groups", "SecurityGroupIds"), ("PrivateIpAddress", "PrivateIpAddress")]
            {
                if let (Some(v), false) = (ni.get(from), o.contains_key(to)) {
                    o.insert(to.into(), v.clone());
                }
            }
            // Whether it gets a public address travels as the request's own primary interface.
            if let Some(a) = ni.get("AssociatePublicIpAddress") {
                o.insert("NetworkInterfaces".into(), json!([{"DeviceIndex": 0, "AssociatePublicIpAddress": a}]));
            }
        }
    }
    // Tags: the request's specification for a resource type wins over the template's.
    if let Some(tmpl) = data.get("TagSpecifications").and_then(Value::as_array) {
        let mut specs = o.get("TagSpecifications").and_then(Value::as_array).cloned().unwrap_or_default();
        for s in tmpl {
            let rt = s.get("ResourceType");
            if !specs.iter().any(|x| x.get("ResourceType") == rt) {
                specs.push(s.clone());
            }
        }
        o.insert("TagSpecifications".into(), Value::Array(specs));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> LaunchTemplateRec {
        let v = |n: i64| LtVersion {
            number: n,
            description: None,
            data: json!({"ImageId": format!("ami-{n}")}),
            created_by: "arn".into(),
            create_time: 0.0,
        };
        LaunchTemplateRec {
            launch_template_id: "lt-1".into(),
            name: "web".into(),
            created_by: "arn".into(),
            create_time: 0.0,
            default_version: 2,
            next_version: 5,
            versions: vec![v(1), v(2), v(4)],
            tags: vec![],
        }
    }

    #[test]
    fn versions_resolve_aliases_and_numbers() {
        let t = template();
        assert_eq!(version_number(&t, None).unwrap(), 2);
        assert_eq!(version_number(&t, Some("$Default")).unwrap(), 2);
        assert_eq!(version_number(&t, Some("$Latest")).unwrap(), 4);
        assert_eq!(version_number(&t, Some("1")).unwrap(), 1);
        assert!(matches!(
            version_number(&t, Some("3")),
            Err(Ec2Error::Client("InvalidLaunchTemplateId.VersionNotFound", _))
        ));
        assert!(version_number(&t, Some("x")).is_err());
    }

    #[test]
    fn request_values_win_over_the_template() {
        let data = json!({
            "ImageId": "ami-t", "InstanceType": "t3.micro", "KeyName": "k", "UserData": "ZWNobw==",
            "NetworkInterfaces": [{"DeviceIndex": 0, "SubnetId": "subnet-1", "Groups": ["sg-1"]}],
            "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "a", "Value": "t"}]},
                                  {"ResourceType": "volume", "Tags": [{"Key": "v", "Value": "t"}]}],
        });
        let req = json!({"InstanceType": "t3.small", "MinCount": 1,
                         "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "a", "Value": "r"}]}]});
        let m = merge_run_request(&req, &data);
        assert_eq!(m["ImageId"], "ami-t");
        assert_eq!(m["InstanceType"], "t3.small");
        assert_eq!(m["KeyName"], "k");
        assert_eq!(m["SubnetId"], "subnet-1");
        assert_eq!(m["SecurityGroupIds"], json!(["sg-1"]));
        let specs = m["TagSpecifications"].as_array().unwrap();
        assert_eq!(specs.len(), 2);
        assert_eq!(specs[0]["Tags"][0]["Value"], "r");
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("web-server_v1.0(a)/b").is_ok());
        assert!(check_name("ab").is_err());
        assert!(check_name("has space").is_err());
    }
}
