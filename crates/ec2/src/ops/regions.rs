//! The region's shape: regions, availability zones, account attributes.

use serde_json::{json, Value};

use crate::error::Result;
use crate::filter;
use crate::Ec2;

/// The regions the endpoint serves: this one and the others of `--regions`, by name.
pub fn describe_regions(ec2: &Ec2, input: &Value) -> Result<Value> {
    let filters = filter::from_input(input);
    let names = super::strings(input, "RegionNames");
    let mut served: Vec<&String> = std::iter::once(&ec2.config.region).chain(&ec2.config.other_regions).collect();
    served.sort();
    let mut out = Vec::new();
    for r in served {
        let region = json!({"RegionName": r, "Endpoint": format!("ec2.{r}.amazonaws.com"), "OptInStatus": "opt-in-not-required"});
        if (names.is_empty() || names.contains(r))
            && filter::matches(&region, &filters, &[("region-name", "RegionName"), ("endpoint", "Endpoint")])?
        {
            out.push(region);
        }
    }
    Ok(json!({"Regions": out}))
}

pub fn describe_availability_zones(ec2: &Ec2, input: &Value) -> Result<Value> {
    let r = &ec2.config.region;
    let filters = filter::from_input(input);
    let names = super::strings(input, "ZoneNames");
    let mut zones = Vec::new();
    for z in crate::zones(r) {
        let v = json!({
            "ZoneName": z, "ZoneId": crate::zone_id(r, &z), "State": "available", "RegionName": r,
            "ZoneType": "availability-zone", "OptInStatus": "opt-in-not-required", "GroupName": r,
            "NetworkBorderGroup": r, "Messages": [],
        });
        let paths =
            [("zone-name", "ZoneName"), ("zone-id", "ZoneId"), ("state", "State"), ("region-name", "RegionName")];
        if (names.is_empty() || names.contains(&z)) && filter::matches(&v, &filters, &paths)? {
            zones.push(v);
        }
    }
    Ok(json!({"AvailabilityZones": zones}))
}

pub fn describe_account_attributes(ec2: &Ec2) -> Result<Value> {
    let default_vpc = ec2.read(|tx| {
        Ok(tx
            .list::<crate::records::VpcRec>(crate::records::kind::VPC, "")?
            .into_iter()
            .find(|(_, v)| v.is_default)
            .map(|(_, v)| v.vpc_id))
    })?;
    let attr = |name: &str, value: &str| json!({"AttributeName": name, "AttributeValues": [{"AttributeValue": value}]});
    Ok(json!({"AccountAttributes": [
        attr("supported-platforms", "VPC"),
        attr("default-vpc", default_vpc.as_deref().unwrap_or("none")),
        attr("max-instances", "20"),
        attr("vpc-max-security-groups-per-interface", "5"),
        attr("max-elastic-ips", "5"),
        attr("vpc-max-elastic-ips", "5"),
    ]}))
}
