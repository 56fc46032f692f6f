//! Matching the `Principal` / `NotPrincipal` element against the caller
//! (reference_policies_elements_principal.html,
//! reference_policies_elements_notprincipal.html).

use crate::document::{Principal, PrincipalSpec, PrincipalType};
use crate::evaluate::RequestContext;

/// How a statement's principal element matched the caller, weakest first.
/// The evaluator uses it to tell a grant to the caller itself from a
/// delegation to the caller's account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PrincipalMatch {
    /// `{"AWS": "123456789012"}` or the account's `:root` ARN: the account
    /// delegates to its own identity policies.
    Account,
    /// `"*"`, `{"AWS": "*"}`, or a `NotPrincipal` that excludes the caller.
    Wildcard,
    /// One of `principal_aliases` (e.g. the role behind a session), or a
    /// `Federated` / `CanonicalUser` identity.
    Alias,
    /// `{"Service": ...}` equal to `principal_service`.
    Service,
    /// Exactly `principal_arn` (the user, or the assumed-role session).
    Own,
}

/// How `spec` matches the caller, or `None` when the statement does not
/// apply to the caller.
pub(crate) fn principal_matches(spec: &PrincipalSpec, ctx: &RequestContext) -> Option<PrincipalMatch> {
    if spec.negated {
        // AWS evaluates NotPrincipal against every identity of the caller
        // (session, role, account): it excludes the caller only when all of
        // them are listed, and an account entry stands for the account root
        // ARN only (reference_policies_elements_notprincipal.html). An
        // anonymous caller is excluded by nothing but "*".
        let arns_listed = identities(ctx).all(|id| listed(&spec.principal, id, false));
        let service_listed = match ctx.principal_service {
            Some(s) => listed(&spec.principal, s, true),
            None => true,
        };
        let anonymous = identities(ctx).next().is_none() && ctx.principal_service.is_none();
        let excluded = if anonymous { matches!(spec.principal, Principal::Any) } else { arns_listed && service_listed };
        return (!excluded).then_some(PrincipalMatch::Wildcard);
    }
    match &spec.principal {
        Principal::Any => Some(PrincipalMatch::Wildcard),
        Principal::Typed(entries) => {
            entries.iter().flat_map(|(ty, values)| values.iter().filter_map(|v| typed_match(*ty, v, ctx))).max()
        }
    }
}

fn identities<'a>(ctx: &'a RequestContext<'a>) -> impl Iterator<Item = &'a str> {
    std::iter::once(ctx.principal_arn).chain(ctx.principal_aliases.iter().copied()).filter(|id| !id.is_empty())
}

fn typed_match(ty: PrincipalType, value: &str, ctx: &RequestContext) -> Option<PrincipalMatch> {
    match ty {
        // "Principal": {"AWS": "*"} is equivalent to "Principal": "*".
        PrincipalType::Aws if value == "*" => Some(PrincipalMatch::Wildcard),
        PrincipalType::Aws => {
            if let Some(account) = account_principal(value) {
                identities(ctx).any(|id| arn_account(id) == Some(account)).then_some(PrincipalMatch::Account)
            } else if value == ctx.principal_arn {
                Some(PrincipalMatch::Own)
            } else {
                ctx.principal_aliases.contains(&value).then_some(PrincipalMatch::Alias)
            }
        }
        PrincipalType::Service => {
            ctx.principal_service.is_some_and(|s| s.eq_ignore_ascii_case(value)).then_some(PrincipalMatch::Service)
        }
        PrincipalType::Federated | PrincipalType::CanonicalUser => {
            let service = ctx.principal_service == Some(value);
            (service || identities(ctx).any(|id| id == value)).then_some(PrincipalMatch::Alias)
        }
    }
}

/// Whether `id` (an ARN, or with `service` a service name) is listed in a
/// NotPrincipal element, exactly.
fn listed(principal: &Principal, id: &str, service: bool) -> bool {
    let Principal::Typed(entries) = principal else {
        return true;
    };
    entries.iter().any(|(ty, values)| {
        values.iter().any(|v| match (ty, service) {
            (PrincipalType::Service, true) => v.eq_ignore_ascii_case(id),
            (PrincipalType::Service, false) | (_, true) => false,
            (PrincipalType::Aws, false) if v == "*" => true,
            (PrincipalType::Aws, false) if account_principal(v) == Some(v.as_str()) => {
                is_root(id) && arn_account(id) == Some(v.as_str())
            }
            (_, false) => v == id,
        })
    })
}

/// The account of an account principal: "123456789012" or
/// "arn:<partition>:iam::123456789012:root".
fn account_principal(value: &str) -> Option<&str> {
    if value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(value);
    }
    is_root(value).then(|| arn_account(value)).flatten()
}

fn is_root(arn: &str) -> bool {
    let f: Vec<&str> = arn.splitn(6, ':').collect();
    f.len() == 6 && f[0] == "arn" && f[2] == "iam" && f[5] == "root"
}

/// The account field of an ARN, if it has one.
fn arn_account(arn: &str) -> Option<&str> {
    let f: Vec<&str> = arn.splitn(6, ':').collect();
    (f.len() == 6 && f[0] == "arn" && !f[4].is_empty()).then_some(f[4])
}
