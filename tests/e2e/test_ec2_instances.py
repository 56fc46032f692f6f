"""EC2 that really runs: the KG SPORTS golden image, instances that serve it from their own
private addresses, status checks, the console, backups through images and snapshots, stop,
start, terminate and a restart of the daemon — all through the real aws CLI and boto3."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import hg



def loopback(private_ip: str) -> str:
    """The documented mapping: VPC address a.b.c.d is served at 127.b.c.d."""
    _, b, c, d = private_ip.split(".")
    return f"127.{b}.{c}.{d}"


def http_get(ip: str, path: str = "/", timeout: float = 2.0) -> str:
    with urllib.request.urlopen(f"http://{loopback(ip)}:80{path}", timeout=timeout) as r:
        return r.read().decode()


def serving(ip: str) -> bool:
    try:
        return "ok" in http_get(ip, "/health", timeout=0.5)
    except OSError:
        return False


@pytest.fixture(scope="module")
def kg(region, tmp_path_factory):
    """The region with KG-Ami registered from a bundle of the real kgsports binary."""
    bundle = hg.kg_ami_bundle(tmp_path_factory.mktemp("kg-ami"))
    ami = region.aws("ec2", "register-image", "--name", "KG-Ami", "--image-location", str(bundle))["ImageId"]
    region.ami = ami
    region.ec2 = region.client("ec2")
    return region


def run(kg, subnet_id=None, image=None, name="KGsports Web", count=1, **extra):
    args = dict(ImageId=image or kg.ami, InstanceType="t2.micro", MinCount=count, MaxCount=count,
                TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}], **extra)
    if subnet_id:
        args["SubnetId"] = subnet_id
    return kg.ec2.run_instances(**args)["Instances"]


def describe(kg, iid) -> dict:
    return kg.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]


def wait_state(kg, iid, state, timeout=20.0) -> dict:
    return hg.wait_until(lambda: (lambda i: i if i["State"]["Name"] == state else None)(describe(kg, iid)),
                         timeout=timeout, interval=0.2, what=f"{iid} {state}")


def default_subnet(kg, zone) -> str:
    return kg.ec2.describe_subnets(Filters=[{"Name": "availability-zone", "Values": [zone]},
                                            {"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]["SubnetId"]


def instance_root(kg, iid) -> Path:
    return kg.data_dir / "ec2" / "instances" / iid / "root"


def test_kg_ami_is_registered(kg):
    images = kg.ec2.describe_images(Owners=["self"], Filters=[{"Name": "name", "Values": ["KG-Ami"]}])["Images"]
    assert [i["ImageId"] for i in images] == [kg.ami]
    assert images[0]["State"] == "available"
    code, msg = hg.cli_error(kg.aws_fail("ec2", "register-image", "--name", "KG-Ami",
                                         "--image-location", "/nonexistent")[1])
    assert code == "InvalidManifest", msg


def test_two_instances_in_two_zones_serve_the_app(kg):
    subnets = [default_subnet(kg, "ap-northeast-2a"), default_subnet(kg, "ap-northeast-2c")]
    ids = [run(kg, s)[0]["InstanceId"] for s in subnets]
    zones = set()
    for iid in ids:
        inst = wait_state(kg, iid, "running")
        zones.add(inst["Placement"]["AvailabilityZone"])
        ip = inst["PrivateIpAddress"]
        assert ip.startswith("172.31."), ip
        hg.wait_until(lambda: serving(ip), timeout=15, interval=0.2, what=f"{iid} serving")
        page = http_get(ip)
        assert "KG SPORTS" in page
        # The app learnt its identity from the instance metadata service (IMDSv2).
        assert iid in page, "the page names the instance that served it"
    assert zones == {"ap-northeast-2a", "ap-northeast-2c"}

    def checks_passed():
        st = kg.ec2.describe_instance_status(InstanceIds=ids)["InstanceStatuses"]
        return len(st) == 2 and all(s["InstanceStatus"]["Status"] == "ok" and s["SystemStatus"]["Status"] == "ok"
                                    for s in st)
    hg.wait_until(checks_passed, timeout=15, interval=0.3, what="2/2 checks passed")
    console = kg.aws("ec2", "get-console-output", "--instance-id", ids[0])
    assert "KG SPORTS web starting" in console["Output"]
    kg.pair = ids


def test_backup_and_restore_through_an_image(kg):
    source = kg.pair[0]
    ip = describe(kg, source)["PrivateIpAddress"]
    for _ in range(3):
        http_get(ip)
    visits = json.loads(http_get(ip, "/health"))["visits"]
    assert visits >= 3
    time.sleep(1.5)  # the app saves its counter every second
    ami2 = kg.ec2.create_image(InstanceId=source, Name="KG-Ami-backup")["ImageId"]
    image = kg.ec2.describe_images(ImageIds=[ami2])["Images"][0]
    assert image["Description"] == f"Created by CreateImage({source}) for {ami2}"
    restored = run(kg, image=ami2, name="restored")[0]["InstanceId"]
    rip = wait_state(kg, restored, "running")["PrivateIpAddress"]
    hg.wait_until(lambda: serving(rip), timeout=15, interval=0.2, what="restored instance serving")
    got = json.loads(http_get(rip, "/health"))["visits"]
    assert got >= visits, f"the restored instance has the data of the source ({got} < {visits})"
    kg.ec2.terminate_instances(InstanceIds=[restored])


def test_stop_and_start_keep_the_root_volume(kg):
    iid = kg.pair[1]
    ip = describe(kg, iid)["PrivateIpAddress"]
    http_get(ip)
    time.sleep(1.5)
    before = json.loads(http_get(ip, "/health"))["visits"]
    kg.ec2.stop_instances(InstanceIds=[iid])
    stopped = wait_state(kg, iid, "stopped")
    assert stopped["StateTransitionReason"].startswith("User initiated (")
    assert not serving(ip)
    kg.ec2.start_instances(InstanceIds=[iid])
    wait_state(kg, iid, "running")
    hg.wait_until(lambda: serving(ip), timeout=15, interval=0.2, what="serving again")
    assert json.loads(http_get(ip, "/health"))["visits"] >= before


def test_a_restart_of_the_daemon_keeps_every_state_truthful(kg):
    iid = kg.pair[0]
    ip = describe(kg, iid)["PrivateIpAddress"]
    kg.restart()
    kg.ec2 = kg.client("ec2")
    inst = describe(kg, iid)
    assert inst["State"]["Name"] == "running"
    assert serving(ip), "the instance kept running while the region restarted"
    # Its processes end by themselves: EC2 reports an instance-initiated shutdown.
    pids = [p for p in hg.instance_pids_under(instance_root(kg, iid))]
    assert pids, "the instance's processes are visible in the process table"
    os.killpg(os.getpgid(pids[0]), signal.SIGKILL)
    stopped = wait_state(kg, iid, "stopped")
    assert stopped["StateReason"]["Code"] == "Client.InstanceInitiatedShutdown"


def test_terminate_leaves_no_process_behind(kg):
    iid = kg.pair[1]
    root = instance_root(kg, iid)
    assert hg.instance_pids_under(root)
    changes = kg.ec2.terminate_instances(InstanceIds=[iid])["TerminatingInstances"]
    assert changes[0]["CurrentState"]["Name"] == "shutting-down"
    wait_state(kg, iid, "terminated")
    assert hg.instance_pids_under(root) == [], "no process of the instance is left"
    assert not root.exists()


def sha(path: Path, length: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read(length))
    return h.hexdigest()


def store_bytes(kg) -> int:
    chunks = kg.data_dir / "ec2" / "snapshots" / "chunks"
    return sum(f.stat().st_size for f in chunks.rglob("*") if f.is_file())


def wait_snapshot(kg, sid):
    return hg.wait_until(lambda: (lambda s: s if s["State"] == "completed" else None)(
        kg.ec2.describe_snapshots(SnapshotIds=[sid])["Snapshots"][0]), timeout=60, interval=0.3, what=f"{sid}")


def test_snapshots_are_incremental_backups_that_restore_byte_identical(kg):
    iid = run(kg, default_subnet(kg, "ap-northeast-2a"), name="web-data")[0]["InstanceId"]
    wait_state(kg, iid, "running")
    vol = kg.ec2.create_volume(AvailabilityZone="ap-northeast-2a", Size=1,
                               TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "Web Data"}]}])
    vid = vol["VolumeId"]
    assert vol["State"] == "available" and vol["Size"] == 1
    kg.ec2.attach_volume(VolumeId=vid, InstanceId=iid, Device="/dev/sdf")
    assert kg.ec2.describe_volumes(VolumeIds=[vid])["Volumes"][0]["State"] == "in-use"
    device = instance_root(kg, iid) / "dev" / "sdf"
    mib = 1 << 20
    data = bytearray(os.urandom(100 * mib))
    with open(device, "r+b") as f:  # what the instance sees at dev/sdf
        f.write(data)
    original = hashlib.sha256(data).hexdigest()

    before = store_bytes(kg)
    s1 = kg.ec2.create_snapshot(VolumeId=vid, Description="Web Data")["SnapshotId"]
    wait_snapshot(kg, s1)
    after_first = store_bytes(kg)
    with open(device, "r+b") as f:
        f.seek(40 * mib)
        f.write(os.urandom(mib))
    s2 = kg.ec2.create_snapshot(VolumeId=vid)["SnapshotId"]
    snap2 = wait_snapshot(kg, s2)
    assert snap2["Progress"] == "100%"
    after_second = store_bytes(kg)
    first, second = after_first - before, after_second - after_first
    print(f"\nsnapshot 1 added {first / mib:.2f} MiB, snapshot 2 (1 MiB changed) added {second / mib:.2f} MiB")
    assert first >= 95 * mib
    assert second <= 2 * mib, f"the second snapshot added {second} bytes"

    restored = kg.ec2.create_volume(AvailabilityZone="ap-northeast-2a", SnapshotId=s1)["VolumeId"]
    hg.wait_until(lambda: kg.ec2.describe_volumes(VolumeIds=[restored])["Volumes"][0]["State"] == "available",
                  timeout=60, interval=0.3, what="restored volume")
    kg.ec2.attach_volume(VolumeId=restored, InstanceId=iid, Device="/dev/sdg")
    assert sha(instance_root(kg, iid) / "dev" / "sdg", 100 * mib) == original
    code, _, _ = hg.expect_client_error(kg.ec2.delete_volume, VolumeId=vid)
    assert code == "VolumeInUse"
    kg.ec2.terminate_instances(InstanceIds=[iid])
    wait_state(kg, iid, "terminated")
    assert kg.ec2.describe_volumes(VolumeIds=[vid])["Volumes"][0]["State"] == "available"


def test_bad_input_gets_ec2_codes_and_leaves_nothing_half_made(kg):
    ec2 = kg.ec2
    assert hg.expect_client_error(ec2.run_instances, ImageId="ami-0123456789abcdef0", MinCount=1, MaxCount=1)[0] \
        == "InvalidAMIID.NotFound"
    assert hg.expect_client_error(ec2.run_instances, ImageId="ami-nothex", MinCount=1, MaxCount=1)[0] \
        == "InvalidAMIID.Malformed"
    code, msg, status = hg.expect_client_error(ec2.run_instances, ImageId=kg.ami, InstanceType="t9.enormous",
                                               MinCount=1, MaxCount=1)
    assert (code, status) == ("InvalidParameterValue", 400), msg
    vpc = ec2.create_vpc(CidrBlock="30.0.0.0/16")["Vpc"]["VpcId"]
    assert hg.expect_client_error(ec2.create_subnet, VpcId=vpc, CidrBlock="31.0.1.0/24")[0] == "InvalidSubnet.Range"
    small = ec2.create_subnet(VpcId=vpc, CidrBlock="30.0.1.0/28", AvailabilityZone="ap-northeast-2a")["Subnet"]
    assert small["AvailableIpAddressCount"] == 11
    assert hg.expect_client_error(ec2.create_subnet, VpcId=vpc, CidrBlock="30.0.1.0/24")[0] == "InvalidSubnet.Conflict"
    before = len(ec2.describe_instances()["Reservations"])
    code, _, _ = hg.expect_client_error(ec2.run_instances, ImageId=kg.ami, InstanceType="t2.micro",
                                        SubnetId=small["SubnetId"], MinCount=12, MaxCount=12)
    assert code == "InsufficientFreeAddressesInSubnet"
    assert len(ec2.describe_instances()["Reservations"]) == before, "no instance was half-made"
    assert ec2.describe_subnets(SubnetIds=[small["SubnetId"]])["Subnets"][0]["AvailableIpAddressCount"] == 11
    r = kg.raw(hg.query_body({"Action": "DescribeInstances", "Version": "2016-11-15", "Bogus": "1"}), service="ec2")
    assert r.status == 400 and r.error()[0] == "UnknownParameter", r.text


def test_images_copy_attributes_and_root_snapshots(kg):
    ec2 = kg.ec2
    image = ec2.describe_images(ImageIds=[kg.ami])["Images"][0]
    root_snap = image["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"]
    assert ec2.describe_snapshots(SnapshotIds=[root_snap])["Snapshots"][0]["State"] == "completed"
    code, msg, _ = hg.expect_client_error(ec2.delete_snapshot, SnapshotId=root_snap)
    assert code == "InvalidSnapshot.InUse" and kg.ami in msg

    copy = ec2.copy_image(SourceImageId=kg.ami, SourceRegion="ap-northeast-2", Name="KG-Ami-copy")["ImageId"]
    copied = ec2.describe_images(ImageIds=[copy])["Images"][0]
    assert copied["SourceImageId"] == kg.ami
    assert copied["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"] != root_snap
    assert hg.expect_client_error(ec2.copy_image, SourceImageId=kg.ami, SourceRegion="us-east-1", Name="x-y-z")[0] \
        == "InvalidParameterValue"

    ec2.modify_image_attribute(ImageId=copy, LaunchPermission={"Add": [{"UserId": "123456789012"}]})
    perms = ec2.describe_image_attribute(ImageId=copy, Attribute="launchPermission")["LaunchPermissions"]
    assert perms == [{"UserId": "123456789012"}]
    ec2.modify_image_attribute(ImageId=copy, Description={"Value": "KG SPORTS, copied"})
    assert ec2.describe_image_attribute(ImageId=copy, Attribute="description")["Description"]["Value"] \
        == "KG SPORTS, copied"
    ec2.reset_image_attribute(ImageId=copy, Attribute="launchPermission")
    assert ec2.describe_image_attribute(ImageId=copy, Attribute="launchPermission")["LaunchPermissions"] == []

    # An instance launched from the copy boots from the copied root snapshot.
    iid = run(kg, image=copy, name="from-copy")[0]["InstanceId"]
    ip = wait_state(kg, iid, "running")["PrivateIpAddress"]
    hg.wait_until(lambda: serving(ip), timeout=15, interval=0.2, what="instance from the copied image serving")
    snaps = ec2.create_snapshots(InstanceSpecification={"InstanceId": iid}, Description="nightly")["Snapshots"]
    assert len(snaps) == 1 and snaps[0]["Description"] == "nightly"
    ec2.terminate_instances(InstanceIds=[iid])
    wait_state(kg, iid, "terminated")
    ec2.deregister_image(ImageId=copy)
    assert hg.expect_client_error(ec2.describe_images, ImageIds=[copy])[0] == "InvalidAMIID.NotFound"


def imds(ip: str, path: str, token: str | None = None, method: str = "GET", headers: dict | None = None):
    req = urllib.request.Request(f"http://{loopback(ip)}:1338{path}", method=method, headers=headers or {})
    if token:
        req.add_header("X-aws-ec2-metadata-token", token)
    with urllib.request.urlopen(req, timeout=2) as r:
        return r.read().decode()


def test_metadata_service_hands_out_the_instance_profile_role(kg):
    iam = kg.client("iam")
    trust = hg.policy({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"})
    iam.create_role(RoleName="KG-Web-Role", AssumeRolePolicyDocument=trust)
    iam.attach_role_policy(RoleName="KG-Web-Role", PolicyArn="arn:aws:iam::aws:policy/IAMReadOnlyAccess")
    iam.create_instance_profile(InstanceProfileName="KG-Web-Profile")
    iam.add_role_to_instance_profile(InstanceProfileName="KG-Web-Profile", RoleName="KG-Web-Role")
    iid = run(kg, name="with-role", IamInstanceProfile={"Name": "KG-Web-Profile"})[0]["InstanceId"]
    ip = wait_state(kg, iid, "running")["PrivateIpAddress"]
    # IMDSv2 only: no token, no answer.
    try:
        imds(ip, "/latest/meta-data/instance-id")
        raise AssertionError("IMDSv1 request was answered")
    except urllib.error.HTTPError as e:
        assert e.code == 401
    token = imds(ip, "/latest/api/token", method="PUT", headers={"X-aws-ec2-metadata-token-ttl-seconds": "60"})
    assert imds(ip, "/latest/meta-data/instance-id", token) == iid
    assert imds(ip, "/latest/meta-data/local-ipv4", token) == ip
    assert imds(ip, "/latest/meta-data/placement/availability-zone", token).startswith("ap-northeast-2")
    assert imds(ip, "/latest/meta-data/iam/security-credentials/", token) == "KG-Web-Role"
    creds = json.loads(imds(ip, "/latest/meta-data/iam/security-credentials/KG-Web-Role", token))
    assert creds["Code"] == "Success"
    sts = kg.client("sts", creds["AccessKeyId"], creds["SecretAccessKey"], creds["Token"])
    assert sts.get_caller_identity()["Arn"] == f"arn:aws:sts::{kg.account}:assumed-role/KG-Web-Role/{iid}"
    role_iam = kg.client("iam", creds["AccessKeyId"], creds["SecretAccessKey"], creds["Token"])
    role_iam.list_roles()  # IAMReadOnlyAccess allows reading …
    code, _, _ = hg.expect_client_error(role_iam.create_user, UserName="nope")
    assert code == "AccessDenied"  # … and nothing more
    kg.ec2.terminate_instances(InstanceIds=[iid])


def test_dry_run_client_token_and_reboot(kg):
    ec2 = kg.ec2
    code, _, status = hg.expect_client_error(ec2.run_instances, ImageId=kg.ami, InstanceType="t2.micro",
                                             MinCount=1, MaxCount=1, DryRun=True)
    assert (code, status) == ("DryRunOperation", 412)
    key, secret = kg.make_user("no-ec2")
    code, msg, status = hg.expect_client_error(kg.client("ec2", key, secret).describe_instances, DryRun=True)
    assert (code, status) == ("UnauthorizedOperation", 403), msg
    first = run(kg, name="idempotent", ClientToken="kg-match-day-1")
    again = run(kg, name="idempotent", ClientToken="kg-match-day-1")
    assert [i["InstanceId"] for i in first] == [i["InstanceId"] for i in again]
    iid = first[0]["InstanceId"]
    ip = wait_state(kg, iid, "running")["PrivateIpAddress"]
    hg.wait_until(lambda: serving(ip), timeout=15, interval=0.2, what="serving")
    ec2.reboot_instances(InstanceIds=[iid])
    hg.wait_until(lambda: kg.aws("ec2", "get-console-output", "--instance-id", iid)["Output"].count(
        "KG SPORTS web starting") >= 2, timeout=20, interval=0.3, what="a second boot")
    assert describe(kg, iid)["State"]["Name"] == "running"
    hg.wait_until(lambda: serving(ip), timeout=15, interval=0.2, what="serving after reboot")
    ec2.terminate_instances(InstanceIds=[iid])
