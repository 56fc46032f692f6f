//! Users: CreateUser … DeleteUser, their tags and permissions boundaries.

use serde_json::{json, Value};
use wire::CallContext;

use super::{check_path, exists, merge_tags, no_such, page, In};
use crate::error::{IamError, Result};
use crate::ids;
use crate::records::{kind, name_key, Boundary, UserRec};
use crate::Identity;

pub(crate) fn load(tx: &store::Tx, name: &str) -> Result<UserRec> {
    tx.get::<UserRec>(kind::USER, &name_key(name))?.ok_or_else(|| no_such("user", name))
}

pub fn create_user(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("UserName");
    let path = input.s("Path").unwrap_or("/");
    check_path(path)?;
    let tags = input.tags()?;
    let boundary = input.s("PermissionsBoundary").map(Boundary::policy);
    let now = id.now();
    let user = id.write(|tx| {
        if tx.exists(kind::USER, &name_key(name))? {
            return Err(exists("User", name));
        }
        if let Some(b) = &boundary {
            super::policies::require_policy(tx, &b.permissions_boundary_arn)?;
        }
        let user = UserRec {
            path: path.to_string(),
            user_name: name.to_string(),
            user_id: ids::unique_id("AIDA"),
            arn: id.arn(&format!("user{path}{name}")),
            create_date: now,
            password_last_used: None,
            permissions_boundary: boundary.clone(),
            tags,
        };
        tx.put(kind::USER, &name_key(name), &user)?;
        Ok(user)
    })?;
    Ok(json!({ "User": user }))
}

pub fn get_user(id: &Identity, cx: &CallContext, input: &In) -> Result<Value> {
    // Without UserName, GetUser describes the caller.
    let name = match input.s("UserName") {
        Some(n) => n.to_string(),
        None => match cx.principal.user_name() {
            Some(n) => n.to_string(),
            None if cx.principal.is_root() => {
                return Ok(json!({"User": {
                    "UserId": id.account, "Arn": cx.principal.arn, "CreateDate": 0.0, "Path": "/", "UserName": ""
                }}))
            }
            None => {
                return Err(IamError::Validation("Must specify userName when calling with non-User credentials".into()))
            }
        },
    };
    let user = id.read(|tx| load(tx, &name))?;
    Ok(json!({ "User": user }))
}

pub fn list_users(id: &Identity, input: &In) -> Result<Value> {
    let prefix = input.s("PathPrefix").unwrap_or("/");
    let users = id.user_listing()?;
    let users: Vec<(String, &Value)> =
        users.iter().filter(|(_, path, _)| path.starts_with(prefix)).map(|(k, _, v)| (k.clone(), v)).collect();
    page(users, input, "Users")
}

impl Identity {
    /// Every user as ListUsers shows them (no tags, no boundary), in key order, read from the
    /// store once per IAM generation: listing is the most frequent IAM call.
    pub(crate) fn user_listing(&self) -> Result<crate::UserListing> {
        let generation = self.generation();
        {
            let cache = self.users.read().unwrap_or_else(|e| e.into_inner());
            if cache.0 == generation {
                if let Some(list) = &cache.1 {
                    return Ok(list.clone());
                }
            }
        }
        let users: Vec<(String, UserRec)> = self.read(|tx| Ok(tx.list::<UserRec>(kind::USER, "")?))?;
        let list: Vec<(String, String, Value)> = users
            .into_iter()
            .map(|(k, mut u)| {
                u.tags.clear();
                u.permissions_boundary = None;
                let path = u.path.clone();
                (k, path, serde_json::to_value(u).unwrap_or_default())
            })
            .collect();
        let list = std::sync::Arc::new(list);
        *self.users.write().unwrap_or_else(|e| e.into_inner()) = (generation, Some(list.clone()));
        Ok(list)
    }
}

pub fn update_user(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("UserName");
    let new_name = input.s("NewUserName");
    let new_path = input.s("NewPath");
    if let Some(p) = new_path {
        check_path(p)?;
    }
    id.write(|tx| {
        let mut user = load(tx, name)?;
        let old_key = name_key(&user.user_name);
        if let Some(p) = new_path {
            user.path = p.to_string();
        }
        if let Some(n) = new_name {
            if name_key(n) != old_key && tx.exists(kind::USER, &name_key(n))? {
                return Err(exists("User", n));
            }
            user.user_name = n.to_string();
        }
        user.arn = id.arn(&format!("user{}{}", user.path, user.user_name));
        let new_key = name_key(&user.user_name);
        if new_key != old_key {
            if let Some(e) = conflict(tx, &old_key)? {
                return Err(e);
            }
            tx.delete(kind::USER, &old_key)?;
        }
        tx.put(kind::USER, &new_key, &user)?;
        Ok(())
    })?;
    Ok(json!({}))
}

/// What stops a user's deletion or renaming, named as AWS names it.
fn conflict(tx: &store::Tx, key: &str) -> Result<Option<IamError>> {
    let msg = if tx.count(kind::USER_KEY, &format!("{key}/"))? > 0 {
        "Cannot delete entity, must delete access keys first."
    } else if tx.exists(kind::LOGIN_PROFILE, key)? {
        "Cannot delete entity, must delete login profile first."
    } else if tx.count(kind::USER_GROUP, &format!("{key}/"))? > 0 {
        "Cannot delete entity, must remove users from group first."
    } else if tx.count(kind::ATTACHED, &format!("user/{key}/"))? > 0 {
        "Cannot delete entity, must detach all policies first."
    } else if tx.count(kind::INLINE, &format!("user/{key}/"))? > 0 {
        "Cannot delete entity, must delete policies first."
    } else {
        return Ok(None);
    };
    Ok(Some(IamError::DeleteConflict(msg.into())))
}

pub fn delete_user(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("UserName");
    id.write(|tx| {
        let user = load(tx, name)?;
        let key = name_key(&user.user_name);
        if let Some(e) = conflict(tx, &key)? {
            return Err(e);
        }
        tx.delete(kind::USER, &key)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn tag_user(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("UserName");
    let tags = input.tags()?;
    id.write(|tx| {
        let mut user = load(tx, name)?;
        merge_tags(&mut user.tags, tags)?;
        tx.put(kind::USER, &name_key(name), &user)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn untag_user(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("UserName");
    let keys = input.strings("TagKeys");
    id.write(|tx| {
        let mut user = load(tx, name)?;
        user.tags.retain(|t| !keys.iter().any(|k| k.eq_ignore_ascii_case(&t.key)));
        tx.put(kind::USER, &name_key(name), &user)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn list_user_tags(id: &Identity, input: &In) -> Result<Value> {
    let user = id.read(|tx| load(tx, input.req("UserName")))?;
    let items = user.tags.into_iter().map(|t| (t.key.to_lowercase(), t)).collect();
    page(items, input, "Tags")
}

pub fn put_boundary(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("UserName");
    let arn = input.req("PermissionsBoundary");
    id.write(|tx| {
        super::policies::require_policy(tx, arn)?;
        let mut user = load(tx, name)?;
        user.permissions_boundary = Some(Boundary::policy(arn));
        tx.put(kind::USER, &name_key(name), &user)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn delete_boundary(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("UserName");
    id.write(|tx| {
        let mut user = load(tx, name)?;
        user.permissions_boundary = None;
        tx.put(kind::USER, &name_key(name), &user)?;
        Ok(())
    })?;
    Ok(json!({}))
}
