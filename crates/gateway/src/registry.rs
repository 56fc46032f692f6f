//! Which service serves a request: by the SigV4 credential scope's service and the query
//! `Version` (ELB and ELBv2 share a signing name), by the JSON target prefix, or by the CBOR
//! path's service name. Adding a service is one `register` call.

use std::collections::HashMap;
use std::sync::Arc;

use wire::Service;

/// The services behind one signing name, by API version.
type Versions = Vec<(String, Arc<dyn Service>)>;

#[derive(Default)]
pub struct Registry {
    /// signing name → [(api version, service)]
    by_signing: HashMap<String, Versions>,
    /// JSON target prefix / CBOR service name → service
    by_target: HashMap<String, Arc<dyn Service>>,
    /// Unauthenticated GET (and PUT) routes, by exact path (the SNS confirmation and unsubscribe
    /// links, whose token is their credential; CloudFormation's wait-condition handles, whose
    /// presigned URL's signature is theirs).
    public: HashMap<String, Arc<dyn PublicRoute>>,
    /// The web console, served under `/console`.
    console: Option<Arc<dyn ConsoleRoute>>,
    /// Every service, in the order registered (the emulator's reset runs through them backwards).
    order: Vec<Arc<dyn Service>>,
}

/// An HTTP request under `/console`, read whole.
pub struct ConsoleRequest<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
    pub source_ip: std::net::IpAddr,
    /// Arrived over TLS (cookies get `Secure`).
    pub secure: bool,
}

/// A console answer: status, headers, body.
pub struct ConsoleAnswer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// The web console (crate `console`): its pages and its sign-in, outside SigV4; every action it
/// takes is a signed request it hands back to the gateway's pipeline (`Gateway::handle`).
pub trait ConsoleRoute: Send + Sync {
    fn serve<'a>(&'a self, gateway: &'a crate::Gateway, req: ConsoleRequest<'a>) -> wire::BoxFuture<'a, ConsoleAnswer>;
}

/// An unauthenticated GET answered outside the API pipeline: (status, content type, body).
pub trait PublicRoute: Send + Sync {
    fn get(&self, path: &str, query: &str) -> Option<(u16, &'static str, Vec<u8>)>;

    /// An unauthenticated PUT of `body` (at most 8 MiB), for routes whose URL carries its own
    /// signature; None: not served (the request goes on to the API pipeline, and is refused
    /// there without SigV4).
    fn put(&self, _path: &str, _query: &str, _body: &[u8]) -> Option<(u16, &'static str, Vec<u8>)> {
        None
    }
}

impl Registry {
    pub fn register(&mut self, service: Arc<dyn Service>) {
        let md = service.metadata();
        let signing = md.signing_name.clone().or_else(|| md.endpoint_prefix.clone()).unwrap_or_default();
        self.by_signing.entry(signing).or_default().push((md.api_version.clone(), service.clone()));
        if let Some(prefix) = &md.target_prefix {
            self.by_target.insert(prefix.clone(), service.clone());
        }
        self.order.push(service);
    }

    /// Emulator mode's reset: every service empties itself, the last registered first (a
    /// service is registered after those it calls: CloudFormation's stacks and Auto Scaling's
    /// groups go before the instances they would launch again, and IAM last). Every service is
    /// reset even when one fails; the failures are returned together.
    pub async fn reset(&self) -> Result<(), String> {
        let mut failures = Vec::new();
        for service in self.order.iter().rev() {
            let started = std::time::Instant::now();
            if let Err(e) = service.reset().await {
                failures.push(format!("{}: {e}", service.model_name()));
            }
            tracing::debug!(service = service.model_name(), micros = started.elapsed().as_micros() as u64, "reset");
        }
        if failures.is_empty() {
            Ok(())
        } else {
            Err(failures.join("; "))
        }
    }

    /// The service for a query request. Without a matching version the scope's only service
    /// answers (so that a wrong version gets that service's error).
    pub fn by_scope(&self, signing_name: &str, version: Option<&str>) -> Option<&Arc<dyn Service>> {
        let candidates = self.by_signing.get(signing_name)?;
        version
            .and_then(|v| candidates.iter().find(|(api, _)| api == v))
            .or_else(|| (candidates.len() == 1).then(|| &candidates[0]))
            .map(|(_, s)| s)
    }

    /// Does any registered service sign with this name?
    pub fn serves(&self, signing_name: &str) -> bool {
        self.by_signing.contains_key(signing_name)
    }

    /// Serve GETs of exactly these paths without SigV4. Only for links that carry their own
    /// credential (a token) or are public by nature (a certificate).
    pub fn register_public(&mut self, paths: &[&str], route: Arc<dyn PublicRoute>) {
        for p in paths {
            self.public.insert(p.to_string(), route.clone());
        }
    }

    /// Serve the web console under `/console`.
    pub fn register_console(&mut self, console: Arc<dyn ConsoleRoute>) {
        self.console = Some(console);
    }

    /// The console, when the path is its own (`/console` or below).
    pub fn console(&self, path: &str) -> Option<&Arc<dyn ConsoleRoute>> {
        let ours = path == "/console" || path.starts_with("/console/");
        self.console.as_ref().filter(|_| ours)
    }

    pub fn public(&self, path: &str) -> Option<&Arc<dyn PublicRoute>> {
        self.public.get(path)
    }

    pub fn by_target(&self, prefix: &str) -> Option<&Arc<dyn Service>> {
        self.by_target.get(prefix)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use serde_json::Value;
    use wire::{ApiError, BoxFuture, CallContext};

    use super::*;

    /// A service that notes when it is reset, and may fail to.
    struct Noting {
        model: &'static str,
        log: Arc<Mutex<Vec<&'static str>>>,
        fails: bool,
    }

    impl Service for Noting {
        fn model_name(&self) -> &'static str {
            self.model
        }

        fn iam_prefix(&self) -> &'static str {
            self.model
        }

        fn call<'a>(&'a self, _: &'a CallContext, _: &'a str, _: Value) -> BoxFuture<'a, Result<Value, ApiError>> {
            Box::pin(async { Ok(Value::Null) })
        }

        fn reset(&self) -> BoxFuture<'_, Result<(), String>> {
            self.log.lock().unwrap().push(self.model);
            let fails = self.fails;
            Box::pin(async move {
                if fails {
                    Err("stuck".to_string())
                } else {
                    Ok(())
                }
            })
        }
    }

    #[test]
    fn reset_runs_every_service_last_registered_first_and_reports_each_failure() {
        let log = Arc::new(Mutex::new(Vec::new()));
        let mut registry = Registry::default();
        for (model, fails) in [("iam", false), ("sns", true), ("sqs", false)] {
            registry.register(Arc::new(Noting { model, log: log.clone(), fails }));
        }
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        assert_eq!(rt.block_on(registry.reset()), Err("sns: stuck".to_string()));
        assert_eq!(*log.lock().unwrap(), vec!["sqs", "sns", "iam"]);
    }
}
