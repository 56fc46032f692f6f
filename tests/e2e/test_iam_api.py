"""The rest of the IAM API surface, through boto3 against the real daemon: each operation's
effect is observed through another operation, and the responses have AWS's shapes."""

import json
import shutil
import subprocess
import urllib.parse

import pytest

import hg
from hg import allow, policy

ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"


@pytest.fixture(scope="module")
def iam(region):
    return region.client("iam")


def as_doc(d):
    """boto3 gives policy documents back decoded (dict); be lenient about an URL-encoded string."""
    if isinstance(d, str):
        d = json.loads(urllib.parse.unquote(d))
    return d


def test_user_lifecycle_rename_and_tags(region, iam):
    acct = region.account
    u = iam.create_user(UserName="alice", Path="/staff/", Tags=[{"Key": "dept", "Value": "ops"}])["User"]
    assert u["Arn"] == f"arn:aws:iam::{acct}:user/staff/alice"
    assert u["Path"] == "/staff/"
    iam.tag_user(UserName="alice", Tags=[{"Key": "level", "Value": "3"}])
    iam.untag_user(UserName="alice", TagKeys=["dept"])
    assert iam.list_user_tags(UserName="alice")["Tags"] == [{"Key": "level", "Value": "3"}]

    iam.update_user(UserName="alice", NewUserName="alicia", NewPath="/")
    code, _, _ = hg.expect_client_error(iam.get_user, UserName="alice")
    assert code == "NoSuchEntity"
    got = iam.get_user(UserName="alicia")["User"]
    assert got["UserId"] == u["UserId"]
    assert got["Arn"] == f"arn:aws:iam::{acct}:user/alicia"
    assert [x["UserName"] for x in iam.list_users(PathPrefix="/staff/")["Users"]] == []
    iam.delete_user(UserName="alicia")
    assert "alicia" not in [x["UserName"] for x in iam.list_users()["Users"]]


def test_pagination(iam):
    for i in range(5):
        iam.create_user(UserName=f"page{i}", Path="/paged/")
    first = iam.list_users(PathPrefix="/paged/", MaxItems=2)
    assert len(first["Users"]) == 2 and first["IsTruncated"] is True and first["Marker"]
    names = [u["UserName"] for p in iam.get_paginator("list_users").paginate(
        PathPrefix="/paged/", PaginationConfig={"PageSize": 2}) for u in p["Users"]]
    assert sorted(names) == [f"page{i}" for i in range(5)]
    assert len(names) == 5


def test_groups(region, iam):
    iam.create_group(GroupName="Devs")
    iam.create_user(UserName="dev1")
    iam.add_user_to_group(GroupName="Devs", UserName="dev1")
    iam.put_group_policy(GroupName="Devs", PolicyName="read", PolicyDocument=policy(allow("iam:Get*")))
    assert iam.list_group_policies(GroupName="Devs")["PolicyNames"] == ["read"]
    assert as_doc(iam.get_group_policy(GroupName="Devs", PolicyName="read")["PolicyDocument"]) == \
        json.loads(policy(allow("iam:Get*")))
    g = iam.get_group(GroupName="Devs")
    assert g["Group"]["Arn"] == f"arn:aws:iam::{region.account}:group/Devs"
    assert [u["UserName"] for u in g["Users"]] == ["dev1"]
    code, _, _ = hg.expect_client_error(iam.delete_group, GroupName="Devs")
    assert code == "DeleteConflict"
    iam.remove_user_from_group(GroupName="Devs", UserName="dev1")
    iam.delete_group_policy(GroupName="Devs", PolicyName="read")
    iam.delete_group(GroupName="Devs")
    assert "Devs" not in [x["GroupName"] for x in iam.list_groups()["Groups"]]
    assert iam.list_groups_for_user(UserName="dev1")["Groups"] == []


