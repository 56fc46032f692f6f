"""Helpers shared by the end-to-end tests: running the real daemon, the real aws CLI, boto3,
and hand-built (signed or unsigned) HTTP requests over real sockets.

Nothing here mocks anything: every request goes over TCP to a `homeground up` process.
"""

from __future__ import annotations

import configparser
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

try:  # The suite is about the real SDK and CLI: missing ones are a failure, never a skip.
    import boto3
    import botocore
    import botocore.auth
    from botocore.auth import SigV4Auth, SigV4QueryAuth
    from botocore.awsrequest import AWSRequest
    from botocore.config import Config
    from botocore.credentials import Credentials
    from botocore.exceptions import ClientError
except ImportError as e:  # pragma: no cover - reported loudly by the conftest
    BOTO_IMPORT_ERROR = e
else:
    BOTO_IMPORT_ERROR = None

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REGION = "ap-northeast-2"
READY_TIMEOUT = 10.0
STOP_TIMEOUT = 10.0

IAM_VERSION = "2010-05-08"
STS_VERSION = "2011-06-15"
FORM = "application/x-www-form-urlencoded; charset=utf-8"


def binary_path() -> Path:
    env = os.environ.get("HOMEGROUND_BIN")
    if env:
        return Path(env)
    return REPO_ROOT / "target" / "debug" / "homeground"


def aws_cli() -> str:
    path = shutil.which("aws")
    if not path:
        pytest.fail("the aws CLI (v1, pip package awscli) is not on PATH: pip install -r tests/requirements.txt")
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env() -> dict:
    """os.environ without any AWS_* variable inherited from the developer's shell."""
    return {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}


CLI_ERROR = re.compile(r"An error occurred \(([^)]+)\) when calling the (\w+) operation(?: \([^)]*\))?: (.*)", re.S)


def cli_error(stderr: str) -> tuple[str, str]:
    """(code, message) out of the aws CLI's `An error occurred (Code) when calling ...: msg`."""
    m = CLI_ERROR.search(stderr)
    if not m:
        raise AssertionError(f"the aws CLI did not report an AWS error; stderr was:\n{stderr}")
    return m.group(1), m.group(3).strip()


def client_error(exc: "ClientError") -> tuple[str, str, int]:
    err = exc.response.get("Error", {})
    return err.get("Code"), err.get("Message"), exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")


def expect_client_error(fn, *args, **kwargs) -> tuple[str, str, int]:
    """Call a boto3 operation that must fail with an AWS error; return (code, message, status)."""
    try:
        out = fn(*args, **kwargs)
    except ClientError as e:
        return client_error(e)
    raise AssertionError(f"expected an AWS error, the call succeeded: {out!r}")


def wait_until(pred, timeout: float = 5.0, interval: float = 0.05, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


class TcpServer:
    """A test's TCP server: listens at (host, port), and hands each accepted connection to
    `handle(conn)` on a thread of its own until `close()`. Subclasses write `handle`."""

    def __init__(self, host: str, port: int = 0):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, port))
        self.sock.listen(16)
        self.host, self.port = host, self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle_and_close, args=(c,), daemon=True).start()

    def _handle_and_close(self, c):
        with c:
            self.handle(c)

    def handle(self, conn: socket.socket):
        raise NotImplementedError

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()


def policy(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(action, resource="*", **extra) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action, resource="*", **extra) -> dict:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


# --------------------------------------------------------------------------------------------
# Raw HTTP


@dataclass
class RawResponse:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def error(self) -> tuple[str | None, str | None]:
        """(code, message) from an awsQuery XML error envelope or an awsJson error body."""
        return parse_error(self.body, self.headers)


