//! DHCP option sets: Create/Describe/Delete/AssociateDhcpOptions. The region has a default
//! set (the domain name EC2 gives the region, AmazonProvidedDNS), made at first start with an
//! id of its own; a VPC uses it until another set, or `default` (none), is associated.

use std::net::Ipv4Addr;

use serde_json::{json, Value};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, DhcpOptionsRec, VpcRec};
use crate::{filter, ids, Ec2};

/// The option names EC2 accepts.
const KEYS: &[&str] = &[
    "domain-name",
    "domain-name-servers",
    "ntp-servers",
    "netbios-name-servers",
    "netbios-node-type",
    "ipv6-address-preferred-lease-time",
];

fn not_found(id: &str) -> Ec2Error {
    Ec2Error::not_found("InvalidDhcpOptionID.NotFound", "dhcpOption ID", id)
}

/// The domain name EC2's default set gives a region.
fn default_domain(region: &str) -> String {
    if region == "us-east-1" {
        "ec2.internal".into()
    } else {
        format!("{region}.compute.internal")
    }
}

/// The region's default set, made if it is missing; VPCs without a set get it.
pub(crate) fn ensure_all(ec2: &Ec2) -> Result<()> {
    ec2.write(|tx| {
        let id = default_set(tx, ec2)?;
        for (vid, mut vpc) in tx.list::<VpcRec>(kind::VPC, "")? {
            if vpc.dhcp_options_id.is_none() {
                vpc.dhcp_options_id = Some(id.clone());
                tx.put(kind::VPC, &vid, &vpc)?;
            }
        }
        Ok(())
    })
}

/// The id of the region's default set (made when there is none yet; once deleted, new VPCs
/// get `default`, no set, as on EC2).
pub(crate) fn default_set(tx: &store::Tx, ec2: &Ec2) -> Result<String> {
    let sets = tx.list::<DhcpOptionsRec>(kind::DHCP_OPTIONS, "")?;
    if let Some((id, _)) = sets.iter().find(|(_, s)| s.is_default) {
        return Ok(id.clone());
    }
    if tx.exists(kind::DHCP_DEFAULT_MADE, "")? {
        return Ok("default".into());
    }
    let set = DhcpOptionsRec {
        dhcp_options_id: ids::new("dopt"),
        configurations: vec![
            ("domain-name".into(), vec![default_domain(&ec2.config.region)]),
            ("domain-name-servers".into(), vec!["AmazonProvidedDNS".into()]),
        ],
        owner_id: ec2.config.account.clone(),
        is_default: true,
        tags: vec![],
    };
    tx.put(kind::DHCP_OPTIONS, &set.dhcp_options_id, &set)?;
    tx.put(kind::DHCP_DEFAULT_MADE, "", &true)?;
    Ok(set.dhcp_options_id)
}

fn check_values(key: &str, values: &[String]) -> Result<()> {
    let bad = |v: &str| {
        Ec2Error::InvalidParameterValue(format!("Value ({v}) for parameter value is invalid. Invalid value for {key}"))
    };
    if values.is_empty() {
        return Err(Ec2Error::InvalidParameterValue(format!("The DHCP option {key} must have a value.")));
    }
    match key {
        "domain-name-servers" | "ntp-servers" | "netbios-name-servers" => {
            if values.len() > 4 {
                return Err(Ec2Error::InvalidParameterValue(format!(
                    "The DHCP option {key} accepts at most 4 values."
                )));
            }
            for v in values {
                let dns = key == "domain-name-servers" && v == "AmazonProvidedDNS";
                if !dns && v.parse::<Ipv4Addr>().is_err() {
                    return Err(bad(v));
                }
            }
        }
        "netbios-node-type" if values.len() != 1 || !matches!(values[0].as_str(), "1" | "2" | "4" | "8") => {
            return Err(bad(&values.join(",")));
        }
        "ipv6-address-preferred-lease-time"
            if values.len() != 1 || !values[0].parse::<u32>().is_ok_and(|s| (140..=2_147_483_647).contains(&s)) =>
        {
            return Err(bad(&values.join(",")));
        }
        _ => {}
    }
    Ok(())
}

