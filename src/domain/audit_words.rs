//! The audit log in words: who an actor or target reference names, and one
//! readable line per entry ("Siobhan Kelly approved early disposal of
//! Interview with Aoife Byrne"). Names are looked up by the caller; a person
//! no longer found (erased) is named by a pseudonym beside their id, so an
//! entry stays verifiable without naming them.

/// What an audit reference (`person:ID`, `token:ID`, `cli:user`, …) points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref<'a> {
    Person(&'a str),
    Token(&'a str),
    Interview(&'a str),
    Community(&'a str),
    Skill(&'a str),
    /// `tacit dispose --due` and other commands: the operating-system user.
    Cli(&'a str),
    System,
    Anonymous,
    Import,
    Other(&'a str),
}

/// How an erased person is named: the id stays beside it.
pub const ERASED_PERSON: &str = "Erased person";

impl<'a> Ref<'a> {
    pub fn parse(s: &'a str) -> Self {
        match s.split_once(':') {
            Some(("person", id)) => Ref::Person(id),
            Some(("token", id)) => Ref::Token(id),
            Some(("interview", id)) => Ref::Interview(id),
            Some(("community", id)) => Ref::Community(id),
            Some(("skill", id)) => Ref::Skill(id),
            Some(("cli", user)) => Ref::Cli(user),
            _ => match s {
                "system" => Ref::System,
                "anonymous" => Ref::Anonymous,
                "import" => Ref::Import,
                other => Ref::Other(other),
            },
        }
    }

    /// In words, given the name looked up for a person, interview (the
    /// leaver's), community or skill; `None` when it is gone.
    pub fn describe(self, found: Option<&str>) -> String {
        match (self, found) {
            (Ref::Person(_), Some(name)) => name.to_string(),
            (Ref::Person(_), None) => ERASED_PERSON.to_string(),
            (Ref::Interview(_), Some(leaver)) => format!("Interview with {leaver}"),
            (Ref::Interview(id), None) => format!("Interview {id}"),
            (Ref::Community(_) | Ref::Skill(_), Some(name)) => name.to_string(),
            (Ref::Community(id), None) => format!("Community {id} (deleted)"),
            (Ref::Skill(id), None) => format!("Skill {id} (merged or deleted)"),
            (Ref::Token(id), _) => format!("API token {id}"),
            (Ref::Cli(user), _) => format!("{user} (command line)"),
            (Ref::System, _) => "Tacit".into(),
            (Ref::Anonymous, _) => "Someone not signed in".into(),
            (Ref::Import, _) => "An import".into(),
            (Ref::Other(s), _) => s.to_string(),
        }
    }
}

/// What an action did, as a verb phrase in the past and in the base form
/// ("approved early destruction of", "approve early destruction of").
fn verb(action: &str) -> (&str, &str) {
    match action {
        "sign_in" => ("tried to sign in", "sign in"),
        "sign_in.dev" => ("signed in (development sign-in)", "sign in"),
        "sign_in.oidc" => ("signed in", "sign in"),
        "sign_out" => ("signed out of", "sign out of"),
        "denied" => ("was refused", "do something"),
        "interview.disposal_ask" => ("asked for early destruction", "ask for early destruction"),
        "interview.disposal_decide" => (
            "decided on early destruction",
            "approve or reject early destruction (a second HR or admin person must)",
        ),
        "token.create" => ("created", "create"),
        "token.revoke" => ("revoked", "revoke"),
        "role.grant" => ("granted a role to", "grant a role to"),
        "role.revoke" => ("revoked a role of", "revoke a role of"),
        "identity.link" => ("linked a sign-in identity to", "link a sign-in identity to"),
        "person.erase" => ("erased", "erase"),
        "person.export" => ("exported the data of", "export the data of"),
        "person.email_change" => (
            "changed the e-mail address of",
            "change the e-mail address of",
        ),
        "question.read_private" => ("read the private question", "read the private question"),
        "scim.create" => ("provisioned", "provision"),
        "scim.update" => ("updated (provisioning)", "update (provisioning)"),
        "scim.deactivate" => ("deactivated (provisioning)", "deactivate (provisioning)"),
        "scim.remove" => ("removed (provisioning)", "remove (provisioning)"),
        "import.run" => ("ran an import", "run an import"),
        "audit.export" => ("exported the audit log", "export the audit log"),
        "interview.schedule" => ("scheduled", "schedule"),
        "interview.start" => ("started", "start"),
        "interview.complete" => ("completed", "complete"),
        "interview.publish" => ("published", "publish"),
        "interview.consent" => ("recorded consent for", "record consent for"),
        "interview.transcript.read" => ("read the transcript of", "read the transcript of"),
        "interview.retention" => ("changed the retention of", "change the retention of"),
        "interview.dispose" => ("disposed of part of", "dispose of part of"),
        "interview.dispose_due" => ("started a disposal run", "start a disposal run"),
        "interview.disposal_request" => (
            "asked for early destruction of",
            "ask for early destruction of",
        ),
        "interview.disposal_approve" => (
            "approved early destruction of",
            "approve early destruction of",
        ),
        "interview.disposal_reject" => (
            "rejected early destruction of",
            "reject early destruction of",
        ),
        "interview.disposal_withdraw" => (
            "withdrew the request to destroy",
            "withdraw the request to destroy",
        ),
        other => (other, other),
    }
}

/// One line for an entry: actor, what they did, to what, and what it meant.
pub fn summary(
    actor: &str,
    action: &str,
    target: Option<&str>,
    outcome: &str,
    detail: &serde_json::Value,
) -> String {
    let mut line = actor.to_string();
    let refused = outcome == "denied" && action != "denied" && action != "sign_in";
    let (past, base) = verb(action);
    if refused {
        line.push_str(" was refused when trying to ");
        line.push_str(base);
    } else {
        line.push(' ');
        line.push_str(past);
    }
    if let Some(t) = target {
        line.push(' ');
        line.push_str(t);
    }
    let text = |k: &str| detail.get(k).and_then(|v| v.as_str());
    let extra = match action {
        "sign_in.dev" | "sign_in.oidc" | "role.grant" | "role.revoke" => {
            text("role").map(|r| format!("as {}", role_word(r)))
        }
        // What was refused, in words where there are words for it.
        "denied" => {
            let refused: Vec<&str> = match detail.get("actions").and_then(|v| v.as_array()) {
                Some(list) => list
                    .iter()
                    .filter_map(|v| v.as_str())
                    .map(|a| verb(a).1)
                    .collect(),
                None => text("field").or(text("action")).into_iter().collect(),
            };
            (!refused.is_empty()).then(|| format!("permission to {}", refused.join("; ")))
        }
        "interview.retention" => Some(retention_words(detail)),
        "interview.disposal_request" | "interview.dispose_due" => {
            text("reason").map(|r| format!("because “{r}”"))
        }
        "interview.disposal_reject" | "interview.disposal_approve" => {
            text("note").map(|n| format!("noting “{n}”"))
        }
        "import.run" => text("file").map(|f| f.to_string()),
        _ => None,
    };
    if let Some(extra) = extra {
        line.push_str(if refused || action == "denied" {
            " "
        } else {
            ": "
        });
        line.push_str(&extra);
    }
    if outcome == "failed" {
        line.push_str(" (failed)");
    }
    line
}

fn role_word(role: &str) -> &str {
    match role {
        "hr" => "HR",
        "admin" => "admin",
        "employee" => "employee",
        other => other,
    }
}

fn retention_words(detail: &serde_json::Value) -> String {
    let days = match detail.get("retentionDays").and_then(|v| v.as_i64()) {
        Some(d) => format!("{d} days"),
        None => "the default period".into(),
    };
    let hold = if detail.get("hold").and_then(|v| v.as_bool()) == Some(true) {
        match detail.get("holdReason").and_then(|v| v.as_str()) {
            Some(r) => format!(", on hold (“{r}”)"),
            None => ", on hold".into(),
        }
    } else {
        String::new()
    };
    format!("{days}{hold}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn references_read_as_names_and_erased_people_keep_a_pseudonym() {
        assert_eq!(
            Ref::parse("person:e1").describe(Some("Aoife Byrne")),
            "Aoife Byrne"
        );
        assert_eq!(Ref::parse("person:e1").describe(None), ERASED_PERSON);
        assert_eq!(
            Ref::parse("interview:iv-1").describe(Some("Aoife Byrne")),
            "Interview with Aoife Byrne"
        );
        assert_eq!(Ref::parse("cli:ops").describe(None), "ops (command line)");
        assert_eq!(Ref::parse("token:tok-1").describe(None), "API token tok-1");
        assert_eq!(Ref::parse("system").describe(None), "Tacit");
    }

    #[test]
    fn a_refusal_says_what_was_refused() {
        assert_eq!(
            summary(
                "Siobhan Kelly",
                "denied",
                None,
                "denied",
                &json!({"actions": ["interview.disposal_decide"], "refusals": 1})
            ),
            "Siobhan Kelly was refused permission to approve or reject early destruction (a second HR or admin person must)"
        );
        assert_eq!(
            summary(
                "Jack Wilson",
                "denied",
                None,
                "denied",
                &json!({"actions": ["Query.auditLog"]})
            ),
            "Jack Wilson was refused permission to Query.auditLog"
        );
    }

    #[test]
    fn summaries_say_who_did_what_to_what() {
        assert_eq!(
            summary(
                "Siobhan Kelly",
                "sign_in.dev",
                None,
                "ok",
                &json!({"role": "hr"})
            ),
            "Siobhan Kelly signed in (development sign-in): as HR"
        );
        assert_eq!(
            summary(
                "Wing Chan",
                "interview.disposal_approve",
                Some("Interview with Aoife Byrne"),
                "ok",
                &json!({})
            ),
            "Wing Chan approved early destruction of Interview with Aoife Byrne"
        );
        assert_eq!(
            summary(
                "Siobhan Kelly",
                "interview.disposal_approve",
                Some("Interview with Aoife Byrne"),
                "denied",
                &json!({})
            ),
            "Siobhan Kelly was refused when trying to approve early destruction of Interview with Aoife Byrne"
        );
        assert_eq!(
            summary(
                "Siobhan Kelly",
                "interview.retention",
                Some("Interview with Aoife Byrne"),
                "ok",
                &json!({"retentionDays": 3650, "hold": true, "holdReason": "inquiry"})
            ),
            "Siobhan Kelly changed the retention of Interview with Aoife Byrne: 3650 days, on hold (“inquiry”)"
        );
    }
}
