//! `homeground report match-day --date YYYY-MM-DD`: one day of the running region in a table on
//! stdout and an SVG picture — traffic (AWS/ApplicationELB RequestCount per hour, from
//! CloudWatch), capacity (instances running, counted each minute from the per-instance
//! AWS/EC2 CPUUtilization samples the region takes every second; each hour's most), the Auto
//! Scaling activities of the day, and what the day cost (Cost Explorer): elastic (what really
//! ran) against peak-provisioned (the day's peak instance count kept all 24 hours).
//!
//! It asks the region's API like any client, SigV4-signed with `<data-dir>/credentials` at the
//! endpoint and region of `<data-dir>/config` (the files `homeground up` writes).

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{json, Value};

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

/// The day's figures, hour by hour (24 entries each).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Day {
    pub date: String,
    pub requests: Vec<f64>,
    /// The most EC2 instances running at once in each hour (counted by the minute).
    pub instances: Vec<f64>,
    /// EC2 instance-hours in each hour (Cost Explorer's UsageQuantity).
    pub instance_hours: Vec<f64>,
    /// EC2 compute cost per hour.
    pub ec2_cost: Vec<f64>,
    /// Everything else's cost per hour (load balancers, databases, the host).
    pub other_cost: Vec<f64>,
    /// (time, group, status, description) of the day's Auto Scaling activities.
    pub activities: Vec<(String, String, String, String)>,
}

/// What the day cost, and what the same peak would have cost provisioned all day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Costs {
    pub elastic: f64,
    pub peak_instances: u64,
    pub peak_provisioned: f64,
}

impl Day {
    pub fn costs(&self) -> Costs {
        let elastic: f64 = self.ec2_cost.iter().chain(&self.other_cost).sum();
        // The fixed fleet: the peak count all day, at the day's mean price of an instance-hour.
        let peak_instances = self.instances.iter().copied().fold(0.0, f64::max).round() as u64;
        let (ec2, hours): (f64, f64) = (self.ec2_cost.iter().sum(), self.instance_hours.iter().sum());
        let per_instance_hour = if hours > 0.0 { ec2 / hours } else { 0.0 };
        let other: f64 = self.other_cost.iter().sum();
        Costs { elastic, peak_instances, peak_provisioned: peak_instances as f64 * 24.0 * per_instance_hour + other }
    }

    /// The text table.
    pub fn table(&self) -> String {
        let mut out = format!("Match day {} (UTC)\n", self.date);
        out.push_str(&format!(
            "{:<7}{:>12}{:>12}{:>14}{:>14}\n",
            "hour", "requests", "instances", "ec2 cost $", "other cost $"
        ));
        for h in 0..24 {
            out.push_str(&format!(
                "{:02}:00{:>14}{:>12.2}{:>14.4}{:>14.4}\n",
                h, self.requests[h] as u64, self.instances[h], self.ec2_cost[h], self.other_cost[h]
            ));
        }
        let total_requests: f64 = self.requests.iter().sum();
        let instance_hours: f64 = self.instance_hours.iter().sum();
        out.push_str(&format!("requests: {}   instance-hours: {:.4}\n", total_requests as u64, instance_hours));
        out.push_str(&format!("scaling events: {}\n", self.activities.len()));
        for (t, g, status, d) in &self.activities {
            out.push_str(&format!("  {t}  {g}  {status}  {d}\n"));
        }
        let c = self.costs();
        out.push_str(&format!("{:<34}{:>12}\n", "cost", "USD"));
        out.push_str(&format!("{:<34}{:>12.4}\n", "elastic (what really ran)", c.elastic));
        out.push_str(&format!(
            "{:<34}{:>12.4}\n",
            format!("peak-provisioned ({} x 24 h)", c.peak_instances),
            c.peak_provisioned
        ));
        out.push_str(&format!("{:<34}{:>12.4}\n", "saved by scaling", c.peak_provisioned - c.elastic));
        out
    }

