"""CloudFormation's resource signals through boto3: wait conditions signalled by an HTTP PUT to
the handle's presigned URL (no SigV4: the URL's own signature is the credential), their
timeouts and FAILURE signals rolling the stack back, and SignalResource completing an instance
whose CreationPolicy waits for signals. The waits survive a daemon kill."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

import hg

WAIT = """\
Parameters:
  Count:
    Type: Number
    Default: "2"
  Timeout:
    Type: Number
    Default: "600"
Resources:
  Handle:
    Type: AWS::CloudFormation::WaitConditionHandle
  Ready:
    Type: AWS::CloudFormation::WaitCondition
    Properties:
      Handle: !Ref Handle
      Count: !Ref Count
      Timeout: !Ref Timeout
  AfterReady:
    Type: AWS::SNS::Topic
    DependsOn: Ready
Outputs:
  Data:
    Value: !GetAtt Ready.Data
"""

INSTANCE = """\
Parameters:
  ImageId:
    Type: String
  Count:
    Type: Number
    Default: "1"
Resources:
  Web:
    Type: AWS::EC2::Instance
    CreationPolicy:
      ResourceSignal:
        Count: !Ref Count
        Timeout: PT10M
    Properties:
      ImageId: !Ref ImageId
      InstanceType: t3.micro
  Plain:
    Type: AWS::SNS::Topic
"""


def status(cfn, stack):
    """The stack's status; a deleted stack is found by name no more."""
    try:
        return cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
    except hg.ClientError as e:
        if "does not exist" in str(e):
            return "DELETE_COMPLETE"
        raise


def resource(cfn, stack, logical):
    """The resource's detail; {} while the engine has not started it."""
    try:
        return cfn.describe_stack_resource(StackName=stack, LogicalResourceId=logical)["StackResourceDetail"]
    except hg.ClientError as e:
        if "does not exist" in str(e):
            return {}
        raise


def wait_status(cfn, stack, want, timeout=60):
    done = hg.wait_until(lambda: (s := status(cfn, stack)).endswith(("_COMPLETE", "_FAILED")) and s,
                         timeout=timeout, interval=0.25, what=f"{stack} to settle")
    if done != want:
        events = [(e["LogicalResourceId"], e["ResourceStatus"], e.get("ResourceStatusReason"))
                  for e in cfn.describe_stack_events(StackName=stack)["StackEvents"]]
        pytest.fail(f"{stack}: {done}, expected {want}: {events}", pytrace=False)


def handle_url(cfn, stack):
    """The handle's Ref (its physical id): the presigned URL, once the handle is made."""
    return hg.wait_until(lambda: resource(cfn, stack, "Handle").get("PhysicalResourceId"),
                         timeout=30, interval=0.1, what="the wait condition handle")


def wait_in_progress(cfn, stack, logical):
    hg.wait_until(lambda: resource(cfn, stack, logical).get("ResourceStatus") == "CREATE_IN_PROGRESS",
                  timeout=30, interval=0.1, what=f"{logical} to be waiting")


def put(url, doc) -> int:
    """What a script on an instance does: curl -X PUT -H 'Content-Type:' --data-binary … URL."""
    body = json.dumps(doc).encode()
    req = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": ""})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def reasons(cfn, stack, logical, state):
    return [e.get("ResourceStatusReason") for e in cfn.describe_stack_events(StackName=stack)["StackEvents"]
            if e["LogicalResourceId"] == logical and e["ResourceStatus"] == state]


