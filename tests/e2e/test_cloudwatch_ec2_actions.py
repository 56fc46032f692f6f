"""CloudWatch alarm actions on EC2: an alarm on an instance's measured CPU stops, reboots or
terminates that instance (`arn:aws:automate:<region>:ec2:<action>`), as AWS's EC2 actions do."""

from __future__ import annotations

import pytest

import hg

REGION = "ap-northeast-2"


@pytest.fixture(scope="module")
def kg(region, tmp_path_factory):
    bundle = hg.kg_ami_bundle(tmp_path_factory.mktemp("kg-ami"))
    ec2 = region.client("ec2")
    ami = ec2.register_image(Name="KG-Ami", ImageLocation=str(bundle))["ImageId"]
    ns = type("KG", (), {})()
    ns.region, ns.ec2, ns.cw, ns.ami = region, ec2, region.client("cloudwatch"), ami
    return ns


def launch(kg) -> str:
    iid = kg.ec2.run_instances(ImageId=kg.ami, InstanceType="t2.micro", MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
    hg.wait_until(lambda: state(kg, iid) == "running", timeout=20, interval=0.2, what="running")
    return iid


def state(kg, iid) -> str:
    return kg.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["State"]["Name"]


def alarm_on(kg, iid, action: str, name: str):
    # CPU ≥ 0 % is true of every datapoint: the alarm fires on the first one.
    kg.cw.put_metric_alarm(AlarmName=name, Namespace="AWS/EC2", MetricName="CPUUtilization",
                           Dimensions=[{"Name": "InstanceId", "Value": iid}], Statistic="Average", Period=10,
                           EvaluationPeriods=1, Threshold=0.0, ComparisonOperator="GreaterThanOrEqualToThreshold",
                           AlarmActions=[f"arn:aws:automate:{REGION}:ec2:{action}"])


@pytest.mark.parametrize("action,final", [("stop", "stopped"), ("terminate", "terminated")])
def test_an_alarm_stops_or_terminates_its_instance(kg, action, final):
    iid = launch(kg)
    alarm_on(kg, iid, action, f"cpu-{action}")
    hg.wait_until(lambda: state(kg, iid) == final, timeout=30, interval=0.3, what=f"the instance {final}")
    hist = kg.cw.describe_alarm_history(AlarmName=f"cpu-{action}", HistoryItemType="Action")["AlarmHistoryItems"]
    assert any(h["HistorySummary"] == f"Successfully executed action arn:aws:automate:{REGION}:ec2:{action}"
               for h in hist), hist
    kg.cw.delete_alarms(AlarmNames=[f"cpu-{action}"])
    if final == "stopped":
        kg.ec2.terminate_instances(InstanceIds=[iid])


def test_an_ec2_action_without_an_instance_dimension_is_a_failed_action(kg):
    kg.cw.put_metric_data(Namespace="KG", MetricData=[{"MetricName": "Viewers", "Value": 5.0}])
    kg.cw.put_metric_alarm(AlarmName="no-instance", Namespace="KG", MetricName="Viewers", Statistic="Average",
                           Period=10, EvaluationPeriods=1, Threshold=1.0, ComparisonOperator="GreaterThanThreshold",
                           AlarmActions=[f"arn:aws:automate:{REGION}:ec2:stop"])
    hg.wait_until(lambda: kg.cw.describe_alarm_history(AlarmName="no-instance", HistoryItemType="Action")
                  ["AlarmHistoryItems"], timeout=20, interval=0.3, what="the action is recorded")
    h = kg.cw.describe_alarm_history(AlarmName="no-instance", HistoryItemType="Action")["AlarmHistoryItems"][0]
    assert h["HistorySummary"].startswith(f"Failed to execute action arn:aws:automate:{REGION}:ec2:stop"), h
    assert "InstanceId dimension" in h["HistorySummary"]
