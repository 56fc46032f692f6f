//! The IAM service: its operations, one file per family, and the input/paging helpers they
//! share.

mod account;
mod certs;
mod groups;
pub(crate) mod keys;
pub(crate) mod policies;
mod profiles;
mod providers;
mod roles;
mod simulate;
mod users;

use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use serde::Serialize;
use serde_json::{json, Map, Value};
use wire::{ApiError, Authorization, BoxFuture, CallContext, Service};

use crate::error::{IamError, Result};
use crate::records::{kind, name_key, Tag};
use crate::Identity;

pub struct IamService {
    pub(crate) id: Arc<Identity>,
}

impl IamService {
    pub fn new(id: Arc<Identity>) -> IamService {
        IamService { id }
    }

    fn dispatch(&self, cx: &CallContext, op: &str, input: &In) -> Result<Value, ApiError> {
        let id = &*self.id;
        let r = match op {
            "CreateUser" => users::create_user(id, input),
            "GetUser" => users::get_user(id, cx, input),
            "ListUsers" => users::list_users(id, input),
            "UpdateUser" => users::update_user(id, input),
            "DeleteUser" => users::delete_user(id, input),
            "TagUser" => users::tag_user(id, input),
            "UntagUser" => users::untag_user(id, input),
            "ListUserTags" => users::list_user_tags(id, input),
            "PutUserPermissionsBoundary" => users::put_boundary(id, input),
            "DeleteUserPermissionsBoundary" => users::delete_boundary(id, input),
            "CreateGroup" => groups::create_group(id, input),
            "GetGroup" => groups::get_group(id, input),
            "ListGroups" => groups::list_groups(id, input),
            "UpdateGroup" => groups::update_group(id, input),
            "DeleteGroup" => groups::delete_group(id, input),
            "AddUserToGroup" => groups::add_user_to_group(id, input),
            "RemoveUserFromGroup" => groups::remove_user_from_group(id, input),
            "ListGroupsForUser" => groups::list_groups_for_user(id, input),
            "CreateRole" => roles::create_role(id, input),
            "GetRole" => roles::get_role(id, input),
            "ListRoles" => roles::list_roles(id, input),
            "UpdateRole" => roles::update_role(id, input),
            "UpdateRoleDescription" => roles::update_role_description(id, input),
            "UpdateAssumeRolePolicy" => roles::update_assume_role_policy(id, input),
            "DeleteRole" => roles::delete_role(id, input),
            "TagRole" => roles::tag_role(id, input),
            "UntagRole" => roles::untag_role(id, input),
            "ListRoleTags" => roles::list_role_tags(id, input),
            "PutRolePermissionsBoundary" => roles::put_boundary(id, input),
            "DeleteRolePermissionsBoundary" => roles::delete_boundary(id, input),
            "CreatePolicy" => policies::create_policy(id, input),
            "GetPolicy" => policies::get_policy(id, input),
            "ListPolicies" => policies::list_policies(id, input),
            "DeletePolicy" => policies::delete_policy(id, input),
            "CreatePolicyVersion" => policies::create_policy_version(id, input),
            "GetPolicyVersion" => policies::get_policy_version(id, input),
            "ListPolicyVersions" => policies::list_policy_versions(id, input),
            "DeletePolicyVersion" => policies::delete_policy_version(id, input),
            "SetDefaultPolicyVersion" => policies::set_default_policy_version(id, input),
            "ListEntitiesForPolicy" => policies::list_entities_for_policy(id, input),
            "AttachUserPolicy" | "AttachGroupPolicy" | "AttachRolePolicy" => policies::attach(id, op, input),
            "DetachUserPolicy" | "DetachGroupPolicy" | "DetachRolePolicy" => policies::detach(id, op, input),
            "ListAttachedUserPolicies" | "ListAttachedGroupPolicies" | "ListAttachedRolePolicies" => {
                policies::list_attached(id, op, input)
            }
            "PutUserPolicy" | "PutGroupPolicy" | "PutRolePolicy" => policies::put_inline(id, op, input),
            "GetUserPolicy" | "GetGroupPolicy" | "GetRolePolicy" => policies::get_inline(id, op, input),
            "DeleteUserPolicy" | "DeleteGroupPolicy" | "DeleteRolePolicy" => policies::delete_inline(id, op, input),
            "ListUserPolicies" | "ListGroupPolicies" | "ListRolePolicies" => policies::list_inline(id, op, input),
            "CreateAccessKey" => keys::create_access_key(id, cx, input),
            "ListAccessKeys" => keys::list_access_keys(id, cx, input),
            "UpdateAccessKey" => keys::update_access_key(id, cx, input),
            "DeleteAccessKey" => keys::delete_access_key(id, cx, input),
            "GetAccessKeyLastUsed" => keys::get_access_key_last_used(id, input),
            "CreateLoginProfile" => keys::create_login_profile(id, input),
            "GetLoginProfile" => keys::get_login_profile(id, input),
            "UpdateLoginProfile" => keys::update_login_profile(id, input),
            "DeleteLoginProfile" => keys::delete_login_profile(id, input),
            "CreateInstanceProfile" => profiles::create_instance_profile(id, input),
            "GetInstanceProfile" => profiles::get_instance_profile(id, input),
            "ListInstanceProfiles" => profiles::list_instance_profiles(id, input),
            "DeleteInstanceProfile" => profiles::delete_instance_profile(id, input),
            "AddRoleToInstanceProfile" => profiles::add_role(id, input),
            "RemoveRoleFromInstanceProfile" => profiles::remove_role(id, input),
            "ListInstanceProfilesForRole" => profiles::list_for_role(id, input),
            "UploadServerCertificate" => certs::upload(id, input),
            "GetServerCertificate" => certs::get(id, input),
            "ListServerCertificates" => certs::list(id, input),
            "DeleteServerCertificate" => certs::delete(id, input),
            "GetAccountSummary" => account::get_account_summary(id),
            "CreateAccountAlias" => account::create_alias(id, input),
            "DeleteAccountAlias" => account::delete_alias(id, input),
            "ListAccountAliases" => account::list_aliases(id),
            "SimulatePrincipalPolicy" => simulate::simulate_principal_policy(id, input),
            "SimulateCustomPolicy" => simulate::simulate_custom_policy(id, input),
            "CreateOpenIDConnectProvider" => providers::create_oidc(id, input),
            "GetOpenIDConnectProvider" => providers::get_oidc(id, input),
            "ListOpenIDConnectProviders" => providers::list_oidc(id),
            "DeleteOpenIDConnectProvider" => providers::delete_oidc(id, input),
            "AddClientIDToOpenIDConnectProvider" => providers::add_client_id(id, input),
            "RemoveClientIDFromOpenIDConnectProvider" => providers::remove_client_id(id, input),
            "UpdateOpenIDConnectProviderThumbprint" => providers::update_thumbprints(id, input),
            "TagOpenIDConnectProvider" => providers::tag_oidc(id, input),
            "UntagOpenIDConnectProvider" => providers::untag_oidc(id, input),
            "ListOpenIDConnectProviderTags" => providers::list_oidc_tags(id, input),
            "CreateSAMLProvider" => providers::create_saml(id, input),
            "GetSAMLProvider" => providers::get_saml(id, input),
            "ListSAMLProviders" => providers::list_saml(id),
            "UpdateSAMLProvider" => providers::update_saml_metadata(id, input),
            "DeleteSAMLProvider" => providers::delete_saml(id, input),
            "TagSAMLProvider" => providers::tag_saml(id, input),
            "UntagSAMLProvider" => providers::untag_saml(id, input),
            "ListSAMLProviderTags" => providers::list_saml_tags(id, input),
            _ => {
                return Err(ApiError::new(
                    501,
                    "NotImplemented",
                    format!("homeground does not implement iam:{op} yet."),
                ))
            }
        };
        r.map_err(ApiError::from)
    }
}

