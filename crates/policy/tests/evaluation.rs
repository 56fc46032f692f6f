//! `authorize`: identity policies, permissions boundaries and resource-based
//! policies combined, one row per documented example.

mod common;

use common::{docs, keys, labelled};
use policy::{authorize, Decision, DenyReason, PolicyKind, RequestContext};

const ADMIN: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
const DENY_CREATE_USER: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Sid":"NoUsers","Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}"#;
const ALL_BUT_IAM: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}"#;
const ALL_BUT_PAYROLL: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Allow","Action":"s3:*",
    "NotResource":["arn:aws:s3:::HRBucket/Payroll","arn:aws:s3:::HRBucket/Payroll/*"]}}"#;
const DENY_OUTSIDE_IPS: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Deny","Action":"*","Resource":"*",
    "Condition":{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","203.0.113.0/24"]},
                 "Bool":{"aws:ViaAWSService":"false"}}}}"#;
const DATE_WINDOW: &str = r#"{"Version":"2012-10-17","Statement":[{
    "Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*",
    "Condition":{"DateGreaterThan":{"aws:CurrentTime":"2020-04-01T00:00:00Z"},
                 "DateLessThan":{"aws:CurrentTime":"2020-06-30T23:59:59Z"}}}]}"#;
const HOME_FOLDER: &str = r#"{"Version":"2012-10-17","Statement":[{
    "Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],
    "Resource":"arn:aws:s3:::bucket/home/${aws:username}/*"}]}"#;
const MFA_FOR_STOP: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"ec2:*","Resource":"*"},
    {"Effect":"Deny","Action":["ec2:StopInstances","ec2:TerminateInstances"],"Resource":"*",
     "Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}"#;
const TAG_KEYS: &str = r#"{"Version":"2012-10-17","Statement":[{
    "Effect":"Allow","Action":"ec2:CreateTags","Resource":"*",
    "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}}]}"#;
const IAM_ALL: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Allow","Action":"iam:*","Resource":"*"}}"#;
const IAM_READ: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"}}"#;
const BOUNDARY_DENY_DELETE: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"*","Resource":"*"},
    {"Effect":"Deny","Action":"iam:Delete*","Resource":"*"}]}"#;
const BUCKET_FOR_ALICE: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},
    "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#;
const BUCKET_FOR_ROLE: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/R"},
    "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#;
const BUCKET_FOR_SESSION: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Allow","Principal":{"AWS":"arn:aws:sts::111122223333:assumed-role/R/s"},
    "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#;
const BUCKET_FOR_ACCOUNT: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Allow","Principal":{"AWS":"111122223333"},
    "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#;
const BUCKET_PUBLIC: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#;
const BUCKET_DENY_ALICE: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Deny","Principal":{"AWS":["arn:aws:iam::111122223333:user/alice"]},
    "Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}}"#;
const BUCKET_DENY_NOT_BOB: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:user/bob","111122223333"]},
    "Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}}"#;
const BUCKET_DENY_NOT_ROLE: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:role/R"]},
    "Action":"s3:*","Resource":"arn:aws:s3:::b/*"}}"#;
const BUCKET_DENY_NOT_ROLE_SESSION_ACCOUNT: &str = r#"{"Version":"2012-10-17","Statement":{
    "Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:role/R",
        "arn:aws:sts::111122223333:assumed-role/R/s","arn:aws:iam::111122223333:root"]},
    "Action":"s3:*","Resource":"arn:aws:s3:::b/*"}}"#;

const ALICE: &str = "arn:aws:iam::111122223333:user/alice";
const BOB: &str = "arn:aws:iam::111122223333:user/bob";
const SESSION: &str = "arn:aws:sts::111122223333:assumed-role/R/s";
const ROLE_ALIASES: &[&str] = &["arn:aws:iam::111122223333:role/R", "arn:aws:iam::111122223333:root"];
const USER_ALIASES: &[&str] = &["arn:aws:iam::111122223333:root"];

type Keys = &'static [(&'static str, &'static [&'static str])];

