//! RDS events: what happened to a DB instance and why (created, restarted after its server
//! died, rebooted, stopped, started, promoted, deleted), in RDS's words and categories, for
//! DescribeEvents. Kept 14 days, as RDS keeps them.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::records::kind;
use crate::Rds;

/// How long events are kept (RDS: 14 days).
const RETENTION: f64 = 14.0 * 86400.0;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventRec {
    pub date: f64,
    pub source_id: String,
    pub source_type: String,
    pub source_arn: String,
    pub categories: Vec<String>,
    pub message: String,
}

impl EventRec {
    pub fn to_api(&self) -> Value {
        json!({
            "SourceIdentifier": self.source_id,
            "SourceType": self.source_type,
            "Message": self.message,
            "EventCategories": self.categories,
            "Date": self.date,
            "SourceArn": self.source_arn,
        })
    }
}

/// Record an event about a DB instance (a failure to record is logged, never fatal).
pub fn db_instance(rds: &Rds, id: &str, category: &str, message: &str) {
    let now = rds.now();
    let rec = EventRec {
        date: now,
        source_id: id.to_string(),
        source_type: "db-instance".into(),
        source_arn: rds.arn("db", id),
        categories: vec![category.to_string()],
        message: message.to_string(),
    };
    // Keys sort by time: microseconds since the epoch, zero-padded, and a random tail.
    let key = format!("{:020}-{:08x}", (now * 1e6) as u64, rand::random::<u32>());
    let cutoff = format!("{:020}", ((now - RETENTION).max(0.0) * 1e6) as u64);
    let written = rds.store.write(|tx| {
        tx.insert(kind::EVENT, &key, &rec)?;
        for (old, _) in tx.list_raw(kind::EVENT, "")? {
            if old.as_str() >= cutoff.as_str() {
                break;
            }
            tx.delete(kind::EVENT, &old)?;
        }
        Ok::<_, store::StoreError>(())
    });
    if let Err(e) = written {
        tracing::error!(error = %e, db_instance = id, "recording an RDS event");
    }
}
