//! Named actions that are not fields: finer checks inside resolvers, REST
//! handlers and workflows. Each names its rule here, so a misspelt action is
//! a compile error rather than a refusal at run time.

use super::Rule;

/// Something a principal asks to do, beyond resolving a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See a profile that has opted out of search, and a person's leaving date.
    PersonPrivate,
    /// List people who opted out of search.
    PeopleHidden,
    /// Change status, leaving date, email, manager or org unit.
    PersonHrFields,
    /// Sign-in finds people by e-mail: moving the address of someone who
    /// holds a granted role could move their role to another account.
    PersonEmailOfRoleHolder,
    /// Read /metrics (request rates, latencies, pool use): operators only.
    MetricsRead,
    /// Record a skill source other than SELF (ENDORSED, EVIDENCE, HARVESTED).
    SkillTrustedSource,
    /// Endorse in someone else's name.
    EndorseAsOther,
    /// Write or change evidence one did not author.
    EvidenceAny,
    /// Add or remove members, or change roles, in a community.
    CommunityCurate,
    /// Run interviews: see every interview, whatever its state.
    InterviewManage,
    /// Read an interview's transcript (questions, answers, notes).
    InterviewTranscript,
    /// Give or withdraw consent to publishing an interview's summary.
    InterviewConsent,
    /// See whose unpublished interview named someone as a successor.
    InterviewReveal,
    /// Upload import files in the web app and watch them run (`/api/imports`).
    ImportRun,
}

impl Action {
    /// Every action, for tests and listings.
    pub const ALL: [Action; 14] = [
        Action::PersonPrivate,
        Action::PeopleHidden,
        Action::PersonHrFields,
        Action::PersonEmailOfRoleHolder,
        Action::MetricsRead,
        Action::SkillTrustedSource,
        Action::EndorseAsOther,
        Action::EvidenceAny,
        Action::CommunityCurate,
        Action::InterviewManage,
        Action::InterviewTranscript,
        Action::InterviewConsent,
        Action::InterviewReveal,
        Action::ImportRun,
    ];

    /// Who may do it.
    pub const fn rule(self) -> Rule {
        match self {
            Action::PersonPrivate => Rule::SelfOrHr,
            Action::PeopleHidden => Rule::Hr,
            Action::PersonHrFields => Rule::Hr,
            Action::PersonEmailOfRoleHolder => Rule::Admin,
            Action::MetricsRead => Rule::Admin,
            Action::SkillTrustedSource => Rule::Hr,
            Action::EndorseAsOther => Rule::Admin,
            Action::EvidenceAny => Rule::Hr,
            Action::CommunityCurate => Rule::LeadOrAdmin,
            Action::InterviewManage => Rule::Hr,
            Action::InterviewTranscript => Rule::SelfOrHr,
            Action::InterviewConsent => Rule::SelfOrHr,
            Action::InterviewReveal => Rule::Hr,
            Action::ImportRun => Rule::Admin,
        }
    }

    /// How the audit log names it (`interview.manage`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Action::PersonPrivate => "person.private",
            Action::PeopleHidden => "people.hidden",
            Action::PersonHrFields => "person.hr_fields",
            Action::PersonEmailOfRoleHolder => "person.email_of_role_holder",
            Action::MetricsRead => "metrics.read",
            Action::SkillTrustedSource => "skill.trusted_source",
            Action::EndorseAsOther => "endorse.as_other",
            Action::EvidenceAny => "evidence.any",
            Action::CommunityCurate => "community.curate",
            Action::InterviewManage => "interview.manage",
            Action::InterviewTranscript => "interview.transcript",
            Action::InterviewConsent => "interview.consent",
            Action::InterviewReveal => "interview.reveal",
            Action::ImportRun => "import.run",
        }
    }
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
        for a in Action::ALL {
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
