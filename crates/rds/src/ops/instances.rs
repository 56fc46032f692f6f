//! DB instances: create (and read replicas), describe, modify, delete, reboot, stop, start,
//! promote. Each call checks its input as RDS does, records the first transition, and leaves
//! the rest to the controller.

use serde_json::{json, Value};

use super::{bool_of, check_identifier, id_or_arn, input_tags, int_of, str_of, strings};
use crate::error::{RdsError, Result};
use crate::records::{kind, status, InstanceRec, SnapshotRec, StandbyRec, SubnetGroupRec};
use crate::server;
use crate::Rds;

/// The engine version answered for `mysql` when none is asked: RDS's style (8.0.x), since
/// templates and clients ask for those; the server behind it is MariaDB 10.11 (its
/// `SELECT VERSION()` says so).
const MYSQL_DEFAULT_VERSION: &str = "8.0.40";
/// For engine `mariadb`, the major version Debian ships.
const MARIADB_VERSION: &str = "10.11";
/// For engine `postgres`: the major version Debian ships (15); the minor answered when none is
/// asked is RDS's style, as for mysql (`SELECT version()` tells the truth).
const POSTGRES_MAJOR: &str = "15";
const POSTGRES_DEFAULT_VERSION: &str = "15.10";

/// RDS's limits on gp2 storage for MySQL (GiB).
const MIN_STORAGE: i64 = 20;
const MAX_STORAGE: i64 = 65536;

/// The states a DB instance can be deleted from (creating and failed ones without a final
/// snapshot: the controller's job that is making it ends first, then the delete runs).
const DELETABLE: &[&str] = &[status::AVAILABLE, status::STOPPED, status::FAILED, status::CREATING];

/// The read replicas of a DB instance.
pub(crate) fn replicas_of(all: &[InstanceRec], id: &str) -> Vec<String> {
    all.iter().filter(|r| r.source.as_deref() == Some(id)).map(|r| r.id.clone()).collect()
}

fn load(tx: &store::Tx, id: &str) -> Result<InstanceRec> {
    tx.get::<InstanceRec>(kind::INSTANCE, id)?.ok_or_else(|| RdsError::DbInstanceNotFound(id.to_string()))
}

pub(super) fn render(tx: &store::Tx, rec: &InstanceRec) -> Result<Value> {
    let all: Vec<InstanceRec> = tx.list(kind::INSTANCE, "")?.into_iter().map(|(_, r)| r).collect();
    let group = match &rec.subnet_group {
        Some(g) => tx.get::<SubnetGroupRec>(kind::SUBNET_GROUP, g)?,
        None => None,
    };
    let standby = tx.get::<StandbyRec>(kind::STANDBY, &rec.id)?.map(|s| s.availability_zone);
    Ok(rec.to_api(&replicas_of(&all, &rec.id), group.as_ref(), standby))
}

fn engine_version(engine: &str, asked: Option<&str>) -> Result<String> {
    match (engine, asked) {
        ("mysql", None) => Ok(MYSQL_DEFAULT_VERSION.into()),
        ("mysql", Some("8.0")) => Ok(MYSQL_DEFAULT_VERSION.into()),
        ("mysql", Some(v))
            if v.strip_prefix("8.0.").is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            Ok(v.to_string())
        }
        ("mariadb", None) => Ok(server::server_version().unwrap_or(MARIADB_VERSION).to_string()),
        ("mariadb", Some(v)) if v == MARIADB_VERSION || v.starts_with(&format!("{MARIADB_VERSION}.")) => Ok(v.into()),
        ("postgres", None) => Ok(POSTGRES_DEFAULT_VERSION.into()),
        ("postgres", Some(v)) if v == POSTGRES_MAJOR => Ok(POSTGRES_DEFAULT_VERSION.into()),
        ("postgres", Some(v))
            if v.strip_prefix("15.").is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            Ok(v.to_string())
        }
        (_, Some(v)) => Err(RdsError::InvalidParameterCombination(format!("Cannot find version {v} for {engine}"))),
        (_, None) => Err(RdsError::InvalidParameterValue(format!("Invalid DB engine: {engine}"))),
    }
}

/// The engine versions served, one per engine (the version answered when none is asked):
/// (engine, version, major version, description).
fn served_versions() -> Vec<(&'static str, String, &'static str, &'static str)> {
    vec![
        (
            "mariadb",
            server::server_version().unwrap_or(MARIADB_VERSION).to_string(),
            MARIADB_VERSION,
            "MariaDB Community Edition",
        ),
        ("mysql", MYSQL_DEFAULT_VERSION.to_string(), "8.0", "MySQL Community Edition"),
        ("postgres", POSTGRES_DEFAULT_VERSION.to_string(), POSTGRES_MAJOR, "PostgreSQL"),
    ]
}

