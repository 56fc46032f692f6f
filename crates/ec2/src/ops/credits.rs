//! CPU credit options of burstable (T) instances: Describe/ModifyInstanceCreditSpecification(s),
//! Get/ModifyDefaultCreditSpecification, and RunInstances' `CreditSpecification`. Terraform
//! reads an instance's option on every refresh of a T instance. An instance keeps the option it
//! was launched with (the request's, else the account's default for its family); records from
//! before options were kept have the family's own default.

use serde_json::{json, Value};

use super::{str_of, strings};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, InstanceRec, InstanceState};
use crate::{filter, Ec2};

/// The burstable families and their defaults.
const FAMILIES: &[(&str, &str)] =
    &[("t2", "standard"), ("t3", "unlimited"), ("t3a", "unlimited"), ("t4g", "unlimited")];

/// An instance type's burstable family, if it has one.
pub(crate) fn family(instance_type: &str) -> Option<&'static str> {
    let prefix = instance_type.split('.').next()?;
    FAMILIES.iter().find(|(f, _)| *f == prefix).map(|(f, _)| *f)
}

fn check_option(v: &str) -> Result<()> {
    if matches!(v, "standard" | "unlimited") {
        return Ok(());
    }
    Err(Ec2Error::InvalidParameterValue(format!(
        "Value ({v}) for parameter cpuCredits is invalid. Valid values are standard and unlimited."
    )))
}

fn check_family(f: &str) -> Result<&'static str> {
    FAMILIES.iter().find(|(x, _)| *x == f).map(|(x, _)| *x).ok_or_else(|| {
        Ec2Error::InvalidParameterValue(format!(
            "Value ({f}) for parameter instanceFamily is invalid. Valid values are t2, t3, t3a and t4g."
        ))
    })
}

/// The account's default option for a family.
fn default_for(tx: &store::Tx, family: &str) -> Result<String> {
    if let Some(v) = tx.get::<String>(kind::CREDIT_DEFAULT, family)? {
        return Ok(v);
    }
    Ok(FAMILIES.iter().find(|(f, _)| *f == family).map(|(_, d)| (*d).to_string()).unwrap_or_default())
}

/// The option a launch gives an instance of this type: the request's `CreditSpecification`,
/// else the account's default; none for types that are not burstable (which refuse one).
pub(crate) fn at_launch(tx: &store::Tx, input: &Value, instance_type: &str) -> Result<Option<String>> {
    let asked = input.get("CreditSpecification").and_then(|c| str_of(c, "CpuCredits"));
    let Some(family) = family(instance_type) else {
        return match asked {
            Some(_) => Err(Ec2Error::Client(
                "InvalidParameterCombination",
                format!("The instance type {instance_type} does not support the CPU credit option."),
            )),
            None => Ok(None),
        };
    };
    match asked {
        Some(v) => {
            check_option(&v.to_ascii_lowercase())?;
            Ok(Some(v.to_ascii_lowercase()))
        }
        None => default_for(tx, family).map(Some),
    }
}

/// An instance's option (its family's default for records from before options were kept).
fn option_of(i: &InstanceRec) -> Option<String> {
    let f = family(&i.instance_type)?;
    i.cpu_credits.clone().or_else(|| FAMILIES.iter().find(|(x, _)| *x == f).map(|(_, d)| (*d).to_string()))
}

pub fn describe_instance_credit_specifications(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "InstanceIds");
    let filters = filter::from_input(input);
    let all = ec2.read(|tx| {
        for id in &wanted {
            super::instances::load(tx, id)?;
        }
        Ok(tx.list::<InstanceRec>(kind::INSTANCE, "")?)
    })?;
    let mut out = Vec::new();
    for (id, i) in all {
        if i.state == InstanceState::Terminated || !(wanted.is_empty() || wanted.contains(&id)) {
            continue;
        }
        let Some(option) = option_of(&i) else { continue };
        let v = json!({"InstanceId": id, "CpuCredits": option});
        if filter::matches(&v, &filters, &[("instance-id", "InstanceId")])? {
            out.push(v);
        }
    }
    super::page(out, input, "InstanceCreditSpecifications")
}

pub fn modify_instance_credit_specification(ec2: &Ec2, input: &Value) -> Result<Value> {
    let asked: Vec<(String, String)> = input
        .get("InstanceCreditSpecifications")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|s| {
            (
                str_of(s, "InstanceId").unwrap_or_default().to_string(),
                str_of(s, "CpuCredits").unwrap_or_default().into(),
            )
        })
        .collect();
    if asked.is_empty() {
        return Err(Ec2Error::MissingParameter(
            "The request must contain the parameter InstanceCreditSpecification".into(),
        ));
    }
    for (_, option) in &asked {
        check_option(option)?;
    }
    let (ok, failed) = ec2.write(|tx| {
        let (mut ok, mut failed) = (Vec::new(), Vec::new());
        for (id, option) in &asked {
            let refuse =
                |code: &str, message: String| json!({"InstanceId": id, "Error": {"Code": code, "Message": message}});
            match super::instances::load(tx, id) {
                Err(Ec2Error::Client(code, message)) => failed.push(refuse(code, message)),
                Err(e) => return Err(e),
                Ok(i) if i.state == InstanceState::Terminated => failed.push(refuse(
                    "IncorrectInstanceState",
                    format!("The instance '{id}' is not in a state from which its CPU credit option can be changed."),
                )),
                Ok(i) if family(&i.instance_type).is_none() => failed.push(refuse(
                    "InvalidInstanceType",
                    format!("The instance type {} does not support the CPU credit option.", i.instance_type),
                )),
                Ok(mut i) => {
                    i.cpu_credits = Some(option.clone());
                    tx.put(kind::INSTANCE, id, &i)?;
                    ok.push(json!({"InstanceId": id}));
                }
            }
        }
        Ok((ok, failed))
    })?;
    Ok(json!({"SuccessfulInstanceCreditSpecifications": ok, "UnsuccessfulInstanceCreditSpecifications": failed}))
}

pub fn get_default_credit_specification(ec2: &Ec2, input: &Value) -> Result<Value> {
    let f = check_family(str_of(input, "InstanceFamily").unwrap_or_default())?;
    let option = ec2.read(|tx| default_for(tx, f))?;
    Ok(json!({"InstanceFamilyCreditSpecification": {"InstanceFamily": f, "CpuCredits": option}}))
}

pub fn modify_default_credit_specification(ec2: &Ec2, input: &Value) -> Result<Value> {
    let f = check_family(str_of(input, "InstanceFamily").unwrap_or_default())?;
    let option = str_of(input, "CpuCredits")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter CpuCredits".into()))?;
    check_option(option)?;
    ec2.write(|tx| Ok(tx.put(kind::CREDIT_DEFAULT, f, &option)?))?;
    Ok(json!({"InstanceFamilyCreditSpecification": {"InstanceFamily": f, "CpuCredits": option}}))
}
