#!/usr/bin/env python3
"""EC2 benchmark: instances that really run (process driver), snapshots, and DescribeInstances
over 1,000 instances beside moto's server — one run, loopback only.

What it measures (the reading is in docs/benchmarks.md, section "EC2"):

* **RunInstances → serving.** KG-Ami (a bundle of target/release/kgsports, as in
  tests/e2e/test_ec2_instances.py) is registered; the clock starts just before boto3 sends
  RunInstances and stops at the first HTTP 200 from `GET /health` on each instance's loopback
  address (VPC address a.b.c.d is served at 127.b.c.d), polled every 5 ms by one thread per
  instance. Each 200 must name the instance that answered (guards against another region on this
  shared machine owning the same loopback address). For 1 instance (several samples) and for 20
  (one RunInstances with MinCount=MaxCount=20: first, p50 and last to serve). Phases per instance:
  the RunInstances answer, the boot process's start (/proc/<pid>/stat starttime, 10 ms ticks),
  the first 200.
* **Snapshots.** A 1 GiB volume attached at /dev/sdf to a running instance gets N MiB of random
  data written (and fsync'd) at `<data-dir>/ec2/instances/<id>/root/dev/sdf`; CreateSnapshot →
  State completed (DescribeSnapshots polled every 20 ms) gives MB/s; 4 MiB changed, snapshot
  again; bytes added to `<data-dir>/ec2/snapshots/chunks`; deduplication ratio; CreateVolume from
  the first snapshot → available gives the restore rate (the restored bytes are verified).
* **DescribeInstances over 1,000 instances.** A sleeper image (`exec sleep 100000`), 50
  RunInstances of 20 over the 4 default subnets, all running; then wrk replays one pre-signed
  DescribeInstances (no filters, all 1,000 instances) at fixed concurrency; requests/s, p50/p99,
  server CPU µs per request (/proc/<pid>/stat utime+stime deltas, all threads). The same against
  moto_server holding 1,000 instances. Both answers are checked (status 200, instance count)
  before and after the load. The daemon's idle CPU with 1,000 instances is measured too.

Everything it starts it stops: instances are terminated through the API (and waited for), then,
as a safety net, every process whose cwd is under a benchmark data dir is killed.

It builds nothing: `cargo build --release -p homeground -p kgsports` first.
Usage: python3 bench/ec2_bench.py [--quick] [--perf]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import api_bench as ab  # noqa: E402  (the API benchmark's helpers: servers, signing, wrk, /proc)

from botocore.config import Config  # noqa: E402
import boto3  # noqa: E402

REPO = ab.REPO
HG_BIN = ab.BIN
KGSPORTS = REPO / "target" / "release" / "kgsports"
RESULTS = REPO / "bench" / "results"
REGION = ab.REGION
CLK_TCK = ab.CLK_TCK
MIB = 1 << 20
GIB = 1 << 30
EC2_VERSION = "2016-11-15"
DESCRIBE_BODY = f"Action=DescribeInstances&Version={EC2_VERSION}"
MAX_WINDOW = 240  # seconds: the longest measured wrk window (moto answers 1,000 instances in seconds)
WINDOW_MULT = 24  # a slow server's window: this many times its lone latency (about a dozen answers at 4 connections)


def die(msg: str) -> "None":
    raise BenchError(msg)


class BenchError(Exception):
    pass


def log(msg: str) -> None:
    print(msg, flush=True)


def loadavg() -> str:
    return " ".join(open("/proc/loadavg").read().split()[:3])


def pct(xs: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(xs)
    k = max(0, min(len(s) - 1, int(round(q / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


# ---------------------------------------------------------------------------------------------
# processes of instances (the process driver starts each in its own root; they outlive the daemon)


def instance_pids_under(root: Path) -> list[int]:
    root_s = str(Path(root).resolve())
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cwd = os.readlink(f"/proc/{entry}/cwd")
        except OSError:
            continue
        if cwd == root_s or cwd.startswith(root_s + "/"):
            pids.append(int(entry))
    return pids


def kill_instances_under(root: Path) -> int:
    n = 0
    for pid in instance_pids_under(root):
        try:
            os.killpg(os.getpgid(pid), signal.SIGKILL)
            n += 1
        except (ProcessLookupError, PermissionError):
            pass
    return n


def boot_seconds(pid: int) -> float | None:
    """The process's start, in seconds since boot (CLOCK_BOOTTIME; 1/CLK_TCK resolution)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            rest = f.read().rsplit(")", 1)[1].split()
        return int(rest[19]) / CLK_TCK  # field 22 of proc(5)
    except (OSError, IndexError, ValueError):
        return None


# ---------------------------------------------------------------------------------------------
# homeground


class Homeground:
    def __init__(self, work: Path, name: str):
        self.data = work / name
        self.port = ab.free_port()
        self.log = work / f"{name}.log"
        # Its own metadata-service port: another region on this machine may use 1338 on the same
        # loopback addresses (its default VPC allocates the same ones).
        self.imds_port = ab.free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "HOMEGROUND_"))}
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            [str(HG_BIN), "up", "--listen", f"127.0.0.1:{self.port}", "--data-dir", str(self.data),
             "--imds-port", str(self.imds_port)],
            stdin=subprocess.DEVNULL, stdout=open(self.log, "ab"), stderr=subprocess.STDOUT, env=env)
        deadline = t0 + 30
        while not (self.data / "credentials").exists():
            if self.proc.poll() is not None:
                die(f"homeground exited with {self.proc.returncode}; see {self.log}")
            if time.perf_counter() > deadline:
                die("homeground wrote no credentials file within 30 s")
            time.sleep(0.005)
        self.key, self.secret = ab.read_creds(self.data)
        try:
            ab.wait_first_answer(ab.sign("GetCallerIdentity", self.port, self.key, self.secret), self.proc, t0)
        except SystemExit:
            die(f"homeground did not answer; see {self.log}")
        self.ec2 = client("ec2", self.port, self.key, self.secret)

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def ec2_dir(self) -> Path:
        return self.data / "ec2"

    def root(self, iid: str) -> Path:
        return self.ec2_dir / "instances" / iid / "root"

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        """Terminate what is left through the API, stop the daemon, then kill any leftover."""
        if self.alive():
            try:
                left = [i["InstanceId"] for i in all_instances(self.ec2) if i["State"]["Name"] != "terminated"]
                if left:
                    log(f"cleanup: terminating {len(left)} instances left in {self.data.name}")
                    terminate(self.ec2, left, timeout=120)
            except Exception as e:  # the safety net below still runs
                log(f"cleanup: terminating through the API failed: {e}")
        ab.stop(self.proc)
        n = kill_instances_under(self.data)
        if n:
            log(f"cleanup: killed {n} leftover instance process groups under {self.data}")


