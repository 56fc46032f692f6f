//! Security groups as an nftables table of the VPC router (pure: values in, text out).
//!
//! Every instance port (the router's end of its veth) gets two chains: `in_<port>` holds the
//! union of its groups' ingress rules (a match accepts), `eg_<port>` their egress rules (a
//! match returns, so the packet goes on to the receiver's ingress check). Both end in a counted
//! drop. Connection tracking makes them stateful: a reply, or any packet of a connection already
//! let through, is accepted before any group is consulted, so changing the rules never cuts a
//! connection that was allowed when it began (as in EC2). Traffic the router itself sends to an
//! instance (the region's load balancers and health checks) meets the receiver's ingress chain
//! at the output hook; traffic an instance sends to the router meets its egress chain at input.

use std::fmt::Write;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

/// The table's name in the router namespace (family `inet`).
pub const TABLE: &str = "hg";
/// The address translation table (family `ip`): public addresses and NAT gateways.
pub const NAT_TABLE: &str = "hgnat";
/// The router's end of the VPC's link to the host (`fabric::Fabric::ensure_uplink`).
pub const UPLINK: &str = "uplink";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ruleset {
    pub ports: Vec<Port>,
    /// What may cross the VPC's link to the host, as its route tables and addresses say.
    pub uplink: Uplink,
    /// Network ACLs: stateless, at the edge of their subnets.
    pub acls: Vec<Acl>,
    /// Addresses the router itself holds for region services (a DB instance's endpoint, a load
    /// balancer's node), each behind its security groups' ingress rules.
    pub services: Vec<Service>,
}

/// A region service's address on the router (a requester-managed interface): connections from
/// the VPC to it meet `ingress` (a match accepts, anything else is dropped and counted).
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub addr: Ipv4Addr,
    pub ingress: Vec<Rule>,
}

/// A network ACL: what enters one of its subnets from outside it meets `ingress`, what leaves
/// meets `egress`, first matching rule deciding (rule-number order), replies included (no
/// connection tracking: a reply needs a rule of its own, as in EC2). What matches no rule is
/// dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct Acl {
    /// A name fit for a chain (`acl_0123…`).
    pub name: String,
    pub subnets: Vec<Ipv4Net>,
    pub ingress: Vec<AclRule>,
    pub egress: Vec<AclRule>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AclRule {
    pub protocol: Protocol,
    /// Ingress: the source; egress: the destination.
    pub cidr: Ipv4Net,
    pub allow: bool,
}

/// The VPC's edge: an internet gateway publishes instances' public addresses, and lets out the
/// instances that have one in subnets routed to it; a NAT gateway lets out whole subnets routed
/// to it, behind its own public address. Nothing else crosses: a subnet without such a route
/// gets nothing, and from outside only published addresses are reached.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Uplink {
    /// (public address, private address) of instances reached through the internet gateway.
    pub published: Vec<(Ipv4Addr, Ipv4Addr)>,
    /// (source, the public address it goes out as): instances with a public address (/32,
    /// through the internet gateway) and subnets routed to a NAT gateway.
    pub egress: Vec<(Ipv4Net, Ipv4Addr)>,
}