    /// The picture: requests per hour (bars), instances per hour (line), and the cumulative
    /// cost of the day elastic against peak-provisioned (lines).
    pub fn svg(&self) -> String {
        let (w, ph, left) = (960.0, 200.0, 70.0);
        let plot_w = w - left - 20.0;
        let x = |h: f64| left + h * plot_w / 24.0;
        let mut s = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{}\" font-family=\"sans-serif\" font-size=\"12\">\n",
            3.0 * (ph + 40.0) + 40.0
        );
        s.push_str(&format!("<title>Match day {}</title>\n", esc(&self.date)));
        s.push_str(&format!(
            "<text x=\"{left}\" y=\"20\" font-size=\"16\">Match day {} (UTC)</text>\n",
            esc(&self.date)
        ));
        let c = self.costs();
        let mut elastic = Vec::with_capacity(25);
        let mut peak = Vec::with_capacity(25);
        let (mut e, mut p) = (0.0, 0.0);
        let per_hour_peak = c.peak_provisioned / 24.0;
        elastic.push(0.0);
        peak.push(0.0);
        for h in 0..24 {
            e += self.ec2_cost[h] + self.other_cost[h];
            p += per_hour_peak;
            elastic.push(e);
            peak.push(p);
        }
        let panels: [(&str, &str, Vec<Series>); 3] = [
            ("traffic", "requests per hour", vec![("requests", "#4a7fb5", self.requests.clone(), true)]),
            ("capacity", "instances in service", vec![("instances", "#2e9c5a", self.instances.clone(), false)]),
            (
                "cost",
                "cost of the day so far (USD)",
                vec![("cost-elastic", "#d9822b", elastic, false), ("cost-peak", "#b03a48", peak, false)],
            ),
        ];
        for (i, (id, title, series)) in panels.iter().enumerate() {
            let top = 40.0 + i as f64 * (ph + 40.0);
            let base = top + ph;
            let max = series.iter().flat_map(|(_, _, v, _)| v.iter().copied()).fold(0.0, f64::max).max(1e-9);
            let y = |v: f64| base - v / max * (ph - 20.0);
            s.push_str(&format!("<g id=\"panel-{id}\">\n"));
            s.push_str(&format!("<text x=\"{left}\" y=\"{}\">{}</text>\n", top + 12.0, esc(title)));
            s.push_str(&format!(
                "<line x1=\"{left}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#444\"/>\n<line x1=\"{left}\" y1=\"{}\" x2=\"{left}\" y2=\"{base}\" stroke=\"#444\"/>\n",
                left + plot_w,
                top + 20.0
            ));
            s.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
                left - 4.0,
                top + 24.0,
                fmt(max)
            ));
            for h in (0..=24).step_by(3) {
                s.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{h:02}h</text>\n",
                    x(h as f64),
                    base + 14.0
                ));
            }
            for (sid, colour, values, bars) in series {
                s.push_str(&format!(
                    "<g id=\"{sid}\" class=\"series\" data-values=\"{}\">\n",
                    values.iter().map(|v| fmt(*v)).collect::<Vec<_>>().join(" ")
                ));
                if *bars {
                    for (h, v) in values.iter().enumerate() {
                        let bw = plot_w / 24.0 - 2.0;
                        s.push_str(&format!(
                            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"{colour}\"/>\n",
                            x(h as f64) + 1.0,
                            y(*v),
                            base - y(*v)
                        ));
                    }
                } else {
                    // Hourly values sit mid-hour; cumulative series (25 points) on the hours.
                    let offset = if values.len() == 24 { 0.5 } else { 0.0 };
                    let pts: Vec<String> = values
                        .iter()
                        .enumerate()
                        .map(|(h, v)| format!("{:.1},{:.1}", x(h as f64 + offset), y(*v)))
                        .collect();
                    s.push_str(&format!(
                        "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>\n",
                        pts.join(" ")
                    ));
                }
                s.push_str("</g>\n");
            }
            if *id == "cost" {
                s.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#d9822b\">elastic {:.4} USD</text>\n<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#b03a48\">peak-provisioned {:.4} USD ({} x 24 h)</text>\n",
                    left + plot_w, top + 12.0, c.elastic, left + plot_w, top + 28.0, c.peak_provisioned, c.peak_instances
                ));
            }
            s.push_str("</g>\n");
        }
        s.push_str("</svg>\n");
        s
    }
}

/// One drawn series: its id, colour, values and whether it is drawn as bars.
type Series<'a> = (&'a str, &'a str, Vec<f64>, bool);

fn fmt(v: f64) -> String {
    costexplorer::cost::amount_text(v)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The region's endpoint, region and credentials from the data dir's client files.
struct Client {
    endpoint: String,
    region: String,
    key: String,
    secret: String,
}

fn ini_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let (k, v) = l.split_once('=')?;
        (k.trim() == key).then(|| v.trim().to_string())
    })
}

