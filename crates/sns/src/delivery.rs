//! The delivery worker: takes due deliveries from the store, sends each (SMTP e-mail or an
//! HTTP POST), deletes it on success and reschedules it with back-off on failure — logging
//! the reason each time. Deliveries live in the store, so a restart loses none.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Map, Value};

use crate::records::{kind, DeliveryKind, DeliveryRec, SubscriptionRec, TopicRec};
use crate::signing::string_to_sign;
use crate::Sns;

const TICK: Duration = Duration::from_millis(500);
/// Attempts before a delivery is given up (with an error in the log).
const MAX_ATTEMPTS: u32 = 50;

pub struct Worker;

impl Worker {
    pub fn spawn(sns: Arc<Sns>) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                pass(&sns).await;
                tokio::select! {
                    _ = tokio::time::sleep(TICK) => {}
                    _ = sns.wake.notified() => {}
                }
            }
        })
    }
}

async fn pass(sns: &Arc<Sns>) {
    let now = sns.now();
    // A reader connection never waits on a commit: read in place (a `block_in_place` on every
    // pass would wake the runtime's idle blocking threads in turn and keep them alive).
    let due: Vec<DeliveryRec> = match sns.store.read(|tx| tx.list::<DeliveryRec>(kind::DELIVERY, "")) {
        Ok(all) => all.into_iter().map(|(_, d)| d).filter(|d| d.next_at <= now).collect(),
        Err(e) => {
            tracing::error!(error = %e, "sns deliveries cannot be read");
            return;
        }
    };
    for d in due {
        let sub: Option<SubscriptionRec> =
            sns.store.read(|tx| tx.get(kind::SUBSCRIPTION, &d.subscription)).ok().flatten();
        let Some(sub) = sub else {
            tracing::info!(delivery = %d.id, "subscription gone; delivery dropped");
            let _ = tokio::task::block_in_place(|| sns.store.write(|tx| tx.delete(kind::DELIVERY, &d.id)));
            continue;
        };
        let outcome = deliver(sns, &sub, &d).await;
        let _ = tokio::task::block_in_place(|| {
            sns.store.write(|tx| match &outcome {
                Ok(()) => {
                    tracing::info!(subscription = %sub.arn, protocol = %sub.protocol, kind = ?d.kind, message_id = %d.message_id, "delivered");
                    tx.delete(kind::DELIVERY, &d.id).map(|_| ())
                }
                Err(reason) => {
                    let mut d = d.clone();
                    d.attempts += 1;
                    d.last_error = Some(reason.clone());
                    if d.attempts >= MAX_ATTEMPTS {
                        tracing::error!(subscription = %sub.arn, endpoint = %sub.endpoint, attempts = d.attempts, reason = %reason, message_id = %d.message_id, "delivery failed for good; giving up");
                        return tx.delete(kind::DELIVERY, &d.id).map(|_| ());
                    }
                    let backoff = (2f64.powi(d.attempts.min(8) as i32)).min(300.0);
                    d.next_at = sns.now() + backoff;
                    tracing::warn!(subscription = %sub.arn, endpoint = %sub.endpoint, attempt = d.attempts, retry_in_s = backoff, reason = %reason, "delivery failed; will retry");
                    tx.put(kind::DELIVERY, &d.id, &d)
                }
            })
        });
    }
}

