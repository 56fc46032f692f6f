//! The authoriser: gathers a principal's policies (its own, its groups', its boundary, its
//! session's), builds the request's condition keys and asks the policy engine. Parsed policies
//! are cached per principal until the next IAM write.

use std::sync::Arc;

use policy::{ContextKeys, Decision, PolicyDocument, RequestContext};
use wire::{ApiError, CallContext, Check, Principal, PrincipalKind};

use crate::auth::ResolvedCredential;
use crate::error::Result;
use crate::ops::policies;
use crate::records::{kind, name_key, Boundary, InlinePolicyRec, RoleRec, UserRec};
use crate::Identity;

/// The policies that decide for one principal.
#[derive(Default)]
pub struct PolicyBundle {
    pub identity: Vec<(String, PolicyDocument)>,
    pub boundary: Option<Vec<(String, PolicyDocument)>>,
}

/// Which IAM entity a principal's permissions come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    User,
    Group,
    Role,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::User => "user",
            Entity::Group => "group",
            Entity::Role => "role",
        }
    }
}

impl Identity {
    /// The policies of an IAM user (with its groups') or role, parsed.
    pub(crate) fn bundle_for(&self, entity: Entity, name: &str) -> Result<Arc<PolicyBundle>> {
        let generation = self.generation();
        let key = format!("{}/{}", entity.as_str(), name_key(name));
        {
            let cache = self.bundles.read().unwrap_or_else(|e| e.into_inner());
            if cache.0 == generation {
                if let Some(b) = cache.1.get(&key) {
                    return Ok(b.clone());
                }
            }
        }
        let bundle = Arc::new(self.read(|tx| load_bundle(tx, entity, name))?);
        let mut cache = self.bundles.write().unwrap_or_else(|e| e.into_inner());
        if cache.0 != generation {
            *cache = (generation, Default::default());
        }
        cache.1.insert(key, bundle.clone());
        Ok(bundle)
    }

    /// Decide whether the caller may perform `action` on every resource; AccessDenied worded
    /// as AWS words it otherwise.
    pub fn authorize(
        &self,
        cred: &ResolvedCredential,
        cx: &CallContext,
        action: &str,
        resources: &[String],
    ) -> Result<(), ApiError> {
        let checks: Vec<Check> = resources.iter().map(|r| Check::new(action, r.as_str())).collect();
        self.authorize_checks(cred, cx, &checks)
    }

    /// Decide every check (an action on a resource, with the condition keys the request and the
    /// resource add); the first refused one answers AccessDenied worded as AWS words it.
    pub fn authorize_checks(
        &self,
        cred: &ResolvedCredential,
        cx: &CallContext,
        checks: &[Check],
    ) -> Result<(), ApiError> {
        let p = &cred.principal;
        let bundle = match &p.kind {
            // The root may do anything in its account.
            PrincipalKind::Root | PrincipalKind::FederatedSession { user: None } => return Ok(()),
            PrincipalKind::User { name } | PrincipalKind::FederatedSession { user: Some(name) } => {
                self.bundle_for(Entity::User, name)
            }
            PrincipalKind::AssumedRole { role_name, .. } => self.bundle_for(Entity::Role, role_name),
        }
        .map_err(ApiError::from)?;
        let global = self.context_keys(cred, cx);
        for c in checks {
            let action = c.action.as_str();
            // Session-token credentials of a user cannot call IAM without MFA (GetSessionToken docs).
            if matches!(p.kind, PrincipalKind::FederatedSession { .. })
                && action.starts_with("iam:")
                && action != "iam:PassRole"
            {
                return Err(ApiError::access_denied(format!(
                    "User: {} is not authorized to perform: {action} because no session policy allows the {action} action",
                    p.arn
                )));
            }
            let outcome = if c.keys.is_empty() {
                check(&bundle, cred, p, action, &c.resource, &global)
            } else {
                let mut keys = global.clone();
                for (k, v) in &c.keys {
                    keys.set_many(k, v.clone());
                }
                check(&bundle, cred, p, action, &c.resource, &keys)
            };
            if let Err(reason) = outcome {
                return Err(ApiError::access_denied(format!(
                    "User: {} is not authorized to perform: {action} on resource: {} {reason}",
                    p.arn, c.resource
                )));
            }
        }
        Ok(())
    }

    /// The global condition keys of a request.
    pub(crate) fn context_keys(&self, cred: &ResolvedCredential, cx: &CallContext) -> ContextKeys {
        let p = &cred.principal;
        let now = self.now();
        let mut keys = ContextKeys::new();
        keys.set("aws:SourceIp", cx.source_ip.to_string());
        keys.set("aws:CurrentTime", wire::timestamp::format_iso8601(now.floor()));
        keys.set("aws:EpochTime", format!("{}", now.floor() as i64));
        keys.set("aws:RequestedRegion", cx.region.clone());
        keys.set("aws:SecureTransport", cx.secure_transport.to_string());
        keys.set("aws:PrincipalArn", principal_arn_for_conditions(p));
        keys.set("aws:PrincipalAccount", p.account.clone());
        keys.set("aws:userid", p.user_id.clone());
        match &p.kind {
            PrincipalKind::User { name } | PrincipalKind::FederatedSession { user: Some(name) } => {
                keys.set("aws:username", name.clone());
                keys.set("aws:PrincipalType", "User");
            }
            PrincipalKind::AssumedRole { .. } => keys.set("aws:PrincipalType", "AssumedRole"),
            _ => keys.set("aws:PrincipalType", "Account"),
        }
        for (k, v) in &p.tags {
            keys.set(&format!("aws:PrincipalTag/{k}"), v.clone());
        }
        if let Some(s) = &cred.session {
            // Temporary credentials say whether MFA was used; long-term keys leave it absent.
            keys.set("aws:MultiFactorAuthPresent", "false");
            keys.set("aws:TokenIssueTime", wire::timestamp::format_iso8601(s.issued));
        }
        keys
    }
}

