"""The console's match-day view and its other pages in a real browser (headless Chromium, as in
test_console.py): a load generator drives KG-Ami instances behind an ALB while the view's
numbers move and a step-scaling alarm scales the group out; then a metric's live graph, the alarm history, SNS, IAM,
CloudFormation, RDS, images/snapshots and network pages, each with a hostile value that must
render as text."""

from __future__ import annotations

import json
import re
import time

import pytest

import hg
import test_console
from test_autoscaling import Load
from test_console import (  # noqa: F401 - browser and shots are fixtures used by name
    HOSTILE, browser, no_horizontal_scroll, shots, sign_in, signed_in_as, wait)

try:
    from selenium.common.exceptions import NoAlertPresentException, TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select
except ImportError:  # the `browser` fixture reports it
    pass

OPERATOR, PASSWORD = "matchday", "Final-whistle-2026!"
GROUP = "md-asg"


@pytest.fixture(scope="module")
def kg(region, tmp_path_factory):
    """KG-Ami in a group of 1..2 behind an ALB on port 80, and an operator who may read it all."""
    bundle = hg.kg_ami_bundle(tmp_path_factory.mktemp("kg-ami"))
    ec2, asg = region.client("ec2"), region.client("autoscaling")
    elbv2 = region.client("elbv2", parameter_validation=False)  # 1-second health checks
    ami = ec2.register_image(Name="KG-Ami", ImageLocation=str(bundle))["ImageId"]
    zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]][:2]
    subnets = [ec2.describe_subnets(Filters=[{"Name": "availability-zone", "Values": [z]},
                                             {"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]
               for z in zones]
    ec2.create_launch_template(LaunchTemplateName="md-lt", LaunchTemplateData={"ImageId": ami, "InstanceType": "t2.micro"})
    alb = elbv2.create_load_balancer(Name="md-alb", Subnets=[s["SubnetId"] for s in subnets],
                                     Type="application")["LoadBalancers"][0]
    tg = elbv2.create_target_group(Name="md-tg", Protocol="HTTP", Port=80, VpcId=subnets[0]["VpcId"],
                                   HealthCheckPath="/health", HealthCheckIntervalSeconds=1, HealthCheckTimeoutSeconds=1,
                                   HealthyThresholdCount=2, UnhealthyThresholdCount=2)["TargetGroups"][0]
    elbv2.create_listener(LoadBalancerArn=alb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
    asg.create_auto_scaling_group(
        AutoScalingGroupName=GROUP, LaunchTemplate={"LaunchTemplateName": "md-lt"}, MinSize=1, MaxSize=2,
        DesiredCapacity=1, VPCZoneIdentifier=",".join(s["SubnetId"] for s in subnets),
        TargetGroupARNs=[tg["TargetGroupArn"]], HealthCheckType="ELB", HealthCheckGracePeriod=3,
        DefaultInstanceWarmup=5)
    region.make_user(OPERATOR, inline={"ops": hg.policy(hg.allow(
        ["ec2:*", "autoscaling:*", "elasticloadbalancing:*", "cloudwatch:*", "sns:*", "iam:Get*", "iam:List*",
         "cloudformation:Describe*", "cloudformation:List*", "rds:Describe*"]))})
    region.client("iam").create_login_profile(UserName=OPERATOR, Password=PASSWORD)
    ns = type("KG", (), {})()
    ns.region, ns.ec2, ns.elbv2, ns.asg, ns.cw = region, ec2, elbv2, asg, region.client("cloudwatch")
    ns.alb, ns.tg_arn, ns.host = alb, tg["TargetGroupArn"], alb["DNSName"]
    ns.lb_dim = alb["LoadBalancerArn"].split(":loadbalancer/")[1]
    ns.endpoint = region.endpoint
    healthy_targets(ns, 1, timeout=60)
    return ns


def healthy_targets(kg, n, timeout):
    def ok():
        d = kg.elbv2.describe_target_health(TargetGroupArn=kg.tg_arn)["TargetHealthDescriptions"]
        return len([t for t in d if t["TargetHealth"]["State"] == "healthy"]) == n
    hg.wait_until(ok, timeout=timeout, interval=0.3, what=f"{n} healthy targets")


def number(driver, stat_id):
    return float(driver.find_element(By.ID, stat_id).get_attribute("data-value"))


def content(driver):
    return driver.find_element(By.ID, "content").text


def no_script_ran(driver):
    assert driver.find_elements(By.CSS_SELECTOR, "#page img") == []
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018


RENDER_MS: dict[str, float] = {}


def go(driver, hash_, marker):
    """Open a page from the menu and wait for `marker`; note how long the page took to draw."""
    try:
        test_console.go(driver, hash_, marker)
    except TimeoutException:
        raise AssertionError(f"{hash_} never showed what was awaited; it shows: {content(driver)!r}") from None
    RENDER_MS[hash_] = test_console.RENDER_MS[hash_]


# ---- the match-day view --------------------------------------------------------------------


def test_the_match_day_view_follows_the_load_and_the_scale_out(kg, browser, shots):
    # A step-scaling policy on the load balancer's requests, with 10-second periods.
    policy = kg.asg.put_scaling_policy(
        AutoScalingGroupName=GROUP, PolicyName="more-fans", PolicyType="StepScaling",
        AdjustmentType="ChangeInCapacity", EstimatedInstanceWarmup=5,
        StepAdjustments=[{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}])["PolicyARN"]
    kg.cw.put_metric_alarm(
        AlarmName="md-requests-high", Namespace="AWS/ApplicationELB", MetricName="RequestCount", Statistic="Sum",
        Dimensions=[{"Name": "LoadBalancer", "Value": kg.lb_dim}], Period=10, EvaluationPeriods=1, Threshold=50.0,
        ComparisonOperator="GreaterThanThreshold", TreatMissingData="notBreaching", AlarmActions=[policy])
    # An alarm whose name is hostile: the view lists every alarm.
    kg.cw.put_metric_alarm(
        AlarmName=HOSTILE, Namespace="KG/Web", MetricName="Errors", Statistic="Sum", Period=60, EvaluationPeriods=1,
        Threshold=1.0, ComparisonOperator="GreaterThanThreshold")

    # The view's own address, straight after sign-in.
    sign_in(browser, kg, OPERATOR, PASSWORD)
    signed_in_as(browser, OPERATOR)
    browser.get(f"{kg.endpoint}/console/match-day")
    signed_in_as(browser, OPERATOR)
    wait(browser, lambda d: d.find_element(By.ID, "mdRps"), timeout=20, what="the match-day view")
    assert browser.find_element(By.CSS_SELECTOR, '#nav a[aria-current="page"]').text == "Match day"
    wait(browser, lambda d: number(d, "mdDesired") == 1 and number(d, "mdInService") == 1
         and number(d, "mdHealthy") == 1, what="one instance in service and healthy")
    assert number(browser, "mdRps") == 0
    # It moves every second, by itself.
    stamps = set()
    t_end = time.monotonic() + 3.5
    while time.monotonic() < t_end:
        stamps.add(browser.find_element(By.ID, "mdClock").text)
        time.sleep(0.2)
    assert len(stamps) >= 3, stamps
    activities_before = len(browser.find_elements(By.CSS_SELECTOR, "#mdChart line.activity"))
    hostile = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#mdLive tr[data-alarm^='<img']"),
                   what="the hostile alarm")
    assert hostile.find_element(By.CSS_SELECTOR, "td").text == HOSTILE
    no_script_ran(browser)

    with Load(kg, path="/api/matches") as load:
        wait(browser, lambda d: number(d, "mdRps") > 0, timeout=20, what="requests/s above 0")
        wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#mdChart rect.bar")) > 0,
             what="the requests drawn")
        wait(browser, lambda d: d.find_element(By.ID, "mdP50").get_attribute("data-value").endswith(" ms"),
             what="a response time")
        wait(browser, lambda d: "ALARM" in d.find_element(By.CSS_SELECTOR, "#mdLive tr[data-alarm='md-requests-high']").text,
             timeout=40, what="the requests alarm firing")
        wait(browser, lambda d: number(d, "mdDesired") == 2, timeout=30, what="the group scaled out")
        wait(browser, lambda d: number(d, "mdInService") == 2 and number(d, "mdHealthy") == 2, timeout=60,
             what="two instances in service and healthy")
        wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#mdChart line.activity")) > activities_before,
             what="the scale-out on the time axis")
        wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#mdChart rect.band-ALARM")) > 0,
             what="the alarm's state on the time axis")
        # The match goes on a while: traffic on two instances, drawn second by second. The
        # view's requests/s is the load generator's own rate, give or take.
        before, t0 = sum(load.served.values()), time.monotonic()
        shown = []
        while time.monotonic() - t0 < 10:
            time.sleep(1)
            shown.append(number(browser, "mdRps"))
        rate = (sum(load.served.values()) - before) / (time.monotonic() - t0)
        median = sorted(shown)[len(shown) // 2]
        assert rate / 3 <= median <= rate * 3, (rate, shown)
        assert len(browser.find_elements(By.CSS_SELECTOR, "#mdChart rect.bar")) >= 8
        assert no_horizontal_scroll(browser)
        browser.save_screenshot(str(shots / "match-day.png"))
    served = sum(load.served.values())
    assert served > 0 and load.failures == [], load.failures[:5]
    assert len(load.served) == 2, load.served  # both instances served
    print(f"match day: {served} requests served, {rate:.0f}/s while the view showed {shown}")
    # What the view showed is what the API says.
    g = kg.asg.describe_auto_scaling_groups(AutoScalingGroupNames=[GROUP])["AutoScalingGroups"][0]
    assert g["DesiredCapacity"] == 2
    acts = kg.asg.describe_scaling_activities(AutoScalingGroupName=GROUP)["Activities"]
    assert any("md-requests-high" in a["Cause"] for a in acts), [a["Cause"] for a in acts]
    wait(browser, lambda d: "md-requests-high" in d.find_element(
        By.CSS_SELECTOR, "section[aria-label='Scaling activities']").text, what="the alarm named as the cause")


def test_the_match_day_view_is_keyboard_driven(kg, browser):
    select = browser.find_element(By.ID, "mdGroup")
    select.send_keys(Keys.HOME)
    assert browser.switch_to.active_element == select
    assert select.get_attribute("value") == GROUP
    chart = browser.find_element(By.ID, "mdChart")
    assert chart.get_attribute("role") == "img" and "Requests per second" in chart.get_attribute("aria-label")


# ---- the other pages -----------------------------------------------------------------------


def test_a_metric_drawn_live_at_one_second(kg, browser, shots):
    """A custom high-resolution metric, put once a second while the page is open, whose
    dimension value is hostile."""
    def put(value):
        kg.cw.put_metric_data(Namespace="KG/Match", MetricData=[{
            "MetricName": "Goals", "Dimensions": [{"Name": "Match", "Value": HOSTILE}], "Value": value,
            "StorageResolution": 1}])
    put(1)
    time.sleep(1.1)  # each value in a second of its own: five datapoints
    label = f"KG/Match · Goals · Match={HOSTILE}"
    go(browser, "#/metrics", lambda d: label in [o.text for o in d.find_elements(By.CSS_SELECTOR, "#metricChoice option")])
    no_script_ran(browser)
    choice = browser.find_element(By.ID, "metricChoice")
    index = [o.text for o in choice.find_elements(By.TAG_NAME, "option")].index(label)
    Select(choice).select_by_index(index)
    Select(browser.find_element(By.ID, "metricStat")).select_by_value("Maximum")
    for v in range(2, 6):
        put(v)
        wait(browser, lambda d: d.find_element(By.ID, "metricLatest").get_attribute("data-value") == str(v),
             what=f"the latest value {v}")
        time.sleep(1.1)
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#metricChart circle.point")) >= 5,
         what="every second's datapoint drawn")
    assert label in browser.find_element(By.ID, "metricChart").get_attribute("aria-label")
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(shots / "metrics.png"))


