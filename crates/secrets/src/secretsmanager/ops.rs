//! The operations, named after AWS's. Values are opened only to answer GetSecretValue (and the
//! Rust API); they are never logged.

use rand::Rng;
use serde_json::{json, Map, Value};
use store::Tx;

use super::error::{Result, SmError, MARKED_FOR_DELETION};
use super::records::{SealedValue, SecretRec, VersionRec, CURRENT, SECRET};
use super::request::*;
use super::SecretsManager;
use crate::{merge_tags, password, uuid_v4, Tag};

/// A value in clear, only ever in memory.
pub enum Plain {
    String(String),
    Binary(String),
}

pub fn dispatch(sm: &SecretsManager, req: Request) -> Result<Value> {
    match req {
        Request::CreateSecret(r) => create_secret(sm, r),
        Request::GetSecretValue(r) => get_secret_value(sm, r),
        Request::PutSecretValue(r) => put_secret_value(sm, r),
        Request::UpdateSecret(r) => update_secret(sm, r),
        Request::UpdateSecretVersionStage(r) => update_secret_version_stage(sm, r),
        Request::DescribeSecret(r) => describe_secret(sm, r),
        Request::ListSecrets(r) => list_secrets(sm, r),
        Request::ListSecretVersionIds(r) => list_secret_version_ids(sm, r),
        Request::DeleteSecret(r) => delete_secret(sm, r),
        Request::RestoreSecret(r) => restore_secret(sm, r),
        Request::GetRandomPassword(spec) => Ok(json!({"RandomPassword": password::get_random_password(&spec)?})),
        Request::TagResource(r) => tag_resource(sm, r),
        Request::UntagResource(r) => untag_resource(sm, r),
        Request::GetResourcePolicy(r) => get_resource_policy(sm, r),
        Request::PutResourcePolicy(r) => put_resource_policy(sm, r),
        Request::DeleteResourcePolicy(r) => delete_resource_policy(sm, r),
        Request::ValidateResourcePolicy(r) => Ok(validate_resource_policy(&r.resource_policy)),
    }
}

/// A secret that still exists (a deletion whose date has passed has taken effect).
fn live(rec: SecretRec, now: f64) -> Option<SecretRec> {
    match rec.deletion_date {
        Some(d) if d <= now => None,
        _ => Some(rec),
    }
}

/// Find a secret by name, full ARN, or partial ARN (the ARN without its random suffix).
fn find(sm: &SecretsManager, tx: &Tx, id: &str) -> Result<Option<SecretRec>> {
    let now = sm.now();
    let prefix = sm.arn_prefix();
    let Some(rest) = id.strip_prefix(&prefix) else {
        if id.starts_with("arn:") {
            return Ok(None);
        }
        return Ok(tx.get::<SecretRec>(SECRET, id)?.and_then(|r| live(r, now)));
    };
    // A full ARN: the name, a hyphen and six random characters.
    if rest.len() > 7 && rest.as_bytes()[rest.len() - 7] == b'-' {
        let name = &rest[..rest.len() - 7];
        if let Some(rec) = tx.get::<SecretRec>(SECRET, name)?.and_then(|r| live(r, now)) {
            if rec.arn == id {
                return Ok(Some(rec));
            }
        }
    }
    // A partial ARN: the name alone, without the suffix.
    let partial = |rec: &SecretRec| rec.arn.len() == id.len() + 7 && rec.arn.starts_with(id);
    Ok(tx.get::<SecretRec>(SECRET, rest)?.and_then(|r| live(r, now)).filter(partial))
}

fn must_find(sm: &SecretsManager, tx: &Tx, id: &str) -> Result<SecretRec> {
    find(sm, tx, id)?.ok_or_else(SmError::not_found)
}

/// A secret that is not scheduled for deletion.
fn usable(rec: SecretRec) -> Result<SecretRec> {
    if rec.deletion_date.is_some() {
        return Err(SmError::InvalidRequest(MARKED_FOR_DELETION.into()));
    }
    Ok(rec)
}

