"""Spot Instance requests and EC2 Fleets through boto3 and the real aws CLI: both launch real
instances (processes in the region), a Spot request follows its instance's life, a fleet takes
its launch template's overrides in priority order and splits on-demand from Spot capacity, and
deleting a fleet terminates its instances when asked."""

from __future__ import annotations

import json
import time

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
    return ec2.register_image(Name="spot-test-sleeper", ImageLocation=str(bundle))["ImageId"]


def instance(ec2, iid) -> dict:
    return ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]


def wait_state(ec2, iid, state):
    hg.wait_until(lambda: instance(ec2, iid)["State"]["Name"] == state, timeout=30, what=f"{iid} {state}")


def running_processes(region) -> int:
    return len(hg.instance_pids_under(region.data_dir))


def test_a_spot_request_launches_a_real_instance_and_follows_it(ec2, region, image_id):
    before = running_processes(region)
    out = ec2.request_spot_instances(
        InstanceCount=2, SpotPrice="0.05", Type="one-time",
        LaunchSpecification={"ImageId": image_id, "InstanceType": "t3.micro"},
        TagSpecifications=[{"ResourceType": "spot-instances-request", "Tags": [{"Key": "match", "Value": "R16"}]}],
    )["SpotInstanceRequests"]
    assert len(out) == 2
    sirs = [r["SpotInstanceRequestId"] for r in out]
    assert all(s.startswith("sir-") for s in sirs)
    assert {r["State"] for r in out} == {"active"} and {r["Status"]["Code"] for r in out} == {"fulfilled"}
    assert {r["SpotPrice"] for r in out} == {"0.05"} and {r["Type"] for r in out} == {"one-time"}
    iids = [r["InstanceId"] for r in out]
    for iid, sir in zip(iids, sirs):
        i = instance(ec2, iid)
        assert i["InstanceLifecycle"] == "spot" and i["SpotInstanceRequestId"] == sir
        wait_state(ec2, iid, "running")
    assert running_processes(region) == before + 2
    spot_only = ec2.describe_instances(Filters=[{"Name": "instance-lifecycle", "Values": ["spot"]}])
    assert {i["InstanceId"] for r in spot_only["Reservations"] for i in r["Instances"]} >= set(iids)
    tagged = ec2.describe_spot_instance_requests(Filters=[{"Name": "tag:match", "Values": ["R16"]}])
    assert sorted(r["SpotInstanceRequestId"] for r in tagged["SpotInstanceRequests"]) == sorted(sirs)

    # Cancelling leaves the instance running; terminating the other's instance closes it.
    assert ec2.cancel_spot_instance_requests(SpotInstanceRequestIds=[sirs[0]])["CancelledSpotInstanceRequests"] == [
        {"SpotInstanceRequestId": sirs[0], "State": "cancelled"}]
    ec2.terminate_instances(InstanceIds=[iids[1]])
    wait_state(ec2, iids[1], "terminated")
    states = {r["SpotInstanceRequestId"]: (r["State"], r["Status"]["Code"]) for r in
              ec2.describe_spot_instance_requests(SpotInstanceRequestIds=sirs)["SpotInstanceRequests"]}
    assert states == {sirs[0]: ("cancelled", "request-canceled-and-instance-running"),
                      sirs[1]: ("closed", "instance-terminated-by-user")}
    assert instance(ec2, iids[0])["State"]["Name"] == "running"
    ec2.terminate_instances(InstanceIds=[iids[0]])
    wait_state(ec2, iids[0], "terminated")


def test_run_instances_can_ask_for_spot(ec2, image_id):
    i = ec2.run_instances(ImageId=image_id, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                          InstanceMarketOptions={"MarketType": "spot",
                                                 "SpotOptions": {"MaxPrice": "0.02"}})["Instances"][0]
    assert i["InstanceLifecycle"] == "spot"
    [r] = ec2.describe_spot_instance_requests(SpotInstanceRequestIds=[i["SpotInstanceRequestId"]])[
        "SpotInstanceRequests"]
    assert r["InstanceId"] == i["InstanceId"] and r["SpotPrice"] == "0.02"
    ec2.terminate_instances(InstanceIds=[i["InstanceId"]])


