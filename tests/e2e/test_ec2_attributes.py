"""EC2 operations tools like Terraform call around the seed's resources, through boto3 and the
real aws CLI: DescribeInstanceTypes / DescribeInstanceTypeOfferings with AWS's figures,
DescribeVpcAttribute / ModifyVpcAttribute, DescribeInstanceAttribute / ModifyInstanceAttribute,
with AWS's error codes, and a Terraform-style refresh reading every attribute back."""

from __future__ import annotations

import base64
import json

import pytest

import hg
from hg import expect_client_error


@pytest.fixture(scope="module")
def ec2(region):
    return region.client("ec2")


@pytest.fixture(scope="module")
def default_vpc(ec2):
    vpcs = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]
    assert len(vpcs) == 1
    return vpcs[0]["VpcId"]


@pytest.fixture(scope="module")
def image_id(ec2, tmp_path_factory):
    """An image whose instances just sleep."""
    bundle = tmp_path_factory.mktemp("bundle")
    (bundle / "rootfs").mkdir()
    (bundle / "homeground-image.json").write_text(json.dumps({"boot": ["/bin/sleep", "600"]}))
    return ec2.register_image(Name="attr-test-sleeper", ImageLocation=str(bundle))["ImageId"]


@pytest.fixture
def instances(ec2):
    launched: list[str] = []
    yield launched
    if launched:
        for iid in launched:
            try:
                ec2.modify_instance_attribute(InstanceId=iid, DisableApiTermination={"Value": False})
            except Exception:
                pass
        ec2.terminate_instances(InstanceIds=launched)
        hg.wait_until(
            lambda: all(i["State"]["Name"] == "terminated"
                        for r in ec2.describe_instances(InstanceIds=launched)["Reservations"]
                        for i in r["Instances"]),
            timeout=30, what="instances to terminate")


def describe(ec2, iid) -> dict:
    return ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]


def wait_state(ec2, iid, state, timeout=30.0) -> dict:
    hg.wait_until(lambda: describe(ec2, iid)["State"]["Name"] == state, timeout=timeout, what=f"{iid} {state}")
    return describe(ec2, iid)


# ---- instance types -------------------------------------------------------------------------

# AWS's figures: vCPUs, cores, threads per core, MiB, GHz, network performance, ENIs,
# IPv4 addresses per ENI, hypervisor, burstable, current generation, architectures.
X86 = ["x86_64"]
BOTH = ["i386", "x86_64"]
TYPES = {
    "m1.small": (1, 1, 1, 1740, None, "Low", 2, 4, "xen", False, False, BOTH),
    "t2.nano": (1, 1, 1, 512, 2.4, "Low to Moderate", 2, 2, "xen", True, True, BOTH),
    "t2.micro": (1, 1, 1, 1024, 2.5, "Low to Moderate", 2, 2, "xen", True, True, BOTH),
    "t2.small": (1, 1, 1, 2048, 2.5, "Low to Moderate", 3, 4, "xen", True, True, BOTH),
    "t2.medium": (2, 2, 1, 4096, 2.3, "Low to Moderate", 3, 6, "xen", True, True, BOTH),
    "t2.large": (2, 2, 1, 8192, 2.3, "Low to Moderate", 3, 12, "xen", True, True, X86),
    "t3.nano": (2, 1, 2, 512, 2.5, "Up to 5 Gigabit", 2, 2, "nitro", True, True, X86),
    "t3.micro": (2, 1, 2, 1024, 2.5, "Up to 5 Gigabit", 2, 2, "nitro", True, True, X86),
    "t3.small": (2, 1, 2, 2048, 2.5, "Up to 5 Gigabit", 3, 4, "nitro", True, True, X86),
    "t3.medium": (2, 1, 2, 4096, 2.5, "Up to 5 Gigabit", 3, 6, "nitro", True, True, X86),
    "t3.large": (2, 1, 2, 8192, 2.5, "Up to 5 Gigabit", 3, 12, "nitro", True, True, X86),
    "m5.large": (2, 1, 2, 8192, 3.1, "Up to 10 Gigabit", 3, 10, "nitro", False, True, X86),
    "m5.xlarge": (4, 2, 2, 16384, 3.1, "Up to 10 Gigabit", 4, 15, "nitro", False, True, X86),
    "c5.large": (2, 1, 2, 4096, 3.4, "Up to 10 Gigabit", 3, 10, "nitro", False, True, X86),
    "c5.xlarge": (4, 2, 2, 8192, 3.4, "Up to 10 Gigabit", 4, 15, "nitro", False, True, X86),
}