def test_wait_condition_signalled_through_its_handle_url_completes_with_its_data(region):
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="waits", TemplateBody=WAIT)
    url = handle_url(cfn, "waits")
    parts = urllib.parse.urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == region.endpoint
    wait_in_progress(cfn, "waits", "Ready")

    assert put(url, {"Status": "SUCCESS", "Reason": "web up", "UniqueId": "web1", "Data": "first"}) == 200
    # The same UniqueId again counts once (the last PUT's data wins, as an S3 object would).
    assert put(url, {"Status": "SUCCESS", "Reason": "web up", "UniqueId": "web1", "Data": "one"}) == 200
    # A URL whose signature does not match, or that names another handle, is refused.
    query = dict(urllib.parse.parse_qsl(parts.query))
    forged = dict(query, signature=("0" if query["signature"][0] != "0" else "1") + query["signature"][1:])
    other = dict(query, handle="Ready")
    for q in (forged, other, {k: v for k, v in query.items() if k != "signature"}):
        bad = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(q)))
        assert put(bad, {"Status": "SUCCESS", "UniqueId": "forged", "Data": "x"}) == 403
    # A body that is not a signal is refused and counts for nothing.
    assert put(url, {"Status": "MAYBE", "UniqueId": "web3"}) == 400
    assert status(cfn, "waits") == "CREATE_IN_PROGRESS"
    assert resource(cfn, "waits", "Ready")["ResourceStatus"] == "CREATE_IN_PROGRESS"
    assert [r["LogicalResourceId"] for r in cfn.describe_stack_resources(StackName="waits")["StackResources"]
            if r["LogicalResourceId"] == "AfterReady"] == []

    assert put(url, {"Status": "SUCCESS", "Reason": "db up", "UniqueId": "db1", "Data": "two"}) == 200
    wait_status(cfn, "waits", "CREATE_COMPLETE")
    outputs = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName="waits")["Stacks"][0]["Outputs"]}
    assert json.loads(outputs["Data"]) == {"web1": "one", "db1": "two"}
    cfn.delete_stack(StackName="waits")
    wait_status(cfn, "waits", "DELETE_COMPLETE")


def test_a_wait_condition_that_gets_no_signal_times_out_and_rolls_back(region):
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="late", TemplateBody=WAIT,
                     Parameters=[{"ParameterKey": "Count", "ParameterValue": "1"},
                                 {"ParameterKey": "Timeout", "ParameterValue": "2"}])
    wait_status(cfn, "late", "ROLLBACK_COMPLETE")
    assert reasons(cfn, "late", "Ready", "CREATE_FAILED") == [
        "WaitCondition timed out. Received 0 conditions when expecting 1"]
    stack = cfn.describe_stacks(StackName="late")["Stacks"][0]
    assert resource(cfn, "late", "Handle")["ResourceStatus"] == "DELETE_COMPLETE"
    assert "AfterReady" not in [r["LogicalResourceId"] for r in
                                cfn.describe_stack_resources(StackName=stack["StackId"])["StackResources"]]


def test_a_failure_signal_fails_the_wait_condition_and_rolls_back(region):
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="broken", TemplateBody=WAIT)
    url = handle_url(cfn, "broken")
    wait_in_progress(cfn, "broken", "Ready")
    assert put(url, {"Status": "SUCCESS", "UniqueId": "web1", "Data": "ok"}) == 200
    assert put(url, {"Status": "FAILURE", "Reason": "disk full", "UniqueId": "db1", "Data": ""}) == 200
    wait_status(cfn, "broken", "ROLLBACK_COMPLETE")
    assert reasons(cfn, "broken", "Ready", "CREATE_FAILED") == [
        "WaitCondition received failed message: 'disk full' for uniqueId: db1"]


def test_wait_and_signals_survive_a_daemon_kill(new_region):
    region = new_region()
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="durable", TemplateBody=WAIT)
    url = handle_url(cfn, "durable")
    wait_in_progress(cfn, "durable", "Ready")
    assert put(url, {"Status": "SUCCESS", "UniqueId": "web1", "Data": "before"}) == 200
    region.kill9()
    region.start()
    cfn = region.client("cloudformation")
    # Not rolled back: still waiting, with the signal it had.
    assert status(cfn, "durable") == "CREATE_IN_PROGRESS"
    assert resource(cfn, "durable", "Ready")["ResourceStatus"] == "CREATE_IN_PROGRESS"
    url = urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(
        netloc=urllib.parse.urlsplit(region.endpoint).netloc))
    assert put(url, {"Status": "SUCCESS", "UniqueId": "db1", "Data": "after"}) == 200
    wait_status(cfn, "durable", "CREATE_COMPLETE")
    outputs = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName="durable")["Stacks"][0]["Outputs"]}
    assert json.loads(outputs["Data"]) == {"web1": "before", "db1": "after"}


