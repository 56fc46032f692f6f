//! The audit record: every API call appended as one JSON line to `<data-dir>/audit.log`
//! (time, principal, source IP, service, action, resources, result, request id), written by
//! a background thread so a request never waits on the disk. CloudTrail's LookupEvents can
//! serve it later.

use std::fs::OpenOptions;
use std::io::{BufWriter, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::json;

pub struct AuditEvent<'a> {
    pub time: f64,
    pub request_id: &'a str,
    pub principal: Option<&'a str>,
    pub access_key_id: Option<&'a str>,
    pub source_ip: &'a str,
    pub service: &'a str,
    pub action: &'a str,
    pub resources: &'a [String],
    pub status: u16,
    pub error_code: Option<&'a str>,
}

pub struct Audit {
    tx: Option<Sender<String>>,
    writer: Option<JoinHandle<()>>,
}

impl Audit {
    pub fn open(path: &Path) -> std::io::Result<Audit> {
        let file = OpenOptions::new().create(true).append(true).mode(0o600).open(path)?;
        let (tx, rx) = mpsc::channel::<String>();
        let writer = std::thread::Builder::new().name("audit".into()).spawn(move || write_loop(rx, file))?;
        Ok(Audit { tx: Some(tx), writer: Some(writer) })
    }

    pub fn record(&self, e: &AuditEvent) {
        let line = json!({
            "time": wire::timestamp::format_iso8601(e.time),
            "request_id": e.request_id,
            "principal": e.principal,
            "access_key_id": e.access_key_id,
            "source_ip": e.source_ip,
            "service": e.service,
            "action": e.action,
            "resources": e.resources,
            "status": e.status,
            "result": if e.status < 400 { "success" } else { "failure" },
            "error_code": e.error_code,
        })
        .to_string();
        if let Some(tx) = &self.tx {
            let _ = tx.send(line);
        }
    }

    /// Write out everything recorded so far and stop the writer.
    pub fn close(&mut self) {
        self.tx.take();
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
    }
}

impl Drop for Audit {
    fn drop(&mut self) {
        self.close();
    }
}

fn write_loop(rx: Receiver<String>, file: std::fs::File) {
    let mut out = BufWriter::new(file);
    let mut last_sync = Instant::now();
    while let Ok(line) = rx.recv() {
        let _ = writeln!(out, "{line}");
        while let Ok(more) = rx.try_recv() {
            let _ = writeln!(out, "{more}");
        }
        let _ = out.flush();
        if last_sync.elapsed() > Duration::from_millis(500) {
            let _ = out.get_ref().sync_data();
            last_sync = Instant::now();
        }
    }
    let _ = out.flush();
    let _ = out.get_ref().sync_data();
}
