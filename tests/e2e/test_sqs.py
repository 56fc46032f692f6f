"""SQS through boto3 and the real aws CLI: queues, send/receive/delete with AWS's MD5s, the
visibility timeout, long polling (woken by a send, a released or delayed message, or empty when
the wait ends), dead-letter redrive and its move back, a message surviving kill -9, AWS's error
codes (in both spellings botocore reads), IAM, FIFO queues, SNS topics delivering into queues
(the signed JSON envelope, and raw) — CloudWatch's alarm message included —, Auto Scaling
lifecycle hooks, CloudFormation's AWS::SQS resources and the AWS/SQS metrics."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
import urllib.request

import pytest
from botocore.exceptions import ClientError
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

import hg


def md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def attributes_md5(attrs: dict) -> str:
    """MD5OfMessageAttributes as the AWS SDKs check it, written here independently: for each
    attribute by name, length-prefixed name and type, 1 (string) or 2 (binary), the value."""
    out = b""

    def field(b: bytes) -> bytes:
        return len(b).to_bytes(4, "big") + b

    for name in sorted(attrs):
        a = attrs[name]
        out += field(name.encode()) + field(a["DataType"].encode())
        if "StringValue" in a:
            out += b"\x01" + field(a["StringValue"].encode())
        else:
            out += b"\x02" + field(a["BinaryValue"])
    return hashlib.md5(out).hexdigest()


def expect(exc_name: str, query_code: str, call, status: int = 400) -> str:
    """Run `call`; it must raise botocore's modeled exception `exc_name` with SQS's query code
    (what the aws CLI prints) and `status`. Returns the message."""
    with pytest.raises(ClientError) as info:
        call()
    err = info.value.response["Error"]
    assert type(info.value).__name__ == exc_name, info.value.response
    assert err["Code"] == query_code, err
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    return err["Message"]


@pytest.fixture(scope="module")
def sqs(region):
    return region.client("sqs")


def test_create_send_receive_delete(region, sqs):
    url = sqs.create_queue(QueueName="kg-orders", Attributes={"VisibilityTimeout": "45"})["QueueUrl"]
    assert url == f"{region.endpoint}/{region.account}/kg-orders"
    assert sqs.get_queue_url(QueueName="kg-orders")["QueueUrl"] == url
    # The same name and attributes: the same queue; a different value: QueueAlreadyExists.
    assert sqs.create_queue(QueueName="kg-orders", Attributes={"VisibilityTimeout": "45"})["QueueUrl"] == url
    msg = expect("QueueNameExists", "QueueAlreadyExists",
                 lambda: sqs.create_queue(QueueName="kg-orders", Attributes={"VisibilityTimeout": "46"}))
    assert "VisibilityTimeout" in msg
    assert url in sqs.list_queues(QueueNamePrefix="kg-")["QueueUrls"]

    attrs = {"team": {"DataType": "String", "StringValue": "kg"}, "n": {"DataType": "Number", "StringValue": "7"}}
    sent = sqs.send_message(QueueUrl=url, MessageBody="order #1", MessageAttributes=attrs)
    assert sent["MD5OfMessageBody"] == md5("order #1")
    assert sent["MD5OfMessageAttributes"] == attributes_md5(attrs)
    binary = {"blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01kg"}, "s": {"DataType": "String.id", "StringValue": "é"}}
    binary_url = sqs.create_queue(QueueName="kg-binary")["QueueUrl"]
    sent_binary = sqs.send_message(QueueUrl=binary_url, MessageBody="with binary", MessageAttributes=binary)
    assert sent_binary["MD5OfMessageAttributes"] == attributes_md5(binary)
    got = sqs.receive_message(QueueUrl=binary_url, MessageAttributeNames=["blob", "s"])["Messages"][0]
    assert got["MessageAttributes"] == binary and got["MD5OfMessageAttributes"] == attributes_md5(binary)
    # The X-Ray trace header (MessageSystemAttributes) and its MD5, by the same recipe.
    trace = {"AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-5759e988-bd862e3fe1be46a994272793"}}
    traced = sqs.send_message(QueueUrl=binary_url, MessageBody="traced", MessageSystemAttributes=trace)
    assert traced["MD5OfMessageSystemAttributes"] == attributes_md5(trace)
    got = sqs.receive_message(QueueUrl=binary_url, MessageSystemAttributeNames=["AWSTraceHeader"])["Messages"][0]
    assert got["Attributes"] == {"AWSTraceHeader": trace["AWSTraceHeader"]["StringValue"]}
    sqs.delete_queue(QueueUrl=binary_url)
    q = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert q["ApproximateNumberOfMessages"] == "1" and q["ApproximateNumberOfMessagesNotVisible"] == "0"
    assert q["QueueArn"] == f"arn:aws:sqs:{region.region_name}:{region.account}:kg-orders"
    assert q["VisibilityTimeout"] == "45" and q["MessageRetentionPeriod"] == "345600"
    assert abs(int(q["CreatedTimestamp"]) - time.time()) < 60

    before = time.time()
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"],
                              MessageSystemAttributeNames=["All"])["Messages"]
    assert len(got) == 1
    m = got[0]
    assert m["Body"] == "order #1" and m["MessageId"] == sent["MessageId"]
    assert m["MD5OfBody"] == md5("order #1")
    assert m["MessageAttributes"]["team"] == {"DataType": "String", "StringValue": "kg"}
    assert m["MD5OfMessageAttributes"] == sent["MD5OfMessageAttributes"]
    assert m["Attributes"]["ApproximateReceiveCount"] == "1"
    assert abs(int(m["Attributes"]["SentTimestamp"]) / 1000 - before) < 5
    assert int(m["Attributes"]["ApproximateFirstReceiveTimestamp"]) >= int(m["Attributes"]["SentTimestamp"])
    q = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages",
                                                               "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    assert q == {"ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesNotVisible": "1"}
    sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
    q = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert q["ApproximateNumberOfMessages"] == "0" and q["ApproximateNumberOfMessagesNotVisible"] == "0"

    # Batches: every entry answered by its Id; a bad entry fails alone.
    out = sqs.send_message_batch(QueueUrl=url, Entries=[
        {"Id": "a", "MessageBody": "one"}, {"Id": "b", "MessageBody": "two"},
        {"Id": "c", "MessageBody": "three", "DelaySeconds": 901}])
    assert sorted(e["Id"] for e in out["Successful"]) == ["a", "b"]
    assert out["Failed"][0]["Id"] == "c" and out["Failed"][0]["SenderFault"] is True
    assert out["Failed"][0]["Code"] == "InvalidParameterValue"
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert sorted(m["Body"] for m in got) == ["one", "two"]
    out = sqs.delete_message_batch(QueueUrl=url, Entries=[
        {"Id": f"d{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(got)] + [
        {"Id": "bad", "ReceiptHandle": "not-a-handle"}])
    assert len(out["Successful"]) == 2
    assert out["Failed"] == [{"Id": "bad", "SenderFault": True, "Code": "ReceiptHandleIsInvalid",
                              "Message": 'The input receipt handle "not-a-handle" is not a valid receipt handle.'}]
    assert "Messages" not in sqs.receive_message(QueueUrl=url)

    # Tags.
    sqs.tag_queue(QueueUrl=url, Tags={"env": "prod", "team": "kg"})
    sqs.untag_queue(QueueUrl=url, TagKeys=["team"])
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"env": "prod"}

    # AddPermission / RemovePermission edit the queue's policy.
    sqs.add_permission(QueueUrl=url, Label="kg-partner", AWSAccountIds=["111122223333"], Actions=["SendMessage"])
    policy = json.loads(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]["Policy"])
    assert policy["Statement"] == [{"Sid": "kg-partner", "Effect": "Allow",
                                    "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                                    "Action": "SQS:SendMessage", "Resource": q["QueueArn"]}]
    code, msg, _ = hg.expect_client_error(sqs.add_permission, QueueUrl=url, Label="kg-partner",
                                          AWSAccountIds=["111122223333"], Actions=["SendMessage"])
    assert code == "InvalidParameterValue" and "Already exists" in msg
    sqs.remove_permission(QueueUrl=url, Label="kg-partner")
    assert "Policy" not in sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert hg.expect_client_error(sqs.remove_permission, QueueUrl=url, Label="kg-partner")[0] == "InvalidParameterValue"

    # Purge empties the queue; a second purge within a minute is refused.
    sqs.send_message(QueueUrl=url, MessageBody="to purge")
    sqs.purge_queue(QueueUrl=url)
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])[
        "Attributes"]["ApproximateNumberOfMessages"] == "0"
    expect("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", lambda: sqs.purge_queue(QueueUrl=url))

    sqs.delete_queue(QueueUrl=url)
    expect("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", lambda: sqs.get_queue_url(QueueName="kg-orders"))


def test_the_aws_cli(region):
    # aws CLI v1 pins `aws sqs` to SQS's legacy host (queue.amazonaws.com) unless the command line
    # names an endpoint: the config file's endpoint_url is not enough for this one service.
    cli = region.aws

    def aws(*args, **kw):
        return cli(*args, "--endpoint-url", region.endpoint, **kw)

    def aws_fail(*args):
        return region.aws_fail(*args, "--endpoint-url", region.endpoint)

    url = aws("sqs", "create-queue", "--queue-name", "kg-cli")["QueueUrl"]
    sent = aws("sqs", "send-message", "--queue-url", url, "--message-body", "from the CLI",
                      "--delay-seconds", "0")
    assert sent["MD5OfMessageBody"] == md5("from the CLI")
    got = aws("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "5",
                     "--attribute-names", "ApproximateReceiveCount")["Messages"]
    assert got[0]["Body"] == "from the CLI" and got[0]["Attributes"]["ApproximateReceiveCount"] == "1"
    aws("sqs", "delete-message", "--queue-url", url, "--receipt-handle", got[0]["ReceiptHandle"])
    attrs = aws("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")["Attributes"]
    assert attrs["ApproximateNumberOfMessages"] == "0" and attrs["QueueArn"].endswith(":kg-cli")
    aws("sqs", "set-queue-attributes", "--queue-url", url, "--attributes", "DelaySeconds=3")
    assert aws("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "DelaySeconds")[
        "Attributes"] == {"DelaySeconds": "3"}
    assert url in aws("sqs", "list-queues")["QueueUrls"]
    _, err = aws_fail("sqs", "get-queue-url", "--queue-name", "kg-missing")
    code, message = hg.cli_error(err)
    assert code == "AWS.SimpleQueueService.NonExistentQueue" and message == "The specified queue does not exist."
    _, err = aws_fail("sqs", "delete-message", "--queue-url", url, "--receipt-handle", "garbage")
    assert hg.cli_error(err)[0] == "ReceiptHandleIsInvalid"
    aws("sqs", "delete-queue", "--queue-url", url)


def test_visibility_timeout_expiry_makes_a_message_visible_again(sqs):
    url = sqs.create_queue(QueueName="kg-visibility", Attributes={"VisibilityTimeout": "2"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="retry me")
    first = sqs.receive_message(QueueUrl=url)["Messages"][0]
    assert "Messages" not in sqs.receive_message(QueueUrl=url), "hidden while in flight"
    time.sleep(2.3)
    again = sqs.receive_message(QueueUrl=url, MessageSystemAttributeNames=["ApproximateReceiveCount"])["Messages"][0]
    assert again["MessageId"] == first["MessageId"] and again["ReceiptHandle"] != first["ReceiptHandle"]
    assert again["Attributes"]["ApproximateReceiveCount"] == "2"
    # The stale handle deletes nothing (and does not fail); the latest one does.
    sqs.delete_message(QueueUrl=url, ReceiptHandle=first["ReceiptHandle"])
    # ChangeMessageVisibility 0 shows it at once.
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=again["ReceiptHandle"], VisibilityTimeout=0)
    third = sqs.receive_message(QueueUrl=url, VisibilityTimeout=30)["Messages"][0]
    assert third["MessageId"] == first["MessageId"]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=third["ReceiptHandle"])
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    expect("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", lambda: (
        sqs.send_message(QueueUrl=url, MessageBody="x"),
        sqs.change_message_visibility(
            QueueUrl=url, VisibilityTimeout=5,
            ReceiptHandle=sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)["Messages"][0]["ReceiptHandle"])))


def test_long_polling_returns_when_a_message_arrives_and_empty_after_the_wait(region, sqs):
    url = sqs.create_queue(QueueName="kg-long-poll")["QueueUrl"]
    sender = region.client("sqs")

    def send_later():
        time.sleep(1.5)
        sender.send_message(QueueUrl=url, MessageBody="arrived")

    t = threading.Thread(target=send_later)
    start = time.monotonic()
    t.start()
    got = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=15)
    elapsed = time.monotonic() - start
    t.join()
    assert [m["Body"] for m in got["Messages"]] == ["arrived"]
    assert 1.4 <= elapsed < 5, f"the long poll took {elapsed:.2f}s for a message sent after 1.5s"

    start = time.monotonic()
    got = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2)
    elapsed = time.monotonic() - start
    assert "Messages" not in got
    assert 1.9 <= elapsed < 4, f"an empty 2 s long poll took {elapsed:.2f}s"

    # Deleting a queue ends the long polls on it at once.
    doomed = sqs.create_queue(QueueName="kg-doomed")["QueueUrl"]
    threading.Timer(1.0, lambda: sender.delete_queue(QueueUrl=doomed)).start()
    start = time.monotonic()
    expect("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
           lambda: sqs.receive_message(QueueUrl=doomed, WaitTimeSeconds=15))
    elapsed = time.monotonic() - start
    assert 0.9 <= elapsed < 5, f"the poll on a deleted queue ended after {elapsed:.2f}s"

    # The queue's ReceiveMessageWaitTimeSeconds applies when the call names none; a delayed
    # message wakes a waiting poll when it becomes visible.
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"ReceiveMessageWaitTimeSeconds": "10"})
    sqs.send_message(QueueUrl=url, MessageBody="delayed", DelaySeconds=2)
    start = time.monotonic()
    got = sqs.receive_message(QueueUrl=url)
    elapsed = time.monotonic() - start
    assert [m["Body"] for m in got["Messages"]] == ["delayed"]
    assert 1.5 <= elapsed < 5, f"a message delayed 2 s was received after {elapsed:.2f}s"

    # A message made visible again by ChangeMessageVisibility wakes a waiting poll.
    held = got["Messages"][0]
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=held["ReceiptHandle"], VisibilityTimeout=600)

    def release_later():
        time.sleep(1.0)
        sender.change_message_visibility(QueueUrl=url, ReceiptHandle=held["ReceiptHandle"], VisibilityTimeout=0)

    t = threading.Thread(target=release_later)
    start = time.monotonic()
    t.start()
    got = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=15)
    elapsed = time.monotonic() - start
    t.join()
    assert [m["Body"] for m in got["Messages"]] == ["delayed"]
    assert 0.9 <= elapsed < 5, f"the released message was received after {elapsed:.2f}s"


def test_dead_letter_redrive_after_max_receive_count(region, sqs):
    dlq = sqs.create_queue(QueueName="kg-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    policy = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2})
    url = sqs.create_queue(QueueName="kg-work", Attributes={"RedrivePolicy": policy})["QueueUrl"]
    assert json.loads(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["RedrivePolicy"])["Attributes"][
        "RedrivePolicy"]) == {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2}
    assert sqs.list_dead_letter_source_queues(QueueUrl=dlq)["queueUrls"] == [url]
    sent = sqs.send_message(QueueUrl=url, MessageBody="poison")["MessageId"]
    for n in (1, 2):
        m = sqs.receive_message(QueueUrl=url, VisibilityTimeout=0,
                                MessageSystemAttributeNames=["ApproximateReceiveCount"])["Messages"][0]
        assert m["MessageId"] == sent and m["Attributes"]["ApproximateReceiveCount"] == str(n)
    # A third receive would exceed maxReceiveCount: the message moves to the dead-letter queue.
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    moved = sqs.receive_message(QueueUrl=dlq, WaitTimeSeconds=2,
                                MessageSystemAttributeNames=["All"])["Messages"][0]
    assert moved["MessageId"] == sent and moved["Body"] == "poison"
    assert moved["Attributes"]["DeadLetterQueueSourceArn"].endswith(":kg-work")
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"][
        "ApproximateNumberOfMessages"] == "0"
    # Redrive back (StartMessageMoveTask): the message returns to kg-work and starts over.
    sqs.change_message_visibility(QueueUrl=dlq, ReceiptHandle=moved["ReceiptHandle"], VisibilityTimeout=0)
    handle = sqs.start_message_move_task(SourceArn=dlq_arn)["TaskHandle"]
    assert handle
    tasks = sqs.list_message_move_tasks(SourceArn=dlq_arn, MaxResults=10)["Results"]
    assert len(tasks) == 1 and tasks[0]["Status"] == "COMPLETED"
    assert tasks[0]["ApproximateNumberOfMessagesMoved"] == 1 and tasks[0]["SourceArn"] == dlq_arn
    back = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2, VisibilityTimeout=0,
                               MessageSystemAttributeNames=["ApproximateReceiveCount"])["Messages"][0]
    assert back["MessageId"] == sent and back["Attributes"]["ApproximateReceiveCount"] == "1"
    assert sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["ApproximateNumberOfMessages"])[
        "Attributes"]["ApproximateNumberOfMessages"] == "0"
    work_arn = dlq_arn.replace(":kg-dlq", ":kg-work")
    code, msg, _ = hg.expect_client_error(sqs.start_message_move_task, SourceArn=work_arn)
    assert code == "InvalidParameterValue" and "Dead Letter Queue" in msg
    code, _, _ = hg.expect_client_error(sqs.start_message_move_task, SourceArn=dlq_arn + "-nope")
    assert code == "ResourceNotFoundException"

    # A target that does not exist is refused.
    bad = json.dumps({"deadLetterTargetArn": dlq_arn + "-nope", "maxReceiveCount": 2})
    with pytest.raises(ClientError) as info:
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"RedrivePolicy": bad})
    assert info.value.response["Error"]["Code"] == "InvalidParameterValue"
    assert "Dead letter target does not exist" in info.value.response["Error"]["Message"]


def test_messages_survive_kill_9(new_region):
    r = new_region()
    sqs = r.client("sqs")
    url = sqs.create_queue(QueueName="kg-durable")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="in flight")
    held = sqs.receive_message(QueueUrl=url, VisibilityTimeout=600)["Messages"][0]
    sqs.send_message(QueueUrl=url, MessageBody="waiting")
    r.kill9()
    r.start()
    sqs = r.client("sqs")
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attrs["ApproximateNumberOfMessages"] == "1" and attrs["ApproximateNumberOfMessagesNotVisible"] == "1"
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)["Messages"]
    assert [m["Body"] for m in got] == ["waiting"], "the in-flight message stays hidden across the restart"
    # The receipt handle from before the kill still works.
    sqs.delete_message(QueueUrl=url, ReceiptHandle=held["ReceiptHandle"])
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessagesNotVisible"])
    assert attrs["Attributes"]["ApproximateNumberOfMessagesNotVisible"] == "1"  # "waiting", now in flight

    # A graceful stop does not wait out a long poll: the poll answers (empty) at once.
    polled = {}

    def poll():
        start = time.monotonic()
        polled["out"] = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20)
        polled["took"] = time.monotonic() - start

    t = threading.Thread(target=poll)
    t.start()
    time.sleep(0.5)
    start = time.monotonic()
    assert r.stop() == 0
    stopped_in = time.monotonic() - start
    t.join(timeout=10)
    assert stopped_in < 5, f"SIGTERM took {stopped_in:.1f}s with a long poll outstanding"
    assert "Messages" not in polled["out"] and polled["took"] < 6


def test_error_codes(region, sqs):
    url = sqs.create_queue(QueueName="kg-errors")["QueueUrl"]
    missing = url.rsplit("/", 1)[0] + "/kg-nope"
    expect("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
           lambda: sqs.send_message(QueueUrl=missing, MessageBody="x"))
    msg = expect("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid",
                 lambda: sqs.delete_message(QueueUrl=url, ReceiptHandle="garbage"))
    assert msg == 'The input receipt handle "garbage" is not a valid receipt handle.'
    msg = expect("InvalidAttributeName", "InvalidAttributeName",
                 lambda: sqs.create_queue(QueueName="kg-bad", Attributes={"Bogus": "1"}))
    assert msg == "Unknown Attribute Bogus."
    expect("InvalidAttributeName", "InvalidAttributeName",
           lambda: sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Nope"]))
    msg = expect("InvalidAttributeValue", "InvalidAttributeValue",
                 lambda: sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "43201"}))
    assert msg == "Invalid value for the parameter VisibilityTimeout."
    code, msg, status = hg.expect_client_error(sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=11)
    assert (code, status) == ("InvalidParameterValue", 400)
    assert msg == "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."
    code, msg, _ = hg.expect_client_error(sqs.receive_message, QueueUrl=url, WaitTimeSeconds=21)
    assert code == "InvalidParameterValue" and "WaitTimeSeconds" in msg
    code, msg, _ = hg.expect_client_error(sqs.create_queue, QueueName="bad name!")
    assert code == "InvalidParameterValue"
    expect("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest",
           lambda: sqs.send_message_batch(QueueUrl=url, Entries=[]))
    msg = expect("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
                 lambda: sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "a", "MessageBody": "1"},
                                                                       {"Id": "a", "MessageBody": "2"}]))
    assert msg == "Id a repeated."
    expect("TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
           lambda: sqs.send_message_batch(QueueUrl=url, Entries=[
               {"Id": str(i), "MessageBody": "x"} for i in range(11)]))
    expect("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId",
           lambda: sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "has space", "MessageBody": "x"}]))
    expect("InvalidMessageContents", "InvalidMessageContents",
           lambda: sqs.send_message(QueueUrl=url, MessageBody="bad \x00 char"))
    code, msg, _ = hg.expect_client_error(sqs.send_message, QueueUrl=url, MessageBody="x" * 1_048_577)
    assert code == "InvalidParameterValue" and "1048576" in msg
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"MaximumMessageSize": "1024"})
    code, msg, _ = hg.expect_client_error(sqs.send_message, QueueUrl=url, MessageBody="x" * 1025)
    assert msg == "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes."
    sqs.send_message(QueueUrl=url, MessageBody="x" * 1024)
    msg = expect("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong",
                 lambda: sqs.send_message_batch(QueueUrl=url, Entries=[
                     {"Id": str(i), "MessageBody": "x" * 300_000} for i in range(4)]))
    assert msg == "Batch requests cannot be longer than 1048576 bytes. You have sent 1200000 bytes."
    code, msg, _ = hg.expect_client_error(sqs.create_queue, QueueName="kg-not-fifo", Attributes={"FifoQueue": "true"})
    assert code == "InvalidParameterValue" and ".fifo" in msg


def test_fifo_queues(sqs):
    url = sqs.create_queue(QueueName="kg-scores.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    assert url.endswith("/kg-scores.fifo")
    code, msg, _ = hg.expect_client_error(sqs.send_message, QueueUrl=url, MessageBody="x",
                                          MessageDeduplicationId="d")
    assert (code, msg) == ("MissingParameter", "The request must contain the parameter MessageGroupId.")
    sent = [sqs.send_message(QueueUrl=url, MessageBody=f"match {i}", MessageGroupId="match-7",
                             MessageDeduplicationId=f"goal-{i}") for i in range(3)]
    seqs = [int(s["SequenceNumber"]) for s in sent]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3
    dup = sqs.send_message(QueueUrl=url, MessageBody="match 0 again", MessageGroupId="match-7",
                           MessageDeduplicationId="goal-0")
    assert dup["MessageId"] == sent[0]["MessageId"], "a duplicate within five minutes is dropped"
    sqs.send_message(QueueUrl=url, MessageBody="other match", MessageGroupId="match-8", MessageDeduplicationId="o")
    first = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2,
                                MessageSystemAttributeNames=["MessageGroupId", "SequenceNumber"])["Messages"]
    assert [m["Body"] for m in first] == ["match 0", "match 1"]
    assert first[0]["Attributes"]["MessageGroupId"] == "match-7"
    assert first[0]["Attributes"]["SequenceNumber"] == sent[0]["SequenceNumber"]
    # While match-7's messages are in flight, only the other group is served.
    assert [m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]] == ["other match"]
    sqs.delete_message_batch(QueueUrl=url, Entries=[
        {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(first)])
    held = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert [m["Body"] for m in held] == ["match 2"]
    # A long poll waiting behind an in-flight message of the group gets the next one as soon
    # as that message is deleted.
    sqs.send_message(QueueUrl=url, MessageBody="match 3", MessageGroupId="match-7", MessageDeduplicationId="goal-3")

    def delete_later():
        time.sleep(1.0)
        sqs.delete_message(QueueUrl=url, ReceiptHandle=held[0]["ReceiptHandle"])

    t = threading.Thread(target=delete_later)
    start = time.monotonic()
    t.start()
    got = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=15)
    elapsed = time.monotonic() - start
    t.join()
    assert [m["Body"] for m in got["Messages"]] == ["match 3"]
    assert 0.9 <= elapsed < 5, f"the group's next message came {elapsed:.2f}s into the poll"
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attrs["FifoQueue"] == "true" and attrs["ContentBasedDeduplication"] == "false"


def test_iam_decides(region, sqs):
    url = sqs.create_queue(QueueName="kg-iam")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    nobody = region.client("sqs", *region.make_user("sqs-nobody"))
    code, msg, status = hg.expect_client_error(nobody.send_message, QueueUrl=url, MessageBody="x")
    assert (code, status) == ("AccessDenied", 403)
    assert "sqs:SendMessage" in msg and arn in msg
    assert hg.expect_client_error(nobody.list_queues)[0] == "AccessDenied"
    sender = region.client("sqs", *region.make_user(
        "sqs-sender", inline={"send": hg.policy(hg.allow(["sqs:SendMessage"], arn))}))
    sender.send_message(QueueUrl=url, MessageBody="allowed")
    # The batch call is authorised as sqs:SendMessage, as on AWS.
    assert len(sender.send_message_batch(QueueUrl=url, Entries=[{"Id": "1", "MessageBody": "b"}])["Successful"]) == 1
    code, msg, _ = hg.expect_client_error(sender.receive_message, QueueUrl=url)
    assert code == "AccessDenied" and "sqs:ReceiveMessage" in msg
    # Conditions on the queue's tags (aws:ResourceTag/…) and on the tags a call adds.
    tagged = sqs.create_queue(QueueName="kg-tagged", tags={"team": "kg"})["QueueUrl"]
    by_tag = region.client("sqs", *region.make_user("sqs-by-tag", inline={"tag": hg.policy(
        hg.allow(["sqs:SendMessage"], "*", Condition={"StringEquals": {"aws:ResourceTag/team": "kg"}}),
        hg.allow(["sqs:TagQueue"], "*", Condition={"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}}))}))
    by_tag.send_message(QueueUrl=tagged, MessageBody="team kg")
    assert hg.expect_client_error(by_tag.send_message, QueueUrl=url, MessageBody="x")[0] == "AccessDenied"
    by_tag.tag_queue(QueueUrl=tagged, Tags={"env": "prod"})
    assert hg.expect_client_error(by_tag.tag_queue, QueueUrl=tagged, Tags={"team": "other"})[0] == "AccessDenied"
    assert sqs.list_queue_tags(QueueUrl=tagged)["Tags"] == {"team": "kg", "env": "prod"}

    other = url.rsplit("/", 1)[0] + "/kg-other"
    sqs.create_queue(QueueName="kg-other")
    assert hg.expect_client_error(sender.send_message, QueueUrl=other, MessageBody="x")[0] == "AccessDenied"


def verify_signature(doc: dict) -> bool:
    """An independent SignatureVersion 1 check of an SNS notification, as validators do it."""
    fields = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
    text = "".join(f"{k}\n{doc[k]}\n" for k in fields if k in doc)
    with urllib.request.urlopen(doc["SigningCertURL"], timeout=5) as r:
        cert = x509.load_pem_x509_certificate(r.read())
    try:
        cert.public_key().verify(base64.b64decode(doc["Signature"]), text.encode(), padding.PKCS1v15(), hashes.SHA1())
        return True
    except Exception:
        return False


def test_sns_delivers_to_subscribed_queues(region, sqs):
    sns = region.client("sns")
    topic = sns.create_topic(Name="KGSNS_Topic")["TopicArn"]
    url = sqs.create_queue(QueueName="kg-notifications")["QueueUrl"]
    raw_url = sqs.create_queue(QueueName="kg-raw")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    raw_arn = sqs.get_queue_attributes(QueueUrl=raw_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sub = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)["SubscriptionArn"]
    assert sub.startswith(topic + ":"), "a queue subscription is confirmed at once"
    raw_sub = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=raw_arn,
                            Attributes={"RawMessageDelivery": "true"})["SubscriptionArn"]
    assert sns.get_subscription_attributes(SubscriptionArn=raw_sub)["Attributes"]["PendingConfirmation"] == "false"
    code, msg, _ = hg.expect_client_error(sns.subscribe, TopicArn=topic, Protocol="sqs", Endpoint="not-an-arn")
    assert code == "InvalidParameter"

    published = sns.publish(TopicArn=topic, Subject="KG SPORTS", Message="Live scores are up",
                            MessageAttributes={"severity": {"DataType": "String", "StringValue": "high"}})
    m = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10)["Messages"][0]
    doc = json.loads(m["Body"])
    assert doc["Type"] == "Notification" and doc["MessageId"] == published["MessageId"]
    assert doc["TopicArn"] == topic and doc["Subject"] == "KG SPORTS" and doc["Message"] == "Live scores are up"
    assert doc["SignatureVersion"] == "1" and doc["UnsubscribeURL"].startswith(region.endpoint + "/sns/unsubscribe?")
    assert doc["MessageAttributes"]["severity"] == {"Type": "String", "Value": "high"}
    assert verify_signature(doc)
    assert m["MD5OfBody"] == md5(m["Body"])
    sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])

    raw = sqs.receive_message(QueueUrl=raw_url, WaitTimeSeconds=10, MessageAttributeNames=["All"])["Messages"][0]
    assert raw["Body"] == "Live scores are up"
    assert raw["MessageAttributes"]["severity"] == {"DataType": "String", "StringValue": "high"}

    # CloudWatch's alarm message reaches the queue through the topic.
    cw = region.client("cloudwatch")
    cw.put_metric_alarm(AlarmName="KG-QueueAlarm", Namespace="KG/Web", MetricName="Errors", Statistic="Sum",
                        Period=60, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanThreshold",
                        AlarmActions=[topic])
    cw.set_alarm_state(AlarmName="KG-QueueAlarm", StateValue="ALARM", StateReason="testing the queue")

    def alarm_message():
        out = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=5, MaxNumberOfMessages=10).get("Messages", [])
        for msg in out:
            body = json.loads(msg["Body"])
            alarm = json.loads(body["Message"])
            sqs.delete_message(QueueUrl=url, ReceiptHandle=msg["ReceiptHandle"])
            if alarm.get("AlarmName") == "KG-QueueAlarm":
                return body, alarm
        return None

    body, alarm = hg.wait_until(alarm_message, timeout=30, interval=0.1, what="the alarm message in the queue")
    assert alarm["NewStateValue"] == "ALARM" and alarm["NewStateReason"] == "testing the queue"
    assert body["Subject"].startswith('ALARM: "KG-QueueAlarm"')

    # Unsubscribed: nothing more arrives.
    sns.unsubscribe(SubscriptionArn=sub)
    sns.publish(TopicArn=topic, Message="after")

    def raw_after():
        out = sqs.receive_message(QueueUrl=raw_url, WaitTimeSeconds=5, MaxNumberOfMessages=10).get("Messages", [])
        return any(msg["Body"] == "after" for msg in out)

    hg.wait_until(raw_after, timeout=20, interval=0.1, what="the raw queue's copy of the last message")
    assert "Messages" not in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)


def test_auto_scaling_lifecycle_hooks_notify_a_queue(region, sqs):
    """A lifecycle hook's target may be a queue: its test notification arrives there, as the
    bare JSON message (no SNS envelope). No instance is launched (the group stays at 0)."""
    ec2, asg = region.client("ec2"), region.client("autoscaling")
    subnet = ec2.describe_subnets()["Subnets"][0]["SubnetId"]
    ec2.create_launch_template(LaunchTemplateName="kg-sqs-lt",
                               LaunchTemplateData={"ImageId": "ami-0123456789abcdef0", "InstanceType": "t2.micro"})
    asg.create_auto_scaling_group(AutoScalingGroupName="kg-sqs-asg", MinSize=0, MaxSize=1, DesiredCapacity=0,
                                  VPCZoneIdentifier=subnet, LaunchTemplate={"LaunchTemplateName": "kg-sqs-lt"})
    url = sqs.create_queue(QueueName="kg-hooks")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    role = f"arn:aws:iam::{region.account}:role/kg-hooks"
    asg.put_lifecycle_hook(AutoScalingGroupName="kg-sqs-asg", LifecycleHookName="to-queue",
                           LifecycleTransition="autoscaling:EC2_INSTANCE_LAUNCHING", NotificationTargetARN=arn,
                           RoleARN=role)
    m = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10)["Messages"][0]
    doc = json.loads(m["Body"])
    assert doc["Event"] == "autoscaling:TEST_NOTIFICATION" and doc["AutoScalingGroupName"] == "kg-sqs-asg"
    assert doc["Service"] == "AWS Auto Scaling"
    # A queue that does not exist is refused, as before.
    code, msg, _ = hg.expect_client_error(
        asg.put_lifecycle_hook, AutoScalingGroupName="kg-sqs-asg", LifecycleHookName="nowhere",
        LifecycleTransition="autoscaling:EC2_INSTANCE_LAUNCHING", NotificationTargetARN=arn + "-missing",
        RoleARN=role)
    assert code == "ValidationError" and "Unable to publish test message to notification target" in msg
    asg.delete_auto_scaling_group(AutoScalingGroupName="kg-sqs-asg", ForceDelete=True)


CFN_QUEUES = """
Parameters:
  Visibility:
    Type: Number
    Default: 45
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: kg-cfn-dlq
  Work:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: !Ref Visibility
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 3
      Tags:
        - Key: team
          Value: kg
  Scores:
    Type: AWS::SQS::Queue
    Properties:
      FifoQueue: true
      ContentBasedDeduplication: true
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - Protocol: sqs
          Endpoint: !GetAtt Work.Arn
  Policy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Work]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: sns.amazonaws.com}
            Action: sqs:SendMessage
            Resource: !GetAtt Work.Arn
            Condition: {ArnEquals: {"aws:SourceArn": !Ref Topic}}
