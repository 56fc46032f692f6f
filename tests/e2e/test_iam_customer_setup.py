"""KG SPORTS sets up its account with the aws CLI, and IAM's authorisation holds up: read-only
users, explicit denies, conditions, permissions boundaries, group membership."""

import re

import pytest

import hg
from hg import allow, deny, policy

ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"
READONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


@pytest.fixture(scope="module")
def kg(region):
    """The customer's setup, done as the guide tells them, with the real CLI as root."""
    group = region.aws("iam", "create-group", "--group-name", "AdministratorGroup")["Group"]
    assert group["GroupName"] == "AdministratorGroup"
    assert group["Arn"] == f"arn:aws:iam::{region.account}:group/AdministratorGroup"
    region.aws("iam", "attach-group-policy", "--group-name", "AdministratorGroup", "--policy-arn", ADMIN)
    user = region.aws("iam", "create-user", "--user-name", "KG_sports")["User"]
    assert user["Arn"] == f"arn:aws:iam::{region.account}:user/KG_sports"
    assert re.fullmatch(r"AIDA[A-Z0-9]{17}", user["UserId"]), user["UserId"]
    region.aws("iam", "add-user-to-group", "--group-name", "AdministratorGroup", "--user-name", "KG_sports")
    key = region.aws("iam", "create-access-key", "--user-name", "KG_sports")["AccessKey"]
    assert key["UserName"] == "KG_sports" and key["Status"] == "Active"
    assert re.fullmatch(r"AKIA[A-Z0-9]{16}", key["AccessKeyId"])
    return {"user": user, "key": (key["AccessKeyId"], key["SecretAccessKey"])}


def as_user(region, key):
    return region.env_for(*key)


def denied(region, env, *args):
    rc, err = region.aws_fail(*args, env=env)
    return hg.cli_error(err)


def test_setup_is_visible(region, kg):
    attached = region.aws("iam", "list-attached-group-policies", "--group-name", "AdministratorGroup")
    assert attached["AttachedPolicies"] == [{"PolicyName": "AdministratorAccess", "PolicyArn": ADMIN}]
    groups = region.aws("iam", "list-groups-for-user", "--user-name", "KG_sports")["Groups"]
    assert [g["GroupName"] for g in groups] == ["AdministratorGroup"]
    members = region.client("iam").get_group(GroupName="AdministratorGroup")["Users"]
    assert [u["UserName"] for u in members] == ["KG_sports"]


def test_kg_sports_key_works_with_the_cli(region, kg):
    env = as_user(region, kg["key"])
    who = region.aws("sts", "get-caller-identity", env=env)
    assert who["Arn"] == f"arn:aws:iam::{region.account}:user/KG_sports"
    assert who["UserId"] == kg["user"]["UserId"]
    assert who["Account"] == region.account
    users = region.aws("iam", "list-users", env=env)["Users"]
    assert "KG_sports" in [u["UserName"] for u in users]
    # Admin through the group: KG_sports can create (and remove) users too.
    region.aws("iam", "create-user", "--user-name", "kg-made-this", env=env)
    region.aws("iam", "delete-user", "--user-name", "kg-made-this", env=env)


def test_kg_sports_key_last_used_is_recorded(region, kg):
    region.client("iam", *kg["key"]).list_users()
    out = region.client("iam").get_access_key_last_used(AccessKeyId=kg["key"][0])
    assert out["UserName"] == "KG_sports"
    last = out["AccessKeyLastUsed"]
    assert last["ServiceName"] == "iam"
    assert "LastUsedDate" in last


def test_read_only_user_cannot_create_users(region, kg):
    key = region.make_user("ro_user", policies=[READONLY])
    env = as_user(region, key)
    assert region.aws("iam", "list-users", env=env)["Users"]
    code, msg = denied(region, env, "iam", "create-user", "--user-name", "intruder")
    assert code == "AccessDenied"
    assert msg == (f"User: arn:aws:iam::{region.account}:user/ro_user is not authorized to perform: "
                   f"iam:CreateUser on resource: arn:aws:iam::{region.account}:user/intruder because no "
                   f"identity-based policy allows the iam:CreateUser action")
    code, _, _ = hg.expect_client_error(region.client("iam").get_user, UserName="intruder")
    assert code == "NoSuchEntity"


