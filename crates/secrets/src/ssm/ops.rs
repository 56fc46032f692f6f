//! Parameter Store's operations, named after AWS's. SecureString values are opened only when a
//! caller asks WithDecryption; otherwise their sealed text (a ciphertext) is answered.

use serde_json::{json, Value};
use store::Tx;
use wire::CallContext;

use super::error::{Result, SsmError};
use super::names::{self, Selector};
use super::records::{ParamRec, ParamVersion, StoredValue, DEFAULT_KEY, MAX_VERSIONS, PARAMETER};
use super::request::*;
use super::ParameterStore;
use crate::merge_tags;

pub fn dispatch(ps: &ParameterStore, cx: &CallContext, req: Request) -> Result<Value> {
    match req {
        Request::PutParameter(r) => put_parameter(ps, &cx.principal.arn, r),
        Request::GetParameter(r) => Ok(json!({"Parameter": get_one(ps, &r.name, r.with_decryption)?})),
        Request::GetParameters(r) => get_parameters(ps, r),
        Request::GetParametersByPath(r) => get_parameters_by_path(ps, r),
        Request::DeleteParameter(r) => delete_parameter(ps, r),
        Request::DeleteParameters(r) => delete_parameters(ps, r),
        Request::DescribeParameters(r) => describe_parameters(ps, r),
        Request::GetParameterHistory(r) => get_parameter_history(ps, r),
        Request::AddTagsToResource(r) => tagging(ps, r, |rec, r| merge_tags(&mut rec.tags, r.tags)),
        Request::RemoveTagsFromResource(r) => {
            tagging(ps, r, |rec, r| rec.tags.retain(|t| !r.tag_keys.contains(&t.key)))
        }
        Request::LabelParameterVersion(r) => label_parameter_version(ps, r),
        Request::UnlabelParameterVersion(r) => unlabel_parameter_version(ps, r),
        Request::ListTagsForResource(r) => {
            check_resource_type(&r.resource_type)?;
            let rec = ps.store.read(|tx| tx.get::<ParamRec>(PARAMETER, &r.resource_id))?;
            Ok(json!({"TagList": rec.ok_or(SsmError::InvalidResourceId)?.tags}))
        }
    }
}

fn find(tx: &Tx, name: &str) -> Result<ParamRec> {
    tx.get::<ParamRec>(PARAMETER, name)?.ok_or(SsmError::ParameterNotFound)
}

fn value_text(ps: &ParameterStore, v: &ParamVersion, decrypt: bool) -> Result<String> {
    Ok(match &v.value {
        StoredValue::Plain(s) => s.clone(),
        StoredValue::Sealed(s) if decrypt => ps.sealer.open(s)?,
        StoredValue::Sealed(s) => s.clone(),
    })
}

fn parameter(ps: &ParameterStore, name: &str, v: &ParamVersion, decrypt: bool) -> Result<Value> {
    Ok(json!({
        "Name": name,
        "Type": v.kind,
        "Value": value_text(ps, v, decrypt)?,
        "Version": v.version,
        "LastModifiedDate": v.modified,
        "ARN": ps.arn(name),
        "DataType": v.data_type,
    }))
}

