//! The operations over a real store with an injected clock: visibility, redrive, retention,
//! receipt handles and a restart (the store reopened), without waiting for real time.

use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use store::Store;
use wire::{CallContext, Principal, PrincipalKind};

use crate::ops::{self, ReceiveRequest};
use crate::{Sqs, SqsConfig};

struct Region {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    now: Arc<Mutex<f64>>,
}

impl Region {
    fn new() -> Region {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        Region { _dir: dir, path, now: Arc::new(Mutex::new(1_000.0)) }
    }

    /// SQS over the region's store (opened anew each time: a restart).
    fn sqs(&self) -> Arc<Sqs> {
        let store = Arc::new(Store::open(&self.path).unwrap());
        let now = self.now.clone();
        let sqs = Sqs::open(
            store,
            SqsConfig { region: "ap-northeast-2".into(), account: "123456789012".into() },
            Arc::new(move || *now.lock().unwrap()),
        );
        sqs.set_endpoint("http://127.0.0.1:4510");
        sqs
    }

    fn at(&self, t: f64) {
        *self.now.lock().unwrap() = t;
    }
}

fn cx() -> CallContext {
    CallContext {
        request_id: "r".into(),
        principal: Principal {
            account: "123456789012".into(),
            arn: "arn:aws:iam::123456789012:root".into(),
            user_id: "123456789012".into(),
            kind: PrincipalKind::Root,
            access_key_id: "AKIA".into(),
            tags: Vec::new(),
        },
        source_ip: "127.0.0.1".parse().unwrap(),
        secure_transport: false,
        region: "ap-northeast-2".into(),
        authorizer: None,
    }
}

fn call(sqs: &Sqs, op: &str, input: Value) -> Result<Value, wire::ApiError> {
    ops::dispatch(sqs, &cx(), op, &input).map(|(v, _)| v)
}

fn receive(sqs: &Sqs, url: &str, extra: Value) -> (Vec<Value>, Option<f64>) {
    let mut input = json!({"QueueUrl": url, "MaxNumberOfMessages": 10, "MessageSystemAttributeNames": ["All"]});
    if let (Some(i), Some(e)) = (input.as_object_mut(), extra.as_object()) {
        i.extend(e.clone());
    }
    let req = ReceiveRequest::parse(sqs, &input).unwrap();
    let (messages, next, _) = ops::receive_once(sqs, &cx(), &req).unwrap();
    (messages, next)
}

fn count(sqs: &Sqs, url: &str, name: &str) -> String {
    let out = call(sqs, "GetQueueAttributes", json!({"QueueUrl": url, "AttributeNames": [name]})).unwrap();
    out["Attributes"][name].as_str().unwrap().to_string()
}

#[test]
fn visibility_redrive_and_retention_follow_the_clock() {
    let region = Region::new();
    let sqs = region.sqs();
    let dlq = call(&sqs, "CreateQueue", json!({"QueueName": "dlq"})).unwrap()["QueueUrl"].as_str().unwrap().to_string();
    assert_eq!(dlq, "http://127.0.0.1:4510/123456789012/dlq");
    let policy = json!({"deadLetterTargetArn": "arn:aws:sqs:ap-northeast-2:123456789012:dlq", "maxReceiveCount": 2});
    let url = call(
        &sqs,
        "CreateQueue",
        json!({"QueueName": "work", "Attributes": {"VisibilityTimeout": "10", "MessageRetentionPeriod": "60", "RedrivePolicy": policy.to_string()}}),
    )
    .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let sent = call(&sqs, "SendMessage", json!({"QueueUrl": url, "MessageBody": "hello"})).unwrap();
    assert_eq!(sent["MD5OfMessageBody"], "5d41402abc4b2a76b9719d911017c592");

    let (got, _) = receive(&sqs, &url, json!({}));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["Attributes"]["ApproximateReceiveCount"], "1");
    assert_eq!(got[0]["Attributes"]["SentTimestamp"], "1000000");
    region.at(1_009.9);
    let (got, next) = receive(&sqs, &url, json!({}));
    assert!(got.is_empty(), "in flight for the visibility timeout");
    assert_eq!(next, Some(1_010.0), "a long poll sleeps until the message shows again");
    assert_eq!(count(&sqs, &url, "ApproximateNumberOfMessagesNotVisible"), "1");
    region.at(1_010.0);
    let (got, _) = receive(&sqs, &url, json!({"VisibilityTimeout": 5}));
    assert_eq!(got[0]["Attributes"]["ApproximateReceiveCount"], "2");
    region.at(1_015.0);
    // Received twice (maxReceiveCount): the next receive moves it to the dead-letter queue.
    let (got, _) = receive(&sqs, &url, json!({}));
    assert!(got.is_empty());
    assert_eq!(count(&sqs, &url, "ApproximateNumberOfMessages"), "0");
    let (moved, _) = receive(&sqs, &dlq, json!({}));
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0]["MessageId"], sent["MessageId"]);
    assert_eq!(moved[0]["Attributes"]["DeadLetterQueueSourceArn"], "arn:aws:sqs:ap-northeast-2:123456789012:work");

    // Retention: a message older than MessageRetentionPeriod is gone.
    call(&sqs, "SendMessage", json!({"QueueUrl": url, "MessageBody": "old"})).unwrap();
    assert_eq!(count(&sqs, &url, "ApproximateNumberOfMessages"), "1");
    region.at(1_015.0 + 60.0);
    assert_eq!(count(&sqs, &url, "ApproximateNumberOfMessages"), "0");
    assert!(receive(&sqs, &url, json!({})).0.is_empty());
}

