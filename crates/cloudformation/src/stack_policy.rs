//! Stack policies: which update actions (`Update:Modify`, `Update:Replace`, `Update:Delete`) an
//! update may take on which resources. Once a stack has a policy every resource is protected
//! unless a statement allows the action; a matching Deny wins over any Allow. Statements name
//! resources as `LogicalResourceId/<id>` (wildcards `*` and `?`), with `NotAction`,
//! `NotResource` and a `ResourceType` condition (`StringEquals` / `StringLike`).

use serde_json::Value;

/// An update action on one resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateAction {
    Modify,
    Replace,
    Delete,
}

impl UpdateAction {
    fn name(self) -> &'static str {
        match self {
            UpdateAction::Modify => "Update:Modify",
            UpdateAction::Replace => "Update:Replace",
            UpdateAction::Delete => "Update:Delete",
        }
    }
}

/// Check a policy document as SetStackPolicy does.
pub fn validate(body: &str) -> Result<(), String> {
    let doc: Value =
        serde_json::from_str(body).map_err(|e| format!("Error validating stack policy: Invalid JSON: {e}"))?;
    let statements = statements(&doc).ok_or("Error validating stack policy: Statement is required")?;
    for (i, s) in statements.iter().enumerate() {
        let n = i + 1;
        match s.get("Effect").and_then(Value::as_str) {
            Some("Allow" | "Deny") => {}
            _ => {
                return Err(format!("Error validating stack policy: Statement [#{n}] needs an Effect of Allow or Deny"))
            }
        }
        if s.get("Action").is_none() && s.get("NotAction").is_none() {
            return Err(format!("Error validating stack policy: Statement [#{n}] needs an Action or NotAction"));
        }
        if s.get("Resource").is_none() && s.get("NotResource").is_none() {
            return Err(format!("Error validating stack policy: Statement [#{n}] needs a Resource or NotResource"));
        }
        for a in strings(s.get("Action")).into_iter().chain(strings(s.get("NotAction"))) {
            if !matches!(a.as_str(), "Update:*" | "Update:Modify" | "Update:Replace" | "Update:Delete") {
                return Err(format!("Error validating stack policy: Statement [#{n}] has an unknown action [{a}]"));
            }
        }
    }
    Ok(())
}

fn statements(doc: &Value) -> Option<Vec<Value>> {
    match doc.get("Statement")? {
        Value::Array(a) => Some(a.clone()),
        v @ Value::Object(_) => Some(vec![v.clone()]),
        _ => None,
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => vec![],
    }
}

fn action_matches(pattern: &str, action: UpdateAction) -> bool {
    pattern == "Update:*" || pattern == action.name()
}

fn applies(s: &Value, action: UpdateAction, logical_id: &str, resource_type: &str) -> bool {
    let resource = format!("LogicalResourceId/{logical_id}");
    let actions = match (s.get("Action"), s.get("NotAction")) {
        (Some(a), _) => strings(Some(a)).iter().any(|p| action_matches(p, action)),
        (None, Some(na)) => !strings(Some(na)).iter().any(|p| action_matches(p, action)),
        _ => false,
    };
    let resources = match (s.get("Resource"), s.get("NotResource")) {
        (Some(r), _) => strings(Some(r)).iter().any(|p| policy::wildcard(p, &resource, false)),
        (None, Some(nr)) => !strings(Some(nr)).iter().any(|p| policy::wildcard(p, &resource, false)),
        _ => false,
    };
    let condition = match s.get("Condition").and_then(Value::as_object) {
        None => true,
        Some(c) => c.iter().all(|(op, kv)| {
            let wanted = strings(kv.get("ResourceType"));
            match op.as_str() {
                "StringEquals" => wanted.iter().any(|w| w == resource_type),
                "StringLike" => wanted.iter().any(|w| policy::wildcard(w, resource_type, false)),
                _ => false,
            }
        }),
    };
    actions && resources && condition
}

