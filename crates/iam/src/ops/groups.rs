//! Groups and their members.

use serde_json::{json, Value};

use super::{check_path, exists, no_such, page, In};
use crate::error::{IamError, Result};
use crate::ids;
use crate::records::{kind, name_key, GroupRec, UserRec};
use crate::Identity;

pub(crate) fn load(tx: &store::Tx, name: &str) -> Result<GroupRec> {
    tx.get::<GroupRec>(kind::GROUP, &name_key(name))?.ok_or_else(|| no_such("group", name))
}

pub fn create_group(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("GroupName");
    let path = input.s("Path").unwrap_or("/");
    check_path(path)?;
    let now = id.now();
    let group = id.write(|tx| {
        if tx.exists(kind::GROUP, &name_key(name))? {
            return Err(exists("Group", name));
        }
        let group = GroupRec {
            path: path.to_string(),
            group_name: name.to_string(),
            group_id: ids::unique_id("AGPA"),
            arn: id.arn(&format!("group{path}{name}")),
            create_date: now,
        };
        tx.put(kind::GROUP, &name_key(name), &group)?;
        Ok(group)
    })?;
    Ok(json!({ "Group": group }))
}

pub fn get_group(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("GroupName");
    let (group, users) = id.read(|tx| {
        let group = load(tx, name)?;
        let mut users = Vec::new();
        for (key, ()) in tx.list::<()>(kind::GROUP_MEMBER, &format!("{}/", name_key(name)))? {
            let user_key = key.split_once('/').map(|(_, u)| u).unwrap_or_default();
            if let Some(mut u) = tx.get::<UserRec>(kind::USER, user_key)? {
                u.tags.clear();
                u.permissions_boundary = None;
                users.push((user_key.to_string(), u));
            }
        }
        Ok((group, users))
    })?;
    let mut out = page(users, input, "Users")?;
    out["Group"] = serde_json::to_value(group).unwrap_or_default();
    Ok(out)
}

pub fn list_groups(id: &Identity, input: &In) -> Result<Value> {
    let prefix = input.s("PathPrefix").unwrap_or("/");
    let groups = id.read(|tx| Ok(tx.list::<GroupRec>(kind::GROUP, "")?))?;
    page(groups.into_iter().filter(|(_, g)| g.path.starts_with(prefix)).collect(), input, "Groups")
}

pub fn update_group(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("GroupName");
    let new_path = input.s("NewPath");
    if let Some(p) = new_path {
        check_path(p)?;
    }
    if input.s("NewGroupName").is_some_and(|n| name_key(n) != name_key(name)) {
        return Err(IamError::InvalidInput("homeground does not rename groups yet; create a new group.".into()));
    }
    id.write(|tx| {
        let mut g = load(tx, name)?;
        if let Some(n) = input.s("NewGroupName") {
            g.group_name = n.to_string();
        }
        if let Some(p) = new_path {
            g.path = p.to_string();
        }
        g.arn = id.arn(&format!("group{}{}", g.path, g.group_name));
        tx.put(kind::GROUP, &name_key(name), &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn delete_group(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("GroupName");
    id.write(|tx| {
        load(tx, name)?;
        let key = name_key(name);
        if tx.count(kind::GROUP_MEMBER, &format!("{key}/"))? > 0 {
            return Err(IamError::DeleteConflict("Cannot delete entity, must remove users from group first.".into()));
        }
        if tx.count(kind::ATTACHED, &format!("group/{key}/"))? > 0 {
            return Err(IamError::DeleteConflict("Cannot delete entity, must detach all policies first.".into()));
        }
        if tx.count(kind::INLINE, &format!("group/{key}/"))? > 0 {
            return Err(IamError::DeleteConflict("Cannot delete entity, must delete policies first.".into()));
        }
        tx.delete(kind::GROUP, &key)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn add_user_to_group(id: &Identity, input: &In) -> Result<Value> {
    let (group, user) = (input.req("GroupName"), input.req("UserName"));
    id.write(|tx| {
        load(tx, group)?;
        super::users::load(tx, user)?;
        let (g, u) = (name_key(group), name_key(user));
        if tx.count(kind::USER_GROUP, &format!("{u}/"))? >= 10 && !tx.exists(kind::USER_GROUP, &format!("{u}/{g}"))? {
            return Err(IamError::LimitExceeded("Cannot exceed quota for GroupsPerUser: 10".into()));
        }
        tx.put(kind::GROUP_MEMBER, &format!("{g}/{u}"), &())?;
        tx.put(kind::USER_GROUP, &format!("{u}/{g}"), &())?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn remove_user_from_group(id: &Identity, input: &In) -> Result<Value> {
    let (group, user) = (input.req("GroupName"), input.req("UserName"));
    id.write(|tx| {
        load(tx, group)?;
        super::users::load(tx, user)?;
        let (g, u) = (name_key(group), name_key(user));
        if !tx.delete(kind::GROUP_MEMBER, &format!("{g}/{u}"))? {
            return Err(IamError::NoSuchEntity(format!("The user with name {user} cannot be found in group {group}.")));
        }
        tx.delete(kind::USER_GROUP, &format!("{u}/{g}"))?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn list_groups_for_user(id: &Identity, input: &In) -> Result<Value> {
    let user = input.req("UserName");
    let groups = id.read(|tx| {
        super::users::load(tx, user)?;
        let mut out = Vec::new();
        for (key, ()) in tx.list::<()>(kind::USER_GROUP, &format!("{}/", name_key(user)))? {
            let g = key.split_once('/').map(|(_, g)| g).unwrap_or_default();
            if let Some(rec) = tx.get::<GroupRec>(kind::GROUP, g)? {
                out.push((g.to_string(), rec));
            }
        }
        Ok(out)
    })?;
    page(groups, input, "Groups")
}
