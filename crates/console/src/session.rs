//! Console sessions: a random id in an HttpOnly cookie, the session itself on the server (who
//! signed in, their temporary credentials, the CSRF token, when it ends), and the checks every
//! console request passes. The clock is injected so that expiry is tested without waiting.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use store::{Sealer, Store};

/// The cookie holding the session id.
pub const COOKIE: &str = "hg_console";
/// The header a console request carries its session's CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// How long a session lasts at most (AWS's console: 12 hours).
pub const LIFETIME: f64 = 12.0 * 3600.0;

/// Where "now" comes from (Unix seconds).
pub type Clock = Arc<dyn Fn() -> f64 + Send + Sync>;

/// The temporary credentials a session signs its calls with.
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Only the key id: the secret and the token never reach a log.
        f.debug_struct("Credentials").field("access_key_id", &self.access_key_id).finish_non_exhaustive()
    }
}

pub struct Session {
    /// The name the console shows (`alice`, `root`).
    pub user: String,
    pub arn: String,
    pub credentials: Credentials,
    /// Sent back in [`CSRF_HEADER`] by every state-changing request.
    pub csrf: String,
    /// Unix seconds.
    pub expires: f64,
}

/// The store kind of a kept session, keyed by the hex SHA-256 of its id.
const KIND: &str = "console.session";

/// A session as the store keeps it: the secret, the token and the CSRF token sealed with the
/// region's key (`store::Sealer`), like every other secret at rest.
#[derive(Serialize, Deserialize)]
struct KeptSession {
    user: String,
    arn: String,
    access_key_id: String,
    secret_access_key: String,
    session_token: String,
    csrf: String,
    expires: f64,
}

/// Where sessions are kept across restarts of the daemon.
pub struct Keep {
    pub store: Arc<Store>,
    pub sealer: Arc<Sealer>,
}

impl Keep {
    fn save(&self, key: &[u8; 32], s: &Session) {
        let kept = KeptSession {
            user: s.user.clone(),
            arn: s.arn.clone(),
            access_key_id: s.credentials.access_key_id.clone(),
            secret_access_key: self.sealer.seal(&s.credentials.secret_access_key),
            session_token: self.sealer.seal(&s.credentials.session_token),
            csrf: self.sealer.seal(&s.csrf),
            expires: s.expires,
        };
        if let Err(e) = self.store.write(|tx| tx.put(KIND, &hex::encode(key), &kept)) {
            tracing::error!(error = %e, "keeping a console session");
        }
    }

    fn forget(&self, key: &[u8; 32]) {
        if let Err(e) = self.store.write(|tx| tx.delete(KIND, &hex::encode(key))) {
            tracing::error!(error = %e, "forgetting a console session");
        }
    }

    /// The kept sessions still live at `now`; expired ones are deleted.
    fn load(&self, now: f64) -> HashMap<[u8; 32], Arc<Session>> {
        let kept: Vec<(String, KeptSession)> = match self.store.read(|tx| tx.list(KIND, "")) {
            Ok(k) => k,
            Err(e) => {
                tracing::error!(error = %e, "reading the console's sessions");
                return HashMap::new();
            }
        };
        let mut out = HashMap::new();
        for (key, k) in kept {
            let digest: Option<[u8; 32]> = hex::decode(&key).ok().and_then(|b| b.try_into().ok());
            let open = |s: &str| self.sealer.open(s).ok();
            let session = (|| {
                Some(Session {
                    credentials: Credentials {
                        access_key_id: k.access_key_id.clone(),
                        secret_access_key: open(&k.secret_access_key)?,
                        session_token: open(&k.session_token)?,
                    },
                    csrf: open(&k.csrf)?,
                    user: k.user.clone(),
                    arn: k.arn.clone(),
                    expires: k.expires,
                })
            })();
            match (digest, session) {
                (Some(d), Some(s)) if s.expires > now => {
                    out.insert(d, Arc::new(s));
                }
                _ => {
                    let _ = self.store.write(|tx| tx.delete(KIND, &key));
                }
            }
        }
        out
    }
}

/// The sessions of the console: in memory, and kept in the store (when given one) so that a
/// restart of the daemon signs nobody out.
pub struct Sessions {
    clock: Clock,
    /// SHA-256 of the session id → session: the ids themselves are kept nowhere.
    by_id: Mutex<HashMap<[u8; 32], Arc<Session>>>,
    keep: Option<Keep>,
}

/// 32 random bytes from the OS, hex.
fn random_token() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

fn digest(id: &str) -> [u8; 32] {
    Sha256::digest(id.as_bytes()).into()
}

impl Sessions {
    /// Sessions in memory only.
    pub fn new(clock: Clock) -> Sessions {
        Sessions { clock, by_id: Mutex::new(HashMap::new()), keep: None }
    }

