//! Contact actions: links built from templates in the config (`[contact]`),
//! e.g. `mailto:{email}` or `slack://user?team=T1&id={handle.slack}`, filled
//! with one person's e-mail address and imported handles.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Invalid;

/// Schemes a template may open: nothing that runs code in the page.
pub const SAFE_SCHEMES: &[&str] = &["mailto", "https", "http", "msteams", "slack", "tel"];

/// One `[[contact.actions]]` entry as written in the config file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactActionConfig {
    pub label: String,
    pub url: String,
}

/// A checked template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactTemplate {
    pub label: String,
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Email,
    Handle(String),
}

/// A filled-in action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactAction {
    pub label: String,
    pub url: String,
}

impl ContactTemplate {
    /// Checks a label (1–40 characters) and a template: a safe scheme, and
    /// only `{email}` and `{handle.<name>}` placeholders.
    pub fn parse(label: &str, url: &str) -> Result<ContactTemplate, Invalid> {
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 40 {
            return Err(Invalid::new(format!(
                "contact action '{label}': the label must be 1 to 40 characters"
            )));
        }
        let url = url.trim();
        let scheme = url
            .split_once(':')
            .map(|(s, _)| s)
            .filter(|s| !s.contains('{'))
            .unwrap_or_default();
        if !SAFE_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) {
            return Err(Invalid::new(format!(
                "contact action '{label}': '{url}' must start with one of {}: (not '{scheme}:')",
                SAFE_SCHEMES.join(":, ")
            )));
        }
        if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Invalid::new(format!(
                "contact action '{label}': the link contains spaces"
            )));
        }
        let mut parts = Vec::new();
        let mut rest = url;
        while let Some(open) = rest.find('{') {
            parts.push(Part::Text(rest[..open].to_string()));
            let Some(close) = rest[open..].find('}') else {
                return Err(Invalid::new(format!(
                    "contact action '{label}': a '{{' is never closed"
                )));
            };
            let name = &rest[open + 1..open + close];
            parts.push(match name {
                "email" => Part::Email,
                _ => match name.strip_prefix("handle.") {
                    Some(h) if super::profile::handles([(h, "x")]).is_ok() => {
                        Part::Handle(h.to_string())
                    }
                    _ => {
                        return Err(Invalid::new(format!(
                            "contact action '{label}': unknown placeholder {{{name}}}; use {{email}} or {{handle.<name>}}"
                        )));
                    }
                },
            });
            rest = &rest[open + close + 1..];
        }
        if rest.contains('}') {
            return Err(Invalid::new(format!(
                "contact action '{label}': a '}}' has no '{{'"
            )));
        }
        parts.push(Part::Text(rest.to_string()));
        parts.retain(|p| !matches!(p, Part::Text(t) if t.is_empty()));
        Ok(ContactTemplate {
            label: label.to_string(),
            parts,
        })
    }

    /// The link for someone, each value URL-encoded; `None` when a
    /// placeholder has no value for them.
    pub fn fill(&self, email: Option<&str>, handles: &BTreeMap<String, String>) -> Option<String> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Email => out.push_str(&encode(email?)),
                Part::Handle(h) => out.push_str(&encode(handles.get(h)?)),
            }
        }
        Some(out)
    }

    /// Whether the template uses the e-mail address.
    pub fn uses_email(&self) -> bool {
        self.parts.contains(&Part::Email)
    }
}

/// Percent-encodes all but unreserved characters and `@` (allowed as it is
/// in paths and queries, and kept so `mailto:` links read as addresses).
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The templates of a `[contact]` section, checked; e-mail alone by default.
pub fn templates(actions: Option<&[ContactActionConfig]>) -> Result<Vec<ContactTemplate>, Invalid> {
    match actions {
        None => Ok(vec![ContactTemplate::parse("E-mail", "mailto:{email}")?]),
        Some(list) => {
            let mut out: Vec<ContactTemplate> = Vec::with_capacity(list.len());
            for a in list {
                let t = ContactTemplate::parse(&a.label, &a.url)?;
                // The web app tells actions apart by label, and so do people.
                if out
                    .iter()
                    .any(|o| o.label.to_lowercase() == t.label.to_lowercase())
                {
                    return Err(Invalid::new(format!(
                        "contact action '{}': another action has the same label; give each its own",
                        t.label
                    )));
                }
                out.push(t);
            }
            Ok(out)
        }
    }
}

/// The actions `templates` give for one person.
pub fn actions(
    templates: &[ContactTemplate],
    email: Option<&str>,
    handles: &BTreeMap<String, String>,
) -> Vec<ContactAction> {
    templates
        .iter()
        .filter_map(|t| {
            Some(ContactAction {
                label: t.label.clone(),
                url: t.fill(email, handles)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_actions_may_not_share_a_label() {
        let action = |label: &str, url: &str| ContactActionConfig {
            label: label.into(),
            url: url.into(),
        };
        let err = templates(Some(&[
            action("E-mail", "mailto:{email}"),
            action("Slack", "slack://user?team=T1&id={handle.slack}"),
            action(" e-mail ", "https://mail.example.org/?to={email}"),
        ]))
        .expect_err("a repeated label");
        assert!(err.to_string().contains("same label"), "{err}");
        let ok = templates(Some(&[
            action("E-mail", "mailto:{email}"),
            action("Slack", "slack://user?team=T1&id={handle.slack}"),
        ]))
        .expect("distinct labels");
        assert_eq!(ok.len(), 2);
    }

    #[test]
    fn templates_fill_in_encoded_values_and_skip_what_is_missing() {
        let ts = [
            ContactTemplate::parse("E-mail", "mailto:{email}").unwrap(),
            ContactTemplate::parse(
                "Teams chat",
                "https://teams.microsoft.com/l/chat/0/0?users={email}",
            )
            .unwrap(),
            ContactTemplate::parse("Slack", "slack://user?team=T123&id={handle.slack}").unwrap(),
        ];
        let handles = BTreeMap::from([("slack".to_string(), "U1 2&x".to_string())]);
        let got = actions(&ts, Some("ann+x@example.org"), &handles);
        let urls: Vec<&str> = got.iter().map(|a| a.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "mailto:ann%2Bx@example.org",
                "https://teams.microsoft.com/l/chat/0/0?users=ann%2Bx@example.org",
                "slack://user?team=T123&id=U1%202%26x",
            ]
        );
        let none = actions(&ts, None, &BTreeMap::new());
        assert!(none.is_empty(), "{none:?}");
        assert!(ts[0].uses_email() && !ts[2].uses_email());
    }

    #[test]
    fn unsafe_schemes_and_unknown_placeholders_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "data:text/html,hi",
            "{email}",
            "mailto:{name}",
            "mailto:{email",
            "https://x.org/}",
            "https://x.org/{handle.Slack}",
            "file:///etc/passwd",
        ] {
            assert!(ContactTemplate::parse("X", bad).is_err(), "{bad}");
        }
        assert!(ContactTemplate::parse("", "mailto:{email}").is_err());
        assert!(ContactTemplate::parse("Call", "tel:{handle.phone}").is_ok());
        assert_eq!(templates(None).map(|t| t.len()), Ok(1));
        assert_eq!(templates(Some(&[])).map(|t| t.len()), Ok(0));
    }
}
