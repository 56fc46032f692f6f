"""CloudFormation's update rollbacks that fail, and what ends them, through boto3: a rollback
that cannot put back a topic deleted out of band ends UPDATE_ROLLBACK_FAILED;
ContinueUpdateRollback tries again (failing again while the cause is there, completing once it is
fixed) or skips what cannot be rolled back (ResourcesToSkip), with AWS's ValidationErrors and
IAM's AccessDenied. An update interrupted by a daemon kill is rolled back after the restart."""

from __future__ import annotations

import pytest

import hg
from test_cfn_signals import reasons, resource, status, wait_in_progress, wait_status

BEFORE = """\
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: {name}
      DisplayName: before
"""

# The new display name is applied in place, then the gate waits for a signal the test sends
# (FAILURE) once it has deleted the topic behind CloudFormation's back.
AFTER = BEFORE.replace("before", "after") + """\
  Gate:
    Type: AWS::CloudFormation::WaitCondition
    DependsOn: Topic
    CreationPolicy:
      ResourceSignal:
        Timeout: PT10M
"""


def display_name(region, arn):
    return region.client("sns").get_topic_attributes(TopicArn=arn)["Attributes"].get("DisplayName")


def updating(region, stack, topic):
    """The stack made, then an update under way that waits at the gate; the topic's ARN."""
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName=stack, TemplateBody=BEFORE.format(name=topic))
    wait_status(cfn, stack, "CREATE_COMPLETE")
    arn = resource(cfn, stack, "Topic")["PhysicalResourceId"]
    cfn.update_stack(StackName=stack, TemplateBody=AFTER.format(name=topic))
    wait_in_progress(cfn, stack, "Gate")
    assert resource(cfn, stack, "Topic")["ResourceStatus"] == "UPDATE_COMPLETE"
    assert display_name(region, arn) == "after"
    return cfn, arn


def failed_rollback(region, stack, topic):
    """An update whose rollback fails: the topic it must put back was deleted out of band."""
    cfn, arn = updating(region, stack, topic)
    region.client("sns").delete_topic(TopicArn=arn)
    cfn.signal_resource(StackName=stack, LogicalResourceId="Gate", UniqueId="ops", Status="FAILURE")
    wait_status(cfn, stack, "UPDATE_ROLLBACK_FAILED")
    st = cfn.describe_stacks(StackName=stack)["Stacks"][0]
    assert st["StackStatusReason"] == "The following resource(s) failed to roll back: [Topic]. "
    assert resource(cfn, stack, "Topic")["ResourceStatus"] == "UPDATE_FAILED"
    assert resource(cfn, stack, "Gate") == {}
    return cfn, arn