/// One parameter by `name` or `name:version`, as GetParameter answers it.
pub(super) fn get_one(ps: &ParameterStore, selector: &str, decrypt: bool) -> Result<Value> {
    let (name, sel) = names::split_selector(selector);
    if names::is_public(name) {
        let image = Some(name)
            .filter(|n| names::is_image_alias(n))
            .and_then(|n| ps.aliases.as_ref()?.image_for(n))
            .ok_or(SsmError::ParameterNotFound)?;
        return Ok(json!({
            "Name": name,
            "Type": "String",
            "Value": image,
            "Version": 1,
            "LastModifiedDate": ps.now(),
            "ARN": ps.arn(name),
            "DataType": "text",
        }));
    }
    let rec = ps.store.read(|tx| find(tx, name))?;
    let v = match &sel {
        None => rec.latest(),
        Some(Selector::Version(n)) => rec
            .versions
            .iter()
            .find(|v| v.version == *n)
            .ok_or_else(|| SsmError::ParameterVersionNotFound(name.into(), n.to_string()))?,
        Some(Selector::Label(l)) => rec
            .versions
            .iter()
            .find(|v| v.labels.contains(l))
            .ok_or_else(|| SsmError::ParameterVersionLabelNotFound(name.into(), l.clone()))?,
    };
    let mut out = parameter(ps, name, v, decrypt)?;
    if let Some(s) = selector.find(':').map(|i| &selector[i..]) {
        out["Selector"] = json!(s);
    }
    Ok(out)
}

fn put_parameter(ps: &ParameterStore, user: &str, r: PutParameter) -> Result<Value> {
    names::check_name(&r.name)?;
    let overwrite = r.overwrite.unwrap_or(false);
    if overwrite && r.tags.as_ref().is_some_and(|t| !t.is_empty()) {
        return Err(SsmError::Validation("Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.".into()));
    }
    if r.value.is_empty() {
        return Err(SsmError::Validation(
            "1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1.".into(),
        ));
    }
    let limit = if r.tier.as_deref() == Some("Advanced") { 8192 } else { 4096 };
    if r.value.len() > limit {
        return Err(SsmError::Validation(if limit == 4096 {
            "Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.".into()
        } else {
            "Advanced tier parameters support a maximum parameter value of 8192 characters.".into()
        }));
    }
    let now = ps.now();
    ps.store.write(|tx| {
        let existing = tx.get::<ParamRec>(PARAMETER, &r.name)?;
        if existing.is_some() && !overwrite {
            return Err(SsmError::ParameterAlreadyExists);
        }
        let prev = existing.as_ref().map(|e| e.latest().clone());
        let kind = match (&r.kind, &prev) {
            (Some(k), _) => k.clone(),
            (None, Some(p)) => p.kind.clone(),
            (None, None) => {
                return Err(SsmError::Validation("A parameter type is required when you create a parameter.".into()))
            }
        };
        let allowed_pattern = r.allowed_pattern.clone().or_else(|| prev.as_ref().and_then(|p| p.allowed_pattern.clone()));
        if let Some(p) = &allowed_pattern {
            let re = regex::Regex::new(&format!("^(?:{p})$"))
                .map_err(|_| SsmError::InvalidAllowedPattern(format!("The allowed pattern {p} is not valid.")))?;
            if !re.is_match(&r.value) {
                let shown = if kind == "SecureString" { "****" } else { r.value.as_str() };
                return Err(SsmError::ParameterPatternMismatch(format!(
                    "Parameter value, {shown}, failed to satisfy constraint: Member must satisfy regular expression pattern: {p}"
                )));
            }
        }
        let data_type = r.data_type.clone().or_else(|| prev.as_ref().map(|p| p.data_type.clone())).unwrap_or_else(|| "text".into());
        if !matches!(data_type.as_str(), "text" | "aws:ec2:image") {
            return Err(SsmError::Validation(format!(
                "The following data type is not supported: {data_type} (Data type names are all lowercase.)"
            )));
        }
        if data_type == "aws:ec2:image" && !r.value.starts_with("ami-") {
            return Err(SsmError::Validation(format!(
                "Parameter value, {}, failed to satisfy constraint: Member must be an image ID (ami-…).",
                r.value
            )));
        }
        let secure = kind == "SecureString";
        let version = ParamVersion {
            version: prev.as_ref().map_or(1, |p| p.version + 1),
            value: if secure { StoredValue::Sealed(ps.sealer.seal(&r.value)) } else { StoredValue::Plain(r.value.clone()) },
            description: r.description.clone().or_else(|| prev.as_ref().and_then(|p| p.description.clone())),
            allowed_pattern,
            key_id: secure.then(|| {
                r.key_id.clone().or_else(|| prev.as_ref().and_then(|p| p.key_id.clone())).unwrap_or_else(|| DEFAULT_KEY.into())
            }),
            data_type,
            tier: r.tier.clone().filter(|t| t != "Intelligent-Tiering").unwrap_or_else(|| "Standard".into()),
            modified: now,
            user: user.to_string(),
            labels: vec![],
            kind,
        };
        let n = version.version;
        let tier = version.tier.clone();
        let mut rec = existing.unwrap_or_else(|| ParamRec {
            name: r.name.clone(),
            tags: r.tags.clone().unwrap_or_default(),
            versions: vec![],
        });
        rec.versions.push(version);
        if rec.versions.len() > MAX_VERSIONS {
            rec.versions.remove(0);
        }
        tx.put(PARAMETER, &rec.name, &rec)?;
        Ok(json!({"Version": n, "Tier": tier}))
    })
}

