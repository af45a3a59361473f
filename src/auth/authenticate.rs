//! Credentials in, a [`Principal`] out.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::domain::{AuditEvent, Clock, PersonStatus, Role, Scope, Token, TokenKind};
use crate::store::{Store, StoreError};

use super::jwt::{Identity, OidcConfig, Verifier};
use super::oidc_flow::{FailureKind, FlowFailure, OidcFlow};
use super::{Principal, Via, secret};

/// What the caller presented.
#[derive(Debug, Clone, Copy)]
pub enum Credential<'a> {
    /// `Authorization: Bearer …`: an API token or an OIDC JWT.
    Bearer(&'a str),
    /// The browser session cookie.
    Session(&'a str),
}

/// Why a credential was not accepted.
#[derive(Debug)]
pub enum AuthFailure {
    /// The credential is bad; the reason goes to the audit log, never to the client.
    Refused(String),
    /// The database could not be asked.
    Unavailable(StoreError),
}

impl From<StoreError> for AuthFailure {
    fn from(e: StoreError) -> Self {
        AuthFailure::Unavailable(e)
    }
}

/// Whom a verified identity names.
enum Named {
    Person(String),
    /// Nobody, and why (for the audit log).
    Nobody(String),
}

fn refused(reason: impl Into<String>) -> AuthFailure {
    AuthFailure::Refused(reason.into())
}

/// How long a browser session lasts.
pub const SESSION_HOURS: i64 = 12;
/// The name of sessions from the identity provider's browser sign-in; every
/// other session is a development one.
pub const OIDC_SESSION_NAME: &str = "organisation sign-in";
const DEV_SESSION_NAME: &str = "development sign-in";
/// `last_used_at` is written at most this often per credential.
const TOUCH_EVERY_SECS: i64 = 60;

/// How long a checked credential is trusted without asking the database
/// again. Any write through this server clears the cache at once (see
/// [`Authenticator::forget`]); other replicas catch up within this time.
const CACHE_FOR: std::time::Duration = std::time::Duration::from_secs(10);
/// Entries kept at most; the cache is emptied when it grows past this.
const CACHE_MAX: usize = 10_000;

pub struct Authenticator {
    store: Arc<dyn Store>,
    /// The server's clock: token expiry, sessions and audit stamps.
    clock: Clock,
    jwt: Option<Verifier>,
    /// The browser sign-in through the identity provider, when configured.
    flow: Option<OidcFlow>,
    dev: bool,
    /// Credential hash → principal and when it was checked.
    cache: std::sync::Mutex<std::collections::HashMap<String, (std::time::Instant, Principal)>>,
    /// Bumped by [`Authenticator::forget`]: a check that started before a
    /// write is not cached after it.
    generation: std::sync::atomic::AtomicU64,
    /// Refused credentials, counted per address and minute for the audit log.
    refusals: super::refusals::Refusals,
}

impl Authenticator {
    pub async fn new(
        store: Arc<dyn Store>,
        clock: Clock,
        oidc: Option<OidcConfig>,
        dev: bool,
    ) -> anyhow::Result<Authenticator> {
        let (jwt, flow) = match oidc {
            Some(mut c) => {
                let client = reqwest::Client::builder()
                    .timeout(std::time::Duration::from_secs(10))
                    .redirect(reqwest::redirect::Policy::none())
                    .build()?;
                // First: discovery may supply the JWKS address.
                let flow = OidcFlow::new(&mut c, client).await?;
                (Some(Verifier::new(c).await?), flow)
            }
            None => (None, None),
        };
        Ok(Authenticator {
            store,
            clock,
            jwt,
            flow,
            dev,
            cache: Default::default(),
            generation: Default::default(),
            refusals: Default::default(),
        })
    }

    /// Forgets every checked credential: called after each write, since a
    /// write may revoke a token, change roles or leads, or erase a person.
    pub fn forget(&self) {
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if let Ok(mut cache) = self.cache.lock() {
            cache.clear();
        }
    }

    /// Records a refused credential from `address`: the first from there
    /// each minute is audited at once, the rest in one summary (see
    /// [`Authenticator::audit_refusal_summaries`]).
    pub async fn refused(&self, address: &str, reason: &str, path: &str) {
        tracing::info!(%reason, %address, "credential refused");
        if let Some(event) = self.refusals.note(address, reason, path, self.clock.now()) {
            self.write_audit(&event).await;
        }
    }

    /// Writes the summaries of refusals in minutes now over; call about
    /// every ten seconds.
    pub async fn audit_refusal_summaries(&self) {
        for event in self.refusals.ended(self.clock.now()) {
            self.write_audit(&event).await;
        }
    }

    async fn write_audit(&self, event: &AuditEvent) {
        if let Err(e) = self.store.audit(event).await {
            tracing::error!(error = %e, "cannot write a refused sign-in to the audit log");
        }
    }

    /// Whether the development sign-in is on.
    pub fn dev(&self) -> bool {
        self.dev
    }

    /// The browser sign-in through the identity provider, when configured.
    pub fn oidc(&self) -> Option<&OidcFlow> {
        self.flow.as_ref()
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    pub async fn authenticate(&self, credential: Credential<'_>) -> Result<Principal, AuthFailure> {
        let key = match credential {
            Credential::Session(s) => secret::hash(&format!("session {s}")),
            Credential::Bearer(s) => secret::hash(s),
        };
        if let Ok(cache) = self.cache.lock()
            && let Some((at, p)) = cache.get(&key)
            && at.elapsed() < CACHE_FOR
        {
            return Ok(p.clone());
        }
        let generation = self.generation.load(std::sync::atomic::Ordering::SeqCst);
        let principal = self.check(credential).await?;
        if let Ok(mut cache) = self.cache.lock()
            && self.generation.load(std::sync::atomic::Ordering::SeqCst) == generation
        {
            if cache.len() >= CACHE_MAX {
                cache.clear();
            }
            cache.insert(key, (std::time::Instant::now(), principal.clone()));
        }
        Ok(principal)
    }

    async fn check(&self, credential: Credential<'_>) -> Result<Principal, AuthFailure> {
        match credential {
            Credential::Session(s) => self.by_secret(s, true).await,
            Credential::Bearer(s) if s.starts_with(secret::PREFIX) => {
                self.by_secret(s, false).await
            }
            Credential::Bearer(s) => match &self.jwt {
                Some(verifier) => {
                    let identity = verifier.verify(s).await.map_err(refused)?;
                    let person = match self
                        .person_of(&identity, verifier.person_by_email())
                        .await?
                    {
                        Named::Person(p) => p,
                        Named::Nobody(reason) => return Err(refused(reason)),
                    };
                    self.principal(
                        Some(person),
                        identity.roles,
                        vec![Scope::Read, Scope::Write],
                        Via::Jwt,
                        None,
                    )
                    .await
                }
                None => Err(refused("not a Tacit token, and OIDC is not configured")),
            },
        }
    }

    async fn by_secret(&self, secret: &str, cookie: bool) -> Result<Principal, AuthFailure> {
        let token = self
            .store
            .token_by_hash(&secret::hash(secret))
            .await?
            .ok_or_else(|| refused("unknown token"))?;
        let now = self.clock.now();
        if !token.live(now) {
            return Err(refused(format!("token {} is revoked or expired", token.id)));
        }
        let from_provider = token.kind == TokenKind::Session && token.name == OIDC_SESSION_NAME;
        match token.kind {
            TokenKind::Session if from_provider && self.flow.is_none() => {
                return Err(refused("the browser sign-in through OIDC is off"));
            }
            TokenKind::Session if !from_provider && !self.dev => {
                return Err(refused("development sessions are off (no --dev-auth)"));
            }
            TokenKind::Api if cookie => return Err(refused("API tokens are not cookies")),
            _ => {}
        }
        if token
            .last_used_at
            .is_none_or(|t| (now - t).num_seconds() >= TOUCH_EVERY_SECS)
        {
            self.store.touch_token(&token.id, now).await?;
        }
        let via = match token.kind {
            TokenKind::Api => Via::Token,
            TokenKind::Session => Via::Session,
        };
        let mut principal = self
            .principal(
                token.person_id.clone(),
                vec![token.role],
                token.scopes.clone(),
                via,
                Some(token.id),
            )
            .await?;
        principal.dev = via == Via::Session && !from_provider;
        Ok(principal)
    }

    /// Adds what the store knows: the person must exist and not have left;
    /// granted roles and led communities are added.
    async fn principal(
        &self,
        person_id: Option<String>,
        mut roles: Vec<Role>,
        scopes: Vec<Scope>,
        via: Via,
        credential: Option<String>,
    ) -> Result<Principal, AuthFailure> {
        let mut leads = Vec::new();
        if let Some(id) = &person_id {
            let ids = std::slice::from_ref(id);
            let person = self.store.person(id).await?;
            match person {
                None => return Err(refused(format!("person {id} does not exist"))),
                Some(p) if p.status == PersonStatus::Left => {
                    return Err(refused(format!("person {id} has left")));
                }
                Some(_) => {}
            }
            roles.push(Role::Employee);
            roles.extend(
                self.store
                    .role_grants(ids)
                    .await?
                    .into_iter()
                    .map(|(_, r)| r),
            );
            leads = self
                .store
                .memberships_of_people(ids)
                .await?
                .into_iter()
                .filter(|m| m.role == crate::domain::CommunityRole::Lead)
                .map(|m| m.community_id)
                .collect();
        }
        roles.sort_by_key(|r| *r as u8);
        roles.dedup();
        Ok(Principal {
            person_id,
            roles,
            scopes,
            via,
            credential,
            leads,
            dev: false,
        })
    }

    /// The person a verified identity names. With `person_claim = "sub"` the
    /// claim is the person's id. With `email`, the person is bound to the
    /// provider's immutable `sub` at their first sign-in; from then on the
    /// binding decides, and an address that belongs to someone bound to
    /// another account names nobody, so moving an e-mail address between
    /// people cannot move a sign-in (or its role grants) with it.
    async fn person_of(&self, identity: &Identity, by_email: bool) -> Result<Named, StoreError> {
        if !by_email {
            return Ok(Named::Person(identity.person.clone()));
        }
        let Some(subject) = identity.subject.as_deref() else {
            return Ok(Named::Nobody("the token has no 'sub' claim".into()));
        };
        if let Some(p) = self.store.person_by_subject(subject).await? {
            return Ok(Named::Person(p));
        }
        let Some(p) = self.store.person_id_by_email(&identity.person).await? else {
            return Ok(Named::Nobody(format!(
                "nobody here has the token's e-mail address (subject {subject})"
            )));
        };
        if self.store.subject_of(&p).await?.is_some() {
            return Ok(Named::Nobody(format!(
                "person {p} has the token's e-mail address but signs in with another account (subject {subject} refused)"
            )));
        }
        let event = AuditEvent::new(
            format!("person:{p}"),
            "identity.link",
            Some(format!("person:{p}")),
        )
        .detail(serde_json::json!({ "subject": subject }));
        match self
            .store
            .link_subject(subject, &p, self.clock.now(), &event)
            .await
        {
            Ok(()) => Ok(Named::Person(p)),
            // Another sign-in bound one of them a moment ago: decide again.
            Err(StoreError::Conflict(_)) => match self.store.person_by_subject(subject).await? {
                Some(bound) if bound == p => Ok(Named::Person(p)),
                _ => Ok(Named::Nobody(format!(
                    "person {p} was bound to another account during this sign-in"
                ))),
            },
            Err(e) => Err(e),
        }
    }

    /// The development sign-in: a session for any person, with any role.
    pub async fn sign_in_dev(
        &self,
        person_id: &str,
        role: Role,
    ) -> Result<(String, Principal), AuthFailure> {
        if !self.dev {
            return Err(refused("development sign-in is off"));
        }
        let event = AuditEvent::new(format!("person:{person_id}"), "sign_in.dev", None)
            .detail(serde_json::json!({ "role": role.as_str() }));
        let lifetime = Duration::hours(SESSION_HOURS);
        let secret = self
            .create_session(person_id, role, DEV_SESSION_NAME, lifetime, &event)
            .await?;
        let principal = self.authenticate(Credential::Session(&secret)).await?;
        Ok((secret, principal))
    }

    /// The end of the browser sign-in: `id_token` (fresh from the token
    /// endpoint) must be valid, issued to this client and carry `nonce`; the
    /// person it names, found as for a bearer token, gets a session: its
    /// secret, principal and lifetime in seconds (short when the provider's
    /// claim gives it HR or admin, so a role taken away there ends soon).
    pub async fn sign_in_oidc(
        &self,
        id_token: &str,
        nonce: &str,
    ) -> Result<(String, Principal, i64), FlowFailure> {
        let (Some(verifier), Some(flow)) = (&self.jwt, &self.flow) else {
            return Err(FailureKind::State.with("the browser sign-in through OIDC is off"));
        };
        let unavailable = |e: StoreError| {
            let cause = std::error::Error::source(&e).map(ToString::to_string);
            FailureKind::Unavailable.with(format!("{e}: {}", cause.unwrap_or_default()))
        };
        let identity = verifier
            .verify_id_token(id_token, flow.client_id(), nonce)
            .await
            .map_err(|reason| FailureKind::Token.with(reason))?;
        let person_id = match self
            .person_of(&identity, verifier.person_by_email())
            .await
            .map_err(unavailable)?
        {
            Named::Person(p) => p,
            Named::Nobody(reason) => return Err(FailureKind::UnknownPerson.with(reason)),
        };
        let person = self.store.person(&person_id).await.map_err(unavailable)?;
        match person.as_ref() {
            None => {
                return Err(FailureKind::UnknownPerson.with(format!(
                    "nobody here matches the ID token's person ({person_id})"
                )));
            }
            Some(p) if p.status == PersonStatus::Left => {
                return Err(FailureKind::Left.with(format!("person {person_id} has left")));
            }
            Some(_) => {}
        }
        // A session holds one role; admin includes everything HR may do.
        let role = identity
            .roles
            .iter()
            .copied()
            .max_by_key(|r| *r as u8)
            .unwrap_or(Role::Employee);
        let lifetime = if role == Role::Employee {
            Duration::hours(SESSION_HOURS)
        } else {
            Duration::minutes(i64::from(verifier.elevated_session_minutes()))
        };
        let event = AuditEvent::new(format!("person:{person_id}"), "sign_in.oidc", None).detail(
            serde_json::json!({
                "role": role.as_str(),
                "subject": identity.subject,
                "minutes": lifetime.num_minutes(),
            }),
        );
        let secret = self
            .create_session(&person_id, role, OIDC_SESSION_NAME, lifetime, &event)
            .await
            .map_err(|e| match e {
                AuthFailure::Refused(reason) => FailureKind::UnknownPerson.with(reason),
                AuthFailure::Unavailable(e) => unavailable(e),
            })?;
        let principal = self
            .authenticate(Credential::Session(&secret))
            .await
            .map_err(|e| match e {
                AuthFailure::Refused(reason) => FailureKind::Token.with(reason),
                AuthFailure::Unavailable(e) => unavailable(e),
            })?;
        Ok((secret, principal, lifetime.num_seconds()))
    }

    /// A new browser session for `person_id`; returns its secret. `event`
    /// is written to the audit log with it.
    async fn create_session(
        &self,
        person_id: &str,
        role: Role,
        name: &str,
        lifetime: Duration,
        event: &AuditEvent,
    ) -> Result<String, AuthFailure> {
        let secret = secret::generate();
        let token = Token {
            id: secret::new_id(),
            name: name.into(),
            kind: TokenKind::Session,
            prefix: secret::display_prefix(&secret),
            role,
            person_id: Some(person_id.to_string()),
            scopes: vec![Scope::Read, Scope::Write],
            created_by: None,
            created_at: self.clock.now(),
            expires_at: Some(self.clock.now() + lifetime),
            last_used_at: None,
            revoked_at: None,
        };
        self.store
            .create_token(&token, &secret::hash(&secret), event)
            .await
            .map_err(|e| match e {
                StoreError::NotFound(_)
                | StoreError::MissingReference(_)
                | StoreError::Invalid(_) => refused(format!("no person '{person_id}'")),
                other => AuthFailure::Unavailable(other),
            })?;
        Ok(secret)
    }

    /// Ends a browser session.
    pub async fn sign_out(&self, secret: &str) -> Result<(), StoreError> {
        if let Some(token) = self.store.token_by_hash(&secret::hash(secret)).await?
            && token.kind == TokenKind::Session
        {
            let actor = token
                .person_id
                .as_deref()
                .map_or("unknown".into(), |p| format!("person:{p}"));
            let event = AuditEvent::new(actor, "sign_out", Some(format!("token:{}", token.id)));
            self.store
                .revoke_token(&token.id, self.clock.now(), Some(&event))
                .await?;
        }
        self.forget();
        Ok(())
    }
}

/// An API token to mint, as [`create_api_token`] takes it.
#[derive(Debug, Clone)]
pub struct NewToken {
    /// What it is for, e.g. "HR system sync".
    pub name: String,
    pub role: Role,
    /// The person it acts as, if any.
    pub person_id: Option<String>,
    pub scopes: Vec<Scope>,
    /// Days until it stops working; never when `None`.
    pub expires_in_days: Option<i64>,
}

/// Mints an API token as given (callers outside tests go through
/// `access::tokens::create`, which checks it first); returns the secret
/// (shown once) and the stored record. Audited as `token.create`.
pub async fn create_api_token(
    store: &Arc<dyn Store>,
    by: &Principal,
    new: NewToken,
    now: DateTime<Utc>,
) -> Result<(String, Token), StoreError> {
    let secret = secret::generate();
    let token = Token {
        id: secret::new_id(),
        name: new.name,
        kind: TokenKind::Api,
        prefix: secret::display_prefix(&secret),
        role: new.role,
        person_id: new.person_id,
        scopes: new.scopes,
        created_by: Some(by.actor()),
        created_at: now,
        expires_at: new.expires_in_days.map(|d| now + Duration::days(d)),
        last_used_at: None,
        revoked_at: None,
    };
    let event = AuditEvent::new(
        by.actor(),
        "token.create",
        Some(format!("token:{}", token.id)),
    )
    .detail(serde_json::json!({
        "name": token.name,
        "role": token.role.as_str(),
        "person": token.person_id,
        "scopes": crate::domain::scopes_text(&token.scopes),
        "expiresAt": token.expires_at,
    }));
    let stored = store
        .create_token(&token, &secret::hash(&secret), &event)
        .await?;
    Ok((secret, stored))
}
