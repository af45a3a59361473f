//! The rule for every field of every object type in the schema, by its
//! GraphQL coordinate (`Type.field`). Coordinates are strings because they
//! are GraphQL names; the test below holds the table to the checked-in SDL
//! (every field has a rule, every rule names a field).

use std::collections::HashMap;
use std::sync::LazyLock;

use super::Rule;

/// (type, rule, fields): every field of every object type in the schema,
/// except the connections' (see [`CONNECTIONS`]).
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
            "disposalRequests",
            "recordsOnHold",
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
            "why",
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
        &[
            "updatePerson",
            "updateProfile",
            "setPersonSkill",
            "removePersonSkill",
        ],
    ),
    (
        "MutationRoot",
        Rule::SignedIn,
        &[
            "endorseSkill",
            "withdrawEndorsement",
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
            "requestDisposal",
            "decideDisposalRequest",
            "disposeInterview",
            "disposeDue",
            "createQuestionSet",
            "updateQuestionSet",
            "deleteQuestionSet",
        ],
    ),
    // The leaver gives or withdraws their own consent; HR may record it.
    ("MutationRoot", Rule::SelfOrHr, &["recordConsent"]),
    // Asking the network: people ask, answer, decline and pass on; each
    // question is checked against who may see it.
    (
        "MutationRoot",
        Rule::Person,
        &[
            "askQuestion",
            "answerQuestion",
            "declineQuestion",
            "passQuestion",
            "acceptAnswer",
            "closeQuestion",
        ],
    ),
    (
        "QueryRoot",
        Rule::SignedIn,
        &["question", "networkSettings"],
    ),
    (
        "NetworkSettings",
        Rule::SignedIn,
        &[
            "people",
            "maxOpenPerWeek",
            "leavingWithinDays",
            "email",
            "webhook",
        ],
    ),
    (
        "QueryRoot",
        Rule::Person,
        &["questionsForMe", "myQuestions"],
    ),
    ("QueryRoot", Rule::Hr, &["networkStats"]),
    (
        "NetworkQuestion",
        Rule::SignedIn,
        &[
            "id",
            "externalId",
            "text",
            "visibility",
            "status",
            "createdAt",
            "closedAt",
            "asker",
            "askedByMe",
            "skills",
            "routes",
            "myRoute",
            "answers",
            "evidence",
        ],
    ),
    (
        "QuestionRoute",
        Rule::SignedIn,
        &[
            "person",
            "state",
            "position",
            "reason",
            "passedBy",
            "note",
            "routedAt",
            "respondedAt",
        ],
    ),
    (
        "Answer",
        Rule::SignedIn,
        &["id", "text", "author", "createdAt", "accepted"],
    ),
    ("QuestionPayload", Rule::SignedIn, &["question"]),
    ("AnswerPayload", Rule::SignedIn, &["answer", "question"]),
    (
        "NetworkStats",
        Rule::Hr,
        &[
            "days",
            "asked",
            "answered",
            "closed",
            "open",
            "answeredWithinDay",
            "medianHoursToFirstAnswer",
            "perWeek",
            "people",
            "openBySkill",
        ],
    ),
    ("WeekCount", Rule::Hr, &["week", "questions"]),
    (
        "PersonLoad",
        Rule::Hr,
        &["person", "routed", "answered", "declined", "passed"],
    ),
    ("SkillCount", Rule::Hr, &["skill", "open"]),
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
    (
        "Interview",
        Rule::Hr,
        &[
            "retention",
            "certificates",
            "disposalRequests",
            "successorCandidates",
        ],
    ),
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
            "holdBy",
            "holdByName",
            "holdAt",
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
            "leaverName",
            "part",
            "rule",
            "dueOn",
            "authorisedBy",
            "authorisedByName",
            "requestedBy",
            "requestedByName",
            "approvedBy",
            "approvedByName",
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
        "DisposalRequest",
        Rule::Hr,
        &[
            "id",
            "interview",
            "kind",
            "retentionDays",
            "reason",
            "status",
            "requestedBy",
            "requestedByName",
            "requestedAt",
            "decidedBy",
            "decidedByName",
            "decidedAt",
            "note",
            "canDecide",
            "canWithdraw",
            "nextStep",
        ],
    ),
    (
        "DisposalRequestPayload",
        Rule::Hr,
        &["request", "certificates"],
    ),
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
    // What a person says about themselves to be found and reached: seen by
    // everyone who may see the person (as their e-mail and time zone are).
    ("WorkingHours", Rule::SignedIn, &["start", "end", "days"]),
    ("ContactAction", Rule::SignedIn, &["label", "url"]),
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
            "summary",
            "languages",
            "askMeAbout",
            "workingHours",
            "contactActions",
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
            "harvests",
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
            "myDeclinedRequest",
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
        &["person", "topics", "uncoveredTopics", "inherited"],
    ),
    ("Inheritance", Rule::LeadOrAdmin, &["skill", "person"]),
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
            "activityByMonth",
            "pendingRequests",
        ],
    ),
    (
        "MonthActivity",
        Rule::LeadOrAdmin,
        &["month", "documents", "answers", "joins"],
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
            "url",
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
    (
        "Network",
        Rule::SignedIn,
        &["nodes", "steps", "edges", "truncated"],
    ),
    (
        "NetworkEdge",
        Rule::SignedIn,
        &["source", "target", "kind", "weight"],
    ),
    ("RelatedSkill", Rule::SignedIn, &["skill", "score"]),
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
            "createdByName",
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
            "seq",
            "at",
            "actor",
            "actorName",
            "action",
            "target",
            "targetName",
            "summary",
            "outcome",
            "detail",
            "hash",
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
            "harvestedFrom",
            "successors",
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

/// Types listed page by page as Relay connections (`PersonConnection`,
/// `PersonEdge`): one rule for all of them and for `PageInfo`. Anyone signed
/// in may page; what each node shows is decided by the node's own fields.
const CONNECTIONS: &[&str] = &["Interview", "Person", "Skill", "Community", "Evidence"];
const CONNECTION_RULE: Rule = Rule::SignedIn;
const CONNECTION_FIELDS: &[&str] = &["pageInfo", "edges", "nodes", "totalCount"];
const EDGE_FIELDS: &[&str] = &["node", "cursor"];
const PAGE_INFO_FIELDS: &[&str] = &["hasPreviousPage", "hasNextPage", "startCursor", "endCursor"];

/// Every declared field coordinate (`Type.field`) with its rule, in table order.
pub fn declared_fields() -> Vec<(String, Rule)> {
    let table = FIELDS
        .iter()
        .flat_map(|(ty, rule, fields)| fields.iter().map(move |f| (format!("{ty}.{f}"), *rule)));
    let connections = CONNECTIONS.iter().flat_map(|node| {
        let connection = CONNECTION_FIELDS
            .iter()
            .map(move |f| format!("{node}Connection.{f}"));
        let edge = EDGE_FIELDS.iter().map(move |f| format!("{node}Edge.{f}"));
        connection.chain(edge)
    });
    let page_info = PAGE_INFO_FIELDS.iter().map(|f| format!("PageInfo.{f}"));
    table
        .chain(
            connections
                .chain(page_info)
                .map(|coordinate| (coordinate, CONNECTION_RULE)),
        )
        .collect()
}

static TABLE: LazyLock<HashMap<String, Rule>> =
    LazyLock::new(|| declared_fields().into_iter().collect());

/// The rule for a field coordinate, if one is declared.
pub fn rule(coordinate: &str) -> Option<Rule> {
    TABLE.get(coordinate).copied()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use async_graphql::parser::types::{TypeKind, TypeSystemDefinition};

    use super::*;

    /// `Type.field` for every field of every object and interface type in
    /// the checked-in SDL.
    fn schema_fields() -> BTreeSet<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(crate::SCHEMA_PATH);
        let sdl = std::fs::read_to_string(&path).expect("schema/schema.graphql");
        let doc = async_graphql::parser::parse_schema(&sdl).expect("the SDL parses");
        let mut out = BTreeSet::new();
        for def in doc.definitions {
            let TypeSystemDefinition::Type(ty) = def else {
                continue;
            };
            let name = ty.node.name.node.to_string();
            let fields = match &ty.node.kind {
                TypeKind::Object(o) => &o.fields,
                TypeKind::Interface(i) => &i.fields,
                _ => continue,
            };
            for f in fields {
                out.insert(format!("{name}.{}", f.node.name.node));
            }
        }
        out
    }

    #[test]
    fn every_rule_names_a_schema_field_and_every_field_has_one() {
        let in_schema = schema_fields();
        let declared: BTreeSet<String> = declared_fields().into_iter().map(|(c, _)| c).collect();
        let stale: Vec<_> = declared.difference(&in_schema).collect();
        let missing: Vec<_> = in_schema.difference(&declared).collect();
        assert!(
            stale.is_empty(),
            "rules for fields the schema does not have: {stale:?}"
        );
        assert!(missing.is_empty(), "fields without a rule: {missing:?}");
    }

    #[test]
    fn no_field_is_declared_twice() {
        let mut seen = std::collections::HashSet::new();
        for (f, _) in declared_fields() {
            assert!(seen.insert(f.clone()), "{f} is declared twice");
        }
    }
}
