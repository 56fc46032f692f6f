"""Authentication: SigV4 is really verified, keys are really looked up, clocks really matter."""

import time
import urllib.parse

import hg

GCI = {"Action": "GetCallerIdentity", "Version": hg.STS_VERSION}


def test_wrong_secret_is_signature_does_not_match(region):
    ak, sk = region.root
    wrong = sk[:-1] + ("A" if sk[-1] != "A" else "B")
    code, msg, status = hg.expect_client_error(region.client("sts", ak, wrong).get_caller_identity)
    assert (code, status) == ("SignatureDoesNotMatch", 403)
    assert msg.startswith("The request signature we calculated does not match the signature you provided."), msg
    # Also through the aws CLI.
    rc, err = region.aws_fail("sts", "get-caller-identity", env=region.env_for(ak, wrong))
    assert hg.cli_error(err)[0] == "SignatureDoesNotMatch"
    # And for IAM, not just STS.
    code, _, _ = hg.expect_client_error(region.client("iam", ak, wrong).list_users)
    assert code == "SignatureDoesNotMatch"


def test_unknown_access_key_is_invalid_client_token_id(region):
    code, msg, status = hg.expect_client_error(
        region.client("sts", "AKIAZZZZZZZZZZZZZZZZ", "x" * 40).get_caller_identity)
    assert (code, status) == ("InvalidClientTokenId", 403)
    assert msg == "The security token included in the request is invalid."
    code, _, status = hg.expect_client_error(region.client("iam", "AKIAZZZZZZZZZZZZZZZZ", "x" * 40).list_users)
    assert (code, status) == ("InvalidClientTokenId", 403)


def test_tampered_body_is_refused(region):
    """A valid signature over one body does not authorise another body."""
    import botocore.awsrequest

    body = hg.query_body({"Action": "CreateUser", "Version": hg.IAM_VERSION, "UserName": "signed-name"})
    req = botocore.awsrequest.AWSRequest(method="POST", url=region.endpoint + "/", data=body,
                                         headers={"Content-Type": hg.FORM})
    hg.SigV4Auth(hg.Credentials(*region.root), "iam", region.region_name).add_auth(req)
    evil = hg.query_body({"Action": "CreateUser", "Version": hg.IAM_VERSION, "UserName": "evil-name"})
    r = hg.send(region.endpoint, "POST", "/", evil, dict(req.headers.items()))
    assert r.status == 403, r.text
    assert r.error()[0] == "SignatureDoesNotMatch"
    code, _, _ = hg.expect_client_error(region.client("iam").get_user, UserName="evil-name")
    assert code == "NoSuchEntity"


def test_inactive_key_then_reactivated(region):
    key = region.make_user("switchable", inline={"p": hg.policy(hg.allow("iam:ListUsers"))})
    user_iam = region.client("iam", *key)
    assert user_iam.list_users()["Users"]
    region.aws("iam", "update-access-key", "--user-name", "switchable", "--access-key-id", key[0],
               "--status", "Inactive")
    listed = region.client("iam").list_access_keys(UserName="switchable")["AccessKeyMetadata"]
    assert [(k["AccessKeyId"], k["Status"]) for k in listed] == [(key[0], "Inactive")]
    code, _, status = hg.expect_client_error(user_iam.list_users)
    assert (code, status) == ("InvalidClientTokenId", 403)
    code, _, _ = hg.expect_client_error(region.client("sts", *key).get_caller_identity)
    assert code == "InvalidClientTokenId"

    region.aws("iam", "update-access-key", "--user-name", "switchable", "--access-key-id", key[0],
               "--status", "Active")
    assert user_iam.list_users()["Users"]


def test_deleted_key_stops_working(region):
    key = region.make_user("short_lived")
    sts = region.client("sts", *key)
    assert sts.get_caller_identity()["Arn"].endswith("user/short_lived")
    iam = region.client("iam")
    iam.delete_access_key(UserName="short_lived", AccessKeyId=key[0])
    code, _, _ = hg.expect_client_error(sts.get_caller_identity)
    assert code == "InvalidClientTokenId"