def _strip_ns(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_error(body: bytes, headers: dict | None = None) -> tuple[str | None, str | None]:
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    text = body.decode("utf-8", "replace").strip()
    if text.startswith("<"):
        root = ET.fromstring(text)
        code = message = None
        for el in root.iter():
            t = _strip_ns(el.tag)
            if t == "Code" and code is None:
                code = (el.text or "").strip()
            elif t == "Message" and message is None:
                message = (el.text or "").strip()
        return code, message
    if text.startswith("{"):
        doc = json.loads(text)
        code = doc.get("__type") or doc.get("code") or headers.get("x-amzn-errortype")
        if code:
            code = code.split("#")[-1].split(":")[0]
        return code, doc.get("message") or doc.get("Message")
    return headers.get("x-amzn-errortype"), None


def parse_xml(body: bytes) -> dict:
    """Flatten a query-protocol XML response into {LocalTag: text} (first occurrence wins)."""
    root = ET.fromstring(body.decode("utf-8"))
    out: dict = {}
    for el in root.iter():
        t = _strip_ns(el.tag)
        if t not in out and el.text and el.text.strip():
            out[t] = el.text.strip()
    return out


def send(endpoint: str, method: str, path: str, body: bytes = b"", headers: dict | None = None,
         timeout: float = 10.0) -> RawResponse:
    """Send exactly these bytes and headers (http.client adds nothing it needn't)."""
    u = urllib.parse.urlsplit(endpoint)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        hdrs = dict(headers or {})
        if not any(k.lower() == "host" for k in hdrs):
            hdrs["Host"] = f"{u.hostname}:{u.port}"
        if body or method in ("POST", "PUT"):
            hdrs.setdefault("Content-Length", str(len(body)))
        for k, v in hdrs.items():
            conn.putheader(k, v)
        conn.endheaders(body if body else None)
        r = conn.getresponse()
        data = r.read()
        return RawResponse(r.status, {k: v for k, v in r.getheaders()}, data)
    finally:
        conn.close()


def send_streaming(endpoint: str, method: str, path: str, body: bytes, headers: dict,
                   timeout: float = 20.0) -> RawResponse:
    """Like send(), but keeps reading while it writes: a server may answer (413, 400...) and close
    before the whole body is sent, as HTTP/1.1 allows. Returns the response the server sent."""
    import select

    u = urllib.parse.urlsplit(endpoint)
    sock = socket.create_connection((u.hostname, u.port), timeout=timeout)
    try:
        hdrs = {"Host": f"{u.hostname}:{u.port}", "Content-Length": str(len(body)), "Connection": "close",
                **headers}
        head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in hdrs.items()) + "\r\n"
        out = memoryview(head.encode("latin-1") + body)
        received = b""
        sent = 0
        deadline = time.monotonic() + timeout
        sock.setblocking(False)
        while time.monotonic() < deadline:
            want_write = [sock] if sent < len(out) else []
            r, w, _ = select.select([sock], want_write, [], 0.5)
            if r:
                try:
                    chunk = sock.recv(65536)
                except (ConnectionResetError, BrokenPipeError):
                    break
                if not chunk:
                    break
                received += chunk
            if w:
                try:
                    sent += sock.send(out[sent:sent + 65536])
                except (BrokenPipeError, ConnectionResetError):
                    sent = len(out)  # the server stopped reading; keep collecting its answer
        if not received:
            raise ConnectionError(f"no response (sent {sent} of {len(out)} bytes)")
        head_bytes, _, rest = received.partition(b"\r\n\r\n")
        lines = head_bytes.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        rh = dict(l.split(": ", 1) for l in lines[1:] if ": " in l)
        return RawResponse(status, rh, rest)
    finally:
        sock.close()


class _FixedClock:
    """Make botocore sign as if the wall clock were shifted by `offset` seconds."""

    def __init__(self, offset: float):
        self.offset = offset

    def __enter__(self):
        import datetime

        self._orig = botocore.auth.get_current_datetime
        offset = self.offset
        orig = self._orig

        def shifted():
            return orig() + datetime.timedelta(seconds=offset)

        botocore.auth.get_current_datetime = shifted
        return self

    def __exit__(self, *exc):
        botocore.auth.get_current_datetime = self._orig
        return False


def shifted_clock(offset_seconds: float) -> _FixedClock:
    return _FixedClock(offset_seconds)


def signed_request(endpoint: str, creds: tuple, body: bytes, service: str = "iam",
                   region: str = DEFAULT_REGION, method: str = "POST", path: str = "/",
                   headers: dict | None = None, streaming: bool = False) -> RawResponse:
    """Sign `body` with SigV4 exactly as botocore would, then send it verbatim."""
    hdrs = {"Content-Type": FORM}
    hdrs.update(headers or {})
    req = AWSRequest(method=method, url=endpoint.rstrip("/") + path, data=body, headers=hdrs)
    SigV4Auth(Credentials(*creds), service, region).add_auth(req)
    out = {k: v for k, v in req.headers.items()}
    if streaming:
        return send_streaming(endpoint, method, path, body, out)
    return send(endpoint, method, path, body, out)


