#!/usr/bin/env python3
"""Elastic Load Balancing benchmark: homeground's proxy beside nginx and HAProxy, in one run,
loopback only, fronting the same backends (issue 16, section "Benchmark").

The proxies (each on both cores):
* homeground: `homeground up` (release build), an application load balancer created through
  boto3 (two default subnets, an HTTP listener, a target group of type `ip` with the three
  backend addresses, health checks every 1 s, thresholds 2/2).
* nginx (Debian's package): its own config in a temp dir, `worker_processes 2`, an upstream of
  the three backends with `keepalive 256` (--nginx-keepalive), HTTP/1.1 to the backends, `max_fails=1
  fail_timeout=1s`, `proxy_connect_timeout 1s`, `proxy_read_timeout 3s`.
* HAProxy (Debian's package): `nbthread 2`, `mode http`, keep-alive both sides (default
  `http-reuse safe`), `check inter 1s fall 2 rise 2`, `retries 3`, `option redispatch`,
  `timeout connect 1s`, `timeout server 3s`.

Backends: for the throughput and latency runs one nginx (1 worker) serving a 100-byte static
answer on three loopback addresses (127.0.9.1-3), with `stub_status` on a fourth address so
the number of backend connections opened per run is known (backend connection reuse). For the
failure runs three small Python asyncio keep-alive servers (one process per target, so one
can be killed or stopped) that log every request they read (request id, method, time) with an
unbuffered append, so a kill -9 loses nothing already logged.

Measured:
1. Closed loop: `wrk -t2 -c{64,256}` (keep-alive), requests/s, wrk's p50/p99, and the proxy's
   CPU per request (utime+stime of every process of the proxy from /proc/<pid>/stat over the
   window). Rounds interleave the proxies (A, B, C, A, B, C).
2. Open loop (wrk2 is not packaged in Debian 12): a small C generator compiled with gcc at run
   time (epoll, one thread, 64 keep-alive connections; `--generator python` for the asyncio one)
   fires requests at fixed due times (2,000 and 5,000 rps), latency counted from the due time
   (so a stall is not hidden by coordinated omission); p50/p99/p99.9 and the generator's own
   dispatch lateness.
3. Failure: 500 rps, alternating GET and POST (the POST body carries the request id), through
   three Python targets: kill -9 of target a, restart 3 s later (time until the restarted target
   reads its first request), then SIGSTOP of target b for 5 s (time until the proxy stops
   sending it new requests, requests that took > 1 s, failures). Replayed POSTs: a POST id read
   by the backends more than once.

It builds nothing: `cargo build --release -p homeground` first (or --bin PATH).
Usage: python3 bench/elb_bench.py [--bin PATH] [--duration 8] [--rounds 2] [--skip ...]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import multiprocessing as mp
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REGION = "ap-northeast-2"
CLK_TCK = os.sysconf("SC_CLK_TCK")
BACKENDS = ["127.0.9.1", "127.0.9.2", "127.0.9.3"]
STUB = "127.0.9.4"
NGINX_ADDR = "127.0.9.21"
HAPROXY_ADDR = "127.0.9.22"
BODY = ("homeground elb bench: a one-hundred-byte answer from the backend, padded to length...." + "x" * 100)[:99] + "\n"
assert len(BODY) == 100

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_bench import cpu_split, cpu_ticks, free_port, machine_busy_s, stop  # noqa: E402
from cw_bench import start_homeground  # noqa: E402
import wrk_output  # noqa: E402


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def die(msg: str) -> "None":
    print(f"elb_bench: {msg}", file=sys.stderr)
    raise SystemExit(2)


def pct(xs: list[float], q: float):
    if not xs:
        return None
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def children(pid: int) -> list[int]:
    out = [pid]
    try:
        for t in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{t}/children") as f:
                for c in f.read().split():
                    out += children(int(c))
    except OSError:
        pass
    return sorted(set(out))


def cpu_of(pids: list[int]) -> int:
    return sum(user_and_kernel(pids))


def user_and_kernel(pids: list[int]) -> tuple[int, int]:
    """(utime, stime) of these processes, in clock ticks."""
    u = k = 0
    for p in pids:
        try:
            du, dk = cpu_split(p)
        except OSError:
            continue
        u, k = u + du, k + dk
    return u, k


def wait_http(host: str, port: int, path: str = "/", timeout: float = 20, want: bytes = b"") -> None:
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://{host}:{port}{path}", timeout=2) as r:
                body = r.read()
                if r.status == 200 and want in body:
                    return
        except Exception as e:  # noqa: BLE001
            last = e
        time.sleep(0.1)
    die(f"http://{host}:{port}{path} not answering within {timeout} s ({last})")


# ---------------------------------------------------------------------------------------------
# backends and peers


def start_backend_nginx(work: Path, port: int, stub_port: int) -> subprocess.Popen:
    d = work / "backend-nginx"
    d.mkdir()
    listens = "\n".join(f"    listen {a}:{port} reuseport;" for a in BACKENDS)
    body = BODY.replace("\n", "\\n")
    (d / "nginx.conf").write_text(f"""