/// The ARN (and tags) a request about `id` is authorised against; for a secret that does not
/// exist, the ARN it would have, less its suffix.
pub fn authorization_target(sm: &SecretsManager, id: &str) -> Result<(String, Vec<Tag>)> {
    let found = sm.store.read(|tx| find(sm, tx, id))?;
    Ok(match found {
        Some(rec) => (rec.arn, rec.tags),
        None if id.starts_with("arn:") => (id.to_string(), vec![]),
        None => (format!("{}{id}", sm.arn_prefix()), vec![]),
    })
}

fn random_suffix() -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rngs::OsRng;
    (0..6).map(|_| CHARS[rng.gen_range(0..CHARS.len())] as char).collect()
}

fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 512
        && name.chars().all(|c| c.is_ascii_alphanumeric() || "/_+=.@-".contains(c));
    if !ok {
        return Err(SmError::InvalidParameter(
            "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!"
                .into(),
        ));
    }
    Ok(())
}

/// The value a request carries, sealed; exactly one of string and binary.
fn sealed_value(sm: &SecretsManager, string: Option<String>, binary: Option<String>) -> Result<Option<SealedValue>> {
    match (string, binary) {
        (Some(_), Some(_)) => Err(SmError::InvalidParameter(
            "You can't specify both a binary secret value and a string secret value in the same secret.".into(),
        )),
        (Some(s), None) => Ok(Some(SealedValue::String(sm.sealer.seal(&s)))),
        (None, Some(b)) => Ok(Some(SealedValue::Binary(sm.sealer.seal(&b)))),
        (None, None) => Ok(None),
    }
}

/// Add a version carrying `stages`; an existing version id with the same value is a retry.
fn add_version(
    sm: &SecretsManager,
    rec: &mut SecretRec,
    token: Option<String>,
    value: SealedValue,
    stages: Vec<String>,
) -> Result<String> {
    let id = token.unwrap_or_else(uuid_v4);
    if let Some(existing) = rec.version(&id) {
        if open(sm, &existing.value)? == open(sm, &value)? {
            return Ok(id);
        }
        return Err(SmError::ResourceExists(
            "You can't modify an existing version, you can only create a new version.".into(),
        ));
    }
    rec.versions.push(VersionRec { id: id.clone(), stages: vec![], created: sm.now(), value });
    for s in stages {
        rec.move_stage(&s, &id);
    }
    rec.prune();
    rec.last_changed = sm.now();
    Ok(id)
}

fn open(sm: &SecretsManager, v: &SealedValue) -> Result<(bool, String)> {
    Ok(match v {
        SealedValue::String(s) => (false, sm.sealer.open(s)?),
        SealedValue::Binary(b) => (true, sm.sealer.open(b)?),
    })
}

/// Destroy the secrets whose scheduled deletion has taken effect (their sealed values too).
fn purge_expired(tx: &Tx, now: f64) -> Result<()> {
    for (key, rec) in tx.list::<SecretRec>(SECRET, "")? {
        if rec.deletion_date.is_some_and(|d| d <= now) {
            tx.delete(SECRET, &key)?;
        }
    }
    Ok(())
}

