"""Several regions from one daemon (`homeground up --regions eu-west-1,us-east-1`), through boto3
and the aws CLI: each region has its own zones, ARNs, resources and state, and a request goes to
the region it is signed for; IAM is the account's, one for all; instances really run in each
region, and read their own region's metadata; a region the endpoint does not serve is refused;
everything survives a restart."""

from __future__ import annotations

import json
import subprocess
import urllib.request

import pytest

import hg
from test_cfn_signals import WAIT, handle_url, put, wait_status

HOME = hg.DEFAULT_REGION
OTHER = "eu-west-1"
THIRD = "us-east-1"


@pytest.fixture(scope="module")
def rg(tmp_path_factory):
    r = hg.Region(tmp_path_factory.mktemp("regions"), extra_args=["--regions", f"{OTHER},{THIRD},{OTHER}"])
    r.start()
    try:
        yield r
    finally:
        r.close()


def health(private_ip: str) -> dict:
    _, b, c, d = private_ip.split(".")
    with urllib.request.urlopen(f"http://127.{b}.{c}.{d}:80/health", timeout=1) as resp:
        return json.loads(resp.read())


def test_the_daemon_says_which_regions_it_serves(rg):
    out = "\n".join(rg.stdout_lines)
    assert f"also region {OTHER} (zones {OTHER}a-{OTHER}d)" in out, out
    assert f"also region {THIRD}" in out
    # DescribeRegions lists every region served, from any of them.
    for name in (HOME, OTHER):
        got = rg.client("ec2", region_name=name).describe_regions()["Regions"]
        assert sorted(r["RegionName"] for r in got) == sorted([HOME, OTHER, THIRD])
        assert {r["Endpoint"] for r in got} == {f"ec2.{n}.amazonaws.com" for n in (HOME, OTHER, THIRD)}


