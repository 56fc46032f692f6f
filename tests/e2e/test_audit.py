"""The audit log: one JSON line per API call, with who, from where, what, and how it ended."""

import json

import hg

READONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


def record_for(region, request_id, timeout=5.0):
    def find():
        for rec in region.audit_records():
            if rec.get("request_id") == request_id:
                return rec
        return None

    try:
        return hg.wait_until(find, timeout=timeout, what=f"audit record {request_id}")
    except AssertionError:
        tail = region.audit_log.read_text()[-3000:] if region.audit_log.exists() else "<no audit.log>"
        raise AssertionError(f"no audit record with request_id {request_id}; audit.log ends with:\n{tail}")


def values(rec):
    """All scalar values of a record, flattened, as strings."""
    out = []

    def walk(v):
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif v is not None:
            out.append(str(v))

    walk(rec)
    return out


def action_of(rec):
    return str(rec.get("action", "")).split(":")[-1]


def test_allowed_and_denied_calls_are_audited(region):
    acct = region.account
    key = region.make_user("auditee", policies=[READONLY])
    iam = region.client("iam", *key)

    ok = iam.list_users()
    ok_id = ok["ResponseMetadata"]["RequestId"]
    assert ok_id
    try:
        iam.create_user(UserName="not-allowed")
        raise AssertionError("create_user should have been denied")
    except hg.ClientError as e:
        assert hg.client_error(e)[0] == "AccessDenied"
        denied_id = e.response["ResponseMetadata"]["RequestId"]
    assert denied_id and denied_id != ok_id

    user_arn = f"arn:aws:iam::{acct}:user/auditee"
    allowed = record_for(region, ok_id)
    refused = record_for(region, denied_id)

    for rec in (allowed, refused):
        for field in ("time", "request_id", "principal", "source_ip", "service", "action", "resources"):
            assert field in rec, f"audit record lacks {field!r}: {rec}"
        assert rec["source_ip"] == "127.0.0.1", rec
        assert rec["service"] == "iam", rec
        assert user_arn in values(rec["principal"]), rec

    assert action_of(allowed) == "ListUsers", allowed
    assert action_of(refused) == "CreateUser", refused
    assert f"arn:aws:iam::{acct}:user/not-allowed" in values(refused["resources"]), refused
    assert "AccessDenied" in values(refused), f"the denied call's record does not say AccessDenied: {refused}"
    assert "AccessDenied" not in values(allowed), allowed
    assert not any(k for k in allowed if "error" in k.lower() and allowed[k]), allowed


def test_root_and_auth_failures_are_audited(region):
    acct = region.account
    out = region.client("sts").get_caller_identity()
    rec = record_for(region, out["ResponseMetadata"]["RequestId"])
    assert f"arn:aws:iam::{acct}:root" in values(rec["principal"]), rec
    assert rec["service"] == "sts" and action_of(rec) == "GetCallerIdentity", rec

    try:
        region.client("sts", "AKIAZZZZZZZZZZZZZZZZ", "x" * 40).get_caller_identity()
        raise AssertionError("an unknown key was accepted")
    except hg.ClientError as e:
        rid = e.response["ResponseMetadata"]["RequestId"]
    assert rid, "the InvalidClientTokenId error carries no RequestId"
    rec = record_for(region, rid)
    assert "InvalidClientTokenId" in values(rec), rec
    assert rec["source_ip"] == "127.0.0.1"


def test_every_line_is_json_and_no_secret_appears(region):
    iam = region.client("iam")
    iam.create_user(UserName="secretive")
    created = iam.create_access_key(UserName="secretive")["AccessKey"]
    sts = region.client("sts", created["AccessKeyId"], created["SecretAccessKey"])
    session = sts.get_session_token()["Credentials"]
    last = region.client("sts", session["AccessKeyId"], session["SecretAccessKey"],
                         session["SessionToken"]).get_caller_identity()
    record_for(region, last["ResponseMetadata"]["RequestId"])

    text = region.audit_log.read_text("utf-8")
    lines = [l for l in text.split("\n") if l]
    assert len(lines) >= 4
    for l in lines:
        rec = json.loads(l)
        assert isinstance(rec, dict) and rec.get("request_id"), l
    ids = [json.loads(l)["request_id"] for l in lines]
    assert len(ids) == len(set(ids)), "request ids repeat in the audit log"
    for secret in (region.root[1], created["SecretAccessKey"], session["SecretAccessKey"],
                   session["SessionToken"]):
        assert secret not in text, "a secret (access key secret or session token) is in audit.log"


def test_requests_refused_before_the_pipeline_are_audited_with_the_reason(region):
    # A body over the 8 MiB limit: AWS's error shape, status 413, and an audit line saying why.
    body = b"Action=ListUsers&Version=2010-05-08&Pad=" + b"x" * (9 * 1024 * 1024)
    r = hg.send_streaming(region.endpoint, "POST", "/", body,
                          {"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 413, r.status
    code, message = hg.parse_error(r.body, r.headers)
    assert code == "RequestEntityTooLarge" and "too large" in message, (code, message, r.body[:300])
    request_id = r.headers.get("x-amzn-requestid") or r.headers.get("x-amzn-RequestId")
    assert request_id, r.headers
    rec = record_for(region, request_id)
    assert rec["status"] == 413 and rec["error_code"] == "RequestEntityTooLarge", rec
    assert "too large" in rec["reason"], rec

    # A bad signature is refused by the pipeline, and its record says why too.
    key = region.make_user("wrong-secret")
    try:
        region.client("iam", key[0], "y" * 40).list_users()
        raise AssertionError("a wrong secret was accepted")
    except hg.ClientError as e:
        assert hg.client_error(e)[0] == "SignatureDoesNotMatch"
        rid = e.response["ResponseMetadata"]["RequestId"]
    rec = record_for(region, rid)
    assert rec["error_code"] == "SignatureDoesNotMatch" and rec["reason"], rec
    assert "y" * 40 not in json.dumps(rec), "the audit log holds a secret"
