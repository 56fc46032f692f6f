//! IAM and STS driven through their `Service` interface, with an injected clock: who may do
//! what, and temporary credentials that expire when the clock says so.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use iam::{AuthFailure, Clock, IamService, Identity, IdentityConfig, StsService};
use serde_json::{json, Value};
use wire::{ApiError, Authorization, CallContext, Service};

struct ManualClock(AtomicU64);

impl Clock for ManualClock {
    fn now(&self) -> f64 {
        self.0.load(Ordering::SeqCst) as f64
    }
}

struct Region {
    _dir: tempfile::TempDir,
    id: Arc<Identity>,
    clock: Arc<ManualClock>,
    iam: IamService,
    sts: StsService,
}

fn region(cap: Option<u64>) -> Region {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(store::Store::open(&dir.path().join("db")).unwrap());
    let sealer = store::Sealer::open_or_create(&dir.path().join("key")).unwrap();
    let clock = Arc::new(ManualClock(AtomicU64::new(1_800_000_000)));
    let config = IdentityConfig {
        region: "ap-northeast-2".into(),
        session_duration_cap: cap,
        accept_any_credentials: false,
        account_id: None,
    };
    let id = Arc::new(Identity::open(store, sealer, config, clock.clone()).unwrap());
    Region { _dir: dir, iam: IamService::new(id.clone()), sts: StsService::new(id.clone()), id, clock }
}

impl Region {
    fn cx(&self, key: &str, token: Option<&str>) -> (CallContext, Arc<iam::ResolvedCredential>) {
        let cred = self.id.resolve(key, token).unwrap();
        let cx = CallContext {
            request_id: "r".into(),
            principal: cred.principal.clone(),
            source_ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            secure_transport: false,
            region: "ap-northeast-2".into(),
            authorizer: None,
        };
        (cx, cred)
    }

    fn root(&self) -> String {
        self.id.root_key().unwrap().access_key_id
    }

    /// Call as the holder of `key`, authorising as the gateway does.
    async fn call(
        &self,
        svc: &dyn Service,
        key: &str,
        token: Option<&str>,
        op: &str,
        input: Value,
    ) -> Result<Value, ApiError> {
        let (cx, cred) = self.cx(key, token);
        if let Authorization::Resources(r) = svc.authorization(op, &input, &cx)? {
            self.id.authorize(&cred, &cx, &format!("{}:{op}", svc.iam_prefix()), &r)?;
        }
        svc.call(&cx, op, input).await
    }

    async fn iam(&self, key: &str, op: &str, input: Value) -> Result<Value, ApiError> {
        self.call(&self.iam, key, None, op, input).await
    }

