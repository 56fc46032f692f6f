//! Account-wide views: GetAccountSummary and the account alias.

use serde_json::{json, Value};

use super::In;
use crate::error::{IamError, Result};
use crate::records::kind;
use crate::Identity;

pub fn get_account_summary(id: &Identity) -> Result<Value> {
    let counts = id.read(|tx| {
        Ok([
            ("Users", tx.count(kind::USER, "")?),
            ("Groups", tx.count(kind::GROUP, "")?),
            ("Roles", tx.count(kind::ROLE, "")?),
            ("Policies", tx.count(kind::POLICY, "")?),
            ("InstanceProfiles", tx.count(kind::INSTANCE_PROFILE, "")?),
            ("ServerCertificates", tx.count(kind::SERVER_CERT, "")?),
            ("PolicyVersionsInUse", tx.count(kind::ATTACHMENT, "")?),
            ("AccountAccessKeysPresent", tx.count(kind::USER_KEY, "#root/")?.min(1)),
        ])
    })?;
    let mut map = serde_json::Map::new();
    for (k, v) in counts {
        map.insert(k.into(), json!(v));
    }
    for (k, v) in [
        ("UsersQuota", 5000),
        ("GroupsQuota", 300),
        ("RolesQuota", 1000),
        ("PoliciesQuota", 1500),
        ("InstanceProfilesQuota", 1000),
        ("ServerCertificatesQuota", 20),
        ("GroupsPerUserQuota", 10),
        ("AttachedPoliciesPerUserQuota", 10),
        ("AttachedPoliciesPerGroupQuota", 10),
        ("AttachedPoliciesPerRoleQuota", 10),
        ("AccessKeysPerUserQuota", 2),
        ("PolicySizeQuota", 6144),
        ("PolicyVersionsInUseQuota", 10000),
        ("VersionsPerPolicyQuota", 5),
        ("AccountMFAEnabled", 0),
        ("MFADevices", 0),
        ("MFADevicesInUse", 0),
    ] {
        map.insert(k.into(), json!(v));
    }
    Ok(json!({ "SummaryMap": map }))
}

pub fn create_alias(id: &Identity, input: &In) -> Result<Value> {
    let alias = input.req("AccountAlias");
    id.write(|tx| {
        if tx.count(kind::ACCOUNT_ALIAS, "")? > 0 && !tx.exists(kind::ACCOUNT_ALIAS, alias)? {
            return Err(IamError::LimitExceeded("Cannot exceed quota for AccountAliasesPerAccount: 1".into()));
        }
        tx.put(kind::ACCOUNT_ALIAS, alias, &())?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn delete_alias(id: &Identity, input: &In) -> Result<Value> {
    let alias = input.req("AccountAlias");
    id.write(|tx| {
        if !tx.delete(kind::ACCOUNT_ALIAS, alias)? {
            return Err(IamError::NoSuchEntity(format!("The account alias {alias} cannot be found.")));
        }
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn list_aliases(id: &Identity) -> Result<Value> {
    let aliases = id.read(|tx| Ok(tx.list::<()>(kind::ACCOUNT_ALIAS, "")?))?;
    Ok(json!({"AccountAliases": aliases.into_iter().map(|(k, _)| k).collect::<Vec<_>>(), "IsTruncated": false}))
}
