//! The price list: AWS's on-demand prices (USD per hour, Linux, us-east-1) for what this region
//! serves, embedded as the default, which the operator may override from
//! `<data-dir>/ce/prices.json` (same shape, any subset of it), plus the operator's own figure
//! for a host-hour of the server the region runs on. And the step from the resources the
//! services report to priced `Usage` lines with Cost Explorer's names. Pure.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::cost::Usage;

/// AWS's on-demand prices, us-east-1, as of 2024–2026 (USD per hour).
pub const DEFAULT_PRICES: &str = r#"{
  "instance_hour": {
    "t2.nano": 0.0058, "t2.micro": 0.0116, "t2.small": 0.023, "t2.medium": 0.0464, "t2.large": 0.0928,
    "t3.nano": 0.0052, "t3.micro": 0.0104, "t3.small": 0.0208, "t3.medium": 0.0416, "t3.large": 0.0832,
    "m5.large": 0.096, "m5.xlarge": 0.192, "c5.large": 0.085, "c5.xlarge": 0.17, "m1.small": 0.044
  },
  "load_balancer_hour": { "application": 0.0225, "network": 0.0225, "gateway": 0.0125, "classic": 0.025 },
  "db_instance_hour": {
    "mysql": { "db.t3.micro": 0.017, "db.t3.small": 0.034, "db.t3.medium": 0.068, "db.t3.large": 0.136,
               "db.m5.large": 0.171, "db.m5.xlarge": 0.342 },
    "postgres": { "db.t3.micro": 0.018, "db.t3.small": 0.036, "db.t3.medium": 0.072, "db.t3.large": 0.145,
                  "db.m5.large": 0.178, "db.m5.xlarge": 0.356 }
  },
  "volume_gb_month": { "gp2": 0.10, "gp3": 0.08, "io1": 0.125, "io2": 0.125, "st1": 0.045, "sc1": 0.015,
                       "standard": 0.05 },
  "snapshot_gb_month": 0.05,
  "host_hour": 0.0
}"#;

/// The hours of a month in AWS's GB-month (storage is billed by the second, a month counting 730 h).
pub const MONTH_HOURS: f64 = 730.0;

/// What each kind of usage costs per hour.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PriceList {
    /// EC2 instance type → USD per instance-hour.
    #[serde(default)]
    pub instance_hour: BTreeMap<String, f64>,
    /// Load balancer type (`application`, `network`, `gateway`, `classic`) → USD per hour.
    #[serde(default)]
    pub load_balancer_hour: BTreeMap<String, f64>,
    /// Engine (`mysql`, `postgres`) → DB instance class → USD per hour.
    #[serde(default)]
    pub db_instance_hour: BTreeMap<String, BTreeMap<String, f64>>,
    /// EBS volume type → USD per GB-month.
    #[serde(default)]
    pub volume_gb_month: BTreeMap<String, f64>,
    /// USD per GB-month of EBS snapshot storage (what each snapshot's increment stored).
    #[serde(default)]
    pub snapshot_gb_month: Option<f64>,
    /// The operator's own cost of one host-hour of the server the region runs on (power,
    /// hardware, rent), reported as its own service line while the region runs. 0: none.
    #[serde(default)]
    pub host_hour: Option<f64>,
}

impl PriceList {
    /// The shipped list.
    pub fn aws_default() -> PriceList {
        serde_json::from_str(DEFAULT_PRICES).expect("the embedded price list parses")
    }

    /// The default with the operator's file laid over it (each figure it names replaces
    /// the default's).
    pub fn with_overrides(json: &str) -> Result<PriceList, String> {
        let over: PriceList = serde_json::from_str(json).map_err(|e| format!("the price list does not parse: {e}"))?;
        let mut p = PriceList::aws_default();
        p.instance_hour.extend(over.instance_hour);
        p.load_balancer_hour.extend(over.load_balancer_hour);
        p.volume_gb_month.extend(over.volume_gb_month);
        for (engine, classes) in over.db_instance_hour {
            p.db_instance_hour.entry(engine).or_default().extend(classes);
        }
        if over.snapshot_gb_month.is_some() {
            p.snapshot_gb_month = over.snapshot_gb_month;
        }
        if over.host_hour.is_some() {
            p.host_hour = over.host_hour;
        }
        Ok(p)
    }
}

/// What a service reports it ran.
#[derive(Debug, Clone, PartialEq)]
pub enum ResourceKind {
    /// An EC2 instance of this instance type.
    Instance { instance_type: String },
    /// A load balancer of this type (`application`, `network`, `gateway`, `classic`).
    LoadBalancer { lb_type: String },
    /// An RDS DB instance of this class and engine.
    DbInstance { class: String, engine: String },
    /// An EBS volume of this type and size (GiB).
    Volume { volume_type: String, size_gb: f64 },
    /// An EBS snapshot that stored this much (GB: its increment).
    Snapshot { stored_gb: f64 },
    /// The region's host itself.
    Host,
}

