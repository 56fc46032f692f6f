//! Isolated networks (`--network isolated`): keeps each VPC router's nftables table equal to
//! what the security groups and their members say. Every EC2 write pokes it; a thread of its
//! own recomputes the rulesets from the store and replaces a router's table only when its text
//! changed (a revoked rule refuses new connections a few milliseconds after the call).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::Ipv4Addr;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use vnet::{Fabric, Peer, Port, Protocol, Rule, Ruleset};

use crate::records::{kind, InstanceRec, InstanceState, RulePeer, SecurityGroupRec, SgRule};
use crate::Ec2;

/// How often the tables are checked even when nothing poked (a router made again by hand, a
/// missed poke).
const RESYNC: Duration = Duration::from_secs(5);

pub(crate) struct NetSync {
    poke: Mutex<Option<mpsc::Sender<()>>>,
}

impl NetSync {
    pub(crate) fn new() -> NetSync {
        NetSync { poke: Mutex::new(None) }
    }

    /// Start the sync thread (isolated mode only).
    pub(crate) fn start(&self, ec2: Weak<Ec2>, fabric: Arc<Fabric>) {
        let (tx, rx) = mpsc::channel::<()>();
        *self.poke.lock().unwrap_or_else(|e| e.into_inner()) = Some(tx);
        let spawned = std::thread::Builder::new().name("vnet-sync".into()).spawn(move || {
            let mut applied: HashMap<String, String> = HashMap::new();
            let resolvers = crate::dns::Resolvers::default();
            loop {
                match rx.recv_timeout(RESYNC) {
                    Ok(()) | Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
                while rx.try_recv().is_ok() {}
                let Some(ec2) = ec2.upgrade() else { return };
                if let Err(e) = sync(&ec2, &fabric, &mut applied, &resolvers) {
                    tracing::warn!(error = %e, "security groups not applied");
                }
            }
        });
        if let Err(e) = spawned {
            tracing::error!(error = %e, "the security-group sync thread did not start");
        }
    }

    /// Something changed: recompute soon.
    pub(crate) fn poke(&self) {
        if let Some(tx) = self.poke.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            let _ = tx.send(());
        }
    }
}

/// One pass: every VPC with instances or service addresses on the network gets its ruleset.
fn sync(
    ec2: &Ec2,
    fabric: &Fabric,
    applied: &mut HashMap<String, String>,
    resolvers: &crate::dns::Resolvers,
) -> crate::error::Result<()> {
    let (instances, groups, services, edge) = ec2.read(|tx| {
        Ok((
            tx.list::<InstanceRec>(kind::INSTANCE, "")?.into_iter().map(|(_, i)| i).collect::<Vec<_>>(),
            tx.list::<SecurityGroupRec>(kind::SECURITY_GROUP, "")?.into_iter().collect::<HashMap<_, _>>(),
            tx.list::<ServiceInterfaceRec>(SERVICE_INTERFACE, "")?.into_iter().map(|(_, s)| s).collect::<Vec<_>>(),
            Edge::read(tx)?,
        ))
    })?;
    let mut sets = rulesets(&instances, &groups, &services);
    for (vpc, ruleset) in sets.iter_mut() {
        ruleset.uplink = edge.uplink(vpc, &instances);
        ruleset.acls = edge.acls(vpc);
    }
    // Each VPC with instances on its network has its DNS server at +2, unless its
    // enableDnsSupport attribute is off (then nothing answers there, as on AWS).
    let served: Vec<(String, ipnet::Ipv4Net)> = sets
        .keys()
        .filter_map(|vpc| {
            let rec = edge.vpcs.get(vpc).filter(|v| v.enable_dns_support())?;
            Some((vpc.clone(), rec.cidr.parse().ok()?))
        })
        .collect();
    resolvers.keep(fabric, &ec2.config.region, &served);
    for (vpc, ruleset) in sets {
        let text = ruleset.render();
        if applied.get(&vpc) == Some(&text) && vnet::ns::exists(&fabric.vpc_ns(&vpc)) {
            continue;
        }
        let router = fabric.ensure_vpc(&vpc).map_err(|e| crate::error::Ec2Error::Internal(e.to_string()))?;
        let mut public: Vec<Ipv4Addr> = ruleset.uplink.published.iter().map(|(p, _)| *p).collect();
        public.extend(ruleset.uplink.egress.iter().map(|(_, p)| *p));
        public.sort();
        public.dedup();
        if let Err(e) = fabric.set_public_routes(&vpc, &public) {
            tracing::warn!(vpc = %vpc, error = %e, "the VPC's link to the host not made");
        }
        match vnet::apply_nft(&router, &text) {
            Ok(()) => {
                applied.insert(vpc, text);
            }
            Err(e) => tracing::warn!(vpc = %vpc, error = %e, "security groups not applied"),
        }
    }
    Ok(())
}