user root;
worker_processes 1;
daemon off;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fcgi;
  uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;
  keepalive_requests 1000000; keepalive_timeout 300s;
  server {{
{listens}
    default_type text/plain;
    location = /health {{ return 200 "ok\\n"; }}
    location / {{ return 200 "{body}"; }}
  }}
  server {{
    listen {STUB}:{stub_port};
    location / {{ stub_status; }}
  }}
}}
""")
    p = subprocess.Popen(["nginx", "-p", str(d), "-c", str(d / "nginx.conf")], stdin=subprocess.DEVNULL,
                         stdout=open(d / "out.log", "ab"), stderr=subprocess.STDOUT)
    for a in BACKENDS:
        wait_http(a, port, want=BODY.encode())
    return p


def backend_accepts(stub_port: int) -> int:
    with urllib.request.urlopen(f"http://{STUB}:{stub_port}/", timeout=5) as r:
        txt = r.read().decode()
    return int(txt.split("\n")[2].split()[0])


def start_nginx_proxy(work: Path, name: str, port: int, backend_port: int, keepalive: int = 256) -> subprocess.Popen:
    d = work / name
    d.mkdir()
    servers = "\n".join(f"    server {a}:{backend_port} max_fails=1 fail_timeout=1s;" for a in BACKENDS)
    (d / "nginx.conf").write_text(f"""
user root;
worker_processes 2;
daemon off;
pid {d}/nginx.pid;
error_log {d}/error.log error;
worker_rlimit_nofile 20000;
events {{ worker_connections 8192; }}
http {{
  access_log off;
  client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fcgi;
  uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;
  keepalive_requests 1000000; keepalive_timeout 300s;
  upstream backends {{
{servers}
    keepalive {keepalive};
    keepalive_requests 1000000;
  }}
  server {{
    listen {NGINX_ADDR}:{port} backlog=4096;
    location / {{
      proxy_pass http://backends;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_connect_timeout 1s;
      proxy_read_timeout 3s;
    }}
  }}
}}
""")
    p = subprocess.Popen(["nginx", "-p", str(d), "-c", str(d / "nginx.conf")], stdin=subprocess.DEVNULL,
                         stdout=open(d / "out.log", "ab"), stderr=subprocess.STDOUT)
    return p


def start_haproxy(work: Path, name: str, port: int, backend_port: int) -> subprocess.Popen:
    d = work / name
    d.mkdir()
    servers = "\n".join(f"  server t{i} {a}:{backend_port} check inter 1s fall 2 rise 2"
                        for i, a in enumerate(BACKENDS))
    (d / "haproxy.cfg").write_text(f"""
global
  nbthread 2
  maxconn 8000
defaults
  mode http
  option http-keep-alive
  timeout connect 1s
  timeout client 60s
  timeout server 3s
  timeout http-keep-alive 300s
  retries 3
  option redispatch
frontend fe
  bind {HAPROXY_ADDR}:{port} backlog 4096
  default_backend be