fn get_parameters(ps: &ParameterStore, r: GetParameters) -> Result<Value> {
    let mut found = Vec::new();
    let mut invalid: Vec<String> = Vec::new();
    for name in &r.names {
        match get_one(ps, name, r.with_decryption) {
            Ok(p) => found.push(p),
            Err(
                SsmError::ParameterNotFound
                | SsmError::ParameterVersionNotFound(..)
                | SsmError::ParameterVersionLabelNotFound(..),
            ) => {
                if !invalid.contains(name) {
                    invalid.push(name.clone())
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(json!({"Parameters": found, "InvalidParameters": invalid}))
}

/// A page of `items`: (the page, the next token).
fn page<T>(items: Vec<T>, token: Option<&str>, max: Option<i64>, limit: i64) -> Result<(Vec<T>, Option<String>)> {
    let max = max.unwrap_or(limit);
    if !(1..=limit).contains(&max) {
        return Err(SsmError::Validation(format!(
            "1 validation error detected: Value '{max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to {limit}"
        )));
    }
    let start = crate::parse_token(token).ok_or(SsmError::InvalidNextToken)?;
    if start > items.len() {
        return Err(SsmError::InvalidNextToken);
    }
    let end = (start + max as usize).min(items.len());
    let next = (end < items.len()).then(|| end.to_string());
    Ok((items.into_iter().skip(start).take(end - start).collect(), next))
}

/// Whether a parameter passes ParameterFilters; `by_path` restricts the keys as
/// GetParametersByPath does.
fn passes(rec: &ParamRec, filters: &[StringFilter], by_path: bool) -> Result<bool> {
    let v = rec.latest();
    for f in filters {
        let option = f.option.as_deref();
        let eq = |x: &str| f.values.iter().any(|want| want == x);
        let ok = match (f.key.as_str(), option) {
            ("Type", None | Some("Equals")) => eq(&v.kind),
            ("KeyId", None | Some("Equals")) => v.key_id.as_deref().is_some_and(eq),
            ("Tier", None | Some("Equals")) => eq(&v.tier),
            ("DataType", None | Some("Equals")) => eq(&v.data_type),
            ("Name", None | Some("Equals")) if !by_path => eq(&rec.name),
            ("Name", Some("BeginsWith")) if !by_path => f.values.iter().any(|p| rec.name.starts_with(p.as_str())),
            ("Name", Some("Contains")) if !by_path => f.values.iter().any(|p| rec.name.contains(p.as_str())),
            ("Path", None | Some("OneLevel")) if !by_path => {
                f.values.iter().any(|p| names::in_path(&rec.name, p, false))
            }
            ("Path", Some("Recursive")) if !by_path => f.values.iter().any(|p| names::in_path(&rec.name, p, true)),
            (k, _) if k.starts_with("tag:") => {
                let key = &k[4..];
                rec.tags.iter().any(|t| t.key == key && (f.values.is_empty() || eq(&t.value)))
            }
            ("Type" | "KeyId" | "Tier" | "DataType" | "Name" | "Path", Some(o))
                if !(by_path && matches!(f.key.as_str(), "Name" | "Path")) =>
            {
                return Err(SsmError::InvalidFilterOption(format!(
                    "The filter option \"{o}\" is not valid for key \"{}\"",
                    f.key
                )))
            }
            (k, _) => return Err(SsmError::InvalidFilterKey(format!("The following filter key is not valid: {k}"))),
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

fn get_parameters_by_path(ps: &ParameterStore, r: GetParametersByPath) -> Result<Value> {
    names::check_path(&r.path)?;
    let dir = format!("{}/", r.path.trim_end_matches('/'));
    let mut out = Vec::new();
    for (_, rec) in ps.store.read(|tx| tx.list::<ParamRec>(PARAMETER, &dir))? {
        if names::in_path(&rec.name, &r.path, r.recursive) && passes(&rec, &r.parameter_filters, true)? {
            out.push(rec);
        }
    }
    let (items, next) = page(out, r.next_token.as_deref(), r.max_results, 10)?;
    let params = items
        .iter()
        .map(|rec| parameter(ps, &rec.name, rec.latest(), r.with_decryption))
        .collect::<Result<Vec<_>>>()?;
    let mut v = json!({"Parameters": params});
    if let Some(n) = next {
        v["NextToken"] = json!(n);
    }
    Ok(v)
}

fn delete_parameter(ps: &ParameterStore, r: Name) -> Result<Value> {
    ps.store.write(|tx| if tx.delete(PARAMETER, &r.name)? { Ok(json!({})) } else { Err(SsmError::ParameterNotFound) })
}

fn delete_parameters(ps: &ParameterStore, r: Names) -> Result<Value> {
    ps.store.write(|tx| {
        let (mut deleted, mut invalid) = (Vec::new(), Vec::new());
        for n in &r.names {
            if tx.delete(PARAMETER, n)? {
                deleted.push(n.clone());
            } else {
                invalid.push(n.clone());
            }
        }
        Ok(json!({"DeletedParameters": deleted, "InvalidParameters": invalid}))
    })
}

fn metadata(ps: &ParameterStore, rec: &ParamRec) -> Value {
    let v = rec.latest();
    let mut m = json!({
        "Name": rec.name,
        "ARN": ps.arn(&rec.name),
        "Type": v.kind,
        "LastModifiedDate": v.modified,
        "LastModifiedUser": v.user,
        "Version": v.version,
        "Tier": v.tier,
        "Policies": [],
        "DataType": v.data_type,
    });
    for (k, x) in [("KeyId", &v.key_id), ("Description", &v.description), ("AllowedPattern", &v.allowed_pattern)] {
        if let Some(x) = x {
            m[k] = json!(x);
        }
    }
    m
}

fn describe_parameters(ps: &ParameterStore, r: DescribeParameters) -> Result<Value> {
    let mut filters = r.parameter_filters.clone();
    for f in &r.filters {
        if !matches!(f.key.as_str(), "Name" | "Type" | "KeyId") {
            return Err(SsmError::InvalidFilterKey(format!("The following filter key is not valid: {}", f.key)));
        }
        filters.push(StringFilter { key: f.key.clone(), option: None, values: f.values.clone() });
    }
    let mut out = Vec::new();
    for (_, rec) in ps.store.read(|tx| tx.list::<ParamRec>(PARAMETER, ""))? {
        if passes(&rec, &filters, false)? {
            out.push(rec);
        }
    }
    let (items, next) = page(out, r.next_token.as_deref(), r.max_results, 50)?;
    let mut v = json!({"Parameters": items.iter().map(|rec| metadata(ps, rec)).collect::<Vec<_>>()});
    if let Some(n) = next {
        v["NextToken"] = json!(n);
    }
    Ok(v)
}

fn get_parameter_history(ps: &ParameterStore, r: GetParameterHistory) -> Result<Value> {
    let rec = ps.store.read(|tx| find(tx, &r.name))?;
    let (items, next) = page(rec.versions.clone(), r.next_token.as_deref(), r.max_results, 50)?;
    let mut list = Vec::new();
    for v in &items {
        let mut h = json!({
            "Name": rec.name,
            "Type": v.kind,
            "Value": value_text(ps, v, r.with_decryption)?,
            "Version": v.version,
            "LastModifiedDate": v.modified,
            "LastModifiedUser": v.user,
            "Labels": v.labels,
            "Tier": v.tier,
            "Policies": [],
            "DataType": v.data_type,
        });
        for (k, x) in [("KeyId", &v.key_id), ("Description", &v.description), ("AllowedPattern", &v.allowed_pattern)] {
            if let Some(x) = x {
                h[k] = json!(x);
            }
        }
        list.push(h);
    }
    let mut out = json!({"Parameters": list});
    if let Some(n) = next {
        out["NextToken"] = json!(n);
    }
    Ok(out)
}

fn check_resource_type(t: &str) -> Result<()> {
    if t == "Parameter" {
        Ok(())
    } else {
        Err(SsmError::InvalidResourceType)
    }
}

fn tagging(ps: &ParameterStore, r: Tagging, f: impl FnOnce(&mut ParamRec, Tagging)) -> Result<Value> {
    check_resource_type(&r.resource_type)?;
    ps.store.write(|tx| {
        let mut rec = tx.get::<ParamRec>(PARAMETER, &r.resource_id)?.ok_or(SsmError::InvalidResourceId)?;
        f(&mut rec, r);
        tx.put(PARAMETER, &rec.name, &rec)?;
        Ok(json!({}))
    })
}

/// Attach labels to a version (the latest by default), moving each from the version that had it.
fn label_parameter_version(ps: &ParameterStore, r: Labeling) -> Result<Value> {
    ps.store.write(|tx| {
        let mut rec = find(tx, &r.name)?;
        let n = r.parameter_version.unwrap_or_else(|| rec.latest().version);
        let i = rec
            .versions
            .iter()
            .position(|v| v.version == n)
            .ok_or_else(|| SsmError::ParameterVersionNotFound(r.name.clone(), n.to_string()))?;
        let (valid, invalid): (Vec<String>, Vec<String>) = r.labels.into_iter().partition(|l| names::valid_label(l));
        for l in &valid {
            for v in &mut rec.versions {
                v.labels.retain(|x| x != l);
            }
            rec.versions[i].labels.push(l.clone());
        }
        if rec.versions[i].labels.len() > 10 {
            return Err(SsmError::ParameterVersionLabelLimitExceeded);
        }
        tx.put(PARAMETER, &rec.name, &rec)?;
        Ok(json!({"InvalidLabels": invalid, "ParameterVersion": n}))
    })
}

fn unlabel_parameter_version(ps: &ParameterStore, r: Labeling) -> Result<Value> {
    ps.store.write(|tx| {
        let mut rec = find(tx, &r.name)?;
        let n = r.parameter_version.unwrap_or_default();
        let v = rec
            .versions
            .iter_mut()
            .find(|v| v.version == n)
            .ok_or_else(|| SsmError::ParameterVersionNotFound(r.name.clone(), n.to_string()))?;
        let (removed, invalid): (Vec<String>, Vec<String>) = r.labels.into_iter().partition(|l| v.labels.contains(l));
        v.labels.retain(|l| !removed.contains(l));
        tx.put(PARAMETER, &rec.name, &rec)?;
        Ok(json!({"RemovedLabels": removed, "InvalidLabels": invalid}))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    struct OneImage;

    impl super::super::ImageAliases for OneImage {
        fn image_for(&self, _name: &str) -> Option<String> {
            Some("ami-0123456789abcdef0".into())
        }
    }

    fn ps(dir: &std::path::Path) -> Arc<ParameterStore> {
        let store = Arc::new(store::Store::open(&dir.join("state.db")).unwrap());
        let sealer = Arc::new(store::Sealer::open_or_create(&dir.join("master.key")).unwrap());
        let cfg = crate::SecretsConfig { region: "home-1".into(), account: "123456789012".into() };
        ParameterStore::open(store, sealer, cfg, Arc::new(|| 1_000_000.0), Some(Arc::new(OneImage)))
    }

    fn put(ps: &ParameterStore, name: &str, value: &str, kind: &str, overwrite: bool) -> Result<Value> {
        let r = PutParameter {
            name: name.into(),
            value: value.into(),
            kind: Some(kind.into()),
            overwrite: Some(overwrite),
            ..Default::default()
        };
        put_parameter(ps, "arn:aws:iam::123456789012:root", r)
    }

    #[test]
    fn secure_strings_are_sealed_and_resolvable() {
        let dir = tempfile::tempdir().unwrap();
        let ps = ps(dir.path());
        put(&ps, "/db/pw", "s3cret-canary", "SecureString", false).unwrap();
        put(&ps, "/db/pw", "s3cret-canary-2", "SecureString", true).unwrap();
        let raw = ps.store.read(|tx| tx.list_raw(PARAMETER, "")).unwrap();
        assert!(!raw[0].1.contains("s3cret"), "{}", raw[0].1);
        assert_eq!(ps.parameter_value("/db/pw").unwrap(), ("SecureString".into(), "s3cret-canary-2".into()));
        assert_eq!(ps.parameter_value("/db/pw:1").unwrap().1, "s3cret-canary");
        let plain = get_one(&ps, "/db/pw", false).unwrap();
        assert_ne!(plain["Value"], "s3cret-canary-2");
        assert_eq!(
            ps.parameter_value("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64").unwrap().1,
            "ami-0123456789abcdef0"
        );
        assert!(matches!(ps.parameter_value("/aws/service/global-infrastructure/x"), Err(SsmError::ParameterNotFound)));
    }

    #[test]
    fn a_hundred_versions_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let ps = ps(dir.path());
        for i in 1..=105 {
            assert_eq!(put(&ps, "p", &i.to_string(), "String", i > 1).unwrap()["Version"], i);
        }
        let rec = ps.store.read(|tx| find(tx, "p")).unwrap();
        assert_eq!(rec.versions.len(), MAX_VERSIONS);
        assert_eq!(rec.versions[0].version, 6);
        assert!(matches!(get_one(&ps, "p:5", false), Err(SsmError::ParameterVersionNotFound(..))));
        assert_eq!(get_one(&ps, "p:6", false).unwrap()["Value"], "6");
    }

    #[test]
    fn overwrite_keeps_type_and_description_unless_given() {
        let dir = tempfile::tempdir().unwrap();
        let ps = ps(dir.path());
        let r = PutParameter {
            name: "/x".into(),
            value: "1".into(),
            kind: Some("StringList".into()),
            description: Some("kept".into()),
            ..Default::default()
        };
        put_parameter(&ps, "u", r).unwrap();
        let again = PutParameter { name: "/x".into(), value: "2".into(), overwrite: Some(true), ..Default::default() };
        put_parameter(&ps, "u", again).unwrap();
        let rec = ps.store.read(|tx| find(tx, "/x")).unwrap();
        assert_eq!(rec.latest().kind, "StringList");
        assert_eq!(rec.latest().description.as_deref(), Some("kept"));
        let new = PutParameter { name: "/y".into(), value: "1".into(), ..Default::default() };
        assert!(matches!(put_parameter(&ps, "u", new), Err(SsmError::Validation(_))));
    }
}
