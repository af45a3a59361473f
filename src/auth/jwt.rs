//! OIDC tokens: the signature is checked against keys from a JWKS file or
//! URL; issuer, audience, expiry and the allowed algorithms are pinned. Bearer
//! tokens and the ID tokens of the browser sign-in (`oidc_flow`) both pass here.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use serde::Deserialize;
use tokio::sync::Mutex;

use crate::domain::Role;

/// `[auth.oidc]` in the config file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcConfig {
    /// Must equal the token's `iss`.
    pub issuer: String,
    /// Must be among the token's `aud`.
    pub audience: String,
    /// A JWKS document on disk...
    pub jwks_file: Option<PathBuf>,
    /// ...or at a URL (fetched at start, and again for an unknown key id).
    pub jwks_url: Option<String>,
    /// Accepted signature algorithms; default RS256 only.
    #[serde(default = "default_algorithms")]
    pub algorithms: Vec<String>,
    /// The claim naming the person: `email` (matched to people's email) or
    /// `sub` (matched to people's external id).
    #[serde(default = "default_person_claim")]
    pub person_claim: String,
    /// The claim listing roles (`hr`, `admin`), as an array or space-separated.
    #[serde(default = "default_roles_claim")]
    pub roles_claim: String,
    /// With `person_claim = "email"`, only tokens that say
    /// `email_verified: true` name a person. Turn off only for a provider
    /// that verifies every address and never says so.
    #[serde(default = "default_true")]
    pub require_email_verified: bool,
    /// How long a browser session lasts when its role (HR or admin) comes
    /// from the provider's roles claim, in minutes: a role the provider takes
    /// away is gone within this time. Other sessions last 12 hours.
    #[serde(default = "default_elevated_session_minutes")]
    pub elevated_session_minutes: u32,
    /// Clock skew allowed on `exp` and `nbf`, in seconds.
    #[serde(default = "default_leeway")]
    pub leeway_secs: u64,
    /// The browser sign-in (authorization code flow with PKCE) is on when
    /// this and `redirect_url` are set.
    pub client_id: Option<String>,
    /// For a confidential client; `TACIT_OIDC_CLIENT_SECRET` overrides it.
    pub client_secret: Option<ClientSecret>,
    /// Where the identity provider sends the browser back, ending in
    /// `/auth/oidc/callback`.
    pub redirect_url: Option<String>,
    /// Scopes asked for: space-separated or a list; must include `openid`.
    #[serde(default = "default_scopes", deserialize_with = "scope_list")]
    pub scopes: Vec<String>,
    /// Give both, or neither to discover them from
    /// `{issuer}/.well-known/openid-configuration`.
    pub authorization_endpoint: Option<String>,
    pub token_endpoint: Option<String>,
    /// What the sign-in page calls the identity provider, if not "your organisation".
    pub provider_name: Option<String>,
}

/// A secret that never shows in `Debug` output or logs.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct ClientSecret(String);

impl ClientSecret {
    pub fn new(secret: String) -> ClientSecret {
        ClientSecret(secret)
    }

    /// The secret itself, for the token endpoint and nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientSecret(redacted)")
    }
}

fn default_scopes() -> Vec<String> {
    ["openid", "email", "profile"].map(String::from).to_vec()
}

fn scope_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Scopes {
        Text(String),
        List(Vec<String>),
    }
    let list = match Scopes::deserialize(d)? {
        Scopes::Text(s) => s.split_whitespace().map(str::to_string).collect(),
        Scopes::List(l) => l,
    };
    Ok(list)
}

fn default_algorithms() -> Vec<String> {
    vec!["RS256".into()]
}
fn default_person_claim() -> String {
    "email".into()
}
fn default_roles_claim() -> String {
    "roles".into()
}
fn default_true() -> bool {
    true
}
fn default_leeway() -> u64 {
    30
}

fn default_elevated_session_minutes() -> u32 {
    60
}

/// Who a valid token says the caller is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The value of the person claim.
    pub person: String,
    /// The provider's immutable id for the account (`sub`).
    pub subject: Option<String>,
    pub roles: Vec<Role>,
}

