"""EC2 networking and access through the real aws CLI and boto3: security groups and their
rules, key pairs (with fingerprints checked by openssl and ssh-keygen, as AWS documents),
launch templates and RunInstances from them, internet gateways, route tables, Elastic IPs and
NAT gateways, with the referential checks EC2 makes."""

from __future__ import annotations

import base64
import ipaddress
import json
import shutil
import subprocess
import time

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
    return vpcs[0]


@pytest.fixture(scope="module")
def image_id(ec2, tmp_path_factory):
    """An image whose instances just sleep."""
    bundle = tmp_path_factory.mktemp("bundle")
    (bundle / "rootfs").mkdir()
    (bundle / "homeground-image.json").write_text(json.dumps({"boot": ["/bin/sleep", "600"]}))
    return ec2.register_image(Name="net-test-sleeper", ImageLocation=str(bundle))["ImageId"]


@pytest.fixture
def instances(ec2):
    """Instances a test launches; terminated at teardown so no process outlives it."""
    launched: list[str] = []
    yield launched
    if launched:
        ec2.terminate_instances(InstanceIds=launched)
        hg.wait_until(
            lambda: all(i["State"]["Name"] == "terminated"
                        for r in ec2.describe_instances(InstanceIds=launched)["Reservations"]
                        for i in r["Instances"]),
            timeout=30, what="instances to terminate")


def run_one(ec2, instances, **kw):
    kw.setdefault("MinCount", 1)
    kw.setdefault("MaxCount", 1)
    inst = ec2.run_instances(**kw)["Instances"][0]
    instances.append(inst["InstanceId"])
    return inst


def tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.fail(f"`{name}` is needed to check key fingerprints as AWS documents: "
                    f"apt-get install openssh-client openssl")
    return path


def sh(args, stdin: bytes = b"") -> bytes:
    p = subprocess.run(args, input=stdin, capture_output=True, timeout=60)
    assert p.returncode == 0, f"{args} failed: {p.stderr.decode()}"
    return p.stdout


def openssl_digest(der: bytes, alg: str) -> str:
    return sh([tool("openssl"), alg, "-c"], der).decode().rsplit(" ", 1)[-1].strip()


# ---- the default VPC's network --------------------------------------------------------------


def test_default_vpc_has_an_internet_gateway_and_a_main_route_table(ec2, default_vpc):
    vpc_id = default_vpc["VpcId"]
    igws = ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc_id]}])
    assert len(igws["InternetGateways"]) == 1
    igw = igws["InternetGateways"][0]
    assert igw["InternetGatewayId"].startswith("igw-")
    assert igw["Attachments"] == [{"State": "available", "VpcId": vpc_id}]

    tables = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]},
                                                {"Name": "association.main", "Values": ["true"]}])["RouteTables"]
    assert len(tables) == 1
    rt = tables[0]
    assert rt["RouteTableId"].startswith("rtb-")
    assert rt["Associations"][0]["Main"] is True
    assert rt["Associations"][0]["RouteTableAssociationId"].startswith("rtbassoc-")
    assert {"DestinationCidrBlock": "172.31.0.0/16", "GatewayId": "local", "State": "active",
            "Origin": "CreateRouteTable"} in rt["Routes"]
    internet = [r for r in rt["Routes"] if r["DestinationCidrBlock"] == "0.0.0.0/0"]
    assert internet and internet[0]["GatewayId"] == igw["InternetGatewayId"]
    assert internet[0]["State"] == "active"


# ---- security groups ------------------------------------------------------------------------


