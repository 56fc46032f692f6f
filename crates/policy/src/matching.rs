//! Wildcards (`*`, `?`), policy variables (`${key}`), and the Action /
//! Resource / ARN matchers built on them.
//!
//! - Actions: case-insensitive, `*` and `?` anywhere
//!   (reference_policies_elements_action.html).
//! - Resources and ARN conditions: case-sensitive, wildcards match within
//!   one colon-separated ARN field; the sixth (resource) field keeps any
//!   further colons (reference_policies_elements_resource.html,
//!   reference_policies_elements_condition_operators.html#Conditions_ARN).
//! - Variables: reference_policies_variables.html. `${*}`, `${?}`, `${$}`
//!   are literal characters; `${key, 'default'}` supplies a default (a
//!   doubled `''` inside it is one quote); a key that is absent, empty or
//!   multivalued cannot be substituted, and then the entry containing it
//!   does not match ("policy variables with no value").

use crate::context::ContextKeys;

/// One element of a compiled pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    Lit(char),
    /// `*`: any run of characters, possibly empty.
    Star,
    /// `?`: exactly one character.
    One,
}

/// Compile `text` into a wildcard pattern. With `keys`, policy variables are
/// substituted (their values are literal text, never wildcards); `None` is
/// returned when a variable cannot be resolved. Without `keys`, `${...}` is
/// ordinary text.
pub(crate) fn compile(text: &str, keys: Option<&ContextKeys>) -> Option<Vec<Tok>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let (Some(keys), '$', Some('{')) = (keys, c, chars.get(i + 1)) {
            if let Some(end) = closing_brace(&chars, i + 2) {
                let inner: String = chars[i + 2..end].iter().collect();
                match inner.trim() {
                    special @ ("*" | "?" | "$") => out.push(Tok::Lit(special.chars().next()?)),
                    _ => out.extend(resolve(&inner, keys)?.chars().map(Tok::Lit)),
                }
                i = end + 1;
                continue;
            }
        }
        out.push(match c {
            '*' => Tok::Star,
            '?' => Tok::One,
            c => Tok::Lit(c),
        });
        i += 1;
    }
    Some(out)
}