def test_the_alarm_history_page(kg, browser, shots):
    go(browser, "#/alarm-history", lambda d: "md-requests-high" in content(d))
    rows = browser.find_elements(By.CSS_SELECTOR, "#content tr[data-alarm='md-requests-high']")
    assert any("to ALARM" in r.text for r in rows), [r.text for r in rows]
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(shots / "alarm-history.png"))


def test_sns_topics_and_subscriptions(kg, browser, shots):
    sns = kg.region.client("sns")
    arn = sns.create_topic(Name="kg-match-alerts", Attributes={"DisplayName": HOSTILE})["TopicArn"]
    sns.subscribe(TopicArn=arn, Protocol="email", Endpoint="ops@kgsports.example")
    go(browser, "#/sns", lambda d: "kg-match-alerts" in content(d))
    card = browser.find_element(By.CSS_SELECTOR, f"section[data-topic='{arn}']")
    assert f"display name “{HOSTILE}”" in card.text
    assert "ops@kgsports.example" in card.text and "email" in card.text
    no_script_ran(browser)
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(shots / "sns.png"))


def test_iam_users_groups_and_policies(kg, browser, shots):
    iam = kg.region.client("iam")
    iam.create_group(GroupName="kg-operators")
    iam.add_user_to_group(GroupName="kg-operators", UserName=OPERATOR)
    p = iam.create_policy(PolicyName="kg-read", Description=HOSTILE,
                          PolicyDocument=hg.policy(hg.allow("ec2:Describe*")))["Policy"]["Arn"]
    iam.attach_user_policy(UserName=OPERATOR, PolicyArn=p)
    go(browser, "#/iam", lambda d: "kg-operators" in content(d) and "kg-read" in content(d))
    user = browser.find_element(By.CSS_SELECTOR, f"tr[data-user='{OPERATOR}']")
    assert "kg-operators" in user.text and "kg-read" in user.text
    assert OPERATOR in browser.find_element(By.CSS_SELECTOR, "tr[data-group='kg-operators']").text
    assert HOSTILE in browser.find_element(By.CSS_SELECTOR, "tr[data-policy='kg-read']").text
    no_script_ran(browser)
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(shots / "iam.png"))


