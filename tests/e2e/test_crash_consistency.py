"""kill -9 in the middle of a burst of writes: every acknowledged write survives, nothing
half-written appears."""

import json
import re
import threading

import hg


class Burst:
    """Run `op(client, name)` for every name from several threads until the daemon goes away."""

    def __init__(self, region, names, op, threads=6):
        self.names = list(names)
        self.op = op
        self.ok: list[str] = []
        self.failed: list[tuple[str, str]] = []  # (name, error) – outcome unknown if a connection error
        self.aws_errors: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._next = 0
        self.progress = threading.Condition(self._lock)
        # Clients are built up front: building one takes longer than a call.
        self.clients = [region.client("iam", connect_timeout=2, read_timeout=10) for _ in range(threads)]
        self.threads = [threading.Thread(target=self._run, args=(c,), daemon=True) for c in self.clients]

    def _take(self):
        with self._lock:
            if self._next >= len(self.names):
                return None
            n = self.names[self._next]
            self._next += 1
            return n

    def _run(self, client):
        while (name := self._take()) is not None:
            try:
                self.op(client, name)
            except hg.ClientError as e:
                with self._lock:
                    self.aws_errors.append((name, hg.client_error(e)[0]))
                    self.progress.notify_all()
                continue
            except Exception as e:  # connection refused/reset: the daemon is gone
                with self._lock:
                    self.failed.append((name, repr(e)))
                    self.progress.notify_all()
                return
            with self._lock:
                self.ok.append(name)
                self.progress.notify_all()

    def start(self):
        for t in self.threads:
            t.start()

    def wait_for(self, successes, timeout=60):
        with self._lock:
            assert self.progress.wait_for(lambda: len(self.ok) >= successes or len(self.failed) > 0,
                                          timeout=timeout), f"only {len(self.ok)} successes in {timeout}s"
            assert not self.failed, f"calls failed before the kill: {self.failed[:3]}"

    def join(self):
        for t in self.threads:
            t.join(timeout=30)
            assert not t.is_alive(), "a client thread hung after the daemon was killed"


def assert_complete_user(u, account, name=None):
    if name is not None:
        assert u["UserName"] == name
    assert u["Arn"] == f"arn:aws:iam::{account}:user/{u['UserName']}", u
    assert re.fullmatch(r"AIDA[A-Z0-9]{17}", u["UserId"]), u
    assert u["Path"] == "/", u
    assert u["CreateDate"] is not None, u


def all_users(iam):
    out = []
    for page in iam.get_paginator("list_users").paginate(PaginationConfig={"PageSize": 100}):
        out.extend(page["Users"])
    return out


def check_audit_log(region):
    """Every complete line of the audit log is JSON (a torn last line after kill -9 is tolerated)."""
    if not region.audit_log.exists():
        return
    data = region.audit_log.read_bytes()
    lines = data.split(b"\n")
    complete = lines[:-1]  # the part after the last newline may be torn by the kill
    for i, line in enumerate(complete):
        if line.strip():
            try:
                json.loads(line)
            except ValueError:
                raise AssertionError(f"audit.log line {i + 1} is not JSON: {line[:200]!r}")


def test_kill_9_during_create_burst(new_region):
    r = new_region()
    account = r.account
    root_before = r.credentials_file.read_bytes()
    names = [f"u{i}" for i in range(300)]

    burst = Burst(r, names, lambda c, n: c.create_user(UserName=n, Tags=[{"Key": "n", "Value": n}]))
    burst.start()
    burst.wait_for(100)
    r.kill9()
    burst.join()
    assert not burst.aws_errors, burst.aws_errors[:5]
    acknowledged = set(burst.ok)
    assert 100 <= len(acknowledged) < 300, f"{len(acknowledged)} successes: the kill did not land mid-burst"

    r.start()
    assert r.credentials_file.read_bytes() == root_before
    iam = r.client("iam")
    assert r.client("sts").get_caller_identity()["Account"] == account

    listed = all_users(iam)
    listed_names = [u["UserName"] for u in listed]
    assert len(listed_names) == len(set(listed_names)), "duplicate users listed"
    assert set(listed_names) <= set(names), f"unexpected users: {set(listed_names) - set(names)}"
    missing = acknowledged - set(listed_names)
    assert not missing, f"{len(missing)} acknowledged creates were lost: {sorted(missing)[:10]}"
    # At most the calls in flight at the kill may have committed without an answer.
    assert len(listed_names) <= len(acknowledged) + len(burst.threads)
    assert len({u["UserId"] for u in listed}) == len(listed)
    for u in listed:
        assert_complete_user(u, account)
        got = iam.get_user(UserName=u["UserName"])["User"]
        assert_complete_user(got, account, u["UserName"])
        assert got["UserId"] == u["UserId"]
        assert got.get("Tags") == [{"Key": "n", "Value": u["UserName"]}], got
    check_audit_log(r)

    # The region still works normally: unfinished names can be created, finished ones conflict.
    not_created = [n for n in names if n not in set(listed_names)]
    iam.create_user(UserName=not_created[0])
    code, _, _ = hg.expect_client_error(iam.create_user, UserName=sorted(acknowledged)[0])
    assert code == "EntityAlreadyExists"

    # Second round: deletes (of existing) and creates (of the rest) interleaved, killed again.
    existing = sorted(set(listed_names) | {not_created[0]})
    rest = [n for n in names if n not in existing]
    work = [x for pair in zip(existing, rest) for x in pair] + existing[len(rest):] + rest[len(existing):]

    def mixed(c, n):
        if n in existing:
            c.delete_user(UserName=n)
        else:
            c.create_user(UserName=n)

    burst2 = Burst(r, work, mixed)
    burst2.start()
    burst2.wait_for(60)
    r.kill9()
    burst2.join()
    assert not burst2.aws_errors, burst2.aws_errors[:5]
    r.start()

    iam = r.client("iam")
    after = {u["UserName"]: u for u in all_users(iam)}
    for n in burst2.ok:
        if n in existing:
            assert n not in after, f"acknowledged delete of {n} was lost"
            code, _, _ = hg.expect_client_error(iam.get_user, UserName=n)
            assert code == "NoSuchEntity"
        else:
            assert n in after, f"acknowledged create of {n} was lost"
    untouched = set(existing) - set(work[:burst2._next])
    assert untouched <= set(after), "users nobody touched disappeared"
    for u in after.values():
        assert_complete_user(u, account)
        assert iam.get_user(UserName=u["UserName"])["User"]["UserId"] == u["UserId"]
    check_audit_log(r)

    # A clean stop after all that still exits 0.
    assert r.stop() == 0, r.describe()
