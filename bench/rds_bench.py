#!/usr/bin/env python3
"""RDS benchmark: DB instances that are real MariaDB servers, beside moto's server (which has no
database) in the same run, on loopback only.

What it measures (the reading is in docs/benchmarks.md, section "RDS"):

* **CreateDBInstance → first connection.** The clock starts just before boto3 sends
  CreateDBInstance and stops at the first successful PyMySQL connection (master user, DBName) to
  the Endpoint DescribeDBInstances gives (polled every 20 ms). Phases: the API answer, `available`
  in DescribeDBInstances, the first connection. moto: the API answer only (it reports the
  instance available at once; there is nothing to connect to).
* **CreateDBInstanceReadReplica → a row written before is served.** 1,000 rows are written to
  the primary first; the clock stops when the replica's Endpoint answers `SELECT COUNT(*)` with
  all of them. moto: the API answer only.
* **Replica lag under a write load.** One connection inserts rows (id, payload) on the primary at
  a target rate for a fixed time (autocommit: every row its own transaction, durable:
  sync_binlog=1 and innodb_flush_log_at_trx_commit=1); a reader on the replica polls
  `SELECT MAX(id)` every millisecond. A row's lag is the time from its INSERT returning on the
  primary to the first poll that sees it on the replica. Reported: the write rate reached,
  p50/p99/max lag, and the poll interval (the resolution).

Everything it starts it stops (instances deleted through the API, then the daemons; as a safety
net every process whose cwd lies under the benchmark's data dir is killed).

With `--engine postgres` the same measures run on PostgreSQL DB instances (pg8000 as the
client: `pip install pg8000`; durable commits are PostgreSQL's default, synchronous_commit=on).

It builds nothing: `cargo build --release -p homeground` first (or pass --binary).
Usage: python3 bench/rds_bench.py [--engine mysql|postgres] [--samples 3] [--rate 1000] [--seconds 10] [--binary PATH]
"""

from __future__ import annotations

import argparse
import configparser
import os
import platform
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

import boto3
import pymysql
from botocore.config import Config

REPO = Path(__file__).resolve().parents[1]
REGION = "ap-northeast-2"
PASSWORD = "Bench-pass-2026"
POLL = 0.001  # seconds between the lag reader's polls


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(pred, timeout: float, interval: float, what: str):
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def client(endpoint: str, key: str, secret: str):
    return boto3.client("rds", endpoint_url=endpoint, region_name=REGION, aws_access_key_id=key,
                        aws_secret_access_key=secret,
                        config=Config(retries={"total_max_attempts": 1}, read_timeout=60))


