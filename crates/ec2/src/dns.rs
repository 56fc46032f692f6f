//! The VPC's DNS server (isolated networks): at the VPC's +2 address, port 53/UDP, in its
//! router, as the Amazon-provided resolver is. It answers the private DNS names EC2 gives
//! instances (`ip-30-0-3-10.<region>.compute.internal` → 30.0.3.10, for addresses inside the
//! VPC) and says NXDOMAIN for other names under `compute.internal`; it does not recurse (other
//! names are REFUSED: the region has no way to the internet's DNS of its own).

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ipnet::Ipv4Net;
use simple_dns::rdata::{RData, A};
use simple_dns::{Packet, PacketFlag, ResourceRecord, CLASS, QTYPE, RCODE, TYPE};

/// The VPC's resolver address: its CIDR's base + 2.
pub(crate) fn resolver_ip(vpc: &Ipv4Net) -> Ipv4Addr {
    Ipv4Addr::from(u32::from(vpc.network()) + 2)
}

/// The answer to one query datagram (pure); `None` for what is not a query at all.
pub(crate) fn answer(query: &[u8], region: &str, vpc: &Ipv4Net) -> Option<Vec<u8>> {
    let q = Packet::parse(query).ok()?;
    if q.has_flags(PacketFlag::RESPONSE) {
        return None;
    }
    let mut reply = Packet::new_reply(q.id());
    reply.set_flags(PacketFlag::AUTHORITATIVE_ANSWER);
    if q.has_flags(PacketFlag::RECURSION_DESIRED) {
        reply.set_flags(PacketFlag::RECURSION_DESIRED);
    }
    let Some(question) = q.questions.first() else {
        *reply.rcode_mut() = RCODE::FormatError;
        return reply.build_bytes_vec().ok();
    };
    reply.questions.push(question.clone());
    let name = question.qname.to_string().trim_end_matches('.').to_ascii_lowercase();
    let internal = format!(".{region}.compute.internal");
    if !name.ends_with(".compute.internal") {
        *reply.rcode_mut() = RCODE::Refused;
        return reply.build_bytes_vec().ok();
    }
    let address = name
        .strip_suffix(&internal)
        .and_then(|host| host.strip_prefix("ip-"))
        .and_then(|dashed| dashed.replace('-', ".").parse::<Ipv4Addr>().ok())
        .filter(|ip| vpc.contains(ip));
    match address {
        Some(ip) => {
            if matches!(question.qtype, QTYPE::TYPE(TYPE::A) | QTYPE::ANY) {
                reply.answers.push(ResourceRecord::new(
                    question.qname.clone(),
                    CLASS::IN,
                    60,
                    RData::A(A { address: u32::from(ip) }),
                ));
            }
            // Another type for a name that exists: no data, no error.
        }
        None => *reply.rcode_mut() = RCODE::NameError,
    }
    reply.build_bytes_vec().ok()
}

/// The resolvers running, one thread per VPC.
#[derive(Default)]
pub(crate) struct Resolvers {
    running: Mutex<HashMap<String, Arc<AtomicBool>>>,
}

impl Resolvers {
    /// Keep exactly the VPCs in `vpcs` served: start the missing resolvers, stop the others.
    pub(crate) fn keep(&self, fabric: &vnet::Fabric, region: &str, vpcs: &[(String, Ipv4Net)]) {
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        running.retain(|vpc, on| {
            let keep = vpcs.iter().any(|(v, _)| v == vpc) && on.load(Ordering::Relaxed);
            if !keep {
                on.store(false, Ordering::Relaxed);
            }
            keep
        });
        for (vpc_id, cidr) in vpcs {
            if running.contains_key(vpc_id) {
                continue;
            }
            match start(fabric, region, vpc_id, *cidr) {
                Ok(on) => {
                    running.insert(vpc_id.clone(), on);
                }
                Err(e) => tracing::warn!(vpc = %vpc_id, error = %e, "the VPC's DNS server did not start"),
            }
        }
    }
}

