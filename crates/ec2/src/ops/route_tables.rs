//! Route tables: Create/Delete/DescribeRouteTables, Create/Delete/ReplaceRoute,
//! Associate/DisassociateRouteTable. Every VPC has a main route table with its local route;
//! routes name internet gateways, NAT gateways or instances, and show `blackhole` once their
//! target is gone. The records are kept with EC2's referential rules; no packet is forwarded.

use ipnet::Ipv4Net;
use serde_json::{json, Value};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{
    kind, InstanceRec, InstanceState, InternetGatewayRec, NatGatewayRec, RouteAssoc, RouteRec, RouteTableRec,
    RouteTarget, SubnetRec, VpcRec,
};
use crate::{filter, ids, Ec2};

/// A VPC's main route table: the main association and the local route.
pub(crate) fn new_main_table(account: &str, vpc: &VpcRec) -> RouteTableRec {
    let id = ids::new("rtb");
    RouteTableRec {
        route_table_id: id,
        vpc_id: vpc.vpc_id.clone(),
        owner_id: account.into(),
        routes: vec![RouteRec {
            destination: vpc.cidr.clone(),
            target: RouteTarget::Local,
            origin: "CreateRouteTable".into(),
        }],
        associations: vec![RouteAssoc {
            association_id: ids::new("rtbassoc"),
            main: true,
            subnet_id: None,
            gateway_id: None,
        }],
        tags: vec![],
    }
}

pub(crate) fn main_table(tx: &store::Tx, vpc_id: &str) -> Result<Option<RouteTableRec>> {
    Ok(tx
        .list::<RouteTableRec>(kind::ROUTE_TABLE, "")?
        .into_iter()
        .map(|(_, t)| t)
        .find(|t| t.vpc_id == vpc_id && t.is_main()))
}

/// A deleted subnet's associations go with it.
pub(crate) fn forget_subnet(tx: &store::Tx, subnet_id: &str) -> Result<()> {
    for (k, mut t) in tx.list::<RouteTableRec>(kind::ROUTE_TABLE, "")? {
        let before = t.associations.len();
        t.associations.retain(|a| a.subnet_id.as_deref() != Some(subnet_id));
        if t.associations.len() != before {
            tx.put(kind::ROUTE_TABLE, &k, &t)?;
        }
    }
    Ok(())
}

fn load(tx: &store::Tx, id: &str) -> Result<RouteTableRec> {
    tx.get::<RouteTableRec>(kind::ROUTE_TABLE, id)?
        .ok_or_else(|| Ec2Error::not_found("InvalidRouteTableID.NotFound", "routeTable ID", id))
}

/// Is this route's target there and usable from this VPC?
fn target_active(tx: &store::Tx, vpc_id: &str, t: &RouteTarget) -> Result<bool> {
    Ok(match t {
        RouteTarget::Local => true,
        RouteTarget::Gateway(g) => tx
            .get::<InternetGatewayRec>(kind::INTERNET_GATEWAY, g)?
            .is_some_and(|g| g.vpc_id.as_deref() == Some(vpc_id)),
        RouteTarget::NatGateway(n) => {
            tx.get::<NatGatewayRec>(kind::NAT_GATEWAY, n)?.is_some_and(|n| n.state == "available")
        }
        RouteTarget::Instance(i) => {
            tx.get::<InstanceRec>(kind::INSTANCE, i)?.is_some_and(|i| i.state == InstanceState::Running)
        }
    })
}

fn render(tx: &store::Tx, t: &RouteTableRec) -> Result<Value> {
    let mut states = Vec::new();
    for r in &t.routes {
        states.push((r.target.clone(), target_active(tx, &t.vpc_id, &r.target)?));
    }
    Ok(t.render(&|target| states.iter().any(|(x, ok)| x == target && *ok)))
}

