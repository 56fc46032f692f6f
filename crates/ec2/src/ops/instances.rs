//! Instances: RunInstances and the lifecycle calls. The API records what is wanted; the
//! controller (`controller.rs`) makes it so on the driver.

use std::collections::HashMap;
use std::path::PathBuf;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde_json::{json, Value};
use wire::protocol::xml::Fragment;
use wire::CallContext;

use super::{str_of, strings, tag_specs_by};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, Desired, Health, InstanceRec, InstanceState, SecurityGroupRec};
use crate::roster::{Entry, View};
use crate::{filter, ids, network, Ec2};

/// Instance types this region knows: (name, vCPUs, memory MiB).
pub const INSTANCE_TYPES: &[(&str, f64, u64)] = &[
    ("m1.small", 1.0, 1740),
    ("t2.nano", 1.0, 512),
    ("t2.micro", 1.0, 1024),
    ("t2.small", 1.0, 2048),
    ("t2.medium", 2.0, 4096),
    ("t2.large", 2.0, 8192),
    ("t3.nano", 2.0, 512),
    ("t3.micro", 2.0, 1024),
    ("t3.small", 2.0, 2048),
    ("t3.medium", 2.0, 4096),
    ("t3.large", 2.0, 8192),
    ("m5.large", 2.0, 8192),
    ("m5.xlarge", 4.0, 16384),
    ("c5.large", 2.0, 4096),
    ("c5.xlarge", 4.0, 8192),
];

/// Instances launched in one call at most (the account's max-instances attribute).
const MAX_PER_CALL: i64 = 20;

/// Terminated instances stay visible this long, as on AWS.
const TERMINATED_VISIBLE_SECS: f64 = 3600.0;

pub fn limits(instance_type: &str) -> Option<compute::Limits> {
    INSTANCE_TYPES
        .iter()
        .find(|(n, ..)| *n == instance_type)
        .map(|(_, c, m)| compute::Limits { vcpus: *c, memory_mib: *m })
}

pub(crate) fn instance_dir(ec2: &Ec2, id: &str) -> PathBuf {
    ec2.config.dir.join("instances").join(id)
}

pub(crate) fn root_dir(ec2: &Ec2, id: &str) -> PathBuf {
    instance_dir(ec2, id).join("root")
}

pub(crate) fn load(tx: &store::Tx, id: &str) -> Result<InstanceRec> {
    if !ids::well_formed("i", id) {
        return Err(Ec2Error::Client("InvalidInstanceID.Malformed", format!("Invalid id: \"{id}\"")));
    }
    tx.get::<InstanceRec>(kind::INSTANCE, id)?
        .ok_or_else(|| Ec2Error::Client("InvalidInstanceID.NotFound", format!("The instance ID '{id}' does not exist")))
}

/// The request's primary network interface (device index 0), if it names interfaces.
fn primary_interface(input: &Value) -> Option<&Value> {
    input
        .get("NetworkInterfaces")
        .and_then(Value::as_array)?
        .iter()
        .find(|n| n.get("DeviceIndex").and_then(Value::as_i64).unwrap_or(0) == 0)
}

pub fn run_instances(ec2: &Ec2, cx: &CallContext, input: &Value) -> Result<Value> {
    run_instances_for(ec2, cx, input, None)
}

