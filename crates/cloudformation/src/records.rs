//! What CloudFormation keeps in the store: stacks (`cfn.stack`, keyed by stack id), their
//! resources (`cfn.resource`, `<stack id>|<logical id>`), events (`cfn.event`,
//! `<stack id>|<sequence>`) and change sets (`cfn.changeset`, keyed by ARN).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use wire::{Principal, PrincipalKind};

pub mod kind {
    pub const STACK: &str = "cfn.stack";
    pub const RESOURCE: &str = "cfn.resource";
    pub const EVENT: &str = "cfn.event";
    pub const CHANGE_SET: &str = "cfn.changeset";
    /// An update's journal (keyed by stack id): what it touched, for its rollback — also one
    /// resumed after a restart, or continued by ContinueUpdateRollback.
    pub const UNDO: &str = "cfn.undo";
    /// What a rolling update changed on its group (keyed like the resource), written before
    /// changing it: the sizes and suspended processes to put back.
    pub const ROLL: &str = "cfn.roll";
}

/// The principal a stack acts as (whoever created it), kept so that a restart can go on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CallerRec {
    pub account: String,
    pub arn: String,
    pub user_id: String,
    /// "root", "user:<name>", or "session" (temporary credentials).
    pub kind: String,
    pub access_key_id: String,
    pub tags: Vec<(String, String)>,
}

impl CallerRec {
    pub fn of(p: &Principal) -> CallerRec {
        let kind = match &p.kind {
            PrincipalKind::Root => "root".to_string(),
            PrincipalKind::User { name } => format!("user:{name}"),
            _ => "session".to_string(),
        };
        CallerRec {
            account: p.account.clone(),
            arn: p.arn.clone(),
            user_id: p.user_id.clone(),
            kind,
            access_key_id: p.access_key_id.clone(),
            tags: p.tags.clone(),
        }
    }

    /// A stack given a service role (RoleARN) acts as that role, as CloudFormation does: its
    /// calls are authorised by the role's policies, whoever made the stack.
    pub fn service_role(account: &str, role_arn: &str) -> CallerRec {
        let name = role_arn.rsplit('/').next().unwrap_or(role_arn);
        CallerRec {
            account: account.to_string(),
            arn: format!("arn:aws:sts::{account}:assumed-role/{name}/AWSCloudFormation"),
            user_id: format!("AROA{}:AWSCloudFormation", name.to_ascii_uppercase()),
            kind: format!("role:{role_arn}"),
            access_key_id: String::new(),
            tags: vec![],
        }
    }

    /// The service role the stack acts as, if it has one.
    pub fn role_arn(&self) -> Option<&str> {
        self.kind.strip_prefix("role:")
    }

