//! Credentials, granted roles, the audit log, and the personal-data rights
//! (export and erasure) that need statements of their own.

mod audit;
mod erase;
mod identity;
mod tokens;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::domain::{AuditEntry, AuditEvent, AuditHead, Endorsement, Role, Token};

pub use audit::AuditFilter;
pub(crate) use audit::append as append_audit;
pub use erase::Erasure;
pub use identity::IdentityStore;

use super::Result;

#[async_trait]
pub trait SecurityStore {
    /// Stores a new credential under the hash of its secret; audited as `by`.
    async fn create_token(
        &self,
        token: &Token,
        secret_hash: &str,
        audit: &AuditEvent,
    ) -> Result<Token>;
    /// The credential whose secret hashes to `secret_hash`, live or not.
    async fn token_by_hash(&self, secret_hash: &str) -> Result<Option<Token>>;
    /// Records that a credential was used (callers throttle this).
    async fn touch_token(&self, id: &str, at: DateTime<Utc>) -> Result<()>;
    /// API tokens (not sessions), newest first.
    async fn api_tokens(&self) -> Result<Vec<Token>>;
    /// Revokes a credential; audited. Revoking twice is harmless.
    async fn revoke_token(
        &self,
        id: &str,
        at: DateTime<Utc>,
        audit: Option<&AuditEvent>,
    ) -> Result<Token>;
    /// Roles an admin granted to each of `person_ids`.
    async fn role_grants(&self, person_ids: &[String]) -> Result<Vec<(String, Role)>>;
    /// Every grant, by person.
    async fn all_role_grants(&self) -> Result<Vec<(String, Role)>>;
    /// Grants (`grant`) or revokes a role; audited in the same transaction.
    async fn set_role_grant(
        &self,
        person_id: &str,
        role: Role,
        grant: bool,
        audit: &AuditEvent,
    ) -> Result<bool>;
    /// Appends one event to the chain, signed with the store's audit key.
    async fn audit(&self, event: &AuditEvent) -> Result<AuditEntry>;
    /// Entries `filter` lets through, newest first, before `before` (a
    /// sequence number) when given.
    async fn audit_page(
        &self,
        filter: &AuditFilter,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Vec<AuditEntry>>;
    /// Entries in chain order after `after`, for verification.
    async fn audit_scan(&self, after: i64, limit: usize) -> Result<Vec<AuditEntry>>;
    /// The end of the chain and where its keyed part starts.
    async fn audit_head(&self) -> Result<AuditHead>;
    /// The person with this e-mail address (exactly, or in lower case).
    async fn person_id_by_email(&self, email: &str) -> Result<Option<String>>;
    /// Endorsements this person gave, for their data export.
    async fn endorsements_given(&self, person_id: &str) -> Result<Vec<Endorsement>>;
    /// Removes a person and everything about them; audited in the same transaction.
    async fn erase_person(&self, person_id: &str, audit: &AuditEvent) -> Result<Erasure>;
}
