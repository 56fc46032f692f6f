"""Load balancer access logs through boto3: ModifyLoadBalancerAttributes turns them
on, requests through the load balancer become lines in ALB's format, written as gzip files at
the keys ALB uses in the bucket (no S3 is served yet: the bucket is a folder under the region's
data directory), and AWS's refusals of bad settings."""

from __future__ import annotations

import gzip
import http.client
import shlex
import socket
import subprocess
import sys
import time

import pytest

import hg
from test_elb import BACKEND, _http_ok

BACKEND_HOST = "127.0.0.31"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fields(line: str) -> list[str]:
    """Split a log line as ALB's documentation parses it: space separated, quoted strings whole."""
    return shlex.split(line, posix=True)


def test_access_logs_record_every_request_in_albs_format(new_region, tmp_path):
    script = tmp_path / "backend.py"
    script.write_text(BACKEND)
    port = _free_port()
    backend = subprocess.Popen([sys.executable, str(script), "kg", BACKEND_HOST, str(port)])
    try:
        hg.wait_until(lambda: _http_ok(BACKEND_HOST, port), timeout=10, what="backend up")
        r = new_region("--elb-access-log-interval", "1")
        ec2, elbv2 = r.client("ec2"), r.client("elbv2", parameter_validation=False)
        subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=[
            {"Name": "default-for-az", "Values": ["true"]}])["Subnets"]][:2]
        lb = elbv2.create_load_balancer(Name="kg-logged", Subnets=subnets)["LoadBalancers"][0]
        lba = lb["LoadBalancerArn"]
        tg = elbv2.create_target_group(Name="kg-logged", Protocol="HTTP", Port=port, VpcId=lb["VpcId"],
                                       TargetType="ip", HealthCheckIntervalSeconds=1, HealthCheckTimeoutSeconds=1,
                                       HealthyThresholdCount=2, UnhealthyThresholdCount=2)["TargetGroups"][0]
        tga = tg["TargetGroupArn"]
        elbv2.register_targets(TargetGroupArn=tga, Targets=[{"Id": BACKEND_HOST, "Port": port}])
        listener = elbv2.create_listener(LoadBalancerArn=lba, Protocol="HTTP", Port=8089,
                                         DefaultActions=[{"Type": "forward", "TargetGroupArn": tga}])["Listeners"][0]
        elbv2.create_rule(ListenerArn=listener["ListenerArn"], Priority=5,
                          Conditions=[{"Field": "path-pattern", "Values": ["/closed"]}],
                          Actions=[{"Type": "fixed-response", "FixedResponseConfig": {
                              "StatusCode": "503", "ContentType": "text/plain", "MessageBody": "closed"}}])
        hg.wait_until(lambda: elbv2.describe_target_health(TargetGroupArn=tga)["TargetHealthDescriptions"][0]
                      ["TargetHealth"]["State"] == "healthy", timeout=15, what="the target healthy")

        # AWS's refusals: logs on without a bucket, a bucket name S3 would refuse, a prefix
        # with AWSLogs in it, a prefix that would climb out of the bucket.
        for attrs, code in [
            ([{"Key": "access_logs.s3.enabled", "Value": "true"}], "InvalidConfigurationRequest"),
            ([{"Key": "access_logs.s3.bucket", "Value": "KG_Logs"}], "InvalidConfigurationRequest"),
            ([{"Key": "access_logs.s3.bucket", "Value": "../etc"}], "InvalidConfigurationRequest"),
            ([{"Key": "access_logs.s3.prefix", "Value": "x/AWSLogs"}], "InvalidConfigurationRequest"),
            ([{"Key": "access_logs.s3.prefix", "Value": "a/../../b"}], "ValidationError"),
        ]:
            with pytest.raises(elbv2.exceptions.ClientError) as e:
                elbv2.modify_load_balancer_attributes(LoadBalancerArn=lba, Attributes=attrs)
            assert e.value.response["Error"]["Code"] == code, (attrs, e.value.response["Error"])
        got = {a["Key"]: a["Value"] for a in
               elbv2.describe_load_balancer_attributes(LoadBalancerArn=lba)["Attributes"]}
        assert got["access_logs.s3.enabled"] == "false" and got["access_logs.s3.bucket"] == "", "nothing half set"

        elbv2.modify_load_balancer_attributes(LoadBalancerArn=lba, Attributes=[
            {"Key": "access_logs.s3.enabled", "Value": "true"},
            {"Key": "access_logs.s3.bucket", "Value": "kg-sports-logs"},
            {"Key": "access_logs.s3.prefix", "Value": "match-day/alb"}])

        sent = []
        for i in range(5):
            c = http.client.HTTPConnection(lb["DNSName"], 8089, timeout=5)
            c.request("GET", f"/live?match={i}", headers={"User-Agent": f"kg-player/{i}"})
            sent.append((c.sock.getsockname()[1], i))
            resp = c.getresponse()
            assert resp.status == 200 and resp.read() == b"kg"
            c.close()
        c = http.client.HTTPConnection(lb["DNSName"], 8089, timeout=5)
        c.request("GET", "/closed")
        assert c.getresponse().status == 503
        c.close()
        # An HTTPS listener's request: its TLS cipher and protocol, the server name the client
        # asked for, and the listener's certificate are logged.
        import ssl

        from test_elb import self_signed
        cert_pem, key_pem = self_signed(lb["DNSName"])
        cert_arn = r.client("iam").upload_server_certificate(
            ServerCertificateName="kg-logged", CertificateBody=cert_pem,
            PrivateKey=key_pem)["ServerCertificateMetadata"]["Arn"]
        elbv2.create_listener(LoadBalancerArn=lba, Protocol="HTTPS", Port=8444, Certificates=[{"CertificateArn": cert_arn}],
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tga}])
        ctx = ssl.create_default_context(cadata=cert_pem)
        ctx.check_hostname = False
        c = http.client.HTTPSConnection(lb["DNSName"], 8444, timeout=5, context=ctx)
        c.request("GET", "/secure")
        tls_version, tls_cipher = c.sock.version(), c.sock.cipher()[0]
        assert c.getresponse().status == 200
        c.close()

        logs = (r.data_dir / "elb-access-logs" / "kg-sports-logs" / "match-day" / "alb" / "AWSLogs" / r.account
                / "elasticloadbalancing" / r.region_name)

        def lines():
            out = []
            for f in sorted(logs.rglob("*.log.gz")):
                out += gzip.decompress(f.read_bytes()).decode().splitlines()
            return out
        hg.wait_until(lambda: len(lines()) >= 7, timeout=10, interval=0.2, what="seven log lines written")
        files = list(logs.rglob("*.log.gz"))
        lb_id = lba.rsplit("/", 1)[1]
        stem = f"{r.account}_elasticloadbalancing_{r.region_name}_app.kg-logged.{lb_id}_"
        assert all(f.name.startswith(stem) and f"_{lb['DNSName']}_" in f.name for f in files), files
        assert all(f.parent.parent.parent.parent == logs for f in files), "dated folders yyyy/mm/dd"

        by_path = {}
        for line in lines():
            f = _fields(line)
            assert len(f) == 30, (len(f), line)
            by_path[f[12].split(" ")[1]] = f
        for client_port, i in sent:
            f = by_path[f"http://{lb['DNSName']}:8089/live?match={i}"]
            assert f[0] == "http"
            assert f[2] == f"app/kg-logged/{lb_id}"
            assert f[3] == f"127.0.0.1:{client_port}", "the client's address and port"
            assert f[4] == f"{BACKEND_HOST}:{port}", "the target that answered"
            assert all(float(x) >= 0 for x in f[5:8]), "processing times"
            assert (f[8], f[9]) == ("200", "200")
            assert int(f[10]) > 0 and int(f[11]) > 0, "bytes received and sent"
            assert f[12] == f"GET http://{lb['DNSName']}:8089/live?match={i} HTTP/1.1"
            assert f[13] == f"kg-player/{i}"
            assert f[16] == tga
            assert f[17].startswith("Root=1-"), f[17]
            assert f[22] == "forward" and f[25] == f"{BACKEND_HOST}:{port}" and f[26] == "200"
            assert f[20] == "0", "matched_rule_priority: the default rule is 0"
            assert (f[14], f[15], f[18], f[19]) == ("-", "-", "-", "-"), "no TLS on an HTTP listener"
        secure = by_path[f"https://{lb['DNSName']}:8444/secure"]
        assert (secure[0], secure[8], secure[9]) == ("https", "200", "200"), secure
        # Python names the version as ALB does (TLSv1.2 / TLSv1.3); its cipher name is OpenSSL's.
        assert (secure[14], secure[15], secure[19]) == (tls_cipher, tls_version, cert_arn), secure
        closed = by_path[f"http://{lb['DNSName']}:8089/closed"]
        assert (closed[4], closed[8], closed[9], closed[22]) == ("-", "503", "-", "fixed-response")
        assert closed[20] == "5", "matched_rule_priority: the rule's own priority"

        # Off again: what was gathered since the last file is written at once, then nothing more.
        c = http.client.HTTPConnection(lb["DNSName"], 8089, timeout=5)
        c.request("GET", "/last")
        assert c.getresponse().status == 200
        c.close()
        elbv2.modify_load_balancer_attributes(LoadBalancerArn=lba, Attributes=[
            {"Key": "access_logs.s3.enabled", "Value": "false"}])
        hg.wait_until(lambda: any("/last HTTP/1.1" in line for line in lines()), timeout=5,
                      what="the last request logged when logs were turned off")
        count = len(lines())
        c = http.client.HTTPConnection(lb["DNSName"], 8089, timeout=5)
        c.request("GET", "/unlogged")
        assert c.getresponse().status == 200
        c.close()
        files_before = len(list(logs.rglob("*.log.gz")))
        # A negative check: longer than the 1 s interval (and the flusher's tick) would take.
        time.sleep(2.0)
        assert len(lines()) == count and len(list(logs.rglob("*.log.gz"))) == files_before
    finally:
        backend.kill()
        backend.wait()