/// RunInstances; `spot_request`: the persistent Spot request (its id) the one instance launched
/// is for, which takes it instead of a new request being made.
pub(crate) fn run_instances_for(
    ec2: &Ec2,
    cx: &CallContext,
    input: &Value,
    spot_request: Option<&str>,
) -> Result<Value> {
    // A launch template fills in what the request leaves out.
    let input = &super::launch_templates::apply_to_run_instances(ec2, input)?;
    let image_id = str_of(input, "ImageId")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter ImageId".into()))?;
    let instance_type = str_of(input, "InstanceType").unwrap_or("m1.small");
    let min = input.get("MinCount").and_then(Value::as_i64).unwrap_or(1);
    let max = input.get("MaxCount").and_then(Value::as_i64).unwrap_or(1);
    if min < 1 || max < min {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Invalid value '{min}' for minCount. Must be at least 1 and at most maxCount ({max})."
        )));
    }
    if min > MAX_PER_CALL {
        return Err(Ec2Error::Client(
            "InstanceLimitExceeded",
            format!("You have requested more instances ({min}) than your current instance limit of {MAX_PER_CALL} allows for the specified instance type."),
        ));
    }
    let count = max.min(MAX_PER_CALL);
    let user_data = match str_of(input, "UserData") {
        Some(u) => Some(
            String::from_utf8(
                B64.decode(u.trim())
                    .map_err(|_| Ec2Error::InvalidParameterValue("Invalid BASE64 encoding of user data.".into()))?,
            )
            .map_err(|_| Ec2Error::InvalidParameterValue("User data must be UTF-8 text.".into()))?,
        ),
        None => None,
    };
    if user_data.as_ref().is_some_and(|u| u.len() > 16 * 1024) {
        return Err(Ec2Error::InvalidParameterValue("User data is limited to 16384 bytes".into()));
    }
    let tags = tag_specs_by(input, "instance", cx.principal.is_service_linked())?;
    let client_token = str_of(input, "ClientToken").map(String::from);
    let zone = input.get("Placement").and_then(|p| str_of(p, "AvailabilityZone"));
    let sg_ids = strings(input, "SecurityGroupIds");
    let sg_names = strings(input, "SecurityGroups");
    let profile = input.get("IamInstanceProfile").and_then(|p| {
        str_of(p, "Arn").map(String::from).or_else(|| str_of(p, "Name").map(|n| format!("instance-profile/{n}")))
    });
    let now = ec2.now();
    let reservation = ec2.write(|tx| {
        if let Some(t) = &client_token {
            if let Some(previous) = tx.get::<Value>(kind::CLIENT_TOKEN, t)? {
                return Ok(previous);
            }
        }
        let image = super::images::load(tx, image_id)?;
        if let Some(key) = str_of(input, "KeyName") {
            // Validated only. For the lead: the key's OpenSSH line (`KeyPairRec::public_key`) could
            // be written to the instance root's home/ec2-user/.ssh/authorized_keys.
            super::keypairs::check_exists(tx, key)?;
        }
        if limits(instance_type).is_none() {
            return Err(Ec2Error::InvalidParameterValue(format!("Invalid value '{instance_type}' for InstanceType.")));
        }
        let subnet = super::vpcs::launch_subnet(tx, str_of(input, "SubnetId"), zone)?;
        // A public address: as the primary interface asks, else as the subnet's
        // MapPublicIpOnLaunch says.
        let public = primary_interface(input)
            .and_then(|ni| ni.get("AssociatePublicIpAddress"))
            .and_then(Value::as_bool)
            .unwrap_or(subnet.map_public_ip);
        let groups = security_groups(tx, &subnet.vpc_id, &sg_ids, &sg_names)?;
        let dns_hostnames =
            tx.get::<crate::records::VpcRec>(kind::VPC, &subnet.vpc_id)?.is_none_or(|v| v.enable_dns_hostnames());
        let cpu_credits = super::credits::at_launch(tx, input, instance_type)?;
        let spot = super::spot::market(input)?;
        let interface_tags = tag_specs_by(input, "network-interface", cx.principal.is_service_linked())?;
        let reservation_id = ids::new("r");
        let mut instances = Vec::new();
        for i in 0..count {
            let id = ids::new("i");
            let wanted_ip = if i == 0 { str_of(input, "PrivateIpAddress") } else { None };
            let (ip, lo) = match network::allocate(
                tx,
                &subnet.subnet_id,
                &subnet.cidr,
                wanted_ip,
                &id,
                ec2.config.network.is_none().then_some(ec2.config.imds_port),
            ) {
                Ok(a) => a,
                // Fewer than MinCount addresses: the whole call fails; extra ones are just not launched.
                Err(e) if i >= min => {
                    let _ = e;
                    break;
                }
                Err(e) => return Err(e),
            };
            let public_ip = if public {
                let p = super::addresses::take_public_ip(tx, None)?;
                tx.put(kind::PUBLIC_IP, &p, &id)?;
                Some(p)
            } else {
                None
            };
            let rec = InstanceRec {
                instance_id: id.clone(),
                reservation_id: reservation_id.clone(),
                launch_index: i,
                image_id: image.image_id.clone(),
                instance_type: instance_type.into(),
                state: InstanceState::Pending,
                desired: Desired::Running,
                state_reason: Some(("pending".into(), "pending".into())),
                state_transition_reason: String::new(),
                launch_time: now,
                subnet_id: subnet.subnet_id.clone(),
                vpc_id: subnet.vpc_id.clone(),
                availability_zone: subnet.availability_zone.clone(),
                private_ip: ip.to_string(),
                loopback_ip: lo.to_string(),
                key_name: str_of(input, "KeyName").map(String::from),
                security_groups: groups.iter().map(|g| (g.group_id.clone(), g.group_name.clone())).collect(),
                tags: tags.clone(),
                user_data: user_data.clone(),
                client_token: client_token.clone(),
                iam_instance_profile: profile.clone(),
                shutdown_behavior: str_of(input, "InstanceInitiatedShutdownBehavior").unwrap_or("stop").into(),
                boot: image.boot.clone(),
                handle: None,
                booted_once: false,
                terminated_at: None,
                health: Health::default(),
                run_periods: vec![(now, None)],
                primary_interface: Some(ids::new("eni")),
                cpu_credits: cpu_credits.clone(),
                spot_request: spot.as_ref().map(|_| spot_request.map_or_else(|| ids::new("sir"), String::from)),
                public_ip,
                disable_api_termination: input.get("DisableApiTermination").and_then(Value::as_bool).unwrap_or(false),
                source_dest_check: None,
                ebs_optimized: input.get("EbsOptimized").and_then(Value::as_bool).unwrap_or(false),
            };
            tx.put(kind::INSTANCE, &id, &rec)?;
            if let Some(ask) = &spot {
                let existing = match spot_request {
                    Some(id) => tx.get::<crate::records::SpotRequestRec>(kind::SPOT_REQUEST, id)?,
                    None => None,
                };
                let request = match existing {
                    // A persistent request's instance launched again: the request takes it.
                    Some(mut r) => {
                        r.instance_id = rec.instance_id.clone();
                        r.availability_zone = rec.availability_zone.clone();
                        r.subnet_id = rec.subnet_id.clone();
                        r
                    }
                    None => super::spot::request_for(ask, &rec, now),
                };
                tx.put(kind::SPOT_REQUEST, &request.spot_instance_request_id, &request)?;
            }
            if let Some(mut eni) = rec.primary_interface_rec(&ec2.config.account) {
                eni.tags = interface_tags.clone();
                tx.put(kind::NETWORK_INTERFACE, &eni.network_interface_id, &eni)?;
            }
            instances.push(rec.render_in(&ec2.config.region, &ec2.config.account, dns_hostnames));
        }
        let out = json!({
            "ReservationId": reservation_id,
            "OwnerId": ec2.config.account,
            "Groups": [],
            "Instances": instances,
        });
        if let Some(t) = &client_token {
            tx.put(kind::CLIENT_TOKEN, t, &out)?;
        }
        Ok(out)
    })?;
    Ok(reservation)
}