def query_body(params: dict) -> bytes:
    return urllib.parse.urlencode(params).encode()


def presigned_url(endpoint: str, creds: tuple, params: dict, service: str = "sts",
                  region: str = DEFAULT_REGION, expires: int = 300) -> str:
    url = endpoint.rstrip("/") + "/?" + urllib.parse.urlencode(params)
    req = AWSRequest(method="GET", url=url)
    SigV4QueryAuth(Credentials(*creds), service, region, expires=expires).add_auth(req)
    return req.url


# --------------------------------------------------------------------------------------------
# The daemon


KGSPORTS = REPO_ROOT / "target" / "debug" / "kgsports"


def kg_ami_bundle(directory: Path) -> Path:
    """An image bundle of the real KG SPORTS binary (homeground's image format): the boot entry
    listens on the instance's own address, port 80, and keeps its data in `data/`."""
    if not KGSPORTS.exists():
        pytest.fail(f"{KGSPORTS} is missing: build it with `cargo build -p kgsports`", pytrace=False)
    (directory / "rootfs" / "bin").mkdir(parents=True)
    (directory / "rootfs" / "data").mkdir()
    shutil.copy2(KGSPORTS, directory / "rootfs" / "bin" / "kgsports")
    (directory / "homeground-image.json").write_text(json.dumps({
        "boot": ["bin/kgsports", "--listen", "{private_ip}:80", "--data-dir", "data"], "health_port": 80}))
    return directory


def instance_pids_under(data_dir: Path) -> list[int]:
    """Processes whose working directory lies in the region's data dir: its instances (the
    process driver starts every instance in its own root, and instances outlive the daemon)."""
    root = str(Path(data_dir).resolve())
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cwd = os.readlink(f"/proc/{entry}/cwd")
        except OSError:
            continue
        if cwd == root or cwd.startswith(root + "/"):
            pids.append(int(entry))
    return pids


def netns_tag(data_dir: Path) -> str:
    """The tag of a region's network namespaces (`--network isolated`): FNV-1a of its data dir's
    canonical path, as `vnet::tag_for` computes it."""
    h = 0xcbf29ce484222325
    for b in os.path.realpath(data_dir).encode():
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h & 0xffffff:06x}"


def remove_namespaces_of(data_dir: Path):
    """Network namespaces outlive the daemon, as its instances do: a test's region takes its
    own away at teardown."""
    prefix = f"hg{netns_tag(data_dir)}-"
    try:
        names = os.listdir("/run/netns")
    except OSError:
        return
    for name in names:
        if name.startswith(prefix):
            # An instance's processes may have left its directory (sshd runs in /): they are
            # found by the namespace they live in.
            pids = subprocess.run(["ip", "netns", "pids", name], capture_output=True, text=True, timeout=10).stdout
            for pid in pids.split():
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except (ProcessLookupError, ValueError):
                    pass
            subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=10)