def test_security_group_rules_lifecycle(ec2, region, default_vpc):
    vpc_id = default_vpc["VpcId"]
    created = ec2.create_security_group(
        GroupName="web", Description="web servers",
        TagSpecifications=[{"ResourceType": "security-group", "Tags": [{"Key": "Name", "Value": "web-sg"}]}])
    web = created["GroupId"]
    assert web.startswith("sg-")
    assert created["SecurityGroupArn"].endswith(f":security-group/{web}")

    code, msg, status = expect_client_error(ec2.create_security_group, GroupName="web", Description="again")
    assert (code, status) == ("InvalidGroup.Duplicate", 400), msg

    g = ec2.describe_security_groups(GroupIds=[web])["SecurityGroups"][0]
    assert g["VpcId"] == vpc_id and g["GroupName"] == "web" and g["Description"] == "web servers"
    assert g["IpPermissions"] == []
    assert g["IpPermissionsEgress"][0]["IpProtocol"] == "-1"
    assert g["IpPermissionsEgress"][0]["IpRanges"] == [{"CidrIp": "0.0.0.0/0"}]

    out = ec2.authorize_security_group_ingress(GroupId=web, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80,
         "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "http"}]},
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
    ])
    assert out["Return"] is True
    rules = out["SecurityGroupRules"]
    assert len(rules) == 2 and all(r["SecurityGroupRuleId"].startswith("sgr-") for r in rules)
    assert rules[0]["CidrIpv4"] == "0.0.0.0/0" and rules[0]["Description"] == "http"
    assert rules[0]["IsEgress"] is False and rules[0]["GroupId"] == web

    code, msg, _ = expect_client_error(ec2.authorize_security_group_ingress, GroupId=web, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
    assert code == "InvalidPermission.Duplicate", msg
    code, msg, _ = expect_client_error(ec2.authorize_security_group_ingress, GroupId=web, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/33"}]}])
    assert code == "InvalidParameterValue", msg
    code, msg, _ = expect_client_error(ec2.authorize_security_group_ingress, GroupId=web, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 90, "ToPort": 80, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
    assert code == "InvalidParameterValue", msg
    code, _, _ = expect_client_error(ec2.authorize_security_group_ingress, GroupId="sg-0000000000000000f",
                                     IpPermissions=[{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "1.0.0.0/8"}]}])
    assert code == "InvalidGroup.NotFound"

    # The legacy flat form (boto3) and the CLI's --protocol/--port/--cidr shorthand.
    ec2.authorize_security_group_ingress(GroupName="web", IpProtocol="udp", FromPort=53, ToPort=53,
                                         CidrIp="192.168.0.0/16")
    region.aws("ec2", "authorize-security-group-ingress", "--group-id", web, "--protocol", "tcp",
               "--port", "443", "--cidr", "172.16.0.0/12")

    def find(**filters):
        fs = [{"Name": k, "Values": [v]} for k, v in filters.items()]
        return [g["GroupId"] for g in ec2.describe_security_groups(Filters=fs)["SecurityGroups"]]

    assert find(**{"ip-permission.from-port": "22"}) == [web]
    assert find(**{"ip-permission.cidr": "10.0.0.0/8"}) == [web]
    assert find(**{"ip-permission.protocol": "udp"}) == [web]
    assert find(**{"ip-permission.to-port": "443"}) == [web]
    assert web in find(**{"egress.ip-permission.cidr": "0.0.0.0/0"})
    assert find(**{"tag:Name": "web-sg"}) == [web]
    assert find(**{"group-name": "web", "vpc-id": vpc_id}) == [web]
    assert find(**{"description": "web*"}) == [web]
    assert web in find(**{"owner-id": region.account})
    assert find(**{"ip-permission.cidr": "8.8.8.8/32"}) == []

    g = ec2.describe_security_groups(GroupIds=[web])["SecurityGroups"][0]
    perms = {(p["IpProtocol"], p.get("FromPort")): p for p in g["IpPermissions"]}
    assert perms[("tcp", 80)]["IpRanges"] == [{"CidrIp": "0.0.0.0/0", "Description": "http"}]
    assert perms[("udp", 53)]["IpRanges"] == [{"CidrIp": "192.168.0.0/16"}]
    assert perms[("tcp", 443)]["ToPort"] == 443

    listed = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [web]}])["SecurityGroupRules"]
    assert len(listed) == 5  # four ingress, one default egress
    egress = [r for r in listed if r["IsEgress"]]
    assert len(egress) == 1 and egress[0]["IpProtocol"] == "-1"
    one = ec2.describe_security_group_rules(SecurityGroupRuleIds=[rules[0]["SecurityGroupRuleId"]])
    assert one["SecurityGroupRules"][0]["FromPort"] == 80

    # Revoke by description of the rule, then by rule id; a missing rule is reported.
    out = ec2.revoke_security_group_ingress(GroupId=web, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
    assert out["Return"] is True
    assert out["RevokedSecurityGroupRules"][0]["SecurityGroupRuleId"] == rules[1]["SecurityGroupRuleId"]
    code, msg, _ = expect_client_error(ec2.revoke_security_group_ingress, GroupId=web, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
    assert code == "InvalidPermission.NotFound", msg
    ec2.revoke_security_group_ingress(GroupId=web, SecurityGroupRuleIds=[rules[0]["SecurityGroupRuleId"]])
    ec2.revoke_security_group_ingress(GroupId=web, IpProtocol="udp", FromPort=53, ToPort=53, CidrIp="192.168.0.0/16")
    assert find(**{"ip-permission.from-port": "80"}) == []

    # Egress rules: revoke the default, add a narrower one.
    ec2.revoke_security_group_egress(GroupId=web, IpPermissions=[
        {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    ec2.authorize_security_group_egress(GroupId=web, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    g = ec2.describe_security_groups(GroupIds=[web])["SecurityGroups"][0]
    assert [(p["IpProtocol"], p["FromPort"]) for p in g["IpPermissionsEgress"]] == [("tcp", 443)]

    # A group referenced by another group's rule cannot go.
    app = ec2.create_security_group(GroupName="app", Description="app servers", VpcId=vpc_id)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=app, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": web}]}])
    assert find(**{"ip-permission.group-id": web}) == [app]
    pair = ec2.describe_security_groups(GroupIds=[app])["SecurityGroups"][0]["IpPermissions"][0]["UserIdGroupPairs"][0]
    assert pair["GroupId"] == web and pair["UserId"] == region.account
    code, msg, _ = expect_client_error(ec2.delete_security_group, GroupId=web)
    assert code == "DependencyViolation", msg
    ec2.revoke_security_group_ingress(GroupId=app, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": web}]}])
    assert ec2.delete_security_group(GroupId=web)["Return"] is True
    ec2.delete_security_group(GroupName="app")
    code, _, _ = expect_client_error(ec2.describe_security_groups, GroupIds=[web])
    assert code == "InvalidGroup.NotFound"

    default = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc_id]},
                                                    {"Name": "group-name", "Values": ["default"]}])
    default_id = default["SecurityGroups"][0]["GroupId"]
    # The default group lets its own members in.
    assert default["SecurityGroups"][0]["IpPermissions"][0]["UserIdGroupPairs"][0]["GroupId"] == default_id
    code, msg, _ = expect_client_error(ec2.delete_security_group, GroupId=default_id)
    assert code == "CannotDelete", msg


def test_security_group_in_use_by_an_instance(ec2, image_id, instances):
    sg = ec2.create_security_group(GroupName="in-use", Description="used by an instance")["GroupId"]
    inst = run_one(ec2, instances, ImageId=image_id, SecurityGroupIds=[sg])
    assert [g["GroupId"] for g in inst["SecurityGroups"]] == [sg]
    code, msg, _ = expect_client_error(ec2.delete_security_group, GroupId=sg)
    assert code == "DependencyViolation", msg
    ec2.terminate_instances(InstanceIds=[inst["InstanceId"]])
    hg.wait_until(lambda: ec2.describe_instances(InstanceIds=[inst["InstanceId"]])["Reservations"][0]
                  ["Instances"][0]["State"]["Name"] == "terminated", timeout=30, what="termination")
    ec2.delete_security_group(GroupId=sg)


# ---- key pairs ------------------------------------------------------------------------------


def test_created_key_pairs_carry_aws_fingerprints(region, ec2, tmp_path):
    out = region.aws("ec2", "create-key-pair", "--key-name", "deploy",
                     "--tag-specifications", "ResourceType=key-pair,Tags=[{Key=team,Value=web}]")
    assert out["KeyPairId"].startswith("key-")
    pem = out["KeyMaterial"]
    assert pem.startswith("-----BEGIN RSA PRIVATE KEY-----")
    # AWS: openssl pkcs8 -in key.pem -inform PEM -outform DER -topk8 -nocrypt | openssl sha1 -c
    der = sh([tool("openssl"), "pkcs8", "-inform", "PEM", "-outform", "DER", "-topk8", "-nocrypt"], pem.encode())
    assert out["KeyFingerprint"] == openssl_digest(der, "sha1")
    assert out["Tags"] == [{"Key": "team", "Value": "web"}]

    code, msg, _ = expect_client_error(ec2.create_key_pair, KeyName="deploy")
    assert code == "InvalidKeyPair.Duplicate", msg
    code, msg, _ = expect_client_error(ec2.create_key_pair, KeyName="putty", KeyFormat="ppk")
    assert code == "InvalidParameterValue" and "unsupported" in msg, msg

    ed = ec2.create_key_pair(KeyName="ed", KeyType="ed25519")
    assert ed["KeyMaterial"].startswith("-----BEGIN OPENSSH PRIVATE KEY-----")
    key = tmp_path / "ed"
    key.write_text(ed["KeyMaterial"])
    key.chmod(0o600)
    # AWS: ssh-keygen -l -f key (SHA256:…), shown by EC2 with base64 padding.
    listed = sh([tool("ssh-keygen"), "-l", "-E", "sha256", "-f", str(key)]).decode().split()[1]
    assert ed["KeyFingerprint"] == listed.removeprefix("SHA256:") + "="

    pairs = ec2.describe_key_pairs(KeyNames=["deploy", "ed"], IncludePublicKey=True)["KeyPairs"]
    by_name = {p["KeyName"]: p for p in pairs}
    assert by_name["deploy"]["KeyType"] == "rsa" and by_name["ed"]["KeyType"] == "ed25519"
    assert by_name["deploy"]["PublicKey"].startswith("ssh-rsa ")
    assert by_name["ed"]["PublicKey"].startswith("ssh-ed25519 ")
    assert "CreateTime" in by_name["ed"]
    # The public key we keep is the one the private key we handed out derives.
    derived = sh([tool("ssh-keygen"), "-y", "-f", str(key)]).decode().split()[:2]
    assert by_name["ed"]["PublicKey"].split()[:2] == derived
    assert "PublicKey" not in ec2.describe_key_pairs(KeyNames=["ed"])["KeyPairs"][0]
    ec2.delete_key_pair(KeyName="ed")


def test_imported_key_pairs(region, ec2, tmp_path):
    key = tmp_path / "k"
    sh([tool("ssh-keygen"), "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-C", "me@laptop", "-f", str(key)])
    out = region.aws("ec2", "import-key-pair", "--key-name", "laptop",
                     "--public-key-material", f"fileb://{key}.pub")
    # AWS: openssl rsa -in key.pem -pubout -outform DER | openssl md5 -c
    der = sh([tool("openssl"), "pkey", "-in", str(key), "-pubout", "-outform", "DER"])
    assert out["KeyFingerprint"] == openssl_digest(der, "md5")
    assert out["KeyName"] == "laptop" and out["KeyPairId"].startswith("key-")

    ed = tmp_path / "e"
    sh([tool("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-f", str(ed)])
    got = ec2.import_key_pair(KeyName="ed-laptop", PublicKeyMaterial=(tmp_path / "e.pub").read_bytes())
    listed = sh([tool("ssh-keygen"), "-l", "-E", "sha256", "-f", f"{ed}.pub"]).decode().split()[1]
    assert got["KeyFingerprint"] == listed.removeprefix("SHA256:") + "="

    code, msg, _ = expect_client_error(ec2.import_key_pair, KeyName="bad", PublicKeyMaterial=b"ssh-rsa nonsense")
    assert code == "InvalidKey.Format", msg
    code, _, _ = expect_client_error(ec2.import_key_pair, KeyName="laptop",
                                     PublicKeyMaterial=(tmp_path / "e.pub").read_bytes())
    assert code == "InvalidKeyPair.Duplicate"

    fp = out["KeyFingerprint"]
    assert [p["KeyName"] for p in ec2.describe_key_pairs(
        Filters=[{"Name": "fingerprint", "Values": [fp]}])["KeyPairs"]] == ["laptop"]
    assert sorted(p["KeyName"] for p in ec2.describe_key_pairs(
        Filters=[{"Name": "key-name", "Values": ["*laptop"]}])["KeyPairs"]) == ["ed-laptop", "laptop"]
    by_id = ec2.describe_key_pairs(KeyPairIds=[out["KeyPairId"]])["KeyPairs"]
    assert by_id[0]["KeyName"] == "laptop"
    ec2.create_tags(Resources=[out["KeyPairId"]], Tags=[{"Key": "owner", "Value": "me"}])
    assert [p["KeyName"] for p in ec2.describe_key_pairs(
        Filters=[{"Name": "tag:owner", "Values": ["me"]}])["KeyPairs"]] == ["laptop"]

    code, _, _ = expect_client_error(ec2.describe_key_pairs, KeyNames=["nope"])
    assert code == "InvalidKeyPair.NotFound"
    ec2.delete_key_pair(KeyName="ed-laptop")
    assert ec2.delete_key_pair(KeyName="ed-laptop")["Return"] is True  # idempotent, as AWS
    code, _, _ = expect_client_error(ec2.describe_key_pairs, KeyNames=["ed-laptop"])
    assert code == "InvalidKeyPair.NotFound"


def test_run_instances_checks_the_key_name(ec2, image_id, instances):
    code, msg, _ = expect_client_error(ec2.run_instances, ImageId=image_id, MinCount=1, MaxCount=1,
                                       KeyName="no-such-key")
    assert code == "InvalidKeyPair.NotFound", msg
    ec2.create_key_pair(KeyName="runner", KeyType="ed25519")
    inst = run_one(ec2, instances, ImageId=image_id, KeyName="runner")
    assert inst["KeyName"] == "runner"


# ---- launch templates -----------------------------------------------------------------------


def test_launch_templates_and_run_instances_from_them(ec2, image_id, instances):
    sg = ec2.create_security_group(GroupName="lt-sg", Description="for launch templates")["GroupId"]
    ec2.create_key_pair(KeyName="lt-key", KeyType="ed25519")
    user_data = base64.b64encode(b"#!/bin/sh\necho hi\n").decode()
    created = ec2.create_launch_template(
        LaunchTemplateName="web-lt", VersionDescription="first",
        LaunchTemplateData={
            "ImageId": image_id, "InstanceType": "t3.micro", "KeyName": "lt-key", "SecurityGroupIds": [sg],
            "UserData": user_data,
            "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "role", "Value": "web"}]}],
        },
        TagSpecifications=[{"ResourceType": "launch-template", "Tags": [{"Key": "env", "Value": "test"}]}],
    )["LaunchTemplate"]
    lt_id = created["LaunchTemplateId"]
    assert lt_id.startswith("lt-")
    assert created["DefaultVersionNumber"] == 1 and created["LatestVersionNumber"] == 1
    assert created["Tags"] == [{"Key": "env", "Value": "test"}]
    assert created["CreatedBy"].startswith("arn:aws:iam::")

    code, msg, _ = expect_client_error(ec2.create_launch_template, LaunchTemplateName="web-lt",
                                       LaunchTemplateData={"ImageId": image_id})
    assert code == "InvalidLaunchTemplateName.AlreadyExistsException", msg

    v2 = ec2.create_launch_template_version(LaunchTemplateId=lt_id, SourceVersion="1", VersionDescription="bigger",
                                            LaunchTemplateData={"InstanceType": "t3.small"})["LaunchTemplateVersion"]
    assert v2["VersionNumber"] == 2 and v2["DefaultVersion"] is False
    assert v2["LaunchTemplateData"]["InstanceType"] == "t3.small"
    assert v2["LaunchTemplateData"]["ImageId"] == image_id  # from version 1
    assert v2["LaunchTemplateData"]["SecurityGroupIds"] == [sg]
    ec2.create_launch_template_version(LaunchTemplateName="web-lt", LaunchTemplateData={"ImageId": image_id})

    def versions(**kw):
        return [v["VersionNumber"] for v in
                ec2.describe_launch_template_versions(LaunchTemplateId=lt_id, **kw)["LaunchTemplateVersions"]]

    assert sorted(versions()) == [1, 2, 3]
    assert versions(Versions=["$Latest"]) == [3]
    assert versions(Versions=["$Default"]) == [1]
    assert sorted(versions(MinVersion="2")) == [2, 3]
    assert sorted(versions(MinVersion="1", MaxVersion="2")) == [1, 2]
    assert versions(Filters=[{"Name": "instance-type", "Values": ["t3.small"]}]) == [2]
    code, msg, _ = expect_client_error(ec2.describe_launch_template_versions, LaunchTemplateId=lt_id, Versions=["9"])
    assert code == "InvalidLaunchTemplateId.VersionNotFound", msg

    mod = ec2.modify_launch_template(LaunchTemplateId=lt_id, DefaultVersion="2")["LaunchTemplate"]
    assert mod["DefaultVersionNumber"] == 2 and mod["LatestVersionNumber"] == 3
    code, _, _ = expect_client_error(ec2.modify_launch_template, LaunchTemplateId=lt_id, DefaultVersion="7")
    assert code == "InvalidLaunchTemplateId.VersionNotFound"

    listed = ec2.describe_launch_templates(Filters=[{"Name": "launch-template-name", "Values": ["web-*"]}])
    assert [t["LaunchTemplateId"] for t in listed["LaunchTemplates"]] == [lt_id]
    assert ec2.describe_launch_templates(Filters=[{"Name": "tag:env", "Values": ["test"]}])["LaunchTemplates"]
    code, _, _ = expect_client_error(ec2.describe_launch_templates, LaunchTemplateNames=["nope"])
    assert code == "InvalidLaunchTemplateName.NotFoundException"
    code, _, _ = expect_client_error(ec2.describe_launch_templates, LaunchTemplateIds=["lt-0123456789abcdef0"])
    assert code == "InvalidLaunchTemplateId.NotFound"

    deleted = ec2.delete_launch_template_versions(LaunchTemplateId=lt_id, Versions=["2", "3", "8"])
    assert [v["VersionNumber"] for v in deleted["SuccessfullyDeletedLaunchTemplateVersions"]] == [3]
    failed = {v["VersionNumber"]: v["ResponseError"]["Code"]
              for v in deleted["UnsuccessfullyDeletedLaunchTemplateVersions"]}
    assert failed == {2: "launchTemplateVersionIsDefaultVersion", 8: "launchTemplateVersionDoesNotExist"}
    assert sorted(versions()) == [1, 2]

    # RunInstances from the template's default version (2: t3.small); the request's values win.
    inst = run_one(ec2, instances, LaunchTemplate={"LaunchTemplateName": "web-lt"})
    assert inst["ImageId"] == image_id and inst["InstanceType"] == "t3.small"
    assert inst["KeyName"] == "lt-key"
    assert [g["GroupId"] for g in inst["SecurityGroups"]] == [sg]
    assert {"Key": "role", "Value": "web"} in inst["Tags"]
    inst = run_one(ec2, instances, LaunchTemplate={"LaunchTemplateId": lt_id, "Version": "1"},
                   InstanceType="t3.medium",
                   TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "role", "Value": "batch"}]}])
    assert inst["InstanceType"] == "t3.medium"
    assert inst["Tags"] == [{"Key": "role", "Value": "batch"}]

    code, msg, _ = expect_client_error(ec2.run_instances, MinCount=1, MaxCount=1,
                                       LaunchTemplate={"LaunchTemplateName": "nope"})
    assert code == "InvalidLaunchTemplateName.NotFoundException", msg
    code, msg, _ = expect_client_error(ec2.run_instances, MinCount=1, MaxCount=1,
                                       LaunchTemplate={"LaunchTemplateId": lt_id, "Version": "3"})
    assert code == "InvalidLaunchTemplateId.VersionNotFound", msg

    gone = ec2.delete_launch_template(LaunchTemplateName="web-lt")["LaunchTemplate"]
    assert gone["LaunchTemplateId"] == lt_id
    code, _, _ = expect_client_error(ec2.describe_launch_templates, LaunchTemplateIds=[lt_id])
    assert code == "InvalidLaunchTemplateId.NotFound"