pub(crate) fn security_groups(
    tx: &store::Tx,
    vpc_id: &str,
    ids: &[String],
    names: &[String],
) -> Result<Vec<SecurityGroupRec>> {
    let mut out = Vec::new();
    for id in ids {
        let g = tx
            .get::<SecurityGroupRec>(kind::SECURITY_GROUP, id)?
            .ok_or_else(|| super::security_groups::group_not_found(id))?;
        if g.vpc_id != vpc_id {
            return Err(Ec2Error::InvalidParameter(format!(
                "Security group {id} and subnet belong to different networks."
            )));
        }
        out.push(g);
    }
    for name in names {
        let g = tx
            .list::<SecurityGroupRec>(kind::SECURITY_GROUP, "")?
            .into_iter()
            .map(|(_, g)| g)
            .find(|g| &g.group_name == name && g.vpc_id == vpc_id)
            .ok_or_else(|| {
                Ec2Error::Client(
                    "InvalidGroup.NotFound",
                    format!("The security group '{name}' does not exist in VPC '{vpc_id}'"),
                )
            })?;
        out.push(g);
    }
    if out.is_empty() {
        out.extend(super::vpcs::default_group(tx, vpc_id)?);
    }
    Ok(out)
}

fn visible_at(now: f64, i: &InstanceRec) -> bool {
    i.terminated_at.is_none_or(|t| now - t < TERMINATED_VISIBLE_SECS)
}

const INSTANCE_FILTERS: &[(&str, &str)] = &[
    ("instance-id", "InstanceId"),
    ("image-id", "ImageId"),
    ("instance-type", "InstanceType"),
    ("instance-lifecycle", "InstanceLifecycle"),
    ("spot-instance-request-id", "SpotInstanceRequestId"),
    ("instance-state-name", "State.Name"),
    ("instance-state-code", "State.Code"),
    ("availability-zone", "Placement.AvailabilityZone"),
    ("subnet-id", "SubnetId"),
    ("vpc-id", "VpcId"),
    ("private-ip-address", "PrivateIpAddress"),
    ("network-interface.addresses.private-ip-address", "PrivateIpAddress"),
    ("private-dns-name", "PrivateDnsName"),
    ("key-name", "KeyName"),
    ("instance.group-id", "SecurityGroups.GroupId"),
    ("instance.group-name", "SecurityGroups.GroupName"),
    ("client-token", "ClientToken"),
    ("launch-index", "AmiLaunchIndex"),
    ("reservation-id", "ReservationId"),
    ("architecture", "Architecture"),
    ("iam-instance-profile.arn", "IamInstanceProfile.Arn"),
];

/// A reservation's id and the instances of it that an answer lists, in launch order,
/// borrowed from the roster's view (no reference counts touched per instance).
type Reservation<'v> = (&'v str, Vec<&'v Entry>);

