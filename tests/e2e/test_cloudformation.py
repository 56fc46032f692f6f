"""CloudFormation through the real aws CLI and boto3: stacks created, described, rolled back and
deleted by the region's engine, each resource made through its own service's API as the stack's
caller (so the resources are checked here through those services' APIs too)."""

from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import hg
import tf_refresh

SMALL = """\
AWSTemplateFormatVersion: "2010-09-09"
Description: A topic and a security group
Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]
    Default: dev
  Secret:
    Type: String
    NoEcho: true
    Default: hush
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub "${AWS::StackName}-alerts"
      DisplayName: !If [IsProd, Production, !Ref "AWS::NoValue"]
  WebGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Join [" ", [HTTP for, !Ref Env]]
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0 }
Outputs:
  TopicArn:
    Value: !Ref Alerts
    Export:
      Name: !Sub "${AWS::StackName}-TopicArn"
  GroupId:
    Description: the web group
    Value: !GetAtt WebGroup.GroupId
  Where:
    Value: !Sub "${AWS::Region}/${AWS::AccountId}/${Env}"
"""


def events(cfn, stack):
    return cfn.describe_stack_events(StackName=stack)["StackEvents"]


def topic_arns(region):
    return [t["TopicArn"] for t in region.client("sns").list_topics()["Topics"]]


def group_ids(region):
    return [g["GroupId"] for g in region.client("ec2").describe_security_groups()["SecurityGroups"]]


def test_small_stack_create_describe_and_delete(region, tmp_path):
    cfn = region.client("cloudformation")
    body = tmp_path / "small.yaml"
    body.write_text(SMALL)
    out = region.aws("cloudformation", "create-stack", "--stack-name", "small", "--template-body", f"file://{body}",
                     "--parameters", "ParameterKey=Env,ParameterValue=prod")
    stack_id = out["StackId"]
    assert re.fullmatch(rf"arn:aws:cloudformation:{region.region_name}:{region.account}:stack/small/"
                        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", stack_id)
    cfn.get_waiter("stack_create_complete").wait(StackName="small", WaiterConfig={"Delay": 1, "MaxAttempts": 60})

    stack = region.aws("cloudformation", "describe-stacks", "--stack-name", "small")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert stack["Description"] == "A topic and a security group"
    params = {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]}
    assert params == {"Env": "prod", "Secret": "****"}
    outputs = {o["OutputKey"]: o for o in stack["Outputs"]}
    topic = outputs["TopicArn"]["OutputValue"]
    assert topic == f"arn:aws:sns:{region.region_name}:{region.account}:small-alerts"
    assert outputs["TopicArn"]["ExportName"] == "small-TopicArn"
    assert outputs["GroupId"]["Description"] == "the web group"
    assert outputs["Where"]["OutputValue"] == f"{region.region_name}/{region.account}/prod"

    # The resources are real, in their own services.
    assert topic in topic_arns(region)
    attrs = region.client("sns").get_topic_attributes(TopicArn=topic)["Attributes"]
    assert attrs["DisplayName"] == "Production"
    group_id = outputs["GroupId"]["OutputValue"]
    sg = region.client("ec2").describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
    assert sg["Description"] == "HTTP for prod"
    assert sg["GroupName"].startswith("small-WebGroup-")
    assert any(p.get("FromPort") == 80 and p["IpRanges"][0]["CidrIp"] == "0.0.0.0/0" for p in sg["IpPermissions"])

    resources = {r["LogicalResourceId"]: r for r in cfn.list_stack_resources(StackName="small")["StackResourceSummaries"]}
    assert resources["Alerts"]["PhysicalResourceId"] == topic
    assert resources["WebGroup"]["PhysicalResourceId"] == group_id
    assert {r["ResourceStatus"] for r in resources.values()} == {"CREATE_COMPLETE"}
    detail = cfn.describe_stack_resource(StackName="small", LogicalResourceId="WebGroup")["StackResourceDetail"]
    assert detail["ResourceType"] == "AWS::EC2::SecurityGroup"
    by_physical = cfn.describe_stack_resources(PhysicalResourceId=topic)["StackResources"]
    assert {r["LogicalResourceId"] for r in by_physical} == {"Alerts", "WebGroup"}

    # The event history reads like the console's, newest first.
    evs = events(cfn, "small")
    assert (evs[0]["LogicalResourceId"], evs[0]["ResourceStatus"]) == ("small", "CREATE_COMPLETE")
    assert (evs[-1]["ResourceStatus"], evs[-1]["ResourceStatusReason"]) == ("CREATE_IN_PROGRESS", "User Initiated")
    topic_events = [(e["ResourceStatus"], e.get("ResourceStatusReason")) for e in reversed(evs)
                    if e["LogicalResourceId"] == "Alerts"]
    assert topic_events == [("CREATE_IN_PROGRESS", None), ("CREATE_IN_PROGRESS", "Resource creation Initiated"),
                            ("CREATE_COMPLETE", None)]

    template = cfn.get_template(StackName="small")["TemplateBody"]
    assert "AWS::SNS::Topic" in template
    summary = cfn.get_template_summary(StackName="small")
    assert summary["ResourceTypes"] == ["AWS::EC2::SecurityGroup", "AWS::SNS::Topic"]
    listed = cfn.list_stacks(StackStatusFilter=["CREATE_COMPLETE"])["StackSummaries"]
    assert [s["StackName"] for s in listed] == ["small"]

    region.aws("cloudformation", "delete-stack", "--stack-name", "small")
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    assert topic not in topic_arns(region)
    assert group_id not in group_ids(region)
    gone = cfn.describe_stacks(StackName=stack_id)["Stacks"][0]
    assert gone["StackStatus"] == "DELETE_COMPLETE" and "DeletionTime" in gone
    code, msg = hg.cli_error(region.aws_fail("cloudformation", "describe-stacks", "--stack-name", "small")[1])
    assert (code, msg) == ("ValidationError", "Stack with id small does not exist")
    deleted_events = [(e["LogicalResourceId"], e["ResourceStatus"]) for e in events(cfn, stack_id)]
    assert deleted_events[0] == ("small", "DELETE_COMPLETE")
    assert ("Alerts", "DELETE_COMPLETE") in deleted_events and ("WebGroup", "DELETE_COMPLETE") in deleted_events


ROLLBACK = """\
Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: rollback-alerts
  Net:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.20.0.0/16
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: in the new VPC
      VpcId: !Ref Net
  BadSubnet:
    Type: AWS::EC2::Subnet
    DependsOn: [Alerts, Group]
    Properties:
      VpcId: !Ref Net
      CidrBlock: 10.99.0.0/24
  Never:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !GetAtt BadSubnet.AvailabilityZone
"""


