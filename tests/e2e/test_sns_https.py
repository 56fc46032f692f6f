"""SNS `https` subscriptions really deliver over TLS, verifying the subscriber's certificate:
against the system's roots plus the CA bundle the operator gives (`--sns-ca-bundle`). A
subscriber whose certificate is not trusted gets nothing — no confirmation, no notification —
and the region says why."""

from __future__ import annotations

import datetime
import ipaddress
import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

import hg


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_ca(cn: str):
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(_name(cn)).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_server_cert(ca_key, ca_cert, tmp, name: str):
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name("localhost")).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    cert_path, key_path = tmp / f"{name}.crt", tmp / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class Receiver:
    """An HTTPS subscriber on loopback that records what it is sent."""

    def __init__(self, cert_path, key_path):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers["Content-Length"])
                received.append((dict(self.headers), json.loads(self.rfile.read(n))))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert_path, key_path)
        self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"https://localhost:{self.server.server_address[1]}/hook"

    def of_type(self, t):
        return [r for r in self.received if r[1].get("Type") == t]

    def close(self):
        self.server.shutdown()


@pytest.fixture
def tls(tmp_path):
    ca_key, ca_cert = make_ca("KG test CA")
    bundle = tmp_path / "ca.pem"
    bundle.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    trusted = Receiver(*make_server_cert(ca_key, ca_cert, tmp_path, "trusted"))
    rogue_key, rogue_ca = make_ca("Somebody else's CA")
    untrusted = Receiver(*make_server_cert(rogue_key, rogue_ca, tmp_path, "untrusted"))
    yield bundle, trusted, untrusted
    trusted.close()
    untrusted.close()


def test_https_subscriptions_are_delivered_over_verified_tls(new_region, tls):
    bundle, trusted, untrusted = tls
    r = new_region("--sns-ca-bundle", str(bundle))
    sns = r.client("sns")
    topic = sns.create_topic(Name="KG-Secure-Hooks")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="https", Endpoint=trusted.url)
    sns.subscribe(TopicArn=topic, Protocol="https", Endpoint=untrusted.url)
    headers, conf = hg.wait_until(lambda: next(iter(trusted.of_type("SubscriptionConfirmation")), None),
                                  timeout=15, what="the SubscriptionConfirmation over HTTPS")
    assert headers["x-amz-sns-message-type"] == "SubscriptionConfirmation" and conf["TopicArn"] == topic
    import urllib.request
    with urllib.request.urlopen(conf["SubscribeURL"], timeout=5) as resp:
        assert resp.status == 200
    sns.publish(TopicArn=topic, Message="kick-off", Subject="KG-1")
    _, note = hg.wait_until(lambda: next(iter(trusted.of_type("Notification")), None),
                            timeout=15, what="the notification over HTTPS")
    assert note["Message"] == "kick-off" and note["Subject"] == "KG-1"
    # The untrusted endpoint got nothing, and the region logged the TLS failure.
    hg.wait_until(lambda: any("TLS with localhost" in line for line in r.all_stderr), timeout=15,
                  what="the TLS failure in the region's log")
    assert untrusted.received == []
    subs = sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
    assert {s["Endpoint"]: s["SubscriptionArn"] == "PendingConfirmation" for s in subs} == {
        trusted.url: False, untrusted.url: True}


def test_a_bad_ca_bundle_stops_the_region_at_start(new_region, tmp_path):
    bad = tmp_path / "not-a-cert.pem"
    bad.write_text("hello\n")
    r = new_region("--sns-ca-bundle", str(bad), start=False)
    with pytest.raises(pytest.fail.Exception, match="exited with code"):
        r.start()
    assert any("not-a-cert.pem holds no PEM certificate" in line for line in r.all_stderr), r.all_stderr[-5:]
