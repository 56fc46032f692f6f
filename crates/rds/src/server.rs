//! One DB instance's MariaDB server: its files, the process, and the SQL the controller runs
//! through the server's own unix socket (as the operating-system user, by MariaDB's
//! `unix_socket` authentication — no administrator password exists anywhere).
//!
//! Layout under `<data-dir>/rds/`:
//! `instances/<id>/` (0700) holds `my.cnf`, `data/` (the datadir), `error.log`, `mysqld.pid`
//! and `repl.pw` (0600: the password of the replication account `rdsrepladmin`, which a read
//! replica uses to follow this server); the socket is `s/<server_id>.sock` (short: a unix
//! socket path must fit in 108 bytes).

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::records::{InstanceRec, ProcessId};

/// The replication account every server has (a future source of read replicas).
pub const REPLICATION_USER: &str = "rdsrepladmin";

/// How long a server may take to accept connections after it was started.
pub(crate) const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a server may take to shut down after SIGTERM before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(30);

/// The database server behind a DB instance: MariaDB for engines `mysql` and `mariadb`,
/// PostgreSQL (`crate::pg`) for `postgres`. Every server function below chooses by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    MySql,
    Postgres,
}

impl Engine {
    pub fn of(engine: &str) -> Engine {
        match engine {
            "postgres" => Engine::Postgres,
            _ => Engine::MySql,
        }
    }
}

pub struct Layout {
    pub engine: Engine,
    pub port: u16,
    pub dir: PathBuf,
    pub data: PathBuf,
    pub cnf: PathBuf,
    pub socket: PathBuf,
    pub pid_file: PathBuf,
    pub log: PathBuf,
    pub repl_pw: PathBuf,
    /// PostgreSQL's WAL archive (`<data-dir>/rds/wal/<id>/`): kept by id, outside the instance's
    /// directory (a failover swaps those), read by point-in-time restores.
    pub archive: PathBuf,
}

impl Layout {
    pub fn new(root: &Path, rec: &InstanceRec) -> Layout {
        let dir = root.join("instances").join(&rec.id);
        let engine = Engine::of(&rec.engine);
        if engine == Engine::Postgres {
            // The socket is `.s.PGSQL.<port>` in a directory of the instance's own.
            return Layout {
                engine,
                port: rec.port,
                data: dir.join("data"),
                cnf: dir.join("postgresql.conf"),
                pid_file: dir.join("data").join("postmaster.pid"),
                log: dir.join("error.log"),
                repl_pw: dir.join("repl.pw"),
                socket: root.join("s").join(format!("pg{}", rec.server_id)),
                archive: root.join("wal").join(&rec.id),
                dir,
            };
        }
        Layout {
            engine,
            port: rec.port,
            data: dir.join("data"),
            cnf: dir.join("my.cnf"),
            pid_file: dir.join("mysqld.pid"),
            log: dir.join("error.log"),
            repl_pw: dir.join("repl.pw"),
            socket: root.join("s").join(format!("{}.sock", rec.server_id)),
            archive: root.join("wal").join(&rec.id),
            dir,
        }
    }
}

/// The operating-system user the servers run as and the controller connects as.
pub(crate) fn os_user() -> String {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        return "root".into();
    }
    std::env::var("USER").unwrap_or_else(|_| "root".into())
}

pub fn write_private(path: &Path, content: &str) -> Result<(), String> {
    let tmp = path.with_extension("tmp");
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&tmp)
        .map_err(|e| format!("writing {}: {e}", tmp.display()))?;
    f.write_all(content.as_bytes())
        .and_then(|_| f.sync_all())
        .map_err(|e| format!("writing {}: {e}", tmp.display()))?;
    fs::rename(&tmp, path).map_err(|e| format!("renaming {}: {e}", tmp.display()))
}

pub fn random_password() -> String {
    use rand::Rng;
    const CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut r = rand::thread_rng();
    (0..32).map(|_| CHARS[r.gen_range(0..CHARS.len())] as char).collect()
}