# ---- gateways, route tables, NAT gateways ---------------------------------------------------


def test_gateways_route_tables_and_nat(ec2, region):
    vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16")["Vpc"]["VpcId"]
    main = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["RouteTables"]
    assert len(main) == 1 and main[0]["Associations"][0]["Main"] is True
    assert main[0]["Routes"] == [{"DestinationCidrBlock": "10.60.0.0/16", "GatewayId": "local",
                                  "State": "active", "Origin": "CreateRouteTable"}]

    igw = ec2.create_internet_gateway(TagSpecifications=[
        {"ResourceType": "internet-gateway", "Tags": [{"Key": "Name", "Value": "gw"}]}])["InternetGateway"]
    igw_id = igw["InternetGatewayId"]
    assert igw["Attachments"] == [] and igw["Tags"] == [{"Key": "Name", "Value": "gw"}]
    ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc)
    code, msg, _ = expect_client_error(ec2.attach_internet_gateway, InternetGatewayId=igw_id, VpcId=vpc)
    assert code == "Resource.AlreadyAssociated", msg
    code, msg, _ = expect_client_error(ec2.delete_internet_gateway, InternetGatewayId=igw_id)
    assert code == "DependencyViolation", msg
    code, msg, _ = expect_client_error(ec2.delete_vpc, VpcId=vpc)
    assert code == "DependencyViolation", msg
    assert [g["InternetGatewayId"] for g in ec2.describe_internet_gateways(
        Filters=[{"Name": "tag:Name", "Values": ["gw"]}])["InternetGateways"]] == [igw_id]

    rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]
    rt_id = rt["RouteTableId"]
    assert rt["Associations"] == [] and len(rt["Routes"]) == 1
    assert ec2.create_route(RouteTableId=rt_id, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw_id)["Return"]
    code, msg, _ = expect_client_error(ec2.create_route, RouteTableId=rt_id, DestinationCidrBlock="0.0.0.0/0",
                                       GatewayId=igw_id)
    assert code == "RouteAlreadyExists", msg
    code, msg, _ = expect_client_error(ec2.create_route, RouteTableId=rt_id, DestinationCidrBlock="8.8.0.0/16",
                                       GatewayId="igw-0123456789abcdef0")
    assert code == "InvalidGatewayID.NotFound", msg
    code, _, _ = expect_client_error(ec2.create_route, RouteTableId="rtb-0123456789abcdef0",
                                     DestinationCidrBlock="8.8.0.0/16", GatewayId=igw_id)
    assert code == "InvalidRouteTableID.NotFound"
    code, msg, _ = expect_client_error(ec2.delete_route, RouteTableId=rt_id, DestinationCidrBlock="10.60.0.0/16")
    assert code == "InvalidParameterValue", msg

    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.60.1.0/24")["Subnet"]["SubnetId"]
    assoc = ec2.associate_route_table(RouteTableId=rt_id, SubnetId=subnet)
    assert assoc["AssociationId"].startswith("rtbassoc-")
    assert assoc["AssociationState"]["State"] == "associated"
    code, msg, _ = expect_client_error(ec2.associate_route_table, RouteTableId=rt_id, SubnetId=subnet)
    assert code == "Resource.AlreadyAssociated", msg
    code, msg, _ = expect_client_error(ec2.delete_route_table, RouteTableId=rt_id)
    assert code == "DependencyViolation", msg
    code, msg, _ = expect_client_error(ec2.delete_route_table, RouteTableId=main[0]["RouteTableId"])
    assert code == "DependencyViolation", msg

    def tables(**filters):
        fs = [{"Name": k, "Values": [v]} for k, v in filters.items()]
        return [t["RouteTableId"] for t in ec2.describe_route_tables(Filters=fs)["RouteTables"]]

    assert tables(**{"association.subnet-id": subnet}) == [rt_id]
    assert tables(**{"route.gateway-id": igw_id, "vpc-id": vpc}) == [rt_id]
    assert tables(**{"route.destination-cidr-block": "0.0.0.0/0", "vpc-id": vpc}) == [rt_id]

    # A public NAT gateway takes an Elastic IP and an address in the subnet.
    eip = ec2.allocate_address(Domain="vpc")
    nat = ec2.create_nat_gateway(SubnetId=subnet, AllocationId=eip["AllocationId"],
                                 TagSpecifications=[{"ResourceType": "natgateway",
                                                     "Tags": [{"Key": "Name", "Value": "nat"}]}])["NatGateway"]
    nat_id = nat["NatGatewayId"]
    assert nat_id.startswith("nat-") and nat["State"] == "available" and nat["VpcId"] == vpc
    addr = nat["NatGatewayAddresses"][0]
    assert addr["PublicIp"] == eip["PublicIp"] and ipaddress.ip_address(addr["PrivateIp"]) in \
        ipaddress.ip_network("10.60.1.0/24")
    ec2.get_waiter("nat_gateway_available").wait(NatGatewayIds=[nat_id], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    assert [n["NatGatewayId"] for n in ec2.describe_nat_gateways(
        Filters=[{"Name": "subnet-id", "Values": [subnet]}, {"Name": "state", "Values": ["available"]}])
        ["NatGateways"]] == [nat_id]
    code, msg, _ = expect_client_error(ec2.release_address, AllocationId=eip["AllocationId"])
    assert code == "InvalidIPAddress.InUse", msg
    code, msg, _ = expect_client_error(ec2.delete_subnet, SubnetId=subnet)
    assert code == "DependencyViolation", msg
    code, msg, _ = expect_client_error(ec2.detach_internet_gateway, InternetGatewayId=igw_id, VpcId=vpc)
    assert code == "DependencyViolation", msg

    ec2.replace_route(RouteTableId=rt_id, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat_id)
    ec2.create_route(RouteTableId=rt_id, DestinationCidrBlock="192.168.0.0/16", GatewayId=igw_id)
    routes = {r["DestinationCidrBlock"]: r for r in
              ec2.describe_route_tables(RouteTableIds=[rt_id])["RouteTables"][0]["Routes"]}
    assert routes["0.0.0.0/0"]["NatGatewayId"] == nat_id and routes["0.0.0.0/0"]["State"] == "active"
    assert routes["0.0.0.0/0"]["Origin"] == "CreateRoute"
    assert tables(**{"route.nat-gateway-id": nat_id}) == [rt_id]

    assert ec2.delete_nat_gateway(NatGatewayId=nat_id)["NatGatewayId"] == nat_id
    assert ec2.describe_nat_gateways(NatGatewayIds=[nat_id])["NatGateways"][0]["State"] == "deleted"
    code, _, _ = expect_client_error(ec2.delete_nat_gateway, NatGatewayId=nat_id)
    assert code == "NatGatewayNotFound"
    routes = {r["DestinationCidrBlock"]: r for r in
              ec2.describe_route_tables(RouteTableIds=[rt_id])["RouteTables"][0]["Routes"]}
    assert routes["0.0.0.0/0"]["State"] == "blackhole"
    ec2.release_address(AllocationId=eip["AllocationId"])

    # Detaching the gateway blackholes the routes through it.
    ec2.detach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc)
    routes = {r["DestinationCidrBlock"]: r for r in
              ec2.describe_route_tables(RouteTableIds=[rt_id])["RouteTables"][0]["Routes"]}
    assert routes["192.168.0.0/16"]["State"] == "blackhole"
    code, msg, _ = expect_client_error(ec2.detach_internet_gateway, InternetGatewayId=igw_id, VpcId=vpc)
    assert code == "Gateway.NotAttached", msg

    # A public NAT gateway in a VPC without an internet gateway fails, as on AWS.
    eip2 = ec2.allocate_address()
    failed = ec2.create_nat_gateway(SubnetId=subnet, AllocationId=eip2["AllocationId"])["NatGateway"]
    assert failed["State"] == "failed" and failed["FailureCode"] == "Gateway.NotAttached"
    ec2.release_address(AllocationId=eip2["AllocationId"])

    # Tear down in EC2's order.
    ec2.delete_route(RouteTableId=rt_id, DestinationCidrBlock="192.168.0.0/16")
    code, _, _ = expect_client_error(ec2.delete_route, RouteTableId=rt_id, DestinationCidrBlock="192.168.0.0/16")
    assert code == "InvalidRoute.NotFound"
    ec2.disassociate_route_table(AssociationId=assoc["AssociationId"])
    code, _, _ = expect_client_error(ec2.disassociate_route_table, AssociationId=assoc["AssociationId"])
    assert code == "InvalidAssociationID.NotFound"
    code, msg, _ = expect_client_error(ec2.delete_vpc, VpcId=vpc)
    assert code == "DependencyViolation", msg  # the extra route table and the subnet
    ec2.delete_route_table(RouteTableId=rt_id)
    ec2.delete_subnet(SubnetId=subnet)
    ec2.delete_internet_gateway(InternetGatewayId=igw_id)
    code, _, _ = expect_client_error(ec2.describe_internet_gateways, InternetGatewayIds=[igw_id])
    assert code == "InvalidInternetGatewayID.NotFound"
    ec2.delete_vpc(VpcId=vpc)
    assert tables(**{"vpc-id": vpc}) == []


