"""RDS with real databases: a MySQL primary (served by MariaDB) and a read replica that really
replicates, reached with an ordinary MySQL driver (PyMySQL) at the Endpoint DescribeDBInstances
gives; promotion, a server killed with SIGKILL and brought back by the controller, a restart of
the daemon, deletion, and RDS's error codes — through the real aws CLI and boto3."""

from __future__ import annotations

import datetime
import os
import signal
import threading
import time
from pathlib import Path

import pymysql
import pytest

import hg

PASSWORD = "Kg-sports-2026!"
ZONES = ["ap-northeast-2a", "ap-northeast-2c"]


# --------------------------------------------------------------------------------------------
# Helpers


def describe(rds, db_id: str) -> dict:
    return rds.describe_db_instances(DBInstanceIdentifier=db_id)["DBInstances"][0]


def wait_status(rds, db_id: str, status: str, timeout: float = 60.0) -> dict:
    seen = []

    def reached():
        d = describe(rds, db_id)
        if not seen or seen[-1] != d["DBInstanceStatus"]:
            seen.append(d["DBInstanceStatus"])
        if d["DBInstanceStatus"] == "failed":
            # RDS's own events say why (e.g. the server did not start in time).
            events = [e["Message"] for e in rds.describe_events(SourceIdentifier=db_id,
                                                                SourceType="db-instance")["Events"]]
            raise AssertionError(f"{db_id} failed (statuses seen: {seen}; events: {events})")
        return d if d["DBInstanceStatus"] == status else None

    return hg.wait_until(reached, timeout=timeout, interval=0.2, what=f"{db_id} {status} (seen {seen})")


def create_primary(region, db_id: str, *extra: str) -> dict:
    """CreateDBInstance through the real aws CLI; returns the DBInstance of its answer."""
    out = region.aws("rds", "create-db-instance", "--db-instance-identifier", db_id, "--engine", "mysql",
                     "--db-instance-class", "db.t3.micro", "--master-username", "admin",
                     "--master-user-password", PASSWORD, "--allocated-storage", "20", "--db-name", "kg", *extra)
    return out["DBInstance"]


def connect(db: dict, database: str | None = "kg", timeout: float = 5.0):
    ep = db["Endpoint"]
    return pymysql.connect(host=ep["Address"], port=ep["Port"], user="admin", password=PASSWORD,
                           database=database, connect_timeout=timeout, read_timeout=timeout,
                           write_timeout=timeout, autocommit=True)


def query(db: dict, sql: str, args=None):
    conn = connect(db)
    try:
        with conn.cursor() as c:
            c.execute(sql, args)
            return c.fetchall()
    finally:
        conn.close()


def count_rows(db: dict, table: str = "matches") -> int | None:
    try:
        return query(db, f"SELECT COUNT(*) FROM {table}")[0][0]
    except pymysql.err.MySQLError:
        return None


def instance_dir(region, db_id: str) -> Path:
    return region.data_dir / "rds" / "instances" / db_id


def server_pid(region, db_id: str) -> int:
    return int((instance_dir(region, db_id) / "mysqld.pid").read_text().strip())


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


@pytest.fixture(scope="module")
def rds(region):
    region.rds = region.client("rds")
    return region.rds


# --------------------------------------------------------------------------------------------
# The seed's pair: MyMasterDB and ReplicaDB


def test_primary_and_read_replica_replicate_and_promote(region, rds):
    made = create_primary(region, "MyMasterDB")
    assert made["DBInstanceStatus"] == "creating"
    assert made["DBInstanceIdentifier"] == "mymasterdb", "RDS keeps identifiers in lower case"
    assert "Endpoint" not in made, "no endpoint before the instance is reachable"

    t0 = time.monotonic()
    primary = wait_status(rds, "mymasterdb", "available")
    took = time.monotonic() - t0
    assert took < 60, took
    account = region.aws("sts", "get-caller-identity")["Account"]
    assert primary["DBInstanceArn"] == f"arn:aws:rds:ap-northeast-2:{account}:db:mymasterdb"
    assert primary["Engine"] == "mysql" and primary["EngineVersion"].startswith("8.0.")
    assert primary["MasterUsername"] == "admin" and primary["DBName"] == "kg"
    assert primary["AllocatedStorage"] == 20 and primary["DBInstanceClass"] == "db.t3.micro"
    ep = primary["Endpoint"]
    assert ep["Address"].startswith("127.254.") and ep["Port"] == 3306 and ep["HostedZoneId"]
    assert primary["ReadReplicaDBInstanceIdentifiers"] == []

    # An ordinary MySQL driver at the Endpoint, with the master user and password.
    query(primary, "CREATE TABLE matches (id INT PRIMARY KEY, home VARCHAR(40), away VARCHAR(40), score VARCHAR(9))")
    for i in range(1, 6):
        query(primary, "INSERT INTO matches VALUES (%s, %s, %s, %s)", (i, f"home{i}", f"away{i}", "0-0"))
    assert count_rows(primary) == 5

    out = region.aws("rds", "create-db-instance-read-replica", "--db-instance-identifier", "ReplicaDB",
                     "--source-db-instance-identifier", "mymasterdb")["DBInstance"]
    assert out["DBInstanceStatus"] == "creating"
    assert out["ReadReplicaSourceDBInstanceIdentifier"] == "mymasterdb"
    replica = wait_status(rds, "replicadb", "available")
    assert replica["ReadReplicaSourceDBInstanceIdentifier"] == "mymasterdb"
    assert replica["Endpoint"]["Address"] != ep["Address"]
    assert replica["MasterUsername"] == "admin" and replica["DBName"] == "kg"
    assert describe(rds, "mymasterdb")["ReadReplicaDBInstanceIdentifiers"] == ["replicadb"]

    # Seeded from a consistent copy: the rows written before are there.
    assert count_rows(replica) == 5
    # Rows written on the primary are read on the replica within seconds.
    for i in range(6, 11):
        query(primary, "INSERT INTO matches VALUES (%s, %s, %s, %s)", (i, f"home{i}", f"away{i}", "1-0"))
    t0 = time.monotonic()
    hg.wait_until(lambda: count_rows(replica) == 10, timeout=5, interval=0.02, what="rows on the replica")
    lag = time.monotonic() - t0
    assert lag < 5, lag
    query(primary, "UPDATE matches SET score = '2-1' WHERE id = 3")
    hg.wait_until(lambda: query(replica, "SELECT score FROM matches WHERE id = 3")[0][0] == "2-1", timeout=5,
                  interval=0.02, what="the update on the replica")

    # Writes on the replica are refused, for the master user too (it has no SUPER).
    with pytest.raises(pymysql.err.MySQLError) as e:
        query(replica, "INSERT INTO matches VALUES (99, 'x', 'y', '0-0')")
    assert e.value.args[0] == 1290, e.value.args  # ER_OPTION_PREVENTS_STATEMENT: --read-only
    assert count_rows(primary) == 10

    # Promote: replication stops, the instance becomes a writable primary of its own.
    promoted = rds.promote_read_replica(DBInstanceIdentifier="replicadb")["DBInstance"]
    assert promoted["DBInstanceStatus"] == "modifying"
    promoted = wait_status(rds, "replicadb", "available")
    assert "ReadReplicaSourceDBInstanceIdentifier" not in promoted
    assert describe(rds, "mymasterdb")["ReadReplicaDBInstanceIdentifiers"] == []
    query(promoted, "INSERT INTO matches VALUES (99, 'x', 'y', '0-0')")
    assert count_rows(promoted) == 11
    # ... and no longer follows the old primary.
    query(primary, "INSERT INTO matches VALUES (11, 'p', 'q', '0-0')")
    time.sleep(0.5)  # a negative check: give replication (if it still ran) the time it took above
    assert query(promoted, "SELECT COUNT(*) FROM matches WHERE id = 11")[0][0] == 0
    assert count_rows(primary) == 11

    # PromoteReadReplica on an instance that is not a replica.
    code, msg, status = hg.expect_client_error(rds.promote_read_replica, DBInstanceIdentifier="mymasterdb")
    assert (code, status) == ("InvalidDBInstanceState", 400), (code, msg)


