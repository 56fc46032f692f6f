"""Classic Elastic Load Balancing (2012-06-01) through the aws CLI and boto3, over the same data
plane as the application load balancers: the customer's first design — a classic load balancer
in front of two KG-Ami instances — with its health check, instance health, connection draining,
cookie stickiness, attributes, policies, tags and AWS's errors."""

from __future__ import annotations

import http.client
import json
import time

import pytest

import hg

ZONES = ["ap-northeast-2a", "ap-northeast-2c"]


@pytest.fixture(scope="module")
def kg(region, tmp_path_factory):
    bundle = hg.kg_ami_bundle(tmp_path_factory.mktemp("kg-ami"))
    ec2 = region.client("ec2")
    ami = ec2.register_image(Name="KG-Ami", ImageLocation=str(bundle))["ImageId"]
    ids = [ec2.run_instances(ImageId=ami, InstanceType="t2.micro", MinCount=1, MaxCount=1,
                             Placement={"AvailabilityZone": z})["Instances"][0]["InstanceId"] for z in ZONES]
    hg.wait_until(lambda: all(i["State"]["Name"] == "running" for r in ec2.describe_instances(InstanceIds=ids)[
        "Reservations"] for i in r["Instances"]), timeout=30, interval=0.2, what="instances running")
    ns = type("KG", (), {})()
    ns.region, ns.ec2, ns.elb, ns.ids = region, ec2, region.client("elb"), ids
    return ns


def get(host, path="/", headers=None, port=80):
    c = http.client.HTTPConnection(host, port, timeout=5)
    try:
        c.request("GET", path, headers=headers or {})
        r = c.getresponse()
        return r.status, dict(r.getheaders()), r.read().decode()
    finally:
        c.close()


def health(kg, name="KG-Classic"):
    return {s["InstanceId"]: s for s in kg.elb.describe_instance_health(LoadBalancerName=name)["InstanceStates"]}


def test_a_classic_load_balancer_serves_kg_sports_from_healthy_instances(kg):
    dns = kg.region.aws("elb", "create-load-balancer", "--load-balancer-name", "KG-Classic",
                        "--listeners", "Protocol=HTTP,LoadBalancerPort=80,InstanceProtocol=HTTP,InstancePort=80",
                        "--availability-zones", *ZONES)["DNSName"]
    kg.dns = dns
    d = kg.elb.describe_load_balancers(LoadBalancerNames=["KG-Classic"])["LoadBalancerDescriptions"][0]
    assert d["DNSName"] == dns and d["AvailabilityZones"] == ZONES and d["Scheme"] == "internet-facing"
    assert d["ListenerDescriptions"][0]["Listener"] == {"Protocol": "HTTP", "LoadBalancerPort": 80,
                                                         "InstanceProtocol": "HTTP", "InstancePort": 80}
    assert d["HealthCheck"]["Target"] == "TCP:80", d["HealthCheck"]
    hc = kg.elb.configure_health_check(LoadBalancerName="KG-Classic", HealthCheck={
        "Target": "HTTP:80/health", "Interval": 5, "Timeout": 2, "UnhealthyThreshold": 2, "HealthyThreshold": 2})
    assert hc["HealthCheck"]["Target"] == "HTTP:80/health"
    out = kg.elb.register_instances_with_load_balancer(LoadBalancerName="KG-Classic",
                                                        Instances=[{"InstanceId": i} for i in kg.ids])
    assert sorted(i["InstanceId"] for i in out["Instances"]) == sorted(kg.ids)
    states = hg.wait_until(lambda: (lambda h: h if all(s["State"] == "InService" for s in h.values()) else None)(
        health(kg)), timeout=20, interval=0.2, what="both instances InService")
    assert all(s["ReasonCode"] == "N/A" for s in states.values()), states
    served = set()
    for _ in range(20):
        status, _, body = get(dns, "/health")
        assert status == 200
        served.add(json.loads(body)["instance_id"])
    assert served == set(kg.ids), served
    status, _, body = get(dns, "/")
    assert status == 200 and "KG SPORTS" in body


