//! The links: a namespace per VPC that routes between its instances (the "VPC router"), and a
//! namespace per instance joined to it by a veth pair. Made with iproute2 (`ip`), rules with
//! nftables (`nft`), each command bounded by a timeout.
//!
//! ```text
//!   instance ns hg<tag>-i-…            VPC router ns hg<tag>-vpc-…
//!   lo   169.254.169.254/32 (IMDS)     lo  30.0.3.1/32, 30.0.1.1/32 … (each subnet's router, +1)
//!   eth0 30.0.3.17/32  ◄── veth ──►    v<instance id tail>   route 30.0.3.17/32 dev v…
//!   default via 30.0.3.1 onlink        nftables table inet hg: the security groups
//! ```
//!
//! Routed, not bridged: every packet between two instances crosses the router's forward hook,
//! where conntrack makes the security groups stateful (bridge conntrack is not needed).

use std::io;
use std::io::Write;
use std::net::Ipv4Addr;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::ns::{self, Netns};
use crate::rules::UPLINK;

const COMMAND_TIMEOUT: Duration = Duration::from_secs(10);

/// The host's address on every VPC uplink: where instances reach the host through an internet
/// or NAT gateway, and the source of the host's own connections to published addresses.
pub const HOST_LINK: Ipv4Addr = Ipv4Addr::new(169, 254, 77, 1);
/// The router's address on its uplink (the same in every VPC: each router is its own namespace).
pub const ROUTER_LINK: Ipv4Addr = Ipv4Addr::new(169, 254, 77, 2);

/// The namespaces of one region (one daemon), named apart from any other region's on the host by
/// `tag`.
#[derive(Debug, Clone)]
pub struct Fabric {
    tag: String,
    /// Router addresses known to be in place (`add_local`), so each is added once.
    locals: std::sync::Arc<std::sync::Mutex<std::collections::HashSet<(String, Ipv4Addr)>>>,
    /// Held while a router is made: instances launched together into a new VPC would race to
    /// make it (one `ip netns add` wins, the others fail).
    making: std::sync::Arc<std::sync::Mutex<()>>,
}

impl Fabric {
    /// `tag`: a few characters that tell this region's namespaces apart (see [`tag_for`]).
    pub fn new(tag: &str) -> Fabric {
        Fabric { tag: tag.to_string(), locals: Default::default(), making: Default::default() }
    }

