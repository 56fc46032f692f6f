//! Engine `postgres`: one DB instance's PostgreSQL server (the PostgreSQL Debian ships), chosen
//! by `server.rs` for the instances whose engine is postgres.
//!
//! Layout under `instances/<id>/`: `postgresql.conf` (ours, rewritten on every start; the server
//! is started with `-c config_file=` pointing at it, which also tells its process apart),
//! `pg_hba.conf`, `data/` (the datadir, from `initdb`), `error.log`, `repl.pw`; the unix socket
//! lives in the directory `s/pg<server_id>/` (0700). The controller administers the server as
//! the superuser `rdsadmin`, which can only log in through that socket (`trust` there, and only
//! for it): it has no password. Over TCP every role needs its password (`scram-sha-256`).
//!
//! PostgreSQL refuses to run as root. A daemon running as root starts the server tools
//! (`initdb`, `postgres`) in a user namespace of their own (`unshare -U`) where they are the
//! user `postgres` while the files they make stay root's (the namespace maps that user to root):
//! the instance's files keep their 0700 directories and nothing outside has to be opened up.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::records::{InstanceRec, ProcessId};
use crate::server::{
    kill_by_command_line, os_user, proc_stat, random_password, run, running_with, write_private, Layout, ServerStatus,
    REPLICATION_USER, START_TIMEOUT,
};

/// The superuser the controller administers each server as (through its socket only).
pub const ADMIN_USER: &str = "rdsadmin";
/// The role RDS gives the master user (CREATEDB, CREATEROLE and the monitoring roles; no
/// SUPERUSER).
pub const SUPERUSER_ROLE: &str = "rds_superuser";

/// The directory of the installed server's programs (the newest major version installed).
fn bin_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let mut best: Option<(u32, PathBuf)> = None;
        if let Ok(entries) = fs::read_dir("/usr/lib/postgresql") {
            for e in entries.flatten() {
                let Some(v) = e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
                let b = e.path().join("bin");
                if b.join("postgres").exists() && best.as_ref().is_none_or(|(bv, _)| v > *bv) {
                    best = Some((v, b));
                }
            }
        }
        best.map(|(_, b)| b).unwrap_or_else(|| PathBuf::from("/usr/lib/postgresql/15/bin"))
    })
}

fn bin(name: &str) -> PathBuf {
    bin_dir().join(name)
}

/// A server tool, run as the user `postgres` in a user namespace when this daemon is root.
fn server_command(program: &str) -> Command {
    if os_user() == "root" {
        let mut c = Command::new("unshare");
        c.args(["-U", "--map-user=postgres", "--map-group=postgres"]).arg(bin(program));
        c
    } else {
        Command::new(bin(program))
    }
}

/// Make the socket directory (0700).
fn socket_dir(l: &Layout) -> Result<(), String> {
    fs::create_dir_all(&l.socket).map_err(|e| format!("creating {}: {e}", l.socket.display()))?;
    fs::set_permissions(&l.socket, fs::Permissions::from_mode(0o700)).map_err(|e| e.to_string())
}

