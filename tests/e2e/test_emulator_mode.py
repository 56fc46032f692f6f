"""Emulator mode (`--accept-any-credentials`) for other people's test suites: the reset endpoint
that empties the region between tests, the fixed account id, and the catalogue of public images
and their SSM aliases. Without the flag none of it exists."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import time

import pytest

import hg

RESET = "/_homeground/reset"
# moto's and LocalStack's paths of the same reset, for suites' fixtures written for them.
RESET_ALIASES = ("/moto-api/reset", "/_localstack/state/reset")
MOTO_ACCOUNT = "123456789012"
ANY_KEY = ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")

STACK_TEMPLATE = json.dumps({
    "Resources": {
        "Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "stack-jobs"}},
        "News": {"Type": "AWS::SNS::Topic"},
    }
})


def post_reset(endpoint: str) -> hg.RawResponse:
    return hg.send(endpoint, "POST", RESET)


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def emu(tmp_path_factory):
    """An emulator-mode region with moto's account id; clients sign with a made-up key."""
    r = hg.Region(tmp_path_factory.mktemp("emu"), extra_args=["--accept-any-credentials", "--account-id",
                                                                MOTO_ACCOUNT])
    r.start()
    r.any = lambda service: r.client(service, *ANY_KEY)
    try:
        yield r
    finally:
        r.close()