backend be
  balance roundrobin
  option httpchk GET /health
{servers}
""")
    return subprocess.Popen(["haproxy", "-db", "-f", str(d / "haproxy.cfg")], stdin=subprocess.DEVNULL,
                            stdout=open(d / "out.log", "ab"), stderr=subprocess.STDOUT)


class Proxy:
    def __init__(self, name: str, host: str, port: int, pid_fn):
        self.name, self.host, self.port, self.pid_fn = name, host, port, pid_fn

    def pids(self) -> list[int]:
        return self.pid_fn()


def homeground_alb(hg_port: int, creds, backend_port: int, listen_port: int, name: str) -> dict:
    import boto3
    from botocore.config import Config
    kw = dict(region_name=REGION, endpoint_url=f"http://127.0.0.1:{hg_port}", aws_access_key_id=creds[0],
              aws_secret_access_key=creds[1], config=Config(retries={"max_attempts": 2}, parameter_validation=False))
    ec2, elbv2 = boto3.client("ec2", **kw), boto3.client("elbv2", **kw)
    subnets = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]
    zones, picked = set(), []
    for s in subnets:
        if s["AvailabilityZone"] not in zones:
            zones.add(s["AvailabilityZone"])
            picked.append(s)
    lb = elbv2.create_load_balancer(Name=name, Subnets=[s["SubnetId"] for s in picked[:2]],
                                    Type="application")["LoadBalancers"][0]
    tg = elbv2.create_target_group(Name=name, Protocol="HTTP", Port=backend_port, VpcId=picked[0]["VpcId"],
                                   TargetType="ip", HealthCheckPath="/health", HealthCheckIntervalSeconds=1,
                                   HealthCheckTimeoutSeconds=1, HealthyThresholdCount=2,
                                   UnhealthyThresholdCount=2)["TargetGroups"][0]
    tga = tg["TargetGroupArn"]
    elbv2.modify_target_group_attributes(TargetGroupArn=tga, Attributes=[
        {"Key": "deregistration_delay.timeout_seconds", "Value": "1"}])
    elbv2.register_targets(TargetGroupArn=tga, Targets=[{"Id": a, "Port": backend_port} for a in BACKENDS])
    elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=listen_port,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": tga}])
    deadline = time.time() + 30
    while True:
        d = elbv2.describe_target_health(TargetGroupArn=tga)["TargetHealthDescriptions"]
        if len(d) == 3 and all(x["TargetHealth"]["State"] == "healthy" for x in d):
            break
        if time.time() > deadline:
            die(f"homeground targets not healthy within 30 s: {d}")
        time.sleep(0.2)
    return {"host": lb["DNSName"], "tg": tga, "elbv2": elbv2, "lb": lb["LoadBalancerArn"]}


# ---------------------------------------------------------------------------------------------
# closed loop (wrk)


def wrk_run(proxy: Proxy, conns: int, duration: float, stub_port: int) -> dict:
    url = f"http://{proxy.host}:{proxy.port}/"
    pids = proxy.pids()
    a0 = backend_accepts(stub_port)
    (u0, k0), m0 = user_and_kernel(pids), machine_busy_s()
    cmd = ["timeout", str(int(duration) + 30), "wrk", "-t2", f"-c{conns}", f"-d{int(duration)}s", "--timeout", "5s",
           "--latency", url]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    (u1, k1), m1 = user_and_kernel(pids), machine_busy_s()
    c0, c1 = u0 + k0, u1 + k1
    a1 = backend_accepts(stub_port)
    w = wrk_output.read(out)
    if w is None:
        die(f"wrk printed no result for {proxy.name}:\n{out}")
    reqs, secs = w["requests"], w["seconds"]
    cpu_s = (c1 - c0) / CLK_TCK
    r = {"proxy": proxy.name, "connections": conns, "requests": reqs, "rps": reqs / secs,
         "cpu_us_per_req": cpu_s * 1e6 / max(1, reqs), "proxy_cpu_cores": cpu_s / secs,
         "user_us_per_req": (u1 - u0) / CLK_TCK * 1e6 / max(1, reqs),
         "kernel_us_per_req": (k1 - k0) / CLK_TCK * 1e6 / max(1, reqs),
         "machine_busy_cores": (m1 - m0) / secs, "p50_ms": w["p50_ms"], "p99_ms": w["p99_ms"],
         "non2xx": w["non2xx"], "socket_errors": w["socket_errors"],
         "backend_conns_opened": a1 - a0}
    log(f"{proxy.name:10s} c={conns:3d}: {r['rps']:8.0f} req/s, {r['cpu_us_per_req']:5.1f} µs CPU/req "
        f"(user {r['user_us_per_req']:.1f}, kernel {r['kernel_us_per_req']:.1f}) "
        f"({r['proxy_cpu_cores']:.2f} cores), p50 {r['p50_ms']} ms p99 {r['p99_ms']} ms, "
        f"backend conns opened {r['backend_conns_opened']}, non-2xx {r['non2xx']}, errors {r['socket_errors']}")
    return r


# ---------------------------------------------------------------------------------------------
# open loop (asyncio generator, one process)


REQUEST_TIMEOUT = 10.0


async def _read_response(reader) -> tuple[int, bytes, bool]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    n, keep, chunked = None, lines[0].startswith("HTTP/1.1"), False
    for line in lines[1:]:
        k, _, v = line.partition(":")
        k = k.strip().lower()
        if k == "content-length":
            n = int(v)
        elif k == "connection" and v.strip().lower() == "close":
            keep = False
        elif k == "transfer-encoding" and "chunked" in v.lower():
            chunked = True
    body = b""
    if n is not None:
        body = await reader.readexactly(n) if n else b""
    elif chunked:
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            parts.append((await reader.readexactly(size + 2))[:-2])
            if size == 0:
                break
        body = b"".join(parts)
    else:
        body = await reader.read()
        keep = False
    return status, body, keep


def loadgen_main(host: str, port: int, due: list[float], start_wall: float, out_file: str, post_every: int) -> None:
    """Fires request k at start_wall + due[k] on an idle keep-alive connection (or a new one);
    every post_every-th request is a POST whose body is its id. One record per request:
    [due offset, latency from due (s), status (0 = none), answer body (first 16 bytes), error,
    dispatch lateness (s), method]."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ValueError, OSError):
        pass
    records: list = [None] * len(due)
    stats = {"stale_retries": 0, "connects": 0, "max_inflight": 0}

    async def main():
        loop = asyncio.get_running_loop()
        idle: list = []
        inflight = 0
        offset = start_wall - time.time() + loop.time()

        async def exchange(conn, req: bytes):
            conn[1].write(req)
            await conn[1].drain()
            return await _read_response(conn[0])

        async def one(k: int, due_at: float):
            nonlocal inflight
            lateness = loop.time() - due_at
            inflight += 1
            stats["max_inflight"] = max(stats["max_inflight"], inflight)
            post = post_every and k % post_every == 0
            if post:
                b = f"id={k}".encode()
                req = (f"POST /order HTTP/1.1\r\nHost: {host}\r\nX-Req: {k}\r\nContent-Type: text/plain\r\n"
                       f"Content-Length: {len(b)}\r\n\r\n").encode() + b
            else:
                req = f"GET /r HTTP/1.1\r\nHost: {host}\r\nX-Req: {k}\r\n\r\n".encode()
            status, body, err = 0, b"", ""
            try:
                async def go():
                    while idle:
                        conn = idle.pop()
                        try:
                            return conn, await exchange(conn, req)
                        except (asyncio.IncompleteReadError, ConnectionResetError, BrokenPipeError) as e:
                            conn[1].close()
                            if isinstance(e, asyncio.IncompleteReadError) and e.partial:
                                raise
                            stats["stale_retries"] += 1
                    reader, writer = await asyncio.open_connection(host, port)
                    stats["connects"] += 1
                    conn = (reader, writer)
                    try:
                        return conn, await exchange(conn, req)
                    except BaseException:
                        writer.close()
                        raise
                conn, (status, body, keep) = await asyncio.wait_for(go(), REQUEST_TIMEOUT)
                if keep:
                    idle.append(conn)
                else:
                    conn[1].close()
            except asyncio.TimeoutError:
                err = "timeout"
            except Exception as e:  # noqa: BLE001
                err = type(e).__name__
            done = loop.time()
            inflight -= 1
            records[k] = [due[k], round(done - due_at, 6), status, body[:16].decode("latin-1").strip(), err,
                          round(lateness, 6), "POST" if post else "GET"]

        tasks = []
        for k, d in enumerate(due):
            due_at = offset + d
            now = loop.time()
            if due_at > now:
                await asyncio.sleep(due_at - now)
            tasks.append(asyncio.create_task(one(k, due_at)))
        await asyncio.gather(*tasks)
        for c in idle:
            c[1].close()

    t_cpu = time.process_time()
    asyncio.run(main())
    stats["cpu_s"] = time.process_time() - t_cpu
    with open(out_file, "w") as f:
        json.dump({"records": records, "stats": stats}, f)