#[test]
fn delays_handles_and_a_restart() {
    let region = Region::new();
    let sqs = region.sqs();
    let url = call(&sqs, "CreateQueue", json!({"QueueName": "q", "Attributes": {"DelaySeconds": "5"}})).unwrap()
        ["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    call(&sqs, "SendMessage", json!({"QueueUrl": url, "MessageBody": "delayed"})).unwrap();
    call(&sqs, "SendMessage", json!({"QueueUrl": url, "MessageBody": "now", "DelaySeconds": 0})).unwrap();
    assert_eq!(count(&sqs, &url, "ApproximateNumberOfMessagesDelayed"), "1");
    let (got, next) = receive(&sqs, &url, json!({"VisibilityTimeout": 100}));
    assert_eq!(got.iter().map(|m| m["Body"].as_str().unwrap()).collect::<Vec<_>>(), ["now"]);
    assert_eq!(next, Some(1_005.0));
    let handle = got[0]["ReceiptHandle"].as_str().unwrap().to_string();

    // A restart: the store reopened; the in-flight message keeps its deadline and its handle.
    drop(sqs);
    let sqs = region.sqs();
    region.at(1_005.0);
    let (got, _) = receive(&sqs, &url, json!({}));
    assert_eq!(got.iter().map(|m| m["Body"].as_str().unwrap()).collect::<Vec<_>>(), ["delayed"]);
    assert_eq!(count(&sqs, &url, "ApproximateNumberOfMessagesNotVisible"), "2");
    call(&sqs, "DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": handle})).unwrap();
    assert_eq!(count(&sqs, &url, "ApproximateNumberOfMessagesNotVisible"), "1");
    // Deleting again (the message is gone) succeeds; garbage does not.
    call(&sqs, "DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": handle})).unwrap();
    let e = call(&sqs, "DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": "xyz"})).unwrap_err();
    assert_eq!((e.code.as_ref(), e.status), ("ReceiptHandleIsInvalid", 400));
    // A handle for another queue is not valid for this one.
    let other =
        call(&sqs, "CreateQueue", json!({"QueueName": "other"})).unwrap()["QueueUrl"].as_str().unwrap().to_string();
    let e = call(&sqs, "DeleteMessage", json!({"QueueUrl": other, "ReceiptHandle": handle})).unwrap_err();
    assert_eq!(e.code.as_ref(), "ReceiptHandleIsInvalid");
    // Changing a deleted message's visibility is refused with SQS's text.
    let e = call(
        &sqs,
        "ChangeMessageVisibility",
        json!({"QueueUrl": url, "ReceiptHandle": handle, "VisibilityTimeout": 5}),
    )
    .unwrap_err();
    assert_eq!(e.code.as_ref(), "InvalidParameterValue");
    assert!(e.message.ends_with("Message does not exist or is not available for visibility timeout change."));
}