def populate(r: hg.Region, bundle) -> dict:
    """One of (nearly) everything the region serves, running where it runs."""
    ec2, iam = r.any("ec2"), r.any("iam")
    ami = ec2.register_image(Name="KG-Ami", ImageLocation=str(bundle))["ImageId"]
    vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]
    zones = {}
    for s in subnets:
        zones.setdefault(s["AvailabilityZone"], s["SubnetId"])
    two = list(zones.values())[:2]
    ec2.run_instances(ImageId=ami, InstanceType="t2.micro", MinCount=2, MaxCount=2, SubnetId=two[0])
    lt = ec2.create_launch_template(LaunchTemplateName="emu-lt",
                                    LaunchTemplateData={"ImageId": ami, "InstanceType": "t2.micro"})
    r.any("autoscaling").create_auto_scaling_group(
        AutoScalingGroupName="emu-asg", MinSize=1, MaxSize=2, DesiredCapacity=1, VPCZoneIdentifier=",".join(two),
        LaunchTemplate={"LaunchTemplateId": lt["LaunchTemplate"]["LaunchTemplateId"], "Version": "$Latest"})
    ec2.create_security_group(GroupName="emu-sg", Description="emulator", VpcId=vpc)
    ec2.create_key_pair(KeyName="emu-key")
    volume = ec2.create_volume(AvailabilityZone=list(zones)[0], Size=1)["VolumeId"]
    snapshot = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]

    elbv2 = r.any("elbv2")
    lb = elbv2.create_load_balancer(Name="emu-alb", Subnets=two)["LoadBalancers"][0]
    tg = elbv2.create_target_group(Name="emu-tg", Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0]
    elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=8080,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
    hg.wait_until(lambda: reachable(lb["DNSName"], 8080), 10, what="the load balancer's listener accepting")

    topic = r.any("sns").create_topic(Name="emu-topic")["TopicArn"]
    sqs = r.any("sqs")
    queue = sqs.create_queue(QueueName="emu-queue")["QueueUrl"]
    sqs.send_message(QueueUrl=queue, MessageBody="left over")
    r.any("cloudwatch").put_metric_data(Namespace="KG", MetricData=[{"MetricName": "Load", "Value": 3.0}])
    r.any("cloudwatch").put_metric_alarm(
        AlarmName="emu-alarm", Namespace="KG", MetricName="Load", Statistic="Average", Period=60,
        EvaluationPeriods=1, Threshold=1.0, ComparisonOperator="GreaterThanThreshold", AlarmActions=[topic])
    r.any("secretsmanager").create_secret(Name="emu-secret", SecretString="s3cret")
    r.any("ssm").put_parameter(Name="/emu/param", Value="v", Type="String")

    iam.create_user(UserName="emu-user")
    iam.create_access_key(UserName="emu-user")
    iam.create_group(GroupName="emu-group")
    iam.create_role(RoleName="emu-role", AssumeRolePolicyDocument=hg.policy(
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}))
    iam.create_policy(PolicyName="emu-policy", PolicyDocument=hg.policy(hg.allow("s3:GetObject")))
    iam.create_instance_profile(InstanceProfileName="emu-profile")

    cfn = r.any("cloudformation")
    cfn.create_stack(StackName="emu-stack", TemplateBody=STACK_TEMPLATE)
    hg.wait_until(lambda: cfn.describe_stacks(StackName="emu-stack")["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE",
                  30, what="the stack created")

    def three_running():
        states = [i["State"]["Name"] for res in ec2.describe_instances()["Reservations"] for i in res["Instances"]]
        return states.count("running") == 3
    hg.wait_until(three_running, 60, 0.2, what="two instances and the group's one running")
    hg.wait_until(lambda: ec2.describe_snapshots(SnapshotIds=[snapshot])["Snapshots"][0]["State"] == "completed",
                  60, 0.2, what="the volume's snapshot completed")
    root = ec2.describe_images(ImageIds=[ami])["Images"][0]["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"]
    return {"lb": lb, "vpc": vpc, "root_snapshot": root}


def test_reset_empties_the_region_and_leaves_no_process(emu, tmp_path_factory):
    made = populate(emu, hg.kg_ami_bundle(tmp_path_factory.mktemp("kg-ami")))
    assert len(hg.instance_pids_under(emu.data_dir)) >= 3, "the instances' processes run"
    ec2 = emu.any("ec2")
    subnet = ec2.describe_subnets()["Subnets"][0]["SubnetId"]
    ec2.create_network_interface(SubnetId=subnet)
    ec2.create_dhcp_options(DhcpConfigurations=[{"Key": "domain-name", "Values": ["kg.internal"]}])
    ec2.create_managed_prefix_list(PrefixListName="kg", AddressFamily="IPv4", MaxEntries=2)
    default_vpcs = emu.any("ec2").describe_vpcs()["Vpcs"]
    assert len(emu.any("cloudwatch").list_metrics(Namespace="KG")["Metrics"]) == 1
    assert (emu.data_dir / "ec2" / "image-roots" / made["root_snapshot"]).is_dir()

    started = time.monotonic()
    resp = post_reset(emu.endpoint)
    took = time.monotonic() - started
    assert resp.status == 200, resp.text
    body = json.loads(resp.body)
    assert body["reset"] is True and isinstance(body["millis"], int), body
    assert took < 3.0, f"the reset took {took:.2f} s"
    print(f"reset of a populated region: {body['millis']} ms")

    # No process is left, at once and after the controllers had time to act on stale state.
    assert hg.instance_pids_under(emu.data_dir) == []
    assert processes_of(emu) == []
    assert not reachable(made["lb"]["DNSName"], 8080), "the load balancer's listener is closed"

    ec2 = emu.any("ec2")
    time.sleep(2.5)
    assert hg.instance_pids_under(emu.data_dir) == [], "nothing relaunched an instance after the reset"
    assert ec2.describe_instances()["Reservations"] == []
    assert ec2.describe_images(Owners=["self"])["Images"] == []
    assert ec2.describe_launch_templates()["LaunchTemplates"] == []
    assert ec2.describe_key_pairs()["KeyPairs"] == []
    assert ec2.describe_volumes()["Volumes"] == []
    assert ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"] == []
    restored = emu.data_dir / "ec2" / "image-roots" / made["root_snapshot"]
    assert not restored.exists(), "the image's restored root went with it"
    assert [g["GroupName"] for g in ec2.describe_security_groups()["SecurityGroups"]] == ["default"]
    # The region's defaults are there again, as at a first start.
    vpcs = ec2.describe_vpcs()["Vpcs"]
    assert [(v["CidrBlock"], v["IsDefault"]) for v in vpcs] == [(v["CidrBlock"], v["IsDefault"]) for v in default_vpcs]
    assert len(ec2.describe_subnets()["Subnets"]) == 4
    # Interfaces, option sets and prefix lists made go too; the default option set is back.
    assert ec2.describe_network_interfaces()["NetworkInterfaces"] == []
    [dopt] = ec2.describe_dhcp_options()["DhcpOptions"]
    assert vpcs[0]["DhcpOptionsId"] == dopt["DhcpOptionsId"]
    assert {p["OwnerId"] for p in ec2.describe_managed_prefix_lists()["PrefixLists"]} == {"AWS"}

    elbv2 = emu.any("elbv2")
    assert elbv2.describe_load_balancers()["LoadBalancers"] == []
    assert elbv2.describe_target_groups()["TargetGroups"] == []
    assert emu.any("autoscaling").describe_auto_scaling_groups()["AutoScalingGroups"] == []
    assert emu.any("cloudwatch").describe_alarms()["MetricAlarms"] == []
    assert emu.any("cloudwatch").list_metrics(Namespace="KG")["Metrics"] == []
    assert emu.any("sns").list_topics()["Topics"] == []
    assert emu.any("sqs").list_queues().get("QueueUrls", []) == []
    assert emu.any("secretsmanager").list_secrets()["SecretList"] == []
    assert emu.any("ssm").describe_parameters()["Parameters"] == []
    assert emu.any("cloudformation").describe_stacks()["Stacks"] == []
    code, _, _ = hg.expect_client_error(emu.any("cloudformation").describe_stacks, StackName="emu-stack")
    assert code == "ValidationError"
    iam = emu.any("iam")
    assert iam.list_users()["Users"] == []
    assert iam.list_groups()["Groups"] == []
    assert iam.list_roles()["Roles"] == []
    assert iam.list_policies(Scope="Local")["Policies"] == []
    assert iam.list_instance_profiles()["InstanceProfiles"] == []

    # The region goes on: the root's own key (credentials file) still works, names are free again.
    assert emu.client("sts").get_caller_identity()["Account"] == MOTO_ACCOUNT
    queue = emu.any("sqs").create_queue(QueueName="emu-queue")["QueueUrl"]
    assert emu.any("sqs").receive_message(QueueUrl=queue, WaitTimeSeconds=0).get("Messages", []) == []
    emu.any("sns").create_topic(Name="emu-topic")

    # The reset is in the audit log, as every call is (written by a thread of its own).
    resets = lambda: [a for a in emu.audit_records() if a.get("action") == "Reset"]  # noqa: E731
    hg.wait_until(lambda: resets(), 5, what="the reset in the audit log")
    assert (resets()[0]["service"], resets()[0]["status"], resets()[0]["result"]) == ("homeground", 200, "success")

    # An empty region resets in milliseconds.
    started = time.monotonic()
    assert post_reset(emu.endpoint).status == 200
    assert time.monotonic() - started < 0.5
    assert emu.any("sqs").list_queues().get("QueueUrls", []) == []

    # moto's and LocalStack's paths reset it as well.
    for alias in RESET_ALIASES:
        emu.any("sqs").create_queue(QueueName="emu-queue")
        resp = hg.send(emu.endpoint, "POST", alias)
        assert resp.status == 200 and json.loads(resp.body)["reset"] is True, (alias, resp.text)
        assert emu.any("sqs").list_queues().get("QueueUrls", []) == [], alias


def processes_of(r: hg.Region) -> list[tuple[int, str]]:
    """Processes but the daemon working in, or started with an argument in, the region's data
    dir: instances and DB servers (mariadbd --datadir=…, postgres -D …)."""
    root = str(r.data_dir.resolve())
    found = []
    for pid in (e for e in os.listdir("/proc") if e.isdigit()):
        try:
            cmdline = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        if int(pid) == r.proc.pid:
            continue
        if root in cmdline or cwd == root or cwd.startswith(root + "/"):
            found.append((int(pid), cmdline))
    return found


def test_reset_stops_db_servers(emu):
    rds = emu.any("rds")
    rds.create_db_instance(DBInstanceIdentifier="emu-db", DBInstanceClass="db.t3.micro", Engine="mysql",
                           MasterUsername="admin", MasterUserPassword="emulator-pw-1", AllocatedStorage=20)
    hg.wait_until(lambda: rds.describe_db_instances(DBInstanceIdentifier="emu-db")["DBInstances"][0]
                  ["DBInstanceStatus"] == "available", 120, 0.5, what="the DB instance available")
    address = rds.describe_db_instances(DBInstanceIdentifier="emu-db")["DBInstances"][0]["Endpoint"]
    assert reachable(address["Address"], address["Port"])
    assert any("mariadbd" in cmd or "mysqld" in cmd for _, cmd in processes_of(emu))

    assert post_reset(emu.endpoint).status == 200
    assert processes_of(emu) == []
    assert not reachable(address["Address"], address["Port"])
    assert rds.describe_db_instances()["DBInstances"] == []
    assert rds.describe_db_snapshots()["DBSnapshots"] == []
    time.sleep(1.5)
    assert processes_of(emu) == [], "nothing started a server again"


def test_reset_aborts_a_stack_operation_under_way(emu):
    template = {"Resources": {
        "First": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "made-before-the-wait"}},
        "Handle": {"Type": "AWS::CloudFormation::WaitConditionHandle"},
        "Wait": {"Type": "AWS::CloudFormation::WaitCondition", "DependsOn": "First",
                 "Properties": {"Handle": {"Ref": "Handle"}, "Timeout": "300"}},
        "After": {"Type": "AWS::SQS::Queue", "DependsOn": "Wait", "Properties": {"QueueName": "after-the-wait"}},
    }}
    cfn, sns = emu.any("cloudformation"), emu.any("sns")
    cfn.create_stack(StackName="waiting", TemplateBody=json.dumps(template))
    hg.wait_until(lambda: any(e["LogicalResourceId"] == "Wait" and e["ResourceStatus"] == "CREATE_IN_PROGRESS"
                              for e in cfn.describe_stack_events(StackName="waiting")["StackEvents"]),
                  20, what="the stack waiting for its signal")
    assert len(sns.list_topics()["Topics"]) == 1

    assert post_reset(emu.endpoint).status == 200
    time.sleep(1.5)  # an operation left running would write its rollback's events and stack by now
    assert cfn.describe_stacks()["Stacks"] == []
    assert sns.list_topics()["Topics"] == []
    assert emu.any("sqs").list_queues().get("QueueUrls", []) == []
    # The name is free again, and a stack runs to the end.
    cfn.create_stack(StackName="waiting", TemplateBody=STACK_TEMPLATE)
    hg.wait_until(lambda: cfn.describe_stacks(StackName="waiting")["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE",
                  30, what="the stack created")


AL2023 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
UBUNTU = "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id"


def loopback(private_ip: str) -> str:
    """VPC address a.b.c.d is served at 127.b.c.d."""
    _, b, c, d = private_ip.split(".")
    return f"127.{b}.{c}.{d}"


def http_get(host: str, port: int = 80) -> str:
    conn = http.client.HTTPConnection(host, port, timeout=5)
    try:
        conn.request("GET", "/")
        r = conn.getresponse()
        assert r.status == 200
        return r.read().decode()
    finally:
        conn.close()


def test_public_image_aliases_resolve_to_images_that_really_run(emu):
    ssm, ec2 = emu.any("ssm"), emu.any("ec2")
    al = ssm.get_parameter(Name=AL2023)["Parameter"]["Value"]
    got = ssm.get_parameters(Names=[UBUNTU, AL2023])
    assert got["InvalidParameters"] == []
    by_name = {p["Name"]: p["Value"] for p in got["Parameters"]}
    assert by_name[AL2023] == al
    ubuntu = by_name[UBUNTU]
    assert al != ubuntu

    images = {i["ImageId"]: i for i in ec2.describe_images(ImageIds=[al, ubuntu])["Images"]}
    assert (images[al]["OwnerId"], images[al]["ImageOwnerAlias"], images[al]["Public"]) == ("137112412989", "amazon",
                                                                                         True)
    assert images[al]["Name"].startswith("al2023-ami-")
    assert (images[ubuntu]["OwnerId"], images[ubuntu]["Public"]) == ("099720109477", True)
    assert "ubuntu-jammy-22.04" in images[ubuntu]["Name"]
    amazon = [i["ImageId"] for i in ec2.describe_images(Owners=["amazon"])["Images"]]
    assert al in amazon and ubuntu not in amazon
    assert [i["ImageId"] for i in ec2.describe_images(Owners=["099720109477"])["Images"]].count(ubuntu) == 1
    assert ec2.describe_images(Owners=["self"])["Images"] == []
    aliased = ec2.describe_images(Filters=[{"Name": "owner-alias", "Values": ["amazon"]}])["Images"]
    assert sorted(i["ImageId"] for i in aliased) == sorted(amazon)
    # moto's example ids are there too, for suites written against moto.
    assert len(ec2.describe_images(ImageIds=["ami-12c6146b", "ami-03cf127a"])["Images"]) == 2

    ids = [i["InstanceId"] for image in (al, ubuntu)
           for i in ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1)["Instances"]]

    def running():
        found = [i for res in ec2.describe_instances(InstanceIds=ids)["Reservations"] for i in res["Instances"]]
        return [i for i in found if i["State"]["Name"] == "running"] if len(found) == 2 else []
    hg.wait_until(lambda: len(running()) == 2, 30, 0.2, what="the stand-ins running")
    for inst in running():
        page = http_get(loopback(inst["PrivateIpAddress"]))
        assert images[inst["ImageId"]]["Name"] in page and inst["InstanceId"] in page, page
    assert len(hg.instance_pids_under(emu.data_dir)) >= 2

    # A reset ends the instances but keeps the catalogue.
    assert post_reset(emu.endpoint).status == 200
    assert hg.instance_pids_under(emu.data_dir) == []
    assert ec2.describe_instances()["Reservations"] == []
    assert ssm.get_parameter(Name=AL2023)["Parameter"]["Value"] == al
    assert len(ec2.describe_images(ImageIds=[al, ubuntu])["Images"]) == 2


