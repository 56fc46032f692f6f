"""CloudFormation's UpdatePolicy on Auto Scaling groups through boto3: an
AutoScalingRollingUpdate replaces the group's KG-Ami instances in batches behind a real load
balancer without a failed request, a rolling update waiting on signals that never come rolls
the stack back, and an AutoScalingReplacingUpdate replaces the whole group."""

from __future__ import annotations

import threading
import urllib.request

import pytest

import hg
from test_cfn_signals import reasons, resource, wait_status

STACK = """\
Parameters:
  ImageId:
    Type: String
  InstanceType:
    Type: String
    Default: t3.micro
  Replace:
    Type: String
    Default: "false"
  Signals:
    Type: String
    Default: "false"
  Pause:
    Type: String
    Default: PT0S
  Signal:
    Type: String
    Default: "true"
    Description: what the instances run at boot (cfn-signal to signal the group, true not to)
Resources:
  SignalRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: signal
          PolicyDocument:
            Version: "2012-10-17"
            Statement: [{Effect: Allow, Action: cloudformation:SignalResource, Resource: "*"}]
  SignalProfile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref SignalRole]
  VPC:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 31.0.0.0/16
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: 31.0.1.0/24
      AvailabilityZone: !Select [0, !GetAZs ""]
      MapPublicIpOnLaunch: true
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: 31.0.2.0/24
      AvailabilityZone: !Select [1, !GetAZs ""]
      MapPublicIpOnLaunch: true
  Gateway:
    Type: AWS::EC2::InternetGateway
  Attachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref VPC
      InternetGatewayId: !Ref Gateway
  Routes:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref VPC
  DefaultRoute:
    Type: AWS::EC2::Route
    DependsOn: Attachment
    Properties:
      RouteTableId: !Ref Routes
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Gateway
  RoutesA:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref SubnetA
      RouteTableId: !Ref Routes
  RoutesB:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref SubnetB
      RouteTableId: !Ref Routes
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: HTTP
      VpcId: !Ref VPC
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0 }
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: !Ref ImageId
        InstanceType: !Ref InstanceType
        SecurityGroupIds: [!Ref Web]
        IamInstanceProfile:
          Arn: !GetAtt SignalProfile.Arn
        UserData:
          Fn::Base64: !Sub |
            #!/bin/sh
            ${Signal} -e 0 --stack ${AWS::StackName} --resource Group --region ${AWS::Region}
  Balancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Subnets: [!Ref SubnetA, !Ref SubnetB]
      SecurityGroups: [!Ref Web]
  Targets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      VpcId: !Ref VPC
      Protocol: HTTP
      Port: 80
      HealthCheckPath: /health
      HealthCheckIntervalSeconds: 5
      HealthyThresholdCount: 2
      UnhealthyThresholdCount: 2
      TargetGroupAttributes:
        - { Key: deregistration_delay.timeout_seconds, Value: "5" }
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Balancer
      Protocol: HTTP
      Port: 80
      DefaultActions:
        - { Type: forward, TargetGroupArn: !Ref Targets }
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    DependsOn: [DefaultRoute, RoutesA, RoutesB]
    UpdatePolicy:
      AutoScalingReplacingUpdate:
        WillReplace: !Ref Replace
      AutoScalingRollingUpdate:
        MaxBatchSize: 1
        MinInstancesInService: 2
        PauseTime: !Ref Pause
        WaitOnResourceSignals: !Ref Signals
        SuspendProcesses: [AlarmNotification, ScheduledActions]
    Properties:
      LaunchTemplate:
        LaunchTemplateId: !Ref Template
        Version: !GetAtt Template.LatestVersionNumber
      MinSize: "2"
      MaxSize: "4"
      DesiredCapacity: "2"
      VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]
      TargetGroupARNs: [!Ref Targets]
      HealthCheckType: ELB
      HealthCheckGracePeriod: 30
Outputs:
  URL:
    Value: !Sub http://${Balancer.DNSName}/
"""


@pytest.fixture(scope="module")
def image(region, tmp_path_factory):
    ec2 = region.client("ec2")
    return ec2.register_image(Name="KG-Ami", ImageLocation=str(hg.kg_ami_bundle(tmp_path_factory.mktemp("ami"))))[
        "ImageId"]


def params(image, **kw):
    values = {"ImageId": image, **kw}
    return [{"ParameterKey": k, "ParameterValue": v} for k, v in values.items()]