/// One resource and the periods it ran ([start, end), `None`: still running).
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub kind: ResourceKind,
    pub id: String,
    pub az: String,
    pub tags: Vec<(String, String)>,
    pub periods: Vec<(f64, Option<f64>)>,
}

pub const EC2_COMPUTE: &str = "Amazon Elastic Compute Cloud - Compute";
pub const ELB: &str = "Amazon Elastic Load Balancing";
pub const RDS: &str = "Amazon Relational Database Service";
pub const EC2_OTHER: &str = "EC2 - Other";
pub const HOST: &str = "Homeground - Host";

/// The prefix AWS puts on a region's usage types (none for us-east-1).
fn usage_prefix(region: &str) -> &'static str {
    match region {
        "us-east-1" => "",
        "us-east-2" => "USE2-",
        "us-west-1" => "USW1-",
        "us-west-2" => "USW2-",
        "eu-west-1" => "EU-",
        "eu-central-1" => "EUC1-",
        "ap-northeast-1" => "APN1-",
        "ap-northeast-2" => "APN2-",
        "ap-southeast-1" => "APS1-",
        "ap-southeast-2" => "APS2-",
        _ => "",
    }
}

/// AWS's normalization factor of an instance size (for NormalizedUsageAmount).
fn normalization(instance_type: &str) -> f64 {
    let size = instance_type.rsplit('.').next().unwrap_or("");
    match size {
        "nano" => 0.25,
        "micro" => 0.5,
        "small" => 1.0,
        "medium" => 2.0,
        "large" => 4.0,
        "xlarge" => 8.0,
        s => s.strip_suffix("xlarge").and_then(|n| n.parse::<f64>().ok()).map_or(1.0, |n| 8.0 * n),
    }
}

