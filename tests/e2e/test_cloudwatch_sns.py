"""CloudWatch and SNS through the real aws CLI and boto3: the customer's monitoring story.
A real SMTP server (aiosmtpd) receives the subscription confirmation mail, whose link confirms
the subscription; custom metrics round-trip through CBOR (boto3) and the CLI; an alarm with a
10-second period goes to ALARM on breaching data, its mail arrives, its history shows the
transition and the action; an HTTP subscriber verifies every signature independently."""

from __future__ import annotations

import base64
import json
import re
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

import hg
from smtp_box import body


@pytest.fixture(scope="module")
def cw_region(smtp, tmp_path_factory):
    r = hg.Region(tmp_path_factory.mktemp("cw"), extra_args=smtp.region_args())
    r.start()
    yield r
    r.close()


def test_email_subscription_is_confirmed_through_the_mailed_link(cw_region, smtp):
    sns = cw_region.client("sns")
    arn = sns.create_topic(Name="KGSNS_Topic")["TopicArn"]
    assert arn.endswith(":KGSNS_Topic")
    out = sns.subscribe(TopicArn=arn, Protocol="email", Endpoint="ops@kg.example")
    assert out["SubscriptionArn"] == "pending confirmation"
    mail = smtp.wait_for(lambda m: m["Subject"] == "AWS Notification - Subscription Confirmation"
                         and "ops@kg.example" in m["To"], what="the confirmation mail")
    text = body(mail)
    assert arn in text
    link = re.search(r"(http://\S+/sns/confirm\?\S+)", text).group(1)
    with urllib.request.urlopen(link, timeout=5) as r:
        assert r.status == 200
        assert "Subscription confirmed" in r.read().decode()
    subs = sns.list_subscriptions_by_topic(TopicArn=arn)["Subscriptions"]
    assert len(subs) == 1 and subs[0]["Protocol"] == "email"
    assert subs[0]["SubscriptionArn"].startswith(arn + ":")
    attrs = sns.get_subscription_attributes(SubscriptionArn=subs[0]["SubscriptionArn"])["Attributes"]
    assert attrs["PendingConfirmation"] == "false"
    # A published message arrives with an unsubscribe link.
    sns.publish(TopicArn=arn, Subject="KG SPORTS", Message="Live scores are up")
    m = smtp.wait_for(lambda m: m["Subject"] == "KG SPORTS", what="the published mail")
    assert "Live scores are up" in body(m) and "/sns/unsubscribe?" in body(m)


def test_metric_round_trip_cbor_and_cli(cw_region):
    cw = cw_region.client("cloudwatch")
    assert cw._service_model.protocol in ("smithy-rpc-v2-cbor", "json", "query")
    now = time.time()
    cw.put_metric_data(Namespace="KG/Web", MetricData=[
        {"MetricName": "Latency", "Dimensions": [{"Name": "Page", "Value": "home"}], "Value": v, "Unit": "Milliseconds",
         "Timestamp": now - 5} for v in (10, 20, 30)] + [
        {"MetricName": "Latency", "Dimensions": [{"Name": "Page", "Value": "home"}], "Values": [40, 50], "Counts": [1, 1],
         "Unit": "Milliseconds", "Timestamp": now - 5}])
    out = cw.get_metric_statistics(Namespace="KG/Web", MetricName="Latency",
                                   Dimensions=[{"Name": "Page", "Value": "home"}], StartTime=now - 60, EndTime=now + 60,
                                   Period=60, Statistics=["SampleCount", "Average", "Maximum", "Minimum", "Sum"])
    pts = out["Datapoints"]
    assert sum(p["SampleCount"] for p in pts) == 5
    assert max(p["Maximum"] for p in pts) == 50 and min(p["Minimum"] for p in pts) == 10
    assert sum(p["Sum"] for p in pts) == 150
    assert all(p["Unit"] == "Milliseconds" for p in pts)
    # Percentiles in a call of their own: AWS refuses Statistics and ExtendedStatistics together.
    out = cw.get_metric_statistics(Namespace="KG/Web", MetricName="Latency",
                                   Dimensions=[{"Name": "Page", "Value": "home"}], StartTime=now - 60, EndTime=now + 60,
                                   Period=60, ExtendedStatistics=["p50"])
    assert out["Datapoints"] and all("p50" in p["ExtendedStatistics"] for p in out["Datapoints"])
    # Through the aws CLI (its own protocol choice).
    hg_out = cw_region.aws("cloudwatch", "put-metric-data", "--namespace", "KG/Web", "--metric-name", "Visits",
                           "--value", "7", check=True)
    del hg_out
    stats = cw_region.aws("cloudwatch", "get-metric-statistics", "--namespace", "KG/Web", "--metric-name", "Visits",
                          "--start-time", str(int(now - 120)), "--end-time", str(int(now + 120)), "--period", "60",
                          "--statistics", "Sum")
    assert sum(p["Sum"] for p in stats["Datapoints"]) == 7
    names = {m["MetricName"] for m in cw.list_metrics(Namespace="KG/Web")["Metrics"]}
    assert names == {"Latency", "Visits"}
    res = cw.get_metric_data(StartTime=now - 60, EndTime=now + 60, MetricDataQueries=[
        {"Id": "v", "MetricStat": {"Metric": {"Namespace": "KG/Web", "MetricName": "Visits"}, "Period": 60, "Stat": "Sum"}}])
    assert sum(res["MetricDataResults"][0]["Values"]) == 7


