//! Plain domain types and validated newtypes. Once a value is in here it is valid.

pub mod audit_words;
mod clock;
pub mod contact;
mod disposal;
mod ids;
mod interview;
pub mod limits;
mod names;
pub mod profile;
mod question;
pub mod scim;
mod security;
mod types;

pub use clock::Clock;
pub use disposal::*;
pub use ids::*;
pub use interview::*;
pub use names::{SkillKey, normalise_text, slug};
pub use profile::{Days, Profile, WorkingHours};
pub use question::*;
pub use scim::ScimAccount;
pub use security::*;
pub use types::*;

use chrono::NaiveDate;
use chrono_tz::Tz;

/// A reason a value from outside was refused; shown to the user as-is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

impl Invalid {
    pub fn new(msg: impl Into<String>) -> Self {
        Self(msg.into())
    }
}

/// A required, trimmed, non-empty text of at most `max` characters.
pub fn required_text(field: &str, value: &str, max: usize) -> Result<String, Invalid> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Invalid::new(format!("{field} must not be empty")));
    }
    optional_text(field, Some(v), max).map(|v| v.unwrap_or_default())
}

/// An optional text: trimmed, empty becomes `None`, at most `max` characters.
pub fn optional_text(
    field: &str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>, Invalid> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) if v.chars().count() > max => Err(Invalid::new(format!(
            "{field} is longer than {max} characters"
        ))),
        Some(v)
            if v.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') =>
        {
            Err(Invalid::new(format!("{field} contains control characters")))
        }
        Some(v) => Ok(Some(v.to_string())),
    }
}

/// An external id: 1–200 printable characters, trimmed.
pub fn external_id(field: &str, value: &str) -> Result<String, Invalid> {
    let v = value.trim();
    if v.is_empty() || v.chars().count() > 200 {
        return Err(Invalid::new(format!("{field} must be 1 to 200 characters")));
    }
    if v.chars().any(char::is_control) {
        return Err(Invalid::new(format!("{field} contains control characters")));
    }
    Ok(v.to_string())
}

/// An IANA time zone name such as `Europe/London`.
pub fn timezone(value: &str) -> Result<String, Invalid> {
    value
        .trim()
        .parse::<Tz>()
        .map(|tz| tz.name().to_string())
        .map_err(|_| {
            Invalid::new(format!(
                "'{value}' is not an IANA time zone name (e.g. Europe/London)"
            ))
        })
}

/// An ISO 3166-1 alpha-2 country code, upper-cased.
pub fn country(value: &str) -> Result<String, Invalid> {
    let v = value.trim().to_ascii_uppercase();
    if v.len() == 2 && v.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(v)
    } else {
        Err(Invalid::new(format!(
            "'{value}' is not an ISO 3166-1 alpha-2 country code (e.g. GB)"
        )))
    }
}

/// A calendar date written `YYYY-MM-DD`.
pub fn date(field: &str, value: &str) -> Result<NaiveDate, Invalid> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        Invalid::new(format!(
            "{field} '{value}' is not a date written YYYY-MM-DD"
        ))
    })
}

/// A simple shape check for e-mail addresses; delivery is not our job.
pub fn email(value: &str) -> Result<String, Invalid> {
    let v = value.trim();
    match v.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && domain.contains('.')
                && !v.contains(char::is_whitespace)
                && v.len() <= 254 =>
        {
            Ok(v.to_string())
        }
        _ => Err(Invalid::new(format!("'{value}' is not an e-mail address"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timezones_are_checked() {
        assert_eq!(timezone("Asia/Hong_Kong").as_deref(), Ok("Asia/Hong_Kong"));
        assert!(timezone("Mars/Olympus").is_err());
    }

    #[test]
    fn texts_are_trimmed_and_bounded() {
        assert_eq!(required_text("name", "  Ann ", 10).as_deref(), Ok("Ann"));
        assert!(required_text("name", "   ", 10).is_err());
        assert!(required_text("name", "abcdefghijk", 10).is_err());
        assert_eq!(optional_text("title", Some(" "), 10), Ok(None));
    }

    #[test]
    fn ids_countries_dates_emails() {
        assert!(external_id("id", "e1001").is_ok());
        assert!(external_id("id", "ci/cd").is_ok());
        assert!(external_id("id", "a\u{7}b").is_err());
        assert!(external_id("id", " ").is_err());
        assert_eq!(country("gb").as_deref(), Ok("GB"));
        assert!(country("GBR").is_err());
        assert!(date("leaving_on", "2027-01-31").is_ok());
        assert!(date("leaving_on", "31/01/2027").is_err());
        assert!(email("a.b@example.org").is_ok());
        assert!(email("nope").is_err());
    }
}