/// Write the server's configuration. A read replica's server is `read_only` (which refuses
/// writes to every account without the READ ONLY ADMIN privilege, which the master user lacks).
/// `params` are the DB parameter group's settings (they come last: they win).
pub fn write_config(
    l: &Layout,
    rec: &InstanceRec,
    read_only: bool,
    params: &std::collections::BTreeMap<String, String>,
) -> Result<(), String> {
    if l.engine == Engine::Postgres {
        return crate::pg::write_config(l, rec, read_only, params);
    }
    fs::create_dir_all(&l.dir).map_err(|e| format!("creating {}: {e}", l.dir.display()))?;
    fs::set_permissions(&l.dir, fs::Permissions::from_mode(0o700)).map_err(|e| e.to_string())?;
    if let Some(s) = l.socket.parent() {
        fs::create_dir_all(s).map_err(|e| format!("creating {}: {e}", s.display()))?;
        fs::set_permissions(s, fs::Permissions::from_mode(0o700)).map_err(|e| e.to_string())?;
    }
    let cnf = format!(
        "# Written by homeground for DB instance {id}; rewritten on every start.\n\
         [mysqld]\n\
         datadir={data}\n\
         socket={socket}\n\
         pid-file={pid}\n\
         log-error={log}\n\
         bind-address={address}\n\
         port={port}\n\
         server-id={server_id}\n\
         log-bin=binlog\n\
         relay-log=relay\n\
         binlog-format=ROW\n\
         log-slave-updates=ON\n\
         sync-binlog={sync_binlog}\n\
         innodb-flush-log-at-trx-commit={flush}\n\
         skip-name-resolve=ON\n\
         innodb-buffer-pool-size=32M\n\
         innodb-log-file-size=32M\n\
         performance-schema=OFF\n\
         max-connections=200\n\
         character-set-server=utf8mb4\n\
         collation-server=utf8mb4_general_ci\n\
         read-only={ro}\n\
         rpl-semi-sync-master-enabled={semi_master}\n\
         rpl-semi-sync-master-wait-point=AFTER_SYNC\n\
         rpl-semi-sync-master-timeout=3000\n\
         rpl-semi-sync-master-wait-no-slave=OFF\n\
         rpl-semi-sync-slave-enabled={semi_slave}\n\
         # The DB parameter group's settings\n{group}",
        id = rec.id,
        data = l.data.display(),
        socket = l.socket.display(),
        pid = l.pid_file.display(),
        log = l.log.display(),
        address = rec.address,
        port = rec.port,
        server_id = rec.server_id,
        ro = if read_only { "ON" } else { "OFF" },
        // A primary makes every commit durable. A replica writes each replicated transaction
        // to the OS at commit (nothing is lost when its server is killed) without waiting for
        // the disk: its replication position (mysql.gtid_slave_pos) commits in the same InnoDB
        // transaction, so after a crash of the machine it fetches again what it lost. This keeps
        // replica lag low under a write load.
        sync_binlog = if read_only { 0 } else { 1 },
        flush = if read_only { 2 } else { 1 },
        // Multi-AZ: the primary acknowledges a commit once its standby has it (lossless
        // semi-synchronous replication; asynchronous again after 3 s without a standby).
        semi_master = if rec.multi_az && !read_only { "ON" } else { "OFF" },
        semi_slave = if rec.multi_az && read_only { "ON" } else { "OFF" },
        group = params.iter().map(|(k, v)| format!("{k}={v}\n")).collect::<String>(),
    );
    write_private(&l.cnf, &cnf)
}