def rds_datapoints(cw, metric: str, db_id: str) -> list[dict]:
    now = datetime.datetime.now(datetime.timezone.utc)
    return cw.get_metric_statistics(Namespace="AWS/RDS", MetricName=metric,
                                    Dimensions=[{"Name": "DBInstanceIdentifier", "Value": db_id}],
                                    StartTime=now - datetime.timedelta(minutes=5),
                                    EndTime=now + datetime.timedelta(minutes=1), Period=60,
                                    Statistics=["Maximum", "Minimum", "SampleCount"])["Datapoints"]


def test_aws_rds_metrics_reach_cloudwatch(region, rds):
    create_primary(region, "metricdb")
    primary = wait_status(rds, "metricdb", "available")
    rds.create_db_instance_read_replica(DBInstanceIdentifier="metricdb-replica", SourceDBInstanceIdentifier="metricdb")
    wait_status(rds, "metricdb-replica", "available")
    cw = region.client("cloudwatch")
    held = connect(primary)  # one client connection held open while the server is measured
    try:
        hg.wait_until(lambda: any(d["Maximum"] >= 1 for d in rds_datapoints(cw, "DatabaseConnections", "metricdb")),
                      timeout=30, interval=0.5, what="DatabaseConnections >= 1")
    finally:
        held.close()
    lag = hg.wait_until(lambda: rds_datapoints(cw, "ReplicaLag", "metricdb-replica"), timeout=30, interval=0.5,
                        what="a ReplicaLag datapoint")
    assert 0 <= lag[0]["Maximum"] < 5, lag
    assert rds_datapoints(cw, "ReplicaLag", "metricdb") == [], "a primary has no ReplicaLag"
    free = hg.wait_until(lambda: rds_datapoints(cw, "FreeStorageSpace", "metricdb"), timeout=30, interval=0.5,
                         what="FreeStorageSpace")
    assert 0 < free[0]["Minimum"] < 20 * 1024 ** 3
    cpu = hg.wait_until(lambda: rds_datapoints(cw, "CPUUtilization", "metricdb"), timeout=30, interval=0.5,
                        what="CPUUtilization")
    assert 0 <= cpu[0]["Maximum"] <= 100
    names = {m["MetricName"] for m in cw.list_metrics(Namespace="AWS/RDS")["Metrics"]}
    assert {"DatabaseConnections", "ReplicaLag", "FreeStorageSpace", "CPUUtilization", "ReadIOPS",
            "WriteIOPS"} <= names, names
    rds.delete_db_instance(DBInstanceIdentifier="metricdb-replica", SkipFinalSnapshot=True)
    hg.wait_until(lambda: describe(rds, "metricdb")["ReadReplicaDBInstanceIdentifiers"] == [], timeout=30,
                  interval=0.2, what="the replica deleted")
    rds.delete_db_instance(DBInstanceIdentifier="metricdb", SkipFinalSnapshot=True)


def test_a_killed_server_is_brought_back_with_every_committed_row(region, rds):
    create_primary(region, "crashdb")
    db = wait_status(rds, "crashdb", "available")
    query(db, "CREATE TABLE matches (id INT PRIMARY KEY, v VARCHAR(20))")
    conn = connect(db)
    with conn.cursor() as c:
        for i in range(200):
            c.execute("INSERT INTO matches VALUES (%s, %s)", (i, f"row{i}"))  # each one committed
    conn.close()

    pid = server_pid(region, "crashdb")
    os.kill(pid, signal.SIGKILL)
    t0 = time.monotonic()
    hg.wait_until(lambda: count_rows(db) is not None, timeout=30, interval=0.1, what="the server back")
    back = time.monotonic() - t0
    assert back < 30, back
    assert server_pid(region, "crashdb") != pid
    assert count_rows(db) == 200, "no committed row was lost"
    assert describe(rds, "crashdb")["DBInstanceStatus"] == "available"
    # Events say what happened.
    events = region.aws("rds", "describe-events", "--source-type", "db-instance",
                        "--source-identifier", "crashdb")["Events"]
    messages = [e["Message"] for e in events]
    assert messages[0] == "DB instance created", messages
    assert any(m.startswith("DB instance restarted: its database server had stopped unexpectedly") for m in messages)
    restarted = [e for e in events if e["Message"].startswith("DB instance restarted")][0]
    assert restarted["EventCategories"] == ["availability"]
    assert restarted["SourceArn"].endswith(":db:crashdb")

    code, msg, _ = hg.expect_client_error(rds.reboot_db_instance, DBInstanceIdentifier="crashdb", ForceFailover=True)
    assert (code, msg) == ("InvalidParameterCombination", "Cannot do a forced failover on a non-Multi-AZ DB instance.")

    # RebootDBInstance: rebooting, then available on a new process, the data kept.
    pid = server_pid(region, "crashdb")
    out = rds.reboot_db_instance(DBInstanceIdentifier="crashdb")["DBInstance"]
    assert out["DBInstanceStatus"] == "rebooting"
    wait_status(rds, "crashdb", "available")
    assert server_pid(region, "crashdb") != pid
    assert not alive(pid)
    assert count_rows(db) == 200


