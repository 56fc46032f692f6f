//! Console sign-in: a login profile's password (Argon2id) or the root's key pair exchanged for
//! temporary credentials that act as that identity, expire with the clock and die at sign-out.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use iam::{AuthFailure, Clock, IamService, Identity, IdentityConfig, SignIn, SignInError};
use serde_json::json;
use wire::{CallContext, PrincipalKind, Service};

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
}

fn region() -> Region {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(store::Store::open(&dir.path().join("db")).unwrap());
    let sealer = store::Sealer::open_or_create(&dir.path().join("key")).unwrap();
    let clock = Arc::new(ManualClock(AtomicU64::new(1_800_000_000)));
    let config = IdentityConfig {
        region: "ap-northeast-2".into(),
        session_duration_cap: None,
        accept_any_credentials: false,
        account_id: None,
    };
    let id = Arc::new(Identity::open(store, sealer, config, clock.clone()).unwrap());
    Region { _dir: dir, id, clock }
}

/// As the root: create `name` with a login profile.
async fn user_with_password(r: &Region, name: &str, password: &str) {
    user_with_profile(r, name, password, false).await
}

async fn user_with_profile(r: &Region, name: &str, password: &str, reset: bool) {
    let root = r.id.root_key().unwrap().access_key_id;
    let cred = r.id.resolve(&root, None).unwrap();
    let cx = CallContext {
        request_id: "r".into(),
        principal: cred.principal.clone(),
        source_ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
        secure_transport: false,
        region: "ap-northeast-2".into(),
        authorizer: None,
    };
    let iam = IamService::new(r.id.clone());
    iam.call(&cx, "CreateUser", json!({"UserName": name})).await.unwrap();
    iam.call(
        &cx,
        "CreateLoginProfile",
        json!({"UserName": name, "Password": password, "PasswordResetRequired": reset}),
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_users_password_gives_credentials_that_act_as_the_user_until_they_expire() {
    let r = region();
    user_with_password(&r, "alice", "Correct-horse-1").await;
    let c = r
        .id
        .console_sign_in(SignIn::User { user_name: "alice", password: "Correct-horse-1", new_password: None }, 43_200.0)
        .unwrap();
    assert_eq!(c.display_name, "alice");
    assert!(c.arn.ends_with(":user/alice"));
    assert_eq!(c.expiration, 1_800_000_000.0 + 43_200.0);
    let cred = r.id.resolve(&c.access_key_id, Some(&c.session_token)).unwrap();
    assert_eq!(cred.secret_access_key, c.secret_access_key);
    // The user itself, as in AWS's console (not a GetSessionToken session, which IAM's API refuses).
    assert!(matches!(&cred.principal.kind, PrincipalKind::User { name } if name == "alice"));
    assert!(cred.principal.arn.ends_with(":user/alice"));
    r.clock.0.store(1_800_000_000 + 43_200, Ordering::SeqCst);
    assert_eq!(r.id.resolve(&c.access_key_id, Some(&c.session_token)).unwrap_err(), AuthFailure::ExpiredToken);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_password_and_an_unknown_user_get_the_same_refusal() {
    let r = region();
    user_with_password(&r, "alice", "Correct-horse-1").await;
    let wrong = r
        .id
        .console_sign_in(SignIn::User { user_name: "alice", password: "Correct-horse-2", new_password: None }, 3600.0);
    let unknown = r
        .id
        .console_sign_in(SignIn::User { user_name: "bob", password: "Correct-horse-1", new_password: None }, 3600.0);
    let (wrong, unknown) = (wrong.err().unwrap().to_string(), unknown.err().unwrap().to_string());
    assert_eq!(wrong, unknown);
    assert!(wrong.contains("incorrect"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_root_signs_in_with_its_key_pair_and_sign_out_revokes() {
    let r = region();
    let root = r.id.root_key().unwrap();
    let bad = SignIn::Root { access_key_id: &root.access_key_id, secret_access_key: "nope" };
    assert!(r.id.console_sign_in(bad, 3600.0).is_err());
    let good = SignIn::Root { access_key_id: &root.access_key_id, secret_access_key: &root.secret_access_key };
    let c = r.id.console_sign_in(good, 3600.0).unwrap();
    assert_eq!(c.display_name, "root");
    let cred = r.id.resolve(&c.access_key_id, Some(&c.session_token)).unwrap();
    assert!(matches!(cred.principal.kind, PrincipalKind::Root));
    r.id.console_sign_out(&c.access_key_id).unwrap();
    assert_eq!(r.id.resolve(&c.access_key_id, Some(&c.session_token)).unwrap_err(), AuthFailure::InvalidClientTokenId);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_profile_that_requires_a_reset_signs_in_only_with_a_new_password() {
    let r = region();
    user_with_profile(&r, "rookie", "First-password-1", true).await;
    let sign_in = |password, new_password| {
        r.id.console_sign_in(SignIn::User { user_name: "rookie", password, new_password }, 3600.0)
    };
    assert!(matches!(sign_in("First-password-1", None), Err(SignInError::PasswordResetRequired)));
    assert!(matches!(sign_in("wrong-password-1", Some("Second-password-2")), Err(SignInError::Refused)));
    assert!(matches!(sign_in("First-password-1", Some("short")), Err(SignInError::NewPasswordRejected(_))));
    assert!(matches!(sign_in("First-password-1", Some("First-password-1")), Err(SignInError::NewPasswordRejected(_))));
    sign_in("First-password-1", Some("Second-password-2")).unwrap();
    assert!(matches!(sign_in("First-password-1", None), Err(SignInError::Refused)));
    sign_in("Second-password-2", None).unwrap();
}