/// How often an unknown key id in a bearer token (which anyone can send)
/// may trigger a JWKS fetch.
const REFETCH_EVERY: Duration = Duration::from_secs(60);
/// How often an unknown key id in an ID token may: that token came straight
/// from the provider's token endpoint for a code it issued, so its key id
/// is the provider's and most likely a new key after a rotation. Without
/// this, the first sign-ins after a rotation fail for up to a minute.
const REFETCH_FOR_ID_TOKEN_EVERY: Duration = Duration::from_secs(1);

pub struct Verifier {
    config: OidcConfig,
    algorithms: Vec<Algorithm>,
    keys: ArcSwap<JwkSet>,
    fetched: Mutex<Option<Instant>>,
    client: reqwest::Client,
}

impl Verifier {
    /// Loads the keys; refuses a configuration that could accept anything.
    pub async fn new(config: OidcConfig) -> anyhow::Result<Verifier> {
        let mut algorithms = Vec::new();
        for a in &config.algorithms {
            let alg = Algorithm::from_str(a)
                .map_err(|_| anyhow::anyhow!("[auth.oidc] algorithms: unknown algorithm '{a}'"))?;
            if matches!(alg, Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512) {
                anyhow::bail!(
                    "[auth.oidc] algorithms: shared-secret {a} is not accepted; use the identity provider's public keys (RS256, ES256, EdDSA)"
                );
            }
            algorithms.push(alg);
        }
        if algorithms.is_empty() {
            anyhow::bail!("[auth.oidc] algorithms must name at least one algorithm");
        }
        if config.issuer.trim().is_empty() || config.audience.trim().is_empty() {
            anyhow::bail!("[auth.oidc] issuer and audience are required");
        }
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()?;
        let verifier = Verifier {
            algorithms,
            keys: ArcSwap::from_pointee(JwkSet { keys: vec![] }),
            fetched: Mutex::new(None),
            client,
            config,
        };
        let keys = verifier.load_keys().await?;
        verifier.keys.store(Arc::new(keys));
        *verifier.fetched.lock().await = Some(Instant::now());
        Ok(verifier)
    }

