//! Spot Instances: RequestSpotInstances, Describe/CancelSpotInstanceRequests, and RunInstances'
//! `InstanceMarketOptions`. The region's capacity is the user's own, so a request is fulfilled
//! at once by a real instance (billed like an on-demand one) and never outbid or interrupted.
//! A persistent request (RequestSpotInstances `Type: persistent`) opens again when its instance
//! ends — terminated by its user too, as on EC2 — and the EC2 controller ([`refill`]) launches
//! another for it, until it is cancelled or its ValidUntil passes. RunInstances' own Spot
//! options are one-time.

use std::collections::HashMap;

use serde_json::{json, Value};
use wire::CallContext;

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, InstanceRec, SpotRequestRec, Tag};
use crate::{filter, ids, Ec2};

/// What a launch asks of the Spot market.
#[derive(Debug, Clone)]
pub(crate) struct SpotAsk {
    pub max_price: Option<String>,
    pub valid_until: Option<f64>,
    pub tags: Vec<Tag>,
}

fn one_time_only(kind: Option<&str>) -> Result<()> {
    match kind {
        None | Some("one-time") => Ok(()),
        Some("persistent") => Err(Ec2Error::Unsupported(
            "Persistent Spot Instance requests are not supported by this region; use one-time requests.".into(),
        )),
        Some(other) => Err(Ec2Error::InvalidParameterValue(format!(
            "Value ({other}) for parameter type is invalid. Valid values are one-time and persistent."
        ))),
    }
}

fn check_price(p: &str) -> Result<()> {
    if p.parse::<f64>().is_ok_and(|v| v > 0.0) {
        return Ok(());
    }
    Err(Ec2Error::InvalidParameterValue(format!("Invalid value '{p}' for spotPrice: it must be a positive number.")))
}

/// RunInstances' `InstanceMarketOptions`, if it asks for Spot.
pub(crate) fn market(input: &Value) -> Result<Option<SpotAsk>> {
    let Some(m) = input.get("InstanceMarketOptions") else { return Ok(None) };
    match str_of(m, "MarketType") {
        Some("spot") => {}
        Some("capacity-block") => {
            return Err(Ec2Error::Unsupported("Capacity Blocks are not supported by this region.".into()))
        }
        Some(other) => {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "Value ({other}) for parameter marketType is invalid."
            )))
        }
        None => return Ok(None),
    }
    let options = m.get("SpotOptions").cloned().unwrap_or(json!({}));
    one_time_only(str_of(&options, "SpotInstanceType"))?;
    let max_price = str_of(&options, "MaxPrice").map(String::from);
    if let Some(p) = &max_price {
        check_price(p)?;
    }
    Ok(Some(SpotAsk {
        max_price,
        valid_until: options.get("ValidUntil").and_then(Value::as_f64),
        tags: tag_specs(input, "spot-instances-request")?,
    }))
}

/// The request an instance launched for Spot is fulfilled by.
pub(crate) fn request_for(ask: &SpotAsk, inst: &InstanceRec, now: f64) -> SpotRequestRec {
    SpotRequestRec {
        spot_instance_request_id: inst.spot_request.clone().unwrap_or_else(|| ids::new("sir")),
        instance_id: inst.instance_id.clone(),
        spot_price: ask.max_price.clone(),
        instance_type: inst.instance_type.clone(),
        image_id: inst.image_id.clone(),
        subnet_id: inst.subnet_id.clone(),
        availability_zone: inst.availability_zone.clone(),
        key_name: inst.key_name.clone(),
        groups: inst.security_groups.clone(),
        created: now,
        valid_until: ask.valid_until,
        cancelled: None,
        tags: ask.tags.clone(),
        persistent: false,
        launch: None,
    }
}