def open_loop(proxy: Proxy, rate: float, duration: float, work: Path, post_every: int = 0,
              events=None) -> tuple[list, dict, float]:
    """Runs the generator in a forked process for `duration` s at `rate`; `events` is a list of
    (offset s, callable) run from this process at those offsets. Returns (records, stats, t0)."""
    n = int(rate * duration)
    due = [k / rate for k in range(n)]
    out = work / f"ol-{proxy.name}-{int(rate)}-{time.time():.0f}.json"
    t0 = time.time() + 0.5
    p = mp.get_context("fork").Process(target=loadgen_main,
                                       args=(proxy.host, proxy.port, due, t0, str(out), post_every), daemon=True)
    p.start()
    for at, fn in sorted(events or [], key=lambda e: e[0]):
        delay = t0 + at - time.time()
        if delay > 0:
            time.sleep(delay)
        fn()
    p.join(duration + REQUEST_TIMEOUT + 30)
    if p.is_alive():
        p.kill()
        die(f"load generator for {proxy.name} did not finish")
    data = json.loads(out.read_text())
    return data["records"], data["stats"], t0


OLGEN_C = r'''/* open-loop HTTP/1.1 load generator (bench/elb_bench.py): olgen HOST PORT RATE SECONDS CONNS OUT
 * Request k is due at start + k/RATE; it goes out on an idle keep-alive connection as soon as one
 * is free (waiting for one counts in its latency: no coordinated omission). Latency = answer
 * complete - due. Writes "lat_us status lateness_us" per request to OUT. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct { int fd; int busy; long req; char buf[8192]; int len; } conn_t;
static struct sockaddr_in addr;
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static int dial(int ep, conn_t *c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { close(fd); return -1; }
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  fcntl(fd, F_SETFL, O_NONBLOCK);
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
  epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  c->fd = fd; c->busy = 0; c->len = 0;
  return 0;
}
int main(int argc, char **argv) {
  if (argc != 7) { fprintf(stderr, "usage\n"); return 2; }
  double rate = atof(argv[3]), secs = atof(argv[4]);
  int nconn = atoi(argv[5]);
  long n = (long)(rate * secs);
  addr.sin_family = AF_INET; addr.sin_port = htons(atoi(argv[2])); inet_pton(AF_INET, argv[1], &addr.sin_addr);
  char req[256];
  int rlen = snprintf(req, sizeof req, "GET / HTTP/1.1\r\nHost: %s\r\n\r\n", argv[1]);
  int ep = epoll_create1(0);
  conn_t *cs = calloc(nconn, sizeof(conn_t));
  for (int i = 0; i < nconn; i++) if (dial(ep, &cs[i]) < 0) { perror("connect"); return 1; }
  double *due = malloc(n * sizeof(double)), *lat = calloc(n, sizeof(double)), *late = calloc(n, sizeof(double));
  int *st = calloc(n, sizeof(int));
  long *pend = malloc(n * sizeof(long)), ph = 0, pt = 0, next = 0, done = 0;
  double t0 = now() + 0.2;
  for (long k = 0; k < n; k++) due[k] = t0 + k / rate;
  struct epoll_event evs[256];
  while (done < n) {
    double t = now();
    if (t > t0 + secs + 15) break;
    while (next < n && due[next] <= t) { late[next] = t - due[next]; pend[pt++] = next++; }
    for (int i = 0; i < nconn && ph < pt; i++) {
      conn_t *c = &cs[i];
      if (c->busy || c->fd < 0) continue;
      c->req = pend[ph++]; c->busy = 1; c->len = 0;
      if (write(c->fd, req, rlen) != rlen) { st[c->req] = 0; lat[c->req] = now() - due[c->req]; done++;
        close(c->fd); c->fd = -1; dial(ep, c); }
    }
    struct timespec to = {0, 0};
    if (next < n && ph == pt) { double w = due[next] - now(); if (w > 0) { to.tv_sec = (long)w; to.tv_nsec = (long)((w - (long)w) * 1e9); } }
    else if (ph < pt) { to.tv_nsec = 1000000; }
    else { to.tv_nsec = 10000000; }
    int m = epoll_pwait2(ep, evs, 256, &to, NULL);
    for (int e = 0; e < m; e++) {
      conn_t *c = evs[e].data.ptr;
      int r = read(c->fd, c->buf + c->len, sizeof c->buf - c->len - 1);
      if (r <= 0) {
        if (r < 0 && errno == EAGAIN) continue;
        if (c->busy) { st[c->req] = 0; lat[c->req] = now() - due[c->req]; done++; }
        epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL); close(c->fd); c->fd = -1;
        if (dial(ep, c) < 0) c->fd = -1;
        continue;
      }
      c->len += r; c->buf[c->len] = 0;
      char *h = strstr(c->buf, "\r\n\r\n");
      if (!h || !c->busy) continue;
      char *cl = strcasestr(c->buf, "content-length:");
      int body = cl ? atoi(cl + 15) : 0;
      if (c->len < (h + 4 - c->buf) + body) continue;
      st[c->req] = atoi(c->buf + 9); lat[c->req] = now() - due[c->req]; done++;
      c->busy = 0; c->len = 0;
    }
  }
  FILE *f = fopen(argv[6], "w");
  for (long k = 0; k < n; k++) fprintf(f, "%.1f %d %.1f\n", (lat[k] > 0 ? lat[k] : 15.0) * 1e6, st[k], late[k] * 1e6);
  fclose(f);
  return 0;
}
'''