def test_managed_policies_and_versions(region, iam):
    acct = region.account
    doc1 = policy(allow("iam:ListUsers"))
    p = iam.create_policy(PolicyName="Lister", PolicyDocument=doc1, Description="lists")["Policy"]
    assert p["Arn"] == f"arn:aws:iam::{acct}:policy/Lister"
    assert p["DefaultVersionId"] == "v1" and p["AttachmentCount"] == 0
    doc2 = policy(allow(["iam:ListUsers", "iam:ListGroups"]))
    v2 = iam.create_policy_version(PolicyArn=p["Arn"], PolicyDocument=doc2, SetAsDefault=True)["PolicyVersion"]
    assert v2["VersionId"] == "v2" and v2["IsDefaultVersion"] is True
    versions = iam.list_policy_versions(PolicyArn=p["Arn"])["Versions"]
    assert sorted((v["VersionId"], v["IsDefaultVersion"]) for v in versions) == [("v1", False), ("v2", True)]
    got = iam.get_policy_version(PolicyArn=p["Arn"], VersionId="v2")["PolicyVersion"]
    assert as_doc(got["Document"]) == json.loads(doc2)

    # The new default is what is enforced.
    key = region.make_user("lister")
    iam.attach_user_policy(UserName="lister", PolicyArn=p["Arn"])
    assert "Groups" in region.client("iam", *key).list_groups()
    iam.set_default_policy_version(PolicyArn=p["Arn"], VersionId="v1")
    code, _, _ = hg.expect_client_error(region.client("iam", *key).list_groups)
    assert code == "AccessDenied"

    iam.create_group(GroupName="Listers")
    iam.attach_group_policy(GroupName="Listers", PolicyArn=p["Arn"])
    ents = iam.list_entities_for_policy(PolicyArn=p["Arn"])
    assert [u["UserName"] for u in ents["PolicyUsers"]] == ["lister"]
    assert [g["GroupName"] for g in ents["PolicyGroups"]] == ["Listers"]
    assert iam.get_policy(PolicyArn=p["Arn"])["Policy"]["AttachmentCount"] == 2
    assert [a["PolicyArn"] for a in iam.list_attached_user_policies(UserName="lister")["AttachedPolicies"]] == \
        [p["Arn"]]

    code, _, _ = hg.expect_client_error(iam.delete_policy, PolicyArn=p["Arn"])
    assert code == "DeleteConflict"
    code, _, _ = hg.expect_client_error(iam.delete_policy_version, PolicyArn=p["Arn"], VersionId="v1")
    assert code == "DeleteConflict"  # the default version cannot be deleted
    iam.detach_user_policy(UserName="lister", PolicyArn=p["Arn"])
    iam.detach_group_policy(GroupName="Listers", PolicyArn=p["Arn"])
    iam.delete_policy_version(PolicyArn=p["Arn"], VersionId="v2")
    iam.delete_policy(PolicyArn=p["Arn"])
    code, _, _ = hg.expect_client_error(iam.get_policy, PolicyArn=p["Arn"])
    assert code == "NoSuchEntity"


def test_aws_managed_policies(iam):
    for name in ("AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess", "IAMFullAccess", "IAMReadOnlyAccess"):
        arn = f"arn:aws:iam::aws:policy/{name}"
        p = iam.get_policy(PolicyArn=arn)["Policy"]
        assert p["Arn"] == arn and p["PolicyName"] == name
        v = iam.get_policy_version(PolicyArn=arn, VersionId=p["DefaultVersionId"])["PolicyVersion"]
        assert as_doc(v["Document"])["Statement"], name
    admin = iam.get_policy_version(PolicyArn=ADMIN, VersionId=iam.get_policy(PolicyArn=ADMIN)["Policy"][
        "DefaultVersionId"])["PolicyVersion"]
    stmts = as_doc(admin["Document"])["Statement"]
    assert {"Effect": "Allow", "Action": "*", "Resource": "*"} in stmts
    aws_scope = [p["PolicyName"] for p in iam.get_paginator("list_policies").paginate(Scope="AWS")
                 .build_full_result()["Policies"]]
    assert "AdministratorAccess" in aws_scope and "IAMReadOnlyAccess" in aws_scope
    code, _, _ = hg.expect_client_error(iam.delete_policy, PolicyArn=ADMIN)
    assert code in ("AccessDenied", "InvalidInput", "UnmodifiableEntity")


