//! The DB parameters a parameter group may set: the MySQL parameters RDS lets users modify that
//! MariaDB understands under the same name, with RDS's apply types (a dynamic parameter is set
//! on the running server at once, a static one at the next start) and allowed values. Pure:
//! validation and rendering, table-tested. Family postgres15's parameters are PostgreSQL's own
//! (`crate::pg_params`).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplyType {
    Dynamic,
    Static,
}

impl ApplyType {
    pub fn as_str(self) -> &'static str {
        match self {
            ApplyType::Dynamic => "dynamic",
            ApplyType::Static => "static",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Allowed {
    /// An integer range, inclusive.
    Range(i64, i64),
    /// A number (seconds with a fraction) in a range.
    Float(f64, f64),
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// Comma-separated words of upper-case letters and underscores (sql_mode).
    Modes,
}

pub struct ParameterSpec {
    pub name: &'static str,
    pub apply: ApplyType,
    pub allowed: Allowed,
    /// The value this region's servers use when the group does not set it.
    pub default: &'static str,
    pub description: &'static str,
}

const BOOL: Allowed = Allowed::OneOf(&["0", "1"]);
const CHARSETS: &[&str] = &["ascii", "binary", "latin1", "utf8", "utf8mb3", "utf8mb4", "ucs2", "utf16", "utf32"];
const COLLATIONS: &[&str] = &[
    "ascii_general_ci",
    "binary",
    "latin1_swedish_ci",
    "utf8mb3_general_ci",
    "utf8mb4_general_ci",
    "utf8mb4_unicode_ci",
    "utf8mb4_bin",
    "utf8mb4_unicode_520_ci",
];

pub const CATALOG: &[ParameterSpec] = &[
    ParameterSpec { name: "autocommit", apply: ApplyType::Dynamic, allowed: BOOL, default: "1", description: "Sets the autocommit mode" },
    ParameterSpec { name: "character_set_server", apply: ApplyType::Dynamic, allowed: Allowed::OneOf(CHARSETS), default: "utf8mb4", description: "The server's default character set." },
    ParameterSpec { name: "collation_server", apply: ApplyType::Dynamic, allowed: Allowed::OneOf(COLLATIONS), default: "utf8mb4_general_ci", description: "The server's default collation." },
    ParameterSpec { name: "event_scheduler", apply: ApplyType::Dynamic, allowed: Allowed::OneOf(&["ON", "OFF"]), default: "OFF", description: "Indicates the status of the Event Scheduler" },
    ParameterSpec { name: "general_log", apply: ApplyType::Dynamic, allowed: BOOL, default: "0", description: "Controls whether general query log is enabled" },
    ParameterSpec { name: "innodb_buffer_pool_size", apply: ApplyType::Static, allowed: Allowed::Range(5_242_880, 68_719_476_736), default: "33554432", description: "The size in bytes of the memory buffer innodb uses to cache data and indexes of its tables" },
    ParameterSpec { name: "innodb_lock_wait_timeout", apply: ApplyType::Dynamic, allowed: Allowed::Range(1, 1_073_741_824), default: "50", description: "Timeout in seconds an innodb transaction may wait for a row lock before giving up" },
    ParameterSpec { name: "interactive_timeout", apply: ApplyType::Dynamic, allowed: Allowed::Range(1, 31_536_000), default: "28800", description: "The number of seconds the server waits for activity on an interactive connection before closing it." },
    ParameterSpec { name: "long_query_time", apply: ApplyType::Dynamic, allowed: Allowed::Float(0.0, 31_536_000.0), default: "10", description: "Defines what MySQL considers long queries" },
    ParameterSpec { name: "max_allowed_packet", apply: ApplyType::Dynamic, allowed: Allowed::Range(1024, 1_073_741_824), default: "16777216", description: "This value by default is small, to catch large (possibly incorrect) packets. Must be increased if using large BLOB columns or long strings. As big as largest BLOB." },
    ParameterSpec { name: "max_connections", apply: ApplyType::Dynamic, allowed: Allowed::Range(1, 100_000), default: "200", description: "The number of simultaneous client connections allowed." },
    ParameterSpec { name: "performance_schema", apply: ApplyType::Static, allowed: BOOL, default: "0", description: "Enables or disables the Performance Schema" },
    ParameterSpec { name: "slow_query_log", apply: ApplyType::Dynamic, allowed: BOOL, default: "0", description: "Enable or disable the slow query log" },
    ParameterSpec { name: "sql_mode", apply: ApplyType::Dynamic, allowed: Allowed::Modes, default: "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION", description: "Current SQL Server Mode." },
    ParameterSpec { name: "wait_timeout", apply: ApplyType::Dynamic, allowed: Allowed::Range(1, 31_536_000), default: "28800", description: "The number of seconds the server waits for activity on a noninteractive TCP/IP or UNIX File connection before closing it." },
];

pub fn spec(name: &str) -> Option<&'static ParameterSpec> {
    CATALOG.iter().find(|p| p.name == name)
}

impl ParameterSpec {
    pub fn data_type(&self) -> &'static str {
        match self.allowed {
            Allowed::Range(..) => "integer",
            Allowed::Float(..) => "float",
            Allowed::OneOf(v) if v == ["0", "1"] => "boolean",
            _ => "string",
        }
    }