def test_a_failing_resource_rolls_the_stack_back(region):
    cfn = region.client("cloudformation")
    vpcs_before = {v["VpcId"] for v in region.client("ec2").describe_vpcs()["Vpcs"]}
    stack_id = cfn.create_stack(StackName="rollback", TemplateBody=ROLLBACK)["StackId"]
    waiter = cfn.get_waiter("stack_create_complete")
    with pytest.raises(Exception) as failure:
        waiter.wait(StackName="rollback", WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    assert "ROLLBACK_COMPLETE" in str(failure.value)
    stack = cfn.describe_stacks(StackName="rollback")["Stacks"][0]
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    evs = events(cfn, stack_id)
    failed = [e for e in evs if e["ResourceStatus"] == "CREATE_FAILED"]
    assert [e["LogicalResourceId"] for e in failed] == ["BadSubnet"]
    assert "InvalidSubnet.Range" in failed[0]["ResourceStatusReason"]
    assert "(Service: AmazonEC2; Status Code: 400" in failed[0]["ResourceStatusReason"]
    stack_events = [(e["ResourceStatus"], e.get("ResourceStatusReason")) for e in evs
                    if e["LogicalResourceId"] == "rollback"]
    assert stack_events[0] == ("ROLLBACK_COMPLETE", None)
    assert stack_events[1] == ("ROLLBACK_IN_PROGRESS",
                               "The following resource(s) failed to create: [BadSubnet]. Rollback requested by user.")
    assert not any(e["LogicalResourceId"] == "Never" for e in evs)
    # Everything it had made is really gone.
    assert not any(a.endswith(":rollback-alerts") for a in topic_arns(region))
    assert {v["VpcId"] for v in region.client("ec2").describe_vpcs()["Vpcs"]} == vpcs_before
    deleted = {e["LogicalResourceId"] for e in evs if e["ResourceStatus"] == "DELETE_COMPLETE"}
    assert {"Alerts", "Net", "Group"} <= deleted
    # A rolled-back stack can only be deleted.
    cfn.delete_stack(StackName="rollback")
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 30})