impl Client {
    fn open(dir: &std::path::Path) -> Result<Client, String> {
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name)).map_err(|e| format!("reading {}: {e}", dir.join(name).display()))
        };
        let (creds, config) = (read("credentials")?, read("config")?);
        let need =
            |text: &str, k: &str| ini_value(text, k).ok_or_else(|| format!("no {k} in the data dir's client files"));
        Ok(Client {
            endpoint: need(&config, "endpoint_url")?,
            region: need(&config, "region")?,
            key: need(&creds, "aws_access_key_id")?,
            secret: need(&creds, "aws_secret_access_key")?,
        })
    }

    /// One signed POST: (status, body).
    fn post(&self, service: &str, extra: &[(&str, &str)], body: &[u8]) -> Result<(u16, String), String> {
        let (host, _, _) = crate::cfn_signal::split_url(&self.endpoint)?;
        let date = sigv4::format_amz_date(time::OffsetDateTime::now_utc());
        let mut headers: Vec<(&str, &str)> = vec![("host", host.as_str()), ("x-amz-date", date.as_str())];
        headers.extend_from_slice(extra);
        let names: Vec<&str> = headers.iter().map(|(k, _)| *k).collect();
        let req = sigv4::HttpRequest { method: "POST", path: "/", query: "", headers: &headers, body };
        let auth = sigv4::sign_for_tests(&req, &self.key, &self.secret, &self.region, service, &names)
            .map_err(|e| format!("signing: {}", e.message()))?;
        headers.push(("authorization", auth.as_str()));
        crate::cfn_signal::http("POST", &format!("{}/", self.endpoint.trim_end_matches('/')), &headers, body)
    }

    fn json(&self, service: &str, version: &str, target: &str, input: &Value) -> Result<Value, String> {
        let content_type = format!("application/x-amz-json-{version}");
        let headers = [("content-type", content_type.as_str()), ("x-amz-target", target)];
        let (code, body) = self.post(service, &headers, input.to_string().as_bytes())?;
        let v: Value = serde_json::from_str(&body).map_err(|_| format!("{target}: HTTP {code}: {body}"))?;
        if code != 200 {
            return Err(format!(
                "{target}: {} {} (HTTP {code})",
                v["__type"],
                v["message"].as_str().or(v["Message"].as_str()).unwrap_or("")
            ));
        }
        Ok(v)
    }

    fn query(&self, service: &str, params: &[(&str, &str)]) -> Result<String, String> {
        let mut form = form_urlencoded::Serializer::new(String::new());
        for (k, v) in params {
            form.append_pair(k, v);
        }
        let body = form.finish();
        let headers = [("content-type", "application/x-www-form-urlencoded; charset=utf-8")];
        let (code, answer) = self.post(service, &headers, body.as_bytes())?;
        if code != 200 {
            return Err(format!("{service} {}: HTTP {code}: {answer}", params[0].1));
        }
        Ok(answer)
    }
}

/// The text of each `<tag>` in an XML fragment, in order.
fn tags<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(open.as_str()).skip(1).filter_map(|p| p.split(close.as_str()).next()).collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// GetMetricData over [start, end), every page: each query's (timestamp, value) pairs, in the
/// queries' order (their Ids are a letter and their index).
fn metric_data(client: &Client, queries: &[Value], start: i64, end: i64) -> Result<Vec<Vec<(f64, f64)>>, String> {
    let mut out = vec![Vec::new(); queries.len()];
    let mut token: Option<String> = None;
    loop {
        let mut input = json!({"MetricDataQueries": queries, "StartTime": start, "EndTime": end});
        if let Some(t) = &token {
            input["NextToken"] = json!(t);
        }
        let data = client.json("monitoring", "1.0", "GraniteServiceVersion20100801.GetMetricData", &input)?;
        for r in data["MetricDataResults"].as_array().into_iter().flatten() {
            let Some(i) = r["Id"].as_str().and_then(|id| id.get(1..)).and_then(|n| n.parse::<usize>().ok()) else {
                continue;
            };
            let ts = r["Timestamps"].as_array().cloned().unwrap_or_default();
            let vs = r["Values"].as_array().cloned().unwrap_or_default();
            if let Some(series) = out.get_mut(i) {
                series.extend(ts.iter().zip(&vs).filter_map(|(t, v)| Some((t.as_f64()?, v.as_f64()?))));
            }
        }
        match data["NextToken"].as_str() {
            Some(t) if !t.is_empty() => token = Some(t.to_string()),
            _ => return Ok(out),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> Day {
        let mut d = Day {
            date: "2026-12-07".into(),
            requests: vec![0.0; 24],
            instances: vec![0.0; 24],
            instance_hours: vec![0.0; 24],
            ec2_cost: vec![0.0; 24],
            other_cost: vec![0.0225; 24],
            activities: vec![(
                "2026-12-07T19:00:00Z".into(),
                "web".into(),
                "Successful".into(),
                "Launching a new EC2 instance: i-1 & co".into(),
            )],
        };
        for h in 0..24 {
            let n = if (18..21).contains(&h) { 4.0 } else { 1.0 };
            d.instances[h] = n;
            d.instance_hours[h] = n;
            d.ec2_cost[h] = n * 0.0104;
            d.requests[h] = n * 1000.0;
        }
        d
    }

    #[test]
    fn elastic_against_peak_provisioned() {
        let c = day().costs();
        assert_eq!(c.peak_instances, 4);
        assert!((c.elastic - (33.0 * 0.0104 + 24.0 * 0.0225)).abs() < 1e-9);
        assert!((c.peak_provisioned - (4.0 * 24.0 * 0.0104 + 24.0 * 0.0225)).abs() < 1e-9);
        let t = day().table();
        assert!(t.contains("elastic (what really ran)"));
        assert!(t.contains("peak-provisioned (4 x 24 h)"));
        assert!(t.contains("i-1 & co"));
    }

    #[test]
    fn the_picture_names_its_series() {
        let svg = day().svg();
        for id in ["id=\"requests\"", "id=\"instances\"", "id=\"cost-elastic\"", "id=\"cost-peak\""] {
            assert!(svg.contains(id), "{id}");
        }
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(tags("<a><member><b>1</b></member><member><b>2</b></member></a>", "b"), vec!["1", "2"]);
    }
}
