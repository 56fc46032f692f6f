//! Isolated networks: a DB instance in a DB subnet group is reached inside the group's VPC at
//! an address of its own, behind its VPC security groups (EC2's service endpoint: the VPC
//! router admits what the groups allow and relays it to the server's host address). RDS keeps
//! that address as the instance's `vpc_address`, which the Endpoint then shows. Replication and
//! the controller keep using the host address, as RDS's own traffic is not subject to the
//! customer's groups.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr};

use crate::records::{kind, status, InstanceRec, SubnetGroupRec};
use crate::Rds;

/// Bring every DB instance's VPC endpoint to what its record says (a pass of the controller).
pub(crate) fn sync(rds: &Rds, recs: &[InstanceRec]) {
    let groups: HashMap<String, SubnetGroupRec> = match rds.store.read(|tx| tx.list(kind::SUBNET_GROUP, "")) {
        Ok(g) => g.into_iter().collect(),
        Err(e) => {
            tracing::warn!(error = %e, "rds: reading DB subnet groups");
            return;
        }
    };
    let mut keep = HashSet::new();
    for rec in recs {
        // From creation on (this runs before the pass plans any work, so the address is
        // recorded before the instance can become available and show its Endpoint).
        if matches!(rec.status.as_str(), status::DELETING | status::FAILED) {
            continue;
        }
        let Some(group) = rec.subnet_group.as_ref().and_then(|g| groups.get(g)) else { continue };
        let Ok(host) = rec.address.parse::<IpAddr>() else { continue };
        keep.insert(rec.arn.clone());
        let address = rds
            .subnets
            .vpc_endpoint(
                &rec.arn,
                &group.vpc_id,
                &subnets_for(group, &rec.availability_zone),
                &rec.vpc_security_groups,
                rec.port,
                SocketAddr::new(host, rec.port),
            )
            .map(|ip| ip.to_string());
        if address != rec.vpc_address {
            let written = rds.store.write(|tx| -> Result<(), store::StoreError> {
                if let Some(mut r) = tx.get::<InstanceRec>(kind::INSTANCE, &rec.id)? {
                    r.vpc_address = address.clone();
                    tx.put(kind::INSTANCE, &rec.id, &r)?;
                }
                Ok(())
            });
            if let Err(e) = written {
                tracing::warn!(db_instance = %rec.id, error = %e, "rds: VPC address not recorded");
            }
        }
    }
    rds.subnets.retain_vpc_endpoints(&keep);
}

/// The group's subnets, those in the instance's zone first.
fn subnets_for(group: &SubnetGroupRec, zone: &str) -> Vec<String> {
    let (mut here, elsewhere): (Vec<_>, Vec<_>) = group.subnets.iter().partition(|s| s.availability_zone == zone);
    here.extend(elsewhere);
    here.into_iter().map(|s| s.id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::SubnetRec;

    #[test]
    fn the_instances_own_zone_comes_first() {
        let group = SubnetGroupRec {
            name: "kg".into(),
            arn: String::new(),
            description: String::new(),
            vpc_id: "vpc-1".into(),
            subnets: vec![
                SubnetRec { id: "subnet-a".into(), availability_zone: "eu-west-2a".into() },
                SubnetRec { id: "subnet-c".into(), availability_zone: "eu-west-2c".into() },
            ],
            tags: vec![],
        };
        assert_eq!(subnets_for(&group, "eu-west-2c"), vec!["subnet-c", "subnet-a"]);
        assert_eq!(subnets_for(&group, "eu-west-2b"), vec!["subnet-a", "subnet-c"]);
    }
}