def client(service: str, port: int, key: str, secret: str):
    return boto3.session.Session().client(
        service, region_name=REGION, endpoint_url=f"http://127.0.0.1:{port}",
        aws_access_key_id=key, aws_secret_access_key=secret,
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=120),
    )


def all_instances(ec2) -> list[dict]:
    out = []
    for page in ec2.get_paginator("describe_instances").paginate():
        for r in page["Reservations"]:
            out.extend(r["Instances"])
    return out


def terminate(ec2, ids: list[str], timeout: float = 300.0) -> None:
    """TerminateInstances in batches of 100, then wait until every one reports terminated."""
    for i in range(0, len(ids), 100):
        ec2.terminate_instances(InstanceIds=ids[i:i + 100])
    wanted = set(ids)
    deadline = time.monotonic() + timeout
    while True:
        states = {}
        for i in range(0, len(ids), 200):
            for r in ec2.describe_instances(InstanceIds=ids[i:i + 200])["Reservations"]:
                for inst in r["Instances"]:
                    states[inst["InstanceId"]] = inst["State"]["Name"]
        if all(states.get(i) == "terminated" for i in wanted):
            return
        if time.monotonic() > deadline:
            left = sorted(i for i in wanted if states.get(i) != "terminated")
            die(f"{len(left)} instances not terminated within {timeout:.0f} s (e.g. {left[:3]})")
        time.sleep(0.25)


def wait_no_processes(root: Path, timeout: float = 60.0) -> float:
    t0 = time.monotonic()
    while instance_pids_under(root):
        if time.monotonic() - t0 > timeout:
            die(f"instance processes still run under {root} {timeout:.0f} s after termination")
        time.sleep(0.1)
    return time.monotonic() - t0


def register_bundle(hg: Homeground, work: Path, name: str, manifest: dict, files: dict[str, tuple[Path | bytes, int]],
                    dirs: tuple[str, ...] = ()) -> str:
    bundle = work / f"bundle-{name}"
    (bundle / "rootfs").mkdir(parents=True)
    for d in dirs:
        (bundle / "rootfs" / d).mkdir(parents=True, exist_ok=True)
    for rel, (src, mode) in files.items():
        dst = bundle / "rootfs" / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(src, Path):
            shutil.copy2(src, dst)
        else:
            dst.write_bytes(src)
        os.chmod(dst, mode)
    (bundle / "homeground-image.json").write_text(json.dumps(manifest))
    return hg.ec2.register_image(Name=name, ImageLocation=str(bundle))["ImageId"]


def register_kg_ami(hg: Homeground, work: Path) -> str:
    """As tests/e2e/test_ec2_instances.py bundles it: rootfs/bin/kgsports and an empty rootfs/data."""
    return register_bundle(hg, work, "KG-Ami", {
        "boot": ["bin/kgsports", "--listen", "{private_ip}:80", "--data-dir", "data"], "health_port": 80},
        {"bin/kgsports": (KGSPORTS, 0o755)}, dirs=("data",))


def busy_loopback_octets() -> set[int]:
    """Second octets of 127.x.y.z addresses something on this machine listens on (/proc/net/tcp)."""
    out = set()
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        f = line.split()
        if f[3] != "0A":  # LISTEN
            continue
        ip = int(f[1].split(":")[0], 16).to_bytes(4, "little")
        if ip[0] == 127:
            out.add(ip[1])
    return out


def private_subnet(ec2) -> tuple[str, str]:
    """A VPC of the benchmark's own, 10.X.0.0/16 with X chosen so that nothing listens on
    127.X.*.*: the KG instances bind <address>:80, and other regions on this shared machine put
    theirs in 172.31.0.0/16 (127.31.*.*)."""
    busy = busy_loopback_octets()
    x = next((o for o in range(211, 251) if o not in busy), None)
    if x is None:
        die("no free 127.X.0.0/16 range for the benchmark's VPC")
    vpc = ec2.create_vpc(CidrBlock=f"10.{x}.0.0/16")["Vpc"]["VpcId"]
    sub = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{x}.0.0/24", AvailabilityZone=f"{REGION}a")["Subnet"]["SubnetId"]
    return sub, f"10.{x}.0.0/24"


def default_subnets(ec2) -> list[tuple[str, str]]:
    subs = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]
    return sorted((s["AvailabilityZone"], s["SubnetId"]) for s in subs)


def loopback(private_ip: str) -> str:
    _, b, c, d = private_ip.split(".")
    return f"127.{b}.{c}.{d}"


# ---------------------------------------------------------------------------------------------
# RunInstances → serving


def poll_serving(targets: dict[str, str], t0: float, timeout: float, ec2=None) -> tuple[dict[str, float], dict[str, str]]:
    """({instance id: seconds from t0 to its first 200 on GET /health}, {instance id: why it never
    will}); one poller thread per instance. With `ec2`, the instances' states are read every
    0.5 s so that a launch that failed (terminated, stopped) is reported instead of waited for."""
    got: dict[str, float] = {}
    failed: dict[str, str] = {}
    errors: list[str] = []
    stop = {iid: threading.Event() for iid in targets}

    def poll(iid: str, ip: str) -> None:
        deadline = t0 + timeout
        while time.perf_counter() < deadline and not stop[iid].is_set():
            try:
                c = http.client.HTTPConnection(ip, 80, timeout=1.0)
                c.request("GET", "/health")
                r = c.getresponse()
                body = r.read()
                c.close()
                if r.status == 200:
                    t = time.perf_counter() - t0
                    if iid.encode() not in body:
                        errors.append(f"{ip}:80 answered 200 for another instance (not {iid}): {body[:200]!r} — "
                                      "another region on this machine owns the address?")
                        return
                    got[iid] = t
                    return
            except OSError:
                pass
            time.sleep(0.005)

    threads = [threading.Thread(target=poll, args=(iid, ip), daemon=True) for iid, ip in targets.items()]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        if ec2 is not None:
            waiting = [i for i in targets if i not in got and i not in failed]
            if waiting:
                for r in ec2.describe_instances(InstanceIds=waiting)["Reservations"]:
                    for inst in r["Instances"]:
                        if inst["State"]["Name"] in ("terminated", "shutting-down", "stopped", "stopping"):
                            failed[inst["InstanceId"]] = (inst.get("StateReason") or {}).get("Message", inst["State"]["Name"])
                            stop[inst["InstanceId"]].set()
        for t in threads:
            t.join(0.5 / len(threads))
    if errors:
        die(errors[0])
    missing = sorted(set(targets) - set(got) - set(failed))
    if missing:
        die(f"{len(missing)} of {len(targets)} instances did not serve /health within {timeout:.0f} s: {missing[:3]}")
    return got, failed