def test_unsupported_types_fail_and_disable_rollback_keeps_what_was_made(region):
    cfn = region.client("cloudformation")
    body = ("Resources:\n  Kept:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: kept-topic\n"
            "  Db:\n    Type: AWS::DynamoDB::Table\n    DependsOn: Kept\n    Properties:\n      TableName: kg-table\n")
    cfn.create_stack(StackName="keep", TemplateBody=body, DisableRollback=True)
    hg.wait_until(lambda: cfn.describe_stacks(StackName="keep")["Stacks"][0]["StackStatus"] != "CREATE_IN_PROGRESS",
                  timeout=30, what="the stack to settle")
    stack = cfn.describe_stacks(StackName="keep")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_FAILED"
    assert stack["StackStatusReason"] == "The following resource(s) failed to create: [Db]. "
    db = cfn.describe_stack_resource(StackName="keep", LogicalResourceId="Db")["StackResourceDetail"]
    assert db["ResourceStatusReason"] == "Resource type AWS::DynamoDB::Table is not supported by this region"
    assert any(a.endswith(":kept-topic") for a in topic_arns(region))
    cfn.delete_stack(StackName="keep")
    cfn.get_waiter("stack_delete_complete").wait(StackName="keep", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    assert not any(a.endswith(":kept-topic") for a in topic_arns(region))


def test_bad_templates_get_cloudformations_validation_errors(region, tmp_path):
    def fails(body: str, *extra) -> tuple[str, str]:
        f = tmp_path / "bad.yaml"
        f.write_text(body)
        return hg.cli_error(region.aws_fail("cloudformation", "create-stack", "--stack-name", "bad",
                                            "--template-body", f"file://{f}", *extra)[1])

    assert fails("Resources:\n  A:\n    Type: AWS::Nope::Thing\n") == (
        "ValidationError", "Template format error: Unrecognized resource types: [AWS::Nope::Thing]")
    assert fails("Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Ghost\n") == (
        "ValidationError",
        "Template format error: Unresolved resource dependencies [Ghost] in the Resources block of the template")
    assert fails("Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !GetAtt B.TopicName\n"
                 "  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !GetAtt A.TopicName\n") == (
        "ValidationError", "Circular dependency between resources: [A, B]")
    assert fails("Resources: [unclosed\n")[1].startswith("Template format error: YAML not well-formed.")
    params = "Parameters:\n  Env:\n    Type: String\n    AllowedValues: [dev, prod]\n"
    topic = "Resources:\n  A:\n    Type: AWS::SNS::Topic\n"
    assert fails(params + topic) == ("ValidationError", "Parameters: [Env] must have values")
    assert fails(params + topic, "--parameters", "ParameterKey=Env,ParameterValue=test") == (
        "ValidationError", "Parameter 'Env' must be one of AllowedValues")
    named_user = "Resources:\n  U:\n    Type: AWS::IAM::User\n    Properties:\n      UserName: named\n"
    assert fails(named_user) == ("InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_NAMED_IAM]")

    cfn = region.client("cloudformation")
    code, msg, _ = hg.expect_client_error(cfn.validate_template, TemplateBody="Resources:\n  A:\n    Type: AWS::Foo::Bar\n")
    assert (code, msg) == ("ValidationError", "Template format error: Unrecognized resource types: [AWS::Foo::Bar]")
    ok = cfn.validate_template(TemplateBody=SMALL)
    assert [p["ParameterKey"] for p in ok["Parameters"]] == ["Env", "Secret"]
    assert ok["Description"] == "A topic and a security group"
    iam = cfn.validate_template(TemplateBody=named_user)
    assert iam["Capabilities"] == ["CAPABILITY_NAMED_IAM"]
    assert iam["CapabilitiesReason"] == "The following resource(s) require capabilities: [AWS::IAM::User]"

    cfn.create_stack(StackName="twice", TemplateBody=topic)
    code, msg, _ = hg.expect_client_error(cfn.create_stack, StackName="twice", TemplateBody=topic)
    assert (code, msg) == ("AlreadyExistsException", "Stack [twice] already exists")
    cfn.get_waiter("stack_create_complete").wait(StackName="twice", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    cfn.delete_stack(StackName="twice")
    cfn.get_waiter("stack_delete_complete").wait(StackName="twice", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    code, msg, _ = hg.expect_client_error(cfn.describe_stack_events, StackName="nothing")
    assert (code, msg) == ("ValidationError", "Stack with id nothing does not exist")


def test_a_restricted_caller_gets_access_denied_inside_the_stack(region):
    key = region.make_user("stacker", inline={"cfn": hg.policy(hg.allow("cloudformation:*"),
                                                               hg.allow("ec2:CreateSecurityGroup"),
                                                               hg.allow("ec2:AuthorizeSecurityGroupIngress"),
                                                               hg.allow("ec2:DeleteSecurityGroup"),
                                                               hg.allow("ec2:DescribeSecurityGroups"))})
    cfn = region.client("cloudformation", *key)
    body = ("Resources:\n  Group:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: allowed\n"
            "  Topic:\n    Type: AWS::SNS::Topic\n    DependsOn: Group\n    Properties:\n      TopicName: denied-topic\n")
    stack_id = cfn.create_stack(StackName="restricted", TemplateBody=body)["StackId"]
    with pytest.raises(Exception):
        cfn.get_waiter("stack_create_complete").wait(StackName="restricted", WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    stack = cfn.describe_stacks(StackName="restricted")["Stacks"][0]
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    failed = [e for e in events(cfn, stack_id) if e["ResourceStatus"] == "CREATE_FAILED"]
    assert [e["LogicalResourceId"] for e in failed] == ["Topic"]
    reason = failed[0]["ResourceStatusReason"]
    assert "arn:aws:iam::" in reason and ":user/stacker is not authorized to perform: sns:CreateTopic" in reason
    assert "Error Code: AccessDenied" in reason
    assert not any(a.endswith(":denied-topic") for a in topic_arns(region))
    # The group it was allowed to make was made, then rolled back, as the user.
    group = cfn.describe_stack_resource(StackName="restricted", LogicalResourceId="Group")["StackResourceDetail"]
    assert group["ResourceStatus"] == "DELETE_COMPLETE"
    assert group["PhysicalResourceId"] not in group_ids(region)


def deploy(region, *args, timeout=300):
    """`aws cloudformation deploy …` (its waiters poll every 30 s: a longer timeout than hg's)."""
    cmd = [hg.aws_cli(), "cloudformation", "deploy", *[str(a) for a in args]]
    return subprocess.run(cmd, env=region.env, capture_output=True, text=True, timeout=timeout)


def next_second():
    """The CLI names its change sets after the current second, and a failed one stays (as on
    AWS): two deploys within one second would collide."""
    second = int(time.time())
    hg.wait_until(lambda: int(time.time()) > second, timeout=2, what="the next second")


def test_aws_cloudformation_deploy_uses_change_sets(region, tmp_path):
    f = tmp_path / "deploy.yaml"
    f.write_text("Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: deployed\n"
                 "Outputs:\n  Arn:\n    Value: !Ref T\n")
    r = deploy(region, "--template-file", f, "--stack-name", "deployed")
    assert r.returncode == 0, r.stderr
    assert "Successfully created/updated stack - deployed" in r.stdout
    cfn = region.client("cloudformation")
    stack = cfn.describe_stacks(StackName="deployed")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert stack["Outputs"][0]["OutputValue"].endswith(":deployed")
    sets = cfn.list_change_sets(StackName="deployed")["Summaries"]
    assert [s["ExecutionStatus"] for s in sets] == ["EXECUTE_COMPLETE"]
    # The same template again: nothing to change, as AWS answers it (the CLI exits 255 for that
    # unless told --no-fail-on-empty-changeset).
    again = ["--template-file", f, "--stack-name", "deployed"]
    r = deploy(region, *again)
    assert r.returncode == 255 and "No changes to deploy. Stack deployed is up to date" in r.stderr
    next_second()
    r = deploy(region, *again, "--no-fail-on-empty-changeset")
    assert r.returncode == 0, r.stderr
    # A changed template: an UPDATE change set, executed as a stack update.
    f.write_text("Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: deployed\n"
                 "  U:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: deployed-too\n"
                 "Outputs:\n  Arn:\n    Value: !Ref U\n")
    next_second()
    r = deploy(region, *again, "--no-execute-changeset")
    assert r.returncode == 0, r.stderr
    pending = [s for s in cfn.list_change_sets(StackName="deployed")["Summaries"] if s["ExecutionStatus"] == "AVAILABLE"]
    assert len(pending) == 1
    described = cfn.describe_change_set(ChangeSetName=pending[0]["ChangeSetId"])
    assert [(c["ResourceChange"]["Action"], c["ResourceChange"]["LogicalResourceId"]) for c in described["Changes"]] == [
        ("Add", "U")]
    cfn.execute_change_set(ChangeSetName=pending[0]["ChangeSetId"])
    cfn.get_waiter("stack_update_complete").wait(StackName="deployed", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    stack = cfn.describe_stacks(StackName="deployed")["Stacks"][0]
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    assert stack["Outputs"][0]["OutputValue"].endswith(":deployed-too")
    assert any(a.endswith(":deployed-too") for a in topic_arns(region))
    executed = cfn.describe_change_set(ChangeSetName=pending[0]["ChangeSetId"])
    assert executed["ExecutionStatus"] == "EXECUTE_COMPLETE"
    cfn.delete_stack(StackName="deployed")
    cfn.get_waiter("stack_delete_complete").wait(StackName="deployed", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    assert not any(a.endswith(":deployed-too") or a.endswith(":deployed") for a in topic_arns(region))


KGSPORTS_TEMPLATE = hg.REPO_ROOT.parent / "shared" / "acceptance" / "kgsports-stack.yaml"


def kgsports_parameters(region, tmp_path) -> dict[str, str]:
    """KG-Ami registered and the key pair made; the template's parameters."""
    ec2 = region.client("ec2")
    ami = ec2.register_image(Name="KG-Ami", ImageLocation=str(hg.kg_ami_bundle(tmp_path / "kg-ami")))["ImageId"]
    ec2.create_key_pair(KeyName="kg-key")
    return {"KgAmiId": ami, "BastionAmiId": ami, "KeyName": "kg-key", "AdminCidr": "203.0.113.0/24",
            "OperatorEmail": "ops@kgsports.example"}


def test_the_kgsports_stack_serves_its_site_and_database_and_comes_down_cleanly(new_region, tmp_path):
    """The customer's whole system, `kgsports-stack.yaml` unchanged: the network, the bastion,
    KG-ASG behind the load balancer, the alarms and the topic, the IAM group and user, the
    generated database secret and a MySQL primary with its read replica — really running."""
    import pymysql
    region = new_region()
    ec2 = region.client("ec2")
    params = [f"ParameterKey={k},ParameterValue={v}" for k, v in kgsports_parameters(region, tmp_path).items()]
    body = KGSPORTS_TEMPLATE
    cfn = region.client("cloudformation")
    code, msg = hg.cli_error(region.aws_fail("cloudformation", "create-stack", "--stack-name", "kgsports",
                                             "--template-body", f"file://{body}", "--parameters", *params)[1])
    assert (code, msg) == ("InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_NAMED_IAM]")
    # As the issue asks: through `aws cloudformation deploy` (a CREATE change set, executed).
    overrides = [p.replace("ParameterKey=", "").replace(",ParameterValue=", "=") for p in params]
    r = deploy(region, "--stack-name", "kgsports", "--template-file", body, "--capabilities", "CAPABILITY_NAMED_IAM",
               "--parameter-overrides", *overrides)
    stack_id = cfn.describe_stacks(StackName="kgsports")["Stacks"][0]["StackId"]
    if r.returncode != 0:
        failed = [(e["LogicalResourceId"], e.get("ResourceStatusReason")) for e in events(cfn, stack_id)
                  if e["ResourceStatus"].endswith("FAILED")]
        pytest.fail(f"deploy failed: {r.stderr}\n{failed}\n{region.describe()}", pytrace=False)
    assert "Successfully created/updated stack - kgsports" in r.stdout
    stack = cfn.describe_stacks(StackName="kgsports")["Stacks"][0]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}
    assert outputs["AlarmTopic"].endswith(":KGSNS_Topic")
    url = outputs["WebsiteURL"]
    assert re.fullmatch(r"http://127\.255\.\d+\.\d+/", url)
    page = urllib.request.urlopen(url, timeout=10).read().decode()
    assert "KG SPORTS" in page

    # What it built, seen through the services' own APIs.
    group = region.client("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=["KG-ASG"])["AutoScalingGroups"][0]
    assert (group["MinSize"], group["MaxSize"]) == (2, 4)
    assert len([i for i in group["Instances"] if i["LifecycleState"] == "InService"]) >= 2
    alarms = {a["AlarmName"]: a for a in region.client("cloudwatch").describe_alarms()["MetricAlarms"]}
    high = [a for n, a in alarms.items() if n.startswith("kgsports-CPUAlarmHigh-")]
    assert len(high) == 1 and outputs["AlarmTopic"] in high[0]["AlarmActions"]
    assert any(n.startswith("kgsports-CPUAlarmLow-") for n in alarms)
    users = region.client("iam").get_group(GroupName="AdministratorGroup")["Users"]
    assert [u["UserName"] for u in users] == ["KG_sports"]
    vpcs = ec2.describe_vpcs(Filters=[{"Name": "cidr", "Values": ["30.0.0.0/16"]}])["Vpcs"]
    assert len(vpcs) == 1
    secret_arn = cfn.describe_stack_resource(StackName="kgsports", LogicalResourceId="DBSecret")[
        "StackResourceDetail"]["PhysicalResourceId"]
    secret = json.loads(region.client("secretsmanager").get_secret_value(SecretId=secret_arn)["SecretString"])
    assert secret["username"] == "admin" and len(secret["password"]) == 24
    assert not set(secret["password"]) & set('"@/\\')
    assert len(events(cfn, stack_id)) > 90

    # The match database: the primary at DatabaseEndpoint with the generated credentials, the
    # replica at ReplicaEndpoint really replicating, read-only.
    rds = region.client("rds")
    dbs = {d["DBInstanceIdentifier"]: d for d in rds.describe_db_instances()["DBInstances"]}
    assert len(dbs) == 2 and all(d["DBInstanceStatus"] == "available" for d in dbs.values()), dbs
    primary = next(d for d in dbs.values() if "ReadReplicaSourceDBInstanceIdentifier" not in d)
    replica = next(d for d in dbs.values() if "ReadReplicaSourceDBInstanceIdentifier" in d)
    assert primary["Endpoint"]["Address"] == outputs["DatabaseEndpoint"]
    assert replica["Endpoint"]["Address"] == outputs["ReplicaEndpoint"]
    assert primary["MasterUsername"] == "admin" and primary["DBName"] == "kgsports"
    conn = pymysql.connect(host=outputs["DatabaseEndpoint"], port=3306, user="admin", password=secret["password"],
                           database="kgsports", autocommit=True, connect_timeout=10)
    with conn.cursor() as c:
        c.execute("CREATE TABLE goals (id INT PRIMARY KEY, scorer VARCHAR(40))")
        c.execute("INSERT INTO goals VALUES (1, 'Son')")
    conn.close()

    def on_replica():
        try:
            r = pymysql.connect(host=outputs["ReplicaEndpoint"], port=3306, user="admin", password=secret["password"],
                                database="kgsports", connect_timeout=5)
        except pymysql.MySQLError:
            return None
        try:
            with r.cursor() as c:
                c.execute("SELECT scorer FROM goals WHERE id = 1")
                row = c.fetchone()
            return row
        except pymysql.MySQLError:
            return None
        finally:
            r.close()
    assert hg.wait_until(on_replica, timeout=15, interval=0.2, what="the row on the replica") == ("Son",)

    # A Terraform-style refresh: every resource read back the way Terraform's AWS provider does.
    made = set(tf_refresh.refresh(region, "kgsports"))
    assert {"ec2:describe_vpc_attribute", "ec2:describe_instance_credit_specifications",
            "ec2:describe_network_interfaces", "elbv2:describe_load_balancer_attributes",
            "rds:list_tags_for_resource", "secretsmanager:get_resource_policy"} <= made, made

    cfn.delete_stack(StackName="kgsports")
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 300})
    left = [i["InstanceId"] for r in ec2.describe_instances()["Reservations"] for i in r["Instances"]
            if i["State"]["Name"] != "terminated"]
    assert left == []
    hg.wait_until(lambda: hg.instance_pids_under(region.data_dir) == [], timeout=10, what="instance processes to end")
    assert ec2.describe_vpcs(Filters=[{"Name": "cidr", "Values": ["30.0.0.0/16"]}])["Vpcs"] == []
    assert region.client("autoscaling").describe_auto_scaling_groups()["AutoScalingGroups"] == []
    assert region.client("elbv2").describe_load_balancers()["LoadBalancers"] == []
    assert not any(a.endswith(":KGSNS_Topic") for a in topic_arns(region))
    code = hg.expect_client_error(region.client("secretsmanager").describe_secret, SecretId=secret_arn)[0]
    assert code == "ResourceNotFoundException"
    assert not any(n.startswith("kgsports-") for n in
                   (a["AlarmName"] for a in region.client("cloudwatch").describe_alarms()["MetricAlarms"]))
    # Both DB instances gone, their servers ended; the primary's final snapshot kept, as its
    # DeletionPolicy: Snapshot says.
    assert rds.describe_db_instances()["DBInstances"] == []
    assert rds.describe_db_subnet_groups()["DBSubnetGroups"] == []
    snaps = rds.describe_db_snapshots(SnapshotType="manual")["DBSnapshots"]
    assert [s["DBInstanceIdentifier"] for s in snaps] == [primary["DBInstanceIdentifier"]], snaps
    hg.wait_until(lambda: not _mariadb_under(region.data_dir), timeout=15, what="the database servers to end")


def test_the_kgsports_stack_on_isolated_networks_keeps_its_database_to_the_web_tier(new_region, tmp_path):
    """The same template on `--network isolated`: KG-ASG's instances run at their VPC addresses
    in the private subnets, the internet-facing load balancer serves the site from them, and the
    primary's Endpoint is an address of its private subnets behind DatabaseSecurityGroup (3306
    from the web and bastion groups only): a KG-ASG instance queries it with the real MariaDB
    client and the generated credentials, an instance of another group is dropped; the stack then
    comes down with its namespaces."""
    region = new_region("--network", "isolated")
    values = kgsports_parameters(region, tmp_path)
    params = [{"ParameterKey": k, "ParameterValue": v} for k, v in values.items()]
    cfn = region.client("cloudformation")
    stack_id = cfn.create_stack(StackName="kgsports", TemplateBody=KGSPORTS_TEMPLATE.read_text(), Parameters=params,
                                Capabilities=["CAPABILITY_NAMED_IAM"])["StackId"]
    try:
        cfn.get_waiter("stack_create_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 300})
    except Exception:  # noqa: BLE001 - the reasons are what matters
        failed = [(e["LogicalResourceId"], e.get("ResourceStatusReason")) for e in events(cfn, stack_id)
                  if e["ResourceStatus"].endswith("FAILED")]
        pytest.fail(f"create failed: {failed}\n{region.describe()}", pytrace=False)
    outputs = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["Outputs"]}
    page = urllib.request.urlopen(outputs["WebsiteURL"], timeout=10).read().decode()
    assert "KG SPORTS" in page
    database = outputs["DatabaseEndpoint"]
    assert re.fullmatch(r"30\.0\.[34]\.\d+", database), f"an address of the private subnets: {database}"
    secret_arn = cfn.describe_stack_resource(StackName="kgsports", LogicalResourceId="DBSecret")[
        "StackResourceDetail"]["PhysicalResourceId"]
    password = json.loads(region.client("secretsmanager").get_secret_value(SecretId=secret_arn)["SecretString"])["password"]

    def query(instance_id: str, timeout: int) -> subprocess.CompletedProcess:
        return subprocess.run(["ip", "netns", "exec", region.netns(instance_id), "mariadb", "--protocol=TCP", "-h", database,
                               "-u", "admin", f"-p{password}", f"--connect-timeout={timeout}", "-N", "-B", "-e",
                               "SELECT DATABASE(), 6*7", "kgsports"], capture_output=True, text=True, timeout=timeout + 20)
    group = region.client("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=["KG-ASG"])["AutoScalingGroups"][0]
    web = [i["InstanceId"] for i in group["Instances"] if i["LifecycleState"] == "InService"][0]
    ec2 = region.client("ec2")
    web_ip = ec2.describe_instances(InstanceIds=[web])["Reservations"][0]["Instances"][0]["PrivateIpAddress"]
    assert web_ip.startswith(("30.0.3.", "30.0.4.")), web_ip
    r = hg.wait_until(lambda: (q := query(web, 3)).returncode == 0 and q, timeout=10, interval=0.3,
                      what="a KG-ASG instance querying the primary")
    assert r.stdout.split() == ["kgsports", "42"], (r.stdout, r.stderr)
    # An instance of the same VPC in a group DatabaseSecurityGroup does not name.
    vpc = cfn.describe_stack_resource(StackName="kgsports", LogicalResourceId="VPC")["StackResourceDetail"]["PhysicalResourceId"]
    subnet = cfn.describe_stack_resource(StackName="kgsports", LogicalResourceId="PrivateSubnet1")[
        "StackResourceDetail"]["PhysicalResourceId"]
    stranger_sg = ec2.create_security_group(GroupName="Stranger", Description="no rule names it", VpcId=vpc)["GroupId"]
    stranger = ec2.run_instances(ImageId=values["KgAmiId"], InstanceType="t2.micro", MinCount=1, MaxCount=1,
                                 SubnetId=subnet, SecurityGroupIds=[stranger_sg])["Instances"][0]["InstanceId"]
    hg.wait_until(lambda: [s["InstanceStatus"]["Status"] for s in
                           ec2.describe_instance_status(InstanceIds=[stranger])["InstanceStatuses"]] == ["ok"],
                  timeout=30, interval=0.2, what="the stranger instance running")
    r = query(stranger, 1)
    assert r.returncode != 0 and "Can't connect" in r.stderr, (r.stdout, r.stderr)
    ec2.terminate_instances(InstanceIds=[stranger])
    hg.wait_until(lambda: ec2.describe_instances(InstanceIds=[stranger])["Reservations"][0]["Instances"][0]["State"]["Name"]
                  == "terminated", timeout=30, interval=0.2, what="the stranger terminated")
    ec2.delete_security_group(GroupId=stranger_sg)

    cfn.delete_stack(StackName="kgsports")
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 300})
    hg.wait_until(lambda: hg.instance_pids_under(region.data_dir) == [], timeout=10, what="instance processes to end")
    prefix = region.netns("")
    left = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    assert [line for line in left.splitlines() if line.startswith(prefix)] == [], left


STUCK = """\
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: restart-topic
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-0000000000000dead
        InstanceType: t2.micro
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    DependsOn: Topic
    Properties:
      AutoScalingGroupName: never-in-service
      LaunchTemplate:
        LaunchTemplateId: !Ref Template
        Version: !GetAtt Template.LatestVersionNumber
      MinSize: "1"
      MaxSize: "1"
      AvailabilityZones: [!Select [0, !GetAZs ""]]
"""


def test_a_create_cut_short_by_a_kill_is_rolled_back_after_restart(new_region):
    region = new_region()
    cfn = region.client("cloudformation")
    stack_id = cfn.create_stack(StackName="restart", TemplateBody=STUCK)["StackId"]

    def group_exists_and_waits():
        rs = {r["LogicalResourceId"]: r for r in cfn.describe_stack_resources(StackName="restart")["StackResources"]}
        g = rs.get("Group")
        return g and g["ResourceStatus"] == "CREATE_IN_PROGRESS" and g.get("PhysicalResourceId") == "never-in-service"

    # The group exists but never gets an instance in service (its image does not exist).
    hg.wait_until(group_exists_and_waits, timeout=30, what="the group to be created and waited on")
    asg = region.client("autoscaling")
    assert asg.describe_auto_scaling_groups(AutoScalingGroupNames=["never-in-service"])["AutoScalingGroups"]
    region.kill9()
    region.start()
    cfn = region.client("cloudformation")
    asg = region.client("autoscaling")
    hg.wait_until(lambda: cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"] == "ROLLBACK_COMPLETE",
                  timeout=60, interval=0.2, what="the interrupted create to roll back")
    evs = events(cfn, stack_id)
    reasons = {(e["LogicalResourceId"], e["ResourceStatus"]): e.get("ResourceStatusReason") for e in evs}
    assert reasons[("Group", "CREATE_FAILED")] == "Resource creation was interrupted by a restart of the region"
    assert reasons[("restart", "ROLLBACK_IN_PROGRESS")] == (
        "The region restarted while the stack was being created. Rollback requested by user.")
    # What the stack had made is gone, as the services report it.
    assert asg.describe_auto_scaling_groups(AutoScalingGroupNames=["never-in-service"])["AutoScalingGroups"] == []
    assert not any(a.endswith(":restart-topic") for a in topic_arns(region))
    template_id = cfn.describe_stack_resource(StackName=stack_id, LogicalResourceId="Template")[
        "StackResourceDetail"]["PhysicalResourceId"]
    templates = region.client("ec2").describe_launch_templates()["LaunchTemplates"]
    assert template_id not in [t["LaunchTemplateId"] for t in templates]


UPDATABLE = """\
Parameters:
  Port:
    Type: Number
    Default: 80
Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: DISPLAY
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: DESCRIPTION
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: !Ref Port, ToPort: !Ref Port, CidrIp: 0.0.0.0/0 }
EXTRA
Outputs:
  GroupId:
    Value: !GetAtt Web.GroupId
  Port:
    Value: !Sub "port ${Port}"
"""


def updatable(display="v1", description="web", extra=""):
    return UPDATABLE.replace("DISPLAY", display).replace("DESCRIPTION", description).replace("EXTRA\n", extra)


def test_updates_in_place_replace_add_remove_and_roll_back(region):
    cfn = region.client("cloudformation")
    sns, ec2 = region.client("sns"), region.client("ec2")
    wait = {"WaiterConfig": {"Delay": 1, "MaxAttempts": 60}}
    stack_id = cfn.create_stack(StackName="upd", TemplateBody=updatable())["StackId"]
    cfn.get_waiter("stack_create_complete").wait(StackName="upd", **wait)

    def state():
        s = cfn.describe_stacks(StackName="upd")["Stacks"][0]
        res = {r["LogicalResourceId"]: r for r in cfn.describe_stack_resources(StackName="upd")["StackResources"]}
        return s, {o["OutputKey"]: o["OutputValue"] for o in s["Outputs"]}, res

    def ports(group_id):
        sg = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
        return sorted(p["FromPort"] for p in sg["IpPermissions"])

    _, outs, res = state()
    group, topic = outs["GroupId"], res["Alerts"]["PhysicalResourceId"]
    assert ports(group) == [80]

    # Nothing changed: AWS's answer.
    code, msg, _ = hg.expect_client_error(cfn.update_stack, StackName="upd", UsePreviousTemplate=True,
                                          Parameters=[{"ParameterKey": "Port", "UsePreviousValue": True}])
    assert (code, msg) == ("ValidationError", "No updates are to be performed.")

    # A parameter change: the group's rules are updated in place (same group).
    cfn.update_stack(StackName="upd", UsePreviousTemplate=True, Parameters=[{"ParameterKey": "Port", "ParameterValue": "443"}])
    cfn.get_waiter("stack_update_complete").wait(StackName="upd", **wait)
    s, outs, res = state()
    assert s["StackStatus"] == "UPDATE_COMPLETE" and "LastUpdatedTime" in s
    assert outs == {"GroupId": group, "Port": "port 443"}
    assert ports(group) == [443]

    # A new resource, an in-place topic change, and a replacement (a group's description).
    extra = "  Extra:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: extra\n"
    cfn.update_stack(StackName="upd", TemplateBody=updatable("v2", "web two", extra),
                     Parameters=[{"ParameterKey": "Port", "UsePreviousValue": True}])
    cfn.get_waiter("stack_update_complete").wait(StackName="upd", **wait)
    s, outs, res = state()
    new_group = outs["GroupId"]
    assert new_group != group and res["Web"]["PhysicalResourceId"] == new_group
    assert group not in group_ids(region)
    assert ec2.describe_security_groups(GroupIds=[new_group])["SecurityGroups"][0]["Description"] == "web two"
    assert res["Alerts"]["PhysicalResourceId"] == topic
    assert sns.get_topic_attributes(TopicArn=topic)["Attributes"]["DisplayName"] == "v2"
    extra_topic = res["Extra"]["PhysicalResourceId"]
    assert extra_topic in topic_arns(region)
    reasons = [e.get("ResourceStatusReason") for e in events(cfn, stack_id) if e["LogicalResourceId"] == "Web"]
    assert "Requested update requires the creation of a new physical resource; hence creating one." in reasons
    after_v2 = cfn.get_template(StackName="upd")["TemplateBody"]

    # A failing update rolls every change back.
    db = "  Db:\n    Type: AWS::DynamoDB::Table\n    DependsOn: Alerts\n    Properties:\n      TableName: kg-table\n"
    cfn.update_stack(StackName="upd", TemplateBody=updatable("v3", "web two", extra + db),
                     Parameters=[{"ParameterKey": "Port", "ParameterValue": "8080"}])
    with pytest.raises(Exception):
        cfn.get_waiter("stack_update_complete").wait(StackName="upd", **wait)
    s, outs, res = state()
    assert s["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE"
    assert outs == {"GroupId": new_group, "Port": "port 443"}
    assert ports(new_group) == [443]
    assert sns.get_topic_attributes(TopicArn=topic)["Attributes"]["DisplayName"] == "v2"
    assert "Db" not in res
    assert cfn.get_template(StackName="upd")["TemplateBody"] == after_v2
    stack_events = [(e["ResourceStatus"], e.get("ResourceStatusReason")) for e in events(cfn, stack_id)
                    if e["LogicalResourceId"] == "upd"]
    assert stack_events[0] == ("UPDATE_ROLLBACK_COMPLETE", None)
    assert ("UPDATE_ROLLBACK_IN_PROGRESS", "The following resource(s) failed to update: [Db]. ") in stack_events

    # A resource left out of the template is deleted.
    cfn.update_stack(StackName="upd", TemplateBody=updatable("v2", "web two"),
                     Parameters=[{"ParameterKey": "Port", "UsePreviousValue": True}])
    cfn.get_waiter("stack_update_complete").wait(StackName="upd", **wait)
    _, _, res = state()
    assert set(res) == {"Alerts", "Web"}
    assert extra_topic not in topic_arns(region)

    cfn.delete_stack(StackName="upd")
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, **wait)
    assert topic not in topic_arns(region) and new_group not in group_ids(region)


def test_delete_stack_during_create_cancels_it_and_deletes_what_was_made(region):
    cfn = region.client("cloudformation")
    stuck = STUCK.replace("restart-topic", "cancelled-topic").replace("never-in-service", "cancelled-group")
    stack_id = cfn.create_stack(StackName="cancelled", TemplateBody=stuck)["StackId"]

    def waiting_on_group():
        rs = {r["LogicalResourceId"]: r for r in cfn.describe_stack_resources(StackName="cancelled")["StackResources"]}
        g = rs.get("Group")
        return g and g["ResourceStatus"] == "CREATE_IN_PROGRESS" and g.get("PhysicalResourceId") == "cancelled-group"

    hg.wait_until(waiting_on_group, timeout=30, what="the group to be created and waited on")
    cfn.delete_stack(StackName="cancelled")
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    evs = events(cfn, stack_id)
    reasons = {(e["LogicalResourceId"], e["ResourceStatus"]): e.get("ResourceStatusReason") for e in evs}
    assert reasons[("Group", "CREATE_FAILED")] == "Resource creation cancelled"
    assert ("Group", "DELETE_COMPLETE") in reasons and ("Topic", "DELETE_COMPLETE") in reasons
    asg = region.client("autoscaling")
    assert asg.describe_auto_scaling_groups(AutoScalingGroupNames=["cancelled-group"])["AutoScalingGroups"] == []
    assert not any(a.endswith(":cancelled-topic") for a in topic_arns(region))


MORE_TYPES = """\
Parameters:
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
  ImageId:
    Type: AWS::EC2::Image::Id
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: cfn-app-role
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: "2012-10-17"
            Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "*" }]
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref Role]
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref Role]
      PolicyDocument:
        Version: "2012-10-17"
        Statement: [{ Effect: Allow, Action: "sns:Publish", Resource: "*" }]
  Operators:
    Type: AWS::IAM::Group
  Operator:
    Type: AWS::IAM::User
  Membership:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: !Ref Operators
      Users: [!Ref Operator]
  OperatorPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: operate
      Users: [!Ref Operator]
      PolicyDocument:
        Version: "2012-10-17"
        Statement: [{ Effect: Allow, Action: "ec2:Describe*", Resource: "*" }]
  Key:
    Type: AWS::EC2::KeyPair
    Properties:
      KeyName: cfn-key
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
  Http:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Web.GroupId
      IpProtocol: tcp
      FromPort: 8080
      ToPort: 8080
      CidrIp: 10.0.0.0/8
  Disk:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: !Select [0, !GetAZs ""]
      Size: 1
  Config:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: !Ref ImageId
      InstanceType: t2.micro
      KeyName: !Ref Key
      SecurityGroups: [!Ref Web]
  ImageParameter:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /kgsports/web/image
      Type: String
      Value: !Ref ImageId
  Balancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: !Ref Subnets
  Targets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: 80
      Protocol: HTTP
      VpcId: !GetAtt Web.VpcId
  Front:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Balancer
      Port: 8081
      Protocol: HTTP
      DefaultActions:
        - Type: fixed-response
          FixedResponseConfig: { StatusCode: "404", ContentType: text/plain, MessageBody: nothing here }
  Streams:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: network
      Subnets: !Ref Subnets
  StreamTargets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: 9000
      Protocol: TCP
      VpcId: !GetAtt Web.VpcId
  Stream:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Streams
      Port: 9000
      Protocol: TCP
      DefaultActions:
        - { Type: forward, TargetGroupArn: !Ref StreamTargets }
      ListenerAttributes:
        - { Key: tcp.idle_timeout.seconds, Value: "120" }
  Api:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Front
      Priority: 10
      Conditions:
        - { Field: path-pattern, PathPatternConfig: { Values: ["/api/*"] } }
      Actions:
        - { Type: forward, TargetGroupArn: !Ref Targets }
Outputs:
  ProfileArn:
    Value: !GetAtt Profile.Arn
  KeyId:
    Value: !GetAtt Key.KeyPairId
  Url:
    Value: !Sub "http://${Balancer.DNSName}:8081/"
"""


def test_iam_keys_rules_volumes_launch_configurations_and_listener_rules(region, tmp_path):
    ec2, iam = region.client("ec2"), region.client("iam")
    ami = ec2.register_image(Name="cfn-types", ImageLocation=str(hg.kg_ami_bundle(tmp_path / "ami")))["ImageId"]
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]][:2]
    cfn = region.client("cloudformation")
    params = [{"ParameterKey": "Subnets", "ParameterValue": ",".join(subnets)}, {"ParameterKey": "ImageId", "ParameterValue": ami}]
    stack_id = cfn.create_stack(StackName="types", TemplateBody=MORE_TYPES, Parameters=params,
                                Capabilities=["CAPABILITY_NAMED_IAM"])["StackId"]
    try:
        cfn.get_waiter("stack_create_complete").wait(StackName="types", WaiterConfig={"Delay": 1, "MaxAttempts": 240})
    except Exception:
        failed = [(e["LogicalResourceId"], e.get("ResourceStatusReason")) for e in events(cfn, stack_id)
                  if e["ResourceStatus"].endswith("FAILED")]
        waiting = [r["LogicalResourceId"] for r in cfn.describe_stack_resources(StackName=stack_id)["StackResources"]
                   if r["ResourceStatus"].endswith("IN_PROGRESS")]
        pytest.fail(f"the stack did not complete: failed {failed}, still in progress {waiting}", pytrace=False)
    res = {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in cfn.describe_stack_resources(StackName="types")["StackResources"]}
    outs = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName="types")["Stacks"][0]["Outputs"]}

    profile = iam.get_instance_profile(InstanceProfileName=res["Profile"])["InstanceProfile"]
    assert profile["Arn"] == outs["ProfileArn"] and [r["RoleName"] for r in profile["Roles"]] == ["cfn-app-role"]
    assert iam.list_role_policies(RoleName="cfn-app-role")["PolicyNames"] == ["read"]
    attached = [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName="cfn-app-role")["AttachedPolicies"]]
    assert attached == [res["Managed"]]
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName=res["Operator"])["Groups"]] == [res["Operators"]]
    assert iam.list_user_policies(UserName=res["Operator"])["PolicyNames"] == ["operate"]
    key = ec2.describe_key_pairs(KeyNames=["cfn-key"])["KeyPairs"][0]
    assert key["KeyPairId"] == outs["KeyId"]
    sg = ec2.describe_security_groups(GroupIds=[res["Web"]])["SecurityGroups"][0]
    assert [p["FromPort"] for p in sg["IpPermissions"]] == [8080]
    assert ec2.describe_volumes(VolumeIds=[res["Disk"]])["Volumes"][0]["State"] == "available"
    lc = region.client("autoscaling").describe_launch_configurations(LaunchConfigurationNames=[res["Config"]])
    assert lc["LaunchConfigurations"][0]["ImageId"] == ami
    ssm = region.client("ssm")
    assert ssm.get_parameter(Name="/kgsports/web/image")["Parameter"]["Value"] == ami
    rules = region.client("elbv2").describe_rules(ListenerArn=res["Front"])["Rules"]
    assert [r["RuleArn"] for r in rules if not r["IsDefault"]] == [res["Api"]]
    with pytest.raises(urllib.error.HTTPError) as not_found:
        urllib.request.urlopen(outs["Url"], timeout=5)
    assert not_found.value.code == 404 and not_found.value.read() == b"nothing here"
    # ListenerAttributes reach the listener.
    got = region.client("elbv2").describe_listener_attributes(ListenerArn=res["Stream"])["Attributes"]
    assert {"Key": "tcp.idle_timeout.seconds", "Value": "120"} in got, got

    cfn.delete_stack(StackName="types")
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    for call, kwargs in [(iam.get_role, {"RoleName": "cfn-app-role"}),
                         (iam.get_instance_profile, {"InstanceProfileName": res["Profile"]}),
                         (iam.get_user, {"UserName": res["Operator"]}), (iam.get_group, {"GroupName": res["Operators"]}),
                         (iam.get_policy, {"PolicyArn": res["Managed"]})]:
        assert hg.expect_client_error(call, **kwargs)[0] == "NoSuchEntity"
    assert hg.expect_client_error(ec2.describe_key_pairs, KeyNames=["cfn-key"])[0] == "InvalidKeyPair.NotFound"
    assert hg.expect_client_error(ec2.describe_volumes, VolumeIds=[res["Disk"]])[0] == "InvalidVolume.NotFound"
    assert region.client("elbv2").describe_load_balancers()["LoadBalancers"] == []
    assert hg.expect_client_error(ssm.get_parameter, Name="/kgsports/web/image")[0] == "ParameterNotFound"