/// One page of the reservations a DescribeInstances asks for, and the next page's token. Read
/// from the roster's view: no store access, no rendering of instances that did not change.
fn select_reservations<'v>(ec2: &Ec2, view: &'v View, input: &Value) -> Result<(Vec<Reservation<'v>>, Option<String>)> {
    let wanted = strings(input, "InstanceIds");
    let filters = filter::from_input(input);
    check_ids(&wanted, |id| Ok(view.get(id).is_some()))?;
    let now = ec2.now();
    let mut reservations: Vec<Reservation> = Vec::new();
    let mut slot: HashMap<&str, usize> = HashMap::new();
    for e in view.launch_order.iter().map(|i| &*view.entries[*i]) {
        let i = &e.rec;
        // Asked for by id: shown even when terminated long ago; otherwise while visible.
        let shown = if wanted.is_empty() { visible_at(now, i) } else { wanted.contains(&i.instance_id) };
        if !shown || !filter::matches(&e.rendered, &filters, INSTANCE_FILTERS)? {
            continue;
        }
        let id = i.reservation_id.as_str();
        // A reservation's instances are usually next to each other in launch order.
        let n = match reservations.last() {
            Some((last, _)) if *last == id => reservations.len() - 1,
            _ => *slot.entry(id).or_insert(reservations.len()),
        };
        if n == reservations.len() {
            reservations.push((id, Vec::new()));
        }
        reservations[n].1.push(e);
    }
    let (range, next) = super::page_range(reservations.len(), input)?;
    Ok((reservations.drain(range).collect(), next))
}

/// The `InvalidInstanceID` errors of the ids a call names, as AWS gives them: the first
/// malformed id, else every id that names no instance in one `.NotFound`
/// ("The instance IDs 'i-1, i-2' do not exist").
fn check_ids<'a>(wanted: &'a [String], exists: impl Fn(&str) -> Result<bool>) -> Result<()> {
    if let Some(id) = wanted.iter().find(|id| !ids::well_formed("i", id)) {
        return Err(Ec2Error::Client("InvalidInstanceID.Malformed", format!("Invalid id: \"{id}\"")));
    }
    let mut missing: Vec<&'a str> = Vec::new();
    for id in wanted {
        if !exists(id)? && !missing.contains(&id.as_str()) {
            missing.push(id);
        }
    }
    match missing.as_slice() {
        [] => Ok(()),
        [one] => Err(Ec2Error::Client("InvalidInstanceID.NotFound", format!("The instance ID '{one}' does not exist"))),
        many => Err(Ec2Error::Client(
            "InvalidInstanceID.NotFound",
            format!("The instance IDs '{}' do not exist", many.join(", ")),
        )),
    }
}

pub fn describe_instances(ec2: &Ec2, input: &Value) -> Result<Value> {
    let view = ec2.roster.view(ec2)?;
    let (reservations, next) = select_reservations(ec2, &view, input)?;
    let items = reservations
        .into_iter()
        .map(|(id, entries)| {
            let instances = entries
                .iter()
                .map(|e| {
                    let mut r = e.rendered.clone();
                    r.as_object_mut().map(|o| o.remove("ReservationId"));
                    r
                })
                .collect();
            json!({"ReservationId": id, "OwnerId": ec2.config.account, "Groups": [], "Instances": Value::Array(instances)})
        })
        .collect();
    let mut out = json!({"Reservations": Value::Array(items)});
    if let Some(t) = next {
        out["NextToken"] = json!(t);
    }
    Ok(out)
}

/// DescribeInstances written as XML straight from the roster's kept instance fragments: the
/// same answer as [`describe_instances`], without building or encoding a tree per instance.
pub fn describe_instances_xml(ec2: &Ec2, input: &Value) -> Result<Fragment> {
    let model = wire::model::load_embedded("ec2");
    let view = ec2.roster.view(ec2)?;
    let (reservations, next) = select_reservations(ec2, &view, input)?;
    // Room for every kept instance, its <item> tags and each reservation's own members.
    let size = reservations.iter().flat_map(|(_, es)| es).map(|e| e.xml.len() + 16).sum::<usize>();
    let mut out = Fragment::answer(model, size + 256 * reservations.len() + 128);
    out.push_list_with(model, "DescribeInstancesResult", "Reservations", &reservations, |r, (id, entries)| {
        let head = json!({"ReservationId": id, "OwnerId": ec2.config.account, "Groups": []});
        r.push_members(model, "Reservation", &head);
        r.push_list(model, "Reservation", "Instances", entries.iter().map(|e| &e.xml));
    });
    if let Some(t) = next {
        out.push_members(model, "DescribeInstancesResult", &json!({"NextToken": t}));
    }
    Ok(out)
}

fn check_status(ok: Option<bool>, since_boot: bool) -> (&'static str, &'static str) {
    match ok {
        Some(true) => ("ok", "passed"),
        Some(false) if since_boot => ("impaired", "failed"),
        _ => ("initializing", "initializing"),
    }
}