def members(region, name):
    groups = region.client("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=[name])["AutoScalingGroups"]
    return groups[0] if groups else None


class Traffic:
    """A client GETting through the load balancer continuously; every failure is kept."""

    def __init__(self, url):
        self.url, self.ok, self.failures = url, 0, []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop.is_set():
            try:
                with urllib.request.urlopen(self.url, timeout=10) as r:
                    if r.status == 200:
                        self.ok += 1
                    else:
                        self.failures.append(r.status)
            except Exception as e:  # noqa: BLE001 - every failed request counts
                self.failures.append(repr(e))
            self.stop.wait(0.05)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=30)


def create(region, image, name, **kw):
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName=name, TemplateBody=STACK, Capabilities=["CAPABILITY_IAM"],
                     Parameters=params(image, **kw))
    wait_status(cfn, name, "CREATE_COMPLETE", timeout=300)
    out = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName=name)["Stacks"][0]["Outputs"]}
    group = resource(cfn, name, "Group")["PhysicalResourceId"]
    hg.wait_until(lambda: urllib.request.urlopen(out["URL"], timeout=5).status == 200, timeout=60, interval=0.25,
                  what="the site through the load balancer")
    return cfn, out["URL"], group


def test_a_rolling_update_replaces_every_instance_behind_the_load_balancer_without_a_failed_request(region, image):
    cfn, url, name = create(region, image, "rolling")
    old = {i["InstanceId"] for i in members(region, name)["Instances"]}
    assert len(old) == 2
    with Traffic(url) as traffic:
        cfn.update_stack(StackName="rolling", TemplateBody=STACK, Capabilities=["CAPABILITY_IAM"],
                         Parameters=params(image, InstanceType="t3.small"))
        wait_status(cfn, "rolling", "UPDATE_COMPLETE", timeout=600)
    assert traffic.failures == [], traffic.failures
    assert traffic.ok > 10
    group = members(region, name)
    assert (group["MinSize"], group["MaxSize"], group["DesiredCapacity"]) == (2, 4, 2)
    assert group["SuspendedProcesses"] == []
    now = {i["InstanceId"]: i for i in group["Instances"]}
    assert len(now) == 2 and not set(now) & old
    assert all(i["LifecycleState"] == "InService" and i["LaunchTemplate"]["Version"] == "2" for i in now.values())
    reservations = region.client("ec2").describe_instances(InstanceIds=list(now))["Reservations"]
    assert {i["InstanceType"] for r in reservations for i in r["Instances"]} == {"t3.small"}
    said = [r for r in reasons(cfn, "rolling", "Group", "UPDATE_IN_PROGRESS") if r][::-1]
    assert ("Rolling update initiated. Terminating 2 obsolete instance(s) in batches of 1, while keeping at least 2 "
            "instance(s) in service.") in said
    assert "Temporarily setting autoscaling group MinSize and DesiredCapacity to 3." in said
    terminated = [r for r in said if r.startswith("Terminating instance(s)")]
    assert len(terminated) == 2 and terminated[-1].endswith("; replacing with 0 new instance(s).")
    assert [r for r in said if r.startswith("Successfully terminated")][-1].endswith("(Progress 100%).")
    assert set(" ".join(terminated).replace("[", " ").replace("]", " ").replace(";", " ").split()) >= old
    cfn.delete_stack(StackName="rolling")
    wait_status(cfn, "rolling", "DELETE_COMPLETE", timeout=300)


def test_a_rolling_update_waits_for_the_new_instances_signals(region, image):
    cfn, url, name = create(region, image, "signalled", Signals="true", Pause="PT2M")
    old = {i["InstanceId"] for i in members(region, name)["Instances"]}
    with Traffic(url) as traffic:
        cfn.update_stack(StackName="signalled", TemplateBody=STACK, Capabilities=["CAPABILITY_IAM"],
                         Parameters=params(image, InstanceType="t3.small", Signals="true", Pause="PT2M",
                                           Signal="cfn-signal"))
        wait_status(cfn, "signalled", "UPDATE_COMPLETE", timeout=600)
    assert traffic.failures == [], traffic.failures
    now = {i["InstanceId"] for i in members(region, name)["Instances"]}
    assert len(now) == 2 and not now & old
    said = [r for r in reasons(cfn, "signalled", "Group", "UPDATE_IN_PROGRESS") if r]
    assert ("Rolling update initiated. Terminating 2 obsolete instance(s) in batches of 1, while keeping at least 2 "
            "instance(s) in service. Waiting on resource signals with a timeout of PT2M when new instances are added "
            "to the autoscaling group.") in said
    assert "New instance(s) added to autoscaling group - Waiting on 1 resource signal(s) with a timeout of PT2M." in said
    received = {r.removeprefix("Received SUCCESS signal with UniqueId ") for r in said
                if r.startswith("Received SUCCESS signal with UniqueId ")}
    assert len(received) >= 2, said
    cfn.delete_stack(StackName="signalled")
    wait_status(cfn, "signalled", "DELETE_COMPLETE", timeout=300)