/// One instance's link, and the rules of all its security groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Port {
    /// The router's end of the veth pair.
    pub name: String,
    pub ingress: Vec<Rule>,
    pub egress: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub protocol: Protocol,
    /// Ingress: where the packet comes from; egress: where it goes.
    pub peer: Peer,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Protocol {
    All,
    Tcp(u16, u16),
    Udp(u16, u16),
    /// ICMP type and code (`None`: any).
    Icmp(Option<u8>, Option<u8>),
    Other(u8),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Peer {
    Cidr(Ipv4Net),
    /// The addresses of another group's members (a rule naming a security group).
    Addrs(Vec<Ipv4Addr>),
}

impl Ruleset {
    /// The nftables script that replaces the table atomically (one transaction: create it if
    /// missing, delete it, make it again).
    pub fn render(&self) -> String {
        let mut s = String::with_capacity(512 + self.ports.len() * 256);
        let _ = writeln!(s, "table inet {TABLE} {{}}\ndelete table inet {TABLE}\ntable inet {TABLE} {{");
        let vmap = |prefix: &str| -> String {
            let entries: Vec<String> =
                self.ports.iter().map(|p| format!("\"{}\" : jump {prefix}_{}", p.name, p.name)).collect();
            entries.join(", ")
        };
        let (ingress, egress) = (vmap("in"), vmap("eg"));
        let has = !self.ports.is_empty();
        // Network ACLs first: stateless, they see every packet, replies too.
        let nacl = if self.acls.is_empty() { "" } else { "    jump nacl\n" };
        s.push_str("  chain forward {\n    type filter hook forward priority filter; policy drop;\n");
        s.push_str(nacl);
        s.push_str("    ct state established,related accept\n    ct state invalid drop\n");
        // From outside, only connections to published addresses (translated at prerouting).
        let _ = writeln!(s, "    iifname \"{UPLINK}\" ct status & dnat != dnat counter drop");
        if has {
            let _ = writeln!(s, "    iifname vmap {{ {egress} }}");
        }
        for (source, _) in &self.uplink.egress {
            let _ = writeln!(s, "    oifname \"{UPLINK}\" ip saddr {source} accept");
        }
        let _ = writeln!(s, "    oifname \"{UPLINK}\" counter drop");
        if has {
            let _ = writeln!(s, "    oifname vmap {{ {ingress} }}");
        }
        s.push_str("    accept\n  }\n");
        // The router's own traffic: an instance's packets to it meet the instance's egress
        // chain, its packets to an instance (load balancers, health checks) that one's ingress.
        // Then, at input, a service address's own ingress rules.
        for (hook, dir, chains) in [("input", "iifname", &egress), ("output", "oifname", &ingress)] {
            let _ = writeln!(s, "  chain {hook} {{\n    type filter hook {hook} priority filter; policy accept;");
            s.push_str(nacl);
            s.push_str("    ct state established,related accept\n");
            if has {
                let _ = writeln!(s, "    {dir} vmap {{ {chains} }}");
            }
            if hook == "input" {
                for (n, svc) in self.services.iter().enumerate() {
                    let _ = writeln!(s, "    ip daddr {} jump svc_{n}", svc.addr);
                }
            }
            s.push_str("  }\n");
        }
        for (n, svc) in self.services.iter().enumerate() {
            let _ = writeln!(s, "  chain svc_{n} {{");
            for r in &svc.ingress {
                if let Some(m) = r.matcher("saddr") {
                    let _ = writeln!(s, "    {m}accept");
                }
            }
            s.push_str("    counter drop\n  }\n");
        }
        if !self.acls.is_empty() {
            s.push_str("  chain nacl {\n");
            for a in &self.acls {
                for net in &a.subnets {
                    let _ = writeln!(s, "    ip saddr {net} ip daddr != {net} jump nacl_out_{}", a.name);
                    let _ = writeln!(s, "    ip daddr {net} ip saddr != {net} jump nacl_in_{}", a.name);
                }
            }
            s.push_str("  }\n");
            for a in &self.acls {
                for (dir, rules, field) in [("in", &a.ingress, "saddr"), ("out", &a.egress, "daddr")] {
                    let _ = writeln!(s, "  chain nacl_{dir}_{} {{", a.name);
                    for r in rules {
                        let m = Rule { protocol: r.protocol.clone(), peer: Peer::Cidr(r.cidr) }.matcher(field);
                        if let Some(m) = m {
                            let _ = writeln!(s, "    {m}{}", if r.allow { "return" } else { "counter drop" });
                        }
                    }
                    s.push_str("    counter drop\n  }\n");
                }
            }
        }
        for p in &self.ports {
            let _ = writeln!(s, "  chain in_{} {{", p.name);
            for r in &p.ingress {
                if let Some(m) = r.matcher("saddr") {
                    let _ = writeln!(s, "    {m}accept");
                }
            }
            s.push_str("    counter drop\n  }\n");
            let _ = writeln!(s, "  chain eg_{} {{", p.name);
            for r in &p.egress {
                if let Some(m) = r.matcher("daddr") {
                    let _ = writeln!(s, "    {m}return");
                }
            }
            s.push_str("    counter drop\n  }\n");
        }
        s.push_str("}\n");
        let _ = writeln!(s, "table ip {NAT_TABLE} {{}}\ndelete table ip {NAT_TABLE}\ntable ip {NAT_TABLE} {{");
        s.push_str("  chain pre {\n    type nat hook prerouting priority dstnat; policy accept;\n");
        for (public, private) in &self.uplink.published {
            let _ = writeln!(s, "    iifname \"{UPLINK}\" ip daddr {public} dnat to {private}");
        }
        s.push_str("  }\n  chain post {\n    type nat hook postrouting priority srcnat; policy accept;\n");
        // Narrowest source first: an instance's own public address before its subnet's NAT.
        let mut egress = self.uplink.egress.clone();
        egress.sort_by_key(|(net, _)| std::cmp::Reverse(net.prefix_len()));
        for (source, public) in &egress {
            let _ = writeln!(s, "    oifname \"{UPLINK}\" ip saddr {source} snat to {public}");
        }
        s.push_str("  }\n}\n");
        s
    }
}

impl Rule {
    /// The rule's match (ending in a space), `None` when it can match nothing (a group with no
    /// members).
    fn matcher(&self, field: &str) -> Option<String> {
        let mut m = String::new();
        match &self.peer {
            Peer::Cidr(net) if net.prefix_len() == 0 => m.push_str("meta nfproto ipv4 "),
            Peer::Cidr(net) => {
                let _ = write!(m, "ip {field} {net} ");
            }
            Peer::Addrs(a) if a.is_empty() => return None,
            Peer::Addrs(a) => {
                let list: Vec<String> = a.iter().map(|ip| ip.to_string()).collect();
                let _ = write!(m, "ip {field} {{ {} }} ", list.join(", "));
            }
        }
        let ports = |proto: &str, from: u16, to: u16| match (from, to) {
            (0, 65535) => format!("meta l4proto {proto} "),
            (f, t) if f == t => format!("{proto} dport {f} "),
            (f, t) => format!("{proto} dport {f}-{t} "),
        };
        match &self.protocol {
            Protocol::All => {}
            Protocol::Tcp(f, t) => m.push_str(&ports("tcp", *f, *t)),
            Protocol::Udp(f, t) => m.push_str(&ports("udp", *f, *t)),
            Protocol::Icmp(None, _) => m.push_str("meta l4proto icmp "),
            Protocol::Icmp(Some(ty), None) => {
                let _ = write!(m, "icmp type {ty} ");
            }
            Protocol::Icmp(Some(ty), Some(code)) => {
                let _ = write!(m, "icmp type {ty} icmp code {code} ");
            }
            Protocol::Other(n) => {
                let _ = write!(m, "meta l4proto {n} ");
            }
        }
        Some(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cidr(s: &str) -> Peer {
        Peer::Cidr(s.parse().unwrap())
    }

    #[test]
    fn renders_groups_as_stateful_chains() {
        let rs = Ruleset {
            ports: vec![
                Port {
                    name: "va".into(),
                    ingress: vec![
                        Rule { protocol: Protocol::Tcp(80, 80), peer: Peer::Addrs(vec!["30.0.1.5".parse().unwrap()]) },
                        Rule { protocol: Protocol::Tcp(22, 22), peer: cidr("10.0.0.0/8") },
                        Rule { protocol: Protocol::Tcp(3306, 3306), peer: Peer::Addrs(vec![]) },
                    ],
                    egress: vec![Rule { protocol: Protocol::All, peer: cidr("0.0.0.0/0") }],
                },
                Port {
                    name: "vb".into(),
                    ingress: vec![
                        Rule { protocol: Protocol::Udp(1000, 2000), peer: cidr("30.0.0.0/16") },
                        Rule { protocol: Protocol::Icmp(Some(8), None), peer: cidr("0.0.0.0/0") },
                        Rule { protocol: Protocol::Tcp(0, 65535), peer: cidr("1.2.3.4/32") },
                    ],
                    egress: vec![],
                },
            ],
            uplink: Uplink {
                published: vec![("100.64.0.5".parse().unwrap(), "30.0.1.7".parse().unwrap())],
                egress: vec![
                    ("30.0.3.0/24".parse().unwrap(), "100.64.0.9".parse().unwrap()),
                    ("30.0.1.7/32".parse().unwrap(), "100.64.0.5".parse().unwrap()),
                ],
            },
            acls: vec![],
            services: vec![],
        };
        let text = rs.render();
        assert!(text.contains("    iifname \"uplink\" ct status & dnat != dnat counter drop\n"), "{text}");
        assert!(text.contains("    oifname \"uplink\" ip saddr 30.0.3.0/24 accept\n"), "{text}");
        assert!(text.contains("    iifname \"uplink\" ip daddr 100.64.0.5 dnat to 30.0.1.7\n"), "{text}");
        let own = text.find("ip saddr 30.0.1.7/32 snat to 100.64.0.5").expect("an instance's own address");
        let nat = text.find("ip saddr 30.0.3.0/24 snat to 100.64.0.9").expect("the subnet's NAT gateway");
        assert!(own < nat, "the narrowest source is translated first: {text}");
        assert!(text.starts_with("table inet hg {}\ndelete table inet hg\ntable inet hg {\n"), "{text}");
        assert!(text.contains("iifname vmap { \"va\" : jump eg_va, \"vb\" : jump eg_vb }"), "{text}");
        assert!(text.contains("oifname vmap { \"va\" : jump in_va, \"vb\" : jump in_vb }"), "{text}");
        assert!(text.contains("ct state established,related accept"));
        assert!(text.contains("    ip saddr { 30.0.1.5 } tcp dport 80 accept\n"), "{text}");
        assert!(text.contains("    ip saddr 10.0.0.0/8 tcp dport 22 accept\n"), "{text}");
        assert!(!text.contains("3306"), "a group without members matches nothing: {text}");
        assert!(text.contains("  chain eg_va {\n    meta nfproto ipv4 return\n    counter drop\n  }"), "{text}");
        assert!(text.contains("    ip saddr 30.0.0.0/16 udp dport 1000-2000 accept\n"), "{text}");
        assert!(text.contains("    meta nfproto ipv4 icmp type 8 accept\n"), "{text}");
        assert!(text.contains("    ip saddr 1.2.3.4/32 meta l4proto tcp accept\n"), "{text}");
        assert!(text.contains("  chain eg_vb {\n    counter drop\n  }"), "no egress rule lets nothing out: {text}");
    }

    #[test]
    fn network_acls_are_stateless_and_ordered() {
        let rs = Ruleset {
            acls: vec![Acl {
                name: "acl_1".into(),
                subnets: vec!["30.0.3.0/24".parse().unwrap()],
                ingress: vec![
                    AclRule { protocol: Protocol::Tcp(22, 22), cidr: "0.0.0.0/0".parse().unwrap(), allow: false },
                    AclRule { protocol: Protocol::Tcp(0, 65535), cidr: "30.0.0.0/16".parse().unwrap(), allow: true },
                ],
                egress: vec![AclRule {
                    protocol: Protocol::Tcp(1024, 65535),
                    cidr: "0.0.0.0/0".parse().unwrap(),
                    allow: true,
                }],
            }],
            ..Default::default()
        };
        let text = rs.render();
        let jump = text.find("    jump nacl\n").expect("ACLs are consulted");
        let tracked = text.find("ct state established,related accept").unwrap();
        assert!(jump < tracked, "before connection tracking: replies meet the ACL too: {text}");
        assert!(text.contains("    ip saddr 30.0.3.0/24 ip daddr != 30.0.3.0/24 jump nacl_out_acl_1\n"), "{text}");
        assert!(text.contains("    ip daddr 30.0.3.0/24 ip saddr != 30.0.3.0/24 jump nacl_in_acl_1\n"), "{text}");
        assert!(
            text.contains(
                "  chain nacl_in_acl_1 {\n    meta nfproto ipv4 tcp dport 22 counter drop\n    ip saddr 30.0.0.0/16 meta l4proto tcp return\n    counter drop\n  }"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "  chain nacl_out_acl_1 {\n    meta nfproto ipv4 tcp dport 1024-65535 return\n    counter drop\n  }"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_service_address_admits_only_what_its_groups_allow() {
        let rs = Ruleset {
            ports: vec![Port { name: "va".into(), ingress: vec![], egress: vec![] }],
            services: vec![Service {
                addr: "30.0.2.9".parse().unwrap(),
                ingress: vec![
                    Rule { protocol: Protocol::Tcp(3306, 3306), peer: Peer::Addrs(vec!["30.0.1.5".parse().unwrap()]) },
                    Rule { protocol: Protocol::Tcp(3306, 3306), peer: Peer::Addrs(vec![]) },
                ],
            }],
            ..Default::default()
        };
        let text = rs.render();
        let input = text.find("  chain input {").unwrap();
        let egress = text[input..].find("iifname vmap").expect("the sender's egress first") + input;
        let jump = text[input..].find("    ip daddr 30.0.2.9 jump svc_0\n").expect("the service's chain") + input;
        assert!(egress < jump, "{text}");
        assert!(
            text.contains("  chain svc_0 {\n    ip saddr { 30.0.1.5 } tcp dport 3306 accept\n    counter drop\n  }"),
            "{text}"
        );
        let output = text.find("  chain output {").unwrap();
        assert!(!text[output..].contains("jump svc_"), "only what comes in meets it: {text}");
    }

    #[test]
    fn an_empty_vpc_renders_hooks_without_maps() {
        let text = Ruleset::default().render();
        assert!(!text.contains("vmap"), "{text}");
        assert!(text.contains("policy drop"));
        assert_eq!(text.matches('{').count(), text.matches('}').count());
    }
}
