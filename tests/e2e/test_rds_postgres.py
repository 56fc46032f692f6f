"""RDS Engine postgres: DB instances that are real PostgreSQL 15 servers, reached with the real
`psql` client at the Endpoint DescribeDBInstances gives, with the master user's password over
TCP; snapshots (pg_basebackup) restored into new instances with identical data, reboot, a
server killed with SIGKILL and brought back by the controller, stop/start, deletion, DB
parameter groups of family postgres15 applied to the running server, point-in-time restore from
the archived WAL, Multi-AZ with a synchronous standby and failover, and bad input refused with
RDS's codes — through the real aws CLI and boto3."""

from __future__ import annotations

import datetime
import json
import os
import signal
import subprocess
import threading
import time

import pytest

import hg

PASSWORD = "Kg-sports-2026!'pg"
MASTER = "kgadmin"


# --------------------------------------------------------------------------------------------
# Helpers


def describe(rds, db_id: str) -> dict:
    return rds.describe_db_instances(DBInstanceIdentifier=db_id)["DBInstances"][0]


def wait_status(rds, db_id: str, status: str, timeout: float = 90.0) -> dict:
    seen = []

    def reached():
        d = describe(rds, db_id)
        if not seen or seen[-1] != d["DBInstanceStatus"]:
            seen.append(d["DBInstanceStatus"])
        assert d["DBInstanceStatus"] != "failed", f"{db_id} failed (statuses seen: {seen})"
        return d if d["DBInstanceStatus"] == status else None

    return hg.wait_until(reached, timeout=timeout, interval=0.2, what=f"{db_id} {status} (seen {seen})")


def create_pg(region, db_id: str, *extra: str) -> dict:
    out = region.aws("rds", "create-db-instance", "--db-instance-identifier", db_id, "--engine", "postgres",
                     "--engine-version", "15", "--db-instance-class", "db.t3.micro",
                     "--master-username", MASTER, "--master-user-password", PASSWORD,
                     "--allocated-storage", "20", "--db-name", "kg", *extra)
    return out["DBInstance"]


def psql(db: dict, sql: str, password: str = PASSWORD, user: str = MASTER, database: str = "kg",
         check: bool = True) -> subprocess.CompletedProcess:
    """The real psql client at the instance's Endpoint (TCP), with the master credentials."""
    ep = db["Endpoint"]
    env = dict(os.environ, PGPASSWORD=password, PGCONNECT_TIMEOUT="5")
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", ep["Address"],
                          "-p", str(ep["Port"]), "-U", user, "-d", database, "-c", sql],
                         env=env, capture_output=True, text=True, timeout=30)
    if check:
        assert out.returncode == 0, (sql, out.stderr)
    return out


def value(db: dict, sql: str) -> str:
    return psql(db, sql).stdout.strip()


def count_rows(db: dict, table: str = "matches") -> int | None:
    out = psql(db, f"SELECT count(*) FROM {table}", check=False)
    return int(out.stdout.strip()) if out.returncode == 0 else None


CHECKSUM = "SELECT md5(string_agg(id || ':' || home || ':' || score, ',' ORDER BY id)) FROM matches"


def instance_dir(region, db_id: str):
    return region.data_dir / "rds" / "instances" / db_id


def server_pid(region, db_id: str) -> int:
    """The postmaster's pid (the first line of its postmaster.pid)."""
    return int((instance_dir(region, db_id) / "data" / "postmaster.pid").read_text().split("\n")[0])


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def gone(rds, db_id: str) -> bool:
    try:
        describe(rds, db_id)
        return False
    except hg.ClientError as e:
        return hg.client_error(e)[0] == "DBInstanceNotFound"


def delete_and_check(region, rds, db_id: str):
    directory = instance_dir(region, db_id)
    rds.delete_db_instance(DBInstanceIdentifier=db_id, SkipFinalSnapshot=True)
    hg.wait_until(lambda: gone(rds, db_id), timeout=60, interval=0.2, what=f"{db_id} deleted")
    assert not directory.exists(), "its data is gone"
    assert hg.instance_pids_under(directory) == [], "no process is left"


@pytest.fixture(scope="module")
def rds(region):
    region.rds = region.client("rds")
    return region.rds


# --------------------------------------------------------------------------------------------