def build_olgen(work: Path):
    """Compiles the C open-loop generator (gcc); None when that fails (the asyncio one is used)."""
    src, exe = work / "olgen.c", work / "olgen"
    src.write_text(OLGEN_C)
    r = subprocess.run(["timeout", "60", "gcc", "-O2", "-o", str(exe), str(src)], capture_output=True, text=True)
    return exe if r.returncode == 0 else None


def latency_run(proxy: Proxy, rate: float, duration: float, work: Path, olgen=None) -> dict:
    pids = proxy.pids()
    c0 = cpu_of(pids)
    if olgen:
        out = work / "olgen.out"
        t = time.process_time()
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(["timeout", str(int(duration) + 30), str(olgen), proxy.host, str(proxy.port), str(rate),
                        str(duration), "64", str(out)], check=True)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        recs = []
        for line in out.read_text().splitlines():
            lat_us, status, late_us = line.split()
            recs.append([0, float(lat_us) / 1e6, int(status), "", "", float(late_us) / 1e6, "GET"])
        stats = {"cpu_s": (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime), "connects": 64}
    else:
        recs, stats, _ = open_loop(proxy, rate, duration, work)
    c1 = cpu_of(pids)
    lats = [r[1] * 1000 for r in recs if r[2] == 200]
    late = [r[5] * 1000 for r in recs]
    r = {"proxy": proxy.name, "rate": rate, "requests": len(recs), "ok": len(lats),
         "failed": len(recs) - len(lats), "p50_ms": pct(lats, 0.5), "p99_ms": pct(lats, 0.99),
         "p999_ms": pct(lats, 0.999), "max_ms": max(lats) if lats else None,
         "gen_lateness_p99_ms": pct(late, 0.99), "gen_lateness_max_ms": max(late) if late else None,
         "gen_cpu_s": stats["cpu_s"], "connects": stats["connects"],
         "cpu_us_per_req": (c1 - c0) / CLK_TCK * 1e6 / max(1, len(recs))}
    log(f"{proxy.name:10s} {rate:5.0f} rps open loop: p50 {r['p50_ms']:.2f} p99 {r['p99_ms']:.2f} "
        f"p99.9 {r['p999_ms']:.2f} max {r['max_ms']:.1f} ms, failed {r['failed']}, generator late p99 "
        f"{r['gen_lateness_p99_ms']:.2f} ms, proxy {r['cpu_us_per_req']:.1f} µs CPU/req")
    return r


