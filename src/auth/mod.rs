//! Who is asking, and what they may do.
//!
//! * [`authenticate`]: a credential (API token, browser session or OIDC JWT)
//!   becomes a [`Principal`];
//! * [`policy`]: `authorize(principal, Action, resource)` and the field table;
//!   [`Gate`]: the same check as a workflow asks it;
//! * [`chain`]: verifying the keyed audit chain, [`audit_key`]: where its key comes from;
//! * [`oidc_flow`]: the browser sign-in through the identity provider;
//! * [`secret`]: random credential secrets and their hashes;
//! * `refusals`: refused credentials, audited as aggregates.

pub mod audit_key;
mod authenticate;
pub mod chain;
mod gate;
pub mod jwt;
pub mod oidc_flow;
pub mod policy;
mod refusals;
pub mod secret;

pub use authenticate::{
    AuthFailure, Authenticator, Credential, NewToken, OIDC_SESSION_NAME, create_api_token,
};
pub use gate::Gate;
pub use policy::{Action, Denied, Resource, Rule, authorize, authorize_field, may_see};

/// How long a browser session lasts, in seconds.
pub const SESSION_SECONDS: i64 = authenticate::SESSION_HOURS * 3600;

use crate::domain::{Role, Scope};

/// How a principal proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A browser session (the identity provider's or the development sign-in).
    Session,
    /// An API token.
    Token,
    /// An OIDC bearer token from the identity provider.
    Jwt,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Session => "SESSION",
            Via::Token => "TOKEN",
            Via::Jwt => "JWT",
        }
    }
}

/// A signed-in caller.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The person they are, if any (integrations may have none).
    pub person_id: Option<String>,
    /// Sorted, without repeats.
    pub roles: Vec<Role>,
    pub scopes: Vec<Scope>,
    pub via: Via,
    /// The API token or session id, for the audit log.
    pub credential: Option<String>,
    /// Communities this person leads.
    pub leads: Vec<String>,
    /// Signed in through the development picker.
    pub dev: bool,
}

impl Principal {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// True when this principal is the person `id`.
    pub fn is(&self, id: &str) -> bool {
        self.person_id.as_deref() == Some(id)
    }

    pub fn can_write(&self) -> bool {
        self.scopes.contains(&Scope::Write)
    }

    /// Whether the credential is for the API at all: one with only the
    /// `scim` scope is an identity provider's, for `/scim/v2` alone.
    pub fn may_use_api(&self) -> bool {
        self.scopes.contains(&Scope::Read) || self.scopes.contains(&Scope::Write)
    }

    /// How the audit log names this principal.
    pub fn actor(&self) -> String {
        match (&self.person_id, &self.credential) {
            (Some(p), _) => format!("person:{p}"),
            (None, Some(c)) => format!("token:{c}"),
            (None, None) => "unknown".into(),
        }
    }

    /// A principal for tools run on the server itself (`tacit token create`).
    pub fn system() -> Principal {
        Principal {
            person_id: None,
            roles: vec![Role::Admin],
            scopes: vec![Scope::Read, Scope::Write],
            via: Via::Token,
            credential: Some("system".into()),
            leads: vec![],
            dev: false,
        }
    }
}