    /// The principal back; None for temporary credentials, which a stack cannot act as
    /// (their session policies are not kept), so those calls are refused.
    pub fn principal(&self) -> Option<Principal> {
        let kind = match self.kind.as_str() {
            "root" => PrincipalKind::Root,
            k if k.starts_with("role:") => {
                let role_arn = k.trim_start_matches("role:").to_string();
                PrincipalKind::AssumedRole {
                    role_name: role_arn.rsplit('/').next().unwrap_or_default().to_string(),
                    role_arn,
                    session_name: "AWSCloudFormation".into(),
                }
            }
            k => PrincipalKind::User { name: k.strip_prefix("user:")?.to_string() },
        };
        Some(Principal {
            account: self.account.clone(),
            arn: self.arn.clone(),
            user_id: self.user_id.clone(),
            kind,
            access_key_id: self.access_key_id.clone(),
            tags: self.tags.clone(),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutputRec {
    pub key: String,
    pub value: String,
    pub description: Option<String>,
    pub export_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StackRec {
    pub stack_id: String,
    pub name: String,
    pub status: String,
    pub reason: Option<String>,
    pub description: Option<String>,
    pub template_body: String,
    /// Parameters as given, then as resolved (list values joined with commas).
    pub parameters: Vec<(String, String)>,
    pub capabilities: Vec<String>,
    pub disable_rollback: bool,
    pub created: f64,
    pub updated: Option<f64>,
    pub deleted: Option<f64>,
    pub outputs: Vec<OutputRec>,
    pub tags: Vec<(String, String)>,
    pub caller: CallerRec,
    pub termination_protection: bool,
    /// The change set that created the stack (REVIEW_IN_PROGRESS until executed).
    pub change_set: Option<String>,
    /// During an update: what the stack was before it (restored by an update rollback).
    #[serde(default)]
    pub previous: Option<PreviousRec>,
    /// The exports it imports (Fn::ImportValue), which their stacks cannot delete meanwhile.
    #[serde(default)]
    pub imports: Vec<String>,
    /// The stack policy (`stack_policy.rs`): once set, updates need its Allow.
    #[serde(default)]
    pub stack_policy: Option<String>,
    /// UpdateStack's StackPolicyDuringUpdateBody: overrides the stack policy for that update only.
    #[serde(default)]
    pub policy_during_update: Option<String>,
}

/// A stack's template, parameters and outputs before an update.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PreviousRec {
    pub template_body: String,
    pub parameters: Vec<(String, String)>,
    pub outputs: Vec<OutputRec>,
    pub description: Option<String>,
}

impl StackRec {
    pub fn in_progress(&self) -> bool {
        self.status.ends_with("_IN_PROGRESS") && self.status != "REVIEW_IN_PROGRESS"
    }

    pub fn describe(&self, no_echo: &[String]) -> Value {
        let mut m = Map::new();
        if let Some(role) = self.caller.role_arn() {
            m.insert("RoleARN".into(), role.to_string().into());
        }
        m.insert("StackId".into(), self.stack_id.clone().into());
        m.insert("StackName".into(), self.name.clone().into());
        if let Some(d) = &self.description {
            m.insert("Description".into(), d.clone().into());
        }
        if let Some(cs) = &self.change_set {
            m.insert("ChangeSetId".into(), cs.clone().into());
        }
        let params: Vec<Value> = self
            .parameters
            .iter()
            .map(|(k, v)| {
                let shown = if no_echo.contains(k) { "****".to_string() } else { v.clone() };
                serde_json::json!({"ParameterKey": k, "ParameterValue": shown})
            })
            .collect();
        if !params.is_empty() {
            m.insert("Parameters".into(), params.into());
        }
        m.insert("CreationTime".into(), self.created.into());
        if let Some(t) = self.updated {
            m.insert("LastUpdatedTime".into(), t.into());
        }
        if let Some(t) = self.deleted {
            m.insert("DeletionTime".into(), t.into());
        }
        m.insert("RollbackConfiguration".into(), Value::Object(Map::new()));
        m.insert("StackStatus".into(), self.status.clone().into());
        if let Some(r) = &self.reason {
            m.insert("StackStatusReason".into(), r.clone().into());
        }
        m.insert("DisableRollback".into(), self.disable_rollback.into());
        m.insert("NotificationARNs".into(), Value::Array(vec![]));
        if !self.capabilities.is_empty() {
            m.insert("Capabilities".into(), self.capabilities.clone().into());
        }
        if !self.outputs.is_empty() {
            let outs: Vec<Value> = self
                .outputs
                .iter()
                .map(|o| {
                    let mut x = Map::new();
                    x.insert("OutputKey".into(), o.key.clone().into());
                    x.insert("OutputValue".into(), o.value.clone().into());
                    if let Some(d) = &o.description {
                        x.insert("Description".into(), d.clone().into());
                    }
                    if let Some(e) = &o.export_name {
                        x.insert("ExportName".into(), e.clone().into());
                    }
                    Value::Object(x)
                })
                .collect();
            m.insert("Outputs".into(), outs.into());
        }
        let tags: Vec<Value> = self.tags.iter().map(|(k, v)| serde_json::json!({"Key": k, "Value": v})).collect();
        m.insert("Tags".into(), tags.into());
        m.insert("EnableTerminationProtection".into(), self.termination_protection.into());
        m.insert("DriftInformation".into(), serde_json::json!({"StackDriftStatus": "NOT_CHECKED"}));
        Value::Object(m)
    }

    pub fn summary(&self) -> Value {
        let mut m = Map::new();
        m.insert("StackId".into(), self.stack_id.clone().into());
        m.insert("StackName".into(), self.name.clone().into());
        if let Some(d) = &self.description {
            m.insert("TemplateDescription".into(), d.clone().into());
        }
        m.insert("CreationTime".into(), self.created.into());
        if let Some(t) = self.updated {
            m.insert("LastUpdatedTime".into(), t.into());
        }
        if let Some(t) = self.deleted {
            m.insert("DeletionTime".into(), t.into());
        }
        m.insert("StackStatus".into(), self.status.clone().into());
        if let Some(r) = &self.reason {
            m.insert("StackStatusReason".into(), r.clone().into());
        }
        m.insert("DriftInformation".into(), serde_json::json!({"StackDriftStatus": "NOT_CHECKED"}));
        Value::Object(m)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResourceRec {
    pub logical_id: String,
    pub physical_id: Option<String>,
    pub kind: String,
    pub status: String,
    pub reason: Option<String>,
    pub updated: f64,
    /// What Ref answers (often the physical id).
    pub reference: Option<String>,
    /// Fn::GetAtt's attributes.
    pub attributes: Map<String, Value>,
    /// The resolved properties it was created with (deletion reads them).
    pub properties: Value,
    pub deletion_policy: Option<String>,
}

impl ResourceRec {
    pub fn describe(&self, stack: &StackRec, detail: bool) -> Value {
        let mut m = Map::new();
        m.insert("StackName".into(), stack.name.clone().into());
        m.insert("StackId".into(), stack.stack_id.clone().into());
        m.insert("LogicalResourceId".into(), self.logical_id.clone().into());
        if let Some(p) = &self.physical_id {
            m.insert("PhysicalResourceId".into(), p.clone().into());
        }
        m.insert("ResourceType".into(), self.kind.clone().into());
        m.insert(if detail { "LastUpdatedTimestamp" } else { "Timestamp" }.into(), self.updated.into());
        m.insert("ResourceStatus".into(), self.status.clone().into());
        if let Some(r) = &self.reason {
            m.insert("ResourceStatusReason".into(), r.clone().into());
        }
        m.insert("DriftInformation".into(), serde_json::json!({"StackResourceDriftStatus": "NOT_CHECKED"}));
        Value::Object(m)
    }

    pub fn summary(&self) -> Value {
        let mut m = Map::new();
        m.insert("LogicalResourceId".into(), self.logical_id.clone().into());
        if let Some(p) = &self.physical_id {
            m.insert("PhysicalResourceId".into(), p.clone().into());
        }
        m.insert("ResourceType".into(), self.kind.clone().into());
        m.insert("LastUpdatedTimestamp".into(), self.updated.into());
        m.insert("ResourceStatus".into(), self.status.clone().into());
        if let Some(r) = &self.reason {
            m.insert("ResourceStatusReason".into(), r.clone().into());
        }
        m.insert("DriftInformation".into(), serde_json::json!({"StackResourceDriftStatus": "NOT_CHECKED"}));
        Value::Object(m)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventRec {
    pub event_id: String,
    pub stack_id: String,
    pub stack_name: String,
    pub logical_id: String,
    pub physical_id: Option<String>,
    pub kind: String,
    pub time: f64,
    pub status: String,
    pub reason: Option<String>,
    pub properties: Option<String>,
}

impl EventRec {
    pub fn describe(&self) -> Value {
        let mut m = Map::new();
        m.insert("StackId".into(), self.stack_id.clone().into());
        m.insert("EventId".into(), self.event_id.clone().into());
        m.insert("StackName".into(), self.stack_name.clone().into());
        m.insert("LogicalResourceId".into(), self.logical_id.clone().into());
        if let Some(p) = &self.physical_id {
            m.insert("PhysicalResourceId".into(), p.clone().into());
        }
        m.insert("ResourceType".into(), self.kind.clone().into());
        m.insert("Timestamp".into(), self.time.into());
        m.insert("ResourceStatus".into(), self.status.clone().into());
        if let Some(r) = &self.reason {
            m.insert("ResourceStatusReason".into(), r.clone().into());
        }
        if let Some(p) = &self.properties {
            m.insert("ResourceProperties".into(), p.clone().into());
        }
        Value::Object(m)
    }
}

/// One resource change of a change set: Add, Modify or Remove.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeRec {
    pub action: String,
    pub logical_id: String,
    pub kind: String,
    pub physical_id: Option<String>,
    /// For Modify: True (the type changes) or Conditional (decided when the new properties
    /// are resolved).
    pub replacement: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeSetRec {
    pub arn: String,
    pub name: String,
    pub stack_id: String,
    pub stack_name: String,
    pub description: Option<String>,
    pub created: f64,
    pub status: String,
    pub execution_status: String,
    pub reason: Option<String>,
    pub template_body: String,
    pub parameters: Vec<(String, String)>,
    pub capabilities: Vec<String>,
    /// What executing it would do.
    pub changes: Vec<ChangeRec>,
    pub tags: Vec<(String, String)>,
}