def test_cloudformation_reads_the_aliases(emu):
    template = {
        "Parameters": {"Ami": {"Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", "Default": UBUNTU}},
        "Resources": {"Named": {"Type": "AWS::SNS::Topic",
                                "Properties": {"DisplayName": "{{resolve:ssm:%s}}" % AL2023}}},
        "Outputs": {"Ami": {"Value": {"Ref": "Ami"}}, "Topic": {"Value": {"Ref": "Named"}}},
    }
    cfn = emu.any("cloudformation")
    cfn.create_stack(StackName="aliases", TemplateBody=json.dumps(template))
    hg.wait_until(lambda: cfn.describe_stacks(StackName="aliases")["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE",
                  30, what="the stack created")
    outputs = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName="aliases")["Stacks"][0]["Outputs"]}
    ssm = emu.any("ssm")
    assert outputs["Ami"] == ssm.get_parameter(Name=UBUNTU)["Parameter"]["Value"]
    shown = emu.any("sns").get_topic_attributes(TopicArn=outputs["Topic"])["Attributes"]["DisplayName"]
    assert shown == ssm.get_parameter(Name=AL2023)["Parameter"]["Value"]


def test_no_catalogue_outside_emulator_mode(new_region):
    r = new_region()
    code, _, _ = hg.expect_client_error(r.client("ec2").describe_images, ImageIds=["ami-12c6146b"])
    assert code == "InvalidAMIID.NotFound"
    assert r.client("ec2").describe_images(Owners=["amazon"])["Images"] == []