    /// Sessions kept in the store: those still live are back at once.
    pub fn kept(clock: Clock, keep: Keep) -> Sessions {
        let live = keep.load(clock());
        Sessions { clock, by_id: Mutex::new(live), keep: Some(keep) }
    }

    pub fn now(&self) -> f64 {
        (self.clock)()
    }

    /// Start a session that ends after [`LIFETIME`] or when its credentials do, whichever is
    /// first. Returns the new session id (for the cookie) and the session.
    pub fn create(
        &self,
        user: String,
        arn: String,
        credentials: Credentials,
        creds_expire: f64,
    ) -> (String, Arc<Session>) {
        let now = self.now();
        let id = random_token();
        let session = Arc::new(Session {
            user,
            arn,
            credentials,
            csrf: random_token(),
            expires: (now + LIFETIME).min(creds_expire),
        });
        let key = digest(&id);
        let mut map = self.by_id.lock().unwrap_or_else(|e| e.into_inner());
        let expired: Vec<[u8; 32]> = map.iter().filter(|(_, s)| s.expires <= now).map(|(k, _)| *k).collect();
        for k in &expired {
            map.remove(k);
        }
        map.insert(key, session.clone());
        drop(map);
        if let Some(keep) = &self.keep {
            expired.iter().for_each(|k| keep.forget(k));
            keep.save(&key, &session);
        }
        (id, session)
    }

    /// The live session with this id; an expired one is forgotten.
    pub fn get(&self, id: &str) -> Option<Arc<Session>> {
        let key = digest(id);
        let mut map = self.by_id.lock().unwrap_or_else(|e| e.into_inner());
        let s = map.get(&key)?.clone();
        if s.expires <= self.now() {
            map.remove(&key);
            drop(map);
            if let Some(keep) = &self.keep {
                keep.forget(&key);
            }
            return None;
        }
        Some(s)
    }

    /// End a session (sign-out); returns it so that its credentials can be revoked.
    pub fn remove(&self, id: &str) -> Option<Arc<Session>> {
        let key = digest(id);
        let removed = self.by_id.lock().unwrap_or_else(|e| e.into_inner()).remove(&key);
        if let (Some(keep), Some(_)) = (&self.keep, &removed) {
            keep.forget(&key);
        }
        removed
    }

