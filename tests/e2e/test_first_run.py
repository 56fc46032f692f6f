"""First start of a region: the files a user points the aws CLI at, who they are, and what
survives a restart."""

import configparser
import json
import os
import re
import signal
import stat
import subprocess

import hg


def test_first_start_writes_credentials_and_config(new_region):
    r = new_region(start=False)
    assert not r.data_dir.exists()
    r.start()

    assert r.data_dir.is_dir()
    mode = stat.S_IMODE(r.credentials_file.stat().st_mode)
    assert mode == 0o600, f"credentials file mode is {oct(mode)}, expected 0o600"

    creds = configparser.ConfigParser()
    creds.read(r.credentials_file)
    assert creds.sections() == ["default"]
    key_id = creds["default"]["aws_access_key_id"]
    secret = creds["default"]["aws_secret_access_key"]
    assert re.fullmatch(r"AKIA[A-Z0-9]{16}", key_id), key_id
    assert len(secret) == 40, secret

    cfg = configparser.ConfigParser()
    cfg.read(r.config_file)
    assert "default" in cfg.sections()
    assert cfg["default"]["region"] == "ap-northeast-2"
    assert cfg["default"]["endpoint_url"] == f"http://127.0.0.1:{r.port}"


def test_cli_and_boto3_see_the_account_root(region, monkeypatch):
    out = region.aws("sts", "get-caller-identity")
    account = out["Account"]
    assert re.fullmatch(r"[0-9]{12}", account), out
    assert out["Arn"] == f"arn:aws:iam::{account}:root"
    assert out["UserId"] == account  # AWS: the root's user id is the account id

    via_boto = region.client("sts").get_caller_identity()
    assert via_boto["Account"] == account
    assert via_boto["Arn"] == f"arn:aws:iam::{account}:root"

    # boto3 reading the generated files the way a user's SDK would (no explicit endpoint/keys).
    import boto3

    for k in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(k)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(region.credentials_file))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(region.config_file))
    session = boto3.session.Session()
    assert session.region_name == "ap-northeast-2"
    ident = session.client("sts").get_caller_identity()
    assert ident["Arn"] == f"arn:aws:iam::{account}:root"


def test_printed_export_lines_work_when_pasted(region):
    exports = [l.strip() for l in region.all_stdout if re.match(r"\s*export AWS_\w+=", l)]
    assert exports, f"no `export AWS_...=` lines on stdout:\n{''.join(region.all_stdout)}"
    script = "\n".join(exports + ["exec aws sts get-caller-identity --output json"])
    p = subprocess.run(["bash", "-c", script], env=hg.clean_env(), capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, f"pasted exports did not work:\n{script}\n{p.stderr}"
    assert json.loads(p.stdout)["Arn"] == f"arn:aws:iam::{region.account}:root"


def test_iam_is_reachable_through_the_cli(region):
    out = region.aws("iam", "list-users")
    assert out == {"Users": []}


def test_state_and_account_survive_restart(new_region):
    r = new_region()
    before = r.aws("sts", "get-caller-identity")
    creds_before = r.credentials_file.read_bytes()
    created = r.aws("iam", "create-user", "--user-name", "survivor", "--tags", "Key=team,Value=kg")["User"]
    assert r.stop() == 0, f"SIGTERM should exit 0\n{r.describe()}"

    r.start()
    assert r.credentials_file.read_bytes() == creds_before, "a restart must not issue a new root key"
    after = r.aws("sts", "get-caller-identity")
    assert after == before
    got = r.aws("iam", "get-user", "--user-name", "survivor")["User"]
    for k in ("UserName", "UserId", "Arn", "Path", "CreateDate"):
        assert got[k] == created[k], k
    assert r.client("iam").list_user_tags(UserName="survivor")["Tags"] == [{"Key": "team", "Value": "kg"}]

    # SIGINT is a clean shutdown too.
    assert r.stop(signal.SIGINT) == 0, f"SIGINT should exit 0\n{r.describe()}"
    r.start()
    assert r.aws("sts", "get-caller-identity") == before


def test_region_flag_is_written_to_config(new_region):
    r = new_region(region_name="us-west-2")
    cfg = configparser.ConfigParser()
    cfg.read(r.config_file)
    assert cfg["default"]["region"] == "us-west-2"
    out = r.aws("sts", "get-caller-identity")
    assert out["Arn"].endswith(":root")


def test_secret_key_is_not_leaked(new_region):
    r = new_region()
    _, secret = r.root
    iam = r.client("iam")
    iam.create_user(UserName="leakcheck")
    user_secret = iam.create_access_key(UserName="leakcheck")["AccessKey"]["SecretAccessKey"]
    r.aws("sts", "get-caller-identity")
    hg.wait_until(lambda: r.audit_log.exists() and r.audit_log.stat().st_size > 0, what="audit.log")
    assert r.stop() == 0

    for s in (secret, user_secret):
        assert s not in "".join(r.all_stderr), "a secret access key appears in the daemon's log (stderr)"
        # Only the credentials file may hold the root secret in clear; the store keeps them sealed.
        for f in r.data_dir.rglob("*"):
            if f.is_file() and f != r.credentials_file:
                assert s.encode() not in f.read_bytes(), f"a secret access key appears in clear in {f}"


def test_sigterm_right_after_ready_is_a_clean_shutdown(new_region):
    """A supervisor may stop the daemon the moment it says `ready`: that must be a clean exit 0,
    so the signal handlers must be in place before `ready` is printed."""
    r = new_region()
    codes = [r.stop()]
    for _ in range(19):
        r.start()
        codes.append(r.stop())
    assert codes == [0] * 20, f"exit codes of SIGTERM sent right after `ready`: {codes}"