def test_roles_and_instance_profiles(region, iam):
    acct = region.account
    trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    r = iam.create_role(RoleName="web", AssumeRolePolicyDocument=trust, Tags=[{"Key": "k", "Value": "v"}])["Role"]
    assert as_doc(iam.get_role(RoleName="web")["Role"]["AssumeRolePolicyDocument"]) == json.loads(trust)
    assert iam.list_role_tags(RoleName="web")["Tags"] == [{"Key": "k", "Value": "v"}]
    iam.put_role_policy(RoleName="web", PolicyName="inline", PolicyDocument=policy(allow("iam:GetUser")))
    assert iam.list_role_policies(RoleName="web")["PolicyNames"] == ["inline"]

    ip = iam.create_instance_profile(InstanceProfileName="web-profile")["InstanceProfile"]
    assert ip["Arn"] == f"arn:aws:iam::{acct}:instance-profile/web-profile"
    iam.add_role_to_instance_profile(InstanceProfileName="web-profile", RoleName="web")
    got = iam.get_instance_profile(InstanceProfileName="web-profile")["InstanceProfile"]
    assert [x["RoleName"] for x in got["Roles"]] == ["web"]
    assert [x["InstanceProfileName"] for x in
            iam.list_instance_profiles_for_role(RoleName="web")["InstanceProfiles"]] == ["web-profile"]

    code, _, _ = hg.expect_client_error(iam.delete_role, RoleName="web")
    assert code == "DeleteConflict"
    iam.remove_role_from_instance_profile(InstanceProfileName="web-profile", RoleName="web")
    iam.delete_instance_profile(InstanceProfileName="web-profile")
    iam.delete_role_policy(RoleName="web", PolicyName="inline")
    iam.delete_role(RoleName="web")
    code, _, _ = hg.expect_client_error(iam.get_role, RoleName="web")
    assert code == "NoSuchEntity"
    assert r["RoleName"] == "web"


def test_login_profiles(iam):
    iam.create_user(UserName="console")
    lp = iam.create_login_profile(UserName="console", Password="Sup3r-secret-pass!",
                                  PasswordResetRequired=True)["LoginProfile"]
    assert lp["UserName"] == "console" and lp["PasswordResetRequired"] is True
    assert "Password" not in lp
    code, _, _ = hg.expect_client_error(iam.create_login_profile, UserName="console", Password="Another-pass-1!")
    assert code == "EntityAlreadyExists"
    iam.update_login_profile(UserName="console", PasswordResetRequired=False)
    assert iam.get_login_profile(UserName="console")["LoginProfile"]["PasswordResetRequired"] is False
    code, _, _ = hg.expect_client_error(iam.delete_user, UserName="console")
    assert code == "DeleteConflict"
    iam.delete_login_profile(UserName="console")
    code, _, _ = hg.expect_client_error(iam.get_login_profile, UserName="console")
    assert code == "NoSuchEntity"
    iam.delete_user(UserName="console")


