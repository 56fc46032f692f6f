//! Durable state for the whole region: one SQLite database under the data dir, with versioned
//! migrations, typed records kept as JSON under a (kind, key) pair, one transaction per
//! mutating call, and secrets sealed with a key file before they touch the disk.

mod migrations;
mod sealer;

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use sealer::Sealer;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("record {kind}/{key} is unreadable: {source}")]
    Corrupt { kind: String, key: String, source: serde_json::Error },
    #[error("record {kind}/{key} already exists")]
    Exists { kind: String, key: String },
    #[error("sealed secret: {0}")]
    Seal(String),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

/// The database. Writes are serialised through one connection; reads use a small pool so
/// that describe calls never wait on a write.
pub struct Store {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    disk: GroupCommit,
}

/// Group commit: a write is acknowledged only once its transaction is on disk, and one
/// `fdatasync` of the write-ahead log covers every transaction committed before it began.
///
/// SQLite runs with `synchronous=NORMAL` (in WAL mode: a commit writes its frames to the log
/// but does not sync it; checkpoints still sync the log before copying it and the database
/// after). After its commit a writer waits until the log has been synced past it: the first
/// waiter syncs, for everyone committed by then, while the writer connection is already free
/// for the next transactions; those wait for the next sync. With one writer at a time this is
/// one sync per transaction, as `synchronous=FULL` would do; with many, one sync per batch.
/// (A transaction is visible to readers from its commit, a sync's time before it is
/// acknowledged.)
struct GroupCommit {
    /// The write-ahead log's path (`<database>-wal`).
    wal: std::path::PathBuf,
    /// Transactions committed so far (each one's number is this count after it).
    committed: std::sync::atomic::AtomicU64,
    state: Mutex<Synced>,
    synced: std::sync::Condvar,
}

#[derive(Default)]
struct Synced {
    /// Transactions known on disk: all those numbered up to this.
    upto: u64,
    /// A sync is under way.
    syncing: bool,
    /// Syncs done (tests and benchmarks read it).
    syncs: u64,
}

impl GroupCommit {
    /// Return once transaction `n` is on disk.
    fn wait(&self, n: u64) -> Result<(), StoreError> {
        use std::sync::atomic::Ordering;
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if st.upto >= n {
                return Ok(());
            }
            if st.syncing {
                st = self.synced.wait(st).unwrap_or_else(|e| e.into_inner());
                continue;
            }
            // Lead this sync: it covers every transaction committed until now.
            st.syncing = true;
            let target = self.committed.load(Ordering::SeqCst);
            drop(st);
            let done = std::fs::File::open(&self.wal).and_then(|f| f.sync_data());
            st = self.state.lock().unwrap_or_else(|e| e.into_inner());
            st.syncing = false;
            self.synced.notify_all();
            done?;
            st.syncs += 1;
            st.upto = st.upto.max(target);
        }
    }
}

const READERS: usize = 4;

impl Store {
    /// Open (creating if needed) the database at `path` and bring its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let writer = Connection::open(path)?;
        // The database holds sealed secrets and every resource: owner-only, like the key file.
        std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
        // Durability comes from the group commit's sync of the log (`GroupCommit`).
        writer.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;",
        )?;
        migrations::apply(&writer)?;
        let mut readers = Vec::with_capacity(READERS);
        for _ in 0..READERS {
            let r = Connection::open(path)?;
            r.execute_batch("PRAGMA busy_timeout=5000; PRAGMA query_only=ON;")?;
            readers.push(Mutex::new(r));
        }
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let disk = GroupCommit {
            wal: wal.into(),
            committed: Default::default(),
            state: Mutex::default(),
            synced: Default::default(),
        };
        Ok(Store { writer: Mutex::new(writer), readers, disk })
    }

    /// Syncs of the write-ahead log so far, and transactions committed (their ratio is the
    /// group commit's batch size).
    pub fn syncs(&self) -> (u64, u64) {
        let st = self.disk.state.lock().unwrap_or_else(|e| e.into_inner());
        (st.syncs, self.disk.committed.load(std::sync::atomic::Ordering::SeqCst))
    }

    /// Run `f` in one write transaction: everything it wrote is committed together when it
    /// returns Ok, and nothing is when it returns Err (or the process dies first). Returns once
    /// the transaction is on disk (`GroupCommit`).
    pub fn write<T, E: From<StoreError>>(&self, f: impl FnOnce(&Tx) -> Result<T, E>) -> Result<T, E> {
        let (out, n) = {
            let mut conn = self.writer.lock().unwrap_or_else(|e| e.into_inner());
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
            let out = f(&Tx { conn: &tx })?;
            tx.commit().map_err(StoreError::from)?;
            // Numbered under the writer's lock: in commit order.
            (out, self.disk.committed.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1)
        };
        self.disk.wait(n)?;
        Ok(out)
    }

    /// Emulator mode's reset of one service: delete every record of its kinds (`"sns."`).
    pub fn wipe(&self, kind_prefix: &str) -> Result<usize, String> {
        self.write(|tx| tx.delete_kinds(kind_prefix)).map_err(|e: StoreError| e.to_string())
    }

    /// Run `f` on a consistent snapshot for reading.
    pub fn read<T, E: From<StoreError>>(&self, f: impl FnOnce(&Tx) -> Result<T, E>) -> Result<T, E> {
        let slot = self.readers.iter().find_map(|r| r.try_lock().ok());
        let mut conn = match slot {
            Some(c) => c,
            None => self.readers[pick()].lock().unwrap_or_else(|e| e.into_inner()),
        };
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred).map_err(StoreError::from)?;
        let out = f(&Tx { conn: &tx })?;
        drop(tx);
        Ok(out)
    }
}