def test_cloudformation_stacks_and_their_event_timeline(kg, browser, shots):
    cfn = kg.region.client("cloudformation")
    template = {"AWSTemplateFormatVersion": "2010-09-09", "Description": HOSTILE,
                "Resources": {"Alerts": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "kg-stack-topic"}}}}
    cfn.create_stack(StackName="kg-alerts", TemplateBody=json.dumps(template))
    hg.wait_until(lambda: cfn.describe_stacks(StackName="kg-alerts")["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE",
                  timeout=30, interval=0.3, what="the stack created")
    go(browser, "#/stacks", lambda d: "CREATE_COMPLETE" in content(d) and "kg-alerts" in content(d))
    row = browser.find_element(By.CSS_SELECTOR, "tr[data-stack='kg-alerts']")
    assert HOSTILE in row.text
    row.find_element(By.CSS_SELECTOR, "button[data-action='events']").click()
    panel = wait(browser, lambda d: d.find_element(By.ID, "eventsPanel"), what="the events")
    steps = [li.get_attribute("data-status") for li in panel.find_elements(By.CSS_SELECTOR, "li")]
    assert steps[0] == "CREATE_IN_PROGRESS" and steps[-1] == "CREATE_COMPLETE", steps
    assert "Alerts (AWS::SNS::Topic)" in panel.text
    assert browser.switch_to.active_element.text == "Events of kg-alerts"
    no_script_ran(browser)
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(shots / "stacks.png"))