def test_server_certificates(tmp_path, region, iam):
    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed to make a test certificate")
    key, crt = tmp_path / "k.pem", tmp_path / "c.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt,
                    "-days", "2", "-subj", "/CN=kg.example"], check=True, capture_output=True)
    meta = iam.upload_server_certificate(ServerCertificateName="kg-cert", CertificateBody=crt.read_text(),
                                         PrivateKey=key.read_text())["ServerCertificateMetadata"]
    assert meta["Arn"] == f"arn:aws:iam::{region.account}:server-certificate/kg-cert"
    got = iam.get_server_certificate(ServerCertificateName="kg-cert")["ServerCertificate"]
    assert got["CertificateBody"].strip() == crt.read_text().strip()
    assert "PrivateKey" not in got
    assert [m["ServerCertificateName"] for m in iam.list_server_certificates()["ServerCertificateMetadataList"]] \
        == ["kg-cert"]
    code, _, _ = hg.expect_client_error(iam.upload_server_certificate, ServerCertificateName="bad",
                                        CertificateBody="not a cert", PrivateKey=key.read_text())
    assert code == "MalformedCertificate"
    iam.delete_server_certificate(ServerCertificateName="kg-cert")
    assert iam.list_server_certificates()["ServerCertificateMetadataList"] == []


def test_account_alias_and_summary(iam):
    iam.create_account_alias(AccountAlias="kg-sports")
    assert iam.list_account_aliases()["AccountAliases"] == ["kg-sports"]
    before = iam.get_account_summary()["SummaryMap"]
    iam.create_user(UserName="counted")
    after = iam.get_account_summary()["SummaryMap"]
    assert after["Users"] == before["Users"] + 1
    assert after["AccessKeysPerUserQuota"] == 2
    iam.delete_account_alias(AccountAlias="kg-sports")
    assert iam.list_account_aliases()["AccountAliases"] == []


def test_simulate_custom_policy(iam):
    doc = policy(allow("iam:Get*"), {"Effect": "Deny", "Action": "iam:GetUser", "Resource": "*"})
    res = iam.simulate_custom_policy(PolicyInputList=[doc], ActionNames=["iam:GetUser", "iam:GetRole",
                                                                         "iam:CreateUser"])
    got = {r["EvalActionName"]: r["EvalDecision"] for r in res["EvaluationResults"]}
    assert got == {"iam:GetUser": "explicitDeny", "iam:GetRole": "allowed", "iam:CreateUser": "implicitDeny"}


def test_access_key_management(iam):
    iam.create_user(UserName="keyholder")
    k = iam.create_access_key(UserName="keyholder")["AccessKey"]
    listed = iam.list_access_keys(UserName="keyholder")["AccessKeyMetadata"]
    assert [(x["AccessKeyId"], x["Status"]) for x in listed] == [(k["AccessKeyId"], "Active")]
    assert "SecretAccessKey" not in listed[0]
    last = iam.get_access_key_last_used(AccessKeyId=k["AccessKeyId"])
    assert last["UserName"] == "keyholder"
    assert "LastUsedDate" not in last["AccessKeyLastUsed"]  # never used
    code, _, _ = hg.expect_client_error(iam.delete_user, UserName="keyholder")
    assert code == "DeleteConflict"
    iam.delete_access_key(UserName="keyholder", AccessKeyId=k["AccessKeyId"])
    iam.delete_user(UserName="keyholder")


GITHUB_THUMBPRINT = "6938fd4d98bab03faadb97b34396831e3780aea1"
SAML_METADATA = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.kgsports.example/saml"'
    ' validUntil="2049-12-31T23:59:59Z">'
    '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
    + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:X509Data>"
    + "<ds:X509Certificate>" + "MIIC" + "A" * 1200 + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
    '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"'
    ' Location="https://idp.kgsports.example/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>'
)


