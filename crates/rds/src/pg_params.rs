//! The DB parameters of family `postgres15`: the installed PostgreSQL server's own settings, as
//! `postgres --describe-config` lists them (name, context, type, range, description), read once.
//! RDS's ApplyType follows the setting's context: `postmaster` settings take a restart
//! (static), every other one is set by a reload of the configuration (dynamic); `internal` ones
//! cannot be set at all and are not listed. A value is checked by the server's own parser
//! (`postgres -C <name> -c <name>=<value>` against an empty configuration directory), so what
//! a parameter group holds is always something the server accepts.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use crate::parameters::ApplyType;

/// One setting of `postgres --describe-config`.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub name: String,
    /// `postmaster`, `sighup`, `superuser-backend`, `backend`, `superuser` or `user`.
    pub context: String,
    /// `BOOLEAN`, `INTEGER`, `REAL`, `STRING` or `ENUM`.
    pub vartype: String,
    pub min: String,
    pub max: String,
    pub description: String,
}

/// The settings this region manages itself (files, addresses, authentication, replication, WAL
/// archiving and recovery, libraries): listed, not modifiable.
const MANAGED: &[&str] = &[
    "archive_cleanup_command",
    "archive_command",
    "archive_library",
    "archive_mode",
    "cluster_name",
    "config_file",
    "data_directory",
    "dynamic_library_path",
    "external_pid_file",
    "hba_file",
    "hot_standby",
    "ident_file",
    "jit_provider",
    "krb_server_keyfile",
    "listen_addresses",
    "local_preload_libraries",
    "log_destination",
    "log_directory",
    "log_filename",
    "logging_collector",
    "port",
    "primary_conninfo",
    "primary_slot_name",
    "promote_trigger_file",
    "recovery_end_command",
    "recovery_init_sync_method",
    "recovery_target",
    "recovery_target_action",
    "recovery_target_inclusive",
    "recovery_target_lsn",
    "recovery_target_name",
    "recovery_target_time",
    "recovery_target_timeline",
    "recovery_target_xid",
    "restore_command",
    "session_preload_libraries",
    "shared_preload_libraries",
    "ssl",
    "ssl_ca_file",
    "ssl_cert_file",
    "ssl_crl_dir",
    "ssl_crl_file",
    "ssl_dh_params_file",
    "ssl_key_file",
    "ssl_passphrase_command",
    "synchronous_standby_names",
    "unix_socket_directories",
    "unix_socket_group",
    "unix_socket_permissions",
    "wal_level",
];

impl Setting {
    pub fn apply(&self) -> ApplyType {
        if self.context == "postmaster" {
            ApplyType::Static
        } else {
            ApplyType::Dynamic
        }
    }

    pub fn modifiable(&self) -> bool {
        !MANAGED.contains(&self.name.as_str())
    }

    /// RDS's data types for PostgreSQL's parameters.
    pub fn data_type(&self) -> &'static str {
        match self.vartype.as_str() {
            "BOOLEAN" => "boolean",
            "INTEGER" => "integer",
            "REAL" => "real",
            _ => "string",
        }
    }

    pub fn allowed_values(&self) -> Option<String> {
        match self.vartype.as_str() {
            "BOOLEAN" => Some("0,1".into()),
            "INTEGER" | "REAL" if !self.min.is_empty() => Some(format!("{}-{}", self.min, self.max)),
            _ => None,
        }
    }

    /// RDS's own checks of a value (integers and reals in range, in the setting's base unit);
    /// the server's parser has the last word ([`check`]).
    pub fn check_range(&self, value: &str) -> Result<(), String> {
        if value.chars().any(char::is_control) {
            return Err(format!("Invalid value for parameter {}: control characters are not allowed", self.name));
        }
        let in_range = match self.vartype.as_str() {
            "INTEGER" => {
                let (min, max) = (self.min.parse::<i64>(), self.max.parse::<i64>());
                value.parse::<i64>().is_ok_and(|v| min.is_ok_and(|m| v >= m) && max.is_ok_and(|m| v <= m))
            }
            "REAL" => {
                let (min, max) = (self.min.parse::<f64>(), self.max.parse::<f64>());
                value.parse::<f64>().is_ok_and(|v| {
                    v.is_finite() && min.as_ref().is_ok_and(|m| v >= *m) && max.as_ref().is_ok_and(|m| v <= *m)
                })
            }
            _ => true,
        };
        if in_range {
            Ok(())
        } else {
            Err(format!(
                "Value: {value} is outside of range: {} for parameter: {}",
                self.allowed_values().unwrap_or_default(),
                self.name
            ))
        }
    }
}

/// `postgres --describe-config`'s lines: name, context, group, type, reset value, min, max,
/// short and long description, tab-separated. `internal` settings are left out.
pub fn parse_describe_config(text: &str) -> Vec<Setting> {
    let mut out: Vec<Setting> = text
        .lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 8 || f[1] == "internal" || f[0].is_empty() {
                return None;
            }
            Some(Setting {
                name: f[0].to_string(),
                context: f[1].to_string(),
                vartype: f[3].to_string(),
                min: f[5].to_string(),
                max: f[6].to_string(),
                description: f[7].to_string(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// The installed server's settings (empty when it cannot be run).
pub fn catalog() -> &'static [Setting] {
    static CATALOG: OnceLock<Vec<Setting>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let out = Command::new(crate::pg::bin("postgres"))
            .arg("--describe-config")
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output();
        match out {
            Ok(o) if o.status.success() => parse_describe_config(&String::from_utf8_lossy(&o.stdout)),
            _ => {
                tracing::warn!("postgres --describe-config did not run: no PostgreSQL parameters");
                Vec::new()
            }
        }
    })
}

pub fn setting(name: &str) -> Option<&'static Setting> {
    let all = catalog();
    all.binary_search_by(|s| s.name.as_str().cmp(name)).ok().map(|i| &all[i])
}

