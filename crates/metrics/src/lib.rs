//! Metrics: a time-series store at 1-second resolution with CloudWatch's roll-ups and
//! retention (`series`), its statistics (`stats`), the metric alarm state machine (`alarm`),
//! composite alarm rules (`composite`) and metric math expressions (`math`). No clock of its
//! own and no I/O beyond the store's append file: callers pass "now" in, so everything here
//! is table-testable.

pub mod alarm;
pub mod composite;
pub mod gorilla;
pub mod journal;
pub mod math;
pub mod raw;
pub mod rollup;
pub mod series;
pub mod stats;

pub use alarm::{Comparison, Evaluation, MissingData, Rule, State};
pub use series::{MetricId, MetricStore, Sample};
pub use stats::{Agg, Statistic};
