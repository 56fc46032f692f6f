//! AWS::ElasticLoadBalancing::LoadBalancer: a classic load balancer through the 2012-06-01 API
//! — its listeners, health check, attributes (cross-zone, connection draining, idle timeout),
//! stickiness policies and instances. Ref answers its name.

use api::elb::{
    ConfigureHealthCheckInput, ConnectionDraining, ConnectionSettings, CreateAccessPointInput,
    CreateAppCookieStickinessPolicyInput, CreateLBCookieStickinessPolicyInput, CrossZoneLoadBalancing,
    DeleteAccessPointInput, DescribeAccessPointsInput, HealthCheck, Instance, Listener, LoadBalancerAttributes,
    ModifyLoadBalancerAttributesInput, RegisterEndPointsInput, SetLoadBalancerPoliciesOfListenerInput, Tag,
};

use super::{gone, refusal, Created, Cx, Props};
use crate::Peer;

fn refused(e: wire::ApiError) -> String {
    refusal(Peer::ClassicElb, e)
}

/// A classic load balancer name CloudFormation makes: at most 32 alphanumerics and hyphens.
fn generated_name(cx: &Cx) -> String {
    let raw: String = cx.generated_name(32).chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    raw.trim_matches('-').to_string()
}

pub async fn create(cx: &Cx, p: Props<'_>) -> Result<Created, String> {
    let elb = cx.classic_elb()?;
    let name = p.str("LoadBalancerName").unwrap_or_else(|| generated_name(cx));
    let listeners = p
        .objects("Listeners")
        .into_iter()
        .map(|l| {
            Ok(Listener {
                protocol: l.req("Protocol")?,
                load_balancer_port: l.int32("LoadBalancerPort")?.ok_or("Property LoadBalancerPort cannot be empty.")?,
                instance_protocol: l.str("InstanceProtocol"),
                instance_port: l.int32("InstancePort")?.ok_or("Property InstancePort cannot be empty.")?,
                ssl_certificate_id: l.str("SSLCertificateId"),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let tags: Vec<Tag> = cx.tags(p).into_iter().map(|t| Tag { key: t.key, value: Some(t.value) }).collect();
    let input = CreateAccessPointInput {
        load_balancer_name: name.clone(),
        listeners,
        availability_zones: p.list("AvailabilityZones"),
        subnets: p.list("Subnets"),
        security_groups: p.list("SecurityGroups"),
        scheme: p.str("Scheme"),
        tags: Some(tags).filter(|t| !t.is_empty()),
    };
    let out = elb.create_load_balancer(input).await.map_err(refused)?;
    cx.exists(&name);
    if let Some(h) = p.get("HealthCheck") {
        let h = Props(h);
        let input = ConfigureHealthCheckInput {
            load_balancer_name: name.clone(),
            health_check: HealthCheck {
                target: h.req("Target")?,
                interval: h.int32("Interval")?.unwrap_or(30),
                timeout: h.int32("Timeout")?.unwrap_or(5),
                healthy_threshold: h.int32("HealthyThreshold")?.unwrap_or(10),
                unhealthy_threshold: h.int32("UnhealthyThreshold")?.unwrap_or(2),
            },
        };
        elb.configure_health_check(input).await.map_err(refused)?;
    }
    let mut attributes = LoadBalancerAttributes::default();
    if let Some(enabled) = p.bool("CrossZone")? {
        attributes.cross_zone_load_balancing = Some(CrossZoneLoadBalancing { enabled });
    }
    if let Some(d) = p.get("ConnectionDrainingPolicy") {
        let d = Props(d);
        attributes.connection_draining = Some(ConnectionDraining {
            enabled: d.bool("Enabled")?.unwrap_or(false),
            timeout: Some(d.int32("Timeout")?.unwrap_or(300)),
        });
    }
    if let Some(idle_timeout) =
        p.get("ConnectionSettings").map(Props).map(|c| c.int32("IdleTimeout")).transpose()?.flatten()
    {
        attributes.connection_settings = Some(ConnectionSettings { idle_timeout });
    }
    if attributes != LoadBalancerAttributes::default() {
        let input = ModifyLoadBalancerAttributesInput {
            load_balancer_name: name.clone(),
            load_balancer_attributes: attributes,
        };
        elb.modify_load_balancer_attributes(input).await.map_err(refused)?;
    }
    for s in p.objects("LBCookieStickinessPolicy") {
        let input = CreateLBCookieStickinessPolicyInput {
            load_balancer_name: name.clone(),
            policy_name: s.req("PolicyName")?,
            cookie_expiration_period: s.int("CookieExpirationPeriod")?,
        };
        elb.create_lb_cookie_stickiness_policy(input).await.map_err(refused)?;
    }
    for s in p.objects("AppCookieStickinessPolicy") {
        let input = CreateAppCookieStickinessPolicyInput {
            load_balancer_name: name.clone(),
            policy_name: s.req("PolicyName")?,
            cookie_name: s.req("CookieName")?,
        };
        elb.create_app_cookie_stickiness_policy(input).await.map_err(refused)?;
    }
    for l in p.objects("Listeners") {
        let names = l.strings("PolicyNames");
        if !names.is_empty() {
            let input = SetLoadBalancerPoliciesOfListenerInput {
                load_balancer_name: name.clone(),
                load_balancer_port: l.int32("LoadBalancerPort")?.unwrap_or_default(),
                policy_names: names,
            };
            elb.set_load_balancer_policies_of_listener(input).await.map_err(refused)?;
        }
    }
    let instances = p.strings("Instances");
    if !instances.is_empty() {
        let input = RegisterEndPointsInput {
            load_balancer_name: name.clone(),
            instances: instances.into_iter().map(|i| Instance { instance_id: Some(i) }).collect(),
        };
        elb.register_instances_with_load_balancer(input).await.map_err(refused)?;
    }
    let input = DescribeAccessPointsInput { load_balancer_names: Some(vec![name.clone()]), ..Default::default() };
    let d = elb.describe_load_balancers(input).await.map_err(refused)?;
    let lb = d.load_balancer_descriptions.and_then(|l| l.into_iter().next()).unwrap_or_default();
    let sg = lb.source_security_group.unwrap_or_default();
    Ok(Created::id(name)
        .attr("DNSName", out.dns_name.unwrap_or_default())
        .attr("CanonicalHostedZoneName", lb.canonical_hosted_zone_name)
        .attr("CanonicalHostedZoneNameID", lb.canonical_hosted_zone_name_id)
        .attr("SourceSecurityGroup.GroupName", sg.group_name.unwrap_or_default())
        .attr("SourceSecurityGroup.OwnerAlias", sg.owner_alias.unwrap_or_default()))
}

pub async fn delete(cx: &Cx, name: &str) -> Result<(), String> {
    let out =
        cx.classic_elb()?.delete_load_balancer(DeleteAccessPointInput { load_balancer_name: name.to_string() }).await;
    gone(out.map_err(refused))
}
