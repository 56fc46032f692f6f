//! Images: RegisterImage from a local bundle, CreateImage from an instance, DescribeImages,
//! DeregisterImage.
//!
//! A bundle is a directory holding `homeground-image.json` — `{"boot": ["bin/app", "--listen",
//! "{private_ip}:80"], "health_port": 80, "architecture": "x86_64"}` — and `rootfs/`, the
//! instance's root filesystem. `{private_ip}`, `{instance_id}` and `{imds}` in the boot entry are
//! filled in at launch. RegisterImage takes the bundle's path as `ImageLocation`.

use std::path::Path;

use serde::Deserialize;
use serde_json::{json, Value};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, BootSpec, ImageRec, ImageState};
use crate::{filter, ids, rootvol, Ec2};

#[derive(Deserialize)]
struct BundleManifest {
    boot: Vec<String>,
    #[serde(default)]
    health_port: Option<u16>,
    #[serde(default = "x86_64")]
    architecture: String,
}

fn x86_64() -> String {
    "x86_64".into()
}

fn check_name(name: &str) -> Result<()> {
    let ok =
        (3..=128).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || "()[] ./-'@_".contains(c));
    if !ok {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_' ({name})"
        )));
    }
    Ok(())
}

fn name_taken(tx: &store::Tx, name: &str) -> Result<bool> {
    Ok(tx.list::<ImageRec>(kind::IMAGE, "")?.iter().any(|(_, i)| i.name == name && i.state != ImageState::Deregistered))
}

pub fn register_image(ec2: &Ec2, input: &Value) -> Result<Value> {
    let name = str_of(input, "Name")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter Name".into()))?;
    check_name(name)?;
    let location = str_of(input, "ImageLocation").ok_or_else(|| {
        Ec2Error::MissingParameter(
            "The request must contain the parameter ImageLocation (the path of an image bundle)".into(),
        )
    })?;
    let bundle = Path::new(location.strip_prefix("file://").unwrap_or(location));
    let manifest: BundleManifest = std::fs::read_to_string(bundle.join("homeground-image.json"))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .ok_or_else(|| {
            Ec2Error::Client("InvalidManifest", format!("No readable homeground-image.json in image bundle {location}"))
        })?;
    if manifest.boot.is_empty() || !bundle.join("rootfs").is_dir() {
        return Err(Ec2Error::Client(
            "InvalidManifest",
            format!("Image bundle {location} needs a boot entry and a rootfs directory"),
        ));
    }
    let tags = tag_specs(input, "image")?;
    let image_id = ids::new("ami");
    if ec2.read(|tx| name_taken(tx, name))? {
        return Err(Ec2Error::Client(
            "InvalidAMIName.Duplicate",
            format!("AMI name {name} is already in use by AMI {image_id}"),
        ));
    }
    let root_snapshot = rootvol::snapshot_root(
        ec2,
        &bundle.join("rootfs"),
        "vol-ffffffff",
        format!("Root filesystem of {image_id} ({name}), registered from {location}"),
    )?;
    let rec = ImageRec {
        image_id: image_id.clone(),
        name: name.into(),
        description: str_of(input, "Description").map(String::from),
        location: location.into(),
        owner_id: ec2.config.account.clone(),
        architecture: manifest.architecture,
        creation_date: wire::timestamp::format_iso8601(ec2.now()),
        state: ImageState::Available,
        state_reason: None,
        boot: BootSpec { command: manifest.boot, health_port: manifest.health_port },
        source_instance_id: None,
        root_device_name: "/dev/xvda".into(),
        tags,
        root_snapshot_id: Some(root_snapshot.clone()),
        launch_permissions: vec![],
        source_image_id: None,
        owner_alias: None,
    };
    let saved = ec2.write(|tx| {
        if name_taken(tx, name)? {
            return Err(Ec2Error::Client("InvalidAMIName.Duplicate", format!("AMI name {name} is already in use")));
        }
        tx.put(kind::IMAGE, &image_id, &rec)?;
        Ok(())
    });
    if saved.is_err() {
        let _ = ec2.blocks.delete_snapshot(&root_snapshot);
        let _ = ec2.write(|tx| Ok(tx.delete(crate::storage::kind::SNAPSHOT, &root_snapshot)?));
    }
    saved?;
    Ok(json!({"ImageId": image_id}))
}

