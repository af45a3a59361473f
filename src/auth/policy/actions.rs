//! Named actions that are not fields: finer checks inside resolvers, REST
//! handlers and workflows. Each names its rule here, so a misspelt action is
//! a compile error rather than a refusal at run time.

use super::Rule;

/// Declares each action once: its doc, who may do it, and its audit name.
/// `Action::ALL`, `rule` and `as_str` come from the one table.
macro_rules! actions {
    ($($(#[$doc:meta])* $name:ident => $rule:ident, $audit:literal;)+) => {
        /// Something a principal asks to do, beyond resolving a field.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($(#[$doc])* $name,)+
        }

        impl Action {
            /// Every action, for tests and listings.
            pub const ALL: &'static [Action] = &[$(Action::$name,)+];

            /// Who may do it.
            pub const fn rule(self) -> Rule {
                match self {
                    $(Action::$name => Rule::$rule,)+
                }
            }

            /// How the audit log names it (`interview.manage`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Action::$name => $audit,)+
                }
            }
        }
    };
}

actions! {
    /// See a profile that has opted out of search, and a person's leaving date.
    PersonPrivate => SelfOrHr, "person.private";
    /// List people who opted out of search.
    PeopleHidden => Hr, "people.hidden";
    /// Change status, leaving date, email, manager or org unit.
    PersonHrFields => Hr, "person.hr_fields";
    /// Sign-in finds people by e-mail: moving the address of someone who
    /// holds a granted role could move their role to another account.
    PersonEmailOfRoleHolder => Admin, "person.email_of_role_holder";
    /// Read /metrics (request rates, latencies, pool use): operators only.
    MetricsRead => Admin, "metrics.read";
    /// Record a skill source other than SELF (ENDORSED, EVIDENCE, HARVESTED).
    SkillTrustedSource => Hr, "skill.trusted_source";
    /// Endorse in someone else's name.
    EndorseAsOther => Admin, "endorse.as_other";
    /// Write or change evidence one did not author.
    EvidenceAny => Hr, "evidence.any";
    /// Add or remove members, or change roles, in a community.
    CommunityCurate => LeadOrAdmin, "community.curate";
    /// Run interviews: see every interview, whatever its state.
    InterviewManage => Hr, "interview.manage";
    /// Read an interview's transcript (questions, answers, notes).
    InterviewTranscript => SelfOrHr, "interview.transcript";
    /// Give or withdraw consent to publishing an interview's summary.
    InterviewConsent => SelfOrHr, "interview.consent";
    /// See whose unpublished interview named someone as a successor.
    InterviewReveal => Hr, "interview.reveal";
    /// Upload import files in the web app and watch them run (`/api/imports`).
    ImportRun => Admin, "import.run";
    /// Create and revoke API tokens, grant and revoke roles.
    AccessManage => Admin, "access.manage";
    /// Erase a person on request.
    PersonErase => Admin, "person.erase";
    /// Export a filtered view of the audit log as CSV.
    AuditExport => Admin, "audit.export";
    /// Ask for early destruction of an interview record, or withdraw the ask.
    DisposalAsk => HrPerson, "interview.disposal_ask";
    /// Approve or reject someone else's request for early destruction
    /// (the resource is the person who asked).
    DisposalDecide => OtherHrPerson, "interview.disposal_decide";
    /// See every question asked of the network, private ones too, and how
    /// the network answers (the knowledge managers' page).
    QuestionsAll => Hr, "questions.all";
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_are_distinct_and_not_field_coordinates() {
        let mut seen = std::collections::HashSet::new();
        for &a in Action::ALL {
            assert!(seen.insert(a.as_str()), "{a} is named twice");
            let (first, _) = a.as_str().split_once('.').unwrap_or_default();
            assert!(
                first.chars().all(|c| c.is_ascii_lowercase()),
                "{a} looks like a field coordinate"
            );
            assert!(crate::auth::policy::fields::rule(a.as_str()).is_none());
        }
    }
}
