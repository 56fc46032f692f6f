"""Elastic Load Balancing through boto3: an application load balancer in two subnets in front
of two KG SPORTS instances — health checks, the split of traffic, a live SSE stream, rules,
draining, failover when a target is killed, and AWS's error codes."""

from __future__ import annotations

import http.client
import os
import signal
import threading
import time
from collections import Counter

import pytest

import hg

ZONES = ["ap-northeast-2a", "ap-northeast-2c"]


@pytest.fixture(scope="module")
def lb(region, tmp_path_factory):
    """KG-Ami, two running instances in two zones, and an ALB with a target group and an HTTP
    listener in front of them, targets healthy."""
    bundle = hg.kg_ami_bundle(tmp_path_factory.mktemp("kg-ami"))
    ec2 = region.client("ec2")
    # Health-check intervals shorter than AWS's 5 s are allowed here: skip the SDK's own range check.
    elbv2 = region.client("elbv2", parameter_validation=False)
    ami = ec2.register_image(Name="KG-Ami", ImageLocation=str(bundle))["ImageId"]
    subnets = [ec2.describe_subnets(Filters=[{"Name": "availability-zone", "Values": [z]},
                                             {"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]
               for z in ZONES]
    ids = [ec2.run_instances(ImageId=ami, InstanceType="t2.micro", MinCount=1, MaxCount=1,
                             SubnetId=s["SubnetId"])["Instances"][0]["InstanceId"] for s in subnets]
    vpc = subnets[0]["VpcId"]
    alb = elbv2.create_load_balancer(Name="kg-alb", Subnets=[s["SubnetId"] for s in subnets],
                                     Scheme="internet-facing", Type="application")["LoadBalancers"][0]
    tg = elbv2.create_target_group(Name="kg-web", Protocol="HTTP", Port=80, VpcId=vpc, TargetType="instance",
                                   HealthCheckPath="/health", HealthCheckIntervalSeconds=1,
                                   HealthCheckTimeoutSeconds=1, HealthyThresholdCount=2,
                                   UnhealthyThresholdCount=2)["TargetGroups"][0]
    elbv2.modify_target_group_attributes(TargetGroupArn=tg["TargetGroupArn"], Attributes=[
        {"Key": "deregistration_delay.timeout_seconds", "Value": "5"}])
    listener = elbv2.create_listener(LoadBalancerArn=alb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                                     DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}]
                                     )["Listeners"][0]

    def running():
        r = ec2.describe_instances(InstanceIds=ids)["Reservations"]
        return all(i["State"]["Name"] == "running" for res in r for i in res["Instances"])
    hg.wait_until(running, timeout=30, interval=0.2, what="instances running")
    elbv2.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": i} for i in ids])
    ns = type("LB", (), {})()
    ns.region, ns.ec2, ns.elbv2, ns.ids, ns.alb, ns.tg, ns.listener = region, ec2, elbv2, ids, alb, tg, listener
    ns.tg_arn = tg["TargetGroupArn"]
    ns.host = alb["DNSName"]
    wait_healthy(ns, ids)
    return ns


def health(lb) -> dict:
    out = lb.elbv2.describe_target_health(TargetGroupArn=lb.tg_arn)["TargetHealthDescriptions"]
    return {d["Target"]["Id"]: d["TargetHealth"] for d in out}


def wait_healthy(lb, ids, timeout=20.0):
    hg.wait_until(lambda: all(health(lb).get(i, {}).get("State") == "healthy" for i in ids),
                  timeout=timeout, interval=0.2, what=f"{ids} healthy")


def get(lb, path="/", conn=None, timeout=5.0):
    c = conn or http.client.HTTPConnection(lb.host, 80, timeout=timeout)
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    if conn is None:
        c.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), body


def test_dns_name_reaches_the_load_balancer(lb):
    assert lb.alb["DNSName"].startswith("127.255."), lb.alb
    assert lb.alb["State"]["Code"] == "active"
    assert {z["ZoneName"] for z in lb.alb["AvailabilityZones"]} == set(ZONES)
    h = health(lb)
    assert set(h) == set(lb.ids) and all(v["State"] == "healthy" for v in h.values())


def test_requests_are_split_across_both_targets(lb):
    conn = http.client.HTTPConnection(lb.host, 80, timeout=5)
    seen = Counter()
    for _ in range(200):
        status, headers, _ = get(lb, "/", conn=conn)
        assert status == 200
        seen[headers["x-kgsports-instance"]] += 1
    conn.close()
    assert set(seen) == set(lb.ids), seen
    assert all(n >= 80 for n in seen.values()), seen


def test_live_scores_stream_through_the_load_balancer(lb):
    c = http.client.HTTPConnection(lb.host, 80, timeout=10)
    c.request("GET", "/live", headers={"Accept": "text/event-stream"})
    r = c.getresponse()
    assert r.status == 200
    assert "text/event-stream" in r.getheader("content-type", "")
    events, deadline = 0, time.monotonic() + 8
    while events < 2 and time.monotonic() < deadline:
        line = r.fp.readline()
        if line.startswith(b"data:"):
            events += 1
    c.close()
    assert events >= 2, "events arrive one by one while the stream stays open"


