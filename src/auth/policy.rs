//! Deny by default: every GraphQL field and every named action has exactly
//! one rule here, and every decision goes through [`authorize`].
//!
//! Field rules are checked for every field the server resolves (see
//! `api/graphql/authz.rs`); a field missing from the table is refused, and the
//! authorization matrix test fails until it is added. Rules that depend on the
//! record (`SelfOrHr`, `LeadOrAdmin`) are checked twice: loosely per field
//! ("could this principal ever be allowed?") and exactly by the resolver,
//! which knows the record.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::domain::Role;

use super::Principal;

/// Who may do something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Anyone signed in, people and integrations alike.
    SignedIn,
    /// A signed-in person (not an integration without one).
    Person,
    /// HR or admin.
    Hr,
    Admin,
    /// The person the record is about, or HR or admin.
    SelfOrHr,
    /// A lead of the community concerned, or an admin.
    LeadOrAdmin,
}

/// What a rule is checked against.
#[derive(Debug, Clone, Copy)]
pub enum Resource<'a> {
    /// No particular record: record-scoped rules ask only whether the
    /// principal could be allowed for some record.
    Any,
    Person(&'a str),
    Community(&'a str),
}

/// (type, rule, fields): every field of every object type in the schema.
const FIELDS: &[(&str, Rule, &[&str])] = &[
    (
        "QueryRoot",
        Rule::SignedIn,
        &[
            "node",
            "person",
            "people",
            "offices",
            "skill",
            "skills",
            "community",
            "communities",
            "evidence",
            "experts",
            "expertSearch",
            "relatedSkills",
            "me",
            "interview",
            "interviews",
        ],
    ),
    // Everyone's own inbox: empty for those who lead nothing.
    (
        "QueryRoot",
        Rule::SignedIn,
        &["communityInbox", "myInvitations"],
    ),
    ("QueryRoot", Rule::Person, &["myData"]),
    (
        "QueryRoot",
        Rule::Hr,
        &[
            "knowledgeAtRisk",
            "interviewQueue",
            "questionSets",
            "disposalDue",
            "disposalCertificates",
        ],
    ),
    (
        "Leaver",
        Rule::Hr,
        &[
            "person",
            "leavingOn",
            "daysLeft",
            "skills",
            "priority",
            "interview",
        ],
    ),
    (
        "LeaverSkill",
        Rule::Hr,
        &["skill", "level", "otherHolders", "riskScore"],
    ),
    (
        "QueryRoot",
        Rule::Admin,
        &["apiTokens", "auditLog", "auditChain", "roleGrants"],
    ),
    (
        "MutationRoot",
        Rule::Hr,
        &["createPerson", "updateSkill", "mergeSkills"],
    ),
    (
        "MutationRoot",
        Rule::SelfOrHr,
        &["updatePerson", "setPersonSkill", "removePersonSkill"],
    ),
    (
        "MutationRoot",
        Rule::SignedIn,
        &[
            "endorseSkill",
            "createSkill",
            "createCommunity",
            "addMember",
            "removeMember",
            "createEvidence",
            "updateEvidence",
        ],
    ),
    (
        "MutationRoot",
        Rule::LeadOrAdmin,
        &[
            "updateCommunity",
            "decideJoinRequest",
            "archiveCommunity",
            "unarchiveCommunity",
            "mergeCommunities",
        ],
    ),
    (
        "MutationRoot",
        Rule::Person,
        &["joinCommunity", "leaveCommunity", "answerInvitation"],
    ),
    (
        "MutationRoot",
        Rule::Hr,
        &[
            "scheduleInterview",
            "updateInterview",
            "startInterview",
            "completeInterview",
            "publishInterview",
            "addInterviewQuestions",
            "answerQuestions",
            "setInterviewTopics",
            "nameSuccessor",
            "removeSuccessor",
            "setInterviewRetention",
            "disposeInterview",
            "disposeDue",
            "createQuestionSet",
            "updateQuestionSet",
            "deleteQuestionSet",
        ],
    ),
    // The leaver gives or withdraws their own consent; HR may record it.
    ("MutationRoot", Rule::SelfOrHr, &["recordConsent"]),
    // Seen only when the interview is: HR, the leaver while still here, or
    // everyone once published (checked per record).
    (
        "Interview",
        Rule::SignedIn,
        &[
            "id",
            "externalId",
            "leaver",
            "leaverName",
            "interviewer",
            "status",
            "scheduledFor",
            "startedAt",
            "completedAt",
            "publishedAt",
            "consent",
            "consentAt",
            "summary",
            "topics",
            "successors",
        ],
    ),
    // HR and the leaver while still here (checked per record); every read audited.
    ("Interview", Rule::SelfOrHr, &["transcript"]),
    ("Interview", Rule::Hr, &["retention", "certificates"]),
    // `note` is null for anyone who may not read the transcript.
    (
        "NamedSuccessor",
        Rule::SignedIn,
        &["skill", "person", "note"],
    ),
    (
        "Transcript",
        Rule::SelfOrHr,
        &["questions", "notes", "outsideContacts"],
    ),
    (
        "Question",
        Rule::SelfOrHr,
        &["position", "text", "origin", "skill", "answer"],
    ),
    (
        "RecordRetention",
        Rule::Hr,
        &[
            "retentionDays",
            "defaultDays",
            "summaryDays",
            "transcriptDueOn",
            "summaryDueOn",
            "hold",
            "holdReason",
            "disposedAt",
            "summaryDisposedAt",
        ],
    ),
    (
        "DisposalCertificate",
        Rule::Hr,
        &[
            "id",
            "interviewId",
            "part",
            "rule",
            "dueOn",
            "authorisedBy",
            "disposedAt",
            "destroyed",
            "auditSeq",
            "hold",
        ],
    ),
    (
        "DueDisposal",
        Rule::Hr,
        &["interview", "parts", "dueOn", "rules", "onHold"],
    ),
    (
        "QuestionSet",
        Rule::Hr,
        &["id", "name", "questions", "updatedAt"],
    ),
    (
        "InterviewConnection",
        Rule::SignedIn,
        &["pageInfo", "edges", "nodes", "totalCount"],
    ),
    ("InterviewEdge", Rule::SignedIn, &["node", "cursor"]),
    ("InterviewPayload", Rule::SignedIn, &["interview"]),
    (
        "DisposalPayload",
        Rule::Hr,
        &["certificates", "held", "failed", "cleanup"],
    ),
    ("DiskCleanup", Rule::Hr, &["complete", "remaining"]),
    ("QuestionSetPayload", Rule::Hr, &["questionSet"]),
    ("DeletedQuestionSetPayload", Rule::Hr, &["id"]),
    (
        "MutationRoot",
        Rule::Admin,
        &[
            "createOffice",
            "updateOffice",
            "createApiToken",
            "revokeApiToken",
            "grantRole",
            "revokeRole",
            "erasePerson",
            "approveCommunity",
        ],
    ),
    ("Node", Rule::SignedIn, &["id"]),
    (
        "Person",
        Rule::SignedIn,
        &[
            "id",
            "externalId",
            "name",
            "email",
            "title",
            "orgUnit",
            "office",
            "country",
            "timezone",
            "localTime",
            "manager",
            "status",
            "discoverable",
            "skills",
            "communities",
            "evidence",
            "network",
            "createdAt",
            "updatedAt",
        ],
    ),
    // Null for anyone but the person, HR and admins (checked per record).
    ("Person", Rule::SignedIn, &["leavingOn"]),
    (
        "Office",
        Rule::SignedIn,
        &[
            "id",
            "externalId",
            "name",
            "country",
            "timezone",
            "localTime",
            "headcount",
        ],
    ),
    (
        "Skill",
        Rule::SignedIn,
        &[
            "id",
            "externalId",
            "name",
            "description",
            "aliases",
            "broader",
            "narrower",
            "related",
            "holders",
            "holderCount",
        ],
    ),
    (
        "PersonSkill",
        Rule::SignedIn,
        &[
            "person",
            "skill",
            "level",
            "source",
            "lastUsed",
            "endorsements",
        ],
    ),
    ("Endorsement", Rule::SignedIn, &["endorser", "createdAt"]),
    (
        "Community",
        Rule::SignedIn,
        &[
            "id",
            "externalId",
            "name",
            "description",
            "visibility",
            "skills",
            "members",
            "memberCount",
            "myRequest",
            "status",
            "proposedBy",
        ],
    ),
    // Null for anyone who does not lead the community (checked per record).
    (
        "Community",
        Rule::LeadOrAdmin,
        &[
            "pendingRequests",
            "pendingInvitations",
            "pendingRequestCount",
            "suggestedMembers",
            "health",
        ],
    ),
    (
        "JoinRequest",
        Rule::SignedIn,
        &[
            "id",
            "community",
            "person",
            "kind",
            "role",
            "invitedBy",
            "message",
            "status",
            "reason",
            "createdAt",
            "decidedAt",
        ],
    ),
    ("LabelledCount", Rule::LeadOrAdmin, &["label", "count"]),
    (
        "LeavingMember",
        Rule::LeadOrAdmin,
        &["person", "topics", "uncoveredTopics"],
    ),
    (
        "CommunityHealth",
        Rule::LeadOrAdmin,
        &[
            "memberCount",
            "activeMemberCount",
            "membersByOffice",
            "membersByCountry",
            "uncoveredSkills",
            "leavingMembers",
            "joinsByMonth",
            "pendingRequests",
        ],
    ),
    (
        "JoinCommunityPayload",
        Rule::SignedIn,
        &["membership", "request"],
    ),
    ("JoinRequestPayload", Rule::SignedIn, &["request"]),
    (
        "Membership",
        Rule::SignedIn,
        &["community", "person", "role", "joinedAt"],
    ),
    (
        "Evidence",
        Rule::SignedIn,
        &[
            "id",
            "externalId",
            "kind",
            "title",
            "text",
            "createdAt",
            "authors",
            "tags",
        ],
    ),
    (
        "Expert",
        Rule::SignedIn,
        &[
            "person",
            "score",
            "strength",
            "nameMatch",
            "leaving",
            "matchedSkills",
            "explanation",
            "paths",
            "overlapHours",
            "office",
            "timezone",
            "localTime",
        ],
    ),
    (
        "ExpertSearch",
        Rule::SignedIn,
        &["experts", "showingResultsFor", "corrections", "clearMatch"],
    ),
    ("Correction", Rule::SignedIn, &["from", "to"]),
    (
        "ExplanationPath",
        Rule::SignedIn,
        &["text", "nodes", "edges", "count", "strength"],
    ),
    ("PathNode", Rule::SignedIn, &["id", "kind", "label"]),
    ("Network", Rule::SignedIn, &["nodes", "edges", "truncated"]),
    (
        "NetworkEdge",
        Rule::SignedIn,
        &["source", "target", "kind", "weight"],
    ),
    ("RelatedSkill", Rule::SignedIn, &["skill", "score"]),
    (
        "PageInfo",
        Rule::SignedIn,
        &["hasPreviousPage", "hasNextPage", "startCursor", "endCursor"],
    ),
    (
        "PersonConnection",
        Rule::SignedIn,
        &["pageInfo", "edges", "nodes", "totalCount"],
    ),
    ("PersonEdge", Rule::SignedIn, &["node", "cursor"]),
    (
        "SkillConnection",
        Rule::SignedIn,
        &["pageInfo", "edges", "nodes", "totalCount"],
    ),
    ("SkillEdge", Rule::SignedIn, &["node", "cursor"]),
    (
        "CommunityConnection",
        Rule::SignedIn,
        &["pageInfo", "edges", "nodes", "totalCount"],
    ),
    ("CommunityEdge", Rule::SignedIn, &["node", "cursor"]),
    (
        "EvidenceConnection",
        Rule::SignedIn,
        &["pageInfo", "edges", "nodes", "totalCount"],
    ),
    ("EvidenceEdge", Rule::SignedIn, &["node", "cursor"]),
    ("PersonPayload", Rule::SignedIn, &["person"]),
    ("OfficePayload", Rule::SignedIn, &["office"]),
    ("SkillPayload", Rule::SignedIn, &["skill"]),
    ("CommunityPayload", Rule::SignedIn, &["community"]),
    (
        "MembershipPayload",
        Rule::SignedIn,
        &["membership", "invitation"],
    ),
    ("EvidencePayload", Rule::SignedIn, &["evidence"]),
    ("PersonSkillPayload", Rule::SignedIn, &["personSkill"]),
    ("RemovedPayload", Rule::SignedIn, &["id"]),
    (
        "RemoveMemberPayload",
        Rule::SignedIn,
        &["communityId", "personId"],
    ),
    (
        "Me",
        Rule::SignedIn,
        &["person", "roles", "scopes", "via", "leads", "dev"],
    ),
    (
        "ApiToken",
        Rule::Admin,
        &[
            "id",
            "name",
            "prefix",
            "role",
            "person",
            "scopes",
            "createdBy",
            "createdAt",
            "expiresAt",
            "lastUsedAt",
            "revokedAt",
            "active",
        ],
    ),
    ("CreatedApiToken", Rule::Admin, &["token", "secret"]),
    (
        "AuditEntry",
        Rule::Admin,
        &[
            "seq", "at", "actor", "action", "target", "outcome", "detail", "hash",
        ],
    ),
    (
        "AuditChain",
        Rule::Admin,
        &["ok", "checked", "headSeq", "firstBroken", "reason"],
    ),
    (
        "SkillRisk",
        Rule::Hr,
        &[
            "skill",
            "holders",
            "leavingWithin30Days",
            "leavingWithin90Days",
            "leavingWithin180Days",
            "busFactor",
            "riskScore",
            "harvestCoverage",
        ],
    ),
    ("RoleGrant", Rule::Admin, &["person", "personId", "role"]),
    ("RoleGrantPayload", Rule::Admin, &["grant", "changed"]),
    (
        "ErasurePayload",
        Rule::Admin,
        &[
            "personId",
            "skills",
            "endorsementsReceived",
            "endorsementsGiven",
            "memberships",
            "authored",
            "credentials",
            "reportsUnlinked",
            "interviewsRetained",
            "successorNamings",
            "cleanup",
        ],
    ),
];

/// Named actions that are not fields: finer checks inside resolvers.
const ACTIONS: &[(&str, Rule)] = &[
    // See a profile that has opted out of search, and a person's leaving date.
    ("person.private", Rule::SelfOrHr),
    // List people who opted out of search.
    ("people.hidden", Rule::Hr),
    // Change status, leaving date, email, manager or org unit.
    ("person.hr_fields", Rule::Hr),
    // Sign-in finds people by e-mail: moving the address of someone who
    // holds a granted role could move their role to another account.
    ("person.email_of_role_holder", Rule::Admin),
    // Read /metrics (request rates, latencies, pool use): operators only.
    ("metrics.read", Rule::Admin),
    // Record a skill source other than SELF (ENDORSED, EVIDENCE, HARVESTED).
    ("skill.trusted_source", Rule::Hr),
    // Endorse in someone else's name.
    ("endorse.as_other", Rule::Admin),
    // Write or change evidence one did not author.
    ("evidence.any", Rule::Hr),
    // Add or remove members, or change roles, in a community.
    ("community.curate", Rule::LeadOrAdmin),
    // Run interviews: see every interview, whatever its state.
    ("interview.manage", Rule::Hr),
    // Read an interview's transcript (questions, answers, notes).
    ("interview.transcript", Rule::SelfOrHr),
    // Give or withdraw consent to publishing an interview's summary.
    ("interview.consent", Rule::SelfOrHr),
    // See whose unpublished interview named someone as a successor.
    ("interview.reveal", Rule::Hr),
    // Upload import files in the web app and watch them run (`/api/imports`).
    ("import.run", Rule::Admin),
];

static TABLE: LazyLock<HashMap<String, Rule>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (ty, rule, fields) in FIELDS {
        for f in *fields {
            map.insert(format!("{ty}.{f}"), *rule);
        }
    }
    for (action, rule) in ACTIONS {
        map.insert((*action).to_string(), *rule);
    }
    map
});

