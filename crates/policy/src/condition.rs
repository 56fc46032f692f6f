//! Condition operators (reference_policies_elements_condition_operators.html)
//! and the evaluation of one `operator: {key: values}` entry.
//!
//! Rules, each from the AWS IAM User Guide:
//! - Several values for one key are ORed; for a negated operator
//!   (StringNotEquals, NotIpAddress, ArnNotLike, ...) they are NORed
//!   (reference_policies_multi-value-conditions.html).
//! - A key absent from the request makes the condition false, except that a
//!   negated operator is then true; `...IfExists` is true when the key is
//!   absent; `Null` tests presence itself
//!   (reference_policies_elements_condition_operators.html, "Important" note
//!   at the top, and sections #Conditions_IfExists and #Conditions_Null).
//! - `ForAllValues:` is true when the key is absent or empty, and otherwise
//!   requires every request value to match; `ForAnyValue:` is false when the
//!   key is absent and otherwise requires one request value to match
//!   (reference_policies_condition-single-vs-multi-valued-context-keys.html).
//! - An operator this module does not know never matches (parsing rejects
//!   it up front with "Invalid Condition type : X").
//! - Our choice (the docs are silent): a value that is not a valid number,
//!   date or IP address for its operator never matches, so a negated
//!   operator over it is true; a multivalued key without a set qualifier
//!   matches when any of its values does (negated: when none does).

use std::cmp::Ordering;
use std::net::IpAddr;

use ipnet::IpNet;
use time::format_description::well_known::{Iso8601, Rfc3339};
use time::{Date, OffsetDateTime, PrimitiveDateTime};

use crate::context::ContextKeys;
use crate::document::Condition;
use crate::matching::{arn_matches, compile, glob, literal, Tok};

/// `ForAnyValue:` / `ForAllValues:` set qualifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetQualifier {
    ForAnyValue,
    ForAllValues,
}

/// The base condition operators, without qualifier or `IfExists`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseOperator {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
}

use BaseOperator as B;

const ALL: [BaseOperator; 27] = [
    B::StringEquals,
    B::StringNotEquals,
    B::StringEqualsIgnoreCase,
    B::StringNotEqualsIgnoreCase,
    B::StringLike,
    B::StringNotLike,
    B::NumericEquals,
    B::NumericNotEquals,
    B::NumericLessThan,
    B::NumericLessThanEquals,
    B::NumericGreaterThan,
    B::NumericGreaterThanEquals,
    B::DateEquals,
    B::DateNotEquals,
    B::DateLessThan,
    B::DateLessThanEquals,
    B::DateGreaterThan,
    B::DateGreaterThanEquals,
    B::Bool,
    B::BinaryEquals,
    B::IpAddress,
    B::NotIpAddress,
    B::ArnEquals,
    B::ArnLike,
    B::ArnNotEquals,
    B::ArnNotLike,
    B::Null,
];

impl BaseOperator {
    /// The operator's name as written in policies.
    pub fn name(self) -> &'static str {
        match self {
            B::StringEquals => "StringEquals",
            B::StringNotEquals => "StringNotEquals",
            B::StringEqualsIgnoreCase => "StringEqualsIgnoreCase",
            B::StringNotEqualsIgnoreCase => "StringNotEqualsIgnoreCase",
            B::StringLike => "StringLike",
            B::StringNotLike => "StringNotLike",
            B::NumericEquals => "NumericEquals",
            B::NumericNotEquals => "NumericNotEquals",
            B::NumericLessThan => "NumericLessThan",
            B::NumericLessThanEquals => "NumericLessThanEquals",
            B::NumericGreaterThan => "NumericGreaterThan",
            B::NumericGreaterThanEquals => "NumericGreaterThanEquals",
            B::DateEquals => "DateEquals",
            B::DateNotEquals => "DateNotEquals",
            B::DateLessThan => "DateLessThan",
            B::DateLessThanEquals => "DateLessThanEquals",
            B::DateGreaterThan => "DateGreaterThan",
            B::DateGreaterThanEquals => "DateGreaterThanEquals",
            B::Bool => "Bool",
            B::BinaryEquals => "BinaryEquals",
            B::IpAddress => "IpAddress",
            B::NotIpAddress => "NotIpAddress",
            B::ArnEquals => "ArnEquals",
            B::ArnLike => "ArnLike",
            B::ArnNotEquals => "ArnNotEquals",
            B::ArnNotLike => "ArnNotLike",
            B::Null => "Null",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        ALL.into_iter().find(|op| op.name() == name)
    }

