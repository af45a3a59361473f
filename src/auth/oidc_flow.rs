//! The browser sign-in through the identity provider: the authorization code
//! flow with PKCE (S256), run by the server so that no token ever reaches the
//! browser's JavaScript. The browser only ever holds two HttpOnly cookies: a
//! signed, ten-minute record of the sign-in in progress, then the session.
//!
//! `/auth/oidc/login` → the provider → `/auth/oidc/callback`: the state must
//! match the record (and is accepted once), the code is exchanged with the
//! PKCE verifier, and the ID token must carry the record's nonce.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use reqwest::Url;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::jwt::{ClientSecret, OidcConfig};

/// How long a sign-in may take at the identity provider.
pub const PENDING_SECONDS: i64 = 600;
/// The path the identity provider must send the browser back to.
pub const CALLBACK_PATH: &str = "/auth/oidc/callback";
/// Where the web app starts a sign-in.
pub const LOGIN_PATH: &str = "/auth/oidc/login";
/// Consumed states remembered at most (they expire after [`PENDING_SECONDS`]).
const USED_MAX: usize = 100_000;

/// Why a browser sign-in did not end in a session. `reason` is for the
/// server's log and audit log; it never holds a token, code or secret.
#[derive(Debug)]
pub struct FlowFailure {
    pub kind: FailureKind,
    pub reason: String,
}

/// What the sign-in page tells the person, as a short code in `?error=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// No record of this sign-in, or it expired, or it was used already.
    State,
    /// The person declined, or the provider did not let them in.
    Denied,
    /// The provider answered with an error.
    Provider,
    /// The provider (or the database) could not be reached.
    Unavailable,
    /// The ID token was not valid for this sign-in.
    Token,
    /// Nobody here matches the account.
    UnknownPerson,
    /// The account's person has left.
    Left,
}

impl FailureKind {
    pub fn code(self) -> &'static str {
        match self {
            FailureKind::State => "state",
            FailureKind::Denied => "denied",
            FailureKind::Provider => "provider",
            FailureKind::Unavailable => "unavailable",
            FailureKind::Token => "token",
            FailureKind::UnknownPerson => "unknown_person",
            FailureKind::Left => "left",
        }
    }

    pub fn with(self, reason: impl Into<String>) -> FlowFailure {
        FlowFailure {
            kind: self,
            reason: reason.into(),
        }
    }
}

/// The sign-in in progress, as the browser carries it (signed, HttpOnly).
#[derive(Debug, Serialize, Deserialize)]
pub struct Pending {
    pub state: String,
    pub verifier: String,
    pub nonce: String,
    /// Where to go once signed in (a same-site path).
    pub next: String,
    exp: i64,
}

/// A started sign-in: where to send the browser, and the cookie value to set.
pub struct Started {
    pub location: String,
    pub cookie: String,
}

pub struct OidcFlow {
    client_id: String,
    client_secret: Option<ClientSecret>,
    redirect_url: String,
    scopes: String,
    authorization_endpoint: Url,
    token_endpoint: Url,
    /// The provider takes the secret in the form body (`client_secret_post`)
    /// rather than in HTTP Basic authentication.
    secret_in_body: bool,
    provider_name: Option<String>,
    secure_cookies: bool,
    /// Signs the record of a sign-in in progress.
    state_key: [u8; 32],
    /// States already accepted once, with when they may be forgotten.
    used: Mutex<HashMap<String, Instant>>,
    client: reqwest::Client,
}

/// What `/.well-known/openid-configuration` says (the parts used here).
#[derive(Deserialize)]
struct Discovery {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: Option<String>,
    #[serde(default)]
    token_endpoint_auth_methods_supported: Vec<String>,
    code_challenge_methods_supported: Option<Vec<String>>,
}

