//! Network namespaces as handles, and the one primitive everything else builds on: run a short
//! closure with the calling thread inside a namespace. A socket belongs to the namespace it was
//! created in for its whole life, so the daemon makes a socket inside (to listen on an
//! instance's 169.254.169.254, or to reach a target from its VPC's router) and then uses it from
//! any thread, like any other socket.

use std::fs::File;
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::Command;

/// Where `ip netns` keeps its named namespaces (bind mounts, so they outlive their processes).
pub const RUN_DIR: &str = "/run/netns";

/// An open network namespace.
#[derive(Debug)]
pub struct Netns {
    name: String,
    file: File,
}

impl Netns {
    /// The named namespace (made with `ip netns add`).
    pub fn open(name: &str) -> io::Result<Netns> {
        Ok(Netns { name: name.to_string(), file: File::open(path(name))? })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Run `f` with the calling thread in this namespace, then put it back. `f` must be short
    /// and must not block on anything the thread's other work could need (it holds the thread).
    pub fn enter<R>(&self, f: impl FnOnce() -> R) -> io::Result<R> {
        HOME.with(|home| {
            let home = home.as_ref().map_err(|e| io::Error::new(e.kind(), e.to_string()))?;
            setns(self.file.as_raw_fd())?;
            let out = f();
            if let Err(e) = setns(home.as_raw_fd()) {
                // A thread left in an instance's namespace would send the daemon's traffic there.
                panic!("cannot return to the daemon's network namespace: {e}");
            }
            Ok(out)
        })
    }

    /// Make `cmd` start inside this namespace (the child joins it before exec).
    pub fn command(&self, cmd: &mut Command) -> io::Result<()> {
        let fd = self.file.try_clone()?;
        // SAFETY: setns(2) is async-signal-safe; the closure touches no memory but the fd.
        unsafe {
            cmd.pre_exec(move || setns(fd.as_raw_fd()));
        }
        Ok(())
    }

    /// A TCP socket (IPv4) of this namespace, blocking, not yet bound or connected.
    pub fn tcp_socket(&self) -> io::Result<socket2::Socket> {
        self.enter(|| socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, Some(socket2::Protocol::TCP)))?
    }

    /// A UDP socket (IPv4) of this namespace.
    pub fn udp_socket(&self) -> io::Result<socket2::Socket> {
        self.enter(|| socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::DGRAM, Some(socket2::Protocol::UDP)))?
    }

    /// Connect from this namespace, waiting at most `timeout`.
    pub fn connect_timeout(
        &self,
        addr: std::net::SocketAddr,
        timeout: std::time::Duration,
    ) -> io::Result<std::net::TcpStream> {
        let s = self.tcp_socket()?;
        s.connect_timeout(&addr.into(), timeout)?;
        Ok(s.into())
    }

    /// A listener of this namespace at `addr` (address reuse on, like `std`'s bind).
    pub fn listen(&self, addr: std::net::SocketAddr) -> io::Result<std::net::TcpListener> {
        let s = self.tcp_socket()?;
        s.set_reuse_address(true)?;
        s.bind(&addr.into())?;
        s.listen(1024)?;
        Ok(s.into())
    }

    /// Write a sysctl of this namespace (`net/ipv4/ip_forward`…): `/proc/sys/net` shows the
    /// namespace of the thread that opens it.
    pub fn sysctl(&self, key: &str, value: &str) -> io::Result<()> {
        self.enter(|| std::fs::write(format!("/proc/sys/{key}"), value))?
    }
}

pub fn path(name: &str) -> PathBuf {
    PathBuf::from(RUN_DIR).join(name)
}

pub fn exists(name: &str) -> bool {
    path(name).exists()
}

thread_local! {
    /// The namespace the thread was in when it first entered another: where it goes back to.
    static HOME: io::Result<File> = File::open("/proc/thread-self/ns/net");
}

fn setns(fd: libc::c_int) -> io::Result<()> {
    // SAFETY: setns(2) on a namespace file descriptor; no memory is passed.
    if unsafe { libc::setns(fd, libc::CLONE_NEWNET) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