/// The records that decide what crosses a VPC's edge.
struct Edge {
    vpcs: HashMap<String, crate::records::VpcRec>,
    subnets: HashMap<String, crate::records::SubnetRec>,
    acls: Vec<crate::records::NetworkAclRec>,
    tables: Vec<crate::records::RouteTableRec>,
    addresses: Vec<crate::records::AddressRec>,
    nats: HashMap<String, crate::records::NatGatewayRec>,
    /// Internet gateways attached to a VPC: id → VPC.
    igws: HashMap<String, String>,
}

impl Edge {
    fn read(tx: &store::Tx) -> crate::error::Result<Edge> {
        use crate::records::{AddressRec, InternetGatewayRec, NatGatewayRec, RouteTableRec, SubnetRec};
        Ok(Edge {
            vpcs: tx.list::<crate::records::VpcRec>(kind::VPC, "")?.into_iter().collect(),
            subnets: tx.list::<SubnetRec>(kind::SUBNET, "")?.into_iter().collect(),
            acls: tx
                .list::<crate::records::NetworkAclRec>(kind::NETWORK_ACL, "")?
                .into_iter()
                .map(|(_, a)| a)
                .collect(),
            tables: tx.list::<RouteTableRec>(kind::ROUTE_TABLE, "")?.into_iter().map(|(_, t)| t).collect(),
            addresses: tx.list::<AddressRec>(kind::ADDRESS, "")?.into_iter().map(|(_, a)| a).collect(),
            nats: tx.list::<NatGatewayRec>(kind::NAT_GATEWAY, "")?.into_iter().collect(),
            igws: tx
                .list::<InternetGatewayRec>(kind::INTERNET_GATEWAY, "")?
                .into_iter()
                .filter_map(|(id, g)| Some((id, g.vpc_id?)))
                .collect(),
        })
    }

    /// The target of a subnet's default route (0.0.0.0/0), from its own route table or else its
    /// VPC's main one.
    fn default_route(&self, subnet_id: &str, vpc_id: &str) -> Option<&crate::records::RouteTarget> {
        let own = self.tables.iter().find(|t| t.associations.iter().any(|a| a.subnet_id.as_deref() == Some(subnet_id)));
        let table = own.or_else(|| self.tables.iter().find(|t| t.vpc_id == vpc_id && t.is_main()))?;
        table.routes.iter().find(|r| r.destination == "0.0.0.0/0").map(|r| &r.target)
    }