fn pick() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed) % READERS
}

/// Typed access to records inside one transaction.
pub struct Tx<'c> {
    conn: &'c Connection,
}

impl Tx<'_> {
    pub fn get<T: DeserializeOwned>(&self, kind: &str, key: &str) -> Result<Option<T>, StoreError> {
        let raw: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM objects WHERE kind = ?1 AND key = ?2")?
            .query_row(params![kind, key], |r| r.get(0))
            .optional()?;
        raw.map(|s| decode(kind, key, &s)).transpose()
    }

    pub fn exists(&self, kind: &str, key: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM objects WHERE kind = ?1 AND key = ?2")?
            .query_row(params![kind, key], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Insert or replace.
    pub fn put<T: Serialize>(&self, kind: &str, key: &str, value: &T) -> Result<(), StoreError> {
        let json = serde_json::to_string(value).map_err(|e| StoreError::Corrupt {
            kind: kind.into(),
            key: key.into(),
            source: e,
        })?;
        self.conn
            .prepare_cached("INSERT INTO objects (kind, key, value) VALUES (?1, ?2, ?3) ON CONFLICT(kind, key) DO UPDATE SET value = excluded.value")?
            .execute(params![kind, key, json])?;
        Ok(())
    }

    /// Insert, failing with [`StoreError::Exists`] if the key is taken.
    pub fn insert<T: Serialize>(&self, kind: &str, key: &str, value: &T) -> Result<(), StoreError> {
        if self.exists(kind, key)? {
            return Err(StoreError::Exists { kind: kind.into(), key: key.into() });
        }
        self.put(kind, key, value)
    }

    /// Delete; true if something was there.
    pub fn delete(&self, kind: &str, key: &str) -> Result<bool, StoreError> {
        Ok(self.conn.prepare_cached("DELETE FROM objects WHERE kind = ?1 AND key = ?2")?.execute(params![kind, key])?
            > 0)
    }

    /// Delete every record of `kind` whose key starts with `prefix`; how many went.
    pub fn delete_prefix(&self, kind: &str, prefix: &str) -> Result<usize, StoreError> {
        let (lo, hi) = prefix_range(prefix);
        Ok(self
            .conn
            .prepare_cached("DELETE FROM objects WHERE kind = ?1 AND key >= ?2 AND key < ?3")?
            .execute(params![kind, lo, hi])?)
    }

    /// Delete every record of every kind that starts with `kind_prefix` (a service's own,
    /// `"ec2."`: the emulator's reset); how many went.
    pub fn delete_kinds(&self, kind_prefix: &str) -> Result<usize, StoreError> {
        let (lo, hi) = prefix_range(kind_prefix);
        Ok(self.conn.prepare_cached("DELETE FROM objects WHERE kind >= ?1 AND kind < ?2")?.execute(params![lo, hi])?)
    }

    /// Records of `kind` whose key starts with `prefix`, in key order.
    pub fn list<T: DeserializeOwned>(&self, kind: &str, prefix: &str) -> Result<Vec<(String, T)>, StoreError> {
        self.list_raw(kind, prefix)?
            .into_iter()
            .map(|(k, v)| {
                let value = decode(kind, &k, &v)?;
                Ok((k, value))
            })
            .collect()
    }

    /// Like [`Tx::list`], undecoded: each record's JSON text as stored, for callers that keep
    /// decoded records and decode only those whose text changed.
    pub fn list_raw(&self, kind: &str, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        let (lo, hi) = prefix_range(prefix);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, value FROM objects WHERE kind = ?1 AND key >= ?2 AND key < ?3 ORDER BY key")?;
        let rows = stmt.query_map(params![kind, lo, hi], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn count(&self, kind: &str, prefix: &str) -> Result<usize, StoreError> {
        let (lo, hi) = prefix_range(prefix);
        let n: i64 = self
            .conn
            .prepare_cached("SELECT COUNT(*) FROM objects WHERE kind = ?1 AND key >= ?2 AND key < ?3")?
            .query_row(params![kind, lo, hi], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// A region-wide setting (account id, …).
    pub fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT v FROM meta WHERE k = ?1")?
            .query_row(params![key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn
            .prepare_cached("INSERT INTO meta (k, v) VALUES (?1, ?2) ON CONFLICT(k) DO UPDATE SET v = excluded.v")?
            .execute(params![key, value])?;
        Ok(())
    }
}

/// Decode one record's JSON text (as [`Tx::list_raw`] gives it).
pub fn decode<T: DeserializeOwned>(kind: &str, key: &str, raw: &str) -> Result<T, StoreError> {
    serde_json::from_str(raw).map_err(|e| StoreError::Corrupt { kind: kind.into(), key: key.into(), source: e })
}

/// The half-open key range `[prefix, prefix + U+10FFFF)` that holds every key starting with it.
fn prefix_range(prefix: &str) -> (String, String) {
    (prefix.to_string(), format!("{prefix}\u{10FFFF}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct User {
        name: String,
        age: u32,
    }

    #[test]
    fn a_failed_transaction_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        store.write(|tx| tx.insert("user", "a", &User { name: "a".into(), age: 1 })).unwrap();
        let r: Result<(), StoreError> = store.write(|tx| {
            tx.insert("user", "b", &User { name: "b".into(), age: 2 })?;
            tx.insert("user", "a", &User { name: "a".into(), age: 3 })
        });
        assert!(matches!(r, Err(StoreError::Exists { .. })));
        let all: Vec<(String, User)> = store.read(|tx| tx.list("user", "")).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].1.age, 1);
    }

    #[test]
    fn delete_kinds_takes_one_services_records_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        store
            .write(|tx| {
                tx.put("ec2.instance", "i-1", &1)?;
                tx.put("ec2.vpc", "vpc-1", &2)?;
                tx.put("ec2x", "k", &3)?;
                tx.put("elb.rule", "r", &4)
            })
            .unwrap();
        assert_eq!(store.write(|tx| tx.delete_kinds("ec2.")).unwrap(), 2);
        let left = |kind: &str| store.read(|tx| tx.count(kind, "")).unwrap();
        assert_eq!((left("ec2.instance"), left("ec2.vpc"), left("ec2x"), left("elb.rule")), (0, 0, 1, 1));
    }

    #[test]
    fn concurrent_writes_share_syncs_and_every_acknowledged_one_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let store = std::sync::Arc::new(Store::open(&path).unwrap());
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let store = store.clone();
                std::thread::spawn(move || {
                    for i in 0..200 {
                        store.write(|tx| tx.put("user", &format!("{t}/{i}"), &i)).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let (syncs, commits) = store.syncs();
        assert_eq!(commits, 1600);
        assert!(syncs >= 1 && syncs < commits, "{syncs} syncs for {commits} commits");
        // One writer alone: a sync per transaction, as synchronous=FULL.
        let before = store.syncs().0;
        for i in 0..5 {
            store.write(|tx| tx.put("user", &format!("solo/{i}"), &i)).unwrap();
        }
        assert_eq!(store.syncs().0 - before, 5);
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.read(|tx| tx.count("user", "")).unwrap(), 1605);
    }

    #[test]
    fn survives_reopening_and_lists_by_prefix() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        {
            let store = Store::open(&path).unwrap();
            store
                .write(|tx| {
                    tx.put("m", "g/1", &1)?;
                    tx.put("m", "g/2", &2)?;
                    tx.put("m", "h/1", &3)?;
                    tx.set_meta("account", "123")
                })
                .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let g: Vec<(String, i32)> = store.read(|tx| tx.list("m", "g/")).unwrap();
        assert_eq!(g, vec![("g/1".to_string(), 1), ("g/2".to_string(), 2)]);
        assert_eq!(store.read(|tx| tx.meta("account")).unwrap().as_deref(), Some("123"));
        assert_eq!(store.write(|tx| tx.delete_prefix("m", "g/")).unwrap(), 2);
        assert_eq!(store.read(|tx| tx.count("m", "")).unwrap(), 1);
    }
}