@pytest.fixture(scope="module")
def image(region, tmp_path_factory):
    ec2 = region.client("ec2")
    return ec2.register_image(Name="signals", ImageLocation=str(hg.kg_ami_bundle(tmp_path_factory.mktemp("ami"))))[
        "ImageId"]


def test_signal_resource_completes_an_instance_with_a_creation_policy(region, image):
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="signalled", TemplateBody=INSTANCE,
                     Parameters=[{"ParameterKey": "ImageId", "ParameterValue": image},
                                 {"ParameterKey": "Count", "ParameterValue": "2"}])
    instance = hg.wait_until(lambda: resource(cfn, "signalled", "Web").get("PhysicalResourceId"),
                             timeout=60, interval=0.25, what="the instance")
    assert instance.startswith("i-")
    cfn.signal_resource(StackName="signalled", LogicalResourceId="Web", UniqueId=instance, Status="SUCCESS")
    # The same UniqueId counts once: one of the two signals wanted.
    cfn.signal_resource(StackName="signalled", LogicalResourceId="Web", UniqueId=instance, Status="SUCCESS")
    hg.wait_until(lambda: resource(cfn, "signalled", "Plain")["ResourceStatus"] == "CREATE_COMPLETE",
                  timeout=30, interval=0.25, what="the topic")
    assert resource(cfn, "signalled", "Web")["ResourceStatus"] == "CREATE_IN_PROGRESS"
    assert status(cfn, "signalled") == "CREATE_IN_PROGRESS"
    cfn.signal_resource(StackName="signalled", LogicalResourceId="Web", UniqueId="second", Status="SUCCESS")
    wait_status(cfn, "signalled", "CREATE_COMPLETE")
    assert f"Received SUCCESS signal with UniqueId {instance}" in reasons(cfn, "signalled", "Web",
                                                                          "CREATE_IN_PROGRESS")
    state = region.client("ec2").describe_instances(InstanceIds=[instance])["Reservations"][0]["Instances"][0]["State"]
    assert state["Name"] == "running"
    # Complete: no longer waiting for signals.
    code, msg, _ = hg.expect_client_error(cfn.signal_resource, StackName="signalled", LogicalResourceId="Web",
                                          UniqueId="late", Status="SUCCESS")
    assert code == "ValidationError" and "CREATE_COMPLETE" in msg
    cfn.delete_stack(StackName="signalled")
    wait_status(cfn, "signalled", "DELETE_COMPLETE", timeout=120)


def test_a_failure_signal_to_an_instance_rolls_the_stack_back(region, image):
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="refused", TemplateBody=INSTANCE,
                     Parameters=[{"ParameterKey": "ImageId", "ParameterValue": image}])
    instance = hg.wait_until(lambda: resource(cfn, "refused", "Web").get("PhysicalResourceId"),
                             timeout=60, interval=0.25, what="the instance")
    cfn.signal_resource(StackName="refused", LogicalResourceId="Web", UniqueId=instance, Status="FAILURE")
    wait_status(cfn, "refused", "ROLLBACK_COMPLETE", timeout=120)
    assert reasons(cfn, "refused", "Web", "CREATE_FAILED") == [f"Received FAILURE signal with UniqueId {instance}"]
    state = region.client("ec2").describe_instances(InstanceIds=[instance])["Reservations"][0]["Instances"][0]["State"]
    assert state["Name"] in ("shutting-down", "terminated")


