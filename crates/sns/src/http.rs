//! HTTP and HTTPS deliveries: one POST per message through hyper's HTTP/1.1 client, over TLS
//! (rustls) for `https://` endpoints, the server's certificate verified against the system's
//! roots and any CA bundle the operator adds (`homeground up --sns-ca-bundle`).

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::Uri;
use hyper_util::rt::TokioIo;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, ServerName};
use tokio_rustls::rustls::{ClientConfig, RootCertStore};
use tokio_rustls::TlsConnector;

pub(crate) const TIMEOUT: Duration = Duration::from_secs(15);

/// Delivers POSTs; cheap to share.
pub struct HttpClient {
    tls: TlsConnector,
}

impl HttpClient {
    /// Trust the system's roots (`SSL_CERT_FILE` / `SSL_CERT_DIR` are honoured) plus the PEM
    /// certificates in `extra_ca`.
    pub fn new(extra_ca: Option<&std::path::Path>) -> Result<HttpClient, String> {
        let mut roots = RootCertStore::empty();
        let native = rustls_native_certs::load_native_certs();
        for e in &native.errors {
            tracing::debug!(error = %e, "a system root certificate could not be read");
        }
        roots.add_parsable_certificates(native.certs);
        if let Some(path) = extra_ca {
            let pem = std::fs::read(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
            let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&pem)
                .collect::<Result<_, _>>()
                .map_err(|e| format!("{}: {e:?}", path.display()))?;
            if certs.is_empty() {
                return Err(format!("{} holds no PEM certificate", path.display()));
            }
            for c in certs {
                roots.add(c).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(HttpClient { tls: TlsConnector::from(Arc::new(config)) })
    }

    /// POST `body` to `url`; success is any 2xx answer.
    pub async fn post(&self, url: &str, headers: &[(&str, String)], body: &[u8]) -> Result<(), String> {
        let work = self.send(url, headers, body);
        tokio::time::timeout(TIMEOUT, work).await.map_err(|_| format!("{url}: no answer within {TIMEOUT:?}"))?
    }

    async fn send(&self, url: &str, headers: &[(&str, String)], body: &[u8]) -> Result<(), String> {
        let uri: Uri = url.parse().map_err(|e| format!("{url}: {e}"))?;
        let https = match uri.scheme_str() {
            Some("https") => true,
            Some("http") => false,
            _ => return Err(format!("{url}: only http:// and https:// endpoints are delivered to")),
        };
        let host = uri.host().ok_or_else(|| format!("{url}: no host"))?.to_string();
        let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
        let authority = uri.authority().map(|a| a.as_str().to_string()).unwrap_or_else(|| host.clone());
        let path = uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into());
        let tcp = tokio::net::TcpStream::connect((host.as_str(), port))
            .await
            .map_err(|e| format!("connecting to {host}:{port}: {e}"))?;
        let mut req = hyper::Request::post(path).header(hyper::header::HOST, authority);
        for (k, v) in headers {
            req = req.header(*k, v.as_str());
        }
        let req = req.body(Full::new(Bytes::copy_from_slice(body))).map_err(|e| format!("{url}: {e}"))?;
        let status = if https {
            let name = ServerName::try_from(host.clone()).map_err(|e| format!("{url}: {e}"))?;
            let tls = self.tls.connect(name, tcp).await.map_err(|e| format!("TLS with {host}:{port}: {e}"))?;
            exchange(TokioIo::new(tls), req, url).await?
        } else {
            exchange(TokioIo::new(tcp), req, url).await?
        };
        if status.is_success() {
            Ok(())
        } else {
            Err(format!("{url} answered {}", status.as_u16()))
        }
    }
}

async fn exchange<T>(io: T, req: hyper::Request<Full<Bytes>>, url: &str) -> Result<hyper::StatusCode, String>
where
    T: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (mut sender, conn) = hyper::client::conn::http1::handshake(io).await.map_err(|e| format!("{url}: {e}"))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    let resp = sender.send_request(req).await.map_err(|e| format!("{url}: {e}"))?;
    Ok(resp.status())
}
