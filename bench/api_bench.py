#!/usr/bin/env python3
"""API benchmark: homeground beside moto's server, in one run, on loopback only.

What it measures (see docs/benchmarks.md for the reading):

* Signed STS GetCallerIdentity and IAM ListUsers (10 users) at a fixed concurrency, driven by
  `wrk` replaying PRE-SIGNED requests (SigV4 signatures stay valid for 15 minutes and neither
  server rejects replays), so the load generator never signs anything and does not bottleneck.
  Per run: requests/s, p50/p99/max latency (`wrk --latency`), and server CPU per request
  (utime+stime deltas of /proc/<pid>/stat over the measured window, all threads).
  Two placements: "shared" (server and wrk float over both CPUs) and "pinned" (server on CPU 0,
  wrk on CPU 1, via `taskset -a -p`).
* Time from process spawn to the first successful signed GetCallerIdentity (tight raw-socket
  poll): homeground with a fresh data dir and a warm one, and moto_server.
* Resident memory (VmRSS): idle after startup, and idle again after all the load runs.

Correctness first: every pre-signed request is sent once with Python and must answer 200 with
the expected element (<Arn>, or exactly N <UserName>), and every wrk run must report zero
non-2xx/3xx responses and zero socket errors; anything else aborts the benchmark.

It builds nothing: build first with `cargo build --release -p homeground`.
Usage: python3 bench/api_bench.py [--duration 10] [--connections 16] [--threads 2] ...
"""

from __future__ import annotations

import argparse
import configparser
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / "target" / "release" / "homeground"
RESULTS = REPO / "bench" / "results"
REGION = "ap-northeast-2"
FORM = "application/x-www-form-urlencoded; charset=utf-8"
CLK_TCK = os.sysconf("SC_CLK_TCK")

OPS = {
    # name: (service, body, element that must be in a 200 answer)
    "GetCallerIdentity": ("sts", "Action=GetCallerIdentity&Version=2011-06-15", "<Arn>"),
    "ListUsers": ("iam", "Action=ListUsers&Version=2010-05-08", "<UserName>"),
}


def die(msg: str) -> "None":
    print(f"api_bench: {msg}", file=sys.stderr)
    sys.exit(2)


try:
    import boto3
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.config import Config
    from botocore.credentials import Credentials
except ImportError as e:  # pragma: no cover
    die(f"boto3/botocore are needed ({e}): pip install boto3")


# ---------------------------------------------------------------------------------------------
# small helpers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_split(pid: int) -> tuple[int, int]:
    """(utime, stime) of the whole process (all threads), in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        rest = f.read().rsplit(")", 1)[1].split()
    return int(rest[11]), int(rest[12])  # fields 14 and 15 of proc(5)


def cpu_ticks(pid: int) -> int:
    """utime+stime of the whole process (all threads), in clock ticks."""
    return sum(cpu_split(pid))


def machine_busy_s() -> float:
    """CPU-seconds all CPUs spent busy so far (/proc/stat: everything but idle and iowait)."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (v + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def threads_of(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


def sign(op: str, port: int, key: str, secret: str) -> dict:
    """Headers (and body) of a pre-signed POST for `op` to 127.0.0.1:port."""
    service, body, _ = OPS[op]
    url = f"http://127.0.0.1:{port}/"
    req = AWSRequest(method="POST", url=url, data=body, headers={"Content-Type": FORM})
    SigV4Auth(Credentials(key, secret), service, REGION).add_auth(req)
    headers = {"Host": f"127.0.0.1:{port}"}
    for k, v in req.headers.items():
        headers[k] = v
    return {"op": op, "port": port, "body": body, "headers": headers}


