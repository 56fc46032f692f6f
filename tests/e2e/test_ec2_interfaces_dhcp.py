"""Network interfaces and DHCP option sets through boto3 and the real aws CLI, as Terraform and
the console read and change them: every instance's primary interface (listed, described,
changed through the instance's attributes, gone with the instance), interfaces made, attached,
detached and deleted with EC2's error codes, and DHCP option sets made, associated with a VPC,
refused while in use, and kept across a restart."""

from __future__ import annotations

import ipaddress
import json

import pytest

import hg
from hg import expect_client_error


@pytest.fixture(scope="module")
def ec2(region):
    return region.client("ec2")


@pytest.fixture(scope="module")
def image_id(ec2, tmp_path_factory):
    """An image whose instances just sleep."""
    bundle = tmp_path_factory.mktemp("bundle")
    (bundle / "rootfs").mkdir()
    (bundle / "homeground-image.json").write_text(json.dumps({"boot": ["/bin/sleep", "600"]}))
    return ec2.register_image(Name="eni-test-sleeper", ImageLocation=str(bundle))["ImageId"]


def launch(ec2, image_id, **kw) -> dict:
    return ec2.run_instances(ImageId=image_id, InstanceType="t3.micro", MinCount=1, MaxCount=1, **kw)["Instances"][0]


def terminate(ec2, iid):
    ec2.terminate_instances(InstanceIds=[iid])
    hg.wait_until(lambda: ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
                  ["State"]["Name"] == "terminated", timeout=30, what=f"{iid} to terminate")


def interface(ec2, eni_id) -> dict:
    found = ec2.describe_network_interfaces(NetworkInterfaceIds=[eni_id])["NetworkInterfaces"]
    assert len(found) == 1
    return found[0]


def test_an_instance_has_its_primary_interface_until_it_is_terminated(ec2, image_id):
    inst = launch(ec2, image_id, TagSpecifications=[
        {"ResourceType": "network-interface", "Tags": [{"Key": "Name", "Value": "kg-web-eth0"}]}])
    iid = inst["InstanceId"]
    [nic] = inst["NetworkInterfaces"]
    eni_id = nic["NetworkInterfaceId"]
    assert eni_id.startswith("eni-") and nic["Attachment"]["DeviceIndex"] == 0
    assert nic["PrivateIpAddress"] == inst["PrivateIpAddress"] and nic["SubnetId"] == inst["SubnetId"]
    assert nic["Attachment"]["DeleteOnTermination"] is True and nic["Status"] == "in-use"

    by_instance = ec2.describe_network_interfaces(
        Filters=[{"Name": "attachment.instance-id", "Values": [iid]}])["NetworkInterfaces"]
    assert [n["NetworkInterfaceId"] for n in by_instance] == [eni_id]
    eni = by_instance[0]
    assert eni["Attachment"]["InstanceId"] == iid and eni["InterfaceType"] == "interface"
    assert [g["GroupId"] for g in eni["Groups"]] == [g["GroupId"] for g in inst["SecurityGroups"]]
    assert eni["TagSet"] == [{"Key": "Name", "Value": "kg-web-eth0"}]
    assert eni["AvailabilityZone"] == inst["Placement"]["AvailabilityZone"]
    assert eni["MacAddress"].count(":") == 5

    # The primary interface cannot be deleted or detached.
    code, msg, status = expect_client_error(ec2.delete_network_interface, NetworkInterfaceId=eni_id)
    assert (code, status) == ("InvalidNetworkInterface.InUse", 400) and eni_id in msg
    code, msg, _ = expect_client_error(ec2.detach_network_interface,
                                       AttachmentId=eni["Attachment"]["AttachmentId"])
    assert code == "OperationNotPermitted" and "device index 0" in msg

    # Its source/destination check and groups are the instance's.
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id, SourceDestCheck={"Value": False})
    assert ec2.describe_instance_attribute(InstanceId=iid, Attribute="sourceDestCheck")["SourceDestCheck"] == \
        {"Value": False}
    assert ec2.describe_network_interface_attribute(NetworkInterfaceId=eni_id, Attribute="sourceDestCheck")[
        "SourceDestCheck"] == {"Value": False}
    vpc_id = inst["VpcId"]
    sg = ec2.create_security_group(GroupName="kg-eni-web", Description="web", VpcId=vpc_id)["GroupId"]
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id, Groups=[sg])
    described = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
    assert [g["GroupId"] for g in described["SecurityGroups"]] == [sg]
    assert [g["GroupId"] for g in described["NetworkInterfaces"][0]["Groups"]] == [sg]
    ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id, Description={"Value": "front door"})
    assert ec2.describe_network_interface_attribute(NetworkInterfaceId=eni_id, Attribute="description")[
        "Description"] == {"Value": "front door"}

    terminate(ec2, iid)
    code, _, _ = expect_client_error(ec2.describe_network_interfaces, NetworkInterfaceIds=[eni_id])
    assert code == "InvalidNetworkInterfaceID.NotFound"
    # A terminated instance shows no interfaces, as on EC2.
    assert "NetworkInterfaces" not in ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]