def test_a_classic_load_balancer_logs_in_the_classic_format(new_region, tmp_path):
    """ModifyLoadBalancerAttributes AccessLog on a classic load balancer: its requests become
    15-field classic lines in plain-text files at classic ELB's keys; AWS's refusals of bad
    settings."""
    r = new_region("--elb-access-log-interval", "1")
    ec2, elb = r.client("ec2"), r.client("elb")
    ami = ec2.register_image(Name="KG-Ami", ImageLocation=str(hg.kg_ami_bundle(tmp_path / "ami")))["ImageId"]
    iid = ec2.run_instances(ImageId=ami, InstanceType="t2.micro", MinCount=1, MaxCount=1,
                            Placement={"AvailabilityZone": "ap-northeast-2a"})["Instances"][0]["InstanceId"]
    hg.wait_until(lambda: ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["State"]
                  ["Name"] == "running", timeout=30, interval=0.2, what="the instance running")
    dns = elb.create_load_balancer(LoadBalancerName="KG-Logged", AvailabilityZones=["ap-northeast-2a"], Listeners=[
        {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 80}])["DNSName"]
    elb.configure_health_check(LoadBalancerName="KG-Logged", HealthCheck={
        "Target": "HTTP:80/", "Interval": 5, "Timeout": 2, "UnhealthyThreshold": 2, "HealthyThreshold": 2})
    elb.register_instances_with_load_balancer(LoadBalancerName="KG-Logged", Instances=[{"InstanceId": iid}])
    hg.wait_until(lambda: elb.describe_instance_health(LoadBalancerName="KG-Logged")["InstanceStates"][0]["State"]
                  == "InService", timeout=20, what="the instance InService")

    for log, code in [
        ({"Enabled": True}, "InvalidConfigurationRequest"),
        ({"Enabled": True, "S3BucketName": "KG_Logs"}, "InvalidConfigurationRequest"),
        ({"Enabled": True, "S3BucketName": "kg-logs", "EmitInterval": 15}, "ValidationError"),
        ({"Enabled": True, "S3BucketName": "kg-logs", "S3BucketPrefix": "../up"}, "ValidationError"),
    ]:
        got, _, _ = hg.expect_client_error(elb.modify_load_balancer_attributes, LoadBalancerName="KG-Logged",
                                           LoadBalancerAttributes={"AccessLog": log})
        assert got == code, (log, got)
    elb.modify_load_balancer_attributes(LoadBalancerName="KG-Logged", LoadBalancerAttributes={"AccessLog": {
        "Enabled": True, "S3BucketName": "kg-classic-logs", "EmitInterval": 5, "S3BucketPrefix": "legacy"}})
    a = elb.describe_load_balancer_attributes(LoadBalancerName="KG-Logged")["LoadBalancerAttributes"]["AccessLog"]
    assert a == {"Enabled": True, "S3BucketName": "kg-classic-logs", "EmitInterval": 5, "S3BucketPrefix": "legacy"}

    ports = []
    for i in range(3):
        c = http.client.HTTPConnection(dns, 80, timeout=5)
        c.request("GET", f"/?visit={i}", headers={"User-Agent": "kg-legacy-app"})
        ports.append(c.sock.getsockname()[1])
        assert c.getresponse().status == 200
        c.close()
    logs = (r.data_dir / "elb-access-logs" / "kg-classic-logs" / "legacy" / "AWSLogs" / r.account
            / "elasticloadbalancing" / r.region_name)

    def lines():
        return [line for f in sorted(logs.rglob("*.log")) for line in f.read_text().splitlines()]
    hg.wait_until(lambda: len(lines()) >= 3, timeout=10, interval=0.2, what="three classic log lines")
    files = list(logs.rglob("*.log"))
    assert all(f.name.startswith(f"{r.account}_elasticloadbalancing_{r.region_name}_KG-Logged_") for f in files)
    for line in lines():
        f = _fields(line)
        assert len(f) == 15, line
        assert f[1] == "KG-Logged" and f[7] == "200" and f[8] == "200", line
        assert int(f[3].rsplit(":", 1)[1]) == 80, "the instance port"
        assert f[12] == "kg-legacy-app" and (f[13], f[14]) == ("-", "-")
    requests = {_fields(line)[11] for line in lines()}
    assert requests == {f"GET http://{dns}:80/?visit={i} HTTP/1.1" for i in range(3)}, requests
    assert {int(_fields(line)[2].rsplit(":", 1)[1]) for line in lines()} == set(ports)


