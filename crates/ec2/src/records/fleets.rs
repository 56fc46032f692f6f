//! EC2 Fleets (`fleet-`): what was asked and the instances launched for it.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{tags_json, Tag};

/// An instance a fleet launched, with the launch template configuration and override it came
/// from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FleetInstance {
    pub instance_id: String,
    pub instance_type: String,
    /// `spot` or `on-demand`.
    pub lifecycle: String,
    pub weight: f64,
    /// `{"LaunchTemplateSpecification": …, "Overrides": …}`, as the fleet was given them.
    pub launched_from: Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FleetRec {
    pub fleet_id: String,
    /// `instant`, `request` or `maintain`.
    pub fleet_type: String,
    /// `active`, `deleted`, `deleted_terminating`.
    pub state: String,
    pub target: Value,
    pub launch_template_configs: Value,
    pub instances: Vec<FleetInstance>,
    pub errors: Vec<Value>,
    pub created: f64,
    pub tags: Vec<Tag>,
    /// The request's `instance` tag specifications, for the instances a maintain fleet
    /// launches later.
    #[serde(default)]
    pub instance_tags: Option<Value>,
}

impl FleetRec {
    /// Its shape; `live` says which of its instances still run.
    pub fn render(&self, live: impl Fn(&str) -> bool) -> Value {
        let fulfilled = |lifecycle: Option<&str>| -> f64 {
            self.instances
                .iter()
                .filter(|i| lifecycle.is_none_or(|l| i.lifecycle == l) && live(&i.instance_id))
                .map(|i| i.weight)
                .sum()
        };
        let total = self.target.get("TotalTargetCapacity").and_then(Value::as_f64).unwrap_or(0.0);
        let have = fulfilled(None);
        let mut v = json!({
            "FleetId": self.fleet_id, "Type": self.fleet_type, "FleetState": self.state,
            "ActivityStatus": if have >= total { "fulfilled" } else { "pending_fulfillment" },
            "TargetCapacitySpecification": self.target, "LaunchTemplateConfigs": self.launch_template_configs,
            "FulfilledCapacity": have, "FulfilledOnDemandCapacity": fulfilled(Some("on-demand")),
            "CreateTime": self.created, "ExcessCapacityTerminationPolicy": "termination",
            "TerminateInstancesWithExpiration": false, "ReplaceUnhealthyInstances": false,
            "Tags": tags_json(&self.tags),
        });
        if self.fleet_type == "instant" {
            v["Instances"] = json!(self.launch_groups());
            v["Errors"] = json!(self.errors);
        }
        v
    }

    /// Its instances grouped by where they came from and their lifecycle, as CreateFleet
    /// answers them.
    pub fn launch_groups(&self) -> Vec<Value> {
        let mut groups: Vec<Value> = Vec::new();
        for i in &self.instances {
            let found = groups.iter_mut().find(|g| {
                g["LaunchTemplateAndOverrides"] == i.launched_from
                    && g["Lifecycle"] == json!(i.lifecycle)
                    && g["InstanceType"] == json!(i.instance_type)
            });
            match found {
                Some(g) => g["InstanceIds"].as_array_mut().into_iter().for_each(|a| a.push(json!(i.instance_id))),
                None => groups.push(json!({"LaunchTemplateAndOverrides": i.launched_from, "Lifecycle": i.lifecycle,
                                           "InstanceIds": [i.instance_id], "InstanceType": i.instance_type})),
            }
        }
        groups
    }
}