def test_an_interface_is_made_attached_detached_and_deleted(ec2, image_id):
    inst = launch(ec2, image_id)
    iid, subnet_id = inst["InstanceId"], inst["SubnetId"]
    subnet = ec2.describe_subnets(SubnetIds=[subnet_id])["Subnets"][0]
    before = subnet["AvailableIpAddressCount"]
    made = ec2.create_network_interface(SubnetId=subnet_id, Description="kg-stream-eth1", TagSpecifications=[
        {"ResourceType": "network-interface", "Tags": [{"Key": "team", "Value": "streaming"}]}])["NetworkInterface"]
    eni_id = made["NetworkInterfaceId"]
    assert made["Status"] == "available" and made["Description"] == "kg-stream-eth1"
    assert ipaddress.ip_address(made["PrivateIpAddress"]) in ipaddress.ip_network(subnet["CidrBlock"])
    assert made["PrivateIpAddress"] != inst["PrivateIpAddress"]
    # It holds an address of the subnet, and the default group of the VPC.
    assert ec2.describe_subnets(SubnetIds=[subnet_id])["Subnets"][0]["AvailableIpAddressCount"] == before - 1
    assert [g["GroupName"] for g in made["Groups"]] == ["default"]
    tags = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [eni_id]}])["Tags"]
    assert tags == [{"Key": "team", "ResourceId": eni_id, "ResourceType": "network-interface", "Value": "streaming"}]

    attachment = ec2.attach_network_interface(NetworkInterfaceId=eni_id, InstanceId=iid, DeviceIndex=1)["AttachmentId"]
    assert attachment.startswith("eni-attach-")
    eni = interface(ec2, eni_id)
    assert eni["Status"] == "in-use" and eni["Attachment"]["InstanceId"] == iid
    assert eni["Attachment"]["DeviceIndex"] == 1 and eni["Attachment"]["DeleteOnTermination"] is False
    code, _, _ = expect_client_error(ec2.attach_network_interface, NetworkInterfaceId=eni_id, InstanceId=iid,
                                     DeviceIndex=2)
    assert code == "InvalidNetworkInterface.InUse"
    other = ec2.create_network_interface(SubnetId=subnet_id)["NetworkInterface"]["NetworkInterfaceId"]
    code, msg, _ = expect_client_error(ec2.attach_network_interface, NetworkInterfaceId=other, InstanceId=iid,
                                       DeviceIndex=1)
    assert code == "InvalidParameterValue" and "device index '1'" in msg
    code, _, _ = expect_client_error(ec2.delete_network_interface, NetworkInterfaceId=eni_id)
    assert code == "InvalidNetworkInterface.InUse"

    ec2.detach_network_interface(AttachmentId=attachment)
    assert interface(ec2, eni_id)["Status"] == "available" and "Attachment" not in interface(ec2, eni_id)
    code, _, _ = expect_client_error(ec2.detach_network_interface, AttachmentId=attachment)
    assert code == "InvalidAttachmentID.NotFound"
    ec2.delete_network_interface(NetworkInterfaceId=eni_id)
    ec2.delete_network_interface(NetworkInterfaceId=other)
    code, msg, status = expect_client_error(ec2.describe_network_interfaces, NetworkInterfaceIds=[eni_id])
    assert (code, status) == ("InvalidNetworkInterfaceID.NotFound", 400) and eni_id in msg
    code, _, _ = expect_client_error(ec2.delete_network_interface, NetworkInterfaceId="eni-nothex")
    assert code == "InvalidNetworkInterfaceID.Malformed"
    assert ec2.describe_subnets(SubnetIds=[subnet_id])["Subnets"][0]["AvailableIpAddressCount"] == before
    terminate(ec2, iid)