pub(crate) fn load(tx: &store::Tx, image_id: &str) -> Result<ImageRec> {
    if !ids::well_formed("ami", image_id) {
        return Err(Ec2Error::Client(
            "InvalidAMIID.Malformed",
            format!("Invalid id: \"{image_id}\" (expecting \"ami-...\")"),
        ));
    }
    tx.get::<ImageRec>(kind::IMAGE, image_id)?
        .filter(|i| i.state != ImageState::Deregistered)
        .ok_or_else(|| Ec2Error::Client("InvalidAMIID.NotFound", format!("The image id '[{image_id}]' does not exist")))
}

pub fn describe_images(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "ImageIds");
    let owners = strings(input, "Owners");
    let filters = filter::from_input(input);
    let images = ec2.read(|tx| {
        // The first malformed id, else every missing one in one error, as AWS answers.
        let mut missing = Vec::new();
        for id in &wanted {
            match load(tx, id) {
                Ok(_) => {}
                Err(Ec2Error::Client("InvalidAMIID.NotFound", _)) => missing.push(id.as_str()),
                Err(e) => return Err(e),
            }
        }
        if missing.len() > 1 {
            return Err(Ec2Error::Client(
                "InvalidAMIID.NotFound",
                format!("The image ids '[{}]' do not exist", missing.join(", ")),
            ));
        }
        if let Some(id) = missing.first() {
            load(tx, id)?;
        }
        Ok(tx.list::<ImageRec>(kind::IMAGE, "")?)
    })?;
    let paths = [
        ("image-id", "ImageId"),
        ("name", "Name"),
        ("state", "State"),
        ("owner-id", "OwnerId"),
        ("owner-alias", "ImageOwnerAlias"),
        ("architecture", "Architecture"),
        ("image-type", "ImageType"),
        ("is-public", "Public"),
        ("root-device-type", "RootDeviceType"),
        ("description", "Description"),
    ];
    let mut out = Vec::new();
    for (_, i) in images {
        if i.state == ImageState::Deregistered {
            continue;
        }
        let owner_ok = super::owned_by(ec2, &owners, &i.owner_id, i.owner_alias.as_deref());
        let r = i.render();
        if owner_ok && (wanted.is_empty() || wanted.contains(&i.image_id)) && filter::matches(&r, &filters, &paths)? {
            out.push(r);
        }
    }
    super::page(out, input, "Images")
}

pub fn deregister_image(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "ImageId").unwrap_or_default();
    ec2.write(|tx| {
        let mut rec = load(tx, id)?;
        rec.state = ImageState::Deregistered;
        tx.put(kind::IMAGE, id, &rec)?;
        Ok(())
    })?;
    Ok(json!({"Return": true}))
}