def test_postgres_instance_serves_psql_survives_kill_and_reboot(region, rds):
    made = create_pg(region, "KgPg")
    assert made["DBInstanceStatus"] == "creating" and made["Engine"] == "postgres"
    assert made["DBInstanceIdentifier"] == "kgpg"
    db = wait_status(rds, "kgpg", "available")
    assert db["EngineVersion"].startswith("15."), db["EngineVersion"]
    ep = db["Endpoint"]
    assert ep["Address"].startswith("127.254.") and ep["Port"] == 5432
    assert db["MasterUsername"] == MASTER and db["DBName"] == "kg"
    assert db["DBParameterGroups"][0]["DBParameterGroupName"] == "default.postgres15"

    # The real server, the asked database, the master role as RDS makes it (no SUPERUSER).
    assert value(db, "SELECT version()").startswith("PostgreSQL 15")
    assert value(db, "SELECT current_database() || ',' || current_user") == f"kg,{MASTER}"
    flags = value(db, f"SELECT rolsuper || ',' || rolcreatedb || ',' || rolcreaterole FROM pg_roles "
                      f"WHERE rolname = '{MASTER}'")
    assert flags == "false,true,true", flags
    assert value(db, f"SELECT pg_has_role('{MASTER}', 'rds_superuser', 'member')") == "t"
    # A wrong password, and the administrator over TCP, are refused.
    bad = psql(db, "SELECT 1", password="not-the-password", check=False)
    assert bad.returncode != 0 and "password authentication failed" in bad.stderr, bad.stderr
    admin = psql(db, "SELECT 1", user="rdsadmin", password="", database="postgres", check=False)
    assert admin.returncode != 0, admin.stdout

    psql(db, "CREATE TABLE matches (id INT PRIMARY KEY, home TEXT, score TEXT)")
    # 200 rows, each its own committed transaction.
    psql(db, "; ".join(f"INSERT INTO matches VALUES ({i}, 'home{i}', '{i % 5}-{i % 3}')" for i in range(200)))
    assert count_rows(db) == 200
    checksum = value(db, CHECKSUM)

    # kill -9 of the server: the controller starts it again, crash recovery keeps every commit.
    pid = server_pid(region, "kgpg")
    os.kill(pid, signal.SIGKILL)
    t0 = time.monotonic()
    hg.wait_until(lambda: count_rows(db) is not None, timeout=60, interval=0.2, what="the server back")
    assert time.monotonic() - t0 < 60
    assert server_pid(region, "kgpg") != pid
    assert count_rows(db) == 200, "no committed row was lost"
    assert value(db, CHECKSUM) == checksum
    assert wait_status(rds, "kgpg", "available")["DBInstanceStatus"] == "available"
    messages = [e["Message"] for e in rds.describe_events(SourceType="db-instance",
                                                          SourceIdentifier="kgpg")["Events"]]
    assert any(m.startswith("DB instance restarted: its database server had stopped unexpectedly")
               for m in messages), messages

    # RebootDBInstance: a new server process, the data kept.
    pid = server_pid(region, "kgpg")
    assert rds.reboot_db_instance(DBInstanceIdentifier="kgpg")["DBInstance"]["DBInstanceStatus"] == "rebooting"
    wait_status(rds, "kgpg", "available")
    assert server_pid(region, "kgpg") != pid and not alive(pid)
    assert value(db, CHECKSUM) == checksum

    # Stop: no server; start: serving again with its data.
    rds.stop_db_instance(DBInstanceIdentifier="kgpg")
    wait_status(rds, "kgpg", "stopped")
    assert count_rows(db) is None
    assert hg.instance_pids_under(instance_dir(region, "kgpg")) == []
    rds.start_db_instance(DBInstanceIdentifier="kgpg")
    wait_status(rds, "kgpg", "available")
    assert value(db, CHECKSUM) == checksum

    # A new master password, applied on the server.
    rds.modify_db_instance(DBInstanceIdentifier="kgpg", MasterUserPassword="An0ther-Passw0rd", ApplyImmediately=True)
    hg.wait_until(lambda: psql(db, "SELECT 1", password="An0ther-Passw0rd", check=False).returncode == 0,
                  timeout=60, interval=0.2, what="the new password works")
    assert psql(db, "SELECT 1", check=False).returncode != 0, "the old password no longer works"
    wait_status(rds, "kgpg", "available")
    rds.modify_db_instance(DBInstanceIdentifier="kgpg", MasterUserPassword=PASSWORD, ApplyImmediately=True)
    hg.wait_until(lambda: psql(db, "SELECT 1", check=False).returncode == 0, timeout=60, interval=0.2,
                  what="the password back")
    wait_status(rds, "kgpg", "available")

    delete_and_check(region, rds, "kgpg")


def test_postgres_snapshot_restores_identical_data(region, rds):
    create_pg(region, "pgsnap", "--backup-retention-period", "0")
    src = wait_status(rds, "pgsnap", "available")
    psql(src, "CREATE TABLE matches (id INT PRIMARY KEY, home TEXT, score TEXT)")
    psql(src, "INSERT INTO matches SELECT i, 'team' || (i % 17), (i % 5) || '-' || (i % 3) "
              "FROM generate_series(1, 5000) AS i")
    checksum = value(src, CHECKSUM)

    out = region.aws("rds", "create-db-snapshot", "--db-instance-identifier", "pgsnap",
                     "--db-snapshot-identifier", "pgsnap-1")["DBSnapshot"]
    assert (out["Status"], out["Engine"]) == ("creating", "postgres")
    hg.wait_until(lambda: rds.describe_db_snapshots(DBSnapshotIdentifier="pgsnap-1")["DBSnapshots"][0]["Status"]
                  == "available", timeout=60, interval=0.2, what="pgsnap-1 available")
    wait_status(rds, "pgsnap", "available")
    # Writes after the snapshot are not in it.
    psql(src, "INSERT INTO matches VALUES (9999, 'late', '0-0')")

    out = region.aws("rds", "restore-db-instance-from-db-snapshot", "--db-instance-identifier", "pgcopy",
                     "--db-snapshot-identifier", "pgsnap-1")["DBInstance"]
    assert out["Engine"] == "postgres" and out["MasterUsername"] == MASTER and out["DBName"] == "kg"
    restored = wait_status(rds, "pgcopy", "available")
    assert restored["Endpoint"]["Port"] == 5432
    assert restored["Endpoint"]["Address"] != src["Endpoint"]["Address"]
    # The master role and password come with the snapshot; the data is identical.
    assert value(restored, CHECKSUM) == checksum
    assert count_rows(restored) == 5000
    psql(restored, "INSERT INTO matches VALUES (7777, 'mine', '1-1')")
    assert count_rows(src) == 5001, "the restored instance is independent of its source"
    # A restored instance is a writable primary (no standby or recovery left).
    assert value(restored, "SELECT pg_is_in_recovery()") == "f"

    delete_and_check(region, rds, "pgcopy")
    rds.delete_db_snapshot(DBSnapshotIdentifier="pgsnap-1")

    # DeleteDBInstance's final snapshot (the cleanly shut down datadir) restores too.
    final_checksum = value(src, CHECKSUM)
    directory = instance_dir(region, "pgsnap")
    rds.delete_db_instance(DBInstanceIdentifier="pgsnap", FinalDBSnapshotIdentifier="pgsnap-final")
    hg.wait_until(lambda: gone(rds, "pgsnap"), timeout=60, interval=0.2, what="pgsnap deleted")
    assert not directory.exists() and hg.instance_pids_under(directory) == []
    snaps = rds.describe_db_snapshots(DBSnapshotIdentifier="pgsnap-final")["DBSnapshots"]
    assert [(s["Status"], s["Engine"]) for s in snaps] == [("available", "postgres")]
    rds.restore_db_instance_from_db_snapshot(DBInstanceIdentifier="pgfinal", DBSnapshotIdentifier="pgsnap-final",
                                             BackupRetentionPeriod=0)
    final = wait_status(rds, "pgfinal", "available")
    assert value(final, CHECKSUM) == final_checksum and count_rows(final) == 5001
    delete_and_check(region, rds, "pgfinal")
    rds.delete_db_snapshot(DBSnapshotIdentifier="pgsnap-final")