def test_clock_skew_over_15_minutes_is_refused(region):
    sts = region.client("sts")
    with hg.shifted_clock(-20 * 60):
        code, msg, status = hg.expect_client_error(sts.get_caller_identity)
    assert (code, status) == ("SignatureDoesNotMatch", 403)
    assert msg.startswith("Signature expired:"), msg

    with hg.shifted_clock(+20 * 60):
        code, _, status = hg.expect_client_error(sts.get_caller_identity)
    assert (code, status) == ("SignatureDoesNotMatch", 403)

    # Inside the 15-minute window the request is fine.
    with hg.shifted_clock(-10 * 60):
        assert sts.get_caller_identity()["Arn"].endswith(":root")
    with hg.shifted_clock(+10 * 60):
        assert sts.get_caller_identity()["Arn"].endswith(":root")


def test_clock_skew_raw_request(region):
    """The same, hand-signed and sent with plain http.client."""
    with hg.shifted_clock(-20 * 60):
        r = region.raw(hg.query_body(GCI), service="sts")
    assert r.status == 403, r.text
    code, msg = r.error()
    assert code == "SignatureDoesNotMatch"
    assert msg.startswith("Signature expired:"), msg


def test_unsigned_request_is_missing_authentication_token(region):
    r = hg.send(region.endpoint, "POST", "/", hg.query_body(GCI), {"Content-Type": hg.FORM})
    assert r.status == 403, r.text
    assert r.error()[0] == "MissingAuthenticationToken"
    r = hg.send(region.endpoint, "GET", "/?" + urllib.parse.urlencode({"Action": "ListUsers",
                                                                        "Version": hg.IAM_VERSION}))
    assert r.status == 403, r.text
    assert r.error()[0] == "MissingAuthenticationToken"


def test_presigned_get_caller_identity(region):
    url = hg.presigned_url(region.endpoint, region.root, GCI)
    u = urllib.parse.urlsplit(url)
    assert "X-Amz-Signature=" in u.query
    r = hg.send(region.endpoint, "GET", f"{u.path}?{u.query}")
    assert r.status == 200, r.text
    got = hg.parse_xml(r.body)
    assert got["Arn"] == f"arn:aws:iam::{region.account}:root"
    assert got["Account"] == region.account

    # Change a signed parameter: the signature no longer holds.
    tampered = u.query.replace("GetCallerIdentity", "GetSessionToken")
    r = hg.send(region.endpoint, "GET", f"{u.path}?{tampered}")
    assert r.status == 403, r.text
    assert r.error()[0] == "SignatureDoesNotMatch"


def test_presigned_url_expires(region):
    url = hg.presigned_url(region.endpoint, region.root, GCI, expires=1)
    u = urllib.parse.urlsplit(url)
    time.sleep(2.2)
    r = hg.send(region.endpoint, "GET", f"{u.path}?{u.query}")
    # AWS's exact status/code for an expired presigned STS URL is not pinned here; it must be refused
    # as the client's fault, with an error code and a message saying it expired.
    assert 400 <= r.status < 500, r.text
    code, msg = r.error()
    assert code, r.text
    assert "expired" in msg.lower(), msg


def test_accept_any_credentials_mode(new_region):
    r = new_region("--accept-any-credentials")
    who = r.client("sts", "AKIAMADEUPMADEUPMADE", "not-a-real-secret-at-all").get_caller_identity()
    assert who["Arn"] == f"arn:aws:iam::{who['Account']}:root"
    assert who["Account"] == r.account
    # Unsigned is still refused: the mode accepts any key, not no key.
    resp = hg.send(r.endpoint, "POST", "/", hg.query_body(GCI), {"Content-Type": hg.FORM})
    assert resp.status == 403