pub fn create_dhcp_options(ec2: &Ec2, input: &Value) -> Result<Value> {
    let mut configurations: Vec<(String, Vec<String>)> = Vec::new();
    for c in input.get("DhcpConfigurations").and_then(Value::as_array).into_iter().flatten() {
        let key = str_of(c, "Key").unwrap_or_default();
        if !KEYS.contains(&key) {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "Value ({key}) for parameter name is invalid. Unknown DHCP option"
            )));
        }
        if configurations.iter().any(|(k, _)| k == key) {
            return Err(Ec2Error::InvalidParameterValue(format!("The DHCP option {key} is given more than once.")));
        }
        let values = strings(c, "Values");
        check_values(key, &values)?;
        configurations.push((key.into(), values));
    }
    if configurations.is_empty() {
        return Err(Ec2Error::MissingParameter("The request must contain the parameter dhcpConfiguration".into()));
    }
    let set = DhcpOptionsRec {
        dhcp_options_id: ids::new("dopt"),
        configurations,
        owner_id: ec2.config.account.clone(),
        is_default: false,
        tags: tag_specs(input, "dhcp-options")?,
    };
    ec2.write(|tx| Ok(tx.put(kind::DHCP_OPTIONS, &set.dhcp_options_id, &set)?))?;
    Ok(json!({"DhcpOptions": set.render()}))
}

pub fn delete_dhcp_options(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "DhcpOptionsId")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter DhcpOptionsId".into()))?;
    ec2.write(|tx| {
        tx.get::<DhcpOptionsRec>(kind::DHCP_OPTIONS, id)?.ok_or_else(|| not_found(id))?;
        let used = tx.list::<VpcRec>(kind::VPC, "")?.into_iter().any(|(_, v)| v.dhcp_options_id.as_deref() == Some(id));
        if used {
            return Err(Ec2Error::Client(
                "DependencyViolation",
                format!("The dhcpOptions '{id}' has dependencies and cannot be deleted."),
            ));
        }
        tx.delete(kind::DHCP_OPTIONS, id)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn associate_dhcp_options(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "DhcpOptionsId")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter DhcpOptionsId".into()))?;
    let vpc_id = str_of(input, "VpcId")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter VpcId".into()))?;
    ec2.write(|tx| {
        if id != "default" {
            tx.get::<DhcpOptionsRec>(kind::DHCP_OPTIONS, id)?.ok_or_else(|| not_found(id))?;
        }
        let mut vpc = tx
            .get::<VpcRec>(kind::VPC, vpc_id)?
            .ok_or_else(|| Ec2Error::not_found("InvalidVpcID.NotFound", "vpc ID", vpc_id))?;
        vpc.dhcp_options_id = Some(id.into());
        tx.put(kind::VPC, vpc_id, &vpc)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn describe_dhcp_options(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "DhcpOptionsIds");
    let filters = filter::from_input(input);
    let all = ec2.read(|tx| Ok(tx.list::<DhcpOptionsRec>(kind::DHCP_OPTIONS, "")?))?;
    for id in &wanted {
        if !all.iter().any(|(k, _)| k == id) {
            return Err(not_found(id));
        }
    }
    let paths = [
        ("dhcp-options-id", "DhcpOptionsId"),
        ("key", "DhcpConfigurations.Key"),
        ("value", "DhcpConfigurations.Values.Value"),
        ("owner-id", "OwnerId"),
    ];
    let mut out = Vec::new();
    for (id, set) in all {
        let v = set.render();
        if (wanted.is_empty() || wanted.contains(&id)) && filter::matches(&v, &filters, &paths)? {
            out.push(v);
        }
    }
    super::page(out, input, "DhcpOptions")
}