    pub fn len(&self) -> usize {
        self.by_id.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The session id from a `Cookie` header, if it holds ours.
pub fn session_id(cookie_header: Option<&str>) -> Option<&str> {
    cookie_header?
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// The `Set-Cookie` value that starts a session: unreadable by scripts, never sent by other
/// sites, only over TLS when the console is served over TLS.
pub fn set_cookie(id: &str, max_age: f64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={id}; Path=/console; Max-Age={}; HttpOnly; SameSite=Strict{secure}", max_age.max(0.0) as u64)
}

/// The `Set-Cookie` value that ends it.
pub fn clear_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict{secure}")
}

/// Does the request's CSRF header carry the session's token? Compared in constant time.
pub fn csrf_ok(session: &Session, header: Option<&str>) -> bool {
    let Some(given) = header else { return false };
    let (a, b) = (session.csrf.as_bytes(), given.trim().as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// A clock the test moves by hand.
    fn clock(start: f64) -> (Clock, Arc<AtomicU64>) {
        let t = Arc::new(AtomicU64::new(start.to_bits()));
        let c = t.clone();
        (Arc::new(move || f64::from_bits(c.load(Ordering::SeqCst))), t)
    }

    fn set(t: &AtomicU64, v: f64) {
        t.store(v.to_bits(), Ordering::SeqCst);
    }

    fn creds() -> Credentials {
        Credentials {
            access_key_id: "ASIAEXAMPLE".into(),
            secret_access_key: "secret-value".into(),
            session_token: "token-value".into(),
        }
    }

    /// The store and key of a region directory.
    fn keep(dir: &std::path::Path) -> Keep {
        Keep {
            store: Arc::new(Store::open(&dir.join("state.db")).unwrap()),
            sealer: Arc::new(Sealer::open_or_create(&dir.join("master.key")).unwrap()),
        }
    }

    #[test]
    fn kept_sessions_survive_a_restart_sealed_and_sign_out_and_expiry_forget_them() {
        let dir = tempfile::tempdir().unwrap();
        let (c, t) = clock(1_000.0);
        let first = Sessions::kept(c.clone(), keep(dir.path()));
        let (a, sa) = first.create("alice".into(), "arn:aws:iam::1:user/alice".into(), creds(), f64::MAX);
        let (b, _) = first.create("bob".into(), "arn:aws:iam::1:user/bob".into(), creds(), 2_000.0);
        drop(first);
        // At rest: no secret, token, CSRF token or session id in the clear.
        for f in std::fs::read_dir(dir.path()).unwrap() {
            let raw = std::fs::read(f.unwrap().path()).unwrap();
            let text = String::from_utf8_lossy(&raw);
            for secret in ["secret-value", "token-value", sa.csrf.as_str(), a.as_str()] {
                assert!(!text.contains(secret), "{secret} is stored in the clear");
            }
        }

        // "Restarted": both are back, with their credentials and CSRF token.
        let second = Sessions::kept(c.clone(), keep(dir.path()));
        let back = second.get(&a).expect("alice's session after the restart");
        assert_eq!((back.user.as_str(), back.csrf.as_str()), ("alice", sa.csrf.as_str()));
        assert_eq!(back.credentials.secret_access_key, "secret-value");
        assert!(second.get(&b).is_some());
        assert!(second.remove(&a).is_some());
        set(&t, 2_000.0); // bob's credentials end
        drop(second);

        let third = Sessions::kept(c, keep(dir.path()));
        assert!(third.get(&a).is_none(), "signed out before the restart");
        assert!(third.get(&b).is_none(), "expired before the restart");
        assert!(third.is_empty());
    }

    #[test]
    fn a_session_lives_twelve_hours_then_is_gone() {
        let (c, t) = clock(1_000.0);
        let s = Sessions::new(c);
        let (id, sess) = s.create("alice".into(), "arn:aws:iam::1:user/alice".into(), creds(), f64::MAX);
        assert_eq!(sess.expires, 1_000.0 + LIFETIME);
        set(&t, 1_000.0 + LIFETIME - 1.0);
        assert!(s.get(&id).is_some());
        set(&t, 1_000.0 + LIFETIME);
        assert!(s.get(&id).is_none());
        assert!(s.is_empty(), "an expired session is forgotten once seen");
    }

    #[test]
    fn a_session_ends_with_its_credentials_when_they_end_first() {
        let (c, t) = clock(0.0);
        let s = Sessions::new(c);
        let (id, sess) = s.create("root".into(), "arn:aws:iam::1:root".into(), creds(), 3_600.0);
        assert_eq!(sess.expires, 3_600.0);
        set(&t, 3_600.0);
        assert!(s.get(&id).is_none());
    }

    #[test]
    fn ids_are_random_and_unguessable_and_sign_out_forgets() {
        let (c, _) = clock(0.0);
        let s = Sessions::new(c);
        let (a, sa) = s.create("a".into(), "x".into(), creds(), f64::MAX);
        let (b, sb) = s.create("b".into(), "y".into(), creds(), f64::MAX);
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(sa.csrf, sb.csrf);
        assert_ne!(sa.csrf, a, "the CSRF token is not the session id");
        assert!(s.get("0".repeat(64).as_str()).is_none());
        assert_eq!(s.remove(&a).map(|x| x.user.clone()), Some("a".into()));
        assert!(s.get(&a).is_none());
        assert!(s.get(&b).is_some());
    }

    #[test]
    fn creating_a_session_sweeps_expired_ones() {
        let (c, t) = clock(0.0);
        let s = Sessions::new(c);
        s.create("a".into(), "x".into(), creds(), 10.0);
        set(&t, 20.0);
        s.create("b".into(), "y".into(), creds(), f64::MAX);
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        assert_eq!(session_id(Some("a=1; hg_console=abc; b=2")), Some("abc"));
        assert_eq!(session_id(Some("hg_console=abc")), Some("abc"));
        assert_eq!(session_id(Some("xhg_console=abc")), None);
        assert_eq!(session_id(Some("hg_console=")), None);
        assert_eq!(session_id(None), None);
    }

    #[test]
    fn cookies_are_httponly_strict_and_secure_over_tls() {
        let c = set_cookie("abc", 43_200.0, false);
        assert_eq!(c, "hg_console=abc; Path=/console; Max-Age=43200; HttpOnly; SameSite=Strict");
        assert!(set_cookie("abc", 1.0, true).ends_with("; Secure"));
        assert!(clear_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn csrf_needs_the_exact_token() {
        let (c, _) = clock(0.0);
        let s = Sessions::new(c);
        let (_, sess) = s.create("a".into(), "x".into(), creds(), f64::MAX);
        assert!(csrf_ok(&sess, Some(&sess.csrf)));
        assert!(!csrf_ok(&sess, None));
        assert!(!csrf_ok(&sess, Some("")));
        let mut wrong = sess.csrf.clone();
        wrong.replace_range(0..1, if wrong.starts_with('0') { "1" } else { "0" });
        assert!(!csrf_ok(&sess, Some(&wrong)));
    }

    #[test]
    fn credentials_debug_hides_the_secret_and_token() {
        let text = format!("{:?}", creds());
        assert!(text.contains("ASIAEXAMPLE"));
        assert!(!text.contains("secret-value") && !text.contains("token-value"));
    }
}
