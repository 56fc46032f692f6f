"""Network load balancers beyond TCP: UDP and TCP_UDP listeners relaying datagrams per flow to
real echo processes (a flow moves when its target is killed), the PROXY protocol v2 header on
TCP, and AWS's validation of protocol combinations. Everything runs for real on loopback."""

from __future__ import annotations

import signal
import socket
import struct
import subprocess
import sys
import threading
import time

import hg

# A UDP echo server that also serves TCP on the same port (the health check's port, and a line
# echo for TCP_UDP). Each answer starts with the server's name.
ECHO = r'''
import socket, sys, threading
name, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind((host, port))
t = socket.socket()
t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind((host, port))
t.listen(64)
def tcp_conn(c):
    with c:
        f = c.makefile("rwb")
        for line in f:
            f.write(name.encode() + b":" + line)
            f.flush()
def tcp():
    while True:
        c, _ = t.accept()
        threading.Thread(target=tcp_conn, args=(c,), daemon=True).start()
threading.Thread(target=tcp, daemon=True).start()
while True:
    data, peer = u.recvfrom(65535)
    u.sendto(name.encode() + b":" + data, peer)
'''


def _ask_udp(sock: socket.socket, addr, msg: str, timeout: float = 10.0) -> str:
    """Send `msg` from `sock` until an answer comes (datagrams may find a flow moving)."""
    deadline = time.monotonic() + timeout
    sock.settimeout(0.3)
    while True:
        sock.sendto(msg.encode(), addr)
        try:
            while True:
                data, _ = sock.recvfrom(65535)
                text = data.decode()
                if text.endswith(":" + msg):
                    return text
        except (socket.timeout, ConnectionRefusedError):
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"no answer to {msg!r} through {addr} within {timeout}s")


def _free_port(hosts) -> int:
    """A port free for both TCP and UDP on every host."""
    while True:
        port = hg.free_port()
        ok = True
        for h in hosts:
            for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                with socket.socket(socket.AF_INET, kind) as s:
                    try:
                        s.bind((h, port))
                    except OSError:
                        ok = False
        if ok:
            return port


def _network_lb(r, name):
    ec2, elbv2 = r.client("ec2"), r.client("elbv2", parameter_validation=False)
    subnet = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]
    nlb = elbv2.create_load_balancer(Name=name, Type="network", Subnets=[subnet["SubnetId"]])["LoadBalancers"][0]
    return elbv2, subnet["VpcId"], nlb


def _states(elbv2, tga):
    d = elbv2.describe_target_health(TargetGroupArn=tga)["TargetHealthDescriptions"]
    return {x["Target"]["Id"]: x["TargetHealth"]["State"] for x in d}