async fn deliver(sns: &Sns, sub: &SubscriptionRec, d: &DeliveryRec) -> Result<(), String> {
    let base = sns.endpoint();
    let enc = |s: &str| percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string();
    let subscribe_url = format!("{base}/sns/confirm?TopicArn={}&Token={}", enc(&sub.topic_arn), enc(&sub.token));
    let unsubscribe_url = format!("{base}/sns/unsubscribe?SubscriptionArn={}&Token={}", enc(&sub.arn), enc(&sub.token));
    match sub.protocol.as_str() {
        "email" => {
            let (subject, body) = match d.kind {
                DeliveryKind::SubscriptionConfirmation => (
                    "AWS Notification - Subscription Confirmation".to_string(),
                    format!(
                        "You have chosen to subscribe to the topic: \n{}\n\nTo confirm this subscription, click or visit the link below (If this was in error no action is necessary): \nConfirm subscription\n{subscribe_url}\n\nPlease do not reply directly to this email. If you wish to remove yourself from receiving all future SNS subscription confirmation requests please send an email to sns-opt-out\n",
                        sub.topic_arn
                    ),
                ),
                DeliveryKind::Notification => (
                    d.subject.clone().unwrap_or_else(|| "AWS Notification Message".into()),
                    format!(
                        "{}\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n{unsubscribe_url}\n\nPlease do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support\n",
                        d.message
                    ),
                ),
            };
            send_mail(sns, &sub.endpoint, &display_name(sns, sub), &subject, body).await
        }
        "email-json" => {
            let doc = document(sns, sub, d, &subscribe_url, &unsubscribe_url)?;
            let subject = match d.kind {
                DeliveryKind::SubscriptionConfirmation => "AWS Notification - Subscription Confirmation".to_string(),
                DeliveryKind::Notification => d.subject.clone().unwrap_or_else(|| "AWS Notification Message".into()),
            };
            send_mail(sns, &sub.endpoint, &display_name(sns, sub), &subject, doc.to_string()).await
        }
        "http" | "https" => {
            let raw = d.kind == DeliveryKind::Notification
                && sub.attributes.get("RawMessageDelivery").map(String::as_str) == Some("true");
            let body = if raw {
                d.message.clone()
            } else {
                document(sns, sub, d, &subscribe_url, &unsubscribe_url)?.to_string()
            };
            let kind = match d.kind {
                DeliveryKind::SubscriptionConfirmation => "SubscriptionConfirmation",
                DeliveryKind::Notification => "Notification",
            };
            let mut headers = vec![
                ("x-amz-sns-message-type", kind.to_string()),
                ("x-amz-sns-message-id", d.message_id.clone()),
                ("x-amz-sns-topic-arn", sub.topic_arn.clone()),
                ("Content-Type", "text/plain; charset=UTF-8".to_string()),
                ("User-Agent", "Amazon Simple Notification Service Agent".to_string()),
            ];
            if d.kind == DeliveryKind::Notification {
                headers.push(("x-amz-sns-subscription-arn", sub.arn.clone()));
            }
            if raw {
                headers.push(("x-amz-sns-rawdelivery", "true".to_string()));
            }
            sns.http.post(&sub.endpoint, &headers, body.as_bytes()).await
        }
        "sqs" => {
            let Some(queues) = sns.queues.get() else {
                return Err("no queue service is wired to this region".into());
            };
            let raw = sub.attributes.get("RawMessageDelivery").map(String::as_str) == Some("true");
            let (body, attributes) = if raw {
                (d.message.clone(), queue_attributes(&d.message_attributes))
            } else {
                (document(sns, sub, d, &subscribe_url, &unsubscribe_url)?.to_string(), Vec::new())
            };
            tokio::task::block_in_place(|| queues.send(&sub.endpoint, &body, attributes)).map(|_| ())
        }
        p => Err(format!("protocol {p} cannot be delivered")),
    }
}

/// A published message's attributes as the queue's message attributes (raw delivery).
fn queue_attributes(attrs: &Value) -> Vec<crate::QueueAttribute> {
    let Some(map) = attrs.as_object() else { return Vec::new() };
    map.iter()
        .map(|(name, v)| crate::QueueAttribute {
            name: name.clone(),
            data_type: v.get("DataType").and_then(Value::as_str).unwrap_or("String").to_string(),
            string_value: v.get("StringValue").and_then(Value::as_str).map(String::from),
            binary_value: v.get("BinaryValue").and_then(Value::as_str).map(String::from),
        })
        .collect()
}

fn display_name(sns: &Sns, sub: &SubscriptionRec) -> String {
    let name = sub.topic_arn.rsplit(':').next().unwrap_or_default().to_string();
    tokio::task::block_in_place(|| sns.store.read(|tx| tx.get::<TopicRec>(kind::TOPIC, &name)))
        .ok()
        .flatten()
        .and_then(|t| t.attributes.get("DisplayName").cloned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "AWS Notifications".into())
}