pub fn describe_instance_status(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "InstanceIds");
    let include_all = input.get("IncludeAllInstances").and_then(Value::as_bool).unwrap_or(false);
    let filters = filter::from_input(input);
    let view = ec2.roster.view(ec2)?;
    check_ids(&wanted, |id| Ok(view.get(id).is_some()))?;
    let now = ec2.now();
    let mut out = Vec::new();
    for i in view.entries.iter().map(|e| &e.rec) {
        if (!wanted.is_empty() && !wanted.contains(&i.instance_id)) || !visible_at(now, i) {
            continue;
        }
        if i.state != InstanceState::Running && !include_all {
            continue;
        }
        let running = i.state == InstanceState::Running;
        let summary = |ok: Option<bool>| {
            if !running {
                return json!({"Status": "not-applicable"});
            }
            let (status, detail) = check_status(ok, i.health.since.is_some());
            json!({"Status": status, "Details": [{"Name": "reachability", "Status": detail}]})
        };
        let v = json!({
            "InstanceId": i.instance_id,
            "AvailabilityZone": i.availability_zone,
            "AvailabilityZoneId": crate::zone_id(&ec2.config.region, &i.availability_zone),
            "InstanceState": i.state.render(),
            "InstanceStatus": summary(i.health.instance_ok),
            "SystemStatus": summary(i.health.system_ok),
            "Events": [],
        });
        let paths = [
            ("availability-zone", "AvailabilityZone"),
            ("instance-state-name", "InstanceState.Name"),
            ("instance-state-code", "InstanceState.Code"),
            ("instance-status.status", "InstanceStatus.Status"),
            ("system-status.status", "SystemStatus.Status"),
            ("instance-status.reachability", "InstanceStatus.Details.Status"),
            ("system-status.reachability", "SystemStatus.Details.Status"),
        ];
        if filter::matches(&v, &filters, &paths)? {
            out.push(v);
        }
    }
    super::page(out, input, "InstanceStatuses")
}

/// Apply a lifecycle request to each instance; the answer lists the state changes.
fn change(ec2: &Ec2, input: &Value, f: impl Fn(&mut InstanceRec, f64) -> Result<()>) -> Result<Vec<Value>> {
    let ids = strings(input, "InstanceIds");
    let now = ec2.now();
    ec2.write(|tx| {
        let mut changes = Vec::new();
        check_ids(&ids, |id| Ok(tx.exists(kind::INSTANCE, id)?))?;
        for id in &ids {
            let mut rec = load(tx, id)?;
            let previous = rec.state;
            f(&mut rec, now)?;
            tx.put(kind::INSTANCE, id, &rec)?;
            changes.push(
                json!({"InstanceId": id, "PreviousState": previous.render(), "CurrentState": rec.state.render()}),
            );
        }
        Ok(changes)
    })
}

fn user_reason(what: &str, now: f64) -> String {
    let t = wire::timestamp::format_iso8601(now).replace('T', " ").replace('Z', " GMT");
    format!("User initiated ({t})").replace("User initiated", what)
}

pub fn stop_instances(ec2: &Ec2, input: &Value) -> Result<Value> {
    let changes = change(ec2, input, |rec, now| match rec.state {
        InstanceState::Running | InstanceState::Pending => {
            rec.state = InstanceState::Stopping;
            rec.desired = Desired::Stopped;
            rec.end_run(now);
            rec.state_transition_reason = user_reason("User initiated", now);
            rec.state_reason = Some((
                "Client.UserInitiatedShutdown".into(),
                "Client.UserInitiatedShutdown: User initiated shutdown".into(),
            ));
            Ok(())
        }
        InstanceState::Stopping | InstanceState::Stopped => Ok(()),
        s => Err(Ec2Error::IncorrectInstanceState(format!(
            "This instance '{}' is not in a state from which it can be stopped ({}).",
            rec.instance_id,
            s.name()
        ))),
    })?;
    Ok(json!({"StoppingInstances": changes}))
}

pub fn start_instances(ec2: &Ec2, input: &Value) -> Result<Value> {
    let changes = change(ec2, input, |rec, now| match rec.state {
        InstanceState::Stopped => {
            rec.state = InstanceState::Pending;
            rec.desired = Desired::Running;
            rec.run_periods.push((now, None));
            rec.state_transition_reason = String::new();
            rec.state_reason = None;
            Ok(())
        }
        InstanceState::Running | InstanceState::Pending => Ok(()),
        s => Err(Ec2Error::IncorrectInstanceState(format!(
            "The instance '{}' is not in a state from which it can be started ({}).",
            rec.instance_id,
            s.name()
        ))),
    })?;
    Ok(json!({"StartingInstances": changes}))
}

pub fn reboot_instances(ec2: &Ec2, input: &Value) -> Result<Value> {
    change(ec2, input, |rec, _| match rec.state {
        InstanceState::Running => {
            rec.desired = Desired::Rebooted;
            Ok(())
        }
        s => Err(Ec2Error::IncorrectInstanceState(format!(
            "The instance '{}' is not in a state from which it can be rebooted ({}).",
            rec.instance_id,
            s.name()
        ))),
    })?;
    Ok(json!({}))
}