def test_instance_types_answer_awss_figures(ec2):
    got = {t["InstanceType"]: t for t in ec2.describe_instance_types(InstanceTypes=list(TYPES))["InstanceTypes"]}
    assert set(got) == set(TYPES)
    for name, (vcpus, cores, threads, mib, ghz, perf, enis, ips, hyp, burst, current, arch) in TYPES.items():
        t = got[name]
        assert t["VCpuInfo"]["DefaultVCpus"] == vcpus, name
        assert t["VCpuInfo"]["DefaultCores"] == cores, name
        assert t["VCpuInfo"]["DefaultThreadsPerCore"] == threads, name
        assert t["MemoryInfo"]["SizeInMiB"] == mib, name
        assert t["ProcessorInfo"].get("SustainedClockSpeedInGhz") == ghz, name
        assert t["ProcessorInfo"]["SupportedArchitectures"] == arch, name
        assert t["NetworkInfo"]["NetworkPerformance"] == perf, name
        assert t["NetworkInfo"]["MaximumNetworkInterfaces"] == enis, name
        assert t["NetworkInfo"]["Ipv4AddressesPerInterface"] == ips, name
        assert t["Hypervisor"] == hyp, name
        assert t["BurstablePerformanceSupported"] is burst, name
        assert t["CurrentGeneration"] is current, name
        assert t["SupportedUsageClasses"] == ["on-demand", "spot"], name
        assert "ebs" in t["SupportedRootDeviceTypes"], name
        assert "hvm" in t["SupportedVirtualizationTypes"], name
        assert t["EbsInfo"]["EbsOptimizedSupport"] == ("default" if hyp == "nitro" else "unsupported"), name
    assert got["t2.micro"]["FreeTierEligible"] is True
    assert got["m1.small"]["SupportedVirtualizationTypes"] == ["hvm", "paravirtual"]
    assert got["m5.xlarge"]["VCpuInfo"]["ValidCores"] == [2]


def test_instance_type_filters_and_paging(ec2, region):
    def names(**kw):
        return [t["InstanceType"] for t in ec2.describe_instance_types(**kw)["InstanceTypes"]]

    f = lambda n, *v: {"Name": n, "Values": list(v)}  # noqa: E731
    assert names(Filters=[f("vcpu-info.default-vcpus", "4")]) == ["m5.xlarge", "c5.xlarge"]
    assert names(Filters=[f("current-generation", "false")]) == ["m1.small"]
    assert names(Filters=[f("memory-info.size-in-mib", "8192"), f("hypervisor", "nitro")]) == [
        "t3.large", "m5.large", "c5.xlarge"]
    assert names(Filters=[f("processor-info.supported-architecture", "i386"), f("instance-type", "t2.*")]) == [
        "t2.nano", "t2.micro", "t2.small", "t2.medium"]
    assert names(Filters=[f("burstable-performance-supported", "true"), f("vcpu-info.default-cores", "2")]) == [
        "t2.medium", "t2.large"]
    assert names(Filters=[f("network-info.network-performance", "Up to 10 Gigabit")]) == [
        "m5.large", "m5.xlarge", "c5.large", "c5.xlarge"]
    code, msg, status = expect_client_error(ec2.describe_instance_types, Filters=[f("no-such", "x")])
    assert (code, status) == ("InvalidParameterValue", 400)

    # Pages of 5 cover every type once.
    seen, token = [], None
    while True:
        kw = {"MaxResults": 5} | ({"NextToken": token} if token else {})
        out = ec2.describe_instance_types(**kw)
        assert len(out["InstanceTypes"]) <= 5
        seen += [t["InstanceType"] for t in out["InstanceTypes"]]
        token = out.get("NextToken")
        if not token:
            break
    assert sorted(seen) == sorted(TYPES)
    code, _, _ = expect_client_error(ec2.describe_instance_types, NextToken="garbage!")
    assert code == "InvalidNextToken"

    # The aws CLI pages through on its own.
    out = region.aws("ec2", "describe-instance-types", "--page-size", "5",
                     "--filters", "Name=vcpu-info.default-vcpus,Values=2")
    assert sorted(t["InstanceType"] for t in out["InstanceTypes"]) == sorted(
        n for n, v in TYPES.items() if v[0] == 2)


