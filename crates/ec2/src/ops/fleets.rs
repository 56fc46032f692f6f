//! EC2 Fleet: CreateFleet (types `instant` and `request`), DescribeFleets,
//! DescribeFleetInstances, DeleteFleets. A fleet launches real instances from its launch
//! templates, trying the overrides in priority order, on-demand and Spot capacity as its target
//! says (Spot is fulfilled at once, as in `spot.rs`); a `request` fleet does not replace what
//! it lost; a `maintain` fleet does: the EC2 controller calls [`maintain`], which launches what
//! an active maintain fleet lacks of its on-demand and Spot target capacity (an instance
//! terminated, by its user or otherwise), as the fleet's service-linked role.

use std::collections::HashSet;

use serde_json::{json, Value};
use wire::CallContext;

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, FleetInstance, FleetRec, InstanceRec, InstanceState};
use crate::{filter, Ec2};

fn fleet_id() -> String {
    let n: u128 = rand::random();
    let h = format!("{n:032x}");
    format!("fleet-{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

fn not_found(id: &str) -> Ec2Error {
    Ec2Error::Client("InvalidFleetId.NotFound", format!("The fleet ID '{id}' does not exist"))
}

/// The (configuration, override) pairs a fleet may launch from, in the order it tries them.
fn choices(configs: &[Value]) -> Vec<(Value, Value)> {
    let mut out: Vec<(f64, Value, Value)> = Vec::new();
    for c in configs {
        let spec = c.get("LaunchTemplateSpecification").cloned().unwrap_or(Value::Null);
        match c.get("Overrides").and_then(Value::as_array).filter(|o| !o.is_empty()) {
            Some(overrides) => {
                for o in overrides {
                    let priority = o.get("Priority").and_then(Value::as_f64).unwrap_or(f64::MAX);
                    out.push((priority, spec.clone(), o.clone()));
                }
            }
            None => out.push((f64::MAX, spec, json!({}))),
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.into_iter().map(|(_, s, o)| (s, o)).collect()
}

/// The RunInstances request for `count` instances from one choice.
fn run_request(spec: &Value, o: &Value, count: i64, spot: bool, instance_tags: &Option<Value>) -> Value {
    let mut template = json!({});
    for k in ["LaunchTemplateId", "LaunchTemplateName", "Version"] {
        if let Some(v) = spec.get(k) {
            template[k] = v.clone();
        }
    }
    let mut run = json!({"LaunchTemplate": template, "MinCount": 1, "MaxCount": count});
    for k in ["InstanceType", "SubnetId", "ImageId"] {
        if let Some(v) = o.get(k) {
            run[k] = v.clone();
        }
    }
    if let Some(z) = o.get("AvailabilityZone") {
        run["Placement"] = json!({"AvailabilityZone": z});
    }
    if spot {
        let mut options = json!({"SpotInstanceType": "one-time"});
        if let Some(p) = o.get("MaxPrice") {
            options["MaxPrice"] = p.clone();
        }
        run["InstanceMarketOptions"] = json!({"MarketType": "spot", "SpotOptions": options});
    }
    if let Some(t) = instance_tags {
        run["TagSpecifications"] = t.clone();
    }
    run
}

/// The fleet's total target capacity and its on-demand part (the rest is Spot).
fn split(target: &Value) -> Result<(f64, f64)> {
    let total = target.get("TotalTargetCapacity").and_then(Value::as_i64).unwrap_or(0);
    if total < 1 {
        return Err(Ec2Error::InvalidParameterValue("TotalTargetCapacity must be at least 1.".into()));
    }
    let default_type = str_of(target, "DefaultTargetCapacityType").unwrap_or("on-demand");
    if !matches!(default_type, "on-demand" | "spot") {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Value ({default_type}) for parameter DefaultTargetCapacityType is invalid. Valid values are on-demand and spot."
        )));
    }
    let on_demand_asked = target.get("OnDemandTargetCapacity").and_then(Value::as_i64);
    let spot_asked = target.get("SpotTargetCapacity").and_then(Value::as_i64);
    let on_demand = match (on_demand_asked, spot_asked) {
        (Some(o), _) => o.min(total),
        (None, Some(s)) => (total - s).max(0),
        (None, None) if default_type == "on-demand" => total,
        (None, None) => 0,
    };
    Ok((total as f64, on_demand as f64))
}

/// Launch `on_demand` and `spot` capacity (in the overrides' weights) from the fleet's
/// configurations, trying each in priority order: the instances launched, and the errors met.
fn launch(
    ec2: &Ec2,
    cx: &CallContext,
    configs: &[Value],
    wanted: [(&str, f64); 2],
    instance_tags: &Option<Value>,
) -> (Vec<FleetInstance>, Vec<Value>) {
    let mut instances = Vec::new();
    let mut errors = Vec::new();
    for (lifecycle, wanted) in wanted {
        let mut remaining = wanted;
        for (spec, o) in choices(configs) {
            if remaining <= 0.0 {
                break;
            }
            let weight = o.get("WeightedCapacity").and_then(Value::as_f64).filter(|w| *w > 0.0).unwrap_or(1.0);
            let count = (remaining / weight).ceil() as i64;
            let from = json!({"LaunchTemplateSpecification": spec, "Overrides": o});
            match super::instances::run_instances(
                ec2,
                cx,
                &run_request(&spec, &o, count, lifecycle == "spot", instance_tags),
            ) {
                Ok(reservation) => {
                    for i in reservation["Instances"].as_array().into_iter().flatten() {
                        instances.push(FleetInstance {
                            instance_id: str_of(i, "InstanceId").unwrap_or_default().into(),
                            instance_type: str_of(i, "InstanceType").unwrap_or_default().into(),
                            lifecycle: lifecycle.into(),
                            weight,
                            launched_from: from.clone(),
                        });
                        remaining -= weight;
                    }
                }
                Err(e) => {
                    let api = wire::ApiError::from(e);
                    errors.push(json!({"LaunchTemplateAndOverrides": from, "Lifecycle": lifecycle,
                                       "ErrorCode": api.code, "ErrorMessage": api.message}));
                }
            }
        }
    }
    (instances, errors)
}

pub fn create_fleet(ec2: &Ec2, cx: &CallContext, input: &Value) -> Result<Value> {
    let fleet_type = str_of(input, "Type").unwrap_or("maintain");
    if !matches!(fleet_type, "instant" | "request" | "maintain") {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Value ({fleet_type}) for parameter type is invalid. Valid values are instant, request and maintain."
        )));
    }
    let target = input.get("TargetCapacitySpecification").cloned().ok_or_else(|| {
        Ec2Error::MissingParameter("The request must contain the parameter TargetCapacitySpecification".into())
    })?;
    let (total, on_demand) = split(&target)?;
    let configs: Vec<Value> = input.get("LaunchTemplateConfigs").and_then(Value::as_array).cloned().unwrap_or_default();
    if configs.is_empty() {
        return Err(Ec2Error::MissingParameter("The request must contain the parameter LaunchTemplateConfigs".into()));
    }
    let instance_tags = input.get("TagSpecifications").and_then(Value::as_array).map(|specs| {
        Value::Array(specs.iter().filter(|s| str_of(s, "ResourceType") == Some("instance")).cloned().collect())
    });
    let tags = tag_specs(input, "fleet")?;

    let (instances, errors) =
        launch(ec2, cx, &configs, [("on-demand", on_demand), ("spot", total - on_demand)], &instance_tags);
    let fleet = FleetRec {
        fleet_id: fleet_id(),
        fleet_type: fleet_type.into(),
        state: "active".into(),
        target,
        launch_template_configs: Value::Array(configs),
        instances,
        errors,
        created: ec2.now(),
        tags,
        instance_tags,
    };
    ec2.write(|tx| Ok(tx.put(kind::FLEET, &fleet.fleet_id, &fleet)?))?;
    let mut out = json!({"FleetId": fleet.fleet_id, "Errors": fleet.errors});
    if fleet.fleet_type == "instant" {
        out["Instances"] = json!(fleet.launch_groups());
    }
    Ok(out)
}