def test_exports_are_imported_across_stacks_and_protected_while_in_use(region):
    cfn = region.client("cloudformation")
    wait = {"WaiterConfig": {"Delay": 1, "MaxAttempts": 60}}
    producer = ("Resources:\n  Net:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.70.0.0/16\n"
                "Outputs:\n  VpcId:\n    Value: !Ref Net\n    Export:\n      Name: !Sub '${AWS::StackName}-VpcId'\n")
    producer_id = cfn.create_stack(StackName="network", TemplateBody=producer)["StackId"]
    cfn.get_waiter("stack_create_complete").wait(StackName="network", **wait)
    vpc = cfn.describe_stacks(StackName="network")["Stacks"][0]["Outputs"][0]["OutputValue"]
    assert cfn.list_exports()["Exports"] == [{"ExportingStackId": producer_id, "Name": "network-VpcId", "Value": vpc}]
    code, msg, _ = hg.expect_client_error(cfn.list_imports, ExportName="network-VpcId")
    assert (code, msg) == ("ValidationError", "Export 'network-VpcId' is not imported by any stack.")

    consumer = ("Resources:\n  Group:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
                "      GroupDescription: in the shared network\n      VpcId: !ImportValue network-VpcId\n")
    cfn.create_stack(StackName="app", TemplateBody=consumer)
    cfn.get_waiter("stack_create_complete").wait(StackName="app", **wait)
    group = cfn.describe_stack_resource(StackName="app", LogicalResourceId="Group")["StackResourceDetail"]["PhysicalResourceId"]
    assert region.client("ec2").describe_security_groups(GroupIds=[group])["SecurityGroups"][0]["VpcId"] == vpc
    assert cfn.list_imports(ExportName="network-VpcId")["Imports"] == ["app"]

    # A second stack may not export the same name.
    clash = cfn.create_stack(StackName="network2", TemplateBody=producer.replace("${AWS::StackName}", "network")
                             .replace("10.70.", "10.71."))["StackId"]
    with pytest.raises(Exception):
        cfn.get_waiter("stack_create_complete").wait(StackName="network2", **wait)
    reason = [e for e in events(cfn, clash) if e["ResourceStatus"] == "ROLLBACK_IN_PROGRESS"][0]["ResourceStatusReason"]
    assert "Export with name network-VpcId is already exported by stack network" in reason

    # The exporting stack cannot be deleted while its export is in use.
    cfn.delete_stack(StackName="network")
    hg.wait_until(lambda: cfn.describe_stacks(StackName="network")["Stacks"][0]["StackStatus"] == "DELETE_FAILED",
                  timeout=10, what="the delete to be refused")
    assert cfn.describe_stacks(StackName="network")["Stacks"][0]["StackStatusReason"] == (
        "Export network-VpcId cannot be deleted as it is in use by app")
    cfn.delete_stack(StackName="app")
    cfn.get_waiter("stack_delete_complete").wait(StackName="app", **wait)
    cfn.delete_stack(StackName="network")
    cfn.get_waiter("stack_delete_complete").wait(StackName=producer_id, **wait)
    assert cfn.list_exports()["Exports"] == []
    orphan = cfn.create_stack(StackName="orphan", TemplateBody=consumer)["StackId"]
    with pytest.raises(Exception):
        cfn.get_waiter("stack_create_complete").wait(StackName="orphan", **wait)
    failed = [e for e in events(cfn, orphan) if e["ResourceStatus"] == "CREATE_FAILED"]
    assert failed[0]["ResourceStatusReason"] == "No export named network-VpcId found."