def test_unknown_instance_type_is_awss_error(ec2, region):
    code, msg, status = expect_client_error(ec2.describe_instance_types, InstanceTypes=["t2.micro", "z9.huge"])
    assert (code, status) == ("InvalidInstanceType", 400)
    assert msg == "The following supplied instance types do not exist: [z9.huge]"
    _, err = region.aws_fail("ec2", "describe-instance-types", "--instance-types", "q1.tiny")
    assert hg.cli_error(err) == ("InvalidInstanceType", "The following supplied instance types do not exist: [q1.tiny]")


def test_instance_type_offerings_per_location(ec2, region):
    name = region.region_name
    zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]]
    zone_ids = [z["ZoneId"] for z in ec2.describe_availability_zones()["AvailabilityZones"]]

    def offerings(**kw):
        return ec2.describe_instance_type_offerings(**kw)["InstanceTypeOfferings"]

    in_region = offerings()
    assert {o["InstanceType"] for o in in_region} == set(TYPES)
    assert {(o["LocationType"], o["Location"]) for o in in_region} == {("region", name)}
    by_zone = offerings(LocationType="availability-zone")
    assert {o["Location"] for o in by_zone} == set(zones)
    assert len(by_zone) == len(TYPES) * len(zones)
    by_id = offerings(LocationType="availability-zone-id",
                      Filters=[{"Name": "location", "Values": [zone_ids[1]]},
                               {"Name": "instance-type", "Values": ["t3.*"]}])
    assert sorted(o["InstanceType"] for o in by_id) == sorted(n for n in TYPES if n.startswith("t3."))
    assert {o["Location"] for o in by_id} == {zone_ids[1]}
    out = region.aws("ec2", "describe-instance-type-offerings", "--location-type", "availability-zone",
                     "--filters", f"Name=location,Values={zones[0]}", "Name=instance-type,Values=t2.micro")
    assert out["InstanceTypeOfferings"] == [
        {"InstanceType": "t2.micro", "LocationType": "availability-zone", "Location": zones[0]}]
    page = ec2.describe_instance_type_offerings(MaxResults=5)
    assert len(page["InstanceTypeOfferings"]) == 5 and page["NextToken"]


# ---- VPC attributes -------------------------------------------------------------------------

def vpc_attrs(ec2, vpc_id) -> dict:
    """What Terraform's aws_vpc refresh reads."""
    out = {}
    for attr, member in [("enableDnsSupport", "EnableDnsSupport"), ("enableDnsHostnames", "EnableDnsHostnames"),
                         ("enableNetworkAddressUsageMetrics", "EnableNetworkAddressUsageMetrics")]:
        r = ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute=attr)
        assert r["VpcId"] == vpc_id
        out[attr] = r[member]["Value"]
    return out


