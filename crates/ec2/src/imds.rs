//! The instance metadata service. Each running instance gets its own listener at
//! `http://<its loopback address>:<imds port>`, handed to it as `AWS_EC2_METADATA_SERVICE_ENDPOINT`
//! (which the AWS SDKs honour), so the service knows who asks by where it was asked. IMDSv2 only:
//! a session token from `PUT /latest/api/token` is required for every read.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use rand::Rng;
use serde_json::json;

use crate::records::{kind, InstanceRec};
use crate::Ec2;

/// Temporary credentials of an instance profile's role, from IAM.
pub trait CredentialSource: Send + Sync {
    /// `(role name, {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"})` for the profile.
    fn instance_credentials(&self, instance_profile: &str, instance_id: &str) -> Option<(String, serde_json::Value)>;

    /// The ARNs of the roles an instance profile (name or ARN) holds, which a caller handing
    /// the profile to EC2 must be allowed to pass (`iam:PassRole`); `None`: no such profile.
    fn instance_profile_roles(&self, instance_profile: &str) -> Option<Vec<String>>;
}

/// The region's API endpoint, served on one more listener (wired by the binary to the gateway):
/// on isolated networks every instance finds the endpoint at the same address as the host does
/// (a loopback address of its own namespace), so SDKs, cfn-signal and presigned URLs work
/// unchanged from inside.
pub trait ApiDoor: Send + Sync {
    /// The endpoint's address on the host.
    fn addr(&self) -> SocketAddr;
    /// Serve the API on `listener` until the task is aborted.
    fn open(&self, listener: tokio::net::TcpListener) -> tokio::task::JoinHandle<()>;
}

pub struct Registry {
    listeners: Mutex<HashMap<String, tokio::task::JoinHandle<()>>>,
    /// The API endpoint's listener in each instance's namespace (isolated networks).
    doors: Mutex<HashMap<String, tokio::task::JoinHandle<()>>>,
    door: std::sync::OnceLock<Arc<dyn ApiDoor>>,
    tokens: Mutex<HashMap<String, (String, Instant)>>,
    creds: Arc<dyn CredentialSource>,
}

impl Registry {
    pub fn new(creds: Arc<dyn CredentialSource>) -> Registry {
        Registry {
            listeners: Mutex::new(HashMap::new()),
            doors: Mutex::new(HashMap::new()),
            door: std::sync::OnceLock::new(),
            tokens: Mutex::new(HashMap::new()),
            creds,
        }
    }

    /// The roles an instance profile holds (`None`: no such profile), from IAM.
    pub(crate) fn profile_roles(&self, profile: &str) -> Option<Vec<String>> {
        self.creds.instance_profile_roles(profile)
    }

    pub fn is_serving(&self, instance_id: &str) -> bool {
        self.listeners.lock().unwrap_or_else(|e| e.into_inner()).get(instance_id).is_some_and(|h| !h.is_finished())
    }

    /// Start the instance's listener (if not already serving).
    pub fn ensure(&self, ec2: &Arc<Ec2>, rt: &tokio::runtime::Handle, inst: &InstanceRec) -> std::io::Result<()> {
        if self.is_serving(&inst.instance_id) {
            return Ok(());
        }
        // Isolated networks: at 169.254.169.254:80 inside the instance's own namespace, where
        // every SDK and cloud-init look; otherwise at its loopback address's IMDS port.
        let std_listener = match &ec2.config.network {
            Some(fabric) => vnet::Netns::open(&fabric.instance_ns(&inst.instance_id))?
                .listen(SocketAddr::from(([169, 254, 169, 254], 80)))?,
            None => {
                let addr: SocketAddr = format!("{}:{}", inst.loopback_ip, ec2.config.imds_port)
                    .parse()
                    .map_err(|e| std::io::Error::other(format!("bad IMDS address: {e}")))?;
                std::net::TcpListener::bind(addr)?
            }
        };
        std_listener.set_nonblocking(true)?;
        let weak = Arc::downgrade(ec2);
        let id = inst.instance_id.clone();
        let _guard = rt.enter();
        let listener = tokio::net::TcpListener::from_std(std_listener)?;
        let task = rt.spawn(serve(listener, weak, id.clone()));
        self.listeners.lock().unwrap_or_else(|e| e.into_inner()).insert(id, task);
        Ok(())
    }

