//! EC2's `Filter.N.Name` / `Filter.N.Value.M` over rendered resources: each resource type
//! names the paths its filters read; `tag:<key>`, `tag-key` and `tag-value` work everywhere.
//! Values may use `*` and `?`; several values of one filter OR, several filters AND.

use serde_json::Value;

use crate::error::{Ec2Error, Result};

pub struct Filter {
    pub name: String,
    pub values: Vec<String>,
}

/// Read `Filters` from an input.
pub fn from_input(input: &Value) -> Vec<Filter> {
    input
        .get("Filters")
        .and_then(Value::as_array)
        .map(|fs| {
            fs.iter()
                .map(|f| Filter {
                    name: f.get("Name").and_then(Value::as_str).unwrap_or_default().to_string(),
                    values: f
                        .get("Values")
                        .and_then(Value::as_array)
                        .map(|v| v.iter().filter_map(|x| x.as_str().map(String::from)).collect())
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `*` any run, `?` one character, case-sensitive (policy's matcher, the region's one).
pub fn wildcard(pattern: &str, text: &str) -> bool {
    policy::wildcard(pattern, text, false)
}

/// Every leaf string (or number, bool) at a dotted path; lists are walked through.
fn values_at(v: &Value, path: &[&str], out: &mut Vec<String>) {
    match (v, path.split_first()) {
        (Value::Array(items), _) => items.iter().for_each(|i| values_at(i, path, out)),
        (_, None) => match v {
            Value::String(s) => out.push(s.clone()),
            Value::Number(n) => out.push(n.to_string()),
            Value::Bool(b) => out.push(b.to_string()),
            _ => {}
        },
        (Value::Object(o), Some((head, rest))) => {
            if let Some(child) = o.get(*head) {
                values_at(child, rest, out);
            }
        }
        _ => {}
    }
}

/// Does `resource` pass every filter? `paths` maps a filter name to the dotted paths it reads.
pub fn matches(resource: &Value, filters: &[Filter], paths: &[(&str, &str)]) -> Result<bool> {
    for f in filters {
        let mut found = Vec::new();
        if let Some(key) = f.name.strip_prefix("tag:") {
            if let Some(tags) = resource.get("Tags").and_then(Value::as_array) {
                for t in tags.iter().filter(|t| t.get("Key").and_then(Value::as_str) == Some(key)) {
                    values_at(t, &["Value"], &mut found);
                }
            }
        } else if f.name == "tag-key" {
            values_at(resource, &["Tags", "Key"], &mut found);
        } else if f.name == "tag-value" {
            values_at(resource, &["Tags", "Value"], &mut found);
        } else {
            let selected: Vec<&str> = paths.iter().filter(|(n, _)| *n == f.name).map(|(_, p)| *p).collect();
            if selected.is_empty() {
                return Err(Ec2Error::InvalidParameterValue(format!("The filter '{}' is invalid", f.name)));
            }
            for p in selected {
                values_at(resource, &p.split('.').collect::<Vec<_>>(), &mut found);
            }
        }
        if !f.values.iter().any(|want| found.iter().any(|have| wildcard(want, have))) {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn filters_by_path_tag_and_wildcard() {
        let r = json!({"InstanceId": "i-1", "State": {"Name": "running"}, "Tags": [{"Key": "Name", "Value": "KGsports Web"}]});
        let paths = [("instance-state-name", "State.Name"), ("instance-id", "InstanceId")];
        let f = |n: &str, v: &[&str]| Filter { name: n.into(), values: v.iter().map(|s| s.to_string()).collect() };
        assert!(matches(&r, &[f("instance-state-name", &["running", "pending"])], &paths).unwrap());
        assert!(!matches(&r, &[f("instance-state-name", &["stopped"])], &paths).unwrap());
        assert!(matches(&r, &[f("tag:Name", &["KGsports*"])], &paths).unwrap());
        assert!(matches(&r, &[f("tag-key", &["Name"]), f("instance-id", &["i-?"])], &paths).unwrap());
        assert!(matches(&r, &[f("bogus", &["x"])], &paths).is_err());
        assert!(wildcard("a*c", "abbbc") && !wildcard("a?c", "abbc"));
    }
}
