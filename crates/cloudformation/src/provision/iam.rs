//! AWS::IAM::{Group, User}.

use serde::Serialize;
use serde_json::Value;

use super::{gone, Created, Cx, Props};
use crate::Peer;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateEntity {
    #[serde(skip_serializing_if = "Option::is_none")]
    group_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct EntityPolicy<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    group_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    policy_arn: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    policy_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    policy_document: Option<String>,
}

/// A user or a group: the name member its operations take.
#[derive(Clone, Copy)]
enum Entity<'a> {
    Group(&'a str),
    User(&'a str),
    Role(&'a str),
}

impl<'a> Entity<'a> {
    fn policy(self) -> EntityPolicy<'a> {
        let (group_name, user_name, role_name) = match self {
            Entity::Group(g) => (Some(g), None, None),
            Entity::User(u) => (None, Some(u), None),
            Entity::Role(r) => (None, None, Some(r)),
        };
        EntityPolicy { group_name, user_name, role_name, policy_arn: None, policy_name: None, policy_document: None }
    }

    /// `<verb><Group|User|Role>Policy`: AttachGroupPolicy, PutRolePolicy …
    fn op(self, verb: &str) -> String {
        let who = match self {
            Entity::Group(_) => "Group",
            Entity::User(_) => "User",
            Entity::Role(_) => "Role",
        };
        format!("{verb}{who}Policy")
    }
}

/// Managed policies attached and inline policies put, as the template lists them.
async fn policies(cx: &Cx, p: Props<'_>, e: Entity<'_>) -> Result<(), String> {
    for arn in p.strings("ManagedPolicyArns") {
        let input = EntityPolicy { policy_arn: Some(&arn), ..e.policy() };
        cx.call(Peer::Iam, &e.op("Attach"), &input).await?;
    }
    for pol in p.objects("Policies") {
        let name = pol.req("PolicyName")?;
        let doc = document(pol, "PolicyDocument")?;
        let input = EntityPolicy { policy_name: Some(&name), policy_document: Some(doc), ..e.policy() };
        cx.call(Peer::Iam, &e.op("Put"), &input).await?;
    }
    Ok(())
}

async fn drop_policies(cx: &Cx, p: Props<'_>, e: Entity<'_>) -> Result<(), String> {
    for arn in p.strings("ManagedPolicyArns") {
        let input = EntityPolicy { policy_arn: Some(&arn), ..e.policy() };
        gone(cx.call(Peer::Iam, &e.op("Detach"), &input).await)?;
    }
    for pol in p.objects("Policies") {
        let name = pol.req("PolicyName")?;
        let input = EntityPolicy { policy_name: Some(&name), ..e.policy() };
        gone(cx.call(Peer::Iam, &e.op("Delete"), &input).await)?;
    }
    Ok(())
}

fn arn_of(out: &Value, pointer: &str) -> Value {
    out.pointer(pointer).cloned().unwrap_or(Value::Null)
}

pub async fn create_group(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let name = p.str("GroupName").unwrap_or_else(|| cx.generated_name(128));
    let input = CreateEntity { group_name: Some(name.clone()), user_name: None, path: p.str("Path") };
    let out = cx.call(Peer::Iam, "CreateGroup", &input).await?;
    if let Err(e) = policies(cx, p, Entity::Group(&name)).await {
        let _ = delete_group(cx, p, &name).await;
        return Err(e);
    }
    Ok(Created::id(name).attr("Arn", arn_of(&out, "/Group/Arn")))
}

pub async fn delete_group(cx: &Cx, p: Props<'_>, name: &str) -> Result<(), String> {
    drop_policies(cx, p, Entity::Group(name)).await?;
    let input = CreateEntity { group_name: Some(name.into()), user_name: None, path: None };
    gone(cx.call(Peer::Iam, "DeleteGroup", &input).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Membership<'a> {
    group_name: &'a str,
    user_name: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct LoginProfile<'a> {
    user_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    password_reset_required: Option<bool>,
}

pub async fn create_user(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let name = p.str("UserName").unwrap_or_else(|| cx.generated_name(64));
    let input = CreateEntity { group_name: None, user_name: Some(name.clone()), path: p.str("Path") };
    let out = cx.call(Peer::Iam, "CreateUser", &input).await?;
    let rest = async {
        for g in p.strings("Groups") {
            cx.call(Peer::Iam, "AddUserToGroup", &Membership { group_name: &g, user_name: &name }).await?;
        }
        policies(cx, p, Entity::User(&name)).await?;
        if let Some(lp) = p.get("LoginProfile") {
            let lp = Props(lp);
            let input = LoginProfile {
                user_name: &name,
                password: lp.str("Password"),
                password_reset_required: lp.bool("PasswordResetRequired")?,
            };
            cx.call(Peer::Iam, "CreateLoginProfile", &input).await?;
        }
        Ok::<(), String>(())
    };
    if let Err(e) = rest.await {
        let _ = delete_user(cx, p, &name).await;
        return Err(e);
    }
    Ok(Created::id(name).attr("Arn", arn_of(&out, "/User/Arn")))
}

pub async fn delete_user(cx: &Cx, p: Props<'_>, name: &str) -> Result<(), String> {
    for g in p.strings("Groups") {
        gone(cx.call(Peer::Iam, "RemoveUserFromGroup", &Membership { group_name: &g, user_name: name }).await)?;
    }
    drop_policies(cx, p, Entity::User(name)).await?;
    if p.get("LoginProfile").is_some() {
        let input = LoginProfile { user_name: name, password: None, password_reset_required: None };
        gone(cx.call(Peer::Iam, "DeleteLoginProfile", &input).await)?;
    }
    let input = CreateEntity { group_name: None, user_name: Some(name.into()), path: None };
    gone(cx.call(Peer::Iam, "DeleteUser", &input).await)
}

/// A policy document property as IAM takes it: JSON text.
fn document(p: Props<'_>, k: &str) -> Result<String, String> {
    match p.get(k) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(v) => Ok(v.to_string()),
        None => Err(format!("Property {k} cannot be empty.")),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateRole {
    role_name: String,
    assume_role_policy_document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_session_duration: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    permissions_boundary: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RoleName<'a> {
    role_name: &'a str,
}

pub async fn create_role(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateRole {
        role_name: p.str("RoleName").unwrap_or_else(|| cx.generated_name(64)),
        assume_role_policy_document: document(p, "AssumeRolePolicyDocument")?,
        path: p.str("Path"),
        description: p.str("Description"),
        max_session_duration: p.int("MaxSessionDuration")?,
        permissions_boundary: p.str("PermissionsBoundary"),
    };
    let out = cx.call(Peer::Iam, "CreateRole", &input).await?;
    let name = input.role_name.clone();
    if let Err(e) = policies(cx, p, Entity::Role(&name)).await {
        let _ = delete_role(cx, p, &name).await;
        return Err(e);
    }
    Ok(Created::id(name).attr("Arn", arn_of(&out, "/Role/Arn")).attr("RoleId", arn_of(&out, "/Role/RoleId")))
}

pub async fn delete_role(cx: &Cx, p: Props<'_>, name: &str) -> Result<(), String> {
    drop_policies(cx, p, Entity::Role(name)).await?;
    gone(cx.call(Peer::Iam, "DeleteRole", &RoleName { role_name: name }).await)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct InstanceProfile<'a> {
    instance_profile_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_name: Option<&'a str>,
}

pub async fn create_instance_profile(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let name = p.str("InstanceProfileName").unwrap_or_else(|| cx.generated_name(128));
    let out = cx
        .call(
            Peer::Iam,
            "CreateInstanceProfile",
            &InstanceProfile { instance_profile_name: &name, path: p.str("Path"), role_name: None },
        )
        .await?;
    for role in p.strings("Roles") {
        let input = InstanceProfile { instance_profile_name: &name, path: None, role_name: Some(&role) };
        if let Err(e) = cx.call(Peer::Iam, "AddRoleToInstanceProfile", &input).await {
            let _ = delete_instance_profile(cx, p, &name).await;
            return Err(e);
        }
    }
    Ok(Created::id(name).attr("Arn", arn_of(&out, "/InstanceProfile/Arn")))
}

pub async fn delete_instance_profile(cx: &Cx, p: Props<'_>, name: &str) -> Result<(), String> {
    for role in p.strings("Roles") {
        let input = InstanceProfile { instance_profile_name: name, path: None, role_name: Some(&role) };
        gone(cx.call(Peer::Iam, "RemoveRoleFromInstanceProfile", &input).await)?;
    }
    let input = InstanceProfile { instance_profile_name: name, path: None, role_name: None };
    gone(cx.call(Peer::Iam, "DeleteInstanceProfile", &input).await)
}

/// The users, groups and roles a policy resource names.
fn targets(p: Props<'_>) -> Vec<(String, char)> {
    let mut out: Vec<(String, char)> = Vec::new();
    out.extend(p.strings("Users").into_iter().map(|n| (n, 'u')));
    out.extend(p.strings("Groups").into_iter().map(|n| (n, 'g')));
    out.extend(p.strings("Roles").into_iter().map(|n| (n, 'r')));
    out
}

fn entity(name: &str, which: char) -> Entity<'_> {
    match which {
        'u' => Entity::User(name),
        'g' => Entity::Group(name),
        _ => Entity::Role(name),
    }
}

/// AWS::IAM::Policy: an inline policy put on each user, group and role it names.
pub async fn create_policy(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let name = p.req("PolicyName")?;
    let doc = document(p, "PolicyDocument")?;
    for (who, which) in targets(p) {
        let e = entity(&who, which);
        let input = EntityPolicy { policy_name: Some(&name), policy_document: Some(doc.clone()), ..e.policy() };
        if let Err(err) = cx.call(Peer::Iam, &e.op("Put"), &input).await {
            let _ = delete_policy(cx, p).await;
            return Err(err);
        }
    }
    Ok(Created::id(cx.generated_name(128)))
}

pub async fn delete_policy(cx: &Cx, p: Props<'_>) -> Result<(), String> {
    let name = p.req("PolicyName")?;
    for (who, which) in targets(p) {
        let e = entity(&who, which);
        let input = EntityPolicy { policy_name: Some(&name), ..e.policy() };
        gone(cx.call(Peer::Iam, &e.op("Delete"), &input).await)?;
    }
    Ok(())
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateManagedPolicy {
    policy_name: String,
    policy_document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

/// AWS::IAM::ManagedPolicy: a customer managed policy, attached to whom it names.
pub async fn create_managed_policy(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let input = CreateManagedPolicy {
        policy_name: p.str("ManagedPolicyName").unwrap_or_else(|| cx.generated_name(128)),
        policy_document: document(p, "PolicyDocument")?,
        path: p.str("Path"),
        description: p.str("Description"),
    };
    let out = cx.call(Peer::Iam, "CreatePolicy", &input).await?;
    let arn = out.pointer("/Policy/Arn").and_then(Value::as_str).ok_or("CreatePolicy answered no Arn")?.to_string();
    for (who, which) in targets(p) {
        let e = entity(&who, which);
        let attach = EntityPolicy { policy_arn: Some(&arn), ..e.policy() };
        if let Err(err) = cx.call(Peer::Iam, &e.op("Attach"), &attach).await {
            let _ = delete_managed_policy(cx, p, &arn).await;
            return Err(err);
        }
    }
    Ok(Created::id(arn.clone()).attr("PolicyArn", arn))
}

pub async fn delete_managed_policy(cx: &Cx, p: Props<'_>, arn: &str) -> Result<(), String> {
    for (who, which) in targets(p) {
        let e = entity(&who, which);
        let input = EntityPolicy { policy_arn: Some(arn), ..e.policy() };
        gone(cx.call(Peer::Iam, &e.op("Detach"), &input).await)?;
    }
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct PolicyArn<'a> {
        policy_arn: &'a str,
    }
    gone(cx.call(Peer::Iam, "DeletePolicy", &PolicyArn { policy_arn: arn }).await)
}

/// AWS::IAM::UserToGroupAddition.
pub async fn add_users_to_group(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let group = p.req("GroupName")?;
    for u in p.strings("Users") {
        cx.call(Peer::Iam, "AddUserToGroup", &Membership { group_name: &group, user_name: &u }).await?;
    }
    Ok(Created::id(cx.generated_name(128)))
}

pub async fn remove_users_from_group(cx: &Cx, p: Props<'_>) -> Result<(), String> {
    let group = p.req("GroupName")?;
    for u in p.strings("Users") {
        gone(cx.call(Peer::Iam, "RemoveUserFromGroup", &Membership { group_name: &group, user_name: &u }).await)?;
    }
    Ok(())
}
