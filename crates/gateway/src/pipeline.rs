//! The path of one API request: read → authenticate (SigV4) → route → decode and validate →
//! authorise (IAM) → run → encode → audit. Each step's failure becomes the AWS error of that
//! step, in the protocol the request arrived in.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;

use rand::Rng;
use sigv4::{HttpRequest, SigningKeyCache};
use time::OffsetDateTime;
use wire::protocol::{self, query::QueryParams, Encoded, Target};
use wire::{ApiError, CallContext, Output, Protocol, Service};

use crate::audit::{Audit, AuditEvent};
use crate::registry::Registry;

/// Everything the pipeline needs, shared by all connections.
pub struct Gateway {
    pub registry: Registry,
    pub identity: Arc<iam::Identity>,
    pub keys: SigningKeyCache,
    pub audit: Audit,
    /// The home region: the console's, and the one a single-region daemon answers whatever
    /// region a request is signed for.
    pub region: String,
    /// The other regions this daemon serves (`--regions`), each with its own services; a
    /// request goes to the region of its SigV4 credential scope.
    pub regions: HashMap<String, Registry>,
}

/// Services that are global in AWS (or signed for us-east-1 from any region): with several
/// regions served, a request for one of them scoped to a region not served goes home.
const GLOBAL_SERVICES: &[&str] = &["iam", "sts", "ce"];

/// The parts of an HTTP request the pipeline reads.
pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    /// The body as sent (what SigV4 signed).
    pub body: &'a [u8],
    /// The body with its Content-Encoding (gzip, as botocore sends large PutMetricData
    /// calls) undone: what the protocol decoders read.
    pub payload: &'a [u8],
    pub source_ip: IpAddr,
    pub secure: bool,
}

/// What the pipeline learnt, for the audit record.
#[derive(Default)]
struct Trail {
    principal: Option<String>,
    access_key_id: Option<String>,
    service: String,
    action: String,
    resources: Vec<String>,
}

pub fn request_id() -> String {
    let b: [u8; 16] = rand::thread_rng().gen();
    let h = hex(&b);
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

fn hex(b: &[u8]) -> String {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        s.push(D[(x >> 4) as usize] as char);
        s.push(D[(x & 15) as usize] as char);
    }
    s
}

impl Gateway {
    /// Answer one request: the encoded answer and its request id.
    pub async fn handle(&self, req: &Request<'_>) -> (Encoded, String) {
        let request_id = request_id();
        let mut trail = Trail::default();
        let (protocol, model, result) = self.run(req, &request_id, &mut trail).await;
        let (encoded, error) = match result {
            Ok((op, output)) => {
                let model = model.expect("a successful call has a service");
                (protocol::encode_ok(protocol, model, &op, output, &request_id), None)
            }
            Err(e) => {
                if e.status >= 500 {
                    tracing::error!(request_id, code = %e.code, message = %e.message, "request failed");
                }
                (protocol::encode_err(protocol, model, &e, &request_id), Some(e))
            }
        };
        self.audit.record(&AuditEvent {
            time: self.identity.now(),
            request_id: &request_id,
            principal: trail.principal.as_deref(),
            access_key_id: trail.access_key_id.as_deref(),
            source_ip: &req.source_ip.to_string(),
            service: &trail.service,
            action: &trail.action,
            resources: &trail.resources,
            status: encoded.status,
            error_code: error.as_ref().map(|e| e.code.as_ref()),
            reason: error.as_ref().map(|e| e.message.as_ref()),
        });
        (encoded, request_id)
    }

    /// The region a request signed for `scope_region` goes to, and its services: that region
    /// when served; home when it is the only one (as before `--regions`), or for a global
    /// service; none otherwise.
    pub fn region_of(&self, scope_region: &str, scope_service: &str) -> Option<(&str, &Registry)> {
        if scope_region == self.region {
            return Some((&self.region, &self.registry));
        }
        if let Some((name, registry)) = self.regions.get_key_value(scope_region) {
            return Some((name, registry));
        }
        (self.regions.is_empty() || GLOBAL_SERVICES.contains(&scope_service)).then_some((&self.region, &self.registry))
    }

    /// Every region served, home first.
    pub fn served_regions(&self) -> Vec<&str> {
        let mut others: Vec<&str> = self.regions.keys().map(String::as_str).collect();
        others.sort_unstable();
        std::iter::once(self.region.as_str()).chain(others).collect()
    }

