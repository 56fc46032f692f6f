#!/usr/bin/env python3
"""Isolated networks: what enforcement costs (issue 20, section "Benchmark").

Two daemons in one run, the same release binary, each on its own port and data dir:
`homeground up` (today's loopback path: instances on 127.b.c.d, security groups are records) and
`homeground up --network isolated` (each VPC a network namespace, its router; each instance in a
namespace of its own at its VPC address, joined to the router by veth; security groups as the
router's stateful nftables table). Both get the same layout through boto3: a VPC 10.X.0.0/16
(a different X per daemon, so loopback addresses cannot collide), a public and two private
subnets, ClientSG, ELBSG (80 and the listener port from anywhere) and WebSG (port 80 only from
ELBSG and from ClientSG: source-group rules); two KG-Ami web instances (the real kgsports app)
in the private subnets, one client instance (also KG-Ami, idle) in the public subnet, an
application load balancer (ELBSG) with an HTTP listener and a target group of the two web
instances.

Measured, the two daemons interleaved (loopback, isolated, loopback, isolated ...):
1. lb-keepalive: `wrk -t2 -c64` keep-alive through the ALB to GET /health: requests/s, the
   daemon's CPU per request (utime+stime of all its threads, /proc/<pid>/stat, over the window),
   the two web instances' CPU per request (processes whose cwd is under the instance's directory)
   and the whole machine's busy CPU per request (/proc/stat; other tenants included).
2. lb-close: the same with `-H "Connection: close"`: every request a new client connection to
   the load balancer (the proxy still pools its connections to the targets).
3. direct-close: a new TCP connection per request straight to a web instance, no proxy: wrk with
   `Connection: close` run inside the client instance's namespace (`ip netns exec`) against the
   web instance's VPC address (isolated: through the router's forward chain, conntrack and the
   security group's source-group rule), against the same wrk on the host to the instance's
   127.b.c.d (loopback). Connections/s; CPU of wrk, of the instance and of the machine per
   connection. (The client namespace gets net.ipv4.tcp_tw_reuse=1 as a precaution: Linux's
   default, 2, reuses TIME_WAIT ports only on loopback, so a client in the namespace could run
   short of ephemeral ports where the loopback one cannot.)
4. launch: RunInstances (one KG-Ami in a private subnet, WebSG) → first 200 from GET /health
   on its port 80 with its own instance id in the body. Polled every 2 ms (connect timeout
   10 ms) by a small Python poller started before the call: inside the client instance's
   namespace against the VPC address (isolated; the WebSG rule lets ClientSG in), on the host
   against 127.b.c.d (loopback). Each sample is terminated (and, isolated, its namespace gone)
   before the next.

Correctness first: before timing and after every timed run, 20 new-connection GET /health through
the load balancer must each answer 200 with status ok and a web instance's id (both seen), and
the same straight to a web instance (from the client namespace when isolated); wrk runs with any
non-2xx answer or socket error abort the benchmark. In isolated mode the script also checks that
enforcement is on: an instance in no allowed group is refused.

It builds nothing: `cargo build --release -p homeground -p kgsports` first. Needs root, ip, nft.
Usage: flock /tmp/hg-ec2.lock timeout 1200 python3 bench/net_bench.py [--duration 6] [--rounds 3]
       [--launches 7] [--bin PATH] [--kgsports PATH] [--json PATH]
"""

from __future__ import annotations

import argparse
import configparser
import datetime as dt
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import boto3
from botocore.config import Config

REPO = Path(__file__).resolve().parents[1]
REGION = "ap-northeast-2"
CLK_TCK = os.sysconf("SC_CLK_TCK")
MODES = ["loopback", "isolated"]

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_bench import cpu_ticks, free_port, stop  # noqa: E402
import wrk_output  # noqa: E402


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


class BenchError(Exception):
    pass


def die(msg: str):
    raise BenchError(msg)


def proc_stat() -> dict:
    """CPU-seconds so far: busy (all but idle and iowait) and softirq, over all CPUs."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (v + [0] * 8)[:8]
    return {"busy": (user + nice + system + irq + softirq + steal) / CLK_TCK, "softirq": softirq / CLK_TCK}


def netns_tag(data_dir: Path) -> str:
    """As tests/e2e/hg.py (and vnet::tag_for): FNV-1a of the data dir's canonical path."""
    h = 0xcbf29ce484222325
    for b in os.path.realpath(data_dir).encode():
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h & 0xffffff:06x}"


def pids_under(root: Path) -> list[int]:
    root_s = str(Path(root).resolve())
    out = []
    for e in os.listdir("/proc"):
        if e.isdigit():
            try:
                cwd = os.readlink(f"/proc/{e}/cwd")
            except OSError:
                continue
            if cwd == root_s or cwd.startswith(root_s + "/"):
                out.append(int(e))
    return out


def cpu_of(pids: list[int]) -> int:
    s = 0
    for p in pids:
        try:
            s += cpu_ticks(p)
        except OSError:
            pass
    return s


def loopback(ip: str) -> str:
    _, b, c, d = ip.split(".")
    return f"127.{b}.{c}.{d}"


