//! STS: who am I, and temporary credentials (AssumeRole, GetSessionToken) that really expire.

use std::sync::Arc;

use api::sts::{
    AssumeRoleRequest, AssumeRoleResponse, AssumedRoleUser, Credentials, GetAccessKeyInfoResponse,
    GetCallerIdentityResponse, GetSessionTokenRequest, GetSessionTokenResponse, Operation,
};
use policy::{PolicyDocument, RequestContext};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use wire::typed::output;
use wire::{ApiError, Authorization, BoxFuture, CallContext, PrincipalKind, Service};

use crate::authorize::Entity;
use crate::error::{IamError, Result};
use crate::ids;
use crate::records::{kind, name_key, RoleRec, SessionRec, SessionSource};
use crate::Identity;

pub struct StsService {
    id: Arc<Identity>,
}

impl StsService {
    pub fn new(id: Arc<Identity>) -> StsService {
        StsService { id }
    }
}

impl Service for StsService {
    fn model_name(&self) -> &'static str {
        "sts"
    }

    fn iam_prefix(&self) -> &'static str {
        "sts"
    }

    fn authorization(&self, op: &str, input: &Value, _cx: &CallContext) -> Result<Authorization, ApiError> {
        let Some(op) = Operation::parse(op, input.clone())? else {
            return Ok(Authorization::Resources(vec!["*".into()]));
        };
        Ok(match op {
            // No permission is needed to ask who you are (AWS: even an explicit deny cannot stop it).
            Operation::GetCallerIdentity(_) | Operation::GetSessionToken(_) | Operation::GetAccessKeyInfo(_) => {
                Authorization::NotRequired
            }
            // AssumeRole weighs the caller's policies and the role's trust policy together.
            Operation::AssumeRole(_) => Authorization::NotRequired,
        })
    }

    fn call<'a>(&'a self, cx: &'a CallContext, op: &'a str, input: Value) -> BoxFuture<'a, Result<Value, ApiError>> {
        Box::pin(async move {
            let Some(call) = Operation::parse(op, input)? else {
                return Err(ApiError::new(
                    501,
                    "NotImplemented",
                    format!("homeground does not implement sts:{op} yet."),
                ));
            };
            let id = &*self.id;
            let out = match call {
                Operation::GetCallerIdentity(_) => Ok(output(&GetCallerIdentityResponse {
                    user_id: Some(cx.principal.user_id.clone()),
                    account: Some(cx.principal.account.clone()),
                    arn: Some(cx.principal.arn.clone()),
                })),
                Operation::GetAccessKeyInfo(_) => {
                    Ok(output(&GetAccessKeyInfoResponse { account: Some(id.account.clone()) }))
                }
                Operation::AssumeRole(i) => tokio::task::block_in_place(|| assume_role(id, cx, i)).map(|o| output(&o)),
                Operation::GetSessionToken(i) => {
                    tokio::task::block_in_place(|| get_session_token(id, cx, i)).map(|o| output(&o))
                }
            };
            out.map_err(ApiError::from)
        })
    }
}

/// How long a session lasts: as asked, within the allowed range, under the operator's cap.
fn lifetime(id: &Identity, asked: Option<i64>, default: i64, max: i64, what: &str) -> Result<f64> {
    let d = asked.unwrap_or(default);
    if d < 900 || d > max {
        return Err(IamError::Validation(format!(
            "The requested DurationSeconds exceeds the {what} set for this role."
        ))
        .or_range(d, max));
    }
    let capped = id.config.session_duration_cap.map_or(d, |c| d.min(c as i64));
    Ok(capped as f64)
}

impl IamError {
    fn or_range(self, d: i64, max: i64) -> IamError {
        if d < 900 {
            IamError::Validation(format!(
                "1 validation error detected: Value '{d}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"
            ))
        } else {
            let _ = max;
            self
        }
    }
}

pub(crate) struct Issued {
    pub(crate) access_key_id: String,
    pub(crate) secret: String,
    pub(crate) token: String,
    pub(crate) expiration: f64,
}