def test_stop_and_start(region, rds):
    create_primary(region, "stopdb")
    db = wait_status(rds, "stopdb", "available")
    query(db, "CREATE TABLE matches (id INT PRIMARY KEY)")
    query(db, "INSERT INTO matches VALUES (1), (2)")
    pid = server_pid(region, "stopdb")
    assert rds.stop_db_instance(DBInstanceIdentifier="stopdb")["DBInstance"]["DBInstanceStatus"] == "stopping"
    wait_status(rds, "stopdb", "stopped")
    assert not alive(pid)
    assert count_rows(db) is None, "a stopped instance accepts no connection"
    code, _, _ = hg.expect_client_error(rds.reboot_db_instance, DBInstanceIdentifier="stopdb")
    assert code == "InvalidDBInstanceState"
    # No read replica of a source that is not available; nothing is made.
    code, _, _ = hg.expect_client_error(rds.create_db_instance_read_replica, DBInstanceIdentifier="early",
                                        SourceDBInstanceIdentifier="stopdb")
    assert code == "InvalidDBInstanceState"
    assert not instance_dir(region, "early").exists()
    assert rds.start_db_instance(DBInstanceIdentifier="stopdb")["DBInstance"]["DBInstanceStatus"] == "starting"
    wait_status(rds, "stopdb", "available")
    assert count_rows(db) == 2
    code, _, _ = hg.expect_client_error(rds.start_db_instance, DBInstanceIdentifier="stopdb")
    assert code == "InvalidDBInstanceState"


def test_managed_master_password_lives_in_secrets_manager(region, rds):
    import json as _json
    out = region.aws("rds", "create-db-instance", "--db-instance-identifier", "managed", "--engine", "mysql",
                     "--db-instance-class", "db.t3.micro", "--master-username", "admin", "--allocated-storage", "20",
                     "--db-name", "kg", "--manage-master-user-password")["DBInstance"]
    arn = out["MasterUserSecret"]["SecretArn"]
    assert ":secret:rds-db-" in arn and out["MasterUserSecret"]["SecretStatus"] == "active"
    db = wait_status(rds, "managed", "available")
    secret = _json.loads(region.client("secretsmanager").get_secret_value(SecretId=arn)["SecretString"])
    assert secret["username"] == "admin" and len(secret["password"]) >= 8
    ep = db["Endpoint"]
    conn = pymysql.connect(host=ep["Address"], port=ep["Port"], user="admin", password=secret["password"],
                           database="kg", connect_timeout=5)
    conn.close()
    code, _, _ = hg.expect_client_error(rds.create_db_instance, DBInstanceIdentifier="both", Engine="mysql",
                                        DBInstanceClass="db.t3.micro", MasterUsername="admin",
                                        MasterUserPassword=PASSWORD, AllocatedStorage=20,
                                        ManageMasterUserPassword=True)
    assert code == "InvalidParameterCombination"
    rds.delete_db_instance(DBInstanceIdentifier="managed", SkipFinalSnapshot=True)

    def secret_gone():
        try:
            region.client("secretsmanager").describe_secret(SecretId=arn)
            return False
        except hg.ClientError as e:
            return hg.client_error(e)[0] == "ResourceNotFoundException"
    hg.wait_until(secret_gone, timeout=30, interval=0.2, what="the secret deleted with the instance")


def test_modify_master_user_password(region, rds):
    create_primary(region, "pwdb")
    db = wait_status(rds, "pwdb", "available")
    code, msg, _ = hg.expect_client_error(rds.modify_db_instance, DBInstanceIdentifier="pwdb",
                                          MasterUserPassword="short", ApplyImmediately=True)
    assert code == "InvalidParameterValue" and "shorter than 8" in msg
    out = region.aws("rds", "modify-db-instance", "--db-instance-identifier", "pwdb",
                     "--master-user-password", "A-new-one-2026", "--apply-immediately")["DBInstance"]
    assert out["DBInstanceStatus"] == "resetting-master-credentials"
    assert out["PendingModifiedValues"] == {"MasterUserPassword": "****"}
    wait_status(rds, "pwdb", "available")
    ep = db["Endpoint"]
    with pytest.raises(pymysql.err.OperationalError) as e:
        pymysql.connect(host=ep["Address"], port=ep["Port"], user="admin", password=PASSWORD, connect_timeout=5)
    assert e.value.args[0] == 1045, e.value.args  # access denied: the old password no longer works
    conn = pymysql.connect(host=ep["Address"], port=ep["Port"], user="admin", password="A-new-one-2026",
                           database="kg", connect_timeout=5)
    conn.close()
    events = rds.describe_events(SourceType="db-instance", SourceIdentifier="pwdb")["Events"]
    assert "Reset master credentials" in [e["Message"] for e in events]
    rds.delete_db_instance(DBInstanceIdentifier="pwdb", SkipFinalSnapshot=True)


def test_delete_removes_the_server_and_its_data(region, rds):
    create_primary(region, "gonedb", "--deletion-protection")
    db = wait_status(rds, "gonedb", "available")
    assert db["DeletionProtection"] is True
    query(db, "CREATE TABLE matches (id INT PRIMARY KEY)")
    query(db, "INSERT INTO matches VALUES (1)")
    pid = server_pid(region, "gonedb")
    directory = instance_dir(region, "gonedb")
    assert directory.is_dir()

    _, err = region.aws_fail("rds", "delete-db-instance", "--db-instance-identifier", "gonedb",
                             "--skip-final-snapshot")
    assert hg.cli_error(err) == ("InvalidParameterCombination",
                                 "Cannot delete protected DB Instance, please disable deletion protection and try again.")
    region.aws("rds", "modify-db-instance", "--db-instance-identifier", "gonedb", "--no-deletion-protection")
    _, err = region.aws_fail("rds", "delete-db-instance", "--db-instance-identifier", "gonedb")
    assert hg.cli_error(err) == ("InvalidParameterCombination",
                                 "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.")
    assert alive(pid) and describe(rds, "gonedb")["DBInstanceStatus"] == "available"

    out = region.aws("rds", "delete-db-instance", "--db-instance-identifier", "gonedb",
                     "--final-db-snapshot-identifier", "gonedb-final")["DBInstance"]
    assert out["DBInstanceStatus"] == "deleting"
    _, err = region.aws_fail("rds", "delete-db-instance", "--db-instance-identifier", "gonedb",
                             "--skip-final-snapshot")
    code, _ = hg.cli_error(err)
    assert code in ("InvalidDBInstanceState", "DBInstanceNotFound")

    def gone():
        try:
            describe(rds, "gonedb")
            return False
        except hg.ClientError as e:
            return hg.client_error(e)[:2] == ("DBInstanceNotFound", "DBInstance gonedb not found.")
    hg.wait_until(gone, timeout=30, interval=0.2, what="gonedb deleted")
    assert not alive(pid), "the server process is gone"
    assert not directory.exists(), "its data is gone"
    snaps = rds.describe_db_snapshots(DBSnapshotIdentifier="gonedb-final")["DBSnapshots"]
    assert [(s["DBInstanceIdentifier"], s["Status"]) for s in snaps] == [("gonedb", "available")]
    rds.delete_db_snapshot(DBSnapshotIdentifier="gonedb-final")
    code, _, status = hg.expect_client_error(rds.describe_db_snapshots, DBSnapshotIdentifier="gonedb-final")
    assert (code, status) == ("DBSnapshotNotFound", 404)