def test_bad_input_gets_aws_codes(cw_region):
    cw = cw_region.client("cloudwatch")
    code, _, status = hg.expect_client_error(cw.put_metric_data, Namespace="AWS/EC2",
                                             MetricData=[{"MetricName": "x", "Value": 1}])
    assert (code, status) == ("InvalidParameterValue", 400)
    code, _, _ = hg.expect_client_error(cw.put_metric_data, Namespace="KG",
                                        MetricData=[{"MetricName": "x", "Value": 1,
                                                     "StatisticValues": {"SampleCount": 1, "Sum": 1, "Minimum": 1, "Maximum": 1}}])
    assert code == "InvalidParameterCombination"
    code, _, _ = hg.expect_client_error(cw.put_metric_data, Namespace="KG",
                                        MetricData=[{"MetricName": "x", "Value": 1}] * 1001)
    assert code == "InvalidParameterValue"
    code, _, _ = hg.expect_client_error(cw.put_metric_alarm, AlarmName="bad", Namespace="KG", MetricName="x",
                                        Statistic="Average", Period=45, EvaluationPeriods=1, Threshold=1,
                                        ComparisonOperator="GreaterThanThreshold")
    assert code == "ValidationError"
    code, _, _ = hg.expect_client_error(cw.set_alarm_state, AlarmName="nope", StateValue="OK", StateReason="x")
    assert code == "ResourceNotFound"
    sns = cw_region.client("sns")
    code, _, status = hg.expect_client_error(sns.publish, TopicArn=f"arn:aws:sns:{cw_region.region_name}:{cw_region.account}:Nope", Message="m")
    assert (code, status) == ("NotFound", 404)
    topic = sns.create_topic(Name="Bad")["TopicArn"]
    code, _, _ = hg.expect_client_error(sns.subscribe, TopicArn=topic, Protocol="sms2", Endpoint="x")
    assert code == "InvalidParameter"


def test_alarm_on_a_custom_metric_fires_mails_and_recovers(cw_region, smtp):
    sns = cw_region.client("sns")
    cw = cw_region.client("cloudwatch")
    topic = sns.create_topic(Name="KGSNS_Topic")["TopicArn"]
    subs = sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
    assert any(s["SubscriptionArn"] != "PendingConfirmation" for s in subs), "needs the confirmed e-mail subscription"
    dims = [{"Name": "Page", "Value": "live"}]
    cw.put_metric_alarm(AlarmName="KG-LiveLatency", Namespace="KG/Web", MetricName="LiveLatency", Dimensions=dims,
                        Statistic="Average", Period=10, EvaluationPeriods=1, Threshold=70,
                        ComparisonOperator="GreaterThanThreshold", AlarmActions=[topic], OKActions=[topic],
                        TreatMissingData="missing")
    a = cw.describe_alarms(AlarmNames=["KG-LiveLatency"])["MetricAlarms"][0]
    assert a["StateValue"] == "INSUFFICIENT_DATA"

    cw.put_metric_data(Namespace="KG/Web", MetricData=[{"MetricName": "LiveLatency", "Dimensions": dims, "Value": 85.3}])
    t0 = time.monotonic()
    a = hg.wait_until(lambda: (lambda x: x if x["StateValue"] == "ALARM" else None)(
        cw.describe_alarms(AlarmNames=["KG-LiveLatency"])["MetricAlarms"][0]), timeout=15, interval=0.2, what="ALARM")
    assert time.monotonic() - t0 < 12
    assert a["StateReason"].startswith("Threshold Crossed: 1 out of the last 1 datapoints [85.3 (")
    assert a["StateReason"].endswith("was greater than the threshold (70.0) (minimum 1 datapoint for INSUFFICIENT_DATA -> ALARM transition).")
    assert json.loads(a["StateReasonData"])["recentDatapoints"] == [85.3]

    mail = smtp.wait_for(lambda m: m["Subject"] == f'ALARM: "KG-LiveLatency" in Asia Pacific (Seoul)', what="the alarm mail")
    doc = json.loads(body(mail).split("\n\n--\n")[0])
    assert doc["NewStateValue"] == "ALARM" and doc["AlarmName"] == "KG-LiveLatency"
    assert doc["Trigger"]["Threshold"] == 70.0

    hist = cw.describe_alarm_history(AlarmName="KG-LiveLatency")["AlarmHistoryItems"]
    types = [h["HistoryItemType"] for h in hist]
    assert "StateUpdate" in types and "Action" in types and "ConfigurationUpdate" in types
    assert any(h["HistorySummary"] == "Alarm updated from INSUFFICIENT_DATA to ALARM" for h in hist)
    assert any(h["HistorySummary"] == f"Successfully executed action {topic}" for h in hist)
    assert cw.describe_alarms_for_metric(Namespace="KG/Web", MetricName="LiveLatency", Dimensions=dims)["MetricAlarms"]

    # OK data: the next period is within the threshold.
    def push_ok():
        cw.put_metric_data(Namespace="KG/Web", MetricData=[{"MetricName": "LiveLatency", "Dimensions": dims, "Value": 12.0}])
        return cw.describe_alarms(AlarmNames=["KG-LiveLatency"])["MetricAlarms"][0]["StateValue"] == "OK"
    hg.wait_until(push_ok, timeout=30, interval=1.0, what="OK")
    smtp.wait_for(lambda m: m["Subject"] == f'OK: "KG-LiveLatency" in Asia Pacific (Seoul)', what="the OK mail")

    cw.set_alarm_state(AlarmName="KG-LiveLatency", StateValue="ALARM", StateReason="testing")
    hist = cw.describe_alarm_history(AlarmName="KG-LiveLatency", HistoryItemType="StateUpdate")["AlarmHistoryItems"]
    manual = [h for h in hist if json.loads(h["HistoryData"])["newState"]["stateReason"] == "testing"]
    assert manual and manual[0]["HistorySummary"] == "Alarm updated from OK to ALARM"
    # As in CloudWatch, the next evaluation puts the alarm back where its data says.
    cw.delete_alarms(AlarmNames=["KG-LiveLatency"])
    assert cw.describe_alarms(AlarmNames=["KG-LiveLatency"])["MetricAlarms"] == []


