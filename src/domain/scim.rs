//! What an identity provider keeps about a person it provisions over SCIM,
//! beside the person's own record.

use chrono::{DateTime, Utc};

/// A person's SCIM account: how the provider names them.
#[derive(Debug, Clone, PartialEq)]
pub struct ScimAccount {
    pub person_id: String,
    /// Unique without regard to case ([`user_name_key`]).
    pub user_name: String,
    /// The provider's own id for them.
    pub external_id: Option<String>,
    /// The `displayName` the provider sent, if it sends one.
    pub display_name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub employee_number: Option<String>,
    /// When the provider deleted them (they are LEFT, never erased); SCIM
    /// then answers 404 for them.
    pub removed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// "Given Family", or whichever of the two there is.
pub fn full_name(given: Option<&str>, family: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = [given, family]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// How user names are compared: SCIM's `userName` is case-insensitive
/// (RFC 7643 §4.1.1).
pub fn user_name_key(user_name: &str) -> String {
    user_name.trim().to_lowercase()
}

/// A change to an optional attribute: `None` leaves it as stored,
/// `Some(None)` clears it.
pub type Change<T> = Option<Option<T>>;

/// A user as the identity provider sends it, each value checked on its own.
/// Attributes it leaves out keep what Tacit has (an identity provider often
/// maps only some of them, and a PUT from one must not wipe an office's
/// time zone imported from the HR system); `null` or an empty value clears.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScimUser {
    pub user_name: String,
    pub external_id: Change<String>,
    pub display_name: Change<String>,
    /// `name.formatted`.
    pub formatted_name: Change<String>,
    pub given_name: Change<String>,
    pub family_name: Change<String>,
    /// The work (or else primary, or else first) address of `emails`.
    pub email: Change<String>,
    pub title: Change<String>,
    /// Enterprise extension `department`: the person's org unit.
    pub department: Change<String>,
    /// Enterprise extension `manager.value`: the manager's SCIM id, which is
    /// their person id.
    pub manager_id: Change<String>,
    pub employee_number: Change<String>,
    pub timezone: Change<String>,
    /// The work address's `country`.
    pub country: Change<String>,
    /// `false` makes the person LEFT; `true` brings a LEFT person back.
    pub active: Option<bool>,
}