def test_snapshot_and_restore_give_identical_data(region, rds):
    create_primary(region, "snapsrc")
    src = wait_status(rds, "snapsrc", "available")
    query(src, "CREATE TABLE matches (id INT PRIMARY KEY, home VARCHAR(40), score VARCHAR(9), played DATETIME)")
    conn = connect(src)
    with conn.cursor() as c:
        c.executemany("INSERT INTO matches VALUES (%s, %s, %s, NOW())",
                      [(i, f"team{i % 17}", f"{i % 5}-{i % 3}") for i in range(2000)])
    conn.close()
    checksum = query(src, "CHECKSUM TABLE matches")[0][1]

    out = region.aws("rds", "create-db-snapshot", "--db-instance-identifier", "snapsrc",
                     "--db-snapshot-identifier", "snap-1")["DBSnapshot"]
    assert (out["Status"], out["SnapshotType"], out["DBInstanceIdentifier"]) == ("creating", "manual", "snapsrc")
    assert describe(rds, "snapsrc")["DBInstanceStatus"] in ("backing-up", "available")
    hg.wait_until(lambda: rds.describe_db_snapshots(DBSnapshotIdentifier="snap-1")["DBSnapshots"][0]["Status"]
                  == "available", timeout=60, interval=0.2, what="snap-1 available")
    wait_status(rds, "snapsrc", "available")
    # Writes after the snapshot are not in it.
    query(src, "INSERT INTO matches VALUES (5000, 'late', '0-0', NOW())")
    events = [e["Message"] for e in rds.describe_events(SourceType="db-instance",
                                                        SourceIdentifier="snapsrc")["Events"]]
    assert "Finished DB Instance backup" in events, events

    code, _, _ = hg.expect_client_error(rds.create_db_snapshot, DBInstanceIdentifier="snapsrc",
                                        DBSnapshotIdentifier="snap-1")
    assert code == "DBSnapshotAlreadyExists"
    code, _, _ = hg.expect_client_error(rds.create_db_snapshot, DBInstanceIdentifier="nosuch",
                                        DBSnapshotIdentifier="snap-2")
    assert code == "DBInstanceNotFound"
    code, _, status = hg.expect_client_error(rds.restore_db_instance_from_db_snapshot,
                                             DBInstanceIdentifier="restored", DBSnapshotIdentifier="nosuch")
    assert (code, status) == ("DBSnapshotNotFound", 404)

    # A copy shares the data; the instance is restored from the copy.
    copy = region.aws("rds", "copy-db-snapshot", "--source-db-snapshot-identifier", "snap-1",
                      "--target-db-snapshot-identifier", "snap-1-copy")["DBSnapshot"]
    assert (copy["Status"], copy["SnapshotType"]) == ("available", "manual")
    assert copy["SourceDBSnapshotIdentifier"].endswith(":snapshot:snap-1")
    code, _, _ = hg.expect_client_error(rds.copy_db_snapshot, SourceDBSnapshotIdentifier="snap-1",
                                        TargetDBSnapshotIdentifier="snap-1-copy")
    assert code == "DBSnapshotAlreadyExists"
    out = region.aws("rds", "restore-db-instance-from-db-snapshot", "--db-instance-identifier", "restored",
                     "--db-snapshot-identifier", "snap-1-copy")["DBInstance"]
    assert out["DBInstanceStatus"] == "creating" and out["MasterUsername"] == "admin" and out["DBName"] == "kg"
    restored = wait_status(rds, "restored", "available")
    assert restored["Endpoint"]["Address"] != src["Endpoint"]["Address"]
    # The master user and password come with the snapshot, as on RDS; the data is identical.
    assert query(restored, "CHECKSUM TABLE matches")[0][1] == checksum
    assert count_rows(restored) == 2000
    query(restored, "INSERT INTO matches VALUES (6000, 'mine', '1-1', NOW())")
    assert count_rows(src) == 2001, "the restored instance is independent of its source"
    rds.delete_db_instance(DBInstanceIdentifier="restored", SkipFinalSnapshot=True)
    rds.delete_db_instance(DBInstanceIdentifier="snapsrc", SkipFinalSnapshot=True)


def test_multi_az_force_failover_keeps_the_endpoint_and_loses_nothing_committed(region, rds):
    create_primary(region, "kg-maz", "--multi-az")
    db = wait_status(rds, "kg-maz", "available")
    assert db["MultiAZ"] is True
    assert db["SecondaryAvailabilityZone"] != db["AvailabilityZone"]
    query(db, "CREATE TABLE matches (id INT PRIMARY KEY)")

    def standby_events():
        return [e for e in rds.describe_events(SourceType="db-instance", SourceIdentifier="kg-maz")["Events"]
                if e["Message"] == "Multi-AZ standby instance is available"]
    hg.wait_until(lambda: len(standby_events()) == 1, timeout=60, interval=0.2, what="the standby ready")

    def semi_sync():
        status = dict(query(db, "SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_%'"))
        return status.get("Rpl_semi_sync_master_status") == "ON" and status.get("Rpl_semi_sync_master_clients") == "1"
    hg.wait_until(semi_sync, timeout=10, interval=0.1, what="commits acknowledged by the standby (semi-sync)")

    # A client commits rows all along, reconnecting when the endpoint is briefly away.
    acked: list[int] = []
    stop = threading.Event()

    def writer():
        conn, i = None, 0
        while not stop.is_set():
            try:
                if conn is None:
                    conn = connect(db, timeout=2)
                i += 1
                with conn.cursor() as c:
                    c.execute("INSERT INTO matches VALUES (%s)", (i,))
                acked.append(i)  # the commit was acknowledged
            except pymysql.err.MySQLError:
                conn = None
                time.sleep(0.05)
        if conn is not None:
            conn.close()
    t = threading.Thread(target=writer)
    t.start()
    try:
        hg.wait_until(lambda: len(acked) >= 50, timeout=20, what="writes before the failover")
        pid = server_pid(region, "kg-maz")
        out = rds.reboot_db_instance(DBInstanceIdentifier="kg-maz", ForceFailover=True)["DBInstance"]
        assert out["DBInstanceStatus"] == "rebooting"
        after = wait_status(rds, "kg-maz", "available", timeout=60)
        n = len(acked)
        hg.wait_until(lambda: len(acked) >= n + 50, timeout=30, what="writes at the same endpoint after it")
    finally:
        stop.set()
        t.join(timeout=30)
    assert after["Endpoint"] == db["Endpoint"], "the endpoint follows the new primary"
    assert (after["AvailabilityZone"], after["SecondaryAvailabilityZone"]) == (
        db["SecondaryAvailabilityZone"], db["AvailabilityZone"])
    assert server_pid(region, "kg-maz") != pid, "another server answers there now"
    rows = {r[0] for r in query(db, "SELECT id FROM matches")}
    missing = set(acked) - rows
    assert not missing, f"{len(missing)} acknowledged commits were lost: {sorted(missing)[:10]}"
    messages = [e["Message"] for e in rds.describe_events(SourceType="db-instance",
                                                          SourceIdentifier="kg-maz")["Events"]]
    assert "Multi-AZ instance failover started." in messages and "Multi-AZ instance failover completed." in messages

    # A new standby is made from the new primary; failing back works the same.
    hg.wait_until(lambda: len(standby_events()) == 2, timeout=60, interval=0.2, what="the new standby ready")
    rds.reboot_db_instance(DBInstanceIdentifier="kg-maz", ForceFailover=True)
    back = wait_status(rds, "kg-maz", "available", timeout=60)
    assert back["AvailabilityZone"] == db["AvailabilityZone"]
    assert {r[0] for r in query(db, "SELECT id FROM matches")} >= set(acked)

    # The primary's server killed: RDS fails over to the standby, the Endpoint follows.
    hg.wait_until(lambda: len(standby_events()) == 3, timeout=60, interval=0.2, what="the standby ready again")
    hg.wait_until(semi_sync, timeout=10, interval=0.1, what="semi-sync again")
    for i in range(100001, 100051):
        query(db, "INSERT INTO matches VALUES (%s)", (i,))  # each acknowledged
    zone = describe(rds, "kg-maz")["AvailabilityZone"]
    os.kill(server_pid(region, "kg-maz"), signal.SIGKILL)
    hg.wait_until(lambda: sum(m == "Multi-AZ instance failover completed."
                              for m in [e["Message"] for e in rds.describe_events(
                                  SourceType="db-instance", SourceIdentifier="kg-maz")["Events"]]) == 3,
                  timeout=60, interval=0.2, what="the failover after the crash")
    crashed = wait_status(rds, "kg-maz", "available")
    assert crashed["AvailabilityZone"] != zone and crashed["Endpoint"] == db["Endpoint"]
    assert query(db, "SELECT COUNT(*) FROM matches WHERE id > 100000")[0][0] == 50, "no acknowledged commit lost"

    rds.delete_db_instance(DBInstanceIdentifier="kg-maz", SkipFinalSnapshot=True)
    hg.wait_until(lambda: "kg-maz" not in {d["DBInstanceIdentifier"]
                                           for d in rds.describe_db_instances()["DBInstances"]},
                  timeout=30, interval=0.2, what="kg-maz deleted")
    for d in ("kg-maz", "kg-maz.standby"):
        assert not instance_dir(region, d).exists()