/// Index of the `}` closing a variable that starts at `from`, skipping any
/// quoted default value.
fn closing_brace(chars: &[char], from: usize) -> Option<usize> {
    let mut quoted = false;
    for (i, &c) in chars.iter().enumerate().skip(from) {
        match c {
            '\'' => quoted = !quoted,
            '}' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// Value of the variable body `key` or `key, 'default'`.
fn resolve(inner: &str, keys: &ContextKeys) -> Option<String> {
    let (key, default) = match inner.split_once(',') {
        Some((key, default)) => (key.trim(), Some(unquote(default.trim())?)),
        None => (inner.trim(), None),
    };
    if key.is_empty() {
        return None;
    }
    match keys.present(key) {
        Some([only]) => Some(only.clone()),
        _ => default,
    }
}

/// `'text'` with `''` standing for one quote.
fn unquote(s: &str) -> Option<String> {
    let body = s.strip_prefix('\'')?.strip_suffix('\'')?;
    let unescaped = body.replace("''", "'");
    // A lone quote left inside means the default was not properly quoted.
    (unescaped.matches('\'').count() * 2 == body.matches('\'').count()).then_some(unescaped)
}

/// The pattern as plain text, wildcards written back as `*` / `?`.
pub(crate) fn literal(pat: &[Tok]) -> String {
    pat.iter()
        .map(|t| match *t {
            Tok::Lit(c) => c,
            Tok::Star => '*',
            Tok::One => '?',
        })
        .collect()
}

/// Whether `text` matches the whole of `pat`.
pub(crate) fn glob(pat: &[Tok], text: &str, ignore_case: bool) -> bool {
    let text: Vec<char> = text.chars().collect();
    let same = |p: char, t: char| p == t || (ignore_case && p.to_lowercase().eq(t.to_lowercase()));
    let (mut p, mut s) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    while s < text.len() {
        match pat.get(p) {
            Some(Tok::One) => {
                p += 1;
                s += 1;
            }
            Some(Tok::Lit(c)) if same(*c, text[s]) => {
                p += 1;
                s += 1;
            }
            Some(Tok::Star) => {
                backtrack = Some((p, s));
                p += 1;
            }
            _ => match backtrack {
                Some((star, mark)) => {
                    backtrack = Some((star, mark + 1));
                    p = star + 1;
                    s = mark + 1;
                }
                None => return false,
            },
        }
    }
    pat[p..].iter().all(|t| *t == Tok::Star)
}

/// Whether all of `text` matches `pattern` (`*` any run, `?` one character, the rest literal):
/// the wildcard of policy documents that are not IAM's (stack policies' resources and types).
pub fn wildcard(pattern: &str, text: &str, ignore_case: bool) -> bool {
    compile(pattern, None).is_some_and(|p| glob(&p, text, ignore_case))
}

/// Whether `action` (e.g. "iam:CreateUser") matches an Action pattern.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    pattern == "*" || compile(pattern, None).is_some_and(|p| glob(&p, action, true))
}

/// Whether `resource` matches a Resource pattern; with `keys`, policy
/// variables in the pattern are substituted first.
pub fn resource_matches(pattern: &str, resource: &str, keys: Option<&ContextKeys>) -> bool {
    compile(pattern, keys).is_some_and(|p| arn_matches(&p, resource))
}

/// Field-wise ARN match: when both sides have the six ARN fields each field
/// is matched on its own; otherwise (e.g. `*`) the whole text is matched.
pub(crate) fn arn_matches(pat: &[Tok], arn: &str) -> bool {
    let fields: Vec<&str> = arn.splitn(6, ':').collect();
    let pat_fields = split_fields(pat);
    if fields.len() == 6 && pat_fields.len() == 6 {
        pat_fields.iter().zip(&fields).all(|(p, f)| glob(p, f, false))
    } else {
        glob(pat, arn, false)
    }
}

/// Split a pattern at its first five `:`.
fn split_fields(pat: &[Tok]) -> Vec<&[Tok]> {
    let mut out = Vec::with_capacity(6);
    let mut rest = pat;
    while out.len() < 5 {
        match rest.iter().position(|t| *t == Tok::Lit(':')) {
            Some(i) => {
                out.push(&rest[..i]);
                rest = &rest[i + 1..];
            }
            None => break,
        }
    }
    out.push(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> ContextKeys {
        ContextKeys::new().with("aws:username", "alice").with_many("aws:TagKeys", ["a", "b"])
    }

    #[test]
    fn globs() {
        // (pattern, text, ignore_case, expected)
        let rows = [
            ("*", "", false, true),
            ("a*c", "abbbc", false, true),
            ("a*c", "abbbd", false, false),
            ("a?c", "abc", false, true),
            ("a?c", "ac", false, false),
            ("*a*b", "xxaxxb", false, true),
            ("ABC", "abc", true, true),
            ("ABC", "abc", false, false),
            ("a**", "a", false, true),
        ];
        for (p, t, ci, want) in rows {
            assert_eq!(glob(&compile(p, None).unwrap(), t, ci), want, "{p} vs {t}");
        }
    }

    #[test]
    fn variables() {
        let k = keys();
        // (template, expected literal text or None when unresolved)
        let rows: [(&str, Option<&str>); 9] = [
            ("home/${aws:username}/", Some("home/alice/")),
            ("home/${AWS:UserName}/", Some("home/alice/")),
            ("${aws:userid}", None),
            ("${aws:userid, 'anon'}", Some("anon")),
            ("${ aws:userid , 'it''s' }", Some("it's")),
            ("${aws:TagKeys}", None),
            ("a${*}b${?}c${$}", Some("a*b?c$")),
            ("no ${ closing", Some("no ${ closing")),
            ("${aws:userid, bare}", None),
        ];
        for (t, want) in rows {
            assert_eq!(compile(t, Some(&k)).map(|p| literal(&p)), want.map(str::to_string), "{t}");
        }
        // ${*} is a literal star, not a wildcard.
        let p = compile("a${*}", Some(&k)).unwrap();
        assert!(glob(&p, "a*", false));
        assert!(!glob(&p, "ab", false));
        // Without keys the variable is plain text.
        assert_eq!(literal(&compile("${aws:username}", None).unwrap()), "${aws:username}");
    }

    #[test]
    fn arns() {
        let rows = [
            ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b", true),
            ("arn:aws:s3:::bucket/*", "arn:aws:s3:::other/a", false),
            ("arn:aws:iam::*:user/*", "arn:aws:iam::123456789012:user/bob", true),
            // Fewer than six fields in the pattern: whole-text match.
            ("arn:aws:iam::1234*", "arn:aws:iam::123456789012:user/bob", true),
            ("arn:aws:ec2:*", "arn:aws:ec2:us-east-1:1:instance/i-1", true),
            ("arn:aws:iam::*:user/x", "arn:aws:iam::1:2:user/x", false),
            ("arn:aws:logs:*:*:log-group:g:*", "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s", true),
            ("*", "*", true),
            ("arn:aws:s3:::b", "*", false),
            ("arn:aws:S3:::b", "arn:aws:s3:::b", false),
        ];
        for (p, a, want) in rows {
            assert_eq!(resource_matches(p, a, None), want, "{p} vs {a}");
        }
    }
}