fn start(fabric: &vnet::Fabric, region: &str, vpc_id: &str, cidr: Ipv4Net) -> std::io::Result<Arc<AtomicBool>> {
    let ip = resolver_ip(&cidr);
    fabric.add_local(vpc_id, ip)?;
    let router = vnet::Netns::open(&fabric.vpc_ns(vpc_id))?;
    let socket = router.udp_socket()?;
    socket.bind(&SocketAddr::from((ip, 53)).into())?;
    socket.set_read_timeout(Some(Duration::from_secs(1)))?;
    let socket: std::net::UdpSocket = socket.into();
    let on = Arc::new(AtomicBool::new(true));
    let running = on.clone();
    let region = region.to_string();
    std::thread::Builder::new().name(format!("dns-{vpc_id}")).spawn(move || {
        let mut buf = [0u8; 1500];
        while running.load(Ordering::Relaxed) {
            let Ok((n, peer)) = socket.recv_from(&mut buf) else { continue };
            if let Some(out) = answer(&buf[..n], &region, &cidr) {
                let _ = socket.send_to(&out, peer);
            }
        }
    })?;
    Ok(on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use simple_dns::{Name, Question, QCLASS};

    fn ask(name: &str, qtype: TYPE) -> Vec<u8> {
        let mut p = Packet::new_query(7);
        p.set_flags(PacketFlag::RECURSION_DESIRED);
        p.questions.push(Question::new(Name::new_unchecked(name), QTYPE::TYPE(qtype), QCLASS::CLASS(CLASS::IN), false));
        p.build_bytes_vec().unwrap()
    }

    fn reply(query: Vec<u8>) -> (RCODE, Vec<Ipv4Addr>) {
        let vpc: Ipv4Net = "30.0.0.0/16".parse().unwrap();
        let out = answer(&query, "ap-northeast-2", &vpc).expect("an answer");
        let p = Packet::parse(&out).unwrap();
        assert_eq!(p.id(), 7);
        assert!(p.has_flags(PacketFlag::RESPONSE));
        let ips = p
            .answers
            .iter()
            .filter_map(|r| match &r.rdata {
                RData::A(a) => Some(Ipv4Addr::from(a.address)),
                _ => None,
            })
            .collect();
        (p.rcode(), ips)
    }

    #[test]
    fn answers_private_names_inside_the_vpc_only() {
        assert_eq!(
            reply(ask("ip-30-0-3-10.ap-northeast-2.compute.internal", TYPE::A)),
            (RCODE::NoError, vec![Ipv4Addr::new(30, 0, 3, 10)])
        );
        assert_eq!(
            reply(ask("IP-30-0-3-10.AP-NORTHEAST-2.COMPUTE.INTERNAL.", TYPE::A)).1,
            vec![Ipv4Addr::new(30, 0, 3, 10)],
            "names are case-insensitive"
        );
        assert_eq!(reply(ask("ip-30-0-3-10.ap-northeast-2.compute.internal", TYPE::AAAA)), (RCODE::NoError, vec![]));
        assert_eq!(reply(ask("ip-10-1-2-3.ap-northeast-2.compute.internal", TYPE::A)).0, RCODE::NameError);
        assert_eq!(reply(ask("web.ap-northeast-2.compute.internal", TYPE::A)).0, RCODE::NameError);
        assert_eq!(reply(ask("ip-30-0-3-10.us-east-1.compute.internal", TYPE::A)).0, RCODE::NameError);
        assert_eq!(reply(ask("example.com", TYPE::A)).0, RCODE::Refused, "no recursion");
        assert!(answer(b"\x00\x01garbage", "ap-northeast-2", &"30.0.0.0/16".parse().unwrap()).is_none());
        assert_eq!(resolver_ip(&"30.0.0.0/16".parse().unwrap()), Ipv4Addr::new(30, 0, 0, 2));
    }
}