pub fn create_route_table(ec2: &Ec2, input: &Value) -> Result<Value> {
    let vpc_id = str_of(input, "VpcId")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter VpcId".into()))?;
    let tags = tag_specs(input, "route-table")?;
    let out = ec2.write(|tx| {
        let vpc = tx
            .get::<VpcRec>(kind::VPC, vpc_id)?
            .ok_or_else(|| Ec2Error::not_found("InvalidVpcID.NotFound", "vpc ID", vpc_id))?;
        let mut t = new_main_table(&ec2.config.account, &vpc);
        t.associations.clear();
        t.tags = tags.clone();
        tx.put(kind::ROUTE_TABLE, &t.route_table_id, &t)?;
        render(tx, &t)
    })?;
    let mut v = json!({"RouteTable": out});
    if let Some(c) = str_of(input, "ClientToken") {
        v["ClientToken"] = json!(c);
    }
    Ok(v)
}

pub fn delete_route_table(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "RouteTableId").unwrap_or_default();
    ec2.write(|tx| {
        let t = load(tx, id)?;
        if !t.associations.is_empty() {
            return Err(Ec2Error::Client(
                "DependencyViolation",
                format!("The routeTable '{id}' has dependencies and cannot be deleted."),
            ));
        }
        tx.delete(kind::ROUTE_TABLE, id)?;
        Ok(())
    })?;
    Ok(json!({}))
}

const FILTERS: &[(&str, &str)] = &[
    ("route-table-id", "RouteTableId"),
    ("vpc-id", "VpcId"),
    ("owner-id", "OwnerId"),
    ("association.route-table-association-id", "Associations.RouteTableAssociationId"),
    ("association.route-table-id", "Associations.RouteTableId"),
    ("association.subnet-id", "Associations.SubnetId"),
    ("association.gateway-id", "Associations.GatewayId"),
    ("association.main", "Associations.Main"),
    ("route.destination-cidr-block", "Routes.DestinationCidrBlock"),
    ("route.gateway-id", "Routes.GatewayId"),
    ("route.nat-gateway-id", "Routes.NatGatewayId"),
    ("route.instance-id", "Routes.InstanceId"),
    ("route.origin", "Routes.Origin"),
    ("route.state", "Routes.State"),
];

pub fn describe_route_tables(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "RouteTableIds");
    let filters = filter::from_input(input);
    let rendered = ec2.read(|tx| {
        for id in &wanted {
            load(tx, id)?;
        }
        let mut out = Vec::new();
        for (id, t) in tx.list::<RouteTableRec>(kind::ROUTE_TABLE, "")? {
            if wanted.is_empty() || wanted.contains(&id) {
                out.push(render(tx, &t)?);
            }
        }
        Ok(out)
    })?;
    let mut out = Vec::new();
    for v in rendered {
        if filter::matches(&v, &filters, FILTERS)? {
            out.push(v);
        }
    }
    super::page(out, input, "RouteTables")
}

fn destination(input: &Value) -> Result<String> {
    if input.get("DestinationIpv6CidrBlock").is_some() || input.get("DestinationPrefixListId").is_some() {
        return Err(Ec2Error::Unsupported("Only IPv4 destinations (DestinationCidrBlock) are supported.".into()));
    }
    let d = str_of(input, "DestinationCidrBlock").ok_or_else(|| {
        Ec2Error::MissingParameter("The request must contain the parameter destinationCidrBlock".into())
    })?;
    match d.parse::<Ipv4Net>() {
        Ok(n) if n.network() == n.addr() => Ok(n.to_string()),
        _ => Err(Ec2Error::InvalidParameterValue(format!(
            "Value ({d}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block."
        ))),
    }
}