@pytest.mark.parametrize("call, kw, code", [
    ("request_spot_instances", {"Type": "forever", "LaunchSpecification": {"ImageId": "IMAGE"}},
     "InvalidParameterValue"),
    ("run_instances", {"ImageId": "IMAGE", "MinCount": 1, "MaxCount": 1, "InstanceMarketOptions": {
        "MarketType": "spot", "SpotOptions": {"SpotInstanceType": "persistent"}}}, "UnsupportedOperation"),
    ("request_spot_instances", {"SpotPrice": "-1", "LaunchSpecification": {"ImageId": "IMAGE"}},
     "InvalidParameterValue"),
    ("request_spot_instances", {"LaunchSpecification": {"ImageId": "ami-0123456789abcdef0"}}, "InvalidAMIID.NotFound"),
    ("describe_spot_instance_requests", {"SpotInstanceRequestIds": ["sir-00000000"]},
     "InvalidSpotInstanceRequestID.NotFound"),
    ("cancel_spot_instance_requests", {"SpotInstanceRequestIds": ["sir-00000000"]},
     "InvalidSpotInstanceRequestID.NotFound"),
])
def test_spot_errors(ec2, image_id, call, kw, code):
    if kw.get("LaunchSpecification", {}).get("ImageId") == "IMAGE":
        kw = {**kw, "LaunchSpecification": {"ImageId": image_id}}
    if kw.get("ImageId") == "IMAGE":
        kw = {**kw, "ImageId": image_id}
    assert expect_client_error(getattr(ec2, call), **kw)[0] == code


def test_spot_price_history_is_the_on_demand_price(ec2, region):
    """No market here: a Spot price is the price list's on-demand one (AWS's, by default)."""
    zone = ec2.describe_availability_zones()["AvailabilityZones"][0]["ZoneName"]
    got = ec2.describe_spot_price_history(InstanceTypes=["t3.micro", "t2.micro"], AvailabilityZone=zone,
                                          ProductDescriptions=["Linux/UNIX"])["SpotPriceHistory"]
    assert sorted((p["InstanceType"], p["SpotPrice"], p["AvailabilityZone"], p["ProductDescription"]) for p in got) == [
        ("t2.micro", "0.011600", zone, "Linux/UNIX"), ("t3.micro", "0.010400", zone, "Linux/UNIX")]
    out = region.aws("ec2", "describe-spot-price-history", "--filters", "Name=instance-type,Values=m5.large",
                     "Name=product-description,Values=Linux/UNIX (Amazon VPC)")["SpotPriceHistory"]
    assert len(out) == 4 and {p["SpotPrice"] for p in out} == {"0.096000"}  # one per zone
    code, msg, _ = expect_client_error(ec2.describe_spot_price_history, AvailabilityZone="mars-1a")
    assert code == "InvalidParameterValue" and "mars-1a" in msg


@pytest.fixture(scope="module")
def template(ec2, image_id):
    return ec2.create_launch_template(LaunchTemplateName="kg-fleet", LaunchTemplateData={
        "ImageId": image_id, "InstanceType": "t3.micro"})["LaunchTemplate"]["LaunchTemplateId"]


