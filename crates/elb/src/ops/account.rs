//! DescribeAccountLimits and DescribeSSLPolicies: AWS's published defaults.

use serde_json::{json, Value};

use super::strings;
use crate::error::{ElbError, Result};

pub fn describe_account_limits() -> Result<Value> {
    let limits = [
        ("application-load-balancers", "50"),
        ("target-groups", "3000"),
        ("targets-per-application-load-balancer", "1000"),
        ("listeners-per-application-load-balancer", "50"),
        ("rules-per-application-load-balancer", "100"),
        ("condition-values-per-alb-rule", "5"),
        ("condition-wildcards-per-alb-rule", "5"),
        ("target-groups-per-application-load-balancer", "100"),
        ("target-groups-per-action-on-application-load-balancer", "5"),
        ("certificates-per-application-load-balancer", "25"),
    ];
    Ok(json!({"Limits": limits.iter().map(|(n, m)| json!({"Name": n, "Max": m})).collect::<Vec<_>>()}))
}

const TLS12_CIPHERS: [&str; 8] = [
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-AES128-SHA256",
    "ECDHE-RSA-AES128-SHA256",
    "ECDHE-ECDSA-AES256-SHA384",
    "ECDHE-RSA-AES256-SHA384",
];

fn policy(name: &str, protocols: &[&str]) -> Value {
    json!({
        "SslPolicyName": name,
        "SslProtocols": protocols,
        "Ciphers": TLS12_CIPHERS.iter().enumerate().map(|(i, c)| json!({"Name": c, "Priority": i + 1})).collect::<Vec<_>>(),
        "SupportedLoadBalancerTypes": ["application", "network"],
    })
}

/// The security policies offered (HTTPS listeners are served by rustls, which speaks TLS 1.2
/// and 1.3 whatever the policy lists).
const SSL_POLICIES: [(&str, &[&str]); 3] = [
    ("ELBSecurityPolicy-TLS13-1-2-2021-06", &["TLSv1.2", "TLSv1.3"]),
    ("ELBSecurityPolicy-2016-08", &["TLSv1", "TLSv1.1", "TLSv1.2"]),
    ("ELBSecurityPolicy-TLS-1-2-2017-01", &["TLSv1.2"]),
];

pub(crate) fn ssl_policy_exists(name: &str) -> bool {
    SSL_POLICIES.iter().any(|(n, _)| *n == name)
}

pub fn describe_ssl_policies(input: &Value) -> Result<Value> {
    let all: Vec<Value> = SSL_POLICIES.iter().map(|(n, p)| policy(n, p)).collect();
    let names = strings(input, "Names");
    for n in &names {
        if !all.iter().any(|p| p["SslPolicyName"] == n.as_str()) {
            return Err(ElbError::Client("SSLPolicyNotFound", format!("SSL policy '{n}' not found")));
        }
    }
    let out: Vec<Value> = all
        .into_iter()
        .filter(|p| names.is_empty() || names.iter().any(|n| p["SslPolicyName"] == n.as_str()))
        .collect();
    Ok(json!({"SslPolicies": out}))
}
