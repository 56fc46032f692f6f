//! Real namespaces, veth links and nftables rules (needs root, `ip` and `nft`, as the daemon's
//! isolated mode does): two instances of one VPC reach each other only as their groups say,
//! a revoked rule refuses new connections at once while a connection already made lives on, and
//! two VPCs with the same addresses do not see each other.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use vnet::{Fabric, Peer, Port, Protocol, Rule, Ruleset};

struct Cleanup(Fabric);

impl Drop for Cleanup {
    fn drop(&mut self) {
        for n in self.0.namespaces() {
            let _ = std::process::Command::new("ip").args(["netns", "del", &n]).status();
        }
    }
}

fn ip(s: &str) -> Ipv4Addr {
    s.parse().unwrap()
}

fn tcp(port: u16, peer: Peer) -> Rule {
    Rule { protocol: Protocol::Tcp(port, port), peer }
}

fn all_out() -> Vec<Rule> {
    vec![Rule { protocol: Protocol::All, peer: Peer::Cidr("0.0.0.0/0".parse().unwrap()) }]
}

const TIMEOUT: Duration = Duration::from_millis(500);

#[test]
fn security_groups_are_enforced_statefully_and_vpcs_are_apart() {
    let fabric = Fabric::new(&vnet::tag_for(&format!("vnet-test-{}", std::process::id())));
    fabric.probe().expect("this test needs root, iproute2 and nftables");
    let _cleanup = Cleanup(fabric.clone());

    let web = fabric.attach("vpc-a", "i-000000000000000a1", ip("30.0.3.17"), ip("30.0.3.1")).unwrap();
    let client = fabric.attach("vpc-a", "i-000000000000000a2", ip("30.0.1.9"), ip("30.0.1.1")).unwrap();
    let other = fabric.attach("vpc-a", "i-000000000000000a3", ip("30.0.1.10"), ip("30.0.1.1")).unwrap();
    // A second VPC with the very same addresses.
    let twin = fabric.attach("vpc-b", "i-000000000000000b1", ip("30.0.3.17"), ip("30.0.3.1")).unwrap();
    let router = vnet::Netns::open(&fabric.vpc_ns("vpc-a")).unwrap();

    let web_port = Fabric::port_name("i-000000000000000a1");
    let rules = |allowed: Vec<Ipv4Addr>| Ruleset {
        ports: vec![
            Port { name: web_port.clone(), ingress: vec![tcp(80, Peer::Addrs(allowed))], egress: all_out() },
            Port { name: Fabric::port_name("i-000000000000000a2"), ingress: vec![], egress: all_out() },
            Port { name: Fabric::port_name("i-000000000000000a3"), ingress: vec![], egress: all_out() },
        ],
        uplink: Default::default(),
        acls: vec![],
        services: vec![],
    };
    vnet::apply_nft(&router, &rules(vec![ip("30.0.1.9")]).render()).unwrap();

    let server = web.listen("30.0.3.17:80".parse().unwrap()).unwrap();
    let twin_server = twin.listen("30.0.3.17:80".parse().unwrap()).unwrap();
    let addr: SocketAddr = "30.0.3.17:80".parse().unwrap();

    // The allowed client gets through and talks.
    let mut c = client.connect_timeout(addr, TIMEOUT).expect("the group lets 30.0.1.9 in on 80");
    let (mut s, peer) = server.accept().unwrap();
    assert_eq!(peer.ip(), std::net::IpAddr::V4(ip("30.0.1.9")), "the source address is the client's own");
    c.write_all(b"ping").unwrap();
    let mut buf = [0u8; 4];
    s.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"ping");

    // Another member of the VPC is refused, on 80 and on any other port.
    assert!(other.connect_timeout(addr, TIMEOUT).is_err(), "30.0.1.10 is not in the group");
    assert!(client.connect_timeout("30.0.3.17:22".parse().unwrap(), TIMEOUT).is_err(), "port 22 is not open");

    // Revoke: new connections are refused at once, the one made before lives on.
    let t = std::time::Instant::now();
    vnet::apply_nft(&router, &rules(vec![]).render()).unwrap();
    assert!(t.elapsed() < Duration::from_millis(100), "rules applied in {:?}", t.elapsed());
    assert!(client.connect_timeout(addr, TIMEOUT).is_err(), "revoked");
    s.write_all(b"pong").unwrap();
    c.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"pong", "the tracked connection is not cut");

    // The twin VPC's 30.0.3.17 is another machine: it sees no connection from vpc-a.
    twin_server.set_nonblocking(true).unwrap();
    assert!(twin_server.accept().is_err(), "nothing crossed between the VPCs");

    // From its own namespace an instance reaches its own address (the instance status check).
    assert!(web.connect_timeout(addr, TIMEOUT).is_ok());
    let (_own, _) = server.accept().unwrap();
    // The daemon's host namespace does not reach the VPC at all (whatever the host's own
    // routes do with 30.0.3.17, the instance's listener sees nothing).
    let _ = std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200));
    server.set_nonblocking(true).unwrap();
    assert!(server.accept().is_err(), "a connection from the host reached the instance");

    fabric.detach("i-000000000000000a1");
    assert!(!vnet::ns::exists(&fabric.instance_ns("i-000000000000000a1")));
}