def test_the_account_id_is_the_one_chosen(emu):
    who = emu.any("sts").get_caller_identity()
    assert (who["Account"], who["Arn"]) == (MOTO_ACCOUNT, f"arn:aws:iam::{MOTO_ACCOUNT}:root")
    user = emu.any("iam").create_user(UserName="arn-check")["User"]
    assert user["Arn"] == f"arn:aws:iam::{MOTO_ACCOUNT}:user/arn-check"
    topic = emu.any("sns").create_topic(Name="arn-check")["TopicArn"]
    assert topic == f"arn:aws:sns:{emu.region_name}:{MOTO_ACCOUNT}:arn-check"
    sqs = emu.any("sqs")
    url = sqs.create_queue(QueueName="arn-check")["QueueUrl"]
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"] == \
        f"arn:aws:sqs:{emu.region_name}:{MOTO_ACCOUNT}:arn-check"
    sg = emu.any("ec2").describe_security_groups(GroupNames=["default"])["SecurityGroups"][0]
    assert sg["OwnerId"] == MOTO_ACCOUNT


def run_up(tmp_path, *args) -> subprocess.CompletedProcess:
    """`homeground up` that must refuse to start (a timeout means it started)."""
    cmd = [str(hg.binary_path()), "up", "--listen", f"127.0.0.1:{hg.free_port()}", "--data-dir",
           str(tmp_path / "region"), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=30, env=hg.clean_env(), cwd=tmp_path)


