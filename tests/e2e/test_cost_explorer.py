"""Cost Explorer over what really ran, through the real aws CLI and boto3: instances launched and
terminated here cost exactly their seconds between LaunchTime and the termination EC2 recorded
(its StateTransitionReason, "User initiated (YYYY-MM-DD hh:mm:ss GMT)"), × AWS's on-demand
price, in DAILY and HOURLY buckets and by INSTANCE_TYPE; bad input is CE's ValidationException
(HTTP 400); forecasts; and `homeground report match-day` over a day with an Auto Scaling group
that scaled out behind a load balancer that served requests.

Exactness: EC2 keeps launch and stop/terminate times in whole seconds, and Cost Explorer's
amounts are written with 10 decimals, so instance-hours are compared within 1e-9 h (a
rounding of the last decimal; 3.6 µs): to the second, exactly."""

from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import pytest

import hg

EC2 = "Amazon Elastic Compute Cloud - Compute"
ELB = "Amazon Elastic Load Balancing"
PRICE = {"t3.micro": 0.0104, "t2.micro": 0.0116}  # AWS's us-east-1 on-demand, the shipped default
TOLERANCE_HOURS = 1e-9


@pytest.fixture(scope="module")
def kg(region, tmp_path_factory):
    bundle = hg.kg_ami_bundle(tmp_path_factory.mktemp("kg-ami"))
    region.ami = region.aws("ec2", "register-image", "--name", "KG-Ami", "--image-location", str(bundle))["ImageId"]
    region.ec2 = region.client("ec2")
    region.ce = region.client("ce")
    return region


def terminated_at(inst: dict) -> datetime:
    """The time EC2 recorded for the terminate request, from StateTransitionReason."""
    m = re.search(r"\((\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) GMT\)", inst["StateTransitionReason"])
    assert m, inst["StateTransitionReason"]
    return datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)


def day(t: datetime) -> str:
    return t.strftime("%Y-%m-%d")