/// Bring every active `maintain` fleet back to its target capacity: what its live instances
/// lack, by lifecycle, is launched again from its configurations as the fleet's service-linked
/// role. A fleet deleted meanwhile gets nothing (what was launched for it is terminated).
pub(crate) fn maintain(ec2: &Ec2) -> Result<()> {
    let (fleets, live) = ec2.read(|tx| Ok((tx.list::<FleetRec>(kind::FLEET, "")?, live_instances(tx)?)))?;
    let cx = CallContext::service_linked(
        &ec2.config.account,
        &ec2.config.region,
        "ec2fleet.amazonaws.com",
        "AWSServiceRoleForEC2Fleet",
        "EC2Fleet",
    );
    for (id, f) in fleets {
        if f.fleet_type != "maintain" || f.state != "active" {
            continue;
        }
        let Ok((total, on_demand)) = split(&f.target) else { continue };
        let have = |lifecycle: &str| -> f64 {
            f.instances
                .iter()
                .filter(|i| i.lifecycle == lifecycle && live.contains(&i.instance_id))
                .map(|i| i.weight)
                .sum()
        };
        let wanted = [("on-demand", on_demand - have("on-demand")), ("spot", total - on_demand - have("spot"))];
        if wanted.iter().all(|(_, w)| *w <= 0.0) {
            continue;
        }
        let configs: Vec<Value> = f.launch_template_configs.as_array().cloned().unwrap_or_default();
        let (launched, errors) = launch(ec2, &cx, &configs, wanted, &f.instance_tags);
        if launched.is_empty() && errors.is_empty() {
            continue;
        }
        tracing::info!(fleet = %id, launched = launched.len(), errors = errors.len(), "maintain fleet: replacing lost capacity");
        let ids: Vec<String> = launched.iter().map(|i| i.instance_id.clone()).collect();
        let kept = ec2.write(|tx| {
            let Some(mut cur) = tx.get::<FleetRec>(kind::FLEET, &id)?.filter(|c| c.state == "active") else {
                return Ok(false);
            };
            // Only the live ones are worth keeping in the record.
            let still = live_instances(tx)?;
            cur.instances.retain(|i| still.contains(&i.instance_id));
            cur.instances.extend(launched);
            if !errors.is_empty() {
                cur.errors = errors;
            }
            tx.put(kind::FLEET, &id, &cur)?;
            Ok(true)
        })?;
        if !kept && !ids.is_empty() {
            super::instances::terminate_instances(ec2, &json!({"InstanceIds": ids}))?;
        }
    }
    Ok(())
}

