//! Every metric in Prometheus's text exposition format, for Grafana users: one gauge family per
//! metric and statistic over the last minute (`aws_ec2_cpu_utilization_average{instance_id=…}`),
//! as CloudWatch exporters name them. Pure formatting; the caller serves it.

use std::collections::BTreeMap;
use std::fmt::Write;

use metrics::MetricStore;

/// `CPUUtilization` → `cpu_utilization`, `AWS/EC2` → `aws_ec2`, `HTTPCode_Target_2XX_Count` →
/// `http_code_target_2xx_count`.
pub fn snake(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            let upper = c.is_ascii_uppercase();
            let prev_lower = i > 0 && chars[i - 1].is_ascii_lowercase();
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
            if upper && !out.is_empty() && !out.ends_with('_') && (prev_lower || (prev_upper && next_lower)) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

fn escape(v: &str) -> String {
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// The exposition of every metric with data in the minute before `now`.
pub fn render(store: &MetricStore, now: f64) -> String {
    // family name → lines
    let mut families: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (id, last) in store.list() {
        if (last as f64) < now - 60.0 {
            continue;
        }
        // The minute up to and including the current second.
        let start = now.floor() - 59.0;
        let mut agg = metrics::Agg::default();
        for (_, a) in store.query_with(&id, start, start + 60.0, 60, now, false) {
            agg.merge(&a);
        }
        if agg.count <= 0.0 {
            continue;
        }
        let base = format!("{}_{}", snake(&id.namespace), snake(&id.name));
        let labels: Vec<String> =
            id.dimensions.iter().map(|(k, v)| format!("{}=\"{}\"", snake(k), escape(v))).collect();
        let labels = if labels.is_empty() { String::new() } else { format!("{{{}}}", labels.join(",")) };
        for (stat, v) in [
            ("average", agg.sum / agg.count),
            ("sum", agg.sum),
            ("minimum", agg.min),
            ("maximum", agg.max),
            ("sample_count", agg.count),
        ] {
            families.entry(format!("{base}_{stat}")).or_default().push(format!("{base}_{stat}{labels} {v}"));
        }
    }
    let mut out = String::new();
    for (name, lines) in families {
        let _ = writeln!(out, "# HELP {name} CloudWatch statistic over the last minute.");
        let _ = writeln!(out, "# TYPE {name} gauge");
        for l in lines {
            let _ = writeln!(out, "{l}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use metrics::{Agg, MetricId, Sample};

    #[test]
    fn names_follow_the_exporters() {
        assert_eq!(snake("AWS/EC2"), "aws_ec2");
        assert_eq!(snake("CPUUtilization"), "cpu_utilization");
        assert_eq!(snake("HTTPCode_Target_2XX_Count"), "http_code_target_2xx_count");
        assert_eq!(snake("AutoScalingGroupName"), "auto_scaling_group_name");
        assert_eq!(snake("KG/Web"), "kg_web");
    }

    #[test]
    fn renders_the_last_minute() {
        let store = MetricStore::in_memory();
        let id = MetricId::new("AWS/EC2", "CPUUtilization", vec![("InstanceId".into(), "i-1\"x".into())]);
        for (t, v) in [(1000.0, 20.0), (1001.0, 40.0)] {
            store.put(&id, &[Sample { timestamp: t, agg: Agg::value(v, 1.0), unit: None }], 1001.0);
        }
        let text = render(&store, 1002.0);
        assert!(text.contains("# TYPE aws_ec2_cpu_utilization_average gauge"), "{text}");
        assert!(text.contains("aws_ec2_cpu_utilization_average{instance_id=\"i-1\\\"x\"} 30"), "{text}");
        assert!(text.contains("aws_ec2_cpu_utilization_sample_count{instance_id=\"i-1\\\"x\"} 2"), "{text}");
        assert_eq!(render(&store, 2000.0), "");
    }
}