def test_postgres_managed_master_password(region, rds):
    out = rds.create_db_instance(DBInstanceIdentifier="pgmanaged", Engine="postgres", DBInstanceClass="db.t3.micro",
                                 MasterUsername="postgres", ManageMasterUserPassword=True, AllocatedStorage=20,
                                 BackupRetentionPeriod=0)["DBInstance"]
    arn = out["MasterUserSecret"]["SecretArn"]
    db = wait_status(rds, "pgmanaged", "available")
    secret = json.loads(region.client("secretsmanager").get_secret_value(SecretId=arn)["SecretString"])
    assert secret["username"] == "postgres"
    # No DBName: only the `postgres` database, which the master role reaches with the secret's password.
    assert value_as(db, "SELECT current_user", secret["password"], "postgres") == "postgres"
    delete_and_check(region, rds, "pgmanaged")


def value_as(db: dict, sql: str, password: str, user: str) -> str:
    return psql(db, sql, password=password, user=user, database="postgres").stdout.strip()


def test_postgres_read_replica_streams_refuses_writes_and_promotes(region, rds):
    create_pg(region, "pgsrc")
    src = wait_status(rds, "pgsrc", "available")
    psql(src, "CREATE TABLE matches (id INT PRIMARY KEY, home TEXT, score TEXT)")
    psql(src, "INSERT INTO matches SELECT i, 'h' || i, '0-0' FROM generate_series(1, 100) AS i")

    out = region.aws("rds", "create-db-instance-read-replica", "--db-instance-identifier", "pgrep",
                     "--source-db-instance-identifier", "pgsrc")["DBInstance"]
    assert out["DBInstanceStatus"] == "creating" and out["Engine"] == "postgres"
    replica = wait_status(rds, "pgrep", "available")
    assert replica["ReadReplicaSourceDBInstanceIdentifier"] == "pgsrc"
    assert replica["Endpoint"]["Port"] == 5432
    assert replica["Endpoint"]["Address"] != src["Endpoint"]["Address"]
    assert describe(rds, "pgsrc")["ReadReplicaDBInstanceIdentifiers"] == ["pgrep"]
    # Seeded from a consistent copy, then streaming: new rows arrive within seconds.
    assert count_rows(replica) == 100
    assert value(replica, "SELECT pg_is_in_recovery()") == "t"
    psql(src, "INSERT INTO matches SELECT i, 'h' || i, '1-0' FROM generate_series(101, 150) AS i")
    hg.wait_until(lambda: count_rows(replica) == 150, timeout=10, interval=0.05, what="rows on the replica")
    psql(src, "UPDATE matches SET score = '2-1' WHERE id = 3")
    hg.wait_until(lambda: value(replica, "SELECT score FROM matches WHERE id = 3") == "2-1", timeout=10,
                  interval=0.05, what="the update on the replica")
    # Writes on the replica are refused, for the master role too.
    refused = psql(replica, "INSERT INTO matches VALUES (999, 'x', '0-0')", check=False)
    assert refused.returncode != 0 and "read-only transaction" in refused.stderr, refused.stderr

    # The AWS/RDS metrics are measured on the PostgreSQL servers too.
    cw = region.client("cloudwatch")

    def datapoints(metric: str, db_id: str) -> list[dict]:
        now = datetime.datetime.now(datetime.timezone.utc)
        return cw.get_metric_statistics(Namespace="AWS/RDS", MetricName=metric,
                                        Dimensions=[{"Name": "DBInstanceIdentifier", "Value": db_id}],
                                        StartTime=now - datetime.timedelta(minutes=5),
                                        EndTime=now + datetime.timedelta(minutes=1), Period=60,
                                        Statistics=["Maximum"])["Datapoints"]
    lag = hg.wait_until(lambda: datapoints("ReplicaLag", "pgrep"), timeout=30, interval=0.5,
                        what="a ReplicaLag datapoint")
    assert 0 <= lag[0]["Maximum"] < 5, lag
    hg.wait_until(lambda: datapoints("FreeStorageSpace", "pgsrc"), timeout=30, interval=0.5,
                  what="a FreeStorageSpace datapoint")
    assert datapoints("ReplicaLag", "pgsrc") == [], "a primary has no ReplicaLag"

    # A snapshot of the replica restores into a primary of its own, carrying no replication.
    rds.create_db_snapshot(DBInstanceIdentifier="pgrep", DBSnapshotIdentifier="pgrep-snap")
    hg.wait_until(lambda: rds.describe_db_snapshots(DBSnapshotIdentifier="pgrep-snap")["DBSnapshots"][0]["Status"]
                  == "available", timeout=60, interval=0.2, what="the replica's snapshot")
    wait_status(rds, "pgrep", "available")
    rds.restore_db_instance_from_db_snapshot(DBInstanceIdentifier="pgrep-copy", DBSnapshotIdentifier="pgrep-snap",
                                             BackupRetentionPeriod=0)
    copy = wait_status(rds, "pgrep-copy", "available")
    assert value(copy, "SELECT pg_is_in_recovery()") == "f"
    assert count_rows(copy) == 150
    auto = (instance_dir(region, "pgrep-copy") / "data" / "postgresql.auto.conf").read_text()
    assert "primary_conninfo" not in auto, "the replication password does not travel with the copy"
    delete_and_check(region, rds, "pgrep-copy")
    rds.delete_db_snapshot(DBSnapshotIdentifier="pgrep-snap")

    # A replica whose server is killed comes back and catches up.
    pid = server_pid(region, "pgrep")
    os.kill(pid, signal.SIGKILL)
    psql(src, "INSERT INTO matches VALUES (151, 'while-down', '0-0')")
    hg.wait_until(lambda: count_rows(replica) == 151, timeout=60, interval=0.2, what="the replica back, caught up")
    assert server_pid(region, "pgrep") != pid
    wait_status(rds, "pgrep", "available")

    # Promote: a writable primary of its own that no longer follows the source.
    assert rds.promote_read_replica(DBInstanceIdentifier="pgrep")["DBInstance"]["DBInstanceStatus"] == "modifying"
    promoted = wait_status(rds, "pgrep", "available")
    assert "ReadReplicaSourceDBInstanceIdentifier" not in promoted
    assert describe(rds, "pgsrc")["ReadReplicaDBInstanceIdentifiers"] == []
    assert value(promoted, "SELECT pg_is_in_recovery()") == "f"
    psql(promoted, "INSERT INTO matches VALUES (999, 'mine', '0-0')")
    assert count_rows(promoted) == 152
    psql(src, "INSERT INTO matches VALUES (152, 'p', 'q')")
    time.sleep(1.0)  # a negative check: replication (if it still ran) took well under this above
    assert value(promoted, "SELECT count(*) FROM matches WHERE id = 152") == "0"
    # Its server restarted stays a primary.
    rds.reboot_db_instance(DBInstanceIdentifier="pgrep")
    wait_status(rds, "pgrep", "available")
    assert value(promoted, "SELECT pg_is_in_recovery()") == "f" and count_rows(promoted) == 152

    delete_and_check(region, rds, "pgrep")
    delete_and_check(region, rds, "pgsrc")


