//! `homeground`: an AWS-compatible cloud region that really runs on your own servers.
//! This binary is thin: it reads the command line, opens the data dir and wires the crates.

mod bootstrap;
mod cfn_init;
mod cfn_signal;
mod cost_usage;
mod links;
mod report;
mod stand_in;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// An AWS-compatible cloud region that really runs on your own servers.
///
/// `homeground up` starts a whole region in one process: one API endpoint that speaks the AWS
/// protocols (the aws CLI and boto3 work unchanged against it), verifies every SigV4 signature
/// and authorises every request with IAM. Instances and load balancers listen on loopback
/// addresses of their own; serving port 80 there needs root or CAP_NET_BIND_SERVICE.
#[derive(Parser, Debug)]
#[command(name = "homeground", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Start the region in the foreground (SIGINT/SIGTERM stop it cleanly).
    Up(UpArgs),
    /// Signal a CloudFormation resource or wait condition, as AWS's cfn-signal does (on
    /// instances, `cfn-signal` on the PATH runs this).
    CfnSignal(cfn_signal::CfnSignalArgs),
    /// Apply a resource's `AWS::CloudFormation::Init` metadata (files and commands), as AWS's
    /// cfn-init does (on instances, `cfn-init` on the PATH runs this).
    CfnInit(cfn_init::CfnInitArgs),
    /// Reports on the running region (`report match-day --date YYYY-MM-DD`: traffic,
    /// capacity, scaling events and cost of a day, as a table and an SVG picture).
    Report(report::ReportArgs),
    /// What emulator mode's public images run on an instance: an HTTP server on port 80
    /// (`stand-in` on the instance's PATH runs this).
    #[command(hide = true)]
    StandIn(stand_in::StandInArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct UpArgs {
    /// Address of the API endpoint (every service, one port).
    #[arg(long, default_value = "127.0.0.1:4510", env = "HOMEGROUND_LISTEN")]
    pub listen: SocketAddr,

    /// Where the region keeps its state: database, key file, credentials, audit log.
    #[arg(long, default_value = "./.homeground", env = "HOMEGROUND_DATA_DIR")]
    pub data_dir: PathBuf,

    /// The region's name; its availability zones are <region>a … <region>d.
    #[arg(long, default_value = "ap-northeast-2", env = "HOMEGROUND_REGION")]
    pub region: String,

    /// Other regions to serve from the same endpoint, comma-separated (`--regions
    /// eu-west-1,us-east-1`): each has its own zones, ARNs, resources and state (under
    /// <data-dir>/regions/<name>), and a request goes to the region it is signed for. IAM is
    /// the account's, shared by all.
    #[arg(long, value_name = "REGION,…", env = "HOMEGROUND_REGIONS")]
    pub regions: Vec<String>,

    /// Cap the lifetime of every temporary credential (AssumeRole, GetSessionToken) at this
    /// many seconds, whatever the caller asks for.
    #[arg(long, value_name = "SECONDS")]
    pub sts_duration_cap: Option<u64>,

    /// The port of each instance's metadata service, at the instance's own loopback address.
    #[arg(long, default_value_t = 1338)]
    pub imds_port: u16,

    /// EMULATOR MODE, for other people's test suites: accept any well-formed SigV4 signature
    /// as the account root. Never use it for a region that runs anything real.
    #[arg(long)]
    pub accept_any_credentials: bool,

    /// Emulator mode only (with --accept-any-credentials): the account's 12-digit id, as test
    /// suites written for moto (123456789012) or LocalStack (000000000000) expect in ARNs,
    /// instead of one drawn at random on first start. A data dir keeps the account it was made for.
    #[arg(long, value_name = "ID", value_parser = parse_account_id)]
    pub account_id: Option<String>,

    /// SMTP relay for SNS e-mail subscriptions (host name). Without it, e-mail deliveries are
    /// queued and retried, and their failure is logged.
    #[arg(long, value_name = "HOST")]
    pub smtp_host: Option<String>,

    /// The SMTP relay's port.
    #[arg(long, default_value_t = 25)]
    pub smtp_port: u16,

    /// The sender address of SNS mail.
    #[arg(long, default_value = "no-reply@sns.homeground.local")]
    pub smtp_from: String,

    /// Use STARTTLS with the relay.
    #[arg(long)]
    pub smtp_starttls: bool,

    /// SMTP user name; the password is read from HOMEGROUND_SMTP_PASSWORD.
    #[arg(long)]
    pub smtp_user: Option<String>,

    /// PEM certificates SNS trusts for `https` subscriptions, besides the system's roots
    /// (SSL_CERT_FILE / SSL_CERT_DIR are honoured too).
    #[arg(long, value_name = "PEM")]
    pub sns_ca_bundle: Option<std::path::PathBuf>,

    /// Serve every CloudWatch metric at GET /metrics on the endpoint, in Prometheus's text
    /// format and WITHOUT authentication (for a scraper on a trusted network). Off by default.
    #[arg(long)]
    pub prometheus: bool,

    /// How often, in seconds, an application load balancer with access logs on writes its
    /// gathered requests to a log file under <data-dir>/elb-access-logs/<bucket>/… (AWS: 300).
    /// Classic load balancers write at their EmitInterval (5 or 60 minutes), or at this one when
    /// it is shorter than 300 (for tests).
    #[arg(long, default_value_t = 300)]
    pub elb_access_log_interval: u64,

    /// How instances are networked. `isolated`: each VPC is a network namespace of its own that
    /// routes between its instances, each instance runs in a namespace at its real VPC address,
    /// security groups are enforced by nftables (needs root, iproute2 and nftables; when the
    /// host refuses, the daemon says so and falls back to `loopback`). `loopback`: instances
    /// listen on loopback addresses of the daemon's own network (127.b.c.d for a.b.c.d), and
    /// security groups are records that isolate nothing.
    #[arg(long, value_enum, default_value_t = Network::Loopback)]
    pub network: Network,
}

/// An AWS account id: twelve digits.
fn parse_account_id(s: &str) -> Result<String, String> {
    if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.to_string())
    } else {
        Err(format!("'{s}' is not an account id (twelve digits, such as 123456789012)"))
    }
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Network {
    Loopback,
    Isolated,
}

/// mimalloc: per-thread free lists make the many small allocations of a proxied request (header
/// maps, buffers, tasks) cheap; measured beside glibc malloc, ~6% less proxy CPU per request.
/// Built without transparent huge pages (`no_thp`): with them an idle daemon kept ~20 MiB more
/// resident (64 MiB against glibc's 41; 44 without).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let args = match cli.command {
        Command::Up(args) => args,
        Command::CfnSignal(a) => return cfn_signal::run(a),
        Command::CfnInit(a) => return cfn_init::run(a),
        Command::Report(a) => return report::run(a),
        Command::StandIn(a) => return stand_in::run(a),
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("HOMEGROUND_LOG").unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("homeground: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(bootstrap::up(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("homeground: {e}");
            ExitCode::FAILURE
        }
    }
}