# ---- Elastic IPs ----------------------------------------------------------------------------


def test_elastic_ips(ec2, region, image_id, instances):
    a = ec2.allocate_address(Domain="vpc", TagSpecifications=[
        {"ResourceType": "elastic-ip", "Tags": [{"Key": "Name", "Value": "front"}]}])
    assert a["AllocationId"].startswith("eipalloc-") and a["Domain"] == "vpc"
    assert ipaddress.ip_address(a["PublicIp"]) in ipaddress.ip_network("100.64.0.0/10")
    b = ec2.allocate_address()
    assert b["PublicIp"] != a["PublicIp"]

    inst = run_one(ec2, instances, ImageId=image_id)
    iid = inst["InstanceId"]
    assoc = ec2.associate_address(AllocationId=a["AllocationId"], InstanceId=iid)["AssociationId"]
    assert assoc.startswith("eipassoc-")
    got = ec2.describe_addresses(Filters=[{"Name": "instance-id", "Values": [iid]}])["Addresses"]
    assert len(got) == 1 and got[0]["AllocationId"] == a["AllocationId"]
    assert got[0]["AssociationId"] == assoc and got[0]["PrivateIpAddress"] == inst["PrivateIpAddress"]
    assert got[0]["Tags"] == [{"Key": "Name", "Value": "front"}]
    code, msg, _ = expect_client_error(ec2.release_address, AllocationId=a["AllocationId"])
    assert code == "InvalidIPAddress.InUse", msg

    # A second instance may not take an associated address without AllowReassociation.
    other = run_one(ec2, instances, ImageId=image_id)["InstanceId"]
    code, msg, _ = expect_client_error(ec2.associate_address, AllocationId=a["AllocationId"], InstanceId=other)
    assert code == "Resource.AlreadyAssociated", msg
    moved = ec2.associate_address(AllocationId=a["AllocationId"], InstanceId=other, AllowReassociation=True)
    assert [x["InstanceId"] for x in ec2.describe_addresses(
        AllocationIds=[a["AllocationId"]])["Addresses"]] == [other]

    # An instance has one Elastic IP: associating another lets the first go.
    ec2.associate_address(AllocationId=b["AllocationId"], InstanceId=other)
    assert "InstanceId" not in ec2.describe_addresses(AllocationIds=[a["AllocationId"]])["Addresses"][0]

    region.aws("ec2", "disassociate-address", "--public-ip", b["PublicIp"])
    assert "AssociationId" not in ec2.describe_addresses(PublicIps=[b["PublicIp"]])["Addresses"][0]
    code, _, _ = expect_client_error(ec2.disassociate_address, AssociationId=moved["AssociationId"])
    assert code == "InvalidAssociationID.NotFound"
    assert [x["PublicIp"] for x in ec2.describe_addresses(
        Filters=[{"Name": "tag:Name", "Values": ["front"]}])["Addresses"]] == [a["PublicIp"]]

    # Terminating an instance lets its address go.
    ec2.associate_address(AllocationId=a["AllocationId"], InstanceId=iid)
    ec2.terminate_instances(InstanceIds=[iid])
    hg.wait_until(lambda: "InstanceId" not in ec2.describe_addresses(
        AllocationIds=[a["AllocationId"]])["Addresses"][0], timeout=30, what="the address to be let go")

    for x in (a, b):
        ec2.release_address(AllocationId=x["AllocationId"])
    code, _, _ = expect_client_error(ec2.release_address, AllocationId=a["AllocationId"])
    assert code == "InvalidAllocationID.NotFound"
    code, _, _ = expect_client_error(ec2.describe_addresses, AllocationIds=[a["AllocationId"]])
    assert code == "InvalidAllocationID.NotFound"