fn create_secret(sm: &SecretsManager, r: CreateSecret) -> Result<Value> {
    check_name(&r.name)?;
    let value = sealed_value(sm, r.secret_string, r.secret_binary)?;
    let now = sm.now();
    sm.store.write(|tx| {
        purge_expired(tx, now)?;
        if let Some(old) = tx.get::<SecretRec>(SECRET, &r.name)?.and_then(|o| live(o, now)) {
            if old.deletion_date.is_some() {
                return Err(SmError::InvalidRequest(
                    "You can't create this secret because a secret with this name is already scheduled for deletion."
                        .into(),
                ));
            }
            return Err(SmError::ResourceExists(format!(
                "The operation failed because the secret {} already exists.",
                r.name
            )));
        }
        let mut rec = SecretRec {
            arn: format!("{}{}-{}", sm.arn_prefix(), r.name, random_suffix()),
            name: r.name.clone(),
            description: r.description,
            kms_key_id: r.kms_key_id,
            tags: r.tags,
            created: now,
            last_changed: now,
            last_accessed: None,
            deletion_date: None,
            versions: vec![],
            resource_policy: None,
        };
        let version = match value {
            Some(v) => Some(add_version(sm, &mut rec, r.client_request_token, v, vec![CURRENT.into()])?),
            None => None,
        };
        tx.put(SECRET, &rec.name, &rec)?;
        let mut out = json!({"ARN": rec.arn, "Name": rec.name});
        if let Some(v) = version {
            out["VersionId"] = json!(v);
        }
        Ok(out)
    })
}

/// The version asked for (AWSCURRENT by default) and its value in clear.
/// Record the day a secret was read (one write per secret per day at most).
fn note_access(sm: &SecretsManager, rec: &SecretRec) -> Result<()> {
    let today = (sm.now() / 86_400.0).floor() * 86_400.0;
    if rec.last_accessed == Some(today) {
        return Ok(());
    }
    sm.store.write(|tx| {
        if let Some(mut fresh) = tx.get::<SecretRec>(SECRET, &rec.name)?.filter(|f| f.arn == rec.arn) {
            fresh.last_accessed = Some(today);
            tx.put(SECRET, &fresh.name, &fresh)?;
        }
        Ok(())
    })
}

pub(super) fn value_of(
    sm: &SecretsManager,
    id: &str,
    version_id: Option<&str>,
    stage: Option<&str>,
) -> Result<(SecretRec, Plain, VersionRec)> {
    let rec = usable(sm.store.read(|tx| must_find(sm, tx, id))?)?;
    let version = match (version_id, stage) {
        (Some(v), _) => rec
            .version(v)
            .filter(|ver| match stage {
                Some(s) => ver.stages.iter().any(|x| x == s),
                None => true,
            })
            .ok_or_else(|| {
                SmError::ResourceNotFound(format!(
                    "Secrets Manager can't find the specified secret value for VersionId: {v}"
                ))
            })?,
        (None, s) => {
            let s = s.unwrap_or(CURRENT);
            rec.staged(s).ok_or_else(|| {
                SmError::ResourceNotFound(format!(
                    "Secrets Manager can't find the specified secret value for staging label: {s}"
                ))
            })?
        }
    }
    .clone();
    let plain = match open(sm, &version.value)? {
        (false, s) => Plain::String(s),
        (true, b) => Plain::Binary(b),
    };
    Ok((rec, plain, version))
}

fn get_secret_value(sm: &SecretsManager, r: GetSecretValue) -> Result<Value> {
    let (rec, plain, version) = value_of(sm, &r.secret_id, r.version_id.as_deref(), r.version_stage.as_deref())?;
    note_access(sm, &rec)?;
    let mut out = json!({
        "ARN": rec.arn,
        "Name": rec.name,
        "VersionId": version.id,
        "VersionStages": version.stages,
        "CreatedDate": version.created,
    });
    match plain {
        Plain::String(s) => out["SecretString"] = json!(s),
        Plain::Binary(b) => out["SecretBinary"] = json!(b),
    }
    Ok(out)
}

fn put_secret_value(sm: &SecretsManager, r: PutSecretValue) -> Result<Value> {
    let Some(value) = sealed_value(sm, r.secret_string, r.secret_binary)? else {
        return Err(SmError::InvalidRequest("You must provide either SecretString or SecretBinary.".into()));
    };
    let stages = r.version_stages.unwrap_or_else(|| vec![CURRENT.into()]);
    sm.store.write(|tx| {
        let mut rec = usable(must_find(sm, tx, &r.secret_id)?)?;
        let id = add_version(sm, &mut rec, r.client_request_token, value, stages)?;
        tx.put(SECRET, &rec.name, &rec)?;
        let stages = rec.version(&id).map(|v| v.stages.clone()).unwrap_or_default();
        Ok(json!({"ARN": rec.arn, "Name": rec.name, "VersionId": id, "VersionStages": stages}))
    })
}