/// Price what ran. Something the list has no price for costs 0 (its hours still count).
pub fn price(resources: &[Resource], prices: &PriceList, region: &str) -> Vec<Usage> {
    let p = usage_prefix(region);
    resources
        .iter()
        .map(|r| {
            let (mut quantity_per_hour, mut unit) = (1.0, "Hrs");
            let (service, usage_type, instance_type, operation, rate, norm) = match &r.kind {
                ResourceKind::Instance { instance_type } => (
                    EC2_COMPUTE,
                    format!("{p}BoxUsage:{instance_type}"),
                    instance_type.clone(),
                    "RunInstances".to_string(),
                    prices.instance_hour.get(instance_type).copied(),
                    normalization(instance_type),
                ),
                ResourceKind::LoadBalancer { lb_type } => {
                    let op = match lb_type.as_str() {
                        "network" => "LoadBalancing:Network",
                        "gateway" => "LoadBalancing:Gateway",
                        "classic" => "LoadBalancing",
                        _ => "LoadBalancing:Application",
                    };
                    let rate = prices.load_balancer_hour.get(lb_type).copied();
                    (ELB, format!("{p}LoadBalancerUsage"), String::new(), op.to_string(), rate, 1.0)
                }
                ResourceKind::DbInstance { class, engine } => {
                    let family = if engine.starts_with("postgres") { "postgres" } else { "mysql" };
                    (
                        RDS,
                        format!("{p}InstanceUsage:{class}"),
                        class.clone(),
                        format!("CreateDBInstance:{}", if family == "postgres" { "0014" } else { "0002" }),
                        prices.db_instance_hour.get(family).and_then(|c| c.get(class)).copied(),
                        normalization(class),
                    )
                }
                ResourceKind::Volume { volume_type, size_gb } => {
                    (quantity_per_hour, unit) = (size_gb / MONTH_HOURS, "GB-Mo");
                    let usage = if volume_type == "standard" { String::new() } else { format!(".{volume_type}") };
                    let mut op: Vec<char> = volume_type.chars().collect();
                    if let Some(c) = op.first_mut() {
                        *c = c.to_ascii_uppercase();
                    }
                    let rate = prices.volume_gb_month.get(volume_type).map(|p| p * size_gb / MONTH_HOURS);
                    let op = format!("CreateVolume-{}", op.into_iter().collect::<String>());
                    (EC2_OTHER, format!("{p}EBS:VolumeUsage{usage}"), String::new(), op, rate, 0.0)
                }
                ResourceKind::Snapshot { stored_gb } => {
                    (quantity_per_hour, unit) = (stored_gb / MONTH_HOURS, "GB-Mo");
                    let rate = prices.snapshot_gb_month.map(|p| p * stored_gb / MONTH_HOURS);
                    (EC2_OTHER, format!("{p}EBS:SnapshotUsage"), String::new(), "CreateSnapshot".into(), rate, 0.0)
                }
                ResourceKind::Host => {
                    (HOST, "HostHour".to_string(), String::new(), String::new(), prices.host_hour, 1.0)
                }
            };
            Usage {
                service: service.to_string(),
                usage_type,
                instance_type,
                operation,
                az: r.az.clone(),
                region: region.to_string(),
                resource_id: r.id.clone(),
                tags: r.tags.clone(),
                price_per_hour: rate.unwrap_or(0.0),
                quantity_per_hour,
                unit,
                normalization: norm,
                periods: r.periods.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_list_and_an_operator_override() {
        let d = PriceList::aws_default();
        assert_eq!(d.instance_hour["t3.micro"], 0.0104);
        assert_eq!(d.db_instance_hour["mysql"]["db.t3.micro"], 0.017);
        let p = PriceList::with_overrides(r#"{"instance_hour": {"t3.micro": 0.02}, "host_hour": 0.05}"#).unwrap();
        assert_eq!(p.instance_hour["t3.micro"], 0.02);
        assert_eq!(p.instance_hour["t3.nano"], 0.0052);
        assert_eq!(p.host_hour, Some(0.05));
        assert!(PriceList::with_overrides(r#"{"instance_hours": {}}"#).is_err());
    }

    #[test]
    fn snapshots_are_billed_by_what_they_stored() {
        let r = Resource {
            kind: ResourceKind::Snapshot { stored_gb: 7.3 },
            id: "snap-1".into(),
            az: String::new(),
            tags: vec![],
            periods: vec![(0.0, Some(3600.0))],
        };
        let u = &price(&[r], &PriceList::aws_default(), "ap-northeast-2")[0];
        assert_eq!(
            (u.service.as_str(), u.usage_type.as_str(), u.unit),
            ("EC2 - Other", "APN2-EBS:SnapshotUsage", "GB-Mo")
        );
        assert!((u.quantity_per_hour - 0.01).abs() < 1e-12, "7.3 GB for an hour is 0.01 GB-month");
        assert!((u.price_per_hour - 0.0005).abs() < 1e-12, "at 0.05 USD per GB-month");
        let free = PriceList::with_overrides(r#"{"snapshot_gb_month": 0.0}"#).unwrap();
        assert_eq!(free.snapshot_gb_month, Some(0.0));
    }

    #[test]
    fn resources_get_cost_explorer_names() {
        let r = |kind| Resource { kind, id: "x".into(), az: "ap-northeast-2a".into(), tags: vec![], periods: vec![] };
        let u = price(
            &[
                r(ResourceKind::Instance { instance_type: "t3.micro".into() }),
                r(ResourceKind::LoadBalancer { lb_type: "application".into() }),
                r(ResourceKind::DbInstance { class: "db.t3.micro".into(), engine: "postgres".into() }),
                r(ResourceKind::Instance { instance_type: "z9.huge".into() }),
                r(ResourceKind::Volume { volume_type: "gp3".into(), size_gb: 100.0 }),
            ],
            &PriceList::aws_default(),
            "ap-northeast-2",
        );
        assert_eq!(
            (u[0].service.as_str(), u[0].usage_type.as_str(), u[0].price_per_hour),
            (EC2_COMPUTE, "APN2-BoxUsage:t3.micro", 0.0104)
        );
        assert_eq!(u[0].normalization, 0.5);
        assert_eq!(
            (u[1].service.as_str(), u[1].usage_type.as_str(), u[1].price_per_hour),
            (ELB, "APN2-LoadBalancerUsage", 0.0225)
        );
        assert_eq!(
            (u[2].service.as_str(), u[2].instance_type.as_str(), u[2].price_per_hour),
            (RDS, "db.t3.micro", 0.018)
        );
        assert_eq!(u[3].price_per_hour, 0.0);
        // 100 GB of gp3 for 730 h: 100 GB-Mo, 8 USD.
        assert_eq!(
            (u[4].service.as_str(), u[4].usage_type.as_str(), u[4].operation.as_str()),
            (EC2_OTHER, "APN2-EBS:VolumeUsage.gp3", "CreateVolume-Gp3")
        );
        assert_eq!(u[4].unit, "GB-Mo");
        assert!((u[4].quantity_per_hour * MONTH_HOURS - 100.0).abs() < 1e-9);
        assert!((u[4].price_per_hour * MONTH_HOURS - 8.0).abs() < 1e-9);
    }
}