pub fn request_spot_instances(ec2: &Ec2, cx: &CallContext, input: &Value) -> Result<Value> {
    let persistent = match str_of(input, "Type") {
        Some("persistent") => true,
        other => {
            one_time_only(other)?;
            false
        }
    };
    let count = input.get("InstanceCount").and_then(Value::as_i64).unwrap_or(1);
    if count < 1 {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Value ({count}) for parameter instanceCount is invalid. It must be at least 1."
        )));
    }
    let spec = input.get("LaunchSpecification").ok_or_else(|| {
        Ec2Error::MissingParameter("The request must contain the parameter LaunchSpecification".into())
    })?;
    let mut run = spec.clone();
    let mut spot_options = json!({"SpotInstanceType": "one-time"});
    if let Some(p) = str_of(input, "SpotPrice") {
        spot_options["MaxPrice"] = json!(p);
    }
    if let Some(t) = input.get("ValidUntil") {
        spot_options["ValidUntil"] = t.clone();
    }
    let o = run.as_object_mut().ok_or_else(|| Ec2Error::InvalidParameterValue("Invalid LaunchSpecification".into()))?;
    o.insert("MinCount".into(), json!(count));
    o.insert("MaxCount".into(), json!(count));
    o.insert("InstanceMarketOptions".into(), json!({"MarketType": "spot", "SpotOptions": spot_options}));
    for k in ["TagSpecifications", "ClientToken"] {
        if let Some(v) = input.get(k) {
            o.insert(k.into(), v.clone());
        }
    }
    let reservation = super::instances::run_instances(ec2, cx, &run)?;
    let launched: Vec<String> = reservation["Instances"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| str_of(i, "SpotInstanceRequestId").map(String::from))
        .collect();
    if persistent {
        // Each request launches one instance again when its own ends.
        let mut again = run.clone();
        if let Some(o) = again.as_object_mut() {
            o.insert("MinCount".into(), json!(1));
            o.insert("MaxCount".into(), json!(1));
            o.remove("ClientToken");
        }
        ec2.write(|tx| {
            for id in &launched {
                if let Some(mut r) = tx.get::<SpotRequestRec>(kind::SPOT_REQUEST, id)? {
                    r.persistent = true;
                    r.launch = Some(again.clone());
                    tx.put(kind::SPOT_REQUEST, id, &r)?;
                }
            }
            Ok(())
        })?;
    }
    let rendered = describe(ec2, &launched, &[])?;
    Ok(json!({"SpotInstanceRequests": rendered}))
}

/// Launch again for every open persistent request whose instance has ended (not cancelled, not
/// past its ValidUntil), as the Spot service-linked role; the request keeps its id and takes the
/// new instance.
pub(crate) fn refill(ec2: &Ec2) -> Result<()> {
    let now = ec2.now();
    let open: Vec<SpotRequestRec> = ec2.read(|tx| {
        let mut out = Vec::new();
        for (_, r) in tx.list::<SpotRequestRec>(kind::SPOT_REQUEST, "")? {
            if !r.persistent || r.cancelled.is_some() || r.launch.is_none() || r.valid_until.is_some_and(|t| t <= now) {
                continue;
            }
            let ended = tx.get::<InstanceRec>(kind::INSTANCE, &r.instance_id)?.is_none_or(|i| {
                matches!(
                    i.state,
                    crate::records::InstanceState::Terminated | crate::records::InstanceState::ShuttingDown
                )
            });
            if ended {
                out.push(r);
            }
        }
        Ok(out)
    })?;
    if open.is_empty() {
        return Ok(());
    }
    let cx = CallContext::service_linked(
        &ec2.config.account,
        &ec2.config.region,
        "spot.amazonaws.com",
        "AWSServiceRoleForEC2Spot",
        "Spot",
    );
    for r in open {
        let Some(launch) = &r.launch else { continue };
        match super::instances::run_instances_for(ec2, &cx, launch, Some(&r.spot_instance_request_id)) {
            Ok(out) => tracing::info!(
                request = %r.spot_instance_request_id,
                instance = ?out["Instances"][0]["InstanceId"],
                "persistent Spot request: launched again"
            ),
            Err(e) => {
                tracing::warn!(request = %r.spot_instance_request_id, error = %e, "persistent Spot request: launch failed")
            }
        }
    }
    Ok(())
}