def test_aws_elb_metrics_reach_cloudwatch(kg):
    cw = kg.region.client("cloudwatch")
    for _ in range(5):
        assert get(kg.dns, "/health")[0] == 200

    def stat(name, statistic):
        now = time.time()
        d = cw.get_metric_statistics(Namespace="AWS/ELB", MetricName=name, StartTime=now - 120, EndTime=now + 1,
                                     Period=60, Statistics=[statistic],
                                     Dimensions=[{"Name": "LoadBalancerName", "Value": "KG-Classic"}])["Datapoints"]
        return sum(p[statistic] for p in d) if statistic == "Sum" else max((p[statistic] for p in d), default=None)
    hg.wait_until(lambda: (stat("RequestCount", "Sum") or 0) >= 25, timeout=10, what="RequestCount")
    hg.wait_until(lambda: stat("HealthyHostCount", "Maximum") == 2.0, timeout=10, what="HealthyHostCount")
    assert (stat("HTTPCode_Backend_2XX", "Sum") or 0) >= 25
    assert stat("Latency", "Maximum") is not None


def test_a_failing_instance_goes_out_of_service_and_traffic_avoids_it(kg):
    victim, other = kg.ids
    root = (kg.region.data_dir / "ec2" / "instances" / victim / "root" / "data").resolve()
    (root / "unhealthy").write_text("maintenance")
    try:
        h = hg.wait_until(lambda: (lambda h: h if h[victim]["State"] == "OutOfService" else None)(health(kg)),
                          timeout=20, interval=0.2, what="the victim OutOfService")
        assert h[victim]["ReasonCode"] == "Instance" and "UnhealthyThreshold" in h[victim]["Description"]
        assert h[other]["State"] == "InService"
        for _ in range(10):
            status, _, body = get(kg.dns, "/health")
            assert status == 200 and json.loads(body)["instance_id"] == other
    finally:
        (root / "unhealthy").unlink()
    hg.wait_until(lambda: health(kg)[victim]["State"] == "InService", timeout=20, interval=0.2, what="back")


def test_lb_cookie_stickiness_keeps_a_client_on_one_instance(kg):
    kg.elb.create_lb_cookie_stickiness_policy(LoadBalancerName="KG-Classic", PolicyName="kg-sticky",
                                              CookieExpirationPeriod=600)
    kg.elb.set_load_balancer_policies_of_listener(LoadBalancerName="KG-Classic", LoadBalancerPort=80,
                                                  PolicyNames=["kg-sticky"])
    d = kg.elb.describe_load_balancers(LoadBalancerNames=["KG-Classic"])["LoadBalancerDescriptions"][0]
    assert d["Policies"]["LBCookieStickinessPolicies"] == [{"PolicyName": "kg-sticky", "CookieExpirationPeriod": 600}]
    assert d["ListenerDescriptions"][0]["PolicyNames"] == ["kg-sticky"]
    status, headers, body = get(kg.dns, "/health")
    cookie = next(v for k, v in headers.items() if k.lower() == "set-cookie")
    first = json.loads(body)["instance_id"]
    jar = cookie.split(";")[0]
    for _ in range(10):
        _, _, b = get(kg.dns, "/health", headers={"Cookie": jar})
        assert json.loads(b)["instance_id"] == first
    code, _, _ = hg.expect_client_error(kg.elb.delete_load_balancer_policy, LoadBalancerName="KG-Classic",
                                        PolicyName="kg-sticky")
    assert code == "InvalidConfigurationRequest"
    kg.elb.set_load_balancer_policies_of_listener(LoadBalancerName="KG-Classic", LoadBalancerPort=80, PolicyNames=[])
    kg.elb.delete_load_balancer_policy(LoadBalancerName="KG-Classic", PolicyName="kg-sticky")