    /// The VPC's network ACLs in the router's terms. One that lets everything in and out (a
    /// default ACL as made) is left out: it changes nothing, and costs every packet a lookup.
    fn acls(&self, vpc_id: &str) -> Vec<vnet::rules::Acl> {
        let mut out = Vec::new();
        for a in self.acls.iter().filter(|a| a.vpc_id == vpc_id && !a.associations.is_empty()) {
            let subnets: Vec<ipnet::Ipv4Net> =
                a.associations.iter().filter_map(|x| self.subnets.get(&x.subnet_id)?.cidr.parse().ok()).collect();
            let rules = |egress| -> Vec<vnet::rules::AclRule> { a.rules(egress).iter().filter_map(acl_rule).collect() };
            let (ingress, egress) = (rules(false), rules(true));
            let open = |r: &[vnet::rules::AclRule]| {
                r.first().is_some_and(|x| x.allow && x.protocol == Protocol::All && x.cidr.prefix_len() == 0)
            };
            if subnets.is_empty() || (open(&ingress) && open(&egress)) {
                continue;
            }
            out.push(vnet::rules::Acl { name: a.network_acl_id.replace('-', "_"), subnets, ingress, egress });
        }
        out
    }

    /// What crosses the VPC's edge (pure but for the records read).
    fn uplink(&self, vpc_id: &str, instances: &[InstanceRec]) -> vnet::rules::Uplink {
        use crate::records::RouteTarget;
        let mut up = vnet::rules::Uplink::default();
        let attached_igw = |id: &str| self.igws.get(id).is_some_and(|v| v == vpc_id);
        // Instances with a public (Elastic IP) address, in a subnet routed to the VPC's internet
        // gateway: published, and let out as themselves.
        for a in &self.addresses {
            let Some(assoc) = &a.association else { continue };
            let Some(iid) = &assoc.instance_id else { continue };
            let Some(i) = instances.iter().find(|i| &i.instance_id == iid && i.vpc_id == vpc_id && attached(i)) else {
                continue;
            };
            let routed =
                matches!(self.default_route(&i.subnet_id, vpc_id), Some(RouteTarget::Gateway(g)) if attached_igw(g));
            let (Ok(public), Ok(private)) = (a.public_ip.parse::<Ipv4Addr>(), i.private_ip.parse::<Ipv4Addr>()) else {
                continue;
            };
            if routed {
                up.published.push((public, private));
                up.egress.push((ipnet::Ipv4Net::from(private), public));
            }
        }
        // Instances with the public address assigned at launch, likewise.
        for i in instances.iter().filter(|i| i.vpc_id == vpc_id && attached(i)) {
            let Some(public) = i.public_ip.as_deref().and_then(|p| p.parse::<Ipv4Addr>().ok()) else { continue };
            let Ok(private) = i.private_ip.parse::<Ipv4Addr>() else { continue };
            if matches!(self.default_route(&i.subnet_id, vpc_id), Some(RouteTarget::Gateway(g)) if attached_igw(g)) {
                up.published.push((public, private));
                up.egress.push((ipnet::Ipv4Net::from(private), public));
            }
        }
        // Subnets routed to an available NAT gateway with a public address: out behind it.
        for (sid, s) in &self.subnets {
            if s.vpc_id != vpc_id {
                continue;
            }
            let Some(RouteTarget::NatGateway(nat)) = self.default_route(sid, vpc_id) else { continue };
            let Some(n) = self.nats.get(nat).filter(|n| n.state == "available") else { continue };
            let (Some(Ok(public)), Ok(net)) =
                (n.public_ip.as_deref().map(str::parse::<Ipv4Addr>), s.cidr.parse::<ipnet::Ipv4Net>())
            else {
                continue;
            };
            up.egress.push((net, public));
        }
        up.published.sort();
        up.egress.sort();
        up
    }
}

/// Is the instance on its VPC's network (its namespace made, its processes running)?
fn attached(i: &InstanceRec) -> bool {
    matches!(i.state, InstanceState::Running) && i.handle.is_some()
}