pub fn create_image(ec2: &Ec2, input: &Value) -> Result<Value> {
    let instance_id = str_of(input, "InstanceId").unwrap_or_default();
    let name = str_of(input, "Name").unwrap_or_default();
    check_name(name)?;
    let inst = ec2.read(|tx| super::instances::load(tx, instance_id))?;
    if !matches!(inst.state, crate::records::InstanceState::Running | crate::records::InstanceState::Stopped) {
        return Err(Ec2Error::IncorrectInstanceState(format!(
            "The instance '{instance_id}' is not in a state from which it can be imaged."
        )));
    }
    let image_id = ids::new("ami");
    if ec2.read(|tx| name_taken(tx, name))? {
        return Err(Ec2Error::Client("InvalidAMIName.Duplicate", format!("AMI name {name} is already in use")));
    }
    let root_snapshot = rootvol::snapshot_root(
        ec2,
        &super::instances::root_dir(ec2, instance_id),
        &format!("vol-{}", &instance_id[2..]),
        format!("Created by CreateImage({instance_id}) for {image_id}"),
    )?;
    let rec = ImageRec {
        image_id: image_id.clone(),
        name: name.into(),
        description: Some(
            str_of(input, "Description")
                .map(String::from)
                .unwrap_or_else(|| format!("Created by CreateImage({instance_id}) for {image_id}")),
        ),
        location: format!("{}/{name}", ec2.config.account),
        owner_id: ec2.config.account.clone(),
        architecture: "x86_64".into(),
        creation_date: wire::timestamp::format_iso8601(ec2.now()),
        state: ImageState::Available,
        state_reason: None,
        boot: inst.boot.clone(),
        source_instance_id: Some(instance_id.into()),
        root_device_name: "/dev/xvda".into(),
        tags: tag_specs(input, "image")?,
        root_snapshot_id: Some(root_snapshot),
        launch_permissions: vec![],
        source_image_id: None,
        owner_alias: None,
    };
    ec2.write(|tx| Ok(tx.put(kind::IMAGE, &image_id, &rec)?))?;
    Ok(json!({"ImageId": image_id}))
}

/// CopyImage within the region: the root snapshot is copied (sharing its chunks) and a new
/// image made from it.
pub fn copy_image(ec2: &Ec2, input: &Value) -> Result<Value> {
    let source_region = str_of(input, "SourceRegion").unwrap_or_default();
    if source_region != ec2.config.region {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Invalid value '{source_region}' for SourceRegion: this region ({}) has no neighbours yet",
            ec2.config.region
        )));
    }
    let (src_id, name) =
        (str_of(input, "SourceImageId").unwrap_or_default(), str_of(input, "Name").unwrap_or_default());
    check_name(name)?;
    let src = ec2.read(|tx| load(tx, src_id))?;
    if ec2.read(|tx| name_taken(tx, name))? {
        return Err(Ec2Error::Client("InvalidAMIName.Duplicate", format!("AMI name {name} is already in use")));
    }
    let image_id = ids::new("ami");
    let mut copy = src.clone();
    if let Some(snap) = &src.root_snapshot_id {
        let new_snap = ids::new("snap");
        ec2.blocks.copy_snapshot(snap, &new_snap).map_err(|e| Ec2Error::Internal(e.to_string()))?;
        let mut rec = ec2.read(|tx| super::volumes::load_snapshot(tx, snap))?;
        rec.snapshot_id = new_snap.clone();
        rec.start_time = ec2.now();
        rec.completion_time = Some(rec.start_time);
        rec.new_stored_bytes = 0;
        rec.tags = vec![];
        rec.description =
            format!("Copied for DestinationAmi {image_id} from SourceAmi {src_id} for SourceSnapshot {snap}");
        ec2.write(|tx| Ok(tx.put(crate::storage::kind::SNAPSHOT, &new_snap, &rec)?))?;
        copy.root_snapshot_id = Some(new_snap);
    }
    copy.image_id = image_id.clone();
    copy.name = name.into();
    copy.description = str_of(input, "Description").map(String::from).or(src.description.clone());
    copy.creation_date = wire::timestamp::format_iso8601(ec2.now());
    copy.source_image_id = Some(src_id.into());
    copy.source_instance_id = None;
    copy.owner_id = ec2.config.account.clone();
    copy.owner_alias = None;
    copy.launch_permissions = vec![];
    copy.tags =
        if input.get("CopyImageTags").and_then(Value::as_bool) == Some(true) { src.tags.clone() } else { vec![] };
    copy.tags.extend(tag_specs(input, "image")?);
    ec2.write(|tx| Ok(tx.put(kind::IMAGE, &image_id, &copy)?))?;
    Ok(json!({"ImageId": image_id}))
}

