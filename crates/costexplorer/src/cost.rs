//! The cost model, pure and clock-injected: usage lines (a priced resource and the periods it
//! ran) × their hourly price → amounts per time bucket (HOURLY / DAILY / MONTHLY) and group
//! (dimensions, tags), and the forecast of a future period from the recent run rate.
//!
//! Everything here is billed by the second, as EC2, ELB and RDS bill on-demand Linux usage:
//! a period from 10:00:00 to 13:30:15 is 12,615 s = 3.5041666… h, and costs that × the hourly
//! price. A period still open is counted up to `now`.

use std::collections::BTreeMap;

use crate::dates::{next_month, DAY, HOUR};

/// One priced resource and when it ran: the unit Cost Explorer's dimensions describe.
#[derive(Debug, Clone, PartialEq)]
pub struct Usage {
    /// Cost Explorer's service name ("Amazon Elastic Compute Cloud - Compute").
    pub service: String,
    /// `BoxUsage:t3.micro`, `APN2-LoadBalancerUsage`, `InstanceUsage:db.t3.micro` …
    pub usage_type: String,
    /// EC2's instance type or RDS's DB instance class; empty for the others.
    pub instance_type: String,
    pub operation: String,
    pub az: String,
    pub region: String,
    pub resource_id: String,
    pub tags: Vec<(String, String)>,
    /// USD per hour.
    pub price_per_hour: f64,
    /// Usage quantity per hour run, in `unit`: 1 for instance-hours ("Hrs"); a volume's GB ÷
    /// 730 for storage ("GB-Mo", AWS's GB-months of a 730-hour month).
    pub quantity_per_hour: f64,
    pub unit: &'static str,
    /// Size factor for NormalizedUsageAmount (AWS's: nano 0.25 … large 4, xlarge 8).
    pub normalization: f64,
    /// [start, end) in epoch seconds; `None`: still running.
    pub periods: Vec<(f64, Option<f64>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Hourly,
    Daily,
    Monthly,
}

impl Granularity {
    pub fn parse(s: &str) -> Option<Granularity> {
        Some(match s {
            "HOURLY" => Granularity::Hourly,
            "DAILY" => Granularity::Daily,
            "MONTHLY" => Granularity::Monthly,
            _ => return None,
        })
    }
}

/// The metrics Cost Explorer reports. There are no discounts, credits or reservations here, so
/// the cost metrics are one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Cost,
    UsageQuantity,
    NormalizedUsageAmount,
}

impl Metric {
    /// GetCostAndUsage's names (`UnblendedCost`; the forecast's `UNBLENDED_COST` is read too).
    pub fn parse(s: &str) -> Option<Metric> {
        Some(match s {
            "UnblendedCost" | "BlendedCost" | "AmortizedCost" | "NetUnblendedCost" | "NetAmortizedCost"
            | "UNBLENDED_COST" | "BLENDED_COST" | "AMORTIZED_COST" | "NET_UNBLENDED_COST" | "NET_AMORTIZED_COST" => {
                Metric::Cost
            }
            "UsageQuantity" | "USAGE_QUANTITY" => Metric::UsageQuantity,
            "NormalizedUsageAmount" | "NORMALIZED_USAGE_AMOUNT" => Metric::NormalizedUsageAmount,
            _ => return None,
        })
    }
}

/// The dimensions this region can tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Service,
    InstanceType,
    UsageType,
    Operation,
    Az,
    Region,
    ResourceId,
    LinkedAccount,
    PurchaseType,
}

impl Dimension {
    pub fn parse(s: &str) -> Option<Dimension> {
        Some(match s {
            "SERVICE" => Dimension::Service,
            "INSTANCE_TYPE" => Dimension::InstanceType,
            "USAGE_TYPE" => Dimension::UsageType,
            "OPERATION" => Dimension::Operation,
            "AZ" => Dimension::Az,
            "REGION" => Dimension::Region,
            "RESOURCE_ID" => Dimension::ResourceId,
            "LINKED_ACCOUNT" => Dimension::LinkedAccount,
            "PURCHASE_TYPE" => Dimension::PurchaseType,
            _ => return None,
        })
    }

