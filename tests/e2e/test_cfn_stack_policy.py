"""Stack policies through boto3: set at creation or with SetStackPolicy, read with
GetStackPolicy, enforced on every update (a denied modify, replacement or deletion fails the
update and rolls it back, nothing changed), overridden for one update only by
StackPolicyDuringUpdateBody, and bad documents refused."""

from __future__ import annotations

import json

import hg
from test_cfn_signals import reasons, wait_status


def template(alerts="KG alerts", scores="KG scores", with_scores=True) -> str:
    resources = {"Alerts": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": alerts}}}
    if with_scores:
        resources["Scores"] = {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": scores}}
    return json.dumps({"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources})


PROTECT_ALERTS = json.dumps({"Statement": [
    {"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"},
    {"Effect": "Deny", "Action": "Update:*", "Principal": "*", "Resource": "LogicalResourceId/Alerts"}]})
ALLOW_ALL = json.dumps({"Statement": [{"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"}]})


def display_name(region, cfn, stack, logical):
    arn = cfn.describe_stack_resource(StackName=stack, LogicalResourceId=logical)[
        "StackResourceDetail"]["PhysicalResourceId"]
    return region.client("sns").get_topic_attributes(TopicArn=arn)["Attributes"]["DisplayName"]


def test_a_stack_policy_guards_updates_as_aws_evaluates_it(region):
    cfn = region.client("cloudformation")
    cfn.create_stack(StackName="kg-guarded", TemplateBody=template(), StackPolicyBody=PROTECT_ALERTS)
    wait_status(cfn, "kg-guarded", "CREATE_COMPLETE")
    assert json.loads(cfn.get_stack_policy(StackName="kg-guarded")["StackPolicyBody"]) == json.loads(PROTECT_ALERTS)

    # Allowed: Scores changes in place.
    cfn.update_stack(StackName="kg-guarded", TemplateBody=template(scores="KG live scores"))
    wait_status(cfn, "kg-guarded", "UPDATE_COMPLETE")
    assert display_name(region, cfn, "kg-guarded", "Scores") == "KG live scores"

    # Denied: Alerts is protected; the update fails and rolls back, Alerts unchanged.
    cfn.update_stack(StackName="kg-guarded", TemplateBody=template(alerts="KG ALERTS", scores="KG live scores"))
    wait_status(cfn, "kg-guarded", "UPDATE_ROLLBACK_COMPLETE")
    why = reasons(cfn, "kg-guarded", "Alerts", "UPDATE_FAILED")
    assert any("Action denied by stack policy: Statement [#2] does not allow [Update:Modify] for resource "
               "[LogicalResourceId/Alerts]" in r for r in why), why
    assert display_name(region, cfn, "kg-guarded", "Alerts") == "KG alerts"

    # Overridden for one update only.
    cfn.update_stack(StackName="kg-guarded", TemplateBody=template(alerts="KG ALERTS", scores="KG live scores"),
                     StackPolicyDuringUpdateBody=ALLOW_ALL)
    wait_status(cfn, "kg-guarded", "UPDATE_COMPLETE")
    assert display_name(region, cfn, "kg-guarded", "Alerts") == "KG ALERTS"
    cfn.update_stack(StackName="kg-guarded", TemplateBody=template(alerts="kg alerts", scores="KG live scores"))
    wait_status(cfn, "kg-guarded", "UPDATE_ROLLBACK_COMPLETE")
    assert display_name(region, cfn, "kg-guarded", "Alerts") == "KG ALERTS", "the stored policy holds again"

    # A policy that allows only modifications: removing Scores is a deletion it does not allow.
    cfn.set_stack_policy(StackName="kg-guarded", StackPolicyBody=json.dumps({"Statement": [
        {"Effect": "Allow", "Action": "Update:Modify", "Principal": "*", "Resource": "*"}]}))
    cfn.update_stack(StackName="kg-guarded", TemplateBody=template(alerts="KG ALERTS", with_scores=False))
    wait_status(cfn, "kg-guarded", "UPDATE_ROLLBACK_COMPLETE")
    events = [e.get("ResourceStatusReason") or "" for e in cfn.describe_stack_events(StackName="kg-guarded")[
        "StackEvents"]]
    assert any("No statement allows [Update:Delete] for resource [LogicalResourceId/Scores]" in e for e in events)
    assert display_name(region, cfn, "kg-guarded", "Scores") == "KG live scores", "Scores is still there"

    # Bad documents are refused.
    for bad in ["{", json.dumps({"Statement": [{"Effect": "Perhaps", "Action": "Update:*", "Resource": "*"}]}),
                json.dumps({"Statement": [{"Effect": "Allow", "Action": "Update:Everything", "Resource": "*"}]})]:
        code, _, _ = hg.expect_client_error(cfn.set_stack_policy, StackName="kg-guarded", StackPolicyBody=bad)
        assert code == "ValidationError", bad
    cfn.delete_stack(StackName="kg-guarded")


def test_cancel_update_stack_rolls_a_running_update_back(region):
    """CancelUpdateStack while an update waits on a new wait condition: the update stops, rolls
    back to UPDATE_ROLLBACK_COMPLETE and the added resources are gone; refused when no update runs."""
    cfn = region.client("cloudformation")
    base = {"AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {"Alerts": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "KG alerts"}}}}
    cfn.create_stack(StackName="kg-cancel", TemplateBody=json.dumps(base))
    wait_status(cfn, "kg-cancel", "CREATE_COMPLETE")
    code, msg, _ = hg.expect_client_error(cfn.cancel_update_stack, StackName="kg-cancel")
    assert code == "ValidationError" and "CREATE_COMPLETE" in msg, msg

    slow = json.loads(json.dumps(base))
    slow["Resources"]["Handle"] = {"Type": "AWS::CloudFormation::WaitConditionHandle"}
    slow["Resources"]["Ready"] = {"Type": "AWS::CloudFormation::WaitCondition",
                                  "Properties": {"Handle": {"Ref": "Handle"}, "Timeout": "600"}}
    slow["Resources"]["Alerts"]["Properties"]["DisplayName"] = "KG alerts v2"
    cfn.update_stack(StackName="kg-cancel", TemplateBody=json.dumps(slow))
    hg.wait_until(lambda: any(r["LogicalResourceId"] == "Ready" and r["ResourceStatus"] == "CREATE_IN_PROGRESS"
                              for r in cfn.describe_stack_resources(StackName="kg-cancel")["StackResources"]),
                  timeout=20, interval=0.2, what="the wait condition waiting")
    cfn.cancel_update_stack(StackName="kg-cancel")
    wait_status(cfn, "kg-cancel", "UPDATE_ROLLBACK_COMPLETE", timeout=30)
    events = cfn.describe_stack_events(StackName="kg-cancel")["StackEvents"]
    assert any(e["LogicalResourceId"] == "kg-cancel" and e["ResourceStatus"] == "UPDATE_ROLLBACK_IN_PROGRESS"
               and "Stack update cancelled" in (e.get("ResourceStatusReason") or "") for e in events), events[:5]
    left = {r["LogicalResourceId"] for r in cfn.describe_stack_resources(StackName="kg-cancel")["StackResources"]}
    assert left == {"Alerts"}, left
    arn = cfn.describe_stack_resource(StackName="kg-cancel", LogicalResourceId="Alerts")[
        "StackResourceDetail"]["PhysicalResourceId"]
    assert region.client("sns").get_topic_attributes(TopicArn=arn)["Attributes"]["DisplayName"] == "KG alerts"
    # The next update is not cancelled by the one before.
    cfn.update_stack(StackName="kg-cancel", TemplateBody=json.dumps(
        {**base, "Resources": {"Alerts": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "KG v3"}}}}))
    wait_status(cfn, "kg-cancel", "UPDATE_COMPLETE")
    cfn.delete_stack(StackName="kg-cancel")