def busy_loopback_octets() -> set[int]:
    out = set()
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        f = line.split()
        ip = int(f[1].split(":")[0], 16).to_bytes(4, "little")
        if ip[0] == 127:
            out.add(ip[1])
    return out


def ns_run(ns: str | None, *cmd: str, timeout: float = 10) -> subprocess.CompletedProcess:
    full = (["ip", "netns", "exec", ns] if ns else []) + list(cmd)
    return subprocess.run(full, capture_output=True, text=True, timeout=timeout)


def wait_until(fn, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while True:
        v = fn()
        if v:
            return v
        if time.monotonic() > deadline:
            die(f"{what}: not within {timeout} s")
        time.sleep(interval)


# ---------------------------------------------------------------------------------------------
# a region


class Daemon:
    def __init__(self, mode: str, binary: Path, work: Path, octet: int):
        self.mode, self.octet = mode, octet
        self.data = work / f"hg-{mode}"
        self.port = free_port()
        self.log = work / f"hg-{mode}.log"
        cmd = [str(binary), "up", "--listen", f"127.0.0.1:{self.port}", "--data-dir", str(self.data),
               "--imds-port", str(free_port())]
        if mode == "isolated":
            cmd += ["--network", "isolated"]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "HOMEGROUND_"))}
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=open(self.log, "ab"),
                                     stderr=subprocess.STDOUT, env=env, cwd=work)
        deadline = time.monotonic() + 60
        while "homeground: ready" not in self.log.read_text(errors="replace"):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                die(f"{mode} daemon did not start; see {self.log}:\n{self.log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.02)
        text = self.log.read_text(errors="replace")
        if mode == "isolated" and "networks isolate" not in text:
            die(f"the isolated daemon did not say networks isolate (fell back?):\n{text[-2000:]}")
        cp = configparser.ConfigParser()
        cp.read(self.data / "credentials")
        kw = dict(region_name=REGION, endpoint_url=f"http://127.0.0.1:{self.port}",
                  aws_access_key_id=cp["default"]["aws_access_key_id"].strip(),
                  aws_secret_access_key=cp["default"]["aws_secret_access_key"].strip(),
                  config=Config(retries={"total_max_attempts": 1, "mode": "standard"}, read_timeout=60))
        self.ec2 = boto3.client("ec2", **kw)
        self.elbv2 = boto3.client("elbv2", **kw)
        self.tag = netns_tag(self.data)

    def netns(self, rid: str) -> str:
        return f"hg{self.tag}-{rid}"

    def addr(self, ip: str) -> str:
        """Where the host reaches a VPC address (loopback mode)."""
        return loopback(ip)

    def instance_pids(self, iid: str) -> list[int]:
        return pids_under(self.data / "ec2" / "instances" / iid)

    def close(self):
        try:
            if self.proc.poll() is None:
                left = [i["InstanceId"] for r in self.ec2.describe_instances()["Reservations"] for i in r["Instances"]
                        if i["State"]["Name"] != "terminated"]
                if left:
                    self.ec2.terminate_instances(InstanceIds=left)
                    time.sleep(1.5)
        except Exception as e:  # noqa: BLE001
            log(f"cleanup of {self.mode}: {e}")
        stop(self.proc)
        for pid in pids_under(self.data):
            try:
                os.killpg(os.getpgid(pid), 9)
            except OSError:
                pass
        prefix = f"hg{self.tag}-"
        try:
            for name in os.listdir("/run/netns"):
                if name.startswith(prefix):
                    subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=10)
        except OSError:
            pass


def register_kg_ami(d: Daemon, kgsports: Path, work: Path) -> str:
    b = work / f"kg-ami-{d.mode}"
    (b / "rootfs" / "bin").mkdir(parents=True)
    (b / "rootfs" / "data").mkdir()
    shutil.copy2(kgsports, b / "rootfs" / "bin" / "kgsports")
    (b / "homeground-image.json").write_text(json.dumps({
        "boot": ["bin/kgsports", "--listen", "{private_ip}:80", "--data-dir", "data"], "health_port": 80}))
    return d.ec2.register_image(Name="KG-Ami", ImageLocation=str(b))["ImageId"]


def launch(d: Daemon, subnet: str, groups: list[str], ip: str, name: str) -> str:
    return d.ec2.run_instances(ImageId=d.ami, InstanceType="t2.micro", MinCount=1, MaxCount=1, SubnetId=subnet,
                               SecurityGroupIds=groups, PrivateIpAddress=ip,
                               TagSpecifications=[{"ResourceType": "instance",
                                                   "Tags": [{"Key": "Name", "Value": name}]}])["Instances"][0]["InstanceId"]


def wait_status_ok(d: Daemon, iids: list[str]):
    def ok():
        st = d.ec2.describe_instance_status(InstanceIds=iids)["InstanceStatuses"]
        return len(st) == len(iids) and all(s["InstanceStatus"]["Status"] == "ok" for s in st)
    wait_until(ok, 60, f"{d.mode}: {iids} status ok", 0.2)


