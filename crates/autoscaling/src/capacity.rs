//! The capacity arithmetic of scaling policies, as AWS documents it: pure functions, no I/O.
//!
//! - Simple and step scaling adjust by `ChangeInCapacity`, `ExactCapacity` or
//!   `PercentChangeInCapacity` (the percentage of the current capacity, rounded: above 1 down,
//!   between 0 and 1 to 1, between 0 and -1 to -1, below -1 up — toward zero —, then at least
//!   `MinAdjustmentMagnitude`).
//! - Step scaling picks the step whose interval, relative to the alarm threshold, holds the
//!   metric (lower bound inclusive, upper bound exclusive; a missing bound is infinite).
//! - Target tracking sets capacity proportional to metric over target, rounded up (so that
//!   the metric lands at or under the target), leaving out instances still warming up; while
//!   they warm up it only adds beyond what they already bring, and it does not scale in.
//! - Every result is clamped to the group's minimum and maximum.

/// An adjustment as a simple or step policy states it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Adjustment {
    Change(i64),
    Exact(i64),
    Percent { percent: i64, min_magnitude: Option<i64> },
}

impl Adjustment {
    pub fn from_type(adjustment_type: &str, value: i64, min_magnitude: Option<i64>) -> Option<Adjustment> {
        match adjustment_type {
            "ChangeInCapacity" => Some(Adjustment::Change(value)),
            "ExactCapacity" => Some(Adjustment::Exact(value)),
            "PercentChangeInCapacity" => Some(Adjustment::Percent { percent: value, min_magnitude }),
            _ => None,
        }
    }
}

/// The new desired capacity after applying `adj` to `current`, clamped to [min, max].
pub fn apply(adj: Adjustment, current: i64, min: i64, max: i64) -> i64 {
    let target = match adj {
        Adjustment::Change(n) => current + n,
        Adjustment::Exact(n) => n,
        Adjustment::Percent { percent, min_magnitude } => {
            let raw = current as f64 * percent as f64 / 100.0;
            let mut step = if raw >= 1.0 {
                raw.floor() as i64
            } else if raw > 0.0 {
                1
            } else if raw > -1.0 && raw < 0.0 {
                -1
            } else {
                raw.ceil() as i64
            };
            if let Some(m) = min_magnitude {
                if step > 0 && step < m {
                    step = m;
                }
            }
            current + step
        }
    };
    target.clamp(min, max)
}

/// One step: the interval (relative to the threshold) and its adjustment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub adjustment: i64,
}

/// The step whose interval holds `metric - threshold`.
pub fn pick_step(steps: &[Step], metric: f64, threshold: f64) -> Option<&Step> {
    let d = metric - threshold;
    steps.iter().find(|s| s.lower.is_none_or(|l| d >= l) && s.upper.is_none_or(|u| d < u))
}

/// Validate step adjustments as AWS does: no overlaps or gaps, at most one open lower and
/// one open upper bound. Returns AWS's message on failure.
pub fn check_steps(steps: &[Step]) -> Result<(), String> {
    if steps.is_empty() {
        return Err("StepAdjustments must be specified for a StepScaling policy".into());
    }
    let mut sorted: Vec<Step> = steps.to_vec();
    sorted.sort_by(|a, b| {
        a.lower.unwrap_or(f64::NEG_INFINITY).partial_cmp(&b.lower.unwrap_or(f64::NEG_INFINITY)).unwrap()
    });
    if sorted.iter().filter(|s| s.lower.is_none()).count() > 1
        || sorted.iter().filter(|s| s.upper.is_none()).count() > 1
    {
        return Err(
            "Only one step adjustment may have an unspecified lower bound, and only one an unspecified upper bound."
                .into(),
        );
    }
    for s in &sorted {
        if let (Some(l), Some(u)) = (s.lower, s.upper) {
            if u <= l {
                return Err("The upper bound must be greater than the lower bound.".into());
            }
        }
    }
    for w in sorted.windows(2) {
        if w[0].upper != w[1].lower {
            return Err("Step adjustment intervals must not overlap and must not have gaps.".into());
        }
    }
    Ok(())
}

/// Target tracking: the inputs of one decision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tracking {
    /// The metric's value (the group's average, or the per-target figure).
    pub metric: f64,
    pub target: f64,
    /// Instances in service and past their warm-up: the ones the metric comes from.
    pub warm: i64,
    /// Instances still warming up (launched, counted toward capacity, not yet in the metric).
    pub warming: i64,
    /// The group's current desired capacity.
    pub desired: i64,
    pub min: i64,
    pub max: i64,
    pub scale_in_disabled: bool,
}