/// The instances that still run (not terminated).
fn live_instances(tx: &store::Tx) -> Result<HashSet<String>> {
    Ok(tx
        .list::<InstanceRec>(kind::INSTANCE, "")?
        .into_iter()
        .filter(|(_, i)| i.state != InstanceState::Terminated && i.state != InstanceState::ShuttingDown)
        .map(|(id, _)| id)
        .collect())
}

pub fn describe_fleets(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "FleetIds");
    let filters = filter::from_input(input);
    let (fleets, live) = ec2.read(|tx| Ok((tx.list::<FleetRec>(kind::FLEET, "")?, live_instances(tx)?)))?;
    for id in &wanted {
        if !fleets.iter().any(|(k, _)| k == id) {
            return Err(not_found(id));
        }
    }
    let paths = [("activity-status", "ActivityStatus"), ("fleet-state", "FleetState"), ("type", "Type")];
    let mut out = Vec::new();
    for (id, f) in fleets {
        let v = f.render(|i| live.contains(i));
        if (wanted.is_empty() || wanted.contains(&id)) && filter::matches(&v, &filters, &paths)? {
            out.push(v);
        }
    }
    super::page(out, input, "Fleets")
}

pub fn describe_fleet_instances(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "FleetId").unwrap_or_default();
    let (fleet, running) = ec2.read(|tx| {
        let fleet = tx.get::<FleetRec>(kind::FLEET, id)?.ok_or_else(|| not_found(id))?;
        let running: Vec<InstanceRec> = fleet
            .instances
            .iter()
            .filter_map(|i| tx.get::<InstanceRec>(kind::INSTANCE, &i.instance_id).transpose())
            .collect::<std::result::Result<_, _>>()?;
        Ok((fleet, running))
    })?;
    let active: Vec<Value> = running
        .iter()
        .filter(|i| i.state != InstanceState::Terminated && i.state != InstanceState::ShuttingDown)
        .map(|i| {
            let mut v =
                json!({"InstanceId": i.instance_id, "InstanceType": i.instance_type, "InstanceHealth": "healthy"});
            if let Some(sir) = &i.spot_request {
                v["SpotInstanceRequestId"] = json!(sir);
            }
            v
        })
        .collect();
    Ok(json!({"FleetId": fleet.fleet_id, "ActiveInstances": active}))
}

pub fn delete_fleets(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "FleetIds");
    let terminate = input.get("TerminateInstances").and_then(Value::as_bool).ok_or_else(|| {
        Ec2Error::MissingParameter("The request must contain the parameter TerminateInstances".into())
    })?;
    let (mut ok, mut failed, mut to_terminate) = (Vec::new(), Vec::new(), Vec::new());
    ec2.write(|tx| {
        let live = live_instances(tx)?;
        for id in &wanted {
            let Some(mut f) = tx.get::<FleetRec>(kind::FLEET, id)?.filter(|f| f.state == "active") else {
                failed.push(json!({"FleetId": id, "Error": {"Code": "fleetIdDoesNotExist",
                    "Message": format!("The fleet ID '{id}' does not exist")}}));
                continue;
            };
            let previous = f.state.clone();
            f.state = if terminate { "deleted_terminating".into() } else { "deleted".into() };
            if terminate {
                to_terminate.extend(f.instances.iter().map(|i| i.instance_id.clone()).filter(|i| live.contains(i)));
            }
            ok.push(json!({"FleetId": id, "CurrentFleetState": f.state, "PreviousFleetState": previous}));
            tx.put(kind::FLEET, id, &f)?;
        }
        Ok(())
    })?;
    if !to_terminate.is_empty() {
        super::instances::terminate_instances(ec2, &json!({"InstanceIds": to_terminate}))?;
    }
    Ok(json!({"SuccessfulFleetDeletions": ok, "UnsuccessfulFleetDeletions": failed}))
}
