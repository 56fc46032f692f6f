//! The typed seam between the wire and the services, generated from the botocore models in
//! `crates/wire/models/` by `tools/gen_types.py` for the operations listed in
//! `tools/typed_operations.json`.
//!
//! Per service: the inputs and outputs as structs (the model's member names, optional members
//! as `Option`s), the model's string enums, `Operation` (one variant per implemented operation,
//! carrying its input: a service dispatches, authorises and decides whether a call mutates with
//! exhaustive `match`es over it), and `Client` (typed calls between services over a
//! [`wire::typed::Transport`]).

pub mod autoscaling;
pub mod cloudwatch;
pub mod ec2;
pub mod elb;
pub mod elbv2;
pub mod sns;
pub mod sqs;
pub mod sts;
