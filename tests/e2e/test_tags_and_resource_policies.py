"""Tags on CloudWatch alarms and SNS topics, and Secrets Manager resource policies, through
boto3 and the real aws CLI: what Terraform reads on every refresh of those resources (and the
console shows), with the services' error codes."""

from __future__ import annotations

import json

import hg
from hg import expect_client_error


def test_alarm_tags(region):
    cw = region.client("cloudwatch")
    cw.put_metric_alarm(AlarmName="kg-cpu-high", Namespace="AWS/EC2", MetricName="CPUUtilization",
                        Statistic="Average", Period=60, EvaluationPeriods=1, Threshold=70,
                        ComparisonOperator="GreaterThanThreshold",
                        Tags=[{"Key": "team", "Value": "ops"}, {"Key": "match", "Value": "R16"}])
    arn = cw.describe_alarms(AlarmNames=["kg-cpu-high"])["MetricAlarms"][0]["AlarmArn"]
    assert cw.list_tags_for_resource(ResourceARN=arn)["Tags"] == [
        {"Key": "team", "Value": "ops"}, {"Key": "match", "Value": "R16"}]
    cw.tag_resource(ResourceARN=arn, Tags=[{"Key": "match", "Value": "final"}, {"Key": "tier", "Value": "web"}])
    cw.untag_resource(ResourceARN=arn, TagKeys=["team"])
    assert {t["Key"]: t["Value"] for t in cw.list_tags_for_resource(ResourceARN=arn)["Tags"]} == {
        "match": "final", "tier": "web"}
    # Tags given when the alarm is updated are ignored, as in CloudWatch.
    cw.put_metric_alarm(AlarmName="kg-cpu-high", Namespace="AWS/EC2", MetricName="CPUUtilization",
                        Statistic="Average", Period=60, EvaluationPeriods=2, Threshold=80,
                        ComparisonOperator="GreaterThanThreshold", Tags=[{"Key": "other", "Value": "x"}])
    assert {t["Key"] for t in cw.list_tags_for_resource(ResourceARN=arn)["Tags"]} == {"match", "tier"}
    out = region.aws("cloudwatch", "list-tags-for-resource", "--resource-arn", arn)
    assert {t["Key"] for t in out["Tags"]} == {"match", "tier"}

    code, _, status = expect_client_error(cw.list_tags_for_resource, ResourceARN=arn + "-gone")
    assert (code, status) == ("ResourceNotFoundException", 404)
    code, _, _ = expect_client_error(cw.tag_resource, ResourceARN=arn, Tags=[{"Key": "aws:x", "Value": "y"}])
    assert code == "InvalidParameterValue"
    code, _, _ = expect_client_error(cw.list_tags_for_resource, ResourceARN="arn:aws:sns:nowhere:1:topic")
    assert code == "InvalidParameterValue"
    cw.delete_alarms(AlarmNames=["kg-cpu-high"])


def test_topic_tags(region):
    sns = region.client("sns")
    arn = sns.create_topic(Name="KGSNS_Tagged", Tags=[{"Key": "team", "Value": "ops"}])["TopicArn"]
    assert sns.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "ops"}]
    sns.tag_resource(ResourceArn=arn, Tags=[{"Key": "match", "Value": "final"}])
    sns.untag_resource(ResourceArn=arn, TagKeys=["team"])
    assert sns.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "match", "Value": "final"}]
    code, _, status = expect_client_error(sns.list_tags_for_resource, ResourceArn=arn + "-gone")
    assert (code, status) == ("ResourceNotFound", 404)
    code, _, _ = expect_client_error(sns.tag_resource, ResourceArn=arn, Tags=[
        {"Key": f"k{i}", "Value": "v"} for i in range(51)])
    assert code == "TagLimitExceeded"
    # Kept across a restart.
    region.restart()
    sns = region.client("sns")
    assert sns.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "match", "Value": "final"}]
    sns.delete_topic(TopicArn=arn)


def test_secret_resource_policies(region):
    sm = region.client("secretsmanager")
    arn = sm.create_secret(Name="kg/db-policy", SecretString="s3cret")["ARN"]
    assert "ResourcePolicy" not in sm.get_resource_policy(SecretId=arn)
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{region.account}:root"},
        "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}
    out = sm.put_resource_policy(SecretId="kg/db-policy", ResourcePolicy=json.dumps(policy))
    assert out == {"ARN": arn, "Name": "kg/db-policy", "ResponseMetadata": out["ResponseMetadata"]}
    assert json.loads(sm.get_resource_policy(SecretId=arn)["ResourcePolicy"]) == policy

    public = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}
    code, _, _ = expect_client_error(sm.put_resource_policy, SecretId=arn, ResourcePolicy=json.dumps(public))
    assert code == "PublicPolicyException"
    code, _, _ = expect_client_error(sm.put_resource_policy, SecretId=arn, ResourcePolicy="{not json")
    assert code == "MalformedPolicyDocumentException"
    no_principal = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}
    checked = sm.validate_resource_policy(ResourcePolicy=json.dumps(no_principal))
    assert checked["PolicyValidationPassed"] is False and checked["ValidationErrors"]
    assert sm.validate_resource_policy(SecretId=arn, ResourcePolicy=json.dumps(policy))["PolicyValidationPassed"]

    sm.delete_resource_policy(SecretId=arn)
    assert "ResourcePolicy" not in sm.get_resource_policy(SecretId=arn)
    code, _, _ = expect_client_error(sm.get_resource_policy, SecretId="kg/none")
    assert code == "ResourceNotFoundException"
    sm.delete_secret(SecretId=arn, ForceDeleteWithoutRecovery=True)
