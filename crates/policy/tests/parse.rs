//! Parsing and validation: accepted shapes and MalformedPolicyDocument
//! messages.

use policy::{Effect, PolicyDocument, Principal, PrincipalType};

const SYNTAX: &str = "Syntax errors in policy.";
const VENDOR: &str = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";

/// (doc page, document, expected error message)
const MALFORMED: &[(&str, &str, &str)] = &[
    (
        "reference_policies_grammar.html (not JSON)",
        r#"{"Version":"2012-10-17","Statement":"#,
        "The policy failed legacy parsing",
    ),
    ("reference_policies_grammar.html (not an object)", r#"[]"#, SYNTAX),
    (
        "reference_policies_elements_version.html (unknown version)",
        r#"{"Version":"2013-01-01","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
        SYNTAX,
    ),
    (
        "reference_policies_grammar.html (unknown top-level element)",
        r#"{"Version":"2012-10-17","Statements":[]}"#,
        SYNTAX,
    ),
    (
        "reference_policies_elements_statement.html (no Statement)",
        r#"{"Version":"2012-10-17"}"#,
        "Missing required field Statement",
    ),
    (
        "reference_policies_elements_statement.html (Statement is a string)",
        r#"{"Version":"2012-10-17","Statement":"Allow"}"#,
        SYNTAX,
    ),
    (
        "reference_policies_grammar.html (unknown statement element)",
        r#"{"Statement":{"Effect":"Allow","Actions":"*","Resource":"*"}}"#,
        SYNTAX,
    ),
    (
        "reference_policies_elements_effect.html (missing)",
        r#"{"Statement":{"Action":"*","Resource":"*"}}"#,
        "Missing required field Effect",
    ),
    (
        "reference_policies_elements_effect.html (unknown value)",
        r#"{"Statement":{"Effect":"Permit","Action":"*","Resource":"*"}}"#,
        "Invalid effect: Permit",
    ),
    (
        "reference_policies_elements_action.html (missing)",
        r#"{"Statement":{"Effect":"Allow","Resource":"*"}}"#,
        "Missing required field Action",
    ),
    (
        "reference_policies_elements_action.html (empty list)",
        r#"{"Statement":{"Effect":"Allow","Action":[],"Resource":"*"}}"#,
        "Policy statement must contain actions.",
    ),
    (
        "reference_policies_elements.html (Action and NotAction)",
        r#"{"Statement":{"Effect":"Allow","Action":"*","NotAction":"iam:*","Resource":"*"}}"#,
        "Statement contains both Action and NotAction",
    ),
    (
        "reference_policies_elements.html (Resource and NotResource)",
        r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"}}"#,
        "Statement contains both Resource and NotResource",
    ),
    (
        "reference_policies_elements.html (Principal and NotPrincipal)",
        r#"{"Statement":{"Effect":"Deny","Action":"*","Principal":"*","NotPrincipal":"*"}}"#,
        "Statement contains both Principal and NotPrincipal",
    ),
    (
        "reference_policies_elements_action.html (no service prefix)",
        r#"{"Statement":{"Effect":"Allow","Action":"CreateUser","Resource":"*"}}"#,
        VENDOR,
    ),
    (
        "reference_policies_elements_action.html (action not a string)",
        r#"{"Statement":{"Effect":"Allow","Action":[7],"Resource":"*"}}"#,
        SYNTAX,
    ),
    (
        "reference_policies_elements_resource.html (not an ARN)",
        r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"bucket"}}"#,
        "Resource bucket must be in ARN format or \"*\".",
    ),
    (
        "reference_policies_elements_condition_operators.html (unknown operator)",
        r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*",
            "Condition":{"StringEqualz":{"aws:username":"a"}}}}"#,
        "Invalid Condition type : StringEqualz",
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_Null (no IfExists form)",
        r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*",
            "Condition":{"NullIfExists":{"aws:username":"true"}}}}"#,
        "Invalid Condition type : NullIfExists",
    ),
    (
        "reference_policies_elements_condition.html (null value)",
        r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*",
            "Condition":{"StringEquals":{"aws:username":null}}}}"#,
        SYNTAX,
    ),
    (
        "reference_policies_elements_condition.html (key without vendor)",
        r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*",
            "Condition":{"StringEquals":{"username":"a"}}}}"#,
        VENDOR,
    ),
    (
        "reference_policies_elements_principal.html (bad AWS principal)",
        r#"{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"alice"}}}"#,
        "Invalid principal in policy: \"AWS\":\"alice\"",
    ),
    (
        "reference_policies_elements_principal.html (unknown principal type)",
        r#"{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"User":"x"}}}"#,
        SYNTAX,
    ),
];