fn iso_millis(epoch: f64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos((epoch * 1e9) as i128)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// The JSON document of an HTTP/email-json delivery, signed (SignatureVersion 1).
fn document(
    sns: &Sns,
    sub: &SubscriptionRec,
    d: &DeliveryRec,
    subscribe_url: &str,
    unsubscribe_url: &str,
) -> Result<Value, String> {
    let ts = iso_millis(d.timestamp);
    let cert_url = format!("{}/sns/SimpleNotificationService.pem", sns.endpoint());
    let mut doc = Map::new();
    match d.kind {
        DeliveryKind::SubscriptionConfirmation => {
            let to_sign = string_to_sign(&[
                ("Message", Some(&d.message)),
                ("MessageId", Some(&d.message_id)),
                ("SubscribeURL", Some(subscribe_url)),
                ("Timestamp", Some(&ts)),
                ("Token", Some(&sub.token)),
                ("TopicArn", Some(&sub.topic_arn)),
                ("Type", Some("SubscriptionConfirmation")),
            ]);
            doc.insert("Type".into(), json!("SubscriptionConfirmation"));
            doc.insert("MessageId".into(), json!(d.message_id));
            doc.insert("Token".into(), json!(sub.token));
            doc.insert("TopicArn".into(), json!(sub.topic_arn));
            doc.insert("Message".into(), json!(d.message));
            doc.insert("SubscribeURL".into(), json!(subscribe_url));
            doc.insert("Timestamp".into(), json!(ts));
            doc.insert("SignatureVersion".into(), json!("1"));
            doc.insert("Signature".into(), json!(sns.signer()?.sign(&to_sign)));
            doc.insert("SigningCertURL".into(), json!(cert_url));
        }
        DeliveryKind::Notification => {
            let to_sign = string_to_sign(&[
                ("Message", Some(&d.message)),
                ("MessageId", Some(&d.message_id)),
                ("Subject", d.subject.as_deref()),
                ("Timestamp", Some(&ts)),
                ("TopicArn", Some(&sub.topic_arn)),
                ("Type", Some("Notification")),
            ]);
            doc.insert("Type".into(), json!("Notification"));
            doc.insert("MessageId".into(), json!(d.message_id));
            doc.insert("TopicArn".into(), json!(sub.topic_arn));
            if let Some(s) = &d.subject {
                doc.insert("Subject".into(), json!(s));
            }
            doc.insert("Message".into(), json!(d.message));
            doc.insert("Timestamp".into(), json!(ts));
            doc.insert("SignatureVersion".into(), json!("1"));
            doc.insert("Signature".into(), json!(sns.signer()?.sign(&to_sign)));
            doc.insert("SigningCertURL".into(), json!(cert_url));
            doc.insert("UnsubscribeURL".into(), json!(unsubscribe_url));
            if let Some(attrs) = d.message_attributes.as_object().filter(|a| !a.is_empty()) {
                let rendered: Map<String, Value> = attrs
                    .iter()
                    .map(|(k, v)| {
                        let value = v
                            .get("StringValue")
                            .cloned()
                            .or_else(|| v.get("BinaryValue").cloned())
                            .unwrap_or(Value::Null);
                        (k.clone(), json!({"Type": v.get("DataType"), "Value": value}))
                    })
                    .collect();
                doc.insert("MessageAttributes".into(), Value::Object(rendered));
            }
        }
    }
    Ok(Value::Object(doc))
}

async fn send_mail(sns: &Sns, to: &str, from_name: &str, subject: &str, body: String) -> Result<(), String> {
    use lettre::message::header::ContentType;
    use lettre::transport::smtp::authentication::Credentials;
    use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
    let Some(smtp) = &sns.config.smtp else {
        return Err("no SMTP relay is configured (homeground up --smtp-host …)".into());
    };
    let from = format!("{from_name} <{}>", smtp.from);
    let email = Message::builder()
        .from(from.parse().map_err(|e| format!("the sender address {from:?} is invalid: {e}"))?)
        .to(to.parse().map_err(|e| format!("the address {to:?} is invalid: {e}"))?)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| format!("building the mail: {e}"))?;
    let mut builder = if smtp.starttls {
        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
            .map_err(|e| format!("SMTP relay {}: {e}", smtp.host))?
    } else {
        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host)
    };
    builder = builder.port(smtp.port).timeout(Some(Duration::from_secs(20)));
    if let (Some(user), Some(pass)) = (&smtp.user, &smtp.password) {
        builder = builder.credentials(Credentials::new(user.clone(), pass.clone()));
    }
    builder.build().send(email).await.map(|_| ()).map_err(|e| format!("SMTP relay {}:{}: {e}", smtp.host, smtp.port))
}