def raw_request(signed: dict, timeout: float = 2.0) -> tuple[int, bytes]:
    """One request over a fresh socket (Connection: close, unsigned, so harmless)."""
    body = signed["body"].encode()
    head = "".join(f"{k}: {v}\r\n" for k, v in signed["headers"].items())
    data = (f"POST / HTTP/1.1\r\n{head}Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
    with socket.create_connection(("127.0.0.1", signed["port"]), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        while True:
            c = s.recv(65536)
            if not c:
                break
            chunks.append(c)
    resp = b"".join(chunks)
    m = re.match(rb"HTTP/1\.[01] (\d{3})", resp)
    return (int(m.group(1)) if m else 0), resp


def check(signed: dict, expect_users: int | None = None) -> None:
    status, resp = raw_request(signed)
    element = OPS[signed["op"]][2].encode()
    if status != 200 or element not in resp:
        die(f"{signed['op']} on port {signed['port']} answered {status}, not 200 with {element!r}:\n{resp[:800]!r}")
    if expect_users is not None:
        n = resp.count(b"<UserName>")
        if n != expect_users:
            die(f"ListUsers on port {signed['port']} listed {n} users, expected {expect_users}")


def wait_first_answer(signed: dict, proc: subprocess.Popen, t0: float, timeout: float = 30.0) -> float:
    """Tight poll until the pre-signed GetCallerIdentity answers 200 with <Arn>; seconds since t0."""
    deadline = t0 + timeout
    while True:
        if proc.poll() is not None:
            die(f"server exited with {proc.returncode} before answering")
        try:
            status, resp = raw_request(signed, timeout=1.0)
            if status == 200 and b"<Arn>" in resp:
                return time.perf_counter() - t0
            if status not in (0, 500, 502, 503):
                die(f"first answer was {status}, not 200:\n{resp[:800]!r}")
        except (ConnectionRefusedError, ConnectionResetError, socket.timeout, BrokenPipeError):
            pass
        if time.perf_counter() > deadline:
            die(f"no answer within {timeout}s")
        time.sleep(0.0002)


def read_creds(data_dir: Path) -> tuple[str, str]:
    cp = configparser.ConfigParser()
    cp.read(data_dir / "credentials")
    return cp["default"]["aws_access_key_id"], cp["default"]["aws_secret_access_key"]


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ---------------------------------------------------------------------------------------------
# the servers


class Server:
    name: str
    proc: subprocess.Popen
    port: int
    key: str
    secret: str

    @property
    def pid(self) -> int:
        return self.proc.pid


def spawn_homeground(data_dir: Path, port: int, log: Path, binary: Path = BIN) -> tuple[subprocess.Popen, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "HOMEGROUND_"))}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [str(binary), "up", "--listen", f"127.0.0.1:{port}", "--data-dir", str(data_dir)],
        stdin=subprocess.DEVNULL, stdout=open(log, "ab"), stderr=subprocess.STDOUT, env=env,
    )
    return proc, t0


def homeground_fresh_start(work: Path, i, binary: Path = BIN) -> tuple[float, subprocess.Popen, Path, int]:
    """Spawn on an empty data dir; the root key only exists once it has written credentials."""
    data = work / f"hg-fresh-{i}"
    port = free_port()
    proc, t0 = spawn_homeground(data, port, work / "homeground.log", binary)
    deadline = t0 + 30
    while not (data / "credentials").exists():
        if proc.poll() is not None:
            die(f"homeground exited with {proc.returncode}; see {work / 'homeground.log'}")
        if time.perf_counter() > deadline:
            die("homeground wrote no credentials file within 30 s")
        time.sleep(0.0002)
    key, secret = read_creds(data)
    signed = sign("GetCallerIdentity", port, key, secret)
    return wait_first_answer(signed, proc, t0), proc, data, port


def homeground_warm_start(work: Path, data: Path, binary: Path = BIN) -> tuple[float, subprocess.Popen, int]:
    key, secret = read_creds(data)
    port = free_port()
    signed = sign("GetCallerIdentity", port, key, secret)  # signed before the spawn
    proc, t0 = spawn_homeground(data, port, work / "homeground.log", binary)
    return wait_first_answer(signed, proc, t0), proc, port


def moto_command() -> list[str]:
    exe = Path(sys.executable).with_name("moto_server")
    if exe.exists():  # the console script itself, not a pyenv shim that would add its own start-up
        return [str(exe)]
    found = shutil.which("moto_server")
    if not found:
        die("moto_server is not installed: pip install 'moto[server]'")
    return [found]


