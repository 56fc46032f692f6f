"""AWS's own sample templates (`shared/acceptance/cfn/`, unchanged) through `aws cloudformation
create-stack`: those the region can back come up and are deleted cleanly; the others roll back,
and this file lists which and why — the reason CloudFormation's events give must be the listed
one, never a silent success."""

from __future__ import annotations

import pytest

import hg

SAMPLES = hg.REPO_ROOT.parent / "shared" / "acceptance" / "cfn"

# Sample → (the outcome, and for a rollback what the failing resource's reason names).
EXPECTED = {
    # Groups whose instances run yum and cfn-init, then cfn-signal (CreationPolicy): images here
    # have neither, so the test sends the FAILURE signal in their place (see `settled`).
    "01_AutoScalingMultiAZWithNotifications.yaml": ("ROLLBACK_COMPLETE", ["FAILURE signal", "Certificate"]),
    "02_AutoScalingMultiAZWithNotifications_classicELB.yaml": ("ROLLBACK_COMPLETE",
                                                               ["FAILURE signal", "ami-", "UserIdGroupPairs"]),
    # 02 and 03 also admit the classic ELB's source security group by owner alias and name
    # (amazon-elb/amazon-elb-sg) in their web groups, which is not a group of this region's EC2.
    "03_ELBWithLockedDownAutoScaledInstances.yaml": ("ROLLBACK_COMPLETE", ["FAILURE signal", "UserIdGroupPairs"]),
    "04_AutoScalingRollingUpdates.yaml": ("ROLLBACK_COMPLETE", ["FAILURE signal", "ami-"]),
    "05_VPC_AutoScaling_and_ElasticLoadBalancer.json": ("ROLLBACK_COMPLETE", ["FAILURE signal", "ami-"]),
    # Network ACLs are not served until networks isolate (issue 20).
    "07_VPC_With_Managed_NAT_And_Private_Subnet.yaml": ("ROLLBACK_COMPLETE", ["AWS::EC2::NetworkAcl"]),
    # A MySQL primary with a generated password and its read replica: served.
    "08_RDS_MySQL_With_Read_Replica.yaml": ("CREATE_COMPLETE", []),
    # Its AllocatedStorage of 5 GiB (not a parameter) is below RDS's minimum for MySQL on gp2:
    # AWS refuses it the same way.
    "09_RDS_with_DBParameterGroup.yaml": ("ROLLBACK_COMPLETE", ["Invalid storage size for engine name mysql"]),
}


@pytest.fixture(scope="module")
def ready(region, tmp_path_factory):
    ec2 = region.client("ec2")
    ami = ec2.register_image(Name="al2023-ami-kernel-6.1-arm64",
                             ImageLocation=str(hg.kg_ami_bundle(tmp_path_factory.mktemp("ami"))))["ImageId"]
    ec2.create_key_pair(KeyName="kg-key")
    subnets = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"][:2]
    group = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]
    region.sample_params = {
        "OperatorEMail": "ops@kgsports.com", "KeyName": "kg-key", "KmsKeyArn": "none",
        "CertificateArn": f"arn:aws:iam::{region.account}:server-certificate/none",
        "SecurityGroups": group["GroupId"], "Subnets": ",".join(s["SubnetId"] for s in subnets),
        "AZs": ",".join(s["AvailabilityZone"] for s in subnets), "VPC": subnets[0]["VpcId"],
        "VpcId": subnets[0]["VpcId"], "DBUser": "admin",
        # The sample's default of 5 GiB is below RDS's minimum for MySQL on gp2 (20 GiB): AWS
        # refuses it too ("Invalid storage size for engine name mysql and storage type gp2: 5").
        "DBAllocatedStorage": "20",
    }
    region.ami = ami
    return region


def _parameters(cfn, body: str, params: dict) -> list[dict]:
    summary = cfn.get_template_summary(TemplateBody=body)
    out = []
    for p in summary.get("Parameters", []):
        if "DefaultValue" not in p or p["ParameterKey"] == "DBAllocatedStorage":
            out.append({"ParameterKey": p["ParameterKey"], "ParameterValue": params[p["ParameterKey"]]})
    return out


@pytest.mark.parametrize("sample", sorted(EXPECTED))
def test_aws_sample_templates(ready, sample):
    region = ready
    cfn = region.client("cloudformation")
    body = (SAMPLES / sample).read_text()
    name = "sample-" + sample.split("_")[0]
    stack_id = cfn.create_stack(StackName=name, TemplateBody=body, Parameters=_parameters(cfn, body, region.sample_params),
                                Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])["StackId"]

    def settled():
        s = cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"]
        if s == "CREATE_IN_PROGRESS":
            signal_failure_for_the_instances()
        return s if not s.endswith("IN_PROGRESS") else None

    def signal_failure_for_the_instances():
        """What `cfn-signal -e 1` from the group's instances would send, cfn-init having failed
        (rather than wait out the CreationPolicy's 15-minute timeout)."""
        group = [r for r in cfn.describe_stack_resources(StackName=stack_id)["StackResources"]
                 if r["LogicalResourceId"] == "WebServerGroup" and r["ResourceStatus"] == "CREATE_IN_PROGRESS"
                 and r.get("PhysicalResourceId")]
        if group:
            try:
                cfn.signal_resource(StackName=stack_id, LogicalResourceId="WebServerGroup",
                                    UniqueId=group[0]["PhysicalResourceId"], Status="FAILURE")
            except hg.ClientError as e:  # it failed or was cancelled meanwhile
                assert "can not be signaled" in str(e), e
    status = hg.wait_until(settled, timeout=240, interval=0.5, what=f"{sample} to settle")
    want, reasons = EXPECTED[sample]
    events = cfn.describe_stack_events(StackName=stack_id)["StackEvents"]
    failed = [e.get("ResourceStatusReason", "") for e in events if e["ResourceStatus"] == "CREATE_FAILED"
              and "cancelled" not in e.get("ResourceStatusReason", "")]
    assert status == want, (status, failed)
    if reasons:
        assert any(any(r in f for r in reasons) for f in failed), (reasons, failed)
    cfn.delete_stack(StackName=stack_id)
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 300})
    # Nothing of the stack is left running (a rolled-back stack's resources were deleted already).
    left = [i["InstanceId"] for r in region.client("ec2").describe_instances()["Reservations"] for i in r["Instances"]
            if i["State"]["Name"] not in ("terminated", "shutting-down")]
    assert left == [], left
    if sample.startswith("08"):
        # The replica's DeletionPolicy is Retain: it stays, and is the only database left.
        rds = region.client("rds")
        dbs = rds.describe_db_instances()["DBInstances"]
        # (its source gone, it stands alone).
        assert len(dbs) == 1 and "replicadb" in dbs[0]["DBInstanceIdentifier"], dbs
        ident = dbs[0]["DBInstanceIdentifier"]
        hg.wait_until(lambda: rds.describe_db_instances(DBInstanceIdentifier=ident)["DBInstances"][0][
            "DBInstanceStatus"] == "available", timeout=60, interval=0.3, what="the promoted replica available")
        rds.delete_db_instance(DBInstanceIdentifier=dbs[0]["DBInstanceIdentifier"], SkipFinalSnapshot=True)
        hg.wait_until(lambda: rds.describe_db_instances()["DBInstances"] == [], timeout=60, what="the replica gone")