def test_an_instant_fleet_splits_on_demand_and_spot(ec2, region, template):
    zones = sorted(s["AvailabilityZone"] for s in ec2.describe_subnets(
        Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"])
    out = ec2.create_fleet(
        Type="instant",
        TargetCapacitySpecification={"TotalTargetCapacity": 3, "OnDemandTargetCapacity": 1,
                                     "DefaultTargetCapacityType": "spot"},
        LaunchTemplateConfigs=[{"LaunchTemplateSpecification": {"LaunchTemplateId": template, "Version": "$Latest"},
                                "Overrides": [{"InstanceType": "t3.small", "AvailabilityZone": zones[1], "Priority": 2},
                                              {"InstanceType": "t3.micro", "AvailabilityZone": zones[0], "Priority": 1}]}],
        TagSpecifications=[{"ResourceType": "fleet", "Tags": [{"Key": "match", "Value": "final"}]},
                           {"ResourceType": "instance", "Tags": [{"Key": "role", "Value": "stream"}]}],
    )
    fleet = out["FleetId"]
    assert fleet.startswith("fleet-") and out["Errors"] == []
    by_lifecycle = {g["Lifecycle"]: g for g in out["Instances"]}
    assert len(by_lifecycle["on-demand"]["InstanceIds"]) == 1 and len(by_lifecycle["spot"]["InstanceIds"]) == 2
    # The override with the lowest priority number goes first.
    assert {g["InstanceType"] for g in out["Instances"]} == {"t3.micro"}
    iids = [i for g in out["Instances"] for i in g["InstanceIds"]]
    for iid in iids:
        i = instance(ec2, iid)
        assert i["Placement"]["AvailabilityZone"] == zones[0]
        assert {"Key": "role", "Value": "stream"} in i["Tags"]
    assert sum(1 for iid in iids if instance(ec2, iid).get("InstanceLifecycle") == "spot") == 2

    [f] = ec2.describe_fleets(FleetIds=[fleet])["Fleets"]
    assert f["FleetState"] == "active" and f["Type"] == "instant" and f["FulfilledCapacity"] == 3.0
    assert f["FulfilledOnDemandCapacity"] == 1.0 and {"Key": "match", "Value": "final"} in f["Tags"]
    active = ec2.describe_fleet_instances(FleetId=fleet)["ActiveInstances"]
    assert sorted(a["InstanceId"] for a in active) == sorted(iids)

    deleted = ec2.delete_fleets(FleetIds=[fleet, "fleet-00000000-0000-0000-0000-000000000000"], TerminateInstances=True)
    assert deleted["SuccessfulFleetDeletions"][0]["CurrentFleetState"] == "deleted_terminating"
    assert deleted["UnsuccessfulFleetDeletions"][0]["Error"]["Code"] == "fleetIdDoesNotExist"
    for iid in iids:
        wait_state(ec2, iid, "terminated")
    assert ec2.describe_fleet_instances(FleetId=fleet)["ActiveInstances"] == []


def test_a_request_fleet_through_the_cli(region, ec2, template):
    out = region.aws("ec2", "create-fleet", "--type", "request",
                     "--target-capacity-specification", "TotalTargetCapacity=2,DefaultTargetCapacityType=on-demand",
                     "--launch-template-configs",
                     json.dumps([{"LaunchTemplateSpecification": {"LaunchTemplateName": "kg-fleet", "Version": "1"},
                                  "Overrides": [{"WeightedCapacity": 2.0}]}]))
    fleet = out["FleetId"]
    assert "Instances" not in out
    active = ec2.describe_fleet_instances(FleetId=fleet)["ActiveInstances"]
    assert len(active) == 1  # one instance of weight 2 meets a capacity of 2
    assert ec2.describe_fleets(FleetIds=[fleet])["Fleets"][0]["ActivityStatus"] == "fulfilled"
    ec2.delete_fleets(FleetIds=[fleet], TerminateInstances=True)
    wait_state(ec2, active[0]["InstanceId"], "terminated")


def test_a_persistent_spot_request_launches_again_when_its_instance_ends(ec2, region, image_id):
    """Persistent: the user terminates the instance, the request opens again and a new instance
    is launched for it; cancelled, it launches no more."""
    [r] = ec2.request_spot_instances(InstanceCount=1, Type="persistent",
                                     LaunchSpecification={"ImageId": image_id, "InstanceType": "t3.micro"},
                                     )["SpotInstanceRequests"]
    sir, first = r["SpotInstanceRequestId"], r["InstanceId"]
    assert r["Type"] == "persistent" and r["State"] == "active"
    wait_state(ec2, first, "running")
    ec2.terminate_instances(InstanceIds=[first])

    def relaunched():
        [cur] = ec2.describe_spot_instance_requests(SpotInstanceRequestIds=[sir])["SpotInstanceRequests"]
        return cur if cur["InstanceId"] != first and cur["State"] == "active" else None
    cur = hg.wait_until(relaunched, timeout=20, what="the persistent request's second instance")
    second = cur["InstanceId"]
    wait_state(ec2, second, "running")
    i = instance(ec2, second)
    assert i["InstanceLifecycle"] == "spot" and i["SpotInstanceRequestId"] == sir
    assert instance(ec2, first)["State"]["Name"] == "terminated"
    # Cancelled: the instance keeps running, and nothing is launched once it ends.
    assert ec2.cancel_spot_instance_requests(SpotInstanceRequestIds=[sir])[
        "CancelledSpotInstanceRequests"][0]["State"] == "cancelled"
    ec2.terminate_instances(InstanceIds=[second])
    wait_state(ec2, second, "terminated")
    time.sleep(2.5)  # more than two of the controller's refill passes
    [after] = ec2.describe_spot_instance_requests(SpotInstanceRequestIds=[sir])["SpotInstanceRequests"]
    assert after["InstanceId"] == second and after["State"] == "cancelled"
    mine = ec2.describe_instances(Filters=[{"Name": "spot-instance-request-id", "Values": [sir]}])["Reservations"]
    assert sorted(i["InstanceId"] for res in mine for i in res["Instances"]) == sorted([first, second])


def test_a_maintain_fleet_replaces_what_it_loses(ec2, region, template):
    """The default fleet type: an instance terminated is replaced to keep the target capacity;
    deleted without terminating, the fleet stops replacing and its instances keep running."""
    out = ec2.create_fleet(
        TargetCapacitySpecification={"TotalTargetCapacity": 2, "OnDemandTargetCapacity": 1,
                                     "DefaultTargetCapacityType": "spot"},
        LaunchTemplateConfigs=[{"LaunchTemplateSpecification": {"LaunchTemplateId": template, "Version": "1"}}],
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "role", "Value": "kept"}]}])
    fleet = out["FleetId"]
    [f] = ec2.describe_fleets(FleetIds=[fleet])["Fleets"]
    assert f["Type"] == "maintain" and f["FleetState"] == "active" and f["FulfilledCapacity"] == 2.0

    def active():
        return sorted(a["InstanceId"] for a in ec2.describe_fleet_instances(FleetId=fleet)["ActiveInstances"])
    before = active()
    assert len(before) == 2
    lost = next(i for i in before if instance(ec2, i).get("InstanceLifecycle") == "spot")
    ec2.terminate_instances(InstanceIds=[lost])
    now = hg.wait_until(lambda: (lambda a: a if len(a) == 2 and lost not in a else None)(active()), timeout=20,
                        what="the fleet back at its capacity")
    [new] = set(now) - set(before)
    i = instance(ec2, new)
    # The replacement is of the lifecycle that was lost, tagged as the request said.
    assert i.get("InstanceLifecycle") == "spot" and {"Key": "role", "Value": "kept"} in i["Tags"]
    [f] = ec2.describe_fleets(FleetIds=[fleet])["Fleets"]
    assert f["FulfilledCapacity"] == 2.0 and f["FulfilledOnDemandCapacity"] == 1.0
    # Deleted, keeping its instances: it replaces nothing any more.
    assert ec2.delete_fleets(FleetIds=[fleet], TerminateInstances=False)[
        "SuccessfulFleetDeletions"][0]["CurrentFleetState"] == "deleted"
    ec2.terminate_instances(InstanceIds=[new])
    wait_state(ec2, new, "terminated")
    time.sleep(2.5)
    assert active() == sorted(set(now) - {new})
    ec2.terminate_instances(InstanceIds=active())


