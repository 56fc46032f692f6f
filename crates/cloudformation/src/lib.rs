//! CloudFormation
pub mod template;
