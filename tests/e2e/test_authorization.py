"""Authorisation as AWS evaluates it (issue 15): `iam:PassRole` wherever a role is handed to a
service, several actions per operation (`ec2:CreateTags` with `ec2:CreateAction` when a launch
tags what it makes; `ec2:RunInstances` for the launches of an Auto Scaling group), resource ARNs
for every operation, and the condition keys AWS sets (`aws:ResourceTag/…`,
`ec2:ResourceTag/…`, `elasticloadbalancing:ResourceTag/…`, `aws:RequestTag/…`). Each refusal is
made by a restricted user through boto3, checked against AWS's error code, and the resource is
shown unharmed; the allowed cases still work."""

from __future__ import annotations

import json

import pytest

import hg

ZONE = "ap-northeast-2a"


@pytest.fixture(scope="module")
def kg(region, tmp_path_factory):
    bundle = hg.kg_ami_bundle(tmp_path_factory.mktemp("kg-ami"))
    region.ec2 = region.client("ec2")
    region.ami = region.ec2.register_image(Name="KG-Ami", ImageLocation=str(bundle))["ImageId"]
    region.subnet = region.ec2.describe_subnets(Filters=[
        {"Name": "availability-zone", "Values": [ZONE]},
        {"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]["SubnetId"]
    iam = region.client("iam")
    trust = hg.policy({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"})
    region.role_arn = iam.create_role(RoleName="KG-Web-Role", AssumeRolePolicyDocument=trust)["Role"]["Arn"]
    iam.create_instance_profile(InstanceProfileName="KG-Web-Profile")
    iam.add_role_to_instance_profile(InstanceProfileName="KG-Web-Profile", RoleName="KG-Web-Role")
    return region


def user(kg, name, *statements):
    key, secret = kg.make_user(name, inline={"p": hg.policy(*statements)})
    return key, secret


def instance_ids(kg, **filters) -> set[str]:
    f = [{"Name": k, "Values": v} for k, v in filters.items()]
    res = kg.ec2.describe_instances(Filters=f)["Reservations"]
    return {i["InstanceId"] for r in res for i in r["Instances"] if i["State"]["Name"] != "terminated"}


def launch(ec2, kg, **extra):
    return ec2.run_instances(ImageId=kg.ami, InstanceType="t2.micro", MinCount=1, MaxCount=1,
                             SubnetId=kg.subnet, **extra)["Instances"][0]["InstanceId"]


def test_passing_a_role_to_an_instance_needs_iam_pass_role(kg):
    ec2_all = {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}
    ec2 = kg.client("ec2", *user(kg, "launcher", ec2_all))
    before = instance_ids(kg)
    code, msg, status = hg.expect_client_error(launch, ec2, kg, IamInstanceProfile={"Name": "KG-Web-Profile"})
    assert (code, status) == ("UnauthorizedOperation", 403), msg
    assert "iam:PassRole" in msg and kg.role_arn in msg, msg
    assert instance_ids(kg) <= before, "a refused launch left an instance behind"

    # PassRole for another service does not count; for EC2 it does.
    kg.client("iam").put_user_policy(UserName="launcher", PolicyName="pass", PolicyDocument=hg.policy(
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": kg.role_arn,
         "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}))
    code, msg, _ = hg.expect_client_error(launch, ec2, kg, IamInstanceProfile={"Name": "KG-Web-Profile"})
    assert code == "UnauthorizedOperation" and "iam:PassRole" in msg, msg
    kg.client("iam").put_user_policy(UserName="launcher", PolicyName="pass", PolicyDocument=hg.policy(
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": kg.role_arn,
         "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}))
    iid = launch(ec2, kg, IamInstanceProfile={"Name": "KG-Web-Profile"})
    assert kg.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0][
        "IamInstanceProfile"]["Arn"].endswith("instance-profile/KG-Web-Profile")
    kg.ec2.terminate_instances(InstanceIds=[iid])

    # A profile that does not exist is EC2's InvalidParameterValue, for every caller.
    code, msg, status = hg.expect_client_error(launch, kg.ec2, kg, IamInstanceProfile={"Name": "No-Such-Profile"})
    assert (code, status) == ("InvalidParameterValue", 400), msg
    assert "iamInstanceProfile.name" in msg


def test_a_launch_template_with_a_profile_needs_pass_role_too(kg):
    kg.ec2.create_launch_template(LaunchTemplateName="KG-LT-Role", LaunchTemplateData={
        "ImageId": kg.ami, "InstanceType": "t2.micro", "IamInstanceProfile": {"Name": "KG-Web-Profile"}})
    ec2 = kg.client("ec2", *user(kg, "templater", {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}))
    before = instance_ids(kg)
    code, msg, _ = hg.expect_client_error(
        ec2.run_instances, MinCount=1, MaxCount=1, SubnetId=kg.subnet,
        LaunchTemplate={"LaunchTemplateName": "KG-LT-Role", "Version": "$Latest"})
    assert code == "UnauthorizedOperation" and "iam:PassRole" in msg, msg
    assert instance_ids(kg) <= before, "a refused launch left an instance behind"


def test_tagging_at_launch_needs_create_tags_with_the_create_action(kg):
    run_only = {"Effect": "Allow", "Action": ["ec2:RunInstances", "ec2:Describe*", "ec2:TerminateInstances"],
                "Resource": "*"}
    ec2 = kg.client("ec2", *user(kg, "tagless", run_only))
    tags = [{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "KGsports Web"}]}]
    before = instance_ids(kg)
    code, msg, status = hg.expect_client_error(launch, ec2, kg, TagSpecifications=tags)
    assert (code, status) == ("UnauthorizedOperation", 403), msg
    assert "ec2:CreateTags" in msg, msg
    assert instance_ids(kg) <= before, "a refused launch left an instance behind"
    plain = launch(ec2, kg)  # without tags, RunInstances alone is enough

    # CreateTags allowed only as part of a launch: tagging at launch works, tagging later does not.
    kg.client("iam").put_user_policy(UserName="tagless", PolicyName="tag-at-launch", PolicyDocument=hg.policy(
        {"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*",
         "Condition": {"StringEquals": {"ec2:CreateAction": "RunInstances"}}}))
    tagged = launch(ec2, kg, TagSpecifications=tags)
    got = kg.ec2.describe_instances(InstanceIds=[tagged])["Reservations"][0]["Instances"][0]["Tags"]
    assert {"Key": "Name", "Value": "KGsports Web"} in got
    code, msg, _ = hg.expect_client_error(ec2.create_tags, Resources=[plain], Tags=[{"Key": "Name", "Value": "x"}])
    assert code == "UnauthorizedOperation" and "ec2:CreateTags" in msg, msg
    assert kg.ec2.describe_instances(InstanceIds=[plain])["Reservations"][0]["Instances"][0].get("Tags", []) == []
    kg.ec2.terminate_instances(InstanceIds=[plain, tagged])


def test_instance_type_condition_limits_what_a_user_may_launch(kg):
    only_micro = [
        {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"},
        {"Effect": "Deny", "Action": "ec2:RunInstances", "Resource": "arn:aws:ec2:*:*:instance/*",
         "Condition": {"StringNotEquals": {"ec2:InstanceType": "t2.micro"}}},
        {"Effect": "Allow", "Action": ["ec2:Describe*", "ec2:TerminateInstances"], "Resource": "*"},
    ]
    ec2 = kg.client("ec2", *user(kg, "micro-only", *only_micro))
    before = instance_ids(kg)
    code, msg, _ = hg.expect_client_error(ec2.run_instances, ImageId=kg.ami, InstanceType="m5.large",
                                          MinCount=1, MaxCount=1, SubnetId=kg.subnet)
    assert code == "UnauthorizedOperation" and "explicit deny" in msg, msg
    assert instance_ids(kg) <= before, "a refused launch left an instance behind"
    ec2.terminate_instances(InstanceIds=[launch(ec2, kg)])


def _snapshot(kg) -> str:
    vid = kg.ec2.create_volume(AvailabilityZone=ZONE, Size=1)["VolumeId"]
    sid = kg.ec2.create_snapshot(VolumeId=vid)["SnapshotId"]
    hg.wait_until(lambda: kg.ec2.describe_snapshots(SnapshotIds=[sid])["Snapshots"][0]["State"] == "completed",
                  timeout=30, interval=0.1, what=f"{sid} completed")
    return sid


def test_a_deny_on_one_snapshot_protects_that_snapshot_only(kg):
    keep, other = _snapshot(kg), _snapshot(kg)
    keep_arn = f"arn:aws:ec2:{kg.region_name}::snapshot/{keep}"
    ec2 = kg.client("ec2", *user(kg, "backup-operator",
                                 {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"},
                                 {"Effect": "Deny", "Action": "ec2:DeleteSnapshot", "Resource": keep_arn}))
    code, msg, status = hg.expect_client_error(ec2.delete_snapshot, SnapshotId=keep)
    assert (code, status) == ("UnauthorizedOperation", 403), msg
    assert keep_arn in msg and "explicit deny" in msg, msg
    assert kg.ec2.describe_snapshots(SnapshotIds=[keep])["Snapshots"][0]["State"] == "completed"
    ec2.delete_snapshot(SnapshotId=other)
    code, _, _ = hg.expect_client_error(kg.ec2.describe_snapshots, SnapshotIds=[other])
    assert code == "InvalidSnapshot.NotFound"


def test_a_tag_based_deny_protects_tagged_resources(kg):
    prod = kg.ec2.create_security_group(GroupName="kg-prod", Description="prod", TagSpecifications=[
        {"ResourceType": "security-group", "Tags": [{"Key": "env", "Value": "prod"}]}])["GroupId"]
    dev = kg.ec2.create_security_group(GroupName="kg-dev", Description="dev", TagSpecifications=[
        {"ResourceType": "security-group", "Tags": [{"Key": "env", "Value": "dev"}]}])["GroupId"]
    ec2 = kg.client("ec2", *user(kg, "no-prod",
                                 {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"},
                                 {"Effect": "Deny", "Action": "ec2:*", "Resource": "*",
                                  "Condition": {"StringEquals": {"aws:ResourceTag/env": "prod"}}},
                                 {"Effect": "Deny", "Action": ["ec2:CreateTags", "ec2:DeleteTags"], "Resource": "*",
                                  "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": ["env"]}}}))
    code, msg, _ = hg.expect_client_error(ec2.delete_security_group, GroupId=prod)
    assert code == "UnauthorizedOperation" and "explicit deny" in msg, msg
    code, _, _ = hg.expect_client_error(ec2.authorize_security_group_ingress, GroupId=prod, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    assert code == "UnauthorizedOperation"
    # Nor can the user untag it (aws:TagKeys), then delete it.
    code, _, _ = hg.expect_client_error(ec2.delete_tags, Resources=[prod], Tags=[{"Key": "env"}])
    assert code == "UnauthorizedOperation"
    g = kg.ec2.describe_security_groups(GroupIds=[prod])["SecurityGroups"][0]
    assert g["IpPermissions"] == [] and {"Key": "env", "Value": "prod"} in g["Tags"]
    ec2.delete_security_group(GroupId=dev)
    code, _, _ = hg.expect_client_error(kg.ec2.describe_security_groups, GroupIds=[dev])
    assert code == "InvalidGroup.NotFound"


def test_load_balancer_permissions_are_scoped_to_arns_and_tags(kg):
    elbv2 = kg.client("elbv2")
    subnets = [s["SubnetId"] for s in kg.ec2.describe_subnets(Filters=[
        {"Name": "default-for-az", "Values": ["true"]}])["Subnets"]][:2]
    keep = elbv2.create_load_balancer(Name="kg-keep", Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]
    other = elbv2.create_load_balancer(Name="kg-other", Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]
    vpc = kg.ec2.describe_subnets(SubnetIds=subnets[:1])["Subnets"][0]["VpcId"]
    prod_tg = elbv2.create_target_group(Name="kg-prod", Protocol="HTTP", Port=80, VpcId=vpc,
                                        Tags=[{"Key": "env", "Value": "prod"}])["TargetGroups"][0]["TargetGroupArn"]
    lb = kg.client("elbv2", *user(kg, "lb-operator",
                                  {"Effect": "Allow", "Action": "elasticloadbalancing:*", "Resource": "*"},
                                  {"Effect": "Deny", "Action": "elasticloadbalancing:DeleteLoadBalancer",
                                   "Resource": keep},
                                  {"Effect": "Deny", "Action": "elasticloadbalancing:*", "Resource": "*",
                                   "Condition": {"StringEquals": {"elasticloadbalancing:ResourceTag/env": "prod"}}},
                                  {"Effect": "Deny", "Action": "elasticloadbalancing:AddTags", "Resource": "*",
                                   "Condition": {"StringEquals": {"aws:RequestTag/env": "prod"}}}))
    code, msg, status = hg.expect_client_error(lb.delete_load_balancer, LoadBalancerArn=keep)
    assert (code, status) == ("AccessDenied", 403), msg
    assert keep in msg and "explicit deny" in msg, msg
    assert elbv2.describe_load_balancers(LoadBalancerArns=[keep])["LoadBalancers"][0]["State"]["Code"] == "active"
    lb.delete_load_balancer(LoadBalancerArn=other)
    code, _, _ = hg.expect_client_error(elbv2.describe_load_balancers, LoadBalancerArns=[other])
    assert code == "LoadBalancerNotFound"

    code, msg, _ = hg.expect_client_error(lb.delete_target_group, TargetGroupArn=prod_tg)
    assert code == "AccessDenied" and "explicit deny" in msg, msg
    assert elbv2.describe_target_groups(TargetGroupArns=[prod_tg])["TargetGroups"]
    # Creating with a forbidden tag needs AddTags with elasticloadbalancing:CreateAction: refused,
    # and nothing is made.
    code, msg, _ = hg.expect_client_error(lb.create_target_group, Name="kg-sneaky", Protocol="HTTP", Port=80,
                                          VpcId=vpc, Tags=[{"Key": "env", "Value": "prod"}])
    assert code == "AccessDenied" and "elasticloadbalancing:AddTags" in msg, msg
    assert not [t for t in elbv2.describe_target_groups()["TargetGroups"] if t["TargetGroupName"] == "kg-sneaky"]
    made = lb.create_target_group(Name="kg-dev", Protocol="HTTP", Port=80, VpcId=vpc,
                                  Tags=[{"Key": "env", "Value": "dev"}])["TargetGroups"][0]["TargetGroupArn"]
    lb.delete_target_group(TargetGroupArn=made)
    elbv2.delete_load_balancer(LoadBalancerArn=keep)


def test_an_auto_scaling_group_launches_only_what_its_creator_may_launch(kg):
    kg.ec2.create_launch_template(LaunchTemplateName="KG-LT-Plain", LaunchTemplateData={
        "ImageId": kg.ami, "InstanceType": "t2.micro"})
    asg_only = {"Effect": "Allow", "Action": ["autoscaling:*", "ec2:Describe*"], "Resource": "*"}
    asg = kg.client("autoscaling", *user(kg, "asg-admin", asg_only))
    args = dict(AutoScalingGroupName="KG-ASG-Auth", MinSize=0, MaxSize=1, DesiredCapacity=0,
                VPCZoneIdentifier=kg.subnet)
    code, msg, status = hg.expect_client_error(
        asg.create_auto_scaling_group, LaunchTemplate={"LaunchTemplateName": "KG-LT-Plain"}, **args)
    assert (code, status) == ("AccessDenied", 403), msg
    assert "ec2:RunInstances" in msg, msg
    root_asg = kg.client("autoscaling")
    assert root_asg.describe_auto_scaling_groups(AutoScalingGroupNames=["KG-ASG-Auth"])["AutoScalingGroups"] == []

    # With RunInstances but not PassRole, a template that hands over a role is still refused.
    kg.client("iam").put_user_policy(UserName="asg-admin", PolicyName="run", PolicyDocument=hg.policy(
        {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"}))
    kg.ec2.create_launch_template(LaunchTemplateName="KG-LT-Role-Asg", LaunchTemplateData={
        "ImageId": kg.ami, "InstanceType": "t2.micro", "IamInstanceProfile": {"Name": "KG-Web-Profile"}})
    code, msg, _ = hg.expect_client_error(
        asg.create_auto_scaling_group, LaunchTemplate={"LaunchTemplateName": "KG-LT-Role-Asg"}, **args)
    assert code == "AccessDenied" and "iam:PassRole" in msg, msg
    assert root_asg.describe_auto_scaling_groups(AutoScalingGroupNames=["KG-ASG-Auth"])["AutoScalingGroups"] == []

    asg.create_auto_scaling_group(LaunchTemplate={"LaunchTemplateName": "KG-LT-Plain"}, **args)
    # Switching the group to the role's template is an update the caller may not make either.
    code, msg, _ = hg.expect_client_error(asg.update_auto_scaling_group, AutoScalingGroupName="KG-ASG-Auth",
                                          LaunchTemplate={"LaunchTemplateName": "KG-LT-Role-Asg"})
    assert code == "AccessDenied" and "iam:PassRole" in msg, msg
    g = root_asg.describe_auto_scaling_groups(AutoScalingGroupNames=["KG-ASG-Auth"])["AutoScalingGroups"][0]
    assert g["LaunchTemplate"]["LaunchTemplateName"] == "KG-LT-Plain"
    # A lifecycle hook's notification role is passed to Auto Scaling by the caller.
    code, msg, _ = hg.expect_client_error(
        asg.put_lifecycle_hook, LifecycleHookName="kg-hook", AutoScalingGroupName="KG-ASG-Auth",
        LifecycleTransition="autoscaling:EC2_INSTANCE_LAUNCHING", RoleARN=kg.role_arn,
        NotificationTargetARN=f"arn:aws:sns:{kg.region_name}:{kg.account}:kg-hooks")
    assert code == "AccessDenied" and "iam:PassRole" in msg and kg.role_arn in msg, msg
    assert root_asg.describe_lifecycle_hooks(AutoScalingGroupName="KG-ASG-Auth")["LifecycleHooks"] == []
    asg.delete_auto_scaling_group(AutoScalingGroupName="KG-ASG-Auth", ForceDelete=True)


def test_refusals_are_audited_with_their_resources(kg):
    ec2 = kg.client("ec2", *user(kg, "audited", {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}))
    code, _, _ = hg.expect_client_error(ec2.delete_security_group, GroupId="sg-0123456789abcdef0")
    assert code == "UnauthorizedOperation"
    arn = f"arn:aws:ec2:{kg.region_name}:{kg.account}:security-group/sg-0123456789abcdef0"

    def audited():
        for e in kg.audit_records():
            if str(e.get("action")).split(":")[-1] == "DeleteSecurityGroup" and arn in e.get("resources", []):
                return e
        return None
    e = hg.wait_until(audited, timeout=5, what="the refusal in the audit log")
    assert e["principal"].endswith(":user/audited") and e["result"] == "failure", e
    assert e["error_code"] == "UnauthorizedOperation", e


def test_a_stack_with_a_service_role_acts_as_the_role_and_needs_pass_role(kg):
    iam = kg.client("iam")
    trust = hg.policy({"Effect": "Allow", "Principal": {"Service": "cloudformation.amazonaws.com"},
                       "Action": "sts:AssumeRole"})
    role = iam.create_role(RoleName="KG-Stack-Role", AssumeRolePolicyDocument=trust)["Role"]["Arn"]
    iam.put_role_policy(RoleName="KG-Stack-Role", PolicyName="sns", PolicyDocument=hg.policy(
        {"Effect": "Allow", "Action": "sns:*", "Resource": "*"}))
    # The user may run CloudFormation, but has no SNS permission of its own.
    cfn = kg.client("cloudformation", *user(kg, "deployer", {"Effect": "Allow", "Action": "cloudformation:*",
                                                             "Resource": "*"}))
    body = "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: kg-role-topic\n"
    code, msg, _ = hg.expect_client_error(cfn.create_stack, StackName="with-role", TemplateBody=body, RoleARN=role)
    assert code == "AccessDenied" and "iam:PassRole" in msg, msg
    kg.client("iam").put_user_policy(UserName="deployer", PolicyName="pass", PolicyDocument=hg.policy(
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": role,
         "Condition": {"StringEquals": {"iam:PassedToService": "cloudformation.amazonaws.com"}}}))
    stack_id = cfn.create_stack(StackName="with-role", TemplateBody=body, RoleARN=role)["StackId"]
    cfn.get_waiter("stack_create_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    assert cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["RoleARN"] == role
    assert any(t["TopicArn"].endswith(":kg-role-topic") for t in kg.client("sns").list_topics()["Topics"])
    # Without the role, the same user cannot make the topic: the stack rolls back.
    other = cfn.create_stack(StackName="without-role", TemplateBody=body.replace("kg-role-topic", "kg-own-topic"))["StackId"]
    hg.wait_until(lambda: cfn.describe_stacks(StackName=other)["Stacks"][0]["StackStatus"] == "ROLLBACK_COMPLETE",
                  timeout=30, what="the stack without the role rolled back")
    cfn.delete_stack(StackName=stack_id)
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    assert not any(t["TopicArn"].endswith(":kg-role-topic") for t in kg.client("sns").list_topics()["Topics"])