def test_signal_resource_refuses_what_does_not_wait_for_signals(region):
    cfn = region.client("cloudformation")
    err = lambda **kw: hg.expect_client_error(cfn.signal_resource, **{  # noqa: E731
        "StackName": "quiet", "LogicalResourceId": "Ready", "UniqueId": "u1", "Status": "SUCCESS", **kw})[:2]
    code, msg = err(StackName="no-such-stack")
    assert code == "ValidationError" and "no-such-stack" in msg
    cfn.create_stack(StackName="quiet", TemplateBody=WAIT)
    handle_url(cfn, "quiet")
    wait_in_progress(cfn, "quiet", "Ready")
    code, msg = err(LogicalResourceId="Nothing")
    assert (code, msg) == ("ValidationError", "Resource Nothing does not exist for stack quiet")
    code, msg = err(LogicalResourceId="Handle")
    assert code == "ValidationError" and "does not expect any signals" in msg
    code, _ = err(Status="MAYBE")
    assert code == "ValidationError"
    # A wait condition can be signalled through SignalResource too.
    cfn.signal_resource(StackName="quiet", LogicalResourceId="Ready", UniqueId="u1", Status="SUCCESS")
    cfn.signal_resource(StackName="quiet", LogicalResourceId="Ready", UniqueId="u2", Status="SUCCESS")
    wait_status(cfn, "quiet", "CREATE_COMPLETE")


def test_signal_resource_is_authorised_by_iam(region):
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="guarded", TemplateBody=WAIT,
                     Parameters=[{"ParameterKey": "Count", "ParameterValue": "1"}])
    wait_in_progress(cfn, "guarded", "Ready")
    creds = region.make_user("watcher", inline={"p": hg.policy(hg.allow("cloudformation:DescribeStacks"))})
    theirs = region.client("cloudformation", *creds)
    code, _, status_code = hg.expect_client_error(theirs.signal_resource, StackName="guarded",
                                                  LogicalResourceId="Ready", UniqueId="u1", Status="SUCCESS")
    assert (code, status_code) == ("AccessDenied", 403)
    assert status(cfn, "guarded") == "CREATE_IN_PROGRESS"
    creds = region.make_user("signaller", inline={"p": hg.policy(hg.allow(
        "cloudformation:SignalResource", f"arn:aws:cloudformation:{region.region_name}:{region.account}:stack/guarded/*"))})
    region.client("cloudformation", *creds).signal_resource(StackName="guarded", LogicalResourceId="Ready",
                                                            UniqueId="u1", Status="SUCCESS")
    wait_status(cfn, "guarded", "CREATE_COMPLETE")


USER_DATA_SIGNAL = """\
Parameters:
  ImageId:
    Type: String
Resources:
  SignalRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: ec2.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: signal
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: cloudformation:SignalResource
                Resource: !Sub "arn:aws:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${AWS::StackName}/*"
  SignalProfile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref SignalRole]
  Web:
    Type: AWS::EC2::Instance
    CreationPolicy:
      ResourceSignal:
        Count: 1
        Timeout: PT5M
    Properties:
      ImageId: !Ref ImageId
      InstanceType: t3.micro
      IamInstanceProfile: !Ref SignalProfile
      UserData:
        Fn::Base64: !Sub |
          #!/bin/sh
          cfn-signal -e 0 --stack ${AWS::StackName} --resource Web --region ${AWS::Region}
"""

USER_DATA_HANDLE = """\
Parameters:
  ImageId:
    Type: String
  Step:
    Type: String
    Default: "true"
Resources:
  Handle:
    Type: AWS::CloudFormation::WaitConditionHandle
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Ref ImageId
      InstanceType: t3.micro
      UserData:
        Fn::Base64: !Sub |
          #!/bin/sh
          ${Step}
          cfn-signal -e $? --reason "the step ended" --data "configured" "${Handle}"
  Ready:
    Type: AWS::CloudFormation::WaitCondition
    DependsOn: Web
    Properties:
      Handle: !Ref Handle
      Timeout: "300"
Outputs:
  Data:
    Value: !GetAtt Ready.Data
"""


def console(region, instance):
    return region.client("ec2").get_console_output(InstanceId=instance).get("Output", "")