def test_postgres_servers_outlive_a_daemon_restart(new_region):
    region = new_region()
    rds = region.client("rds")
    create_pg(region, "pgkeep", "--backup-retention-period", "0")
    db = wait_status(rds, "pgkeep", "available")
    psql(db, "CREATE TABLE matches (id INT PRIMARY KEY, home TEXT, score TEXT)")
    psql(db, "INSERT INTO matches VALUES (1, 'a', '0-0')")
    pid = server_pid(region, "pgkeep")

    region.restart()
    rds = region.client("rds")
    assert describe(rds, "pgkeep")["DBInstanceStatus"] == "available"
    assert server_pid(region, "pgkeep") == pid, "the server kept running through the restart"
    psql(db, "INSERT INTO matches VALUES (2, 'b', '0-0')")

    # A server that dies while the daemon is down is started again when it comes back.
    region.stop()
    os.kill(pid, signal.SIGKILL)
    hg.wait_until(lambda: not alive(pid), timeout=10, what="the server gone")
    region.start()
    rds = region.client("rds")
    hg.wait_until(lambda: count_rows(db) == 2, timeout=60, interval=0.2, what="serving again with its rows")
    wait_status(rds, "pgkeep", "available")
    delete_and_check(region, rds, "pgkeep")


def test_describe_db_engine_versions_lists_postgres(region, rds):
    out = region.aws("rds", "describe-db-engine-versions", "--engine", "postgres")["DBEngineVersions"]
    assert [(v["Engine"], v["DBParameterGroupFamily"]) for v in out] == [("postgres", "postgres15")], out
    assert out[0]["EngineVersion"].startswith("15.") and out[0]["MajorEngineVersion"] == "15"
    engines = {v["Engine"] for v in rds.describe_db_engine_versions()["DBEngineVersions"]}
    assert {"mysql", "postgres"} <= engines, engines
    assert rds.describe_db_engine_versions(Engine="postgres", EngineVersion="15")["DBEngineVersions"]
    assert rds.describe_db_engine_versions(DBParameterGroupFamily="postgres15")["DBEngineVersions"][0]["Engine"] \
        == "postgres"
    assert rds.describe_db_engine_versions(Engine="postgres", EngineVersion="16.1")["DBEngineVersions"] == []