    /// Refuse a request before it can be read (a body over the limit, headers that are not
    /// text, a body that does not inflate): the error in the protocol the request looks like it
    /// speaks, audited like every other call.
    pub fn refuse(&self, req: &Request<'_>, err: ApiError) -> (Encoded, String) {
        let request_id = request_id();
        let header = |name: &str| req.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| *v);
        let protocol = match protocol::detect(req.path, header) {
            Ok(Target::Json { .. }) => Protocol::Json,
            Ok(Target::Cbor { .. }) => Protocol::Cbor,
            _ => Protocol::Query,
        };
        let encoded = protocol::encode_err(protocol, None, &err, &request_id);
        self.audit.record(&AuditEvent {
            time: self.identity.now(),
            request_id: &request_id,
            principal: None,
            access_key_id: None,
            source_ip: &req.source_ip.to_string(),
            service: "",
            action: "",
            resources: &[],
            status: encoded.status,
            error_code: Some(err.code.as_ref()),
            reason: Some(err.message.as_ref()),
        });
        (encoded, request_id)
    }

    /// Returns the protocol the answer must use, the service's model once known, and the
    /// operation's name and output.
    async fn run(
        &self,
        req: &Request<'_>,
        request_id: &str,
        trail: &mut Trail,
    ) -> (Protocol, Option<&'static wire::ServiceModel>, Result<(String, Output), ApiError>) {
        let header = |name: &str| req.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| *v);
        let target = match protocol::detect(req.path, header) {
            Ok(t) => t,
            Err(e) => return (Protocol::Json, None, Err(e)),
        };
        // Query parameters (awsQuery/ec2Query) come from the URL and a form body.
        let (mut params, mut action, mut version) = (None, None, None);
        let fallback_protocol = match &target {
            Target::Json { .. } => Protocol::Json,
            Target::Cbor { .. } => Protocol::Cbor,
            Target::Query => {
                let form_body = req.method == "POST";
                let parts: &[&[u8]] =
                    if form_body { &[req.query.as_bytes(), req.payload] } else { &[req.query.as_bytes()] };
                match QueryParams::parse(parts) {
                    Ok((p, a, v)) => {
                        params = Some(p);
                        action = a;
                        version = v;
                    }
                    Err(e) => return (Protocol::Query, None, Err(e)),
                }
                Protocol::Query
            }
        };

        // Authenticate.
        let http =
            HttpRequest { method: req.method, path: req.path, query: req.query, headers: req.headers, body: req.body };
        let auth = match sigv4::parse(&http) {
            Ok(Some(a)) => a,
            Ok(None) => {
                let e = ApiError::new(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
                return (fallback_protocol, None, Err(e));
            }
            Err(e) => return (fallback_protocol, None, Err(ApiError::new(e.http_status(), e.code(), e.message()))),
        };
        let scope_service = auth.credential.service;
        trail.access_key_id = Some(auth.credential.access_key_id.to_string());
        let Some((region, registry)) = self.region_of(auth.credential.region, scope_service) else {
            let e = ApiError::new(
                403,
                "SignatureDoesNotMatch",
                format!(
                    "Credential should be scoped to a valid region, not '{}'. This endpoint serves {}.",
                    auth.credential.region,
                    self.served_regions().join(", ")
                ),
            );
            return (fallback_protocol, None, Err(e));
        };

        // Route.
        let (service, op, version) = match &target {
            Target::Json { prefix, operation } => (registry.by_target(prefix), operation.clone(), None),
            Target::Cbor { service, operation } => (registry.by_target(service), operation.clone(), None),
            Target::Query => {
                let Some(action) = action.take() else {
                    // No Action: a form request to a service we serve lacks it; anything else (S3's
                    // REST calls, say) is for a service the region does not serve.
                    let e = if registry.serves(scope_service) {
                        ApiError::missing_parameter("The request must contain the parameter Action")
                    } else {
                        not_served(scope_service)
                    };
                    return (fallback_protocol, None, Err(e));
                };
                (registry.by_scope(scope_service, version.as_deref()), action, version.take())
            }
        };
        let Some(service) = service else {
            let e = if registry.serves(scope_service) {
                // A service we serve, addressed in a protocol or target it does not have.
                ApiError::new(400, "InvalidAction", format!("The request is not a valid {scope_service} operation."))
            } else {
                not_served(scope_service)
            };
            return (fallback_protocol, None, Err(e));
        };
        let model = service.model();
        // Form parameters are awsQuery for a service that also speaks it (CloudWatch's model
        // lists CBOR first, but older SDKs send it awsQuery), EC2's own dialect for EC2.
        let protocol = match (fallback_protocol, model.default_protocol()) {
            (Protocol::Query, Protocol::Ec2) => Protocol::Ec2,
            (Protocol::Query, _) if model.speaks(Protocol::Query) => Protocol::Query,
            (Protocol::Query, p) => p,
            (p, _) => p,
        };
        trail.service = service.iam_prefix().to_string();
        trail.action = op.clone();
        if !model.speaks(protocol) {
            let e = ApiError::new(400, "UnknownOperationException", "This service does not speak that protocol.");
            return (protocol, Some(model), Err(e));
        }
        if protocol == Protocol::Query || protocol == Protocol::Ec2 {
            if let Some(v) = version.as_deref() {
                if v != model.metadata.api_version {
                    let e =
                        ApiError::new(400, "InvalidAction", format!("Could not find operation {op} for version {v}"));
                    return (protocol, Some(model), Err(e));
                }
            }
        }

        let result = self
            .authenticated(
                req,
                &http,
                &auth,
                region,
                service.as_ref(),
                protocol,
                &op,
                params.as_ref(),
                request_id,
                trail,
            )
            .await;
        (protocol, Some(model), result.map(|v| (op, v)))
    }

    #[allow(clippy::too_many_arguments)]
    async fn authenticated(
        &self,
        req: &Request<'_>,
        http: &HttpRequest<'_>,
        auth: &sigv4::ParsedAuth<'_>,
        region: &str,
        service: &dyn Service,
        protocol: Protocol,
        op: &str,
        params: Option<&QueryParams>,
        request_id: &str,
        trail: &mut Trail,
    ) -> Result<Output, ApiError> {
        let identity = &self.identity;
        let akid = auth.credential.access_key_id;
        let cred = if identity.config.accept_any_credentials {
            Arc::new(iam::ResolvedCredential {
                secret_access_key: String::new(),
                principal: identity.root_principal(akid),
                session: None,
            })
        } else {
            let cred = identity
                .resolve(akid, auth.security_token.as_deref())
                .map_err(|f| ApiError::new(f.status(), f.code(), f.message()))?;
            sigv4::verify(http, auth, &cred.secret_access_key, OffsetDateTime::now_utc(), &self.keys)
                .map_err(|e| ApiError::new(e.http_status(), e.code(), e.message()))?;
            cred
        };
        trail.principal = Some(cred.principal.arn.clone());
        identity.note_key_use(akid, service.iam_prefix());

        let model = service.model();
        let Some(operation) = model.operations.get(op) else {
            return Err(protocol::unknown_operation(protocol, op, &model.metadata.api_version));
        };
        let input = match (protocol, params) {
            (Protocol::Query | Protocol::Ec2, Some(p)) => {
                protocol::query::decode(model, operation.input.as_deref(), p, protocol == Protocol::Ec2)?
            }
            (Protocol::Cbor, _) => protocol::json::decode_cbor(model, operation.input.as_deref(), req.payload)?,
            _ => protocol::json::decode_json(model, operation.input.as_deref(), req.payload)?,
        };
        wire::validate::validate(model, operation.input.as_deref(), &input, protocol == Protocol::Ec2)?;

        let cx = CallContext {
            request_id: request_id.to_string(),
            principal: cred.principal.clone(),
            source_ip: req.source_ip,
            secure_transport: req.secure,
            region: region.to_string(),
            authorizer: Some(Arc::new(iam::CallerAuthorizer { identity: identity.clone(), cred: cred.clone() })),
        };
        let checks = service.authorization(op, &input, &cx)?.into_checks(service.iam_prefix(), op);
        trail.resources = checks.iter().map(|c| c.resource.clone()).collect();
        trail.resources.dedup();
        let json_only = model.metadata.aws_query_compatible.is_none();
        identity.authorize_checks(&cred, &cx, &checks).map_err(|e| refusal(protocol, json_only, e))?;
        service.call_output(&cx, op, input).await.map_err(|e| refusal(protocol, json_only, e))
    }
}

/// A refusal in the words of the service's protocol, also for checks an operation makes while
/// it runs: EC2 says UnauthorizedOperation, the JSON services (SSM, Secrets Manager …)
/// AccessDeniedException, the query services (and JSON ones compatible with them) AccessDenied.
fn refusal(protocol: Protocol, json_only: bool, e: ApiError) -> ApiError {
    if e.code != "AccessDenied" {
        return e;
    }
    match protocol {
        Protocol::Ec2 => ApiError::new(
            403,
            "UnauthorizedOperation",
            format!("You are not authorized to perform this operation. {}", e.message),
        ),
        Protocol::Json | Protocol::Cbor if json_only => ApiError::new(400, "AccessDeniedException", e.message),
        _ => e,
    }
}

/// A request for a service the region does not serve (NotImplemented, 501, naming it).
fn not_served(service: &str) -> ApiError {
    ApiError::new(501, "NotImplemented", format!("homeground does not serve the {service} service yet."))
}