pub(crate) fn issue(
    id: &Identity,
    tx: &store::Tx,
    duration: f64,
    source: SessionSource,
    policy: Option<String>,
    arns: Vec<String>,
) -> Result<Issued> {
    let now = id.now();
    let issued = Issued {
        access_key_id: ids::access_key_id(true),
        secret: ids::secret_access_key(),
        token: ids::session_token(),
        expiration: (now + duration).floor(),
    };
    let rec = SessionRec {
        access_key_id: issued.access_key_id.clone(),
        sealed_secret: id.sealer.seal(&issued.secret),
        token_sha256: hex::encode(Sha256::digest(issued.token.as_bytes())),
        expiration: issued.expiration,
        issued: now,
        source,
        session_policy: policy,
        session_policy_arns: arns,
    };
    // Sessions long expired are swept as new ones are issued.
    for (k, old) in tx.list::<SessionRec>(kind::SESSION, "")? {
        if old.expiration + 86_400.0 < now {
            tx.delete(kind::SESSION, &k)?;
        }
    }
    tx.put(kind::SESSION, &rec.access_key_id, &rec)?;
    Ok(issued)
}

fn credentials(i: Issued) -> Credentials {
    Credentials {
        access_key_id: i.access_key_id,
        secret_access_key: i.secret,
        session_token: i.token,
        expiration: i.expiration,
    }
}

fn assume_role(id: &Identity, cx: &CallContext, input: AssumeRoleRequest) -> Result<AssumeRoleResponse> {
    let p = &cx.principal;
    let role_arn = input.role_arn.as_str();
    let session = input.role_session_name.as_str();
    let denied = || {
        IamError::AccessDenied(format!(
            "User: {} is not authorized to perform: sts:AssumeRole on resource: {role_arn}",
            p.arn
        ))
    };
    if p.is_root() {
        return Err(IamError::AccessDenied("Roles may not be assumed by root accounts.".into()));
    }
    let role_name = role_arn.rsplit('/').next().unwrap_or_default();
    let role = id
        .read(|tx| Ok(tx.get::<RoleRec>(kind::ROLE, &name_key(role_name))?))?
        .filter(|r| r.arn == role_arn)
        .ok_or_else(denied)?;
    let trust = PolicyDocument::parse(&role.assume_role_policy_document).map_err(|_| denied())?;
    // The caller's own permissions.
    let bundle = match &p.kind {
        PrincipalKind::User { name } => id.bundle_for(Entity::User, name)?,
        PrincipalKind::AssumedRole { role_name, .. } => id.bundle_for(Entity::Role, role_name)?,
        _ => {
            return Err(IamError::AccessDenied(
                "Cannot call AssumeRole with session credentials from GetSessionToken.".into(),
            ))
        }
    };
    let cred =
        crate::auth::ResolvedCredential { secret_access_key: String::new(), principal: p.clone(), session: None };
    let mut keys = id.context_keys(&cred, cx);
    if let Some(ext) = input.external_id.as_deref() {
        keys.set("sts:ExternalId", ext);
    }
    keys.set("sts:RoleSessionName", session);
    let root = format!("arn:aws:iam::{}:root", id.account);
    let mut aliases = vec![root.as_str()];
    if let PrincipalKind::AssumedRole { role_arn, .. } = &p.kind {
        aliases.push(role_arn.as_str());
    }
    let mut ctx = RequestContext::new("sts:AssumeRole", role_arn, &keys);
    ctx.principal_arn = &p.arn;
    ctx.principal_aliases = &aliases;
    let identity: Vec<(&str, &PolicyDocument)> = bundle.identity.iter().map(|(l, d)| (l.as_str(), d)).collect();
    let boundary: Option<Vec<(&str, &PolicyDocument)>> =
        bundle.boundary.as_ref().map(|b| b.iter().map(|(l, d)| (l.as_str(), d)).collect());
    let trust_set = [("trust", &trust)];
    if !policy::authorize_assume_role(&identity, boundary.as_deref(), &trust_set, &ctx).is_allowed() {
        return Err(denied());
    }
    let session_policy = input.policy.clone();
    if let Some(doc) = &session_policy {
        PolicyDocument::parse(doc).map_err(|e| IamError::MalformedPolicyDocument(e.to_string()))?;
    }
    let arns: Vec<String> = input.policy_arns.unwrap_or_default().into_iter().filter_map(|d| d.arn).collect();
    let asked = input.duration_seconds.map(i64::from);
    let duration = lifetime(id, asked, 3600, role.max_session_duration, "MaxSessionDuration")?;
    let source = SessionSource::AssumedRole { role_name: role.role_name.clone(), session_name: session.to_string() };
    let issued = id.write(|tx| {
        for arn in &arns {
            crate::ops::policies::require_policy(tx, arn)?;
        }
        issue(id, tx, duration, source, session_policy, arns.clone())
    })?;
    Ok(AssumeRoleResponse {
        credentials: Some(credentials(issued)),
        assumed_role_user: Some(AssumedRoleUser {
            assumed_role_id: format!("{}:{session}", role.role_id),
            arn: format!("arn:aws:sts::{}:assumed-role/{}/{session}", id.account, role.role_name),
        }),
        packed_policy_size: Some(0),
        source_identity: None,
    })
}

