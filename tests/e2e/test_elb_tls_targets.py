"""Load balancers that encrypt to their targets: an application load balancer's HTTPS target
group (HTTPS health checks by default, requests re-encrypted to a real TLS server), beside an
HTTP group in front of the same server that cannot pass; and a classic load balancer's HTTPS
back end accepted as AWS pairs them."""

from __future__ import annotations

import http.client
import subprocess
import sys

import hg
from test_elb import self_signed

HOST = "127.0.16.51"

# An HTTPS server: answers every GET with its path, over TLS only.
TLS_BACKEND = r'''
import ssl, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
host, port, cert, key = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = ("tls:" + self.path + ":" + (self.headers.get("X-Forwarded-Proto") or "-")).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
class Server(ThreadingHTTPServer):
    allow_reuse_address = True
    def handle_error(self, request, client_address):
        pass  # a plain-HTTP health check fails its handshake
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
s = Server((host, port), H)
s.socket = ctx.wrap_socket(s.socket, server_side=True)
s.serve_forever()
'''


def _health(elbv2, tg):
    d = elbv2.describe_target_health(TargetGroupArn=tg)["TargetHealthDescriptions"]
    return {x["Target"]["Id"]: x["TargetHealth"]["State"] for x in d}


def test_an_https_target_group_re_encrypts_to_its_targets(new_region, tmp_path):
    cert, key = self_signed(HOST)
    (tmp_path / "cert.pem").write_text(cert)
    (tmp_path / "key.pem").write_text(key)
    (tmp_path / "backend.py").write_text(TLS_BACKEND)
    port = hg.free_port()
    proc = subprocess.Popen([sys.executable, str(tmp_path / "backend.py"), HOST, str(port),
                             str(tmp_path / "cert.pem"), str(tmp_path / "key.pem")])
    try:
        r = new_region()
        ec2, elbv2 = r.client("ec2"), r.client("elbv2", parameter_validation=False)
        subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=[
            {"Name": "default-for-az", "Values": ["true"]}])["Subnets"]][:2]
        lb = elbv2.create_load_balancer(Name="kg-reencrypt", Subnets=subnets)["LoadBalancers"][0]
        common = dict(Port=port, VpcId=lb["VpcId"], TargetType="ip", HealthCheckIntervalSeconds=1,
                      HealthCheckTimeoutSeconds=1, HealthyThresholdCount=2, UnhealthyThresholdCount=2)
        tls_tg = elbv2.create_target_group(Name="kg-https", Protocol="HTTPS", **common)["TargetGroups"][0]
        assert tls_tg["Protocol"] == "HTTPS" and tls_tg["HealthCheckProtocol"] == "HTTPS", tls_tg
        plain_tg = elbv2.create_target_group(Name="kg-plain", Protocol="HTTP", **common)["TargetGroups"][0]
        for tg in (tls_tg, plain_tg):
            elbv2.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": HOST, "Port": port}])
        listener = elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=8090,
                                         DefaultActions=[{"Type": "forward",
                                                          "TargetGroupArn": tls_tg["TargetGroupArn"]}])["Listeners"][0]
        elbv2.create_rule(ListenerArn=listener["ListenerArn"], Priority=1,
                          Conditions=[{"Field": "path-pattern", "Values": ["/plain*"]}],
                          Actions=[{"Type": "forward", "TargetGroupArn": plain_tg["TargetGroupArn"]}])
        hg.wait_until(lambda: _health(elbv2, tls_tg["TargetGroupArn"]) == {HOST: "healthy"}, timeout=15,
                      what="the TLS target healthy by HTTPS checks")
        # The same server checked over plain HTTP fails: it speaks only TLS.
        hg.wait_until(lambda: _health(elbv2, plain_tg["TargetGroupArn"]) == {HOST: "unhealthy"}, timeout=15,
                      what="the plain-HTTP group's check failing")

        for i in range(3):  # a kept-alive TLS connection is reused
            c = http.client.HTTPConnection(lb["DNSName"], 8090, timeout=5)
            c.request("GET", f"/score?n={i}")
            resp = c.getresponse()
            assert resp.status == 200
            assert resp.read() == f"tls:/score?n={i}:http".encode()
            c.close()
        # The plain group's target is unhealthy but the only one (fail open): its request reaches
        # the server in clear text, which it refuses: 502.
        c = http.client.HTTPConnection(lb["DNSName"], 8090, timeout=5)
        c.request("GET", "/plain")
        assert c.getresponse().status == 502
        c.close()
    finally:
        proc.kill()
        proc.wait()


def test_a_classic_load_balancer_takes_https_and_ssl_back_ends(new_region):
    r = new_region()
    elb, iam = r.client("elb"), r.client("iam")
    cert, key = self_signed("127.0.0.1")
    arn = iam.upload_server_certificate(ServerCertificateName="kg-classic", CertificateBody=cert,
                                        PrivateKey=key)["ServerCertificateMetadata"]["Arn"]
    elb.create_load_balancer(LoadBalancerName="KG-Reencrypt", AvailabilityZones=["ap-northeast-2a"], Listeners=[
        {"Protocol": "HTTPS", "LoadBalancerPort": 443, "InstanceProtocol": "HTTPS", "InstancePort": 443,
         "SSLCertificateId": arn},
        {"Protocol": "SSL", "LoadBalancerPort": 8443, "InstanceProtocol": "SSL", "InstancePort": 8443,
         "SSLCertificateId": arn},
        {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTPS", "InstancePort": 443}])
    d = elb.describe_load_balancers(LoadBalancerNames=["KG-Reencrypt"])["LoadBalancerDescriptions"][0]
    got = {(x["Listener"]["Protocol"], x["Listener"]["InstanceProtocol"]) for x in d["ListenerDescriptions"]}
    assert got == {("HTTPS", "HTTPS"), ("SSL", "SSL"), ("HTTP", "HTTPS")}
    # Layer 4 and layer 7 do not mix, as on AWS.
    code, _, _ = hg.expect_client_error(elb.create_load_balancer_listeners, LoadBalancerName="KG-Reencrypt",
                                        Listeners=[{"Protocol": "TCP", "LoadBalancerPort": 9000,
                                                    "InstanceProtocol": "HTTPS", "InstancePort": 443}])
    assert code == "InvalidConfigurationRequest"
    elb.configure_health_check(LoadBalancerName="KG-Reencrypt", HealthCheck={
        "Target": "HTTPS:443/health", "Interval": 5, "Timeout": 2, "UnhealthyThreshold": 2, "HealthyThreshold": 2})