/// DescribeDBEngineVersions: the versions this region serves, filtered by Engine,
/// EngineVersion (exact, or a major version: `15`, `8.0`) and DBParameterGroupFamily.
pub fn describe_db_engine_versions(_rds: &Rds, input: &Value) -> Result<Value> {
    let engine = str_of(input, "Engine").map(str::to_lowercase);
    let version = str_of(input, "EngineVersion");
    let family = str_of(input, "DBParameterGroupFamily").map(str::to_lowercase);
    let out: Vec<Value> = served_versions()
        .into_iter()
        .filter(|(e, _, _, _)| engine.as_deref().is_none_or(|w| w == *e))
        .filter(|(_, v, major, _)| version.is_none_or(|w| w == v || w == *major))
        .filter(|(e, v, _, _)| family.as_deref().is_none_or(|f| f == crate::parameters::family(e, v)))
        .map(|(e, v, major, description)| {
            json!({
                "Engine": e,
                "EngineVersion": v,
                "MajorEngineVersion": major,
                "DBParameterGroupFamily": crate::parameters::family(e, &v),
                "DBEngineDescription": description,
                "DBEngineVersionDescription": format!("{description} {v}"),
                "Status": "available",
                "SupportedEngineModes": ["provisioned"],
                "SupportsReadReplica": true,
                "SupportsLogExportsToCloudwatchLogs": false,
                "SupportsParallelQuery": false,
                "SupportsGlobalDatabases": false,
                "SupportsBabelfish": false,
                "ValidUpgradeTarget": [],
            })
        })
        .collect();
    Ok(json!({"DBEngineVersions": out}))
}

fn check_engine(engine: &str) -> Result<String> {
    let e = engine.to_lowercase();
    match e.as_str() {
        "mysql" | "mariadb" | "postgres" => Ok(e),
        "aurora-mysql" | "aurora-postgresql" | "oracle-ee" | "oracle-se2" | "sqlserver-ee" | "sqlserver-se"
        | "sqlserver-ex" | "sqlserver-web" | "db2-se" | "db2-ae" => Err(RdsError::InvalidParameterValue(format!(
            "Engine {e} is not available in this region (only mysql, mariadb and postgres are)."
        ))),
        _ => Err(RdsError::InvalidParameterValue(format!("Invalid DB engine: {engine}"))),
    }
}

pub(super) fn check_class(class: &str, engine: &str, version: &str) -> Result<()> {
    let ok = class
        .strip_prefix("db.")
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(family, size)| !family.is_empty() && !size.is_empty());
    if !ok {
        return Err(RdsError::InvalidParameterCombination(format!(
            "RDS does not support creating a DB instance with the following combination: DBInstanceClass={class}, Engine={engine}, EngineVersion={version}, LicenseModel=general-public-license. For supported combinations of instance class and database engine version, see the documentation."
        )));
    }
    Ok(())
}

/// Is this engine served by PostgreSQL?
pub(super) fn is_postgres(engine: &str) -> bool {
    engine == "postgres"
}

/// The engine's port when none is asked.
pub(super) fn default_port(engine: &str) -> u16 {
    if is_postgres(engine) {
        5432
    } else {
        3306
    }
}

fn check_master_username(user: Option<&str>, engine: &str) -> Result<String> {
    let Some(u) = user.filter(|u| !u.is_empty()) else {
        return Err(RdsError::InvalidParameterValue(
            "The parameter MasterUsername must be provided and must not be blank.".into(),
        ));
    };
    let ok = u.len() <= 32
        && u.starts_with(|c: char| c.is_ascii_alphabetic())
        && u.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !ok {
        return Err(RdsError::InvalidParameterValue(
            "The parameter MasterUsername is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and underscores; and must be 1 to 32 characters long.".into(),
        ));
    }
    let lower = u.to_lowercase();
    let reserved = if is_postgres(engine) {
        ["rdsadmin", server::REPLICATION_USER, "rds_superuser", "public"].contains(&lower.as_str())
            || lower.starts_with("pg_")
    } else {
        ["root", "rdsadmin", server::REPLICATION_USER, "mariadb.sys"].contains(&lower.as_str())
    };
    if reserved {
        return Err(RdsError::InvalidParameterValue(format!(
            "MasterUsername {u} cannot be used as it is a reserved word used by the engine"
        )));
    }
    Ok(u.to_string())
}

fn check_password(pw: Option<&str>, engine: &str) -> Result<String> {
    // RDS: at most 41 characters for MySQL and MariaDB, 128 for PostgreSQL.
    let max = if is_postgres(engine) { 128 } else { 41 };
    let Some(p) = pw.filter(|p| !p.is_empty()) else {
        return Err(RdsError::InvalidParameterValue(
            "The parameter MasterUserPassword must be provided and must not be blank.".into(),
        ));
    };
    if p.len() < 8 {
        return Err(RdsError::InvalidParameterValue(
            "The parameter MasterUserPassword is not a valid password because it is shorter than 8 characters.".into(),
        ));
    }
    if p.len() > max {
        return Err(RdsError::InvalidParameterValue(format!(
            "The parameter MasterUserPassword is not a valid password because it is longer than {max} characters."
        )));
    }
    if !p.bytes().all(|b| (0x21..0x7f).contains(&b) && !b"/@\"".contains(&b)) {
        return Err(RdsError::InvalidParameterValue(
            "The parameter MasterUserPassword is not a valid password. Only printable ASCII characters besides '/', '@', '\"', ' ' may be used.".into(),
        ));
    }
    Ok(p.to_string())
}

fn check_db_name(name: Option<&str>) -> Result<Option<String>> {
    let Some(n) = name else { return Ok(None) };
    let ok = !n.is_empty()
        && n.len() <= 64
        && n.starts_with(|c: char| c.is_ascii_alphabetic())
        && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !ok {
        return Err(RdsError::InvalidParameterValue(
            "The parameter DBName is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and underscores; and must not be a reserved word.".into(),
        ));
    }
    Ok(Some(n.to_string()))
}

