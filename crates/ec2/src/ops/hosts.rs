//! Dedicated Hosts as records: AllocateHosts, DescribeHosts, ModifyHosts, ReleaseHosts. A
//! host of an instance type holds as many of them as its 96 vCPUs allow (the Nitro hosts' size);
//! instances are not placed on hosts yet (`Placement.HostId` is not read), so a host shows
//! its whole capacity available.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{tags_json, Tag};
use crate::{filter, ids, Ec2};

const KIND: &str = crate::records::kind::HOST;
const HOST_VCPUS: u32 = 96;
/// How long a released host stays listed.
const RELEASED_VISIBLE_SECS: f64 = 3600.0;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HostRec {
    pub host_id: String,
    pub availability_zone: String,
    pub instance_type: Option<String>,
    pub instance_family: String,
    pub auto_placement: String,
    pub host_recovery: String,
    pub allocated: f64,
    pub released: Option<f64>,
    pub tags: Vec<Tag>,
}

impl HostRec {
    fn render(&self, region: &str, owner: &str) -> Value {
        let per = |t: &str| super::instance_types::info(t).map(|i| HOST_VCPUS / i.vcpus.max(1)).unwrap_or(0);
        let capacity: Vec<Value> = match &self.instance_type {
            Some(t) => vec![json!({"InstanceType": t, "AvailableCapacity": per(t), "TotalCapacity": per(t)})],
            None => vec![],
        };
        let mut props = json!({"Cores": HOST_VCPUS / 2, "Sockets": 2, "TotalVCpus": HOST_VCPUS,
                               "InstanceFamily": self.instance_family});
        if let Some(t) = &self.instance_type {
            props["InstanceType"] = json!(t);
        }
        let mut v = json!({
            "HostId": self.host_id, "AvailabilityZone": self.availability_zone,
            "AvailabilityZoneId": crate::zone_id(region, &self.availability_zone),
            "AutoPlacement": self.auto_placement, "HostRecovery": self.host_recovery,
            "AvailableCapacity": {"AvailableInstanceCapacity": capacity, "AvailableVCpus": HOST_VCPUS},
            "HostProperties": props, "Instances": [],
            "State": if self.released.is_some() { "released" } else { "available" },
            "AllocationTime": self.allocated, "OwnerId": owner, "Tags": tags_json(&self.tags),
            "AllowsMultipleInstanceTypes": if self.instance_type.is_some() { "off" } else { "on" },
            "MemberOfServiceLinkedResourceGroup": false, "HostMaintenance": "off",
        });
        if let Some(r) = self.released {
            v["ReleaseTime"] = json!(r);
        }
        v
    }
}

fn on_off(input: &Value, member: &str, default: &str) -> Result<String> {
    match str_of(input, member).unwrap_or(default) {
        v @ ("on" | "off") => Ok(v.into()),
        other => Err(Ec2Error::InvalidParameterValue(format!(
            "Value ({other}) for parameter {member} is invalid. Valid values are on and off."
        ))),
    }
}

pub fn allocate_hosts(ec2: &Ec2, input: &Value) -> Result<Value> {
    let zone = str_of(input, "AvailabilityZone")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter AvailabilityZone".into()))?;
    if !crate::zones(&ec2.config.region).iter().any(|z| z == zone) {
        return Err(Ec2Error::InvalidParameterValue(format!("Invalid availability zone: [{zone}]")));
    }
    let instance_type = str_of(input, "InstanceType").map(String::from);
    let family = match (&instance_type, str_of(input, "InstanceFamily")) {
        (Some(t), None) => {
            super::instance_types::info(t)
                .ok_or_else(|| Ec2Error::InvalidParameterValue(format!("Invalid value '{t}' for InstanceType.")))?;
            t.split('.').next().unwrap_or_default().to_string()
        }
        (None, Some(f)) => f.to_string(),
        _ => {
            return Err(Ec2Error::Client(
                "InvalidParameterCombination",
                "Exactly one of InstanceType and InstanceFamily must be specified.".into(),
            ))
        }
    };
    let quantity = input.get("Quantity").and_then(Value::as_i64).unwrap_or(1);
    if !(1..=100).contains(&quantity) {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Value ({quantity}) for parameter quantity is invalid. It must be between 1 and 100."
        )));
    }
    let auto_placement = on_off(input, "AutoPlacement", "off")?;
    let host_recovery = on_off(input, "HostRecovery", "off")?;
    let tags = tag_specs(input, "dedicated-host")?;
    let now = ec2.now();
    let hosts: Vec<HostRec> = (0..quantity)
        .map(|_| HostRec {
            host_id: ids::new("h"),
            availability_zone: zone.into(),
            instance_type: instance_type.clone(),
            instance_family: family.clone(),
            auto_placement: auto_placement.clone(),
            host_recovery: host_recovery.clone(),
            allocated: now,
            released: None,
            tags: tags.clone(),
        })
        .collect();
    ec2.write(|tx| {
        for h in &hosts {
            tx.put(KIND, &h.host_id, h)?;
        }
        Ok(())
    })?;
    Ok(json!({"HostIds": hosts.iter().map(|h| h.host_id.clone()).collect::<Vec<_>>()}))
}

