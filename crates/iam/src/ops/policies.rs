//! Managed policies (AWS's and the customer's), their versions and attachments, and inline
//! policies of users, groups and roles.

use serde_json::{json, Value};

use super::{check_path, identity_policy, managed_policy, no_such, page, url_encode, In};
use crate::authorize::Entity;
use crate::error::{IamError, Result};
use crate::ids;
use crate::managed::{self, MANAGED};
use crate::records::{kind, name_key, InlinePolicyRec, PolicyRec, PolicyVersionRec};
use crate::Identity;

const MAX_VERSIONS: usize = 5;

/// The default version's document of a managed policy, AWS's or the customer's.
pub(crate) fn default_document(tx: &store::Tx, arn: &str) -> Result<Option<String>> {
    if let Some(m) = managed::by_arn(arn) {
        return Ok(Some(m.document.to_string()));
    }
    let Some(p) = tx.get::<PolicyRec>(kind::POLICY, arn)? else { return Ok(None) };
    Ok(tx.get::<PolicyVersionRec>(kind::POLICY_VERSION, &version_key(arn, &p.default_version_id))?.map(|v| v.document))
}

fn not_attachable(arn: &str) -> IamError {
    IamError::NoSuchEntity(format!("Policy {arn} does not exist or is not attachable."))
}

pub(crate) fn require_policy(tx: &store::Tx, arn: &str) -> Result<()> {
    if managed::by_arn(arn).is_some() || tx.exists(kind::POLICY, arn)? {
        Ok(())
    } else {
        Err(not_attachable(arn))
    }
}

fn version_key(arn: &str, version: &str) -> String {
    format!("{arn}#{version}")
}

fn aws_policy_rec(tx: &store::Tx, m: &managed::ManagedPolicy) -> Result<PolicyRec> {
    let arn = m.arn();
    Ok(PolicyRec {
        policy_name: m.name.into(),
        policy_id: m.id.into(),
        path: m.path.into(),
        default_version_id: "v1".into(),
        attachment_count: tx.count(kind::ATTACHMENT, &format!("{arn}#"))? as i64,
        permissions_boundary_usage_count: 0,
        is_attachable: true,
        description: Some(m.description.into()),
        create_date: 1_423_000_000.0,
        update_date: 1_423_000_000.0,
        tags: vec![],
        next_version: 2,
        arn,
    })
}

fn load(tx: &store::Tx, arn: &str) -> Result<PolicyRec> {
    if let Some(m) = managed::by_arn(arn) {
        return aws_policy_rec(tx, m);
    }
    let mut p = tx
        .get::<PolicyRec>(kind::POLICY, arn)?
        .ok_or_else(|| IamError::NoSuchEntity(format!("Policy {arn} was not found.")))?;
    p.attachment_count = tx.count(kind::ATTACHMENT, &format!("{arn}#"))? as i64;
    Ok(p)
}

fn customer(tx: &store::Tx, arn: &str) -> Result<PolicyRec> {
    if managed::by_arn(arn).is_some() || arn.starts_with("arn:aws:iam::aws:") {
        return Err(IamError::InvalidInput(format!("Policy {arn} is an AWS managed policy and cannot be changed.")));
    }
    load(tx, arn)
}