def test_connection_draining_and_attributes(kg):
    a = kg.elb.describe_load_balancer_attributes(LoadBalancerName="KG-Classic")["LoadBalancerAttributes"]
    assert a["ConnectionDraining"]["Enabled"] is False and a["ConnectionSettings"]["IdleTimeout"] == 60
    kg.elb.modify_load_balancer_attributes(LoadBalancerName="KG-Classic", LoadBalancerAttributes={
        "ConnectionDraining": {"Enabled": True, "Timeout": 30}, "CrossZoneLoadBalancing": {"Enabled": True},
        "ConnectionSettings": {"IdleTimeout": 120}})
    a = kg.elb.describe_load_balancer_attributes(LoadBalancerName="KG-Classic")["LoadBalancerAttributes"]
    assert a["ConnectionDraining"] == {"Enabled": True, "Timeout": 30}
    assert a["CrossZoneLoadBalancing"]["Enabled"] is True and a["ConnectionSettings"]["IdleTimeout"] == 120
    victim, other = kg.ids
    out = kg.elb.deregister_instances_from_load_balancer(LoadBalancerName="KG-Classic",
                                                          Instances=[{"InstanceId": victim}])
    assert [i["InstanceId"] for i in out["Instances"]] == [other]
    # No new request goes to a draining instance.
    for _ in range(10):
        status, _, body = get(kg.dns, "/health")
        assert status == 200 and json.loads(body)["instance_id"] == other
    assert list(health(kg)) == [other]
    kg.elb.register_instances_with_load_balancer(LoadBalancerName="KG-Classic", Instances=[{"InstanceId": victim}])
    hg.wait_until(lambda: health(kg).get(victim, {}).get("State") == "InService", timeout=20, interval=0.2,
                  what="re-registered and InService")


def test_tags_zones_and_errors_as_aws_words_them(kg):
    e = kg.elb
    e.add_tags(LoadBalancerNames=["KG-Classic"], Tags=[{"Key": "team", "Value": "kg-sports"}])
    tags = e.describe_tags(LoadBalancerNames=["KG-Classic"])["TagDescriptions"][0]["Tags"]
    assert tags == [{"Key": "team", "Value": "kg-sports"}]
    e.remove_tags(LoadBalancerNames=["KG-Classic"], Tags=[{"Key": "team"}])
    assert e.describe_tags(LoadBalancerNames=["KG-Classic"])["TagDescriptions"][0]["Tags"] == []
    assert e.disable_availability_zones_for_load_balancer(
        LoadBalancerName="KG-Classic", AvailabilityZones=["ap-northeast-2c"])["AvailabilityZones"] == ["ap-northeast-2a"]
    e.enable_availability_zones_for_load_balancer(LoadBalancerName="KG-Classic", AvailabilityZones=["ap-northeast-2c"])

    code, msg, status = hg.expect_client_error(e.describe_load_balancers, LoadBalancerNames=["no-such-lb"])
    assert (code, status) == ("LoadBalancerNotFound", 400) and "no-such-lb" in msg
    code, msg, _ = hg.expect_client_error(e.create_load_balancer_listeners, LoadBalancerName="KG-Classic", Listeners=[
        {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 8080}])
    assert code == "DuplicateListener", msg
    code, _, _ = hg.expect_client_error(e.configure_health_check, LoadBalancerName="KG-Classic", HealthCheck={
        "Target": "HTTP:80", "Interval": 5, "Timeout": 2, "UnhealthyThreshold": 2, "HealthyThreshold": 2})
    assert code == "ValidationError"
    code, _, _ = hg.expect_client_error(e.register_instances_with_load_balancer, LoadBalancerName="KG-Classic",
                                        Instances=[{"InstanceId": "i-0123456789abcdef0"}])
    assert code == "InvalidInstance"
    code, msg, _ = hg.expect_client_error(e.create_load_balancer, LoadBalancerName="KG-Tcp", AvailabilityZones=ZONES,
                                          Listeners=[{"Protocol": "TCP", "LoadBalancerPort": 3306,
                                                      "InstanceProtocol": "HTTP", "InstancePort": 3306}])
    assert code == "InvalidConfigurationRequest" and "TCP" in msg, msg
    assert [d["LoadBalancerName"] for d in e.describe_load_balancers()["LoadBalancerDescriptions"]] == ["KG-Classic"]