fn principal_arn_for_conditions(p: &Principal) -> String {
    match &p.kind {
        PrincipalKind::AssumedRole { role_arn, .. } => role_arn.clone(),
        _ => p.arn.clone(),
    }
}

/// Ok, or the "because …" tail of the AccessDenied message.
fn check(
    bundle: &PolicyBundle,
    cred: &ResolvedCredential,
    p: &Principal,
    action: &str,
    resource: &str,
    keys: &ContextKeys,
) -> Result<(), String> {
    let identity: Vec<(&str, &PolicyDocument)> = bundle.identity.iter().map(|(l, d)| (l.as_str(), d)).collect();
    let boundary: Option<Vec<(&str, &PolicyDocument)>> =
        bundle.boundary.as_ref().map(|b| b.iter().map(|(l, d)| (l.as_str(), d)).collect());
    let mut ctx = RequestContext::new(action, resource, keys);
    ctx.principal_arn = &p.arn;
    let outcome = policy::authorize(&identity, boundary.as_deref(), None, &ctx);
    if let Some(reason) = outcome.reason.as_ref().filter(|_| !outcome.is_allowed()) {
        return Err(reason.because_clause(action));
    }
    if let Some(session) = &cred.session {
        if !session.session_policies.is_empty() {
            let set: Vec<(&str, &PolicyDocument)> =
                session.session_policies.iter().map(|(l, d)| (l.as_str(), d)).collect();
            match policy::evaluate_policy_set(&set, &ctx).0 {
                Decision::Allow => {}
                Decision::ExplicitDeny => return Err("with an explicit deny in a session policy".into()),
                Decision::ImplicitDeny => return Err(format!("because no session policy allows the {action} action")),
            }
        }
    }
    Ok(())
}

fn parse_labeled(out: &mut Vec<(String, PolicyDocument)>, label: String, doc: &str) {
    match PolicyDocument::parse(doc) {
        Ok(d) => out.push((label, d)),
        // Documents are validated when stored; one that no longer parses grants nothing.
        Err(e) => tracing::warn!(policy = %label, error = %e, "stored policy does not parse; ignored"),
    }
}

fn attached_and_inline(
    tx: &store::Tx,
    entity: Entity,
    name: &str,
    out: &mut Vec<(String, PolicyDocument)>,
) -> Result<()> {
    let prefix = format!("{}/{}/", entity.as_str(), name_key(name));
    for (_, rec) in tx.list::<InlinePolicyRec>(kind::INLINE, &prefix)? {
        parse_labeled(out, format!("inline:{}", rec.policy_name), &rec.policy_document);
    }
    for (key, ()) in tx.list::<()>(kind::ATTACHED, &prefix)? {
        let arn = &key[prefix.len()..];
        if let Some(doc) = policies::default_document(tx, arn)? {
            parse_labeled(out, arn.to_string(), &doc);
        }
    }
    Ok(())
}

fn boundary_set(tx: &store::Tx, boundary: &Option<Boundary>) -> Result<Option<Vec<(String, PolicyDocument)>>> {
    let Some(b) = boundary else { return Ok(None) };
    let mut out = Vec::new();
    if let Some(doc) = policies::default_document(tx, &b.permissions_boundary_arn)? {
        parse_labeled(&mut out, b.permissions_boundary_arn.clone(), &doc);
    }
    Ok(Some(out))
}

pub(crate) fn load_bundle(tx: &store::Tx, entity: Entity, name: &str) -> Result<PolicyBundle> {
    let mut bundle = PolicyBundle::default();
    match entity {
        Entity::User => {
            let Some(user) = tx.get::<UserRec>(kind::USER, &name_key(name))? else { return Ok(bundle) };
            attached_and_inline(tx, Entity::User, name, &mut bundle.identity)?;
            for (key, ()) in tx.list::<()>(kind::USER_GROUP, &format!("{}/", name_key(name)))? {
                let group = key.split_once('/').map(|(_, g)| g).unwrap_or_default();
                attached_and_inline(tx, Entity::Group, group, &mut bundle.identity)?;
            }
            bundle.boundary = boundary_set(tx, &user.permissions_boundary)?;
        }
        Entity::Role => {
            let Some(role) = tx.get::<RoleRec>(kind::ROLE, &name_key(name))? else { return Ok(bundle) };
            attached_and_inline(tx, Entity::Role, name, &mut bundle.identity)?;
            bundle.boundary = boundary_set(tx, &role.permissions_boundary)?;
        }
        Entity::Group => attached_and_inline(tx, Entity::Group, name, &mut bundle.identity)?,
    }
    Ok(bundle)
}

/// The gateway's [`wire::Authorizer`] for one caller: checks an operation finds it needs while
/// it runs are decided over the same policies as the request's own.
pub struct CallerAuthorizer {
    pub identity: Arc<Identity>,
    pub cred: Arc<ResolvedCredential>,
}

impl wire::Authorizer for CallerAuthorizer {
    fn authorize(&self, cx: &CallContext, checks: &[Check]) -> std::result::Result<(), ApiError> {
        self.identity.authorize_checks(&self.cred, cx, checks)
    }
}