impl Service for IamService {
    fn model_name(&self) -> &'static str {
        "iam"
    }

    fn iam_prefix(&self) -> &'static str {
        "iam"
    }

    fn authorization(&self, op: &str, input: &Value, cx: &CallContext) -> Result<Authorization, ApiError> {
        Ok(Authorization::Resources(vec![resource_for(&self.id, cx, op, &In(input))]))
    }

    fn call<'a>(&'a self, cx: &'a CallContext, op: &'a str, input: Value) -> BoxFuture<'a, Result<Value, ApiError>> {
        Box::pin(async move {
            let input = In(&input);
            if is_read(op) {
                self.dispatch(cx, op, &input)
            } else {
                // Writes wait on an fsync: let the runtime move other work off this thread.
                tokio::task::block_in_place(|| self.dispatch(cx, op, &input))
            }
        })
    }

    fn reset(&self) -> BoxFuture<'_, std::result::Result<(), String>> {
        Box::pin(async move { tokio::task::block_in_place(|| self.id.reset()) })
    }
}

fn is_read(op: &str) -> bool {
    ["Get", "List", "Simulate"].iter().any(|p| op.starts_with(p))
}

/// The resource an IAM action is authorised against, as AWS's service authorisation
/// reference names it for the action.
fn resource_for(id: &Identity, cx: &CallContext, op: &str, input: &In) -> String {
    // Listings are authorised against the path they list (`arn:aws:iam::ACCT:user/`).
    let listed = [
        ("ListUsers", "user"),
        ("ListGroups", "group"),
        ("ListRoles", "role"),
        ("ListPolicies", "policy"),
        ("ListInstanceProfiles", "instance-profile"),
        ("ListServerCertificates", "server-certificate"),
    ];
    if let Some((_, what)) = listed.iter().find(|(o, _)| *o == op) {
        return id.arn(&format!("{what}{}", input.s("PathPrefix").unwrap_or("/")));
    }
    // Calls about "my own" user name the caller when they name no user.
    let self_service = [
        "GetUser",
        "ListAccessKeys",
        "CreateAccessKey",
        "UpdateAccessKey",
        "DeleteAccessKey",
        "GetAccessKeyLastUsed",
        "ListGroupsForUser",
        "GetLoginProfile",
    ];
    if input.s("UserName").is_none() && self_service.contains(&op) && cx.principal.user_name().is_some() {
        return cx.principal.arn.clone();
    }
    let path = input.s("Path").unwrap_or("/");
    let named = |what: &str, key: &str| -> String {
        match input.s(key) {
            Some(name) => id.arn(&format!("{what}{path}{name}")),
            None => "*".to_string(),
        }
    };
    if let Some(arn) = input.s("PolicyArn") {
        if !op.starts_with("Attach") && !op.starts_with("Detach") && !op.contains("PermissionsBoundary") {
            return arn.to_string();
        }
    }
    if op.contains("InstanceProfile") && !op.starts_with("ListInstanceProfilesForRole") {
        return named("instance-profile", "InstanceProfileName");
    }
    // Identity providers: the provider named, or the one a create makes.
    if let Some(arn) = input.s("OpenIDConnectProviderArn").or(input.s("SAMLProviderArn")) {
        return arn.to_string();
    }
    if op == "CreateOpenIDConnectProvider" {
        let host = input.s("Url").unwrap_or_default().trim_start_matches("https://").trim_end_matches('/');
        return id.arn(&format!("oidc-provider/{host}"));
    }
    if op == "CreateSAMLProvider" {
        return id.arn(&format!("saml-provider/{}", input.s("Name").unwrap_or_default()));
    }
    if op.contains("ServerCertificate") {
        return named("server-certificate", "ServerCertificateName");
    }
    if op == "CreatePolicy" {
        return named("policy", "PolicyName");
    }
    if input.s("RoleName").is_some() {
        return existing_arn(id, kind::ROLE, input.s("RoleName")).unwrap_or_else(|| named("role", "RoleName"));
    }
    if input.s("GroupName").is_some() {
        return existing_arn(id, kind::GROUP, input.s("GroupName")).unwrap_or_else(|| named("group", "GroupName"));
    }
    if input.s("UserName").is_some() {
        return existing_arn(id, kind::USER, input.s("UserName")).unwrap_or_else(|| named("user", "UserName"));
    }
    "*".to_string()
}