fn update_secret(sm: &SecretsManager, r: UpdateSecret) -> Result<Value> {
    let value = sealed_value(sm, r.secret_string, r.secret_binary)?;
    sm.store.write(|tx| {
        let mut rec = usable(must_find(sm, tx, &r.secret_id)?)?;
        if let Some(d) = r.description {
            rec.description = Some(d);
        }
        if let Some(k) = r.kms_key_id {
            rec.kms_key_id = Some(k);
        }
        rec.last_changed = sm.now();
        let version = match value {
            Some(v) => Some(add_version(sm, &mut rec, r.client_request_token, v, vec![CURRENT.into()])?),
            None => None,
        };
        tx.put(SECRET, &rec.name, &rec)?;
        let mut out = json!({"ARN": rec.arn, "Name": rec.name});
        if let Some(v) = version {
            out["VersionId"] = json!(v);
        }
        Ok(out)
    })
}

fn update_secret_version_stage(sm: &SecretsManager, r: UpdateSecretVersionStage) -> Result<Value> {
    sm.store.write(|tx| {
        let mut rec = usable(must_find(sm, tx, &r.secret_id)?)?;
        let holder = rec.staged(&r.version_stage).map(|v| v.id.clone());
        if holder.is_some() && holder != r.remove_from_version_id && holder != r.move_to_version_id {
            return Err(SmError::InvalidParameter(format!(
                "The parameter RemoveFromVersionId can't be empty. Staging label {} is currently attached to version {}, so you must explicitly reference that version in RemoveFromVersionId.",
                r.version_stage,
                holder.unwrap_or_default()
            )));
        }
        match &r.move_to_version_id {
            Some(to) => {
                if rec.version(to).is_none() {
                    return Err(SmError::InvalidParameter(format!("The version {to} doesn't exist.")));
                }
                rec.move_stage(&r.version_stage, to);
            }
            None => {
                for v in &mut rec.versions {
                    if Some(&v.id) == r.remove_from_version_id.as_ref() {
                        v.stages.retain(|s| *s != r.version_stage);
                    }
                }
            }
        }
        rec.last_changed = sm.now();
        tx.put(SECRET, &rec.name, &rec)?;
        Ok(json!({"ARN": rec.arn, "Name": rec.name}))
    })
}

fn stages_map(rec: &SecretRec) -> Value {
    let mut m = Map::new();
    for v in rec.versions.iter().filter(|v| !v.stages.is_empty()) {
        m.insert(v.id.clone(), json!(v.stages));
    }
    Value::Object(m)
}

/// The shape DescribeSecret and ListSecrets share.
fn describe(rec: &SecretRec, stages_key: &str) -> Value {
    let mut out = json!({
        "ARN": rec.arn,
        "Name": rec.name,
        "LastChangedDate": rec.last_changed,
        "CreatedDate": rec.created,
        "RotationEnabled": false,
        "Tags": rec.tags,
    });
    out[stages_key] = stages_map(rec);
    if let Some(d) = &rec.description {
        out["Description"] = json!(d);
    }
    if let Some(k) = &rec.kms_key_id {
        out["KmsKeyId"] = json!(k);
    }
    if let Some(d) = rec.last_accessed {
        out["LastAccessedDate"] = json!(d);
    }
    if let Some(d) = rec.deletion_date {
        // AWS's DeletedDate: when the scheduled deletion takes effect.
        out["DeletedDate"] = json!(d);
    }
    out
}

fn describe_secret(sm: &SecretsManager, r: SecretId) -> Result<Value> {
    let rec = sm.store.read(|tx| must_find(sm, tx, &r.secret_id))?;
    Ok(describe(&rec, "VersionIdsToStages"))
}