def test_each_region_has_its_own_zones_vpcs_and_arns(rg):
    zones, vpcs = {}, {}
    for name in (HOME, OTHER, THIRD):
        ec2 = rg.client("ec2", region_name=name)
        zones[name] = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]]
        assert zones[name] == [f"{name}{x}" for x in "abcd"]
        vpcs[name] = {v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"]}
        assert len(vpcs[name]) == 1  # the region's own default VPC
        subnets = ec2.describe_subnets()["Subnets"]
        assert {s["AvailabilityZone"] for s in subnets} == set(zones[name])
    assert len(set.union(*vpcs.values())) == 3, vpcs
    # The same name in two regions: two topics, each with its region in its ARN, each listed
    # only in its own region.
    arns = {name: rg.client("sns", region_name=name).create_topic(Name="KGSNS_Topic")["TopicArn"]
            for name in (HOME, OTHER)}
    for name, arn in arns.items():
        assert arn == f"arn:aws:sns:{name}:{rg.account}:KGSNS_Topic"
        listed = [t["TopicArn"] for t in rg.client("sns", region_name=name).list_topics()["Topics"]]
        assert listed == [arn]
    assert rg.client("sns", region_name=THIRD).list_topics()["Topics"] == []
    # The aws CLI picks its region the usual way.
    out = rg.aws("sns", "list-topics", "--region", OTHER)
    assert [t["TopicArn"] for t in out["Topics"]] == [arns[OTHER]]
    # A queue URL names its region's queue; the other region does not know it.
    url = rg.client("sqs", region_name=OTHER).create_queue(QueueName="kg-events")["QueueUrl"]
    code, _, status = hg.expect_client_error(rg.client("sqs", region_name=HOME).get_queue_attributes,
                                             QueueUrl=url, AttributeNames=["QueueArn"])
    # (boto3 names it by the query-compatible code or the JSON one, depending on its version.)
    assert code in ("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist") and status == 400, code
    arn = rg.client("sqs", region_name=OTHER).get_queue_attributes(
        QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    assert arn == f"arn:aws:sqs:{OTHER}:{rg.account}:kg-events"


def test_iam_is_the_account_s_and_policies_see_the_requested_region(rg):
    """One IAM for all regions; a policy conditioned on aws:RequestedRegion allows a call in
    one region and refuses it in another."""
    key = rg.make_user("regional", inline={"home-only": hg.policy(
        hg.allow("ec2:DescribeVpcs", Condition={"StringEquals": {"aws:RequestedRegion": HOME}}))})
    for name in (HOME, OTHER):
        users = [u["UserName"] for u in rg.client("iam", region_name=name).list_users()["Users"]]
        assert "regional" in users
    assert rg.client("sts", *key, region_name=OTHER).get_caller_identity()["Arn"].endswith("user/regional")
    assert rg.client("ec2", *key, region_name=HOME).describe_vpcs()["Vpcs"]
    code, _, status = hg.expect_client_error(rg.client("ec2", *key, region_name=OTHER).describe_vpcs)
    assert (code, status) == ("UnauthorizedOperation", 403)


def test_a_region_not_served_is_refused_but_global_services_answer(rg):
    code, msg, status = hg.expect_client_error(rg.client("ec2", region_name="sa-east-1").describe_vpcs)
    assert (code, status) == ("SignatureDoesNotMatch", 403), (code, msg)
    assert "sa-east-1" in msg and OTHER in msg and HOME in msg
    # IAM (signed for us-east-1 whatever the client's region) and STS are the account's.
    assert rg.client("iam", region_name="sa-east-1").list_users()["Users"] is not None
    assert rg.client("sts", region_name="sa-east-1").get_caller_identity()["Account"] == rg.account


def test_instances_run_in_each_region_and_know_where_they_are(rg, tmp_path):
    bundle = hg.kg_ami_bundle(tmp_path / "ami")
    ids = {}
    for name in (HOME, OTHER):
        ec2 = rg.client("ec2", region_name=name)
        ami = ec2.register_image(Name="KG-Ami", ImageLocation=str(bundle))["ImageId"]
        ids[name] = ec2.run_instances(ImageId=ami, InstanceType="t3.micro", MinCount=1, MaxCount=1)[
            "Instances"][0]["InstanceId"]
    seen = {}
    for name, iid in ids.items():
        ec2 = rg.client("ec2", region_name=name)

        def running():
            i = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
            return i if i["State"]["Name"] == "running" else None
        inst = hg.wait_until(running, timeout=30, what=f"{iid} running in {name}")
        assert inst["Placement"]["AvailabilityZone"].startswith(name)
        got = hg.wait_until(lambda: _health(inst["PrivateIpAddress"]), timeout=20, what=f"{iid} serving")
        # The instance read its own region's metadata service.
        assert got["instance_id"] == iid and got["az"] == inst["Placement"]["AvailabilityZone"], got
        seen[name] = inst["PrivateIpAddress"]
        # Not visible from the other region.
        other = rg.client("ec2", region_name=OTHER if name == HOME else HOME)
        code, _, _ = hg.expect_client_error(other.describe_instances, InstanceIds=[iid])
        assert code == "InvalidInstanceID.NotFound"
    # Both default VPCs are 172.31.0.0/16: the second region's instance was given an address
    # that no instance of the first serves on this host.
    assert seen[HOME] != seen[OTHER], seen
    for name, iid in ids.items():
        rg.client("ec2", region_name=name).terminate_instances(InstanceIds=[iid])


def _health(ip):
    try:
        return health(ip)
    except OSError:
        return None


def test_another_region_s_public_links_live_under_its_name(rg):
    """SNS's signing certificate and a wait-condition handle of eu-west-1 are served under
    /regions/eu-west-1/…, and a signal PUT there completes that region's stack."""
    with urllib.request.urlopen(f"{rg.endpoint}/regions/{OTHER}/sns/SimpleNotificationService.pem",
                                timeout=5) as resp:
        assert resp.status == 200 and b"BEGIN CERTIFICATE" in resp.read()
    cfn = rg.client("cloudformation", region_name=OTHER)
    stack = cfn.create_stack(StackName="waits", TemplateBody=WAIT,
                             Parameters=[{"ParameterKey": "Count", "ParameterValue": "1"}])["StackId"]
    assert stack.startswith(f"arn:aws:cloudformation:{OTHER}:")
    url = handle_url(cfn, "waits")
    assert url.startswith(f"{rg.endpoint}/regions/{OTHER}/"), url
    assert put(url, {"Status": "SUCCESS", "Reason": "up", "UniqueId": "web1", "Data": "ok"}) == 200
    wait_status(cfn, "waits", "CREATE_COMPLETE")
    # The home region has no such stack.
    code, _, _ = hg.expect_client_error(rg.client("cloudformation").describe_stacks, StackName="waits")
    assert code == "ValidationError"
    cfn.delete_stack(StackName="waits")


def test_every_region_survives_a_restart(rg):
    before = {name: rg.client("sns", region_name=name).list_topics()["Topics"] for name in (HOME, OTHER)}
    assert before[OTHER], "made by an earlier test"
    rg.kill9()
    rg.start()
    for name in (HOME, OTHER):
        assert rg.client("sns", region_name=name).list_topics()["Topics"] == before[name]
    assert len(rg.client("ec2", region_name=OTHER).describe_vpcs()["Vpcs"]) == 1
    assert (rg.data_dir / "regions" / OTHER / "state.db").exists()


def test_a_bad_region_name_stops_the_daemon_with_a_clear_message(tmp_path):
    r = hg.Region(tmp_path, extra_args=["--regions", "eu-west-1,Mars"])
    proc = subprocess.run([str(hg.binary_path()), "up", "--listen", f"127.0.0.1:{r.port}", "--data-dir",
                              str(r.data_dir), *r.extra_args], capture_output=True, text=True, timeout=30,
                             env=hg.clean_env())
    assert proc.returncode != 0
    assert "'Mars' is not a region name" in proc.stderr, proc.stderr