#[test]
fn queue_urls_names_and_listing() {
    let region = Region::new();
    let sqs = region.sqs();
    for n in ["a1", "a2", "a3", "b1"] {
        call(&sqs, "CreateQueue", json!({"QueueName": n})).unwrap();
    }
    let page = call(&sqs, "ListQueues", json!({"QueueNamePrefix": "a", "MaxResults": 2})).unwrap();
    assert_eq!(page["QueueUrls"].as_array().unwrap().len(), 2);
    let next =
        call(&sqs, "ListQueues", json!({"QueueNamePrefix": "a", "MaxResults": 2, "NextToken": page["NextToken"]}))
            .unwrap();
    assert_eq!(next["QueueUrls"], json!(["http://127.0.0.1:4510/123456789012/a3"]));
    assert!(next.get("NextToken").is_none());
    assert_eq!(call(&sqs, "ListQueues", json!({"QueueNamePrefix": "zz"})).unwrap(), json!({}));
    // Another account's queue URL is a queue that does not exist here; a non-URL is refused.
    let e = call(&sqs, "GetQueueAttributes", json!({"QueueUrl": "http://x/999999999999/a1"})).unwrap_err();
    assert_eq!(e.code.as_ref(), "QueueDoesNotExist");
    let e = call(&sqs, "GetQueueAttributes", json!({"QueueUrl": "a1"})).unwrap_err();
    assert_eq!(e.code.as_ref(), "InvalidAddress");
    assert!(sqs.queue_exists("arn:aws:sqs:ap-northeast-2:123456789012:b1"));
    assert!(!sqs.queue_exists("arn:aws:sqs:ap-northeast-2:123456789012:b2"));
}

#[test]
fn move_tasks_send_messages_back_to_their_sources_or_a_destination() {
    let region = Region::new();
    let sqs = region.sqs();
    let url_of = |v: Value| v["QueueUrl"].as_str().unwrap().to_string();
    let dlq = url_of(call(&sqs, "CreateQueue", json!({"QueueName": "dlq"})).unwrap());
    let dlq_arn = "arn:aws:sqs:ap-northeast-2:123456789012:dlq";
    let policy = json!({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 1}).to_string();
    let work = url_of(
        call(&sqs, "CreateQueue", json!({"QueueName": "work", "Attributes": {"RedrivePolicy": policy}})).unwrap(),
    );
    let other = url_of(call(&sqs, "CreateQueue", json!({"QueueName": "other"})).unwrap());
    call(&sqs, "SendMessage", json!({"QueueUrl": work, "MessageBody": "from work"})).unwrap();
    call(&sqs, "SendMessage", json!({"QueueUrl": dlq, "MessageBody": "sent to the dlq"})).unwrap();
    receive(&sqs, &work, json!({"VisibilityTimeout": 0}));
    assert!(receive(&sqs, &work, json!({})).0.is_empty(), "moved to the dead-letter queue");
    assert_eq!(count(&sqs, &dlq, "ApproximateNumberOfMessages"), "2");

    // No destination: each message goes back where it came from; one sent to the DLQ stays.
    call(&sqs, "StartMessageMoveTask", json!({"SourceArn": dlq_arn})).unwrap();
    assert_eq!(count(&sqs, &dlq, "ApproximateNumberOfMessages"), "1");
    let (back, _) = receive(&sqs, &work, json!({}));
    assert_eq!(back[0]["Body"], "from work");
    assert_eq!(back[0]["Attributes"]["ApproximateReceiveCount"], "1", "the count starts over");
    let tasks = call(&sqs, "ListMessageMoveTasks", json!({"SourceArn": dlq_arn})).unwrap();
    assert_eq!(tasks["Results"][0]["ApproximateNumberOfMessagesMoved"], 1);
    assert_eq!(tasks["Results"][0]["ApproximateNumberOfMessagesToMove"], 2);

    // A destination takes everything that is not in flight.
    region.at(1_001.0);
    call(
        &sqs,
        "StartMessageMoveTask",
        json!({"SourceArn": dlq_arn, "DestinationArn": "arn:aws:sqs:ap-northeast-2:123456789012:other"}),
    )
    .unwrap();
    assert_eq!(count(&sqs, &dlq, "ApproximateNumberOfMessages"), "0");
    assert_eq!(receive(&sqs, &other, json!({})).0[0]["Body"], "sent to the dlq");
    let tasks = call(&sqs, "ListMessageMoveTasks", json!({"SourceArn": dlq_arn, "MaxResults": 10})).unwrap();
    assert_eq!(tasks["Results"].as_array().unwrap().len(), 2);
    assert_eq!(tasks["Results"][0]["DestinationArn"], "arn:aws:sqs:ap-northeast-2:123456789012:other", "newest first");
}