    async fn load_keys(&self) -> anyhow::Result<JwkSet> {
        let text = match (&self.config.jwks_file, &self.config.jwks_url) {
            (Some(path), None) => tokio::fs::read_to_string(path)
                .await
                .map_err(|e| anyhow::anyhow!("cannot read JWKS file {}: {e}", path.display()))?,
            (None, Some(url)) => {
                self.client
                    .get(url)
                    .send()
                    .await
                    .and_then(reqwest::Response::error_for_status)
                    .map_err(|e| anyhow::anyhow!("cannot fetch JWKS from {url}: {e}"))?
                    .text()
                    .await?
            }
            _ => anyhow::bail!("[auth.oidc]: give exactly one of jwks_file or jwks_url"),
        };
        serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("the JWKS is not valid: {e}"))
    }

    /// Fetches the keys again for the unknown key id `kid` (the identity
    /// provider may have rotated its keys), at most once per `every`, and
    /// not when a fetch that finished while this one waited brought it.
    async fn refresh(&self, kid: Option<&str>, every: Duration) {
        if self.config.jwks_url.is_none() {
            return;
        }
        let mut fetched = self.fetched.lock().await;
        if self.key_for(kid).is_some() || fetched.is_some_and(|t| t.elapsed() < every) {
            return;
        }
        *fetched = Some(Instant::now());
        match self.load_keys().await {
            Ok(keys) => self.keys.store(Arc::new(keys)),
            Err(e) => tracing::warn!(error = %e, "JWKS refresh failed; keeping the old keys"),
        }
    }

    fn key_for(&self, kid: Option<&str>) -> Option<jsonwebtoken::jwk::Jwk> {
        let keys = self.keys.load();
        match kid {
            Some(kid) => keys.find(kid).cloned(),
            None if keys.keys.len() == 1 => keys.keys.first().cloned(),
            None => None,
        }
    }

    /// Checks `token` and says who it names, or why it was refused.
    pub async fn verify(&self, token: &str) -> Result<Identity, String> {
        let claims = self
            .claims(token, &[&self.config.audience], REFETCH_EVERY)
            .await?;
        self.identity(&claims)
    }

    /// Checks an ID token from the browser sign-in: as a bearer token, but
    /// issued to `client_id` (or the configured audience), naming the party
    /// it was issued to when it names one, and carrying the `nonce` the
    /// sign-in started with.
    pub async fn verify_id_token(
        &self,
        token: &str,
        client_id: &str,
        nonce: &str,
    ) -> Result<Identity, String> {
        let claims = self
            .claims(
                token,
                &[client_id, &self.config.audience],
                REFETCH_FOR_ID_TOKEN_EVERY,
            )
            .await?;
        if let Some(azp) = claims.get("azp")
            && azp.as_str() != Some(client_id)
        {
            return Err("the ID token was issued to another client (azp)".into());
        }
        match claims.get("nonce").and_then(|v| v.as_str()) {
            Some(n) if n == nonce => {}
            Some(_) => return Err("the ID token's nonce does not match this sign-in".into()),
            None => return Err("the ID token has no nonce".into()),
        }
        self.identity(&claims)
    }

    /// The claims of `token` once its signature, algorithm, issuer, expiry
    /// and audience (one of `audiences`) are checked. An unknown key id
    /// fetches the keys again if they were last fetched `refetch_every` ago.
    async fn claims(
        &self,
        token: &str,
        audiences: &[&str],
        refetch_every: Duration,
    ) -> Result<serde_json::Value, String> {
        let header = decode_header(token).map_err(|e| format!("malformed token: {e}"))?;
        if !self.algorithms.contains(&header.alg) {
            return Err(format!("algorithm {:?} is not accepted", header.alg));
        }
        let jwk = match self.key_for(header.kid.as_deref()) {
            Some(k) => k,
            None => {
                self.refresh(header.kid.as_deref(), refetch_every).await;
                self.key_for(header.kid.as_deref())
                    .ok_or_else(|| "no key matches the token's key id".to_string())?
            }
        };
        if let Some(key_alg) = jwk.common.key_algorithm
            && key_alg.to_string() != format!("{:?}", header.alg)
        {
            return Err(format!("the key is for {key_alg}, not {:?}", header.alg));
        }
        let key = DecodingKey::from_jwk(&jwk).map_err(|e| format!("unusable key: {e}"))?;
        let mut validation = Validation::new(header.alg);
        validation.algorithms = vec![header.alg];
        validation.set_issuer(&[&self.config.issuer]);
        validation.set_audience(audiences);
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        validation.leeway = self.config.leeway_secs;
        validation.validate_nbf = true;
        let data = decode::<serde_json::Value>(token, &key, &validation)
            .map_err(|e| format!("token refused: {e}"))?;
        Ok(data.claims)
    }

    fn identity(&self, claims: &serde_json::Value) -> Result<Identity, String> {
        // An address the provider has not said it verified names nobody.
        if self.person_by_email()
            && self.config.require_email_verified
            && claims.get("email_verified") != Some(&serde_json::Value::Bool(true))
        {
            return Err(
                "the token does not say its e-mail address is verified (email_verified)".into(),
            );
        }
        let subject = claims
            .get("sub")
            .and_then(|v| v.as_str())
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string);
        let person = claims
            .get(&self.config.person_claim)
            .and_then(|v| v.as_str())
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| format!("the token has no '{}' claim", self.config.person_claim))?
            .trim()
            .to_string();
        let names: Vec<String> = match claims.get(&self.config.roles_claim) {
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Some(serde_json::Value::String(s)) => {
                s.split_whitespace().map(str::to_string).collect()
            }
            _ => vec![],
        };
        let roles = names.iter().filter_map(|n| Role::parse(n).ok()).collect();
        Ok(Identity {
            person,
            subject,
            roles,
        })
    }

    /// Whether the person claim is an email (else an external id).
    /// Minutes a session lasts whose HR or admin role comes from the claim.
    pub fn elevated_session_minutes(&self) -> u32 {
        self.config.elevated_session_minutes.max(1)
    }

    pub fn person_by_email(&self) -> bool {
        self.config.person_claim == "email"
    }
}