def test_interfaces_follow_their_attachment_when_the_instance_goes(ec2, image_id):
    inst = launch(ec2, image_id)
    iid, subnet_id = inst["InstanceId"], inst["SubnetId"]
    kept = ec2.create_network_interface(SubnetId=subnet_id)["NetworkInterface"]["NetworkInterfaceId"]
    dropped = ec2.create_network_interface(SubnetId=subnet_id)["NetworkInterface"]["NetworkInterfaceId"]
    ec2.attach_network_interface(NetworkInterfaceId=kept, InstanceId=iid, DeviceIndex=1)
    att = ec2.attach_network_interface(NetworkInterfaceId=dropped, InstanceId=iid, DeviceIndex=2)["AttachmentId"]
    ec2.modify_network_interface_attribute(NetworkInterfaceId=dropped,
                                           Attachment={"AttachmentId": att, "DeleteOnTermination": True})
    assert interface(ec2, dropped)["Attachment"]["DeleteOnTermination"] is True

    # Another zone's subnet cannot lend an interface to this instance.
    zone = inst["Placement"]["AvailabilityZone"]
    elsewhere = [s for s in ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]
                 if s["AvailabilityZone"] != zone][0]["SubnetId"]
    far = ec2.create_network_interface(SubnetId=elsewhere)["NetworkInterface"]["NetworkInterfaceId"]
    code, _, _ = expect_client_error(ec2.attach_network_interface, NetworkInterfaceId=far, InstanceId=iid,
                                     DeviceIndex=3)
    assert code == "InvalidParameterCombination"
    ec2.delete_network_interface(NetworkInterfaceId=far)

    terminate(ec2, iid)
    assert interface(ec2, kept)["Status"] == "available"
    code, _, _ = expect_client_error(ec2.describe_network_interfaces, NetworkInterfaceIds=[dropped])
    assert code == "InvalidNetworkInterfaceID.NotFound"
    ec2.delete_network_interface(NetworkInterfaceId=kept)


def test_create_network_interface_checks_its_input(ec2):
    code, _, _ = expect_client_error(ec2.create_network_interface, SubnetId="subnet-0123456789abcdef0")
    assert code == "InvalidSubnetID.NotFound"
    subnet_id = ec2.describe_subnets()["Subnets"][0]["SubnetId"]
    code, _, _ = expect_client_error(ec2.create_network_interface, SubnetId=subnet_id,
                                     Groups=["sg-0123456789abcdef0"])
    assert code == "InvalidGroup.NotFound"
    code, _, _ = expect_client_error(ec2.create_network_interface, SubnetId=subnet_id, PrivateIpAddress="8.8.8.8")
    assert code == "InvalidParameterValue"