#[test]
fn fifo_queues_order_number_and_deduplicate() {
    let region = Region::new();
    let sqs = region.sqs();
    let e = call(&sqs, "CreateQueue", json!({"QueueName": "orders", "Attributes": {"FifoQueue": "true"}})).unwrap_err();
    assert_eq!(e.code.as_ref(), "InvalidParameterValue", "a FIFO queue's name ends in .fifo");
    let e = call(&sqs, "CreateQueue", json!({"QueueName": "orders.fifo"})).unwrap_err();
    assert_eq!(e.code.as_ref(), "InvalidParameterValue", "a standard queue's name does not");
    let url = call(&sqs, "CreateQueue", json!({"QueueName": "orders.fifo", "Attributes": {"FifoQueue": "true"}}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let attrs = call(&sqs, "GetQueueAttributes", json!({"QueueUrl": url, "AttributeNames": ["All"]})).unwrap();
    assert_eq!(attrs["Attributes"]["FifoQueue"], "true");
    assert_eq!(attrs["Attributes"]["ContentBasedDeduplication"], "false");
    let again = call(&sqs, "CreateQueue", json!({"QueueName": "orders.fifo", "Attributes": {"FifoQueue": "true"}}));
    assert_eq!(again.unwrap()["QueueUrl"], json!(url));
    let e = call(
        &sqs,
        "CreateQueue",
        json!({"QueueName": "orders.fifo", "Attributes": {"FifoQueue": "true", "ContentBasedDeduplication": "true"}}),
    )
    .unwrap_err();
    assert_eq!(e.code.as_ref(), "QueueNameExists");

    let send = |body: &str, group: &str, dedup: &str| {
        call(
            &sqs,
            "SendMessage",
            json!({"QueueUrl": url, "MessageBody": body, "MessageGroupId": group, "MessageDeduplicationId": dedup}),
        )
    };
    let e = call(&sqs, "SendMessage", json!({"QueueUrl": url, "MessageBody": "x", "MessageDeduplicationId": "d"}))
        .unwrap_err();
    assert_eq!(
        (e.code.as_ref(), e.message.as_str()),
        ("MissingParameter", "The request must contain the parameter MessageGroupId.")
    );
    let e = call(&sqs, "SendMessage", json!({"QueueUrl": url, "MessageBody": "x", "MessageGroupId": "g"})).unwrap_err();
    assert!(e.message.contains("ContentBasedDeduplication"));
    let e = call(
        &sqs,
        "SendMessage",
        json!({"QueueUrl": url, "MessageBody": "x", "MessageGroupId": "g", "MessageDeduplicationId": "d", "DelaySeconds": 5}),
    )
    .unwrap_err();
    assert_eq!(e.code.as_ref(), "InvalidParameterValue");

    let a1 = send("a1", "a", "1").unwrap();
    let a2 = send("a2", "a", "2").unwrap();
    send("b1", "b", "3").unwrap();
    let again = send("a1 again", "a", "1").unwrap();
    assert_eq!(again["MessageId"], a1["MessageId"], "a duplicate is answered as the first");
    assert_eq!(again["SequenceNumber"], a1["SequenceNumber"]);
    let (s1, s2) = (a1["SequenceNumber"].as_str().unwrap(), a2["SequenceNumber"].as_str().unwrap());
    assert!(s1 < s2 && s1.len() == 20);
    assert_eq!(count(&sqs, &url, "ApproximateNumberOfMessages"), "3");

    // Group a's first message in flight holds a2; b1 comes.
    let (got, _) = receive(&sqs, &url, json!({"MaxNumberOfMessages": 1}));
    assert_eq!(got[0]["Body"], "a1");
    assert_eq!(got[0]["Attributes"]["MessageGroupId"], "a");
    assert_eq!(got[0]["Attributes"]["SequenceNumber"], s1);
    let (next, _) = receive(&sqs, &url, json!({}));
    assert_eq!(next.iter().map(|m| m["Body"].as_str().unwrap()).collect::<Vec<_>>(), ["b1"]);
    call(&sqs, "DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": got[0]["ReceiptHandle"]})).unwrap();
    let (then, _) = receive(&sqs, &url, json!({}));
    assert_eq!(then.iter().map(|m| m["Body"].as_str().unwrap()).collect::<Vec<_>>(), ["a2"]);

    // Five minutes on, the deduplication id may be used again.
    region.at(1_000.0 + 301.0);
    let fresh = send("a1 later", "a", "1").unwrap();
    assert_ne!(fresh["MessageId"], a1["MessageId"]);

    // Content-based deduplication: the body's SHA-256 is the id.
    let cbd = call(
        &sqs,
        "CreateQueue",
        json!({"QueueName": "cbd.fifo", "Attributes": {"FifoQueue": "true", "ContentBasedDeduplication": "true"}}),
    )
    .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let first =
        call(&sqs, "SendMessage", json!({"QueueUrl": cbd, "MessageBody": "same", "MessageGroupId": "g"})).unwrap();
    let second =
        call(&sqs, "SendMessage", json!({"QueueUrl": cbd, "MessageBody": "same", "MessageGroupId": "g"})).unwrap();
    assert_eq!(first["MessageId"], second["MessageId"]);
    assert_eq!(count(&sqs, &cbd, "ApproximateNumberOfMessages"), "1");
    // A standard queue refuses a deduplication id, and a FIFO dead-letter queue for it.
    let std = call(&sqs, "CreateQueue", json!({"QueueName": "std"})).unwrap()["QueueUrl"].as_str().unwrap().to_string();
    let e = call(&sqs, "SendMessage", json!({"QueueUrl": std, "MessageBody": "x", "MessageDeduplicationId": "d"}))
        .unwrap_err();
    assert_eq!(e.code.as_ref(), "InvalidParameterValue");
    let policy =
        json!({"deadLetterTargetArn": "arn:aws:sqs:ap-northeast-2:123456789012:cbd.fifo", "maxReceiveCount": 3});
    let e =
        call(&sqs, "SetQueueAttributes", json!({"QueueUrl": std, "Attributes": {"RedrivePolicy": policy.to_string()}}))
            .unwrap_err();
    assert!(e.message.contains("same type of queue"));
}