def moto_start(work: Path) -> tuple[float, subprocess.Popen, int]:
    port = free_port()
    signed = sign("GetCallerIdentity", port, "testing", "testing")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        moto_command() + ["-H", "127.0.0.1", "-p", str(port)],
        stdin=subprocess.DEVNULL, stdout=open(work / "moto.log", "ab"), stderr=subprocess.STDOUT, env=env,
    )
    return wait_first_answer(signed, proc, t0), proc, port


def create_users(port: int, key: str, secret: str, n: int) -> None:
    iam = boto3.client(
        "iam", region_name=REGION, endpoint_url=f"http://127.0.0.1:{port}",
        aws_access_key_id=key, aws_secret_access_key=secret,
        config=Config(retries={"max_attempts": 1}),
    )
    for i in range(n):
        iam.create_user(UserName=f"bench-user-{i:02d}")


def burst_and_settle(port: int, pid: int, key: str, secret: str, clients: int, seconds: float,
                     settle: float, prefix: str) -> dict:
    """`clients` boto3 clients (threads), each alternating CreateUser with three ListUsers, for
    `seconds`; then the server's thread count once a second for `settle` seconds. Returns the
    count before, the peak, the counts after, and how long until it was back at its count
    before (None: not within `settle`)."""
    before = threads_of(pid)
    stop_at = time.monotonic() + seconds
    errors: list[str] = []
    peak = [before]

    def work(i: int) -> None:
        iam = boto3.client("iam", region_name=REGION, endpoint_url=f"http://127.0.0.1:{port}",
                           aws_access_key_id=key, aws_secret_access_key=secret,
                           config=Config(retries={"max_attempts": 1}, max_pool_connections=2))
        n = 0
        try:
            while time.monotonic() < stop_at:
                if n % 4 == 0:
                    iam.create_user(UserName=f"{prefix}-{i}-{n}")
                else:
                    iam.list_users(MaxItems=20)
                n += 1
        except Exception as e:  # noqa: BLE001 - reported, the run is then worthless
            errors.append(f"{type(e).__name__}: {e}")

    workers = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    for w in workers:
        w.start()
    while any(w.is_alive() for w in workers):
        peak[0] = max(peak[0], threads_of(pid))
        time.sleep(0.2)
    if errors:
        die(f"the burst against port {port} failed: {errors[:3]}")
    ended = time.monotonic()
    after, back = [], None
    while time.monotonic() - ended < settle:
        time.sleep(1.0)
        n = threads_of(pid)
        after.append(n)
        peak[0] = max(peak[0], n)
        if back is None and n <= before:
            back = time.monotonic() - ended
    return {"before": before, "peak": peak[0], "after": after, "back_s": back}


# ---------------------------------------------------------------------------------------------
# wrk