def fms(x: float | None) -> str:
    return "—" if x is None else f"{x * 1000:.0f}"


def failures_note(r: dict) -> str:
    if not r["failed"]:
        return ""
    reasons = sorted(set(short_reason(m) for m in r["failed"].values()))
    return f"; LAUNCH FAILED for {len(r['failed'])}: {'; '.join(reasons)}"


def short_reason(msg: str) -> str:
    """'…cannot be started: Text file busy (os error 26)' → 'cannot be started: Text file busy (os error 26)'."""
    m = re.search(r"(cannot be started: .*|could not be .*)$", msg)
    return m.group(1) if m else msg[-100:]


def serving_run(hg: Homeground, ami: str, subnet: str, count: int) -> dict:
    t_boot0 = time.clock_gettime(time.CLOCK_BOOTTIME)
    t0 = time.perf_counter()
    resp = hg.ec2.run_instances(ImageId=ami, InstanceType="t2.micro", MinCount=count, MaxCount=count, SubnetId=subnet)
    t_api = time.perf_counter() - t0
    insts = resp["Instances"]
    if len(insts) != count:
        die(f"RunInstances launched {len(insts)} instances, not {count}")
    targets = {i["InstanceId"]: loopback(i["PrivateIpAddress"]) for i in insts}
    served, failed = poll_serving(targets, t0, timeout=60.0, ec2=hg.ec2)
    spawned = {}
    for iid in served:
        starts = [s for s in (boot_seconds(p) for p in instance_pids_under(hg.root(iid))) if s is not None]
        if starts:
            spawned[iid] = min(starts) - t_boot0
    ids = list(targets)
    t1 = time.perf_counter()
    terminate(hg.ec2, ids, timeout=120)
    for iid in ids:
        wait_no_processes(hg.root(iid).parent, timeout=30)
    t_term = time.perf_counter() - t1
    times = sorted(served.values())
    return {"count": count, "api": t_api, "served": times, "failed": failed,
            "first": times[0] if times else None, "p50": pct(times, 50) if times else None,
            "last": times[-1] if len(times) == count else None,
            "last_served": times[-1] if times else None,
            "spawn_first": min(spawned.values()) if spawned else None,
            "spawn_last": max(spawned.values()) if spawned else None, "terminate": t_term}


# ---------------------------------------------------------------------------------------------
# snapshots


def store_bytes(hg: Homeground) -> int:
    chunks = hg.ec2_dir / "snapshots" / "chunks"
    if not chunks.exists():
        return 0
    return sum(f.stat().st_size for f in chunks.rglob("*") if f.is_file())


def wait_snapshot(hg: Homeground, sid: str, timeout: float = 600.0) -> tuple[float, dict]:
    t0 = time.perf_counter()
    while True:
        s = hg.ec2.describe_snapshots(SnapshotIds=[sid])["Snapshots"][0]
        if s["State"] == "completed":
            return time.perf_counter(), s
        if s["State"] == "error":
            die(f"snapshot {sid} failed: {s.get('StateMessage')}")
        if time.perf_counter() - t0 > timeout:
            die(f"snapshot {sid} not completed within {timeout:.0f} s")
        time.sleep(0.02)


def wait_volume(hg: Homeground, vid: str, timeout: float = 600.0) -> float:
    t0 = time.perf_counter()
    while True:
        v = hg.ec2.describe_volumes(VolumeIds=[vid])["Volumes"][0]
        if v["State"] == "available":
            return time.perf_counter()
        if v["State"] == "error":
            die(f"volume {vid} ended in error")
        if time.perf_counter() - t0 > timeout:
            die(f"volume {vid} not available within {timeout:.0f} s")
        time.sleep(0.02)


def write_random(path: Path, offset: int, length: int, h=None) -> None:
    with open(path, "r+b") as f:
        f.seek(offset)
        left = length
        while left:
            block = os.urandom(min(4 * MIB, left))
            if h is not None:
                h.update(block)
            f.write(block)
            left -= len(block)
        f.flush()
        os.fsync(f.fileno())