#[test]
fn malformed_documents() {
    for (i, (page, text, want)) in MALFORMED.iter().enumerate() {
        let err = PolicyDocument::parse(text).expect_err(text);
        assert_eq!(err.message(), *want, "row {i} ({page})");
        assert_eq!(err.to_string(), *want, "row {i} ({page})");
    }
}

/// (doc page, document) pairs that must parse.
const ACCEPTED: &[(&str, &str)] = &[
    (
        "reference_policies_elements_version.html (version omitted)",
        r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
    ),
    (
        "reference_policies_elements_version.html (2008-10-17)",
        r#"{"Version":"2008-10-17","Id":"x","Statement":[{"Effect":"Allow","Action":["s3:Get*"],"Resource":["*"]}]}"#,
    ),
    (
        "reference_policies_elements_principal.html (all principal forms)",
        r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"},
            {"Effect":"Allow","Principal":{"AWS":["123456789012","arn:aws:iam::123456789012:role/R"],
             "Service":["ec2.amazonaws.com"],"Federated":"cognito-identity.amazonaws.com"},
             "Action":"sts:AssumeRoleWithWebIdentity"}]}"#,
    ),
];

#[test]
fn accepted_documents() {
    for (page, text) in ACCEPTED {
        PolicyDocument::parse(text).unwrap_or_else(|e| panic!("{page}: {e}"));
    }
}

#[test]
fn parsed_shape() {
    let doc = PolicyDocument::parse(
        r#"{"Version":"2012-10-17","Statement":{"Sid":"A","Effect":"Deny",
            "NotPrincipal":{"AWS":"123456789012","Service":"ec2.amazonaws.com"},
            "NotAction":"iam:*","NotResource":["arn:aws:s3:::b"],
            "Condition":{"NumericLessThan":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":[false]}}}}"#,
    )
    .unwrap();
    assert!(doc.supports_variables());
    let s = &doc.statements[0];
    assert_eq!(s.sid.as_deref(), Some("A"));
    assert_eq!(s.effect, Effect::Deny);
    assert!(s.actions.negated);
    assert!(s.resources.as_ref().unwrap().negated);
    let p = s.principal.as_ref().unwrap();
    assert!(p.negated);
    assert_eq!(
        p.principal,
        Principal::Typed(vec![
            (PrincipalType::Aws, vec!["123456789012".to_string()]),
            (PrincipalType::Service, vec!["ec2.amazonaws.com".to_string()]),
        ])
    );
    // Numbers and booleans are kept as their text.
    assert_eq!(s.conditions[0].values, vec!["10"]);
    assert_eq!(s.conditions[1].values, vec!["false"]);
    assert_eq!(s.conditions[1].operator, "Bool");
}

/// (doc page, identity policy, expected error or "" for valid)
const IDENTITY: &[(&str, &str, &str)] = &[
    (
        "reference_policies_elements_resource.html (Resource required)",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:*"}}"#,
        "Policy statement must contain resources.",
    ),
    (
        "reference_policies_elements_principal.html (not in identity policies)",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}"#,
        "Policy document should not specify a principal.",
    ),
    (
        "reference_policies_elements_sid.html (alphanumeric)",
        r#"{"Version":"2012-10-17","Statement":{"Sid":"my sid","Effect":"Allow","Action":"s3:*","Resource":"*"}}"#,
        "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
    ),
    (
        "reference_policies_elements_sid.html (unique)",
        r#"{"Version":"2012-10-17","Statement":[
            {"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},
            {"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#,
        "Statement IDs (SID) in a single policy must be unique.",
    ),
    (
        "reference_policies_elements_notresource.html (NotResource is enough)",
        r#"{"Version":"2012-10-17","Statement":{"Sid":"A1","Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::b"}}"#,
        "",
    ),
];

#[test]
fn identity_policy_validation() {
    for (page, text, want) in IDENTITY {
        let doc = PolicyDocument::parse(text).unwrap();
        let got = doc.validate_identity_policy().err().map(|e| e.message().to_string());
        assert_eq!(got.as_deref().unwrap_or(""), *want, "{page}");
    }
}

/// (doc page, trust policy, expected error or "" for valid)
const TRUST: &[(&str, &str, &str)] = &[
    (
        "id_roles_terms-and-concepts.html (trust policy needs a principal)",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}"#,
        "Missing required field Principal",
    ),
    (
        "id_roles_terms-and-concepts.html (no Resource in trust policies)",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},
            "Action":"sts:AssumeRole","Resource":"*"}}"#,
        "Has prohibited field Resource",
    ),
    (
        "id_roles_create_for-service.html",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},
            "Action":"sts:AssumeRole"}}"#,
        "",
    ),
];