pub fn describe_image_attribute(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "ImageId").unwrap_or_default();
    let image = ec2.read(|tx| load(tx, id))?;
    let r = image.render();
    let mut out = json!({"ImageId": id});
    match str_of(input, "Attribute").unwrap_or_default() {
        "description" => out["Description"] = json!({"Value": image.description.unwrap_or_default()}),
        "launchPermission" => out["LaunchPermissions"] = json!(image.launch_permissions),
        "blockDeviceMapping" => out["BlockDeviceMappings"] = r["BlockDeviceMappings"].clone(),
        "kernel" => out["KernelId"] = json!({}),
        "ramdisk" => out["RamdiskId"] = json!({}),
        "productCodes" => out["ProductCodes"] = json!([]),
        "sriovNetSupport" => out["SriovNetSupport"] = json!({"Value": "simple"}),
        "bootMode" => out["BootMode"] = json!({"Value": "uefi-preferred"}),
        "imdsSupport" => out["ImdsSupport"] = json!({"Value": "v2.0"}),
        "deregistrationProtection" => out["DeregistrationProtection"] = json!({"Value": "disabled"}),
        "lastLaunchedTime" => out["LastLaunchedTime"] = json!({}),
        other => {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "Value ({other}) for parameter attribute is invalid. Unknown attribute."
            )))
        }
    }
    Ok(out)
}

pub fn modify_image_attribute(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "ImageId").unwrap_or_default();
    let desc = input.get("Description").and_then(|d| str_of(d, "Value")).map(String::from).or_else(|| {
        (str_of(input, "Attribute") == Some("description"))
            .then(|| str_of(input, "Value").unwrap_or_default().to_string())
    });
    let mut add: Vec<Value> = Vec::new();
    let mut remove: Vec<Value> = Vec::new();
    if let Some(lp) = input.get("LaunchPermission") {
        add.extend(lp.get("Add").and_then(Value::as_array).cloned().unwrap_or_default());
        remove.extend(lp.get("Remove").and_then(Value::as_array).cloned().unwrap_or_default());
    }
    let op = str_of(input, "OperationType");
    let listed: Vec<Value> = strings(input, "UserIds")
        .into_iter()
        .map(|u| json!({"UserId": u}))
        .chain(strings(input, "UserGroups").into_iter().map(|g| json!({"Group": g})))
        .collect();
    match op {
        Some("add") => add.extend(listed),
        Some("remove") => remove.extend(listed),
        _ => {}
    }
    for p in add.iter().chain(remove.iter()) {
        if let Some(g) = p.get("Group").and_then(Value::as_str) {
            if g != "all" {
                return Err(Ec2Error::InvalidParameterValue(format!(
                    "Invalid value '{g}' for group: only 'all' is allowed"
                )));
            }
        }
        if let Some(u) = p.get("UserId").and_then(Value::as_str) {
            if u.len() != 12 || !u.chars().all(|c| c.is_ascii_digit()) {
                return Err(Ec2Error::Client(
                    "InvalidAMIAttributeItemValue",
                    format!("Invalid attribute item value \"{u}\" for userId item type."),
                ));
            }
        }
    }
    if desc.is_none() && add.is_empty() && remove.is_empty() {
        return Err(Ec2Error::MissingParameter("No attribute specified.".into()));
    }
    ec2.write(|tx| {
        let mut image = load(tx, id)?;
        if let Some(d) = &desc {
            image.description = Some(d.clone());
        }
        image.launch_permissions.retain(|p| !remove.contains(p));
        for p in &add {
            if !image.launch_permissions.contains(p) {
                image.launch_permissions.push(p.clone());
            }
        }
        tx.put(kind::IMAGE, id, &image)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn reset_image_attribute(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "ImageId").unwrap_or_default();
    if str_of(input, "Attribute") != Some("launchPermission") {
        return Err(Ec2Error::InvalidParameterValue("Only the launchPermission attribute can be reset.".into()));
    }
    ec2.write(|tx| {
        let mut image = load(tx, id)?;
        image.launch_permissions.clear();
        tx.put(kind::IMAGE, id, &image)?;
        Ok(())
    })?;
    Ok(json!({"Return": true}))
}