pub fn terminate_instances(ec2: &Ec2, input: &Value) -> Result<Value> {
    let changes = change(ec2, input, |rec, now| {
        if rec.disable_api_termination {
            return Err(Ec2Error::Client(
                "OperationNotPermitted",
                format!(
                    "The instance '{}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.",
                    rec.instance_id
                ),
            ));
        }
        if !matches!(rec.state, InstanceState::Terminated | InstanceState::ShuttingDown) {
            rec.state = InstanceState::ShuttingDown;
            rec.desired = Desired::Terminated;
            rec.end_run(now);
            rec.state_transition_reason = user_reason("User initiated", now);
            rec.state_reason = Some((
                "Client.UserInitiatedShutdown".into(),
                "Client.UserInitiatedShutdown: User initiated shutdown".into(),
            ));
        }
        Ok(())
    })?;
    Ok(json!({"TerminatingInstances": changes}))
}

/// The last 64 KiB of the console, base64, as EC2 returns it.
pub fn get_console_output(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "InstanceId").unwrap_or_default();
    ec2.read(|tx| load(tx, id))?;
    let log = std::fs::read(instance_dir(ec2, id).join("console.log")).unwrap_or_default();
    let tail = &log[log.len().saturating_sub(64 * 1024)..];
    Ok(json!({"InstanceId": id, "Timestamp": ec2.now(), "Output": B64.encode(tail)}))
}

/// The instance attributes DescribeInstanceAttribute answers: (the `Attribute` value, the
/// output member).
const INSTANCE_ATTRIBUTES: &[(&str, &str)] = &[
    ("instanceType", "InstanceType"),
    ("kernel", "KernelId"),
    ("ramdisk", "RamdiskId"),
    ("userData", "UserData"),
    ("disableApiTermination", "DisableApiTermination"),
    ("instanceInitiatedShutdownBehavior", "InstanceInitiatedShutdownBehavior"),
    ("rootDeviceName", "RootDeviceName"),
    ("blockDeviceMapping", "BlockDeviceMappings"),
    ("productCodes", "ProductCodes"),
    ("sourceDestCheck", "SourceDestCheck"),
    ("groupSet", "Groups"),
    ("ebsOptimized", "EbsOptimized"),
    ("sriovNetSupport", "SriovNetSupport"),
    ("enaSupport", "EnaSupport"),
    ("disableApiStop", "DisableApiStop"),
];

/// The instance's block devices: its root, and the data volumes attached to it.
fn block_device_mappings(tx: &store::Tx, rec: &InstanceRec) -> Result<Vec<Value>> {
    let mut out = vec![
        json!({"DeviceName": "/dev/xvda", "Ebs": {"Status": "attached", "AttachTime": rec.launch_time, "DeleteOnTermination": true}}),
    ];
    for (_, v) in tx.list::<crate::storage::VolumeRec>(crate::storage::kind::VOLUME, "")? {
        if let Some(a) = v.attachment.as_ref().filter(|a| a.instance_id == rec.instance_id) {
            out.push(json!({"DeviceName": a.device, "Ebs": {"VolumeId": v.volume_id, "Status": "attached", "AttachTime": a.attach_time, "DeleteOnTermination": a.delete_on_termination}}));
        }
    }
    Ok(out)
}

pub fn describe_instance_attribute(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "InstanceId")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter instanceId".into()))?;
    let attribute = str_of(input, "Attribute")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter attribute".into()))?;
    let (_, member) = INSTANCE_ATTRIBUTES.iter().find(|(a, _)| *a == attribute).ok_or_else(|| {
        Ec2Error::InvalidParameterValue(format!(
            "Value ({attribute}) for parameter attribute is invalid. Unknown attribute."
        ))
    })?;
    let (rec, devices) = ec2.read(|tx| {
        let rec = load(tx, id)?;
        let devices = if attribute == "blockDeviceMapping" { block_device_mappings(tx, &rec)? } else { vec![] };
        Ok((rec, devices))
    })?;
    let value = match attribute {
        "instanceType" => json!({"Value": rec.instance_type}),
        "userData" => match &rec.user_data {
            Some(u) => json!({"Value": B64.encode(u)}),
            None => json!({}),
        },
        "disableApiTermination" => json!({"Value": rec.disable_api_termination}),
        "instanceInitiatedShutdownBehavior" => json!({"Value": rec.shutdown_behavior}),
        "rootDeviceName" => json!({"Value": "/dev/xvda"}),
        "blockDeviceMapping" => json!(devices),
        "productCodes" => json!([]),
        "sourceDestCheck" => json!({"Value": rec.source_dest_check.unwrap_or(true)}),
        "groupSet" => json!(rec
            .security_groups
            .iter()
            .map(|(id, name)| json!({"GroupId": id, "GroupName": name}))
            .collect::<Vec<_>>()),
        "ebsOptimized" => json!({"Value": rec.ebs_optimized}),
        "enaSupport" => json!({"Value": true}),
        "disableApiStop" => json!({"Value": false}),
        // kernel, ramdisk, sriovNetSupport: none on HVM images.
        _ => json!({}),
    };
    let mut out = json!({"InstanceId": id});
    out[*member] = value;
    Ok(out)
}

