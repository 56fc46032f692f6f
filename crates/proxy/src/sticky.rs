//! Load-balancer cookie stickiness: the `AWSALB` cookie (and `AWSALBCORS` for cross-site
//! requests) names the target that answered, and later requests carrying it go back to that
//! target while it is healthy and not draining. The value is opaque to clients, as on AWS: the
//! target's id and port, hex-encoded, with its expiry.

use std::time::{Duration, SystemTime};

use hyper::header::{HeaderMap, HeaderValue, COOKIE, SET_COOKIE};

use crate::config::TargetConfig;
use crate::Group;

const COOKIE_NAME: &str = "AWSALB";

fn encode(id: &str, port: u16) -> String {
    hex::encode(format!("{id}:{port}"))
}

fn decode(v: &str) -> Option<(String, u16)> {
    if v.len() > 512 {
        return None;
    }
    let text = String::from_utf8(hex::decode(v).ok()?).ok()?;
    let (id, port) = text.rsplit_once(':')?;
    Some((id.to_string(), port.parse().ok()?))
}

/// The index of the target the request's cookie names, if the group still has it.
pub(crate) fn target_of(headers: &HeaderMap, group: &Group) -> Option<usize> {
    let value = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(|h| h.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE_NAME || k.strip_prefix(COOKIE_NAME) == Some("CORS"))
        .map(|(_, v)| v.to_string())?;
    let (id, port) = decode(&value)?;
    group.targets.iter().position(|t| t.cfg.id == id && t.cfg.port == port)
}

/// Add the stickiness cookies for `target` to a response.
pub(crate) fn set_cookie(headers: &mut HeaderMap, target: &TargetConfig, ttl: Duration, secure: bool) {
    let value = encode(&target.id, target.port);
    let expires = SystemTime::now().checked_add(ttl).unwrap_or_else(SystemTime::now);
    let date = httpdate::fmt_http_date(expires);
    let plain = format!("{COOKIE_NAME}={value}; Expires={date}; Path=/");
    let cors = format!(
        "{COOKIE_NAME}CORS={value}; Expires={date}; Path=/; SameSite=None{}",
        if secure { "; Secure" } else { "" }
    );
    for c in [plain, cors] {
        if let Ok(v) = HeaderValue::from_str(&c) {
            headers.append(SET_COOKIE, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_round_trips_and_rejects_garbage() {
        assert_eq!(decode(&encode("i-0123456789abcdef0", 80)), Some(("i-0123456789abcdef0".into(), 80)));
        assert_eq!(decode("zz"), None);
        assert_eq!(decode("abc"), None);
        assert_eq!(decode(&encode("no-port", 0).replace("3a30", "")), None);
    }
}