def test_explicit_deny_beats_administrator_access(region, kg):
    key = region.make_user("admin_but_not_create", policies=[ADMIN],
                           inline={"no-create": policy(deny("iam:CreateUser"))})
    env = as_user(region, key)
    assert region.client("iam", *key).list_users()["Users"]  # the rest of admin still works
    code, msg = denied(region, env, "iam", "create-user", "--user-name", "blocked")
    assert code == "AccessDenied"
    assert msg == (f"User: arn:aws:iam::{region.account}:user/admin_but_not_create is not authorized to perform: "
                   f"iam:CreateUser on resource: arn:aws:iam::{region.account}:user/blocked with an explicit "
                   f"deny in an identity-based policy")


def test_source_ip_condition(region, kg):
    far = region.make_user("from_10_net", inline={"p": policy(
        allow("iam:ListUsers", Condition={"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))})
    near = region.make_user("from_loopback", inline={"p": policy(
        allow("iam:ListUsers", Condition={"IpAddress": {"aws:SourceIp": "127.0.0.0/8"}}))})
    code, msg = denied(region, as_user(region, far), "iam", "list-users")
    assert code == "AccessDenied"
    assert "iam:ListUsers" in msg and "user/from_10_net" in msg
    assert region.aws("iam", "list-users", env=as_user(region, near))["Users"]
    # The condition is the only thing that differs: NotIpAddress flips it.
    flipped = region.make_user("not_from_10", inline={"p": policy(
        allow("iam:ListUsers", Condition={"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))})
    assert region.client("iam", *flipped).list_users()["Users"]


def test_permissions_boundary_limits_an_admin(region, kg):
    iam = region.client("iam")
    arn = iam.create_policy(PolicyName="ReadIamOnly",
                            PolicyDocument=policy(allow(["iam:Get*", "iam:List*"])))["Policy"]["Arn"]
    assert arn == f"arn:aws:iam::{region.account}:policy/ReadIamOnly"
    key = region.make_user("bounded_admin", policies=[ADMIN], boundary=arn)
    got = iam.get_user(UserName="bounded_admin")["User"]
    assert got["PermissionsBoundary"] == {"PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": arn}
    env = as_user(region, key)
    assert region.client("iam", *key).list_users()["Users"]
    code, msg = denied(region, env, "iam", "create-user", "--user-name", "not_allowed")
    assert code == "AccessDenied"
    assert msg.startswith(f"User: arn:aws:iam::{region.account}:user/bounded_admin is not authorized to perform: "
                          f"iam:CreateUser"), msg
    assert "permissions boundary" in msg, msg
    # Removing the boundary restores the admin's power.
    iam.delete_user_permissions_boundary(UserName="bounded_admin")
    region.client("iam", *key).create_user(UserName="now_allowed")


def test_leaving_the_group_revokes_access(region, kg):
    root = region.client("iam")
    root.create_group(GroupName="Temps")
    root.attach_group_policy(GroupName="Temps", PolicyArn=ADMIN)
    key = region.make_user("temp_worker", groups=["Temps"])
    env = as_user(region, key)
    assert region.client("iam", *key).list_users()["Users"]
    region.aws("iam", "remove-user-from-group", "--group-name", "Temps", "--user-name", "temp_worker")
    code, msg = denied(region, env, "iam", "list-users")
    assert code == "AccessDenied"
    assert msg == (f"User: arn:aws:iam::{region.account}:user/temp_worker is not authorized to perform: "
                   f"iam:ListUsers on resource: arn:aws:iam::{region.account}:user/ because no "
                   f"identity-based policy allows the iam:ListUsers action")


def test_list_users_resource_is_the_user_path(region, kg):
    """AWS authorises ListUsers against arn:aws:iam::ACCT:user/ (the path prefix), so a policy
    scoped to the account's users grants it and one scoped to roles does not."""
    acct = region.account
    users_only = region.make_user("users_scoped", inline={"p": policy(
        allow("iam:ListUsers", f"arn:aws:iam::{acct}:user/*"))})
    assert region.client("iam", *users_only).list_users()["Users"]
    roles_only = region.make_user("roles_scoped", inline={"p": policy(
        allow("iam:ListUsers", f"arn:aws:iam::{acct}:role/*"))})
    code, msg, _ = hg.expect_client_error(region.client("iam", *roles_only).list_users)
    assert code == "AccessDenied"
    assert f"on resource: arn:aws:iam::{acct}:user/ because" in msg, msg


def test_self_service_policy_with_username_variable(region, kg):
    """AWS's "manage your own credentials" pattern: Resource user/${aws:username}. GetUser and
    ListAccessKeys without UserName act on (and are authorised against) the caller's own ARN."""
    acct = region.account
    me = f"arn:aws:iam::{acct}:user/${{aws:username}}"
    key = region.make_user("selfie", inline={"self": policy(allow(["iam:GetUser", "iam:ListAccessKeys"], me))})
    iam = region.client("iam", *key)
    assert iam.get_user(UserName="selfie")["User"]["UserName"] == "selfie"
    code, msg, _ = hg.expect_client_error(iam.get_user, UserName="KG_sports")
    assert code == "AccessDenied"
    assert f"on resource: arn:aws:iam::{acct}:user/KG_sports because" in msg, msg
    # No UserName: the caller itself (this is what `aws iam get-user` sends).
    assert iam.get_user()["User"]["Arn"] == f"arn:aws:iam::{acct}:user/selfie"
    assert [k["AccessKeyId"] for k in iam.list_access_keys()["AccessKeyMetadata"]] == [key[0]]
    assert region.aws("iam", "get-user", env=as_user(region, key))["User"]["UserName"] == "selfie"


def test_explicit_deny_everything_still_allows_get_caller_identity(region, kg):
    key = region.make_user("deny_all", policies=[ADMIN], inline={"p": policy(deny("*"))})
    assert region.client("sts", *key).get_caller_identity()["Arn"].endswith(":user/deny_all")
    code, msg, _ = hg.expect_client_error(region.client("iam", *key).get_user, UserName="deny_all")
    assert code == "AccessDenied" and "with an explicit deny in an identity-based policy" in msg


def test_detaching_the_policy_revokes_access(region, kg):
    root = region.client("iam")
    root.create_group(GroupName="Auditors")
    root.attach_group_policy(GroupName="Auditors", PolicyArn=READONLY)
    key = region.make_user("auditor", groups=["Auditors"])
    iam_user = region.client("iam", *key)
    assert iam_user.list_users()["Users"]
    root.detach_group_policy(GroupName="Auditors", PolicyArn=READONLY)
    code, _, status = hg.expect_client_error(iam_user.list_users)
    assert (code, status) == ("AccessDenied", 403)


def test_entity_errors_have_aws_codes(region, kg):
    iam = region.client("iam")
    code, msg, status = hg.expect_client_error(iam.get_user, UserName="nobody")
    assert (code, status) == ("NoSuchEntity", 404)
    assert msg == "The user with name nobody cannot be found."
    code, _, status = hg.expect_client_error(iam.create_user, UserName="KG_sports")
    assert (code, status) == ("EntityAlreadyExists", 409)
    # A group with members, a user with keys/groups: DeleteConflict.
    code, _, status = hg.expect_client_error(iam.delete_group, GroupName="AdministratorGroup")
    assert (code, status) == ("DeleteConflict", 409)
    code, _, status = hg.expect_client_error(iam.delete_user, UserName="KG_sports")
    assert (code, status) == ("DeleteConflict", 409)
    # The same through the CLI.
    code, msg = hg.cli_error(region.aws_fail("iam", "get-group", "--group-name", "NoSuchGroup")[1])
    assert code == "NoSuchEntity"


def test_at_most_two_access_keys(region, kg):
    iam = region.client("iam")
    iam.create_access_key(UserName="KG_sports")  # second key
    code, _, status = hg.expect_client_error(iam.create_access_key, UserName="KG_sports")
    assert (code, status) == ("LimitExceeded", 409)
    keys = iam.list_access_keys(UserName="KG_sports")["AccessKeyMetadata"]
    assert len(keys) == 2
    assert kg["key"][0] in [k["AccessKeyId"] for k in keys]


def test_simulate_principal_policy_agrees(region, kg):
    region.make_user("simulated", policies=[READONLY])
    iam = region.client("iam")
    arn = f"arn:aws:iam::{region.account}:user/simulated"
    res = iam.simulate_principal_policy(PolicySourceArn=arn, ActionNames=["iam:ListUsers", "iam:CreateUser"])
    decisions = {r["EvalActionName"]: r["EvalDecision"] for r in res["EvaluationResults"]}
    assert decisions == {"iam:ListUsers": "allowed", "iam:CreateUser": "implicitDeny"}