class Subscriber(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        n = int(self.headers["Content-Length"])
        doc = json.loads(self.rfile.read(n))
        Subscriber.received.append((dict(self.headers), doc))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *a):
        pass


def verify(doc: dict) -> bool:
    """An independent SignatureVersion 1 check, as SNS message validators do it."""
    fields = (["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"] if doc["Type"] == "Notification"
              else ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"])
    text = "".join(f"{k}\n{doc[k]}\n" for k in fields if k in doc)
    with urllib.request.urlopen(doc["SigningCertURL"], timeout=5) as r:
        cert = x509.load_pem_x509_certificate(r.read())
    try:
        cert.public_key().verify(base64.b64decode(doc["Signature"]), text.encode(), padding.PKCS1v15(), hashes.SHA1())
        return True
    except Exception:
        return False


def test_http_subscriber_confirms_and_verifies_signatures(cw_region):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Subscriber)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sns = cw_region.client("sns")
        topic = sns.create_topic(Name="KG-Hooks")["TopicArn"]
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=url)
        headers, conf = hg.wait_until(lambda: next((r for r in Subscriber.received if r[1]["Type"] == "SubscriptionConfirmation"), None),
                                      timeout=15, what="the SubscriptionConfirmation POST")
        assert headers["x-amz-sns-message-type"] == "SubscriptionConfirmation"
        assert verify(conf)
        with urllib.request.urlopen(conf["SubscribeURL"], timeout=5) as r:
            assert r.status == 200
        sns.publish(TopicArn=topic, Message="goal!", Subject="Score",
                    MessageAttributes={"match": {"DataType": "String", "StringValue": "KG-1"}})
        sns.publish(TopicArn=topic, Message="no subject")
        notes = hg.wait_until(lambda: (lambda n: n if len(n) >= 2 else None)(
            [r for r in Subscriber.received if r[1]["Type"] == "Notification"]), timeout=15, what="two notifications")
        for h, doc in notes:
            assert h["x-amz-sns-topic-arn"] == topic and h["x-amz-sns-subscription-arn"].startswith(topic + ":")
            assert verify(doc), doc
        tampered = dict(notes[0][1], Message="forged")
        assert not verify(tampered)
        # SNS does not promise HTTP deliveries in publish order: pick the one with attributes.
        goal = next(doc for _, doc in notes if doc.get("Subject") == "Score")
        assert goal["MessageAttributes"]["match"] == {"Type": "String", "Value": "KG-1"}
    finally:
        server.shutdown()


