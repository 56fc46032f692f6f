//! VPC endpoints: Create/Describe/Modify/DeleteVpcEndpoints and DescribeVpcEndpointServices.
//! Endpoints are records (the region's services are reached from isolated networks through
//! `endpoints.rs`' service interfaces whether or not an endpoint names them): a gateway
//! endpoint does not add routes to its route tables and an interface endpoint makes no
//! interfaces yet.

use serde_json::{json, Value};

use super::{str_of, strings, tag_specs};
use crate::error::{Ec2Error, Result};
use crate::records::{kind, RouteTableRec, SubnetRec, VpcEndpointRec, VpcRec};
use crate::{filter, ids, Ec2};

/// The services an endpoint may name (`com.amazonaws.<region>.<service>`): those homeground
/// serves, by interface, and the gateway services.
const INTERFACE_SERVICES: &[&str] = &[
    "autoscaling",
    "cloudformation",
    "ec2",
    "elasticloadbalancing",
    "iam",
    "monitoring",
    "rds",
    "s3",
    "secretsmanager",
    "sns",
    "sqs",
    "ssm",
    "sts",
];

fn service_types(region: &str, name: &str) -> Vec<&'static str> {
    let Some(short) = name.strip_prefix(&format!("com.amazonaws.{region}.")) else { return vec![] };
    let mut types = Vec::new();
    if super::prefix_lists::GATEWAY_SERVICES.contains(&short) {
        types.push("Gateway");
    }
    if INTERFACE_SERVICES.contains(&short) {
        types.push("Interface");
    }
    types
}

/// EC2's default endpoint policy: full access.
const FULL_ACCESS: &str =
    r#"{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#;

fn not_found(id: &str) -> Ec2Error {
    Ec2Error::Client("InvalidVpcEndpointId.NotFound", format!("The Vpc Endpoint Id '{id}' does not exist"))
}

/// The security groups, route tables and subnets a call names, each checked to exist in the VPC.
fn check_members(
    tx: &store::Tx,
    vpc_id: &str,
    route_tables: &[String],
    subnets: &[String],
    groups: &[String],
) -> Result<Vec<(String, String)>> {
    for id in route_tables {
        let rt = tx
            .get::<RouteTableRec>(kind::ROUTE_TABLE, id)?
            .ok_or_else(|| Ec2Error::not_found("InvalidRouteTableID.NotFound", "routeTable ID", id))?;
        if rt.vpc_id != vpc_id {
            return Err(Ec2Error::InvalidParameter(format!("Route table {id} does not belong to VPC {vpc_id}.")));
        }
    }
    for id in subnets {
        let s = tx
            .get::<SubnetRec>(kind::SUBNET, id)?
            .ok_or_else(|| Ec2Error::not_found("InvalidSubnetID.NotFound", "subnet ID", id))?;
        if s.vpc_id != vpc_id {
            return Err(Ec2Error::InvalidParameter(format!("Subnet {id} does not belong to VPC {vpc_id}.")));
        }
    }
    if groups.is_empty() {
        return Ok(vec![]);
    }
    let found = super::instances::security_groups(tx, vpc_id, groups, &[])?;
    Ok(found.iter().map(|g| (g.group_id.clone(), g.group_name.clone())).collect())
}

