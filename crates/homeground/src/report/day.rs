//! One day's figures and how they are shown: the text table and the SVG picture, and the
//! elastic against peak-provisioned arithmetic. Pure.

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
    }
}
