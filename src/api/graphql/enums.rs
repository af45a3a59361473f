//! GraphQL enums mirroring the domain's.

use async_graphql::Enum;

use crate::domain;

macro_rules! mirror {
    ($(#[$m:meta])* $name:ident => $domain:ident { $($(#[$vm:meta])* $v:ident => $d:ident),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl From<domain::$domain> for $name {
            fn from(v: domain::$domain) -> Self {
                match v { $(domain::$domain::$d => $name::$v),+ }
            }
        }

        impl From<$name> for domain::$domain {
            fn from(v: $name) -> Self {
                match v { $($name::$v => domain::$domain::$d),+ }
            }
        }
    };
}

mirror!(
    /// Where a person is in their time with the organisation.
    PersonStatus => PersonStatus { Active => Active, Leaving => Leaving, Left => Left }
);
mirror!(
    /// How we know a person has a skill: self-declared < endorsed < evidenced < harvested.
    SkillSource => SkillSource { #[graphql(name = "SELF")] SelfDeclared => SelfDeclared, Endorsed => Endorsed, Evidence => Evidence, Harvested => Harvested }
);
mirror!(
    /// A member's role in a community: a lead curates it.
    CommunityRole => CommunityRole { Lead => Lead, Expert => Expert, Member => Member }
);
mirror!(
    /// Whether anyone may join a community or must ask.
    Visibility => Visibility { Open => Open, Closed => Closed }
);
mirror!(
    /// Where a harvest interview is: SCHEDULED → IN_PROGRESS → COMPLETED →
    /// PUBLISHED, and DISPOSED at the end of retention.
    InterviewStatus => InterviewStatus { Scheduled => Scheduled, InProgress => InProgress, Completed => Completed, Published => Published, Disposed => Disposed }
);
mirror!(
    /// Where a question came from: an HR question set, the graph, or typed in.
    QuestionOrigin => QuestionOrigin { Template => Template, Generated => Generated, Custom => Custom }
);
mirror!(
    /// The part of an interview record a disposal destroyed.
    RecordPart => RecordPart { Transcript => Transcript, Summary => Summary }
);
mirror!(
    /// Where a request to join a closed community is.
    RequestStatus => RequestStatus { Pending => Pending, Approved => Approved, Declined => Declined, Withdrawn => Withdrawn }
);
mirror!(
    /// A request to join (decided by the leads) or an invitation (decided by
    /// the person invited).
    RequestKind => RequestKind { Join => Join, Invitation => Invitation }
);
mirror!(
    /// Proposed (waiting for an admin), active, or archived by its leads.
    CommunityStatus => CommunityStatus { Proposed => Proposed, Active => Active, Archived => Archived }
);
mirror!(
    /// What a disposal request asks for: a retention period below the
    /// configured one, or the transcript destroyed now.
    DisposalKind => DisposalKind { Shorten => Shorten, Dispose => Dispose }
);
mirror!(
    /// Where a disposal request is.
    DisposalRequestStatus => DisposalRequestStatus { Pending => Pending, Approved => Approved, Rejected => Rejected, Withdrawn => Withdrawn }
);
mirror!(
    /// A decision on a disposal request: a second person approves or
    /// rejects; the requester may withdraw.
    DisposalDecision => Decision { Approve => Approve, Reject => Reject, Withdraw => Withdraw }
);
mirror!(
    /// PUBLIC: its accepted answer becomes evidence anyone can find; PRIVATE: never.
    QuestionVisibility => QuestionVisibility { Public => Public, Private => Private }
);
mirror!(
    /// OPEN until the asker accepts an answer (ANSWERED) or says none helped (CLOSED).
    QuestionStatus => QuestionStatus { Open => Open, Answered => Answered, Closed => Closed }
);
mirror!(
    /// What became of a question with one person: ROUTED (waiting for them),
    /// ANSWERED, DECLINED ("not me"), PASSED (to a colleague), or SKIPPED
    /// (the fair-share cap, leaving soon: see the reason), or WITHDRAWN (they
    /// left before answering; it went on to the next person).
    RouteState => RouteState { Routed => Routed, Answered => Answered, Declined => Declined, Passed => Passed, Skipped => Skipped, Withdrawn => Withdrawn }
);