def test_postgres_input_refused_with_rds_codes(region, rds):
    def create(**extra):
        args = dict(DBInstanceIdentifier="pgbad", Engine="postgres", DBInstanceClass="db.t3.micro",
                    MasterUsername=MASTER, MasterUserPassword=PASSWORD, AllocatedStorage=20)
        args.update(extra)
        return hg.expect_client_error(rds.create_db_instance, **args)

    code, msg, _ = create(MultiAZ=True, AvailabilityZone=f"{hg.DEFAULT_REGION}a")
    assert (code, msg) == ("InvalidParameterCombination",
                           "Requesting a specific availability zone is not valid for Multi-AZ instances."), (code, msg)
    code, msg, _ = create(EngineVersion="16.1")
    assert (code, msg) == ("InvalidParameterCombination", "Cannot find version 16.1 for postgres")
    code, msg, _ = create(DBParameterGroupName="default.mysql8.0")
    assert code == "InvalidParameterCombination", (code, msg)
    code, msg, _ = create(DBParameterGroupName="nosuch-pg-params")
    assert code == "DBParameterGroupNotFound", (code, msg)
    code, msg, _ = create(MasterUsername="rdsadmin")
    assert code == "InvalidParameterValue", (code, msg)
    assert gone(rds, "pgbad"), "nothing was made"


def test_postgres_parameter_groups_are_really_applied(region, rds):
    def show(db, name):
        return value(db, f"SHOW {name}")

    def apply_status(db_id):
        return describe(rds, db_id)["DBParameterGroups"][0]

    g = region.aws("rds", "create-db-parameter-group", "--db-parameter-group-name", "kg-pg-params",
                   "--db-parameter-group-family", "postgres15", "--description", "KG SPORTS pg")["DBParameterGroup"]
    assert (g["DBParameterGroupFamily"], g["DBParameterGroupArn"].endswith(":pg:kg-pg-params")) == ("postgres15", True)
    code, _, _ = hg.expect_client_error(rds.create_db_parameter_group, DBParameterGroupName="kg-pg-params",
                                        DBParameterGroupFamily="postgres15", Description="again")
    assert code == "DBParameterGroupAlreadyExists"
    code, _, _ = hg.expect_client_error(rds.create_db_parameter_group, DBParameterGroupName="kg-pg16",
                                        DBParameterGroupFamily="postgres16", Description="no such family")
    assert code == "InvalidParameterValue"

    # Multi-AZ: the standby's server takes the group's settings too.
    create_pg(region, "pgparams", "--backup-retention-period", "0", "--db-parameter-group-name", "kg-pg-params",
              "--multi-az")
    db = wait_status(rds, "pgparams", "available")
    assert apply_status("pgparams") == {"DBParameterGroupName": "kg-pg-params", "ParameterApplyStatus": "in-sync"}
    assert show(db, "work_mem") == "4MB" and show(db, "max_connections") == "100"
    hg.wait_until(lambda: any(e["Message"] == "Multi-AZ standby instance is available" for e in rds.describe_events(
        SourceType="db-instance", SourceIdentifier="pgparams")["Events"]), timeout=60, interval=0.2,
        what="the standby ready")
    conf = (instance_dir(region, "pgparams.standby") / "postgresql.conf").read_text()
    address = next(line.split("'")[1] for line in conf.splitlines() if line.startswith("listen_addresses"))
    standby = {"Endpoint": {"Address": address, "Port": 5432}}
    assert address != db["Endpoint"]["Address"] and value(standby, "SELECT pg_is_in_recovery()") == "t"

    # The group lists the real server's settings, with its apply types (postmaster = static).
    listed = {p["ParameterName"]: p for p in rds.get_paginator("describe_db_parameters").paginate(
        DBParameterGroupName="kg-pg-params").build_full_result()["Parameters"]}
    contexts = dict(line.split("|") for line in value(db, "SELECT name || '|' || context FROM pg_settings "
                                                          "WHERE context <> 'internal'").splitlines())
    assert set(listed) <= set(contexts), set(listed) - set(contexts)
    assert len(listed) > 250 and {"work_mem", "max_connections", "shared_buffers", "DateStyle"} <= set(listed)
    for name, p in listed.items():
        assert p["ApplyType"] == ("static" if contexts[name] == "postmaster" else "dynamic"), (name, p)
    assert (listed["work_mem"]["DataType"], listed["work_mem"]["AllowedValues"]) == ("integer", "64-2147483647")
    assert listed["max_connections"]["ParameterValue"] == "100"
    assert listed["port"]["IsModifiable"] is False and listed["work_mem"]["IsModifiable"] is True
    cli = region.aws("rds", "describe-db-parameters", "--db-parameter-group-name", "default.postgres15")
    assert len(cli["Parameters"]) == len(listed), "the CLI pages through them all"

    # Dynamic parameters reach the running server (its configuration read again).
    region.aws("rds", "modify-db-parameter-group", "--db-parameter-group-name", "kg-pg-params", "--parameters",
               "ParameterName=work_mem,ParameterValue=8192,ApplyMethod=immediate",
               "ParameterName=log_min_duration_statement,ParameterValue=250,ApplyMethod=immediate",
               "ParameterName=synchronous_commit,ParameterValue=remote_apply,ApplyMethod=immediate")
    hg.wait_until(lambda: show(db, "work_mem") == "8MB", timeout=10, interval=0.1, what="work_mem applied")
    assert show(db, "log_min_duration_statement") == "250ms"
    assert show(db, "synchronous_commit") == "remote_apply"
    assert apply_status("pgparams")["ParameterApplyStatus"] == "in-sync"
    hg.wait_until(lambda: show(standby, "work_mem") == "8MB", timeout=10, interval=0.1, what="work_mem on the standby")

    # A static one waits for a reboot.
    rds.modify_db_parameter_group(DBParameterGroupName="kg-pg-params", Parameters=[
        {"ParameterName": "max_connections", "ParameterValue": "150", "ApplyMethod": "pending-reboot"}])
    hg.wait_until(lambda: apply_status("pgparams")["ParameterApplyStatus"] == "pending-reboot", timeout=10,
                  interval=0.1, what="pending-reboot")
    assert show(db, "max_connections") == "100"
    assert value(db, "SELECT pending_restart FROM pg_settings WHERE name = 'max_connections'") == "t"
    rds.reboot_db_instance(DBInstanceIdentifier="pgparams")
    wait_status(rds, "pgparams", "available")
    assert apply_status("pgparams")["ParameterApplyStatus"] == "in-sync"
    assert show(db, "max_connections") == "150"
    assert show(db, "work_mem") == "8MB", "dynamic settings survive the restart"
    hg.wait_until(lambda: psql(standby, "SHOW max_connections", check=False).stdout.strip() == "150", timeout=30,
                  interval=0.2, what="max_connections on the standby")
    assert value(standby, "SELECT pg_is_in_recovery()") == "t"

    user_set = rds.describe_db_parameters(DBParameterGroupName="kg-pg-params", Source="user")["Parameters"]
    assert {p["ParameterName"]: p["ParameterValue"] for p in user_set} == {
        "work_mem": "8192", "log_min_duration_statement": "250", "synchronous_commit": "remote_apply",
        "max_connections": "150"}

    # Bad input: RDS's codes; the server's own parser judges the values.
    for params, want in [
        ([{"ParameterName": "max_connections", "ParameterValue": "0", "ApplyMethod": "pending-reboot"}],
         ("InvalidParameterValue", "Value: 0 is outside of range: 1-262143 for parameter: max_connections")),
        ([{"ParameterName": "nosuch", "ParameterValue": "1", "ApplyMethod": "immediate"}],
         ("InvalidParameterValue", "Could not find parameter with name: nosuch")),
        ([{"ParameterName": "max_connections", "ParameterValue": "200", "ApplyMethod": "immediate"}],
         ("InvalidParameterCombination", "cannot use immediate apply method for static parameter max_connections")),
        ([{"ParameterName": "port", "ParameterValue": "6000", "ApplyMethod": "pending-reboot"}],
         ("InvalidParameterValue", "The parameter port cannot be modified.")),
    ]:
        code, msg, _ = hg.expect_client_error(rds.modify_db_parameter_group, DBParameterGroupName="kg-pg-params",
                                              Parameters=params)
        assert (code, msg) == want
    code, msg, _ = hg.expect_client_error(rds.modify_db_parameter_group, DBParameterGroupName="kg-pg-params",
                                          Parameters=[{"ParameterName": "synchronous_commit",
                                                       "ParameterValue": "sometimes", "ApplyMethod": "immediate"}])
    assert code == "InvalidParameterValue" and "Available values:" in msg, (code, msg)
    code, _, _ = hg.expect_client_error(rds.modify_db_parameter_group, DBParameterGroupName="default.postgres15",
                                        Parameters=[{"ParameterName": "work_mem", "ParameterValue": "8192",
                                                     "ApplyMethod": "immediate"}])
    assert code == "InvalidParameterValue"
    code, _, _ = hg.expect_client_error(rds.delete_db_parameter_group, DBParameterGroupName="kg-pg-params")
    assert code == "InvalidDBParameterGroupState"
    assert show(db, "work_mem") == "8MB", "nothing refused reached the server"

    # Reset: the server's default again, at once.
    rds.reset_db_parameter_group(DBParameterGroupName="kg-pg-params", Parameters=[
        {"ParameterName": "work_mem", "ApplyMethod": "immediate"}])
    hg.wait_until(lambda: show(db, "work_mem") == "4MB", timeout=10, interval=0.1, what="work_mem reset")

    delete_and_check(region, rds, "pgparams")
    rds.delete_db_parameter_group(DBParameterGroupName="kg-pg-params")
    code, _, _ = hg.expect_client_error(rds.describe_db_parameter_groups, DBParameterGroupName="kg-pg-params")
    assert code == "DBParameterGroupNotFound"