    async fn user_with_key(&self, name: &str) -> (String, String) {
        let root = self.root();
        self.iam(&root, "CreateUser", json!({"UserName": name})).await.unwrap();
        let k = self.iam(&root, "CreateAccessKey", json!({"UserName": name})).await.unwrap();
        (
            k["AccessKey"]["AccessKeyId"].as_str().unwrap().into(),
            k["AccessKey"]["SecretAccessKey"].as_str().unwrap().into(),
        )
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn administrator_group_grants_and_an_explicit_deny_wins() {
    let r = region(None);
    let root = r.root();
    r.iam(&root, "CreateGroup", json!({"GroupName": "AdministratorGroup"})).await.unwrap();
    r.iam(
        &root,
        "AttachGroupPolicy",
        json!({"GroupName": "AdministratorGroup", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
    )
    .await
    .unwrap();
    let (key, _) = r.user_with_key("KG_sports").await;
    let denied = r.iam(&key, "ListUsers", json!({})).await.unwrap_err();
    assert_eq!(denied.code, "AccessDenied");
    assert!(
        denied.message.contains("because no identity-based policy allows the iam:ListUsers action"),
        "{}",
        denied.message
    );

    r.iam(&root, "AddUserToGroup", json!({"GroupName": "AdministratorGroup", "UserName": "KG_sports"})).await.unwrap();
    let users = r.iam(&key, "ListUsers", json!({})).await.unwrap();
    assert_eq!(users["Users"][0]["UserName"], "KG_sports");
    r.iam(&key, "CreateUser", json!({"UserName": "someone"})).await.unwrap();

    let deny = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}"#;
    r.iam(&root, "PutUserPolicy", json!({"UserName": "KG_sports", "PolicyName": "no-users", "PolicyDocument": deny}))
        .await
        .unwrap();
    let e = r.iam(&key, "CreateUser", json!({"UserName": "another"})).await.unwrap_err();
    assert_eq!(e.status, 403);
    let account = &r.id.account;
    assert_eq!(
        e.message,
        format!("User: arn:aws:iam::{account}:user/KG_sports is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::{account}:user/another with an explicit deny in an identity-based policy")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_permissions_boundary_limits_an_administrator() {
    let r = region(None);
    let root = r.root();
    let (key, _) = r.user_with_key("ops").await;
    r.iam(
        &root,
        "AttachUserPolicy",
        json!({"UserName": "ops", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
    )
    .await
    .unwrap();
    r.iam(
        &root,
        "PutUserPermissionsBoundary",
        json!({"UserName": "ops", "PermissionsBoundary": "arn:aws:iam::aws:policy/IAMReadOnlyAccess"}),
    )
    .await
    .unwrap();
    r.iam(&key, "ListUsers", json!({})).await.unwrap();
    let e = r.iam(&key, "CreateUser", json!({"UserName": "x"})).await.unwrap_err();
    assert!(e.message.ends_with("because no permissions boundary allows the iam:CreateUser action"), "{}", e.message);
}

#[tokio::test(flavor = "multi_thread")]
async fn assumed_role_credentials_expire_with_the_clock() {
    let r = region(None);
    let root = r.root();
    let account = r.id.account.clone();
    let (key, _) = r.user_with_key("dev").await;
    r.iam(
        &root,
        "AttachUserPolicy",
        json!({"UserName": "dev", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
    )
    .await
    .unwrap();
    let trust = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{account}:root"}},"Action":"sts:AssumeRole"}}]}}"#
    );
    r.iam(&root, "CreateRole", json!({"RoleName": "Deployer", "AssumeRolePolicyDocument": trust})).await.unwrap();
    r.iam(
        &root,
        "AttachRolePolicy",
        json!({"RoleName": "Deployer", "PolicyArn": "arn:aws:iam::aws:policy/IAMReadOnlyAccess"}),
    )
    .await
    .unwrap();
    let out = r
        .call(&r.sts, &key, None, "AssumeRole", json!({"RoleArn": format!("arn:aws:iam::{account}:role/Deployer"), "RoleSessionName": "ci", "DurationSeconds": 900}))
        .await
        .unwrap();
    let c = &out["Credentials"];
    let (ak, token) = (c["AccessKeyId"].as_str().unwrap(), c["SessionToken"].as_str().unwrap());
    assert_eq!(c["Expiration"], json!(1_800_000_900.0));
    assert_eq!(out["AssumedRoleUser"]["Arn"], format!("arn:aws:sts::{account}:assumed-role/Deployer/ci"));

    // The role may read IAM but not write it.
    r.call(&r.iam, ak, Some(token), "ListUsers", json!({})).await.unwrap();
    let e = r.call(&r.iam, ak, Some(token), "CreateUser", json!({"UserName": "x"})).await.unwrap_err();
    assert!(
        e.message.starts_with(&format!("User: arn:aws:sts::{account}:assumed-role/Deployer/ci is not authorized")),
        "{}",
        e.message
    );

    // Without its token, or with another, the key is refused.
    assert_eq!(r.id.resolve(ak, None).unwrap_err(), AuthFailure::InvalidClientTokenId);
    assert_eq!(r.id.resolve(ak, Some("forged")).unwrap_err(), AuthFailure::InvalidClientTokenId);

    r.clock.0.store(1_800_000_899, Ordering::SeqCst);
    assert!(r.id.resolve(ak, Some(token)).is_ok());
    r.clock.0.store(1_800_000_900, Ordering::SeqCst);
    assert_eq!(r.id.resolve(ak, Some(token)).unwrap_err(), AuthFailure::ExpiredToken);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_trust_policy_that_names_someone_else_refuses() {
    let r = region(None);
    let root = r.root();
    let account = r.id.account.clone();
    let (key, _) = r.user_with_key("dev").await;
    r.iam(
        &root,
        "AttachUserPolicy",
        json!({"UserName": "dev", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
    )
    .await
    .unwrap();
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    r.iam(&root, "CreateRole", json!({"RoleName": "Web", "AssumeRolePolicyDocument": trust})).await.unwrap();
    let e = r
        .call(
            &r.sts,
            &key,
            None,
            "AssumeRole",
            json!({"RoleArn": format!("arn:aws:iam::{account}:role/Web"), "RoleSessionName": "x"}),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code, "AccessDenied");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_operator_cap_shortens_sessions_and_inactive_keys_are_refused() {
    let r = region(Some(60));
    let (key, _) = r.user_with_key("dev").await;
    let out = r.call(&r.sts, &key, None, "GetSessionToken", json!({})).await.unwrap();
    assert_eq!(out["Credentials"]["Expiration"], json!(1_800_000_060.0));
    let root = r.root();
    r.iam(&root, "UpdateAccessKey", json!({"UserName": "dev", "AccessKeyId": key, "Status": "Inactive"}))
        .await
        .unwrap();
    assert_eq!(r.id.resolve(&key, None).unwrap_err(), AuthFailure::InvalidClientTokenId);
}

#[tokio::test(flavor = "multi_thread")]
async fn deletion_conflicts_and_limits_are_aws_errors() {
    let r = region(None);
    let root = r.root();
    r.user_with_key("a").await;
    let e = r.iam(&root, "DeleteUser", json!({"UserName": "a"})).await.unwrap_err();
    assert_eq!((e.code.as_ref(), e.status), ("DeleteConflict", 409));
    r.iam(&root, "CreateAccessKey", json!({"UserName": "a"})).await.unwrap();
    let e = r.iam(&root, "CreateAccessKey", json!({"UserName": "a"})).await.unwrap_err();
    assert_eq!(e.code, "LimitExceeded");
    let e = r.iam(&root, "CreateUser", json!({"UserName": "A"})).await.unwrap_err();
    assert_eq!((e.code.as_ref(), e.status), ("EntityAlreadyExists", 409));
    let e = r
        .iam(&root, "CreatePolicy", json!({"PolicyName": "bad", "PolicyDocument": "{\"Statement\": []"}))
        .await
        .unwrap_err();
    assert_eq!(e.code, "MalformedPolicyDocument");
}

#[tokio::test(flavor = "multi_thread")]
async fn listings_page_with_markers() {
    let r = region(None);
    let root = r.root();
    for i in 0..5 {
        r.iam(&root, "CreateUser", json!({"UserName": format!("u{i}")})).await.unwrap();
    }
    let p1 = r.iam(&root, "ListUsers", json!({"MaxItems": 2})).await.unwrap();
    assert_eq!(p1["IsTruncated"], true);
    let p2 = r.iam(&root, "ListUsers", json!({"MaxItems": 10, "Marker": p1["Marker"]})).await.unwrap();
    assert_eq!(p2["IsTruncated"], false);
    let names: Vec<&str> = p1["Users"]
        .as_array()
        .unwrap()
        .iter()
        .chain(p2["Users"].as_array().unwrap())
        .map(|u| u["UserName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["u0", "u1", "u2", "u3", "u4"]);
}
