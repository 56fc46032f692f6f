//! Role trust policies and `sts:AssumeRole`.

mod common;

use common::{docs, keys};
use policy::{authorize_assume_role, evaluate_policy_set, Decision, DenyReason, PolicyKind, RequestContext};

const TRUST_ACCOUNT_ROOT: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},
    "Action":"sts:AssumeRole"}}"#;
const TRUST_ACCOUNT_ID: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Allow","Principal":{"AWS":["111122223333"]},"Action":"sts:AssumeRole"}}"#;
const TRUST_EC2: &str = r#"{"Version":"2012-10-17","Statement":[{
    "Sid":"EC2","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},
    "Action":"sts:AssumeRole"}]}"#;
const TRUST_USER: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},
    "Action":["sts:AssumeRole","sts:TagSession"]}}"#;
const TRUST_EXTERNAL_ID: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},
    "Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"Unique1"}}}}"#;
const TRUST_DENY_ALICE: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"},
    {"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},
     "Action":"sts:AssumeRole"}]}"#;
const TRUST_MFA: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole",
    "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}}"#;
const CAN_ASSUME: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::111122223333:role/R"}}"#;

const ALICE: &str = "arn:aws:iam::111122223333:user/alice";
const ALICE_ALIASES: &[&str] = &["arn:aws:iam::111122223333:root"];
const MALLORY: &str = "arn:aws:iam::444455556666:user/mallory";
const MALLORY_ALIASES: &[&str] = &["arn:aws:iam::444455556666:root"];

type Keys = &'static [(&'static str, &'static [&'static str])];

/// (doc page, trust policy, caller identity policies, caller ARN, aliases,
///  calling service, keys, expected deny reason or None for allow)
type Row = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
    Option<&'static str>,
    Keys,
    Option<DenyReason>,
);

const ROWS: &[Row] = &[
    (
        "id_roles_create_for-user.html (account root trusts; user has sts:AssumeRole)",
        TRUST_ACCOUNT_ROOT,
        &[CAN_ASSUME],
        ALICE,
        ALICE_ALIASES,
        None,
        &[],
        None,
    ),
    (
        "reference_policies_elements_principal.html#principal-accounts (delegation needs identity allow)",
        TRUST_ACCOUNT_ROOT,
        &[],
        ALICE,
        ALICE_ALIASES,
        None,
        &[],
        Some(DenyReason::NoIdentityAllow),
    ),
    (
        "reference_policies_elements_principal.html#principal-accounts (account id form)",
        TRUST_ACCOUNT_ID,
        &[CAN_ASSUME],
        ALICE,
        ALICE_ALIASES,
        None,
        &[],
        None,
    ),
    (
        "reference_policies_elements_principal.html#principal-accounts (other account)",
        TRUST_ACCOUNT_ROOT,
        &[CAN_ASSUME],
        MALLORY,
        MALLORY_ALIASES,
        None,
        &[],
        Some(DenyReason::NoResourceAllow),
    ),
    (
        "id_roles_use_switch-role-ec2.html (EC2 service principal)",
        TRUST_EC2,
        &[],
        "",
        &[],
        Some("ec2.amazonaws.com"),
        &[],
        None,
    ),
    (
        "reference_policies_elements_principal.html#principal-services (other service)",
        TRUST_EC2,
        &[],
        "",
        &[],
        Some("lambda.amazonaws.com"),
        &[],
        Some(DenyReason::NoResourceAllow),
    ),
    (
        "reference_policies_elements_principal.html#principal-services (a user is not the service)",
        TRUST_EC2,
        &[CAN_ASSUME],
        ALICE,
        ALICE_ALIASES,
        None,
        &[],
        Some(DenyReason::NoResourceAllow),
    ),
    (
        "reference_policies_elements_principal.html#principal-users (user named: no identity policy needed)",
        TRUST_USER,
        &[],
        ALICE,
        ALICE_ALIASES,
        None,
        &[],
        None,
    ),
    (
        "id_roles_create_for-user_externalid.html (ExternalId missing)",
        TRUST_EXTERNAL_ID,
        &[],
        ALICE,
        ALICE_ALIASES,
        None,
        &[],
        Some(DenyReason::NoResourceAllow),
    ),
    (
        "id_roles_create_for-user_externalid.html (ExternalId given)",
        TRUST_EXTERNAL_ID,
        &[],
        ALICE,
        ALICE_ALIASES,
        None,
        &[("sts:ExternalId", &["Unique1"])],
        None,
    ),
    (
        "reference_policies_evaluation-logic.html (explicit deny in trust policy)",
        TRUST_DENY_ALICE,
        &[CAN_ASSUME],
        ALICE,
        ALICE_ALIASES,
        None,
        &[],
        Some(DenyReason::ExplicitDeny { kind: PolicyKind::Resource }),
    ),
    (
        "id_credentials_mfa_configure-api-require.html (role requires MFA; none)",
        TRUST_MFA,
        &[CAN_ASSUME],
        ALICE,
        ALICE_ALIASES,
        None,
        &[],
        Some(DenyReason::NoResourceAllow),
    ),
    (
        "id_credentials_mfa_configure-api-require.html (role requires MFA; present)",
        TRUST_MFA,
        &[CAN_ASSUME],
        ALICE,
        ALICE_ALIASES,
        None,
        &[("aws:MultiFactorAuthPresent", &["true"])],
        None,
    ),
];

#[test]
fn assume_role_table() {
    for (i, (cite, trust, identity, arn, aliases, service, k, want)) in ROWS.iter().enumerate() {
        let trust = docs(&[trust]);
        trust[0].validate_trust_policy().unwrap();
        let identity = docs(identity);
        let id_set: Vec<_> = identity.iter().map(|d| ("id", d)).collect();
        let k = keys(k);
        let ctx = RequestContext {
            action: "sts:AssumeRole",
            resource: "arn:aws:iam::111122223333:role/R",
            principal_arn: arn,
            principal_aliases: aliases,
            principal_service: *service,
            keys: &k,
        };
        let out = authorize_assume_role(&id_set, None, &[("trust", &trust[0])], &ctx);
        assert_eq!(out.reason, *want, "row {i}: {cite}");
        assert_eq!(out.is_allowed(), want.is_none(), "row {i}: {cite}");
    }
}

/// The trust policy on its own, through `evaluate_policy_set`.
#[test]
fn trust_policy_set_reports_the_statement() {
    let trust = docs(&[TRUST_EC2]);
    let k = keys(&[]);
    let mut ctx = RequestContext::new("sts:AssumeRole", "arn:aws:iam::1:role/R", &k);
    ctx.principal_service = Some("ec2.amazonaws.com");
    let (decision, matched) = evaluate_policy_set(&[("trust:R", &trust[0])], &ctx);
    assert_eq!(decision, Decision::Allow);
    assert_eq!(matched.len(), 1);
    assert_eq!(matched[0].policy, "trust:R");
    assert_eq!(matched[0].sid.as_deref(), Some("EC2"));
    ctx.action = "sts:AssumeRoleWithSAML";
    assert_eq!(evaluate_policy_set(&[("trust:R", &trust[0])], &ctx).0, Decision::ImplicitDeny);
}