def test_vpc_attributes_defaults_and_changes(ec2, region, default_vpc):
    assert vpc_attrs(ec2, default_vpc) == {
        "enableDnsSupport": True, "enableDnsHostnames": True, "enableNetworkAddressUsageMetrics": False}
    vpc = ec2.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
    try:
        assert vpc_attrs(ec2, vpc) == {
            "enableDnsSupport": True, "enableDnsHostnames": False, "enableNetworkAddressUsageMetrics": False}
        ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
        region.aws("ec2", "modify-vpc-attribute", "--vpc-id", vpc, "--enable-network-address-usage-metrics")
        region.aws("ec2", "modify-vpc-attribute", "--vpc-id", vpc, "--no-enable-dns-support")
        assert vpc_attrs(ec2, vpc) == {
            "enableDnsSupport": False, "enableDnsHostnames": True, "enableNetworkAddressUsageMetrics": True}
        out = region.aws("ec2", "describe-vpc-attribute", "--vpc-id", vpc, "--attribute", "enableDnsHostnames")
        assert out == {"VpcId": vpc, "EnableDnsHostnames": {"Value": True}}

        cases = [
            (dict(VpcId="vpc-0123456789abcdef0", EnableDnsSupport={"Value": True}), "InvalidVpcID.NotFound",
             "The vpc ID 'vpc-0123456789abcdef0' does not exist"),
            (dict(VpcId=vpc, EnableDnsSupport={"Value": True}, EnableDnsHostnames={"Value": True}),
             "InvalidParameterCombination", None),
            (dict(VpcId=vpc), "MissingParameter", None),
        ]
        for kw, want, text in cases:
            code, msg, status = expect_client_error(ec2.modify_vpc_attribute, **kw)
            assert (code, status) == (want, 400), kw
            if text:
                assert msg == text
        code, _, _ = expect_client_error(ec2.describe_vpc_attribute, VpcId="vpc-0123456789abcdef0",
                                         Attribute="enableDnsSupport")
        assert code == "InvalidVpcID.NotFound"
        code, msg, _ = expect_client_error(ec2.describe_vpc_attribute, VpcId=vpc, Attribute="enableMagic")
        assert code == "InvalidParameterValue" and "enableMagic" in msg
        # Nothing half made: the refused calls changed nothing.
        assert vpc_attrs(ec2, vpc)["enableDnsSupport"] is False
    finally:
        ec2.delete_vpc(VpcId=vpc)


VPC_STACK = """
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Net:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.77.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true
Outputs:
  VpcId:
    Value: !Ref Net
"""