/// The desired capacity target tracking asks for; `None` when it leaves the group alone.
pub fn track(t: Tracking) -> Option<i64> {
    if t.target <= 0.0 || !t.metric.is_finite() {
        return None;
    }
    let base = t.warm;
    if base == 0 {
        // Nothing measured yet: nothing to be proportional to.
        return None;
    }
    let wanted = ((base as f64) * t.metric / t.target - 1e-9).ceil().max(0.0) as i64;
    let wanted = wanted.clamp(t.min, t.max);
    let current = t.desired;
    if wanted > current {
        // Warming instances already bring capacity: only add beyond base + warming.
        let with_warming = base + t.warming;
        if wanted <= with_warming && t.warming > 0 {
            return None;
        }
        return Some(wanted);
    }
    if wanted < current && !t.scale_in_disabled && t.warming == 0 {
        return Some(wanted);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tracking(metric: f64, target: f64, warm: i64, desired: i64) -> Tracking {
        Tracking { metric, target, warm, warming: 0, desired, min: 2, max: 4, scale_in_disabled: false }
    }

    #[test]
    fn percent_change_rounds_as_aws_documents() {
        // AWS: "values greater than 1 are rounded down ... 12.7 rounds to 12"
        assert_eq!(apply(Adjustment::Percent { percent: 127, min_magnitude: None }, 10, 0, 100), 22);
        // between 0 and 1 → 1: 10 % of 5 = 0.5 → 1
        assert_eq!(apply(Adjustment::Percent { percent: 10, min_magnitude: None }, 5, 0, 100), 6);
        // between 0 and -1 → -1
        assert_eq!(apply(Adjustment::Percent { percent: -10, min_magnitude: None }, 5, 0, 100), 4);
        // below -1 → rounded up (toward zero): -12.7 → -12
        assert_eq!(apply(Adjustment::Percent { percent: -127, min_magnitude: None }, 10, -100, 100), -2);
        // MinAdjustmentMagnitude: 25 % of 4 = 1, at least 2
        assert_eq!(apply(Adjustment::Percent { percent: 25, min_magnitude: Some(2) }, 4, 0, 100), 6);
    }

    #[test]
    fn change_and_exact_are_clamped() {
        assert_eq!(apply(Adjustment::Change(3), 2, 2, 4), 4);
        assert_eq!(apply(Adjustment::Change(-5), 3, 2, 4), 2);
        assert_eq!(apply(Adjustment::Exact(10), 3, 2, 4), 4);
        assert_eq!(apply(Adjustment::Exact(3), 2, 2, 4), 3);
    }

    #[test]
    fn step_selection_follows_the_docs_example() {
        // AWS's step scaling example: threshold 50, steps [0,10) +0, [10,20) +10 %, [20,∞) +30 %.
        let steps = [
            Step { lower: Some(0.0), upper: Some(10.0), adjustment: 0 },
            Step { lower: Some(10.0), upper: Some(20.0), adjustment: 10 },
            Step { lower: Some(20.0), upper: None, adjustment: 30 },
        ];
        assert!(check_steps(&steps).is_ok());
        assert_eq!(pick_step(&steps, 55.0, 50.0).unwrap().adjustment, 0);
        assert_eq!(pick_step(&steps, 60.0, 50.0).unwrap().adjustment, 10);
        assert_eq!(pick_step(&steps, 70.0, 50.0).unwrap().adjustment, 30);
        assert_eq!(pick_step(&steps, 99.0, 50.0).unwrap().adjustment, 30);
        assert!(pick_step(&steps, 40.0, 50.0).is_none());
        // 10 instances, +10 % → 11; +30 % → 13.
        let p = |n| Adjustment::Percent { percent: n, min_magnitude: None };
        assert_eq!(apply(p(10), 10, 1, 100), 11);
        assert_eq!(apply(p(30), 10, 1, 100), 13);
    }

    #[test]
    fn step_checks_reject_gaps_and_overlaps() {
        let gap = [
            Step { lower: Some(0.0), upper: Some(10.0), adjustment: 1 },
            Step { lower: Some(20.0), upper: None, adjustment: 2 },
        ];
        assert!(check_steps(&gap).is_err());
        let two_open =
            [Step { lower: None, upper: None, adjustment: 1 }, Step { lower: None, upper: None, adjustment: 2 }];
        assert!(check_steps(&two_open).is_err());
        assert!(check_steps(&[]).is_err());
    }

    #[test]
    fn target_tracking_is_proportional_and_rounds_up() {
        // AWS's example: 2 instances at 80 % CPU with a 50 % target → 3.2 → 4.
        assert_eq!(track(tracking(80.0, 50.0, 2, 2)), Some(4));
        // 2 at 60 % → 2.4 → 3.
        assert_eq!(track(tracking(60.0, 50.0, 2, 2)), Some(3));
        // Exactly on target: nothing to do.
        assert_eq!(track(tracking(50.0, 50.0, 2, 2)), None);
        // Clamped to the maximum: 2 at 100 % → 4 (not more).
        assert_eq!(track(tracking(100.0, 20.0, 2, 2)), Some(4));
    }

    #[test]
    fn target_tracking_scales_in_carefully() {
        // 4 instances at 10 % with a 50 % target → 0.8 → 1 → the minimum, 2.
        assert_eq!(track(tracking(10.0, 50.0, 4, 4)), Some(2));
        // 4 at 40 % → 3.2 → 4: removing one would push the metric above target.
        assert_eq!(track(tracking(40.0, 50.0, 4, 4)), None);
        let mut t = tracking(10.0, 50.0, 4, 4);
        t.scale_in_disabled = true;
        assert_eq!(track(t), None);
    }

    #[test]
    fn warming_instances_are_left_out_of_the_average() {
        // 2 warm instances at 90 %, 1 warming, desired 3: 2 × 90/50 = 3.6 → 4 (> 2 + 1): add.
        let t = Tracking {
            metric: 90.0,
            target: 50.0,
            warm: 2,
            warming: 1,
            desired: 3,
            min: 2,
            max: 4,
            scale_in_disabled: false,
        };
        assert_eq!(track(t), Some(4));
        // 2 warm at 70 %, 1 warming: 2 × 70/50 = 2.8 → 3, which the warming one already brings.
        let t = Tracking {
            metric: 70.0,
            target: 50.0,
            warm: 2,
            warming: 1,
            desired: 3,
            min: 2,
            max: 4,
            scale_in_disabled: false,
        };
        assert_eq!(track(t), None);
        // No scale-in while instances warm up.
        let t = Tracking {
            metric: 5.0,
            target: 50.0,
            warm: 2,
            warming: 1,
            desired: 3,
            min: 1,
            max: 4,
            scale_in_disabled: false,
        };
        assert_eq!(track(t), None);
    }
}
