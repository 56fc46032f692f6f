//! The web console, served by the daemon under `/console`: embedded pages (HTML, CSS and
//! vanilla JavaScript, nothing fetched from elsewhere), sign-in against IAM (a user's login
//! profile, or the account root's key pair), server-side sessions, and one endpoint that turns
//! a page's action into a SigV4-signed API call through the gateway's own pipeline.

mod assets;
pub mod call;
pub mod session;
pub mod throttle;

use std::sync::Arc;

use gateway::{ConsoleAnswer, ConsoleRequest, ConsoleRoute, Gateway};
use serde_json::{json, Value};
use wire::BoxFuture;

use session::{Session, Sessions};

/// Headers every console answer carries: no framing, no sniffing, no inline script, nothing
/// loaded from another origin.
const SECURITY_HEADERS: &[(&str, &str)] = &[
    (
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
];

pub struct Console {
    sessions: Sessions,
    throttle: throttle::Throttle,
}

impl Console {
    /// A console whose sessions live in memory only.
    pub fn new(clock: session::Clock) -> Console {
        Console { sessions: Sessions::new(clock.clone()), throttle: throttle::Throttle::new(clock) }
    }

    /// A console whose sessions are kept (sealed) in the region's store: a restart of the
    /// daemon signs nobody out.
    pub fn kept(clock: session::Clock, keep: session::Keep) -> Console {
        Console { sessions: Sessions::kept(clock.clone(), keep), throttle: throttle::Throttle::new(clock) }
    }

    async fn route(&self, gw: &Gateway, req: &ConsoleRequest<'_>) -> ConsoleAnswer {
        let path = req.path.strip_prefix("/console").unwrap_or(req.path);
        match (req.method, path) {
            // The match-day view has an address of its own, for a screen left showing it.
            ("GET", "" | "/" | "/match-day") => assets::page("index.html"),
            ("GET", p) if p.starts_with("/assets/") => assets::page(&p["/assets/".len()..]),
            ("GET", "/api/session") => match self.session(req) {
                Some(s) => json_answer(200, &whoami(&s)),
                // Not an error: the page asks this first to know whether to show the sign-in form.
                None => json_answer(200, &json!({"signedIn": false})),
            },
            ("POST", "/api/signin") => self.sign_in(gw, req).await,
            ("POST", "/api/signout") => self.sign_out(gw, req),
            ("POST", "/api/call") => self.call(gw, req).await,
            (_, "" | "/" | "/match-day" | "/api/session" | "/api/signin" | "/api/signout" | "/api/call") => {
                error(405, "MethodNotAllowed", "This method is not allowed here.")
            }
            _ => error(404, "NotFound", "There is no such console page."),
        }
    }

    fn session(&self, req: &ConsoleRequest<'_>) -> Option<Arc<Session>> {
        self.sessions.get(session::session_id(header(req, "cookie"))?)
    }

    /// The session of a state-changing request, which must carry its CSRF token.
    fn checked_session(&self, req: &ConsoleRequest<'_>) -> Result<Arc<Session>, ConsoleAnswer> {
        let s = self.session(req).ok_or_else(|| error(401, "SignedOut", "You are signed out. Sign in again."))?;
        if !session::csrf_ok(&s, header(req, session::CSRF_HEADER)) {
            return Err(error(403, "InvalidCsrfToken", "The request lacks this session's CSRF token."));
        }
        Ok(s)
    }

    async fn sign_in(&self, gw: &Gateway, req: &ConsoleRequest<'_>) -> ConsoleAnswer {
        // Only the page's own script sends JSON (a form on another site cannot).
        if !header(req, "content-type").is_some_and(|c| c.starts_with("application/json")) {
            return error(415, "UnsupportedMediaType", "Sign-in takes a JSON body.");
        }
        let Ok(body) = serde_json::from_slice::<Value>(req.body) else {
            return error(400, "BadRequest", "The sign-in request is not valid JSON.");
        };
        let field = |k: &str| body.get(k).and_then(Value::as_str).unwrap_or_default();
        let (name, password) = (field("userName"), field("password"));
        if name.is_empty() || password.is_empty() {
            return error(400, "BadRequest", "Enter a user name and a password.");
        }
        let who = match field("kind") {
            "root" => iam::SignIn::Root { access_key_id: name, secret_access_key: password },
            _ => {
                let new_password = Some(field("newPassword")).filter(|p| !p.is_empty());
                iam::SignIn::User { user_name: name, password, new_password }
            }
        };
        // In emulator mode every signature acts as the root: the console could not enforce a
        // user's permissions, so it lets nobody in.
        if gw.identity.config.accept_any_credentials {
            let message = "The console is off while the region accepts any credentials (--accept-any-credentials).";
            return error(503, "ConsoleUnavailable", message);
        }
        if let Some(seconds) = self.throttle.wait(name, req.source_ip) {
            let message = format!("Too many failed sign-ins. Try again in {seconds} seconds.");
            return error(429, "TooManyAttempts", &message);
        }
        let identity = gw.identity.clone();
        let signed_in = tokio::task::block_in_place(|| identity.console_sign_in(who, session::LIFETIME));
        let creds = match signed_in {
            Ok(c) => c,
            Err(e @ iam::SignInError::Refused) => {
                self.throttle.failed(name, req.source_ip);
                tracing::info!(user = %name, source_ip = %req.source_ip, "console sign-in refused");
                return error(401, "AuthenticationFailed", &e.to_string());
            }
            Err(e @ iam::SignInError::PasswordResetRequired) => {
                return error(403, "PasswordResetRequired", &e.to_string());
            }
            Err(iam::SignInError::NewPasswordRejected(m)) => return error(400, "InvalidNewPassword", &m),
            Err(e) => {
                tracing::error!(error = %e, "console sign-in failed");
                return error(500, "InternalFailure", "Sign-in failed; see the daemon's log.");
            }
        };
        self.throttle.succeeded(name);
        // A browser that signs in again leaves its previous session behind: end it.
        if let Some(old) = session::session_id(header(req, "cookie")).and_then(|id| self.sessions.remove(id)) {
            revoke(gw, &old);
        }
        let credentials = session::Credentials {
            access_key_id: creds.access_key_id,
            secret_access_key: creds.secret_access_key,
            session_token: creds.session_token,
        };
        let (id, s) = self.sessions.create(creds.display_name, creds.arn, credentials, creds.expiration);
        tracing::info!(user = %s.user, source_ip = %req.source_ip, "console sign-in");
        let mut answer = json_answer(200, &whoami(&s));
        let max_age = s.expires - self.sessions.now();
        answer.headers.push(("set-cookie", session::set_cookie(&id, max_age, req.secure)));
        answer
    }

    fn sign_out(&self, gw: &Gateway, req: &ConsoleRequest<'_>) -> ConsoleAnswer {
        if let Err(refused) = self.checked_session(req) {
            return refused;
        }
        if let Some(s) = session::session_id(header(req, "cookie")).and_then(|id| self.sessions.remove(id)) {
            revoke(gw, &s);
        }
        let mut answer = json_answer(200, &json!({"signedOut": true}));
        answer.headers.push(("set-cookie", session::clear_cookie(req.secure)));
        answer
    }

    async fn call(&self, gw: &Gateway, req: &ConsoleRequest<'_>) -> ConsoleAnswer {
        let s = match self.checked_session(req) {
            Ok(s) => s,
            Err(refused) => return refused,
        };
        let Ok(body) = serde_json::from_slice::<Value>(req.body) else {
            return error(400, "BadRequest", "The call is not valid JSON.");
        };
        match call::prepare(&body) {
            Ok(p) => call::run(gw, &s.credentials, &p, req.source_ip).await,
            Err(call::CallError::UnknownService(name)) => {
                error(400, "BadRequest", &format!("The console does not call the service {name}."))
            }
            Err(call::CallError::BadRequest(m)) => error(400, "BadRequest", m),
        }
    }
}

impl ConsoleRoute for Console {
    fn serve<'a>(&'a self, gateway: &'a Gateway, req: ConsoleRequest<'a>) -> BoxFuture<'a, ConsoleAnswer> {
        Box::pin(async move {
            let mut answer = self.route(gateway, &req).await;
            for (k, v) in SECURITY_HEADERS {
                answer.headers.push((*k, v.to_string()));
            }
            answer
        })
    }
}

/// Delete an ended session's temporary credentials, so that they sign nothing more.
fn revoke(gw: &Gateway, s: &Session) {
    let identity = gw.identity.clone();
    if let Err(e) = tokio::task::block_in_place(|| identity.console_sign_out(&s.credentials.access_key_id)) {
        tracing::error!(error = %e, "revoking a console session's credentials failed");
    }
}

fn header<'a>(req: &ConsoleRequest<'a>, name: &str) -> Option<&'a str> {
    req.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
}

fn whoami(s: &Session) -> Value {
    json!({"signedIn": true, "user": s.user, "arn": s.arn, "csrfToken": s.csrf, "expires": s.expires})
}

pub(crate) fn json_answer(status: u16, body: &Value) -> ConsoleAnswer {
    ConsoleAnswer {
        status,
        headers: vec![("content-type", "application/json".into()), ("cache-control", "no-store".into())],
        body: body.to_string().into_bytes(),
    }
}

fn error(status: u16, code: &str, message: &str) -> ConsoleAnswer {
    json_answer(status, &json!({"error": {"code": code, "message": message}}))
}