def hour(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:00:00Z")


def cli_ce(kg, *args):
    return kg.aws("ce", *args, "--endpoint-url", kg.endpoint)


def amount(metrics: dict, name: str) -> float:
    return float(metrics[name]["Amount"])


@pytest.fixture(scope="module")
def ran(kg):
    """Three instances (two t3.micro through the CLI, one t2.micro through boto3), each
    terminated a few seconds apart; returns {id: (type, launch, end)} once all are terminated."""
    out = kg.aws("ec2", "run-instances", "--image-id", kg.ami, "--instance-type", "t3.micro", "--count", "2",
                 "--tag-specifications", "ResourceType=instance,Tags=[{Key=team,Value=web}]")["Instances"]
    ids = [i["InstanceId"] for i in out]
    ids.append(kg.ec2.run_instances(ImageId=kg.ami, InstanceType="t2.micro", MinCount=1, MaxCount=1)
               ["Instances"][0]["InstanceId"])
    for n, iid in enumerate(ids):
        time.sleep(1.5 + n)
        kg.aws("ec2", "terminate-instances", "--instance-ids", iid)

    def all_terminated():
        r = kg.ec2.describe_instances(InstanceIds=ids)["Reservations"]
        insts = [i for res in r for i in res["Instances"]]
        return insts if all(i["State"]["Name"] == "terminated" for i in insts) else None
    insts = hg.wait_until(all_terminated, timeout=30, what="instances terminated")
    return {i["InstanceId"]: (i["InstanceType"], i["LaunchTime"], terminated_at(i)) for i in insts}


def expected_hours(ran, lo: datetime, hi: datetime, type_=None) -> float:
    secs = 0.0
    for t, a, b in ran.values():
        if type_ is None or t == type_:
            secs += max(0.0, (min(b, hi) - max(a, lo)).total_seconds())
    return secs / 3600


def test_daily_instance_hours_are_the_seconds_launch_to_termination(kg, ran):
    first = min(a for _, a, _ in ran.values())
    last = max(b for _, _, b in ran.values())
    start = first.replace(hour=0, minute=0, second=0, microsecond=0)
    end = last.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    assert all(b > a for _, a, b in ran.values())
    got = cli_ce(kg, "get-cost-and-usage", "--time-period", f"Start={day(start)},End={day(end)}",
                 "--granularity", "DAILY", "--metrics", "UsageQuantity", "UnblendedCost",
                 "--filter", json.dumps({"Dimensions": {"Key": "SERVICE", "Values": [EC2]}}))
    days = got["ResultsByTime"]
    assert [d["TimePeriod"]["Start"] for d in days][0] == day(start)
    hours = sum(amount(d["Total"], "UsageQuantity") for d in days)
    cost = sum(amount(d["Total"], "UnblendedCost") for d in days)
    want = expected_hours(ran, start, end)
    assert want > 0
    assert abs(hours - want) <= TOLERANCE_HOURS * len(days), (hours, want)
    want_cost = sum(expected_hours(ran, start, end, t) * p for t, p in PRICE.items())
    assert abs(cost - want_cost) <= 1e-9 * len(days), (cost, want_cost)
    assert days[0]["Total"]["UnblendedCost"]["Unit"] == "USD"


def test_hourly_buckets_split_at_the_hour(kg, ran):
    first = min(a for _, a, _ in ran.values()).replace(minute=0, second=0, microsecond=0)
    end = max(b for _, _, b in ran.values()).replace(minute=0, second=0, microsecond=0) + timedelta(hours=2)
    got = kg.ce.get_cost_and_usage(TimePeriod={"Start": hour(first), "End": hour(end)}, Granularity="HOURLY",
                                   Metrics=["UsageQuantity"],
                                   Filter={"Dimensions": {"Key": "SERVICE", "Values": [EC2]}})
    buckets = got["ResultsByTime"]
    assert len(buckets) == int((end - first).total_seconds() // 3600)
    for b in buckets:
        lo = datetime.strptime(b["TimePeriod"]["Start"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        hi = datetime.strptime(b["TimePeriod"]["End"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        assert hi - lo == timedelta(hours=1)
        assert abs(amount(b["Total"], "UsageQuantity") - expected_hours(ran, lo, hi)) <= TOLERANCE_HOURS, b
    total = sum(amount(b["Total"], "UsageQuantity") for b in buckets)
    assert total > 0 and abs(total - expected_hours(ran, first, end)) <= TOLERANCE_HOURS * len(buckets)
    # The last bucket is after every termination: nothing in it.
    assert amount(buckets[-1]["Total"], "UsageQuantity") == 0


def test_group_by_instance_type(kg, ran):
    start = min(a for _, a, _ in ran.values()).replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + timedelta(days=2)
    got = kg.ce.get_cost_and_usage(TimePeriod={"Start": day(start), "End": day(end)}, Granularity="MONTHLY",
                                   Metrics=["UsageQuantity", "UnblendedCost"],
                                   GroupBy=[{"Type": "DIMENSION", "Key": "INSTANCE_TYPE"}],
                                   Filter={"Dimensions": {"Key": "SERVICE", "Values": [EC2]}})
    assert got["GroupDefinitions"] == [{"Type": "DIMENSION", "Key": "INSTANCE_TYPE"}]
    groups = {}
    for b in got["ResultsByTime"]:
        assert b["Total"] == {}
        for g in b["Groups"]:
            h, c = groups.get(g["Keys"][0], (0.0, 0.0))
            groups[g["Keys"][0]] = (h + amount(g["Metrics"], "UsageQuantity"), c + amount(g["Metrics"], "UnblendedCost"))
    assert set(groups) == {"t3.micro", "t2.micro"}
    for t, (h, c) in groups.items():
        want = expected_hours(ran, start, end, t)
        assert abs(h - want) <= 2 * TOLERANCE_HOURS, (t, h, want)
        assert abs(c - want * PRICE[t]) <= 2e-9, (t, c)


def test_tag_groups_and_service_filter_by_boto3(kg, ran):
    start = min(a for _, a, _ in ran.values()).replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + timedelta(days=2)
    got = kg.ce.get_cost_and_usage(TimePeriod={"Start": day(start), "End": day(end)}, Granularity="DAILY",
                                   Metrics=["UsageQuantity"], GroupBy=[{"Type": "TAG", "Key": "team"}],
                                   Filter={"Dimensions": {"Key": "SERVICE", "Values": [EC2]}})
    teams = {}
    for b in got["ResultsByTime"]:
        for g in b["Groups"]:
            teams[g["Keys"][0]] = teams.get(g["Keys"][0], 0.0) + amount(g["Metrics"], "UsageQuantity")
    assert abs(teams["team$web"] - expected_hours(ran, start, end, "t3.micro")) <= 2 * TOLERANCE_HOURS
    assert abs(teams["team$"] - expected_hours(ran, start, end, "t2.micro")) <= 2 * TOLERANCE_HOURS
    # Another service's filter sees none of it.
    none = kg.ce.get_cost_and_usage(TimePeriod={"Start": day(start), "End": day(end)}, Granularity="DAILY",
                                    Metrics=["UsageQuantity"],
                                    Filter={"Dimensions": {"Key": "SERVICE", "Values": ["Amazon Relational Database Service"]}})
    assert all(amount(b["Total"], "UsageQuantity") == 0 for b in none["ResultsByTime"])


@pytest.mark.parametrize("args, words", [
    (["--time-period", "Start=2026-12-08,End=2026-12-07", "--granularity", "DAILY", "--metrics", "UnblendedCost"],
     "should be before end date"),
    (["--time-period", "Start=2026-02-30,End=2026-03-02", "--granularity", "DAILY", "--metrics", "UnblendedCost"],
     "Start date 2026-02-30 is invalid"),
    (["--time-period", "Start=2026-12-01,End=2026-12-02", "--granularity", "WEEKLY", "--metrics", "UnblendedCost"],
     "Granularity WEEKLY"),
    (["--time-period", "Start=2026-12-01,End=2026-12-02", "--granularity", "DAILY", "--metrics", "Dollars"],
     "Metrics Dollars is not valid"),
])
def test_bad_input_is_a_validation_exception(kg, args, words):
    code, err = kg.aws_fail("ce", "get-cost-and-usage", *args, "--endpoint-url", kg.endpoint)
    assert "(ValidationException)" in err and words in err, err
    with pytest.raises(Exception) as e:
        kw = dict(zip(args[::2], args[1::2]))
        s, en = kw["--time-period"].replace("Start=", "").replace("End=", "").split(",")
        kg.ce.get_cost_and_usage(TimePeriod={"Start": s, "End": en}, Granularity=kw["--granularity"],
                                 Metrics=[kw["--metrics"]])
    code, message, status = hg.client_error(e.value)
    assert (code, status) == ("ValidationException", 400), (code, message, status)


def test_forecast(kg, ran):
    # History exists (the instances above): a forecast of the next days.
    today = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    tomorrow, after = today + timedelta(days=1), today + timedelta(days=3)
    f = kg.ce.get_cost_forecast(TimePeriod={"Start": day(tomorrow), "End": day(after)}, Metric="UNBLENDED_COST",
                                Granularity="DAILY")
    assert [r["TimePeriod"]["Start"] for r in f["ForecastResultsByTime"]] == [day(tomorrow), day(tomorrow + timedelta(days=1))]
    total = float(f["Total"]["Amount"])
    assert total > 0 and f["Total"]["Unit"] == "USD"
    for r in f["ForecastResultsByTime"]:
        assert float(r["PredictionIntervalLowerBound"]) <= float(r["MeanValue"]) <= float(r["PredictionIntervalUpperBound"])
    cli = cli_ce(kg, "get-cost-forecast", "--time-period", f"Start={day(tomorrow)},End={day(after)}",
                 "--metric", "UNBLENDED_COST", "--granularity", "MONTHLY")
    # (The rate is learnt up to the call's own second, so two calls differ a little.)
    assert float(cli["Total"]["Amount"]) > 0 and cli["Total"]["Unit"] == "USD"
    assert cli["ForecastResultsByTime"][0]["TimePeriod"]["Start"] == day(tomorrow)
    # A period wholly past: no data; one that starts before today: invalid; usage is no cost metric.
    past = (day(today - timedelta(days=5)), day(today - timedelta(days=3)))
    for period, metric, want in [(past, "UNBLENDED_COST", "DataUnavailableException"),
                                 ((day(today - timedelta(days=1)), day(after)), "UNBLENDED_COST", "ValidationException"),
                                 ((day(tomorrow), day(after)), "USAGE_QUANTITY", "ValidationException")]:
        code, _, status = hg.expect_client_error(kg.ce.get_cost_forecast, TimePeriod={"Start": period[0], "End": period[1]},
                                                 Metric=metric, Granularity="DAILY")
        assert (code, status) == (want, 400), (period, metric, code)
    # A service that never ran has no history to forecast from.
    code, msg, status = hg.expect_client_error(
        kg.ce.get_cost_forecast, TimePeriod={"Start": day(tomorrow), "End": day(after)}, Metric="UNBLENDED_COST",
        Granularity="DAILY", Filter={"Dimensions": {"Key": "SERVICE", "Values": ["Amazon Relational Database Service"]}})
    assert (code, status) == ("DataUnavailableException", 400), msg


def test_iam_decides_ce_calls(kg):
    key = kg.make_user("cost-reader", inline={"ce": hg.policy(hg.allow("ce:GetCostAndUsage"))})
    ce = kg.client("ce", *key)
    today = datetime.now(timezone.utc)
    period = {"Start": day(today), "End": day(today + timedelta(days=1))}
    hg.wait_until(lambda: _allowed(ce, period), timeout=10, what="the user's key works")
    with pytest.raises(Exception) as e:
        ce.get_cost_forecast(TimePeriod=period, Metric="UNBLENDED_COST", Granularity="DAILY")
    code, _, status = hg.client_error(e.value)
    assert (code, status) == ("AccessDeniedException", 400), (code, status)
    request_id = e.value.response["ResponseMetadata"]["RequestId"]
    audited = hg.wait_until(lambda: [r for r in kg.audit_records() if r.get("request_id") == request_id],
                            timeout=5, what="the refusal audited")
    rec = audited[0]
    assert (rec["service"], rec["action"], rec["error_code"]) == ("ce", "GetCostForecast", "AccessDeniedException"), rec
    assert "ce:GetCostForecast" in rec["reason"], rec


def _allowed(ce, period):
    try:
        ce.get_cost_and_usage(TimePeriod=period, Granularity="DAILY", Metrics=["UnblendedCost"])
        return True
    except Exception:
        return False


def test_stopped_time_is_not_billed(kg, ran):
    """Launch → stop → start → terminate: the hours are the two running periods. The stop and the
    termination times are EC2's (StateTransitionReason); the start, which EC2 does not show, is
    bracketed by the seconds before and after the StartInstances call."""
    iid = kg.ec2.run_instances(ImageId=kg.ami, InstanceType="t3.micro", MinCount=1, MaxCount=1, TagSpecifications=[
        {"ResourceType": "instance", "Tags": [{"Key": "case", "Value": "stop-start"}]}])["Instances"][0]["InstanceId"]

    def state(name):
        i = kg.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        return i if i["State"]["Name"] == name else None
    launched = hg.wait_until(lambda: state("running"), timeout=20, what="running")["LaunchTime"]
    time.sleep(1)
    kg.aws("ec2", "stop-instances", "--instance-ids", iid)
    stopped = terminated_at(hg.wait_until(lambda: state("stopped"), timeout=20, what="stopped"))
    time.sleep(3)  # stopped: not billed
    before = datetime.now(timezone.utc).replace(microsecond=0)
    kg.aws("ec2", "start-instances", "--instance-ids", iid)
    after = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=1)
    hg.wait_until(lambda: state("running"), timeout=20, what="running again")
    time.sleep(1)
    kg.aws("ec2", "terminate-instances", "--instance-ids", iid)
    ended = terminated_at(hg.wait_until(lambda: state("terminated"), timeout=20, what="terminated"))

    start = launched.replace(hour=0, minute=0, second=0, microsecond=0)
    got = kg.ce.get_cost_and_usage(TimePeriod={"Start": day(start), "End": day(start + timedelta(days=2))},
                                   Granularity="MONTHLY", Metrics=["UsageQuantity"],
                                   Filter={"Tags": {"Key": "case", "Values": ["stop-start"]}})
    hours = sum(amount(b["Total"], "UsageQuantity") for b in got["ResultsByTime"])
    first = (stopped - launched).total_seconds()
    longest = first + (ended - before).total_seconds()
    shortest = first + (ended - after).total_seconds()
    assert shortest / 3600 - TOLERANCE_HOURS <= hours <= longest / 3600 + TOLERANCE_HOURS, (hours * 3600, shortest, longest)
    # Billed all along, it would be at least 3 s more.
    assert hours * 3600 < (ended - launched).total_seconds() - 2.5


def test_volume_storage_in_gb_months(kg):
    """A 10 GiB gp3 volume: GB-months (GiB × hours ÷ 730) under "EC2 - Other", at 0.08 USD each."""
    vol = kg.ec2.create_volume(AvailabilityZone="ap-northeast-2a", Size=10, VolumeType="gp3", TagSpecifications=[
        {"ResourceType": "volume", "Tags": [{"Key": "case", "Value": "storage"}]}])
    time.sleep(2)
    now = datetime.now(timezone.utc)
    got = kg.ce.get_cost_and_usage(TimePeriod={"Start": day(now - timedelta(days=1)), "End": day(now + timedelta(days=1))},
                                   Granularity="DAILY", Metrics=["UsageQuantity", "UnblendedCost"],
                                   GroupBy=[{"Type": "DIMENSION", "Key": "USAGE_TYPE"}],
                                   Filter={"And": [{"Dimensions": {"Key": "SERVICE", "Values": ["EC2 - Other"]}},
                                                   {"Tags": {"Key": "case", "Values": ["storage"]}}]})
    groups = [g for b in got["ResultsByTime"] for g in b["Groups"]]
    assert {tuple(g["Keys"]) for g in groups} == {("APN2-EBS:VolumeUsage.gp3",)}
    assert all(g["Metrics"]["UsageQuantity"]["Unit"] == "GB-Mo" for g in groups)
    gb_months = sum(amount(g["Metrics"], "UsageQuantity") for g in groups)
    seconds = gb_months * 730 * 3600 / 10
    since = (datetime.now(timezone.utc) - vol["CreateTime"]).total_seconds()
    assert 2 <= seconds <= since + 1, (seconds, since)
    cost = sum(amount(g["Metrics"], "UnblendedCost") for g in groups)
    assert abs(cost - gb_months * 0.08) < 1e-9
    kg.ec2.delete_volume(VolumeId=vol["VolumeId"])
    deleted = datetime.now(timezone.utc)

    # Deleted, it still cost what it was stored for, and no more.
    def stored_seconds():
        again = kg.ce.get_cost_and_usage(
            TimePeriod={"Start": day(now - timedelta(days=1)), "End": day(now + timedelta(days=1))},
            Granularity="DAILY", Metrics=["UsageQuantity"],
            Filter={"And": [{"Dimensions": {"Key": "SERVICE", "Values": ["EC2 - Other"]}},
                            {"Tags": {"Key": "case", "Values": ["storage"]}}]})
        return sum(amount(b["Total"], "UsageQuantity") for b in again["ResultsByTime"]) * 730 * 3600 / 10
    first = stored_seconds()
    # EC2 keeps the deletion time in whole seconds, so the stored time may end up to 1 s earlier.
    assert first >= seconds - 1, (first, seconds)
    assert first <= (deleted - vol["CreateTime"]).total_seconds() + 1
    time.sleep(1.5)
    assert stored_seconds() == first


def test_snapshot_storage_is_billed_until_the_snapshot_is_deleted(kg, tmp_path):
    """An EBS snapshot: GB-months of what its increment stored, under "EC2 - Other", at 0.05 USD
    each, from its start until its deletion. The snapshot here is an image's root snapshot (an
    empty volume's snapshot stores nothing, and costs nothing)."""
    ami = kg.ec2.register_image(Name="KG-Ami-snap", ImageLocation=str(hg.kg_ami_bundle(tmp_path)))["ImageId"]
    image = kg.ec2.describe_images(ImageIds=[ami])["Images"][0]
    snap_id = image["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"]
    kg.ec2.create_tags(Resources=[snap_id], Tags=[{"Key": "case", "Value": "snapshot"}])
    now = datetime.now(timezone.utc)

    def usage():
        got = kg.ce.get_cost_and_usage(
            TimePeriod={"Start": day(now - timedelta(days=1)), "End": day(now + timedelta(days=1))},
            Granularity="DAILY", Metrics=["UsageQuantity", "UnblendedCost"],
            GroupBy=[{"Type": "DIMENSION", "Key": "USAGE_TYPE"}],
            Filter={"Tags": {"Key": "case", "Values": ["snapshot"]}})
        return [g for b in got["ResultsByTime"] for g in b["Groups"]]

    def quantity(groups):
        return sum(amount(g["Metrics"], "UsageQuantity") for g in groups)
    hg.wait_until(lambda: quantity(usage()) > 0, timeout=10, what="snapshot usage")
    groups = usage()
    assert {tuple(g["Keys"]) for g in groups} == {("APN2-EBS:SnapshotUsage",)}, groups
    assert all(g["Metrics"]["UsageQuantity"]["Unit"] == "GB-Mo" for g in groups)
    cost = sum(amount(g["Metrics"], "UnblendedCost") for g in groups)
    assert abs(cost - quantity(groups) * 0.05) < 1e-9, (cost, quantity(groups))
    kg.ec2.deregister_image(ImageId=ami)
    kg.ec2.delete_snapshot(SnapshotId=snap_id)
    # Deleted, it is still there for the time it was stored, and grows no more.
    after = usage()
    assert {tuple(g["Keys"]) for g in after} == {("APN2-EBS:SnapshotUsage",)}
    ended = quantity(after)
    # The deletion time is kept in whole seconds (up to 1 s before the reading above), and
    # amounts have 10 decimals: a 20 MB image's second is ~8e-12 GB-months.
    assert ended >= quantity(groups) - 1e-10, (ended, quantity(groups))
    time.sleep(1.5)
    assert quantity(usage()) == ended


def test_operator_prices_and_host_hours(new_region, tmp_path):
    """`<data-dir>/ce/prices.json` replaces the figures it names (t3.micro at 1 USD an hour) and
    adds the operator's own cost of a host-hour, billed from the daemon's start."""
    r = new_region(start=False)
    (r.data_dir / "ce").mkdir(parents=True)
    (r.data_dir / "ce" / "prices.json").write_text(json.dumps({"instance_hour": {"t3.micro": 1.0}, "host_hour": 0.5}))
    started = datetime.now(timezone.utc).replace(microsecond=0)
    r.start()
    bundle = hg.kg_ami_bundle(tmp_path / "ami")
    ec2, ce = r.client("ec2"), r.client("ce")
    ami = ec2.register_image(Name="KG-Ami", ImageLocation=str(bundle))["ImageId"]
    iid = ec2.run_instances(ImageId=ami, InstanceType="t3.micro", MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
    time.sleep(2)
    ec2.terminate_instances(InstanceIds=[iid])
    inst = hg.wait_until(lambda: [i for res in ec2.describe_instances(InstanceIds=[iid])["Reservations"]
                                  for i in res["Instances"] if i["State"]["Name"] == "terminated"], timeout=20,
                         what="terminated")[0]
    ran_hours = (terminated_at(inst) - inst["LaunchTime"]).total_seconds() / 3600
    now = datetime.now(timezone.utc)
    got = ce.get_cost_and_usage(TimePeriod={"Start": day(now - timedelta(days=1)), "End": day(now + timedelta(days=1))},
                                Granularity="MONTHLY", Metrics=["UnblendedCost", "UsageQuantity"],
                                GroupBy=[{"Type": "DIMENSION", "Key": "SERVICE"}])
    by_service = {}
    for b in got["ResultsByTime"]:
        for g in b["Groups"]:
            c, h = by_service.get(g["Keys"][0], (0.0, 0.0))
            by_service[g["Keys"][0]] = (c + amount(g["Metrics"], "UnblendedCost"), h + amount(g["Metrics"], "UsageQuantity"))
    # "EC2 - Other": the image's root snapshot, stored since it was registered.
    assert set(by_service) == {EC2, "EC2 - Other", "Homeground - Host"}, by_service
    assert by_service["EC2 - Other"][0] > 0
    assert abs(by_service[EC2][0] - ran_hours * 1.0) <= 2e-9, (by_service[EC2], ran_hours)
    host_cost, host_hours = by_service["Homeground - Host"]
    assert abs(host_cost - host_hours * 0.5) <= 2e-9
    up = (datetime.now(timezone.utc) - started).total_seconds() / 3600
    assert 0 < host_hours <= up + 1 / 3600, (host_hours, up)


def test_match_day_report(kg, ran, tmp_path):
    """A group behind an ALB scales out from 1 to 2 while requests come in; the report shows it."""
    ec2, elbv2, asg = kg.ec2, kg.client("elbv2"), kg.client("autoscaling")
    subnet = ec2.describe_subnets(Filters=[{"Name": "availability-zone", "Values": ["ap-northeast-2a"]},
                                           {"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]
    other = ec2.describe_subnets(Filters=[{"Name": "availability-zone", "Values": ["ap-northeast-2c"]},
                                          {"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]
    lt = ec2.create_launch_template(LaunchTemplateName="CE-LT", LaunchTemplateData={
        "ImageId": kg.ami, "InstanceType": "t3.micro"})["LaunchTemplate"]
    alb = elbv2.create_load_balancer(Name="CE-ALB", Subnets=[subnet["SubnetId"], other["SubnetId"]],
                                     Type="application")["LoadBalancers"][0]
    tg = elbv2.create_target_group(Name="CE-TG", Protocol="HTTP", Port=80, VpcId=subnet["VpcId"],
                                   HealthCheckPath="/health", HealthCheckIntervalSeconds=5)["TargetGroups"][0]
    elbv2.create_listener(LoadBalancerArn=alb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
    asg.create_auto_scaling_group(AutoScalingGroupName="CE-ASG", MinSize=1, MaxSize=3, DesiredCapacity=1,
                                  LaunchTemplate={"LaunchTemplateId": lt["LaunchTemplateId"], "Version": "$Latest"},
                                  VPCZoneIdentifier=subnet["SubnetId"], TargetGroupARNs=[tg["TargetGroupArn"]])

    def in_service(n):
        g = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["CE-ASG"])["AutoScalingGroups"][0]
        return len([i for i in g["Instances"] if i["LifecycleState"] == "InService"]) >= n
    hg.wait_until(lambda: in_service(1), timeout=30, what="one instance in service")
    served = 0
    deadline = time.monotonic() + 20
    while served < 20 and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{alb['DNSName']}/health", timeout=2) as r:
                served += r.status == 200
        except OSError:
            time.sleep(0.2)
    assert served == 20
    asg.set_desired_capacity(AutoScalingGroupName="CE-ASG", DesiredCapacity=2)
    hg.wait_until(lambda: in_service(2), timeout=30, what="two instances in service")
    time.sleep(2)

    # The load balancer is billed by the second since it was created.
    now = datetime.now(timezone.utc)
    today = day(now)
    lb = kg.ce.get_cost_and_usage(TimePeriod={"Start": today, "End": day(now + timedelta(days=1))},
                                  Granularity="DAILY", Metrics=["UsageQuantity", "UnblendedCost"],
                                  GroupBy=[{"Type": "DIMENSION", "Key": "USAGE_TYPE"}],
                                  Filter={"Dimensions": {"Key": "SERVICE", "Values": [ELB]}})
    groups = lb["ResultsByTime"][0]["Groups"]
    assert [g["Keys"] for g in groups] == [["APN2-LoadBalancerUsage"]]
    lb_seconds = amount(groups[0]["Metrics"], "UsageQuantity") * 3600
    since = (datetime.now(timezone.utc) - alb["CreatedTime"]).total_seconds()
    assert since - 3 <= lb_seconds <= since + 1, (lb_seconds, since)
    assert abs(amount(groups[0]["Metrics"], "UnblendedCost") - lb_seconds / 3600 * 0.0225) < 1e-9
    assert groups[0]["Metrics"]["UsageQuantity"]["Unit"] == "Hrs"

    svg = tmp_path / "day.svg"
    r = subprocess.run([str(hg.binary_path()), "report", "match-day", "--date", today,
                        "--data-dir", str(kg.data_dir), "--svg", str(svg)],
                       capture_output=True, text=True, timeout=120, env=hg.clean_env())
    assert r.returncode == 0, r.stderr
    table = r.stdout
    print(table)
    assert f"Match day {today}" in table
    elastic = float(re.search(r"elastic \(what really ran\)\s+([\d.]+)", table).group(1))
    m = re.search(r"peak-provisioned \((\d+) x 24 h\)\s+([\d.]+)", table)
    peak_n, peak_cost = int(m.group(1)), float(m.group(2))
    # The group ran two instances at once (the three instances of `ran` may have been sampled
    # together too, before they were terminated).
    assert elastic > 0 and peak_n in (2, 3) and peak_cost > elastic, table
    requests = int(re.search(r"requests: (\d+)", table).group(1))
    assert requests >= 20, table
    assert "CE-ASG" in table and "Launching a new EC2 instance" in table, table

    root = ET.parse(svg).getroot()  # well-formed XML
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    series = {g.get("id"): g for g in root.iterfind(".//s:g[@class='series']", ns)}
    assert set(series) == {"requests", "instances", "cost-elastic", "cost-peak"}
    requests_per_hour = [float(v) for v in series["requests"].get("data-values").split()]
    assert len(requests_per_hour) == 24 and sum(requests_per_hour) == requests
    assert max(float(v) for v in series["instances"].get("data-values").split()) == peak_n
    elastic_line = [float(v) for v in series["cost-elastic"].get("data-values").split()]
    assert abs(elastic_line[-1] - elastic) < 1e-3
    assert len(series["requests"].findall("s:rect", ns)) == 24

    # The day's instance-hours of the group match its activity history to the second: the
    # instances its launch activities name, each from its launch to its termination.
    acts = asg.describe_scaling_activities(AutoScalingGroupName="CE-ASG")["Activities"]
    launched = {re.search(r"i-[0-9a-f]+", a["Description"]).group(0)
                for a in acts if a["Description"].startswith("Launching a new EC2 instance")}
    assert len(launched) == 2, acts
    asg.delete_auto_scaling_group(AutoScalingGroupName="CE-ASG", ForceDelete=True)

    def all_terminated():
        insts = [i for res in ec2.describe_instances(InstanceIds=sorted(launched))["Reservations"]
                 for i in res["Instances"]]
        return insts if all(i["State"]["Name"] == "terminated" for i in insts) else None
    insts = hg.wait_until(all_terminated, timeout=60, what="the group's instances terminated")
    want = sum((terminated_at(i) - i["LaunchTime"]).total_seconds() for i in insts) / 3600
    got = kg.ce.get_cost_and_usage(
        TimePeriod={"Start": day(now - timedelta(days=1)), "End": day(now + timedelta(days=1))},
        Granularity="DAILY", Metrics=["UsageQuantity", "UnblendedCost"],
        Filter={"And": [{"Dimensions": {"Key": "SERVICE", "Values": [EC2]}},
                        {"Tags": {"Key": "aws:autoscaling:groupName", "Values": ["CE-ASG"]}}]})
    hours = sum(amount(b["Total"], "UsageQuantity") for b in got["ResultsByTime"])
    assert abs(hours - want) <= TOLERANCE_HOURS * len(got["ResultsByTime"]), (hours, want)
    cost = sum(amount(b["Total"], "UnblendedCost") for b in got["ResultsByTime"])
    assert abs(cost - want * PRICE["t3.micro"]) <= 1e-9 * len(got["ResultsByTime"]), (cost, want)


def test_deleted_load_balancers_still_cost_the_hours_they_existed(new_region):
    """An ALB and a classic load balancer created and deleted: their hours are billed from
    creation to deletion, though neither Describe lists them any more."""
    r = new_region()
    ec2, elbv2, classic, ce = r.client("ec2"), r.client("elbv2"), r.client("elb"), r.client("ce")
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(
        Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]][:2]
    alb = elbv2.create_load_balancer(Name="CE-GONE", Subnets=subnets, Type="application")["LoadBalancers"][0]
    classic.create_load_balancer(LoadBalancerName="ce-gone-classic", Subnets=subnets[:1],
                                 Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 8080, "InstancePort": 80}])
    time.sleep(2)
    before = datetime.now(timezone.utc)
    elbv2.delete_load_balancer(LoadBalancerArn=alb["LoadBalancerArn"])
    classic.delete_load_balancer(LoadBalancerName="ce-gone-classic")
    after = datetime.now(timezone.utc)
    assert elbv2.describe_load_balancers()["LoadBalancers"] == []
    time.sleep(1.5)  # nothing is billed after the deletion

    now = datetime.now(timezone.utc)
    got = ce.get_cost_and_usage(TimePeriod={"Start": day(now - timedelta(days=1)), "End": day(now + timedelta(days=1))},
                                Granularity="MONTHLY", Metrics=["UsageQuantity", "UnblendedCost"],
                                Filter={"Dimensions": {"Key": "SERVICE", "Values": [ELB]}})
    hours = sum(amount(b["Total"], "UsageQuantity") for b in got["ResultsByTime"])
    alb_lo = (before - alb["CreatedTime"]).total_seconds() / 3600
    alb_hi = (after - alb["CreatedTime"]).total_seconds() / 3600
    # The classic one was created after the ALB and deleted after it: between 0 and the ALB's span.
    assert 2 * alb_lo - 2 / 3600 <= hours <= 2 * alb_hi + 1 / 3600, (hours, alb_lo, alb_hi)
    assert hours < (now - alb["CreatedTime"]).total_seconds() / 3600 * 2 - 1 / 3600, "billed after deletion"
