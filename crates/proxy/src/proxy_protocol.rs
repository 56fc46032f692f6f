//! The PROXY protocol headers a load balancer sends first on a relayed connection. Version 1
//! (HAProxy's specification, section 2.1; a classic load balancer's `ProxyProtocolPolicyType`):
//! one text line, `PROXY TCP4 <client> <listener> <client port> <listener port>\r\n`.
//!
//! The PROXY protocol v2 header (HAProxy's specification, section 2.2) that a network load
//! balancer sends first on each connection to a target of a group with
//! `proxy_protocol_v2.enabled`: 12 signature bytes, version 2 / command PROXY, the address family
//! and transport, the length of the addresses, then the client's (source) and the listener's
//! (destination) addresses and ports, big-endian. Binary, so it cannot be confused with the
//! client's own first bytes. (The `ppp` crate parses and writes these too; the one header the
//! proxy writes does not need a dependency.)

use std::net::{IpAddr, SocketAddr};

/// `\r\n\r\n\0\r\nQUIT\n`.
pub const SIGNATURE: [u8; 12] = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

/// Version 2 (high nibble), command PROXY (low nibble 1).
const V2_PROXY: u8 = 0x21;

/// The header for a relayed connection (`udp`: a datagram flow) from `source` (the client) to
/// `destination` (the load balancer's listener). IPv4-mapped IPv6 addresses count as IPv4; if
/// the two families still differ, both are written as IPv6.
pub fn v2_header(source: SocketAddr, destination: SocketAddr, udp: bool) -> Vec<u8> {
    let (src, dst) = (source.ip().to_canonical(), destination.ip().to_canonical());
    let transport: u8 = if udp { 0x2 } else { 0x1 };
    let mut out = Vec::with_capacity(16 + 36);
    out.extend_from_slice(&SIGNATURE);
    out.push(V2_PROXY);
    match (src, dst) {
        (IpAddr::V4(s), IpAddr::V4(d)) => {
            out.push(0x10 | transport);
            out.extend_from_slice(&12u16.to_be_bytes());
            out.extend_from_slice(&s.octets());
            out.extend_from_slice(&d.octets());
        }
        (s, d) => {
            let six = |ip: IpAddr| match ip {
                IpAddr::V4(v4) => v4.to_ipv6_mapped(),
                IpAddr::V6(v6) => v6,
            };
            out.push(0x20 | transport);
            out.extend_from_slice(&36u16.to_be_bytes());
            out.extend_from_slice(&six(s).octets());
            out.extend_from_slice(&six(d).octets());
        }
    }
    out.extend_from_slice(&source.port().to_be_bytes());
    out.extend_from_slice(&destination.port().to_be_bytes());
    out
}

/// The version 1 line for a relayed connection from `source` (the client) to `destination` (the
/// load balancer's listener): `TCP4` for IPv4 (IPv4-mapped addresses count as IPv4), else `TCP6`
/// with both addresses as IPv6.
pub fn v1_header(source: SocketAddr, destination: SocketAddr) -> String {
    let (src, dst) = (source.ip().to_canonical(), destination.ip().to_canonical());
    let (family, src, dst) = match (src, dst) {
        (IpAddr::V4(s), IpAddr::V4(d)) => ("TCP4", s.to_string(), d.to_string()),
        (s, d) => {
            let six = |ip: IpAddr| match ip {
                IpAddr::V4(v4) => v4.to_ipv6_mapped(),
                IpAddr::V6(v6) => v6,
            };
            ("TCP6", six(s).to_string(), six(d).to_string())
        }
    };
    format!("PROXY {family} {src} {dst} {} {}\r\n", source.port(), destination.port())
}

/// The header of a connection the load balancer makes for itself (a health check): command
/// LOCAL, family and transport unspecified, no addresses.
pub fn v2_local_header() -> [u8; 16] {
    let mut out = [0u8; 16];
    out[..12].copy_from_slice(&SIGNATURE);
    out[12] = 0x20;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_tcp_header_as_the_specification_lays_it_out() {
        let h = v2_header("10.1.2.3:51000".parse().unwrap(), "127.255.0.1:7000".parse().unwrap(), false);
        let mut want = SIGNATURE.to_vec();
        want.extend_from_slice(&[0x21, 0x11, 0x00, 0x0C, 10, 1, 2, 3, 127, 255, 0, 1]);
        want.extend_from_slice(&51000u16.to_be_bytes());
        want.extend_from_slice(&7000u16.to_be_bytes());
        assert_eq!(h, want);
        assert_eq!(h.len(), 28);
    }

    #[test]
    fn v1_lines_as_the_specification_writes_them() {
        let h = v1_header("198.51.100.22:35646".parse().unwrap(), "127.255.0.1:80".parse().unwrap());
        assert_eq!(h, "PROXY TCP4 198.51.100.22 127.255.0.1 35646 80\r\n");
        let h = v1_header("[::ffff:10.0.0.1]:1".parse().unwrap(), "10.0.0.2:2".parse().unwrap());
        assert_eq!(h, "PROXY TCP4 10.0.0.1 10.0.0.2 1 2\r\n");
        let h = v1_header("[2001:db8::1]:5".parse().unwrap(), "127.0.0.1:6".parse().unwrap());
        assert_eq!(h, "PROXY TCP6 2001:db8::1 ::ffff:127.0.0.1 5 6\r\n");
        // The specification's bound: 107 bytes at most.
        let h = v1_header(
            "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535".parse().unwrap(),
            "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535".parse().unwrap(),
        );
        assert_eq!(h.len(), 104);
    }

    #[test]
    fn local_header_for_health_checks() {
        let h = v2_local_header();
        assert_eq!((&h[..12], h[12], h[13], &h[14..]), (&SIGNATURE[..], 0x20, 0x00, &[0u8, 0][..]));
    }

    #[test]
    fn udp_and_ipv6_and_mixed_families() {
        let h = v2_header("10.0.0.1:1".parse().unwrap(), "10.0.0.2:2".parse().unwrap(), true);
        assert_eq!(h[13], 0x12);
        let h = v2_header("[::1]:5".parse().unwrap(), "127.0.0.1:6".parse().unwrap(), false);
        assert_eq!((h[13], u16::from_be_bytes([h[14], h[15]]), h.len()), (0x21, 36, 16 + 36));
        assert_eq!(&h[32..48], &"127.0.0.1".parse::<std::net::Ipv4Addr>().unwrap().to_ipv6_mapped().octets());
        // An IPv4-mapped source is IPv4.
        let h = v2_header("[::ffff:1.2.3.4]:5".parse().unwrap(), "5.6.7.8:6".parse().unwrap(), false);
        assert_eq!((h[13], &h[16..20]), (0x11, &[1u8, 2, 3, 4][..]));
    }
}
