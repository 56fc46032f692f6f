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

pub(crate) fn bin(name: &str) -> PathBuf {
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

/// The settings this region's servers have where a DB parameter group does not set them (in
/// the settings' base units, as DescribeDBParameters shows them).
pub const ENGINE_DEFAULTS: &[(&str, &str)] = &[
    ("max_connections", "100"),
    ("shared_buffers", "4096"),
    ("password_encryption", "scram-sha-256"),
    ("wal_level", "replica"),
    ("max_wal_senders", "10"),
    ("wal_keep_size", "128"),
    ("hot_standby", "on"),
    ("fsync", "on"),
    ("synchronous_commit", "on"),
    ("log_min_error_statement", "panic"),
    ("dynamic_shared_memory_type", "posix"),
    ("datestyle", "iso, mdy"),
    ("timezone", "UTC"),
    ("lc_messages", "C.UTF-8"),
    ("default_text_search_config", "pg_catalog.english"),
];

/// A value in `postgresql.conf`: a quoted string (the server converts it to the setting's
/// type), with backslashes and quotes escaped as its configuration parser reads them.
pub fn conf_value(v: &str) -> String {
    format!("'{}'", v.replace('\\', "\\\\").replace('\'', "''"))
}

/// A word for `sh`, single-quoted.
fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A directory (and its parent) made 0700.
fn private_dir(dir: &Path) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    for d in [Some(dir), dir.parent()].into_iter().flatten() {
        fs::set_permissions(d, fs::Permissions::from_mode(0o700)).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    Ok(())
}

/// The server's configuration and its client authentication. A read replica's server is a hot
/// standby (its datadir carries `standby.signal`); `read_only` changes nothing else here.
pub fn write_config(
    l: &Layout,
    rec: &InstanceRec,
    _read_only: bool,
    params: &std::collections::BTreeMap<String, String>,
) -> Result<(), String> {
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
    let mut conf = format!(
        "# Written by homeground for DB instance {id}; rewritten on every start.\n\
         hba_file = {hba}\n\
         ident_file = {ident}\n\
         listen_addresses = {address}\n\
         port = {port}\n\
         unix_socket_directories = {socket}\n\
         unix_socket_permissions = 0700\n\
         log_destination = stderr\n\
         logging_collector = off\n",
        id = rec.id,
        hba = quote(&hba.display().to_string()),
        ident = quote(&l.dir.join("pg_ident.conf").display().to_string()),
        address = quote(&rec.address),
        port = rec.port,
        socket = quote(&l.socket.display().to_string()),
    );
    for (k, v) in ENGINE_DEFAULTS {
        conf.push_str(&format!("{k} = {}\n", conf_value(v)));
    }
    // Every WAL segment a primary completes is archived (a standby archives nothing), for
    // point-in-time restores: copied under a temporary name, then renamed.
    private_dir(&l.archive)?;
    let dir = sh_quote(&l.archive.display().to_string());
    conf.push_str(&format!(
        "archive_mode = on\narchive_command = {}\n",
        conf_value(&format!("cp %p {dir}/%f.part && mv -f {dir}/%f.part {dir}/%f"))
    ));
    conf.push_str("# The DB parameter group's settings (the last of a name wins)\n");
    for (k, v) in params {
        conf.push_str(&format!("{k} = {}\n", conf_value(v)));
    }
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
/// Its commits do not wait for a Multi-AZ standby (`synchronous_commit=local`): a job waiting
/// on a dead standby would keep the controller from starting it again.
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
        .env("PGOPTIONS", "-c synchronous_commit=local")
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
    // A Multi-AZ source's own standby requirement is not the copy's.
    let kept = auto_conf_without(&l.data, &["primary_conninfo", "synchronous_standby_names"]);
    let conninfo = format!(
        "host={host} port={port} user={REPLICATION_USER} password={} application_name={}",
        conninfo_value(repl_password),
        conninfo_value(&application_name(l)),
    );
    write_private(&auto, &format!("{kept}primary_conninfo = {}\n", quote(&conninfo)))?;
    write_private(&l.data.join("standby.signal"), "")
}

/// The name a standby streams under (its instance directory's: `<id>.standby` for a Multi-AZ
/// standby, whichever datadir it has after failovers).
fn application_name(l: &Layout) -> String {
    l.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Multi-AZ: the primary acknowledges a commit only once its standby has flushed it
/// (`synchronous_standby_names`, kept in the primary's `postgresql.auto.conf` by `ALTER SYSTEM`;
/// copies of the datadir drop it).
pub fn synchronous_standby(primary: &Layout, standby: &Layout) -> Result<(), String> {
    sql(
        primary,
        &format!(
            "ALTER SYSTEM SET synchronous_standby_names = {};\nSELECT pg_reload_conf();\n",
            quote(&ident(&application_name(standby)))
        ),
    )
    .map(|_| ())
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

/// Make everything committed so far restorable: a commit stamped now (recovery to a time stops
/// at the first commit after it, so one must exist), then the current WAL segment completed
/// and archived (waited for, at most 60 s).
pub fn archive_now(l: &Layout) -> Result<(), String> {
    sql(l, "SELECT pg_current_xact_id();\n")?;
    let segment = sql(l, "SELECT pg_walfile_name(pg_switch_wal());\n")?.trim().to_string();
    if segment.is_empty() || segment.contains('/') {
        return Err(format!("unexpected WAL segment name {segment:?}"));
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while !l.archive.join(&segment).exists() {
        if Instant::now() > deadline {
            return Err(format!("WAL segment {segment} was not archived within 60 s"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

/// The settings of a point-in-time recovery, in a restored datadir's `postgresql.auto.conf`.
const RECOVERY_SETTINGS: &[&str] =
    &["restore_command", "recovery_target_time", "recovery_target_inclusive", "recovery_target_action"];

/// `postgresql.auto.conf` without the named settings.
fn auto_conf_without(data: &Path, names: &[&str]) -> String {
    fs::read_to_string(data.join("postgresql.auto.conf"))
        .unwrap_or_default()
        .lines()
        .filter(|line| !names.iter().any(|n| line.trim_start().starts_with(n)))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// `recovery_target_time`'s value for an instant (UTC, to the microsecond).
fn recovery_time(epoch: f64) -> String {
    let secs = epoch.floor();
    let micros = (((epoch - secs) * 1e6).round() as u64).min(999_999);
    format!("{}.{micros:06}+00", crate::records::utc_datetime(secs))
}

/// Make a restored base backup recover, when its server starts, from `archive` (the source's
/// WAL archive; then, for a stopped source, its `pg_wal`, where its last segment is) up to
/// `until` (epoch seconds; commits at or after it are left out) or, without one, to the end of
/// that WAL; then become a primary of its own (`recovery_target_action = promote`).
pub fn recover_to(l: &Layout, archive: &Path, source_wal: Option<&Path>, until: Option<f64>) -> Result<(), String> {
    let mut restore = format!("cp {}/%f %p", sh_quote(&archive.display().to_string()));
    if let Some(wal) = source_wal {
        restore.push_str(&format!(" || cp {}/%f %p", sh_quote(&wal.display().to_string())));
    }
    let mut auto = auto_conf_without(&l.data, RECOVERY_SETTINGS);
    auto.push_str(&format!("restore_command = {}\n", conf_value(&restore)));
    if let Some(t) = until {
        auto.push_str(&format!(
            "recovery_target_time = {}\nrecovery_target_inclusive = off\nrecovery_target_action = promote\n",
            conf_value(&recovery_time(t)),
        ));
    }
    write_private(&l.data.join("postgresql.auto.conf"), &auto)?;
    write_private(&l.data.join("recovery.signal"), "")
}

/// Did the server's recovery end (at the end of the WAL there was) before its target time?
/// Then nothing was committed at or after that time.
pub fn target_not_reached(l: &Layout) -> bool {
    fs::read_to_string(&l.log)
        .is_ok_and(|log| log.contains("recovery ended before configured recovery target was reached"))
}

/// Wait until a recovering server has reached its target and promoted itself (at most 120 s),
/// then forget the recovery's settings (a copy of this datadir must not recover again).
pub fn finish_recovery(l: &Layout, p: ProcessId) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if !crate::server::alive(p) {
            return Err(format!("postgres exited during recovery; see {}", l.log.display()));
        }
        if sql(l, "SELECT pg_is_in_recovery();\n").is_ok_and(|o| o.trim() == "f") {
            break;
        }
        if Instant::now() > deadline {
            return Err("the point-in-time recovery did not end within 120 s".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    write_private(&l.data.join("postgresql.auto.conf"), &auto_conf_without(&l.data, RECOVERY_SETTINGS))
}

/// Remove archived WAL segments completed before `before` (epoch seconds: the oldest base
/// backup kept starts after them); timeline history files stay.
pub fn expire_archive(archive: &Path, before: f64) {
    let Ok(entries) = fs::read_dir(archive) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".history") {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .is_some_and(|t| t.as_secs_f64() < before);
        if old {
            let _ = fs::remove_file(e.path());
        }
    }
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
    fn configuration_and_shell_values_are_quoted() {
        assert_eq!(conf_value(r"a'b\c"), r"'a''b\\c'");
        assert_eq!(sh_quote("/d/it's"), r"'/d/it'\''s'");
        assert_eq!(recovery_time(1_796_300_000.25), "2026-12-03 12:13:20.250000+00");
        assert_eq!(recovery_time(1_796_300_000.0), "2026-12-03 12:13:20.000000+00");
    }

    #[test]
    fn archived_wal_before_the_oldest_backup_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str, epoch: u64| {
            let f = fs::File::create(dir.path().join(name)).unwrap();
            f.set_modified(std::time::UNIX_EPOCH + Duration::from_secs(epoch)).unwrap();
        };
        at("000000010000000000000001", 1000);
        at("000000010000000000000002", 2000);
        at("00000002.history", 1000);
        at("000000020000000000000003", 3000);
        expire_archive(dir.path(), 2500.0);
        let mut left: Vec<String> =
            fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        assert_eq!(left, ["00000002.history", "000000020000000000000003"]);
        expire_archive(&dir.path().join("none"), 2500.0); // no archive: nothing to do
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