    fn value<'a>(self, u: &'a Usage, account: &'a str) -> &'a str {
        match self {
            Dimension::Service => &u.service,
            Dimension::InstanceType => &u.instance_type,
            Dimension::UsageType => &u.usage_type,
            Dimension::Operation => &u.operation,
            Dimension::Az => &u.az,
            Dimension::Region => &u.region,
            Dimension::ResourceId => &u.resource_id,
            Dimension::LinkedAccount => account,
            Dimension::PurchaseType => "On Demand Instances",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupBy {
    Dimension(Dimension),
    Tag(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Dimension(Dimension, Vec<String>),
    Tag(String, Vec<String>),
    And(Vec<Filter>),
    Or(Vec<Filter>),
    Not(Box<Filter>),
}

impl Filter {
    pub fn matches(&self, u: &Usage, account: &str) -> bool {
        match self {
            Filter::Dimension(d, values) => values.iter().any(|v| v == d.value(u, account)),
            // A tag filter with no values matches resources that carry the key at all.
            Filter::Tag(key, values) => {
                u.tags.iter().any(|(k, v)| k == key && (values.is_empty() || values.contains(v)))
            }
            Filter::And(fs) => fs.iter().all(|f| f.matches(u, account)),
            Filter::Or(fs) => fs.iter().any(|f| f.matches(u, account)),
            Filter::Not(f) => !f.matches(u, account),
        }
    }
}

/// A GetCostAndUsage question, its dates already read.
#[derive(Debug, Clone)]
pub struct Query {
    pub start: i64,
    pub end: i64,
    pub granularity: Granularity,
    pub group_by: Vec<GroupBy>,
    pub filter: Option<Filter>,
    pub account: String,
}

/// Usage and cost of one group (or a bucket's total).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Amount {
    /// Usage quantity: hours, or GB-months of storage.
    pub quantity: f64,
    pub normalized: f64,
    pub cost: f64,
    /// The quantity's unit: None before any usage, "N/A" once units mix.
    pub unit: Option<&'static str>,
}

impl Amount {
    pub fn get(&self, m: Metric) -> f64 {
        match m {
            Metric::Cost => self.cost,
            Metric::UsageQuantity => self.quantity,
            Metric::NormalizedUsageAmount => self.normalized,
        }
    }

    fn add(&mut self, u: &Usage, seconds: f64) {
        let h = seconds / HOUR as f64;
        self.quantity += h * u.quantity_per_hour;
        self.normalized += h * u.normalization;
        self.cost += h * u.price_per_hour;
        self.unit = match self.unit {
            Some(unit) if unit != u.unit => Some("N/A"),
            _ => Some(u.unit),
        };
    }
}

/// One time bucket of the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    pub start: i64,
    pub end: i64,
    pub total: Amount,
    /// By group keys (one per GroupBy, in its order); only groups with usage.
    pub groups: BTreeMap<Vec<String>, Amount>,
}

/// The buckets [start, end) divides into: whole hours, days or calendar months, the first
/// and last cut to the period.
pub fn buckets(start: i64, end: i64, g: Granularity) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut t = start;
    while t < end {
        let next = match g {
            Granularity::Hourly => (t.div_euclid(HOUR) + 1) * HOUR,
            Granularity::Daily => (t.div_euclid(DAY) + 1) * DAY,
            Granularity::Monthly => next_month(t),
        }
        .min(end);
        out.push((t, next));
        t = next;
    }
    out
}

/// The seconds of `[a, b)` within `[lo, hi)`.
fn overlap(a: f64, b: f64, lo: f64, hi: f64) -> f64 {
    (b.min(hi) - a.max(lo)).max(0.0)
}

fn group_key(u: &Usage, group_by: &[GroupBy], account: &str) -> Vec<String> {
    group_by
        .iter()
        .map(|g| match g {
            // Cost Explorer writes a tag group as `key$value` (`key$` when untagged).
            GroupBy::Tag(k) => {
                format!("{k}${}", u.tags.iter().find(|(t, _)| t == k).map_or("", |(_, v)| v.as_str()))
            }
            GroupBy::Dimension(d) => match d.value(u, account) {
                "" => "NoInstanceType".to_string(),
                v => v.to_string(),
            },
        })
        .collect()
}

/// Usage × price in each bucket of the query, up to `now` (nothing is counted after it).
pub fn cost_and_usage(usage: &[Usage], q: &Query, now: f64) -> Vec<Bucket> {
    let mut out: Vec<Bucket> = buckets(q.start, q.end, q.granularity)
        .into_iter()
        .map(|(start, end)| Bucket { start, end, total: Amount::default(), groups: BTreeMap::new() })
        .collect();
    for u in usage {
        if q.filter.as_ref().is_some_and(|f| !f.matches(u, &q.account)) {
            continue;
        }
        let key = group_key(u, &q.group_by, &q.account);
        for &(a, b) in &u.periods {
            let b = b.unwrap_or(now).min(now);
            if b <= a {
                continue;
            }
            for bucket in out.iter_mut() {
                let s = overlap(a, b, bucket.start as f64, bucket.end as f64);
                if s > 0.0 {
                    bucket.total.add(u, s);
                    if !q.group_by.is_empty() {
                        bucket.groups.entry(key.clone()).or_default().add(u, s);
                    }
                }
            }
        }
    }
    out
}

/// A forecast: the mean expected cost of each bucket and of the whole period, with the bounds
/// the history's quietest and busiest hours give.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    pub buckets: Vec<ForecastBucket>,
    pub total: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ForecastBucket {
    pub start: i64,
    pub end: i64,
    pub mean: f64,
    pub lower: f64,
    pub upper: f64,
}

/// Why there is no forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoForecast {
    /// No usage in the week before `now` to learn a rate from.
    NoHistory,
}

