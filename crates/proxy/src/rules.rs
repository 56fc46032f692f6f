//! Rule matching: which rule of a listener a request takes. Pure: a request is a `RequestView`.
//! The semantics are ALB's ("Listener rules for your Application Load Balancer"): a rule's
//! conditions all match (AND), a condition's values are alternatives (OR); path patterns are
//! case-sensitive, host, header and query-string ones are not; `*` and `?` are wildcards.

use std::net::IpAddr;

use crate::config::{Action, Condition, Rule};

/// The parts of a request that rules look at.
pub struct RequestView<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: Option<&'a str>,
    /// The Host header (or :authority), possibly with a port.
    pub host: Option<&'a str>,
    pub headers: &'a dyn Fn(&str) -> Vec<String>,
    pub source: IpAddr,
}

/// The first rule whose conditions match (the default rule, last, has none).
pub fn matching<'r>(rules: &'r [Rule], req: &RequestView<'_>) -> Option<&'r Rule> {
    rules.iter().find(|r| r.conditions.iter().all(|c| matches(c, req)))
}

/// The action of the first rule whose conditions match.
pub fn route<'r>(rules: &'r [Rule], req: &RequestView<'_>) -> Option<&'r Action> {
    matching(rules, req).map(|r| &r.action)
}

fn matches(cond: &Condition, req: &RequestView<'_>) -> bool {
    match cond {
        Condition::PathPattern(pats) => pats.iter().any(|p| wildcard(p, req.path, false)),
        Condition::HostHeader(pats) => {
            let host = req.host.map(strip_port).unwrap_or_default();
            pats.iter().any(|p| wildcard(p, host, true))
        }
        Condition::HttpHeader { name, values } => {
            let got = (req.headers)(name);
            got.iter().any(|v| values.iter().any(|p| wildcard(p, v, true)))
        }
        Condition::HttpRequestMethod(methods) => methods.iter().any(|m| m == req.method),
        Condition::QueryString(pairs) => {
            let params: Vec<(String, String)> = req
                .query
                .unwrap_or_default()
                .split('&')
                .filter(|s| !s.is_empty())
                .map(|kv| {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                    (decode(k), decode(v))
                })
                .collect();
            pairs.iter().any(|(key, value)| {
                params
                    .iter()
                    .any(|(k, v)| key.as_ref().is_none_or(|key| wildcard(key, k, true)) && wildcard(value, v, true))
            })
        }
        Condition::SourceIp(nets) => nets.iter().any(|n| n.contains(&req.source)),
    }
}

fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return host.split_once(']').map(|(h, _)| &h[1..]).unwrap_or(host);
    }
    host.rsplit_once(':').filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit())).map(|(h, _)| h).unwrap_or(host)
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|b| (*b as char).to_digit(16));
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (hex(i + 1), hex(i + 2)) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `*` (any run) and `?` (any one character) wildcards: policy's matcher, the region's one.
pub use policy::wildcard;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Action;

    fn fixed(code: u16) -> Action {
        Action::FixedResponse { status: code, content_type: None, body: String::new() }
    }

    fn rule(conds: Vec<Condition>, code: u16) -> Rule {
        Rule { conditions: conds, action: fixed(code), priority: code as u32 }
    }

    fn status(a: Option<&Action>) -> u16 {
        match a {
            Some(Action::FixedResponse { status, .. }) => *status,
            _ => 0,
        }
    }

    fn view<'a>(
        method: &'a str,
        path: &'a str,
        query: Option<&'a str>,
        host: Option<&'a str>,
        h: &'a dyn Fn(&str) -> Vec<String>,
    ) -> RequestView<'a> {
        RequestView { method, path, query, host, headers: h, source: "10.0.1.7".parse().unwrap() }
    }

    #[test]
    fn wildcards_as_alb_documents_them() {
        // "A path pattern is case-sensitive … can include up to three wildcard characters: * and ?"
        assert!(wildcard("/img/*", "/img/logo.png", false));
        assert!(!wildcard("/img/*", "/IMG/logo.png", false));
        assert!(wildcard("/img/*", "/IMG/logo.png", true));
        assert!(wildcard("*.example.com", "www.example.com", true));
        assert!(wildcard("/a?c", "/abc", false));
        assert!(!wildcard("/a?c", "/abbc", false));
        assert!(wildcard("*", "", false));
        assert!(!wildcard("/api", "/api/x", false));
    }

    #[test]
    fn first_matching_rule_wins_and_default_is_last() {
        let none = |_: &str| Vec::new();
        let rules = vec![
            rule(vec![Condition::PathPattern(vec!["/api/*".into()])], 201),
            rule(
                vec![Condition::HostHeader(vec!["admin.*".into()]), Condition::HttpRequestMethod(vec!["POST".into()])],
                202,
            ),
            rule(vec![Condition::QueryString(vec![(Some("v".into()), "2".into())])], 203),
            rule(vec![Condition::SourceIp(vec!["10.0.0.0/16".parse().unwrap()])], 204),
            rule(vec![], 200),
        ];
        assert_eq!(status(route(&rules, &view("GET", "/api/x", None, None, &none))), 201);
        assert_eq!(status(route(&rules, &view("POST", "/", None, Some("Admin.kg.test:8080"), &none))), 202);
        assert_eq!(status(route(&rules, &view("GET", "/", Some("a=1&v=2"), Some("admin.kg"), &none))), 203);
        assert_eq!(status(route(&rules, &view("GET", "/", Some("v=3"), None, &none))), 204);
        let rules2 =
            vec![rule(vec![Condition::SourceIp(vec!["192.168.0.0/16".parse().unwrap()])], 204), rule(vec![], 200)];
        assert_eq!(status(route(&rules2, &view("GET", "/", None, None, &none))), 200);
    }

    #[test]
    fn the_matching_rule_carries_its_priority_and_the_default_rule_zero() {
        let none = |_: &str| Vec::new();
        let mut rules = vec![rule(vec![Condition::PathPattern(vec!["/closed".into()])], 503), rule(vec![], 200)];
        rules[0].priority = 5;
        rules[1].priority = 0;
        let priority = |path| matching(&rules, &view("GET", path, None, None, &none)).map(|r| r.priority);
        assert_eq!(priority("/closed"), Some(5));
        assert_eq!(priority("/live"), Some(0));
        assert_eq!(matching(&rules[..1], &view("GET", "/live", None, None, &none)).map(|r| r.priority), None);
    }

    #[test]
    fn header_conditions_are_case_insensitive() {
        let h = |name: &str| {
            if name.eq_ignore_ascii_case("user-agent") {
                vec!["Mozilla/5.0 Mobile".to_string()]
            } else {
                vec![]
            }
        };
        let rules = vec![
            rule(vec![Condition::HttpHeader { name: "User-Agent".into(), values: vec!["*mobile*".into()] }], 210),
            rule(vec![], 200),
        ];
        assert_eq!(status(route(&rules, &view("GET", "/", None, None, &h))), 210);
        let none = |_: &str| Vec::new();
        assert_eq!(status(route(&rules, &view("GET", "/", None, None, &none))), 200);
    }

    #[test]
    fn query_values_are_decoded_and_keyless_pairs_match_any_key() {
        let none = |_: &str| Vec::new();
        let rules =
            vec![rule(vec![Condition::QueryString(vec![(None, "hello world".into())])], 220), rule(vec![], 200)];
        assert_eq!(status(route(&rules, &view("GET", "/", Some("x=hello%20world"), None, &none))), 220);
        assert_eq!(status(route(&rules, &view("GET", "/", Some("x=hello+world"), None, &none))), 220);
        assert_eq!(status(route(&rules, &view("GET", "/", Some("x=%"), None, &none))), 200);
    }
}
