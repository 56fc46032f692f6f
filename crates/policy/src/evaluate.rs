//! The decision logic: which statements apply to a request, and how
//! identity policies, permissions boundaries and resource-based policies
//! combine within one account (reference_policies_evaluation-logic.html).

use crate::condition::condition_matches;
use crate::context::ContextKeys;
use crate::document::{Effect, PolicyDocument, Statement};
use crate::matching::{action_matches, resource_matches};
use crate::principal::{principal_matches, PrincipalMatch};

/// Everything a decision depends on. Time comes only from the keys
/// `aws:CurrentTime` (ISO 8601) and `aws:EpochTime` (seconds).
#[derive(Debug, Clone, Copy)]
pub struct RequestContext<'a> {
    /// e.g. "iam:CreateUser".
    pub action: &'a str,
    /// The resource ARN, or "*" for actions without resource-level scope.
    pub resource: &'a str,
    /// The caller's ARN (user ARN, or assumed-role session ARN); "" when
    /// anonymous or when only a service is calling.
    pub principal_arn: &'a str,
    /// Further ARNs the caller is known by: for a session the role ARN,
    /// and the account root "arn:aws:iam::123456789012:root".
    pub principal_aliases: &'a [&'a str],
    /// A calling service principal, e.g. "ec2.amazonaws.com".
    pub principal_service: Option<&'a str>,
    /// Condition keys and policy-variable values.
    pub keys: &'a ContextKeys,
}

impl<'a> RequestContext<'a> {
    /// A context with no principal; set the principal fields as needed.
    pub fn new(action: &'a str, resource: &'a str, keys: &'a ContextKeys) -> Self {
        Self { action, resource, principal_arn: "", principal_aliases: &[], principal_service: None, keys }
    }
}

/// Labelled policies evaluated together, e.g. all identity policies of a
/// user; the label (policy ARN, "inline:Name", ...) is echoed back in
/// [`MatchedStatement::policy`].
pub type PolicySet<'a> = &'a [(&'a str, &'a PolicyDocument)];

/// The decision for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    ExplicitDeny,
    ImplicitDeny,
}

impl Decision {
    /// Whether this is [`Decision::Allow`].
    pub fn is_allow(self) -> bool {
        self == Decision::Allow
    }
}

/// Which kind of policy a deny came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyKind {
    Identity,
    Boundary,
    Resource,
}

/// Why a request was denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DenyReason {
    /// A matching `Deny` statement.
    ExplicitDeny { kind: PolicyKind },
    /// No identity-based policy allows the action.
    NoIdentityAllow,
    /// The permissions boundary does not allow the action.
    NoBoundaryAllow,
    /// A resource-based policy that must allow (a role's trust policy for
    /// `sts:AssumeRole`, see [`authorize_assume_role`]) does not.
    NoResourceAllow,
}

impl DenyReason {
    /// The tail of AWS's AccessDenied message, e.g. "User: X is not
    /// authorized to perform: A on resource: R **because no identity-based
    /// policy allows the A action**".
    pub fn because_clause(&self, action: &str) -> String {
        match self {
            DenyReason::ExplicitDeny { kind } => {
                let place = match kind {
                    PolicyKind::Identity => "an identity-based policy",
                    PolicyKind::Boundary => "a permissions boundary",
                    PolicyKind::Resource => "a resource-based policy",
                };
                format!("with an explicit deny in {place}")
            }
            DenyReason::NoIdentityAllow => {
                format!("because no identity-based policy allows the {action} action")
            }
            DenyReason::NoBoundaryAllow => {
                format!("because no permissions boundary allows the {action} action")
            }
            DenyReason::NoResourceAllow => {
                format!("because no resource-based policy allows the {action} action")
            }
        }
    }
}

/// A statement that applied to the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchedStatement {
    /// The label the policy was given in its [`PolicySet`].
    pub policy: String,
    /// Index of the statement within the policy.
    pub statement_index: usize,
    pub sid: Option<String>,
    pub effect: Effect,
}

/// The result of [`authorize`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub decision: Decision,
    /// `None` exactly when the decision is `Allow`.
    pub reason: Option<DenyReason>,
    /// Every statement that applied, identity then boundary then resource.
    pub matched: Vec<MatchedStatement>,
}

impl Outcome {
    /// Whether the request is allowed.
    pub fn is_allowed(&self) -> bool {
        self.decision.is_allow()
    }
}

/// A statement that applied, with how its principal (if any) matched.
struct Hit {
    stmt: MatchedStatement,
    principal: Option<PrincipalMatch>,
}

/// Decide a request against one set of policies on its own: any matching
/// Deny gives `ExplicitDeny`, else any matching Allow gives `Allow`, else
/// `ImplicitDeny`. Statements with a Principal/NotPrincipal apply only to
/// the principals they name.
pub fn evaluate_policy_set(set: PolicySet, ctx: &RequestContext) -> (Decision, Vec<MatchedStatement>) {
    let hits = hits(set, ctx);
    let decision = decide(&hits);
    (decision, hits.into_iter().map(|h| h.stmt).collect())
}