def test_a_network_load_balancer_logs_its_tls_connections(new_region):
    """A network load balancer with access logs writes one NLB line (22 fields, version 2.0) per
    connection of its TLS listener, in gzip files named as NLB's (no node address); its TCP
    listener's connections are not logged, as on AWS."""
    import re
    import ssl

    from test_elb import _Echo, self_signed
    r = new_region("--elb-access-log-interval", "1")
    ec2, elbv2, iam = r.client("ec2"), r.client("elbv2", parameter_validation=False), r.client("iam")
    subnet = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]
    nlb = elbv2.create_load_balancer(Name="kg-nlb-logged", Type="network",
                                     Subnets=[subnet["SubnetId"]])["LoadBalancers"][0]
    lba, dns = nlb["LoadBalancerArn"], nlb["DNSName"]
    echo = _Echo("127.0.0.1", "a")
    try:
        tg = elbv2.create_target_group(Name="kg-nlb-logged", Protocol="TCP", Port=echo.port, VpcId=subnet["VpcId"],
                                       TargetType="ip", HealthCheckIntervalSeconds=1, HealthCheckTimeoutSeconds=1,
                                       HealthyThresholdCount=2, UnhealthyThresholdCount=2)["TargetGroups"][0]
        tga = tg["TargetGroupArn"]
        elbv2.register_targets(TargetGroupArn=tga, Targets=[{"Id": "127.0.0.1", "Port": echo.port}])
        cert, key = self_signed(dns)
        cert_arn = iam.upload_server_certificate(ServerCertificateName="kg-nlb", CertificateBody=cert,
                                                 PrivateKey=key)["ServerCertificateMetadata"]["Arn"]
        fwd = [{"Type": "forward", "TargetGroupArn": tga}]
        tls_listener = elbv2.create_listener(LoadBalancerArn=lba, Protocol="TLS", Port=7443, DefaultActions=fwd,
                                             Certificates=[{"CertificateArn": cert_arn}])["Listeners"][0]
        elbv2.create_listener(LoadBalancerArn=lba, Protocol="TCP", Port=7000, DefaultActions=fwd)
        hg.wait_until(lambda: elbv2.describe_target_health(TargetGroupArn=tga)["TargetHealthDescriptions"][0]
                      ["TargetHealth"]["State"] == "healthy", timeout=15, what="the target healthy")
        elbv2.modify_load_balancer_attributes(LoadBalancerArn=lba, Attributes=[
            {"Key": "access_logs.s3.enabled", "Value": "true"},
            {"Key": "access_logs.s3.bucket", "Value": "kg-nlb-logs"},
            {"Key": "access_logs.s3.prefix", "Value": "nlb"}])

        # A TCP connection: relayed, not logged.
        with socket.create_connection((dns, 7000), timeout=5) as c:
            c.sendall(b"plain\n")
            assert c.makefile("rb").readline() == b"a:plain\n"
        # A TLS connection with SNI: relayed after the handshake, and logged when it ends.
        ctx = ssl.create_default_context()
        ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
        with socket.create_connection((dns, 7443), timeout=5) as raw:
            with ctx.wrap_socket(raw, server_hostname="kg.example") as c:
                client_port = c.getsockname()[1]
                cipher, version = c.cipher()[0], c.version()
                c.sendall(b"hello\n")
                assert c.makefile("rb").readline() == b"a:hello\n"
        # A client that does not trust the certificate ends the handshake with an alert
        # (unknown_ca, 48): logged without a handshake time, with the alert.
        with socket.create_connection((dns, 7443), timeout=5) as raw:
            failed_port = raw.getsockname()[1]
            with pytest.raises(ssl.SSLCertVerificationError):
                ssl.create_default_context().wrap_socket(raw, server_hostname="kg.example")

        logs = (r.data_dir / "elb-access-logs" / "kg-nlb-logs" / "nlb" / "AWSLogs" / r.account
                / "elasticloadbalancing" / r.region_name)

        def lines():
            return [line for f in sorted(logs.rglob("*.log.gz")) for line in gzip.decompress(f.read_bytes())
                    .decode().splitlines()]
        hg.wait_until(lambda: len(lines()) >= 2, timeout=10, interval=0.2, what="the TLS connections logged")
        time.sleep(1.5)  # a later file would hold a line for the TCP connection, were it logged
        got = lines()
        assert len(got) == 2, got
        failed = got[1].split(" ")
        assert failed[5] == f"127.0.0.1:{failed_port}" and (failed[8], failed[9], failed[10]) == ("-", "0", "0"), failed
        assert (failed[11], failed[12], failed[14], failed[15]) == ("48", cert_arn, "-", "-"), failed
        f = got[0].split(" ")
        assert len(f) == 22, got[0]
        lb_id = lba.rsplit("/", 1)[1]
        stamp = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")
        assert (f[0], f[1]) == ("tls", "2.0") and stamp.match(f[2]) and stamp.match(f[21]) and f[21] <= f[2], f
        assert f[3] == f"net/kg-nlb-logged/{lb_id}"
        assert f[4] == tls_listener["ListenerArn"].rsplit("/", 1)[1], "the listener's resource ID"
        assert f[5] == f"127.0.0.1:{client_port}" and f[6] == f"{dns}:7443"
        assert 0 <= int(f[8]) <= int(f[7]), "the handshake is part of the connection's time"
        assert (f[9], f[10]) == ("6", "8"), "bytes from and to the client, in clear"
        assert (f[11], f[12], f[13]) == ("-", cert_arn, "-")
        assert f[14] == cipher and f[15] == {"TLSv1.3": "tlsv13", "TLSv1.2": "tlsv12"}[version], (f, cipher)
        assert f[16] != "-" and f[17] == "kg.example" and f[18:21] == ["-", "-", "-"], f
        files = list(logs.rglob("*.log.gz"))
        stem = f"{r.account}_elasticloadbalancing_{r.region_name}_net.kg-nlb-logged.{lb_id}_"
        assert all(re.fullmatch(re.escape(stem) + r"\d{8}T\d{4}Z_[a-z0-9]{8}\.log\.gz", x.name) for x in files), files
    finally:
        echo.close()