/// A string literal for PostgreSQL (standard_conforming_strings: only quotes are doubled).
pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// An identifier, quoted (role and database names keep the case they were given).
pub fn ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The server's configuration and its client authentication. A read replica's server is a hot
/// standby (its datadir carries `standby.signal`); `read_only` changes nothing else here.
pub fn write_config(l: &Layout, rec: &InstanceRec, _read_only: bool) -> Result<(), String> {
    fs::create_dir_all(&l.dir).map_err(|e| format!("creating {}: {e}", l.dir.display()))?;
    fs::set_permissions(&l.dir, fs::Permissions::from_mode(0o700)).map_err(|e| e.to_string())?;
    if let Some(s) = l.socket.parent() {
        fs::create_dir_all(s).map_err(|e| format!("creating {}: {e}", s.display()))?;
        fs::set_permissions(s, fs::Permissions::from_mode(0o700)).map_err(|e| e.to_string())?;
    }
    socket_dir(l)?;
    let hba = l.dir.join("pg_hba.conf");
    write_private(
        &hba,
        &format!(
            "# Written by homeground for DB instance {id}; rewritten on every start.\n\
             # The administrator only through the instance's own socket directory (0700).\n\
             local all {ADMIN_USER} trust\n\
             local replication {ADMIN_USER} trust\n\
             # Everyone else over TCP, with a password.\n\
             host replication {REPLICATION_USER} 0.0.0.0/0 scram-sha-256\n\
             host all all 0.0.0.0/0 scram-sha-256\n",
            id = rec.id
        ),
    )?;
    let conf = format!(
        "# Written by homeground for DB instance {id}; rewritten on every start.\n\
         hba_file = {hba}\n\
         ident_file = {ident}\n\
         listen_addresses = {address}\n\
         port = {port}\n\
         unix_socket_directories = {socket}\n\
         unix_socket_permissions = 0700\n\
         max_connections = 100\n\
         shared_buffers = 32MB\n\
         password_encryption = scram-sha-256\n\
         wal_level = replica\n\
         max_wal_senders = 10\n\
         wal_keep_size = 128MB\n\
         hot_standby = on\n\
         fsync = on\n\
         synchronous_commit = on\n\
         log_destination = stderr\n\
         logging_collector = off\n\
         log_min_error_statement = panic\n\
         dynamic_shared_memory_type = posix\n\
         datestyle = 'iso, mdy'\n\
         timezone = 'UTC'\n\
         lc_messages = 'C.UTF-8'\n\
         default_text_search_config = 'pg_catalog.english'\n",
        id = rec.id,
        hba = quote(&hba.display().to_string()),
        ident = quote(&l.dir.join("pg_ident.conf").display().to_string()),
        address = quote(&rec.address),
        port = rec.port,
        socket = quote(&l.socket.display().to_string()),
    );
    write_private(&l.dir.join("pg_ident.conf"), "# No user name maps.\n")?;
    write_private(&l.cnf, &conf)
}

/// A fresh, empty datadir (`initdb`; its superuser is `rdsadmin`).
pub fn initialize(l: &Layout) -> Result<(), String> {
    if l.data.exists() {
        fs::remove_dir_all(&l.data).map_err(|e| format!("removing {}: {e}", l.data.display()))?;
    }
    run(
        server_command("initdb")
            .arg("-D")
            .arg(&l.data)
            .arg(format!("--username={ADMIN_USER}"))
            .args(["--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"])
            .current_dir(&l.dir),
        "initdb",
    )
    .map(|_| ())
}

/// The server process of this layout, if one runs (its `postmaster.pid`, checked to be a
/// `postgres` started with this layout's configuration).
pub fn running(l: &Layout) -> Option<ProcessId> {
    running_with(l, &format!("config_file={}", l.cnf.display()))
}