/// Every declared field coordinate (`Type.field`), for the matrix test.
pub fn declared_fields() -> Vec<(String, Rule)> {
    FIELDS
        .iter()
        .flat_map(|(ty, rule, fields)| fields.iter().map(move |f| (format!("{ty}.{f}"), *rule)))
        .collect()
}

/// The rule for a field coordinate or named action, if one is declared.
pub fn rule(action: &str) -> Option<Rule> {
    TABLE.get(action).copied()
}

/// Refused: the caller says "forbidden" or, for lookups, "not found".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denied;

/// The one decision point.
pub fn authorize(p: &Principal, action: &str, resource: Resource<'_>) -> Result<(), Denied> {
    let Some(rule) = rule(action) else {
        tracing::error!(action, "no authorization rule declared; refusing");
        return Err(Denied);
    };
    if allows(p, rule, resource) {
        Ok(())
    } else {
        Err(Denied)
    }
}

/// Whether `rule` lets `p` act on `resource`.
pub fn allows(p: &Principal, rule: Rule, resource: Resource<'_>) -> bool {
    let hr = p.has(Role::Hr) || p.has(Role::Admin);
    match rule {
        Rule::SignedIn => true,
        Rule::Person => p.person_id.is_some(),
        Rule::Hr => hr,
        Rule::Admin => p.has(Role::Admin),
        Rule::SelfOrHr => match resource {
            Resource::Person(id) => hr || p.is(id),
            Resource::Any => hr || p.person_id.is_some(),
            Resource::Community(_) => hr,
        },
        Rule::LeadOrAdmin => match resource {
            Resource::Community(id) => p.has(Role::Admin) || p.leads.iter().any(|c| c == id),
            Resource::Any => p.has(Role::Admin) || !p.leads.is_empty() || p.person_id.is_some(),
            Resource::Person(_) => p.has(Role::Admin),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Via;

    fn who(person: Option<&str>, roles: &[Role], leads: &[&str]) -> Principal {
        Principal {
            person_id: person.map(str::to_string),
            roles: roles.to_vec(),
            scopes: vec![crate::domain::Scope::Read, crate::domain::Scope::Write],
            via: Via::Token,
            credential: None,
            leads: leads.iter().map(|s| s.to_string()).collect(),
            dev: false,
        }
    }

    #[test]
    fn no_field_is_declared_twice() {
        let fields = declared_fields();
        let mut seen = std::collections::HashSet::new();
        for (f, _) in &fields {
            assert!(seen.insert(f.clone()), "{f} is declared twice");
        }
    }

    #[test]
    fn unknown_actions_are_refused() {
        let admin = who(None, &[Role::Admin], &[]);
        assert_eq!(
            authorize(&admin, "Person.shoeSize", Resource::Any),
            Err(Denied)
        );
    }

    #[test]
    fn record_rules_check_the_record() {
        let me = who(Some("e1"), &[Role::Employee], &["c1"]);
        let hr = who(Some("e9"), &[Role::Employee, Role::Hr], &[]);
        assert!(authorize(&me, "person.private", Resource::Person("e1")).is_ok());
        assert!(authorize(&me, "person.private", Resource::Person("e2")).is_err());
        assert!(authorize(&hr, "person.private", Resource::Person("e2")).is_ok());
        assert!(authorize(&me, "community.curate", Resource::Community("c1")).is_ok());
        assert!(authorize(&me, "community.curate", Resource::Community("c2")).is_err());
        assert!(authorize(&hr, "community.curate", Resource::Community("c2")).is_err());
        assert!(authorize(&me, "MutationRoot.grantRole", Resource::Any).is_err());
    }
}