def test_postgres_point_in_time_restore_lands_on_the_asked_second(region, rds):
    create_pg(region, "pgpitr")
    src = wait_status(rds, "pgpitr", "available")
    autos = rds.describe_db_snapshots(DBInstanceIdentifier="pgpitr", SnapshotType="automated")["DBSnapshots"]
    assert len(autos) == 1 and autos[0]["Status"] == "available", autos
    latest = describe(rds, "pgpitr")["LatestRestorableTime"]
    assert abs(latest.timestamp() - time.time()) < 10, latest

    psql(src, "CREATE TABLE matches (id INT PRIMARY KEY, phase TEXT)")
    for i in range(10):
        psql(src, f"INSERT INTO matches VALUES ({i}, 'before')")
    asked = int(time.time()) + 1  # the next whole second: every 'before' row is committed earlier
    hg.wait_until(lambda: time.time() >= asked + 1, timeout=5, interval=0.01, what="a second past the asked one")
    for i in range(10, 20):
        psql(src, f"INSERT INTO matches VALUES ({i}, 'after')")
    at = datetime.datetime.fromtimestamp(asked, datetime.timezone.utc)

    code, _, _ = hg.expect_client_error(rds.restore_db_instance_to_point_in_time, SourceDBInstanceIdentifier="pgpitr",
                                        TargetDBInstanceIdentifier="pgpitr-future",
                                        RestoreTime=at + datetime.timedelta(hours=1))
    assert code == "InvalidRestoreFault"
    code, _, _ = hg.expect_client_error(rds.restore_db_instance_to_point_in_time, SourceDBInstanceIdentifier="pgpitr",
                                        TargetDBInstanceIdentifier="pgpitr-both", RestoreTime=at,
                                        UseLatestRestorableTime=True)
    assert code == "InvalidParameterCombination"

    out = region.aws("rds", "restore-db-instance-to-point-in-time", "--source-db-instance-identifier", "pgpitr",
                     "--target-db-instance-identifier", "pgpitr-at", "--restore-time",
                     at.strftime("%Y-%m-%dT%H:%M:%SZ"))["DBInstance"]
    assert (out["DBInstanceStatus"], out["Engine"]) == ("creating", "postgres")
    restored = wait_status(rds, "pgpitr-at", "available", timeout=180)
    rows = value(restored, "SELECT phase || ':' || count(*) FROM matches GROUP BY phase")
    assert rows == "before:10", f"exactly what was committed before the asked second: {rows!r}"
    assert value(restored, "SELECT pg_is_in_recovery()") == "f", "a writable primary of its own"
    psql(restored, "INSERT INTO matches VALUES (100, 'mine')")
    auto = (instance_dir(region, "pgpitr-at") / "data" / "postgresql.auto.conf").read_text()
    assert "recovery_target_time" not in auto and "restore_command" not in auto, auto

    # The latest restorable time: everything committed before the call, nothing after.
    rds.restore_db_instance_to_point_in_time(SourceDBInstanceIdentifier="pgpitr",
                                             TargetDBInstanceIdentifier="pgpitr-latest",
                                             UseLatestRestorableTime=True)
    psql(src, "INSERT INTO matches VALUES (999, 'later')")
    newest = wait_status(rds, "pgpitr-latest", "available", timeout=180)
    rows = value(newest, "SELECT phase || ':' || count(*) FROM matches GROUP BY phase ORDER BY phase")
    assert rows.splitlines() == ["after:10", "before:10"], rows
    assert count_rows(src) == 21

    # A stopped source: its last WAL segment is read from its pg_wal, and a time after its last
    # commit (recovery finds no commit at or after it) restores everything it committed.
    psql(src, "INSERT INTO matches VALUES (1000, 'final')")
    final = int(time.time()) + 1
    hg.wait_until(lambda: time.time() >= final + 1, timeout=5, interval=0.01, what="a second past the last commit")
    rds.stop_db_instance(DBInstanceIdentifier="pgpitr")
    wait_status(rds, "pgpitr", "stopped")
    rds.restore_db_instance_to_point_in_time(
        SourceDBInstanceIdentifier="pgpitr", TargetDBInstanceIdentifier="pgpitr-stopped",
        RestoreTime=datetime.datetime.fromtimestamp(final, datetime.timezone.utc))
    stopped = wait_status(rds, "pgpitr-stopped", "available", timeout=180)
    rows = value(stopped, "SELECT phase || ':' || count(*) FROM matches GROUP BY phase ORDER BY phase")
    assert rows.splitlines() == ["after:10", "before:10", "final:1", "later:1"], rows
    log = (instance_dir(region, "pgpitr-stopped") / "error.log").read_text()
    assert "recovery ended before configured recovery target was reached" in log, "recovered again to the end"
    assert value(stopped, "SELECT pg_is_in_recovery()") == "f"

    for db_id in ("pgpitr-at", "pgpitr-latest", "pgpitr-stopped", "pgpitr"):
        delete_and_check(region, rds, db_id)
    assert not (region.data_dir / "rds" / "wal" / "pgpitr").exists(), "the WAL archive goes with its instance"


