//! What Cost Explorer prices (`costexplorer::UsageSource`): EC2's instances with the periods
//! they ran (`ec2::Ec2::run_history`, typed) and its EBS volumes with the period each existed
//! (`ec2::Ec2::volume_history`), and the load balancers and RDS DB instances that exist, from their services' Describe calls (as the region's own caller),
//! since they were created; load balancers and DB instances deleted since, from their
//! services' records of what ended (`elb::ElbService::ended_load_balancers`,
//! `rds::RdsService::ended_db_instances`).

use std::sync::Arc;

use costexplorer::{Resource, ResourceKind};
use serde_json::{json, Value};
use wire::Service;

pub struct CostUsage {
    pub ec2: Arc<ec2::Ec2>,
    pub elb: Arc<elb::ElbService>,
    pub classic_elb: Arc<elb::ClassicElbService>,
    pub rds: Arc<rds::RdsService>,
    pub cx: wire::CallContext,
}

fn list<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    v.get(key).and_then(Value::as_array).map_or(&[], |a| a.as_slice())
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

impl CostUsage {
    async fn describe(&self, service: &dyn Service, op: &str, key: &str) -> Vec<Value> {
        match service.call(&self.cx, op, json!({})).await {
            Ok(v) => list(&v, key).to_vec(),
            Err(e) => {
                tracing::warn!(error = %e, op, "cost explorer could not list resources");
                vec![]
            }
        }
    }
}

impl costexplorer::UsageSource for CostUsage {
    fn resources(&self) -> wire::BoxFuture<'_, Vec<Resource>> {
        Box::pin(async move {
            let mut out: Vec<Resource> = self
                .ec2
                .run_history()
                .into_iter()
                .map(|i| Resource {
                    kind: ResourceKind::Instance { instance_type: i.instance_type },
                    id: i.instance_id,
                    az: i.availability_zone,
                    tags: i.tags,
                    periods: i.periods,
                })
                .collect();
            for lb in self.describe(self.elb.as_ref(), "DescribeLoadBalancers", "LoadBalancers").await {
                let Some(created) = lb.get("CreatedTime").and_then(Value::as_f64) else { continue };
                out.push(Resource {
                    kind: ResourceKind::LoadBalancer { lb_type: text(&lb, "Type") },
                    id: text(&lb, "LoadBalancerArn"),
                    az: list(&lb, "AvailabilityZones").first().map(|z| text(z, "ZoneName")).unwrap_or_default(),
                    tags: vec![],
                    periods: vec![(created, None)],
                });
            }
            let classic = self.describe(self.classic_elb.as_ref(), "DescribeLoadBalancers", "LoadBalancerDescriptions");
            for lb in classic.await {
                let Some(created) = lb.get("CreatedTime").and_then(Value::as_f64) else { continue };
                out.push(Resource {
                    kind: ResourceKind::LoadBalancer { lb_type: "classic".into() },
                    id: text(&lb, "LoadBalancerName"),
                    az: list(&lb, "AvailabilityZones").first().and_then(Value::as_str).unwrap_or_default().to_string(),
                    tags: vec![],
                    periods: vec![(created, None)],
                });
            }
            // Volumes, deleted ones too: storage is billed until the deletion.
            for v in self.ec2.volume_history() {
                out.push(Resource {
                    kind: ResourceKind::Volume { volume_type: v.volume_type, size_gb: v.size_gib as f64 },
                    id: v.volume_id,
                    az: v.availability_zone,
                    tags: v.tags,
                    periods: vec![(v.created, v.deleted)],
                });
            }
            // Snapshots: what each increment stored, until the snapshot is deleted.
            for s in self.ec2.snapshot_history() {
                out.push(Resource {
                    kind: ResourceKind::Snapshot { stored_gb: s.stored_bytes as f64 / 1e9 },
                    id: s.snapshot_id,
                    az: String::new(),
                    tags: s.tags,
                    periods: vec![(s.created, s.deleted)],
                });
            }
            for db in self.describe(self.rds.as_ref(), "DescribeDBInstances", "DBInstances").await {
                let Some(created) = db.get("InstanceCreateTime").and_then(Value::as_f64) else { continue };
                // A stopped DB instance's stop time is not kept: it is left out while stopped.
                if text(&db, "DBInstanceStatus") == "stopped" {
                    continue;
                }
                out.push(Resource {
                    kind: ResourceKind::DbInstance { class: text(&db, "DBInstanceClass"), engine: text(&db, "Engine") },
                    id: text(&db, "DBInstanceIdentifier"),
                    az: text(&db, "AvailabilityZone"),
                    tags: vec![],
                    periods: vec![(created, None)],
                });
            }
            // What was deleted still cost what it ran.
            for lb in self.elb.ended_load_balancers() {
                out.push(Resource {
                    kind: ResourceKind::LoadBalancer { lb_type: lb.lb_type },
                    id: lb.id,
                    az: lb.zone,
                    tags: vec![],
                    periods: vec![(lb.created, Some(lb.deleted))],
                });
            }
            for db in self.rds.ended_db_instances() {
                out.push(Resource {
                    kind: ResourceKind::DbInstance { class: db.class, engine: db.engine },
                    id: db.id,
                    az: db.zone,
                    tags: vec![],
                    periods: vec![(db.created, Some(db.deleted))],
                });
            }
            out
        })
    }
}