def test_cfn_signal_in_user_data_signals_with_the_instance_profile(region, image):
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="booted", TemplateBody=USER_DATA_SIGNAL, Capabilities=["CAPABILITY_IAM"],
                     Parameters=[{"ParameterKey": "ImageId", "ParameterValue": image}])
    wait_status(cfn, "booted", "CREATE_COMPLETE", timeout=120)
    instance = resource(cfn, "booted", "Web")["PhysicalResourceId"]
    assert reasons(cfn, "booted", "Web", "CREATE_IN_PROGRESS").count(
        f"Received SUCCESS signal with UniqueId {instance}") == 1, console(region, instance)
    cfn.delete_stack(StackName="booted")
    wait_status(cfn, "booted", "DELETE_COMPLETE", timeout=120)


def test_cfn_signal_in_user_data_puts_to_a_wait_condition_handle(region, image):
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="handled", TemplateBody=USER_DATA_HANDLE,
                     Parameters=[{"ParameterKey": "ImageId", "ParameterValue": image}])
    wait_status(cfn, "handled", "CREATE_COMPLETE", timeout=120)
    instance = resource(cfn, "handled", "Web")["PhysicalResourceId"]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName="handled")["Stacks"][0]["Outputs"]}
    assert json.loads(outputs["Data"]) == {instance: "configured"}
    # A step that fails: `cfn-signal -e $?` sends FAILURE, and the stack rolls back.
    cfn.create_stack(StackName="unhandled", TemplateBody=USER_DATA_HANDLE,
                     Parameters=[{"ParameterKey": "ImageId", "ParameterValue": image},
                                 {"ParameterKey": "Step", "ParameterValue": "false"}])
    wait_status(cfn, "unhandled", "ROLLBACK_COMPLETE", timeout=120)
    events = cfn.describe_stack_events(StackName="unhandled")["StackEvents"]
    web = next(e["PhysicalResourceId"] for e in events if e["LogicalResourceId"] == "Web" and e.get("PhysicalResourceId"))
    assert reasons(cfn, "unhandled", "Ready", "CREATE_FAILED") == [
        f"WaitCondition received failed message: 'the step ended' for uniqueId: {web}"]


GROUP_SIGNALS = """\
Parameters:
  ImageId:
    Type: String
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
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
  Config:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: !Ref ImageId
      InstanceType: t3.micro
      IamInstanceProfile: !Ref SignalProfile
      UserData:
        Fn::Base64: !Sub |
          #!/bin/sh
          cfn-signal -e 0 --stack ${AWS::StackName} --resource Group --region ${AWS::Region}
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    CreationPolicy:
      AutoScalingCreationPolicy:
        MinSuccessfulInstancesPercent: 100
      ResourceSignal:
        Count: 2
        Timeout: PT5M
    Properties:
      LaunchConfigurationName: !Ref Config
      VPCZoneIdentifier: !Ref Subnets
      MinSize: "2"
      MaxSize: "2"
"""


def test_an_auto_scaling_group_completes_when_its_instances_signal(region, image):
    ec2 = region.client("ec2")
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(
        Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]][:2]
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="grouped", TemplateBody=GROUP_SIGNALS, Capabilities=["CAPABILITY_IAM"],
                     Parameters=[{"ParameterKey": "ImageId", "ParameterValue": image},
                                 {"ParameterKey": "Subnets", "ParameterValue": ",".join(subnets)}])
    wait_status(cfn, "grouped", "CREATE_COMPLETE", timeout=180)
    name = resource(cfn, "grouped", "Group")["PhysicalResourceId"]
    members = region.client("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=[name])[
        "AutoScalingGroups"][0]["Instances"]
    received = sorted(r for r in reasons(cfn, "grouped", "Group", "CREATE_IN_PROGRESS")
                      if r and r.startswith("Received SUCCESS signal"))
    assert received == sorted(f"Received SUCCESS signal with UniqueId {m['InstanceId']}" for m in members)
    assert len(received) == 2
    cfn.delete_stack(StackName="grouped")
    wait_status(cfn, "grouped", "DELETE_COMPLETE", timeout=180)