    /// Can this host make namespaces, veth links and nftables rules? The reason when not.
    pub fn probe(&self) -> Result<(), String> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return Err("the daemon is not running as root".into());
        }
        for tool in ["ip", "nft"] {
            if which(tool).is_none() {
                return Err(format!("`{tool}` is not installed (Debian: iproute2, nftables)"));
            }
        }
        let probe = format!("hg{}-probe", self.tag);
        let _ = run(Command::new("ip").args(["netns", "del", &probe]));
        run(Command::new("ip").args(["netns", "add", &probe])).map_err(|e| format!("cannot make a namespace: {e}"))?;
        let nft = Netns::open(&probe).map_err(|e| e.to_string()).and_then(|n| {
            apply_nft(&n, "table inet hgprobe {\n  chain c { type filter hook forward priority 0; }\n}\n")
                .map_err(|e| format!("nftables refused a table: {e}"))
        });
        let _ = run(Command::new("ip").args(["netns", "del", &probe]));
        nft
    }

    pub fn vpc_ns(&self, vpc_id: &str) -> String {
        format!("hg{}-{vpc_id}", self.tag)
    }

    pub fn instance_ns(&self, instance_id: &str) -> String {
        format!("hg{}-{instance_id}", self.tag)
    }

    /// The router's end of an instance's link (interface names are at most 15 bytes).
    pub fn port_name(instance_id: &str) -> String {
        let tail = instance_id.rsplit('-').next().unwrap_or(instance_id);
        let tail = &tail[tail.len().saturating_sub(14)..];
        format!("v{tail}")
    }

    /// Make the VPC's router namespace if it is missing: loopback up, forwarding on.
    pub fn ensure_vpc(&self, vpc_id: &str) -> io::Result<Netns> {
        let name = self.vpc_ns(vpc_id);
        let _making = self.making.lock().unwrap_or_else(|e| e.into_inner());
        if !ns::exists(&name) {
            run(Command::new("ip").args(["netns", "add", &name]))?;
            batch(&name, "link set lo up\n")?;
        }
        let ns = Netns::open(&name)?;
        ns.sysctl("net/ipv4/ip_forward", "1")?;
        Ok(ns)
    }

    /// Join an instance to its VPC: its namespace, the veth pair, its address and routes, the
    /// subnet router's address (`gateway`, the subnet's +1) on the router. Idempotent: an
    /// existing namespace is made again from scratch (its processes must be gone).
    pub fn attach(&self, vpc_id: &str, instance_id: &str, ip: Ipv4Addr, gateway: Ipv4Addr) -> io::Result<Netns> {
        let router = self.vpc_ns(vpc_id);
        self.ensure_vpc(vpc_id)?;
        let name = self.instance_ns(instance_id);
        if ns::exists(&name) {
            self.detach(instance_id);
        }
        let port = Self::port_name(instance_id);
        run(Command::new("ip").args(["netns", "add", &name]))?;
        // One `ip` for the router's part: its loopback holds every subnet router address (adding
        // one twice is refused with "File exists"), a link left from an earlier life goes, the
        // new pair is made. `-force` goes on past the first two refusals; a pair not made shows
        // as the instance's batch failing on its missing eth0.
        // The instance's end is made ready before the router's end comes up and routes to it:
        // a packet for the instance reaching the router earlier (a client's or a health check's
        // SYN) would make it ask ARP on a link whose far end is down, and the unanswered
        // neighbour entry would hold traffic back until ARP's next try, a second later.
        let _ = run_with_input(
            Command::new("ip").args(["-n", &router, "-force", "-batch", "-"]),
            &format!(
                "addr add {gateway}/32 dev lo\n\
                 link del {port}\n\
                 link add {port} type veth peer name eth0 netns {name}\n"
            ),
        );
        batch(
            &name,
            &format!(
                "link set lo up\n\
                 addr add 169.254.169.254/32 dev lo\n\
                 addr add {ip}/32 dev eth0\n\
                 link set eth0 up\n\
                 route add default via {gateway} dev eth0 onlink\n"
            ),
        )?;
        batch(&router, &format!("link set {port} up\nroute replace {ip}/32 dev {port}\n"))?;
        Netns::open(&name)
    }

    /// Take an instance off its VPC: its namespace goes, and with it the veth pair and route.
    pub fn detach(&self, instance_id: &str) {
        let name = self.instance_ns(instance_id);
        if ns::exists(&name) {
            if let Err(e) = run(Command::new("ip").args(["netns", "del", &name])) {
                tracing::warn!(namespace = %name, error = %e, "instance namespace not removed");
            }
        }
    }

    pub fn remove_vpc(&self, vpc_id: &str) {
        let name = self.vpc_ns(vpc_id);
        if ns::exists(&name) {
            if let Err(e) = run(Command::new("ip").args(["netns", "del", &name])) {
                tracing::warn!(namespace = %name, error = %e, "VPC namespace not removed");
            }
        }
    }

    /// The host's end of a VPC's uplink (unique per region and VPC; at most 15 bytes).
    pub fn uplink_name(&self, vpc_id: &str) -> String {
        let h = fnv1a(self.tag.bytes().chain(vpc_id.bytes()));
        format!("hu{:013x}", h & 0xf_ffff_ffff_ffff)
    }

    /// Link the VPC's router to the host (once): a veth pair, the host's end at [`HOST_LINK`],
    /// the router's (`uplink`) at [`ROUTER_LINK`], the router's default route through it. What
    /// may cross is the router's rules' business (`rules::Uplink`).
    pub fn ensure_uplink(&self, vpc_id: &str) -> io::Result<()> {
        let host = self.uplink_name(vpc_id);
        if std::path::Path::new("/sys/class/net").join(&host).exists() {
            return Ok(());
        }
        let router = self.ensure_vpc(vpc_id)?;
        let name = router.name();
        run(Command::new("ip").args(["link", "add", &host, "type", "veth", "peer", "name", UPLINK, "netns", name]))?;
        run_with_input(
            Command::new("ip").args(["-batch", "-"]),
            &format!(
                "addr add {HOST_LINK}/32 dev {host}\n\
                 link set {host} up\n"
            ),
        )?;
        batch(
            name,
            &format!(
                "addr add {ROUTER_LINK}/32 dev {UPLINK}\n\
                 link set {UPLINK} up\n\
                 route replace {HOST_LINK}/32 dev {UPLINK}\n\
                 route replace default via {HOST_LINK} dev {UPLINK} onlink\n"
            ),
        )
    }

    /// Route exactly `public` (the VPC's published addresses: instances' and NAT gateways')
    /// from the host into the VPC's router.
    pub fn set_public_routes(&self, vpc_id: &str, public: &[Ipv4Addr]) -> io::Result<()> {
        self.ensure_uplink(vpc_id)?;
        let host = self.uplink_name(vpc_id);
        let out = Command::new("ip").args(["-4", "-o", "route", "show", "dev", &host]).output()?;
        let have: std::collections::HashSet<Ipv4Addr> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.contains(&format!("via {ROUTER_LINK}")))
            .filter_map(|l| l.split_whitespace().next()?.trim_end_matches("/32").parse().ok())
            .collect();
        let want: std::collections::HashSet<Ipv4Addr> = public.iter().copied().collect();
        let mut lines = String::new();
        for ip in want.difference(&have) {
            lines.push_str(&format!("route replace {ip}/32 via {ROUTER_LINK} dev {host} onlink\n"));
        }
        for ip in have.difference(&want) {
            lines.push_str(&format!("route del {ip}/32 dev {host}\n"));
        }
        if lines.is_empty() {
            return Ok(());
        }
        run_with_input(Command::new("ip").args(["-batch", "-"]), &lines)
    }

    /// Make `ip` an address of the VPC's router (a load balancer's node there): sockets made in
    /// the router can use it as their source. Idempotent.
    pub fn add_local(&self, vpc_id: &str, ip: Ipv4Addr) -> io::Result<()> {
        let known = (vpc_id.to_string(), ip);
        if self.locals.lock().unwrap_or_else(|e| e.into_inner()).contains(&known) {
            return Ok(());
        }
        let router = self.ensure_vpc(vpc_id)?;
        match run(Command::new("ip").args(["-n", router.name(), "addr", "add", &format!("{ip}/32"), "dev", "lo"])) {
            Err(e) if !e.to_string().contains("File exists") => return Err(e),
            _ => {}
        }
        self.locals.lock().unwrap_or_else(|e| e.into_inner()).insert(known);
        Ok(())
    }

    pub fn remove_local(&self, vpc_id: &str, ip: Ipv4Addr) {
        self.locals.lock().unwrap_or_else(|e| e.into_inner()).remove(&(vpc_id.to_string(), ip));
        let _ =
            run(Command::new("ip").args(["-n", &self.vpc_ns(vpc_id), "addr", "del", &format!("{ip}/32"), "dev", "lo"]));
    }

    /// Every namespace of this region on the host (`hg<tag>-…`).
    pub fn namespaces(&self) -> Vec<String> {
        let prefix = format!("hg{}-", self.tag);
        std::fs::read_dir(ns::RUN_DIR)
            .map(|d| {
                d.flatten()
                    .filter_map(|e| e.file_name().to_str().map(String::from))
                    .filter(|n| n.starts_with(&prefix))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A short, stable tag for a region's namespaces, from something unique to it (its data dir).
pub fn tag_for(seed: &str) -> String {
    format!("{:06x}", fnv1a(seed.bytes()) & 0xff_ffff)
}

/// FNV-1a (64 bits): names made from it are the same across builds and platforms, which std's
/// hasher does not promise (the e2e harness computes `tag_for` in Python too).
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

/// Replace the router's nftables table with `ruleset` in one transaction: a packet sees the old
/// rules or the new ones, and tracked connections are untouched.
pub fn apply_nft(router: &Netns, ruleset: &str) -> io::Result<()> {
    let mut cmd = Command::new("nft");
    cmd.args(["-f", "-"]);
    router.command(&mut cmd)?;
    run_with_input(&mut cmd, ruleset)
}

/// `ip -n <ns> -batch -` with `lines`.
fn batch(ns: &str, lines: &str) -> io::Result<()> {
    run_with_input(Command::new("ip").args(["-n", ns, "-batch", "-"]), lines)
}

fn run(cmd: &mut Command) -> io::Result<()> {
    run_with_input(cmd, "")
}

fn run_with_input(cmd: &mut Command, input: &str) -> io::Result<()> {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes())?;
    }
    let deadline = Instant::now() + COMMAND_TIMEOUT;
    loop {
        if let Some(status) = child.try_wait()? {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = io::Read::read_to_string(&mut e, &mut err);
            }
            return if status.success() {
                Ok(())
            } else {
                Err(io::Error::other(format!("{:?} failed ({status}): {}", cmd.get_program(), err.trim())))
            };
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::other(format!("{:?} did not finish in {COMMAND_TIMEOUT:?}", cmd.get_program())));
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn which(tool: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .chain(["/usr/sbin".into(), "/sbin".into()])
        .map(|d| d.join(tool))
        .find(|p| p.exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fit_the_kernel_limits() {
        assert_eq!(Fabric::port_name("i-0123456789abcdef0"), "v3456789abcdef0");
        assert_eq!(Fabric::port_name("i-12345678"), "v12345678");
        assert_eq!(tag_for("/tmp/a"), tag_for("/tmp/a"));
        assert_ne!(tag_for("/tmp/a"), tag_for("/tmp/b"));
        assert_eq!(tag_for("x").len(), 6);
        // The host's end of every VPC's uplink fits IFNAMSIZ too, whatever the hash.
        for i in 0..2000 {
            let name = Fabric::new(&tag_for(&i.to_string())).uplink_name(&format!("vpc-{i:017x}"));
            assert_eq!(name.len(), 15, "{name}");
        }
    }
}