LUA = """-- generated by bench/api_bench.py: replays one pre-signed request
wrk.method = "POST"
wrk.body = {body}
{headers}
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCHJSON {{\\"requests\\":%d,\\"duration_us\\":%d,\\"p50_us\\":%d,\\"p90_us\\":%d,\\"p99_us\\":%d,\\"max_us\\":%d,\\"mean_us\\":%f,\\"connect\\":%d,\\"read\\":%d,\\"write\\":%d,\\"status\\":%d,\\"timeout\\":%d}}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def lua_str(s: str) -> str:
    return json.dumps(s)  # a JSON string literal is a valid Lua string literal for these ASCII values


def write_lua(signed: dict, path: Path) -> None:
    headers = "\n".join(f"wrk.headers[{lua_str(k)}] = {lua_str(v)}" for k, v in signed["headers"].items())
    path.write_text(LUA.format(body=lua_str(signed["body"]), headers=headers))


def run_wrk(script: Path, port: int, server_pid: int, threads: int, conns: int, duration: float,
            wrk_cpus: str | None, out: Path) -> dict:
    cmd = ["wrk", f"-t{threads}", f"-c{conns}", f"-d{max(1, round(duration))}s", "--timeout", "5s", "--latency",
           "-s", str(script), f"http://127.0.0.1:{port}/"]
    if wrk_cpus:
        cmd = ["taskset", "-c", wrk_cpus] + cmd
    c0 = cpu_ticks(server_pid)
    b0 = machine_busy_s()
    w0 = time.perf_counter()
    with open(out, "wb") as f:
        p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT)
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - w0
    c1 = cpu_ticks(server_pid)
    b1 = machine_busy_s()
    text = out.read_text(errors="replace")
    if p.returncode != 0:
        die(f"wrk failed ({p.returncode}):\n{text}")
    m = re.search(r"BENCHJSON (\{.*\})", text)
    if not m:
        die(f"wrk printed no summary:\n{text}")
    r = json.loads(m.group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    r["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    r["socket_errors"] = r["connect"] + r["read"] + r["write"] + r["timeout"]
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    server_cpu_s = (c1 - c0) / CLK_TCK
    r["server_cpu_s"] = server_cpu_s
    r["server_cpu_pct"] = 100.0 * server_cpu_s / wall
    r["cpu_us_per_req"] = server_cpu_s * 1e6 / max(r["requests"], 1)
    wrk_cpu_s = ru.ru_utime + ru.ru_stime
    r["wrk_cpu_pct"] = 100.0 * wrk_cpu_s / wall
    # whatever else ran on the machine meanwhile (other processes, the kernel's own work)
    r["other_cpu_pct"] = max(0.0, 100.0 * ((b1 - b0) - server_cpu_s - wrk_cpu_s) / wall)
    r["raw"] = text
    return r


# ---------------------------------------------------------------------------------------------
# the run


def machine() -> dict:
    model = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    wrk_v = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.splitlines()[:1]
    try:
        import moto
        moto_v = moto.__version__
    except Exception:  # pragma: no cover
        moto_v = "?"
    hg_v = subprocess.run([str(BIN), "--version"], capture_output=True, text=True).stdout.strip()
    git = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    load = open("/proc/loadavg").read().split()[:3]
    built = dt.datetime.fromtimestamp(BIN.stat().st_mtime, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return {"built": built, "load": " ".join(load), "nproc": os.cpu_count(), "cpu": model, "mem": mem, "kernel": platform.release(),
            "wrk": wrk_v[0] if wrk_v else "?", "moto": moto_v, "homeground": hg_v, "git": git,
            "python": platform.python_version()}


def ms(us: float) -> str:
    return f"{us / 1000:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duration", type=int, default=10.0, help="seconds per measured wrk run (default 10)")
    ap.add_argument("--warmup", type=int, default=2.0, help="seconds of unmeasured wrk warm-up per server and op (default 2)")
    ap.add_argument("--connections", type=int, default=16, help="wrk connections, the fixed concurrency (default 16)")
    ap.add_argument("--threads", type=int, default=2, help="wrk threads in the shared placement (default 2; 1 when pinned)")
    ap.add_argument("--users", type=int, default=10, help="IAM users created in each server for ListUsers (default 10)")
    ap.add_argument("--starts", type=int, default=5, help="start-up samples per case (default 5)")
    ap.add_argument("--placement", choices=["both", "shared", "pinned"], default="both")
    ap.add_argument("--baseline", type=Path, default=None,
                    help="an earlier homeground build, measured in the same run as 'homeground-before' (a copy of the data dir)")
    ap.add_argument("--burst-clients", type=int, default=32,
                    help="boto3 clients in the burst after the wrk runs, then threads sampled for 20 s (default 32; 0: skip)")
    ap.add_argument("--burst-seconds", type=float, default=6.0, help="length of the burst (default 6)")
    ap.add_argument("--out", type=Path, default=RESULTS / "latest.md", help="markdown report (default bench/results/latest.md)")
    args = ap.parse_args()
    if not (0 < args.duration <= 120 and 0 <= args.warmup <= 30 and 0 < args.connections <= 512 and 0 < args.starts <= 20):
        die("keep --duration ≤ 120, --warmup ≤ 30, --connections ≤ 512 and --starts ≤ 20")

    if not BIN.exists():
        die(f"{BIN} does not exist: build it first with `cargo build --release -p homeground` (this script builds nothing)")
    if not shutil.which("wrk"):
        die("wrk is not installed: apt-get install -y wrk")
    if args.placement != "shared" and (os.cpu_count() or 1) < 2:
        die("the pinned placement needs 2 CPUs: use --placement shared")
    if not shutil.which("taskset"):
        die("taskset is not installed (util-linux)")

    work = Path(tempfile.mkdtemp(prefix="hg-bench-"))
    procs: list[subprocess.Popen] = []
    try:
        run(args, work, procs)
    finally:
        for p in procs:
            stop(p)
        shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path, procs: list) -> None:
    info = machine()
    print(f"machine: {info['nproc']} CPUs, {info['cpu']}, {info['mem']}; {info['homeground']} ({info['git']}), moto {info['moto']}", flush=True)
    if float(info["load"].split()[0]) > 0.5:
        print(f"WARNING: load average is {info['load']} before the run: other work shares these CPUs, numbers will be noisy", flush=True)

    # -- start-up: homeground fresh and warm, moto --------------------------------------------
    fresh, warm, moto_t = [], [], []
    for i in range(args.starts):
        t, p, data, _ = homeground_fresh_start(work, i)
        fresh.append(t)
        stop(p)
    hg_data = data
    for i in range(args.starts):
        t, p, hg_port = homeground_warm_start(work, hg_data)
        warm.append(t)
        if i < args.starts - 1:
            stop(p)
    hg = p
    procs.append(hg)
    for i in range(args.starts):
        t, p, mport = moto_start(work)
        moto_t.append(t)
        if i < args.starts - 1:
            stop(p)
    moto = p
    procs.append(moto)
    print(f"first answer: homeground fresh {statistics.median(fresh)*1000:.1f} ms, warm {statistics.median(warm)*1000:.1f} ms, moto {statistics.median(moto_t)*1000:.0f} ms (medians of {args.starts})", flush=True)

    time.sleep(1.0)
    rss_start = {"homeground": rss_mib(hg.pid), "moto": rss_mib(moto.pid)}

    # -- same data in both, verified before anything is measured ------------------------------
    hg_key, hg_secret = read_creds(hg_data)
    servers = {
        "homeground": (hg, hg_port, hg_key, hg_secret),
        "moto": (moto, mport, "testing", "testing"),
    }
    if args.baseline:
        # The same kind of region, from the earlier build: a data dir of its own, made by it.
        _t, p0, before_data, _port = homeground_fresh_start(work, "before", args.baseline)
        stop(p0)
        _t, before, before_port = homeground_warm_start(work, before_data, args.baseline)
        procs.append(before)
        b_key, b_secret = read_creds(before_data)
        servers["homeground-before"] = (before, before_port, b_key, b_secret)
        rss_start["homeground-before"] = rss_mib(before.pid)
    signed = {}
    for name, (proc, port, key, secret) in servers.items():
        create_users(port, key, secret, args.users)
        for op in OPS:
            s = sign(op, port, key, secret)
            check(s, expect_users=args.users if op == "ListUsers" else None)
            script = work / f"{name}-{op}.lua"
            write_lua(s, script)
            signed[(name, op)] = (s, script)
    print(f"verified: both servers answer both pre-signed requests with 200 ({args.users} users listed)", flush=True)

    # -- load --------------------------------------------------------------------------------
    placements = ["shared", "pinned"] if args.placement == "both" else [args.placement]
    rows = []
    for placement in placements:
        for name, (proc, port, _k, _s) in servers.items():
            cpus = "0" if placement == "pinned" else "0-%d" % ((os.cpu_count() or 1) - 1)
            subprocess.run(["taskset", "-a", "-p", "-c", cpus, str(proc.pid)], check=True, stdout=subprocess.DEVNULL)
            wrk_cpus = "1" if placement == "pinned" else None
            threads = 1 if placement == "pinned" else args.threads
            for op in OPS:
                s, script = signed[(name, op)]
                if args.warmup > 0:
                    w = run_wrk(script, port, proc.pid, threads, args.connections, args.warmup, wrk_cpus, work / "warmup.txt")
                    if w["non2xx"] or w["socket_errors"]:
                        die(f"warm-up of {name} {op} had errors:\n{w['raw']}")
                r = run_wrk(script, port, proc.pid, threads, args.connections, args.duration, wrk_cpus, work / f"wrk-{placement}-{name}-{op}.txt")
                if r["non2xx"] or r["status"] or r["socket_errors"]:
                    die(f"{name} {op} ({placement}) had {r['non2xx']} non-2xx answers and {r['socket_errors']} socket errors — a benchmark of errors is worthless:\n{r['raw']}")
                check(s, expect_users=args.users if op == "ListUsers" else None)  # still right after the load
                r.update(server=name, op=op, placement=placement, threads=threads)
                rows.append(r)
                print(f"{placement:6} {name:10} {op:17} {r['rps']:9.0f} req/s  p50 {ms(r['p50_us'])} ms  p99 {ms(r['p99_us'])} ms  "
                      f"{r['cpu_us_per_req']:7.1f} µs CPU/req  (server {r['server_cpu_pct']:.0f}% CPU, wrk {r['wrk_cpu_pct']:.0f}%, others {r['other_cpu_pct']:.0f}%)", flush=True)
        # unpin again
        for name, (proc, *_r) in servers.items():
            subprocess.run(["taskset", "-a", "-p", "-c", "0-%d" % ((os.cpu_count() or 1) - 1), str(proc.pid)], check=True, stdout=subprocess.DEVNULL)

    time.sleep(2.0)
    rss_after = {name: rss_mib(proc.pid) for name, (proc, *_r) in servers.items()}
    threads_now = {name: threads_of(proc.pid) for name, (proc, *_r) in servers.items()}

    # -- a burst of SDK clients, then do the threads go back? ----------------------------------
    settle = {}
    if args.burst_clients > 0:
        for name, (proc, port, key, secret) in servers.items():
            b = burst_and_settle(port, proc.pid, key, secret, args.burst_clients, args.burst_seconds, 20.0, f"burst-{name}")
            b["rss_after"] = rss_mib(proc.pid)
            settle[name] = b
            print(f"burst {name}: threads {b['before']} before, peak {b['peak']}, after {b['after']}, "
                  f"back after {b['back_s'] if b['back_s'] is not None else 'never (20 s)'}; RSS {b['rss_after']:.1f} MiB", flush=True)

    report = render(args, info, rows, fresh, warm, moto_t, rss_start, rss_after, threads_now, settle)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report)
    print()
    print(report)
    print(f"(written to {args.out})")


def render(args, info, rows, fresh, warm, moto_t, rss_start, rss_after, threads_now, settle) -> str:
    L = []
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    L.append(f"# API benchmark: homeground beside moto ({now})\n")
    L.append(f"- command: `python3 bench/api_bench.py --duration {args.duration:g} --connections {args.connections} "
             f"--threads {args.threads} --users {args.users} --starts {args.starts} --placement {args.placement} "
             f"--burst-clients {args.burst_clients} --burst-seconds {args.burst_seconds:g}"
             + (f" --baseline {args.baseline}" if args.baseline else "") + "`")
    L.append(f"- machine: {info['nproc']} CPUs, {info['cpu']}, {info['mem']}, Linux {info['kernel']}; load average before the run: {info['load']}")
    L.append(f"- {info['homeground']} (target/release built {info['built']}; git HEAD {info['git']} at the run), moto {info['moto']} (moto_server, Python {info['python']}), {info['wrk']}")
    L.append(f"- load: wrk replaying one pre-signed request, {args.connections} connections, {args.duration:g} s measured after {args.warmup:g} s warm-up; "
             f"every run had 0 non-2xx answers and 0 socket errors; ListUsers returns {args.users} users")
    L.append("- placements: **shared** = server and wrk both float over all CPUs (wrk -t%d); **pinned** = server on CPU 0, wrk -t1 on CPU 1 (`taskset -a -p`)" % args.threads)
    L.append(f"- CPU/req = server utime+stime (/proc/<pid>/stat, all threads) over the run ÷ requests; CPU % columns are of one CPU (the machine has {info['nproc']}); *others* = every other process on the machine during the run (noise)\n")
    L.append("## Throughput and latency\n")
    L.append("| placement | operation | server | req/s | p50 ms | p99 ms | max ms | CPU µs/req | server CPU % | wrk CPU % | others CPU % | × moto req/s |")
    L.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    by = {(r["placement"], r["op"], r["server"]): r for r in rows}
    for r in rows:
        moto_r = by.get((r["placement"], r["op"], "moto"))
        ratio = f"{r['rps'] / moto_r['rps']:.1f}×" if moto_r and r["server"] == "homeground" else ""
        L.append(f"| {r['placement']} | {r['op']} | {r['server']} | {r['rps']:,.0f} | {ms(r['p50_us'])} | {ms(r['p99_us'])} | {ms(r['max_us'])} | "
                 f"{r['cpu_us_per_req']:.1f} | {r['server_cpu_pct']:.0f} | {r['wrk_cpu_pct']:.0f} | {r['other_cpu_pct']:.0f} | {ratio} |")
    L.append("\n## Start-up and memory\n")
    fmt = lambda xs: f"{statistics.median(xs)*1000:.1f} (min {min(xs)*1000:.1f}, max {max(xs)*1000:.1f})"
    L.append(f"| measure | homeground | moto |")
    L.append("|---|---:|---:|")
    L.append(f"| spawn → first signed GetCallerIdentity 200, fresh data dir, ms (median of {len(fresh)}) | {fmt(fresh)} | |")
    L.append(f"| spawn → first signed GetCallerIdentity 200, warm data dir, ms (median of {len(warm)}) | {fmt(warm)} | {fmt(moto_t)} |")
    L.append(f"| idle VmRSS after start-up, MiB | {rss_start['homeground']:.1f} | {rss_start['moto']:.1f} |")
    L.append(f"| idle VmRSS after all load runs, MiB | {rss_after['homeground']:.1f} | {rss_after['moto']:.1f} |")
    L.append(f"| threads after the load runs | {threads_now['homeground']} | {threads_now['moto']} |")
    if settle:
        h, m = settle["homeground"], settle["moto"]
        back = lambda b: f"{b['back_s']:.0f} s" if b["back_s"] is not None else "not within 20 s"
        L.append(f"| burst of {args.burst_clients} boto3 clients ({args.burst_seconds:g} s, CreateUser + ListUsers): threads before / peak | "
                 f"{h['before']} / {h['peak']} | {m['before']} / {m['peak']} |")
        L.append(f"| threads each second after the burst | {', '.join(map(str, h['after']))} | {', '.join(map(str, m['after']))} |")
        L.append(f"| back at the count before the burst after | {back(h)} | {back(m)} |")
        L.append(f"| VmRSS after the burst, MiB | {h['rss_after']:.1f} | {m['rss_after']:.1f} |")
    L.append("\n## Targets\n")
    L.append("| target | result | met? |")
    L.append("|---|---|---|")
    for placement in dict.fromkeys(r["placement"] for r in rows):
        for op in OPS:
            h, m = by.get((placement, op, "homeground")), by.get((placement, op, "moto"))
            if h and m:
                x = h["rps"] / m["rps"]
                L.append(f"| ≥ 20× moto req/s ({op}, {placement}) | {x:.1f}× | {'yes' if x >= 20 else 'NO'} |")
    for r in rows:
        if r["server"] == "homeground":
            L.append(f"| p99 < 5 ms ({r['op']}, {r['placement']}) | {ms(r['p99_us'])} ms | {'yes' if r['p99_us'] < 5000 else 'NO'} |")
    worst = max(max(fresh), max(warm))
    L.append(f"| first answer ≤ 200 ms after start (worst of fresh and warm) | {worst*1000:.1f} ms | {'yes' if worst <= 0.2 else 'NO'} |")
    if settle:
        b = settle["homeground"]
        L.append(f"| threads back at their idle count within 15 s after a burst | "
                 f"{'after %.0f s' % b['back_s'] if b['back_s'] is not None else 'not within 20 s'} | "
                 f"{'yes' if b['back_s'] is not None and b['back_s'] <= 15 else 'NO'} |")
    idle = max(rss_start["homeground"], rss_after["homeground"])
    L.append(f"| idle RSS < 30 MB (worst of after start and after load) | {idle:.1f} MiB ({idle*1.048576:.1f} MB) | {'yes' if idle * 1.048576 < 30 else 'NO'} |")
    for r in rows:
        if r["server"] == "homeground" and r["op"] == "GetCallerIdentity":
            v = r["cpu_us_per_req"]
            L.append(f"| CPU per GetCallerIdentity well under fakecloud's ~80 µs ({r['placement']}) | {v:.1f} µs | "
                     f"{'yes' if v < 40 else ('under, not well under' if v < 80 else 'NO')} |")
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    main()