    pub(crate) fn set_door(&self, door: Arc<dyn ApiDoor>) {
        let _ = self.door.set(door);
    }

    /// Isolated networks: serve the API endpoint inside the instance's namespace (once the
    /// gateway is wired; only for a loopback endpoint, which every namespace has).
    pub fn ensure_door(&self, ec2: &Ec2, rt: &tokio::runtime::Handle, inst: &InstanceRec) -> std::io::Result<()> {
        let (Some(fabric), Some(door)) = (&ec2.config.network, self.door.get()) else { return Ok(()) };
        let addr = door.addr();
        if !addr.ip().is_loopback() {
            return Ok(());
        }
        let mut doors = self.doors.lock().unwrap_or_else(|e| e.into_inner());
        if doors.get(&inst.instance_id).is_some_and(|h| !h.is_finished()) {
            return Ok(());
        }
        let l = vnet::Netns::open(&fabric.instance_ns(&inst.instance_id))?.listen(addr)?;
        l.set_nonblocking(true)?;
        let _guard = rt.enter();
        let task = door.open(tokio::net::TcpListener::from_std(l)?);
        doors.insert(inst.instance_id.clone(), task);
        Ok(())
    }

    pub fn stop(&self, instance_id: &str) {
        if let Some(h) = self.listeners.lock().unwrap_or_else(|e| e.into_inner()).remove(instance_id) {
            h.abort();
        }
        if let Some(h) = self.doors.lock().unwrap_or_else(|e| e.into_inner()).remove(instance_id) {
            h.abort();
        }
        self.tokens.lock().unwrap_or_else(|e| e.into_inner()).retain(|_, (i, _)| i != instance_id);
    }

    fn new_token(&self, instance_id: &str, ttl: u64) -> String {
        let t: [u8; 24] = rand::thread_rng().gen();
        let token: String = t.iter().map(|b| format!("{b:02x}")).collect();
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        tokens.retain(|_, (_, exp)| *exp > now);
        tokens.insert(token.clone(), (instance_id.to_string(), now + Duration::from_secs(ttl)));
        token
    }

    fn token_ok(&self, instance_id: &str, token: &str) -> bool {
        self.tokens
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(token)
            .is_some_and(|(i, exp)| i == instance_id && *exp > Instant::now())
    }
}

async fn serve(listener: tokio::net::TcpListener, ec2: Weak<Ec2>, instance_id: String) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let (ec2, id) = (ec2.clone(), instance_id.clone());
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(move |req| {
                let (ec2, id) = (ec2.clone(), id.clone());
                async move { Ok::<_, Infallible>(answer(ec2, &id, req)) }
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), svc).await;
        });
    }
}

fn text(status: StatusCode, body: impl Into<Bytes>) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    r
}

fn answer(ec2: Weak<Ec2>, instance_id: &str, req: Request<hyper::body::Incoming>) -> Response<Full<Bytes>> {
    let Some(ec2) = ec2.upgrade() else { return text(StatusCode::SERVICE_UNAVAILABLE, "") };
    let header = |n: &str| req.headers().get(n).and_then(|v| v.to_str().ok()).map(String::from);
    let path = req.uri().path().to_string();
    if req.method() == Method::PUT && path == "/latest/api/token" {
        let ttl = header("x-aws-ec2-metadata-token-ttl-seconds").and_then(|t| t.parse::<u64>().ok());
        return match ttl {
            Some(t) if (1..=21600).contains(&t) => text(StatusCode::OK, ec2.imds.new_token(instance_id, t)),
            _ => text(StatusCode::BAD_REQUEST, "X-aws-ec2-metadata-token-ttl-seconds must be 1-21600"),
        };
    }
    if req.method() != Method::GET {
        return text(StatusCode::METHOD_NOT_ALLOWED, "");
    }
    if !header("x-aws-ec2-metadata-token").is_some_and(|t| ec2.imds.token_ok(instance_id, &t)) {
        return text(StatusCode::UNAUTHORIZED, "");
    }
    let Ok(Some(inst)) = ec2.store.read(|tx| tx.get::<InstanceRec>(kind::INSTANCE, instance_id)) else {
        return text(StatusCode::NOT_FOUND, "");
    };
    match metadata(&ec2, &inst, &path) {
        Some(body) => text(StatusCode::OK, body),
        None => text(StatusCode::NOT_FOUND, ""),
    }
}