struct Case {
    cite: &'static str,
    identity: &'static [&'static str],
    boundary: Option<&'static [&'static str]>,
    resource: Option<&'static [&'static str]>,
    action: &'static str,
    arn: &'static str,
    principal: &'static str,
    aliases: &'static [&'static str],
    keys: Keys,
    want: Option<DenyReason>,
}

const BASE: Case = Case {
    cite: "",
    identity: &[],
    boundary: None,
    resource: None,
    action: "iam:CreateUser",
    arn: "arn:aws:iam::111122223333:user/new",
    principal: ALICE,
    aliases: USER_ALIASES,
    keys: &[],
    want: None,
};

const ALLOW: Option<DenyReason> = None;
const NO_IDENTITY: Option<DenyReason> = Some(DenyReason::NoIdentityAllow);
const NO_BOUNDARY: Option<DenyReason> = Some(DenyReason::NoBoundaryAllow);
const DENY_IDENTITY: Option<DenyReason> = Some(DenyReason::ExplicitDeny { kind: PolicyKind::Identity });
const DENY_BOUNDARY: Option<DenyReason> = Some(DenyReason::ExplicitDeny { kind: PolicyKind::Boundary });
const DENY_RESOURCE: Option<DenyReason> = Some(DenyReason::ExplicitDeny { kind: PolicyKind::Resource });