def test_fixed_response_and_redirect_rules(lb):
    l_arn = lb.listener["ListenerArn"]
    lb.elbv2.create_rule(ListenerArn=l_arn, Priority=10,
                         Conditions=[{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/promo/*"]}}],
                         Actions=[{"Type": "fixed-response", "FixedResponseConfig": {
                             "StatusCode": "418", "ContentType": "text/plain", "MessageBody": "kick-off soon"}}])
    lb.elbv2.create_rule(ListenerArn=l_arn, Priority=20,
                         Conditions=[{"Field": "path-pattern", "Values": ["/old/*"]}],
                         Actions=[{"Type": "redirect", "RedirectConfig": {
                             "Path": "/new/#{path}", "StatusCode": "HTTP_301"}}])
    status, _, body = get(lb, "/promo/final")
    assert (status, body) == (418, b"kick-off soon")
    status, headers, _ = get(lb, "/old/page?x=1")
    assert status == 301
    assert headers["location"] == f"http://{lb.host}/new/old/page?x=1"
    status, headers, _ = get(lb, "/")
    assert status == 200 and "x-kgsports-instance" in headers
    rules = lb.elbv2.describe_rules(ListenerArn=l_arn)["Rules"]
    assert [r["Priority"] for r in rules] == ["10", "20", "default"]


def test_bad_input_gets_aws_codes(lb):
    e = lb.elbv2
    code, _, status = hg.expect_client_error(e.create_listener, LoadBalancerArn=lb.alb["LoadBalancerArn"],
                                             Protocol="HTTP", Port=80,
                                             DefaultActions=[{"Type": "forward", "TargetGroupArn": lb.tg_arn}])
    assert (code, status) == ("DuplicateListener", 400)
    code, _, _ = hg.expect_client_error(e.create_rule, ListenerArn=lb.listener["ListenerArn"], Priority=10,
                                        Conditions=[{"Field": "path-pattern", "Values": ["/x"]}],
                                        Actions=[{"Type": "forward", "TargetGroupArn": lb.tg_arn}])
    assert code == "PriorityInUse"
    missing = lb.tg_arn.rsplit("/", 1)[0] + "/0123456789abcdef"
    code, _, _ = hg.expect_client_error(e.describe_target_health, TargetGroupArn=missing)
    assert code == "TargetGroupNotFound"
    code, _, _ = hg.expect_client_error(e.create_target_group, Name="bad", Protocol="HTTP", Port=80,
                                        VpcId=lb.tg["VpcId"], HealthyThresholdCount=11)
    assert code == "ValidationError"
    code, _, _ = hg.expect_client_error(e.create_load_balancer, Name="one-subnet",
                                        Subnets=[lb.alb["AvailabilityZones"][0]["SubnetId"]])
    assert code == "ValidationError"
    code, _, _ = hg.expect_client_error(e.create_target_group, Name="kg-web", Protocol="HTTP", Port=8080,
                                        VpcId=lb.tg["VpcId"])
    assert code == "DuplicateTargetGroupName"
    code, _, _ = hg.expect_client_error(e.delete_target_group, TargetGroupArn=lb.tg_arn)
    assert code == "ResourceInUse"
    code, _, _ = hg.expect_client_error(e.register_targets, TargetGroupArn=lb.tg_arn, Targets=[{"Id": "i-0123456789abcdef0"}])
    assert code == "InvalidTarget"


def test_deregistered_target_drains_then_disappears(lb):
    gone = lb.ids[1]
    lb.elbv2.deregister_targets(TargetGroupArn=lb.tg_arn, Targets=[{"Id": gone}])
    h = health(lb)[gone]
    assert (h["State"], h["Reason"]) == ("draining", "Target.DeregistrationInProgress")
    seen = Counter(get(lb)[1]["x-kgsports-instance"] for _ in range(30))
    assert set(seen) == {lb.ids[0]}, seen
    hg.wait_until(lambda: gone not in health(lb), timeout=8, interval=0.2, what="drained target gone")
    h = lb.elbv2.describe_target_health(TargetGroupArn=lb.tg_arn, Targets=[{"Id": gone}])
    assert h["TargetHealthDescriptions"][0]["TargetHealth"]["Reason"] == "Target.NotRegistered"
    lb.elbv2.register_targets(TargetGroupArn=lb.tg_arn, Targets=[{"Id": gone}])
    wait_healthy(lb, lb.ids)


def instance_pids(lb, iid):
    """The instance's processes: their working directory lies in its own directory."""
    return hg.instance_pids_under(lb.region.data_dir / "ec2" / "instances" / iid)


def test_killing_a_target_fails_no_request(lb):
    victim = lb.ids[0]
    failures, ok, stop = [], Counter(), threading.Event()

    def load():
        conn = http.client.HTTPConnection(lb.host, 80, timeout=5)
        while not stop.is_set():
            try:
                status, headers, _ = get(lb, "/", conn=conn)
                if status != 200:
                    failures.append(status)
                else:
                    ok[headers.get("x-kgsports-instance")] += 1
            except Exception as e:  # noqa: BLE001 - any failure counts
                failures.append(repr(e))
                conn.close()
                conn = http.client.HTTPConnection(lb.host, 80, timeout=5)
        conn.close()

    threads = [threading.Thread(target=load) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    pids = instance_pids(lb, victim)
    assert pids, "the victim's processes were found"
    killed_at = time.monotonic()
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    h = hg.wait_until(lambda: (lambda x: x if x.get("State") == "unhealthy" else None)(health(lb).get(victim, {})),
                      timeout=5, interval=0.1, what="victim unhealthy")
    took = time.monotonic() - killed_at
    time.sleep(1.5)
    stop.set()
    for t in threads:
        t.join()
    assert failures == [], failures[:5]
    assert h["Reason"] in ("Target.FailedHealthChecks", "Target.Timeout"), h
    assert took < 3.0, took
    assert ok[lb.ids[1]] > 0


def self_signed(ip: str) -> tuple[str, str]:
    """A certificate for the load balancer's address (and kg.example), and its key, PEM."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kg.example")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("kg.example"),
                                                        x509.IPAddress(ipaddress.ip_address(ip))]), critical=False)
            .sign(key, hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM).decode(),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()).decode())


def test_https_listener_serves_the_uploaded_certificate(lb):
    import ssl

    cert_pem, key_pem = self_signed(lb.host)
    iam = lb.region.client("iam")
    arn = iam.upload_server_certificate(ServerCertificateName="kg-web", CertificateBody=cert_pem,
                                        PrivateKey=key_pem)["ServerCertificateMetadata"]["Arn"]
    code, _, _ = hg.expect_client_error(lb.elbv2.create_listener, LoadBalancerArn=lb.alb["LoadBalancerArn"],
                                        Protocol="HTTPS", Port=443, Certificates=[{"CertificateArn": arn + "x"}],
                                        DefaultActions=[{"Type": "forward", "TargetGroupArn": lb.tg_arn}])
    assert code == "CertificateNotFound"
    code, _, _ = hg.expect_client_error(lb.elbv2.create_listener, LoadBalancerArn=lb.alb["LoadBalancerArn"],
                                        Protocol="HTTPS", Port=443,
                                        DefaultActions=[{"Type": "forward", "TargetGroupArn": lb.tg_arn}])
    assert code == "ValidationError"
    listener = lb.elbv2.create_listener(LoadBalancerArn=lb.alb["LoadBalancerArn"], Protocol="HTTPS", Port=443,
                                        Certificates=[{"CertificateArn": arn}],
                                        DefaultActions=[{"Type": "forward", "TargetGroupArn": lb.tg_arn}])["Listeners"][0]
    assert listener["SslPolicy"] == "ELBSecurityPolicy-2016-08"
    assert listener["Certificates"] == [{"CertificateArn": arn}]
    ctx = ssl.create_default_context(cadata=cert_pem)
    seen = set()
    for _ in range(6):
        c = http.client.HTTPSConnection(lb.host, 443, timeout=5, context=ctx)
        c.request("GET", "/api/matches")
        r = c.getresponse()
        r.read()
        assert r.status == 200
        seen.add(r.getheader("x-kgsports-instance"))
        der = c.sock.getpeercert(binary_form=True)
        c.close()
    assert ssl.DER_cert_to_PEM_cert(der).strip() == cert_pem.strip()
    assert seen and seen <= set(lb.ids), seen
    # A client that does not trust the certificate is refused by its own verification.
    with pytest.raises(ssl.SSLCertVerificationError):
        c = http.client.HTTPSConnection(lb.host, 443, timeout=5, context=ssl.create_default_context())
        c.request("GET", "/")
    lb.elbv2.delete_listener(ListenerArn=listener["ListenerArn"])


def test_idle_client_connections_live_until_the_idle_timeout(lb):
    arn = lb.alb["LoadBalancerArn"]
    lb.elbv2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
        {"Key": "idle_timeout.timeout_seconds", "Value": "3"}])
    try:
        conn = http.client.HTTPConnection(lb.host, 80, timeout=5)
        for pause in (0, 1.5, 1.5):
            time.sleep(pause)
            conn.request("GET", "/health")
            r = conn.getresponse()
            r.read()
            assert r.status == 200
        sock = conn.sock
        time.sleep(4.5)
        sock.settimeout(2)
        # Idle past 3 s: the load balancer has closed its end (a read sees the end of stream).
        assert sock.recv(1) == b""
        conn.close()
    finally:
        lb.elbv2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
            {"Key": "idle_timeout.timeout_seconds", "Value": "60"}])


def test_websocket_upgrades_pass_through(lb):
    """A WebSocket server (the `websockets` package) as an `ip` target behind its own listener:
    the upgrade passes through and messages flow both ways, several connections at once."""
    import http as http_status

    from websockets.sync.client import connect
    from websockets.sync.server import serve

    def echo(ws):
        for message in ws:
            ws.send(f"echo: {message}")

    def health(connection, request):
        if request.path == "/health":
            return connection.respond(http_status.HTTPStatus.OK, "ok\n")
        return None

    port = hg.free_port()
    server = serve(echo, "127.0.0.1", port, process_request=health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        vpc = lb.ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
        tg = lb.elbv2.create_target_group(Name="live-ws", Protocol="HTTP", Port=port, VpcId=vpc, TargetType="ip",
                                          HealthCheckPath="/health", HealthCheckIntervalSeconds=1,
                                          HealthCheckTimeoutSeconds=1, HealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
        lb.elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": "127.0.0.1", "Port": port}])
        listener = lb.elbv2.create_listener(LoadBalancerArn=lb.alb["LoadBalancerArn"], Protocol="HTTP", Port=8081,
                                            DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}]
                                            )["Listeners"][0]["ListenerArn"]
        hg.wait_until(lambda: lb.elbv2.describe_target_health(TargetGroupArn=tg)["TargetHealthDescriptions"][0]
                      ["TargetHealth"]["State"] == "healthy", timeout=10, what="the WebSocket target healthy")
        sockets = [connect(f"ws://{lb.host}:8081/live", open_timeout=5) for _ in range(3)]
        for n, ws in enumerate(sockets):
            ws.send(f"goal {n}")
        for n, ws in enumerate(sockets):
            assert ws.recv(timeout=5) == f"echo: goal {n}"
        for ws in sockets:
            ws.send("full time")
            assert ws.recv(timeout=5) == "echo: full time"
            ws.close()
        lb.elbv2.delete_listener(ListenerArn=listener)
        lb.elbv2.delete_target_group(TargetGroupArn=tg)
    finally:
        server.shutdown()


def test_lb_cookie_stickiness_keeps_a_client_on_its_target(lb):
    serving = [i for i, h in health(lb).items() if h.get("State") == "healthy"]
    if len(serving) < 2:
        # An earlier test killed a target: bring a fresh one in so that there is a choice.
        iid = lb.ec2.run_instances(ImageId=lb.ec2.describe_instances(InstanceIds=[lb.ids[1]])["Reservations"][0]
                                   ["Instances"][0]["ImageId"], InstanceType="t2.micro", MinCount=1,
                                   MaxCount=1)["Instances"][0]["InstanceId"]
        hg.wait_until(lambda: lb.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
                      ["State"]["Name"] == "running", timeout=20, what="running")
        lb.elbv2.register_targets(TargetGroupArn=lb.tg_arn, Targets=[{"Id": iid}])
        wait_healthy(lb, [iid])
    lb.elbv2.modify_target_group_attributes(TargetGroupArn=lb.tg_arn, Attributes=[
        {"Key": "stickiness.enabled", "Value": "true"}, {"Key": "stickiness.type", "Value": "lb_cookie"},
        {"Key": "stickiness.lb_cookie.duration_seconds", "Value": "3600"}])
    try:
        status, headers, _ = get(lb, "/api/matches")
        assert status == 200
        # (The helper keeps the last Set-Cookie: AWSALBCORS carries the same value as AWSALB.)
        name, value = headers["set-cookie"].split(";")[0].split("=", 1)
        assert name in ("AWSALB", "AWSALBCORS") and value
        cookie = f"AWSALB={value}"
        first = headers["x-kgsports-instance"]
        for _ in range(10):
            c = http.client.HTTPConnection(lb.host, 80, timeout=5)
            c.request("GET", "/api/matches", headers={"Cookie": cookie})
            r = c.getresponse()
            r.read()
            assert r.status == 200 and r.getheader("x-kgsports-instance") == first
            c.close()
        # Without the cookie the load is still spread.
        seen = {get(lb, "/api/matches")[1]["x-kgsports-instance"] for _ in range(10)}
        assert len(seen) >= 2, seen
    finally:
        lb.elbv2.modify_target_group_attributes(TargetGroupArn=lb.tg_arn, Attributes=[
            {"Key": "stickiness.enabled", "Value": "false"}])


def test_a_listener_that_cannot_be_served_is_refused_or_reported(new_region):
    import socket
    r = new_region()
    ec2, elbv2 = r.client("ec2"), r.client("elbv2")
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=[
        {"Name": "default-for-az", "Values": ["true"]}])["Subnets"]][:2]
    lb = elbv2.create_load_balancer(Name="kg-busy", Subnets=subnets)["LoadBalancers"][0]
    arn, host = lb["LoadBalancerArn"], lb["DNSName"]
    tg = elbv2.create_target_group(Name="kg-busy", Protocol="HTTP", Port=80,
                                   VpcId=lb["VpcId"])["TargetGroups"][0]["TargetGroupArn"]
    forward = [{"Type": "forward", "TargetGroupArn": tg}]
    # Something else holds the listener's address: CreateListener fails and keeps nothing.
    squatter = socket.socket()
    squatter.bind((host, 8080))
    squatter.listen()
    try:
        code, msg, status = hg.expect_client_error(elbv2.create_listener, LoadBalancerArn=arn, Protocol="HTTP",
                                                   Port=8080, DefaultActions=forward)
        assert (code, status) == ("InvalidConfigurationRequest", 400), (code, msg)
        assert "8080" in msg, msg
        assert elbv2.describe_listeners(LoadBalancerArn=arn)["Listeners"] == []
        assert elbv2.describe_load_balancers(LoadBalancerArns=[arn])["LoadBalancers"][0]["State"] == {"Code": "active"}
    finally:
        squatter.close()
    elbv2.create_listener(LoadBalancerArn=arn, Protocol="HTTP", Port=8080, DefaultActions=forward)
    # Taken while the region is down: after the restart the load balancer says it is impaired.
    r.stop()
    squatter = socket.socket()
    squatter.bind((host, 8080))
    squatter.listen()
    try:
        r.start()
        state = r.client("elbv2").describe_load_balancers(LoadBalancerArns=[arn])["LoadBalancers"][0]["State"]
        assert state["Code"] == "active_impaired" and "8080" in state["Reason"], state
    finally:
        squatter.close()


class _Echo(hg.TcpServer):
    """A TCP server on a loopback address that answers each line with `<name>:<line>`."""

    def __init__(self, host: str, name: str, port: int = 0):
        self.name = name
        super().__init__(host, port)

    def handle(self, c):
        f = c.makefile("rwb")
        for line in f:
            f.write(f"{self.name}:{line.decode().strip()}\n".encode())
            f.flush()


def _ask(host, port, line="ping", timeout=3.0) -> str:
    import socket
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(line.encode() + b"\n")
        return s.makefile("rb").readline().decode().strip()


def test_a_network_load_balancer_relays_tcp_and_fails_over(new_region):
    r = new_region()
    ec2, elbv2 = r.client("ec2"), r.client("elbv2", parameter_validation=False)
    subnet = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]
    nlb = elbv2.create_load_balancer(Name="kg-nlb", Type="network", Subnets=[subnet["SubnetId"]])["LoadBalancers"][0]
    assert nlb["Type"] == "network" and ":loadbalancer/net/kg-nlb/" in nlb["LoadBalancerArn"]
    first = _Echo("127.0.0.1", "a")
    port = first.port  # the group's port: both targets listen on it, at two loopback addresses
    backends = [first, _Echo("127.0.0.2", "b", port)]
    try:
        tg = elbv2.create_target_group(Name="kg-tcp", Protocol="TCP", Port=port, VpcId=subnet["VpcId"],
                                       TargetType="ip", HealthCheckIntervalSeconds=1, HealthCheckTimeoutSeconds=1,
                                       HealthyThresholdCount=2, UnhealthyThresholdCount=2)["TargetGroups"][0]
        assert tg["HealthCheckProtocol"] == "TCP"
        elbv2.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[
            {"Id": "127.0.0.1", "Port": port}, {"Id": "127.0.0.2", "Port": port}])
        # An HTTP target group cannot serve a network load balancer, nor TCP an application one.
        http_tg = elbv2.create_target_group(Name="kg-http", Protocol="HTTP", Port=80,
                                            VpcId=subnet["VpcId"])["TargetGroups"][0]["TargetGroupArn"]
        code, _, _ = hg.expect_client_error(elbv2.create_listener, LoadBalancerArn=nlb["LoadBalancerArn"],
                                            Protocol="TCP", Port=7000,
                                            DefaultActions=[{"Type": "forward", "TargetGroupArn": http_tg}])
        assert code == "InvalidConfigurationRequest"
        code, _, _ = hg.expect_client_error(elbv2.create_listener, LoadBalancerArn=nlb["LoadBalancerArn"],
                                            Protocol="HTTP", Port=7000,
                                            DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
        assert code == "UnsupportedProtocol"
        elbv2.create_listener(LoadBalancerArn=nlb["LoadBalancerArn"], Protocol="TCP", Port=7000,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])

        def states():
            d = elbv2.describe_target_health(TargetGroupArn=tg["TargetGroupArn"])["TargetHealthDescriptions"]
            return {x["Target"]["Id"]: x["TargetHealth"]["State"] for x in d}
        hg.wait_until(lambda: set(states().values()) == {"healthy"}, timeout=10, what="both targets healthy")
        seen = {_ask(nlb["DNSName"], 7000, f"q{i}").split(":")[0] for i in range(12)}
        assert seen == {"a", "b"}, seen
        # One connection is one flow: every line on it goes to the same target.
        import socket as s_
        with s_.create_connection((nlb["DNSName"], 7000), timeout=3) as c:
            f = c.makefile("rwb")
            answers = set()
            for i in range(5):
                f.write(f"x{i}\n".encode())
                f.flush()
                answers.add(f.readline().decode().split(":")[0])
            assert len(answers) == 1, answers
        # Flows and healthy hosts reach CloudWatch as AWS/NetworkELB.
        cw = r.client("cloudwatch")
        lb_dim = nlb["LoadBalancerArn"].split(":loadbalancer/")[1]

        def flows():
            now = time.time()
            d = cw.get_metric_statistics(Namespace="AWS/NetworkELB", MetricName="NewFlowCount", Period=60,
                                         StartTime=now - 120, EndTime=now + 1, Statistics=["Sum"],
                                         Dimensions=[{"Name": "LoadBalancer", "Value": lb_dim}])["Datapoints"]
            return sum(p["Sum"] for p in d)
        hg.wait_until(lambda: flows() >= 13, timeout=10, what="13 flows counted")
        # A target that goes away: marked unhealthy, and new connections go to the other.
        backends[0].close()
        hg.wait_until(lambda: states().get("127.0.0.1") == "unhealthy", timeout=10, what="a unhealthy")
        assert {_ask(nlb["DNSName"], 7000, f"r{i}").split(":")[0] for i in range(8)} == {"b"}
    finally:
        for e in backends:
            e.close()



def test_a_tcp_listener_idle_timeout_is_a_listener_attribute(new_region):
    """`tcp.idle_timeout.seconds` (350 s by default, 60–6000) through Describe/ModifyListenerAttributes,
    boto3 and the aws CLI; AWS's refusals; only TCP and TCP_UDP listeners have it. (The relay's
    closing of an idle flow is shown by `cargo test -p proxy`: the minimum, 60 s, is too long here.)"""
    r = new_region()
    ec2, elbv2 = r.client("ec2"), r.client("elbv2", parameter_validation=False)
    subnet = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]
    nlb = elbv2.create_load_balancer(Name="kg-idle", Type="network", Subnets=[subnet["SubnetId"]])["LoadBalancers"][0]
    echo = _Echo("127.0.0.1", "a")
    try:
        tg = elbv2.create_target_group(Name="kg-idle", Protocol="TCP", Port=echo.port, VpcId=subnet["VpcId"],
                                       TargetType="ip", HealthCheckIntervalSeconds=1, HealthCheckTimeoutSeconds=1,
                                       HealthyThresholdCount=2, UnhealthyThresholdCount=2)["TargetGroups"][0]
        elbv2.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": "127.0.0.1", "Port": echo.port}])
        la = elbv2.create_listener(LoadBalancerArn=nlb["LoadBalancerArn"], Protocol="TCP", Port=7010,
                                   DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}]
                                   )["Listeners"][0]["ListenerArn"]

        def attrs(arn=la):
            return {a["Key"]: a["Value"] for a in elbv2.describe_listener_attributes(ListenerArn=arn)["Attributes"]}
        assert attrs() == {"tcp.idle_timeout.seconds": "350"}
        out = elbv2.modify_listener_attributes(ListenerArn=la, Attributes=[
            {"Key": "tcp.idle_timeout.seconds", "Value": "60"}])["Attributes"]
        assert out == [{"Key": "tcp.idle_timeout.seconds", "Value": "60"}]
        assert attrs() == {"tcp.idle_timeout.seconds": "60"}
        out = r.aws("elbv2", "modify-listener-attributes", "--listener-arn", la,
                    "--attributes", "Key=tcp.idle_timeout.seconds,Value=6000")
        assert out["Attributes"] == [{"Key": "tcp.idle_timeout.seconds", "Value": "6000"}]
        got = r.aws("elbv2", "describe-listener-attributes", "--listener-arn", la)["Attributes"]
        assert got == [{"Key": "tcp.idle_timeout.seconds", "Value": "6000"}]
        # AWS's refusals: out of 60–6000, not a whole number, a key listeners do not have, a
        # listener that does not exist. Nothing is half set.
        for value in ("59", "6001", "0", "abc", "90.5", ""):
            code, msg, status = hg.expect_client_error(elbv2.modify_listener_attributes, ListenerArn=la, Attributes=[
                {"Key": "tcp.idle_timeout.seconds", "Value": value}])
            assert (code, status) == ("ValidationError", 400) and "60" in msg and "6000" in msg, (value, code, msg)
        code, msg, _ = hg.expect_client_error(elbv2.modify_listener_attributes, ListenerArn=la, Attributes=[
            {"Key": "tcp.idle_timeout.seconds", "Value": "120"}, {"Key": "idle_timeout.timeout_seconds", "Value": "60"}])
        assert code == "ValidationError" and "idle_timeout.timeout_seconds" in msg, msg
        assert attrs() == {"tcp.idle_timeout.seconds": "6000"}
        gone = la.rsplit("/", 1)[0] + "/0123456789abcdef"
        code, _, _ = hg.expect_client_error(elbv2.describe_listener_attributes, ListenerArn=gone)
        assert code == "ListenerNotFound"
        code, _, _ = hg.expect_client_error(elbv2.modify_listener_attributes, ListenerArn=gone, Attributes=[
            {"Key": "tcp.idle_timeout.seconds", "Value": "120"}])
        assert code == "ListenerNotFound"
        # A UDP listener has no TCP idle timeout.
        udp_tg = elbv2.create_target_group(Name="kg-idle-udp", Protocol="UDP", Port=echo.port, VpcId=subnet["VpcId"],
                                           TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
        udp = elbv2.create_listener(LoadBalancerArn=nlb["LoadBalancerArn"], Protocol="UDP", Port=7011,
                                    DefaultActions=[{"Type": "forward", "TargetGroupArn": udp_tg}]
                                    )["Listeners"][0]["ListenerArn"]
        assert attrs(udp) == {}
        code, _, _ = hg.expect_client_error(elbv2.modify_listener_attributes, ListenerArn=udp, Attributes=[
            {"Key": "tcp.idle_timeout.seconds", "Value": "120"}])
        assert code == "ValidationError"
        # The listener still relays, on the changed configuration (a flow lives on while active).
        hg.wait_until(lambda: elbv2.describe_target_health(TargetGroupArn=tg["TargetGroupArn"])
                      ["TargetHealthDescriptions"][0]["TargetHealth"]["State"] == "healthy", timeout=10,
                      what="the target healthy")
        assert _ask(nlb["DNSName"], 7010, "after") == "a:after"
        # The setting survives a restart.
        r.restart()
        elbv2 = r.client("elbv2")
        assert attrs() == {"tcp.idle_timeout.seconds": "6000"}
    finally:
        echo.close()


BACKEND = r'''
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
name, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
class H(BaseHTTPRequestHandler):
    def _answer(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n:
            self.rfile.read(n)
        body = name.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = _answer
    def log_message(self, *a):
        pass
class Server(ThreadingHTTPServer):
    allow_reuse_address = True
    def handle_error(self, request, client_address):
        pass  # a client the load balancer gave up on (the target was hung) is gone
Server((host, port), H).serve_forever()
'''


def test_hung_and_restarted_targets(new_region, tmp_path):
    import signal
    import socket
    import subprocess
    import sys
    import threading
    script = tmp_path / "backend.py"
    script.write_text(BACKEND)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    hosts = {"a": "127.0.0.11", "b": "127.0.0.12", "c": "127.0.0.13"}

    def spawn(name):
        p = subprocess.Popen([sys.executable, str(script), name, hosts[name], str(port)])
        hg.wait_until(lambda: _http_ok(hosts[name], port), timeout=10, what=f"backend {name} up")
        return p
    procs = {n: spawn(n) for n in hosts}
    stop = threading.Event()
    try:
        r = new_region()
        ec2, elbv2 = r.client("ec2"), r.client("elbv2", parameter_validation=False)
        subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=[
            {"Name": "default-for-az", "Values": ["true"]}])["Subnets"]][:2]
        lb = elbv2.create_load_balancer(Name="kg-hung", Subnets=subnets)["LoadBalancers"][0]
        tg = elbv2.create_target_group(Name="kg-hung", Protocol="HTTP", Port=port, VpcId=lb["VpcId"], TargetType="ip",
                                       HealthCheckIntervalSeconds=5, HealthCheckTimeoutSeconds=2,
                                       HealthyThresholdCount=2, UnhealthyThresholdCount=2)["TargetGroups"][0]
        tga = tg["TargetGroupArn"]
        elbv2.register_targets(TargetGroupArn=tga, Targets=[{"Id": h, "Port": port} for h in hosts.values()])
        elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=8088,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tga}])

        def state(h):
            d = elbv2.describe_target_health(TargetGroupArn=tga, Targets=[{"Id": h, "Port": port}])
            return d["TargetHealthDescriptions"][0]["TargetHealth"]
        hg.wait_until(lambda: all(state(h)["State"] == "healthy" for h in hosts.values()), timeout=15,
                      what="three healthy targets")

        results = []

        def load():
            while not stop.is_set():
                t0 = time.monotonic()
                try:
                    c = http.client.HTTPConnection(lb["DNSName"], 8088, timeout=10)
                    c.request("GET", "/")
                    resp = c.getresponse()
                    results.append((t0, resp.status, resp.read().decode()))
                    c.close()
                except OSError as e:
                    results.append((t0, 0, str(e)))
        threads = [threading.Thread(target=load, daemon=True) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        # a hangs: its kernel still accepts connections, nothing answers.
        procs["a"].send_signal(signal.SIGSTOP)
        hung_at = time.monotonic()
        hg.wait_until(lambda: state(hosts["a"])["State"] == "unhealthy", timeout=3, what="a marked unhealthy")
        assert state(hosts["a"])["Reason"] == "Target.Timeout", state(hosts["a"])
        detected = time.monotonic() - hung_at
        time.sleep(1.0)
        late = [x for x in results if x[0] > hung_at + 1.5]
        assert late and all(body != "a" for _, _, body in late), "a still got requests after it hung"
        procs["a"].send_signal(signal.SIGCONT)
        hg.wait_until(lambda: state(hosts["a"])["State"] == "healthy", timeout=3, what="a back after SIGCONT")
        # a is killed and restarted: traffic reaches it again within half a second of its return.
        procs["a"].kill()
        procs["a"].wait()
        hg.wait_until(lambda: state(hosts["a"])["State"] == "unhealthy", timeout=10, what="a down")
        procs["a"] = spawn("a")
        back = time.monotonic()
        hg.wait_until(lambda: any(x[0] > back and x[2] == "a" for x in results), timeout=3,
                      what="traffic to the restarted target")
        returned = min(x[0] for x in results if x[0] > back and x[2] == "a") - back
        stop.set()
        for t in threads:
            t.join()
        failed = [x for x in results if x[1] != 200]
        assert failed == [], failed[:5]
        print(f"\nhung target detected in {detected:.2f} s; restarted target served again after {returned:.2f} s")
        assert returned < 1.0, returned

        # With only the hung target left, a POST gets 504 quickly (not after 60 s), and it is
        # delivered once at most.
        elbv2.deregister_targets(TargetGroupArn=tga, Targets=[{"Id": hosts[n], "Port": port} for n in ("b", "c")])
        hg.wait_until(lambda: len(elbv2.describe_target_health(TargetGroupArn=tga)["TargetHealthDescriptions"]) == 1,
                      timeout=15, what="b and c drained")
        procs["a"].send_signal(signal.SIGSTOP)
        t0 = time.monotonic()
        c = http.client.HTTPConnection(lb["DNSName"], 8088, timeout=20)
        c.request("POST", "/order", body=b"goal=1")
        assert c.getresponse().status == 504
        assert time.monotonic() - t0 < 3.0
        procs["a"].send_signal(signal.SIGCONT)
    finally:
        stop.set()
        for p in procs.values():
            p.send_signal(signal.SIGCONT)
            p.kill()
            p.wait()


def _http_ok(host, port) -> bool:
    try:
        c = http.client.HTTPConnection(host, port, timeout=1)
        c.request("GET", "/")
        ok = c.getresponse().status == 200
        c.close()
        return ok
    except OSError:
        return False


def test_listener_security_groups_refuse_sources_outside_their_cidrs(new_region, tmp_path):
    import signal
    import socket
    import subprocess
    import sys
    script = tmp_path / "backend.py"
    script.write_text(BACKEND)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    backend = subprocess.Popen([sys.executable, str(script), "web", "127.0.0.21", str(port)])
    try:
        hg.wait_until(lambda: _http_ok("127.0.0.21", port), timeout=10, what="the backend up")
        r = new_region()
        ec2, elbv2 = r.client("ec2"), r.client("elbv2", parameter_validation=False)
        subnets = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"][:2]
        vpc = subnets[0]["VpcId"]
        sg = ec2.create_security_group(GroupName="kg-lb", Description="HTTP from the host", VpcId=vpc)["GroupId"]
        here = [{"IpProtocol": "tcp", "FromPort": 8090, "ToPort": 8090, "IpRanges": [{"CidrIp": "127.0.0.1/32"}]}]
        elsewhere = [{"IpProtocol": "tcp", "FromPort": 8090, "ToPort": 8090, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]
        ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=here)
        lb = elbv2.create_load_balancer(Name="kg-guarded", Subnets=[s["SubnetId"] for s in subnets],
                                        SecurityGroups=[sg])["LoadBalancers"][0]
        tg = elbv2.create_target_group(Name="kg-guarded", Protocol="HTTP", Port=port, VpcId=vpc, TargetType="ip",
                                       HealthCheckIntervalSeconds=1, HealthCheckTimeoutSeconds=1,
                                       HealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
        elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": "127.0.0.21", "Port": port}])
        elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=8090,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        host = lb["DNSName"]

        def answered() -> bool:
            try:
                c = http.client.HTTPConnection(host, 8090, timeout=2, source_address=("127.0.0.1", 0))
                c.request("GET", "/")
                ok = c.getresponse().status == 200
                c.close()
                return ok
            except (OSError, http.client.HTTPException):
                return False
        hg.wait_until(answered, timeout=10, what="served to an allowed source")
        # Only 10.0.0.0/8 may come in now: this host's 127.0.0.1 is refused within a second.
        ec2.revoke_security_group_ingress(GroupId=sg, IpPermissions=here)
        ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=elsewhere)
        hg.wait_until(lambda: not answered(), timeout=3, what="refused once the rule is revoked")
        assert not answered()
        ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=here)
        hg.wait_until(answered, timeout=3, what="served again once allowed")
    finally:
        backend.send_signal(signal.SIGKILL)
        backend.wait()


class FramingTarget(hg.TcpServer):
    """An HTTP/1.1 target answering by path with each way a body can be framed, and noting the
    requests it read (head and body) and how many connections it accepted."""

    BIG = bytes(range(256)) * 4096  # 1 MiB, more than one read

    def __init__(self, host):
        self.seen, self.connections = [], 0
        super().__init__(host)

    def handle(self, conn):
        self.connections += 1
        f = conn.makefile("rb")
        while True:
            line = f.readline()
            if not line:
                return
            head = [line.decode("latin-1").rstrip("\r\n")]
            while (h := f.readline().decode("latin-1").rstrip("\r\n")):
                head.append(h)
            fields = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in head[1:])}
            if fields.get("transfer-encoding", "").lower() == "chunked":
                body = b""
                while (size := int(f.readline().split(b";")[0], 16)):
                    body += f.read(size)
                    f.readline()
                while f.readline() not in (b"\r\n", b""):
                    pass
            else:
                body = f.read(int(fields.get("content-length", "0")))
            self.seen.append((head, body))
            method, path, _ = head[0].split(" ")
            if path == "/chunked":
                out = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Kind: chunked\r\n\r\n"
                       b"6\r\nkick-o\r\n3;ext=1\r\nff!\r\n0\r\nX-Trailer: 1\r\n\r\n")
            elif path == "/until-close":
                conn.sendall(b"HTTP/1.0 200 OK\r\nX-Kind: until-close\r\n\r\nfull time")
                return
            elif path == "/big":
                out = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(self.BIG) + self.BIG
            elif path == "/empty":
                out = b"HTTP/1.1 204 No Content\r\nKeep-Alive: timeout=5\r\nConnection: keep-alive\r\n\r\n"
            else:
                echo = "\n".join(head).encode() + b"\n\n" + body
                length = len(echo)
                out = b"HTTP/1.1 200 Fine\r\nContent-Length: %d\r\n\r\n" % length + (b"" if method == "HEAD" else echo)
            conn.sendall(out)


def _lb_before(region, name: str, target: hg.TcpServer, port: int):
    """A load balancer with an HTTP listener on `port` forwarding to `target` (type ip), the
    target healthy: (elbv2 client, load balancer, target group ARN)."""
    ec2, elbv2 = region.client("ec2"), region.client("elbv2", parameter_validation=False)
    subnets = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"][:2]
    lb = elbv2.create_load_balancer(Name=name, Subnets=[s["SubnetId"] for s in subnets])["LoadBalancers"][0]
    tg = elbv2.create_target_group(Name=name, Protocol="HTTP", Port=target.port, VpcId=lb["VpcId"],
                                   TargetType="ip", HealthCheckIntervalSeconds=1, HealthCheckTimeoutSeconds=1,
                                   HealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
    elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": target.host, "Port": target.port}])
    elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=port,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
    hg.wait_until(lambda: elbv2.describe_target_health(TargetGroupArn=tg)["TargetHealthDescriptions"][0]
                  ["TargetHealth"]["State"] == "healthy", timeout=10, what="the target healthy")
    return elbv2, lb, tg


def test_every_http1_framing_passes_through_the_load_balancer(new_region):
    import socket
    target = FramingTarget("127.0.0.31")
    try:
        _, lb, _ = _lb_before(new_region(), "kg-framing", target, 8095)
        host = lb["DNSName"]

        sock = socket.create_connection((host, 8095), timeout=10)
        f = sock.makefile("rb")

        class Unclosed:  # every response of the connection is read from one buffer, kept open
            def __getattr__(self, name):
                return getattr(f, name)

            def close(self):
                pass

        class OnSocket:
            def makefile(self, *_a, **_k):
                return Unclosed()

        def response(method="GET"):
            resp = http.client.HTTPResponse(OnSocket(), method=method)
            resp.begin()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()

        # Pipelined on one keep-alive connection: a POST with a body, HEAD, chunked, 204, 1 MiB.
        sock.sendall(b"POST /order?x=1 HTTP/1.1\r\nHost: kg\r\nConnection: keep-alive\r\nKeep-Alive: 30\r\n"
                     b"X-Forwarded-For: 203.0.113.9\r\nContent-Length: 11\r\n\r\nid=7&qty=20"
                     b"HEAD /page HTTP/1.1\r\nHost: kg\r\n\r\n"
                     b"GET /chunked HTTP/1.1\r\nHost: kg\r\n\r\n"
                     b"GET /empty HTTP/1.1\r\nHost: kg\r\n\r\n"
                     b"GET /big HTTP/1.1\r\nHost: kg\r\n\r\n")
        status, headers, body = response()
        assert (status, headers["content-length"]) == (200, str(len(body))), headers
        echoed_head, echoed_body = body.split(b"\n\n", 1)
        lines = echoed_head.decode().split("\n")
        assert lines[0] == "POST /order?x=1 HTTP/1.1" and echoed_body == b"id=7&qty=20", body
        fields = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:])}
        assert "connection" not in fields and "keep-alive" not in fields, fields
        assert fields["x-forwarded-for"] == "203.0.113.9, 127.0.0.1", fields
        assert (fields["x-forwarded-proto"], fields["x-forwarded-port"]) == ("http", "8095"), fields
        assert fields["x-amzn-trace-id"].startswith("Root=1-") and fields["host"] == "kg", fields
        status, headers, body = response("HEAD")
        assert (status, body) == (200, b"") and int(headers["content-length"]) > 0, headers
        status, headers, body = response()
        assert (status, headers["x-kind"], body) == (200, "chunked", b"kick-off!"), headers
        status, headers, body = response()
        assert (status, body) == (204, b"") and "keep-alive" not in headers, headers
        status, headers, body = response()
        assert (status, body == FramingTarget.BIG) == (200, True), (status, len(body))

        # A chunked request body and an upgrade-free HTTP/1.0 request on the same connection are
        # served too (by the general path), and the connection keeps working after them.
        sock.sendall(b"PUT /upload HTTP/1.1\r\nHost: kg\r\nTransfer-Encoding: chunked\r\n\r\n"
                     b"4\r\nkg-s\r\n5\r\nports\r\n0\r\n\r\n")
        status, _, body = response()
        assert status == 200 and body.endswith(b"\n\nkg-sports"), body
        sock.sendall(b"GET /again HTTP/1.1\r\nHost: kg\r\n\r\n")
        status, _, body = response()
        assert status == 200 and body.startswith(b"GET /again HTTP/1.1"), body

        # A response framed by the target closing its connection: relayed, then the client's
        # connection is closed too (its end cannot be told otherwise).
        sock2 = socket.create_connection((host, 8095), timeout=10)
        sock2.sendall(b"GET /until-close HTTP/1.1\r\nHost: kg\r\n\r\n")
        got = b""
        while (chunk := sock2.recv(65536)):
            got += chunk
        sock2.close()
        head, _, body = got.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200 OK") and body == b"full time", got
        assert b"connection: close" in head.lower(), head

        # Keep-alive both sides: twenty more requests reuse the target's connections.
        before = target.connections
        for i in range(20):
            sock.sendall(b"GET /n%d HTTP/1.1\r\nHost: kg\r\n\r\n" % i)
            assert response()[0] == 200
        assert target.connections - before <= 2, (before, target.connections)
        sock.close()
        paths = [head[0].split(" ")[1] for head, _ in target.seen]
        for p in ["/order?x=1", "/page", "/chunked", "/empty", "/big", "/upload", "/again", "/until-close", "/n19"]:
            assert paths.count(p) == 1, (p, paths)
    finally:
        target.close()


def test_the_load_balancer_s_header_attributes_shape_what_targets_get(new_region):
    import ssl
    target = FramingTarget("127.0.0.32")
    try:
        r = new_region()
        elbv2, lb, tg = _lb_before(r, "kg-headers", target, 8096)
        arn = lb["LoadBalancerArn"]
        cert_pem, key_pem = self_signed(lb["DNSName"])
        cert = r.client("iam").upload_server_certificate(ServerCertificateName="kg-headers", CertificateBody=cert_pem,
                                                         PrivateKey=key_pem)["ServerCertificateMetadata"]["Arn"]
        elbv2.create_listener(LoadBalancerArn=arn, Protocol="HTTPS", Port=8443, Certificates=[{"CertificateArn": cert}],
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        ctx = ssl.create_default_context(cadata=cert_pem)

        def echoed(https=False, headers=None, chunked=False) -> dict:
            """The headers the target got; `chunked`: the request has a chunked body (served by
            the general path rather than the HTTP/1.1 fast path)."""
            c = (http.client.HTTPSConnection(lb["DNSName"], 8443, timeout=5, context=ctx) if https
                 else http.client.HTTPConnection(lb["DNSName"], 8096, timeout=5))
            sent = {"X-Forwarded-For": "203.0.113.9", "Bad_Name": "1", **(headers or {})}
            if chunked:
                c.request("POST", "/", body=iter([b"kg"]), headers=sent, encode_chunked=True)
            else:
                c.request("GET", "/", headers=sent)
            resp = c.getresponse()
            body = resp.read().decode()
            port = c.sock.getsockname()[1]
            c.close()
            assert resp.status == 200, body
            lines = body.split("\n\n", 1)[0].split("\n")[1:]
            return {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in lines)} | {"_port": str(port)}

        def attributes(**kv):
            elbv2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
                {"Key": f"routing.http.{k}", "Value": v} for k, v in kv.items()])

        for got in (echoed(), echoed(chunked=True)):
            assert (got["x-forwarded-for"], got["bad_name"]) == ("203.0.113.9, 127.0.0.1", "1"), got
        assert "x-amzn-tls-version" not in echoed(https=True)
        attributes(**{"xff_client_port.enabled": "true", "drop_invalid_header_fields.enabled": "true",
                      "x_amzn_tls_version_and_cipher_suite.enabled": "true"})
        hg.wait_until(lambda: "bad_name" not in echoed(), timeout=5, what="the attributes applied")
        for got in (echoed(), echoed(chunked=True)):
            assert got["x-forwarded-for"] == f"203.0.113.9, 127.0.0.1:{got['_port']}", got
            assert "bad_name" not in got, got
        for chunked in (False, True):
            got = echoed(https=True, headers={"X-Amzn-Tls-Version": "forged"}, chunked=chunked)
            assert got["x-amzn-tls-version"] in ("TLSv1.2", "TLSv1.3"), got
            assert got["x-amzn-tls-cipher-suite"].startswith(("TLS_", "ECDHE-")), got
            assert got["x-forwarded-proto"] == "https" and "x-amzn-tls-version" not in echoed(), got
        attributes(**{"xff_header_processing.mode": "preserve"})
        hg.wait_until(lambda: echoed()["x-forwarded-for"] == "203.0.113.9", timeout=5, what="XFF preserved")
        assert echoed(chunked=True)["x-forwarded-for"] == "203.0.113.9"
        attributes(**{"xff_header_processing.mode": "remove"})
        hg.wait_until(lambda: "x-forwarded-for" not in echoed(), timeout=5, what="XFF removed")
        assert "x-forwarded-for" not in echoed(chunked=True)
        code, msg = hg.expect_client_error(elbv2.modify_load_balancer_attributes, LoadBalancerArn=arn, Attributes=[
            {"Key": "routing.http.xff_header_processing.mode", "Value": "rewrite"}])[:2]
        assert code == "ValidationError" and "rewrite" in msg, msg
    finally:
        target.close()
