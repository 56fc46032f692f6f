//! Parameter names and paths as Parameter Store accepts them: letters, digits and `._-`,
//! hierarchies under `/` at most 15 levels deep, no `aws`/`ssm` prefix; `name:version`
//! selectors; which names a path holds.

use super::error::{Result, SsmError};

const NAME_RULES: &str = "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_";
const MAX_LEVELS: usize = 15;

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._-/".contains(c)
}

/// Levels of a hierarchy: `/a/b/c` has 3, `a` has 1.
fn levels(name: &str) -> usize {
    name.trim_start_matches('/').split('/').count()
}

/// A public parameter AWS publishes (`/aws/service/…`), read-only.
pub fn is_public(name: &str) -> bool {
    name.starts_with("/aws/service/")
}

/// The public families AWS publishes image ids under; these resolve to images registered in
/// the region.
const IMAGE_FAMILIES: &[&str] = &[
    "/aws/service/ami-amazon-linux-latest/",
    "/aws/service/ami-windows-latest/",
    "/aws/service/ami-macos-latest/",
    "/aws/service/canonical/",
    "/aws/service/debian/",
    "/aws/service/suse/",
    "/aws/service/bottlerocket/",
    "/aws/service/ecs/optimized-ami/",
    "/aws/service/eks/optimized-ami/",
];

/// A public name that stands for an image id.
pub fn is_image_alias(name: &str) -> bool {
    IMAGE_FAMILIES.iter().any(|f| name.len() > f.len() && name.starts_with(f))
}

/// A name PutParameter may create.
pub fn check_name(name: &str) -> Result<()> {
    if name.is_empty() || name.len() > 1011 || !name.chars().all(allowed) || name.contains("//") || name.ends_with('/')
    {
        return Err(SsmError::Validation(NAME_RULES.into()));
    }
    let bare = name.trim_start_matches('/').to_ascii_lowercase();
    if bare.starts_with("aws") || bare.starts_with("ssm") {
        return Err(SsmError::Validation(NAME_RULES.into()));
    }
    if name.contains('/') && !name.starts_with('/') {
        return Err(SsmError::Validation("Parameter name must be a fully qualified name.".into()));
    }
    if levels(name) > MAX_LEVELS {
        return Err(SsmError::HierarchyLevelLimitExceeded);
    }
    Ok(())
}

/// A path GetParametersByPath takes: `/`, or `/a/b` (a trailing `/` is allowed).
pub fn check_path(path: &str) -> Result<()> {
    let body = path.trim_end_matches('/');
    if !path.starts_with('/') || !path.chars().all(allowed) || body.contains("//") {
        return Err(SsmError::Validation(
            "The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash \"/\". It can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol \"/\". Valid example: /get/parameters2-/by1./path0_.".into(),
        ));
    }
    if !body.is_empty() && levels(body) > MAX_LEVELS {
        return Err(SsmError::HierarchyLevelLimitExceeded);
    }
    Ok(())
}

/// Whether `name` is under `path`: directly, or at any depth when `recursive`.
pub fn in_path(name: &str, path: &str, recursive: bool) -> bool {
    let dir = format!("{}/", path.trim_end_matches('/'));
    match name.strip_prefix(&dir) {
        Some(rest) => !rest.is_empty() && (recursive || !rest.contains('/')),
        None => false,
    }
}

/// A label LabelParameterVersion accepts: up to 100 letters, digits, `.`, `-`, `_`; not
/// starting with a digit, `aws` or `ssm`.
pub fn valid_label(label: &str) -> bool {
    let lower = label.to_ascii_lowercase();
    !label.is_empty()
        && label.len() <= 100
        && label.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        && !label.starts_with(|c: char| c.is_ascii_digit())
        && !lower.starts_with("aws")
        && !lower.starts_with("ssm")
}

/// What follows `:` in `name:selector`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    Version(u64),
    Label(String),
}

/// Split `name:3` / `name:label` into the name and its selector.
pub fn split_selector(name: &str) -> (&str, Option<Selector>) {
    match name.split_once(':') {
        None => (name, None),
        Some((n, s)) => match s.parse::<u64>() {
            Ok(v) => (n, Some(Selector::Version(v))),
            Err(_) => (n, Some(Selector::Label(s.to_string()))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_aws_accepts_them() {
        for ok in ["db-password", "/kg/prod/db.url", "/a_b/C-1/x.y", "plain.name_1"] {
            assert!(check_name(ok).is_ok(), "{ok}");
        }
        for (bad, code) in [
            ("", "ValidationException"),
            ("has space", "ValidationException"),
            ("semi;colon", "ValidationException"),
            ("/a//b", "ValidationException"),
            ("/a/b/", "ValidationException"),
            ("aws-thing", "ValidationException"),
            ("/AWS/thing", "ValidationException"),
            ("/ssm/x", "ValidationException"),
            ("SSMparam", "ValidationException"),
            ("a/b", "ValidationException"),
            ("/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16", "HierarchyLevelLimitExceededException"),
        ] {
            let err = wire::ApiError::from(check_name(bad).unwrap_err());
            assert_eq!(err.code, code, "{bad}");
        }
        assert!(check_name("/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15").is_ok());
    }

    #[test]
    fn paths() {
        for ok in ["/", "/kg", "/kg/", "/kg/prod"] {
            assert!(check_path(ok).is_ok(), "{ok}");
        }
        for bad in ["kg", "", "/kg//x", "/k g"] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn path_membership() {
        assert!(in_path("/kg/db", "/kg", false));
        assert!(in_path("/kg/db", "/kg/", false));
        assert!(!in_path("/kg/prod/db", "/kg", false));
        assert!(in_path("/kg/prod/db", "/kg", true));
        assert!(!in_path("/kgx/db", "/kg", true));
        assert!(!in_path("/kg", "/kg", true));
        assert!(in_path("/top", "/", false));
        assert!(!in_path("/a/b", "/", false));
        assert!(in_path("/a/b", "/", true));
    }

    #[test]
    fn labels() {
        for ok in ["prod", "Release-1.2_b", &"a".repeat(100)] {
            assert!(valid_label(ok), "{ok}");
        }
        for bad in ["", "1st", "awsy", "SSM-x", "has space", "a/b", &"a".repeat(101)] {
            assert!(!valid_label(bad), "{bad}");
        }
    }

    #[test]
    fn selectors() {
        assert_eq!(split_selector("/a/b"), ("/a/b", None));
        assert_eq!(split_selector("/a/b:3"), ("/a/b", Some(Selector::Version(3))));
        assert_eq!(split_selector("x:prod"), ("x", Some(Selector::Label("prod".into()))));
    }

    #[test]
    fn public_names() {
        assert!(is_public("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"));
        assert!(!is_public("/aws/servicex"));
        assert!(is_image_alias("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"));
        assert!(is_image_alias("/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id"));
        assert!(!is_image_alias("/aws/service/ami-amazon-linux-latest/"));
        assert!(!is_image_alias("/aws/service/global-infrastructure/regions"));
    }
}
