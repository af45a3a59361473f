//! Credentials, roles and the audit log, as plain values.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::Invalid;
use super::types::text_enum;

text_enum!(
    /// What someone may do: every signed-in person is an employee; HR and
    /// admin are granted. Community leads are scoped by membership instead.
    Role { Employee = "employee", Hr = "hr", Admin = "admin" }
);
text_enum!(
    /// What a credential may be used for: reading, or also changing things;
    /// `scim` is for an identity provider's provisioning client, and only
    /// for `/scim/v2`.
    Scope { Read = "read", Write = "write", Scim = "scim" }
);
text_enum!(
    /// An API token for an integration, or a browser session.
    TokenKind { Api = "api", Session = "session" }
);

/// A stored credential; the secret itself is never kept, only its hash.
#[derive(Debug, Clone, Serialize)]
pub struct Token {
    pub id: String,
    pub name: String,
    pub kind: TokenKind,
    /// The first characters of the secret, so people can tell tokens apart.
    pub prefix: String,
    pub role: Role,
    pub person_id: Option<String>,
    pub scopes: Vec<Scope>,
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Token {
    /// Usable now: not revoked and not expired.
    pub fn live(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|e| e > now)
    }
}

/// Scopes as stored: space-separated, in a fixed order.
pub fn scopes_text(scopes: &[Scope]) -> String {
    Scope::ALL
        .iter()
        .filter(|s| scopes.contains(s))
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn parse_scopes(text: &str) -> Result<Vec<Scope>, Invalid> {
    text.split_whitespace().map(Scope::parse).collect()
}

/// What happened, by whom, to what; written to the hash-chained audit log.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEvent {
    /// `person:e1001`, `token:tok-…`, `system`, or `anonymous`.
    pub actor: String,
    /// `sign_in`, `denied`, `token.create`, `role.grant`, `person.erase`, …
    pub action: String,
    pub target: Option<String>,
    /// `ok`, `denied` or `failed`.
    pub outcome: String,
    /// Extra facts as a JSON object; never secrets and never transcript text.
    pub detail: serde_json::Value,
}

impl AuditEvent {
    pub fn new(actor: impl Into<String>, action: &str, target: Option<String>) -> Self {
        AuditEvent {
            actor: actor.into(),
            action: action.into(),
            target,
            outcome: "ok".into(),
            detail: serde_json::Value::Object(Default::default()),
        }
    }

    pub fn outcome(mut self, outcome: &str) -> Self {
        self.outcome = outcome.into();
        self
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }
}

/// One row of the audit log as stored.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub target: Option<String>,
    pub outcome: String,
    /// The detail as stored (canonical JSON text).
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash before the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

impl AuditEntry {
    /// What both chain schemes sign: the previous hash (or MAC), a newline and
    /// a JSON array of this entry's fields in a fixed order, the time in UTC
    /// to the microsecond.
    fn canonical(&self) -> String {
        let fields = serde_json::json!([
            self.seq,
            self.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            self.actor,
            self.action,
            self.target,
            self.outcome,
            self.detail,
        ]);
        format!("{}\n{fields}", self.prev_hash)
    }

    /// SHA-256 of the canonical form, as lower-case hex: the scheme of entries
    /// written before the database had an audit key (see `docs/audit.md`).
    pub fn digest(&self) -> String {
        sha256_hex(&self.canonical())
    }

    /// HMAC-SHA256 of the canonical form under `key`, as lower-case hex.
    pub fn mac(&self, key: &AuditKey) -> String {
        key.sign(self.canonical().as_bytes())
    }
}

/// The secret that keys the audit chain. It lives outside the database (a
/// file or an environment variable), so someone who can write the database
/// but not read the key cannot rewrite an entry and make it verify.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditKey(Vec<u8>);

/// The shortest key accepted, in bytes.
pub const AUDIT_KEY_MIN_BYTES: usize = 32;

