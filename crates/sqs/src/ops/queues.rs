//! Queues: create, find, list, attributes, permissions, tags, purge and delete.

use super::*;

pub(crate) fn create_queue(sqs: &Sqs, input: &Value) -> Result<Value> {
    let name = required(input, "QueueName")?;
    let given = string_map(input.get("Attributes"));
    let fifo = logic::wants_fifo(&given)?;
    if fifo && (!name.ends_with(".fifo") || !logic::valid_queue_name(name)) {
        return Err(SqsError::InvalidParameterValue(
            "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.".into(),
        ));
    }
    if !fifo && (name.ends_with(".fifo") || !logic::valid_queue_name(name)) {
        return Err(SqsError::InvalidParameterValue(
            "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length".into(),
        ));
    }
    let attributes = logic::initial_attributes(&given)?;
    check_redrive_target(sqs, name, fifo, &attributes)?;
    let tags = string_map(input.get("tags"));
    let now = sqs.now();
    let rec = QueueRec {
        name: name.to_string(),
        arn: queue_arn(sqs, name),
        created: now.floor(),
        last_modified: now.floor(),
        attributes,
        tags,
        last_purge: None,
        sequence: 0,
    };
    sqs.store.write(|tx| {
        if let Some(existing) = tx.get::<QueueRec>(kind::QUEUE, name)? {
            return match logic::differing_attribute(&existing.attributes, &given) {
                Some(attr) => Err(SqsError::QueueNameExists(attr)),
                None => Ok(()),
            };
        }
        tx.put(kind::QUEUE, name, &rec)?;
        Ok(())
    })?;
    Ok(json!({"QueueUrl": queue_url(sqs, name)}))
}

pub(crate) fn get_queue_url(sqs: &Sqs, input: &Value) -> Result<Value> {
    let name = required(input, "QueueName")?;
    if input.get("QueueOwnerAWSAccountId").and_then(Value::as_str).is_some_and(|a| a != sqs.config.account) {
        return Err(SqsError::QueueDoesNotExist);
    }
    let q = queue(sqs, name)?;
    Ok(json!({"QueueUrl": queue_url(sqs, &q.name)}))
}

pub(crate) fn page_of(names: Vec<String>, input: &Value, urls: impl Fn(&str) -> String, key: &str) -> Result<Value> {
    let max = int(input, "MaxResults");
    if let Some(m) = max {
        if !(1..=1000).contains(&m) {
            return Err(SqsError::InvalidParameterValue(format!(
                "Value {m} for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000."
            )));
        }
    }
    let after = match input.get("NextToken").and_then(Value::as_str) {
        Some(t) => Some(
            base64::engine::general_purpose::STANDARD
                .decode(t)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| SqsError::InvalidParameterValue("Invalid NextToken value.".into()))?,
        ),
        None => None,
    };
    let rest: Vec<String> = names.into_iter().filter(|n| after.as_ref().is_none_or(|a| n > a)).collect();
    let limit = max.unwrap_or(1000) as usize;
    let page: Vec<String> = rest.iter().take(limit).cloned().collect();
    let mut out = Map::new();
    if !page.is_empty() {
        out.insert(key.into(), json!(page.iter().map(|n| urls(n)).collect::<Vec<_>>()));
    }
    if max.is_some() && rest.len() > page.len() {
        if let Some(last) = page.last() {
            out.insert("NextToken".into(), json!(base64::engine::general_purpose::STANDARD.encode(last)));
        }
    }
    Ok(Value::Object(out))
}

pub(crate) fn list_queues(sqs: &Sqs, input: &Value) -> Result<Value> {
    let prefix = input.get("QueueNamePrefix").and_then(Value::as_str).unwrap_or_default();
    let names: Vec<String> =
        sqs.store.read(|tx| tx.list::<QueueRec>(kind::QUEUE, prefix))?.into_iter().map(|(n, _)| n).collect();
    page_of(names, input, |n| queue_url(sqs, n), "QueueUrls")
}

pub(crate) fn list_dead_letter_source_queues(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let names: Vec<String> = sqs
        .store
        .read(|tx| tx.list::<QueueRec>(kind::QUEUE, ""))?
        .into_iter()
        .filter(|(_, s)| {
            s.attributes
                .get("RedrivePolicy")
                .and_then(|p| logic::parse_redrive(p).ok())
                .is_some_and(|(target, _)| target == q.arn)
        })
        .map(|(n, _)| n)
        .collect();
    page_of(names, input, |n| queue_url(sqs, n), "queueUrls")
}

