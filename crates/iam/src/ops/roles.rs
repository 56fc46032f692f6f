//! Roles: trust policies, descriptions, session limits, tags and boundaries.

use serde_json::{json, Value};

use super::{check_path, exists, merge_tags, no_such, page, trust_policy, url_encode, In};
use crate::error::{IamError, Result};
use crate::ids;
use crate::records::{kind, name_key, Boundary, RoleRec};
use crate::Identity;

pub(crate) fn load(tx: &store::Tx, name: &str) -> Result<RoleRec> {
    tx.get::<RoleRec>(kind::ROLE, &name_key(name))?.ok_or_else(|| no_such("role", name))
}

/// The role as AWS returns it: the trust policy URL-encoded.
pub(crate) fn shown(mut role: RoleRec) -> RoleRec {
    role.assume_role_policy_document = url_encode(&role.assume_role_policy_document);
    role
}

fn check_duration(d: i64) -> Result<()> {
    if !(3600..=43200).contains(&d) {
        return Err(IamError::Validation(format!(
            "1 validation error detected: Value '{d}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200"
        )));
    }
    Ok(())
}

pub fn create_role(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("RoleName");
    let path = input.s("Path").unwrap_or("/");
    check_path(path)?;
    if path.starts_with("/aws-service-role/") {
        return Err(IamError::InvalidInput(
            "Cannot create role in path /aws-service-role/: that path is reserved for service-linked roles.".into(),
        ));
    }
    let doc = input.req("AssumeRolePolicyDocument");
    trust_policy(doc)?;
    let max = input.i("MaxSessionDuration").unwrap_or(3600);
    check_duration(max)?;
    let tags = input.tags()?;
    let boundary = input.s("PermissionsBoundary").map(Boundary::policy);
    let now = id.now();
    let role = id.write(|tx| {
        if tx.exists(kind::ROLE, &name_key(name))? {
            return Err(exists("Role", name));
        }
        if let Some(b) = &boundary {
            super::policies::require_policy(tx, &b.permissions_boundary_arn)?;
        }
        let role = RoleRec {
            path: path.to_string(),
            role_name: name.to_string(),
            role_id: ids::unique_id("AROA"),
            arn: id.arn(&format!("role{path}{name}")),
            create_date: now,
            assume_role_policy_document: doc.to_string(),
            description: input.s("Description").map(String::from),
            max_session_duration: max,
            permissions_boundary: boundary.clone(),
            tags,
        };
        tx.put(kind::ROLE, &name_key(name), &role)?;
        Ok(role)
    })?;
    Ok(json!({ "Role": shown(role) }))
}

pub fn get_role(id: &Identity, input: &In) -> Result<Value> {
    let role = id.read(|tx| load(tx, input.req("RoleName")))?;
    Ok(json!({ "Role": shown(role) }))
}

pub fn list_roles(id: &Identity, input: &In) -> Result<Value> {
    let prefix = input.s("PathPrefix").unwrap_or("/");
    let roles = id.read(|tx| Ok(tx.list::<RoleRec>(kind::ROLE, "")?))?;
    let roles = roles
        .into_iter()
        .filter(|(_, r)| r.path.starts_with(prefix))
        .map(|(k, mut r)| {
            r.tags.clear();
            r.permissions_boundary = None;
            (k, shown(r))
        })
        .collect();
    page(roles, input, "Roles")
}

fn modify(id: &Identity, name: &str, f: impl FnOnce(&mut RoleRec) -> Result<()>) -> Result<()> {
    id.write(|tx| {
        let mut role = load(tx, name)?;
        f(&mut role)?;
        tx.put(kind::ROLE, &name_key(name), &role)?;
        Ok(())
    })
}

pub fn update_role(id: &Identity, input: &In) -> Result<Value> {
    if let Some(d) = input.i("MaxSessionDuration") {
        check_duration(d)?;
    }
    modify(id, input.req("RoleName"), |r| {
        if let Some(d) = input.s("Description") {
            r.description = Some(d.to_string());
        }
        if let Some(m) = input.i("MaxSessionDuration") {
            r.max_session_duration = m;
        }
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn update_role_description(id: &Identity, input: &In) -> Result<Value> {
    modify(id, input.req("RoleName"), |r| {
        r.description = Some(input.req("Description").to_string());
        Ok(())
    })?;
    get_role(id, input)
}

pub fn update_assume_role_policy(id: &Identity, input: &In) -> Result<Value> {
    let doc = input.req("PolicyDocument");
    trust_policy(doc)?;
    modify(id, input.req("RoleName"), |r| {
        r.assume_role_policy_document = doc.to_string();
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn delete_role(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("RoleName");
    id.write(|tx| {
        load(tx, name)?;
        let key = name_key(name);
        if tx.count(kind::ATTACHED, &format!("role/{key}/"))? > 0 {
            return Err(IamError::DeleteConflict("Cannot delete entity, must detach all policies first.".into()));
        }
        if tx.count(kind::INLINE, &format!("role/{key}/"))? > 0 {
            return Err(IamError::DeleteConflict("Cannot delete entity, must delete policies first.".into()));
        }
        if super::profiles::profiles_of_role(tx, name)?.next().is_some() {
            return Err(IamError::DeleteConflict(
                "Cannot delete entity, must remove roles from instance profile first.".into(),
            ));
        }
        tx.delete(kind::ROLE, &key)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn tag_role(id: &Identity, input: &In) -> Result<Value> {
    let tags = input.tags()?;
    modify(id, input.req("RoleName"), |r| merge_tags(&mut r.tags, tags))?;
    Ok(json!({}))
}

pub fn untag_role(id: &Identity, input: &In) -> Result<Value> {
    let keys = input.strings("TagKeys");
    modify(id, input.req("RoleName"), |r| {
        r.tags.retain(|t| !keys.iter().any(|k| k.eq_ignore_ascii_case(&t.key)));
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn list_role_tags(id: &Identity, input: &In) -> Result<Value> {
    let role = id.read(|tx| load(tx, input.req("RoleName")))?;
    page(role.tags.into_iter().map(|t| (t.key.to_lowercase(), t)).collect(), input, "Tags")
}

pub fn put_boundary(id: &Identity, input: &In) -> Result<Value> {
    let arn = input.req("PermissionsBoundary");
    id.read(|tx| super::policies::require_policy(tx, arn))?;
    modify(id, input.req("RoleName"), |r| {
        r.permissions_boundary = Some(Boundary::policy(arn));
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn delete_boundary(id: &Identity, input: &In) -> Result<Value> {
    modify(id, input.req("RoleName"), |r| {
        r.permissions_boundary = None;
        Ok(())
    })?;
    Ok(json!({}))
}