/// How far back the run rate is learnt.
pub const FORECAST_HISTORY: i64 = 7 * DAY;

/// The forecast cost of [start, end) (only its part after `now` is forecast; Cost Explorer
/// forecasts no past). The rate is the mean cost per second over the history: the week before
/// `now`, or since the first usage if that is later. The bounds scale the quietest and busiest
/// whole hours of that history (the current hour counts as far as it has run).
pub fn forecast(
    usage: &[Usage],
    start: i64,
    end: i64,
    g: Granularity,
    filter: Option<&Filter>,
    account: &str,
    now: f64,
) -> Result<Forecast, NoForecast> {
    let first = usage
        .iter()
        .filter(|u| filter.is_none_or(|f| f.matches(u, account)))
        .flat_map(|u| u.periods.iter().map(|p| p.0))
        .fold(f64::INFINITY, f64::min);
    let from = first.max(now - FORECAST_HISTORY as f64);
    if !first.is_finite() || from >= now {
        return Err(NoForecast::NoHistory);
    }
    let q = Query {
        start: from.floor() as i64,
        end: now.ceil() as i64,
        granularity: Granularity::Hourly,
        group_by: Vec::new(),
        filter: filter.cloned(),
        account: account.to_string(),
    };
    let history = cost_and_usage(usage, &q, now);
    let spent: f64 = history.iter().map(|b| b.total.cost).sum();
    if spent <= 0.0 {
        return Err(NoForecast::NoHistory);
    }
    let rate = spent / (now - from);
    // Each hour's rate, over the part of it inside the history.
    let rates: Vec<f64> = history
        .iter()
        .filter_map(|b| {
            let len = (b.end as f64).min(now) - (b.start as f64).max(from);
            (len > 0.0).then(|| b.total.cost / len)
        })
        .collect();
    let low = rates.iter().copied().fold(f64::INFINITY, f64::min).min(rate);
    let high = rates.iter().copied().fold(0.0, f64::max).max(rate);
    let mut out = Forecast { buckets: Vec::new(), total: 0.0 };
    for (a, b) in buckets(start, end, g) {
        let secs = overlap(a as f64, b as f64, now, f64::INFINITY);
        if secs <= 0.0 {
            continue;
        }
        let fb = ForecastBucket { start: a, end: b, mean: rate * secs, lower: low * secs, upper: high * secs };
        out.total += fb.mean;
        out.buckets.push(fb);
    }
    Ok(out)
}

