//! KG SPORTS web: homeground's reference workload. A small web service for KG SPORTS' UEFA
//! Champions League streaming — the match list (`/`), the fixtures as JSON (`/api/matches`),
//! live scores over server-sent events (`/live`), a health endpoint (`/health`) and a CPU burner
//! (`/cpu?ms=N`). Every page view does real CPU work, so load shows in CPUUtilization; fixtures
//! and a visit counter live in a data directory, so an AMI backup and restore is visible; the
//! instance identity comes from the EC2 instance metadata service, so a load balancer test can
//! see which instance answered. One log line per request goes to stdout (the console log).

mod imds;
mod live;
mod matches;
mod server;
mod work;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;

#[derive(Parser)]
#[command(
    name = "kgsports",
    version,
    about = "KG SPORTS web: match list, live scores (SSE), health, CPU work per view"
)]
struct Args {
    /// Address to listen on; port 0 picks a free port (the banner shows the one bound).
    #[arg(long, env = "KGSPORTS_LISTEN", default_value = "0.0.0.0:8080")]
    listen: SocketAddr,
    /// Directory for matches.json and visits.json (created if missing).
    #[arg(long, env = "KGSPORTS_DATA", default_value = "./data")]
    data_dir: PathBuf,
    /// Milliseconds of CPU work per page view (calibrated at start; 0 for none).
    #[arg(long, env = "KGSPORTS_WORK_MS", default_value_t = 2.0)]
    work_ms: f64,
    /// Milliseconds per simulated match minute (and between live score events).
    #[arg(long, env = "KGSPORTS_TICK_MS", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(10..=3_600_000))]
    tick_ms: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    if !(args.work_ms.is_finite() && (0.0..=10_000.0).contains(&args.work_ms)) {
        eprintln!("KGSPORTS_WORK_MS must be between 0 and 10000");
        return ExitCode::from(2);
    }
    let schedule = match matches::load_schedule(&args.data_dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("KG SPORTS web cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    let visits = matches::Visits::load(&args.data_dir);
    let work = tokio::task::spawn_blocking(work::Work::calibrate).await.expect("calibration does not panic");
    let listener = match tokio::net::TcpListener::bind(args.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("KG SPORTS web cannot listen on {}: {e}", args.listen);
            return ExitCode::from(1);
        }
    };
    let bound = listener.local_addr().unwrap_or(args.listen);
    let identity = imds::discover().await;
    println!(
        "KG SPORTS web starting on {bound} (instance {}, zone {}, data {}, {} fixtures, {} visits, {:.0} rounds/ms)",
        identity.instance_id,
        identity.az,
        args.data_dir.display(),
        schedule.matches.len(),
        visits.get(),
        work.rounds_per_ms()
    );

    let mut app = server::App::new(schedule, visits, identity, work, args.work_ms, args.tick_ms);
    app.unhealthy_flag = Some(args.data_dir.join("unhealthy"));
    let app = Arc::new(app);
    let flusher = {
        let app = app.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(1));
            loop {
                every.tick().await;
                let app = app.clone();
                if let Ok(Err(e)) = tokio::task::spawn_blocking(move || app.visits.flush()).await {
                    eprintln!("cannot save the visit counter: {e}");
                }
            }
        })
    };
    server::serve(listener, app.clone(), shutdown_signal()).await;
    flusher.abort();
    if let Err(e) = app.visits.flush() {
        eprintln!("cannot save the visit counter: {e}");
    }
    println!("{} KG SPORTS web stopped (visit counter {})", server::timestamp(), app.visits.get());
    ExitCode::SUCCESS
}

/// Resolves on SIGTERM or SIGINT.
async fn shutdown_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = match signal(SignalKind::terminate()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot listen for SIGTERM: {e}");
            let _ = tokio::signal::ctrl_c().await;
            return;
        }
    };
    tokio::select! {
        _ = term.recv() => println!("{} SIGTERM received; shutting down", server::timestamp()),
        _ = tokio::signal::ctrl_c() => println!("{} SIGINT received; shutting down", server::timestamp()),
    }
}