def test_rds_db_instances(kg, browser, shots):
    rds = kg.region.client("rds")
    rds.create_db_instance(DBInstanceIdentifier="kg-stats", Engine="mysql", DBInstanceClass="db.t3.micro",
                           MasterUsername="admin", MasterUserPassword="Kg-sports-2026!", AllocatedStorage=20,
                           Tags=[{"Key": "Evil", "Value": HOSTILE}])
    go(browser, "#/rds", lambda d: "kg-stats" in content(d))
    row = browser.find_element(By.CSS_SELECTOR, "tr[data-db='kg-stats']")
    assert "mysql" in row.text and "db.t3.micro" in row.text and "20 GiB" in row.text
    assert f"Evil={HOSTILE}" in row.text
    no_script_ran(browser)
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(shots / "rds.png"))
    rds.delete_db_instance(DBInstanceIdentifier="kg-stats", SkipFinalSnapshot=True)


def test_images_and_snapshots(kg, browser, shots):
    zone = kg.ec2.describe_availability_zones()["AvailabilityZones"][0]["ZoneName"]
    vol = kg.ec2.create_volume(AvailabilityZone=zone, Size=1)["VolumeId"]
    hg.wait_until(lambda: kg.ec2.describe_volumes(VolumeIds=[vol])["Volumes"][0]["State"] == "available",
                  timeout=10, what="the volume available")
    snap = kg.ec2.create_snapshot(VolumeId=vol, Description="before the final", TagSpecifications=[
        {"ResourceType": "snapshot", "Tags": [{"Key": "Name", "Value": HOSTILE}]}])["SnapshotId"]
    go(browser, "#/images", lambda d: snap in content(d) and "KG-Ami" in content(d))
    row = browser.find_element(By.CSS_SELECTOR, f"tr[data-snapshot='{snap}']")
    assert row.find_element(By.TAG_NAME, "td").text == HOSTILE
    assert vol in row.text and "1 GiB" in row.text and "before the final" in row.text
    assert "available" in browser.find_element(By.CSS_SELECTOR, "tr[data-image^='ami-']").text
    no_script_ran(browser)
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(shots / "images.png"))