/// One change ModifyInstanceAttribute asks for.
#[derive(Debug, PartialEq)]
enum Change {
    InstanceType(String),
    UserData(String),
    DisableApiTermination(bool),
    ShutdownBehavior(String),
    SourceDestCheck(bool),
    EbsOptimized(bool),
    Groups(Vec<String>),
    /// `(device, DeleteOnTermination)`
    BlockDevices(Vec<(String, Option<bool>)>),
}

fn bool_value(v: &Value, name: &str) -> Result<bool> {
    match v.get("Value").unwrap_or(v) {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        other => Err(Ec2Error::InvalidParameterValue(format!("Value ({other}) for parameter {name} is invalid."))),
    }
}

fn string_value(v: &Value, name: &str) -> Result<String> {
    v.get("Value")
        .unwrap_or(v)
        .as_str()
        .map(String::from)
        .ok_or_else(|| Ec2Error::MissingParameter(format!("The request must contain the parameter {name}.value")))
}

/// What a ModifyInstanceAttribute asks to change: the typed members (`InstanceType`,
/// `SourceDestCheck` …) or the old `Attribute` / `Value` pair; exactly one per call.
fn requested_change(input: &Value) -> Result<Change> {
    let mut asked: Vec<Change> = Vec::new();
    let get = |m: &str| input.get(m);
    if let Some(v) = get("InstanceType") {
        asked.push(Change::InstanceType(string_value(v, "instanceType")?));
    }
    if let Some(v) = get("UserData") {
        asked.push(Change::UserData(string_value(v, "userData")?));
    }
    if let Some(v) = get("DisableApiTermination") {
        asked.push(Change::DisableApiTermination(bool_value(v, "disableApiTermination")?));
    }
    if let Some(v) = get("InstanceInitiatedShutdownBehavior") {
        asked.push(Change::ShutdownBehavior(string_value(v, "instanceInitiatedShutdownBehavior")?));
    }
    if let Some(v) = get("SourceDestCheck") {
        asked.push(Change::SourceDestCheck(bool_value(v, "sourceDestCheck")?));
    }
    if let Some(v) = get("EbsOptimized") {
        asked.push(Change::EbsOptimized(bool_value(v, "ebsOptimized")?));
    }
    if get("Groups").is_some() {
        asked.push(Change::Groups(strings(input, "Groups")));
    }
    if let Some(list) = get("BlockDeviceMappings").and_then(Value::as_array) {
        asked.push(Change::BlockDevices(
            list.iter()
                .map(|m| {
                    let dot = m.pointer("/Ebs/DeleteOnTermination").and_then(Value::as_bool);
                    (str_of(m, "DeviceName").unwrap_or_default().to_string(), dot)
                })
                .collect(),
        ));
    }
    for unsupported in ["Kernel", "Ramdisk", "SriovNetSupport", "EnaSupport", "DisableApiStop"] {
        if get(unsupported).is_some() {
            return Err(Ec2Error::Unsupported(format!(
                "The instance attribute {unsupported} cannot be modified in this region."
            )));
        }
    }
    if let Some(attribute) = str_of(input, "Attribute") {
        let value = get("Value").cloned().unwrap_or(Value::Null);
        let name = attribute;
        asked.push(match attribute {
            "instanceType" => Change::InstanceType(string_value(&value, name)?),
            "userData" => Change::UserData(string_value(&value, name)?),
            "disableApiTermination" => Change::DisableApiTermination(bool_value(&value, name)?),
            "instanceInitiatedShutdownBehavior" => Change::ShutdownBehavior(string_value(&value, name)?),
            "sourceDestCheck" => Change::SourceDestCheck(bool_value(&value, name)?),
            "ebsOptimized" => Change::EbsOptimized(bool_value(&value, name)?),
            "groupSet" => Change::Groups(vec![string_value(&value, name)?]),
            other => {
                return Err(Ec2Error::InvalidParameterValue(format!(
                    "Value ({other}) for parameter attribute is invalid. Unknown attribute."
                )))
            }
        });
    }
    match asked.len() {
        0 => Err(Ec2Error::MissingParameter("The request must contain exactly one attribute to modify".into())),
        1 => Ok(asked.remove(0)),
        _ => Err(Ec2Error::InvalidParameterCombination(
            "Fields for multiple attribute types specified: only one attribute can be modified at a time".into(),
        )),
    }
}

fn must_be_stopped(rec: &InstanceRec) -> Result<()> {
    if rec.state != InstanceState::Stopped {
        return Err(Ec2Error::IncorrectInstanceState(format!(
            "The instance '{}' is not in the 'stopped' state.",
            rec.instance_id
        )));
    }
    Ok(())
}