fn existing_arn(id: &Identity, k: &str, name: Option<&str>) -> Option<String> {
    let name = name?;
    id.read(|tx| Ok(tx.get::<Value>(k, &name_key(name))?))
        .ok()
        .flatten()
        .and_then(|v| v.get("Arn")?.as_str().map(String::from))
}

/// Read access to a validated input.
pub(crate) struct In<'a>(pub &'a Value);

impl<'a> In<'a> {
    pub fn s(&self, k: &str) -> Option<&'a str> {
        self.0.get(k).and_then(Value::as_str)
    }

    /// A member the model marks required (so validation has ensured it).
    pub fn req(&self, k: &str) -> &'a str {
        self.s(k).unwrap_or_default()
    }

    pub fn i(&self, k: &str) -> Option<i64> {
        self.0.get(k).and_then(Value::as_i64)
    }

    pub fn b(&self, k: &str) -> Option<bool> {
        self.0.get(k).and_then(Value::as_bool)
    }

    pub fn strings(&self, k: &str) -> Vec<String> {
        self.0
            .get(k)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
            .unwrap_or_default()
    }

    pub fn tags(&self) -> Result<Vec<Tag>> {
        let tags: Vec<Tag> = match self.0.get("Tags") {
            Some(t) => {
                serde_json::from_value(t.clone()).map_err(|e| IamError::InvalidInput(format!("Invalid tags: {e}")))?
            }
            None => vec![],
        };
        check_tags(&tags)?;
        Ok(tags)
    }
}