    /// The positive form of a negated operator and `true`, or the operator
    /// itself and `false`.
    pub fn positive(self) -> (BaseOperator, bool) {
        match self {
            B::StringNotEquals => (B::StringEquals, true),
            B::StringNotEqualsIgnoreCase => (B::StringEqualsIgnoreCase, true),
            B::StringNotLike => (B::StringLike, true),
            B::NumericNotEquals => (B::NumericEquals, true),
            B::DateNotEquals => (B::DateEquals, true),
            B::NotIpAddress => (B::IpAddress, true),
            B::ArnNotEquals => (B::ArnEquals, true),
            B::ArnNotLike => (B::ArnLike, true),
            other => (other, false),
        }
    }
}

/// A full operator name: optional set qualifier, base, optional `IfExists`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConditionOperator {
    pub qualifier: Option<SetQualifier>,
    pub base: BaseOperator,
    pub if_exists: bool,
}

impl ConditionOperator {
    /// Parse e.g. "ForAnyValue:StringLikeIfExists"; `None` if unknown.
    /// `NullIfExists` is not an operator.
    pub fn parse(name: &str) -> Option<Self> {
        let (qualifier, rest) = if let Some(r) = name.strip_prefix("ForAnyValue:") {
            (Some(SetQualifier::ForAnyValue), r)
        } else if let Some(r) = name.strip_prefix("ForAllValues:") {
            (Some(SetQualifier::ForAllValues), r)
        } else {
            (None, name)
        };
        let (rest, if_exists) = match rest.strip_suffix("IfExists") {
            Some(r) => (r, true),
            None => (rest, false),
        };
        let base = BaseOperator::from_name(rest)?;
        if base == B::Null && if_exists {
            return None;
        }
        Some(Self { qualifier, base, if_exists })
    }
}

/// Whether one condition entry holds. With `vars`, policy variables in the
/// condition values are substituted from `keys`; a value whose variable
/// cannot be resolved is dropped (matches nothing).
pub(crate) fn condition_matches(cond: &Condition, keys: &ContextKeys, vars: bool) -> bool {
    let Some(op) = ConditionOperator::parse(&cond.operator) else {
        return false;
    };
    let request = keys.present(&cond.key);
    if op.base == B::Null {
        // "true": the key must be absent; "false": it must be present.
        return cond.values.iter().any(|v| match v.to_ascii_lowercase().as_str() {
            "true" => request.is_none(),
            "false" => request.is_some(),
            _ => false,
        });
    }
    let (positive, negated) = op.base.positive();
    let Some(request) = request else {
        return op.if_exists
            || match op.qualifier {
                Some(SetQualifier::ForAllValues) => true,
                Some(SetQualifier::ForAnyValue) => false,
                None => negated,
            };
    };
    let subst = vars.then_some(keys);
    let patterns: Vec<Vec<Tok>> = cond.values.iter().filter_map(|v| compile(v, subst)).collect();
    let hit = |v: &str| patterns.iter().any(|p| compare(positive, v, p));
    match op.qualifier {
        None => request.iter().any(|v| hit(v)) != negated,
        Some(SetQualifier::ForAnyValue) => request.iter().any(|v| hit(v) != negated),
        Some(SetQualifier::ForAllValues) => request.iter().all(|v| hit(v) != negated),
    }
}

/// Positive comparison of one request value with one policy value.
fn compare(op: BaseOperator, request: &str, policy: &[Tok]) -> bool {
    match op {
        B::StringEquals | B::BinaryEquals => literal(policy) == request,
        B::StringEqualsIgnoreCase => literal(policy).to_lowercase() == request.to_lowercase(),
        B::StringLike => glob(policy, request, false),
        B::Bool => literal(policy).eq_ignore_ascii_case(request.trim()),
        B::ArnEquals | B::ArnLike => arn_matches(policy, request),
        B::IpAddress => match (parse_net(&literal(policy)), request.trim().parse::<IpAddr>()) {
            (Some(net), Ok(ip)) => net.contains(&ip.to_canonical()),
            _ => false,
        },
        B::NumericEquals
        | B::NumericLessThan
        | B::NumericLessThanEquals
        | B::NumericGreaterThan
        | B::NumericGreaterThanEquals => {
            let (r, p) = (request.trim().parse::<f64>(), literal(policy).trim().parse::<f64>());
            match (r, p) {
                (Ok(r), Ok(p)) => r.partial_cmp(&p).is_some_and(|o| ordering_ok(op, o)),
                _ => false,
            }
        }
        B::DateEquals | B::DateLessThan | B::DateLessThanEquals | B::DateGreaterThan | B::DateGreaterThanEquals => {
            match (parse_date(request), parse_date(&literal(policy))) {
                (Some(r), Some(p)) => ordering_ok(op, r.cmp(&p)),
                _ => false,
            }
        }
        // Negated and Null forms never reach here.
        _ => false,
    }
}