def test_stack_tags_reach_the_resources_and_termination_protection_holds(region, tmp_path):
    cfn = region.client("cloudformation")
    body = tmp_path / "tagged.yaml"
    body.write_text("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: tagged\n"
                    "  Group:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: tagged\n"
                    "      Tags: [{ Key: team, Value: web }]\n")
    region.aws("cloudformation", "create-stack", "--stack-name", "tagged", "--template-body", f"file://{body}",
               "--tags", "Key=project,Value=kgsports", "Key=team,Value=platform", "--enable-termination-protection")
    cfn.get_waiter("stack_create_complete").wait(StackName="tagged", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    stack = cfn.describe_stacks(StackName="tagged")["Stacks"][0]
    assert stack["EnableTerminationProtection"] is True
    assert {t["Key"]: t["Value"] for t in stack["Tags"]} == {"project": "kgsports", "team": "platform"}
    res = {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in cfn.describe_stack_resources(StackName="tagged")["StackResources"]}
    # (SNS keeps no tags yet; EC2 shows the stack's tags on what the stack made.)
    sg = region.client("ec2").describe_security_groups(GroupIds=[res["Group"]])["SecurityGroups"][0]
    assert {t["Key"]: t["Value"] for t in sg["Tags"]} == {"project": "kgsports", "team": "web"}

    code, msg = hg.cli_error(region.aws_fail("cloudformation", "delete-stack", "--stack-name", "tagged")[1])
    assert (code, msg) == ("ValidationError", "Stack [tagged] cannot be deleted while TerminationProtection is enabled")
    region.aws("cloudformation", "update-termination-protection", "--stack-name", "tagged",
               "--no-enable-termination-protection")
    cfn.delete_stack(StackName="tagged")
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack["StackId"], WaiterConfig={"Delay": 1, "MaxAttempts": 30})


