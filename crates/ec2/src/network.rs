//! VPC addressing on the process driver. A VPC address `a.b.c.d` is served by the loopback
//! address `127.b.c.d`: every address in 127.0.0.0/8 can be bound without privileges on
//! Linux, so each instance listens on an address of its own, and the low three octets of its
//! private address can be read straight off it. Two VPCs whose addresses share those three
//! octets cannot both use them: allocation skips a loopback address already taken.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use crate::error::{Ec2Error, Result};
use crate::records::kind;

/// The default VPC every account has, and its default subnets (one /20 per zone).
pub const DEFAULT_VPC_CIDR: &str = "172.31.0.0/16";

pub fn default_subnet_cidr(zone_index: usize) -> String {
    format!("172.31.{}.0/20", zone_index * 16)
}

pub fn parse_cidr(cidr: &str) -> Result<Ipv4Net> {
    let net: Ipv4Net = cidr.parse().map_err(|_| {
        Ec2Error::InvalidParameterValue(format!(
            "Value ({cidr}) for parameter cidrBlock is invalid. This is not a valid CIDR block."
        ))
    })?;
    if net.network() != net.addr() {
        return Err(Ec2Error::InvalidParameterValue(format!(
            "Value ({cidr}) for parameter cidrBlock is invalid. This is not a valid CIDR block."
        )));
    }
    Ok(net)
}

/// A VPC's block must be between /16 and /28.
pub fn check_vpc_cidr(cidr: &str) -> Result<Ipv4Net> {
    let net = parse_cidr(cidr)?;
    if !(16..=28).contains(&net.prefix_len()) {
        return Err(Ec2Error::Client("InvalidVpc.Range", format!("The CIDR '{cidr}' is invalid.")));
    }
    Ok(net)
}

/// A subnet's block must lie inside its VPC's, be /16–/28 and overlap no sibling.
pub fn check_subnet_cidr(cidr: &str, vpc: &str, siblings: &[String]) -> Result<Ipv4Net> {
    let net = parse_cidr(cidr)?;
    let vpc_net: Ipv4Net = vpc.parse().map_err(|_| Ec2Error::Internal(format!("stored VPC CIDR {vpc} is invalid")))?;
    if !(16..=28).contains(&net.prefix_len()) || !vpc_net.contains(&net) {
        return Err(Ec2Error::Client("InvalidSubnet.Range", format!("The CIDR '{cidr}' is invalid.")));
    }
    for s in siblings {
        if let Ok(other) = s.parse::<Ipv4Net>() {
            if other.contains(&net) || net.contains(&other) {
                return Err(Ec2Error::Client(
                    "InvalidSubnet.Conflict",
                    format!("The CIDR '{cidr}' conflicts with another subnet"),
                ));
            }
        }
    }
    Ok(net)
}

/// AWS reserves the first four addresses and the last one of every subnet.
pub fn usable(net: &Ipv4Net) -> u64 {
    (1u64 << (32 - net.prefix_len())).saturating_sub(5)
}

pub fn loopback_for(ip: Ipv4Addr) -> Ipv4Addr {
    let o = ip.octets();
    Ipv4Addr::new(127, o[1], o[2], o[3])
}