/// AWS's single-account evaluation of a request
/// (reference_policies_evaluation-logic.html, "Determining whether a request
/// is allowed or denied within an account"):
///
/// 1. An explicit Deny in any identity policy, boundary or resource-based
///    policy denies.
/// 2. A resource-based policy Allow that grants to the caller allows even
///    without an identity-policy Allow. Within one account it "is not limited
///    by an implicit deny in an identity-based policy"; with a permissions
///    boundary only a grant naming the caller's own ARN (user or role
///    session) or its calling service still applies, because grants to a
///    role ARN or to everyone are limited by the boundary
///    (reference_policies_evaluation-logic.html and
///    access_policies_boundaries.html, "Resource-based policies"). A grant to
///    the account (`{"AWS": "123456789012"}` or its `:root` ARN) only
///    delegates to the account's identity policies
///    (reference_policies_elements_principal.html#principal-accounts), so it
///    never allows by itself.
/// 3. Otherwise an identity policy must Allow (else `NoIdentityAllow`), and
///    when a boundary is given it must Allow too (else `NoBoundaryAllow`).
///
/// Session policies, SCPs/RCPs and cross-account access are out of scope.
pub fn authorize(
    identity: PolicySet,
    boundary: Option<PolicySet>,
    resource_policy: Option<PolicySet>,
    ctx: &RequestContext,
) -> Outcome {
    combine(identity, boundary, resource_policy, false, ctx)
}

/// `sts:AssumeRole`: like [`authorize`] with the role's trust policy as the
/// resource-based policy, except that the trust policy must allow the caller
/// in every case (else `NoResourceAllow`); when it allows only through the
/// account (or through the role ARN / wildcard under a boundary), the
/// caller's identity policies (and boundary) must allow as well
/// (id_roles_manage-assume.html / reference_policies_evaluation-logic-cross-account.html).
pub fn authorize_assume_role(
    identity: PolicySet,
    boundary: Option<PolicySet>,
    trust: PolicySet,
    ctx: &RequestContext,
) -> Outcome {
    combine(identity, boundary, Some(trust), true, ctx)
}

fn combine(
    identity: PolicySet,
    boundary: Option<PolicySet>,
    resource_policy: Option<PolicySet>,
    resource_required: bool,
    ctx: &RequestContext,
) -> Outcome {
    let id = hits(identity, ctx);
    let bound = boundary.map(|b| hits(b, ctx));
    let res = resource_policy.map(|r| hits(r, ctx)).unwrap_or_default();
    let decisions = (decide(&id), bound.as_deref().map(decide), decide(&res));
    let direct = res.iter().any(|h| h.stmt.effect == Effect::Allow && direct_grant(h.principal, boundary.is_some()));
    let matched = id.into_iter().chain(bound.into_iter().flatten()).chain(res).map(|h| h.stmt).collect();
    let deny = |reason| Outcome {
        decision: match reason {
            DenyReason::ExplicitDeny { .. } => Decision::ExplicitDeny,
            _ => Decision::ImplicitDeny,
        },
        reason: Some(reason),
        matched: Vec::new(),
    };
    let outcome = match decisions {
        (Decision::ExplicitDeny, _, _) => deny(DenyReason::ExplicitDeny { kind: PolicyKind::Identity }),
        (_, Some(Decision::ExplicitDeny), _) => deny(DenyReason::ExplicitDeny { kind: PolicyKind::Boundary }),
        (_, _, Decision::ExplicitDeny) => deny(DenyReason::ExplicitDeny { kind: PolicyKind::Resource }),
        (_, _, r) if resource_required && r != Decision::Allow => deny(DenyReason::NoResourceAllow),
        _ if direct => allowed(),
        (i, _, _) if i != Decision::Allow => deny(DenyReason::NoIdentityAllow),
        (_, Some(b), _) if b != Decision::Allow => deny(DenyReason::NoBoundaryAllow),
        _ => allowed(),
    };
    Outcome { matched, ..outcome }
}

fn allowed() -> Outcome {
    Outcome { decision: Decision::Allow, reason: None, matched: Vec::new() }
}

/// Whether a resource-based Allow that matched this way grants by itself
/// (see [`authorize`] step 2).
fn direct_grant(principal: Option<PrincipalMatch>, has_boundary: bool) -> bool {
    match principal {
        None | Some(PrincipalMatch::Account) => false,
        Some(PrincipalMatch::Own | PrincipalMatch::Service) => true,
        Some(PrincipalMatch::Wildcard | PrincipalMatch::Alias) => !has_boundary,
    }
}

fn decide(hits: &[Hit]) -> Decision {
    if hits.iter().any(|h| h.stmt.effect == Effect::Deny) {
        Decision::ExplicitDeny
    } else if hits.is_empty() {
        Decision::ImplicitDeny
    } else {
        Decision::Allow
    }
}

fn hits(set: PolicySet, ctx: &RequestContext) -> Vec<Hit> {
    let mut out = Vec::new();
    for (label, doc) in set {
        let vars = doc.supports_variables();
        for (index, stmt) in doc.statements.iter().enumerate() {
            if let Some(principal) = applies(stmt, ctx, vars) {
                out.push(Hit {
                    stmt: MatchedStatement {
                        policy: (*label).to_string(),
                        statement_index: index,
                        sid: stmt.sid.clone(),
                        effect: stmt.effect,
                    },
                    principal,
                });
            }
        }
    }
    out
}

/// `Some(how the principal matched)` when the statement applies; the inner
/// `None` means the statement has no principal element (identity policy).
fn applies(stmt: &Statement, ctx: &RequestContext, vars: bool) -> Option<Option<PrincipalMatch>> {
    let principal = match &stmt.principal {
        Some(spec) => Some(principal_matches(spec, ctx)?),
        None => None,
    };
    let actions = &stmt.actions;
    if actions.patterns.iter().any(|p| action_matches(p, ctx.action)) == actions.negated {
        return None;
    }
    if let Some(res) = &stmt.resources {
        let keys = vars.then_some(ctx.keys);
        let hit = res.patterns.iter().any(|p| resource_matches(p, ctx.resource, keys));
        if hit == res.negated {
            return None;
        }
    }
    stmt.conditions.iter().all(|c| condition_matches(c, ctx.keys, vars)).then_some(principal)
}