def test_a_tcp_listener_relays_connections_to_the_instances(kg):
    e = kg.elb
    e.create_load_balancer_listeners(LoadBalancerName="KG-Classic", Listeners=[
        {"Protocol": "TCP", "LoadBalancerPort": 8080, "InstanceProtocol": "TCP", "InstancePort": 80}])
    listeners = e.describe_load_balancers(LoadBalancerNames=["KG-Classic"])["LoadBalancerDescriptions"][0][
        "ListenerDescriptions"]
    assert {"Protocol": "TCP", "LoadBalancerPort": 8080, "InstanceProtocol": "TCP", "InstancePort": 80} in [
        l["Listener"] for l in listeners]
    # Bytes pass as they are: the instance's own HTTP answer, with no X-Forwarded-For added.
    served = set()
    for _ in range(10):
        status, headers, body = get(kg.dns, "/health", port=8080)
        assert status == 200 and "awselb" not in str(headers.get("Server", ""))
        served.add(json.loads(body)["instance_id"])
    assert served == set(kg.ids)
    e.delete_load_balancer_listeners(LoadBalancerName="KG-Classic", LoadBalancerPorts=[8080])
    hg.wait_until(lambda: _refused(kg.dns, 8080), timeout=5, what="the TCP listener closed")


def test_auto_scaling_registers_its_instances_with_a_classic_load_balancer(kg):
    import os
    import signal
    e, asg = kg.elb, kg.region.client("autoscaling")
    dns = e.create_load_balancer(LoadBalancerName="KG-Classic-ASG", AvailabilityZones=ZONES, Listeners=[
        {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 80}])["DNSName"]
    e.configure_health_check(LoadBalancerName="KG-Classic-ASG", HealthCheck={
        "Target": "HTTP:80/health", "Interval": 5, "Timeout": 2, "UnhealthyThreshold": 2, "HealthyThreshold": 2})
    ami = kg.ec2.describe_images(Filters=[{"Name": "name", "Values": ["KG-Ami"]}])["Images"][0]["ImageId"]
    kg.ec2.create_launch_template(LaunchTemplateName="KG-LT-Classic", LaunchTemplateData={
        "ImageId": ami, "InstanceType": "t2.micro"})
    code, msg, _ = hg.expect_client_error(
        asg.create_auto_scaling_group, AutoScalingGroupName="KG-ASG-Bad", MinSize=1, MaxSize=1,
        LaunchTemplate={"LaunchTemplateName": "KG-LT-Classic"}, AvailabilityZones=ZONES,
        LoadBalancerNames=["no-such-classic"])
    assert code == "ValidationError" and "Provided Load Balancers may not be valid" in msg, msg
    asg.create_auto_scaling_group(AutoScalingGroupName="KG-ASG-Classic", MinSize=2, MaxSize=2, DesiredCapacity=2,
                                  LaunchTemplate={"LaunchTemplateName": "KG-LT-Classic"}, AvailabilityZones=ZONES,
                                  LoadBalancerNames=["KG-Classic-ASG"], HealthCheckType="ELB",
                                  HealthCheckGracePeriod=5)

    def members():
        g = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["KG-ASG-Classic"])["AutoScalingGroups"][0]
        return [i["InstanceId"] for i in g["Instances"] if i["LifecycleState"] == "InService"
                and i["HealthStatus"] == "Healthy"], g
    ins = hg.wait_until(lambda: (lambda m: m[0] if len(m[0]) == 2 and len(m[1]["Instances"]) == 2 else None)(
        members()), timeout=40, interval=0.3, what="two instances InService")
    assert members()[1]["LoadBalancerNames"] == ["KG-Classic-ASG"]
    h = health(kg, "KG-Classic-ASG")
    assert set(h) == set(ins) and all(s["State"] == "InService" for s in h.values()), h
    assert asg.describe_load_balancers(AutoScalingGroupName="KG-ASG-Classic")["LoadBalancers"] == [
        {"LoadBalancerName": "KG-Classic-ASG", "State": "InService"}]
    assert {json.loads(get(dns, "/health")[2])["instance_id"] for _ in range(10)} == set(ins)

    # An instance that fails the load balancer's health check is replaced.
    victim = ins[0]
    root = (kg.region.data_dir / "ec2" / "instances" / victim / "root" / "data").resolve()
    (root / "unhealthy").write_text("down\n")
    fresh = hg.wait_until(lambda: (lambda m: m[0] if len(m[0]) == 2 and victim not in m[0] else None)(members()),
                          timeout=60, interval=0.5, what="the victim replaced")
    assert set(health(kg, "KG-Classic-ASG")) == set(fresh)
    asg.delete_auto_scaling_group(AutoScalingGroupName="KG-ASG-Classic", ForceDelete=True)
    hg.wait_until(lambda: not asg.describe_auto_scaling_groups(AutoScalingGroupNames=["KG-ASG-Classic"])[
        "AutoScalingGroups"], timeout=40, interval=0.5, what="the group gone")
    assert health(kg, "KG-Classic-ASG") == {}
    e.delete_load_balancer(LoadBalancerName="KG-Classic-ASG")