const CASES: &[Case] = &[
    // --- reference_policies_evaluation-logic.html: default deny, allow, explicit deny
    Case { cite: "reference_policies_evaluation-logic.html (no policy: implicit deny)", want: NO_IDENTITY, ..BASE },
    Case { cite: "access_policies_job-functions.html AdministratorAccess", identity: &[ADMIN], want: ALLOW, ..BASE },
    Case {
        cite: "reference_policies_evaluation-logic.html (explicit deny beats allow)",
        identity: &[ADMIN, DENY_CREATE_USER],
        want: DENY_IDENTITY,
        ..BASE
    },
    Case {
        cite: "reference_policies_evaluation-logic.html (deny for another action is irrelevant)",
        identity: &[ADMIN, DENY_CREATE_USER],
        action: "iam:DeleteUser",
        want: ALLOW,
        ..BASE
    },
    // --- reference_policies_elements_notaction.html
    Case {
        cite: "reference_policies_elements_notaction.html (all but IAM: s3 allowed)",
        identity: &[ALL_BUT_IAM],
        action: "s3:ListAllMyBuckets",
        arn: "*",
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "reference_policies_elements_notaction.html (all but IAM: iam denied)",
        identity: &[ALL_BUT_IAM],
        want: NO_IDENTITY,
        ..BASE
    },
    Case {
        cite: "reference_policies_elements_action.html (actions are case-insensitive)",
        identity: &[ALL_BUT_IAM],
        action: "IAM:createuser",
        want: NO_IDENTITY,
        ..BASE
    },
    // --- reference_policies_elements_notresource.html
    Case {
        cite: "reference_policies_elements_notresource.html (other bucket allowed)",
        identity: &[ALL_BUT_PAYROLL],
        action: "s3:GetObject",
        arn: "arn:aws:s3:::HRBucket/Benefits/plan.pdf",
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "reference_policies_elements_notresource.html (Payroll excluded)",
        identity: &[ALL_BUT_PAYROLL],
        action: "s3:GetObject",
        arn: "arn:aws:s3:::HRBucket/Payroll/jan.csv",
        want: NO_IDENTITY,
        ..BASE
    },
    // --- reference_policies_examples_aws_deny-ip.html
    Case {
        cite: "reference_policies_examples_aws_deny-ip.html (from an allowed range)",
        identity: &[ADMIN, DENY_OUTSIDE_IPS],
        keys: &[("aws:SourceIp", &["203.0.113.9"]), ("aws:ViaAWSService", &["false"])],
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "reference_policies_examples_aws_deny-ip.html (from elsewhere)",
        identity: &[ADMIN, DENY_OUTSIDE_IPS],
        keys: &[("aws:SourceIp", &["198.51.100.4"]), ("aws:ViaAWSService", &["false"])],
        want: DENY_IDENTITY,
        ..BASE
    },
    Case {
        cite: "reference_policies_examples_aws_deny-ip.html (service calling on the user's behalf)",
        identity: &[ADMIN, DENY_OUTSIDE_IPS],
        keys: &[("aws:SourceIp", &["198.51.100.4"]), ("aws:ViaAWSService", &["true"])],
        want: ALLOW,
        ..BASE
    },
    // --- reference_policies_examples_aws-dates.html
    Case {
        cite: "reference_policies_examples_aws-dates.html (inside the window)",
        identity: &[DATE_WINDOW],
        action: "ec2:DescribeInstances",
        arn: "*",
        keys: &[("aws:CurrentTime", &["2020-05-01T08:00:00Z"])],
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "reference_policies_examples_aws-dates.html (before the window)",
        identity: &[DATE_WINDOW],
        action: "ec2:DescribeInstances",
        arn: "*",
        keys: &[("aws:CurrentTime", &["2020-03-31T23:59:59Z"])],
        want: NO_IDENTITY,
        ..BASE
    },
    Case {
        cite: "reference_policies_examples_aws-dates.html (no clock injected)",
        identity: &[DATE_WINDOW],
        action: "ec2:DescribeInstances",
        arn: "*",
        want: NO_IDENTITY,
        ..BASE
    },
    // --- reference_policies_variables.html
    Case {
        cite: "reference_policies_variables.html (own home folder)",
        identity: &[HOME_FOLDER],
        action: "s3:GetObject",
        arn: "arn:aws:s3:::bucket/home/alice/notes.txt",
        keys: &[("aws:username", &["alice"])],
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "reference_policies_variables.html (someone else's folder)",
        identity: &[HOME_FOLDER],
        action: "s3:GetObject",
        arn: "arn:aws:s3:::bucket/home/bob/notes.txt",
        keys: &[("aws:username", &["alice"])],
        want: NO_IDENTITY,
        ..BASE
    },
    Case {
        cite: "reference_policies_variables.html#policy-vars-no-value (no aws:username)",
        identity: &[HOME_FOLDER],
        action: "s3:GetObject",
        arn: "arn:aws:s3:::bucket/home//notes.txt",
        want: NO_IDENTITY,
        ..BASE
    },
    // --- reference_policies_elements_condition_operators.html#Conditions_IfExists (MFA)
    Case {
        cite: "reference_policies_elements_condition_operators.html#Conditions_IfExists (no MFA key)",
        identity: &[MFA_FOR_STOP],
        action: "ec2:StopInstances",
        arn: "*",
        want: DENY_IDENTITY,
        ..BASE
    },
    Case {
        cite: "reference_policies_elements_condition_operators.html#Conditions_IfExists (MFA false)",
        identity: &[MFA_FOR_STOP],
        action: "ec2:StopInstances",
        arn: "*",
        keys: &[("aws:MultiFactorAuthPresent", &["false"])],
        want: DENY_IDENTITY,
        ..BASE
    },
    Case {
        cite: "reference_policies_elements_condition_operators.html#Conditions_IfExists (MFA true)",
        identity: &[MFA_FOR_STOP],
        action: "ec2:StopInstances",
        arn: "*",
        keys: &[("aws:MultiFactorAuthPresent", &["true"])],
        want: ALLOW,
        ..BASE
    },
    // --- reference_policies_condition-single-vs-multi-valued-context-keys.html
    Case {
        cite: "reference_policies_condition-single-vs-multi-valued-context-keys.html (allowed tag keys)",
        identity: &[TAG_KEYS],
        action: "ec2:CreateTags",
        arn: "*",
        keys: &[("aws:TagKeys", &["environment", "cost-center"])],
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "reference_policies_condition-single-vs-multi-valued-context-keys.html (extra tag key)",
        identity: &[TAG_KEYS],
        action: "ec2:CreateTags",
        arn: "*",
        keys: &[("aws:TagKeys", &["environment", "owner"])],
        want: NO_IDENTITY,
        ..BASE
    },
    // --- access_policies_boundaries.html
    Case {
        cite: "access_policies_boundaries.html (boundary does not allow CreateUser)",
        identity: &[IAM_ALL],
        boundary: Some(&[IAM_READ]),
        want: NO_BOUNDARY,
        ..BASE
    },
    Case {
        cite: "access_policies_boundaries.html (both allow GetUser)",
        identity: &[IAM_ALL],
        boundary: Some(&[IAM_READ]),
        action: "iam:GetUser",
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "access_policies_boundaries.html (boundary alone grants nothing)",
        identity: &[],
        boundary: Some(&[ADMIN]),
        want: NO_IDENTITY,
        ..BASE
    },
    Case {
        cite: "access_policies_boundaries.html (explicit deny in boundary)",
        identity: &[ADMIN],
        boundary: Some(&[BOUNDARY_DENY_DELETE]),
        action: "iam:DeleteUser",
        want: DENY_BOUNDARY,
        ..BASE
    },
    // --- reference_policies_evaluation-logic.html: resource-based policies
    Case {
        cite: "reference_policies_evaluation-logic.html (resource policy names the user)",
        resource: Some(&[BUCKET_FOR_ALICE]),
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "reference_policies_evaluation-logic.html (user ARN grant not limited by boundary)",
        boundary: Some(&[IAM_READ]),
        resource: Some(&[BUCKET_FOR_ALICE]),
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "reference_policies_evaluation-logic.html (resource policy names someone else)",
        resource: Some(&[BUCKET_FOR_ALICE]),
        principal: BOB,
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: NO_IDENTITY,
        ..BASE
    },
    Case {
        cite: "reference_policies_evaluation-logic.html (identity allow suffices in one account)",
        identity: &[ADMIN],
        resource: Some(&[BUCKET_FOR_ALICE]),
        principal: BOB,
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "reference_policies_evaluation-logic.html (role ARN grant, no boundary)",
        resource: Some(&[BUCKET_FOR_ROLE]),
        principal: SESSION,
        aliases: ROLE_ALIASES,
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "access_policies_boundaries.html (role ARN grant is limited by the boundary)",
        boundary: Some(&[IAM_READ]),
        identity: &[ADMIN],
        resource: Some(&[BUCKET_FOR_ROLE]),
        principal: SESSION,
        aliases: ROLE_ALIASES,
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: NO_BOUNDARY,
        ..BASE
    },
    Case {
        cite: "access_policies_boundaries.html (session ARN grant is not limited by the boundary)",
        boundary: Some(&[IAM_READ]),
        resource: Some(&[BUCKET_FOR_SESSION]),
        principal: SESSION,
        aliases: ROLE_ALIASES,
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "reference_policies_elements_principal.html#principal-accounts (account delegates)",
        resource: Some(&[BUCKET_FOR_ACCOUNT]),
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: NO_IDENTITY,
        ..BASE
    },
    Case {
        cite: "reference_policies_elements_principal.html#principal-accounts (delegated + identity)",
        identity: &[ADMIN],
        resource: Some(&[BUCKET_FOR_ACCOUNT]),
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "reference_policies_elements_principal.html#principal-anonymous (public grant)",
        resource: Some(&[BUCKET_PUBLIC]),
        principal: "",
        aliases: &[],
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "reference_policies_evaluation-logic.html (explicit deny in resource policy)",
        identity: &[ADMIN],
        resource: Some(&[BUCKET_DENY_ALICE]),
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: DENY_RESOURCE,
        ..BASE
    },
    Case {
        cite: "reference_policies_elements_notprincipal.html (Bob and account listed: Bob passes)",
        identity: &[ADMIN],
        resource: Some(&[BUCKET_DENY_NOT_BOB]),
        principal: BOB,
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: ALLOW,
        ..BASE
    },
    Case {
        cite: "reference_policies_elements_notprincipal.html (Alice not listed: denied)",
        identity: &[ADMIN],
        resource: Some(&[BUCKET_DENY_NOT_BOB]),
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: DENY_RESOURCE,
        ..BASE
    },
    Case {
        cite: "reference_policies_elements_notprincipal.html (only the role listed: session denied)",
        identity: &[ADMIN],
        resource: Some(&[BUCKET_DENY_NOT_ROLE]),
        principal: SESSION,
        aliases: ROLE_ALIASES,
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: DENY_RESOURCE,
        ..BASE
    },
    Case {
        cite: "reference_policies_elements_notprincipal.html (role, session and account listed)",
        identity: &[ADMIN],
        resource: Some(&[BUCKET_DENY_NOT_ROLE_SESSION_ACCOUNT]),
        principal: SESSION,
        aliases: ROLE_ALIASES,
        action: "s3:GetObject",
        arn: "arn:aws:s3:::b/k",
        want: ALLOW,
        ..BASE
    },
];

