//! Access keys (two per user, Active/Inactive, last used) and console login profiles
//! (passwords hashed with Argon2id).

use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
use argon2::Argon2;
use serde_json::{json, Value};
use wire::CallContext;

use super::{page, In};
use crate::error::{IamError, Result};
use crate::ids;
use crate::records::{kind, name_key, AccessKeyRec, LoginProfileRec};
use crate::Identity;

const KEYS_PER_USER: usize = 2;

/// The user an access-key call is about: the named one, else the caller (the root when the
/// root calls without a name).
fn owner(cx: &CallContext, input: &In) -> Option<String> {
    input.s("UserName").map(String::from).or_else(|| cx.principal.user_name().map(String::from))
}

fn index_key(user: &Option<String>, key_id: &str) -> String {
    match user {
        Some(u) => format!("{}/{key_id}", name_key(u)),
        None => format!("#root/{key_id}"),
    }
}

pub fn create_access_key(id: &Identity, cx: &CallContext, input: &In) -> Result<Value> {
    let user = owner(cx, input);
    let secret = ids::secret_access_key();
    let now = id.now();
    let rec = id.write(|tx| {
        if let Some(u) = &user {
            super::users::load(tx, u)?;
        }
        let prefix = index_key(&user, "");
        if tx.count(kind::USER_KEY, &prefix)? >= KEYS_PER_USER {
            return Err(IamError::LimitExceeded(format!("Cannot exceed quota for AccessKeysPerUser: {KEYS_PER_USER}")));
        }
        let rec = AccessKeyRec {
            access_key_id: ids::access_key_id(false),
            user_name: user.clone(),
            sealed_secret: id.sealer.seal(&secret),
            status: "Active".into(),
            create_date: now,
        };
        tx.put(kind::ACCESS_KEY, &rec.access_key_id, &rec)?;
        tx.put(kind::USER_KEY, &index_key(&user, &rec.access_key_id), &())?;
        Ok(rec)
    })?;
    Ok(json!({"AccessKey": {
        "UserName": user.unwrap_or_default(),
        "AccessKeyId": rec.access_key_id,
        "Status": rec.status,
        "SecretAccessKey": secret,
        "CreateDate": rec.create_date,
    }}))
}

fn owned_key(tx: &store::Tx, user: &Option<String>, key_id: &str) -> Result<AccessKeyRec> {
    let not_found = || IamError::NoSuchEntity(format!("The Access Key with id {key_id} cannot be found."));
    if !tx.exists(kind::USER_KEY, &index_key(user, key_id))? {
        return Err(not_found());
    }
    tx.get::<AccessKeyRec>(kind::ACCESS_KEY, key_id)?.ok_or_else(not_found)
}

pub fn list_access_keys(id: &Identity, cx: &CallContext, input: &In) -> Result<Value> {
    let user = owner(cx, input);
    let keys = id.read(|tx| {
        if let Some(u) = &user {
            super::users::load(tx, u)?;
        }
        let mut out = Vec::new();
        for (k, ()) in tx.list::<()>(kind::USER_KEY, &index_key(&user, ""))? {
            let key_id = k.rsplit('/').next().unwrap_or_default();
            if let Some(rec) = tx.get::<AccessKeyRec>(kind::ACCESS_KEY, key_id)? {
                out.push((
                    k.clone(),
                    json!({
                        "UserName": rec.user_name.unwrap_or_default(),
                        "AccessKeyId": rec.access_key_id,
                        "Status": rec.status,
                        "CreateDate": rec.create_date,
                    }),
                ));
            }
        }
        Ok(out)
    })?;
    page(keys, input, "AccessKeyMetadata")
}

