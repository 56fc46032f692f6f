//! Resource signals: a CreationPolicy's `ResourceSignal` (SignalResource, cfn-signal) and wait
//! conditions (`AWS::CloudFormation::WaitConditionHandle`'s presigned URL,
//! `AWS::CloudFormation::WaitCondition`). A waiting resource keeps a [`WaitRec`] under
//! `cfn.signal` (`<stack id>|<logical id>`): how many signals it needs, its deadline and, once
//! its service has made it, what was made — so that a restart resumes the wait with the time
//! left. Signals land in the mailbox of the resource signalled (a handle's own record for
//! wait-condition URLs). Whether a wait is over is [`verdict`]: pure, clock passed in.

use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::Sha256;

use crate::error::{CfnError, Result};
use crate::ops::{find_stack, not_found, required};
use crate::provision::Created;
use crate::records::{kind, ResourceRec};
use crate::template::{ResourceDecl, Scope};
use crate::CloudFormation;

pub const SIGNAL: &str = "cfn.signal";
const SIGNING_KEY: &str = "cfn.signing-key";
/// The path of a wait-condition handle's presigned URL.
pub const HANDLE_PATH: &str = "/cloudformation-waitcondition";

/// What a resource with a CreationPolicy waits for.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub count: u32,
    /// Seconds.
    pub timeout: f64,
    /// AutoScalingCreationPolicy.MinSuccessfulInstancesPercent (100 when absent).
    pub min_percent: f64,
}

impl Policy {
    /// SUCCESS signals needed: the percentage of Count, rounded up (5 instances at 50%: 3).
    pub fn required(&self) -> u32 {
        let exact = f64::from(self.count) * self.min_percent / 100.0;
        // AWS rounds the percentage to a tenth; this keeps 33.3% of 3 at 1.
        ((exact * 1000.0).round() / 1000.0).ceil() as u32
    }
}

/// How a wait reports its outcome: a resource's CreationPolicy or a WaitCondition's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Style {
    Resource,
    WaitCondition,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    pub unique_id: String,
    pub status: String,
    pub reason: Option<String>,
    pub data: Option<String>,
    pub time: f64,
}

/// What the resource's service made, kept while it waits (the wait resumes with it).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreatedRec {
    pub physical_id: String,
    pub reference: String,
    pub attributes: Map<String, Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WaitRec {
    pub style: Style,
    /// Signals wanted (Count).
    pub count: u32,
    /// SUCCESS signals needed to complete.
    pub required: u32,
    pub min_percent: f64,
    /// None for a mailbox that waits for nothing (a WaitConditionHandle).
    pub deadline: Option<f64>,
    /// The resource whose mailbox counts (a WaitCondition's handle); None: its own.
    pub source: Option<String>,
    pub signals: Vec<Signal>,
    pub created: Option<CreatedRec>,
}

