//! Auto Scaling groups: create, update, delete, describe; desired capacity; load balancer and
//! target group attachments; the activity history.

use serde_json::{json, Value};

use api::cloudwatch::DeleteAlarmsInput;
use api::ec2::{
    DescribeLaunchTemplatesRequest, DescribeSubnetsRequest, Filter, LaunchTemplateSpecification, ResourceType,
    RunInstancesRequest, Tag, TagSpecification,
};
use api::elbv2::DescribeTargetGroupsInput;

use super::{at, bool_of, ec2, int_of, load_group, new_id, page, required, str_of, strings, target_tracking_alarms};
use crate::error::{AsgError, Result};
use crate::records::{kind, ActivityRec, GroupRec, Lifecycle, PolicyRec, TagRec, TemplateRef};
use crate::AutoScaling;
use wire::CallContext;

pub(crate) const MAX_GROUPS: usize = 500;
const TERMINATION_POLICIES: [&str; 7] = [
    "Default",
    "AllocationStrategy",
    "ClosestToNextInstanceHour",
    "NewestInstance",
    "OldestInstance",
    "OldestLaunchConfiguration",
    "OldestLaunchTemplate",
];

/// Resolve a `LaunchTemplateSpecification` through EC2 (it must exist, and so must a
/// numbered version).
pub(crate) async fn resolve_template(asg: &AutoScaling, spec: &Value) -> Result<TemplateRef> {
    let id = str_of(spec, "LaunchTemplateId");
    let name = str_of(spec, "LaunchTemplateName");
    let query = match (id, name) {
        (Some(id), None) => {
            DescribeLaunchTemplatesRequest { launch_template_ids: Some(vec![id.to_string()]), ..Default::default() }
        }
        (None, Some(n)) => {
            DescribeLaunchTemplatesRequest { launch_template_names: Some(vec![n.to_string()]), ..Default::default() }
        }
        _ => {
            return Err(AsgError::validation(
                "Valid requests must contain either launchTemplateId or LaunchTemplateName",
            ))
        }
    };
    let missing = || {
        AsgError::validation(match (id, name) {
            (Some(id), _) => format!("You must use a valid fully-formed launch template. The specified launch template, with template ID {id}, does not exist."),
            (_, Some(n)) => format!("You must use a valid fully-formed launch template. The specified launch template, with template name {n}, does not exist."),
            _ => unreachable!(),
        })
    };
    let out = ec2(asg).describe_launch_templates(query).await.map_err(|_| missing())?;
    let t = out.launch_templates.and_then(|l| l.into_iter().next()).ok_or_else(missing)?;
    let version = str_of(spec, "Version").unwrap_or("$Default").to_string();
    if version != "$Latest" && version != "$Default" {
        let n: i64 = version.parse().map_err(|_| {
            AsgError::validation(format!(
                "You must use a valid fully-formed launch template. Invalid launch template version: {version}"
            ))
        })?;
        let latest = t.latest_version_number.unwrap_or(1);
        if n < 1 || n > latest {
            return Err(AsgError::validation(format!(
                "You must use a valid fully-formed launch template. The specified launch template version {n} does not exist."
            )));
        }
    }
    Ok(TemplateRef {
        id: t.launch_template_id.unwrap_or_default(),
        name: t.launch_template_name.unwrap_or_default(),
        version,
    })
}

/// Where a group launches.
#[derive(Clone)]
pub(crate) struct Placement {
    pub subnets: Vec<String>,
    pub placements: Vec<(String, String)>,
    pub zones: Vec<String>,
}