pub fn describe_hosts(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "HostIds");
    // DescribeHosts names its filter list `Filter`.
    let filters = filter::from_input(&json!({"Filters": input.get("Filter").or_else(|| input.get("Filters"))}));
    let now = ec2.now();
    let all = ec2.read(|tx| Ok(tx.list::<HostRec>(KIND, "")?))?;
    for id in &wanted {
        if !all.iter().any(|(k, _)| k == id) {
            return Err(Ec2Error::Client("InvalidHostID.NotFound", format!("The host ID '{id}' does not exist")));
        }
    }
    let paths = [
        ("availability-zone", "AvailabilityZone"),
        ("instance-type", "HostProperties.InstanceType"),
        ("state", "State"),
        ("auto-placement", "AutoPlacement"),
        ("host-recovery", "HostRecovery"),
    ];
    let mut out = Vec::new();
    for (id, h) in all {
        let visible = h.released.is_none_or(|t| now - t < RELEASED_VISIBLE_SECS);
        if !(wanted.is_empty() || wanted.contains(&id)) || !(visible || wanted.contains(&id)) {
            continue;
        }
        let v = h.render(&ec2.config.region, &ec2.config.account);
        if filter::matches(&v, &filters, &paths)? {
            out.push(v);
        }
    }
    super::page(out, input, "Hosts")
}

/// Apply `f` to each named host that is still allocated; the others are unsuccessful.
fn each_host(ec2: &Ec2, input: &Value, f: impl Fn(&mut HostRec) -> Result<()>) -> Result<Value> {
    let wanted = strings(input, "HostIds");
    ec2.write(|tx| {
        let (mut ok, mut failed) = (Vec::new(), Vec::new());
        for id in &wanted {
            match tx.get::<HostRec>(KIND, id)?.filter(|h| h.released.is_none()) {
                Some(mut h) => {
                    f(&mut h)?;
                    tx.put(KIND, id, &h)?;
                    ok.push(json!(id));
                }
                None => failed.push(json!({"ResourceId": id, "Error": {"Code": "InvalidHostID.NotFound",
                    "Message": format!("The host ID '{id}' does not exist")}})),
            }
        }
        Ok(json!({"Successful": ok, "Unsuccessful": failed}))
    })
}

pub fn modify_hosts(ec2: &Ec2, input: &Value) -> Result<Value> {
    let auto_placement = str_of(input, "AutoPlacement").map(|_| on_off(input, "AutoPlacement", "off")).transpose()?;
    let host_recovery = str_of(input, "HostRecovery").map(|_| on_off(input, "HostRecovery", "off")).transpose()?;
    each_host(ec2, input, |h| {
        if let Some(a) = &auto_placement {
            h.auto_placement = a.clone();
        }
        if let Some(r) = &host_recovery {
            h.host_recovery = r.clone();
        }
        Ok(())
    })
}

pub fn release_hosts(ec2: &Ec2, input: &Value) -> Result<Value> {
    let now = ec2.now();
    each_host(ec2, input, |h| {
        h.released = Some(now);
        Ok(())
    })
}