def test_continue_update_rollback_fails_again_until_the_cause_is_fixed_then_completes(region):
    cfn = region.client("cloudformation")
    code, msg, http = hg.expect_client_error(cfn.continue_update_rollback, StackName="nowhere")
    assert (code, msg, http) == ("ValidationError", "Stack with id nowhere does not exist", 400)
    cfn, arn = failed_rollback(region, "fixable", "kg-fixable")
    # Not updatable meanwhile.
    code, msg, _ = hg.expect_client_error(cfn.update_stack, StackName="fixable",
                                          TemplateBody=BEFORE.format(name="kg-fixable"))
    assert code == "ValidationError" and "UPDATE_ROLLBACK_FAILED state and can not be updated" in msg, msg
    # Skipping: only what failed to roll back, by its logical id.
    for skip, text in [(["Nope"], "Resource [Nope] does not exist in stack [fixable]"),
                       (["Outer.Inner"], "[Outer] is not a nested stack")]:
        code, msg, http = hg.expect_client_error(cfn.continue_update_rollback, StackName="fixable",
                                                 ResourcesToSkip=skip)
        assert (code, http) == ("ValidationError", 400) and text in msg, msg
    # IAM: cloudformation:ContinueUpdateRollback on the stack.
    creds = region.make_user("looker", inline={"p": hg.policy(hg.allow("cloudformation:DescribeStacks"))})
    code, _, http = hg.expect_client_error(region.client("cloudformation", *creds).continue_update_rollback,
                                           StackName="fixable")
    assert (code, http) == ("AccessDenied", 403)
    assert status(cfn, "fixable") == "UPDATE_ROLLBACK_FAILED"
    # The cause is still there: the rollback fails again.
    cfn.continue_update_rollback(StackName="fixable")
    wait_status(cfn, "fixable", "UPDATE_ROLLBACK_FAILED")
    assert len(reasons(cfn, "fixable", "Topic", "UPDATE_FAILED")) == 2
    # Fixed (the topic is back, under the same ARN): the rollback completes and puts it back.
    assert region.client("sns").create_topic(Name="kg-fixable")["TopicArn"] == arn
    creds = region.make_user("fixer", inline={"p": hg.policy(hg.allow(
        "cloudformation:ContinueUpdateRollback",
        f"arn:aws:cloudformation:{region.region_name}:{region.account}:stack/fixable/*"))})
    region.client("cloudformation", *creds).continue_update_rollback(StackName="fixable")
    wait_status(cfn, "fixable", "UPDATE_ROLLBACK_COMPLETE")
    assert display_name(region, arn) == "before"
    assert resource(cfn, "fixable", "Topic")["ResourceStatus"] == "UPDATE_COMPLETE"
    stack_events = [e["ResourceStatus"] for e in cfn.describe_stack_events(StackName="fixable")["StackEvents"]
                    if e["LogicalResourceId"] == "fixable"][:4]
    assert stack_events == ["UPDATE_ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
                            "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED"], stack_events
    # Updatable again, from the template as it was.
    assert "DisplayName: before" in cfn.get_template(StackName="fixable")["TemplateBody"]
    code, msg, _ = hg.expect_client_error(cfn.continue_update_rollback, StackName="fixable")
    assert (code, msg) == ("ValidationError",
                           "Stack [fixable] is in UPDATE_ROLLBACK_COMPLETE state and can not continue update rollback.")
    cfn.update_stack(StackName="fixable", TemplateBody=BEFORE.format(name="kg-fixable").replace("before", "again"))
    wait_status(cfn, "fixable", "UPDATE_COMPLETE")
    assert display_name(region, arn) == "again"
    cfn.delete_stack(StackName="fixable")
    wait_status(cfn, "fixable", "DELETE_COMPLETE")


def test_continue_update_rollback_skips_what_cannot_be_rolled_back_acting_as_its_role(region):
    iam = region.client("iam")
    trust = hg.policy({"Effect": "Allow", "Principal": {"Service": "cloudformation.amazonaws.com"},
                       "Action": "sts:AssumeRole"})
    role = iam.create_role(RoleName="KG-Rollback-Role", AssumeRolePolicyDocument=trust)["Role"]["Arn"]
    iam.put_role_policy(RoleName="KG-Rollback-Role", PolicyName="sns", PolicyDocument=hg.policy(
        hg.allow("sns:*")))
    cfn, arn = failed_rollback(region, "skipping", "kg-skipping")
    # Passing the role needs iam:PassRole.
    creds = region.make_user("skipper", inline={"p": hg.policy(hg.allow("cloudformation:*"))})
    theirs = region.client("cloudformation", *creds)
    code, msg, _ = hg.expect_client_error(theirs.continue_update_rollback, StackName="skipping", RoleARN=role,
                                          ResourcesToSkip=["Topic"])
    assert code == "AccessDenied" and "iam:PassRole" in msg, msg
    cfn.continue_update_rollback(StackName="skipping", RoleARN=role, ResourcesToSkip=["Topic"])
    wait_status(cfn, "skipping", "UPDATE_ROLLBACK_COMPLETE")
    st = cfn.describe_stacks(StackName="skipping")["Stacks"][0]
    assert st["RoleARN"] == role
    topic = resource(cfn, "skipping", "Topic")
    assert (topic["ResourceStatus"], topic["PhysicalResourceId"]) == ("UPDATE_COMPLETE", arn)
    cfn.delete_stack(StackName="skipping")
    wait_status(cfn, "skipping", "DELETE_COMPLETE")


def test_an_update_interrupted_by_a_daemon_kill_is_rolled_back_after_the_restart(new_region):
    region = new_region()
    cfn, arn = updating(region, "interrupted", "kg-interrupted")
    region.kill9()
    region.start()
    cfn = region.client("cloudformation")
    wait_status(cfn, "interrupted", "UPDATE_ROLLBACK_COMPLETE")
    assert display_name(region, arn) == "before"
    assert resource(cfn, "interrupted", "Topic")["ResourceStatus"] == "UPDATE_COMPLETE"
    assert resource(cfn, "interrupted", "Gate") == {}
    assert reasons(cfn, "interrupted", "Gate", "CREATE_FAILED") == [
        "Resource update was interrupted by a restart of the region"]
    assert "DisplayName: before" in cfn.get_template(StackName="interrupted")["TemplateBody"]
