#!/usr/bin/env python3
"""CloudFormation benchmark: stack create and delete times, homeground beside moto in one run,
loopback only (results: docs/benchmarks.md, section "CloudFormation").

* **100 independent resources** (50 SNS topics and 50 security groups in the default VPC):
  CreateStack → CREATE_COMPLETE and DeleteStack → DELETE_COMPLETE, polled with DescribeStacks
  every 20 ms; `--runs` runs on each server, median and worst reported. On homeground each
  resource is really made through its service's API as the caller (topics, groups in EC2).
* **The KG SPORTS stack** (`shared/acceptance/kgsports-stack.yaml`, unchanged, on homeground):
  CreateStack → CREATE_COMPLETE, then → the WebsiteURL output serving the KG SPORTS page, and
  DeleteStack → DELETE_COMPLETE. moto is given the same template; what it answers is reported
  as it is (it records resources; nothing runs behind them).
* Server CPU (utime+stime from /proc/<pid>/stat) over each create and delete.

It builds nothing: `cargo build --release -p homeground -p kgsports` first (or --bin).
Run under `flock /tmp/hg-ec2.lock` (the KG SPORTS stack starts instances on loopback):
  flock /tmp/hg-ec2.lock python3 bench/cfn_bench.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cw_bench as cb  # noqa: E402

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
KGSPORTS_TEMPLATE = REPO.parent / "shared" / "acceptance" / "kgsports-stack.yaml"
REGION = "ap-northeast-2"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu(pid: int) -> int:
    """utime+stime of a process and its reaped children, in clock ticks."""
    f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in f[11:15])


def hundred() -> str:
    lines = ["Resources:"]
    for i in range(50):
        lines += [f"  Topic{i}:", "    Type: AWS::SNS::Topic", "    Properties:", f"      TopicName: bench-topic-{i}"]
        lines += [f"  Group{i}:", "    Type: AWS::EC2::SecurityGroup", "    Properties:",
                  f"      GroupDescription: bench group {i}",
                  "      SecurityGroupIngress:",
                  "        - { IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0 }"]
    return "\n".join(lines) + "\n"


def client(port: int, creds, service: str):
    return boto3.client(service, endpoint_url=f"http://127.0.0.1:{port}", region_name=REGION,
                        aws_access_key_id=creds[0], aws_secret_access_key=creds[1],
                        config=Config(retries={"max_attempts": 0}, read_timeout=120))


def wait_status(cfn, stack_id: str, limit: float) -> str:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        s = cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"]
        if not s.endswith("IN_PROGRESS"):
            return s
        time.sleep(0.02)
    return "TIMEOUT"


def timed_stack(name: str, proc, cfn, stack: str, body: str, params=None, limit=300.0, serve=None) -> dict:
    out: dict = {}
    c0, t0 = cpu(proc.pid), time.monotonic()
    kw = {"StackName": stack, "TemplateBody": body, "Capabilities": ["CAPABILITY_NAMED_IAM"]}
    if params:
        kw["Parameters"] = params
    stack_id = cfn.create_stack(**kw)["StackId"]
    out["create_status"] = wait_status(cfn, stack_id, limit)
    out["create_s"] = time.monotonic() - t0
    out["create_cpu_s"] = (cpu(proc.pid) - c0) / CLK_TCK
    if serve and out["create_status"] == "CREATE_COMPLETE":
        outputs = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName=stack_id)["Stacks"][0].get("Outputs", [])}
        url = outputs.get("WebsiteURL")
        while url and time.monotonic() - t0 < limit:
            try:
                if "KG SPORTS" in urllib.request.urlopen(url, timeout=2).read().decode():
                    out["serving_s"] = time.monotonic() - t0
                    break
            except OSError:
                time.sleep(0.05)
    c0, t0 = cpu(proc.pid), time.monotonic()
    cfn.delete_stack(StackName=stack_id)
    status = wait_status(cfn, stack_id, limit)
    out["delete_status"] = "DELETE_COMPLETE" if status in ("DELETE_COMPLETE",) else status
    out["delete_s"] = time.monotonic() - t0
    out["delete_cpu_s"] = (cpu(proc.pid) - c0) / CLK_TCK
    print(f"{name}: {stack}: {out}", flush=True)
    return out


def kgsports_params(port: int, creds, work: Path) -> list[dict]:
    ec2 = client(port, creds, "ec2")
    bundle = work / "kg-ami"
    (bundle / "rootfs" / "bin").mkdir(parents=True, exist_ok=True)
    (bundle / "rootfs" / "data").mkdir(exist_ok=True)
    shutil.copy2(REPO / "target" / "release" / "kgsports", bundle / "rootfs" / "bin" / "kgsports")
    (bundle / "homeground-image.json").write_text(json.dumps({
        "boot": ["bin/kgsports", "--listen", "{private_ip}:80", "--data-dir", "data"], "health_port": 80}))
    ami = ec2.register_image(Name="KG-Ami", ImageLocation=str(bundle))["ImageId"]
    ec2.create_key_pair(KeyName="kg-key")
    return [{"ParameterKey": k, "ParameterValue": v} for k, v in {
        "KgAmiId": ami, "BastionAmiId": ami, "KeyName": "kg-key", "AdminCidr": "127.0.0.0/8",
        "OperatorEmail": "ops@kgsports.com"}.items()]


def summary(runs: list[dict], key: str) -> str:
    vals = [r[key] for r in runs if key in r]
    if not vals:
        return "—"
    return f"median {statistics.median(vals):.2f} s, worst {max(vals):.2f} s"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", type=Path, default=REPO / "target" / "release" / "homeground")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "cfn-latest.json")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cfn-bench-"))
    results: dict = {"runs": args.runs}
    body = hundred()
    hg_proc, hg_port, hg_creds = cb.start_homeground(args.bin, work)
    moto_proc, moto_port, moto_creds = cb.start_moto(work)
    try:
        for name, proc, port, creds in (("homeground", hg_proc, hg_port, hg_creds),
                                        ("moto", moto_proc, moto_port, moto_creds)):
            cfn = client(port, creds, "cloudformation")
            runs = [timed_stack(name, proc, cfn, f"hundred-{i}", body) for i in range(args.runs)]
            results[f"{name}_hundred"] = runs
        # The KG SPORTS stack: homeground runs it; moto is asked the same.
        params = kgsports_params(hg_port, hg_creds, work)
        results["homeground_kgsports"] = timed_stack(
            "homeground", hg_proc, client(hg_port, hg_creds, "cloudformation"), "kgsports",
            KGSPORTS_TEMPLATE.read_text(), params, serve=True)
        moto_params = [dict(p, ParameterValue="ami-12c6146b" if p["ParameterKey"].endswith("AmiId") else p["ParameterValue"])
                       for p in params]
        try:
            client(moto_port, moto_creds, "ec2").create_key_pair(KeyName="kg-key")
            results["moto_kgsports"] = timed_stack("moto", moto_proc, client(moto_port, moto_creds, "cloudformation"),
                                                   "kgsports", KGSPORTS_TEMPLATE.read_text(), moto_params, limit=120)
        except Exception as e:  # noqa: BLE001 — what moto answers is the result
            results["moto_kgsports"] = {"error": str(e)[:300]}
            print(f"moto: kgsports: {e}", flush=True)
    finally:
        for p in (hg_proc, moto_proc):
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        # Instances outlive the daemon: end any left under the benchmark's data dir.
        for pid in Path("/proc").iterdir():
            if pid.name.isdigit():
                try:
                    if str(work) in os.readlink(pid / "cwd"):
                        os.kill(int(pid.name), signal.SIGKILL)
                except OSError:
                    pass
    for name in ("homeground", "moto"):
        runs = results[f"{name}_hundred"]
        print(f"{name}: 100 resources: create {summary(runs, 'create_s')}, delete {summary(runs, 'delete_s')}; "
              f"statuses {[r['create_status'] for r in runs]}", flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1))
    print(f"results in {args.json}")


if __name__ == "__main__":
    main()