/// Subnets (`VPCZoneIdentifier`) or zones, checked through EC2. Zones given alone launch into
/// the default subnet of each.
pub(crate) async fn placement(asg: &AutoScaling, subnets: Vec<String>, zones: Vec<String>) -> Result<Placement> {
    if subnets.is_empty() && zones.is_empty() {
        return Err(AsgError::validation("At least one Availability Zone or VPC Subnet is required."));
    }
    if !subnets.is_empty() {
        let mut vpcs = Vec::new();
        let mut zs = Vec::new();
        let mut placements = Vec::new();
        for s in &subnets {
            let out = ec2(asg)
                .describe_subnets(DescribeSubnetsRequest { subnet_ids: Some(vec![s.clone()]), ..Default::default() })
                .await
                .map_err(|_| AsgError::validation(format!("The subnet ID '{s}' does not exist")))?;
            let sub = out.subnets.and_then(|l| l.into_iter().next()).unwrap_or_default();
            vpcs.push(sub.vpc_id.unwrap_or_default());
            let z = sub.availability_zone.unwrap_or_default();
            placements.push((s.clone(), z.clone()));
            if !zs.contains(&z) {
                zs.push(z);
            }
        }
        vpcs.dedup();
        if vpcs.len() > 1 {
            return Err(AsgError::validation(
                "The subnets specified belong to more than one VPC; the subnets of a group must all be in one VPC.",
            ));
        }
        zs.sort();
        return Ok(Placement { subnets, placements, zones: zs });
    }
    let out = ec2(asg)
        .describe_subnets(DescribeSubnetsRequest {
            filters: Some(vec![Filter { name: Some("default-for-az".into()), values: Some(vec!["true".into()]) }]),
            ..Default::default()
        })
        .await
        .map_err(AsgError::Peer)?;
    let defaults: Vec<(String, String)> = out
        .subnets
        .into_iter()
        .flatten()
        .map(|s| (s.availability_zone.unwrap_or_default(), s.subnet_id.unwrap_or_default()))
        .collect();
    let mut picked = Vec::new();
    for z in &zones {
        let Some((_, s)) = defaults.iter().find(|(dz, _)| dz == z) else {
            return Err(AsgError::validation(format!("The availability zone '{z}' is not valid in this region.")));
        };
        picked.push((s.clone(), z.clone()));
    }
    let mut zs = zones;
    zs.sort();
    zs.dedup();
    picked.dedup();
    // The group lists its zones; it launches into their default subnets (no VPCZoneIdentifier).
    Ok(Placement { subnets: vec![], placements: picked, zones: zs })
}

pub(crate) async fn check_target_groups(asg: &AutoScaling, arns: &[String]) -> Result<()> {
    if arns.is_empty() {
        return Ok(());
    }
    let input = DescribeTargetGroupsInput { target_group_arns: Some(arns.to_vec()), ..Default::default() };
    asg.peers.clients().elb.describe_target_groups(input).await.map_err(|e| {
        AsgError::validation(format!(
            "Provided Target Groups may not be valid. Please ensure they exist and try again. ({})",
            e.message
        ))
    })?;
    Ok(())
}

fn check_bounds(min: i64, max: i64, desired: i64) -> Result<()> {
    if max < min {
        return Err(AsgError::validation(format!(
            "Max bound, {max}, must be greater than or equal to min bound, {min}"
        )));
    }
    if desired < min || desired > max {
        return Err(AsgError::validation(format!(
            "Desired capacity:{desired} must be between the specified min size:{min} and max size:{max}"
        )));
    }
    Ok(())
}

fn check_name(name: &str) -> Result<()> {
    if name.is_empty() || name.len() > 255 || name.contains(':') {
        return Err(AsgError::validation(format!(
            "AutoScalingGroupName '{name}' is not valid: 1 to 255 characters, without ':'"
        )));
    }
    Ok(())
}

fn termination_policies(input: &Value) -> Result<Option<Vec<String>>> {
    let Some(list) = input.get("TerminationPolicies").and_then(Value::as_array) else { return Ok(None) };
    let mut out = Vec::new();
    for p in list.iter().filter_map(Value::as_str) {
        if !TERMINATION_POLICIES.contains(&p) && !p.starts_with("arn:aws:lambda:") {
            return Err(AsgError::validation(format!("Termination policy '{p}' is not valid.")));
        }
        out.push(p.to_string());
    }
    Ok(Some(out))
}

fn health_check_type(input: &Value) -> Result<Option<String>> {
    match str_of(input, "HealthCheckType") {
        None => Ok(None),
        Some(t) => {
            let parts: Vec<&str> = t.split(',').map(str::trim).collect();
            if parts.iter().all(|p| ["EC2", "ELB", "VPC_LATTICE", "EBS"].contains(p)) {
                Ok(Some(t.to_string()))
            } else {
                Err(AsgError::validation(format!(
                    "Invalid health check type: {t}. Valid values are EC2, ELB, VPC_LATTICE and EBS."
                )))
            }
        }
    }
}

