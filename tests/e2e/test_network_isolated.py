"""Networks that isolate (`homeground up --network isolated`): each VPC is a network namespace
that routes between its instances, each instance runs in a namespace of its own at its real VPC
address, and security groups are enforced by nftables in the VPC's router. Clients are real:
curl and Python sockets run inside the instances' namespaces (`ip netns exec`), the aws CLI and
boto3 change the rules."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import time

import pytest

import hg


def ns_run(ns: str, *cmd: str, timeout: float = 10.0) -> subprocess.CompletedProcess:
    return subprocess.run(["ip", "netns", "exec", ns, *cmd], capture_output=True, text=True, timeout=timeout)


def curl(net, iid: str, url: str, max_time: float = 1.0) -> tuple[int, str]:
    """GET `url` from inside instance `iid`'s network: (curl's exit code, body)."""
    r = ns_run(net.netns(iid), "curl", "-sS", "--max-time", str(max_time), url, timeout=max_time + 5)
    return r.returncode, r.stdout


@pytest.fixture(scope="module")
def net(tmp_path_factory):
    region = hg.Region(tmp_path_factory.mktemp("isolated"), extra_args=["--network", "isolated"])
    try:
        region.start()
        bundle = hg.kg_ami_bundle(tmp_path_factory.mktemp("kg-ami"))
        region.ami = region.aws("ec2", "register-image", "--name", "KG-Ami", "--image-location", str(bundle))["ImageId"]
        region.ec2 = region.client("ec2")
        yield region
    finally:
        region.close()


def make_vpc(net, cidr="30.0.0.0/16"):
    ec2 = net.ec2
    vpc = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    subnets = {
        "public": ec2.create_subnet(VpcId=vpc, CidrBlock="30.0.1.0/24", AvailabilityZone="ap-northeast-2a"),
        "private": ec2.create_subnet(VpcId=vpc, CidrBlock="30.0.3.0/24", AvailabilityZone="ap-northeast-2a"),
        "private2": ec2.create_subnet(VpcId=vpc, CidrBlock="30.0.4.0/24", AvailabilityZone="ap-northeast-2c"),
    }
    return vpc, {k: v["Subnet"]["SubnetId"] for k, v in subnets.items()}


def group(net, vpc, name):
    return net.ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]


def allow_from_group(net, gid, source_gid, port=80, revoke=False):
    call = net.ec2.revoke_security_group_ingress if revoke else net.ec2.authorize_security_group_ingress
    call(GroupId=gid, IpPermissions=[{"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
                                      "UserIdGroupPairs": [{"GroupId": source_gid}]}])


def launch(net, subnet, groups, ip=None, name="web"):
    extra = {"PrivateIpAddress": ip} if ip else {}
    return net.ec2.run_instances(ImageId=net.ami, InstanceType="t2.micro", MinCount=1, MaxCount=1,
                                 SubnetId=subnet, SecurityGroupIds=groups, **extra,
                                 TagSpecifications=[{"ResourceType": "instance",
                                                     "Tags": [{"Key": "Name", "Value": name}]}])["Instances"][0]["InstanceId"]


def wait_serving(net, iids):
    def ok():
        st = net.ec2.describe_instance_status(InstanceIds=iids)["InstanceStatuses"]
        return len(st) == len(iids) and all(s["InstanceStatus"]["Status"] == "ok" for s in st)
    hg.wait_until(ok, timeout=30, interval=0.2, what=f"{iids} serving (status checks ok)")


@pytest.fixture(scope="module")
def layout(net):
    """VPC A: a web instance in a private subnet (WebSG: port 80 from ClientSG and from the
    load balancer's ELBSG), a client in the public subnet (ClientSG), another instance in no
    group that WebSG names (OtherSG)."""
    vpc, subnets = make_vpc(net)
    client_sg, other_sg, web_sg, elb_sg = (group(net, vpc, n) for n in ("ClientSG", "OtherSG", "WebSG", "ELBSG"))
    allow_from_group(net, web_sg, client_sg)
    allow_from_group(net, web_sg, elb_sg)
    net.ec2.authorize_security_group_ingress(GroupId=elb_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    web = launch(net, subnets["private"], [web_sg], ip="30.0.3.10", name="web")
    client = launch(net, subnets["public"], [client_sg], name="client")
    other = launch(net, subnets["public"], [other_sg], name="other")
    wait_serving(net, [web, client, other])
    return dict(vpc=vpc, subnets=subnets, web=web, client=client, other=other,
                web_sg=web_sg, client_sg=client_sg, elb_sg=elb_sg)


def test_instances_run_at_their_vpc_addresses_with_metadata_at_169_254_169_254(net, layout):
    web = layout["web"]
    inst = net.ec2.describe_instances(InstanceIds=[web])["Reservations"][0]["Instances"][0]
    assert inst["PrivateIpAddress"] == "30.0.3.10"
    addrs = ns_run(net.netns(web), "ip", "-4", "-o", "addr", "show", "dev", "eth0").stdout
    assert "30.0.3.10/32" in addrs, addrs
    # IMDSv2 where every SDK looks for it, from inside the instance.
    token = ns_run(net.netns(web), "curl", "-sS", "--max-time", "2", "-X", "PUT",
                   "-H", "X-aws-ec2-metadata-token-ttl-seconds: 60",
                   "http://169.254.169.254/latest/api/token").stdout.strip()
    assert len(token) > 20, token
    got = ns_run(net.netns(web), "curl", "-sS", "--max-time", "2", "-H", f"X-aws-ec2-metadata-token: {token}",
                 "http://169.254.169.254/latest/meta-data/instance-id").stdout.strip()
    assert got == web
    no_token = ns_run(net.netns(web), "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2",
                      "http://169.254.169.254/latest/meta-data/instance-id").stdout.strip()
    assert no_token == "401", "IMDSv2 only"
    # The app learnt its identity there: the page names the instance.
    code, page = curl(net, layout["client"], "http://30.0.3.10/")
    assert code == 0 and "KG SPORTS" in page and web in page, (code, page[:300])


def test_security_groups_decide_who_connects(net, layout):
    web, client, other = layout["web"], layout["client"], layout["other"]
    assert curl(net, client, "http://30.0.3.10/health")[0] == 0, "ClientSG is let in on 80"
    code, _ = curl(net, other, "http://30.0.3.10/health", max_time=0.5)
    assert code == 28, f"OtherSG is not let in: curl exit {code} (28: timed out, the SYN was dropped)"
    other_ip = net.ec2.describe_instances(InstanceIds=[other])["Reservations"][0]["Instances"][0]["PrivateIpAddress"]
    code, _ = curl(net, client, f"http://{other_ip}/health", max_time=0.5)
    assert code == 28, "OtherSG lets nobody in"
    # Refusals are counted in the router's table.
    router = net.netns(layout["vpc"])
    chains = ns_run(router, "nft", "list", "table", "inet", "hg").stdout
    dropped = sum(int(n) for n in re.findall(r"counter packets (\d+) bytes \d+ drop", chains))
    assert dropped >= 2, chains
    # The host's own network does not reach a private instance (whatever answers 30.0.3.10 on
    # the host, it is not the instance).
    try:
        import urllib.request
        page = urllib.request.urlopen("http://30.0.3.10/", timeout=0.5).read().decode(errors="replace")
    except OSError:
        page = ""
    assert web not in page


HOLDER = textwrap.dedent("""
    import socket, sys, time
    def get(s):
        s.sendall(b"GET /health HTTP/1.1\\r\\nHost: web\\r\\n\\r\\n")
        data = b""
        while b"\\r\\n\\r\\n" not in data:
            data += s.recv(4096)
        head, _, rest = data.partition(b"\\r\\n\\r\\n")
        length = int([l.split(b":")[1] for l in head.split(b"\\r\\n") if l.lower().startswith(b"content-length")][0])
        while len(rest) < length:
            rest += s.recv(4096)
        return head.split(b"\\r\\n")[0].decode()
    held = socket.create_connection(("30.0.3.10", 80), timeout=2)
    print("held", get(held), flush=True)
    for line in sys.stdin:
        if line.startswith("probe"):
            # New connections until one is refused: when did the first refused attempt start?
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                start = time.monotonic()
                try:
                    socket.create_connection(("30.0.3.10", 80), timeout=0.05).close()
                    time.sleep(0.002)
                except OSError:
                    later = 0
                    for _ in range(3):
                        try:
                            socket.create_connection(("30.0.3.10", 80), timeout=0.05).close()
                            later += 1
                        except OSError:
                            pass
                    print("refused", repr(start), later, flush=True)
                    break
            else:
                print("never-refused", flush=True)
        elif line.startswith("again"):
            print("again", get(held), flush=True)
""")


def test_a_revoked_rule_refuses_new_connections_within_100_ms_and_keeps_established_ones(net, layout):
    holder = subprocess.Popen(["ip", "netns", "exec", net.netns(layout["client"]), sys.executable, "-c", HOLDER],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = holder.stdout.readline().split()
        assert first[:3] == ["held", "HTTP/1.1", "200"], (first, holder.stderr.read() if holder.poll() else "")
        allow_from_group(net, layout["web_sg"], layout["client_sg"], revoke=True)
        revoked = time.monotonic()
        holder.stdin.write("probe\n")
        holder.stdin.flush()
        verdict = holder.stdout.readline().split()
        assert verdict[0] == "refused", verdict
        refused_at, later = float(verdict[1]), int(verdict[2])
        assert refused_at - revoked < 0.1, f"new connections still let in {refused_at - revoked:.3f} s after the revoke"
        assert later == 0, "once refused, always refused"
        holder.stdin.write("again\n")
        holder.stdin.flush()
        again = holder.stdout.readline().split()
        assert again[:3] == ["again", "HTTP/1.1", "200"], "the connection made before the revoke lives on"
    finally:
        holder.kill()
        holder.wait(timeout=5)
        allow_from_group(net, layout["web_sg"], layout["client_sg"])
    hg.wait_until(lambda: curl(net, layout["client"], "http://30.0.3.10/health", max_time=0.5)[0] == 0,
                  timeout=3, interval=0.05, what="the rule authorised again")


def test_two_vpcs_with_the_same_cidr_run_side_by_side_apart(net, layout):
    vpc_b, subnets_b = make_vpc(net)
    open_b = group(net, vpc_b, "OpenB")
    net.ec2.authorize_security_group_ingress(GroupId=open_b, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "30.0.0.0/16"}]}])
    twin = launch(net, subnets_b["private"], [open_b], ip="30.0.3.10", name="twin")
    wait_serving(net, [twin])
    assert net.ec2.describe_instances(InstanceIds=[twin])["Reservations"][0]["Instances"][0]["PrivateIpAddress"] == "30.0.3.10"
    for _ in range(5):
        code, page = curl(net, layout["client"], "http://30.0.3.10/")
        assert code == 0 and layout["web"] in page and twin not in page, "VPC A's 30.0.3.10 is VPC A's instance"
    code, page = curl(net, twin, "http://30.0.3.10/")
    assert code == 0 and twin in page and layout["web"] not in page
    # Gone with its VPC: the instance's namespace at termination, the router at DeleteVpc.
    net.ec2.terminate_instances(InstanceIds=[twin])
    hg.wait_until(lambda: net.ec2.describe_instances(InstanceIds=[twin])["Reservations"][0]["Instances"][0]
                  ["State"]["Name"] == "terminated", timeout=15, interval=0.1, what="twin terminated")
    assert not ns_exists(net.netns(twin))
    net.ec2.delete_security_group(GroupId=open_b)
    for s in subnets_b.values():
        net.ec2.delete_subnet(SubnetId=s)
    assert ns_exists(net.netns(vpc_b))
    net.ec2.delete_vpc(VpcId=vpc_b)
    assert not ns_exists(net.netns(vpc_b))


def ns_exists(name: str) -> bool:
    return name in subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout.split()


def test_a_load_balancer_reaches_its_targets_from_inside_the_vpc_as_its_security_group(net, layout):
    elbv2 = net.client("elbv2")
    lb = elbv2.create_load_balancer(Name="KGSports-LB", Subnets=[layout["subnets"]["private"], layout["subnets"]["private2"]],
                                    SecurityGroups=[layout["elb_sg"]])["LoadBalancers"][0]
    tg = elbv2.create_target_group(Name="KGSports-TG", Protocol="HTTP", Port=80, VpcId=layout["vpc"],
                                   HealthCheckPath="/health", HealthCheckIntervalSeconds=5,
                                   HealthyThresholdCount=2, UnhealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
    elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
    elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": layout["web"]}])

    def state():
        return elbv2.describe_target_health(TargetGroupArn=tg)["TargetHealthDescriptions"][0]["TargetHealth"]
    hg.wait_until(lambda: state()["State"] == "healthy", timeout=20, interval=0.2, what="target healthy")
    import urllib.request
    page = urllib.request.urlopen(f"http://{lb['DNSName']}/", timeout=3).read().decode()
    assert layout["web"] in page, "the load balancer on the host reaches the private instance"
    # The target saw the load balancer's own address in the VPC, not a host address.
    root = net.data_dir / "ec2" / "instances" / layout["web"] / "console.log"
    peers = set(re.findall(r"\b(30\.0\.\d+\.\d+)\b", root.read_text()))
    assert any(p.startswith(("30.0.3.", "30.0.4.")) and p != "30.0.3.10" for p in peers), peers
    # WebSG no longer lets the load balancer in: health checks fail, the listener answers 5xx.
    allow_from_group(net, layout["web_sg"], layout["elb_sg"], revoke=True)
    try:
        hg.wait_until(lambda: state()["State"] == "unhealthy", timeout=30, interval=0.2, what="target unhealthy")
    finally:
        allow_from_group(net, layout["web_sg"], layout["elb_sg"])
    hg.wait_until(lambda: state()["State"] == "healthy", timeout=30, interval=0.2, what="target healthy again")

    # A network load balancer relays TCP connections into the VPC the same way.
    nlb = elbv2.create_load_balancer(Name="KGSports-NLB", Type="network",
                                     Subnets=[layout["subnets"]["private"], layout["subnets"]["private2"]],
                                     SecurityGroups=[layout["elb_sg"]])["LoadBalancers"][0]
    tcp_tg = elbv2.create_target_group(Name="KGSports-TCP", Protocol="TCP", Port=80, VpcId=layout["vpc"],
                                       HealthCheckProtocol="TCP", HealthCheckIntervalSeconds=5, HealthCheckTimeoutSeconds=2,
                                       HealthyThresholdCount=2, UnhealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
    elbv2.create_listener(LoadBalancerArn=nlb["LoadBalancerArn"], Protocol="TCP", Port=80,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": tcp_tg}])
    elbv2.register_targets(TargetGroupArn=tcp_tg, Targets=[{"Id": layout["web"]}])
    hg.wait_until(lambda: elbv2.describe_target_health(TargetGroupArn=tcp_tg)["TargetHealthDescriptions"][0]
                  ["TargetHealth"]["State"] == "healthy", timeout=20, interval=0.2, what="TCP target healthy")
    page = urllib.request.urlopen(f"http://{nlb['DNSName']}/", timeout=3).read().decode()
    assert layout["web"] in page, "the network load balancer reaches the private instance"


def ensure_internet(net, layout):
    """VPC A's internet gateway, and the public subnet's route table sending 0.0.0.0/0 to it."""
    if "igw" in layout:
        return
    ec2, vpc = net.ec2, layout["vpc"]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    public_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=public_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.associate_route_table(RouteTableId=public_rt, SubnetId=layout["subnets"]["public"])
    layout["igw"] = igw


HOST_LINK = "169.254.77.1"  # the host's address on every VPC's uplink (vnet::fabric::HOST_LINK)


class HostServer:
    """A TCP server on the host's uplink address that records who connected."""

    def __init__(self):
        import socket
        import threading
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((HOST_LINK, 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.peers: list[str] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, (ip, _) = self.sock.accept()
            except OSError:
                return
            self.peers.append(ip)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhost!")
            conn.close()

    def close(self):
        self.sock.close()


def test_the_host_reaches_public_addresses_and_nat_gateways_let_private_subnets_out(net, layout):
    ec2, vpc, subnets = net.ec2, layout["vpc"], layout["subnets"]
    web, client = layout["web"], layout["client"]
    # Before any gateway: the private instance cannot reach the host (no route, nothing crosses).
    code, _ = curl(net, web, f"http://{HOST_LINK}:9/", max_time=0.5)
    assert code in (7, 28), f"no way out without a route: curl exit {code}"

    # An internet gateway and a public route table for the public subnet; an Elastic IP on the
    # client instance publishes it.
    ensure_internet(net, layout)
    eip = ec2.allocate_address(Domain="vpc")
    ec2.associate_address(AllocationId=eip["AllocationId"], InstanceId=client)
    public_ip = eip["PublicIp"]
    import urllib.request

    def fetch(url, timeout=0.5):
        try:
            return urllib.request.urlopen(url, timeout=timeout).read().decode()
        except OSError:
            return None
    # ClientSG lets nobody in on 80 yet: the published address is refused.
    time.sleep(0.3)
    assert fetch(f"http://{public_ip}/") is None, "published, but its security group lets nobody in"
    net.ec2.authorize_security_group_ingress(GroupId=layout["client_sg"], IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": f"{HOST_LINK}/32"}]}])
    hg.wait_until(lambda: (fetch(f"http://{public_ip}/") or "").find(client) >= 0, timeout=3, interval=0.05,
                  what="the host reaching the public address")
    # The private web instance is not published: the host cannot address it.
    assert fetch("http://30.0.3.10/") is None or web not in fetch("http://30.0.3.10/")

    server = HostServer()
    try:
        # The client (public address, public subnet) reaches the host as its public address.
        code, body = curl(net, client, f"http://{HOST_LINK}:{server.port}/")
        assert code == 0 and body == "host!", (code, body)
        assert server.peers[-1] == public_ip
        # The private subnet still has no way out.
        code, _ = curl(net, web, f"http://{HOST_LINK}:{server.port}/", max_time=0.5)
        assert code != 0, "a subnet without a route gets nothing"
        # A NAT gateway in the public subnet, and the private subnet routed to it.
        nat_eip = ec2.allocate_address(Domain="vpc")
        nat = ec2.create_nat_gateway(SubnetId=subnets["public"], AllocationId=nat_eip["AllocationId"])["NatGateway"]["NatGatewayId"]
        hg.wait_until(lambda: ec2.describe_nat_gateways(NatGatewayIds=[nat])["NatGateways"][0]["State"] == "available",
                      timeout=15, interval=0.1, what="NAT gateway available")
        private_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        ec2.create_route(RouteTableId=private_rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
        ec2.associate_route_table(RouteTableId=private_rt, SubnetId=subnets["private"])
        hg.wait_until(lambda: curl(net, web, f"http://{HOST_LINK}:{server.port}/", max_time=0.5)[0] == 0,
                      timeout=3, interval=0.05, what="the private instance out through the NAT gateway")
        assert server.peers[-1] == nat_eip["PublicIp"], "the host sees the NAT gateway's public address"
        # Outbound only: the NAT gateway's address publishes nothing.
        assert fetch(f"http://{nat_eip['PublicIp']}/") is None
    finally:
        server.close()


SSH_BOOT = """#!/bin/sh
# A bastion image: the real OpenSSH server, on the instance's own address, with the key pair
# the instance was launched with (from the instance metadata service) as root's only key.
set -e
mkdir -p etc /run/sshd
[ -f etc/host_key ] || ssh-keygen -q -t ed25519 -N '' -f etc/host_key
token=$(curl -sf -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token)
curl -sf -H "X-aws-ec2-metadata-token: $token" \\
  http://169.254.169.254/latest/meta-data/public-keys/0/openssh-key > etc/authorized_keys
exec /usr/sbin/sshd -D -e -f /dev/null -o ListenAddress="$HOMEGROUND_LISTEN_IP" \\
  -o HostKey="$PWD/etc/host_key" -o AuthorizedKeysFile="$PWD/etc/authorized_keys" \\
  -o StrictModes=no -o PidFile=none -o PermitRootLogin=prohibit-password -o PasswordAuthentication=no
"""


def ssh_ami_bundle(directory):
    import json
    import os
    (directory / "rootfs" / "bin").mkdir(parents=True)
    boot = directory / "rootfs" / "bin" / "boot"
    boot.write_text(SSH_BOOT)
    os.chmod(boot, 0o755)
    (directory / "homeground-image.json").write_text(json.dumps({"boot": ["bin/boot"], "health_port": 22}))
    return directory


def test_the_customers_layout_ssh_to_the_bastion_from_admin_cidr_only_and_on_through_it(net, layout, tmp_path):
    import os
    import shutil
    if shutil.which("sshd") is None and not os.path.exists("/usr/sbin/sshd"):
        pytest.fail("the bastion image needs the OpenSSH server (Debian: openssh-server; .ci/run installs it)")
    ec2, subnets = net.ec2, layout["subnets"]
    ami = net.aws("ec2", "register-image", "--name", "Bastion-Ami", "--image-location",
                  str(ssh_ami_bundle(tmp_path / "bastion-ami")))["ImageId"]
    key = ec2.create_key_pair(KeyName="kg-admin")["KeyMaterial"]
    key_file = tmp_path / "kg-admin.pem"
    key_file.write_text(key)
    key_file.chmod(0o600)
    config = tmp_path / "ssh_config"
    config.write_text(f"Host *\n  User root\n  IdentityFile {key_file}\n  IdentitiesOnly yes\n"
                      "  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  ConnectTimeout 2\n  LogLevel ERROR\n"
                      "  BatchMode yes\n")
    vpc = layout["vpc"]
    bastion_sg = group(net, vpc, "BastionSG")
    # AdminCidr: the host's own address on the VPC's link (a LAN admin's address works alike).
    ec2.authorize_security_group_ingress(GroupId=bastion_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": f"{HOST_LINK}/32"}]}])
    allow_from_group(net, layout["web_sg"], bastion_sg, port=22)
    # The public subnet gives its instances a public address at launch, as the customer's
    # template asks (MapPublicIpOnLaunch); the private one does not.
    ec2.modify_subnet_attribute(SubnetId=subnets["public"], MapPublicIpOnLaunch={"Value": True})
    assert ec2.describe_subnets(SubnetIds=[subnets["public"]])["Subnets"][0]["MapPublicIpOnLaunch"] is True
    assert hg.expect_client_error(ec2.modify_subnet_attribute, SubnetId="subnet-0123456789abcdef0",
                                  MapPublicIpOnLaunch={"Value": True})[0] == "InvalidSubnetID.NotFound"
    bastion = ec2.run_instances(ImageId=ami, InstanceType="t2.micro", MinCount=1, MaxCount=1, KeyName="kg-admin",
                                SubnetId=subnets["public"], SecurityGroupIds=[bastion_sg])["Instances"][0]["InstanceId"]
    web2 = ec2.run_instances(ImageId=ami, InstanceType="t2.micro", MinCount=1, MaxCount=1, KeyName="kg-admin",
                             SubnetId=subnets["private"], SecurityGroupIds=[layout["web_sg"]])["Instances"][0]["InstanceId"]
    wait_serving(net, [bastion, web2])
    ensure_internet(net, layout)
    described = {i["InstanceId"]: i for r in ec2.describe_instances(InstanceIds=[bastion, web2])["Reservations"]
                 for i in r["Instances"]}
    assert "PublicIpAddress" not in described[web2], "a private subnet's instance has no public address"
    public = described[bastion]["PublicIpAddress"]
    # A new VPC gives no public DNS names until its enableDnsHostnames is on, as on AWS.
    assert described[bastion]["PublicDnsName"] == ""
    ec2.modify_vpc_attribute(VpcId=layout["vpc"], EnableDnsHostnames={"Value": True})
    described[bastion] = ec2.describe_instances(InstanceIds=[bastion])["Reservations"][0]["Instances"][0]
    assert described[bastion]["PublicDnsName"] == f"ec2-{public.replace('.', '-')}.ap-northeast-2.compute.amazonaws.com"
    eip = {"PublicIp": public}
    web2_ip = ec2.describe_instances(InstanceIds=[web2])["Reservations"][0]["Instances"][0]["PrivateIpAddress"]
    bastion_ip = ec2.describe_instances(InstanceIds=[bastion])["Reservations"][0]["Instances"][0]["PrivateIpAddress"]

    def ssh(*args, timeout=15):
        return subprocess.run(["ssh", "-F", str(config), *args], capture_output=True, text=True, timeout=timeout)

    r = None
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        r = ssh(eip["PublicIp"], "ip -4 -o addr show dev eth0")
        if r.returncode == 0:
            break
        time.sleep(0.2)
    assert r.returncode == 0 and f"{bastion_ip}/32" in r.stdout, (r.returncode, r.stdout, r.stderr)
    # On through the bastion to the private instance (ssh -J), which the host cannot reach itself.
    r = ssh("-J", eip["PublicIp"], web2_ip, "ip -4 -o addr show dev eth0")
    assert r.returncode == 0 and f"{web2_ip}/32" in r.stdout, (r.stdout, r.stderr)
    assert ssh(web2_ip, "true").returncode != 0, "the private instance is not reachable from the host"
    # From another address than AdminCidr the bastion refuses: only 10.9.9.9/32 may come now.
    ec2.revoke_security_group_ingress(GroupId=bastion_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": f"{HOST_LINK}/32"}]}])
    ec2.authorize_security_group_ingress(GroupId=bastion_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.9.9.9/32"}]}])
    time.sleep(0.2)
    r = ssh("-o", "ConnectTimeout=1", eip["PublicIp"], "true")
    assert r.returncode == 255 and "timed out" in r.stderr, (r.returncode, r.stderr)
    # Terminated, the instance gives its public address back.
    ec2.terminate_instances(InstanceIds=[bastion])
    hg.wait_until(lambda: ec2.describe_instances(InstanceIds=[bastion])["Reservations"][0]["Instances"][0]
                  ["State"]["Name"] == "terminated", timeout=15, interval=0.1, what="bastion terminated")
    assert "PublicIpAddress" not in ec2.describe_instances(InstanceIds=[bastion])["Reservations"][0]["Instances"][0]
    ec2.modify_subnet_attribute(SubnetId=subnets["public"], MapPublicIpOnLaunch={"Value": False})


def test_network_acls_are_numbered_stateless_rules_at_the_subnet_edge(net, layout):
    ec2, vpc, subnets = net.ec2, layout["vpc"], layout["subnets"]
    acls = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["NetworkAcls"]
    assert len(acls) == 1 and acls[0]["IsDefault"] is True
    default = acls[0]
    rules = {(e["Egress"], e["RuleNumber"], e["RuleAction"], e["Protocol"], e["CidrBlock"]) for e in default["Entries"]}
    assert rules == {(False, 100, "allow", "-1", "0.0.0.0/0"), (True, 100, "allow", "-1", "0.0.0.0/0"),
                     (False, 32767, "deny", "-1", "0.0.0.0/0"), (True, 32767, "deny", "-1", "0.0.0.0/0")}
    assert {a["SubnetId"] for a in default["Associations"]} == set(subnets.values())

    acl = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="6", RuleAction="allow", Egress=False,
                                 CidrBlock="30.0.1.0/24", PortRange={"From": 80, "To": 80})
    # The CLI too, with a protocol name.
    net.aws("ec2", "create-network-acl-entry", "--network-acl-id", acl, "--rule-number", "200", "--protocol", "udp",
            "--rule-action", "allow", "--ingress", "--cidr-block", "30.0.0.0/16", "--port-range", "From=53,To=53")
    entries = ec2.describe_network_acls(NetworkAclIds=[acl])["NetworkAcls"][0]["Entries"]
    assert {(e["RuleNumber"], e["Protocol"]) for e in entries if not e["Egress"]} == {(100, "6"), (200, "17"), (32767, "-1")}
    assoc = next(a["NetworkAclAssociationId"] for a in default["Associations"] if a["SubnetId"] == subnets["private"])
    new_assoc = ec2.replace_network_acl_association(AssociationId=assoc, NetworkAclId=acl)["NewAssociationId"]
    assert new_assoc.startswith("aclassoc-") and new_assoc != assoc

    url = "http://30.0.3.10/health"
    # Stateless: the request may come in, but its replies may not go out yet.
    hg.wait_until(lambda: curl(net, layout["client"], url, max_time=0.3)[0] == 28, timeout=3, interval=0.05,
                  what="replies refused without an egress rule")
    ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="tcp", RuleAction="allow", Egress=True,
                                 CidrBlock="30.0.1.0/24", PortRange={"From": 1024, "To": 65535})
    hg.wait_until(lambda: curl(net, layout["client"], url, max_time=0.3)[0] == 0, timeout=3, interval=0.05,
                  what="an egress rule for the replies")
    # A lower number decides first: deny the client's own address before rule 100 allows its subnet.
    client_ip = ec2.describe_instances(InstanceIds=[layout["client"]])["Reservations"][0]["Instances"][0]["PrivateIpAddress"]
    ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=90, Protocol="6", RuleAction="deny", Egress=False,
                                 CidrBlock=f"{client_ip}/32", PortRange={"From": 80, "To": 80})
    hg.wait_until(lambda: curl(net, layout["client"], url, max_time=0.3)[0] == 28, timeout=3, interval=0.05,
                  what="rule 90 denying before rule 100 allows")

    # AWS's codes for what it refuses.
    def code(fn, **kw):
        return hg.expect_client_error(fn, **kw)[0]
    assert code(ec2.create_network_acl_entry, NetworkAclId=acl, RuleNumber=90, Protocol="6", RuleAction="allow",
                Egress=False, CidrBlock="0.0.0.0/0", PortRange={"From": 1, "To": 2}) == "NetworkAclEntryAlreadyExists"
    assert code(ec2.replace_network_acl_entry, NetworkAclId=acl, RuleNumber=7, Protocol="-1", RuleAction="allow",
                Egress=False, CidrBlock="0.0.0.0/0") == "InvalidNetworkAclEntry.NotFound"
    assert code(ec2.create_network_acl_entry, NetworkAclId=acl, RuleNumber=32767, Protocol="-1", RuleAction="allow",
                Egress=False, CidrBlock="0.0.0.0/0") == "InvalidParameterValue"
    assert code(ec2.create_network_acl_entry, NetworkAclId=acl, RuleNumber=5, Protocol="6", RuleAction="allow",
                Egress=False, CidrBlock="0.0.0.0/0") == "MissingParameter"
    assert code(ec2.delete_network_acl_entry, NetworkAclId=acl, RuleNumber=5, Egress=False) == "InvalidNetworkAclEntry.NotFound"
    assert code(ec2.describe_network_acls, NetworkAclIds=["acl-0123456789abcdef0"]) == "InvalidNetworkAclID.NotFound"
    assert code(ec2.delete_network_acl, NetworkAclId=default["NetworkAclId"]) == "InvalidParameterValue"
    assert code(ec2.delete_network_acl, NetworkAclId=acl) == "DependencyViolation"
    assert code(ec2.delete_vpc, VpcId=vpc) == "DependencyViolation"

    # Back to the default ACL: everything flows again; the custom one can go.
    ec2.replace_network_acl_association(AssociationId=new_assoc, NetworkAclId=default["NetworkAclId"])
    hg.wait_until(lambda: curl(net, layout["client"], url, max_time=0.3)[0] == 0, timeout=3, interval=0.05,
                  what="the default ACL again")
    ec2.delete_network_acl_entry(NetworkAclId=acl, RuleNumber=90, Egress=False)
    ec2.delete_network_acl(NetworkAclId=acl)
    assert not ec2.describe_network_acls(Filters=[{"Name": "network-acl-id", "Values": [acl]}])["NetworkAcls"]


def test_the_regions_api_answers_inside_an_instance_at_the_hosts_endpoint(net, layout):
    """SDKs, cfn-signal and presigned URLs inside an instance use the endpoint as the host knows
    it: each instance's namespace has the region's API at the same loopback address."""
    key, secret = net.root
    script = textwrap.dedent(f"""
        import boto3
        sts = boto3.client("sts", endpoint_url="{net.endpoint}", region_name="ap-northeast-2",
                           aws_access_key_id="{key}", aws_secret_access_key="{secret}")
        print(sts.get_caller_identity()["Arn"])
    """)
    r = ns_run(net.netns(layout["web"]), sys.executable, "-c", script, timeout=30)
    assert r.returncode == 0 and r.stdout.strip().endswith(":root"), (r.stdout, r.stderr)
    # Unsigned, it is refused as AWS refuses it: the real gateway answered, not something else.
    r = ns_run(net.netns(layout["web"]), "curl", "-s", "--max-time", "2",
               f"{net.endpoint}/?Action=GetCallerIdentity&Version=2011-06-15")
    assert "MissingAuthenticationToken" in r.stdout, r.stdout


def test_where_namespaces_are_refused_the_daemon_says_so_and_falls_back_to_loopback():
    """Not root: isolated networks cannot be made. The daemon says so at start, labelled as not
    isolating, and serves on loopback networks."""
    import os
    import shutil
    if shutil.which("setpriv") is None:
        pytest.fail("setpriv (util-linux) is needed to run the daemon as another user")
    import pathlib
    import tempfile
    # pytest's own temporary folders are root's alone: this one the other user can write.
    work = pathlib.Path(tempfile.mkdtemp(prefix="hg-unprivileged-"))
    os.chmod(work, 0o777)
    region = hg.Region(work, extra_args=["--network", "isolated"])
    region.prefix = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"]
    try:
        region.start()
        log = "".join(region.stderr_lines)
        assert "networks do NOT isolate" in log and "not running as root" in log, log
        assert region.client("sts").get_caller_identity()["Arn"].endswith(":root")
        vpcs = region.client("ec2").describe_vpcs()["Vpcs"]
        assert len(vpcs) == 1 and vpcs[0]["IsDefault"]
        assert not [n for n in os.listdir("/run/netns") if n.startswith(f"hg{hg.netns_tag(region.data_dir)}-")] \
            if os.path.isdir("/run/netns") else True
    finally:
        region.close()
        shutil.rmtree(work, ignore_errors=True)


DIG = textwrap.dedent("""
    import socket, struct, sys
    server, name = sys.argv[1], sys.argv[2]
    qname = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\\0"
    query = struct.pack(">HHHHHH", 0x4b47, 0x0100, 1, 0, 0, 0) + qname + struct.pack(">HH", 1, 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2)
    s.sendto(query, (server, 53))
    data = s.recv(1500)
    ident, flags, qd, an = struct.unpack(">HHHH", data[:8])
    assert ident == 0x4b47 and flags & 0x8000, "a reply to this query"
    ips = []
    if an:
        # The answer follows the question: its name (a pointer, or labels), then type, class,
        # ttl and length (10 bytes), then the four address bytes.
        at = 12 + len(qname) + 4
        if data[at] & 0xC0 == 0xC0:
            at += 2
        else:
            while data[at]:
                at += data[at] + 1
            at += 1
        at += 10
        ips.append(socket.inet_ntoa(data[at:at + 4]))
    print(flags & 0xF, " ".join(ips))
""")


def test_the_vpcs_dns_server_answers_private_names_at_its_plus_two_address(net, layout):
    web = layout["web"]
    inst = net.ec2.describe_instances(InstanceIds=[layout["client"]])["Reservations"][0]["Instances"][0]
    name = inst["PrivateDnsName"]
    assert name == f"ip-{inst['PrivateIpAddress'].replace('.', '-')}.ap-northeast-2.compute.internal"

    def dig(query):
        r = ns_run(net.netns(web), sys.executable, "-c", DIG, "30.0.0.2", query, timeout=10)
        assert r.returncode == 0, r.stderr
        rcode, *ips = r.stdout.split()
        return int(rcode), ips
    hg.wait_until(lambda: dig(name) == (0, [inst["PrivateIpAddress"]]), timeout=5, interval=0.2,
                  what="the VPC's resolver naming the client")
    assert dig("ip-10-9-9-9.ap-northeast-2.compute.internal") == (3, []), "NXDOMAIN outside the VPC"
    assert dig("example.com")[0] == 5, "REFUSED: no recursion"


def test_modify_instance_attribute_groups_and_vpc_dns_support_reach_the_router(net, layout):
    """ModifyInstanceAttribute's groupSet moves an instance between groups and the VPC's router
    follows; ModifyVpcAttribute's enableDnsSupport switches the VPC's resolver off and on."""
    other, client, web = layout["other"], layout["client"], layout["web"]
    refused = lambda: curl(net, other, "http://30.0.3.10/health", max_time=0.5)[0] == 28  # noqa: E731
    assert refused(), "OtherSG is not let in"
    net.ec2.modify_instance_attribute(InstanceId=other, Groups=[layout["client_sg"]])
    try:
        hg.wait_until(lambda: curl(net, other, "http://30.0.3.10/health")[0] == 0, timeout=5, interval=0.1,
                      what="the instance let in as a member of ClientSG")
        got = net.ec2.describe_instance_attribute(InstanceId=other, Attribute="groupSet")["Groups"]
        assert [g["GroupId"] for g in got] == [layout["client_sg"]]
    finally:
        other_sg = [g["GroupId"] for g in net.ec2.describe_security_groups(
            Filters=[{"Name": "group-name", "Values": ["OtherSG"]}])["SecurityGroups"]]
        net.ec2.modify_instance_attribute(InstanceId=other, Groups=other_sg)
    hg.wait_until(refused, timeout=5, interval=0.1, what="the instance dropped again as OtherSG")

    inst = net.ec2.describe_instances(InstanceIds=[client])["Reservations"][0]["Instances"][0]

    def resolves():
        r = ns_run(net.netns(web), sys.executable, "-c", DIG, "30.0.0.2", inst["PrivateDnsName"], timeout=10)
        return r.returncode == 0 and r.stdout.split()[1:] == [inst["PrivateIpAddress"]]
    hg.wait_until(resolves, timeout=5, interval=0.2, what="the VPC's resolver answering")
    vpc = layout["vpc"]
    net.ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": False})
    try:
        hg.wait_until(lambda: not resolves(), timeout=10, interval=0.2, what="the resolver gone with enableDnsSupport off")
    finally:
        net.ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": True})
    hg.wait_until(resolves, timeout=10, interval=0.2, what="the resolver back with enableDnsSupport on")


DB_PASSWORD = "Kg-db-2026!"


def mariadb_from(net, iid: str, address: str, sql: str, timeout: float = 2.0) -> subprocess.CompletedProcess:
    """The real MariaDB client, run inside instance `iid`'s network."""
    return ns_run(net.netns(iid), "mariadb", "--protocol=TCP", "-h", address, "-P", "3306", "-u", "kgadmin",
                  f"-p{DB_PASSWORD}", f"--connect-timeout={int(timeout)}", "-N", "-B", "-e", sql,
                  timeout=timeout + 20)


def test_a_db_instance_lives_in_its_subnet_group_and_takes_only_what_its_groups_allow(net, layout):
    """The seed's database tier: MyMasterDB in the private subnets, DBSG letting 3306 in from
    the web tier's group only. The DB instance's Endpoint is an address of the VPC; the web
    instance reaches the real server there with the real client, the client instance is
    refused, and a rule added later lets it in."""
    rds = net.client("rds")
    db_sg = group(net, layout["vpc"], "DBSG")
    allow_from_group(net, db_sg, layout["web_sg"], port=3306)
    rds.create_db_subnet_group(DBSubnetGroupName="kg-db-subnets", DBSubnetGroupDescription="private",
                               SubnetIds=[layout["subnets"]["private"], layout["subnets"]["private2"]])
    rds.create_db_instance(DBInstanceIdentifier="mymasterdb", Engine="mysql", DBInstanceClass="db.t3.micro",
                           MasterUsername="kgadmin", MasterUserPassword=DB_PASSWORD, AllocatedStorage=20,
                           DBSubnetGroupName="kg-db-subnets", VpcSecurityGroupIds=[db_sg],
                           AvailabilityZone="ap-northeast-2a", DBName="kg")
    try:
        def endpoint():
            d = rds.describe_db_instances(DBInstanceIdentifier="mymasterdb")["DBInstances"][0]
            assert d["DBInstanceStatus"] != "failed"
            ep = d.get("Endpoint", {}).get("Address", "")
            return ep if d["DBInstanceStatus"] == "available" and ep.startswith("30.0.3.") else None
        address = hg.wait_until(endpoint, timeout=90, interval=0.3,
                                what="mymasterdb available at an address of its private subnet in 2a")
        # The web tier: the real client, the real server, through the VPC.
        def web_connects():
            r = mariadb_from(net, layout["web"], address, "SELECT 6*7")
            return r.stdout.strip() == "42" or None
        hg.wait_until(web_connects, timeout=5, interval=0.2, what="the web instance reaching the DB")
        r = mariadb_from(net, layout["web"], address, "CREATE TABLE kg.goals (n INT); INSERT INTO kg.goals VALUES (7);"
                         " SELECT SUM(n) FROM kg.goals")
        assert r.returncode == 0 and r.stdout.strip() == "7", (r.stdout, r.stderr)
        # Another instance of the VPC, in a group DBSG does not name: its SYN is dropped.
        started = time.monotonic()
        r = mariadb_from(net, layout["client"], address, "SELECT 1", timeout=1.0)
        assert r.returncode != 0 and "42" not in r.stdout, (r.stdout, r.stderr)
        assert "Can't connect" in r.stderr or "Lost connection" in r.stderr, r.stderr
        assert time.monotonic() - started >= 0.9, "refused by a timeout (dropped), not by a reset"
        # Only 3306: the web instance gets nothing on another port of that address.
        code, _ = curl(net, layout["web"], f"http://{address}:80/", max_time=0.5)
        assert code == 28, f"curl exit {code}"
        # A rule added later lets the client tier in, within the router's next sync.
        allow_from_group(net, db_sg, layout["client_sg"], port=3306)
        hg.wait_until(lambda: mariadb_from(net, layout["client"], address, "SELECT 1", timeout=1.0).returncode == 0
                      or None, timeout=5, interval=0.2, what="the client tier let in after authorize")
    finally:
        rds.delete_db_instance(DBInstanceIdentifier="mymasterdb", SkipFinalSnapshot=True)
        def gone():
            try:
                rds.describe_db_instances(DBInstanceIdentifier="mymasterdb")
                return None
            except rds.exceptions.DBInstanceNotFoundFault:
                return True
        hg.wait_until(gone, timeout=60, interval=0.3, what="mymasterdb deleted")
    # Its address in the VPC is given back and no longer answers.
    router = net.netns(layout["vpc"])
    hg.wait_until(lambda: address not in ns_run(router, "ip", "-4", "-o", "addr", "show", "dev", "lo").stdout or None,
                  timeout=5, interval=0.2, what="the DB's address removed from the router")


def test_an_internal_load_balancer_answers_inside_its_vpc_to_the_groups_its_security_group_names(net, layout):
    """Scheme internal: the load balancer's DNSName is its node address in the VPC, where its
    listeners accept; its security group's source-group rule (80 from ClientSG) is enforced
    by the VPC's router, so the client instance gets the page and the other instance's SYN is
    dropped."""
    elbv2 = net.client("elbv2")
    int_sg = group(net, layout["vpc"], "InternalLBSG")
    allow_from_group(net, int_sg, layout["client_sg"])
    allow_from_group(net, layout["web_sg"], int_sg)
    lb = elbv2.create_load_balancer(Name="KGSports-Internal", Scheme="internal",
                                    Subnets=[layout["subnets"]["private"], layout["subnets"]["private2"]],
                                    SecurityGroups=[int_sg])["LoadBalancers"][0]
    address = lb["DNSName"]
    assert re.fullmatch(r"30\.0\.[34]\.\d+", address), f"an address of its subnets: {address}"
    described = elbv2.describe_load_balancers(Names=["KGSports-Internal"])["LoadBalancers"][0]
    assert described["DNSName"] == address and described["Scheme"] == "internal"
    tg = elbv2.create_target_group(Name="KGSports-Int-TG", Protocol="HTTP", Port=80, VpcId=layout["vpc"],
                                   HealthCheckPath="/health", HealthCheckIntervalSeconds=5,
                                   HealthyThresholdCount=2, UnhealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
    elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
    elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": layout["web"]}])
    hg.wait_until(lambda: elbv2.describe_target_health(TargetGroupArn=tg)["TargetHealthDescriptions"][0]
                  ["TargetHealth"]["State"] == "healthy", timeout=20, interval=0.2, what="target healthy")
    # The client tier, named by the load balancer's group: the page, through the proxy.
    def served():
        code, page = curl(net, layout["client"], f"http://{address}/")
        return page if code == 0 and layout["web"] in page else None
    hg.wait_until(served, timeout=5, interval=0.2, what="the client reaching the internal load balancer")
    # Another instance of the VPC is not in ClientSG: dropped at the router.
    code, _ = curl(net, layout["other"], f"http://{address}/", max_time=0.5)
    assert code == 28, f"curl exit {code} (28: timed out, the SYN was dropped)"
    # Nor does the client reach another port of the node.
    code, _ = curl(net, layout["client"], f"http://{address}:8080/", max_time=0.5)
    assert code == 28, f"curl exit {code}"
    # Revoking the rule shuts the client out too; deleting the load balancer frees its node.
    allow_from_group(net, int_sg, layout["client_sg"], revoke=True)
    hg.wait_until(lambda: curl(net, layout["client"], f"http://{address}/", max_time=0.5)[0] == 28 or None,
                  timeout=5, interval=0.2, what="the client refused after the revoke")
    elbv2.delete_load_balancer(LoadBalancerArn=lb["LoadBalancerArn"])
    router = net.netns(layout["vpc"])
    hg.wait_until(lambda: address not in ns_run(router, "ip", "-4", "-o", "addr", "show", "dev", "lo").stdout or None,
                  timeout=5, interval=0.2, what="the internal load balancer's node removed from the router")
