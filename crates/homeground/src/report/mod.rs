//! `homeground report match-day --date YYYY-MM-DD`: one day of the running region in a table on
//! stdout and an SVG picture — traffic (AWS/ApplicationELB RequestCount per hour, from
//! CloudWatch), capacity (instances running, counted each minute from the per-instance
//! AWS/EC2 CPUUtilization samples the region takes every second; each hour's most), the Auto
//! Scaling activities of the day, and what the day cost (Cost Explorer): elastic (what really
//! ran) against peak-provisioned (the day's peak instance count kept all 24 hours).
//!
//! It asks the region's API like any client, SigV4-signed with `<data-dir>/credentials` at the
//! endpoint and region of `<data-dir>/config` (the files `homeground up` writes).

mod client;
mod day;

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{json, Value};

use client::{metric_data, tags, unescape, Client};
pub use day::Day;

#[derive(clap::Args, Debug, Clone)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub report: Report,
}

#[derive(clap::Subcommand, Debug, Clone)]
pub enum Report {
    /// One day: traffic, capacity, scaling events and cost, elastic against peak-provisioned.
    MatchDay(MatchDayArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct MatchDayArgs {
    /// The day (UTC), YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    /// The region's data dir (its `credentials` and `config` files are used).
    #[arg(long, default_value = "./.homeground", env = "HOMEGROUND_DATA_DIR")]
    pub data_dir: PathBuf,
    /// Where the SVG picture goes (default: match-day-<date>.svg).
    #[arg(long)]
    pub svg: Option<PathBuf>,
}

pub fn run(a: ReportArgs) -> ExitCode {
    let Report::MatchDay(args) = a.report;
    match match_day(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("homeground report: {e}");
            ExitCode::FAILURE
        }
    }
}

fn match_day(a: &MatchDayArgs) -> Result<(), String> {
    let start = costexplorer::dates::parse(&a.date)
        .filter(|_| !a.date.contains('T'))
        .ok_or_else(|| format!("--date {} is not a YYYY-MM-DD date", a.date))?;
    let end = start + costexplorer::dates::DAY;
    let client = Client::open(&a.data_dir)?;
    let mut day = Day {
        date: a.date.clone(),
        requests: vec![0.0; 24],
        instances: vec![0.0; 24],
        instance_hours: vec![0.0; 24],
        ec2_cost: vec![0.0; 24],
        other_cost: vec![0.0; 24],
        activities: vec![],
    };

    // Cost: Cost Explorer, hourly, by service.
    let hour_of = |t: &str| costexplorer::dates::parse(t).map(|t| ((t - start) / 3600) as usize);
    let ce = client.json(
        "ce",
        "1.1",
        "AWSInsightsIndexService.GetCostAndUsage",
        &json!({
            "TimePeriod": {"Start": costexplorer::dates::format_time(start), "End": costexplorer::dates::format_time(end)},
            "Granularity": "HOURLY",
            "Metrics": ["UnblendedCost", "UsageQuantity"],
            "GroupBy": [{"Type": "DIMENSION", "Key": "SERVICE"}],
        }),
    )?;
    for r in ce["ResultsByTime"].as_array().into_iter().flatten() {
        let Some(h) = hour_of(r["TimePeriod"]["Start"].as_str().unwrap_or("")).filter(|h| *h < 24) else { continue };
        for g in r["Groups"].as_array().into_iter().flatten() {
            let amount =
                |m: &str| g["Metrics"][m]["Amount"].as_str().and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
            if g["Keys"][0] == costexplorer::prices::EC2_COMPUTE {
                day.instance_hours[h] = amount("UsageQuantity");
                day.ec2_cost[h] = amount("UnblendedCost");
            } else {
                day.other_cost[h] += amount("UnblendedCost");
            }
        }
    }

    // Capacity: the instances that have a CPU sample (the region samples every running one
    // each second) — at each second where CloudWatch still keeps seconds (3 hours), else in
    // each minute; each hour's most.
    let listed = client.json(
        "monitoring",
        "1.0",
        "GraniteServiceVersion20100801.ListMetrics",
        &json!({"Namespace": "AWS/EC2", "MetricName": "CPUUtilization"}),
    )?;
    let per_instance: Vec<Value> = listed["Metrics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["Dimensions"].as_array().is_some_and(|d| d.len() == 1 && d[0]["Name"] == "InstanceId"))
        .cloned()
        .collect();
    let mut minutes = vec![0u32; 24 * 60];
    let mut seconds = vec![0u32; 24 * 3600];
    for chunk in per_instance.chunks(20) {
        for (period, counts) in [(60, &mut minutes), (1, &mut seconds)] {
            let queries: Vec<Value> = chunk
                .iter()
                .enumerate()
                .map(|(i, m)| json!({"Id": format!("i{i}"), "MetricStat": {"Metric": m, "Period": period, "Stat": "SampleCount"}}))
                .collect();
            for series in metric_data(&client, &queries, start, end)? {
                for (t, v) in series {
                    let k = ((t as i64 - start) / period) as usize;
                    if v > 0.0 && k < counts.len() {
                        counts[k] += 1;
                    }
                }
            }
        }
    }
    for (m, count) in minutes.iter_mut().enumerate() {
        let exact = seconds[m * 60..(m + 1) * 60].iter().copied().max().unwrap_or(0);
        if exact > 0 {
            *count = exact;
        }
    }
    for h in 0..24 {
        day.instances[h] = minutes[h * 60..(h + 1) * 60].iter().copied().max().unwrap_or(0) as f64;
    }

    // Traffic: every load balancer's RequestCount (the per-load-balancer series only).
    let listed = client.json(
        "monitoring",
        "1.0",
        "GraniteServiceVersion20100801.ListMetrics",
        &json!({"Namespace": "AWS/ApplicationELB", "MetricName": "RequestCount"}),
    )?;
    let mut queries = Vec::new();
    for m in listed["Metrics"].as_array().into_iter().flatten() {
        let dims = m["Dimensions"].as_array().cloned().unwrap_or_default();
        if dims.len() == 1 && dims[0]["Name"] == "LoadBalancer" {
            queries.push(json!({
                "Id": format!("m{}", queries.len() % 100),
                "MetricStat": {"Metric": m, "Period": 3600, "Stat": "Sum"},
            }));
        }
    }
    for chunk in queries.chunks(100) {
        for series in metric_data(&client, chunk, start, end)? {
            for (t, v) in series {
                let h = ((t as i64 - start) / 3600) as usize;
                if h < 24 {
                    day.requests[h] += v;
                }
            }
        }
    }

    // Scaling events: the day's Auto Scaling activities (newest first, as AWS lists them).
    let mut token = String::new();
    for _ in 0..50 {
        let mut params =
            vec![("Action", "DescribeScalingActivities"), ("Version", "2011-01-01"), ("MaxRecords", "100")];
        if !token.is_empty() {
            params.push(("NextToken", token.as_str()));
        }
        let xml = client.query("autoscaling", &params)?;
        for m in tags(&xml, "member") {
            let field = |t: &str| tags(m, t).first().map(|x| unescape(x)).unwrap_or_default();
            let t = field("StartTime");
            let Some(at) = t.get(..19).and_then(|x| costexplorer::dates::parse(&format!("{x}Z"))) else { continue };
            if (start..end).contains(&at) {
                day.activities.push((t, field("AutoScalingGroupName"), field("StatusCode"), field("Description")));
            }
        }
        match tags(&xml, "NextToken").first() {
            Some(t) if !t.is_empty() => token = unescape(t),
            _ => break,
        }
    }
    day.activities.sort();

    let path = a.svg.clone().unwrap_or_else(|| PathBuf::from(format!("match-day-{}.svg", a.date)));
    std::fs::write(&path, day.svg()).map_err(|e| format!("writing {}: {e}", path.display()))?;
    print!("{}", day.table());
    println!("picture: {}", path.display());
    Ok(())
}