def test_the_timeout_runs_on_while_the_region_is_down(new_region):
    """The deadline is kept, not restarted: a wait whose time ran out while the daemon was
    down fails as soon as the region is back."""
    region = new_region()
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="expired", TemplateBody=WAIT,
                     Parameters=[{"ParameterKey": "Count", "ParameterValue": "1"},
                                 {"ParameterKey": "Timeout", "ParameterValue": "3"}])
    wait_in_progress(cfn, "expired", "Ready")
    started = next(e["Timestamp"] for e in cfn.describe_stack_events(StackName="expired")["StackEvents"]
                   if e["LogicalResourceId"] == "Ready" and e["ResourceStatus"] == "CREATE_IN_PROGRESS")
    region.kill9()
    # Down past the deadline (the wait's 3 s run out meanwhile).
    hg.wait_until(lambda: time.time() > started.timestamp() + 4, timeout=10, interval=0.1, what="the deadline")
    region.start()
    back = time.time()
    cfn = region.client("cloudformation")
    wait_status(cfn, "expired", "ROLLBACK_COMPLETE")
    failed = next(e for e in cfn.describe_stack_events(StackName="expired")["StackEvents"]
                  if e["LogicalResourceId"] == "Ready" and e["ResourceStatus"] == "CREATE_FAILED")
    assert failed["ResourceStatusReason"] == "WaitCondition timed out. Received 0 conditions when expecting 1"
    # Failed at once on resuming: not 3 s (a fresh timeout) after the region came back.
    assert failed["Timestamp"].timestamp() < back + 2.5


def test_deleting_a_stack_that_waits_for_signals_cancels_the_wait(region, image):
    cfn = region.client("cloudformation")
    stack_id = cfn.create_stack(StackName="abandoned", TemplateBody=INSTANCE,
                                Parameters=[{"ParameterKey": "ImageId", "ParameterValue": image}])["StackId"]
    instance = hg.wait_until(lambda: resource(cfn, "abandoned", "Web").get("PhysicalResourceId"),
                             timeout=60, interval=0.25, what="the instance")
    cfn.delete_stack(StackName="abandoned")
    wait_status(cfn, stack_id, "DELETE_COMPLETE", timeout=120)
    assert reasons(cfn, stack_id, "Web", "CREATE_FAILED") == ["Resource creation cancelled"]
    state = region.client("ec2").describe_instances(InstanceIds=[instance])["Reservations"][0]["Instances"][0]["State"]
    assert state["Name"] in ("shutting-down", "terminated")
    code, msg, _ = hg.expect_client_error(cfn.signal_resource, StackName=stack_id, LogicalResourceId="Web",
                                          UniqueId=instance, Status="SUCCESS")
    assert code == "ValidationError", msg


GATED = """\
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Gate:
    Type: AWS::CloudFormation::WaitCondition
    CreationPolicy:
      ResourceSignal:
        Count: 1
        Timeout: PT10M
"""

GATED_AND_BROKEN = GATED + """\
  Gate2:
    Type: AWS::CloudFormation::WaitCondition
    CreationPolicy:
      ResourceSignal:
        Timeout: PT10M
  Broken:
    Type: AWS::SSM::Parameter
    Properties:
      Type: NoSuchType
      Value: x
"""


def test_updates_wait_for_signals_and_a_failed_update_stops_waiting(region):
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="gated", TemplateBody="Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n")
    wait_status(cfn, "gated", "CREATE_COMPLETE")
    # An update that adds a wait condition with a CreationPolicy waits for SignalResource.
    cfn.update_stack(StackName="gated", TemplateBody=GATED)
    wait_in_progress(cfn, "gated", "Gate")
    assert status(cfn, "gated") == "UPDATE_IN_PROGRESS"
    cfn.signal_resource(StackName="gated", LogicalResourceId="Gate", UniqueId="ops", Status="SUCCESS")
    wait_status(cfn, "gated", "UPDATE_COMPLETE")
    assert reasons(cfn, "gated", "Gate", "CREATE_IN_PROGRESS").count("Received SUCCESS signal with UniqueId ops") == 1
    # Another resource fails while a new wait is pending: the wait is cancelled, not run out
    # for its 10 minutes, and the update rolls back.
    cfn.update_stack(StackName="gated", TemplateBody=GATED_AND_BROKEN)
    wait_status(cfn, "gated", "UPDATE_ROLLBACK_COMPLETE", timeout=60)
    assert reasons(cfn, "gated", "Gate2", "CREATE_FAILED") == ["Resource creation cancelled"]
    assert reasons(cfn, "gated", "Broken", "CREATE_FAILED") != []
    assert resource(cfn, "gated", "Gate")["ResourceStatus"] in ("CREATE_COMPLETE", "UPDATE_COMPLETE")


