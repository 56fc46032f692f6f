//! `homeground cfn-signal`: AWS's `cfn-signal` helper for instances. Given a wait-condition
//! handle's URL it PUTs `{Status, Reason, UniqueId, Data}` there (the URL's signature is the
//! credential); given `--stack` and `--resource` it calls CloudFormation's SignalResource,
//! SigV4-signed with the instance profile's credentials from the metadata service (or
//! `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`). The region puts a `cfn-signal` on every
//! instance's PATH that runs this with the endpoint set (`bootstrap::install_instance_tools`).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args, Debug, Clone)]
pub struct CfnSignalArgs {
    /// The exit code of the step signalled: 0 sends SUCCESS, anything else FAILURE.
    #[arg(short = 'e', long = "exit-code", default_value_t = 0, allow_negative_numbers = true)]
    pub exit_code: i64,
    /// The stack (name or id) whose resource is signalled.
    #[arg(short = 's', long)]
    pub stack: Option<String>,
    /// The logical id of the resource signalled (its CreationPolicy waits for signals).
    #[arg(short = 'r', long)]
    pub resource: Option<String>,
    /// The region (the instance's own by default).
    #[arg(long, env = "AWS_REGION")]
    pub region: Option<String>,
    /// The CloudFormation endpoint (set on instances by the region).
    #[arg(short = 'u', long, env = "HOMEGROUND_ENDPOINT")]
    pub url: Option<String>,
    /// The signal's UniqueId (the instance id by default).
    #[arg(short = 'i', long)]
    pub id: Option<String>,
    /// Why (sent to a wait condition; shown in its failure).
    #[arg(long)]
    pub reason: Option<String>,
    /// Data for the wait condition's `Data` attribute.
    #[arg(short = 'd', long)]
    pub data: Option<String>,
    /// The instance profile role whose credentials sign SignalResource (the only one, by default).
    #[arg(long)]
    pub role: Option<String>,
    /// A wait-condition handle's presigned URL.
    pub wait_condition_url: Option<String>,
}

pub fn run(a: CfnSignalArgs) -> ExitCode {
    match signal(&a) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cfn-signal: {e}");
            ExitCode::FAILURE
        }
    }
}

fn signal(a: &CfnSignalArgs) -> Result<(), String> {
    let status = if a.exit_code == 0 { "SUCCESS" } else { "FAILURE" };
    let unique_id = match &a.id {
        Some(id) => id.clone(),
        None => instance_id()?,
    };
    if let Some(url) = &a.wait_condition_url {
        let reason = a.reason.clone().unwrap_or_else(|| format!("Configuration {}", status.to_lowercase()));
        let doc = serde_json::json!({"Status": status, "Reason": reason, "UniqueId": unique_id,
                                     "Data": a.data.clone().unwrap_or_default()});
        let (code, body) = http("PUT", url, &[], doc.to_string().as_bytes())?;
        return answered(code, &body);
    }
    let (Some(stack), Some(resource)) = (&a.stack, &a.resource) else {
        return Err("give a wait condition handle's URL, or --stack and --resource".into());
    };
    let endpoint = a.url.clone().ok_or("no endpoint: give --url (or set HOMEGROUND_ENDPOINT)")?;
    let region = a.region.clone().ok_or("no region: give --region")?;
    call_cloudformation(
        &endpoint,
        &region,
        a.role.as_deref(),
        &[
            ("Action", "SignalResource"),
            ("StackName", stack),
            ("LogicalResourceId", resource),
            ("UniqueId", &unique_id),
            ("Status", status),
        ],
    )
    .map(|_| ())
}

/// One CloudFormation query-protocol call (`params` with Action), SigV4-signed with the
/// environment's or the instance profile's credentials: the answer's XML body.
pub(crate) fn call_cloudformation(
    endpoint: &str,
    region: &str,
    role: Option<&str>,
    params: &[(&str, &str)],
) -> Result<String, String> {
    let (key, secret, token) = credentials(role)?;
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.append_pair("Version", "2010-05-15");
    for (k, v) in params {
        form.append_pair(k, v);
    }
    let body = form.finish();
    let (host, _, _) = split_url(endpoint)?;
    let date = sigv4::format_amz_date(time::OffsetDateTime::now_utc());
    let mut headers: Vec<(&str, &str)> = vec![
        ("host", host.as_str()),
        ("content-type", "application/x-www-form-urlencoded; charset=utf-8"),
        ("x-amz-date", date.as_str()),
    ];
    if let Some(t) = &token {
        headers.push(("x-amz-security-token", t.as_str()));
    }
    let names: Vec<&str> = headers.iter().map(|(k, _)| *k).collect();
    let req = sigv4::HttpRequest { method: "POST", path: "/", query: "", headers: &headers, body: body.as_bytes() };
    let auth = sigv4::sign_for_tests(&req, &key, &secret, region, "cloudformation", &names)
        .map_err(|e| format!("signing: {}", e.message()))?;
    headers.push(("authorization", auth.as_str()));
    let (code, answer) = http("POST", &format!("{}/", endpoint.trim_end_matches('/')), &headers, body.as_bytes())?;
    answered(code, &answer)?;
    Ok(answer)
}