/// The target a CreateRoute/ReplaceRoute names, checked against what exists.
fn target(tx: &store::Tx, input: &Value, t: &RouteTableRec) -> Result<RouteTarget> {
    let unsupported = [
        "CarrierGatewayId",
        "CoreNetworkArn",
        "EgressOnlyInternetGatewayId",
        "LocalGatewayId",
        "NetworkInterfaceId",
        "TransitGatewayId",
        "VpcEndpointId",
        "VpcPeeringConnectionId",
    ];
    if let Some(k) = unsupported.iter().find(|k| input.get(**k).is_some()) {
        return Err(Ec2Error::Unsupported(format!("Routes to a {k} are not supported.")));
    }
    let given: Vec<&str> =
        ["GatewayId", "NatGatewayId", "InstanceId"].into_iter().filter(|k| input.get(*k).is_some()).collect();
    if given.len() != 1 {
        return Err(Ec2Error::InvalidParameterCombination(
            "The request must contain exactly one of gatewayId, natGatewayId or instanceId".into(),
        ));
    }
    let id = str_of(input, given[0]).unwrap_or_default();
    match given[0] {
        "GatewayId" => {
            let g = tx.get::<InternetGatewayRec>(kind::INTERNET_GATEWAY, id)?.ok_or_else(|| {
                Ec2Error::Client("InvalidGatewayID.NotFound", format!("The gateway ID '{id}' does not exist"))
            })?;
            if g.vpc_id.as_deref() != Some(t.vpc_id.as_str()) {
                return Err(Ec2Error::InvalidParameterValue(format!(
                    "route table {} and network gateway {id} belong to different networks",
                    t.route_table_id
                )));
            }
            Ok(RouteTarget::Gateway(id.into()))
        }
        "NatGatewayId" => {
            let n =
                tx.get::<NatGatewayRec>(kind::NAT_GATEWAY, id)?.filter(|n| n.state != "deleted").ok_or_else(|| {
                    Ec2Error::Client("InvalidNatGatewayID.NotFound", format!("The natGateway ID '{id}' does not exist"))
                })?;
            if n.vpc_id != t.vpc_id {
                return Err(Ec2Error::InvalidParameterValue(format!(
                    "route table {} and NAT gateway {id} belong to different networks",
                    t.route_table_id
                )));
            }
            Ok(RouteTarget::NatGateway(id.into()))
        }
        _ => {
            let i = super::instances::load(tx, id)?;
            if i.vpc_id != t.vpc_id {
                return Err(Ec2Error::InvalidParameterValue(format!(
                    "route table {} and instance {id} belong to different networks",
                    t.route_table_id
                )));
            }
            Ok(RouteTarget::Instance(id.into()))
        }
    }
}

pub fn create_route(ec2: &Ec2, input: &Value) -> Result<Value> {
    let dest = destination(input)?;
    let id = str_of(input, "RouteTableId").unwrap_or_default();
    ec2.write(|tx| {
        let mut t = load(tx, id)?;
        let target = target(tx, input, &t)?;
        if t.routes.iter().any(|r| r.destination == dest) {
            return Err(Ec2Error::Client(
                "RouteAlreadyExists",
                format!("The route identified by {dest} already exists."),
            ));
        }
        t.routes.push(RouteRec { destination: dest.clone(), target, origin: "CreateRoute".into() });
        tx.put(kind::ROUTE_TABLE, id, &t)?;
        Ok(())
    })?;
    Ok(json!({"Return": true}))
}