def setup(d: Daemon, kgsports: Path, work: Path):
    x = d.octet
    ec2 = d.ec2
    d.ami = register_kg_ami(d, kgsports, work)
    d.vpc = ec2.create_vpc(CidrBlock=f"10.{x}.0.0/16")["Vpc"]["VpcId"]
    sub = lambda c, az: ec2.create_subnet(VpcId=d.vpc, CidrBlock=c, AvailabilityZone=az)["Subnet"]["SubnetId"]  # noqa: E731
    d.public, d.private, d.private2 = (sub(f"10.{x}.1.0/24", f"{REGION}a"), sub(f"10.{x}.3.0/24", f"{REGION}a"),
                                       sub(f"10.{x}.4.0/24", f"{REGION}c"))
    g = lambda n: ec2.create_security_group(GroupName=n, Description=n, VpcId=d.vpc)["GroupId"]  # noqa: E731
    d.client_sg, d.web_sg, d.elb_sg, d.other_sg = g("ClientSG"), g("WebSG"), g("ELBSG"), g("OtherSG")
    d.listen_port = free_port()
    ec2.authorize_security_group_ingress(GroupId=d.web_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80,
         "UserIdGroupPairs": [{"GroupId": d.elb_sg}, {"GroupId": d.client_sg}]}])
    ec2.authorize_security_group_ingress(GroupId=d.elb_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": p, "ToPort": p, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
        for p in sorted({80, d.listen_port})])
    d.web_ips = [f"10.{x}.3.10", f"10.{x}.4.10"]
    d.client_ip, d.other_ip = f"10.{x}.1.10", f"10.{x}.1.11"
    # One instance first, serving before the others are launched: launches into a VPC whose
    # router namespace does not exist yet race to make it (seen 2026-12-07: "Cannot create
    # namespace file ...: File exists", "Invalid argument" for the instances launched alongside
    # the first; they end terminated).
    first = launch(d, d.private, [d.web_sg], d.web_ips[0], "web-a")
    wait_status_ok(d, [first])
    d.webs = [first, launch(d, d.private2, [d.web_sg], d.web_ips[1], "web-b")]
    d.client = launch(d, d.public, [d.client_sg], d.client_ip, "client")
    d.other = launch(d, d.public, [d.other_sg], d.other_ip, "other")
    wait_status_ok(d, d.webs + [d.client, d.other])
    el = d.elbv2
    lb = el.create_load_balancer(Name=f"net-bench-{d.mode}", Subnets=[d.private, d.private2],
                                 SecurityGroups=[d.elb_sg], Type="application")["LoadBalancers"][0]
    d.lb_arn = lb["LoadBalancerArn"]
    tg = el.create_target_group(Name=f"net-bench-{d.mode}", Protocol="HTTP", Port=80, VpcId=d.vpc,
                                HealthCheckPath="/health", HealthCheckIntervalSeconds=5, HealthCheckTimeoutSeconds=2,
                                HealthyThresholdCount=2, UnhealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
    el.create_listener(LoadBalancerArn=d.lb_arn, Protocol="HTTP", Port=d.listen_port,
                       DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
    el.register_targets(TargetGroupArn=tg, Targets=[{"Id": i} for i in d.webs])

    def healthy():
        h = el.describe_target_health(TargetGroupArn=tg)["TargetHealthDescriptions"]
        return len(h) == 2 and all(t["TargetHealth"]["State"] == "healthy" for t in h)
    wait_until(healthy, 60, f"{d.mode}: both targets healthy", 0.2)
    d.lb_ip = socket.gethostbyname(lb["DNSName"])
    d.lb_url = f"http://{d.lb_ip}:{d.listen_port}/health"
    if d.mode == "isolated":
        d.client_ns = d.netns(d.client)
        d.router_ns = d.netns(d.vpc)
        d.direct_url = f"http://{d.web_ips[0]}/health"
        # see the docstring: TIME_WAIT reuse as loopback has it by default
        r = ns_run(d.client_ns, "sysctl", "-w", "net.ipv4.tcp_tw_reuse=1")
        if r.returncode:
            die(f"sysctl in {d.client_ns}: {r.stderr}")
    else:
        d.client_ns = None
        d.router_ns = None
        d.direct_url = f"http://{loopback(d.web_ips[0])}/health"
    log(f"{d.mode}: daemon pid {d.proc.pid}, VPC {d.vpc} 10.{x}.0.0/16, webs {d.webs} at {d.web_ips}, "
        f"client {d.client}, LB {d.lb_url}, direct {d.direct_url}"
        + (f", client ns {d.client_ns}, router ns {d.router_ns}" if d.client_ns else ""))


# ---------------------------------------------------------------------------------------------
# correctness


GET_ONE = r'''
import json, socket, sys
host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
out = []
for _ in range(n):
    s = socket.create_connection((host, port), timeout=3)
    s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        c = s.recv(65536)
        if not c:
            break
        data += c
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    out.append([head.split(b"\r\n")[0].decode(), body.decode(errors="replace")])
print(json.dumps(out))
'''


def fetch_many(ns: str | None, host: str, port: int, n: int) -> list:
    r = ns_run(ns, sys.executable, "-c", GET_ONE, host, str(port), str(n), timeout=30)
    if r.returncode:
        die(f"GET /health x{n} to {host}:{port} (ns {ns}) failed: {r.stderr[-800:]}")
    return json.loads(r.stdout)


def check_answers(what: str, answers: list, want_ids: set[str], need_all: bool):
    seen = set()
    for status, body in answers:
        if " 200 " not in status + " ":
            die(f"{what}: answered {status!r}: {body[:200]!r}")
        try:
            j = json.loads(body)
        except ValueError:
            die(f"{what}: body is not JSON: {body[:200]!r}")
        if j.get("status") != "ok" or j.get("instance_id") not in want_ids:
            die(f"{what}: wrong body {body[:300]!r} (want one of {want_ids})")
        seen.add(j["instance_id"])
    if need_all and seen != want_ids:
        die(f"{what}: only {seen} answered, want {want_ids}")


def check(d: Daemon, when: str):
    check_answers(f"{d.mode} LB {when}", fetch_many(None, d.lb_ip, d.listen_port, 20), set(d.webs), True)
    host = d.web_ips[0] if d.mode == "isolated" else loopback(d.web_ips[0])
    check_answers(f"{d.mode} direct {when}", fetch_many(d.client_ns, host, 80, 5), {d.webs[0]}, True)


def check_enforced(d: Daemon):
    """Isolated: OtherSG is not let in to the web instance; ClientSG is."""
    r = ns_run(d.netns(d.other), "curl", "-sS", "-o", "/dev/null", "--max-time", "0.5", f"http://{d.web_ips[0]}/health")
    if r.returncode != 28:
        die(f"isolated: an instance in OtherSG reached the web instance (curl exit {r.returncode}): not enforced?")
    nft = ns_run(d.router_ns, "nft", "list", "table", "inet", "hg").stdout
    if "ct state established,related accept" not in nft:
        die(f"isolated: the router's table looks wrong:\n{nft[:2000]}")
    log("isolated: enforcement on (OtherSG's SYN dropped, ClientSG and ELBSG let in)")


# ---------------------------------------------------------------------------------------------
# wrk runs


def wait_rusage(pid: int, timeout: float) -> tuple[int, float]:
    deadline = time.monotonic() + timeout
    while True:
        wpid, status, ru = os.wait4(pid, os.WNOHANG)
        if wpid == pid:
            return status, ru.ru_utime + ru.ru_stime
        if time.monotonic() > deadline:
            os.kill(pid, 9)
        time.sleep(0.05)


def wrk_run(d: Daemon, kind: str, conns: int, duration: float, rnd: int) -> dict:
    close = kind in ("lb-close", "direct-close")
    ns = d.client_ns if kind == "direct-close" else None
    url = d.direct_url if kind == "direct-close" else d.lb_url
    cmd = ["wrk", "-t2", f"-c{conns}", f"-d{int(duration)}s", "--timeout", "5s", "--latency"]
    if close:
        cmd += ["-H", "Connection: close"]
    cmd.append(url)
    if ns:
        cmd = ["ip", "netns", "exec", ns] + cmd
    inst_pids = {i: d.instance_pids(i) for i in d.webs}
    if not all(inst_pids.values()):
        die(f"{d.mode}: no process found for a web instance: {inst_pids}")
    ct0 = conntrack_count(d)
    c_d0, c_i0 = cpu_ticks(d.proc.pid), {i: cpu_of(p) for i, p in inst_pids.items()}
    m0 = proc_stat()
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = p.stdout.read()  # until wrk exits; then its rusage (wrk's own CPU, threads included)
    err = p.stderr.read()
    status, wrk_cpu = wait_rusage(p.pid, duration + 60)
    t1 = time.monotonic()
    c_d1, c_i1 = cpu_ticks(d.proc.pid), {i: cpu_of(p_) for i, p_ in inst_pids.items()}
    m1 = proc_stat()
    ct1 = conntrack_count(d)
    w = wrk_output.read(out)
    if w is None:
        die(f"{d.mode} {kind}: wrk printed no result:\n{out}\n{err}")
    reqs, secs = w["requests"], w["seconds"]
    per = lambda s: s * 1e6 / max(1, reqs)  # noqa: E731  CPU-seconds → µs per request
    inst_s = {i: (c_i1[i] - c_i0[i]) / CLK_TCK for i in d.webs}
    r = {"mode": d.mode, "kind": kind, "round": rnd, "connections": conns, "requests": reqs, "seconds": secs,
         "rps": reqs / secs,
         "daemon_cpu_us": per((c_d1 - c_d0) / CLK_TCK),
         "instances_cpu_us": per(sum(inst_s.values())),
         "instance_share": {i: round(s / max(1e-9, sum(inst_s.values())), 3) for i, s in inst_s.items()},
         "wrk_cpu_us": per(wrk_cpu),
         "machine_cpu_us": per(m1["busy"] - m0["busy"]),
         "softirq_cpu_us": per(m1["softirq"] - m0["softirq"]),
         "machine_busy_cores": (m1["busy"] - m0["busy"]) / (t1 - t0),
         "daemon_cores": (c_d1 - c_d0) / CLK_TCK / secs,
         "p50_ms": w["p50_ms"], "p99_ms": w["p99_ms"],
         "non2xx": w["non2xx"], "socket_errors": w["socket_errors"],
         "socket_errors_detail": w["socket_errors_detail"],
         "conntrack_before": ct0, "conntrack_after": ct1,
         "loadavg": open("/proc/loadavg").read().split()[:3]}
    r["path_cpu_us"] = r["daemon_cpu_us"] + r["instances_cpu_us"] + (r["wrk_cpu_us"] if kind == "direct-close" else 0)
    log(f"{d.mode:8s} {kind:12s} r{rnd}: {r['rps']:8.0f}/s  daemon {r['daemon_cpu_us']:6.1f} µs  instances "
        f"{r['instances_cpu_us']:6.1f} µs  wrk {r['wrk_cpu_us']:5.1f} µs  machine {r['machine_cpu_us']:6.1f} µs "
        f"(softirq {r['softirq_cpu_us']:4.1f}) per req; p50 {r['p50_ms']} p99 {r['p99_ms']} ms; "
        f"non-2xx {r['non2xx']}, errors {r['socket_errors']}, conntrack {ct0}→{ct1}, machine {r['machine_busy_cores']:.2f} cores")
    if r["non2xx"] or r["socket_errors"] or status != 0:
        die(f"{d.mode} {kind}: wrk saw errors (exit status {status}): {r['socket_errors_detail']} non-2xx "
            f"{r['non2xx']}\n{out}\n{err}")
    return r


def conntrack_count(d: Daemon):
    if d.mode != "isolated":
        return None
    r = ns_run(d.router_ns, "cat", "/proc/sys/net/netfilter/nf_conntrack_count")
    return int(r.stdout.strip()) if r.returncode == 0 and r.stdout.strip() else None


# ---------------------------------------------------------------------------------------------
# RunInstances → serving


POLLER = r'''
import socket, sys, time
host, want, every, conn_to = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
print("ready", flush=True)
sys.stdin.readline()
deadline = time.time() + 60
attempts = 0
last = ""
while time.time() < deadline:
    attempts += 1
    try:
        s = socket.create_connection((host, 80), timeout=conn_to)
        s.settimeout(2)
        s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            c = s.recv(65536)
            if not c:
                break
            data += c
        s.close()
        if data.startswith(b"HTTP/1.1 200") and want.encode() in data:
            print("served", repr(time.time()), attempts, flush=True)
            sys.exit(0)
        last = data[:80].decode(errors="replace")
    except OSError as e:
        last = type(e).__name__
    time.sleep(every)
print("timeout", attempts, last, flush=True)
'''


def launch_sample(d: Daemon, k: int, poll_every: float, conn_to: float) -> dict:
    ip = f"10.{d.octet}.3.{100 + k}"
    host = ip if d.mode == "isolated" else loopback(ip)
    # the poller waits for a body naming the instance: it is not known before the call, so the
    # poller checks the address in the body (`local_ipv4`) and the instance id is checked after
    poller = subprocess.Popen((["ip", "netns", "exec", d.client_ns] if d.client_ns else []) +
                              [sys.executable, "-c", POLLER, host, f'"local_ipv4":"{ip}"', str(poll_every),
                               str(conn_to)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    if poller.stdout.readline().strip() != "ready":
        die(f"{d.mode}: poller did not start")
    t0 = time.time()
    poller.stdin.write("go\n")
    poller.stdin.flush()
    iid = launch(d, d.private, [d.web_sg], ip, f"launch-{k}")
    t_ans = time.time()
    inside = None
    if d.mode == "isolated":
        # a second poller in the instance's own namespace, started as soon as it exists: when the
        # app serves, apart from the path from the rest of the VPC
        ns = d.netns(iid)
        deadline = time.monotonic() + 10
        while inside is None and time.monotonic() < deadline:
            if os.path.exists(f"/run/netns/{ns}"):
                p2 = subprocess.Popen(["ip", "netns", "exec", ns, sys.executable, "-c", POLLER, host,
                                       f'"local_ipv4":"{ip}"', str(poll_every), str(conn_to)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                if p2.stdout.readline().strip() == "ready":  # else: the namespace was not mounted yet
                    p2.stdin.write("go\n")
                    p2.stdin.flush()
                    inside = p2
                    continue
                p2.wait()
            time.sleep(0.001)
        if inside is None:
            die(f"isolated: {ns} did not appear")
    line = poller.stdout.readline().split()
    poller.wait(timeout=10)
    if not line or line[0] != "served":
        die(f"{d.mode}: {iid} at {host} never served: {line}")
    t_srv = float(line[1])
    t_inside = None
    if inside is not None:
        l2 = inside.stdout.readline().split()
        inside.wait(timeout=10)
        if not l2 or l2[0] != "served":
            die(f"isolated: {iid} never served inside its namespace: {l2}")
        t_inside = float(l2[1])
    # the body names this instance
    ans = fetch_many(d.client_ns, host, 80, 1)
    check_answers(f"{d.mode} launched {iid}", ans, {iid}, True)
    pids = d.instance_pids(iid)
    started = None
    if pids:  # the boot process's start time (10 ms ticks since boot)
        with open(f"/proc/{min(pids)}/stat") as f:
            st = int(f.read().rsplit(")", 1)[1].split()[19])
        boot_time = time.time() - float(open("/proc/uptime").read().split()[0])
        started = boot_time + st / CLK_TCK
    console = d.data / "ec2" / "instances" / iid / "console.log"
    try:  # kgsports prints its "starting on" line after asking the metadata service
        c_text, c_mtime = console.read_text(errors="replace")[:600], console.stat().st_mtime
    except OSError:
        c_text, c_mtime = "", None
    r = {"mode": d.mode, "sample": k, "instance": iid, "address": host,
         "console_written_ms": (c_mtime - t0) * 1000 if c_mtime else None, "console": c_text,
         "answered_ms": (t_ans - t0) * 1000, "serving_ms": (t_srv - t0) * 1000,
         "serving_inside_ms": ((t_inside if t_inside else t_srv) - t0) * 1000,
         "process_started_ms": (started - t0) * 1000 if started else None, "poll_attempts": int(line[2])}
    log(f"{d.mode:8s} launch {k}: RunInstances answered {r['answered_ms']:.1f} ms, process started "
        f"{r['process_started_ms'] or float('nan'):.0f} ms, serving {r['serving_ms']:.1f} ms ({r['poll_attempts']} polls), "
        f"inside its namespace {r['serving_inside_ms']:.1f} ms")
    t_term = time.monotonic()
    d.ec2.terminate_instances(InstanceIds=[iid])
    wait_until(lambda: d.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["State"]["Name"]
               == "terminated", 30, f"{iid} terminated", 0.05)
    wait_until(lambda: not d.instance_pids(iid), 30, f"{iid} processes gone", 0.05)
    if d.mode == "isolated":
        wait_until(lambda: not os.path.exists(f"/run/netns/{d.netns(iid)}"), 30, f"{iid} namespace gone", 0.05)
    r["terminate_to_gone_ms"] = (time.monotonic() - t_term) * 1000
    return r


# ---------------------------------------------------------------------------------------------
# where the CPU goes (perf, whole machine: the kernel's forwarding runs in softirq on any CPU)

CATEGORIES = [
    ("netfilter: conntrack", r"nf_conntrack|nf_ct_|__nf_ct|hash_conntrack|tcp_packet|nf_confirm|ct_"),
    ("netfilter: nftables and hooks", r"^nft_|nf_hook|nf_tables|__nft|nft_do_chain|nf_nat|ipv4_conntrack|nf_defrag"),
    ("veth and forwarding (router)", r"veth_|ip_forward|__netif_receive|netif_rx|process_backlog|net_rx_action|"
     r"__dev_queue_xmit|dev_hard_start|ip_route_input|fib_|ip_rcv|ip_finish_output|neigh_|eth_type_trans|"
     r"skb_|__napi|napi_|do_softirq|__do_softirq|dev_"),
]


def perf_run(d: Daemon, kind: str, conns: int, seconds: float, out_dir: Path, stamp: str) -> dict:
    data = out_dir / f"net-perf-{stamp}-{d.mode}-{kind}.data"
    rec = subprocess.Popen(["perf", "record", "-a", "-g", "-F", "999", "-o", str(data), "--", "sleep", str(seconds)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.3)
    r = wrk_run(d, kind, conns, seconds - 0.5, -1)
    rec.wait(timeout=60)
    rep = subprocess.run(["perf", "report", "-i", str(data), "--no-children", "--sort", "sym", "--stdio", "-g", "none",
                          "--percent-limit", "0"], capture_output=True, text=True, timeout=300).stdout
    shares: dict = {c: 0.0 for c, _ in CATEGORIES}
    idle = 0.0
    top = []
    for line in rep.splitlines():
        m = re.match(r"\s+([\d.]+)%\s+\[(\w)\]\s+(\S+)", line)
        if not m:
            continue
        pctv, sym = float(m.group(1)), m.group(3)
        if len(top) < 40:
            top.append((pctv, m.group(2), sym))
        if re.search(r"safe_halt|default_idle|cpuidle|poll_idle|do_idle", sym):
            idle += pctv
            continue
        for c, rx in CATEGORIES:
            if re.search(rx, sym):
                shares[c] += pctv
                break
    txt = out_dir / f"net-perf-{stamp}-{d.mode}-{kind}.txt"
    txt.write_text(f"# perf record -a -g during {kind} ({d.mode}), {r['rps']:.0f}/s\n" + rep[:60000])
    try:
        data.unlink()
    except OSError:
        pass
    busy = {c: v * 100 / max(1e-9, 100 - idle) for c, v in shares.items()}
    log(f"perf {d.mode} {kind}: idle {idle:.1f} % of samples; of the busy samples: "
        + ", ".join(f"{c} {v:.1f} %" for c, v in busy.items()))
    return {"mode": d.mode, "kind": kind, "run": r, "idle_pct": idle, "category_share_pct": shares,
            "category_share_of_busy_pct": busy, "top": top, "report": str(txt)}


# ---------------------------------------------------------------------------------------------
# report


def stats(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return None
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs), "n": len(xs)}


def fmt(s, f="{:.1f}"):
    if not s:
        return "–"
    return f"{f.format(s['median'])} ({f.format(s['min'])}–{f.format(s['max'])})"


def report(results: dict) -> str:
    lines = [f"# Isolated networks: enforcement cost ({results['when']})", "",
             f"duration {results['args']['duration']} s × {results['args']['rounds']} rounds per mode and kind, "
             f"interleaved; {results['args']['launches']} launches per mode; loadavg before "
             f"{' '.join(results['loadavg_before'])}, after {' '.join(results.get('loadavg_after', []))}", ""]
    rows = results.get("wrk", [])
    kinds = [k for k in ["lb-keepalive", "lb-close", "direct-close"] if any(r["kind"] == k for r in rows)]
    fields = [("rps", "{:.0f}"), ("daemon_cpu_us", "{:.1f}"), ("instances_cpu_us", "{:.1f}"),
              ("wrk_cpu_us", "{:.1f}"), ("path_cpu_us", "{:.1f}"), ("machine_cpu_us", "{:.1f}"),
              ("softirq_cpu_us", "{:.1f}")]
    lines.append("| run | mode | req/s (conn/s for close) | daemon CPU µs/req | instances CPU µs/req | wrk CPU µs/req | "
                 "path CPU µs/req | machine CPU µs/req | softirq µs/req | p50 ms | p99 ms |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    summary = {}
    for k in kinds:
        for m in MODES:
            rs = [r for r in rows if r["kind"] == k and r["mode"] == m]
            s = {f: stats([r[f] for r in rs]) for f, _ in fields + [("p50_ms", ""), ("p99_ms", "")]}
            summary[f"{k}/{m}"] = s
            lines.append(f"| {k} | {m} | " + " | ".join(fmt(s[f], ff) for f, ff in fields) +
                         f" | {fmt(s['p50_ms'], '{:.2f}')} | {fmt(s['p99_ms'], '{:.2f}')} |")
    lines += ["", "Medians (min–max) over the rounds. *path CPU* = daemon + web instances (+ wrk for direct-close, "
              "the client being part of the path there); *machine* = all CPUs busy ÷ requests (other tenants included).", ""]
    lines.append("| run | isolated ÷ loopback: req/s | path CPU/req | machine CPU/req | paired by round: req/s | path CPU/req |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    ratios = {}
    for k in kinds:
        a, b = summary[f"{k}/loopback"], summary[f"{k}/isolated"]
        pr = [(x, y) for x in rows for y in rows if x["kind"] == y["kind"] == k and x["mode"] == "loopback"
              and y["mode"] == "isolated" and x["round"] == y["round"]]
        rr = stats([y["rps"] / x["rps"] for x, y in pr])
        rc = stats([y["path_cpu_us"] / x["path_cpu_us"] for x, y in pr])
        ratios[k] = {"rps": b["rps"]["median"] / a["rps"]["median"],
                     "path_cpu": b["path_cpu_us"]["median"] / a["path_cpu_us"]["median"],
                     "machine_cpu": b["machine_cpu_us"]["median"] / a["machine_cpu_us"]["median"],
                     "paired_rps": rr, "paired_path_cpu": rc}
        lines.append(f"| {k} | {ratios[k]['rps']:.3f} | {ratios[k]['path_cpu']:.3f} | {ratios[k]['machine_cpu']:.3f} | "
                     f"{fmt(rr, '{:.3f}')} | {fmt(rc, '{:.3f}')} |")
    results["wrk_summary"], results["ratios"] = summary, ratios
    ls = results.get("launch", [])
    if ls:
        lines += ["", "| RunInstances → serving | samples | RunInstances answered, ms | boot process started, ms | "
                  "first 200 from /health, ms (from the VPC: client ns / host) | first 200, polled in the instance's own namespace, ms | terminate → gone, ms |", "|---|---:|---:|---:|---:|---:|---:|"]
        ls_sum = {}
        for m in MODES:
            rs = [r for r in ls if r["mode"] == m]
            s = {f: stats([r[f] for r in rs]) for f in ["answered_ms", "process_started_ms", "serving_ms",
                                                         "serving_inside_ms", "terminate_to_gone_ms"]}
            ls_sum[m] = s
            lines.append(f"| {m} | {len(rs)} | {fmt(s['answered_ms'])} | {fmt(s['process_started_ms'], '{:.0f}')} | "
                         f"{fmt(s['serving_ms'])} | {fmt(s['serving_inside_ms'])} | {fmt(s['terminate_to_gone_ms'], '{:.0f}')} |")
        if ls_sum["loopback"]["serving_ms"] and ls_sum["isolated"]["serving_ms"]:
            delta = ls_sum["isolated"]["serving_ms"]["median"] - ls_sum["loopback"]["serving_ms"]["median"]
            results["launch_delta_ms"] = delta
            d2 = ls_sum["isolated"]["serving_inside_ms"]["median"] - ls_sum["loopback"]["serving_inside_ms"]["median"]
            results["launch_delta_inside_ms"] = d2
            lines.append(f"\nisolated − loopback, median time to serving: {delta:+.1f} ms from the VPC (client namespace), "
                         f"{d2:+.1f} ms polled inside the instance's namespace")
        results["launch_summary"] = ls_sum
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", type=Path, default=REPO / "target" / "release" / "homeground")
    ap.add_argument("--kgsports", type=Path, default=REPO / "target" / "release" / "kgsports")
    ap.add_argument("--duration", type=float, default=6)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--launches", type=int, default=7)
    ap.add_argument("--poll-every-ms", type=float, default=2)
    ap.add_argument("--perf", action="store_true", help="then perf record -a during direct-close and lb-keepalive")
    ap.add_argument("--skip", default="", help="comma list of: lb-keepalive,lb-close,direct-close,launch")
    ap.add_argument("--json", type=Path,
                    default=REPO / "bench" / "results" / f"net-{dt.date.today().isoformat()}.json")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("net_bench: needs root (network namespaces, nftables)")
    for p in (args.bin, args.kgsports):
        if not p.exists():
            sys.exit(f"net_bench: {p} is missing: cargo build --release -p homeground -p kgsports")
    for tool in ("wrk", "ip", "nft", "curl"):
        if not shutil.which(tool):
            sys.exit(f"net_bench: {tool} is not installed")
    skip = set(filter(None, args.skip.split(",")))
    results: dict = {"when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                     "cpus": os.cpu_count(), "kernel": os.uname().release,
                     "loadavg_before": open("/proc/loadavg").read().split()[:3],
                     "git": subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                           capture_output=True, text=True).stdout.strip(),
                     "bin": str(args.bin), "bin_mtime": dt.datetime.fromtimestamp(args.bin.stat().st_mtime,
                                                                                   dt.timezone.utc).isoformat(timespec="seconds"),
                     "args": {k: str(v) for k, v in vars(args).items()}}

    def save():
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1))

    daemons: list[Daemon] = []
    rc = 0
    with tempfile.TemporaryDirectory(prefix="net-bench-") as tmp:
        work = Path(tmp)
        try:
            busy = busy_loopback_octets()
            free = [o for o in range(200, 251) if o not in busy]
            if len(free) < 2:
                die("no two free 127.X.0.0/16 ranges")
            for mode, octet in zip(MODES, free):
                daemons.append(Daemon(mode, args.bin, work, octet))
            for d in daemons:
                setup(d, args.kgsports, work)
            iso = daemons[1]
            check_enforced(iso)
            for d in daemons:
                check(d, "before")
            # idle cost: the daemon's and its instances' CPU with no load (health checks, resync)
            results["idle"] = {}
            for d in daemons:
                pids = [p for i in d.webs + [d.client, d.other] for p in d.instance_pids(i)]
                c0, i0, t0 = cpu_ticks(d.proc.pid), cpu_of(pids), time.monotonic()
                time.sleep(5)
                c1, i1, t1 = cpu_ticks(d.proc.pid), cpu_of(pids), time.monotonic()
                results["idle"][d.mode] = {"daemon_cores": (c1 - c0) / CLK_TCK / (t1 - t0),
                                           "instances_cores": (i1 - i0) / CLK_TCK / (t1 - t0)}
                log(f"{d.mode}: idle daemon {results['idle'][d.mode]['daemon_cores'] * 1000:.1f} ms CPU/s, "
                    f"4 instances {results['idle'][d.mode]['instances_cores'] * 1000:.1f} ms CPU/s")
            # warm-up (target pools, page cache)
            for d in daemons:
                subprocess.run(["timeout", "20", "wrk", "-t2", "-c64", "-d2s", d.lb_url], capture_output=True)
            rows: list = []
            results["wrk"] = rows
            kinds = [k for k in ["lb-keepalive", "lb-close", "direct-close"] if k not in skip]
            for rnd in range(args.rounds):
                for k in kinds:
                    order = daemons if rnd % 2 == 0 else daemons[::-1]
                    for d in order:
                        rows.append(wrk_run(d, k, args.connections, args.duration, rnd))
                        save()
                        check(d, f"after {k} round {rnd}")
                        time.sleep(0.5)
            if args.perf:
                stamp = dt.date.today().isoformat()
                results["perf"] = [perf_run(d, k, args.connections, 5, args.json.parent, stamp)
                                   for k in ("direct-close", "lb-keepalive") for d in daemons]
                save()
                for d in daemons:
                    check(d, "after perf")
            if "launch" not in skip:
                results["launch"] = []
                for k in range(args.launches):
                    order = daemons if k % 2 == 0 else daemons[::-1]
                    for d in order:
                        results["launch"].append(launch_sample(d, k, args.poll_every_ms / 1000, 0.01))
                        save()
                for d in daemons:
                    check(d, "after the launches")
            results["loadavg_after"] = open("/proc/loadavg").read().split()[:3]
            md = report(results)
            save()
            print("\n" + md)
            args.json.with_suffix(".md").write_text(md)
            log(f"wrote {args.json} and {args.json.with_suffix('.md')}")
        except BenchError as e:
            print(f"net_bench: {e}", file=sys.stderr)
            results["error"] = str(e)
            args.json.parent.mkdir(parents=True, exist_ok=True)
            for d in daemons:  # keep the daemons' logs of a failed run
                shutil.copy(d.log, args.json.with_name(f"{args.json.stem}-{d.mode}-failed.log"))
                ii = d.data / "ec2" / "instances"
                for c in (ii.glob("*/console.log") if ii.exists() else []):
                    shutil.copy(c, args.json.with_name(f"{args.json.stem}-{d.mode}-{c.parent.name}-console.log"))
            save()
            rc = 2
        finally:
            for d in daemons:
                d.close()
    sys.exit(rc)


if __name__ == "__main__":
    main()