def test_a_deny_on_one_classic_load_balancer_is_enforced_and_it_deletes_cleanly(kg):
    e = kg.elb
    e.create_load_balancer(LoadBalancerName="KG-Other", AvailabilityZones=ZONES,
                           Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 8081, "InstancePort": 80}])
    arn = f"arn:aws:elasticloadbalancing:{kg.region.region_name}:{kg.region.account}:loadbalancer/KG-Classic"
    key = kg.region.make_user("classic-operator", inline={"p": hg.policy(
        {"Effect": "Allow", "Action": "elasticloadbalancing:*", "Resource": "*"},
        {"Effect": "Deny", "Action": "elasticloadbalancing:DeleteLoadBalancer", "Resource": arn})})
    restricted = kg.region.client("elb", *key)
    code, msg, status = hg.expect_client_error(restricted.delete_load_balancer, LoadBalancerName="KG-Classic")
    assert (code, status) == ("AccessDenied", 403) and arn in msg, msg
    assert get(kg.dns, "/health")[0] == 200
    restricted.delete_load_balancer(LoadBalancerName="KG-Other")
    e.delete_load_balancer(LoadBalancerName="KG-Classic")
    assert e.describe_load_balancers()["LoadBalancerDescriptions"] == []
    hg.wait_until(lambda: _refused(kg.dns), timeout=5, what="the listener closed")


def _refused(host, port=80) -> bool:
    try:
        get(host, "/health", port=port)
        return False
    except OSError:
        return True


class _FirstLines(hg.TcpServer):
    """A TCP server at an instance's address that notes the first line of each connection (up to
    its CRLF or LF), answers it back as `first:<line>`, then echoes every later line."""

    def __init__(self, host: str, port: int):
        self.lines: list[str] = []
        super().__init__(host, port)

    def handle(self, c):
        f = c.makefile("rwb")
        first = f.readline()
        if not first:
            return  # a health check: connected, nothing sent
        line = first.decode().rstrip("\r\n")
        self.lines.append(line)
        f.write(f"first:{line}\n".encode())
        f.flush()
        for rest in f:
            f.write(b"echo:" + rest)
            f.flush()