/// Whether `request <op> policy` holds given their ordering.
fn ordering_ok(op: BaseOperator, o: Ordering) -> bool {
    match op {
        B::NumericEquals | B::DateEquals => o == Ordering::Equal,
        B::NumericLessThan | B::DateLessThan => o == Ordering::Less,
        B::NumericLessThanEquals | B::DateLessThanEquals => o != Ordering::Greater,
        B::NumericGreaterThan | B::DateGreaterThan => o == Ordering::Greater,
        B::NumericGreaterThanEquals | B::DateGreaterThanEquals => o != Ordering::Less,
        _ => false,
    }
}

/// A CIDR block or a single address (as a /32 or /128).
fn parse_net(s: &str) -> Option<IpNet> {
    let s = s.trim();
    s.parse::<IpNet>().ok().or_else(|| s.parse::<IpAddr>().ok().map(IpNet::from)).map(|net| match net {
        IpNet::V6(v6) => match v6.addr().to_ipv4_mapped() {
            Some(v4) if v6.prefix_len() >= 96 => IpNet::new(IpAddr::V4(v4), v6.prefix_len() - 96).unwrap_or(net),
            _ => net,
        },
        v4 => v4,
    })
}

/// A date as Unix nanoseconds: epoch seconds (optionally fractional), an
/// RFC 3339 / ISO 8601 date-time (UTC when no offset is given), or a bare
/// date (midnight UTC). Date conditions accept either form on either side
/// (reference_policies_elements_condition_operators.html#Conditions_Date).
pub(crate) fn parse_date(s: &str) -> Option<i128> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') {
        if let Ok(secs) = s.parse::<i64>() {
            return Some(i128::from(secs) * 1_000_000_000);
        }
        if !s.contains('-') {
            if let Ok(secs) = s.parse::<f64>() {
                return Some((secs * 1e9) as i128);
            }
        }
    }
    let dt = OffsetDateTime::parse(s, &Rfc3339)
        .or_else(|_| OffsetDateTime::parse(s, &Iso8601::DEFAULT))
        .ok()
        .or_else(|| PrimitiveDateTime::parse(s, &Iso8601::DEFAULT).ok().map(PrimitiveDateTime::assume_utc))
        .or_else(|| Date::parse(s, &Iso8601::DEFAULT).ok().map(|d| d.midnight().assume_utc()))?;
    Some(dt.unix_timestamp_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_names() {
        let op = ConditionOperator::parse("ForAnyValue:StringLikeIfExists").unwrap();
        assert_eq!(op.qualifier, Some(SetQualifier::ForAnyValue));
        assert_eq!(op.base, B::StringLike);
        assert!(op.if_exists);
        assert!(ConditionOperator::parse("NullIfExists").is_none());
        assert!(ConditionOperator::parse("StringEqualz").is_none());
        assert!(ConditionOperator::parse("stringequals").is_none());
        for op in ALL {
            assert_eq!(BaseOperator::from_name(op.name()), Some(op));
        }
    }

    #[test]
    fn dates() {
        let t = parse_date("2019-07-16T12:00:00Z").unwrap();
        assert_eq!(parse_date("1563278400"), Some(t));
        assert_eq!(parse_date("2019-07-16T12:00:00"), Some(t));
        assert_eq!(parse_date("2019-07-16T14:00:00+02:00"), Some(t));
        assert_eq!(parse_date("1563278400.5"), Some(t + 500_000_000));
        assert!(parse_date("2019-07-16").unwrap() < t);
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn nets() {
        assert!(parse_net("203.0.113.0/24").is_some());
        assert_eq!(parse_net("192.0.2.7"), "192.0.2.7/32".parse().ok());
        assert_eq!(parse_net("::ffff:192.0.2.0/120"), "192.0.2.0/24".parse().ok());
        assert!(parse_net("2001:DB8:1234:5678::/64").is_some());
        assert!(parse_net("nope").is_none());
    }
}