def test_account_id_is_refused_outside_emulator_mode(tmp_path):
    r = run_up(tmp_path, "--account-id", MOTO_ACCOUNT)
    assert r.returncode != 0
    assert "--account-id is for emulator mode only: it needs --accept-any-credentials" in r.stderr, r.stderr
    assert not (tmp_path / "region").exists(), "nothing was made"
    r = run_up(tmp_path, "--accept-any-credentials", "--account-id", "12345")
    assert r.returncode != 0
    assert "'12345' is not an account id" in r.stderr, r.stderr


def test_a_data_dir_keeps_its_account(new_region, tmp_path):
    r = new_region("--accept-any-credentials", "--account-id", "000000000000")
    assert r.account == "000000000000"
    r.stop()
    # Without the flag again, the data dir is an ordinary region's: its account stays, the
    # public images' catalogue and the reset are gone.
    r.extra_args = []
    r.start()
    assert r.client("sts").get_caller_identity()["Account"] == "000000000000"
    assert r.client("ec2").describe_images(Owners=["amazon"])["Images"] == []
    assert post_reset(r.endpoint).status == 403
    r.stop()
    refused = subprocess.run(
        [str(hg.binary_path()), "up", "--listen", f"127.0.0.1:{hg.free_port()}", "--data-dir", str(r.data_dir),
         "--accept-any-credentials", "--account-id", MOTO_ACCOUNT],
        capture_output=True, text=True, timeout=30, env=hg.clean_env(), cwd=tmp_path)
    assert refused.returncode != 0
    assert "this data dir holds account 000000000000; it cannot become account 123456789012" in refused.stderr


