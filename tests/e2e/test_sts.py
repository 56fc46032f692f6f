"""STS: roles assumed by users, session credentials, and temporary credentials that really
expire."""

import json
import re
import time

import pytest

import hg
from hg import allow, deny, policy

IAM_READONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"


def trust(principal_arn):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": principal_arn}, "Action": "sts:AssumeRole"}]})


def setup_role(region, role="KgDeployer", user="deployer"):
    """A role trusting the account root, with IAMReadOnlyAccess, and a user allowed to assume it."""
    iam = region.client("iam")
    acct = region.account
    created = iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust(f"arn:aws:iam::{acct}:root"),
                              Tags=[{"Key": "team", "Value": "deploy"}])["Role"]
    assert created["Arn"] == f"arn:aws:iam::{acct}:role/{role}"
    assert re.fullmatch(r"AROA[A-Z0-9]{17}", created["RoleId"]), created["RoleId"]
    iam.attach_role_policy(RoleName=role, PolicyArn=IAM_READONLY)
    key = region.make_user(user, inline={"assume": policy(allow("sts:AssumeRole", created["Arn"]))})
    return created, key


@pytest.fixture(scope="module")
def role(region):
    return setup_role(region)


def creds_of(out):
    c = out["Credentials"]
    return c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"]


def test_assume_role_and_use_it(region, role):
    role_rec, key = role
    acct = region.account
    sts = region.client("sts", *key)
    out = sts.assume_role(RoleArn=role_rec["Arn"], RoleSessionName="release-42")
    assert out["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{acct}:assumed-role/KgDeployer/release-42"
    assert out["AssumedRoleUser"]["AssumedRoleId"] == f"{role_rec['RoleId']}:release-42"
    ak, sk, tok = creds_of(out)
    assert re.fullmatch(r"ASIA[A-Z0-9]{16}", ak), ak
    assert len(sk) == 40 and tok

    who = region.client("sts", ak, sk, tok).get_caller_identity()
    assert who["Arn"] == f"arn:aws:sts::{acct}:assumed-role/KgDeployer/release-42"
    assert who["Account"] == acct
    assert who["UserId"] == f"{role_rec['RoleId']}:release-42"

    # The role's policy applies: IAM read-only.
    iam = region.client("iam", ak, sk, tok)
    assert "deployer" in [u["UserName"] for u in iam.list_users()["Users"]]
    code, msg, status = hg.expect_client_error(iam.create_user, UserName="by-role")
    assert (code, status) == ("AccessDenied", 403)
    assert msg == (f"User: arn:aws:sts::{acct}:assumed-role/KgDeployer/release-42 is not authorized to perform: "
                   f"iam:CreateUser on resource: arn:aws:iam::{acct}:user/by-role because no identity-based "
                   f"policy allows the iam:CreateUser action")

    # The same credentials through the aws CLI.
    cli = region.aws("sts", "get-caller-identity", env=region.env_for(ak, sk, tok))
    assert cli["Arn"] == who["Arn"]


def test_tampered_session_token_is_refused(region, role):
    role_rec, key = role
    ak, sk, tok = creds_of(region.client("sts", *key).assume_role(RoleArn=role_rec["Arn"], RoleSessionName="tt"))
    code, _, status = hg.expect_client_error(region.client("sts", ak, sk, tok[:-4] + "AAAA").get_caller_identity)
    assert (code, status) == ("InvalidClientTokenId", 403)
    # A temporary key without its token is not a credential either.
    code, _, _ = hg.expect_client_error(region.client("sts", ak, sk).get_caller_identity)
    assert code == "InvalidClientTokenId"


def test_session_policy_narrows_the_role(region, role):
    role_rec, key = role
    out = region.client("sts", *key).assume_role(RoleArn=role_rec["Arn"], RoleSessionName="narrow",
                                                  Policy=policy(allow("iam:GetUser")))
    iam = region.client("iam", *creds_of(out))
    assert iam.get_user(UserName="deployer")["User"]["UserName"] == "deployer"
    code, msg, _ = hg.expect_client_error(iam.list_users)
    assert code == "AccessDenied"
    assert "session policy" in msg, msg


def test_user_without_permission_cannot_assume(region, role):
    role_rec, _ = role
    key = region.make_user("bystander")
    code, msg, status = hg.expect_client_error(
        region.client("sts", *key).assume_role, RoleArn=role_rec["Arn"], RoleSessionName="xx")
    assert (code, status) == ("AccessDenied", 403)
    assert msg == (f"User: arn:aws:iam::{region.account}:user/bystander is not authorized to perform: "
                   f"sts:AssumeRole on resource: {role_rec['Arn']}")


def test_trust_policy_not_naming_the_user_refuses(region, role):
    acct = region.account
    iam = region.client("iam")
    other = iam.create_role(RoleName="OnlyForSomeoneElse",
                            AssumeRolePolicyDocument=trust(f"arn:aws:iam::{acct}:user/someone-else"))["Role"]
    key = region.make_user("eager", inline={"assume-anything": policy(allow("sts:AssumeRole"))})
    code, msg, status = hg.expect_client_error(
        region.client("sts", *key).assume_role, RoleArn=other["Arn"], RoleSessionName="xx")
    assert (code, status) == ("AccessDenied", 403)
    assert f"user/eager is not authorized to perform: sts:AssumeRole on resource: {other['Arn']}" in msg
    # ...and the same user can assume the role that does trust the account.
    out = region.client("sts", *key).assume_role(RoleArn=role[0]["Arn"], RoleSessionName="ok")
    assert out["AssumedRoleUser"]["Arn"].endswith("assumed-role/KgDeployer/ok")


def test_explicit_deny_on_assume_role(region, role):
    key = region.make_user("denied_assumer", inline={"p": policy(allow("sts:AssumeRole"),
                                                                 deny("sts:AssumeRole", role[0]["Arn"]))})
    code, _, _ = hg.expect_client_error(
        region.client("sts", *key).assume_role, RoleArn=role[0]["Arn"], RoleSessionName="xx")
    assert code == "AccessDenied"


def test_assume_role_validation(region, role):
    sts = region.client("sts", *role[1])
    # botocore refuses DurationSeconds < 900 itself, so send that one by hand.
    r = region.raw(hg.query_body({"Action": "AssumeRole", "Version": hg.STS_VERSION, "RoleArn": role[0]["Arn"],
                                  "RoleSessionName": "xx", "DurationSeconds": "100"}), creds=role[1], service="sts")
    assert r.status == 400, r.text
    assert r.error()[0] == "ValidationError", r.text
    code, _, _ = hg.expect_client_error(
        sts.assume_role, RoleArn=f"arn:aws:iam::{region.account}:role/NoSuchRole", RoleSessionName="xx")
    assert code == "AccessDenied"  # AWS does not reveal whether the role exists


def test_get_session_token(region, role):
    _, key = role
    out = region.client("sts", *key).get_session_token()
    ak, sk, tok = creds_of(out)
    assert ak.startswith("ASIA") and ak != key[0]
    who = region.client("sts", ak, sk, tok).get_caller_identity()
    assert who["Arn"] == f"arn:aws:iam::{region.account}:user/deployer"
    assert who["Account"] == region.account
    # ...and as a CLI user would.
    cli = region.aws("sts", "get-caller-identity", env=region.env_for(ak, sk, tok))
    assert cli["Arn"] == who["Arn"]


def test_temporary_credentials_expire(new_region):
    r = new_region("--sts-duration-cap", "3")
    role_rec, key = setup_role(r)
    sts = r.client("sts", *key)
    t0 = time.time()
    assumed = sts.assume_role(RoleArn=role_rec["Arn"], RoleSessionName="short", DurationSeconds=3600)
    session = sts.get_session_token(DurationSeconds=3600)
    for out in (assumed, session):
        left = out["Credentials"]["Expiration"].timestamp() - t0
        assert 0 < left <= 3 + 2, f"Expiration is {left:.1f}s away, the cap is 3s"

    a = r.client("sts", *creds_of(assumed))
    s = r.client("sts", *creds_of(session))
    assert a.get_caller_identity()["Arn"].endswith("assumed-role/KgDeployer/short")
    assert s.get_caller_identity()["Arn"].endswith("user/deployer")
    assert r.client("iam", *creds_of(assumed)).list_users()["Users"]

    latest = max(o["Credentials"]["Expiration"].timestamp() for o in (assumed, session))
    time.sleep(max(0.0, latest - time.time()) + 1.5)
    for c in (a, s):
        code, msg, _ = hg.expect_client_error(c.get_caller_identity)
        assert code == "ExpiredToken"
        assert msg == "The security token included in the request is expired"
    code, _, _ = hg.expect_client_error(r.client("iam", *creds_of(assumed)).list_users)
    assert code == "ExpiredToken"
    rc, err = r.aws_fail("sts", "get-caller-identity", env=r.env_for(*creds_of(assumed)))
    assert hg.cli_error(err)[0] == "ExpiredToken"
    # The long-term key is unaffected.
    assert sts.get_caller_identity()["Arn"].endswith("user/deployer")


def test_root_cannot_assume_roles(region, role):
    code, msg, status = hg.expect_client_error(region.client("sts").assume_role, RoleArn=role[0]["Arn"],
                                               RoleSessionName="root-try")
    assert (code, status) == ("AccessDenied", 403)
    assert msg == "Roles may not be assumed by root accounts."


def test_role_chaining_and_session_credential_limits(region, role):
    acct = region.account
    role_rec, key = role
    region.client("iam").create_role(RoleName="Chained", AssumeRolePolicyDocument=trust(f"arn:aws:iam::{acct}:root"))
    first = creds_of(region.client("sts", *key).assume_role(RoleArn=role_rec["Arn"], RoleSessionName="hop1"))
    # The trust policy delegates to the account, and KgDeployer has only IAMReadOnlyAccess: refused.
    code, _, _ = hg.expect_client_error(region.client("sts", *first).assume_role,
                                        RoleArn=f"arn:aws:iam::{acct}:role/Chained", RoleSessionName="hop2")
    assert code == "AccessDenied"
    region.client("iam").put_role_policy(RoleName="KgDeployer", PolicyName="chain",
                                         PolicyDocument=policy(allow("sts:AssumeRole")))
    second = region.client("sts", *first).assume_role(RoleArn=f"arn:aws:iam::{acct}:role/Chained",
                                                       RoleSessionName="hop2")
    assert second["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{acct}:assumed-role/Chained/hop2"
    who = region.client("sts", *creds_of(second)).get_caller_identity()
    assert who["Arn"] == f"arn:aws:sts::{acct}:assumed-role/Chained/hop2"
    # GetSessionToken cannot be called with temporary credentials.
    code, msg, _ = hg.expect_client_error(region.client("sts", *first).get_session_token)
    assert code == "AccessDenied"
    assert msg == "Cannot call GetSessionToken with session credentials"