/// Take the first free address of the subnet (or `wanted`), and its loopback address.
/// `unique_loopback` (loopback networks, where that address is where the instance is served):
/// the loopback address must be free too — in this region's store, and on this host, where
/// another region (of this daemon or another) may serve an instance there: its metadata port,
/// the given one, must not be taken. Isolated networks give every VPC its own addresses, and
/// overlapping VPCs may hold the same ones.
pub fn allocate(
    tx: &store::Tx,
    subnet_id: &str,
    cidr: &str,
    wanted: Option<&str>,
    instance_id: &str,
    unique_loopback: Option<u16>,
) -> Result<(Ipv4Addr, Ipv4Addr)> {
    let net = parse_cidr(cidr)?;
    let first = u32::from(net.network()) + 4;
    let last = u32::from(net.broadcast()).saturating_sub(1);
    let take = |ip: Ipv4Addr| -> Result<bool> {
        let lo = loopback_for(ip);
        if tx.exists(kind::SUBNET_IP, &format!("{subnet_id}/{ip}"))?
            || (unique_loopback.is_some() && tx.exists(kind::LOOPBACK, &lo.to_string())?)
            || unique_loopback.is_some_and(|port| served_elsewhere(lo, port))
        {
            return Ok(false);
        }
        tx.put(kind::SUBNET_IP, &format!("{subnet_id}/{ip}"), &instance_id)?;
        if unique_loopback.is_some() {
            tx.put(kind::LOOPBACK, &lo.to_string(), &instance_id)?;
        }
        Ok(true)
    };
    if let Some(w) = wanted {
        let ip: Ipv4Addr = w
            .parse()
            .map_err(|_| Ec2Error::InvalidParameterValue(format!("Invalid value '{w}' for privateIpAddress")))?;
        let n = u32::from(ip);
        if !net.contains(&ip) || n < first || n > last {
            return Err(Ec2Error::InvalidParameterValue(format!(
                "Address {w} is not in subnet {subnet_id}'s usable range"
            )));
        }
        if !take(ip)? {
            return Err(Ec2Error::Client("InvalidIPAddress.InUse", format!("Address {w} is in use.")));
        }
        return Ok((ip, loopback_for(ip)));
    }
    for n in first..=last {
        let ip = Ipv4Addr::from(n);
        if take(ip)? {
            return Ok((ip, loopback_for(ip)));
        }
    }
    Err(Ec2Error::Client(
        "InsufficientFreeAddressesInSubnet",
        format!(
            "There are not enough free addresses in subnet '{subnet_id}' to satisfy the requested number of instances."
        ),
    ))
}

/// Something on this host already listens at `lo`:`port` (an instance of another region).
fn served_elsewhere(lo: Ipv4Addr, port: u16) -> bool {
    matches!(std::net::TcpListener::bind((lo, port)), Err(e) if e.kind() == std::io::ErrorKind::AddrInUse)
}

pub fn release(tx: &store::Tx, subnet_id: &str, ip: &str, loopback: &str) -> Result<()> {
    let owner: Option<String> = tx.get(kind::SUBNET_IP, &format!("{subnet_id}/{ip}"))?;
    tx.delete(kind::SUBNET_IP, &format!("{subnet_id}/{ip}"))?;
    // Only the owner's own loopback record (isolated networks write none, and another VPC's
    // instance may hold the same loopback address).
    let lo_owner: Option<String> = tx.get(kind::LOOPBACK, loopback)?;
    if lo_owner.is_some() && lo_owner == owner {
        tx.delete(kind::LOOPBACK, loopback)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_rules() {
        assert!(check_vpc_cidr("30.0.0.0/16").is_ok());
        assert!(matches!(check_vpc_cidr("30.0.0.0/8"), Err(Ec2Error::Client("InvalidVpc.Range", _))));
        assert!(parse_cidr("30.0.0.1/16").is_err());
        let siblings = vec!["30.0.1.0/24".to_string()];
        assert!(check_subnet_cidr("30.0.2.0/24", "30.0.0.0/16", &siblings).is_ok());
        assert!(matches!(
            check_subnet_cidr("30.0.1.0/25", "30.0.0.0/16", &siblings),
            Err(Ec2Error::Client("InvalidSubnet.Conflict", _))
        ));
        assert!(matches!(
            check_subnet_cidr("31.0.1.0/24", "30.0.0.0/16", &siblings),
            Err(Ec2Error::Client("InvalidSubnet.Range", _))
        ));
        assert_eq!(usable(&"30.0.1.0/24".parse().unwrap()), 251);
        assert_eq!(loopback_for("172.31.16.5".parse().unwrap()), Ipv4Addr::new(127, 31, 16, 5));
    }
}
