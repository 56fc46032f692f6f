//! Helpers shared by the table tests.
#![allow(dead_code)]

use policy::{ContextKeys, PolicyDocument};

/// Context keys from `(key, values)` rows.
pub fn keys(rows: &[(&str, &[&str])]) -> ContextKeys {
    let mut k = ContextKeys::new();
    for (key, values) in rows {
        k.set_many(key, values.iter().map(|v| v.to_string()).collect());
    }
    k
}

/// Parse each document, panicking with the offending text on error.
pub fn docs(texts: &[&str]) -> Vec<PolicyDocument> {
    texts.iter().map(|t| PolicyDocument::parse(t).unwrap_or_else(|e| panic!("{e}: {t}"))).collect()
}

/// Label documents "p0", "p1", ... for a `PolicySet`.
pub fn labelled(docs: &[PolicyDocument]) -> Vec<(&'static str, &PolicyDocument)> {
    const LABELS: [&str; 6] = ["p0", "p1", "p2", "p3", "p4", "p5"];
    LABELS.iter().copied().zip(docs.iter()).collect()
}