def test_dynamic_references_read_ssm_and_secrets_manager_as_the_caller(region):
    region.client("secretsmanager").create_secret(Name="app-db", SecretString='{"username": "admin", "port": 3306}')
    region.client("ssm").put_parameter(Name="/app/display", Value="Shown", Type="String")
    cfn = region.client("cloudformation")
    body = ("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n"
            "      DisplayName: '{{resolve:ssm:/app/display}}'\n"
            "  Copy:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Name: /app/db-user\n      Type: String\n"
            "      Value: 'user {{resolve:secretsmanager:app-db:SecretString:username}} on {{resolve:secretsmanager:app-db:SecretString:port}}'\n")
    stack_id = cfn.create_stack(StackName="dynamic", TemplateBody=body)["StackId"]
    cfn.get_waiter("stack_create_complete").wait(StackName="dynamic", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    topic = cfn.describe_stack_resource(StackName="dynamic", LogicalResourceId="Topic")["StackResourceDetail"]["PhysicalResourceId"]
    assert region.client("sns").get_topic_attributes(TopicArn=topic)["Attributes"]["DisplayName"] == "Shown"
    assert region.client("ssm").get_parameter(Name="/app/db-user")["Parameter"]["Value"] == "user admin on 3306"
    # The template keeps the references, not the values.
    assert "{{resolve:secretsmanager:app-db:SecretString:username}}" in cfn.get_template(StackName="dynamic")["TemplateBody"]
    cfn.delete_stack(StackName="dynamic")
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 30})

    missing = cfn.create_stack(StackName="dynamic-missing", TemplateBody=body.replace("app-db", "no-such-secret"))["StackId"]
    with pytest.raises(Exception):
        cfn.get_waiter("stack_create_complete").wait(StackName="dynamic-missing", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    failed = [e for e in events(cfn, missing) if e["ResourceStatus"] == "CREATE_FAILED"]
    assert [e["LogicalResourceId"] for e in failed] == ["Copy"]
    assert "ResourceNotFoundException" in failed[0]["ResourceStatusReason"]


def test_ssm_parameter_types_are_read_from_parameter_store(region):
    region.client("ssm").put_parameter(Name="/app/topic-name", Value="from-parameter-store", Type="String")
    cfn = region.client("cloudformation")
    body = ("Parameters:\n  TopicName:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /app/topic-name\n"
            "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref TopicName\n"
            "Outputs:\n  Arn:\n    Value: !Ref Topic\n")
    stack_id = cfn.create_stack(StackName="ssm-typed", TemplateBody=body)["StackId"]
    cfn.get_waiter("stack_create_complete").wait(StackName="ssm-typed", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    stack = cfn.describe_stacks(StackName="ssm-typed")["Stacks"][0]
    assert stack["Outputs"][0]["OutputValue"].endswith(":from-parameter-store")
    assert stack["Parameters"] == [{"ParameterKey": "TopicName", "ParameterValue": "/app/topic-name"}]
    cfn.delete_stack(StackName="ssm-typed")
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 30})

    missing = cfn.create_stack(StackName="ssm-missing", TemplateBody=body,
                               Parameters=[{"ParameterKey": "TopicName", "ParameterValue": "/nope"}])["StackId"]
    with pytest.raises(Exception):
        cfn.get_waiter("stack_create_complete").wait(StackName="ssm-missing", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    stack = cfn.describe_stacks(StackName=missing)["Stacks"][0]
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    reason = [e for e in events(cfn, missing) if e["ResourceStatus"] == "ROLLBACK_IN_PROGRESS"][0]["ResourceStatusReason"]
    assert reason.startswith("Unable to fetch parameters [/nope] from parameter store for this account.")


def _mariadb_under(data_dir: Path) -> list[int]:
    """Database server processes whose command line names a directory of this region."""
    out = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            cmd = (p / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "mariadbd" in cmd and str(data_dir) in cmd:
            out.append(int(p.name))
    return out
