//! Service endpoints on isolated networks: a region service that listens on the host (a DB
//! instance's server at its loopback address) is reached from inside a VPC at an address of
//! its own there — a requester-managed interface of the router (`netsync::service_interface`),
//! behind the security groups the service was given. The router's table admits only what those
//! groups allow (`vnet::Service`); a listener made in the router relays what gets in to the
//! service's host address.

use std::collections::{HashMap, HashSet};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Mutex;

use crate::error::{Ec2Error, Result};
use crate::records::{kind, SecurityGroupRec};
use crate::Ec2;

/// One relay: where it listens in the VPC and where it leads on the host.
struct Relay {
    listen: SocketAddr,
    target: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

#[derive(Default)]
pub(crate) struct Relays {
    by_owner: Mutex<HashMap<String, Relay>>,
}

impl Relays {
    /// End the relays of owners (with `prefix`) not in `keep`.
    pub(crate) fn retain(&self, prefix: &str, keep: &HashSet<String>) {
        self.by_owner.lock().unwrap_or_else(|e| e.into_inner()).retain(|owner, r| {
            let kept = !owner.starts_with(prefix) || keep.contains(owner);
            if !kept {
                r.task.abort();
            }
            kept
        });
    }
}

impl Drop for Relays {
    fn drop(&mut self) {
        for r in self.by_owner.get_mut().unwrap_or_else(|e| e.into_inner()).values() {
            r.task.abort();
        }
    }
}

impl Ec2 {
    /// Isolated networks: serve `target` (a TCP address of the host) on `port` at `owner`'s
    /// address in `vpc_id` (made in the first of `subnets` that is in the VPC), admitting what
    /// `groups` allow (none given: the VPC's default group). Idempotent; called again with
    /// another target, the relay follows it. `None` on loopback networks. Must be called
    /// within a tokio runtime.
    pub fn service_endpoint(
        &self,
        owner: &str,
        vpc_id: &str,
        subnets: &[String],
        groups: &[String],
        port: u16,
        target: SocketAddr,
    ) -> Result<Option<Ipv4Addr>> {
        if self.config.network.is_none() {
            return Ok(None);
        }
        let groups = if groups.is_empty() {
            let default = self.read(|tx| {
                Ok(tx
                    .list::<SecurityGroupRec>(kind::SECURITY_GROUP, "")?
                    .into_iter()
                    .find(|(_, g)| g.vpc_id == vpc_id && g.group_name == "default")
                    .map(|(id, _)| id))
            })?;
            default.into_iter().collect()
        } else {
            groups.to_vec()
        };
        let Some((netns, ip)) = self.service_interface(owner, vpc_id, subnets, &groups)? else { return Ok(None) };
        let listen = SocketAddr::new(ip.into(), port);
        let mut relays = self.relays.by_owner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(r) = relays.get(owner) {
            if r.listen == listen && r.target == target && !r.task.is_finished() {
                return Ok(Some(ip));
            }
            r.task.abort();
        }
        let rt = tokio::runtime::Handle::try_current()
            .map_err(|_| Ec2Error::Internal("service endpoints need the daemon's runtime".into()))?;
        let internal = |e: std::io::Error| Ec2Error::Internal(format!("endpoint {listen} in {vpc_id}: {e}"));
        let std_listener = vnet::Netns::open(&netns).and_then(|ns| ns.listen(listen)).map_err(internal)?;
        std_listener.set_nonblocking(true).map_err(internal)?;
        let listener = {
            let _entered = rt.enter();
            tokio::net::TcpListener::from_std(std_listener).map_err(internal)?
        };
        let task = rt.spawn(relay(listener, target));
        relays.insert(owner.to_string(), Relay { listen, target, task });
        Ok(Some(ip))
    }

    /// Give back the endpoints (addresses and relays) of owners with `prefix` not in `keep`.
    pub fn retain_service_endpoints(&self, prefix: &str, keep: &HashSet<String>) -> Result<()> {
        if self.config.network.is_none() {
            return Ok(());
        }
        self.relays.retain(prefix, keep);
        self.retain_service_interfaces(prefix, keep)
    }
}

/// Accept in the VPC, connect on the host, copy both ways until either side closes.
async fn relay(listener: tokio::net::TcpListener, target: SocketAddr) {
    loop {
        let (inbound, peer) = match listener.accept().await {
            Ok(x) => x,
            Err(e) => {
                tracing::warn!(error = %e, "service endpoint: accept failed");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        tokio::spawn(async move {
            let mut inbound = inbound;
            let _ = inbound.set_nodelay(true);
            let mut outbound = match tokio::net::TcpStream::connect(target).await {
                Ok(s) => s,
                Err(e) => {
                    tracing::debug!(%peer, %target, error = %e, "service endpoint: the service does not answer");
                    return;
                }
            };
            let _ = outbound.set_nodelay(true);
            let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
        });
    }
}