/// The rulesets of every VPC that has attached instances or service addresses (pure).
pub(crate) fn rulesets(
    instances: &[InstanceRec],
    groups: &HashMap<String, SecurityGroupRec>,
    services: &[ServiceInterfaceRec],
) -> BTreeMap<String, Ruleset> {
    let on: Vec<&InstanceRec> = instances.iter().filter(|i| attached(i)).collect();
    // A group's members: the addresses of the attached instances in it, and of the services'
    // interfaces (load balancers) in it.
    let mut members: HashMap<&str, Vec<Ipv4Addr>> = HashMap::new();
    for s in services {
        let Ok(ip) = s.ip.parse::<Ipv4Addr>() else { continue };
        for gid in &s.groups {
            members.entry(gid.as_str()).or_default().push(ip);
        }
    }
    for i in &on {
        let Ok(ip) = i.private_ip.parse::<Ipv4Addr>() else { continue };
        for (gid, _) in &i.security_groups {
            members.entry(gid.as_str()).or_default().push(ip);
        }
    }
    let mut out: BTreeMap<String, Ruleset> = BTreeMap::new();
    for i in on {
        let mut ingress = Vec::new();
        let mut egress = Vec::new();
        let mut seen = HashSet::new();
        for (gid, _) in &i.security_groups {
            let Some(g) = groups.get(gid) else { continue };
            for r in &g.rules {
                let Some(rule) = rule(r, &members) else { continue };
                let key = (r.egress, format!("{rule:?}"));
                if !seen.insert(key) {
                    continue;
                }
                if r.egress {
                    egress.push(rule);
                } else {
                    ingress.push(rule);
                }
            }
        }
        out.entry(i.vpc_id.clone()).or_default().ports.push(Port {
            name: Fabric::port_name(&i.instance_id),
            ingress,
            egress,
        });
    }
    // The services' own addresses (a DB instance's endpoint): what their groups let in.
    for svc in services {
        let Ok(addr) = svc.ip.parse::<Ipv4Addr>() else { continue };
        let mut ingress = Vec::new();
        for gid in &svc.groups {
            let Some(g) = groups.get(gid) else { continue };
            ingress.extend(g.rules.iter().filter(|r| !r.egress).filter_map(|r| rule(r, &members)));
        }
        ingress.dedup();
        out.entry(svc.vpc_id.clone()).or_default().services.push(vnet::Service { addr, ingress });
    }
    out
}

/// One ACL entry in the router's terms (`None`: a CIDR that does not parse).
fn acl_rule(e: &crate::records::AclEntry) -> Option<vnet::rules::AclRule> {
    // An ACL entry's ICMP type and code are fields of their own; its ports only TCP's and UDP's.
    let (a, b) = if e.protocol == "1" { (e.icmp_type, e.icmp_code) } else { (e.from_port, e.to_port) };
    let protocol = protocol(&e.protocol, a, b)?;
    Some(vnet::rules::AclRule { protocol, cidr: e.cidr.parse().ok()?, allow: e.allow })
}

/// A rule's protocol in the router's terms, from its name or number and its two numbers (a
/// port range for TCP and UDP, ICMP's type and code; -1 or none: any). `None` for what the IPv4
/// network cannot carry (ICMPv6) or does not know.
fn protocol(name: &str, a: Option<i64>, b: Option<i64>) -> Option<Protocol> {
    let range = || {
        let from = a.filter(|p| *p >= 0).unwrap_or(0).clamp(0, 65535) as u16;
        let to = b.filter(|p| *p >= 0).unwrap_or(65535).clamp(0, 65535) as u16;
        (from, to.max(from))
    };
    let byte = |v: Option<i64>| v.filter(|x| (0..=255).contains(x)).map(|x| x as u8);
    Some(match name {
        "-1" | "all" => Protocol::All,
        "tcp" | "6" => {
            let (f, t) = range();
            Protocol::Tcp(f, t)
        }
        "udp" | "17" => {
            let (f, t) = range();
            Protocol::Udp(f, t)
        }
        "icmp" | "1" => Protocol::Icmp(byte(a), byte(b)),
        "icmpv6" | "58" => return None,
        other => Protocol::Other(other.parse().ok()?),
    })
}