fn list_secret_version_ids(sm: &SecretsManager, r: SecretId) -> Result<Value> {
    let rec = sm.store.read(|tx| must_find(sm, tx, &r.secret_id))?;
    let versions: Vec<Value> = rec
        .versions
        .iter()
        .filter(|v| !v.stages.is_empty())
        .map(|v| json!({"VersionId": v.id, "VersionStages": v.stages, "CreatedDate": v.created}))
        .collect();
    Ok(json!({"ARN": rec.arn, "Name": rec.name, "Versions": versions}))
}

/// ListSecrets' filters: values within a key are alternatives, keys must all match; a value is
/// a prefix (case-insensitive, as AWS's), `!` before it negates.
pub fn matches(rec: &SecretRec, filters: &[Filter]) -> bool {
    filters.iter().all(|f| {
        let fields: Vec<&str> = match f.key.as_str() {
            "name" => vec![&rec.name],
            "description" => rec.description.iter().map(String::as_str).collect(),
            "tag-key" => rec.tags.iter().map(|t| t.key.as_str()).collect(),
            "tag-value" => rec.tags.iter().map(|t| t.value.as_str()).collect(),
            "all" => std::iter::once(rec.name.as_str())
                .chain(rec.description.iter().map(String::as_str))
                .chain(rec.tags.iter().flat_map(|t| [t.key.as_str(), t.value.as_str()]))
                .collect(),
            _ => vec![],
        };
        let prefix_of = |v: &str| fields.iter().any(|x| x.to_lowercase().starts_with(&v.to_lowercase()));
        let (neg, pos): (Vec<&String>, Vec<&String>) = f.values.iter().partition(|v| v.starts_with('!'));
        (pos.is_empty() || pos.iter().any(|v| prefix_of(v))) && neg.iter().all(|v| !prefix_of(&v[1..]))
    })
}

fn list_secrets(sm: &SecretsManager, r: ListSecrets) -> Result<Value> {
    let max = r.max_results.unwrap_or(100);
    if !(1..=100).contains(&max) {
        return Err(SmError::InvalidParameter("MaxResults must be between 1 and 100.".into()));
    }
    let start = crate::parse_token(r.next_token.as_deref()).ok_or(SmError::InvalidNextToken)?;
    let now = sm.now();
    let mut all: Vec<SecretRec> = sm
        .store
        .read(|tx| tx.list::<SecretRec>(SECRET, ""))?
        .into_iter()
        .filter_map(|(_, rec)| live(rec, now))
        .filter(|rec| r.include_planned_deletion || rec.deletion_date.is_none())
        .filter(|rec| matches(rec, &r.filters))
        .collect();
    let key = |rec: &SecretRec| match r.sort_by.as_deref() {
        Some("last-changed-date") => rec.last_changed,
        Some("last-accessed-date") => rec.last_accessed.unwrap_or(0.0),
        _ => rec.created,
    };
    if r.sort_by.as_deref() == Some("name") {
        all.sort_by(|a, b| a.name.cmp(&b.name));
    } else {
        all.sort_by(|a, b| key(a).total_cmp(&key(b)).then_with(|| a.name.cmp(&b.name)));
    }
    if r.sort_order.as_deref() != Some("asc") {
        all.reverse();
    }
    let page: Vec<Value> =
        all.iter().skip(start).take(max as usize).map(|rec| describe(rec, "SecretVersionsToStages")).collect();
    let mut out = json!({"SecretList": page});
    if start + (max as usize) < all.len() {
        out["NextToken"] = json!((start + max as usize).to_string());
    }
    Ok(out)
}