def test_proxy_protocol_v1_on_a_backend_port_of_a_tcp_listener(kg):
    """CreateLoadBalancerPolicy ProxyProtocolPolicyType (ProxyProtocol=true) and
    SetLoadBalancerPoliciesForBackendServer on an instance port: a TCP listener forwarding to it
    sends `PROXY TCP4 <client> <load balancer> <client port> <listener port>\\r\\n` first, then the
    client's bytes; without the policy, the client's bytes only. AWS's errors."""
    import socket
    e = kg.elb
    iid = kg.ids[0]
    private = kg.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["PrivateIpAddress"]
    host = "127." + private.split(".", 1)[1]  # the instance's address on this host (EC2's mapping)
    port = hg.free_port()
    backend = _FirstLines(host, port)
    try:
        dns = e.create_load_balancer(LoadBalancerName="KG-Proxy", AvailabilityZones=ZONES, Listeners=[
            {"Protocol": "TCP", "LoadBalancerPort": 7100, "InstanceProtocol": "TCP", "InstancePort": port}])["DNSName"]
        e.configure_health_check(LoadBalancerName="KG-Proxy", HealthCheck={
            "Target": f"TCP:{port}", "Interval": 5, "Timeout": 2, "UnhealthyThreshold": 2, "HealthyThreshold": 2})
        e.register_instances_with_load_balancer(LoadBalancerName="KG-Proxy", Instances=[{"InstanceId": iid}])
        hg.wait_until(lambda: health(kg, "KG-Proxy")[iid]["State"] == "InService", timeout=20, interval=0.2,
                      what="the instance InService")

        def talk():
            with socket.create_connection((dns, 7100), timeout=5) as c:
                f = c.makefile("rwb")
                f.write(b"kickoff\n")
                f.flush()
                first = f.readline().decode().rstrip("\n")
                f.write(b"goal\n")
                f.flush()
                return c.getsockname(), c.getpeername(), first, f.readline().decode().rstrip("\n")

        _, _, first, second = talk()
        assert (first, second) == ("first:kickoff", "echo:goal"), "no policy: the client's bytes only"

        e.create_load_balancer_policy(LoadBalancerName="KG-Proxy", PolicyName="kg-proxy-protocol",
                                      PolicyTypeName="ProxyProtocolPolicyType",
                                      PolicyAttributes=[{"AttributeName": "ProxyProtocol", "AttributeValue": "true"}])
        kg.region.aws("elb", "set-load-balancer-policies-for-backend-server", "--load-balancer-name", "KG-Proxy",
                      "--instance-port", str(port), "--policy-names", "kg-proxy-protocol")
        d = e.describe_load_balancers(LoadBalancerNames=["KG-Proxy"])["LoadBalancerDescriptions"][0]
        assert d["BackendServerDescriptions"] == [{"InstancePort": port, "PolicyNames": ["kg-proxy-protocol"]}]
        assert "kg-proxy-protocol" in d["Policies"]["OtherPolicies"]
        (cip, cport), (lip, lport), first, second = talk()
        assert lport == 7100
        assert first == f"first:PROXY TCP4 {cip} {lip} {cport} 7100", first
        assert second == "echo:kickoff", "then the client's own bytes, untouched"

        # AWS's errors: a policy that does not exist, one in use, a load balancer that does not.
        code, _, _ = hg.expect_client_error(e.set_load_balancer_policies_for_backend_server,
                                            LoadBalancerName="KG-Proxy", InstancePort=port, PolicyNames=["kg-none"])
        assert code == "PolicyNotFound"
        code, _, _ = hg.expect_client_error(e.delete_load_balancer_policy, LoadBalancerName="KG-Proxy",
                                            PolicyName="kg-proxy-protocol")
        assert code == "InvalidConfigurationRequest"
        code, _, _ = hg.expect_client_error(e.set_load_balancer_policies_for_backend_server,
                                            LoadBalancerName="KG-Nowhere", InstancePort=port,
                                            PolicyNames=["kg-proxy-protocol"])
        assert code == "LoadBalancerNotFound"

        # Removed (an empty list): the client's bytes only again.
        e.set_load_balancer_policies_for_backend_server(LoadBalancerName="KG-Proxy", InstancePort=port,
                                                        PolicyNames=[])
        d = e.describe_load_balancers(LoadBalancerNames=["KG-Proxy"])["LoadBalancerDescriptions"][0]
        assert d["BackendServerDescriptions"] == []
        _, _, first, _ = talk()
        assert first == "first:kickoff"
        e.delete_load_balancer_policy(LoadBalancerName="KG-Proxy", PolicyName="kg-proxy-protocol")
        assert [x for x in backend.lines if x.startswith("PROXY")] == [
            f"PROXY TCP4 {cip} {lip} {cport} 7100"], backend.lines
    finally:
        backend.close()
        e.delete_load_balancer(LoadBalancerName="KG-Proxy")
