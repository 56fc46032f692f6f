//! Condition operators, one row per case. Each row wraps its Condition block
//! in an `Allow * on *` statement and checks whether the statement applies.

mod common;

use common::{docs, keys};
use policy::{evaluate_policy_set, Condition, Decision, Effect, PatternSet, PolicyDocument, RequestContext, Statement};

type Keys = &'static [(&'static str, &'static [&'static str])];

/// (doc page, Condition block JSON, request keys, statement applies?)
const ROWS: &[(&str, &str, Keys, bool)] = &[
    // --- reference_policies_elements_condition_operators.html#Conditions_String
    (
        "reference_policies_elements_condition_operators.html",
        r#"{"StringEquals":{"aws:PrincipalTag/job-category":"iamuser-admin"}}"#,
        &[("aws:PrincipalTag/job-category", &["iamuser-admin"])],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html (key absent: false)",
        r#"{"StringEquals":{"aws:PrincipalTag/job-category":"iamuser-admin"}}"#,
        &[],
        false,
    ),
    (
        "reference_policies_elements_condition_operators.html (StringEquals is case-sensitive)",
        r#"{"StringEquals":{"aws:PrincipalTag/job-category":"IAMUSER-ADMIN"}}"#,
        &[("aws:PrincipalTag/job-category", &["iamuser-admin"])],
        false,
    ),
    (
        "reference_policies_elements_condition_operators.html (StringEqualsIgnoreCase)",
        r#"{"StringEqualsIgnoreCase":{"aws:PrincipalTag/job-category":"IAMUSER-ADMIN"}}"#,
        &[("aws:PrincipalTag/job-category", &["iamuser-admin"])],
        true,
    ),
    (
        "reference_policies_elements_condition.html (key names are case-insensitive)",
        r#"{"StringEquals":{"AWS:PRINCIPALTAG/Job-Category":"iamuser-admin"}}"#,
        &[("aws:PrincipalTag/job-category", &["iamuser-admin"])],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html (negated operator, key absent: true)",
        r#"{"StringNotEquals":{"aws:PrincipalTag/job-category":"iamuser-admin"}}"#,
        &[],
        true,
    ),
    (
        "reference_policies_multi-value-conditions.html (negated values are NORed)",
        r#"{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}"#,
        &[("aws:RequestedRegion", &["eu-west-1"])],
        false,
    ),
    (
        "reference_policies_multi-value-conditions.html (negated values are NORed)",
        r#"{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}"#,
        &[("aws:RequestedRegion", &["ap-south-1"])],
        true,
    ),
    (
        "reference_policies_multi-value-conditions.html (values are ORed)",
        r#"{"StringEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}"#,
        &[("aws:RequestedRegion", &["eu-west-1"])],
        true,
    ),
    (
        "reference_policies_multi-value-conditions.html (keys in one operator are ANDed)",
        r#"{"StringEquals":{"aws:PrincipalTag/a":"1","aws:PrincipalTag/b":"2"}}"#,
        &[("aws:PrincipalTag/a", &["1"])],
        false,
    ),
    (
        "reference_policies_variables.html (StringLike with ${aws:username})",
        r#"{"StringLike":{"s3:prefix":["","home/","home/${aws:username}/*"]}}"#,
        &[("s3:prefix", &["home/alice/docs"]), ("aws:username", &["alice"])],
        true,
    ),
    (
        "reference_policies_variables.html (someone else's folder)",
        r#"{"StringLike":{"s3:prefix":["","home/","home/${aws:username}/*"]}}"#,
        &[("s3:prefix", &["home/bob/docs"]), ("aws:username", &["alice"])],
        false,
    ),
    (
        "reference_policies_elements_condition_operators.html (StringLike ? wildcard)",
        r#"{"StringLike":{"aws:PrincipalTag/team":"dev?"}}"#,
        &[("aws:PrincipalTag/team", &["dev1"])],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html (StringNotLike, key absent)",
        r#"{"StringNotLike":{"aws:PrincipalTag/team":"dev*"}}"#,
        &[],
        true,
    ),
    (
        "reference_policies_variables.html (variable in value: owner tag equals username)",
        r#"{"StringEquals":{"aws:ResourceTag/owner":"${aws:username}"}}"#,
        &[("aws:ResourceTag/owner", &["alice"]), ("aws:username", &["alice"])],
        true,
    ),
    (
        "reference_policies_variables.html#policy-vars-no-value (unresolved variable never matches)",
        r#"{"StringEquals":{"aws:ResourceTag/owner":"${aws:username}"}}"#,
        &[("aws:ResourceTag/owner", &["alice"])],
        false,
    ),
    (
        "reference_policies_variables.html#policy-vars-default-values",
        r#"{"StringEquals":{"aws:ResourceTag/owner":"${aws:username, 'nobody'}"}}"#,
        &[("aws:ResourceTag/owner", &["nobody"])],
        true,
    ),
    // --- #Conditions_Numeric
    (
        "reference_policies_elements_condition_operators.html#Conditions_Numeric",
        r#"{"NumericLessThanEquals":{"s3:max-keys":"10"}}"#,
        &[("s3:max-keys", &["10"])],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_Numeric",
        r#"{"NumericLessThanEquals":{"s3:max-keys":"10"}}"#,
        &[("s3:max-keys", &["11"])],
        false,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_Numeric (JSON number)",
        r#"{"NumericEquals":{"s3:max-keys":10}}"#,
        &[("s3:max-keys", &["10.0"])],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_Numeric (not a number)",
        r#"{"NumericGreaterThan":{"s3:max-keys":"1"}}"#,
        &[("s3:max-keys", &["many"])],
        false,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_Numeric (NotEquals absent)",
        r#"{"NumericNotEquals":{"s3:max-keys":"1"}}"#,
        &[],
        true,
    ),
    // --- #Conditions_Date
    (
        "reference_policies_examples_aws-dates.html (inside the window)",
        r#"{"DateGreaterThan":{"aws:CurrentTime":"2020-04-01T00:00:00Z"},
            "DateLessThan":{"aws:CurrentTime":"2020-06-30T23:59:59Z"}}"#,
        &[("aws:CurrentTime", &["2020-05-15T12:00:00Z"])],
        true,
    ),
    (
        "reference_policies_examples_aws-dates.html (after the window)",
        r#"{"DateGreaterThan":{"aws:CurrentTime":"2020-04-01T00:00:00Z"},
            "DateLessThan":{"aws:CurrentTime":"2020-06-30T23:59:59Z"}}"#,
        &[("aws:CurrentTime", &["2020-07-01T00:00:00Z"])],
        false,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_Date (epoch vs ISO)",
        r#"{"DateLessThan":{"aws:EpochTime":"2020-01-01T00:00:00Z"}}"#,
        &[("aws:EpochTime", &["1577836799"])],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_Date (epoch policy value)",
        r#"{"DateGreaterThanEquals":{"aws:CurrentTime":1577836800}}"#,
        &[("aws:CurrentTime", &["2020-01-01T00:00:00Z"])],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_Date (key absent)",
        r#"{"DateGreaterThan":{"aws:TokenIssueTime":"2020-01-01T00:00:00Z"}}"#,
        &[],
        false,
    ),
    // --- #Conditions_Boolean
    (
        "reference_policies_elements_condition_operators.html#Conditions_Boolean",
        r#"{"Bool":{"aws:SecureTransport":"false"}}"#,
        &[("aws:SecureTransport", &["false"])],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_Boolean",
        r#"{"Bool":{"aws:SecureTransport":"false"}}"#,
        &[("aws:SecureTransport", &["true"])],
        false,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_Boolean (JSON bool)",
        r#"{"Bool":{"aws:SecureTransport":true}}"#,
        &[("aws:SecureTransport", &["true"])],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_IfExists (MFA absent)",
        r#"{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}"#,
        &[],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_IfExists (MFA used)",
        r#"{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}"#,
        &[("aws:MultiFactorAuthPresent", &["true"])],
        false,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_Boolean (Bool, absent)",
        r#"{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#,
        &[],
        false,
    ),
    // --- #Conditions_BinaryEquals
    (
        "reference_policies_elements_condition_operators.html#Conditions_BinaryEquals",
        r#"{"BinaryEquals":{"svc:key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}"#,
        &[("svc:key", &["QmluYXJ5VmFsdWVJbkJhc2U2NA=="])],
        true,
    ),
    // --- #Conditions_IPAddress
    (
        "reference_policies_elements_condition_operators.html#Conditions_IPAddress",
        r#"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#,
        &[("aws:SourceIp", &["203.0.113.77"])],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_IPAddress",
        r#"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#,
        &[("aws:SourceIp", &["198.51.100.1"])],
        false,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_IPAddress (IPv6)",
        r#"{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:DB8:1234:5678::/64"]}}"#,
        &[("aws:SourceIp", &["2001:db8:1234:5678::1"])],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_IPAddress (one address)",
        r#"{"IpAddress":{"aws:SourceIp":"192.0.2.7"}}"#,
        &[("aws:SourceIp", &["192.0.2.7"])],
        true,
    ),
    (
        "reference_policies_examples_aws_deny-ip.html (inside allowed ranges)",
        r#"{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","203.0.113.0/24"]}}"#,
        &[("aws:SourceIp", &["192.0.2.10"])],
        false,
    ),
    (
        "reference_policies_examples_aws_deny-ip.html (outside)",
        r#"{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","203.0.113.0/24"]}}"#,
        &[("aws:SourceIp", &["198.51.100.1"])],
        true,
    ),
    // --- #Conditions_ARN
    (
        "reference_policies_elements_condition_operators.html#Conditions_ARN",
        r#"{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:111122223333:trail/*"}}"#,
        &[("aws:SourceArn", &["arn:aws:cloudtrail:us-east-2:111122223333:trail/main"])],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_ARN (other account)",
        r#"{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:111122223333:trail/*"}}"#,
        &[("aws:SourceArn", &["arn:aws:cloudtrail:us-east-2:444455556666:trail/main"])],
        false,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_ARN (wildcard per field)",
        r#"{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:*:123456789012:*"}}"#,
        &[("aws:SourceArn", &["arn:aws:sns:us-west-2:123456789012:topic:extra"])],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_ARN (ArnNotLike absent)",
        r#"{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:123456789012:*"}}"#,
        &[],
        true,
    ),
    // --- #Conditions_Null
    (
        "reference_policies_elements_condition_operators.html#Conditions_Null (absent)",
        r#"{"Null":{"aws:TokenIssueTime":"true"}}"#,
        &[],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_Null (present)",
        r#"{"Null":{"aws:TokenIssueTime":"true"}}"#,
        &[("aws:TokenIssueTime", &["2020-01-01T00:00:00Z"])],
        false,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_Null (false: present)",
        r#"{"Null":{"aws:TokenIssueTime":false}}"#,
        &[("aws:TokenIssueTime", &["2020-01-01T00:00:00Z"])],
        true,
    ),
    // --- #Conditions_IfExists
    (
        "reference_policies_elements_condition_operators.html#Conditions_IfExists (absent)",
        r#"{"StringLikeIfExists":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}}"#,
        &[],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_IfExists (allowed type)",
        r#"{"StringLikeIfExists":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}}"#,
        &[("ec2:InstanceType", &["t2.micro"])],
        true,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_IfExists (other type)",
        r#"{"StringLikeIfExists":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}}"#,
        &[("ec2:InstanceType", &["m5.large"])],
        false,
    ),
    // --- reference_policies_condition-single-vs-multi-valued-context-keys.html
    (
        "reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAllValues subset)",
        r#"{"ForAllValues:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}"#,
        &[("aws:TagKeys", &["environment"])],
        true,
    ),
    (
        "reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAllValues extra key)",
        r#"{"ForAllValues:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}"#,
        &[("aws:TagKeys", &["environment", "owner"])],
        false,
    ),
    (
        "reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAllValues absent)",
        r#"{"ForAllValues:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}"#,
        &[],
        true,
    ),
    (
        "reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAllValues empty)",
        r#"{"ForAllValues:StringEquals":{"aws:TagKeys":["environment"]}}"#,
        &[("aws:TagKeys", &[])],
        true,
    ),
    (
        "reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAnyValue overlap)",
        r#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}"#,
        &[("aws:TagKeys", &["owner", "cost-center"])],
        true,
    ),
    (
        "reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAnyValue none)",
        r#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}"#,
        &[("aws:TagKeys", &["owner"])],
        false,
    ),
    (
        "reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAnyValue absent)",
        r#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["environment","cost-center"]}}"#,
        &[],
        false,
    ),
    (
        "reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAllValues:StringLike)",
        r#"{"ForAllValues:StringLike":{"aws:TagKeys":["key*"]}}"#,
        &[("aws:TagKeys", &["key1", "keyB"])],
        true,
    ),
    (
        "reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAnyValue negated)",
        r#"{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["environment"]}}"#,
        &[("aws:TagKeys", &["environment", "owner"])],
        true,
    ),
    (
        "reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAllValues negated)",
        r#"{"ForAllValues:StringNotEquals":{"aws:TagKeys":["environment"]}}"#,
        &[("aws:TagKeys", &["environment", "owner"])],
        false,
    ),
    (
        "reference_policies_elements_condition_operators.html#Conditions_IfExists (with ForAnyValue)",
        r#"{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["environment"]}}"#,
        &[],
        true,
    ),
];