pub(super) fn check_port(port: Option<i64>, engine: &str) -> Result<u16> {
    match port {
        None => Ok(default_port(engine)),
        Some(p) if (1150..=65535).contains(&p) => Ok(p as u16),
        Some(p) => {
            Err(RdsError::InvalidParameterValue(format!("Invalid port number: {p}. Valid range is 1150-65535.")))
        }
    }
}

fn address_of(n: u32) -> String {
    format!("127.254.{}.{}", n >> 8, n & 0xff)
}

/// A free address of 127.254.0.0/16 and its index (the server's `server_id`): not held by
/// another DB instance of this region, and with `port` free on it. Each region scans from its
/// own starting point (a hash of its data dir), so that regions sharing this host, each making
/// instances at the same moment, do not pick the same address between the check and the
/// server's bind.
pub(super) fn allocate_address(rds: &Rds, tx: &store::Tx, port: u16) -> Result<(String, u32)> {
    let mut used: std::collections::HashSet<u32> =
        tx.list::<InstanceRec>(kind::INSTANCE, "")?.into_iter().map(|(_, r)| r.server_id).collect();
    used.extend(tx.list::<StandbyRec>(kind::STANDBY, "")?.into_iter().map(|(_, s)| s.server_id));
    let start = region_offset(&rds.dir().display().to_string());
    let n = (start..0xfeffu32)
        .chain(1..start)
        .filter(|n| !used.contains(n) && n & 0xff != 0 && n & 0xff != 0xff)
        .find(|n| std::net::TcpListener::bind((address_of(*n).as_str(), port)).is_ok())
        .ok_or_else(|| RdsError::Internal("no free DB instance address left in 127.254.0.0/16".into()))?;
    Ok((address_of(n), n))
}

/// Where a region starts looking for addresses: FNV-1a of its data dir, in 1..0xfeff.
fn region_offset(dir: &str) -> u32 {
    let h = dir.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ b as u32).wrapping_mul(0x0100_0193));
    1 + h % 0xfefe
}

pub(super) fn resource_id() -> String {
    use rand::Rng;
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut r = rand::thread_rng();
    let s: String = (0..26).map(|_| CHARS[r.gen_range(0..CHARS.len())] as char).collect();
    format!("db-{s}")
}

/// Where the instance goes: the asked zone, else the subnet group's first zone, else zone a.
pub(super) fn placement(rds: &Rds, tx: &store::Tx, input: &Value) -> Result<(Option<String>, String)> {
    let group = match str_of(input, "DBSubnetGroupName") {
        Some(name) => {
            let name = name.to_lowercase();
            let g = tx
                .get::<SubnetGroupRec>(kind::SUBNET_GROUP, &name)?
                .ok_or_else(|| RdsError::DbSubnetGroupNotFound(name.clone()))?;
            Some(g)
        }
        None => None,
    };
    let zone = match str_of(input, "AvailabilityZone") {
        Some(z) => {
            if !z.starts_with(&rds.config.region) || z.len() != rds.config.region.len() + 1 {
                return Err(RdsError::InvalidParameterValue(format!("Invalid availability zone: {z}")));
            }
            if let Some(g) = &group {
                if !g.subnets.iter().any(|s| s.availability_zone == z) {
                    return Err(RdsError::InvalidParameterCombination(format!(
                        "No default subnet was detected in VPC. Please contact AWS Support to recreate default Subnets. (DB subnet group {} has no subnet in {z})",
                        g.name
                    )));
                }
            }
            z.to_string()
        }
        None => group
            .as_ref()
            .and_then(|g| g.subnets.first().map(|s| s.availability_zone.clone()))
            .unwrap_or_else(|| format!("{}a", rds.config.region)),
    };
    Ok((group.map(|g| g.name), zone))
}

/// A Multi-AZ standby's zone: another zone of the subnet group, else the next of the region's.
fn standby_zone(rds: &Rds, tx: &store::Tx, group: Option<&str>, primary: &str) -> Result<String> {
    if let Some(g) = group {
        if let Some(g) = tx.get::<SubnetGroupRec>(kind::SUBNET_GROUP, g)? {
            if let Some(s) = g.subnets.iter().find(|s| s.availability_zone != primary) {
                return Ok(s.availability_zone.clone());
            }
        }
    }
    let other = if primary.ends_with('a') { 'c' } else { 'a' };
    Ok(format!("{}{other}", rds.config.region))
}