pub fn create_vpc_endpoint(ec2: &Ec2, input: &Value) -> Result<Value> {
    let vpc_id = str_of(input, "VpcId")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter VpcId".into()))?;
    let service = str_of(input, "ServiceName")
        .ok_or_else(|| Ec2Error::MissingParameter("The request must contain the parameter ServiceName".into()))?;
    let endpoint_type = str_of(input, "VpcEndpointType").unwrap_or("Gateway");
    let offered = service_types(&ec2.config.region, service);
    if offered.is_empty() {
        return Err(Ec2Error::Client(
            "InvalidServiceName",
            format!("The Vpc Endpoint Service '{service}' does not exist"),
        ));
    }
    if !offered.contains(&endpoint_type) {
        return Err(Ec2Error::InvalidParameter(format!(
            "The Vpc Endpoint Service '{service}' does not support endpoint type {endpoint_type}."
        )));
    }
    let route_tables = strings(input, "RouteTableIds");
    let subnets = strings(input, "SubnetIds");
    let group_ids = strings(input, "SecurityGroupIds");
    if endpoint_type == "Gateway" && (!subnets.is_empty() || !group_ids.is_empty()) {
        return Err(Ec2Error::InvalidParameter(
            "Subnets and security groups cannot be specified for a gateway endpoint.".into(),
        ));
    }
    if endpoint_type == "Interface" && !route_tables.is_empty() {
        return Err(Ec2Error::InvalidParameter("Route tables cannot be specified for an interface endpoint.".into()));
    }
    let policy = str_of(input, "PolicyDocument").unwrap_or(FULL_ACCESS);
    if serde_json::from_str::<Value>(policy).is_err() {
        return Err(Ec2Error::Client("MalformedPolicyDocument", "The policy document is not valid JSON.".into()));
    }
    let tags = tag_specs(input, "vpc-endpoint")?;
    let now = ec2.now();
    let endpoint = ec2.write(|tx| {
        tx.get::<VpcRec>(kind::VPC, vpc_id)?
            .ok_or_else(|| Ec2Error::not_found("InvalidVpcID.NotFound", "vpc ID", vpc_id))?;
        let mut groups = check_members(tx, vpc_id, &route_tables, &subnets, &group_ids)?;
        if endpoint_type == "Interface" && groups.is_empty() {
            groups =
                super::vpcs::default_group(tx, vpc_id)?.map(|g| vec![(g.group_id, g.group_name)]).unwrap_or_default();
        }
        let endpoint = VpcEndpointRec {
            vpc_endpoint_id: ids::new("vpce"),
            endpoint_type: endpoint_type.into(),
            vpc_id: vpc_id.into(),
            service_name: service.into(),
            policy_document: policy.into(),
            route_table_ids: route_tables.clone(),
            subnet_ids: subnets.clone(),
            groups,
            private_dns_enabled: endpoint_type == "Interface"
                && input.get("PrivateDnsEnabled").and_then(Value::as_bool).unwrap_or(true),
            owner_id: ec2.config.account.clone(),
            created: now,
            tags,
        };
        tx.put(kind::VPC_ENDPOINT, &endpoint.vpc_endpoint_id, &endpoint)?;
        Ok(endpoint)
    })?;
    let mut out = json!({"VpcEndpoint": endpoint.render(&ec2.config.region)});
    if let Some(c) = str_of(input, "ClientToken") {
        out["ClientToken"] = json!(c);
    }
    Ok(out)
}

pub fn describe_vpc_endpoints(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "VpcEndpointIds");
    let filters = filter::from_input(input);
    let all = ec2.read(|tx| Ok(tx.list::<VpcEndpointRec>(kind::VPC_ENDPOINT, "")?))?;
    for id in &wanted {
        if !all.iter().any(|(k, _)| k == id) {
            return Err(not_found(id));
        }
    }
    let paths = [
        ("vpc-endpoint-id", "VpcEndpointId"),
        ("vpc-id", "VpcId"),
        ("service-name", "ServiceName"),
        ("vpc-endpoint-state", "State"),
        ("vpc-endpoint-type", "VpcEndpointType"),
    ];
    let mut out = Vec::new();
    for (id, e) in all {
        let v = e.render(&ec2.config.region);
        if (wanted.is_empty() || wanted.contains(&id)) && filter::matches(&v, &filters, &paths)? {
            out.push(v);
        }
    }
    super::page(out, input, "VpcEndpoints")
}

pub fn modify_vpc_endpoint(ec2: &Ec2, input: &Value) -> Result<Value> {
    let id = str_of(input, "VpcEndpointId").unwrap_or_default();
    let policy = str_of(input, "PolicyDocument");
    if policy.is_some_and(|p| serde_json::from_str::<Value>(p).is_err()) {
        return Err(Ec2Error::Client("MalformedPolicyDocument", "The policy document is not valid JSON.".into()));
    }
    ec2.write(|tx| {
        let mut e = tx.get::<VpcEndpointRec>(kind::VPC_ENDPOINT, id)?.ok_or_else(|| not_found(id))?;
        let add_rt = strings(input, "AddRouteTableIds");
        let add_subnets = strings(input, "AddSubnetIds");
        let add_groups = check_members(tx, &e.vpc_id, &add_rt, &add_subnets, &strings(input, "AddSecurityGroupIds"))?;
        let edit = |list: &mut Vec<String>, add: Vec<String>, remove: Vec<String>| {
            list.retain(|x| !remove.contains(x));
            list.extend(add.into_iter().filter(|a| !list.contains(a)).collect::<Vec<_>>());
        };
        edit(&mut e.route_table_ids, add_rt, strings(input, "RemoveRouteTableIds"));
        edit(&mut e.subnet_ids, add_subnets, strings(input, "RemoveSubnetIds"));
        let remove_groups = strings(input, "RemoveSecurityGroupIds");
        e.groups.retain(|(g, _)| !remove_groups.contains(g));
        for g in add_groups {
            if !e.groups.contains(&g) {
                e.groups.push(g);
            }
        }
        if let Some(p) = policy {
            e.policy_document = p.into();
        }
        if input.get("ResetPolicy").and_then(Value::as_bool) == Some(true) {
            e.policy_document = FULL_ACCESS.into();
        }
        if let Some(d) = input.get("PrivateDnsEnabled").and_then(Value::as_bool) {
            e.private_dns_enabled = d && e.endpoint_type == "Interface";
        }
        tx.put(kind::VPC_ENDPOINT, id, &e)?;
        Ok(())
    })?;
    Ok(json!({"Return": true}))
}

