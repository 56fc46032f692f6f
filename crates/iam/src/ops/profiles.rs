//! Instance profiles: the container that hands a role to an instance.

use serde_json::{json, Value};

use super::{check_path, exists, no_such, page, In};
use crate::error::{IamError, Result};
use crate::ids;
use crate::records::{kind, name_key, InstanceProfileRec};
use crate::Identity;

fn load(tx: &store::Tx, name: &str) -> Result<InstanceProfileRec> {
    tx.get::<InstanceProfileRec>(kind::INSTANCE_PROFILE, &name_key(name))?
        .ok_or_else(|| no_such("instance profile", name))
}

/// The profile as AWS returns it, with its roles in full.
fn shown(tx: &store::Tx, p: &InstanceProfileRec) -> Result<Value> {
    let mut roles = Vec::new();
    for r in &p.role_names {
        if let Ok(role) = super::roles::load(tx, r) {
            roles.push(super::roles::shown(role));
        }
    }
    let mut v = serde_json::to_value(p).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.remove("RoleNames");
        o.insert("Roles".into(), serde_json::to_value(roles).unwrap_or_default());
    }
    Ok(v)
}

pub(crate) fn profiles_of_role<'a>(
    tx: &store::Tx,
    role: &'a str,
) -> Result<impl Iterator<Item = InstanceProfileRec> + 'a> {
    let all = tx.list::<InstanceProfileRec>(kind::INSTANCE_PROFILE, "")?;
    Ok(all.into_iter().map(|(_, p)| p).filter(move |p| p.role_names.iter().any(|r| name_key(r) == name_key(role))))
}

pub fn create_instance_profile(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("InstanceProfileName");
    let path = input.s("Path").unwrap_or("/");
    check_path(path)?;
    let tags = input.tags()?;
    let now = id.now();
    id.write(|tx| {
        if tx.exists(kind::INSTANCE_PROFILE, &name_key(name))? {
            return Err(exists("Instance Profile", name));
        }
        let p = InstanceProfileRec {
            path: path.into(),
            instance_profile_name: name.into(),
            instance_profile_id: ids::unique_id("AIPA"),
            arn: id.arn(&format!("instance-profile{path}{name}")),
            create_date: now,
            role_names: vec![],
            tags,
        };
        tx.put(kind::INSTANCE_PROFILE, &name_key(name), &p)?;
        Ok(json!({"InstanceProfile": shown(tx, &p)?}))
    })
}

pub fn get_instance_profile(id: &Identity, input: &In) -> Result<Value> {
    id.read(|tx| {
        let p = load(tx, input.req("InstanceProfileName"))?;
        Ok(json!({"InstanceProfile": shown(tx, &p)?}))
    })
}

pub fn list_instance_profiles(id: &Identity, input: &In) -> Result<Value> {
    let prefix = input.s("PathPrefix").unwrap_or("/");
    let items = id.read(|tx| {
        let mut out = Vec::new();
        for (k, p) in tx.list::<InstanceProfileRec>(kind::INSTANCE_PROFILE, "")? {
            if p.path.starts_with(prefix) {
                out.push((k, shown(tx, &p)?));
            }
        }
        Ok(out)
    })?;
    page(items, input, "InstanceProfiles")
}

pub fn delete_instance_profile(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("InstanceProfileName");
    id.write(|tx| {
        let p = load(tx, name)?;
        if !p.role_names.is_empty() {
            return Err(IamError::DeleteConflict(
                "Cannot delete entity, must remove roles from instance profile first.".into(),
            ));
        }
        tx.delete(kind::INSTANCE_PROFILE, &name_key(name))?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn add_role(id: &Identity, input: &In) -> Result<Value> {
    let (name, role) = (input.req("InstanceProfileName"), input.req("RoleName"));
    id.write(|tx| {
        let mut p = load(tx, name)?;
        let r = super::roles::load(tx, role)?;
        if !p.role_names.is_empty() {
            return Err(IamError::LimitExceeded(
                "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1".into(),
            ));
        }
        p.role_names.push(r.role_name);
        tx.put(kind::INSTANCE_PROFILE, &name_key(name), &p)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn remove_role(id: &Identity, input: &In) -> Result<Value> {
    let (name, role) = (input.req("InstanceProfileName"), input.req("RoleName"));
    id.write(|tx| {
        let mut p = load(tx, name)?;
        let before = p.role_names.len();
        p.role_names.retain(|r| name_key(r) != name_key(role));
        if p.role_names.len() == before {
            return Err(no_such("role", role));
        }
        tx.put(kind::INSTANCE_PROFILE, &name_key(name), &p)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn list_for_role(id: &Identity, input: &In) -> Result<Value> {
    let role = input.req("RoleName");
    let items = id.read(|tx| {
        super::roles::load(tx, role)?;
        let mut out = Vec::new();
        for p in profiles_of_role(tx, role)? {
            out.push((name_key(&p.instance_profile_name), shown(tx, &p)?));
        }
        Ok(out)
    })?;
    page(items, input, "InstanceProfiles")
}
