"""Exact AWS error codes, HTTP statuses and messages (issue 22, family 2), one table per service.

Each row is one boto3 call that AWS refuses, with the code, status and message AWS answers. A
message is either the exact text or a compiled regex (fullmatch) where AWS's text has variable
parts (an account id) or where AWS's exact wording is not on record.

Where the texts come from (per row, in a comment where it is not AWS's own documentation):
- "docs": AWS's API reference / botocore's service model (the operation's documented constraint).
- "record": an AWS response recorded in a public bug report or in moto's tests, which were run
  against AWS (moto's tests/test_iam/test_iam_policies.py; moto/ec2/exceptions.py).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest

import hg

NAME_PATTERN = r"[\w+=,.@-]+"


def _check(region, service, op, kwargs, code, status, message, **client_config):
    client = region.client(service, **client_config)
    got_code, got_message, got_status = hg.expect_client_error(getattr(client, op), **kwargs)
    assert (got_code, got_status) == (code, status), f"{op}: got {got_code} {got_status}: {got_message}"
    if isinstance(message, re.Pattern):
        assert message.fullmatch(got_message or ""), f"{op}: message {got_message!r} !~ {message.pattern!r}"
    else:
        assert got_message == message, f"{op}: message {got_message!r} != {message!r}"


def rows(table):
    return [pytest.param(*r[1:], id=r[0]) for r in table]


# --------------------------------------------------------------------------------------------
# EC2: malformed ids (`.Malformed`) against well-formed ids that do not exist (`.NotFound`).
# --------------------------------------------------------------------------------------------

MISSING_I = "i-0123456789abcdef0"
MISSING_AMI = "ami-0123456789abcdef0"
MISSING_VOL = "vol-0123456789abcdef0"
MISSING_SNAP = "snap-0123456789abcdef0"
MISSING_SG = "sg-0123456789abcdef0"
MISSING_SUBNET = "subnet-0123456789abcdef0"
MISSING_VPC = "vpc-0123456789abcdef0"
MISSING_LT = "lt-0123456789abcdef0"
LT_NOT_FOUND = "At least one of the launch templates specified in the request does not exist."


def _malformed(prefix, value):
    # AWS: `Invalid id: "<value>" (expecting "<prefix>-...")` (record: InvalidGroupId.Malformed and
    # InvalidAMIID.Malformed in public bug reports); for subnets and VPCs the suffix is not on
    # record, so it is optional.
    suffix = re.escape(f' (expecting "{prefix}-...")')
    return re.compile(re.escape(f'Invalid id: "{value}"') + f"(?:{suffix})?")


EC2 = [
    # (id, operation, arguments, code, status, message)
    ("instance-malformed", "describe_instances", {"InstanceIds": ["i-bogus"]},
     "InvalidInstanceID.Malformed", 400, 'Invalid id: "i-bogus"'),
    ("instance-notfound", "describe_instances", {"InstanceIds": [MISSING_I]},
     "InvalidInstanceID.NotFound", 400, f"The instance ID '{MISSING_I}' does not exist"),
    # record (moto's exceptions, after AWS): every missing id in one error.
    ("instances-notfound-two", "describe_instances", {"InstanceIds": [MISSING_I, "i-0123456789abcdef1"]},
     "InvalidInstanceID.NotFound", 400, f"The instance IDs '{MISSING_I}, i-0123456789abcdef1' do not exist"),
    ("terminate-notfound-two", "terminate_instances", {"InstanceIds": [MISSING_I, "i-0123456789abcdef1"]},
     "InvalidInstanceID.NotFound", 400, f"The instance IDs '{MISSING_I}, i-0123456789abcdef1' do not exist"),
    ("terminate-malformed", "terminate_instances", {"InstanceIds": ["i-bogus"]},
     "InvalidInstanceID.Malformed", 400, 'Invalid id: "i-bogus"'),
    ("stop-notfound", "stop_instances", {"InstanceIds": [MISSING_I]},
     "InvalidInstanceID.NotFound", 400, f"The instance ID '{MISSING_I}' does not exist"),
    ("image-malformed", "describe_images", {"ImageIds": ["ami-bogus"]},
     "InvalidAMIID.Malformed", 400, 'Invalid id: "ami-bogus" (expecting "ami-...")'),
    ("image-notfound", "describe_images", {"ImageIds": [MISSING_AMI]},
     "InvalidAMIID.NotFound", 400, f"The image id '[{MISSING_AMI}]' does not exist"),
    ("images-notfound-two", "describe_images", {"ImageIds": [MISSING_AMI, "ami-0123456789abcdef1"]},
     "InvalidAMIID.NotFound", 400, f"The image ids '[{MISSING_AMI}, ami-0123456789abcdef1]' do not exist"),
    ("volume-malformed", "describe_volumes", {"VolumeIds": ["vol-bogus"]},
     "InvalidVolumeID.Malformed", 400, 'Invalid id: "vol-bogus" (expecting "vol-...")'),
    ("volume-notfound", "describe_volumes", {"VolumeIds": [MISSING_VOL]},
     "InvalidVolume.NotFound", 400, f"The volume '{MISSING_VOL}' does not exist."),
    ("delete-volume-notfound", "delete_volume", {"VolumeId": MISSING_VOL},
     "InvalidVolume.NotFound", 400, f"The volume '{MISSING_VOL}' does not exist."),
    ("snapshot-of-missing-volume", "create_snapshot", {"VolumeId": MISSING_VOL},
     "InvalidVolume.NotFound", 400, f"The volume '{MISSING_VOL}' does not exist."),
    ("snapshot-malformed", "describe_snapshots", {"SnapshotIds": ["snap-bogus"]},
     "InvalidSnapshotID.Malformed", 400, 'Invalid id: "snap-bogus" (expecting "snap-...")'),
    ("snapshot-notfound", "describe_snapshots", {"SnapshotIds": [MISSING_SNAP]},
     "InvalidSnapshot.NotFound", 400, f"The snapshot '{MISSING_SNAP}' does not exist."),
    # record: InvalidGroupId.Malformed `Invalid id: "..." (expecting "sg-...")` (public bug reports).
    ("sg-malformed", "describe_security_groups", {"GroupIds": ["sg-bogus"]},
     "InvalidGroupId.Malformed", 400, 'Invalid id: "sg-bogus" (expecting "sg-...")'),
    ("sg-delete-malformed", "delete_security_group", {"GroupId": "sg-bogus"},
     "InvalidGroupId.Malformed", 400, 'Invalid id: "sg-bogus" (expecting "sg-...")'),
    ("sg-notfound", "describe_security_groups", {"GroupIds": [MISSING_SG]},
     "InvalidGroup.NotFound", 400, f"The security group '{MISSING_SG}' does not exist"),
    ("sg-delete-notfound", "delete_security_group", {"GroupId": MISSING_SG},
     "InvalidGroup.NotFound", 400, f"The security group '{MISSING_SG}' does not exist"),
    ("subnet-malformed", "describe_subnets", {"SubnetIds": ["subnet-bogus"]},
     "InvalidSubnetID.Malformed", 400, _malformed("subnet", "subnet-bogus")),
    ("subnet-notfound", "describe_subnets", {"SubnetIds": [MISSING_SUBNET]},
     "InvalidSubnetID.NotFound", 400, f"The subnet ID '{MISSING_SUBNET}' does not exist"),
    ("vpc-malformed", "describe_vpcs", {"VpcIds": ["vpc-bogus"]},
     "InvalidVpcID.Malformed", 400, _malformed("vpc", "vpc-bogus")),
    ("vpc-notfound", "describe_vpcs", {"VpcIds": [MISSING_VPC]},
     "InvalidVpcID.NotFound", 400, f"The vpc ID '{MISSING_VPC}' does not exist"),
    # AWS's error list: InvalidInternetGatewayId.Malformed / InvalidRouteTableId.Malformed
    # (lower-case "Id", unlike their .NotFound codes).
    ("igw-malformed", "describe_internet_gateways", {"InternetGatewayIds": ["igw-bogus"]},
     "InvalidInternetGatewayId.Malformed", 400, _malformed("igw", "igw-bogus")),
    ("igw-notfound", "describe_internet_gateways", {"InternetGatewayIds": ["igw-0123456789abcdef0"]},
     "InvalidInternetGatewayID.NotFound", 400, "The internetGateway ID 'igw-0123456789abcdef0' does not exist"),
    ("rtb-malformed", "describe_route_tables", {"RouteTableIds": ["rtb-bogus"]},
     "InvalidRouteTableId.Malformed", 400, _malformed("rtb", "rtb-bogus")),
    ("rtb-notfound", "describe_route_tables", {"RouteTableIds": ["rtb-0123456789abcdef0"]},
     "InvalidRouteTableID.NotFound", 400, "The routeTable ID 'rtb-0123456789abcdef0' does not exist"),
    # record: RunInstances / DescribeKeyPairs with an unknown key name (public bug reports).
    ("keypair-notfound", "describe_key_pairs", {"KeyNames": ["codes-no-such-key"]},
     "InvalidKeyPair.NotFound", 400, "The key pair 'codes-no-such-key' does not exist"),
    ("keypair-id-notfound", "describe_key_pairs", {"KeyPairIds": ["key-0123456789abcdef0"]},
     "InvalidKeyPair.NotFound", 400, "The key pair 'key-0123456789abcdef0' does not exist"),
    # record: AWS answers garbage key material with InvalidKey.Format (not InvalidKeyPair.Format,
    # which its error list also names): aws-sdk-go#176, aws-sdk-js#314, CloudTrail in aws-cdk#25929.
    ("keypair-import-garbage", "import_key_pair", {"KeyName": "codes-garbage", "PublicKeyMaterial": b"not a key"},
     "InvalidKey.Format", 400, "Key is not in valid OpenSSH public key format"),
    ("keypair-duplicate", "create_key_pair", {"KeyName": "codes-key"},
     "InvalidKeyPair.Duplicate", 400, "The keypair 'codes-key' already exists."),
    # record (moto's exceptions, taken from AWS): describing by an unknown name.
    ("lt-name-notfound", "describe_launch_templates", {"LaunchTemplateNames": ["codes-no-such-template"]},
     "InvalidLaunchTemplateName.NotFoundException", 400, LT_NOT_FOUND),
    ("lt-id-notfound", "describe_launch_templates", {"LaunchTemplateIds": [MISSING_LT]},
     "InvalidLaunchTemplateId.NotFound", 400, LT_NOT_FOUND),
    # AWS's wording for a malformed template id is not on record: the message must name the id.
    ("lt-id-malformed", "describe_launch_templates", {"LaunchTemplateIds": ["lt-bogus"]},
     "InvalidLaunchTemplateId.Malformed", 400, re.compile(r".*\blt-bogus\b.*")),
    ("lt-versions-name-notfound", "describe_launch_template_versions",
     {"LaunchTemplateName": "codes-no-such-template"},
     "InvalidLaunchTemplateName.NotFoundException", 400,
     "The specified launch template, with template name codes-no-such-template, does not exist."),
    ("lt-delete-id-notfound", "delete_launch_template", {"LaunchTemplateId": MISSING_LT},
     "InvalidLaunchTemplateId.NotFound", 400,
     f"The specified launch template, with template ID {MISSING_LT}, does not exist."),
    ("lt-delete-id-malformed", "delete_launch_template", {"LaunchTemplateId": "lt-bogus"},
     "InvalidLaunchTemplateId.Malformed", 400, re.compile(r".*\blt-bogus\b.*")),
    ("lt-create-duplicate", "create_launch_template",
     {"LaunchTemplateName": "codes-template", "LaunchTemplateData": {"InstanceType": "t3.micro"}},
     "InvalidLaunchTemplateName.AlreadyExistsException", 400,
     "Launch template name already in use."),
    # record: `Group names may not be in the format sg-*` (public bug report, pulumi-awsx#477).
    ("sg-name-sg-prefix", "create_security_group", {"GroupName": "sg-017c251", "Description": "d"},
     "InvalidParameterValue", 400,
     "Value (sg-017c251) for parameter GroupName is invalid. Group names may not be in the format sg-*."),
    ("vpc-cidr-too-large", "create_vpc", {"CidrBlock": "10.0.0.0/8"},
     "InvalidVpc.Range", 400, "The CIDR '10.0.0.0/8' is invalid."),
    ("volume-bad-zone", "create_volume", {"AvailabilityZone": "xx-nowhere-9z", "Size": 1},
     "InvalidParameterValue", 400, "Invalid availability zone: [xx-nowhere-9z]"),
    ("run-missing-ami", "run_instances", {"ImageId": MISSING_AMI, "MinCount": 1, "MaxCount": 1},
     "InvalidAMIID.NotFound", 400, f"The image id '[{MISSING_AMI}]' does not exist"),
    ("run-malformed-ami", "run_instances", {"ImageId": "ami-bogus", "MinCount": 1, "MaxCount": 1},
     "InvalidAMIID.Malformed", 400, 'Invalid id: "ami-bogus" (expecting "ami-...")'),
    ("run-missing-key", "run_instances",
     {"ImageId": "@IMAGE", "MinCount": 1, "MaxCount": 1, "KeyName": "codes-no-such-key"},
     "InvalidKeyPair.NotFound", 400, "The key pair 'codes-no-such-key' does not exist"),
    ("run-bad-instance-type", "run_instances",
     {"ImageId": "@IMAGE", "MinCount": 1, "MaxCount": 1, "InstanceType": "m9.gigantic"},
     "InvalidParameterValue", 400, "Invalid value 'm9.gigantic' for InstanceType."),
    ("run-min-over-max", "run_instances", {"ImageId": "@IMAGE", "MinCount": 3, "MaxCount": 2},
     "InvalidParameterValue", 400, re.compile(r".*\b[Mm]in[Cc]ount\b.*")),
    ("run-missing-subnet", "run_instances",
     {"ImageId": "@IMAGE", "MinCount": 1, "MaxCount": 1, "SubnetId": MISSING_SUBNET},
     "InvalidSubnetID.NotFound", 400, f"The subnet ID '{MISSING_SUBNET}' does not exist"),
    ("run-missing-sg", "run_instances",
     {"ImageId": "@IMAGE", "MinCount": 1, "MaxCount": 1, "SecurityGroupIds": [MISSING_SG]},
     "InvalidGroup.NotFound", 400, f"The security group '{MISSING_SG}' does not exist"),
]


@pytest.fixture(scope="module")
def ec2_setup(region, tmp_path_factory):
    ec2 = region.client("ec2")
    ec2.create_key_pair(KeyName="codes-key")
    ec2.create_launch_template(LaunchTemplateName="codes-template", LaunchTemplateData={"InstanceType": "t3.micro"})
    # An image that exists, so that the RunInstances rows fail on what they are about.
    bundle = tmp_path_factory.mktemp("bundle")
    (bundle / "rootfs").mkdir()
    (bundle / "homeground-image.json").write_text(json.dumps({"boot": ["/bin/sleep", "600"]}))
    image = ec2.register_image(Name="codes-sleeper", ImageLocation=str(bundle))["ImageId"]
    return {"@IMAGE": image}


@pytest.mark.parametrize("op,kwargs,code,status,message", rows(EC2))
def test_ec2(region, ec2_setup, op, kwargs, code, status, message):
    kwargs = {k: ec2_setup.get(v, v) if isinstance(v, str) else v for k, v in kwargs.items()}
    _check(region, "ec2", op, kwargs, code, status, message)


def test_ec2_refused_calls_launch_nothing(region, ec2_setup):
    """The refused RunInstances above left no instance behind."""
    ec2 = region.client("ec2")
    left = [i["InstanceId"] for r in ec2.describe_instances()["Reservations"] for i in r["Instances"]]
    assert left == []


# --------------------------------------------------------------------------------------------
# IAM: MalformedPolicyDocument texts, NoSuchEntity, EntityAlreadyExists, name patterns.
# --------------------------------------------------------------------------------------------

def doc(**top):
    return json.dumps(top)


STMT = {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket"}
SYNTAX = "Syntax errors in policy."
VENDOR = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
V = "2012-10-17"
TRUST = doc(Version=V, Statement=[{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                                    "Action": "sts:AssumeRole"}])


def _pattern_error(value, member, pattern=NAME_PATTERN):
    # docs: the shapes' pattern in botocore's iam model; the text is the Coral validation message.
    return (f"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: "
            f"Member must satisfy regular expression pattern: {pattern}")


IAM = [
    # MalformedPolicyDocument (record: moto's tests/test_iam/test_iam_policies.py, run against AWS).
    ("policy-not-json", "create_policy", {"PolicyName": "codes-p", "PolicyDocument": "This is not a json document"},
     "MalformedPolicyDocument", 400, SYNTAX),
    ("policy-no-statement", "create_policy", {"PolicyName": "codes-p", "PolicyDocument": doc(Version=V)},
     "MalformedPolicyDocument", 400, SYNTAX),
    ("policy-empty-statement", "create_policy", {"PolicyName": "codes-p", "PolicyDocument": doc(Version=V, Statement=[])},
     "MalformedPolicyDocument", 400, SYNTAX),
    ("policy-bad-effect", "create_policy",
     {"PolicyName": "codes-p", "PolicyDocument": doc(Version=V, Statement={**STMT, "Effect": "invalid"})},
     "MalformedPolicyDocument", 400, SYNTAX),
    ("policy-no-effect", "create_policy",
     {"PolicyName": "codes-p", "PolicyDocument": doc(Version=V, Statement={"Action": "s3:ListBucket", "Resource": "*"})},
     "MalformedPolicyDocument", 400, SYNTAX),
    ("policy-no-version", "create_policy", {"PolicyName": "codes-p", "PolicyDocument": doc(Statement=STMT)},
     "MalformedPolicyDocument", 400, "Policy document must be version 2012-10-17 or greater."),
    ("policy-old-version", "create_policy",
     {"PolicyName": "codes-p", "PolicyDocument": doc(Version="2008-10-17", Statement=STMT)},
     "MalformedPolicyDocument", 400, "Policy document must be version 2012-10-17 or greater."),
    ("policy-no-version-bad-effect", "create_policy",
     {"PolicyName": "codes-p", "PolicyDocument": doc(Statement={**STMT, "Effect": "denY"})},
     "MalformedPolicyDocument", 400, "Policy document must be version 2012-10-17 or greater."),
    ("policy-effect-case", "create_policy",
     {"PolicyName": "codes-p", "PolicyDocument": doc(Version=V, Statement={**STMT, "Effect": "denY"})},
     "MalformedPolicyDocument", 400, "The policy failed legacy parsing"),
    ("policy-version-no-version", "create_policy_version",
     {"PolicyArn": "arn:aws:iam::@ACCOUNT:policy/codes-existing", "PolicyDocument": doc(Statement=STMT)},
     "MalformedPolicyDocument", 400, "Policy document must be version 2012-10-17 or greater."),
    ("policy-unknown-version", "create_policy",
     {"PolicyName": "codes-p", "PolicyDocument": doc(Version="2013-10-17", Statement=STMT)},
     "MalformedPolicyDocument", 400, SYNTAX),
    ("policy-unknown-statement-key", "create_policy",
     {"PolicyName": "codes-p", "PolicyDocument": doc(Version=V, Statement={**STMT, "Extra field": "value"})},
     "MalformedPolicyDocument", 400, SYNTAX),
    ("policy-action-and-notaction", "create_policy",
     {"PolicyName": "codes-p", "PolicyDocument": doc(Version=V, Statement={**STMT, "NotAction": "iam:dsf"})},
     "MalformedPolicyDocument", 400, SYNTAX),
    ("policy-no-action", "create_policy",
     {"PolicyName": "codes-p", "PolicyDocument": doc(Version=V, Statement={"Effect": "Allow", "Resource": "*"})},
     "MalformedPolicyDocument", 400, "Policy statement must contain actions."),
    ("policy-no-resource", "create_policy",
     {"PolicyName": "codes-p", "PolicyDocument": doc(Version=V, Statement={"Effect": "Allow", "Action": "s3:ListBucket"})},
     "MalformedPolicyDocument", 400, "Policy statement must contain resources."),
    ("policy-action-no-vendor", "create_policy",
     {"PolicyName": "codes-p", "PolicyDocument": doc(Version=V, Statement={**STMT, "Action": "invalid"})},
     "MalformedPolicyDocument", 400, VENDOR),
    ("policy-resource-not-arn", "create_policy",
     {"PolicyName": "codes-p", "PolicyDocument": doc(Version=V, Statement={**STMT, "Resource": "invalid resource"})},
     "MalformedPolicyDocument", 400, 'Resource invalid resource must be in ARN format or "*".'),
    ("policy-duplicate-sid", "create_policy",
     {"PolicyName": "codes-p", "PolicyDocument": doc(Version=V, Statement=[{**STMT, "Sid": "A"}, {**STMT, "Sid": "A"}])},
     "MalformedPolicyDocument", 400, "Statement IDs (SID) in a single policy must be unique."),
    ("policy-principal", "create_policy",
     {"PolicyName": "codes-p", "PolicyDocument": doc(Version=V, Statement={**STMT, "Principal": "*"})},
     "MalformedPolicyDocument", 400, "Policy document should not specify a principal."),
    ("inline-principal", "put_user_policy",
     {"UserName": "codes-existing", "PolicyName": "inline",
      "PolicyDocument": doc(Version=V, Statement={**STMT, "Principal": {"AWS": "*"}})},
     "MalformedPolicyDocument", 400, "Policy document should not specify a principal."),
    ("inline-not-json", "put_role_policy",
     {"RoleName": "codes-existing", "PolicyName": "inline", "PolicyDocument": "{"},
     "MalformedPolicyDocument", 400, SYNTAX),
    # NoSuchEntity (docs: the error shapes; texts as AWS words them, record: moto's models).
    ("user-missing", "get_user", {"UserName": "codes-nobody"},
     "NoSuchEntity", 404, "The user with name codes-nobody cannot be found."),
    ("role-missing", "get_role", {"RoleName": "codes-nobody"},
     "NoSuchEntity", 404, "The role with name codes-nobody cannot be found."),
    ("group-missing", "get_group", {"GroupName": "codes-nobody"},
     "NoSuchEntity", 404, "The group with name codes-nobody cannot be found."),
    ("delete-user-missing", "delete_user", {"UserName": "codes-nobody"},
     "NoSuchEntity", 404, "The user with name codes-nobody cannot be found."),
    ("policy-missing", "get_policy", {"PolicyArn": "arn:aws:iam::@ACCOUNT:policy/codes-nobody"},
     "NoSuchEntity", 404, re.compile(r"Policy arn:aws:iam::\d{12}:policy/codes-nobody was not found\.")),
    ("user-policy-missing", "get_user_policy", {"UserName": "codes-existing", "PolicyName": "codes-nobody"},
     "NoSuchEntity", 404, "The user policy with name codes-nobody cannot be found."),
    ("role-policy-missing", "get_role_policy", {"RoleName": "codes-existing", "PolicyName": "codes-nobody"},
     "NoSuchEntity", 404, "The role policy with name codes-nobody cannot be found."),
    ("attach-missing-user", "attach_user_policy",
     {"UserName": "codes-nobody", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
     "NoSuchEntity", 404, "The user with name codes-nobody cannot be found."),
    # EntityAlreadyExists (409).
    ("user-exists", "create_user", {"UserName": "codes-existing"},
     "EntityAlreadyExists", 409, "User with name codes-existing already exists."),
    ("role-exists", "create_role", {"RoleName": "codes-existing", "AssumeRolePolicyDocument": TRUST},
     "EntityAlreadyExists", 409, "Role with name codes-existing already exists."),
    ("group-exists", "create_group", {"GroupName": "codes-existing"},
     "EntityAlreadyExists", 409, "Group with name codes-existing already exists."),
    ("policy-exists", "create_policy",
     {"PolicyName": "codes-existing", "PolicyDocument": doc(Version=V, Statement=STMT)},
     "EntityAlreadyExists", 409, "A policy called codes-existing already exists. Duplicate names are not allowed."),
    # DeleteConflict (409; record: moto's models, after AWS).
    ("delete-group-with-members", "delete_group", {"GroupName": "codes-members"},
     "DeleteConflict", 409, "Cannot delete entity, must remove users from group first."),
    ("delete-role-attached", "delete_role", {"RoleName": "codes-attached"},
     "DeleteConflict", 409, "Cannot delete entity, must detach all policies first."),
    ("delete-role-inline", "delete_role", {"RoleName": "codes-inline"},
     "DeleteConflict", 409, "Cannot delete entity, must delete policies first."),
    ("delete-policy-attached", "delete_policy", {"PolicyArn": "arn:aws:iam::@ACCOUNT:policy/codes-existing"},
     "DeleteConflict", 409, "Cannot delete a policy attached to entities."),
    # ValidationError: names outside the model's pattern (docs: botocore iam model).
    ("user-bad-name", "create_user", {"UserName": "bad name!"},
     "ValidationError", 400, _pattern_error("bad name!", "userName")),
    ("role-bad-name", "create_role", {"RoleName": "bad/role", "AssumeRolePolicyDocument": TRUST},
     "ValidationError", 400, _pattern_error("bad/role", "roleName")),
    ("group-bad-name", "create_group", {"GroupName": "bad group"},
     "ValidationError", 400, _pattern_error("bad group", "groupName")),
    ("policy-bad-name", "create_policy", {"PolicyName": "bad:policy", "PolicyDocument": doc(Version=V, Statement=STMT)},
     "ValidationError", 400, _pattern_error("bad:policy", "policyName")),
]


@pytest.fixture(scope="module")
def iam_setup(region):
    iam = region.client("iam")
    iam.create_user(UserName="codes-existing")
    iam.create_role(RoleName="codes-existing", AssumeRolePolicyDocument=TRUST)
    iam.create_group(GroupName="codes-existing")
    arn = iam.create_policy(PolicyName="codes-existing", PolicyDocument=doc(Version=V, Statement=STMT))["Policy"]["Arn"]
    iam.create_user(UserName="codes-member")
    iam.create_group(GroupName="codes-members")
    iam.add_user_to_group(GroupName="codes-members", UserName="codes-member")
    iam.create_role(RoleName="codes-attached", AssumeRolePolicyDocument=TRUST)
    iam.attach_role_policy(RoleName="codes-attached", PolicyArn=arn)
    iam.create_role(RoleName="codes-inline", AssumeRolePolicyDocument=TRUST)
    iam.put_role_policy(RoleName="codes-inline", PolicyName="inline", PolicyDocument=doc(Version=V, Statement=STMT))
    account = region.client("sts").get_caller_identity()["Account"]
    return {"@ACCOUNT": account}


@pytest.mark.parametrize("op,kwargs,code,status,message", rows(IAM))
def test_iam(region, iam_setup, op, kwargs, code, status, message):
    kwargs = {k: v.replace("@ACCOUNT", iam_setup["@ACCOUNT"]) if isinstance(v, str) else v for k, v in kwargs.items()}
    _check(region, "iam", op, kwargs, code, status, message)


def test_iam_inline_policies_may_be_of_the_old_version(region, iam_setup):
    """Only managed policies must be 2012-10-17: an inline policy without Version is stored."""
    iam = region.client("iam")
    iam.put_user_policy(UserName="codes-existing", PolicyName="old", PolicyDocument=doc(Statement=STMT))
    assert iam.list_user_policies(UserName="codes-existing")["PolicyNames"] == ["old"]
    iam.delete_user_policy(UserName="codes-existing", PolicyName="old")


def test_iam_refused_policies_created_nothing(region, iam_setup):
    iam = region.client("iam")
    names = {p["PolicyName"] for p in iam.list_policies(Scope="Local")["Policies"]}
    assert names == {"codes-existing"}


# --------------------------------------------------------------------------------------------
# CloudWatch: time ranges, periods, statistics, datapoint limits, alarms.
# --------------------------------------------------------------------------------------------

NOW = datetime.now(timezone.utc).replace(microsecond=0)
METRIC = {"Namespace": "Codes", "MetricName": "Latency"}
ALARM = {"AlarmName": "codes-alarm", **METRIC, "Statistic": "Average", "Period": 60, "EvaluationPeriods": 1,
         "Threshold": 1.0, "ComparisonOperator": "GreaterThanThreshold"}

def _min_error(value, member, least):
    return (f"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: "
            f"Member must have value greater than or equal to {least}")


CLOUDWATCH = [
    ("stats-start-after-end", "get_metric_statistics",
     {**METRIC, "StartTime": NOW, "EndTime": NOW - timedelta(hours=1), "Period": 60, "Statistics": ["Average"]},
     "InvalidParameterValue", 400, "The parameter StartTime must be less than the parameter EndTime."),
    ("stats-start-equals-end", "get_metric_statistics",
     {**METRIC, "StartTime": NOW, "EndTime": NOW, "Period": 60, "Statistics": ["Average"]},
     "InvalidParameterValue", 400, "The parameter StartTime must be less than the parameter EndTime."),
    # docs: GetMetricStatistics' Period "can be 1, 5, 10, 20, 30, 60, or any multiple of 60";
    # AWS's exact text is not on record: the message must name the parameter.
    ("stats-bad-period", "get_metric_statistics",
     {**METRIC, "StartTime": NOW - timedelta(hours=1), "EndTime": NOW, "Period": 7, "Statistics": ["Average"]},
     "InvalidParameterValue", 400, re.compile(r".*\bPeriod\b.*")),
    ("stats-bad-period-90", "get_metric_statistics",
     {**METRIC, "StartTime": NOW - timedelta(hours=1), "EndTime": NOW, "Period": 90, "Statistics": ["Average"]},
     "InvalidParameterValue", 400, re.compile(r".*\bPeriod\b.*")),
    # docs: "you must specify either Statistics or ExtendedStatistics, but not both".
    ("stats-both", "get_metric_statistics",
     {**METRIC, "StartTime": NOW - timedelta(hours=1), "EndTime": NOW, "Period": 60,
      "Statistics": ["Average"], "ExtendedStatistics": ["p99"]},
     "InvalidParameterCombination", 400, "Must specify either Statistics or ExtendedStatistics, but not both."),
    ("stats-neither", "get_metric_statistics",
     {**METRIC, "StartTime": NOW - timedelta(hours=1), "EndTime": NOW, "Period": 60},
     "InvalidParameterCombination", 400, "Must specify either Statistics or ExtendedStatistics, but not both."),
    # record (AWS's text): "You have requested up to N datapoints, which exceeds the limit of 1440".
    ("stats-too-many-points", "get_metric_statistics",
     {**METRIC, "StartTime": NOW - timedelta(days=2), "EndTime": NOW, "Period": 60, "Statistics": ["Average"]},
     "InvalidParameterCombination", 400,
     "You have requested up to 2880 datapoints, which exceeds the limit of 1440. You may reduce the datapoints "
     "requested by increasing Period, or decreasing the time range."),
    ("stats-bad-extended", "get_metric_statistics",
     {**METRIC, "StartTime": NOW - timedelta(hours=1), "EndTime": NOW, "Period": 60, "ExtendedStatistics": ["Average"]},
     "InvalidParameterValue", 400, "The value Average for parameter ExtendedStatistics is not supported."),
    # docs: namespaces beginning "AWS/" are reserved for AWS services.
    ("put-data-aws-namespace", "put_metric_data", {"Namespace": "AWS/EC2", "MetricData": [{"MetricName": "x", "Value": 1}]},
     "InvalidParameterValue", 400, "The value AWS/EC2 for parameter Namespace is invalid."),
    ("alarm-bad-comparison", "put_metric_alarm", {**ALARM, "ComparisonOperator": "Bigger"},
     "ValidationError", 400,
     re.compile(r"1 validation error detected: Value 'Bigger' at 'comparisonOperator' failed to satisfy constraint: "
                r"Member must satisfy enum value set: \[.*GreaterThanThreshold.*\]")),
    # docs: PutMetricAlarm's Period: "Valid values are 10, 20, 30, and any multiple of 60".
    ("alarm-bad-period", "put_metric_alarm", {**ALARM, "Period": 45},
     "ValidationError", 400, re.compile(r".*\bPeriod\b.*")),
    # docs: the model's `min: 1` on Period and EvaluationPeriods, in AWS's constraint wording.
    ("alarm-period-zero", "put_metric_alarm", {**ALARM, "Period": 0},
     "ValidationError", 400, _min_error(0, "period", 1)),
    ("alarm-evaluation-periods-zero", "put_metric_alarm", {**ALARM, "EvaluationPeriods": 0},
     "ValidationError", 400, _min_error(0, "evaluationPeriods", 1)),
    ("alarm-datapoints-over-periods", "put_metric_alarm", {**ALARM, "EvaluationPeriods": 2, "DatapointsToAlarm": 3},
     "ValidationError", 400, "DatapointsToAlarm must be less than or equal to EvaluationPeriods"),
    ("alarm-stat-and-extended", "put_metric_alarm", {**ALARM, "ExtendedStatistic": "p99"},
     "InvalidParameterCombination", 400, "Exactly one of Statistic and ExtendedStatistic must be specified."),
    # docs: DeleteAlarms' and SetAlarmState's modelled error is ResourceNotFound (404).
    ("delete-missing-alarm", "delete_alarms", {"AlarmNames": ["codes-no-such-alarm"]},
     "ResourceNotFound", 404, re.compile(r".*\bcodes-no-such-alarm\b.*")),
    ("set-state-missing-alarm", "set_alarm_state",
     {"AlarmName": "codes-no-such-alarm", "StateValue": "ALARM", "StateReason": "test"},
     "ResourceNotFound", 404, re.compile(r".*\bcodes-no-such-alarm\b.*")),
    ("describe-alarms-both", "describe_alarms", {"AlarmNames": ["a"], "AlarmNamePrefix": "a"},
     "InvalidParameterCombination", 400, "AlarmNamePrefix and AlarmNames cannot be specified together."),
]


@pytest.mark.parametrize("op,kwargs,code,status,message", rows(CLOUDWATCH))
def test_cloudwatch(region, op, kwargs, code, status, message):
    # Without boto3's own checks, so that values below the model's minimum reach the service.
    _check(region, "cloudwatch", op, kwargs, code, status, message, parameter_validation=False)


def test_cloudwatch_periods_aws_accepts(region):
    """Periods AWS documents as valid are accepted (20 s for both calls)."""
    cw = region.client("cloudwatch")
    out = cw.get_metric_statistics(**METRIC, StartTime=NOW - timedelta(minutes=10), EndTime=NOW, Period=20,
                                   Statistics=["Average"])
    assert out["Datapoints"] == []
    cw.put_metric_alarm(**{**ALARM, "AlarmName": "codes-20s", "Period": 20})
    alarms = cw.describe_alarms(AlarmNames=["codes-20s", "codes-missing"])["MetricAlarms"]
    assert [(a["AlarmName"], a["Period"]) for a in alarms] == [("codes-20s", 20)]
    cw.delete_alarms(AlarmNames=["codes-20s"])
    # Refused alarms were not stored.
    assert cw.describe_alarms()["MetricAlarms"] == []


# --------------------------------------------------------------------------------------------
# SNS and ELBv2: missing resources and refused parameters.
# --------------------------------------------------------------------------------------------

MISSING_TOPIC = "arn:aws:sns:@REGION:@ACCOUNT:codes-no-such-topic"

SNS = [
    # record: AWS's NotFound texts (as the aws CLI prints them in public bug reports).
    ("topic-attributes-missing", "get_topic_attributes", {"TopicArn": MISSING_TOPIC},
     "NotFound", 404, "Topic does not exist"),
    ("publish-missing-topic", "publish", {"TopicArn": MISSING_TOPIC, "Message": "hi"},
     "NotFound", 404, "Topic does not exist"),
    ("subscription-attributes-missing", "get_subscription_attributes",
     {"SubscriptionArn": MISSING_TOPIC + ":0b5ed3b4-2c4e-4d8f-9f5b-0f3f6f0d7a11"},
     "NotFound", 404, "Subscription does not exist"),
    ("topic-arn-not-an-arn", "get_topic_attributes", {"TopicArn": "not-an-arn"},
     "InvalidParameter", 400, "Invalid parameter: TopicArn"),
    ("topic-bad-name", "create_topic", {"Name": "bad name!"},
     "InvalidParameter", 400, "Invalid parameter: Topic Name"),
    ("subscribe-bad-protocol", "subscribe", {"TopicArn": "@TOPIC", "Protocol": "bogus", "Endpoint": "x"},
     "InvalidParameter", 400, "Invalid parameter: Amazon SNS does not support this protocol string: bogus"),
    ("publish-empty", "publish", {"TopicArn": "@TOPIC", "Message": ""},
     "InvalidParameter", 400, "Invalid parameter: Empty message"),
]


@pytest.fixture(scope="module")
def sns_setup(region):
    sns = region.client("sns")
    topic = sns.create_topic(Name="codes-topic")["TopicArn"]
    account = region.client("sts").get_caller_identity()["Account"]
    return {"@TOPIC": topic, "@ACCOUNT": account, "@REGION": region.region_name}


def _fill(v, values):
    if isinstance(v, str):
        for k, x in values.items():
            v = v.replace(k, x)
    return v


@pytest.mark.parametrize("op,kwargs,code,status,message", rows(SNS))
def test_sns(region, sns_setup, op, kwargs, code, status, message):
    kwargs = {k: _fill(v, sns_setup) for k, v in kwargs.items()}
    _check(region, "sns", op, kwargs, code, status, message)


ELBV2 = [
    # record: "Load balancers '[name]' not found" (the aws CLI's output in public reports).
    ("lb-name-missing", "describe_load_balancers", {"Names": ["codes-no-such-lb"]},
     "LoadBalancerNotFound", 400, "Load balancers '[codes-no-such-lb]' not found"),
    # AWS's text starts "One or more target groups not found"; whether it names them is not on record.
    ("tg-name-missing", "describe_target_groups", {"Names": ["codes-no-such-tg"]},
     "TargetGroupNotFound", 400, re.compile(r"One or more target groups not found.*")),
    ("listener-missing", "describe_listeners",
     {"ListenerArns": ["arn:aws:elasticloadbalancing:@REGION:@ACCOUNT:listener/app/codes/0123456789abcdef/0123456789abcdef"]},
     "ListenerNotFound", 400, re.compile(r".*\bnot found\b.*")),
]


@pytest.mark.parametrize("op,kwargs,code,status,message", rows(ELBV2))
def test_elbv2(region, sns_setup, op, kwargs, code, status, message):
    kwargs = {k: [_fill(x, sns_setup) for x in v] if isinstance(v, list) else _fill(v, sns_setup)
              for k, v in kwargs.items()}
    _check(region, "elbv2", op, kwargs, code, status, message)


# --------------------------------------------------------------------------------------------
# Auto Scaling: every refusal is a ValidationError (400).
# --------------------------------------------------------------------------------------------

ASG = {"AutoScalingGroupName": "codes-asg", "AvailabilityZones": ["@ZONE"],
       "LaunchTemplate": {"LaunchTemplateName": "codes-template"}}

AUTOSCALING = [
    ("asg-min-over-max", "create_auto_scaling_group", {**ASG, "MinSize": 3, "MaxSize": 2},
     "ValidationError", 400, "Max bound, 2, must be greater than or equal to min bound, 3"),
    ("asg-desired-outside", "create_auto_scaling_group", {**ASG, "MinSize": 1, "MaxSize": 2, "DesiredCapacity": 5},
     "ValidationError", 400, "Desired capacity:5 must be between the specified min size:1 and max size:2"),
    # record: "You must use a valid fully-formed launch template" (public bug reports, eksctl#1293).
    ("asg-missing-template", "create_auto_scaling_group",
     {**ASG, "MinSize": 0, "MaxSize": 1, "LaunchTemplate": {"LaunchTemplateName": "codes-no-such-template"}},
     "ValidationError", 400,
     "You must use a valid fully-formed launch template. The specified launch template, with template name "
     "codes-no-such-template, does not exist."),
    # AWS's text begins "AutoScalingGroup name not found"; the quoting of the name is not on record.
    ("asg-delete-missing", "delete_auto_scaling_group", {"AutoScalingGroupName": "codes-no-such-asg"},
     "ValidationError", 400, re.compile(r"AutoScalingGroup name not found - AutoScalingGroup '?codes-no-such-asg'? not found")),
    ("lc-delete-missing", "delete_launch_configuration", {"LaunchConfigurationName": "codes-no-such-lc"},
     "ValidationError", 400, re.compile(r"Launch configuration name not found - Launch configuration codes-no-such-lc not found")),
]


@pytest.mark.parametrize("op,kwargs,code,status,message", rows(AUTOSCALING))
def test_autoscaling(region, ec2_setup, op, kwargs, code, status, message):
    zone = region.client("ec2").describe_availability_zones()["AvailabilityZones"][0]["ZoneName"]
    kwargs = {k: [zone if x == "@ZONE" else x for x in v] if isinstance(v, list) else v for k, v in kwargs.items()}
    _check(region, "autoscaling", op, kwargs, code, status, message)


def test_autoscaling_refusals_created_nothing(region):
    groups = region.client("autoscaling").describe_auto_scaling_groups()["AutoScalingGroups"]
    assert groups == []
