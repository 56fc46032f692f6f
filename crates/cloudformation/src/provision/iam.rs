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
}

impl<'a> Entity<'a> {
    fn policy(self) -> EntityPolicy<'a> {
        let (group_name, user_name) = match self {
            Entity::Group(g) => (Some(g), None),
            Entity::User(u) => (None, Some(u)),
        };
        EntityPolicy { group_name, user_name, policy_arn: None, policy_name: None, policy_document: None }
    }

    fn op(self, group_op: &'static str, user_op: &'static str) -> &'static str {
        match self {
            Entity::Group(_) => group_op,
            Entity::User(_) => user_op,
        }
    }
}

/// Managed policies attached and inline policies put, as the template lists them.
async fn policies(cx: &Cx, p: Props<'_>, e: Entity<'_>) -> Result<(), String> {
    for arn in p.strings("ManagedPolicyArns") {
        let input = EntityPolicy { policy_arn: Some(&arn), ..e.policy() };
        cx.call(Peer::Iam, e.op("AttachGroupPolicy", "AttachUserPolicy"), &input).await?;
    }
    for pol in p.objects("Policies") {
        let name = pol.req("PolicyName")?;
        let doc = match pol.get("PolicyDocument") {
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
            None => return Err("Property PolicyDocument cannot be empty.".into()),
        };
        let input = EntityPolicy { policy_name: Some(&name), policy_document: Some(doc), ..e.policy() };
        cx.call(Peer::Iam, e.op("PutGroupPolicy", "PutUserPolicy"), &input).await?;
    }
    Ok(())
}

async fn drop_policies(cx: &Cx, p: Props<'_>, e: Entity<'_>) -> Result<(), String> {
    for arn in p.strings("ManagedPolicyArns") {
        let input = EntityPolicy { policy_arn: Some(&arn), ..e.policy() };
        gone(cx.call(Peer::Iam, e.op("DetachGroupPolicy", "DetachUserPolicy"), &input).await)?;
    }
    for pol in p.objects("Policies") {
        let name = pol.req("PolicyName")?;
        let input = EntityPolicy { policy_name: Some(&name), ..e.policy() };
        gone(cx.call(Peer::Iam, e.op("DeleteGroupPolicy", "DeleteUserPolicy"), &input).await)?;
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