pub fn create_policy(id: &Identity, input: &In) -> Result<Value> {
    let name = input.req("PolicyName");
    let path = input.s("Path").unwrap_or("/");
    check_path(path)?;
    let doc = input.req("PolicyDocument");
    managed_policy(doc)?;
    let tags = input.tags()?;
    let arn = id.arn(&format!("policy{path}{name}"));
    let now = id.now();
    let rec = id.write(|tx| {
        let taken = tx.list::<PolicyRec>(kind::POLICY, &id.arn("policy/"))?;
        if taken.iter().any(|(_, p)| name_key(&p.policy_name) == name_key(name) && p.path == path)
            || tx.exists(kind::POLICY, &arn)?
        {
            return Err(IamError::EntityAlreadyExists(format!(
                "A policy called {name} already exists. Duplicate names are not allowed."
            )));
        }
        let rec = PolicyRec {
            policy_name: name.into(),
            policy_id: ids::unique_id("ANPA"),
            arn: arn.clone(),
            path: path.into(),
            default_version_id: "v1".into(),
            attachment_count: 0,
            permissions_boundary_usage_count: 0,
            is_attachable: true,
            description: input.s("Description").map(String::from),
            create_date: now,
            update_date: now,
            tags,
            next_version: 2,
        };
        tx.put(kind::POLICY, &arn, &rec)?;
        let v = PolicyVersionRec {
            document: doc.into(),
            version_id: "v1".into(),
            is_default_version: true,
            create_date: now,
        };
        tx.put(kind::POLICY_VERSION, &version_key(&arn, "v1"), &v)?;
        Ok(rec)
    })?;
    Ok(json!({ "Policy": rec }))
}

pub fn get_policy(id: &Identity, input: &In) -> Result<Value> {
    let p = id.read(|tx| load(tx, input.req("PolicyArn")))?;
    Ok(json!({ "Policy": p }))
}