impl WaitRec {
    fn mailbox() -> WaitRec {
        WaitRec {
            style: Style::WaitCondition,
            count: 0,
            required: 0,
            min_percent: 100.0,
            deadline: None,
            source: None,
            signals: vec![],
            created: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Waiting,
    Complete,
    Failed(String),
}

/// Is the wait over, given the signals received (`signals`, the mailbox's) at `now`?
pub fn verdict(w: &WaitRec, signals: &[Signal], now: f64) -> Verdict {
    let successes = signals.iter().filter(|s| s.status == "SUCCESS").count() as u32;
    let failures: Vec<&Signal> = signals.iter().filter(|s| s.status != "SUCCESS").collect();
    match w.style {
        Style::WaitCondition => {
            if let Some(f) = failures.first() {
                return Verdict::Failed(format!(
                    "WaitCondition received failed message: '{}' for uniqueId: {}",
                    f.reason.as_deref().unwrap_or_default(),
                    f.unique_id
                ));
            }
            if successes >= w.count {
                return Verdict::Complete;
            }
            if w.deadline.is_some_and(|d| now >= d) {
                return Verdict::Failed(format!(
                    "WaitCondition timed out. Received {successes} conditions when expecting {}",
                    w.count
                ));
            }
            Verdict::Waiting
        }
        Style::Resource => {
            let failed = failures.len() as u32;
            if !failures.is_empty() && w.count.saturating_sub(failed) < w.required {
                if w.required >= w.count {
                    return Verdict::Failed(format!("Received FAILURE signal with UniqueId {}", failures[0].unique_id));
                }
                return Verdict::Failed(format!(
                    "Received {failed} FAILURE signal(s) out of {}. Unable to satisfy {}% MinSuccessfulInstancesPercent requirement",
                    w.count, w.min_percent
                ));
            }
            if successes >= w.required {
                return Verdict::Complete;
            }
            if w.deadline.is_some_and(|d| now >= d) {
                return Verdict::Failed(format!(
                    "Failed to receive {} resource signal(s) within the specified duration",
                    w.required - successes
                ));
            }
            Verdict::Waiting
        }
    }
}

/// An ISO 8601 duration as CreationPolicy's Timeout takes it (`PT15M`, `PT1H30M`, `PT45S`,
/// `P1DT2H`), in seconds.
pub fn parse_duration(s: &str) -> std::result::Result<f64, String> {
    let bad = || format!("Invalid Timeout value {s}: expected an ISO 8601 duration such as PT15M");
    let rest = s.trim().strip_prefix('P').ok_or_else(bad)?;
    let (mut total, mut num, mut in_time, mut any) = (0.0, String::new(), false, false);
    for c in rest.chars() {
        match c {
            'T' if !in_time && num.is_empty() => in_time = true,
            '0'..='9' | '.' => num.push(c),
            _ => {
                let n: f64 = num.parse().map_err(|_| bad())?;
                num.clear();
                let unit = match (c, in_time) {
                    ('D', false) => 86_400.0,
                    ('W', false) => 604_800.0,
                    ('H', true) => 3_600.0,
                    ('M', true) => 60.0,
                    ('S', true) => 1.0,
                    _ => return Err(bad()),
                };
                total += n * unit;
                any = true;
            }
        }
    }
    if !num.is_empty() || !any {
        return Err(bad());
    }
    Ok(total)
}

/// The CreationPolicy of a resource, evaluated (Count is often a Ref to a parameter).
pub fn policy(scope: &Scope, decl: &ResourceDecl) -> std::result::Result<Option<Policy>, String> {
    let Some(raw) = &decl.creation_policy else { return Ok(None) };
    let Some(cp) = scope.eval(raw)? else { return Ok(None) };
    let Some(rs) = cp.get("ResourceSignal") else { return Ok(None) };
    let number = |v: Option<&Value>| -> Option<f64> {
        match v? {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    };
    let count = number(rs.get("Count")).unwrap_or(1.0);
    if count < 1.0 {
        return Err("CreationPolicy ResourceSignal Count must be at least 1".into());
    }
    let timeout = match rs.get("Timeout").and_then(Value::as_str) {
        Some(t) => parse_duration(t)?,
        None => 300.0,
    };
    if timeout > 43_200.0 {
        return Err("CreationPolicy ResourceSignal Timeout cannot exceed 12 hours (PT12H)".into());
    }
    let min_percent = number(cp.pointer("/AutoScalingCreationPolicy/MinSuccessfulInstancesPercent")).unwrap_or(100.0);
    if !(0.0..=100.0).contains(&min_percent) {
        return Err("MinSuccessfulInstancesPercent must be between 0 and 100".into());
    }
    Ok(Some(Policy { count: count as u32, timeout, min_percent }))
}

fn key(stack_id: &str, logical_id: &str) -> String {
    format!("{stack_id}|{logical_id}")
}

impl CloudFormation {
    /// The region's key for wait-condition URLs: made once, kept in the store.
    fn signing_key(&self) -> Result<Vec<u8>> {
        if let Some(k) = self.get::<String>(SIGNING_KEY, "handle")? {
            return Ok(hex::decode(k).unwrap_or_default());
        }
        let fresh: [u8; 32] = rand::random();
        let stored = self.store.write(|tx| match tx.get::<String>(SIGNING_KEY, "handle")? {
            Some(k) => Ok(k),
            None => {
                let k = hex::encode(fresh);
                tx.put(SIGNING_KEY, "handle", &k)?;
                Ok::<String, store::StoreError>(k)
            }
        })?;
        Ok(hex::decode(stored).unwrap_or_default())
    }

    fn handle_mac(&self, stack_id: &str, handle: &str) -> Result<Hmac<Sha256>> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.signing_key()?).expect("any key length");
        mac.update(stack_id.as_bytes());
        mac.update(b"\n");
        mac.update(handle.as_bytes());
        Ok(mac)
    }

    /// A WaitConditionHandle's presigned URL on the region's own endpoint.
    fn handle_url(&self, stack_id: &str, handle: &str) -> Result<String> {
        let signature = hex::encode(self.handle_mac(stack_id, handle)?.finalize().into_bytes());
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("stack", stack_id)
            .append_pair("handle", handle)
            .append_pair("signature", &signature)
            .finish();
        Ok(format!("{}{HANDLE_PATH}?{query}", self.endpoint()))
    }

    /// Add a signal to `mailbox` (`<stack id>|<logical id>`); a UniqueId already there is
    /// replaced (`replace`, a handle's URL: the last PUT wins) or counted once.
    fn add_signal(&self, mailbox: &str, signal: Signal, replace: bool) -> Result<bool> {
        Ok(self.store.write(|tx| {
            let Some(mut w) = tx.get::<WaitRec>(SIGNAL, mailbox)? else { return Ok(false) };
            merge(&mut w.signals, signal, replace);
            tx.put(SIGNAL, mailbox, &w)?;
            Ok::<bool, store::StoreError>(true)
        })?)
    }
}

/// A signal joins those received: one per UniqueId, the first kept or (`replace`) the last.
fn merge(signals: &mut Vec<Signal>, signal: Signal, replace: bool) {
    match signals.iter_mut().find(|s| s.unique_id == signal.unique_id) {
        Some(old) if replace => *old = signal,
        Some(_) => {}
        None => signals.push(signal),
    }
}

/// SignalResource: a SUCCESS or FAILURE signal to a resource that waits for signals.
pub fn signal_resource(cfn: &CloudFormation, input: &Value) -> Result<Value> {
    let name = required(input, "StackName")?;
    let logical = required(input, "LogicalResourceId")?;
    let unique_id = required(input, "UniqueId")?;
    let status = required(input, "Status")?;
    let st = find_stack(cfn, name)?.ok_or_else(|| not_found(name))?;
    let rkey = key(&st.stack_id, logical);
    let Some(r) = cfn.get::<ResourceRec>(kind::RESOURCE, &rkey)? else {
        return Err(CfnError::Validation(format!("Resource {logical} does not exist for stack {}", st.name)));
    };
    let wait = cfn.get::<WaitRec>(SIGNAL, &rkey)?.filter(|w| w.deadline.is_some());
    let Some(wait) = wait else {
        return Err(CfnError::Validation(format!(
            "Resource {logical} in stack {} does not expect any signals",
            st.stack_id
        )));
    };
    // Waiting: being created, or made anew by an update that replaces it.
    if r.status != "CREATE_IN_PROGRESS" && r.status != "UPDATE_IN_PROGRESS" {
        return Err(CfnError::Validation(format!(
            "Resource {logical} is in {} state and can not be signaled",
            r.status
        )));
    }
    let mailbox = key(&st.stack_id, wait.source.as_deref().unwrap_or(logical));
    let signal =
        Signal { unique_id: unique_id.into(), status: status.into(), reason: None, data: None, time: cfn.now() };
    cfn.add_signal(&mailbox, signal, false)?;
    let reason = format!("Received {status} signal with UniqueId {unique_id}");
    cfn.store.write(|tx| {
        let ev = cfn.resource_event(&st, &r, Some(&reason));
        tx.put(kind::EVENT, &cfn.event_key(&st.stack_id), &ev)
    })?;
    Ok(Value::Object(Map::new()))
}

/// An HTTP PUT to a wait-condition handle's URL: (status, content type, body).
pub fn put_handle(cfn: &CloudFormation, query: &str, body: &[u8]) -> (u16, &'static str, Vec<u8>) {
    let s3_error = |status: u16, code: &str, message: &str| {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>"
        );
        (status, "application/xml", xml.into_bytes())
    };
    let mut stack = None;
    let mut handle = None;
    let mut signature = None;
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        match &*k {
            "stack" => stack = Some(v.into_owned()),
            "handle" => handle = Some(v.into_owned()),
            "signature" => signature = Some(v.into_owned()),
            _ => {}
        }
    }
    let (Some(stack), Some(handle), Some(signature)) = (stack, handle, signature) else {
        return s3_error(403, "AccessDenied", "Query-string authentication requires the signature parameters");
    };
    let verified = match (cfn.handle_mac(&stack, &handle), hex::decode(&signature)) {
        (Ok(mac), Ok(sig)) => mac.verify_slice(&sig).is_ok(),
        (Err(e), _) => {
            tracing::error!(error = %e, "cloudformation: wait-condition signing key not readable");
            return s3_error(500, "InternalError", "We encountered an internal error. Please try again.");
        }
        _ => false,
    };
    if !verified {
        return s3_error(
            403,
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided.",
        );
    }
    let doc: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(_) => return s3_error(400, "MalformedJSON", "The body must be a JSON object with Status and UniqueId"),
    };
    let text = |k: &str| doc.get(k).map(crate::template::eval::scalar_text);
    let status = match text("Status").as_deref() {
        Some("SUCCESS") => "SUCCESS",
        Some("FAILURE") => "FAILURE",
        _ => return s3_error(400, "InvalidStatus", "Status must be SUCCESS or FAILURE"),
    };
    let Some(unique_id) = text("UniqueId").filter(|u| !u.is_empty()) else {
        return s3_error(400, "MissingUniqueId", "UniqueId must be given");
    };
    let signal =
        Signal { unique_id, status: status.into(), reason: text("Reason"), data: text("Data"), time: cfn.now() };
    match cfn.add_signal(&key(&stack, &handle), signal, true) {
        Ok(true) => (200, "application/xml", Vec::new()),
        Ok(false) => s3_error(404, "NoSuchKey", "The specified wait condition handle does not exist."),
        Err(e) => {
            tracing::error!(error = %e, "cloudformation: wait-condition signal not stored");
            s3_error(500, "InternalError", "We encountered an internal error. Please try again.")
        }
    }
}