pub(crate) fn get_queue_attributes(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let asked: Vec<String> = input
        .get("AttributeNames")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
        .unwrap_or_default();
    let known = |n: &str| {
        logic::DEFAULTS.iter().any(|(k, _)| *k == n)
            || logic::FIFO_DEFAULTS.iter().any(|(k, _)| *k == n)
            || logic::OPTIONAL.contains(&n)
            || logic::COMPUTED.contains(&n)
    };
    if let Some(bad) = asked.iter().find(|n| *n != "All" && !known(n)) {
        return Err(SqsError::InvalidAttributeName(format!("Unknown Attribute {bad}.")));
    }
    let all = asked.iter().any(|n| n == "All");
    let wanted = |n: &str| all || asked.iter().any(|a| a == n);
    let now = sqs.now();
    let msgs: Vec<MessageRec> = sqs
        .store
        .read(|tx| tx.list::<MessageRec>(kind::MESSAGE, &format!("{}|", q.name)))?
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    let c = logic::counts(&msgs, now, attr_f64(&q, "MessageRetentionPeriod"));
    let mut attrs = BTreeMap::new();
    for (k, v) in &q.attributes {
        attrs.insert(k.clone(), v.clone());
    }
    attrs.insert("QueueArn".to_string(), q.arn.clone());
    attrs.insert("ApproximateNumberOfMessages".to_string(), c.visible.to_string());
    attrs.insert("ApproximateNumberOfMessagesNotVisible".to_string(), c.not_visible.to_string());
    attrs.insert("ApproximateNumberOfMessagesDelayed".to_string(), c.delayed.to_string());
    attrs.insert("CreatedTimestamp".to_string(), (q.created as u64).to_string());
    attrs.insert("LastModifiedTimestamp".to_string(), (q.last_modified as u64).to_string());
    let attrs: BTreeMap<String, String> = attrs.into_iter().filter(|(k, _)| wanted(k)).collect();
    if attrs.is_empty() {
        return Ok(json!({}));
    }
    Ok(json!({"Attributes": attrs}))
}

pub(crate) fn set_queue_attributes(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let given = string_map(input.get("Attributes"));
    for (k, v) in &given {
        logic::check_attribute(k, v, q.fifo())?;
    }
    check_redrive_target(sqs, &q.name, q.fifo(), &given)?;
    let now = sqs.now();
    sqs.store.write(|tx| {
        let mut q = tx.get::<QueueRec>(kind::QUEUE, &q.name)?.ok_or(SqsError::QueueDoesNotExist)?;
        for (k, v) in &given {
            if v.is_empty() && logic::OPTIONAL.contains(&k.as_str()) {
                q.attributes.remove(k);
            } else {
                q.attributes.insert(k.clone(), logic::normalized(k, v));
            }
        }
        q.last_modified = now.floor();
        tx.put(kind::QUEUE, &q.name, &q)?;
        Ok(json!({}))
    })
}

pub(crate) fn delete_queue(sqs: &Sqs, input: &Value) -> Result<(Value, String)> {
    let q = queue_of(sqs, input)?;
    sqs.store.write(|tx| {
        tx.delete(kind::QUEUE, &q.name)?;
        tx.delete_prefix(kind::MESSAGE, &format!("{}|", q.name))?;
        tx.delete_prefix(kind::DEDUP, &format!("{}|", q.name))?;
        tx.delete_prefix(kind::MOVE_TASK, &format!("{}|", q.name))?;
        Ok::<_, SqsError>(())
    })?;
    tracing::info!(queue = %q.name, "queue deleted");
    Ok((json!({}), q.name))
}

pub(crate) fn purge_queue(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let now = sqs.now();
    sqs.store.write(|tx| {
        let mut q = tx.get::<QueueRec>(kind::QUEUE, &q.name)?.ok_or(SqsError::QueueDoesNotExist)?;
        if q.last_purge.is_some_and(|t| now - t < 60.0) {
            return Err(SqsError::PurgeQueueInProgress(q.name.clone()));
        }
        q.last_purge = Some(now);
        tx.delete_prefix(kind::MESSAGE, &format!("{}|", q.name))?;
        tx.put(kind::QUEUE, &q.name, &q)?;
        Ok(json!({}))
    })
}