pub fn list_policies(id: &Identity, input: &In) -> Result<Value> {
    let scope = input.s("Scope").unwrap_or("All");
    let only_attached = input.b("OnlyAttached").unwrap_or(false);
    let prefix = input.s("PathPrefix").unwrap_or("/");
    let all = id.read(|tx| {
        let mut out = Vec::new();
        if scope != "Local" {
            for m in MANAGED {
                out.push((format!("0{}", m.name), aws_policy_rec(tx, m)?));
            }
        }
        if scope != "AWS" {
            for (k, mut p) in tx.list::<PolicyRec>(kind::POLICY, "")? {
                p.attachment_count = tx.count(kind::ATTACHMENT, &format!("{k}#"))? as i64;
                out.push((format!("1{k}"), p));
            }
        }
        Ok(out)
    })?;
    let mut all: Vec<(String, PolicyRec)> = all
        .into_iter()
        .filter(|(_, p)| p.path.starts_with(prefix) && (!only_attached || p.attachment_count > 0))
        .map(|(k, mut p)| {
            p.tags.clear();
            (k, p)
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    page(all, input, "Policies")
}

pub fn delete_policy(id: &Identity, input: &In) -> Result<Value> {
    let arn = input.req("PolicyArn");
    id.write(|tx| {
        customer(tx, arn)?;
        if tx.count(kind::ATTACHMENT, &format!("{arn}#"))? > 0 {
            return Err(IamError::DeleteConflict("Cannot delete a policy attached to entities.".into()));
        }
        if tx.count(kind::POLICY_VERSION, &format!("{arn}#"))? > 1 {
            return Err(IamError::DeleteConflict(
                "Cannot delete a policy with non-default versions; delete them first.".into(),
            ));
        }
        tx.delete_prefix(kind::POLICY_VERSION, &format!("{arn}#"))?;
        tx.delete(kind::POLICY, arn)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn create_policy_version(id: &Identity, input: &In) -> Result<Value> {
    let arn = input.req("PolicyArn");
    let doc = input.req("PolicyDocument");
    managed_policy(doc)?;
    let set_default = input.b("SetAsDefault").unwrap_or(false);
    let now = id.now();
    let v = id.write(|tx| {
        let mut p = customer(tx, arn)?;
        if tx.count(kind::POLICY_VERSION, &format!("{arn}#"))? >= MAX_VERSIONS {
            return Err(IamError::LimitExceeded(format!(
                "A managed policy can have up to {MAX_VERSIONS} versions. Before you create a new version, you must delete an existing version."
            )));
        }
        let version_id = format!("v{}", p.next_version);
        p.next_version += 1;
        p.update_date = now;
        if set_default {
            unset_default(tx, arn, &p.default_version_id)?;
            p.default_version_id = version_id.clone();
        }
        let v = PolicyVersionRec { document: doc.into(), version_id: version_id.clone(), is_default_version: set_default, create_date: now };
        tx.put(kind::POLICY_VERSION, &version_key(arn, &version_id), &v)?;
        tx.put(kind::POLICY, arn, &p)?;
        Ok(v)
    })?;
    Ok(
        json!({ "PolicyVersion": { "VersionId": v.version_id, "IsDefaultVersion": v.is_default_version, "CreateDate": v.create_date } }),
    )
}

fn unset_default(tx: &store::Tx, arn: &str, version: &str) -> Result<()> {
    if let Some(mut old) = tx.get::<PolicyVersionRec>(kind::POLICY_VERSION, &version_key(arn, version))? {
        old.is_default_version = false;
        tx.put(kind::POLICY_VERSION, &version_key(arn, version), &old)?;
    }
    Ok(())
}

pub fn get_policy_version(id: &Identity, input: &In) -> Result<Value> {
    let (arn, version) = (input.req("PolicyArn"), input.req("VersionId"));
    if let Some(m) = managed::by_arn(arn) {
        if version == "v1" {
            return Ok(
                json!({"PolicyVersion": {"Document": url_encode(m.document), "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": 1_423_000_000.0}}),
            );
        }
    }
    let mut v = id.read(|tx| {
        tx.get::<PolicyVersionRec>(kind::POLICY_VERSION, &version_key(arn, version))?.ok_or_else(|| {
            IamError::NoSuchEntity(format!("Policy {arn} version {version} does not exist or is not attachable."))
        })
    })?;
    v.document = url_encode(&v.document);
    Ok(json!({ "PolicyVersion": v }))
}

pub fn list_policy_versions(id: &Identity, input: &In) -> Result<Value> {
    let arn = input.req("PolicyArn");
    if let Some(m) = managed::by_arn(arn) {
        let v = PolicyVersionRec {
            document: url_encode(m.document),
            version_id: "v1".into(),
            is_default_version: true,
            create_date: 1_423_000_000.0,
        };
        return page(vec![("v1".into(), v)], input, "Versions");
    }
    let versions = id.read(|tx| {
        load(tx, arn)?;
        Ok(tx.list::<PolicyVersionRec>(kind::POLICY_VERSION, &format!("{arn}#"))?)
    })?;
    let mut versions: Vec<(String, PolicyVersionRec)> = versions
        .into_iter()
        .map(|(k, mut v)| {
            v.document = url_encode(&v.document);
            (k, v)
        })
        .collect();
    // Newest first, as AWS lists them.
    versions.sort_by_key(|(_, v)| std::cmp::Reverse(v.version_id.trim_start_matches('v').parse::<u32>().unwrap_or(0)));
    let versions = versions.into_iter().enumerate().map(|(i, (_, v))| (format!("{i:06}"), v)).collect();
    page(versions, input, "Versions")
}

pub fn delete_policy_version(id: &Identity, input: &In) -> Result<Value> {
    let (arn, version) = (input.req("PolicyArn"), input.req("VersionId"));
    id.write(|tx| {
        let p = customer(tx, arn)?;
        if p.default_version_id == version {
            return Err(IamError::DeleteConflict("Cannot delete the default version of a policy.".into()));
        }
        if !tx.delete(kind::POLICY_VERSION, &version_key(arn, version))? {
            return Err(IamError::NoSuchEntity(format!("Policy {arn} version {version} does not exist.")));
        }
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn set_default_policy_version(id: &Identity, input: &In) -> Result<Value> {
    let (arn, version) = (input.req("PolicyArn"), input.req("VersionId"));
    let now = id.now();
    id.write(|tx| {
        let mut p = customer(tx, arn)?;
        let mut v = tx
            .get::<PolicyVersionRec>(kind::POLICY_VERSION, &version_key(arn, version))?
            .ok_or_else(|| IamError::NoSuchEntity(format!("Policy {arn} version {version} does not exist.")))?;
        unset_default(tx, arn, &p.default_version_id)?;
        v.is_default_version = true;
        tx.put(kind::POLICY_VERSION, &version_key(arn, version), &v)?;
        p.default_version_id = version.into();
        p.update_date = now;
        tx.put(kind::POLICY, arn, &p)?;
        Ok(())
    })?;
    Ok(json!({}))
}

/// Which entity an operation names, and the input member that holds its name.
fn entity_of(op: &str) -> (Entity, &'static str) {
    if op.contains("User") {
        (Entity::User, "UserName")
    } else if op.contains("Group") {
        (Entity::Group, "GroupName")
    } else {
        (Entity::Role, "RoleName")
    }
}

fn require_entity(tx: &store::Tx, entity: Entity, name: &str) -> Result<()> {
    match entity {
        Entity::User => super::users::load(tx, name).map(drop),
        Entity::Group => super::groups::load(tx, name).map(drop),
        Entity::Role => super::roles::load(tx, name).map(drop),
    }
}

pub fn attach(id: &Identity, op: &str, input: &In) -> Result<Value> {
    let (entity, member) = entity_of(op);
    let (name, arn) = (input.req(member), input.req("PolicyArn"));
    id.write(|tx| {
        require_entity(tx, entity, name)?;
        require_policy(tx, arn)?;
        let prefix = format!("{}/{}/", entity.as_str(), name_key(name));
        if tx.count(kind::ATTACHED, &prefix)? >= 10 && !tx.exists(kind::ATTACHED, &format!("{prefix}{arn}"))? {
            return Err(IamError::LimitExceeded(format!(
                "Cannot exceed quota for PoliciesPer{}: 10",
                match entity {
                    Entity::User => "User",
                    Entity::Group => "Group",
                    Entity::Role => "Role",
                }
            )));
        }
        tx.put(kind::ATTACHED, &format!("{prefix}{arn}"), &())?;
        tx.put(kind::ATTACHMENT, &format!("{arn}#{}/{}", entity.as_str(), name_key(name)), &())?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn detach(id: &Identity, op: &str, input: &In) -> Result<Value> {
    let (entity, member) = entity_of(op);
    let (name, arn) = (input.req(member), input.req("PolicyArn"));
    id.write(|tx| {
        require_entity(tx, entity, name)?;
        let key = format!("{}/{}/{arn}", entity.as_str(), name_key(name));
        if !tx.delete(kind::ATTACHED, &key)? {
            return Err(IamError::NoSuchEntity(format!("Policy {arn} was not found.")));
        }
        tx.delete(kind::ATTACHMENT, &format!("{arn}#{}/{}", entity.as_str(), name_key(name)))?;
        Ok(())
    })?;
    Ok(json!({}))
}

fn policy_name_of(tx: &store::Tx, arn: &str) -> Result<String> {
    Ok(match managed::by_arn(arn) {
        Some(m) => m.name.to_string(),
        None => tx.get::<PolicyRec>(kind::POLICY, arn)?.map(|p| p.policy_name).unwrap_or_default(),
    })
}

pub fn list_attached(id: &Identity, op: &str, input: &In) -> Result<Value> {
    let (entity, member) = entity_of(op);
    let name = input.req(member);
    let prefix_filter = input.s("PathPrefix").unwrap_or("/");
    let items = id.read(|tx| {
        require_entity(tx, entity, name)?;
        let prefix = format!("{}/{}/", entity.as_str(), name_key(name));
        let mut out = Vec::new();
        for (key, ()) in tx.list::<()>(kind::ATTACHED, &prefix)? {
            let arn = &key[prefix.len()..];
            let path = managed::by_arn(arn)
                .map(|m| m.path.to_string())
                .or(tx.get::<PolicyRec>(kind::POLICY, arn)?.map(|p| p.path));
            if path.is_some_and(|p| p.starts_with(prefix_filter)) {
                out.push((key.clone(), json!({"PolicyName": policy_name_of(tx, arn)?, "PolicyArn": arn})));
            }
        }
        Ok(out)
    })?;
    page(items, input, "AttachedPolicies")
}

pub fn list_entities_for_policy(id: &Identity, input: &In) -> Result<Value> {
    let arn = input.req("PolicyArn");
    let filter = input.s("EntityFilter");
    let (users, groups, roles) = id.read(|tx| {
        load(tx, arn)?;
        let (mut users, mut groups, mut roles) = (vec![], vec![], vec![]);
        for (key, ()) in tx.list::<()>(kind::ATTACHMENT, &format!("{arn}#"))? {
            let rest = &key[arn.len() + 1..];
            let Some((entity, name)) = rest.split_once('/') else { continue };
            match entity {
                "user" => {
                    if let Some(u) = tx.get::<crate::records::UserRec>(kind::USER, name)? {
                        users.push(json!({"UserName": u.user_name, "UserId": u.user_id}));
                    }
                }
                "group" => {
                    if let Some(g) = tx.get::<crate::records::GroupRec>(kind::GROUP, name)? {
                        groups.push(json!({"GroupName": g.group_name, "GroupId": g.group_id}));
                    }
                }
                _ => {
                    if let Some(r) = tx.get::<crate::records::RoleRec>(kind::ROLE, name)? {
                        roles.push(json!({"RoleName": r.role_name, "RoleId": r.role_id}));
                    }
                }
            }
        }
        Ok((users, groups, roles))
    })?;
    let keep = |f: &str| filter.is_none() || filter == Some(f);
    Ok(json!({
        "PolicyUsers": if keep("User") { users } else { vec![] },
        "PolicyGroups": if keep("Group") { groups } else { vec![] },
        "PolicyRoles": if keep("Role") { roles } else { vec![] },
        "IsTruncated": false,
    }))
}

pub fn put_inline(id: &Identity, op: &str, input: &In) -> Result<Value> {
    let (entity, member) = entity_of(op);
    let (name, policy_name, doc) = (input.req(member), input.req("PolicyName"), input.req("PolicyDocument"));
    identity_policy(doc)?;
    id.write(|tx| {
        require_entity(tx, entity, name)?;
        let rec = InlinePolicyRec { policy_name: policy_name.into(), policy_document: doc.into() };
        tx.put(kind::INLINE, &format!("{}/{}/{}", entity.as_str(), name_key(name), policy_name), &rec)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn get_inline(id: &Identity, op: &str, input: &In) -> Result<Value> {
    let (entity, member) = entity_of(op);
    let (name, policy_name) = (input.req(member), input.req("PolicyName"));
    let rec = id.read(|tx| {
        require_entity(tx, entity, name)?;
        tx.get::<InlinePolicyRec>(kind::INLINE, &format!("{}/{}/{}", entity.as_str(), name_key(name), policy_name))?
            .ok_or_else(|| no_such(&format!("{} policy", entity.as_str()), policy_name))
    })?;
    Ok(json!({ member: name, "PolicyName": rec.policy_name, "PolicyDocument": url_encode(&rec.policy_document) }))
}

pub fn delete_inline(id: &Identity, op: &str, input: &In) -> Result<Value> {
    let (entity, member) = entity_of(op);
    let (name, policy_name) = (input.req(member), input.req("PolicyName"));
    id.write(|tx| {
        require_entity(tx, entity, name)?;
        if !tx.delete(kind::INLINE, &format!("{}/{}/{}", entity.as_str(), name_key(name), policy_name))? {
            return Err(no_such(&format!("{} policy", entity.as_str()), policy_name));
        }
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn list_inline(id: &Identity, op: &str, input: &In) -> Result<Value> {
    let (entity, member) = entity_of(op);
    let name = input.req(member);
    let names = id.read(|tx| {
        require_entity(tx, entity, name)?;
        Ok(tx.list::<InlinePolicyRec>(kind::INLINE, &format!("{}/{}/", entity.as_str(), name_key(name)))?)
    })?;
    page(names.into_iter().map(|(k, r)| (k, r.policy_name)).collect(), input, "PolicyNames")
}