def test_fleet_errors(ec2, template):
    code, msg, _ = expect_client_error(ec2.create_fleet, Type="forever",
                                       TargetCapacitySpecification={"TotalTargetCapacity": 1,
                                                                    "DefaultTargetCapacityType": "on-demand"},
                                       LaunchTemplateConfigs=[{"LaunchTemplateSpecification": {
                                           "LaunchTemplateId": template, "Version": "1"}}])
    assert code == "InvalidParameterValue" and "instant, request and maintain" in msg
    out = ec2.create_fleet(Type="instant",
                           TargetCapacitySpecification={"TotalTargetCapacity": 1, "DefaultTargetCapacityType": "on-demand"},
                           LaunchTemplateConfigs=[{"LaunchTemplateSpecification": {"LaunchTemplateId": template, "Version": "1"},
                                                   "Overrides": [{"InstanceType": "x9.nothing"}]}])
    assert out["Instances"] == [] and out["Errors"][0]["ErrorCode"] == "InvalidParameterValue"
    assert expect_client_error(ec2.describe_fleets, FleetIds=["fleet-00000000-0000-0000-0000-000000000000"])[0] == \
        "InvalidFleetId.NotFound"


def test_dedicated_hosts(ec2, region):
    zone = ec2.describe_availability_zones()["AvailabilityZones"][0]["ZoneName"]
    ids = ec2.allocate_hosts(AvailabilityZone=zone, InstanceType="m5.large", Quantity=2, AutoPlacement="on",
                             TagSpecifications=[{"ResourceType": "dedicated-host",
                                                 "Tags": [{"Key": "licence", "Value": "byol"}]}])["HostIds"]
    assert len(ids) == 2 and all(h.startswith("h-") for h in ids)
    hosts = {h["HostId"]: h for h in ec2.describe_hosts(HostIds=ids)["Hosts"]}
    h = hosts[ids[0]]
    assert h["State"] == "available" and h["AutoPlacement"] == "on" and h["AvailabilityZone"] == zone
    assert h["HostProperties"]["InstanceType"] == "m5.large" and h["HostProperties"]["TotalVCpus"] == 96
    assert h["AvailableCapacity"]["AvailableInstanceCapacity"] == [
        {"InstanceType": "m5.large", "AvailableCapacity": 48, "TotalCapacity": 48}]
    assert {"Key": "licence", "Value": "byol"} in h["Tags"]
    out = ec2.modify_hosts(HostIds=[ids[0], "h-0123456789abcdef0"], AutoPlacement="off")
    assert out["Successful"] == [ids[0]] and out["Unsuccessful"][0]["Error"]["Code"] == "InvalidHostID.NotFound"
    assert ec2.describe_hosts(Filter=[{"Name": "auto-placement", "Values": ["off"]}])["Hosts"][0]["HostId"] == ids[0]
    assert ec2.release_hosts(HostIds=ids)["Successful"] == ids
    assert {h["State"] for h in ec2.describe_hosts(HostIds=ids)["Hosts"]} == {"released"}
    code, _, _ = expect_client_error(ec2.allocate_hosts, AvailabilityZone=zone, InstanceType="m5.large",
                                     InstanceFamily="m5")
    assert code == "InvalidParameterCombination"
    code, _, _ = expect_client_error(ec2.allocate_hosts, AvailabilityZone="mars-1a", InstanceType="m5.large")
    assert code == "InvalidParameterValue"
