//! Networks that isolate, with the kernel's own parts: each VPC is a network namespace that
//! routes between its instances (`fabric.rs`), each instance a namespace of its own joined to it
//! by a veth pair, at its real VPC address; security groups are the router's nftables table
//! (`rules.rs`), replaced atomically when a group or its members change; the daemon reaches into
//! a namespace by making its sockets there (`ns.rs`).
//!
//! Pure logic (rule rendering, names) is unit-tested; `tests/fabric.rs` builds real namespaces.

pub mod fabric;
pub mod ns;
pub mod rules;

pub use fabric::{apply_nft, fnv1a, tag_for, Fabric};
pub use ns::Netns;
pub use rules::{Peer, Port, Protocol, Rule, Ruleset, Service};
