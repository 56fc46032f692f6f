"""CloudWatch composite alarms and metric math through boto3: a composite alarm follows its
children (set with SetAlarmState) through the evaluator, with history and actions; bad rules
and unknown children get AWS's ValidationError; GetMetricData evaluates expressions over
MetricStat queries, honours ReturnData, and pages with MaxDatapoints/NextToken in either
ScanBy order."""

from __future__ import annotations

import json
import time

import hg


def state(cw, name, types=("CompositeAlarm",)):
    out = cw.describe_alarms(AlarmNames=[name], AlarmTypes=list(types))
    return (out["CompositeAlarms"] + out["MetricAlarms"])[0]


def wait_state(cw, name, want):
    return hg.wait_until(lambda: (lambda a: a if a["StateValue"] == want else None)(state(cw, name)),
                         timeout=5, interval=0.1, what=f"{name} in {want}")


def child(cw, name):
    cw.put_metric_alarm(AlarmName=name, Namespace="KG/Web", MetricName=name, Statistic="Maximum", Period=60,
                        EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanThreshold")


def put(cw, name, value):
    cw.put_metric_data(Namespace="KG/Web", MetricData=[{"MetricName": name, "Value": value}])


def test_composite_alarm_follows_its_children(region):
    cw = region.client("cloudwatch")
    sns = region.client("sns")
    topic = sns.create_topic(Name="kg-composite")["TopicArn"]
    child(cw, "CPUUtilizationTooHigh")
    child(cw, "DeploymentInProgress")
    cpu_arn = cw.describe_alarms(AlarmNames=["CPUUtilizationTooHigh"])["MetricAlarms"][0]["AlarmArn"]
    put(cw, "DeploymentInProgress", 0)
    cw.put_composite_alarm(AlarmName="KG-Composite", AlarmActions=[topic],
                           AlarmRule=f'ALARM("{cpu_arn}") AND NOT ALARM(DeploymentInProgress)')
    # Only metric alarms without AlarmTypes, as in AWS.
    assert cw.describe_alarms(AlarmNames=["KG-Composite"])["CompositeAlarms"] == []
    wait_state(cw, "KG-Composite", "OK")

    put(cw, "CPUUtilizationTooHigh", 90)
    a = wait_state(cw, "KG-Composite", "ALARM")
    assert a["AlarmRule"].endswith("AND NOT ALARM(DeploymentInProgress)")
    assert a["StateReason"].startswith(f"{cpu_arn} transitioned to ALARM at ")
    assert json.loads(a["StateReasonData"])["triggeringAlarms"][0]["arn"] == cpu_arn
    # A maintenance window suppresses it.
    put(cw, "DeploymentInProgress", 5)
    wait_state(cw, "KG-Composite", "OK")

    hist = cw.describe_alarm_history(AlarmName="KG-Composite", AlarmTypes=["CompositeAlarm"])["AlarmHistoryItems"]
    assert all(h["AlarmType"] == "CompositeAlarm" for h in hist)
    summaries = [h["HistorySummary"] for h in hist]
    assert "Alarm updated from OK to ALARM" in summaries and "Alarm updated from ALARM to OK" in summaries
    assert f"Successfully executed action {topic}" in summaries

    # SetAlarmState on a child is seen by the composite within the same call (the child's
    # next evaluation takes it back to ALARM, and the composite to OK, a moment later).
    cw.set_alarm_state(AlarmName="DeploymentInProgress", StateValue="OK", StateReason="done")
    hist = cw.describe_alarm_history(AlarmName="KG-Composite", AlarmTypes=["CompositeAlarm"],
                                     HistoryItemType="StateUpdate")["AlarmHistoryItems"]
    assert [h["HistorySummary"] for h in hist].count("Alarm updated from OK to ALARM") == 2

    # Composite of a composite, and TRUE.
    cw.put_composite_alarm(AlarmName="KG-Outer", AlarmRule="OK(KG-Composite) AND TRUE")
    wait_state(cw, "KG-Outer", "ALARM")
    both = cw.describe_alarms(AlarmTypes=["CompositeAlarm", "MetricAlarm"])
    assert {a["AlarmName"] for a in both["CompositeAlarms"]} == {"KG-Composite", "KG-Outer"}
    assert "CPUUtilizationTooHigh" in {a["AlarmName"] for a in both["MetricAlarms"]}

    cw.delete_alarms(AlarmNames=["KG-Outer", "KG-Composite"])
    assert cw.describe_alarms(AlarmTypes=["CompositeAlarm"])["CompositeAlarms"] == []


def test_bad_composite_rules_get_aws_errors(region):
    cw = region.client("cloudwatch")
    child(cw, "Known")
    for rule, message in [
        ("()", "Error in AlarmRule [Unsupported token ')' at char 1]"),
        ("ALARM(SampleQueue Oldest)", "Error in AlarmRule [Unsupported token 'Oldest' at char 18, must be: ')']"),
        ("ALARM(Known) OR ALARM(Nope) OR OK(Gone)",
         "Could not save the composite alarm as alarms [Nope, Gone] in the alarm rule do not exist"),
    ]:
        code, msg, status = hg.expect_client_error(cw.put_composite_alarm, AlarmName="Bad", AlarmRule=rule)
        assert (code, msg, status) == ("ValidationError", message, 400), rule


def test_get_metric_data_math_return_data_and_pages(region):
    cw = region.client("cloudwatch")
    t0 = (int(time.time()) // 60) * 60 - 600
    data = []
    for k in range(10):
        data.append({"MetricName": "Errors", "Timestamp": t0 + 60 * k, "Value": float(k)})
        data.append({"MetricName": "Requests", "Timestamp": t0 + 60 * k, "Value": 100.0})
    cw.put_metric_data(Namespace="KG/Math", MetricData=data)

    def stat(i, name):
        return {"Id": i, "ReturnData": False,
                "MetricStat": {"Metric": {"Namespace": "KG/Math", "MetricName": name}, "Period": 60, "Stat": "Sum"}}

    queries = [stat("errors", "Errors"), stat("requests", "Requests"),
               {"Id": "rate", "Expression": "errors / requests * 100", "Label": "Error rate"},
               {"Id": "total", "Expression": "SUM(METRICS())"},
               {"Id": "growth", "Expression": "DIFF(errors)"}]
    out = cw.get_metric_data(MetricDataQueries=queries, StartTime=t0, EndTime=t0 + 600,
                             ScanBy="TimestampAscending")
    res = {r["Id"]: r for r in out["MetricDataResults"]}
    assert set(res) == {"rate", "total", "growth"}  # ReturnData False hides the inputs
    assert res["rate"]["Label"] == "Error rate"
    assert [round(v, 9) for v in res["rate"]["Values"]] == [float(k) for k in range(10)]
    assert res["total"]["Values"] == [100.0 + k for k in range(10)]
    assert res["growth"]["Values"] == [1.0] * 9
    assert res["rate"]["Timestamps"][0].timestamp() == t0

    # Pages of 7 datapoints, newest first, until NextToken runs out: every point once.
    seen, token, pages = [], None, 0
    while True:
        kw = {"NextToken": token} if token else {}
        page = cw.get_metric_data(MetricDataQueries=queries[:3], StartTime=t0, EndTime=t0 + 600,
                                  MaxDatapoints=7, ScanBy="TimestampDescending", **kw)
        pages += 1
        for r in page["MetricDataResults"]:
            assert len(r["Values"]) <= 7
            seen += list(zip(r["Timestamps"], r["Values"]))
        token = page.get("NextToken")
        if not token:
            break
    assert pages == 2 and len(seen) == 10
    assert [round(v, 9) for _, v in seen] == [float(k) for k in reversed(range(10))]

    for expr, message in [("errors +", "Error in expression 'bad' [Unexpected end of expression]"),
                          ("nope * 2", "Error in expression 'bad' [Unrecognized identifier 'nope']"),
                          ("FOO(errors)", "Error in expression 'bad' [Unrecognized function 'FOO']")]:
        code, msg, _ = hg.expect_client_error(cw.get_metric_data, StartTime=t0, EndTime=t0 + 600,
                                              MetricDataQueries=queries[:2] + [{"Id": "bad", "Expression": expr}])
        assert (code, msg) == ("ValidationError", message), expr


def test_metric_math_alarm(region):
    cw = region.client("cloudwatch")
    m1 = {"Id": "m1", "ReturnData": False,
          "MetricStat": {"Metric": {"Namespace": "KG/Math", "MetricName": "Queue"}, "Period": 10, "Stat": "Maximum"}}
    e1 = {"Id": "e1", "Expression": "m1 * 2", "Label": "Doubled", "ReturnData": True}
    cw.put_metric_alarm(AlarmName="KG-Math", Metrics=[m1, e1], EvaluationPeriods=1, Threshold=100,
                        ComparisonOperator="GreaterThanThreshold")
    a = cw.describe_alarms(AlarmNames=["KG-Math"])["MetricAlarms"][0]
    assert [m["Id"] for m in a["Metrics"]] == ["m1", "e1"] and "MetricName" not in a
    cw.put_metric_data(Namespace="KG/Math", MetricData=[{"MetricName": "Queue", "Value": 60}])
    hg.wait_until(lambda: cw.describe_alarms(AlarmNames=["KG-Math"])["MetricAlarms"][0]["StateValue"] == "ALARM",
                  timeout=5, interval=0.1, what="the math alarm in ALARM")

    code, msg, _ = hg.expect_client_error(cw.put_metric_alarm, AlarmName="KG-Math2", EvaluationPeriods=1,
                                          Threshold=1, ComparisonOperator="GreaterThanThreshold",
                                          Metrics=[dict(m1, ReturnData=True), e1])
    assert (code, msg) == ("ValidationError", "Exactly one element of the metrics list should return data.")


def test_aws_query_protocol_is_served(region):
    """Older SDKs speak awsQuery to CloudWatch (form parameters, XML answers)."""
    body = hg.query_body({"Action": "PutMetricData", "Version": "2010-08-01", "Namespace": "KG/Query",
                          "MetricData.member.1.MetricName": "Hits", "MetricData.member.1.Value": "3"})
    r = region.raw(body, service="monitoring")
    assert r.status == 200 and "<PutMetricDataResponse" in r.text
    body = hg.query_body({"Action": "ListMetrics", "Version": "2010-08-01", "Namespace": "KG/Query"})
    r = region.raw(body, service="monitoring")
    assert r.status == 200 and "<MetricName>Hits</MetricName>" in r.text
