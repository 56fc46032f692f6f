"""Bad input gets an AWS-shaped 4xx, never a 5xx, never a dead daemon."""

import random
import re

import pytest

import hg

V = {"Version": hg.IAM_VERSION}


def q(**params):
    return hg.query_body({**params, **V} if "Version" not in params else params)


def assert_client_error(r: hg.RawResponse, status=None, code=None):
    assert 400 <= r.status < 500, f"expected a 4xx, got {r.status}: {r.text[:500]}"
    if status is not None:
        assert r.status == status, f"expected {status}, got {r.status}: {r.text[:500]}"
    got_code, msg = r.error()
    assert got_code, f"no error code in the response body: {r.text[:500]!r}"
    if code is not None:
        assert got_code == code, f"expected {code}, got {got_code}: {msg}"
    return got_code, msg


@pytest.fixture(autouse=True)
def still_alive(region):
    yield
    assert region.running, f"the daemon died\n{region.describe()}"
    assert region.client("sts").get_caller_identity()["Arn"].endswith(":root")


def test_garbage_body_with_valid_signature(region):
    rng = random.Random(20240601)
    for i in range(5):
        body = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 2048)))
        r = region.raw(body)
        assert_client_error(r)
    # Garbage under the JSON and CBOR content types too.
    for ctype, extra in (("application/x-amz-json-1.1", {"X-Amz-Target": "IAMService.ListUsers"}),
                         ("application/cbor", {"Smithy-Protocol": "rpc-v2-cbor"})):
        body = bytes(rng.getrandbits(8) for _ in range(300))
        r = region.raw(body, headers={"Content-Type": ctype, **extra})
        assert_client_error(r)


def test_missing_required_parameter(region):
    r = region.raw(q(Action="CreateUser"))
    code, msg = assert_client_error(r, 400, "ValidationError")
    assert msg == "1 validation error detected: Value null at 'userName' failed to satisfy constraint: " \
                  "Member must not be null"


def test_unknown_parameter(region):
    r = region.raw(q(Action="ListUsers", NoSuchThing="1"))
    assert_client_error(r, 400, "UnknownParameter")


def test_wrong_type(region):
    r = region.raw(q(Action="ListUsers", MaxItems="abc"))
    assert_client_error(r, 400)
    r = region.raw(q(Action="ListUsers", MaxItems="0"))  # below the model's minimum of 1
    assert_client_error(r, 400, "ValidationError")


def test_oversize_value(region):
    r = region.raw(q(Action="CreateUser", UserName="u" * 10_000))
    code, msg = assert_client_error(r, 400, "ValidationError")
    assert "userName" in msg and "Member must have length less than or equal to 64" in msg, msg
    code, _, _ = hg.expect_client_error(region.client("iam").get_user, UserName="u" * 64)
    assert code == "NoSuchEntity"


def test_invalid_pattern_through_boto3(region):
    # botocore validates lengths client-side but not patterns: the daemon must.
    code, msg, status = hg.expect_client_error(region.client("iam").create_user, UserName="bad name!")
    assert (code, status) == ("ValidationError", 400)
    assert "userName" in msg, msg


def test_invalid_utf8(region):
    r = region.raw(b"Action=CreateUser&Version=2010-05-08&UserName=%FF%FE")
    assert_client_error(r, 400)
    r = region.raw(b"Action=CreateUser&Version=2010-05-08&UserName=\xff\xfe")
    assert_client_error(r, 400)
    names = [u["UserName"] for u in region.client("iam").list_users()["Users"]]
    bad = [n for n in names if not re.fullmatch(r"[\w+=,.@-]{1,64}", n, re.ASCII)]
    assert not bad, f"users with invalid names exist: {bad!r}"


def test_unknown_action(region):
    r = region.raw(q(Action="FlyToTheMoon"))
    _, msg = assert_client_error(r, 400, "InvalidAction")
    assert msg == "Could not find operation FlyToTheMoon for version 2010-05-08", msg
    r = region.raw(q(Action="AssumeRole"))  # an STS action sent signed for IAM
    assert_client_error(r, 400)


def test_missing_action(region):
    r = region.raw(hg.query_body(V))
    assert_client_error(r, 400)
    r = region.raw(b"")
    assert_client_error(r, 400)


