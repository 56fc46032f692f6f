//! The audit record: every API call appended as one JSON line to `<data-dir>/audit.log`
//! (time, principal, source IP, service, action, resources, result, request id), written by
//! a background thread so a request never waits on the disk (written within 50 ms). CloudTrail's LookupEvents can
//! serve it later.

use std::fs::OpenOptions;
use std::io::{BufWriter, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

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
    /// Why the request was refused or failed (the error's message).
    pub reason: Option<&'a str>,
}

/// One line of the log, serialised straight from borrowed fields.
#[derive(serde::Serialize)]
struct Line<'a> {
    time: String,
    request_id: &'a str,
    principal: Option<&'a str>,
    access_key_id: Option<&'a str>,
    source_ip: &'a str,
    service: &'a str,
    action: &'a str,
    resources: &'a [String],
    status: u16,
    result: &'static str,
    error_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
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
        let line = Line {
            time: wire::timestamp::format_iso8601(e.time),
            request_id: e.request_id,
            principal: e.principal,
            access_key_id: e.access_key_id,
            source_ip: e.source_ip,
            service: e.service,
            action: e.action,
            resources: e.resources,
            status: e.status,
            result: if e.status < 400 { "success" } else { "failure" },
            error_code: e.error_code,
            reason: e.reason,
        };
        if let (Some(tx), Ok(text)) = (&self.tx, serde_json::to_string(&line)) {
            let _ = tx.send(text);
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
    // The writer sleeps while a batch gathers (a sender never wakes a sleeping writer), then
    // writes the batch at once: one wake-up and one write per 50 ms, not per request; fsync
    // follows at most twice a second.
    let mut out = BufWriter::with_capacity(256 * 1024, file);
    let mut last_sync = Instant::now();
    while let Ok(first) = rx.recv() {
        let _ = writeln!(out, "{first}");
        std::thread::sleep(Duration::from_millis(50));
        loop {
            match rx.try_recv() {
                Ok(line) => {
                    let _ = writeln!(out, "{line}");
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    let _ = out.flush();
                    let _ = out.get_ref().sync_data();
                    return;
                }
            }
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