#[test]
fn trust_policy_validation() {
    for (page, text, want) in TRUST {
        let doc = PolicyDocument::parse(text).unwrap();
        let got = doc.validate_trust_policy().err().map(|e| e.message().to_string());
        assert_eq!(got.as_deref().unwrap_or(""), *want, "{page}");
    }
}

/// (case, identity-based policy, IAM's MalformedPolicyDocument text) — IAM's wording for
/// identity-based policies, as recorded from CreatePolicy (moto's test_iam_policies.py cases,
/// which were taken from AWS's answers).
const IDENTITY_MALFORMED: &[(&str, &str, &str)] = &[
    ("not JSON", "This is not a json document", SYNTAX),
    ("truncated JSON", r#"{"Version":"2012-10-17","Statement":"#, SYNTAX),
    ("no Statement", r#"{"Version":"2012-10-17"}"#, SYNTAX),
    ("empty Statement list", r#"{"Version":"2012-10-17","Statement":[]}"#, SYNTAX),
    ("no Effect", r#"{"Version":"2012-10-17","Statement":{"Action":"s3:ListBucket","Resource":"*"}}"#, SYNTAX),
    (
        "unknown Effect",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"invalid","Action":"s3:*","Resource":"*"}}"#,
        SYNTAX,
    ),
    (
        "Effect in the wrong case",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"denY","Action":"s3:*","Resource":"*"}}"#,
        "The policy failed legacy parsing",
    ),
    (
        "no Action",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Resource":"*"}}"#,
        "Policy statement must contain actions.",
    ),
    (
        "Action and NotAction",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*","Resource":"*"}}"#,
        SYNTAX,
    ),
    (
        "Resource and NotResource",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","NotResource":"*"}}"#,
        SYNTAX,
    ),
    (
        "unknown version",
        r#"{"Version":"2013-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#,
        SYNTAX,
    ),
    ("action without vendor", r#"{"Statement":{"Effect":"Allow","Action":"invalid","Resource":"*"}}"#, VENDOR),
];

#[test]
fn identity_dialect_texts() {
    for (case, text, want) in IDENTITY_MALFORMED {
        let err = PolicyDocument::parse_identity(text).expect_err(case);
        assert_eq!(err.message(), *want, "{case}");
    }
    // The resource-policy wording stays as it was.
    let err = PolicyDocument::parse(r#"{"Version":"2012-10-17"}"#).unwrap_err();
    assert_eq!(err.message(), "Missing required field Statement");
}