impl AuditKey {
    /// A key from its text (surrounding whitespace ignored); at least
    /// [`AUDIT_KEY_MIN_BYTES`] bytes.
    pub fn parse(text: &str) -> Result<AuditKey, Invalid> {
        let text = text.trim();
        if text.len() < AUDIT_KEY_MIN_BYTES {
            return Err(Invalid(format!(
                "the audit key is too short: {} bytes, at least {AUDIT_KEY_MIN_BYTES} needed \
                 (e.g. `openssl rand -hex 32`)",
                text.len()
            )));
        }
        Ok(AuditKey(text.as_bytes().to_vec()))
    }

    /// A new random key, as the text to keep (64 hex digits).
    pub fn generate_text() -> String {
        hex(&rand::random::<[u8; 32]>())
    }

    fn sign(&self, message: &[u8]) -> String {
        use hmac::{KeyInit, Mac};
        let Ok(mut mac) = hmac::Hmac::<Sha256>::new_from_slice(&self.0) else {
            unreachable!("HMAC accepts keys of any length")
        };
        mac.update(message);
        hex(&mac.finalize().into_bytes())
    }

    /// A value that identifies the key without revealing it, kept in the
    /// audit head so a wrong key is reported as such rather than as tampering.
    pub fn check_value(&self) -> String {
        self.sign(b"tacit audit key check v1")
    }
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(***)")
    }
}

/// The head of the audit log as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    /// The sequence number written last (0 when empty).
    pub seq: i64,
    /// The hash (or MAC) of that entry.
    pub hash: String,
    /// The first entry signed with the audit key; earlier entries predate
    /// keying and carry a plain SHA-256 hash.
    pub keyed_from: i64,
    /// The [`AuditKey::check_value`] of the key the keyed entries use, once
    /// one has been written.
    pub key_check: Option<String>,
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// SHA-256 of `text` as lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> AuditEntry {
        AuditEntry {
            seq: 1,
            at: DateTime::parse_from_rfc3339("2026-11-28T10:00:00.123456Z")
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_default(),
            actor: "person:e1".into(),
            action: "role.grant".into(),
            target: Some("person:e2".into()),
            outcome: "ok".into(),
            detail: "{\"role\":\"hr\"}".into(),
            prev_hash: GENESIS_HASH.into(),
            hash: String::new(),
        }
    }

    #[test]
    fn every_field_is_in_the_digest() {
        let base = entry().digest();
        assert_eq!(base.len(), 64);
        let mut e = entry();
        e.detail = "{\"role\":\"admin\"}".into();
        assert_ne!(e.digest(), base);
        let mut e = entry();
        e.prev_hash = "1".repeat(64);
        assert_ne!(e.digest(), base);
        let mut e = entry();
        e.target = None;
        assert_ne!(e.digest(), base);
        assert_eq!(entry().digest(), base, "the digest is deterministic");
    }

    #[test]
    fn the_mac_needs_the_key() {
        let key = AuditKey::parse(&"k".repeat(32)).unwrap_or_else(|e| panic!("{e}"));
        let other = AuditKey::parse(&"j".repeat(32)).unwrap_or_else(|e| panic!("{e}"));
        let e = entry();
        assert_eq!(e.mac(&key).len(), 64);
        assert_ne!(e.mac(&key), e.mac(&other));
        assert_ne!(e.mac(&key), e.digest());
        assert_ne!(key.check_value(), other.check_value());
        assert!(AuditKey::parse("short").is_err());
        assert!(!format!("{key:?}").contains("kkkk"));
    }

    #[test]
    fn scopes_round_trip_in_a_fixed_order() {
        let text = scopes_text(&[Scope::Write, Scope::Read]);
        assert_eq!(text, "read write");
        assert_eq!(
            parse_scopes(&text).ok(),
            Some(vec![Scope::Read, Scope::Write])
        );
        assert!(parse_scopes("read delete").is_err());
    }
}