fn metadata(ec2: &Ec2, i: &InstanceRec, path: &str) -> Option<String> {
    let region = &ec2.config.region;
    let hostname = format!("ip-{}.{region}.compute.internal", i.private_ip.replace('.', "-"));
    let p = path.trim_end_matches('/');
    let role =
        || i.iam_instance_profile.as_ref().and_then(|prof| ec2.imds.creds.instance_credentials(prof, &i.instance_id));
    // The key pair it was launched with: what cloud-init (or an image's sshd) authorises.
    let key = || {
        let name = i.key_name.as_deref()?;
        ec2.store.read(|tx| crate::ops::keypairs::find_by_name(tx, name)).ok().flatten()
    };
    Some(match p {
        "/latest/meta-data" => {
            let keys = if i.key_name.is_some() { "public-keys/\n" } else { "" };
            format!("ami-id\nhostname\niam/\ninstance-id\ninstance-type\nlocal-hostname\nlocal-ipv4\nplacement/\n{keys}security-groups\ntags/")
        }
        "/latest/meta-data/public-keys" => format!("0={}", key()?.key_name),
        "/latest/meta-data/public-keys/0" => {
            key()?;
            "openssh-key".into()
        }
        "/latest/meta-data/public-keys/0/openssh-key" => {
            let k = key()?;
            format!("{} {}\n", k.public_key.trim_end(), k.key_name)
        }
        "/latest/meta-data/ami-id" => i.image_id.clone(),
        "/latest/meta-data/instance-id" => i.instance_id.clone(),
        "/latest/meta-data/instance-type" => i.instance_type.clone(),
        "/latest/meta-data/local-ipv4" => i.private_ip.clone(),
        "/latest/meta-data/hostname" | "/latest/meta-data/local-hostname" => hostname,
        "/latest/meta-data/placement" => "availability-zone\navailability-zone-id\nregion".into(),
        "/latest/meta-data/placement/availability-zone" => i.availability_zone.clone(),
        "/latest/meta-data/placement/availability-zone-id" => crate::zone_id(region, &i.availability_zone),
        "/latest/meta-data/placement/region" => region.clone(),
        "/latest/meta-data/security-groups" => {
            i.security_groups.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join("\n")
        }
        "/latest/meta-data/tags" => "instance/".into(),
        "/latest/meta-data/tags/instance" => i.tags.iter().map(|t| t.key.as_str()).collect::<Vec<_>>().join("\n"),
        "/latest/meta-data/iam" => {
            if i.iam_instance_profile.is_some() {
                "info\nsecurity-credentials/".into()
            } else {
                return None;
            }
        }
        "/latest/meta-data/iam/security-credentials" => role()?.0,
        "/latest/user-data" => i.user_data.clone()?,
        "/latest/dynamic/instance-identity/document" => json!({
            "accountId": ec2.config.account, "architecture": "x86_64", "availabilityZone": i.availability_zone,
            "imageId": i.image_id, "instanceId": i.instance_id, "instanceType": i.instance_type,
            "privateIp": i.private_ip, "region": region, "version": "2017-09-30",
            "pendingTime": wire::timestamp::format_iso8601(i.launch_time),
        })
        .to_string(),
        other => {
            if let Some(key) = other.strip_prefix("/latest/meta-data/tags/instance/") {
                return i.tags.iter().find(|t| t.key == key).map(|t| t.value.clone());
            }
            if let Some(name) = other.strip_prefix("/latest/meta-data/iam/security-credentials/") {
                let (role_name, creds) = role()?;
                if role_name != name {
                    return None;
                }
                let mut c = creds;
                c["Code"] = json!("Success");
                c["Type"] = json!("AWS-HMAC");
                c["LastUpdated"] = json!(wire::timestamp::format_iso8601(ec2.now()));
                return Some(c.to_string());
            }
            if other == "/latest/meta-data/iam/info" {
                return Some(json!({"Code": "Success", "InstanceProfileArn": i.iam_instance_profile, "LastUpdated": wire::timestamp::format_iso8601(ec2.now())}).to_string());
            }
            return None;
        }
    })
}
