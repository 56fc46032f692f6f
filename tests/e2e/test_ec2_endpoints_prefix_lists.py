"""VPC endpoints and managed prefix lists through boto3 and the real aws CLI, as Terraform
makes and refreshes them around a VPC: the endpoint services on offer, gateway and interface
endpoints with their route tables, subnets and groups, prefix lists with versions, and EC2's
error codes."""

from __future__ import annotations

import json

import pytest

import hg
from hg import expect_client_error


@pytest.fixture(scope="module")
def ec2(region):
    return region.client("ec2")


@pytest.fixture(scope="module")
def vpc(ec2):
    vpc_id = ec2.create_vpc(CidrBlock="10.61.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.61.1.0/24")["Subnet"]["SubnetId"]
    table = ec2.create_route_table(VpcId=vpc_id)["RouteTable"]["RouteTableId"]
    group = ec2.create_security_group(GroupName="kg-endpoints", Description="endpoints", VpcId=vpc_id)["GroupId"]
    return {"id": vpc_id, "subnet": subnet, "table": table, "group": group}


def test_the_endpoint_services_on_offer(ec2):
    s3 = f"com.amazonaws.{hg.DEFAULT_REGION}.s3"
    out = ec2.describe_vpc_endpoint_services()
    assert s3 in out["ServiceNames"] and f"com.amazonaws.{hg.DEFAULT_REGION}.sts" in out["ServiceNames"]
    types = {d["ServiceType"][0]["ServiceType"] for d in out["ServiceDetails"] if d["ServiceName"] == s3}
    assert types == {"Gateway", "Interface"}
    only = ec2.describe_vpc_endpoint_services(ServiceNames=[f"com.amazonaws.{hg.DEFAULT_REGION}.sqs"])
    assert only["ServiceNames"] == [f"com.amazonaws.{hg.DEFAULT_REGION}.sqs"]
    code, _, _ = expect_client_error(ec2.describe_vpc_endpoint_services, ServiceNames=["com.example.nothing"])
    assert code == "InvalidServiceName"