# ---------------------------------------------------------------------------------------------
# failure runs (Python targets)


PY_BACKEND = r'''
import asyncio, os, sys, time
name, host, port, logpath = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
fd = os.open(logpath, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path = lines[0].split(" ")[:2]
            n, rid = 0, "-"
            for l in lines[1:]:
                k, _, v = l.partition(":")
                k = k.strip().lower()
                if k == "content-length":
                    n = int(v)
                elif k == "x-req":
                    rid = v.strip()
            body = await reader.readexactly(n) if n else b""
            if path != "/health":
                os.write(fd, f"{time.time():.4f} {method} {rid} {body.decode('latin-1')}\n".encode())
            out = (name + "\n").encode()
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(out) + out)
            await writer.drain()
    except Exception:
        pass
    finally:
        writer.close()
async def main():
    srv = await asyncio.start_server(handle, host, port, backlog=1024, reuse_address=True)
    async with srv:
        await srv.serve_forever()
asyncio.run(main())
'''


class PyTargets:
    def __init__(self, work: Path, port: int):
        self.work, self.port = work, port
        self.script = work / "target.py"
        self.script.write_text(PY_BACKEND)
        self.procs: dict[str, subprocess.Popen] = {}
        self.logs: dict[str, Path] = {}

    def spawn(self, i: int, tag: str) -> float:
        name = "abc"[i]
        self.logs[name] = self.work / f"target-{name}-{tag}.log"
        self.procs[name] = subprocess.Popen([sys.executable, str(self.script), name, BACKENDS[i], str(self.port),
                                             str(self.logs[name])], stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                with socket.create_connection((BACKENDS[i], self.port), timeout=0.2):
                    return time.time()
            except OSError:
                time.sleep(0.005)
        die(f"target {name} did not start")

    def start_all(self, tag: str) -> None:
        for i in range(3):
            self.spawn(i, tag)

    def stop_all(self) -> None:
        for p in self.procs.values():
            try:
                p.send_signal(signal.SIGCONT)
            except OSError:
                pass
            stop(p)


def read_target_logs(paths: list[Path]) -> list[tuple]:
    out = []
    for p in paths:
        name = p.name.split("-")[1]
        if not p.exists():
            continue
        for line in p.read_text().splitlines():
            parts = line.split(" ", 3)
            if len(parts) >= 3:
                out.append((name, float(parts[0]), parts[1], parts[2]))
    return out


def failure_run(proxy: Proxy, targets: PyTargets, work: Path, rate: float = 500, duration: float = 16) -> dict:
    """a: kill -9 at 2 s, restarted at 5 s. b: SIGSTOP at 8 s, SIGCONT at 13 s."""
    tag = proxy.name
    marks: dict = {}
    log_paths: list[Path] = [targets.logs[n] for n in "abc"]

    def kill_a():
        targets.procs["a"].kill()
        marks["kill_a"] = time.time()
        targets.procs["a"].wait()

    def restart_a():
        marks["restart_a_spawn"] = time.time()
        marks["restart_a_up"] = targets.spawn(0, f"{tag}-r")
        log_paths.append(targets.logs["a"])

    def stop_b():
        targets.procs["b"].send_signal(signal.SIGSTOP)
        marks["stop_b"] = time.time()

    def cont_b():
        targets.procs["b"].send_signal(signal.SIGCONT)
        marks["cont_b"] = time.time()

    recs, stats, t0 = open_loop(proxy, rate, duration, work, post_every=2,
                                events=[(2.0, kill_a), (5.0, restart_a), (8.0, stop_b), (13.0, cont_b)])
    time.sleep(0.5)
    seen = [s for s in read_target_logs(log_paths) if s[1] >= t0 - 0.2]
    # rid → send (due) wall time
    due_wall = {str(k): t0 + r[0] for k, r in enumerate(recs)}
    posts = [s for s in seen if s[2] == "POST"]
    counts: dict = {}
    for s in posts:
        counts[s[3]] = counts.get(s[3], 0) + 1
    dup_posts = sum(1 for c in counts.values() if c > 1)
    failed = [(k, r) for k, r in enumerate(recs) if r[2] != 200]

    def window(a, b):
        return [(k, r) for k, r in failed if a <= t0 + r[0] < b]
    ka, ra, sb, cb = marks["kill_a"], marks["restart_a_up"], marks["stop_b"], marks["cont_b"]
    a_after = [s[1] for s in seen if s[0] == "a" and s[1] > ra]
    restart_to_traffic = (min(a_after) - ra) if a_after else None
    # requests the proxy handed to b after it stopped: b reads them after SIGCONT; the last one's
    # due time says when the proxy stopped sending new requests there.
    b_buffered = [s for s in seen if s[0] == "b" and s[1] >= cb and s[3] in due_wall and due_wall[s[3]] < cb]
    last_sent_to_b = max((due_wall[s[3]] for s in b_buffered), default=None)
    hung_exposure = (last_sent_to_b - sb) if last_sent_to_b else 0.0
    slow = [r for r in recs if sb <= t0 + r[0] < cb and r[2] == 200 and r[1] > 1.0]
    r = {"proxy": proxy.name, "requests": len(recs), "posts_sent": sum(1 for x in recs if x[6] == "POST"),
         "failed_total": len(failed),
         "failed_statuses": sorted({f"{x[1][2]}{'/' + x[1][4] if x[1][4] else ''}" for x in failed}),
         "failed_after_kill": len(window(ka - 0.01, ra)),
         "failed_get_after_kill": sum(1 for _, x in window(ka - 0.01, ra) if x[6] == "GET"),
         "failed_post_after_kill": sum(1 for _, x in window(ka - 0.01, ra) if x[6] == "POST"),
         "failed_during_hang": len(window(sb - 0.01, cb + 1)),
         "failed_get_during_hang": sum(1 for _, x in window(sb - 0.01, cb + 1) if x[6] == "GET"),
         "failed_post_during_hang": sum(1 for _, x in window(sb - 0.01, cb + 1) if x[6] == "POST"),
         "replayed_posts": dup_posts, "posts_read_by_targets": len(counts),
         "restart_to_traffic_s": restart_to_traffic, "restart_spawn_to_listen_s": ra - marks["restart_a_spawn"],
         "hung_target_sent_requests_for_s": hung_exposure, "hung_target_requests_buffered": len(b_buffered),
         "ok_but_over_1s_during_hang": len(slow),
         "p99_ms_during_hang": pct([x[1] * 1000 for x in recs if sb <= t0 + x[0] < cb], 0.99),
         "gen_lateness_p99_ms": pct([x[5] * 1000 for x in recs], 0.99)}
    log(f"{proxy.name:10s} failure: failed {r['failed_total']} ({r['failed_statuses']}), after kill -9 "
        f"{r['failed_get_after_kill']} GET / {r['failed_post_after_kill']} POST, replayed POSTs {dup_posts}, "
        f"restarted target served after {restart_to_traffic} s; hung target kept getting requests for "
        f"{hung_exposure:.2f} s ({len(b_buffered)} requests), {len(slow)} answered after > 1 s, "
        f"{r['failed_get_during_hang']} GET / {r['failed_post_during_hang']} POST failed during the hang")
    return r


# ---------------------------------------------------------------------------------------------


def summarize(rows: list[dict], keys: list[str], fields: list[str]) -> list[dict]:
    groups: dict = {}
    for r in rows:
        groups.setdefault(tuple(r[k] for k in keys), []).append(r)
    out = []
    for g, rs in groups.items():
        s = dict(zip(keys, g))
        s["runs"] = len(rs)
        for f in fields:
            vals = [r[f] for r in rs if r.get(f) is not None]
            if vals:
                s[f] = {"min": min(vals), "median": statistics.median(vals), "max": max(vals)}
        out.append(s)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", type=Path, default=REPO / "target" / "release" / "homeground")
    ap.add_argument("--duration", type=float, default=8)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--connections", default="64,256")
    ap.add_argument("--rates", default="2000,5000")
    ap.add_argument("--failure-rounds", type=int, default=2)
    ap.add_argument("--generator", choices=["c", "python"], default="c")
    ap.add_argument("--nginx-keepalive", type=int, default=256, help="idle upstream connections kept per nginx worker")
    ap.add_argument("--skip", default="", help="comma list of: closed,open,failure")
    ap.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "elb-latest.json")
    args = ap.parse_args()
    if not args.bin.exists():
        die(f"{args.bin} is missing: cargo build --release -p homeground")
    skip = set(filter(None, args.skip.split(",")))
    results: dict = {"when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
                     "loadavg_before": open("/proc/loadavg").read().split()[:3],
                     "nginx": subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip(),
                     "haproxy": subprocess.run(["haproxy", "-v"], capture_output=True, text=True).stdout.split("\n")[0],
                     "args": {k: str(v) for k, v in vars(args).items()}}

    def save():
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1))

    procs: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(prefix="elb-bench-") as tmp:
        work = Path(tmp)
        try:
            bport, stub_port = free_port(), free_port()
            hg_listen, ng_port, ha_port = free_port(), free_port(), free_port()
            backend = start_backend_nginx(work, bport, stub_port)
            procs.append(backend)
            hg, hg_port, creds = start_homeground(args.bin, work)
            procs.append(hg)
            ngx = start_nginx_proxy(work, "nginx", ng_port, bport, args.nginx_keepalive)
            procs.append(ngx)
            ha = start_haproxy(work, "haproxy", ha_port, bport)
            procs.append(ha)
            alb = homeground_alb(hg_port, creds, bport, hg_listen, "bench-alb")
            proxies = [Proxy("homeground", alb["host"], hg_listen, lambda: [hg.pid]),
                       Proxy("nginx", NGINX_ADDR, ng_port, lambda: children(ngx.pid)),
                       Proxy("haproxy", HAPROXY_ADDR, ha_port, lambda: children(ha.pid))]
            for p in proxies:
                wait_http(p.host, p.port, want=BODY.encode())
            log(f"proxies up: {[(p.name, p.host, p.port, p.pids()) for p in proxies]}")
            # warm-up
            for p in proxies:
                subprocess.run(["timeout", "20", "wrk", "-t2", "-c64", "-d2s", f"http://{p.host}:{p.port}/"],
                               capture_output=True)
            if "closed" not in skip:
                rows = []
                for rnd in range(args.rounds):
                    for c in [int(x) for x in args.connections.split(",")]:
                        for p in proxies:
                            rows.append({**wrk_run(p, c, args.duration, stub_port), "round": rnd})
                            results["closed_loop"] = rows
                            save()
                results["closed_loop_summary"] = summarize(rows, ["proxy", "connections"],
                                                           ["rps", "cpu_us_per_req", "user_us_per_req",
                                                            "kernel_us_per_req", "p50_ms", "p99_ms",
                                                            "backend_conns_opened", "machine_busy_cores"])
                save()
            if "open" not in skip:
                olgen = build_olgen(work) if args.generator == "c" else None
                log(f"open-loop generator: {'C (epoll, 64 keep-alive connections)' if olgen else 'Python asyncio'}")
                rows = []
                for rnd in range(args.rounds):
                    for rate in [float(x) for x in args.rates.split(",")]:
                        for p in proxies:
                            rows.append({**latency_run(p, rate, args.duration, work, olgen), "round": rnd,
                                         "generator": "c" if olgen else "python"})
                            results["open_loop"] = rows
                            save()
                results["open_loop_summary"] = summarize(rows, ["proxy", "rate"],
                                                         ["p50_ms", "p99_ms", "p999_ms", "max_ms",
                                                          "gen_lateness_p99_ms", "cpu_us_per_req"])
                save()
            if "failure" not in skip:
                # the throughput backends go; three Python targets take their addresses and port
                stop(backend)
                time.sleep(0.5)
                targets = PyTargets(work, bport)
                try:
                    targets.start_all("init")
                    rows = []
                    for p in [q for _ in range(args.failure_rounds) for q in proxies]:
                        # all three targets healthy again in every proxy before each run
                        time.sleep(3.5)
                        rows.append(failure_run(p, targets, work))
                        results["failure"] = rows
                        save()
                        for n in "abc":
                            targets.procs[n].send_signal(signal.SIGCONT)
                    results["failure_summary"] = summarize(rows, ["proxy"], [
                        "failed_total", "failed_get_after_kill", "failed_post_after_kill", "replayed_posts",
                        "restart_to_traffic_s", "hung_target_sent_requests_for_s", "ok_but_over_1s_during_hang",
                        "failed_get_during_hang", "failed_post_during_hang", "p99_ms_during_hang"])
                    save()
                finally:
                    targets.stop_all()
            results["machine_loadavg_after"] = open("/proc/loadavg").read().split()[:3]
            save()
            log(f"wrote {args.json}")
        finally:
            for p in procs:
                stop(p)


if __name__ == "__main__":
    main()