pub(crate) fn tags_of(input: &Value) -> Result<Vec<TagRec>> {
    let mut out: Vec<TagRec> = Vec::new();
    for t in input.get("Tags").and_then(Value::as_array).into_iter().flatten() {
        let key = str_of(t, "Key").unwrap_or_default();
        if key.is_empty() || key.len() > 128 || key.starts_with("aws:") {
            return Err(AsgError::validation(format!(
                "Tag key '{key}' is not valid: 1 to 128 characters, not starting with aws:"
            )));
        }
        let tag = TagRec {
            key: key.into(),
            value: str_of(t, "Value").unwrap_or_default().into(),
            propagate: bool_of(t, "PropagateAtLaunch").unwrap_or(false),
        };
        match out.iter_mut().find(|x| x.key == tag.key) {
            Some(x) => *x = tag,
            None => out.push(tag),
        }
    }
    if out.len() > 50 {
        return Err(AsgError::Client("LimitExceeded", "A group can have at most 50 tags.".into()));
    }
    Ok(out)
}

/// The launch source of a create or update: (template, launch configuration, mixed policy).
async fn launch_source(
    asg: &AutoScaling,
    input: &Value,
) -> Result<Option<(Option<TemplateRef>, Option<String>, Option<Value>)>> {
    if let Some(spec) = input.get("LaunchTemplate") {
        return Ok(Some((Some(resolve_template(asg, spec).await?), None, None)));
    }
    if let Some(m) = input.get("MixedInstancesPolicy") {
        let spec = m.get("LaunchTemplate").and_then(|l| l.get("LaunchTemplateSpecification")).ok_or_else(|| {
            AsgError::validation("MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification is required")
        })?;
        return Ok(Some((Some(resolve_template(asg, spec).await?), None, Some(m.clone()))));
    }
    if let Some(lc) = str_of(input, "LaunchConfigurationName") {
        let exists = asg.read(|tx| Ok(tx.exists(kind::LAUNCH_CONFIG, lc)?))?;
        if !exists {
            return Err(AsgError::validation(format!(
                "Launch configuration name not found - Launch configuration {lc} not found"
            )));
        }
        return Ok(Some((None, Some(lc.into()), None)));
    }
    Ok(None)
}

/// The group's launches are the caller's: creating or updating a group with a launch template
/// needs what launching from it needs (`ec2:RunInstances` on the template, its image, subnets
/// and groups, `iam:PassRole` for its instance profile, `ec2:CreateTags` for the propagated
/// tags), as AWS checks it.
async fn authorize_launches(
    asg: &AutoScaling,
    cx: &CallContext,
    template: &TemplateRef,
    subnets: &[String],
    tags: &[TagRec],
) -> Result<()> {
    let propagated: Vec<Tag> = tags
        .iter()
        .filter(|t| t.propagate)
        .map(|t| Tag { key: Some(t.key.clone()), value: Some(t.value.clone()) })
        .collect();
    let run = RunInstancesRequest {
        launch_template: Some(LaunchTemplateSpecification {
            launch_template_id: Some(template.id.clone()),
            version: Some(template.version.clone()),
            ..Default::default()
        }),
        min_count: 1,
        max_count: 1,
        subnet_id: subnets.first().cloned(),
        tag_specifications: (!propagated.is_empty())
            .then(|| vec![TagSpecification { resource_type: Some(ResourceType::Instance), tags: Some(propagated) }]),
        ..Default::default()
    };
    let checks = asg.peers.run_instances_checks(&run, cx).map_err(AsgError::Peer)?;
    cx.authorize(&checks).map_err(AsgError::Peer)
}

/// MaxInstanceLifetime: 0 (none) or one day to one year, as AWS allows.
fn max_instance_lifetime(input: &Value) -> Result<Option<i64>> {
    match int_of(input, "MaxInstanceLifetime") {
        Some(v) if v != 0 && !(86_400..=31_536_000).contains(&v) => Err(AsgError::validation(
            "The maximum instance lifetime must be equal to 0 or between 86400 and 31536000 seconds (inclusive).",
        )),
        v => Ok(v),
    }
}

