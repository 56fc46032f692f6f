//! Access-log settings shared by application and classic load balancers: the bucket and prefix
//! checks (S3's naming rules; both become folders, so nothing may climb out) and the proxy's
//! `AccessLogConfig` for a load balancer that logs.

use std::net::IpAddr;
use std::time::Duration;

use crate::error::{ElbError, Result};
use crate::Elb;

/// A bucket name S3 would accept: 3–63 lowercase letters, digits, dots and hyphens, starting and
/// ending with a letter or digit, no `..`.
pub(crate) fn check_bucket(value: &str) -> Result<()> {
    let b = value.as_bytes();
    let ok = (3..=63).contains(&b.len())
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'.' || *c == b'-')
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && !value.contains("..");
    if ok {
        Ok(())
    } else {
        Err(ElbError::Client(
            "InvalidConfigurationRequest",
            format!("The bucket name '{value}' is not a valid S3 bucket name"),
        ))
    }
}

/// A prefix as AWS allows it (no leading or trailing `/`, no `AWSLogs`), and one that stays inside
/// its bucket's folder (no empty, `.` or `..` segment).
pub(crate) fn check_prefix(value: &str) -> Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    if value.starts_with('/') || value.ends_with('/') || value.contains("AWSLogs") {
        return Err(ElbError::Client(
            "InvalidConfigurationRequest",
            format!("The prefix '{value}' must not start or end with '/' or contain 'AWSLogs'"),
        ));
    }
    if value.split('/').any(|seg| seg.is_empty() || seg == "." || seg == "..") {
        return Err(ElbError::validation(format!("The prefix '{value}' is not valid")));
    }
    Ok(())
}

/// Where a load balancer's log files go and how its lines look.
pub(crate) struct Destination<'a> {
    pub ip: IpAddr,
    /// The log's `elb` field: `app/<name>/<id>`, or a classic load balancer's name.
    pub elb: String,
    /// After `<account>_elasticloadbalancing_<region>_` in a file's name.
    pub name_part: String,
    pub bucket: &'a str,
    pub prefix: &'a str,
    pub interval: Duration,
    pub format: proxy::LogFormat,
}

pub(crate) fn config(elb: &Elb, d: Destination<'_>) -> proxy::AccessLogConfig {
    // Bucket and prefix were checked when set: they stay under the root.
    let mut dir = elb.access_logs.root.join(d.bucket);
    if !d.prefix.is_empty() {
        dir.push(d.prefix);
    }
    dir.push(format!("AWSLogs/{}/elasticloadbalancing/{}", elb.account, elb.region));
    proxy::AccessLogConfig {
        ip: d.ip,
        elb: d.elb,
        dir,
        file_stem: format!("{}_elasticloadbalancing_{}_{}", elb.account, elb.region, d.name_part),
        interval: d.interval,
        format: d.format,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_and_prefixes_follow_s3_and_stay_inside() {
        for ok in ["kg-logs", "kg.sports.logs", "abc", "a1-b2"] {
            assert!(check_bucket(ok).is_ok(), "{ok}");
        }
        for bad in ["KG", "ab", "-kg", "kg-", "kg..logs", "../etc", "kg/logs", &"a".repeat(64)] {
            assert!(check_bucket(bad).is_err(), "{bad}");
        }
        for ok in ["", "match-day", "match-day/alb"] {
            assert!(check_prefix(ok).is_ok(), "{ok}");
        }
        for bad in ["/x", "x/", "AWSLogs", "a/AWSLogs/b", "a/../b", "a//b", "."] {
            assert!(check_prefix(bad).is_err(), "{bad}");
        }
    }
}