/// Helpers run in a process group of their own: a signal meant for the daemon's group (a
/// terminal's Ctrl-C, a supervisor killing it) does not cut a backup or an install short, and
/// `mariabackup`, which works from the server's datadir, is never taken for the daemon.
/// Run a tool to its end. It dies with the daemon (`PR_SET_PDEATHSIG`): a tool left running by
/// a daemon killed mid-way would go on writing files the redone work starts afresh.
pub(crate) fn run(cmd: &mut Command, what: &str) -> Result<String, String> {
    // SAFETY: prctl is async-signal-safe; nothing else runs between fork and exec. The death
    // signal follows the forking thread, which waits here until the tool ends.
    unsafe {
        cmd.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.process_group(0).stdin(Stdio::null()).output().map_err(|e| format!("{what}: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = err.lines().rev().take(5).collect();
        return Err(format!(
            "{what} failed ({}): {}",
            out.status,
            tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A fresh, empty datadir (`mariadb-install-db`).
pub fn initialize(l: &Layout) -> Result<(), String> {
    if l.engine == Engine::Postgres {
        return crate::pg::initialize(l);
    }
    if l.data.exists() {
        fs::remove_dir_all(&l.data).map_err(|e| format!("removing {}: {e}", l.data.display()))?;
    }
    run(
        Command::new("mariadb-install-db")
            .arg(format!("--defaults-file={}", l.cnf.display()))
            .arg(format!("--user={}", os_user()))
            .arg("--skip-test-db")
            .arg("--auth-root-authentication-method=socket"),
        "mariadb-install-db",
    )
    .map(|_| ())
}

/// (state, start ticks) of a process.
pub(crate) fn proc_stat(pid: u32) -> Option<(char, u64)> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some((f.first()?.chars().next()?, f.get(19)?.parse().ok()?))
}

/// Is this process (pid and start time) still running?
pub fn alive(p: ProcessId) -> bool {
    matches!(proc_stat(p.pid), Some((state, start)) if start == p.start && state != 'Z' && state != 'X')
}

/// The server process of this layout, if one runs (found through its pid file, and checked to
/// be a `mariadbd` started with this layout's configuration): a server started before a crash
/// of the daemon that never got recorded.
pub fn running(l: &Layout) -> Option<ProcessId> {
    if l.engine == Engine::Postgres {
        return crate::pg::running(l);
    }
    running_with(l, &format!("--defaults-file={}", l.cnf.display()))
}

/// The process named by the first line of the layout's pid file, if it runs and its command
/// line contains `needle`.
pub(crate) fn running_with(l: &Layout, needle: &str) -> Option<ProcessId> {
    let pid: u32 = fs::read_to_string(&l.pid_file).ok()?.lines().next()?.trim().parse().ok()?;
    let cmdline = fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let cmdline = String::from_utf8_lossy(&cmdline);
    if !cmdline.contains(needle) {
        return None;
    }
    let (state, start) = proc_stat(pid)?;
    (state != 'Z' && state != 'X').then_some(ProcessId { pid, start })
}

/// Kill whatever still works on this layout's files (a `mariadb-install-db`, `mariabackup` or
/// server left by a daemon that was killed mid-way), found by the layout's directory in its
/// command line, and wait until it is gone.
pub fn kill_strays(l: &Layout) {
    kill_by_command_line(&format!("{}/", l.dir.display()));
}

/// Kill every process (but this one) whose command line contains `needle`; wait until gone.
pub(crate) fn kill_by_command_line(needle: &str) {
    let me = std::process::id();
    let Ok(entries) = fs::read_dir("/proc") else { return };
    let strays: Vec<u32> = entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| *pid != me)
        .filter(|pid| {
            fs::read(format!("/proc/{pid}/cmdline"))
                .map(|c| String::from_utf8_lossy(&c).replace('\0', " ").contains(needle))
                .unwrap_or(false)
        })
        .collect();
    for pid in &strays {
        // SAFETY: kill with a pid just read from /proc; at worst it has ended meanwhile.
        unsafe { libc::kill(*pid as i32, libc::SIGKILL) };
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while strays.iter().any(|pid| proc_stat(*pid).is_some_and(|(s, _)| s != 'Z' && s != 'X'))
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Start the server in a session of its own (it outlives the daemon, like instances do) and
/// wait until it accepts connections on its socket.
pub fn start(l: &Layout) -> Result<ProcessId, String> {
    if l.engine == Engine::Postgres {
        return crate::pg::start(l);
    }
    if let Some(p) = running(l) {
        return Ok(p);
    }
    let _ = fs::remove_file(&l.socket);
    let _ = fs::remove_file(&l.pid_file);
    let mut cmd = Command::new("mariadbd");
    cmd.arg(format!("--defaults-file={}", l.cnf.display()));
    if os_user() == "root" {
        cmd.arg("--user=root");
    }
    cmd.current_dir(&l.dir).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    // SAFETY: setsid is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let mut child = cmd.spawn().map_err(|e| format!("starting mariadbd: {e}"))?;
    let pid = child.id();
    let start_ticks = proc_stat(pid).map(|(_, s)| s).unwrap_or_default();
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("mariadbd exited ({status}) while starting; see {}", l.log.display()));
        }
        if accepts(&l.socket) {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("mariadbd did not accept connections within {START_TIMEOUT:?}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // Reap it when it ends (while this daemon lives; afterwards init does).
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(ProcessId { pid, start: start_ticks })
}

/// Does the server answer on its socket (the first byte of its handshake)?
fn accepts(socket: &Path) -> bool {
    let Ok(mut s) = std::os::unix::net::UnixStream::connect(socket) else { return false };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let mut b = [0u8; 1];
    matches!(s.read(&mut b), Ok(1))
}

/// SIGTERM (PostgreSQL: SIGINT, its fast shutdown, which does not wait for clients to leave),
/// then SIGKILL after a while; returns once the process is gone.
pub fn stop(l: &Layout, p: ProcessId) {
    if !alive(p) {
        return;
    }
    let signal = if l.engine == Engine::Postgres { libc::SIGINT } else { libc::SIGTERM };
    // SAFETY: kill with a pid checked (with its start time) to be ours just above.
    unsafe { libc::kill(p.pid as i32, signal) };
    let deadline = Instant::now() + STOP_TIMEOUT;
    while alive(p) {
        if Instant::now() > deadline {
            // SAFETY: as above.
            unsafe { libc::kill(p.pid as i32, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Run SQL on the server as the administrator (through the socket). The SQL goes through the
/// client's stdin, never its command line, so passwords in it show up in no process listing.
pub fn sql(l: &Layout, statements: &str) -> Result<String, String> {
    if l.engine == Engine::Postgres {
        return crate::pg::sql(l, statements);
    }
    sql_with(l, statements, false)
}

fn sql_with(l: &Layout, statements: &str, column_names: bool) -> Result<String, String> {
    let mut cmd = Command::new("mariadb");
    cmd.arg("--no-defaults")
        .arg(format!("--socket={}", l.socket.display()))
        .arg(format!("--user={}", os_user()))
        .arg("--batch");
    if !column_names {
        cmd.arg("--skip-column-names");
    }
    let mut child = cmd
        .process_group(0)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("running mariadb: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(statements.as_bytes()).map_err(|e| format!("writing SQL: {e}"))?;
    }
    let out = child.wait_with_output().map_err(|e| format!("running mariadb: {e}"))?;
    if !out.status.success() {
        // The client's error names the statement's line, not its text: no password leaks.
        return Err(format!("SQL failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The installed server's version (`10.11.19`), read once from `mariadbd --version`.
pub fn server_version() -> Option<&'static str> {
    static VERSION: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    VERSION
        .get_or_init(|| {
            let out = Command::new("mariadbd").arg("--version").stdin(Stdio::null()).output().ok()?;
            parse_version(&String::from_utf8_lossy(&out.stdout))
        })
        .as_deref()
}

/// `mariadbd  Ver 10.11.19-MariaDB-0+deb12u1 for debian-linux-gnu …` → `10.11.19`.
fn parse_version(text: &str) -> Option<String> {
    let mut words = text.split_whitespace();
    words.find(|w| *w == "Ver")?;
    let v = words.next()?.split('-').next()?;
    v.split('.').all(|p| p.parse::<u32>().is_ok()).then(|| v.to_string())
}

/// What the server says of itself, for the AWS/RDS metrics.
#[derive(Debug, Default, PartialEq)]
pub struct ServerStatus {
    pub connections: f64,
    pub data_reads: f64,
    pub data_writes: f64,
    /// `Seconds_Behind_Master` of a replica whose replication runs.
    pub replica_lag: Option<f64>,
}

pub fn status(l: &Layout) -> Result<ServerStatus, String> {
    if l.engine == Engine::Postgres {
        return crate::pg::status(l);
    }
    let out = sql_with(
        l,
        "SHOW GLOBAL STATUS WHERE Variable_name IN ('Threads_connected', 'Innodb_data_reads', 'Innodb_data_writes');\n\
         SHOW SLAVE STATUS;\n",
        true,
    )?;
    Ok(parse_status(&out))
}

/// The two result sets of [`status`], in the client's batch format (a header line each; an
/// empty result set prints nothing).
fn parse_status(out: &str) -> ServerStatus {
    let mut st = ServerStatus::default();
    let mut lines = out.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("Slave_IO_State\t") {
            let names: Vec<&str> = line.split('\t').collect();
            let values: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
            let get = |n: &str| names.iter().position(|x| *x == n).and_then(|i| values.get(i).copied());
            st.replica_lag = get("Seconds_Behind_Master").and_then(|v| v.parse().ok());
            break;
        }
        let mut kv = line.split('\t');
        let (Some(k), Some(v)) = (kv.next(), kv.next()) else { continue };
        let v: f64 = v.parse().unwrap_or(0.0);
        match k {
            "Threads_connected" => st.connections = v,
            "Innodb_data_reads" => st.data_reads = v,
            "Innodb_data_writes" => st.data_writes = v,
            _ => {}
        }
    }
    st
}

/// CPU seconds a process has used.
pub fn cpu_seconds(p: ProcessId) -> Option<f64> {
    let stat = fs::read_to_string(format!("/proc/{}/stat", p.pid)).ok()?;
    let f: Vec<&str> = stat[stat.rfind(')')? + 2..].split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    Some(ticks / hz)
}

/// Bytes under a directory.
pub fn disk_usage(dir: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => disk_usage(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// A string literal for SQL.
pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// The privileges RDS gives the master user: everything an application administrator needs,
/// without SUPER (nor READ ONLY ADMIN), so a read replica's `read_only` holds for it too.
const MASTER_PRIVILEGES: &str = "SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD, PROCESS, REFERENCES, INDEX, \
ALTER, SHOW DATABASES, CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, REPLICATION SLAVE, BINLOG MONITOR, \
CREATE VIEW, SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, CREATE USER, EVENT, TRIGGER";

/// Create the master user, the initial database and the replication account (first start).
pub fn bootstrap(l: &Layout, master_user: &str, password: &str, db_name: Option<&str>) -> Result<(), String> {
    if l.engine == Engine::Postgres {
        return crate::pg::bootstrap(l, master_user, password, db_name);
    }
    let repl = random_password();
    write_private(&l.repl_pw, &repl)?;
    let mut s = format!(
        "CREATE OR REPLACE USER {u}@'%' IDENTIFIED BY {p};\n\
         GRANT {MASTER_PRIVILEGES} ON *.* TO {u}@'%' WITH GRANT OPTION;\n\
         CREATE OR REPLACE USER {REPLICATION_USER}@'%' IDENTIFIED BY {r};\n\
         GRANT REPLICATION SLAVE ON *.* TO {REPLICATION_USER}@'%';\n",
        u = quote(master_user),
        p = quote(password),
        r = quote(&repl),
    );
    if let Some(db) = db_name {
        s.push_str(&format!("CREATE DATABASE IF NOT EXISTS `{db}`;\n"));
    }
    sql(l, &s).map(|_| ())
}

/// Give the master user a new password.
pub fn set_password(l: &Layout, master_user: &str, password: &str) -> Result<(), String> {
    if l.engine == Engine::Postgres {
        return crate::pg::set_password(l, master_user, password);
    }
    sql(l, &format!("ALTER USER {}@'%' IDENTIFIED BY {};\n", quote(master_user), quote(password))).map(|_| ())
}

/// A consistent physical copy of a running server (`mariabackup --backup` then `--prepare`)
/// into `target` (which must not exist); returns the GTID position the copy is at.
pub fn backup(source: &Layout, target: &Path) -> Result<String, String> {
    if source.engine == Engine::Postgres {
        return crate::pg::backup(source, target);
    }
    // A backup into the same target left by an earlier daemon (killed mid-way) must not write
    // into the fresh one.
    kill_by_command_line(&format!("--target-dir={}", target.display()));
    if target.exists() {
        fs::remove_dir_all(target).map_err(|e| format!("removing {}: {e}", target.display()))?;
    }
    run(
        Command::new("mariabackup")
            .arg("--backup")
            .arg(format!("--target-dir={}", target.display()))
            .arg(format!("--socket={}", source.socket.display()))
            .arg(format!("--user={}", os_user())),
        "mariabackup --backup",
    )?;
    run(
        Command::new("mariabackup").arg("--prepare").arg(format!("--target-dir={}", target.display())),
        "mariabackup --prepare",
    )?;
    // "<binlog file>\t<position>\t<gtid list>"; an empty list when nothing was ever written.
    let info = fs::read_to_string(target.join("xtrabackup_binlog_info")).unwrap_or_default();
    Ok(info.split('\t').nth(2).unwrap_or("").trim().to_string())
}

/// Before a freshly seeded replica's server first starts: PostgreSQL's standby is set up then
/// (`crate::pg::follow`); MariaDB's follows once it runs ([`start_replication`]).
pub fn prepare_replica(l: &Layout, host: &str, port: u16, repl_password: &str) -> Result<(), String> {
    if l.engine == Engine::Postgres {
        return crate::pg::follow(l, host, port, repl_password);
    }
    Ok(())
}

/// Make a freshly seeded replica follow its source from `gtid` on.
pub fn start_replication(l: &Layout, host: &str, port: u16, repl_password: &str, gtid: &str) -> Result<(), String> {
    if l.engine == Engine::Postgres {
        // A standby streams from its source from the moment it starts ([`prepare_replica`]).
        return Ok(());
    }
    sql(
        l,
        &format!(
            "STOP SLAVE;\nRESET SLAVE ALL;\nSET GLOBAL gtid_slave_pos = {g};\n\
             CHANGE MASTER TO MASTER_HOST = {h}, MASTER_PORT = {port}, MASTER_USER = {u}, MASTER_PASSWORD = {p}, \
             MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1;\nSTART SLAVE;\n",
            g = quote(gtid),
            h = quote(host),
            u = quote(REPLICATION_USER),
            p = quote(repl_password),
        ),
    )
    .map(|_| ())
}

/// The GTID position of a server's binary log (`@@gtid_binlog_pos`).
pub fn binlog_position(l: &Layout) -> Result<String, String> {
    Ok(sql(l, "SELECT @@GLOBAL.gtid_binlog_pos;\n")?.trim().to_string())
}

/// Replay a source's binary log on a restored server: from `from_gtid` (where the restored copy
/// is) up to `until` (epoch seconds; events at or after it are left out, as `mariadb-binlog
/// --stop-datetime` does, in UTC).
pub fn replay_binlog(target: &Layout, source_data: &Path, from_gtid: &str, until: f64) -> Result<(), String> {
    let mut files: Vec<PathBuf> = fs::read_dir(source_data)
        .map_err(|e| format!("reading {}: {e}", source_data.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.strip_prefix("binlog.").is_some_and(|ext| !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_digit()))
            })
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no binary log in {}", source_data.display()));
    }
    let stop = crate::records::utc_datetime(until.ceil());
    let mut dump = Command::new("mariadb-binlog");
    if !from_gtid.is_empty() {
        dump.arg(format!("--start-position={from_gtid}"));
    }
    let mut dump = dump
        .arg(format!("--stop-datetime={stop}"))
        .args(&files)
        .env("TZ", "UTC")
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("running mariadb-binlog: {e}"))?;
    let events = dump.stdout.take().ok_or("mariadb-binlog has no output")?;
    let applied = Command::new("mariadb")
        .arg("--no-defaults")
        .arg(format!("--socket={}", target.socket.display()))
        .arg(format!("--user={}", os_user()))
        .process_group(0)
        .stdin(Stdio::from(events))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("running mariadb: {e}"))?;
    let dumped = dump.wait().map_err(|e| format!("mariadb-binlog: {e}"))?;
    if !dumped.success() {
        return Err(format!("mariadb-binlog failed ({dumped})"));
    }
    if !applied.status.success() {
        return Err(format!("replaying the binary log failed: {}", String::from_utf8_lossy(&applied.stderr).trim()));
    }
    Ok(())
}

/// The GTID position a replica has received from its source (`Gtid_IO_Pos`).
pub fn received_position(l: &Layout) -> Result<String, String> {
    let out = sql_with(l, "SHOW SLAVE STATUS;\n", true)?;
    let mut lines = out.lines();
    let names: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let values: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let i = names.iter().position(|n| *n == "Gtid_IO_Pos").ok_or("the standby does not replicate")?;
    Ok(values.get(i).copied().unwrap_or_default().trim().to_string())
}

/// Stop a primary taking writes (the master user has no READ ONLY ADMIN).
pub fn freeze(l: &Layout) -> Result<(), String> {
    sql(l, "SET GLOBAL read_only = ON;\n").map(|_| ())
}

/// Wait until a replica has applied everything up to `gtid` (at most `seconds`).
pub fn wait_applied(l: &Layout, gtid: &str, seconds: u32) -> Result<(), String> {
    if gtid.is_empty() {
        return Ok(());
    }
    let out = sql(l, &format!("SELECT MASTER_GTID_WAIT({}, {seconds});\n", quote(gtid)))?;
    if out.trim() == "0" {
        Ok(())
    } else {
        Err(format!("the standby did not reach {gtid} within {seconds} s"))
    }
}

/// Stop following the source and accept writes.
pub fn promote(l: &Layout) -> Result<(), String> {
    if l.engine == Engine::Postgres {
        return crate::pg::promote(l);
    }
    sql(l, "STOP SLAVE;\nRESET SLAVE ALL;\nSET GLOBAL read_only = OFF;\n").map(|_| ())
}

/// A datadir as one uncompressed tar file (the block store deduplicates and compresses it).
pub fn archive(datadir: &Path, tar_path: &Path) -> Result<(), String> {
    let file = fs::File::create(tar_path).map_err(|e| format!("creating {}: {e}", tar_path.display()))?;
    let mut b = tar::Builder::new(file);
    b.follow_symlinks(false);
    b.append_dir_all(".", datadir).map_err(|e| format!("archiving {}: {e}", datadir.display()))?;
    b.into_inner().and_then(|f| f.sync_all()).map_err(|e| format!("writing {}: {e}", tar_path.display()))
}

/// Unpack [`archive`]'s file into a fresh datadir.
pub fn unpack(tar_path: &Path, datadir: &Path) -> Result<(), String> {
    if datadir.exists() {
        fs::remove_dir_all(datadir).map_err(|e| format!("removing {}: {e}", datadir.display()))?;
    }
    fs::create_dir_all(datadir).map_err(|e| format!("creating {}: {e}", datadir.display()))?;
    let file = fs::File::open(tar_path).map_err(|e| format!("opening {}: {e}", tar_path.display()))?;
    let mut a = tar::Archive::new(file);
    a.set_preserve_permissions(true);
    a.unpack(datadir).map_err(|e| format!("unpacking into {}: {e}", datadir.display()))
}

/// Forget any replication a copied datadir carries (a snapshot of a read replica): the files that
/// would make the server follow the old source when it starts.
pub fn forget_replication(datadir: &Path) -> Result<(), String> {
    let Ok(entries) = fs::read_dir(datadir) else { return Ok(()) };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name == "master.info"
            || name == "relay-log.info"
            // PostgreSQL's: a standby's, or a recovery's, marker.
            || name == "standby.signal"
            || name == "recovery.signal"
            || name.starts_with("relay.")
            || name.starts_with("multi-master")
        {
            fs::remove_file(e.path()).map_err(|err| format!("removing {name}: {err}"))?;
        }
    }
    // PostgreSQL's: how a standby reached its source (with the replication password), and the
    // standby a Multi-AZ primary waited for.
    let auto = datadir.join("postgresql.auto.conf");
    let replication = |l: &str| {
        let l = l.trim_start();
        l.starts_with("primary_conninfo") || l.starts_with("synchronous_standby_names")
    };
    if let Ok(conf) = fs::read_to_string(&auto) {
        if conf.lines().any(replication) {
            let kept: String = conf.lines().filter(|l| !replication(l)).map(|l| format!("{l}\n")).collect();
            write_private(&auto, &kept)?;
        }
    }
    Ok(())
}

/// A new password for the replication account (a restored datadir carries its source's).
pub fn reset_replication_account(l: &Layout) -> Result<(), String> {
    if l.engine == Engine::Postgres {
        return crate::pg::reset_replication_account(l);
    }
    let repl = random_password();
    sql(
        l,
        &format!(
            "STOP SLAVE;\nRESET SLAVE ALL;\nCREATE OR REPLACE USER {REPLICATION_USER}@'%' IDENTIFIED BY {r};\n\
             GRANT REPLICATION SLAVE ON *.* TO {REPLICATION_USER}@'%';\n",
            r = quote(&repl)
        ),
    )?;
    write_private(&l.repl_pw, &repl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_version_is_read_from_its_banner() {
        let banner = "mariadbd  Ver 10.11.19-MariaDB-0+deb12u1 for debian-linux-gnu on x86_64 (Debian 12)";
        assert_eq!(parse_version(banner).as_deref(), Some("10.11.19"));
        assert_eq!(parse_version("something else"), None);
    }

    #[test]
    fn the_status_of_a_primary_and_of_a_replica() {
        let primary = "Variable_name\tValue\nInnodb_data_reads\t120\nInnodb_data_writes\t340\nThreads_connected\t3\n";
        assert_eq!(
            parse_status(primary),
            ServerStatus { connections: 3.0, data_reads: 120.0, data_writes: 340.0, replica_lag: None }
        );
        let replica = format!(
            "{primary}Slave_IO_State\tMaster_Host\tSeconds_Behind_Master\tLast_Error\n\
             Waiting for master to send event\t127.254.0.1\t2\t\n"
        );
        assert_eq!(parse_status(&replica).replica_lag, Some(2.0));
        let broken = format!("{primary}Slave_IO_State\tSeconds_Behind_Master\n\tNULL\n");
        assert_eq!(parse_status(&broken).replica_lag, None);
    }

    #[test]
    fn quoting_escapes_quotes_and_backslashes() {
        assert_eq!(quote("a'b\\c"), "'a\\'b\\\\c'");
        assert_eq!(quote("plain"), "'plain'");
    }

    #[test]
    fn a_process_that_is_not_running_is_not_alive() {
        let me = ProcessId { pid: std::process::id(), start: proc_stat(std::process::id()).unwrap().1 };
        assert!(alive(me));
        assert!(!alive(ProcessId { pid: me.pid, start: me.start + 1 }));
    }
}