pub fn replace_route(ec2: &Ec2, input: &Value) -> Result<Value> {
    let dest = destination(input)?;
    let id = str_of(input, "RouteTableId").unwrap_or_default();
    ec2.write(|tx| {
        let mut t = load(tx, id)?;
        let target = target(tx, input, &t)?;
        let r = t.routes.iter_mut().find(|r| r.destination == dest).ok_or_else(|| {
            Ec2Error::InvalidParameterValue(format!(
                "There is no route defined for '{dest}' in the route table. Use CreateRoute instead."
            ))
        })?;
        if r.target == RouteTarget::Local {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "cannot replace local route {dest} in route table {id}"
            )));
        }
        r.target = target;
        r.origin = "CreateRoute".into();
        tx.put(kind::ROUTE_TABLE, id, &t)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn delete_route(ec2: &Ec2, input: &Value) -> Result<Value> {
    let dest = destination(input)?;
    let id = str_of(input, "RouteTableId").unwrap_or_default();
    ec2.write(|tx| {
        let mut t = load(tx, id)?;
        let at = t.routes.iter().position(|r| r.destination == dest).ok_or_else(|| {
            Ec2Error::Client(
                "InvalidRoute.NotFound",
                format!("no route with destination-cidr-block {dest} in route table {id}"),
            )
        })?;
        if t.routes[at].target == RouteTarget::Local {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "cannot remove local route {dest} in route table {id}"
            )));
        }
        t.routes.remove(at);
        tx.put(kind::ROUTE_TABLE, id, &t)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub fn associate_route_table(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "RouteTableId").unwrap_or_default();
    let subnet_id = str_of(input, "SubnetId");
    let gateway_id = str_of(input, "GatewayId");
    let assoc_id = ec2.write(|tx| {
        let mut t = load(tx, id)?;
        let tables = tx.list::<RouteTableRec>(kind::ROUTE_TABLE, "")?;
        match (subnet_id, gateway_id) {
            (Some(s), None) => {
                let subnet = tx
                    .get::<SubnetRec>(kind::SUBNET, s)?
                    .ok_or_else(|| Ec2Error::not_found("InvalidSubnetID.NotFound", "subnet ID", s))?;
                if subnet.vpc_id != t.vpc_id {
                    return Err(Ec2Error::InvalidParameterValue(format!(
                        "Route table {id} and subnet {s} belong to different networks"
                    )));
                }
                if tables.iter().any(|(_, o)| o.associations.iter().any(|a| a.subnet_id.as_deref() == Some(s))) {
                    return Err(Ec2Error::Client(
                        "Resource.AlreadyAssociated",
                        format!(
                            "the specified association for route table {id} conflicts with an existing association"
                        ),
                    ));
                }
            }
            (None, Some(g)) => {
                let igw = tx.get::<InternetGatewayRec>(kind::INTERNET_GATEWAY, g)?.ok_or_else(|| {
                    Ec2Error::Client("InvalidGatewayID.NotFound", format!("The gateway ID '{g}' does not exist"))
                })?;
                if igw.vpc_id.as_deref() != Some(t.vpc_id.as_str()) {
                    return Err(Ec2Error::InvalidParameterValue(format!(
                        "Route table {id} and gateway {g} belong to different networks"
                    )));
                }
                if tables.iter().any(|(_, o)| o.associations.iter().any(|a| a.gateway_id.as_deref() == Some(g))) {
                    return Err(Ec2Error::Client(
                        "Resource.AlreadyAssociated",
                        format!(
                            "the specified association for route table {id} conflicts with an existing association"
                        ),
                    ));
                }
            }
            _ => {
                return Err(Ec2Error::InvalidParameterCombination(
                    "The request must contain exactly one of subnetId or gatewayId".into(),
                ))
            }
        }
        let a = RouteAssoc {
            association_id: ids::new("rtbassoc"),
            main: false,
            subnet_id: subnet_id.map(String::from),
            gateway_id: gateway_id.map(String::from),
        };
        let aid = a.association_id.clone();
        t.associations.push(a);
        tx.put(kind::ROUTE_TABLE, id, &t)?;
        Ok(aid)
    })?;
    Ok(json!({"AssociationId": assoc_id, "AssociationState": {"State": "associated"}}))
}

pub fn disassociate_route_table(ec2: &Ec2, input: &Value) -> Result<Value> {
    let assoc = str_of(input, "AssociationId").unwrap_or_default();
    ec2.write(|tx| {
        for (k, mut t) in tx.list::<RouteTableRec>(kind::ROUTE_TABLE, "")? {
            if let Some(at) = t.associations.iter().position(|a| a.association_id == assoc) {
                if t.associations[at].main {
                    return Err(Ec2Error::InvalidParameterValue(format!(
                        "cannot disassociate the main route table association {assoc}"
                    )));
                }
                t.associations.remove(at);
                tx.put(kind::ROUTE_TABLE, &k, &t)?;
                return Ok(());
            }
        }
        Err(Ec2Error::Client("InvalidAssociationID.NotFound", format!("The association ID '{assoc}' does not exist")))
    })?;
    Ok(json!({}))
}