impl OidcFlow {
    /// The browser sign-in `config` describes, or `None` when it names no
    /// client. Endpoints missing from `config` are discovered from the
    /// issuer (and its JWKS address too, when no keys are configured).
    pub async fn new(
        config: &mut OidcConfig,
        client: reqwest::Client,
    ) -> anyhow::Result<Option<OidcFlow>> {
        let (client_id, redirect_url) = match (&config.client_id, &config.redirect_url) {
            (None, None) => {
                if config.client_secret.is_some() {
                    anyhow::bail!(
                        "[auth.oidc]: a client secret is set (client_secret or TACIT_OIDC_CLIENT_SECRET) but no client_id; set client_id and redirect_url for the browser sign-in"
                    );
                }
                return Ok(None);
            }
            (Some(id), Some(url)) => (id.trim().to_string(), url.trim().to_string()),
            _ => anyhow::bail!(
                "[auth.oidc]: the browser sign-in needs both client_id and redirect_url"
            ),
        };
        if client_id.is_empty() {
            anyhow::bail!("[auth.oidc] client_id is empty");
        }
        let redirect = checked_url("redirect_url", &redirect_url)?;
        if !redirect.path().ends_with(CALLBACK_PATH) || redirect.query().is_some() {
            anyhow::bail!(
                "[auth.oidc] redirect_url must be this server's address followed by {CALLBACK_PATH} (for example https://tacit.example.org{CALLBACK_PATH}), not {redirect_url}"
            );
        }
        if !config.scopes.iter().any(|s| s == "openid") {
            anyhow::bail!("[auth.oidc] scopes must include openid");
        }
        let (authorization, token, secret_in_body) = match (
            &config.authorization_endpoint,
            &config.token_endpoint,
        ) {
            (Some(a), Some(t)) => (a.clone(), t.clone(), false),
            (None, None) => {
                let found = discover(&client, &config.issuer).await?;
                if config.jwks_file.is_none() && config.jwks_url.is_none() {
                    config.jwks_url = found.jwks_uri.clone();
                }
                let methods = &found.token_endpoint_auth_methods_supported;
                let post_only = methods.iter().any(|m| m == "client_secret_post")
                    && !methods.iter().any(|m| m == "client_secret_basic");
                (
                    found.authorization_endpoint,
                    found.token_endpoint,
                    post_only,
                )
            }
            _ => anyhow::bail!(
                "[auth.oidc]: give both authorization_endpoint and token_endpoint, or neither to discover them from the issuer"
            ),
        };
        let state_key = match &config.client_secret {
            // Replicas sharing the configuration accept each other's records.
            Some(secret) => {
                Sha256::digest(format!("tacit oidc sign-in state\n{}", secret.expose()).as_bytes())
                    .into()
            }
            None => rand::random(),
        };
        Ok(Some(OidcFlow {
            client_id,
            client_secret: config.client_secret.clone(),
            secure_cookies: redirect.scheme() == "https",
            redirect_url,
            scopes: config.scopes.join(" "),
            authorization_endpoint: checked_url("authorization_endpoint", &authorization)?,
            token_endpoint: checked_url("token_endpoint", &token)?,
            secret_in_body,
            provider_name: config
                .provider_name
                .clone()
                .filter(|n| !n.trim().is_empty()),
            state_key,
            used: Mutex::new(HashMap::new()),
            client,
        }))
    }

    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    pub fn provider_name(&self) -> Option<&str> {
        self.provider_name.as_deref()
    }

    /// Whether cookies must be `Secure` (the server is reached over HTTPS).
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies
    }

    /// Starts a sign-in that returns to `next` (made safe first).
    pub fn start(&self, next: Option<&str>) -> anyhow::Result<Started> {
        let pending = Pending {
            state: random_text(),
            verifier: random_text(),
            nonce: random_text(),
            next: safe_next(next),
            exp: chrono::Utc::now().timestamp() + PENDING_SECONDS,
        };
        let mut url = self.authorization_endpoint.clone();
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.client_id)
            .append_pair("redirect_uri", &self.redirect_url)
            .append_pair("scope", &self.scopes)
            .append_pair("state", &pending.state)
            .append_pair("nonce", &pending.nonce)
            .append_pair("code_challenge", &challenge(&pending.verifier))
            .append_pair("code_challenge_method", "S256");
        let key = EncodingKey::from_secret(&self.state_key)?;
        let cookie = encode(&Header::new(Algorithm::HS256), &pending, &key)?;
        Ok(Started {
            location: url.to_string(),
            cookie,
        })
    }

    /// The sign-in in progress the browser's cookie holds, if it is one of
    /// ours and not expired.
    pub fn pending(&self, cookie: &str) -> Option<Pending> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_required_spec_claims(&["exp"]);
        validation.validate_aud = false;
        validation.leeway = 0;
        let key = DecodingKey::from_secret(&self.state_key).ok()?;
        decode::<Pending>(cookie, &key, &validation)
            .ok()
            .map(|d| d.claims)
    }

    /// Accepts the provider's `state` for `pending`, once.
    pub fn consume(&self, pending: &Pending, state: Option<&str>) -> Result<(), FlowFailure> {
        let Some(state) = state else {
            return Err(FailureKind::State.with("the callback has no state"));
        };
        if !same(state.as_bytes(), pending.state.as_bytes()) {
            return Err(FailureKind::State.with("the state does not match this browser's sign-in"));
        }
        let Ok(mut used) = self.used.lock() else {
            return Err(FailureKind::Unavailable.with("the record of used states is unusable"));
        };
        let now = Instant::now();
        if used.len() >= USED_MAX {
            used.retain(|_, until| *until > now);
        }
        if used.len() >= USED_MAX {
            // Still full of live states (a flood of callbacks): forget the
            // oldest rather than refuse everyone's sign-in. A forgotten state
            // could be replayed only with its cookie and a code the provider
            // issues once.
            if let Some(oldest) = used
                .iter()
                .min_by_key(|(_, until)| **until)
                .map(|(k, _)| k.clone())
            {
                used.remove(&oldest);
            }
        }
        let until = now + Duration::from_secs(PENDING_SECONDS.unsigned_abs());
        if used.insert(pending.state.clone(), until).is_some() {
            return Err(FailureKind::State.with("this sign-in was already used"));
        }
        Ok(())
    }

    /// Exchanges `code` at the token endpoint; returns the ID token.
    pub async fn exchange(&self, code: &str, verifier: &str) -> Result<String, FlowFailure> {
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", &self.redirect_url),
            ("code_verifier", verifier),
        ];
        let mut request = self.client.post(self.token_endpoint.clone());
        match &self.client_secret {
            Some(secret) if !self.secret_in_body => {
                // RFC 6749 §2.3.1: each part form-encoded, then Basic.
                let pair = format!(
                    "{}:{}",
                    form_encode(&self.client_id),
                    form_encode(secret.expose())
                );
                request = request.header(
                    reqwest::header::AUTHORIZATION,
                    format!("Basic {}", STANDARD.encode(pair)),
                );
            }
            Some(secret) => {
                form.push(("client_id", &self.client_id));
                form.push(("client_secret", secret.expose()));
            }
            None => form.push(("client_id", &self.client_id)),
        }
        let response = request
            .header(reqwest::header::ACCEPT, "application/json")
            .form(&form)
            .send()
            .await
            .map_err(|e| {
                FailureKind::Unavailable.with(format!("cannot reach the token endpoint: {e}"))
            })?;
        let status = response.status();
        let body: serde_json::Value = response.json().await.unwrap_or_default();
        if status.is_server_error() {
            return Err(
                FailureKind::Unavailable.with(format!("the token endpoint answered {status}"))
            );
        }
        if !status.is_success() {
            // The OAuth error code only: descriptions may echo the request.
            let error = body["error"].as_str().unwrap_or("no error code");
            return Err(FailureKind::Provider.with(format!(
                "the token endpoint refused the code ({status}, {})",
                error.chars().take(60).collect::<String>()
            )));
        }
        body["id_token"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| FailureKind::Provider.with("the token endpoint sent no id_token"))
    }
}

