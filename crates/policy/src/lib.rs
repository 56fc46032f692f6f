//! IAM policy engine: parse and validate IAM policy documents and decide
//! whether a request is allowed by them, the way AWS does. Pure functions,
//! no I/O: the caller supplies every input, including the clock (as the
//! `aws:CurrentTime` / `aws:EpochTime` context keys).
//!
//! - [`PolicyDocument::parse`] parses JSON into a [`PolicyDocument`] or a
//!   [`PolicyError`] with AWS's `MalformedPolicyDocument` wording;
//!   [`PolicyDocument::validate_identity_policy`] and
//!   [`PolicyDocument::validate_trust_policy`] add the per-use checks.
//! - [`authorize`] combines identity policies, an optional permissions
//!   boundary and an optional resource-based policy into an [`Outcome`];
//!   [`authorize_assume_role`] does the same for a role's trust policy;
//!   [`evaluate_policy_set`] decides one set of policies on its own.

mod condition;
mod context;
mod document;
mod evaluate;
mod matching;
mod principal;

pub use condition::{BaseOperator, ConditionOperator, SetQualifier};
pub use context::ContextKeys;
pub use document::{
    Condition, Effect, PatternSet, PolicyDocument, PolicyError, Principal, PrincipalSpec, PrincipalType, Statement,
};
pub use evaluate::{
    authorize, authorize_assume_role, evaluate_policy_set, Decision, DenyReason, MatchedStatement, Outcome, PolicyKind,
    PolicySet, RequestContext,
};
pub use matching::{action_matches, resource_matches, wildcard};
pub use principal::PrincipalMatch;