fn delete_secret(sm: &SecretsManager, r: DeleteSecret) -> Result<Value> {
    let force = r.force_delete_without_recovery.unwrap_or(false);
    if force && r.recovery_window_in_days.is_some() {
        return Err(SmError::InvalidParameter(
            "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.".into(),
        ));
    }
    let days = r.recovery_window_in_days.unwrap_or(30);
    if !(7..=30).contains(&days) {
        return Err(SmError::InvalidParameter(
            "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).".into(),
        ));
    }
    let now = sm.now();
    sm.store.write(|tx| {
        purge_expired(tx, now)?;
        let mut rec = must_find(sm, tx, &r.secret_id)?;
        let date = if force {
            tx.delete(SECRET, &rec.name)?;
            now
        } else {
            if rec.deletion_date.is_some() {
                return Err(SmError::InvalidRequest(MARKED_FOR_DELETION.into()));
            }
            let date = now + days as f64 * 86_400.0;
            rec.deletion_date = Some(date);
            tx.put(SECRET, &rec.name, &rec)?;
            date
        };
        Ok(json!({"ARN": rec.arn, "Name": rec.name, "DeletionDate": date}))
    })
}

fn restore_secret(sm: &SecretsManager, r: SecretId) -> Result<Value> {
    sm.store.write(|tx| {
        let mut rec = must_find(sm, tx, &r.secret_id)?;
        rec.deletion_date = None;
        rec.last_changed = sm.now();
        tx.put(SECRET, &rec.name, &rec)?;
        Ok(json!({"ARN": rec.arn, "Name": rec.name}))
    })
}

fn tag_resource(sm: &SecretsManager, r: TagResource) -> Result<Value> {
    sm.store.write(|tx| {
        let mut rec = usable(must_find(sm, tx, &r.secret_id)?)?;
        merge_tags(&mut rec.tags, r.tags);
        tx.put(SECRET, &rec.name, &rec)?;
        Ok(json!({}))
    })
}

fn untag_resource(sm: &SecretsManager, r: UntagResource) -> Result<Value> {
    sm.store.write(|tx| {
        let mut rec = usable(must_find(sm, tx, &r.secret_id)?)?;
        rec.tags.retain(|t| !r.tag_keys.contains(&t.key));
        tx.put(SECRET, &rec.name, &rec)?;
        Ok(json!({}))
    })
}

/// A resource policy checked as Secrets Manager checks it: a policy document whose every
/// statement names a principal; with `block_public`, none may allow everyone unconditionally.
fn check_resource_policy(text: &str, block_public: bool) -> Result<()> {
    let doc = policy::PolicyDocument::parse(text).map_err(|e| SmError::MalformedPolicy(e.message().to_string()))?;
    if doc.statements.iter().any(|s| s.principal.is_none()) {
        return Err(SmError::MalformedPolicy("A resource policy statement must specify a principal.".into()));
    }
    let public = doc.statements.iter().any(|s| {
        s.effect == policy::Effect::Allow
            && s.conditions.is_empty()
            && s.principal.as_ref().is_some_and(|p| {
                !p.negated
                    && match &p.principal {
                        policy::Principal::Any => true,
                        policy::Principal::Typed(list) => list.iter().any(|(_, ids)| ids.iter().any(|i| i == "*")),
                    }
            })
    });
    if block_public && public {
        return Err(SmError::PublicPolicy("This resource policy will grant public access to the secret.".into()));
    }
    Ok(())
}

fn get_resource_policy(sm: &SecretsManager, r: SecretId) -> Result<Value> {
    let rec = sm.store.read(|tx| must_find(sm, tx, &r.secret_id))?;
    let mut out = json!({"ARN": rec.arn, "Name": rec.name});
    if let Some(p) = &rec.resource_policy {
        out["ResourcePolicy"] = json!(p);
    }
    Ok(out)
}

fn put_resource_policy(sm: &SecretsManager, r: PutResourcePolicy) -> Result<Value> {
    check_resource_policy(&r.resource_policy, r.block_public_policy.unwrap_or(true))?;
    sm.store.write(|tx| {
        let mut rec = usable(must_find(sm, tx, &r.secret_id)?)?;
        rec.resource_policy = Some(r.resource_policy.clone());
        tx.put(SECRET, &rec.name, &rec)?;
        Ok(json!({"ARN": rec.arn, "Name": rec.name}))
    })
}