def test_openid_connect_and_saml_providers(region, iam):
    """Identity providers as a CI system and a corporate directory set them up: created,
    read back in AWS's shapes, changed, tagged, refused as AWS refuses, deleted."""
    acct = region.account
    arn = iam.create_open_id_connect_provider(
        Url="https://token.actions.githubusercontent.com", ClientIDList=["sts.amazonaws.com"],
        ThumbprintList=[GITHUB_THUMBPRINT], Tags=[{"Key": "team", "Value": "ci"}])["OpenIDConnectProviderArn"]
    assert arn == f"arn:aws:iam::{acct}:oidc-provider/token.actions.githubusercontent.com"
    got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert got["Url"] == "token.actions.githubusercontent.com"
    assert (got["ClientIDList"], got["ThumbprintList"]) == (["sts.amazonaws.com"], [GITHUB_THUMBPRINT])
    assert got["Tags"] == [{"Key": "team", "Value": "ci"}]
    iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="kg-deployer")
    iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="sts.amazonaws.com")
    iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn, ThumbprintList=["a" * 40])
    got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert (got["ClientIDList"], got["ThumbprintList"]) == (["kg-deployer"], ["a" * 40])
    iam.tag_open_id_connect_provider(OpenIDConnectProviderArn=arn, Tags=[{"Key": "env", "Value": "prod"}])
    iam.untag_open_id_connect_provider(OpenIDConnectProviderArn=arn, TagKeys=["team"])
    assert iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn)["Tags"] == [{"Key": "env", "Value": "prod"}]
    assert [p["Arn"] for p in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]] == [arn]
    # The aws CLI sees the same.
    listed = region.aws("iam", "list-open-id-connect-providers")["OpenIDConnectProviderList"]
    assert [p["Arn"] for p in listed] == [arn]

    assert hg.expect_client_error(iam.create_open_id_connect_provider, Url="https://token.actions.githubusercontent.com",
                                  ThumbprintList=[GITHUB_THUMBPRINT])[:2] == (
        "EntityAlreadyExists", "Provider with url https://token.actions.githubusercontent.com already exists.")
    assert hg.expect_client_error(iam.create_open_id_connect_provider, Url="http://insecure.example.com",
                                  ThumbprintList=[GITHUB_THUMBPRINT])[0] == "InvalidInput"
    assert hg.expect_client_error(iam.create_open_id_connect_provider, Url="https://idp.example.com",
                                  ThumbprintList=[f"{i:040x}" for i in range(6)])[0] == "LimitExceeded"
    missing = f"arn:aws:iam::{acct}:oidc-provider/nobody.example.com"
    assert hg.expect_client_error(iam.get_open_id_connect_provider, OpenIDConnectProviderArn=missing)[:2] == (
        "NoSuchEntity", f"OpenIDConnect Provider not found for arn {missing}")

    saml = iam.create_saml_provider(Name="KG-Directory", SAMLMetadataDocument=SAML_METADATA)["SAMLProviderArn"]
    assert saml == f"arn:aws:iam::{acct}:saml-provider/KG-Directory"
    got = iam.get_saml_provider(SAMLProviderArn=saml)
    assert got["SAMLMetadataDocument"] == SAML_METADATA and got["ValidUntil"].year == 2049
    listed = iam.list_saml_providers()["SAMLProviderList"]
    assert [p["Arn"] for p in listed] == [saml]
    updated = SAML_METADATA.replace("2049-12-31", "2050-06-30")
    assert iam.update_saml_provider(SAMLProviderArn=saml, SAMLMetadataDocument=updated)["SAMLProviderArn"] == saml
    assert iam.get_saml_provider(SAMLProviderArn=saml)["ValidUntil"].year == 2050
    assert hg.expect_client_error(iam.create_saml_provider, Name="KG-Directory", SAMLMetadataDocument=SAML_METADATA)[0] \
        == "EntityAlreadyExists"
    assert hg.expect_client_error(iam.create_saml_provider, Name="Broken",
                                  SAMLMetadataDocument="x" * 1200)[:2] == ("InvalidInput", "Could not parse metadata")

    iam.delete_saml_provider(SAMLProviderArn=saml)
    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert iam.list_saml_providers()["SAMLProviderList"] == []
    assert iam.list_open_id_connect_providers()["OpenIDConnectProviderList"] == []
    assert hg.expect_client_error(iam.delete_saml_provider, SAMLProviderArn=saml)[0] == "NoSuchEntity"
