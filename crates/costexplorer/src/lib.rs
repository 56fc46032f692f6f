//! Cost Explorer (`ce`, 2017-10-25, awsJson 1.1): GetCostAndUsage and GetCostForecast over what
//! the region really ran — EC2 instances between their launch (or start) and their stop or
//! termination, load balancers and RDS DB instances since they were created — priced by
//! `prices::PriceList` (AWS's on-demand prices by default; the operator's file over them).
//!
//! The services report what ran through [`UsageSource`] (the binary wires it, `links.rs`); the
//! arithmetic is pure (`cost.rs`, clock injected), the wire glue apart (`api.rs`).

pub mod api;
pub mod cost;
pub mod dates;
pub mod error;
pub mod prices;

use std::sync::Arc;

use serde_json::Value;
use wire::{ApiError, BoxFuture, CallContext, Service};

pub use error::CeError;
pub use prices::{PriceList, Resource, ResourceKind};

/// Where "now" comes from (seconds since the epoch).
pub type Clock = Arc<dyn Fn() -> f64 + Send + Sync>;

/// What the region's services ran: every instance, load balancer and DB instance with the
/// periods it ran.
pub trait UsageSource: Send + Sync {
    fn resources(&self) -> BoxFuture<'_, Vec<Resource>>;
}

pub struct CostExplorer {
    pub region: String,
    pub account: String,
    pub prices: PriceList,
    clock: Clock,
    source: Arc<dyn UsageSource>,
    /// When this region's host started serving (its host-hours count from there).
    started: f64,
}

impl CostExplorer {
    pub fn new(region: String, account: String, prices: PriceList, clock: Clock, source: Arc<dyn UsageSource>) -> Self {
        let started = clock().floor();
        CostExplorer { region, account, prices, clock, source, started }
    }

    /// Every priced usage line, up to now.
    pub async fn usage(&self) -> Vec<cost::Usage> {
        let mut resources = self.source.resources().await;
        if self.prices.host_hour.is_some_and(|p| p > 0.0) {
            resources.push(Resource {
                kind: ResourceKind::Host,
                id: "host".into(),
                az: String::new(),
                tags: vec![],
                periods: vec![(self.started, None)],
            });
        }
        prices::price(&resources, &self.prices, &self.region)
    }
}

pub struct CostExplorerService {
    ce: Arc<CostExplorer>,
}

impl CostExplorerService {
    pub fn new(ce: Arc<CostExplorer>) -> Self {
        CostExplorerService { ce }
    }
}

impl Service for CostExplorerService {
    fn model_name(&self) -> &'static str {
        "ce"
    }

    fn iam_prefix(&self) -> &'static str {
        "ce"
    }

    fn call<'a>(&'a self, _cx: &'a CallContext, op: &'a str, input: Value) -> BoxFuture<'a, Result<Value, ApiError>> {
        Box::pin(async move {
            let ce = &self.ce;
            match op {
                "GetCostAndUsage" => {
                    let (q, metrics) = api::cost_and_usage_query(&input, &ce.account)?;
                    let now = (ce.clock)();
                    let usage = ce.usage().await;
                    let buckets = cost::cost_and_usage(&usage, &q, now);
                    Ok(api::cost_and_usage_output(&input, &q, &metrics, &buckets, now))
                }
                "GetCostForecast" => {
                    let now = (ce.clock)();
                    let usage = ce.usage().await;
                    Ok(api::cost_forecast(&input, &usage, &ce.account, now)?)
                }
                _ => Err(ApiError::new(
                    400,
                    "UnknownOperationException",
                    format!("homeground's Cost Explorer does not serve {op} yet."),
                )),
            }
        })
    }
}