def test_point_in_time_restore_lands_on_the_asked_second(region, rds):
    create_primary(region, "pitrsrc")
    src = wait_status(rds, "pitrsrc", "available")
    autos = rds.describe_db_snapshots(DBInstanceIdentifier="pitrsrc", SnapshotType="automated")["DBSnapshots"]
    assert len(autos) == 1 and autos[0]["Status"] == "available", autos
    assert autos[0]["DBSnapshotIdentifier"].startswith("rds:pitrsrc-")
    messages = [e["Message"] for e in rds.describe_events(SourceType="db-instance",
                                                          SourceIdentifier="pitrsrc")["Events"]]
    assert messages[:3] == ["DB instance created", "Backing up DB instance", "Finished DB Instance backup"], messages

    query(src, "CREATE TABLE matches (id INT PRIMARY KEY, phase VARCHAR(8))")
    for i in range(10):
        query(src, "INSERT INTO matches VALUES (%s, 'before')", (i,))
    asked = int(time.time()) + 1  # the next whole second: every 'before' row is committed earlier
    hg.wait_until(lambda: time.time() >= asked + 1, timeout=5, interval=0.01, what="a second past the asked one")
    for i in range(10, 20):
        query(src, "INSERT INTO matches VALUES (%s, 'after')", (i,))
    at = datetime.datetime.fromtimestamp(asked, datetime.timezone.utc)

    code, _, _ = hg.expect_client_error(rds.restore_db_instance_to_point_in_time, SourceDBInstanceIdentifier="pitrsrc",
                                        TargetDBInstanceIdentifier="pitr-future",
                                        RestoreTime=at + datetime.timedelta(hours=1))
    assert code == "InvalidRestoreFault"
    code, _, _ = hg.expect_client_error(rds.restore_db_instance_to_point_in_time, SourceDBInstanceIdentifier="pitrsrc",
                                        TargetDBInstanceIdentifier="pitr-both", RestoreTime=at,
                                        UseLatestRestorableTime=True)
    assert code == "InvalidParameterCombination"
    code, _, _ = hg.expect_client_error(rds.restore_db_instance_to_point_in_time, SourceDBInstanceIdentifier="nosuch",
                                        TargetDBInstanceIdentifier="pitr-none", UseLatestRestorableTime=True)
    assert code == "DBInstanceNotFound"

    out = region.aws("rds", "restore-db-instance-to-point-in-time", "--source-db-instance-identifier", "pitrsrc",
                     "--target-db-instance-identifier", "pitr-at", "--restore-time",
                     at.strftime("%Y-%m-%dT%H:%M:%SZ"))["DBInstance"]
    assert out["DBInstanceStatus"] == "creating"
    rds.restore_db_instance_to_point_in_time(SourceDBInstanceIdentifier="pitrsrc", TargetDBInstanceIdentifier="pitr-latest",
                                             UseLatestRestorableTime=True)
    restored = wait_status(rds, "pitr-at", "available")
    assert query(restored, "SELECT phase, COUNT(*) FROM matches GROUP BY phase") == (("before", 10),), \
        "exactly what was committed before the asked second"
    latest = wait_status(rds, "pitr-latest", "available")
    assert dict(query(latest, "SELECT phase, COUNT(*) FROM matches GROUP BY phase")) == {"before": 10, "after": 10}
    code, _, _ = hg.expect_client_error(rds.delete_db_snapshot, DBSnapshotIdentifier=autos[0]["DBSnapshotIdentifier"])
    assert code == "InvalidDBSnapshotState"
    rds.copy_db_snapshot(SourceDBSnapshotIdentifier=autos[0]["DBSnapshotIdentifier"],
                         TargetDBSnapshotIdentifier="pitrsrc-kept")
    for db_id in ("pitr-at", "pitr-latest", "pitrsrc"):
        rds.delete_db_instance(DBInstanceIdentifier=db_id, SkipFinalSnapshot=True)
    hg.wait_until(lambda: [s["DBSnapshotIdentifier"] for s in rds.describe_db_snapshots(
        DBInstanceIdentifier="pitrsrc")["DBSnapshots"]] == ["pitrsrc-kept"], timeout=30, interval=0.2,
        what="the automated backups deleted with the instance, the manual copy kept")


# --------------------------------------------------------------------------------------------
# Bad input: RDS's codes, nothing left behind