def kill_instances_under(data_dir: Path):
    for pid in instance_pids_under(data_dir):
        try:
            os.killpg(os.getpgid(pid), signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

_SESSION = None
_SESSION_LOCK = threading.Lock()


class Region:
    """One `homeground up` process on a free loopback port with its own data directory."""

    def __init__(self, workdir: Path, extra_args=(), region_name: str | None = None, port: int | None = None):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.data_dir = self.workdir / "region"  # does not exist yet: the daemon creates it
        self.port = port or free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.extra_args = list(extra_args)
        self.region_name = region_name or DEFAULT_REGION
        if region_name:
            self.extra_args += ["--region", region_name]
        self.proc: subprocess.Popen | None = None
        # A command the daemon is started through (e.g. `setpriv` to run it as another user).
        self.prefix: list[str] = []
        self.starts = 0
        self._lock = threading.Lock()
        self.stdout_lines: list[str] = []
        self.stderr_lines: list[str] = []
        self.all_stdout: list[str] = []  # across restarts
        self.all_stderr: list[str] = []
        self._ready = threading.Event()
        self._threads: list[threading.Thread] = []

    # -- process control ---------------------------------------------------------------------

    def start(self):
        binary = binary_path()
        if not binary.exists():
            pytest.fail(
                f"homeground binary not found at {binary}: build it with `cargo build -p homeground` "
                f"in {REPO_ROOT} (or set HOMEGROUND_BIN)", pytrace=False)
        assert self.proc is None or self.proc.poll() is not None, "daemon already running"
        self.stdout_lines, self.stderr_lines = [], []
        self._ready = threading.Event()
        cmd = [*self.prefix, str(binary), "up", "--listen", f"127.0.0.1:{self.port}", "--data-dir",
               str(self.data_dir), *self.extra_args]
        self.cmd = cmd
        env = clean_env()
        env.setdefault("RUST_BACKTRACE", "1")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env, cwd=self.workdir)
        self.starts += 1
        self._threads = [
            threading.Thread(target=self._pump, args=(self.proc.stdout, "stdout"), daemon=True),
            threading.Thread(target=self._pump, args=(self.proc.stderr, "stderr"), daemon=True),
        ]
        for t in self._threads:
            t.start()
        deadline = time.monotonic() + READY_TIMEOUT
        while not self._ready.wait(0.05):
            if self.proc.poll() is not None:
                self._join_pumps()
                pytest.fail(f"homeground exited with code {self.proc.returncode} before printing `ready`\n"
                            f"{self.describe()}", pytrace=False)
            if time.monotonic() > deadline:
                self.kill9()
                pytest.fail(f"homeground did not print `ready` within {READY_TIMEOUT}s\n{self.describe()}",
                            pytrace=False)
        self._load_files()
        return self

    def _pump(self, stream, name):
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace")
            with self._lock:
                (self.stdout_lines if name == "stdout" else self.stderr_lines).append(line)
                (self.all_stdout if name == "stdout" else self.all_stderr).append(line)
            if name == "stdout" and "ready" in line:
                self._ready.set()
        stream.close()

    def _join_pumps(self):
        for t in self._threads:
            t.join(timeout=5)

    def describe(self) -> str:
        with self._lock:
            out = "".join(self.stdout_lines[-60:])
            err = "".join(self.stderr_lines[-60:])
        state = "not started" if self.proc is None else (
            "running" if self.proc.poll() is None else f"exited with code {self.proc.returncode}")
        return (f"command: {' '.join(getattr(self, 'cmd', []))} ({state}, pid "
                f"{self.proc.pid if self.proc else '-'})\n--- stdout ---\n{out}\n"
                f"--- stderr (last 60 lines) ---\n{err}")

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, sig=signal.SIGTERM) -> int:
        """Graceful stop; returns the exit code (fails the test if the daemon hangs)."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.kill9()
                pytest.fail(f"homeground did not exit within {STOP_TIMEOUT}s of {sig!r}\n{self.describe()}",
                            pytrace=False)
        self._join_pumps()
        return self.proc.returncode

    def kill9(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self._join_pumps()

    def restart(self):
        code = self.stop()
        assert code == 0, f"homeground exited with {code} on SIGTERM\n{self.describe()}"
        return self.start()

    def close(self):
        self.kill9()
        kill_instances_under(self.data_dir)
        if self.data_dir.exists():
            remove_namespaces_of(self.data_dir)
            # A region's data (instance roots, image roots, database servers' files) runs to
            # hundreds of MB; a whole run's would fill a CI machine's disk. What a failure needs
            # (the daemon's output) is kept in memory and printed by `describe()`. Set
            # HG_KEEP_DATA=1 to keep the directories for a post-mortem.
            if not os.environ.get("HG_KEEP_DATA"):
                shutil.rmtree(self.data_dir, ignore_errors=True)

    def netns(self, resource_id: str) -> str:
        """The network namespace of an instance or VPC (`--network isolated`)."""
        return f"hg{netns_tag(self.data_dir)}-{resource_id}"

    # -- generated files ---------------------------------------------------------------------

    @property
    def credentials_file(self) -> Path:
        return self.data_dir / "credentials"

    @property
    def config_file(self) -> Path:
        return self.data_dir / "config"

    @property
    def audit_log(self) -> Path:
        return self.data_dir / "audit.log"

    def _load_files(self):
        for f in (self.credentials_file, self.config_file):
            if not f.exists():
                pytest.fail(f"homeground is ready but {f} does not exist\n{self.describe()}", pytrace=False)
        cp = configparser.ConfigParser()
        cp.read(self.credentials_file)
        if not cp.has_section("default"):
            pytest.fail(f"{self.credentials_file} has no [default] profile:\n{self.credentials_file.read_text()}")
        self.root = (cp["default"]["aws_access_key_id"].strip(), cp["default"]["aws_secret_access_key"].strip())

    @property
    def env(self) -> dict:
        env = clean_env()
        env["AWS_SHARED_CREDENTIALS_FILE"] = str(self.credentials_file)
        env["AWS_CONFIG_FILE"] = str(self.config_file)
        return env

    def env_for(self, access_key_id: str, secret: str, token: str | None = None) -> dict:
        """The CLI environment for another identity: its key in the env, endpoint/region from config."""
        env = self.env
        env["AWS_ACCESS_KEY_ID"] = access_key_id
        env["AWS_SECRET_ACCESS_KEY"] = secret
        if token:
            env["AWS_SESSION_TOKEN"] = token
        return env

    # -- clients -----------------------------------------------------------------------------

    def _run_cli(self, args, env):
        cmd = [aws_cli(), *[str(a) for a in args], "--output", "json"]
        return subprocess.run(cmd, env=env if env is not None else self.env, capture_output=True, text=True,
                              timeout=60)

    def aws(self, *args, env=None, check=True):
        """Run the real aws CLI; return its parsed JSON output ({} when it prints nothing)."""
        r = self._run_cli(args, env)
        if r.returncode != 0:
            if check:
                pytest.fail(f"`aws {' '.join(map(str, args))}` failed with {r.returncode}:\n{r.stderr}\n"
                            f"daemon:\n{self.describe()}", pytrace=False)
            return None
        return json.loads(r.stdout) if r.stdout.strip() else {}

    def aws_fail(self, *args, env=None) -> tuple[int, str]:
        """Run the aws CLI for a call that must fail; return (returncode, stderr)."""
        r = self._run_cli(args, env)
        if r.returncode == 0:
            raise AssertionError(f"`aws {' '.join(map(str, args))}` was expected to fail but succeeded:\n{r.stdout}")
        return r.returncode, r.stderr

    def client(self, service: str, access_key_id: str | None = None, secret: str | None = None,
               token: str | None = None, region_name: str | None = None, **config):
        """A boto3 client of this region (or of `region_name`, another the daemon serves)."""
        if access_key_id is None:
            access_key_id, secret = self.root
        cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"},
                     connect_timeout=config.pop("connect_timeout", 5),
                     read_timeout=config.pop("read_timeout", 30), **config)
        with _SESSION_LOCK:  # one session: its loaded models make each new client cheap
            global _SESSION
            if _SESSION is None:
                _SESSION = boto3.session.Session()
            session = _SESSION
            return session.client(service, endpoint_url=self.endpoint, region_name=region_name or self.region_name,
                                  aws_access_key_id=access_key_id, aws_secret_access_key=secret,
                                  aws_session_token=token, config=cfg)

    def raw(self, body: bytes, creds: tuple | None = None, **kw) -> RawResponse:
        return signed_request(self.endpoint, creds or self.root, body, region=self.region_name, **kw)

    def audit_records(self) -> list[dict]:
        if not self.audit_log.exists():
            return []
        out = []
        for line in self.audit_log.read_text("utf-8", "replace").splitlines():
            if line.strip():
                out.append(json.loads(line))
        return out

    # -- identity helpers (through boto3, as root unless told) ---------------------------------

    @property
    def account(self) -> str:
        if not hasattr(self, "_account"):
            self._account = self.client("sts").get_caller_identity()["Account"]
        return self._account

    def make_user(self, name: str, policies=(), inline: dict | None = None, groups=(), boundary=None):
        """Create a user with a key; attach managed `policies`, put `inline` {name: doc}; return its key."""
        iam = self.client("iam")
        kwargs = {"UserName": name}
        if boundary:
            kwargs["PermissionsBoundary"] = boundary
        iam.create_user(**kwargs)
        for arn in policies:
            iam.attach_user_policy(UserName=name, PolicyArn=arn)
        for pname, doc in (inline or {}).items():
            iam.put_user_policy(UserName=name, PolicyName=pname, PolicyDocument=doc)
        for g in groups:
            iam.add_user_to_group(GroupName=g, UserName=name)
        key = iam.create_access_key(UserName=name)["AccessKey"]
        return key["AccessKeyId"], key["SecretAccessKey"]