/// Does the server accept `value` for the setting? Its own parser decides (`postgres -C`, which
/// reads the configuration and exits: no server starts). `scratch` is an empty directory of
/// this region's. The error is the server's message.
pub fn check(scratch: &Path, name: &str, value: &str) -> Result<(), String> {
    fs::create_dir_all(scratch).map_err(|e| format!("creating {}: {e}", scratch.display()))?;
    for f in ["postgresql.conf", "postgresql.auto.conf"] {
        let p = scratch.join(f);
        if !p.exists() {
            fs::write(&p, "").map_err(|e| format!("writing {}: {e}", p.display()))?;
        }
    }
    // `-C` first: the only way the server runs as root (it prints a setting and exits).
    let out = Command::new(crate::pg::bin("postgres"))
        .arg("-C")
        .arg(name)
        .arg("-D")
        .arg(scratch)
        .arg("-c")
        .arg(format!("{name}={value}"))
        .env("LC_MESSAGES", "C")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("running postgres -C: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    Err(server_message(&String::from_utf8_lossy(&out.stderr)))
}

/// The FATAL line of the server's log output (and its HINT), without the log line's prefix.
fn server_message(stderr: &str) -> String {
    let pick = |tag: &str| stderr.lines().find_map(|l| l.find(tag).map(|i| l[i + tag.len()..].trim().to_string()));
    match (pick("FATAL:"), pick("HINT:")) {
        (Some(m), Some(h)) => format!("{m} {h}"),
        (Some(m), None) => m,
        _ => stderr.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "archive_mode\tpostmaster\tWrite-Ahead Log / Archiving\tENUM\toff\t\t\tAllows archiving of WAL files using archive_command.\t\n\
        block_size\tinternal\tPreset Options\tINTEGER\t8192\t8192\t8192\tShows the size of a disk block.\t\n\
        max_connections\tpostmaster\tConnections and Authentication / Connection Settings\tINTEGER\t0\t1\t262143\tSets the maximum number of concurrent connections.\t\n\
        work_mem\tuser\tResource Usage / Memory\tINTEGER\t0\t64\t2147483647\tSets the maximum memory to be used for query workspaces.\tThis much memory …\n\
        random_page_cost\tuser\tQuery Tuning / Planner Cost Constants\tREAL\t0\t0\t1.79769e+308\tSets the planner's estimate of the cost of a nonsequentially fetched disk page.\t\n\
        log_connections\tsuperuser-backend\tReporting and Logging / What to Log\tBOOLEAN\tfalse\t\t\tLogs each successful connection.\t\n";

    #[test]
    fn the_catalog_is_the_servers_and_apply_types_follow_the_context() {
        let all = parse_describe_config(SAMPLE);
        let names: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["archive_mode", "log_connections", "max_connections", "random_page_cost", "work_mem"]);
        let by = |n: &str| all.iter().find(|s| s.name == n).unwrap();
        assert_eq!(by("max_connections").apply(), ApplyType::Static);
        assert_eq!(by("work_mem").apply(), ApplyType::Dynamic);
        assert_eq!(by("log_connections").apply(), ApplyType::Dynamic);
        assert_eq!(by("work_mem").data_type(), "integer");
        assert_eq!(by("random_page_cost").data_type(), "real");
        assert_eq!(by("archive_mode").data_type(), "string");
        assert_eq!(by("max_connections").allowed_values().as_deref(), Some("1-262143"));
        assert!(!by("archive_mode").modifiable(), "the region archives WAL itself");
        assert!(by("work_mem").modifiable());
    }

    #[test]
    fn values_are_checked_as_rds_checks_them() {
        let all = parse_describe_config(SAMPLE);
        let by = |n: &str| all.iter().find(|s| s.name == n).unwrap();
        let table: &[(&str, &str, bool)] = &[
            ("max_connections", "150", true),
            ("max_connections", "0", false),
            ("max_connections", "many", false),
            ("work_mem", "8192", true),
            ("work_mem", "8MB", false),
            ("random_page_cost", "1.5", true),
            ("random_page_cost", "-1", false),
            ("log_connections", "1", true),
            ("log_connections", "on\nport = 1", false),
        ];
        for (name, value, ok) in table {
            assert_eq!(by(name).check_range(value).is_ok(), *ok, "{name}={value}");
        }
        assert_eq!(
            by("max_connections").check_range("0").unwrap_err(),
            "Value: 0 is outside of range: 1-262143 for parameter: max_connections"
        );
    }

    #[test]
    fn the_servers_message_without_its_log_prefix() {
        let stderr = "2026-12-07 14:48:31.170 GMT [2502] FATAL:  invalid value for parameter \"synchronous_commit\": \"bogus\"\n\
                      2026-12-07 14:48:31.170 GMT [2502] HINT:  Available values: local, remote_write, remote_apply, on, off.\n";
        assert_eq!(
            server_message(stderr),
            "invalid value for parameter \"synchronous_commit\": \"bogus\" Available values: local, remote_write, remote_apply, on, off."
        );
    }
}