def test_a_rolling_update_waiting_on_signals_that_never_come_rolls_back(region, image):
    cfn, url, name = create(region, image, "unsignalled", Signals="true", Pause="PT15S")
    old = {i["InstanceId"] for i in members(region, name)["Instances"]}
    with Traffic(url) as traffic:
        cfn.update_stack(StackName="unsignalled", TemplateBody=STACK, Capabilities=["CAPABILITY_IAM"],
                         Parameters=params(image, InstanceType="t3.small", Signals="true", Pause="PT15S"))
        wait_status(cfn, "unsignalled", "UPDATE_ROLLBACK_COMPLETE", timeout=600)
    assert traffic.failures == [], traffic.failures
    failed = reasons(cfn, "unsignalled", "Group", "UPDATE_FAILED")
    assert failed == ["Failed to receive 1 resource signal(s) within the specified duration"], failed
    said = [r for r in reasons(cfn, "unsignalled", "Group", "UPDATE_IN_PROGRESS") if r]
    assert any(r.endswith("Waiting on resource signals with a timeout of PT15S when new instances are added to the "
                          "autoscaling group.") for r in said), said
    group = members(region, name)
    assert group["DesiredCapacity"] == 2 and group["LaunchTemplate"]["Version"] == "1"
    # The rollback rolled the instances back too: every one runs the old template.
    now = [i for i in group["Instances"] if i["LifecycleState"] == "InService"]
    assert len(now) == 2 and not {i["InstanceId"] for i in now} & old
    reservations = region.client("ec2").describe_instances(InstanceIds=[i["InstanceId"] for i in now])["Reservations"]
    assert {i["InstanceType"] for r in reservations for i in r["Instances"]} == {"t3.micro"}
    cfn.delete_stack(StackName="unsignalled")
    wait_status(cfn, "unsignalled", "DELETE_COMPLETE", timeout=300)


def test_a_replacing_update_makes_a_new_group_and_deletes_the_old(region, image):
    cfn, url, name = create(region, image, "replacing", Replace="true")
    cfn.update_stack(StackName="replacing", TemplateBody=STACK, Capabilities=["CAPABILITY_IAM"],
                     Parameters=params(image, InstanceType="t3.small", Replace="true"))
    wait_status(cfn, "replacing", "UPDATE_COMPLETE", timeout=600)
    new = resource(cfn, "replacing", "Group")["PhysicalResourceId"]
    assert new != name
    assert members(region, name) is None
    group = members(region, new)
    reservations = region.client("ec2").describe_instances(
        InstanceIds=[i["InstanceId"] for i in group["Instances"]])["Reservations"]
    assert {i["InstanceType"] for r in reservations for i in r["Instances"]} == {"t3.small"}
    assert ("Requested update requires the creation of a new physical resource; hence creating one."
            in reasons(cfn, "replacing", "Group", "UPDATE_IN_PROGRESS"))
    assert urllib.request.urlopen(url, timeout=10).status == 200
    cfn.delete_stack(StackName="replacing")
    wait_status(cfn, "replacing", "DELETE_COMPLETE", timeout=300)


def raised(region, cfn, stack, name):
    """Wait until the rolling update has raised the group's sizes and suspended its processes."""
    hg.wait_until(lambda: "Temporarily setting autoscaling group MinSize and DesiredCapacity to 3."
                  in reasons(cfn, stack, "Group", "UPDATE_IN_PROGRESS"), timeout=120, interval=0.25,
                  what="the rolling update to raise the group's sizes")
    hg.wait_until(lambda: members(region, name)["DesiredCapacity"] == 3, timeout=30, interval=0.1,
                  what="the group's desired capacity raised")
    group = members(region, name)
    assert {p["ProcessName"] for p in group["SuspendedProcesses"]} == {"AlarmNotification", "ScheduledActions"}


def rolled_back(region, cfn, stack, name, old):
    """The group as it was before the update: sizes, processes, template; new instances of it."""
    group = members(region, name)
    assert (group["MinSize"], group["MaxSize"], group["DesiredCapacity"]) == (2, 4, 2)
    assert group["SuspendedProcesses"] == []
    assert group["LaunchTemplate"]["Version"] == "1"
    now = [i for i in group["Instances"] if i["LifecycleState"] == "InService"]
    assert len(now) == 2
    reservations = region.client("ec2").describe_instances(InstanceIds=[i["InstanceId"] for i in now])["Reservations"]
    assert {i["InstanceType"] for r in reservations for i in r["Instances"]} == {"t3.micro"}