fn get_session_token(
    id: &Identity,
    cx: &CallContext,
    input: GetSessionTokenRequest,
) -> Result<GetSessionTokenResponse> {
    let p = &cx.principal;
    let (user, max, default) = match &p.kind {
        PrincipalKind::Root => (None, 3600, 3600),
        PrincipalKind::User { name } => (Some(name.clone()), 129_600, 43_200),
        _ => return Err(IamError::AccessDenied("Cannot call GetSessionToken with session credentials".into())),
    };
    let asked = input.duration_seconds.map(i64::from);
    let duration = lifetime(id, asked, default, max, "maximum session duration")?;
    let issued =
        id.write(|tx| issue(id, tx, duration, SessionSource::Session { user_name: user.clone() }, None, vec![]))?;
    Ok(GetSessionTokenResponse { credentials: Some(credentials(issued)) })
}

impl Identity {
    /// The ARNs of the roles an instance profile (name, or ARN) holds, for `iam:PassRole`;
    /// `None` when there is no such profile.
    pub fn instance_profile_roles(&self, profile: &str) -> Result<Option<Vec<String>>> {
        let name = profile.rsplit('/').next().unwrap_or(profile);
        self.read(|tx| {
            let Some(prof) = tx.get::<crate::records::InstanceProfileRec>(kind::INSTANCE_PROFILE, &name_key(name))?
            else {
                return Ok(None);
            };
            if profile.starts_with("arn:") && prof.arn != profile {
                return Ok(None);
            }
            let mut arns = Vec::new();
            for r in &prof.role_names {
                if let Some(role) = tx.get::<RoleRec>(kind::ROLE, &name_key(r))? {
                    arns.push(role.arn);
                }
            }
            Ok(Some(arns))
        })
    }

    /// Credentials of the role in an instance profile, for the instance metadata service: the
    /// role is assumed by `ec2.amazonaws.com` on the instance's behalf, so its trust policy must
    /// allow that service. Returns the role name and the IMDS credential document.
    pub fn instance_profile_credentials(&self, profile: &str, instance_id: &str) -> Result<Option<(String, Value)>> {
        let name = profile.rsplit('/').next().unwrap_or(profile);
        let Some(prof) =
            self.read(|tx| Ok(tx.get::<crate::records::InstanceProfileRec>(kind::INSTANCE_PROFILE, &name_key(name))?))?
        else {
            return Ok(None);
        };
        let Some(role_name) = prof.role_names.first() else { return Ok(None) };
        let Some(role) = self.read(|tx| Ok(tx.get::<RoleRec>(kind::ROLE, &name_key(role_name))?))? else {
            return Ok(None);
        };
        let trust = PolicyDocument::parse(&role.assume_role_policy_document)
            .map_err(|e| IamError::MalformedPolicyDocument(e.to_string()))?;
        let keys = policy::ContextKeys::new();
        let mut ctx = RequestContext::new("sts:AssumeRole", &role.arn, &keys);
        ctx.principal_service = Some("ec2.amazonaws.com");
        if policy::evaluate_policy_set(&[("trust", &trust)], &ctx).0 != policy::Decision::Allow {
            tracing::warn!(role = %role.role_name, "the role's trust policy does not let EC2 assume it");
            return Ok(None);
        }
        let duration = lifetime(self, Some(21_600), 3600, role.max_session_duration.max(21_600), "MaxSessionDuration")?;
        let source =
            SessionSource::AssumedRole { role_name: role.role_name.clone(), session_name: instance_id.to_string() };
        let issued = self.write(|tx| issue(self, tx, duration, source, None, vec![]))?;
        Ok(Some((
            role.role_name,
            json!({
                "AccessKeyId": issued.access_key_id, "SecretAccessKey": issued.secret, "Token": issued.token,
                "Expiration": wire::timestamp::format_iso8601(issued.expiration),
            }),
        )))
    }
}