fn delete_resource_policy(sm: &SecretsManager, r: SecretId) -> Result<Value> {
    sm.store.write(|tx| {
        let mut rec = usable(must_find(sm, tx, &r.secret_id)?)?;
        rec.resource_policy = None;
        tx.put(SECRET, &rec.name, &rec)?;
        Ok(json!({"ARN": rec.arn, "Name": rec.name}))
    })
}

fn validate_resource_policy(text: &str) -> Value {
    match check_resource_policy(text, false) {
        Ok(()) => json!({"PolicyValidationPassed": true, "ValidationErrors": []}),
        Err(e) => json!({"PolicyValidationPassed": false,
                         "ValidationErrors": [{"CheckName": "POLICY_SYNTAX", "ErrorMessage": e.to_string()}]}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn sm(dir: &std::path::Path) -> Arc<SecretsManager> {
        sm_at(dir, Arc::new(std::sync::atomic::AtomicU64::new(1_000_000)))
    }

    /// Secrets Manager on a clock the test moves (whole seconds).
    fn sm_at(dir: &std::path::Path, clock: Arc<std::sync::atomic::AtomicU64>) -> Arc<SecretsManager> {
        let store = Arc::new(store::Store::open(&dir.join("state.db")).unwrap());
        let sealer = Arc::new(store::Sealer::open_or_create(&dir.join("master.key")).unwrap());
        let cfg = crate::SecretsConfig { region: "home-1".into(), account: "123456789012".into() };
        SecretsManager::open(
            store,
            sealer,
            cfg,
            Arc::new(move || clock.load(std::sync::atomic::Ordering::SeqCst) as f64),
        )
    }

    #[test]
    fn a_scheduled_deletion_takes_effect_after_its_window() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(std::sync::atomic::AtomicU64::new(1_000_000));
        let sm = sm_at(dir.path(), clock.clone());
        create(&sm, "temp", "v");
        let out = delete_secret(
            &sm,
            DeleteSecret { secret_id: "temp".into(), recovery_window_in_days: Some(7), ..Default::default() },
        )
        .unwrap();
        assert_eq!(out["DeletionDate"], 1_000_000.0 + 7.0 * 86_400.0);
        // Within the window: known, but refused.
        clock.fetch_add(7 * 86_400 - 1, std::sync::atomic::Ordering::SeqCst);
        let err = sm.secret_string("temp", None, None, None).unwrap_err();
        assert_eq!(wire::ApiError::from(err).code, "InvalidRequestException");
        assert!(restore_secret(&sm, SecretId { secret_id: "temp".into() }).is_ok());
        delete_secret(
            &sm,
            DeleteSecret { secret_id: "temp".into(), recovery_window_in_days: Some(7), ..Default::default() },
        )
        .unwrap();
        // After it: gone, and its record (with the sealed value) is destroyed by the next write.
        clock.fetch_add(7 * 86_400 + 1, std::sync::atomic::Ordering::SeqCst);
        let err = sm.secret_string("temp", None, None, None).unwrap_err();
        assert_eq!(wire::ApiError::from(err).code, "ResourceNotFoundException");
        assert!(restore_secret(&sm, SecretId { secret_id: "temp".into() }).is_err());
        create(&sm, "other", "v");
        assert!(sm.store.read(|tx| tx.get::<SecretRec>(SECRET, "temp")).unwrap().is_none());
        create(&sm, "temp", "new");
        assert_eq!(sm.secret_string("temp", None, None, None).unwrap(), "new");
    }

    fn create(sm: &SecretsManager, name: &str, value: &str) -> Value {
        let r = CreateSecret { name: name.into(), secret_string: Some(value.into()), ..Default::default() };
        create_secret(sm, r).unwrap()
    }

    #[test]
    fn stages_move_and_lookups_by_name_and_arn() {
        let dir = tempfile::tempdir().unwrap();
        let sm = sm(dir.path());
        let out = create(&sm, "db/pw", "one");
        let arn = out["ARN"].as_str().unwrap().to_string();
        let suffix = arn.strip_prefix("arn:aws:secretsmanager:home-1:123456789012:secret:db/pw-").unwrap();
        assert!(suffix.len() == 6 && suffix.chars().all(|c| c.is_ascii_alphanumeric()), "{arn}");
        put_secret_value(
            &sm,
            PutSecretValue { secret_id: arn.clone(), secret_string: Some("two".into()), ..Default::default() },
        )
        .unwrap();
        let partial = arn[..arn.len() - 7].to_string();
        for id in ["db/pw", arn.as_str(), partial.as_str()] {
            assert!(matches!(sm.secret_string(id, None, None, None).as_deref(), Ok("two")), "{id}");
        }
        assert_eq!(sm.secret_string("db/pw", None, Some("AWSPREVIOUS"), None).unwrap(), "one");
        assert!(sm.secret_string("db/p", None, None, None).is_err());
        assert!(sm.secret_string(&format!("{partial}-XXXXXX"), None, None, None).is_err());
    }

    #[test]
    fn a_full_arn_never_finds_a_secret_named_like_it() {
        let dir = tempfile::tempdir().unwrap();
        let sm = sm(dir.path());
        let a = create(&sm, "a", "value-of-a")["ARN"].as_str().unwrap().to_string();
        let suffix = &a[a.len() - 6..];
        let b = create(&sm, &format!("a-{suffix}"), "value-of-b")["ARN"].as_str().unwrap().to_string();
        assert_eq!(sm.secret_string(&a, None, None, None).unwrap(), "value-of-a");
        assert_eq!(sm.secret_string(&b, None, None, None).unwrap(), "value-of-b");
        assert_eq!(sm.secret_string(&format!("a-{suffix}"), None, None, None).unwrap(), "value-of-b");
    }

    #[test]
    fn values_are_sealed_in_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let sm = sm(dir.path());
        create(&sm, "s", "hunter2-very-secret");
        let raw = sm.store.read(|tx| tx.list_raw(SECRET, "")).unwrap();
        assert!(!raw[0].1.contains("hunter2"), "{}", raw[0].1);
    }

    #[test]
    fn json_key_resolution() {
        let dir = tempfile::tempdir().unwrap();
        let sm = sm(dir.path());
        create(&sm, "j", r#"{"username":"admin","password":"pw"}"#);
        assert_eq!(sm.secret_string("j", Some("password"), None, None).unwrap(), "pw");
        assert!(sm.secret_string("j", Some("nope"), None, None).is_err());
    }

    #[test]
    fn list_filters() {
        let rec = |name: &str, desc: Option<&str>| SecretRec {
            arn: String::new(),
            name: name.into(),
            description: desc.map(Into::into),
            kms_key_id: None,
            tags: vec![Tag { key: "team".into(), value: "web".into() }],
            created: 0.0,
            last_changed: 0.0,
            last_accessed: None,
            deletion_date: None,
            versions: vec![],
            resource_policy: None,
        };
        let f = |key: &str, values: &[&str]| Filter {
            key: key.into(),
            values: values.iter().map(|s| s.to_string()).collect(),
        };
        let r = rec("prod/db", Some("The database"));
        assert!(matches(&r, &[f("name", &["prod/"])]));
        assert!(matches(&r, &[f("name", &["dev/", "prod"])]));
        assert!(!matches(&r, &[f("name", &["!prod"])]));
        assert!(matches(&r, &[f("description", &["the data"])]));
        assert!(matches(&r, &[f("tag-key", &["team"]), f("tag-value", &["web"])]));
        assert!(!matches(&r, &[f("tag-key", &["team"]), f("tag-value", &["db"])]));
        assert!(matches(&r, &[f("all", &["web"])]));
        assert!(!matches(&rec("x", None), &[f("description", &["a"])]));
    }
}