fn applies(condition: &str, keys: &policy::ContextKeys) -> bool {
    let text = format!(
        r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Action":"*","Resource":"*","Condition":{condition}}}}}"#
    );
    let doc = &docs(&[&text])[0];
    let ctx = RequestContext::new("s3:ListBucket", "arn:aws:s3:::b", keys);
    evaluate_policy_set(&[("t", doc)], &ctx).0 == Decision::Allow
}

#[test]
fn condition_table() {
    for (i, (page, condition, k, want)) in ROWS.iter().enumerate() {
        let got = applies(condition, &keys(k));
        assert_eq!(got, *want, "row {i} ({page}): {condition} with {k:?}");
    }
}

/// reference_policies_elements_version.html: in "2008-10-17" documents
/// `${...}` is literal text, not a variable.
#[test]
fn variables_need_version_2012() {
    let k = keys(&[("aws:username", &["alice"]), ("s3:prefix", &["alice"])]);
    for (version, want) in [("2012-10-17", true), ("2008-10-17", false)] {
        let text = format!(
            r#"{{"Version":"{version}","Statement":{{"Effect":"Allow","Action":"*","Resource":"*",
                "Condition":{{"StringEquals":{{"s3:prefix":"${{aws:username}}"}}}}}}}}"#
        );
        let doc = &docs(&[&text])[0];
        let ctx = RequestContext::new("s3:ListBucket", "*", &k);
        let got = evaluate_policy_set(&[("t", doc)], &ctx).0 == Decision::Allow;
        assert_eq!(got, want, "{version}");
    }
}

/// An operator the engine does not know never matches (parse already
/// rejects it; this covers documents built in code).
#[test]
fn unknown_operator_never_matches() {
    let k = keys(&[("aws:username", &["alice"])]);
    for (operator, want) in [("StringEquals", true), ("StringEqualz", false)] {
        let doc = PolicyDocument {
            version: Some("2012-10-17".into()),
            id: None,
            statements: vec![Statement {
                sid: None,
                effect: Effect::Allow,
                principal: None,
                actions: PatternSet { negated: false, patterns: vec!["*".into()] },
                resources: None,
                conditions: vec![Condition {
                    operator: operator.into(),
                    key: "aws:username".into(),
                    values: vec!["alice".into()],
                }],
            }],
        };
        let ctx = RequestContext::new("iam:GetUser", "*", &k);
        assert_eq!(evaluate_policy_set(&[("t", &doc)], &ctx).0.is_allow(), want);
    }
}