def test_bad_input_gets_rds_codes_and_leaves_nothing_behind(region, rds):
    before = {d["DBInstanceIdentifier"] for d in rds.describe_db_instances()["DBInstances"]}
    base = dict(DBInstanceClass="db.t3.micro", Engine="mysql", MasterUsername="admin",
                MasterUserPassword=PASSWORD, AllocatedStorage=20)
    cases = [
        (dict(base, DBInstanceIdentifier="bad--id"), "InvalidParameterValue", "not a valid identifier"),
        (dict(base, DBInstanceIdentifier="badstorage", AllocatedStorage=5), "InvalidParameterCombination",
         "Invalid storage size for engine name mysql and storage type gp2: 5"),
        (dict(base, DBInstanceIdentifier="badpw", MasterUserPassword="short"), "InvalidParameterValue",
         "shorter than 8 characters"),
        (dict(base, DBInstanceIdentifier="badclass", DBInstanceClass="t3.micro"), "InvalidParameterCombination",
         "DBInstanceClass=t3.micro"),
        (dict(base, DBInstanceIdentifier="badversion", EngineVersion="5.1.0"), "InvalidParameterCombination",
         "Cannot find version 5.1.0 for mysql"),
        (dict(base, DBInstanceIdentifier="badengine", Engine="nosuchdb"), "InvalidParameterValue",
         "Invalid DB engine: nosuchdb"),
        (dict(base, DBInstanceIdentifier="badgroup", DBSubnetGroupName="nosuchgroup"), "DBSubnetGroupNotFoundFault",
         "nosuchgroup"),
    ]
    for args, want_code, want_text in cases:
        code, msg, status = hg.expect_client_error(rds.create_db_instance, **args)
        assert code == want_code and want_text in msg, (args["DBInstanceIdentifier"], code, msg)
        assert status in (400, 404)

    # The same identifier twice.
    rds.create_db_instance(DBInstanceIdentifier="twice", **base)
    code, msg, status = hg.expect_client_error(rds.create_db_instance, DBInstanceIdentifier="twice", **base)
    assert (code, msg, status) == ("DBInstanceAlreadyExists", "DB instance already exists", 400)

    _, err = region.aws_fail("rds", "describe-db-instances", "--db-instance-identifier", "nosuch")
    assert hg.cli_error(err) == ("DBInstanceNotFound", "DBInstance nosuch not found.")
    _, err = region.aws_fail("rds", "create-db-instance-read-replica", "--db-instance-identifier", "orphan",
                             "--source-db-instance-identifier", "nosuch")
    assert hg.cli_error(err) == ("DBInstanceNotFound", "DBInstance nosuch not found.")

    after = {d["DBInstanceIdentifier"] for d in rds.describe_db_instances()["DBInstances"]}
    assert after - before == {"twice"}, "only the one good request made an instance"
    made = {p.name for p in (region.data_dir / "rds" / "instances").iterdir()}
    for bad in ("bad--id", "badstorage", "badpw", "badclass", "badversion", "badengine", "badgroup", "orphan"):
        assert bad not in made
    # Deleting an instance still being created: no final snapshot of it, but it can go.
    rds.create_db_instance(DBInstanceIdentifier="hasty", **base)
    try:
        rds.delete_db_instance(DBInstanceIdentifier="hasty", FinalDBSnapshotIdentifier="hasty-final")
    except hg.ClientError as e:  # the usual case: it is still creating (a server takes ~1 s to make)
        assert hg.client_error(e)[:2] == ("InvalidDBInstanceState",
                                          "Instance hasty is currently creating - a final snapshot cannot be taken.")
        rds.delete_db_instance(DBInstanceIdentifier="hasty", SkipFinalSnapshot=True)
    hg.wait_until(lambda: "hasty" not in {d["DBInstanceIdentifier"] for d in rds.describe_db_instances()["DBInstances"]},
                  timeout=30, interval=0.2, what="hasty deleted")
    assert not instance_dir(region, "hasty").exists()
    wait_status(rds, "twice", "available")
    pending = region.data_dir / "rds" / "pending"
    assert not pending.exists() or list(pending.iterdir()) == [], "no master password is left on disk"
    rds.delete_db_instance(DBInstanceIdentifier="twice", SkipFinalSnapshot=True)


def test_master_password_is_kept_private(region, rds):
    """The password is in no file once the user exists, and in no log or audit line."""
    hg.wait_until(lambda: all(d["DBInstanceStatus"] != "creating"
                              for d in rds.describe_db_instances()["DBInstances"]), timeout=60, interval=0.2,
                  what="no instance creating")
    for path in region.data_dir.rglob("*"):
        private = path.suffix in (".pw", ".cnf", ".log", ".json", ".tmp") or path.name.startswith("state.db")
        if path.is_file() and private:
            text = path.read_text("utf-8", "replace")
            assert PASSWORD not in text and "A-new-one-2026" not in text, path
    for path in (instance_dir(region, "mymasterdb") / "repl.pw",):
        assert path.stat().st_mode & 0o077 == 0, oct(path.stat().st_mode)
    assert PASSWORD not in "".join(region.all_stdout + region.all_stderr)


def test_iam_decides_on_each_db_instance_and_its_source(region, rds):
    account = region.account
    arn = f"arn:aws:rds:ap-northeast-2:{account}:db"
    key = region.make_user("rds-app-team", inline={"rds": hg.policy(
        hg.allow(["rds:CreateDBInstance", "rds:CreateDBInstanceReadReplica"], f"{arn}:app-*"),
        hg.allow("rds:DescribeDBInstances"))})
    user = region.client("rds", *key)
    hg.wait_until(lambda: user.describe_db_instances() is not None, timeout=5, what="the new key works")
    base = dict(DBInstanceClass="db.t3.micro", Engine="mysql", MasterUsername="admin",
                MasterUserPassword=PASSWORD, AllocatedStorage=20)
    code, _, status = hg.expect_client_error(user.create_db_instance, DBInstanceIdentifier="not-mine", **base)
    assert (code, status) == ("AccessDenied", 403)
    # A replica of a source the user may not read from is refused, even under an allowed name.
    code, _, _ = hg.expect_client_error(user.create_db_instance_read_replica, DBInstanceIdentifier="app-replica",
                                        SourceDBInstanceIdentifier="mymasterdb")
    assert code == "AccessDenied"
    names = {d["DBInstanceIdentifier"] for d in rds.describe_db_instances()["DBInstances"]}
    assert not {"not-mine", "app-replica"} & names


