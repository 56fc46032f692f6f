//! Instance identity from the EC2 instance metadata service (IMDSv2, falling back to v1), read
//! once at start when `AWS_EC2_METADATA_SERVICE_ENDPOINT` is set. Best effort: anything that
//! fails or is slow leaves "unknown".

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::time::timeout;

pub const UNKNOWN: &str = "unknown";
const ENV: &str = "AWS_EC2_METADATA_SERVICE_ENDPOINT";
const PER_REQUEST: Duration = Duration::from_secs(1);
const OVERALL: Duration = Duration::from_secs(3);

#[derive(Debug, Clone)]
pub struct Identity {
    pub instance_id: String,
    pub az: String,
    pub local_ipv4: String,
}

impl Identity {
    pub fn unknown() -> Identity {
        Identity { instance_id: UNKNOWN.into(), az: UNKNOWN.into(), local_ipv4: UNKNOWN.into() }
    }
}

/// Ask the metadata service named by the environment, if any. Problems go to stderr.
pub async fn discover() -> Identity {
    let Ok(endpoint) = std::env::var(ENV) else { return Identity::unknown() };
    match timeout(OVERALL, fetch(&endpoint)).await {
        Ok(Ok(id)) => id,
        Ok(Err(e)) => {
            eprintln!("instance metadata at {endpoint} unavailable: {e}");
            Identity::unknown()
        }
        Err(_) => {
            eprintln!("instance metadata at {endpoint} did not answer in time");
            Identity::unknown()
        }
    }
}

async fn fetch(endpoint: &str) -> Result<Identity, String> {
    let (authority, base) = parse_endpoint(endpoint)?;
    let token = request(&authority, Method::PUT, &format!("{base}/latest/api/token"), None).await.ok();
    let get = |item: &'static str| {
        let (authority, token) = (&authority, token.as_deref());
        let path = format!("{base}/latest/meta-data/{item}");
        async move { request(authority, Method::GET, &path, token).await }
    };
    let instance_id = get("instance-id").await?;
    let az = get("placement/availability-zone").await.unwrap_or_else(|_| UNKNOWN.into());
    let local_ipv4 = get("local-ipv4").await.unwrap_or_else(|_| UNKNOWN.into());
    Ok(Identity { instance_id, az, local_ipv4 })
}

/// `http://host[:port][/base]` → (`host:port`, `/base` without a trailing slash).
fn parse_endpoint(endpoint: &str) -> Result<(String, String), String> {
    let rest = endpoint.trim().strip_prefix("http://").ok_or("only http:// endpoints are supported")?;
    let (authority, base) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
        None => (rest, ""),
    };
    if authority.is_empty() {
        return Err("endpoint has no host".into());
    }
    let has_port = authority.rsplit_once(':').is_some_and(|(_, p)| !p.contains(']'));
    let authority = if has_port { authority.to_string() } else { format!("{authority}:80") };
    Ok((authority, base.to_string()))
}

/// One request on a fresh connection; PUT asks for a token, GET sends `token` if given.
async fn request(authority: &str, method: Method, path: &str, token: Option<&str>) -> Result<String, String> {
    let exchange = async {
        let stream = TcpStream::connect(authority).await.map_err(|e| format!("connect {authority}: {e}"))?;
        let (mut sender, conn) =
            hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.map_err(|e| e.to_string())?;
        tokio::spawn(conn);
        let mut req = Request::builder().method(method.clone()).uri(path).header("host", authority);
        if method == Method::PUT {
            req = req.header("x-aws-ec2-metadata-token-ttl-seconds", "21600");
        }
        if let Some(t) = token {
            req = req.header("x-aws-ec2-metadata-token", t);
        }
        let req = req.body(Empty::<Bytes>::new()).map_err(|e| e.to_string())?;
        let resp = sender.send_request(req).await.map_err(|e| e.to_string())?;
        let status = resp.status();
        let body = resp.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
        if !status.is_success() {
            return Err(format!("{method} {path}: HTTP {status}"));
        }
        String::from_utf8(body.to_vec()).map(|s| s.trim().to_string()).map_err(|_| "response is not UTF-8".to_string())
    };
    timeout(PER_REQUEST, exchange).await.map_err(|_| format!("{method} {path}: timed out"))?
}

#[cfg(test)]
mod tests {
    use super::parse_endpoint;

    #[test]
    fn endpoints_parse() {
        assert_eq!(parse_endpoint("http://169.254.169.254").unwrap(), ("169.254.169.254:80".into(), "".into()));
        assert_eq!(parse_endpoint("http://127.16.0.1:8773/").unwrap(), ("127.16.0.1:8773".into(), "".into()));
        assert_eq!(
            parse_endpoint("http://[fd00:ec2::254]/imds/").unwrap(),
            ("[fd00:ec2::254]:80".into(), "/imds".into())
        );
        assert!(parse_endpoint("https://x").is_err());
    }
}