pub(crate) fn check_tags(tags: &[Tag]) -> Result<()> {
    if tags.len() > 50 {
        return Err(IamError::LimitExceeded("The number of tags has reached the maximum limit.".into()));
    }
    for (i, t) in tags.iter().enumerate() {
        if tags[..i].iter().any(|o| o.key.eq_ignore_ascii_case(&t.key)) {
            return Err(IamError::InvalidInput(
                "Duplicate tag keys found. Please note that Tag keys are case insensitive.".into(),
            ));
        }
    }
    Ok(())
}

/// Merge `add` into `tags`, replacing values of keys already there (case-insensitively).
pub(crate) fn merge_tags(tags: &mut Vec<Tag>, add: Vec<Tag>) -> Result<()> {
    for t in add {
        match tags.iter_mut().find(|o| o.key.eq_ignore_ascii_case(&t.key)) {
            Some(o) => *o = t,
            None => tags.push(t),
        }
    }
    check_tags(tags)
}

/// One page of a listing: `Marker` is opaque (the next key, base64), `MaxItems` 1–1000,
/// default 100.
pub(crate) fn page<T: Serialize>(items: Vec<(String, T)>, input: &In, member: &str) -> Result<Value> {
    let max = input.i("MaxItems").unwrap_or(100).clamp(1, 1000) as usize;
    let start = match input.s("Marker") {
        Some(m) => {
            let key = B64
                .decode(m)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| IamError::InvalidInput("Invalid Marker.".into()))?;
            items.iter().position(|(k, _)| *k >= key).unwrap_or(items.len())
        }
        None => 0,
    };
    let rest = &items[start..];
    let truncated = rest.len() > max;
    let mut out = Map::new();
    out.insert(
        member.into(),
        serde_json::to_value(rest.iter().take(max).map(|(_, v)| v).collect::<Vec<_>>()).unwrap_or_default(),
    );
    out.insert("IsTruncated".into(), json!(truncated));
    if truncated {
        out.insert("Marker".into(), json!(B64.encode(rest[max].0.as_bytes())));
    }
    Ok(Value::Object(out))
}

/// Paths begin and end with '/'.
pub(crate) fn check_path(path: &str) -> Result<()> {
    if !path.starts_with('/') || !path.ends_with('/') {
        return Err(IamError::Validation("The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.".into()));
    }
    Ok(())
}

/// Documents are returned URL-encoded, as AWS returns them.
pub(crate) fn url_encode(doc: &str) -> String {
    percent_encoding::utf8_percent_encode(doc, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Parse and validate a customer managed policy (CreatePolicy, CreatePolicyVersion): an
/// identity-based policy that must also be of the current grammar version. As IAM answers, a
/// document that is JSON but has no Version or "2008-10-17" fails on that before anything else
/// in it is checked.
pub(crate) fn managed_policy(doc: &str) -> Result<()> {
    if let Ok(Value::Object(top)) = serde_json::from_str::<Value>(doc) {
        if matches!(top.get("Version").and_then(Value::as_str), None | Some("2008-10-17")) {
            return Err(IamError::MalformedPolicyDocument(
                "Policy document must be version 2012-10-17 or greater.".into(),
            ));
        }
    }
    identity_policy(doc)
}

/// Parse and validate an identity-based policy for storage.
pub(crate) fn identity_policy(doc: &str) -> Result<()> {
    let d =
        policy::PolicyDocument::parse_identity(doc).map_err(|e| IamError::MalformedPolicyDocument(e.to_string()))?;
    d.validate_identity_policy().map_err(|e| IamError::MalformedPolicyDocument(e.to_string()))
}

pub(crate) fn trust_policy(doc: &str) -> Result<()> {
    let d = policy::PolicyDocument::parse(doc).map_err(|e| IamError::MalformedPolicyDocument(e.to_string()))?;
    d.validate_trust_policy().map_err(|e| IamError::MalformedPolicyDocument(e.to_string()))
}

pub(crate) fn no_such(what: &str, name: &str) -> IamError {
    IamError::NoSuchEntity(format!("The {what} with name {name} cannot be found."))
}

pub(crate) fn exists(what: &str, name: &str) -> IamError {
    IamError::EntityAlreadyExists(format!("{what} with name {name} already exists."))
}