/// Whether `body` lets an update take `action` on the resource; Err is the reason AWS gives.
pub fn allows(body: &str, action: UpdateAction, logical_id: &str, resource_type: &str) -> Result<(), String> {
    let doc: Value = serde_json::from_str(body).map_err(|e| format!("Invalid stack policy: {e}"))?;
    let statements = statements(&doc).unwrap_or_default();
    let mut allowed = false;
    for (i, s) in statements.iter().enumerate() {
        if !applies(s, action, logical_id, resource_type) {
            continue;
        }
        match s.get("Effect").and_then(Value::as_str) {
            Some("Deny") => {
                return Err(format!(
                    "Action denied by stack policy: Statement [#{}] does not allow [{}] for resource [LogicalResourceId/{logical_id}]",
                    i + 1,
                    action.name()
                ))
            }
            Some("Allow") => allowed = true,
            _ => {}
        }
    }
    if allowed {
        Ok(())
    } else {
        Err(format!(
            "Action not allowed by stack policy: No statement allows [{}] for resource [LogicalResourceId/{logical_id}]",
            action.name()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROTECT_DB: &str = r#"{"Statement":[
        {"Effect":"Allow","Action":"Update:*","Principal":"*","Resource":"*"},
        {"Effect":"Deny","Action":"Update:*","Principal":"*","Resource":"LogicalResourceId/ProductionDatabase"}]}"#;

    #[test]
    fn a_deny_wins_and_everything_else_is_allowed() {
        assert!(allows(PROTECT_DB, UpdateAction::Modify, "WebServer", "AWS::EC2::Instance").is_ok());
        let e = allows(PROTECT_DB, UpdateAction::Replace, "ProductionDatabase", "AWS::RDS::DBInstance").unwrap_err();
        assert_eq!(
            e,
            "Action denied by stack policy: Statement [#2] does not allow [Update:Replace] for resource [LogicalResourceId/ProductionDatabase]"
        );
    }

    #[test]
    fn with_a_policy_nothing_is_allowed_unless_a_statement_says_so() {
        let only_modify = r#"{"Statement":{"Effect":"Allow","Action":"Update:Modify","Principal":"*","Resource":"LogicalResourceId/Web*"}}"#;
        assert!(allows(only_modify, UpdateAction::Modify, "WebServer", "AWS::EC2::Instance").is_ok());
        assert!(allows(only_modify, UpdateAction::Replace, "WebServer", "AWS::EC2::Instance")
            .unwrap_err()
            .starts_with("Action not allowed by stack policy: No statement allows [Update:Replace]"));
        assert!(allows(only_modify, UpdateAction::Modify, "Database", "AWS::RDS::DBInstance").is_err());
    }

    #[test]
    fn not_action_not_resource_and_resource_type_conditions() {
        let p = r#"{"Statement":[
            {"Effect":"Allow","NotAction":"Update:Delete","Principal":"*","NotResource":"LogicalResourceId/Keep"},
            {"Effect":"Deny","Action":["Update:Replace","Update:Delete"],"Principal":"*","Resource":"*",
             "Condition":{"StringLike":{"ResourceType":["AWS::RDS::*"]}}}]}"#;
        assert!(allows(p, UpdateAction::Replace, "Web", "AWS::EC2::Instance").is_ok());
        assert!(allows(p, UpdateAction::Delete, "Web", "AWS::EC2::Instance").is_err(), "NotAction excludes delete");
        assert!(allows(p, UpdateAction::Modify, "Keep", "AWS::EC2::Instance").is_err(), "NotResource excludes Keep");
        assert!(allows(p, UpdateAction::Modify, "Db", "AWS::RDS::DBInstance").is_ok());
        assert!(allows(p, UpdateAction::Replace, "Db", "AWS::RDS::DBInstance").unwrap_err().contains("Statement [#2]"));
    }

    #[test]
    fn documents_are_checked() {
        assert!(validate(PROTECT_DB).is_ok());
        assert!(validate("{").is_err());
        assert!(validate(r#"{"Statement":[{"Effect":"Maybe","Action":"Update:*","Resource":"*"}]}"#).is_err());
        assert!(validate(r#"{"Statement":[{"Effect":"Allow","Action":"Update:Everything","Resource":"*"}]}"#).is_err());
        assert!(validate(r#"{"Statement":[{"Effect":"Allow","Action":"Update:*"}]}"#).is_err());
    }
}