def test_an_address_needs_an_internet_gateway(ec2, image_id, instances):
    vpc = ec2.create_vpc(CidrBlock="10.70.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.70.1.0/24")["Subnet"]["SubnetId"]
    inst = run_one(ec2, instances, ImageId=image_id, SubnetId=subnet)
    a = ec2.allocate_address()
    code, msg, _ = expect_client_error(ec2.associate_address, AllocationId=a["AllocationId"],
                                       InstanceId=inst["InstanceId"])
    assert code == "Gateway.NotAttached", msg
    ec2.release_address(AllocationId=a["AllocationId"])


def test_new_resources_are_taggable(ec2):
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.create_tags(Resources=[igw], Tags=[{"Key": "k", "Value": "v"}])
    tags = ec2.describe_tags(Filters=[{"Name": "resource-type", "Values": ["internet-gateway"]},
                                      {"Name": "key", "Values": ["k"]}])["Tags"]
    assert [(t["ResourceId"], t["Value"]) for t in tags] == [(igw, "v")]
    ec2.delete_tags(Resources=[igw], Tags=[{"Key": "k"}])
    assert ec2.describe_internet_gateways(InternetGatewayIds=[igw])["InternetGateways"][0]["Tags"] == []
    code, _, _ = expect_client_error(ec2.create_tags, Resources=["rtb-0123456789abcdef0"],
                                     Tags=[{"Key": "k", "Value": "v"}])
    assert code == "InvalidRouteTableID.NotFound"
    ec2.delete_internet_gateway(InternetGatewayId=igw)