pub fn delete_vpc_endpoints(ec2: &Ec2, input: &Value) -> Result<Value> {
    let wanted = strings(input, "VpcEndpointIds");
    let failed = ec2.write(|tx| {
        let mut failed = Vec::new();
        for id in &wanted {
            if tx.get::<VpcEndpointRec>(kind::VPC_ENDPOINT, id)?.is_some() {
                tx.delete(kind::VPC_ENDPOINT, id)?;
            } else {
                failed.push(json!({"ResourceId": id, "Error": {"Code": "InvalidVpcEndpoint.NotFound",
                    "Message": format!("The Vpc Endpoint Id '{id}' does not exist")}}));
            }
        }
        Ok(failed)
    })?;
    Ok(json!({"Unsuccessful": failed}))
}

/// Endpoints in a VPC (which then cannot be deleted).
pub(crate) fn in_vpc(tx: &store::Tx, vpc_id: &str) -> Result<bool> {
    Ok(tx.list::<VpcEndpointRec>(kind::VPC_ENDPOINT, "")?.into_iter().any(|(_, e)| e.vpc_id == vpc_id))
}

pub fn describe_vpc_endpoint_services(ec2: &Ec2, input: &Value) -> Result<Value> {
    let region = &ec2.config.region;
    let wanted = strings(input, "ServiceNames");
    let filters = filter::from_input(input);
    let zones = crate::zones(region);
    let mut names: Vec<String> = INTERFACE_SERVICES
        .iter()
        .chain(super::prefix_lists::GATEWAY_SERVICES)
        .map(|s| format!("com.amazonaws.{region}.{s}"))
        .collect();
    names.sort();
    names.dedup();
    for w in &wanted {
        if !names.contains(w) {
            return Err(Ec2Error::Client(
                "InvalidServiceName",
                format!("The Vpc Endpoint Service '{w}' does not exist"),
            ));
        }
    }
    let mut details = Vec::new();
    for name in names.iter().filter(|n| wanted.is_empty() || wanted.contains(n)) {
        let short = name.rsplit('.').next().unwrap_or_default();
        for t in service_types(region, name) {
            let mut v = json!({
                "ServiceName": name, "ServiceType": [{"ServiceType": t}], "AvailabilityZones": zones,
                "Owner": "amazon", "BaseEndpointDnsNames": [format!("{short}.{region}.vpce.amazonaws.com")],
                "VpcEndpointPolicySupported": true, "AcceptanceRequired": false, "ManagesVpcEndpoints": false,
                "SupportedIpAddressTypes": ["ipv4"], "ServiceId": ids::derived("vpce-svc", &format!("{name}/{t}")),
            });
            if t == "Interface" {
                v["PrivateDnsName"] = json!(format!("{short}.{region}.amazonaws.com"));
            }
            if filter::matches(
                &v,
                &filters,
                &[("service-name", "ServiceName"), ("service-type", "ServiceType.ServiceType")],
            )? {
                details.push(v);
            }
        }
    }
    let listed: Vec<Value> = details.iter().map(|d| d["ServiceName"].clone()).collect::<Vec<_>>();
    let mut listed: Vec<String> = listed.iter().filter_map(|v| v.as_str().map(String::from)).collect();
    listed.dedup();
    Ok(json!({"ServiceNames": listed, "ServiceDetails": details}))
}