/// AddPermission: a statement labelled `Label` in the queue's policy allowing the accounts the
/// actions (kept as the Policy attribute; not evaluated here, as there is one account).
pub(crate) fn add_permission(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let label = required(input, "Label")?;
    if label.is_empty() || label.len() > 80 || !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(SqsError::InvalidParameterValue(format!(
            "Value {label} for parameter Label is invalid. Reason: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length."
        )));
    }
    let accounts = strings(input, "AWSAccountIds");
    let actions = strings(input, "Actions");
    if accounts.is_empty() || actions.is_empty() {
        return Err(SqsError::MissingParameter(if accounts.is_empty() { "AWSAccountIds" } else { "Actions" }.into()));
    }
    const ACTIONS: &[&str] = &[
        "*",
        "SendMessage",
        "ReceiveMessage",
        "DeleteMessage",
        "ChangeMessageVisibility",
        "GetQueueAttributes",
        "GetQueueUrl",
        "ListDeadLetterSourceQueues",
        "PurgeQueue",
        "ListQueueTags",
    ];
    if let Some(bad) = actions.iter().find(|a| !ACTIONS.contains(&a.as_str())) {
        return Err(SqsError::InvalidParameterValue(format!(
            "Value SQS:{bad} for parameter ActionName is invalid. Reason: Only the queue owner is allowed to invoke this action."
        )));
    }
    sqs.store.write(|tx| {
        let mut q = tx.get::<QueueRec>(kind::QUEUE, &q.name)?.ok_or(SqsError::QueueDoesNotExist)?;
        let mut policy: Value = q.attributes.get("Policy").and_then(|p| serde_json::from_str(p).ok()).unwrap_or_else(
            || json!({"Version": "2012-10-17", "Id": format!("{}/SQSDefaultPolicy", q.arn), "Statement": []}),
        );
        let statements = policy.get("Statement").and_then(Value::as_array).cloned().unwrap_or_default();
        if statements.iter().any(|st| st.get("Sid").and_then(Value::as_str) == Some(label)) {
            return Err(SqsError::InvalidParameterValue(format!(
                "Value {label} for parameter Label is invalid. Reason: Already exists."
            )));
        }
        let principals: Vec<String> = accounts.iter().map(|a| format!("arn:aws:iam::{a}:root")).collect();
        let actions: Vec<String> = actions.iter().map(|a| format!("SQS:{a}")).collect();
        let mut statements = statements;
        statements.push(json!({
            "Sid": label,
            "Effect": "Allow",
            "Principal": {"AWS": if principals.len() == 1 { json!(principals[0]) } else { json!(principals) }},
            "Action": if actions.len() == 1 { json!(actions[0]) } else { json!(actions) },
            "Resource": q.arn,
        }));
        policy["Statement"] = json!(statements);
        q.attributes.insert("Policy".into(), policy.to_string());
        tx.put(kind::QUEUE, &q.name, &q)?;
        Ok(json!({}))
    })
}

pub(crate) fn remove_permission(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let label = required(input, "Label")?;
    sqs.store.write(|tx| {
        let mut q = tx.get::<QueueRec>(kind::QUEUE, &q.name)?.ok_or(SqsError::QueueDoesNotExist)?;
        let missing = || {
            SqsError::InvalidParameterValue(format!(
                "Value {label} for parameter Label is invalid. Reason: can't find label on existing policy."
            ))
        };
        let mut policy: Value =
            q.attributes.get("Policy").and_then(|p| serde_json::from_str(p).ok()).ok_or_else(missing)?;
        let statements = policy.get("Statement").and_then(Value::as_array).cloned().unwrap_or_default();
        let kept: Vec<Value> =
            statements.iter().filter(|st| st.get("Sid").and_then(Value::as_str) != Some(label)).cloned().collect();
        if kept.len() == statements.len() {
            return Err(missing());
        }
        if kept.is_empty() {
            q.attributes.remove("Policy");
        } else {
            policy["Statement"] = json!(kept);
            q.attributes.insert("Policy".into(), policy.to_string());
        }
        tx.put(kind::QUEUE, &q.name, &q)?;
        Ok(json!({}))
    })
}

pub(crate) fn tag_queue(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let tags = string_map(input.get("Tags"));
    if tags.is_empty() {
        return Err(SqsError::InvalidParameterValue("The request must contain the parameter Tags.".into()));
    }
    sqs.store.write(|tx| {
        let mut q = tx.get::<QueueRec>(kind::QUEUE, &q.name)?.ok_or(SqsError::QueueDoesNotExist)?;
        q.tags.extend(tags);
        if q.tags.len() > 50 {
            return Err(SqsError::InvalidParameterValue("Too many tags added for queue.".into()));
        }
        tx.put(kind::QUEUE, &q.name, &q)?;
        Ok(json!({}))
    })
}

pub(crate) fn untag_queue(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    let keys: Vec<String> = input
        .get("TagKeys")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
        .unwrap_or_default();
    sqs.store.write(|tx| {
        let mut q = tx.get::<QueueRec>(kind::QUEUE, &q.name)?.ok_or(SqsError::QueueDoesNotExist)?;
        for k in &keys {
            q.tags.remove(k);
        }
        tx.put(kind::QUEUE, &q.name, &q)?;
        Ok(json!({}))
    })
}

pub(crate) fn list_queue_tags(sqs: &Sqs, input: &Value) -> Result<Value> {
    let q = queue_of(sqs, input)?;
    if q.tags.is_empty() {
        return Ok(json!({}));
    }
    Ok(json!({"Tags": q.tags}))
}