Outputs:
  WorkUrl:
    Value: !Ref Work
  WorkArn:
    Value: !GetAtt Work.Arn
  ScoresName:
    Value: !GetAtt Scores.QueueName
  TopicArn:
    Value: !Ref Topic
"""


def test_cloudformation_queues(region, sqs):
    cfn = region.client("cloudformation")
    wait = {"WaiterConfig": {"Delay": 1, "MaxAttempts": 60}}
    cfn.create_stack(StackName="kg-queues", TemplateBody=CFN_QUEUES)
    cfn.get_waiter("stack_create_complete").wait(StackName="kg-queues", **wait)
    outs = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName="kg-queues")["Stacks"][0]["Outputs"]}
    url = outs["WorkUrl"]
    assert url.startswith(f"{region.endpoint}/{region.account}/kg-queues-Work-")
    assert outs["ScoresName"].startswith("kg-queues-Scores-") and outs["ScoresName"].endswith(".fifo")
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attrs["QueueArn"] == outs["WorkArn"] and attrs["VisibilityTimeout"] == "45"
    assert json.loads(attrs["RedrivePolicy"])["deadLetterTargetArn"].endswith(":kg-cfn-dlq")
    assert json.loads(attrs["Policy"])["Statement"][0]["Principal"] == {"Service": "sns.amazonaws.com"}
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"]["team"] == "kg"
    scores = sqs.get_queue_url(QueueName=outs["ScoresName"])["QueueUrl"]
    assert sqs.get_queue_attributes(QueueUrl=scores, AttributeNames=["ContentBasedDeduplication"])[
        "Attributes"] == {"ContentBasedDeduplication": "true"}
    # The topic's queue subscription delivers.
    region.client("sns").publish(TopicArn=outs["TopicArn"], Message="from the stack")
    m = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10)["Messages"][0]
    assert json.loads(m["Body"])["Message"] == "from the stack"

    # An attribute change is an in-place update: the same queue, the new value.
    cfn.update_stack(StackName="kg-queues", TemplateBody=CFN_QUEUES,
                     Parameters=[{"ParameterKey": "Visibility", "ParameterValue": "60"}])
    cfn.get_waiter("stack_update_complete").wait(StackName="kg-queues", **wait)
    outs2 = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName="kg-queues")["Stacks"][0]["Outputs"]}
    assert outs2["WorkUrl"] == url
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])["Attributes"] == {
        "VisibilityTimeout": "60"}

    cfn.delete_stack(StackName="kg-queues")
    cfn.get_waiter("stack_delete_complete").wait(StackName="kg-queues", **wait)
    left = sqs.list_queues(QueueNamePrefix="kg-queues-").get("QueueUrls", []) + \
        sqs.list_queues(QueueNamePrefix="kg-cfn-dlq").get("QueueUrls", [])
    assert left == []


def test_cloudwatch_has_the_queues_metrics(region, sqs):
    url = sqs.create_queue(QueueName="kg-metrics")["QueueUrl"]
    for i in range(3):
        sqs.send_message(QueueUrl=url, MessageBody=f"m{i}")
    got = sqs.receive_message(QueueUrl=url)["Messages"][0]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=got["ReceiptHandle"])
    sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0)
    cw = region.client("cloudwatch")
    dims = [{"Name": "QueueName", "Value": "kg-metrics"}]

    def stat(name, statistic):
        now = time.time()
        pts = cw.get_metric_statistics(Namespace="AWS/SQS", MetricName=name, Dimensions=dims, StartTime=now - 120,
                                       EndTime=now + 60, Period=60, Statistics=[statistic])["Datapoints"]
        return sum(p[statistic] for p in pts) if statistic == "Sum" else max((p[statistic] for p in pts), default=None)

    hg.wait_until(lambda: stat("NumberOfMessagesSent", "Sum") == 3, timeout=20, interval=0.5,
                  what="NumberOfMessagesSent to reach 3")
    hg.wait_until(lambda: stat("ApproximateNumberOfMessagesVisible", "Maximum") == 2, timeout=20, interval=0.5,
                  what="2 visible messages")
    # Reported every few seconds: what happened after the third send may be in a later report.
    hg.wait_until(lambda: stat("NumberOfMessagesDeleted", "Sum") == 1, timeout=20, interval=0.5, what="1 deleted")
    hg.wait_until(lambda: stat("NumberOfMessagesReceived", "Sum") == 3, timeout=20, interval=0.5, what="3 received")
    names = {m["MetricName"] for m in cw.list_metrics(Namespace="AWS/SQS", Dimensions=dims)["Metrics"]}
    assert {"ApproximateAgeOfOldestMessage", "NumberOfEmptyReceives", "SentMessageSize"} <= names