def test_gateway_and_interface_endpoints(ec2, region, vpc):
    s3 = f"com.amazonaws.{hg.DEFAULT_REGION}.s3"
    gateway = ec2.create_vpc_endpoint(VpcId=vpc["id"], ServiceName=s3, RouteTableIds=[vpc["table"]],
                                      TagSpecifications=[{"ResourceType": "vpc-endpoint",
                                                          "Tags": [{"Key": "Name", "Value": "kg-s3"}]}])["VpcEndpoint"]
    gid = gateway["VpcEndpointId"]
    assert gid.startswith("vpce-") and gateway["VpcEndpointType"] == "Gateway" and gateway["State"] == "available"
    assert gateway["RouteTableIds"] == [vpc["table"]]
    assert json.loads(gateway["PolicyDocument"])["Statement"][0]["Effect"] == "Allow"

    sts = f"com.amazonaws.{hg.DEFAULT_REGION}.sts"
    iface = ec2.create_vpc_endpoint(VpcId=vpc["id"], ServiceName=sts, VpcEndpointType="Interface",
                                    SubnetIds=[vpc["subnet"]], SecurityGroupIds=[vpc["group"]])["VpcEndpoint"]
    iid = iface["VpcEndpointId"]
    assert iface["SubnetIds"] == [vpc["subnet"]] and [g["GroupId"] for g in iface["Groups"]] == [vpc["group"]]
    assert iface["PrivateDnsEnabled"] is True and iface["DnsEntries"][0]["DnsName"].startswith(iid)

    listed = ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc["id"]]}])["VpcEndpoints"]
    assert {e["VpcEndpointId"] for e in listed} == {gid, iid}
    by_type = ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-endpoint-type", "Values": ["Interface"]}])
    assert [e["VpcEndpointId"] for e in by_type["VpcEndpoints"]] == [iid]
    assert {"Key": "Name", "Value": "kg-s3"} in ec2.describe_vpc_endpoints(VpcEndpointIds=[gid])["VpcEndpoints"][0]["Tags"]

    policy = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::kg-vod/*"}]})
    assert ec2.modify_vpc_endpoint(VpcEndpointId=gid, PolicyDocument=policy, RemoveRouteTableIds=[vpc["table"]])[
        "Return"] is True
    changed = ec2.describe_vpc_endpoints(VpcEndpointIds=[gid])["VpcEndpoints"][0]
    assert json.loads(changed["PolicyDocument"]) == json.loads(policy) and changed["RouteTableIds"] == []

    # A VPC with endpoints cannot be deleted; the endpoints can.
    code, _, _ = expect_client_error(ec2.delete_vpc, VpcId=vpc["id"])
    assert code == "DependencyViolation"
    out = region.aws("ec2", "delete-vpc-endpoints", "--vpc-endpoint-ids", gid, iid, "vpce-0123456789abcdef0")
    assert [u["ResourceId"] for u in out["Unsuccessful"]] == ["vpce-0123456789abcdef0"]
    assert out["Unsuccessful"][0]["Error"]["Code"] == "InvalidVpcEndpoint.NotFound"
    code, _, _ = expect_client_error(ec2.describe_vpc_endpoints, VpcEndpointIds=[gid])
    assert code == "InvalidVpcEndpointId.NotFound"


@pytest.mark.parametrize("kw, code", [
    ({"ServiceName": "com.amazonaws.elsewhere-1.s3"}, "InvalidServiceName"),
    ({"ServiceName": f"com.amazonaws.{hg.DEFAULT_REGION}.sts"}, "InvalidParameter"),  # no Gateway type
    ({"ServiceName": f"com.amazonaws.{hg.DEFAULT_REGION}.s3", "RouteTableIds": ["rtb-0123456789abcdef0"]},
     "InvalidRouteTableID.NotFound"),
    ({"ServiceName": f"com.amazonaws.{hg.DEFAULT_REGION}.s3", "PolicyDocument": "{not json"},
     "MalformedPolicyDocument"),
])
def test_create_vpc_endpoint_refuses_what_ec2_refuses(ec2, vpc, kw, code):
    assert expect_client_error(ec2.create_vpc_endpoint, VpcId=vpc["id"], **kw)[0] == code


def test_managed_prefix_lists_keep_their_versions(ec2, region):
    made = ec2.create_managed_prefix_list(
        PrefixListName="kg-studios", AddressFamily="IPv4", MaxEntries=3,
        Entries=[{"Cidr": "198.51.100.0/24", "Description": "Seoul studio"}],
        TagSpecifications=[{"ResourceType": "prefix-list", "Tags": [{"Key": "team", "Value": "broadcast"}]}],
    )["PrefixList"]
    pl = made["PrefixListId"]
    assert made["Version"] == 1 and made["State"] == "create-complete" and made["OwnerId"] == region.account
    assert made["PrefixListArn"].endswith(f":prefix-list/{pl}")
    out = ec2.modify_managed_prefix_list(PrefixListId=pl, CurrentVersion=1,
                                         AddEntries=[{"Cidr": "203.0.113.0/24", "Description": "London"}],
                                         RemoveEntries=[{"Cidr": "198.51.100.0/24"}])["PrefixList"]
    assert out["Version"] == 2
    assert ec2.get_managed_prefix_list_entries(PrefixListId=pl)["Entries"] == [
        {"Cidr": "203.0.113.0/24", "Description": "London"}]
    assert ec2.get_managed_prefix_list_entries(PrefixListId=pl, TargetVersion=1)["Entries"] == [
        {"Cidr": "198.51.100.0/24", "Description": "Seoul studio"}]
    code, _, _ = expect_client_error(ec2.modify_managed_prefix_list, PrefixListId=pl, CurrentVersion=1,
                                     AddEntries=[{"Cidr": "192.0.2.0/24"}])
    assert code == "PrefixListVersionMismatch"
    code, _, _ = expect_client_error(ec2.modify_managed_prefix_list, PrefixListId=pl, CurrentVersion=2, AddEntries=[
        {"Cidr": "192.0.2.0/24"}, {"Cidr": "192.0.3.0/24"}, {"Cidr": "192.0.4.0/24"}])
    assert code == "InvalidParameterValue"
    code, _, _ = expect_client_error(ec2.create_managed_prefix_list, PrefixListName="v6-in-v4",
                                     AddressFamily="IPv4", MaxEntries=2, Entries=[{"Cidr": "2001:db8::/32"}])
    assert code == "InvalidParameterValue"

    # The AWS-managed lists of the gateway services are there, read-only.
    aws = ec2.describe_managed_prefix_lists(Filters=[{"Name": "owner-id", "Values": ["AWS"]}])["PrefixLists"]
    names = {p["PrefixListName"]: p["PrefixListId"] for p in aws}
    s3 = names[f"com.amazonaws.{hg.DEFAULT_REGION}.s3"]
    assert [p["PrefixListId"] for p in ec2.describe_prefix_lists()["PrefixLists"]
            if p["PrefixListName"].endswith(".s3")] == [s3]
    code, _, _ = expect_client_error(ec2.modify_managed_prefix_list, PrefixListId=s3,
                                     AddEntries=[{"Cidr": "192.0.2.0/24"}])
    assert code == "UnauthorizedOperation"

    # Kept across a restart.
    region.restart()
    ec2 = region.client("ec2")
    assert ec2.describe_managed_prefix_lists(PrefixListIds=[pl])["PrefixLists"][0]["Version"] == 2
    assert ec2.describe_managed_prefix_lists(PrefixListIds=[s3])["PrefixLists"][0]["PrefixListId"] == s3
    assert ec2.delete_managed_prefix_list(PrefixListId=pl)["PrefixList"]["State"] == "delete-complete"
    code, _, _ = expect_client_error(ec2.describe_managed_prefix_lists, PrefixListIds=[pl])
    assert code == "InvalidPrefixListID.NotFound"


STACK = """
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.62.0.0/16}
  Table:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3
      RouteTableIds: [!Ref Table]
      PolicyDocument:
        Version: '2012-10-17'
        Statement: [{Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::kg-vod/*'}]
  Studios:
    Type: AWS::EC2::PrefixList
    Properties:
      PrefixListName: kg-studios-stack
      AddressFamily: IPv4
      MaxEntries: 5
      Entries: [{Cidr: 198.51.100.0/24, Description: Seoul}]
      Tags: [{Key: team, Value: broadcast}]
Outputs:
  Endpoint: {Value: !Ref S3}
  PrefixList: {Value: !Ref Studios}
  PrefixListArn: {Value: !GetAtt Studios.Arn}
  Version: {Value: !GetAtt Studios.Version}
"""


def test_a_stack_makes_and_deletes_endpoints_and_prefix_lists(region, ec2):
    cfn = region.client("cloudformation")
    stack_id = cfn.create_stack(StackName="kg-endpoints", TemplateBody=STACK)["StackId"]
    cfn.get_waiter("stack_create_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    out = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["Outputs"]}
    [endpoint] = ec2.describe_vpc_endpoints(VpcEndpointIds=[out["Endpoint"]])["VpcEndpoints"]
    assert endpoint["ServiceName"] == f"com.amazonaws.{hg.DEFAULT_REGION}.s3"
    assert json.loads(endpoint["PolicyDocument"])["Statement"][0]["Action"] == "s3:GetObject"
    assert out["PrefixListArn"].endswith(out["PrefixList"]) and out["Version"] == "1"
    assert ec2.get_managed_prefix_list_entries(PrefixListId=out["PrefixList"])["Entries"] == [
        {"Cidr": "198.51.100.0/24", "Description": "Seoul"}]
    cfn.delete_stack(StackName=stack_id)
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    assert expect_client_error(ec2.describe_vpc_endpoints, VpcEndpointIds=[out["Endpoint"]])[0] == \
        "InvalidVpcEndpointId.NotFound"
    assert expect_client_error(ec2.describe_managed_prefix_lists, PrefixListIds=[out["PrefixList"]])[0] == \
        "InvalidPrefixListID.NotFound"