pub fn update_access_key(id: &Identity, cx: &CallContext, input: &In) -> Result<Value> {
    let user = owner(cx, input);
    let (key_id, status) = (input.req("AccessKeyId"), input.req("Status"));
    id.write(|tx| {
        let mut rec = owned_key(tx, &user, key_id)?;
        rec.status = status.to_string();
        tx.put(kind::ACCESS_KEY, key_id, &rec)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn delete_access_key(id: &Identity, cx: &CallContext, input: &In) -> Result<Value> {
    let user = owner(cx, input);
    let key_id = input.req("AccessKeyId");
    id.write(|tx| {
        owned_key(tx, &user, key_id)?;
        tx.delete(kind::ACCESS_KEY, key_id)?;
        tx.delete(kind::USER_KEY, &index_key(&user, key_id))?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn get_access_key_last_used(id: &Identity, input: &In) -> Result<Value> {
    let key_id = input.req("AccessKeyId");
    let rec = id.read(|tx| {
        tx.get::<AccessKeyRec>(kind::ACCESS_KEY, key_id)?
            .ok_or_else(|| IamError::NoSuchEntity(format!("The Access Key with id {key_id} cannot be found.")))
    })?;
    let used = id.last_used.lock().unwrap_or_else(|e| e.into_inner()).get(key_id).cloned();
    let last = match used {
        Some((when, service, region)) => json!({"LastUsedDate": when, "ServiceName": service, "Region": region}),
        None => json!({"ServiceName": "N/A", "Region": "N/A"}),
    };
    Ok(json!({"UserName": rec.user_name.unwrap_or_default(), "AccessKeyLastUsed": last}))
}

pub(crate) fn hash_password(password: &str) -> Result<String> {
    if password.chars().count() < 8 {
        return Err(IamError::PasswordPolicyViolation("Password should have a minimum length of 8".into()));
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| IamError::InvalidInput(format!("The password cannot be hashed: {e}")))
}

pub fn create_login_profile(id: &Identity, input: &In) -> Result<Value> {
    let user = input.s("UserName").ok_or_else(|| IamError::Validation("UserName is required.".into()))?;
    let password = input.s("Password").ok_or_else(|| IamError::Validation("Password is required.".into()))?;
    let hash = hash_password(password)?;
    let reset = input.b("PasswordResetRequired").unwrap_or(false);
    let now = id.now();
    let rec = id.write(|tx| {
        let u = super::users::load(tx, user)?;
        if tx.exists(kind::LOGIN_PROFILE, &name_key(user))? {
            return Err(IamError::EntityAlreadyExists(format!("Login Profile for user {user} already exists.")));
        }
        let rec = LoginProfileRec {
            user_name: u.user_name,
            password_hash: hash,
            password_reset_required: reset,
            create_date: now,
        };
        tx.put(kind::LOGIN_PROFILE, &name_key(user), &rec)?;
        Ok(rec)
    })?;
    Ok(
        json!({"LoginProfile": {"UserName": rec.user_name, "CreateDate": rec.create_date, "PasswordResetRequired": rec.password_reset_required}}),
    )
}

fn login_profile(tx: &store::Tx, user: &str) -> Result<LoginProfileRec> {
    super::users::load(tx, user)?;
    tx.get::<LoginProfileRec>(kind::LOGIN_PROFILE, &name_key(user))?
        .ok_or_else(|| IamError::NoSuchEntity(format!("Login Profile for User {user} cannot be found.")))
}

pub fn get_login_profile(id: &Identity, input: &In) -> Result<Value> {
    let user = input.s("UserName").unwrap_or_default();
    let rec = id.read(|tx| login_profile(tx, user))?;
    Ok(
        json!({"LoginProfile": {"UserName": rec.user_name, "CreateDate": rec.create_date, "PasswordResetRequired": rec.password_reset_required}}),
    )
}

pub fn update_login_profile(id: &Identity, input: &In) -> Result<Value> {
    let user = input.req("UserName");
    let hash = input.s("Password").map(hash_password).transpose()?;
    id.write(|tx| {
        let mut rec = login_profile(tx, user)?;
        if let Some(h) = hash {
            rec.password_hash = h;
        }
        if let Some(r) = input.b("PasswordResetRequired") {
            rec.password_reset_required = r;
        }
        tx.put(kind::LOGIN_PROFILE, &name_key(user), &rec)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn delete_login_profile(id: &Identity, input: &In) -> Result<Value> {
    let user = input.s("UserName").unwrap_or_default();
    id.write(|tx| {
        login_profile(tx, user)?;
        tx.delete(kind::LOGIN_PROFILE, &name_key(user))?;
        Ok(())
    })?;
    Ok(json!({}))
}