#[test]
fn instances_launched_together_into_a_new_vpc_all_get_their_network() {
    let fabric = Fabric::new(&vnet::tag_for(&format!("vnet-race-{}", std::process::id())));
    fabric.probe().expect("this test needs root, iproute2 and nftables");
    let _cleanup = Cleanup(fabric.clone());
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let f = fabric.clone();
            std::thread::spawn(move || {
                f.attach(
                    "vpc-race",
                    &format!("i-00000000000000{i:03}"),
                    ip(&format!("30.0.3.{}", 10 + i)),
                    ip("30.0.3.1"),
                )
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap().expect("every instance gets its namespace and link");
    }
    // And they reach each other through the one router (no rules yet: an empty table allows).
    let router = vnet::Netns::open(&fabric.vpc_ns("vpc-race")).unwrap();
    vnet::apply_nft(&router, &Ruleset::default().render()).unwrap();
    let server = vnet::Netns::open(&fabric.instance_ns("i-00000000000000000"))
        .unwrap()
        .listen("30.0.3.10:80".parse().unwrap())
        .unwrap();
    let client = vnet::Netns::open(&fabric.instance_ns("i-00000000000000003")).unwrap();
    let started = std::time::Instant::now();
    client.connect_timeout("30.0.3.10:80".parse().unwrap(), Duration::from_secs(3)).expect("reachable");
    assert!(started.elapsed() < Duration::from_millis(500), "no ARP stall: {:?}", started.elapsed());
    drop(server);
}

#[test]
fn a_service_address_on_the_router_admits_only_its_groups_sources() {
    let fabric = Fabric::new(&vnet::tag_for(&format!("vnet-svc-{}", std::process::id())));
    fabric.probe().expect("this test needs root, iproute2 and nftables");
    let _cleanup = Cleanup(fabric.clone());
    let web = fabric.attach("vpc-s", "i-000000000000000c1", ip("30.0.1.9"), ip("30.0.1.1")).unwrap();
    let other = fabric.attach("vpc-s", "i-000000000000000c2", ip("30.0.1.10"), ip("30.0.1.1")).unwrap();
    // A DB instance's endpoint: an address of the router, a listener made there.
    fabric.add_local("vpc-s", ip("30.0.2.20")).unwrap();
    let router = vnet::Netns::open(&fabric.vpc_ns("vpc-s")).unwrap();
    let db: SocketAddr = "30.0.2.20:3306".parse().unwrap();
    let listener = router.listen(db).unwrap();
    let ruleset = Ruleset {
        ports: vec![
            Port { name: Fabric::port_name("i-000000000000000c1"), ingress: vec![], egress: all_out() },
            Port { name: Fabric::port_name("i-000000000000000c2"), ingress: vec![], egress: all_out() },
        ],
        services: vec![vnet::Service {
            addr: ip("30.0.2.20"),
            ingress: vec![tcp(3306, Peer::Addrs(vec![ip("30.0.1.9")]))],
        }],
        ..Default::default()
    };
    vnet::apply_nft(&router, &ruleset.render()).unwrap();
    web.connect_timeout(db, TIMEOUT).expect("the web tier reaches the database");
    let (_conn, peer) = listener.accept().unwrap();
    assert_eq!(peer.ip(), std::net::IpAddr::V4(ip("30.0.1.9")));
    assert!(other.connect_timeout(db, TIMEOUT).is_err(), "30.0.1.10 is not in the web tier's group");
    assert!(web.connect_timeout("30.0.2.20:22".parse().unwrap(), TIMEOUT).is_err(), "only 3306 is open");
}