pub(crate) async fn create(asg: &AutoScaling, cx: &CallContext, input: &Value) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let lifetime = max_instance_lifetime(input)?;
    check_name(name)?;
    let min = int_of(input, "MinSize").ok_or_else(|| AsgError::validation("MinSize is required"))?;
    let max = int_of(input, "MaxSize").ok_or_else(|| AsgError::validation("MaxSize is required"))?;
    let desired = int_of(input, "DesiredCapacity").unwrap_or(min);
    check_bounds(min, max, desired)?;
    let exists = |asg: &AutoScaling| asg.read(|tx| Ok(tx.exists(kind::GROUP, name)?));
    if exists(asg)? {
        return Err(already_exists(name));
    }
    let (template, lc, mixed) = match launch_source(asg, input).await? {
        Some(s) => s,
        None if str_of(input, "InstanceId").is_some() => {
            return Err(AsgError::validation("Creating a group from an InstanceId is not supported by this region; use a launch template."))
        }
        None => {
            return Err(AsgError::validation(
                "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.",
            ))
        }
    };
    let subnets: Vec<String> = str_of(input, "VPCZoneIdentifier")
        .map(|s| s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect())
        .unwrap_or_default();
    let place = placement(asg, subnets, strings(input, "AvailabilityZones")).await?;
    let target_groups = strings(input, "TargetGroupARNs");
    check_target_groups(asg, &target_groups).await?;
    let load_balancers = strings(input, "LoadBalancerNames");
    crate::traffic::check_classic(asg, &load_balancers).await?;
    let health = health_check_type(input)?.unwrap_or_else(|| "EC2".into());
    let policies = termination_policies(input)?.unwrap_or_else(|| vec!["Default".into()]);
    let tags = tags_of(input)?;
    if let Some(t) = &template {
        authorize_launches(asg, cx, t, &place.subnets, &tags).await?;
    }
    let now = asg.now();
    let group = GroupRec {
        name: name.into(),
        arn: asg.arn(&format!("autoScalingGroup:{}:autoScalingGroupName/{name}", new_id())),
        template,
        launch_configuration: lc,
        mixed_instances_policy: mixed,
        min,
        max,
        desired,
        default_cooldown: int_of(input, "DefaultCooldown").unwrap_or(300),
        default_instance_warmup: int_of(input, "DefaultInstanceWarmup"),
        zones: place.zones,
        subnets: place.subnets,
        placements: place.placements,
        target_groups,
        load_balancers,
        health_check_type: health,
        grace: int_of(input, "HealthCheckGracePeriod").unwrap_or(0),
        termination_policies: policies,
        new_instances_protected: bool_of(input, "NewInstancesProtectedFromScaleIn").unwrap_or(false),
        capacity_rebalance: bool_of(input, "CapacityRebalance").unwrap_or(false),
        max_instance_lifetime: lifetime.filter(|l| *l > 0),
        tags,
        created: now,
        suspended: vec![],
        enabled_metrics: vec![],
        metrics_granularity: None,
        status: None,
        members: vec![],
        last_scaling: 0.0,
        desired_cause: Some(format!(
            "{} a user request created an AutoScalingGroup changing the desired capacity from 0 to {desired}.",
            at(now)
        )),
        launch_retry_at: 0.0,
        launch_failures: 0,
        service_linked_role: asg.service_linked_role(),
        refresh_surge: 0,
        rebalance_surge: 0,
        predictive_floor: None,
    };
    let hooks = input.get("LifecycleHookSpecificationList").cloned();
    asg.write(|tx| {
        if tx.exists(kind::GROUP, name)? {
            return Err(already_exists(name));
        }
        if tx.count(kind::GROUP, "")? >= MAX_GROUPS {
            return Err(AsgError::Client(
                "LimitExceeded",
                format!("You have reached the limit of {MAX_GROUPS} Auto Scaling groups in this region."),
            ));
        }
        tx.put(kind::GROUP, name, &group)?;
        for h in hooks.as_ref().and_then(Value::as_array).into_iter().flatten() {
            super::hooks::put_in(tx, name, h)?;
        }
        Ok(())
    })?;
    Ok(json!({}))
}

fn already_exists(name: &str) -> AsgError {
    AsgError::Client(
        "AlreadyExists",
        format!("AutoScalingGroup by this name already exists - A group with the name {name} already exists"),
    )
}