def test_reset_does_not_exist_outside_emulator_mode(new_region):
    r = new_region()
    queue = r.client("sqs").create_queue(QueueName="kept")["QueueUrl"]
    unknown = hg.send(r.endpoint, "POST", "/_homeground/no-such-thing")
    for path in (RESET, *RESET_ALIASES):
        resp = hg.send(r.endpoint, "POST", path)
        assert (resp.status, resp.error()) == (unknown.status, unknown.error()), (path, resp.text, unknown.text)
        assert resp.status == 403 and resp.error()[0] == "MissingAuthenticationToken", resp.text
    # Signed, it is an API request like any other (one with no Action), and resets nothing either.
    signed = hg.signed_request(r.endpoint, r.root, b"", service="sqs", path=RESET)
    signed_unknown = hg.signed_request(r.endpoint, r.root, b"", service="sqs", path="/_homeground/no-such-thing")
    assert (signed.status, signed.error()) == (signed_unknown.status, signed_unknown.error()), signed.text
    assert signed.status == 400, signed.text
    assert r.client("sqs").get_queue_url(QueueName="kept")["QueueUrl"] == queue


def test_reset_on_isolated_networks_removes_their_namespaces(new_region):
    r = new_region("--accept-any-credentials", "--network", "isolated")
    if not any("networks isolate" in line for line in r.stderr_lines):
        pytest.fail("network namespaces are not available here: " + "".join(r.stderr_lines[-5:]), pytrace=False)
    ec2 = r.client("ec2", *ANY_KEY)
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    custom = ec2.create_vpc(CidrBlock="30.0.0.0/16")["Vpc"]["VpcId"]
    ami = r.client("ssm", *ANY_KEY).get_parameter(Name=AL2023)["Parameter"]["Value"]
    iid = ec2.run_instances(ImageId=ami, InstanceType="t3.micro", MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
    hg.wait_until(lambda: ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["State"]["Name"]
                  == "running", 30, 0.2, what="the stand-in running")
    namespaces = lambda: set(os.listdir("/run/netns"))  # noqa: E731
    assert {r.netns(iid), r.netns(vpc)} <= namespaces()

    assert post_reset(r.endpoint).status == 200
    assert hg.instance_pids_under(r.data_dir) == []
    left = namespaces() & {r.netns(iid), r.netns(vpc), r.netns(custom)}
    assert left == set(), left
    assert [v["IsDefault"] for v in ec2.describe_vpcs()["Vpcs"]] == [True]