def test_dhcp_option_sets_are_made_associated_and_kept(region, ec2):
    default_vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]
    default_set = default_vpc["DhcpOptionsId"]
    assert default_set.startswith("dopt-")
    [shown] = ec2.describe_dhcp_options(DhcpOptionsIds=[default_set])["DhcpOptions"]
    config = {c["Key"]: [v["Value"] for v in c["Values"]] for c in shown["DhcpConfigurations"]}
    assert config == {"domain-name": [f"{hg.DEFAULT_REGION}.compute.internal"],
                      "domain-name-servers": ["AmazonProvidedDNS"]}

    made = ec2.create_dhcp_options(DhcpConfigurations=[
        {"Key": "domain-name", "Values": ["kgsports.internal"]},
        {"Key": "domain-name-servers", "Values": ["10.0.0.2", "AmazonProvidedDNS"]},
        {"Key": "ntp-servers", "Values": ["169.254.169.123"]},
    ], TagSpecifications=[{"ResourceType": "dhcp-options", "Tags": [{"Key": "Name", "Value": "kg-dns"}]}])
    dopt = made["DhcpOptions"]["DhcpOptionsId"]
    assert made["DhcpOptions"]["Tags"] == [{"Key": "Name", "Value": "kg-dns"}]
    vpc = ec2.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]
    assert vpc["DhcpOptionsId"] == default_set
    ec2.associate_dhcp_options(DhcpOptionsId=dopt, VpcId=vpc["VpcId"])
    assert [v["VpcId"] for v in ec2.describe_vpcs(
        Filters=[{"Name": "dhcp-options-id", "Values": [dopt]}])["Vpcs"]] == [vpc["VpcId"]]
    assert [d["DhcpOptionsId"] for d in ec2.describe_dhcp_options(
        Filters=[{"Name": "value", "Values": ["kgsports.internal"]}])["DhcpOptions"]] == [dopt]
    code, msg, _ = expect_client_error(ec2.delete_dhcp_options, DhcpOptionsId=dopt)
    assert code == "DependencyViolation" and dopt in msg

    # The association and the sets survive a restart.
    region.restart()
    ec2 = region.client("ec2")
    assert ec2.describe_vpcs(VpcIds=[vpc["VpcId"]])["Vpcs"][0]["DhcpOptionsId"] == dopt
    assert ec2.describe_vpcs(VpcIds=[default_vpc["VpcId"]])["Vpcs"][0]["DhcpOptionsId"] == default_set

    ec2.associate_dhcp_options(DhcpOptionsId="default", VpcId=vpc["VpcId"])
    assert ec2.describe_vpcs(VpcIds=[vpc["VpcId"]])["Vpcs"][0]["DhcpOptionsId"] == "default"
    ec2.delete_dhcp_options(DhcpOptionsId=dopt)
    code, msg, status = expect_client_error(ec2.describe_dhcp_options, DhcpOptionsIds=[dopt])
    assert (code, status) == ("InvalidDhcpOptionID.NotFound", 400) and dopt in msg
    code, _, _ = expect_client_error(ec2.associate_dhcp_options, DhcpOptionsId=dopt, VpcId=vpc["VpcId"])
    assert code == "InvalidDhcpOptionID.NotFound"
    ec2.delete_vpc(VpcId=vpc["VpcId"])