def test_malformed_authorization_header(region):
    body = q(Action="ListUsers")
    for auth in ("AWS4-HMAC-SHA256 Credential=garbage", "AWS4-HMAC-SHA256", "Bearer xyz",
                 "AWS4-HMAC-SHA256 Credential=AKIA/x/y/iam/aws4_request, SignedHeaders=host, Signature=zz"):
        r = hg.send(region.endpoint, "POST", "/", body, {"Content-Type": hg.FORM, "Authorization": auth,
                                                          "X-Amz-Date": "20240101T000000Z"})
        code, _ = assert_client_error(r)
        assert r.status in (400, 403), r.status


def test_malformed_policy_document(region):
    iam = region.client("iam")
    iam.create_user(UserName="policy-target")
    for doc in ("{not json", '{"Version": "2012-10-17"}', '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe",'
                '"Action":"*","Resource":"*"}]}'):
        code, _, status = hg.expect_client_error(iam.put_user_policy, UserName="policy-target", PolicyName="p",
                                                 PolicyDocument=doc)
        assert (code, status) == ("MalformedPolicyDocument", 400), doc
    iam.delete_user(UserName="policy-target")


def test_large_body(region):
    body = q(Action="ListUsers", Marker="m" * (12 * 1024 * 1024))
    try:
        r = region.raw(body, streaming=True)
    except (ConnectionError, OSError) as e:
        pytest.fail(f"the daemon dropped the connection instead of answering a 12 MiB body: {e!r}")
    assert r.status == 413, f"{r.status}: {r.text[:300]}"
    code, message = hg.parse_error(r.body, r.headers)
    assert code == "RequestEntityTooLarge" and "too large" in message, r.text[:300]


def test_unimplemented_service_json_protocol(region):
    logs = region.client("logs")
    try:
        logs.describe_log_groups()
    except hg.ClientError as e:
        code, msg, status = hg.client_error(e)
        assert code, f"botocore could not find an error code in: {e.response!r}"
        assert 400 <= status < 600, status
        print(f"logs (awsJson1.1) DescribeLogGroups -> {status} {code}: {msg}")
    else:
        pytest.fail("logs DescribeLogGroups succeeded on a region without CloudWatch Logs")


def test_unimplemented_service_cbor_protocol(region, monkeypatch):
    """Force botocore onto smithy-rpc-v2-cbor (GameLift's preferred protocol): still an error it parses."""
    import botocore.model

    monkeypatch.setattr(botocore.model, "PRIORITY_ORDERED_SUPPORTED_PROTOCOLS",
                        ("smithy-rpc-v2-cbor", "json", "rest-json", "rest-xml", "query", "ec2"))
    cw = region.client("gamelift")
    assert cw.meta.service_model.resolved_protocol == "smithy-rpc-v2-cbor"
    sent = {}
    def capture(request, **kw):
        ctype = request.headers.get("Content-Type")
        sent.update(ctype=ctype.decode() if isinstance(ctype, bytes) else ctype, url=request.url)

    cw.meta.events.register("before-send", capture)
    try:
        cw.list_fleets()
    except hg.ClientError as e:
        code, msg, status = hg.client_error(e)
        assert code, f"botocore could not find an error code in: {e.response!r}"
        assert 400 <= status < 600, status
        print(f"gamelift (rpc-v2-cbor) ListFleets -> {status} {code}: {msg}")
    else:
        pytest.fail("gamelift ListFleets succeeded on a region without GameLift")
    assert sent["url"].endswith("/service/GameLift/operation/ListFleets"), sent
    assert sent["ctype"] == "application/cbor", sent


def test_s3_rest_calls_get_not_implemented_naming_the_service(region):
    """S3 is not served: its REST calls (no Action anywhere) get NotImplemented naming s3, not a
    complaint about a missing Action parameter."""
    s3 = region.client("s3")
    for call, kwargs in [(s3.list_buckets, {}), (s3.put_object, {"Bucket": "kg-logs", "Key": "a.txt", "Body": b"x"}),
                         (s3.get_object, {"Bucket": "kg-logs", "Key": "a.txt"})]:
        with pytest.raises(hg.ClientError) as e:
            call(**kwargs)
        code, msg, status = hg.client_error(e.value)
        assert (code, status) == ("NotImplemented", 501), (call, code, msg, status)
        assert "s3" in msg, msg
