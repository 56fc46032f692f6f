"""Secrets Manager and SSM Parameter Store through boto3 and the aws CLI: values kept versioned
and sealed at rest (never in clear in the region's data dir), staging labels, scheduled
deletion and restore, policies scoped to one secret's ARN, parameters by path and version, and
the public `/aws/service/…` image aliases resolving to an image registered in the region."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest

import hg


@pytest.fixture(scope="module")
def sm(region):
    return region.client("secretsmanager")


def files_containing(root: Path, needle: bytes) -> list[str]:
    hits = []
    for p in root.rglob("*"):
        if p.is_file() and not p.is_symlink():
            try:
                if needle in p.read_bytes():
                    hits.append(str(p))
            except OSError:
                pass
    return hits


def test_secret_lifecycle_versions_and_stages(region, sm):
    created = sm.create_secret(Name="kg/db", SecretString="first-pw", Description="KG database",
                               Tags=[{"Key": "team", "Value": "web"}])
    arn = created["ARN"]
    prefix = f"arn:aws:secretsmanager:{region.region_name}:{region.account}:secret:kg/db-"
    assert arn.startswith(prefix) and len(arn) == len(prefix) + 6
    v1 = created["VersionId"]

    got = sm.get_secret_value(SecretId="kg/db")
    assert (got["SecretString"], got["VersionId"], got["VersionStages"]) == ("first-pw", v1, ["AWSCURRENT"])
    # By ARN and by partial ARN (no random suffix) too.
    assert sm.get_secret_value(SecretId=arn)["SecretString"] == "first-pw"
    assert sm.get_secret_value(SecretId=prefix[:-1])["SecretString"] == "first-pw"

    v2 = sm.put_secret_value(SecretId=arn, SecretString="second-pw")["VersionId"]
    assert sm.get_secret_value(SecretId="kg/db")["SecretString"] == "second-pw"
    prev = sm.get_secret_value(SecretId="kg/db", VersionStage="AWSPREVIOUS")
    assert (prev["SecretString"], prev["VersionId"]) == ("first-pw", v1)
    assert sm.get_secret_value(SecretId="kg/db", VersionId=v1)["SecretString"] == "first-pw"

    # Rotate the stage back by hand: v1 current again, v2 previous.
    sm.update_secret_version_stage(SecretId="kg/db", VersionStage="AWSCURRENT",
                                   RemoveFromVersionId=v2, MoveToVersionId=v1)
    assert sm.get_secret_value(SecretId="kg/db")["SecretString"] == "first-pw"
    stages = sm.describe_secret(SecretId="kg/db")["VersionIdsToStages"]
    assert stages == {v1: ["AWSCURRENT"], v2: ["AWSPREVIOUS"]}

    d = sm.describe_secret(SecretId=arn)
    assert d["Name"] == "kg/db" and d["Description"] == "KG database"
    assert d["Tags"] == [{"Key": "team", "Value": "web"}]

    sm.update_secret(SecretId="kg/db", Description="changed", SecretString="third-pw")
    assert sm.get_secret_value(SecretId="kg/db")["SecretString"] == "third-pw"
    assert sm.describe_secret(SecretId="kg/db")["Description"] == "changed"

    code, msg, _ = hg.expect_client_error(sm.create_secret, Name="kg/db", SecretString="x")
    assert (code, msg) == ("ResourceExistsException", "The operation failed because the secret kg/db already exists.")
    code, msg, _ = hg.expect_client_error(sm.get_secret_value, SecretId="kg/nope")
    assert (code, msg) == ("ResourceNotFoundException", "Secrets Manager can't find the specified secret.")
    code, _, _ = hg.expect_client_error(sm.create_secret, Name="both", SecretString="x", SecretBinary=b"y")
    assert code == "InvalidParameterException"


def test_binary_secret_and_tags(sm):
    sm.create_secret(Name="bin", SecretBinary=b"\x00\x01binary\xff")
    assert sm.get_secret_value(SecretId="bin")["SecretBinary"] == b"\x00\x01binary\xff"
    sm.tag_resource(SecretId="bin", Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    sm.untag_resource(SecretId="bin", TagKeys=["a"])
    assert sm.describe_secret(SecretId="bin")["Tags"] == [{"Key": "b", "Value": "2"}]


def test_list_filters_and_paging(sm):
    for i in range(5):
        sm.create_secret(Name=f"list/s{i}", SecretString="v", Tags=[{"Key": "env", "Value": "dev" if i % 2 else "prod"}])
    names = [s["Name"] for p in sm.get_paginator("list_secrets").paginate(
        Filters=[{"Key": "name", "Values": ["list/"]}], PaginationConfig={"PageSize": 2}) for s in p["SecretList"]]
    assert sorted(names) == [f"list/s{i}" for i in range(5)] and len(names) == 5
    first = sm.list_secrets(MaxResults=2, Filters=[{"Key": "name", "Values": ["list/"]}])
    assert len(first["SecretList"]) == 2 and first["NextToken"]
    prod = sm.list_secrets(Filters=[{"Key": "name", "Values": ["list/"]}, {"Key": "tag-value", "Values": ["prod"]}])
    assert sorted(s["Name"] for s in prod["SecretList"]) == ["list/s0", "list/s2", "list/s4"]
    assert all("AWSCURRENT" in next(iter(s["SecretVersionsToStages"].values())) for s in prod["SecretList"])


def test_delete_restore_and_force_delete(region, sm):
    sm.create_secret(Name="doomed", SecretString="v")
    code, msg, _ = hg.expect_client_error(sm.delete_secret, SecretId="doomed", RecoveryWindowInDays=3)
    assert code == "InvalidParameterException", msg
    out = sm.delete_secret(SecretId="doomed", RecoveryWindowInDays=7)
    assert out["Name"] == "doomed" and out["DeletionDate"]
    code, msg, _ = hg.expect_client_error(sm.get_secret_value, SecretId="doomed")
    assert (code, msg) == ("InvalidRequestException",
                           "You can't perform this operation on the secret because it was marked for deletion.")
    assert "doomed" not in [s["Name"] for s in sm.list_secrets()["SecretList"]]
    assert "doomed" in [s["Name"] for s in sm.list_secrets(IncludePlannedDeletion=True)["SecretList"]]
    assert "DeletedDate" in sm.describe_secret(SecretId="doomed")
    sm.restore_secret(SecretId="doomed")
    assert sm.get_secret_value(SecretId="doomed")["SecretString"] == "v"

    # The aws CLI: a forced delete is gone at once, and the name is free again.
    region.aws("secretsmanager", "delete-secret", "--secret-id", "doomed", "--force-delete-without-recovery")
    _, err = region.aws_fail("secretsmanager", "get-secret-value", "--secret-id", "doomed")
    assert "ResourceNotFoundException" in err
    out = region.aws("secretsmanager", "create-secret", "--name", "doomed", "--secret-string", "again")
    assert region.aws("secretsmanager", "get-secret-value", "--secret-id", out["ARN"])["SecretString"] == "again"


def test_random_password(sm, region):
    p = sm.get_random_password(PasswordLength=40, ExcludePunctuation=True, ExcludeCharacters="abc")["RandomPassword"]
    assert len(p) == 40 and not set(p) & set("abc" + string.punctuation + " ")
    assert any(c.isdigit() for c in p) and any(c.isupper() for c in p)
    assert len(sm.get_random_password()["RandomPassword"]) == 32
    code, _, _ = hg.expect_client_error(sm.get_random_password, PasswordLength=2)
    assert code == "InvalidParameterException"
    cli = region.aws("secretsmanager", "get-random-password", "--password-length", "12", "--exclude-numbers",
                     "--exclude-punctuation", "--exclude-uppercase")["RandomPassword"]
    assert len(cli) == 12 and cli.isalpha() and cli.islower()


def test_secret_values_never_in_clear_in_the_data_dir(region, sm):
    value = "KG-plaintext-canary-7f3a9c"
    sm.create_secret(Name="canary", SecretString=value)
    sm.put_secret_value(SecretId="canary", SecretString=value + "-v2")
    assert sm.get_secret_value(SecretId="canary")["SecretString"] == value + "-v2"
    # The search does see the store: the secret's name is there in clear.
    assert any(f.endswith(("state.db", "state.db-wal")) for f in files_containing(region.data_dir, b"canary"))
    assert files_containing(region.data_dir, value.encode()) == []
    assert value not in "".join(region.all_stdout + region.all_stderr)


def test_policy_scoped_to_one_secret(region, sm):
    mine = sm.create_secret(Name="scoped/mine", SecretString="mine-value")["ARN"]
    sm.create_secret(Name="scoped/other", SecretString="other-value")
    key = region.make_user("secret-reader", inline={"p": hg.policy(
        hg.allow(["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], mine))})
    user = region.client("secretsmanager", *key)
    assert user.get_secret_value(SecretId="scoped/mine")["SecretString"] == "mine-value"
    assert user.get_secret_value(SecretId=mine)["SecretString"] == "mine-value"
    code, msg, status = hg.expect_client_error(user.get_secret_value, SecretId="scoped/other")
    assert (code, status) == ("AccessDeniedException", 400), msg
    assert "other-value" not in msg
    code, _, _ = hg.expect_client_error(user.put_secret_value, SecretId="scoped/mine", SecretString="x")
    assert code == "AccessDeniedException"
    assert sm.get_secret_value(SecretId="scoped/mine")["SecretString"] == "mine-value"


# ---- SSM Parameter Store ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def ssm(region):
    return region.client("ssm")


def test_put_get_versions_and_overwrite(region, ssm):
    assert ssm.put_parameter(Name="/kg/prod/db/host", Value="db1.internal", Type="String",
                             Description="KG DB host")["Version"] == 1
    p = ssm.get_parameter(Name="/kg/prod/db/host")["Parameter"]
    assert (p["Value"], p["Type"], p["Version"]) == ("db1.internal", "String", 1)
    assert p["ARN"] == f"arn:aws:ssm:{region.region_name}:{region.account}:parameter/kg/prod/db/host"

    code, msg, _ = hg.expect_client_error(ssm.put_parameter, Name="/kg/prod/db/host", Value="x", Type="String")
    assert (code, msg) == ("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, "
                           "set the overwrite option in the request to true.")
    assert ssm.put_parameter(Name="/kg/prod/db/host", Value="db2.internal", Overwrite=True)["Version"] == 2
    assert ssm.get_parameter(Name="/kg/prod/db/host")["Parameter"]["Value"] == "db2.internal"
    old = ssm.get_parameter(Name="/kg/prod/db/host:1")["Parameter"]
    assert (old["Value"], old["Version"], old["Selector"]) == ("db1.internal", 1, ":1")
    code, _, _ = hg.expect_client_error(ssm.get_parameter, Name="/kg/prod/db/host:9")
    assert code == "ParameterVersionNotFound"

    hist = ssm.get_parameter_history(Name="/kg/prod/db/host")["Parameters"]
    assert [(h["Version"], h["Value"]) for h in hist] == [(1, "db1.internal"), (2, "db2.internal")]
    assert all(h["Description"] == "KG DB host" for h in hist)
    assert hist[0]["LastModifiedUser"].endswith(":root")

    out = ssm.label_parameter_version(Name="/kg/prod/db/host", ParameterVersion=1, Labels=["stable", "1bad"])
    assert (out["ParameterVersion"], out["InvalidLabels"]) == (1, ["1bad"])
    got = ssm.get_parameter(Name="/kg/prod/db/host:stable")["Parameter"]
    assert (got["Value"], got["Version"], got["Selector"]) == ("db1.internal", 1, ":stable")
    ssm.label_parameter_version(Name="/kg/prod/db/host", Labels=["stable"])  # moves to the latest
    assert ssm.get_parameter(Name="/kg/prod/db/host:stable")["Parameter"]["Version"] == 2
    assert [h["Labels"] for h in ssm.get_parameter_history(Name="/kg/prod/db/host")["Parameters"]] == [[], ["stable"]]
    out = ssm.unlabel_parameter_version(Name="/kg/prod/db/host", ParameterVersion=2, Labels=["stable", "other"])
    assert (out["RemovedLabels"], out["InvalidLabels"]) == (["stable"], ["other"])
    code, _, _ = hg.expect_client_error(ssm.get_parameter, Name="/kg/prod/db/host:stable")
    assert code == "ParameterVersionLabelNotFound"

    code, msg, _ = hg.expect_client_error(ssm.get_parameter, Name="/kg/none")
    assert code == "ParameterNotFound"
    code, _, _ = hg.expect_client_error(ssm.put_parameter, Name="/kg/tagged", Value="v", Type="String",
                                        Overwrite=True, Tags=[{"Key": "a", "Value": "b"}])
    assert code == "ValidationException"
    code, _, _ = hg.expect_client_error(ssm.put_parameter, Name="/kg/big", Value="x" * 4097, Type="String")
    assert code == "ValidationException"
    assert ssm.put_parameter(Name="/kg/big", Value="x" * 4097, Type="String", Tier="Advanced")["Tier"] == "Advanced"
    for bad in ["/aws/mine", "ssm-thing", "has space", "a/b"]:
        code, _, _ = hg.expect_client_error(ssm.put_parameter, Name=bad, Value="v", Type="String")
        assert code == "ValidationException", bad


def test_allowed_pattern_and_string_list(ssm):
    ssm.put_parameter(Name="/kg/port", Value="8080", Type="String", AllowedPattern=r"\d+")
    code, msg, _ = hg.expect_client_error(ssm.put_parameter, Name="/kg/port", Value="80a", Overwrite=True)
    assert code == "ParameterPatternMismatchException", msg
    assert ssm.get_parameter(Name="/kg/port")["Parameter"]["Value"] == "8080"
    ssm.put_parameter(Name="/kg/zones", Value="a,b,c", Type="StringList")
    assert ssm.get_parameter(Name="/kg/zones")["Parameter"]["Type"] == "StringList"


def test_secure_string_sealed_and_decrypted(region, ssm):
    value = "ssm-plaintext-canary-41c2"
    ssm.put_parameter(Name="/kg/prod/db/password", Value=value, Type="SecureString")
    enc = ssm.get_parameter(Name="/kg/prod/db/password")["Parameter"]
    assert enc["Type"] == "SecureString" and enc["Value"] != value and value not in enc["Value"]
    assert ssm.get_parameter(Name="/kg/prod/db/password", WithDecryption=True)["Parameter"]["Value"] == value
    meta = ssm.describe_parameters(ParameterFilters=[{"Key": "Name", "Values": ["/kg/prod/db/password"]}])
    assert meta["Parameters"][0]["KeyId"] == "alias/aws/ssm"
    hist = ssm.get_parameter_history(Name="/kg/prod/db/password", WithDecryption=True)["Parameters"]
    assert hist[0]["Value"] == value
    cli = region.aws("ssm", "get-parameter", "--name", "/kg/prod/db/password", "--with-decryption")
    assert cli["Parameter"]["Value"] == value
    assert any(f.endswith(("state.db", "state.db-wal")) for f in files_containing(region.data_dir, b"/kg/prod/db/password"))
    assert files_containing(region.data_dir, value.encode()) == []


def test_get_parameters_and_by_path(region, ssm):
    for name in ["/app/a", "/app/b", "/app/sub/c", "/app/sub/deep/d", "/apple/x"]:
        ssm.put_parameter(Name=name, Value=name.upper(), Type="String")
    out = ssm.get_parameters(Names=["/app/a", "/app/missing", "/app/b"])
    assert sorted(p["Name"] for p in out["Parameters"]) == ["/app/a", "/app/b"]
    assert out["InvalidParameters"] == ["/app/missing"]

    one = ssm.get_parameters_by_path(Path="/app")["Parameters"]
    assert sorted(p["Name"] for p in one) == ["/app/a", "/app/b"]
    names = [p["Name"] for page in ssm.get_paginator("get_parameters_by_path").paginate(
        Path="/app/", Recursive=True, PaginationConfig={"PageSize": 2}) for p in page["Parameters"]]
    assert sorted(names) == ["/app/a", "/app/b", "/app/sub/c", "/app/sub/deep/d"]
    first = ssm.get_parameters_by_path(Path="/app", Recursive=True, MaxResults=3)
    assert len(first["Parameters"]) == 3 and first["NextToken"]

    cli = region.aws("ssm", "get-parameters-by-path", "--path", "/app/sub", "--recursive")
    assert sorted(p["Value"] for p in cli["Parameters"]) == ["/APP/SUB/C", "/APP/SUB/DEEP/D"]

    described = ssm.describe_parameters(ParameterFilters=[{"Key": "Path", "Option": "Recursive", "Values": ["/app"]}])
    assert len(described["Parameters"]) == 4

    out = ssm.delete_parameters(Names=["/app/a", "/app/nope"])
    assert (out["DeletedParameters"], out["InvalidParameters"]) == (["/app/a"], ["/app/nope"])
    ssm.delete_parameter(Name="/app/b")
    code, _, _ = hg.expect_client_error(ssm.delete_parameter, Name="/app/b")
    assert code == "ParameterNotFound"
    assert [p["Name"] for p in ssm.get_parameters_by_path(Path="/app")["Parameters"]] == []


def test_parameter_tags(ssm):
    ssm.put_parameter(Name="/tags/p", Value="v", Type="String", Tags=[{"Key": "env", "Value": "prod"}])
    ssm.add_tags_to_resource(ResourceType="Parameter", ResourceId="/tags/p", Tags=[{"Key": "team", "Value": "web"}])
    ssm.remove_tags_from_resource(ResourceType="Parameter", ResourceId="/tags/p", TagKeys=["env"])
    assert ssm.list_tags_for_resource(ResourceType="Parameter", ResourceId="/tags/p")["TagList"] == \
        [{"Key": "team", "Value": "web"}]
    tagged = ssm.describe_parameters(ParameterFilters=[{"Key": "tag:team", "Values": ["web"]}])["Parameters"]
    assert [p["Name"] for p in tagged] == ["/tags/p"]
    code, _, _ = hg.expect_client_error(ssm.list_tags_for_resource, ResourceType="Parameter", ResourceId="/tags/none")
    assert code == "InvalidResourceId"


def test_policy_scoped_to_one_parameter(region, ssm):
    ssm.put_parameter(Name="/scoped/mine", Value="m", Type="String")
    ssm.put_parameter(Name="/scoped/other", Value="o", Type="String")
    arn = f"arn:aws:ssm:{region.region_name}:{region.account}:parameter/scoped/mine"
    key = region.make_user("param-reader", inline={"p": hg.policy(hg.allow("ssm:GetParameter", arn))})
    user = region.client("ssm", *key)
    assert user.get_parameter(Name="/scoped/mine")["Parameter"]["Value"] == "m"
    code, _, _ = hg.expect_client_error(user.get_parameter, Name="/scoped/other")
    assert code == "AccessDeniedException"


def test_public_image_alias_resolves_to_a_registered_image(new_region, tmp_path):
    r = new_region()
    ssm = r.client("ssm")
    alias = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
    code, _, _ = hg.expect_client_error(ssm.get_parameter, Name=alias)
    assert code == "ParameterNotFound"
    ec2 = r.client("ec2")
    ami = ec2.register_image(Name="KG-Ami", ImageLocation=str(hg.kg_ami_bundle(tmp_path / "ami")))["ImageId"]
    hg.wait_until(lambda: ec2.describe_images(ImageIds=[ami])["Images"][0]["State"] == "available",
                  timeout=60, what="image available")
    p = ssm.get_parameter(Name=alias)["Parameter"]
    assert p["Value"] == ami and p["Name"] == alias
    ubuntu = "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id"
    cli = r.aws("ssm", "get-parameters", "--names", alias, ubuntu, "/aws/service/global-infrastructure/regions")
    assert [x["Value"] for x in cli["Parameters"]] == [ami, ami]
    assert cli["InvalidParameters"] == ["/aws/service/global-infrastructure/regions"]
    assert p["ARN"] == f"arn:aws:ssm:{r.region_name}::parameter{alias}"


def test_sealed_values_survive_a_restart(new_region):
    r = new_region()
    sm, ssm = r.client("secretsmanager"), r.client("ssm")
    sm.create_secret(Name="durable", SecretString="durable-secret-value")
    ssm.put_parameter(Name="/durable/p", Value="durable-parameter-value", Type="SecureString")
    r.restart()
    sm, ssm = r.client("secretsmanager"), r.client("ssm")
    assert sm.get_secret_value(SecretId="durable")["SecretString"] == "durable-secret-value"
    got = ssm.get_parameter(Name="/durable/p", WithDecryption=True)["Parameter"]
    assert (got["Value"], got["Version"]) == ("durable-parameter-value", 1)


def test_tag_conditions_and_tagging_on_create(region, sm, ssm):
    sm.create_secret(Name="abac/web", SecretString="web-value", Tags=[{"Key": "team", "Value": "web"}])
    sm.create_secret(Name="abac/db", SecretString="db-value", Tags=[{"Key": "team", "Value": "db"}])
    key = region.make_user("abac-reader", inline={"p": hg.policy(hg.allow(
        "secretsmanager:GetSecretValue", "*",
        Condition={"StringEquals": {"secretsmanager:ResourceTag/team": "web"}}))})
    user = region.client("secretsmanager", *key)
    assert user.get_secret_value(SecretId="abac/web")["SecretString"] == "web-value"
    code, _, _ = hg.expect_client_error(user.get_secret_value, SecretId="abac/db")
    assert code == "AccessDeniedException"
    assert sm.describe_secret(SecretId="abac/web")["LastAccessedDate"]

    # PutParameter with tags also needs ssm:AddTagsToResource.
    key = region.make_user("param-writer", inline={"p": hg.policy(hg.allow("ssm:PutParameter"))})
    writer = region.client("ssm", *key)
    writer.put_parameter(Name="/abac/plain", Value="v", Type="String")
    code, _, _ = hg.expect_client_error(writer.put_parameter, Name="/abac/tagged", Value="v", Type="String",
                                        Tags=[{"Key": "team", "Value": "web"}])
    assert code == "AccessDeniedException"
    code, _, _ = hg.expect_client_error(ssm.get_parameter, Name="/abac/tagged")
    assert code == "ParameterNotFound"