def test_vpcs_subnets_and_security_groups(kg, browser, shots):
    vpc = kg.ec2.create_vpc(CidrBlock="10.214.0.0/16", TagSpecifications=[
        {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": HOSTILE}]}])["Vpc"]["VpcId"]
    subnet = kg.ec2.create_subnet(VpcId=vpc, CidrBlock="10.214.1.0/24")["Subnet"]["SubnetId"]
    sg = kg.ec2.create_security_group(VpcId=vpc, GroupName="kg-web", Description="KG web tier")["GroupId"]
    kg.ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "10.214.0.0/16"}]}])
    go(browser, "#/network", lambda d: sg in content(d))
    vpc_row = browser.find_element(By.CSS_SELECTOR, f"tr[data-vpc='{vpc}']")
    assert vpc_row.find_element(By.TAG_NAME, "td").text == HOSTILE and "10.214.0.0/16" in vpc_row.text
    assert "10.214.1.0/24" in browser.find_element(By.CSS_SELECTOR, f"tr[data-subnet='{subnet}']").text
    sg_row = browser.find_element(By.CSS_SELECTOR, f"tr[data-security-group='{sg}']")
    assert "kg-web" in sg_row.text and "KG web tier" in sg_row.text
    assert "tcp 80 10.214.0.0/16" in sg_row.text and "all traffic 0.0.0.0/0" in sg_row.text
    no_script_ran(browser)
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(shots / "network.png"))


def test_a_live_page_left_before_it_was_drawn_stays_left(kg, browser):
    # Three pages opened in one go: each is left while its first reads are still answered.
    browser.execute_script('location.hash = "#/match-day"; setTimeout(() => { location.hash = "#/metrics"; '
                           'setTimeout(() => { location.hash = "#/sns"; }, 0); }, 0);')
    wait(browser, lambda d: "kg-match-alerts" in content(d), what="the SNS page")
    time.sleep(2.5)  # a live page's timer, had one been left behind, would have fired twice
    assert "kg-match-alerts" in content(browser)
    assert browser.find_elements(By.CSS_SELECTOR, "#mdControls, #mdLive, #metricControls, #metricLive") == []


def test_every_page_draws_in_under_a_second(kg, browser):
    go(browser, "#/match-day", lambda d: d.find_element(By.ID, "mdRps"))
    print(f"console pages drawn in (ms): {RENDER_MS}")
    # The aim is 200 ms; a debug build on a shared machine gets some slack.
    assert set(RENDER_MS) >= {"#/match-day", "#/alarm-history", "#/sns", "#/iam", "#/stacks", "#/rds", "#/images",
                              "#/network", "#/metrics"}, RENDER_MS
    assert all(ms < 1000 for ms in RENDER_MS.values()), RENDER_MS


def test_a_user_without_iam_permissions_sees_iams_refusal(kg, browser):
    kg.region.make_user("md-viewer", inline={"read": hg.policy(hg.allow("ec2:Describe*"))})
    kg.region.client("iam").create_login_profile(UserName="md-viewer", Password="Look-only-2026!")
    browser.find_element(By.ID, "signout").click()
    wait(browser, lambda d: d.find_element(By.ID, "signin").is_displayed(), what="signed out")
    sign_in(browser, kg, "md-viewer", "Look-only-2026!")
    signed_in_as(browser, "md-viewer")
    go(browser, "#/iam", lambda d: "AccessDenied" in content(d))
    assert "is not authorized to perform: iam:List" in content(browser)
    go(browser, "#/match-day", lambda d: "AccessDenied" in content(d))
    # Whichever of the view's first two reads IAM answers first.
    assert re.search(r"is not authorized to perform: (elasticloadbalancing:DescribeLoadBalancers|"
                     r"autoscaling:DescribeAutoScalingGroups) ", content(browser)), content(browser)