def test_parameter_groups_are_really_applied(region, rds):
    def variable(db, name):
        return str(query(db, f"SELECT @@GLOBAL.{name}")[0][0])

    def apply_status(db_id):
        return describe(rds, db_id)["DBParameterGroups"][0]

    g = region.aws("rds", "create-db-parameter-group", "--db-parameter-group-name", "kg-params",
                   "--db-parameter-group-family", "mysql8.0", "--description", "KG SPORTS")["DBParameterGroup"]
    assert g["DBParameterGroupArn"].endswith(":pg:kg-params")
    code, _, _ = hg.expect_client_error(rds.create_db_parameter_group, DBParameterGroupName="kg-params",
                                        DBParameterGroupFamily="mysql8.0", Description="again")
    assert code == "DBParameterGroupAlreadyExists"
    code, _, status = hg.expect_client_error(rds.create_db_instance, DBInstanceIdentifier="nogroup",
                                             DBInstanceClass="db.t3.micro", Engine="mysql", MasterUsername="admin",
                                             MasterUserPassword=PASSWORD, AllocatedStorage=20,
                                             DBParameterGroupName="nosuch-params")
    assert (code, status) == ("DBParameterGroupNotFound", 404)

    create_primary(region, "paramdb", "--db-parameter-group-name", "kg-params")
    db = wait_status(rds, "paramdb", "available")
    assert apply_status("paramdb") == {"DBParameterGroupName": "kg-params", "ParameterApplyStatus": "in-sync"}
    assert variable(db, "max_connections") == "200"

    # Dynamic parameters reach the running server.
    region.aws("rds", "modify-db-parameter-group", "--db-parameter-group-name", "kg-params", "--parameters",
               "ParameterName=max_connections,ParameterValue=321,ApplyMethod=immediate",
               "ParameterName=slow_query_log,ParameterValue=1,ApplyMethod=immediate")
    hg.wait_until(lambda: variable(db, "max_connections") == "321", timeout=10, interval=0.1,
                  what="max_connections applied")
    assert variable(db, "slow_query_log") == "1"
    assert apply_status("paramdb")["ParameterApplyStatus"] == "in-sync"

    # A static one waits for a reboot.
    rds.modify_db_parameter_group(DBParameterGroupName="kg-params", Parameters=[
        {"ParameterName": "innodb_buffer_pool_size", "ParameterValue": "67108864", "ApplyMethod": "pending-reboot"}])
    hg.wait_until(lambda: apply_status("paramdb")["ParameterApplyStatus"] == "pending-reboot", timeout=10,
                  interval=0.1, what="pending-reboot")
    assert variable(db, "innodb_buffer_pool_size") == "33554432"
    rds.reboot_db_instance(DBInstanceIdentifier="paramdb")
    wait_status(rds, "paramdb", "available")
    assert apply_status("paramdb")["ParameterApplyStatus"] == "in-sync"
    assert variable(db, "innodb_buffer_pool_size") == "67108864"
    assert variable(db, "max_connections") == "321", "dynamic settings survive the restart"

    user_set = rds.describe_db_parameters(DBParameterGroupName="kg-params", Source="user")["Parameters"]
    assert {p["ParameterName"]: p["ParameterValue"] for p in user_set} == {
        "max_connections": "321", "slow_query_log": "1", "innodb_buffer_pool_size": "67108864"}
    pool = [p for p in rds.describe_db_parameters(DBParameterGroupName="kg-params")["Parameters"]
            if p["ParameterName"] == "innodb_buffer_pool_size"][0]
    assert (pool["ApplyType"], pool["DataType"]) == ("static", "integer")

    # Bad input.
    for params, want in [
        ([{"ParameterName": "max_connections", "ParameterValue": "0", "ApplyMethod": "immediate"}],
         ("InvalidParameterValue", "Value: 0 is outside of range: 1-100000 for parameter: max_connections")),
        ([{"ParameterName": "nosuch", "ParameterValue": "1", "ApplyMethod": "immediate"}],
         ("InvalidParameterValue", "Could not find parameter with name: nosuch")),
        ([{"ParameterName": "innodb_buffer_pool_size", "ParameterValue": "67108864", "ApplyMethod": "immediate"}],
         ("InvalidParameterCombination", "cannot use immediate apply method for static parameter innodb_buffer_pool_size")),
    ]:
        code, msg, _ = hg.expect_client_error(rds.modify_db_parameter_group, DBParameterGroupName="kg-params",
                                              Parameters=params)
        assert (code, msg) == want
    code, _, _ = hg.expect_client_error(rds.modify_db_parameter_group, DBParameterGroupName="default.mysql8.0",
                                        Parameters=[{"ParameterName": "max_connections", "ParameterValue": "5",
                                                     "ApplyMethod": "immediate"}])
    assert code == "InvalidParameterValue"
    code, _, _ = hg.expect_client_error(rds.delete_db_parameter_group, DBParameterGroupName="kg-params")
    assert code == "InvalidDBParameterGroupState"

    # Reset: the engine's value again, at once.
    rds.reset_db_parameter_group(DBParameterGroupName="kg-params", Parameters=[
        {"ParameterName": "max_connections", "ApplyMethod": "immediate"}])
    hg.wait_until(lambda: variable(db, "max_connections") == "200", timeout=10, interval=0.1,
                  what="max_connections reset")
    rds.add_tags_to_resource(ResourceName=g["DBParameterGroupArn"], Tags=[{"Key": "team", "Value": "kg"}])
    assert rds.list_tags_for_resource(ResourceName=g["DBParameterGroupArn"])["TagList"] == [
        {"Key": "team", "Value": "kg"}]
    names = {g["DBParameterGroupName"] for g in rds.describe_db_parameter_groups()["DBParameterGroups"]}
    assert {"default.mysql8.0", "kg-params"} <= names

    rds.delete_db_instance(DBInstanceIdentifier="paramdb", SkipFinalSnapshot=True)
    hg.wait_until(lambda: "paramdb" not in {d["DBInstanceIdentifier"]
                                            for d in rds.describe_db_instances()["DBInstances"]},
                  timeout=30, interval=0.2, what="paramdb deleted")
    rds.delete_db_parameter_group(DBParameterGroupName="kg-params")
    code, _, _ = hg.expect_client_error(rds.describe_db_parameter_groups, DBParameterGroupName="kg-params")
    assert code == "DBParameterGroupNotFound"


# --------------------------------------------------------------------------------------------
# Subnet groups and tags