/// Start the server in a session of its own (it outlives the daemon) and wait until it accepts
/// connections (after crash recovery, if it had crashed).
pub fn start(l: &Layout) -> Result<ProcessId, String> {
    if let Some(p) = running(l) {
        return Ok(p);
    }
    socket_dir(l)?;
    kill_orphans(l);
    fs::set_permissions(&l.data, fs::Permissions::from_mode(0o700))
        .map_err(|e| format!("{}: {e}", l.data.display()))?;
    let log = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&l.log)
        .map_err(|e| format!("opening {}: {e}", l.log.display()))?;
    let mut cmd = server_command("postgres");
    cmd.arg("-D")
        .arg(&l.data)
        .arg("-c")
        .arg(format!("config_file={}", l.cnf.display()))
        .current_dir(&l.dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log));
    // SAFETY: setsid is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let mut child = cmd.spawn().map_err(|e| format!("starting postgres: {e}"))?;
    let pid = child.id();
    let start_ticks = proc_stat(pid).map(|(_, s)| s).unwrap_or_default();
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("postgres exited ({status}) while starting; see {}", l.log.display()));
        }
        if accepts(l) {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("postgres did not accept connections within {START_TIMEOUT:?}"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(ProcessId { pid, start: start_ticks })
}

/// The processes a killed server left (its backends, checkpointer … end by themselves soon
/// after their postmaster died, but while one still holds the old shared memory a new server
/// refuses to start): found by their working directory, the datadir, and killed. Called only
/// when no server of this layout runs.
fn kill_orphans(l: &Layout) {
    let Ok(data) = fs::canonicalize(&l.data) else { return };
    let me = std::process::id();
    let Ok(entries) = fs::read_dir("/proc") else { return };
    let orphans: Vec<u32> = entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| *pid != me)
        .filter(|pid| fs::read_link(format!("/proc/{pid}/cwd")).is_ok_and(|cwd| cwd == data))
        .collect();
    for pid in &orphans {
        // SAFETY: kill with a pid just read from /proc; at worst it has ended meanwhile.
        unsafe { libc::kill(*pid as i32, libc::SIGKILL) };
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while orphans.iter().any(|pid| proc_stat(*pid).is_some_and(|(s, _)| s != 'Z' && s != 'X'))
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Does the server accept connections on its socket (`pg_isready`)?
fn accepts(l: &Layout) -> bool {
    Command::new(bin("pg_isready"))
        .arg("-q")
        .arg("-h")
        .arg(&l.socket)
        .arg("-p")
        .arg(l.port.to_string())
        .args(["-U", ADMIN_USER, "-d", "postgres", "-t", "2"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .status()
        .is_ok_and(|s| s.success())
}

/// Run SQL as the administrator through the socket, statements read from the client's stdin
/// (never its command line: passwords in it show up in no process listing), each in its own
/// transaction, stopping at the first error (terse: an error does not quote the statement).
pub fn sql(l: &Layout, statements: &str) -> Result<String, String> {
    sql_in(l, "postgres", statements)
}

pub fn sql_in(l: &Layout, database: &str, statements: &str) -> Result<String, String> {
    use std::io::Write;
    let mut child = Command::new(bin("psql"))
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=terse"])
        .arg("-h")
        .arg(&l.socket)
        .arg("-p")
        .arg(l.port.to_string())
        .args(["-U", ADMIN_USER, "-d", database])
        .env("PGCONNECT_TIMEOUT", "5")
        .process_group(0)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("running psql: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(statements.as_bytes()).map_err(|e| format!("writing SQL: {e}"))?;
    }
    let out = child.wait_with_output().map_err(|e| format!("running psql: {e}"))?;
    if !out.status.success() {
        return Err(format!("SQL failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The master role (RDS's: CREATEDB CREATEROLE LOGIN and `rds_superuser`'s monitoring roles, not
/// SUPERUSER), the initial database it owns, and the replication role (first start).
pub fn bootstrap(l: &Layout, master_user: &str, password: &str, db_name: Option<&str>) -> Result<(), String> {
    let repl = random_password();
    write_private(&l.repl_pw, &repl)?;
    let u = ident(master_user);
    let mut s = format!(
        "CREATE ROLE {SUPERUSER_ROLE} NOLOGIN CREATEDB CREATEROLE;\n\
         GRANT pg_monitor, pg_signal_backend, pg_read_all_settings, pg_read_all_stats, pg_stat_scan_tables, \
         pg_checkpoint TO {SUPERUSER_ROLE} WITH ADMIN OPTION;\n\
         GRANT ALL ON SCHEMA public TO {SUPERUSER_ROLE};\n\
         CREATE ROLE {u} LOGIN CREATEDB CREATEROLE PASSWORD {p} IN ROLE {SUPERUSER_ROLE};\n\
         CREATE ROLE {REPLICATION_USER} LOGIN REPLICATION PASSWORD {r};\n",
        p = quote(password),
        r = quote(&repl),
    );
    if let Some(db) = db_name.filter(|d| *d != "postgres") {
        s.push_str(&format!("CREATE DATABASE {} OWNER {u};\n", ident(db)));
    }
    sql(l, &s).map(|_| ())
}

/// Give the master role a new password.
pub fn set_password(l: &Layout, master_user: &str, password: &str) -> Result<(), String> {
    sql(l, &format!("ALTER ROLE {} PASSWORD {};\n", ident(master_user), quote(password))).map(|_| ())
}

/// A new password for the replication role (a restored datadir carries its source's).
pub fn reset_replication_account(l: &Layout) -> Result<(), String> {
    let repl = random_password();
    sql(
        l,
        &format!(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {name}) THEN \
             CREATE ROLE {REPLICATION_USER} LOGIN REPLICATION; END IF; END $$;\n\
             ALTER ROLE {REPLICATION_USER} PASSWORD {r};\n",
            name = quote(REPLICATION_USER),
            r = quote(&repl)
        ),
    )?;
    write_private(&l.repl_pw, &repl)
}

/// A consistent physical copy of the running server (`pg_basebackup`, with the WAL written
/// while it ran, so the copy starts on its own) into `target` (which must not exist).
pub fn backup(source: &Layout, target: &Path) -> Result<String, String> {
    kill_by_command_line(&format!("-D {} ", target.display()));
    if target.exists() {
        fs::remove_dir_all(target).map_err(|e| format!("removing {}: {e}", target.display()))?;
    }
    run(
        Command::new(bin("pg_basebackup"))
            .arg("-h")
            .arg(&source.socket)
            .arg("-p")
            .arg(source.port.to_string())
            .args(["-U", ADMIN_USER, "-X", "stream", "-c", "fast", "--no-manifest", "-D"])
            .arg(target),
        "pg_basebackup",
    )?;
    Ok(String::new())
}

/// Make a seeded datadir (a `pg_basebackup` of the source) a hot standby that streams from its
/// source over TCP as the replication role: `standby.signal` and `primary_conninfo` (in
/// `postgresql.auto.conf`, 0600 in the 0700 instance directory, as `repl.pw` is). Done before
/// the server starts; it then follows the source by itself and refuses writes.
pub fn follow(l: &Layout, host: &str, port: u16, repl_password: &str) -> Result<(), String> {
    let auto = l.data.join("postgresql.auto.conf");
    let kept: String = fs::read_to_string(&auto)
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.trim_start().starts_with("primary_conninfo"))
        .map(|line| format!("{line}\n"))
        .collect();
    let conninfo = format!(
        "host={host} port={port} user={REPLICATION_USER} password={} application_name={}",
        conninfo_value(repl_password),
        conninfo_value(&l.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()),
    );
    write_private(&auto, &format!("{kept}primary_conninfo = {}\n", quote(&conninfo)))?;
    write_private(&l.data.join("standby.signal"), "")
}

/// A value in a libpq connection string.
fn conninfo_value(v: &str) -> String {
    format!("'{}'", v.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// Stop following the source and accept writes (what `pg_ctl promote` does, as SQL: waits
/// until the promotion is done).
pub fn promote(l: &Layout) -> Result<(), String> {
    if sql(l, "SELECT pg_is_in_recovery();\n")?.trim() == "t" {
        let done = sql(l, "SELECT pg_promote(true, 60);\n")?;
        if done.trim() != "t" {
            return Err("the standby was not promoted within 60 s".into());
        }
    }
    Ok(())
}

/// What the server says of itself, for the AWS/RDS metrics.
pub fn status(l: &Layout) -> Result<ServerStatus, String> {
    let out = sql(
        l,
        "SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend') || '|' || \
         (SELECT coalesce(sum(blks_read), 0) FROM pg_stat_database) || '|' || \
         (SELECT buffers_checkpoint + buffers_clean + buffers_backend FROM pg_stat_bgwriter) || '|' || \
         coalesce(CASE WHEN NOT pg_is_in_recovery() THEN NULL \
         WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN '0' \
         ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::text END, '');\n",
    )?;
    Ok(parse_status(&out))
}

fn parse_status(out: &str) -> ServerStatus {
    let f: Vec<&str> = out.trim().split('|').collect();
    let num = |i: usize| f.get(i).and_then(|v| v.trim().parse::<f64>().ok());
    ServerStatus {
        connections: num(0).unwrap_or(0.0),
        data_reads: num(1).unwrap_or(0.0),
        data_writes: num(2).unwrap_or(0.0),
        replica_lag: num(3).map(|v| v.max(0.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_identifiers_are_quoted() {
        assert_eq!(quote("a'b\\c"), "'a''b\\c'");
        assert_eq!(ident("Admin\"x"), "\"Admin\"\"x\"");
    }

    #[test]
    fn connection_string_values_are_quoted() {
        assert_eq!(conninfo_value("a'b\\c"), r"'a\'b\\c'");
    }

    #[test]
    fn the_status_of_a_primary_and_of_a_standby() {
        assert_eq!(
            parse_status("3|120|340|\n"),
            ServerStatus { connections: 3.0, data_reads: 120.0, data_writes: 340.0, replica_lag: None }
        );
        assert_eq!(parse_status("1|0|0|2.5\n").replica_lag, Some(2.5));
    }
}