async fn discover(client: &reqwest::Client, issuer: &str) -> anyhow::Result<Discovery> {
    let url = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    let found: Discovery = client
        .get(&url)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| anyhow::anyhow!("[auth.oidc]: cannot fetch {url}: {e} (or give authorization_endpoint and token_endpoint)"))?
        .json()
        .await
        .map_err(|e| anyhow::anyhow!("[auth.oidc]: {url} is not an OpenID provider configuration: {e}"))?;
    if found.issuer != issuer {
        anyhow::bail!(
            "[auth.oidc]: {url} says the issuer is {}, not {issuer}; set issuer to exactly what the provider says",
            found.issuer
        );
    }
    if let Some(methods) = &found.code_challenge_methods_supported
        && !methods.iter().any(|m| m == "S256")
    {
        anyhow::bail!(
            "[auth.oidc]: the provider does not offer PKCE with S256, which Tacit requires"
        );
    }
    Ok(found)
}

/// An absolute http(s) URL; plain http only to this machine.
fn checked_url(key: &str, text: &str) -> anyhow::Result<Url> {
    let url = Url::parse(text.trim())
        .map_err(|e| anyhow::anyhow!("[auth.oidc] {key}: '{text}' is not a URL ({e})"))?;
    let local = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    match url.scheme() {
        "https" => Ok(url),
        "http" if local => Ok(url),
        _ => anyhow::bail!(
            "[auth.oidc] {key} must be an https:// address (http:// only for localhost)"
        ),
    }
}

/// `next` when it is a path on this site, else `/`: never another site
/// (`//evil.example`, `https://…`, `/\evil.example`).
pub fn safe_next(next: Option<&str>) -> String {
    let Some(next) = next else {
        return "/".into();
    };
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && next.len() <= 2000
        && next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    if ok { next.into() } else { "/".into() }
}

/// 256 random bits, URL-safe: state, nonce and the PKCE verifier (43 characters).
fn random_text() -> String {
    let bytes: [u8; 32] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The PKCE S256 challenge for `verifier`.
pub fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Compares without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `application/x-www-form-urlencoded` for one value.
fn form_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(
            safe_next(Some("/people/e1001?tab=skills")),
            "/people/e1001?tab=skills"
        );
        for bad in [
            "//evil.example",
            "https://evil.example/",
            "/\\evil.example",
            "evil",
            "",
            "/a\nb",
            "/caf\u{e9}",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn pkce_challenge_is_rfc_7636_s256() {
        // The example of RFC 7636, appendix B.
        assert_eq!(
            challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert_eq!(random_text().len(), 43);
    }

    #[test]
    fn client_credentials_are_form_encoded() {
        assert_eq!(form_encode("a b:c/ü"), "a+b%3Ac%2F%C3%BC");
        assert!(same(b"abc", b"abc") && !same(b"abc", b"abd") && !same(b"ab", b"abc"));
    }

    #[test]
    fn secrets_stay_out_of_debug() {
        let text =
            "issuer = \"https://id.example/\"\naudience = \"tacit\"\nclient_secret = \"hunter2\"";
        let config: OidcConfig = toml::from_str(text).expect("config");
        assert!(!format!("{config:?}").contains("hunter2"));
        assert_eq!(config.scopes, ["openid", "email", "profile"]);
    }
}
