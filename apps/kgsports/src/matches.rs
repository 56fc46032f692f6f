//! The app's data directory: the fixture list (`matches.json`, written with the Champions League
//! round-of-16 second legs on first start) and the persisted visit counter (`visits.json`).
//! Both survive "AMI from a running instance → launch", which is what makes a restore visible.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// What `matches.json` holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Schedule {
    pub competition: String,
    pub stage: String,
    pub matches: Vec<Fixture>,
}

/// One fixture. `id` seeds the live simulation, so a fixture keeps its goals wherever it runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fixture {
    pub id: String,
    pub home: String,
    pub away: String,
    /// Kick-off, RFC 3339 (UTC).
    pub kickoff: String,
    pub venue: String,
}

/// The fixtures written on first start: round of 16, second legs, 17–18 March (18:45 and 21:00 CET).
pub fn default_schedule() -> Schedule {
    let f = |id: &str, home: &str, away: &str, kickoff: &str, venue: &str| Fixture {
        id: id.into(),
        home: home.into(),
        away: away.into(),
        kickoff: kickoff.into(),
        venue: venue.into(),
    };
    Schedule {
        competition: "UEFA Champions League".into(),
        stage: "Round of 16 · second leg".into(),
        matches: vec![
            f("r16-1", "Real Madrid", "RB Leipzig", "2026-03-17T20:00:00Z", "Santiago Bernabéu"),
            f("r16-2", "Manchester City", "FC Copenhagen", "2026-03-17T20:00:00Z", "Etihad Stadium"),
            f("r16-3", "Inter", "Atlético de Madrid", "2026-03-17T17:45:00Z", "San Siro"),
            f("r16-4", "Borussia Dortmund", "PSV Eindhoven", "2026-03-17T20:00:00Z", "Signal Iduna Park"),
            f("r16-5", "Bayern München", "Lazio", "2026-03-18T20:00:00Z", "Allianz Arena"),
            f("r16-6", "Paris Saint-Germain", "Real Sociedad", "2026-03-18T20:00:00Z", "Parc des Princes"),
            f("r16-7", "Arsenal", "FC Porto", "2026-03-18T17:45:00Z", "Emirates Stadium"),
            f("r16-8", "FC Barcelona", "Napoli", "2026-03-18T20:00:00Z", "Estadi Olímpic Lluís Companys"),
        ],
    }
}

/// Read `matches.json` from `dir`, creating the directory and the file on first start.
pub fn load_schedule(dir: &Path) -> Result<Schedule, String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create data dir {}: {e}", dir.display()))?;
    let path = dir.join("matches.json");
    match fs::read(&path) {
        Ok(bytes) => {
            serde_json::from_slice(&bytes).map_err(|e| format!("{} is not a valid schedule: {e}", path.display()))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let schedule = default_schedule();
            let json = serde_json::to_vec_pretty(&schedule).expect("schedule serialises");
            write_atomic(&path, &json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(schedule)
        }
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

#[derive(Serialize, Deserialize)]
struct VisitsFile {
    visits: u64,
}

/// The page-view counter: counted in memory, written to `visits.json` by [`Visits::flush`]
/// (the server flushes every second and at shutdown).
pub struct Visits {
    path: PathBuf,
    count: AtomicU64,
    saved: Mutex<u64>,
}

impl Visits {
    /// Load the counter from `dir/visits.json` (0 when missing; a damaged file is reported and reset).
    pub fn load(dir: &Path) -> Visits {
        let path = dir.join("visits.json");
        let count = match fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<VisitsFile>(&bytes) {
                Ok(v) => v.visits,
                Err(e) => {
                    eprintln!("warning: {} is damaged ({e}); counting visits from 0", path.display());
                    0
                }
            },
            Err(_) => 0,
        };
        Visits { path, count: AtomicU64::new(count), saved: Mutex::new(count) }
    }

    /// Count one visit; returns its number.
    pub fn hit(&self) -> u64 {
        self.count.fetch_add(1, Ordering::Relaxed) + 1
    }

    pub fn get(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }

    /// Write the counter if it changed since the last write.
    pub fn flush(&self) -> io::Result<()> {
        let mut saved = self.saved.lock().unwrap_or_else(|p| p.into_inner());
        let now = self.get();
        if now != *saved {
            let json = serde_json::to_vec(&VisitsFile { visits: now }).expect("counter serialises");
            write_atomic(&self.path, &json)?;
            *saved = now;
        }
        Ok(())
    }
}

/// Write via a temporary file and a rename, so a snapshot never catches half a file.
fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_is_created_then_reread_and_visits_persist() {
        let dir = std::env::temp_dir().join(format!("kgsports-unit-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let first = load_schedule(&dir).unwrap();
        assert_eq!(first.matches.len(), 8);
        assert!(dir.join("matches.json").exists());
        assert_eq!(load_schedule(&dir).unwrap().matches[0].home, "Real Madrid");

        let v = Visits::load(&dir);
        assert_eq!(v.hit(), 1);
        assert_eq!(v.hit(), 2);
        v.flush().unwrap();
        assert_eq!(Visits::load(&dir).get(), 2);
        fs::remove_dir_all(&dir).unwrap();
    }
}