/// Create a WaitConditionHandle (its Ref is the presigned URL) or a WaitCondition (complete
/// once its handle — or, with a CreationPolicy, SignalResource — has its signals).
pub async fn create_cloudformation_resource(
    cfn: &Arc<CloudFormation>,
    stack_id: &str,
    decl: &ResourceDecl,
    props: &Value,
    policy: Option<Policy>,
) -> std::result::Result<Created, String> {
    let own = key(stack_id, &decl.logical_id);
    let arn = format!("{stack_id}/{}", decl.logical_id);
    if decl.kind == "AWS::CloudFormation::WaitConditionHandle" {
        // A stack resumed at start may get here before the gateway listens (and the URL's base
        // is known): give it a moment.
        for _ in 0..100 {
            if cfn.endpoint_known() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        cfn.put(SIGNAL, &own, &WaitRec::mailbox()).map_err(|e| e.to_string())?;
        let url = cfn.handle_url(stack_id, &decl.logical_id).map_err(|e| e.to_string())?;
        return Ok(Created::id(url));
    }
    // AWS::CloudFormation::WaitCondition
    let created = CreatedRec { physical_id: arn.clone(), reference: arn, attributes: Map::new() };
    let mut w = match policy {
        Some(p) => WaitRec {
            style: Style::Resource,
            count: p.count,
            required: p.required(),
            min_percent: p.min_percent,
            deadline: Some(cfn.now() + p.timeout),
            source: None,
            signals: vec![],
            created: None,
        },
        None => {
            let url = props.get("Handle").and_then(Value::as_str).ok_or("Property Handle cannot be empty.")?;
            let handle = form_urlencoded::parse(url.split_once('?').map(|(_, q)| q).unwrap_or("").as_bytes())
                .find(|(k, _)| k == "handle")
                .map(|(_, v)| v.into_owned())
                .ok_or("Property Handle must be the Ref of an AWS::CloudFormation::WaitConditionHandle")?;
            let number = |k: &str| props.get(k).map(crate::template::eval::scalar_text);
            let timeout: f64 = number("Timeout")
                .ok_or("Property Timeout cannot be empty.")?
                .trim()
                .parse()
                .map_err(|_| "Value of property Timeout must be of the expected type")?;
            if !(1.0..=43_200.0).contains(&timeout) {
                return Err("Timeout must be between 1 and 43200 seconds".into());
            }
            let count: u32 = match number("Count") {
                Some(c) => c.trim().parse().map_err(|_| "Value of property Count must be of the expected type")?,
                None => 1,
            };
            WaitRec {
                style: Style::WaitCondition,
                count,
                required: count,
                min_percent: 100.0,
                deadline: Some(cfn.now() + timeout),
                source: Some(handle),
                signals: vec![],
                created: None,
            }
        }
    };
    w.created = Some(created);
    cfn.put(SIGNAL, &own, &w).map_err(|e| e.to_string())?;
    await_signals(cfn, stack_id, &decl.logical_id).await
}

/// Record a CreationPolicy's wait before the resource is made (signals count from then, and
/// its timeout runs from then, as AWS's does).
pub fn start_wait(
    cfn: &CloudFormation,
    stack_id: &str,
    logical_id: &str,
    p: &Policy,
) -> std::result::Result<(), String> {
    let w = WaitRec {
        style: Style::Resource,
        count: p.count,
        required: p.required(),
        min_percent: p.min_percent,
        deadline: Some(cfn.now() + p.timeout),
        source: None,
        signals: vec![],
        created: None,
    };
    cfn.put(SIGNAL, &key(stack_id, logical_id), &w).map_err(|e| e.to_string())
}

/// The resource's service made it: keep what it made (a restart resumes the wait with it), then
/// wait for its signals.
pub async fn made(
    cfn: &Arc<CloudFormation>,
    stack_id: &str,
    logical_id: &str,
    created: Created,
) -> std::result::Result<Created, String> {
    let k = key(stack_id, logical_id);
    let kept = CreatedRec {
        physical_id: created.physical_id.clone(),
        reference: created.reference.clone(),
        attributes: created.attributes.clone(),
    };
    cfn.store
        .write(|tx| {
            if let Some(mut w) = tx.get::<WaitRec>(SIGNAL, &k)? {
                w.created = Some(kept);
                tx.put(SIGNAL, &k, &w)?;
            }
            Ok::<(), store::StoreError>(())
        })
        .map_err(|e| e.to_string())?;
    await_signals(cfn, stack_id, logical_id).await
}

/// Wait (polling the store every 250 ms, the deadline on the region's clock) until the
/// resource has its signals, a FAILURE, or its time is up. Also how a restart resumes a wait.
pub async fn await_signals(
    cfn: &Arc<CloudFormation>,
    stack_id: &str,
    logical_id: &str,
) -> std::result::Result<Created, String> {
    let own = key(stack_id, logical_id);
    loop {
        if cfn.waits_stopped(stack_id) {
            return Err("Resource creation cancelled".into());
        }
        let w: WaitRec = cfn.get(SIGNAL, &own).map_err(|e| e.to_string())?.ok_or("the resource's wait vanished")?;
        let signals = match &w.source {
            Some(src) => cfn
                .get::<WaitRec>(SIGNAL, &key(stack_id, src))
                .map_err(|e| e.to_string())?
                .map(|m| m.signals)
                .unwrap_or_default(),
            None => w.signals.clone(),
        };
        match verdict(&w, &signals, cfn.now()) {
            Verdict::Waiting => tokio::time::sleep(Duration::from_millis(250)).await,
            Verdict::Failed(reason) => return Err(reason),
            Verdict::Complete => {
                let c = w.created.ok_or("the resource's wait has no resource")?;
                let mut created =
                    Created { physical_id: c.physical_id, reference: c.reference, attributes: c.attributes };
                if w.style == Style::WaitCondition || w.source.is_some() {
                    let data: Map<String, Value> = signals
                        .iter()
                        .filter(|s| s.status == "SUCCESS")
                        .map(|s| (s.unique_id.clone(), Value::String(s.data.clone().unwrap_or_default())))
                        .collect();
                    created.attributes.insert("Data".into(), Value::String(Value::Object(data).to_string()));
                }
                return Ok(created);
            }
        }
    }
}

/// Ends (with the reason) only when the resource's wait has failed: a FAILURE signal or the
/// timeout. Raced against the service making the resource.
pub async fn until_failed(cfn: &Arc<CloudFormation>, stack_id: &str, logical_id: &str) -> String {
    let own = key(stack_id, logical_id);
    loop {
        match cfn.get::<WaitRec>(SIGNAL, &own) {
            Ok(Some(w)) => {
                if let Verdict::Failed(reason) = verdict(&w, &w.signals, cfn.now()) {
                    return reason;
                }
            }
            Ok(None) => return "the resource's wait vanished".into(),
            Err(e) => tracing::warn!(error = %e, "cloudformation: a resource's wait not readable"),
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// The resource is deleted: its wait and mailbox go (a handle's URL is refused from then on).
pub fn forget(cfn: &CloudFormation, stack_id: &str, logical_id: &str) {
    if let Err(e) = cfn.delete(SIGNAL, &key(stack_id, logical_id)) {
        tracing::warn!(error = %e, "cloudformation: a deleted resource's signals not removed");
    }
}

/// After a restart: is this resource one whose service had made it and that was waiting for
/// signals (so the wait can go on)?
pub fn waiting(cfn: &CloudFormation, stack_id: &str, logical_id: &str) -> bool {
    matches!(
        cfn.get::<WaitRec>(SIGNAL, &key(stack_id, logical_id)),
        Ok(Some(w)) if w.deadline.is_some() && w.created.is_some()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(style: Style, count: u32, percent: f64, deadline: f64) -> WaitRec {
        let p = Policy { count, timeout: 0.0, min_percent: percent };
        WaitRec {
            style,
            count,
            required: p.required(),
            min_percent: percent,
            deadline: Some(deadline),
            source: None,
            signals: vec![],
            created: None,
        }
    }

    fn sig(id: &str, status: &str) -> Signal {
        Signal { unique_id: id.into(), status: status.into(), reason: Some("why".into()), data: None, time: 0.0 }
    }

    #[test]
    fn a_unique_id_counts_once() {
        let w = wait(Style::Resource, 2, 100.0, 100.0);
        let mut got = vec![];
        merge(&mut got, sig("i-1", "SUCCESS"), false);
        merge(&mut got, sig("i-1", "FAILURE"), false);
        assert_eq!(got, vec![sig("i-1", "SUCCESS")]);
        assert_eq!(verdict(&w, &got, 1.0), Verdict::Waiting);
        // A handle's URL: the last PUT for a UniqueId wins, as an S3 object's would.
        merge(&mut got, sig("i-1", "FAILURE"), true);
        assert_eq!(got, vec![sig("i-1", "FAILURE")]);
    }

    #[test]
    fn durations_as_creation_policy_takes_them() {
        assert_eq!(parse_duration("PT15M"), Ok(900.0));
        assert_eq!(parse_duration("PT1H30M"), Ok(5400.0));
        assert_eq!(parse_duration("PT45S"), Ok(45.0));
        assert_eq!(parse_duration("P1DT2H"), Ok(93_600.0));
        for bad in ["15M", "PT", "P", "PT5", "PTM", "PT5X", "P5M5"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn required_rounds_the_percentage_up() {
        // AWS's example: five instances at 50% need three.
        assert_eq!(Policy { count: 5, timeout: 0.0, min_percent: 50.0 }.required(), 3);
        assert_eq!(Policy { count: 3, timeout: 0.0, min_percent: 100.0 }.required(), 3);
        assert_eq!(Policy { count: 3, timeout: 0.0, min_percent: 33.3 }.required(), 1);
        assert_eq!(Policy { count: 4, timeout: 0.0, min_percent: 0.0 }.required(), 0);
    }

    #[test]
    fn count_successes_complete_the_resource() {
        let w = wait(Style::Resource, 2, 100.0, 100.0);
        assert_eq!(verdict(&w, &[], 10.0), Verdict::Waiting);
        assert_eq!(verdict(&w, &[sig("i-1", "SUCCESS")], 10.0), Verdict::Waiting);
        assert_eq!(verdict(&w, &[sig("i-1", "SUCCESS"), sig("i-2", "SUCCESS")], 10.0), Verdict::Complete);
    }

    #[test]
    fn the_deadline_fails_the_wait_with_what_is_missing() {
        let w = wait(Style::Resource, 2, 100.0, 100.0);
        assert_eq!(verdict(&w, &[sig("i-1", "SUCCESS")], 99.9), Verdict::Waiting);
        assert_eq!(
            verdict(&w, &[sig("i-1", "SUCCESS")], 100.0),
            Verdict::Failed("Failed to receive 1 resource signal(s) within the specified duration".into())
        );
        // Signals that arrived in time win over a late look.
        assert_eq!(verdict(&w, &[sig("i-1", "SUCCESS"), sig("i-2", "SUCCESS")], 500.0), Verdict::Complete);
    }

    #[test]
    fn a_failure_fails_at_once_unless_the_percentage_allows_it() {
        let w = wait(Style::Resource, 1, 100.0, 100.0);
        assert_eq!(
            verdict(&w, &[sig("i-1", "FAILURE")], 1.0),
            Verdict::Failed("Received FAILURE signal with UniqueId i-1".into())
        );
        // 4 instances at 50%: two failures still leave room, the third does not.
        let w = wait(Style::Resource, 4, 50.0, 100.0);
        let two = [sig("i-1", "FAILURE"), sig("i-2", "FAILURE")];
        assert_eq!(verdict(&w, &two, 1.0), Verdict::Waiting);
        let three = [sig("i-1", "FAILURE"), sig("i-2", "FAILURE"), sig("i-3", "FAILURE")];
        assert_eq!(
            verdict(&w, &three, 1.0),
            Verdict::Failed(
                "Received 3 FAILURE signal(s) out of 4. Unable to satisfy 50% MinSuccessfulInstancesPercent requirement"
                    .into()
            )
        );
        let done = [sig("i-1", "FAILURE"), sig("i-2", "SUCCESS"), sig("i-3", "SUCCESS")];
        assert_eq!(verdict(&w, &done, 1.0), Verdict::Complete);
    }

    #[test]
    fn wait_conditions_speak_their_own_words() {
        let w = wait(Style::WaitCondition, 2, 100.0, 60.0);
        assert_eq!(
            verdict(&w, &[sig("a", "SUCCESS")], 60.0),
            Verdict::Failed("WaitCondition timed out. Received 1 conditions when expecting 2".into())
        );
        assert_eq!(
            verdict(&w, &[sig("a", "FAILURE")], 1.0),
            Verdict::Failed("WaitCondition received failed message: 'why' for uniqueId: a".into())
        );
        assert_eq!(verdict(&w, &[sig("a", "SUCCESS"), sig("b", "SUCCESS")], 1.0), Verdict::Complete);
    }
}
