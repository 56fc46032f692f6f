"""EC2 Auto Scaling through boto3 and the aws CLI: the customer's KG-ASG (launch template from
KG-Ami, min 2 / max 4 over ap-northeast-2a and 2c, behind the ALB's target group with ELB health
checks) really launching, replacing and scaling real KG SPORTS instances under real traffic."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import threading
import time
import urllib.request
from collections import Counter

import pytest

import hg
from smtp_box import body

ZONES = ["ap-northeast-2a", "ap-northeast-2c"]
GROUP = "KG-ASG"


@pytest.fixture(scope="module")
def region(smtp, tmp_path_factory):
    """The region, sending its mail to the test's SMTP server (Auto Scaling notifications)."""
    r = hg.Region(tmp_path_factory.mktemp("asg"), extra_args=smtp.region_args())
    r.start()
    yield r
    r.close()


@pytest.fixture(scope="module")
def kg(region, tmp_path_factory):
    bundle = hg.kg_ami_bundle(tmp_path_factory.mktemp("kg-ami"))
    ec2 = region.client("ec2")
    elbv2 = region.client("elbv2", parameter_validation=False)
    asg = region.client("autoscaling")
    ami = ec2.register_image(Name="KG-Ami", ImageLocation=str(bundle))["ImageId"]
    subnets = [ec2.describe_subnets(Filters=[{"Name": "availability-zone", "Values": [z]},
                                             {"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]
               for z in ZONES]
    lt = ec2.create_launch_template(LaunchTemplateName="KG-LT", LaunchTemplateData={
        "ImageId": ami, "InstanceType": "t2.micro"})["LaunchTemplate"]
    alb = elbv2.create_load_balancer(Name="KG-ALB", Subnets=[s["SubnetId"] for s in subnets],
                                     Type="application")["LoadBalancers"][0]
    tg = elbv2.create_target_group(Name="KG-TG", Protocol="HTTP", Port=80, VpcId=subnets[0]["VpcId"],
                                   TargetType="instance", HealthCheckPath="/health",
                                   HealthCheckIntervalSeconds=1, HealthCheckTimeoutSeconds=1,
                                   HealthyThresholdCount=2, UnhealthyThresholdCount=2)["TargetGroups"][0]
    elbv2.modify_target_group_attributes(TargetGroupArn=tg["TargetGroupArn"], Attributes=[
        {"Key": "deregistration_delay.timeout_seconds", "Value": "3"}])
    elbv2.create_listener(LoadBalancerArn=alb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
    asg.create_auto_scaling_group(
        AutoScalingGroupName=GROUP,
        LaunchTemplate={"LaunchTemplateId": lt["LaunchTemplateId"], "Version": "$Latest"},
        MinSize=2, MaxSize=4, DesiredCapacity=2,
        VPCZoneIdentifier=",".join(s["SubnetId"] for s in subnets),
        TargetGroupARNs=[tg["TargetGroupArn"]],
        HealthCheckType="ELB", HealthCheckGracePeriod=3, DefaultInstanceWarmup=15,
        Tags=[{"Key": "team", "Value": "kg-sports", "PropagateAtLaunch": True}])
    ns = type("KG", (), {})()
    ns.region, ns.ec2, ns.elbv2, ns.asg, ns.ami, ns.lt, ns.subnets = region, ec2, elbv2, asg, ami, lt, subnets
    ns.tg_arn, ns.host = tg["TargetGroupArn"], alb["DNSName"]
    wait_in_service(ns, 2, timeout=30)
    return ns


def group(kg) -> dict:
    return kg.asg.describe_auto_scaling_groups(AutoScalingGroupNames=[GROUP])["AutoScalingGroups"][0]


def in_service(kg) -> list[dict]:
    return [i for i in group(kg)["Instances"] if i["LifecycleState"] == "InService" and i["HealthStatus"] == "Healthy"]


def wait_in_service(kg, n, timeout=20.0, exclude=()):
    """Exactly n instances InService (none of `exclude`), and nothing else in the group."""
    last = {}

    def ok():
        g = group(kg)
        last["instances"] = [(i["InstanceId"], i["LifecycleState"], i["HealthStatus"]) for i in g["Instances"]]
        ins = [i for i in g["Instances"] if i["LifecycleState"] == "InService" and i["HealthStatus"] == "Healthy"]
        if len(ins) == n and len(g["Instances"]) == n and not {i["InstanceId"] for i in ins} & set(exclude):
            return ins
        return None
    try:
        return hg.wait_until(ok, timeout=timeout, interval=0.2, what=f"{n} instances InService")
    except AssertionError as e:
        raise AssertionError(f"{e}; the group's instances: {last.get('instances')}") from None


def activities(kg) -> list[dict]:
    out, token = [], None
    while True:
        kw = {"AutoScalingGroupName": GROUP, "MaxRecords": 100}
        if token:
            kw["NextToken"] = token
        page = kg.asg.describe_scaling_activities(**kw)
        out += page["Activities"]
        token = page.get("NextToken")
        if not token:
            return out


def target_health(kg) -> dict:
    out = kg.elbv2.describe_target_health(TargetGroupArn=kg.tg_arn)["TargetHealthDescriptions"]
    return {d["Target"]["Id"]: d["TargetHealth"]["State"] for d in out}


def instance_root(kg, iid):
    return (kg.region.data_dir / "ec2" / "instances" / iid).resolve()


def instance_pids(kg, iid):
    """The instance's processes: their working directory lies in its own directory."""
    return hg.instance_pids_under(kg.region.data_dir / "ec2" / "instances" / iid)


class Load:
    """Steady clients through the load balancer; every non-200 or error is a failure."""

    def __init__(self, kg, path="/", threads=3):
        self.kg, self.path = kg, path
        self.failures, self.served, self.stop = [], Counter(), threading.Event()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def _run(self):
        conn = http.client.HTTPConnection(self.kg.host, 80, timeout=10)
        while not self.stop.is_set():
            try:
                conn.request("GET", self.path)
                r = conn.getresponse()
                r.read()
                if r.status != 200:
                    self.failures.append(r.status)
                else:
                    self.served[r.getheader("x-kgsports-instance")] += 1
            except Exception as e:  # noqa: BLE001 - any failure counts
                self.failures.append(repr(e))
                conn.close()
                conn = http.client.HTTPConnection(self.kg.host, 80, timeout=10)
        conn.close()

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join()


def test_kg_asg_runs_two_instances_in_two_zones_behind_the_load_balancer(kg):
    g = group(kg)
    assert (g["MinSize"], g["MaxSize"], g["DesiredCapacity"]) == (2, 4, 2)
    assert g["HealthCheckType"] == "ELB" and g["TargetGroupARNs"] == [kg.tg_arn]
    assert sorted(g["AvailabilityZones"]) == ZONES
    ins = in_service(kg)
    assert sorted(i["AvailabilityZone"] for i in ins) == ZONES, "one instance per zone"
    ids = {i["InstanceId"] for i in ins}
    assert all(target_health(kg).get(i) == "healthy" for i in ids)
    # The instances carry the group's tag and the propagated one.
    tags = {(t["Key"], t["Value"]) for r in kg.ec2.describe_instances(InstanceIds=list(ids))["Reservations"]
            for i in r["Instances"] for t in i.get("Tags", [])}
    assert ("aws:autoscaling:groupName", GROUP) in tags and ("team", "kg-sports") in tags
    # Traffic through the load balancer reaches both.
    seen = Counter()
    for _ in range(30):
        c = http.client.HTTPConnection(kg.host, 80, timeout=5)
        c.request("GET", "/api/matches")
        r = c.getresponse()
        r.read()
        assert r.status == 200
        seen[r.getheader("x-kgsports-instance")] += 1
        c.close()
    assert set(seen) == ids, seen
    # The history, with AWS's texts, through the aws CLI.
    out = kg.region.aws("autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", GROUP)
    launches = [a for a in out["Activities"] if a["Description"].startswith("Launching a new EC2 instance: i-")]
    assert len(launches) == 2 and all(a["StatusCode"] == "Successful" for a in launches), launches
    assert "a user request created an AutoScalingGroup changing the desired capacity from 0 to 2." in launches[0]["Cause"]
    assert ("an instance was started in response to a difference between desired and actual capacity, "
            "increasing the capacity from") in launches[0]["Cause"]
    inst = kg.asg.describe_auto_scaling_instances(InstanceIds=list(ids))["AutoScalingInstances"]
    assert {i["AutoScalingGroupName"] for i in inst} == {GROUP} and all(i["HealthStatus"] == "HEALTHY" for i in inst)


def replaced_under_load(kg, break_one):
    """Break one instance while clients load the load balancer; return (victim, replacement,
    seconds from breaking to the replacement InService, the load)."""
    before = {i["InstanceId"] for i in in_service(kg)}
    victim = sorted(before)[0]
    with Load(kg) as load:
        time.sleep(1.0)
        broke_at = time.monotonic()
        break_one(victim)
        ins = wait_in_service(kg, 2, timeout=25, exclude=[victim])
        took = time.monotonic() - broke_at
        time.sleep(1.0)
    new = {i["InstanceId"] for i in ins} - before
    assert len(new) == 1, (before, ins)
    return victim, new.pop(), took, load


def test_a_killed_instance_is_replaced_within_seconds_and_no_request_fails(kg):
    def kill(victim):
        pids = instance_pids(kg, victim)
        assert pids, "the victim's processes were found"
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    victim, new, took, load = replaced_under_load(kg, kill)
    assert load.failures == [], load.failures[:5]
    assert took < 10.0, f"replacement InService after {took:.1f} s"
    acts = activities(kg)
    term = [a for a in acts if a["Description"] == f"Terminating EC2 instance: {victim}"]
    # Whichever notices first: EC2's status check (the boot process ended) or the target group's.
    assert term and ("in response to an EC2 instance status check failure" in term[0]["Cause"]
                     or "in response to an ELB system health check failure" in term[0]["Cause"]), term
    launch = [a for a in acts if a["Description"] == f"Launching a new EC2 instance: {new}"]
    assert launch and "increasing the capacity from 1 to 2" in launch[0]["Cause"], launch
    hg.wait_until(lambda: next(a for a in activities(kg) if a["ActivityId"] == term[0]["ActivityId"])["StatusCode"]
                  == "Successful", timeout=15, what="the termination completes")


def test_an_instance_failing_its_health_check_is_drained_and_replaced(kg):
    def flag(victim):
        (instance_root(kg, victim) / "root" / "data" / "unhealthy").write_text("maintenance\n")
    victim, new, took, load = replaced_under_load(kg, flag)
    assert load.failures == [], load.failures[:5]
    assert took < 10.0, f"replacement InService after {took:.1f} s"
    term = [a for a in activities(kg) if a["Description"] == f"Terminating EC2 instance: {victim}"]
    assert term and "in response to an ELB system health check failure" in term[0]["Cause"], term
    state = lambda: kg.ec2.describe_instances(InstanceIds=[victim])["Reservations"][0]["Instances"][0]["State"]["Name"]  # noqa: E731
    hg.wait_until(lambda: state() in ("shutting-down", "terminated"), timeout=20, what="the victim terminated")


def test_scheduled_actions_bring_capacity_up_on_time_and_back_down(kg):
    now = time.time()
    at = now + 10
    kg.asg.put_scheduled_update_group_action(AutoScalingGroupName=GROUP, ScheduledActionName="kick-off",
                                             StartTime=at, MinSize=4, DesiredCapacity=4)
    kg.asg.put_scheduled_update_group_action(AutoScalingGroupName=GROUP, ScheduledActionName="final-whistle",
                                             StartTime=at + 12, MinSize=2, DesiredCapacity=2)
    listed = {a["ScheduledActionName"]: a for a in
              kg.asg.describe_scheduled_actions(AutoScalingGroupName=GROUP)["ScheduledUpdateGroupActions"]}
    assert set(listed) == {"kick-off", "final-whistle"}
    assert abs(listed["kick-off"]["StartTime"].timestamp() - at) < 1.0
    assert len(in_service(kg)) == 2
    wait_in_service(kg, 4, timeout=at + 2 - time.time())
    reached = time.time()
    assert reached - at <= 2.0 and reached >= at - 0.5, f"four InService at {reached - at:+.1f} s"
    g = group(kg)
    assert (g["MinSize"], g["DesiredCapacity"]) == (4, 4)
    cause = [a["Cause"] for a in activities(kg) if "a scheduled action update of AutoScalingGroup constraints to min: 4"
             in a["Cause"]]
    assert cause, "the launch activities name the scheduled action"
    wait_in_service(kg, 2, timeout=at + 12 + 15 - time.time())
    g = group(kg)
    assert (g["MinSize"], g["DesiredCapacity"]) == (2, 2)
    # One-time actions are gone once they have run.
    assert kg.asg.describe_scheduled_actions(AutoScalingGroupName=GROUP)["ScheduledUpdateGroupActions"] == []


def test_target_tracking_on_cpu_scales_out_under_load_and_back_in_after(kg):
    # The target is 30 % rather than the customer's 50 %: this host has 2 cores shared with the
    # daemon, the load generator (and whatever else runs), so three 1-vCPU instances under any
    # load average well under 66 % each; 3 → 4 needs 3 × CPU / target > 3.
    out = kg.asg.put_scaling_policy(
        AutoScalingGroupName=GROUP, PolicyName="cpu50", PolicyType="TargetTrackingScaling",
        TargetTrackingConfiguration={
            "TargetValue": 30.0,
            "CustomizedMetricSpecification": {
                "MetricName": "CPUUtilization", "Namespace": "AWS/EC2", "Statistic": "Average", "Period": 10,
                "Dimensions": [{"Name": "AutoScalingGroupName", "Value": GROUP}]}})
    try:
        names = [a["AlarmName"] for a in out["Alarms"]]
        assert any(n.startswith(f"TargetTracking-{GROUP}-AlarmHigh-") for n in names), names
        assert any(n.startswith(f"TargetTracking-{GROUP}-AlarmLow-") for n in names), names
        cw = kg.region.client("cloudwatch")
        alarms = cw.describe_alarms(AlarmNames=names)["MetricAlarms"]
        assert len(alarms) == 2 and all(a["AlarmActions"] == [out["PolicyARN"]] for a in alarms)
        high = next(a["AlarmName"] for a in alarms if "AlarmHigh" in a["AlarmName"])
        with Load(kg, path="/cpu?ms=200", threads=8):
            hg.wait_until(lambda: cw.describe_alarms(AlarmNames=[high])["MetricAlarms"][0]["StateValue"] == "ALARM",
                          timeout=30, interval=0.5, what="the high alarm fires")
            breach = time.monotonic()
            try:
                wait_in_service(kg, 4, timeout=30)
            except AssertionError as e:
                hist = cw.describe_alarm_history(AlarmName=high)["AlarmHistoryItems"]
                raise AssertionError(f"{e}; desired {group(kg)['DesiredCapacity']}; alarm history: "
                                     f"{[(h['HistoryItemType'], h['HistorySummary']) for h in hist]}; "
                                     f"daemon: {kg.region.describe()[-3000:]}") from None
            took = time.monotonic() - breach
        assert took <= 30.0, took
        acts = activities(kg)
        cause = [a["Cause"] for a in acts if f"a monitor alarm {high} in state ALARM triggered policy cpu50" in a["Cause"]]
        assert any("changing the desired capacity from 2 to" in c for c in cause), cause
        hist = cw.describe_alarm_history(AlarmName=high, HistoryItemType="Action")["AlarmHistoryItems"]
        assert any(out["PolicyARN"] in h["HistorySummary"] for h in hist), hist
        # After the load: back to the minimum, more slowly (a minute of low CPU).
        wait_in_service(kg, 2, timeout=120)
        assert group(kg)["DesiredCapacity"] == 2
    finally:
        kg.asg.delete_policy(AutoScalingGroupName=GROUP, PolicyName="cpu50")
    names = [a["AlarmName"] for a in out["Alarms"]]
    assert kg.region.client("cloudwatch").describe_alarms(AlarmNames=names)["MetricAlarms"] == []


def test_instance_refresh_rolls_a_new_version_without_failing_a_request(kg):
    kg.ec2.create_launch_template_version(LaunchTemplateId=kg.lt["LaunchTemplateId"], SourceVersion="1",
                                          LaunchTemplateData={"InstanceType": "t3.micro"})
    before = {i["InstanceId"] for i in in_service(kg)}
    low = []
    with Load(kg) as load:
        rid = kg.asg.start_instance_refresh(AutoScalingGroupName=GROUP, Preferences={
            "MinHealthyPercentage": 50, "InstanceWarmup": 2})["InstanceRefreshId"]

        def done():
            healthy = [i for i, s in target_health(kg).items() if s == "healthy"]
            if len(healthy) < 1:
                low.append(healthy)
            r = kg.asg.describe_instance_refreshes(AutoScalingGroupName=GROUP,
                                                   InstanceRefreshIds=[rid])["InstanceRefreshes"][0]
            return r if r["Status"] == "Successful" else None
        hg.wait_until(done, timeout=60, interval=0.2, what="the refresh completes")
    assert load.failures == [], load.failures[:5]
    assert low == [], "healthy capacity dropped below 50 %"
    ins = wait_in_service(kg, 2, timeout=10)
    assert not ({i["InstanceId"] for i in ins} & before)
    assert {i["InstanceType"] for i in ins} == {"t3.micro"}

    # Launch before terminate (MaxHealthyPercentage 200) onto a desired configuration: the
    # healthy capacity never drops below the full 100 %.
    before = {i["InstanceId"] for i in ins}
    low = []
    with Load(kg) as load:
        rid = kg.asg.start_instance_refresh(
            AutoScalingGroupName=GROUP,
            DesiredConfiguration={"LaunchTemplate": {"LaunchTemplateId": kg.lt["LaunchTemplateId"], "Version": "1"}},
            Preferences={"MinHealthyPercentage": 100, "MaxHealthyPercentage": 200, "InstanceWarmup": 2})["InstanceRefreshId"]

        def done2():
            healthy = [i for i, s in target_health(kg).items() if s == "healthy"]
            if len(healthy) < 2:
                low.append(healthy)
            r = kg.asg.describe_instance_refreshes(AutoScalingGroupName=GROUP,
                                                   InstanceRefreshIds=[rid])["InstanceRefreshes"][0]
            return r if r["Status"] == "Successful" else None
        hg.wait_until(done2, timeout=60, interval=0.2, what="the second refresh completes")
    assert load.failures == [], load.failures[:5]
    assert low == [], "healthy capacity dropped below 100 %"
    ins = wait_in_service(kg, 2, timeout=10)
    assert not ({i["InstanceId"] for i in ins} & before)
    assert {i["InstanceType"] for i in ins} == {"t2.micro"}
    assert group(kg)["LaunchTemplate"]["Version"] == "1"
    # Back to $Latest for the tests that follow.
    kg.asg.update_auto_scaling_group(AutoScalingGroupName=GROUP, LaunchTemplate={
        "LaunchTemplateId": kg.lt["LaunchTemplateId"], "Version": "$Latest"})


def test_bad_input_gets_aws_codes_and_leaves_nothing_behind(kg):
    a = kg.asg
    lt = {"LaunchTemplateId": kg.lt["LaunchTemplateId"], "Version": "$Latest"}
    subnets = ",".join(s["SubnetId"] for s in kg.subnets)
    cases = [
        (dict(MinSize=3, MaxSize=2), "ValidationError", "Max bound, 2, must be greater than or equal to min bound, 3"),
        (dict(MinSize=1, MaxSize=2, DesiredCapacity=5), "ValidationError",
         "Desired capacity:5 must be between the specified min size:1 and max size:2"),
        (dict(MinSize=1, MaxSize=2, LaunchTemplate={"LaunchTemplateName": "nope"}), "ValidationError",
         "The specified launch template, with template name nope, does not exist."),
        (dict(MinSize=1, MaxSize=2, VPCZoneIdentifier="subnet-0123456789abcdef0"), "ValidationError",
         "The subnet ID 'subnet-0123456789abcdef0' does not exist"),
    ]
    for extra, code, text in cases:
        kw = dict(AutoScalingGroupName="bad-asg", LaunchTemplate=lt, VPCZoneIdentifier=subnets)
        kw.update(extra)
        c, msg, status = hg.expect_client_error(a.create_auto_scaling_group, **kw)
        assert (c, status) == (code, 400) and text in msg, (extra, c, msg)
    assert a.describe_auto_scaling_groups(AutoScalingGroupNames=["bad-asg"])["AutoScalingGroups"] == []
    c, msg, _ = hg.expect_client_error(a.create_auto_scaling_group, AutoScalingGroupName=GROUP, LaunchTemplate=lt,
                                       MinSize=1, MaxSize=2, VPCZoneIdentifier=subnets)
    assert c == "AlreadyExists" and GROUP in msg
    c, msg, _ = hg.expect_client_error(a.put_scheduled_update_group_action, AutoScalingGroupName=GROUP,
                                       ScheduledActionName="bad-cron", Recurrence="61 * * * *", MinSize=2)
    assert c == "ValidationError" and "61 * * * *" in msg, msg
    c, msg, _ = hg.expect_client_error(a.set_desired_capacity, AutoScalingGroupName=GROUP, DesiredCapacity=9)
    assert c == "ValidationError" and "above max value 4" in msg
    c, msg, _ = hg.expect_client_error(a.set_desired_capacity, AutoScalingGroupName="nope", DesiredCapacity=1)
    assert c == "ValidationError" and "AutoScalingGroup name not found" in msg
    c, _, _ = hg.expect_client_error(a.delete_auto_scaling_group, AutoScalingGroupName=GROUP)
    assert c == "ResourceInUse"
    c, msg, _ = hg.expect_client_error(a.put_scaling_policy, AutoScalingGroupName=GROUP, PolicyName="steps",
                                       PolicyType="StepScaling", AdjustmentType="ChangeInCapacity",
                                       StepAdjustments=[{"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 10,
                                                         "ScalingAdjustment": 1},
                                                        {"MetricIntervalLowerBound": 20, "ScalingAdjustment": 2}])
    assert c == "ValidationError" and "gaps" in msg
    assert a.describe_policies(AutoScalingGroupName=GROUP)["ScalingPolicies"] == []
    assert a.describe_scheduled_actions(AutoScalingGroupName=GROUP)["ScheduledUpdateGroupActions"] == []


def test_a_restart_of_the_daemon_keeps_the_group_its_instances_and_its_history(kg):
    before = {i["InstanceId"] for i in in_service(kg)}
    history = {a["ActivityId"] for a in activities(kg)}
    kg.region.restart()
    ins = wait_in_service(kg, 2, timeout=20)
    assert {i["InstanceId"] for i in ins} == before, "the same instances, re-adopted"
    assert history <= {a["ActivityId"] for a in activities(kg)}
    # The controller carries on: one more instance when asked, and back.
    kg.asg.set_desired_capacity(AutoScalingGroupName=GROUP, DesiredCapacity=3)
    wait_in_service(kg, 3, timeout=20)
    kg.asg.set_desired_capacity(AutoScalingGroupName=GROUP, DesiredCapacity=2)
    wait_in_service(kg, 2, timeout=20)
    term = [a for a in activities(kg) if a["Cause"].endswith("shrinking the capacity from 3 to 2.")]
    assert term and "a user request explicitly set group desired capacity changing the desired capacity from 3 to 2." \
        in term[0]["Cause"], term[:1]


def test_launch_and_termination_notifications_arrive_by_mail(kg, smtp):
    sns = kg.region.client("sns")
    topic = sns.create_topic(Name="KG-ASG-events")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="ops@kg.example")
    mail = smtp.wait_for(lambda m: m["Subject"] == "AWS Notification - Subscription Confirmation"
                         and topic in body(m), what="the confirmation mail")
    link = re.search(r"(http://\S+/sns/confirm\?\S+)", body(mail)).group(1)
    with urllib.request.urlopen(link, timeout=5) as r:
        assert r.status == 200
    kg.asg.put_notification_configuration(AutoScalingGroupName=GROUP, TopicARN=topic, NotificationTypes=[
        "autoscaling:EC2_INSTANCE_LAUNCH", "autoscaling:EC2_INSTANCE_TERMINATE"])
    conf = kg.asg.describe_notification_configurations(AutoScalingGroupNames=[GROUP])["NotificationConfigurations"]
    assert {c["NotificationType"] for c in conf} == {"autoscaling:EC2_INSTANCE_LAUNCH", "autoscaling:EC2_INSTANCE_TERMINATE"}
    smtp.wait_for(lambda m: m["Subject"] == f'Auto Scaling: test notification for group "{GROUP}"', what="the test mail")
    kg.asg.set_desired_capacity(AutoScalingGroupName=GROUP, DesiredCapacity=3)
    ins = wait_in_service(kg, 3, timeout=20)
    launched = smtp.wait_for(lambda m: m["Subject"] == f'Auto Scaling: launch for group "{GROUP}"', what="the launch mail")
    # The mail is the notification's JSON document, then SNS's unsubscribe footer.
    doc, _ = json.JSONDecoder().raw_decode(body(launched).strip())
    assert doc["Event"] == "autoscaling:EC2_INSTANCE_LAUNCH" and doc["EC2InstanceId"] in {i["InstanceId"] for i in ins}
    assert doc["Description"] == f"Launching a new EC2 instance: {doc['EC2InstanceId']}" and doc["StatusCode"] == "Successful"
    kg.asg.set_desired_capacity(AutoScalingGroupName=GROUP, DesiredCapacity=2)
    wait_in_service(kg, 2, timeout=20)
    ended = smtp.wait_for(lambda m: m["Subject"] == f'Auto Scaling: termination for group "{GROUP}"',
                          timeout=30, what="the termination mail")
    assert json.JSONDecoder().raw_decode(body(ended).strip())[0]["Event"] == "autoscaling:EC2_INSTANCE_TERMINATE"
    kg.asg.delete_notification_configuration(AutoScalingGroupName=GROUP, TopicARN=topic)


def test_lifecycle_hooks_standby_and_suspended_processes(kg):
    a = kg.asg
    # A launch hook holds the new instance in Pending:Wait until the action is completed.
    a.put_lifecycle_hook(AutoScalingGroupName=GROUP, LifecycleHookName="warm-cache",
                         LifecycleTransition="autoscaling:EC2_INSTANCE_LAUNCHING", HeartbeatTimeout=300,
                         DefaultResult="ABANDON")
    a.set_desired_capacity(AutoScalingGroupName=GROUP, DesiredCapacity=3)
    waiting = hg.wait_until(lambda: [i for i in group(kg)["Instances"] if i["LifecycleState"] == "Pending:Wait"],
                            timeout=20, interval=0.2, what="an instance in Pending:Wait")[0]
    time.sleep(1.0)
    assert next(i for i in group(kg)["Instances"] if i["InstanceId"] == waiting["InstanceId"])["LifecycleState"] \
        == "Pending:Wait"
    assert waiting["InstanceId"] not in target_health(kg), "not registered while it waits"
    a.record_lifecycle_action_heartbeat(AutoScalingGroupName=GROUP, LifecycleHookName="warm-cache",
                                        InstanceId=waiting["InstanceId"])
    a.complete_lifecycle_action(AutoScalingGroupName=GROUP, LifecycleHookName="warm-cache",
                                InstanceId=waiting["InstanceId"], LifecycleActionResult="CONTINUE")
    wait_in_service(kg, 3, timeout=20)
    a.delete_lifecycle_hook(AutoScalingGroupName=GROUP, LifecycleHookName="warm-cache")
    assert a.describe_lifecycle_hooks(AutoScalingGroupName=GROUP)["LifecycleHooks"] == []
    # Standby: out of the load balancer, kept running, and back.
    a.enter_standby(AutoScalingGroupName=GROUP, InstanceIds=[waiting["InstanceId"]],
                    ShouldDecrementDesiredCapacity=True)
    hg.wait_until(lambda: waiting["InstanceId"] not in target_health(kg), timeout=15, what="deregistered")
    g = group(kg)
    assert g["DesiredCapacity"] == 2
    assert next(i for i in g["Instances"] if i["InstanceId"] == waiting["InstanceId"])["LifecycleState"] == "Standby"
    a.exit_standby(AutoScalingGroupName=GROUP, InstanceIds=[waiting["InstanceId"]])
    wait_in_service(kg, 3, timeout=20)
    assert target_health(kg).get(waiting["InstanceId"]) == "healthy"
    # With Launch suspended, a lost instance is not replaced until it is resumed.
    a.suspend_processes(AutoScalingGroupName=GROUP, ScalingProcesses=["Launch"])
    assert [p["ProcessName"] for p in group(kg)["SuspendedProcesses"]] == ["Launch"]
    a.terminate_instance_in_auto_scaling_group(InstanceId=waiting["InstanceId"], ShouldDecrementDesiredCapacity=False)
    hg.wait_until(lambda: len(group(kg)["Instances"]) == 2, timeout=20, what="the instance gone")
    time.sleep(1.5)
    assert len(group(kg)["Instances"]) == 2 and group(kg)["DesiredCapacity"] == 3
    a.resume_processes(AutoScalingGroupName=GROUP)
    wait_in_service(kg, 3, timeout=20)
    a.set_desired_capacity(AutoScalingGroupName=GROUP, DesiredCapacity=2)
    wait_in_service(kg, 2, timeout=20)


def test_lifecycle_hook_targets_are_notified_and_add_to_load_balancer_can_be_suspended(kg, smtp):
    a, sns = kg.asg, kg.region.client("sns")
    topic = sns.create_topic(Name="KG-ASG-hooks")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="hooks@kg.example")
    mail = smtp.wait_for(lambda m: m["Subject"] == "AWS Notification - Subscription Confirmation"
                         and topic in body(m), what="the confirmation mail")
    with urllib.request.urlopen(re.search(r"(http://\S+/sns/confirm\?\S+)", body(mail)).group(1), timeout=5) as r:
        assert r.status == 200
    # A target that cannot be published to is refused, and no hook is kept.
    code, msg, _ = hg.expect_client_error(
        a.put_lifecycle_hook, AutoScalingGroupName=GROUP, LifecycleHookName="bad-target",
        LifecycleTransition="autoscaling:EC2_INSTANCE_LAUNCHING",
        NotificationTargetARN=f"arn:aws:sqs:ap-northeast-2:{kg.region.account}:no-such-queue",
        RoleARN=f"arn:aws:iam::{kg.region.account}:role/kg-hooks")
    assert code == "ValidationError" and "Unable to publish test message to notification target" in msg, msg
    assert a.describe_lifecycle_hooks(AutoScalingGroupName=GROUP)["LifecycleHooks"] == []

    a.put_lifecycle_hook(AutoScalingGroupName=GROUP, LifecycleHookName="announce",
                         LifecycleTransition="autoscaling:EC2_INSTANCE_LAUNCHING", HeartbeatTimeout=300,
                         NotificationTargetARN=topic, NotificationMetadata="warm the match cache",
                         RoleARN=f"arn:aws:iam::{kg.region.account}:role/kg-hooks")
    smtp.wait_for(lambda m: "autoscaling:TEST_NOTIFICATION" in body(m) and "hooks@kg.example" in m["To"],
                  what="the hook's test notification")
    a.set_desired_capacity(AutoScalingGroupName=GROUP, DesiredCapacity=3)
    notice = smtp.wait_for(lambda m: "Lifecycle action 'LAUNCHING'" in (m["Subject"] or ""), what="the hook's notice")
    doc, _ = json.JSONDecoder().raw_decode(body(notice).strip())
    assert doc["LifecycleHookName"] == "announce" and doc["NotificationMetadata"] == "warm the match cache", doc
    assert doc["LifecycleTransition"] == "autoscaling:EC2_INSTANCE_LAUNCHING", doc
    waiting = next(i for i in group(kg)["Instances"] if i["InstanceId"] == doc["EC2InstanceId"])
    assert waiting["LifecycleState"] == "Pending:Wait", waiting
    # The token in the notice completes the action.
    a.complete_lifecycle_action(AutoScalingGroupName=GROUP, LifecycleHookName="announce",
                                LifecycleActionToken=doc["LifecycleActionToken"], LifecycleActionResult="CONTINUE")
    wait_in_service(kg, 3, timeout=20)
    a.delete_lifecycle_hook(AutoScalingGroupName=GROUP, LifecycleHookName="announce")

    # AddToLoadBalancer suspended: a new instance goes InService without being registered.
    a.suspend_processes(AutoScalingGroupName=GROUP, ScalingProcesses=["AddToLoadBalancer"])
    before = set(target_health(kg))
    a.set_desired_capacity(AutoScalingGroupName=GROUP, DesiredCapacity=4)
    ins = wait_in_service(kg, 4, timeout=20)
    new = {i["InstanceId"] for i in ins} - before
    assert len(new) == 1, (new, before)
    assert not new & set(target_health(kg)), "an instance was registered while AddToLoadBalancer was suspended"
    states = a.describe_load_balancer_target_groups(AutoScalingGroupName=GROUP)["LoadBalancerTargetGroups"]
    assert states == [{"LoadBalancerTargetGroupARN": kg.tg_arn, "State": "InService"}], states
    a.resume_processes(AutoScalingGroupName=GROUP, ScalingProcesses=["AddToLoadBalancer"])
    time.sleep(1.0)  # a controller pass or two: AWS does not add instances launched while suspended
    assert not new & set(target_health(kg))
    # Leave the group as the next tests expect it: two instances, both behind the load balancer.
    a.terminate_instance_in_auto_scaling_group(InstanceId=new.pop(), ShouldDecrementDesiredCapacity=True)
    a.set_desired_capacity(AutoScalingGroupName=GROUP, DesiredCapacity=2)
    ins = wait_in_service(kg, 2, timeout=30)
    hg.wait_until(lambda: {i["InstanceId"] for i in ins} <= {t for t, s in target_health(kg).items() if s == "healthy"},
                  timeout=15, what="both remaining instances healthy in the target group")


def test_zones_are_rebalanced_unless_az_rebalance_is_suspended(kg):
    a = kg.asg
    name = "KG-ASG-Zones"
    a.create_auto_scaling_group(AutoScalingGroupName=name, MinSize=2, MaxSize=3, DesiredCapacity=2,
                                LaunchTemplate={"LaunchTemplateId": kg.lt["LaunchTemplateId"]},
                                VPCZoneIdentifier=kg.subnets[0]["SubnetId"])

    def zones():
        g = a.describe_auto_scaling_groups(AutoScalingGroupNames=[name])["AutoScalingGroups"][0]
        ins = [i for i in g["Instances"] if i["LifecycleState"] == "InService"]
        return sorted(i["AvailabilityZone"] for i in ins), len(g["Instances"])
    hg.wait_until(lambda: zones() == ([ZONES[0], ZONES[0]], 2), timeout=30, interval=0.3, what="two in the first zone")
    a.suspend_processes(AutoScalingGroupName=name, ScalingProcesses=["AZRebalance"])
    a.update_auto_scaling_group(AutoScalingGroupName=name,
                                VPCZoneIdentifier=",".join(s["SubnetId"] for s in kg.subnets))
    time.sleep(1.5)  # a few controller passes: suspended, nothing moves
    assert zones() == ([ZONES[0], ZONES[0]], 2)
    a.resume_processes(AutoScalingGroupName=name, ScalingProcesses=["AZRebalance"])
    hg.wait_until(lambda: zones() == (sorted(ZONES), 2), timeout=40, interval=0.3, what="one instance per zone")
    causes = [x["Cause"] for x in a.describe_scaling_activities(AutoScalingGroupName=name)["Activities"]]
    assert any("instances were launched to balance instances in zones" in c for c in causes), causes
    a.delete_auto_scaling_group(AutoScalingGroupName=name, ForceDelete=True)
    hg.wait_until(lambda: not a.describe_auto_scaling_groups(AutoScalingGroupNames=[name])["AutoScalingGroups"],
                  timeout=30, interval=0.3, what="the group deleted")


def test_group_metrics_are_collected_once_enabled(kg):
    cw = kg.region.client("cloudwatch")
    c, _, _ = hg.expect_client_error(kg.asg.enable_metrics_collection, AutoScalingGroupName=GROUP,
                                     Metrics=["GroupBogus"], Granularity="1Minute")
    assert c == "ValidationError"
    kg.asg.enable_metrics_collection(AutoScalingGroupName=GROUP, Granularity="1Minute",
                                     Metrics=["GroupDesiredCapacity", "GroupInServiceInstances"])
    assert {m["Metric"] for m in group(kg)["EnabledMetrics"]} == {"GroupDesiredCapacity", "GroupInServiceInstances"}

    def latest(name):
        now = time.time()
        d = cw.get_metric_statistics(Namespace="AWS/AutoScaling", MetricName=name,
                                     Dimensions=[{"Name": "AutoScalingGroupName", "Value": GROUP}],
                                     StartTime=now - 5, EndTime=now + 1, Period=1, Statistics=["Maximum"])["Datapoints"]
        return max(d, key=lambda x: x["Timestamp"])["Maximum"] if d else None
    hg.wait_until(lambda: latest("GroupInServiceInstances") == 2.0, timeout=10, what="GroupInServiceInstances")
    assert latest("GroupDesiredCapacity") == 2.0
    kg.asg.disable_metrics_collection(AutoScalingGroupName=GROUP)
    assert group(kg)["EnabledMetrics"] == []


def test_a_broken_launch_is_a_failed_activity_that_backs_off(region, kg):
    ec2, a = kg.ec2, kg.asg
    lt = ec2.create_launch_template(LaunchTemplateName="broken", LaunchTemplateData={
        "ImageId": "ami-0000000000000dead", "InstanceType": "t2.micro"})["LaunchTemplate"]
    a.create_auto_scaling_group(AutoScalingGroupName="broken-asg", MinSize=1, MaxSize=1,
                                LaunchTemplate={"LaunchTemplateId": lt["LaunchTemplateId"]},
                                VPCZoneIdentifier=kg.subnets[0]["SubnetId"])
    time.sleep(4)
    acts = a.describe_scaling_activities(AutoScalingGroupName="broken-asg")["Activities"]
    assert 1 <= len(acts) <= 2, f"backs off instead of looping: {len(acts)} attempts in 4 s"
    assert acts[0]["StatusCode"] == "Failed"
    assert "ami-0000000000000dead" in acts[0]["StatusMessage"] and "Launching EC2 instance failed." in acts[0]["StatusMessage"]
    assert acts[0]["Description"].startswith("Launching a new EC2 instance.  Status Reason: ")
    a.delete_auto_scaling_group(AutoScalingGroupName="broken-asg", ForceDelete=True)
    hg.wait_until(lambda: a.describe_auto_scaling_groups(AutoScalingGroupNames=["broken-asg"])["AutoScalingGroups"] == [],
                  timeout=10, what="the group is deleted")


def test_target_tracking_on_requests_per_target_and_the_alb_metrics(kg):
    tg_dim = "targetgroup/" + kg.tg_arn.split(":targetgroup/")[1]
    lb_arn = kg.elbv2.describe_load_balancers(Names=["KG-ALB"])["LoadBalancers"][0]["LoadBalancerArn"]
    lb_dim = lb_arn.split(":loadbalancer/")[1]
    # The predefined form is accepted (1-minute alarms, as on AWS) …
    label = f"{lb_dim}/{tg_dim}"
    p = kg.asg.put_scaling_policy(AutoScalingGroupName=GROUP, PolicyName="alb-predefined",
                                  PolicyType="TargetTrackingScaling", TargetTrackingConfiguration={
                                      "TargetValue": 1000.0, "PredefinedMetricSpecification": {
                                          "PredefinedMetricType": "ALBRequestCountPerTarget", "ResourceLabel": label}})
    cw = kg.region.client("cloudwatch")
    high = cw.describe_alarms(AlarmNames=[a["AlarmName"] for a in p["Alarms"]])["MetricAlarms"][0]
    assert (high["Namespace"], high["MetricName"], high["Period"]) == ("AWS/ApplicationELB", "RequestCountPerTarget", 60)
    assert high["Dimensions"] == [{"Name": "TargetGroup", "Value": tg_dim}]
    kg.asg.delete_policy(AutoScalingGroupName=GROUP, PolicyName="alb-predefined")
    # … and tracking it at 10-second resolution scales the group on real requests.
    out = kg.asg.put_scaling_policy(
        AutoScalingGroupName=GROUP, PolicyName="rps", PolicyType="TargetTrackingScaling",
        TargetTrackingConfiguration={"TargetValue": 150.0, "CustomizedMetricSpecification": {
            "MetricName": "RequestCountPerTarget", "Namespace": "AWS/ApplicationELB", "Statistic": "Sum",
            "Period": 10, "Dimensions": [{"Name": "TargetGroup", "Value": tg_dim}]}})
    try:
        high = next(a["AlarmName"] for a in out["Alarms"] if "AlarmHigh" in a["AlarmName"])
        began = time.time()
        with Load(kg, path="/api/matches", threads=4) as load:
            hg.wait_until(lambda: cw.describe_alarms(AlarmNames=[high])["MetricAlarms"][0]["StateValue"] == "ALARM",
                          timeout=30, interval=0.5, what="the high alarm fires")
            breach = time.monotonic()
            wait_in_service(kg, 4, timeout=30)
            took = time.monotonic() - breach
            time.sleep(1)
        assert load.failures == [], load.failures[:5]
        assert took <= 30.0, took
        assert len(load.served) == 4, load.served
        # The load balancer's own metrics, as CloudWatch serves them (taken once a second, so
        # the last requests may take a moment to appear).
        start = int(began) - 5

        def lb_sum(name):
            span = int(time.time() + 1 - start) // 60 * 60 + 60
            d = cw.get_metric_statistics(Namespace="AWS/ApplicationELB", MetricName=name,
                                         Dimensions=[{"Name": "LoadBalancer", "Value": lb_dim}],
                                         StartTime=start, EndTime=start + span, Period=60, Statistics=["Sum"])
            return sum(p["Sum"] for p in d["Datapoints"])
        served = sum(load.served.values())
        hg.wait_until(lambda: lb_sum("RequestCount") >= served, timeout=15, interval=0.5,
                      what=f"RequestCount to reach the {served} requests served")
        # A request is counted when it arrives, its 2XX when the target's answer does: the two
        # may land in consecutive one-second publications.
        hg.wait_until(lambda: lb_sum("HTTPCode_Target_2XX_Count") >= served, timeout=5, interval=0.5,
                      what=f"HTTPCode_Target_2XX_Count to reach the {served} requests served")
        end = time.time() + 1
        healthy = cw.get_metric_statistics(Namespace="AWS/ApplicationELB", MetricName="HealthyHostCount",
                                           Dimensions=[{"Name": "TargetGroup", "Value": tg_dim},
                                                       {"Name": "LoadBalancer", "Value": lb_dim}],
                                           StartTime=end - 5, EndTime=end, Period=1, Statistics=["Maximum"])
        assert max(d["Maximum"] for d in healthy["Datapoints"]) == 4
        wait_in_service(kg, 2, timeout=120)
    finally:
        kg.asg.delete_policy(AutoScalingGroupName=GROUP, PolicyName="rps")


def put_hourly_history(cw, metric, value_at, hours=13 * 24):
    """`hours` hourly datapoints (mid-hour) of KG/Web `metric` by group, up to the current
    hour: value_at(k) for k = hours before the current hour's start, negated (1 = last hour)."""
    if 3600 - time.time() % 3600 < 30:  # the test's hours must not move under it
        time.sleep(3600 - time.time() % 3600 + 1)
    h0 = int(time.time()) // 3600
    data = [{"MetricName": metric, "Dimensions": [{"Name": "AutoScalingGroupName", "Value": GROUP}],
             "Timestamp": (h0 - k) * 3600 + 1800, "Value": value_at(k), "Unit": "Count"}
            for k in range(1, hours + 1)]
    for i in range(0, len(data), 100):
        cw.put_metric_data(Namespace="KG/Web", MetricData=data[i:i + 100])
    return h0


def predictive_config(metric, target, **extra):
    q = lambda i, m, stat: {"MetricDataQueries": [{"Id": i, "MetricStat": {"Metric": {
        "Namespace": "KG/Web", "MetricName": m,
        "Dimensions": [{"Name": "AutoScalingGroupName", "Value": GROUP}]}, "Stat": stat}}]}
    cfg = {"MetricSpecifications": [{"TargetValue": target,
                                     "CustomizedLoadMetricSpecification": q("load", metric, "Sum"),
                                     "CustomizedScalingMetricSpecification": q("scaling", metric + "PerInstance",
                                                                               "Average")}]}
    cfg.update(extra)
    return cfg


def test_a_predictive_policy_made_by_cloudformation(kg):
    """AWS::AutoScaling::ScalingPolicy with a PredictiveScalingConfiguration: the policy the stack
    makes is the one the template describes, and it goes with the stack."""
    import json
    cfn = kg.region.client("cloudformation")
    config = predictive_config("Requests", 500.0, Mode="ForecastOnly", SchedulingBufferTime=300)
    template = {"Resources": {"Predictive": {"Type": "AWS::AutoScaling::ScalingPolicy", "Properties": {
        "AutoScalingGroupName": GROUP, "PolicyType": "PredictiveScaling",
        "PredictiveScalingConfiguration": config}}}}
    cfn.create_stack(StackName="kg-predictive", TemplateBody=json.dumps(template))
    cfn.get_waiter("stack_create_complete").wait(StackName="kg-predictive", WaiterConfig={"Delay": 1})
    arn = cfn.describe_stack_resource(StackName="kg-predictive",
                                      LogicalResourceId="Predictive")["StackResourceDetail"]["PhysicalResourceId"]
    policies = kg.asg.describe_policies(AutoScalingGroupName=GROUP, PolicyTypes=["PredictiveScaling"])["ScalingPolicies"]
    assert [p["PolicyARN"] for p in policies] == [arn], policies
    got = policies[0]["PredictiveScalingConfiguration"]
    assert (got["Mode"], got["SchedulingBufferTime"]) == ("ForecastOnly", 300), got
    assert got["MetricSpecifications"] == config["MetricSpecifications"], got
    cfn.delete_stack(StackName="kg-predictive")
    cfn.get_waiter("stack_delete_complete").wait(StackName="kg-predictive", WaiterConfig={"Delay": 1})
    assert kg.asg.describe_policies(AutoScalingGroupName=GROUP, PolicyTypes=["PredictiveScaling"])["ScalingPolicies"] == []


def test_predictive_scaling_forecasts_the_next_match_night_from_13_days_of_history(kg):
    """Requests per hour: 200 by day, 100 by night, 1800 on two match nights a week (3 hours
    each); the next match night starts 20 hours from now, the other 3.5 days later. Forecast
    capacity at 500 requests per instance: 4 (the group's max) at the match, else 2 (its min)."""
    cw = kg.region.client("cloudwatch")

    def requests(k):  # k hours before the current hour
        w = (-k) % 168
        if w in (20, 21, 22) or w in (92, 93, 94):
            return 1800.0
        return 200.0 if (((-k) % 24) < 12) else 100.0
    h0 = put_hourly_history(cw, "Requests", requests)
    a = kg.asg
    arn = a.put_scaling_policy(AutoScalingGroupName=GROUP, PolicyName="kg-predictive", PolicyType="PredictiveScaling",
                               PredictiveScalingConfiguration=predictive_config("Requests", 500.0))["PolicyARN"]
    try:
        p = a.describe_policies(AutoScalingGroupName=GROUP, PolicyNames=["kg-predictive"])["ScalingPolicies"][0]
        assert p["PolicyARN"] == arn and p["PolicyType"] == "PredictiveScaling" and p["Alarms"] == []
        cfg = p["PredictiveScalingConfiguration"]
        assert (cfg["Mode"], cfg["SchedulingBufferTime"], cfg["MaxCapacityBreachBehavior"]) == (
            "ForecastOnly", 0, "HonorMaxCapacity")
        assert cfg["MetricSpecifications"] == predictive_config("Requests", 500.0)["MetricSpecifications"]
        now = time.time()
        f = a.get_predictive_scaling_forecast(AutoScalingGroupName=GROUP, PolicyName="kg-predictive",
                                              StartTime=now, EndTime=now + 2 * 86400)
        load = f["LoadForecast"][0]
        assert load["MetricSpecification"] == cfg["MetricSpecifications"][0]
        hours = [int(t.timestamp()) // 3600 - h0 for t in load["Timestamps"]]
        assert hours == list(range(48)), hours
        peak = max(load["Values"])
        peak_hour = hours[load["Values"].index(peak)]
        assert peak_hour in (20, 21, 22), (peak_hour, load["Values"])
        assert abs(peak - 1800.0) <= 0.2 * 1800.0, peak
        assert all(abs(v - requests(-h)) <= 0.2 * requests(-h) for h, v in zip(hours, load["Values"])), load["Values"]
        cap = f["CapacityForecast"]
        assert [int(t.timestamp()) // 3600 - h0 for t in cap["Timestamps"]] == hours
        assert [cap["Values"][h] for h in (19, 20, 21, 22, 23)] == [2.0, 4.0, 4.0, 4.0, 2.0], cap["Values"]
        assert abs(f["UpdateTime"].timestamp() - now) < 60
        # A narrower window is the forecast's hours within it.
        g = a.get_predictive_scaling_forecast(AutoScalingGroupName=GROUP, PolicyName="kg-predictive",
                                              StartTime=(h0 + 20) * 3600, EndTime=(h0 + 23) * 3600)
        assert g["CapacityForecast"]["Values"] == [4.0, 4.0, 4.0]
        # The last match night (76 hours ago) as it was forecast at the start of its hours.
        past = a.get_predictive_scaling_forecast(AutoScalingGroupName=GROUP, PolicyName="kg-predictive",
                                                 StartTime=(h0 - 77) * 3600, EndTime=(h0 - 73) * 3600)
        assert [int(t.timestamp()) // 3600 - h0 for t in past["LoadForecast"][0]["Timestamps"]] == [-77, -76, -75, -74]
        assert past["LoadForecast"][0]["Values"] == [100.0, 1800.0, 1800.0, 1800.0]
        assert past["CapacityForecast"]["Values"] == [2.0, 4.0, 4.0, 4.0]
        # IAM: autoscaling:GetPredictiveScalingForecast on the group, as AWS authorises it.
        window = dict(AutoScalingGroupName=GROUP, PolicyName="kg-predictive", StartTime=h0 * 3600,
                      EndTime=(h0 + 1) * 3600)
        reader = kg.region.client("autoscaling", *kg.region.make_user("asg-reader", inline={"p": hg.policy(
            hg.allow("autoscaling:Describe*"))}))
        code, msg, status = hg.expect_client_error(reader.get_predictive_scaling_forecast, **window)
        assert (code, status) == ("AccessDenied", 403) and "autoscaling:GetPredictiveScalingForecast" in msg, msg
        forecaster = kg.region.client("autoscaling", *kg.region.make_user("asg-forecaster", inline={"p": hg.policy(
            hg.allow("autoscaling:GetPredictiveScalingForecast", group(kg)["AutoScalingGroupARN"]))}))
        assert len(forecaster.get_predictive_scaling_forecast(**window)["CapacityForecast"]["Values"]) == 1
    finally:
        a.delete_policy(AutoScalingGroupName=GROUP, PolicyName="kg-predictive")
    assert a.describe_policies(AutoScalingGroupName=GROUP, PolicyTypes=["PredictiveScaling"])["ScalingPolicies"] == []


def test_predictive_scaling_bad_input_gets_validation_errors(kg):
    a = kg.region.client("autoscaling", parameter_validation=False)
    pair = {"TargetValue": 50.0, "PredefinedMetricPairSpecification": {"PredefinedMetricType": "ASGCPUUtilization"}}
    cases = [
        ({"MetricSpecifications": [pair, pair]}, "exactly one metric specification"),
        ({"MetricSpecifications": [dict(pair, TargetValue=0.0)]}, "TargetValue must be greater than 0"),
        ({"MetricSpecifications": [{"TargetValue": 5.0, "PredefinedMetricPairSpecification": {
            "PredefinedMetricType": "ASGMemory"}}]}, "Member must satisfy enum value set"),
        ({"MetricSpecifications": [{"TargetValue": 5.0, "PredefinedLoadMetricSpecification": {
            "PredefinedMetricType": "ASGTotalCPUUtilization"}}]}, "a metric pair, or a load metric and a scaling metric"),
        ({"MetricSpecifications": [{"TargetValue": 5.0, "PredefinedMetricPairSpecification": {
            "PredefinedMetricType": "ALBRequestCount"}}]}, "ResourceLabel is required"),
        ({"MetricSpecifications": [pair], "Mode": "ForecastSometimes"}, "Member must satisfy enum value set"),
        ({"MetricSpecifications": [pair], "SchedulingBufferTime": 3601}, "SchedulingBufferTime"),
        ({"MetricSpecifications": [pair], "MaxCapacityBreachBehavior": "IncreaseMaxCapacity"},
         "MaxCapacityBuffer is required"),
        ({"MetricSpecifications": [pair], "MaxCapacityBreachBehavior": "IncreaseMaxCapacity",
          "MaxCapacityBuffer": 101}, "Member must have value less than or equal to 100"),
        ({"MetricSpecifications": [pair], "MaxCapacityBuffer": 10}, "only be specified when"),
    ]
    for cfg, text in cases:
        c, msg, status = hg.expect_client_error(a.put_scaling_policy, AutoScalingGroupName=GROUP, PolicyName="bad",
                                                PolicyType="PredictiveScaling", PredictiveScalingConfiguration=cfg)
        assert (c, status) == ("ValidationError", 400) and text in msg, (cfg, c, msg)
    # ALBRequestCount names the group's target group by ResourceLabel.
    lb = kg.elbv2.describe_load_balancers(Names=["KG-ALB"])["LoadBalancers"][0]["LoadBalancerArn"]
    label = lb.split(":loadbalancer/")[1] + "/" + kg.tg_arn.split(":")[-1]
    alb = lambda lbl: {"MetricSpecifications": [{"TargetValue": 1000.0, "PredefinedMetricPairSpecification": {
        "PredefinedMetricType": "ALBRequestCount", "ResourceLabel": lbl}}]}
    other = label.rsplit("/", 2)[0] + "/KG-Other/0123456789abcdef"
    c, msg, _ = hg.expect_client_error(a.put_scaling_policy, AutoScalingGroupName=GROUP, PolicyName="bad",
                                       PolicyType="PredictiveScaling", PredictiveScalingConfiguration=alb(other))
    assert c == "ValidationError" and "is not attached to the Auto Scaling group" in msg, msg
    assert a.describe_policies(AutoScalingGroupName=GROUP)["ScalingPolicies"] == []
    a.put_scaling_policy(AutoScalingGroupName=GROUP, PolicyName="alb", PolicyType="PredictiveScaling",
                         PredictiveScalingConfiguration=alb(label))
    got = a.describe_policies(AutoScalingGroupName=GROUP, PolicyNames=["alb"])["ScalingPolicies"][0]
    assert got["PredictiveScalingConfiguration"]["MetricSpecifications"] == alb(label)["MetricSpecifications"]
    a.delete_policy(AutoScalingGroupName=GROUP, PolicyName="alb")
    a.put_scaling_policy(AutoScalingGroupName=GROUP, PolicyName="cpu", PolicyType="PredictiveScaling",
                         PredictiveScalingConfiguration={"MetricSpecifications": [pair]})
    try:
        now = time.time()
        for kw, text in [
            (dict(PolicyName="cpu", StartTime=now, EndTime=now - 1), "EndTime must be after StartTime"),
            (dict(PolicyName="cpu", StartTime=now, EndTime=now + 31 * 86400), "must not exceed 30 days"),
            (dict(PolicyName="nope", StartTime=now, EndTime=now + 3600), "No predictive scaling policy named nope"),
        ]:
            c, msg, _ = hg.expect_client_error(a.get_predictive_scaling_forecast, AutoScalingGroupName=GROUP, **kw)
            assert c == "ValidationError" and text in msg, (kw, c, msg)
        # No CPU history yet: no forecast (AWS needs 24 hours of data).
        f = a.get_predictive_scaling_forecast(AutoScalingGroupName=GROUP, PolicyName="cpu", StartTime=now,
                                              EndTime=now + 86400)
        assert f["LoadForecast"][0]["Values"] == [] and f["CapacityForecast"]["Values"] == []
        c, msg, _ = hg.expect_client_error(a.execute_policy, AutoScalingGroupName=GROUP, PolicyName="cpu")
        assert c == "ValidationError" and "predictive" in msg
    finally:
        a.delete_policy(AutoScalingGroupName=GROUP, PolicyName="cpu")


def test_forecast_and_scale_brings_the_group_to_this_hours_forecast_capacity(kg):
    """A weekly peak of 1800 requests per hour that covers the current hour (and the next): at
    500 per instance, ForecastAndScale brings the group from 2 to 4 instances, activity cause
    naming the policy; dynamic scaling does not take it below that within the hour."""
    cw = kg.region.client("cloudwatch")
    put_hourly_history(cw, "PeakRequests", lambda k: 1800.0 if (-k) % 168 in (0, 1, 167) else 200.0)
    a = kg.asg
    assert group(kg)["DesiredCapacity"] == 2
    a.put_scaling_policy(AutoScalingGroupName=GROUP, PolicyName="kg-forecast-and-scale",
                         PolicyType="PredictiveScaling",
                         PredictiveScalingConfiguration=predictive_config("PeakRequests", 500.0,
                                                                          Mode="ForecastAndScale"))
    try:
        hg.wait_until(lambda: group(kg)["DesiredCapacity"] == 4, timeout=10, interval=0.5,
                      what="the forecast capacity of 4")
        wait_in_service(kg, 4, timeout=60)
        cause = next(x["Cause"] for x in activities(kg) if "predictive scaling" in x["Cause"])
        assert "policy kg-forecast-and-scale changing the desired capacity from 2 to 4" in cause, cause
        a.put_scaling_policy(AutoScalingGroupName=GROUP, PolicyName="down", AdjustmentType="ChangeInCapacity",
                             ScalingAdjustment=-2)
        a.execute_policy(AutoScalingGroupName=GROUP, PolicyName="down")
        assert group(kg)["DesiredCapacity"] == 4
    finally:
        a.delete_policy(AutoScalingGroupName=GROUP, PolicyName="kg-forecast-and-scale")
        a.delete_policy(AutoScalingGroupName=GROUP, PolicyName="down")
        a.set_desired_capacity(AutoScalingGroupName=GROUP, DesiredCapacity=2)
    wait_in_service(kg, 2, timeout=120)


def test_a_surprise_surge_above_the_forecast_is_met_by_a_reactive_policy(kg):
    """ForecastAndScale on a quiet history (the forecast asks for no more than MinSize) does not
    stop a surprise surge: an alarm on live requests executes a step policy that takes the group
    to 4, and the forecast does not pull it back below that."""
    cw = kg.region.client("cloudwatch")
    put_hourly_history(cw, "QuietRequests", lambda k: 300.0)
    a = kg.asg
    assert group(kg)["DesiredCapacity"] == 2
    a.put_scaling_policy(AutoScalingGroupName=GROUP, PolicyName="kg-forecast-quiet", PolicyType="PredictiveScaling",
                         PredictiveScalingConfiguration=predictive_config("QuietRequests", 500.0,
                                                                          Mode="ForecastAndScale"))
    surge = a.put_scaling_policy(AutoScalingGroupName=GROUP, PolicyName="kg-surge", PolicyType="StepScaling",
                                 AdjustmentType="ExactCapacity",
                                 StepAdjustments=[{"MetricIntervalLowerBound": 0.0, "ScalingAdjustment": 4}])
    dims = [{"Name": "AutoScalingGroupName", "Value": GROUP}]
    cw.put_metric_alarm(AlarmName="kg-surprise-surge", Namespace="KG/Web", MetricName="LiveRequests",
                        Dimensions=dims, Statistic="Sum", Period=10, EvaluationPeriods=1, Threshold=1000.0,
                        ComparisonOperator="GreaterThanThreshold", AlarmActions=[surge["PolicyARN"]])
    try:
        time.sleep(2)  # the predictive policy has had its passes: the forecast keeps 2
        assert group(kg)["DesiredCapacity"] == 2
        cw.put_metric_data(Namespace="KG/Web", MetricData=[{"MetricName": "LiveRequests", "Dimensions": dims,
                                                             "Value": 5000.0, "StorageResolution": 1}])
        hg.wait_until(lambda: group(kg)["DesiredCapacity"] == 4, timeout=15, interval=0.2, what="the surge policy")
        wait_in_service(kg, 4, timeout=60)
        cause = next(x["Cause"] for x in activities(kg) if "kg-surprise-surge" in x["Cause"])
        assert "alarm kg-surprise-surge" in cause and "from 2 to 4" in cause, cause
        time.sleep(3)  # forecast passes: it is a floor, not a ceiling
        assert group(kg)["DesiredCapacity"] == 4
    finally:
        cw.delete_alarms(AlarmNames=["kg-surprise-surge"])
        a.delete_policy(AutoScalingGroupName=GROUP, PolicyName="kg-forecast-quiet")
        a.delete_policy(AutoScalingGroupName=GROUP, PolicyName="kg-surge")
        a.set_desired_capacity(AutoScalingGroupName=GROUP, DesiredCapacity=2)
    wait_in_service(kg, 2, timeout=120)