pub fn modify_instance_attribute(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "InstanceId")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter instanceId".into()))?;
    let change = requested_change(input)?;
    ec2.write(|tx| {
        let mut rec = load(tx, id)?;
        if rec.state == InstanceState::Terminated {
            return Err(Ec2Error::IncorrectInstanceState(format!("The instance '{id}' is not in a valid state for this operation.")));
        }
        match change {
            Change::InstanceType(t) => {
                if limits(&t).is_none() {
                    return Err(Ec2Error::InvalidParameterValue(format!("Invalid value '{t}' for InstanceType.")));
                }
                must_be_stopped(&rec)?;
                rec.instance_type = t;
            }
            Change::UserData(u) => {
                must_be_stopped(&rec)?;
                let text = B64
                    .decode(u.trim())
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                    .ok_or_else(|| Ec2Error::InvalidParameterValue("Invalid BASE64 encoding of user data.".into()))?;
                if text.len() > 16 * 1024 {
                    return Err(Ec2Error::InvalidParameterValue("User data is limited to 16384 bytes".into()));
                }
                rec.user_data = (!text.is_empty()).then_some(text);
            }
            Change::DisableApiTermination(b) => rec.disable_api_termination = b,
            Change::ShutdownBehavior(b) => {
                if b != "stop" && b != "terminate" {
                    return Err(Ec2Error::InvalidParameterValue(format!(
                        "Value ({b}) for parameter instanceInitiatedShutdownBehavior is invalid. Valid values are 'stop' and 'terminate'."
                    )));
                }
                rec.shutdown_behavior = b;
            }
            Change::SourceDestCheck(b) => rec.source_dest_check = Some(b),
            Change::EbsOptimized(b) => {
                if b && crate::ops::instance_types::info(&rec.instance_type).is_some_and(|i| !i.nitro) {
                    return Err(Ec2Error::Client(
                        "Unsupported",
                        format!("EBS-optimized instances are not supported for your requested configuration. The instance type {} does not support EBS optimization.", rec.instance_type),
                    ));
                }
                must_be_stopped(&rec)?;
                rec.ebs_optimized = b;
            }
            Change::Groups(ids) => {
                if ids.is_empty() {
                    return Err(Ec2Error::MissingParameter("The request must contain the parameter groupId".into()));
                }
                let groups = security_groups(tx, &rec.vpc_id, &ids, &[])?;
                rec.security_groups = groups.iter().map(|g| (g.group_id.clone(), g.group_name.clone())).collect();
            }
            Change::BlockDevices(devices) => {
                let mut volumes = tx.list::<crate::storage::VolumeRec>(crate::storage::kind::VOLUME, "")?;
                for (device, dot) in devices {
                    let found = volumes.iter_mut().find(|(_, v)| {
                        v.attachment.as_ref().is_some_and(|a| a.instance_id == rec.instance_id && a.device == device)
                    });
                    match (found, dot) {
                        (Some((k, v)), Some(dot)) => {
                            if let Some(a) = v.attachment.as_mut() {
                                a.delete_on_termination = dot;
                            }
                            tx.put(crate::storage::kind::VOLUME, k, &*v)?;
                        }
                        // The root's DeleteOnTermination stays true: the root goes with the instance.
                        (None, _) if device == "/dev/xvda" => {}
                        (None, _) => {
                            return Err(Ec2Error::InvalidParameterValue(format!(
                                "The device '{device}' is not attached to instance '{id}'"
                            )))
                        }
                        (Some(_), None) => {}
                    }
                }
            }
        }
        tx.put(kind::INSTANCE, id, &rec)?;
        Ok(())
    })?;
    Ok(json!({}))
}

#[cfg(test)]
mod attribute_tests {
    use super::*;

    #[test]
    fn one_change_per_call_in_either_form() {
        assert_eq!(
            requested_change(&json!({"InstanceType": {"Value": "t3.small"}})).unwrap(),
            Change::InstanceType("t3.small".into())
        );
        assert_eq!(
            requested_change(&json!({"Attribute": "disableApiTermination", "Value": "true"})).unwrap(),
            Change::DisableApiTermination(true)
        );
        assert_eq!(
            requested_change(&json!({"Groups": ["sg-1", "sg-2"]})).unwrap(),
            Change::Groups(vec!["sg-1".into(), "sg-2".into()])
        );
        assert!(matches!(
            requested_change(&json!({"SourceDestCheck": {"Value": false}, "EbsOptimized": {"Value": true}})),
            Err(Ec2Error::InvalidParameterCombination(_))
        ));
        assert!(matches!(requested_change(&json!({})), Err(Ec2Error::MissingParameter(_))));
        assert!(matches!(
            requested_change(&json!({"Attribute": "bogus", "Value": "x"})),
            Err(Ec2Error::InvalidParameterValue(_))
        ));
    }
}