fn answered(code: u16, body: &str) -> Result<(), String> {
    if (200..300).contains(&code) {
        return Ok(());
    }
    let pick = |tag: &str| {
        let open = format!("<{tag}>");
        let start = body.find(&open)? + open.len();
        Some(body[start..].split(&format!("</{tag}>")).next()?.to_string())
    };
    Err(match (pick("Code"), pick("Message")) {
        (Some(c), Some(m)) => format!("{c}: {m} (HTTP {code})"),
        _ => format!("HTTP {code}: {body}"),
    })
}

pub(crate) fn instance_id() -> Result<String, String> {
    if let Ok(id) = std::env::var("HOMEGROUND_INSTANCE_ID") {
        return Ok(id);
    }
    imds_get("/latest/meta-data/instance-id").map_err(|e| format!("no --id and no instance id: {e}"))
}

/// Access key, secret and session token: the environment's, else the instance profile's.
fn credentials(role: Option<&str>) -> Result<(String, String, Option<String>), String> {
    if let (Ok(k), Ok(s)) = (std::env::var("AWS_ACCESS_KEY_ID"), std::env::var("AWS_SECRET_ACCESS_KEY")) {
        return Ok((k, s, std::env::var("AWS_SESSION_TOKEN").ok()));
    }
    let base = "/latest/meta-data/iam/security-credentials/";
    let role = match role {
        Some(r) => r.to_string(),
        None => imds_get(base)
            .map_err(|e| format!("no credentials: the instance has no instance profile ({e})"))?
            .lines()
            .next()
            .unwrap_or_default()
            .to_string(),
    };
    let doc: serde_json::Value = serde_json::from_str(&imds_get(&format!("{base}{role}"))?)
        .map_err(|e| format!("the metadata service's credentials are not JSON: {e}"))?;
    let field = |k: &str| doc.get(k).and_then(|v| v.as_str()).map(String::from);
    match (field("AccessKeyId"), field("SecretAccessKey")) {
        (Some(k), Some(s)) => Ok((k, s, field("Token"))),
        _ => Err(format!("the metadata service gave no credentials for role {role}")),
    }
}

/// A GET from the instance metadata service, IMDSv2 (a session token first).
fn imds_get(path: &str) -> Result<String, String> {
    let base =
        std::env::var("AWS_EC2_METADATA_SERVICE_ENDPOINT").map_err(|_| "not on an instance (no metadata service)")?;
    let base = base.trim_end_matches('/');
    let (code, token) =
        http("PUT", &format!("{base}/latest/api/token"), &[("x-aws-ec2-metadata-token-ttl-seconds", "300")], b"")?;
    if code != 200 {
        return Err(format!("the metadata service refused a token (HTTP {code})"));
    }
    let (code, body) = http("GET", &format!("{base}{path}"), &[("x-aws-ec2-metadata-token", token.trim())], b"")?;
    if code != 200 {
        return Err(format!("{path}: HTTP {code}"));
    }
    Ok(body)
}

/// `http://host[:port]/path?query` → (host[:port], address to connect to, path and query).
pub(crate) fn split_url(url: &str) -> Result<(String, String, String), String> {
    let rest = url.strip_prefix("http://").ok_or_else(|| format!("only http:// URLs are served here: {url}"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let addr = if host.contains(':') { host.to_string() } else { format!("{host}:80") };
    Ok((host.to_string(), addr, path.to_string()))
}

/// One HTTP/1.1 request (the region's endpoint and the metadata service are plain HTTP on
/// this host): (status, body).
pub(crate) fn http(method: &str, url: &str, headers: &[(&str, &str)], body: &[u8]) -> Result<(u16, String), String> {
    let (host, addr, path) = split_url(url)?;
    let fail = |e: std::io::Error| format!("{method} {host}: {e}");
    let mut stream = TcpStream::connect(&addr).map_err(fail)?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).map_err(fail)?;
    let mut head = format!("{method} {path} HTTP/1.1\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("host: {host}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!("content-length: {}\r\nconnection: close\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes()).map_err(fail)?;
    stream.write_all(body).map_err(fail)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(fail)?;
    let text = String::from_utf8_lossy(&raw);
    let (head, rest) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let code = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).ok_or("not an HTTP answer")?;
    let chunked = head.to_ascii_lowercase().contains("transfer-encoding: chunked");
    Ok((code, if chunked { unchunk(rest) } else { rest.to_string() }))
}

fn unchunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else { break };
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_chunks() {
        assert_eq!(
            split_url("http://127.0.0.1:4510/cloudformation-waitcondition?a=b").unwrap(),
            ("127.0.0.1:4510".into(), "127.0.0.1:4510".into(), "/cloudformation-waitcondition?a=b".into())
        );
        assert_eq!(split_url("http://example").unwrap().1, "example:80");
        assert!(split_url("https://example/").is_err());
        assert_eq!(unchunk("5\r\nhello\r\n1\r\n!\r\n0\r\n\r\n"), "hello!");
    }

    #[test]
    fn errors_read_as_the_service_words_them() {
        let xml = "<ErrorResponse><Error><Code>ValidationError</Code><Message>Stack x does not exist</Message></Error></ErrorResponse>";
        assert_eq!(answered(400, xml).unwrap_err(), "ValidationError: Stack x does not exist (HTTP 400)");
        assert!(answered(200, "").is_ok());
    }
}