def test_postgres_multi_az_failover_keeps_the_endpoint_and_loses_nothing_committed(region, rds):
    create_pg(region, "pgmaz", "--multi-az")
    db = wait_status(rds, "pgmaz", "available")
    assert db["MultiAZ"] is True
    assert db["SecondaryAvailabilityZone"] != db["AvailabilityZone"]
    psql(db, "CREATE TABLE matches (id INT PRIMARY KEY)")

    def standby_events():
        return [e for e in rds.describe_events(SourceType="db-instance", SourceIdentifier="pgmaz")["Events"]
                if e["Message"] == "Multi-AZ standby instance is available"]

    password = [PASSWORD]

    def synchronous():
        return psql(db, "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync' AND state = 'streaming'",
                    password=password[0]).stdout.strip() == "1"
    hg.wait_until(lambda: len(standby_events()) == 1, timeout=60, interval=0.2, what="the standby ready")
    hg.wait_until(synchronous, timeout=20, interval=0.1, what="a synchronous standby streaming")
    rds.create_db_instance_read_replica(DBInstanceIdentifier="pgmazrep", SourceDBInstanceIdentifier="pgmaz")
    replica = wait_status(rds, "pgmazrep", "available")

    # A client commits rows all along (the real psql, one committed INSERT each), reconnecting
    # when the endpoint is briefly away.
    acked: list[int] = []
    stop = threading.Event()

    def writer():
        i = 0
        while not stop.is_set():
            i += 1
            if psql(db, f"INSERT INTO matches VALUES ({i})", check=False).returncode == 0:
                acked.append(i)  # the commit was acknowledged
            else:
                time.sleep(0.05)
    t = threading.Thread(target=writer)
    t.start()
    try:
        hg.wait_until(lambda: len(acked) >= 30, timeout=30, what="writes before the failover")
        pid = server_pid(region, "pgmaz")
        out = rds.reboot_db_instance(DBInstanceIdentifier="pgmaz", ForceFailover=True)["DBInstance"]
        assert out["DBInstanceStatus"] == "rebooting"
        after = wait_status(rds, "pgmaz", "available", timeout=90)
        n = len(acked)
        hg.wait_until(lambda: len(acked) >= n + 30, timeout=30, what="writes at the same endpoint after it")
    finally:
        stop.set()
        t.join(timeout=60)
    assert after["Endpoint"] == db["Endpoint"], "the endpoint follows the new primary"
    assert (after["AvailabilityZone"], after["SecondaryAvailabilityZone"]) == (
        db["SecondaryAvailabilityZone"], db["AvailabilityZone"])
    assert server_pid(region, "pgmaz") != pid and not alive(pid), "another server answers there now"
    rows = {int(r) for r in value(db, "SELECT id FROM matches").split()}
    missing = set(acked) - rows
    assert not missing, f"{len(missing)} acknowledged commits were lost: {sorted(missing)[:10]}"
    assert value(db, "SELECT pg_is_in_recovery()") == "f"
    messages = [e["Message"] for e in rds.describe_events(SourceType="db-instance",
                                                          SourceIdentifier="pgmaz")["Events"]]
    assert "Multi-AZ instance failover started." in messages and "Multi-AZ instance failover completed." in messages

    # A new standby is made from the new primary, synchronous again.
    hg.wait_until(lambda: len(standby_events()) == 2, timeout=60, interval=0.2, what="the new standby ready")
    hg.wait_until(synchronous, timeout=20, interval=0.1, what="synchronous again")
    # The read replica streams on from the same address: the new primary continues the old one's WAL.
    psql(db, "INSERT INTO matches VALUES (100000)")
    hg.wait_until(lambda: value(replica, "SELECT count(*) FROM matches WHERE id = 100000") == "1", timeout=30,
                  interval=0.2, what="a row written after the failover on the read replica")
    assert value(replica, "SELECT count(*) FROM matches") == value(db, "SELECT count(*) FROM matches")
    delete_and_check(region, rds, "pgmazrep")

    # The primary's server killed: RDS fails over to the standby, the Endpoint follows, every
    # acknowledged commit is there.
    for i in range(100001, 100031):
        psql(db, f"INSERT INTO matches VALUES ({i})")  # each acknowledged
    zone = describe(rds, "pgmaz")["AvailabilityZone"]
    os.kill(server_pid(region, "pgmaz"), signal.SIGKILL)
    hg.wait_until(lambda: sum(m == "Multi-AZ instance failover completed."
                              for m in [e["Message"] for e in rds.describe_events(
                                  SourceType="db-instance", SourceIdentifier="pgmaz")["Events"]]) == 2,
                  timeout=90, interval=0.2, what="the failover after the crash")
    crashed = wait_status(rds, "pgmaz", "available")
    assert crashed["AvailabilityZone"] != zone and crashed["Endpoint"] == db["Endpoint"]
    assert value(db, "SELECT count(*) FROM matches WHERE id > 100000") == "30", "no acknowledged commit lost"
    assert {int(r) for r in value(db, "SELECT id FROM matches").split()} >= set(acked)

    # A standby that stops answering (its processes frozen) holds commits back — none is
    # acknowledged that it lacks — but not the controller's own work on the primary.
    hg.wait_until(lambda: len(standby_events()) == 3, timeout=60, interval=0.2, what="the standby ready again")
    hg.wait_until(synchronous, timeout=20, interval=0.1, what="synchronous again")
    frozen = hg.instance_pids_under(instance_dir(region, "pgmaz.standby"))
    assert frozen
    for pid in frozen:
        os.kill(pid, signal.SIGSTOP)
    try:
        held = subprocess.Popen(["psql", "-X", "-q", "-h", db["Endpoint"]["Address"], "-p", "5432", "-U", MASTER,
                                 "-d", "kg", "-c", "INSERT INTO matches VALUES (200001)"],
                                env=dict(os.environ, PGPASSWORD=PASSWORD), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(1.5)  # a negative check: an unheld commit takes milliseconds
        assert held.poll() is None, "the commit was acknowledged without the standby"
        rds.modify_db_instance(DBInstanceIdentifier="pgmaz", MasterUserPassword="Fr0zen-Standby",
                               ApplyImmediately=True)
        hg.wait_until(lambda: psql(db, "SELECT 1", password="Fr0zen-Standby", check=False).returncode == 0,
                      timeout=30, interval=0.2, what="the new password set while the standby is frozen")
        wait_status(rds, "pgmaz", "available", timeout=30)
        password[0] = "Fr0zen-Standby"
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
    assert held.wait(timeout=30) == 0, "acknowledged once the standby has it"
    assert psql(db, "SELECT count(*) FROM matches WHERE id = 200001", password="Fr0zen-Standby").stdout.strip() \
        == "1"

    # Stopped and started: the standby comes back with its primary and commits go on.
    rds.stop_db_instance(DBInstanceIdentifier="pgmaz")
    wait_status(rds, "pgmaz", "stopped")
    hg.wait_until(lambda: hg.instance_pids_under(instance_dir(region, "pgmaz.standby")) == [], timeout=30,
                  interval=0.2, what="the standby stopped with its primary")
    rds.start_db_instance(DBInstanceIdentifier="pgmaz")
    wait_status(rds, "pgmaz", "available")
    psql(db, "INSERT INTO matches VALUES (200002)", password="Fr0zen-Standby")
    hg.wait_until(synchronous, timeout=20, interval=0.1, what="synchronous after the start")

    delete_and_check(region, rds, "pgmaz")
    assert not instance_dir(region, "pgmaz.standby").exists()