/// One group rule in the router's terms; `None` for what the IPv4 network cannot carry
/// (IPv6 peers, ICMPv6).
fn rule(r: &SgRule, members: &HashMap<&str, Vec<Ipv4Addr>>) -> Option<Rule> {
    let protocol = protocol(&r.protocol, r.from_port, r.to_port)?;
    let peer = match &r.peer {
        RulePeer::Cidr(c) => Peer::Cidr(c.parse().ok()?),
        RulePeer::Cidr6(_) => return None,
        RulePeer::Group { group_id, .. } => {
            let mut a = members.get(group_id.as_str()).cloned().unwrap_or_default();
            a.sort();
            a.dedup();
            Peer::Addrs(a)
        }
    };
    Some(Rule { protocol, peer })
}

/// Store kind of the addresses other services hold in a VPC (a load balancer's node): key
/// `<owner>|<vpc id>`.
pub(crate) const SERVICE_INTERFACE: &str = "ec2.service-interface";

/// An address a region service (a load balancer) holds in a VPC, with security groups, as a
/// requester-managed network interface: the router owns it, the service's sockets made in the
/// router use it as their source, and rules naming its groups let it in.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub(crate) struct ServiceInterfaceRec {
    pub owner: String,
    pub vpc_id: String,
    pub subnet_id: String,
    pub ip: String,
    pub groups: Vec<String>,
}

impl Ec2 {
    /// Isolated networks: the router namespace of `vpc_id` and `owner`'s address in it (made in
    /// the first of `subnets` on first use; its security groups kept equal to `groups`).
    /// `None` on loopback networks, where everything is reached from the daemon's own network.
    pub fn service_interface(
        &self,
        owner: &str,
        vpc_id: &str,
        subnets: &[String],
        groups: &[String],
    ) -> crate::error::Result<Option<(String, Ipv4Addr)>> {
        let Some(fabric) = &self.config.network else { return Ok(None) };
        let key = format!("{owner}|{vpc_id}");
        let mut groups: Vec<String> = groups.to_vec();
        groups.sort();
        let have: Option<ServiceInterfaceRec> = self.read(|tx| Ok(tx.get(SERVICE_INTERFACE, &key)?))?;
        let rec = match have {
            Some(r) if r.groups == groups => r,
            _ => self.write(|tx| {
                if let Some(mut r) = tx.get::<ServiceInterfaceRec>(SERVICE_INTERFACE, &key)? {
                    r.groups = groups.clone();
                    tx.put(SERVICE_INTERFACE, &key, &r)?;
                    return Ok(r);
                }
                // The first of the given subnets that is in the VPC.
                let mut chosen = None;
                for s in subnets {
                    if let Some(sub) = tx.get::<crate::records::SubnetRec>(kind::SUBNET, s)? {
                        if sub.vpc_id == vpc_id {
                            chosen = Some(sub);
                            break;
                        }
                    }
                }
                let sub = match chosen {
                    Some(s) => s,
                    None => tx
                        .list::<crate::records::SubnetRec>(kind::SUBNET, "")?
                        .into_iter()
                        .map(|(_, s)| s)
                        .find(|s| s.vpc_id == vpc_id)
                        .ok_or_else(|| crate::error::Ec2Error::Internal(format!("VPC {vpc_id} has no subnet")))?,
                };
                let (ip, _) = crate::network::allocate(tx, &sub.subnet_id, &sub.cidr, None, owner, None)?;
                let r = ServiceInterfaceRec {
                    owner: owner.to_string(),
                    vpc_id: vpc_id.to_string(),
                    subnet_id: sub.subnet_id,
                    ip: ip.to_string(),
                    groups: groups.clone(),
                };
                tx.put(SERVICE_INTERFACE, &key, &r)?;
                Ok(r)
            })?,
        };
        let ip: Ipv4Addr = rec.ip.parse().map_err(|e| crate::error::Ec2Error::Internal(format!("{e}")))?;
        fabric.add_local(vpc_id, ip).map_err(|e| crate::error::Ec2Error::Internal(e.to_string()))?;
        Ok(Some((fabric.vpc_ns(vpc_id), ip)))
    }