#[test]
fn authorize_table() {
    for (i, case) in CASES.iter().enumerate() {
        let identity = docs(case.identity);
        let boundary = case.boundary.map(docs);
        let resource = case.resource.map(docs);
        let k = keys(case.keys);
        let ctx = RequestContext {
            action: case.action,
            resource: case.arn,
            principal_arn: case.principal,
            principal_aliases: case.aliases,
            principal_service: None,
            keys: &k,
        };
        let id_set = labelled(&identity);
        let b_set = boundary.as_deref().map(labelled);
        let r_set = resource.as_deref().map(labelled);
        let out = authorize(&id_set, b_set.as_deref(), r_set.as_deref(), &ctx);
        assert_eq!(out.reason, case.want, "row {i}: {}", case.cite);
        let want_decision = match case.want {
            None => Decision::Allow,
            Some(DenyReason::ExplicitDeny { .. }) => Decision::ExplicitDeny,
            Some(_) => Decision::ImplicitDeny,
        };
        assert_eq!(out.decision, want_decision, "row {i}: {}", case.cite);
    }
}

/// The matched statements name the policy label, index and Sid, so the
/// deciding statement can be reported.
#[test]
fn matched_statements_are_reported() {
    let identity = docs(&[ADMIN, DENY_CREATE_USER]);
    let k = keys(&[]);
    let ctx = RequestContext::new("iam:CreateUser", "*", &k);
    let set = [("arn:aws:iam::aws:policy/AdministratorAccess", &identity[0]), ("inline:NoUsers", &identity[1])];
    let out = authorize(&set, None, None, &ctx);
    assert_eq!(out.matched.len(), 2);
    assert_eq!(out.matched[0].policy, "arn:aws:iam::aws:policy/AdministratorAccess");
    assert_eq!(out.matched[0].effect, policy::Effect::Allow);
    assert_eq!(out.matched[1].policy, "inline:NoUsers");
    assert_eq!(out.matched[1].statement_index, 0);
    assert_eq!(out.matched[1].sid.as_deref(), Some("NoUsers"));
    assert_eq!(out.matched[1].effect, policy::Effect::Deny);
}

/// troubleshoot_access-denied.html: the tail of the AccessDenied message.
#[test]
fn because_clauses() {
    let rows = [
        (DenyReason::NoIdentityAllow, "because no identity-based policy allows the iam:CreateUser action"),
        (DenyReason::ExplicitDeny { kind: PolicyKind::Identity }, "with an explicit deny in an identity-based policy"),
        (DenyReason::NoBoundaryAllow, "because no permissions boundary allows the iam:CreateUser action"),
        (DenyReason::ExplicitDeny { kind: PolicyKind::Boundary }, "with an explicit deny in a permissions boundary"),
        (DenyReason::ExplicitDeny { kind: PolicyKind::Resource }, "with an explicit deny in a resource-based policy"),
        (DenyReason::NoResourceAllow, "because no resource-based policy allows the iam:CreateUser action"),
    ];
    for (reason, want) in rows {
        assert_eq!(reason.because_clause("iam:CreateUser"), want);
    }
}