def start_homeground(binary: Path, data: Path):
    port = free_port()
    proc = subprocess.Popen([str(binary), "up", "--listen", f"127.0.0.1:{port}", "--data-dir", str(data)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env={k: v for k, v in os.environ.items() if not k.startswith("AWS_")})
    for line in proc.stdout:
        if "ready" in line:
            break
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
    cp = configparser.ConfigParser()
    cp.read(data / "credentials")
    d = cp["default"]
    return proc, client(f"http://127.0.0.1:{port}", d["aws_access_key_id"].strip(),
                        d["aws_secret_access_key"].strip())


def start_moto():
    port = free_port()
    proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    rds = client(endpoint, "testing", "testing")

    def up():
        try:
            rds.describe_db_instances()
            return True
        except Exception:  # noqa: BLE001 - not listening yet
            return False
    wait_for(up, 30, 0.1, "moto_server")
    return proc, rds


ENGINE = "mysql"  # set from --engine


def create_args(db_id: str) -> dict:
    version = {"EngineVersion": "15"} if ENGINE == "postgres" else {}
    return dict(DBInstanceIdentifier=db_id, Engine=ENGINE, DBInstanceClass="db.t3.micro", AllocatedStorage=20,
                MasterUsername="benchadmin", MasterUserPassword=PASSWORD, DBName="bench", **version)


def describe(rds, db_id):
    return rds.describe_db_instances(DBInstanceIdentifier=db_id)["DBInstances"][0]


def connect(ep: dict):
    """The engine's ordinary driver at the Endpoint, autocommit (every statement its own
    transaction)."""
    if ENGINE == "postgres":
        import pg8000.dbapi
        conn = pg8000.dbapi.connect(host=ep["Address"], port=ep["Port"], user="benchadmin", password=PASSWORD,
                                    database="bench", timeout=5)
        conn.autocommit = True
        return conn
    return pymysql.connect(host=ep["Address"], port=ep["Port"], user="benchadmin", password=PASSWORD,
                           database="bench", connect_timeout=5, autocommit=True)


def driver_errors() -> tuple:
    if ENGINE == "postgres":
        import pg8000.dbapi
        return (pg8000.dbapi.Error, pg8000.exceptions.InterfaceError, OSError)
    return (pymysql.err.MySQLError,)


def try_connect(ep: dict):
    try:
        return connect(ep)
    except driver_errors():
        return None


def has_table(conn, name: str) -> bool:
    cur = conn.cursor()
    if ENGINE == "postgres":
        cur.execute("SELECT to_regclass(%s) IS NOT NULL", (name,))
        return bool(cur.fetchone()[0])
    return cur.execute("SHOW TABLES LIKE %s", (name,)) == 1


def create_to_connection(rds, db_id: str) -> dict:
    t0 = time.monotonic()
    rds.create_db_instance(**create_args(db_id))
    answered = time.monotonic() - t0
    db = wait_for(lambda: (d := describe(rds, db_id))["DBInstanceStatus"] == "available" and d, 120, 0.02,
                  f"{db_id} available")
    available = time.monotonic() - t0
    conn = wait_for(lambda: try_connect(db["Endpoint"]), 30, 0.02, f"a connection to {db_id}")
    connected = time.monotonic() - t0
    conn.close()
    return {"answer": answered, "available": available, "connected": connected, "db": db}


def delete(rds, db_id: str):
    rds.delete_db_instance(DBInstanceIdentifier=db_id, SkipFinalSnapshot=True)

    def gone():
        try:
            describe(rds, db_id)
            return False
        except rds.exceptions.DBInstanceNotFoundFault:
            return True
    wait_for(gone, 60, 0.1, f"{db_id} deleted")


def replica_lag(primary_ep: dict, replica_ep: dict, rate: float, seconds: float) -> dict:
    w = connect(primary_ep)
    w.cursor().execute("CREATE TABLE lag_probe (id INT PRIMARY KEY, payload VARCHAR(64))")
    r = connect(replica_ep)
    wait_for(lambda: has_table(r, "lag_probe"), 10, 0.01, "the table on the replica")
    committed: dict[int, float] = {}
    seen: dict[int, float] = {}
    polls = [0]
    stop = threading.Event()

    def reader():
        last = 0
        cur = r.cursor()
        while not stop.is_set() or last < len(committed):
            cur.execute("SELECT COALESCE(MAX(id), 0) FROM lag_probe")
            now = time.monotonic()
            polls[0] += 1
            m = cur.fetchone()[0]
            for i in range(last + 1, m + 1):
                seen[i] = now
            last = max(last, m)
            time.sleep(POLL)  # the resolution; a tighter loop would load the replica's CPU
            if stop.is_set() and time.monotonic() - stop_time[0] > 10:
                break

    stop_time = [0.0]
    t = threading.Thread(target=reader)
    t.start()
    interval = 1.0 / rate
    start = time.monotonic()
    next_at = start
    i = 0
    c = w.cursor()
    if True:
        while time.monotonic() - start < seconds:
            i += 1
            c.execute("INSERT INTO lag_probe VALUES (%s, %s)", (i, "x" * 48))
            committed[i] = time.monotonic()
            next_at += interval
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
    elapsed = time.monotonic() - start
    stop_time[0] = time.monotonic()
    stop.set()
    t.join()
    w.close()
    r.close()
    lags = sorted((seen[k] - committed[k]) * 1000 for k in committed if k in seen)
    if len(lags) != len(committed):
        raise SystemExit(f"{len(committed) - len(lags)} rows never reached the replica")
    q = statistics.quantiles(lags, n=100)
    return {"rows": len(committed), "rate": len(committed) / elapsed, "p50": q[49], "p99": q[98], "max": lags[-1],
            "poll_ms": (elapsed + 0.0) * 1000 / max(polls[0], 1)}


def kill_under(root: Path):
    root = str(root.resolve())
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        if cwd == root or cwd.startswith(root + "/"):
            try:
                os.kill(int(pid), signal.SIGKILL)
            except ProcessLookupError:
                pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["mysql", "postgres"], default="mysql")
    ap.add_argument("--samples", type=int, default=3)
    ap.add_argument("--rate", type=float, default=1000)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--binary", type=Path, default=REPO / "target" / "release" / "homeground")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "rds-latest.md")
    args = ap.parse_args()
    global ENGINE
    ENGINE = args.engine
    if not args.binary.exists():
        raise SystemExit(f"{args.binary} is missing: cargo build --release -p homeground (or --binary)")
    for tool in (("psql",) if ENGINE == "postgres" else ("mariadbd", "mariabackup")) + ("moto_server",):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing")
    work = Path(tempfile.mkdtemp(prefix="rds-bench-"))
    hg_proc, rds = start_homeground(args.binary, work / "region")
    moto_proc, moto = start_moto()
    lines = []
    try:
        creates = []
        for n in range(args.samples):
            s = create_to_connection(rds, f"bench-{n}")
            creates.append(s)
            print(f"create {n}: answer {s['answer']*1000:.0f} ms, available {s['available']:.2f} s, "
                  f"connected {s['connected']:.2f} s", flush=True)
        moto_creates = []
        for n in range(args.samples):
            t0 = time.monotonic()
            moto.create_db_instance(**create_args(f"bench-{n}"))
            moto_creates.append(time.monotonic() - t0)

        primary = creates[0]["db"]
        conn = connect(primary["Endpoint"])
        c = conn.cursor()
        c.execute("CREATE TABLE seed (id INT PRIMARY KEY, v VARCHAR(40))")
        c.execute("INSERT INTO seed SELECT * FROM (VALUES " + ", ".join(f"({i}, 'row{i}')" for i in range(1000))
                  + ") AS v(id, v)" if ENGINE == "postgres" else
                  "INSERT INTO seed VALUES " + ", ".join(f"({i}, 'row{i}')" for i in range(1000)))
        conn.close()
        t0 = time.monotonic()
        rds.create_db_instance_read_replica(DBInstanceIdentifier="bench-replica",
                                            SourceDBInstanceIdentifier="bench-0")
        answered = time.monotonic() - t0
        rep = wait_for(lambda: (d := describe(rds, "bench-replica"))["DBInstanceStatus"] == "available" and d,
                       120, 0.02, "the replica available")
        available = time.monotonic() - t0

        def serves():
            c = try_connect(rep["Endpoint"])
            if not c:
                return False
            try:
                cur = c.cursor()
                cur.execute("SELECT COUNT(*) FROM seed")
                return cur.fetchone()[0] == 1000
            except driver_errors():
                return False  # not there yet
            finally:
                c.close()
        wait_for(serves, 30, 0.02, "the replica serving the rows")
        replica_serving = time.monotonic() - t0
        print(f"replica: answer {answered*1000:.0f} ms, available {available:.2f} s, serving {replica_serving:.2f} s",
              flush=True)
        t0 = time.monotonic()
        moto.create_db_instance_read_replica(DBInstanceIdentifier="bench-replica", SourceDBInstanceIdentifier="bench-0")
        moto_replica = time.monotonic() - t0

        lag = replica_lag(primary["Endpoint"], rep["Endpoint"], args.rate, args.seconds)
        print(f"lag: {lag}", flush=True)

        med = lambda xs: statistics.median(xs)  # noqa: E731
        lines += [
            f"# RDS benchmark ({ENGINE})",
            "",
            f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}; "
            f"binary {args.binary.relative_to(REPO) if args.binary.is_relative_to(REPO) else args.binary}; "
            f"engine {ENGINE}: " + (subprocess.run(['psql', '--version'], capture_output=True, text=True).stdout.strip()
                                    if ENGINE == "postgres" else "MariaDB " + subprocess.run(
                                        ['mariadbd', '--version'], capture_output=True, text=True).stdout.split()[2]),
            "",
            "| measure | homeground | moto |",
            "|---|---|---|",
            f"| CreateDBInstance answer (median of {args.samples}) | {med([c['answer'] for c in creates])*1000:.0f} ms "
            f"| {med(moto_creates)*1000:.0f} ms |",
            f"| CreateDBInstance → available (median) | {med([c['available'] for c in creates]):.2f} s | "
            "reported at once (no database) |",
            f"| CreateDBInstance → first connection (median; max) | {med([c['connected'] for c in creates]):.2f} s; "
            f"{max(c['connected'] for c in creates):.2f} s | nothing to connect to |",
            f"| CreateDBInstanceReadReplica answer | {answered*1000:.0f} ms | {moto_replica*1000:.0f} ms |",
            f"| CreateDBInstanceReadReplica → serving 1,000 rows written before | {replica_serving:.2f} s | "
            "nothing to connect to |",
            f"| write load on the primary (target {args.rate:.0f}/s, {args.seconds:.0f} s, 1 connection, "
            f"durable commits) | {lag['rate']:.0f} rows/s, {lag['rows']} rows | — |",
            f"| replica lag p50 / p99 / max | {lag['p50']:.1f} / {lag['p99']:.1f} / {lag['max']:.1f} ms "
            f"(poll every {lag['poll_ms']:.2f} ms) | — |",
            "",
        ]
    finally:
        for db_id in ["bench-replica"] + [f"bench-{n}" for n in range(args.samples)]:
            try:
                delete(rds, db_id)
            except Exception:  # noqa: BLE001 - best effort; the safety net follows
                pass
        for p in (hg_proc, moto_proc):
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
        kill_under(work)
        shutil.rmtree(work, ignore_errors=True)
    report = "\n".join(lines)
    print(report)
    args.out.write_text(report + "\n")


if __name__ == "__main__":
    sys.exit(main())