def test_cancel_update_stack_stops_a_rolling_update_between_batches(region, image):
    cfn, url, name = create(region, image, "cancelled")
    old = {i["InstanceId"] for i in members(region, name)["Instances"]}
    cfn.update_stack(StackName="cancelled", TemplateBody=STACK, Capabilities=["CAPABILITY_IAM"],
                     Parameters=params(image, InstanceType="t3.small"))
    raised(region, cfn, "cancelled", name)
    cfn.cancel_update_stack(StackName="cancelled")
    wait_status(cfn, "cancelled", "UPDATE_ROLLBACK_COMPLETE", timeout=600)
    assert reasons(cfn, "cancelled", "Group", "UPDATE_FAILED") == ["Resource update cancelled"]
    # Cancelled while its first new instance came in service: no batch was terminated before the
    # group's update failed (what the rollback's own roll did comes after).
    events = [(e["ResourceStatus"], e.get("ResourceStatusReason") or "")
              for e in cfn.describe_stack_events(StackName="cancelled")["StackEvents"][::-1]
              if e["LogicalResourceId"] == "Group"]
    before = events[:events.index(("UPDATE_FAILED", "Resource update cancelled"))]
    assert not any(r.startswith("Terminating instance(s)") for _, r in before), before
    rolled_back(region, cfn, "cancelled", name, old)
    cfn.delete_stack(StackName="cancelled")
    wait_status(cfn, "cancelled", "DELETE_COMPLETE", timeout=300)


def test_a_rolling_update_interrupted_by_a_daemon_kill_rolls_back_and_restores_the_group(new_region, tmp_path):
    region = new_region()
    image = region.client("ec2").register_image(Name="KG-Ami", ImageLocation=str(hg.kg_ami_bundle(tmp_path)))[
        "ImageId"]
    cfn, url, name = create(region, image, "killed")
    old = {i["InstanceId"] for i in members(region, name)["Instances"]}
    cfn.update_stack(StackName="killed", TemplateBody=STACK, Capabilities=["CAPABILITY_IAM"],
                     Parameters=params(image, InstanceType="t3.small"))
    raised(region, cfn, "killed", name)
    region.kill9()
    region.start()
    cfn = region.client("cloudformation")
    wait_status(cfn, "killed", "UPDATE_ROLLBACK_COMPLETE", timeout=600)
    assert reasons(cfn, "killed", "Group", "UPDATE_FAILED") == [
        "Resource update was interrupted by a restart of the region"]
    rolled_back(region, cfn, "killed", name, old)
    cfn.delete_stack(StackName="killed")
    wait_status(cfn, "killed", "DELETE_COMPLETE", timeout=300)


SCHEDULED = """\
Parameters:
  ImageId:
    Type: String
  Grace:
    Type: String
    Default: "30"
  Max:
    Type: String
    Default: "2"
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 32.0.0.0/16
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: 32.0.1.0/24
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: !Ref ImageId
        InstanceType: t3.micro
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    UpdatePolicy:
      AutoScalingScheduledAction:
        IgnoreUnmodifiedGroupSizeProperties: true
    Properties:
      LaunchTemplate:
        LaunchTemplateId: !Ref Template
        Version: !GetAtt Template.LatestVersionNumber
      MinSize: "0"
      MaxSize: !Ref Max
      DesiredCapacity: "0"
      HealthCheckGracePeriod: !Ref Grace
      VPCZoneIdentifier: [!Ref Subnet]
"""


def test_ignore_unmodified_group_size_properties_keeps_sizes_a_scheduled_action_set(region, image):
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="scheduled", TemplateBody=SCHEDULED, Parameters=params(image))
    wait_status(cfn, "scheduled", "CREATE_COMPLETE", timeout=120)
    name = resource(cfn, "scheduled", "Group")["PhysicalResourceId"]
    # What a scheduled action does to the group, out of the template's sight.
    region.client("autoscaling").update_auto_scaling_group(AutoScalingGroupName=name, MaxSize=5)
    cfn.update_stack(StackName="scheduled", TemplateBody=SCHEDULED, Parameters=params(image, Grace="60"))
    wait_status(cfn, "scheduled", "UPDATE_COMPLETE", timeout=120)
    group = members(region, name)
    assert (group["HealthCheckGracePeriod"], group["MinSize"], group["MaxSize"]) == (60, 0, 5)
    # A size the template changes is set.
    cfn.update_stack(StackName="scheduled", TemplateBody=SCHEDULED, Parameters=params(image, Grace="60", Max="3"))
    wait_status(cfn, "scheduled", "UPDATE_COMPLETE", timeout=120)
    assert members(region, name)["MaxSize"] == 3
    cfn.delete_stack(StackName="scheduled")
    wait_status(cfn, "scheduled", "DELETE_COMPLETE", timeout=300)