def test_subnet_groups_and_tags(region, rds):
    ec2 = region.client("ec2")
    subnets = [ec2.describe_subnets(Filters=[{"Name": "availability-zone", "Values": [z]},
                                             {"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]
               for z in ZONES]
    ids = [s["SubnetId"] for s in subnets]
    code, msg, _ = hg.expect_client_error(rds.create_db_subnet_group, DBSubnetGroupName="one-zone",
                                          DBSubnetGroupDescription="x", SubnetIds=ids[:1])
    assert code == "DBSubnetGroupDoesNotCoverEnoughAZs", msg
    code, msg, _ = hg.expect_client_error(rds.create_db_subnet_group, DBSubnetGroupName="bad-subnet",
                                          DBSubnetGroupDescription="x", SubnetIds=[ids[0], "subnet-0000000000000000"])
    assert code == "InvalidSubnet", msg

    g = rds.create_db_subnet_group(DBSubnetGroupName="KG-DB", DBSubnetGroupDescription="KG SPORTS databases",
                                   SubnetIds=ids)["DBSubnetGroup"]
    assert g["DBSubnetGroupName"] == "kg-db" and g["VpcId"] == subnets[0]["VpcId"]
    assert sorted(s["SubnetAvailabilityZone"]["Name"] for s in g["Subnets"]) == ZONES
    code, _, _ = hg.expect_client_error(rds.create_db_subnet_group, DBSubnetGroupName="kg-db",
                                        DBSubnetGroupDescription="x", SubnetIds=ids)
    assert code == "DBSubnetGroupAlreadyExists"

    rds.create_db_instance(DBInstanceIdentifier="grouped", DBInstanceClass="db.t3.micro", Engine="mysql",
                           MasterUsername="admin", MasterUserPassword=PASSWORD, AllocatedStorage=20,
                           DBSubnetGroupName="kg-db", AvailabilityZone="ap-northeast-2c",
                           Tags=[{"Key": "team", "Value": "kg"}])
    db = describe(rds, "grouped")
    assert db["DBSubnetGroup"]["DBSubnetGroupName"] == "kg-db" and db["AvailabilityZone"] == "ap-northeast-2c"
    code, msg, _ = hg.expect_client_error(rds.delete_db_subnet_group, DBSubnetGroupName="kg-db")
    assert code == "InvalidDBSubnetGroupStateFault", msg

    arn = db["DBInstanceArn"]
    rds.add_tags_to_resource(ResourceName=arn, Tags=[{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "web"}])
    tags = region.aws("rds", "list-tags-for-resource", "--resource-name", arn)["TagList"]
    assert {t["Key"]: t["Value"] for t in tags} == {"team": "web", "env": "prod"}
    rds.remove_tags_from_resource(ResourceName=arn, TagKeys=["env"])
    assert rds.list_tags_for_resource(ResourceName=arn)["TagList"] == [{"Key": "team", "Value": "web"}]
    code, _, _ = hg.expect_client_error(rds.list_tags_for_resource,
                                        ResourceName=arn.replace(":db:grouped", ":db:nosuch"))
    assert code == "DBInstanceNotFound"

    wait_status(rds, "grouped", "available")
    rds.delete_db_instance(DBInstanceIdentifier="grouped", SkipFinalSnapshot=True)
    hg.wait_until(lambda: not any(d["DBInstanceIdentifier"] == "grouped"
                                  for d in rds.describe_db_instances()["DBInstances"]), timeout=30, interval=0.2,
                  what="grouped deleted")
    rds.delete_db_subnet_group(DBSubnetGroupName="kg-db")
    code, _, status = hg.expect_client_error(rds.describe_db_subnet_groups, DBSubnetGroupName="kg-db")
    assert (code, status) == ("DBSubnetGroupNotFoundFault", 404)


# --------------------------------------------------------------------------------------------
# A restart of the daemon


def test_a_daemon_restart_keeps_every_instance_and_its_state_truthful(new_region):
    region = new_region()
    rds = region.client("rds")
    create_primary(region, "keep")
    primary = wait_status(rds, "keep", "available")
    query(primary, "CREATE TABLE matches (id INT PRIMARY KEY)")
    query(primary, "INSERT INTO matches VALUES (1)")
    rds.create_db_instance_read_replica(DBInstanceIdentifier="keep-replica", SourceDBInstanceIdentifier="keep")
    replica = wait_status(rds, "keep-replica", "available")
    create_primary(region, "resting")
    wait_status(rds, "resting", "available")
    rds.stop_db_instance(DBInstanceIdentifier="resting")
    wait_status(rds, "resting", "stopped")
    pids = {i: server_pid(region, i) for i in ("keep", "keep-replica")}

    region.restart()
    rds = region.client("rds")
    states = {d["DBInstanceIdentifier"]: d["DBInstanceStatus"] for d in rds.describe_db_instances()["DBInstances"]}
    assert states == {"keep": "available", "keep-replica": "available", "resting": "stopped"}
    assert {i: server_pid(region, i) for i in pids} == pids, "the servers kept running through the restart"
    assert describe(rds, "keep-replica")["ReadReplicaSourceDBInstanceIdentifier"] == "keep"
    query(primary, "INSERT INTO matches VALUES (2)")
    hg.wait_until(lambda: count_rows(replica) == 2, timeout=5, interval=0.02, what="replication after restart")

    # A server that dies while the daemon is down is restarted when it comes back.
    region.stop()
    os.kill(pids["keep"], signal.SIGKILL)
    hg.wait_until(lambda: not alive(pids["keep"]), timeout=10, what="the server gone")
    region.start()
    rds = region.client("rds")
    wait_status(rds, "keep", "available", timeout=30)
    assert count_rows(primary) == 2, "serving again, with its committed rows"
    assert describe(rds, "resting")["DBInstanceStatus"] == "stopped"
    assert count_rows(describe(rds, "resting")) is None, "a stopped instance stays stopped"
    query(primary, "INSERT INTO matches VALUES (3)")
    hg.wait_until(lambda: count_rows(replica) == 3, timeout=10, interval=0.05,
                  what="the replica follows the restarted primary")


def test_a_daemon_killed_while_creating_finishes_the_work_when_back(new_region):
    """kill -9 of the daemon right after CreateDBInstance and CreateDBSnapshot: the controller
    redoes the cut-short work from the start when the daemon is back, nothing half made stays."""
    region = new_region()
    rds = region.client("rds")
    create_primary(region, "crashy")
    region.kill9()  # while its server is being made (or just after)
    region.start()
    rds = region.client("rds")
    db = wait_status(rds, "crashy", "available")
    query(db, "CREATE TABLE matches (id INT PRIMARY KEY)")
    query(db, "INSERT INTO matches VALUES (1), (2), (3)")
    pids = [p for p in hg.instance_pids_under(instance_dir(region, "crashy"))]
    assert len(pids) == 1, f"one server for the instance, not {pids}"

    rds.create_db_snapshot(DBInstanceIdentifier="crashy", DBSnapshotIdentifier="crashy-snap")
    region.kill9()
    region.start()
    rds = region.client("rds")
    hg.wait_until(lambda: rds.describe_db_snapshots(DBSnapshotIdentifier="crashy-snap")["DBSnapshots"][0]["Status"]
                  == "available", timeout=60, interval=0.2, what="the snapshot finished")
    wait_status(rds, "crashy", "available")
    rds.restore_db_instance_from_db_snapshot(DBInstanceIdentifier="crashy-copy", DBSnapshotIdentifier="crashy-snap")
    copy = wait_status(rds, "crashy-copy", "available")
    assert count_rows(copy) == 3
    assert not list((region.data_dir / "rds" / "scratch").iterdir()), "no scratch file is left"
