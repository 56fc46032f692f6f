//! Managed prefix lists: Create/Describe/Modify/DeleteManagedPrefixList,
//! GetManagedPrefixListEntries, and the AWS-managed lists of the gateway endpoint services
//! (DescribePrefixLists). Lists are records: security group rules do not reference them yet.

use std::net::IpAddr;

use serde_json::{json, Value};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, PrefixEntry, PrefixListRec};
use crate::{filter, ids, Ec2};

/// The services whose gateway endpoints route to an AWS-managed prefix list.
pub(crate) const GATEWAY_SERVICES: &[&str] = &["s3", "dynamodb"];

/// An AWS-managed list: `com.amazonaws.<region>.<service>`, with an id derived from its name.
/// homeground serves neither service, so the lists hold no addresses.
fn aws_managed(region: &str) -> Vec<PrefixListRec> {
    GATEWAY_SERVICES
        .iter()
        .map(|s| {
            let name = format!("com.amazonaws.{region}.{s}");
            PrefixListRec {
                prefix_list_id: ids::derived("pl", &name),
                name,
                address_family: "IPv4".into(),
                max_entries: 0,
                owner_id: "AWS".into(),
                versions: vec![vec![]],
                state: "create-complete".into(),
                tags: vec![],
            }
        })
        .collect()
}

fn not_found(id: &str) -> Ec2Error {
    Ec2Error::not_found("InvalidPrefixListID.NotFound", "prefix list ID", id)
}

fn entries(input: &Value, member: &str, family: &str) -> Result<Vec<PrefixEntry>> {
    let mut out = Vec::new();
    for e in input.get(member).and_then(Value::as_array).into_iter().flatten() {
        let cidr = str_of(e, "Cidr").unwrap_or_default();
        let net: Option<(IpAddr, u8)> =
            cidr.split_once('/').and_then(|(a, p)| Some((a.parse().ok()?, p.parse().ok()?)));
        let fits = match net {
            Some((IpAddr::V4(_), p)) => family == "IPv4" && p <= 32,
            Some((IpAddr::V6(_), p)) => family == "IPv6" && p <= 128,
            None => false,
        };
        if !fits {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "The CIDR '{cidr}' is invalid for a prefix list of address family {family}."
            )));
        }
        out.push(PrefixEntry { cidr: cidr.into(), description: str_of(e, "Description").map(String::from) });
    }
    Ok(out)
}

fn too_many(max: i64) -> Ec2Error {
    Ec2Error::InvalidParameterValue(format!("The prefix list can hold at most {max} entries."))
}

pub fn create_managed_prefix_list(ec2: &Ec2, input: &Value) -> Result<Value> {
    let name = str_of(input, "PrefixListName")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter PrefixListName".into()))?;
    if name.starts_with("com.amazonaws") {
        return Err(Ec2Error::InvalidParameterValue("Prefix list names cannot start with com.amazonaws.".into()));
    }
    let family = str_of(input, "AddressFamily")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter AddressFamily".into()))?;
    if !matches!(family, "IPv4" | "IPv6") {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Value ({family}) for parameter AddressFamily is invalid. Valid values are IPv4 and IPv6."
        )));
    }
    let max = input
        .get("MaxEntries")
        .and_then(Value::as_i64)
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter MaxEntries".into()))?;
    if !(1..=1000).contains(&max) {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Value ({max}) for parameter MaxEntries is invalid. It must be between 1 and 1000."
        )));
    }
    let first = entries(input, "Entries", family)?;
    if first.len() as i64 > max {
        return Err(too_many(max));
    }
    let list = PrefixListRec {
        prefix_list_id: ids::new("pl"),
        name: name.into(),
        address_family: family.into(),
        max_entries: max,
        owner_id: ec2.config.account.clone(),
        versions: vec![first],
        state: "create-complete".into(),
        tags: tag_specs(input, "prefix-list")?,
    };
    ec2.write(|tx| Ok(tx.put(kind::PREFIX_LIST, &list.prefix_list_id, &list)?))?;
    Ok(json!({"PrefixList": list.render(&ec2.config.region)}))
}

/// The region's lists: the account's and the AWS-managed ones.
fn all(ec2: &Ec2) -> Result<Vec<PrefixListRec>> {
    let mut lists: Vec<PrefixListRec> =
        ec2.read(|tx| Ok(tx.list::<PrefixListRec>(kind::PREFIX_LIST, "")?))?.into_iter().map(|(_, l)| l).collect();
    lists.extend(aws_managed(&ec2.config.region));
    Ok(lists)
}

fn find(ec2: &Ec2, id: &str) -> Result<PrefixListRec> {
    all(ec2)?.into_iter().find(|l| l.prefix_list_id == id).ok_or_else(|| not_found(id))
}