pub(crate) async fn update(asg: &AutoScaling, cx: &CallContext, input: &Value) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let current = asg.read(|tx| load_group(tx, name))?;
    let lifetime = max_instance_lifetime(input)?;
    let source = launch_source(asg, input).await?;
    if let Some((Some(t), _, _)) = &source {
        authorize_launches(asg, cx, t, &current.subnets, &current.tags).await?;
    }
    let placement_change = match (str_of(input, "VPCZoneIdentifier"), input.get("AvailabilityZones")) {
        (None, None) => None,
        (s, _) => {
            let subnets: Vec<String> = s
                .map(|s| s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect())
                .unwrap_or_default();
            Some(placement(asg, subnets, strings(input, "AvailabilityZones")).await?)
        }
    };
    let health = health_check_type(input)?;
    let policies = termination_policies(input)?;
    if current.status.is_some() {
        return Err(AsgError::Client("ScalingActivityInProgress", format!("The group {name} is being deleted.")));
    }
    let now = asg.now();
    asg.write(|tx| {
        let mut g = load_group(tx, name)?;
        let min = int_of(input, "MinSize").unwrap_or(g.min);
        let max = int_of(input, "MaxSize").unwrap_or(g.max);
        if max < min {
            return Err(AsgError::validation(format!("Max bound, {max}, must be greater than or equal to min bound, {min}")));
        }
        let desired = match int_of(input, "DesiredCapacity") {
            Some(d) => {
                check_bounds(min, max, d)?;
                d
            }
            // New bounds pull the desired capacity into them.
            None => g.desired.clamp(min, max),
        };
        if let Some((t, lc, m)) = source.clone() {
            g.template = t;
            g.launch_configuration = lc;
            g.mixed_instances_policy = m;
        }
        if let Some(p) = placement_change.clone() {
            g.subnets = p.subnets;
            g.placements = p.placements;
            g.zones = p.zones;
        }
        if let Some(h) = &health {
            g.health_check_type = h.clone();
        }
        if let Some(p) = &policies {
            g.termination_policies = p.clone();
        }
        if let Some(v) = int_of(input, "HealthCheckGracePeriod") {
            g.grace = v;
        }
        if let Some(v) = int_of(input, "DefaultCooldown") {
            g.default_cooldown = v;
        }
        if let Some(v) = int_of(input, "DefaultInstanceWarmup") {
            g.default_instance_warmup = Some(v);
        }
        if let Some(v) = bool_of(input, "NewInstancesProtectedFromScaleIn") {
            g.new_instances_protected = v;
        }
        if let Some(v) = bool_of(input, "CapacityRebalance") {
            g.capacity_rebalance = v;
        }
        if let Some(v) = lifetime {
            g.max_instance_lifetime = Some(v).filter(|l| *l > 0);
        }
        if desired != g.desired {
            g.desired_cause = Some(format!(
                "{} a user request update of AutoScalingGroup constraints to min: {min}, max: {max}, desired: {desired} changing the desired capacity from {} to {desired}.",
                at(now),
                g.desired
            ));
        }
        g.min = min;
        g.max = max;
        g.desired = desired;
        tx.put(kind::GROUP, name, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub(crate) async fn delete(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let force = bool_of(input, "ForceDelete").unwrap_or(false);
    let gone = asg.write(|tx| {
        let mut g = load_group(tx, name)?;
        if !g.members.is_empty() {
            if !force {
                return Err(AsgError::Client(
                    "ResourceInUse",
                    "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.".into(),
                ));
            }
            // The controller terminates the instances, then removes the group.
            g.status = Some("Delete in progress".into());
            g.min = 0;
            g.max = 0;
            g.desired = 0;
            tx.put(kind::GROUP, name, &g)?;
            return Ok(None);
        }
        Ok(Some(remove_group(tx, name)?))
    })?;
    if let Some(alarms) = gone {
        drop_alarms(asg, alarms).await;
    }
    Ok(json!({}))
}

/// Remove a group and everything that belongs to it; returns the alarms its target-tracking
/// policies owned (for the caller to delete in CloudWatch).
pub(crate) fn remove_group(tx: &store::Tx, name: &str) -> Result<Vec<String>> {
    let prefix = format!("{name}/");
    let alarms: Vec<String> = tx
        .list::<PolicyRec>(kind::POLICY, &prefix)?
        .into_iter()
        .flat_map(|(_, p)| target_tracking_alarms(&p))
        .collect();
    tx.delete(kind::GROUP, name)?;
    for k in [kind::POLICY, kind::SCHEDULED, kind::HOOK, kind::NOTIFICATION, kind::REFRESH] {
        tx.delete_prefix(k, &prefix)?;
    }
    Ok(alarms)
}

pub(crate) async fn drop_alarms(asg: &AutoScaling, alarms: Vec<String>) {
    if alarms.is_empty() {
        return;
    }
    if let Err(e) = asg.peers.clients().cloudwatch.delete_alarms(DeleteAlarmsInput { alarm_names: alarms }).await {
        tracing::warn!(error = ?e, "autoscaling: deleting target tracking alarms failed");
    }
}

pub(crate) fn describe(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let names = strings(input, "AutoScalingGroupNames");
    let filters: Vec<(String, Vec<String>)> = input
        .get("Filters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|f| (str_of(f, "Name").unwrap_or_default().to_string(), strings(f, "Values")))
        .collect();
    let groups = asg.read(|tx| Ok(tx.list::<GroupRec>(kind::GROUP, "")?))?;
    let items: Vec<Value> = groups
        .into_iter()
        .map(|(_, g)| g)
        .filter(|g| names.is_empty() || names.contains(&g.name))
        .filter(|g| {
            filters.iter().all(|(n, vals)| match n.as_str() {
                "tag-key" => g.tags.iter().any(|t| vals.contains(&t.key)),
                "tag-value" => g.tags.iter().any(|t| vals.contains(&t.value)),
                n if n.starts_with("tag:") => g.tags.iter().any(|t| t.key == n[4..] && vals.contains(&t.value)),
                _ => true,
            })
        })
        .map(|g| g.render())
        .collect();
    page(items, input, "AutoScalingGroups", 50)
}

pub(crate) fn describe_activities(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let group = str_of(input, "AutoScalingGroupName");
    let ids = strings(input, "ActivityIds");
    let prefix = group.map(|g| format!("{g}/")).unwrap_or_default();
    let mut acts = asg.read(|tx| Ok(tx.list::<ActivityRec>(kind::ACTIVITY, &prefix)?))?;
    acts.sort_by(|a, b| b.1.start.partial_cmp(&a.1.start).unwrap_or(std::cmp::Ordering::Equal).then(b.0.cmp(&a.0)));
    let items: Vec<Value> = acts
        .into_iter()
        .map(|(_, a)| a)
        .filter(|a| ids.is_empty() || ids.contains(&a.id))
        .map(|a| a.render())
        .collect();
    page(items, input, "Activities", 100)
}

pub(crate) fn set_desired_capacity(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let desired =
        int_of(input, "DesiredCapacity").ok_or_else(|| AsgError::validation("DesiredCapacity is required"))?;
    let honor = bool_of(input, "HonorCooldown").unwrap_or(false);
    let now = asg.now();
    asg.write(|tx| {
        let mut g = load_group(tx, name)?;
        if desired > g.max {
            return Err(AsgError::validation(format!(
                "New SetDesiredCapacity value {desired} is above max value {} for the AutoScalingGroup.",
                g.max
            )));
        }
        if desired < g.min {
            return Err(AsgError::validation(format!(
                "New SetDesiredCapacity value {desired} is below min value {} for the AutoScalingGroup.",
                g.min
            )));
        }
        if honor && now < g.last_scaling + g.default_cooldown as f64 {
            return Err(AsgError::Client(
                "ScalingActivityInProgress",
                "The group is in its cooldown period after a scaling activity; try again later or without HonorCooldown.".into(),
            ));
        }
        if desired != g.desired {
            g.desired_cause = Some(format!(
                "{} a user request explicitly set group desired capacity changing the desired capacity from {} to {desired}.",
                at(now),
                g.desired
            ));
            g.desired = desired;
            g.last_scaling = now;
        }
        tx.put(kind::GROUP, name, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}

/// Target groups from `TargetGroupARNs` or from `TrafficSources` (type elbv2).
fn target_group_list(input: &Value, member: &str) -> Vec<String> {
    if member == "TrafficSources" {
        input
            .get("TrafficSources")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|t| str_of(t, "Identifier").map(String::from))
            .collect()
    } else {
        strings(input, member)
    }
}

pub(crate) async fn attach_target_groups(asg: &AutoScaling, input: &Value, member: &str) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let arns = target_group_list(input, member);
    asg.read(|tx| load_group(tx, name))?;
    check_target_groups(asg, &arns).await?;
    asg.write(|tx| {
        let mut g = load_group(tx, name)?;
        for a in &arns {
            if !g.target_groups.contains(a) {
                g.target_groups.push(a.clone());
            }
        }
        // Registered members are registered again (with the new ones) by the controller.
        for m in g.members.iter_mut() {
            m.registered = false;
        }
        tx.put(kind::GROUP, name, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub(crate) fn detach_target_groups(asg: &AutoScaling, input: &Value, member: &str) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let arns = target_group_list(input, member);
    let detached = asg.write(|tx| {
        let mut g = load_group(tx, name)?;
        g.target_groups.retain(|a| !arns.contains(a));
        tx.put(kind::GROUP, name, &g)?;
        Ok(g.members.iter().map(|m| m.instance_id.clone()).collect::<Vec<_>>())
    })?;
    // The instances leave the detached target groups (ELB drains them).
    crate::controller::deregister_later(asg, &arns, &detached);
    Ok(json!({}))
}

/// The state of the group's target groups, as AWS reports it: `Adding` while launched instances
/// wait to be registered, `InService` once a registered one is in service (with ELB health
/// checks: it passed them), `Added` otherwise.
fn traffic_state(g: &GroupRec) -> &'static str {
    let waiting = g.members.iter().any(|m| !m.registered && m.lifecycle == Lifecycle::Pending);
    let serving = g.members.iter().any(|m| m.registered && m.lifecycle == Lifecycle::InService && m.healthy);
    if waiting {
        "Adding"
    } else if serving && g.health_check_type == "ELB" {
        "InService"
    } else {
        "Added"
    }
}

pub(crate) fn describe_target_groups(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let g = asg.read(|tx| load_group(tx, name))?;
    let state = traffic_state(&g);
    let items = g.target_groups.iter().map(|a| json!({"LoadBalancerTargetGroupARN": a, "State": state})).collect();
    page(items, input, "LoadBalancerTargetGroups", 100)
}

pub(crate) fn describe_traffic_sources(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let g = asg.read(|tx| load_group(tx, name))?;
    let state = traffic_state(&g);
    let items = g
        .target_groups
        .iter()
        .map(|a| json!({"TrafficSource": a, "Identifier": a, "Type": "elbv2", "State": state}))
        .collect();
    page(items, input, "TrafficSources", 50)
}

pub(crate) async fn attach_load_balancers(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let names = strings(input, "LoadBalancerNames");
    asg.read(|tx| load_group(tx, name))?;
    crate::traffic::check_classic(asg, &names).await?;
    asg.write(|tx| {
        let mut g = load_group(tx, name)?;
        for n in &names {
            if !g.load_balancers.contains(n) {
                g.load_balancers.push(n.clone());
            }
        }
        // Registered members are registered again (with the new ones) by the controller.
        for m in g.members.iter_mut() {
            m.registered = false;
        }
        tx.put(kind::GROUP, name, &g)?;
        Ok(())
    })?;
    Ok(json!({}))
}

pub(crate) fn detach_load_balancers(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let names = strings(input, "LoadBalancerNames");
    let detached = asg.write(|tx| {
        let mut g = load_group(tx, name)?;
        g.load_balancers.retain(|n| !names.contains(n));
        tx.put(kind::GROUP, name, &g)?;
        Ok(g.members.iter().map(|m| m.instance_id.clone()).collect::<Vec<_>>())
    })?;
    let sources: Vec<String> = names.iter().map(|n| format!("classic:{n}")).collect();
    crate::controller::deregister_later(asg, &sources, &detached);
    Ok(json!({}))
}

pub(crate) fn describe_load_balancers(asg: &AutoScaling, input: &Value) -> Result<Value> {
    let name = required(input, "AutoScalingGroupName")?;
    let g = asg.read(|tx| load_group(tx, name))?;
    let state = traffic_state(&g);
    let items = g.load_balancers.iter().map(|n| json!({"LoadBalancerName": n, "State": state})).collect();
    page(items, input, "LoadBalancers", 100)
}