def test_cloudformation_vpc_dns_properties_land_on_the_vpc(ec2, region):
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="dnsvpc", TemplateBody=VPC_STACK)
    cfn.get_waiter("stack_create_complete").wait(StackName="dnsvpc", WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    outputs = cfn.describe_stacks(StackName="dnsvpc")["Stacks"][0]["Outputs"]
    vpc = next(o["OutputValue"] for o in outputs if o["OutputKey"] == "VpcId")
    assert vpc_attrs(ec2, vpc)["enableDnsHostnames"] is True
    assert vpc_attrs(ec2, vpc)["enableDnsSupport"] is True
    # Changing them is an update without interruption: the same VPC, its attribute changed.
    cfn.update_stack(StackName="dnsvpc", TemplateBody=VPC_STACK.replace("EnableDnsHostnames: true",
                                                                         "EnableDnsHostnames: false"))
    cfn.get_waiter("stack_update_complete").wait(StackName="dnsvpc", WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    outputs = cfn.describe_stacks(StackName="dnsvpc")["Stacks"][0]["Outputs"]
    assert next(o["OutputValue"] for o in outputs if o["OutputKey"] == "VpcId") == vpc
    assert vpc_attrs(ec2, vpc)["enableDnsHostnames"] is False
    cfn.delete_stack(StackName="dnsvpc")
    cfn.get_waiter("stack_delete_complete").wait(StackName="dnsvpc", WaiterConfig={"Delay": 1, "MaxAttempts": 60})


# ---- instance attributes --------------------------------------------------------------------

INSTANCE_ATTRIBUTES = [
    ("instanceType", "InstanceType"), ("kernel", "KernelId"), ("ramdisk", "RamdiskId"), ("userData", "UserData"),
    ("disableApiTermination", "DisableApiTermination"),
    ("instanceInitiatedShutdownBehavior", "InstanceInitiatedShutdownBehavior"),
    ("rootDeviceName", "RootDeviceName"), ("blockDeviceMapping", "BlockDeviceMappings"),
    ("productCodes", "ProductCodes"), ("sourceDestCheck", "SourceDestCheck"), ("groupSet", "Groups"),
    ("ebsOptimized", "EbsOptimized"), ("sriovNetSupport", "SriovNetSupport"), ("enaSupport", "EnaSupport"),
    ("disableApiStop", "DisableApiStop"),
]


def instance_attrs(ec2, iid) -> dict:
    """Terraform's aws_instance refresh: every attribute, one call each."""
    out = {}
    for attr, member in INSTANCE_ATTRIBUTES:
        r = ec2.describe_instance_attribute(InstanceId=iid, Attribute=attr)
        assert r["InstanceId"] == iid
        out[attr] = r.get(member)
    return out


def test_instance_attributes_refresh_and_changes(ec2, region, image_id, instances):
    user_data = "#!/bin/sh\necho hello\n"
    inst = ec2.run_instances(ImageId=image_id, MinCount=1, MaxCount=1, InstanceType="t3.micro",
                             UserData=user_data, DisableApiTermination=True)["Instances"][0]
    iid = inst["InstanceId"]
    instances.append(iid)
    wait_state(ec2, iid, "running")
    a = instance_attrs(ec2, iid)
    default_group = describe(ec2, iid)["SecurityGroups"][0]
    assert a["instanceType"] == {"Value": "t3.micro"}
    assert base64.b64decode(a["userData"]["Value"]).decode() == user_data
    assert a["disableApiTermination"] == {"Value": True}
    assert a["instanceInitiatedShutdownBehavior"] == {"Value": "stop"}
    assert a["rootDeviceName"] == {"Value": "/dev/xvda"}
    assert a["blockDeviceMapping"][0]["DeviceName"] == "/dev/xvda"
    assert a["sourceDestCheck"] == {"Value": True}
    assert a["ebsOptimized"] == {"Value": False}
    assert a["groupSet"] == [default_group]
    assert a["enaSupport"] == {"Value": True}
    assert a["productCodes"] == []
    assert a["disableApiStop"] == {"Value": False}

    # Termination protection holds until it is lifted.
    code, msg, status = expect_client_error(ec2.terminate_instances, InstanceIds=[iid])
    assert (code, status) == ("OperationNotPermitted", 400)
    assert msg == (f"The instance '{iid}' may not be terminated. Modify its 'disableApiTermination' "
                   "instance attribute and try again.")
    assert describe(ec2, iid)["State"]["Name"] == "running"
    region.aws("ec2", "modify-instance-attribute", "--instance-id", iid, "--no-disable-api-termination")
    assert ec2.describe_instance_attribute(InstanceId=iid, Attribute="disableApiTermination")[
        "DisableApiTermination"] == {"Value": False}

    # Errors, as EC2 gives them.
    cases = [
        (dict(InstanceId=iid, InstanceType={"Value": "t3.small"}), "IncorrectInstanceState",
         f"The instance '{iid}' is not in the 'stopped' state."),
        (dict(InstanceId=iid, UserData={"Value": b"x"}), "IncorrectInstanceState",
         f"The instance '{iid}' is not in the 'stopped' state."),
        (dict(InstanceId="i-0123456789abcdef0", SourceDestCheck={"Value": False}), "InvalidInstanceID.NotFound",
         "The instance ID 'i-0123456789abcdef0' does not exist"),
        (dict(InstanceId=iid, SourceDestCheck={"Value": False}, DisableApiTermination={"Value": True}),
         "InvalidParameterCombination", None),
        (dict(InstanceId=iid, InstanceInitiatedShutdownBehavior={"Value": "explode"}), "InvalidParameterValue", None),
        (dict(InstanceId=iid, Groups=["sg-0123456789abcdef0"]), "InvalidGroup.NotFound", None),
        (dict(InstanceId=iid), "MissingParameter", None),
    ]
    for kw, want, text in cases:
        code, msg, status = expect_client_error(ec2.modify_instance_attribute, **kw)
        assert (code, status) == (want, 400), (kw, code, msg)
        if text:
            assert msg == text
    code, _, _ = expect_client_error(ec2.describe_instance_attribute, InstanceId="i-0123456789abcdef0",
                                     Attribute="instanceType")
    assert code == "InvalidInstanceID.NotFound"
    _, err = region.aws_fail("ec2", "describe-instance-attribute", "--instance-id", iid, "--attribute", "bogus")
    assert hg.cli_error(err)[0] in ("InvalidParameterValue", "ValidationError")

    # Changes that need no stop.
    ec2.modify_instance_attribute(InstanceId=iid, SourceDestCheck={"Value": False})
    ec2.modify_instance_attribute(InstanceId=iid, InstanceInitiatedShutdownBehavior={"Value": "terminate"})
    web = ec2.create_security_group(GroupName="attr-web", Description="web")["GroupId"]
    region.aws("ec2", "modify-instance-attribute", "--instance-id", iid, "--groups", web, default_group["GroupId"])
    now = describe(ec2, iid)
    assert now["SourceDestCheck"] is False
    assert sorted(g["GroupId"] for g in now["SecurityGroups"]) == sorted([web, default_group["GroupId"]])
    assert ec2.describe_instance_attribute(InstanceId=iid, Attribute="instanceInitiatedShutdownBehavior")[
        "InstanceInitiatedShutdownBehavior"] == {"Value": "terminate"}
    ec2.modify_instance_attribute(InstanceId=iid, InstanceInitiatedShutdownBehavior={"Value": "stop"})

    # Changes that need a stopped instance.
    ec2.stop_instances(InstanceIds=[iid])
    wait_state(ec2, iid, "stopped")
    ec2.modify_instance_attribute(InstanceId=iid, InstanceType={"Value": "t3.small"})
    region.aws("ec2", "modify-instance-attribute", "--instance-id", iid, "--ebs-optimized")
    ec2.modify_instance_attribute(InstanceId=iid, UserData={"Value": b"#!/bin/sh\necho changed\n"})
    code, _, _ = expect_client_error(ec2.modify_instance_attribute, InstanceId=iid, InstanceType={"Value": "z9.huge"})
    assert code == "InvalidParameterValue"
    a = instance_attrs(ec2, iid)
    assert a["instanceType"] == {"Value": "t3.small"}
    assert a["ebsOptimized"] == {"Value": True}
    assert base64.b64decode(a["userData"]["Value"]).decode() == "#!/bin/sh\necho changed\n"
    assert a["sourceDestCheck"] == {"Value": False}
    now = describe(ec2, iid)
    assert now["InstanceType"] == "t3.small" and now["EbsOptimized"] is True
    ec2.start_instances(InstanceIds=[iid])
    wait_state(ec2, iid, "running")
    assert describe(ec2, iid)["InstanceType"] == "t3.small"


def test_ebs_optimization_is_refused_where_aws_refuses_it(ec2, image_id, instances):
    inst = ec2.run_instances(ImageId=image_id, MinCount=1, MaxCount=1, InstanceType="t2.micro")["Instances"][0]
    instances.append(inst["InstanceId"])
    code, _, status = expect_client_error(ec2.modify_instance_attribute, InstanceId=inst["InstanceId"],
                                          EbsOptimized={"Value": True})
    assert (code, status) == ("Unsupported", 400)


# ---- authorisation --------------------------------------------------------------------------

def test_the_new_operations_are_authorised_like_the_others(ec2, region, image_id, instances, default_vpc):
    account = region.account
    reader = region.client("ec2", *region.make_user("tf-reader", inline={"p": hg.policy(hg.allow("ec2:Describe*"))}))
    assert reader.describe_instance_types(InstanceTypes=["t3.micro"])["InstanceTypes"]
    assert reader.describe_instance_type_offerings()["InstanceTypeOfferings"]
    assert reader.describe_vpc_attribute(VpcId=default_vpc, Attribute="enableDnsSupport")["EnableDnsSupport"]
    code, msg, status = expect_client_error(reader.modify_vpc_attribute, VpcId=default_vpc,
                                            EnableDnsHostnames={"Value": True})
    assert (code, status) == ("UnauthorizedOperation", 403), msg
    assert "ec2:ModifyVpcAttribute" in msg and f":vpc/{default_vpc}" in msg, msg

    tagged = ec2.run_instances(ImageId=image_id, MinCount=1, MaxCount=1, InstanceType="t3.micro",
                               TagSpecifications=[{"ResourceType": "instance",
                                                   "Tags": [{"Key": "team", "Value": "web"}]}])["Instances"][0]
    plain = ec2.run_instances(ImageId=image_id, MinCount=1, MaxCount=1, InstanceType="t3.micro")["Instances"][0]
    instances += [tagged["InstanceId"], plain["InstanceId"]]
    web_team = region.client("ec2", *region.make_user("tf-web", inline={"p": hg.policy(
        hg.allow("ec2:Describe*"),
        hg.allow("ec2:ModifyInstanceAttribute", f"arn:aws:ec2:*:{account}:instance/*",
                 Condition={"StringEquals": {"ec2:ResourceTag/team": "web"}}))}))
    web_team.modify_instance_attribute(InstanceId=tagged["InstanceId"], SourceDestCheck={"Value": False})
    assert web_team.describe_instance_attribute(InstanceId=tagged["InstanceId"], Attribute="sourceDestCheck")[
        "SourceDestCheck"] == {"Value": False}
    code, msg, status = expect_client_error(web_team.modify_instance_attribute, InstanceId=plain["InstanceId"],
                                            SourceDestCheck={"Value": False})
    assert (code, status) == ("UnauthorizedOperation", 403), msg
    # New security groups are resources of the call too.
    group = tagged["SecurityGroups"][0]["GroupId"]
    code, msg, status = expect_client_error(web_team.modify_instance_attribute, InstanceId=tagged["InstanceId"],
                                            Groups=[group])
    assert (code, status) == ("UnauthorizedOperation", 403), msg
    assert f":security-group/{group}" in msg, msg


def test_public_dns_names_follow_enable_dns_hostnames(ec2, image_id, instances):
    vpc = ec2.create_vpc(CidrBlock="10.43.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.43.1.0/24")["Subnet"]["SubnetId"]
    ec2.modify_subnet_attribute(SubnetId=subnet, MapPublicIpOnLaunch={"Value": True})
    inst = ec2.run_instances(ImageId=image_id, MinCount=1, MaxCount=1, SubnetId=subnet)["Instances"][0]
    iid = inst["InstanceId"]
    instances.append(iid)
    # A new VPC has no DNS hostnames: a public address, but no public name.
    assert inst["PublicIpAddress"] and inst["PublicDnsName"] == ""
    assert describe(ec2, iid)["PublicDnsName"] == ""
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
    now = describe(ec2, iid)
    assert now["PublicDnsName"] == f"ec2-{now['PublicIpAddress'].replace('.', '-')}.{ec2.meta.region_name}.compute.amazonaws.com"
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": False})
    assert describe(ec2, iid)["PublicDnsName"] == ""
    assert describe(ec2, iid)["PrivateDnsName"].endswith(".compute.internal")
    ec2.terminate_instances(InstanceIds=[iid])
    wait_state(ec2, iid, "terminated")
    instances.remove(iid)
    ec2.delete_subnet(SubnetId=subnet)
    ec2.delete_vpc(VpcId=vpc)


def test_cpu_credit_options_of_burstable_instances(ec2, region, image_id, instances):
    """What Terraform reads on every refresh of a T instance, and what it changes."""
    t3 = ec2.run_instances(ImageId=image_id, MinCount=1, MaxCount=1, InstanceType="t3.micro")["Instances"][0]
    t2 = ec2.run_instances(ImageId=image_id, MinCount=1, MaxCount=1, InstanceType="t2.micro",
                           CreditSpecification={"CpuCredits": "unlimited"})["Instances"][0]
    m5 = ec2.run_instances(ImageId=image_id, MinCount=1, MaxCount=1, InstanceType="m5.large")["Instances"][0]
    instances += [t3["InstanceId"], t2["InstanceId"], m5["InstanceId"]]

    def options(*ids):
        specs = ec2.describe_instance_credit_specifications(InstanceIds=list(ids))["InstanceCreditSpecifications"]
        return {s["InstanceId"]: s["CpuCredits"] for s in specs}

    # The family's default (t3: unlimited), the request's (t2 asked for unlimited); none for m5.
    assert options(t3["InstanceId"], t2["InstanceId"], m5["InstanceId"]) == {
        t3["InstanceId"]: "unlimited", t2["InstanceId"]: "unlimited"}
    out = ec2.modify_instance_credit_specification(InstanceCreditSpecifications=[
        {"InstanceId": t3["InstanceId"], "CpuCredits": "standard"},
        {"InstanceId": m5["InstanceId"], "CpuCredits": "standard"},
        {"InstanceId": "i-0123456789abcdef0", "CpuCredits": "standard"}])
    assert out["SuccessfulInstanceCreditSpecifications"] == [{"InstanceId": t3["InstanceId"]}]
    failed = {f["InstanceId"]: f["Error"]["Code"] for f in out["UnsuccessfulInstanceCreditSpecifications"]}
    assert failed == {m5["InstanceId"]: "InvalidInstanceType", "i-0123456789abcdef0": "InvalidInstanceID.NotFound"}
    assert options(t3["InstanceId"]) == {t3["InstanceId"]: "standard"}

    # The account's default for a family applies to later launches.
    assert ec2.get_default_credit_specification(InstanceFamily="t2")["InstanceFamilyCreditSpecification"] == \
        {"InstanceFamily": "t2", "CpuCredits": "standard"}
    ec2.modify_default_credit_specification(InstanceFamily="t2", CpuCredits="unlimited")
    later = ec2.run_instances(ImageId=image_id, MinCount=1, MaxCount=1, InstanceType="t2.small")["Instances"][0]
    instances.append(later["InstanceId"])
    assert options(later["InstanceId"]) == {later["InstanceId"]: "unlimited"}
    ec2.modify_default_credit_specification(InstanceFamily="t2", CpuCredits="standard")

    code, msg, status = expect_client_error(ec2.run_instances, ImageId=image_id, MinCount=1, MaxCount=1,
                                            InstanceType="m5.large", CreditSpecification={"CpuCredits": "unlimited"})
    assert (code, status) == ("InvalidParameterCombination", 400) and "m5.large" in msg
    code, _, _ = expect_client_error(ec2.modify_instance_credit_specification, InstanceCreditSpecifications=[
        {"InstanceId": t3["InstanceId"], "CpuCredits": "boost"}])
    assert code == "InvalidParameterValue"
    code, _, _ = expect_client_error(ec2.get_default_credit_specification, InstanceFamily="m5")
    assert code == "InvalidParameterValue"
    out = region.aws("ec2", "describe-instance-credit-specifications", "--instance-ids", t3["InstanceId"])
    assert out["InstanceCreditSpecifications"] == [{"InstanceId": t3["InstanceId"], "CpuCredits": "standard"}]
