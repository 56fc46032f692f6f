//! Request context keys: the values that `Condition` blocks and policy
//! variables are evaluated against.
//!
//! Condition key names are case-insensitive
//! (reference_policies_elements_condition.html: "Condition key names are not
//! case-sensitive"), so keys are stored lowercased. Values keep their case.

use std::collections::BTreeMap;

/// Map from condition key (stored lowercased) to its values.
///
/// A key with an empty value list is treated as absent by the evaluator
/// (e.g. `aws:TagKeys` for a request that carries no tags).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContextKeys {
    map: BTreeMap<String, Vec<String>>,
}

impl ContextKeys {
    /// An empty context.
    pub fn new() -> Self {
        Self::default()
    }

    /// Set `key` to the single value `value`, replacing earlier values.
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        self.map.insert(key.to_lowercase(), vec![value.into()]);
    }

    /// Set `key` to several values (a multivalued key such as `aws:TagKeys`),
    /// replacing earlier values.
    pub fn set_many(&mut self, key: &str, values: Vec<String>) {
        self.map.insert(key.to_lowercase(), values);
    }

    /// Append one value to `key`.
    pub fn push(&mut self, key: &str, value: impl Into<String>) {
        self.map.entry(key.to_lowercase()).or_default().push(value.into());
    }

    /// Builder form of [`ContextKeys::set`].
    pub fn with(mut self, key: &str, value: impl Into<String>) -> Self {
        self.set(key, value);
        self
    }

    /// Builder form of [`ContextKeys::set_many`].
    pub fn with_many<S: Into<String>>(mut self, key: &str, values: impl IntoIterator<Item = S>) -> Self {
        self.set_many(key, values.into_iter().map(Into::into).collect());
        self
    }

    /// Values of `key` (looked up case-insensitively), if set.
    pub fn get(&self, key: &str) -> Option<&[String]> {
        self.map.get(&key.to_lowercase()).map(Vec::as_slice)
    }

    /// Values of `key` when it is present with at least one value.
    pub(crate) fn present(&self, key: &str) -> Option<&[String]> {
        self.get(key).filter(|v| !v.is_empty())
    }

    /// Remove `key`, returning its values.
    pub fn remove(&mut self, key: &str) -> Option<Vec<String>> {
        self.map.remove(&key.to_lowercase())
    }

    /// Whether `key` is set (even with no values).
    pub fn contains(&self, key: &str) -> bool {
        self.map.contains_key(&key.to_lowercase())
    }

    /// All keys (lowercased) and their values, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.map.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no key is set.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_case_insensitive_values_are_not() {
        let mut k = ContextKeys::new();
        k.set("aws:UserName", "Alice");
        assert_eq!(k.get("AWS:USERNAME"), Some(&["Alice".to_string()][..]));
        k.push("aws:TagKeys", "a");
        k.push("AWS:tagkeys", "b");
        assert_eq!(k.get("aws:tagkeys").unwrap().len(), 2);
        k.set_many("aws:TagKeys", vec![]);
        assert!(k.contains("aws:TagKeys"));
        assert!(k.present("aws:TagKeys").is_none());
        assert_eq!(k.remove("aws:username"), Some(vec!["Alice".to_string()]));
        assert_eq!(k.len(), 1);
    }
}