    pub fn allowed_values(&self) -> String {
        match self.allowed {
            Allowed::Range(a, b) => format!("{a}-{b}"),
            Allowed::Float(a, b) => format!("{a}-{b}"),
            Allowed::OneOf(v) => v.join(","),
            Allowed::Modes => "ALLOW_INVALID_DATES,ANSI_QUOTES,ERROR_FOR_DIVISION_BY_ZERO,HIGH_NOT_PRECEDENCE,IGNORE_SPACE,NO_AUTO_VALUE_ON_ZERO,NO_BACKSLASH_ESCAPES,NO_DIR_IN_CREATE,NO_ENGINE_SUBSTITUTION,NO_UNSIGNED_SUBTRACTION,NO_ZERO_DATE,NO_ZERO_IN_DATE,ONLY_FULL_GROUP_BY,PAD_CHAR_TO_FULL_LENGTH,PIPES_AS_CONCAT,REAL_AS_FLOAT,STRICT_ALL_TABLES,STRICT_TRANS_TABLES,ANSI,TRADITIONAL".into(),
        }
    }

    /// Is `value` allowed? (RDS's message when not.)
    pub fn check(&self, value: &str) -> Result<(), String> {
        let ok = match self.allowed {
            Allowed::Range(a, b) => value.parse::<i64>().is_ok_and(|v| (a..=b).contains(&v)),
            Allowed::Float(a, b) => value.parse::<f64>().is_ok_and(|v| v.is_finite() && v >= a && v <= b),
            Allowed::OneOf(v) => v.contains(&value),
            Allowed::Modes => value.split(',').all(|m| {
                m.is_empty() || self.allowed_values().split(',').any(|a| a == m) || m == "NO_AUTO_CREATE_USER"
            }),
        };
        if ok {
            Ok(())
        } else {
            Err(format!("Value: {value} is outside of range: {} for parameter: {}", self.allowed_values(), self.name))
        }
    }

    /// The value as SQL for `SET GLOBAL` (numbers as they are, words quoted).
    pub fn sql_value(&self, value: &str) -> String {
        match self.allowed {
            Allowed::Range(..) | Allowed::Float(..) => value.to_string(),
            Allowed::OneOf(v) if v == ["0", "1"] => value.to_string(),
            Allowed::Modes => {
                // NO_AUTO_CREATE_USER is MySQL 5.7's; MariaDB 10.11 still knows it.
                format!("'{value}'")
            }
            Allowed::OneOf(_) => format!("'{value}'"),
        }
    }
}

/// The parameter group family of an engine version (`mysql8.0`, `mariadb10.11`, `postgres15`:
/// PostgreSQL's major version is its first number).
pub fn family(engine: &str, version: &str) -> String {
    let parts = if engine == "postgres" { 1 } else { 2 };
    let major: Vec<&str> = version.split('.').take(parts).collect();
    format!("{engine}{}", major.join("."))
}

/// The default parameter group of a family.
pub fn default_group(family: &str) -> String {
    format!("default.{family}")
}

pub const FAMILIES: &[&str] = &["mysql8.0", "mariadb10.11", "postgres15"];

/// Is this a family of PostgreSQL's parameters (`crate::pg_params`)?
pub fn is_postgres_family(family: &str) -> bool {
    family.starts_with("postgres")
}

/// The apply type of a parameter of an engine's family (None: no such parameter).
pub fn apply_type(engine: &str, name: &str) -> Option<ApplyType> {
    if engine == "postgres" {
        crate::pg_params::setting(name).map(|s| s.apply())
    } else {
        spec(name).map(|s| s.apply)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_as_rds_checks_them() {
        let table: &[(&str, &str, bool)] = &[
            ("max_connections", "500", true),
            ("max_connections", "0", false),
            ("max_connections", "many", false),
            ("slow_query_log", "1", true),
            ("slow_query_log", "yes", false),
            ("long_query_time", "0.5", true),
            ("long_query_time", "-1", false),
            ("character_set_server", "utf8mb4", true),
            ("character_set_server", "klingon", false),
            ("sql_mode", "STRICT_ALL_TABLES,ANSI_QUOTES", true),
            ("sql_mode", "STRICT_ALL_TABLES;DROP", false),
            ("innodb_buffer_pool_size", "67108864", true),
            ("innodb_buffer_pool_size", "1024", false),
        ];
        for (name, value, ok) in table {
            assert_eq!(spec(name).unwrap().check(value).is_ok(), *ok, "{name}={value}");
        }
        assert_eq!(
            spec("max_connections").unwrap().check("0").unwrap_err(),
            "Value: 0 is outside of range: 1-100000 for parameter: max_connections"
        );
    }

    #[test]
    fn families_and_sql() {
        assert_eq!(family("mysql", "8.0.40"), "mysql8.0");
        assert_eq!(family("mariadb", "10.11.19"), "mariadb10.11");
        assert_eq!(family("postgres", "15.10"), "postgres15");
        assert_eq!(default_group("mysql8.0"), "default.mysql8.0");
        assert_eq!(spec("max_connections").unwrap().sql_value("500"), "500");
        assert_eq!(spec("character_set_server").unwrap().sql_value("utf8mb4"), "'utf8mb4'");
        assert_eq!(spec("slow_query_log").unwrap().data_type(), "boolean");
    }
}