def test_udp_listener_relays_datagrams_and_moves_a_flow_off_a_killed_target(new_region, tmp_path):
    script = tmp_path / "echo.py"
    script.write_text(ECHO)
    hosts = {"a": "127.0.16.21", "b": "127.0.16.22"}
    port = _free_port(hosts.values())
    procs = {n: subprocess.Popen([sys.executable, str(script), n, h, str(port)]) for n, h in hosts.items()}
    try:
        for n, h in hosts.items():
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                assert _ask_udp(s, (h, port), "direct") == f"{n}:direct"
        r = new_region()
        elbv2, vpc, nlb = _network_lb(r, "kg-udp")
        lba = nlb["LoadBalancerArn"]
        # UDP cannot be health-checked: AWS's enum check refuses it.
        code, msg, _ = hg.expect_client_error(elbv2.create_target_group, Name="kg-bad", Protocol="UDP", Port=port,
                                              VpcId=vpc, TargetType="ip", HealthCheckProtocol="UDP")
        assert code == "ValidationError" and "healthCheckProtocol" in msg and "[HTTPS, HTTP, TCP]" in msg, msg
        tg = elbv2.create_target_group(Name="kg-udp", Protocol="UDP", Port=port, VpcId=vpc, TargetType="ip",
                                       HealthCheckIntervalSeconds=1, HealthCheckTimeoutSeconds=1,
                                       HealthyThresholdCount=2, UnhealthyThresholdCount=2)["TargetGroups"][0]
        tga = tg["TargetGroupArn"]
        # Checked over TCP by default, on the traffic port.
        assert tg["Protocol"] == "UDP" and tg["HealthCheckProtocol"] == "TCP"
        code, _, _ = hg.expect_client_error(elbv2.modify_target_group, TargetGroupArn=tga, HealthCheckProtocol="UDP")
        assert code == "ValidationError"
        attrs = {a["Key"]: a["Value"] for a in elbv2.describe_target_group_attributes(TargetGroupArn=tga)["Attributes"]}
        assert attrs["preserve_client_ip.enabled"] == "true" and attrs["proxy_protocol_v2.enabled"] == "false"
        for key, value in (("preserve_client_ip.enabled", "false"), ("proxy_protocol_v2.enabled", "true")):
            code, _, _ = hg.expect_client_error(elbv2.modify_target_group_attributes, TargetGroupArn=tga,
                                                Attributes=[{"Key": key, "Value": value}])
            assert code == "InvalidConfigurationRequest", key
        elbv2.register_targets(TargetGroupArn=tga, Targets=[{"Id": h, "Port": port} for h in hosts.values()])
        fwd = [{"Type": "forward", "TargetGroupArn": tga}]
        # UDP is a network load balancer's: an application one refuses the listener and the group.
        ec2 = r.client("ec2")
        subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=[
            {"Name": "default-for-az", "Values": ["true"]}])["Subnets"]][:2]
        alb = elbv2.create_load_balancer(Name="kg-alb", Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]
        code, _, _ = hg.expect_client_error(elbv2.create_listener, LoadBalancerArn=alb, Protocol="UDP", Port=5300,
                                            DefaultActions=fwd)
        assert code == "UnsupportedProtocol"
        code, _, _ = hg.expect_client_error(elbv2.create_listener, LoadBalancerArn=alb, Protocol="HTTP", Port=5300,
                                            DefaultActions=fwd)
        assert code == "InvalidConfigurationRequest"
        # A TCP listener cannot forward to a UDP group, nor a UDP listener to a TCP one.
        code, msg, _ = hg.expect_client_error(elbv2.create_listener, LoadBalancerArn=lba, Protocol="TCP", Port=5300,
                                              DefaultActions=fwd)
        assert code == "ValidationError" and "'TCP'" in msg and "'UDP'" in msg, msg
        tcp_tg = elbv2.create_target_group(Name="kg-tcp", Protocol="TCP", Port=port, VpcId=vpc,
                                           TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
        code, _, _ = hg.expect_client_error(elbv2.create_listener, LoadBalancerArn=lba, Protocol="UDP", Port=5300,
                                            DefaultActions=[{"Type": "forward", "TargetGroupArn": tcp_tg}])
        assert code == "ValidationError"

        listener = elbv2.create_listener(LoadBalancerArn=lba, Protocol="UDP", Port=5300,
                                         DefaultActions=fwd)["Listeners"][0]
        assert listener["Protocol"] == "UDP"
        hg.wait_until(lambda: set(_states(elbv2, tga).values()) == {"healthy"}, timeout=15, what="both healthy")
        lb = (nlb["DNSName"], 5300)
        # A UDP-only listener takes no TCP connection.
        with socket.socket() as s:
            s.settimeout(2)
            assert s.connect_ex(lb) != 0

        # One client socket is one flow: every datagram goes to the same target, and comes back.
        client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        answers = [_ask_udp(client, lb, f"m{i}") for i in range(5)]
        owners = {a.split(":")[0] for a in answers}
        assert len(owners) == 1, answers
        owner = owners.pop()
        # New flows (other client ports) are spread over both targets.
        seen = set()
        for i in range(6):
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                seen.add(_ask_udp(s, lb, f"n{i}").split(":")[0])
        assert seen == {"a", "b"}, seen

        # The target serving the flow dies (kill -9): the flow moves to the other one.
        procs[owner].send_signal(signal.SIGKILL)
        procs[owner].wait(timeout=5)
        other = "b" if owner == "a" else "a"
        moved = _ask_udp(client, lb, "after-kill", timeout=15)
        assert moved == f"{other}:after-kill", moved
        assert all(_ask_udp(client, lb, f"k{i}").startswith(other + ":") for i in range(3))
        hg.wait_until(lambda: _states(elbv2, tga).get(hosts[owner]) == "unhealthy", timeout=15,
                      what="the killed target unhealthy")
        client.close()

        # UDP flows and bytes reach CloudWatch as AWS/NetworkELB.
        cw = r.client("cloudwatch")
        dim = [{"Name": "LoadBalancer", "Value": lba.split(":loadbalancer/")[1]}]

        def total(name):
            now = time.time()
            d = cw.get_metric_statistics(Namespace="AWS/NetworkELB", MetricName=name, Period=60,
                                         StartTime=now - 300, EndTime=now + 1, Statistics=["Sum"],
                                         Dimensions=dim)["Datapoints"]
            return sum(p["Sum"] for p in d)
        hg.wait_until(lambda: total("NewFlowCount_UDP") >= 7, timeout=15, what="7 UDP flows counted")
        hg.wait_until(lambda: total("ProcessedBytes_UDP") > 0, timeout=15, what="UDP bytes counted")
    finally:
        for p in procs.values():
            if p.poll() is None:
                p.kill()
            p.wait()


def test_tcp_udp_listener_carries_both_to_one_target_group(new_region, tmp_path):
    script = tmp_path / "echo.py"
    script.write_text(ECHO)
    host = "127.0.16.24"
    port = _free_port([host])
    proc = subprocess.Popen([sys.executable, str(script), "c", host, str(port)])
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            assert _ask_udp(s, (host, port), "direct") == "c:direct"
        r = new_region()
        elbv2, vpc, nlb = _network_lb(r, "kg-tcpudp")
        tg = elbv2.create_target_group(Name="kg-both", Protocol="TCP_UDP", Port=port, VpcId=vpc, TargetType="ip",
                                       HealthCheckIntervalSeconds=1, HealthCheckTimeoutSeconds=1,
                                       HealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
        elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": host, "Port": port}])
        elbv2.create_listener(LoadBalancerArn=nlb["LoadBalancerArn"], Protocol="TCP_UDP", Port=5400,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        hg.wait_until(lambda: _states(elbv2, tg) == {host: "healthy"}, timeout=15, what="target healthy")
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            assert _ask_udp(s, (nlb["DNSName"], 5400), "dgram") == "c:dgram"
        cw = r.client("cloudwatch")
        dim = [{"Name": "LoadBalancer", "Value": nlb["LoadBalancerArn"].split(":loadbalancer/")[1]}]

        def stat(name, statistic="Sum"):
            now = time.time()
            d = cw.get_metric_statistics(Namespace="AWS/NetworkELB", MetricName=name, Period=60,
                                         StartTime=now - 300, EndTime=now + 1, Statistics=[statistic],
                                         Dimensions=dim)["Datapoints"]
            return max((p[statistic] for p in d), default=0) if statistic == "Maximum" else sum(p["Sum"] for p in d)
        with socket.create_connection((nlb["DNSName"], 5400), timeout=5) as c:
            c.sendall(b"stream\n")
            assert c.makefile("rb").readline() == b"c:stream\n"
            # While the connection is open it is an active TCP flow, and the datagram's flow an
            # active UDP one.
            hg.wait_until(lambda: stat("ActiveFlowCount_TCP", "Maximum") >= 1, timeout=15, what="an active TCP flow")
            assert stat("ActiveFlowCount_UDP", "Maximum") >= 1
        hg.wait_until(lambda: stat("ProcessedBytes_TCP") >= len(b"stream\n") + len(b"c:stream\n"), timeout=15,
                      what="the TCP flow's bytes counted when it ends")
        assert stat("NewFlowCount_TCP") == 1 and stat("NewFlowCount_UDP") >= 1
        assert stat("ProcessedBytes") >= stat("ProcessedBytes_TCP") + len(b"dgram")
    finally:
        proc.kill()
        proc.wait()


class _ProxyTarget(hg.TcpServer):
    """A TCP target that reads an optional PROXY v2 header, then echoes one line; it records
    what each connection began with."""

    SIG = b"\r\n\r\n\x00\r\nQUIT\n"

    def __init__(self, host):
        self.seen: list[dict] = []
        self.local_checks = 0  # health checks' connections that began with a LOCAL header
        super().__init__(host)

    def handle(self, c):
        f = c.makefile("rwb")
        first = f.read(12)
        if not first:
            return  # a health check's connection
        rec = {}
        if first == self.SIG:
            ver_cmd, fam, length = struct.unpack("!BBH", f.read(4))
            body = f.read(length)
            if ver_cmd == 0x20 and fam == 0x00 and length == 0:
                self.local_checks += 1  # the load balancer's own connection: no client
                return
            rec.update(ver_cmd=ver_cmd, fam=fam, length=length)
            if fam == 0x11:
                src, dst, sport, dport = struct.unpack("!4s4sHH", body[:12])
                rec.update(src=(socket.inet_ntoa(src), sport), dst=(socket.inet_ntoa(dst), dport))
            first = b""
        line = first + f.readline()
        rec["line"] = line
        self.seen.append(rec)
        f.write(b"got:" + line)
        f.flush()


def test_tcp_listener_sends_a_proxy_protocol_v2_header(new_region):
    target = _ProxyTarget("127.0.16.25")
    try:
        r = new_region()
        elbv2, vpc, nlb = _network_lb(r, "kg-ppv2")
        tg = elbv2.create_target_group(Name="kg-ppv2", Protocol="TCP", Port=target.port, VpcId=vpc, TargetType="ip",
                                       HealthCheckIntervalSeconds=1, HealthCheckTimeoutSeconds=1,
                                       HealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
        # An application load balancer's group has no such attribute.
        http_tg = elbv2.create_target_group(Name="kg-http", Protocol="HTTP", Port=80,
                                            VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]
        code, _, _ = hg.expect_client_error(elbv2.modify_target_group_attributes, TargetGroupArn=http_tg,
                                            Attributes=[{"Key": "proxy_protocol_v2.enabled", "Value": "true"}])
        assert code == "ValidationError"
        code, _, _ = hg.expect_client_error(elbv2.modify_target_group_attributes, TargetGroupArn=tg,
                                            Attributes=[{"Key": "proxy_protocol_v2.enabled", "Value": "yes"}])
        assert code == "ValidationError"
        out = elbv2.modify_target_group_attributes(TargetGroupArn=tg, Attributes=[
            {"Key": "proxy_protocol_v2.enabled", "Value": "true"}])["Attributes"]
        assert {"Key": "proxy_protocol_v2.enabled", "Value": "true"} in out
        elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": "127.0.16.25", "Port": target.port}])
        elbv2.create_listener(LoadBalancerArn=nlb["LoadBalancerArn"], Protocol="TCP", Port=7100,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        hg.wait_until(lambda: _states(elbv2, tg) == {"127.0.16.25": "healthy"}, timeout=15, what="target healthy")
        # Health checks carry a header too, with the LOCAL command and no addresses (as AWS's do).
        hg.wait_until(lambda: target.local_checks >= 2, timeout=10, what="health checks with a LOCAL header")

        def through(line: bytes):
            c = socket.socket()
            c.bind(("127.0.16.99", 0))  # a known client address
            c.settimeout(5)
            c.connect((nlb["DNSName"], 7100))
            with c:
                c.sendall(line)
                assert c.makefile("rb").readline() == b"got:" + line
                return c.getsockname()

        before = len(target.seen)
        src = through(b"hello\n")
        rec = target.seen[before]
        assert rec["ver_cmd"] == 0x21 and rec["fam"] == 0x11 and rec["length"] == 12, rec
        assert rec["src"] == ("127.0.16.99", src[1]), rec
        assert rec["dst"] == (nlb["DNSName"], 7100), rec
        assert rec["line"] == b"hello\n"

        # Turned off, the target gets the client's bytes as they are.
        elbv2.modify_target_group_attributes(TargetGroupArn=tg, Attributes=[
            {"Key": "proxy_protocol_v2.enabled", "Value": "false"}])

        before = len(target.seen)
        through(b"plain text line\n")
        assert target.seen[before] == {"line": b"plain text line\n"}, target.seen[before]
    finally:
        target.close()


def test_a_udp_listener_lets_in_what_the_security_groups_udp_rules_allow(new_region, tmp_path):
    script = tmp_path / "echo.py"
    script.write_text(ECHO)
    host = "127.0.16.26"
    port = _free_port([host])
    proc = subprocess.Popen([sys.executable, str(script), "d", host, str(port)])
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            assert _ask_udp(s, (host, port), "direct") == "d:direct"
        r = new_region()
        ec2, elbv2 = r.client("ec2"), r.client("elbv2", parameter_validation=False)
        subnet = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]
        sg = ec2.create_security_group(GroupName="kg-udp-lb", Description="UDP in", VpcId=subnet["VpcId"])["GroupId"]
        # TCP on the port is not UDP: datagrams stay out until a UDP rule covers them.
        tcp_rule = [{"IpProtocol": "tcp", "FromPort": 5500, "ToPort": 5500, "IpRanges": [{"CidrIp": "127.0.0.0/8"}]}]
        udp_rule = [{"IpProtocol": "udp", "FromPort": 5500, "ToPort": 5500, "IpRanges": [{"CidrIp": "127.0.0.0/8"}]}]
        ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=tcp_rule)
        nlb = elbv2.create_load_balancer(Name="kg-udp-sg", Type="network", Subnets=[subnet["SubnetId"]],
                                         SecurityGroups=[sg])["LoadBalancers"][0]
        tg = elbv2.create_target_group(Name="kg-udp-sg", Protocol="UDP", Port=port, VpcId=subnet["VpcId"],
                                       TargetType="ip", HealthCheckIntervalSeconds=1, HealthCheckTimeoutSeconds=1,
                                       HealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
        elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": host, "Port": port}])
        elbv2.create_listener(LoadBalancerArn=nlb["LoadBalancerArn"], Protocol="UDP", Port=5500,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        hg.wait_until(lambda: _states(elbv2, tg) == {host: "healthy"}, timeout=15, what="target healthy")
        lb = (nlb["DNSName"], 5500)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            try:
                _ask_udp(s, lb, "refused", timeout=1.5)
                raise AssertionError("a datagram no UDP rule allows was relayed")
            except AssertionError as e:
                assert "no answer" in str(e), e
        ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=udp_rule)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            assert _ask_udp(s, lb, "allowed", timeout=10) == "d:allowed"
    finally:
        proc.kill()
        proc.wait()


class _LineEcho:
    """A TCP target answering `name:<line>` on `port`, with its health-check port apart so the
    target can fail its checks while its connections live on."""

    def __init__(self, host, name, port, health_port):
        self.name = name
        self.sock = socket.create_server((host, port))
        self.health = socket.create_server((host, health_port))
        for s in (self.sock, self.health):
            threading.Thread(target=self._serve, args=(s,), daemon=True).start()

    def _serve(self, listener):
        while True:
            try:
                c, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=self._conn, args=(c,), daemon=True).start()

    def _conn(self, c):
        with c:
            f = c.makefile("rwb")
            for line in f:
                f.write(self.name.encode() + b":" + line)
                f.flush()

    def fail_checks(self):
        self.health.close()

    def close(self):
        self.sock.close()
        self.health.close()


def _alive(conn: socket.socket, f, line: bytes) -> bool:
    """Whether the relayed connection still carries a line both ways."""
    try:
        conn.sendall(line)
        return f.readline().endswith(b":" + line)
    except OSError:
        return False


def test_connections_to_an_unhealthy_target_close_as_the_group_says(new_region):
    hosts = {"e": "127.0.16.27", "f": "127.0.16.28"}
    port, health_port = _free_port(hosts.values()), None
    while health_port is None or health_port == port:
        health_port = _free_port(hosts.values())
    targets = {n: _LineEcho(h, n, port, health_port) for n, h in hosts.items()}
    try:
        r = new_region()
        elbv2, vpc, nlb = _network_lb(r, "kg-unhealthy")
        tg = elbv2.create_target_group(Name="kg-unhealthy", Protocol="TCP", Port=port, VpcId=vpc, TargetType="ip",
                                       HealthCheckPort=str(health_port), HealthCheckIntervalSeconds=1,
                                       HealthCheckTimeoutSeconds=1, HealthyThresholdCount=2,
                                       UnhealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
        attrs = {a["Key"]: a["Value"] for a in elbv2.describe_target_group_attributes(TargetGroupArn=tg)["Attributes"]}
        assert attrs["target_health_state.unhealthy.connection_termination.enabled"] == "true"
        # Kept open first: an unhealthy target's connections live on.
        elbv2.modify_target_group_attributes(TargetGroupArn=tg, Attributes=[
            {"Key": "target_health_state.unhealthy.connection_termination.enabled", "Value": "false"}])
        elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": h, "Port": port} for h in hosts.values()])
        elbv2.create_listener(LoadBalancerArn=nlb["LoadBalancerArn"], Protocol="TCP", Port=7200,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        hg.wait_until(lambda: set(_states(elbv2, tg).values()) == {"healthy"}, timeout=15, what="both healthy")
        conn = socket.create_connection((nlb["DNSName"], 7200), timeout=5)
        f = conn.makefile("rb")
        conn.sendall(b"hi\n")
        owner = f.readline().decode().split(":")[0]
        targets[owner].fail_checks()
        hg.wait_until(lambda: _states(elbv2, tg)[hosts[owner]] == "unhealthy", timeout=15, what="owner unhealthy")
        # It stays up well past the proxy's 250 ms look at its target's health.
        until = time.monotonic() + 1.5
        i = 0
        while time.monotonic() < until:
            assert _alive(conn, f, f"still{i}\n".encode()), "closed although termination is off"
            i += 1
            time.sleep(0.1)
        # Terminated now (AWS's default): the connection is closed, the other target takes new ones.
        elbv2.modify_target_group_attributes(TargetGroupArn=tg, Attributes=[
            {"Key": "target_health_state.unhealthy.connection_termination.enabled", "Value": "true"}])
        hg.wait_until(lambda: not _alive(conn, f, b"more\n"), timeout=10, what="the connection closed")
        conn.close()
        other = "f" if owner == "e" else "e"
        with socket.create_connection((nlb["DNSName"], 7200), timeout=5) as c:
            c.sendall(b"new\n")
            assert c.makefile("rb").readline() == f"{other}:new\n".encode()
    finally:
        for t in targets.values():
            t.close()


def test_source_ip_stickiness_keeps_a_client_address_on_one_target(new_region, tmp_path):
    script = tmp_path / "echo.py"
    script.write_text(ECHO)
    hosts = {"g": "127.0.16.31", "h": "127.0.16.32"}
    port = _free_port(hosts.values())
    procs = [subprocess.Popen([sys.executable, str(script), n, h, str(port)]) for n, h in hosts.items()]
    try:
        for n, h in hosts.items():
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                assert _ask_udp(s, (h, port), "direct") == f"{n}:direct"
        r = new_region()
        elbv2, vpc, nlb = _network_lb(r, "kg-sticky-udp")
        tg = elbv2.create_target_group(Name="kg-sticky-udp", Protocol="UDP", Port=port, VpcId=vpc, TargetType="ip",
                                       HealthCheckIntervalSeconds=1, HealthCheckTimeoutSeconds=1,
                                       HealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
        attrs = {a["Key"]: a["Value"] for a in elbv2.describe_target_group_attributes(TargetGroupArn=tg)["Attributes"]}
        assert attrs["stickiness.type"] == "source_ip" and attrs["stickiness.enabled"] == "false"
        # Cookies are an application load balancer's.
        code, _, _ = hg.expect_client_error(elbv2.modify_target_group_attributes, TargetGroupArn=tg,
                                            Attributes=[{"Key": "stickiness.type", "Value": "lb_cookie"}])
        assert code == "ValidationError"
        elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": h, "Port": port} for h in hosts.values()])
        elbv2.create_listener(LoadBalancerArn=nlb["LoadBalancerArn"], Protocol="UDP", Port=5600,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        hg.wait_until(lambda: set(_states(elbv2, tg).values()) == {"healthy"}, timeout=15, what="both healthy")
        lb = (nlb["DNSName"], 5600)

        def owners(source_ip, flows=3):
            seen = set()
            for i in range(flows):
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                    s.bind((source_ip, 0))  # a new port: a new flow
                    seen.add(_ask_udp(s, lb, f"{source_ip}-{i}").split(":")[0])
            return seen
        # Without stickiness, one address's new flows are spread over both targets.
        assert owners("127.0.16.60", 4) == {"g", "h"}
        elbv2.modify_target_group_attributes(TargetGroupArn=tg, Attributes=[
            {"Key": "stickiness.enabled", "Value": "true"}])
        for n in range(61, 67):
            seen = owners(f"127.0.16.{n}")
            assert len(seen) == 1, (n, seen)
    finally:
        for p in procs:
            p.kill()
            p.wait()


def test_connections_to_a_deregistered_target_close_only_if_the_group_says(new_region):
    host = "127.0.16.29"
    port = _free_port([host])
    health_port = port
    while health_port == port:
        health_port = _free_port([host])
    target = _LineEcho(host, "d", port, health_port)
    try:
        r = new_region()
        elbv2, vpc, nlb = _network_lb(r, "kg-dereg")
        tg = elbv2.create_target_group(Name="kg-dereg", Protocol="TCP", Port=port, VpcId=vpc, TargetType="ip",
                                       HealthCheckPort=str(health_port), HealthCheckIntervalSeconds=1,
                                       HealthCheckTimeoutSeconds=1, HealthyThresholdCount=2)["TargetGroups"][0]
        tga = tg["TargetGroupArn"]
        attrs = {a["Key"]: a["Value"] for a in elbv2.describe_target_group_attributes(TargetGroupArn=tga)["Attributes"]}
        assert attrs["deregistration_delay.connection_termination.enabled"] == "false"
        elbv2.modify_target_group_attributes(TargetGroupArn=tga, Attributes=[
            {"Key": "deregistration_delay.timeout_seconds", "Value": "2"}])
        elbv2.register_targets(TargetGroupArn=tga, Targets=[{"Id": host, "Port": port}])
        elbv2.create_listener(LoadBalancerArn=nlb["LoadBalancerArn"], Protocol="TCP", Port=7300,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tga}])
        hg.wait_until(lambda: _states(elbv2, tga) == {host: "healthy"}, timeout=15, what="target healthy")
        conn = socket.create_connection((nlb["DNSName"], 7300), timeout=5)
        f = conn.makefile("rb")
        assert _alive(conn, f, b"first\n")
        # Deregistered: the open connection holds the target draining until the delay ends, then
        # the target is gone and the connection lives on (the default).
        elbv2.deregister_targets(TargetGroupArn=tga, Targets=[{"Id": host, "Port": port}])
        hg.wait_until(lambda: _states(elbv2, tga) == {}, timeout=15, what="the target gone after its delay")
        until = time.monotonic() + 1.5
        i = 0
        while time.monotonic() < until:
            assert _alive(conn, f, f"after{i}\n".encode()), "closed although termination is off"
            i += 1
            time.sleep(0.1)
        # With termination on, connections to targets no longer in the group are closed.
        elbv2.modify_target_group_attributes(TargetGroupArn=tga, Attributes=[
            {"Key": "deregistration_delay.connection_termination.enabled", "Value": "true"}])
        hg.wait_until(lambda: not _alive(conn, f, b"more\n"), timeout=10, what="the connection closed")
        conn.close()
    finally:
        target.close()


# A target that answers, over TCP and UDP, the source address it saw.
WHO = r'''
import socket, sys, threading
host, port = sys.argv[1], int(sys.argv[2])
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind((host, port))
t = socket.socket()
t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind((host, port))
t.listen(64)
def tcp():
    while True:
        c, peer = t.accept()
        with c:
            c.sendall(f"{peer[0]}\n".encode())
threading.Thread(target=tcp, daemon=True).start()
while True:
    data, peer = u.recvfrom(65535)
    u.sendto(f"{peer[0]}:".encode() + data, peer)
'''


def test_client_addresses_are_preserved_as_the_group_says(new_region, tmp_path):
    """preserve_client_ip.enabled: the target sees the client's own address (TCP and UDP) when on,
    the proxy's when off (the default for ip targets of a TCP group; UDP groups always preserve)."""
    host = "127.0.16.41"
    script = tmp_path / "who.py"
    script.write_text(WHO)
    port = _free_port([host])
    proc = subprocess.Popen([sys.executable, str(script), host, str(port)])
    try:
        r = new_region()
        elbv2, vpc, nlb = _network_lb(r, "kg-preserve")
        tcp_tg = elbv2.create_target_group(Name="kg-who-tcp", Protocol="TCP", Port=port, VpcId=vpc, TargetType="ip",
                                           HealthCheckIntervalSeconds=1, HealthCheckTimeoutSeconds=1,
                                           HealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
        udp_tg = elbv2.create_target_group(Name="kg-who-udp", Protocol="UDP", Port=port, VpcId=vpc, TargetType="ip",
                                           HealthCheckProtocol="TCP", HealthCheckIntervalSeconds=1,
                                           HealthCheckTimeoutSeconds=1,
                                           HealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
        attrs = lambda tg: {a["Key"]: a["Value"] for a in  # noqa: E731
                            elbv2.describe_target_group_attributes(TargetGroupArn=tg)["Attributes"]}
        assert attrs(tcp_tg)["preserve_client_ip.enabled"] == "false", "AWS's default for ip targets of TCP"
        assert attrs(udp_tg)["preserve_client_ip.enabled"] == "true"
        for tg in (tcp_tg, udp_tg):
            elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": host, "Port": port}])
        elbv2.create_listener(LoadBalancerArn=nlb["LoadBalancerArn"], Protocol="TCP", Port=7300,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tcp_tg}])
        elbv2.create_listener(LoadBalancerArn=nlb["LoadBalancerArn"], Protocol="UDP", Port=7301,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": udp_tg}])
        hg.wait_until(lambda: _states(elbv2, tcp_tg) == {host: "healthy"} == _states(elbv2, udp_tg),
                      timeout=15, what="both groups healthy")

        def tcp_seen(client_ip: str) -> str:
            with socket.socket() as c:
                c.bind((client_ip, 0))
                c.settimeout(5)
                c.connect((nlb["DNSName"], 7300))
                return c.makefile("rb").readline().decode().strip()

        assert tcp_seen("127.0.16.77") != "127.0.16.77", "not preserved: the target sees the proxy"
        elbv2.modify_target_group_attributes(TargetGroupArn=tcp_tg, Attributes=[
            {"Key": "preserve_client_ip.enabled", "Value": "true"}])
        assert tcp_seen("127.0.16.77") == "127.0.16.77"
        assert tcp_seen("127.0.16.78") == "127.0.16.78"

        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.bind(("127.0.16.79", 0))
            answer = _ask_udp(u, (nlb["DNSName"], 7301), "who")
        assert answer == "127.0.16.79:who", answer
    finally:
        proc.kill()
        proc.wait()