pub fn describe_managed_prefix_lists(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "PrefixListIds");
    let filters = filter::from_input(input);
    let lists = all(ec2)?;
    for id in &wanted {
        if !lists.iter().any(|l| &l.prefix_list_id == id) {
            return Err(not_found(id));
        }
    }
    let paths = [("prefix-list-id", "PrefixListId"), ("prefix-list-name", "PrefixListName"), ("owner-id", "OwnerId")];
    let mut out = Vec::new();
    for l in lists {
        let v = l.render(&ec2.config.region);
        if (wanted.is_empty() || wanted.contains(&l.prefix_list_id)) && filter::matches(&v, &filters, &paths)? {
            out.push(v);
        }
    }
    super::page(out, input, "PrefixLists")
}

pub fn get_managed_prefix_list_entries(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "PrefixListId").unwrap_or_default();
    let list = find(ec2, id)?;
    let version = input.get("TargetVersion").and_then(Value::as_i64).unwrap_or(list.version());
    let Some(entries) = usize::try_from(version - 1).ok().and_then(|i| list.versions.get(i)) else {
        return Err(Ec2Error::InvalidParameterValue(format!("Version {version} of prefix list {id} does not exist.")));
    };
    let rendered: Vec<Value> = entries
        .iter()
        .map(|e| match &e.description {
            Some(d) => json!({"Cidr": e.cidr, "Description": d}),
            None => json!({"Cidr": e.cidr}),
        })
        .collect();
    super::page(rendered, input, "Entries")
}

pub fn modify_managed_prefix_list(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "PrefixListId").unwrap_or_default();
    let list = ec2.write(|tx| {
        let Some(mut list) = tx.get::<PrefixListRec>(kind::PREFIX_LIST, id)? else {
            return Err(match aws_managed(&ec2.config.region).iter().any(|l| l.prefix_list_id == id) {
                true => Ec2Error::Client("UnauthorizedOperation", format!("The prefix list {id} is managed by AWS.")),
                false => not_found(id),
            });
        };
        if let Some(current) = input.get("CurrentVersion").and_then(Value::as_i64) {
            if current != list.version() {
                return Err(Ec2Error::Client(
                    "PrefixListVersionMismatch",
                    format!("The prefix list {id} is at version {}, not {current}.", list.version()),
                ));
            }
        }
        if let Some(name) = str_of(input, "PrefixListName") {
            list.name = name.into();
        }
        if let Some(max) = input.get("MaxEntries").and_then(Value::as_i64) {
            if max < list.entries().len() as i64 || !(1..=1000).contains(&max) {
                return Err(Ec2Error::InvalidParameterValue(format!(
                    "Value ({max}) for parameter MaxEntries is invalid."
                )));
            }
            list.max_entries = max;
        }
        let add = entries(input, "AddEntries", &list.address_family)?;
        let remove: Vec<String> = input
            .get("RemoveEntries")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|e| str_of(e, "Cidr").map(String::from))
            .collect();
        if !add.is_empty() || !remove.is_empty() {
            let mut next: Vec<PrefixEntry> =
                list.entries().iter().filter(|e| !remove.contains(&e.cidr)).cloned().collect();
            for e in add {
                match next.iter_mut().find(|x| x.cidr == e.cidr) {
                    Some(x) => *x = e,
                    None => next.push(e),
                }
            }
            if next.len() as i64 > list.max_entries {
                return Err(too_many(list.max_entries));
            }
            list.versions.push(next);
            list.state = "modify-complete".into();
        }
        tx.put(kind::PREFIX_LIST, id, &list)?;
        Ok(list)
    })?;
    Ok(json!({"PrefixList": list.render(&ec2.config.region)}))
}

pub fn delete_managed_prefix_list(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "PrefixListId").unwrap_or_default();
    let mut list = ec2.write(|tx| {
        let list = tx.get::<PrefixListRec>(kind::PREFIX_LIST, id)?.ok_or_else(|| not_found(id))?;
        tx.delete(kind::PREFIX_LIST, id)?;
        Ok(list)
    })?;
    list.state = "delete-complete".into();
    Ok(json!({"PrefixList": list.render(&ec2.config.region)}))
}

/// DescribePrefixLists: the AWS-managed lists of the gateway endpoint services.
pub fn describe_prefix_lists(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "PrefixListIds");
    let filters = filter::from_input(input);
    let mut out = Vec::new();
    for l in aws_managed(&ec2.config.region) {
        let v = json!({"PrefixListId": l.prefix_list_id, "PrefixListName": l.name, "Cidrs": []});
        let paths = [("prefix-list-id", "PrefixListId"), ("prefix-list-name", "PrefixListName")];
        if (wanted.is_empty() || wanted.contains(&l.prefix_list_id)) && filter::matches(&v, &filters, &paths)? {
            out.push(v);
        }
    }
    super::page(out, input, "PrefixLists")
}