def init_template(config):
    """USER_DATA_SIGNAL with `cfn-init` run before `cfn-signal -e $?`, the role allowed to read
    the metadata, and `config` as the instance's AWS::CloudFormation::Init config (YAML)."""
    metadata = "    Metadata:\n      AWS::CloudFormation::Init:\n        config:\n" + "".join(
        f"          {line}\n" for line in config.strip("\n").splitlines())
    body = USER_DATA_SIGNAL.replace("Action: cloudformation:SignalResource",
                                    "Action: [cloudformation:SignalResource, cloudformation:DescribeStackResource]")
    body = body.replace("  Web:\n    Type: AWS::EC2::Instance\n", "  Web:\n    Type: AWS::EC2::Instance\n" + metadata)
    old = "          cfn-signal -e 0 --stack"
    assert old in body
    return body.replace(old, "          cfn-init -v -s ${AWS::StackName} -r Web --region ${AWS::Region}\n"
                             "          cfn-signal -e $? --stack")


INIT_FILES = """\
files:
  /etc/kg/app.conf:
    content: !Sub "stack=${AWS::StackName}\\n"
    mode: "000600"
commands:
  02_show:
    command: cat etc/kg/app.conf
  01_first:
    command: [echo, first command]
"""


def test_cfn_init_in_user_data_applies_files_and_commands_from_the_metadata(region, image):
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="initialised", TemplateBody=init_template(INIT_FILES), Capabilities=["CAPABILITY_IAM"],
                     Parameters=[{"ParameterKey": "ImageId", "ParameterValue": image}])
    wait_status(cfn, "initialised", "CREATE_COMPLETE", timeout=120)
    instance = resource(cfn, "initialised", "Web")["PhysicalResourceId"]
    out = hg.wait_until(lambda: (c := console(region, instance)) and "stack=initialised" in c and c,
                        timeout=30, interval=0.5, what="cfn-init's output")
    assert out.index("first command") < out.index("stack=initialised"), out
    metadata = json.loads(cfn.describe_stack_resource(StackName="initialised", LogicalResourceId="Web")[
        "StackResourceDetail"]["Metadata"])
    assert metadata["AWS::CloudFormation::Init"]["config"]["files"]["/etc/kg/app.conf"]["content"] == "stack=initialised\n"
    cfn.delete_stack(StackName="initialised")
    wait_status(cfn, "initialised", "DELETE_COMPLETE", timeout=120)


def test_cfn_init_refuses_packages_and_services_and_the_signal_fails_the_stack(region, image):
    cfn = region.client("cloudformation")
    config = INIT_FILES + "packages:\n  yum:\n    httpd: []\n"
    cfn.create_stack(StackName="uninitialised", TemplateBody=init_template(config), Capabilities=["CAPABILITY_IAM"],
                     Parameters=[{"ParameterKey": "ImageId", "ParameterValue": image}], OnFailure="DO_NOTHING")
    wait_status(cfn, "uninitialised", "CREATE_FAILED", timeout=120)
    events = cfn.describe_stack_events(StackName="uninitialised")["StackEvents"]
    instance = next(e["PhysicalResourceId"] for e in events if e["LogicalResourceId"] == "Web" and e.get("PhysicalResourceId"))
    assert reasons(cfn, "uninitialised", "Web", "CREATE_FAILED") == [f"Received FAILURE signal with UniqueId {instance}"]
    out = console(region, instance)
    assert "cfn-init: config config: `packages` is not supported" in out, out
    assert "stack=uninitialised" not in out  # nothing was applied
    cfn.delete_stack(StackName="uninitialised")
    wait_status(cfn, "uninitialised", "DELETE_COMPLETE", timeout=120)