    /// Give back the addresses of owners (with `prefix`) not in `keep`.
    pub fn retain_service_interfaces(&self, prefix: &str, keep: &HashSet<String>) -> crate::error::Result<()> {
        let stale: Vec<(String, ServiceInterfaceRec)> = self.read(|tx| {
            Ok(tx
                .list::<ServiceInterfaceRec>(SERVICE_INTERFACE, "")?
                .into_iter()
                .filter(|(_, r)| r.owner.starts_with(prefix) && !keep.contains(&r.owner))
                .collect())
        })?;
        if stale.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            for (key, r) in &stale {
                tx.delete(SERVICE_INTERFACE, key)?;
                crate::network::release(tx, &r.subnet_id, &r.ip, "")?;
            }
            Ok(())
        })?;
        if let Some(fabric) = &self.config.network {
            for (_, r) in &stale {
                if let Ok(ip) = r.ip.parse() {
                    fabric.remove_local(&r.vpc_id, ip);
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sg_rule(protocol: &str, from: Option<i64>, to: Option<i64>, peer: RulePeer) -> SgRule {
        SgRule {
            rule_id: "sgr-1".into(),
            egress: false,
            protocol: protocol.into(),
            from_port: from,
            to_port: to,
            peer,
            description: None,
            tags: vec![],
        }
    }

    #[test]
    fn group_rules_become_router_rules() {
        let members: HashMap<&str, Vec<Ipv4Addr>> =
            HashMap::from([("sg-elb", vec!["30.0.3.9".parse().unwrap(), "30.0.3.4".parse().unwrap()])]);
        let group = |g: &str| RulePeer::Group { group_id: g.into(), user_id: "123456789012".into() };
        let cidr = |c: &str| RulePeer::Cidr(c.into());
        assert_eq!(
            rule(&sg_rule("tcp", Some(80), Some(80), group("sg-elb")), &members),
            Some(Rule {
                protocol: Protocol::Tcp(80, 80),
                peer: Peer::Addrs(vec!["30.0.3.4".parse().unwrap(), "30.0.3.9".parse().unwrap()])
            })
        );
        assert_eq!(
            rule(&sg_rule("tcp", Some(22), Some(22), group("sg-none")), &members).map(|r| r.peer),
            Some(Peer::Addrs(vec![])),
            "a group without members lets nobody in"
        );
        assert_eq!(
            rule(&sg_rule("-1", None, None, cidr("0.0.0.0/0")), &members).map(|r| r.protocol),
            Some(Protocol::All)
        );
        assert_eq!(
            rule(&sg_rule("udp", Some(1000), Some(2000), cidr("10.0.0.0/8")), &members).map(|r| r.protocol),
            Some(Protocol::Udp(1000, 2000))
        );
        assert_eq!(
            rule(&sg_rule("icmp", Some(8), Some(-1), cidr("10.0.0.0/8")), &members).map(|r| r.protocol),
            Some(Protocol::Icmp(Some(8), None))
        );
        assert_eq!(
            rule(&sg_rule("icmp", Some(-1), Some(-1), cidr("10.0.0.0/8")), &members).map(|r| r.protocol),
            Some(Protocol::Icmp(None, None))
        );
        assert_eq!(
            rule(&sg_rule("50", None, None, cidr("10.0.0.0/8")), &members).map(|r| r.protocol),
            Some(Protocol::Other(50))
        );
        assert_eq!(rule(&sg_rule("tcp", Some(80), Some(80), RulePeer::Cidr6("::/0".into())), &members), None);
        assert_eq!(rule(&sg_rule("icmpv6", None, None, cidr("0.0.0.0/0")), &members), None);
    }
}