/// DescribeSpotPriceHistory: the region never outbids anyone, so a Spot price is the on-demand
/// price the operator's price list gives (`Ec2Config::instance_prices`, AWS's list by default),
/// one point per type, zone and product, from the start of the period asked (or now).
pub fn describe_spot_price_history(ec2: &Ec2, input: &Value) -> Result<Value> {
    let types = strings(input, "InstanceTypes");
    let products = strings(input, "ProductDescriptions");
    let zone = str_of(input, "AvailabilityZone");
    if let Some(z) = zone {
        if !crate::zones(&ec2.config.region).iter().any(|k| k == z) {
            return Err(Ec2Error::InvalidParameterValue(format!("Invalid availability zone: [{z}]")));
        }
    }
    let filters = filter::from_input(input);
    let at = input.get("StartTime").and_then(Value::as_f64).unwrap_or_else(|| ec2.now());
    let paths = [
        ("availability-zone", "AvailabilityZone"),
        ("instance-type", "InstanceType"),
        ("product-description", "ProductDescription"),
        ("spot-price", "SpotPrice"),
    ];
    let mut out = Vec::new();
    for t in super::instance_types::TYPES {
        let Some(price) = ec2.config.instance_prices.get(t.name) else { continue };
        if !types.is_empty() && !types.iter().any(|x| x == t.name) {
            continue;
        }
        for z in crate::zones(&ec2.config.region) {
            if zone.is_some_and(|w| w != z) {
                continue;
            }
            for product in ["Linux/UNIX", "Linux/UNIX (Amazon VPC)"] {
                if !products.is_empty() && !products.iter().any(|p| p == product) {
                    continue;
                }
                let v = json!({"AvailabilityZone": z, "InstanceType": t.name, "ProductDescription": product,
                               "SpotPrice": format!("{price:.6}"), "Timestamp": at});
                if filter::matches(&v, &filters, &paths)? {
                    out.push(v);
                }
            }
        }
    }
    super::page(out, input, "SpotPriceHistory")
}

const FILTERS: &[(&str, &str)] = &[
    ("spot-instance-request-id", "SpotInstanceRequestId"),
    ("instance-id", "InstanceId"),
    ("state", "State"),
    ("status-code", "Status.Code"),
    ("type", "Type"),
    ("spot-price", "SpotPrice"),
    ("launch.instance-type", "LaunchSpecification.InstanceType"),
    ("launch.image-id", "LaunchSpecification.ImageId"),
    ("launched-availability-zone", "LaunchedAvailabilityZone"),
    ("product-description", "ProductDescription"),
];

fn describe(ec2: &Ec2, wanted: &[String], filters: &[filter::Filter]) -> Result<Vec<Value>> {
    let (requests, states) = ec2.read(|tx| {
        let requests = tx.list::<SpotRequestRec>(kind::SPOT_REQUEST, "")?;
        let states: HashMap<String, &'static str> = tx
            .list::<InstanceRec>(kind::INSTANCE, "")?
            .into_iter()
            .filter(|(_, i)| i.spot_request.is_some())
            .map(|(id, i)| (id, i.state.name()))
            .collect();
        Ok((requests, states))
    })?;
    for id in wanted {
        if !requests.iter().any(|(k, _)| k == id) {
            return Err(Ec2Error::Client(
                "InvalidSpotInstanceRequestID.NotFound",
                format!("The spot instance request ID '{id}' does not exist"),
            ));
        }
    }
    let mut out = Vec::new();
    for (id, r) in requests {
        let v = r.render(states.get(&r.instance_id).copied());
        if (wanted.is_empty() || wanted.contains(&id)) && filter::matches(&v, filters, FILTERS)? {
            out.push(v);
        }
    }
    Ok(out)
}

pub fn describe_spot_instance_requests(ec2: &Ec2, input: &Value) -> Result<Value> {
    let out = describe(ec2, &strings(input, "SpotInstanceRequestIds"), &filter::from_input(input))?;
    super::page(out, input, "SpotInstanceRequests")
}

/// Cancelling a request leaves its instance running, as on EC2.
pub fn cancel_spot_instance_requests(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "SpotInstanceRequestIds");
    let now = ec2.now();
    let cancelled = ec2.write(|tx| {
        let mut out = Vec::new();
        for id in &wanted {
            let Some(mut r) = tx.get::<SpotRequestRec>(kind::SPOT_REQUEST, id)? else {
                return Err(Ec2Error::Client(
                    "InvalidSpotInstanceRequestID.NotFound",
                    format!("The spot instance request ID '{id}' does not exist"),
                ));
            };
            r.cancelled.get_or_insert(now);
            tx.put(kind::SPOT_REQUEST, id, &r)?;
            out.push(json!({"SpotInstanceRequestId": id, "State": "cancelled"}));
        }
        Ok(out)
    })?;
    Ok(json!({"CancelledSpotInstanceRequests": cancelled}))
}