def sha_of(path: Path, length: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        left = length
        while left:
            b = f.read(min(8 * MIB, left))
            if not b:
                break
            h.update(b)
            left -= len(b)
    return h.hexdigest()


def snapshot_run(hg: Homeground, ami: str, subnet: str, data_mib: int, change_mib: int) -> dict:
    inst = hg.ec2.run_instances(ImageId=ami, InstanceType="t2.micro", MinCount=1, MaxCount=1,
                                SubnetId=subnet)["Instances"][0]
    iid, zone = inst["InstanceId"], inst["Placement"]["AvailabilityZone"]
    _, failed = poll_serving({iid: loopback(inst["PrivateIpAddress"])}, time.perf_counter(), 60.0, ec2=hg.ec2)
    if failed:
        die(f"the snapshot benchmark's instance did not boot: {failed[iid]}")
    vid = hg.ec2.create_volume(AvailabilityZone=zone, Size=1)["VolumeId"]
    hg.ec2.attach_volume(VolumeId=vid, InstanceId=iid, Device="/dev/sdf")
    dev = hg.root(iid) / "dev" / "sdf"
    if not dev.exists():
        die(f"the attached volume does not appear at {dev}")
    h = hashlib.sha256()
    write_random(dev, 0, data_mib * MIB, h)
    original = h.hexdigest()

    before = store_bytes(hg)
    t0 = time.perf_counter()
    s1 = hg.ec2.create_snapshot(VolumeId=vid, Description="bench full")["SnapshotId"]
    t1, snap1 = wait_snapshot(hg, s1)
    after1 = store_bytes(hg)

    write_random(dev, data_mib * MIB // 3, change_mib * MIB)  # a changed region inside the data
    t2 = time.perf_counter()
    s2 = hg.ec2.create_snapshot(VolumeId=vid, Description="bench incremental")["SnapshotId"]
    t3, snap2 = wait_snapshot(hg, s2)
    after2 = store_bytes(hg)

    t4 = time.perf_counter()
    rvid = hg.ec2.create_volume(AvailabilityZone=zone, SnapshotId=s1)["VolumeId"]
    t5 = wait_volume(hg, rvid)
    hg.ec2.attach_volume(VolumeId=rvid, InstanceId=iid, Device="/dev/sdg")
    if sha_of(hg.root(iid) / "dev" / "sdg", data_mib * MIB) != original:
        die("the volume restored from the first snapshot differs from what was written")

    terminate(hg.ec2, [iid], timeout=60)
    wait_no_processes(hg.root(iid).parent, timeout=30)
    logical1 = snap1.get("FullSnapshotSizeInBytes") or GIB
    logical2 = snap2.get("FullSnapshotSizeInBytes") or GIB
    return {
        "data_mib": data_mib, "change_mib": change_mib, "volume_bytes": GIB,
        "full_s": t1 - t0, "incr_s": t3 - t2, "restore_s": t5 - t4,
        "added1": after1 - before, "added2": after2 - after1, "stored": after2 - before,
        "logical1": logical1, "logical2": logical2,
    }


# ---------------------------------------------------------------------------------------------
# DescribeInstances over N instances (wrk replaying one pre-signed request)


def sign_ec2(port: int, key: str, secret: str, body: str = DESCRIBE_BODY) -> dict:
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    req = AWSRequest(method="POST", url=f"http://127.0.0.1:{port}/", data=body, headers={"Content-Type": ab.FORM})
    SigV4Auth(Credentials(key, secret), "ec2", REGION).add_auth(req)
    headers = {"Host": f"127.0.0.1:{port}"}
    headers.update(req.headers.items())
    return {"op": "DescribeInstances", "port": port, "body": body, "headers": headers}


def check_describe(signed: dict, n: int, who: str) -> int:
    status, resp = ab.raw_request(signed, timeout=60.0)
    count = resp.count(b"<instanceId>")
    if status != 200 or count != n:
        die(f"{who} DescribeInstances answered {status} with {count} instances, not 200 with {n}:\n{resp[:600]!r}")
    head, _, body = resp.partition(b"\r\n\r\n")
    return len(body)


def run_wrk(script: Path, port: int, pid: int, threads: int, conns: int, duration: float, out: Path,
            timeout_s: int = 30, measured: bool = True) -> dict:
    """api_bench.run_wrk's measurement, with a longer per-request timeout (moto takes seconds here)."""
    cmd = ["wrk", f"-t{threads}", f"-c{conns}", f"-d{max(1, round(duration))}s", "--timeout", f"{timeout_s}s",
           "--latency", "-s", str(script), f"http://127.0.0.1:{port}/"]
    c0, b0, w0 = ab.cpu_ticks(pid), ab.machine_busy_s(), time.perf_counter()
    with open(out, "wb") as f:
        p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT)
        _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - w0
    c1, b1 = ab.cpu_ticks(pid), ab.machine_busy_s()
    text = out.read_text(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        die(f"wrk failed:\n{text}")
    m = re.search(r"BENCHJSON (\{.*\})", text)
    if not m:
        die(f"wrk printed no summary:\n{text}")
    r = json.loads(m.group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    r["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    r["socket_errors"] = r["connect"] + r["read"] + r["write"] + r["timeout"]
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    cpu_s = (c1 - c0) / CLK_TCK
    wrk_cpu = ru.ru_utime + ru.ru_stime
    r.update(server_cpu_s=cpu_s, server_cpu_pct=100.0 * cpu_s / wall, cpu_us_per_req=cpu_s * 1e6 / max(r["requests"], 1),
             wrk_cpu_pct=100.0 * wrk_cpu / wall, other_cpu_pct=max(0.0, 100.0 * ((b1 - b0) - cpu_s - wrk_cpu) / wall),
             wall=wall, raw=text)
    if r["non2xx"] or r["status"] or r["socket_errors"]:
        die(f"wrk saw {r['non2xx']} non-2xx answers and {r['socket_errors']} socket errors:\n{text}")
    if measured and r["requests"] < 5:
        die(f"only {r['requests']} requests completed: too few for percentiles\n{text}")
    return r


def idle_cpu_pct(pid: int, seconds: float) -> float:
    c0, t0 = ab.cpu_ticks(pid), time.perf_counter()
    time.sleep(seconds)
    return 100.0 * (ab.cpu_ticks(pid) - c0) / CLK_TCK / (time.perf_counter() - t0)


def measure_describe(name: str, port: int, pid: int, key: str, secret: str, n: int, first_id: str, args, work: Path) -> dict:
    signed = sign_ec2(port, key, secret)
    alone = []
    for _ in range(3):  # one request at a time, also the correctness check
        t0 = time.perf_counter()
        size = check_describe(signed, n, name)
        alone.append(time.perf_counter() - t0)
    single = statistics.median(alone)
    # The same call asking for one instance by id: what the full list costs even when it is not wanted.
    one_id = sign_ec2(port, key, secret, body=f"{DESCRIBE_BODY}&InstanceId.1={first_id}")
    by_id = []
    for _ in range(3):
        t0 = time.perf_counter()
        status, resp = ab.raw_request(one_id, timeout=60.0)
        by_id.append(time.perf_counter() - t0)
        if status != 200 or resp.count(b"<instanceId>") != 1:
            die(f"{name} DescribeInstances(InstanceId.1={first_id}) answered {status}:\n{resp[:600]!r}")
    script = work / f"{name}-describe.lua"
    ab.write_lua(signed, script)
    idle = idle_cpu_pct(pid, args.idle)
    # A server that needs seconds per answer gets a longer window (≥ ~12 answers at this
    # concurrency) and a per-request timeout to match; the same rule for both servers.
    duration = max(args.duration, min(MAX_WINDOW, int(WINDOW_MULT * single * max(1, args.connections / 4)) + 1))
    timeout_s = max(30, int(10 * single * args.connections) + 1)
    if args.warmup and single < 1.0:
        run_wrk(script, port, pid, args.threads, args.connections, args.warmup, work / f"{name}-warmup.txt", timeout_s, measured=False)
    r = run_wrk(script, port, pid, args.threads, args.connections, duration, work / f"{name}-wrk.txt", timeout_s)
    check_describe(signed, n, name)  # still right after the load
    r.update(server=name, bytes=size, idle_cpu_pct=idle, load=loadavg(), alone_ms=single * 1000, by_id_ms=statistics.median(by_id) * 1000,
             window=duration)
    log(f"{name:10} DescribeInstances({n}) {r['rps']:8.2f} req/s  p50 {ab.ms(r['p50_us'])} ms  p99 {ab.ms(r['p99_us'])} ms  "
        f"({r['requests']} requests in {duration} s; alone {single * 1000:.1f} ms)  "
        f"{r['cpu_us_per_req']:9.0f} µs CPU/req  ({size / 1e6:.2f} MB/answer; server {r['server_cpu_pct']:.0f}% CPU, "
        f"wrk {r['wrk_cpu_pct']:.0f}%, others {r['other_cpu_pct']:.0f}%; idle before {idle:.1f}% CPU)")
    if args.perf and name == "homeground" and shutil.which("perf"):
        r["perf"] = perf_profile(script, port, pid, args, work)
    return r


def perf_profile(script: Path, port: int, pid: int, args, work: Path) -> str:
    """An extra, unmeasured wrk run under `perf record -g` of the daemon; the top symbols."""
    data = work / "perf.data"
    # DWARF call graphs: the release build keeps line tables but no frame pointers.
    rec = subprocess.Popen(["perf", "record", "-F", "199", "--call-graph", "dwarf,16384", "-p", str(pid), "-o", str(data),
                            "--", "sleep", str(args.duration)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.3)
        run_wrk(script, port, pid, args.threads, args.connections, max(1, args.duration - 1), work / "perf-wrk.txt",
                measured=False)
    finally:
        rec.wait(timeout=args.duration + 30)
    out = RESULTS / "ec2-perf-describe.txt"
    rep = subprocess.run(["perf", "report", "-i", str(data), "--no-children", "--stdio", "--percent-limit", "0.7",
                          "-g", "none", "--sort", "sym"], capture_output=True, text=True)
    comm = subprocess.run(["perf", "report", "-i", str(data), "--no-children", "--stdio", "--sort", "comm",
                           "-g", "none"], capture_output=True, text=True)
    incl = subprocess.run(["perf", "report", "-i", str(data), "--children", "--stdio", "--percent-limit", "1.5",
                           "-g", "none", "--sort", "sym"], capture_output=True, text=True)
    # Inclusive time of homeground's own functions (and the allocator), without the runtime's frames.
    ours = re.compile(r"\] (ec2::|wire::|gateway::|store::|iam::|sigv4::|blockstore::|compute::|serde|rusqlite|sqlite3_step|"
                      r"_int_malloc|_int_free|malloc|cfree|__memmove|core::ptr::drop_in_place<serde_json)")
    incl_lines = [l.rstrip()[:200] for l in incl.stdout.splitlines() if ours.search(l) and "(inlined)" not in l][:45]
    RESULTS.mkdir(parents=True, exist_ok=True)
    out.write_text("# perf: homeground under DescribeInstances load (all instances listed), by thread name\n"
                   + "\n".join(l for l in comm.stdout.splitlines() if "%" in l and not l.startswith("#")) +
                   "\n\n# homeground's functions, inclusive of what they call (children %, self %)\n" + "\n".join(incl_lines) +
                   "\n\n# by symbol (self time)\n"
                   + "\n".join(l.rstrip()[:160] for l in rep.stdout.splitlines() if "%" in l and not l.startswith("#")) + "\n")
    log(f"perf profile written to {out}")
    return str(out.relative_to(REPO))


def launch_many(hg: Homeground, ami: str, n: int) -> dict:
    """n running instances from RunInstances of 20 over the default subnets. A launch the
    controller fails (terminated with Server.InternalError) is counted and replaced, so that n
    run; the failed ones stay visible (terminated) in DescribeInstances, as on AWS."""
    subnets = [s for _, s in default_subnets(hg.ec2)]
    if not subnets:
        die("no default subnets")
    calls = 0

    def launch(k: int) -> None:
        nonlocal calls
        while k > 0:
            c = min(20, k)
            hg.ec2.run_instances(ImageId=ami, InstanceType="t2.nano", MinCount=c, MaxCount=c,
                                 SubnetId=subnets[calls % len(subnets)])
            calls += 1
            k -= c

    t0 = time.perf_counter()
    launch(n)
    t_launch = time.perf_counter() - t0
    failed: dict[str, str] = {}
    deadline = time.monotonic() + 600
    rounds = 0
    while True:
        insts = all_instances(hg.ec2)
        by = {}
        for i in insts:
            by.setdefault(i["State"]["Name"], []).append(i)
        for i in by.get("terminated", []):
            failed[i["InstanceId"]] = (i.get("StateReason") or {}).get("Message", "terminated")
        if by.get("stopped") or by.get("stopping"):
            i = (by.get("stopped") or by.get("stopping"))[0]
            die(f"an instance stopped instead of running: {i['InstanceId']} {i.get('StateReason')}")
        running, pending = len(by.get("running", [])), len(by.get("pending", []))
        if running == n and not by.get("shutting-down"):
            break
        if not by.get("shutting-down") and running + pending < n:
            rounds += 1
            if rounds > 20:
                die(f"after 20 rounds of replacing failed launches only {running} of {n} instances run")
            launch(n - running - pending)
        if time.monotonic() > deadline:
            die(f"only {running} of {n} instances running after 600 s")
        time.sleep(1.0)
    t_running = time.perf_counter() - t0
    procs = len(instance_pids_under(hg.ec2_dir))
    if procs < n:
        die(f"{n} instances report running but only {procs} processes run under {hg.ec2_dir}")
    ids = [i["InstanceId"] for i in by["running"]]
    return {"ids": ids, "launch": t_launch, "running": t_running, "failed": failed, "calls": calls, "visible": len(insts)}


def moto_instances(port: int, n: int) -> float:
    ec2 = client("ec2", port, "testing", "testing")
    images = ec2.describe_images(Owners=["amazon"])["Images"]
    ami = images[0]["ImageId"] if images else "ami-12c6146b"
    subnets = [s for _, s in default_subnets(ec2)] or [None]
    t0 = time.perf_counter()
    made = 0
    i = 0
    while made < n:
        k = min(100, n - made)
        kw = {"SubnetId": subnets[i % len(subnets)]} if subnets[0] else {}
        made += len(ec2.run_instances(ImageId=ami, InstanceType="t2.nano", MinCount=k, MaxCount=k, **kw)["Instances"])
        i += 1
    return time.perf_counter() - t0


# ---------------------------------------------------------------------------------------------
# the run


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smoke run: fewer samples, 100 instances, 32 MiB, 3 s of load")
    ap.add_argument("--single", type=int, default=5, help="samples of RunInstances(1) → serving (default 5)")
    ap.add_argument("--twenty", type=int, default=3, help="samples of RunInstances(20) → serving (default 3)")
    ap.add_argument("--instances", type=int, default=1000, help="instances for DescribeInstances (default 1000; multiple of 20)")
    ap.add_argument("--data-mib", type=int, default=256, help="MiB of random data written before the first snapshot (default 256)")
    ap.add_argument("--change-mib", type=int, default=4, help="MiB changed before the second snapshot (default 4)")
    ap.add_argument("--duration", type=int, default=10, help="seconds of measured wrk load per server (default 10)")
    ap.add_argument("--warmup", type=int, default=2, help="seconds of unmeasured warm-up (default 2)")
    ap.add_argument("--connections", type=int, default=4, help="wrk connections (default 4)")
    ap.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    ap.add_argument("--idle", type=float, default=5.0, help="seconds the idle CPU of each server is measured (default 5)")
    ap.add_argument("--perf", action="store_true", help="also profile homeground under the DescribeInstances load with perf")
    ap.add_argument("--bin-dir", type=Path, default=REPO / "target" / "release",
                    help="where homeground and kgsports were built (default target/release)")
    ap.add_argument("--built-from", default=None, help="the commit the binaries were built from, for the report "
                    "(default: this checkout's HEAD)")
    ap.add_argument("--rerender", type=Path, default=None, metavar="JSON",
                    help="only render the markdown again from a run's .json (no measuring)")
    ap.add_argument("--out", type=Path, default=None, help="markdown report (default bench/results/ec2-latest.md; -quick.md with --quick)")
    args = ap.parse_args()
    if args.quick:
        args.single, args.twenty, args.instances, args.data_mib, args.duration, args.idle = 1, 1, 100, 32, 3, 2.0
    if args.out is None:
        args.out = RESULTS / ("ec2-quick.md" if args.quick else "ec2-latest.md")
    if not (1 <= args.single <= 20 and 1 <= args.twenty <= 10 and 20 <= args.instances <= 2000 and args.instances % 20 == 0
            and 1 <= args.data_mib <= 900 and 1 <= args.change_mib <= args.data_mib and 1 <= args.duration <= 60
            and 0 <= args.warmup <= 30 and 1 <= args.connections <= 64 and 1 <= args.threads <= args.connections):
        ap.error("out of range: --single 1..20, --twenty 1..10, --instances 20..2000 (×20), --data-mib 1..900, "
                 "--duration 1..60, --connections 1..64")

    if args.rerender:
        raw = json.loads(args.rerender.read_text())
        a = raw["args"]
        ns = argparse.Namespace(
            quick=a["quick"] == "True", perf=a["perf"] == "True", bin_dir=Path(a["bin_dir"]),
            built_from=None if a["built_from"] == "None" else a["built_from"],
            **{k: int(a[k]) for k in ("single", "twenty", "data_mib", "change_mib", "threads", "connections",
                                      "duration", "warmup")}, idle=float(a["idle"]))
        report = render(ns, raw["info"], raw["single"], raw["twenty"], raw["snapshots"], raw["describe"],
                        raw["instances"], raw["listed"])
        args.out.write_text(report)
        print(report)
        return 0

    global HG_BIN, KGSPORTS
    HG_BIN = args.bin_dir.resolve() / "homeground"
    KGSPORTS = args.bin_dir.resolve() / "kgsports"
    ab.BIN = HG_BIN  # api_bench.machine() asks it for --version
    for p, how in ((HG_BIN, "cargo build --release -p homeground"), (KGSPORTS, "cargo build --release -p kgsports")):
        if not p.exists():
            print(f"ec2_bench: {p} does not exist: build it first with `{how}` (this script builds nothing)", file=sys.stderr)
            return 2
    for tool in ("wrk",):
        if not shutil.which(tool):
            print(f"ec2_bench: {tool} is not installed", file=sys.stderr)
            return 2

    # A SIGTERM or SIGINT still runs the cleanup below.
    def on_signal(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")
    signal.signal(signal.SIGTERM, on_signal)

    work = Path(tempfile.mkdtemp(prefix="hg-ec2-bench-"))
    open_servers: list = []
    try:
        run(args, work, open_servers)
        return 0
    except BenchError as e:
        print(f"ec2_bench: FAILED: {e}", file=sys.stderr)
        return 1
    finally:
        for s in reversed(open_servers):
            try:
                s.close() if isinstance(s, Homeground) else ab.stop(s)
            except Exception as e:  # keep cleaning
                print(f"cleanup error: {e}", file=sys.stderr)
        for d in work.iterdir() if work.exists() else []:
            kill_instances_under(d)
        shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path, open_servers: list) -> None:
    info = ab.machine()
    kg_size = KGSPORTS.stat().st_size
    info["load_start"] = loadavg()
    if args.built_from:
        info["git"] = args.built_from
    info["bin_dir"] = str(args.bin_dir)
    info["fs"] = subprocess.run(["df", "--output=fstype", str(work)], capture_output=True, text=True).stdout.split()[-1]
    log(f"machine: {info['nproc']} CPUs, {info['cpu']}, {info['mem']}; {info['homeground']} ({info['git']}), "
        f"moto {info['moto']}; load average {info['load_start']}; work dir {work} ({info['fs']})")

    # -- 1. RunInstances → serving, 1 and 20 -----------------------------------------------------
    hg = Homeground(work, "hg-serve")
    open_servers.append(hg)
    ami = register_kg_ami(hg, work)
    subnet, cidr = private_subnet(hg.ec2)
    info["cidr"] = cidr
    log(f"KG-Ami {ami}; instances go to subnet {subnet} ({cidr}, served at 127.{cidr.split('.')[1]}.0.*)")
    single, twenty = [], []
    for i in range(args.single):
        r = serving_run(hg, ami, subnet, 1)
        single.append(r)
        log(f"RunInstances(1) #{i + 1}: API {fms(r['api'])} ms, process start {fms(r['spawn_first'])} ms, "
            f"serving {fms(r['first'])} ms; terminated in {fms(r['terminate'])} ms{failures_note(r)}")
    for i in range(args.twenty):
        r = serving_run(hg, ami, subnet, 20)
        twenty.append(r)
        log(f"RunInstances(20) #{i + 1}: API {fms(r['api'])} ms, processes start {fms(r['spawn_first'])}–"
            f"{fms(r['spawn_last'])} ms, serving first {fms(r['first'])} / p50 {fms(r['p50'])} / "
            f"all {fms(r['last'])} ms ({len(r['served'])} of 20 served, last at {fms(r['last_served'])} ms); "
            f"terminated in {fms(r['terminate'])} ms{failures_note(r)}")

    # -- 2. snapshots --------------------------------------------------------------------------
    snap = snapshot_run(hg, ami, subnet, args.data_mib, args.change_mib)
    log(f"snapshots: full {snap['full_s']:.2f} s, incremental {snap['incr_s']:.2f} s, restore {snap['restore_s']:.2f} s; "
        f"stored {snap['added1'] / MIB:.1f} + {snap['added2'] / MIB:.2f} MiB")
    hg.close()
    open_servers.remove(hg)

    # -- 3. DescribeInstances over N instances: homeground ---------------------------------------
    n = args.instances
    hg = Homeground(work, "hg-describe")
    open_servers.append(hg)
    sleeper = register_bundle(hg, work, "sleeper", {"boot": ["bin/boot"]},
                              {"bin/boot": (b"#!/bin/sh\nexec sleep 100000\n", 0o755)})
    fleet = launch_many(hg, sleeper, n)
    visible = fleet["visible"]
    log(f"homeground: {n} instances launched by {n // 20} RunInstances in {fleet['launch']:.1f} s, all running after "
        f"{fleet['running']:.1f} s" + (f"; {len(fleet['failed'])} launches FAILED and were replaced "
                                        f"({'; '.join(sorted(set(short_reason(m) for m in fleet['failed'].values())))}); "
                                        f"DescribeInstances lists {visible}" if fleet["failed"] else ""))
    hg_rss = ab.rss_mib(hg.pid)
    hg_threads = ab.threads_of(hg.pid)
    rows = [measure_describe("homeground", hg.port, hg.pid, hg.key, hg.secret, visible, fleet["ids"][0], args, work)]
    rows[0].update(rss=hg_rss, threads=hg_threads, launch=fleet["launch"], running=fleet["running"],
                   failed=fleet["failed"], calls=fleet["calls"])
    ids = fleet["ids"]
    t0 = time.perf_counter()
    terminate(hg.ec2, ids, timeout=600)
    t_term = time.perf_counter() - t0
    wait_no_processes(hg.ec2_dir / "instances", timeout=120)
    t_gone = time.perf_counter() - t0
    rows[0].update(terminate=t_term, gone=t_gone)
    log(f"homeground: {n} instances terminated in {t_term:.1f} s, every process gone after {t_gone:.1f} s")
    hg.close()
    open_servers.remove(hg)

    # -- 4. the same against moto_server -------------------------------------------------------
    _, moto, mport = ab.moto_start(work)
    open_servers.append(moto)
    t_moto = moto_instances(mport, visible)  # as many as homeground's answer lists
    log(f"moto: {visible} instances created in {t_moto:.1f} s")
    moto_first = client("ec2", mport, "testing", "testing").describe_instances(MaxResults=5)["Reservations"][0]["Instances"][0]["InstanceId"]
    mrow = measure_describe("moto", mport, moto.pid, "testing", "testing", visible, moto_first, args, work)
    mrow.update(rss=ab.rss_mib(moto.pid), threads=ab.threads_of(moto.pid), launch=t_moto)
    rows.append(mrow)
    ab.stop(moto)
    open_servers.remove(moto)

    info["load_end"] = loadavg()
    info["kg_size"] = kg_size
    report = render(args, info, single, twenty, snap, rows, n, visible)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report)
    raw = {"args": {k: str(v) for k, v in vars(args).items()}, "info": info, "single": single, "twenty": twenty,
           "snapshots": snap, "describe": [{k: v for k, v in r.items() if k != "raw"} for r in rows],
           "instances": n, "listed": visible}
    args.out.with_suffix(".json").write_text(json.dumps(raw, indent=1, default=str) + "\n")
    print()
    print(report)
    print(f"(written to {args.out})")


def render(args, info, single, twenty, snap, rows, n, visible) -> str:
    L = []
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    cmd = "python3 bench/ec2_bench.py" + (" --quick" if args.quick else "") + (" --perf" if args.perf else "")
    if args.bin_dir.resolve() != (REPO / "target" / "release").resolve():
        cmd += f" --bin-dir {args.bin_dir}" + (f" --built-from {args.built_from}" if args.built_from else "")
    L.append(f"# EC2 benchmark: homeground's process driver, snapshots, DescribeInstances beside moto ({now})\n")
    L.append(f"- command: `{cmd}` (samples: {args.single} × RunInstances(1), {args.twenty} × RunInstances(20); "
             f"{n} instances; {args.data_mib} MiB + {args.change_mib} MiB changed; wrk -t{args.threads} -c{args.connections}, "
             f"{args.duration} s after {args.warmup} s warm-up)")
    L.append(f"- machine: {info['nproc']} CPUs, {info['cpu']}, {info['mem']}, Linux {info['kernel']}, data dirs on {info['fs']}; "
             f"**load average {info['load_start']} at the start, {info['load_end']} at the end** (shared machine: other builds ran)")
    L.append(f"- {info['homeground']} (git {info['git']}, {info['bin_dir']}), KG-Ami = its kgsports "
             f"({info['kg_size'] / MIB:.1f} MiB), moto {info['moto']} (moto_server, Python {info['python']}), {info['wrk']}\n")

    L.append("## RunInstances → serving (first HTTP 200 from GET /health on the instance's address)\n")
    L.append("| launch | samples | instances served / launched | RunInstances answered, ms | boot process started, ms | first serving, ms | p50 serving, ms | all serving, ms | terminate → processes gone, ms |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")

    def rng(rs, k):
        xs = [r[k] * 1000 for r in rs if r[k] is not None]
        if not xs:
            return "—"
        out = f"{statistics.median(xs):.0f} ({min(xs):.0f}–{max(xs):.0f})" if len(xs) > 1 else f"{xs[0]:.0f}"
        return out + (f" [{len(xs)} of {len(rs)} samples]" if len(xs) < len(rs) else "")

    def served(rs):
        return f"{sum(len(r['served']) for r in rs)} / {sum(r['count'] for r in rs)}"

    L.append(f"| 1 instance | {len(single)} | {served(single)} | {rng(single, 'api')} | {rng(single, 'spawn_first')} | {rng(single, 'first')} | "
             f"| | {rng(single, 'terminate')} |")
    last = rng(twenty, "last")
    if any(r["failed"] for r in twenty):
        last += f"; last that served: {rng(twenty, 'last_served')}"
    L.append(f"| 20 instances, one call | {len(twenty)} | {served(twenty)} | {rng(twenty, 'api')} | {rng(twenty, 'spawn_first')} – {rng(twenty, 'spawn_last')} | "
             f"{rng(twenty, 'first')} | {rng(twenty, 'p50')} | {last} | {rng(twenty, 'terminate')} |")
    L.append("\nMedians, (min–max) over the samples; every time is from just before boto3 sends RunInstances; /health polled "
             "every 5 ms per instance, and each 200 must name its instance. *Boot process started* is the instance process's "
             f"start time from /proc (10 ms ticks): first – last for 20. The instances run in a VPC of the benchmark's own "
             f"({info['cidr']}), so their :80 cannot collide with another region's instances on this shared machine.\n")
    fails = [(r["count"], m) for r in single + twenty for m in r["failed"].values()]
    if fails:
        reasons = sorted(set(short_reason(m) for _, m in fails))
        L.append(f"**Launch failures: {len(fails)} of {sum(r['count'] for r in single + twenty)} instances never served** — "
                 f"the controller terminated them with `Server.InternalError: the image's boot entry … {'; '.join(reasons)}` "
                 f"({sum(1 for c, _ in fails if c == 20)} of them in the 20-instance launches).\n")

    L.append("## Snapshots (1 GiB volume attached at /dev/sdf, random data written through the instance's dev/sdf)\n")
    s = snap
    dmb = s["data_mib"] * MIB / 1e6
    L.append("| operation | time, s | MB/s of data written | MB/s of the 1 GiB volume | bytes added to the store |")
    L.append("|---|---:|---:|---:|---:|")
    L.append(f"| CreateSnapshot #1 → completed ({s['data_mib']} MiB random data) | {s['full_s']:.2f} | {dmb / s['full_s']:.0f} | "
             f"{GIB / 1e6 / s['full_s']:.0f} | {s['added1'] / MIB:.1f} MiB |")
    cmb = s["change_mib"] * MIB / 1e6
    L.append(f"| CreateSnapshot #2 → completed ({s['change_mib']} MiB changed) | {s['incr_s']:.2f} | {cmb / s['incr_s']:.0f} (changed) | "
             f"{GIB / 1e6 / s['incr_s']:.0f} | {s['added2'] / MIB:.2f} MiB |")
    L.append(f"| CreateVolume from snapshot #1 → available (restore, verified) | {s['restore_s']:.2f} | {dmb / s['restore_s']:.0f} | "
             f"{GIB / 1e6 / s['restore_s']:.0f} | |")
    logical = s["logical1"] + s["logical2"]
    written = (2 * s["data_mib"]) * MIB
    L.append(f"\nDeduplication: both snapshots are {logical / GIB:.1f} GiB logical (FullSnapshotSizeInBytes) in "
             f"{s['stored'] / MIB:.1f} MiB stored → **ratio {logical / s['stored']:.1f}:1** "
             f"(zero extents cost nothing); counting only the non-zero data ({2 * s['data_mib']} MiB over both) "
             f"→ {written / s['stored']:.2f}:1 (random data does not compress, so ≈ 2:1 is the most possible). "
             f"MB = 10⁶ bytes. The written data was fsync'd before each snapshot; it was still in the page cache.\n")

    h, m = rows[0], rows[1]
    extra = visible - n
    listed = f"{visible:,}" + (f" ({n:,} running + {extra} terminated by failed launches)" if extra else "")
    L.append(f"## DescribeInstances over {n:,} instances (no filters, one answer listing {listed}; wrk, {args.connections} connections)\n")
    L.append("| server | requests (window s) | req/s | p50 ms | p99 ms | max ms | one alone, ms | one by InstanceId, ms | CPU µs/req | server CPU % | wrk CPU % | others CPU % | idle CPU % before | answer MB | RSS MiB | threads |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        L.append(f"| {r['server']} | {r['requests']:,} ({r['window']}) | {r['rps']:,.2f} | {ab.ms(r['p50_us'])} | {ab.ms(r['p99_us'])} | {ab.ms(r['max_us'])} | {r['alone_ms']:,.1f} | {r['by_id_ms']:,.1f} | "
                 f"{r['cpu_us_per_req']:,.0f} | {r['server_cpu_pct']:.0f} | {r['wrk_cpu_pct']:.0f} | {r['other_cpu_pct']:.0f} | "
                 f"{r['idle_cpu_pct']:.1f} | {r['bytes'] / 1e6:.2f} | {r['rss']:.0f} | {r['threads']} |")
    L.append(f"\nhomeground: {h['rps'] / m['rps']:.0f}× moto's requests/s at {m['cpu_us_per_req'] / h['cpu_us_per_req']:.0f}× less CPU per request. "
             f"CPU µs/req = server utime+stime (/proc/<pid>/stat, all threads) over the run ÷ requests; CPU % columns are of one CPU; "
             f"*idle CPU* = the server doing nothing but hold {n} instances, measured for {args.idle:g} s before the load (that background "
             f"work goes on during the load and is in CPU µs/req; under load it gets less CPU than idle, so it cannot simply be subtracted); "
             f"*others* = every other process on the machine during the run. RSS and threads with {n} instances. "
             f"*One alone* = median of 3 sequential requests (also the check: status 200 and {visible} `<instanceId>`, before and after the load); "
             f"*one by InstanceId* = the same call with `InstanceId.1` = one instance, median of 3 (what holding {n:,} costs a narrow query). "
             f"The window is {args.duration} s after a {args.warmup} s warm-up, stretched for a server that needs seconds per answer "
             f"to {WINDOW_MULT} × its lone latency (≤ {MAX_WINDOW} s) with a per-request timeout of 10 × lone latency × connections, so that it "
             "still completes about a dozen answers; percentiles over a dozen answers are coarse.")
    fail_txt = ""
    if h["failed"]:
        reasons = "; ".join(sorted(set(short_reason(x) for x in h["failed"].values())))
        fail_txt = (f" **{len(h['failed'])} of the launches failed** (terminated by the controller: `{reasons}`) and were "
                    f"replaced ({h['calls']} RunInstances in all); they stay listed as terminated, so moto was given "
                    f"{visible:,} instances too.")
    L.append(f"Setting up: homeground launched {n:,} instances (sleeping processes) with {n // 20} RunInstances over the 4 default "
             f"subnets in {h['launch']:.1f} s, all running after {h['running']:.1f} s.{fail_txt} TerminateInstances (batches of 100) → "
             f"all terminated in {h['terminate']:.1f} s, every process gone after {h['gone']:.1f} s. moto created its {visible:,} "
             f"(records only) in {m['launch']:.1f} s.\n")
    if h.get("perf"):
        L.append(f"A perf profile of homeground under this load: `{h['perf']}`.\n")

    L.append("## Targets\n")
    L.append("| target | result | met? |")
    L.append("|---|---|---|")
    def worst(rs, k):
        xs = [r[k] for r in rs]
        return None if any(x is None for x in xs) else max(xs)

    def verdict(x):
        return "yes" if x is not None and x <= 1 else "NO"

    nfail1 = sum(len(r["failed"]) for r in single)
    nfail20 = sum(len(r["failed"]) for r in twenty)
    w1, f20, a20 = worst(single, "first"), worst(twenty, "first"), worst(twenty, "last")
    L.append(f"| serving within 1 s of RunInstances, 1 instance (worst of {len(single)}) | "
             f"{fms(w1)} ms{f' ({nfail1} launches failed)' if nfail1 else ''} | {verdict(w1)} |")
    L.append(f"| serving within 1 s of RunInstances, 20 instances: first to serve (worst of {len(twenty)}) | {fms(f20)} ms | {verdict(f20)} |")
    a20_text = (f"{nfail20} of {20 * len(twenty)} never served (launch failed); the last that did: "
                f"{fms(max(r['last_served'] for r in twenty if r['last_served'] is not None))} ms") if nfail20 else f"{fms(a20)} ms"
    L.append(f"| serving within 1 s of RunInstances, 20 instances: all 20 (worst of {len(twenty)}) | {a20_text} | {verdict(a20)} |")
    L.append(f"| DescribeInstances({n}) p99 under 20 ms | {ab.ms(h['p99_us'])} ms | {'yes' if h['p99_us'] < 20000 else 'NO'} |")
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    sys.exit(main())