def test_cpu_alarm_on_a_kg_instance_mails_on_breach_and_on_recovery(cw_region, smtp, tmp_path_factory):
    """The customer's story: a CPU alarm on a KG SPORTS instance, its CPU driven up through the
    app's own /cpu page: OK → ALARM with AWS's alarm mail, then back to OK once the load stops."""
    import http.client

    ec2, cw, sns = cw_region.client("ec2"), cw_region.client("cloudwatch"), cw_region.client("sns")
    ami = ec2.register_image(Name="KG-Ami", ImageLocation=str(hg.kg_ami_bundle(tmp_path_factory.mktemp("ami"))))["ImageId"]
    inst = ec2.run_instances(ImageId=ami, InstanceType="t2.micro", MinCount=1, MaxCount=1)["Instances"][0]
    iid, ip = inst["InstanceId"], inst["PrivateIpAddress"]
    host = "127." + ".".join(ip.split(".")[1:])
    hg.wait_until(lambda: ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["State"]["Name"]
                  == "running", timeout=20, interval=0.2, what="running")
    topic = sns.create_topic(Name="KGSNS_Topic")["TopicArn"]
    subs = sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
    if not any(s["Endpoint"] == "cpu@kg.example" for s in subs):
        sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="cpu@kg.example")
        mail = smtp.wait_for(lambda m: m["Subject"] == "AWS Notification - Subscription Confirmation"
                             and "cpu@kg.example" in m["To"], what="the confirmation mail")
        with urllib.request.urlopen(re.search(r"(http://\S+/sns/confirm\?\S+)", body(mail)).group(1), timeout=5):
            pass
    cw.put_metric_alarm(AlarmName="KG-CPU-High", Namespace="AWS/EC2", MetricName="CPUUtilization",
                        Dimensions=[{"Name": "InstanceId", "Value": iid}], Statistic="Average", Period=10,
                        EvaluationPeriods=1, Threshold=50.0, ComparisonOperator="GreaterThanThreshold",
                        AlarmActions=[topic], OKActions=[topic])
    state = lambda: cw.describe_alarms(AlarmNames=["KG-CPU-High"])["MetricAlarms"][0]["StateValue"]  # noqa: E731
    hg.wait_until(lambda: state() == "OK", timeout=30, interval=0.5, what="OK while idle")
    stop = threading.Event()

    def burn():
        while not stop.is_set():
            c = http.client.HTTPConnection(host, 80, timeout=10)
            c.request("GET", "/cpu?ms=300")
            c.getresponse().read()
            c.close()
    threads = [threading.Thread(target=burn, daemon=True) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        hg.wait_until(lambda: state() == "ALARM", timeout=30, interval=0.5, what="ALARM under load")
    finally:
        stop.set()
        for t in threads:
            t.join()
    mail = smtp.wait_for(lambda m: m["Subject"] == 'ALARM: "KG-CPU-High" in Asia Pacific (Seoul)', what="the alarm mail")
    doc = json.loads(body(mail).split("\n\n--\n")[0])
    assert doc["Trigger"]["MetricName"] == "CPUUtilization" and doc["Trigger"]["Namespace"] == "AWS/EC2"
    assert doc["Trigger"]["Dimensions"] == [{"value": iid, "name": "InstanceId"}]
    assert doc["NewStateReason"].startswith("Threshold Crossed: 1 out of the last 1 datapoints [")
    assert doc["NewStateReason"].endswith("was greater than the threshold (50.0) (minimum 1 datapoint for OK -> ALARM transition).")
    hg.wait_until(lambda: state() == "OK", timeout=40, interval=0.5, what="OK after the load")
    smtp.wait_for(lambda m: m["Subject"] == 'OK: "KG-CPU-High" in Asia Pacific (Seoul)', what="the OK mail")
    hist = cw.describe_alarm_history(AlarmName="KG-CPU-High", HistoryItemType="StateUpdate")["AlarmHistoryItems"]
    summaries = [h["HistorySummary"] for h in hist]
    assert "Alarm updated from OK to ALARM" in summaries and "Alarm updated from ALARM to OK" in summaries
    ec2.terminate_instances(InstanceIds=[iid])


def test_prometheus_exposition_is_opt_in(new_region, cw_region):
    # Without --prometheus, /metrics is just another unsigned request.
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(cw_region.endpoint + "/metrics", timeout=5)
    assert e.value.code in (400, 403)
    r = new_region("--prometheus")
    cw = r.client("cloudwatch")
    cw.put_metric_data(Namespace="KG/Web", MetricData=[
        {"MetricName": "LiveViewers", "Dimensions": [{"Name": "Match", "Value": "UCL-R16"}], "Value": 41250.0}])
    with urllib.request.urlopen(r.endpoint + "/metrics", timeout=5) as resp:
        assert resp.status == 200 and resp.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        text = resp.read().decode()
    assert "# TYPE kg_web_live_viewers_average gauge" in text
    assert 'kg_web_live_viewers_average{match="UCL-R16"} 41250' in text