/// An amount as Cost Explorer writes it: a decimal string, at most 10 places.
pub fn amount_text(x: f64) -> String {
    let s = format!("{x:.10}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse;

    const T3_MICRO: f64 = 0.0104;

    fn at(s: &str) -> f64 {
        parse(s).unwrap() as f64
    }

    fn instance(id: &str, ty: &str, price: f64, periods: Vec<(f64, Option<f64>)>) -> Usage {
        Usage {
            service: "Amazon Elastic Compute Cloud - Compute".into(),
            usage_type: format!("BoxUsage:{ty}"),
            instance_type: ty.into(),
            operation: "RunInstances".into(),
            az: "us-east-1a".into(),
            region: "us-east-1".into(),
            resource_id: id.into(),
            tags: vec![("team".into(), "web".into())],
            price_per_hour: price,
            quantity_per_hour: 1.0,
            unit: "Hrs",
            normalization: 0.5,
            periods,
        }
    }

    fn query(start: &str, end: &str, g: Granularity) -> Query {
        Query {
            start: parse(start).unwrap(),
            end: parse(end).unwrap(),
            granularity: g,
            group_by: vec![],
            filter: None,
            account: "123456789012".into(),
        }
    }

    #[test]
    fn an_instance_from_10_to_13_30_15_costs_its_seconds_times_the_price() {
        let u = [instance(
            "i-1",
            "t3.micro",
            T3_MICRO,
            vec![(at("2026-12-07T10:00:00Z"), Some(at("2026-12-07T13:30:15Z")))],
        )];
        let now = at("2026-12-08T00:00:00Z");
        let day = cost_and_usage(&u, &query("2026-12-07", "2026-12-08", Granularity::Daily), now);
        assert_eq!(day.len(), 1);
        let hours = 12_615.0 / 3600.0;
        assert_eq!(day[0].total.quantity, hours);
        assert!((day[0].total.quantity - 3.5042).abs() < 0.00005);
        assert!((day[0].total.cost - hours * T3_MICRO).abs() < 1e-12);
        assert_eq!(amount_text(day[0].total.quantity), "3.5041666667");
        assert_eq!(amount_text(day[0].total.cost), "0.0364433333");
    }

    #[test]
    fn hourly_buckets_split_at_the_hour() {
        let u = [instance(
            "i-1",
            "t3.micro",
            T3_MICRO,
            vec![(at("2026-12-07T10:00:00Z"), Some(at("2026-12-07T13:30:15Z")))],
        )];
        let now = at("2026-12-08T00:00:00Z");
        let hours =
            cost_and_usage(&u, &query("2026-12-07T09:00:00Z", "2026-12-07T15:00:00Z", Granularity::Hourly), now);
        let got: Vec<f64> = hours.iter().map(|b| b.total.quantity * 3600.0).collect();
        assert_eq!(got, vec![0.0, 3600.0, 3600.0, 3600.0, 1815.0, 0.0]);
        assert_eq!(hours[4].start, parse("2026-12-07T13:00:00Z").unwrap());
        assert_eq!(hours[4].end, parse("2026-12-07T14:00:00Z").unwrap());
    }

    #[test]
    fn daily_buckets_split_at_midnight_and_open_periods_end_now() {
        let u = [instance("i-1", "t3.micro", T3_MICRO, vec![(at("2026-12-06T22:00:00Z"), None)])];
        let now = at("2026-12-07T01:30:00Z");
        let days = cost_and_usage(&u, &query("2026-12-05", "2026-12-09", Granularity::Daily), now);
        let got: Vec<f64> = days.iter().map(|b| b.total.quantity).collect();
        assert_eq!(got, vec![0.0, 2.0, 1.5, 0.0]);
        assert_eq!(days[1].start, parse("2026-12-06").unwrap());
        // A month straddled: two calendar buckets, the period cut to the query.
        let months = cost_and_usage(&u, &query("2026-11-20", "2026-12-10", Granularity::Monthly), now);
        assert_eq!(
            months.iter().map(|b| (b.start, b.end)).collect::<Vec<_>>(),
            vec![
                (parse("2026-11-20").unwrap(), parse("2026-12-01").unwrap()),
                (parse("2026-12-01").unwrap(), parse("2026-12-10").unwrap())
            ]
        );
        assert_eq!(months[1].total.quantity, 3.5);
    }

    #[test]
    fn several_periods_of_one_instance_add_up() {
        let u = [instance(
            "i-1",
            "t3.micro",
            T3_MICRO,
            vec![
                (at("2026-12-07T01:00:00Z"), Some(at("2026-12-07T02:00:00Z"))),
                (at("2026-12-07T03:00:00Z"), Some(at("2026-12-07T03:15:00Z"))),
            ],
        )];
        let day = cost_and_usage(&u, &query("2026-12-07", "2026-12-08", Granularity::Daily), at("2026-12-09"));
        assert_eq!(day[0].total.quantity, 1.25);
    }

    fn mixed() -> Vec<Usage> {
        let d = |h: &str| at(&format!("2026-12-07T{h}Z"));
        let mut lb = instance("app/web/1", "", 0.0225, vec![(d("00:00:00"), None)]);
        lb.service = "Amazon Elastic Load Balancing".into();
        lb.usage_type = "LoadBalancerUsage".into();
        lb.tags.clear();
        vec![
            instance("i-1", "t3.micro", T3_MICRO, vec![(d("10:00:00"), Some(d("12:00:00")))]),
            instance("i-2", "t3.micro", T3_MICRO, vec![(d("11:00:00"), Some(d("12:00:00")))]),
            instance("i-3", "m5.large", 0.096, vec![(d("10:00:00"), Some(d("10:30:00")))]),
            lb,
        ]
    }

    #[test]
    fn grouping_by_instance_type_and_service() {
        let now = at("2026-12-08");
        let mut q = query("2026-12-07", "2026-12-08", Granularity::Daily);
        q.group_by = vec![GroupBy::Dimension(Dimension::InstanceType)];
        let day = &cost_and_usage(&mixed(), &q, now)[0];
        let keys: Vec<_> = day.groups.keys().map(|k| k[0].as_str()).collect();
        assert_eq!(keys, vec!["NoInstanceType", "m5.large", "t3.micro"]);
        assert_eq!(day.groups[&vec!["t3.micro".to_string()]].quantity, 3.0);
        assert!((day.groups[&vec!["t3.micro".to_string()]].cost - 3.0 * T3_MICRO).abs() < 1e-12);
        assert_eq!(day.groups[&vec!["m5.large".to_string()]].cost, 0.048);
        assert_eq!(day.groups[&vec!["NoInstanceType".to_string()]].quantity, 24.0);

        q.group_by = vec![GroupBy::Dimension(Dimension::Service), GroupBy::Tag("team".into())];
        let day = &cost_and_usage(&mixed(), &q, now)[0];
        let ec2 = vec!["Amazon Elastic Compute Cloud - Compute".to_string(), "team$web".to_string()];
        let elb = vec!["Amazon Elastic Load Balancing".to_string(), "team$".to_string()];
        assert_eq!(day.groups.len(), 2);
        assert_eq!(day.groups[&ec2].quantity, 3.5);
        assert!((day.groups[&elb].cost - 24.0 * 0.0225).abs() < 1e-12);
        assert!((day.total.cost - (3.0 * T3_MICRO + 0.048 + 24.0 * 0.0225)).abs() < 1e-12);
    }

    #[test]
    fn filters_on_service_and_not() {
        let now = at("2026-12-08");
        let mut q = query("2026-12-07", "2026-12-08", Granularity::Daily);
        let ec2 = Filter::Dimension(Dimension::Service, vec!["Amazon Elastic Compute Cloud - Compute".into()]);
        q.filter = Some(ec2.clone());
        assert_eq!(cost_and_usage(&mixed(), &q, now)[0].total.quantity, 3.5);
        q.filter = Some(Filter::Not(Box::new(ec2.clone())));
        assert_eq!(cost_and_usage(&mixed(), &q, now)[0].total.quantity, 24.0);
        q.filter = Some(Filter::And(vec![ec2, Filter::Dimension(Dimension::InstanceType, vec!["m5.large".into()])]));
        assert_eq!(cost_and_usage(&mixed(), &q, now)[0].total.quantity, 0.5);
        q.filter = Some(Filter::Tag("team".into(), vec!["ops".into()]));
        assert_eq!(cost_and_usage(&mixed(), &q, now)[0].total.quantity, 0.0);
    }

    #[test]
    fn nothing_is_counted_after_now() {
        let u = [instance("i-1", "t3.micro", T3_MICRO, vec![(at("2026-12-07T10:00:00Z"), None)])];
        let q = query("2026-12-07", "2026-12-08", Granularity::Daily);
        assert_eq!(cost_and_usage(&u, &q, at("2026-12-07T10:00:00Z"))[0].total.quantity, 0.0);
        assert_eq!(cost_and_usage(&u, &q, at("2026-12-07T10:00:36Z"))[0].total.quantity, 0.01);
    }

    #[test]
    fn forecast_extends_the_run_rate_over_the_future_part() {
        // Two t3.micro for the last 10 hours, one of them still running: the rate over the
        // history is 2 × price until the one stopped, then 1 ×.
        let now = at("2026-12-07T12:00:00Z");
        let u = [
            instance("i-1", "t3.micro", T3_MICRO, vec![(at("2026-12-07T02:00:00Z"), None)]),
            instance("i-2", "t3.micro", T3_MICRO, vec![(at("2026-12-07T02:00:00Z"), Some(at("2026-12-07T07:00:00Z")))]),
        ];
        let f = forecast(
            &u,
            parse("2026-12-07").unwrap(),
            parse("2026-12-10").unwrap(),
            Granularity::Daily,
            None,
            "a",
            now,
        )
        .unwrap();
        let rate = 15.0 * T3_MICRO / (10.0 * 3600.0);
        assert_eq!(f.buckets.len(), 3);
        // Today only from now on.
        assert!((f.buckets[0].mean - rate * 12.0 * 3600.0).abs() < 1e-12);
        assert!((f.buckets[1].mean - rate * 86_400.0).abs() < 1e-12);
        assert!((f.buckets[1].lower - T3_MICRO * 24.0).abs() < 1e-12);
        assert!((f.buckets[1].upper - 2.0 * T3_MICRO * 24.0).abs() < 1e-12);
        assert!((f.total - rate * 60.0 * 3600.0).abs() < 1e-12);
        // A period entirely past has nothing to forecast; no usage, no forecast.
        let past = forecast(
            &u,
            parse("2026-12-01").unwrap(),
            parse("2026-12-02").unwrap(),
            Granularity::Daily,
            None,
            "a",
            now,
        );
        assert!(past.unwrap().buckets.is_empty());
        assert_eq!(
            forecast(
                &[],
                parse("2026-12-08").unwrap(),
                parse("2026-12-09").unwrap(),
                Granularity::Daily,
                None,
                "a",
                now
            ),
            Err(NoForecast::NoHistory)
        );
        // A week-old history only counts its last week.
        let old = [instance("i-9", "t3.micro", T3_MICRO, vec![(at("2026-11-01T00:00:00Z"), None)])];
        let f = forecast(
            &old,
            parse("2026-12-08").unwrap(),
            parse("2026-12-09").unwrap(),
            Granularity::Daily,
            None,
            "a",
            now,
        )
        .unwrap();
        assert!((f.total - 24.0 * T3_MICRO).abs() < 1e-12);
    }
}