#[test]
fn metrics_count_calls_and_read_gauges_every_period() {
    let region = Region::new();
    let sqs = region.sqs();
    let url = call(&sqs, "CreateQueue", json!({"QueueName": "m"})).unwrap()["QueueUrl"].as_str().unwrap().to_string();
    let metric = |ms: &[crate::metrics::QueueMetric], name: &str| {
        ms.iter().find(|m| m.name == name && m.queue == "m").map(|m| m.value)
    };
    let first = sqs.take_metrics();
    assert_eq!(metric(&first, "ApproximateNumberOfMessagesVisible"), Some(0.0));
    assert_eq!(metric(&first, "NumberOfMessagesSent"), Some(0.0), "zeros are reported too");
    for body in ["abcd", "ef"] {
        let input = json!({"QueueUrl": url, "MessageBody": body});
        let (v, woken) = ops::dispatch(&sqs, &cx(), "SendMessage", &input).unwrap();
        assert!(v.get("MessageId").is_some() && woken == ["m"]);
    }
    region.at(1_002.0);
    assert!(sqs.take_metrics().is_empty(), "nothing within the period");
    let (got, _) = receive(&sqs, &url, json!({"MaxNumberOfMessages": 1}));
    call(&sqs, "DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": got[0]["ReceiptHandle"]})).unwrap();
    region.at(1_005.0);
    let ms = sqs.take_metrics();
    assert_eq!(metric(&ms, "NumberOfMessagesSent"), Some(2.0));
    assert_eq!(metric(&ms, "SentMessageSize"), Some(3.0));
    assert_eq!(metric(&ms, "NumberOfMessagesDeleted"), Some(1.0));
    assert_eq!(metric(&ms, "ApproximateNumberOfMessagesVisible"), Some(1.0));
    assert_eq!(metric(&ms, "ApproximateAgeOfOldestMessage"), Some(5.0));
    region.at(1_010.0);
    assert_eq!(metric(&sqs.take_metrics(), "NumberOfMessagesSent"), Some(0.0), "counters start over");
}

#[test]
fn the_metrics_pass_drops_messages_past_retention_from_queues_nobody_reads() {
    let region = Region::new();
    let sqs = region.sqs();
    let url = call(&sqs, "CreateQueue", json!({"QueueName": "idle", "Attributes": {"MessageRetentionPeriod": "60"}}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let keep =
        call(&sqs, "CreateQueue", json!({"QueueName": "keep"})).unwrap()["QueueUrl"].as_str().unwrap().to_string();
    call(&sqs, "SendMessage", json!({"QueueUrl": url, "MessageBody": "old"})).unwrap();
    call(&sqs, "SendMessage", json!({"QueueUrl": keep, "MessageBody": "kept"})).unwrap();
    let stored = |q: &str| sqs.store.read(|tx| tx.count(crate::records::kind::MESSAGE, &format!("{q}|"))).unwrap();
    sqs.take_metrics();
    assert_eq!((stored("idle"), stored("keep")), (1, 1));
    region.at(1_060.0);
    let ms = sqs.take_metrics();
    assert_eq!((stored("idle"), stored("keep")), (0, 1), "only the expired message is gone");
    let visible = ms.iter().find(|m| m.queue == "idle" && m.name == "ApproximateNumberOfMessagesVisible");
    assert_eq!(visible.map(|m| m.value), Some(0.0));
}