@pytest.mark.parametrize("config, fragment", [
    ([{"Key": "domain-nameservers", "Values": ["10.0.0.2"]}], "Unknown DHCP option"),
    ([{"Key": "domain-name-servers", "Values": ["ten.zero"]}], "ten.zero"),
    ([{"Key": "netbios-node-type", "Values": ["3"]}], "netbios-node-type"),
    ([{"Key": "ntp-servers", "Values": ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"]}], "at most 4"),
])
def test_create_dhcp_options_refuses_what_ec2_refuses(ec2, config, fragment):
    code, msg, status = expect_client_error(ec2.create_dhcp_options, DhcpConfigurations=config)
    assert (code, status) == ("InvalidParameterValue", 400) and fragment in msg, msg


def test_the_cli_lists_interfaces_and_option_sets(region, ec2, image_id):
    inst = launch(ec2, image_id)
    out = region.aws("ec2", "describe-network-interfaces", "--filters",
                     f"Name=attachment.instance-id,Values={inst['InstanceId']}")
    assert [n["Attachment"]["InstanceId"] for n in out["NetworkInterfaces"]] == [inst["InstanceId"]]
    out = region.aws("ec2", "describe-dhcp-options")
    assert any(s["DhcpOptionsId"].startswith("dopt-") for s in out["DhcpOptions"])
    terminate(ec2, inst["InstanceId"])


STACK = """
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ImageId: {Type: String}
Resources:
  Dns:
    Type: AWS::EC2::DHCPOptions
    Properties:
      DomainName: kgsports.internal
      DomainNameServers: [AmazonProvidedDNS]
      Tags: [{Key: Name, Value: kg-dns}]
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.77.0.0/16}
  DnsForVpc:
    Type: AWS::EC2::VPCDHCPOptionsAssociation
    Properties: {DhcpOptionsId: !Ref Dns, VpcId: !Ref Vpc}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.77.1.0/24}
  Stream:
    Type: AWS::EC2::NetworkInterface
    Properties:
      SubnetId: !Ref Subnet
      Description: kg-stream-eth1
      SourceDestCheck: false
      Tags: [{Key: Name, Value: kg-stream}]
  Web:
    Type: AWS::EC2::Instance
    Properties: {ImageId: !Ref ImageId, InstanceType: t3.micro, SubnetId: !Ref Subnet}
  StreamOnWeb:
    Type: AWS::EC2::NetworkInterfaceAttachment
    Properties: {NetworkInterfaceId: !Ref Stream, InstanceId: !Ref Web, DeviceIndex: '1'}
Outputs:
  StreamIp: {Value: !GetAtt Stream.PrimaryPrivateIpAddress}
  Dns: {Value: !Ref Dns}
  Vpc: {Value: !Ref Vpc}
  Stream: {Value: !Ref Stream}
  Web: {Value: !Ref Web}
"""


def test_a_stack_makes_and_deletes_option_sets_and_interfaces(region, ec2, image_id):
    cfn = region.client("cloudformation")
    stack_id = cfn.create_stack(StackName="kg-eni", TemplateBody=STACK,
                                Parameters=[{"ParameterKey": "ImageId", "ParameterValue": image_id}])["StackId"]
    cfn.get_waiter("stack_create_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 120})
    out = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["Outputs"]}
    assert ec2.describe_vpcs(VpcIds=[out["Vpc"]])["Vpcs"][0]["DhcpOptionsId"] == out["Dns"]
    [dns] = ec2.describe_dhcp_options(DhcpOptionsIds=[out["Dns"]])["DhcpOptions"]
    assert {"Key": "Name", "Value": "kg-dns"} in dns["Tags"]
    eni = interface(ec2, out["Stream"])
    assert eni["PrivateIpAddress"] == out["StreamIp"] and eni["SourceDestCheck"] is False
    assert eni["Attachment"]["InstanceId"] == out["Web"] and eni["Attachment"]["DeviceIndex"] == 1
    assert eni["Attachment"]["DeleteOnTermination"] is True  # CloudFormation's default
    assert {"Key": "Name", "Value": "kg-stream"} in eni["TagSet"]

    cfn.delete_stack(StackName=stack_id)
    cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, WaiterConfig={"Delay": 1, "MaxAttempts": 120})
    for call, kw, code in [
        (ec2.describe_network_interfaces, {"NetworkInterfaceIds": [out["Stream"]]}, "InvalidNetworkInterfaceID.NotFound"),
        (ec2.describe_dhcp_options, {"DhcpOptionsIds": [out["Dns"]]}, "InvalidDhcpOptionID.NotFound"),
        (ec2.describe_vpcs, {"VpcIds": [out["Vpc"]]}, "InvalidVpcID.NotFound"),
    ]:
        assert expect_client_error(call, **kw)[0] == code