fn uuid() -> String {
    let b: [u8; 16] = rand::random();
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

/// A 0600 file holding the master password until the controller has created the user.
fn pending_password_file(rds: &Rds, id: &str, password: &str) -> Result<String> {
    let dir = rds.dir().join("pending");
    std::fs::create_dir_all(&dir).map_err(|e| RdsError::Internal(format!("creating {}: {e}", dir.display())))?;
    let path = dir.join(format!("{id}-{:016x}.pw", rand::random::<u64>()));
    server::write_private(&path, password).map_err(RdsError::Internal)?;
    Ok(path.display().to_string())
}

pub fn create_db_instance(rds: &Rds, input: &Value) -> Result<Value> {
    let id = check_identifier(str_of(input, "DBInstanceIdentifier").unwrap_or_default(), "DBInstanceIdentifier")?;
    let engine = check_engine(str_of(input, "Engine").unwrap_or_default())?;
    let version = engine_version(&engine, str_of(input, "EngineVersion"))?;
    let class = str_of(input, "DBInstanceClass").unwrap_or_default().to_string();
    check_class(&class, &engine, &version)?;
    let managed = bool_of(input, "ManageMasterUserPassword") == Some(true);
    if managed && str_of(input, "MasterUserPassword").is_some() {
        return Err(RdsError::InvalidParameterCombination(
            "You can't specify MasterUserPassword and ManageMasterUserPassword at the same time.".into(),
        ));
    }
    if managed && rds.secrets.is_none() {
        return Err(RdsError::InvalidParameterCombination(
            "ManageMasterUserPassword needs Secrets Manager, which this region does not run.".into(),
        ));
    }
    let multi_az = bool_of(input, "MultiAZ") == Some(true);
    if multi_az && str_of(input, "AvailabilityZone").is_some() {
        return Err(RdsError::InvalidParameterCombination(
            "Requesting a specific availability zone is not valid for Multi-AZ instances.".into(),
        ));
    }
    let master = check_master_username(str_of(input, "MasterUsername"), &engine)?;
    let password =
        if managed { server::random_password() } else { check_password(str_of(input, "MasterUserPassword"), &engine)? };
    let storage_type = str_of(input, "StorageType").unwrap_or("gp2").to_string();
    let storage = match int_of(input, "AllocatedStorage") {
        None => {
            return Err(RdsError::InvalidParameterValue(
                "The parameter AllocatedStorage must be provided and must not be null.".into(),
            ))
        }
        Some(s) if !(MIN_STORAGE..=MAX_STORAGE).contains(&s) => {
            return Err(RdsError::InvalidParameterCombination(format!(
                "Invalid storage size for engine name {engine} and storage type {storage_type}: {s}"
            )))
        }
        Some(s) => s,
    };
    let db_name = check_db_name(str_of(input, "DBName"))?;
    let port = check_port(int_of(input, "Port"), &engine)?;
    let backup_retention = int_of(input, "BackupRetentionPeriod").unwrap_or(1);
    if !(0..=35).contains(&backup_retention) {
        return Err(RdsError::InvalidParameterValue(format!(
            "Invalid backup retention period: {backup_retention}. Valid range is 0-35."
        )));
    }
    // Nothing is written before every check has passed; the password file only then.
    if rds.store.read(|tx| tx.exists(kind::INSTANCE, &id))? {
        return Err(RdsError::DbInstanceAlreadyExists);
    }
    rds.store.read(|tx| placement(rds, tx, input))?;
    let pw_file = pending_password_file(rds, &id, &password)?;
    // RDS names the secrets it manages `rds!db-<uuid>`; this region's Secrets Manager refuses
    // `!` in names (AWS allows it to RDS), so they are `rds-db-<uuid>` here.
    let secret = match (managed, &rds.secrets) {
        (true, Some(sm)) => {
            let name = format!("rds-db-{}", uuid());
            match sm.create_master_secret(&name, &master, &password) {
                Ok(arn) => Some(arn),
                Err(e) => {
                    let _ = std::fs::remove_file(&pw_file);
                    return Err(RdsError::Internal(format!("creating the master user secret: {e}")));
                }
            }
        }
        _ => None,
    };
    let made = rds.store.write(|tx| {
        if tx.exists(kind::INSTANCE, &id)? {
            return Err(RdsError::DbInstanceAlreadyExists);
        }
        let (subnet_group, zone) = placement(rds, tx, input)?;
        let parameter_group =
            super::parameter_groups::resolve(tx, str_of(input, "DBParameterGroupName"), &engine, &version)?;
        let (address, server_id) = allocate_address(rds, tx, port)?;
        if multi_az {
            // The standby's address is allocated now, so that the two never collide.
            tx.insert(
                kind::STANDBY,
                &id,
                &StandbyRec {
                    id: id.clone(),
                    address: String::new(),
                    server_id,
                    availability_zone: String::new(),
                    status: status::CREATING.into(),
                    process: None,
                },
            )?;
            let (standby_address, standby_id) = allocate_address(rds, tx, port)?;
            let standby_zone = standby_zone(rds, tx, subnet_group.as_deref(), &zone)?;
            tx.put(
                kind::STANDBY,
                &id,
                &StandbyRec {
                    id: id.clone(),
                    address: standby_address,
                    server_id: standby_id,
                    availability_zone: standby_zone,
                    status: status::CREATING.into(),
                    process: None,
                },
            )?;
        }
        let rec = InstanceRec {
            id: id.clone(),
            arn: rds.arn("db", &id),
            resource_id: resource_id(),
            engine: engine.clone(),
            engine_version: version.clone(),
            class: class.clone(),
            allocated_storage: storage,
            storage_type: storage_type.clone(),
            master_username: master.clone(),
            db_name: db_name.clone(),
            address,
            port,
            server_id,
            status: status::CREATING.into(),
            source: None,
            promotion_pending: false,
            subnet_group,
            availability_zone: zone,
            multi_az,
            publicly_accessible: bool_of(input, "PubliclyAccessible").unwrap_or(false),
            backup_retention,
            deletion_protection: bool_of(input, "DeletionProtection").unwrap_or(false),
            vpc_security_groups: strings(input, "VpcSecurityGroupIds"),
            created: rds.now(),
            tags: input_tags(input),
            final_snapshot: None,
            pending_password_file: Some(pw_file.clone()),
            process: None,
            recoveries: 0,
            restore_from: None,
            snapshot_pending: None,
            parameter_group: parameter_group.clone(),
            param_generation: 0,
            param_status: None,
            static_at_start: Default::default(),
            applied_dynamic: Default::default(),
            failover_pending: false,
            restore_to: None,
            master_secret: secret.clone(),
            vpc_address: None,
        };
        tx.insert(kind::INSTANCE, &id, &rec)?;
        render(tx, &rec)
    });
    match made {
        Ok(v) => Ok(json!({"DBInstance": v})),
        Err(e) => {
            let _ = std::fs::remove_file(&pw_file);
            if let (Some(arn), Some(sm)) = (&secret, &rds.secrets) {
                let _ = sm.delete_secret(arn);
            }
            Err(e)
        }
    }
}

pub fn create_db_instance_read_replica(rds: &Rds, input: &Value) -> Result<Value> {
    let id = check_identifier(str_of(input, "DBInstanceIdentifier").unwrap_or_default(), "DBInstanceIdentifier")?;
    let source_id = id_or_arn(str_of(input, "SourceDBInstanceIdentifier").unwrap_or_default(), "db");
    if bool_of(input, "MultiAZ") == Some(true) {
        return Err(RdsError::InvalidParameterCombination(
            "Multi-AZ DB instances are not available in this region yet.".into(),
        ));
    }
    if let Some(p) = int_of(input, "Port") {
        check_port(Some(p), "mysql")?;
    }
    rds.store.write(|tx| {
        if tx.exists(kind::INSTANCE, &id)? {
            return Err(RdsError::DbInstanceAlreadyExists);
        }
        let source = load(tx, &source_id)?;
        let port = check_port(int_of(input, "Port"), &source.engine)?;
        if source.status != status::AVAILABLE {
            return Err(RdsError::InvalidDbInstanceState(format!(
                "Instance {source_id} is not in available state."
            )));
        }
        if source.backup_retention == 0 {
            return Err(RdsError::InvalidDbInstanceState(
                "Automated backups are not enabled for this database instance. To enable automated backups, use ModifyDBInstance to set the backup retention period to a non-zero value.".into(),
            ));
        }
        let class = str_of(input, "DBInstanceClass").unwrap_or(&source.class).to_string();
        check_class(&class, &source.engine, &source.engine_version)?;
        let (subnet_group, zone) = placement(rds, tx, input)?;
        let parameter_group = match str_of(input, "DBParameterGroupName") {
            Some(asked) => super::parameter_groups::resolve(tx, Some(asked), &source.engine, &source.engine_version)?,
            None => source.parameter_group.clone(),
        };
        let (address, server_id) = allocate_address(rds, tx, port)?;
        let rec = InstanceRec {
            id: id.clone(),
            arn: rds.arn("db", &id),
            resource_id: resource_id(),
            engine: source.engine.clone(),
            engine_version: source.engine_version.clone(),
            class,
            allocated_storage: source.allocated_storage,
            storage_type: str_of(input, "StorageType").unwrap_or(&source.storage_type).to_string(),
            master_username: source.master_username.clone(),
            db_name: source.db_name.clone(),
            address,
            port,
            server_id,
            status: status::CREATING.into(),
            source: Some(source_id.clone()),
            promotion_pending: false,
            subnet_group: subnet_group.or(source.subnet_group.clone()),
            availability_zone: zone,
            multi_az: false,
            publicly_accessible: bool_of(input, "PubliclyAccessible").unwrap_or(source.publicly_accessible),
            backup_retention: 0,
            deletion_protection: bool_of(input, "DeletionProtection").unwrap_or(false),
            vpc_security_groups: {
                let g = strings(input, "VpcSecurityGroupIds");
                if g.is_empty() {
                    source.vpc_security_groups.clone()
                } else {
                    g
                }
            },
            created: rds.now(),
            tags: input_tags(input),
            final_snapshot: None,
            pending_password_file: None,
            process: None,
            recoveries: 0,
            restore_from: None,
            snapshot_pending: None,
            parameter_group,
            param_generation: 0,
            param_status: None,
            static_at_start: Default::default(),
            applied_dynamic: Default::default(),
            failover_pending: false,
            restore_to: None,
            master_secret: None,
            vpc_address: None,
        };
        tx.insert(kind::INSTANCE, &id, &rec)?;
        Ok(json!({"DBInstance": render(tx, &rec)?}))
    })
}

pub fn describe_db_instances(rds: &Rds, input: &Value) -> Result<Value> {
    let wanted = str_of(input, "DBInstanceIdentifier").map(|v| id_or_arn(v, "db"));
    let mut filter_ids: Option<Vec<String>> = None;
    let mut filter_engines: Option<Vec<String>> = None;
    for f in input.get("Filters").and_then(Value::as_array).into_iter().flatten() {
        let values = strings(f, "Values");
        match str_of(f, "Name") {
            Some("db-instance-id") => filter_ids = Some(values.iter().map(|v| id_or_arn(v, "db")).collect()),
            Some("engine") => filter_engines = Some(values),
            Some(other) => {
                return Err(RdsError::InvalidParameterValue(format!("Unrecognized filter name: {other}")));
            }
            None => {}
        }
    }
    let now = rds.now();
    rds.store.read(|tx| {
        let all: Vec<InstanceRec> = tx.list(kind::INSTANCE, "")?.into_iter().map(|(_, r)| r).collect();
        let snapshots: Vec<SnapshotRec> = tx.list(kind::SNAPSHOT, "")?.into_iter().map(|(_, s)| s).collect();
        if let Some(id) = &wanted {
            if !all.iter().any(|r| &r.id == id) {
                return Err(RdsError::DbInstanceNotFound(id.clone()));
            }
        }
        let mut out = Vec::new();
        for rec in &all {
            if wanted.as_ref().is_some_and(|w| *w != rec.id)
                || filter_ids.as_ref().is_some_and(|ids| !ids.contains(&rec.id))
                || filter_engines.as_ref().is_some_and(|e| !e.contains(&rec.engine))
            {
                continue;
            }
            let group = match &rec.subnet_group {
                Some(g) => tx.get::<SubnetGroupRec>(kind::SUBNET_GROUP, g)?,
                None => None,
            };
            let standby = tx.get::<StandbyRec>(kind::STANDBY, &rec.id)?.map(|s| s.availability_zone);
            let mut v = rec.to_api(&replicas_of(&all, &rec.id), group.as_ref(), standby);
            if restorable(rec, &snapshots) {
                // Its binary log (PostgreSQL: its WAL, archived as a restore begins) is read up
                // to the moment of the restore.
                v["LatestRestorableTime"] = json!(now);
            }
            out.push(v);
        }
        Ok(json!({"DBInstances": out}))
    })
}

/// Can the instance be restored to a point in time (RestoreDBInstanceToPointInTime)? A primary
/// with backups on, serving, with an automated backup taken.
fn restorable(rec: &InstanceRec, snapshots: &[SnapshotRec]) -> bool {
    rec.backup_retention > 0
        && rec.source.is_none()
        && [status::AVAILABLE, status::BACKING_UP, status::MODIFYING].contains(&rec.status.as_str())
        && snapshots
            .iter()
            .any(|s| s.instance_id == rec.id && s.snapshot_type == "automated" && s.status == "available")
}

pub fn modify_db_instance(rds: &Rds, input: &Value) -> Result<Value> {
    let id = id_or_arn(str_of(input, "DBInstanceIdentifier").unwrap_or_default(), "db");
    const SUPPORTED: &[&str] = &[
        "DBInstanceIdentifier",
        "ApplyImmediately",
        "DeletionProtection",
        "BackupRetentionPeriod",
        "DBInstanceClass",
        "AllocatedStorage",
        "PubliclyAccessible",
        "MasterUserPassword",
        "DBParameterGroupName",
    ];
    if let Some(other) = input.as_object().and_then(|o| o.keys().find(|k| !SUPPORTED.contains(&k.as_str()))) {
        return Err(RdsError::InvalidParameterCombination(format!(
            "Modifying {other} is not available in this region yet."
        )));
    }
    let password = match str_of(input, "MasterUserPassword") {
        Some(p) => Some(check_password(Some(p), &rds.store.read(|tx| load(tx, &id))?.engine)?),
        None => None,
    };
    let pw_file = match &password {
        Some(p) => {
            let current = rds.store.read(|tx| load(tx, &id))?;
            if current.status != status::AVAILABLE {
                return Err(RdsError::InvalidDbInstanceState(format!("Instance {id} is not in available state.")));
            }
            Some(pending_password_file(rds, &id, p)?)
        }
        None => None,
    };
    let out = modify(rds, &id, input, pw_file.clone());
    if out.is_err() {
        if let Some(f) = &pw_file {
            let _ = std::fs::remove_file(f);
        }
    }
    out
}

fn modify(rds: &Rds, id: &str, input: &Value, pw_file: Option<String>) -> Result<Value> {
    let id = id.to_string();
    rds.store.write(|tx| {
        let mut rec = load(tx, &id)?;
        if let Some(f) = pw_file {
            // The controller sets the new password on the server, then the instance is available.
            if rec.status != status::AVAILABLE {
                return Err(RdsError::InvalidDbInstanceState(format!("Instance {id} is not in available state.")));
            }
            rec.status = status::RESETTING_MASTER_CREDENTIALS.into();
            rec.pending_password_file = Some(f);
        }
        if let Some(p) = bool_of(input, "DeletionProtection") {
            rec.deletion_protection = p;
        }
        if let Some(asked) = str_of(input, "DBParameterGroupName") {
            let group = super::parameter_groups::resolve(tx, Some(asked), &rec.engine, &rec.engine_version)?;
            if group != rec.parameter_group {
                // A new group takes effect at the next reboot, as on RDS.
                let generation = match &group {
                    Some(g) => {
                        tx.get::<crate::records::ParameterGroupRec>(kind::PARAMETER_GROUP, g)?.map(|g| g.generation)
                    }
                    None => None,
                };
                rec.parameter_group = group;
                rec.param_generation = generation.unwrap_or(0);
                rec.param_status = Some("pending-reboot".into());
            }
        }
        if let Some(p) = bool_of(input, "PubliclyAccessible") {
            rec.publicly_accessible = p;
        }
        if let Some(b) = int_of(input, "BackupRetentionPeriod") {
            if !(0..=35).contains(&b) {
                return Err(RdsError::InvalidParameterValue(format!(
                    "Invalid backup retention period: {b}. Valid range is 0-35."
                )));
            }
            rec.backup_retention = b;
        }
        if let Some(c) = str_of(input, "DBInstanceClass") {
            check_class(c, &rec.engine, &rec.engine_version)?;
            rec.class = c.to_string();
        }
        if let Some(s) = int_of(input, "AllocatedStorage") {
            if s < rec.allocated_storage || s > MAX_STORAGE {
                return Err(RdsError::InvalidParameterCombination(format!(
                    "Invalid storage size for engine name {} and storage type {}: {s}",
                    rec.engine, rec.storage_type
                )));
            }
            rec.allocated_storage = s;
        }
        tx.put(kind::INSTANCE, &id, &rec)?;
        Ok(json!({"DBInstance": render(tx, &rec)?}))
    })
}

pub fn delete_db_instance(rds: &Rds, input: &Value) -> Result<Value> {
    let id = id_or_arn(str_of(input, "DBInstanceIdentifier").unwrap_or_default(), "db");
    let skip = bool_of(input, "SkipFinalSnapshot").unwrap_or(false);
    let final_id = str_of(input, "FinalDBSnapshotIdentifier");
    rds.store.write(|tx| {
        let mut rec = load(tx, &id)?;
        if rec.status == status::DELETING {
            return Err(RdsError::InvalidDbInstanceState(format!("Instance {id} is already being deleted.")));
        }
        if rec.deletion_protection {
            return Err(RdsError::InvalidParameterCombination(
                "Cannot delete protected DB Instance, please disable deletion protection and try again.".into(),
            ));
        }
        let is_replica = rec.source.is_some();
        let snapshot = match (is_replica, skip, final_id) {
            (true, _, Some(_)) => {
                return Err(RdsError::InvalidParameterCombination(
                    "FinalDBSnapshotIdentifier can not be specified when deleting a replica instance".into(),
                ))
            }
            (true, _, None) | (false, true, None) => None,
            (false, true, Some(_)) => {
                return Err(RdsError::InvalidParameterCombination(
                    "Cannot specify FinalDBSnapshotIdentifier when SkipFinalSnapshot is true.".into(),
                ))
            }
            (false, false, None) => {
                return Err(RdsError::InvalidParameterCombination(
                    "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.".into(),
                ))
            }
            (false, false, Some(s)) => Some(check_identifier(s, "FinalDBSnapshotIdentifier")?),
        };
        let without_data = [status::CREATING, status::FAILED].contains(&rec.status.as_str());
        if without_data && snapshot.is_some() {
            return Err(RdsError::InvalidDbInstanceState(format!(
                "Instance {id} is currently {} - a final snapshot cannot be taken.",
                rec.status
            )));
        }
        if !DELETABLE.contains(&rec.status.as_str()) {
            return Err(RdsError::InvalidDbInstanceState(format!(
                "Instance {id} is currently {}; it can be deleted once it is available, stopped, creating or failed.",
                rec.status
            )));
        }
        // Its read replicas become standalone instances, as RDS promotes them.
        let all: Vec<InstanceRec> = tx.list(kind::INSTANCE, "")?.into_iter().map(|(_, r)| r).collect();
        for replica in all.iter().filter(|r| r.source.as_deref() == Some(id.as_str())) {
            if replica.status != status::AVAILABLE {
                return Err(RdsError::InvalidDbInstanceState(format!(
                    "Instance {id} cannot be deleted while its read replica {} is {}.",
                    replica.id, replica.status
                )));
            }
        }
        for replica in all.iter().filter(|r| r.source.as_deref() == Some(id.as_str())) {
            let mut r = replica.clone();
            r.status = status::MODIFYING.into();
            r.promotion_pending = true;
            tx.put(kind::INSTANCE, &r.id, &r)?;
        }
        if let Some(snap) = &snapshot {
            if tx.exists(kind::SNAPSHOT, snap)? {
                return Err(RdsError::DbSnapshotAlreadyExists(snap.clone()));
            }
            tx.insert(kind::SNAPSHOT, snap, &super::snapshots::new_snapshot(rds, &rec, snap, "manual"))?;
        }
        rec.status = status::DELETING.into();
        rec.final_snapshot = snapshot;
        tx.put(kind::INSTANCE, &id, &rec)?;
        Ok(json!({"DBInstance": render(tx, &rec)?}))
    })
}

/// Move an available instance to a transitional state (reboot, stop, promote).
fn transition(
    rds: &Rds,
    id: &str,
    to: &str,
    check: impl FnOnce(&InstanceRec, &[InstanceRec]) -> Result<()>,
) -> Result<Value> {
    rds.store.write(|tx| {
        let mut rec = load(tx, id)?;
        let all: Vec<InstanceRec> = tx.list(kind::INSTANCE, "")?.into_iter().map(|(_, r)| r).collect();
        check(&rec, &all)?;
        rec.status = to.to_string();
        if to == status::MODIFYING {
            rec.promotion_pending = true;
        }
        tx.put(kind::INSTANCE, id, &rec)?;
        Ok(json!({"DBInstance": render(tx, &rec)?}))
    })
}

fn must_be_available(rec: &InstanceRec) -> Result<()> {
    if rec.status != status::AVAILABLE {
        return Err(RdsError::InvalidDbInstanceState(format!("Instance {} is not in available state.", rec.id)));
    }
    Ok(())
}

pub fn reboot_db_instance(rds: &Rds, input: &Value) -> Result<Value> {
    let id = id_or_arn(str_of(input, "DBInstanceIdentifier").unwrap_or_default(), "db");
    let force = bool_of(input, "ForceFailover").unwrap_or(false);
    rds.store.write(|tx| {
        let mut rec = load(tx, &id)?;
        must_be_available(&rec)?;
        if force {
            if !rec.multi_az {
                return Err(RdsError::InvalidParameterCombination(
                    "Cannot do a forced failover on a non-Multi-AZ DB instance.".into(),
                ));
            }
            let ready = tx.get::<StandbyRec>(kind::STANDBY, &id)?.is_some_and(|s| s.status == status::AVAILABLE);
            if !ready {
                return Err(RdsError::InvalidDbInstanceState(format!(
                    "Instance {id} cannot fail over now: its standby is not available yet."
                )));
            }
            rec.failover_pending = true;
        }
        rec.status = status::REBOOTING.into();
        tx.put(kind::INSTANCE, &id, &rec)?;
        Ok(json!({"DBInstance": render(tx, &rec)?}))
    })
}

pub fn stop_db_instance(rds: &Rds, input: &Value) -> Result<Value> {
    let id = id_or_arn(str_of(input, "DBInstanceIdentifier").unwrap_or_default(), "db");
    transition(rds, &id, status::STOPPING, |rec, all| {
        if rec.source.is_some() {
            return Err(RdsError::InvalidDbInstanceState("Cannot stop or start a Read Replica instance".into()));
        }
        if !replicas_of(all, &rec.id).is_empty() {
            return Err(RdsError::InvalidDbInstanceState(format!(
                "Cannot stop DB instance {} because it has read replicas.",
                rec.id
            )));
        }
        must_be_available(rec)
    })
}

pub fn start_db_instance(rds: &Rds, input: &Value) -> Result<Value> {
    let id = id_or_arn(str_of(input, "DBInstanceIdentifier").unwrap_or_default(), "db");
    transition(rds, &id, status::STARTING, |rec, _| {
        if rec.status != status::STOPPED {
            return Err(RdsError::InvalidDbInstanceState(format!(
                "Instance {} cannot be started as it is not in stopped state.",
                rec.id
            )));
        }
        Ok(())
    })
}

pub fn promote_read_replica(rds: &Rds, input: &Value) -> Result<Value> {
    let id = id_or_arn(str_of(input, "DBInstanceIdentifier").unwrap_or_default(), "db");
    let retention = int_of(input, "BackupRetentionPeriod");
    let out = transition(rds, &id, status::MODIFYING, |rec, _| {
        if rec.source.is_none() {
            return Err(RdsError::InvalidDbInstanceState("DB Instance is not a read replica.".into()));
        }
        must_be_available(rec)
    })?;
    if let Some(b) = retention {
        rds.store.write(|tx| {
            let mut rec = load(tx, &id)?;
            rec.backup_retention = b.clamp(0, 35);
            tx.put(kind::INSTANCE, &id, &rec)?;
            Ok::<_, RdsError>(())
        })?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_start_their_address_scan_apart() {
        let a = region_offset("/srv/region-a/rds");
        let b = region_offset("/srv/region-b/rds");
        assert_ne!(a, b);
        for o in [a, b, region_offset("")] {
            assert!((1..0xfeff).contains(&o), "{o}");
        }
        assert_eq!(a, region_offset("/srv/region-a/rds"), "stable for a region");
    }

    #[test]
    fn engine_versions_as_rds_answers_them() {
        assert_eq!(engine_version("mysql", None).unwrap(), MYSQL_DEFAULT_VERSION);
        assert_eq!(engine_version("mysql", Some("8.0")).unwrap(), MYSQL_DEFAULT_VERSION);
        assert_eq!(engine_version("mysql", Some("8.0.35")).unwrap(), "8.0.35");
        let e = engine_version("mysql", Some("5.1.0")).unwrap_err();
        assert_eq!(e.to_string(), "Cannot find version 5.1.0 for mysql");
        assert!(engine_version("mysql", Some("8.0.")).is_err());
        assert_eq!(engine_version("postgres", None).unwrap(), POSTGRES_DEFAULT_VERSION);
        assert_eq!(engine_version("postgres", Some("15")).unwrap(), POSTGRES_DEFAULT_VERSION);
        assert_eq!(engine_version("postgres", Some("15.7")).unwrap(), "15.7");
        let e = engine_version("postgres", Some("16.3")).unwrap_err();
        assert_eq!(e.to_string(), "Cannot find version 16.3 for postgres");
    }

    #[test]
    fn engines_ports_and_master_users() {
        assert_eq!(check_engine("Postgres").unwrap(), "postgres");
        assert!(check_engine("aurora-postgresql").is_err());
        assert_eq!(check_port(None, "postgres").unwrap(), 5432);
        assert_eq!(check_port(None, "mysql").unwrap(), 3306);
        assert_eq!(check_port(Some(6543), "postgres").unwrap(), 6543);
        assert_eq!(check_master_username(Some("postgres"), "postgres").unwrap(), "postgres");
        assert!(check_master_username(Some("rds_superuser"), "postgres").is_err());
        assert!(check_master_username(Some("pg_monitor"), "postgres").is_err());
        assert!(check_master_username(Some("root"), "mysql").is_err());
    }

    #[test]
    fn passwords_as_rds_accepts_them() {
        assert!(check_password(Some("longenough"), "mysql").is_ok());
        assert!(check_password(Some("short"), "mysql").unwrap_err().to_string().contains("shorter than 8"));
        assert!(check_password(Some("has/slash1"), "mysql").is_err());
        assert!(check_password(Some("has space1"), "mysql").is_err());
        assert!(check_password(None, "mysql").is_err());
        let long = "x".repeat(60);
        assert!(check_password(Some(&long), "mysql").unwrap_err().to_string().contains("longer than 41"));
        assert!(check_password(Some(&long), "postgres").is_ok());
        assert!(check_password(Some(&"x".repeat(129)), "postgres").is_err());
    }

    #[test]
    fn classes_look_like_db_classes() {
        assert!(check_class("db.t3.micro", "mysql", "8.0.40").is_ok());
        assert!(check_class("t3.micro", "mysql", "8.0.40").is_err());
        assert!(check_class("db.t3", "mysql", "8.0.40").is_err());
    }
}
